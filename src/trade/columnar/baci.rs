//! Loading CEPII BACI files (`t,i,j,k,v,q`) straight into a [`TradeTable`], whole or in chunks.
//!
//! The contract, for BACI as released:
//!
//! - **Fields** may be padded with spaces or quoted; the header may be quoted and start with a
//!   byte-order mark; lines may end in `\r\n`; blank lines are skipped.
//! - **`k`** is read as digits whatever its form: `"010121"`, `010121` and `10121` are all HS
//!   0101.21 (a tool that read the column as integers lost the leading zero).
//! - **`v`** is in thousands of US dollars and is multiplied by 1,000 once, here; **`q`** is in
//!   metric tonnes. An empty field or `NA` is a missing value (an unset validity bit), never a
//!   zero.
//! - **`i` and `j`** are economy codes ([`Economy`]): 842 is the USA, 58 Belgium-Luxembourg
//!   (…1998), 490 "Other Asia, nes" (Taiwan only with [`OtherAsia::Taiwan`]). A code in no list
//!   is an error naming the file, line, column and code, or, with [`UnknownCodes::Keep`], its
//!   own economy, counted in the report. Code 0 (World) is not a party: an error.
//! - **The HS revision** (HS92 … HS22) is recorded on the table, from
//!   [`BaciOptions::with_hs_revision`] or the file name (`BACI_HS17_Y2022_V202501.csv`).
//! - **Filters** by product ([`HsFilter`]: codes or HS2/HS4 prefixes) and year run in the same
//!   pass, so a 10 GB release can be cut to a few chapters without loading it.
//! - **Nothing vanishes silently**: [`BaciReport`] gives the rows read, kept and filtered, the
//!   value and quantity totals of the rows kept, and the rows per unknown code.
//!
//! The parser is a hand-written byte scanner for BACI's fixed layout (it measured faster than
//! the `csv` crate into structs; see `BENCHMARKS.md`).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::thread;

use std::ops::RangeInclusive;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::kernels::{MAX_THREADS, spawn};
use super::table::{MAX_HS6, TableBuilder, TradeTable};
use crate::Error;
use crate::error::Detail;
use crate::fmt::excerpt_bytes;
use crate::geo::{Economy, OtherAsia};
use crate::trade::HsCode;
use crate::trade::codes::count_unknown;
use crate::trade::{CodePolicy, HsFilter, HsRevision, UnknownCodes};

/// The header a BACI file starts with.
pub const BACI_HEADER: &str = "t,i,j,k,v,q";

/// Rows per chunk of a [`BaciReader`] unless told otherwise.
pub const DEFAULT_CHUNK_ROWS: usize = 1 << 22;

/// Longest line the BACI loaders read, in bytes, without its line end: 1 MiB (a BACI line is
/// about 40 bytes). A longer line is an [`ErrorKind::Limit`](crate::ErrorKind::Limit) error
/// naming the file and the line, found after reading at most this much more than the buffer,
/// so memory stays bounded whatever the file holds.
pub const MAX_LINE_BYTES: usize = 1 << 20;

const BLOCK: usize = 4 << 20;
const COLUMNS: [&str; 6] = ["t", "i", "j", "k", "v", "q"];

fn io_error(file: &str, e: &std::io::Error) -> Error {
    Detail::FileIo { file: file.to_string(), message: e.to_string() }.into()
}

#[inline]
fn trim(mut f: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r' | b'"', rest @ ..] = f {
        f = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r' | b'"'] = f {
        f = rest;
    }
    f
}

#[inline]
fn parse_uint(f: &[u8]) -> Option<u32> {
    if f.is_empty() || f.len() > 9 {
        return None;
    }
    let mut n = 0u32;
    for &b in f {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + u32::from(d);
    }
    Some(n)
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// A decimal number. Plain `digits[.digits]` with at most 2^53 as mantissa takes the exact fast
/// path (one correctly rounded division, the result `str::parse` gives); anything else goes to
/// `str::parse::<f64>`.
#[inline]
fn parse_f64(f: &[u8]) -> Option<f64> {
    let mut m = 0u64;
    let mut frac = 0usize;
    let mut dot = false;
    let mut digits = 0usize;
    for &b in f {
        if b == b'.' && !dot {
            dot = true;
            continue;
        }
        let d = b.wrapping_sub(b'0');
        if d > 9 || digits >= 19 {
            return std::str::from_utf8(f).ok()?.parse().ok();
        }
        m = m * 10 + u64::from(d);
        digits += 1;
        if dot {
            frac += 1;
        }
    }
    if digits == 0 {
        return std::str::from_utf8(f).ok()?.parse().ok();
    }
    match POW10.get(frac) {
        Some(&p) if m <= 1 << 53 => Some(m as f64 / p),
        _ => std::str::from_utf8(f).ok()?.parse().ok(),
    }
}

/// What a BACI load read: rows, what was kept and filtered out, the totals of what was kept,
/// and the rows per unknown code (under [`UnknownCodes::Keep`](crate::trade::UnknownCodes)), so
/// that nothing can vanish silently.
///
/// Serialized in tidy form: one field per count or total (`value_usd`, `quantity_t` named with
/// their units), `unknown_codes` as a list of `{code, rows}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BaciReport {
    /// The file (or the name given with a reader).
    pub file: String,
    /// The HS revision of the product codes, from the options or the file name.
    pub hs_revision: Option<HsRevision>,
    /// Data rows read (the header and blank lines are not rows).
    pub rows_read: u64,
    /// Rows kept in the table.
    pub rows_kept: u64,
    /// Rows left out by the product or year filter (their `i`, `j`, `v` and `q` are not read).
    pub rows_filtered: u64,
    /// Sum of the values of the rows kept, in US dollars (BACI's thousands × 1,000).
    pub value_usd: f64,
    /// Rows kept without a value (empty or `NA`).
    pub rows_without_value: u64,
    /// Sum of the quantities of the rows kept, in metric tonnes.
    pub quantity_t: f64,
    /// Rows kept without a quantity (empty or `NA`).
    pub rows_without_quantity: u64,
    /// Rows kept per exporter or importer code in none of the lists (only under
    /// [`UnknownCodes::Keep`](crate::trade::UnknownCodes)); a row whose two parties carry the
    /// same unknown code counts once.
    #[serde(with = "crate::trade::codes::unknown_rows")]
    pub unknown_codes: std::collections::BTreeMap<u32, u64>,
}

impl BaciReport {
    fn add(&mut self, other: &BaciReport) {
        self.rows_read += other.rows_read;
        self.rows_kept += other.rows_kept;
        self.rows_filtered += other.rows_filtered;
        self.value_usd += other.value_usd;
        self.rows_without_value += other.rows_without_value;
        self.quantity_t += other.quantity_t;
        self.rows_without_quantity += other.rows_without_quantity;
        for (&code, &rows) in &other.unknown_codes {
            *self.unknown_codes.entry(code).or_insert(0) += rows;
        }
    }
}

/// Options of the BACI loaders: the economy-code policy, the HS revision, and the products and
/// years to keep (filtered in the same pass that reads the rows).
///
/// # Examples
///
/// ```
/// use critical_minerals::trade::columnar::{BaciOptions, TradeTable};
/// use critical_minerals::trade::{HsFilter, HsRevision, UnknownCodes};
///
/// let file = "t,i,j,k,v,q\n\
///             2022,152,156,283691,10,1\n\
///             2022,152,156,010121,5,NA\n\
///             2021,36,156,253090,7,2\n\
///             2022,998,156,283691,1,1\n";
/// let opts = BaciOptions::default()
///     .with_unknown(UnknownCodes::Keep)
///     .with_hs_revision(HsRevision::Hs17)
///     .with_products(HsFilter::new(["28"])?)
///     .with_years(2022..=2022);
/// let (t, report) = TradeTable::load_baci_reader("cut.csv", file.as_bytes(), &opts)?;
/// assert_eq!((report.rows_read, report.rows_kept, report.rows_filtered), (4, 2, 2));
/// assert_eq!(report.value_usd, 11_000.0);
/// assert_eq!(report.unknown_codes.get(&998), Some(&1)); // kept, and counted
/// assert_eq!((t.len(), t.hs_revision()), (2, Some(HsRevision::Hs17)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaciOptions {
    codes: CodePolicy,
    hs_revision: Option<HsRevision>,
    products: Option<Arc<HsFilter>>,
    years: Option<(i32, i32)>,
    threads: usize,
}

impl BaciOptions {
    /// With `codes` as the economy-code policy.
    pub fn with_codes(self, codes: CodePolicy) -> Self {
        BaciOptions { codes, ..self }
    }

    /// With `unknown` as the policy for codes in no list (default: an error naming the line).
    pub fn with_unknown(self, unknown: UnknownCodes) -> Self {
        BaciOptions { codes: self.codes.with_unknown(unknown), ..self }
    }

    /// With 490 read as `other_asia` says (default: its own economy, "Other Asia, nes").
    pub fn with_other_asia(self, other_asia: OtherAsia) -> Self {
        BaciOptions { codes: self.codes.with_other_asia(other_asia), ..self }
    }

    /// With the HS revision of the file's codes (default: read from the file name, e.g.
    /// `BACI_HS17_Y2022_V202501.csv`; a file name naming another revision is an error).
    pub fn with_hs_revision(self, revision: HsRevision) -> Self {
        BaciOptions { hs_revision: Some(revision), ..self }
    }

    /// Keeping only the products `filter` keeps.
    pub fn with_products(self, filter: HsFilter) -> Self {
        BaciOptions { products: Some(Arc::new(filter)), ..self }
    }

    /// Keeping only the years of `years`.
    pub fn with_years(self, years: RangeInclusive<i32>) -> Self {
        BaciOptions { years: Some((*years.start(), *years.end())), ..self }
    }

    /// Threads of [`TradeTable::load_baci`]: `0` (the default) every core, one per 4 MiB of file
    /// at most; otherwise as asked, one per 4 KiB at most.
    pub fn with_threads(self, threads: usize) -> Self {
        BaciOptions { threads, ..self }
    }

    /// The economy-code policy.
    pub fn codes(&self) -> CodePolicy {
        self.codes
    }

    /// The HS revision resolved for a file of this name: the option, else the file name's.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the option and the file name
    /// name different revisions.
    pub fn hs_revision_for(&self, file: &str) -> Result<Option<HsRevision>, Error> {
        let named = HsRevision::from_file_name(file);
        match (self.hs_revision, named) {
            (Some(a), Some(b)) if a != b => {
                Err(Detail::HsRevisionMismatch { left: format!("{a} (option)"), right: format!("{b} ({file})") }.into())
            }
            (Some(a), _) => Ok(Some(a)),
            (None, b) => Ok(b),
        }
    }
}

/// Parses lines into a builder; line numbers are relative to the first line given (1-based).
#[derive(Clone)]
struct LineParser {
    file: Arc<str>,
    codes: CodePolicy,
    /// The economy of each code below 1,000 under the policy's reading of 490, `None` when in
    /// no list.
    lookup: Arc<[Option<Economy>]>,
    products: Option<Arc<HsFilter>>,
    years: Option<(i32, i32)>,
}

impl LineParser {
    fn new(file: &str, opts: &BaciOptions) -> LineParser {
        let lookup: Vec<Option<Economy>> =
            (0..1000u32).map(|c| Economy::known_code(c).map(|e| e.with_other_asia(opts.codes.other_asia()))).collect();
        LineParser {
            file: Arc::from(file),
            codes: opts.codes,
            lookup: lookup.into(),
            products: opts.products.clone(),
            years: opts.years,
        }
    }

    fn bad(&self, line: u64, column: usize, value: &[u8], expected: &'static str) -> Error {
        Detail::BadCell {
            file: self.file.to_string(),
            line,
            column: COLUMNS.get(column).copied().unwrap_or("?"),
            value: excerpt_bytes(value),
            expected,
        }
        .into()
    }

    #[inline]
    fn economy(&self, f: &[u8], line: u64, column: usize) -> Result<Economy, Error> {
        let code = parse_uint(f).ok_or_else(|| self.bad(line, column, f, "a numeric economy code"))?;
        let known = self.lookup.get(code as usize).copied().flatten();
        let e = match (known, self.codes.unknown()) {
            (Some(e), _) => e,
            (None, UnknownCodes::Keep) => Economy::unknown(code)?,
            (None, UnknownCodes::Error) => {
                return Err(Detail::UnknownTradeCode {
                    file: self.file.to_string(),
                    line,
                    column: COLUMNS.get(column).copied().unwrap_or("?"),
                    code: code.to_string(),
                }
                .into());
            }
        };
        if e.is_world() {
            return Err(self.bad(line, column, f, "an exporter or importer (0 is World, a total)"));
        }
        Ok(e)
    }

    /// A value or quantity times `scale` (1,000: thousands of dollars to dollars, tonnes to
    /// kilograms): finite before and after scaling, not negative; `-0` read as `0`.
    fn measure(&self, f: &[u8], line: u64, column: usize, scale: f64) -> Result<Option<f64>, Error> {
        if f.is_empty() || f == b"NA" {
            return Ok(None);
        }
        match parse_f64(f) {
            Some(x) if (x * scale).is_finite() && x >= 0.0 => Ok(Some(x + 0.0)),
            Some(x) if x.is_finite() && x >= 0.0 => {
                Err(self.bad(line, column, f, "a number whose value in dollars or kilograms is finite (below 1.8e305)"))
            }
            _ => Err(self.bad(line, column, f, "a finite, non-negative number, or empty / NA for missing")),
        }
    }

    #[inline]
    fn line(&self, raw: &[u8], line: u64, b: &mut TableBuilder, report: &mut BaciReport) -> Result<(), Error> {
        let mut f: [&[u8]; 6] = [&[]; 6];
        let mut n = 0usize;
        let mut start = 0usize;
        for (k, &ch) in raw.iter().enumerate() {
            if ch == b',' {
                if let Some(slot) = f.get_mut(n) {
                    *slot = raw.get(start..k).unwrap_or(&[]);
                }
                n += 1;
                start = k + 1;
            }
        }
        if n == 0 && trim(raw).is_empty() {
            return Ok(());
        }
        if let Some(slot) = f.get_mut(n) {
            *slot = raw.get(start..).unwrap_or(&[]);
        }
        n += 1;
        if n != 6 {
            return Err(Detail::FieldCount { file: self.file.to_string(), line, found: n }.into());
        }
        let [t, i, j, k, v, q] = f.map(trim);
        report.rows_read += 1;
        let year = parse_uint(t)
            .ok_or_else(|| self.bad(line, 0, t, "a year (digits)"))
            .and_then(|y| i16::try_from(y).map_err(|_| self.bad(line, 0, t, "a year in 0..=32767")))?;
        let hs6 = parse_uint(k).filter(|&c| c <= MAX_HS6 && HsCode::new(c).is_ok()).ok_or_else(|| {
            self.bad(line, 3, k, "an HS6 product code (at most six digits, chapter 01 to 97, not 77)")
        })?;
        if self.years.is_some_and(|(lo, hi)| !(lo..=hi).contains(&i32::from(year)))
            || self.products.as_ref().is_some_and(|p| !p.contains(hs6))
        {
            report.rows_filtered += 1;
            return Ok(());
        }
        let e = self.economy(i, line, 1)?;
        let m = self.economy(j, line, 2)?;
        let value = self.measure(v, line, 4, 1000.0)?.map(|x| x * 1000.0);
        let quantity = self.measure(q, line, 5, 1000.0)?;
        report.rows_kept += 1;
        match value {
            Some(x) => report.value_usd += x,
            None => report.rows_without_value += 1,
        }
        match quantity {
            Some(x) => report.quantity_t += x,
            None => report.rows_without_quantity += 1,
        }
        if e.is_unknown() || m.is_unknown() {
            count_unknown(&mut report.unknown_codes, e, m);
        }
        b.push(year, e, m, hs6, value, quantity);
        b.check().map_err(|e| e.context(format!("{}: line {line}", self.file)))
    }

    fn header(&self, raw: &[u8]) -> Result<(), Error> {
        let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
        let fields: Vec<Vec<u8>> = raw.split(|&b| b == b',').map(|f| trim(f).to_ascii_lowercase()).collect();
        if fields.len() == 6 && fields.iter().zip(COLUMNS).all(|(f, c)| f.as_slice() == c.as_bytes()) {
            Ok(())
        } else {
            Err(Detail::Header {
                file: self.file.to_string(),
                found: excerpt_bytes(raw.strip_suffix(b"\r").unwrap_or(raw)),
                expected: BACI_HEADER,
            }
            .into())
        }
    }
}

/// Reads a BACI file chunk by chunk: each item is a [`TradeTable`] of at most `chunk_rows`
/// rows, so a file larger than memory can be folded (see
/// [`StreamingConcentration`](super::StreamingConcentration)). After an error the iterator
/// ends.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::{BaciReader, GroupOptions, Party, StreamingConcentration};
///
/// let csv = "t,i,j,k,v,q\n2023,152,156,283691,3000,NA\n2023,32,156,283691,1000,12.5\n";
/// let mut s = StreamingConcentration::value(Party::Exporter, GroupOptions::default());
/// for chunk in BaciReader::new("inline.csv", csv.as_bytes())?.with_chunk_rows(1) {
///     s.add(&chunk?)?;
/// }
/// let g = s.finish().find(283691, 2023).ok_or("no group")?;
/// assert_eq!((g.total, g.hhi), (4.0e6, Some(0.625)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct BaciReader<R> {
    name: String,
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    filled: usize,
    eof: bool,
    done: bool,
    line: u64,
    chunk_rows: usize,
    parser: LineParser,
    hs_revision: Option<HsRevision>,
    report: BaciReport,
    /// Bytes of the header line with its end: where the body starts.
    body_offset: u64,
}

impl BaciReader<File> {
    /// Opens a BACI file and checks its header.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the file; [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) for another header.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        BaciReader::open_with(path, &BaciOptions::default())
    }

    /// Opens a BACI file with `opts` and checks its header.
    ///
    /// # Errors
    ///
    /// As [`BaciReader::with_options`].
    pub fn open_with(path: impl AsRef<Path>, opts: &BaciOptions) -> Result<Self, Error> {
        let name = path.as_ref().display().to_string();
        let file = File::open(path.as_ref()).map_err(|e| io_error(&name, &e))?;
        BaciReader::with_options(name, file, opts)
    }
}

impl<R: Read> BaciReader<R> {
    /// Reads BACI rows from any reader (`name` is used in error messages) and checks the header.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io); [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) for another header.
    pub fn new(name: impl Into<String>, reader: R) -> Result<Self, Error> {
        BaciReader::with_options(name, reader, &BaciOptions::default())
    }

    /// Reads BACI rows from any reader with `opts` (`name` is used in error messages and for
    /// the HS revision) and checks the header.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io); [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData)
    /// for another header; [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the HS
    /// revision of the options and of the file name differ.
    pub fn with_options(name: impl Into<String>, reader: R, opts: &BaciOptions) -> Result<Self, Error> {
        let name = name.into();
        let hs_revision = opts.hs_revision_for(&name)?;
        let parser = LineParser::new(&name, opts);
        let report = BaciReport { file: name.clone(), hs_revision, ..BaciReport::default() };
        let mut r = BaciReader {
            name,
            reader,
            buf: vec![0; 1 << 16],
            pos: 0,
            filled: 0,
            eof: false,
            done: false,
            line: 0,
            chunk_rows: DEFAULT_CHUNK_ROWS,
            parser,
            hs_revision,
            report,
            body_offset: 0,
        };
        let header = r.next_line()?.and_then(|(a, b)| r.buf.get(a..b)).unwrap_or(&[]).to_vec();
        // the buffer holds the file from its first byte until the header line has been read
        r.body_offset = r.pos as u64;
        r.parser.header(&header)?;
        Ok(r)
    }

    /// What has been read so far: rows read, kept and filtered, totals, unknown codes.
    pub fn report(&self) -> &BaciReport {
        &self.report
    }

    /// Rows per chunk (at least 1; default [`DEFAULT_CHUNK_ROWS`]).
    pub fn with_chunk_rows(self, chunk_rows: usize) -> Self {
        BaciReader { chunk_rows: chunk_rows.max(1), ..self }
    }

    /// The buffer range of the next line without its `\n`, or `None` at the end. A line
    /// longer than [`MAX_LINE_BYTES`] is an error; so is a bare `\r` in the first line (a file
    /// whose lines end in `\r` alone), found in the first buffer read.
    fn next_line(&mut self) -> Result<Option<(usize, usize)>, Error> {
        loop {
            let window = self.buf.get(self.pos..self.filled).unwrap_or(&[]);
            let nl = window.iter().position(|&b| b == b'\n');
            if self.line == 0 {
                let head = window.get(..nl.unwrap_or(window.len())).unwrap_or(&[]);
                // a `\r` followed by anything but `\n`
                if head.iter().position(|&b| b == b'\r').is_some_and(|cr| cr + 1 < head.len()) {
                    return Err(Detail::BareCarriageReturn { file: self.name.clone() }.into());
                }
            }
            if let Some(nl) = nl {
                if nl > MAX_LINE_BYTES {
                    return Err(self.too_long());
                }
                let start = self.pos;
                self.pos += nl + 1;
                self.line += 1;
                return Ok(Some((start, start + nl)));
            }
            if window.len() > MAX_LINE_BYTES {
                return Err(self.too_long());
            }
            if self.eof {
                if self.pos < self.filled {
                    let start = self.pos;
                    self.pos = self.filled;
                    self.line += 1;
                    return Ok(Some((start, self.filled)));
                }
                return Ok(None);
            }
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            self.pos = 0;
            if self.filled == self.buf.len() {
                let grown = (self.buf.len() * 2).max(BLOCK);
                self.buf.resize(grown, 0);
            } else if self.buf.len() < BLOCK && self.line > 0 {
                self.buf.resize(BLOCK, 0);
            }
            let n = loop {
                match self.reader.read(self.buf.get_mut(self.filled..).unwrap_or(&mut [])) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(io_error(&self.name, &e)),
                }
            };
            if n == 0 {
                self.eof = true;
            }
            self.filled += n;
        }
    }

    fn too_long(&self) -> Error {
        Detail::LineTooLong { file: self.name.clone(), line: self.line + 1, limit: MAX_LINE_BYTES }.into()
    }

    fn next_chunk(&mut self) -> Result<Option<TradeTable>, Error> {
        let mut b = TableBuilder::with_capacity(self.chunk_rows.min(DEFAULT_CHUNK_ROWS));
        while b.len() < self.chunk_rows {
            let Some((lo, hi)) = self.next_line()? else { break };
            self.parser.line(self.buf.get(lo..hi).unwrap_or(&[]), self.line, &mut b, &mut self.report)?;
        }
        if b.len() == 0 {
            Ok(None)
        } else {
            let revision = self.hs_revision;
            b.finish().map(|t| Some(TradeTable { hs_revision: revision, ..t }))
        }
    }
}

impl<R: Read> Iterator for BaciReader<R> {
    type Item = Result<TradeTable, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_chunk() {
            Ok(Some(t)) => Some(Ok(t)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Parses the complete lines in `[start, end)` of a file; line numbers relative to the range.
fn parse_range(
    path: &Path,
    name: &str,
    p: &LineParser,
    start: u64,
    end: u64,
) -> Result<(TableBuilder, u64, BaciReport), Error> {
    let mut file = File::open(path).map_err(|e| io_error(name, &e))?;
    file.seek(SeekFrom::Start(start)).map_err(|e| io_error(name, &e))?;
    let mut reader = file.take(end - start);
    let mut report = BaciReport::default();
    let span = usize::try_from(end - start).unwrap_or(usize::MAX);
    let mut b = TableBuilder::with_capacity(span / 24);
    // the buffer follows the work: a small part takes a small buffer
    let mut buf = vec![0u8; span.saturating_add(1).min(BLOCK)];
    let (mut filled, mut line) = (0usize, 0u64);
    loop {
        if filled == buf.len() {
            if filled > MAX_LINE_BYTES {
                return Err(
                    Detail::LineTooLong { file: name.to_string(), line: line + 1, limit: MAX_LINE_BYTES }.into()
                );
            }
            buf.resize(buf.len() * 2, 0);
        }
        let n = match reader.read(buf.get_mut(filled..).unwrap_or(&mut [])) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_error(name, &e)),
        };
        filled += n;
        let data = buf.get(..filled).unwrap_or(&[]);
        let cut = if n == 0 { filled } else { data.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1) };
        let complete = data.get(..cut).unwrap_or(&[]);
        let mut rest = complete;
        while !rest.is_empty() {
            let (raw, next) = match rest.iter().position(|&c| c == b'\n') {
                Some(i) => (rest.get(..i).unwrap_or(&[]), rest.get(i + 1..).unwrap_or(&[])),
                None => (rest, &[][..]),
            };
            line += 1;
            if raw.len() > MAX_LINE_BYTES {
                return Err(Detail::LineTooLong { file: name.to_string(), line, limit: MAX_LINE_BYTES }.into());
            }
            p.line(raw, line, &mut b, &mut report)?;
            rest = next;
        }
        if n == 0 {
            return Ok((b, line, report));
        }
        buf.copy_within(cut..filled, 0);
        filled -= cut;
    }
}

/// First line start at or after `at` (a line starts at 0 or after a `\n`); the end of the
/// file when no line ends within [`MAX_LINE_BYTES`] of `at` (that line is too long: the part
/// before it, which reads it, reports it).
fn line_start_at(path: &Path, name: &str, at: u64, len: u64) -> Result<u64, Error> {
    let mut file = File::open(path).map_err(|e| io_error(name, &e))?;
    let mut pos = at.saturating_sub(1);
    file.seek(SeekFrom::Start(pos)).map_err(|e| io_error(name, &e))?;
    let mut buf = vec![0u8; 1 << 16];
    let give_up = pos.saturating_add(MAX_LINE_BYTES as u64 + 1).min(len);
    while pos < give_up {
        let n = file.read(&mut buf).map_err(|e| io_error(name, &e))?;
        if n == 0 {
            break;
        }
        if let Some(i) = buf.get(..n).and_then(|b| b.iter().position(|&c| c == b'\n')) {
            return Ok(pos + i as u64 + 1);
        }
        pos += n as u64;
    }
    Ok(len)
}

impl TradeTable {
    /// Loads a whole BACI file with the default options (unknown codes are errors, 490 stays
    /// "Other Asia, nes", the HS revision from the file name, nothing filtered), parsing on
    /// every core (`threads = 0`: one per 4 MiB of file at most) or on `threads` threads.
    ///
    /// # Errors
    ///
    /// As [`TradeTable::load_baci`].
    pub fn read_baci(path: impl AsRef<Path>, threads: usize) -> Result<TradeTable, Error> {
        TradeTable::load_baci(path, &BaciOptions::default().with_threads(threads)).map(|(t, _)| t)
    }

    /// Loads a whole BACI file with `opts`, and reports what it read ([`BaciReport`]): the file
    /// is split at line starts, each part parsed into its own columns on its own thread, then
    /// the parts are appended in file order. Rows outside the product or year filter are
    /// counted and skipped in the same pass.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io); [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch)
    /// when the HS revision of the options and of the file name differ; and for the first bad
    /// line in file order [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) (a bad
    /// header, field count or cell, code 0 as a party) or
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) (a code in no list under
    /// [`UnknownCodes::Error`]) naming the file, the line (1-based, the header is line 1), the
    /// column and the value.
    pub fn load_baci(path: impl AsRef<Path>, opts: &BaciOptions) -> Result<(TradeTable, BaciReport), Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let len = std::fs::metadata(path).map_err(|e| io_error(&name, &e))?.len();
        if opts.threads > MAX_THREADS {
            return Err(Detail::InvalidOption {
                what: "BACI load threads",
                value: opts.threads.to_string(),
                expected: "at most MAX_THREADS (1024)",
            }
            .into());
        }
        let head = BaciReader::open_with(path, opts)?;
        // the body starts after the header line, wherever the reader found its end
        let body = head.body_offset.min(len);
        // `0`: every core, one per 4 MiB at most; otherwise as asked, one per 4 KiB at most
        let threads = if opts.threads == 0 {
            let cores = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            cores.clamp(1, ((len / BLOCK as u64) as usize).max(1))
        } else {
            opts.threads.clamp(1, ((len / 4096) as usize).max(1))
        };
        if threads == 1 {
            return collect_chunks(head.with_chunk_rows(usize::MAX));
        }
        let mut starts = vec![body];
        for k in 1..threads {
            let nominal = body + (len - body) * k as u64 / threads as u64;
            starts.push(line_start_at(path, &name, nominal.max(body), len)?);
        }
        starts.push(len);
        let parser = &head.parser;
        let results: Vec<Result<(TableBuilder, u64, BaciReport), Error>> = thread::scope(|s| {
            let handles: Vec<_> = starts
                .windows(2)
                .map(|w| {
                    let (a, b) = (w.first().copied().unwrap_or(len), w.get(1).copied().unwrap_or(len));
                    let name = &name;
                    spawn(s, "parse", move || parse_range(path, name, parser, a, b.max(a)))
                })
                .collect::<Result<_, Error>>()?;
            Ok::<_, Error>(
                handles
                    .into_iter()
                    .map(|h: thread::ScopedJoinHandle<'_, _>| {
                        h.join().unwrap_or(Err(Detail::WorkerFailed { phase: "parse" }.into()))
                    })
                    .collect(),
            )
        })?;
        let mut before = 1u64;
        let mut table: Option<TradeTable> = None;
        let mut report = head.report.clone();
        for r in results {
            let (b, lines, part) = r.map_err(|e| e.shift_line(before))?;
            before += lines;
            report.add(&part);
            let t = TradeTable { hs_revision: head.hs_revision, ..b.finish()? };
            match table.as_mut() {
                None => table = Some(t),
                Some(acc) => acc.append(&t).map_err(|e| e.context(format!("{name}: by line {before}")))?,
            }
        }
        let table = table.unwrap_or_default();
        Ok((TradeTable { hs_revision: head.hs_revision, ..table }, report))
    }

    /// Loads BACI rows from any reader on one thread with the default options (`name` is used
    /// in error messages and for the HS revision).
    ///
    /// # Errors
    ///
    /// As [`TradeTable::load_baci`].
    pub fn from_baci_reader(name: impl Into<String>, reader: impl Read) -> Result<TradeTable, Error> {
        TradeTable::load_baci_reader(name, reader, &BaciOptions::default()).map(|(t, _)| t)
    }

    /// Loads BACI rows from any reader on one thread with `opts`, and reports what it read.
    ///
    /// # Errors
    ///
    /// As [`TradeTable::load_baci`].
    pub fn load_baci_reader(
        name: impl Into<String>,
        reader: impl Read,
        opts: &BaciOptions,
    ) -> Result<(TradeTable, BaciReport), Error> {
        collect_chunks(BaciReader::with_options(name, reader, opts)?.with_chunk_rows(usize::MAX))
    }
}

/// Every chunk of `reader` appended into one table, with the reader's report.
fn collect_chunks<R: Read>(mut reader: BaciReader<R>) -> Result<(TradeTable, BaciReport), Error> {
    let mut t = TradeTable { hs_revision: reader.hs_revision, ..TradeTable::default() };
    for chunk in reader.by_ref() {
        let chunk = chunk?;
        if t.is_empty() {
            t = chunk;
        } else {
            t.append(&chunk)?;
        }
    }
    Ok((t, reader.report))
}
