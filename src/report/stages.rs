//! Stage sections from the stage-share statements: one range per country over every source.

use serde::Serialize;

use super::{DataNote, Labels, NoteKind};
use crate::chain::Stage;
use crate::dataset::{Commodity, Dataset};
use crate::geo::Place;
use crate::provenance::Estimate;

/// What the sources state about the country shares of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageSection {
    /// The stage.
    pub stage: Stage,
    /// The commodity the shares are of (cells: lithium-ion batteries).
    pub commodity: Commodity,
    /// Countries, largest stated share first.
    pub countries: Vec<StatedShare>,
    /// What the stated shares leave to other countries, percent: 100 − the sum of the highs to
    /// 100 − the sum of the lows, floored at 0.
    pub rest_pct: Estimate,
}

/// One country's share of a stage over every source that states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedShare {
    /// The country.
    pub area: Place,
    /// Its name.
    pub name: String,
    /// Lowest low to highest high of the statements, percent.
    pub pct: Estimate,
    /// Each statement.
    pub statements: Vec<Statement>,
}

/// One source's statement of a share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The share, percent (a range for "more than 90 %").
    pub pct: Estimate,
    /// The wording (`almost two-thirds`).
    pub as_published: String,
    /// What it is a share of.
    pub metric: String,
    /// Reference year, if stated.
    pub year: Option<i32>,
    /// Source id.
    pub source: String,
}

/// The stages of a commodity's report after mining, with the commodity their shares are of:
/// battery-cell shares only for the minerals of lithium-ion cells (lithium, cobalt, nickel,
/// natural graphite, manganese).
pub(crate) fn stage_plan(commodity: Commodity) -> Vec<(Stage, Commodity)> {
    let battery_mineral = [Commodity::LITHIUM, Commodity::COBALT, Commodity::NICKEL, Commodity::NATURAL_GRAPHITE]
        .contains(&commodity)
        || commodity.id() == "manganese";
    let mut plan = vec![(Stage::Mining, commodity), (Stage::Refining, commodity), (Stage::Materials, commodity)];
    if battery_mineral {
        plan.push((Stage::Cells, Commodity::LI_ION_BATTERIES));
    }
    plan.push((Stage::Recycling, commodity));
    plan
}

pub(crate) fn build(
    data: &Dataset,
    commodity: Commodity,
    labels: &Labels,
    notes: &mut Vec<DataNote>,
) -> Vec<StageSection> {
    let mut out = Vec::new();
    let mut undated = Vec::new();
    for (stage, of) in stage_plan(commodity) {
        let rows = data.stage_shares(of, stage);
        if rows.is_empty() {
            continue;
        }
        let mut countries: Vec<StatedShare> = Vec::new();
        for r in &rows {
            let st = Statement {
                pct: r.estimate,
                as_published: r.as_published.clone(),
                metric: r.metric.clone(),
                year: r.year,
                source: r.source.clone(),
            };
            match countries.iter_mut().find(|c| c.area == r.area) {
                Some(c) => c.statements.push(st),
                None => countries.push(StatedShare {
                    area: r.area,
                    name: labels.name(r.area),
                    pct: r.estimate,
                    statements: vec![st],
                }),
            }
        }
        for c in &mut countries {
            let lo = c.statements.iter().map(|s| s.pct.low()).fold(f64::INFINITY, f64::min);
            let hi = c.statements.iter().map(|s| s.pct.high()).fold(f64::NEG_INFINITY, f64::max);
            if let Ok(e) = Estimate::range(lo, hi) {
                c.pct = e;
            }
            if c.statements.len() > 1 && !c.pct.is_point() {
                let list: Vec<String> =
                    c.statements.iter().map(|s| format!("{} ({})", s.as_published, s.source)).collect();
                notes.push(DataNote {
                    kind: NoteKind::Range,
                    text: format!(
                        "{} {} share of {}: sources differ ({}); shown as the range {:.0}-{:.0} %",
                        c.name,
                        stage.name(),
                        of,
                        list.join("; "),
                        c.pct.low(),
                        c.pct.high()
                    ),
                    source: None,
                });
            }
        }
        countries.sort_by(|a, b| b.pct.high().total_cmp(&a.pct.high()).then_with(|| a.name.cmp(&b.name)));
        let sum_lo: f64 = countries.iter().map(|c| c.pct.low()).sum();
        let sum_hi: f64 = countries.iter().map(|c| c.pct.high()).sum();
        let rest =
            Estimate::range((100.0 - sum_hi).max(0.0), (100.0 - sum_lo).max(0.0)).or_else(|_| Estimate::point(0.0));
        let Ok(rest_pct) = rest else { continue };
        if rows.iter().all(|r| r.year.is_none()) {
            undated.push(stage.name());
        }
        out.push(StageSection { stage, commodity: of, countries, rest_pct });
    }
    if !undated.is_empty() {
        notes.push(DataNote {
            kind: NoteKind::Range,
            text: format!(
                "stage shares ({}) are statements without a reference year: compare them with the dated mining table \
                 with care",
                undated.join(", ")
            ),
            source: None,
        });
    }
    out
}
