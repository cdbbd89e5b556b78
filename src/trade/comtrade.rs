//! Reading UN Comtrade final data (the CSV the API and the bulk files write) into records,
//! trade flows and the columnar table, and comparing the two sides of each flow (mirror
//! statistics).
//!
//! # Contract
//!
//! A Comtrade record is one reporter's declaration: `reporterCode` declares a flow
//! (`flowCode`) with `partnerCode` under `cmdCode` in `period`. The reader
//!
//! - needs the columns `freqCode`, `period`, `reporterCode`, `flowCode`, `partnerCode`,
//!   `cmdCode` and `primaryValue` (a missing one is an error naming the file and the column)
//!   and reads the others of the final-data layout where present: `refYear` (checked against
//!   `period`), `reporterISO`, `reporterDesc`, `partnerISO`, `partnerDesc` (checked against the
//!   codes when they name an economy), `partner2Code`, `classificationCode`, `aggrLevel`,
//!   `isLeaf`, `customsCode`, `mosCode`, `motCode`, `qtyUnitCode`, `qtyUnitAbbr`, `qty`,
//!   `isQtyEstimated`, `altQtyUnitCode`, `altQty`, `netWgt`, `isNetWgtEstimated`, `grossWgt`,
//!   `cifvalue`, `fobvalue`, `legacyEstimationFlag`, `isReported`, `isAggregate` (`typeCode`,
//!   `refPeriodId`, `refMonth`, `cmdDesc` and any other column are not needed and not read);
//!   comma- or tab-separated, header names in any case;
//! - reads every code as an [`Economy`] under a [`CodePolicy`] (a code in no list is an error
//!   naming file, line, column and code, or kept as its own economy and counted);
//! - sorts each record into one [`RecordClass`], so that nothing is counted twice and nothing
//!   vanishes:
//!   1. partner 0 (World) is the reporter's total over partners, **not a partner**:
//!      [`RecordClass::WorldTotal`];
//!   2. a commodity aggregate (`isAggregate` true, `isLeaf` false, `aggrLevel` below 6, or a
//!      `cmdCode` such as `TOTAL`, `28` or `2836`): [`RecordClass::Aggregate`];
//!   3. a six-character code that is not an HS subheading (`9999AA`):
//!      [`RecordClass::OtherCode`];
//!   4. a breakdown by second partner, customs procedure, mode of supply or of transport
//!      (`partner2Code`, `customsCode`, `mosCode`, `motCode` other than 0, `C00`, `0`, `0`):
//!      [`RecordClass::Breakdown`];
//!   5. the reporter as its own partner (re-imports of its own goods):
//!      [`RecordClass::OwnPartner`];
//!   6. everything else: a bilateral leaf flow, [`RecordClass::Flow`];
//! - keeps the flow kind apart: exports (`X`), imports (`M`), re-exports (`RX`), re-imports
//!   (`RM`) and any other code are different [`FlowKind`]s, never summed together;
//! - keeps the valuation: exports and re-exports are valued FOB (`fobvalue`), imports and
//!   re-imports CIF (`cifvalue`); [`ComtradeRecord::value_usd`] takes the record's own basis
//!   (falling back to `primaryValue` where that column is empty);
//! - keeps net weight in kilograms and the quantity with its unit code (`qtyUnitCode`, 8 is
//!   kg); a missing value (empty, `NA`) stays missing;
//! - refuses a second flow with the same reporter, partner, flow code, period and HS code, and
//!   a file that mixes annual and monthly rows.
//!
//! # Mirror statistics
//!
//! For a product and year, [`ComtradeFile::mirror`] sets the exports of *i* to *j* as *i*
//! reports them (FOB) beside the imports of *j* from *i* as *j* reports them (CIF). The gap
//! `CIF − FOB` is mostly freight and insurance (so usually positive, often a few percent of the
//! value); a large or negative gap points at misreporting, re-exports or timing.
//!
//! # Examples
//!
//! ```
//! use critical_minerals::geo::Country;
//! use critical_minerals::trade::HsCode;
//! use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions, FlowKind, RecordClass};
//!
//! let csv = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue,cifvalue,fobvalue,netWgt\n\
//!            A,2023,152,X,156,283691,1000,,1000,5000\n\
//!            A,2023,156,M,152,283691,1050,1050,,5000\n\
//!            A,2023,152,X,0,283691,1200,,1200,6000\n";
//! let file = ComtradeFile::from_reader("inline.csv", csv.as_bytes(), &ComtradeOptions::default())?;
//! assert_eq!(file.records_of(RecordClass::WorldTotal).count(), 1); // partner 0: a total
//!
//! let flows = file.trade_flows(&FlowKind::Export, None)?;
//! assert_eq!((flows.len(), flows[0].importer() == Country::from_code("CN")?), (1, true));
//!
//! let mirror = file.mirror(HsCode::LITHIUM_CARBONATE, 2023);
//! let m = &mirror.flows[0];
//! assert_eq!((m.exports_fob_usd, m.imports_cif_usd, m.gap_usd()), (Some(1000.0), Some(1050.0), Some(50.0)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::codes::count_unknown;
use super::columnar::TradeTable;
use super::{CodePolicy, HsCode, HsRevision, TradeFlow, UnknownCodes};
use crate::Error;
use crate::error::Detail;
use crate::geo::{Economy, OtherAsia};
use crate::material::{Amount, Basis};
use crate::money::{Currency, Money};
use crate::time::Period;
use crate::validate;

/// The columns a Comtrade file must have.
pub const REQUIRED_COLUMNS: [&str; 7] =
    ["freqCode", "period", "reporterCode", "flowCode", "partnerCode", "cmdCode", "primaryValue"];

/// What a reporter declares: the flow code of a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum FlowKind {
    /// `X`: exports, valued FOB; the reporter is the exporter.
    Export,
    /// `M`: imports, valued CIF; the reporter is the importer.
    Import,
    /// `RX`: re-exports (goods imported earlier, shipped on), valued FOB.
    ReExport,
    /// `RM`: re-imports (the reporter's own goods coming back), valued CIF.
    ReImport,
    /// Any other flow code (kept as written, never summed with the four above).
    Other(String),
}

impl FlowKind {
    /// Reads a flow code (`X`, `M`, `RX`, `RM`; anything else is [`FlowKind::Other`]).
    pub fn from_code(code: &str) -> FlowKind {
        match code.trim() {
            "X" | "x" => FlowKind::Export,
            "M" | "m" => FlowKind::Import,
            "RX" | "rx" => FlowKind::ReExport,
            "RM" | "rm" => FlowKind::ReImport,
            other => FlowKind::Other(other.to_string()),
        }
    }

    /// The flow code.
    pub fn code(&self) -> &str {
        match self {
            FlowKind::Export => "X",
            FlowKind::Import => "M",
            FlowKind::ReExport => "RX",
            FlowKind::ReImport => "RM",
            FlowKind::Other(c) => c,
        }
    }

    /// How the flow is valued: FOB for exports and re-exports, CIF for imports and re-imports,
    /// `None` for other codes.
    pub fn valuation(&self) -> Option<Valuation> {
        match self {
            FlowKind::Export | FlowKind::ReExport => Some(Valuation::Fob),
            FlowKind::Import | FlowKind::ReImport => Some(Valuation::Cif),
            FlowKind::Other(_) => None,
        }
    }

    /// Whether the reporter is the exporter (`Some(true)`), the importer (`Some(false)`), or
    /// the code does not say (`None`).
    pub fn reporter_exports(&self) -> Option<bool> {
        match self {
            FlowKind::Export | FlowKind::ReExport => Some(true),
            FlowKind::Import | FlowKind::ReImport => Some(false),
            FlowKind::Other(_) => None,
        }
    }
}

impl fmt::Display for FlowKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl From<FlowKind> for String {
    fn from(k: FlowKind) -> String {
        k.code().to_string()
    }
}

impl From<String> for FlowKind {
    fn from(s: String) -> FlowKind {
        FlowKind::from_code(&s)
    }
}

/// Where a flow's value is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Valuation {
    /// Free on board: at the exporter's border (exports).
    Fob,
    /// Cost, insurance and freight: at the importer's border (imports).
    Cif,
}

/// Which part of a file a record belongs to (see the module docs for the order of the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordClass {
    /// A bilateral flow of one HS subheading, all procedures and modes: what flows, tables and
    /// mirrors are made of.
    Flow,
    /// Partner 0: the reporter's total over all partners.
    WorldTotal,
    /// A commodity aggregate (`TOTAL`, a chapter or heading, `isAggregate`).
    Aggregate,
    /// A six-character commodity code that is not an HS subheading (`9999AA`).
    OtherCode,
    /// A breakdown by second partner, customs procedure, mode of supply or of transport.
    Breakdown,
    /// The reporter as its own partner.
    OwnPartner,
}

const CLASSES: [RecordClass; 6] = [
    RecordClass::Flow,
    RecordClass::WorldTotal,
    RecordClass::Aggregate,
    RecordClass::OtherCode,
    RecordClass::Breakdown,
    RecordClass::OwnPartner,
];

/// A quantity in a unit Comtrade codes (`qtyUnitCode` 8 is kg, 5 is items, -1 none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedQuantity {
    /// The number.
    pub value: f64,
    /// Comtrade's unit code.
    pub unit_code: i32,
    /// The unit's abbreviation as written (`qtyUnitAbbr`), if given.
    pub unit: Option<String>,
    /// Whether Comtrade estimated it, if said.
    pub estimated: Option<bool>,
}

/// One row of a Comtrade file, read and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ComtradeRecord {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// The year (`freqCode` A) or month (`M`).
    pub period: Period,
    /// Who declares.
    pub reporter: Economy,
    /// With whom (World for the reporter's total).
    pub partner: Economy,
    /// The second partner (country of consignment), when the row is broken down by it.
    pub partner2: Option<Economy>,
    /// What is declared.
    pub flow: FlowKind,
    /// `classificationCode` as written (`H5`; see [`ComtradeRecord::hs_revision`]).
    pub classification: String,
    /// `cmdCode` as written (`283691`, `2836`, `TOTAL`).
    pub commodity: String,
    /// The HS subheading, for a six-digit code.
    pub hs6: Option<HsCode>,
    /// `aggrLevel`, if given.
    pub aggregation_level: Option<u8>,
    /// `isLeaf`, if given.
    pub is_leaf: Option<bool>,
    /// `customsCode` (`C00` for all procedures).
    pub customs_code: String,
    /// `mosCode` (`0` for all modes of supply).
    pub mos_code: String,
    /// `motCode` (`0` for all modes of transport).
    pub mot_code: String,
    /// The quantity in its unit, if reported.
    pub quantity: Option<ReportedQuantity>,
    /// The alternative quantity, if reported.
    pub alt_quantity: Option<ReportedQuantity>,
    /// Net weight in kilograms, if reported.
    pub net_weight_kg: Option<f64>,
    /// Whether the net weight was estimated, if said.
    pub net_weight_estimated: Option<bool>,
    /// Gross weight in kilograms, if reported.
    pub gross_weight_kg: Option<f64>,
    /// CIF value in US dollars (imports), if reported.
    pub cif_usd: Option<f64>,
    /// FOB value in US dollars (exports), if reported.
    pub fob_usd: Option<f64>,
    /// `primaryValue` in US dollars, if reported.
    pub primary_value_usd: Option<f64>,
    /// `legacyEstimationFlag` as written, if any.
    pub legacy_estimation_flag: Option<String>,
    /// `isReported`, if given.
    pub is_reported: Option<bool>,
    /// `isAggregate`, if given.
    pub is_aggregate: Option<bool>,
    /// Which part of the file the record belongs to.
    pub class: RecordClass,
}

impl ComtradeRecord {
    /// The value on the record's own valuation: FOB for exports and re-exports (`fobvalue`),
    /// CIF for imports and re-imports (`cifvalue`), `primaryValue` where that column is empty
    /// or the flow code is another.
    pub fn value_usd(&self) -> Option<f64> {
        let own = match self.flow.valuation() {
            Some(Valuation::Fob) => self.fob_usd,
            Some(Valuation::Cif) => self.cif_usd,
            None => None,
        };
        own.or(self.primary_value_usd)
    }

    /// The HS revision of `classification` (`H0` … `H6`), if it names one.
    pub fn hs_revision(&self) -> Option<HsRevision> {
        HsRevision::parse(&self.classification).ok()
    }

    /// Exporter and importer, oriented by the flow kind (the reporter exports for `X` and
    /// `RX`, imports for `M` and `RM`); `None` for another flow code.
    pub fn parties(&self) -> Option<(Economy, Economy)> {
        match self.flow.reporter_exports()? {
            true => Some((self.reporter, self.partner)),
            false => Some((self.partner, self.reporter)),
        }
    }

    /// The record as a [`TradeFlow`]: exporter and importer oriented, value in current US
    /// dollars of the record's year ([`ComtradeRecord::value_usd`]), and, when `basis` is
    /// given, the net weight as a quantity on that basis (customs weigh the HS6 product:
    /// tonnes of lithium carbonate under 2836.91).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) for a record that is not a
    /// bilateral HS6 flow of a known direction (naming the line and why); as
    /// [`TradeFlow::new`], [`Money::new`] and [`Amount::tonnes`].
    pub fn trade_flow(&self, basis: Option<&Basis>) -> Result<TradeFlow, Error> {
        let unsupported = |why: &'static str| -> Error {
            Detail::NotAFlow { line: self.line, class: format!("{:?}", self.class), why }.into()
        };
        if self.class != RecordClass::Flow {
            return Err(unsupported("only bilateral HS6 flows become trade flows"));
        }
        let hs6 = self.hs6.ok_or_else(|| unsupported("no HS6 code"))?;
        let (exporter, importer) = self.parties().ok_or_else(|| unsupported("its flow code has no direction"))?;
        let mut flow = TradeFlow::new(self.period, exporter, importer, hs6)?;
        if let Some(v) = self.value_usd() {
            flow = flow.with_value(Money::new(v, Currency::USD)?.with_price_year(self.period.calendar_year())?);
        }
        if let (Some(basis), Some(kg)) = (basis, self.net_weight_kg) {
            flow = flow.with_quantity(Amount::tonnes(kg / 1000.0, basis.clone())?);
        }
        Ok(flow)
    }
}

/// Options of the Comtrade reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComtradeOptions {
    codes: CodePolicy,
}

impl ComtradeOptions {
    /// With `codes` as the economy-code policy.
    pub fn with_codes(self, codes: CodePolicy) -> Self {
        ComtradeOptions { codes }
    }

    /// With `unknown` as the policy for codes in no list (default: an error naming the line).
    pub fn with_unknown(self, unknown: UnknownCodes) -> Self {
        ComtradeOptions { codes: self.codes.with_unknown(unknown) }
    }

    /// With 490 read as `other_asia` says (default: its own economy, "Other Asia, nes").
    pub fn with_other_asia(self, other_asia: OtherAsia) -> Self {
        ComtradeOptions { codes: self.codes.with_other_asia(other_asia) }
    }

    /// The economy-code policy.
    pub fn codes(&self) -> CodePolicy {
        self.codes
    }
}

/// Rows and `primaryValue` total of one [`RecordClass`] of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassTotal {
    /// The class.
    pub class: RecordClass,
    /// Its rows.
    pub rows: u64,
    /// Sum of `primaryValue` over its rows, US dollars.
    pub primary_value_usd: f64,
    /// Its rows without a `primaryValue`.
    pub rows_without_value: u64,
}

/// What a Comtrade file held: rows per class with their value totals, and rows per unknown
/// code, so that nothing can vanish silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComtradeReport {
    /// The file (or the name given with a reader).
    pub file: String,
    /// Data rows read.
    pub rows: u64,
    /// Rows and values per class, in the order of [`RecordClass`].
    pub classes: Vec<ClassTotal>,
    /// Rows per reporter or partner code in none of the lists (only under
    /// [`UnknownCodes::Keep`]).
    #[serde(with = "super::codes::unknown_rows")]
    pub unknown_codes: BTreeMap<u32, u64>,
}

impl ComtradeReport {
    /// The totals of `class`.
    pub fn class(&self, class: RecordClass) -> Option<&ClassTotal> {
        self.classes.iter().find(|c| c.class == class)
    }
}

/// One (exporter, importer) pair of a [`Mirror`]: each side's declaration of the same flow.
#[derive(Debug, Clone, PartialEq)]
pub struct MirrorFlow {
    /// The exporter (reporter of the export side).
    pub exporter: Economy,
    /// The importer (reporter of the import side).
    pub importer: Economy,
    /// Exports to the importer as the exporter reports them, FOB, US dollars.
    pub exports_fob_usd: Option<f64>,
    /// Imports from the exporter as the importer reports them, CIF, US dollars.
    pub imports_cif_usd: Option<f64>,
    /// Net weight of the export side, kg.
    pub exports_net_weight_kg: Option<f64>,
    /// Net weight of the import side, kg.
    pub imports_net_weight_kg: Option<f64>,
}

impl MirrorFlow {
    /// `CIF − FOB` in US dollars, when both sides report a value.
    pub fn gap_usd(&self) -> Option<f64> {
        Some(self.imports_cif_usd? - self.exports_fob_usd?)
    }

    /// `CIF / FOB`, when both sides report a value and FOB is positive.
    pub fn cif_fob_ratio(&self) -> Option<f64> {
        let fob = self.exports_fob_usd.filter(|&f| f > 0.0)?;
        Some(self.imports_cif_usd? / fob)
    }
}

/// Mirror statistics of one HS subheading and year: one row per (exporter, importer) pair that
/// either side reports, ordered by exporter then importer.
///
/// Serialized in tidy form: `hs6` as six-digit text, `year`, and one row per pair in `flows`
/// (`exporter`, `importer` as labels, `exports_fob_usd`, `imports_cif_usd`, `gap_usd`,
/// `cif_fob_ratio`, `exports_net_weight_kg`, `imports_net_weight_kg`).
#[derive(Debug, Clone, PartialEq)]
pub struct Mirror {
    /// The HS subheading.
    pub hs6: HsCode,
    /// The year.
    pub year: i32,
    /// The pairs.
    pub flows: Vec<MirrorFlow>,
}

impl Mirror {
    /// The pair of `exporter` and `importer`.
    pub fn pair(&self, exporter: Economy, importer: Economy) -> Option<&MirrorFlow> {
        self.flows.iter().find(|f| f.exporter == exporter && f.importer == importer)
    }
}

#[derive(Serialize)]
struct MirrorRow {
    exporter: Economy,
    importer: Economy,
    exports_fob_usd: Option<f64>,
    imports_cif_usd: Option<f64>,
    gap_usd: Option<f64>,
    cif_fob_ratio: Option<f64>,
    exports_net_weight_kg: Option<f64>,
    imports_net_weight_kg: Option<f64>,
}

impl Serialize for Mirror {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire {
            hs6: HsCode,
            year: i32,
            flows: Vec<MirrorRow>,
        }
        Wire {
            hs6: self.hs6,
            year: self.year,
            flows: self
                .flows
                .iter()
                .map(|f| MirrorRow {
                    exporter: f.exporter,
                    importer: f.importer,
                    exports_fob_usd: f.exports_fob_usd,
                    imports_cif_usd: f.imports_cif_usd,
                    gap_usd: f.gap_usd(),
                    cif_fob_ratio: f.cif_fob_ratio(),
                    exports_net_weight_kg: f.exports_net_weight_kg,
                    imports_net_weight_kg: f.imports_net_weight_kg,
                })
                .collect(),
        }
        .serialize(serializer)
    }
}

/// A Comtrade file, read: its records in file order and the report of what it held.
#[derive(Debug, Clone, PartialEq)]
pub struct ComtradeFile {
    records: Vec<ComtradeRecord>,
    report: ComtradeReport,
}

impl ComtradeFile {
    /// Reads a Comtrade CSV (or tab-separated) file.
    ///
    /// # Errors
    ///
    /// As [`ComtradeFile::from_reader`].
    pub fn read(path: impl AsRef<Path>, opts: &ComtradeOptions) -> Result<ComtradeFile, Error> {
        let name = path.as_ref().display().to_string();
        let file = File::open(path.as_ref())
            .map_err(|e| -> Error { Detail::FileIo { file: name.clone(), message: e.to_string() }.into() })?;
        ComtradeFile::from_reader(name, file, opts)
    }

    /// Reads Comtrade rows from any reader (`name` is used in error messages).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io); [`ErrorKind::Missing`](crate::ErrorKind::Missing)
    /// naming the file and a required column absent from the header;
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) naming the file, line, column
    /// and value of a malformed cell or row (a wrong field count, a bad number, period or
    /// code, a frequency other than the first row's, a name or alpha-3 code that names another
    /// economy than the code, World as reporter);
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a code in no list under
    /// [`UnknownCodes::Error`]; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a
    /// second flow with the same key.
    pub fn from_reader(
        name: impl Into<String>,
        reader: impl Read,
        opts: &ComtradeOptions,
    ) -> Result<ComtradeFile, Error> {
        let name: String = name.into();
        let io =
            |e: &dyn fmt::Display| -> Error { Detail::FileIo { file: name.clone(), message: e.to_string() }.into() };
        let mut buffered = BufReader::new(reader);
        let head = buffered.fill_buf().map_err(|e| io(&e))?;
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let delimiter = if first_line.contains(&b'\t') && !first_line.contains(&b',') { b'\t' } else { b',' };
        let mut csv = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(buffered);
        let header = csv.headers().map_err(|e| io(&e))?.clone();
        let columns = Columns::new(&name, &header)?;
        let parser = Parser { file: &name, codes: opts.codes, columns };
        let mut records = Vec::new();
        let mut report = ComtradeReport {
            file: name.clone(),
            rows: 0,
            classes: CLASSES
                .iter()
                .map(|&class| ClassTotal { class, rows: 0, primary_value_usd: 0.0, rows_without_value: 0 })
                .collect(),
            unknown_codes: BTreeMap::new(),
        };
        let mut first_frequency: Option<(bool, u64)> = None;
        let mut seen: HashMap<(Economy, Economy, String, Period, HsCode), u64> = HashMap::new();
        let mut row = csv::StringRecord::new();
        loop {
            match csv.read_record(&mut row) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    return Err(Detail::BadComtradeRow { file: name.clone(), line, reason: e.to_string() }.into());
                }
            }
            let line = row.position().map_or(0, |p| p.line());
            if row.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let r = parser.record(&row, line)?;
            let monthly = !r.period.is_year();
            match first_frequency {
                None => first_frequency = Some((monthly, line)),
                Some((m, _)) if m != monthly => {
                    return Err(parser.bad(
                        line,
                        "freqCode",
                        if monthly { "M" } else { "A" },
                        "the frequency of the file's first row (a file mixes no annual and monthly rows)",
                    ));
                }
                Some(_) => {}
            }
            if r.class == RecordClass::Flow
                && let Some(hs6) = r.hs6
            {
                let key = (r.reporter, r.partner, r.flow.code().to_string(), r.period, hs6);
                if let Some(first) = seen.insert(key, line) {
                    return Err(Detail::DuplicateRecord {
                        file: name.clone(),
                        line,
                        key: format!(
                            "reporter {} partner {} flow {} period {} cmdCode {}",
                            r.reporter.label(),
                            r.partner.label(),
                            crate::fmt::excerpt(r.flow.code()),
                            r.period,
                            hs6.digits()
                        ),
                        first_line: first,
                    }
                    .into());
                }
            }
            report.rows += 1;
            if let Some(c) = report.classes.iter_mut().find(|c| c.class == r.class) {
                c.rows += 1;
                match r.primary_value_usd {
                    Some(v) => c.primary_value_usd += v,
                    None => c.rows_without_value += 1,
                }
            }
            count_unknown(&mut report.unknown_codes, r.reporter, r.partner);
            records.push(r);
        }
        Ok(ComtradeFile { records, report })
    }

    /// Every record, in file order.
    pub fn records(&self) -> &[ComtradeRecord] {
        &self.records
    }

    /// The records of one class, in file order.
    pub fn records_of(&self, class: RecordClass) -> impl Iterator<Item = &ComtradeRecord> + '_ {
        self.records.iter().filter(move |r| r.class == class)
    }

    /// What the file held.
    pub fn report(&self) -> &ComtradeReport {
        &self.report
    }

    /// The bilateral flows of one kind ([`RecordClass::Flow`] records) as [`TradeFlow`]s, in
    /// file order (see [`ComtradeRecord::trade_flow`]): exports and re-exports are separate
    /// calls, never mixed.
    ///
    /// # Errors
    ///
    /// As [`ComtradeRecord::trade_flow`], naming the line.
    pub fn trade_flows(&self, kind: &FlowKind, basis: Option<&Basis>) -> Result<Vec<TradeFlow>, Error> {
        self.records_of(RecordClass::Flow)
            .filter(|r| &r.flow == kind)
            .map(|r| r.trade_flow(basis).map_err(|e| e.context(format!("{}: line {}", self.report.file, r.line))))
            .collect()
    }

    /// The bilateral flows of one kind as a columnar table: exporter and importer oriented,
    /// value on the kind's valuation ([`ComtradeRecord::value_usd`]), quantity the net weight
    /// (kg read, stored as mass). The HS revision is recorded when every record names the same.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) for monthly records (the table
    /// holds years: aggregate months first), naming the line; as
    /// [`TradeTable::from_rows`].
    pub fn table(&self, kind: &FlowKind) -> Result<TradeTable, Error> {
        let mut rows = Vec::new();
        let mut revisions = Vec::new();
        for r in self.records_of(RecordClass::Flow).filter(|r| &r.flow == kind) {
            let (Some(hs6), Some((exporter, importer))) = (r.hs6, r.parties()) else { continue };
            if !r.period.is_year() {
                return Err(Detail::BadCell {
                    file: self.report.file.clone(),
                    line: r.line,
                    column: "period",
                    value: r.period.to_string(),
                    expected: "a year: the columnar table holds annual flows (aggregate months first)",
                }
                .into());
            }
            revisions.push(r.hs_revision());
            let t = r.net_weight_kg.map(|kg| kg / 1000.0);
            rows.push((r.period.calendar_year(), exporter, importer, hs6.as_u32(), r.value_usd(), t));
        }
        let table = TradeTable::from_rows(rows)?;
        revisions.sort();
        revisions.dedup();
        Ok(match revisions.as_slice() {
            [Some(r)] => table.with_hs_revision(*r),
            _ => table,
        })
    }

    /// Mirror statistics of `hs6` in `year`: for each (exporter, importer) pair that either
    /// side reports, the exports as the exporter reports them (`X`, FOB) beside the imports as
    /// the importer reports them (`M`, CIF). Only [`RecordClass::Flow`] records count; a month
    /// file's months of `year` are summed; re-exports and re-imports are left out.
    pub fn mirror(&self, hs6: HsCode, year: i32) -> Mirror {
        #[derive(Default)]
        struct Sides {
            fob: Option<f64>,
            cif: Option<f64>,
            fob_kg: Option<f64>,
            cif_kg: Option<f64>,
        }
        let add = |a: &mut Option<f64>, b: Option<f64>| {
            if let Some(b) = b {
                *a = Some(a.unwrap_or(0.0) + b);
            }
        };
        let mut pairs: BTreeMap<(Economy, Economy), Sides> = BTreeMap::new();
        for r in self.records_of(RecordClass::Flow) {
            if r.hs6 != Some(hs6) || r.period.calendar_year() != year {
                continue;
            }
            match r.flow {
                FlowKind::Export => {
                    let s = pairs.entry((r.reporter, r.partner)).or_default();
                    add(&mut s.fob, r.value_usd());
                    add(&mut s.fob_kg, r.net_weight_kg);
                }
                FlowKind::Import => {
                    let s = pairs.entry((r.partner, r.reporter)).or_default();
                    add(&mut s.cif, r.value_usd());
                    add(&mut s.cif_kg, r.net_weight_kg);
                }
                _ => {}
            }
        }
        let flows = pairs
            .into_iter()
            .map(|((exporter, importer), s)| MirrorFlow {
                exporter,
                importer,
                exports_fob_usd: s.fob,
                imports_cif_usd: s.cif,
                exports_net_weight_kg: s.fob_kg,
                imports_net_weight_kg: s.cif_kg,
            })
            .collect();
        Mirror { hs6, year, flows }
    }
}

/// The header's column positions.
struct Columns {
    index: HashMap<&'static str, usize>,
}

/// Every column the reader reads.
const KNOWN_COLUMNS: [&str; 31] = [
    "freqCode",
    "refYear",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "classificationCode",
    "cmdCode",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "mosCode",
    "motCode",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQty",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
];

/// Flags read as well, after [`KNOWN_COLUMNS`].
const FLAG_COLUMNS: [&str; 2] = ["isReported", "isAggregate"];

impl Columns {
    fn new(file: &str, header: &csv::StringRecord) -> Result<Columns, Error> {
        let mut index = HashMap::new();
        for (i, h) in header.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{feff}');
            if let Some(&known) = KNOWN_COLUMNS.iter().chain(&FLAG_COLUMNS).find(|c| c.eq_ignore_ascii_case(h))
                && index.insert(known, i).is_some()
            {
                return Err(Detail::DuplicateColumn { file: file.to_string(), column: known.to_string() }.into());
            }
        }
        for column in REQUIRED_COLUMNS {
            if !index.contains_key(column) {
                return Err(Detail::MissingColumn { file: file.to_string(), column: column.to_string() }.into());
            }
        }
        Ok(Columns { index })
    }
}

struct Parser<'a> {
    file: &'a str,
    codes: CodePolicy,
    columns: Columns,
}

impl Parser<'_> {
    fn bad(&self, line: u64, column: &'static str, value: &str, expected: &'static str) -> Error {
        Detail::BadCell { file: self.file.to_string(), line, column, value: crate::fmt::excerpt(value), expected }
            .into()
    }

    /// The trimmed cell of `column`, `""` when the column is absent.
    fn cell<'r>(&self, row: &'r csv::StringRecord, column: &'static str) -> &'r str {
        self.columns.index.get(column).and_then(|&i| row.get(i)).map_or("", str::trim)
    }

    fn missing(text: &str) -> bool {
        text.is_empty() || text.eq_ignore_ascii_case("na") || text.eq_ignore_ascii_case("null")
    }

    fn number(&self, row: &csv::StringRecord, line: u64, column: &'static str) -> Result<Option<f64>, Error> {
        let text = self.cell(row, column);
        if Parser::missing(text) {
            return Ok(None);
        }
        let expected = "a finite, non-negative number, or empty / NA for missing";
        let x: f64 = text.parse().map_err(|_| self.bad(line, column, text, expected))?;
        validate::non_negative(column, x).map(Some).map_err(|_| self.bad(line, column, text, expected))
    }

    fn integer(&self, row: &csv::StringRecord, line: u64, column: &'static str) -> Result<Option<i64>, Error> {
        let text = self.cell(row, column);
        if Parser::missing(text) {
            return Ok(None);
        }
        text.parse::<i64>().map(Some).map_err(|_| self.bad(line, column, text, "a whole number"))
    }

    fn flag(&self, row: &csv::StringRecord, line: u64, column: &'static str) -> Result<Option<bool>, Error> {
        let text = self.cell(row, column);
        match text.to_ascii_lowercase().as_str() {
            "" | "na" | "null" => Ok(None),
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            _ => Err(self.bad(line, column, text, "true or false")),
        }
    }

    fn text(&self, row: &csv::StringRecord, column: &'static str) -> String {
        self.cell(row, column).to_string()
    }

    /// The economy of a code column, checked against its alpha-3 and name columns when they
    /// name an economy (a historic entity may carry its successor's alpha-3, as 58 BEL).
    fn economy(
        &self,
        row: &csv::StringRecord,
        line: u64,
        column: &'static str,
        iso: &'static str,
        desc: &'static str,
    ) -> Result<Economy, Error> {
        let text = self.cell(row, column);
        let code: u32 = text.parse().map_err(|_| self.bad(line, column, text, "a numeric economy code"))?;
        let e = match self.codes.resolve(code) {
            Ok(e) => e,
            Err(err) if err.kind() == crate::ErrorKind::Unknown => {
                return Err(Detail::UnknownTradeCode {
                    file: self.file.to_string(),
                    line,
                    column,
                    code: code.to_string(),
                }
                .into());
            }
            Err(_) => return Err(self.bad(line, column, text, "a trade code below 2^31")),
        };
        if e.is_unknown() {
            return Ok(e);
        }
        let other_asia = self.codes.other_asia();
        let fits = |named: Economy| {
            let named = named.with_other_asia(other_asia);
            named == e || Economy::from_trade_code(code).is_ok_and(|raw| raw.successors().any(|s| s == named))
        };
        let iso_text = self.cell(row, iso);
        if !iso_text.is_empty()
            && let Ok(named) = Economy::from_alpha3(iso_text)
            && !fits(named)
        {
            return Err(self.bad(line, iso, iso_text, "the alpha-3 code of the economy its code column names"));
        }
        let desc_text = self.cell(row, desc);
        if !desc_text.is_empty()
            && let Ok(named) = Economy::from_name(desc_text)
            && !fits(named)
        {
            return Err(self.bad(line, desc, desc_text, "the name of the economy its code column names"));
        }
        Ok(e)
    }

    fn quantity(
        &self,
        row: &csv::StringRecord,
        line: u64,
        value: &'static str,
        unit: &'static str,
        abbr: Option<&'static str>,
        estimated: Option<&'static str>,
    ) -> Result<Option<ReportedQuantity>, Error> {
        let Some(v) = self.number(row, line, value)? else { return Ok(None) };
        let unit_code = self.integer(row, line, unit)?.unwrap_or(-1);
        if unit_code == -1 {
            return Ok(None);
        }
        let unit_code =
            i32::try_from(unit_code).map_err(|_| self.bad(line, unit, self.cell(row, unit), "a unit code"))?;
        let abbr = abbr.map(|a| self.text(row, a)).filter(|a| !Parser::missing(a));
        let estimated = match estimated {
            Some(c) => self.flag(row, line, c)?,
            None => None,
        };
        Ok(Some(ReportedQuantity { value: v, unit_code, unit: abbr, estimated }))
    }

    fn record(&self, row: &csv::StringRecord, line: u64) -> Result<ComtradeRecord, Error> {
        let freq = self.cell(row, "freqCode");
        let period_text = self.cell(row, "period");
        let digits = !period_text.is_empty() && period_text.bytes().all(|b| b.is_ascii_digit());
        let period = match (freq, period_text.len()) {
            ("A" | "a", 4) if digits => period_text.parse::<i32>().ok().and_then(|y| Period::year(y).ok()),
            ("M" | "m", 6) if digits => {
                let (y, m) = (period_text.get(..4), period_text.get(4..));
                match (y.and_then(|y| y.parse::<i32>().ok()), m.and_then(|m| m.parse::<u8>().ok())) {
                    (Some(y), Some(m)) => Period::month(y, m).ok(),
                    _ => None,
                }
            }
            ("A" | "a" | "M" | "m", _) => None,
            _ => return Err(self.bad(line, "freqCode", freq, "A (annual) or M (monthly)")),
        }
        .ok_or_else(|| self.bad(line, "period", period_text, "YYYY for freqCode A, YYYYMM for M"))?;
        if let Some(y) = self.integer(row, line, "refYear")?
            && y != i64::from(period.calendar_year())
        {
            return Err(self.bad(line, "refYear", self.cell(row, "refYear"), "the year of period"));
        }
        let reporter = self.economy(row, line, "reporterCode", "reporterISO", "reporterDesc")?;
        if reporter.is_world() {
            return Err(self.bad(line, "reporterCode", self.cell(row, "reporterCode"), "a reporter (0 is World)"));
        }
        let partner = self.economy(row, line, "partnerCode", "partnerISO", "partnerDesc")?;
        let partner2 = match self.cell(row, "partner2Code") {
            "" | "0" => None,
            text => {
                let code: u32 =
                    text.parse().map_err(|_| self.bad(line, "partner2Code", text, "a numeric economy code"))?;
                match self.codes.resolve(code) {
                    Ok(e) => Some(e),
                    Err(_) => {
                        return Err(Detail::UnknownTradeCode {
                            file: self.file.to_string(),
                            line,
                            column: "partner2Code",
                            code: code.to_string(),
                        }
                        .into());
                    }
                }
            }
        };
        let flow_text = self.cell(row, "flowCode");
        if flow_text.is_empty() {
            return Err(self.bad(line, "flowCode", flow_text, "a flow code (X, M, RX, RM, ...)"));
        }
        let flow = FlowKind::from_code(flow_text);
        let commodity = self.text(row, "cmdCode");
        if commodity.is_empty() {
            return Err(self.bad(line, "cmdCode", &commodity, "a commodity code"));
        }
        let aggregation_level = match self.integer(row, line, "aggrLevel")? {
            Some(l) => Some(
                u8::try_from(l).map_err(|_| self.bad(line, "aggrLevel", self.cell(row, "aggrLevel"), "0 to 255"))?,
            ),
            None => None,
        };
        let is_leaf = self.flag(row, line, "isLeaf")?;
        let is_aggregate = self.flag(row, line, "isAggregate")?;
        let numeric = commodity.bytes().all(|b| b.is_ascii_digit());
        // a five-digit code at aggregation level 6 lost its leading zero
        let six = match (numeric, commodity.len(), aggregation_level) {
            (true, 6, _) => Some(commodity.clone()),
            (true, 5, Some(6)) => Some(format!("0{commodity}")),
            _ => None,
        };
        let hs6 = six.as_deref().and_then(|c| HsCode::parse(c).ok());
        let aggregate = is_aggregate == Some(true)
            || is_leaf == Some(false)
            || aggregation_level.is_some_and(|l| l < 6)
            || (numeric && six.is_none())
            || commodity.eq_ignore_ascii_case("TOTAL")
            || commodity.eq_ignore_ascii_case("AG2")
            || commodity.eq_ignore_ascii_case("AG4");
        let customs_code = self.text(row, "customsCode");
        let mos_code = self.text(row, "mosCode");
        let mot_code = self.text(row, "motCode");
        let breakdown = partner2.is_some()
            || !matches!(customs_code.as_str(), "" | "C00")
            || !matches!(mos_code.as_str(), "" | "0")
            || !matches!(mot_code.as_str(), "" | "0");
        let class = if partner.is_world() {
            RecordClass::WorldTotal
        } else if aggregate {
            RecordClass::Aggregate
        } else if hs6.is_none() {
            RecordClass::OtherCode
        } else if breakdown {
            RecordClass::Breakdown
        } else if partner == reporter {
            RecordClass::OwnPartner
        } else {
            RecordClass::Flow
        };
        Ok(ComtradeRecord {
            line,
            period,
            reporter,
            partner,
            partner2,
            flow,
            classification: self.text(row, "classificationCode"),
            commodity,
            hs6,
            aggregation_level,
            is_leaf,
            customs_code,
            mos_code,
            mot_code,
            quantity: self.quantity(row, line, "qty", "qtyUnitCode", Some("qtyUnitAbbr"), Some("isQtyEstimated"))?,
            alt_quantity: self.quantity(row, line, "altQty", "altQtyUnitCode", None, None)?,
            net_weight_kg: self.number(row, line, "netWgt")?,
            net_weight_estimated: self.flag(row, line, "isNetWgtEstimated")?,
            gross_weight_kg: self.number(row, line, "grossWgt")?,
            cif_usd: self.number(row, line, "cifvalue")?,
            fob_usd: self.number(row, line, "fobvalue")?,
            primary_value_usd: self.number(row, line, "primaryValue")?,
            legacy_estimation_flag: Some(self.text(row, "legacyEstimationFlag")).filter(|t| !Parser::missing(t)),
            is_reported: self.flag(row, line, "isReported")?,
            is_aggregate,
            class,
        })
    }
}
