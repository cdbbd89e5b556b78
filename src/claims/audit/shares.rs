//! Shares of one market and year: a share stated twice (`share`), a region beside a region that
//! contains it, regions that partly overlap, and shares of regions that do not overlap adding up
//! to more or less than 100 % (`share_sum`).

use super::{Builder, Fig, FindingKind, Spot, group_by, ids, imp, pct, show_interval};
use crate::claims::claim::{Claim, ClaimFigure};
use crate::claims::rules::gap;

struct Row<'a> {
    claim: &'a Claim,
    spot: Spot<'a>,
    fig: Fig,
}

/// Sum of the intervals of `rows`: as stated and as allowed.
fn sums(rows: &[&Row<'_>]) -> ((f64, f64), (f64, f64)) {
    rows.iter().fold(((0.0, 0.0), (0.0, 0.0)), |((l, h), (al, ah)), r| {
        ((l + r.fig.iv.0, h + r.fig.iv.1), (al + r.fig.allowed.0, ah + r.fig.allowed.1))
    })
}

pub(super) fn check(b: &mut Builder, claims: &[&Claim]) {
    let t = b.t;
    let rows: Vec<(Option<i32>, Row<'_>)> = claims
        .iter()
        .filter(|c| matches!(c.figure(), ClaimFigure::Share(_)))
        .filter_map(|c| Some((c.year(), Row { claim: c, spot: Spot::of(c), fig: Fig::of(c, &t, 0.0, 1.0)? })))
        .collect();
    for group in group_by(&rows, |r| r.0) {
        let g: Vec<&Row<'_>> = group.iter().map(|&i| &rows[i].1).collect();
        share_group(b, &g);
    }
}

fn share_group(b: &mut Builder, g: &[&Row<'_>]) {
    let t = b.t;
    // repeated figures for one place
    for (i, a) in g.iter().enumerate() {
        for c in &g[i + 1..] {
            let apart = gap(a.fig.allowed, c.fig.allowed);
            if a.spot.same(&c.spot) && apart > t.share {
                b.push(
                    FindingKind::FiguresDisagree,
                    ids(&[a.claim, c.claim]),
                    format!(
                        "{}'s share is stated twice: {} and {} (gap {} pp, tolerance {} pp)",
                        a.spot,
                        show_interval(a.fig.iv, pct),
                        show_interval(c.fig.iv, pct),
                        crate::fmt::trim(apart * 100.0, 2),
                        crate::fmt::trim(t.share * 100.0, 2)
                    ),
                    vec![],
                );
            }
        }
    }
    // first claim of each place
    let mut distinct: Vec<&Row<'_>> = Vec::new();
    for r in g {
        if !distinct.iter().any(|d| d.spot.same(&r.spot)) {
            distinct.push(r);
        }
    }
    let outer: Vec<&Row<'_>> =
        distinct.iter().copied().filter(|r| !distinct.iter().any(|o| r.spot.strictly_within(&o.spot))).collect();
    let (all_sum, _) = sums(&distinct.iter().copied().filter(|r| !r.spot.is_world()).collect::<Vec<_>>());
    let (outer_sum, _) = sums(&outer);
    // nesting
    for inner in &distinct {
        for o in &distinct {
            if !inner.spot.strictly_within(&o.spot) {
                continue;
            }
            let rest = (o.fig.iv.0 - inner.fig.iv.1, o.fig.iv.1 - inner.fig.iv.0);
            let mut imps = Vec::new();
            let rest_names = match (inner.spot.members, o.spot.members) {
                (Some(i), Some(r)) => {
                    let names: Vec<&str> = r.iter().filter(|c| !i.contains(*c)).map(|c| c.name()).collect();
                    if names.len() <= 5 { format!(" ({})", names.join(", ")) } else { String::new() }
                }
                _ => String::new(),
            };
            if o.fig.allowed.1 - inner.fig.allowed.0 < -t.share {
                imps.push(imp(
                    &[inner.claim.id(), o.claim.id()],
                    format!(
                        "{} ({}) is larger than {} ({}), which contains it: impossible",
                        inner.spot,
                        show_interval(inner.fig.iv, pct),
                        o.spot,
                        show_interval(o.fig.iv, pct)
                    ),
                    None,
                ));
            } else {
                imps.push(imp(
                    &[o.claim.id(), inner.claim.id()],
                    format!(
                        "if both hold, {} without {}{} holds {}",
                        o.spot,
                        inner.spot,
                        rest_names,
                        show_interval((rest.0.max(0.0), rest.1.max(0.0)), pct)
                    ),
                    Some((rest.0.max(0.0), rest.1.max(0.0))),
                ));
            }
            if !o.spot.is_world() {
                imps.push(imp(
                    &ids(&distinct.iter().map(|r| r.claim).collect::<Vec<_>>()),
                    format!(
                        "all stated shares together add up to {}, which counts {} twice; without it they add up to {}",
                        show_interval(all_sum, pct),
                        inner.spot,
                        show_interval(outer_sum, pct)
                    ),
                    Some(all_sum),
                ));
            }
            b.push(
                FindingKind::RegionWithinRegion,
                ids(&[inner.claim, o.claim]),
                format!(
                    "{} ({}) is counted beside {} ({}), which contains it",
                    inner.spot,
                    show_interval(inner.fig.iv, pct),
                    o.spot,
                    show_interval(o.fig.iv, pct)
                ),
                imps,
            );
        }
    }
    // partial overlaps
    let mut overlapping = false;
    for (i, a) in distinct.iter().enumerate() {
        for c in &distinct[i + 1..] {
            if a.spot.partly_overlaps(&c.spot) {
                overlapping = true;
                let shared = match (a.spot.members, c.spot.members) {
                    (Some(x), Some(y)) => x.intersection(y).iter().map(|c| c.alpha3()).collect::<Vec<_>>(),
                    _ => Vec::new(),
                };
                b.push(
                    FindingKind::RegionsOverlap,
                    ids(&[a.claim, c.claim]),
                    format!(
                        "{} and {} share {} countries ({}{}); their shares cannot be added",
                        a.spot,
                        c.spot,
                        shared.len(),
                        shared.iter().take(5).copied().collect::<Vec<_>>().join(", "),
                        if shared.len() > 5 { ", ..." } else { "" }
                    ),
                    vec![],
                );
            }
        }
    }
    if overlapping {
        return;
    }
    // sums of the outermost regions
    let parts: Vec<&Row<'_>> =
        if outer.len() > 1 { outer.iter().copied().filter(|r| !r.spot.is_world()).collect() } else { outer.clone() };
    if parts.is_empty() || parts.iter().all(|r| r.spot.is_world()) {
        return;
    }
    let ((lo, hi), (allowed_lo, allowed_hi)) = sums(&parts);
    let part_ids = ids(&parts.iter().map(|r| r.claim).collect::<Vec<_>>());
    let has_rest = parts.iter().any(|r| r.spot.place == crate::geo::Place::RestOfWorld);
    let listed =
        parts.iter().map(|r| format!("{} {}", r.spot, show_interval(r.fig.iv, pct))).collect::<Vec<_>>().join(", ");
    if allowed_lo > 1.0 + t.share_sum {
        b.push(
            FindingKind::SharesExceedWhole,
            part_ids.clone(),
            format!(
                "shares of regions that do not overlap add up to {} ({listed}), more than 100 % by over the {} pp tolerance",
                show_interval((lo, hi), pct),
                crate::fmt::trim(t.share_sum * 100.0, 2)
            ),
            vec![imp(
                &part_ids,
                format!("at least {} of the market is counted twice or overstated", crate::fmt::percent(lo - 1.0, 1)),
                Some((lo - 1.0, hi - 1.0)),
            )],
        );
    } else if allowed_hi < 1.0 - t.share_sum {
        let missing = (1.0 - hi, 1.0 - lo);
        let mut imps = vec![imp(
            &part_ids,
            format!(
                "{} of the market is in no stated region{}",
                show_interval(missing, pct),
                if has_rest {
                    ", although a rest-of-world share is given"
                } else {
                    " and no rest-of-world share is given"
                }
            ),
            Some(missing),
        )];
        let inner: Vec<&Row<'_>> =
            distinct.iter().copied().filter(|r| !outer.iter().any(|o| o.claim.id() == r.claim.id())).collect();
        if !inner.is_empty() {
            let ((il, ih), (ail, aih)) = sums(&inner);
            if allowed_lo + ail <= 1.0 + t.share_sum && allowed_hi + aih >= 1.0 - t.share_sum {
                imps.push(imp(
                    &ids(&inner.iter().map(|r| r.claim).collect::<Vec<_>>()),
                    format!(
                        "the gap closes to {} only if {} is counted as a region of its own, although a stated region contains it",
                        show_interval((lo + il, hi + ih), pct),
                        inner.iter().map(|r| r.spot.place.name()).collect::<Vec<_>>().join(", ")
                    ),
                    Some((lo + il, hi + ih)),
                ));
            }
        }
        b.push(
            FindingKind::SharesBelowWhole,
            part_ids,
            format!(
                "shares of regions that do not overlap add up to {} ({listed}), short of 100 % by more than the {} pp tolerance",
                show_interval((lo, hi), pct),
                crate::fmt::trim(t.share_sum * 100.0, 2)
            ),
            imps,
        );
    }
}
