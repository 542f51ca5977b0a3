//! Calendar arithmetic the classifier needs from a timestamp: no time zones,
//! no parsing, so no date crate.

/// The UTC calendar year of a Unix time in milliseconds (proleptic
/// Gregorian; Howard Hinnant's `civil_from_days`).
pub fn utc_year(ms: i64) -> i32 {
    let days = ms.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let march_based_january_or_february = mp >= 10;
    (yoe + era * 400 + i64::from(march_based_january_or_february)) as i32
}

#[cfg(test)]
mod tests {
    use super::utc_year;

    #[test]
    fn years_turn_at_utc_midnight_on_new_year() {
        assert_eq!(utc_year(0), 1970);
        assert_eq!(utc_year(-1), 1969);
        assert_eq!(utc_year(1_735_689_599_999), 2024); // 2024-12-31T23:59:59.999Z
        assert_eq!(utc_year(1_735_689_600_000), 2025); // 2025-01-01T00:00:00Z
        assert_eq!(utc_year(951_782_400_000), 2000); // 2000-02-29 (leap century)
        assert_eq!(utc_year(1_709_251_199_000), 2024); // 2024-02-29T23:59:59Z
        assert_eq!(utc_year(1_798_761_600_000), 2027); // 2027-01-01T00:00:00Z
    }
}
