//! The report as a document: headings, paragraphs, lists, tables and charts, built once from a
//! [`SupplyReport`] and written by each format's renderer. Every rule of output hygiene lives
//! here: a unit or scale in every numeric column header, thousands separators, short country
//! names, sources cited by number (never by internal id or file name).

use crate::chain::Stage;
use crate::claims::{Bound, CheckOutcome};
use crate::dataset::Flag;
use crate::fmt::grouped;
use crate::methods::reliance::Agreement;
use crate::provenance::{Confidence, Estimate};
use crate::report::{DenominatorKind, MarketConcentration, NirKind, Producer, SupplyReport};
use crate::stats::guideline::{Band, Guideline};

use super::names::short_name;
use super::svg;

/// Countries listed per mining table; the rest are summed in one row.
const TOP: usize = 6;
/// Countries per bar of the stage chart.
pub(crate) const CHART_TOP: usize = 4;

/// A whole document.
pub(crate) struct Doc {
    pub title: String,
    pub lead: Vec<String>,
    pub sections: Vec<Section>,
}

/// A section under a heading.
pub(crate) struct Section {
    /// A short stable name (`mining`, `sources`), used as the CSV `table` column and HTML ids.
    pub key: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A piece of a section.
pub(crate) enum Block {
    Para(String),
    List(Vec<String>),
    Table(Table),
    /// An SVG chart (drawn in the HTML page; the text formats leave it out).
    Chart(String),
}

/// A table: a header with units, rows of formatted cells, which columns are numeric (right
/// aligned).
pub(crate) struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<bool>,
}

impl Table {
    pub(crate) fn new(header: &[&str], numeric: &[usize]) -> Table {
        Table {
            header: header.iter().map(|h| (*h).to_string()).collect(),
            rows: Vec::new(),
            numeric: (0..header.len()).map(|i| numeric.contains(&i)).collect(),
        }
    }
}

/// Source id → its number in the list of sources (`[1]`).
struct Refs<'a> {
    ids: Vec<&'a str>,
}

impl Refs<'_> {
    fn one(&self, id: &str) -> String {
        match self.ids.iter().position(|s| *s == id) {
            Some(i) => format!("[{}]", i + 1),
            None => String::new(),
        }
    }

    fn many<'s>(&self, ids: impl IntoIterator<Item = &'s str>) -> String {
        let mut n: Vec<usize> = ids.into_iter().filter_map(|id| self.ids.iter().position(|s| *s == id)).collect();
        n.sort_unstable();
        n.dedup();
        if n.is_empty() {
            return String::new();
        }
        let n: Vec<String> = n.into_iter().map(|i| (i + 1).to_string()).collect();
        format!("[{}]", n.join(", "))
    }

    /// Replaces every cited id inside a text with its number.
    fn in_text(&self, text: &str) -> String {
        let mut out = text.to_string();
        // longest ids first, so that an id that prefixes another is not replaced inside it
        let mut ids: Vec<(usize, &str)> = self.ids.iter().copied().enumerate().collect();
        ids.sort_by_key(|(_, id)| std::cmp::Reverse(id.len()));
        for (i, id) in ids {
            out = out.replace(&format!("[{id}]"), &format!("[{}]", i + 1)).replace(id, &format!("source [{}]", i + 1));
        }
        out
    }
}

/// `235,380`.
fn t(v: f64) -> String {
    grouped(v, 0)
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
}

fn range(e: &Estimate, decimals: usize) -> String {
    if e.is_point() || (e.high() - e.low()).abs() < 0.05 {
        format!("{:.*}", decimals, e.low())
    } else {
        format!("{:.*}–{:.*}", decimals, e.low(), decimals, e.high())
    }
}

fn hhi(e: &Estimate) -> String {
    if e.is_point() || (e.high() - e.low()).abs() < 0.5 {
        t(e.low())
    } else {
        format!("{}–{}", t(e.low()), t(e.high()))
    }
}

/// A tonnage with its flags: `88,000 e`, `W e` (withheld, estimated), `— e` (a dash: zero).
fn tonnes_cell(v: Option<f64>, f: &[Flag]) -> String {
    let value = if f.contains(&Flag::Withheld) {
        "W".to_string()
    } else if f.contains(&Flag::Zero) {
        "—".to_string()
    } else {
        v.map_or_else(|| "NA".to_string(), t)
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

/// A share in percent: one decimal for a point, whole numbers for a range of whole numbers.
fn share(e: &Estimate) -> String {
    let whole = e.low().fract() == 0.0 && e.high().fract() == 0.0;
    match (e.is_point(), whole) {
        (true, true) => format!("{:.0}", e.low()),
        (true, false) => format!("{:.1}", e.low()),
        (false, true) => format!("{:.0}–{:.0}", e.low(), e.high()),
        (false, false) => format!("{:.1}–{:.1}", e.low(), e.high()),
    }
}

/// The unit of a tonnage column (`t Li`, `t natural-graphite`).
pub(crate) fn tonnage_unit(r: &SupplyReport) -> String {
    format!("t {}", r.basis)
}

/// An edition as a reader needs it: the parts naming the crate's own copy of a document (a
/// stored file) are left out.
pub(crate) fn edition(e: Option<&str>) -> String {
    e.unwrap_or_default()
        .split("; ")
        .filter(|p| !p.trim_start().starts_with("seed file") && !p.trim_end().ends_with(".txt"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The words for a source's confidence class.
pub(crate) fn confidence_words(c: Confidence) -> &'static str {
    match c {
        Confidence::Primary => "primary document",
        Confidence::Secondary => "secondary restatement",
        Confidence::Derived => "derived from the sources",
        Confidence::Unconfirmed => "unconfirmed",
        Confidence::Claim => "claims to check, not facts",
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
        year.to_string(),
        c.denominator.label().to_string(),
        t(c.denominator_t),
        hhi(&c.hhi_points),
        range(&c.cr3_pct, 1),
        if c.remainder_t > 0.0 && c.remainder_pct < 0.05 {
            format!("{} (< 0.1 %)", t(c.remainder_t))
        } else if c.remainder_t > 0.0 {
            format!("{} ({:.1} %)", t(c.remainder_t), c.remainder_pct)
        } else {
            "0".into()
        },
        band(0),
        band(1),
        band(2),
    ]
}

fn name(p: &str) -> String {
    short_name(p).into_owned()
}

fn mining_section(r: &SupplyReport, refs: &Refs<'_>, out: &mut Vec<Section>) {
    let Some(m) = &r.mining else { return };
    let y = &m.latest;
    let unit = tonnage_unit(r);
    let prev_year = m.previous.as_ref().map(|p| p.year);
    let world_col = y
        .world_total_t
        .map_or_else(|| "share of world (%)".to_string(), |w| format!("share of world total {} {unit} (%)", t(w)));
    let rows_col = format!("share of rows' sum {} {unit} (%)", t(y.rows_sum_t));
    let prev_col = prev_year.map_or_else(|| "previous year ({unit})".to_string(), |p| format!("{p} ({unit})"));
    let year_col = format!("{} ({unit})", y.year);
    let mut table = Table::new(
        &["rank", "country", &year_col, &world_col, &rows_col, &prev_col, "change (%)"],
        &[0, 2, 3, 4, 5, 6],
    );
    let on_world = y.on_world_total.is_some();
    let world_pct = |p: &Producer| if on_world { pct(p.pct_of_world) } else { "–".into() };
    for p in y.producers.iter().filter(|p| p.rank.is_some()).take(TOP) {
        table.rows.push(vec![
            p.rank.map_or_else(String::new, |r| r.to_string()),
            name(&p.name),
            tonnes_cell(p.tonnes, &p.flags),
            world_pct(p),
            pct(p.pct_of_rows),
            p.previous_t.map_or_else(|| "–".into(), t),
            p.change_pct.map_or_else(|| "–".into(), |c| format!("{c:+.1}")),
        ]);
    }
    let rest: Vec<&Producer> = y.producers.iter().filter(|p| p.rank.is_some()).skip(TOP).collect();
    if !rest.is_empty() {
        let total: f64 = rest.iter().filter_map(|p| p.tonnes).sum();
        let sum = |f: fn(&Producer) -> Option<f64>| -> Option<f64> { rest.iter().map(|p| f(p)).sum::<Option<f64>>() };
        table.rows.push(vec![
            String::new(),
            format!("{} more countries", rest.len()),
            t(total),
            if on_world { pct(sum(|p| p.pct_of_world)) } else { "–".into() },
            pct(sum(|p| p.pct_of_rows)),
            String::new(),
            String::new(),
        ]);
    }
    for p in y.producers.iter().filter(|p| p.rank.is_none()) {
        table.rows.push(vec![
            "–".into(),
            name(&p.name),
            tonnes_cell(p.tonnes, &p.flags),
            world_pct(p),
            pct(p.pct_of_rows),
            p.previous_t.map_or_else(|| "–".into(), t),
            String::new(),
        ]);
    }
    if let Some(w) = y.world_total_t {
        let prev_w = m.previous.as_ref().and_then(|p| p.world_total_t);
        table.rows.push(vec![
            String::new(),
            "World total (published)".into(),
            tonnes_cell(Some(w), &y.world_flags),
            if on_world { "100.0".into() } else { "below rows".into() },
            String::new(),
            prev_w.map_or_else(|| "–".into(), t),
            m.world_change_pct.map_or_else(|| "–".into(), |c| format!("{c:+.1}")),
        ]);
    }
    out.push(Section {
        key: "mining",
        heading: format!("Mining: mine production {} {}", y.year, refs.one(&y.source)),
        blocks: vec![
            Block::Table(table),
            Block::Para("e estimated, r rounded, W withheld (no share), — published as a dash (zero).".into()),
        ],
    });

    let mut conc = Table::new(
        &[
            "year",
            "denominator",
            &format!("denominator ({unit})"),
            "HHI (points, 0–10,000)",
            "CR3 (%)",
            &format!("remainder ({unit})"),
            "US 2023 band",
            "US 2010 band",
            "EU 2004 band",
        ],
        &[0, 2, 3, 4, 5],
    );
    if let Some(c) = &y.on_world_total {
        conc.rows.push(concentration_row(c, y.year));
    }
    conc.rows.push(concentration_row(&y.on_rows, y.year));
    if let Some(p) = &m.previous {
        if let Some(c) = &p.on_world_total {
            conc.rows.push(concentration_row(c, p.year));
        }
        conc.rows.push(concentration_row(&p.on_rows, p.year));
    }
    let c = y.headline_concentration();
    let top3: Vec<String> = c.top3.iter().map(|n| name(n)).collect();
    let bands: Vec<String> = Guideline::ALL.iter().map(|g| format!("{} ({})", g.name(), g.thresholds_text())).collect();
    let mut blocks = vec![
        Block::Table(conc),
        Block::Para(format!("Top 3: {}. Remainder: {}.", top3.join(", "), c.remainder_treatment)),
        Block::Para(format!(
            "Bands: {}. The guidelines are written for firms; here they are a yardstick for countries.",
            bands.join("; ")
        )),
    ];
    if let Some(chart) = concentration_chart(r) {
        blocks.push(Block::Chart(chart));
    }
    out.push(Section {
        key: "concentration",
        heading: format!("Concentration of mining {}", refs.one(&y.source)),
        blocks,
    });
}

/// HHI over the report's years, one line per denominator.
fn concentration_chart(r: &SupplyReport) -> Option<String> {
    let m = r.mining.as_ref()?;
    let years: Vec<_> = m.previous.iter().chain(std::iter::once(&m.latest)).collect();
    let mut world = svg::Series { name: "HHI on the world total".into(), points: Vec::new() };
    let mut rows = svg::Series { name: "HHI on the rows' sum".into(), points: Vec::new() };
    for y in &years {
        if let Some(c) = &y.on_world_total {
            world.points.push((f64::from(y.year), c.hhi_points.low()));
        }
        rows.points.push((f64::from(y.year), y.on_rows.hhi_points.low()));
    }
    let series: Vec<svg::Series> = [world, rows].into_iter().filter(|s| !s.points.is_empty()).collect();
    let mut sources: Vec<String> = Vec::new();
    for y in &years {
        if let Some(s) = r.source(&y.source) {
            let text = format!("{}, {}", s.publisher, s.title);
            if !sources.contains(&text) {
                sources.push(text);
            }
        }
    }
    svg::line_chart(&svg::LineChart {
        title: format!("{}: concentration of mining over years", r.title),
        x_label: "Year".into(),
        y_label: "HHI (points, 0–10,000)".into(),
        series,
        footer: format!("Source: {}. Low end of each range (remainder excluded).", sources.join("; ")),
        integer_x: true,
    })
    .ok()
}

fn stages_section(r: &SupplyReport, refs: &Refs<'_>, out: &mut Vec<Section>) {
    if r.stages.is_empty() {
        return;
    }
    let mut table = Table::new(&["stage", "country", "share (%)", "as stated", "sources"], &[2]);
    for s in &r.stages {
        let stage = if s.stage == Stage::Mining {
            "Mining (other sources)".to_string()
        } else if s.commodity != r.commodity {
            format!("{} ({})", s.stage.label(), s.commodity)
        } else {
            s.stage.label().to_string()
        };
        for c in &s.countries {
            let said: Vec<String> = c.statements.iter().map(|st| format!("\"{}\"", st.as_published)).collect();
            table.rows.push(vec![
                stage.clone(),
                name(&c.name),
                share(&c.pct),
                said.join("; "),
                refs.many(c.statements.iter().map(|st| st.source.as_str())),
            ]);
        }
    }
    let mut blocks = vec![Block::Table(table)];
    let bars = r.chart(CHART_TOP);
    if !bars.is_empty()
        && let Ok(chart) = svg::stage_shares(r, &bars)
    {
        blocks.push(Block::Chart(chart));
    }
    out.push(Section {
        key: "stages",
        heading: "Stage shares as the sources state them (ranges span the sources)".into(),
        blocks,
    });
}

fn china_section(r: &SupplyReport, refs: &Refs<'_>, out: &mut Vec<Section>) {
    if r.china.is_empty() {
        return;
    }
    let mut table = Table::new(&["stage", "China (%)", "of", "sources"], &[1]);
    for c in &r.china {
        table.rows.push(vec![
            c.stage.label().to_string(),
            share(&c.pct),
            c.of.clone(),
            refs.many(c.sources.iter().map(String::as_str)),
        ]);
    }
    out.push(Section { key: "china", heading: "China's share by stage".into(), blocks: vec![Block::Table(table)] });
}

fn reliance_section(r: &SupplyReport, refs: &Refs<'_>, out: &mut Vec<Section>) {
    let Some(rel) = &r.reliance else { return };
    let unit = tonnage_unit(r);
    let src = rel.latest().map_or_else(String::new, |y| format!(" {}", refs.one(&y.source)));
    let cell = |v: Option<f64>| v.map_or_else(|| "–".to_string(), t);
    let mut table = Table::new(
        &[
            "year",
            &format!("production ({unit})"),
            &format!("imports ({unit})"),
            &format!("exports ({unit})"),
            &format!("net imports ({unit})"),
            "computed (%)",
            "published (%)",
            "agreement",
        ],
        &[1, 2, 3, 4, 5, 6],
    );
    for y in &rel.years {
        table.rows.push(vec![
            format!("{}{}", y.year, if y.estimated { " e" } else { "" }),
            if y.production_state == "reported" { cell(y.production_t) } else { y.production_state.clone() },
            cell(y.imports_t),
            cell(y.exports_t),
            cell(y.net_imports_t),
            match (y.computed.low_pct, y.computed.high_pct) {
                (Some(l), Some(h)) if y.computed.kind == NirKind::Bounded => format!("({l:.0}, {h:.0}]"),
                (Some(l), _) => format!("{l:.0}"),
                _ => "not computable".to_string(),
            },
            y.published.as_ref().map_or_else(|| "–".into(), |p| p.text.clone()),
            match y.agreement {
                Agreement::Confirmed => "confirmed",
                Agreement::NotContradicted => "consistent",
                Agreement::Contradicted => "CONTRADICTED",
                _ => "–",
            }
            .to_string(),
        ]);
    }
    let mut blocks = vec![Block::Table(table)];
    if let Some(y) = rel.latest() {
        blocks.push(Block::Para(format!("Computed {}: {}.", y.year, y.computed.text)));
    }
    if !rel.definition.is_empty() {
        blocks.push(Block::Para(format!("USGS definition: {}.", rel.definition)));
    }
    out.push(Section {
        key: "reliance",
        heading: format!("US net import reliance (% of apparent consumption){src}"),
        blocks,
    });
}

fn value(e: &Estimate, unit: &str) -> String {
    let num = |v: f64| {
        if v.abs() >= 1_000.0 {
            t(v)
        } else if unit == "x" {
            format!("{v:.2}")
        } else {
            format!("{v:.1}")
        }
    };
    let v = if e.is_point() { num(e.low()) } else { format!("{}–{}", num(e.low()), num(e.high())) };
    match unit {
        "x" => format!("×{v}"),
        u => format!("{v} {u}"),
    }
}

fn claims_section(r: &SupplyReport, refs: &Refs<'_>, out: &mut Vec<Section>) {
    let mut blocks = Vec::new();
    if r.claims.is_empty() {
        blocks.push(Block::Para(format!("No growth, price or tonnage claim about {} in the data.", r.commodity)));
    } else {
        let mut table = Table::new(&["claim", "stated", "recomputed from the data", "finding", "sources"], &[]);
        for c in &r.claims {
            let rc: Vec<String> = c
                .recomputed
                .iter()
                .map(|x| {
                    let b = match x.bound {
                        Bound::AtLeast => "≥ ",
                        Bound::AtMost => "≤ ",
                        _ => "",
                    };
                    let src = refs.many(x.sources.iter().map(String::as_str));
                    let src = if src.is_empty() { src } else { format!(" {src}") };
                    format!("{}: {b}{}{src}", x.what, value(&x.value, &x.unit))
                })
                .collect();
            let finding = match c.outcome {
                CheckOutcome::Inconsistent => "INCONSISTENT".to_string(),
                f => f.label().to_string(),
            };
            let finding = if c.note.is_empty() { finding } else { format!("{finding}: {}", refs.in_text(&c.note)) };
            table.rows.push(vec![c.subject.clone(), c.stated.clone(), rc.join("; "), finding, refs.one(&c.source)]);
        }
        blocks.push(Block::Table(table));
    }
    out.push(Section { key: "claims", heading: "Claims recomputed".into(), blocks });
}

fn notes_section(r: &SupplyReport, refs: &Refs<'_>, out: &mut Vec<Section>) {
    if r.notes.is_empty() {
        return;
    }
    let items = r
        .notes
        .iter()
        .map(|n| {
            let src = n.source.as_deref().map_or_else(String::new, |s| format!(" {}", refs.one(s)));
            format!("{}{src}", refs.in_text(&n.text))
        })
        .collect();
    out.push(Section { key: "notes", heading: "Data notes".into(), blocks: vec![Block::List(items)] });
}

fn sources_section(r: &SupplyReport, out: &mut Vec<Section>) {
    let mut table = Table::new(&["no.", "publisher", "title", "edition", "table or page", "address", "kind"], &[0]);
    for (i, s) in r.sources.iter().enumerate() {
        table.rows.push(vec![
            (i + 1).to_string(),
            s.publisher.clone(),
            s.title.clone(),
            edition(s.edition.as_deref()),
            s.table_or_page.clone().unwrap_or_default(),
            s.url.clone().unwrap_or_default(),
            confidence_words(s.tag).to_string(),
        ]);
    }
    let mut blocks = vec![Block::Table(table)];
    if r.mining.as_ref().is_some_and(|m| m.latest.headline == DenominatorKind::SumOfRows) {
        blocks.push(Block::Para("Shares use the sum of rows: see the data notes.".into()));
    }
    out.push(Section { key: "sources", heading: "Sources".into(), blocks });
}

/// The document of a report.
pub(crate) fn build(r: &SupplyReport) -> Doc {
    let refs = Refs { ids: r.sources.iter().map(|s| s.id.as_str()).collect() };
    let mut sections = Vec::new();
    mining_section(r, &refs, &mut sections);
    stages_section(r, &refs, &mut sections);
    china_section(r, &refs, &mut sections);
    reliance_section(r, &refs, &mut sections);
    claims_section(r, &refs, &mut sections);
    notes_section(r, &refs, &mut sections);
    sources_section(r, &mut sections);
    Doc {
        title: r.title.clone(),
        lead: vec![format!(
            "Tonnages in {} ({}). Numbers in [brackets] cite the sources listed at the end.",
            r.unit,
            tonnage_unit(r)
        )],
        sections,
    }
}
