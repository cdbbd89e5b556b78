//! The document as plain text for a terminal: aligned columns without borders, every line at
//! most [`WIDTH`] characters (long cells wrap within their column).

use std::fmt::Write as _;

use super::doc::{Block, Doc, Table};
use super::svg::wrap;

/// The widest line written.
pub const WIDTH: usize = 100;
const GAP: usize = 2;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Splits `text` into lines of at most `width` characters, at spaces where possible.
fn wrap_hard(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in wrap(text, width.max(1)) {
        if chars(&line) <= width {
            out.push(line);
            continue;
        }
        let cs: Vec<char> = line.chars().collect();
        for piece in cs.chunks(width.max(1)) {
            out.push(piece.iter().collect());
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Column widths that fit [`WIDTH`]: each column as wide as its widest cell and header; when
/// that is too wide, headers wrap first (down to their cells' width and longest word), then the
/// widest columns wrap their cells.
fn widths(t: &Table) -> Vec<usize> {
    let n = t.header.len();
    let cells: Vec<usize> =
        (0..n).map(|i| t.rows.iter().filter_map(|r| r.get(i)).map(|c| chars(c)).max().unwrap_or(0).max(1)).collect();
    let word = |h: &str| h.split_whitespace().map(chars).max().unwrap_or(0);
    let mut w: Vec<usize> = (0..n).map(|i| cells[i].max(t.header.get(i).map_or(0, |h| chars(h)))).collect();
    let budget = WIDTH.saturating_sub(GAP * n.saturating_sub(1));
    let floor: Vec<usize> = (0..n).map(|i| cells[i].max(t.header.get(i).map_or(0, |h| word(h)))).collect();
    // headers wrap first, the widest first
    while w.iter().sum::<usize>() > budget {
        let Some(i) = (0..n).filter(|&i| w[i] > floor[i]).max_by_key(|&i| w[i] - floor[i]) else { break };
        w[i] -= 1;
    }
    // then cells, the widest column first
    while w.iter().sum::<usize>() > budget {
        let Some((i, &widest)) = w.iter().enumerate().max_by_key(|(_, v)| **v) else { break };
        if widest <= 6 {
            break;
        }
        w[i] -= 1;
    }
    w
}

fn table(out: &mut String, t: &Table) {
    let w = widths(t);
    let write_row = |out: &mut String, cells: &[String]| {
        let wrapped: Vec<Vec<String>> =
            w.iter().enumerate().map(|(i, &wi)| wrap_hard(cells.get(i).map_or("", String::as_str), wi)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut s = String::new();
            for (i, col) in wrapped.iter().enumerate() {
                let cell = col.get(line).map_or("", String::as_str);
                let pad = w[i].saturating_sub(chars(cell));
                if i > 0 {
                    s.push_str(&" ".repeat(GAP));
                }
                if t.numeric.get(i).copied().unwrap_or(false) {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                } else {
                    s.push_str(cell);
                    s.push_str(&" ".repeat(pad));
                }
            }
            let _ = writeln!(out, "{}", s.trim_end());
        }
        height
    };
    write_row(out, &t.header);
    let rule: Vec<String> = w.iter().map(|&wi| "-".repeat(wi)).collect();
    let _ = writeln!(out, "{}", rule.join(&" ".repeat(GAP)));
    let multi = t.rows.iter().any(|r| r.iter().enumerate().any(|(i, c)| chars(c) > w.get(i).copied().unwrap_or(0)));
    for (k, r) in t.rows.iter().enumerate() {
        if multi && k > 0 {
            out.push('\n');
        }
        write_row(out, r);
    }
}

/// Renders `doc` as text.
pub(crate) fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let title = doc.title.to_uppercase();
    let _ = writeln!(out, "{title}\n{}", "=".repeat(chars(&title).min(WIDTH)));
    for p in &doc.lead {
        for l in wrap_hard(p, WIDTH) {
            let _ = writeln!(out, "{l}");
        }
    }
    for s in &doc.sections {
        let _ = writeln!(out);
        for l in wrap_hard(&s.heading, WIDTH) {
            let _ = writeln!(out, "{l}");
        }
        let _ = writeln!(out, "{}", "-".repeat(chars(&s.heading).min(WIDTH)));
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    for l in wrap_hard(p, WIDTH) {
                        let _ = writeln!(out, "{l}");
                    }
                }
                Block::List(items) => {
                    for item in items {
                        for (k, l) in wrap_hard(item, WIDTH - 4).into_iter().enumerate() {
                            let _ = writeln!(out, "{}{l}", if k == 0 { "  * " } else { "    " });
                        }
                    }
                }
                Block::Table(t) => table(&mut out, t),
                Block::Chart(_) => {}
            }
        }
    }
    out
}
