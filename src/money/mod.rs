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
//! | [`time::YEARS`](crate::time::YEARS) | the price years accepted |
//! | [`Error`](crate::Error) | what can go wrong, naming the value |
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
