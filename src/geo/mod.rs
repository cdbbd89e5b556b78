//! Geography: ISO 3166-1 countries, their names, named regions, built-in groupings and
//! aggregation over a partition of regions.
//!
//! | item | what it is |
//! |---|---|
//! | [`Country`] | every ISO 3166-1 entry, by alpha-2, alpha-3 or numeric code; trade-database codes |
//! | [`Country::from_name`], [`Country::lookup`] | a country by ISO short or official name, or by the aliases USGS, UN Comtrade and market reports use ("Congo (Kinshasa)", "South Korea", "UAE") |
//! | [`COUNTRY_ALIASES`] | the alias table, each alias naming exactly one country |
//! | [`TRADE_CODE_EXCEPTIONS`] | Comtrade/BACI codes that differ from ISO numeric (842 = USA) |
//! | [`Region`], [`CountrySet`] | a named set of countries; `contains`, `overlaps`, `is_within` |
//! | [`BuiltinRegion`], [`Region::builtin`] | UN M49 regions and sub-regions, market-report regions, EU-27, US FTA partners, US FEOC nations, each with its source |
//! | [`Place`] | what a row, share or claim is about: a country, a built-in region, the world, the rest of the world; text `NAM`, `north-america`, `WORLD`, `OTHER` |
//! | [`Partition`] | regions that share no country; [`Partition::region_of`], [`Partition::aggregate`] |
//! | [`Aggregation`], [`RegionTotal`], [`Unassigned`] | per-region sums and the explicit bucket of countries in no region |
//! | [`Error`](crate::Error) | what can go wrong, naming the offending value |
//!
//! # Sources
//!
//! - Countries: Debian `iso-codes` 4.15.0 (`json/iso_3166-1.json`), in `data/iso3166-1.csv`.
//! - M49 regions: UN Statistics Division, *Standard country or area codes for statistical use
//!   (M49)*, online edition as exported after December 2023, in `data/m49.csv`; provenance of
//!   the copy in `data/m49.md`.
//! - Policy groupings (EU-27, US FTA partners, US FEOC nations) and the market-report regions:
//!   see each [`BuiltinRegion`] variant.
//!
//! # Example
//!
//! ```
//! use critical_minerals::geo::{Country, Partition, Region};
//!
//! assert_eq!(Country::from_code("NA")?.name(), "Namibia");
//! assert_eq!(Country::lookup("Congo (Kinshasa)")?.alpha2(), "CD");
//!
//! let eu = Region::builtin("EU-27")?;
//! assert_eq!(eu.len(), 27);
//!
//! // regional totals of a market report: nothing silently dropped
//! let regions = Partition::market_report()?;
//! let output = [("CN", 50.0), ("US", 10.0), ("DE", 5.0), ("AQ", 1.0)]
//!     .into_iter()
//!     .map(|(c, v)| Ok((Country::from_code(c)?, v)))
//!     .collect::<Result<Vec<_>, critical_minerals::Error>>()?;
//! let totals = regions.aggregate(output)?;
//! assert_eq!(totals.total_of("Asia-Pacific"), Some(50.0));
//! assert_eq!(totals.unassigned().total(), 1.0); // Antarctica is in no market region
//! assert_eq!(totals.grand_total(), 66.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod builtin;
mod country;
mod iso_table;
mod m49;
mod names;
mod partition;
mod place;
mod region;

pub use builtin::{BuiltinRegion, EU27_ALPHA2, US_FEOC_NATIONS_ALPHA2, US_FTA_PARTNERS_ALPHA2};
pub use country::{Country, TRADE_CODE_EXCEPTIONS};
pub use names::COUNTRY_ALIASES;
pub use partition::{Aggregation, Partition, RegionTotal, Unassigned};
pub use place::Place;
pub use region::{CountrySet, Region};
