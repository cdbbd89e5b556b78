//! Facilities and who owns them: [`Facility`], [`FacilityStatus`], [`Capacity`], [`Company`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Process, Stage};
use crate::Error;
use crate::error::Detail;
use crate::geo::Country;
use crate::material::{Form, Rate};
use crate::units::{self, Power};
use crate::validate::non_negative;

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
/// Serialized as `{"mass": {"value": .., "unit": "t/yr", "basis": ..}}` or `{"gwh_per_year": 60.0}`;
/// a value no number of t/yr or GWh/yr reads back to exactly is written in kg/s or W
/// (`{"gwh_per_year": {"value": .., "unit": "W"}}`).
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
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use uom::si::power::watt;

    use crate::units::{self, Power};

    /// GWh per year as a number when one reads back to the same power, else the power in watts
    /// (`{"value": .., "unit": "W"}`), which reads back unconverted.
    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Wire {
        GwhPerYear(f64),
        Si { value: f64, unit: String },
    }

    pub fn serialize<S: Serializer>(p: &Power, s: S) -> Result<S::Ok, S::Error> {
        let w = p.get::<watt>();
        let to = |w: f64| units::as_gigawatt_hours_per_year(Power::new::<watt>(w));
        let from = |gwh: f64| units::gigawatt_hours_per_year(gwh).get::<watt>();
        match crate::fmt::reversible(w, to, from) {
            Some(gwh) => Wire::GwhPerYear(gwh),
            None => Wire::Si { value: w, unit: "W".into() },
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Power, D::Error> {
        let (v, unit) = match Wire::deserialize(d)? {
            Wire::GwhPerYear(v) => (v, "GWh/yr"),
            Wire::Si { value, unit } if unit == "W" => (value, "W"),
            Wire::Si { unit, .. } => {
                return Err(serde::de::Error::custom(format!("capacity unit {unit:?}, expected W")));
            }
        };
        if !(v.is_finite() && v >= 0.0) {
            return Err(serde::de::Error::custom(format!(
                "capacity is {v} {unit}, expected a finite non-negative number"
            )));
        }
        Ok(if unit == "W" { Power::new::<watt>(v) } else { units::gigawatt_hours_per_year(v) })
    }
}

impl Capacity {
    /// A cell-plant capacity in GWh per year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative values.
    pub fn gwh_per_year(gwh: f64) -> Result<Capacity, Error> {
        Ok(Capacity::GwhPerYear(units::gigawatt_hours_per_year(non_negative("capacity in GWh/yr", gwh)?)))
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
    fn statuses_parse_their_names() {
        for s in ["operating", "construction", "planned", "idle", "closed"] {
            assert_eq!(s.parse::<FacilityStatus>().map(|x| x.name()), Ok(s));
        }
        assert!("maybe".parse::<FacilityStatus>().is_err());
    }

    #[test]
    fn bad_capacity_is_an_error() {
        assert!(Capacity::gwh_per_year(-5.0).is_err());
    }

    #[test]
    fn deserializing_validates_like_the_constructors() {
        assert!(serde_json::from_str::<Company>(r#"{"name":"  "}"#).is_err());
        let blank_id = r#"{"id":"","name":"n","country":"DEU","stage":"refining"}"#;
        assert!(serde_json::from_str::<Facility>(blank_id).is_err());
        let ok = r#"{"id":"f","name":"n","country":"DEU","stage":"refining"}"#;
        assert!(serde_json::from_str::<Facility>(ok).is_ok());
    }
}
