//! The production section: production by country at the commodity's production stage (mine
//! production; primary metal for aluminium), shares on both denominators, concentration and
//! guideline bands, each year from one edition.

use crate::fmt::grouped;
use serde::Serialize;

use super::{DataNote, Labels, NoteKind, ReportOptions};
use crate::Error;
use crate::chain::Stage;
use crate::dataset::{Commodity, Dataset, Flag, Measure, ProductionRecord};
use crate::error::{Context, Detail};
use crate::geo::Place;
use crate::material::Basis;
use crate::provenance::Estimate;
use crate::stats::concentration::{Remainder, concentration_ratio, hhi};
use crate::stats::growth::percent_change;
use crate::stats::guideline::{Band, Guideline, classify};
use crate::stats::share::{Denominator, Shares};

/// What a share is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DenominatorKind {
    /// The published world total (USGS: rounded, and for lithium excluding US output).
    WorldTotal,
    /// The sum of the country rows and the "Other countries" row.
    SumOfRows,
}

impl DenominatorKind {
    /// `world total` or `sum of rows`.
    pub fn label(self) -> &'static str {
        match self {
            DenominatorKind::WorldTotal => "world total",
            DenominatorKind::SumOfRows => "sum of rows",
        }
    }
}

/// Production by country: the latest year of the data (or the year asked for) and the year
/// before, both from the same edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MiningSection {
    /// The stage of the figures: [`Stage::Mining`], or [`Stage::Refining`] where the source
    /// counts primary metal (see [`Commodity::production_stage`]).
    pub stage: Stage,
    /// The latest year.
    pub latest: MiningYear,
    /// The year before, when the data has it.
    pub previous: Option<MiningYear>,
    /// Change of the published world total from the previous year, percent.
    pub world_change_pct: Option<f64>,
    /// Change of the rows' sum from the previous year, percent.
    pub rows_change_pct: Option<f64>,
}

/// One year of mine production.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MiningYear {
    /// Data year.
    pub year: i32,
    /// The published world total, t (`None` when not published).
    pub world_total_t: Option<f64>,
    /// Its flags (`rounded`, `e`).
    pub world_flags: Vec<Flag>,
    /// Its footnote (what it leaves out).
    pub world_note: String,
    /// The sum of the rows with a value (countries and "Other countries"), t.
    pub rows_sum_t: f64,
    /// The "Other countries" row, t, when published.
    pub other_countries_t: Option<f64>,
    /// World total minus the rows' sum, t (negative when the rounded total is below the rows).
    pub world_minus_rows_t: Option<f64>,
    /// The denominator of the headline shares.
    pub headline: DenominatorKind,
    /// Every row: countries ranked by output (withheld rows last), then "Other countries".
    pub producers: Vec<Producer>,
    /// Concentration on the world total (`None` when there is none, or it is below the rows).
    pub on_world_total: Option<MarketConcentration>,
    /// Concentration on the rows' sum.
    pub on_rows: MarketConcentration,
    /// Source id of the table.
    pub source: String,
    /// The edition the figures of the year come from (`MCS 2025`, `WMD 2024`); several,
    /// comma-separated in order of first row, when the rows come from several (each
    /// [`Producer::edition`] says which).
    pub edition: String,
}

impl MiningYear {
    /// The concentration on the headline denominator.
    pub fn headline_concentration(&self) -> &MarketConcentration {
        match (self.headline, &self.on_world_total) {
            (DenominatorKind::WorldTotal, Some(c)) => c,
            _ => &self.on_rows,
        }
    }

    /// A producer's headline share, percent.
    pub fn headline_pct(&self, p: &Producer) -> Option<f64> {
        match self.headline {
            DenominatorKind::WorldTotal => p.pct_of_world,
            DenominatorKind::SumOfRows => p.pct_of_rows,
        }
    }
}

/// One producer row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Producer {
    /// Country code (alpha-3) or `OTHER`.
    pub area: Place,
    /// The row label as published.
    pub name: String,
    /// Output, t (`None` when withheld or not available).
    pub tonnes: Option<f64>,
    /// Output the year before, t.
    pub previous_t: Option<f64>,
    /// Change from the year before, percent.
    pub change_pct: Option<f64>,
    /// Share of the published world total, percent.
    pub pct_of_world: Option<f64>,
    /// Share of the rows' sum, percent.
    pub pct_of_rows: Option<f64>,
    /// Rank among countries with a value (1 = largest); `None` for withheld and "Other countries".
    pub rank: Option<usize>,
    /// Published flags.
    pub flags: Vec<Flag>,
    /// Source id.
    pub source: String,
    /// Edition.
    pub edition: String,
}

/// HHI, CR3 and guideline bands on one denominator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketConcentration {
    /// The denominator.
    pub denominator: DenominatorKind,
    /// Its value, t.
    pub denominator_t: f64,
    /// The part of the denominator that no listed country accounts for ("Other countries",
    /// withheld output, rounding), t.
    pub remainder_t: f64,
    /// The same, percent of the denominator.
    pub remainder_pct: f64,
    /// HHI in points (0–10,000): low = remainder excluded, high = remainder as one producer.
    pub hhi_points: Estimate,
    /// The scale, in words.
    pub hhi_scale: String,
    /// How the remainder is treated, in words.
    pub remainder_treatment: String,
    /// CR3 in percent: low = listed countries only, high = the remainder may take a place.
    pub cr3_pct: Estimate,
    /// The three largest listed countries.
    pub top3: Vec<String>,
    /// The band of each end of the HHI range under each guideline.
    pub bands: Vec<GuidelineBand>,
}

/// An HHI range classified under one guideline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuidelineBand {
    /// The guideline.
    pub guideline: Guideline,
    /// Its short name.
    pub name: String,
    /// Band of the low end of the HHI range.
    pub band_low: Band,
    /// Band of the high end.
    pub band_high: Band,
    /// The band in words (`highly concentrated (HHI > 1,800)`), or both when they differ.
    pub band: String,
    /// The guideline's thresholds, in words.
    pub thresholds: String,
}

pub(crate) fn bands(h_low: f64, h_high: f64) -> Result<Vec<GuidelineBand>, Error> {
    let lo = crate::stats::concentration::Hhi::from_points(h_low).context("HHI low end")?;
    let hi = crate::stats::concentration::Hhi::from_points(h_high).context("HHI high end")?;
    Ok(Guideline::ALL
        .iter()
        .map(|&g| {
            let (bl, bh) = (classify(g, lo).band(), classify(g, hi).band());
            let band = if bl == bh { g.band_text(bl) } else { format!("{} to {}", g.band_text(bl), g.band_text(bh)) };
            GuidelineBand {
                guideline: g,
                name: g.name().to_string(),
                band_low: bl,
                band_high: bh,
                band,
                thresholds: g.thresholds_text().to_string(),
            }
        })
        .collect())
}

/// The value of a row in tonnes on `basis`, converting exactly when the row is on another one.
fn tonnes_on(r: &ProductionRecord, basis: &Basis) -> Result<Option<f64>, Error> {
    match &r.value {
        None => Ok(None),
        Some(a) if a.basis() == basis => Ok(Some(a.in_tonnes())),
        Some(a) => a
            .convert_to(basis)
            .map(|c| Some(c.in_tonnes()))
            .context(format!("{} {} production of {} ({})", r.commodity, r.year, r.country_as_published, r.source)),
    }
}

/// `1.9 %`, or `< 0.1 %` for a small positive percentage.
fn pct_text(p: f64) -> String {
    if p > 0.0 && p < 0.05 { "< 0.1 %".to_string() } else { format!("{p:.1} %") }
}

fn est(low: f64, high: f64, context: &str) -> Result<Estimate, Error> {
    Estimate::range(low.min(high), high.max(low)).context(context)
}

/// Concentration of the listed countries' quantities as shares of `denominator_t`.
fn concentration(
    countries: &[(Place, String, f64)],
    kind: DenominatorKind,
    denominator_t: f64,
    context: &str,
) -> Result<(MarketConcentration, Shares<Place>), Error> {
    let rows: Vec<(Place, f64)> = countries.iter().map(|(a, _, q)| (*a, *q)).collect();
    let shares = Shares::new(rows, Denominator::PublishedTotal(denominator_t)).context(context.to_string())?;
    let (remainder_t, remainder_share) = shares.unallocated().map_or((0.0, 0.0), |u| (u.quantity(), u.share()));
    let h_lo = hhi(&shares, Remainder::Excluded).points();
    let h_hi = hhi(&shares, Remainder::AsOneSupplier).points();
    let cr_lo = concentration_ratio(&shares, 3, Remainder::Excluded) * 100.0;
    let cr_hi = concentration_ratio(&shares, 3, Remainder::AsOneSupplier) * 100.0;
    let top3 = shares
        .top(3)
        .iter()
        .map(|e| countries.iter().find(|(a, _, _)| a == e.key()).map_or_else(|| e.key().to_string(), |c| c.1.clone()))
        .collect();
    let remainder_treatment = if remainder_t > 0.0 {
        format!(
            "the remainder ({} t, {} of the {}) is no single producer: excluded for the low end (a lower bound), \
             counted as one producer for the high end (an upper bound)",
            grouped(remainder_t, 2),
            pct_text(remainder_share * 100.0),
            kind.label()
        )
    } else {
        format!("no remainder: the listed countries make up the whole {}", kind.label())
    };
    let c = MarketConcentration {
        denominator: kind,
        denominator_t,
        remainder_t,
        remainder_pct: remainder_share * 100.0,
        hhi_points: est(h_lo, h_hi, context)?,
        hhi_scale: "points, 0-10,000 (sum of squared percent shares)".to_string(),
        remainder_treatment,
        cr3_pct: est(cr_lo, cr_hi, context)?,
        top3,
        bands: bands(h_lo, h_hi)?,
    };
    Ok((c, shares))
}

struct YearData {
    year: MiningYear,
    values: Vec<(Place, Option<f64>)>,
}

#[allow(clippy::too_many_arguments)]
fn build_year(
    data: &Dataset,
    commodity: Commodity,
    stage: Stage,
    year: i32,
    edition: Option<&str>,
    basis: &Basis,
    labels: &Labels,
    notes: &mut Vec<DataNote>,
) -> Result<Option<YearData>, Error> {
    let rows: Vec<&ProductionRecord> = data.production_in(commodity, stage, year, Measure::Production, edition);
    if rows.iter().all(|r| r.area == Place::World) {
        return Ok(None);
    }
    let mut editions: Vec<&str> = Vec::new();
    for r in &rows {
        if !editions.contains(&r.edition.as_str()) {
            editions.push(&r.edition);
        }
    }
    let edition = editions.join(", ");
    let world = rows.iter().find(|r| r.area == Place::World);
    let mut values: Vec<(Place, Option<f64>)> = Vec::new();
    let mut converted: Vec<String> = Vec::new();
    for r in rows.iter().filter(|r| r.area != Place::World) {
        values.push((r.area, tonnes_on(r, basis)?));
        if r.value.as_ref().is_some_and(|a| a.basis() != basis) {
            converted.push(format!("{} ({})", r.country_as_published, r.basis));
        }
    }
    let world_t = match world {
        Some(w) => tonnes_on(w, basis)?,
        None => None,
    };
    let countries: Vec<(Place, String, f64)> = rows
        .iter()
        .filter(|r| matches!(r.area, Place::Country(_)))
        .zip(values.iter().filter(|(a, _)| matches!(a, Place::Country(_))))
        .filter_map(|(r, (a, v))| v.map(|v| (*a, r.country_as_published.clone(), v)))
        .collect();
    let other_t = values.iter().find(|(a, _)| *a == Place::RestOfWorld).and_then(|(_, v)| *v);
    let rows_sum: f64 = values.iter().filter_map(|(_, v)| *v).sum();
    let ctx = format!("{commodity} {year} mine production");
    let (on_rows, rows_shares) = concentration(&countries, DenominatorKind::SumOfRows, rows_sum, &ctx)?;
    let world_usable = world_t.filter(|w| *w >= rows_sum * (1.0 - 1e-9));
    let on_world = match world_usable {
        Some(w) => Some(concentration(&countries, DenominatorKind::WorldTotal, w, &ctx)?),
        None => None,
    };
    let headline = if on_world.is_some() { DenominatorKind::WorldTotal } else { DenominatorKind::SumOfRows };
    let source =
        world.map_or_else(|| rows.first().map_or_else(String::new, |r| r.source.clone()), |w| w.source.clone());

    let mut producers: Vec<Producer> = rows
        .iter()
        .filter(|r| r.area != Place::World)
        .zip(values.iter())
        .map(|(r, (area, v))| {
            let country = matches!(area, Place::Country(_));
            let pct = |s: &Shares<Place>, d: f64| {
                if country { s.share_of(area).map(|x| x * 100.0) } else { v.map(|q| q / d * 100.0) }
            };
            Producer {
                area: *area,
                name: r.country_as_published.clone(),
                tonnes: *v,
                previous_t: None,
                change_pct: None,
                pct_of_world: v.and_then(|_| on_world.as_ref().and_then(|(c, s)| pct(s, c.denominator_t))),
                pct_of_rows: v.and_then(|_| pct(&rows_shares, rows_sum)),
                rank: if country { rows_shares.rank(area) } else { None },
                flags: r.flags.clone(),
                source: r.source.clone(),
                edition: r.edition.clone(),
            }
        })
        .collect();
    // countries by rank, then withheld / not available countries, then "Other countries"
    producers.sort_by_key(|p| match (p.area, p.rank) {
        (Place::RestOfWorld, _) => (2, 0),
        (_, Some(r)) => (0, r),
        (_, None) => (1, 0),
    });

    // notes
    let label = |a: Place| labels.name(a);
    for r in rows.iter().filter(|r| r.has_flag(Flag::Withheld)) {
        notes.push(DataNote {
            kind: NoteKind::Withheld,
            text: format!(
                "{year}: {} production withheld (W) to avoid disclosing company data; it has no share and is \
                 in neither the rows' sum{}",
                r.country_as_published,
                if world.is_some_and(|w| w.note.contains("exclude")) { " nor the world total" } else { "" }
            ),
            source: Some(r.source.clone()),
        });
    }
    for r in rows.iter().filter(|r| r.has_flag(Flag::NotAvailable) || r.has_flag(Flag::InWorldTotal)) {
        notes.push(DataNote {
            kind: NoteKind::Withheld,
            text: format!("{year}: {} has no separate figure ({})", r.country_as_published, r.flags_text()),
            source: Some(r.source.clone()),
        });
    }
    let estimated: Vec<String> =
        rows.iter().filter(|r| r.area != Place::World && r.has_flag(Flag::Estimated)).map(|r| label(r.area)).collect();
    if !estimated.is_empty() {
        let n = rows.iter().filter(|r| r.area != Place::World).count();
        let text = if estimated.len() == n {
            format!("{year}: every row is an estimate (e)")
        } else {
            format!("{year}: estimated (e): {}", estimated.join(", "))
        };
        notes.push(DataNote { kind: NoteKind::Estimated, text, source: Some(source.clone()) });
    }
    for r in rows.iter().filter(|r| r.has_flag(Flag::Zero)) {
        notes.push(DataNote {
            kind: NoteKind::Zero,
            text: format!("{year}: {} published as a dash (zero)", r.country_as_published),
            source: Some(r.source.clone()),
        });
    }
    if let (Some(w), Some(wt)) = (world, world_t) {
        let rounded = if w.has_flag(Flag::Rounded) { "rounded " } else { "" };
        let extra = if w.note.is_empty() { String::new() } else { format!(" ({})", w.note) };
        notes.push(DataNote {
            kind: NoteKind::Rounded,
            text: format!("{year}: the {rounded}world total is {} t{extra}", grouped(wt, 2)),
            source: Some(w.source.clone()),
        });
        let diff = wt - rows_sum;
        if diff > 0.0 {
            notes.push(DataNote {
                kind: NoteKind::Unallocated,
                text: format!(
                    "{year}: {} t ({} of the world total) is in no row: rounding of the total and anything it counts \
                     that the rows do not",
                    grouped(diff, 2),
                    pct_text(diff / wt * 100.0)
                ),
                source: Some(w.source.clone()),
            });
        } else if diff < 0.0 && world_usable.is_none() {
            notes.push(DataNote {
                kind: NoteKind::Denominator,
                text: format!(
                    "{year}: the rounded world total ({} t) is below the rows' sum ({} t); shares of it would add \
                     up to more than 100 %, so shares and concentration use the sum of rows",
                    grouped(wt, 2),
                    grouped(rows_sum, 2)
                ),
                source: Some(w.source.clone()),
            });
        }
    } else {
        notes.push(DataNote {
            kind: NoteKind::Denominator,
            text: format!("{year}: no world total published; shares use the sum of rows"),
            source: Some(source.clone()),
        });
    }
    if !converted.is_empty() {
        notes.push(DataNote {
            kind: NoteKind::Basis,
            text: format!("{year}: converted to {basis} by stoichiometry: {}", converted.join(", ")),
            source: None,
        });
    }

    let year_data = MiningYear {
        year,
        world_total_t: world_t,
        world_flags: world.map(|w| w.flags.clone()).unwrap_or_default(),
        world_note: world.map(|w| w.note.clone()).unwrap_or_default(),
        rows_sum_t: rows_sum,
        other_countries_t: other_t,
        world_minus_rows_t: world_t.map(|w| w - rows_sum),
        headline,
        producers,
        on_world_total: on_world.map(|(c, _)| c),
        on_rows,
        source,
        edition,
    };
    Ok(Some(YearData { year: year_data, values }))
}

trait FlagsText {
    fn flags_text(&self) -> String;
}

impl FlagsText for ProductionRecord {
    fn flags_text(&self) -> String {
        self.flags.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
    }
}

pub(crate) fn build(
    data: &Dataset,
    commodity: Commodity,
    basis: &Basis,
    options: &ReportOptions,
    labels: &Labels,
    notes: &mut Vec<DataNote>,
) -> Result<Option<MiningSection>, Error> {
    let stage = commodity.production_stage();
    let edition = options.edition.as_deref();
    let mut years: Vec<i32> = data
        .production_rows()
        .iter()
        .filter(|r| {
            r.commodity == commodity
                && r.measure == Measure::Production
                && r.stage == stage
                && r.area != Place::World
                && edition.is_none_or(|e| r.edition == e)
        })
        .map(|r| r.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let in_edition = edition.map(|e| format!(" in edition {e}")).unwrap_or_default();
    let latest_year = match (options.year, years.last()) {
        (Some(y), _) if years.contains(&y) => y,
        (Some(y), _) => {
            let held = match (years.first(), years.last()) {
                (Some(a), Some(b)) => format!("years with rows: {a}–{b}"),
                _ => "no year has rows".to_string(),
            };
            return Err(Detail::Absent {
                what: format!("{} production of {commodity} for {y}{in_edition} ({held})", stage.name()),
            }
            .into());
        }
        (None, Some(y)) => *y,
        (None, None) => {
            let extra = if commodity.note().is_empty() { String::new() } else { format!(" ({})", commodity.note()) };
            notes.push(DataNote {
                kind: NoteKind::Method,
                text: format!("no {} production rows for {commodity}{in_edition} in the data{extra}", stage.name()),
                source: None,
            });
            return Ok(None);
        }
    };
    let mut latest_notes = Vec::new();
    let Some(mut latest) = build_year(data, commodity, stage, latest_year, edition, basis, labels, &mut latest_notes)?
    else {
        return Ok(None);
    };
    // the year before: from the named edition, else from the latest edition that has it
    let mut prev_notes = Vec::new();
    let previous = build_year(data, commodity, stage, latest_year - 1, edition, basis, labels, &mut prev_notes)?;
    notes.extend(latest_notes);
    notes.extend(prev_notes);

    let (mut world_change_pct, mut rows_change_pct) = (None, None);
    if let Some(prev) = &previous {
        for p in &mut latest.year.producers {
            let before = prev.values.iter().find(|(a, _)| *a == p.area).and_then(|(_, v)| *v);
            p.previous_t = before;
            p.change_pct = match (before, p.tonnes) {
                (Some(b), Some(n)) if b > 0.0 => percent_change(b, n).ok().map(|c| c.percent()),
                _ => None,
            };
        }
        world_change_pct = match (prev.year.world_total_t, latest.year.world_total_t) {
            (Some(b), Some(n)) if b > 0.0 => percent_change(b, n).ok().map(|c| c.percent()),
            _ => None,
        };
        if prev.year.rows_sum_t > 0.0 {
            rows_change_pct = percent_change(prev.year.rows_sum_t, latest.year.rows_sum_t).ok().map(|c| c.percent());
        }
    }
    let y = &latest.year;
    let denominator_text = match y.headline {
        DenominatorKind::WorldTotal => format!(
            "mining shares: headline figures are % of the published {} world total ({} t); % of the rows' sum ({} t) \
             is shown beside them",
            y.year,
            grouped(y.world_total_t.unwrap_or(0.0), 2),
            grouped(y.rows_sum_t, 2)
        ),
        DenominatorKind::SumOfRows => {
            format!(
                "mining shares: headline figures are % of the {} rows' sum ({} t)",
                y.year,
                grouped(y.rows_sum_t, 2)
            )
        }
    };
    notes.insert(0, DataNote { kind: NoteKind::Denominator, text: denominator_text, source: Some(y.source.clone()) });
    notes.push(DataNote {
        kind: NoteKind::Method,
        text: "merger-guideline HHI bands (US 2023, US 2010, EU 2004) are written for firms in antitrust markets; \
               they are applied to country shares as a yardstick, not as a legal finding"
            .to_string(),
        source: None,
    });
    notes.insert(
        1,
        DataNote {
            kind: NoteKind::Method,
            text: format!(
                "{} production {}: edition {} ({}){}",
                stage.name(),
                latest.year.year,
                latest.year.edition,
                latest.year.source,
                previous
                    .as_ref()
                    .map(|p| format!("; {}: edition {} ({})", p.year.year, p.year.edition, p.year.source))
                    .unwrap_or_default(),
            ),
            source: Some(latest.year.source.clone()),
        },
    );
    Ok(Some(MiningSection {
        stage,
        latest: latest.year,
        previous: previous.map(|p| p.year),
        world_change_pct,
        rows_change_pct,
    }))
}
