//! A template of the report API with the `render` feature: build the supply-chain report of a
//! commodity from the embedded data (merged with your own, if you like) and write it as text,
//! Markdown, CSV, JSON, an SVG chart or one HTML page.
//!
//! ```text
//! cargo run --example lithium_report --features render
//! ```
//!
//! The command-line tool does the same with options: `critical-minerals report lithium --help`.

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::render::{self, Format};
use critical_minerals::report::SupplyReport;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // the embedded data; with your CSV files: Dataset::builtin()?.merge(Dataset::from_dir("my_dir")?)?
    let data = Dataset::builtin()?;
    let report = SupplyReport::build(&data, Commodity::LITHIUM)?;

    // the report as plain text tables (Format::Markdown, Csv, Json and Html work the same way)
    print!("{}", render::report(&report, Format::Table)?);

    // one self-contained HTML page and the chart of country shares by stage, in the temp dir
    let dir = std::env::temp_dir();
    std::fs::write(dir.join("lithium.html"), render::report(&report, Format::Html)?)?;
    std::fs::write(dir.join("lithium.svg"), render::stage_chart(&report)?)?;
    eprintln!("wrote lithium.html and lithium.svg to {}", dir.display());
    Ok(())
}
