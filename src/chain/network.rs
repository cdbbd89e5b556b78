//! [`SupplyNetwork`]: stages, each country's output at each stage, and the shipments between
//! them; built and checked by [`NetworkBuilder`]. The calculators that read it are
//! [`exposure`](super::exposure) and [`disruption`](super::disruption).

use std::collections::BTreeMap;

use crate::Error;
use crate::error::Detail;
use crate::geo::Country;
use crate::validate::non_negative;

#[derive(Debug, Clone, PartialEq)]
struct RawStage {
    name: String,
    upstream: Option<String>,
    production: BTreeMap<Country, f64>,
    /// (exporter, importer) -> tonnes of the upstream output shipped for this stage's input
    shipments: BTreeMap<(Country, Country), f64>,
}

/// Collects stages, production and shipments; [`NetworkBuilder::build`] checks them and gives a
/// [`SupplyNetwork`].
///
/// Every `add_` method checks its own row (a known stage, a finite non-negative tonnage, no
/// duplicate) and names the row in its error; `build` checks the network as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkBuilder {
    stages: Vec<RawStage>,
}

impl NetworkBuilder {
    /// An empty network.
    pub fn new() -> NetworkBuilder {
        NetworkBuilder::default()
    }

    fn stage_mut(&mut self, what: &str, stage: &str) -> Result<&mut RawStage, Error> {
        self.stages
            .iter_mut()
            .find(|s| s.name == stage)
            .ok_or_else(|| Detail::UnknownNetworkStage { what: what.to_string(), stage: stage.to_string() }.into())
    }

    /// Adds a stage fed by `upstream` (`None` for a first stage such as mining). The upstream
    /// stage may be added later; `build` checks it exists.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank name, [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a name
    /// added twice.
    pub fn add_stage(&mut self, name: &str, upstream: Option<&str>) -> Result<&mut Self, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Empty { what: "stage name".into() }.into());
        }
        if self.stages.iter().any(|s| s.name == name) {
            return Err(Detail::DuplicateKey { what: "stages".into(), key: name.to_string() }.into());
        }
        self.stages.push(RawStage {
            name: name.to_string(),
            upstream: upstream.map(str::to_string),
            production: BTreeMap::new(),
            shipments: BTreeMap::new(),
        });
        Ok(self)
    }

    /// Adds a country's output at a stage.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown), [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite), [`ErrorKind::Negative`](crate::ErrorKind::Negative),
    /// or [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) when the country already has output at the stage.
    pub fn add_production(&mut self, stage: &str, country: Country, tonnes: f64) -> Result<&mut Self, Error> {
        let what = || format!("production of {} at stage {stage:?}", country.alpha3());
        let t = non_negative(what, tonnes)?;
        let s = self.stage_mut(&what(), stage)?;
        if s.production.insert(country, t).is_some() {
            return Err(Detail::DuplicateKey {
                what: format!("production at stage {stage:?}"),
                key: country.alpha3().to_string(),
            }
            .into());
        }
        Ok(self)
    }

    /// Adds a shipment of `exporter`'s upstream output to `importer`, as input to `stage` (the
    /// receiving stage). What a country keeps of its own upstream output is implied (output
    /// minus shipments), so `exporter` and `importer` must differ.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown), [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite), [`ErrorKind::Negative`](crate::ErrorKind::Negative),
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a pair given twice or a country shipping to itself.
    pub fn add_shipment(
        &mut self,
        stage: &str,
        exporter: Country,
        importer: Country,
        tonnes: f64,
    ) -> Result<&mut Self, Error> {
        let what = || format!("shipment {} -> {} for stage {stage:?}", exporter.alpha3(), importer.alpha3());
        let t = non_negative(what, tonnes)?;
        if exporter == importer {
            return Err(Detail::DuplicateKey {
                what: format!("shipments for stage {stage:?} (own use is implied by own output)"),
                key: format!("{} -> {}", exporter.alpha3(), importer.alpha3()),
            }
            .into());
        }
        let s = self.stage_mut(&what(), stage)?;
        if s.shipments.insert((exporter, importer), t).is_some() {
            return Err(Detail::DuplicateKey {
                what: format!("shipments for stage {stage:?}"),
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
    /// - [`ErrorKind::Unknown`](crate::ErrorKind::Unknown): an upstream stage that is not defined;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a stage feeding two stages;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): upstream links that loop;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a stage with no output above zero;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a country shipping more than it produced;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a shipment to a country with no output at the
    ///   receiving stage (or from one with no upstream output);
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent): a producer with neither own upstream output nor imports.
    pub fn build(&self) -> Result<SupplyNetwork, Error> {
        if self.stages.is_empty() {
            return Err(Detail::Empty { what: "stages of the supply network".into() }.into());
        }
        let index: BTreeMap<&str, usize> = self.stages.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect();
        let mut upstream = Vec::with_capacity(self.stages.len());
        for s in &self.stages {
            upstream.push(match &s.upstream {
                None => None,
                Some(u) => Some(*index.get(u.as_str()).ok_or_else(|| Detail::UnknownNetworkStage {
                    what: format!("upstream of stage {:?}", s.name),
                    stage: u.clone(),
                })?),
            });
        }
        let order = topological_order(&upstream)
            .map_err(|cycle| Detail::Cycle { stages: cycle.iter().map(|&i| self.stages[i].name.clone()).collect() })?;
        let mut downstream: Vec<Option<usize>> = vec![None; self.stages.len()];
        for (k, u) in upstream.iter().enumerate() {
            if let Some(u) = *u {
                if let Some(first) = downstream[u] {
                    return Err(Detail::StageBranches {
                        stage: self.stages[u].name.clone(),
                        first: self.stages[first].name.clone(),
                        second: self.stages[k].name.clone(),
                    }
                    .into());
                }
                downstream[u] = Some(k);
            }
        }
        let mut nodes: Vec<StageNode> = Vec::with_capacity(self.stages.len());
        for &k in &order {
            let s = &self.stages[k];
            let production: BTreeMap<Country, f64> =
                s.production.iter().filter(|(_, t)| **t > 0.0).map(|(c, t)| (*c, *t)).collect();
            if production.is_empty() {
                return Err(Detail::NoProducers { stage: s.name.clone() }.into());
            }
            nodes.push(StageNode {
                name: s.name.clone(),
                upstream: None,
                downstream: None,
                production,
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
            let raw = &self.stages[order[p]];
            let Some(u) = nodes[p].upstream else {
                if let Some(((e, i), _)) = raw.shipments.iter().next() {
                    return Err(Detail::UnknownNetworkStage {
                        what: format!("shipment {} -> {} into first stage {:?}", e.alpha3(), i.alpha3(), raw.name),
                        stage: "(no upstream stage)".into(),
                    }
                    .into());
                }
                continue;
            };
            let up_name = nodes[u].name.clone();
            let up_prod = nodes[u].production.clone();
            let mut shipped: BTreeMap<Country, f64> = BTreeMap::new();
            let mut inputs: BTreeMap<Country, BTreeMap<Country, f64>> = BTreeMap::new();
            for (&(e, i), &t) in &raw.shipments {
                if t == 0.0 {
                    continue;
                }
                let not_producing = |who: Country| Detail::ImporterNotProducing {
                    stage: raw.name.clone(),
                    upstream: up_name.clone(),
                    exporter: e.alpha3().to_string(),
                    importer: who.alpha3().to_string(),
                };
                if !nodes[p].production.contains_key(&i) {
                    return Err(not_producing(i).into());
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
            for (c, _) in nodes[p].production.clone() {
                let kept = up_prod.get(&c).copied().unwrap_or(0.0) - shipped.get(&c).copied().unwrap_or(0.0);
                if kept > 0.0 {
                    inputs.entry(c).or_default().insert(c, kept);
                }
                if inputs.get(&c).is_none_or(|m| m.values().sum::<f64>() <= 0.0) {
                    return Err(Detail::NoInputs {
                        stage: raw.name.clone(),
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
fn topological_order(upstream: &[Option<usize>]) -> Result<Vec<usize>, Vec<usize>> {
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
    pub(crate) name: String,
    pub(crate) upstream: Option<usize>,
    pub(crate) downstream: Option<usize>,
    /// producers with output above zero
    pub(crate) production: BTreeMap<Country, f64>,
    /// importer -> origin (producer at the upstream stage) -> tonnes, own use included
    pub(crate) inputs: BTreeMap<Country, BTreeMap<Country, f64>>,
}

/// A checked supply network: stages in chain order, with each producer's input mix.
///
/// Built by [`NetworkBuilder::build`]; see the [module documentation](self) for the formula and
/// a worked example.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyNetwork {
    pub(crate) nodes: Vec<StageNode>,
}

/// Origin shares: country -> fraction in [0, 1], summing to 1.
pub type OriginShares = BTreeMap<Country, f64>;

impl SupplyNetwork {
    /// Stage names, upstream first (a topological order).
    pub fn stages(&self) -> Vec<&str> {
        self.nodes.iter().map(|n| n.name.as_str()).collect()
    }

    pub(crate) fn position(&self, what: &str, stage: &str) -> Result<usize, Error> {
        self.nodes
            .iter()
            .position(|n| n.name == stage)
            .ok_or_else(|| Detail::UnknownNetworkStage { what: what.to_string(), stage: stage.to_string() }.into())
    }

    /// Output by country at a stage (countries with output above zero).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown).
    pub fn production(&self, stage: &str) -> Result<&BTreeMap<Country, f64>, Error> {
        let p = self.position("production query", stage)?;
        Ok(&self.nodes[p].production)
    }

    /// The input mix of `country` at `stage`: the share of its input from each producer of the
    /// upstream stage (a row of `A_k`). For a first stage, the country itself with share 1.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown), or [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when the country does not
    /// produce at the stage.
    pub fn input_mix(&self, stage: &str, country: Country) -> Result<OriginShares, Error> {
        let p = self.position("input-mix query", stage)?;
        self.mix_at(p, country)
    }

    pub(crate) fn mix_at(&self, p: usize, country: Country) -> Result<OriginShares, Error> {
        let node = &self.nodes[p];
        if !node.production.contains_key(&country) {
            return Err(Detail::NoOutput { who: country.alpha3().to_string(), stage: node.name.clone() }.into());
        }
        if node.upstream.is_none() {
            return Ok(BTreeMap::from([(country, 1.0)]));
        }
        let row = node.inputs.get(&country).cloned().unwrap_or_default();
        let total: f64 = row.values().sum();
        Ok(row.into_iter().map(|(c, t)| (c, t / total)).collect())
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
