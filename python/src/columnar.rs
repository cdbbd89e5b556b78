//! The columnar path: a BACI file to per-(HS6, year) concentration columns, and the synthetic
//! BACI writer for tests and benchmarks.

use std::io::Write;
use std::path::{Path, PathBuf};

use critical_minerals::geo::Economy;
use critical_minerals::trade::columnar::{
    Additive, BaciOptions, BaciReport, Concentration, GroupOptions, Party, SynthSpec, TradeRow, TradeTable, synthetic,
};
use critical_minerals::trade::{HsFilter, UnknownCodes};
use critical_minerals::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::{IntoPy, invalid_option, raise, to_py};

/// Little-endian bytes of a column, for `numpy.frombuffer`.
fn bytes<'py, T: Copy, const N: usize>(py: Python<'py>, col: &[T], to: fn(T) -> [u8; N]) -> Bound<'py, PyBytes> {
    let mut out = Vec::with_capacity(col.len() * N);
    for &v in col {
        out.extend_from_slice(&to(v));
    }
    PyBytes::new(py, &out)
}

/// The columns of a concentration result.
struct Columns {
    hs6: Vec<u32>,
    year: Vec<i32>,
    rows: Vec<u64>,
    total: Vec<f64>,
    parties: Vec<u64>,
    hhi: Vec<f64>,
    cr: Vec<f64>,
    report: BaciReport,
}

impl Columns {
    /// The groups of `c`, totals divided by `per_unit` (1,000 for kilograms to tonnes).
    fn of<V: Additive>(c: &Concentration<V>, per_unit: f64, report: BaciReport) -> Columns {
        let n = c.len();
        let mut cols = Columns {
            hs6: Vec::with_capacity(n),
            year: Vec::with_capacity(n),
            rows: Vec::with_capacity(n),
            total: Vec::with_capacity(n),
            parties: Vec::with_capacity(n),
            hhi: Vec::with_capacity(n),
            cr: Vec::with_capacity(n),
            report,
        };
        for g in c.iter() {
            cols.hs6.push(g.hs6);
            cols.year.push(g.year);
            cols.rows.push(g.rows);
            cols.total.push(g.total.raw() / per_unit);
            cols.parties.push(g.parties as u64);
            // a group whose total is zero has no HHI or CR-n: NaN here, null in the frame
            cols.hhi.push(g.hhi.unwrap_or(f64::NAN));
            cols.cr.push(g.cr.unwrap_or(f64::NAN));
        }
        cols
    }
}

/// Whether `path` is read as Parquet: a directory (of Parquet files, e.g. one partition per
/// year) or a file named `*.parquet` / `*.parq`.
fn is_parquet(path: &Path) -> bool {
    path.is_dir()
        || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet") || e.eq_ignore_ascii_case("parq"))
}

/// The Parquet files of `path`: the file itself, or every `*.parquet` under the directory
/// (recursively, sorted by path so that the row order is the same on every run).
fn parquet_files(path: &Path) -> Result<Vec<PathBuf>, Load> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let io = |p: &Path, e: std::io::Error| Load::Io(format!("{}: {e}", p.display()));
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| io(&dir, e))? {
            let p = entry.map_err(|e| io(&dir, e))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if is_parquet(&p) {
                out.push(p);
            }
        }
    }
    if out.is_empty() {
        return Err(Load::Io(format!("{}: no *.parquet file in the directory", path.display())));
    }
    out.sort();
    Ok(out)
}

/// Why a load failed: the crate's error, or a directory that could not be listed.
enum Load {
    Core(Error),
    Io(String),
}

impl From<Error> for Load {
    fn from(e: Error) -> Load {
        Load::Core(e)
    }
}

/// A Parquet file or directory in the layout of the core's Arrow feature (BACI's column names
/// `t,i,j,k,v,q`, values in US dollars), filtered like a BACI load, with the same report.
fn load_parquet(
    path: &Path,
    products: Option<&HsFilter>,
    years: Option<(i32, i32)>,
) -> Result<(TradeTable, BaciReport), Load> {
    let mut report = BaciReport { file: path.display().to_string(), ..BaciReport::default() };
    let mut table: Option<TradeTable> = None;
    for f in parquet_files(path)? {
        let part = TradeTable::read_parquet_file(&f)?;
        report.rows_read += part.len() as u64;
        let keep = |r: &TradeRow| {
            products.is_none_or(|p| p.contains(r.hs6)) && years.is_none_or(|(a, b)| (a..=b).contains(&r.year))
        };
        let part = if products.is_some() || years.is_some() {
            let rows: Vec<_> = part
                .rows()
                .filter(keep)
                .map(|r| (r.year, r.exporter, r.importer, r.hs6, r.value_usd, r.quantity_t()))
                .collect();
            TradeTable::from_rows(rows)?
        } else {
            part
        };
        match &mut table {
            Some(t) => t.append(&part)?,
            None => table = Some(part),
        }
    }
    let table = match table {
        Some(t) => t,
        None => TradeTable::from_rows(Vec::<(i32, Economy, Economy, u32, Option<f64>, Option<f64>)>::new())?,
    };
    report.rows_kept = table.len() as u64;
    report.rows_filtered = report.rows_read - report.rows_kept;
    for r in table.rows() {
        match r.value_usd {
            Some(v) => report.value_usd += v,
            None => report.rows_without_value += 1,
        }
        match r.quantity_t() {
            Some(q) => report.quantity_t += q,
            None => report.rows_without_quantity += 1,
        }
    }
    Ok((table, report))
}

/// Loads `path` (BACI `t,i,j,k,v,q`) keeping products under `hs` and years in `years`, and
/// computes per (HS6, year) the concentration of `measure` among exporters or importers.
/// Returns a dict of column bytes and the load report (JSON form).
#[pyfunction]
#[pyo3(signature = (path, by, hs=None, years=None, measure="value", cr_n=4, threads=0, unknown_codes="error"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn concentration_columns<'py>(
    py: Python<'py>,
    path: &str,
    by: &str,
    hs: Option<Vec<String>>,
    years: Option<(i32, i32)>,
    measure: &str,
    cr_n: usize,
    threads: usize,
    unknown_codes: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let party = match by {
        "exporter" => Party::Exporter,
        "importer" => Party::Importer,
        other => return Err(invalid_option(format!("by {other:?}: expected \"exporter\" or \"importer\""))),
    };
    let quantity = match measure {
        "value" => false,
        "quantity" => true,
        other => return Err(invalid_option(format!("measure {other:?}: expected \"value\" or \"quantity\""))),
    };
    let unknown = match unknown_codes {
        "error" => UnknownCodes::Error,
        "keep" => UnknownCodes::Keep,
        other => return Err(invalid_option(format!("unknown_codes {other:?}: expected \"error\" or \"keep\""))),
    };
    let mut opts = BaciOptions::default().with_unknown(unknown).with_threads(threads);
    let products = hs.map(HsFilter::new).transpose().py()?;
    if let Some(filter) = &products {
        opts = opts.with_products(filter.clone());
    }
    if let Some((a, b)) = years {
        if a > b {
            return Err(invalid_option(format!("years ({a}, {b}): the first year is after the last")));
        }
        opts = opts.with_years(a..=b);
    }
    let gopts = GroupOptions::default().with_threads(threads).with_cr_n(cr_n);
    let path = path.to_string();
    let span = years;
    // the load and the kernels run without the interpreter lock
    let cols = py
        .detach(move || -> Result<Columns, Load> {
            let (table, report) = if is_parquet(Path::new(&path)) {
                load_parquet(Path::new(&path), products.as_ref(), span)?
            } else {
                TradeTable::load_baci(&path, &opts)?
            };
            Ok(if quantity {
                Columns::of(&table.quantity_concentration(party, &gopts)?, 1000.0, report)
            } else {
                Columns::of(&table.value_concentration(party, &gopts)?, 1.0, report)
            })
        })
        .map_err(|e| match e {
            Load::Core(e) => to_py(e),
            Load::Io(message) => raise("IoError", message, None),
        })?;
    let d = PyDict::new(py);
    d.set_item("hs6", bytes(py, &cols.hs6, u32::to_le_bytes))?;
    d.set_item("year", bytes(py, &cols.year, i32::to_le_bytes))?;
    d.set_item("rows", bytes(py, &cols.rows, u64::to_le_bytes))?;
    d.set_item("total", bytes(py, &cols.total, f64::to_le_bytes))?;
    d.set_item("parties", bytes(py, &cols.parties, u64::to_le_bytes))?;
    d.set_item("hhi", bytes(py, &cols.hhi, f64::to_le_bytes))?;
    d.set_item("cr", bytes(py, &cols.cr, f64::to_le_bytes))?;
    let report = serde_json::to_string(&cols.report).map_err(|e| raise("InternalError", e.to_string(), None))?;
    d.set_item("report", crate::quantities::json_to_py(py, &report)?)?;
    Ok(d)
}

/// `n` HS6 codes in increasing order, spread evenly over the chapters a BACI file may hold
/// (01–97, not 77): the file's product codes, one per product of the synthetic table.
fn valid_hs6(n: usize) -> Vec<u32> {
    const SLOTS: u64 = 96 * 10_000;
    let n = n.max(1) as u64;
    (0..n)
        .map(|p| {
            let slot = p * SLOTS / n;
            let idx = slot / 10_000;
            // chapter indices 0..=75 are chapters 1..=76, 76..=95 are 78..=97
            let chapter = if idx >= 76 { idx + 2 } else { idx + 1 };
            (chapter * 10_000 + slot % 10_000) as u32
        })
        .collect()
}

/// Writes a seeded synthetic BACI file of `rows` rows to `path` (values in thousands of USD,
/// quantities in tonnes, `NA` for a missing quantity), the shape of the core's `synthetic`, its
/// products given HS6 codes of chapters 01–97.
#[pyfunction]
#[pyo3(signature = (path, rows, seed=42, products=5000, years=25))]
pub(crate) fn synthetic_baci(
    py: Python<'_>,
    path: &str,
    rows: usize,
    seed: u64,
    products: usize,
    years: usize,
) -> PyResult<u64> {
    const MAX_ROWS: usize = 1 << 31;
    if rows > MAX_ROWS {
        return Err(invalid_option(format!("rows {rows}: at most {MAX_ROWS}")));
    }
    let path = path.to_string();
    let shown = path.clone();
    py.detach(move || -> std::io::Result<u64> {
        let spec = SynthSpec { seed, products, years, ..SynthSpec::rows(rows) };
        let t = synthetic(&spec, 0);
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
        writeln!(w, "t,i,j,k,v,q")?;
        let codes = valid_hs6(t.commodities().len());
        let mut n = 0u64;
        for (r, &c) in t.rows().zip(t.commodity_column()) {
            let hs6 = codes.get(usize::from(c)).copied().unwrap_or(r.hs6);
            write!(w, "{},{},{},{:06},", r.year, r.exporter.code(), r.importer.code(), hs6)?;
            match r.value_usd {
                Some(v) => write!(w, "{:.3},", v / 1000.0)?,
                None => write!(w, "NA,")?,
            }
            match r.quantity_t() {
                Some(q) => writeln!(w, "{q:.3}")?,
                None => writeln!(w, "NA")?,
            }
            n += 1;
        }
        w.flush()?;
        Ok(n)
    })
    .map_err(|e| {
        raise(crate::errors::class_name(ErrorKind::Io), format!("writing the synthetic BACI file {shown}: {e}"), None)
    })
}
