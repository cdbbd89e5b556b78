//! Trade: HS codes and revisions, bilateral trade flows between the trade databases'
//! economies, the column-stored trade table with its BACI loader, the UN Comtrade reader and
//! mirror statistics.
//!
//! | item | what it is |
//! |---|---|
//! | [`HsCode`] | a validated six-digit Harmonized System subheading, with named codes for battery minerals |
//! | [`HsRevision`], [`HsFilter`] | HS92 … HS22 (Comtrade `H0` … `H6`); the products a loader keeps, by code or HS2/HS4 prefix |
//! | [`TradeFlow`] | exporter -> importer ([`Economy`](crate::geo::Economy)), commodity, period, quantity with basis and value, each possibly missing |
//! | [`CodePolicy`], [`UnknownCodes`] | how loaders read economy codes: a code in no list is an error (default) or kept and counted; 490 as reported or as Taiwan |
//! | [`columnar`] | the column-stored table, the BACI loader ([`columnar::BaciOptions`], [`columnar::BaciReport`]) and the grouped concentration kernels |
//! | [`comtrade`] | UN Comtrade final data: records by class, flows by kind, the table, [`comtrade::ComtradeFile::mirror`] |
//! | [`Error`](crate::Error) | what can go wrong, naming the value |
//!
//! # Example
//!
//! ```
//! use critical_minerals::geo::{Country, Economy};
//! use critical_minerals::time::Period;
//! use critical_minerals::trade::{HsCode, TradeFlow};
//!
//! let code: HsCode = "2530 90".parse()?;
//! assert!(code.is_basket()); // spodumene shares this line with other minerals
//! let flow = TradeFlow::new("2024-03".parse::<Period>()?, Country::from_code("AU")?, Country::from_code("CN")?, code)?;
//! assert!(flow.quantity().is_none()); // not reported is not zero
//! // a party may be an economy that is not a country: Belgium-Luxembourg until 1998
//! let blx = Economy::from_trade_code(58)?;
//! let old = TradeFlow::new(Period::year(1997)?, blx, Country::from_code("CN")?, code)?;
//! assert_eq!(old.label(), "2530.90 58 -> CHN 1997");
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
