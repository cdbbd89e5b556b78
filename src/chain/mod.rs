//! The supply chain: stages, processes, facilities and companies.
//!
//! | item | what it is |
//! |---|---|
//! | [`Stage`] | mining, refining, battery materials, cell manufacturing, pack assembly / end use, recycling |
//! | [`Process`] | input form -> output form with a recovery, optional energy and waste per tonne of output |
//! | [`Facility`] | a plant or mine: owner, country, stage, product, capacity, status, start year, source |
//! | [`Capacity`] | a mass rate with its basis, or GWh per year for cell plants |
//! | [`Company`] | a company and its home country |
//! | [`battery`] | battery products (chemistry, mAh, Wh), material content per kWh by chemistry, capacity-band segments |
//! | [`recycling`] | retirements → end-of-life material → recycled supply by element, share of demand, CRMA recycling benchmark |
//! | [`stock`] | dynamic stock models: lifetimes, survival tables, inflow- and stock-driven models with units |
//!
//! # Example
//!
//! ```
//! use critical_minerals::chain::{Capacity, Facility, FacilityStatus, Stage};
//! use critical_minerals::geo::Country;
//! use critical_minerals::material::{Basis, Form, Rate};
//!
//! let plant = Facility::new("demo-refinery", "Demo lithium refinery", Country::from_code("DE")?, Stage::Refining)?
//!     .product("chemical:LiOH·H2O".parse::<Form>()?)
//!     .capacity(Capacity::Mass(Rate::tonnes_per_year(24_000.0, Basis::lithium_hydroxide_monohydrate())?))
//!     .status(FacilityStatus::Construction);
//! assert_eq!(plant.stage, Stage::Refining);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod battery;
pub mod cost_curve;
pub mod disruption;
pub mod exposure;
pub mod localization;
pub mod recycling;
pub mod route;
pub mod stock;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::geo::Country;
use crate::material::{Form, Rate};
use crate::units::{self, Energy, Power};

/// A stage of the battery supply chain: the four stages of mine -> refine -> cells -> assembly,
/// with battery materials (cathode and anode active material) and recycling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Stage {
    /// Mining or extraction (ore, brine).
    Mining,
    /// Refining and processing into chemicals or metal.
    Refining,
    /// Battery materials: cathode and anode active material.
    Materials,
    /// Cell manufacturing.
    Cells,
    /// Pack assembly and end use (vehicles, storage).
    Assembly,
    /// Recycling of scrap and end-of-life batteries.
    Recycling,
}

impl Stage {
    /// The stages in chain order (recycling last).
    pub const ALL: [Stage; 6] =
        [Stage::Mining, Stage::Refining, Stage::Materials, Stage::Cells, Stage::Assembly, Stage::Recycling];

    /// Lower-case name used in files (`"mining"`).
    pub const fn name(self) -> &'static str {
        match self {
            Stage::Mining => "mining",
            Stage::Refining => "refining",
            Stage::Materials => "materials",
            Stage::Cells => "cells",
            Stage::Assembly => "assembly",
            Stage::Recycling => "recycling",
        }
    }

    /// A label for reports (`"Refining & processing"`).
    pub const fn label(self) -> &'static str {
        match self {
            Stage::Mining => "Mining & extraction",
            Stage::Refining => "Refining & processing",
            Stage::Materials => "Battery materials",
            Stage::Cells => "Cell manufacturing",
            Stage::Assembly => "Pack assembly & end use",
            Stage::Recycling => "Recycling",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Stage {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Ok(match t.as_str() {
            "mining" | "extraction" | "mine" => Stage::Mining,
            "refining" | "processing" | "refining & processing" => Stage::Refining,
            "materials" | "battery materials" | "cathode" | "anode" => Stage::Materials,
            "cells" | "cell" | "cell manufacturing" => Stage::Cells,
            "assembly" | "pack" | "end use" | "end-use" => Stage::Assembly,
            "recycling" => Stage::Recycling,
            _ => return Err(Detail::UnknownStage { input: s.to_string() }.into()),
        })
    }
}

fn check_fraction(what: &str, v: f64) -> Result<f64, Error> {
    crate::validate::recovery(what, v)
}

fn check_quantity(what: &str, v: f64) -> Result<f64, Error> {
    crate::validate::non_negative(what, v)
}

/// A process step: an input form turned into an output form, with the fraction of the counted
/// element recovered, and optionally the energy used and the waste left per tonne of output.
///
/// # Example
///
/// ```
/// use critical_minerals::chain::Process;
/// use critical_minerals::material::Form;
///
/// let p = Process::new("carbonation", "spodumene-concentrate".parse::<Form>()?, "chemical:Li2CO3".parse::<Form>()?, 0.85)?;
/// assert_eq!(p.recovery(), 0.85);
/// assert!(Process::new("bad", p.input().clone(), p.output().clone(), 1.2).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ProcessWire")]
pub struct Process {
    name: String,
    input: Form,
    output: Form,
    recovery: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    energy_kwh_per_tonne: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    waste_tonnes_per_tonne: Option<f64>,
}

/// Unchecked mirror of [`Process`] for deserializing; converted through the validating
/// constructors so a file cannot smuggle in a recovery above 100 %.
#[derive(Deserialize)]
struct ProcessWire {
    name: String,
    input: Form,
    output: Form,
    recovery: f64,
    #[serde(default)]
    energy_kwh_per_tonne: Option<f64>,
    #[serde(default)]
    waste_tonnes_per_tonne: Option<f64>,
}

impl TryFrom<ProcessWire> for Process {
    type Error = Error;
    fn try_from(w: ProcessWire) -> Result<Self, Self::Error> {
        let mut p = Process::new(&w.name, w.input, w.output, w.recovery)?;
        if let Some(kwh) = w.energy_kwh_per_tonne {
            p = p.with_energy_per_tonne(units::kilowatt_hours(kwh))?;
        }
        if let Some(t) = w.waste_tonnes_per_tonne {
            p = p.with_waste_tonnes_per_tonne(t)?;
        }
        Ok(p)
    }
}

impl Process {
    /// A process with its recovery (fraction of the counted element that reaches the output).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a recovery outside (0, 1]; [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a
    /// blank name.
    pub fn new(name: &str, input: Form, output: Form, recovery: f64) -> Result<Process, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Blank { what: "process name" }.into());
        }
        let recovery = check_fraction(&format!("recovery of process {name:?}"), recovery)?;
        Ok(Process {
            name: name.to_string(),
            input,
            output,
            recovery,
            energy_kwh_per_tonne: None,
            waste_tonnes_per_tonne: None,
        })
    }

    /// Sets the energy used per tonne of output.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative energy.
    pub fn with_energy_per_tonne(mut self, energy: Energy) -> Result<Process, Error> {
        let kwh = energy.get::<units::energy::kilowatt_hour>();
        self.energy_kwh_per_tonne = Some(check_quantity(&format!("energy per tonne of {:?}", self.name), kwh)?);
        Ok(self)
    }

    /// Sets the waste (tailings, residues) left per tonne of output, in tonnes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative waste.
    pub fn with_waste_tonnes_per_tonne(mut self, waste: f64) -> Result<Process, Error> {
        self.waste_tonnes_per_tonne = Some(check_quantity(&format!("waste per tonne of {:?}", self.name), waste)?);
        Ok(self)
    }

    /// Name of the step.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Input form.
    pub fn input(&self) -> &Form {
        &self.input
    }
    /// Output form.
    pub fn output(&self) -> &Form {
        &self.output
    }
    /// Recovery of the counted element, in (0, 1].
    pub fn recovery(&self) -> f64 {
        self.recovery
    }
    /// Energy per tonne of output, if given.
    pub fn energy_per_tonne(&self) -> Option<Energy> {
        self.energy_kwh_per_tonne.map(units::kilowatt_hours)
    }
    /// Waste per tonne of output, in tonnes, if given.
    pub fn waste_tonnes_per_tonne(&self) -> Option<f64> {
        self.waste_tonnes_per_tonne
    }
}

/// Operating status of a facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FacilityStatus {
    /// Producing.
    Operating,
    /// Under construction.
    Construction,
    /// Announced or planned.
    Planned,
    /// Built but not producing (care and maintenance, suspended).
    Idle,
    /// Closed for good, or the owner failed.
    Closed,
}

impl FacilityStatus {
    /// Lower-case name (`"operating"`).
    pub const fn name(self) -> &'static str {
        match self {
            FacilityStatus::Operating => "operating",
            FacilityStatus::Construction => "construction",
            FacilityStatus::Planned => "planned",
            FacilityStatus::Idle => "idle",
            FacilityStatus::Closed => "closed",
        }
    }
}

impl fmt::Display for FacilityStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FacilityStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "operating" | "operational" | "producing" => FacilityStatus::Operating,
            "construction" | "under construction" => FacilityStatus::Construction,
            "planned" | "announced" | "development" => FacilityStatus::Planned,
            "idle" | "suspended" | "care and maintenance" => FacilityStatus::Idle,
            "closed" | "bankrupt" => FacilityStatus::Closed,
            _ => return Err(Detail::UnknownStatus { input: s.to_string() }.into()),
        })
    }
}

/// Production capacity: a mass rate with its basis, or an energy per year for cell plants.
///
/// Serialized as `{"mass": {"value": .., "unit": "t/yr", "basis": ..}}` or `{"gwh_per_year": 60.0}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Capacity {
    /// Tonnes per year on a basis.
    Mass(Rate),
    /// Cell or pack capacity in GWh per year.
    #[serde(with = "gwh_per_year")]
    GwhPerYear(Power),
}

mod gwh_per_year {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::units::{self, Power};

    pub fn serialize<S: Serializer>(p: &Power, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(units::as_gigawatt_hours_per_year(*p))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Power, D::Error> {
        let v = f64::deserialize(d)?;
        if !(v.is_finite() && v >= 0.0) {
            return Err(serde::de::Error::custom(format!(
                "GWh per year is {v}, expected a finite non-negative number"
            )));
        }
        Ok(units::gigawatt_hours_per_year(v))
    }
}

impl Capacity {
    /// A cell-plant capacity in GWh per year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative values.
    pub fn gwh_per_year(gwh: f64) -> Result<Capacity, Error> {
        Ok(Capacity::GwhPerYear(units::gigawatt_hours_per_year(check_quantity("capacity in GWh/yr", gwh)?)))
    }
}

impl fmt::Display for Capacity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Capacity::Mass(r) => write!(f, "{r}"),
            Capacity::GwhPerYear(p) => f.write_str(&units::display_gwh_per_year(*p)),
        }
    }
}

/// A company and its home country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CompanyWire")]
pub struct Company {
    /// Name.
    pub name: String,
    /// Country of headquarters, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
}

#[derive(Deserialize)]
struct CompanyWire {
    name: String,
    #[serde(default)]
    country: Option<Country>,
}

impl TryFrom<CompanyWire> for Company {
    type Error = Error;
    fn try_from(w: CompanyWire) -> Result<Self, Self::Error> {
        Company::new(&w.name, w.country)
    }
}

impl Company {
    /// A company by name.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank name.
    pub fn new(name: &str, country: Option<Country>) -> Result<Company, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Blank { what: "company name" }.into());
        }
        Ok(Company { name: name.trim().to_string(), country })
    }
}

/// A facility: a mine, refinery, materials plant, cell plant, assembly plant or recycler.
///
/// Only `id`, `name`, `country` and `stage` are required; the rest is filled where a source
/// gives it (the builder methods).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FacilityWire")]
pub struct Facility {
    /// Stable identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owners or operators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Company>,
    /// Country.
    pub country: Country,
    /// Place within the country (city, province, state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Stage of the chain.
    pub stage: Stage,
    /// Process run there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<Process>,
    /// Main product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Form>,
    /// Capacity, where a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FacilityStatus>,
    /// Year production started or is planned to start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<i32>,
    /// Id of the source the facility's facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Deserialize)]
struct FacilityWire {
    id: String,
    name: String,
    #[serde(default)]
    owners: Vec<Company>,
    country: Country,
    #[serde(default)]
    place: Option<String>,
    stage: Stage,
    #[serde(default)]
    process: Option<Process>,
    #[serde(default)]
    product: Option<Form>,
    #[serde(default)]
    capacity: Option<Capacity>,
    #[serde(default)]
    status: Option<FacilityStatus>,
    #[serde(default)]
    start_year: Option<i32>,
    #[serde(default)]
    source: Option<String>,
}

impl TryFrom<FacilityWire> for Facility {
    type Error = Error;
    fn try_from(w: FacilityWire) -> Result<Self, Self::Error> {
        let base = Facility::new(&w.id, &w.name, w.country, w.stage)?;
        Ok(Facility {
            owners: w.owners,
            place: w.place,
            process: w.process,
            product: w.product,
            capacity: w.capacity,
            status: w.status,
            start_year: w.start_year,
            source: w.source,
            ..base
        })
    }
}

impl Facility {
    /// A facility with its required fields.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank id or name.
    pub fn new(id: &str, name: &str, country: Country, stage: Stage) -> Result<Facility, Error> {
        if id.trim().is_empty() {
            return Err(Detail::Blank { what: "facility id" }.into());
        }
        if name.trim().is_empty() {
            return Err(Detail::Blank { what: "facility name" }.into());
        }
        Ok(Facility {
            id: id.trim().to_string(),
            name: name.trim().to_string(),
            owners: Vec::new(),
            country,
            place: None,
            stage,
            process: None,
            product: None,
            capacity: None,
            status: None,
            start_year: None,
            source: None,
        })
    }

    /// Adds an owner.
    pub fn owner(mut self, company: Company) -> Facility {
        self.owners.push(company);
        self
    }
    /// Sets the place.
    pub fn place(mut self, place: &str) -> Facility {
        self.place = Some(place.to_string());
        self
    }
    /// Sets the process.
    pub fn process(mut self, process: Process) -> Facility {
        self.process = Some(process);
        self
    }
    /// Sets the product.
    pub fn product(mut self, product: Form) -> Facility {
        self.product = Some(product);
        self
    }
    /// Sets the capacity.
    pub fn capacity(mut self, capacity: Capacity) -> Facility {
        self.capacity = Some(capacity);
        self
    }
    /// Sets the status.
    pub fn status(mut self, status: FacilityStatus) -> Facility {
        self.status = Some(status);
        self
    }
    /// Sets the start year.
    pub fn start_year(mut self, year: i32) -> Facility {
        self.start_year = Some(year);
        self
    }
    /// Sets the source id.
    pub fn source(mut self, source: &str) -> Facility {
        self.source = Some(source.to_string());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_and_statuses_parse_their_names() {
        for s in Stage::ALL {
            assert_eq!(s.name().parse::<Stage>(), Ok(s));
        }
        assert!("smelting".parse::<Stage>().is_err());
        for s in ["operating", "construction", "planned", "idle", "closed"] {
            assert_eq!(s.parse::<FacilityStatus>().map(|x| x.name()), Ok(s));
        }
        assert!("maybe".parse::<FacilityStatus>().is_err());
    }

    #[test]
    fn bad_process_inputs_are_errors() {
        let f = Form::Ore(crate::material::Mineral::Spodumene);
        for r in [0.0, -0.1, 1.01, f64::NAN, f64::INFINITY] {
            assert!(Process::new("x", f.clone(), f.clone(), r).is_err());
        }
        assert!(Process::new(" ", f.clone(), f.clone(), 0.5).is_err());
        let p = Process::new("x", f.clone(), f, 0.5).expect("valid");
        assert!(p.clone().with_waste_tonnes_per_tonne(-1.0).is_err());
        assert!(p.with_energy_per_tonne(units::kilowatt_hours(f64::NAN)).is_err());
        assert!(Capacity::gwh_per_year(-5.0).is_err());
    }

    #[test]
    fn deserializing_validates_like_the_constructors() {
        let bad_recovery = r#"{"name":"x","input":"spodumene","output":"spodumene-concentrate","recovery":1.2}"#;
        assert!(serde_json::from_str::<Process>(bad_recovery).is_err());
        let good = r#"{"name":"x","input":"spodumene","output":"spodumene-concentrate","recovery":0.8}"#;
        assert!(serde_json::from_str::<Process>(good).is_ok());
        assert!(serde_json::from_str::<Company>(r#"{"name":"  "}"#).is_err());
        let blank_id = r#"{"id":"","name":"n","country":"DEU","stage":"refining"}"#;
        assert!(serde_json::from_str::<Facility>(blank_id).is_err());
        let ok = r#"{"id":"f","name":"n","country":"DEU","stage":"refining"}"#;
        assert!(serde_json::from_str::<Facility>(ok).is_ok());
    }
}
