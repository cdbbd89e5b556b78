//! Regions: named sets of countries, with overlap detection.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Country;
use crate::Error;
use crate::error::Detail;

/// A set of countries, stored as a 256-bit set (ISO 3166-1 has 249 entries): membership,
/// union and intersection are a few word operations.
///
/// Serialized as a list of alpha-3 codes ordered by alpha-2 (`["ARG", "AUS"]`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Country>", into = "Vec<Country>")]
pub struct CountrySet([u64; 4]);

impl CountrySet {
    /// The empty set.
    pub const fn new() -> CountrySet {
        CountrySet([0; 4])
    }

    /// Adds a country; returns whether it was absent.
    pub fn insert(&mut self, c: Country) -> bool {
        let i = c.index();
        let had = self.0[i / 64] & (1 << (i % 64)) != 0;
        self.0[i / 64] |= 1 << (i % 64);
        !had
    }

    /// Whether the set holds `c`.
    pub fn contains(&self, c: Country) -> bool {
        let i = c.index();
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    /// Number of countries.
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    /// Countries in both sets.
    pub fn intersection(&self, other: &CountrySet) -> CountrySet {
        CountrySet([0, 1, 2, 3].map(|k| self.0[k] & other.0[k]))
    }

    /// Countries in either set.
    pub fn union(&self, other: &CountrySet) -> CountrySet {
        CountrySet([0, 1, 2, 3].map(|k| self.0[k] | other.0[k]))
    }

    /// Whether every country of `self` is in `other`.
    pub fn is_subset(&self, other: &CountrySet) -> bool {
        (0..4).all(|k| self.0[k] & !other.0[k] == 0)
    }

    /// The countries, ordered by alpha-2.
    pub fn iter(&self) -> impl Iterator<Item = Country> + '_ {
        Country::all().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Country> for CountrySet {
    fn from_iter<I: IntoIterator<Item = Country>>(iter: I) -> Self {
        let mut s = CountrySet::new();
        for c in iter {
            s.insert(c);
        }
        s
    }
}

impl From<Vec<Country>> for CountrySet {
    fn from(v: Vec<Country>) -> Self {
        v.into_iter().collect()
    }
}

impl From<CountrySet> for Vec<Country> {
    fn from(s: CountrySet) -> Self {
        s.iter().collect()
    }
}

impl fmt::Debug for CountrySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(|c| c.alpha3())).finish()
    }
}

/// A named set of countries ("EU-27", "North America").
///
/// Serialized as `{"name": "...", "members": ["DEU", ...]}`.
///
/// # Example
///
/// ```
/// use critical_minerals::geo::{Country, Region};
///
/// let na = Region::from_codes("North America", ["US", "CA", "MX"])?;
/// let us = Region::from_codes("United States", ["US"])?;
/// assert!(na.contains(Country::from_code("USA")?));
/// assert!(na.overlaps(&us));
/// assert!(us.is_within(&na));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RegionWire", into = "RegionWire")]
pub struct Region {
    name: String,
    members: CountrySet,
}

#[derive(Serialize, Deserialize)]
struct RegionWire {
    name: String,
    members: Vec<Country>,
}

impl TryFrom<RegionWire> for Region {
    type Error = Error;
    fn try_from(w: RegionWire) -> Result<Self, Self::Error> {
        Region::new(&w.name, w.members)
    }
}

impl From<Region> for RegionWire {
    fn from(r: Region) -> Self {
        RegionWire { members: r.members.iter().collect(), name: r.name }
    }
}

impl Region {
    /// A region from its countries.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) when no country is given, [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) when a
    /// country is listed twice.
    pub fn new(name: &str, members: impl IntoIterator<Item = Country>) -> Result<Region, Error> {
        let mut set = CountrySet::new();
        for c in members {
            if !set.insert(c) {
                return Err(
                    Detail::DuplicateMember { region: name.to_string(), country: c.alpha3().to_string() }.into()
                );
            }
        }
        if set.is_empty() {
            return Err(Detail::EmptyRegion { region: name.to_string() }.into());
        }
        Ok(Region { name: name.to_string(), members: set })
    }

    /// A region from country codes (any ISO code form).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a bad code, and as [`Region::new`].
    pub fn from_codes<'a>(name: &str, codes: impl IntoIterator<Item = &'a str>) -> Result<Region, Error> {
        let members = codes.into_iter().map(Country::from_code).collect::<Result<Vec<_>, _>>()?;
        Region::new(name, members)
    }

    /// A one-country region named after the country.
    pub fn country(c: Country) -> Region {
        let mut members = CountrySet::new();
        members.insert(c);
        Region { name: c.name().to_string(), members }
    }

    /// The region's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member set.
    pub fn members(&self) -> &CountrySet {
        &self.members
    }

    /// Whether `c` belongs to the region.
    pub fn contains(&self, c: Country) -> bool {
        self.members.contains(c)
    }

    /// Whether the two regions share a country.
    pub fn overlaps(&self, other: &Region) -> bool {
        !self.members.intersection(&other.members).is_empty()
    }

    /// Whether every member of `self` belongs to `other` (the United States within North America).
    pub fn is_within(&self, other: &Region) -> bool {
        self.members.is_subset(&other.members)
    }

    /// Number of member countries.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the region has no member (never true for a constructed region).
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({:?}, {:?})", self.name, self.members)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.name)
    }
}
