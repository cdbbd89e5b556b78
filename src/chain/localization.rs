//! Localization: how much of a region's consumption at each stage is supplied from within it,
//! and who the largest outside supplier is.
//!
//! # Formula
//!
//! For a region `R` and a stage with consumption `Q` and supply by origin `s_o`:
//!
//! ```text
//! within share          = sum_{o in R} s_o / Q
//! top outside supplier  = argmax_{o not in R} s_o,   its share = s_o / Q
//! unspecified share     = (Q - sum_o s_o) / Q     (supply of unreported origin; never dropped)
//! ```
//!
//! **Scale**: fractions of consumption in [0, 1]; tonnes on the stage's basis. These are the
//! per-stage inputs of a benchmark check such as the EU Critical Raw Materials Act's (share of
//! consumption from within the Union, largest single third country); the benchmark thresholds
//! themselves live in `policy`.
//!
//! **Source**: the data are the user's.
//!
//! # Worked example
//!
//! ```
//! use critical_minerals::chain::localization::{localization, StageSupply};
//! use critical_minerals::geo::{Country, Region};
//!
//! let eu = Region::from_codes("EU (part)", ["DE", "FR", "PT"])?;
//! let refining = StageSupply::new("refining", 100.0, vec![
//!     (Country::from_code("DE")?, 10.0),
//!     (Country::from_code("CN")?, 70.0),
//!     (Country::from_code("CL")?, 15.0),
//! ])?;
//! let rows = localization(&eu, &[refining])?;
//! assert!((rows[0].within_share - 0.10).abs() < 1e-12);
//! let (top, share) = rows[0].top_outside.expect("an outside supplier");
//! assert_eq!(top.alpha2(), "CN");
//! assert!((share - 0.70).abs() < 1e-12);
//! assert!((rows[0].unspecified_share - 0.05).abs() < 1e-12);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use crate::Error;
use crate::error::Detail;
use crate::geo::{Country, Region};

/// Consumption and supply by origin at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageSupply {
    stage: String,
    consumption_t: f64,
    supply: Vec<(Country, f64)>,
}

impl StageSupply {
    /// A stage's consumption and its supply by origin country (tonnes on one basis).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank stage; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad tonnage; [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) for zero
    /// consumption; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for an origin listed twice;
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when supply adds to more than consumption.
    pub fn new(stage: &str, consumption_t: f64, supply: Vec<(Country, f64)>) -> Result<StageSupply, Error> {
        if stage.trim().is_empty() {
            return Err(Detail::Empty { what: "stage name".into() }.into());
        }
        let check = |what: String, v: f64| -> Result<(), Error> {
            if !v.is_finite() {
                return Err(Detail::NotFinite { what, value: v }.into());
            }
            if v < 0.0 {
                return Err(Detail::Negative { what, value: v }.into());
            }
            Ok(())
        };
        check(format!("consumption at stage {stage:?}"), consumption_t)?;
        if consumption_t == 0.0 {
            return Err(Detail::ZeroTotal { what: format!("consumption at stage {stage:?}") }.into());
        }
        let mut seen = BTreeSet::new();
        for (c, t) in &supply {
            check(format!("supply from {} at stage {stage:?}", c.alpha3()), *t)?;
            if !seen.insert(*c) {
                return Err(Detail::DuplicateKey {
                    what: format!("origins at stage {stage:?}"),
                    key: c.alpha3().to_string(),
                }
                .into());
            }
        }
        let rows: f64 = supply.iter().map(|(_, t)| t).sum();
        if rows > consumption_t * (1.0 + 1e-9) {
            return Err(Detail::TotalBelowRows { total: consumption_t, rows }.into());
        }
        Ok(StageSupply { stage: stage.to_string(), consumption_t, supply })
    }

    /// The stage.
    pub fn stage(&self) -> &str {
        &self.stage
    }
    /// Consumption, tonnes.
    pub fn consumption_t(&self) -> f64 {
        self.consumption_t
    }
    /// Supply by origin.
    pub fn supply(&self) -> &[(Country, f64)] {
        &self.supply
    }
}

/// A region's localization at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageLocalization {
    /// The stage.
    pub stage: String,
    /// Consumption, tonnes.
    pub consumption_t: f64,
    /// Supply from within the region, tonnes.
    pub within_t: f64,
    /// Within-region supply as a fraction of consumption, in [0, 1].
    pub within_share: f64,
    /// The largest outside supplier and its share of consumption (the first in alpha-2 order on
    /// a tie); `None` when no outside country supplies.
    pub top_outside: Option<(Country, f64)>,
    /// Share of consumption whose origin is not reported.
    pub unspecified_share: f64,
}

/// Localization of `region` at each stage, in the order given.
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no stage; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a stage given twice.
pub fn localization(region: &Region, stages: &[StageSupply]) -> Result<Vec<StageLocalization>, Error> {
    if stages.is_empty() {
        return Err(Detail::Empty { what: format!("stages for the localization of {}", region.name()) }.into());
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(stages.len());
    for s in stages {
        if !seen.insert(s.stage.as_str()) {
            return Err(Detail::DuplicateKey { what: "stages".into(), key: s.stage.clone() }.into());
        }
        let q = s.consumption_t;
        let within_t: f64 = s.supply.iter().filter(|(c, _)| region.contains(*c)).map(|(_, t)| t).sum();
        let mut outside: Vec<(Country, f64)> =
            s.supply.iter().filter(|(c, t)| !region.contains(*c) && *t > 0.0).copied().collect();
        outside.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.alpha2().cmp(b.0.alpha2())));
        let total: f64 = s.supply.iter().map(|(_, t)| t).sum();
        out.push(StageLocalization {
            stage: s.stage.clone(),
            consumption_t: q,
            within_t,
            within_share: (within_t / q).clamp(0.0, 1.0),
            top_outside: outside.first().map(|(c, t)| (*c, t / q)),
            unspecified_share: ((q - total) / q).clamp(0.0, 1.0),
        });
    }
    Ok(out)
}
