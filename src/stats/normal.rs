//! The error function and the standard normal distribution, in double precision.
//!
//! # Formulas
//!
//! - `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt`, `erfc(x) = 1 − erf(x)` ([`erf`], [`erfc`]);
//! - standard normal distribution function `Φ(z) = ½ erfc(−z/√2)` ([`cdf`]) and its upper tail
//!   `Q(z) = 1 − Φ(z) = ½ erfc(z/√2)` ([`sf`]), density `φ(z) = e^(−z²/2)/√(2π)` ([`pdf`]).
//!
//! # Method and source
//!
//! W. J. Cody, "Rational Chebyshev approximations for the error function", *Mathematics of
//! Computation* 23 (1969), 631–637, as implemented in Cody's `CALERF` (SPECFUN, Argonne
//! National Laboratory): three rational approximations,
//!
//! | interval | approximates |
//! |---|---|
//! | `|x| ≤ 0.46875` | `erf(x) = x·P₄(x²)/Q₄(x²)` |
//! | `0.46875 < |x| ≤ 4` | `erfc(x) = e^(−x²)·P₈(x)/Q₈(x)` |
//! | `|x| > 4` | `erfc(x) = e^(−x²)/x·(1/√π + 1/x²·P₅(1/x²)/Q₅(1/x²))` |
//!
//! with Cody's published coefficients, and `e^(−x²)` evaluated as `e^(−⌊16x⌋²/256)·e^(−δ)` so that
//! the square is not rounded. The relative error is of the order of 10⁻¹⁶ for `erf` and for
//! `erfc` over its whole range, including the far tail (`erfc(26) ≈ 5.7·10⁻²⁹⁶`), where
//! `1 − erf(x)` would give 0. [`sf`] and [`cdf`] divide the argument by √2 first, which adds a
//! relative error of about `z²` units in the last place (≈ 10⁻¹⁴ at `z = 8`).
//!
//! # Worked example
//!
//! `erfc(1) = 0.157 299 207 050 285 130 66…`; the 5th percentile of a standard normal is
//! `−1.644 853 626 951 472 7`, so `Φ` there is 0.05:
//!
//! ```
//! use critical_minerals::stats::normal::{cdf, erfc};
//!
//! assert!((erfc(1.0) - 0.157_299_207_050_285_13).abs() < 1e-16);
//! assert!((cdf(-1.644_853_626_951_472_7) - 0.05).abs() < 1e-15);
//! ```

// Cody's coefficients are written with their published digits (more than f64 holds).
#![allow(clippy::excessive_precision)]

/// 1/√π.
const ONE_OVER_SQRT_PI: f64 = 5.641_895_835_477_562_869_5e-1;

/// erf on `|x| ≤ 0.46875`, numerator (A) and denominator (B).
const A: [f64; 5] = [
    3.161_123_743_870_565_60e0,
    1.138_641_541_510_501_56e2,
    3.774_852_376_853_020_21e2,
    3.209_377_589_138_469_47e3,
    1.857_777_061_846_031_53e-1,
];
const B: [f64; 4] =
    [2.360_129_095_234_412_09e1, 2.440_246_379_344_441_73e2, 1.282_616_526_077_372_28e3, 2.844_236_833_439_170_62e3];

/// erfc on `0.46875 < |x| ≤ 4`, numerator (C) and denominator (D).
const C: [f64; 9] = [
    5.641_884_969_886_700_89e-1,
    8.883_149_794_388_375_94e0,
    6.611_919_063_714_162_95e1,
    2.986_351_381_974_001_31e2,
    8.819_522_212_417_690_90e2,
    1.712_047_612_634_070_58e3,
    2.051_078_377_826_071_47e3,
    1.230_339_354_797_997_25e3,
    2.153_115_354_744_038_46e-8,
];
const D: [f64; 8] = [
    1.574_492_611_070_983_47e1,
    1.176_939_508_913_124_99e2,
    5.371_811_018_620_098_58e2,
    1.621_389_574_566_690_19e3,
    3.290_799_235_733_459_63e3,
    4.362_619_090_143_247_16e3,
    3.439_367_674_143_721_64e3,
    1.230_339_354_803_749_42e3,
];

/// erfc on `|x| > 4`, numerator (P) and denominator (Q), in `1/x²`.
const P: [f64; 6] = [
    3.053_266_349_612_323_44e-1,
    3.603_448_999_498_044_39e-1,
    1.257_817_261_112_292_46e-1,
    1.608_378_514_874_227_66e-2,
    6.587_491_615_298_378_03e-4,
    1.631_538_713_730_209_78e-2,
];
const Q: [f64; 5] = [
    2.568_520_192_289_822_42e0,
    1.872_952_849_923_460_47e0,
    5.279_051_029_514_284_12e-1,
    6.051_834_131_244_131_91e-2,
    2.335_204_976_268_691_85e-3,
];

/// Beyond this, `erfc(x)` underflows to 0 in `f64`.
const X_BIG: f64 = 26.543;

/// `x·P₄(x²)/Q₄(x²)`: erf for `|x| ≤ 0.46875`.
fn erf_small(x: f64) -> f64 {
    let y = x.abs();
    let ysq = if y > 1.11e-16 { y * y } else { 0.0 };
    let mut num = A[4] * ysq;
    let mut den = ysq;
    for i in 0..3 {
        num = (num + A[i]) * ysq;
        den = (den + B[i]) * ysq;
    }
    x * (num + A[3]) / (den + B[3])
}

/// `e^(−y²)` without rounding `y²` (Cody's split at multiples of 1/16).
fn exp_minus_square(y: f64) -> f64 {
    let ysq = (y * 16.0).trunc() / 16.0;
    let del = (y - ysq) * (y + ysq);
    (-ysq * ysq).exp() * (-del).exp()
}

/// erfc for `y > 0.46875`.
fn erfc_large(y: f64) -> f64 {
    if y <= 4.0 {
        let mut num = C[8] * y;
        let mut den = y;
        for i in 0..7 {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        exp_minus_square(y) * (num + C[7]) / (den + D[7])
    } else if y < X_BIG {
        let ysq = 1.0 / (y * y);
        let mut num = P[5] * ysq;
        let mut den = ysq;
        for i in 0..4 {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        let r = ysq * (num + P[4]) / (den + Q[4]);
        exp_minus_square(y) * (ONE_OVER_SQRT_PI - r) / y
    } else {
        0.0
    }
}

/// The error function. NaN gives NaN; `±∞` gives `±1`.
///
/// # Examples
///
/// ```
/// use critical_minerals::stats::normal::erf;
///
/// assert!((erf(0.5) - 0.520_499_877_813_046_54).abs() < 1e-16);
/// assert_eq!(erf(-f64::INFINITY), -1.0);
/// ```
pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let y = x.abs();
    if y <= 0.46875 {
        erf_small(x)
    } else {
        let r = 1.0 - erfc_large(y);
        if x < 0.0 { -r } else { r }
    }
}

/// The complementary error function `1 − erf(x)`, accurate in relative terms in the upper tail.
/// NaN gives NaN; `+∞` gives 0 and `−∞` gives 2.
///
/// # Examples
///
/// ```
/// use critical_minerals::stats::normal::erfc;
///
/// // erfc(5) = 1.537 459 794 428 034 85e-12
/// assert!((erfc(5.0) / 1.537_459_794_428_034_85e-12 - 1.0).abs() < 1e-14);
/// assert_eq!(erfc(0.0), 1.0);
/// ```
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let y = x.abs();
    if y <= 0.46875 {
        return 1.0 - erf_small(x);
    }
    let r = erfc_large(y);
    if x < 0.0 { 2.0 - r } else { r }
}

/// The standard normal distribution function `Φ(z)`.
///
/// # Examples
///
/// ```
/// use critical_minerals::stats::normal::cdf;
///
/// assert_eq!(cdf(0.0), 0.5);
/// // 3.333… standard deviations below the mean (ODYM's normal lifetime 5 ± 1.5 at age 0)
/// assert!((cdf(-5.0 / 1.5) / 4.290_603_331_968_375e-4 - 1.0).abs() < 1e-13);
/// ```
pub fn cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// The standard normal survival function `Q(z) = 1 − Φ(z)`, accurate in the upper tail.
///
/// # Examples
///
/// ```
/// use critical_minerals::stats::normal::sf;
///
/// assert!((sf(8.0) / 6.220_960_574_271_784e-16 - 1.0).abs() < 1e-13);
/// ```
pub fn sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The standard normal density `φ(z)`.
///
/// # Examples
///
/// ```
/// use critical_minerals::stats::normal::pdf;
///
/// assert!((pdf(0.0) - 0.398_942_280_401_432_7).abs() < 1e-16);
/// ```
pub fn pdf(z: f64) -> f64 {
    const ONE_OVER_SQRT_2PI: f64 = 0.398_942_280_401_432_677_939_946_059_934_4;
    ONE_OVER_SQRT_2PI * (-0.5 * z * z).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values computed with mpmath at 50 digits.
    #[test]
    fn erfc_matches_high_precision_references() {
        let cases = [
            (0.1, 0.887_537_083_981_715_10),
            (0.46875, 0.507_386_526_782_062_01),
            (0.5, 0.479_500_122_186_953_46),
            (1.0, 0.157_299_207_050_285_13),
            (2.0, 4.677_734_981_047_265_8e-3),
            (3.0, 2.209_049_699_858_544_1e-5),
            (4.0, 1.541_725_790_028_001_9e-8),
            (4.5, 1.966_160_441_542_887_5e-10),
            (6.0, 2.151_973_671_249_891_3e-17),
            (10.0, 2.088_487_583_762_544_8e-45),
            (26.0, 5.663_192_408_856_142_8e-296),
            (-1.0, 1.842_700_792_949_714_87),
        ];
        for (x, want) in cases {
            let got = erfc(x);
            assert!(((got - want) / want).abs() < 2e-15, "erfc({x}) = {got:e}, want {want:e}");
        }
        assert_eq!(erfc(30.0), 0.0);
        assert_eq!(erfc(f64::INFINITY), 0.0);
        assert_eq!(erfc(f64::NEG_INFINITY), 2.0);
        assert!(erfc(f64::NAN).is_nan());
    }

    #[test]
    fn erf_is_odd_and_bounded() {
        for x in [0.0, 1e-20, 0.3, 0.46875, 0.47, 1.5, 3.9, 4.1, 7.0] {
            assert_eq!(erf(-x), -erf(x));
            assert!(erf(x) <= 1.0);
        }
        assert!((erf(1e-10) - 1.128_379_167_095_512_6e-10).abs() < 1e-25);
    }

    #[test]
    fn cdf_and_sf_add_to_one() {
        for z in [-6.0, -2.0, -0.3, 0.0, 0.7, 3.0, 6.0] {
            assert!((cdf(z) + sf(z) - 1.0).abs() < 1e-15);
        }
    }
}
