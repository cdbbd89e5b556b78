//! Money: ISO 4217 currencies, amounts in a currency and price year, and prices per mass.

/// Errors of the money model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// A currency code that is not known.
    #[error("unknown currency code {input:?}")]
    UnknownCurrency {
        /// The code given.
        input: String,
    },
}
