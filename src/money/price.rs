//! [`Price`]: money per tonne of a material, on a stated basis.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::amount::{check_year, finite, year_label};
use super::{Currency, Money};
use crate::Error;
use crate::error::Detail;
use crate::material::{Amount, Basis};

/// Tonnes in one avoirdupois pound (0.45359237 kg exactly, the international pound of 1959).
const TONNES_PER_POUND: f64 = 0.453_592_37e-3;

/// Money per tonne of a material, with the [`Basis`] of the tonne: 14,000 USD per tonne of LCE
/// and 730 USD per tonne of SC6 concentrate are prices of different things.
///
/// A price is finite and non-negative. It keeps the currency and the price year of its
/// [`Money`]. Applying it to an [`Amount`] needs the same basis ([`Price::cost_of`]); moving it
/// to another basis is one explicit call ([`Price::convert_basis`]), which divides by the
/// tonnage factor: a tonne of LCE holds 1/5.323 t of lithium, so a price per tonne of
/// contained lithium is 5.323 times the price per tonne of LCE.
///
/// Serialized as `{"amount": 14000.0, "currency": "USD", "per": "t", "basis": "LCE"}` (with
/// `"price_year"` when known); reading also accepts `"per": "kg"` and `"per": "lb"`.
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Amount, Basis, Element};
/// use critical_minerals::money::{Currency, Price};
///
/// let lce = Price::per_tonne(14_000.0, Currency::USD, Basis::lce())?;
/// let cargo = Amount::tonnes(500.0, Basis::lce())?;
/// assert_eq!(lce.cost_of(&cargo)?.amount(), 7_000_000.0);
///
/// // per tonne of contained lithium: 14,000 x 5.323 = about 74,520 USD
/// let li = lce.convert_basis(&Basis::contained(Element::Li))?;
/// assert!((li.amount_per_tonne() - 74_524.0).abs() < 10.0);
///
/// // a price per tonne of LCE does not price tonnes of lithium
/// assert!(lce.cost_of(&cargo.convert_to(&Basis::contained(Element::Li))?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PriceWire", into = "PriceWire")]
pub struct Price {
    per_tonne: Money,
    basis: Basis,
}

#[derive(Serialize, Deserialize)]
struct PriceWire {
    amount: f64,
    currency: Currency,
    per: String,
    basis: Basis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    price_year: Option<i32>,
}

impl TryFrom<PriceWire> for Price {
    type Error = Error;
    fn try_from(w: PriceWire) -> Result<Self, Self::Error> {
        let tonnes = match w.per.trim() {
            "t" | "tonne" | "metric ton" => 1.0,
            "kg" => 1.0e-3,
            "lb" => TONNES_PER_POUND,
            other => return Err(Detail::UnknownMassUnit { input: other.to_string() }.into()),
        };
        let per = finite("price amount", w.amount)?;
        let p = Price::per_tonne(per / tonnes, w.currency, w.basis)?;
        match w.price_year {
            Some(y) => p.with_price_year(y),
            None => Ok(p),
        }
    }
}

impl From<Price> for PriceWire {
    fn from(p: Price) -> Self {
        PriceWire {
            amount: p.per_tonne.amount(),
            currency: p.per_tonne.currency(),
            per: "t".into(),
            basis: p.basis,
            price_year: p.per_tonne.price_year(),
        }
    }
}

impl Price {
    /// A price from the money one tonne on `basis` costs.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a negative amount.
    pub fn new(per_tonne: Money, basis: Basis) -> Result<Price, Error> {
        if per_tonne.amount() < 0.0 {
            return Err(Detail::NegativePrice { price: per_tonne.to_string(), basis: basis.to_string() }.into());
        }
        Ok(Price { per_tonne, basis })
    }

    /// A price per metric tonne.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or an infinity, [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a
    /// negative amount.
    pub fn per_tonne(amount: f64, currency: Currency, basis: Basis) -> Result<Price, Error> {
        Price::new(Money::new(amount, currency)?, basis)
    }

    /// A price per kilogram (battery-chemical prices are often quoted per kg).
    ///
    /// # Errors
    ///
    /// As [`Price::per_tonne`].
    pub fn per_kilogram(amount: f64, currency: Currency, basis: Basis) -> Result<Price, Error> {
        finite(&format!("price in {currency}/kg"), amount)?;
        Price::per_tonne(amount * 1.0e3, currency, basis)
    }

    /// A price per avoirdupois pound (0.45359237 kg), as cobalt and nickel prices are often
    /// quoted.
    ///
    /// # Errors
    ///
    /// As [`Price::per_tonne`].
    pub fn per_pound(amount: f64, currency: Currency, basis: Basis) -> Result<Price, Error> {
        finite(&format!("price in {currency}/lb"), amount)?;
        Price::per_tonne(amount / TONNES_PER_POUND, currency, basis)
    }

    /// The unit value of a shipment or a trade flow: `total / quantity`, on the quantity's basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) for a zero quantity, [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a
    /// negative total, [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::material::{Amount, Basis};
    /// use critical_minerals::money::{Money, Price};
    ///
    /// let value = Money::parse("USD 70 million")?;
    /// let tonnes = Amount::tonnes(5_000.0, Basis::lce())?;
    /// assert_eq!(Price::unit_value(&value, &tonnes)?.amount_per_tonne(), 14_000.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_value(total: &Money, quantity: &Amount) -> Result<Price, Error> {
        let t = quantity.in_tonnes();
        if t == 0.0 {
            return Err(Detail::ZeroDivisor { what: format!("quantity {quantity} of a unit value") }.into());
        }
        Price::new(total.scale(1.0 / t)?, quantity.basis().clone())
    }

    /// The same price stated in the prices of `year` (a label, not a deflation).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a year outside [`time::YEARS`](crate::time::YEARS).
    pub fn with_price_year(self, year: i32) -> Result<Price, Error> {
        check_year(year)?;
        Ok(Price { per_tonne: self.per_tonne.with_price_year(year)?, basis: self.basis })
    }

    /// The money one tonne costs.
    pub fn per_tonne_money(&self) -> Money {
        self.per_tonne
    }

    /// The amount per tonne, in units of the currency.
    pub fn amount_per_tonne(&self) -> f64 {
        self.per_tonne.amount()
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.per_tonne.currency()
    }

    /// The price year, if known.
    pub fn price_year(&self) -> Option<i32> {
        self.per_tonne.price_year()
    }

    /// The basis of the tonne priced.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// The cost of an amount on the price's basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the amount is on another basis (convert the amount or
    /// the price first); [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) on overflow.
    pub fn cost_of(&self, amount: &Amount) -> Result<Money, Error> {
        if amount.basis() != &self.basis {
            return Err(Detail::PriceBasisMismatch {
                price_basis: self.basis.to_string(),
                amount_basis: amount.basis().to_string(),
            }
            .into());
        }
        self.per_tonne.scale(amount.in_tonnes())
    }

    /// The same price per tonne on another basis: if `m` tonnes on this basis are `k x m` tonnes
    /// on `target` ([`Basis::factor_to`]), the price per tonne on `target` is this price / `k`.
    ///
    /// # Errors
    ///
    /// [`Error`] wrapping [`ErrorKind::NotConvertible`](crate::ErrorKind::NotConvertible)(crate::material::ErrorKind::NotConvertible)
    /// when the bases share no element or a content is unknown.
    pub fn convert_basis(&self, target: &Basis) -> Result<Price, Error> {
        let k = self.basis.factor_to(target)?;
        Ok(Price { per_tonne: self.per_tonne.scale(1.0 / k)?, basis: target.clone() })
    }

    /// Orders two prices of the same currency, price year and basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for different bases, and as [`Money::try_cmp`].
    pub fn try_cmp(&self, other: &Price) -> Result<Ordering, Error> {
        if self.basis != other.basis {
            return Err(Detail::PriceBasisMismatch {
                price_basis: self.basis.to_string(),
                amount_basis: other.basis.to_string(),
            }
            .into());
        }
        self.per_tonne.try_cmp(&other.per_tonne)
    }
}

/// `14000 USD/t LCE`, then ` (2024 prices)` when the price year is known.
impl fmt::Display for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/t {}", crate::fmt::trim(self.amount_per_tonne(), 2), self.currency(), self.basis)?;
        if self.price_year().is_some() {
            write!(f, " ({})", year_label(self.price_year()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_and_kilograms_scale_to_tonnes() {
        let co = Basis::contained(crate::material::Element::Co);
        let lb = Price::per_pound(15.0, Currency::USD, co.clone()).map(|p| p.amount_per_tonne());
        assert!(lb.is_ok_and(|t| (t - 15.0 * 2_204.622_621_848_8).abs() < 1e-6));
        let kg = Price::per_kilogram(10.5, Currency::CNY, co).map(|p| p.amount_per_tonne());
        assert_eq!(kg, Ok(10_500.0));
    }

    #[test]
    fn bad_prices_are_errors() {
        let b = Basis::lce();
        assert!(Price::per_tonne(-1.0, Currency::USD, b.clone()).is_err());
        assert!(Price::per_tonne(f64::NAN, Currency::USD, b.clone()).is_err());
        assert!(Price::per_kilogram(f64::INFINITY, Currency::USD, b.clone()).is_err());
        let zero = Amount::zero(b.clone());
        assert!(Price::unit_value(&Money::zero(Currency::USD), &zero).is_err());
    }
}
