//! Geography: ISO 3166-1 countries and named regions.
//!
//! | item | what it is |
//! |---|---|
//! | [`Country`] | every ISO 3166-1 entry, by alpha-2, alpha-3 or numeric code; trade-database codes |
//! | [`TRADE_CODE_EXCEPTIONS`] | Comtrade/BACI codes that differ from ISO numeric (842 = USA) |
//! | [`Region`], [`CountrySet`] | a named set of countries; `contains`, `overlaps`, `is_within` |
//!
//! # Example
//!
//! ```
//! use critical_minerals::geo::Country;
//!
//! assert_eq!(Country::from_code("NA")?.name(), "Namibia");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod country;
mod iso_table;
mod region;

pub use country::{Country, TRADE_CODE_EXCEPTIONS};
pub use region::{CountrySet, Region};

/// Errors of the geography model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A code that names no country.
    #[error("unknown country code {input:?}: expected {expected}")]
    UnknownCountry {
        /// The code given.
        input: String,
        /// What kind of code was expected.
        expected: &'static str,
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
}
