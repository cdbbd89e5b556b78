//! Cost curves: producers sorted by unit cost, with cumulative volume; the share of output that
//! costs more than a price ("under water"); the marginal producer at a demand level.
//!
//! # Formula
//!
//! Producers `p` with unit cost `c_p` and volume `v_p` are sorted by cost (a stable sort: equal
//! costs keep the input order). With `V = sum v_p`:
//!
//! ```text
//! cumulative volume   C_p = sum_{q <= p} v_q              (the curve's x axis, tonnes)
//! under water         U(price) = sum_{c_p > price} v_p / V (fraction in [0, 1], non-decreasing as price falls)
//! marginal producer   first p with C_p >= demand          (demand above V: Unmet, with the gap)
//! ```
//!
//! **Scale and units**: costs are plain `f64` in one currency per tonne of the curve's volume
//! basis, labelled by `currency` (an ISO 4217 code such as `"USD"`, or any label the user
//! chooses); the crate's `money` types are not used here so that any cost source can be plotted.
//! Volumes are tonnes (per year, for capacity curves) on one [`Basis`].
//!
//! **Source**: the data are the user's. Bloomberg News, "China's Lithium City Is a Front Line of the Battery Trade
//! War" (source `seed-003-yichun` in `data/sources.csv`),
//! reports that CRU found more than half of the lepidolite output it tracks operating at a loss:
//! that is `U(price) > 0.5` on such a curve.
//!
//! # Worked example
//!
//! ```
//! use critical_minerals::chain::cost_curve::{CostCurve, Marginal, Producer};
//! use critical_minerals::material::Basis;
//!
//! let curve = CostCurve::new("USD", Basis::lce(), vec![
//!     Producer::new("brine A", 6_000.0, 40_000.0)?,
//!     Producer::new("spodumene B", 9_000.0, 30_000.0)?,
//!     Producer::new("lepidolite C", 12_000.0, 30_000.0)?,
//! ])?;
//! // at a price of 10 000 USD/t, 30 kt of 100 kt cost more
//! assert!((curve.share_under_water(10_000.0)? - 0.3).abs() < 1e-12);
//! // 60 kt of demand reaches into the second block
//! assert!(matches!(curve.marginal(60_000.0)?, Marginal::Met { producer, .. } if producer.name == "spodumene B"));
//! assert!(matches!(curve.marginal(120_000.0)?, Marginal::Unmet { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::Error;
use crate::error::Detail;
use crate::material::Basis;

/// A producer (a company, a facility, a country) with its unit cost and volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Producer {
    /// Name.
    pub name: String,
    /// Unit cost in the curve's currency per tonne of its volume basis.
    pub unit_cost: f64,
    /// Volume, tonnes on the curve's basis.
    pub volume_t: f64,
}

impl Producer {
    /// A producer.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank name; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad cost or volume, naming the producer.
    pub fn new(name: &str, unit_cost: f64, volume_t: f64) -> Result<Producer, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Empty { what: "producer name".into() }.into());
        }
        for (what, v) in [("unit cost", unit_cost), ("volume", volume_t)] {
            let what = format!("{what} of producer {name:?}");
            if !v.is_finite() {
                return Err(Detail::NotFinite { what, value: v }.into());
            }
            if v < 0.0 {
                return Err(Detail::Negative { what, value: v }.into());
            }
        }
        Ok(Producer { name: name.to_string(), unit_cost, volume_t })
    }
}

/// A point of the curve: a producer and where its block sits on the cumulative volume axis.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvePoint {
    /// The producer.
    pub producer: Producer,
    /// Cumulative volume before this producer, tonnes.
    pub from_t: f64,
    /// Cumulative volume including this producer, tonnes.
    pub to_t: f64,
}

/// The marginal producer at a demand level.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Marginal {
    /// Demand is met; `producer` is the highest-cost producer needed, its cost sets the
    /// marginal cost.
    Met {
        /// The marginal producer.
        producer: Producer,
        /// Cumulative volume through the marginal producer, tonnes.
        cumulative_t: f64,
    },
    /// Demand exceeds the curve's total volume.
    Unmet {
        /// Total volume of the curve, tonnes.
        total_t: f64,
        /// Demand minus total volume, tonnes.
        gap_t: f64,
    },
}

/// A cost curve in one currency over volumes on one basis.
#[derive(Debug, Clone, PartialEq)]
pub struct CostCurve {
    currency: String,
    basis: Basis,
    points: Vec<CurvePoint>,
    total_t: f64,
}

impl CostCurve {
    /// A curve from producers (any order; sorted here, stably, by unit cost).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank currency or no producer; [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal)
    /// when all volumes are zero; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a name given twice.
    pub fn new(currency: &str, basis: Basis, producers: Vec<Producer>) -> Result<CostCurve, Error> {
        if currency.trim().is_empty() {
            return Err(Detail::Empty { what: "currency of the cost curve".into() }.into());
        }
        if producers.is_empty() {
            return Err(Detail::Empty { what: "producers of the cost curve".into() }.into());
        }
        let mut names = std::collections::BTreeSet::new();
        for p in &producers {
            // fields are public: check again, a struct literal skips Producer::new
            Producer::new(&p.name, p.unit_cost, p.volume_t)?;
            if !names.insert(p.name.as_str()) {
                return Err(
                    Detail::DuplicateKey { what: "producers of the cost curve".into(), key: p.name.clone() }.into()
                );
            }
        }
        let mut sorted = producers;
        sorted.sort_by(|a, b| a.unit_cost.total_cmp(&b.unit_cost));
        let mut cum = 0.0;
        let points: Vec<CurvePoint> = sorted
            .into_iter()
            .map(|p| {
                let from_t = cum;
                cum += p.volume_t;
                CurvePoint { producer: p, from_t, to_t: cum }
            })
            .collect();
        if cum <= 0.0 {
            return Err(Detail::ZeroTotal { what: "volumes of the cost curve".into() }.into());
        }
        Ok(CostCurve { currency: currency.trim().to_string(), basis, points, total_t: cum })
    }

    /// The currency label.
    pub fn currency(&self) -> &str {
        &self.currency
    }
    /// The volume basis.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }
    /// The points, cheapest first.
    pub fn points(&self) -> &[CurvePoint] {
        &self.points
    }
    /// Total volume, tonnes.
    pub fn total_t(&self) -> f64 {
        self.total_t
    }

    /// Fraction of total volume whose unit cost is strictly above `price`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a NaN or infinite price (a negative price is allowed:
    /// everything is then under water).
    pub fn share_under_water(&self, price: f64) -> Result<f64, Error> {
        if !price.is_finite() {
            return Err(Detail::NotFinite {
                what: format!("price ({} per t {})", self.currency, self.basis),
                value: price,
            }
            .into());
        }
        // fold from +0.0: an empty float sum is -0.0, which would print as "-0 %"
        let above =
            self.points.iter().filter(|p| p.producer.unit_cost > price).fold(0.0, |a, p| a + p.producer.volume_t);
        Ok(above / self.total_t)
    }

    /// The marginal producer at `demand_t` tonnes, or `Unmet` when demand exceeds the total.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a bad demand.
    pub fn marginal(&self, demand_t: f64) -> Result<Marginal, Error> {
        let what = || format!("demand (t {})", self.basis);
        if !demand_t.is_finite() {
            return Err(Detail::NotFinite { what: what(), value: demand_t }.into());
        }
        if demand_t <= 0.0 {
            return Err(Detail::NotPositive { what: what(), value: demand_t }.into());
        }
        let hit = self.points.iter().find(|p| p.producer.volume_t > 0.0 && p.to_t >= demand_t);
        Ok(match hit {
            Some(p) => Marginal::Met { producer: p.producer.clone(), cumulative_t: p.to_t },
            None => Marginal::Unmet { total_t: self.total_t, gap_t: demand_t - self.total_t },
        })
    }
}
