//! The document as GitHub-flavoured Markdown.

use std::fmt::Write as _;

use super::doc::{Block, Doc};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Renders `doc` as Markdown.
pub(crate) fn render(doc: &Doc) -> String {
    let mut out = format!("# {}\n\n", doc.title);
    for p in &doc.lead {
        let _ = writeln!(out, "{p}\n");
    }
    for s in &doc.sections {
        let _ = writeln!(out, "## {}\n", s.heading);
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(out, "{p}\n");
                }
                Block::List(items) => {
                    for i in items {
                        let _ = writeln!(out, "- {i}");
                    }
                    out.push('\n');
                }
                Block::Table(t) => {
                    let h: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
                    let _ = writeln!(out, "| {} |", h.join(" | "));
                    let rule: Vec<&str> = t.numeric.iter().map(|&n| if n { "---:" } else { "---" }).collect();
                    let _ = writeln!(out, "| {} |", rule.join(" | "));
                    for r in &t.rows {
                        let r: Vec<String> = r.iter().map(|c| cell(c)).collect();
                        let _ = writeln!(out, "| {} |", r.join(" | "));
                    }
                    out.push('\n');
                }
                Block::Chart(_) => {}
            }
        }
    }
    out
}
