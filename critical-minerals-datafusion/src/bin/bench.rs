//! Benchmark harness: the per-(product, year) exporter HHI and CR4 from BACI-like Parquet, by
//! DataFusion with this crate's functions and by critical-minerals' own kernel. DuckDB and
//! Polars run the same query from `bench.py` next to this crate's `Cargo.toml`.
//!
//! ```text
//! cargo run --release -p critical-minerals-datafusion --bin bench-datafusion -- gen --rows 20000000 --dir /tmp/baci20m
//! /usr/bin/time -v target/release/bench-datafusion datafusion --dir /tmp/baci20m --runs 3
//! /usr/bin/time -v target/release/bench-datafusion native --dir /tmp/baci20m --runs 3
//! ```
//!
//! * `gen`: a synthetic BACI-like table (`critical_minerals::trade::columnar::synthetic`: 5,000
//!   products × 25 years, Zipf exporters, seed 42) written as Parquet, one file per year under
//!   `DIR/year=YYYY/`, BACI's columns (`t,i,j,k,v,q`; `i`, `j`, `k` dictionary-encoded text).
//! * `datafusion`: `SELECT k, t, hhi_by(i, v), cr_by(i, v, 4) FROM baci GROUP BY k, t` over the
//!   directory, `--threads` target partitions (default: every core); each run reads the files.
//! * `native`: reads the directory into a `TradeTable` (timed: `load`) and runs
//!   `value_concentration(Party::Exporter)` on every core (timed: `kernel`); `total` is both.
//!
//! Prints min / median / max seconds of `--runs` runs and the number of groups.

use std::path::{Path, PathBuf};
use std::time::Instant;

use critical_minerals::trade::columnar::{
    GroupOptions, Party, SynthSpec, TradeTable, read_parquet_batches, synthetic, write_parquet_batches,
};
use critical_minerals_datafusion::register;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const QUERY: &str = "SELECT k, t, hhi_by(i, v) AS hhi, cr_by(i, v, 4) AS cr4 FROM baci GROUP BY k, t";

struct Args {
    mode: String,
    rows: usize,
    runs: usize,
    dir: PathBuf,
    threads: usize,
}

fn args() -> Res<Args> {
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut a = Args {
        mode: v.first().cloned().unwrap_or_default(),
        rows: 20_000_000,
        runs: 3,
        dir: "/tmp/baci_parquet".into(),
        threads: 0,
    };
    let mut i = 1;
    while i < v.len() {
        let next = v.get(i + 1).cloned().ok_or_else(|| format!("{} needs a value", v[i]))?;
        match v[i].as_str() {
            "--rows" => a.rows = next.replace('_', "").parse()?,
            "--runs" => a.runs = next.parse()?,
            "--dir" => a.dir = next.into(),
            "--threads" => a.threads = next.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    if a.threads == 0 {
        a.threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    }
    Ok(a)
}

fn stats(name: &str, mut secs: Vec<f64>) {
    secs.sort_by(f64::total_cmp);
    let med = secs[secs.len() / 2];
    println!(
        "{name}: min {:.3} s, median {med:.3} s, max {:.3} s ({} runs)",
        secs[0],
        secs[secs.len() - 1],
        secs.len()
    );
}

fn parquet_files(dir: &Path) -> Res<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            out.extend(parquet_files(&p)?);
        } else if p.extension().is_some_and(|x| x == "parquet") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

fn generate(a: &Args) -> Res<()> {
    let t0 = Instant::now();
    let spec = SynthSpec::rows(a.rows);
    let t = synthetic(&spec, 0);
    println!("generated {} rows in {:.1} s", t.len(), t0.elapsed().as_secs_f64());
    // one year at a time, in batches of 1 M rows
    let years = t.year_column();
    let mut first: Vec<i16> = years.to_vec();
    first.sort_unstable();
    first.dedup();
    for year in first {
        let rows: Vec<_> = (0..t.len())
            .filter(|&r| years[r] == year)
            .filter_map(|r| t.row(r))
            .map(|r| (r.year, r.exporter, r.importer, r.hs6, r.value_usd, r.quantity_t()))
            .collect();
        let mut batches = Vec::new();
        for chunk in rows.chunks(1 << 20) {
            batches.push(TradeTable::from_rows(chunk.to_vec())?.to_record_batch()?);
        }
        let dir = a.dir.join(format!("year={year}"));
        std::fs::create_dir_all(&dir)?;
        let f = std::fs::File::create(dir.join("part-0.parquet"))?;
        write_parquet_batches(&batches, f)?;
    }
    println!("wrote {} in {:.1} s", a.dir.display(), t0.elapsed().as_secs_f64());
    Ok(())
}

async fn datafusion_runs(a: &Args) -> Res<()> {
    let mut secs = Vec::new();
    let mut groups = 0;
    for _ in 0..a.runs {
        let t0 = Instant::now();
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(a.threads));
        register(&ctx);
        ctx.register_parquet("baci", a.dir.to_string_lossy().as_ref(), ParquetReadOptions::default()).await?;
        let batches = ctx.sql(QUERY).await?.collect().await?;
        groups = batches.iter().map(|b| b.num_rows()).sum::<usize>();
        secs.push(t0.elapsed().as_secs_f64());
    }
    println!("datafusion + UDFs, {} partitions: {groups} groups", a.threads);
    stats("datafusion", secs);
    Ok(())
}

fn native_runs(a: &Args) -> Res<()> {
    let (mut load, mut kernel, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut groups = 0;
    let files = parquet_files(&a.dir)?;
    for _ in 0..a.runs {
        let t0 = Instant::now();
        // files are read on `threads` threads, then appended
        let chunks: Vec<Res<TradeTable>> = std::thread::scope(|s| {
            let per = files.len().div_ceil(a.threads).max(1);
            let handles: Vec<_> = files
                .chunks(per)
                .map(|part| {
                    s.spawn(move || -> Res<TradeTable> {
                        let mut t = TradeTable::default();
                        for f in part {
                            let name = f.display().to_string();
                            let batches = read_parquet_batches(&name, std::fs::File::open(f)?)?;
                            t.append(&TradeTable::from_record_batches(&name, &batches)?)?;
                        }
                        Ok(t)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().map_err(|_| "reader thread failed")?).collect()
        });
        let mut t = TradeTable::default();
        for c in chunks {
            t.append(&c?)?;
        }
        let t1 = Instant::now();
        let c =
            t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(a.threads).with_cr_n(4))?;
        groups = c.len();
        let t2 = Instant::now();
        load.push((t1 - t0).as_secs_f64());
        kernel.push((t2 - t1).as_secs_f64());
        total.push((t2 - t0).as_secs_f64());
    }
    println!("native, {} threads: {groups} groups", a.threads);
    stats("native load (Parquet -> TradeTable)", load);
    stats("native kernel", kernel);
    stats("native total", total);
    Ok(())
}

fn main() -> Res<()> {
    let a = args()?;
    match a.mode.as_str() {
        "gen" => generate(&a),
        "datafusion" => {
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            rt.block_on(datafusion_runs(&a))
        }
        "native" => native_runs(&a),
        _ => {
            Err("usage: bench-datafusion gen|datafusion|native [--rows N] [--runs N] [--dir DIR] [--threads N]".into())
        }
    }
}
