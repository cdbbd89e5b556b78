//! Commodities as data: a catalogue of every commodity the crate knows, with the basis each
//! source reports it on, its HS codes and its place on the critical lists.
//!
//! The catalogue (`data/commodities.csv`, compiled in as a generated table) holds the 65
//! commodities of World Mining Data 2024 (mapped to trade codes by the GeoPolRisk commodity map)
//! and lithium-ion batteries. A [`Commodity`] is a small copyable handle into it; everything
//! else is looked up.
//!
//! | column | meaning |
//! |---|---|
//! | id, name, symbol | `rare-earths`, `Rare earths`, `REE`; `lithium`, `Lithium`, `Li` |
//! | reporting bases | World Mining Data: `Li2O` for lithium, `Cr2O3` for chromium, `REO` for rare earths, gross weight (`commodity:bentonite`) for industrial minerals and fuels; USGS MCS: `Li`, `Co`, `Ni`, `natural-graphite` |
//! | default basis | the basis reports count tonnages on: the USGS basis where there is one, else World Mining Data's |
//! | HS codes | HS 2022 six-digit codes used to trade the commodity, with the stage they stand for |
//! | critical lists | EU 2023 (Regulation (EU) 2024/1252, Annex II), US 2022 (USGS, 50 minerals), US 2025 (USGS, 60) |
//! | EoL-RIR | end-of-life recycling input rate of the EU 2023 assessment |

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::commodity_table::ROWS;
use crate::Error;
use crate::chain::Stage;
use crate::error::Detail;
use crate::material::{Basis, Element};
use crate::trade::HsCode;

/// One row of the generated catalogue.
pub(super) struct Row {
    pub id: &'static str,
    pub name: &'static str,
    pub symbol: &'static str,
    pub category: &'static str,
    pub wmd_name: &'static str,
    pub wmd_basis: &'static str,
    pub usgs_basis: &'static str,
    pub default_basis: &'static str,
    pub production_stage: &'static str,
    pub hs_stage: &'static str,
    pub note: &'static str,
    pub aliases: &'static [&'static str],
    pub accepts: &'static [&'static str],
    pub hs_codes: &'static [&'static str],
    pub eu_crm_2023: bool,
    pub us_critical_2022: bool,
    pub us_critical_2025: bool,
    pub eol_rir_2023: Option<f64>,
}

/// A commodity of the catalogue: a copyable handle to its id, name, symbol, reporting bases, HS
/// codes and critical-list membership.
///
/// Parses from text case-insensitively by id, name or alias, with spaces, `_` and `-` alike
/// (`"cobalt"`, `"Rare Earths"`, `"rare-earths"`, `"Lithium (Li2O)"`, `"li"`); an unknown name is
/// an [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) error naming the text and suggesting close
/// ids. Displays and serializes as its id.
///
/// # Examples
///
/// ```
/// use critical_minerals::dataset::{Commodity, CriticalList};
/// use critical_minerals::material::Basis;
///
/// let ree: Commodity = "rare earths".parse()?;
/// assert_eq!(ree.id(), "rare-earths");
/// assert_eq!(ree.default_basis(), Some("REO".parse::<Basis>()?));
/// assert!(ree.is_on(CriticalList::Eu2023) && ree.is_on(CriticalList::Us2022));
///
/// let li: Commodity = "lithium".parse()?;
/// assert_eq!(li, Commodity::LITHIUM);
/// assert_eq!(li.default_basis(), Some("Li".parse::<Basis>()?)); // USGS counts contained Li
/// assert_eq!(li.reported_bases()[0].basis, "Li2O".parse::<Basis>()?); // World Mining Data: Li2O
/// assert!(li.accepts_basis(&"LCE".parse()?));
/// assert!(!Commodity::COBALT.accepts_basis(&"LCE".parse()?));
///
/// let err = "cobolt".parse::<Commodity>().unwrap_err().to_string();
/// assert!(err.contains("cobolt") && err.contains("cobalt"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Commodity(u16);

/// A critical-material list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CriticalList {
    /// The EU list of 34 critical raw materials of the 2023 assessment (Regulation (EU)
    /// 2024/1252, Annex II).
    Eu2023,
    /// The USGS 2022 list of 50 critical minerals (87 FR 10381).
    Us2022,
    /// The USGS 2025 list of 60 critical minerals.
    Us2025,
}

impl CriticalList {
    /// Every list.
    pub const ALL: [CriticalList; 3] = [CriticalList::Eu2023, CriticalList::Us2022, CriticalList::Us2025];

    /// `EU 2023`, `US 2022`, `US 2025`.
    pub fn name(self) -> &'static str {
        match self {
            CriticalList::Eu2023 => "EU 2023",
            CriticalList::Us2022 => "US 2022",
            CriticalList::Us2025 => "US 2025",
        }
    }
}

/// The basis one publication reports a commodity's tonnages on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedBasis {
    /// The publication (`World Mining Data`, `USGS Mineral Commodity Summaries`).
    pub publication: &'static str,
    /// Its basis.
    pub basis: Basis,
}

/// One HS code of a commodity and the stage of the chain it trades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TradeCode {
    /// The stage the code stands for (ores and concentrates: mining; oxides, unwrought metal:
    /// refining).
    pub stage: Stage,
    /// The HS six-digit code.
    pub code: HsCode,
}

impl Commodity {
    /// Lithium.
    pub const LITHIUM: Commodity = Commodity(0);
    /// Cobalt.
    pub const COBALT: Commodity = Commodity(1);
    /// Nickel.
    pub const NICKEL: Commodity = Commodity(2);
    /// Natural graphite.
    pub const NATURAL_GRAPHITE: Commodity = Commodity(3);
    /// Lithium-ion batteries (cells and packs), for stage shares and claims; no mass basis.
    pub const LI_ION_BATTERIES: Commodity = Commodity(4);

    fn row(self) -> &'static Row {
        // a Commodity is only made from an index of ROWS
        &ROWS[usize::from(self.0)]
    }

    /// Every commodity of the catalogue, in catalogue order.
    pub fn all() -> impl ExactSizeIterator<Item = Commodity> {
        // ROWS has fewer than 65,536 rows
        (0..ROWS.len()).map(|i| Commodity(i as u16))
    }

    /// The id (`rare-earths`), used in files, serde and display.
    pub fn id(self) -> &'static str {
        self.row().id
    }

    /// The name in words (`Rare earths`).
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The element symbol the commodity counts (`Li`, `Mn`), `REE` for rare earths; `None` for
    /// industrial minerals, fuels and batteries.
    pub fn symbol(self) -> Option<&'static str> {
        Some(self.row().symbol).filter(|s| !s.is_empty())
    }

    /// The category of World Mining Data (`Non-Ferrous Metals`, `Industrial Minerals`, ...).
    pub fn category(self) -> &'static str {
        self.row().category
    }

    /// Other names it is known by (lower case), including the World Mining Data name.
    pub fn aliases(self) -> &'static [&'static str] {
        self.row().aliases
    }

    /// The name World Mining Data gives it (`Lithium (Li2O)`), if it is one of its commodities.
    pub fn wmd_name(self) -> Option<&'static str> {
        Some(self.row().wmd_name).filter(|s| !s.is_empty())
    }

    /// A remark about its data (what a source counts, what the production table leaves out).
    pub fn note(self) -> &'static str {
        self.row().note
    }

    /// The basis reports count its tonnages on: the USGS basis where USGS covers it (contained
    /// Li, Co, Ni; gross natural graphite), else World Mining Data's (`REO`, `Cr2O3`, `Mn`);
    /// `None` for batteries (counted in GWh) and natural gas (a volume).
    pub fn default_basis(self) -> Option<Basis> {
        parse_basis(self.row().default_basis)
    }

    /// The basis each publication reports it on: World Mining Data first, then USGS Mineral
    /// Commodity Summaries.
    pub fn reported_bases(self) -> Vec<ReportedBasis> {
        let r = self.row();
        [("World Mining Data", r.wmd_basis), ("USGS Mineral Commodity Summaries", r.usgs_basis)]
            .into_iter()
            .filter_map(|(publication, b)| parse_basis(b).map(|basis| ReportedBasis { publication, basis }))
            .collect()
    }

    /// The element its tonnages count, when one does (`Li` for lithium, `Cr` for chromium).
    pub fn element(self) -> Option<Element> {
        self.default_basis()
            .and_then(|b| b.element())
            .or_else(|| self.symbol().and_then(|s| Element::ALL.iter().copied().find(|e| e.symbol() == s)))
    }

    /// Whether a tonnage of this commodity may be counted on `basis`: one of its reporting bases,
    /// a basis counting its element (Li, LCE, SC6 for lithium; Cr, Cr2O3 for chromium), or a
    /// basis the catalogue lists for it (natural graphite: concentrate, natural anode graphite,
    /// contained C). Batteries accept no mass basis.
    pub fn accepts_basis(self, basis: &Basis) -> bool {
        let r = self.row();
        if listed_bases(self).iter().any(|b| b == basis) {
            return true;
        }
        match (self.element(), basis.element()) {
            // a commodity with an explicit list (natural graphite) accepts only that list
            (Some(e), Some(b)) => e == b && r.accepts.is_empty(),
            _ => false,
        }
    }

    /// The stage its production rows are counted at: mining for most, refining where the
    /// source counts primary metal (aluminium), cells for batteries.
    pub fn production_stage(self) -> Stage {
        self.row().production_stage.parse().unwrap_or(Stage::Mining)
    }

    /// Its HS codes, each with the stage it trades (empty where the map gives none).
    pub fn trade_codes(self) -> Vec<TradeCode> {
        let r = self.row();
        let Ok(stage) = r.hs_stage.parse::<Stage>() else {
            return Vec::new();
        };
        r.hs_codes.iter().filter_map(|c| HsCode::parse(c).ok()).map(|code| TradeCode { stage, code }).collect()
    }

    /// Whether it is on a critical list.
    pub fn is_on(self, list: CriticalList) -> bool {
        let r = self.row();
        match list {
            CriticalList::Eu2023 => r.eu_crm_2023,
            CriticalList::Us2022 => r.us_critical_2022,
            CriticalList::Us2025 => r.us_critical_2025,
        }
    }

    /// The lists it is on.
    pub fn critical_lists(self) -> Vec<CriticalList> {
        CriticalList::ALL.into_iter().filter(|l| self.is_on(*l)).collect()
    }

    /// The end-of-life recycling input rate of the EU 2023 assessment (0–1), where given.
    pub fn eol_rir_2023(self) -> Option<f64> {
        self.row().eol_rir_2023
    }

    /// Finds a commodity by id, name, alias or symbol (see the type's documentation).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming `text` and the closest ids.
    pub fn lookup(text: &str) -> Result<Commodity, Error> {
        // the ids as files write them: no allocation on the loaders' path
        let ids = by_id();
        if let Ok(i) = ids.binary_search_by(|(id, _)| (*id).cmp(text)) {
            return Ok(ids[i].1);
        }
        let key = normalize(text);
        if !key.is_empty() {
            for c in Commodity::all() {
                let r = c.row();
                if normalizes_to(r.id, &key)
                    || normalizes_to(r.name, &key)
                    || r.aliases.iter().any(|a| normalizes_to(a, &key))
                    || (!r.symbol.is_empty() && r.symbol.eq_ignore_ascii_case(text.trim()))
                {
                    return Ok(c);
                }
            }
        }
        Err(Detail::UnknownCommodity { input: excerpt(text), suggestions: suggestions(&key) }.into())
    }
}

/// At most 60 characters of `text`, for messages.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

/// The catalogue sorted by id, for a binary search: loaders look a commodity up per row.
fn by_id() -> &'static [(&'static str, Commodity)] {
    static IDS: OnceLock<Vec<(&'static str, Commodity)>> = OnceLock::new();
    IDS.get_or_init(|| {
        let mut ids: Vec<_> = Commodity::all().map(|c| (c.id(), c)).collect();
        ids.sort_unstable();
        ids
    })
}

/// The bases the catalogue names for a commodity (default, World Mining Data's, USGS's and its
/// `accepts` list), parsed once for the whole catalogue: loaders ask per row.
fn listed_bases(c: Commodity) -> &'static [Basis] {
    static LISTED: OnceLock<Vec<Vec<Basis>>> = OnceLock::new();
    let all = LISTED.get_or_init(|| {
        ROWS.iter()
            .map(|r| {
                [r.default_basis, r.wmd_basis, r.usgs_basis]
                    .into_iter()
                    .chain(r.accepts.iter().copied())
                    .filter_map(parse_basis)
                    .collect()
            })
            .collect()
    });
    all.get(usize::from(c.0)).map_or(&[], Vec::as_slice)
}

fn parse_basis(text: &str) -> Option<Basis> {
    if text.is_empty() { None } else { text.parse().ok() }
}

fn normalize(s: &str) -> String {
    s.trim().chars().map(normal_char).collect()
}

fn normal_char(c: char) -> char {
    if c == ' ' || c == '_' { '-' } else { c.to_ascii_lowercase() }
}

/// `normalize(s) == key`, without allocating: loaders look up a commodity on every row.
fn normalizes_to(s: &str, key: &str) -> bool {
    s.trim().chars().map(normal_char).eq(key.chars())
}

/// Up to three ids within two edits of `key`, or starting with it.
fn suggestions(key: &str) -> String {
    if key.is_empty() {
        return String::new();
    }
    let mut close: Vec<(usize, &str)> = Commodity::all()
        .map(|c| c.id())
        .filter_map(|id| {
            let d = distance(key, id);
            (d <= 2 || (key.len() >= 3 && id.starts_with(key))).then_some((d, id))
        })
        .collect();
    close.sort_unstable();
    close.iter().take(3).map(|(_, id)| *id).collect::<Vec<_>>().join(", ")
}

/// Levenshtein distance, for short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl fmt::Display for Commodity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

impl fmt::Debug for Commodity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Commodity({:?})", self.id())
    }
}

impl FromStr for Commodity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Commodity::lookup(s)
    }
}

impl TryFrom<String> for Commodity {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Commodity> for String {
    fn from(c: Commodity) -> String {
        c.id().to_string()
    }
}
