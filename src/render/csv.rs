//! CSV: the report's tables in one tidy file, and the columnar concentration results.

use super::doc::{Block, Doc};

/// A CSV field, quoted when it holds a comma, quote or line break.
pub(crate) fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// Every cell of every table, one line each: `table,row,column,value` (the column name carries
/// the unit; rows count from 1 within a table).
pub(crate) fn render(doc: &Doc) -> String {
    let mut out = String::from("table,row,column,value\n");
    for s in &doc.sections {
        let mut k = 0;
        for b in &s.blocks {
            let Block::Table(t) = b else { continue };
            k += 1;
            let name = if k == 1 { s.key.to_string() } else { format!("{}-{k}", s.key) };
            for (i, r) in t.rows.iter().enumerate() {
                for (h, v) in t.header.iter().zip(r) {
                    out.push_str(&format!("{},{},{},{}\n", field(&name), i + 1, field(h), field(v)));
                }
            }
        }
    }
    out
}

/// A document of one table as a plain CSV: the header, then the rows.
pub(crate) fn render_table(doc: &Doc) -> String {
    let mut out = String::new();
    for s in &doc.sections {
        for b in &s.blocks {
            let Block::Table(t) = b else { continue };
            let h: Vec<String> = t.header.iter().map(|h| field(h)).collect();
            out.push_str(&h.join(","));
            out.push('\n');
            for r in &t.rows {
                let r: Vec<String> = r.iter().map(|c| field(c)).collect();
                out.push_str(&r.join(","));
                out.push('\n');
            }
            return out;
        }
    }
    out
}
