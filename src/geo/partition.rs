//! Partitions: regions that share no country, and aggregation of per-country values over them.
//!
//! Summing country values into regions goes wrong in two silent ways: a country counted in two
//! regions (shares add up to more than 100 %), and a country in no region dropped. A
//! [`Partition`] refuses the first when it is built, and [`Partition::aggregate`] reports the
//! second in an explicit [`Unassigned`] bucket, so that
//! `sum of region totals + unassigned total = grand total` always holds.
//!
//! Sums are compensated (Neumaier), so the identity holds to rounding of the final additions.

use serde::{Deserialize, Serialize};

use super::names::fold;
use super::{BuiltinRegion, Country, CountrySet, Region};
use crate::Error;
use crate::error::Detail;

/// Regions that share no country (not necessarily covering the world).
///
/// Serialized as `{"regions": [...]}`; reading checks the regions again.
///
/// # Example
///
/// ```
/// use critical_minerals::ErrorKind;
/// use critical_minerals::geo::{Country, Partition, Region};
///
/// let americas = Region::from_codes("Americas", ["US", "CA", "MX", "CL"])?;
/// let asia = Region::from_codes("Asia", ["CN", "JP"])?;
/// let p = Partition::new(vec![americas.clone(), asia])?;
/// assert_eq!(p.region_of(Country::from_code("CL")?).map(|r| r.name()), Some("Americas"));
/// assert_eq!(p.region_of(Country::from_code("AU")?), None);
///
/// // a country in two regions is refused, not counted twice
/// let north_america = Region::from_codes("North America", ["US", "CA"])?;
/// let err = Partition::new(vec![americas, north_america]).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Overlap);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PartitionWire", into = "PartitionWire")]
pub struct Partition {
    regions: Vec<Region>,
}

#[derive(Serialize, Deserialize)]
struct PartitionWire {
    regions: Vec<Region>,
}

impl TryFrom<PartitionWire> for Partition {
    type Error = Error;
    fn try_from(w: PartitionWire) -> Result<Self, Self::Error> {
        Partition::new(w.regions)
    }
}

impl From<Partition> for PartitionWire {
    fn from(p: Partition) -> Self {
        PartitionWire { regions: p.regions }
    }
}

impl Partition {
    /// A partition from regions that share no country.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Empty`](crate::ErrorKind::Empty) when `regions` is empty;
    /// - [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) when two regions have the same name (ignoring case);
    /// - [`ErrorKind::Overlap`](crate::ErrorKind::Overlap) naming the first pair of regions (in the order given)
    ///   that share a country, and one such country.
    pub fn new(regions: Vec<Region>) -> Result<Partition, Error> {
        if regions.is_empty() {
            return Err(Detail::EmptyPartition.into());
        }
        for (i, a) in regions.iter().enumerate() {
            for b in &regions[i + 1..] {
                if fold(a.name()) == fold(b.name()) {
                    return Err(Detail::DuplicateRegionName { name: b.name().to_string() }.into());
                }
                if let Some(c) = a.members().intersection(b.members()).iter().next() {
                    return Err(Detail::OverlappingRegions {
                        first: a.name().to_string(),
                        second: b.name().to_string(),
                        country: c.alpha3().to_string(),
                    }
                    .into());
                }
            }
        }
        Ok(Partition { regions })
    }

    /// A partition of built-in regions.
    ///
    /// # Errors
    ///
    /// As [`Partition::new`] and [`BuiltinRegion::region`].
    pub fn from_builtins(builtins: &[BuiltinRegion]) -> Result<Partition, Error> {
        Partition::new(builtins.iter().map(|b| b.region()).collect::<Result<_, _>>()?)
    }

    /// The five regions of battery market reports ([`BuiltinRegion::MARKET_REPORT`]): North
    /// America (US, CA), Europe, Asia-Pacific, Latin America, Middle East & Africa.
    ///
    /// Left in no region: Antarctica, Bermuda, Greenland, Saint Pierre and Miquelon.
    ///
    /// # Errors
    ///
    /// As [`Partition::from_builtins`] (never in practice: tested).
    pub fn market_report() -> Result<Partition, Error> {
        Partition::from_builtins(&BuiltinRegion::MARKET_REPORT)
    }

    /// The five M49 regions (continents). Left in no region: Antarctica and Taiwan (not listed
    /// by M49).
    ///
    /// # Errors
    ///
    /// As [`Partition::from_builtins`] (never in practice: tested).
    pub fn m49_regions() -> Result<Partition, Error> {
        Partition::from_builtins(&BuiltinRegion::M49_REGIONS)
    }

    /// The seventeen M49 sub-regions. Left in no region: Antarctica and Taiwan.
    ///
    /// # Errors
    ///
    /// As [`Partition::from_builtins`] (never in practice: tested).
    pub fn m49_sub_regions() -> Result<Partition, Error> {
        Partition::from_builtins(&BuiltinRegion::M49_SUB_REGIONS)
    }

    /// The regions, in the order given.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The region holding `c`, if any.
    pub fn region_of(&self, c: Country) -> Option<&Region> {
        self.regions.iter().find(|r| r.contains(c))
    }

    /// Every country of some region.
    pub fn covered(&self) -> CountrySet {
        self.regions.iter().fold(CountrySet::new(), |acc, r| acc.union(r.members()))
    }

    /// Every ISO 3166-1 country in no region.
    pub fn uncovered(&self) -> CountrySet {
        let covered = self.covered();
        Country::all().filter(|c| !covered.contains(*c)).collect()
    }

    /// Sums per-country values (tonnes, dollars, GWh: any non-negative amount in one unit) into
    /// the regions, with an explicit bucket for the countries in no region.
    ///
    /// A country may appear several times (several rows, several products); its values add up.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or an infinity, [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a
    /// value below zero, each naming the country and value; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) when
    /// finite values sum beyond `f64`.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::geo::{Country, Partition};
    ///
    /// // USGS MCS 2025, lithium mine production 2024e (t of contained Li), five of the countries
    /// let rows = [("AU", 88_000.0), ("CL", 49_000.0), ("CN", 41_000.0), ("ZW", 22_000.0), ("AR", 18_000.0)];
    /// let rows = rows.iter().map(|(c, t)| Ok((Country::from_code(c)?, *t)))
    ///     .collect::<Result<Vec<_>, critical_minerals::Error>>()?;
    /// let by_region = Partition::market_report()?.aggregate(rows)?;
    /// assert_eq!(by_region.total_of("Asia-Pacific"), Some(129_000.0));
    /// assert_eq!(by_region.total_of("Latin America"), Some(67_000.0));
    /// assert_eq!(by_region.total_of("Middle East & Africa"), Some(22_000.0));
    /// assert!(by_region.unassigned().countries().is_empty());
    /// assert_eq!(by_region.grand_total(), 218_000.0);
    ///
    /// let bad = [(Country::from_code("AU")?, f64::NAN)];
    /// assert!(Partition::market_report()?.aggregate(bad).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn aggregate<I: IntoIterator<Item = (Country, f64)>>(&self, values: I) -> Result<Aggregation, Error> {
        let mut per_country = vec![Sum::default(); Country::all().len()];
        let mut seen = CountrySet::new();
        let mut grand = Sum::default();
        for (c, v) in values {
            crate::validate::non_negative(|| format!("value for {}", c.alpha3()), v)?;
            if let Some(s) = per_country.get_mut(c.index()) {
                s.add(v);
            }
            seen.insert(c);
            grand.add(v);
        }
        let value_of = |c: Country, bucket: &str| -> Result<f64, Error> {
            let v = per_country.get(c.index()).map_or(0.0, |s| s.value());
            finite(v, bucket)
        };
        let mut regions = Vec::with_capacity(self.regions.len());
        for r in &self.regions {
            let mut sum = Sum::default();
            let mut countries = Vec::new();
            for c in seen.intersection(r.members()).iter() {
                let v = value_of(c, r.name())?;
                sum.add(v);
                countries.push((c, v));
            }
            regions.push(RegionTotal { name: r.name().to_string(), total: finite(sum.value(), r.name())?, countries });
        }
        let mut sum = Sum::default();
        let mut countries = Vec::new();
        let covered = self.covered();
        for c in seen.iter().filter(|c| !covered.contains(*c)) {
            let v = value_of(c, "unassigned")?;
            sum.add(v);
            countries.push((c, v));
        }
        let unassigned = Unassigned { total: finite(sum.value(), "unassigned")?, countries };
        Ok(Aggregation { regions, unassigned, grand_total: finite(grand.value(), "grand total")? })
    }
}

fn finite(v: f64, bucket: &str) -> Result<f64, Error> {
    if v.is_finite() { Ok(v) } else { Err(Detail::TotalOverflow { bucket: bucket.to_string() }.into()) }
}

/// Neumaier's compensated sum.
#[derive(Clone, Copy, Default)]
struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    fn value(self) -> f64 {
        // an overflowed running sum makes the compensation NaN; report the overflow itself
        if self.sum.is_finite() { self.sum + self.compensation } else { self.sum }
    }
}

/// The result of [`Partition::aggregate`]: one total per region, in the partition's order,
/// and the countries in no region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aggregation {
    regions: Vec<RegionTotal>,
    unassigned: Unassigned,
    grand_total: f64,
}

impl Aggregation {
    /// One entry per region of the partition, in its order (regions with no value total 0).
    pub fn regions(&self) -> &[RegionTotal] {
        &self.regions
    }

    /// The total of the region named `name` (any case), or `None` if the partition has no
    /// such region.
    pub fn total_of(&self, name: &str) -> Option<f64> {
        let key = fold(name);
        self.regions.iter().find(|r| fold(&r.name) == key).map(|r| r.total)
    }

    /// The countries in no region, with their values.
    pub fn unassigned(&self) -> &Unassigned {
        &self.unassigned
    }

    /// The sum of every value given: the region totals plus the unassigned total.
    pub fn grand_total(&self) -> f64 {
        self.grand_total
    }
}

/// One region's total in an [`Aggregation`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionTotal {
    name: String,
    total: f64,
    countries: Vec<(Country, f64)>,
}

impl RegionTotal {
    /// The region's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sum of its countries' values.
    pub fn total(&self) -> f64 {
        self.total
    }

    /// The countries that contributed, ordered by alpha-2, each with its summed value.
    pub fn countries(&self) -> &[(Country, f64)] {
        &self.countries
    }
}

/// The countries of an [`Aggregation`] that belong to no region of the partition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unassigned {
    countries: Vec<(Country, f64)>,
    total: f64,
}

impl Unassigned {
    /// The countries, ordered by alpha-2, each with its summed value.
    pub fn countries(&self) -> &[(Country, f64)] {
        &self.countries
    }

    /// The sum of their values.
    pub fn total(&self) -> f64 {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Country {
        Country::from_code(code).unwrap()
    }

    #[test]
    fn builtin_partitions_build() {
        let market = Partition::market_report().unwrap();
        let left: Vec<_> = market.uncovered().iter().map(|c| c.alpha3()).collect();
        assert_eq!(left, ["ATA", "BMU", "GRL", "SPM"]);
        let m49 = Partition::m49_regions().unwrap();
        let left: Vec<_> = m49.uncovered().iter().map(|c| c.alpha3()).collect();
        assert_eq!(left, ["ATA", "TWN"]);
        let subs = Partition::m49_sub_regions().unwrap();
        assert_eq!(subs.covered(), m49.covered());
    }

    fn two() -> Partition {
        Partition::new(vec![
            Region::from_codes("A", ["US", "CA"]).unwrap(),
            Region::from_codes("B", ["CN", "JP"]).unwrap(),
        ])
        .unwrap()
    }

    #[test]
    fn repeated_countries_add_up_and_unassigned_is_listed() {
        let agg = two().aggregate([(c("US"), 1.5), (c("CN"), 2.0), (c("US"), 0.5), (c("NA"), 4.0)]).unwrap();
        assert_eq!(agg.total_of("a"), Some(2.0));
        assert_eq!(agg.regions()[0].countries(), [(c("US"), 2.0)]);
        assert_eq!(agg.total_of("B"), Some(2.0));
        assert_eq!(agg.unassigned().countries(), [(c("NA"), 4.0)]);
        assert_eq!(agg.unassigned().total(), 4.0);
        assert_eq!(agg.grand_total(), 8.0);
        assert_eq!(agg.total_of("C"), None);
    }

    #[test]
    fn regions_without_values_total_zero() {
        let agg = two().aggregate(std::iter::empty()).unwrap();
        assert_eq!(agg.regions().len(), 2);
        assert!(agg.regions().iter().all(|r| r.total() == 0.0 && r.countries().is_empty()));
        assert_eq!(agg.grand_total(), 0.0);
    }

    #[test]
    fn overflowing_sums_are_errors() {
        let e = two().aggregate([(c("US"), f64::MAX), (c("CA"), f64::MAX)]).unwrap_err();
        assert!(matches!(e.detail(), Detail::TotalOverflow { .. }), "{e:?}");
    }

    #[test]
    fn compensated_sum_keeps_small_terms() {
        let mut s = Sum::default();
        for x in [1e16, 1.0, -1e16] {
            s.add(x);
        }
        assert_eq!(s.value(), 1.0);
    }
}
