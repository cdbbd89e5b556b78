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
//! stage `k` is `P_k(j) - output_j(k)`, reported for every producer at every stage downstream of
//! `S`.
//!
//! **Scale**: tonnes on each stage's basis; shortfall shares are fractions of baseline output in
//! [0, 1]. Rerouted fill comes from spare capacity the user states; the crate embeds none.
//!
//! # Worked example
//!
//! The network of [`super::exposure`]: cut Chile's mining output by half. China's refining
//! input falls by 15 of 80 (Chile shipped it 30), Korea's by 5 of 20.
//!
//! ```
//! use critical_minerals::chain::disruption::{disrupt, Cut, Disruption, Rerouting};
//! use critical_minerals::chain::network::NetworkBuilder;
//! use critical_minerals::geo::Country;
//!
//! let c = |s| Country::from_code(s);
//! let mut b = NetworkBuilder::new();
//! b.add_stage("mining", None)?.add_stage("refining", Some("mining"))?;
//! b.add_production("mining", c("AU")?, 60.0)?.add_production("mining", c("CL")?, 40.0)?;
//! b.add_production("refining", c("CN")?, 80.0)?.add_production("refining", c("KR")?, 20.0)?;
//! for (from, to, t) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
//!     b.add_shipment("refining", c(from)?, c(to)?, t)?;
//! }
//! let net = b.build()?;
//! let cut = Disruption::new("mining", c("CL")?, Cut::Output, 0.5)?;
//! let r = disrupt(&net, &cut, &Rerouting::None)?;
//! assert!((r.shortfall("refining", c("CN")?).unwrap_or(0.0) - 15.0).abs() < 1e-9);
//! // Australia has 10 t of spare mine capacity: it refills half of the 20 t lost
//! let r = disrupt(&net, &cut, &Rerouting::SpareCapacity(vec![(c("AU")?, 10.0)]))?;
//! assert!((r.refilled_t() - 10.0).abs() < 1e-9);
//! assert!((r.shortfall("refining", c("CN")?).unwrap_or(0.0) - 7.5).abs() < 1e-9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use super::network::SupplyNetwork;
use crate::Error;
use crate::error::Detail;
use crate::geo::Country;

/// What is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cut {
    /// The country's output at the stage: its own use and its exports fall alike.
    Output,
    /// Only the country's exports of the stage's output; what it uses itself is unchanged.
    Exports,
}

/// A cut of `fraction` of one country's output or exports at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Disruption {
    stage: String,
    country: Country,
    cut: Cut,
    fraction: f64,
}

impl Disruption {
    /// A cut of `fraction` (in [0, 1]; 0.3 = 30 %).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for NaN or a fraction outside [0, 1].
    pub fn new(stage: &str, country: Country, cut: Cut, fraction: f64) -> Result<Disruption, Error> {
        if !(fraction.is_finite() && (0.0..=1.0).contains(&fraction)) {
            return Err(Detail::OutOfRange {
                what: format!("cut of {}'s {:?} at stage {stage:?}", country.alpha3(), cut),
                value: fraction,
                expected: "a fraction in [0, 1]".into(),
            }
            .into());
        }
        Ok(Disruption { stage: stage.to_string(), country, cut, fraction })
    }

    /// The stage cut.
    pub fn stage(&self) -> &str {
        &self.stage
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
    /// Other countries fill pro rata to their stated spare capacity at the cut stage (tonnes on
    /// that stage's basis), up to it. The cut country's own entry, if any, is not used.
    SpareCapacity(Vec<(Country, f64)>),
}

/// One country at one stage: baseline and disrupted output.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    /// The country.
    pub country: Country,
    /// Output without the cut.
    pub baseline_t: f64,
    /// Output with the cut.
    pub disrupted_t: f64,
}

impl Impact {
    /// Baseline minus disrupted output (negative for a country that fills with spare capacity at
    /// the cut stage).
    pub fn shortfall_t(&self) -> f64 {
        self.baseline_t - self.disrupted_t
    }
    /// Shortfall as a fraction of baseline output.
    pub fn shortfall_share(&self) -> f64 {
        if self.baseline_t > 0.0 { self.shortfall_t() / self.baseline_t } else { 0.0 }
    }
}

/// The impacts at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageImpact {
    /// The stage.
    pub stage: String,
    /// Every producer at the stage.
    pub countries: Vec<Impact>,
}

impl StageImpact {
    /// Total shortfall at the stage, tonnes.
    pub fn shortfall_t(&self) -> f64 {
        self.countries.iter().map(Impact::shortfall_t).sum()
    }
}

/// The outcome of a disruption: the cut stage and every stage downstream of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DisruptionResult {
    lost_t: f64,
    refilled_t: f64,
    fills: Vec<(Country, f64)>,
    stages: Vec<StageImpact>,
}

impl DisruptionResult {
    /// Volume the cut removes from deliveries to the next stage (or from output, for a cut at
    /// the last stage), tonnes.
    pub fn lost_t(&self) -> f64 {
        self.lost_t
    }
    /// Volume refilled from spare capacity, tonnes.
    pub fn refilled_t(&self) -> f64 {
        self.refilled_t
    }
    /// The fill each country supplies from spare capacity.
    pub fn fills(&self) -> &[(Country, f64)] {
        &self.fills
    }
    /// The cut stage (first) and the stages downstream, in chain order.
    pub fn stages(&self) -> &[StageImpact] {
        &self.stages
    }
    /// The shortfall of `country` at `stage`, if it produces there and the stage is the cut
    /// stage or downstream of it.
    pub fn shortfall(&self, stage: &str, country: Country) -> Option<f64> {
        self.stages
            .iter()
            .find(|s| s.stage == stage)?
            .countries
            .iter()
            .find(|i| i.country == country)
            .map(Impact::shortfall_t)
    }
}

/// Applies a disruption to a network.
///
/// # Errors
///
/// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown); [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when the cut country does not
/// produce at the stage; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite), [`ErrorKind::Negative`](crate::ErrorKind::Negative) or
/// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a bad spare-capacity row.
pub fn disrupt(net: &SupplyNetwork, d: &Disruption, rerouting: &Rerouting) -> Result<DisruptionResult, Error> {
    let s = net.position("disruption", &d.stage)?;
    let node = &net.nodes[s];
    let c = d.country;
    let p_c = *node
        .production
        .get(&c)
        .ok_or_else(|| Detail::NoOutput { who: c.alpha3().to_string(), stage: d.stage.clone() })?;
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
        for (country, t) in rows {
            let what = || format!("spare capacity of {} at stage {:?}", country.alpha3(), d.stage);
            if !t.is_finite() {
                return Err(Detail::NotFinite { what: what(), value: *t }.into());
            }
            if *t < 0.0 {
                return Err(Detail::Negative { what: what(), value: *t }.into());
            }
            if spare.insert(*country, *t).is_some() {
                return Err(Detail::DuplicateKey {
                    what: format!("spare capacity at stage {:?}", d.stage),
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

    // the cut stage
    let mut stages = Vec::new();
    let mut countries: Vec<Impact> = node
        .production
        .iter()
        .map(|(k, t)| {
            let mut out = *t;
            if *k == c && d.cut == Cut::Output {
                out = t * (1.0 - x);
            }
            Impact { country: *k, baseline_t: *t, disrupted_t: out }
        })
        .collect();
    for (k, f) in &fills {
        match countries.iter_mut().find(|i| i.country == *k) {
            Some(i) => i.disrupted_t += f,
            None => countries.push(Impact { country: *k, baseline_t: 0.0, disrupted_t: *f }),
        }
    }
    stages.push(StageImpact { stage: node.name.clone(), countries });

    // downstream propagation: multiplier of what origin i delivers to receiver j
    let mut ratio: BTreeMap<Country, f64> = BTreeMap::new(); // r_i at the current stage
    let mut first = true;
    let mut p = s;
    while let Some(n) = net.nodes[p].downstream {
        let next = &net.nodes[n];
        let mut next_ratio = BTreeMap::new();
        let mut impacts = Vec::new();
        for (j, base) in &next.production {
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
            impacts.push(Impact { country: *j, baseline_t: *base, disrupted_t: base * r });
        }
        stages.push(StageImpact { stage: next.name.clone(), countries: impacts });
        ratio = next_ratio;
        first = false;
        p = n;
    }
    Ok(DisruptionResult { lost_t: lost, refilled_t: refilled, fills, stages })
}
