//! ISO 3166-1 countries, looked up by any code, and the trade databases' own reporter codes.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::iso_table::COUNTRIES;
use crate::Error;
use crate::error::Detail;

/// A country or territory of ISO 3166-1 (all 249 entries), small and `Copy`.
///
/// The table is Debian's `iso-codes` 4.15.0 (`json/iso_3166-1.json`), kept in
/// `data/iso3166-1.csv`. Look a country up by alpha-2, alpha-3 or numeric code, in any case
/// ([`Country::from_code`]); `"NA"` is Namibia, never a missing value. Codes of the trade
/// databases that differ from ISO numeric (Comtrade's 842 for the USA) go through
/// [`Country::from_trade_code`].
///
/// Serialized as its alpha-3 code (`"NAM"`), which no CSV or JSON reader mistakes for a missing
/// value; read from any code.
///
/// # Example
///
/// ```
/// use critical_minerals::geo::Country;
///
/// let na = Country::from_code("na")?;
/// assert_eq!(na.name(), "Namibia");
/// assert_eq!(na.alpha3(), "NAM");
/// assert_eq!(Country::from_code("036")?.name(), "Australia");
/// assert_eq!(Country::from_trade_code(842)?, Country::from_code("US")?);
/// assert!(Country::from_code("XX").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(u8);

/// Reporter/partner codes used by UN Comtrade (and BACI, which follows it) that differ from the
/// ISO 3166-1 numeric code of the same country. Source: UN Comtrade reporter and partner reference
/// tables (also used by CEPII's BACI).
pub const TRADE_CODE_EXCEPTIONS: &[(u16, &str, &str)] = &[
    (842, "US", "USA (ISO 840)"),
    (251, "FR", "France incl. Monaco (ISO 250)"),
    (579, "NO", "Norway (ISO 578)"),
    (757, "CH", "Switzerland incl. Liechtenstein (ISO 756)"),
    (699, "IN", "India (ISO 356)"),
    (490, "TW", "Other Asia, nes: used for Taiwan (ISO 158)"),
];

impl Country {
    pub(super) fn index(self) -> usize {
        self.0 as usize
    }

    pub(super) fn from_index(i: usize) -> Option<Country> {
        (i < COUNTRIES.len()).then_some(Country(i as u8))
    }

    fn row(self) -> (&'static str, &'static str, u16, &'static str) {
        COUNTRIES[self.0 as usize]
    }

    /// Every country of ISO 3166-1, ordered by alpha-2.
    pub fn all() -> impl ExactSizeIterator<Item = Country> {
        (0..COUNTRIES.len()).map(|i| Country(i as u8))
    }

    /// Alpha-2 code, e.g. `"AU"`.
    pub fn alpha2(self) -> &'static str {
        self.row().0
    }

    /// Alpha-3 code, e.g. `"AUS"`.
    pub fn alpha3(self) -> &'static str {
        self.row().1
    }

    /// Numeric code as a number, e.g. `36` for Australia.
    pub fn numeric(self) -> u16 {
        self.row().2
    }

    /// Numeric code as the 3-digit string ISO writes, e.g. `"036"`.
    pub fn numeric_code(self) -> String {
        format!("{:03}", self.numeric())
    }

    /// ISO short name (iso-codes spelling), e.g. `"Korea, Republic of"`.
    pub fn name(self) -> &'static str {
        self.row().3
    }

    /// By alpha-2 code, any case.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_alpha2(code: &str) -> Result<Country, Error> {
        let t = code.trim();
        COUNTRIES.binary_search_by(|r| cmp_ascii_ci(r.0, t)).map(|i| Country(i as u8)).map_err(|_| {
            Detail::UnknownCountry { input: code.to_string(), expected: "an ISO 3166-1 alpha-2 code" }.into()
        })
    }

    /// By alpha-3 code, any case.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_alpha3(code: &str) -> Result<Country, Error> {
        let t = code.trim();
        alpha3_slot(t)
            .and_then(|slot| by_alpha3().get(slot))
            .and_then(|&i| Country::from_index(usize::from(i)))
            .ok_or_else(|| {
                Detail::UnknownCountry { input: code.to_string(), expected: "an ISO 3166-1 alpha-3 code" }.into()
            })
    }

    /// By ISO 3166-1 numeric code (`36` or `"036"` via [`Country::from_code`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_numeric(code: u16) -> Result<Country, Error> {
        COUNTRIES.iter().position(|r| r.2 == code).map(|i| Country(i as u8)).ok_or_else(|| {
            Detail::UnknownCountry { input: format!("{code:03}"), expected: "an ISO 3166-1 numeric code" }.into()
        })
    }

    /// By a reporter/partner code of UN Comtrade or BACI: ISO numeric, except for the codes in
    /// [`TRADE_CODE_EXCEPTIONS`] (842 is the USA; 490 "Other Asia, nes" is read as Taiwan, the
    /// documented convention of this table). Code 0 ("World") and other aggregates are
    /// errors, not countries. To read a trade file's codes as the databases mean them (490 its
    /// own economy unless asked, 58 Belgium-Luxembourg, 891 Serbia and Montenegro), use
    /// [`Economy::from_trade_code`](super::Economy::from_trade_code).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_trade_code(code: u16) -> Result<Country, Error> {
        if let Some((_, a2, _)) = TRADE_CODE_EXCEPTIONS.iter().find(|(c, _, _)| *c == code) {
            return Country::from_alpha2(a2);
        }
        Country::from_numeric(code).map_err(|_| {
            Detail::UnknownCountry { input: format!("{code}"), expected: "a UN Comtrade / BACI country code" }.into()
        })
    }

    /// By any ISO code: two letters (alpha-2), three letters (alpha-3) or one to three digits
    /// (numeric), in any case, surrounding spaces ignored.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_code(code: &str) -> Result<Country, Error> {
        let t = code.trim();
        let unknown = || -> Error {
            Detail::UnknownCountry {
                input: code.to_string(),
                expected: "an ISO 3166-1 alpha-2, alpha-3 or numeric code",
            }
            .into()
        };
        if !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
            return t
                .parse::<u16>()
                .map_err(|_| unknown())
                .and_then(|n| Country::from_numeric(n).map_err(|_| unknown()));
        }
        match t.len() {
            2 => Country::from_alpha2(t).map_err(|_| unknown()),
            3 => Country::from_alpha3(t).map_err(|_| unknown()),
            _ => Err(unknown()),
        }
    }
}

/// The place of a three-letter code (any case) in [`by_alpha3`]; `None` for other text.
fn alpha3_slot(code: &str) -> Option<usize> {
    let b = code.as_bytes();
    if b.len() != 3 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(b.iter().fold(0, |acc, c| acc * 26 + usize::from(c.to_ascii_uppercase() - b'A')))
}

/// The table's index of every three-letter code (`u8::MAX` for none), built once from the
/// table: a loader looks up a code per row.
fn by_alpha3() -> &'static [u8] {
    static INDEX: OnceLock<Vec<u8>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = vec![u8::MAX; 26 * 26 * 26];
        for (i, row) in COUNTRIES.iter().enumerate() {
            if let (Some(slot), Ok(i)) = (alpha3_slot(row.1), u8::try_from(i)) {
                index[slot] = i;
            }
        }
        index
    })
}

fn cmp_ascii_ci(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes().map(|c| c.to_ascii_uppercase()).cmp(b.bytes().map(|c| c.to_ascii_uppercase()))
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.alpha3())
    }
}

/// The ISO 3166-1 short name, honouring width, fill and alignment (`{:<20}`).
impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Country {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Country::from_code(s)
    }
}

impl TryFrom<String> for Country {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Country::from_code(&s)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.alpha3().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_codes_are_unique() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        let mut a3: Vec<_> = COUNTRIES.iter().map(|r| r.1).collect();
        a3.sort();
        a3.dedup();
        assert_eq!(a3.len(), 249);
        let mut n: Vec<_> = COUNTRIES.iter().map(|r| r.2).collect();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), 249);
    }

    #[test]
    fn every_country_round_trips_through_its_codes() {
        for c in Country::all() {
            let a3 = Country::from_alpha2(c.alpha2()).map(|c| c.alpha3());
            assert_eq!(a3, Ok(c.alpha3()));
            let n = Country::from_alpha3(c.alpha3()).map(|c| c.numeric());
            assert_eq!(n, Ok(c.numeric()));
            assert_eq!(Country::from_code(&c.numeric_code()), Ok(c));
            assert_eq!(Country::from_code(&c.alpha2().to_lowercase()), Ok(c));
        }
    }

    #[test]
    fn trade_codes_map_explicitly() {
        let by = |a2: &str| Country::from_alpha2(a2).ok();
        assert_eq!(Country::from_trade_code(842).ok(), by("US"));
        assert_eq!(Country::from_trade_code(251).ok(), by("FR"));
        assert_eq!(Country::from_trade_code(579).ok(), by("NO"));
        assert_eq!(Country::from_trade_code(757).ok(), by("CH"));
        assert_eq!(Country::from_trade_code(699).ok(), by("IN"));
        assert_eq!(Country::from_trade_code(490).ok(), by("TW"));
        assert_eq!(Country::from_trade_code(36).ok(), by("AU"));
        assert!(Country::from_trade_code(0).is_err());
        assert!(Country::from_trade_code(999).is_err());
    }
}
