//! Compares critical-minerals' columnar kernels with Polars on the same in-memory data.
//!
//! ```text
//! cargo run --release -p bench-polars -- compare --rows 100000000 --runs 3
//! cargo run --release -p bench-polars -- memory  --rows 100000000
//! cargo run --release -p bench-polars -- load    --rows 20000000 --file /tmp/baci_20m.csv --runs 3
//! cargo run --release -p bench-polars -- kernel  --rows 20000000 --runs 5 --threads 0
//! ```
//!
//! * `compare`: per (HS6, year) total, exporter shares, HHI and CR4 — Polars lazy
//!   `group_by(k, t, i).sum` then `group_by(k, t)` (in-memory engine), and this crate's
//!   partitioned kernel on all cores and on one; plus one streaming pass summing the columns the
//!   kernel reads, on all cores (the memory-bandwidth floor); checks that both engines give the
//!   same HHI per group (|difference| <= 1e-9). Prints min / median / max of `--runs` runs.
//! * `memory`: generates the table, then runs the kernel once, and prints VmHWM (peak resident
//!   memory) against the bytes of the table's columns. Run it in its own process.
//! * `load`: writes a synthetic BACI file (if absent) and times this crate's loader (all cores
//!   and one thread) against the `csv` crate deserializing into plain structs.

use std::time::Instant;

use critical_minerals::trade::columnar::{GroupOptions, Party, SynthSpec, TradeTable, synthetic};
use polars::prelude::*;

struct Args {
    mode: String,
    rows: usize,
    runs: usize,
    file: String,
    skip_polars: bool,
    threads: Option<usize>,
}

fn args() -> Args {
    let mut a = Args {
        mode: "compare".into(),
        rows: 100_000_000,
        runs: 3,
        file: "/tmp/baci_synth.csv".into(),
        skip_polars: false,
        threads: None,
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < v.len() {
        let next = v.get(i + 1).cloned().unwrap_or_default();
        match v[i].as_str() {
            "--rows" => {
                a.rows = next.replace('_', "").parse().expect("--rows N");
                i += 1;
            }
            "--runs" => {
                a.runs = next.parse().expect("--runs N");
                i += 1;
            }
            "--file" => {
                a.file = next;
                i += 1;
            }
            "--threads" => {
                a.threads = Some(next.parse().expect("--threads N"));
                i += 1;
            }
            "--skip-polars" => a.skip_polars = true,
            m => a.mode = m.to_string(),
        }
        i += 1;
    }
    a
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn stats(xs: &[f64]) -> (f64, f64, f64) {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    (s[0], s[s.len() / 2], s[s.len() - 1])
}

fn show(name: &str, xs: &[f64]) -> (f64, f64, f64) {
    let (lo, med, hi) = stats(xs);
    println!("{name:<44} min {lo:>8.3} s  median {med:>8.3} s  max {hi:>8.3} s");
    (lo, med, hi)
}

fn uptime() -> String {
    std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim().to_string()
}

/// One streaming pass over the columns the kernel reads, on every core.
fn streaming_sum(t: &TradeTable) -> (f64, u64) {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let n = t.len();
    let (c, y, e, v) = (t.commodity_column(), t.year_column(), t.exporter_column(), t.value_usd_column());
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|k| {
                let (lo, hi) = (k * n / threads, (k + 1) * n / threads);
                s.spawn(move || {
                    let mut fv = [0.0f64; 4];
                    let mut iv = 0u64;
                    for (j, (((&c, &y), &e), &v)) in
                        c[lo..hi].iter().zip(&y[lo..hi]).zip(&e[lo..hi]).zip(&v[lo..hi]).enumerate()
                    {
                        fv[j & 3] += v;
                        iv = iv.wrapping_add(u64::from(c) + y as u64 + u64::from(e));
                    }
                    (fv.iter().sum::<f64>(), iv)
                })
            })
            .collect();
        hs.into_iter()
            .map(|h| h.join().unwrap())
            .fold((0.0, 0u64), |a: (f64, u64), b| (a.0 + b.0, a.1.wrapping_add(b.1)))
    })
}

fn to_polars(t: &TradeTable) -> DataFrame {
    let dict = t.commodities();
    let k: Vec<u32> = t.commodity_column().iter().map(|&c| dict[c as usize]).collect();
    let cols = vec![
        Column::new("k".into(), k),
        Column::new("t".into(), t.year_column().to_vec()),
        Column::new("i".into(), t.exporter_column().to_vec()),
        Column::new("v".into(), t.value_usd_column().to_vec()),
    ];
    DataFrame::new_infer_height(cols).expect("data frame")
}

fn polars_query(df: &DataFrame) -> DataFrame {
    let share = col("x") / col("x").sum();
    df.clone()
        .lazy()
        .group_by([col("k"), col("t"), col("i")])
        .agg([col("v").sum().alias("x")])
        .group_by([col("k"), col("t")])
        .agg([
            col("x").sum().alias("total"),
            (share.clone() * share.clone()).sum().alias("hhi"),
            share.top_k(lit(4)).sum().alias("cr4"),
        ])
        .sort(["k", "t"], Default::default())
        .collect()
        .expect("polars query")
}

fn compare(a: &Args) {
    println!("rows {}  runs {}  loadavg at start: {}", a.rows, a.runs, uptime());
    let t0 = Instant::now();
    let t = synthetic(&SynthSpec::rows(a.rows), 0);
    println!("generated in {:.2} s; table columns {:.2} GB", t0.elapsed().as_secs_f64(), t.byte_size() as f64 / 1e9);
    let df = (!a.skip_polars).then(|| {
        let t0 = Instant::now();
        let df = to_polars(&t);
        println!(
            "polars frame built in {:.2} s ({:.2} GB)",
            t0.elapsed().as_secs_f64(),
            df.estimated_size() as f64 / 1e9
        );
        df
    });

    let all = GroupOptions::default();
    let one = GroupOptions::default().with_threads(1);
    let (mut ours, mut ours1, mut pol, mut floor) = (vec![], vec![], vec![], vec![]);
    let mut last_ours = None;
    let mut last_pol = None;
    for run in 0..a.runs {
        let s = Instant::now();
        let sum = streaming_sum(&t);
        floor.push(s.elapsed().as_secs_f64());
        std::hint::black_box(sum);

        let s = Instant::now();
        let c = t.value_concentration(Party::Exporter, &all).expect("kernel");
        ours.push(s.elapsed().as_secs_f64());
        last_ours = Some(c);

        let s = Instant::now();
        let c = t.value_concentration(Party::Exporter, &one).expect("kernel");
        ours1.push(s.elapsed().as_secs_f64());
        std::hint::black_box(c.len());

        if let Some(df) = &df {
            let s = Instant::now();
            let p = polars_query(df);
            pol.push(s.elapsed().as_secs_f64());
            last_pol = Some(p);
        } else {
            pol.push(f64::NAN);
        }
        println!(
            "run {run}: floor {:.3} s, ours {:.3} s, ours(1 thread) {:.3} s, polars {:.3} s  [loadavg {}]",
            floor[run],
            ours[run],
            ours1[run],
            pol[run],
            uptime()
        );
    }
    println!();
    let f = show("streaming sum of the 4 columns (all cores)", &floor);
    let o = show("critical-minerals kernel (all cores)", &ours);
    let o1 = show("critical-minerals kernel (1 thread)", &ours1);
    println!("ours / streaming-sum floor: median {:.2}x  (min/min {:.2}x)", o.1 / f.1, o.0 / f.0);
    println!("fingerprint of the last result (all cores): {:016x}", fingerprint(last_ours.as_ref().expect("a run")));
    if a.skip_polars {
        return;
    }
    let p = show("polars lazy group_by (all cores)", &pol);
    println!("polars / ours (all cores):  median {:.1}x  (min/min {:.1}x)", p.1 / o.1, p.0 / o.0);
    println!("polars / ours (1 thread):   median {:.1}x", p.1 / o1.1);

    // same HHI per group
    let (c, p) = (last_ours.expect("a run"), last_pol.expect("a run"));
    let k = p.column("k").unwrap().u32().unwrap();
    let y = p.column("t").unwrap().i16().unwrap();
    let h = p.column("hhi").unwrap().f64().unwrap();
    let cr = p.column("cr4").unwrap().f64().unwrap();
    assert_eq!(c.len(), p.height(), "group counts differ");
    let (mut worst_h, mut worst_cr) = (0.0f64, 0.0f64);
    for (i, g) in c.iter().enumerate() {
        assert_eq!((Some(g.hs6), Some(g.year as i16)), (k.get(i), y.get(i)), "group {i}");
        worst_h = worst_h.max((g.hhi.unwrap_or(0.0) - h.get(i).unwrap_or(f64::NAN)).abs());
        worst_cr = worst_cr.max((g.cr.unwrap_or(0.0) - cr.get(i).unwrap_or(f64::NAN)).abs());
    }
    println!(
        "verified {} groups: max |HHI difference| {worst_h:.2e}, max |CR4 difference| {worst_cr:.2e} (tolerance 1e-9): {}",
        c.len(),
        if worst_h <= 1e-9 && worst_cr <= 1e-9 { "OK" } else { "MISMATCH" }
    );
    assert!(worst_h <= 1e-9 && worst_cr <= 1e-9);
}

fn memory(a: &Args) {
    let base = vm_hwm_kib();
    let t = synthetic(&SynthSpec::rows(a.rows), 0);
    let after_gen = vm_hwm_kib();
    let c = t.value_concentration(Party::Exporter, &GroupOptions::default()).expect("kernel");
    let after = vm_hwm_kib();
    let cols = t.byte_size() as f64;
    println!("rows {}  groups {}  shares {}", a.rows, c.len(), c.share_count());
    println!("columns:                    {:>8.3} GB", cols / 1e9);
    println!("VmHWM at start:             {:>8.3} GB", base as f64 * 1024.0 / 1e9);
    println!("VmHWM after generation:     {:>8.3} GB", after_gen as f64 * 1024.0 / 1e9);
    println!("VmHWM after the aggregation:{:>8.3} GB", after as f64 * 1024.0 / 1e9);
    println!("peak / columns:             {:>8.3}", after as f64 * 1024.0 / cols);
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct BaciRow {
    t: i32,
    i: u16,
    j: u16,
    k: u32,
    v: f64,
    #[serde(deserialize_with = "csv::invalid_option")]
    q: Option<f64>,
}

fn write_baci(path: &str, rows: usize) {
    use std::io::Write;
    let t = synthetic(&SynthSpec::rows(rows), 0);
    // the code the trade databases write (842 for the USA)
    let code = |e: critical_minerals::geo::Economy| e.code();
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    writeln!(w, "t,i,j,k,v,q").unwrap();
    for r in t.rows() {
        let q = r.quantity_t().map_or("NA".to_string(), |q| format!("{q:.3}"));
        writeln!(
            w,
            "{},{},{},{:06},{:.3},{}",
            r.year,
            code(r.exporter),
            code(r.importer),
            r.hs6,
            r.value_usd.unwrap_or(0.0) / 1000.0,
            q
        )
        .unwrap();
    }
}

fn load(a: &Args) {
    if std::fs::metadata(&a.file).is_err() {
        let s = Instant::now();
        write_baci(&a.file, a.rows);
        println!("wrote {} in {:.1} s", a.file, s.elapsed().as_secs_f64());
    }
    let bytes = std::fs::metadata(&a.file).unwrap().len();
    std::hint::black_box(std::fs::read(&a.file).unwrap().len()); // into the page cache
    println!("file {} ({:.2} GB)  loadavg {}", a.file, bytes as f64 / 1e9, uptime());
    let (mut csv_t, mut ours_all, mut ours_1) = (vec![], vec![], vec![]);
    let mut n = 0;
    for run in 0..a.runs {
        let s = Instant::now();
        let rows: Vec<BaciRow> =
            csv::Reader::from_path(&a.file).unwrap().deserialize().collect::<Result<_, _>>().expect("csv");
        csv_t.push(s.elapsed().as_secs_f64());
        n = rows.len();
        drop(rows);
        let s = Instant::now();
        let t = TradeTable::read_baci(&a.file, 1).expect("load");
        ours_1.push(s.elapsed().as_secs_f64());
        assert_eq!(t.len(), n);
        drop(t);
        let s = Instant::now();
        let t = TradeTable::read_baci(&a.file, 0).expect("load");
        ours_all.push(s.elapsed().as_secs_f64());
        assert_eq!(t.len(), n);
        println!(
            "run {run}: csv crate {:.2} s, ours 1 thread {:.2} s, ours all cores {:.2} s  [loadavg {}]",
            csv_t[run],
            ours_1[run],
            ours_all[run],
            uptime()
        );
    }
    let c = show("csv crate -> Vec<struct> (1 thread)", &csv_t);
    let o1 = show("read_baci -> TradeTable (1 thread)", &ours_1);
    let o = show("read_baci -> TradeTable (all cores)", &ours_all);
    println!(
        "rows {n}: csv {:.1} M rows/s; ours 1 thread {:.1} M rows/s; all cores {:.1} M rows/s",
        n as f64 / c.1 / 1e6,
        n as f64 / o1.1 / 1e6,
        n as f64 / o.1 / 1e6
    );
    println!("speed vs csv crate (median): 1 thread {:.0} %, all cores {:.0} %", 100.0 * c.1 / o1.1, 100.0 * c.1 / o.1);
}

/// A hash of every bit of a result: groups, totals, HHI, CR-n and every share (FNV-1a), to check
/// that a kernel change leaves results bit-for-bit unchanged.
fn fingerprint(c: &critical_minerals::trade::columnar::Concentration<f64>) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |x: u64| {
        h ^= x;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for (i, g) in c.iter().enumerate() {
        eat(u64::from(g.hs6) << 16 | g.year as u64);
        eat(g.rows);
        eat(g.total.to_bits());
        eat(g.hhi.unwrap_or(-1.0).to_bits());
        eat(g.cr.unwrap_or(-1.0).to_bits());
        for s in c.shares(i) {
            // a country by its ISO numeric code, as before economies widened the column
            eat(s.economy.country().map_or(u64::from(s.economy.code()), |c| u64::from(c.numeric())));
            eat(s.total.to_bits());
        }
    }
    h
}

/// Only this crate's kernel, `--runs` times on one thread then on all cores (for profiling).
fn kernel(a: &Args) {
    let t = synthetic(&SynthSpec::rows(a.rows), 0);
    println!("rows {}  runs {}  loadavg {}", a.rows, a.runs, uptime());
    let threads: Vec<usize> = a.threads.map_or(vec![1, 0], |t| vec![t]);
    for threads in threads {
        let opts = GroupOptions::default().with_threads(threads);
        let mut xs = vec![];
        let mut last = None;
        for _ in 0..a.runs {
            let s = Instant::now();
            let c = t.value_concentration(Party::Exporter, &opts).expect("kernel");
            xs.push(s.elapsed().as_secs_f64());
            last = Some(c);
        }
        show(&format!("kernel, threads = {threads}"), &xs);
        println!("fingerprint {:016x}", last.as_ref().map_or(0, fingerprint));
    }
}

/// Raw `f64` vs typed `Mass` quantity column through the same kernel, interleaved runs.
fn typed(a: &Args) {
    use critical_minerals::trade::columnar::concentration;
    let t = synthetic(&SynthSpec::rows(a.rows), 0);
    let raw: Vec<f64> = t.quantity_column().iter().map(|m| m.value).collect();
    let opts = GroupOptions::default();
    let (mut r, mut ty) = (vec![], vec![]);
    for _ in 0..a.runs {
        let s = Instant::now();
        std::hint::black_box(concentration(&t, Party::Exporter, &raw, &opts).expect("kernel").len());
        r.push(s.elapsed().as_secs_f64());
        let s = Instant::now();
        std::hint::black_box(t.quantity_concentration(Party::Exporter, &opts).expect("kernel").len());
        ty.push(s.elapsed().as_secs_f64());
    }
    println!("rows {}  runs {}  loadavg {}", a.rows, a.runs, uptime());
    let r = show("raw f64 quantity (kg)", &r);
    let t = show("typed Mass quantity", &ty);
    println!("typed / raw: median {:+.1} %, min {:+.1} %", 100.0 * (t.1 / r.1 - 1.0), 100.0 * (t.0 / r.0 - 1.0));
}

fn main() {
    let a = args();
    match a.mode.as_str() {
        "compare" => compare(&a),
        "memory" => memory(&a),
        "load" => load(&a),
        "kernel" => kernel(&a),
        "typed" => typed(&a),
        m => eprintln!("unknown mode {m}: compare | memory | load | kernel | typed"),
    }
}
