//! Concentration: the Herfindahl–Hirschman index (HHI), concentration ratios (CR-n), the
//! effective number of suppliers, Shannon entropy and the HHI change of a merger. The bands of
//! an HHI under named merger guidelines are in [`guideline`](super::guideline).
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
//! use critical_minerals::stats::concentration::{Remainder, concentration_ratio, hhi};
//! use critical_minerals::stats::guideline::{Band, Guideline, classify};
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

use serde::{Deserialize, Serialize};

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
///
/// Serialized with both scales named, `{"fraction": 0.2303, "points": 2303.0}`, so that a reader
/// never has to guess; either field (or both, if they agree) reads back.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(into = "ScaledWire", try_from = "ScaledWire")]
pub struct Hhi(f64);

/// The serialized form of an HHI or an HHI change: both scales, named.
#[derive(Serialize, Deserialize)]
struct ScaledWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fraction: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<f64>,
}

impl ScaledWire {
    /// The fraction the wire holds; both fields must agree to 1e-9 when both are given.
    fn fraction(&self, what: &str) -> Result<f64, Error> {
        match (self.fraction, self.points) {
            (Some(f), Some(p)) => {
                if (f * 10_000.0 - p).abs() <= 1e-9 * p.abs().max(1.0) {
                    Ok(f)
                } else {
                    Err(Detail::Contradiction { what: format!("{what}: fraction {f} and points {p} disagree") }.into())
                }
            }
            (Some(f), None) => Ok(f),
            (None, Some(p)) => Ok(p / 10_000.0),
            (None, None) => Err(Detail::Absent { what: format!("{what}: fraction or points") }.into()),
        }
    }
}

impl From<Hhi> for ScaledWire {
    fn from(h: Hhi) -> ScaledWire {
        ScaledWire { fraction: Some(h.fraction()), points: Some(h.points()) }
    }
}

impl TryFrom<ScaledWire> for Hhi {
    type Error = Error;
    fn try_from(w: ScaledWire) -> Result<Hhi, Error> {
        Hhi::from_fraction(w.fraction("HHI")?)
    }
}

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
/// Serialized like [`Hhi`], `{"fraction": ..., "points": ...}`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(into = "ScaledWire", try_from = "ScaledWire")]
pub struct HhiDelta(f64);

impl From<HhiDelta> for ScaledWire {
    fn from(h: HhiDelta) -> ScaledWire {
        ScaledWire { fraction: Some(h.fraction()), points: Some(h.points()) }
    }
}

impl TryFrom<ScaledWire> for HhiDelta {
    type Error = Error;
    fn try_from(w: ScaledWire) -> Result<HhiDelta, Error> {
        HhiDelta::from_fraction(w.fraction("HHI change")?)
    }
}

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
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
/// the weight's position, [`Error`] for amounts on different bases,
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
