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
//! | [`Partition`] | regions that share no country; [`Partition::region_of`], [`Partition::aggregate`] |
//! | [`Aggregation`], [`RegionTotal`], [`Unassigned`] | per-region sums and the explicit bucket of countries in no region |
//! | [`GeoError`] | what can go wrong, naming the offending value |
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
//!     .collect::<Result<Vec<_>, critical_minerals::geo::GeoError>>()?;
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
mod region;

pub use builtin::{BuiltinRegion, EU27_ALPHA2, US_FEOC_NATIONS_ALPHA2, US_FTA_PARTNERS_ALPHA2};
pub use country::{Country, TRADE_CODE_EXCEPTIONS};
pub use names::COUNTRY_ALIASES;
pub use partition::{Aggregation, Partition, RegionTotal, Unassigned};
pub use region::{CountrySet, Region};

/// Errors of the geography model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A code or name that names no country.
    #[error("unknown country {input:?}: expected {expected}")]
    UnknownCountry {
        /// The code or name given.
        input: String,
        /// What kind of code or name was expected.
        expected: &'static str,
    },
    /// A name that fits more than one country ("Korea"); use a precise name or a code.
    #[error("ambiguous country name {input:?}: could be any of {}", candidates.join(", "))]
    AmbiguousCountryName {
        /// The name given.
        input: String,
        /// The countries it could mean, alpha-3.
        candidates: Vec<String>,
    },
    /// A region defined with no country.
    #[error("region {region:?} has no member country")]
    EmptyRegion {
        /// The region's name.
        region: String,
    },
    /// A country listed twice in one region.
    #[error("region {region:?} lists {country} twice")]
    DuplicateMember {
        /// The region's name.
        region: String,
        /// The country, alpha-3.
        country: String,
    },
    /// A name that is no built-in region.
    #[error("unknown built-in region {input:?} (see BuiltinRegion::ALL for the list)")]
    UnknownRegion {
        /// The name given.
        input: String,
    },
    /// Two regions of a partition share a country, so the country would be counted twice.
    #[error("regions {first:?} and {second:?} overlap: both contain {country}")]
    OverlappingRegions {
        /// The earlier region, in the order given.
        first: String,
        /// The later region.
        second: String,
        /// One country both contain, alpha-3.
        country: String,
    },
    /// Two regions of a partition have the same name, so their totals could not be told apart.
    #[error("two regions of the partition are named {name:?}")]
    DuplicateRegionName {
        /// The repeated name.
        name: String,
    },
    /// A partition made of no region.
    #[error("a partition needs at least one region")]
    EmptyPartition,
    /// A value that is NaN or infinite.
    #[error("value {value} for {country} is not a finite number")]
    NonFiniteValue {
        /// The country the value was given for, alpha-3.
        country: String,
        /// The value.
        value: f64,
    },
    /// A negative value where only non-negative amounts make sense.
    #[error("value {value} for {country} is negative")]
    NegativeValue {
        /// The country the value was given for, alpha-3.
        country: String,
        /// The value.
        value: f64,
    },
    /// Finite values whose sum exceeds the range of `f64`.
    #[error("the total of {bucket:?} overflows f64")]
    TotalOverflow {
        /// The region (or "unassigned" / "grand total") whose sum overflowed.
        bucket: String,
    },
    /// The data compiled into the crate failed to parse. Tests parse every embedded file, so
    /// this is a bug of the crate, reported rather than panicking.
    #[error("embedded data {file}, line {line}: {message}")]
    EmbeddedData {
        /// The file under `data/`.
        file: &'static str,
        /// The 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
}
