//! Exposure through a supply network: where the upstream steps of a country's (or a region's)
//! output happened.
//!
//! # Formula
//!
//! On a [`SupplyNetwork`] (see [`network`](super::network) for `P`, `T` and the input weights
//! `w`), under **proportional sourcing** (a country's output at a stage mixes its inputs in
//! proportion to where they came from) the input-mix matrix of stage `k` is
//!
//! ```text
//! A_k(j, i) = w(i, j) / sum_i' w(i', j),    w(i, j) = T_k(i, j) for i != j,   w(j, j) = D_u(j)
//! ```
//!
//! (row `j`: a producer at `k`, column `i`: a producer at the upstream stage `u`; each row sums
//! to 1). The fraction of `j`'s stage-`k` output whose stage-`m` step (`m` upstream of `k`)
//! happened in each country is the row `e_j` times the product of the matrices along the chain,
//! and the output attributed to each origin `o` is that fraction of `j`'s output:
//!
//! ```text
//! origin_{k<-m}(j) = e_j A_k A_{k-1} ... A_{m+1},      attributed_o = P_k(j) x origin_{k<-m}(j)_o
//! ```
//!
//! For a region, the rows of its member producers are weighted by their output `P_k(j)` and the
//! attributed output is that of the members together. The shares reported are the attributed
//! outputs as [`Shares`] of their sum: the crate's one share engine, ranked largest first, ties
//! by country code.
//!
//! **Scale**: shares are fractions in `[0, 1]` that sum to 1 over origin countries; attributed
//! outputs are tonnes on the basis of the queried stage (the basis of the origin stage does not
//! enter: the shares do not depend on it).
//!
//! **Source**: the method is the input-output attribution used for supply-chain exposure
//! (proportionality assumption); the numbers are the user's.
//!
//! # Worked example (the network of the tests)
//!
//! Mining: Australia 60, Chile 40. Refining: China 80 (imports Australia 50, Chile 30), Korea 20
//! (imports Australia 10, Chile 10). Cells: China 50, Korea 30; Korea imports 15 of China's
//! refined output and keeps its own 20. Korea's cell inputs: 20 Korean + 15 Chinese, so
//! `15 / 35 = 42.9 %` of Korea's cell output was refined in China: 12.9 of its 30 t.
//!
//! ```
//! use critical_minerals::chain::{NetworkBuilder, Stage};
//! use critical_minerals::geo::Country;
//! use critical_minerals::material::{Amount, Basis, Element};
//!
//! let li = Basis::contained(Element::Li);
//! let t = |x| Amount::tonnes(x, li.clone());
//! let c = Country::from_code;
//! let mut b = NetworkBuilder::new();
//! b.add_stage(Stage::Mining, None, li.clone())?;
//! b.add_stage(Stage::Refining, Some(Stage::Mining), li.clone())?;
//! b.add_stage(Stage::Cells, Some(Stage::Refining), li.clone())?;
//! for (stage, k, x) in [
//!     (Stage::Mining, "AU", 60.0), (Stage::Mining, "CL", 40.0),
//!     (Stage::Refining, "CN", 80.0), (Stage::Refining, "KR", 20.0),
//!     (Stage::Cells, "CN", 50.0), (Stage::Cells, "KR", 30.0),
//! ] {
//!     b.add_production(stage, c(k)?, t(x)?)?;
//! }
//! for (from, to, x) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
//!     b.add_shipment(Stage::Refining, c(from)?, c(to)?, t(x)?)?;
//! }
//! b.add_shipment(Stage::Cells, c("CN")?, c("KR")?, t(15.0)?)?;
//! let net = b.build()?;
//! let korea = net.exposure(Stage::Cells, c("KR")?, Stage::Refining)?;
//! assert!((korea.share_of(c("CN")?) - 15.0 / 35.0).abs() < 1e-12);
//! let cn = korea.origins().get(&c("CN")?).ok_or("no CN row")?;
//! assert!((cn.quantity() - 30.0 * 15.0 / 35.0).abs() < 1e-12); // t Li of Korea's cells
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Stage;
use super::network::SupplyNetwork;
use crate::error::Detail;
use crate::geo::{Country, Region};
use crate::material::{Amount, Basis};
use crate::stats::share::{Denominator, Shares};
use crate::{Error, Result};

/// Whose output an [`Exposure`] is about.
///
/// Serialized as `{"country": "KOR"}` or `{"region": "EU-27"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Holder {
    /// One country's output.
    Country(Country),
    /// The output of a region's members together, by the region's name.
    Region(String),
}

/// Where the `origin_stage` step of some output at `stage` happened: the output attributed to
/// each origin country, and its share.
///
/// Built by [`SupplyNetwork::exposure`], [`SupplyNetwork::region_exposure`] and
/// [`SupplyNetwork::input_mix`]; see the [module documentation](self) for the formula.
///
/// Serialized with one row per origin country:
/// `{"stage": "cells", "country": "KOR", "origin_stage": "refining", "output_t": 30.0, "basis": "Li",
/// "origins": [{"origin_country": "KOR", "attributed_t": 17.1, "share": 0.571}, ...]}` (with
/// `"region": name` instead of `"country"` for a region).
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::{NetworkBuilder, Stage};
/// use critical_minerals::chain::exposure::Holder;
/// use critical_minerals::geo::Country;
/// use critical_minerals::material::{Amount, Basis};
///
/// let t = |x| Amount::tonnes(x, Basis::lce());
/// let (au, cl, cn) = (Country::from_code("AU")?, Country::from_code("CL")?, Country::from_code("CN")?);
/// let mut b = NetworkBuilder::new();
/// b.add_stage(Stage::Mining, None, Basis::lce())?.add_stage(Stage::Refining, Some(Stage::Mining), Basis::lce())?;
/// b.add_production(Stage::Mining, au, t(60.0)?)?.add_production(Stage::Mining, cl, t(40.0)?)?;
/// b.add_production(Stage::Refining, cn, t(80.0)?)?;
/// b.add_shipment(Stage::Refining, au, cn, t(50.0)?)?.add_shipment(Stage::Refining, cl, cn, t(30.0)?)?;
/// let e = b.build()?.exposure(Stage::Refining, cn, Stage::Mining)?;
/// assert_eq!(e.holder(), &Holder::Country(cn));
/// assert_eq!(e.origins().entries()[0].key(), &au); // ranked: largest first
/// assert_eq!(e.share_of(au), 0.625);
/// assert_eq!(e.share_of(Country::from_code("US")?), 0.0); // none of it came from there
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ExposureWire", into = "ExposureWire")]
pub struct Exposure {
    stage: Stage,
    holder: Holder,
    origin_stage: Stage,
    output: Amount,
    origins: Shares<Country>,
}

impl Exposure {
    /// The stage whose output is traced.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// Whose output it is.
    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// The stage whose location is reported.
    pub fn origin_stage(&self) -> Stage {
        self.origin_stage
    }

    /// The output traced (of the country, or of the region's members together), on the basis of
    /// [`Exposure::stage`].
    pub fn output(&self) -> &Amount {
        &self.output
    }

    /// The output attributed to each origin country (quantities in tonnes on the output's basis)
    /// and its share, ranked largest first, ties by country code.
    pub fn origins(&self) -> &Shares<Country> {
        &self.origins
    }

    /// The share of the output whose `origin_stage` step happened in `origin`, a fraction; `0.0`
    /// when none of it did (under proportional sourcing an absent origin contributed nothing).
    pub fn share_of(&self, origin: Country) -> f64 {
        self.origins.share_of(&origin).unwrap_or(0.0)
    }
}

/// Origin fractions: country -> fraction of the traced output.
type Mix = BTreeMap<Country, f64>;

impl SupplyNetwork {
    /// The input mix of `country` at `stage`: the share of its input from each producer of the
    /// upstream stage (a row of `A_k`), as an [`Exposure`] to the upstream stage. For a first
    /// stage, the country itself with share 1.
    ///
    /// # Errors
    ///
    /// As [`SupplyNetwork::exposure`].
    pub fn input_mix(&self, stage: Stage, country: Country) -> Result<Exposure> {
        let origin = self.upstream(stage)?.unwrap_or(stage);
        self.exposure(stage, country, origin)
    }

    /// Row `country` of `A_p`: its input fractions by upstream producer.
    fn mix_at(&self, p: usize, country: Country) -> Result<Mix> {
        let node = &self.nodes[p];
        if !node.production.contains_key(&country) {
            return Err(
                Detail::NoOutput { who: country.alpha3().to_string(), stage: node.stage.name().to_string() }.into()
            );
        }
        if node.upstream.is_none() {
            return Ok(BTreeMap::from([(country, 1.0)]));
        }
        let row = node.inputs.get(&country).cloned().unwrap_or_default();
        let total: f64 = row.values().sum();
        Ok(row.into_iter().map(|(c, t)| (c, t / total)).collect())
    }

    /// Where the `origin_stage` step of `country`'s output at `stage` happened:
    /// `e_j A_k ... A_{m+1}`, with the output attributed to each origin. With
    /// `origin_stage == stage` the answer is the country itself.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a stage not in the network,
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when `origin_stage` is not
    /// `stage` or upstream of it, or when the country does not produce at `stage`.
    pub fn exposure(&self, stage: Stage, country: Country, origin_stage: Stage) -> Result<Exposure> {
        let p = self.position("exposure query", stage)?;
        let Some(output) = self.nodes[p].production.get(&country) else {
            return Err(Detail::NoOutput { who: country.alpha3().to_string(), stage: stage.name().to_string() }.into());
        };
        let v = self.propagate(p, BTreeMap::from([(country, 1.0)]), origin_stage)?;
        finish(stage, Holder::Country(country), origin_stage, output.clone(), v)
    }

    /// Where the `origin_stage` step of the output of `region`'s members at `stage` happened:
    /// the members' rows weighted by their output at `stage`.
    ///
    /// # Errors
    ///
    /// As [`SupplyNetwork::exposure`], and [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent)
    /// when no member produces at `stage`.
    pub fn region_exposure(&self, stage: Stage, region: &Region, origin_stage: Stage) -> Result<Exposure> {
        let p = self.position("exposure query", stage)?;
        let node = &self.nodes[p];
        let members: Vec<(Country, &Amount)> =
            node.production.iter().filter(|(c, _)| region.contains(**c)).map(|(c, a)| (*c, a)).collect();
        if members.is_empty() {
            return Err(Detail::NoOutput { who: region.name().to_string(), stage: stage.name().to_string() }.into());
        }
        // summed in tonnes (all members are on the stage's basis, checked by the builder)
        let total: f64 = members.iter().map(|(_, a)| a.in_tonnes()).sum();
        let output = Amount::tonnes(total, node.basis.clone())?;
        let v: Mix = members.iter().map(|(c, a)| (*c, a.in_tonnes() / total)).collect();
        let v = self.propagate(p, v, origin_stage)?;
        finish(stage, Holder::Region(region.name().to_string()), origin_stage, output, v)
    }

    /// The share of `country`'s `stage` output whose `origin_stage` step happened in
    /// `origin_country` (0 when none did): "the share of Korea's cell output refined in China".
    ///
    /// # Errors
    ///
    /// As [`SupplyNetwork::exposure`].
    pub fn origin_share(
        &self,
        stage: Stage,
        country: Country,
        origin_stage: Stage,
        origin_country: Country,
    ) -> Result<f64> {
        Ok(self.exposure(stage, country, origin_stage)?.share_of(origin_country))
    }

    fn propagate(&self, mut p: usize, mut v: Mix, origin_stage: Stage) -> Result<Mix> {
        let m = self.position("origin stage", origin_stage)?;
        let stage = self.nodes[p].stage;
        while p != m {
            let Some(u) = self.nodes[p].upstream else {
                return Err(Detail::NotUpstream {
                    stage: stage.name().to_string(),
                    origin: origin_stage.name().to_string(),
                }
                .into());
            };
            let mut next: Mix = BTreeMap::new();
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
}

/// The exposure from origin fractions `v` of `output`.
fn finish(stage: Stage, holder: Holder, origin_stage: Stage, output: Amount, v: Mix) -> Result<Exposure> {
    let out_t = output.in_tonnes();
    let origins = Shares::new(v.into_iter().map(|(c, f)| (c, out_t * f)), Denominator::SumOfRows)?;
    Ok(Exposure { stage, holder, origin_stage, output, origins })
}

/// One origin country of an exposure.
#[derive(Serialize, Deserialize)]
struct OriginRow {
    origin_country: Country,
    attributed_t: f64,
    share: f64,
}

#[derive(Serialize, Deserialize)]
struct ExposureWire {
    stage: Stage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<Country>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    origin_stage: Stage,
    output_t: f64,
    basis: Basis,
    origins: Vec<OriginRow>,
}

impl From<Exposure> for ExposureWire {
    fn from(e: Exposure) -> ExposureWire {
        let (country, region) = match e.holder {
            Holder::Country(c) => (Some(c), None),
            Holder::Region(r) => (None, Some(r)),
        };
        ExposureWire {
            stage: e.stage,
            country,
            region,
            origin_stage: e.origin_stage,
            output_t: e.output.in_tonnes(),
            basis: e.output.basis().clone(),
            origins: e
                .origins
                .iter()
                .map(|r| OriginRow { origin_country: *r.key(), attributed_t: r.quantity(), share: r.share() })
                .collect(),
        }
    }
}

impl TryFrom<ExposureWire> for Exposure {
    type Error = Error;
    fn try_from(w: ExposureWire) -> Result<Exposure> {
        let holder = match (w.country, w.region) {
            (Some(c), None) => Holder::Country(c),
            (None, Some(r)) => Holder::Region(r),
            _ => {
                return Err(Detail::InvalidRecord {
                    what: "exposure".into(),
                    reason: "expected exactly one of \"country\" and \"region\"".into(),
                }
                .into());
            }
        };
        let output = Amount::tonnes(w.output_t, w.basis)?;
        let origins =
            Shares::new(w.origins.into_iter().map(|r| (r.origin_country, r.attributed_t)), Denominator::SumOfRows)?;
        Ok(Exposure { stage: w.stage, holder, origin_stage: w.origin_stage, output, origins })
    }
}
