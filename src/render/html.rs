//! The document as one self-contained HTML page: inline CSS and SVG, no script, no external
//! resource; well-formed XHTML (parses with any XML parser); readable printed (A4 or Letter,
//! tables and charts kept whole on a page where they fit).

use std::fmt::Write as _;

use super::doc::{Block, Doc};
use super::xml::escape;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;\
color:#1a1a1a;background:#ffffff;max-width:1060px;margin:2em auto;padding:0 1em;line-height:1.45}\
h1{font-size:1.8em;margin-bottom:0.2em;border-bottom:3px solid #c8102e;padding-bottom:0.2em}\
h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #cccccc;padding-bottom:0.15em}\
p.lead{color:#444444}\
table{border-collapse:collapse;margin:0.8em 0;font-size:0.9em;width:100%}\
th,td{border:1px solid #d0d0d0;padding:0.3em 0.5em;vertical-align:top;text-align:left}\
th{background:#f2f2f2;font-weight:600}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}\
tbody tr:nth-child(even){background:#fafafa}\
figure{margin:1em 0}figure svg{max-width:100%;height:auto}\
footer{margin-top:2em;font-size:0.85em;color:#555555}\
@media print{body{margin:0;max-width:none;font-size:10pt}\
h2{break-after:avoid}table,figure{break-inside:avoid}\
tbody tr:nth-child(even){background:none}a{color:inherit;text-decoration:none}}\
@page{margin:15mm}";

/// Renders `doc` as a page.
pub(crate) fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&doc.title),
        escape(&doc.title)
    );
    for p in &doc.lead {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", escape(p));
    }
    for s in &doc.sections {
        let _ = writeln!(out, "<section id=\"{}\">\n<h2>{}</h2>", s.key, escape(&s.heading));
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for i in items {
                        let _ = writeln!(out, "<li>{}</li>", escape(i));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table(t) => {
                    out.push_str("<table>\n<thead><tr>");
                    for (h, &n) in t.header.iter().zip(&t.numeric) {
                        let _ = write!(out, "<th{}>{}</th>", if n { " class=\"num\"" } else { "" }, escape(h));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for r in &t.rows {
                        out.push_str("<tr>");
                        for (i, c) in r.iter().enumerate() {
                            let n = t.numeric.get(i).copied().unwrap_or(false);
                            let _ = write!(out, "<td{}>{}</td>", if n { " class=\"num\"" } else { "" }, escape(c));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Chart(svg) => {
                    let _ = writeln!(out, "<figure>{svg}</figure>");
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str(
        "<footer><p>Written by critical-minerals from its embedded data and the user's data. \
         Every figure cites a numbered source above.</p></footer>\n</body>\n</html>\n",
    );
    out
}
