//! What a share, an HHI or a concentration ratio can be computed *of*: any type whose values can be
//! put on one scale and compared — plain numbers, masses, tonnages on one basis, and amounts of
//! money in one currency and price year (shares by value).
//!
//! [`Weight::magnitude`] gives the value as an `f64` in the type's own canonical unit (tonnes for
//! [`Mass`] and [`Amount`], tonnes per year for [`Rate`], the number itself for `f64`).
//! [`Weight::check_compatible`] refuses to put two values on one scale when they are not on the
//! same basis (tonnes of LCE and tonnes of contained lithium). Shares, HHI and concentration
//! ratios are invariant under a common positive scale factor, so the choice of canonical unit
//! does not change them; it only sets the unit of the quantities a result reports.
//!
//! Adding a weight type is one `impl` block: [`Money`] implements `magnitude` as its amount and
//! `check_compatible` as a comparison of currency and price year.
//!
//! # Example
//!
//! ```
//! use critical_minerals::stats::weight::Weight;
//! use critical_minerals::material::{Amount, Basis, Element};
//!
//! // USGS MCS 2025, lithium: Australia 88,000 t and Chile 49,000 t of contained lithium (2024)
//! let au = Amount::tonnes(88_000.0, Basis::contained(Element::Li))?;
//! let cl = Amount::tonnes(49_000.0, Basis::contained(Element::Li))?;
//! assert_eq!(au.magnitude(), 88_000.0);
//! assert!(cl.check_compatible(&au).is_ok());
//! // the same lithium counted as carbonate is not on the same scale
//! let cl_lce = cl.convert_to(&Basis::lce())?;
//! assert!(cl_lce.check_compatible(&au).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::Error;
use crate::error::Detail;
use crate::material::{Amount, Basis, Rate};
use crate::money::Money;
use crate::units::{self, Mass, MassRate};

/// A value that shares and concentration indices can be computed of.
pub trait Weight {
    /// The value in the type's canonical unit (tonnes for masses and amounts, tonnes per year for
    /// rates). Calculators check that it is finite and non-negative.
    fn magnitude(&self) -> f64;

    /// The unit of [`magnitude`](Weight::magnitude), as results print it: `t Li` for an amount of
    /// contained lithium, `t/yr` for a bare mass rate, `USD` for money. Empty for plain numbers
    /// (the default).
    fn unit(&self) -> String {
        String::new()
    }

    /// `Ok` when `self` can be put on one scale with `first` (the first value of the same input).
    /// The default accepts everything: right for plain numbers and bare masses.
    ///
    /// # Errors
    ///
    /// An [`Error`] naming both sides, e.g. [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for amounts
    /// on different bases.
    fn check_compatible(&self, first: &Self) -> Result<(), Error> {
        let _ = first;
        Ok(())
    }
}

impl Weight for f64 {
    fn magnitude(&self) -> f64 {
        *self
    }
}

impl Weight for Mass {
    fn magnitude(&self) -> f64 {
        units::as_tonnes(*self)
    }

    fn unit(&self) -> String {
        "t".to_string()
    }
}

impl Weight for MassRate {
    fn magnitude(&self) -> f64 {
        units::as_tonnes_per_year(*self)
    }

    fn unit(&self) -> String {
        "t/yr".to_string()
    }
}

/// `Ok` when two weights are on one basis, else [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch).
fn same_basis(first: &Basis, this: &Basis) -> Result<(), Error> {
    if this != first {
        return Err(Detail::BasisMismatch {
            left: first.to_string(),
            right: this.to_string(),
            operation: "weigh together (shares, HHI)",
        }
        .into());
    }
    Ok(())
}

impl Weight for Amount {
    fn magnitude(&self) -> f64 {
        self.in_tonnes()
    }

    fn unit(&self) -> String {
        format!("t {}", self.basis())
    }

    fn check_compatible(&self, first: &Self) -> Result<(), Error> {
        same_basis(first.basis(), self.basis())
    }
}

impl Weight for Rate {
    fn magnitude(&self) -> f64 {
        self.in_tonnes_per_year()
    }

    fn unit(&self) -> String {
        format!("t/yr {}", self.basis())
    }

    fn check_compatible(&self, first: &Self) -> Result<(), Error> {
        same_basis(first.basis(), self.basis())
    }
}

/// Shares by value: amounts of money in one currency and one price year. Negative amounts are
/// refused by the calculators like any negative weight.
impl Weight for Money {
    fn magnitude(&self) -> f64 {
        self.amount()
    }

    fn unit(&self) -> String {
        match self.price_year() {
            Some(y) => format!("{} ({y} prices)", self.currency().code()),
            None => self.currency().code().to_string(),
        }
    }

    fn check_compatible(&self, first: &Self) -> Result<(), Error> {
        if self.currency() != first.currency() {
            return Err(Detail::CurrencyMismatch {
                operation: "weigh together (shares, HHI)",
                left: first.currency().code(),
                right: self.currency().code(),
            }
            .into());
        }
        if self.price_year() != first.price_year() {
            let year = |y: Option<i32>| y.map_or_else(|| "unspecified".to_string(), |y| y.to_string());
            return Err(Detail::PriceYearMismatch {
                operation: "weigh together (shares, HHI)",
                left: year(first.price_year()),
                right: year(self.price_year()),
            }
            .into());
        }
        Ok(())
    }
}

impl<T: Weight + ?Sized> Weight for &T {
    fn magnitude(&self) -> f64 {
        (**self).magnitude()
    }

    fn unit(&self) -> String {
        (**self).unit()
    }

    fn check_compatible(&self, first: &Self) -> Result<(), Error> {
        (**self).check_compatible(*first)
    }
}

/// Checks one weight: finite and non-negative. `what` names where it came from.
pub(crate) fn checked(what: impl FnOnce() -> String, v: f64) -> Result<f64, Error> {
    crate::validate::non_negative(what, v)
}

#[cfg(test)]
mod tests {
    use crate::money::{Currency, Money};
    use crate::stats::share::{Denominator, Shares};

    fn usd(v: f64) -> Money {
        Money::new(v, Currency::USD).expect("finite")
    }

    #[test]
    fn shares_by_value_need_one_currency_and_price_year() {
        let rows = vec![("exporter A", usd(30.0)), ("exporter B", usd(70.0))];
        let s = Shares::new(rows, Denominator::SumOfRows).expect("same currency");
        assert!((s.share_of("exporter A").unwrap_or(f64::NAN) - 0.3).abs() < 1e-12);

        let eur = Money::new(70.0, Currency::EUR).expect("finite");
        assert!(Shares::new(vec![("A", usd(30.0)), ("B", eur)], Denominator::SumOfRows).is_err());

        let real_2024 = usd(70.0).with_price_year(2024).expect("valid year");
        assert!(Shares::new(vec![("A", usd(30.0)), ("B", real_2024)], Denominator::SumOfRows).is_err());
        assert!(Shares::new(vec![("A", usd(30.0)), ("B", usd(-1.0))], Denominator::SumOfRows).is_err());
    }
}
