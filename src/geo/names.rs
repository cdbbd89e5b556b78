//! Country names: ISO short and official names, and the aliases data sources use.
//!
//! Names are compared after [`fold`]: surrounding spaces dropped, inner runs of white space
//! made one space, letters lower-cased, typographic apostrophes made `'` and the Latin-1
//! accented letters folded to ASCII (so "Cote d'Ivoire" finds "Côte d'Ivoire"). Nothing else is
//! guessed: no prefix matching, no edit distance.

use std::sync::OnceLock;

use super::Country;
use crate::Error;
use crate::error::Detail;

/// The ISO 3166-1 table with official names, compiled in (Debian `iso-codes` 4.15.0).
const ISO_CSV: &str = include_str!("../../data/iso3166-1.csv");
const ISO_FILE: &str = "data/iso3166-1.csv";

/// Aliases used by USGS Mineral Commodity Summaries, UN Comtrade, UN M49, the World Bank and
/// market reports, each as `(alias, ISO alpha-2)`.
///
/// Each alias names exactly one country: a test checks that no alias collides with the name of
/// another country. Names that fit several countries are not aliases: "Korea" and "Virgin
/// Islands" are refused by [`Country::from_name`] with [`ErrorKind::Ambiguous`](crate::ErrorKind::Ambiguous).
/// "Congo" alone is ISO's short name of the Republic of the Congo (CG, Brazzaville), *not* of
/// the Democratic Republic of the Congo (CD, Kinshasa), whatever a cobalt report means by it.
pub const COUNTRY_ALIASES: &[(&str, &str)] = &[
    // United States
    ("United States", "US"),
    ("United States of America", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("USA", "US"),
    // the two Congos: USGS writes the capital in parentheses, Comtrade and the World Bank differ
    ("Congo (Kinshasa)", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("DR Congo", "CD"),
    ("DRC", "CD"),
    ("Democratic Republic of the Congo", "CD"),
    ("Congo, Dem. Rep.", "CD"),
    ("Dem. Rep. of the Congo", "CD"),
    ("Congo (Brazzaville)", "CG"),
    ("Congo-Brazzaville", "CG"),
    ("Republic of the Congo", "CG"),
    ("Congo, Rep.", "CG"),
    // the two Koreas
    ("Korea, Rep.", "KR"),
    ("Korea, Republic of", "KR"),
    ("Republic of Korea", "KR"),
    ("Rep. of Korea", "KR"),
    ("South Korea", "KR"),
    ("Korea, South", "KR"),
    ("Korea, North", "KP"),
    ("North Korea", "KP"),
    ("Korea, Dem. People's Rep.", "KP"),
    ("Dem. People's Rep. of Korea", "KP"),
    // short forms of long ISO names
    ("Russia", "RU"),
    ("Iran", "IR"),
    ("Iran (Islamic Republic of)", "IR"),
    ("Vietnam", "VN"),
    ("Bolivia", "BO"),
    ("Bolivia (Plurinational State of)", "BO"),
    ("Taiwan", "TW"),
    ("Chinese Taipei", "TW"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("Czech Rep.", "CZ"),
    ("U.K.", "GB"),
    ("UK", "GB"),
    ("United Kingdom", "GB"),
    ("Great Britain", "GB"),
    ("Laos", "LA"),
    ("Lao PDR", "LA"),
    ("Tanzania", "TZ"),
    ("Venezuela", "VE"),
    ("Venezuela (Bolivarian Republic of)", "VE"),
    ("Syria", "SY"),
    ("Moldova", "MD"),
    ("Republic of Moldova", "MD"),
    ("Burma", "MM"),
    ("Cote d'Ivoire", "CI"),
    ("Ivory Coast", "CI"),
    ("UAE", "AE"),
    ("U.A.E.", "AE"),
    ("United Arab Emirates", "AE"),
    ("Saudi Arabia", "SA"),
    ("Brunei", "BN"),
    ("Cape Verde", "CV"),
    ("East Timor", "TL"),
    ("Swaziland", "SZ"),
    ("Macau", "MO"),
    ("Hong Kong SAR", "HK"),
    ("Palestine", "PS"),
    ("State of Palestine", "PS"),
    ("Kyrgyz Republic", "KG"),
    ("Slovak Republic", "SK"),
    ("Netherlands (Kingdom of the)", "NL"),
    ("Micronesia (Federated States of)", "FM"),
];

/// Names that fit several countries, refused rather than guessed.
const AMBIGUOUS: &[(&str, &[&str])] = &[("Korea", &["KR", "KP"]), ("Virgin Islands", &["VG", "VI"])];

/// The normal form names are compared in (see the module docs).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.trim().chars() {
        if ch.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for l in ch.to_lowercase() {
            out.push(fold_letter(l));
        }
    }
    out
}

fn fold_letter(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// Folded name -> countries, sorted by name; a name with two countries is ambiguous.
struct NameIndex {
    entries: Vec<(String, Country)>,
    official: Vec<Option<String>>,
}

fn index() -> Result<&'static NameIndex, Error> {
    static INDEX: OnceLock<Result<NameIndex, Error>> = OnceLock::new();
    INDEX.get_or_init(build_index).as_ref().map_err(Clone::clone)
}

#[derive(serde::Deserialize)]
struct IsoRow {
    alpha2: String,
    official_name: String,
}

fn build_index() -> Result<NameIndex, Error> {
    let mut entries = Vec::new();
    let mut official = vec![None; Country::all().len()];
    for c in Country::all() {
        entries.push((fold(c.name()), c));
    }
    let mut reader = csv::Reader::from_reader(ISO_CSV.as_bytes());
    for (i, row) in reader.deserialize::<IsoRow>().enumerate() {
        let row = row.map_err(|e| embedded_error(ISO_FILE, &e))?;
        // line 1 is the header; no record spans lines
        let c = Country::from_alpha2(&row.alpha2).map_err(|e| Detail::EmbeddedData {
            file: ISO_FILE,
            line: i as u64 + 2,
            message: e.to_string(),
        })?;
        if !row.official_name.is_empty() {
            entries.push((fold(&row.official_name), c));
            official[c.index()] = Some(row.official_name);
        }
    }
    for (alias, a2) in COUNTRY_ALIASES {
        entries.push((fold(alias), Country::from_alpha2(a2)?));
    }
    for (name, a2s) in AMBIGUOUS {
        for a2 in *a2s {
            entries.push((fold(name), Country::from_alpha2(a2)?));
        }
    }
    entries.sort();
    entries.dedup();
    Ok(NameIndex { entries, official })
}

/// A csv error as [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData), with its line.
pub(crate) fn embedded_error(file: &'static str, e: &csv::Error) -> Error {
    Detail::EmbeddedData { file, line: e.position().map_or(0, |p| p.line()), message: e.to_string() }.into()
}

impl Country {
    /// By name: the ISO short name ([`Country::name`]), the ISO official name
    /// ([`Country::official_name`]) or an alias of [`COUNTRY_ALIASES`], in any case, with
    /// accents and apostrophes folded (see the module docs).
    ///
    /// "Congo" is the Republic of the Congo (ISO short name); the DRC is "Congo (Kinshasa)",
    /// "DR Congo" or "Democratic Republic of the Congo". Names that fit two countries, such as
    /// "Korea", are refused.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the input when no country has that name,
    /// [`ErrorKind::Ambiguous`](crate::ErrorKind::Ambiguous) when several have.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::geo::Country;
    ///
    /// assert_eq!(Country::from_name("Congo (Kinshasa)")?.alpha2(), "CD");
    /// assert_eq!(Country::from_name("korea, republic of")?.alpha2(), "KR");
    /// assert_eq!(Country::from_name("Cote d'Ivoire")?.alpha2(), "CI");
    /// assert_eq!(Country::from_name("Namibia")?.alpha2(), "NA");
    /// assert!(Country::from_name("Korea").is_err()); // North or South?
    /// assert!(Country::from_name("Atlantis").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Country, Error> {
        let key = fold(name);
        let idx = index()?;
        let start = idx.entries.partition_point(|(k, _)| k.as_str() < key.as_str());
        let found: Vec<Country> = idx.entries[start..].iter().take_while(|(k, _)| *k == key).map(|(_, c)| *c).collect();
        match found.as_slice() {
            [c] => Ok(*c),
            [] => Err(Detail::UnknownCountry { input: name.to_string(), expected: "a country name" }.into()),
            many => Err(Detail::AmbiguousCountryName {
                input: name.to_string(),
                candidates: many.iter().map(|c| c.alpha3().to_string()).collect(),
            }
            .into()),
        }
    }

    /// By code or name: an ISO code as [`Country::from_code`] first ("NA" is Namibia), then a
    /// name as [`Country::from_name`] ("UK", "UAE", "South Korea").
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the input when it is neither a code nor a name,
    /// [`ErrorKind::Ambiguous`](crate::ErrorKind::Ambiguous) for a name that fits several countries.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::geo::Country;
    ///
    /// let us = Country::from_code("US")?;
    /// for s in ["US", "usa", "840", "United States", "U.S."] {
    ///     assert_eq!(Country::lookup(s)?, us);
    /// }
    /// assert_eq!(Country::lookup("UK")?.alpha3(), "GBR");
    /// assert!(Country::lookup("XX").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup(input: &str) -> Result<Country, Error> {
        if let Ok(c) = Country::from_code(input) {
            return Ok(c);
        }
        Country::from_name(input).map_err(|e| match e.detail() {
            Detail::UnknownCountry { .. } => {
                Detail::UnknownCountry { input: input.to_string(), expected: "an ISO 3166-1 code or a country name" }
                    .into()
            }
            _ => e,
        })
    }

    /// ISO official name where ISO gives one (`"Plurinational State of Bolivia"`), else `None`
    /// (Debian `iso-codes` 4.15.0 lists none for, e.g., Canada).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) if the compiled-in table failed to parse (a crate bug, tested).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::geo::Country;
    ///
    /// assert_eq!(Country::from_code("BO")?.official_name()?, Some("Plurinational State of Bolivia"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn official_name(self) -> Result<Option<&'static str>, Error> {
        Ok(index()?.official.get(self.index()).and_then(|o| o.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_iso_table_parses() {
        let idx = build_index().unwrap();
        assert_eq!(idx.official.len(), 249);
        assert!(idx.official.iter().filter(|o| o.is_some()).count() > 100);
    }

    #[test]
    fn fold_normalizes_case_space_accents_apostrophes() {
        assert_eq!(fold("  Côte  d\u{2019}Ivoire "), "cote d'ivoire");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold("Åland\tIslands"), "aland islands");
        assert_ne!(fold("Niger"), fold("Nigeria"));
    }

    #[test]
    fn every_alias_names_exactly_its_country() {
        for (alias, a2) in COUNTRY_ALIASES {
            assert_eq!(Country::from_name(alias).map(|c| c.alpha2()), Ok(*a2), "alias {alias:?}");
        }
    }

    #[test]
    fn every_iso_name_and_official_name_is_unambiguous() {
        for c in Country::all() {
            assert_eq!(Country::from_name(c.name()), Ok(c), "{}", c.name());
            if let Some(o) = c.official_name().unwrap() {
                assert_eq!(Country::from_name(o), Ok(c), "{o}");
            }
        }
    }

    #[test]
    fn ambiguous_names_are_refused_with_candidates() {
        match Country::from_name("korea") {
            Err(e) if matches!(e.detail(), Detail::AmbiguousCountryName { .. }) => {
                let Detail::AmbiguousCountryName { input, candidates } = e.detail().clone() else { unreachable!() };
                assert_eq!(input, "korea");
                assert_eq!(candidates.len(), 2);
                assert!(candidates.contains(&"KOR".to_string()) && candidates.contains(&"PRK".to_string()));
            }
            other => panic!("expected ambiguity, got {other:?}"),
        }
        assert!(
            matches!(Country::lookup("Virgin Islands"), Err(ref e) if matches!(e.detail(), Detail::AmbiguousCountryName { .. }))
        );
    }

    #[test]
    fn congo_alone_is_brazzaville_per_iso() {
        assert_eq!(Country::from_name("Congo").map(|c| c.alpha2()), Ok("CG"));
        assert_eq!(Country::from_name("DRC").map(|c| c.alpha2()), Ok("CD"));
    }
}
