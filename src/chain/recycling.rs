//! Recycling supply: battery retirements → end-of-life material by element → collected →
//! recovered, per year, its share of demand, and the EU CRMA recycling benchmark.
//!
//! # Formulas
//!
//! For element `e`, year `t`, chemistries `k` with retired capacity `R_k(t)` (GWh/yr, the
//! outflow of a [`DynamicStockModel`](super::stock::DynamicStockModel) on
//! [`StockUnit::Energy`]) and content `m_ke` (kg/kWh, [`Composition`]):
//!
//! ```text
//! end of life   EoL_e(t) = Σ_k R_k(t) · m_ke · 1,000        t/yr   (1 GWh · 1 kg/kWh = 1,000 t)
//! collected     C_e(t)   = EoL_e(t) · collection rate
//! recovered     S_e(t)   = C_e(t) · recovery rate of e in the process
//! share         s_e(t)   = S_e(t) / D_e(t)                          (D: demand of e in t)
//! ```
//!
//! Demand can be built the same way from new capacity ([`material_flows`]).
//!
//! # The CRMA recycling benchmark
//!
//! Regulation (EU) 2024/1252 sets, for 2030, a share of the Union's annual consumption of
//! strategic raw materials that recycling should be able to supply
//! ([`CrmaRule::recycling_min`](crate::policy::crma::CrmaRule::recycling_min)).
//! [`RecycledSupply::recycling_localization`] gives the recycled share of demand of one element
//! in one year as the [`Stage::Recycling`] [`StageLocalization`], the input
//! [`CrmaRule::evaluate`](crate::policy::crma::CrmaRule::evaluate) checks against the benchmark
//! (the figure is kept there, not restated here); see [`crate::policy::crma`] for how a supply
//! share is read against a capacity benchmark. A share above 1 (more recovered than consumed)
//! is passed as 1.
//!
//! # Recovery rates: sources and confidence
//!
//! [`RecoveryRates::builtin`] gives typical process recoveries, **all unconfirmed**: they are
//! commonly quoted figures that could not be checked against a source for this crate, and are
//! marked [`Confidence::Unconfirmed`]. Give your own with [`RecoveryRates::new`].
//!
//! | process | Li | Ni | Co | Mn |
//! |---|---|---|---|---|
//! | hydrometallurgical | 0.90 | 0.95 | 0.95 | 0.90 |
//! | pyrometallurgical (Li and Mn go to the slag) | 0 | 0.95 | 0.95 | 0 |
//!
//! # Worked example
//!
//! 10 GWh of NMC811 retired in a year, 90 % collected, hydrometallurgy: end of life
//! `10 · 0.099 · 1,000 ≈ 990 t` of lithium, recovered `990 · 0.9 · 0.9 ≈ 802 t`.
//!
//! ```
//! use critical_minerals::chain::battery::Composition;
//! use critical_minerals::chain::recycling::{Process, RecoveryRates, recycled_supply};
//! use critical_minerals::chain::stock::Flows;
//! use critical_minerals::material::{CathodeChemistry, Element};
//! use critical_minerals::units;
//!
//! let nmc811 = Composition::builtin(CathodeChemistry::Nmc811).ok_or("table")?;
//! let retired = Flows::energy(2035, &[units::gigawatt_hours_per_year(10.0)])?;
//! let s = recycled_supply(&[(nmc811.clone(), retired)], 0.9, &RecoveryRates::builtin(Process::Hydrometallurgical), &[Element::Li])?;
//! let li = s.recovered(Element::Li)?.get(2035).ok_or("none")?;
//! assert!((li - 10.0 * nmc811.kg_per_kwh(Element::Li) * 1_000.0 * 0.9 * 0.9).abs() < 1e-9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Stage;
use super::battery::Composition;
use super::localization::StageLocalization;
use super::stock::{Flows, StockUnit};
use crate::Error;
use crate::error::Detail;
use crate::geo::Region;
use crate::material::{Basis, Element};
use crate::provenance::{Citation, Confidence, source};
use crate::validate::fraction;

/// A recycling process route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Process {
    /// Leaching and precipitation of black mass.
    Hydrometallurgical,
    /// Smelting to an alloy (Co, Ni, Cu) and a slag (Li, Mn, Al).
    Pyrometallurgical,
}

impl fmt::Display for Process {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Process::Hydrometallurgical => "hydrometallurgical",
            Process::Pyrometallurgical => "pyrometallurgical",
        })
    }
}

/// The fraction of each element in collected batteries that a process recovers.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::recycling::{Process, RecoveryRates};
/// use critical_minerals::material::Element;
///
/// let pyro = RecoveryRates::builtin(Process::Pyrometallurgical);
/// assert_eq!(pyro.rate(Element::Li), 0.0);
/// let mine = RecoveryRates::new(&[(Element::Li, 0.8), (Element::Co, 0.98)])?;
/// assert_eq!(mine.rate(Element::Ni), 0.0); // not listed: not recovered
/// assert!(RecoveryRates::new(&[(Element::Li, 1.2)]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryRates {
    /// The process, for the built-in rates.
    pub process: Option<Process>,
    /// Recovery per element, a fraction.
    pub rates: Vec<(Element, f64)>,
    /// Where the figures come from.
    pub citations: Vec<Citation>,
}

impl RecoveryRates {
    /// Rates given by the caller.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a rate outside [0, 1];
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for an element given twice.
    pub fn new(rates: &[(Element, f64)]) -> Result<RecoveryRates, Error> {
        let mut out: Vec<(Element, f64)> = Vec::with_capacity(rates.len());
        for &(e, r) in rates {
            let r = fraction(|| format!("recovery rate of {e}"), r)?;
            if out.iter().any(|(x, _)| *x == e) {
                return Err(
                    Detail::DuplicateKey { what: "recovery rates".to_string(), key: e.symbol().to_string() }.into()
                );
            }
            out.push((e, r));
        }
        Ok(RecoveryRates { process: None, rates: out, citations: Vec::new() })
    }

    /// Typical recoveries of a process (unconfirmed; see the [module docs](self)).
    pub fn builtin(process: Process) -> RecoveryRates {
        let rates = match process {
            Process::Hydrometallurgical => {
                vec![(Element::Li, 0.90), (Element::Ni, 0.95), (Element::Co, 0.95), (Element::Mn, 0.90)]
            }
            Process::Pyrometallurgical => {
                vec![(Element::Li, 0.0), (Element::Ni, 0.95), (Element::Co, 0.95), (Element::Mn, 0.0)]
            }
        };
        let cite = Citation::new(
            &format!("{process} recovery rates Li, Ni, Co, Mn"),
            source("typical-value", "none", "typical literature value, not checked against a source", "—", None),
            Confidence::Unconfirmed,
        );
        RecoveryRates { process: Some(process), rates, citations: vec![cite] }
    }

    /// The recovery of `element` (0 when not listed).
    pub fn rate(&self, element: Element) -> f64 {
        self.rates.iter().find(|(e, _)| *e == element).map_or(0.0, |(_, r)| *r)
    }
}

/// Mass flows of `element` (t/yr, contained basis) in battery-capacity flows (GWh/yr) of one
/// composition: new capacity gives demand, retired capacity end-of-life material.
///
/// # Errors
///
/// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for flows that are not battery capacity.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::battery::Composition;
/// use critical_minerals::chain::recycling::material_flows;
/// use critical_minerals::chain::stock::Flows;
/// use critical_minerals::material::{CathodeChemistry, Element};
/// use critical_minerals::units;
///
/// let lfp = Composition::builtin(CathodeChemistry::Lfp).ok_or("table")?;
/// let sales = Flows::energy(2030, &[units::gigawatt_hours_per_year(100.0)])?;
/// let li = material_flows(&sales, &lfp, Element::Li)?;
/// assert_eq!(li.unit().flow_label(), "t/yr Li");
/// assert!((li.values()[0] - 100.0 * lfp.kg_per_kwh(Element::Li) * 1_000.0).abs() < 1e-9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn material_flows(capacity: &Flows, composition: &Composition, element: Element) -> Result<Flows, Error> {
    check_energy(capacity)?;
    let k = composition.kg_per_kwh(element) * 1_000.0;
    let values = capacity.values().iter().map(|gwh| gwh * k).collect();
    Flows::checked(StockUnit::Mass(Basis::contained(element)), capacity.first_year(), values)
}

fn check_energy(flows: &Flows) -> Result<(), Error> {
    if flows.unit() != &StockUnit::Energy {
        return Err(Detail::BasisMismatch {
            left: "GWh/yr".to_string(),
            right: flows.unit().flow_label(),
            operation: "apply a composition in kg/kWh to flows",
        }
        .into());
    }
    Ok(())
}

/// One element in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RecycledRow {
    /// The year.
    pub year: i32,
    /// The element (contained basis).
    pub element: Element,
    /// Material in retired batteries, t/yr.
    pub end_of_life_t: f64,
    /// Collected for recycling, t/yr.
    pub collected_t: f64,
    /// Recovered, t/yr.
    pub recovered_t: f64,
}

/// Recycled share of demand of one element in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DemandShare {
    /// The year.
    pub year: i32,
    /// Recovered, t/yr.
    pub recovered_t: f64,
    /// Demand, t/yr.
    pub demand_t: f64,
    /// `recovered / demand`; `None` when demand is 0.
    pub share: Option<f64>,
}

/// Recycled supply per element and year, with the assumptions that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecycledSupply {
    /// First year.
    pub first_year: i32,
    /// Number of years.
    pub years: usize,
    /// Share of retired batteries collected, a fraction.
    pub collection_rate: f64,
    /// The recovery rates used.
    pub recovery: RecoveryRates,
    /// One row per year and element, years first.
    pub rows: Vec<RecycledRow>,
}

/// Recycled supply from retired capacity by composition.
///
/// # Errors
///
/// - [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no retirement series or no element;
/// - [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a series that is not battery
///   capacity, or series of different years;
/// - [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a collection rate outside
///   [0, 1].
pub fn recycled_supply(
    retired: &[(Composition, Flows)],
    collection_rate: f64,
    recovery: &RecoveryRates,
    elements: &[Element],
) -> Result<RecycledSupply, Error> {
    let collection_rate = fraction(|| "collection rate".to_string(), collection_rate)?;
    let (_, first) =
        retired.first().ok_or_else(|| Error::from(Detail::Empty { what: "retired capacity series".to_string() }))?;
    if elements.is_empty() {
        return Err(Detail::Empty { what: "elements to recover".to_string() }.into());
    }
    for (c, f) in retired {
        check_energy(f)?;
        if f.first_year() != first.first_year() || f.len() != first.len() {
            let e: Error = Detail::LengthMismatch {
                what: "retired capacity series (years)",
                expected: first.len(),
                found: f.len(),
            }
            .into();
            return Err(e.context(format!(
                "{} retirements run {}–{}, the first series {}–{}",
                c.chemistry.name(),
                f.first_year(),
                f.last_year(),
                first.first_year(),
                first.last_year()
            )));
        }
    }
    let mut rows = Vec::with_capacity(first.len() * elements.len());
    for (t, year) in (0..first.len()).zip(first.first_year()..) {
        for &e in elements {
            let eol: f64 = retired.iter().map(|(c, f)| f.values()[t] * c.kg_per_kwh(e) * 1_000.0).sum();
            let collected = eol * collection_rate;
            rows.push(RecycledRow {
                year,
                element: e,
                end_of_life_t: eol,
                collected_t: collected,
                recovered_t: collected * recovery.rate(e),
            });
        }
    }
    Ok(RecycledSupply {
        first_year: first.first_year(),
        years: first.len(),
        collection_rate,
        recovery: recovery.clone(),
        rows,
    })
}

impl RecycledSupply {
    fn series(&self, element: Element, pick: impl Fn(&RecycledRow) -> f64) -> Result<Flows, Error> {
        let values: Vec<f64> = self.rows.iter().filter(|r| r.element == element).map(pick).collect();
        if values.is_empty() {
            return Err(
                Detail::UnknownKey { what: "recycled supply".to_string(), key: element.symbol().to_string() }.into()
            );
        }
        Flows::checked(StockUnit::Mass(Basis::contained(element)), self.first_year, values)
    }

    /// Recovered `element` per year, t/yr on its contained basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for an element not computed.
    pub fn recovered(&self, element: Element) -> Result<Flows, Error> {
        self.series(element, |r| r.recovered_t)
    }

    /// `element` in retired batteries per year, t/yr on its contained basis.
    ///
    /// # Errors
    ///
    /// As [`RecycledSupply::recovered`].
    pub fn end_of_life(&self, element: Element) -> Result<Flows, Error> {
        self.series(element, |r| r.end_of_life_t)
    }

    /// The recycled share of `demand` (t/yr of `element`, contained basis, same years).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for demand on another basis or
    /// other years; as [`RecycledSupply::recovered`].
    pub fn share_of_demand(&self, element: Element, demand: &Flows) -> Result<Vec<DemandShare>, Error> {
        let want = StockUnit::Mass(Basis::contained(element));
        if demand.unit() != &want {
            return Err(Detail::BasisMismatch {
                left: want.flow_label(),
                right: demand.unit().flow_label(),
                operation: "divide recycled supply by demand",
            }
            .into());
        }
        if demand.first_year() != self.first_year || demand.len() != self.years {
            return Err(Detail::LengthMismatch {
                what: "demand series (years)",
                expected: self.years,
                found: demand.len(),
            }
            .into());
        }
        let rec = self.recovered(element)?;
        Ok(rec
            .iter()
            .zip(demand.values())
            .map(|((year, r), &d)| DemandShare { year, recovered_t: r, demand_t: d, share: (d > 0.0).then(|| r / d) })
            .collect())
    }

    /// The recycled share of demand of `element` in `year` as the [`Stage::Recycling`]
    /// localization of `region` (the share of the region's consumption that recycling within it
    /// supplies): the input of the CRMA recycling benchmark
    /// ([`CrmaRule::evaluate`](crate::policy::crma::CrmaRule::evaluate)).
    ///
    /// # Errors
    ///
    /// As [`RecycledSupply::share_of_demand`]; [`ErrorKind::Unknown`](crate::ErrorKind::Unknown)
    /// for a year off the series, [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) for a
    /// year without demand.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use critical_minerals::chain::battery::Composition;
    /// use critical_minerals::chain::recycling::{Process, RecoveryRates, material_flows, recycled_supply};
    /// use critical_minerals::chain::stock::Flows;
    /// use critical_minerals::chain::Stage;
    /// use critical_minerals::geo::BuiltinRegion;
    /// use critical_minerals::material::{CathodeChemistry, Element};
    /// use critical_minerals::policy::crma::{Benchmark, CrmaRule};
    /// use critical_minerals::units::gigawatt_hours_per_year as gwh;
    ///
    /// let nmc = Composition::builtin(CathodeChemistry::Nmc811).ok_or("table")?;
    /// let retired = Flows::energy(2030, &[gwh(30.0)])?;
    /// let demand = material_flows(&Flows::energy(2030, &[gwh(100.0)])?, &nmc, Element::Co)?;
    /// let s = recycled_supply(&[(nmc, retired)], 0.9, &RecoveryRates::builtin(Process::Hydrometallurgical), &[Element::Co])?;
    /// let eu = BuiltinRegion::Eu27.region()?;
    /// let recycling = s.recycling_localization(Element::Co, 2030, &demand, &eu)?;
    /// let a = CrmaRule::regulation_2024_1252().evaluate(NaiveDate::from_ymd_opt(2030, 12, 31).ok_or("date")?, &[recycling])?;
    /// let r = a.get(Benchmark::Recycling, Stage::Recycling).ok_or("none")?;
    /// assert!((r.value - 30.0 * 0.9 * 0.95 / 100.0).abs() < 1e-12); // 25.65 %
    /// assert!(r.met);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn recycling_localization(
        &self,
        element: Element,
        year: i32,
        demand: &Flows,
        region: &Region,
    ) -> Result<StageLocalization, Error> {
        let shares = self.share_of_demand(element, demand)?;
        let row = shares.iter().find(|s| s.year == year).ok_or_else(|| {
            Error::from(Detail::UnknownKey { what: "recycled share of demand".to_string(), key: year.to_string() })
        })?;
        let share = row.share.ok_or_else(|| {
            Error::from(Detail::ZeroTotal { what: format!("demand of {} in {year}", element.symbol()) })
        })?;
        StageLocalization::new(Stage::Recycling, region, share.min(1.0), None)
    }
}
