//! SVG charts, written by hand as well-formed XML (they parse with any XML parser and embed in
//! the HTML page as they are): country shares by stage (stacked bars), a measure over years
//! (lines), a cost curve (steps). Every chart has a title, both axis labels, a legend and a
//! source line; text is in a generic sans-serif font, so no font file is needed.

use std::fmt::Write as _;

use crate::Error;
use crate::chain::cost_curve::CostCurve;
use crate::chain::recycling::DemandShare;
use crate::error::Detail;
use crate::fmt::grouped;
use crate::material::Element;
use crate::money::Price;
use crate::report::{StageBar, SupplyReport};

use super::doc::CHART_TOP;
use super::names::short_name;
use super::xml::escape;

/// Colours of the series, in order of first appearance; "Other" is grey.
const PALETTE: [&str; 8] = ["#c8102e", "#005ca9", "#008c64", "#e68c00", "#7846a0", "#0096b4", "#966432", "#d25a96"];
const OTHER: &str = "#aaaaaa";
const WIDTH: f64 = 1000.0;
/// Characters per footer line.
const FOOTER_CHARS: usize = 140;

fn no_chart(what: &str) -> Error {
    Detail::Parse { what: "chart", input: what.to_string(), expected: "at least one value to draw" }.into()
}

/// A chart being written.
struct Canvas {
    buf: String,
    width: f64,
    height: f64,
}

impl Canvas {
    fn new(width: f64, height: f64, title: &str) -> Canvas {
        let mut buf = String::new();
        let _ = write!(
            buf,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" role=\"img\" font-family=\"sans-serif\">\
             <title>{}</title><rect class=\"background\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>",
            escape(title)
        );
        let mut c = Canvas { buf, width, height };
        c.text("title", width / 2.0, 28.0, title, 20.0, "middle", None);
        c
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, class: &str, x: f64, y: f64, text: &str, size: f64, anchor: &str, extra: Option<&str>) {
        let _ = write!(
            self.buf,
            "<text class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" text-anchor=\"{anchor}\"{}>{}</text>",
            extra.map_or_else(String::new, |e| format!(" {e}")),
            escape(text)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, label: Option<&str>) {
        let _ = write!(self.buf, "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"");
        match label {
            Some(l) => {
                let _ = write!(self.buf, "><title>{}</title></rect>", escape(l));
            }
            None => self.buf.push_str("/>"),
        }
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = write!(
            self.buf,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>"
        );
    }

    /// A group with a class (`legend`, `x-axis`), closed by [`Canvas::end`].
    fn group(&mut self, class: &str) {
        let _ = write!(self.buf, "<g class=\"{class}\">");
    }

    fn end(&mut self) {
        self.buf.push_str("</g>");
    }

    /// A legend at (`x`, `y`): a heading and one swatch per entry.
    fn legend(&mut self, x: f64, y: f64, entries: &[(String, &str)]) {
        self.group("legend");
        self.text("legend-title", x, y, "Legend", 14.0, "start", None);
        for (k, (name, colour)) in entries.iter().enumerate() {
            let yy = y + 14.0 + 22.0 * k as f64;
            self.rect(x, yy, 14.0, 14.0, colour, None);
            self.text("legend-entry", x + 22.0, yy + 12.0, name, 13.0, "start", None);
        }
        self.end();
    }

    /// The source lines at the bottom.
    fn footer(&mut self, text: &str) {
        let lines = wrap(text, FOOTER_CHARS);
        let top = self.height - 10.0 - 15.0 * lines.len() as f64;
        self.group("source");
        for (i, l) in lines.iter().enumerate() {
            self.text("source-line", 12.0, top + 12.0 + 15.0 * i as f64, l, 11.0, "start", Some("fill=\"#3c3c3c\""));
        }
        self.end();
    }

    /// Axis labels: `x` under the plot, `y` rotated along its left side.
    fn axis_labels(&mut self, plot: (f64, f64, f64, f64), x: &str, y: &str, y_left: f64) {
        let (left, top, right, bottom) = plot;
        self.text("axis-label x-label", (left + right) / 2.0, bottom + 42.0, x, 14.0, "middle", None);
        let (cx, cy) = (y_left, (top + bottom) / 2.0);
        self.text(
            "axis-label y-label",
            cx,
            cy,
            y,
            14.0,
            "middle",
            Some(&format!("transform=\"rotate(-90 {cx:.1} {cy:.1})\"")),
        );
    }

    fn finish(mut self) -> String {
        let _ = self.width;
        self.buf.push_str("</svg>");
        self.buf
    }
}

/// Lines of at most `width` characters, broken at spaces.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Round tick step for a range: 1, 2 or 5 times a power of ten, giving about 5 ticks.
/// Horizontal grid lines and their labels from 0 to `y_max` every `y_step`, between `left` and
/// `right` (`sy` maps a value to its height; labels with at most `decimals` decimals).
fn y_grid(
    c: &mut Canvas,
    (left, right): (f64, f64),
    (y_max, y_step): (f64, f64),
    sy: impl Fn(f64) -> f64,
    decimals: usize,
) {
    let mut v = 0.0;
    while v <= y_max + y_step / 2.0 {
        c.line(left, sy(v), right, sy(v), "#dddddd", 1.0);
        c.text("tick", left - 8.0, sy(v) + 4.0, &grouped(v, decimals), 12.0, "end", None);
        v += y_step;
    }
}

fn tick_step(span: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / 5.0;
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let f = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * p
}

/// Country shares by stage as horizontal stacked bars: the report's [`SupplyReport::chart`]
/// bars (top countries and "Other"), a legend of the countries, the sources by publisher and
/// what each bar's percentages are of.
///
/// # Errors
///
/// An [`Error`] when there is no bar to draw.
///
/// # Examples
///
/// ```
/// use critical_minerals::dataset::{Commodity, Dataset};
/// use critical_minerals::report::SupplyReport;
/// use critical_minerals::render;
///
/// let r = SupplyReport::build(&Dataset::builtin()?, Commodity::LITHIUM)?;
/// let svg = render::svg::stage_shares(&r, &r.chart(4))?;
/// assert!(svg.starts_with("<svg") && svg.contains("Share of the stage (%)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stage_shares(report: &SupplyReport, bars: &[StageBar]) -> Result<String, Error> {
    if bars.is_empty() {
        return Err(no_chart(&format!("stage shares of {}", report.commodity)));
    }
    let mut colours: Vec<(String, &str)> = Vec::new();
    for s in bars.iter().flat_map(|b| &b.segments) {
        let n = short_name(&s.name).into_owned();
        if !colours.iter().any(|(c, _)| *c == n) {
            let c = PALETTE[colours.len() % PALETTE.len()];
            colours.push((n, c));
        }
    }
    let footer = stage_footer(report, bars);
    let footer_h = 20.0 + 15.0 * wrap(&footer, FOOTER_CHARS).len() as f64;
    let (left, right, top): (f64, f64, f64) = (230.0, 770.0, 60.0);
    let bar_h = 60.0;
    let bottom = top + bar_h * bars.len() as f64;
    let legend_h = 40.0 + 22.0 * (colours.len() + 1) as f64;
    let height = (bottom + 60.0).max(top + legend_h) + footer_h;
    let title = format!("{}: country shares by stage", report.title);
    let mut c = Canvas::new(WIDTH, height, &title);
    let x = |pct: f64| left + (right - left) * pct.clamp(0.0, 100.0) / 100.0;
    c.group("x-axis");
    for k in 0..=5 {
        let v = f64::from(k) * 20.0;
        c.line(x(v), top, x(v), bottom, "#dddddd", 1.0);
        c.text("tick", x(v), bottom + 18.0, &format!("{v:.0}"), 12.0, "middle", None);
    }
    c.line(left, bottom, right, bottom, "#333333", 1.0);
    c.end();
    c.group("bars");
    for (i, bar) in bars.iter().enumerate() {
        let y0 = top + bar_h * i as f64 + 12.0;
        let h = bar_h - 24.0;
        c.text("bar-label", left - 10.0, y0 + h / 2.0 + 4.0, &bar.label, 13.0, "end", None);
        let mut x0 = 0.0;
        let mut parts: Vec<(String, f64, String, &str)> = bar
            .segments
            .iter()
            .map(|s| {
                let n = short_name(&s.name).into_owned();
                let col = colours.iter().find(|(c, _)| *c == n).map_or(OTHER, |(_, c)| *c);
                (n, s.pct, s.label.clone(), col)
            })
            .collect();
        parts.push(("Other".into(), bar.other_pct, format!("{:.0} %", bar.other_pct), OTHER));
        for (name, pct, label, colour) in parts {
            if pct.is_nan() || pct <= 0.0 {
                continue;
            }
            let x1 = (x0 + pct).min(100.0);
            c.rect(x(x0), y0, x(x1) - x(x0), h, colour, Some(&format!("{name}: {label}")));
            if pct >= 7.0 {
                let text = if pct >= 18.0 { format!("{name} {label}") } else { label };
                c.text(
                    "segment-label",
                    x((x0 + x1) / 2.0),
                    y0 + h / 2.0 + 4.0,
                    &text,
                    12.0,
                    "middle",
                    Some("fill=\"#ffffff\""),
                );
            }
            x0 = x1;
        }
    }
    c.end();
    c.axis_labels((left, top, right, bottom), "Share of the stage (%)", "Stage", 24.0);
    let mut entries = colours.clone();
    entries.push(("Other".into(), OTHER));
    c.legend(800.0, top + 10.0, &entries);
    c.footer(&footer);
    Ok(c.finish())
}

/// Sources by publisher and what each bar is a share of.
fn stage_footer(report: &SupplyReport, bars: &[StageBar]) -> String {
    let mut by_publisher: Vec<String> = Vec::new();
    for id in bars.iter().flat_map(|b| &b.sources) {
        let text = report.source(id).map_or_else(
            || "the user's data".to_string(),
            |s| {
                let publisher = s.publisher.split(" (").next().unwrap_or(&s.publisher);
                match &s.edition {
                    Some(e) => format!("{publisher} ({e})"),
                    None => publisher.to_string(),
                }
            },
        );
        if !by_publisher.contains(&text) {
            by_publisher.push(text);
        }
    }
    let basis: Vec<String> = bars.iter().map(|b| format!("{}: {}", b.label, b.basis)).collect();
    format!("Source: {}. Bars (top {CHART_TOP} countries and Other): {}.", by_publisher.join("; "), basis.join("; "))
}

/// One line of a [`LineChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name in the legend.
    pub name: String,
    /// (x, y) points in x order.
    pub points: Vec<(f64, f64)>,
}

/// A line chart: a measure over years (HHI of mining, CR-n of an HS product).
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// The title.
    pub title: String,
    /// The x axis label with its unit (`Year`).
    pub x_label: String,
    /// The y axis label with its unit or scale (`HHI (points, 0–10,000)`).
    pub y_label: String,
    /// The lines.
    pub series: Vec<Series>,
    /// The source line.
    pub footer: String,
    /// Ticks on whole numbers only (years).
    pub integer_x: bool,
}

/// A line chart as SVG, the y axis from zero.
///
/// # Errors
///
/// An [`Error`] when no series has a finite point.
///
/// # Examples
///
/// ```
/// use critical_minerals::render::svg::{LineChart, Series, line_chart};
///
/// let svg = line_chart(&LineChart {
///     title: "HHI of exports, HS 283691".into(),
///     x_label: "Year".into(),
///     y_label: "HHI (points, 0–10,000)".into(),
///     series: vec![Series { name: "exporters".into(), points: vec![(2022.0, 3100.0), (2023.0, 3350.0)] }],
///     footer: "Source: CEPII BACI.".into(),
///     integer_x: true,
/// })?;
/// assert!(svg.contains("<polyline"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn line_chart(chart: &LineChart) -> Result<String, Error> {
    let pts: Vec<(f64, f64)> =
        chart.series.iter().flat_map(|s| &s.points).copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect();
    if pts.is_empty() {
        return Err(no_chart(&chart.title));
    }
    let (mut x_min, mut x_max) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    if x_max - x_min < 1.0 {
        x_min -= 1.0;
        x_max += 1.0;
    }
    let y_top = pts.iter().fold(0.0f64, |a, p| a.max(p.1));
    let y_step = tick_step(if y_top > 0.0 { y_top } else { 1.0 });
    let y_max = (y_top / y_step).ceil().max(1.0) * y_step;
    let footer_h = 20.0 + 15.0 * wrap(&chart.footer, FOOTER_CHARS).len() as f64;
    let (left, right, top, bottom): (f64, f64, f64, f64) = (100.0, 760.0, 60.0, 400.0);
    let height = bottom + 60.0 + footer_h;
    let mut c = Canvas::new(WIDTH, height, &chart.title);
    let sx = |x: f64| left + (right - left) * (x - x_min) / (x_max - x_min);
    let sy = |y: f64| bottom - (bottom - top) * y / y_max;
    c.group("y-axis");
    y_grid(&mut c, (left, right), (y_max, y_step), sy, 3);
    c.line(left, top, left, bottom, "#333333", 1.0);
    c.end();
    c.group("x-axis");
    let x_step = if chart.integer_x { tick_step(x_max - x_min).max(1.0).round() } else { tick_step(x_max - x_min) };
    let mut x = (x_min / x_step).ceil() * x_step;
    while x <= x_max + 1e-9 {
        c.text(
            "tick",
            sx(x),
            bottom + 18.0,
            &if chart.integer_x { format!("{x:.0}") } else { grouped(x, 3) },
            12.0,
            "middle",
            None,
        );
        x += x_step;
    }
    c.line(left, bottom, right, bottom, "#333333", 1.0);
    c.end();
    let mut entries = Vec::new();
    c.group("series");
    for (k, s) in chart.series.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        entries.push((s.name.clone(), colour));
        let p: Vec<String> = s
            .points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| format!("{:.1},{:.1}", sx(x), sy(y)))
            .collect();
        let _ = write!(
            c.buf,
            "<polyline class=\"line\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{}\"><title>{}</title></polyline>",
            p.join(" "),
            escape(&s.name)
        );
        for &(x, y) in s.points.iter().filter(|(x, y)| x.is_finite() && y.is_finite()) {
            let _ = write!(c.buf, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"/>", sx(x), sy(y));
        }
    }
    c.end();
    c.axis_labels((left, top, right, bottom), &chart.x_label, &chart.y_label, 30.0);
    c.legend(790.0, top + 10.0, &entries);
    c.footer(&chart.footer);
    Ok(c.finish())
}

/// A recycling projection as SVG: the recycled share of demand of each element over the years
/// (percent, from [`RecycledSupply::share_of_demand`](crate::chain::recycling::RecycledSupply::share_of_demand)),
/// and a flat benchmark line `(name, fraction)` when given (the EU CRMA's 25 %, say). Elements
/// whose shares are equal every year (the same chemistries and recovery rate) share one line,
/// named `Ni = Co`; years without demand are left out of their line.
///
/// # Errors
///
/// An [`Error`] when no element has a year with demand.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::recycling::DemandShare;
/// use critical_minerals::material::Element;
/// use critical_minerals::render::svg::recycling_chart;
///
/// let li = vec![
///     DemandShare { year: 2030, recovered_t: 10.0, demand_t: 100.0, share: Some(0.10) },
///     DemandShare { year: 2035, recovered_t: 36.0, demand_t: 200.0, share: Some(0.18) },
/// ];
/// let svg = recycling_chart("Recycled lithium", &[(Element::Li, li)], Some(("CRMA 25 %", 0.25)), "Source: a model.")?;
/// assert!(svg.contains("Recycled / demand (%)") && svg.contains("CRMA 25 %"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn recycling_chart(
    title: &str,
    shares: &[(Element, Vec<DemandShare>)],
    benchmark: Option<(&str, f64)>,
    footer: &str,
) -> Result<String, Error> {
    let mut series: Vec<Series> = Vec::new();
    for (e, rows) in shares {
        let points: Vec<(f64, f64)> =
            rows.iter().filter_map(|r| r.share.map(|x| (f64::from(r.year), x * 100.0))).collect();
        if points.is_empty() {
            continue;
        }
        let same = |a: &[(f64, f64)]| {
            a.len() == points.len() && a.iter().zip(&points).all(|(p, q)| p.0 == q.0 && (p.1 - q.1).abs() < 1e-9)
        };
        match series.iter_mut().find(|l| same(&l.points)) {
            Some(line) => line.name = format!("{} = {e}", line.name),
            None => series.push(Series { name: e.to_string(), points }),
        }
    }
    if series.is_empty() {
        return Err(no_chart(title));
    }
    if let Some((name, level)) = benchmark {
        let (lo, hi) =
            series.iter().flat_map(|s| &s.points).fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        series.push(Series { name: name.to_string(), points: vec![(lo, level * 100.0), (hi, level * 100.0)] });
    }
    line_chart(&LineChart {
        title: title.to_string(),
        x_label: "Year".into(),
        y_label: "Recycled / demand (%)".into(),
        series,
        footer: footer.to_string(),
        integer_x: true,
    })
}

/// A cost curve as SVG: one block per entry in cost order, its width the volume (kt on the
/// curve's basis), its height the unit cost, and a dashed line at `price` when given.
///
/// # Errors
///
/// An [`Error`] when the curve is empty or its total volume is zero.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry};
/// use critical_minerals::material::{Amount, Basis};
/// use critical_minerals::money::{Currency, Price};
/// use critical_minerals::render::svg::cost_curve;
///
/// let usd = |x| Price::per_tonne(x, Currency::USD, Basis::lce());
/// let t = |x| Amount::tonnes(x, Basis::lce());
/// let curve = CostCurve::new(vec![
///     CostCurveEntry::new("brine A", usd(6_000.0)?, t(40_000.0)?)?,
///     CostCurveEntry::new("spodumene B", usd(9_000.0)?, t(30_000.0)?)?,
/// ])?;
/// let svg = cost_curve(&curve, Some(&usd(8_000.0)?), "Illustrative producers")?;
/// assert!(svg.contains("Cumulative volume (kt LCE)") && svg.contains("Unit cost (USD/t LCE)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cost_curve(curve: &CostCurve, price: Option<&Price>, source: &str) -> Result<String, Error> {
    let total_kt = curve.total().in_tonnes() / 1_000.0;
    let points = curve.points();
    if points.is_empty() || total_kt.is_nan() || total_kt <= 0.0 {
        return Err(no_chart("an empty cost curve"));
    }
    let unit = format!("{}/t {}", curve.currency(), curve.basis());
    let max_cost = points.iter().map(|p| p.entry().unit_cost().amount_per_tonne()).fold(0.0f64, f64::max);
    let price_v = price.map(Price::amount_per_tonne);
    let y_top = max_cost.max(price_v.unwrap_or(0.0));
    let y_step = tick_step(if y_top > 0.0 { y_top } else { 1.0 });
    let y_max = (y_top / y_step).ceil().max(1.0) * y_step;
    let footer = format!("Source: {source}.");
    let footer_h = 20.0 + 15.0 * wrap(&footer, FOOTER_CHARS).len() as f64;
    let (left, right, top, bottom): (f64, f64, f64, f64) = (110.0, 760.0, 60.0, 400.0);
    let legend_h = 40.0 + 22.0 * (points.len() + 1) as f64;
    let height = (bottom + 60.0).max(top + legend_h) + footer_h;
    let title = match curve.price_year() {
        Some(y) => format!("Cost curve ({unit}, {y} prices)"),
        None => format!("Cost curve ({unit})"),
    };
    let mut c = Canvas::new(WIDTH, height, &title);
    let sx = |kt: f64| left + (right - left) * kt / total_kt;
    let sy = |y: f64| bottom - (bottom - top) * y / y_max;
    c.group("y-axis");
    y_grid(&mut c, (left, right), (y_max, y_step), sy, 2);
    c.end();
    c.group("x-axis");
    let step = tick_step(total_kt);
    let mut x = 0.0;
    while x <= total_kt + 1e-9 {
        c.text("tick", sx(x), bottom + 18.0, &grouped(x, 3), 12.0, "middle", None);
        x += step;
    }
    c.line(left, bottom, right, bottom, "#333333", 1.0);
    c.end();
    let mut entries = Vec::new();
    c.group("bars");
    for (k, p) in points.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let cost = p.entry().unit_cost().amount_per_tonne();
        let (x0, x1) = (p.from().in_tonnes() / 1_000.0, p.to().in_tonnes() / 1_000.0);
        let name = p.entry().name().to_string();
        c.rect(
            sx(x0),
            sy(cost),
            sx(x1) - sx(x0),
            sy(0.0) - sy(cost),
            colour,
            Some(&format!("{name}: {}", grouped(cost, 2))),
        );
        entries.push((name, colour));
    }
    c.end();
    if let Some(pv) = price_v {
        let _ = write!(
            c.buf,
            "<line class=\"price\" x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{right:.1}\" y2=\"{y:.1}\" stroke=\"#000000\" \
             stroke-width=\"2\" stroke-dasharray=\"8 5\"/>",
            y = sy(pv)
        );
        entries.push((format!("price {} {unit}", grouped(pv, 2)), "#000000"));
    }
    c.axis_labels(
        (left, top, right, bottom),
        &format!("Cumulative volume (kt {})", curve.basis()),
        &format!("Unit cost ({unit})"),
        30.0,
    );
    c.legend(790.0, top + 10.0, &entries);
    c.footer(&footer);
    Ok(c.finish())
}
