//! The columnar trade table and its group statistics as Arrow record batches (feature `arrow`).
//!
//! # Layout
//!
//! A [`TradeTable`] becomes one record batch with BACI's column names, so that SQL written for
//! BACI runs on it unchanged (`SELECT k, t, hhi_by(i, v) FROM baci GROUP BY k, t`):
//!
//! | column | Arrow type | content |
//! |---|---|---|
//! | `t` | `Int16`, not null | year |
//! | `i`, `j` | `Dictionary(UInt16, Utf8)`, not null | exporter, importer: the [`Economy::label`] (alpha-3 of a country, `"USA"`; the trade code of anything else, `"490"`); the dictionary is the table's sorted economy list |
//! | `k` | `Dictionary(UInt16, Utf8)`, not null | HS6 code as six digits, leading zero kept (`"010121"`) |
//! | `v` | `Float64`, nullable | value in US dollars (**not** BACI's thousands) |
//! | `q` | `Float64`, nullable | quantity in metric tonnes |
//!
//! A missing value or quantity is an Arrow null, never `NaN` and never `0`. The HS revision and
//! the quantity basis, when the table has them, are schema metadata (`hs_revision`,
//! `quantity_basis`) and come back on reading.
//!
//! Reading ([`TradeTable::from_record_batches`]) also takes what other tools write: `t` as any
//! integer type; `i`, `j`, `k` as dictionary or plain text (`Utf8`, `LargeUtf8`, `Utf8View`) or
//! integers (BACI's numeric codes: `842` reads as the USA, `10121` as HS `010121`); `v`, `q` as
//! `Float64` or `Float32`. A `NaN`, negative or infinite `v` or `q` is refused (naming the row),
//! as is a null year, economy or product.
//!
//! Group statistics ([`Concentration`]) become two batches: one row per (product, year) group
//! ([`Concentration::groups_record_batch`]) and one row per party share
//! ([`Concentration::shares_record_batch`]).
//!
//! # Example
//!
//! ```
//! use critical_minerals::trade::columnar::TradeTable;
//! use critical_minerals::geo::Country;
//!
//! let (cl, cn) = (Country::from_code("CL")?, Country::from_code("CN")?);
//! let t = TradeTable::from_rows([
//!     (2023, cl, cn, 283691, Some(9.0e9), Some(120_000.0)),
//!     (2023, cl, cn, 10121, Some(5.0e6), None),
//! ])?;
//! let batch = t.to_record_batch()?;
//! assert_eq!(batch.num_rows(), 2);
//! assert_eq!(batch.column_by_name("q").map(|q| q.null_count()), Some(1)); // missing, not 0
//! let back = TradeTable::from_record_batches("example", [&batch])?;
//! assert_eq!(back, t);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, DictionaryArray, Float64Array, Int16Array, Int32Array, RecordBatch, StringArray, UInt16Array,
    UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use super::kernels::{Additive, Concentration, Party};
use super::table::TradeTable;
use crate::Error;
use crate::error::Detail;
use crate::geo::Economy;
use crate::material::Basis;
use crate::trade::HsRevision;
use crate::units;

/// Schema metadata key of the HS revision.
pub const HS_REVISION_KEY: &str = "hs_revision";
/// Schema metadata key of the quantity basis.
pub const QUANTITY_BASIS_KEY: &str = "quantity_basis";

fn dict_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::UInt16), Box::new(DataType::Utf8))
}

fn with_doc(field: Field, doc: &str) -> Field {
    field.with_metadata(HashMap::from([("description".to_string(), doc.to_string())]))
}

/// The Arrow schema of a [`TradeTable`] (see the [module documentation](self)), without the
/// table-specific metadata.
pub fn trade_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        with_doc(Field::new("t", DataType::Int16, false), "year"),
        with_doc(Field::new("i", dict_type(), false), "exporter: alpha-3 of a country, else the trade code"),
        with_doc(Field::new("j", dict_type(), false), "importer: alpha-3 of a country, else the trade code"),
        with_doc(Field::new("k", dict_type(), false), "HS6 product code, six digits"),
        with_doc(Field::new("v", DataType::Float64, true), "value in US dollars; null where missing"),
        with_doc(Field::new("q", DataType::Float64, true), "quantity in metric tonnes; null where missing"),
    ]))
}

fn arrow_err(origin: &str, e: impl std::fmt::Display) -> Error {
    Detail::ArrowIo { origin: origin.to_string(), message: e.to_string() }.into()
}

fn float_column(values: &[f64], valid: &super::table::Bitmap) -> Float64Array {
    Float64Array::from_iter((0..values.len()).map(|r| valid.get(r).unwrap_or(false).then(|| values[r])))
}

impl TradeTable {
    /// The table as one Arrow record batch (layout in the [module documentation](self)).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) if Arrow refuses the columns (it does not for a
    /// table built by this crate).
    pub fn to_record_batch(&self) -> Result<RecordBatch, Error> {
        let origin = "trade table";
        let labels = StringArray::from_iter_values(self.economies.iter().map(|e| e.label()));
        let labels: ArrayRef = Arc::new(labels);
        let economy = |codes: &[u16]| -> Result<ArrayRef, Error> {
            let keys = UInt16Array::from(codes.to_vec());
            let d = DictionaryArray::<UInt16Type>::try_new(keys, labels.clone()).map_err(|e| arrow_err(origin, e))?;
            Ok(Arc::new(d))
        };
        let hs = StringArray::from_iter_values(self.hs6_dict.iter().map(|k| format!("{k:06}")));
        let k = DictionaryArray::<UInt16Type>::try_new(UInt16Array::from(self.commodity.clone()), Arc::new(hs))
            .map_err(|e| arrow_err(origin, e))?;
        let tonnes: Vec<f64> = self.quantity.iter().map(|m| units::as_tonnes(*m)).collect();
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int16Array::from(self.year.clone())),
            economy(&self.exporter)?,
            economy(&self.importer)?,
            Arc::new(k),
            Arc::new(float_column(&self.value_usd, &self.value_valid)),
            Arc::new(float_column(&tonnes, &self.quantity_valid)),
        ];
        let mut metadata = HashMap::new();
        if let Some(r) = self.hs_revision {
            metadata.insert(HS_REVISION_KEY.to_string(), r.to_string());
        }
        if let Some(b) = &self.quantity_basis {
            metadata.insert(QUANTITY_BASIS_KEY.to_string(), b.to_string());
        }
        let schema = Schema::new(trade_schema().fields().clone()).with_metadata(metadata);
        RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| arrow_err(origin, e))
    }

    /// A table from record batches (layout and accepted types in the [module
    /// documentation](self)); `origin` names them in errors (a file name). The HS revision and
    /// quantity basis are taken from the first batch's schema metadata.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData): a column absent or of another
    /// type (naming it and its type), a null year, economy or product, an economy label that is
    /// neither an alpha-3 code nor a trade code, an HS code that is not six digits (naming the
    /// row, counted over all batches from 0); and as [`TradeTable::from_rows`] (a `NaN`,
    /// negative or infinite value or quantity).
    pub fn from_record_batches<'a>(
        origin: &str,
        batches: impl IntoIterator<Item = &'a RecordBatch>,
    ) -> Result<TradeTable, Error> {
        let mut rows = Vec::new();
        let mut revision = None;
        let mut basis = None;
        for (b, batch) in batches.into_iter().enumerate() {
            if b == 0 {
                let md = batch.schema_ref().metadata();
                if let Some(r) = md.get(HS_REVISION_KEY) {
                    revision = Some(HsRevision::parse(r)?);
                }
                if let Some(s) = md.get(QUANTITY_BASIS_KEY) {
                    basis = Some(s.parse::<Basis>()?);
                }
            }
            let first_row = rows.len();
            let col = |name: &str| {
                batch.column_by_name(name).ok_or_else(|| -> Error {
                    Detail::ArrowColumn {
                        origin: origin.to_string(),
                        column: name.to_string(),
                        found: "absent".to_string(),
                        expected: "a column of the trade table (t, i, j, k, v, q)",
                    }
                    .into()
                })
            };
            let years = decode(origin, "t", col("t")?, first_row, &parse_year)?;
            let exporters = decode(origin, "i", col("i")?, first_row, &parse_economy)?;
            let importers = decode(origin, "j", col("j")?, first_row, &parse_economy)?;
            let products = decode(origin, "k", col("k")?, first_row, &parse_hs6)?;
            let values = floats(origin, "v", col("v")?)?;
            let quantities = floats(origin, "q", col("q")?)?;
            for r in 0..batch.num_rows() {
                rows.push((years[r], exporters[r], importers[r], products[r], values[r], quantities[r]));
            }
        }
        let mut t = TradeTable::from_rows(rows)?;
        t.hs_revision = revision;
        t.quantity_basis = basis;
        Ok(t)
    }
}

fn parse_year(s: &str) -> Result<i32, &'static str> {
    s.trim().parse::<i16>().map(i32::from).map_err(|_| "a year in -32768..=32767")
}

fn parse_economy(s: &str) -> Result<Economy, &'static str> {
    Economy::try_from(s.to_string()).map_err(|_| "an alpha-3 code or a trade code")
}

fn parse_hs6(s: &str) -> Result<u32, &'static str> {
    let t = s.trim();
    if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err("an HS6 code of at most six digits");
    }
    t.parse::<u32>().map_err(|_| "an HS6 code of at most six digits")
}

/// Decodes a text-like or integer column, parsing each distinct dictionary value once.
fn decode<T: Copy>(
    origin: &str,
    column: &'static str,
    array: &ArrayRef,
    first_row: usize,
    parse: &dyn Fn(&str) -> Result<T, &'static str>,
) -> Result<Vec<T>, Error> {
    let bad_value = |row: usize, value: String, expected: &'static str| -> Error {
        Detail::InvalidRow { row: first_row + row, column, value, expected }.into()
    };
    if let Some(d) = array.as_any_dictionary_opt() {
        let values = decode_nullable(origin, column, d.values())?;
        let parsed: Vec<Option<Result<T, &'static str>>> = values.iter().map(|v| v.as_deref().map(parse)).collect();
        let keys = d.normalized_keys();
        let mut out = Vec::with_capacity(keys.len());
        for (r, key) in keys.into_iter().enumerate() {
            match (d.keys().is_valid(r), parsed.get(key)) {
                (true, Some(Some(Ok(v)))) => out.push(*v),
                (true, Some(Some(Err(expected)))) => {
                    return Err(bad_value(r, values[key].clone().unwrap_or_default(), expected));
                }
                _ => return Err(bad_value(r, "null".into(), "a value (no nulls in this column)")),
            }
        }
        return Ok(out);
    }
    let texts = decode_nullable(origin, column, array)?;
    texts
        .into_iter()
        .enumerate()
        .map(|(r, s)| match s {
            None => Err(bad_value(r, "null".into(), "a value (no nulls in this column)")),
            Some(s) => parse(&s).map_err(|expected| bad_value(r, s, expected)),
        })
        .collect()
}

/// A text or integer column as optional strings.
fn decode_nullable(origin: &str, column: &'static str, a: &ArrayRef) -> Result<Vec<Option<String>>, Error> {
    macro_rules! ints {
        ($t:ty) => {
            a.as_primitive::<$t>().iter().map(|v| v.map(|v| v.to_string())).collect()
        };
    }
    Ok(match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().iter().map(|s| s.map(str::to_string)).collect(),
        DataType::LargeUtf8 => a.as_string::<i64>().iter().map(|s| s.map(str::to_string)).collect(),
        DataType::Utf8View => a.as_string_view().iter().map(|s| s.map(str::to_string)).collect(),
        DataType::Int16 => ints!(Int16Type),
        DataType::Int32 => ints!(Int32Type),
        DataType::Int64 => ints!(Int64Type),
        DataType::UInt16 => ints!(UInt16Type),
        DataType::UInt32 => ints!(UInt32Type),
        DataType::UInt64 => ints!(UInt64Type),
        other => {
            return Err(Detail::ArrowColumn {
                origin: origin.to_string(),
                column: column.to_string(),
                found: other.to_string(),
                expected: "text (Utf8, LargeUtf8, Utf8View, or a dictionary of them) or an integer type",
            }
            .into());
        }
    })
}

fn floats(origin: &str, column: &'static str, a: &ArrayRef) -> Result<Vec<Option<f64>>, Error> {
    Ok(match a.data_type() {
        DataType::Float64 => a.as_primitive::<Float64Type>().iter().collect(),
        DataType::Float32 => a.as_primitive::<Float32Type>().iter().map(|v| v.map(f64::from)).collect(),
        other => {
            return Err(Detail::ArrowColumn {
                origin: origin.to_string(),
                column: column.to_string(),
                found: other.to_string(),
                expected: "Float64 or Float32, null where missing",
            }
            .into());
        }
    })
}

impl<V: Additive> Concentration<V> {
    /// One row per (product, year) group: `k` (HS6, six digits), `t` (year), `party`
    /// (`exporter` or `importer`), `rows` (table rows in the group), `total` (in the unit of
    /// the field's `unit` metadata: `USD` or `kg`), `parties`, `hhi` (fraction), `hhi_points`,
    /// `cr` (CR-n, n in the schema metadata `cr_n`), `effective_number`; the last four null
    /// when the total is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable};
    /// use critical_minerals::geo::Country;
    ///
    /// let (cl, au, cn) = (Country::from_code("CL")?, Country::from_code("AU")?, Country::from_code("CN")?);
    /// let t = TradeTable::from_rows([
    ///     (2023, cl, cn, 283691, Some(6.0), None),
    ///     (2023, au, cn, 283691, Some(4.0), None),
    /// ])?;
    /// let c = t.value_concentration(Party::Exporter, &GroupOptions::default())?;
    /// let groups = c.groups_record_batch()?;
    /// assert_eq!(groups.num_rows(), 1);
    /// assert_eq!(c.shares_record_batch()?.num_rows(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) if Arrow refuses the columns (it does not).
    pub fn groups_record_batch(&self) -> Result<RecordBatch, Error> {
        let groups: Vec<_> = self.iter().collect();
        let n = groups.len();
        let party = party_name(self.party());
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(groups.iter().map(|g| format!("{:06}", g.hs6)))),
            Arc::new(Int32Array::from_iter_values(groups.iter().map(|g| g.year))),
            Arc::new(StringArray::from_iter_values(std::iter::repeat_n(party, n))),
            Arc::new(UInt64Array::from_iter_values(groups.iter().map(|g| g.rows))),
            Arc::new(Float64Array::from_iter_values(groups.iter().map(|g| g.total.raw()))),
            Arc::new(UInt32Array::from_iter_values(
                groups.iter().map(|g| u32::try_from(g.parties).unwrap_or(u32::MAX)),
            )),
            Arc::new(Float64Array::from_iter(groups.iter().map(|g| g.hhi))),
            Arc::new(Float64Array::from_iter(groups.iter().map(|g| g.hhi_points()))),
            Arc::new(Float64Array::from_iter(groups.iter().map(|g| g.cr))),
            Arc::new(Float64Array::from_iter(groups.iter().map(|g| g.effective_number()))),
        ];
        let unit = HashMap::from([("unit".to_string(), V::UNIT.to_string())]);
        let schema = Schema::new(vec![
            Field::new("k", DataType::Utf8, false),
            Field::new("t", DataType::Int32, false),
            Field::new("party", DataType::Utf8, false),
            Field::new("rows", DataType::UInt64, false),
            Field::new("total", DataType::Float64, false).with_metadata(unit),
            Field::new("parties", DataType::UInt32, false),
            Field::new("hhi", DataType::Float64, true),
            Field::new("hhi_points", DataType::Float64, true),
            Field::new("cr", DataType::Float64, true),
            Field::new("effective_number", DataType::Float64, true),
        ])
        .with_metadata(HashMap::from([("cr_n".to_string(), self.cr_n().to_string())]));
        RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| arrow_err("group statistics", e))
    }

    /// One row per party with a positive total in each group: `k`, `t`, `party` (`exporter` or
    /// `importer`), `economy` (its label), `total` (unit in the field metadata), `share`
    /// (fraction of the group total).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) if Arrow refuses the columns (it does not).
    pub fn shares_record_batch(&self) -> Result<RecordBatch, Error> {
        let (mut k, mut t, mut economy, mut total, mut share) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for g in self.iter() {
            for s in self.shares(g.index) {
                k.push(format!("{:06}", g.hs6));
                t.push(g.year);
                economy.push(s.economy.label());
                total.push(s.total.raw());
                share.push(s.share);
            }
        }
        let n = k.len();
        let unit = HashMap::from([("unit".to_string(), V::UNIT.to_string())]);
        let schema = Schema::new(vec![
            Field::new("k", DataType::Utf8, false),
            Field::new("t", DataType::Int32, false),
            Field::new("party", DataType::Utf8, false),
            Field::new("economy", DataType::Utf8, false),
            Field::new("total", DataType::Float64, false).with_metadata(unit),
            Field::new("share", DataType::Float64, false),
        ]);
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(k)),
            Arc::new(Int32Array::from(t)),
            Arc::new(StringArray::from_iter_values(std::iter::repeat_n(party_name(self.party()), n))),
            Arc::new(StringArray::from(economy)),
            Arc::new(Float64Array::from(total)),
            Arc::new(Float64Array::from(share)),
        ];
        RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| arrow_err("party shares", e))
    }
}

fn party_name(p: Party) -> &'static str {
    match p {
        Party::Exporter => "exporter",
        Party::Importer => "importer",
    }
}
