//! Amounts: a mass *with* its basis, and rates: a mass per year with its basis.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Basis;
use crate::Error;
use crate::error::Detail;
use crate::units::{self, Mass, MassRate, display_mass, display_mass_rate};

fn check(what: &str, v: f64) -> Result<f64, Error> {
    check_with(|| what.to_string(), v)
}

/// As [`check`], with the description written only for an error (amounts are made per row).
fn check_with(what: impl FnOnce() -> String, v: f64) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: what(), value: v }.into());
    }
    if v < 0.0 {
        return Err(Detail::Negative { what: what(), value: v }.into());
    }
    Ok(v)
}

/// A tonnage with its [`Basis`]: finite and non-negative by construction.
///
/// Adding amounts of different bases is an error ([`Amount::try_add`]); converting is one
/// explicit call ([`Amount::convert_to`]).
///
/// Serialized with its unit and basis: `{"value": 88000.0, "unit": "t", "basis": "Li"}`; reading
/// also accepts `kg`, `kt` and `Mt`.
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Amount, Basis, Element};
///
/// // USGS MCS 2025: Australia's 2024 mine production, 88,000 t of contained lithium
/// let li = Amount::tonnes(88_000.0, Basis::contained(Element::Li))?;
/// let lce = li.convert_to(&Basis::lce())?;
/// assert!((lce.in_tonnes() - 468_454.0).abs() < 1.0);
/// // tonnes of LCE do not add to tonnes of lithium
/// assert!(li.try_add(&lce).is_err());
/// assert!(Amount::tonnes(f64::NAN, Basis::lce()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AmountWire", into = "AmountWire")]
pub struct Amount {
    mass: Mass,
    basis: Basis,
}

impl Amount {
    /// An amount from a mass and a basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the value.
    pub fn new(mass: Mass, basis: Basis) -> Result<Amount, Error> {
        check_with(|| format!("mass ({basis} basis)"), units::as_tonnes(mass))?;
        Ok(Amount { mass, basis })
    }

    /// An amount in metric tonnes.
    ///
    /// # Errors
    ///
    /// As [`Amount::new`].
    pub fn tonnes(t: f64, basis: Basis) -> Result<Amount, Error> {
        Amount::new(units::tonnes(t), basis)
    }

    /// An amount of `value` in a mass unit given as text: `t` (also `tonne`, `tonnes`, `metric
    /// ton`, `metric tons`), `kg`, `kt` or `Mt`, the units the serialized form reads. For callers
    /// that receive the unit as data (files, other languages' bindings).
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::material::{Amount, Basis};
    /// use critical_minerals::ErrorKind;
    ///
    /// let li = Amount::in_unit(88.0, "kt", "Li".parse()?)?;
    /// assert_eq!(li.in_tonnes(), 88_000.0);
    /// assert_eq!(Amount::in_unit(1.0, "lb", Basis::lce()).unwrap_err().kind(), ErrorKind::Unknown);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for another unit; as [`Amount::new`].
    pub fn in_unit(value: f64, unit: &str, basis: Basis) -> Result<Amount, Error> {
        crate::validate::finite(format!("amount in {unit} ({basis} basis)"), value)?;
        Amount::tonnes(value * tonnes_per_unit(unit)?, basis)
    }

    /// Zero on a basis.
    pub fn zero(basis: Basis) -> Amount {
        Amount { mass: units::tonnes(0.0), basis }
    }

    /// The mass.
    pub fn mass(&self) -> Mass {
        self.mass
    }

    /// The mass in metric tonnes.
    pub fn in_tonnes(&self) -> f64 {
        units::as_tonnes(self.mass)
    }

    /// The basis.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// The same material counted on another basis (see [`Basis::factor_to`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotConvertible`](crate::ErrorKind::NotConvertible) when the bases share no element or a content is unknown;
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) when the converted mass overflows.
    pub fn convert_to(&self, target: &Basis) -> Result<Amount, Error> {
        let k = self.basis.factor_to(target)?;
        Amount::new(self.mass * k, target.clone())
    }

    /// The sum of two amounts on the same basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) naming both bases; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) when the
    /// sum overflows.
    pub fn try_add(&self, other: &Amount) -> Result<Amount, Error> {
        if self.basis != other.basis {
            return Err(Detail::BasisMismatch {
                left: self.basis.to_string(),
                right: other.basis.to_string(),
                operation: "add",
            }
            .into());
        }
        Amount::new(self.mass + other.mass, self.basis.clone())
    }

    /// The sum of amounts that must all be on `basis` (an empty iterator gives zero).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) at the first amount on another basis.
    pub fn try_sum<'a>(basis: &Basis, amounts: impl IntoIterator<Item = &'a Amount>) -> Result<Amount, Error> {
        amounts.into_iter().try_fold(Amount::zero(basis.clone()), |acc, a| acc.try_add(a))
    }

    /// This amount scaled by a non-negative finite factor (a share, a recovery).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad factor or an
    /// overflowing result.
    pub fn scale(&self, factor: f64) -> Result<Amount, Error> {
        check("scale factor", factor)?;
        Amount::new(self.mass * factor, self.basis.clone())
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", display_mass(self.mass), self.basis)
    }
}

/// Serialized form of [`Amount`] and [`Rate`]: value, unit, basis.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct AmountWire {
    value: f64,
    unit: String,
    basis: Basis,
}

fn tonnes_per_unit(unit: &str) -> Result<f64, Error> {
    match unit.trim() {
        "t" | "tonne" | "tonnes" | "metric ton" | "metric tons" => Ok(1.0),
        "kg" => Ok(1.0e-3),
        "kt" => Ok(1.0e3),
        "Mt" => Ok(1.0e6),
        other => Err(Detail::UnknownUnit { input: other.to_string(), expected: "t, kg, kt or Mt" }.into()),
    }
}

fn tonnes_per_year_per_unit(unit: &str) -> Result<f64, Error> {
    match unit.trim() {
        "t/yr" | "tpa" | "t/y" => Ok(1.0),
        "kt/yr" | "ktpa" | "kt/y" => Ok(1.0e3),
        "Mt/yr" | "Mtpa" | "Mt/y" => Ok(1.0e6),
        other => Err(Detail::UnknownUnit { input: other.to_string(), expected: "t/yr, kt/yr or Mt/yr" }.into()),
    }
}

impl TryFrom<AmountWire> for Amount {
    type Error = Error;
    fn try_from(w: AmountWire) -> Result<Self, Self::Error> {
        // kilograms are the mass's own unit: read them without a conversion, so that a value
        // written in kg comes back bit for bit
        if w.unit.trim() == "kg" {
            return Amount::new(Mass::new::<uom::si::mass::kilogram>(w.value), w.basis);
        }
        Amount::tonnes(w.value * tonnes_per_unit(&w.unit)?, w.basis)
    }
}

impl From<Amount> for AmountWire {
    /// Tonnes when they read back to the same mass, else kilograms (the stored unit), so that
    /// saving and reloading never changes a value.
    fn from(a: Amount) -> AmountWire {
        let kg = a.mass.get::<uom::si::mass::kilogram>();
        let to = |kg: f64| units::as_tonnes(Mass::new::<uom::si::mass::kilogram>(kg));
        let from = |t: f64| units::tonnes(t).get::<uom::si::mass::kilogram>();
        match crate::fmt::reversible(kg, to, from) {
            Some(t) => AmountWire { value: t, unit: "t".into(), basis: a.basis },
            None => AmountWire { value: kg, unit: "kg".into(), basis: a.basis },
        }
    }
}

/// A mass per year with its [`Basis`] (production, capacity, demand): finite and non-negative.
///
/// Serialized as `{"value": 40000.0, "unit": "t/yr", "basis": "LCE"}`.
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Basis, Rate};
///
/// let plant = Rate::tonnes_per_year(40_000.0, Basis::lce())?;
/// assert_eq!(plant.to_string(), "40 kt/yr LCE");
/// let li = plant.convert_to(&"Li".parse()?)?;
/// assert!((li.in_tonnes_per_year() - 7_514.0).abs() < 1.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AmountWire", into = "AmountWire")]
pub struct Rate {
    rate: MassRate,
    basis: Basis,
}

impl Rate {
    /// A rate from a mass rate and a basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the value.
    pub fn new(rate: MassRate, basis: Basis) -> Result<Rate, Error> {
        check_with(|| format!("mass rate ({basis} basis)"), units::as_tonnes_per_year(rate))?;
        Ok(Rate { rate, basis })
    }

    /// A rate in tonnes per year.
    ///
    /// # Errors
    ///
    /// As [`Rate::new`].
    pub fn tonnes_per_year(t: f64, basis: Basis) -> Result<Rate, Error> {
        Rate::new(units::tonnes_per_year(t), basis)
    }

    /// The mass rate.
    pub fn rate(&self) -> MassRate {
        self.rate
    }

    /// The rate in tonnes per year.
    pub fn in_tonnes_per_year(&self) -> f64 {
        units::as_tonnes_per_year(self.rate)
    }

    /// The basis.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// The same rate on another basis.
    ///
    /// # Errors
    ///
    /// As [`Amount::convert_to`].
    pub fn convert_to(&self, target: &Basis) -> Result<Rate, Error> {
        let k = self.basis.factor_to(target)?;
        Rate::new(self.rate * k, target.clone())
    }

    /// The sum of two rates on the same basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) naming both bases; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) when the
    /// sum overflows.
    pub fn try_add(&self, other: &Rate) -> Result<Rate, Error> {
        if self.basis != other.basis {
            return Err(Detail::BasisMismatch {
                left: self.basis.to_string(),
                right: other.basis.to_string(),
                operation: "add",
            }
            .into());
        }
        Rate::new(self.rate + other.rate, self.basis.clone())
    }

    /// The amount produced over `years` years at this rate.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad number of years.
    pub fn over_years(&self, years: f64) -> Result<Amount, Error> {
        check("number of years", years)?;
        Amount::tonnes(self.in_tonnes_per_year() * years, self.basis.clone())
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", display_mass_rate(self.rate), self.basis)
    }
}

impl TryFrom<AmountWire> for Rate {
    type Error = Error;
    fn try_from(w: AmountWire) -> Result<Self, Self::Error> {
        // kg/s is the rate's own unit: read without a conversion (see `From<Rate>`)
        if w.unit.trim() == "kg/s" {
            return Rate::new(MassRate::new::<uom::si::mass_rate::kilogram_per_second>(w.value), w.basis);
        }
        Rate::tonnes_per_year(w.value * tonnes_per_year_per_unit(&w.unit)?, w.basis)
    }
}

impl From<Rate> for AmountWire {
    /// Tonnes per year when they read back to the same rate, else kilograms per second (the
    /// stored unit), so that saving and reloading never changes a value.
    fn from(r: Rate) -> AmountWire {
        use uom::si::mass_rate::kilogram_per_second;
        let si = r.rate.get::<kilogram_per_second>();
        let to = |si: f64| units::as_tonnes_per_year(MassRate::new::<kilogram_per_second>(si));
        let from = |t: f64| units::tonnes_per_year(t).get::<kilogram_per_second>();
        match crate::fmt::reversible(si, to, from) {
            Some(t) => AmountWire { value: t, unit: "t/yr".into(), basis: r.basis },
            None => AmountWire { value: si, unit: "kg/s".into(), basis: r.basis },
        }
    }
}
