//! The supply-chain report of one mineral: who produces it at each stage, how concentrated each
//! stage is, how much the United States relies on imports, what published claims say when
//! recomputed, and where every figure comes from. Pure data (serde-serializable); printing is the
//! caller's (`examples/lithium_report.rs` prints it as terminal tables, Markdown, JSON or SVG).
//!
//! | item | what it is |
//! |---|---|
//! | [`SupplyReport`], [`SupplyReport::build`] | the whole report of a [`Commodity`] |
//! | [`MiningSection`], [`MiningYear`], [`Producer`] | USGS mine production by country, latest and previous year |
//! | [`MarketConcentration`], [`GuidelineBand`], [`DenominatorKind`] | HHI (points, 0–10,000), CR3 and guideline bands on a stated denominator |
//! | [`StageSection`], [`StatedShare`], [`Statement`] | stage shares (refining, cells, ...) as the sources state them, as ranges |
//! | [`ChinaShare`] | China's share of each stage |
//! | [`RelianceSection`], [`RelianceYear`], [`ComputedNir`], [`Agreement`](crate::methods::reliance::Agreement) | US net import reliance, computed next to published |
//! | [`ClaimCheck`] | claims of documents recomputed (implied rates, changes, projections) by [`claims::recompute`](crate::claims::recompute()) |
//! | [`DataNote`], [`NoteKind`] | withheld, estimated, rounded, zero and unallocated figures; denominators and methods |
//! | [`SourceEntry`] | every source the report cites |
//! | [`StageBar`], [`Segment`], [`SupplyReport::chart`] | country shares by stage, ready to draw |
//! | [`Error`] | why a report cannot be built |
//!
//! # What the report computes
//!
//! - **Mining** (USGS mine production, latest year in the data and the year before): each
//!   producer's share of the published world total *and* of the sum of the rows, because they
//!   differ (lithium 2024: the world total of 240,000 t excludes withheld US output and is rounded;
//!   the rows sum to 235,380 t). The headline denominator is the world total when it is at least
//!   the rows' sum, else the sum of rows (natural graphite 2024: 1,600,000 t published against
//!   1,630,670 t of rows). Withheld rows have no share; the "Other countries" row is no single
//!   producer.
//! - **Concentration** on each denominator: HHI in points (0–10,000, the sum of squared percent
//!   shares) and CR3, each as a range. The *remainder* (the published total minus the listed
//!   countries: "Other countries", withheld output and rounding) is excluded for the low end (a
//!   lower bound: the remainder split among many small producers) and counted as one producer for
//!   the high end (an upper bound). Both ends are classified under the US 2023, US 2010 and
//!   EU 2004 merger guidelines (see [`Guideline`](crate::stats::guideline::Guideline));
//!   these thresholds are written for firms in antitrust markets and are used here as a yardstick
//!   for country concentration.
//! - **Other stages** (refining, battery cells) from the stage-share statements: one range per
//!   country spanning every source's statement, with each statement and its source kept.
//! - **US net import reliance** from the salient statistics (imports − exports over apparent
//!   consumption), next to the published figure and whether the two agree.
//! - **Claims** about the mineral (subjects naming it) recomputed: multiples as implied annual
//!   rates, CAGRs as multiples, market sizes projected back with each stated CAGR, percent changes
//!   against the dataset's prices, tonnages against world mine production. Share claims are not
//!   checked here.
//!
//! # Example
//!
//! ```
//! use critical_minerals::dataset::{Commodity, Dataset};
//! use critical_minerals::report::{DenominatorKind, SupplyReport};
//!
//! let data = Dataset::builtin()?;
//! let report = SupplyReport::build(&data, Commodity::LITHIUM)?;
//! let mining = report.mining.as_ref().ok_or("no mining section")?;
//! assert_eq!(mining.latest.year, 2024);
//! assert_eq!(mining.latest.headline, DenominatorKind::WorldTotal);
//! let australia = &mining.latest.producers[0];
//! assert_eq!(australia.name, "Australia");
//! // 88,000 t of the 240,000 t world total, and of the 235,380 t of rows
//! assert_eq!((australia.pct_of_world.ok_or("no share")? * 10.0).round() / 10.0, 36.7);
//! assert_eq!((australia.pct_of_rows.ok_or("no share")? * 10.0).round() / 10.0, 37.4);
//! assert_eq!(mining.latest.on_rows.hhi_points.low().round(), 2_303.0);
//! let json = serde_json::to_string(&report)?;
//! assert!(json.contains("usgs-mcs-2025-lithium"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod chart;
mod claims;
mod mining;
mod reliance;
mod stages;

use crate::provenance::Confidence;
use std::collections::BTreeMap;

use serde::Serialize;

pub use chart::{Segment, StageBar};
pub use mining::{DenominatorKind, GuidelineBand, MarketConcentration, MiningSection, MiningYear, Producer};
pub use reliance::{ComputedNir, NirKind, PublishedFigure, RelianceSection, RelianceYear};
pub use stages::{StageSection, StatedShare, Statement};

use crate::Error;
use crate::chain::Stage;
use crate::claims::ClaimCheck;
use crate::dataset::{Commodity, Dataset};
use crate::error::Detail;
use crate::geo::Place;
use crate::provenance::Estimate;

/// The supply-chain report of one commodity. Build it with [`SupplyReport::build`]; see the
/// [module documentation](self) for what each section computes.
///
/// Every figure carries the id of its source (`source` fields); [`SupplyReport::sources`] lists
/// each cited id with publisher, title, edition and table or page. Percentages are in percent
/// (`_pct`, `pct_` fields), tonnages in tonnes on [`SupplyReport::basis`] (`_t` fields).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplyReport {
    /// The commodity.
    pub commodity: Commodity,
    /// A title (`Lithium supply chain`).
    pub title: String,
    /// The basis of every tonnage (`Li`: tonnes of contained lithium).
    pub basis: String,
    /// The unit of every tonnage in words (`t of contained Li`, `t gross weight of natural graphite`).
    pub unit: String,
    /// Mine production by country (`None` when the data has no production rows).
    pub mining: Option<MiningSection>,
    /// The other stages (refining, cells, ...), and other sources' statements about mining, as
    /// ranges.
    pub stages: Vec<StageSection>,
    /// China's share of each stage with data.
    pub china: Vec<ChinaShare>,
    /// US net import reliance (`None` when the data has no salient statistics).
    pub reliance: Option<RelianceSection>,
    /// Claims about the commodity, recomputed.
    pub claims: Vec<ClaimCheck>,
    /// What a reader must know about the figures: withheld, estimated, rounded, zero and
    /// unallocated figures, denominators, methods.
    pub notes: Vec<DataNote>,
    /// Every source cited, in order of first citation.
    pub sources: Vec<SourceEntry>,
}

/// China's share of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChinaShare {
    /// The stage.
    pub stage: Stage,
    /// The commodity the share is of (lithium-ion batteries for cells).
    pub commodity: Commodity,
    /// The share in percent: a point computed from production, or the range of the sources'
    /// statements.
    pub pct: Estimate,
    /// What the share is of (`% of 2024 world total (240,000 t)`).
    pub of: String,
    /// Source ids.
    pub sources: Vec<String>,
}

/// What a data note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NoteKind {
    /// A figure withheld by the publisher (`W`).
    Withheld,
    /// Estimated figures (`e`).
    Estimated,
    /// Rounded totals.
    Rounded,
    /// Figures published as a dash (zero).
    Zero,
    /// A published total that the rows do not add up to.
    Unallocated,
    /// Which denominator the shares use.
    Denominator,
    /// Ranges from sources that differ or hedge.
    Range,
    /// A conversion between bases.
    Basis,
    /// How a figure is computed, or what it cannot say.
    Method,
}

/// One note about the figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataNote {
    /// What it is about.
    pub kind: NoteKind,
    /// The note.
    pub text: String,
    /// The source of the figures it is about, if any.
    pub source: Option<String>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    /// The id figures cite.
    pub id: String,
    /// Publisher.
    pub publisher: String,
    /// Title.
    pub title: String,
    /// Edition or date.
    pub edition: Option<String>,
    /// Table, figure or page.
    pub table_or_page: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// How sure the source is.
    pub tag: Confidence,
}

impl SupplyReport {
    /// Builds the report of `commodity` from `data` (the built-in dataset, or it merged with the
    /// user's; see [`Dataset::merge`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) for lithium-ion batteries;
    /// [`Error`] when production rows are on a basis that cannot be converted to
    /// the commodity's; [`Error`] when a calculator refuses the rows (all zero,
    /// for instance), naming the year.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    /// use critical_minerals::report::{DenominatorKind, SupplyReport};
    ///
    /// let data = Dataset::builtin()?;
    /// let graphite = SupplyReport::build(&data, Commodity::NATURAL_GRAPHITE)?;
    /// let latest = &graphite.mining.as_ref().ok_or("no mining")?.latest;
    /// // the rounded world total (1.6 Mt) is below the rows: shares use the rows
    /// assert_eq!(latest.headline, DenominatorKind::SumOfRows);
    /// assert!(latest.on_world_total.is_none());
    /// assert!(SupplyReport::build(&data, Commodity::LI_ION_BATTERIES).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(data: &Dataset, commodity: Commodity) -> Result<SupplyReport, Error> {
        SupplyReport::build_with(data, commodity, &ReportOptions::default())
    }

    /// Builds the report of `commodity` from `data` with [`ReportOptions`]: the year of the
    /// production figures, the edition they come from, and whether to use the user's rows alone.
    ///
    /// # Errors
    ///
    /// As [`SupplyReport::build`]; [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming an
    /// edition the data does not hold for the commodity; [`ErrorKind::Missing`](crate::ErrorKind::Missing)
    /// for a year without production rows (in the edition, when one is named).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    /// use critical_minerals::report::{ReportOptions, SupplyReport};
    ///
    /// let data = Dataset::builtin()?;
    /// let ree: Commodity = "rare earths".parse()?;
    /// let options = ReportOptions { year: Some(2021), ..ReportOptions::default() };
    /// let report = SupplyReport::build_with(&data, ree, &options)?;
    /// let mining = report.mining.as_ref().ok_or("no production section")?;
    /// assert_eq!((mining.latest.year, mining.latest.edition.as_str()), (2021, "WMD 2024"));
    /// assert_eq!(mining.latest.producers[0].name, "China");
    /// // no stage shares, US salient statistics or claims about rare earths: said in the notes
    /// assert!(report.reliance.is_none() && report.stages.is_empty());
    /// assert!(report.notes.iter().any(|n| n.text.contains("no US salient statistics")));
    ///
    /// let named = ReportOptions { edition: Some("MCS 2019".into()), ..ReportOptions::default() };
    /// let err = SupplyReport::build_with(&data, ree, &named).unwrap_err().to_string();
    /// assert!(err.contains("MCS 2019") && err.contains("WMD 2024"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build_with(data: &Dataset, commodity: Commodity, options: &ReportOptions) -> Result<SupplyReport, Error> {
        let Some(basis) = commodity.default_basis() else {
            return Err(Detail::UnsupportedCommodity { commodity: commodity.to_string() }.into());
        };
        let user_only;
        let data = if options.user_data_only {
            user_only = data.without_builtin();
            &user_only
        } else {
            data
        };
        if let Some(e) = &options.edition {
            let editions = data.editions(commodity);
            if !editions.contains(&e.as_str()) {
                let available = if editions.is_empty() { "none".to_string() } else { editions.join(", ") };
                return Err(
                    Detail::UnknownEdition { edition: e.clone(), commodity: commodity.to_string(), available }.into()
                );
            }
        }
        let labels = Labels::new(data);
        let mut notes = Vec::new();
        let mining = mining::build(data, commodity, &basis, options, &labels, &mut notes)?;
        let stages = stages::build(data, commodity, &labels, &mut notes);
        if let Some(m) = &mining {
            compare_mining_statements(&m.latest, &stages, &mut notes);
        }
        let china = china_shares(data, commodity, mining.as_ref(), &stages);
        let reliance = reliance::build(data, commodity, &mut notes)?;
        let claims = claims::build(data, commodity, mining.as_ref(), &mut notes)?;
        absent_sections(commodity, &stages, reliance.as_ref(), &claims, &mut notes);
        let mut report = SupplyReport {
            commodity,
            title: format!("{} supply chain", title_case(commodity)),
            basis: basis.to_string(),
            unit: match &basis {
                crate::material::Basis::Contained(e) => format!("t of contained {}", e.symbol()),
                b => format!("t gross weight ({b})"),
            },
            mining,
            stages,
            china,
            reliance,
            claims,
            notes,
            sources: Vec::new(),
        };
        report.sources = collect_sources(data, &report);
        Ok(report)
    }

    /// The source entry of `id`, if the report cites it.
    pub fn source(&self, id: &str) -> Option<&SourceEntry> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// What a report is built from: the year of its production figures, their edition, and
/// whether the built-in data is left out. The default is the latest year and the latest edition
/// of the data given, built-in rows included.
///
/// # Example
///
/// A user's figures of another edition (USGS MCS 2024, 2023 data) beside the built-in MCS 2025:
/// both editions coexist; name the edition (or use the user's rows alone) to report on them.
///
/// ```
/// use critical_minerals::dataset::{Commodity, Dataset};
/// use critical_minerals::report::{ReportOptions, SupplyReport};
///
/// let dir = std::env::temp_dir().join(format!("cm-doc-options-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(
///     dir.join("sources.csv"),
///     "id,publisher,title,edition,tag\nmcs-2024-li,U.S. Geological Survey,Mineral Commodity Summaries 2024: Lithium,MCS 2024,P\n",
/// )?;
/// std::fs::write(
///     dir.join("production.csv"),
///     "commodity,stage,measure,country,year,value_t,basis,flags,source\n\
///      lithium,mining,production,AUS,2023,86000,Li,e,mcs-2024-li\n\
///      lithium,mining,production,CHL,2023,44000,Li,e,mcs-2024-li\n",
/// )?;
/// let data = Dataset::builtin()?.merge(Dataset::from_dir(&dir)?)?;
/// let options = ReportOptions { year: Some(2023), edition: Some("MCS 2024".into()), ..ReportOptions::default() };
/// let report = SupplyReport::build_with(&data, Commodity::LITHIUM, &options)?;
/// let y = &report.mining.as_ref().ok_or("no mining")?.latest;
/// assert_eq!((y.year, y.edition.as_str(), y.producers[0].tonnes), (2023, "MCS 2024", Some(86_000.0)));
/// let alone = ReportOptions { user_data_only: true, ..ReportOptions::default() };
/// let report = SupplyReport::build_with(&data, Commodity::LITHIUM, &alone)?;
/// assert_eq!(report.mining.as_ref().ok_or("no mining")?.latest.edition, "MCS 2024");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// The year of the production figures (`None`: the latest year with production rows, in the
    /// named edition when there is one).
    pub year: Option<i32>,
    /// The edition of the production figures (`Some("MCS 2024")`; `None`: for each year, the
    /// latest edition that has it).
    pub edition: Option<String>,
    /// Report on the user's rows alone: leave out every built-in row (see
    /// [`Dataset::without_builtin`]).
    pub user_data_only: bool,
}

impl ReportOptions {
    /// The default options: latest year, latest edition, built-in rows included.
    pub fn new() -> ReportOptions {
        ReportOptions::default()
    }

    /// With the year of the production figures.
    pub fn year(mut self, year: i32) -> ReportOptions {
        self.year = Some(year);
        self
    }

    /// With the edition of the production figures.
    pub fn edition(mut self, edition: impl Into<String>) -> ReportOptions {
        self.edition = Some(edition.into());
        self
    }

    /// With the user's rows alone.
    pub fn user_data_only(mut self, yes: bool) -> ReportOptions {
        self.user_data_only = yes;
        self
    }
}

/// Notes for the sections a report leaves out because the data has nothing for them.
fn absent_sections(
    commodity: Commodity,
    stages: &[StageSection],
    reliance: Option<&RelianceSection>,
    claims: &[ClaimCheck],
    notes: &mut Vec<DataNote>,
) {
    let mut absent = Vec::new();
    if stages.is_empty() {
        absent.push(format!("no stage section: the data holds no stage-share statements about {commodity}"));
    }
    if reliance.is_none() {
        absent.push(format!("no import-reliance section: the data holds no US salient statistics for {commodity}"));
    }
    if claims.is_empty() {
        absent.push(format!("no claims section: the data holds no claims about {commodity} to recompute"));
    }
    if !absent.is_empty() {
        notes.push(DataNote { kind: NoteKind::Method, text: absent.join("; "), source: None });
    }
}

/// `Lithium`, `Natural graphite`.
fn title_case(c: Commodity) -> String {
    let name = c.name().replace('-', " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Display names of places: the publisher's label where a production row gives one, else the
/// ISO name.
pub(crate) struct Labels {
    by_area: BTreeMap<Place, String>,
}

impl Labels {
    fn new(data: &Dataset) -> Labels {
        let mut by_area = BTreeMap::new();
        // a row without a published label (optional in user files) leaves the ISO name
        for r in data.production_rows().iter().filter(|r| !r.country_as_published.trim().is_empty()) {
            by_area.entry(r.area).or_insert_with(|| r.country_as_published.clone());
        }
        Labels { by_area }
    }

    pub(crate) fn name(&self, area: Place) -> String {
        if let Some(n) = self.by_area.get(&area) {
            return n.clone();
        }
        match area {
            Place::Country(c) => c.name().to_string(),
            Place::World => "World".to_string(),
            Place::RestOfWorld => "Other countries".to_string(),
            Place::Region(r) => r.name().to_string(),
        }
    }
}

/// How a production table is named in texts: `USGS` for the USGS Mineral Commodity Summaries,
/// else the edition (`WMD 2024`).
pub(crate) fn table_name(data: &Dataset, source: &str, edition: &str) -> String {
    match data.source(source) {
        Some(s) if s.source.publisher == "U.S. Geological Survey" => "USGS".to_string(),
        _ => edition.to_string(),
    }
}

fn china_shares(
    data: &Dataset,
    commodity: Commodity,
    mining: Option<&MiningSection>,
    stages: &[StageSection],
) -> Vec<ChinaShare> {
    let mut out = Vec::new();
    let is_china = |a: &Place| a.country().is_some_and(|c| c.alpha3() == "CHN");
    if let Some(m) = mining {
        let y = &m.latest;
        if let Some(p) = y.producers.iter().find(|p| is_china(&p.area)) {
            let (pct, of) = match y.headline {
                DenominatorKind::WorldTotal => (p.pct_of_world, format!("% of the {} world total", y.year)),
                DenominatorKind::SumOfRows => (p.pct_of_rows, format!("% of the {} rows' sum", y.year)),
            };
            if let Some(pct) = pct.and_then(|v| Estimate::point(v).ok()) {
                let stage = m.stage;
                let what = if stage == Stage::Mining { "mine" } else { "primary" };
                out.push(ChinaShare {
                    stage,
                    commodity,
                    pct,
                    of: format!("{of} ({} {what} production)", table_name(data, &p.source, &y.edition)),
                    sources: vec![p.source.clone()],
                });
            }
        }
    }
    let production_stage = mining.map(|m| m.stage);
    for s in stages.iter().filter(|s| Some(s.stage) != production_stage && s.stage != Stage::Mining) {
        if let Some(c) = s.countries.iter().find(|c| is_china(&c.area)) {
            let mut sources: Vec<String> = Vec::new();
            for st in &c.statements {
                if !sources.contains(&st.source) {
                    sources.push(st.source.clone());
                }
            }
            out.push(ChinaShare {
                stage: s.stage,
                commodity: s.commodity,
                pct: c.pct,
                of: format!("stated share of {}", s.stage.label().to_lowercase()),
                sources,
            });
        }
    }
    out
}

/// Notes where another source's mining share is more than a percentage point away from the
/// share computed from the production table.
fn compare_mining_statements(y: &MiningYear, stages: &[StageSection], notes: &mut Vec<DataNote>) {
    for s in stages.iter().filter(|s| s.stage == Stage::Mining) {
        for c in &s.countries {
            let Some(computed) = y.producers.iter().find(|p| p.area == c.area).and_then(|p| y.headline_pct(p)) else {
                continue;
            };
            for st in &c.statements {
                if computed < st.pct.low() - 1.0 || computed > st.pct.high() + 1.0 {
                    notes.push(DataNote {
                        kind: NoteKind::Range,
                        text: format!(
                            "{}'s mining share stated as {} by {} differs from {:.1} % computed from the {} table ({}); \
                             the statement gives no year or basis",
                            c.name,
                            st.as_published,
                            st.source,
                            computed,
                            y.year,
                            y.headline.label()
                        ),
                        source: Some(st.source.clone()),
                    });
                }
            }
        }
    }
}

fn collect_sources(data: &Dataset, r: &SupplyReport) -> Vec<SourceEntry> {
    // the ids in reading order
    let mut all: Vec<&str> = Vec::new();
    if let Some(m) = &r.mining {
        for y in std::iter::once(&m.latest).chain(m.previous.as_ref()) {
            all.push(&y.source);
            all.extend(y.producers.iter().map(|p| p.source.as_str()));
        }
    }
    for s in &r.stages {
        for c in &s.countries {
            all.extend(c.statements.iter().map(|st| st.source.as_str()));
        }
    }
    if let Some(rel) = &r.reliance {
        all.extend(rel.years.iter().map(|y| y.source.as_str()));
    }
    for c in &r.claims {
        all.push(&c.source);
        for rc in &c.recomputed {
            all.extend(rc.sources.iter().map(String::as_str));
        }
    }
    all.extend(r.notes.iter().filter_map(|n| n.source.as_deref()));
    let mut ids: Vec<&str> = Vec::new();
    for id in all {
        if !id.is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .filter_map(|id| data.source(id))
        .map(|s| SourceEntry {
            id: s.source.id.clone(),
            publisher: s.source.publisher.clone(),
            title: s.source.title.clone(),
            edition: s.source.edition.clone(),
            table_or_page: s.source.table.clone(),
            url: s.source.url.clone(),
            tag: s.tag,
        })
        .collect()
}
