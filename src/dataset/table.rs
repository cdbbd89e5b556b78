//! Raw tables: rows of text fields read from CSV or JSON, before typing.

use crate::Error;
use crate::error::Detail;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

/// A column of a table schema.
pub(crate) struct Col {
    pub name: &'static str,
    /// Must appear in a CSV header (its value may still be allowed empty).
    pub required: bool,
    /// Written as a JSON number when not empty.
    pub numeric: bool,
}

const fn col(name: &'static str) -> Col {
    Col { name, required: true, numeric: false }
}
const fn num(name: &'static str) -> Col {
    Col { name, required: true, numeric: true }
}
const fn opt(name: &'static str) -> Col {
    Col { name, required: false, numeric: false }
}

/// The schema of one file.
pub(crate) struct Schema {
    /// File name in a data directory.
    pub file: &'static str,
    /// Key in the JSON form.
    pub key: &'static str,
    pub columns: &'static [Col],
}

pub(crate) const SOURCES: Schema = Schema {
    file: "sources.csv",
    key: "sources",
    columns: &[col("id"), col("publisher"), col("title"), opt("edition"), opt("table_or_page"), opt("url"), col("tag")],
};

pub(crate) const PRODUCTION: Schema = Schema {
    file: "production.csv",
    key: "production",
    columns: &[
        col("commodity"),
        col("stage"),
        col("measure"),
        col("country"),
        opt("country_as_published"),
        num("year"),
        num("value_t"),
        col("basis"),
        col("flags"),
        col("source"),
        opt("edition"),
        opt("note"),
    ],
};

pub(crate) const SALIENT: Schema = Schema {
    file: "us_salient.csv",
    key: "us_salient",
    columns: &[
        col("commodity"),
        col("item"),
        num("year"),
        num("value"),
        col("unit"),
        col("basis"),
        col("flags"),
        col("source"),
        opt("edition"),
        opt("note"),
    ],
};

pub(crate) const STAGE_SHARES: Schema = Schema {
    file: "stage_shares.csv",
    key: "stage_shares",
    columns: &[
        col("commodity"),
        col("stage"),
        col("country"),
        num("year"),
        num("share_low_pct"),
        num("share_high_pct"),
        opt("qualifier"),
        opt("as_published"),
        col("metric"),
        col("source"),
        opt("note"),
    ],
};

pub(crate) const CLAIMS: Schema = Schema {
    file: "claims.csv",
    key: "claims",
    columns: &[
        col("id"),
        col("kind"),
        col("bound"),
        num("value"),
        num("value_high"),
        col("unit"),
        col("basis"),
        col("subject"),
        col("region"),
        col("period_start"),
        col("period_end"),
        opt("qualifier"),
        col("source"),
        opt("note"),
    ],
};

pub(crate) const PRICES: Schema = Schema {
    file: "prices.csv",
    key: "prices",
    columns: &[
        col("commodity"),
        col("product"),
        opt("grade"),
        col("market"),
        col("date"),
        col("statistic"),
        num("value"),
        col("currency"),
        col("per"),
        opt("qualifier"),
        col("source"),
        opt("note"),
    ],
};

pub(crate) const FACILITIES: Schema = Schema {
    file: "facilities.csv",
    key: "facilities",
    columns: &[
        col("id"),
        col("name"),
        opt("owners"),
        opt("owner_countries"),
        col("country"),
        opt("place"),
        col("stage"),
        opt("product"),
        num("capacity"),
        opt("capacity_unit"),
        opt("capacity_basis"),
        opt("status"),
        opt("status_as_of"),
        num("start_year"),
        col("source"),
        opt("note"),
    ],
};

pub(crate) const POLITICAL_STABILITY: Schema = Schema {
    file: "political_stability.csv",
    key: "political_stability",
    columns: &[
        col("country"),
        opt("country_as_published"),
        num("year"),
        num("estimate"),
        col("source"),
        opt("edition"),
    ],
};

/// Every schema, in load order (sources first: the other tables cite them).
pub(crate) const ALL: [&Schema; 8] =
    [&SOURCES, &PRODUCTION, &SALIENT, &STAGE_SHARES, &CLAIMS, &PRICES, &FACILITIES, &POLITICAL_STABILITY];

/// Which rows [`RawTable::from_csv_where`] keeps: a column and a test of its text.
pub(crate) type Keep<'a> = (&'a str, &'a dyn Fn(&str) -> bool);

/// A table of text fields in schema column order; absent optional columns are empty.
///
/// The fields of every row live in one buffer (`text`), each named by its byte range (`spans`,
/// `width` per row), so that reading a file allocates per table, not per field.
pub(crate) struct RawTable {
    /// File label used in errors (`<builtin>/production.csv`, a path, `<json>/production`).
    pub file: String,
    /// Columns per row (the schema's).
    width: usize,
    /// Every field's text, trimmed, one after another.
    text: String,
    /// Byte range of each field in `text`, `width` per row.
    spans: Vec<(u32, u32)>,
    /// The line of the file where each row starts (CSV; none for JSON).
    lines: Vec<Option<u64>>,
    /// The 1-based data row of each row kept (rows may be left out: [`RawTable::from_csv_where`]).
    numbers: Vec<usize>,
}

/// One row of a raw table with its position, for typed access and errors.
pub(crate) struct Row<'a> {
    pub file: &'a str,
    /// 1-based data row.
    pub row: usize,
    /// The line of the file where the row starts (CSV records may span lines, blank lines are
    /// skipped); none for JSON.
    pub line: Option<u64>,
    pub schema: &'a Schema,
    text: &'a str,
    spans: &'a [(u32, u32)],
}

impl Row<'_> {
    /// The trimmed text of a column ("" for an unknown name, which the schema rules out).
    pub fn text(&self, column: &str) -> &str {
        self.schema
            .columns
            .iter()
            .position(|c| c.name == column)
            .and_then(|i| self.spans.get(i))
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or("")
    }
    /// An error about `column` of this row.
    pub fn bad(&self, column: &str, reason: impl Into<String>) -> Error {
        Detail::BadField {
            file: self.file.to_string(),
            row: self.row,
            line: self.line,
            column: column.to_string(),
            value: self.text(column).to_string(),
            reason: reason.into(),
        }
        .into()
    }

    /// A non-empty value.
    pub fn required(&self, column: &str) -> Result<&str, Error> {
        let t = self.text(column);
        if t.is_empty() { Err(self.bad(column, "a value is required")) } else { Ok(t) }
    }

    /// A required value parsed with `FromStr`; the parse error becomes the reason.
    pub fn parse<T>(&self, column: &str) -> Result<T, Error>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        self.required(column)?.parse::<T>().map_err(|e| self.bad(column, e.to_string()))
    }

    /// An optional value parsed with `FromStr`.
    pub fn parse_opt<T>(&self, column: &str) -> Result<Option<T>, Error>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        if self.text(column).is_empty() { Ok(None) } else { self.parse(column).map(Some) }
    }

    /// An optional finite number.
    pub fn number(&self, column: &str) -> Result<Option<f64>, Error> {
        let t = self.text(column);
        if t.is_empty() {
            return Ok(None);
        }
        let plain = if t.contains('_') { std::borrow::Cow::Owned(t.replace('_', "")) } else { t.into() };
        let v: f64 = plain.parse().map_err(|_| {
            self.bad(
                column,
                "not a number (write plain digits without thousands separators; flags go in their own column)",
            )
        })?;
        if !v.is_finite() {
            return Err(self.bad(column, "not a finite number"));
        }
        Ok(Some(v))
    }

    /// An optional year in 1800..=2200.
    pub fn year(&self, column: &str) -> Result<Option<i32>, Error> {
        let t = self.text(column);
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<i32>() {
            Ok(y) if (1800..=2200).contains(&y) => Ok(Some(y)),
            _ => Err(self.bad(column, "expected a year such as 2024")),
        }
    }

    /// The text of a column, owned.
    pub fn owned(&self, column: &str) -> String {
        self.text(column).to_string()
    }
}

impl RawTable {
    /// The rows with their positions.
    pub fn rows<'a>(&'a self, schema: &'a Schema) -> impl Iterator<Item = Row<'a>> + 'a {
        self.spans.chunks(self.width.max(1)).enumerate().map(move |(i, spans)| Row {
            file: &self.file,
            row: self.numbers.get(i).copied().unwrap_or(i + 1),
            line: self.lines.get(i).copied().flatten(),
            schema,
            text: &self.text,
            spans,
        })
    }

    /// The number of data rows.
    pub fn len(&self) -> usize {
        self.spans.len() / self.width.max(1)
    }

    fn new(file: &str, schema: &Schema, capacity: usize) -> RawTable {
        RawTable {
            file: file.to_string(),
            width: schema.columns.len(),
            text: String::with_capacity(capacity),
            spans: Vec::new(),
            lines: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// Starts a row of empty fields, at `line` of the file.
    fn push_row(&mut self, number: usize, line: Option<u64>) {
        self.numbers.push(number);
        self.lines.push(line);
        let at = self.end();
        self.spans.extend(std::iter::repeat_n((at, at), self.width));
    }

    /// Sets field `pos` of the last row to `value`, trimmed.
    fn set(&mut self, pos: usize, value: &str) -> Result<(), Error> {
        let ends_plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
        // most fields have no surrounding space: skip the Unicode-aware trim for them
        let plain = ends_plain(value.as_bytes().first()) && ends_plain(value.as_bytes().last());
        let value = if plain || value.is_empty() { value } else { value.trim() };
        let a = self.end();
        self.text.push_str(value);
        let b = self.end();
        if usize::try_from(b).ok() != Some(self.text.len()) {
            return Err(Detail::BadRow {
                file: self.file.clone(),
                row: self.len(),
                line: self.lines.last().copied().flatten(),
                reason: "the table is larger than 4 GiB".into(),
            }
            .into());
        }
        let row_start = self.spans.len() - self.width;
        self.spans[row_start + pos] = (a, b);
        Ok(())
    }

    fn end(&self) -> u32 {
        u32::try_from(self.text.len()).unwrap_or(u32::MAX)
    }

    /// Reads CSV text with a header row; every required column must be present, no unknown or
    /// repeated column is accepted, and every row must have as many fields as the header.
    pub fn from_csv(file: &str, text: &str, schema: &Schema) -> Result<RawTable, Error> {
        RawTable::from_csv_where(file, text, schema, None)
    }

    /// As [`RawTable::from_csv`], keeping only the rows whose `column` satisfies the test
    /// (`keep`; every row when the header has no such column). Rows keep their numbers and
    /// lines; the rows left out are still read as CSV, so a malformed one is still an error.
    pub fn from_csv_where(file: &str, text: &str, schema: &Schema, keep: Option<Keep<'_>>) -> Result<RawTable, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| Detail::BadRow { file: file.to_string(), row: 0, line: Some(1), reason: e.to_string() })?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let mut index = Vec::with_capacity(header.len());
        for (i, h) in header.iter().enumerate() {
            let Some(pos) = schema.columns.iter().position(|c| c.name == h) else {
                return Err(Detail::UnknownColumn {
                    file: file.to_string(),
                    column: h.clone(),
                    expected: schema.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", "),
                }
                .into());
            };
            if header[..i].contains(h) {
                return Err(Detail::DuplicateColumn { file: file.to_string(), column: h.clone() }.into());
            }
            index.push(pos);
        }
        if let Some(c) = schema.columns.iter().find(|c| c.required && !header.iter().any(|h| h == c.name)) {
            return Err(Detail::MissingColumn { file: file.to_string(), column: c.name.to_string() }.into());
        }
        let keep = keep.and_then(|(column, test)| header.iter().position(|h| h == column).map(|i| (i, test)));
        let mut table = RawTable::new(file, schema, if keep.is_some() { 0 } else { text.len() });
        let mut record = csv::StringRecord::new();
        let mut lines = LineCounter::new(text);
        let mut row = 0;
        loop {
            row += 1;
            let more = reader.read_record(&mut record).map_err(|e| Detail::BadRow {
                file: file.to_string(),
                row,
                line: e.position().map(|p| lines.line_at(p.byte())),
                reason: e.to_string(),
            })?;
            if !more {
                break;
            }
            let line = record.position().map(|p| lines.line_at(p.byte()));
            if record.len() != header.len() {
                return Err(Detail::BadRow {
                    file: file.to_string(),
                    row,
                    line,
                    reason: format!("{} fields, but the header has {}", record.len(), header.len()),
                }
                .into());
            }
            if let Some((i, test)) = keep
                && !record.get(i).is_some_and(|v| test(v.trim()))
            {
                continue;
            }
            table.push_row(row, line);
            for (value, &pos) in record.iter().zip(&index) {
                table.set(pos, value)?;
            }
        }
        Ok(table)
    }

    /// Reads a JSON array of row objects whose keys are column names; numbers are read as their
    /// text, `null` as empty.
    pub fn from_json(file: &str, value: &Value, schema: &Schema) -> Result<RawTable, Error> {
        let Value::Array(items) = value else {
            return Err(Detail::BadRow {
                file: file.to_string(),
                row: 0,
                line: None,
                reason: "expected an array of row objects".into(),
            }
            .into());
        };
        let mut table = RawTable::new(file, schema, 0);
        for (i, item) in items.iter().enumerate() {
            let row = i + 1;
            let Value::Object(map) = item else {
                return Err(Detail::BadRow {
                    file: file.to_string(),
                    row,
                    line: None,
                    reason: "expected an object".into(),
                }
                .into());
            };
            table.push_row(row, None);
            for (key, v) in map {
                let Some(pos) = schema.columns.iter().position(|c| c.name == key) else {
                    return Err(Detail::BadField {
                        file: file.to_string(),
                        row,
                        line: None,
                        column: key.clone(),
                        value: v.to_string(),
                        reason: format!(
                            "unknown column (expected {})",
                            schema.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
                        ),
                    }
                    .into());
                };
                match v {
                    Value::String(s) => table.set(pos, s)?,
                    Value::Number(n) => table.set(pos, &n.to_string())?,
                    Value::Null => table.set(pos, "")?,
                    other => {
                        return Err(Detail::BadField {
                            file: file.to_string(),
                            row,
                            line: None,
                            column: key.clone(),
                            value: other.to_string(),
                            reason: "expected a string, a number or null".into(),
                        }
                        .into());
                    }
                }
            }
        }
        Ok(table)
    }
}

/// The line of a byte offset of a text, counted forward from the last offset asked for (the
/// reader's offsets only grow). A line ends at `\n`, `\r\n` or a lone `\r`, as the CSV reader
/// reads them; quoted fields may hold line ends, so a record's number is not its line.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter { text: text.as_bytes(), at: 0, line: 1 }
    }

    /// The 1-based line of the first byte at or after `byte` that is not a line end: the
    /// reader places a record after the blank lines it skips.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while matches!(self.text.get(to), Some(b'\n' | b'\r')) {
            to += 1;
        }
        if to < self.at {
            (self.at, self.line) = (0, 1);
        }
        let ends = self.text[self.at..to]
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && self.text.get(self.at + i + 1) != Some(&b'\n')))
            .count();
        self.line += ends as u64;
        self.at = to;
        self.line
    }
}

/// Writes rows as CSV text with the schema's header.
pub(crate) fn to_csv(schema: &Schema, rows: &[Vec<String>]) -> Result<String, Error> {
    let io = |e: csv::Error| Detail::Io { path: schema.file.to_string(), reason: e.to_string() };
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(schema.columns.iter().map(|c| c.name)).map_err(io)?;
    for r in rows {
        w.write_record(r).map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| Detail::Io { path: schema.file.to_string(), reason: e.to_string() })?;
    String::from_utf8(bytes).map_err(|e| Detail::Io { path: schema.file.to_string(), reason: e.to_string() }.into())
}

/// One row serialized as a JSON object: empty fields are left out, numeric columns are numbers
/// (or strings when a JSON number would not carry the text exactly).
pub(crate) struct JsonRow<'a> {
    pub schema: &'a Schema,
    pub fields: Vec<String>,
}

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let present = self.fields.iter().filter(|f| !f.is_empty()).count();
        let mut map = s.serialize_map(Some(present))?;
        for (c, f) in self.schema.columns.iter().zip(&self.fields) {
            if f.is_empty() {
                continue;
            }
            if c.numeric {
                if let Ok(i) = f.parse::<i64>() {
                    map.serialize_entry(c.name, &i)?;
                    continue;
                }
                // a number only when its shortest form is the text itself, so that nothing is
                // rounded on the way (17-digit texts stay strings, which the reader accepts)
                if let Ok(x) = f.parse::<f64>()
                    && x.is_finite()
                    && format!("{x}") == *f
                {
                    map.serialize_entry(c.name, &x)?;
                    continue;
                }
            }
            map.serialize_entry(c.name, f)?;
        }
        map.end()
    }
}
