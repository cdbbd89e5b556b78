//! The one rule set of claims: what a stated figure allows, and when two figures agree. The
//! audit and the recomputation both read figures through these rules (see [`Tolerances`]).

#[cfg(doc)]
use super::ClaimSet;
use super::claim::{Bound, Stated};
use crate::Error;
use serde::{Deserialize, Serialize};

/// How far apart figures may be before they disagree, and the one rule set of claims: what a
/// stated figure allows and when two figures agree. The audit ([`audit`](super::audit())) and the
/// recomputation ([`recompute`](super::recompute())) both judge figures by these rules, with the
/// tolerances of their [`ClaimSet`].
///
/// # What a bound allows
///
/// A figure is read in base units (shares, rates and changes as fractions, money in units of the
/// currency, tonnes) as the interval it states, and checked against what it allows:
///
/// | bound | as written | states | allows |
/// |---|---|---|---|
/// | [`Exact`](Bound::Exact) | "30 %" | 30 % | 30 % |
/// | [`About`](Bound::About) | "about", "around", "nearly", "approximately" | the number | the number ± 5 % of itself ([`Tolerances::about`]) |
/// | [`AtLeast`](Bound::AtLeast) | "at least", "or more", "more than", "exceeding" | the number and up | the same, open above |
/// | [`AtMost`](Bound::AtMost) | "at most", "up to", "less than" | up to the number | the same, open below |
/// | [`Range`](Bound::Range) | "from 40,000 to 60,000 t" | both ends | both ends |
///
/// What a claim *implies* (the 2025 base a 2030 size implies at a rate, the share left to Canada
/// in North America) is computed from what it states, so "about USD 150 billion" implies a base,
/// not a band. Whether figures *agree* is judged on what they allow:
///
/// - two figures disagree when the gap between what they allow is more than the tolerance of the
///   comparison (a gap of exactly the tolerance agrees);
/// - a value computed from data agrees with a claim when it lies within what the claim allows,
///   widened by the tolerance on both sides.
///
/// # Tolerances
///
/// | field | default | compares |
/// |---|---|---|
/// | `share_sum` | 0.01 (1 pp) | the sum of the shares of regions that do not overlap with 100 % |
/// | `share` | 0.005 (0.5 pp) | two statements of one share; a share with the sizes it implies |
/// | `rate` | 0.005 (0.5 pp/yr) | two CAGRs; a CAGR with the rate its endpoint sizes imply |
/// | `change` | 0.005 (0.5 pp) | a percent change with the change measured in data |
/// | `size_relative` | 0.02 (2 %) | two sizes, relative to the larger |
/// | `about` | 0.05 (5 %) | what "about" adds on each side, relative to the figure |
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::{Stated, Tolerances};
///
/// let t = Tolerances::default();
/// // "a fall of nearly 90 %" against a fall of 89.2 % and one of 80.3 % measured in prices
/// let claim = Stated::about(-0.90)?;
/// assert!(t.admits(&claim, -0.892, t.change));
/// assert!(!t.admits(&claim, -0.803, t.change));
/// // "exceeding 15 %/yr" is open above
/// assert!(t.admits(&Stated::at_least(0.15)?, 0.40, t.rate));
/// assert_eq!(t.allowed(&Stated::at_least(0.15)?), (0.15, f64::INFINITY));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use critical_minerals::claims::Tolerances;
///
/// let t = Tolerances::default();
/// assert_eq!((t.share_sum, t.share, t.rate, t.change, t.size_relative, t.about), (0.01, 0.005, 0.005, 0.005, 0.02, 0.05));
/// let strict = Tolerances { share_sum: 0.0, ..t }.validated()?;
/// assert_eq!(strict.share_sum, 0.0);
/// assert!(Tolerances { rate: f64::NAN, ..t }.validated().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerances {
    /// Allowed distance of a sum of shares from 1 (a fraction).
    pub share_sum: f64,
    /// Allowed gap between two statements of one share (a fraction).
    pub share: f64,
    /// Allowed gap between two growth rates (a fraction per year).
    pub rate: f64,
    /// Allowed gap between a stated and a measured percent change (a fraction).
    pub change: f64,
    /// Allowed gap between two sizes, relative to the larger.
    pub size_relative: f64,
    /// What "about" allows on each side of the figure, relative to it.
    pub about: f64,
}

impl Default for Tolerances {
    fn default() -> Tolerances {
        Tolerances { share_sum: 0.01, share: 0.005, rate: 0.005, change: 0.005, size_relative: 0.02, about: 0.05 }
    }
}

impl Tolerances {
    /// The same tolerances, checked: each finite and not negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the tolerance.
    pub fn validated(self) -> Result<Tolerances, Error> {
        let t = self;
        for (what, v) in [
            ("share_sum", t.share_sum),
            ("share", t.share),
            ("rate", t.rate),
            ("change", t.change),
            ("size_relative", t.size_relative),
            ("about", t.about),
        ] {
            crate::validate::non_negative(|| format!("claims tolerance {what}"), v)?;
        }
        Ok(self)
    }

    /// The interval `stated` allows, in its unit, with `±∞` for an open end.
    pub fn allowed(&self, stated: &Stated) -> (f64, f64) {
        stated.reading(1.0).allowed(self)
    }

    /// Whether `value` agrees with `stated`: it lies within what `stated` allows, widened by
    /// `tolerance` on both sides (`value`, `stated` and `tolerance` in one unit).
    pub fn admits(&self, stated: &Stated, value: f64, tolerance: f64) -> bool {
        self.admits_reading(&stated.reading(1.0), value, tolerance)
    }

    /// [`Tolerances::admits`] for a figure read in base units.
    pub(crate) fn admits_reading(&self, r: &Reading, value: f64, tolerance: f64) -> bool {
        let (lo, hi) = r.allowed(self);
        value >= lo - tolerance && value <= hi + tolerance
    }
}

/// A stated figure in base units, as the checks read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Reading {
    /// The low end as stated.
    pub(crate) low: f64,
    /// The high end as stated.
    pub(crate) high: f64,
    /// The bound.
    pub(crate) bound: Bound,
}

impl Reading {
    /// The interval the figure states, with `±∞` for an open end.
    pub(crate) fn interval(&self) -> (f64, f64) {
        match self.bound {
            Bound::AtLeast => (self.low, f64::INFINITY),
            Bound::AtMost => (f64::NEG_INFINITY, self.high),
            _ => (self.low, self.high),
        }
    }

    /// The interval the figure allows: as stated, "about" widened by `t.about` of itself.
    pub(crate) fn allowed(&self, t: &Tolerances) -> (f64, f64) {
        let (lo, hi) = self.interval();
        if self.bound == Bound::About {
            let slack = t.about * lo.abs().max(hi.abs());
            (lo - slack, hi + slack)
        } else {
            (lo, hi)
        }
    }

    /// The figure in words, each number written by `f` (`≥ 15 %`, `about 150`, `40–60`).
    pub(crate) fn show(&self, f: impl Fn(f64) -> String) -> String {
        let (lo, hi) = (self.low, self.high);
        match self.bound {
            Bound::AtLeast => format!("≥ {}", f(lo)),
            Bound::AtMost => format!("≤ {}", f(hi)),
            Bound::About if lo == hi => format!("about {}", f(lo)),
            _ if lo == hi => f(lo),
            _ => format!("{}–{}", f(lo), f(hi)),
        }
    }
}

/// The gap between two intervals (0 when they meet).
pub(crate) fn gap((a_lo, a_hi): (f64, f64), (b_lo, b_hi): (f64, f64)) -> f64 {
    (b_lo - a_hi).max(a_lo - b_hi).max(0.0)
}
