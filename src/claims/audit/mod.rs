//! The audit: the claims of a [`ClaimSet`] checked against each other and against the crate's
//! region definitions, one file per family of checks (shares, growth, sizes, countries); the
//! rule each check applies is the one of [`Tolerances`]. The checks are listed on [`audit`].

mod countries;
mod growth;
mod shares;
mod sizes;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::claim::{Claim, ClaimFigure};
use super::rules::{Reading, Tolerances};
use super::set::ClaimSet;
use crate::geo::{CountrySet, Place};
use crate::provenance::Estimate;

pub(crate) use growth::cagrs_disagree;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FindingKind {
    /// Shares of non-overlapping regions add up to more than 100 %.
    SharesExceedWhole,
    /// Shares of non-overlapping regions add up to less than 100 %.
    SharesBelowWhole,
    /// A region's figure stated beside that of a region containing it.
    RegionWithinRegion,
    /// Two regions that share countries, neither containing the other.
    RegionsOverlap,
    /// One figure stated twice with values that disagree, or a share that does not fit the
    /// sizes stated for the same year.
    FiguresDisagree,
    /// Two CAGRs of one market over the same or overlapping periods that disagree.
    CagrsDisagree,
    /// A CAGR that does not fit the sizes stated for its endpoints.
    CagrDoesNotFitSizes,
    /// Parts whose sizes add up to more than the whole.
    PartsExceedTotal,
    /// A country listed under a region that does not contain it.
    CountryOutsideRegion,
    /// A listed name that is no country.
    UnreadableCountry,
    /// A listed name that fits several countries.
    AmbiguousCountry,
}

impl FindingKind {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::SharesExceedWhole => "shares exceed 100 %",
            FindingKind::SharesBelowWhole => "shares below 100 %",
            FindingKind::RegionWithinRegion => "region counted beside a region containing it",
            FindingKind::RegionsOverlap => "overlapping regions",
            FindingKind::FiguresDisagree => "figures disagree",
            FindingKind::CagrsDisagree => "CAGRs disagree",
            FindingKind::CagrDoesNotFitSizes => "CAGR does not fit the sizes",
            FindingKind::PartsExceedTotal => "parts exceed the total",
            FindingKind::CountryOutsideRegion => "country outside its region",
            FindingKind::UnreadableCountry => "unreadable country name",
            FindingKind::AmbiguousCountry => "ambiguous country name",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a number implies, computed: a derived figure with the claims it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Implication {
    claims: Vec<String>,
    text: String,
    value: Option<Estimate>,
}

impl Implication {
    /// The ids of the claims the figure is derived from.
    pub fn claims(&self) -> &[String] {
        &self.claims
    }

    /// The derivation, in words, with the figure.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The derived figure, in the unit the text names (shares and rates as fractions, sizes in
    /// the figure's scale); a one-sided result runs from 0 or to the finite end.
    pub fn value(&self) -> Option<Estimate> {
        self.value
    }
}

/// One problem the audit found: its kind, the claims involved (ids), a summary and what each
/// number implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    kind: FindingKind,
    claims: Vec<String>,
    summary: String,
    implications: Vec<Implication>,
}

impl Finding {
    /// The kind.
    pub fn kind(&self) -> FindingKind {
        self.kind
    }

    /// The ids of the claims involved.
    pub fn claims(&self) -> &[String] {
        &self.claims
    }

    /// One sentence on what is wrong.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// What each number implies.
    pub fn implications(&self) -> &[Implication] {
        &self.implications
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "[{}] {}", self.kind, self.claims.join(", "))?;
        write!(f, "  {}", self.summary)?;
        for i in &self.implications {
            write!(f, "\n  - {}", i.text)?;
            if !i.claims.is_empty() {
                write!(f, " ({})", i.claims.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Audits `set`: checks its claims against each other and against the crate's region
/// definitions, and says what each number implies.
///
/// Claims are compared only within one market ([`Claim::market`], compared after trimming and
/// lower-casing). Figures are read in base units by the rules of [`Tolerances`]: a comparison
/// fires when the gap between what two figures allow exceeds its tolerance; what a figure
/// implies is computed from what it states.
///
/// | check | finding |
/// |---|---|
/// | shares of regions that do not overlap, same market and year, add up to more than 100 % by over `share_sum` | [`FindingKind::SharesExceedWhole`] |
/// | ... or to less than 100 % by over `share_sum`, whether or not a "rest of world" share is given | [`FindingKind::SharesBelowWhole`] |
/// | a region's share stated beside the share of a region that contains it (the United States beside North America) | [`FindingKind::RegionWithinRegion`] |
/// | two regions that share some countries but neither contains the other | [`FindingKind::RegionsOverlap`] |
/// | the same region's share (`share`), or the same size (`size_relative`), stated twice with values that disagree; a share that does not fit the region's and the world's sizes of that year (`share`) | [`FindingKind::FiguresDisagree`] |
/// | two CAGRs of one market over the same or overlapping periods (an unstated start is open) that disagree (`rate`) | [`FindingKind::CagrsDisagree`] |
/// | a CAGR that does not fit the sizes stated for both its endpoints (`rate`) | [`FindingKind::CagrDoesNotFitSizes`] |
/// | sizes of non-overlapping regions adding to more than the world's size, or a region's size above that of a region containing it (`size_relative`) | [`FindingKind::PartsExceedTotal`] |
/// | a country listed under a region the crate's built-in definition does not put it in | [`FindingKind::CountryOutsideRegion`] |
/// | a listed name that is no country ("Argentina Korea", "Saudi" then "Arabia"): reported as written, never guessed; the finding says how the words read one by one or joined with the next entry | [`FindingKind::UnreadableCountry`] |
/// | a listed name that fits several countries ("Korea") | [`FindingKind::AmbiguousCountry`] |
///
/// Shares and sizes are compared by year (a share with no year with the others with none);
/// multiples and percent changes, and sizes with no year, are read by no check:
/// [`ClaimSet::unaudited`] lists them with the reason, and the recomputation
/// ([`recompute`](super::recompute())) checks them against data.
///
/// # Scale
///
/// Shares are printed in percent, CAGRs in %/yr, money sizes in the scale the claim was written
/// in, tonnages in tonnes. [`Implication::value`] is in the unit its text names: shares and rates
/// as fractions, sizes in the figure's scale.
///
/// The checks run in this order: shares (nesting, overlaps, repeated figures, sums), CAGRs
/// against each other, CAGRs against sizes, sizes (repeated figures, parts against wholes,
/// shares against sizes), country lists. Findings within a check follow the order of the
/// claims.
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::{Claim, ClaimSet, FindingKind, SizeUnit, Stated, audit};
/// use critical_minerals::money::{Currency, Scale};
///
/// let usd = SizeUnit::money(Currency::USD, Scale::Billion);
/// let m = "batteries";
/// let consistent = ClaimSet::new(vec![
///     Claim::cagr("g", m, Some(2025), 2030, Stated::exact(10.0)?)?,
///     Claim::total("s25", m, 2025, Stated::exact(100.0)?, usd.clone())?,
///     Claim::total("s30", m, 2030, Stated::exact(100.0 * 1.1f64.powi(5))?, usd.clone())?,
/// ])?;
/// assert!(audit(&consistent).is_empty());
///
/// let off = ClaimSet::new(vec![
///     Claim::cagr("g", m, Some(2025), 2030, Stated::exact(10.0)?)?,
///     Claim::total("s25", m, 2025, Stated::exact(100.0)?, usd.clone())?,
///     Claim::total("s30", m, 2030, Stated::exact(200.0)?, usd)?,
/// ])?;
/// let f = audit(&off);
/// assert_eq!(f.len(), 1);
/// assert_eq!(f[0].kind(), FindingKind::CagrDoesNotFitSizes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The battery market report cited as `seed-002-market-report` gives North America 30 %, Europe
/// 25 %, Asia-Pacific 35 % and the United States 10 %. The first three add to 90 %; the four add
/// to 100 % only by counting the United States twice, once inside North America.
///
/// ```
/// use critical_minerals::claims::{Claim, ClaimSet, FindingKind, Stated, audit};
///
/// let m = "secondary lithium batteries";
/// let claims = ClaimSet::new(vec![
///     Claim::share("na", m, "North America", None, Stated::exact(30.0)?)?,
///     Claim::share("eu", m, "Europe", None, Stated::exact(25.0)?)?,
///     Claim::share("apac", m, "Asia-Pacific", None, Stated::exact(35.0)?)?,
///     Claim::share("us", m, "United States", None, Stated::exact(10.0)?)?,
/// ])?;
/// let findings = audit(&claims);
/// let nested = findings.iter().find(|f| f.kind() == FindingKind::RegionWithinRegion).ok_or("none")?;
/// assert_eq!(nested.claims(), ["us", "na"]);
/// let short = findings.iter().find(|f| f.kind() == FindingKind::SharesBelowWhole).ok_or("none")?;
/// assert_eq!(short.claims(), ["na", "eu", "apac"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit(set: &ClaimSet) -> Vec<Finding> {
    let mut b = Builder { findings: Vec::new(), t: set.tolerances() };
    let markets = group_by(set.claims(), |c| c.market().to_lowercase());
    let by_market: Vec<Vec<&Claim>> = markets.iter().map(|g| g.iter().map(|&i| &set.claims()[i]).collect()).collect();
    for claims in &by_market {
        shares::check(&mut b, claims);
        growth::check_cagrs(&mut b, claims);
        growth::check_cagr_sizes(&mut b, claims);
        sizes::check(&mut b, claims);
    }
    for claims in &by_market {
        countries::check(&mut b, claims);
    }
    b.findings
}

/// The claims of `set` no check reads, with the reason, in the order given.
pub(crate) fn unaudited(set: &ClaimSet) -> Vec<(&Claim, &'static str)> {
    set.claims()
        .iter()
        .filter_map(|c| {
            let reason = match c.figure() {
                ClaimFigure::Multiple(_) => "no audit check reads multiples; recompute them against data",
                ClaimFigure::PercentChange(_) => "no audit check reads percent changes; recompute them against data",
                ClaimFigure::Size { .. } if c.year().is_none() => "a size with no year is compared with nothing",
                _ => return None,
            };
            Some((c, reason))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// shared by the checks

/// Collects findings, with the tolerances they are judged by.
pub(super) struct Builder {
    findings: Vec<Finding>,
    t: Tolerances,
}

impl Builder {
    fn push(&mut self, kind: FindingKind, claims: Vec<String>, summary: String, implications: Vec<Implication>) {
        self.findings.push(Finding { kind, claims, summary, implications });
    }
}

/// A claim's place with its countries, as the checks compare places.
#[derive(Clone, Copy)]
struct Spot<'a> {
    place: Place,
    members: Option<&'a CountrySet>,
}

impl<'a> Spot<'a> {
    fn of(c: &'a Claim) -> Spot<'a> {
        Spot { place: c.place(), members: c.members() }
    }

    fn is_world(&self) -> bool {
        self.place == Place::World
    }

    /// Same countries (names aside).
    fn same(&self, other: &Spot<'_>) -> bool {
        match (self.members, other.members) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.place == other.place,
            _ => false,
        }
    }

    /// Strictly inside `other` (the world contains every region).
    fn strictly_within(&self, other: &Spot<'_>) -> bool {
        match (self.members, other.members) {
            (Some(_), None) => other.is_world(),
            (Some(a), Some(b)) => a.is_subset(b) && a != b,
            _ => false,
        }
    }

    /// Share countries without either containing the other.
    fn partly_overlaps(&self, other: &Spot<'_>) -> bool {
        match (self.members, other.members) {
            (Some(a), Some(b)) => !a.intersection(b).is_empty() && !a.is_subset(b) && !b.is_subset(a),
            _ => false,
        }
    }
}

impl fmt::Display for Spot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.place.name())
    }
}

/// A figure of a claim, in base units: as stated (`iv`, for what it implies) and as allowed
/// (`allowed`, for whether it agrees).
#[derive(Clone, Copy)]
struct Fig {
    reading: Reading,
    iv: (f64, f64),
    allowed: (f64, f64),
}

impl Fig {
    /// `c`'s figure, with both ends clamped to `floor..=ceiling`.
    fn of(c: &Claim, t: &Tolerances, floor: f64, ceiling: f64) -> Option<Fig> {
        let reading = c.figure().reading()?;
        let clamp = |(lo, hi): (f64, f64)| (lo.max(floor), hi.min(ceiling));
        Some(Fig { reading, iv: clamp(reading.interval()), allowed: clamp(reading.allowed(t)) })
    }
}

fn imp<S: AsRef<str>>(claims: &[S], text: String, value: Option<(f64, f64)>) -> Implication {
    let value = value.and_then(|(lo, hi)| {
        let lo = if lo.is_finite() { lo } else { 0.0 };
        if hi.is_finite() { Estimate::range(lo, hi.max(lo)).ok() } else { None }
    });
    Implication { claims: claims.iter().map(|s| s.as_ref().to_string()).collect(), text, value }
}

fn show_interval((lo, hi): (f64, f64), f: impl Fn(f64) -> String) -> String {
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) if lo == hi => f(lo),
        (true, true) => format!("{}–{}", f(lo), f(hi)),
        (true, false) => format!("≥ {}", f(lo)),
        (false, true) => format!("≤ {}", f(hi)),
        (false, false) => "unbounded".to_string(),
    }
}

/// A fraction as a percentage with one decimal.
fn pct(v: f64) -> String {
    crate::fmt::percent(v, 1)
}

fn ids(claims: &[&Claim]) -> Vec<String> {
    claims.iter().map(|c| c.id().to_string()).collect()
}

/// Groups indices of `items` by a key, keeping first-seen order.
fn group_by<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<Vec<usize>> {
    let mut keys: Vec<K> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let k = key(it);
        match keys.iter().position(|x| *x == k) {
            Some(g) => groups[g].push(i),
            None => {
                keys.push(k);
                groups.push(vec![i]);
            }
        }
    }
    groups
}
