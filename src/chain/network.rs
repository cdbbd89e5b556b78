//! A supply network: each country's output at each chain [`Stage`], and the shipments that carry
//! one stage's output to the producers of the next. Built and checked by [`NetworkBuilder`]; read
//! by the calculators [`exposure`](super::exposure) and [`disruption`](super::disruption).
//!
//! # The model
//!
//! A network is a chain of stages (mining -> refining -> cells, say). At each stage `k` each
//! country `j` produces `P_k(j)`, an [`Amount`] on the stage's [`Basis`]. `T_k(i, j)` is country
//! `i`'s output of the upstream stage `u` shipped to `j` as input to stage `k`, on the basis of
//! `u`. What `j` keeps of its own upstream output is implied:
//!
//! ```text
//! D_u(j) = P_u(j) - sum_{i != j} T_k(j, i)
//! ```
//!
//! The input weights of a producer `j` at stage `k` are `w(i, j) = T_k(i, j)` for `i != j` and
//! `w(j, j) = D_u(j)` (own use), in tonnes on the upstream basis.
//!
//! **Stages.** A network is over [`Stage`]s, each used at most once, and each stage feeds at most
//! one other stage: a chain, never a tree. The upstream link is given explicitly
//! ([`NetworkBuilder::add_stage`]) rather than read from the order of [`Stage::ALL`], so a
//! network may skip stages (mining -> refining -> cells), or start from recycling (recycling ->
//! materials), which comes last in [`Stage::ALL`]. A chain with more steps than the six stages
//! (sulfate, then hydroxide; precursor, then cathode) is modelled by letting one stage stand for
//! the steps taken together, or by one network per segment: the crate does not accept free-text
//! stage names, so a misspelt stage is a compile error, not an unknown key at run time.
//!
//! **Scale and units.** Quantities are [`Amount`]s: tonnes on a basis. Each stage states its
//! basis (contained lithium at the mine, LCE at the refinery, say); a production on another basis,
//! or a shipment not on its upstream stage's basis, is an error
//! ([`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch)): convert first
//! ([`Amount::convert_to`]). The period is the user's (a year's flows, typically); for annual
//! rates use [`Rate::over_years`](crate::material::Rate::over_years)`(1.0)`.
//!
//! **Serialized form** (three tidy tables, one row per stage, per (stage, country) and per
//! (stage, exporter, importer)):
//!
//! ```json
//! {"stages":     [{"stage": "mining", "upstream": null, "basis": "Li"}, ...],
//!  "production": [{"stage": "mining", "country": "AUS", "output_t": 60.0, "basis": "Li"}, ...],
//!  "shipments":  [{"stage": "refining", "exporter": "AUS", "importer": "CHN", "shipment_t": 50.0, "basis": "Li"}, ...]}
//! ```
//!
//! Reading it back goes through [`NetworkBuilder`], so a file is checked like code.
//!
//! **Source**: the data are the user's; the crate embeds no network.
//!
//! # Examples
//!
//! ```
//! use critical_minerals::chain::{NetworkBuilder, Stage};
//! use critical_minerals::geo::Country;
//! use critical_minerals::material::{Amount, Basis, Element};
//!
//! let li = Basis::contained(Element::Li);
//! let t = |x| Amount::tonnes(x, li.clone());
//! let (au, cn) = (Country::from_code("AU")?, Country::from_code("CN")?);
//! let mut b = NetworkBuilder::new();
//! b.add_stage(Stage::Mining, None, li.clone())?.add_stage(Stage::Refining, Some(Stage::Mining), li.clone())?;
//! b.add_production(Stage::Mining, au, t(60.0)?)?.add_production(Stage::Refining, cn, t(55.0)?)?;
//! b.add_shipment(Stage::Refining, au, cn, t(55.0)?)?;
//! let net = b.build()?;
//! assert_eq!(net.stages(), [Stage::Mining, Stage::Refining]);
//! assert_eq!(net.production(Stage::Refining)?[&cn], t(55.0)?);
//! // mixing bases is refused, not summed
//! assert!(b.add_production(Stage::Mining, cn, Amount::tonnes(1.0, Basis::lce())?).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Stage;
use crate::error::{Context, Detail};
use crate::geo::Country;
use crate::material::{Amount, Basis};
use crate::stats::share::{Denominator, Shares};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
struct RawStage {
    stage: Stage,
    upstream: Option<Stage>,
    basis: Basis,
    production: BTreeMap<Country, Amount>,
    /// (exporter, importer) -> the upstream output shipped for this stage's input
    shipments: BTreeMap<(Country, Country), Amount>,
}

/// Collects stages, production and shipments; [`NetworkBuilder::build`] checks them and gives a
/// [`SupplyNetwork`].
///
/// Every `add_` method checks its own row (a stage added, the stage's basis, no duplicate) and
/// names the row in its error; `build` checks the network as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkBuilder {
    stages: Vec<RawStage>,
}

/// `"production of AUS at stage \"mining\""`: where a row came from, for messages.
fn production_row(stage: Stage, country: Country) -> String {
    format!("production of {} at stage {:?}", country.alpha3(), stage.name())
}

fn shipment_row(stage: Stage, exporter: Country, importer: Country) -> String {
    format!("shipment {} -> {} for stage {:?}", exporter.alpha3(), importer.alpha3(), stage.name())
}

/// `Ok` when `amount` is on `basis`, else [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch)
/// naming both bases and `what`.
fn on_basis(amount: &Amount, basis: &Basis, what: impl FnOnce() -> String) -> Result<()> {
    if amount.basis() == basis {
        return Ok(());
    }
    Err(Error::from(Detail::BasisMismatch {
        left: basis.to_string(),
        right: amount.basis().to_string(),
        operation: "put in one network stage",
    })
    .context(what()))
}

impl NetworkBuilder {
    /// An empty network.
    pub fn new() -> NetworkBuilder {
        NetworkBuilder::default()
    }

    fn stage_mut(&mut self, what: impl FnOnce() -> String, stage: Stage) -> Result<&mut RawStage> {
        self.stages
            .iter_mut()
            .find(|s| s.stage == stage)
            .ok_or_else(|| Detail::UnknownNetworkStage { what: what(), stage: stage.name().to_string() }.into())
    }

    /// Adds `stage`, fed by `upstream` (`None` for a first stage such as mining), with the basis
    /// its output is counted on. The upstream stage may be added later; `build` checks it exists.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a stage added twice.
    pub fn add_stage(&mut self, stage: Stage, upstream: Option<Stage>, basis: Basis) -> Result<&mut Self> {
        if self.stages.iter().any(|s| s.stage == stage) {
            return Err(Detail::DuplicateKey { what: "stages".into(), key: stage.name().to_string() }.into());
        }
        self.stages.push(RawStage { stage, upstream, basis, production: BTreeMap::new(), shipments: BTreeMap::new() });
        Ok(self)
    }

    /// Adds a country's output at a stage, on the stage's basis. A zero output is accepted and
    /// leaves the country out of the stage.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not added,
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for an output on another basis,
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) when the country already has output
    /// at the stage.
    pub fn add_production(&mut self, stage: Stage, country: Country, output: Amount) -> Result<&mut Self> {
        let s = self.stage_mut(|| production_row(stage, country), stage)?;
        on_basis(&output, &s.basis, || production_row(stage, country))?;
        if s.production.insert(country, output).is_some() {
            return Err(Detail::DuplicateKey {
                what: format!("production at stage {:?}", stage.name()),
                key: country.alpha3().to_string(),
            }
            .into());
        }
        Ok(self)
    }

    /// Adds a shipment of `exporter`'s upstream output to `importer`, as input to `stage` (the
    /// receiving stage), on the upstream stage's basis (checked by `build`). What a country keeps
    /// of its own upstream output is implied (output minus shipments), so `exporter` and
    /// `importer` must differ.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not added,
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a pair given twice or a country
    /// shipping to itself.
    pub fn add_shipment(
        &mut self,
        stage: Stage,
        exporter: Country,
        importer: Country,
        quantity: Amount,
    ) -> Result<&mut Self> {
        if exporter == importer {
            return Err(Detail::DuplicateKey {
                what: format!("shipments for stage {:?} (own use is implied by own output)", stage.name()),
                key: format!("{} -> {}", exporter.alpha3(), importer.alpha3()),
            }
            .into());
        }
        let s = self.stage_mut(|| shipment_row(stage, exporter, importer), stage)?;
        if s.shipments.insert((exporter, importer), quantity).is_some() {
            return Err(Detail::DuplicateKey {
                what: format!("shipments for stage {:?}", stage.name()),
                key: format!("{} -> {}", exporter.alpha3(), importer.alpha3()),
            }
            .into());
        }
        Ok(self)
    }

    /// Checks the network and computes the input mixes.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Empty`](crate::ErrorKind::Empty): no stage;
    /// - [`ErrorKind::Unknown`](crate::ErrorKind::Unknown): an upstream stage that is not added;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a stage feeding two stages;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): upstream links that loop;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a stage with no output above zero;
    /// - [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch): a shipment not on its upstream stage's basis;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a country shipping more than it produced;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a shipment to a country with no output at the
    ///   receiving stage (or from one with no upstream output);
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a producer with neither own upstream output nor imports.
    pub fn build(&self) -> Result<SupplyNetwork> {
        if self.stages.is_empty() {
            return Err(Detail::Empty { what: "stages of the supply network".into() }.into());
        }
        let name = |k: usize| self.stages[k].stage.name().to_string();
        let mut upstream = Vec::with_capacity(self.stages.len());
        for s in &self.stages {
            upstream.push(match s.upstream {
                None => None,
                Some(u) => {
                    Some(self.stages.iter().position(|r| r.stage == u).ok_or_else(|| Detail::UnknownNetworkStage {
                        what: format!("upstream of stage {:?}", s.stage.name()),
                        stage: u.name().to_string(),
                    })?)
                }
            });
        }
        let order = topological_order(&upstream)
            .map_err(|cycle| Detail::Cycle { stages: cycle.into_iter().map(name).collect() })?;
        let mut downstream: Vec<Option<usize>> = vec![None; self.stages.len()];
        for (k, u) in upstream.iter().enumerate() {
            if let Some(u) = *u {
                if let Some(first) = downstream[u] {
                    return Err(Detail::StageBranches { stage: name(u), first: name(first), second: name(k) }.into());
                }
                downstream[u] = Some(k);
            }
        }
        let mut nodes: Vec<StageNode> = Vec::with_capacity(self.stages.len());
        for &k in &order {
            let s = &self.stages[k];
            let production: BTreeMap<Country, Amount> =
                s.production.iter().filter(|(_, a)| a.in_tonnes() > 0.0).map(|(c, a)| (*c, a.clone())).collect();
            if production.is_empty() {
                return Err(Detail::NoProducers { stage: name(k) }.into());
            }
            nodes.push(StageNode {
                stage: s.stage,
                basis: s.basis.clone(),
                upstream: None,
                downstream: None,
                production,
                shipments: s.shipments.clone(),
                inputs: BTreeMap::new(),
            });
        }
        // positions in `nodes` (topological order)
        let pos: BTreeMap<usize, usize> = order.iter().enumerate().map(|(p, &k)| (k, p)).collect();
        for (p, &k) in order.iter().enumerate() {
            nodes[p].upstream = upstream[k].and_then(|u| pos.get(&u).copied());
            nodes[p].downstream = downstream[k].and_then(|d| pos.get(&d).copied());
        }
        for p in 0..nodes.len() {
            let stage = nodes[p].stage;
            let Some(u) = nodes[p].upstream else {
                if let Some((e, i)) = nodes[p].shipments.keys().next() {
                    return Err(Detail::UnknownNetworkStage {
                        what: format!("shipment {} -> {} into first stage {:?}", e.alpha3(), i.alpha3(), stage.name()),
                        stage: "(no upstream stage)".into(),
                    }
                    .into());
                }
                continue;
            };
            let up_name = nodes[u].stage.name().to_string();
            let up_basis = nodes[u].basis.clone();
            let up_prod: BTreeMap<Country, f64> =
                nodes[u].production.iter().map(|(c, a)| (*c, a.in_tonnes())).collect();
            let mut shipped: BTreeMap<Country, f64> = BTreeMap::new();
            let mut inputs: BTreeMap<Country, BTreeMap<Country, f64>> = BTreeMap::new();
            for (&(e, i), a) in &nodes[p].shipments {
                on_basis(a, &up_basis, || shipment_row(stage, e, i))?;
                let t = a.in_tonnes();
                if t == 0.0 {
                    continue;
                }
                if !nodes[p].production.contains_key(&i) {
                    return Err(Detail::ImporterNotProducing {
                        stage: stage.name().to_string(),
                        upstream: up_name.clone(),
                        exporter: e.alpha3().to_string(),
                        importer: i.alpha3().to_string(),
                    }
                    .into());
                }
                *shipped.entry(e).or_insert(0.0) += t;
                *inputs.entry(i).or_default().entry(e).or_insert(0.0) += t;
            }
            for (e, t) in &shipped {
                let produced = up_prod.get(e).copied().unwrap_or(0.0);
                if *t > produced * (1.0 + 1e-12) {
                    return Err(Detail::ShipmentsExceedOutput {
                        stage: up_name.clone(),
                        country: e.alpha3().to_string(),
                        shipped: *t,
                        produced,
                    }
                    .into());
                }
            }
            let producers: Vec<Country> = nodes[p].production.keys().copied().collect();
            for c in producers {
                let kept = up_prod.get(&c).copied().unwrap_or(0.0) - shipped.get(&c).copied().unwrap_or(0.0);
                if kept > 0.0 {
                    inputs.entry(c).or_default().insert(c, kept);
                }
                if inputs.get(&c).is_none_or(|m| m.values().sum::<f64>() <= 0.0) {
                    return Err(Detail::NoInputs {
                        stage: stage.name().to_string(),
                        upstream: up_name.clone(),
                        country: c.alpha3().to_string(),
                    }
                    .into());
                }
            }
            nodes[p].inputs = inputs;
        }
        Ok(SupplyNetwork { nodes })
    }
}

/// Topological order of nodes linked to at most one upstream node each (upstream first), or the
/// nodes of a cycle (in upstream order) when the links loop.
fn topological_order(upstream: &[Option<usize>]) -> std::result::Result<Vec<usize>, Vec<usize>> {
    let n = upstream.len();
    // Kahn's algorithm on edges upstream -> node
    let mut indegree: Vec<usize> = upstream.iter().map(|u| usize::from(u.is_some())).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, u) in upstream.iter().enumerate() {
        if let Some(u) = *u {
            children[u].push(k);
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&k| indegree[k] == 0).rev().collect();
    let mut order = Vec::with_capacity(n);
    while let Some(k) = ready.pop() {
        order.push(k);
        for &c in children[k].iter().rev() {
            indegree[c] -= 1;
            if indegree[c] == 0 {
                ready.push(c);
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    // a node left over lies on or below a cycle: walk upstream until a node repeats
    let start = (0..n).find(|&k| indegree[k] > 0).unwrap_or(0);
    let mut seen = vec![usize::MAX; n];
    let mut path = Vec::new();
    let mut k = start;
    while seen[k] == usize::MAX {
        seen[k] = path.len();
        path.push(k);
        match upstream[k] {
            Some(u) => k = u,
            None => return Err(path),
        }
    }
    let mut cycle: Vec<usize> = path[seen[k]..].to_vec();
    cycle.reverse();
    Err(cycle)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StageNode {
    pub(crate) stage: Stage,
    pub(crate) basis: Basis,
    pub(crate) upstream: Option<usize>,
    pub(crate) downstream: Option<usize>,
    /// producers with output above zero, on `basis`
    pub(crate) production: BTreeMap<Country, Amount>,
    /// the shipments as given, on the upstream basis (zeros included)
    pub(crate) shipments: BTreeMap<(Country, Country), Amount>,
    /// importer -> origin (producer at the upstream stage) -> tonnes, own use included
    pub(crate) inputs: BTreeMap<Country, BTreeMap<Country, f64>>,
}

impl StageNode {
    /// Output of `country` in tonnes on the stage's basis, if it produces.
    pub(crate) fn output_t(&self, country: Country) -> Option<f64> {
        self.production.get(&country).map(Amount::in_tonnes)
    }
}

/// A checked supply network: stages in chain order, each country's output at each stage, and
/// each producer's input mix.
///
/// Built by [`NetworkBuilder::build`] (or read from its serialized form, which is checked the
/// same way); see the [module documentation](self) for the model. The calculators are
/// [`SupplyNetwork::exposure`] and [`disrupt`](super::disruption::disrupt).
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::{NetworkBuilder, Stage};
/// use critical_minerals::geo::Country;
/// use critical_minerals::material::{Amount, Basis};
///
/// let lce = Basis::lce();
/// let t = |x| Amount::tonnes(x, lce.clone());
/// let c = Country::from_code;
/// let mut b = NetworkBuilder::new();
/// b.add_stage(Stage::Mining, None, lce.clone())?;
/// b.add_stage(Stage::Refining, Some(Stage::Mining), lce.clone())?;
/// b.add_production(Stage::Mining, c("AU")?, t(60.0)?)?.add_production(Stage::Mining, c("CL")?, t(40.0)?)?;
/// b.add_production(Stage::Refining, c("CN")?, t(80.0)?)?;
/// b.add_shipment(Stage::Refining, c("AU")?, c("CN")?, t(50.0)?)?;
/// b.add_shipment(Stage::Refining, c("CL")?, c("CN")?, t(30.0)?)?;
/// let net = b.build()?;
/// // market shares at a stage, by the crate's one share engine
/// let mining = net.production_shares(Stage::Mining)?;
/// assert_eq!(mining.share_of(&c("AU")?), Some(0.6));
/// // 62.5 % of China's refining input was mined in Australia
/// assert!((net.origin_share(Stage::Refining, c("CN")?, Stage::Mining, c("AU")?)? - 0.625).abs() < 1e-12);
/// // the network serializes as tidy tables and reads back through the builder's checks
/// let json = serde_json::to_string(&net)?;
/// assert!(json.contains(r#"{"stage":"mining","country":"AUS","output_t":60.0,"basis":"LCE"}"#));
/// assert_eq!(serde_json::from_str::<critical_minerals::chain::SupplyNetwork>(&json)?, net);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "NetworkWire", into = "NetworkWire")]
pub struct SupplyNetwork {
    pub(crate) nodes: Vec<StageNode>,
}

impl SupplyNetwork {
    /// The stages, upstream first (a topological order).
    pub fn stages(&self) -> Vec<Stage> {
        self.nodes.iter().map(|n| n.stage).collect()
    }

    pub(crate) fn position(&self, what: &str, stage: Stage) -> Result<usize> {
        self.nodes.iter().position(|n| n.stage == stage).ok_or_else(|| {
            Detail::UnknownNetworkStage { what: what.to_string(), stage: stage.name().to_string() }.into()
        })
    }

    /// The stage feeding `stage`, if any.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not in the network.
    pub fn upstream(&self, stage: Stage) -> Result<Option<Stage>> {
        let p = self.position("upstream query", stage)?;
        Ok(self.nodes[p].upstream.map(|u| self.nodes[u].stage))
    }

    /// The basis `stage`'s output is counted on.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not in the network.
    pub fn basis(&self, stage: Stage) -> Result<&Basis> {
        let p = self.position("basis query", stage)?;
        Ok(&self.nodes[p].basis)
    }

    /// Output by country at a stage (countries with output above zero), on the stage's basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not in the network.
    pub fn production(&self, stage: Stage) -> Result<&BTreeMap<Country, Amount>> {
        let p = self.position("production query", stage)?;
        Ok(&self.nodes[p].production)
    }

    /// Each country's share of the output at `stage` ([`Shares`] of the sum of the rows: ranked
    /// largest first, ties by country code; quantities in tonnes on the stage's basis).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not in the network.
    pub fn production_shares(&self, stage: Stage) -> Result<Shares<Country>> {
        let rows = self.production(stage)?.iter().map(|(c, a)| (*c, a));
        Shares::new(rows, Denominator::SumOfRows)
    }
}

/// One stage of the serialized network.
#[derive(Serialize, Deserialize)]
struct StageRow {
    stage: Stage,
    upstream: Option<Stage>,
    basis: Basis,
}

/// One producer at one stage, tonnes on the stage's basis.
#[derive(Serialize, Deserialize)]
struct ProductionRow {
    stage: Stage,
    country: Country,
    output_t: f64,
    basis: Basis,
}

/// One shipment into one stage, tonnes on the upstream stage's basis.
#[derive(Serialize, Deserialize)]
struct ShipmentRow {
    stage: Stage,
    exporter: Country,
    importer: Country,
    shipment_t: f64,
    basis: Basis,
}

/// The network as three tidy tables.
#[derive(Serialize, Deserialize)]
struct NetworkWire {
    stages: Vec<StageRow>,
    production: Vec<ProductionRow>,
    shipments: Vec<ShipmentRow>,
}

impl From<SupplyNetwork> for NetworkWire {
    fn from(net: SupplyNetwork) -> NetworkWire {
        let mut w = NetworkWire { stages: Vec::new(), production: Vec::new(), shipments: Vec::new() };
        for n in &net.nodes {
            w.stages.push(StageRow {
                stage: n.stage,
                upstream: n.upstream.map(|u| net.nodes[u].stage),
                basis: n.basis.clone(),
            });
            for (c, a) in &n.production {
                w.production.push(ProductionRow {
                    stage: n.stage,
                    country: *c,
                    output_t: a.in_tonnes(),
                    basis: a.basis().clone(),
                });
            }
            for ((e, i), a) in &n.shipments {
                w.shipments.push(ShipmentRow {
                    stage: n.stage,
                    exporter: *e,
                    importer: *i,
                    shipment_t: a.in_tonnes(),
                    basis: a.basis().clone(),
                });
            }
        }
        w
    }
}

impl TryFrom<NetworkWire> for SupplyNetwork {
    type Error = Error;
    fn try_from(w: NetworkWire) -> Result<SupplyNetwork> {
        let mut b = NetworkBuilder::new();
        for s in w.stages {
            b.add_stage(s.stage, s.upstream, s.basis)?;
        }
        for r in w.production {
            b.add_production(r.stage, r.country, Amount::tonnes(r.output_t, r.basis)?)?;
        }
        for r in w.shipments {
            b.add_shipment(r.stage, r.exporter, r.importer, Amount::tonnes(r.shipment_t, r.basis)?)?;
        }
        b.build().context("supply network read from its serialized form")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topological_order_finds_cycles() {
        assert_eq!(topological_order(&[None, Some(0), Some(1)]), Ok(vec![0, 1, 2]));
        assert_eq!(topological_order(&[Some(2), None, Some(1)]), Ok(vec![1, 2, 0]));
        let cycle = topological_order(&[Some(1), Some(0), None]).unwrap_err();
        assert_eq!(cycle.len(), 2);
        let mut tail = topological_order(&[Some(1), Some(2), Some(1)]).unwrap_err();
        tail.sort();
        assert_eq!(tail, vec![1, 2]);
        // 1 feeds 2, 2 feeds 0, 0 feeds 1: reported upstream first
        assert_eq!(topological_order(&[Some(2), Some(0), Some(1)]).unwrap_err(), vec![1, 2, 0]);
    }
}
