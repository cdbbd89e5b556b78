//! US net import reliance: computed from the salient statistics, next to the published figure.

use serde::Serialize;

use super::{DataNote, NoteKind};
use crate::Error;
use crate::dataset::{Commodity, Dataset, Flag, SalientItem, SalientRecord};
use crate::error::Context;
use crate::material::Basis;
use crate::methods::reliance::{Agreement, Figure, NetImportReliance, PublishedNir, SalientStatistics};

/// How far a recomputed net import reliance may be from the published figure and still count as
/// confirmed, in percentage points: USGS prints whole percent computed from unrounded data, rounds
/// the components it publishes (2024 estimates to two or three significant figures), and the
/// dataset carries no stock changes.
pub const NIR_TOLERANCE_PP: f64 = 1.0;

/// US net import reliance by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelianceSection {
    /// Years with a published figure or the statistics to compute one, oldest first.
    pub years: Vec<RelianceYear>,
    /// The publisher's definition, from the latest year's note.
    pub definition: String,
}

impl RelianceSection {
    /// The latest year.
    pub fn latest(&self) -> Option<&RelianceYear> {
        self.years.last()
    }
}

/// One year of US net import reliance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelianceYear {
    /// Year.
    pub year: i32,
    /// US production, t (`None` when withheld or not in the data).
    pub production_t: Option<f64>,
    /// `reported`, `withheld (W)` or `not in the data`.
    pub production_state: String,
    /// Imports for consumption, t.
    pub imports_t: Option<f64>,
    /// Exports, t.
    pub exports_t: Option<f64>,
    /// Net imports (imports − exports), t.
    pub net_imports_t: Option<f64>,
    /// What the statistics allow.
    pub computed: ComputedNir,
    /// The published figure.
    pub published: Option<PublishedFigure>,
    /// How the two compare.
    pub agreement: Agreement,
    /// Whether any figure of the year is an estimate.
    pub estimated: bool,
    /// Source id.
    pub source: String,
}

/// Kinds of computed net import reliance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NirKind {
    /// An exact percentage.
    Percent,
    /// 100 %: no production.
    Total,
    /// Exports exceed imports.
    NetExporter,
    /// Production withheld: a range.
    Bounded,
    /// A needed figure is missing.
    NotComputable,
}

/// Net import reliance as computed from the statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComputedNir {
    /// Which case.
    pub kind: NirKind,
    /// Lower bound, percent (exclusive for `bounded`).
    pub low_pct: Option<f64>,
    /// Upper bound, percent.
    pub high_pct: Option<f64>,
    /// In words (`in (0, 100] %: production is W (withheld)`).
    pub text: String,
}

/// A published net import reliance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedFigure {
    /// The number, percent.
    pub value_pct: f64,
    /// Whether it is published as "more than" (`>50`).
    pub more_than: bool,
    /// As printed (`>50`).
    pub text: String,
}

fn figure(r: Option<&SalientRecord>) -> Figure {
    match r {
        Some(r) => match r.value {
            Some(v) => Figure::Reported(v),
            None if r.has_flag(Flag::Withheld) => Figure::Withheld,
            None => Figure::NotAvailable,
        },
        None => Figure::NotAvailable,
    }
}

pub(crate) fn build(
    data: &Dataset,
    commodity: Commodity,
    notes: &mut Vec<DataNote>,
) -> Result<Option<RelianceSection>, Error> {
    let mut years: Vec<i32> = data
        .salient()
        .iter()
        .filter(|r| {
            r.commodity == commodity
                && matches!(r.item, SalientItem::NetImportReliance | SalientItem::Imports | SalientItem::Exports)
        })
        .map(|r| r.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Ok(None);
    }
    let basis = commodity.default_basis().unwrap_or_else(|| Basis::contained(crate::material::Element::Li));
    let mut out = Vec::new();
    let mut definition = String::new();
    for year in years {
        let get = |item| data.salient_value(commodity, item, year);
        let (p, i, e, n) = (
            get(SalientItem::Production),
            get(SalientItem::Imports),
            get(SalientItem::Exports),
            get(SalientItem::NetImportReliance),
        );
        let ctx = format!("{commodity} {year} US salient statistics");
        let basis_of = |r: Option<&SalientRecord>| match r.map(|r| &r.unit) {
            Some(crate::dataset::SalientUnit::Tonnes(b)) => Some(b.clone()),
            _ => None,
        };
        let b = basis_of(i).or_else(|| basis_of(p)).unwrap_or_else(|| basis.clone());
        let stats = SalientStatistics::new(b, figure(p), figure(i), figure(e)).context(ctx.clone())?;
        let computed_nir = match stats.net_import_reliance() {
            Ok(n) => Some(n),
            Err(err) => {
                notes.push(DataNote {
                    kind: NoteKind::Method,
                    text: format!("{ctx}: net import reliance not computable: {err}"),
                    source: i.map(|r| r.source.clone()),
                });
                None
            }
        };
        let computed = match &computed_nir {
            Some(NetImportReliance::Percent { percent, .. }) => ComputedNir {
                kind: NirKind::Percent,
                low_pct: Some(*percent),
                high_pct: Some(*percent),
                text: format!("{percent:.0} %"),
            },
            Some(NetImportReliance::Total { .. }) => {
                ComputedNir { kind: NirKind::Total, low_pct: Some(100.0), high_pct: Some(100.0), text: "100 %".into() }
            }
            Some(NetImportReliance::NetExporter { .. }) => {
                ComputedNir { kind: NirKind::NetExporter, low_pct: None, high_pct: None, text: "net exporter".into() }
            }
            Some(NetImportReliance::Bounded { low, high, missing, .. }) => ComputedNir {
                kind: NirKind::Bounded,
                low_pct: Some(*low),
                high_pct: Some(*high),
                text: format!("in ({low}, {high}] %: {missing}"),
            },
            Some(NetImportReliance::NotComputable { missing }) => ComputedNir {
                kind: NirKind::NotComputable,
                low_pct: None,
                high_pct: None,
                text: format!("not computable: {missing} in the data"),
            },
            None => ComputedNir {
                kind: NirKind::NotComputable,
                low_pct: None,
                high_pct: None,
                text: "not computable".into(),
            },
        };
        let published = n.and_then(|r| {
            r.value.map(|v| {
                let more_than = r.has_flag(Flag::GreaterThan);
                PublishedFigure {
                    value_pct: v,
                    more_than,
                    text: if more_than { format!(">{v}") } else { format!("{v}") },
                }
            })
        });
        let agreement = match (&published, &computed_nir) {
            (Some(pf), Some(c)) => {
                let pn = if pf.more_than {
                    PublishedNir::MoreThan(pf.value_pct)
                } else {
                    PublishedNir::Percent(pf.value_pct)
                };
                pn.agreement(c, NIR_TOLERANCE_PP).context(ctx.clone())?
            }
            _ => Agreement::Undetermined,
        };
        if let Some(r) = n
            && !r.note.is_empty()
        {
            definition = r.note.clone();
        }
        let records = [p, i, e, n];
        let source = records.iter().flatten().map(|r| r.source.clone()).next().unwrap_or_default();
        out.push(RelianceYear {
            year,
            production_t: p.and_then(|r| r.value),
            production_state: match figure(p) {
                Figure::Reported(_) => "reported".into(),
                Figure::Withheld => "withheld (W)".into(),
                Figure::NotAvailable if p.is_some() => "not available (NA)".into(),
                Figure::NotAvailable => "not in the data".into(),
            },
            imports_t: i.and_then(|r| r.value),
            exports_t: e.and_then(|r| r.value),
            net_imports_t: stats.net_imports().ok(),
            computed,
            published,
            agreement,
            estimated: records.iter().flatten().any(|r| r.has_flag(Flag::Estimated)),
            source,
        });
    }
    if let Some(last) = out.last() {
        let text = match last.computed.kind {
            NirKind::Bounded => format!(
                "US net import reliance {}: production is withheld, so the statistics only bound it to (0, 100] %; \
                 the published figure ({}) is a band the bound does not contradict",
                last.year,
                last.published.as_ref().map_or("none", |p| p.text.as_str())
            ),
            NirKind::NotComputable => format!(
                "US net import reliance {}: the dataset holds the published figure only (the imports, exports or \
                 production behind it are not entered), so it is shown as published",
                last.year
            ),
            _ => {
                format!("US net import reliance {}: computed as (imports - exports) / apparent consumption", last.year)
            }
        };
        notes.push(DataNote { kind: NoteKind::Method, text, source: Some(last.source.clone()) });
    }
    Ok(Some(RelianceSection { years: out, definition }))
}
