//! The crate's two seeded pseudo-random generators, private to the crate: SplitMix64 (fast, for
//! seeding and synthetic data) and xoshiro256\*\* (the Monte Carlo stream of
//! [`stats::uncertainty`](crate::stats::uncertainty)). Both are written out here so that their
//! streams are fixed by this crate, not by a dependency.

/// SplitMix64: a tiny, fast, seedable generator (Steele, Lea & Flood 2014).
///
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    #[inline]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    #[cfg_attr(not(feature = "synth"), allow(dead_code))]
    #[inline]
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n` (`0 < n < 2^32`).
    #[cfg_attr(not(feature = "synth"), allow(dead_code))]
    #[inline]
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
}

/// The crate's seeded pseudo-random generator: xoshiro256\*\* seeded through SplitMix64.
///
/// The algorithm and the seeding are part of this crate's contract (see
/// [`stats::uncertainty`](crate::stats::uncertainty#the-generator)): the same seed gives the same
/// stream in every version.
///
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Xoshiro256 {
    s: [u64; 4],
}

impl Xoshiro256 {
    /// The generator for `seed`: the state is four successive SplitMix64 outputs.
    pub(crate) fn new(seed: u64) -> Xoshiro256 {
        let mut sm = SplitMix64::new(seed);
        Xoshiro256 { s: [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()] }
    }

    /// The next 64-bit output of xoshiro256\*\*.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in the open interval `(0, 1)`: `((x >> 11) + ½) · 2⁻⁵³`.
    pub(crate) fn next_open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_uniform_in_range() {
        let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
        assert_eq!(a.next_u64(), b.next_u64());
        assert!((0.0..1.0).contains(&a.next_f64()));
        assert!(a.below(10) < 10);
    }

    #[test]
    fn splitmix_first_output_of_seed_zero_is_the_published_one() {
        // SplitMix64 from state 0: first output 0xE220A8397B1DCDAF (Vigna's reference code)
        let rng = Xoshiro256::new(0);
        assert_eq!(rng.s[0], 0xE220_A839_7B1D_CDAF);
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn the_xoshiro_stream_is_fixed() {
        // reference outputs from an independent Python implementation of SplitMix64 seeding and
        // xoshiro256** (Blackman and Vigna's reference algorithm), run when this test was written
        for (seed, expected) in [
            (0u64, [0x99ec_5f36_cb75_f2b4u64, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0]),
            (42, [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1]),
        ] {
            let mut rng = Xoshiro256::new(seed);
            let got = [rng.next_u64(), rng.next_u64(), rng.next_u64()];
            assert_eq!(got, expected, "seed {seed}");
        }
        // and a uniform draw is ((x >> 11) + 1/2) / 2^53
        let mut rng = Xoshiro256::new(42);
        assert_eq!(rng.next_open01(), ((0x1578_0b2e_0c2e_c716u64 >> 11) as f64 + 0.5) / 9_007_199_254_740_992.0);
        let u = Xoshiro256::new(7).next_open01();
        assert!(0.0 < u && u < 1.0);
    }
}
