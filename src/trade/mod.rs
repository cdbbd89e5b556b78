//! Trade: HS codes, reporting periods and bilateral trade flows.
//!
//! | item | what it is |
//! |---|---|
//! | [`HsCode`] | a validated six-digit Harmonized System subheading, with named codes for battery minerals |
//! | [`Period`] | a year or a month, ordered, with fractional years between two periods |
//! | [`PERIOD_YEARS`] | the years a period may have |
//! | [`TradeFlow`] | exporter -> importer, commodity, period, quantity with basis and value, each possibly missing |
//! | [`TradeError`] | what can go wrong, naming the value |
//!
//! # Example
//!
//! ```
//! use critical_minerals::geo::Country;
//! use critical_minerals::trade::{HsCode, Period, TradeFlow};
//!
//! let code: HsCode = "2530 90".parse()?;
//! assert!(code.is_basket()); // spodumene shares this line with other minerals
//! let flow = TradeFlow::new("2024-03".parse::<Period>()?, Country::from_code("AU")?, Country::from_code("CN")?, code)?;
//! assert!(flow.quantity().is_none()); // not reported is not zero
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod columnar;
mod flow;
mod hs;
mod period;

pub use flow::TradeFlow;
pub use hs::HsCode;
pub use period::{PERIOD_YEARS, Period};

use crate::money::MoneyError;

/// Errors of the trade model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TradeError {
    /// An HS code that is not six digits.
    #[error("bad HS code {input:?}: {reason}")]
    BadHsCode {
        /// The code given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A period that does not parse or is out of range.
    #[error("bad period {input:?}: {reason}")]
    BadPeriod {
        /// The text given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A year compared with a month.
    #[error("cannot measure years from {from} to {to}: one is a year and the other a month")]
    MixedPeriods {
        /// The earlier period.
        from: String,
        /// The later period.
        to: String,
    },
    /// A flow from a country to itself.
    #[error("trade flow from {country} to itself: re-imports are not bilateral trade")]
    SelfTrade {
        /// The country, with its alpha-3 code.
        country: String,
    },
    /// A quantity or value a calculation needs but the flow does not report.
    #[error("trade flow {flow} reports no {field}")]
    Missing {
        /// The missing field.
        field: &'static str,
        /// The flow, as [`TradeFlow::label`].
        flow: String,
    },
    /// A money error (a zero quantity in a unit value, a negative value).
    #[error(transparent)]
    Money(#[from] MoneyError),
}
