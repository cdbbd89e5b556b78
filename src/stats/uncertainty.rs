//! Uncertainty: [`Estimate`] ranges carried through shares, growth, HHI and CR-n.
//!
//! Published figures are often ranges ("40,000 to 60,000 tonnes", "70 % or more"). This module
//! propagates them two ways:
//!
//! 1. **Exact bounds** where the result is monotone in each input: take every input at the end
//!    of its range that pushes the result down (for the low bound) or up (for the high bound).
//! 2. **Monte Carlo** ([`MonteCarlo`]) where it is not: draw every input independently within
//!    its range (uniform or triangular), compute the result for each draw, and report
//!    percentiles, min, max and mean ([`Distribution`]).
//!
//! A point estimate is a zero-width range: it gives zero-width bounds, and every Monte Carlo
//! draw of it is the point itself.
//!
//! # Formulas and method
//!
//! With inputs `xᵢ ∈ [loᵢ, hiᵢ]`:
//!
//! - **Share of the rows** ([`Denominator::SumOfRows`]), `sᵢ = qᵢ / (qᵢ + Σⱼ≠ᵢ qⱼ)`: increasing
//!   in `qᵢ`, decreasing in every other `qⱼ`, so
//!   `sᵢ ∈ [loᵢ / (loᵢ + Σⱼ≠ᵢ hiⱼ), hiᵢ / (hiᵢ + Σⱼ≠ᵢ loⱼ)]` ([`IntervalShares`]).
//! - **Share of a published total** `T ∈ [T_lo, T_hi]` ([`Denominator::PublishedTotal`]),
//!   `sᵢ = qᵢ / T`: `sᵢ ∈ [loᵢ / T_hi, hiᵢ / T_lo]`; the unallocated rest
//!   `u = 1 − Σ q / T ∈ [1 − Σ hi / T_lo, 1 − Σ lo / T_hi]`. The total must cover the rows in
//!   every case (`T_lo ≥ Σ hi`), as [`Shares`](super::share::Shares) requires of a point total.
//! - **CAGR** `r = (end / start)^(1/t) − 1`: increasing in `end`, decreasing in `start`, so
//!   `r ∈ [cagr(start_hi, end_lo), cagr(start_lo, end_hi)]` ([`cagr_bounds`]).
//! - **Projection** `v·(1 + r)^t`: increasing in `v ≥ 0` and in `r`
//!   ([`project_bounds`]); **back-projection** `v / (1 + r)^t`: increasing in `v`, decreasing
//!   in `r` ([`project_back_bounds`]); **implied rate** `m^(1/t) − 1`: increasing in `m`
//!   ([`implied_rate_bounds`]).
//! - **HHI** `Σ sᵢ²` and **CR-n** (sum of the `n` largest shares) are *not* monotone in each
//!   input (raising a small supplier's quantity lowers the HHI until it becomes large), so they
//!   are sampled: [`MonteCarlo::hhi`], [`MonteCarlo::cr_n`]. Shares can be sampled too
//!   ([`MonteCarlo::shares`]), for their percentiles inside the exact bounds.
//!
//! Bounds are computed in `f64`; a sample's value can differ from a bound it touches by a few
//! units in the last place.
//!
//! # Scale
//!
//! Shares, HHI and CR-n are fractions in `[0, 1]` (an HHI of 0.2303 is 2,303 points). Growth
//! rates are fractions per year (`0.045` is 4.5 %/yr). Quantities and projected values are in
//! the unit of the input.
//!
//! # The generator
//!
//! The generator is **xoshiro256\*\*** (Blackman and Vigna, 2018) with its 256-bit state filled
//! by four successive outputs of **SplitMix64** started at the seed. Each draw takes one 64-bit
//! output `x` and uses `u = ((x >> 11) + ½) · 2⁻⁵³`, in the open interval `(0, 1)`. The stream
//! is fixed by this crate, not by a dependency: the same seed, sample count, sampling rule and
//! inputs give the same draws, and so the same percentiles, across versions of this crate. A
//! Monte Carlo run draws one number per input per sample, inputs in the order given, sample
//! after sample (points included, so that turning a range into a point does not shift the
//! draws of the other inputs).
//!
//! Percentiles interpolate linearly between order statistics (Hyndman and Fan type 7, the
//! default of R and NumPy): with the `N` values sorted `x₀ ≤ … ≤ x_{N−1}` and
//! `h = (N − 1)·p / 100`, `P(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋)`.
//!
//! # Worked examples
//!
//! USGS, Mineral Commodity Summaries 2025, Lithium: 2024 mine production rows (t Li), written
//! to the nearest 1,000 t (100 t below 10,000 t, 10 t below 1,000 t), read here as ranges of
//! half a unit either way. Australia's 88,000 t is 37.4 % of the rows as points; with the
//! rounding it lies between 36.8 % and 37.9 %. The HHI, 2,303 points on the points, has a
//! 5th–95th percentile band of 2,290–2,316 points over 2,000 uniform draws from seed 42 (the
//! stream is fixed, so these are the figures every run gives): highly concentrated under the
//! US 2023 guidelines (above 1,800) whatever the rounding.
//!
//! ```
//! use critical_minerals::stats::share::Denominator;
//! use critical_minerals::stats::uncertainty::{IntervalShares, MonteCarlo};
//! use critical_minerals::provenance::Estimate;
//!
//! let published = [("AR", 18_000.0, 500.0), ("AU", 88_000.0, 500.0), ("BR", 10_000.0, 500.0),
//!     ("CA", 4_300.0, 50.0), ("CL", 49_000.0, 500.0), ("CN", 41_000.0, 500.0),
//!     ("NA", 2_700.0, 50.0), ("PT", 380.0, 5.0), ("ZW", 22_000.0, 500.0)];
//! let rows = published.iter()
//!     .map(|&(k, v, half)| Ok((k, Estimate::range(v - half, v + half)?)))
//!     .collect::<Result<Vec<_>, critical_minerals::Error>>()?;
//!
//! let shares = IntervalShares::new(&rows, Denominator::SumOfRows)?;
//! let au = shares.share_of(&"AU").unwrap();
//! assert!((au.low() - 87_500.0 / 237_485.0).abs() < 1e-12); // 36.8 %
//! assert!((au.high() - 88_500.0 / 233_275.0).abs() < 1e-12); // 37.9 %
//!
//! let mc = MonteCarlo::new(2_000, 42)?;
//! let hhi = mc.hhi(&rows)?;
//! let (p5, p95) = (hhi.percentile(5.0).unwrap(), hhi.percentile(95.0).unwrap());
//! assert_eq!(((p5 * 10_000.0).round(), (p95 * 10_000.0).round()), (2_290.0, 2_316.0));
//! assert!(hhi.min() > 0.18); // above 1,800 points in every draw
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The battery market report cited as `seed-002-market-report` puts the market at $150 billion in 2030 and its growth at 4.5 %
//! a year in one place and "exceeding 15 %" in another. Read as a rate between 4.5 % and 15 %,
//! the 2025 base it implies lies between 150 / 1.15⁵ ≈ 74.6 and 150 / 1.045⁵ ≈ 120.4 $bn:
//!
//! ```
//! use critical_minerals::time::Span;
//! use critical_minerals::stats::uncertainty::project_back_bounds;
//! use critical_minerals::provenance::Estimate;
//!
//! let base = project_back_bounds(Estimate::point(150.0)?, Estimate::range(0.045, 0.15)?,
//!     &Span::years(2025, 2030)?)?;
//! assert_eq!((base.low() * 10.0).round() / 10.0, 74.6);
//! assert_eq!((base.high() * 10.0).round() / 10.0, 120.4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! No rows ([`ErrorKind::Empty`](crate::ErrorKind::Empty)), a negative quantity ([`ErrorKind::Negative`](crate::ErrorKind::Negative)), rows
//! that can only add to zero ([`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal)), a published total that some rows
//! could exceed ([`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent)), a key listed twice
//! ([`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate)), zero samples, a percentile outside 0–100 or a triangular
//! mode outside its range ([`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange)), NaN ([`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite)):
//! typed errors, never panics. A range with its low end above its high end cannot be built at
//! all ([`Estimate::range`] returns [`ErrorKind::Order`](crate::ErrorKind::Order)(crate::provenance::ErrorKind::Order)).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::concentration::hhi_of_weights;
use super::growth::{GrowthRate, cagr, implied_rate, project, project_back};
use super::share::Denominator;
use crate::Error;
use crate::error::Detail;
use crate::provenance::Estimate;
use crate::rng::Xoshiro256;
use crate::time::Span;
use crate::validate::fraction as fraction_in_unit;

// ---------------------------------------------------------------------------------------------
// exact bounds

/// One key's quantity range and exact share bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntervalShare<K> {
    key: K,
    quantity: Estimate,
    share: Estimate,
}

impl<K> IntervalShare<K> {
    /// The key.
    pub fn key(&self) -> &K {
        &self.key
    }

    /// The quantity range, as given.
    pub fn quantity(&self) -> Estimate {
        self.quantity
    }

    /// The exact share bounds, fractions in `[0, 1]`.
    pub fn share(&self) -> Estimate {
        self.share
    }
}

/// Exact share bounds of rows whose quantities are ranges. See the [module
/// documentation](self) for the formulas.
///
/// Entries keep the order of the input rows.
///
/// Serialized with the rows' ranges and the denominator; reading it back recomputes the bounds
/// and refuses a file whose bounds disagree with them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalShares<K> {
    entries: Vec<IntervalShare<K>>,
    rows_total: Estimate,
    denominator: Denominator<Estimate>,
    unallocated: Option<Estimate>,
}

/// Validated rows: (lows, highs), and their sums.
struct Rows {
    lo: Vec<f64>,
    hi: Vec<f64>,
    sum_lo: f64,
    sum_hi: f64,
}

fn check_rows<K: fmt::Debug>(rows: &[(K, Estimate)], what: &str) -> Result<Rows, Error> {
    if rows.is_empty() {
        return Err(Detail::Empty { what: what.to_string() }.into());
    }
    let mut lo = Vec::with_capacity(rows.len());
    let mut hi = Vec::with_capacity(rows.len());
    for (k, e) in rows {
        if e.low() < 0.0 {
            return Err(Detail::Negative { what: format!("{what}: low end of row {k:?}"), value: e.low() }.into());
        }
        lo.push(e.low());
        hi.push(e.high());
    }
    let sum_lo: f64 = lo.iter().sum();
    let sum_hi: f64 = hi.iter().sum();
    if !sum_hi.is_finite() {
        return Err(Detail::NotFinite { what: format!("{what}: sum of the high ends"), value: sum_hi }.into());
    }
    if sum_hi <= 0.0 {
        return Err(Detail::ZeroTotal { what: format!("{what} ({} rows, every high end zero)", rows.len()) }.into());
    }
    Ok(Rows { lo, hi, sum_lo, sum_hi })
}

fn check_unique<K: Ord + fmt::Debug>(rows: &[(K, Estimate)], what: &str) -> Result<(), Error> {
    let mut keys: Vec<&K> = rows.iter().map(|r| &r.0).collect();
    keys.sort();
    for w in keys.windows(2) {
        if w[0] == w[1] {
            return Err(Detail::DuplicateKey { what: what.to_string(), key: format!("{:?}", w[0]) }.into());
        }
    }
    Ok(())
}

/// A published total as a range that covers the rows in every case.
fn check_total(total: &Estimate, sum_hi: f64) -> Result<(), Error> {
    if total.low() <= 0.0 {
        return Err(
            Detail::NotPositive { what: "low end of the published total".to_string(), value: total.low() }.into()
        );
    }
    if total.low() < sum_hi && sum_hi - total.low() > 1e-9 * sum_hi {
        return Err(Detail::TotalBelowRows { total: total.low(), rows: sum_hi }.into());
    }
    Ok(())
}

/// Sum of all but one of `v`, computed as a plain left-to-right sum skipping `i`.
fn sum_except(v: &[f64], i: usize) -> f64 {
    v.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, x)| x).sum()
}

fn ratio(num: f64, den: f64) -> f64 {
    if num == 0.0 { 0.0 } else { num / den }
}

impl<K: Ord + Clone + fmt::Debug> IntervalShares<K> {
    /// Exact share bounds of `rows` under `denominator`.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::share::Denominator;
    /// use critical_minerals::stats::uncertainty::IntervalShares;
    /// use critical_minerals::provenance::Estimate;
    ///
    /// // source seed-000-lithium-metal: lithium metal output in 2025, 40,000 to 60,000 t, beside a point of 100,000 t
    /// let rows = [("metal", Estimate::range(40_000.0, 60_000.0)?), ("other", Estimate::point(100_000.0)?)];
    /// let s = IntervalShares::new(&rows, Denominator::SumOfRows)?;
    /// assert_eq!(s.share_of(&"metal").unwrap(), Estimate::range(0.2857142857142857, 0.375)?);
    /// // a point gives a point
    /// let p = [("a", Estimate::point(1.0)?), ("b", Estimate::point(3.0)?)];
    /// assert!(IntervalShares::new(&p, Denominator::SumOfRows)?.share_of(&"a").unwrap().is_point());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty), [`ErrorKind::Negative`](crate::ErrorKind::Negative) (a low end below zero),
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate), [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) (every high end zero),
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) / [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) for a published total
    /// that is not positive or that the rows' high ends could exceed.
    pub fn new(rows: &[(K, Estimate)], denominator: Denominator<Estimate>) -> Result<IntervalShares<K>, Error> {
        let what = "interval share rows";
        let r = check_rows(rows, what)?;
        check_unique(rows, what)?;
        let rows_total = Estimate::range(r.sum_lo, r.sum_hi)?;
        let mut entries = Vec::with_capacity(rows.len());
        let unallocated = match &denominator {
            Denominator::SumOfRows => {
                for (i, (k, e)) in rows.iter().enumerate() {
                    // every other row identically zero: the share is 1 wherever it is defined
                    let den = r.lo[i] + sum_except(&r.hi, i);
                    let low = if den == 0.0 { 1.0 } else { ratio(r.lo[i], den) };
                    let high = ratio(r.hi[i], r.hi[i] + sum_except(&r.lo, i));
                    entries.push(IntervalShare { key: k.clone(), quantity: *e, share: Estimate::range(low, high)? });
                }
                None
            }
            Denominator::PublishedTotal(t) => {
                check_total(t, r.sum_hi)?;
                for (i, (k, e)) in rows.iter().enumerate() {
                    let share = Estimate::range(r.lo[i] / t.high(), (r.hi[i] / t.low()).min(1.0))?;
                    entries.push(IntervalShare { key: k.clone(), quantity: *e, share });
                }
                let u_low = (1.0 - r.sum_hi / t.low()).max(0.0);
                let u_high = (1.0 - r.sum_lo / t.high()).max(u_low);
                Some(Estimate::range(u_low, u_high)?)
            }
        };
        Ok(IntervalShares { entries, rows_total, denominator, unallocated })
    }

    /// The entries, in input order.
    pub fn entries(&self) -> &[IntervalShare<K>] {
        &self.entries
    }

    /// The entry of `key`.
    pub fn get(&self, key: &K) -> Option<&IntervalShare<K>> {
        self.entries.iter().find(|e| &e.key == key)
    }

    /// The share bounds of `key`, fractions.
    pub fn share_of(&self, key: &K) -> Option<Estimate> {
        self.get(key).map(|e| e.share)
    }

    /// The range of the rows' sum, `[Σ lo, Σ hi]`.
    pub fn rows_total(&self) -> Estimate {
        self.rows_total
    }

    /// The denominator, as given.
    pub fn denominator(&self) -> &Denominator<Estimate> {
        &self.denominator
    }

    /// Bounds of the part of a published total that no row accounts for (`None` under
    /// [`Denominator::SumOfRows`]).
    pub fn unallocated(&self) -> Option<Estimate> {
        self.unallocated
    }
}

/// Exact bounds of the compound annual growth rate from `start` to `end` over `span`, as
/// fractions per year: `[cagr(start.high, end.low), cagr(start.low, end.high)]`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::uncertainty::cagr_bounds;
/// use critical_minerals::provenance::Estimate;
///
/// // USGS MCS 2025 lithium: 204,000 t (2023) to 240,000 t (2024), each rounded to 1,000 t
/// let r = cagr_bounds(Estimate::range(203_500.0, 204_500.0)?, Estimate::range(239_500.0, 240_500.0)?,
///     &Span::years(2023, 2024)?)?;
/// assert!((r.low() - (239_500.0 / 204_500.0 - 1.0)).abs() < 1e-12);
/// assert!((r.high() - (240_500.0 / 203_500.0 - 1.0)).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`cagr`] for either corner (a start or end that can be zero or
/// negative), and [`Error`] if a bound is not finite.
pub fn cagr_bounds(start: Estimate, end: Estimate, span: &Span) -> Result<Estimate, Error> {
    let low = cagr(start.high(), end.low(), span)?.fraction();
    let high = cagr(start.low(), end.high(), span)?.fraction();
    Estimate::range(low, high.max(low))
}

fn rate_ends(rate: Estimate) -> Result<(GrowthRate, GrowthRate), Error> {
    Ok((GrowthRate::from_fraction(rate.low())?, GrowthRate::from_fraction(rate.high())?))
}

/// Exact bounds of `value` grown at `rate` (fraction per year) for `span`:
/// `[lo·(1 + r_lo)^t, hi·(1 + r_hi)^t]`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::uncertainty::project_bounds;
/// use critical_minerals::provenance::Estimate;
///
/// // source seed-000-lithium-metal: 40,000-60,000 t of lithium metal in 2025, grown at 4.5 %/yr to 2030
/// let v = project_bounds(Estimate::range(40_000.0, 60_000.0)?, Estimate::point(0.045)?, &Span::years(2025, 2030)?)?;
/// assert_eq!(v.low().round(), 49_847.0);
/// assert_eq!(v.high().round(), 74_771.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a value range reaching below zero,
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a rate at or below −100 %/yr, [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite)
/// when a projection overflows.
pub fn project_bounds(value: Estimate, rate: Estimate, span: &Span) -> Result<Estimate, Error> {
    let (r_lo, r_hi) = rate_ends(rate)?;
    let low = project(value.low(), r_lo, span)?;
    let high = project(value.high(), r_hi, span)?;
    Estimate::range(low, high.max(low))
}

/// Exact bounds of the value that grows into `value` at `rate` (fraction per year) over
/// `span`: `[lo / (1 + r_hi)^t, hi / (1 + r_lo)^t]`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::uncertainty::project_back_bounds;
/// use critical_minerals::provenance::Estimate;
///
/// // source seed-002-market-report: $150 bn in 2030 at 4.5 %/yr implies about $120.4 bn in 2025
/// let b = project_back_bounds(Estimate::point(150.0)?, Estimate::point(0.045)?, &Span::years(2025, 2030)?)?;
/// assert!(b.is_point());
/// assert!((b.low() - 150.0 / 1.045f64.powi(5)).abs() < 1e-9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`project_bounds`].
pub fn project_back_bounds(value: Estimate, rate: Estimate, span: &Span) -> Result<Estimate, Error> {
    let (r_lo, r_hi) = rate_ends(rate)?;
    let low = project_back(value.low(), r_hi, span)?;
    let high = project_back(value.high(), r_lo, span)?;
    Estimate::range(low, high.max(low))
}

/// Exact bounds of the annual rate (fraction per year) implied by growing `multiple`-fold over
/// `span`: `[m_lo^(1/t) − 1, m_hi^(1/t) − 1]`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::uncertainty::implied_rate_bounds;
/// use critical_minerals::provenance::Estimate;
///
/// // source seed-003-yichun: lithium demand "more than doubles" 2024-2030; read as 2x to 3x
/// let r = implied_rate_bounds(Estimate::range(2.0, 3.0)?, &Span::years(2024, 2030)?)?;
/// assert_eq!((r.low() * 1000.0).round(), 122.0);
/// assert_eq!((r.high() * 1000.0).round(), 201.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`implied_rate`] for either end (a multiple that can be zero
/// or negative).
pub fn implied_rate_bounds(multiple: Estimate, span: &Span) -> Result<Estimate, Error> {
    let low = implied_rate(multiple.low(), span)?.fraction();
    let high = implied_rate(multiple.high(), span)?.fraction();
    Estimate::range(low, high.max(low))
}

// ---------------------------------------------------------------------------------------------
// the generator

// ---------------------------------------------------------------------------------------------
// Monte Carlo

/// Where a triangular distribution peaks within each input's range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Mode {
    /// At the midpoint of each range.
    Mid,
    /// At `low + f·(high − low)` for each range, `f` in `[0, 1]` (0 peaks at the low end).
    At(f64),
}

/// How each input is drawn within its range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Sampling {
    /// Uniformly.
    Uniform,
    /// From a triangular distribution on the range, peaking at `mode`.
    Triangular {
        /// Where the density peaks.
        mode: Mode,
    },
}

/// Monte Carlo settings: sample count, seed, sampling rule and the percentiles reported.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::uncertainty::{Mode, MonteCarlo, Sampling};
/// use critical_minerals::provenance::Estimate;
///
/// // source seed-001-china-battery: China "70 % or more" of cell capacity (70-100), beside two rivals of 5-15 each
/// let rows = [("CN", Estimate::range(70.0, 100.0)?), ("KR", Estimate::range(5.0, 15.0)?),
///     ("US", Estimate::range(5.0, 15.0)?)];
/// let mc = MonteCarlo::new(1_000, 1)?
///     .with_sampling(Sampling::Triangular { mode: Mode::Mid })?
///     .with_percentiles(&[10.0, 50.0, 90.0])?;
/// let cr1 = mc.cr_n(&rows, 1)?;
/// assert!(cr1.min() >= 70.0 / 130.0 && cr1.max() <= 100.0 / 110.0);
/// assert!(cr1.percentile(90.0).is_some() && cr1.percentile(95.0).is_none());
/// assert!(MonteCarlo::new(0, 1).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MonteCarloWire")]
pub struct MonteCarlo {
    samples: usize,
    seed: u64,
    sampling: Sampling,
    percentiles: Vec<f64>,
}

/// The draws of a Monte Carlo run: one row of input values per sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Draws {
    inputs: usize,
    values: Vec<f64>,
}

impl Draws {
    /// Number of samples.
    pub fn len(&self) -> usize {
        self.values.len().checked_div(self.inputs).unwrap_or(0)
    }

    /// Whether there is no sample.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Sample `i`: one value per input, in input order.
    pub fn sample(&self, i: usize) -> Option<&[f64]> {
        self.values.get(i * self.inputs..(i + 1) * self.inputs)
    }

    /// The samples in order.
    pub fn iter(&self) -> impl Iterator<Item = &[f64]> + '_ {
        self.values.chunks(self.inputs.max(1))
    }
}

/// The distribution of a Monte Carlo result: the requested percentiles, min, max and mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DistributionWire")]
pub struct Distribution {
    samples: usize,
    min: f64,
    max: f64,
    mean: f64,
    percentiles: Vec<(f64, f64)>,
}

impl Distribution {
    fn from_values(mut v: Vec<f64>, percentiles: &[f64], what: &str) -> Result<Distribution, Error> {
        if v.is_empty() {
            return Err(Detail::Empty { what: what.to_string() }.into());
        }
        if let Some(bad) = v.iter().find(|x| !x.is_finite()) {
            return Err(Detail::NotFinite { what: format!("{what}: a sampled value"), value: *bad }.into());
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let mean = v.iter().sum::<f64>() / n as f64;
        let at = |p: f64| -> f64 {
            let h = (n - 1) as f64 * p / 100.0;
            let i = (h.floor() as usize).min(n - 1);
            let j = (i + 1).min(n - 1);
            v[i] + (h - i as f64) * (v[j] - v[i])
        };
        let percentiles = percentiles.iter().map(|&p| (p, at(p))).collect();
        Ok(Distribution { samples: n, min: v[0], max: v[n - 1], mean, percentiles })
    }

    /// Number of samples.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// Smallest sampled value.
    pub fn min(&self) -> f64 {
        self.min
    }

    /// Largest sampled value.
    pub fn max(&self) -> f64 {
        self.max
    }

    /// Mean of the samples.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The requested percentiles, as `(p, value)` with `p` in 0–100, in the order requested.
    pub fn percentiles(&self) -> &[(f64, f64)] {
        &self.percentiles
    }

    /// The value at percentile `p`, if `p` was requested.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        self.percentiles.iter().find(|(q, _)| *q == p).map(|(_, v)| *v)
    }

    /// `min..max` as an estimate.
    ///
    /// # Errors
    ///
    /// Never for a distribution built by this module (its min and max are finite and ordered).
    pub fn range(&self) -> Result<Estimate, Error> {
        Estimate::range(self.min, self.max)
    }
}

impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (p, v) in &self.percentiles {
            write!(f, "p{p}={v:.6} ")?;
        }
        write!(f, "(min {:.6}, mean {:.6}, max {:.6}; {} samples)", self.min, self.mean, self.max, self.samples)
    }
}

impl MonteCarlo {
    /// The percentiles reported unless others are asked for: 5, 50, 95.
    pub const DEFAULT_PERCENTILES: [f64; 3] = [5.0, 50.0, 95.0];

    /// The most samples a run may ask for (10 million).
    pub const MAX_SAMPLES: usize = 10_000_000;

    /// The most draws (samples × inputs) a run may hold in memory: 100 million values, 800 MB.
    pub const MAX_DRAWS: usize = 100_000_000;

    /// `samples` draws from `seed`, uniform sampling, percentiles 5, 50 and 95.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for zero samples;
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) above [`MonteCarlo::MAX_SAMPLES`] (checked
    /// before anything is allocated; [`MonteCarlo::draws`] also refuses more than
    /// [`MonteCarlo::MAX_DRAWS`] samples x inputs).
    pub fn new(samples: usize, seed: u64) -> Result<MonteCarlo, Error> {
        if samples > Self::MAX_SAMPLES {
            return Err(Detail::LimitExceeded {
                what: "Monte Carlo sample count".to_string(),
                value: samples.to_string(),
                limit: Self::MAX_SAMPLES.to_string(),
            }
            .into());
        }
        if samples == 0 {
            return Err(Detail::OutOfRange {
                what: "Monte Carlo sample count".to_string(),
                value: 0.0,
                expected: "at least 1".to_string(),
            }
            .into());
        }
        Ok(MonteCarlo { samples, seed, sampling: Sampling::Uniform, percentiles: Self::DEFAULT_PERCENTILES.to_vec() })
    }

    /// The same settings with another sampling rule.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) / [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a [`Mode::At`] fraction
    /// that is NaN or outside `[0, 1]`.
    pub fn with_sampling(mut self, sampling: Sampling) -> Result<MonteCarlo, Error> {
        if let Sampling::Triangular { mode: Mode::At(f) } = sampling {
            fraction_in_unit("triangular mode (fraction of each range)", f)?;
        }
        self.sampling = sampling;
        Ok(self)
    }

    /// The same settings reporting `percentiles` (each in 0–100) instead.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for none, [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) /
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a percentile that is NaN or outside 0–100.
    pub fn with_percentiles(mut self, percentiles: &[f64]) -> Result<MonteCarlo, Error> {
        if percentiles.is_empty() {
            return Err(Detail::Empty { what: "Monte Carlo percentiles".to_string() }.into());
        }
        for &p in percentiles {
            let what = || "Monte Carlo percentile".to_string();
            if !p.is_finite() {
                return Err(Detail::NotFinite { what: what(), value: p }.into());
            }
            if !(0.0..=100.0).contains(&p) {
                return Err(Detail::OutOfRange { what: what(), value: p, expected: "0 to 100".to_string() }.into());
            }
        }
        self.percentiles = percentiles.to_vec();
        Ok(self)
    }

    /// Number of samples.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The sampling rule.
    pub fn sampling(&self) -> Sampling {
        self.sampling
    }

    fn draw_one(&self, rng: &mut Xoshiro256, e: &Estimate) -> f64 {
        let u = rng.next_open01();
        let (lo, hi) = (e.low(), e.high());
        let w = hi - lo;
        let x = match self.sampling {
            Sampling::Uniform => lo + u * w,
            Sampling::Triangular { mode } => {
                let c = match mode {
                    Mode::Mid => 0.5,
                    Mode::At(f) => f,
                };
                if u < c { lo + (u * c).sqrt() * w } else { hi - ((1.0 - u) * (1.0 - c)).sqrt() * w }
            }
        };
        x.clamp(lo, hi)
    }

    /// Every draw for `inputs`: one value per input per sample, within each input's range.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::uncertainty::MonteCarlo;
    /// use critical_minerals::provenance::Estimate;
    ///
    /// let d = MonteCarlo::new(100, 9)?.draws(&[Estimate::range(40_000.0, 60_000.0)?, Estimate::point(5.0)?])?;
    /// assert_eq!(d.len(), 100);
    /// assert!(d.iter().all(|s| (40_000.0..=60_000.0).contains(&s[0]) && s[1] == 5.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no input.
    pub fn draws(&self, inputs: &[Estimate]) -> Result<Draws, Error> {
        if inputs.is_empty() {
            return Err(Detail::Empty { what: "Monte Carlo inputs".to_string() }.into());
        }
        let cells = self.samples.checked_mul(inputs.len()).filter(|&c| c <= Self::MAX_DRAWS);
        let Some(cells) = cells else {
            return Err(Detail::LimitExceeded {
                what: format!("Monte Carlo draws ({} samples x {} inputs)", self.samples, inputs.len()),
                value: self.samples.saturating_mul(inputs.len()).to_string(),
                limit: Self::MAX_DRAWS.to_string(),
            }
            .into());
        };
        let mut rng = Xoshiro256::new(self.seed);
        let mut values = Vec::with_capacity(cells);
        for _ in 0..self.samples {
            for e in inputs {
                values.push(self.draw_one(&mut rng, e));
            }
        }
        Ok(Draws { inputs: inputs.len(), values })
    }

    /// The distribution of `f` over the draws of `inputs`: the general form of the methods
    /// below. `f` gets one value per input, in input order.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::time::Span;
    /// use critical_minerals::stats::uncertainty::MonteCarlo;
    /// use critical_minerals::provenance::Estimate;
    ///
    /// // a 2030 value from a 2025 value of 40,000-60,000 t and a rate of 4.5-15 %/yr
    /// let d = MonteCarlo::new(500, 3)?.sample_with(
    ///     &[Estimate::range(40_000.0, 60_000.0)?, Estimate::range(0.045, 0.15)?],
    ///     |x| Ok(x[0] * (1.0 + x[1]).powi(5)),
    /// )?;
    /// assert!(d.min() >= 40_000.0 * 1.045f64.powi(5) && d.max() <= 60_000.0 * 1.15f64.powi(5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no input, the first error `f` returns, and
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a non-finite result.
    pub fn sample_with(
        &self,
        inputs: &[Estimate],
        mut f: impl FnMut(&[f64]) -> Result<f64, Error>,
    ) -> Result<Distribution, Error> {
        let draws = self.draws(inputs)?;
        let values = draws.iter().map(&mut f).collect::<Result<Vec<f64>, _>>()?;
        Distribution::from_values(values, &self.percentiles, "Monte Carlo result")
    }

    /// The distribution of the rows-only HHI (`Σ sᵢ²` with `sᵢ = qᵢ / Σ q`, a fraction).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::uncertainty::MonteCarlo;
    /// use critical_minerals::provenance::Estimate;
    ///
    /// let rows = [("a", Estimate::range(1.0, 3.0)?), ("b", Estimate::point(2.0)?)];
    /// let h = MonteCarlo::new(1_000, 5)?.hhi(&rows)?;
    /// // (a² + 4) / (a + 2)²: 0.5 at a = 2, 13/25 at a = 3, 5/9 at a = 1
    /// assert!(h.min() >= 0.5 && h.max() <= 5.0 / 9.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`IntervalShares::new`] under [`Denominator::SumOfRows`] (duplicate keys aside, which
    /// do not change an HHI of rows and are refused all the same), and
    /// [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) for a sample whose rows add to zero.
    pub fn hhi<K: Ord + fmt::Debug>(&self, rows: &[(K, Estimate)]) -> Result<Distribution, Error> {
        let inputs = self.row_inputs(rows, "HHI rows")?;
        self.sample_with(&inputs, |q| Ok(hhi_of_weights(q)?.fraction()))
    }

    /// The distribution of the rows-only concentration ratio CR-`n` (the `n` largest shares of
    /// each sample, summed; a fraction). `n = 0` gives 0.
    ///
    /// # Example
    ///
    /// See [`MonteCarlo`].
    ///
    /// # Errors
    ///
    /// As [`MonteCarlo::hhi`].
    pub fn cr_n<K: Ord + fmt::Debug>(&self, rows: &[(K, Estimate)], n: usize) -> Result<Distribution, Error> {
        let inputs = self.row_inputs(rows, "CR-n rows")?;
        let mut buf: Vec<f64> = Vec::with_capacity(inputs.len());
        self.sample_with(&inputs, |q| {
            let total: f64 = q.iter().sum();
            if total <= 0.0 {
                return Err(Detail::ZeroTotal { what: "CR-n rows, in a Monte Carlo sample".to_string() }.into());
            }
            buf.clear();
            buf.extend_from_slice(q);
            buf.sort_by(|a, b| b.total_cmp(a));
            Ok((buf.iter().take(n).sum::<f64>() / total).min(1.0))
        })
    }

    /// The distribution of each row's share under `denominator` (a fraction), in input order.
    /// Every sample lies within the exact bounds of [`IntervalShares::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::share::Denominator;
    /// use critical_minerals::stats::uncertainty::{IntervalShares, MonteCarlo};
    /// use critical_minerals::provenance::Estimate;
    ///
    /// let rows = [("metal", Estimate::range(40_000.0, 60_000.0)?), ("other", Estimate::range(90_000.0, 110_000.0)?)];
    /// let bounds = IntervalShares::new(&rows, Denominator::SumOfRows)?;
    /// let mc = MonteCarlo::new(1_000, 11)?.shares(&rows, &Denominator::SumOfRows)?;
    /// let (key, metal) = &mc[0];
    /// assert_eq!(*key, "metal");
    /// let b = bounds.share_of(&"metal").unwrap();
    /// assert!(b.low() <= metal.min() && metal.max() <= b.high());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`IntervalShares::new`], and [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) for a sample whose rows add
    /// to zero.
    pub fn shares<K: Ord + Clone + fmt::Debug>(
        &self,
        rows: &[(K, Estimate)],
        denominator: &Denominator<Estimate>,
    ) -> Result<Vec<(K, Distribution)>, Error> {
        let mut inputs = self.row_inputs(rows, "share rows")?;
        if let Denominator::PublishedTotal(t) = denominator {
            let sum_hi: f64 = rows.iter().map(|r| r.1.high()).sum();
            check_total(t, sum_hi)?;
            inputs.push(*t);
        }
        let n = rows.len();
        let draws = self.draws(&inputs)?;
        let mut columns: Vec<Vec<f64>> = vec![Vec::with_capacity(self.samples); n];
        for q in draws.iter() {
            let total = match denominator {
                Denominator::SumOfRows => q[..n].iter().sum::<f64>(),
                Denominator::PublishedTotal(_) => q[n],
            };
            if total <= 0.0 {
                return Err(Detail::ZeroTotal { what: "share rows, in a Monte Carlo sample".to_string() }.into());
            }
            for (col, v) in columns.iter_mut().zip(&q[..n]) {
                col.push((v / total).min(1.0));
            }
        }
        rows.iter()
            .zip(columns)
            .map(|((k, _), col)| {
                Ok((k.clone(), Distribution::from_values(col, &self.percentiles, &format!("share of {k:?}"))?))
            })
            .collect()
    }

    fn row_inputs<K: Ord + fmt::Debug>(&self, rows: &[(K, Estimate)], what: &str) -> Result<Vec<Estimate>, Error> {
        check_rows(rows, what)?;
        check_unique(rows, what)?;
        Ok(rows.iter().map(|r| r.1).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_draws_stay_in_range_at_the_extreme_modes() {
        let e = Estimate::range(2.0, 5.0).unwrap();
        for f in [0.0, 1.0, 0.5] {
            let mc =
                MonteCarlo::new(500, 3).unwrap().with_sampling(Sampling::Triangular { mode: Mode::At(f) }).unwrap();
            let d = mc.draws(&[e]).unwrap();
            assert!(d.iter().all(|s| (2.0..=5.0).contains(&s[0])));
        }
    }

    #[test]
    fn percentiles_interpolate_type_7() {
        let d = Distribution::from_values(vec![4.0, 1.0, 3.0, 2.0], &[0.0, 50.0, 100.0, 25.0], "t").unwrap();
        assert_eq!(d.percentiles(), &[(0.0, 1.0), (50.0, 2.5), (100.0, 4.0), (25.0, 1.75)]);
        assert_eq!(d.mean(), 2.5);
    }
}

#[derive(Deserialize)]
struct MonteCarloWire {
    samples: usize,
    seed: u64,
    sampling: Sampling,
    percentiles: Vec<f64>,
}

impl TryFrom<MonteCarloWire> for MonteCarlo {
    type Error = Error;
    fn try_from(w: MonteCarloWire) -> Result<MonteCarlo, Error> {
        MonteCarlo::new(w.samples, w.seed)?.with_sampling(w.sampling)?.with_percentiles(&w.percentiles)
    }
}

#[derive(Deserialize)]
struct DistributionWire {
    samples: usize,
    min: f64,
    max: f64,
    mean: f64,
    percentiles: Vec<(f64, f64)>,
}

impl TryFrom<DistributionWire> for Distribution {
    type Error = Error;
    fn try_from(w: DistributionWire) -> Result<Distribution, Error> {
        let what = "serialized distribution";
        for v in [w.min, w.max, w.mean] {
            crate::validate::finite(what, v)?;
        }
        let inside = |v: f64| w.min <= v && v <= w.max;
        let ordered = w.percentiles.windows(2).all(|p| p[0].0 < p[1].0 && p[0].1 <= p[1].1);
        if w.samples == 0
            || !inside(w.mean)
            || !ordered
            || !w.percentiles.iter().all(|&(p, v)| (0.0..=100.0).contains(&p) && inside(v))
        {
            return Err(Detail::Contradiction {
                what: format!(
                    "{what}: {} samples, min {}, max {}, mean {}: percentiles must be ordered and lie within min and max",
                    w.samples, w.min, w.max, w.mean
                ),
            }
            .into());
        }
        Ok(Distribution { samples: w.samples, min: w.min, max: w.max, mean: w.mean, percentiles: w.percentiles })
    }
}

#[derive(Deserialize)]
struct IntervalSharesWire<K> {
    entries: Vec<IntervalShare<K>>,
    denominator: Denominator<Estimate>,
}

impl<'de, K: Deserialize<'de> + Ord + Clone + fmt::Debug> Deserialize<'de> for IntervalShares<K> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<IntervalShares<K>, D::Error> {
        let w = IntervalSharesWire::<K>::deserialize(deserializer)?;
        let rows: Vec<(K, Estimate)> = w.entries.iter().map(|e| (e.key.clone(), e.quantity)).collect();
        let s = IntervalShares::new(&rows, w.denominator).map_err(serde::de::Error::custom)?;
        if s.entries != w.entries {
            return Err(serde::de::Error::custom(
                "serialized interval shares: the stated share bounds disagree with the quantities",
            ));
        }
        Ok(s)
    }
}
