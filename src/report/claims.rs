//! Claims about the commodity, recomputed: implied annual rates of multiples, multiples of CAGRs,
//! market sizes projected back, percent changes against prices, tonnages against mine output.

use crate::fmt::grouped;
use serde::Serialize;

use super::mining::{DenominatorKind, MiningSection};
use super::{DataNote, NoteKind};
use crate::Error;
use crate::dataset::{Bound, Claim, ClaimKind, ClaimUnit, Commodity, Dataset, PricePoint, PriceStatistic, SalientItem};
use crate::error::Context;
use crate::provenance::Estimate;
use crate::stats::growth::{GrowthRate, implied_rate, percent_change, project_back};
use crate::time::Span;

/// Relative tolerance of "about", "nearly", "around": 5 % of the stated value.
pub const ABOUT_TOLERANCE: f64 = 0.05;

/// What a recomputation says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Finding {
    /// Independent data agree with the claim (within its bound).
    Consistent,
    /// Independent data, or another claim of the same source, disagree.
    Inconsistent,
    /// Restated in another form (an annual rate, a back-projection); nothing independent to
    /// check against.
    Derived,
    /// Nothing to recompute (no basis, no period, no data).
    NotCheckable,
}

impl Finding {
    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Finding::Consistent => "consistent",
            Finding::Inconsistent => "inconsistent",
            Finding::Derived => "restated",
            Finding::NotCheckable => "not checkable",
        }
    }
}

/// One recomputed figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recomputed {
    /// What it is (`implied annual rate 2020-2025`).
    pub what: String,
    /// How it is bounded (an "at least" claim gives an "at least" rate).
    pub bound: Bound,
    /// The value (a range when the claim is one).
    pub value: Estimate,
    /// Its unit (`%/yr`, `%`, `x`, `USD billion`).
    pub unit: String,
    /// Whether it agrees with the claim (`None` when it is only a restatement).
    pub agrees: Option<bool>,
    /// Source ids of the data used (besides the claim's own).
    pub sources: Vec<String>,
}

/// A claim and what recomputing it gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCheck {
    /// Claim id.
    pub id: String,
    /// What it is about.
    pub subject: String,
    /// Kind of figure.
    pub kind: ClaimKind,
    /// As stated, in words (`about 20 x, 2020 to 2025`).
    pub stated: String,
    /// The stated figure.
    pub value: Estimate,
    /// How it is bounded.
    pub bound: Bound,
    /// Its unit.
    pub unit: String,
    /// The recomputations.
    pub recomputed: Vec<Recomputed>,
    /// The overall finding.
    pub finding: Finding,
    /// Why, in words.
    pub note: String,
    /// Source id of the claim.
    pub source: String,
}

/// Words of claim subjects that make a claim about `commodity`.
fn keywords(c: Commodity) -> &'static [&'static str] {
    match c {
        Commodity::Lithium => &["lithium", "lepidolite", "spodumene"],
        Commodity::Cobalt => &["cobalt"],
        Commodity::Nickel => &["nickel"],
        Commodity::NaturalGraphite => &["graphite"],
        Commodity::LiIonBatteries => &["battery", "batteries"],
    }
}

fn bound_word(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "",
        Bound::About => "about ",
        Bound::AtLeast => "at least ",
        Bound::AtMost => "at most ",
        Bound::Range => "",
    }
}

fn bound_symbol(b: Bound) -> &'static str {
    match b {
        Bound::AtLeast => ">= ",
        Bound::AtMost => "<= ",
        Bound::About => "about ",
        Bound::Exact | Bound::Range => "",
    }
}

fn fmt_value(e: Estimate, unit: &ClaimUnit) -> String {
    let v =
        if e.is_point() { grouped(e.low(), 2) } else { format!("{}-{}", grouped(e.low(), 2), grouped(e.high(), 2)) };
    match unit {
        ClaimUnit::Times => format!("{v} x"),
        ClaimUnit::Percent => format!("{v} %"),
        ClaimUnit::PercentPerYear => format!("{v} %/yr"),
        ClaimUnit::Tonnes => format!("{v} t"),
        ClaimUnit::Money { currency, scale } => format!("{currency} {v} {scale}"),
    }
}

fn period_text(c: &Claim) -> String {
    match (c.period_start, c.period_end) {
        (Some(a), Some(b)) if a == b => format!(", {a}"),
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        (None, Some(b)) => format!(", through {b}"),
        (Some(a), None) => format!(", from {a}"),
        (None, None) => String::new(),
    }
}

/// Whether `computed` satisfies a claim of `stated` under `bound`.
pub(crate) fn agrees(bound: Bound, stated: Estimate, computed: f64) -> bool {
    let (lo, hi) = (stated.low(), stated.high());
    match bound {
        Bound::Exact => (computed - lo).abs() <= 0.005 * lo.abs().max(1e-12),
        Bound::About => (computed - lo).abs() <= ABOUT_TOLERANCE * lo.abs(),
        Bound::AtLeast => computed >= lo,
        Bound::AtMost => computed <= hi,
        Bound::Range => computed >= lo && computed <= hi,
    }
}

fn est(lo: f64, hi: f64) -> Option<Estimate> {
    Estimate::range(lo.min(hi), hi.max(lo)).ok()
}

fn point(v: f64) -> Option<Estimate> {
    Estimate::point(v).ok()
}

pub(crate) fn build(
    data: &Dataset,
    commodity: Commodity,
    mining: Option<&MiningSection>,
    notes: &mut Vec<DataNote>,
) -> Result<Vec<ClaimCheck>, Error> {
    let words = keywords(commodity);
    let relevant: Vec<&Claim> = data
        .claims()
        .iter()
        .filter(|c| c.kind != ClaimKind::Share)
        .filter(|c| {
            let s = c.subject.to_lowercase();
            words.iter().any(|w| s.contains(w))
        })
        .collect();
    let mut out = Vec::new();
    for c in &relevant {
        let ctx = format!("claim {}", c.id);
        let mut rc: Vec<Recomputed> = Vec::new();
        let mut note = String::new();
        let mut finding = Finding::NotCheckable;
        let span = match (c.period_start, c.period_end) {
            (Some(a), Some(b)) if b.calendar_year() > a.calendar_year() => {
                Span::years(a.calendar_year(), b.calendar_year()).ok()
            }
            _ => None,
        };
        match c.kind {
            ClaimKind::Multiple => {
                if let Some(span) = &span {
                    let lo = implied_rate(c.estimate.low(), span).context(ctx.clone())?;
                    let hi = implied_rate(c.estimate.high(), span).context(ctx.clone())?;
                    if let Some(v) = est(lo.percent(), hi.percent()) {
                        rc.push(Recomputed {
                            what: {
                                let (a, b) = span.endpoints_text();
                                format!("implied annual rate {a}-{b}")
                            },
                            bound: c.bound,
                            value: v,
                            unit: "%/yr".into(),
                            agrees: None,
                            sources: vec![],
                        });
                        finding = Finding::Derived;
                        note = format!(
                            "x{} over {} years is {}{:.1} %/yr compounded",
                            grouped(c.estimate.low(), 2),
                            span.len_years(),
                            bound_word(c.bound),
                            lo.percent()
                        );
                    }
                } else {
                    note = "no period stated: no annual rate".into();
                }
            }
            ClaimKind::Cagr => {
                if let Some(span) = &span {
                    let r = GrowthRate::from_percent(c.estimate.low()).context(ctx.clone())?;
                    let m = (r.continuous() * span.len_years()).exp();
                    if let Some(v) = point(m) {
                        rc.push(Recomputed {
                            what: {
                                let (a, b) = span.endpoints_text();
                                format!("growth multiple {a}-{b}")
                            },
                            bound: c.bound,
                            value: v,
                            unit: "x".into(),
                            agrees: None,
                            sources: vec![],
                        });
                        finding = Finding::Derived;
                    }
                }
                // other CAGRs of the same source for a market of the same kind
                let others: Vec<&&Claim> = relevant
                    .iter()
                    .filter(|o| o.id != c.id && o.kind == ClaimKind::Cagr && o.source == c.source)
                    .collect();
                for o in others {
                    let clash = match (c.bound, o.bound) {
                        (Bound::AtLeast, _) => o.estimate.high() < c.estimate.low() && o.bound != Bound::AtLeast,
                        (_, Bound::AtLeast) => c.estimate.high() < o.estimate.low() && c.bound != Bound::AtLeast,
                        _ => (c.estimate.low() - o.estimate.low()).abs() > ABOUT_TOLERANCE * c.estimate.low().abs(),
                    };
                    if clash {
                        finding = Finding::Inconsistent;
                        note = format!(
                            "the same source also gives {}{} %/yr ({}, claim {})",
                            bound_word(o.bound),
                            grouped(o.estimate.low(), 2),
                            o.subject,
                            o.id
                        );
                    }
                }
                if rc.is_empty() && note.is_empty() {
                    note = "no start year stated: no multiple".into();
                }
            }
            ClaimKind::MarketSize => {
                if let Some(end) = c.period_end.or(c.period_start) {
                    let rates: Vec<&&Claim> =
                        relevant.iter().filter(|o| o.kind == ClaimKind::Cagr && o.source == c.source).collect();
                    let base = rates.iter().filter_map(|o| o.period_start.map(|p| p.calendar_year())).min();
                    if let Some(base) = base.filter(|b| *b < end.calendar_year()) {
                        let span = Span::years(base, end.calendar_year()).context(ctx.clone())?;
                        for o in &rates {
                            let r = GrowthRate::from_percent(o.estimate.low()).context(ctx.clone())?;
                            let v = project_back(c.estimate.low(), r, &span).context(ctx.clone())?;
                            let bound = match o.bound {
                                Bound::AtLeast => Bound::AtMost,
                                Bound::AtMost => Bound::AtLeast,
                                b => b,
                            };
                            if let Some(e) = point(v) {
                                rc.push(Recomputed {
                                    what: format!(
                                        "implied {base} size at {}{} %/yr ({})",
                                        bound_symbol(o.bound),
                                        grouped(o.estimate.low(), 2),
                                        o.id
                                    ),
                                    bound,
                                    value: e,
                                    unit: c.unit.to_string(),
                                    agrees: None,
                                    sources: vec![o.source.clone()],
                                });
                            }
                        }
                        if !rc.is_empty() {
                            finding = Finding::Derived;
                            note = format!(
                                "{base} is the first year of the source's forecast period; the stated growth rates \
                                 are for differently named markets of the same report"
                            );
                        }
                    }
                }
                if rc.is_empty() {
                    note = "no growth rate from the same source to project with".into();
                }
            }
            ClaimKind::PercentChange => {
                let (from, to) = (c.period_start, c.period_end);
                if let (Some(from), Some(to)) = (from, to) {
                    // the spot series that matches the claim's dates, then the annual-average series
                    let series = [
                        price_change(data, commodity, from, to),
                        salient_price_change(data, commodity, from.calendar_year(), to.calendar_year()),
                    ];
                    for (what, v, src) in series.into_iter().flatten() {
                        let ok = agrees(c.bound, c.estimate, v);
                        if let Some(e) = point(v) {
                            rc.push(Recomputed {
                                what,
                                bound: Bound::Exact,
                                value: e,
                                unit: "%".into(),
                                agrees: Some(ok),
                                sources: vec![src],
                            });
                        }
                    }
                }
                let checks: Vec<bool> = rc.iter().filter_map(|r| r.agrees).collect();
                finding = if checks.is_empty() {
                    note = "no prices in the data for the period".into();
                    Finding::NotCheckable
                } else if checks.iter().any(|&b| b) {
                    note = if checks.iter().all(|&b| b) {
                        "every price series in the data agrees".into()
                    } else {
                        "agrees with the series that matches the claim's dates; an annual-average series does not"
                            .into()
                    };
                    Finding::Consistent
                } else {
                    note = "no price series in the data agrees".into();
                    Finding::Inconsistent
                };
                if note.is_empty() {
                    note = format!("'about' allows {:.0} % of the stated value", ABOUT_TOLERANCE * 100.0);
                }
            }
            ClaimKind::Quantity => match (&c.basis, mining) {
                (Some(b), Some(m)) if commodity.accepts_basis(b) => {
                    let y = &m.latest;
                    let target = commodity.default_basis();
                    let factor = target.as_ref().map(|t| b.factor_to(t));
                    match factor {
                        Some(Ok(f)) => {
                            let (den, den_name) = match (y.headline, y.world_total_t) {
                                (DenominatorKind::WorldTotal, Some(w)) => (w, "world total"),
                                _ => (y.rows_sum_t, "rows' sum"),
                            };
                            if den > 0.0
                                && let Some(e) =
                                    est(c.estimate.low() * f / den * 100.0, c.estimate.high() * f / den * 100.0)
                            {
                                rc.push(Recomputed {
                                    what: format!(
                                        "% of {} world mine production ({} {} t {})",
                                        y.year,
                                        den_name,
                                        grouped(den, 2),
                                        target.as_ref().map_or_else(String::new, |t| t.to_string())
                                    ),
                                    bound: c.bound,
                                    value: e,
                                    unit: "%".into(),
                                    agrees: None,
                                    sources: vec![y.source.clone()],
                                });
                                finding = Finding::Derived;
                                note = format!(
                                    "a {} tonnage of {}, set against mined {}",
                                    b,
                                    c.subject,
                                    target.as_ref().map_or_else(String::new, |t| t.to_string())
                                );
                            }
                        }
                        Some(Err(err)) => note = format!("basis {b} not convertible: {err}"),
                        None => note = "the commodity has no mass basis".into(),
                    }
                }
                (None, _) => note = "a tonnage with no material basis: nothing to compare it with".into(),
                _ => note = "no mine production to compare with".into(),
            },
            ClaimKind::Share => {}
        }
        out.push(ClaimCheck {
            id: c.id.clone(),
            subject: c.subject.clone(),
            kind: c.kind,
            stated: format!("{}{}{}", bound_word(c.bound), fmt_value(c.estimate, &c.unit), period_text(c)),
            value: c.estimate,
            bound: c.bound,
            unit: c.unit.to_string(),
            recomputed: rc,
            finding,
            note,
            source: c.source.clone(),
        });
    }
    if !out.is_empty() {
        notes.push(DataNote {
            kind: NoteKind::Method,
            text: format!(
                "claims: 'about' is taken as within {:.0} % of the stated value; implied rates compound annually over \
                 whole years; share claims are not checked here",
                ABOUT_TOLERANCE * 100.0
            ),
            source: None,
        });
    }
    Ok(out)
}

fn preference(s: PriceStatistic) -> u8 {
    match s {
        PriceStatistic::Average => 0,
        PriceStatistic::Spot => 1,
        _ => 2,
    }
}

/// The change from the highest price in the `from` period to the latest preferred price in the
/// `to` period, for one product, market and currency.
fn price_change(
    data: &Dataset,
    commodity: Commodity,
    from: crate::time::Period,
    to: crate::time::Period,
) -> Option<(String, f64, String)> {
    let pts: Vec<&PricePoint> = data.prices().iter().filter(|p| p.commodity == commodity).collect();
    let start = pts
        .iter()
        .filter(|p| p.date.first_day() >= from.first_day() && p.date.last_day() <= from.last_day())
        .max_by(|a, b| a.value.total_cmp(&b.value))?;
    let end = pts
        .iter()
        .filter(|p| {
            p.product == start.product
                && p.market == start.market
                && p.currency == start.currency
                && p.date.first_day() >= to.first_day()
                && p.date.last_day() <= to.last_day()
        })
        .max_by(|a, b| {
            a.date
                .first_day()
                .cmp(&b.date.first_day())
                .then_with(|| preference(b.statistic).cmp(&preference(a.statistic)))
        })?;
    let ch = percent_change(start.value, end.value).ok()?;
    Some((
        format!(
            "{} {} {} ({}/t): {} {} {} to {} {} {}",
            start.market,
            start.product,
            start.grade.map_or("", |g| g.name()),
            start.currency,
            start.date,
            start.statistic,
            grouped(start.value, 2),
            end.date,
            end.statistic,
            grouped(end.value, 2)
        ),
        ch.percent(),
        start.source.clone(),
    ))
}

/// The change of the US salient price series from `from` to the latest year up to `to`.
fn salient_price_change(data: &Dataset, commodity: Commodity, from: i32, to: i32) -> Option<(String, f64, String)> {
    let start = data.salient_value(commodity, SalientItem::Price, from)?;
    let end = (from + 1..=to).rev().find_map(|y| data.salient_value(commodity, SalientItem::Price, y))?;
    let (a, b) = (start.value?, end.value?);
    let ch = percent_change(a, b).ok()?;
    let what = start.note.split(';').next().unwrap_or("").trim();
    Some((
        format!("USGS annual price ({what}, USD/t): {} {} to {} {}", from, grouped(a, 2), end.year, grouped(b, 2)),
        ch.percent(),
        start.source.clone(),
    ))
}
