//! Money: ISO 4217 currencies, amounts with their price year, scales read at input, and prices
//! per tonne on a stated basis.
//!
//! | item | what it is |
//! |---|---|
//! | [`Currency`] | an ISO 4217 currency: code, numeric code, minor unit, name |
//! | [`Scale`] | unit, thousand, million, billion: how a figure is *written*, applied once at input |
//! | [`MoneyUnit`] | a scale and a currency, as a column header states them ("thousand USD") |
//! | [`Money`] | a finite amount in a currency, with the year its prices are in |
//! | [`Price`] | money per tonne of a material on a [`Basis`](crate::material::Basis) |
//! | [`PRICE_YEARS`] | the price years accepted |
//! | [`MoneyError`] | what can go wrong, naming the value |
//!
//! The rules: a scale never survives input (USD 150 billion is stored as 1.5 × 10¹¹ USD);
//! amounts in different currencies or price years never add, compare or divide; a price
//! applies only to tonnes on its own basis.
//!
//! # Example
//!
//! ```
//! use critical_minerals::material::{Amount, Basis};
//! use critical_minerals::money::{Currency, Money, MoneyUnit, Price};
//!
//! // a trade table whose value column is headed "thousand USD"
//! let unit = MoneyUnit::parse("thousand USD")?;
//! let value = unit.money(70_000.0)?;
//! assert_eq!(value, Money::parse("USD 70 million")?);
//!
//! let quantity = Amount::tonnes(5_000.0, Basis::lce())?;
//! let unit_value = Price::unit_value(&value, &quantity)?;
//! assert_eq!(unit_value.to_string(), "14000 USD/t LCE");
//! assert!(value.try_add(&Money::parse("EUR 5")?).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amount;
mod currency;
mod price;
mod scale;

pub use amount::Money;
pub use currency::Currency;
pub use price::Price;
pub use scale::{MoneyUnit, Scale};

use crate::material::MaterialError;

/// Price years accepted by [`Money::with_price_year`]: 1900 to 2100, the span of published
/// historical price series and projections.
pub const PRICE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Errors of the money model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// A currency code that is not known.
    #[error("unknown currency code {input:?}: expected an ISO 4217 code such as USD, EUR or CNY")]
    UnknownCurrency {
        /// The code given.
        input: String,
    },
    /// A currency symbol that is ambiguous (`¥`) or not read by this crate (`£`, `A$`).
    #[error("currency symbol {symbol:?} in {input:?} is ambiguous or not read: write the ISO 4217 code ({codes})")]
    CurrencySymbol {
        /// The symbol.
        symbol: String,
        /// The whole text.
        input: String,
        /// The codes the symbol may stand for.
        codes: &'static str,
    },
    /// A scale word that is unknown or ambiguous (`M`).
    #[error("bad scale {input:?}: {reason}")]
    BadScale {
        /// The word given.
        input: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A money text that does not parse.
    #[error("cannot read {input:?} as money: {reason}")]
    BadMoney {
        /// The text given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A NaN or infinite value, or a result that overflowed.
    #[error("{what} is {value}, expected a finite number")]
    NotFinite {
        /// What the value is.
        what: String,
        /// The value.
        value: f64,
    },
    /// A price year outside [`PRICE_YEARS`].
    #[error("price year {year} is outside 1900..=2100")]
    BadPriceYear {
        /// The year given.
        year: i32,
    },
    /// Two currencies combined without an exchange rate.
    #[error("cannot {operation} {left} and {right}: convert one currency first")]
    CurrencyMismatch {
        /// The operation attempted.
        operation: &'static str,
        /// Currency of the left operand.
        left: &'static str,
        /// Currency of the right operand.
        right: &'static str,
    },
    /// Two price years combined without a deflator.
    #[error("cannot {operation} money in {left} and money in {right}: deflate one first")]
    PriceYearMismatch {
        /// The operation attempted.
        operation: &'static str,
        /// Price year of the left operand.
        left: String,
        /// Price year of the right operand.
        right: String,
    },
    /// A division by zero money or a zero quantity.
    #[error("cannot divide by zero: {what}")]
    ZeroDivisor {
        /// What was zero.
        what: String,
    },
    /// A negative price.
    #[error("price {price} per tonne {basis} is negative")]
    NegativePrice {
        /// The price given.
        price: String,
        /// Its basis.
        basis: String,
    },
    /// A price applied to an amount on another basis.
    #[error("a price per tonne {price_basis} cannot price an amount on basis {amount_basis}: convert one first")]
    BasisMismatch {
        /// Basis of the price.
        price_basis: String,
        /// Basis of the amount (or of the other price).
        amount_basis: String,
    },
    /// A mass unit a price is quoted per that is not known.
    #[error("unknown mass unit {input:?} in a price, expected t, kg or lb")]
    UnknownMassUnit {
        /// The unit given.
        input: String,
    },
    /// A basis conversion that cannot be made.
    #[error(transparent)]
    Material(#[from] MaterialError),
}
