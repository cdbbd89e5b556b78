//! Typed records of the dataset tables and the small vocabularies their columns use.

use crate::time::Period;

use serde::{Deserialize, Serialize};

use super::Commodity;
use crate::Error;
use crate::chain::{Facility, Stage};
use crate::error::Detail;
use crate::geo::Economy;
use crate::geo::Place;
use crate::material::{Amount, Basis, Form, GradeClass};
use crate::provenance::{Confidence, Estimate, Source};
use crate::vocab::text_enum;

fn parse_err(what: &'static str, input: &str, expected: &'static str) -> Error {
    Detail::Parse { what, input: input.to_string(), expected }.into()
}

/// What a production-table row measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Measure {
    /// Output in a year.
    Production,
    /// Reserves (a stock, as published in the edition's table).
    Reserves,
}

text_enum!(Measure, "measure", "production or reserves", {
    Production => "production",
    Reserves => "reserves",
});

/// A published flag on a figure (USGS symbols and table conventions).
///
/// | text | meaning | value column |
/// |---|---|---|
/// | `W` | withheld to avoid disclosing company proprietary data | empty |
/// | `e` | estimated | any |
/// | `rounded` | a rounded total | any |
/// | `zero` (also `—`) | published as a dash: zero | `0` |
/// | `NA` | not available | empty |
/// | `in-world-total` | no separate figure, counted in the world total | empty |
/// | `gt` (also `>`) | published as "more than" the value (a lower bound) | the bound |
/// | `p` | preliminary (World Mining Data) | any |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Flag {
    /// `W`: withheld.
    Withheld,
    /// `e`: estimated.
    Estimated,
    /// `rounded`: a rounded total.
    Rounded,
    /// `zero`: published as a dash, meaning zero.
    Zero,
    /// `NA`: not available.
    NotAvailable,
    /// `in-world-total`: no separate figure; included in the world total.
    InWorldTotal,
    /// `gt`: published as "more than" the value.
    GreaterThan,
    /// `p`: preliminary.
    Preliminary,
}

text_enum!(Flag, "flag", "W, e, rounded, zero, NA, in-world-total, gt or p", {
    Withheld => "W",
    Estimated => "e",
    Rounded => "rounded",
    Zero => "zero" | "—" | "-",
    NotAvailable => "NA",
    InWorldTotal => "in-world-total",
    GreaterThan => "gt" | ">",
    Preliminary => "p",
});

impl Flag {
    /// Whether the flag stands in for a missing value (`W`, `NA`, `in-world-total`).
    pub fn means_no_value(self) -> bool {
        matches!(self, Flag::Withheld | Flag::NotAvailable | Flag::InWorldTotal)
    }
}

/// A row of `sources.csv`: a [`Source`] and how sure it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The source (its `id` is what data rows cite).
    pub source: Source,
    /// How sure it is (the `tag` column).
    pub tag: Confidence,
}

/// A row of `production.csv`: mine production or reserves of a commodity in a country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductionRecord {
    /// Commodity.
    pub commodity: Commodity,
    /// Stage of the chain (USGS tables are mine production: `mining`).
    pub stage: Stage,
    /// Production or reserves.
    pub measure: Measure,
    /// The place (column `country`): a country, the world total (`WORLD`) or the "Other
    /// countries" row (`OTHER`).
    pub area: Place,
    /// The row label as published (`Congo (Kinshasa)`).
    pub country_as_published: String,
    /// Data year (for reserves: the year of the edition's data).
    pub year: i32,
    /// The figure, `None` when withheld, not available or only in the world total.
    pub value: Option<Amount>,
    /// The basis of the figure (kept when the value is missing).
    pub basis: Basis,
    /// Published flags, in file order.
    pub flags: Vec<Flag>,
    /// Source id.
    pub source: String,
    /// The edition the figure comes from (`MCS 2025`, `WMD 2024`): the `edition` column, else the
    /// source's edition, else the source id.
    pub edition: String,
    /// Footnotes and remarks.
    pub note: String,
}

impl ProductionRecord {
    /// Whether the row carries `flag`.
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// The value in tonnes on the row's basis.
    pub fn tonnes(&self) -> Option<f64> {
        self.value.as_ref().map(Amount::in_tonnes)
    }
}

/// A row of `political_stability.csv`: the World Bank's Worldwide Governance Indicators estimate
/// of *Political Stability and Absence of Violence/Terrorism* of an economy in a year (about
/// −2.5 weak to +2.5 strong).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoliticalStabilityRecord {
    /// The economy (column `country`: ISO 3166-1 alpha-3, or a code of a territory the indicators
    /// cover such as `ANT`).
    pub economy: Economy,
    /// The name as published.
    pub country_as_published: String,
    /// Year.
    pub year: i32,
    /// The point estimate.
    pub estimate: f64,
    /// Source id.
    pub source: String,
    /// Edition (`WGI 2023`).
    pub edition: String,
}

/// What a US salient-statistics row reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum SalientItem {
    /// US production.
    Production,
    /// Imports for consumption.
    Imports,
    /// Exports.
    Exports,
    /// Apparent consumption (production + imports - exports +/- stock changes).
    ApparentConsumption,
    /// Net import reliance, % of apparent consumption.
    NetImportReliance,
    /// A price series named in the note.
    Price,
    /// Employment.
    Employment,
}

text_enum!(SalientItem, "salient item", "production, imports, exports, apparent-consumption, net-import-reliance, price or employment", {
    Production => "production",
    Imports => "imports",
    Exports => "exports",
    ApparentConsumption => "apparent-consumption",
    NetImportReliance => "net-import-reliance",
    Price => "price",
    Employment => "employment",
});

/// The unit of a salient-statistics value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SalientUnit {
    /// Tonnes on a basis (`t`).
    Tonnes(Basis),
    /// Percent (`%`).
    Percent,
    /// US dollars per tonne (`USD/t`).
    UsdPerTonne,
    /// Persons (`persons`).
    Persons,
}

impl SalientUnit {
    /// The text of the `unit` column.
    pub fn name(&self) -> &'static str {
        match self {
            SalientUnit::Tonnes(_) => "t",
            SalientUnit::Percent => "%",
            SalientUnit::UsdPerTonne => "USD/t",
            SalientUnit::Persons => "persons",
        }
    }
}

/// A row of `us_salient.csv`: one USGS salient statistic of the United States in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalientRecord {
    /// Commodity.
    pub commodity: Commodity,
    /// What is reported.
    pub item: SalientItem,
    /// Year.
    pub year: i32,
    /// The figure; `None` when withheld. With [`Flag::GreaterThan`] it is a lower bound (">50").
    pub value: Option<f64>,
    /// Its unit.
    pub unit: SalientUnit,
    /// Published flags.
    pub flags: Vec<Flag>,
    /// Source id.
    pub source: String,
    /// The edition the figure comes from (as for [`ProductionRecord::edition`]).
    pub edition: String,
    /// Definitions and remarks.
    pub note: String,
}

impl SalientRecord {
    /// Whether the row carries `flag`.
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// The value as an [`Amount`] when the unit is tonnes.
    pub fn amount(&self) -> Option<Amount> {
        match (&self.unit, self.value) {
            (SalientUnit::Tonnes(b), Some(v)) => Amount::tonnes(v, b.clone()).ok(),
            _ => None,
        }
    }
}

/// A row of `stage_shares.csv`: one source's statement of a country's share of a stage.
///
/// The share is an [`Estimate`] in percent: a point ("almost 80%" is 80 with the qualifier
/// "almost") or a range ("more than 90%" is 90–100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageShareRecord {
    /// Commodity.
    pub commodity: Commodity,
    /// Stage.
    pub stage: Stage,
    /// The place holding the share (column `country`): a country, `WORLD` or `OTHER`.
    pub area: Place,
    /// Reference year, when the source states one.
    pub year: Option<i32>,
    /// Share in percent.
    pub estimate: Estimate,
    /// The hedge word as published (`almost`, `nearly`, `more than`), empty if none.
    pub qualifier: String,
    /// The figure as the source words it (`almost two-thirds`).
    pub as_published: String,
    /// What the share is of (`share of lithium processing`).
    pub metric: String,
    /// Source id.
    pub source: String,
    /// Remarks.
    pub note: String,
}

/// Which statistic of a price series a price point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum PriceStatistic {
    /// A spot quote.
    Spot,
    /// An average (daily, monthly or annual).
    Average,
    /// The lowest quote of the period.
    Low,
    /// The highest quote of the period.
    High,
    /// The peak of a cycle.
    Peak,
}

text_enum!(PriceStatistic, "statistic", "spot, average, low, high or peak", {
    Spot => "spot",
    Average => "average",
    Low => "low",
    High => "high",
    Peak => "peak",
});

/// A row of `prices.csv`: one price of a product at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricePoint {
    /// Commodity.
    pub commodity: Commodity,
    /// The product priced (`chemical:Li2CO3`).
    pub product: Form,
    /// Its grade class, when stated.
    pub grade: Option<GradeClass>,
    /// Market or assessment (`China spot`).
    pub market: String,
    /// Date.
    pub date: Period,
    /// Which statistic.
    pub statistic: PriceStatistic,
    /// Price per tonne of product, in `currency` (positive).
    pub value: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// The hedge word as published (`about`), empty if none.
    pub qualifier: String,
    /// Source id.
    pub source: String,
    /// Remarks.
    pub note: String,
}

/// A row of `facilities.csv`: a [`Facility`] with the date its status refers to and a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacilityRecord {
    /// The facility (its `source` is always set).
    pub facility: Facility,
    /// When the status was reported.
    pub status_as_of: Option<Period>,
    /// Remarks.
    pub note: String,
}

pub(crate) fn grade_class(s: &str) -> Result<GradeClass, Error> {
    [GradeClass::Battery, GradeClass::Technical, GradeClass::Alloy, GradeClass::Research]
        .into_iter()
        .find(|g| g.name().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| parse_err("grade", s, "battery, technical, alloy or research"))
}
