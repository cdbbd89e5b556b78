//! Built-in regions: UN M49 areas, the regions battery market reports use, and policy groupings.

use serde::{Deserialize, Serialize};

use super::m49::{self, Level};
use super::names::fold;
use super::{Country, Region};

const M49_SOURCE: &str = "UN Statistics Division, Standard country or area codes for statistical use (M49), \
     online edition exported after December 2023, https://unstats.un.org/unsd/methodology/m49/overview/ \
     (data/m49.csv)";

/// EU-27 member states by ISO alpha-2 (since 1 February 2020; the Union's own member list,
/// european-union.europa.eu). [`BuiltinRegion::Eu27`] is built from it.
pub const EU27_ALPHA2: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// The 20 US free-trade-agreement partners by ISO alpha-2 (USTR list of FTAs in force; secondary restatement).
/// [`BuiltinRegion::UsFtaPartners`] is built from it.
pub const US_FTA_PARTNERS_ALPHA2: [&str; 20] = [
    "AU", "BH", "CA", "CL", "CO", "CR", "DO", "SV", "GT", "HN", "IL", "JO", "KR", "MX", "MA", "NI", "OM", "PA", "PE",
    "SG",
];

/// The US "foreign entity of concern" covered nations by ISO alpha-2 (10 U.S.C. 4872: China, Russia,
/// North Korea, Iran; secondary restatement). [`BuiltinRegion::UsFeocNations`] is built from it.
pub const US_FEOC_NATIONS_ALPHA2: [&str; 4] = ["CN", "RU", "KP", "IR"];

/// A region this crate defines, with its source. Get its members with
/// [`BuiltinRegion::region`], or look one up by name with [`Region::builtin`].
///
/// Three families:
///
/// - **UN M49** regions, sub-regions and intermediate regions, exactly as UNSD lists them in
///   `data/m49.csv`. M49 does not list Taiwan, so no M49 area contains it; Antarctica is in no
///   M49 region.
/// - **Market-report regions**, the five of battery market reports (as the battery market report cited
///   as `seed-002-market-report` in `data/sources.csv` lists them): [`NorthAmerica`](Self::NorthAmerica), [`Europe`](Self::Europe) (which
///   *is* M49 Europe, so it has one built-in), [`AsiaPacific`](Self::AsiaPacific),
///   [`LatinAmerica`](Self::LatinAmerica) and [`MiddleEastAfrica`](Self::MiddleEastAfrica).
///   They share no country ([`Partition::market_report`](super::Partition::market_report)).
/// - **Policy groupings**: [`Eu27`](Self::Eu27), [`UsFtaPartners`](Self::UsFtaPartners),
///   [`UsFeocNations`](Self::UsFeocNations).
///
/// Serialized as its name (`"EU-27"`).
///
/// # Example
///
/// ```
/// use critical_minerals::geo::{BuiltinRegion, Country, Region};
///
/// let na = Region::builtin("north america")?;
/// assert!(na.contains(Country::from_code("US")?));
/// assert!(!na.contains(Country::from_code("MX")?)); // Mexico is in Latin America there
/// assert!(Region::builtin("Latin America")?.contains(Country::from_code("MX")?));
///
/// let sub_saharan = BuiltinRegion::SubSaharanAfrica.region()?;
/// assert!(sub_saharan.contains(Country::from_code("CD")?));
/// assert!(sub_saharan.is_within(&BuiltinRegion::Africa.region()?));
/// assert!(BuiltinRegion::Eu27.source().contains("European Union"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum BuiltinRegion {
    /// M49 region "Africa" (002).
    Africa,
    /// M49 region "Americas" (019).
    Americas,
    /// M49 region "Asia" (142).
    Asia,
    /// M49 region "Europe" (150); also the "Europe" of market reports.
    Europe,
    /// M49 region "Oceania" (009).
    Oceania,
    /// M49 sub-region "Northern Africa" (015).
    NorthernAfrica,
    /// M49 sub-region "Sub-Saharan Africa" (202).
    SubSaharanAfrica,
    /// M49 sub-region "Latin America and the Caribbean" (419).
    LatinAmericaAndTheCaribbean,
    /// M49 sub-region "Northern America" (021): Bermuda, Canada, Greenland, Saint Pierre and
    /// Miquelon, United States.
    NorthernAmerica,
    /// M49 sub-region "Central Asia" (143).
    CentralAsia,
    /// M49 sub-region "Eastern Asia" (030).
    EasternAsia,
    /// M49 sub-region "South-eastern Asia" (035).
    SouthEasternAsia,
    /// M49 sub-region "Southern Asia" (034).
    SouthernAsia,
    /// M49 sub-region "Western Asia" (145), which includes Cyprus, Türkiye and the Gulf states.
    WesternAsia,
    /// M49 sub-region "Eastern Europe" (151), which includes the Russian Federation.
    EasternEurope,
    /// M49 sub-region "Northern Europe" (154).
    NorthernEurope,
    /// M49 sub-region "Southern Europe" (039).
    SouthernEurope,
    /// M49 sub-region "Western Europe" (155).
    WesternEurope,
    /// M49 sub-region "Australia and New Zealand" (053).
    AustraliaAndNewZealand,
    /// M49 sub-region "Melanesia" (054).
    Melanesia,
    /// M49 sub-region "Micronesia" (057).
    Micronesia,
    /// M49 sub-region "Polynesia" (061).
    Polynesia,
    /// M49 intermediate region "Eastern Africa" (014), within Sub-Saharan Africa.
    EasternAfrica,
    /// M49 intermediate region "Middle Africa" (017), within Sub-Saharan Africa: the DRC, Congo,
    /// Gabon, ...
    MiddleAfrica,
    /// M49 intermediate region "Southern Africa" (018), within Sub-Saharan Africa.
    SouthernAfrica,
    /// M49 intermediate region "Western Africa" (011), within Sub-Saharan Africa.
    WesternAfrica,
    /// M49 intermediate region "Caribbean" (029), within Latin America and the Caribbean.
    Caribbean,
    /// M49 intermediate region "Central America" (013), within Latin America and the Caribbean;
    /// includes Mexico.
    CentralAmerica,
    /// M49 intermediate region "South America" (005), within Latin America and the Caribbean.
    SouthAmerica,
    /// Market-report "North America": the United States and Canada only, as the seed report
    /// lists them. Mexico is under [`LatinAmerica`](Self::LatinAmerica) in that scheme; Bermuda,
    /// Greenland and Saint Pierre and Miquelon are in no market-report region.
    NorthAmerica,
    /// Market-report "Asia-Pacific": M49 Asia except Western Asia, plus M49 Oceania, plus Taiwan
    /// (which M49 does not list; the seed report names it).
    AsiaPacific,
    /// Market-report "Latin America": M49 Latin America and the Caribbean, Mexico included.
    LatinAmerica,
    /// Market-report "Middle East & Africa": M49 Africa plus M49 Western Asia (so Türkiye, the
    /// Gulf states, and also Cyprus, Armenia, Azerbaijan and Georgia).
    MiddleEastAfrica,
    /// "EU-27": the member states of the European Union since 1 February 2020 (the United
    /// Kingdom's withdrawal).
    Eu27,
    /// "US FTA partners": the 20 countries with a comprehensive free-trade agreement with the
    /// United States in force, per the USTR list. Japan's critical-minerals agreement (March
    /// 2023) is not an FTA and Japan is not a member.
    UsFtaPartners,
    /// "US FEOC covered nations": China, Russia, North Korea and Iran, the "covered nations" of
    /// 10 U.S.C. 4872 that the §30D "foreign entity of concern" rules refer to.
    UsFeocNations,
}

use crate::Error;
use crate::error::Detail;
use BuiltinRegion as B;

impl BuiltinRegion {
    /// Every built-in region: M49 regions, sub-regions and intermediate regions, then the
    /// market-report regions (Europe being the M49 one), then the policy groupings.
    pub const ALL: &'static [BuiltinRegion] = &[
        B::Africa,
        B::Americas,
        B::Asia,
        B::Europe,
        B::Oceania,
        B::NorthernAfrica,
        B::SubSaharanAfrica,
        B::LatinAmericaAndTheCaribbean,
        B::NorthernAmerica,
        B::CentralAsia,
        B::EasternAsia,
        B::SouthEasternAsia,
        B::SouthernAsia,
        B::WesternAsia,
        B::EasternEurope,
        B::NorthernEurope,
        B::SouthernEurope,
        B::WesternEurope,
        B::AustraliaAndNewZealand,
        B::Melanesia,
        B::Micronesia,
        B::Polynesia,
        B::EasternAfrica,
        B::MiddleAfrica,
        B::SouthernAfrica,
        B::WesternAfrica,
        B::Caribbean,
        B::CentralAmerica,
        B::SouthAmerica,
        B::NorthAmerica,
        B::AsiaPacific,
        B::LatinAmerica,
        B::MiddleEastAfrica,
        B::Eu27,
        B::UsFtaPartners,
        B::UsFeocNations,
    ];

    /// The five market-report regions, in the seed report's order. They form a partition.
    pub const MARKET_REPORT: [BuiltinRegion; 5] =
        [B::NorthAmerica, B::Europe, B::AsiaPacific, B::LatinAmerica, B::MiddleEastAfrica];

    /// The five M49 regions (continents).
    pub const M49_REGIONS: [BuiltinRegion; 5] = [B::Africa, B::Americas, B::Asia, B::Europe, B::Oceania];

    /// The seventeen M49 sub-regions.
    pub const M49_SUB_REGIONS: [BuiltinRegion; 17] = [
        B::NorthernAfrica,
        B::SubSaharanAfrica,
        B::LatinAmericaAndTheCaribbean,
        B::NorthernAmerica,
        B::CentralAsia,
        B::EasternAsia,
        B::SouthEasternAsia,
        B::SouthernAsia,
        B::WesternAsia,
        B::EasternEurope,
        B::NorthernEurope,
        B::SouthernEurope,
        B::WesternEurope,
        B::AustraliaAndNewZealand,
        B::Melanesia,
        B::Micronesia,
        B::Polynesia,
    ];

    /// The region's name, which [`Region::builtin`] accepts (in any case) and the built
    /// [`Region`] carries: M49's own spelling for M49 areas, "EU-27", "Asia-Pacific", ...
    pub fn name(self) -> &'static str {
        match self {
            B::Africa => "Africa",
            B::Americas => "Americas",
            B::Asia => "Asia",
            B::Europe => "Europe",
            B::Oceania => "Oceania",
            B::NorthernAfrica => "Northern Africa",
            B::SubSaharanAfrica => "Sub-Saharan Africa",
            B::LatinAmericaAndTheCaribbean => "Latin America and the Caribbean",
            B::NorthernAmerica => "Northern America",
            B::CentralAsia => "Central Asia",
            B::EasternAsia => "Eastern Asia",
            B::SouthEasternAsia => "South-eastern Asia",
            B::SouthernAsia => "Southern Asia",
            B::WesternAsia => "Western Asia",
            B::EasternEurope => "Eastern Europe",
            B::NorthernEurope => "Northern Europe",
            B::SouthernEurope => "Southern Europe",
            B::WesternEurope => "Western Europe",
            B::AustraliaAndNewZealand => "Australia and New Zealand",
            B::Melanesia => "Melanesia",
            B::Micronesia => "Micronesia",
            B::Polynesia => "Polynesia",
            B::EasternAfrica => "Eastern Africa",
            B::MiddleAfrica => "Middle Africa",
            B::SouthernAfrica => "Southern Africa",
            B::WesternAfrica => "Western Africa",
            B::Caribbean => "Caribbean",
            B::CentralAmerica => "Central America",
            B::SouthAmerica => "South America",
            B::NorthAmerica => "North America",
            B::AsiaPacific => "Asia-Pacific",
            B::LatinAmerica => "Latin America",
            B::MiddleEastAfrica => "Middle East & Africa",
            B::Eu27 => "EU-27",
            B::UsFtaPartners => "US FTA partners",
            B::UsFeocNations => "US FEOC covered nations",
        }
    }

    /// Other names [`Region::builtin`] accepts for this region (abbreviations of market
    /// reports, "EU27"). Each names one built-in only.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            B::AsiaPacific => &["Asia Pacific", "APAC"],
            B::LatinAmerica => &["LATAM"],
            B::MiddleEastAfrica => &["Middle East and Africa", "MEA"],
            B::Eu27 => &["EU27"],
            B::UsFeocNations => &["FEOC covered nations"],
            _ => &[],
        }
    }

    /// Where the membership comes from.
    pub fn source(self) -> &'static str {
        match self {
            B::NorthAmerica => {
                "Market-report region as the battery market report seed-002-market-report lists it (United States, Canada)"
            }
            B::AsiaPacific | B::LatinAmerica | B::MiddleEastAfrica => {
                "Market-report region of the battery market report seed-002-market-report, defined here from UN M49 (data/m49.csv); \
                 see the variant's documentation"
            }
            B::Eu27 => {
                "Member states of the European Union since 1 February 2020, per the Union's own member list \
                 (european-union.europa.eu)"
            }
            B::UsFtaPartners => {
                "USTR list of the 20 countries with comprehensive free-trade agreements with the United States \
                 in force (secondary restatement)"
            }
            B::UsFeocNations => {
                "Covered nations of 10 U.S.C. 4872, referred to by the 26 U.S.C. 30D foreign-entity-of-concern \
                 rules (secondary restatement)"
            }
            _ => M49_SOURCE,
        }
    }

    /// The member countries.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) if the compiled-in M49 table failed to parse (a crate bug;
    /// every built-in is built in the tests).
    pub fn region(self) -> Result<Region, Error> {
        Region::new(self.name(), self.members()?)
    }

    fn members(self) -> Result<Vec<Country>, Error> {
        let codes = |codes: &[&str]| codes.iter().map(|c| Country::from_alpha2(c)).collect::<Result<Vec<_>, _>>();
        let m49_level = match self {
            B::Africa | B::Americas | B::Asia | B::Europe | B::Oceania => Some(Level::Region),
            B::NorthernAfrica
            | B::SubSaharanAfrica
            | B::LatinAmericaAndTheCaribbean
            | B::NorthernAmerica
            | B::CentralAsia
            | B::EasternAsia
            | B::SouthEasternAsia
            | B::SouthernAsia
            | B::WesternAsia
            | B::EasternEurope
            | B::NorthernEurope
            | B::SouthernEurope
            | B::WesternEurope
            | B::AustraliaAndNewZealand
            | B::Melanesia
            | B::Micronesia
            | B::Polynesia => Some(Level::SubRegion),
            B::EasternAfrica
            | B::MiddleAfrica
            | B::SouthernAfrica
            | B::WesternAfrica
            | B::Caribbean
            | B::CentralAmerica
            | B::SouthAmerica => Some(Level::Intermediate),
            _ => None,
        };
        if let Some(level) = m49_level {
            return m49::members(level, self.name());
        }
        match self {
            B::NorthAmerica => codes(&["US", "CA"]),
            B::AsiaPacific => {
                let west = B::WesternAsia.members()?;
                let mut m: Vec<Country> = B::Asia.members()?.into_iter().filter(|c| !west.contains(c)).collect();
                m.extend(B::Oceania.members()?);
                m.extend(codes(&["TW"])?);
                Ok(m)
            }
            B::LatinAmerica => B::LatinAmericaAndTheCaribbean.members(),
            B::MiddleEastAfrica => {
                let mut m = B::Africa.members()?;
                m.extend(B::WesternAsia.members()?);
                Ok(m)
            }
            B::Eu27 => codes(&EU27_ALPHA2),
            B::UsFtaPartners => codes(&US_FTA_PARTNERS_ALPHA2),
            B::UsFeocNations => codes(&US_FEOC_NATIONS_ALPHA2),
            // every M49 area returned above
            _ => Ok(Vec::new()),
        }
    }

    /// By name or alias, in any case (see [`BuiltinRegion::name`], [`BuiltinRegion::aliases`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the input.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::geo::BuiltinRegion;
    ///
    /// assert_eq!(BuiltinRegion::from_name("eu-27")?, BuiltinRegion::Eu27);
    /// assert_eq!(BuiltinRegion::from_name("APAC")?, BuiltinRegion::AsiaPacific);
    /// assert!(BuiltinRegion::from_name("Narnia").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_name(name: &str) -> Result<BuiltinRegion, Error> {
        let key = fold(name);
        B::ALL
            .iter()
            .copied()
            .find(|b| fold(b.name()) == key || b.aliases().iter().any(|a| fold(a) == key))
            .ok_or_else(|| Detail::UnknownRegion { input: name.to_string() }.into())
    }
}

impl std::fmt::Display for BuiltinRegion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for BuiltinRegion {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BuiltinRegion::from_name(s)
    }
}

impl TryFrom<String> for BuiltinRegion {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        BuiltinRegion::from_name(&s)
    }
}

impl From<BuiltinRegion> for String {
    fn from(b: BuiltinRegion) -> String {
        b.name().to_string()
    }
}

impl Region {
    /// A built-in region by name or alias, in any case: `"EU-27"`, `"north america"`,
    /// `"Sub-Saharan Africa"`, `"APAC"`. The list is [`BuiltinRegion::ALL`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the input; [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) as
    /// [`BuiltinRegion::region`].
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::geo::{Country, Region};
    ///
    /// let eu = Region::builtin("EU-27")?;
    /// assert_eq!(eu.len(), 27);
    /// assert!(!eu.contains(Country::from_code("GB")?));
    /// let usa = Region::country(Country::from_code("USA")?);
    /// assert!(usa.is_within(&Region::builtin("North America")?));
    /// assert!(Region::builtin("Atlantis").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin(name: &str) -> Result<Region, Error> {
        BuiltinRegion::from_name(name)?.region()
    }

    /// Every built-in region, in the order of [`BuiltinRegion::ALL`].
    ///
    /// # Errors
    ///
    /// As [`BuiltinRegion::region`].
    pub fn builtins() -> Result<Vec<Region>, Error> {
        BuiltinRegion::ALL.iter().map(|b| b.region()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Country {
        Country::from_code(code).unwrap()
    }

    #[test]
    fn every_builtin_builds_and_names_resolve_to_themselves() {
        for b in BuiltinRegion::ALL {
            let r = b.region().unwrap();
            assert_eq!(r.name(), b.name());
            assert!(!r.is_empty());
            assert_eq!(BuiltinRegion::from_name(&b.name().to_uppercase()), Ok(*b));
            for a in b.aliases() {
                assert_eq!(BuiltinRegion::from_name(a), Ok(*b), "{a}");
            }
        }
    }

    #[test]
    fn names_and_aliases_are_unique() {
        let mut keys: Vec<String> = BuiltinRegion::ALL
            .iter()
            .flat_map(|b| std::iter::once(b.name()).chain(b.aliases().iter().copied()))
            .map(fold)
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn m49_areas_nest() {
        for sub in BuiltinRegion::M49_SUB_REGIONS {
            let s = sub.region().unwrap();
            let parents = BuiltinRegion::M49_REGIONS.iter().filter(|r| s.is_within(&r.region().unwrap())).count();
            assert_eq!(parents, 1, "{sub}");
        }
        for (inter, sub) in [
            (B::EasternAfrica, B::SubSaharanAfrica),
            (B::MiddleAfrica, B::SubSaharanAfrica),
            (B::SouthernAfrica, B::SubSaharanAfrica),
            (B::WesternAfrica, B::SubSaharanAfrica),
            (B::Caribbean, B::LatinAmericaAndTheCaribbean),
            (B::CentralAmerica, B::LatinAmericaAndTheCaribbean),
            (B::SouthAmerica, B::LatinAmericaAndTheCaribbean),
        ] {
            assert!(inter.region().unwrap().is_within(&sub.region().unwrap()), "{inter} in {sub}");
        }
    }

    #[test]
    fn spot_checks_against_m49() {
        assert!(B::MiddleAfrica.region().unwrap().contains(c("CD")));
        assert!(B::SouthAmerica.region().unwrap().contains(c("CL")));
        assert!(B::CentralAmerica.region().unwrap().contains(c("MX")));
        assert!(B::EasternEurope.region().unwrap().contains(c("RU")));
        assert!(B::WesternAsia.region().unwrap().contains(c("TR")));
        assert!(B::AustraliaAndNewZealand.region().unwrap().contains(c("AU")));
        assert!(!B::Asia.region().unwrap().contains(c("TW")));
        assert!(B::AsiaPacific.region().unwrap().contains(c("TW")));
        assert_eq!(B::NorthernAmerica.region().unwrap().len(), 5);
    }

    #[test]
    fn policy_groupings_have_their_published_sizes() {
        assert_eq!(B::Eu27.region().unwrap().len(), 27);
        assert_eq!(B::UsFtaPartners.region().unwrap().len(), 20);
        assert_eq!(B::UsFeocNations.region().unwrap().len(), 4);
        assert!(!B::UsFtaPartners.region().unwrap().contains(c("JP")));
        // M49 puts Cyprus in Western Asia; every other EU member is in M49 Europe
        let europe = B::Europe.region().unwrap();
        let outside: Vec<_> = B::Eu27.region().unwrap().members().iter().filter(|m| !europe.contains(*m)).collect();
        assert_eq!(outside, [c("CY")]);
    }

    #[test]
    fn serde_uses_the_name() {
        let s = serde_json::to_string(&B::MiddleEastAfrica).unwrap();
        assert_eq!(s, "\"Middle East & Africa\"");
        assert_eq!(serde_json::from_str::<BuiltinRegion>("\"apac\"").unwrap(), B::AsiaPacific);
        assert!(serde_json::from_str::<BuiltinRegion>("\"Mordor\"").is_err());
    }
}
