//! Calculators, one file each: the formula, the scale of the output, the source and a worked
//! example open each file.

pub mod concentration;
pub mod cost_curve;
pub mod criticality;
pub mod disruption;
pub mod exposure;
pub mod growth;
pub mod localization;
pub mod reliance;
pub mod route;
pub mod share;
pub mod weight;

/// Errors of the calculators. Each message names the offending value and where it came from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    /// No input where at least one item is needed.
    #[error("{what}: empty input")]
    Empty {
        /// What was empty.
        what: String,
    },
    /// A NaN or infinite input.
    #[error("{what} is {value}, expected a finite number")]
    NotFinite {
        /// Where the value came from.
        what: String,
        /// The value.
        value: f64,
    },
    /// A negative input where a quantity cannot be negative.
    #[error("{what} is {value}, expected a non-negative number")]
    Negative {
        /// Where the value came from.
        what: String,
        /// The value.
        value: f64,
    },
    /// A zero or negative input where a positive one is needed (a CAGR's start value).
    #[error("{what} is {value}, expected a positive number")]
    NotPositive {
        /// Where the value came from.
        what: String,
        /// The value.
        value: f64,
    },
    /// Inputs that add to zero, so no share can be formed.
    #[error("{what}: total is zero")]
    ZeroTotal {
        /// What was summed.
        what: String,
    },
    /// A period whose end is before its start.
    #[error("end {end} is before start {start}")]
    EndBeforeStart {
        /// The start, as written.
        start: String,
        /// The end, as written.
        end: String,
    },
    /// A period of zero length.
    #[error("zero-length span from {start} to {end}")]
    ZeroSpan {
        /// The start, as written.
        start: String,
        /// The end, as written.
        end: String,
    },
    /// A fraction outside its allowed range.
    #[error("{what} is {value}, expected {expected}")]
    OutOfRange {
        /// Where the value came from.
        what: String,
        /// The value.
        value: f64,
        /// The allowed range, in words.
        expected: String,
    },
    /// Two regions that share countries, where a partition is needed.
    #[error("regions {first:?} and {second:?} overlap (both contain {country}); they cannot be added up")]
    OverlappingRegions {
        /// One region.
        first: String,
        /// The other.
        second: String,
        /// A country in both, alpha-3.
        country: String,
    },
    /// A published total below the sum of the rows it covers.
    #[error("published total {total} is below the sum of the rows {rows}")]
    TotalBelowRows {
        /// The published total.
        total: f64,
        /// The sum of the rows.
        rows: f64,
    },
    /// A key listed twice.
    #[error("{what}: key {key} appears twice")]
    DuplicateKey {
        /// What the keys are.
        what: String,
        /// The key.
        key: String,
    },
    /// An error of the material model (mixed bases).
    #[error(transparent)]
    Material(#[from] crate::material::MaterialError),
    /// An error of the money model (mixed currencies).
    #[error(transparent)]
    Money(#[from] crate::money::MoneyError),
    /// An error of the geography model (an unknown country).
    #[error(transparent)]
    Geo(#[from] crate::geo::GeoError),
    // share / growth / concentration
    /// A key looked up in a result that does not hold it.
    #[error("{what}: no row with key {key}")]
    UnknownKey {
        /// Where the key was looked up.
        what: String,
        /// The key, as written (`Debug`).
        key: String,
    },
}
