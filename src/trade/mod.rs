//! Trade: HS codes, reporting periods and bilateral trade flows.
//!
//! | item | what it is |
//! |---|---|
//! | [`HsCode`] | a validated six-digit Harmonized System subheading, with named codes for battery minerals |
//! | [`TradeFlow`] | exporter -> importer, commodity, period, quantity with basis and value, each possibly missing |
//! | [`Error`](crate::Error) | what can go wrong, naming the value |
//!
//! # Example
//!
//! ```
//! use critical_minerals::geo::Country;
//! use critical_minerals::time::Period;
//! use critical_minerals::trade::{HsCode, TradeFlow};
//!
//! let code: HsCode = "2530 90".parse()?;
//! assert!(code.is_basket()); // spodumene shares this line with other minerals
//! let flow = TradeFlow::new("2024-03".parse::<Period>()?, Country::from_code("AU")?, Country::from_code("CN")?, code)?;
//! assert!(flow.quantity().is_none()); // not reported is not zero
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod codes;
pub mod columnar;
pub mod comtrade;
mod flow;
mod hs;

pub use codes::{CodePolicy, UnknownCodes};
pub use flow::TradeFlow;
pub use hs::{HsCode, HsFilter, HsRevision};
