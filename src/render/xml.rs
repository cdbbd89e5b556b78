//! Escaping for XML text and attributes (the HTML page is well-formed XHTML, the charts SVG).

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, and control characters other than tab and
/// newline dropped (they are not allowed in XML).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(ch),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
