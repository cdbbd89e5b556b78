//! Fixtures: a synthetic BACI-like table written as Parquet partitions, and result readers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use critical_minerals::trade::columnar::{SynthSpec, TradeTable, synthetic};
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Float64Type, Int64Type};

/// A small synthetic table: 12 products × 3 years, Zipf-distributed exporters, each exporter
/// many times per group (exporter × importer rows), a few values missing.
pub fn table() -> Result<TradeTable, Box<dyn std::error::Error>> {
    let spec = SynthSpec {
        rows: 30_000,
        products: 12,
        years: 3,
        first_year: 2020,
        zipf_s: 1.1,
        missing_quantity: 0.05,
        seed: 7,
    };
    let t = synthetic(&spec, 1);
    // blank every 50th value: NULL weights that the functions must skip
    let rows = t.rows().enumerate().map(|(n, r)| {
        let v = if n % 50 == 0 { None } else { r.value_usd };
        (r.year, r.exporter, r.importer, r.hs6, v, r.quantity_t())
    });
    Ok(TradeTable::from_rows(rows.collect::<Vec<_>>())?)
}

/// Writes `t` as Parquet partitions under a fresh temporary directory: one directory per year,
/// `parts` files each; returns the directory.
pub fn write_partitions(t: &TradeTable, name: &str, parts: usize) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("cm-df-{name}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let mut by_year: BTreeMap<i32, Vec<_>> = BTreeMap::new();
    for r in t.rows() {
        by_year.entry(r.year).or_default().push((r.year, r.exporter, r.importer, r.hs6, r.value_usd, r.quantity_t()));
    }
    for (year, rows) in by_year {
        let sub = dir.join(format!("year={year}"));
        std::fs::create_dir_all(&sub)?;
        let chunk = rows.len().div_ceil(parts);
        for (p, part) in rows.chunks(chunk).enumerate() {
            TradeTable::from_rows(part.to_vec())?.write_parquet_file(sub.join(format!("part-{p}.parquet")))?;
        }
    }
    Ok(dir)
}

/// Removes a fixture directory.
pub fn remove(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

/// A result's rows keyed by (k, t): the named Float64 columns, `None` for NULL.
pub type Groups = BTreeMap<(i64, i64), Vec<Option<f64>>>;

/// Rows of a result keyed by (k, t) as integers: the named Float64 columns, `None` for NULL.
pub fn by_group(batches: &[RecordBatch], columns: &[&str]) -> Result<Groups, Box<dyn std::error::Error>> {
    let mut out = BTreeMap::new();
    for b in batches {
        let k = b.column_by_name("k").ok_or("no k")?.as_primitive_opt::<Int64Type>().ok_or("k not Int64")?;
        let t = b.column_by_name("t").ok_or("no t")?.as_primitive_opt::<Int64Type>().ok_or("t not Int64")?;
        for r in 0..b.num_rows() {
            let mut vals = Vec::new();
            for c in columns {
                let a = b
                    .column_by_name(c)
                    .ok_or("missing column")?
                    .as_primitive_opt::<Float64Type>()
                    .ok_or("not Float64")?;
                vals.push(a.is_valid(r).then(|| a.value(r)));
            }
            out.insert((k.value(r), t.value(r)), vals);
        }
    }
    Ok(out)
}

/// The query of the documentation, with k and t as integers.
pub const QUERY: &str = "SELECT CAST(k AS BIGINT) AS k, CAST(t AS BIGINT) AS t, \
    hhi_by(i, v) AS hhi, cr_by(i, v, 4) AS cr4, 1.0 / hhi_by(i, v) AS effective \
    FROM baci GROUP BY k, t";
