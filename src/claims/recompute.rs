//! The recomputation: each claim restated in another form or checked against data, as the
//! supply report shows it; whether figures agree is decided by the rules of [`Tolerances`], as
//! in the audit. What each kind gives is listed on [`recompute`].

use serde::{Deserialize, Serialize};

use super::audit::cagrs_disagree;
use super::claim::{Bound, Claim, ClaimFigure, ClaimKind, ClaimUnit, SizeUnit};
#[cfg(doc)]
use super::rules::Tolerances;
use super::set::ClaimSet;
use crate::Error;
use crate::error::Context;
use crate::fmt::grouped;
use crate::material::Basis;
use crate::provenance::Estimate;
use crate::stats::growth::{GrowthRate, implied_rate, project_back};
use crate::time::{Period, Span};

/// What a recomputation says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CheckOutcome {
    /// Independent data agree with the claim (within what it allows).
    Consistent,
    /// Independent data, or another claim of the same source, disagree.
    Inconsistent,
    /// Restated in another form (an annual rate, a back-projection); nothing independent to
    /// check against.
    Derived,
    /// Nothing to recompute (no basis, no period, no data).
    NotCheckable,
}

impl CheckOutcome {
    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            CheckOutcome::Consistent => "consistent",
            CheckOutcome::Inconsistent => "inconsistent",
            CheckOutcome::Derived => "restated",
            CheckOutcome::NotCheckable => "not checkable",
        }
    }
}

/// One recomputed figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimCheck {
    /// Claim id.
    pub id: String,
    /// What it is about.
    pub subject: String,
    /// Kind of figure.
    pub kind: ClaimKind,
    /// As stated, in words (`about 20 x, 2020 to 2025`).
    pub stated: String,
    /// The stated figure, in its unit.
    pub value: Estimate,
    /// How it is bounded.
    pub bound: Bound,
    /// Its unit.
    pub unit: String,
    /// The recomputations.
    pub recomputed: Vec<Recomputed>,
    /// The overall outcome (serialized as `finding`).
    #[serde(rename = "finding")]
    pub outcome: CheckOutcome,
    /// Why, in words.
    pub note: String,
    /// Source id of the claim (empty when it cites none).
    pub source: String,
}

/// A change measured in data over a claim's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// What was measured, in words (the series, its first and last points).
    pub what: String,
    /// The change, a fraction (`-0.892` for a fall of 89.2 %).
    pub change: f64,
    /// Source id of the data.
    pub source: String,
}

/// World mine output in a year, to set a tonnage against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MineOutput {
    /// The year.
    pub year: i32,
    /// Tonnes on `basis`.
    pub tonnes: f64,
    /// The basis of the tonnes.
    pub basis: Basis,
    /// Which total it is (`world total`, `rows' sum`).
    pub denominator: String,
    /// Source id of the data.
    pub source: String,
}

/// The data a recomputation checks claims against. Both methods default to "no data"; `()` is
/// the evidence of no data at all.
pub trait Evidence {
    /// Changes measured over the period `from` to `to` (price series), most fitting first.
    fn price_changes(&self, from: Period, to: Period) -> Vec<Measured> {
        let _ = (from, to);
        Vec::new()
    }

    /// World mine output that a tonnage on `basis` can be set against, when the data has it
    /// and `basis` counts the same commodity.
    fn mine_output(&self, basis: &Basis) -> Option<MineOutput> {
        let _ = basis;
        None
    }
}

impl Evidence for () {}

fn bound_word(b: Bound) -> &'static str {
    match b {
        Bound::About => "about ",
        Bound::AtLeast => "at least ",
        Bound::AtMost => "at most ",
        Bound::Exact | Bound::Range => "",
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
    match (c.start(), c.end()) {
        (Some(a), Some(b)) if a == b => format!(", {a}"),
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        (None, Some(b)) => format!(", through {b}"),
        (Some(a), None) => format!(", from {a}"),
        (None, None) => String::new(),
    }
}

fn est(lo: f64, hi: f64) -> Option<Estimate> {
    Estimate::range(lo.min(hi), hi.max(lo)).ok()
}

fn point(v: f64) -> Option<Estimate> {
    Estimate::point(v).ok()
}

/// Whether two claims cite the same source.
fn same_source(a: &Claim, b: &Claim) -> bool {
    a.source().is_some() && a.source() == b.source()
}

/// What one recomputation gives: the figures, the outcome and why.
struct Recomputation {
    recomputed: Vec<Recomputed>,
    outcome: CheckOutcome,
    note: String,
}

impl Recomputation {
    fn new() -> Recomputation {
        Recomputation { recomputed: Vec::new(), outcome: CheckOutcome::NotCheckable, note: String::new() }
    }
}

/// Recomputes each claim of `set` that states a figure, in the order given, against
/// `evidence`. Claims are compared with the other claims of the set that cite the same source;
/// whether figures agree is decided by the rules of [`Tolerances`] with the set's tolerances.
///
/// | kind | recomputed | outcome |
/// |---|---|---|
/// | multiple | the annual rate it implies over its period (compounded over whole years) | [`CheckOutcome::Derived`] |
/// | CAGR | the multiple it implies over its period; against the other CAGRs of the same source, by the audit's rule ([`FindingKind::CagrsDisagree`](super::FindingKind::CagrsDisagree): overlapping periods, `rate`) | [`CheckOutcome::Derived`], or [`CheckOutcome::Inconsistent`] when another disagrees |
/// | market size | projected back to the first start year of the source's CAGRs, at each of them | [`CheckOutcome::Derived`] |
/// | percent change | against each change the [`Evidence`] measures over the claim's period (`change`) | [`CheckOutcome::Consistent`] when one agrees, else [`CheckOutcome::Inconsistent`] |
/// | tonnage | as a percentage of the world mine output the [`Evidence`] gives, on the output's basis | [`CheckOutcome::Derived`] |
/// | share | not recomputed: the audit checks shares against the other claims | [`CheckOutcome::NotCheckable`] |
///
/// Country lists state no figure and are not recomputed. Values are shown in the claim's unit
/// (percent, %/yr, `x`, the money's scale). With no [`Evidence`] (`&()`), percent changes and
/// tonnages are not checkable.
///
/// # Errors
///
/// [`Error`] naming the claim when a growth calculation refuses its figures (a multiple or
/// CAGR that overflows).
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::{Claim, ClaimSet, Measured, Evidence, Stated, CheckOutcome, recompute};
/// use critical_minerals::time::Period;
///
/// /// A price series that fell 89.2 % over the period.
/// struct Prices;
/// impl Evidence for Prices {
///     fn price_changes(&self, _from: Period, _to: Period) -> Vec<Measured> {
///         vec![Measured { what: "spot price".into(), change: -0.892, source: "prices".into() }]
///     }
/// }
///
/// let set = ClaimSet::new(vec![
///     Claim::multiple("x20", "lepidolite output", 2020, 2025, Stated::about(20.0)?)?,
///     Claim::percent_change("fall", "lithium price", "2022".parse()?, "2025".parse()?, Stated::about(-90.0)?)?,
/// ])?;
/// let checks = recompute(&set, &Prices)?;
/// // x20 over five years is 82.1 %/yr compounded
/// assert_eq!((checks[0].recomputed[0].value.low() * 10.0).round() / 10.0, 82.1);
/// assert_eq!(checks[0].outcome, CheckOutcome::Derived);
/// // "nearly 90 %" allows 85.5-94.5 %: a fall of 89.2 % agrees
/// assert_eq!(checks[1].outcome, CheckOutcome::Consistent);
/// assert_eq!(recompute(&set, &())?[1].outcome, CheckOutcome::NotCheckable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn recompute(set: &ClaimSet, evidence: &impl Evidence) -> Result<Vec<ClaimCheck>, Error> {
    let mut out = Vec::new();
    for c in set.claims() {
        let (Some(stated), Some(unit)) = (c.figure().stated(), c.figure().unit()) else { continue };
        let ctx = format!("claim {}", c.id());
        let outcome = match c.figure() {
            ClaimFigure::Multiple(s) => multiple(c, s.estimate(), s.bound()).context(ctx)?,
            ClaimFigure::Cagr(_) => cagr(set, c).context(ctx)?,
            ClaimFigure::Size { unit: SizeUnit::Money { .. }, .. } => market_size(set, c, &unit).context(ctx)?,
            ClaimFigure::Size { .. } => quantity(c, evidence),
            ClaimFigure::PercentChange(_) => percent_change(set, c, evidence),
            ClaimFigure::Share(_) => Recomputation {
                note: "a share: the audit checks it against the other claims".to_string(),
                ..Recomputation::new()
            },
            ClaimFigure::CountryList(_) => continue,
        };
        out.push(ClaimCheck {
            id: c.id().to_string(),
            subject: c.subject().to_string(),
            kind: c.kind(),
            stated: format!("{}{}{}", bound_word(stated.bound()), fmt_value(stated.estimate(), &unit), period_text(c)),
            value: stated.estimate(),
            bound: stated.bound(),
            unit: unit.to_string(),
            recomputed: outcome.recomputed,
            outcome: outcome.outcome,
            note: outcome.note,
            source: c.source().unwrap_or_default().to_string(),
        });
    }
    Ok(out)
}

/// The span of whole years of a claim's period, when it runs forward.
fn years_of(c: &Claim) -> Option<Span> {
    match (c.start(), c.end()) {
        (Some(a), Some(b)) if b.calendar_year() > a.calendar_year() => {
            Span::years(a.calendar_year(), b.calendar_year()).ok()
        }
        _ => None,
    }
}

fn multiple(c: &Claim, e: Estimate, bound: Bound) -> Result<Recomputation, Error> {
    let mut o = Recomputation::new();
    let Some(span) = years_of(c) else {
        o.note = "no period stated: no annual rate".into();
        return Ok(o);
    };
    let lo = implied_rate(e.low(), &span)?;
    let hi = implied_rate(e.high(), &span)?;
    if let Some(v) = est(lo.percent(), hi.percent()) {
        let (a, b) = span.endpoints_text();
        o.recomputed.push(Recomputed {
            what: format!("implied annual rate {a}-{b}"),
            bound,
            value: v,
            unit: "%/yr".into(),
            agrees: None,
            sources: vec![],
        });
        o.outcome = CheckOutcome::Derived;
        o.note = format!(
            "x{} over {} years is {}{:.1} %/yr compounded",
            grouped(e.low(), 2),
            span.len_years(),
            bound_word(bound),
            lo.percent()
        );
    }
    Ok(o)
}

fn stated_of(c: &Claim) -> Option<(Estimate, Bound)> {
    c.figure().stated().map(|s| (s.estimate(), s.bound()))
}

fn cagr(set: &ClaimSet, c: &Claim) -> Result<Recomputation, Error> {
    let mut o = Recomputation::new();
    let Some((e, bound)) = stated_of(c) else { return Ok(o) };
    if let Some(span) = years_of(c) {
        let r = GrowthRate::from_percent(e.low())?;
        if let Some(v) = point((r.continuous() * span.len_years()).exp()) {
            let (a, b) = span.endpoints_text();
            o.recomputed.push(Recomputed {
                what: format!("growth multiple {a}-{b}"),
                bound,
                value: v,
                unit: "x".into(),
                agrees: None,
                sources: vec![],
            });
            o.outcome = CheckOutcome::Derived;
        }
    }
    // the other CAGRs of the same source, by the audit's rule
    let t = set.tolerances();
    for other in set.claims().iter().filter(|x| x.id() != c.id() && same_source(x, c)) {
        if cagrs_disagree(c, other, &t).is_none() {
            continue;
        }
        let Some((oe, ob)) = stated_of(other) else { continue };
        o.outcome = CheckOutcome::Inconsistent;
        o.note = format!(
            "the same source also gives {}{} %/yr ({})",
            bound_word(ob),
            grouped(oe.low(), 2),
            other.subject(),
        );
    }
    if o.recomputed.is_empty() && o.note.is_empty() {
        o.note = "no start year stated: no multiple".into();
    }
    Ok(o)
}

fn market_size(set: &ClaimSet, c: &Claim, unit: &ClaimUnit) -> Result<Recomputation, Error> {
    let mut o = Recomputation::new();
    let Some((e, _)) = stated_of(c) else { return Ok(o) };
    if let Some(end) = c.end().or(c.start()) {
        let rates: Vec<&Claim> =
            set.claims().iter().filter(|x| x.kind() == ClaimKind::Cagr && same_source(x, c)).collect();
        let base = rates.iter().filter_map(|x| x.start().map(|p| p.calendar_year())).min();
        if let Some(base) = base.filter(|b| *b < end.calendar_year()) {
            let span = Span::years(base, end.calendar_year())?;
            for r in &rates {
                let Some((re, rb)) = stated_of(r) else { continue };
                let v = project_back(e.low(), GrowthRate::from_percent(re.low())?, &span)?;
                // a faster rate gives a smaller base: the bound turns round
                let bound = match rb {
                    Bound::AtLeast => Bound::AtMost,
                    Bound::AtMost => Bound::AtLeast,
                    b => b,
                };
                if let Some(value) = point(v) {
                    o.recomputed.push(Recomputed {
                        what: format!(
                            "implied {base} size at {}{} %/yr ({})",
                            bound_symbol(rb),
                            grouped(re.low(), 2),
                            r.subject()
                        ),
                        bound,
                        value,
                        unit: unit.to_string(),
                        agrees: None,
                        sources: r.source().map(str::to_string).into_iter().collect(),
                    });
                }
            }
            if !o.recomputed.is_empty() {
                o.outcome = CheckOutcome::Derived;
                o.note = format!(
                    "{base} is the first year of the source's forecast period; the stated growth rates are for \
                     differently named markets of the same report"
                );
            }
        }
    }
    if o.recomputed.is_empty() {
        o.note = "no growth rate from the same source to project with".into();
    }
    Ok(o)
}

fn percent_change(set: &ClaimSet, c: &Claim, evidence: &impl Evidence) -> Recomputation {
    let mut o = Recomputation::new();
    let t = set.tolerances();
    if let (Some(from), Some(to), Some(reading)) = (c.start(), c.end(), c.figure().reading()) {
        for m in evidence.price_changes(from, to) {
            let agrees = t.admits_reading(&reading, m.change, t.change);
            if let Some(value) = point(m.change * 100.0) {
                o.recomputed.push(Recomputed {
                    what: m.what,
                    bound: Bound::Exact,
                    value,
                    unit: "%".into(),
                    agrees: Some(agrees),
                    sources: vec![m.source],
                });
            }
        }
    }
    let checks: Vec<bool> = o.recomputed.iter().filter_map(|r| r.agrees).collect();
    (o.outcome, o.note) = if checks.is_empty() {
        (CheckOutcome::NotCheckable, "no prices in the data for the period".into())
    } else if checks.iter().all(|&b| b) {
        (CheckOutcome::Consistent, "every price series in the data agrees".into())
    } else if checks.iter().any(|&b| b) {
        (
            CheckOutcome::Consistent,
            "agrees with the series that matches the claim's dates; an annual-average series does not".into(),
        )
    } else {
        (CheckOutcome::Inconsistent, "no price series in the data agrees".into())
    };
    o
}

fn quantity(c: &Claim, evidence: &impl Evidence) -> Recomputation {
    let mut o = Recomputation::new();
    let Some((e, bound)) = stated_of(c) else { return o };
    let Some(b) = c.figure().basis() else {
        o.note = "a tonnage with no material basis: nothing to compare it with".into();
        return o;
    };
    let Some(out) = evidence.mine_output(b) else {
        o.note = "no mine production to compare with".into();
        return o;
    };
    match b.factor_to(&out.basis) {
        Ok(f) => {
            let den = out.tonnes;
            if den > 0.0
                && let Some(value) = est(e.low() * f / den * 100.0, e.high() * f / den * 100.0)
            {
                o.recomputed.push(Recomputed {
                    what: format!(
                        "% of {} world mine production ({} {} t {})",
                        out.year,
                        out.denominator,
                        grouped(den, 2),
                        out.basis
                    ),
                    bound,
                    value,
                    unit: "%".into(),
                    agrees: None,
                    sources: vec![out.source.clone()],
                });
                o.outcome = CheckOutcome::Derived;
                o.note = format!("a {b} tonnage of {}, set against mined {}", c.subject(), out.basis);
            }
        }
        Err(err) => o.note = format!("basis {b} not convertible: {err}"),
    }
    o
}
