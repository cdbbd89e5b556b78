//! Harmonized System codes at six digits.

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Serialize};

/// A six-digit code of the Harmonized System (HS) of the World Customs Organization: the
/// subheading every country's tariff shares. National 8- and 10-digit lines (US HTS
/// `2836.91.0010`, EU CN) extend it; 2- and 4-digit codes are chapters and headings.
///
/// Read from `"283691"`, `"2836.91"` or `"2836 91"`. A 4-, 8- or 10-digit code, a 5-digit
/// code (a leading zero lost by a spreadsheet), letters or an empty text are errors
/// ([`ErrorKind::Parse`](crate::ErrorKind::Parse)); a national line is cut to six digits only on request
/// ([`HsCode::from_national_line`]). Displayed as `2836.91`, serialized as `"283691"`.
///
/// The named constants cover the codes of battery-mineral trade. Two caveats:
///
/// - there is no lithium-ore heading: spodumene, petalite and lepidolite concentrates fall in
///   [`HsCode::MINERAL_SUBSTANCES_NES`] (2530.90), a basket with many other minerals, and
///   2805.19 and 2827.39 are baskets too ([`HsCode::is_basket`]);
/// - [`HsCode::LITHIUM_ION_ACCUMULATORS`] (8507.60) exists from HS2012; before, lithium-ion
///   batteries were inside 8507.80 ("other accumulators"), so series crossing 2012 need care.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::HsCode;
///
/// let code: HsCode = "2836.91".parse()?;
/// assert_eq!(code, HsCode::LITHIUM_CARBONATE);
/// assert_eq!(code.to_string(), "2836.91");
/// assert_eq!(code.describe(), Some("Lithium carbonates"));
/// assert!("2836".parse::<HsCode>().is_err()); // a heading, not a subheading
/// assert_eq!(HsCode::from_national_line("2836.91.0010")?, code);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HsCode(u32);

/// Descriptions (this crate's wording) and whether the code is a basket of unrelated goods.
const KNOWN: &[(HsCode, &str, bool)] = &[
    (HsCode::NATURAL_GRAPHITE_POWDER_FLAKES, "Natural graphite in powder or in flakes", false),
    (HsCode::NATURAL_GRAPHITE_OTHER, "Natural graphite, other than powder or flakes", false),
    (
        HsCode::MINERAL_SUBSTANCES_NES,
        "Mineral substances not elsewhere specified (includes spodumene, petalite and lepidolite concentrates)",
        true,
    ),
    (HsCode::NICKEL_ORES, "Nickel ores and concentrates", false),
    (HsCode::COBALT_ORES, "Cobalt ores and concentrates", false),
    (HsCode::ALKALI_METALS_OTHER, "Alkali metals other than sodium (includes lithium metal)", true),
    (HsCode::COBALT_OXIDES_HYDROXIDES, "Cobalt oxides and hydroxides; commercial cobalt oxides", false),
    (HsCode::LITHIUM_OXIDE_HYDROXIDE, "Lithium oxide and hydroxide", false),
    (HsCode::CHLORIDES_OTHER, "Chlorides, other (includes lithium chloride)", true),
    (HsCode::LITHIUM_CARBONATE, "Lithium carbonates", false),
    (HsCode::FERRONICKEL, "Ferro-nickel", false),
    (HsCode::UNWROUGHT_NICKEL, "Unwrought nickel, not alloyed", false),
    (
        HsCode::COBALT_MATTES_UNWROUGHT,
        "Cobalt mattes and other intermediate products; unwrought cobalt; powders",
        false,
    ),
    (HsCode::LITHIUM_PRIMARY_CELLS, "Primary cells and batteries, lithium", false),
    (HsCode::LITHIUM_ION_ACCUMULATORS, "Lithium-ion accumulators (from HS2012; earlier inside 8507.80)", false),
];

impl HsCode {
    /// 2836.91 Lithium carbonates.
    pub const LITHIUM_CARBONATE: HsCode = HsCode(283_691);
    /// 2825.20 Lithium oxide and hydroxide.
    pub const LITHIUM_OXIDE_HYDROXIDE: HsCode = HsCode(282_520);
    /// 2805.19 Alkali metals other than sodium, including lithium metal (a basket: also rubidium
    /// and caesium).
    pub const ALKALI_METALS_OTHER: HsCode = HsCode(280_519);
    /// 2827.39 Chlorides, other: includes lithium chloride (a basket).
    pub const CHLORIDES_OTHER: HsCode = HsCode(282_739);
    /// 2530.90 Mineral substances not elsewhere specified: where spodumene, petalite and
    /// lepidolite concentrates are declared (a basket; there is no lithium-ore heading).
    pub const MINERAL_SUBSTANCES_NES: HsCode = HsCode(253_090);
    /// 8507.60 Lithium-ion accumulators (from HS2012; earlier inside 8507.80).
    pub const LITHIUM_ION_ACCUMULATORS: HsCode = HsCode(850_760);
    /// 8506.50 Lithium primary cells and batteries.
    pub const LITHIUM_PRIMARY_CELLS: HsCode = HsCode(850_650);
    /// 2605.00 Cobalt ores and concentrates.
    pub const COBALT_ORES: HsCode = HsCode(260_500);
    /// 2822.00 Cobalt oxides and hydroxides.
    pub const COBALT_OXIDES_HYDROXIDES: HsCode = HsCode(282_200);
    /// 8105.20 Cobalt mattes and other intermediate products of cobalt metallurgy; unwrought
    /// cobalt; powders.
    pub const COBALT_MATTES_UNWROUGHT: HsCode = HsCode(810_520);
    /// 2504.10 Natural graphite in powder or in flakes.
    pub const NATURAL_GRAPHITE_POWDER_FLAKES: HsCode = HsCode(250_410);
    /// 2504.90 Natural graphite, other.
    pub const NATURAL_GRAPHITE_OTHER: HsCode = HsCode(250_490);
    /// 2604.00 Nickel ores and concentrates.
    pub const NICKEL_ORES: HsCode = HsCode(260_400);
    /// 7502.10 Unwrought nickel, not alloyed.
    pub const UNWROUGHT_NICKEL: HsCode = HsCode(750_210);
    /// 7202.60 Ferronickel.
    pub const FERRONICKEL: HsCode = HsCode(720_260);

    /// A code from its six digits as a number (`283691`; `30211` is `0302.11`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a number above 999999 or a chapter outside 01–97.
    pub fn new(code: u32) -> Result<HsCode, Error> {
        if code > 999_999 {
            return Err(bad(&code.to_string(), "more than six digits"));
        }
        // the code is written out (as six digits) only on the error path: loaders call this per row
        match chapter_problem(code) {
            None => Ok(HsCode(code)),
            Some(why) => Err(bad(&format!("{code:06}"), why)),
        }
    }

    /// Reads `"283691"`, `"2836.91"` or `"2836 91"` (surrounding spaces ignored).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the input and what is wrong.
    pub fn parse(s: &str) -> Result<HsCode, Error> {
        let t = s.trim();
        if t.is_empty() {
            return Err(bad(s, "empty"));
        }
        let digits: String = match t.as_bytes().get(4) {
            Some(b'.' | b' ') if t.len() == 7 => format!("{}{}", &t[..4], &t[5..]),
            _ => t.to_string(),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(s, "expected six digits, written 283691, 2836.91 or 2836 91"));
        }
        match digits.len() {
            6 => {}
            2 => return Err(bad(s, "a 2-digit HS chapter, not a 6-digit subheading")),
            4 => return Err(bad(s, "a 4-digit HS heading, not a 6-digit subheading")),
            5 => return Err(bad(s, "5 digits: was a leading zero lost? write all six digits")),
            8 | 10 => {
                return Err(bad(s, "a national 8/10-digit tariff line: use HsCode::from_national_line to cut it"));
            }
            _ => return Err(bad(s, "expected six digits")),
        }
        let n: u32 = digits.parse().map_err(|_| bad(s, "expected six digits"))?;
        check_chapter(s, n)
    }

    /// The six-digit subheading of a national 8- or 10-digit tariff line (US HTS
    /// `2836.91.0010`, EU CN `2836 91 00`): the first six digits, with `.` and spaces between
    /// digit groups ignored. Six digits are accepted as they are.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for anything but 6, 8 or 10 digits.
    pub fn from_national_line(s: &str) -> Result<HsCode, Error> {
        let t = s.trim();
        if t.is_empty() || t.starts_with(['.', ' ']) || t.ends_with(['.', ' ']) || t.contains("..") {
            return Err(bad(s, "expected a 6-, 8- or 10-digit tariff line such as 2836.91.0010"));
        }
        let digits: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || ![6, 8, 10].contains(&digits.len()) {
            return Err(bad(s, "expected a 6-, 8- or 10-digit tariff line such as 2836.91.0010"));
        }
        let n: u32 = digits[..6].parse().map_err(|_| bad(s, "expected digits"))?;
        check_chapter(s, n)
    }

    /// The six digits as a number (`283691`).
    pub const fn as_u32(self) -> u32 {
        self.0
    }

    /// The six digits as text, with leading zeros (`"283691"`, `"030211"`).
    pub fn digits(self) -> String {
        format!("{:06}", self.0)
    }

    /// The two-digit chapter (`28`).
    pub const fn chapter(self) -> u32 {
        self.0 / 10_000
    }

    /// The four-digit heading (`2836`).
    pub const fn heading(self) -> u32 {
        self.0 / 100
    }

    /// The description, for the codes named by this crate's constants.
    pub fn describe(self) -> Option<&'static str> {
        KNOWN.iter().find(|(c, _, _)| *c == self).map(|(_, d, _)| *d)
    }

    /// Whether the code is one of this crate's named codes known to mix the mineral with
    /// unrelated goods (2530.90, 2805.19, 2827.39): its trade values overstate the mineral's.
    pub fn is_basket(self) -> bool {
        KNOWN.iter().any(|(c, _, basket)| *c == self && *basket)
    }

    /// The codes this crate names, with their descriptions.
    pub fn known() -> impl Iterator<Item = (HsCode, &'static str)> {
        KNOWN.iter().map(|(c, d, _)| (*c, *d))
    }
}

fn bad(input: &str, reason: &str) -> Error {
    Detail::BadHsCode { input: input.to_string(), reason: reason.to_string() }.into()
}

/// HS chapters run from 01 to 97 (77 is reserved); 98 and 99 are left to national use.
fn chapter_problem(code: u32) -> Option<&'static str> {
    match code / 10_000 {
        0 => Some("chapter 00 does not exist"),
        77 => Some("chapter 77 is reserved and unused"),
        98 | 99 => Some("chapters 98 and 99 are national, not HS"),
        _ => None,
    }
}

fn check_chapter(input: &str, code: u32) -> Result<HsCode, Error> {
    match chapter_problem(code) {
        None => Ok(HsCode(code)),
        Some(why) => Err(bad(input, why)),
    }
}

impl fmt::Debug for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HsCode({self})")
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl FromStr for HsCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HsCode::parse(s)
    }
}

impl TryFrom<String> for HsCode {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        HsCode::parse(&s)
    }
}

impl From<HsCode> for String {
    fn from(c: HsCode) -> String {
        c.digits()
    }
}

/// A revision of the Harmonized System: the product codes of a trade table follow one.
///
/// BACI publishes one release per revision (`BACI_HS17_Y2022_V202501.csv`: HS 2017 codes);
/// UN Comtrade writes the revision as `classificationCode` `H0` … `H6`. Codes created or split
/// by a revision (8507.60 lithium-ion accumulators from HS 2012) are not comparable across
/// revisions without a correspondence table.
///
/// Read from `"HS17"`, `"hs17"` or `"H5"`; displayed and serialized as `"HS17"`.
///
/// # Examples
///
/// ```
/// use critical_minerals::trade::HsRevision;
///
/// let r: HsRevision = "H5".parse()?;
/// assert_eq!((r, r.to_string(), r.year(), r.comtrade_code()), (HsRevision::Hs17, "HS17".to_string(), 2017, "H5"));
/// assert_eq!(HsRevision::from_file_name("BACI_HS92_Y1995_V202501.csv"), Some(HsRevision::Hs92));
/// assert!("HS20".parse::<HsRevision>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum HsRevision {
    /// HS 1992 (Comtrade `H0`).
    Hs92,
    /// HS 1996 (`H1`).
    Hs96,
    /// HS 2002 (`H2`).
    Hs02,
    /// HS 2007 (`H3`).
    Hs07,
    /// HS 2012 (`H4`).
    Hs12,
    /// HS 2017 (`H5`).
    Hs17,
    /// HS 2022 (`H6`).
    Hs22,
}

const REVISIONS: [(HsRevision, &str, &str, i32); 7] = [
    (HsRevision::Hs92, "HS92", "H0", 1992),
    (HsRevision::Hs96, "HS96", "H1", 1996),
    (HsRevision::Hs02, "HS02", "H2", 2002),
    (HsRevision::Hs07, "HS07", "H3", 2007),
    (HsRevision::Hs12, "HS12", "H4", 2012),
    (HsRevision::Hs17, "HS17", "H5", 2017),
    (HsRevision::Hs22, "HS22", "H6", 2022),
];

impl HsRevision {
    fn row(self) -> (HsRevision, &'static str, &'static str, i32) {
        REVISIONS.iter().copied().find(|r| r.0 == self).unwrap_or(REVISIONS[0])
    }

    /// Every revision, oldest first.
    pub fn all() -> impl Iterator<Item = HsRevision> {
        REVISIONS.iter().map(|r| r.0)
    }

    /// The name BACI uses, `"HS17"`.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// UN Comtrade's `classificationCode`, `"H5"`.
    pub fn comtrade_code(self) -> &'static str {
        self.row().2
    }

    /// The year of the revision, `2017`.
    pub fn year(self) -> i32 {
        self.row().3
    }

    /// Reads `"HS92"` … `"HS22"` or `"H0"` … `"H6"`, any case, surrounding spaces ignored.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the input.
    pub fn parse(s: &str) -> Result<HsRevision, Error> {
        let t = s.trim();
        REVISIONS.iter().find(|r| r.1.eq_ignore_ascii_case(t) || r.2.eq_ignore_ascii_case(t)).map(|r| r.0).ok_or_else(
            || Detail::Parse { what: "HS revision", input: s.to_string(), expected: "HS92 … HS22 or H0 … H6" }.into(),
        )
    }

    /// The revision a BACI file name names (`BACI_HS17_Y2022_V202501.csv`: the part `HS17`
    /// between underscores, any case), if exactly one.
    pub fn from_file_name(name: &str) -> Option<HsRevision> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let base = base.split('.').next().unwrap_or(base);
        let mut found = base
            .split(['_', '-', ' '])
            .filter_map(|part| REVISIONS.iter().find(|r| r.1.eq_ignore_ascii_case(part)).map(|r| r.0));
        match (found.next(), found.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    }
}

impl fmt::Display for HsRevision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for HsRevision {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HsRevision::parse(s)
    }
}

impl TryFrom<String> for HsRevision {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        HsRevision::parse(&s)
    }
}

impl From<HsRevision> for String {
    fn from(r: HsRevision) -> String {
        r.name().to_string()
    }
}

/// Which HS6 products a loader keeps: codes or prefixes of 2 (chapter), 4 (heading) or 6
/// (subheading) digits, so that a large file can be cut to a few chapters in one pass.
///
/// # Examples
///
/// ```
/// use critical_minerals::trade::HsFilter;
///
/// let f = HsFilter::new(["28", "2504", "260500"])?;
/// assert!(f.contains(283691) && f.contains(250410) && f.contains(260500));
/// assert!(!f.contains(260400) && !f.contains(10121));
/// assert!(HsFilter::new(["283"]).is_err()); // a prefix is 2, 4 or 6 digits
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HsFilter {
    prefixes: Vec<String>,
    /// One bit per six-digit code.
    bits: Vec<u64>,
}

impl HsFilter {
    /// A filter keeping the codes that start with one of `prefixes` (2, 4 or 6 digits each;
    /// `"2836.91"` and `"2836 91"` are read as `"283691"`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming a prefix that is not 2, 4 or 6
    /// digits; [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no prefix.
    pub fn new<S: AsRef<str>>(prefixes: impl IntoIterator<Item = S>) -> Result<HsFilter, Error> {
        let mut bits = vec![0u64; 1_000_000usize.div_ceil(64)];
        let mut kept = Vec::new();
        for p in prefixes {
            let raw = p.as_ref();
            let digits: String = raw.trim().chars().filter(|c| !matches!(c, '.' | ' ')).collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) || ![2, 4, 6].contains(&digits.len()) {
                return Err(bad(raw, "an HS prefix is 2 (chapter), 4 (heading) or 6 (subheading) digits"));
            }
            let n: u32 = digits.parse().map_err(|_| bad(raw, "expected digits"))?;
            let width = 10u32.pow(6 - digits.len() as u32);
            for code in n * width..(n + 1) * width {
                if let Some(w) = bits.get_mut(code as usize / 64) {
                    *w |= 1 << (code % 64);
                }
            }
            kept.push(digits);
        }
        if kept.is_empty() {
            return Err(Detail::Empty { what: "HS filter (no prefix)".to_string() }.into());
        }
        kept.sort();
        kept.dedup();
        Ok(HsFilter { prefixes: kept, bits })
    }

    /// Whether the six-digit code (as a number, `10121` for 0101.21) is kept.
    #[inline]
    pub fn contains(&self, hs6: u32) -> bool {
        self.bits.get(hs6 as usize / 64).is_some_and(|w| (w >> (hs6 % 64)) & 1 == 1)
    }

    /// The prefixes, as digits, sorted.
    pub fn prefixes(&self) -> &[String] {
        &self.prefixes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_are_valid_and_described() {
        assert_eq!(KNOWN.len(), 15);
        for (c, d) in HsCode::known() {
            assert_eq!(HsCode::new(c.as_u32()), Ok(c));
            assert_eq!(HsCode::parse(&c.to_string()), Ok(c));
            assert!(!d.is_empty());
        }
        assert!(HsCode::MINERAL_SUBSTANCES_NES.is_basket());
        assert!(!HsCode::LITHIUM_CARBONATE.is_basket());
    }

    #[test]
    fn leading_zeros_survive() {
        let fish = HsCode::new(30_211);
        assert_eq!(fish.map(|c| (c.to_string(), c.digits())), Ok(("0302.11".into(), "030211".into())));
        assert!(HsCode::parse("30211").is_err());
        assert!(HsCode::new(1_000_000).is_err());
    }
}
