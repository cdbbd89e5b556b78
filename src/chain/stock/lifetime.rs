//! Lifetime models: how long a product stays in use, as a survival function on a year grid.
//!
//! # Formulas
//!
//! The survival function `S(a)` is the probability that a unit put in use is still in use at
//! age `a` (years). With `Q` the standard normal upper tail ([`crate::stats::normal::sf`]):
//!
//! | model | parameters | `S(a)` |
//! |---|---|---|
//! | [`Lifetime::fixed`] | `L ≥ 0` | 1 if `a < L`, else 0 |
//! | [`Lifetime::normal`] | mean `μ > 0`, sd `σ ≥ 0` | `Q((a − μ)/σ)` |
//! | [`Lifetime::folded_normal`] | `μ > 0`, `σ ≥ 0` of the normal *before* folding | `Q((a − μ)/σ) + Q((a + μ)/σ)` |
//! | [`Lifetime::log_normal`] | mean `m > 0`, sd `s ≥ 0` of the lifetime itself | `Q((ln a − μₗ)/σₗ)`, `σₗ² = ln(1 + s²/m²)`, `μₗ = ln m − σₗ²/2` |
//! | [`Lifetime::weibull`] | shape `k > 0`, scale `λ > 0` | `exp(−(a/λ)ᵏ)` |
//!
//! A standard deviation of 0 is the limit of its model: a step from 1 to 0 at the mean (½ at
//! the mean itself). The normal model gives `S(0) < 1`: the part of the distribution below age 0
//! leaves in the year it arrived, as ODYM allocates it.
//!
//! # The discrete year grid, and when in the year inflow arrives
//!
//! Stocks are read once a year, at the grid points `t = t₀, t₀ + 1, …`. A unit of cohort `c`
//! (put in use in year `c`) has, at grid point `t ≥ c`, the age `t − c + δ`, where `δ` is set
//! by [`InflowTiming`]:
//!
//! - [`InflowTiming::AtGridPoint`] (`δ = 0`), the convention of ODYM
//!   (`IndEcol/ODYM`, `dynamic_stock_model.py`): inflow arrives at the grid point at which the
//!   stock is read, so a unit is of age 0 in its own year;
//! - [`InflowTiming::MidYear`] (`δ = ½`), the default of flodym (`pik-piam/flodym`,
//!   `lifetime_models.py`, `inflow_at = "middle"`): inflow arrives in the middle of the year,
//!   half a year before the stock is read. **This is the crate's default**
//!   ([`InflowTiming::default`]): inflow spread over a year is on average half a year old at its
//!   end, and a year's inflow is not all assumed to arrive on one day at the year's end.
//!
//! The survival factor of cohort `c` in year `t` is `sf(t, c) = S(t − c + δ)`; the share of the
//! cohort leaving in year `t` is `pdf(t, c) = 1 − sf(c, c)` for `t = c` and
//! `sf(t − 1, c) − sf(t, c)` after ([`Lifetime::outflow_shares`]).
//!
//! # Worked example (ODYM's test values)
//!
//! A normal lifetime of 5 ± 1.5 years on ODYM's grid: `S(0) = Q(−3.333…) = 0.999 570 94`, so
//! 0.043 % of a cohort leaves in its first year; half of it is gone at age 5.
//!
//! ```
//! use critical_minerals::chain::stock::{InflowTiming, Lifetime};
//!
//! let lt = Lifetime::normal(5.0, 1.5)?;
//! let sf = lt.survival_curve(10, InflowTiming::AtGridPoint);
//! assert!((sf[0] - 0.999_570_94).abs() < 1e-8);
//! assert_eq!(sf[5], 0.5);
//! let pdf = lt.outflow_shares(10, InflowTiming::AtGridPoint);
//! assert!((pdf[0] - 4.290_603_33e-4).abs() < 1e-11);
//! assert!(Lifetime::normal(5.0, -1.5).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::stats::normal;
use crate::validate::{non_negative, positive};

/// When in the year a cohort's inflow arrives, relative to the grid point at which stocks are
/// read (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InflowTiming {
    /// At the grid point: a unit is of age 0 when the stock of its year is read (ODYM).
    AtGridPoint,
    /// In the middle of the year: a unit is half a year old when the stock of its year is read
    /// (flodym's default). The crate's default.
    #[default]
    MidYear,
}

impl InflowTiming {
    /// The age, in years, of a unit when the stock of its own year is read: 0 or ½.
    pub const fn age_offset_years(self) -> f64 {
        match self {
            InflowTiming::AtGridPoint => 0.0,
            InflowTiming::MidYear => 0.5,
        }
    }

    /// `"at-grid-point"` or `"mid-year"`.
    pub const fn name(self) -> &'static str {
        match self {
            InflowTiming::AtGridPoint => "at-grid-point",
            InflowTiming::MidYear => "mid-year",
        }
    }
}

impl fmt::Display for InflowTiming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Fixed { years: f64 },
    Normal { mean: f64, sd: f64 },
    FoldedNormal { mean: f64, sd: f64 },
    LogNormal { mean: f64, sd: f64 },
    Weibull { shape: f64, scale: f64 },
}

/// A lifetime distribution with validated parameters (all in years, shape aside).
///
/// Serialized as `{"model": "normal", "mean_years": 5.0, "sd_years": 1.5}`,
/// `{"model": "fixed", "years": 5.0}` or `{"model": "weibull", "shape": 1.2, "scale_years": 1.0}`;
/// reading a file validates like the constructors.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::stock::Lifetime;
/// use critical_minerals::ErrorKind;
///
/// let lt = Lifetime::weibull(1.2, 1.0)?;
/// assert!((lt.survival(1.0) - (-1.0f64).exp()).abs() < 1e-15);
/// assert_eq!(Lifetime::weibull(0.0, 1.0).unwrap_err().kind(), ErrorKind::NotPositive);
/// assert_eq!(Lifetime::normal(8.0, f64::NAN).unwrap_err().kind(), ErrorKind::NotFinite);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "LifetimeWire", into = "LifetimeWire")]
pub struct Lifetime {
    kind: Kind,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "kebab-case", deny_unknown_fields)]
enum LifetimeWire {
    Fixed { years: f64 },
    Normal { mean_years: f64, sd_years: f64 },
    FoldedNormal { mean_years: f64, sd_years: f64 },
    LogNormal { mean_years: f64, sd_years: f64 },
    Weibull { shape: f64, scale_years: f64 },
}

impl TryFrom<LifetimeWire> for Lifetime {
    type Error = Error;
    fn try_from(w: LifetimeWire) -> Result<Lifetime, Error> {
        match w {
            LifetimeWire::Fixed { years } => Lifetime::fixed(years),
            LifetimeWire::Normal { mean_years, sd_years } => Lifetime::normal(mean_years, sd_years),
            LifetimeWire::FoldedNormal { mean_years, sd_years } => Lifetime::folded_normal(mean_years, sd_years),
            LifetimeWire::LogNormal { mean_years, sd_years } => Lifetime::log_normal(mean_years, sd_years),
            LifetimeWire::Weibull { shape, scale_years } => Lifetime::weibull(shape, scale_years),
        }
    }
}

impl From<Lifetime> for LifetimeWire {
    fn from(l: Lifetime) -> LifetimeWire {
        match l.kind {
            Kind::Fixed { years } => LifetimeWire::Fixed { years },
            Kind::Normal { mean, sd } => LifetimeWire::Normal { mean_years: mean, sd_years: sd },
            Kind::FoldedNormal { mean, sd } => LifetimeWire::FoldedNormal { mean_years: mean, sd_years: sd },
            Kind::LogNormal { mean, sd } => LifetimeWire::LogNormal { mean_years: mean, sd_years: sd },
            Kind::Weibull { shape, scale } => LifetimeWire::Weibull { shape, scale_years: scale },
        }
    }
}

/// `S(a)` of a distribution with standard deviation 0: a step at `m`.
fn step(a: f64, m: f64) -> f64 {
    if a < m {
        1.0
    } else if a > m {
        0.0
    } else {
        0.5
    }
}

impl Lifetime {
    /// Every unit stays exactly `years` years: in use at ages below `years`, gone from age
    /// `years` on (`years = 3.5` keeps a unit at ages 0, 1, 2 and 3). `years = 0` retires every
    /// unit in the year it arrives.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the parameter.
    pub fn fixed(years: f64) -> Result<Lifetime, Error> {
        Ok(Lifetime { kind: Kind::Fixed { years: non_negative("fixed lifetime (years)", years)? } })
    }

    /// A normally distributed lifetime.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a mean `≤ 0`,
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for `sd < 0`,
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or infinity.
    pub fn normal(mean_years: f64, sd_years: f64) -> Result<Lifetime, Error> {
        let mean = positive("normal lifetime mean (years)", mean_years)?;
        let sd = non_negative("normal lifetime standard deviation (years)", sd_years)?;
        Ok(Lifetime { kind: Kind::Normal { mean, sd } })
    }

    /// A folded normal lifetime: `|X|` for `X` normal with `mean_years` and `sd_years` (the
    /// parameters *before* folding, as ODYM and flodym take them). No mass below age 0.
    ///
    /// # Errors
    ///
    /// As [`Lifetime::normal`].
    pub fn folded_normal(mean_years: f64, sd_years: f64) -> Result<Lifetime, Error> {
        let mean = positive("folded normal lifetime mean (years)", mean_years)?;
        let sd = non_negative("folded normal lifetime standard deviation (years)", sd_years)?;
        Ok(Lifetime { kind: Kind::FoldedNormal { mean, sd } })
    }

    /// A log-normal lifetime with the given mean and standard deviation *of the lifetime*
    /// (not of its logarithm): `σₗ² = ln(1 + sd²/mean²)`, `μₗ = ln(mean) − σₗ²/2`, as flodym
    /// converts them. (ODYM's `dynamic_stock_model.py` uses `mean²/sd²` in place of
    /// `sd²/mean²`; the two agree only when mean = sd, the case of ODYM's own test.)
    ///
    /// # Errors
    ///
    /// As [`Lifetime::normal`].
    pub fn log_normal(mean_years: f64, sd_years: f64) -> Result<Lifetime, Error> {
        let mean = positive("log-normal lifetime mean (years)", mean_years)?;
        let sd = non_negative("log-normal lifetime standard deviation (years)", sd_years)?;
        Ok(Lifetime { kind: Kind::LogNormal { mean, sd } })
    }

    /// A Weibull lifetime with the standard shape `k` and scale `λ` (years).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a shape or scale `≤ 0`,
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or infinity.
    pub fn weibull(shape: f64, scale_years: f64) -> Result<Lifetime, Error> {
        let shape = positive("Weibull lifetime shape", shape)?;
        let scale = positive("Weibull lifetime scale (years)", scale_years)?;
        Ok(Lifetime { kind: Kind::Weibull { shape, scale } })
    }

    /// The model's name: `"fixed"`, `"normal"`, `"folded-normal"`, `"log-normal"`, `"weibull"`.
    pub const fn model(&self) -> &'static str {
        match self.kind {
            Kind::Fixed { .. } => "fixed",
            Kind::Normal { .. } => "normal",
            Kind::FoldedNormal { .. } => "folded-normal",
            Kind::LogNormal { .. } => "log-normal",
            Kind::Weibull { .. } => "weibull",
        }
    }

    /// `S(a)`: the probability that a unit is still in use at age `age_years`. Ages below 0
    /// give 1 for every model but the normal (whose mass below 0 is counted as retired).
    pub fn survival(&self, age_years: f64) -> f64 {
        let a = age_years;
        match self.kind {
            Kind::Fixed { years } => {
                if a < years {
                    1.0
                } else {
                    0.0
                }
            }
            Kind::Normal { mean, sd } => {
                if sd == 0.0 {
                    step(a, mean)
                } else {
                    normal::sf((a - mean) / sd)
                }
            }
            Kind::FoldedNormal { mean, sd } => {
                if a <= 0.0 {
                    1.0
                } else if sd == 0.0 {
                    step(a, mean)
                } else {
                    (normal::sf((a - mean) / sd) + normal::sf((a + mean) / sd)).min(1.0)
                }
            }
            Kind::LogNormal { mean, sd } => {
                if a <= 0.0 {
                    1.0
                } else if sd == 0.0 {
                    step(a, mean)
                } else {
                    let s2 = (sd / mean).powi(2).ln_1p();
                    let mu = mean.ln() - s2 / 2.0;
                    normal::sf((a.ln() - mu) / s2.sqrt())
                }
            }
            Kind::Weibull { shape, scale } => {
                if a <= 0.0 {
                    1.0
                } else {
                    (-(a / scale).powf(shape)).exp()
                }
            }
        }
    }

    /// `S` on the grid: the surviving share of a cohort in its own year and the `years − 1`
    /// years after it, `S(k + δ)` for `k = 0 … years − 1` (see [`InflowTiming`]).
    pub fn survival_curve(&self, years: usize, timing: InflowTiming) -> Vec<f64> {
        let d = timing.age_offset_years();
        (0..years).map(|k| self.survival(k as f64 + d)).collect()
    }

    /// The share of a cohort that leaves in each year on the grid: `1 − S(δ)` in its own year,
    /// `S(k − 1 + δ) − S(k + δ)` in year `k` after it. Sums to `1 − S(years − 1 + δ)`.
    pub fn outflow_shares(&self, years: usize, timing: InflowTiming) -> Vec<f64> {
        let sf = self.survival_curve(years, timing);
        let mut prev = 1.0;
        sf.iter()
            .map(|&s| {
                let p = prev - s;
                prev = s;
                p
            })
            .collect()
    }
}

impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::Fixed { years } => write!(f, "fixed {years} years"),
            Kind::Normal { mean, sd } => write!(f, "normal {mean} ± {sd} years"),
            Kind::FoldedNormal { mean, sd } => write!(f, "folded normal {mean} ± {sd} years"),
            Kind::LogNormal { mean, sd } => write!(f, "log-normal {mean} ± {sd} years"),
            Kind::Weibull { shape, scale } => write!(f, "Weibull shape {shape}, scale {scale} years"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_spreads_are_steps() {
        for lt in [
            Lifetime::normal(4.0, 0.0).unwrap(),
            Lifetime::folded_normal(4.0, 0.0).unwrap(),
            Lifetime::log_normal(4.0, 0.0).unwrap(),
        ] {
            assert_eq!(lt.survival(3.9), 1.0, "{lt}");
            assert_eq!(lt.survival(4.0), 0.5, "{lt}");
            assert_eq!(lt.survival(4.1), 0.0, "{lt}");
        }
    }

    #[test]
    fn log_normal_has_the_requested_median() {
        // median = exp(μₗ) = m / sqrt(1 + s²/m²)
        let lt = Lifetime::log_normal(10.0, 5.0).unwrap();
        let median = 10.0 / (1.0f64 + 0.25).sqrt();
        assert!((lt.survival(median) - 0.5).abs() < 1e-15);
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let lt = Lifetime::folded_normal(20.0, 20.0).unwrap();
        let s = serde_json::to_string(&lt).unwrap();
        assert_eq!(s, r#"{"model":"folded-normal","mean_years":20.0,"sd_years":20.0}"#);
        assert_eq!(serde_json::from_str::<Lifetime>(&s).unwrap(), lt);
        assert!(serde_json::from_str::<Lifetime>(r#"{"model":"normal","mean_years":5,"sd_years":-1}"#).is_err());
        assert!(serde_json::from_str::<Lifetime>(r#"{"model":"weibull","shape":0,"scale_years":1}"#).is_err());
    }
}
