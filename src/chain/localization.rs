//! Localization: how much of a region's consumption at each stage is supplied from within it,
//! and who the largest outside supplier is.
//!
//! # Formula
//!
//! For a region `R` and a stage with consumption `Q` and supply by origin `s_o`:
//!
//! ```text
//! within share          = sum_{o in R} s_o / Q
//! top outside supplier  = argmax_{o not in R, s_o > 0} s_o,   its share = s_o / Q
//! unspecified share     = (Q - sum_o s_o) / Q     (supply of unreported origin; never dropped)
//! ```
//!
//! The shares are computed by the crate's one share engine ([`Shares`] of the published total
//! `Q`, whose unallocated remainder is the unspecified share); the largest outside supplier is
//! the first outside country in its ranking: largest quantity first, **ties by country code**
//! (alpha-2), whatever the order of the input rows.
//!
//! **Scale**: shares are fractions of consumption in `[0, 1]`; quantities are [`Amount`]s, all on
//! one basis per stage. These are the per-stage inputs of a benchmark check such as the EU
//! Critical Raw Materials Act's (share of consumption from within the Union, largest single
//! third country): [`StageLocalization`] is the type
//! [`CrmaRule::evaluate`](crate::policy::crma::CrmaRule::evaluate) takes, so the rule is written
//! here once; the thresholds themselves live in `policy`.
//!
//! **Source**: the data are the user's.
//!
//! **Serialized form**: one row per stage, with quantities (when known) and shares:
//!
//! ```json
//! {"stage": "refining", "region": "EU (part)", "within_region_share": 0.1,
//!  "largest_outside_country": "CHN", "largest_outside_share": 0.7, "unspecified_share": 0.05,
//!  "consumption_t": 100.0, "within_region_t": 10.0, "basis": "LCE"}
//! ```
//!
//! # Worked example
//!
//! Germany supplies 10 of the 100 t LCE the region refines, China 70 and Chile 15; 5 t are of
//! unreported origin.
//!
//! ```
//! use critical_minerals::chain::Stage;
//! use critical_minerals::chain::localization::{localization, StageSupply};
//! use critical_minerals::geo::{Country, Region};
//! use critical_minerals::material::{Amount, Basis};
//!
//! let t = |x| Amount::tonnes(x, Basis::lce());
//! let eu = Region::from_codes("EU (part)", ["DE", "FR", "PT"])?;
//! let refining = StageSupply::new(Stage::Refining, t(100.0)?, vec![
//!     (Country::from_code("DE")?, t(10.0)?),
//!     (Country::from_code("CN")?, t(70.0)?),
//!     (Country::from_code("CL")?, t(15.0)?),
//! ])?;
//! let rows = localization(&eu, &[refining])?;
//! assert!((rows[0].within_region_share() - 0.10).abs() < 1e-12);
//! let top = rows[0].largest_outside_supplier().ok_or("an outside supplier")?;
//! assert_eq!(top.country().alpha2(), "CN");
//! assert!((top.share() - 0.70).abs() < 1e-12);
//! assert!((rows[0].unspecified_share().ok_or("computed from quantities")? - 0.05).abs() < 1e-12);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Stage;
use crate::error::{Context, Detail};
use crate::geo::{Country, Region};
use crate::material::{Amount, Basis};
use crate::stats::share::{Denominator, Shares};
use crate::validate;
use crate::{Error, Result};

/// How far shares computed from quantities may add up above 1 (a billionth): floating-point
/// noise, not a tolerance for data.
const TOLERANCE: f64 = 1e-9;

/// Consumption and supply by origin country at one stage, all on one basis.
///
/// Serialized as `{"stage": "refining", "consumption_t": 100.0, "basis": "LCE", "supply":
/// [{"country": "DEU", "supply_t": 10.0}, ...]}`; reading it back checks it like
/// [`StageSupply::new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StageSupplyWire", into = "StageSupplyWire")]
pub struct StageSupply {
    stage: Stage,
    consumption: Amount,
    supply: Vec<(Country, Amount)>,
}

fn same_basis(amount: &Amount, basis: &Basis, what: impl FnOnce() -> String) -> Result<()> {
    if amount.basis() == basis {
        return Ok(());
    }
    Err(Error::from(Detail::BasisMismatch {
        left: basis.to_string(),
        right: amount.basis().to_string(),
        operation: "compare with consumption",
    })
    .context(what()))
}

impl StageSupply {
    /// A stage's consumption and its supply by origin country, all on the consumption's basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) for zero consumption;
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a supply on another basis;
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for an origin listed twice;
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when supply adds to more than
    /// consumption.
    pub fn new(stage: Stage, consumption: Amount, supply: Vec<(Country, Amount)>) -> Result<StageSupply> {
        let at = || format!("stage {:?}", stage.name());
        if consumption.in_tonnes() == 0.0 {
            return Err(Detail::ZeroTotal { what: format!("consumption at {}", at()) }.into());
        }
        let mut seen = BTreeSet::new();
        for (c, a) in &supply {
            same_basis(a, consumption.basis(), || format!("supply from {} at {}", c.alpha3(), at()))?;
            if !seen.insert(*c) {
                return Err(
                    Detail::DuplicateKey { what: format!("origins at {}", at()), key: c.alpha3().to_string() }.into()
                );
            }
        }
        let rows: f64 = supply.iter().map(|(_, a)| a.in_tonnes()).sum();
        let q = consumption.in_tonnes();
        if rows > q * (1.0 + TOLERANCE) {
            return Err(Error::from(Detail::TotalBelowRows { total: q, rows })
                .context(format!("consumption and supply by origin at {}", at())));
        }
        Ok(StageSupply { stage, consumption, supply })
    }

    /// The stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }
    /// Consumption.
    pub fn consumption(&self) -> &Amount {
        &self.consumption
    }
    /// Supply by origin.
    pub fn supply(&self) -> &[(Country, Amount)] {
        &self.supply
    }
}

#[derive(Serialize, Deserialize)]
struct SupplyRow {
    country: Country,
    supply_t: f64,
}

#[derive(Serialize, Deserialize)]
struct StageSupplyWire {
    stage: Stage,
    consumption_t: f64,
    basis: Basis,
    supply: Vec<SupplyRow>,
}

impl From<StageSupply> for StageSupplyWire {
    fn from(s: StageSupply) -> StageSupplyWire {
        StageSupplyWire {
            stage: s.stage,
            consumption_t: s.consumption.in_tonnes(),
            basis: s.consumption.basis().clone(),
            supply: s.supply.iter().map(|(c, a)| SupplyRow { country: *c, supply_t: a.in_tonnes() }).collect(),
        }
    }
}

impl TryFrom<StageSupplyWire> for StageSupply {
    type Error = Error;
    fn try_from(w: StageSupplyWire) -> Result<StageSupply> {
        let supply = w
            .supply
            .into_iter()
            .map(|r| Ok((r.country, Amount::tonnes(r.supply_t, w.basis.clone())?)))
            .collect::<Result<Vec<_>>>()?;
        StageSupply::new(w.stage, Amount::tonnes(w.consumption_t, w.basis)?, supply)
    }
}

/// The largest single supplier from outside the region, with its share of the region's
/// consumption at that stage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OutsideSupplier {
    country: Country,
    share: f64,
}

impl OutsideSupplier {
    /// The country.
    pub fn country(&self) -> Country {
        self.country
    }
    /// Its share of consumption, a fraction in `0..=1`.
    pub fn share(&self) -> f64 {
        self.share
    }
}

/// Localization of one chain stage for one region: the share of its consumption supplied from
/// within it, the largest single outside supplier, and, when computed from quantities, the
/// share of unreported origin and the tonnages.
///
/// This is the one localization type of the crate: [`localization`] produces it from
/// quantities, [`StageLocalization::new`] builds it from published shares, and
/// [`CrmaRule::evaluate`](crate::policy::crma::CrmaRule::evaluate) checks it against the EU
/// benchmarks. Every constructor (and reading it from JSON) checks the shares.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::Stage;
/// use critical_minerals::chain::localization::StageLocalization;
/// use critical_minerals::geo::{BuiltinRegion, Country};
/// use critical_minerals::material::{Amount, Basis};
///
/// let eu = BuiltinRegion::Eu27.region()?;
/// let cn = Country::from_code("CN")?;
/// // from published shares: 20 % refined in the EU, 70 % from China
/// let s = StageLocalization::new(Stage::Refining, &eu, 0.20, Some((cn, 0.70)))?;
/// assert_eq!(s.unspecified_share(), None); // not known from two shares
/// // from quantities: rows of the same country are added
/// let t = |x| Amount::tonnes(x, Basis::lce());
/// let q = StageLocalization::from_quantities(Stage::Refining, &eu, t(100.0)?, t(20.0)?, &[(cn, t(50.0)?), (cn, t(10.0)?)])?;
/// assert_eq!(q.within_region_share(), 0.2);
/// assert_eq!(q.largest_outside_supplier().map(|o| (o.country(), o.share())), Some((cn, 0.6)));
/// assert_eq!(q.unspecified_share(), Some(0.2));
/// // an EU member is not an outside supplier of the EU
/// assert!(StageLocalization::new(Stage::Refining, &eu, 0.2, Some((Country::from_code("DE")?, 0.3))).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "LocalizationRow", into = "LocalizationRow")]
pub struct StageLocalization {
    stage: Stage,
    region: String,
    within_region_share: f64,
    largest_outside_supplier: Option<OutsideSupplier>,
    unspecified_share: Option<f64>,
    /// (consumption, supply from within), when computed from quantities
    quantities: Option<(Amount, Amount)>,
}

impl StageLocalization {
    /// From published shares (fractions of the region's consumption at this stage).
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    ///   [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a share that is NaN,
    ///   infinite, negative or above 1.
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when the within-region share
    ///   and the supplier's share add up to more than 1, or when the supplier is a member of the
    ///   region.
    pub fn new(
        stage: Stage,
        region: &Region,
        within_region_share: f64,
        largest_outside_supplier: Option<(Country, f64)>,
    ) -> Result<StageLocalization> {
        if let Some((country, _)) = largest_outside_supplier
            && region.contains(country)
        {
            return Err(
                Detail::SupplierInRegion { country: country.to_string(), region: region.name().to_string() }.into()
            );
        }
        let s = StageLocalization {
            stage,
            region: region.name().to_string(),
            within_region_share,
            largest_outside_supplier: largest_outside_supplier
                .map(|(country, share)| OutsideSupplier { country, share }),
            unspecified_share: None,
            quantities: None,
        };
        s.validate()?;
        Ok(s)
    }

    /// From quantities on one basis: the region's consumption at this stage, its supply from
    /// within, and its supply by outside country. Rows for the same country are added; what no
    /// row accounts for is the unspecified share.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for zero consumption.
    /// - [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a quantity not on the
    ///   consumption's basis.
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) for a member of the region
    ///   among the outside countries, or supplies adding up to more than consumption.
    pub fn from_quantities(
        stage: Stage,
        region: &Region,
        consumption: Amount,
        within_region: Amount,
        by_outside_country: &[(Country, Amount)],
    ) -> Result<StageLocalization> {
        let q = consumption.in_tonnes();
        if q == 0.0 {
            return Err(Detail::NotPositive {
                what: format!("{stage} consumption of {} (must be above 0 to form shares)", region.name()),
                value: q,
            }
            .into());
        }
        let mut rows = vec![(Origin::Within, &within_region)];
        for (c, a) in by_outside_country {
            if region.contains(*c) {
                return Err(
                    Detail::SupplierInRegion { country: c.to_string(), region: region.name().to_string() }.into()
                );
            }
            rows.push((Origin::Outside(*c), a));
        }
        localize(stage, region, consumption.clone(), rows)
    }

    /// The chain stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }
    /// The name of the region.
    pub fn region(&self) -> &str {
        &self.region
    }
    /// Share of consumption supplied from within the region, `0..=1`.
    pub fn within_region_share(&self) -> f64 {
        self.within_region_share
    }
    /// The largest single supplier from outside the region, if any supplies.
    pub fn largest_outside_supplier(&self) -> Option<OutsideSupplier> {
        self.largest_outside_supplier
    }
    /// Share of consumption whose origin is not reported, `0..=1`; `None` when built from shares
    /// ([`StageLocalization::new`]), which do not tell it.
    pub fn unspecified_share(&self) -> Option<f64> {
        self.unspecified_share
    }
    /// Consumption at the stage, when computed from quantities.
    pub fn consumption(&self) -> Option<&Amount> {
        self.quantities.as_ref().map(|q| &q.0)
    }
    /// Supply from within the region, when computed from quantities.
    pub fn within_region(&self) -> Option<&Amount> {
        self.quantities.as_ref().map(|q| &q.1)
    }

    /// Checks the shares (and the quantities, when given) against each other.
    fn validate(&self) -> Result<()> {
        let stage = self.stage;
        let region = &self.region;
        let within =
            validate::fraction(|| format!("{stage} share supplied from within {region}"), self.within_region_share)?;
        let mut total = within;
        if let Some(o) = self.largest_outside_supplier {
            total += validate::fraction(|| format!("{stage} share supplied from {}", o.country), o.share)?;
            if total > 1.0 + TOLERANCE {
                return Err(Detail::SharesExceedWhole {
                    what: format!("{stage} within-{region} share and {} share", o.country),
                    total,
                }
                .into());
            }
        }
        if let Some(u) = self.unspecified_share {
            total += validate::fraction(|| format!("{stage} share of unspecified origin in {region}"), u)?;
            if total > 1.0 + TOLERANCE {
                return Err(Detail::SharesExceedWhole {
                    what: format!("{stage} shares of {region} (within, largest outside, unspecified)"),
                    total,
                }
                .into());
            }
        }
        if let Some((consumption, within)) = &self.quantities {
            same_basis(within, consumption.basis(), || format!("{stage} supply from within {region}"))?;
            let (q, w) = (consumption.in_tonnes(), within.in_tonnes());
            if q <= 0.0 || (w / q - self.within_region_share).abs() > 1e-6 {
                return Err(Detail::InvalidRecord {
                    what: format!("{stage} localization of {region}"),
                    reason: format!(
                        "within-region supply {w} t of consumption {q} t does not give the within-region share {}",
                        self.within_region_share
                    ),
                }
                .into());
            }
        }
        Ok(())
    }
}

/// Where a row of supply comes from. `Within` sorts first; outside countries by country code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Within,
    Outside(Country),
}

/// The one localization rule: shares of `consumption` by origin, through [`Shares`].
fn localize(
    stage: Stage,
    region: &Region,
    consumption: Amount,
    rows: Vec<(Origin, &Amount)>,
) -> Result<StageLocalization> {
    let what = || format!("{stage} localization of {}", region.name());
    for (o, a) in &rows {
        let row = || match o {
            Origin::Within => format!("{}: supply from within", what()),
            Origin::Outside(c) => format!("{}: supply from {}", what(), c.alpha3()),
        };
        same_basis(a, consumption.basis(), row)?;
    }
    let basis = consumption.basis().clone();
    let supplied: f64 = rows.iter().map(|(_, a)| a.in_tonnes()).sum();
    let (within_t, within_share, largest, unspecified) = if supplied == 0.0 {
        // no reported supply: all of it is of unspecified origin
        (0.0, 0.0, None, 1.0)
    } else {
        let shares = Shares::aggregate(rows, Denominator::PublishedTotal(&consumption)).context(what())?;
        let within = shares.get(&Origin::Within);
        let largest = shares.iter().find_map(|e| match e.key() {
            Origin::Outside(country) if e.quantity() > 0.0 => {
                Some(OutsideSupplier { country: *country, share: e.share() })
            }
            _ => None,
        });
        (
            within.map_or(0.0, |e| e.quantity()),
            within.map_or(0.0, |e| e.share()),
            largest,
            shares.unallocated().map_or(0.0, |u| u.share()),
        )
    };
    let s = StageLocalization {
        stage,
        region: region.name().to_string(),
        within_region_share: within_share,
        largest_outside_supplier: largest,
        unspecified_share: Some(unspecified),
        quantities: Some((consumption, Amount::tonnes(within_t, basis)?)),
    };
    s.validate()?;
    Ok(s)
}

/// Localization of `region` at each stage, in the order given.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::Stage;
/// use critical_minerals::chain::localization::{localization, StageSupply};
/// use critical_minerals::geo::{Country, Region};
/// use critical_minerals::material::{Amount, Basis, Element};
///
/// let t = |x| Amount::tonnes(x, Basis::contained(Element::Li));
/// let c = Country::from_code;
/// let region = Region::from_codes("DE+FR", ["DE", "FR"])?;
/// let cells = StageSupply::new(Stage::Cells, t(40.0)?, vec![
///     (c("DE")?, t(10.0)?), (c("FR")?, t(10.0)?), (c("KR")?, t(8.0)?), (c("CN")?, t(8.0)?),
/// ])?;
/// let rows = localization(&region, &[cells])?;
/// assert_eq!(rows[0].within_region_share(), 0.5);
/// // a tie between China and Korea goes to the first by country code
/// assert_eq!(rows[0].largest_outside_supplier().map(|o| o.country()), Some(c("CN")?));
/// // tidy JSON: one row per stage, units in the column names
/// let json = serde_json::to_string(&rows)?;
/// assert!(json.contains(r#""consumption_t":40.0,"within_region_t":20.0,"basis":"Li""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no stage;
/// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a stage given twice.
pub fn localization(region: &Region, stages: &[StageSupply]) -> Result<Vec<StageLocalization>> {
    if stages.is_empty() {
        return Err(Detail::Empty { what: format!("stages for the localization of {}", region.name()) }.into());
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(stages.len());
    for s in stages {
        if !seen.insert(s.stage) {
            return Err(Detail::DuplicateKey { what: "stages".into(), key: s.stage.name().to_string() }.into());
        }
        let rows = s
            .supply
            .iter()
            .map(|(c, a)| (if region.contains(*c) { Origin::Within } else { Origin::Outside(*c) }, a))
            .collect();
        out.push(localize(s.stage, region, s.consumption.clone(), rows)?);
    }
    Ok(out)
}

/// The serialized row of a [`StageLocalization`].
#[derive(Serialize, Deserialize)]
struct LocalizationRow {
    stage: Stage,
    region: String,
    within_region_share: f64,
    #[serde(default)]
    largest_outside_country: Option<Country>,
    #[serde(default)]
    largest_outside_share: Option<f64>,
    #[serde(default)]
    unspecified_share: Option<f64>,
    #[serde(default)]
    consumption_t: Option<f64>,
    #[serde(default)]
    within_region_t: Option<f64>,
    #[serde(default)]
    basis: Option<Basis>,
}

impl From<StageLocalization> for LocalizationRow {
    fn from(s: StageLocalization) -> LocalizationRow {
        let (consumption_t, within_region_t, basis) = match &s.quantities {
            Some((q, w)) => (Some(q.in_tonnes()), Some(w.in_tonnes()), Some(q.basis().clone())),
            None => (None, None, None),
        };
        LocalizationRow {
            stage: s.stage,
            region: s.region,
            within_region_share: s.within_region_share,
            largest_outside_country: s.largest_outside_supplier.map(|o| o.country),
            largest_outside_share: s.largest_outside_supplier.map(|o| o.share),
            unspecified_share: s.unspecified_share,
            consumption_t,
            within_region_t,
            basis,
        }
    }
}

impl TryFrom<LocalizationRow> for StageLocalization {
    type Error = Error;
    fn try_from(r: LocalizationRow) -> Result<StageLocalization> {
        let what = || format!("{} localization of {}", r.stage, r.region);
        let largest = match (r.largest_outside_country, r.largest_outside_share) {
            (Some(country), Some(share)) => Some(OutsideSupplier { country, share }),
            (None, None) => None,
            _ => {
                return Err(Detail::InvalidRecord {
                    what: what(),
                    reason: "largest_outside_country and largest_outside_share must be given together".into(),
                }
                .into());
            }
        };
        let quantities = match (r.consumption_t, r.within_region_t, &r.basis) {
            (Some(q), Some(w), Some(b)) => Some((Amount::tonnes(q, b.clone())?, Amount::tonnes(w, b.clone())?)),
            (None, None, None) => None,
            _ => {
                return Err(Detail::InvalidRecord {
                    what: what(),
                    reason: "consumption_t, within_region_t and basis must be given together".into(),
                }
                .into());
            }
        };
        let s = StageLocalization {
            stage: r.stage,
            region: r.region,
            within_region_share: r.within_region_share,
            largest_outside_supplier: largest,
            unspecified_share: r.unspecified_share,
            quantities,
        };
        s.validate()?;
        Ok(s)
    }
}
