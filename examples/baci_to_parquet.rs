//! Converts BACI CSV files to Parquet, partitioned by year (feature `arrow`).
//!
//! ```text
//! cargo run --release --features arrow --example baci_to_parquet -- OUT_DIR BACI_HS92_Y2022_V202501.csv [more.csv ...]
//! ```
//!
//! Each file is read in chunks of rows (memory follows the chunk, not the file) and every chunk
//! is written as `OUT_DIR/year=YYYY/part-NNNNN.parquet` (Hive-style directories, which DataFusion,
//! DuckDB, Polars and Spark read as one table). Columns are BACI's (`t,i,j,k,v,q`): economies
//! and HS codes as dictionary-encoded text, `v` in US dollars (BACI's thousands multiplied out),
//! `q` in tonnes, missing quantities as nulls. The load report of each file (rows read,
//! filtered, unknown codes) is printed, and the rows written per year.
//!
//! Without arguments it converts a small inline sample into a temporary directory and reads it
//! back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use critical_minerals::trade::columnar::{BaciOptions, BaciReader, TradeTable};

fn convert(
    input: &Path,
    out: &Path,
    written: &mut BTreeMap<i32, usize>,
    part: &mut usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let opts = BaciOptions::default();
    let mut reader = BaciReader::open_with(input, &opts)?;
    for chunk in reader.by_ref() {
        let chunk = chunk?;
        let revision = chunk.hs_revision();
        let mut by_year: BTreeMap<i32, Vec<_>> = BTreeMap::new();
        for r in chunk.rows() {
            let row = (r.year, r.exporter, r.importer, r.hs6, r.value_usd, r.quantity_t());
            by_year.entry(r.year).or_default().push(row);
        }
        for (year, rows) in by_year {
            let n = rows.len();
            let mut t = TradeTable::from_rows(rows)?;
            if let Some(rev) = revision {
                t = t.with_hs_revision(rev);
            }
            let dir = out.join(format!("year={year}"));
            std::fs::create_dir_all(&dir)?;
            t.write_parquet_file(dir.join(format!("part-{:05}.parquet", *part)))?;
            *part += 1;
            *written.entry(year).or_default() += n;
        }
    }
    println!("{}: {:?}", input.display(), reader.report());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, inputs, demo) = match args.split_first() {
        Some((out, inputs)) if !inputs.is_empty() => {
            (PathBuf::from(out), inputs.iter().map(PathBuf::from).collect::<Vec<_>>(), false)
        }
        Some(_) => return Err("usage: baci_to_parquet OUT_DIR BACI.csv [more.csv ...]".into()),
        None => {
            let dir = std::env::temp_dir().join(format!("baci_to_parquet_demo_{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            let csv = dir.join("BACI_HS92_Y2022_V202501.csv");
            std::fs::write(
                &csv,
                "t,i,j,k,v,q\n2022,152,156,283691,6000,40000\n2022,32,156,283691,2000,NA\n\
                 2022,842,156,283691,2000,10000\n2023,36,156,253090,5000,   \n",
            )?;
            (dir.join("parquet"), vec![csv], true)
        }
    };
    let mut written = BTreeMap::new();
    let mut part = 0;
    for input in &inputs {
        convert(input, &out, &mut written, &mut part)?;
    }
    for (year, rows) in &written {
        println!("year {year}: {rows} rows in {}", out.join(format!("year={year}")).display());
    }
    if demo {
        let dir = out.join("year=2022");
        let mut files: Vec<_> = std::fs::read_dir(&dir)?.collect::<Result<Vec<_>, _>>()?;
        files.sort_by_key(|e| e.path());
        let first = files.first().ok_or("no file written")?;
        let t = TradeTable::read_parquet_file(first.path())?;
        println!("read back {} rows; quantity of row 1: {:?} (missing stays missing)", t.len(), t.quantity(1));
        std::fs::remove_dir_all(out.parent().ok_or("no parent")?)?;
    }
    Ok(())
}
