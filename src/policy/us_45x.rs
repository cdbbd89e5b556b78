//! US advanced manufacturing production credit, 26 U.S.C. §45X: the battery-related credits.
//!
//! | item | what it is |
//! |---|---|
//! | [`Us45xRule`] | the rule table: per-kWh rates, cost-based rates, phase-down by sale year, cell conditions, citations |
//! | [`Component`], [`CostBasedComponent`] | cells and modules (per kWh); electrode active materials and critical minerals (share of production cost) |
//! | [`Credit45x`], [`CostCredit45x`], [`Note45x`] | a computed credit with the rate, phase-down fraction and caveats |
//! | [`PhaseDownStep`] | one year of the phase-down |
//! | [`CellCheck`] | the cell conditions: at least 12 Wh, at least 100 Wh/L, capacity-to-power at most 100:1 |
//! | [`FOREIGN_ENTITY_TAX_YEARS_AFTER`] | the prohibited-foreign-entity rules apply to tax years beginning after 2025-07-04 |
//!
//! # The rule
//!
//! | component | credit | confidence |
//! |---|---|---|
//! | battery cell | $35 × capacity in kWh | \[P\] TD 10010, 26 CFR §1.45X-3(e)(3)(iii); final regulations 89 FR 85798, 28 Oct 2024, effective 27 Dec 2024 |
//! | battery module | $10 × capacity in kWh | \[S\] Sila Nano; statute §45X(b)(1)(K)(ii) |
//! | electrode active materials | 10 % of production costs | \[S\] Orrick 2022; Sila |
//! | applicable critical minerals | 10 % of production costs | \[S\] Orrick 2022; Sila |
//!
//! Phase-down for components sold after 2029, except applicable critical minerals [S: Orrick;
//! Form 7207 instructions]: 75 % of the credit in 2030, 50 % in 2031, 25 % in 2032, nothing
//! after 2032.
//!
//! Cell conditions [S: a repository quoting TD 10010 and the Form 7207 instructions]: capacity
//! at least 12 Wh, energy density at least 100 Wh/L, and a capacity-to-power ratio not above
//! 100:1 (capacity in kWh over maximum discharge power in kW, so at most 100 hours).
//!
//! # What is not confirmed, and what is left out
//!
//! - The $45/kWh rate for a module that does not use battery cells is unconfirmed \[U\] and is
//!   not modelled: a module here uses cells.
//! - Public Law 119-21 changed the treatment of critical minerals; the new schedule is
//!   unconfirmed \[U\]. Critical-mineral credits are computed under the IRA text (no phase-down)
//!   and carry [`Note45x::CriticalMineralScheduleUnconfirmed`].
//! - For tax years beginning after 2025-07-04 no credit is allowed to a specified foreign entity
//!   or foreign-influenced entity, and components with material assistance from a prohibited
//!   foreign entity are excluded [S: Form 7207 instructions]. Whether a taxpayer is such an
//!   entity is not modelled: [`Us45xRule::foreign_entity_rules_apply`] says whether the rules
//!   can apply to a tax year, and credits for sales from 2025 on carry
//!   [`Note45x::ForeignEntityRulesMayApply`].
//! - The first sale year, 2023 (components produced and sold after 2022-12-31), is believed
//!   correct but was not found in the reference sources \[U\]; earlier years are an error.
//!
//! # Example
//!
//! ```
//! use critical_minerals::policy::us_45x::{Component, Us45xRule};
//! use critical_minerals::units::gigawatt_hours;
//!
//! let rule = Us45xRule::ira();
//! // a plant selling 10 GWh of cells in 2027: 10,000,000 kWh × $35
//! let credit = rule.credit(Component::Cell, gigawatt_hours(10.0), 2027)?;
//! assert_eq!(credit.credit_usd, 350_000_000.0);
//! // the same cells sold in 2031: half
//! assert_eq!(rule.credit(Component::Cell, gigawatt_hours(10.0), 2031)?.credit_usd, 175_000_000.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use crate::provenance::Confidence;
use crate::validate::positive;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uom::si::f64::Volume;
use uom::si::volume::liter;

use super::{check_quantity, ymd};
use crate::Error;
use crate::error::Detail;
use crate::provenance::{Citation, source};
use crate::units::{Energy, Power, energy::kilowatt_hour, energy::watt_hour, power::kilowatt};

/// Tax years beginning after this day (2025-07-04) fall under the prohibited-foreign-entity
/// rules [S: Form 7207 instructions].
pub const FOREIGN_ENTITY_TAX_YEARS_AFTER: NaiveDate = ymd(2025, 7, 4);

/// A battery component credited per kWh of capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Component {
    /// A battery cell.
    Cell,
    /// A battery module (using battery cells).
    Module,
}

/// A component credited as a share of its production costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CostBasedComponent {
    /// Electrode active materials (phased down after 2029 like cells and modules).
    ElectrodeActiveMaterial,
    /// Applicable critical minerals (not phased down under the IRA text).
    CriticalMineral,
}

/// One year of the phase-down: the fraction of the credit for components sold in `year`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PhaseDownStep {
    /// Sale year.
    pub year: i32,
    /// Fraction of the full credit.
    pub fraction: f64,
}

/// The §45X battery-related rule table.
///
/// # Example
///
/// ```
/// use critical_minerals::policy::us_45x::{Component, Us45xRule};
///
/// let rule = Us45xRule::ira();
/// assert_eq!(rule.rate_usd_per_kwh(Component::Module), 10.0);
/// assert_eq!(rule.phase_down_fraction(2029), 1.0);
/// assert_eq!(rule.phase_down_fraction(2032), 0.25);
/// assert_eq!(rule.phase_down_fraction(2040), 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Us45xRule {
    /// Identifier (`"us-irc-45x"`).
    pub id: String,
    /// Name for reports.
    pub name: String,
    /// First sale year credited (\[U\], see the module docs).
    pub first_sale_year: i32,
    /// Battery cell rate, USD per kWh of capacity.
    pub cell_usd_per_kwh: f64,
    /// Battery module rate, USD per kWh of capacity.
    pub module_usd_per_kwh: f64,
    /// Electrode active materials: fraction of production costs.
    pub electrode_active_material_cost_fraction: f64,
    /// Applicable critical minerals: fraction of production costs.
    pub critical_mineral_cost_fraction: f64,
    /// Phase-down by sale year, ascending; years before the first step get the full credit,
    /// years after the last get the last fraction.
    pub phase_down: Vec<PhaseDownStep>,
    /// Cell minimum capacity, Wh.
    pub cell_min_capacity_wh: f64,
    /// Cell minimum energy density, Wh per litre.
    pub cell_min_wh_per_litre: f64,
    /// Maximum capacity-to-power ratio (kWh per kW, i.e. hours).
    pub max_capacity_to_power_hours: f64,
    /// The prohibited-foreign-entity rules apply to tax years beginning after this day.
    pub foreign_entity_tax_years_after: NaiveDate,
    /// Where the figures come from.
    pub citations: Vec<Citation>,
}

impl Us45xRule {
    /// The rule as enacted by the Inflation Reduction Act and the final regulations (TD 10010),
    /// with what is known of the Public Law 119-21 changes.
    pub fn ira() -> Us45xRule {
        let mut td = source(
            "us-td-10010",
            "U.S. Department of the Treasury, Internal Revenue Service",
            "T.D. 10010, Section 45X Advanced Manufacturing Production Credit (final regulations)",
            "26 CFR §1.45X-3(e)(3)(iii)",
            None,
        );
        td.edition = Some("89 FR 85798, 28 Oct 2024, effective 27 Dec 2024".to_string());
        let sila = source(
            "sila-45x",
            "Sila Nanotechnologies",
            "Summary of the §45X credit",
            "module rate; statute §45X(b)(1)(K)(ii)",
            None,
        );
        let orrick = source(
            "orrick-45x-2022",
            "Orrick",
            "Inflation Reduction Act: advanced manufacturing production credit (2022)",
            "electrode active materials, critical minerals, phase-out",
            None,
        );
        let f7207 = |table: &str| {
            source(
                "irs-i7207",
                "Internal Revenue Service",
                "Instructions for Form 7207, Advanced Manufacturing Production Credit",
                table,
                Some("https://www.irs.gov/instructions/i7207"),
            )
        };
        Us45xRule {
            id: "us-irc-45x".to_string(),
            name: "US advanced manufacturing production credit (26 U.S.C. §45X), battery components".to_string(),
            first_sale_year: 2023,
            cell_usd_per_kwh: 35.0,
            module_usd_per_kwh: 10.0,
            electrode_active_material_cost_fraction: 0.10,
            critical_mineral_cost_fraction: 0.10,
            phase_down: vec![
                PhaseDownStep { year: 2030, fraction: 0.75 },
                PhaseDownStep { year: 2031, fraction: 0.50 },
                PhaseDownStep { year: 2032, fraction: 0.25 },
                PhaseDownStep { year: 2033, fraction: 0.0 },
            ],
            cell_min_capacity_wh: 12.0,
            cell_min_wh_per_litre: 100.0,
            max_capacity_to_power_hours: 100.0,
            foreign_entity_tax_years_after: FOREIGN_ENTITY_TAX_YEARS_AFTER,
            citations: vec![
                Citation::new("battery cell rate $35/kWh", td, Confidence::Primary),
                Citation::new("battery module rate $10/kWh", sila.clone(), Confidence::Secondary),
                Citation::new(
                    "electrode active materials and critical minerals 10 % of production costs",
                    orrick.clone(),
                    Confidence::Secondary,
                ),
                Citation::new(
                    "electrode active materials and critical minerals 10 % of production costs",
                    sila,
                    Confidence::Secondary,
                ),
                Citation::new(
                    "phase-down 75/50/25/0 % for sales in 2030/2031/2032/after, except critical minerals",
                    orrick,
                    Confidence::Secondary,
                ),
                Citation::new(
                    "phase-down for eligible components sold after 2029, except applicable critical minerals",
                    f7207("phase-out"),
                    Confidence::Secondary,
                ),
                Citation::new(
                    "cell minimum 12 Wh and 100 Wh/L; capacity-to-power at most 100:1",
                    f7207("battery cells (as quoted by a repository citing TD 10010 and Form 7207 instructions)"),
                    Confidence::Secondary,
                ),
                Citation::new(
                    "prohibited-foreign-entity rules for tax years beginning after 2025-07-04",
                    f7207("specified foreign entity; material assistance"),
                    Confidence::Secondary,
                ),
                Citation::new(
                    "first sale year 2023 (components produced and sold after 2022-12-31)",
                    source("us-irc-45x", "United States Code", "26 U.S.C. §45X", "not checked", None),
                    Confidence::Unconfirmed,
                ),
            ],
        }
    }

    /// The per-kWh rate of a component, USD per kWh.
    pub fn rate_usd_per_kwh(&self, c: Component) -> f64 {
        match c {
            Component::Cell => self.cell_usd_per_kwh,
            Component::Module => self.module_usd_per_kwh,
        }
    }

    /// The fraction of the full credit for components (other than critical minerals) sold in
    /// `sale_year`: 1 up to 2029, then the phase-down.
    pub fn phase_down_fraction(&self, sale_year: i32) -> f64 {
        self.phase_down.iter().rev().find(|s| s.year <= sale_year).map_or(1.0, |s| s.fraction)
    }

    /// Whether the prohibited-foreign-entity rules can apply to a tax year beginning on
    /// `tax_year_begins` (after 2025-07-04).
    pub fn foreign_entity_rules_apply(&self, tax_year_begins: NaiveDate) -> bool {
        tax_year_begins > self.foreign_entity_tax_years_after
    }

    fn check_year(&self, sale_year: i32) -> Result<(), Error> {
        if sale_year < self.first_sale_year {
            return Err(Detail::YearBeforeRule {
                rule: self.id.clone(),
                year: sale_year,
                first_year: self.first_sale_year,
            }
            .into());
        }
        Ok(())
    }

    fn notes(&self, sale_year: i32) -> Vec<Note45x> {
        // a tax year beginning after 2025-07-04 can include sales from 2025-07-05 on
        if sale_year >= 2025 {
            vec![Note45x::ForeignEntityRulesMayApply { tax_years_beginning_after: self.foreign_entity_tax_years_after }]
        } else {
            Vec::new()
        }
    }

    /// The credit for cells or modules of a total capacity sold in `sale_year`.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a NaN, infinite or negative capacity.
    /// - [`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce) for a sale year before 2023.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::policy::us_45x::{Component, Us45xRule};
    /// use critical_minerals::units::kilowatt_hours;
    ///
    /// let c = Us45xRule::ira().credit(Component::Module, kilowatt_hours(1_000.0), 2030)?;
    /// assert_eq!((c.rate_usd_per_kwh, c.phase_down_fraction, c.credit_usd), (10.0, 0.75, 7_500.0));
    /// assert!(Us45xRule::ira().credit(Component::Cell, kilowatt_hours(-1.0), 2026).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn credit(&self, component: Component, capacity: Energy, sale_year: i32) -> Result<Credit45x, Error> {
        let kwh = check_quantity(
            || format!("{component:?} capacity sold in {sale_year} (kWh)"),
            capacity.get::<kilowatt_hour>(),
        )?;
        self.check_year(sale_year)?;
        let rate = self.rate_usd_per_kwh(component);
        let fraction = self.phase_down_fraction(sale_year);
        Ok(Credit45x {
            component,
            sale_year,
            capacity_kwh: kwh,
            rate_usd_per_kwh: rate,
            phase_down_fraction: fraction,
            credit_usd: kwh * rate * fraction,
            notes: self.notes(sale_year),
        })
    }

    /// The credit for electrode active materials or critical minerals with production costs in
    /// USD, sold in `sale_year`.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative costs.
    /// - [`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce) for a sale year before 2023.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::policy::us_45x::{CostBasedComponent, Us45xRule};
    ///
    /// let rule = Us45xRule::ira();
    /// let eam = rule.cost_based_credit(CostBasedComponent::ElectrodeActiveMaterial, 1_000_000.0, 2031)?;
    /// assert_eq!(eam.credit_usd, 50_000.0); // 10 % × 50 % phase-down
    /// let cm = rule.cost_based_credit(CostBasedComponent::CriticalMineral, 1_000_000.0, 2031)?;
    /// assert_eq!(cm.credit_usd, 100_000.0); // not phased down under the IRA text
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cost_based_credit(
        &self,
        component: CostBasedComponent,
        production_cost_usd: f64,
        sale_year: i32,
    ) -> Result<CostCredit45x, Error> {
        let cost = check_quantity(|| format!("{component:?} production cost (USD)"), production_cost_usd)?;
        self.check_year(sale_year)?;
        let mut notes = self.notes(sale_year);
        let (rate, fraction) = match component {
            CostBasedComponent::ElectrodeActiveMaterial => {
                (self.electrode_active_material_cost_fraction, self.phase_down_fraction(sale_year))
            }
            CostBasedComponent::CriticalMineral => {
                notes.push(Note45x::CriticalMineralScheduleUnconfirmed);
                (self.critical_mineral_cost_fraction, 1.0)
            }
        };
        Ok(CostCredit45x {
            component,
            sale_year,
            production_cost_usd: cost,
            cost_fraction: rate,
            phase_down_fraction: fraction,
            credit_usd: cost * rate * fraction,
            notes,
        })
    }

    /// Checks a battery cell against the conditions: capacity, energy density and
    /// capacity-to-power ratio.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a NaN, infinite or negative capacity, or a volume or
    /// maximum power that is not above zero.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::policy::us_45x::Us45xRule;
    /// use critical_minerals::units::{Power, power::watt};
    /// use critical_minerals::units::kilowatt_hours;
    /// use uom::si::{f64::Volume, volume::liter};
    ///
    /// // a 21700 cell: about 18 Wh in 0.024 L, 60 W continuous
    /// let c = Us45xRule::ira().check_cell(kilowatt_hours(0.018), Volume::new::<liter>(0.024), Power::new::<watt>(60.0))?;
    /// assert!(c.all_met());
    /// assert!((c.wh_per_litre - 750.0).abs() < 1e-9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_cell(&self, capacity: Energy, volume: Volume, max_power: Power) -> Result<CellCheck, Error> {
        let wh = check_quantity(|| "cell capacity (Wh)".to_string(), capacity.get::<watt_hour>())?;
        let litres = positive("cell volume (L)", volume.get::<liter>())?;
        let kw = positive("cell maximum discharge power (kW)", max_power.get::<kilowatt>())?;
        let wh_per_litre = wh / litres;
        let hours = (wh / 1000.0) / kw;
        Ok(CellCheck {
            capacity_wh: wh,
            wh_per_litre,
            capacity_to_power_hours: hours,
            min_capacity_met: wh >= self.cell_min_capacity_wh,
            energy_density_met: wh_per_litre >= self.cell_min_wh_per_litre,
            capacity_to_power_met: hours <= self.max_capacity_to_power_hours,
        })
    }
}

/// A caveat attached to a computed §45X credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Note45x {
    /// The sale can fall in a tax year beginning after 2025-07-04, when no credit is allowed to
    /// a specified foreign entity or foreign-influenced entity, nor for components with
    /// material assistance from a prohibited foreign entity \[S\]. Not checked here.
    ForeignEntityRulesMayApply {
        /// The rules apply to tax years beginning after this day.
        tax_years_beginning_after: NaiveDate,
    },
    /// Public Law 119-21 changed the critical-mineral schedule; the change is unconfirmed \[U\]
    /// and the credit is computed under the IRA text.
    CriticalMineralScheduleUnconfirmed,
}

impl fmt::Display for Note45x {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note45x::ForeignEntityRulesMayApply { tax_years_beginning_after } => write!(
                f,
                "foreign-entity rules apply to tax years beginning after {tax_years_beginning_after} (not checked)"
            ),
            Note45x::CriticalMineralScheduleUnconfirmed => f.write_str(
                "the critical-mineral schedule as changed by Public Law 119-21 is unconfirmed; computed under the IRA text",
            ),
        }
    }
}

/// A per-kWh credit for cells or modules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit45x {
    /// The component.
    pub component: Component,
    /// Sale year.
    pub sale_year: i32,
    /// Capacity sold, kWh.
    pub capacity_kwh: f64,
    /// Rate, USD per kWh.
    pub rate_usd_per_kwh: f64,
    /// Phase-down fraction for the sale year.
    pub phase_down_fraction: f64,
    /// The credit, USD: capacity × rate × phase-down fraction.
    pub credit_usd: f64,
    /// Caveats.
    pub notes: Vec<Note45x>,
}

/// A cost-based credit for electrode active materials or critical minerals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostCredit45x {
    /// The component.
    pub component: CostBasedComponent,
    /// Sale year.
    pub sale_year: i32,
    /// Production costs, USD.
    pub production_cost_usd: f64,
    /// Fraction of production costs credited (0.10).
    pub cost_fraction: f64,
    /// Phase-down fraction for the sale year (1 for critical minerals).
    pub phase_down_fraction: f64,
    /// The credit, USD.
    pub credit_usd: f64,
    /// Caveats.
    pub notes: Vec<Note45x>,
}

/// The cell conditions checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellCheck {
    /// Capacity, Wh.
    pub capacity_wh: f64,
    /// Energy density, Wh per litre.
    pub wh_per_litre: f64,
    /// Capacity-to-power ratio, hours (kWh per kW).
    pub capacity_to_power_hours: f64,
    /// Capacity at least 12 Wh.
    pub min_capacity_met: bool,
    /// Energy density at least 100 Wh/L.
    pub energy_density_met: bool,
    /// Capacity-to-power ratio not above 100:1.
    pub capacity_to_power_met: bool,
}

impl CellCheck {
    /// Whether every condition is met.
    pub fn all_met(&self) -> bool {
        self.min_capacity_met && self.energy_density_met && self.capacity_to_power_met
    }
}
