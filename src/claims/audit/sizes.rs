//! Sizes of one market and year: a size stated twice (`size_relative`), a part larger than a
//! whole that contains it or parts that do not overlap adding to more than the world
//! (`size_relative`), and a share that does not fit the sizes of its region and the world
//! (`share`). Sizes compare only in one currency, or in tonnes on one basis.

use super::{Builder, Fig, FindingKind, Spot, group_by, ids, imp, pct, show_interval};
use crate::claims::claim::{Claim, ClaimFigure, SizeUnit};
use crate::claims::rules::{Tolerances, gap};

pub(super) struct SizeRow<'a> {
    pub(super) claim: &'a Claim,
    pub(super) spot: Spot<'a>,
    pub(super) year: i32,
    pub(super) unit: &'a SizeUnit,
    pub(super) fig: Fig,
}

pub(super) fn size_rows<'a>(claims: &[&'a Claim], t: &Tolerances) -> Vec<SizeRow<'a>> {
    claims
        .iter()
        .filter_map(|c| match c.figure() {
            ClaimFigure::Size { unit, .. } => Some(SizeRow {
                claim: c,
                spot: Spot::of(c),
                year: c.year()?,
                unit,
                fig: Fig::of(c, t, 0.0, f64::INFINITY)?,
            }),
            _ => None,
        })
        .collect()
}

pub(super) fn show_size_scaled(unit: &SizeUnit, iv: (f64, f64)) -> String {
    show_interval(iv, |v| unit.show(v))
}

/// An interval in base units, in the unit's scale (USD 1.5e11 is 150 in USD billion).
pub(super) fn in_scale(unit: &SizeUnit, (lo, hi): (f64, f64)) -> (f64, f64) {
    let f = unit.factor();
    (lo / f, hi / f)
}

pub(super) fn check(b: &mut Builder, claims: &[&Claim]) {
    let t = b.t;
    let sizes = size_rows(claims, &t);
    let rel_gap = |a: (f64, f64), c: (f64, f64)| -> bool {
        let scale = a.1.max(c.1).min(f64::MAX).max(a.0.max(c.0));
        gap(a, c) > t.size_relative * scale
    };
    for g in group_by(&sizes, |s| s.year) {
        let g: Vec<&SizeRow<'_>> = g.iter().map(|&i| &sizes[i]).collect();
        for (i, a) in g.iter().enumerate() {
            for c in &g[i + 1..] {
                if !a.unit.comparable(c.unit) {
                    continue;
                }
                if a.spot.same(&c.spot) && rel_gap(a.fig.allowed, c.fig.allowed) {
                    b.push(
                        FindingKind::FiguresDisagree,
                        ids(&[a.claim, c.claim]),
                        format!(
                            "{}'s size in {} is stated twice: {} and {}",
                            a.spot,
                            a.year,
                            show_size_scaled(a.unit, a.fig.iv),
                            show_size_scaled(c.unit, c.fig.iv)
                        ),
                        vec![],
                    );
                }
                for (inner, outer) in [(a, c), (c, a)] {
                    if inner.spot.strictly_within(&outer.spot)
                        && inner.fig.allowed.0 > outer.fig.allowed.1 * (1.0 + t.size_relative)
                    {
                        b.push(
                            FindingKind::PartsExceedTotal,
                            ids(&[inner.claim, outer.claim]),
                            format!(
                                "{} ({}) is larger than {} ({}), which contains it",
                                inner.spot,
                                show_size_scaled(inner.unit, inner.fig.iv),
                                outer.spot,
                                show_size_scaled(outer.unit, outer.fig.iv)
                            ),
                            vec![],
                        );
                    }
                }
            }
        }
        parts_against_world(b, &g);
    }
    shares_against_sizes(b, claims, &sizes);
}

/// Sizes of regions that do not overlap, against the world's size of the same year.
fn parts_against_world(b: &mut Builder, g: &[&SizeRow<'_>]) {
    let t = b.t;
    for w in g.iter().filter(|s| s.spot.is_world()) {
        let mut parts: Vec<&SizeRow<'_>> = Vec::new();
        for s in g.iter().filter(|s| !s.spot.is_world() && s.unit.comparable(w.unit)) {
            if !parts.iter().any(|p| p.spot.same(&s.spot)) {
                parts.push(s);
            }
        }
        let disjoint = parts.iter().enumerate().all(|(i, p)| {
            parts[i + 1..].iter().all(|q| match (p.spot.members, q.spot.members) {
                (Some(x), Some(y)) => x.intersection(y).is_empty(),
                _ => true,
            })
        });
        if parts.len() < 2 || !disjoint {
            continue;
        }
        let lo: f64 = parts.iter().map(|p| p.fig.allowed.0).sum();
        if lo > w.fig.allowed.1 * (1.0 + t.size_relative) {
            let mut all = vec![w.claim];
            all.extend(parts.iter().map(|p| p.claim));
            b.push(
                FindingKind::PartsExceedTotal,
                ids(&all),
                format!(
                    "sizes of regions that do not overlap add up to at least {} in {}, above the world's {}",
                    w.unit.show(parts.iter().map(|p| p.fig.iv.0).sum()),
                    w.year,
                    show_size_scaled(w.unit, w.fig.iv)
                ),
                vec![],
            );
        }
    }
}

/// A share of a year against its region's size over the world's size of that year.
fn shares_against_sizes(b: &mut Builder, claims: &[&Claim], sizes: &[SizeRow<'_>]) {
    let t = b.t;
    for c in claims {
        let (ClaimFigure::Share(_), Some(year)) = (c.figure(), c.year()) else { continue };
        let Some(share) = Fig::of(c, &t, 0.0, 1.0) else { continue };
        let spot = Spot::of(c);
        for part in sizes.iter().filter(|s| s.year == year && s.spot.same(&spot)) {
            for w in sizes.iter().filter(|s| s.year == year && s.spot.is_world() && s.unit.comparable(part.unit)) {
                if w.fig.iv.0 <= 0.0 {
                    continue;
                }
                let implied = (part.fig.iv.0 / w.fig.iv.1, (part.fig.iv.1 / w.fig.iv.0).min(f64::MAX));
                let allowed =
                    (part.fig.allowed.0 / w.fig.allowed.1, (part.fig.allowed.1 / w.fig.allowed.0).min(f64::MAX));
                if gap(allowed, share.allowed) > t.share {
                    b.push(
                        FindingKind::FiguresDisagree,
                        ids(&[c, part.claim, w.claim]),
                        format!(
                            "{spot}'s share in {year} is stated as {}, but its size and the world's imply {}",
                            show_interval(share.iv, pct),
                            show_interval(implied, pct)
                        ),
                        vec![imp(
                            &[part.claim.id(), w.claim.id()],
                            format!(
                                "{} / {} = {}",
                                show_size_scaled(part.unit, part.fig.iv),
                                show_size_scaled(w.unit, w.fig.iv),
                                show_interval(implied, pct)
                            ),
                            Some(implied),
                        )],
                    );
                }
            }
        }
    }
}
