//! The report as terminal tables (comfy-table) or GitHub Markdown.

use critical_minerals::methods::reliance::Agreement;
use std::fmt::Write as _;

use comfy_table::presets::{ASCII_MARKDOWN, UTF8_FULL_CONDENSED};
use comfy_table::{CellAlignment, ContentArrangement, Table};
use critical_minerals::chain::Stage;
use critical_minerals::claims::{Bound, CheckOutcome};
use critical_minerals::dataset::Flag;
use critical_minerals::provenance::Estimate;
use critical_minerals::report::{DenominatorKind, MarketConcentration, NirKind, SupplyReport};
use critical_minerals::stats::guideline::{Band, Guideline};

/// Terminal tables or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Aligned tables with box-drawing borders.
    Terminal,
    /// GitHub-flavoured Markdown.
    Markdown,
}

/// Countries shown per mining table.
const TOP: usize = 6;

struct Out {
    style: Style,
    buf: String,
}

impl Out {
    fn heading(&mut self, text: &str) {
        match self.style {
            Style::Markdown => {
                let _ = writeln!(self.buf, "\n## {text}\n");
            }
            Style::Terminal => {
                let _ = writeln!(self.buf, "\n{text}\n{}", "=".repeat(text.chars().count()));
            }
        }
    }

    fn line(&mut self, text: &str) {
        let _ = writeln!(self.buf, "{text}");
    }

    fn bullet(&mut self, text: &str) {
        match self.style {
            Style::Markdown => self.line(&format!("- {}", text.replace('|', "\\|"))),
            Style::Terminal => self.line(&format!("  * {text}")),
        }
    }

    fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>, right: &[usize]) {
        let mut t = Table::new();
        let escape = |s: &str| {
            if self.style == Style::Markdown { s.replace('|', "\\|").replace('\n', "<br>") } else { s.to_string() }
        };
        match self.style {
            Style::Markdown => {
                t.load_style(ASCII_MARKDOWN).set_content_arrangement(ContentArrangement::Disabled);
            }
            Style::Terminal => {
                let width = t.width().unwrap_or(120).max(80);
                t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
            }
        }
        t.set_header(header.iter().map(|h| escape(h)).collect::<Vec<_>>());
        for r in rows {
            t.add_row(r.iter().map(|c| escape(c)).collect::<Vec<_>>());
        }
        for &i in right {
            if let Some(c) = t.column_mut(i) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(self.buf, "{t}");
    }
}

/// `235,380`.
pub fn thousands(v: f64) -> String {
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 && s != "0" { format!("-{out}") } else { out }
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.1} %"))
}

fn range(e: &Estimate, decimals: usize, unit: &str) -> String {
    if e.is_point() || (e.high() - e.low()).abs() < 0.05 {
        format!("{:.*}{unit}", decimals, e.low())
    } else {
        format!("{:.*}–{:.*}{unit}", decimals, e.low(), decimals, e.high())
    }
}

fn hhi(e: &Estimate) -> String {
    if e.is_point() || (e.high() - e.low()).abs() < 0.5 {
        thousands(e.low())
    } else {
        format!("{}–{}", thousands(e.low()), thousands(e.high()))
    }
}

/// A tonnage with its flags: `88,000 e`, `W e` (withheld, estimated), `— e` (a dash: zero).
fn tonnes_cell(t: Option<f64>, f: &[Flag]) -> String {
    let value = if f.contains(&Flag::Withheld) {
        "W".to_string()
    } else if f.contains(&Flag::Zero) {
        "—".to_string()
    } else {
        t.map_or_else(|| "NA".to_string(), thousands)
    };
    let marks: String = f
        .iter()
        .filter_map(|f| match f {
            Flag::Estimated => Some('e'),
            Flag::Rounded => Some('r'),
            _ => None,
        })
        .collect();
    if marks.is_empty() { value } else { format!("{value} {marks}") }
}

/// A share: one decimal for a point, whole percent for a range of whole numbers.
fn share(e: &Estimate) -> String {
    let whole = e.low().fract() == 0.0 && e.high().fract() == 0.0;
    if e.is_point() && whole {
        format!("{:.0} %", e.low())
    } else if e.is_point() {
        format!("{:.1} %", e.low())
    } else if whole {
        format!("{:.0}–{:.0} %", e.low(), e.high())
    } else {
        format!("{:.1}–{:.1} %", e.low(), e.high())
    }
}

fn concentration_row(c: &MarketConcentration, year: i32) -> Vec<String> {
    let band = |i: usize| {
        c.bands.get(i).map_or_else(String::new, |b| {
            if b.band_low == b.band_high {
                Band::short_label(b.band_low).to_string()
            } else {
                format!("{} to {}", Band::short_label(b.band_low), Band::short_label(b.band_high))
            }
        })
    };
    vec![
        format!("{year}, {} ({} t)", c.denominator.label(), thousands(c.denominator_t)),
        hhi(&c.hhi_points),
        range(&c.cr3_pct, 1, " %"),
        if c.remainder_t > 0.0 && c.remainder_pct < 0.05 {
            format!("{} t (< 0.1 %)", thousands(c.remainder_t))
        } else if c.remainder_t > 0.0 {
            format!("{} t ({:.1} %)", thousands(c.remainder_t), c.remainder_pct)
        } else {
            "none".into()
        },
        band(0),
        band(1),
        band(2),
    ]
}

/// Renders the report.
pub fn render(r: &SupplyReport, style: Style) -> String {
    let mut o = Out { style, buf: String::new() };
    match style {
        Style::Markdown => o.line(&format!("# {}", r.title)),
        Style::Terminal => o.line(&r.title.to_uppercase()),
    }
    o.line(&format!(
        "Tonnages in {}. Every figure names its source id in [brackets]; the sources are listed at the end.",
        r.unit
    ));

    if let Some(m) = &r.mining {
        let y = &m.latest;
        o.heading(&format!("Mining: mine production {} [{}]", y.year, y.source));
        let prev_year = m.previous.as_ref().map(|p| p.year);
        let world_col =
            y.world_total_t.map_or_else(|| "% of world".to_string(), |w| format!("% of world ({} t)", thousands(w)));
        let rows_col = format!("% of rows ({} t)", thousands(y.rows_sum_t));
        let prev_col = prev_year.map_or_else(|| "previous".to_string(), |p| format!("{p} t"));
        let mut rows = Vec::new();
        let shown: Vec<_> = y.producers.iter().filter(|p| p.rank.is_some()).take(TOP).collect();
        for p in &shown {
            rows.push(vec![
                p.rank.map_or_else(String::new, |r| r.to_string()),
                p.name.clone(),
                tonnes_cell(p.tonnes, &p.flags),
                if y.on_world_total.is_some() { pct(p.pct_of_world) } else { "–".into() },
                pct(p.pct_of_rows),
                p.previous_t.map_or_else(|| "–".into(), thousands),
                p.change_pct.map_or_else(|| "–".into(), |c| format!("{c:+.1} %")),
            ]);
        }
        let rest: Vec<_> = y.producers.iter().filter(|p| p.rank.is_some()).skip(TOP).collect();
        if !rest.is_empty() {
            let t: f64 = rest.iter().filter_map(|p| p.tonnes).sum();
            let sum = |f: fn(&critical_minerals::report::Producer) -> Option<f64>| -> Option<f64> {
                rest.iter().map(|p| f(p)).sum::<Option<f64>>()
            };
            rows.push(vec![
                String::new(),
                format!("{} more countries", rest.len()),
                thousands(t),
                if y.on_world_total.is_some() { pct(sum(|p| p.pct_of_world)) } else { "–".into() },
                pct(sum(|p| p.pct_of_rows)),
                String::new(),
                String::new(),
            ]);
        }
        for p in y.producers.iter().filter(|p| p.rank.is_none()) {
            rows.push(vec![
                "–".into(),
                p.name.clone(),
                tonnes_cell(p.tonnes, &p.flags),
                if y.on_world_total.is_some() { pct(p.pct_of_world) } else { "–".into() },
                pct(p.pct_of_rows),
                p.previous_t.map_or_else(|| "–".into(), thousands),
                String::new(),
            ]);
        }
        if let Some(w) = y.world_total_t {
            let prev_w = m.previous.as_ref().and_then(|p| p.world_total_t);
            rows.push(vec![
                String::new(),
                "World total (published)".into(),
                tonnes_cell(Some(w), &y.world_flags),
                if y.on_world_total.is_some() { "100.0 %".into() } else { "below rows".into() },
                String::new(),
                prev_w.map_or_else(|| "–".into(), thousands),
                m.world_change_pct.map_or_else(|| "–".into(), |c| format!("{c:+.1} %")),
            ]);
        }
        o.table(
            &["#", "country", &format!("{} t", y.year), &world_col, &rows_col, &prev_col, "change"],
            rows,
            &[0, 2, 3, 4, 5, 6],
        );
        o.line("e estimated, r rounded, W withheld (no share), — published as a dash (zero).");

        o.heading(&format!("MarketConcentration of mining (HHI in points, 0–10,000) [{}]", y.source));
        let mut rows = Vec::new();
        if let Some(c) = &y.on_world_total {
            rows.push(concentration_row(c, y.year));
        }
        rows.push(concentration_row(&y.on_rows, y.year));
        if let Some(p) = &m.previous {
            rows.push(concentration_row(p.headline_concentration(), p.year));
        }
        o.table(&["year, denominator", "HHI", "CR3", "remainder", "US 2023", "US 2010", "EU 2004"], rows, &[1, 2, 3]);
        let c = y.headline_concentration();
        o.line(&format!("Top 3: {}. Remainder: {}.", c.top3.join(", "), c.remainder_treatment));
        let bands: Vec<String> =
            Guideline::ALL.iter().map(|g| format!("{} ({})", g.name(), g.thresholds_text())).collect();
        o.line(&format!("Bands: {}. Written for firms; a yardstick for countries here.", bands.join("; ")));
    }

    let other: Vec<_> = r.stages.iter().collect();
    if !other.is_empty() {
        o.heading("Stage shares as the sources state them (ranges span the sources)");
        let mut rows = Vec::new();
        for s in &other {
            let stage = if s.stage == Stage::Mining {
                "Mining (other sources)".to_string()
            } else if s.commodity != r.commodity {
                format!("{} ({})", s.stage.label(), s.commodity)
            } else {
                s.stage.label().to_string()
            };
            for c in &s.countries {
                let said: Vec<String> =
                    c.statements.iter().map(|st| format!("\"{}\" [{}]", st.as_published, st.source)).collect();
                rows.push(vec![stage.clone(), c.name.clone(), share(&c.pct), said.join("; ")]);
            }
        }
        o.table(&["stage", "country", "share", "as stated [source]"], rows, &[2]);
    }

    if !r.china.is_empty() {
        o.heading("China's share by stage");
        let rows = r
            .china
            .iter()
            .map(|c| {
                vec![
                    c.stage.label().to_string(),
                    share(&c.pct),
                    c.of.clone(),
                    c.sources.iter().map(|s| format!("[{s}]")).collect::<Vec<_>>().join(" "),
                ]
            })
            .collect();
        o.table(&["stage", "China", "of", "sources"], rows, &[1]);
    }

    if let Some(rel) = &r.reliance {
        let src = rel.latest().map_or_else(String::new, |y| format!(" [{}]", y.source));
        o.heading(&format!("US net import reliance (% of apparent consumption){src}"));
        let t = |v: Option<f64>| v.map_or_else(|| "–".to_string(), thousands);
        let rows = rel
            .years
            .iter()
            .map(|y| {
                vec![
                    format!("{}{}", y.year, if y.estimated { "e" } else { "" }),
                    if y.production_state == "reported" { t(y.production_t) } else { y.production_state.clone() },
                    t(y.imports_t),
                    t(y.exports_t),
                    t(y.net_imports_t),
                    match (y.computed.low_pct, y.computed.high_pct) {
                        (Some(l), Some(h)) if y.computed.kind == NirKind::Bounded => format!("({l:.0}, {h:.0}] %"),
                        (Some(l), _) => format!("{l:.0} %"),
                        _ => "not computable".to_string(),
                    },
                    y.published.as_ref().map_or_else(|| "–".into(), |p| format!("{} %", p.text)),
                    match y.agreement {
                        Agreement::Confirmed => "confirmed",
                        Agreement::NotContradicted => "consistent",
                        Agreement::Contradicted => "CONTRADICTED",
                        Agreement::Undetermined => "–",
                    }
                    .to_string(),
                ]
            })
            .collect();
        o.table(
            &["year", "production", "imports", "exports", "net imports", "computed", "published", "agreement"],
            rows,
            &[2, 3, 4],
        );
        if let Some(y) = rel.latest() {
            o.line(&format!("Computed {}: {}.", y.year, y.computed.text));
        }
        if !rel.definition.is_empty() {
            o.line(&format!("USGS note: {}.", rel.definition));
        }
    }

    if r.claims.is_empty() {
        o.heading("Claims recomputed");
        o.line(&format!("No growth, price or tonnage claim about {} in the data.", r.commodity));
    } else {
        o.heading("Claims recomputed");
        let rows = r
            .claims
            .iter()
            .map(|c| {
                let rc: Vec<String> = c
                    .recomputed
                    .iter()
                    .map(|x| {
                        let b = match x.bound {
                            Bound::AtLeast => "≥ ",
                            Bound::AtMost => "≤ ",
                            _ => "",
                        };
                        let src =
                            if x.sources.is_empty() { String::new() } else { format!(" [{}]", x.sources.join(", ")) };
                        format!("{}: {b}{}{src}", x.what, value(&x.value, &x.unit))
                    })
                    .collect();
                vec![
                    format!("{} [{}]", c.subject, c.source),
                    c.stated.clone(),
                    rc.join("\n"),
                    match c.outcome {
                        CheckOutcome::Inconsistent => "INCONSISTENT".to_string(),
                        f => f.label().to_string(),
                    } + if c.note.is_empty() { "" } else { ": " }
                        + &c.note,
                ]
            })
            .collect();
        o.table(&["claim [source]", "stated", "recomputed [data]", "finding"], rows, &[]);
    }

    o.heading("Data notes");
    for n in &r.notes {
        let src = n.source.as_ref().map_or_else(String::new, |s| format!(" [{s}]"));
        o.bullet(&format!("{}{src}", n.text));
    }

    o.heading("Sources");
    if style == Style::Markdown {
        let rows = r
            .sources
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.publisher.clone(),
                    s.title.clone(),
                    s.edition.clone().unwrap_or_default(),
                    s.table_or_page.clone().unwrap_or_default(),
                    s.tag.name().to_string(),
                ]
            })
            .collect();
        o.table(&["id", "publisher", "title", "edition", "table / page", "tag"], rows, &[]);
    } else {
        for s in &r.sources {
            let mut parts = vec![s.publisher.clone(), s.title.clone()];
            parts.extend(s.edition.clone());
            parts.extend(s.table_or_page.clone());
            parts.extend(s.url.clone());
            o.bullet(&format!("[{}] {} ({})", s.id, parts.join(", "), s.tag.name()));
        }
    }
    o.line("Tags: P primary document, S secondary restatement, seed a document whose figures are claims to check.");
    if r.mining.as_ref().is_some_and(|m| m.latest.headline == DenominatorKind::SumOfRows) {
        o.line("Shares use the sum of rows: see the data notes.");
    }
    o.buf
}

fn value(e: &Estimate, unit: &str) -> String {
    let num = |v: f64| {
        if v.abs() >= 1_000.0 {
            thousands(v)
        } else if unit == "x" {
            format!("{v:.2}")
        } else {
            format!("{v:.1}")
        }
    };
    let v = if e.is_point() { num(e.low()) } else { format!("{}–{}", num(e.low()), num(e.high())) };
    match unit {
        "%" | "%/yr" => format!("{v} {unit}"),
        "x" => format!("×{v}"),
        u => format!("{v} {u}"),
    }
}
