//! Small hashes: FNV-1a (64 bit) naming the folder of one index build, FxHash for maps.

/// Running FNV-1a 64-bit hash.
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    /// Hashes 8 bytes at a time (FNV-1a over 64-bit words; the tail is zero-padded).
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for_words(bytes, |n| {
            self.0 ^= n;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        });
        self.0 ^= bytes.len() as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    /// The hash as 16 lowercase hex digits.
    pub(crate) fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// Calls `f` with each 8 bytes of `bytes` as a little-endian number, the last ones zero-padded
/// (without the memcpy call a padded copy of every chunk compiled to).
fn for_words(bytes: &[u8], mut f: impl FnMut(u64)) {
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        f(u64::from_le_bytes([
            w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
        ]));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        f(rest
            .iter()
            .enumerate()
            .fold(0, |n, (i, &b)| n | u64::from(b) << (8 * i)));
    }
}

/// A fast non-cryptographic hasher (FxHash) for the builder's in-memory maps.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for_words(bytes, |n| self.write_u64(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A HashMap using [`Fx`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

#[cfg(test)]
mod tests {
    use super::for_words;

    /// The words are those of a zero-padded copy of each 8 bytes (the hashes name index folders).
    #[test]
    fn words_are_the_zero_padded_chunks() {
        let bytes: Vec<u8> = (1..=40u8).map(|i| i.wrapping_mul(37)).collect();
        for len in 0..=bytes.len() {
            let mut got = Vec::new();
            for_words(&bytes[..len], |n| got.push(n));
            let want: Vec<u64> = bytes[..len]
                .chunks(8)
                .map(|c| {
                    let mut buf = [0u8; 8];
                    buf[..c.len()].copy_from_slice(c);
                    u64::from_le_bytes(buf)
                })
                .collect();
            assert_eq!(got, want, "{len} bytes");
        }
    }
}
