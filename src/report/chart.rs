//! Country shares by stage, ready to draw as stacked bars.

use serde::Serialize;

use super::SupplyReport;
use crate::chain::Stage;

/// One bar: a stage's country shares, top countries and "Other".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageBar {
    /// The stage.
    pub stage: Stage,
    /// Bar label (`Mining 2024`).
    pub label: String,
    /// What the percentages are of (`% of world total, USGS`).
    pub basis: String,
    /// The top countries, largest first.
    pub segments: Vec<Segment>,
    /// What is left for everyone else, percent (drawn as "Other").
    pub other_pct: f64,
    /// Source ids.
    pub sources: Vec<String>,
}

/// One country's part of a bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Country name.
    pub name: String,
    /// The drawn length, percent: the share, or the low end of a stated range.
    pub pct: f64,
    /// The high end of a stated range (equal to `pct` for a point).
    pub pct_high: f64,
    /// Label (`36.7 %`, `65-70 %`).
    pub label: String,
}

fn pct_label(lo: f64, hi: f64) -> String {
    if (hi - lo).abs() > 1e-9 {
        format!("{lo:.0}-{hi:.0} %")
    } else if lo.fract() == 0.0 {
        format!("{lo:.0} %")
    } else {
        format!("{lo:.1} %")
    }
}

impl SupplyReport {
    /// The country shares of each stage as bars: mining from the latest year's production (on
    /// the headline denominator), the other stages from the stated shares, drawn at the low end
    /// of each range (the share every source supports). At most `top` countries per bar; the
    /// rest, including a withheld producer's unknown output, is "Other".
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    /// use critical_minerals::report::SupplyReport;
    ///
    /// let r = SupplyReport::build(&Dataset::builtin()?, Commodity::LITHIUM)?;
    /// let bars = r.chart(4);
    /// assert_eq!(bars[0].segments[0].name, "Australia");
    /// for b in &bars {
    ///     let sum: f64 = b.segments.iter().map(|s| s.pct).sum::<f64>() + b.other_pct;
    ///     assert!((sum - 100.0).abs() < 1e-9);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chart(&self, top: usize) -> Vec<StageBar> {
        let mut bars = Vec::new();
        if let Some(m) = &self.mining {
            let y = &m.latest;
            let segments: Vec<Segment> = y
                .producers
                .iter()
                .filter(|p| p.rank.is_some())
                .filter_map(|p| y.headline_pct(p).map(|v| (p, v)))
                .take(top)
                .map(|(p, v)| Segment { name: p.name.clone(), pct: v, pct_high: v, label: pct_label(v, v) })
                .collect();
            let used: f64 = segments.iter().map(|s| s.pct).sum();
            let table = match self.source(&y.source) {
                Some(s) if s.publisher == "U.S. Geological Survey" => "USGS".to_string(),
                _ => y.edition.clone(),
            };
            let what = if m.stage == Stage::Mining { "mine" } else { "primary" };
            bars.push(StageBar {
                stage: m.stage,
                label: format!("{} {}", m.stage.label(), y.year),
                basis: format!("% of {} ({table} {what} production)", y.headline.label()),
                segments,
                other_pct: (100.0 - used).max(0.0),
                sources: vec![y.source.clone()],
            });
        }
        let production_stage = self.mining.as_ref().map(|m| m.stage);
        for s in self.stages.iter().filter(|s| s.stage != Stage::Mining && Some(s.stage) != production_stage) {
            let mut segments: Vec<Segment> = s
                .countries
                .iter()
                .map(|c| Segment {
                    name: c.name.clone(),
                    pct: c.pct.low(),
                    pct_high: c.pct.high(),
                    label: pct_label(c.pct.low(), c.pct.high()),
                })
                .collect();
            segments.sort_by(|a, b| b.pct.total_cmp(&a.pct));
            segments.truncate(top);
            let used: f64 = segments.iter().map(|s| s.pct).sum();
            let scale = if used > 100.0 { 100.0 / used } else { 1.0 };
            for seg in &mut segments {
                seg.pct *= scale;
            }
            let mut sources: Vec<String> = Vec::new();
            for st in s.countries.iter().flat_map(|c| &c.statements) {
                if !sources.contains(&st.source) {
                    sources.push(st.source.clone());
                }
            }
            let of = if s.commodity == self.commodity { String::new() } else { format!(" ({})", s.commodity) };
            bars.push(StageBar {
                stage: s.stage,
                label: format!("{}{of}", s.stage.label()),
                basis: "stated share, low end of range".to_string(),
                segments,
                other_pct: (100.0 - used * scale).max(0.0),
                sources,
            });
        }
        bars
    }
}
