//! The one private list of everything that can go wrong, with each message. The public face is
//! [`Error`](super::Error) and its [`ErrorKind`](super::ErrorKind).

use super::ErrorKind;

/// What went wrong, with the values the message names. Private: callers match on
/// [`ErrorKind`] and read the message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Detail {
    // material
    /// An element symbol or name that is not known.
    #[error("unknown element {input:?}")]
    UnknownElement {
        /// The text given.
        input: String,
    },
    /// A formula that does not parse.
    #[error("bad formula {formula:?}: {reason}")]
    BadFormula {
        /// The formula given.
        formula: String,
        /// What is wrong.
        reason: String,
    },
    /// A form name that is not known.
    #[error(
        "unknown material form {input:?} (expected e.g. spodumene, spodumene-concentrate, brine, chemical:Li2CO3, metal:Li, cam:NMC811, cell:LFP)"
    )]
    UnknownForm {
        /// The text given.
        input: String,
    },
    /// A basis text that does not parse.
    #[error("bad basis {input:?}: {reason}")]
    BadBasis {
        /// The text given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A NaN or infinite value.
    #[error("{what} is {value}, expected a finite number")]
    NotFinite {
        /// What the value is.
        what: String,
        /// The value.
        value: f64,
    },
    /// A negative value where a quantity cannot be negative.
    #[error("{what} is {value}, expected a non-negative number")]
    Negative {
        /// What the value is.
        what: String,
        /// The value.
        value: f64,
    },
    /// A fraction outside (0, 1] (a grade above 100 %, a zero assay).
    #[error(
        "{what} is {value} as a fraction ({pct} %), expected above 0 and at most 100 %",
        pct = crate::fmt::trim(value * 100.0, 9)
    )]
    FractionOutOfRange {
        /// What the fraction is.
        what: String,
        /// The fraction.
        value: f64,
    },
    /// Two amounts on different bases combined without conversion.
    #[error("cannot {operation} an amount on basis {left} and one on basis {right}: convert one first")]
    BasisMismatch {
        /// Basis of the left operand.
        left: String,
        /// Basis of the right operand.
        right: String,
        /// The operation attempted.
        operation: &'static str,
    },
    /// A conversion between bases that cannot be made.
    #[error("cannot convert from basis {from} to {to}: {reason}")]
    NotConvertible {
        /// Source basis.
        from: String,
        /// Target basis.
        to: String,
        /// Why.
        reason: String,
    },
    /// A unit that is not known.
    #[error("unknown unit {input:?}, expected {expected}")]
    UnknownUnit {
        /// The unit given.
        input: String,
        /// The units accepted.
        expected: &'static str,
    },
    // money
    /// A currency code that is not known.
    #[error("unknown currency code {input:?}: expected an ISO 4217 code such as USD, EUR or CNY")]
    UnknownCurrency {
        /// The code given.
        input: String,
    },
    /// A currency symbol that is ambiguous (`¥`) or not read by this crate (`£`, `A$`).
    #[error("currency symbol {symbol:?} in {input:?} is ambiguous or not read: write the ISO 4217 code ({codes})")]
    CurrencySymbol {
        /// The symbol.
        symbol: String,
        /// The whole text.
        input: String,
        /// The codes the symbol may stand for.
        codes: &'static str,
    },
    /// A scale word that is unknown or ambiguous (`M`).
    #[error("bad scale {input:?}: {reason}")]
    BadScale {
        /// The word given.
        input: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A money text that does not parse.
    #[error("cannot read {input:?} as money: {reason}")]
    BadMoney {
        /// The text given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A price year outside [`PRICE_YEARS`].
    #[error("price year {year} is outside 1900..=2100")]
    BadPriceYear {
        /// The year given.
        year: i32,
    },
    /// Two currencies combined without an exchange rate.
    #[error("cannot {operation} {left} and {right}: convert one currency first")]
    CurrencyMismatch {
        /// The operation attempted.
        operation: &'static str,
        /// Currency of the left operand.
        left: &'static str,
        /// Currency of the right operand.
        right: &'static str,
    },
    /// Two price years combined without a deflator.
    #[error("cannot {operation} money in {left} and money in {right}: deflate one first")]
    PriceYearMismatch {
        /// The operation attempted.
        operation: &'static str,
        /// Price year of the left operand.
        left: String,
        /// Price year of the right operand.
        right: String,
    },
    /// A division by zero money or a zero quantity.
    #[error("cannot divide by zero: {what}")]
    ZeroDivisor {
        /// What was zero.
        what: String,
    },
    /// A negative price.
    #[error("price {price} per tonne {basis} is negative")]
    NegativePrice {
        /// The price given.
        price: String,
        /// Its basis.
        basis: String,
    },
    /// A price applied to an amount on another basis.
    #[error("a price per tonne {price_basis} cannot price an amount on basis {amount_basis}: convert one first")]
    PriceBasisMismatch {
        /// Basis of the price.
        price_basis: String,
        /// Basis of the amount (or of the other price).
        amount_basis: String,
    },
    /// A mass unit a price is quoted per that is not known.
    #[error("unknown mass unit {input:?} in a price, expected t, kg or lb")]
    UnknownMassUnit {
        /// The unit given.
        input: String,
    },
    // geo
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
    // chain
    /// A stage name that is not known.
    #[error("unknown stage {input:?} (expected mining, refining, materials, cells, assembly or recycling)")]
    UnknownStage {
        /// The text given.
        input: String,
    },
    /// A status name that is not known.
    #[error("unknown facility status {input:?} (expected operating, construction, planned, idle or closed)")]
    UnknownStatus {
        /// The text given.
        input: String,
    },
    /// A blank identifier or name.
    #[error("{what} is blank")]
    Blank {
        /// Which field.
        what: &'static str,
    },
    // trade
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
    // columnar
    /// Reading the file failed.
    #[error("{file}: {message}")]
    FileIo {
        /// The file.
        file: String,
        /// The I/O error, as text.
        message: String,
    },
    /// The first line is not BACI's header.
    #[error("{file}: line 1: header is {found:?}, expected {expected:?}")]
    Header {
        /// The file.
        file: String,
        /// The header found.
        found: String,
        /// The header expected.
        expected: &'static str,
    },
    /// A line without six comma-separated fields.
    #[error("{file}: line {line}: {found} fields, expected 6 (t,i,j,k,v,q)")]
    FieldCount {
        /// The file.
        file: String,
        /// 1-based line number (the header is line 1).
        line: u64,
        /// Fields found.
        found: usize,
    },
    /// A field that does not parse.
    #[error("{file}: line {line}: column {column} is {value:?}, expected {expected}")]
    BadCell {
        /// The file.
        file: String,
        /// 1-based line number (the header is line 1).
        line: u64,
        /// The column (`t`, `i`, `j`, `k`, `v` or `q`).
        column: &'static str,
        /// The field as written.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// An economy code in none of the lists (BACI's, UN Comtrade's, ISO 3166's).
    #[error(
        "{file}: line {line}: column {column}: unknown economy code {code} (in none of BACI's, UN Comtrade's or ISO 3166's lists)"
    )]
    UnknownTradeCode {
        /// The file.
        file: String,
        /// 1-based line number (the header is line 1).
        line: u64,
        /// The column (`i` or `j`).
        column: &'static str,
        /// The code.
        code: String,
    },
    /// A row given to [`TradeTable::from_rows`] with an invalid field.
    #[error("row {row}: {column} is {value}, expected {expected}")]
    InvalidRow {
        /// 0-based index of the row.
        row: usize,
        /// The field.
        column: &'static str,
        /// The value.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// Two tables whose quantities are counted on different bases.
    #[error("cannot append a table with quantities on basis {right} to one on basis {left}")]
    TableBasisMismatch {
        /// Basis of the table appended to.
        left: String,
        /// Basis of the table appended.
        right: String,
    },
    /// More distinct HS6 codes than the `u16` commodity column can index.
    #[error("more than {limit} distinct HS6 codes in one table")]
    TooManyCommodities {
        /// The limit.
        limit: usize,
    },
    /// More (commodity, year) groups than a kernel can index.
    #[error("{groups} (commodity, year) groups: more than 2^32")]
    TooManyGroups {
        /// The number of groups.
        groups: usize,
    },
    /// A measure column whose length is not the table's.
    #[error("{what} has {found} values for a table of {expected} rows")]
    LengthMismatch {
        /// Which column.
        what: &'static str,
        /// The table's rows.
        expected: usize,
        /// The column's length.
        found: usize,
    },
    /// An option out of range.
    #[error("{what} is {value}, expected {expected}")]
    InvalidOption {
        /// The option.
        what: &'static str,
        /// The value.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A line longer than a loader reads.
    #[error("{file}: line {line}: longer than {limit} bytes (no line end within the limit)")]
    LineTooLong {
        /// The file.
        file: String,
        /// 1-based line number (the header is line 1).
        line: u64,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A file whose lines end in a bare carriage return.
    #[error("{file}: line 1 ends in a bare carriage return (\\r): convert the line ends to \\n or \\r\\n")]
    BareCarriageReturn {
        /// The file.
        file: String,
    },
    /// A worker thread the operating system would not start.
    #[error("could not start a worker thread of the {phase} phase: {message}")]
    ThreadSpawn {
        /// The phase.
        phase: &'static str,
        /// The operating system's error, as text.
        message: String,
    },
    /// A sum of finite values too large for an `f64`.
    #[error("{what}: the sum overflows a 64-bit float (above 1.8e308)")]
    SumOverflow {
        /// What was summed, and where.
        what: String,
    },
    /// A worker thread stopped without a result (a bug: please report it).
    #[error("a worker thread of the {phase} phase failed")]
    WorkerFailed {
        /// The phase.
        phase: &'static str,
    },
    /// An Arrow column that is absent or of a type the reader does not take.
    #[error("{origin}: column {column:?} is {found}, expected {expected}")]
    #[cfg(feature = "arrow")]
    ArrowColumn {
        /// Where the record batch came from (a file, or `record batch`).
        origin: String,
        /// The column.
        column: String,
        /// What was found (`absent`, or its Arrow type).
        found: String,
        /// What was expected.
        expected: &'static str,
    },
    /// The Arrow or Parquet library refused a batch or a file.
    #[error("{origin}: {message}")]
    #[cfg(feature = "arrow")]
    ArrowIo {
        /// The file or record batch.
        origin: String,
        /// The library's message.
        message: String,
    },
    // provenance
    /// A NaN or infinite bound.
    #[error("estimate bound {value} is not finite")]
    EstimateNotFinite {
        /// The value.
        value: f64,
    },
    /// A range whose low end is above its high end.
    #[error("estimate range {low}..{high} has low > high")]
    Inverted {
        /// Low end given.
        low: f64,
        /// High end given.
        high: f64,
    },
    /// A source without a publisher or title.
    #[error("source {id:?} lacks a {field}")]
    MissingField {
        /// The source's id.
        id: String,
        /// The missing field.
        field: &'static str,
    },
    // analysis
    /// No input where at least one item is needed.
    #[error("{what}: empty input")]
    Empty {
        /// What was empty.
        what: String,
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
    /// A stage chain whose upstream links loop back on themselves.
    #[error("stage chain has a cycle through {}", stages.join(" -> "))]
    Cycle {
        /// The stages on the cycle, in upstream order.
        stages: Vec<String>,
    },
    /// A stage named in a link or a query that the network does not define.
    #[error("{what}: unknown stage {stage:?}")]
    UnknownNetworkStage {
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
    /// A built-in process route asked for by a name it does not have.
    #[error("unknown process route {input:?}: the built-in routes are {known}")]
    UnknownRoute {
        /// The name as given.
        input: String,
        /// The built-in route ids, comma-separated.
        known: String,
    },
    /// A basis asked of a process route on which it does not occur.
    #[error("route {route:?}: {basis} is not on the route (its forms: {forms}); name a form the route processes")]
    NotOnRoute {
        /// The route.
        route: String,
        /// The basis asked for.
        basis: String,
        /// The route's forms from feed to product, comma-separated.
        forms: String,
    },
    /// A claim naming a region that is neither the world, the rest of the world, a built-in
    /// region nor a country.
    #[error("claim {claim:?}: unknown region {input:?}: {reason}")]
    UnknownClaimRegion {
        /// The claim's id.
        claim: String,
        /// The region as written.
        input: String,
        /// Why it was not recognised, and what is accepted.
        reason: String,
    },
    /// A claim that breaks a rule of the claim model (a blank id, a period that ends before it
    /// starts, a CAGR with no end year, a unit that does not fit the figure).
    #[error("claim {claim:?}: {reason}")]
    BadClaim {
        /// The claim's id.
        claim: String,
        /// What is wrong.
        reason: String,
    },
    // policy
    /// A date before the rule existed.
    #[error("rule {rule} did not exist on {date}")]
    BeforeRule {
        /// The rule.
        rule: String,
        /// The date asked about.
        date: chrono::NaiveDate,
    },
    /// A year before the rule applied (rules that are evaluated per year, such as §45X sales).
    #[error("rule {rule} does not apply to {year}: it applies from {first_year}")]
    YearBeforeRule {
        /// The rule.
        rule: String,
        /// The year asked about.
        year: i32,
        /// The first year the rule applies to.
        first_year: i32,
    },
    /// The same chain stage given twice in one evaluation.
    #[error("stage {stage} is given more than once")]
    DuplicateStage {
        /// The stage.
        stage: String,
    },
    /// Shares of one stage that add up to more than the whole.
    #[error("{what}: shares add up to {total}, more than 1")]
    SharesExceedWhole {
        /// Which shares.
        what: String,
        /// Their sum.
        total: f64,
    },
    /// An outside supplier that is a member of the region (an EU member given as a "third country").
    #[error("{country} is given as a third-country supplier but is a member of {region}")]
    NotAThirdCountry {
        /// The country given.
        country: String,
        /// The region it belongs to.
        region: &'static str,
    },
    /// Dates in an impossible order (a vehicle placed in service before it was acquired).
    #[error("{later_what} {later} is before {earlier_what} {earlier}")]
    DatesOutOfOrder {
        /// The date that must come first.
        earlier_what: &'static str,
        /// Its value.
        earlier: chrono::NaiveDate,
        /// The date that must not come before it.
        later_what: &'static str,
        /// Its value.
        later: chrono::NaiveDate,
    },
    // dataset
    /// A field that does not parse or breaks a rule.
    #[error("{file}: row {row}, column {column:?}: bad value {value:?}: {reason}")]
    BadField {
        /// The file (or `<json>/table`).
        file: String,
        /// 1-based data row (the header is row 0).
        row: usize,
        /// The column name.
        column: String,
        /// The value found.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// A row that cannot be read as a whole (CSV syntax, wrong number of fields).
    #[error("{file}: row {row}: {reason}")]
    BadRow {
        /// The file.
        file: String,
        /// 1-based data row (0 for the header).
        row: usize,
        /// What is wrong.
        reason: String,
    },
    /// A required column absent from the header.
    #[error("{file}: row 0 (header): missing column {column:?}")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
    },
    /// A header column the schema does not know.
    #[error("{file}: row 0 (header): unknown column {column:?} (expected {expected})")]
    UnknownColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
        /// The columns of the file.
        expected: String,
    },
    /// A header column given twice.
    #[error("{file}: row 0 (header): column {column:?} appears twice")]
    DuplicateColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
    },
    /// A `source` value that is not an id of `sources.csv`.
    #[error("{file}: row {row}, column {column:?}: unknown source id {value:?} (not in sources.csv)")]
    UnknownSource {
        /// The file.
        file: String,
        /// 1-based data row.
        row: usize,
        /// The column (`source`).
        column: String,
        /// The id given.
        value: String,
    },
    /// Two rows with the same key, in one file or in two merged datasets.
    #[error("{file}: row {row}: duplicate key {key}, already given in {first_file} row {first_row}")]
    DuplicateRow {
        /// The file of the second row.
        file: String,
        /// Its 1-based row.
        row: usize,
        /// The key columns and their values.
        key: String,
        /// The file of the first row.
        first_file: String,
        /// Its 1-based row.
        first_row: usize,
    },
    /// A top-level JSON key that names no table.
    #[error("{file}: unknown table {name:?} (expected {expected})")]
    UnknownTable {
        /// The document (`<json>`).
        file: String,
        /// The key found.
        name: String,
        /// The table names.
        expected: String,
    },
    /// JSON that does not parse.
    #[error("{file}: line {line}, column {column}: {reason}")]
    Json {
        /// The document (`<json>`).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based character column.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// A file or directory that cannot be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The path.
        path: String,
        /// The system's message.
        reason: String,
    },
    /// A text that names no value of a vocabulary (used by the `FromStr` impls; the loaders
    /// turn it into [`DatasetError::BadField`]).
    #[error("bad {what} {input:?}: expected {expected}")]
    Parse {
        /// What was parsed.
        what: &'static str,
        /// The text.
        input: String,
        /// What is accepted.
        expected: &'static str,
    },
    /// A commodity name that is in no catalogue row.
    #[error("unknown commodity {input:?} ({})", if suggestions.is_empty() { "expected a commodity of the catalogue such as lithium, cobalt, manganese or rare-earths".to_string() } else { format!("did you mean {suggestions}?") })]
    UnknownCommodity {
        /// The text (an excerpt when long).
        input: String,
        /// Close ids, comma-separated (may be empty).
        suggestions: String,
    },
    /// An edition asked for that the data does not hold for a commodity.
    #[error("no edition {edition:?} of {commodity} figures in the data (editions: {available})")]
    UnknownEdition {
        /// The edition asked for.
        edition: String,
        /// The commodity.
        commodity: String,
        /// The editions present, latest first (or `none`).
        available: String,
    },
    /// A file in a data directory that the loader does not read.
    #[error("{path}: not a file the loader reads (data files: {expected})")]
    UnreadFile {
        /// The file.
        path: String,
        /// The file names that are read.
        expected: String,
    },
    // report
    /// A commodity that is not counted in tonnes (lithium-ion batteries).
    #[error("no supply report for {commodity}: it has no mass basis (choose a mineral commodity)")]
    UnsupportedCommodity {
        /// The commodity asked for.
        commodity: String,
    },
    // stock models
    /// A survival table that does not cover the years of a model's series.
    #[error(
        "the survival table covers {grid_first}–{grid_last} but the model's series runs {model_first}–{model_last}: build the table from the series' first year, at least as long"
    )]
    GridTooShort {
        /// First year of the table.
        grid_first: i32,
        /// Last year of the table.
        grid_last: i32,
        /// First year of the series.
        model_first: i32,
        /// Last year of the series.
        model_last: i32,
    },
    /// A stock-driven year that needs inflow whose cohort would not survive its first year.
    #[error(
        "{year}: the target stock needs {needed} {unit} more, but lifetime {lifetime} retires a cohort within its first year, so no inflow can hold it"
    )]
    CannotHoldStock {
        /// The year.
        year: i32,
        /// Stock missing from the cohorts in use.
        needed: f64,
        /// The stock unit.
        unit: String,
        /// The lifetime of the year's cohort.
        lifetime: String,
    },
    /// A year whose inflow, outflow and stock change do not balance.
    #[error(
        "{year}: stock balance does not close: inflow {inflow} − outflow {outflow} − stock change {stock_change} = {gap} {unit}, beyond the tolerance {tolerance}"
    )]
    StockBalance {
        /// The year.
        year: i32,
        /// The stock unit.
        unit: String,
        /// Inflow of the year.
        inflow: f64,
        /// Outflow of the year.
        outflow: f64,
        /// Stock minus the previous stock.
        stock_change: f64,
        /// inflow − outflow − stock change.
        gap: f64,
        /// The allowed absolute gap.
        tolerance: f64,
    },
    // GeoPolRisk
    /// A WGI table with no estimate at all for the year assessed.
    #[error("the WGI table has no political stability estimate for {year} (years given: {available})")]
    MissingWgiYear {
        /// The year assessed.
        year: i32,
        /// The years the table holds, comma-separated.
        available: String,
    },
    // battery products
    /// Capacity bands that do not partition the axis, or a capacity filed under the wrong band.
    #[error("capacity bands: {reason}")]
    CapacityBands {
        /// What is wrong.
        reason: String,
    },
    // general
    /// Two values that should agree but do not (a serialized HHI whose fraction and points
    /// differ).
    #[error("{what}")]
    Contradiction {
        /// What disagrees with what, with both values.
        what: String,
    },
    /// A required value that is absent.
    #[error("{what} is missing")]
    Absent {
        /// What is missing, and where.
        what: String,
    },
    /// A size above one of the crate's documented limits.
    #[error("{what} is {value}, above the limit of {limit}")]
    LimitExceeded {
        /// What was too large, and where.
        what: String,
        /// The size asked for.
        value: String,
        /// The limit.
        limit: String,
    },
    // chain (typed)
    /// A serialized result whose fields contradict each other (read back from a file).
    #[error("{what}: {reason}")]
    InvalidRecord {
        /// What was read.
        what: String,
        /// What is wrong.
        reason: String,
    },
    /// An outside supplier of a region that is one of the region's members.
    #[error("{country} is given as a supplier from outside {region} but is a member of it")]
    SupplierInRegion {
        /// The country given.
        country: String,
        /// The region's name.
        region: String,
    },
    // trade databases
    /// A code, alpha-3 code or name that names no economy of the trade databases.
    #[error("unknown economy {input:?}: expected {expected}")]
    UnknownEconomy {
        /// The code or name given.
        input: String,
        /// What was expected.
        expected: &'static str,
    },
    /// More distinct economies than the `u16` economy columns can index.
    #[error("more than {limit} distinct economies in one table")]
    TooManyEconomies {
        /// The limit.
        limit: usize,
    },
    /// Two tables whose product codes follow different HS revisions.
    #[error("cannot append a table of {right} codes to one of {left} codes")]
    HsRevisionMismatch {
        /// Revision of the table appended to.
        left: String,
        /// Revision of the table appended.
        right: String,
    },
    /// An economy that cannot be a party of a bilateral flow (World is a total).
    #[error("{what}: {economy} is {why}")]
    NotAParty {
        /// Where it was given (a flow, a file line and column).
        what: String,
        /// The economy, with its code.
        economy: String,
        /// Why it cannot be a party.
        why: &'static str,
    },
    /// A row of a trade file that cannot be read as a whole (CSV syntax, wrong field count).
    #[error("{file}: line {line}: {reason}")]
    BadComtradeRow {
        /// The file.
        file: String,
        /// 1-based line (the header is line 1).
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// Two records of a trade file with the same key.
    #[error("{file}: line {line}: duplicate record ({key}), already given on line {first_line}")]
    DuplicateRecord {
        /// The file.
        file: String,
        /// 1-based line of the second record.
        line: u64,
        /// The key columns and their values.
        key: String,
        /// 1-based line of the first record.
        first_line: u64,
    },
    /// A trade-file record that cannot become a bilateral trade flow.
    #[error("line {line}: a {class} record is not a bilateral trade flow: {why}")]
    NotAFlow {
        /// 1-based line of the record.
        line: u64,
        /// Its class.
        class: String,
        /// Why.
        why: &'static str,
    },
}

impl Detail {
    /// The kind of this error.
    pub(crate) fn kind(&self) -> ErrorKind {
        match self {
            Detail::UnknownElement { .. } => ErrorKind::Unknown,
            Detail::BadFormula { .. } => ErrorKind::Parse,
            Detail::UnknownForm { .. } => ErrorKind::Unknown,
            Detail::BadBasis { .. } => ErrorKind::Parse,
            Detail::NotFinite { .. } => ErrorKind::NotFinite,
            Detail::Negative { .. } => ErrorKind::Negative,
            Detail::FractionOutOfRange { .. } => ErrorKind::OutOfRange,
            Detail::BasisMismatch { .. } => ErrorKind::Mismatch,
            Detail::NotConvertible { .. } => ErrorKind::NotConvertible,
            Detail::UnknownUnit { .. } => ErrorKind::Unknown,
            Detail::UnknownCurrency { .. } => ErrorKind::Unknown,
            Detail::CurrencySymbol { .. } => ErrorKind::Ambiguous,
            Detail::BadScale { .. } => ErrorKind::Parse,
            Detail::BadMoney { .. } => ErrorKind::Parse,
            Detail::BadPriceYear { .. } => ErrorKind::OutOfRange,
            Detail::CurrencyMismatch { .. } => ErrorKind::Mismatch,
            Detail::PriceYearMismatch { .. } => ErrorKind::Mismatch,
            Detail::ZeroDivisor { .. } => ErrorKind::ZeroTotal,
            Detail::NegativePrice { .. } => ErrorKind::Negative,
            Detail::PriceBasisMismatch { .. } => ErrorKind::Mismatch,
            Detail::UnknownMassUnit { .. } => ErrorKind::Unknown,
            Detail::UnknownCountry { .. } => ErrorKind::Unknown,
            Detail::AmbiguousCountryName { .. } => ErrorKind::Ambiguous,
            Detail::EmptyRegion { .. } => ErrorKind::Empty,
            Detail::DuplicateMember { .. } => ErrorKind::Duplicate,
            Detail::UnknownRegion { .. } => ErrorKind::Unknown,
            Detail::OverlappingRegions { .. } => ErrorKind::Overlap,
            Detail::DuplicateRegionName { .. } => ErrorKind::Duplicate,
            Detail::EmptyPartition => ErrorKind::Empty,
            Detail::TotalOverflow { .. } => ErrorKind::NotFinite,
            Detail::EmbeddedData { .. } => ErrorKind::InvalidData,
            Detail::UnknownStage { .. } => ErrorKind::Unknown,
            Detail::UnknownStatus { .. } => ErrorKind::Unknown,
            Detail::Blank { .. } => ErrorKind::Empty,
            Detail::BadHsCode { .. } => ErrorKind::Parse,
            Detail::BadPeriod { .. } => ErrorKind::Parse,
            Detail::MixedPeriods { .. } => ErrorKind::Mismatch,
            Detail::SelfTrade { .. } => ErrorKind::Inconsistent,
            Detail::Missing { .. } => ErrorKind::Missing,
            Detail::FileIo { .. } => ErrorKind::Io,
            Detail::Header { .. } => ErrorKind::InvalidData,
            Detail::FieldCount { .. } => ErrorKind::InvalidData,
            Detail::BadCell { .. } => ErrorKind::InvalidData,
            Detail::UnknownTradeCode { .. } => ErrorKind::Unknown,
            Detail::InvalidRow { .. } => ErrorKind::InvalidData,
            Detail::TableBasisMismatch { .. } => ErrorKind::Mismatch,
            Detail::TooManyCommodities { .. } => ErrorKind::Limit,
            Detail::TooManyGroups { .. } => ErrorKind::Limit,
            Detail::LengthMismatch { .. } => ErrorKind::Mismatch,
            #[cfg(feature = "arrow")]
            Detail::ArrowColumn { .. } => ErrorKind::InvalidData,
            #[cfg(feature = "arrow")]
            Detail::ArrowIo { .. } => ErrorKind::Io,
            Detail::InvalidOption { .. } => ErrorKind::InvalidOption,
            Detail::WorkerFailed { .. } => ErrorKind::Internal,
            Detail::LineTooLong { .. } => ErrorKind::Limit,
            Detail::BareCarriageReturn { .. } => ErrorKind::InvalidData,
            Detail::ThreadSpawn { .. } => ErrorKind::Io,
            Detail::SumOverflow { .. } => ErrorKind::NotFinite,
            Detail::EstimateNotFinite { .. } => ErrorKind::NotFinite,
            Detail::Inverted { .. } => ErrorKind::Order,
            Detail::MissingField { .. } => ErrorKind::Missing,
            Detail::Empty { .. } => ErrorKind::Empty,
            Detail::NotPositive { .. } => ErrorKind::NotPositive,
            Detail::ZeroTotal { .. } => ErrorKind::ZeroTotal,
            Detail::EndBeforeStart { .. } => ErrorKind::Order,
            Detail::ZeroSpan { .. } => ErrorKind::Order,
            Detail::OutOfRange { .. } => ErrorKind::OutOfRange,
            Detail::TotalBelowRows { .. } => ErrorKind::Inconsistent,
            Detail::DuplicateKey { .. } => ErrorKind::Duplicate,
            Detail::NonPositiveApparentConsumption { .. } => ErrorKind::Inconsistent,
            Detail::UnreadableFigure { .. } => ErrorKind::Parse,
            Detail::SharesDoNotSumToOne { .. } => ErrorKind::Inconsistent,
            Detail::Cycle { .. } => ErrorKind::Inconsistent,
            Detail::UnknownNetworkStage { .. } => ErrorKind::Unknown,
            Detail::NoProducers { .. } => ErrorKind::Inconsistent,
            Detail::StageBranches { .. } => ErrorKind::Inconsistent,
            Detail::NoInputs { .. } => ErrorKind::Inconsistent,
            Detail::ShipmentsExceedOutput { .. } => ErrorKind::Inconsistent,
            Detail::ImporterNotProducing { .. } => ErrorKind::Inconsistent,
            Detail::NotUpstream { .. } => ErrorKind::Inconsistent,
            Detail::NoOutput { .. } => ErrorKind::Inconsistent,
            Detail::RouteMismatch { .. } => ErrorKind::Mismatch,
            Detail::MassBalance { .. } => ErrorKind::Inconsistent,
            Detail::UnknownKey { .. } => ErrorKind::Unknown,
            Detail::UnknownRoute { .. } => ErrorKind::Unknown,
            Detail::NotOnRoute { .. } => ErrorKind::Mismatch,
            Detail::UnknownClaimRegion { .. } => ErrorKind::Unknown,
            Detail::BadClaim { .. } => ErrorKind::Unsupported,
            Detail::BeforeRule { .. } => ErrorKind::NotInForce,
            Detail::YearBeforeRule { .. } => ErrorKind::NotInForce,
            Detail::DuplicateStage { .. } => ErrorKind::Duplicate,
            Detail::SharesExceedWhole { .. } => ErrorKind::Inconsistent,
            Detail::NotAThirdCountry { .. } => ErrorKind::Inconsistent,
            Detail::DatesOutOfOrder { .. } => ErrorKind::Order,
            Detail::BadField { .. } => ErrorKind::InvalidData,
            Detail::BadRow { .. } => ErrorKind::InvalidData,
            Detail::MissingColumn { .. } => ErrorKind::Missing,
            Detail::UnknownColumn { .. } => ErrorKind::Unknown,
            Detail::DuplicateColumn { .. } => ErrorKind::Duplicate,
            Detail::UnknownSource { .. } => ErrorKind::Unknown,
            Detail::DuplicateRow { .. } => ErrorKind::Duplicate,
            Detail::UnknownTable { .. } => ErrorKind::Unknown,
            Detail::Json { .. } => ErrorKind::InvalidData,
            Detail::Io { .. } => ErrorKind::Io,
            Detail::Parse { .. } => ErrorKind::Parse,
            Detail::UnsupportedCommodity { .. } => ErrorKind::Unsupported,
            Detail::UnknownCommodity { .. } => ErrorKind::Unknown,
            Detail::UnknownEdition { .. } => ErrorKind::Unknown,
            Detail::UnreadFile { .. } => ErrorKind::Unknown,
            Detail::GridTooShort { .. } => ErrorKind::Mismatch,
            Detail::CannotHoldStock { .. } => ErrorKind::Inconsistent,
            Detail::StockBalance { .. } => ErrorKind::Inconsistent,
            Detail::MissingWgiYear { .. } => ErrorKind::Missing,
            Detail::CapacityBands { .. } => ErrorKind::Inconsistent,
            Detail::Contradiction { .. } => ErrorKind::Inconsistent,
            Detail::Absent { .. } => ErrorKind::Missing,
            Detail::LimitExceeded { .. } => ErrorKind::Limit,
            Detail::InvalidRecord { .. } => ErrorKind::InvalidData,
            Detail::SupplierInRegion { .. } => ErrorKind::Inconsistent,
            Detail::UnknownEconomy { .. } => ErrorKind::Unknown,
            Detail::TooManyEconomies { .. } => ErrorKind::Limit,
            Detail::HsRevisionMismatch { .. } => ErrorKind::Mismatch,
            Detail::NotAParty { .. } => ErrorKind::Inconsistent,
            Detail::BadComtradeRow { .. } => ErrorKind::InvalidData,
            Detail::DuplicateRecord { .. } => ErrorKind::Duplicate,
            Detail::NotAFlow { .. } => ErrorKind::Unsupported,
        }
    }
}
