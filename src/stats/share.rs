//! Shares: from (key, quantity) rows to fractions of a stated denominator.
//!
//! # Formula
//!
//! For rows `(kᵢ, qᵢ)` with `qᵢ ≥ 0` and row sum `R = Σ qᵢ > 0`:
//!
//! - [`Denominator::SumOfRows`]: `sᵢ = qᵢ / R`. The shares sum to 1.
//! - [`Denominator::PublishedTotal(T)`](Denominator::PublishedTotal) with `T ≥ R`: `sᵢ = qᵢ / T`,
//!   and the rest `u = (T − R) / T` is reported as an explicit [`Unallocated`] remainder (withheld
//!   producers, unlisted countries, rounding of the total). `Σ sᵢ + u = 1`.
//!
//! # Scale
//!
//! Shares are fractions in `[0, 1]` ([`ShareEntry::share`]); [`ShareEntry::percent`] gives
//! percent. Quantities are in the weight's canonical unit (see [`Weight`]): tonnes for masses and
//! [`Amount`](crate::material::Amount)s.
//!
//! # Source and worked example
//!
//! USGS, Mineral Commodity Summaries 2025, Lithium (pp. 110–111), world mine production 2024, t of
//! contained lithium. The country rows sum to 235,380 t; the published world total, rounded and
//! excluding withheld U.S. production, is 240,000 t. Australia's 88,000 t is 36.7 % of the
//! published total and 37.4 % of the rows; 4,620 t (1.9 %) of the published total is unallocated.
//!
//! ```
//! use critical_minerals::stats::share::{Denominator, Shares};
//!
//! let rows = [
//!     ("Argentina", 18_000.0), ("Australia", 88_000.0), ("Brazil", 10_000.0),
//!     ("Canada", 4_300.0), ("Chile", 49_000.0), ("China", 41_000.0), ("Namibia", 2_700.0),
//!     ("Portugal", 380.0), ("Zimbabwe", 22_000.0),
//! ];
//! let world = Shares::new(rows, Denominator::PublishedTotal(240_000.0))?;
//! assert!((world.share_of("Australia").unwrap() - 0.3667).abs() < 5e-5);
//! let rest = world.unallocated().unwrap();
//! assert_eq!(rest.quantity(), 4_620.0);
//! assert!((rest.share() - 0.01925).abs() < 1e-12);
//!
//! let listed = Shares::new(rows, Denominator::SumOfRows)?;
//! assert!((listed.share_of("Australia").unwrap() - 0.3739).abs() < 5e-5);
//! assert_eq!(listed.rank("Chile"), Some(2));
//! assert!(listed.unallocated().is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Design decisions
//!
//! - **Denominator.** Always chosen by the caller and stated by the result
//!   ([`Shares::denominator`]). A published total *below* the rows' sum is an error
//!   ([`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent)): shares of it would add up to more than 100 %. Only
//!   floating-point summation noise is forgiven (relative `1e-9`, then the rows' sum is used); a
//!   rounded total is not a tolerance. USGS's natural-graphite 2024 rows sum to 1,630,670 t
//!   against a rounded world total of 1,600,000 t: use [`Denominator::SumOfRows`] (which gives
//!   USGS's own "78 %" for China).
//! - **Rows that sum to zero** are an error ([`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal)) under either
//!   denominator: with nothing allocated there is nothing to share out.
//! - **Ranking.** Entries are ordered by quantity, largest first; equal quantities are ordered by
//!   key, ascending. The order, and so [`Shares::rank`] (1-based, ties get consecutive ranks in
//!   key order), therefore does not depend on the order of the input rows.
//! - **Duplicate keys.** [`Shares::new`] refuses a key listed twice
//!   ([`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate)): in a country table it is a data error.
//!   [`Shares::aggregate`] sums rows with the same key, for transaction-level input (trade
//!   flows, facilities grouped by owner).
//! - **Regrouping** ([`Shares::regroup_regions`]) refuses overlapping regions and puts countries
//!   in no region into an explicit [`RegionKey::Other`] bucket; the denominator and the
//!   unallocated remainder are kept, so the total is unchanged.
//! - **Allocation.** One `Vec` of entries and one index vector, both the size of the result.
//!   For streaming HHI or CR-n over huge inputs without building shares, see
//!   [`concentration`](super::concentration).

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::weight::{Weight, checked};
use crate::Error;
use crate::error::Detail;
use crate::geo::{Country, Region};

/// The denominator of a share, stated by the caller.
///
/// `W` is the weight type of the rows (`f64`, [`Amount`](crate::material::Amount), ...); a
/// published total must be on the same scale (same basis) as the rows.
///
/// Serialized as `"sum-of-rows"` or `{"published-total": 240000.0}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Denominator<W = f64> {
    /// The sum of the rows given: the shares add up to 1 (USGS-style "rows only").
    SumOfRows,
    /// A published total (a world total) at least as large as the rows' sum; the difference is
    /// reported as [`Unallocated`].
    PublishedTotal(W),
}

/// One key's quantity and share: one row of the tidy table (`key`, `quantity` in the table's
/// [`unit`](Shares::unit), `share` as a fraction).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareEntry<K> {
    key: K,
    quantity: f64,
    share: f64,
}

impl<K> ShareEntry<K> {
    /// The key (country, region, company, facility).
    pub fn key(&self) -> &K {
        &self.key
    }

    /// The quantity, in the weight's canonical unit.
    pub fn quantity(&self) -> f64 {
        self.quantity
    }

    /// The share as a fraction of the denominator, in `[0, 1]`.
    pub fn share(&self) -> f64 {
        self.share
    }

    /// The share in percent, in `[0, 100]`.
    pub fn percent(&self) -> f64 {
        self.share * 100.0
    }
}

/// The part of a published total that no row accounts for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Unallocated {
    quantity: f64,
    share: f64,
}

impl Unallocated {
    /// Published total minus the rows' sum, in the weight's canonical unit.
    pub fn quantity(&self) -> f64 {
        self.quantity
    }

    /// The remainder as a fraction of the published total.
    pub fn share(&self) -> f64 {
        self.share
    }

    /// The remainder in percent of the published total.
    pub fn percent(&self) -> f64 {
        self.share * 100.0
    }
}

/// The key of a regrouped table: a named region, or the countries in none of the regions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionKey {
    /// A region, by name.
    Region(String),
    /// Countries that belong to none of the regions given (never dropped).
    Other,
}

impl fmt::Display for RegionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionKey::Region(name) => f.pad(name),
            RegionKey::Other => f.write_str("other"),
        }
    }
}

/// Shares of a denominator, ranked: largest first, ties by key.
///
/// Built by [`Shares::new`] (duplicate keys refused) or [`Shares::aggregate`] (duplicate keys
/// summed). See the [module documentation](self) for the formula and the decisions.
///
/// Serialized in tidy form: the [`unit`](Shares::unit) of the quantities, the denominator, the
/// totals, one entry per key (`key`, `quantity`, `share` as a fraction) and the unallocated
/// remainder. Reading one back recomputes the shares from the quantities and refuses a file whose
/// shares disagree with them.
///
/// # Examples
///
/// ```
/// use critical_minerals::material::{Amount, Basis, Element};
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// let li = |t| Amount::tonnes(t, Basis::contained(Element::Li));
/// let s = Shares::new([("AU", li(88_000.0)?), ("CL", li(49_000.0)?)], Denominator::SumOfRows)?;
/// assert_eq!(s.unit(), "t Li");
/// let json = serde_json::to_string(&s)?;
/// assert!(json.starts_with(r#"{"unit":"t Li","denominator":"sum-of-rows""#));
/// let back: Shares<String> = serde_json::from_str(&json)?;
/// assert_eq!(back.share_of("AU"), s.share_of("AU"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Shares<K> {
    entries: Vec<ShareEntry<K>>,
    by_key: Vec<usize>,
    unit: String,
    rows_total: f64,
    total: f64,
    denominator: Denominator<f64>,
    unallocated: Option<Unallocated>,
}

/// What to do with a key listed twice.
#[derive(Clone, Copy)]
enum Duplicates {
    Refuse,
    Sum,
}

/// Sorts rows by key and refuses or sums duplicates. Stable, so equal keys merge in input order.
fn sort_unique<K: Ord + fmt::Debug>(
    mut rows: Vec<(K, f64)>,
    dup: Duplicates,
    what: &str,
) -> Result<Vec<(K, f64)>, Error> {
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<(K, f64)> = Vec::with_capacity(rows.len());
    for (k, q) in rows {
        match out.last_mut() {
            Some(last) if last.0 == k => match dup {
                Duplicates::Refuse => {
                    return Err(Detail::DuplicateKey { what: what.to_string(), key: format!("{k:?}") }.into());
                }
                Duplicates::Sum => last.1 += q,
            },
            _ => out.push((k, q)),
        }
    }
    Ok(out)
}

#[derive(Serialize, Deserialize)]
struct SharesWire<K> {
    unit: String,
    denominator: Denominator<f64>,
    total: f64,
    rows_total: f64,
    entries: Vec<ShareEntry<K>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unallocated: Option<Unallocated>,
}

impl<K: Serialize> Serialize for Shares<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a, K> {
            unit: &'a str,
            denominator: &'a Denominator<f64>,
            total: f64,
            rows_total: f64,
            entries: &'a [ShareEntry<K>],
            #[serde(skip_serializing_if = "Option::is_none")]
            unallocated: Option<Unallocated>,
        }
        Wire {
            unit: &self.unit,
            denominator: &self.denominator,
            total: self.total,
            rows_total: self.rows_total,
            entries: &self.entries,
            unallocated: self.unallocated,
        }
        .serialize(serializer)
    }
}

impl<'de, K: Deserialize<'de> + Ord + fmt::Debug> Deserialize<'de> for Shares<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shares<K>, D::Error> {
        let w = SharesWire::<K>::deserialize(deserializer)?;
        Shares::from_wire(w).map_err(serde::de::Error::custom)
    }
}

impl<K: Ord + fmt::Debug> Shares<K> {
    /// Rebuilds the table from its quantities and checks the serialized shares and totals.
    fn from_wire(w: SharesWire<K>) -> Result<Shares<K>, Error> {
        let stated: Vec<(f64, f64)> = w.entries.iter().map(|e| (e.quantity, e.share)).collect();
        let rows = w.entries.into_iter().map(|e| (e.key, e.quantity));
        let mut s = Shares::new(rows, w.denominator)?;
        s.unit = w.unit;
        let agree = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
        let mut rebuilt: Vec<(f64, f64)> = s.entries.iter().map(|e| (e.quantity, e.share)).collect();
        let mut stated = stated;
        rebuilt.sort_by(|a, b| a.0.total_cmp(&b.0));
        stated.sort_by(|a, b| a.0.total_cmp(&b.0));
        let shares_agree = rebuilt.iter().zip(&stated).all(|(r, t)| agree(r.1, t.1));
        let rest_agree = match (s.unallocated, w.unallocated) {
            (Some(a), Some(b)) => agree(a.quantity, b.quantity) && agree(a.share, b.share),
            (None, None) => true,
            _ => false,
        };
        if !shares_agree || !rest_agree || !agree(s.total, w.total) || !agree(s.rows_total, w.rows_total) {
            return Err(Detail::Contradiction {
                what: format!(
                    "serialized shares: the stated shares and totals disagree with the quantities (total {} vs {})",
                    w.total, s.total
                ),
            }
            .into());
        }
        Ok(s)
    }
}

impl<K> Shares<K> {
    /// The unit of the quantities: `t Li` for tonnages of contained lithium, `t/yr LCE` for rates,
    /// `USD` for money, `t` for bare masses, and empty for plain numbers.
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// The entries, ranked: largest quantity first, ties by key ascending.
    pub fn entries(&self) -> &[ShareEntry<K>] {
        &self.entries
    }

    /// The entries in rank order.
    pub fn iter(&self) -> std::slice::Iter<'_, ShareEntry<K>> {
        self.entries.iter()
    }

    /// Number of keys (after merging duplicates for [`Shares::aggregate`]).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no key (never true for a constructed table).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `n` largest entries (all of them when `n` exceeds [`Shares::len`]).
    pub fn top(&self, n: usize) -> &[ShareEntry<K>] {
        &self.entries[..n.min(self.entries.len())]
    }

    /// The denominator used, with a published total as a plain number in the weight's canonical
    /// unit.
    pub fn denominator(&self) -> &Denominator<f64> {
        &self.denominator
    }

    /// The number every share is divided by: the rows' sum or the published total.
    pub fn total(&self) -> f64 {
        self.total
    }

    /// The sum of the rows.
    pub fn rows_total(&self) -> f64 {
        self.rows_total
    }

    /// The part of a published total no row accounts for (`None` under
    /// [`Denominator::SumOfRows`] or when the rows add up to the total).
    pub fn unallocated(&self) -> Option<Unallocated> {
        self.unallocated
    }
}

impl<K: Ord + fmt::Debug> Shares<K> {
    /// Shares of `rows` under `denominator`; a key listed twice is an error.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::share::{Denominator, Shares};
    ///
    /// // USGS MCS 2025, cobalt 2024 (t Co): Congo (Kinshasa) 220,000 of a world 290,000 t
    /// let rows = [
    ///     ("US", 300.0), ("AU", 3_600.0), ("CA", 4_500.0), ("CD", 220_000.0), ("CU", 3_500.0),
    ///     ("ID", 28_000.0), ("MG", 2_600.0), ("NC", 1_500.0), ("PG", 2_800.0), ("PH", 3_800.0),
    ///     ("RU", 8_700.0), ("TR", 2_700.0), ("other", 6_200.0),
    /// ];
    /// let s = Shares::new(rows, Denominator::PublishedTotal(290_000.0))?;
    /// assert_eq!(s.entries()[0].key(), &"CD");
    /// assert_eq!(s.entries()[0].percent().round(), 76.0); // USGS: "about 76 %"
    /// assert!(Shares::new([("CD", 1.0), ("CD", 2.0)], Denominator::SumOfRows).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no rows;
    /// - [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) / [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the row's key, or the
    ///   published total;
    /// - [`Error`] when the weights are not on one basis;
    /// - [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) naming the key;
    /// - [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when the rows sum to zero;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when a published total is below the rows' sum.
    pub fn new<W: Weight>(
        rows: impl IntoIterator<Item = (K, W)>,
        denominator: Denominator<W>,
    ) -> Result<Shares<K>, Error> {
        Shares::build(rows, denominator, Duplicates::Refuse)
    }

    /// Shares of `rows` under `denominator`, summing the quantities of rows with the same key
    /// (transaction-level input: trade flows, facilities by owner).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::share::{Denominator, Shares};
    ///
    /// // USGS MCS 2025 lithium 2024, Chile and Argentina reported as two rows each
    /// let rows = [("Chile", 30_000.0), ("Argentina", 18_000.0), ("Chile", 19_000.0)];
    /// let s = Shares::aggregate(rows, Denominator::SumOfRows)?;
    /// assert_eq!(s.get("Chile").unwrap().quantity(), 49_000.0);
    /// assert_eq!(s.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Shares::new`], except that duplicate keys are summed.
    pub fn aggregate<W: Weight>(
        rows: impl IntoIterator<Item = (K, W)>,
        denominator: Denominator<W>,
    ) -> Result<Shares<K>, Error> {
        Shares::build(rows, denominator, Duplicates::Sum)
    }

    fn build<W: Weight>(
        rows: impl IntoIterator<Item = (K, W)>,
        denominator: Denominator<W>,
        dup: Duplicates,
    ) -> Result<Shares<K>, Error> {
        let iter = rows.into_iter();
        let mut first: Option<W> = None;
        let mut data: Vec<(K, f64)> = Vec::with_capacity(iter.size_hint().0);
        for (key, w) in iter {
            let q = checked(|| format!("quantity of row {key:?}"), w.magnitude())?;
            match &first {
                None => first = Some(w),
                Some(f) => w.check_compatible(f)?,
            }
            data.push((key, q));
        }
        let Some(first) = first else {
            return Err(Detail::Empty { what: "share rows".to_string() }.into());
        };
        let n_rows = data.len();
        let data = sort_unique(data, dup, "share rows")?;
        let rows_total: f64 = data.iter().map(|r| r.1).sum();
        if !rows_total.is_finite() {
            return Err(
                Detail::NotFinite { what: format!("sum of share rows ({n_rows} rows)"), value: rows_total }.into()
            );
        }
        if rows_total <= 0.0 {
            return Err(Detail::ZeroTotal { what: format!("share rows ({n_rows} rows)") }.into());
        }
        let (total, denominator, unallocated) = match denominator {
            Denominator::SumOfRows => (rows_total, Denominator::SumOfRows, None),
            Denominator::PublishedTotal(w) => {
                w.check_compatible(&first)?;
                let t = checked(|| "published total".to_string(), w.magnitude())?;
                if t < rows_total {
                    if rows_total - t > 1e-9 * rows_total {
                        return Err(Detail::TotalBelowRows { total: t, rows: rows_total }.into());
                    }
                    (rows_total, Denominator::PublishedTotal(t), None)
                } else if t > rows_total {
                    let rest = t - rows_total;
                    (t, Denominator::PublishedTotal(t), Some(Unallocated { quantity: rest, share: rest / t }))
                } else {
                    (t, Denominator::PublishedTotal(t), None)
                }
            }
        };
        let mut s = Shares::from_sorted_unique(data, rows_total, total, denominator, unallocated);
        s.unit = first.unit();
        Ok(s)
    }

    /// Builds the ranked table from rows sorted by key, without duplicates.
    fn from_sorted_unique(
        data: Vec<(K, f64)>,
        rows_total: f64,
        total: f64,
        denominator: Denominator<f64>,
        unallocated: Option<Unallocated>,
    ) -> Shares<K> {
        let mut entries: Vec<ShareEntry<K>> =
            data.into_iter().map(|(key, quantity)| ShareEntry { key, quantity, share: quantity / total }).collect();
        // stable: equal quantities stay in key order
        entries.sort_by(|a, b| b.quantity.total_cmp(&a.quantity));
        let mut by_key: Vec<usize> = (0..entries.len()).collect();
        by_key.sort_by(|&a, &b| entries[a].key.cmp(&entries[b].key));
        Shares { entries, by_key, unit: String::new(), rows_total, total, denominator, unallocated }
    }

    fn position<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.by_key.binary_search_by(|&i| self.entries[i].key.borrow().cmp(key)).ok().map(|j| self.by_key[j])
    }

    /// The entry of `key` (binary search, `O(log n)`).
    pub fn get<Q>(&self, key: &Q) -> Option<&ShareEntry<K>>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).map(|i| &self.entries[i])
    }

    /// The share of `key` as a fraction, if present.
    pub fn share_of<Q>(&self, key: &Q) -> Option<f64>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.get(key).map(ShareEntry::share)
    }

    /// The 1-based rank of `key`: 1 for the largest. Equal quantities get consecutive ranks in key
    /// order, so the rank does not depend on the input order.
    pub fn rank<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).map(|i| i + 1)
    }

    /// The same table with keys mapped by `group` and equal groups summed (companies to parent
    /// companies, a merger of two suppliers). The denominator and any unallocated remainder are
    /// kept.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::share::{Denominator, Shares};
    ///
    /// // USGS MCS 2025 lithium 2024: the "lithium triangle" taken together
    /// let rows = [("Argentina", 18_000.0), ("Australia", 88_000.0), ("Chile", 49_000.0)];
    /// let s = Shares::new(rows, Denominator::PublishedTotal(240_000.0))?;
    /// let g = s.regroup(|k| if *k == "Australia" { "Australia" } else { "Argentina+Chile" });
    /// assert_eq!(g.get("Argentina+Chile").unwrap().quantity(), 67_000.0);
    /// assert_eq!(g.total(), 240_000.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn regroup<G: Ord + fmt::Debug>(&self, mut group: impl FnMut(&K) -> G) -> Shares<G> {
        let data: Vec<(G, f64)> = self.entries.iter().map(|e| (group(&e.key), e.quantity)).collect();
        self.with_rows(data)
    }

    fn with_rows<G: Ord + fmt::Debug>(&self, mut data: Vec<(G, f64)>) -> Shares<G> {
        data.sort_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(G, f64)> = Vec::with_capacity(data.len());
        for (g, q) in data {
            match merged.last_mut() {
                Some(last) if last.0 == g => last.1 += q,
                _ => merged.push((g, q)),
            }
        }
        let mut s =
            Shares::from_sorted_unique(merged, self.rows_total, self.total, self.denominator.clone(), self.unallocated);
        s.unit = self.unit.clone();
        s
    }
}

impl Shares<Country> {
    /// Country shares regrouped into `regions`, which must not overlap; countries in none of them
    /// go to [`RegionKey::Other`] (present only when some country is unassigned). Every region
    /// listed appears, with a zero share if none of its countries has a row. The denominator
    /// and the unallocated remainder are kept.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::stats::share::{Denominator, RegionKey, Shares};
    /// use critical_minerals::geo::{Country, Region};
    ///
    /// // USGS MCS 2025 lithium 2024 (t Li)
    /// let rows = [("AR", 18_000.0), ("AU", 88_000.0), ("BR", 10_000.0), ("CA", 4_300.0),
    ///     ("CL", 49_000.0), ("CN", 41_000.0), ("NA", 2_700.0), ("PT", 380.0), ("ZW", 22_000.0)];
    /// let rows = rows.iter().map(|(c, q)| Ok((Country::from_code(c)?, *q)))
    ///     .collect::<Result<Vec<_>, critical_minerals::Error>>()?;
    /// let s = Shares::new(rows, Denominator::PublishedTotal(240_000.0))?;
    /// let south_america = Region::from_codes("South America", ["AR", "BR", "CL"])?;
    /// let africa = Region::from_codes("Africa", ["NA", "ZW", "CD"])?;
    /// let g = s.regroup_regions(&[south_america, africa])?;
    /// assert_eq!(g.get(&RegionKey::Region("South America".into())).unwrap().quantity(), 77_000.0);
    /// assert_eq!(g.get(&RegionKey::Other).unwrap().quantity(), 133_680.0); // AU, CA, CN, PT
    /// let na = Region::from_codes("North America", ["US", "CA"])?;
    /// let ca = Region::from_codes("Canada", ["CA"])?;
    /// assert!(s.regroup_regions(&[na, ca]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overlap`](crate::ErrorKind::Overlap) naming both regions and a shared country;
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for two regions with the same name.
    pub fn regroup_regions(&self, regions: &[Region]) -> Result<Shares<RegionKey>, Error> {
        for (i, a) in regions.iter().enumerate() {
            for b in &regions[i + 1..] {
                if a.name() == b.name() {
                    return Err(Detail::DuplicateKey { what: "regions".to_string(), key: a.name().to_string() }.into());
                }
                if a.overlaps(b) {
                    let country = a
                        .members()
                        .intersection(b.members())
                        .iter()
                        .next()
                        .map_or_else(String::new, |c| c.alpha3().to_string());
                    return Err(Detail::OverlappingRegions {
                        first: a.name().to_string(),
                        second: b.name().to_string(),
                        country,
                    }
                    .into());
                }
            }
        }
        let mut data: Vec<(RegionKey, f64)> = Vec::with_capacity(regions.len() + self.entries.len());
        data.extend(regions.iter().map(|r| (RegionKey::Region(r.name().to_string()), 0.0)));
        for e in &self.entries {
            let key = regions
                .iter()
                .find(|r| r.contains(e.key))
                .map_or(RegionKey::Other, |r| RegionKey::Region(r.name().to_string()));
            data.push((key, e.quantity));
        }
        Ok(self.with_rows(data))
    }
}
