//! Exposure through a multi-stage supply network: where the upstream steps of a country's output
//! happened.
//!
//! # Formula
//!
//! A network is a chain of stages (mining -> refining -> cells, say). At each stage `k` each
//! country `j` produces `P_k(j)`; `T_k(i, j)` is country `i`'s output of the upstream stage `u`
//! shipped to `j` as input to stage `k`. What `j` keeps of its own upstream output is
//! `D_u(j) = P_u(j) - sum_{i != j} T_k(j, i)`.
//!
//! Under **proportional sourcing** (a country's output at a stage mixes its inputs in proportion
//! to where they came from), the input-mix matrix of stage `k` is
//!
//! ```text
//! A_k(j, i) = w(i, j) / sum_i' w(i', j),    w(i, j) = T_k(i, j) for i != j,   w(j, j) = D_u(j)
//! ```
//!
//! (row `j`: a producer at `k`, column `i`: a producer at `u`; each row sums to 1). The share of
//! `j`'s stage-`k` output whose stage-`m` step (m upstream of k) happened in each country is the
//! row `e_j` times the product of the matrices along the chain:
//!
//! ```text
//! origin_{k<-m}(j) = e_j A_k A_{k-1} ... A_{m+1}
//! ```
//!
//! For a region, the rows of its member producers are averaged with weights `P_k(j)`.
//!
//! **Scale**: shares are fractions in [0, 1] that sum to 1 over origin countries. Tonnages may be
//! on any one basis per stage (the shares do not depend on it), but within a stage production and
//! shipments must be on the same basis.
//!
//! **Source**: the method is the input-output attribution used for supply-chain exposure
//! (proportionality assumption); the numbers are the user's.
//!
//! # Worked example (the network of the tests)
//!
//! Mining: Australia 60, Chile 40. Refining: China 80 (imports Australia 50, Chile 30), Korea 20
//! (imports Australia 10, Chile 10). Cells: China 50, Korea 30; Korea imports 15 of China's
//! refined output and keeps its own 20. Korea's cell inputs: 20 Korean + 15 Chinese, so
//! `15 / 35 = 42.9 %` of Korea's cell output was refined in China.
//!
//! ```
//! use critical_minerals::chain::network::NetworkBuilder;
//! use critical_minerals::geo::Country;
//!
//! let c = |s| Country::from_code(s);
//! let mut b = NetworkBuilder::new();
//! b.add_stage("mining", None)?;
//! b.add_stage("refining", Some("mining"))?;
//! b.add_stage("cells", Some("refining"))?;
//! b.add_production("mining", c("AU")?, 60.0)?;
//! b.add_production("mining", c("CL")?, 40.0)?;
//! b.add_production("refining", c("CN")?, 80.0)?;
//! b.add_production("refining", c("KR")?, 20.0)?;
//! b.add_production("cells", c("CN")?, 50.0)?;
//! b.add_production("cells", c("KR")?, 30.0)?;
//! for (from, to, t) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
//!     b.add_shipment("refining", c(from)?, c(to)?, t)?;
//! }
//! b.add_shipment("cells", c("CN")?, c("KR")?, 15.0)?;
//! let net = b.build()?;
//! let refined_in_china = net.origin_share("cells", c("KR")?, "refining", c("CN")?)?;
//! assert!((refined_in_china - 15.0 / 35.0).abs() < 1e-12);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use super::network::{OriginShares, SupplyNetwork};
use crate::Error;
use crate::error::Detail;
use crate::geo::{Country, Region};

impl SupplyNetwork {
    /// Share of `country`'s output at `stage` whose `origin_stage` step happened in each
    /// country: `e_j A_k ... A_{m+1}`. With `origin_stage == stage` the answer is the country
    /// itself.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown), [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when `origin_stage` is
    /// not `stage` or upstream of it, [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when the country does not
    /// produce at `stage`.
    pub fn origin_shares(&self, stage: &str, country: Country, origin_stage: &str) -> Result<OriginShares, Error> {
        let p = self.position("exposure query", stage)?;
        if !self.nodes[p].production.contains_key(&country) {
            return Err(Detail::NoOutput { who: country.alpha3().to_string(), stage: stage.to_string() }.into());
        }
        self.propagate(p, BTreeMap::from([(country, 1.0)]), origin_stage)
    }

    fn propagate(&self, mut p: usize, mut v: OriginShares, origin_stage: &str) -> Result<OriginShares, Error> {
        let m = self.position("origin stage", origin_stage)?;
        let stage = self.nodes[p].name.clone();
        while p != m {
            let Some(u) = self.nodes[p].upstream else {
                return Err(Detail::NotUpstream { stage, origin: origin_stage.to_string() }.into());
            };
            let mut next: OriginShares = BTreeMap::new();
            for (c, w) in &v {
                for (o, s) in self.mix_at(p, *c)? {
                    *next.entry(o).or_insert(0.0) += w * s;
                }
            }
            v = next;
            p = u;
        }
        Ok(v)
    }

    /// The share of `country`'s `stage` output whose `origin_stage` step happened in
    /// `origin_country` (0 when none did): "the share of Korea's cell output refined in China".
    ///
    /// # Errors
    ///
    /// As [`SupplyNetwork::origin_shares`].
    pub fn origin_share(
        &self,
        stage: &str,
        country: Country,
        origin_stage: &str,
        origin_country: Country,
    ) -> Result<f64, Error> {
        Ok(self.origin_shares(stage, country, origin_stage)?.get(&origin_country).copied().unwrap_or(0.0))
    }

    /// Origin shares of a region's output at `stage`: the members' shares weighted by their
    /// output at `stage`.
    ///
    /// # Errors
    ///
    /// As [`SupplyNetwork::origin_shares`], and [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when no member
    /// produces at `stage`.
    pub fn region_origin_shares(
        &self,
        stage: &str,
        region: &Region,
        origin_stage: &str,
    ) -> Result<OriginShares, Error> {
        let p = self.position("exposure query", stage)?;
        let members: Vec<(Country, f64)> =
            self.nodes[p].production.iter().filter(|(c, _)| region.contains(**c)).map(|(c, t)| (*c, *t)).collect();
        let total: f64 = members.iter().map(|(_, t)| t).sum();
        if members.is_empty() || total <= 0.0 {
            return Err(Detail::NoOutput { who: region.name().to_string(), stage: stage.to_string() }.into());
        }
        let v: OriginShares = members.into_iter().map(|(c, t)| (c, t / total)).collect();
        self.propagate(p, v, origin_stage)
    }
}
