//! The columnar trade table and group statistics as Parquet files (feature `arrow`).
//!
//! Files are written with Snappy compression and the Arrow schema of
//! [`trade_schema`](super::arrow::trade_schema) embedded, so Arrow readers (DataFusion, DuckDB,
//! Polars, pyarrow) get the dictionary columns, the nulls and the metadata back. Reading takes
//! what [`TradeTable::from_record_batches`] takes.
//!
//! # Example
//!
//! ```
//! use critical_minerals::trade::columnar::{TradeTable, write_parquet};
//! use critical_minerals::geo::Country;
//!
//! let (cl, cn) = (Country::from_code("CL")?, Country::from_code("CN")?);
//! let t = TradeTable::from_rows([(2023, cl, cn, 283691, Some(9.0e9), None)])?;
//! let mut bytes = Vec::new();
//! write_parquet(&t.to_record_batch()?, &mut bytes)?;
//! let back = TradeTable::read_parquet_bytes("in memory", bytes)?;
//! assert_eq!(back, t);
//! assert_eq!(back.quantity(0), None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs::File;
use std::io::Write;
use std::path::Path;

use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::ChunkReader;

use super::table::TradeTable;
use crate::Error;
use crate::error::Detail;

fn io(origin: &str, e: impl std::fmt::Display) -> Error {
    Detail::ArrowIo { origin: origin.to_string(), message: e.to_string() }.into()
}

/// Writes record batches (all of one schema) as one Parquet file, Snappy compressed.
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) if writing fails or the batches' schemas differ.
pub fn write_parquet_batches<'a, W: Write + Send>(
    batches: impl IntoIterator<Item = &'a RecordBatch>,
    out: W,
) -> Result<(), Error> {
    let mut batches = batches.into_iter().peekable();
    let Some(first) = batches.peek() else {
        return Err(Detail::Empty { what: "record batches to write as Parquet".to_string() }.into());
    };
    // the schema's metadata (e.g. a group statistics' `cr_n`) also as the file's key-value
    // metadata, so that any Parquet reader sees it, not only one that decodes the Arrow schema
    let kv: Vec<KeyValue> =
        first.schema().metadata().iter().map(|(k, v)| KeyValue::new(k.clone(), v.clone())).collect();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata((!kv.is_empty()).then_some(kv))
        .build();
    let mut w = ArrowWriter::try_new(out, first.schema(), Some(props)).map_err(|e| io("Parquet writer", e))?;
    for b in batches {
        w.write(b).map_err(|e| io("Parquet writer", e))?;
    }
    w.close().map_err(|e| io("Parquet writer", e))?;
    Ok(())
}

/// Writes one record batch as a Parquet file (a table's
/// [`to_record_batch`](TradeTable::to_record_batch), or a group statistics'
/// [`groups_record_batch`](super::Concentration::groups_record_batch)).
///
/// # Errors
///
/// As [`write_parquet_batches`].
pub fn write_parquet<W: Write + Send>(batch: &RecordBatch, out: W) -> Result<(), Error> {
    write_parquet_batches([batch], out)
}

/// Writes one record batch to a Parquet file at `path` (created or truncated).
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the file.
pub fn write_parquet_file(batch: &RecordBatch, path: impl AsRef<Path>) -> Result<(), Error> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let f = File::create(path)
        .map_err(|e| -> Error { Detail::FileIo { file: name.clone(), message: e.to_string() }.into() })?;
    write_parquet(batch, f).map_err(|e| io(&name, e))
}

/// Reads every record batch of a Parquet file or byte buffer.
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) naming `origin` when the bytes are not Parquet.
pub fn read_parquet_batches<R: ChunkReader + 'static>(origin: &str, input: R) -> Result<Vec<RecordBatch>, Error> {
    let builder = ParquetRecordBatchReaderBuilder::try_new(input).map_err(|e| io(origin, e))?;
    // the file's key-value metadata back into each batch's schema (see `write_parquet_batches`)
    let mut metadata = builder.schema().metadata().clone();
    if let Some(kv) = builder.metadata().file_metadata().key_value_metadata() {
        for e in kv.iter().filter(|e| e.key != "ARROW:schema") {
            if let Some(v) = &e.value {
                metadata.entry(e.key.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    let reader = builder.with_batch_size(64 * 1024).build().map_err(|e| io(origin, e))?;
    reader
        .map(|b| {
            let b = b.map_err(|e| io(origin, e))?;
            if metadata.is_empty() || b.schema().metadata() == &metadata {
                return Ok(b);
            }
            let schema = std::sync::Arc::new(b.schema().as_ref().clone().with_metadata(metadata.clone()));
            b.with_schema(schema).map_err(|e| io(origin, e))
        })
        .collect()
}

impl TradeTable {
    /// Writes the table to a Parquet file (layout of
    /// [`to_record_batch`](TradeTable::to_record_batch)).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the file.
    pub fn write_parquet_file(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write_parquet_file(&self.to_record_batch()?, path)
    }

    /// Reads a table from a Parquet file.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the file; and as
    /// [`TradeTable::from_record_batches`].
    pub fn read_parquet_file(path: impl AsRef<Path>) -> Result<TradeTable, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let f = File::open(path)
            .map_err(|e| -> Error { Detail::FileIo { file: name.clone(), message: e.to_string() }.into() })?;
        let batches = read_parquet_batches(&name, f)?;
        TradeTable::from_record_batches(&name, &batches)
    }

    /// Reads a table from Parquet bytes in memory; `origin` names them in errors.
    ///
    /// # Errors
    ///
    /// As [`TradeTable::read_parquet_file`].
    pub fn read_parquet_bytes(origin: &str, bytes: Vec<u8>) -> Result<TradeTable, Error> {
        let batches = read_parquet_batches(origin, bytes::Bytes::from(bytes))?;
        TradeTable::from_record_batches(origin, &batches)
    }
}
