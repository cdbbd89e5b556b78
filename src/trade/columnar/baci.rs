//! Loading CEPII BACI files (`t,i,j,k,v,q`) straight into a [`TradeTable`], whole or in chunks.
//!
//! The parser is a hand-written byte scanner for BACI's fixed layout (it measured faster than
//! the `csv` crate into structs; see `BENCHMARKS.md`). Fields may be surrounded by spaces or
//! double quotes. `v` is in thousands of US dollars and is multiplied by 1,000 once, here; `q`
//! is in metric tonnes. An empty field or `NA` in `v` or `q` is a missing value (an unset
//! validity bit), never a zero. Country codes go through [`Country::from_trade_code`] (842 is
//! the USA); an unknown code is an error naming the line and the code, never a dropped row.
//!
//! [`Country::from_trade_code`]: crate::geo::Country::from_trade_code

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::thread;

use super::table::{CountryCodes, MAX_HS6, TableBuilder, TradeTable, country_codes};
use crate::Error;
use crate::error::Detail;

/// The header a BACI file starts with.
pub const BACI_HEADER: &str = "t,i,j,k,v,q";

/// Rows per chunk of a [`BaciReader`] unless told otherwise.
pub const DEFAULT_CHUNK_ROWS: usize = 1 << 22;

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

/// Parses lines into a builder; line numbers are relative to the first line given (1-based).
struct LineParser<'a> {
    file: &'a str,
    codes: &'static CountryCodes,
}

impl LineParser<'_> {
    fn bad(&self, line: u64, column: usize, value: &[u8], expected: &'static str) -> Error {
        Detail::BadCell {
            file: self.file.to_string(),
            line,
            column: COLUMNS.get(column).copied().unwrap_or("?"),
            value: String::from_utf8_lossy(value).into_owned(),
            expected,
        }
        .into()
    }

    fn country(&self, f: &[u8], line: u64, column: usize) -> Result<u8, Error> {
        let code = parse_uint(f).ok_or_else(|| self.bad(line, column, f, "a numeric country code"))?;
        self.codes.by_trade_code(code).ok_or_else(|| {
            Detail::UnknownTradeCode {
                file: self.file.to_string(),
                line,
                column: COLUMNS.get(column).copied().unwrap_or("?"),
                code: code.to_string(),
            }
            .into()
        })
    }

    fn measure(&self, f: &[u8], line: u64, column: usize) -> Result<Option<f64>, Error> {
        if f.is_empty() || f == b"NA" {
            return Ok(None);
        }
        match parse_f64(f) {
            Some(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
            _ => Err(self.bad(line, column, f, "a finite, non-negative number, or empty / NA for missing")),
        }
    }

    #[inline]
    fn line(&self, raw: &[u8], line: u64, b: &mut TableBuilder) -> Result<(), Error> {
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
        let year = parse_uint(t)
            .ok_or_else(|| self.bad(line, 0, t, "a year (digits)"))
            .and_then(|y| i16::try_from(y).map_err(|_| self.bad(line, 0, t, "a year in 0..=32767")))?;
        let e = self.country(i, line, 1)?;
        let m = self.country(j, line, 2)?;
        let hs6 = parse_uint(k)
            .filter(|&c| c <= MAX_HS6)
            .ok_or_else(|| self.bad(line, 3, k, "an HS6 product code (at most six digits)"))?;
        let value = self.measure(v, line, 4)?.map(|x| x * 1000.0);
        let quantity = self.measure(q, line, 5)?;
        b.push(year, e, m, hs6, value, quantity);
        Ok(())
    }

    fn header(&self, raw: &[u8]) -> Result<(), Error> {
        let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
        let fields: Vec<Vec<u8>> = raw.split(|&b| b == b',').map(|f| trim(f).to_ascii_lowercase()).collect();
        if fields.len() == 6 && fields.iter().zip(COLUMNS).all(|(f, c)| f.as_slice() == c.as_bytes()) {
            Ok(())
        } else {
            Err(Detail::Header {
                file: self.file.to_string(),
                found: String::from_utf8_lossy(raw).trim_end().to_string(),
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
}

impl BaciReader<File> {
    /// Opens a BACI file and checks its header.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the file; [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) for another header.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, Error> {
        let name = path.as_ref().display().to_string();
        let file = File::open(path.as_ref()).map_err(|e| io_error(&name, &e))?;
        BaciReader::new(name, file)
    }
}

impl<R: Read> BaciReader<R> {
    /// Reads BACI rows from any reader (`name` is used in error messages) and checks the header.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io); [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) for another header.
    pub fn new(name: impl Into<String>, reader: R) -> Result<Self, Error> {
        let mut r = BaciReader {
            name: name.into(),
            reader,
            buf: vec![0; 1 << 16],
            pos: 0,
            filled: 0,
            eof: false,
            done: false,
            line: 0,
            chunk_rows: DEFAULT_CHUNK_ROWS,
        };
        let header = r.next_line()?.and_then(|(a, b)| r.buf.get(a..b)).unwrap_or(&[]).to_vec();
        LineParser { file: &r.name, codes: country_codes() }.header(&header)?;
        Ok(r)
    }

    /// Rows per chunk (at least 1; default [`DEFAULT_CHUNK_ROWS`]).
    pub fn with_chunk_rows(self, chunk_rows: usize) -> Self {
        BaciReader { chunk_rows: chunk_rows.max(1), ..self }
    }

    /// The buffer range of the next line without its `\n`, or `None` at the end.
    fn next_line(&mut self) -> Result<Option<(usize, usize)>, Error> {
        loop {
            let window = self.buf.get(self.pos..self.filled).unwrap_or(&[]);
            if let Some(nl) = window.iter().position(|&b| b == b'\n') {
                let start = self.pos;
                self.pos += nl + 1;
                self.line += 1;
                return Ok(Some((start, start + nl)));
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
            } else if self.buf.len() < BLOCK {
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

    fn next_chunk(&mut self) -> Result<Option<TradeTable>, Error> {
        let mut b = TableBuilder::with_capacity(self.chunk_rows.min(DEFAULT_CHUNK_ROWS));
        let codes = country_codes();
        while b.len() < self.chunk_rows {
            let Some((lo, hi)) = self.next_line()? else { break };
            let p = LineParser { file: &self.name, codes };
            p.line(self.buf.get(lo..hi).unwrap_or(&[]), self.line, &mut b)?;
        }
        if b.len() == 0 { Ok(None) } else { b.finish().map(Some) }
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
fn parse_range(path: &Path, name: &str, start: u64, end: u64) -> Result<(TableBuilder, u64), Error> {
    let mut file = File::open(path).map_err(|e| io_error(name, &e))?;
    file.seek(SeekFrom::Start(start)).map_err(|e| io_error(name, &e))?;
    let mut reader = file.take(end - start);
    let p = LineParser { file: name, codes: country_codes() };
    let mut b = TableBuilder::with_capacity(((end - start) / 24) as usize);
    let mut buf = vec![0u8; BLOCK];
    let (mut filled, mut line) = (0usize, 0u64);
    loop {
        if filled == buf.len() {
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
            p.line(raw, line, &mut b)?;
            rest = next;
        }
        if n == 0 {
            return Ok((b, line));
        }
        buf.copy_within(cut..filled, 0);
        filled -= cut;
    }
}

/// First line start at or after `at` (a line starts at 0 or after a `\n`).
fn line_start_at(path: &Path, name: &str, at: u64, len: u64) -> Result<u64, Error> {
    let mut file = File::open(path).map_err(|e| io_error(name, &e))?;
    let mut pos = at.saturating_sub(1);
    file.seek(SeekFrom::Start(pos)).map_err(|e| io_error(name, &e))?;
    let mut buf = vec![0u8; 1 << 16];
    while pos < len {
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
    /// Loads a whole BACI file, parsing on every core (`threads = 0`: one per 4 MiB of file at
    /// most) or on `threads` threads:
    /// the file is split at line starts, each part parsed into its own columns, then the parts
    /// are appended in file order.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io), [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData), and for the first bad line in file order
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData), [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) or
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the file, the line (1-based, the header is line
    /// 1), the column and the value.
    pub fn read_baci(path: impl AsRef<Path>, threads: usize) -> Result<TradeTable, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let len = std::fs::metadata(path).map_err(|e| io_error(&name, &e))?.len();
        let head = BaciReader::open(path)?;
        // the body starts after the header line
        let mut first = vec![0u8; 4096];
        let n = File::open(path).and_then(|mut f| f.read(&mut first)).map_err(|e| io_error(&name, &e))?;
        let body = first.get(..n).and_then(|b| b.iter().position(|&c| c == b'\n')).map_or(n as u64, |i| i as u64 + 1);
        // `0`: every core, one per 4 MiB at most; otherwise as asked, one per 4 KiB at most
        let threads = if threads == 0 {
            let cores = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            cores.clamp(1, ((len / BLOCK as u64) as usize).max(1))
        } else {
            threads.clamp(1, ((len / 4096) as usize).max(1))
        };
        if threads == 1 {
            let mut t = TradeTable::default();
            for chunk in head.with_chunk_rows(usize::MAX) {
                let chunk = chunk?;
                if t.is_empty() {
                    t = chunk;
                } else {
                    t.append(&chunk)?;
                }
            }
            return Ok(t);
        }
        let mut starts = vec![body];
        for k in 1..threads {
            let nominal = body + (len - body) * k as u64 / threads as u64;
            starts.push(line_start_at(path, &name, nominal.max(body), len)?);
        }
        starts.push(len);
        let results: Vec<Result<(TableBuilder, u64), Error>> = thread::scope(|s| {
            let handles: Vec<_> = starts
                .windows(2)
                .map(|w| {
                    let (a, b) = (w.first().copied().unwrap_or(len), w.get(1).copied().unwrap_or(len));
                    let name = &name;
                    s.spawn(move || parse_range(path, name, a, b.max(a)))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(Detail::WorkerFailed { phase: "parse" }.into())))
                .collect()
        });
        let mut before = 1u64;
        let mut table: Option<TradeTable> = None;
        for r in results {
            let (b, lines) = r.map_err(|e| e.shift_line(before))?;
            before += lines;
            let t = b.finish()?;
            match table.as_mut() {
                None => table = Some(t),
                Some(acc) => acc.append(&t)?,
            }
        }
        Ok(table.unwrap_or_default())
    }

    /// Loads BACI rows from any reader on one thread (`name` is used in error messages).
    ///
    /// # Errors
    ///
    /// As [`TradeTable::read_baci`].
    pub fn from_baci_reader(name: impl Into<String>, reader: impl Read) -> Result<TradeTable, Error> {
        let mut t = TradeTable::default();
        for chunk in BaciReader::new(name, reader)? {
            let chunk = chunk?;
            if t.is_empty() {
                t = chunk;
            } else {
                t.append(&chunk)?;
            }
        }
        Ok(t)
    }
}
