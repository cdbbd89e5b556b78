//! Cost curves: producers sorted by unit cost, with cumulative volume; the share of output that
//! costs more than a price ("under water"); the marginal producer at a demand level.
//!
//! # Formula
//!
//! Entries `p` (a company, a facility, a country) with unit cost `c_p` and volume `v_p` are
//! sorted by cost (a stable sort: equal costs keep the input order). With `V = sum v_p`:
//!
//! ```text
//! cumulative volume   C_p = sum_{q <= p} v_q              (the curve's x axis, tonnes)
//! under water         U(price) = sum_{c_p > price} v_p / V (fraction in [0, 1], non-decreasing as price falls)
//! marginal producer   first p with v_p > 0 and C_p >= demand   (demand above V: Unmet, with the gap)
//! ```
//!
//! **Scale and units**: unit costs are [`Price`]s (money per tonne on a basis, in one currency and
//! one price year) and volumes [`Amount`]s on the same basis; a curve takes its currency, price
//! year and basis from its first entry and refuses an entry, a price or a demand that differs
//! ([`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch)): convert first
//! ([`Price::convert_basis`], [`Amount::convert_to`]). The under-water share is a fraction.
//!
//! **Source**: the data are the user's. Bloomberg News, "China's Lithium City Is a Front Line of
//! the Battery Trade War" (source `seed-003-yichun` in `data/sources.csv`), reports that CRU found
//! more than half of the lepidolite output it tracks operating at a loss: that is
//! `U(price) > 0.5` on such a curve.
//!
//! **Serialized form**: one row per entry, in cost order, with its place on the volume axis:
//!
//! ```json
//! {"currency": "USD", "price_year": null, "basis": "LCE", "total_t": 100000.0,
//!  "points": [{"name": "brine A", "unit_cost_per_t": 6000.0, "currency": "USD", "price_year": null,
//!              "volume_t": 40000.0, "basis": "LCE", "from_t": 0.0, "to_t": 40000.0}, ...]}
//! ```
//!
//! # Worked example
//!
//! ```
//! use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry, Marginal};
//! use critical_minerals::material::{Amount, Basis};
//! use critical_minerals::money::{Currency, Price};
//!
//! let usd = |x| Price::per_tonne(x, Currency::USD, Basis::lce());
//! let t = |x| Amount::tonnes(x, Basis::lce());
//! let curve = CostCurve::new(vec![
//!     CostCurveEntry::new("brine A", usd(6_000.0)?, t(40_000.0)?)?,
//!     CostCurveEntry::new("spodumene B", usd(9_000.0)?, t(30_000.0)?)?,
//!     CostCurveEntry::new("lepidolite C", usd(12_000.0)?, t(30_000.0)?)?,
//! ])?;
//! // at a price of 10 000 USD/t LCE, 30 kt of 100 kt cost more
//! assert!((curve.share_under_water(&usd(10_000.0)?)? - 0.3).abs() < 1e-12);
//! // 60 kt of demand reaches into the second block
//! assert!(matches!(curve.marginal(&t(60_000.0)?)?, Marginal::Met { entry, .. } if entry.name() == "spodumene B"));
//! assert!(matches!(curve.marginal(&t(120_000.0)?)?, Marginal::Unmet { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::Detail;
use crate::material::{Amount, Basis};
use crate::money::{Currency, Price};
use crate::{Error, Result};

/// One block of a cost curve: a producer (a company, a facility, a country) with its unit cost
/// and volume, on one basis.
///
/// Serialized as one tidy row: `{"name", "unit_cost_per_t", "currency", "price_year", "volume_t",
/// "basis"}`; reading it back checks it like [`CostCurveEntry::new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "EntryRow", into = "EntryRow")]
pub struct CostCurveEntry {
    name: String,
    unit_cost: Price,
    volume: Amount,
}

impl CostCurveEntry {
    /// An entry: its unit cost and its volume, on the same basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank name;
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the volume is not on the price's
    /// basis, naming the entry.
    pub fn new(name: &str, unit_cost: Price, volume: Amount) -> Result<CostCurveEntry> {
        if name.trim().is_empty() {
            return Err(Detail::Empty { what: "name of a cost-curve entry".into() }.into());
        }
        if volume.basis() != unit_cost.basis() {
            return Err(Error::from(Detail::PriceBasisMismatch {
                price_basis: unit_cost.basis().to_string(),
                amount_basis: volume.basis().to_string(),
            })
            .context(format!("cost-curve entry {name:?}")));
        }
        Ok(CostCurveEntry { name: name.to_string(), unit_cost, volume })
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Unit cost, per tonne of the volume's basis.
    pub fn unit_cost(&self) -> &Price {
        &self.unit_cost
    }
    /// Volume.
    pub fn volume(&self) -> &Amount {
        &self.volume
    }
}

#[derive(Serialize, Deserialize)]
struct EntryRow {
    name: String,
    unit_cost_per_t: f64,
    currency: Currency,
    price_year: Option<i32>,
    volume_t: f64,
    basis: Basis,
}

impl From<CostCurveEntry> for EntryRow {
    fn from(e: CostCurveEntry) -> EntryRow {
        EntryRow {
            name: e.name,
            unit_cost_per_t: e.unit_cost.amount_per_tonne(),
            currency: e.unit_cost.currency(),
            price_year: e.unit_cost.price_year(),
            volume_t: e.volume.in_tonnes(),
            basis: e.volume.basis().clone(),
        }
    }
}

impl TryFrom<EntryRow> for CostCurveEntry {
    type Error = Error;
    fn try_from(r: EntryRow) -> Result<CostCurveEntry> {
        let mut price = Price::per_tonne(r.unit_cost_per_t, r.currency, r.basis.clone())?;
        if let Some(y) = r.price_year {
            price = price.with_price_year(y)?;
        }
        CostCurveEntry::new(&r.name, price, Amount::tonnes(r.volume_t, r.basis)?)
    }
}

/// A point of the curve: an entry and where its block sits on the cumulative volume axis.
///
/// Serialized as one tidy row: the entry's columns, then `"from_t"` and `"to_t"` on the entry's
/// basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PointRow", into = "PointRow")]
pub struct CurvePoint {
    entry: CostCurveEntry,
    from: Amount,
    to: Amount,
}

impl CurvePoint {
    /// The entry.
    pub fn entry(&self) -> &CostCurveEntry {
        &self.entry
    }
    /// Cumulative volume before this entry.
    pub fn from(&self) -> &Amount {
        &self.from
    }
    /// Cumulative volume including this entry.
    pub fn to(&self) -> &Amount {
        &self.to
    }
}

#[derive(Serialize, Deserialize)]
struct PointRow {
    #[serde(flatten)]
    entry: CostCurveEntry,
    from_t: f64,
    to_t: f64,
}

impl From<CurvePoint> for PointRow {
    fn from(p: CurvePoint) -> PointRow {
        PointRow { from_t: p.from.in_tonnes(), to_t: p.to.in_tonnes(), entry: p.entry }
    }
}

impl TryFrom<PointRow> for CurvePoint {
    type Error = Error;
    fn try_from(r: PointRow) -> Result<CurvePoint> {
        let basis = r.entry.volume.basis().clone();
        Ok(CurvePoint {
            from: Amount::tonnes(r.from_t, basis.clone())?,
            to: Amount::tonnes(r.to_t, basis)?,
            entry: r.entry,
        })
    }
}

/// The marginal producer at a demand level.
///
/// Serialized with a `"status"` of `"met"` or `"unmet"`, the entry as a row and masses as
/// `{"value", "unit", "basis"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Marginal {
    /// Demand is met; `entry` is the highest-cost entry needed, its cost sets the marginal cost.
    Met {
        /// The marginal entry.
        entry: CostCurveEntry,
        /// Cumulative volume through the marginal entry.
        cumulative: Amount,
    },
    /// Demand exceeds the curve's total volume.
    Unmet {
        /// Total volume of the curve.
        total: Amount,
        /// Demand minus total volume.
        gap: Amount,
    },
}

/// A cost curve in one currency and price year over volumes on one basis.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry, Marginal};
/// use critical_minerals::material::{Amount, Basis};
/// use critical_minerals::money::{Currency, Price};
///
/// let usd = |x| Price::per_tonne(x, Currency::USD, Basis::lce());
/// let t = |x| Amount::tonnes(x, Basis::lce());
/// let curve = CostCurve::new(vec![
///     CostCurveEntry::new("lepidolite", usd(12_000.0)?, t(30_000.0)?)?,
///     CostCurveEntry::new("brine", usd(6_000.0)?, t(40_000.0)?)?,
/// ])?;
/// assert_eq!(curve.points()[0].entry().name(), "brine"); // cheapest first
/// assert_eq!(curve.total(), &t(70_000.0)?);
/// match curve.marginal(&t(50_000.0)?)? {
///     Marginal::Met { entry, .. } => assert_eq!(entry.unit_cost(), &usd(12_000.0)?),
///     other => return Err(format!("{other:?}").into()),
/// }
/// // a price in another currency is refused, not compared
/// let eur = Price::per_tonne(9_000.0, Currency::EUR, Basis::lce())?;
/// assert!(curve.share_under_water(&eur).is_err());
/// let json = serde_json::to_string(&curve)?;
/// assert!(json.contains(r#"{"name":"brine","unit_cost_per_t":6000.0,"currency":"USD","price_year":null,"volume_t":40000.0,"basis":"LCE","from_t":0.0,"to_t":40000.0}"#));
/// assert_eq!(serde_json::from_str::<CostCurve>(&json)?, curve);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CurveWire", into = "CurveWire")]
pub struct CostCurve {
    points: Vec<CurvePoint>,
    total: Amount,
    /// the cheapest entry's unit cost: the curve's currency, price year and basis
    reference: Price,
}

impl CostCurve {
    /// A curve from entries (any order; sorted here, stably, by unit cost). The first entry sets
    /// the curve's currency, price year and basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no entry;
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for an entry in another currency,
    /// price year or basis, naming it; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for
    /// a name given twice; [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when all volumes
    /// are zero.
    pub fn new(entries: Vec<CostCurveEntry>) -> Result<CostCurve> {
        let Some(first) = entries.first() else {
            return Err(Detail::Empty { what: "entries of the cost curve".into() }.into());
        };
        let first_cost = first.unit_cost.clone();
        let mut names = BTreeSet::new();
        for e in &entries {
            e.unit_cost.try_cmp(&first_cost).map_err(|err| err.context(format!("cost-curve entry {:?}", e.name)))?;
            if !names.insert(e.name.as_str()) {
                return Err(
                    Detail::DuplicateKey { what: "entries of the cost curve".into(), key: e.name.clone() }.into()
                );
            }
        }
        let basis = first_cost.basis().clone();
        let mut sorted = entries;
        sorted.sort_by(|a, b| a.unit_cost.amount_per_tonne().total_cmp(&b.unit_cost.amount_per_tonne()));
        let mut cum = 0.0;
        let mut points = Vec::with_capacity(sorted.len());
        for entry in sorted {
            let from = cum;
            cum += entry.volume.in_tonnes();
            points.push(CurvePoint {
                entry,
                from: Amount::tonnes(from, basis.clone())?,
                to: Amount::tonnes(cum, basis.clone())?,
            });
        }
        if cum <= 0.0 {
            return Err(Detail::ZeroTotal { what: "volumes of the cost curve".into() }.into());
        }
        // the cheapest entry's cost: the same after a round trip through the sorted points
        let reference = points.first().map_or(first_cost, |p| p.entry.unit_cost.clone());
        Ok(CostCurve { points, total: Amount::tonnes(cum, basis)?, reference })
    }

    fn first_cost(&self) -> &Price {
        &self.reference
    }

    /// The currency of the unit costs.
    pub fn currency(&self) -> Currency {
        self.first_cost().currency()
    }
    /// The price year of the unit costs, if stated.
    pub fn price_year(&self) -> Option<i32> {
        self.first_cost().price_year()
    }
    /// The volume basis.
    pub fn basis(&self) -> &Basis {
        self.total.basis()
    }
    /// The points, cheapest first.
    pub fn points(&self) -> &[CurvePoint] {
        &self.points
    }
    /// Total volume.
    pub fn total(&self) -> &Amount {
        &self.total
    }

    /// Fraction of total volume whose unit cost is strictly above `price`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a price in another currency,
    /// price year or basis than the curve's.
    pub fn share_under_water(&self, price: &Price) -> Result<f64> {
        price.try_cmp(self.first_cost()).map_err(|e| e.context("price against the cost curve"))?;
        let p = price.amount_per_tonne();
        // fold from +0.0: an empty float sum is -0.0, which would print as "-0 %"
        let above = self
            .points
            .iter()
            .filter(|pt| pt.entry.unit_cost.amount_per_tonne() > p)
            .fold(0.0, |a, pt| a + pt.entry.volume.in_tonnes());
        Ok(above / self.total.in_tonnes())
    }

    /// The marginal entry at `demand`, or `Unmet` when demand exceeds the total.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a zero demand;
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a demand on another basis.
    pub fn marginal(&self, demand: &Amount) -> Result<Marginal> {
        if demand.basis() != self.basis() {
            return Err(Error::from(Detail::BasisMismatch {
                left: self.basis().to_string(),
                right: demand.basis().to_string(),
                operation: "compare",
            })
            .context("demand against the cost curve"));
        }
        let d = demand.in_tonnes();
        if d <= 0.0 {
            return Err(Detail::NotPositive { what: format!("demand (t {})", self.basis()), value: d }.into());
        }
        let hit = self.points.iter().find(|p| p.entry.volume.in_tonnes() > 0.0 && p.to.in_tonnes() >= d);
        Ok(match hit {
            Some(p) => Marginal::Met { entry: p.entry.clone(), cumulative: p.to.clone() },
            None => Marginal::Unmet {
                total: self.total.clone(),
                gap: Amount::tonnes(d - self.total.in_tonnes(), self.basis().clone())?,
            },
        })
    }
}

#[derive(Serialize, Deserialize)]
struct CurveWire {
    currency: Currency,
    price_year: Option<i32>,
    basis: Basis,
    total_t: f64,
    points: Vec<CurvePoint>,
}

impl From<CostCurve> for CurveWire {
    fn from(c: CostCurve) -> CurveWire {
        CurveWire {
            currency: c.currency(),
            price_year: c.price_year(),
            basis: c.basis().clone(),
            total_t: c.total.in_tonnes(),
            points: c.points,
        }
    }
}

impl TryFrom<CurveWire> for CostCurve {
    type Error = Error;
    fn try_from(w: CurveWire) -> Result<CostCurve> {
        let curve = CostCurve::new(w.points.into_iter().map(|p| p.entry).collect())?;
        if curve.currency() != w.currency || curve.price_year() != w.price_year || curve.basis() != &w.basis {
            return Err(Detail::InvalidRecord {
                what: "cost curve".into(),
                reason: format!(
                    "the curve says {} ({:?}) per t {} but its entries are in {} ({:?}) per t {}",
                    w.currency,
                    w.price_year,
                    w.basis,
                    curve.currency(),
                    curve.price_year(),
                    curve.basis()
                ),
            }
            .into());
        }
        Ok(curve)
    }
}
