//! Places: what a data row, a stage share or a claim is about. One type for a country, a
//! built-in region, the world, and the rest of the world (a publisher's "Other countries" row, a
//! market report's "rest of world" share).
//!
//! The text forms are those of the data files; see [`Place`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{BuiltinRegion, Country, Region};
use crate::Error;
use crate::error::Detail;

/// Where a figure is about: a country, a built-in region, the world, or the rest of the world.
///
/// Ordered countries first (by ISO code), then the world, the rest of the world, and the
/// built-in regions.
///
/// Text form (what the data files use, and what `Display`, `FromStr` and serde read and write):
///
/// | place | written | also read |
/// |---|---|---|
/// | a country | its ISO 3166-1 alpha-3 code (`NAM`) | alpha-2 (`NA` is Namibia, never "not available") and numeric codes, any case |
/// | the world | `WORLD` | any case |
/// | the rest of the world | `OTHER` | any case |
/// | a built-in region | its name in kebab case (`north-america`, `eu-27`, `middle-east-africa`) | its name or an alias in any case, with spaces or hyphens (`North America`, `APAC`) |
///
/// [`Place::lookup`] reads what people write as well: `global`, `rest of world`, `others`, and
/// country names ("United States", "U.S.").
///
/// # Examples
///
/// ```
/// use critical_minerals::geo::{BuiltinRegion, Country, Place};
///
/// assert_eq!("NA".parse::<Place>()?, Place::Country(Country::from_code("NAM")?));
/// assert_eq!("WORLD".parse::<Place>()?, Place::World);
/// assert_eq!(Place::RestOfWorld.to_string(), "OTHER");
/// let na: Place = "north-america".parse()?;
/// assert_eq!(na, Place::Region(BuiltinRegion::NorthAmerica));
/// assert_eq!(na.name(), "North America");
/// let canada = Country::from_code("CA")?;
/// assert!(na.members()?.is_some_and(|r| r.contains(canada)));
/// assert!("XX".parse::<Place>().is_err());
/// // what people write
/// assert_eq!(Place::lookup("U.S.")?.to_string(), "USA");
/// assert_eq!(Place::lookup("rest of the world")?, Place::RestOfWorld);
/// assert!(Place::lookup("Korea").is_err()); // North or South?
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Place {
    /// One country.
    Country(Country),
    /// The whole world (a published world total; a whole market).
    World,
    /// Everything outside the places listed beside it: a publisher's "Other countries" row, a
    /// market report's "rest of world" share.
    RestOfWorld,
    /// A built-in region ("North America", "EU-27").
    Region(BuiltinRegion),
}

const EXPECTED: &str = "WORLD, OTHER, an ISO 3166-1 code or a built-in region";
const EXPECTED_LOOKUP: &str =
    "the world, the rest of the world, a built-in region, or an ISO 3166-1 code or country name";

impl Place {
    /// The country, if this is one.
    pub fn country(self) -> Option<Country> {
        match self {
            Place::Country(c) => Some(c),
            _ => None,
        }
    }

    /// The name people read: the country's or region's name, `world` or `rest of world`.
    pub fn name(self) -> &'static str {
        match self {
            Place::Country(c) => c.name(),
            Place::World => "world",
            Place::RestOfWorld => "rest of world",
            Place::Region(b) => b.name(),
        }
    }

    /// The member countries of a country or region (a one-country region for a country);
    /// `None` for the world and the rest of the world, whose members depend on what else is
    /// listed.
    ///
    /// # Errors
    ///
    /// As [`BuiltinRegion::region`] (a crate bug; every built-in is built in the tests).
    pub fn members(self) -> Result<Option<Region>, Error> {
        match self {
            Place::Country(c) => Ok(Some(Region::country(c))),
            Place::Region(b) => b.region().map(Some),
            Place::World | Place::RestOfWorld => Ok(None),
        }
    }

    /// Reads a place as people write it: everything [`FromStr`] reads, and `world`, `global`,
    /// `worldwide`; `rest of world`, `rest of the world`, `other`, `others`, `row`; a country
    /// by ISO code or name ([`Country::lookup`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Ambiguous`](crate::ErrorKind::Ambiguous) for a country name that fits
    /// several countries ("Korea"); [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the
    /// text otherwise.
    pub fn lookup(text: &str) -> Result<Place, Error> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "world" | "global" | "worldwide" => return Ok(Place::World),
            "rest of world" | "rest of the world" | "rest-of-world" | "other" | "others" | "row" => {
                return Ok(Place::RestOfWorld);
            }
            _ => {}
        }
        if let Some(p) = Place::strict(t) {
            return Ok(p);
        }
        match Country::lookup(t) {
            Ok(c) => Ok(Place::Country(c)),
            Err(e) if matches!(e.detail(), Detail::AmbiguousCountryName { .. }) => Err(e),
            Err(_) => Err(parse_error(text, EXPECTED_LOOKUP)),
        }
    }

    /// The text forms of the files: `WORLD`, `OTHER`, an ISO code, a built-in region.
    fn strict(t: &str) -> Option<Place> {
        if t.eq_ignore_ascii_case("WORLD") {
            return Some(Place::World);
        }
        if t.eq_ignore_ascii_case("OTHER") {
            return Some(Place::RestOfWorld);
        }
        if let Ok(c) = Country::from_code(t) {
            return Some(Place::Country(c));
        }
        let key = kebab(t);
        BuiltinRegion::ALL
            .iter()
            .copied()
            .find(|b| kebab(b.name()) == key || b.aliases().iter().any(|a| kebab(a) == key))
            .map(Place::Region)
    }
}

fn parse_error(input: &str, expected: &'static str) -> Error {
    Detail::Parse { what: "place", input: input.to_string(), expected }.into()
}

/// Lower case, with each run of characters other than letters and digits written as one `-`:
/// `Middle East & Africa` is `middle-east-africa`.
fn kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Country(c) => f.write_str(c.alpha3()),
            Place::World => f.write_str("WORLD"),
            Place::RestOfWorld => f.write_str("OTHER"),
            Place::Region(b) => f.write_str(&kebab(b.name())),
        }
    }
}

impl FromStr for Place {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Place::strict(s.trim()).ok_or_else(|| parse_error(s, EXPECTED))
    }
}

impl TryFrom<String> for Place {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Place> for String {
    fn from(p: Place) -> String {
        p.to_string()
    }
}

impl From<Country> for Place {
    fn from(c: Country) -> Place {
        Place::Country(c)
    }
}

impl From<BuiltinRegion> for Place {
    fn from(b: BuiltinRegion) -> Place {
        Place::Region(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_reads_back_its_text_form() {
        for b in BuiltinRegion::ALL {
            let p = Place::Region(*b);
            assert_eq!(p.to_string().parse::<Place>(), Ok(p), "{b:?}");
            assert_eq!(Place::lookup(b.name()), Ok(p), "{b:?}");
        }
        for c in Country::all() {
            assert_eq!(Place::Country(c).to_string().parse::<Place>(), Ok(Place::Country(c)));
        }
        assert_eq!(kebab("Middle East & Africa"), "middle-east-africa");
        assert_eq!(kebab(" EU-27 "), "eu-27");
    }
}
