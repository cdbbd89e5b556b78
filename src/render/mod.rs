//! Renderers (feature `render`): the supply-chain [`SupplyReport`] as text tables, Markdown,
//! CSV, JSON or one self-contained HTML page with SVG charts; the columnar concentration results
//! as CSV or JSON. The command-line tool and the examples use these; so can any program.
//!
//! | item | what it writes |
//! |---|---|
//! | [`report`], [`Format`] | a report in one format: `table` (plain text, lines of at most 100 characters), `markdown`, `csv` (every table cell as `table,row,column,value`), `json` (the report's serialized form), `html` (one page: inline CSS and SVG, no script, readable printed) |
//! | [`svg::stage_shares`], [`svg::line_chart`], [`svg::cost_curve`] | SVG charts: country shares by stage, a measure over years, a cost curve |
//! | [`columnar`] | concentration per (HS6 product, year): CSV and JSON with HS codes as six-digit text and units in the column names |
//! | [`sources`], [`audit`] | the list of sources; a claims audit's findings |
//! | [`short_name`] | the short conventional name of a country (USGS style: `Congo (Kinshasa)`, `South Korea`) |
//!
//! # Output rules
//!
//! Every numeric column header names its unit or scale (`2024 (t Li)`, `HHI (points,
//! 0–10,000)`, `share (%)`); numbers have thousands separators; countries go by their short
//! names, the same in every table and chart; sources are cited by number (`[1]`) and listed with
//! publisher, title, edition, table or page, address and how sure they are. Nothing is written
//! from internal identifiers or file names.
//!
//! # Examples
//!
//! ```
//! use critical_minerals::dataset::{Commodity, Dataset};
//! use critical_minerals::render::{self, Format};
//! use critical_minerals::report::SupplyReport;
//!
//! let r = SupplyReport::build(&Dataset::builtin()?, Commodity::LITHIUM)?;
//! let text = render::report(&r, Format::Table)?;
//! assert!(text.lines().all(|l| l.chars().count() <= 100));
//! assert!(text.contains("Australia") && text.contains("88,000"));
//! let page = render::report(&r, "html".parse()?)?;
//! assert!(page.contains("<svg"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod columnar;
mod csv;
mod doc;
mod html;
mod lists;
mod markdown;
mod names;
pub mod svg;
mod text;
mod xml;

pub use lists::{audit, sources};
pub use names::short_name;
pub use text::WIDTH as TEXT_WIDTH;

use crate::Error;
use crate::error::Detail;
use crate::report::SupplyReport;

/// An output format of [`report`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text tables for a terminal (lines of at most 100 characters).
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// Every table cell as one CSV line: `table,row,column,value`.
    Csv,
    /// The report's serialized form (pretty JSON).
    Json,
    /// One self-contained HTML page with SVG charts.
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [Format::Table, Format::Markdown, Format::Csv, Format::Json, Format::Html];

    /// The name (`table`, `markdown`, `csv`, `json`, `html`).
    pub const fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(Format::Table),
            "markdown" | "md" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            _ => Err(Detail::Parse {
                what: "format",
                input: s.to_string(),
                expected: "table, markdown, csv, json or html",
            }
            .into()),
        }
    }
}

/// The report in `format`.
///
/// # Errors
///
/// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) when the report cannot be
/// serialized as JSON (a non-finite number).
pub fn report(r: &SupplyReport, format: Format) -> Result<String, Error> {
    Ok(match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(r).map_err(|e| Detail::Parse {
                what: "report",
                input: e.to_string(),
                expected: "finite numbers",
            })?;
            s.push('\n');
            s
        }
        Format::Table => text::render(&doc::build(r)),
        Format::Markdown => markdown::render(&doc::build(r)),
        Format::Csv => csv::render(&doc::build(r)),
        Format::Html => html::render(&doc::build(r)),
    })
}

/// The report's chart of country shares by stage (the top 4 countries of each stage and
/// "Other") as SVG.
///
/// # Errors
///
/// An [`Error`] when the report has no stage shares to draw.
pub fn stage_chart(r: &SupplyReport) -> Result<String, Error> {
    svg::stage_shares(r, &r.chart(doc::CHART_TOP))
}
