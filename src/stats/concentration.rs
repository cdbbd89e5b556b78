//! Concentration: the Herfindahl–Hirschman index (HHI), concentration ratios (CR-n), the
//! effective number of suppliers, Shannon entropy, the HHI change of a merger, and the
//! classification of an HHI under named merger guidelines.
//!
//! # Formulas
//!
//! With shares `sᵢ` (fractions, see [`share`](super::share)):
//!
//! - `HHI = Σ sᵢ²` ([`hhi`]); in points `10,000 · Σ sᵢ²` (shares in percent, squared);
//! - normalized `HHI* = (HHI − 1/n) / (1 − 1/n)` for `n` suppliers, defined as 1 for `n = 1`
//!   ([`Hhi::normalized`]);
//! - `CR-n = Σ` of the `n` largest shares ([`concentration_ratio`]);
//! - effective number of suppliers `1 / HHI` ([`Hhi::effective_suppliers`]);
//! - Shannon entropy `H = −Σ sᵢ ln sᵢ`, **natural log** (nats), with `0 · ln 0 = 0` ([`entropy`]);
//!   `0 ≤ H ≤ ln n`;
//! - merger of suppliers 1 and 2: `ΔHHI = (s₁ + s₂)² − s₁² − s₂² = 2 s₁ s₂` ([`merger_delta`]).
//!
//! # Scale
//!
//! [`Hhi`] and [`HhiDelta`] are types, never bare numbers: `.fraction()` is on 0–1, `.points()`
//! on 0–10,000. Build one from either scale with `from_fraction` / `from_points`. CR-n is a
//! fraction; entropy is in nats.
//!
//! # The unallocated remainder
//!
//! Shares taken of a published total leave an [`Unallocated`](super::share::Unallocated)
//! remainder. The indices say what they do with it, through [`Remainder`]:
//!
//! - [`Remainder::Excluded`]: listed suppliers only, each still as a share of the published
//!   total; the remainder adds nothing (the limit of a remainder split among many tiny
//!   suppliers). A **lower bound** on the true HHI.
//! - [`Remainder::AsOneSupplier`]: the remainder is one more supplier. An **upper bound**.
//! - For the USGS-style "rows only" figure, build the shares with
//!   [`Denominator::SumOfRows`](super::share::Denominator::SumOfRows); there is no remainder.
//!
//! # Source and worked example
//!
//! USGS, Mineral Commodity Summaries 2025, Lithium (pp. 110–111), 2024 mine production, t Li:
//! on the rows (235,380 t) the HHI is 2,303 points and the top three hold 75.6 %; on the
//! published world total (240,000 t) the top three hold 74.2 % and the HHI is 2,215 points
//! (remainder excluded) to 2,219 points (remainder as one supplier). Under the US 2023
//! guidelines (> 1,800) the market is highly concentrated on either basis.
//!
//! ```
//! use critical_minerals::stats::concentration::{
//!     Band, Guideline, Remainder, classify, concentration_ratio, hhi,
//! };
//! use critical_minerals::stats::share::{Denominator, Shares};
//!
//! let rows = [
//!     ("AR", 18_000.0), ("AU", 88_000.0), ("BR", 10_000.0), ("CA", 4_300.0), ("CL", 49_000.0),
//!     ("CN", 41_000.0), ("NA", 2_700.0), ("PT", 380.0), ("ZW", 22_000.0),
//! ];
//! let listed = Shares::new(rows, Denominator::SumOfRows)?;
//! assert_eq!(hhi(&listed, Remainder::Excluded).points().round(), 2_303.0);
//! assert_eq!((concentration_ratio(&listed, 3, Remainder::Excluded) * 1000.0).round(), 756.0);
//!
//! let world = Shares::new(rows, Denominator::PublishedTotal(240_000.0))?;
//! assert_eq!(hhi(&world, Remainder::Excluded).points().round(), 2_215.0);
//! assert_eq!(hhi(&world, Remainder::AsOneSupplier).points().round(), 2_219.0);
//! assert_eq!((concentration_ratio(&world, 3, Remainder::Excluded) * 1000.0).round(), 742.0);
//!
//! let c = classify(Guideline::UsMerger2023, hhi(&world, Remainder::Excluded));
//! assert_eq!(c.band(), Band::HighlyConcentrated);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Streaming, without allocation
//!
//! [`hhi_of_weights`], [`concentration_ratio_of_weights`] and [`entropy_of_weights`] take any
//! iterator of weights (`&[f64]`, masses, amounts on one basis), make one pass and allocate
//! nothing: the rows-only figures over inputs too large to hold shares for.

use std::fmt;

use serde::Serialize;

use super::share::Shares;
use super::weight::{Weight, checked};
use crate::Error;
use crate::error::Detail;

/// A Herfindahl–Hirschman index. Stored as a fraction; read it on the scale you mean.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::Hhi;
///
/// let h = Hhi::from_points(2_303.0)?; // USGS MCS 2025 lithium 2024, rows only
/// assert_eq!(h.fraction(), 0.2303);
/// assert!((h.effective_suppliers() - 4.34).abs() < 0.01);
/// assert!(Hhi::from_fraction(2_303.0).is_err()); // points passed as a fraction
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
pub struct Hhi(f64);

fn in_unit_range(what: &str, scale: &str, v: f64, max: f64, zero_ok: bool) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: format!("{what} ({scale})"), value: v }.into());
    }
    let ok = if zero_ok { v >= 0.0 } else { v > 0.0 };
    if !ok || v > max {
        let lo = if zero_ok { "0 <=" } else { "0 <" };
        return Err(Detail::OutOfRange {
            what: format!("{what} ({scale})"),
            value: v,
            expected: format!("{lo} value <= {max}"),
        }
        .into());
    }
    Ok(v)
}

impl Hhi {
    /// An HHI from a fraction in `(0, 1]`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange).
    pub fn from_fraction(f: f64) -> Result<Hhi, Error> {
        in_unit_range("HHI", "fraction", f, 1.0, false).map(Hhi)
    }

    /// An HHI from points in `(0, 10,000]`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange).
    pub fn from_points(p: f64) -> Result<Hhi, Error> {
        in_unit_range("HHI", "points", p, 10_000.0, false).map(|p| Hhi(p / 10_000.0))
    }

    /// The HHI on 0–1 (sum of squared fractional shares).
    pub fn fraction(self) -> f64 {
        self.0
    }

    /// The HHI on 0–10,000 (sum of squared percent shares), the scale of the merger guidelines.
    pub fn points(self) -> f64 {
        self.0 * 10_000.0
    }

    /// The effective number of suppliers, `1 / HHI`: as many equal suppliers would give this HHI.
    pub fn effective_suppliers(self) -> f64 {
        1.0 / self.0
    }

    /// The normalized HHI `(HHI − 1/n) / (1 − 1/n)` on 0–1 for `n` suppliers: 0 for equal shares,
    /// 1 for a monopoly. For `n = 1` it is 1 by convention (one supplier is a monopoly).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::concentration::Hhi;
    ///
    /// // four equal suppliers: HHI 2,500 points, normalized 0
    /// assert!(Hhi::from_points(2_500.0)?.normalized(4)?.abs() < 1e-12);
    /// assert_eq!(Hhi::from_fraction(1.0)?.normalized(1)?, 1.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for `n = 0`; [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) when the HHI is below
    /// `1/n` (impossible for `n` suppliers; beyond a `1e-12` tolerance).
    pub fn normalized(self, n: usize) -> Result<f64, Error> {
        if n == 0 {
            return Err(Detail::Empty { what: "suppliers for a normalized HHI".to_string() }.into());
        }
        let floor = 1.0 / n as f64;
        if self.0 < floor - 1e-12 {
            return Err(Detail::OutOfRange {
                what: format!("HHI fraction for {n} suppliers"),
                value: self.0,
                expected: format!("at least 1/n = {floor}"),
            }
            .into());
        }
        if n == 1 {
            return Ok(1.0);
        }
        Ok(((self.0 - floor) / (1.0 - floor)).clamp(0.0, 1.0))
    }
}

impl fmt::Display for Hhi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HHI {:.0} points ({:.4})", self.points(), self.0)
    }
}

/// A change in HHI (a merger's ΔHHI). Stored as a fraction; read it on the scale you mean.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
pub struct HhiDelta(f64);

impl HhiDelta {
    /// A change from a fraction in `[0, 1]`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange).
    pub fn from_fraction(f: f64) -> Result<HhiDelta, Error> {
        in_unit_range("HHI change", "fraction", f, 1.0, true).map(HhiDelta)
    }

    /// A change from points in `[0, 10,000]`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange).
    pub fn from_points(p: f64) -> Result<HhiDelta, Error> {
        in_unit_range("HHI change", "points", p, 10_000.0, true).map(|p| HhiDelta(p / 10_000.0))
    }

    /// The change on the 0–1 scale.
    pub fn fraction(self) -> f64 {
        self.0
    }

    /// The change in points (0–10,000 scale).
    pub fn points(self) -> f64 {
        self.0 * 10_000.0
    }
}

impl fmt::Display for HhiDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ΔHHI {:.0} points ({:.4})", self.points(), self.0)
    }
}

/// What an index does with the unallocated remainder of a published total (see the
/// [module documentation](self)). Shares of [`Denominator::SumOfRows`](super::share::Denominator)
/// have no remainder; both choices then give the same figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Remainder {
    /// Listed suppliers only, as shares of the published total: a lower bound on the HHI.
    Excluded,
    /// The remainder counts as one more supplier: an upper bound on the HHI.
    AsOneSupplier,
}

fn remainder_share<K>(shares: &Shares<K>, remainder: Remainder) -> Option<f64> {
    match remainder {
        Remainder::Excluded => None,
        Remainder::AsOneSupplier => shares.unallocated().map(|u| u.share()),
    }
}

/// The HHI of a share table.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::{Remainder, hhi};
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// // USGS MCS 2025 cobalt 2024 (t Co), world 290,000 t
/// let rows = [
///     ("US", 300.0), ("AU", 3_600.0), ("CA", 4_500.0), ("CD", 220_000.0), ("CU", 3_500.0),
///     ("ID", 28_000.0), ("MG", 2_600.0), ("NC", 1_500.0), ("PG", 2_800.0), ("PH", 3_800.0),
///     ("RU", 8_700.0), ("TR", 2_700.0), ("other", 6_200.0),
/// ];
/// let s = Shares::new(rows, Denominator::PublishedTotal(290_000.0))?;
/// let h = hhi(&s, Remainder::Excluded);
/// assert!(h.points() > 5_800.0 && h.points() < 5_900.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hhi<K>(shares: &Shares<K>, remainder: Remainder) -> Hhi {
    let listed: f64 = shares.iter().map(|e| e.share() * e.share()).sum();
    let rest = remainder_share(shares, remainder).map_or(0.0, |u| u * u);
    Hhi((listed + rest).min(1.0))
}

/// The share of the `n` largest suppliers, as a fraction. With [`Remainder::AsOneSupplier`] the
/// remainder competes for a place among the `n` like any supplier. `n = 0` gives 0.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::{Remainder, concentration_ratio};
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// // USGS MCS 2025 natural graphite 2024 (t), China 1.27 Mt, rows only
/// let rows = [("CN", 1_270_000.0), ("MG", 89_000.0), ("MZ", 75_000.0), ("BR", 68_000.0)];
/// let s = Shares::new(rows, Denominator::SumOfRows)?;
/// assert_eq!(concentration_ratio(&s, 1, Remainder::Excluded), s.share_of("CN").unwrap());
/// assert!((concentration_ratio(&s, 9, Remainder::Excluded) - 1.0).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn concentration_ratio<K>(shares: &Shares<K>, n: usize, remainder: Remainder) -> f64 {
    let mut rest = remainder_share(shares, remainder);
    let mut sum = 0.0f64;
    let mut listed = shares.iter().map(|e| e.share()).peekable();
    for _ in 0..n {
        let next_listed = listed.peek().copied();
        match (next_listed, rest) {
            (Some(l), Some(u)) if u > l => {
                sum += u;
                rest = None;
            }
            (Some(l), _) => {
                sum += l;
                listed.next();
            }
            (None, Some(u)) => {
                sum += u;
                rest = None;
            }
            (None, None) => break,
        }
    }
    sum.min(1.0)
}

/// Shannon entropy of a share table, natural log (nats), `0 · ln 0 = 0`. At most `ln n`.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::{Remainder, entropy};
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// // USGS MCS 2025 lithium 2024 rows: 1.686 nats, i.e. e^1.686 = 5.4 "equivalent" producers
/// let rows = [("AR", 18_000.0), ("AU", 88_000.0), ("BR", 10_000.0), ("CA", 4_300.0),
///     ("CL", 49_000.0), ("CN", 41_000.0), ("NA", 2_700.0), ("PT", 380.0), ("ZW", 22_000.0)];
/// let s = Shares::new(rows, Denominator::SumOfRows)?;
/// assert!((entropy(&s, Remainder::Excluded) - 1.686).abs() < 5e-4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn entropy<K>(shares: &Shares<K>, remainder: Remainder) -> f64 {
    let term = |s: f64| if s > 0.0 { -s * s.ln() } else { 0.0 };
    let listed: f64 = shares.iter().map(|e| term(e.share())).sum();
    (listed + remainder_share(shares, remainder).map_or(0.0, term)).max(0.0)
}

/// The HHI change if suppliers `a` and `b` of a share table merged: `2 · s_a · s_b`.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::merger_delta;
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// // USGS MCS 2025 lithium 2024: Chile (49,000 t) and Argentina (18,000 t) of a 240,000 t world
/// let s = Shares::new([("CL", 49_000.0), ("AR", 18_000.0), ("AU", 88_000.0)],
///     Denominator::PublishedTotal(240_000.0))?;
/// let d = merger_delta(&s, "CL", "AR")?;
/// assert!((d.points() - 2.0 * 49.0 / 240.0 * 18.0 / 240.0 * 10_000.0).abs() < 1e-9);
/// assert!(merger_delta(&s, "CL", "CL").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a key not in the table; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) when
/// `a` and `b` are the same supplier.
pub fn merger_delta<K, Q>(shares: &Shares<K>, a: &Q, b: &Q) -> Result<HhiDelta, Error>
where
    K: Ord + fmt::Debug + std::borrow::Borrow<Q>,
    Q: Ord + fmt::Debug + ?Sized,
{
    if a == b {
        return Err(Detail::DuplicateKey { what: "merger".to_string(), key: format!("{a:?}") }.into());
    }
    let get = |k: &Q| {
        shares.share_of(k).ok_or_else(|| Detail::UnknownKey { what: "merger".to_string(), key: format!("{k:?}") })
    };
    Ok(HhiDelta((2.0 * get(a)? * get(b)?).min(1.0)))
}

/// The HHI change of merging two suppliers with fractional shares `s1` and `s2`: `2 · s1 · s2`.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::merger_delta_of_shares;
///
/// // two suppliers of 20 % and 10 %: 2 · 20 · 10 = 400 points
/// assert!((merger_delta_of_shares(0.2, 0.1)?.points() - 400.0).abs() < 1e-9);
/// assert!(merger_delta_of_shares(0.7, 0.6).is_err()); // shares above 100 % together
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite); [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a share outside `[0, 1]` or
/// two shares summing above 1 (beyond `1e-12`).
pub fn merger_delta_of_shares(s1: f64, s2: f64) -> Result<HhiDelta, Error> {
    in_unit_range("first merging share", "fraction", s1, 1.0, true)?;
    in_unit_range("second merging share", "fraction", s2, 1.0, true)?;
    if s1 + s2 > 1.0 + 1e-12 {
        return Err(Detail::OutOfRange {
            what: "sum of the two merging shares (fraction)".to_string(),
            value: s1 + s2,
            expected: "at most 1".to_string(),
        }
        .into());
    }
    Ok(HhiDelta(2.0 * s1 * s2))
}

/// One pass over weights: the first value (for compatibility checks), validation, and a fold.
fn fold_weights<W: Weight, A>(
    weights: impl IntoIterator<Item = W>,
    what: &str,
    init: A,
    mut f: impl FnMut(A, f64) -> A,
) -> Result<(A, f64, usize), Error> {
    let mut iter = weights.into_iter();
    let Some(first) = iter.next() else {
        return Err(Detail::Empty { what: what.to_string() }.into());
    };
    let v = checked(|| format!("{what}: weight 0"), first.magnitude())?;
    let (mut acc, mut sum, mut n) = (f(init, v), v, 1usize);
    for w in iter {
        w.check_compatible(&first)?;
        let v = checked(|| format!("{what}: weight {n}"), w.magnitude())?;
        acc = f(acc, v);
        sum += v;
        n += 1;
    }
    if !sum.is_finite() {
        return Err(Detail::NotFinite { what: format!("{what}: sum of {n} weights"), value: sum }.into());
    }
    if sum <= 0.0 {
        return Err(Detail::ZeroTotal { what: format!("{what} ({n} weights)") }.into());
    }
    Ok((acc, sum, n))
}

/// The rows-only HHI of weights, in one pass and without allocation (`Σ wᵢ² / (Σ wᵢ)²`, with the
/// squares accumulated relative to the largest weight so large magnitudes do not overflow).
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::hhi_of_weights;
///
/// // USGS MCS 2025 lithium 2024 country rows (t Li)
/// let li = [18_000.0, 88_000.0, 10_000.0, 4_300.0, 49_000.0, 41_000.0, 2_700.0, 380.0, 22_000.0];
/// assert_eq!(hhi_of_weights(&li)?.points().round(), 2_303.0);
/// assert!(hhi_of_weights([1.0, f64::NAN]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty), [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) / [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming
/// the weight's position, [`Error`](crate::Error) for amounts on different bases,
/// [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal).
pub fn hhi_of_weights<W: Weight>(weights: impl IntoIterator<Item = W>) -> Result<Hhi, Error> {
    // (scale, Σ (w/scale)²), as in a scaled Euclidean norm
    let ((scale, ssq), sum, _) = fold_weights(weights, "HHI weights", (0.0f64, 0.0f64), |(scale, ssq), w| {
        if w > scale {
            let r = if scale > 0.0 { scale / w } else { 0.0 };
            (w, ssq * r * r + 1.0)
        } else if w > 0.0 {
            let r = w / scale;
            (scale, ssq + r * r)
        } else {
            (scale, ssq)
        }
    })?;
    let rel = sum / scale;
    Ok(Hhi((ssq / (rel * rel)).min(1.0)))
}

/// The rows-only concentration ratio CR-`N` of weights (a fraction), in one pass with a
/// fixed `[f64; N]` buffer and no allocation. `N = 0` gives 0.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::concentration_ratio_of_weights;
///
/// // USGS MCS 2025 lithium 2024 country rows (t Li): the top three hold 75.6 % of the rows
/// let li = [18_000.0, 88_000.0, 10_000.0, 4_300.0, 49_000.0, 41_000.0, 2_700.0, 380.0, 22_000.0];
/// let cr3 = concentration_ratio_of_weights::<3, _, _>(&li)?;
/// assert!((cr3 - 178_000.0 / 235_380.0).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`hhi_of_weights`].
pub fn concentration_ratio_of_weights<const N: usize, W: Weight, I: IntoIterator<Item = W>>(
    weights: I,
) -> Result<f64, Error> {
    let (top, sum, _) = fold_weights(weights, "CR-n weights", [f64::NEG_INFINITY; N], |mut top, w| {
        // insert w into the descending buffer, dropping the smallest
        if let Some(last) = top.last_mut()
            && w > *last
        {
            *last = w;
            let mut i = N - 1;
            while i > 0 && top[i] > top[i - 1] {
                top.swap(i, i - 1);
                i -= 1;
            }
        }
        top
    })?;
    let head: f64 = top.iter().filter(|v| v.is_finite()).sum();
    Ok((head / sum).min(1.0))
}

/// The rows-only Shannon entropy of weights (nats), in one pass and without allocation:
/// `ln T − Σ wᵢ ln wᵢ / T`, computed on weights rescaled by the running maximum (as
/// [`hhi_of_weights`] does), so that neither tiny nor huge weights overflow.
///
/// When a weight `w` above the current scale `s` arrives, the sums kept so far are moved to the
/// new scale: with `c = s / w`, `Σ (c·r) ln(c·r) = c·Σ r ln r + c·ln c·Σ r` and `Σ c·r = c·Σ r`.
///
/// # Examples
///
/// ```
/// use critical_minerals::stats::concentration::entropy_of_weights;
///
/// // four equal producers: ln 4
/// assert!((entropy_of_weights([2_700.0; 4])? - 4f64.ln()).abs() < 1e-12);
/// // a negligible producer next to two equal ones: ln 2, whatever the magnitudes
/// assert!((entropy_of_weights([1e-300, 1e10, 1e10])? - 2f64.ln()).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`hhi_of_weights`]; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) if the result is
/// not a finite number (it never is for valid weights).
pub fn entropy_of_weights<W: Weight>(weights: impl IntoIterator<Item = W>) -> Result<f64, Error> {
    // (scale = running maximum, Σ r ln r, Σ r) with r = w / scale
    let ((_, wlnw, sum_rel), _, _) =
        fold_weights(weights, "entropy weights", (0.0f64, 0.0f64, 0.0f64), |(scale, acc, srel), w| {
            if w <= 0.0 {
                (scale, acc, srel)
            } else if w > scale {
                // c underflows to 0 when the new weight dwarfs the old ones: they then count as 0
                let c = if scale > 0.0 { scale / w } else { 0.0 };
                (w, c * acc + x_ln_x(c) * srel, c * srel + 1.0)
            } else {
                (scale, acc + x_ln_x(w / scale), srel + w / scale)
            }
        })?;
    let h = crate::validate::finite("entropy of the weights", sum_rel.ln() - wlnw / sum_rel)?;
    // rounding can leave a single producer at -1e-16: entropy is never below zero
    Ok(h.max(0.0))
}

/// `x ln x`, with its limit 0 at `x = 0` (a weight that underflows next to the largest one).
fn x_ln_x(x: f64) -> f64 {
    if x > 0.0 { x * x.ln() } else { 0.0 }
}

/// A set of merger guidelines whose HHI thresholds this crate applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Guideline {
    /// US DOJ & FTC Merger Guidelines, 18 December 2023, Guideline 1 (§2.1): HHI greater than
    /// 1,800 is highly concentrated; a change of more than 100 points is a significant increase.
    UsMerger2023,
    /// US DOJ & FTC Horizontal Merger Guidelines, 19 August 2010, §5.3: below 1,500
    /// unconcentrated, 1,500–2,500 moderately, above 2,500 highly concentrated; changes of 100 and
    /// 200 points.
    UsHorizontal2010,
    /// EU Guidelines on the assessment of horizontal mergers, 2004/C 31/03, paras 19–21: concerns
    /// unlikely below 1,000, at 1,000–2,000 with a change below 250, above 2,000 with a change
    /// below 150.
    EuHorizontal2004,
}

impl Guideline {
    /// The guideline's short name.
    pub fn name(self) -> &'static str {
        match self {
            Guideline::UsMerger2023 => "US DOJ/FTC Merger Guidelines 2023",
            Guideline::UsHorizontal2010 => "US DOJ/FTC Horizontal Merger Guidelines 2010",
            Guideline::EuHorizontal2004 => "EU Horizontal Merger Guidelines 2004",
        }
    }

    /// The citation of the passage the thresholds come from.
    pub fn citation(self) -> &'static str {
        match self {
            Guideline::UsMerger2023 => {
                "U.S. Department of Justice and Federal Trade Commission, Merger Guidelines \
                 (18 December 2023), Guideline 1, section 2.1"
            }
            Guideline::UsHorizontal2010 => {
                "U.S. Department of Justice and Federal Trade Commission, Horizontal Merger \
                 Guidelines (19 August 2010), section 5.3"
            }
            Guideline::EuHorizontal2004 => {
                "European Commission, Guidelines on the assessment of horizontal mergers under the \
                 Council Regulation on the control of concentrations between undertakings, \
                 2004/C 31/03, OJ C 31, 5.2.2004, pp. 5-18, paragraphs 19-21"
            }
        }
    }
}

impl fmt::Display for Guideline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The concentration band of a (post-merger) HHI under a guideline. Boundaries follow each
/// guideline's wording; see [`classify`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Band {
    /// US 2023: HHI at most 1,800 (the 2023 guidelines define no lower bands).
    NotHighlyConcentrated,
    /// US 2010: below 1,500.
    Unconcentrated,
    /// US 2010: 1,500 to 2,500, both included.
    ModeratelyConcentrated,
    /// US 2023: above 1,800; US 2010: above 2,500.
    HighlyConcentrated,
    /// EU 2004 para 19: below 1,000.
    Below1000,
    /// EU 2004 para 20: 1,000 to 2,000, both included.
    From1000To2000,
    /// EU 2004 para 20: above 2,000.
    Above2000,
}

/// What a guideline says about a merger given its post-merger HHI and ΔHHI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Verdict {
    /// US 2023: HHI > 1,800 and ΔHHI > 100: the merger is presumed to substantially lessen
    /// competition.
    PresumedToLessenCompetition,
    /// US 2023: not both thresholds exceeded: no HHI-based presumption (the guidelines' share-
    /// based presumption, merged share above 30 % with ΔHHI > 100, is not assessed here).
    NoHhiPresumption,
    /// US 2010: ΔHHI below 100, or an unconcentrated market: unlikely to have adverse effects.
    UnlikelyAdverseEffects,
    /// US 2010: moderately concentrated with ΔHHI above 100, or highly concentrated with ΔHHI
    /// from 100 to 200: potentially raises significant competitive concerns.
    PotentialSignificantConcerns,
    /// US 2010: highly concentrated with ΔHHI above 200: presumed likely to enhance market power.
    PresumedToEnhanceMarketPower,
    /// EU 2004 paras 19–20: horizontal competition concerns unlikely.
    ConcernsUnlikely,
    /// EU 2004: outside the safe harbours of paras 19–20; para 21: no presumption either way.
    NotScreenedOut,
    /// A case the guideline's wording leaves open: US 2010, moderately concentrated with ΔHHI of
    /// exactly 100 (neither "less than 100" nor "more than 100").
    NotAddressed,
}

impl fmt::Display for Band {
    /// The band in words: `highly concentrated`, `1,000-2,000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Band::NotHighlyConcentrated => "not highly concentrated",
            Band::Unconcentrated => "unconcentrated",
            Band::ModeratelyConcentrated => "moderately concentrated",
            Band::HighlyConcentrated => "highly concentrated",
            Band::Below1000 => "below 1,000",
            Band::From1000To2000 => "1,000-2,000",
            Band::Above2000 => "above 2,000",
        })
    }
}

impl fmt::Display for Verdict {
    /// The verdict in the guideline's own terms, shortened.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Verdict::PresumedToLessenCompetition => "presumed to substantially lessen competition",
            Verdict::NoHhiPresumption => "no HHI-based presumption",
            Verdict::UnlikelyAdverseEffects => "unlikely to have adverse competitive effects",
            Verdict::PotentialSignificantConcerns => "potentially raises significant competitive concerns",
            Verdict::PresumedToEnhanceMarketPower => "presumed likely to enhance market power",
            Verdict::ConcernsUnlikely => "horizontal competition concerns unlikely",
            Verdict::NotScreenedOut => "not screened out (no presumption either way)",
            Verdict::NotAddressed => "not addressed by the guideline's wording",
        })
    }
}

/// An HHI classified under a guideline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Classification {
    guideline: Guideline,
    hhi: Hhi,
    band: Band,
}

impl Classification {
    /// The guideline applied (with [`Guideline::citation`]).
    pub fn guideline(&self) -> Guideline {
        self.guideline
    }

    /// The HHI classified.
    pub fn hhi(&self) -> Hhi {
        self.hhi
    }

    /// The band.
    pub fn band(&self) -> Band {
        self.band
    }
}

/// A merger assessed under a guideline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MergerAssessment {
    classification: Classification,
    delta: HhiDelta,
    verdict: Verdict,
}

impl MergerAssessment {
    /// The guideline applied.
    pub fn guideline(&self) -> Guideline {
        self.classification.guideline
    }

    /// The post-merger band.
    pub fn band(&self) -> Band {
        self.classification.band
    }

    /// The post-merger HHI.
    pub fn post_merger(&self) -> Hhi {
        self.classification.hhi
    }

    /// The change in HHI.
    pub fn delta(&self) -> HhiDelta {
        self.delta
    }

    /// What the guideline says.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }
}

/// Points rounded to 1e-6 before comparing with a threshold, so that floating-point noise in
/// `Σ s²` (3,400.0000000000005) does not move a market across a boundary.
fn cmp_points(points: f64) -> f64 {
    (points * 1e6).round() / 1e6
}

/// The band of `hhi` under `guideline`.
///
/// Boundaries, as worded: US 2023 "greater than 1,800" (1,800 itself is not highly
/// concentrated); US 2010 "below 1,500", "between 1,500 and 2,500" (both included), "above
/// 2,500"; EU 2004 "below 1,000", "between 1,000 and 2,000" (both included), "above 2,000".
/// Points are compared after rounding to 1e-6.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::{Band, Guideline, Hhi, classify};
///
/// // USGS MCS 2025 cobalt 2024: Congo (Kinshasa) alone is 220,000 / 290,000 of the world
/// let congo_only = Hhi::from_fraction((220.0f64 / 290.0).powi(2))?;
/// assert_eq!(classify(Guideline::EuHorizontal2004, congo_only).band(), Band::Above2000);
/// assert_eq!(classify(Guideline::UsMerger2023, Hhi::from_points(1_800.0)?).band(),
///            Band::NotHighlyConcentrated);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn classify(guideline: Guideline, hhi: Hhi) -> Classification {
    let p = cmp_points(hhi.points());
    let band = match guideline {
        Guideline::UsMerger2023 => {
            if p > 1_800.0 {
                Band::HighlyConcentrated
            } else {
                Band::NotHighlyConcentrated
            }
        }
        Guideline::UsHorizontal2010 => {
            if p < 1_500.0 {
                Band::Unconcentrated
            } else if p <= 2_500.0 {
                Band::ModeratelyConcentrated
            } else {
                Band::HighlyConcentrated
            }
        }
        Guideline::EuHorizontal2004 => {
            if p < 1_000.0 {
                Band::Below1000
            } else if p <= 2_000.0 {
                Band::From1000To2000
            } else {
                Band::Above2000
            }
        }
    };
    Classification { guideline, hhi, band }
}

/// A merger with post-merger HHI `post_merger` and change `delta`, assessed under `guideline`.
///
/// ΔHHI boundaries, as worded: US 2023 "more than 100" (100 itself is not significant); US 2010
/// "less than 100", "more than 100" (moderate), "between 100 and 200" (high, both included),
/// "more than 200"; EU 2004 "below 250", "below 150" (250 and 150 themselves are outside the safe
/// harbour).
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::{
///     Guideline, Remainder, Verdict, assess_merger, hhi, merger_delta,
/// };
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// // USGS MCS 2025 lithium 2024, shares of the 240,000 t world: Chile + Argentina merge
/// let rows = [("AR", 18_000.0), ("AU", 88_000.0), ("BR", 10_000.0), ("CA", 4_300.0),
///     ("CL", 49_000.0), ("CN", 41_000.0), ("NA", 2_700.0), ("PT", 380.0), ("ZW", 22_000.0)];
/// let s = Shares::new(rows, Denominator::PublishedTotal(240_000.0))?;
/// let d = merger_delta(&s, "CL", "AR")?; // 306 points
/// let merged = s.regroup(|k| if *k == "AR" { "CL" } else { *k });
/// let post = hhi(&merged, Remainder::Excluded);
/// let a = assess_merger(Guideline::UsMerger2023, post, d);
/// assert_eq!(a.verdict(), Verdict::PresumedToLessenCompetition);
/// let eu = assess_merger(Guideline::EuHorizontal2004, post, d);
/// assert_eq!(eu.verdict(), Verdict::NotScreenedOut);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_merger(guideline: Guideline, post_merger: Hhi, delta: HhiDelta) -> MergerAssessment {
    let classification = classify(guideline, post_merger);
    let d = cmp_points(delta.points());
    let verdict = match (guideline, classification.band) {
        (Guideline::UsMerger2023, Band::HighlyConcentrated) if d > 100.0 => Verdict::PresumedToLessenCompetition,
        (Guideline::UsMerger2023, _) => Verdict::NoHhiPresumption,
        (Guideline::UsHorizontal2010, _) if d < 100.0 => Verdict::UnlikelyAdverseEffects,
        (Guideline::UsHorizontal2010, Band::Unconcentrated) => Verdict::UnlikelyAdverseEffects,
        (Guideline::UsHorizontal2010, Band::ModeratelyConcentrated) if d > 100.0 => {
            Verdict::PotentialSignificantConcerns
        }
        (Guideline::UsHorizontal2010, Band::HighlyConcentrated) if d > 200.0 => Verdict::PresumedToEnhanceMarketPower,
        (Guideline::UsHorizontal2010, Band::HighlyConcentrated) => Verdict::PotentialSignificantConcerns,
        (Guideline::UsHorizontal2010, _) => Verdict::NotAddressed,
        (Guideline::EuHorizontal2004, Band::Below1000) => Verdict::ConcernsUnlikely,
        (Guideline::EuHorizontal2004, Band::From1000To2000) if d < 250.0 => Verdict::ConcernsUnlikely,
        (Guideline::EuHorizontal2004, Band::Above2000) if d < 150.0 => Verdict::ConcernsUnlikely,
        (Guideline::EuHorizontal2004, _) => Verdict::NotScreenedOut,
    };
    MergerAssessment { classification, delta, verdict }
}
