//! The calculators' shared error (to be folded into the crate-wide `Error`) and validators.

/// Where a checked value came from: text, or a closure that builds the text only on error (for
/// hot loops).
pub(crate) trait What {
    fn what(self) -> String;
}

impl What for &str {
    fn what(self) -> String {
        self.to_string()
    }
}

impl What for &String {
    fn what(self) -> String {
        self.clone()
    }
}

impl<F: FnOnce() -> String> What for F {
    fn what(self) -> String {
        self()
    }
}

/// `v` if finite, else [`AnalysisError::NotFinite`] naming `what`.
pub(crate) fn finite(what: impl What, v: f64) -> Result<f64, AnalysisError> {
    if v.is_finite() { Ok(v) } else { Err(AnalysisError::NotFinite { what: what.what(), value: v }) }
}

/// `v` if finite and not negative, else [`AnalysisError::NotFinite`] or
/// [`AnalysisError::Negative`] naming `what`.
pub(crate) fn non_negative(what: impl What, v: f64) -> Result<f64, AnalysisError> {
    if !v.is_finite() {
        return Err(AnalysisError::NotFinite { what: what.what(), value: v });
    }
    if v < 0.0 {
        return Err(AnalysisError::Negative { what: what.what(), value: v });
    }
    Ok(v)
}

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
    // reliance / criticality
    /// Apparent consumption (production + imports − exports ± stock adjustment) that is zero or
    /// negative, so no net import reliance can be formed.
    #[error(
        "{what}: apparent consumption {apparent_consumption} t = production {production} + imports {imports} \
         - exports {exports} + stock adjustment {stock_adjustment}, expected a positive number"
    )]
    NonPositiveApparentConsumption {
        /// What was being computed.
        what: String,
        /// Production, tonnes.
        production: f64,
        /// Imports, tonnes.
        imports: f64,
        /// Exports, tonnes.
        exports: f64,
        /// Stock adjustment (positive = stocks drawn down), tonnes.
        stock_adjustment: f64,
        /// The resulting apparent consumption, tonnes.
        apparent_consumption: f64,
    },
    /// A published table cell or band that could not be read.
    #[error("{what}: cannot read {input:?}, expected {expected}")]
    UnreadableFigure {
        /// Where the text came from.
        what: String,
        /// The text, as written.
        input: String,
        /// What is accepted, in words.
        expected: String,
    },
    /// Shares that should add up to one but do not.
    #[error("{what}: shares add up to {sum}, expected 1 within {tolerance}")]
    SharesDoNotSumToOne {
        /// What the shares are.
        what: String,
        /// Their sum.
        sum: f64,
        /// The accepted distance from 1.
        tolerance: f64,
    },
    // chain analytics
    /// An error of the chain model (a recovery above 100 %, a blank process name).
    #[error(transparent)]
    Chain(#[from] crate::chain::ChainError),
    /// A stage chain whose upstream links loop back on themselves.
    #[error("stage chain has a cycle through {}", stages.join(" -> "))]
    Cycle {
        /// The stages on the cycle, in upstream order.
        stages: Vec<String>,
    },
    /// A stage named in a link or a query that the network does not define.
    #[error("{what}: unknown stage {stage:?}")]
    UnknownStage {
        /// Where the name came from.
        what: String,
        /// The stage name.
        stage: String,
    },
    /// A stage with no producing country.
    #[error("stage {stage:?} has no producer with output above zero")]
    NoProducers {
        /// The stage.
        stage: String,
    },
    /// A stage that feeds more than one stage, where a chain is needed.
    #[error("stage {stage:?} feeds both {first:?} and {second:?}; each stage may feed at most one stage")]
    StageBranches {
        /// The upstream stage.
        stage: String,
        /// One downstream stage.
        first: String,
        /// Another downstream stage.
        second: String,
    },
    /// A country producing at a stage with no input from the upstream stage (neither its own
    /// upstream output nor imports), so the origin of its output is unknown.
    #[error(
        "{country} produces at stage {stage:?} but has no input from stage {upstream:?} (no own output, no imports)"
    )]
    NoInputs {
        /// The stage.
        stage: String,
        /// The upstream stage.
        upstream: String,
        /// The country, alpha-3.
        country: String,
    },
    /// A country shipping more of a stage's output than it produces.
    #[error("{country} ships {shipped} of its stage {stage:?} output but produces only {produced}")]
    ShipmentsExceedOutput {
        /// The stage whose output is shipped.
        stage: String,
        /// The country, alpha-3.
        country: String,
        /// Total shipped to other countries.
        shipped: f64,
        /// Output at the stage.
        produced: f64,
    },
    /// A shipment to a country that does not produce at the receiving stage.
    #[error("shipment of {exporter}'s {upstream:?} output to {importer}, which does not produce at stage {stage:?}")]
    ImporterNotProducing {
        /// The receiving stage.
        stage: String,
        /// The upstream stage.
        upstream: String,
        /// Exporter, alpha-3.
        exporter: String,
        /// Importer, alpha-3.
        importer: String,
    },
    /// A query for the origin at a stage that is not upstream of (or equal to) the queried stage.
    #[error("stage {origin:?} is not upstream of stage {stage:?}")]
    NotUpstream {
        /// The queried stage.
        stage: String,
        /// The origin stage asked for.
        origin: String,
    },
    /// A country or region with no output at the queried stage.
    #[error("{who} has no output at stage {stage:?}")]
    NoOutput {
        /// The country (alpha-3) or region name.
        who: String,
        /// The stage.
        stage: String,
    },
    /// A process route whose steps do not connect (a step's input form differs from the previous
    /// step's output).
    #[error("route {route:?}, step {step} ({name:?}): {reason}")]
    RouteMismatch {
        /// The route.
        route: String,
        /// Step number, from 1.
        step: usize,
        /// Step name.
        name: String,
        /// What does not fit.
        reason: String,
    },
    /// A route step whose contained element does not balance: in != out + losses.
    #[error(
        "route {route:?}, step {step} ({name:?}): {element} does not balance: in {input_t} t, out {output_t} t, losses {losses_t} t, off by {imbalance_t} t (tolerance {tolerance_t} t)"
    )]
    MassBalance {
        /// The route.
        route: String,
        /// Step number, from 1.
        step: usize,
        /// Step name.
        name: String,
        /// The element balanced.
        element: String,
        /// Element in, tonnes.
        input_t: f64,
        /// Element out in the product, tonnes.
        output_t: f64,
        /// Element in the losses (tailings, residues), tonnes.
        losses_t: f64,
        /// in - out - losses, tonnes.
        imbalance_t: f64,
        /// Allowed absolute imbalance, tonnes.
        tolerance_t: f64,
    },
    // share / growth / concentration
    /// A key looked up in a result that does not hold it.
    #[error("{what}: no row with key {key}")]
    UnknownKey {
        /// Where the key was looked up.
        what: String,
        /// The key, as written (`Debug`).
        key: String,
    },
    // uncertainty / audit
    /// An estimate that could not be formed (a computed bound that is not finite, or bounds in
    /// the wrong order).
    #[error(transparent)]
    Provenance(#[from] crate::provenance::ProvenanceError),
    /// A claim naming a region that is neither the world, the rest of the world, a built-in
    /// region nor a country.
    #[error("claim {claim:?}: unknown region {input:?}: {reason}")]
    UnknownRegion {
        /// The claim's id.
        claim: String,
        /// The region as written.
        input: String,
        /// Why it was not recognised, and what is accepted.
        reason: String,
    },
    /// A claim that cannot be audited as given (an unsupported kind, a period that ends before it
    /// starts, a unit that does not fit the figure).
    #[error("claim {claim:?}: {reason}")]
    BadClaim {
        /// The claim's id.
        claim: String,
        /// What is wrong.
        reason: String,
    },
}
