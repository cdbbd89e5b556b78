//! Disruption scenarios: cut one country's output or exports at one stage and follow the
//! shortfall down the chain.
//!
//! # Formula
//!
//! On a [`SupplyNetwork`], a cut of fraction `x` of country `C`'s output (or exports) at stage
//! `S` scales what `C` delivers to the next stage. Without rerouting every delivery of `C` that is
//! cut keeps the fraction `1 - x`:
//!
//! ```text
//! output cut:   m(C, j) = 1 - x  for every receiver j, C's own use included
//! export cut:   m(C, j) = 1 - x  for j != C,   m(C, C) = 1   (C's output itself is unchanged)
//! ```
//!
//! With **rerouting**, the other countries with stated spare capacity `sc_i` at stage `S` fill
//! the lost volume `L` pro rata to their spare capacity, up to it: `F = min(L, sum sc)`, country
//! `i` adds `F x sc_i / sum sc`, and the receivers of `C`'s lost deliveries get the fill in
//! proportion to what they lost, so the effective cut is `x' = x (1 - F / L)`.
//!
//! Downstream, each producer's output scales with its inputs (**proportional propagation**, no
//! stocks, no substitution beyond the rerouting at `S`):
//!
//! ```text
//! r_j(k) = sum_i m(i, j) w(i, j) / sum_i w(i, j),   output_j(k) = P_k(j) x r_j(k),   m(i, .) = r_i(k) at the next stage
//! ```
//!
//! with `w` the input weights of the network (shipments and own use). The shortfall of `j` at
//! stage `k` is `P_k(j) - output_j(k)`, reported for every producer at the cut stage and at every
//! stage downstream of it.
//!
//! **Scale**: outputs are [`Amount`]s on each stage's basis; shortfalls are tonnes on that basis
//! (negative for a country that fills with spare capacity); shortfall shares are fractions of
//! baseline output. Spare capacity is an amount on the cut stage's basis, stated by the user; the
//! crate embeds none.
//!
//! **Serialized form**: the cut, the lost and refilled tonnes, one row per filling country and
//! one row per (stage, country):
//!
//! ```json
//! {"stage": "mining", "country": "CHL", "cut": "output", "fraction": 0.5,
//!  "lost_t": 20.0, "refilled_t": 10.0, "basis": "Li",
//!  "fills":   [{"country": "AUS", "fill_t": 10.0, "basis": "Li"}],
//!  "impacts": [{"stage": "refining", "country": "CHN", "basis": "Li", "baseline_t": 80.0,
//!               "disrupted_t": 72.5, "shortfall_t": 7.5, "shortfall_share": 0.09375}, ...]}
//! ```
//!
//! **Source**: the method is proportional propagation through an input-output network; the
//! numbers are the user's.
//!
//! # Worked example
//!
//! The network of [`exposure`](super::exposure): cut Chile's mining output by half. China's
//! refining input falls by 15 of 80 (Chile shipped it 30), Korea's by 5 of 20.
//!
//! ```
//! use critical_minerals::chain::disruption::{disrupt, Cut, Disruption, Rerouting};
//! use critical_minerals::chain::{NetworkBuilder, Stage};
//! use critical_minerals::geo::Country;
//! use critical_minerals::material::{Amount, Basis, Element};
//!
//! let li = Basis::contained(Element::Li);
//! let t = |x| Amount::tonnes(x, li.clone());
//! let c = Country::from_code;
//! let mut b = NetworkBuilder::new();
//! b.add_stage(Stage::Mining, None, li.clone())?.add_stage(Stage::Refining, Some(Stage::Mining), li.clone())?;
//! b.add_production(Stage::Mining, c("AU")?, t(60.0)?)?.add_production(Stage::Mining, c("CL")?, t(40.0)?)?;
//! b.add_production(Stage::Refining, c("CN")?, t(80.0)?)?.add_production(Stage::Refining, c("KR")?, t(20.0)?)?;
//! for (from, to, x) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
//!     b.add_shipment(Stage::Refining, c(from)?, c(to)?, t(x)?)?;
//! }
//! let net = b.build()?;
//! let cut = Disruption::new(Stage::Mining, c("CL")?, Cut::Output, 0.5)?;
//! let r = disrupt(&net, &cut, &Rerouting::None)?;
//! assert!((r.shortfall_t(Stage::Refining, c("CN")?).unwrap_or(0.0) - 15.0).abs() < 1e-9);
//! // Australia has 10 t of spare mine capacity: it refills half of the 20 t lost
//! let r = disrupt(&net, &cut, &Rerouting::SpareCapacity(vec![(c("AU")?, t(10.0)?)]))?;
//! assert!((r.refilled().in_tonnes() - 10.0).abs() < 1e-9);
//! assert!((r.shortfall_t(Stage::Refining, c("CN")?).unwrap_or(0.0) - 7.5).abs() < 1e-9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Stage;
use super::network::SupplyNetwork;
use crate::error::Detail;
use crate::geo::Country;
use crate::material::{Amount, Basis};
use crate::{Error, Result};

/// What is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Cut {
    /// The country's output at the stage: its own use and its exports fall alike.
    Output,
    /// Only the country's exports of the stage's output; what it uses itself is unchanged.
    Exports,
}

/// A cut of `fraction` of one country's output or exports at one stage.
///
/// Serialized as `{"stage": "refining", "country": "CHN", "cut": "exports", "fraction": 0.4}`;
/// reading it back checks the fraction like [`Disruption::new`].
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::Stage;
/// use critical_minerals::chain::disruption::{Cut, Disruption};
/// use critical_minerals::geo::Country;
///
/// let cut = Disruption::new(Stage::Refining, Country::from_code("CN")?, Cut::Exports, 0.4)?;
/// assert_eq!(cut.stage(), Stage::Refining);
/// assert_eq!(serde_json::to_string(&cut)?, r#"{"stage":"refining","country":"CHN","cut":"exports","fraction":0.4}"#);
/// // 40 %, not 40
/// assert!(Disruption::new(Stage::Refining, cut.country(), Cut::Exports, 40.0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DisruptionWire")]
pub struct Disruption {
    stage: Stage,
    country: Country,
    cut: Cut,
    fraction: f64,
}

#[derive(Deserialize)]
struct DisruptionWire {
    stage: Stage,
    country: Country,
    cut: Cut,
    fraction: f64,
}

impl TryFrom<DisruptionWire> for Disruption {
    type Error = Error;
    fn try_from(w: DisruptionWire) -> Result<Disruption> {
        Disruption::new(w.stage, w.country, w.cut, w.fraction)
    }
}

impl Disruption {
    /// A cut of `fraction` (in [0, 1]; 0.3 = 30 %).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for NaN or a fraction outside [0, 1].
    pub fn new(stage: Stage, country: Country, cut: Cut, fraction: f64) -> Result<Disruption> {
        if !(fraction.is_finite() && (0.0..=1.0).contains(&fraction)) {
            return Err(Detail::OutOfRange {
                what: format!("cut of {}'s {:?} at stage {:?}", country.alpha3(), cut, stage.name()),
                value: fraction,
                expected: "a fraction in [0, 1]".into(),
            }
            .into());
        }
        Ok(Disruption { stage, country, cut, fraction })
    }

    /// The stage cut.
    pub fn stage(&self) -> Stage {
        self.stage
    }
    /// The country cut.
    pub fn country(&self) -> Country {
        self.country
    }
    /// Output or exports.
    pub fn cut(&self) -> Cut {
        self.cut
    }
    /// The fraction cut.
    pub fn fraction(&self) -> f64 {
        self.fraction
    }
}

/// Whether other producers at the cut stage fill the gap.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rerouting {
    /// No rerouting: the shortfall propagates in proportion.
    None,
    /// Other countries fill pro rata to their stated spare capacity at the cut stage (amounts on
    /// that stage's basis), up to it. The cut country's own entry, if any, is not used.
    SpareCapacity(Vec<(Country, Amount)>),
}

/// One country at one stage: output without and with the cut.
///
/// Serialized as one tidy row: `{"stage", "country", "basis", "baseline_t", "disrupted_t",
/// "shortfall_t", "shortfall_share"}` (the last two are derived and ignored when read back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ImpactRow", into = "ImpactRow")]
pub struct Impact {
    stage: Stage,
    country: Country,
    baseline: Amount,
    disrupted: Amount,
}

impl Impact {
    /// The stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }
    /// The country.
    pub fn country(&self) -> Country {
        self.country
    }
    /// Output without the cut, on the stage's basis.
    pub fn baseline(&self) -> &Amount {
        &self.baseline
    }
    /// Output with the cut, on the stage's basis.
    pub fn disrupted(&self) -> &Amount {
        &self.disrupted
    }
    /// Baseline minus disrupted output, tonnes on the stage's basis (negative for a country that
    /// fills with spare capacity at the cut stage).
    pub fn shortfall_t(&self) -> f64 {
        self.baseline.in_tonnes() - self.disrupted.in_tonnes()
    }
    /// Shortfall as a fraction of baseline output (0 for a country with no baseline output).
    pub fn shortfall_share(&self) -> f64 {
        let base = self.baseline.in_tonnes();
        if base > 0.0 { self.shortfall_t() / base } else { 0.0 }
    }
}

#[derive(Serialize, Deserialize)]
struct ImpactRow {
    stage: Stage,
    country: Country,
    basis: Basis,
    baseline_t: f64,
    disrupted_t: f64,
    #[serde(default, skip_deserializing)]
    shortfall_t: f64,
    #[serde(default, skip_deserializing)]
    shortfall_share: f64,
}

impl From<Impact> for ImpactRow {
    fn from(i: Impact) -> ImpactRow {
        ImpactRow {
            stage: i.stage,
            country: i.country,
            basis: i.baseline.basis().clone(),
            baseline_t: i.baseline.in_tonnes(),
            disrupted_t: i.disrupted.in_tonnes(),
            shortfall_t: i.shortfall_t(),
            shortfall_share: i.shortfall_share(),
        }
    }
}

impl TryFrom<ImpactRow> for Impact {
    type Error = Error;
    fn try_from(r: ImpactRow) -> Result<Impact> {
        Ok(Impact {
            stage: r.stage,
            country: r.country,
            baseline: Amount::tonnes(r.baseline_t, r.basis.clone())?,
            disrupted: Amount::tonnes(r.disrupted_t, r.basis)?,
        })
    }
}

/// The impacts at one stage.
///
/// Serialized as `{"stage": "cells", "countries": [one row per country, as [`Impact`]]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageImpact {
    stage: Stage,
    countries: Vec<Impact>,
}

impl StageImpact {
    /// The stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }
    /// Every producer at the stage (and, at the cut stage, every country that fills).
    pub fn countries(&self) -> &[Impact] {
        &self.countries
    }
    /// Total shortfall at the stage, tonnes on the stage's basis.
    pub fn shortfall_t(&self) -> f64 {
        self.countries.iter().map(Impact::shortfall_t).sum()
    }
}

/// The volume one country supplies from its spare capacity at the cut stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FillRow", into = "FillRow")]
pub struct Fill {
    country: Country,
    fill: Amount,
}

impl Fill {
    /// The country.
    pub fn country(&self) -> Country {
        self.country
    }
    /// What it supplies, on the cut stage's basis.
    pub fn fill(&self) -> &Amount {
        &self.fill
    }
}

#[derive(Serialize, Deserialize)]
struct FillRow {
    country: Country,
    fill_t: f64,
    basis: Basis,
}

impl From<Fill> for FillRow {
    fn from(f: Fill) -> FillRow {
        FillRow { country: f.country, fill_t: f.fill.in_tonnes(), basis: f.fill.basis().clone() }
    }
}

impl TryFrom<FillRow> for Fill {
    type Error = Error;
    fn try_from(r: FillRow) -> Result<Fill> {
        Ok(Fill { country: r.country, fill: Amount::tonnes(r.fill_t, r.basis)? })
    }
}

/// The outcome of a disruption: the cut stage and every stage downstream of it.
///
/// Serialized in tidy form (see the [module documentation](self)): the cut, `lost_t`,
/// `refilled_t` and `basis`, then `fills` and `impacts` with one row per (stage, country).
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::disruption::{disrupt, Cut, Disruption, DisruptionResult, Rerouting};
/// use critical_minerals::chain::{NetworkBuilder, Stage};
/// use critical_minerals::geo::Country;
/// use critical_minerals::material::{Amount, Basis};
///
/// let t = |x| Amount::tonnes(x, Basis::lce());
/// let (au, cl, cn) = (Country::from_code("AU")?, Country::from_code("CL")?, Country::from_code("CN")?);
/// let mut b = NetworkBuilder::new();
/// b.add_stage(Stage::Mining, None, Basis::lce())?.add_stage(Stage::Refining, Some(Stage::Mining), Basis::lce())?;
/// b.add_production(Stage::Mining, au, t(60.0)?)?.add_production(Stage::Mining, cl, t(40.0)?)?;
/// b.add_production(Stage::Refining, cn, t(100.0)?)?;
/// b.add_shipment(Stage::Refining, au, cn, t(60.0)?)?.add_shipment(Stage::Refining, cl, cn, t(40.0)?)?;
/// let net = b.build()?;
/// let r = disrupt(&net, &Disruption::new(Stage::Mining, cl, Cut::Exports, 0.25)?, &Rerouting::None)?;
/// assert_eq!(r.lost(), &t(10.0)?);
/// assert_eq!(r.shortfall_t(Stage::Refining, cn), Some(10.0));
/// let json = serde_json::to_string(&r)?;
/// assert!(json.contains(r#""stage":"refining","country":"CHN","basis":"LCE","baseline_t":100.0,"disrupted_t":90.0,"shortfall_t":10.0,"shortfall_share":0.1"#));
/// assert_eq!(serde_json::from_str::<DisruptionResult>(&json)?, r);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DisruptionWire2", into = "DisruptionWire2")]
pub struct DisruptionResult {
    disruption: Disruption,
    lost: Amount,
    refilled: Amount,
    fills: Vec<Fill>,
    stages: Vec<StageImpact>,
}

impl DisruptionResult {
    /// The disruption applied.
    pub fn disruption(&self) -> &Disruption {
        &self.disruption
    }
    /// Volume the cut removes from deliveries to the next stage (or from output, for a cut at
    /// the last stage), on the cut stage's basis.
    pub fn lost(&self) -> &Amount {
        &self.lost
    }
    /// Volume refilled from spare capacity, on the cut stage's basis.
    pub fn refilled(&self) -> &Amount {
        &self.refilled
    }
    /// The fill each country supplies from spare capacity.
    pub fn fills(&self) -> &[Fill] {
        &self.fills
    }
    /// The cut stage (first) and the stages downstream, in chain order.
    pub fn stages(&self) -> &[StageImpact] {
        &self.stages
    }
    /// Every (stage, country) impact, cut stage first: the rows of the serialized form.
    pub fn impacts(&self) -> impl Iterator<Item = &Impact> {
        self.stages.iter().flat_map(|s| s.countries.iter())
    }
    /// The shortfall of `country` at `stage` in tonnes on the stage's basis, if it produces there
    /// and the stage is the cut stage or downstream of it.
    pub fn shortfall_t(&self, stage: Stage, country: Country) -> Option<f64> {
        self.impacts().find(|i| i.stage == stage && i.country == country).map(Impact::shortfall_t)
    }
}

#[derive(Serialize, Deserialize)]
struct DisruptionWire2 {
    #[serde(flatten)]
    disruption: Disruption,
    lost_t: f64,
    refilled_t: f64,
    basis: Basis,
    fills: Vec<Fill>,
    impacts: Vec<Impact>,
}

impl From<DisruptionResult> for DisruptionWire2 {
    fn from(r: DisruptionResult) -> DisruptionWire2 {
        DisruptionWire2 {
            lost_t: r.lost.in_tonnes(),
            refilled_t: r.refilled.in_tonnes(),
            basis: r.lost.basis().clone(),
            fills: r.fills,
            impacts: r.stages.into_iter().flat_map(|s| s.countries).collect(),
            disruption: r.disruption,
        }
    }
}

impl TryFrom<DisruptionWire2> for DisruptionResult {
    type Error = Error;
    fn try_from(w: DisruptionWire2) -> Result<DisruptionResult> {
        let mut stages: Vec<StageImpact> = Vec::new();
        for i in w.impacts {
            match stages.last_mut() {
                Some(s) if s.stage == i.stage => s.countries.push(i),
                _ => stages.push(StageImpact { stage: i.stage, countries: vec![i] }),
            }
        }
        Ok(DisruptionResult {
            disruption: w.disruption,
            lost: Amount::tonnes(w.lost_t, w.basis.clone())?,
            refilled: Amount::tonnes(w.refilled_t, w.basis)?,
            fills: w.fills,
            stages,
        })
    }
}

/// Applies a disruption to a network.
///
/// # Errors
///
/// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not in the network;
/// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when the cut country does not
/// produce at the stage; [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for spare capacity
/// not on the cut stage's basis; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a
/// country given two spare capacities.
pub fn disrupt(net: &SupplyNetwork, d: &Disruption, rerouting: &Rerouting) -> Result<DisruptionResult> {
    let s = net.position("disruption", d.stage)?;
    let node = &net.nodes[s];
    let stage_name = d.stage.name();
    let c = d.country;
    let p_c = node
        .output_t(c)
        .ok_or_else(|| Detail::NoOutput { who: c.alpha3().to_string(), stage: stage_name.to_string() })?;
    let x = d.fraction;
    let affected = |j: Country| d.cut == Cut::Output || j != c;
    // what C delivers to the next stage, on the links the cut touches
    let delivered_affected: f64 = match node.downstream {
        Some(n) => net.nodes[n].inputs.iter().filter(|(j, _)| affected(**j)).filter_map(|(_, m)| m.get(&c)).sum(),
        None => 0.0,
    };
    let lost = match (node.downstream, d.cut) {
        (Some(_), _) => x * delivered_affected,
        (None, Cut::Output) => x * p_c,
        (None, Cut::Exports) => 0.0,
    };
    // spare capacity
    let mut spare: BTreeMap<Country, f64> = BTreeMap::new();
    if let Rerouting::SpareCapacity(rows) = rerouting {
        for (country, a) in rows {
            if a.basis() != &node.basis {
                return Err(Error::from(Detail::BasisMismatch {
                    left: node.basis.to_string(),
                    right: a.basis().to_string(),
                    operation: "reroute",
                })
                .context(format!("spare capacity of {} at stage {stage_name:?}", country.alpha3())));
            }
            if spare.insert(*country, a.in_tonnes()).is_some() {
                return Err(Detail::DuplicateKey {
                    what: format!("spare capacity at stage {stage_name:?}"),
                    key: country.alpha3().to_string(),
                }
                .into());
            }
        }
        spare.remove(&c);
    }
    let spare_total: f64 = spare.values().sum();
    let refilled = lost.min(spare_total);
    let phi = if lost > 0.0 { refilled / lost } else { 0.0 };
    let fills: Vec<(Country, f64)> = if spare_total > 0.0 {
        spare.iter().filter(|(_, t)| **t > 0.0).map(|(k, t)| (*k, refilled * t / spare_total)).collect()
    } else {
        Vec::new()
    };
    let x_eff = x * (1.0 - phi);

    // the cut stage: (country, baseline, disrupted), tonnes
    let mut rows: Vec<(Country, f64, f64)> = node
        .production
        .keys()
        .map(|k| {
            let t = node.output_t(*k).unwrap_or(0.0);
            let out = if *k == c && d.cut == Cut::Output { t * (1.0 - x) } else { t };
            (*k, t, out)
        })
        .collect();
    for (k, f) in &fills {
        match rows.iter_mut().find(|r| r.0 == *k) {
            Some(r) => r.2 += f,
            None => rows.push((*k, 0.0, *f)),
        }
    }
    let mut stages = vec![stage_impact(d.stage, &node.basis, rows)?];

    // downstream propagation: multiplier of what origin i delivers to receiver j
    let mut ratio: BTreeMap<Country, f64> = BTreeMap::new(); // r_i at the current stage
    let mut first = true;
    let mut p = s;
    while let Some(n) = net.nodes[p].downstream {
        let next = &net.nodes[n];
        let mut next_ratio = BTreeMap::new();
        let mut rows = Vec::with_capacity(next.production.len());
        for j in next.production.keys() {
            let base = next.output_t(*j).unwrap_or(0.0);
            let row = next.inputs.get(j);
            let (num, den) = row.map_or((0.0, 0.0), |m| {
                m.iter().fold((0.0, 0.0), |(a, b), (i, w)| {
                    let mult = if first {
                        if *i == c && affected(*j) { 1.0 - x_eff } else { 1.0 }
                    } else {
                        ratio.get(i).copied().unwrap_or(1.0)
                    };
                    (a + mult * w, b + w)
                })
            });
            let r = if den > 0.0 { (num / den).clamp(0.0, 1.0) } else { 1.0 };
            next_ratio.insert(*j, r);
            rows.push((*j, base, base * r));
        }
        stages.push(stage_impact(next.stage, &next.basis, rows)?);
        ratio = next_ratio;
        first = false;
        p = n;
    }
    let fills = fills
        .into_iter()
        .map(|(country, t)| Ok(Fill { country, fill: Amount::tonnes(t, node.basis.clone())? }))
        .collect::<Result<Vec<Fill>>>()?;
    Ok(DisruptionResult {
        disruption: d.clone(),
        lost: Amount::tonnes(lost, node.basis.clone())?,
        refilled: Amount::tonnes(refilled, node.basis.clone())?,
        fills,
        stages,
    })
}

/// The impacts of one stage from (country, baseline tonnes, disrupted tonnes).
fn stage_impact(stage: Stage, basis: &Basis, rows: Vec<(Country, f64, f64)>) -> Result<StageImpact> {
    let countries = rows
        .into_iter()
        .map(|(country, base, out)| {
            Ok(Impact {
                stage,
                country,
                baseline: Amount::tonnes(base, basis.clone())?,
                disrupted: Amount::tonnes(out, basis.clone())?,
            })
        })
        .collect::<Result<Vec<Impact>>>()?;
    Ok(StageImpact { stage, countries })
}
