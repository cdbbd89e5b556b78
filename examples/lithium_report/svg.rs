//! The report's country shares by stage as an SVG chart (plotters, SVG backend, no fonts
//! needed): one horizontal stacked bar per stage, top countries and "Other", with title, axis
//! labels, legend and a source line.

use plotters::coord::Shift;
use plotters::element::BackendCoordOnly;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use critical_minerals::report::{StageBar, SupplyReport};

/// Countries per bar.
pub const TOP: usize = 4;
const WIDTH: u32 = 1000;
const LEGEND_W: u32 = 210;

const PALETTE: [RGBColor; 8] = [
    RGBColor(200, 16, 46),  // first country to appear (red)
    RGBColor(0, 92, 169),   // blue
    RGBColor(0, 140, 100),  // green
    RGBColor(230, 140, 0),  // orange
    RGBColor(120, 70, 160), // purple
    RGBColor(0, 150, 180),  // teal
    RGBColor(150, 100, 50), // brown
    RGBColor(210, 90, 150), // pink
];
const OTHER: RGBColor = RGBColor(170, 170, 170);

/// Country -> colour, in order of first appearance across the bars.
fn colours(bars: &[StageBar]) -> Vec<(String, RGBColor)> {
    let mut out: Vec<(String, RGBColor)> = Vec::new();
    for s in bars.iter().flat_map(|b| &b.segments) {
        if !out.iter().any(|(n, _)| *n == s.name) {
            let c = PALETTE[out.len() % PALETTE.len()];
            out.push((s.name.clone(), c));
        }
    }
    out
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing the chart: {e:?}")
}

/// The chart as SVG text.
///
/// # Errors
///
/// A message when the report has no stage to draw or plotters fails.
pub fn render(report: &SupplyReport) -> Result<String, String> {
    let bars = report.chart(TOP);
    if bars.is_empty() {
        return Err(format!("no stage shares to draw for {}", report.commodity));
    }
    let n = bars.len();
    let footer = footer_lines(report, &bars);
    let footer_h = 14 + 16 * footer.len() as u32;
    let height = 150 + 90 * n as u32 + footer_h;
    let palette = colours(&bars);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, footer_area) = root.split_vertically(height - footer_h);
        let (plot, legend) = top.split_horizontally(WIDTH - LEGEND_W);
        let title = format!("{}: country shares by stage", report.title);
        let mut chart = ChartBuilder::on(&plot)
            .caption(&title, ("sans-serif", 22).into_font())
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(210)
            // n segments, the first stage at the top
            .build_cartesian_2d(0f64..100f64, (0..n - 1).into_segmented())
            .map_err(err)?;
        let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .x_desc("Share of the stage (%)")
            .y_desc("Stage")
            .axis_desc_style(("sans-serif", 15))
            .label_style(("sans-serif", 13))
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(n - 1 - *i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .x_label_formatter(&|x| format!("{x:.0}"))
            .draw()
            .map_err(err)?;

        for (k, bar) in bars.iter().enumerate() {
            let i = n - 1 - k;
            let upper = if i + 1 < n { SegmentValue::Exact(i + 1) } else { SegmentValue::Last };
            let mut x0 = 0.0;
            let mut parts: Vec<(String, f64, String, RGBColor)> = bar
                .segments
                .iter()
                .map(|s| {
                    let c = palette.iter().find(|(n, _)| *n == s.name).map_or(OTHER, |(_, c)| *c);
                    (s.name.clone(), s.pct, s.label.clone(), c)
                })
                .collect();
            parts.push(("Other".into(), bar.other_pct, format!("{:.0} %", bar.other_pct), OTHER));
            for (name, pct, label, colour) in parts {
                if pct <= 0.0 {
                    continue;
                }
                let x1 = (x0 + pct).min(100.0);
                let mut rect = Rectangle::new([(x0, SegmentValue::Exact(i)), (x1, upper.clone())], colour.filled());
                rect.set_margin(14, 14, 0, 1);
                chart.draw_series(std::iter::once(rect)).map_err(err)?;
                if pct >= 7.0 {
                    let text = if pct >= 18.0 { format!("{name} {label}") } else { label };
                    let style = ("sans-serif", 12).into_font().color(&WHITE).pos(Pos::new(HPos::Center, VPos::Center));
                    chart
                        .draw_series::<BackendCoordOnly, _, _, _>(std::iter::once(Text::new(
                            text,
                            ((x0 + x1) / 2.0, SegmentValue::CenterOf(i)),
                            style,
                        )))
                        .map_err(err)?;
                }
                x0 = x1;
            }
        }
        draw_legend(&legend, &palette).map_err(err)?;
        draw_footer(&footer_area, &footer).map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(buf)
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    palette: &[(String, RGBColor)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", 13).into_font();
    area.draw(&Text::new("Legend", (10, 50), ("sans-serif", 15).into_font()))?;
    let entries = palette.iter().map(|(n, c)| (n.as_str(), *c)).chain(std::iter::once(("Other", OTHER)));
    for (k, (name, colour)) in entries.enumerate() {
        let y = 78 + 22 * k as i32;
        area.draw(&Rectangle::new([(10, y), (24, y + 14)], colour.filled()))?;
        area.draw(&Text::new(name.to_string(), (32, y + 1), font.clone()))?;
    }
    Ok(())
}

/// The footer: the sources (publisher and ids) and what each bar's percentages are of, wrapped.
fn footer_lines(report: &SupplyReport, bars: &[StageBar]) -> Vec<String> {
    let mut by_publisher: Vec<(String, Vec<&str>)> = Vec::new();
    for id in bars.iter().flat_map(|b| &b.sources) {
        let publisher = report.source(id).map_or_else(|| id.to_string(), |s| short(&s.publisher).to_string());
        match by_publisher.iter_mut().find(|(p, _)| *p == publisher) {
            Some((_, ids)) if !ids.contains(&id.as_str()) => ids.push(id),
            Some(_) => {}
            None => by_publisher.push((publisher, vec![id])),
        }
    }
    let sources: Vec<String> = by_publisher.iter().map(|(p, ids)| format!("{p} [{}]", ids.join(", "))).collect();
    let mut lines = wrap(&format!("Source: {}", sources.join("; ")), FOOTER_CHARS);
    let basis: Vec<String> = bars.iter().map(|b| format!("{}: {}", b.label, b.basis)).collect();
    lines.extend(wrap(&format!("Bars: {}.", basis.join("; ")), FOOTER_CHARS));
    lines
}

const FOOTER_CHARS: usize = 150;

fn wrap(text: &str, width: usize) -> Vec<String> {
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

fn draw_footer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[String],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", 11).into_font().color(&RGBColor(60, 60, 60));
    for (i, line) in lines.iter().enumerate() {
        area.draw(&Text::new(line.clone(), (12, 6 + 16 * i as i32), font.clone()))?;
    }
    Ok(())
}

/// The publisher without its parenthesised restatement detail.
fn short(p: &str) -> &str {
    p.split(" (").next().unwrap_or(p)
}
