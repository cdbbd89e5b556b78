//! `critical-minerals concentration <file>`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args as ClapArgs, ValueEnum};
use critical_minerals::geo::Economy;
use critical_minerals::render::columnar;
use critical_minerals::trade::columnar::{Additive, BaciOptions, Concentration, GroupOptions, Party, TradeTable};
use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions, FlowKind};
use critical_minerals::trade::{HsCode, HsFilter};

use crate::fail::{self, Fail};
use crate::out;

/// Concentration of trade per (HS product, year): each exporter's (or importer's) share, HHI,
/// CR-n and the effective number of suppliers, from a CEPII BACI file (t,i,j,k,v,q), a UN
/// Comtrade download, or a plain CSV with the columns year, exporter, importer, hs6 and
/// value_usd or quantity_t.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  critical-minerals concentration BACI_HS22_Y2023_V202501.csv --hs 2836 --year 2023\n  \
                        critical-minerals concentration comtrade.csv --party importer --format json --shares"
)]
pub struct Args {
    /// The trade file
    pub file: PathBuf,
    /// The file's layout (auto: from its header)
    #[arg(long, value_enum, default_value_t = Layout::Auto)]
    pub layout: Layout,
    /// Whose shares: exporters' (supplier concentration) or importers'
    #[arg(long, value_enum, default_value_t = Side::Exporter)]
    pub party: Side,
    /// The measure: trade value (USD) or quantity (t)
    #[arg(long, value_enum, default_value_t = Measure::Value)]
    pub measure: Measure,
    /// Keep only these HS codes or prefixes (2 to 6 digits; repeat or separate with commas)
    #[arg(long, value_delimiter = ',')]
    pub hs: Vec<String>,
    /// Keep only this year or range of years (2023, 2019-2023)
    #[arg(long)]
    pub year: Option<String>,
    /// The n of CR-n
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub cr_n: u16,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = OutFormat::Csv)]
    pub format: OutFormat,
    /// Also write each party's share (CSV: the shares instead of the groups)
    #[arg(long)]
    pub shares: bool,
    /// Threads (0: every core)
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// From the header
    Auto,
    /// CEPII BACI: t,i,j,k,v,q (value in thousands of USD, quantity in t)
    Baci,
    /// A UN Comtrade download (exports as reported, flow X)
    Comtrade,
    /// A plain CSV with named columns: year, exporter, importer, hs6, value_usd, quantity_t
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    Exporter,
    Importer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Measure {
    /// US dollars
    Value,
    /// Tonnes
    Quantity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Csv,
    Json,
}

fn years(text: &str) -> Result<(i32, i32), Fail> {
    let bad = || Fail::Usage(format!("--year {text:?}: expected a year (2023) or a range (2019-2023)"));
    let (a, b) = match text.split_once('-') {
        Some((a, b)) => (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?),
        None => {
            let y = text.trim().parse().map_err(|_| bad())?;
            (y, y)
        }
    };
    if a > b {
        return Err(bad());
    }
    Ok((a, b))
}

fn detect(path: &Path) -> Result<Layout, Fail> {
    let f = File::open(path).map_err(|e| Fail::Data(format!("{}: cannot read: {e}", path.display())))?;
    let mut first = String::new();
    BufReader::new(f.take(1 << 16))
        .read_line(&mut first)
        .map_err(|e| Fail::Data(format!("{}: line 1: {e}", path.display())))?;
    let h = first.trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
    let cols: Vec<&str> = h.split([',', '\t']).map(|c| c.trim().trim_matches('"')).collect();
    Ok(if cols == ["t", "i", "j", "k", "v", "q"] {
        Layout::Baci
    } else if cols.contains(&"reportercode") || cols.contains(&"cmdcode") {
        Layout::Comtrade
    } else {
        Layout::Csv
    })
}

/// A plain CSV with named columns, filtered while read.
fn read_plain(path: &Path, keep: &dyn Fn(u32, i32) -> bool) -> Result<TradeTable, Fail> {
    let name = path.display().to_string();
    let f = File::open(path).map_err(|e| Fail::Data(format!("{name}: cannot read: {e}")))?;
    let mut lines = BufReader::new(f).lines();
    let header = match lines.next() {
        Some(h) => h.map_err(|e| Fail::Data(format!("{name}: line 1: {e}")))?,
        None => return Err(Fail::Data(format!("{name}: empty file, expected a header"))),
    };
    let cols: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let find = |n: &str| cols.iter().position(|c| c == n);
    let need = |n: &str| {
        find(n).ok_or_else(|| {
            Fail::Data(format!(
                "{name}: line 1: no column {n:?} (columns: {}); expected year, exporter, importer, hs6, value_usd, quantity_t",
                cols.join(", ")
            ))
        })
    };
    let (cy, ce, ci, ch) = (need("year")?, need("exporter")?, need("importer")?, need("hs6")?);
    let (cv, cq) = (find("value_usd"), find("quantity_t"));
    if cv.is_none() && cq.is_none() {
        return Err(Fail::Data(format!("{name}: line 1: no column \"value_usd\" or \"quantity_t\"")));
    }
    let mut rows = Vec::new();
    for (k, line) in lines.enumerate() {
        let n = k + 2;
        let line = line.map_err(|e| Fail::Data(format!("{name}: line {n}: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let field = |i: usize, col: &str| {
            f.get(i).copied().ok_or_else(|| Fail::Data(format!("{name}: line {n}, column {col:?}: missing field")))
        };
        let bad = |col: &str, v: &str, why: &str| Fail::Data(format!("{name}: line {n}, column {col:?}: {v:?}: {why}"));
        let y = field(cy, "year")?;
        let year: i32 = y.parse().map_err(|_| bad("year", y, "not a year"))?;
        let h = field(ch, "hs6")?;
        let hs = HsCode::parse(h).map_err(|e| bad("hs6", h, &e.to_string()))?;
        let code: u32 = hs.digits().parse().unwrap_or(0);
        if !keep(code, year) {
            continue;
        }
        let e = field(ce, "exporter")?;
        let exporter: Economy =
            e.parse().map_err(|err: critical_minerals::Error| bad("exporter", e, &err.to_string()))?;
        let i = field(ci, "importer")?;
        let importer: Economy =
            i.parse().map_err(|err: critical_minerals::Error| bad("importer", i, &err.to_string()))?;
        let num = |c: Option<usize>, col: &str| -> Result<Option<f64>, Fail> {
            let Some(c) = c else { return Ok(None) };
            let v = field(c, col)?;
            if v.is_empty() || v.eq_ignore_ascii_case("NA") {
                return Ok(None);
            }
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
                _ => Err(bad(col, v, "not a non-negative number")),
            }
        };
        rows.push((year, exporter, importer, code, num(cv, "value_usd")?, num(cq, "quantity_t")?));
    }
    TradeTable::from_rows(rows).map_err(fail::data(&name))
}

fn write<V: Additive>(c: &Concentration<V>, a: &Args) -> Result<(), Fail> {
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let r = match (a.format, a.shares) {
        (OutFormat::Csv, false) => columnar::write_groups_csv(c, &mut w),
        (OutFormat::Csv, true) => columnar::write_shares_csv(c, &mut w),
        (OutFormat::Json, s) => columnar::write_json(c, s, &mut w),
    };
    r.map_err(fail::data(""))?;
    w.flush().map_err(|e| out::io_fail(&e))
}

pub fn run(a: &Args) -> Result<(), Fail> {
    let name = a.file.display().to_string();
    let filter =
        if a.hs.is_empty() { None } else { Some(HsFilter::new(&a.hs).map_err(|e| Fail::Usage(format!("--hs: {e}")))?) };
    let span = a.year.as_deref().map(years).transpose()?;
    let keep = |hs6: u32, year: i32| {
        filter.as_ref().is_none_or(|f| f.contains(hs6)) && span.is_none_or(|(lo, hi)| (lo..=hi).contains(&year))
    };
    let layout = if a.layout == Layout::Auto { detect(&a.file)? } else { a.layout };
    out::progress(&format!("reading {name}"));
    let table = match layout {
        Layout::Baci | Layout::Auto => {
            let mut opts = BaciOptions::default().with_threads(a.threads);
            if let Some(f) = &filter {
                opts = opts.with_products(f.clone());
            }
            if let Some((lo, hi)) = span {
                opts = opts.with_years(lo..=hi);
            }
            TradeTable::load_baci(&a.file, &opts).map_err(fail::data(""))?.0
        }
        Layout::Comtrade => {
            let file = ComtradeFile::read(&a.file, &ComtradeOptions::default()).map_err(fail::data(""))?;
            let t = file.table(&FlowKind::from_code("X")).map_err(fail::data(&name))?;
            let rows: Vec<_> = t
                .rows()
                .filter(|r| keep(r.hs6, r.year))
                .map(|r| (r.year, r.exporter, r.importer, r.hs6, r.value_usd, r.quantity_t()))
                .collect();
            TradeTable::from_rows(rows).map_err(fail::data(&name))?
        }
        Layout::Csv => read_plain(&a.file, &keep)?,
    };
    out::progress(&format!("computing {} rows", table.len()));
    let party = match a.party {
        Side::Exporter => Party::Exporter,
        Side::Importer => Party::Importer,
    };
    let opts = GroupOptions::default().with_threads(a.threads).with_cr_n(usize::from(a.cr_n));
    let r = match a.measure {
        Measure::Value => table.value_concentration(party, &opts).map(|c| write(&c, a)),
        Measure::Quantity => table.quantity_concentration(party, &opts).map(|c| write(&c, a)),
    };
    out::progress_done();
    r.map_err(fail::data(&name))?
}
