//! Growth: compound annual growth rates, projections, implied rates of a multiple, percent
//! changes and doubling times.
//!
//! # Formulas
//!
//! With a span of `t` years ([`Span`]):
//!
//! - CAGR: `r = (end / start)^(1/t) − 1` ([`cagr`]);
//! - rate implied by a multiple `m` over the span: `r = m^(1/t) − 1` ([`implied_rate`]);
//! - projection forward `v·(1 + r)^t` ([`project`]) and back `v / (1 + r)^t` ([`project_back`]);
//! - percent change `(to − from) / from` ([`percent_change`]);
//! - doubling time `ln 2 / ln(1 + r)` years ([`doubling_time`]).
//!
//! Internally a rate is held as `ln(1 + r)` and the powers are taken through `exp`/`ln`, which
//! is the same arithmetic without the underflow of `(1 + r)^t` for steep falls over short spans.
//!
//! A span between two years is their difference in whole years ([`Span::years`]); between two
//! dates it is the number of days divided by **365.25** ([`Span::dates`]), the mean Julian year,
//! so that four calendar years are exactly 4.0 whatever the leap days.
//!
//! # Scale
//!
//! [`GrowthRate`] is a fraction per year (`0.122` is 12.2 %/yr), [`Change`] a fraction of the
//! start value (`−0.892` is −89.2 %); both have `.fraction()` and `.percent()`. Doubling times
//! are in years.
//!
//! # Source and worked example
//!
//! USGS, Mineral Commodity Summaries 2025, Lithium: world mine production (excluding the U.S.)
//! "rose 18 %" in 2024, to about 240,000 t from 204,000 t in 2023; 240/204 − 1 = 17.6 %.
//!
//! ```
//! use critical_minerals::time::Span;
//! use critical_minerals::stats::growth::{cagr, implied_rate, percent_change};
//!
//! let one_year = Span::years(2023, 2024)?;
//! let r = cagr(204_000.0, 240_000.0, &one_year)?;
//! assert_eq!((r.percent() * 10.0).round() / 10.0, 17.6);
//! // "demand doubles from 2024 to 2030": 2^(1/6) − 1
//! assert_eq!((implied_rate(2.0, &Span::years(2024, 2030)?)?.percent() * 10.0).round() / 10.0, 12.2);
//! // China battery-grade Li2CO3 spot, CNY/t (SMM): Nov 2022 peak 560,000, 18 June 2025 60,500
//! assert_eq!((percent_change(560_000.0, 60_500.0)?.percent() * 10.0).round() / 10.0, -89.2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! NaN or infinite inputs ([`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite)), a non-positive start value (and end
//! value for a CAGR, [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive)), an end before the start
//! ([`ErrorKind::Order`](crate::ErrorKind::Order)) and a zero-length span ([`ErrorKind::Order`](crate::ErrorKind::Order)) are
//! typed errors naming the value.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::time::Span;
use crate::validate::{finite, positive};

/// A growth rate per year, as a fraction (`0.122` = 12.2 %/yr); above −1.
///
/// Held as the continuously compounded rate `k = ln(1 + r)`, so that steep rates over short spans
/// (a fall to a millionth in one day is `r` = −1 + 10^−2190, which no `f64` holds) still project
/// back to their end values; [`GrowthRate::fraction`] gives `r = e^k − 1`.
///
/// Serialized as `{"fraction_per_year": 0.122, "continuous_per_year": 0.115}`; reading uses the
/// continuous rate (exact) when present, else the fraction.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(into = "RateWire", try_from = "RateWire")]
pub struct GrowthRate(f64);

#[derive(Serialize, Deserialize)]
struct RateWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fraction_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    continuous_per_year: Option<f64>,
}

impl From<GrowthRate> for RateWire {
    fn from(r: GrowthRate) -> RateWire {
        RateWire { fraction_per_year: Some(r.fraction()), continuous_per_year: Some(r.continuous()) }
    }
}

impl TryFrom<RateWire> for GrowthRate {
    type Error = Error;
    fn try_from(w: RateWire) -> Result<GrowthRate, Error> {
        match (w.continuous_per_year, w.fraction_per_year) {
            (Some(k), _) => GrowthRate::from_log(k, || "continuous growth rate".to_string()),
            (None, Some(f)) => GrowthRate::from_fraction(f),
            (None, None) => {
                Err(Detail::Absent { what: "growth rate: fraction_per_year or continuous_per_year".into() }.into())
            }
        }
    }
}

impl GrowthRate {
    /// A rate from a fraction per year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite); [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) at or below −1 (−100 %/yr).
    pub fn from_fraction(f: f64) -> Result<GrowthRate, Error> {
        finite(|| "growth rate".to_string(), f)?;
        if f <= -1.0 {
            return Err(Detail::OutOfRange {
                what: "growth rate (fraction per year)".to_string(),
                value: f,
                expected: "above -1 (-100 %/yr)".to_string(),
            }
            .into());
        }
        Ok(GrowthRate(f.ln_1p()))
    }

    fn from_log(k: f64, what: impl FnOnce() -> String) -> Result<GrowthRate, Error> {
        finite(what, k).map(GrowthRate)
    }

    /// A rate from percent per year (`12.2`).
    ///
    /// # Errors
    ///
    /// As [`GrowthRate::from_fraction`].
    pub fn from_percent(p: f64) -> Result<GrowthRate, Error> {
        GrowthRate::from_fraction(p / 100.0)
    }

    /// The rate as a fraction per year (`+inf` when `e^k` overflows; at least −1).
    pub fn fraction(self) -> f64 {
        self.0.exp_m1()
    }

    /// The rate in percent per year.
    pub fn percent(self) -> f64 {
        self.fraction() * 100.0
    }

    /// The continuously compounded rate per year, `ln(1 + r)`.
    pub fn continuous(self) -> f64 {
        self.0
    }
}

impl fmt::Display for GrowthRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} %/yr", self.percent())
    }
}

/// A relative change from a start value, as a fraction (`−0.892` = −89.2 %); at least −1.
///
/// Serialized as `{"fraction": -0.892}`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(into = "ChangeWire", try_from = "ChangeWire")]
pub struct Change(f64);

#[derive(Serialize, Deserialize)]
struct ChangeWire {
    fraction: f64,
}

impl From<Change> for ChangeWire {
    fn from(c: Change) -> ChangeWire {
        ChangeWire { fraction: c.0 }
    }
}

impl TryFrom<ChangeWire> for Change {
    type Error = Error;
    fn try_from(w: ChangeWire) -> Result<Change, Error> {
        crate::validate::in_range("relative change (fraction)", w.fraction, -1.0, f64::MAX).map(Change)
    }
}

impl Change {
    /// The change as a fraction of the start value.
    pub fn fraction(self) -> f64 {
        self.0
    }

    /// The change in percent of the start value.
    pub fn percent(self) -> f64 {
        self.0 * 100.0
    }

    /// The multiple `to / from` (`1 + change`).
    pub fn multiple(self) -> f64 {
        1.0 + self.0
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:+.1} %", self.percent())
    }
}

/// Compound annual growth rate from `start` to `end` over `span`: `(end/start)^(1/t) − 1`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::growth::cagr;
///
/// // USGS MCS 2025 cobalt: world mine production 238,000 t (2023) -> 290,000 t (2024)
/// let r = cagr(238_000.0, 290_000.0, &Span::years(2023, 2024)?)?;
/// assert!((r.percent() - 21.85).abs() < 0.01);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) naming the start or end value.
pub fn cagr(start: f64, end: f64, span: &Span) -> Result<GrowthRate, Error> {
    positive(|| format!("start value ({})", span.endpoints_text().0), start)?;
    positive(|| format!("end value ({})", span.endpoints_text().1), end)?;
    let k = (end.ln() - start.ln()) / span.len_years();
    GrowthRate::from_log(k, || format!("growth rate from {start} to {end} over {span}"))
}

/// The annual rate implied by growing `multiple`-fold over `span`: `m^(1/t) − 1`
/// ("x20 from 2020 to 2025" is 20^(1/5) − 1 = 82.1 %/yr).
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::growth::implied_rate;
///
/// let r = implied_rate(20.0, &Span::years(2020, 2025)?)?;
/// assert!((r.percent() - 82.06).abs() < 0.01);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for the multiple.
pub fn implied_rate(multiple: f64, span: &Span) -> Result<GrowthRate, Error> {
    positive(|| format!("growth multiple ({span})"), multiple)?;
    GrowthRate::from_log(multiple.ln() / span.len_years(), || format!("growth rate of x{multiple} over {span}"))
}

fn projection_input(value: f64, span: &Span) -> Result<f64, Error> {
    finite(|| format!("value to project ({span})"), value)?;
    if value < 0.0 {
        return Err(Detail::Negative { what: format!("value to project ({span})"), value }.into());
    }
    Ok(value)
}

/// `value` grown at `rate` for `span`: `v·(1 + r)^t`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::growth::{GrowthRate, project};
///
/// // USGS MCS 2025 lithium, 240,000 t in 2024, at 10 %/yr to 2030
/// let v = project(240_000.0, GrowthRate::from_percent(10.0)?, &Span::years(2024, 2030)?)?;
/// assert!((v - 425_174.64).abs() < 0.01);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) for the value, and
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) when the projection overflows.
pub fn project(value: f64, rate: GrowthRate, span: &Span) -> Result<f64, Error> {
    projection_input(value, span)?;
    finite(|| format!("projected value ({span}, {rate})"), value * (rate.0 * span.len_years()).exp())
}

/// The value that grows into `value` at `rate` over `span`: `v / (1 + r)^t`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::growth::{cagr, project_back};
///
/// // USGS MCS 2025 lithium: back from 240,000 t (2024) at the 2023-24 rate gives 204,000 t
/// let span = Span::years(2023, 2024)?;
/// let r = cagr(204_000.0, 240_000.0, &span)?;
/// assert!((project_back(240_000.0, r, &span)? - 204_000.0).abs() < 1e-6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`project`].
pub fn project_back(value: f64, rate: GrowthRate, span: &Span) -> Result<f64, Error> {
    projection_input(value, span)?;
    finite(|| format!("back-projected value ({span}, {rate})"), value * (-rate.0 * span.len_years()).exp())
}

/// The relative change from `from` to `to`: `(to − from) / from`.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::growth::percent_change;
///
/// // USGS MCS 2025: U.S. battery-grade Li2CO3, $41,300/t (2023) -> $14,000/t (2024): "down 66 %"
/// assert_eq!(percent_change(41_300.0, 14_000.0)?.percent().round(), -66.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a zero or negative `from`, [`ErrorKind::Negative`](crate::ErrorKind::Negative) for
/// a negative `to`, [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for either.
pub fn percent_change(from: f64, to: f64) -> Result<Change, Error> {
    positive(|| "start value of a change".to_string(), from)?;
    finite(|| "end value of a change".to_string(), to)?;
    if to < 0.0 {
        return Err(Detail::Negative { what: "end value of a change".to_string(), value: to }.into());
    }
    Ok(Change((to - from) / from))
}

/// Years to double at `rate`: `ln 2 / ln(1 + r)`.
///
/// # Example
///
/// ```
/// use critical_minerals::time::Span;
/// use critical_minerals::stats::growth::{doubling_time, implied_rate};
///
/// // "doubles from 2024 to 2030" -> the implied rate doubles in 6 years
/// let r = implied_rate(2.0, &Span::years(2024, 2030)?)?;
/// assert!((doubling_time(r)? - 6.0).abs() < 1e-9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a zero or negative rate (nothing doubles).
pub fn doubling_time(rate: GrowthRate) -> Result<f64, Error> {
    positive(|| "growth rate for a doubling time".to_string(), rate.fraction())?;
    Ok(std::f64::consts::LN_2 / rate.0)
}
