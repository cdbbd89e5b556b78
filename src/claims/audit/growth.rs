//! Growth rates of one market: two CAGRs over the same or overlapping periods that disagree
//! (`rate`), and a CAGR that does not fit the sizes stated for both its endpoints (`rate`).
//! A CAGR with no start year runs from an open start: it overlaps every period that ends after
//! any year before its end.

use super::sizes::{SizeRow, in_scale, show_size_scaled, size_rows};
use super::{Builder, Fig, FindingKind, ids, imp, pct, show_interval};
use crate::claims::claim::{Claim, ClaimFigure, period};
use crate::claims::rules::{Tolerances, gap};

struct CagrRow<'a> {
    claim: &'a Claim,
    start: Option<i32>,
    end: i32,
    fig: Fig,
}

impl<'a> CagrRow<'a> {
    fn of(c: &'a Claim, t: &Tolerances) -> Option<CagrRow<'a>> {
        let ClaimFigure::Cagr(_) = c.figure() else { return None };
        Some(CagrRow {
            claim: c,
            start: c.start().map(|p| p.calendar_year()),
            end: c.end()?.calendar_year(),
            fig: Fig::of(c, t, -1.0, f64::INFINITY)?,
        })
    }

    fn period(&self) -> String {
        period(self.start, Some(self.end))
    }
}

/// The years two rates both cover, when they overlap (an unstated start is open).
fn overlap(a: &CagrRow<'_>, c: &CagrRow<'_>) -> Option<(i32, i32)> {
    let (from, to) = (a.start.unwrap_or(i32::MIN).max(c.start.unwrap_or(i32::MIN)), a.end.min(c.end));
    (from < to).then_some((from, to))
}

/// The gap between what two CAGRs allow, when they cover overlapping periods and the gap is
/// more than `t.rate`: the rule [`FindingKind::CagrsDisagree`] applies, and the recomputation
/// applies to the CAGRs of one source.
pub(crate) fn cagrs_disagree(a: &Claim, c: &Claim, t: &Tolerances) -> Option<f64> {
    let (a, c) = (CagrRow::of(a, t)?, CagrRow::of(c, t)?);
    rows_disagree(&a, &c, t)
}

fn rows_disagree(a: &CagrRow<'_>, c: &CagrRow<'_>, t: &Tolerances) -> Option<f64> {
    overlap(a, c)?;
    let g = gap(a.fig.allowed, c.fig.allowed);
    (g > t.rate).then_some(g)
}

fn cagr_rows<'a>(claims: &[&'a Claim], t: &Tolerances) -> Vec<CagrRow<'a>> {
    claims.iter().filter_map(|c| CagrRow::of(c, t)).collect()
}

/// `(1 + r)^t` for a rate; `r` may be `+∞`.
fn growth_factor(r: f64, years: f64) -> f64 {
    if r == f64::INFINITY { f64::INFINITY } else { (r.ln_1p() * years).exp() }
}

pub(super) fn check_cagrs(b: &mut Builder, claims: &[&Claim]) {
    let t = b.t;
    let rows = cagr_rows(claims, &t);
    let sizes = size_rows(claims, &t);
    for (i, a) in rows.iter().enumerate() {
        for c in &rows[i + 1..] {
            let Some(g) = rows_disagree(a, c, &t) else { continue };
            let same = a.start == c.start && a.end == c.end && a.start.is_some();
            let mut imps = Vec::new();
            // the window both cover, where it is known
            let window = match (a.start, c.start) {
                (None, None) => None,
                _ => overlap(a, c),
            };
            if let Some((s, e)) = window {
                implied_by_window(&mut imps, [a, c], &sizes, s, e);
            }
            b.push(
                FindingKind::CagrsDisagree,
                ids(&[a.claim, c.claim]),
                format!(
                    "two growth rates for {} over {}: {}/yr over {} and {}/yr over {} (gap {} pp/yr, tolerance {} pp/yr)",
                    a.claim.market(),
                    if same { "the same period" } else { "overlapping periods" },
                    a.fig.reading.show(pct),
                    a.period(),
                    c.fig.reading.show(pct),
                    c.period(),
                    crate::fmt::trim(g * 100.0, 1),
                    crate::fmt::trim(t.rate * 100.0, 2)
                ),
                imps,
            );
        }
    }
}

/// What each rate implies over the window `s..e`: the growth multiple, and the base at `s` of
/// each world size stated inside the window.
fn implied_by_window(
    imps: &mut Vec<super::Implication>,
    rates: [&CagrRow<'_>; 2],
    sizes: &[SizeRow<'_>],
    s: i32,
    e: i32,
) {
    let years = f64::from(e - s);
    for r in rates {
        let m = (growth_factor(r.fig.iv.0, years), growth_factor(r.fig.iv.1, years));
        imps.push(imp(
            &[r.claim.id()],
            format!(
                "at {}/yr the market grows {} over {s}–{e}",
                r.fig.reading.show(pct),
                show_interval(m, |v| format!("×{}", crate::fmt::trim(v, 3)))
            ),
            Some(m),
        ));
    }
    // sizes stated inside the window: the base each rate implies at its start
    for sz in sizes.iter().filter(|sz| sz.spot.is_world() && sz.year > s && sz.year <= e) {
        let years = f64::from(sz.year - s);
        for r in rates {
            let base = (sz.fig.iv.0 / growth_factor(r.fig.iv.1, years), sz.fig.iv.1 / growth_factor(r.fig.iv.0, years));
            let shown = if base.0 <= 0.0 && base.1.is_finite() {
                format!("at most {}", sz.unit.show(base.1))
            } else {
                show_size_scaled(sz.unit, base)
            };
            imps.push(imp(
                &[r.claim.id(), sz.claim.id()],
                format!(
                    "at {}/yr, {} in {} implies {} in {s}",
                    r.fig.reading.show(pct),
                    show_size_scaled(sz.unit, sz.fig.iv),
                    sz.year,
                    shown
                ),
                Some(in_scale(sz.unit, base)),
            ));
        }
    }
}

/// The rate that takes a size from `from` to `to` over `years` (bounds of intervals may be
/// `0` or `+∞`).
fn rate(from: f64, to: f64, years: f64) -> f64 {
    if from == f64::INFINITY || to == 0.0 {
        -1.0
    } else if from == 0.0 || to == f64::INFINITY {
        f64::INFINITY
    } else {
        ((to / from).ln() / years).exp_m1()
    }
}

/// The rates two size intervals imply: low from (start high, end low), high from (start low,
/// end high).
fn implied_rates(s0: (f64, f64), s1: (f64, f64), years: f64) -> (f64, f64) {
    (rate(s0.1, s1.0, years), rate(s0.0, s1.1, years))
}

pub(super) fn check_cagr_sizes(b: &mut Builder, claims: &[&Claim]) {
    let t = b.t;
    let rows = cagr_rows(claims, &t);
    let sizes = size_rows(claims, &t);
    for r in &rows {
        let Some(start) = r.start else { continue };
        let years = f64::from(r.end - start);
        for s0 in sizes.iter().filter(|s| s.year == start) {
            for s1 in sizes.iter().filter(|s| s.year == r.end && s.spot.same(&s0.spot) && s.unit.comparable(s0.unit)) {
                let allowed = implied_rates(s0.fig.allowed, s1.fig.allowed, years);
                if gap(allowed, r.fig.allowed) <= t.rate {
                    continue;
                }
                let implied = implied_rates(s0.fig.iv, s1.fig.iv, years);
                let end_at_rate =
                    (s0.fig.iv.0 * growth_factor(r.fig.iv.0, years), s0.fig.iv.1 * growth_factor(r.fig.iv.1, years));
                b.push(
                    FindingKind::CagrDoesNotFitSizes,
                    ids(&[r.claim, s0.claim, s1.claim]),
                    format!(
                        "{} grows at {}/yr over {}, but its sizes go from {} to {}",
                        s0.spot,
                        r.fig.reading.show(pct),
                        r.period(),
                        show_size_scaled(s0.unit, s0.fig.iv),
                        show_size_scaled(s1.unit, s1.fig.iv)
                    ),
                    vec![
                        imp(
                            &[s0.claim.id(), s1.claim.id()],
                            format!("the sizes imply {}/yr", show_interval(implied, pct)),
                            Some(implied),
                        ),
                        imp(
                            &[r.claim.id(), s0.claim.id()],
                            format!("the stated rate implies {} in {}", show_size_scaled(s0.unit, end_at_rate), r.end),
                            Some(in_scale(s0.unit, end_at_rate)),
                        ),
                    ],
                );
            }
        }
    }
}
