//! `critical-minerals report <commodity>`.

use std::borrow::Cow;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use critical_minerals::ErrorKind;
use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::render::{self, Format};
use critical_minerals::report::{ReportOptions, SupplyReport};

use crate::fail::{self, Fail};
use crate::out;

/// The report of one commodity, built from the embedded data, your data, or both.
#[derive(Debug, ClapArgs)]
#[command(after_help = "Examples:\n  critical-minerals report lithium\n  \
                        critical-minerals report cobalt --format html > cobalt.html\n  \
                        critical-minerals report lithium --data my_dir --svg lithium.svg")]
pub struct Args {
    /// The commodity (lithium, cobalt, nickel, natural-graphite, ...)
    #[arg(value_parser = parse_commodity)]
    pub commodity: Commodity,
    /// Output format: table (plain text), markdown, json, csv (one line per table cell) or html
    /// (one page with charts)
    #[arg(long, short, default_value = "table", value_parser = parse_format)]
    pub format: Format,
    /// Also write the chart of country shares by stage to FILE (SVG)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Merge the CSV files of DIR (same file names and columns as the embedded data) with the
    /// embedded data
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Use only the files of --data, not the embedded data
    #[arg(long, requires = "data")]
    pub data_only: bool,
    /// The year of the report (default: the latest year with data)
    #[arg(long)]
    pub year: Option<i32>,
    /// The edition of the figures to use, as the sources name it (e.g. "MCS 2025"; default: for
    /// each figure the latest edition that has it)
    #[arg(long)]
    pub edition: Option<String>,
}

fn parse_commodity(s: &str) -> Result<Commodity, String> {
    s.parse::<Commodity>().map_err(|e| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// The data and report options, in one place: `--data`, `--data-only`, `--year`, `--edition`.
struct Choice {
    /// The embedded data is borrowed, not copied.
    data: Cow<'static, Dataset>,
    year: Option<i32>,
    edition: Option<String>,
}

/// Loads the data the options name.
fn choose(a: &Args) -> Result<Choice, Fail> {
    let user = match &a.data {
        Some(dir) => {
            out::progress(&format!("reading {}", dir.display()));
            let d = Dataset::from_dir(dir).map_err(fail::data("--data"))?;
            out::progress_done();
            Some(d)
        }
        None => None,
    };
    let data = match (user, a.data_only) {
        (Some(u), true) => Cow::Owned(u),
        (Some(u), false) => {
            let builtin = Dataset::builtin().map_err(fail::data("embedded data"))?;
            Cow::Owned(builtin.merge(u).map_err(fail::data("merging --data with the embedded data"))?)
        }
        // the tables of this commodity only: the others are not read
        (None, _) => Cow::Owned(Dataset::builtin_for(a.commodity).map_err(fail::data("embedded data"))?),
    };
    Ok(Choice { data, year: a.year, edition: a.edition.clone() })
}

/// Builds the report for the year and edition asked for (default: the latest year with data, each
/// figure from the latest edition that has it). A year without rows or an edition the data does
/// not hold is bad usage, and the message lists what is available.
fn build(c: &Choice, commodity: Commodity) -> Result<SupplyReport, Fail> {
    let mut options = ReportOptions::new();
    if let Some(y) = c.year {
        options = options.year(y);
    }
    if let Some(e) = &c.edition {
        options = options.edition(e.clone());
    }
    SupplyReport::build_with(&c.data, commodity, &options).map_err(|e| {
        let asked = match (c.year, &c.edition) {
            (Some(y), Some(ed)) => format!("--year {y} --edition {ed}"),
            (Some(y), None) => format!("--year {y}"),
            (None, Some(ed)) => format!("--edition {ed}"),
            (None, None) => return fail::data("")(e),
        };
        match e.kind() {
            ErrorKind::Unknown | ErrorKind::Missing => Fail::Usage(format!("{asked}: {e}")),
            _ => fail::data("")(e),
        }
    })
}

pub fn run(a: &Args) -> Result<(), Fail> {
    let choice = choose(a)?;
    let report = build(&choice, a.commodity)?;
    let text = render::report(&report, a.format).map_err(fail::data("rendering"))?;
    if let Some(path) = &a.svg {
        let svg = render::stage_chart(&report).map_err(fail::data("--svg"))?;
        out::write_file(path, &svg)?;
    }
    out::print(&text)
}
