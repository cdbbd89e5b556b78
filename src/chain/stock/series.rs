//! Typed yearly series for stock models: flows per year ([`Flows`]) and stocks at the end of
//! each year ([`Stocks`]), on one [`StockUnit`].
//!
//! A series is built from the crate's quantity types, so its unit cannot be lost: tonnes per
//! year on a [`Basis`] ([`Rate`]) for flows of material and tonnes on a basis ([`Amount`]) for
//! stocks of it; gigawatt-hours per year ([`Power`]) and gigawatt-hours ([`Energy`]) for battery
//! capacity; or a count of named items (vehicles, packs), whose material content is applied
//! afterwards (see [`crate::chain::battery`]).
//!
//! # Examples
//!
//! ```
//! use critical_minerals::chain::stock::{Flows, StockUnit};
//! use critical_minerals::material::{Basis, Element, Rate};
//!
//! let li = Basis::contained(Element::Li);
//! let inflow = Flows::mass(2024, &[Rate::tonnes_per_year(100.0, li.clone())?, Rate::tonnes_per_year(120.0, li.clone())?])?;
//! assert_eq!(inflow.unit(), &StockUnit::Mass(li));
//! assert_eq!(inflow.get(2025), Some(120.0));
//! assert!(Flows::items(2024, "vehicles", &[10.0, -1.0]).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::material::{Amount, Basis, Rate};
use crate::units::{self, Energy, Power};

/// What a stock model counts: tonnes of a material on a basis, gigawatt-hours of battery
/// capacity, or a number of named items. Flows are the same unit per year.
///
/// Serialized as `{"unit": "t", "basis": "Li"}`, `{"unit": "GWh"}` or
/// `{"unit": "items", "item": "vehicles"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "UnitWire", into = "UnitWire")]
#[non_exhaustive]
pub enum StockUnit {
    /// Metric tonnes on a basis (flows in t/yr).
    Mass(Basis),
    /// Gigawatt-hours of battery capacity (flows in GWh/yr).
    Energy,
    /// A count of items (flows in items per year).
    Items(String),
}

#[derive(Serialize, Deserialize)]
struct UnitWire {
    unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    basis: Option<Basis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<String>,
}

impl TryFrom<UnitWire> for StockUnit {
    type Error = Error;
    fn try_from(w: UnitWire) -> Result<StockUnit, Error> {
        match (w.unit.as_str(), w.basis, w.item) {
            ("t", Some(b), None) => Ok(StockUnit::Mass(b)),
            ("GWh", None, None) => Ok(StockUnit::Energy),
            ("items", None, Some(i)) if !i.trim().is_empty() => Ok(StockUnit::Items(i)),
            (u, _, _) => Err(Detail::UnknownUnit {
                input: u.to_string(),
                expected: "\"t\" with a basis, \"GWh\", or \"items\" with an item name",
            }
            .into()),
        }
    }
}

impl From<StockUnit> for UnitWire {
    fn from(u: StockUnit) -> UnitWire {
        match u {
            StockUnit::Mass(b) => UnitWire { unit: "t".into(), basis: Some(b), item: None },
            StockUnit::Energy => UnitWire { unit: "GWh".into(), basis: None, item: None },
            StockUnit::Items(i) => UnitWire { unit: "items".into(), basis: None, item: Some(i) },
        }
    }
}

impl StockUnit {
    /// The unit of a stock: `"t Li"`, `"GWh"`, `"vehicles"`.
    pub fn stock_label(&self) -> String {
        match self {
            StockUnit::Mass(b) => format!("t {b}"),
            StockUnit::Energy => "GWh".to_string(),
            StockUnit::Items(i) => i.clone(),
        }
    }

    /// The unit of a flow: `"t/yr Li"`, `"GWh/yr"`, `"vehicles/yr"`.
    pub fn flow_label(&self) -> String {
        match self {
            StockUnit::Mass(b) => format!("t/yr {b}"),
            StockUnit::Energy => "GWh/yr".to_string(),
            StockUnit::Items(i) => format!("{i}/yr"),
        }
    }
}

impl fmt::Display for StockUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stock_label())
    }
}

/// A yearly series of finite, non-negative values on one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Series {
    unit: StockUnit,
    first_year: i32,
    values: Vec<f64>,
}

fn year_of(first_year: i32, i: usize) -> i64 {
    i64::from(first_year) + i as i64
}

impl Series {
    fn new(what: &str, unit: StockUnit, first_year: i32, values: Vec<f64>) -> Result<Series, Error> {
        if values.is_empty() {
            return Err(Detail::Empty { what: format!("{what} series from {first_year}") }.into());
        }
        if year_of(first_year, values.len() - 1) > i64::from(i32::MAX) {
            return Err(Detail::OutOfRange {
                what: format!("{what} series of {} years from {first_year}", values.len()),
                value: year_of(first_year, values.len() - 1) as f64,
                expected: format!("a last year up to {}", i32::MAX),
            }
            .into());
        }
        for (i, &v) in values.iter().enumerate() {
            let name = || format!("{what} in {} ({})", year_of(first_year, i), unit);
            if !v.is_finite() {
                return Err(Detail::NotFinite { what: name(), value: v }.into());
            }
            if v < 0.0 {
                return Err(Detail::Negative { what: name(), value: v }.into());
            }
        }
        Ok(Series { unit, first_year, values })
    }

    fn mass_basis<'a, T>(what: &str, items: &'a [T], basis: impl Fn(&'a T) -> &'a Basis) -> Result<Basis, Error> {
        let first =
            items.first().map(&basis).ok_or_else(|| Error::from(Detail::Empty { what: format!("{what} series") }))?;
        for item in items {
            let b = basis(item);
            if b != first {
                return Err(Detail::BasisMismatch {
                    left: first.to_string(),
                    right: b.to_string(),
                    operation: "put in one stock-model series",
                }
                .into());
            }
        }
        Ok(first.clone())
    }

    fn get(&self, year: i32) -> Option<f64> {
        let i = usize::try_from(i64::from(year) - i64::from(self.first_year)).ok()?;
        self.values.get(i).copied()
    }

    fn last_year(&self) -> i32 {
        self.first_year + (self.values.len() as i32 - 1)
    }
}

macro_rules! series_accessors {
    () => {
        /// The unit.
        pub fn unit(&self) -> &StockUnit {
            &self.0.unit
        }

        /// The first year.
        pub fn first_year(&self) -> i32 {
            self.0.first_year
        }

        /// The last year.
        pub fn last_year(&self) -> i32 {
            self.0.last_year()
        }

        /// Number of years.
        pub fn len(&self) -> usize {
            self.0.values.len()
        }

        /// Never true: a series has at least one year.
        pub fn is_empty(&self) -> bool {
            self.0.values.is_empty()
        }

        /// The values, first year first, in the unit (per year for flows).
        pub fn values(&self) -> &[f64] {
            &self.0.values
        }

        /// The value of `year`, `None` off the series.
        pub fn get(&self, year: i32) -> Option<f64> {
            self.0.get(year)
        }

        /// `(year, value)` pairs, first year first.
        pub fn iter(&self) -> impl Iterator<Item = (i32, f64)> + '_ {
            let first = self.0.first_year;
            self.0.values.iter().enumerate().map(move |(i, &v)| (first + i as i32, v))
        }
    };
}

/// Flows per year (inflows, outflows, retirements) on one [`StockUnit`]: finite and
/// non-negative, at least one year.
///
/// Serialized as `{"unit": {"unit": "t", "basis": "Li"}, "first_year": 2024, "values": [..]}`
/// (values per year).
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::stock::Flows;
/// use critical_minerals::units;
///
/// let sales = Flows::energy(2024, &[units::gigawatt_hours_per_year(900.0), units::gigawatt_hours_per_year(1_100.0)])?;
/// assert_eq!(sales.unit().flow_label(), "GWh/yr");
/// assert!((sales.values()[1] - 1_100.0).abs() < 1e-9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Series", into = "Series")]
pub struct Flows(Series);

impl TryFrom<Series> for Flows {
    type Error = Error;
    fn try_from(s: Series) -> Result<Flows, Error> {
        Series::new("flow", s.unit, s.first_year, s.values).map(Flows)
    }
}

impl From<Flows> for Series {
    fn from(f: Flows) -> Series {
        f.0
    }
}

impl Flows {
    /// Mass flows, one [`Rate`] per year from `first_year`, all on one basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no rate;
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for rates on different bases.
    pub fn mass(first_year: i32, rates: &[Rate]) -> Result<Flows, Error> {
        let basis = Series::mass_basis("mass flow", rates, Rate::basis)?;
        let values = rates.iter().map(Rate::in_tonnes_per_year).collect();
        Series::new("flow", StockUnit::Mass(basis), first_year, values).map(Flows)
    }

    /// Battery-capacity flows, one [`Power`] (energy per year, e.g.
    /// [`units::gigawatt_hours_per_year`]) per year from `first_year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty), and
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the year.
    pub fn energy(first_year: i32, per_year: &[Power]) -> Result<Flows, Error> {
        let values = per_year.iter().map(|&p| units::as_gigawatt_hours_per_year(p)).collect();
        Series::new("flow", StockUnit::Energy, first_year, values).map(Flows)
    }

    /// Flows of `item` (a count per year) from `first_year`.
    ///
    /// # Errors
    ///
    /// As [`Flows::energy`], and [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank
    /// item name.
    pub fn items(first_year: i32, item: &str, per_year: &[f64]) -> Result<Flows, Error> {
        if item.trim().is_empty() {
            return Err(Detail::Blank { what: "stock item name" }.into());
        }
        Series::new("flow", StockUnit::Items(item.trim().to_string()), first_year, per_year.to_vec()).map(Flows)
    }

    /// A series computed by a model, whose values are already finite and non-negative.
    pub(crate) fn computed(unit: StockUnit, first_year: i32, values: Vec<f64>) -> Flows {
        Flows(Series { unit, first_year, values })
    }

    /// A series computed from other values, checked (an overflow is an error naming the year).
    pub(crate) fn checked(unit: StockUnit, first_year: i32, values: Vec<f64>) -> Result<Flows, Error> {
        Series::new("flow", unit, first_year, values).map(Flows)
    }

    series_accessors!();

    /// The flow of `year` as a [`Rate`], for a series of mass flows; `None` off the series or
    /// for another unit.
    pub fn rate(&self, year: i32) -> Option<Rate> {
        match &self.0.unit {
            StockUnit::Mass(b) => Rate::tonnes_per_year(self.get(year)?, b.clone()).ok(),
            _ => None,
        }
    }
}

/// Stocks at the end of each year on one [`StockUnit`]: finite and non-negative, at least one
/// year.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::stock::Stocks;
/// use critical_minerals::material::{Amount, Basis};
///
/// let s = Stocks::mass(2030, &[Amount::tonnes(5.0, Basis::lce())?, Amount::tonnes(7.0, Basis::lce())?])?;
/// assert_eq!(s.amount(2031).ok_or("none")?.in_tonnes(), 7.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Series", into = "Series")]
pub struct Stocks(Series);

impl TryFrom<Series> for Stocks {
    type Error = Error;
    fn try_from(s: Series) -> Result<Stocks, Error> {
        Series::new("stock", s.unit, s.first_year, s.values).map(Stocks)
    }
}

impl From<Stocks> for Series {
    fn from(s: Stocks) -> Series {
        s.0
    }
}

impl Stocks {
    /// Mass stocks, one [`Amount`] per year-end from `first_year`, all on one basis.
    ///
    /// # Errors
    ///
    /// As [`Flows::mass`].
    pub fn mass(first_year: i32, amounts: &[Amount]) -> Result<Stocks, Error> {
        let basis = Series::mass_basis("mass stock", amounts, Amount::basis)?;
        let values = amounts.iter().map(Amount::in_tonnes).collect();
        Series::new("stock", StockUnit::Mass(basis), first_year, values).map(Stocks)
    }

    /// Battery capacity in use at each year-end, as [`Energy`].
    ///
    /// # Errors
    ///
    /// As [`Flows::energy`].
    pub fn energy(first_year: i32, in_use: &[Energy]) -> Result<Stocks, Error> {
        let values = in_use.iter().map(|e| e.get::<units::energy::gigawatt_hour>()).collect();
        Series::new("stock", StockUnit::Energy, first_year, values).map(Stocks)
    }

    /// Counts of `item` in use at each year-end.
    ///
    /// # Errors
    ///
    /// As [`Flows::items`].
    pub fn items(first_year: i32, item: &str, in_use: &[f64]) -> Result<Stocks, Error> {
        if item.trim().is_empty() {
            return Err(Detail::Blank { what: "stock item name" }.into());
        }
        Series::new("stock", StockUnit::Items(item.trim().to_string()), first_year, in_use.to_vec()).map(Stocks)
    }

    /// A series computed by a model, whose values are already finite and non-negative.
    pub(crate) fn computed(unit: StockUnit, first_year: i32, values: Vec<f64>) -> Stocks {
        Stocks(Series { unit, first_year, values })
    }

    series_accessors!();

    /// The stock of `year` as an [`Amount`], for a series of masses; `None` off the series or
    /// for another unit.
    pub fn amount(&self, year: i32) -> Option<Amount> {
        match &self.0.unit {
            StockUnit::Mass(b) => Amount::tonnes(self.get(year)?, b.clone()).ok(),
            _ => None,
        }
    }
}
