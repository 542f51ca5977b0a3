//! Country and bloc codes as a small `Copy` value.
//!
//! Every party slot of an event (actor, imposer, buyer, participants, ...)
//! is a code: ISO 3166-1 alpha-2 (`UA`, `GB`) or a bloc (`EU`, `UN`,
//! `NATO`). The classifier compares and copies them on every mention it
//! reads, so they are four inline bytes rather than a heap `String`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A country or bloc code: two to four ASCII capitals, stored inline and
/// padded with zero bytes (so the derived order is the codes' string order).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 4]);

impl CountryCode {
    /// The code `s` names, or `None` unless it is two to four ASCII capitals.
    pub fn new(s: &str) -> Option<CountryCode> {
        let b = s.as_bytes();
        if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        let mut code = [0u8; 4];
        code[..b.len()].copy_from_slice(b);
        Some(CountryCode(code))
    }

    /// The code as written in records (`"UA"`, `"NATO"`).
    pub fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(4);
        // only ASCII capitals are ever stored
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

/// A code reads as its text wherever a `&str` is wanted (`code.as_deref()`,
/// `BLOCS.contains(&&*code)`).
impl std::ops::Deref for CountryCode {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for CountryCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CountryCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CountryCode, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        CountryCode::new(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{s:?} is not a country code (ISO 3166-1 alpha-2 such as UA, or EU, UN, NATO)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_two_to_four_capitals_round_trip() {
        for s in ["UA", "GB", "EU", "NATO"] {
            let c = CountryCode::new(s).unwrap();
            assert_eq!(c.as_str(), s);
            assert_eq!(c, s);
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{s}\""));
            let back: CountryCode = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(back, c);
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for s in ["", "U", "ua", "U1", "NATOS", "Ü"] {
            assert_eq!(CountryCode::new(s), None, "{s:?}");
        }
        assert!(serde_json::from_str::<CountryCode>("\"uk\"").is_err());
    }

    #[test]
    fn order_is_the_strings_order() {
        let mut codes: Vec<CountryCode> = ["US", "NATO", "EU", "UA", "UN"]
            .iter()
            .filter_map(|s| CountryCode::new(s))
            .collect();
        codes.sort();
        let names: Vec<&str> = codes.iter().map(CountryCode::as_str).collect();
        assert_eq!(names, ["EU", "NATO", "UA", "UN", "US"]);
    }
}
