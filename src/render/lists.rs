//! Two more documents: the list of embedded sources, and a claims audit.

use crate::Error;
use crate::claims::{ClaimSet, Finding};
use crate::dataset::SourceRecord;
use crate::error::Detail;

use super::doc::{Block, Doc, Section, Table, confidence_words, edition};
use super::{Format, csv, html, markdown, text};

fn write(doc: &Doc, format: Format, json: impl FnOnce() -> Result<String, serde_json::Error>) -> Result<String, Error> {
    Ok(match format {
        Format::Table => text::render(doc),
        Format::Markdown => markdown::render(doc),
        Format::Csv => csv::render_table(doc),
        Format::Html => html::render(doc),
        Format::Json => {
            let mut s =
                json().map_err(|e| Detail::Parse { what: "JSON", input: e.to_string(), expected: "finite numbers" })?;
            s.push('\n');
            s
        }
    })
}

/// The sources, one row each: number, publisher, title, edition, table or page, address and
/// how sure the source is. CSV and JSON also give the id data rows cite.
///
/// # Errors
///
/// As [`report`](super::report).
///
/// # Examples
///
/// ```
/// use critical_minerals::dataset::Dataset;
/// use critical_minerals::render::{self, Format};
///
/// let data = Dataset::builtin()?;
/// let text = render::sources(data.sources(), Format::Table)?;
/// assert!(text.contains("Geological"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sources(list: &[SourceRecord], format: Format) -> Result<String, Error> {
    let machine = matches!(format, Format::Csv | Format::Json);
    let mut header = vec!["no.", "publisher", "title", "edition", "table or page", "address", "kind"];
    if machine {
        header.push("id");
    }
    let mut table = Table::new(&header, &[0]);
    for (i, s) in list.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            s.source.publisher.clone(),
            s.source.title.clone(),
            edition(s.source.edition.as_deref()),
            s.source.table.clone().unwrap_or_default(),
            s.source.url.clone().unwrap_or_default(),
            confidence_words(s.tag).to_string(),
        ];
        if machine {
            row.push(s.source.id.clone());
        }
        table.rows.push(row);
    }
    let doc = Doc {
        title: "Embedded sources".into(),
        lead: vec![format!("{} sources. Kind: how sure the figures taken from each are.", list.len())],
        sections: vec![Section { key: "sources", heading: "Sources".into(), blocks: vec![Block::Table(table)] }],
    };
    write(&doc, format, || {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.source.id, "publisher": s.source.publisher, "title": s.source.title,
                    "edition": s.source.edition, "table_or_page": s.source.table, "url": s.source.url,
                    "confidence": s.tag.name(),
                })
            })
            .collect();
        serde_json::to_string_pretty(&rows)
    })
}

/// A claims audit: one row per finding (what, the claims involved, the summary, what each
/// number implies), and the claims no check reads.
///
/// # Errors
///
/// As [`report`](super::report).
pub fn audit(set: &ClaimSet, findings: &[Finding], format: Format) -> Result<String, Error> {
    let mut table = Table::new(&["no.", "finding", "claims", "summary", "what the numbers imply"], &[0]);
    for (i, f) in findings.iter().enumerate() {
        let imply: Vec<String> = f.implications().iter().map(|x| x.text().to_string()).collect();
        table.rows.push(vec![
            (i + 1).to_string(),
            f.kind().label().to_string(),
            f.claims().join(", "),
            f.summary().to_string(),
            imply.join("; "),
        ]);
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut blocks = vec![Block::Para(format!(
        "{} read, {}.",
        plural(set.claims().len(), "claim"),
        plural(findings.len(), "finding")
    ))];
    if !findings.is_empty() {
        blocks.push(Block::Table(table));
    }
    let unaudited: Vec<String> = set.unaudited().iter().map(|(c, why)| format!("{}: {why}", c.id())).collect();
    let mut sections = vec![Section { key: "findings", heading: "Findings".into(), blocks }];
    if !unaudited.is_empty() {
        sections.push(Section {
            key: "unaudited",
            heading: "Claims no check reads".into(),
            blocks: vec![Block::List(unaudited)],
        });
    }
    let doc = Doc { title: "Claims audit".into(), lead: Vec::new(), sections };
    write(&doc, format, || serde_json::to_string_pretty(findings))
}
