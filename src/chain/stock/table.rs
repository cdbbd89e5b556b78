//! The survival table: each cohort's surviving share in each later year of a year grid.
//!
//! # Formula
//!
//! For cohorts `c` and years `t` of the grid `t₀ … t₀ + n − 1`, with `S_c` the lifetime of
//! cohort `c` and `δ` the inflow timing's age offset ([`InflowTiming`]):
//! `sf(t, c) = S_c(t − c + δ)` for `t ≥ c`, and 0 for `t < c` (not stored).
//!
//! # Worked example
//!
//! ODYM's fixed lifetime of 5 years: a cohort is in use in its own year and the four after,
//! and gone in the fifth.
//!
//! ```
//! use critical_minerals::chain::stock::{InflowTiming, Lifetime, SurvivalTable};
//!
//! let table = SurvivalTable::new(0, 10, Lifetime::fixed(5.0)?, InflowTiming::AtGridPoint)?;
//! assert_eq!(table.survival(4, 0), Some(1.0));
//! assert_eq!(table.survival(5, 0), Some(0.0));
//! assert_eq!(table.survival(3, 4), None); // before the cohort arrived
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;

use super::{InflowTiming, Lifetime};
use crate::Error;
use crate::error::Detail;

/// The surviving share of every cohort in every later year of a grid of consecutive years.
///
/// One lifetime for every cohort ([`SurvivalTable::new`]) or one per cohort
/// ([`SurvivalTable::by_cohort`], e.g. lifetimes that lengthen as products improve).
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::stock::{InflowTiming, Lifetime, SurvivalTable};
///
/// let t = SurvivalTable::new(2000, 11, Lifetime::normal(10.0, 3.0)?, InflowTiming::MidYear)?;
/// assert_eq!((t.first_year(), t.last_year(), t.years()), (2000, 2010, 11));
/// // half a year old at the end of its first year
/// assert!((t.survival(2000, 2000).ok_or("none")? - 0.999_229).abs() < 1e-6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalTable {
    first_year: i32,
    years: usize,
    timing: InflowTiming,
    lifetimes: Vec<Lifetime>,
    /// `curves[i][k]`: surviving share at `k` years after arrival, of cohort `i` (or of every
    /// cohort when there is one curve).
    #[serde(skip)]
    curves: Vec<Vec<f64>>,
}

fn check_grid(first_year: i32, years: usize) -> Result<(), Error> {
    if years == 0 {
        return Err(Detail::Empty { what: format!("year grid starting in {first_year}") }.into());
    }
    let last = i64::from(first_year) + years as i64 - 1;
    if last > i64::from(i32::MAX) {
        return Err(Detail::OutOfRange {
            what: format!("year grid of {years} years from {first_year}"),
            value: last as f64,
            expected: format!("a last year up to {}", i32::MAX),
        }
        .into());
    }
    Ok(())
}

impl SurvivalTable {
    /// One lifetime for every cohort of the `years` years from `first_year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for `years = 0`;
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a grid past year `i32::MAX`.
    pub fn new(
        first_year: i32,
        years: usize,
        lifetime: Lifetime,
        timing: InflowTiming,
    ) -> Result<SurvivalTable, Error> {
        check_grid(first_year, years)?;
        Ok(SurvivalTable {
            first_year,
            years,
            timing,
            lifetimes: vec![lifetime],
            curves: vec![lifetime.survival_curve(years, timing)],
        })
    }

    /// One lifetime per cohort, `lifetimes[i]` for the cohort of year `first_year + i`; the grid
    /// has as many years as there are lifetimes.
    ///
    /// # Errors
    ///
    /// As [`SurvivalTable::new`], with [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no
    /// lifetime.
    pub fn by_cohort(first_year: i32, lifetimes: &[Lifetime], timing: InflowTiming) -> Result<SurvivalTable, Error> {
        let years = lifetimes.len();
        check_grid(first_year, years)?;
        let curves = lifetimes.iter().enumerate().map(|(i, lt)| lt.survival_curve(years - i, timing)).collect();
        Ok(SurvivalTable { first_year, years, timing, lifetimes: lifetimes.to_vec(), curves })
    }

    /// First year of the grid.
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// Last year of the grid.
    pub fn last_year(&self) -> i32 {
        self.first_year + (self.years as i32 - 1)
    }

    /// Number of years.
    pub fn years(&self) -> usize {
        self.years
    }

    /// When in the year inflow arrives.
    pub fn timing(&self) -> InflowTiming {
        self.timing
    }

    /// The lifetime of the cohort of `cohort_year`, if on the grid.
    pub fn lifetime(&self, cohort_year: i32) -> Option<Lifetime> {
        let c = self.index(cohort_year)?;
        if self.lifetimes.len() == 1 { self.lifetimes.first().copied() } else { self.lifetimes.get(c).copied() }
    }

    fn index(&self, year: i32) -> Option<usize> {
        let i = usize::try_from(i64::from(year) - i64::from(self.first_year)).ok()?;
        (i < self.years).then_some(i)
    }

    /// `sf(t, c)` by grid indices (`t ≥ c`, both below `years`).
    pub(crate) fn sf(&self, t: usize, c: usize) -> f64 {
        let curve = if self.curves.len() == 1 { self.curves.first() } else { self.curves.get(c) };
        curve.and_then(|k| k.get(t.wrapping_sub(c))).copied().unwrap_or(0.0)
    }

    /// The surviving share of the cohort of `cohort_year` in `year`; `None` off the grid or
    /// before the cohort arrived.
    pub fn survival(&self, year: i32, cohort_year: i32) -> Option<f64> {
        let (t, c) = (self.index(year)?, self.index(cohort_year)?);
        (t >= c).then(|| self.sf(t, c))
    }

    /// The share of the cohort of `cohort_year` that leaves in `year` (the discrete pdf):
    /// `1 − sf(c, c)` in its own year, `sf(t − 1, c) − sf(t, c)` after.
    pub fn outflow_share(&self, year: i32, cohort_year: i32) -> Option<f64> {
        let (t, c) = (self.index(year)?, self.index(cohort_year)?);
        if t < c {
            return None;
        }
        let before = if t == c { 1.0 } else { self.sf(t - 1, c) };
        Some(before - self.sf(t, c))
    }
}
