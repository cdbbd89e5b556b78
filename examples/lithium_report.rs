//! The lithium supply chain in one command: who mines, refines and makes cells, how
//! concentrated each stage is, how much the United States relies on imports, what published
//! claims say when recomputed, and the source of every figure.
//!
//! ```text
//! cargo run --example lithium_report
//! cargo run --example lithium_report -- --mineral cobalt --format markdown
//! cargo run --example lithium_report -- --format json > lithium.json
//! cargo run --example lithium_report -- --data my_csv_dir --svg lithium.svg
//! ```

#[path = "lithium_report/svg.rs"]
mod svg;
#[path = "lithium_report/text.rs"]
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::report::SupplyReport;

const USAGE: &str = "\
Usage: lithium_report [OPTIONS]

The supply-chain report of a mineral from the embedded dataset (USGS, IEA and others),
optionally merged with your own CSV files.

Options:
  --mineral NAME   lithium (default), or any commodity of the catalogue (cobalt, manganese, 'rare earths', ...)
  --format FORMAT  table (default: terminal tables), markdown or json
  --data DIR       merge the CSV files of DIR (same file names and columns as the crate's data/)
  --svg FILE       also write a chart of country shares by stage to FILE
  -h, --help       print this help";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Markdown,
    Json,
}

#[derive(Debug)]
struct Options {
    mineral: Commodity,
    format: Format,
    data: Option<PathBuf>,
    svg: Option<PathBuf>,
}

/// `None` when help was asked for.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let mut o = Options { mineral: Commodity::LITHIUM, format: Format::Table, data: None, svg: None };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // accept both `--opt value` and `--opt=value`
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"));
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--mineral" => {
                o.mineral = value()?.parse::<Commodity>().map_err(|e| e.to_string())?;
            }
            "--format" => {
                o.format = match value()?.to_lowercase().as_str() {
                    "table" => Format::Table,
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format {other:?}: expected table, markdown or json")),
                }
            }
            "--data" => o.data = Some(PathBuf::from(value()?)),
            "--svg" => o.svg = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(Some(o))
}

fn run(o: &Options) -> Result<(), String> {
    let builtin = Dataset::builtin().map_err(|e| format!("built-in dataset: {e}"))?;
    let data = match &o.data {
        None => builtin,
        Some(dir) => {
            let user = Dataset::from_dir(dir).map_err(|e| format!("reading --data: {e}"))?;
            builtin.merge(user).map_err(|e| format!("merging --data with the built-in data: {e}"))?
        }
    };
    let report = SupplyReport::build(&data, o.mineral).map_err(|e| e.to_string())?;
    let out = match o.format {
        Format::Table => text::render(&report, text::Style::Terminal),
        Format::Markdown => text::render(&report, text::Style::Markdown),
        Format::Json => serde_json::to_string_pretty(&report).map_err(|e| format!("JSON: {e}"))?,
    };
    println!("{out}");
    if let Some(path) = &o.svg {
        let svg = svg::render(&report)?;
        std::fs::write(path, svg).map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\nRun with --help for the options.");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
