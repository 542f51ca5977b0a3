//! A tiny stable content hash (64-bit FNV-1a) for story ids and the versions
//! of rule and gazetteer files. The std hasher is not guaranteed stable
//! across Rust releases, and these values are published and compared.

/// Incremental 64-bit FNV-1a.
#[derive(Debug, Clone, Copy)]
pub struct Fnv64(u64);

impl Fnv64 {
    pub fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }

    /// The hash as 12 hex digits, short enough for a label value.
    pub fn short_hex(&self) -> String {
        format!("{:012x}", self.0 & 0xffff_ffff_ffff)
    }
}

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64::new()
    }
}

/// FNV-1a of `bytes` in one call.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv64::new();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        let mut h = Fnv64::new();
        h.write(b"a");
        assert_eq!(h.short_hex(), "dc4c8601ec8c");
    }
}
