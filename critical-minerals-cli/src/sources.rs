//! `critical-minerals sources`.

use clap::Args as ClapArgs;
use critical_minerals::dataset::Dataset;
use critical_minerals::render::{self, Format};

use crate::fail::{self, Fail};
use crate::out;

/// Every embedded source, with its publisher, title, edition, table or page, address and how
/// sure it is.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Output format: table, markdown, csv, json or html
    #[arg(long, short, default_value = "table", value_parser = |s: &str| s.parse::<Format>().map_err(|e| e.to_string()))]
    pub format: Format,
}

pub fn run(a: &Args) -> Result<(), Fail> {
    let data = Dataset::builtin().map_err(fail::data("embedded data"))?;
    let text = render::sources(data.sources(), a.format).map_err(fail::data("rendering"))?;
    out::print(&text)
}
