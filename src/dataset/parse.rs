//! Typing and writing each table: text rows <-> records, with every check of the loaders.

use crate::time::Period;
use std::cell::RefCell;
use std::collections::HashMap;

use super::Commodity;
use super::records::{
    FacilityRecord, Flag, Measure, PoliticalStabilityRecord, PricePoint, ProductionRecord, SalientItem, SalientRecord,
    SalientUnit, SourceRecord, StageShareRecord, grade_class,
};
use super::table::Row;
use crate::Error;
use crate::chain::{Capacity, Company, Facility, FacilityStatus, Stage};
use crate::claims::{Bound, Claim, ClaimFigure, ClaimKind, ClaimUnit, Invalid, Stated};
use crate::error::Detail;
use crate::geo::{Country, Economy, Place};
use crate::material::{Amount, Basis, Form, Rate};
use crate::provenance::{Estimate, Source};
use crate::units;
use uom::si::mass_rate::kilogram_per_second;
use uom::si::power::watt;

/// The source ids a table may cite, each with the edition its rows default to (the source's
/// edition, else its id); and the last basis a row named, with its commodity (the rows of one
/// commodity repeat it, so it is parsed and checked once per run of rows).
#[derive(Default)]
pub(crate) struct SourceIds {
    editions: HashMap<String, String>,
    last_basis: RefCell<Option<(Commodity, String, Basis)>>,
}

impl SourceIds {
    pub(crate) fn new() -> SourceIds {
        SourceIds::default()
    }
}

impl FromIterator<(String, String)> for SourceIds {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> SourceIds {
        SourceIds { editions: iter.into_iter().collect(), last_basis: RefCell::new(None) }
    }
}

/// A table's key: the columns that must be unique together, as a typed value (hashed and
/// compared without writing text) and as the text an error names. Both list the same columns.
pub(crate) struct Key<T, K> {
    pub value: fn(&T) -> K,
    pub text: fn(&T) -> String,
}

/// The key of a production row.
pub(crate) const PRODUCTION_KEY: Key<ProductionRecord, (Commodity, Stage, Measure, Place, i32, String)> =
    Key { value: |r| (r.commodity, r.stage, r.measure, r.area, r.year, r.edition.clone()), text: production_key };
/// The key of a salient-statistics row.
pub(crate) const SALIENT_KEY: Key<SalientRecord, (Commodity, SalientItem, i32, String)> =
    Key { value: |r| (r.commodity, r.item, r.year, r.edition.clone()), text: salient_key };
/// The key of a political-stability row.
pub(crate) const POLITICAL_STABILITY_KEY: Key<PoliticalStabilityRecord, (Economy, i32, String)> =
    Key { value: |r| (r.economy, r.year, r.edition.clone()), text: political_stability_key };
/// The keys of the small tables: their text.
pub(crate) const SOURCE_KEY: Key<SourceRecord, String> = Key { value: source_key, text: source_key };
/// See [`SOURCE_KEY`].
pub(crate) const STAGE_SHARE_KEY: Key<StageShareRecord, String> = Key { value: stage_share_key, text: stage_share_key };
/// See [`SOURCE_KEY`].
pub(crate) const CLAIM_KEY: Key<Claim, String> = Key { value: claim_key, text: claim_key };
/// See [`SOURCE_KEY`].
pub(crate) const PRICE_KEY: Key<PricePoint, String> = Key { value: price_key, text: price_key };
/// See [`SOURCE_KEY`].
pub(crate) const FACILITY_KEY: Key<FacilityRecord, String> = Key { value: facility_key, text: facility_key };

/// The edition of a row: its `edition` column, else the default of its source.
fn edition(row: &Row<'_>, ids: &SourceIds, source: &str) -> String {
    let own = row.text("edition");
    if own.is_empty() {
        ids.editions.get(source).cloned().unwrap_or_else(|| source.to_string())
    } else {
        own.to_string()
    }
}

fn check_source(row: &Row<'_>, ids: &SourceIds) -> Result<String, Error> {
    let id = row.required("source")?;
    if let Some((known, _)) = ids.editions.get_key_value(id) {
        Ok(known.clone())
    } else {
        Err(Detail::UnknownSource {
            file: row.file.to_string(),
            row: row.row,
            line: row.line,
            column: "source".to_string(),
            value: id.to_string(),
        }
        .into())
    }
}

fn flags(row: &Row<'_>, column: &str) -> Result<Vec<Flag>, Error> {
    let mut out = Vec::new();
    for part in row.text(column).split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let f: Flag = part.parse().map_err(|e: Error| row.bad(column, e.to_string()))?;
        if out.contains(&f) {
            return Err(row.bad(column, format!("flag {f} is given twice")));
        }
        out.push(f);
    }
    Ok(out)
}

fn join_flags(flags: &[Flag]) -> String {
    flags.iter().map(|f| f.name()).collect::<Vec<_>>().join(";")
}

fn opt_text<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Checks a value column against its flags: an empty value needs a no-value flag, a value must
/// not carry one, `zero` needs 0, and a negative value is refused unless `allow_negative`.
fn value_with_flags(row: &Row<'_>, column: &str, flags: &[Flag], allow_negative: bool) -> Result<Option<f64>, Error> {
    let no_value = flags.iter().find(|f| f.means_no_value());
    match (row.number(column)?, no_value) {
        (None, Some(_)) => Ok(None),
        (None, None) => Err(row.bad(column, "the value is empty: give it, or flag it W, NA or in-world-total")),
        (Some(_), Some(f)) => Err(row.bad(column, format!("a value is given but the row is flagged {f}"))),
        (Some(v), None) => {
            if v < 0.0 && !allow_negative {
                return Err(row.bad(column, "a tonnage cannot be negative"));
            }
            if flags.contains(&Flag::Zero) && v != 0.0 {
                return Err(row.bad(column, "the row is flagged zero but the value is not 0"));
            }
            Ok(Some(v))
        }
    }
}

/// The `country` column of a production or stage-share row: a country, `WORLD` or `OTHER`.
fn row_place(row: &Row<'_>) -> Result<Place, Error> {
    let place: Place = row.parse("country")?;
    if let Place::Region(r) = place {
        return Err(
            row.bad("country", format!("a row is about a country, WORLD or OTHER, not the region {}", r.name()))
        );
    }
    Ok(place)
}

pub(crate) fn source(row: &Row<'_>) -> Result<SourceRecord, Error> {
    let id = row.required("id")?;
    let mut s = Source::new(id, row.text("publisher"), row.text("title")).map_err(|e| match e.detail() {
        Detail::MissingField { field, .. } => row.bad(field, "a value is required"),
        other => row.bad("id", other.to_string()),
    })?;
    s.edition = Some(row.owned("edition")).filter(|t| !t.is_empty());
    s.table = Some(row.owned("table_or_page")).filter(|t| !t.is_empty());
    s.url = Some(row.owned("url")).filter(|t| !t.is_empty());
    Ok(SourceRecord { source: s, tag: row.parse("tag")? })
}

pub(crate) fn source_fields(r: &SourceRecord) -> Vec<String> {
    let s = &r.source;
    vec![
        s.id.clone(),
        s.publisher.clone(),
        s.title.clone(),
        opt_text(&s.edition),
        opt_text(&s.table),
        opt_text(&s.url),
        r.tag.name().to_string(),
    ]
}

fn basis_for(row: &Row<'_>, column: &str, commodity: Commodity, ids: &SourceIds) -> Result<Basis, Error> {
    let text = row.text(column);
    if let Some((c, t, b)) = &*ids.last_basis.borrow()
        && *c == commodity
        && t == text
    {
        return Ok(b.clone());
    }
    if text.is_empty() {
        return Err(row.bad(column, "a tonnage needs a basis (Li, Co, Ni, natural-graphite, LCE, ...)"));
    }
    let basis: Basis = row.parse(column)?;
    if !commodity.accepts_basis(&basis) {
        return Err(row.bad(column, format!("basis {basis} does not count {commodity}")));
    }
    *ids.last_basis.borrow_mut() = Some((commodity, text.to_string(), basis.clone()));
    Ok(basis)
}

pub(crate) fn production(row: &Row<'_>, ids: &SourceIds) -> Result<ProductionRecord, Error> {
    let commodity: Commodity = row.parse("commodity")?;
    let stage: Stage = row.parse("stage")?;
    let measure: Measure = row.parse("measure")?;
    let area = row_place(row)?;
    let year = row.year("year")?.ok_or_else(|| row.bad("year", "a value is required"))?;
    let basis = basis_for(row, "basis", commodity, ids)?;
    let flags = flags(row, "flags")?;
    let value = value_with_flags(row, "value_t", &flags, false)?
        .map(|v| tonnes_amount(row, "value_t", v, &basis))
        .transpose()?;
    Ok(ProductionRecord {
        commodity,
        stage,
        measure,
        area,
        country_as_published: row.owned("country_as_published"),
        year,
        value,
        basis,
        flags,
        edition: edition(row, ids, row.text("source")),
        source: check_source(row, ids)?,
        note: row.owned("note"),
    })
}

/// The amount of a tonnage column, read exactly: the decimal text is shifted to kilograms (the
/// unit amounts are kept in) before it becomes a number, so that writing the kilograms back as
/// tonnes ([`tonnes_text`]) reproduces the same value. `v` (the column as a number) is used for
/// text the shift cannot read.
fn tonnes_amount(row: &Row<'_>, column: &str, v: f64, basis: &Basis) -> Result<Amount, Error> {
    let whole = row.text(column);
    if (1..=15).contains(&whole.len()) && whole.bytes().all(|b| b.is_ascii_digit()) {
        // whole tonnes below 2^53: `v` is exact, and the product is rounded once, as parsing
        // the shifted text would round it
        let kg = units::Mass::new::<uom::si::mass::kilogram>(v * 1000.0);
        return Amount::new(kg, basis.clone()).map_err(|e| row.bad(column, e.to_string()));
    }
    let text = whole.replace('_', "");
    // `1.5e-7` (as JSON numbers may be written): shift the mantissa by the exponent too
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()),
        None => (text.as_str(), Some(0)),
    };
    let kg = exponent
        .and_then(|e| e.checked_add(3))
        .and_then(|places| crate::fmt::shift_point(mantissa, places))
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|k| k.is_finite());
    let mass = match kg {
        Some(kg) => units::Mass::new::<uom::si::mass::kilogram>(kg),
        None => units::tonnes(v),
    };
    Amount::new(mass, basis.clone()).map_err(|e| row.bad(column, e.to_string()))
}

/// An amount as tonnes text that [`tonnes_amount`] reads back to the same value: the shortest
/// round-trip text of its kilograms, with the point moved three places.
fn tonnes_text(a: &Amount) -> String {
    let kg = a.mass().get::<uom::si::mass::kilogram>();
    let text = format!("{kg}");
    crate::fmt::shift_point(&text, -3).unwrap_or_else(|| crate::fmt::exact(a.in_tonnes()))
}

pub(crate) fn production_fields(r: &ProductionRecord) -> Vec<String> {
    vec![
        r.commodity.to_string(),
        r.stage.to_string(),
        r.measure.to_string(),
        r.area.to_string(),
        r.country_as_published.clone(),
        r.year.to_string(),
        r.value.as_ref().map(tonnes_text).unwrap_or_default(),
        r.basis.to_string(),
        join_flags(&r.flags),
        r.source.clone(),
        r.edition.clone(),
        r.note.clone(),
    ]
}

pub(crate) fn production_key(r: &ProductionRecord) -> String {
    format!(
        "(commodity, stage, measure, country, year, edition) = ({}, {}, {}, {}, {}, {})",
        r.commodity, r.stage, r.measure, r.area, r.year, r.edition
    )
}

pub(crate) fn salient(row: &Row<'_>, ids: &SourceIds) -> Result<SalientRecord, Error> {
    let commodity: Commodity = row.parse("commodity")?;
    let item: SalientItem = row.parse("item")?;
    let year = row.year("year")?.ok_or_else(|| row.bad("year", "a value is required"))?;
    let unit = match row.required("unit")? {
        "t" => SalientUnit::Tonnes(basis_for(row, "basis", commodity, ids)?),
        other => {
            let unit = match other {
                "%" => SalientUnit::Percent,
                "USD/t" => SalientUnit::UsdPerTonne,
                "persons" => SalientUnit::Persons,
                _ => return Err(row.bad("unit", "expected t, %, USD/t or persons")),
            };
            if !row.text("basis").is_empty() {
                return Err(row.bad("basis", format!("a basis only goes with tonnes, not {other}")));
            }
            unit
        }
    };
    let flags = flags(row, "flags")?;
    let value = value_with_flags(row, "value", &flags, item == SalientItem::NetImportReliance)?;
    Ok(SalientRecord {
        commodity,
        item,
        year,
        value,
        unit,
        flags,
        edition: edition(row, ids, row.text("source")),
        source: check_source(row, ids)?,
        note: row.owned("note"),
    })
}

pub(crate) fn salient_fields(r: &SalientRecord) -> Vec<String> {
    let basis = match &r.unit {
        SalientUnit::Tonnes(b) => b.to_string(),
        _ => String::new(),
    };
    vec![
        r.commodity.to_string(),
        r.item.to_string(),
        r.year.to_string(),
        r.value.map(crate::fmt::exact).unwrap_or_default(),
        r.unit.name().to_string(),
        basis,
        join_flags(&r.flags),
        r.source.clone(),
        r.edition.clone(),
        r.note.clone(),
    ]
}

pub(crate) fn salient_key(r: &SalientRecord) -> String {
    format!("(commodity, item, year, edition) = ({}, {}, {}, {})", r.commodity, r.item, r.year, r.edition)
}

pub(crate) fn political_stability(row: &Row<'_>, ids: &SourceIds) -> Result<PoliticalStabilityRecord, Error> {
    let code = row.required("country")?;
    let economy = Economy::from_alpha3(code).map_err(|e| row.bad("country", e.to_string()))?;
    let year = row.year("year")?.ok_or_else(|| row.bad("year", "a value is required"))?;
    let estimate = row.number("estimate")?.ok_or_else(|| row.bad("estimate", "a value is required"))?;
    if !(-5.0..=5.0).contains(&estimate) {
        return Err(row.bad("estimate", "a WGI estimate lies between about -2.5 and 2.5"));
    }
    Ok(PoliticalStabilityRecord {
        economy,
        country_as_published: row.owned("country_as_published"),
        year,
        estimate,
        edition: edition(row, ids, row.text("source")),
        source: check_source(row, ids)?,
    })
}

pub(crate) fn political_stability_fields(r: &PoliticalStabilityRecord) -> Vec<String> {
    vec![
        r.economy.alpha3().unwrap_or_default().to_string(),
        r.country_as_published.clone(),
        r.year.to_string(),
        crate::fmt::exact(r.estimate),
        r.source.clone(),
        r.edition.clone(),
    ]
}

pub(crate) fn political_stability_key(r: &PoliticalStabilityRecord) -> String {
    format!("(country, year, edition) = ({}, {}, {})", r.economy.alpha3().unwrap_or_default(), r.year, r.edition)
}

fn percent(row: &Row<'_>, column: &str) -> Result<f64, Error> {
    let v = row.number(column)?.ok_or_else(|| row.bad(column, "a value is required"))?;
    if (0.0..=100.0).contains(&v) { Ok(v) } else { Err(row.bad(column, "a share must be between 0 and 100 %")) }
}

pub(crate) fn stage_share(row: &Row<'_>, ids: &SourceIds) -> Result<StageShareRecord, Error> {
    let low = percent(row, "share_low_pct")?;
    let high = percent(row, "share_high_pct")?;
    let estimate = Estimate::range(low, high).map_err(|e| row.bad("share_high_pct", e.to_string()))?;
    Ok(StageShareRecord {
        commodity: row.parse("commodity")?,
        stage: row.parse("stage")?,
        area: row_place(row)?,
        year: row.year("year")?,
        estimate,
        qualifier: row.owned("qualifier"),
        as_published: row.owned("as_published"),
        metric: row.required("metric")?.to_string(),
        source: check_source(row, ids)?,
        note: row.owned("note"),
    })
}

pub(crate) fn stage_share_fields(r: &StageShareRecord) -> Vec<String> {
    vec![
        r.commodity.to_string(),
        r.stage.to_string(),
        r.area.to_string(),
        opt_text(&r.year),
        crate::fmt::exact(r.estimate.low()),
        crate::fmt::exact(r.estimate.high()),
        r.qualifier.clone(),
        r.as_published.clone(),
        r.metric.clone(),
        r.source.clone(),
        r.note.clone(),
    ]
}

pub(crate) fn stage_share_key(r: &StageShareRecord) -> String {
    format!(
        "(commodity, stage, country, year, metric, source) = ({}, {}, {}, {}, {}, {})",
        r.commodity,
        r.stage,
        r.area,
        opt_text(&r.year),
        r.metric,
        r.source
    )
}

/// A row of `claims.csv`, read into the claim model: the columns are parsed here, the rules
/// of a claim are the model's ([`Claim`]), reported at the column they are about.
pub(crate) fn claim(row: &Row<'_>, ids: &SourceIds) -> Result<Claim, Error> {
    let id = row.required("id")?;
    let kind: ClaimKind = row.parse("kind")?;
    let bound: Bound = row.parse("bound")?;
    let unit: ClaimUnit = row.parse("unit")?;
    let value = row.number("value")?.ok_or_else(|| row.bad("value", "a value is required"))?;
    let high = row.number("value_high")?;
    let estimate = match (bound, high) {
        (Bound::Range, Some(h)) => Estimate::range(value, h).map_err(|e| row.bad("value_high", e.to_string()))?,
        (Bound::Range, None) => return Err(row.bad("value_high", "a range needs value_high")),
        (_, Some(_)) => {
            return Err(row.bad("value_high", format!("only a range has value_high, this claim is {bound}")));
        }
        (_, None) => Estimate::point(value).map_err(|e| row.bad("value", e.to_string()))?,
    };
    let basis = row.parse_opt::<Basis>("basis")?;
    let invalid = |i: Invalid| row.bad(i.field.column(), i.error.to_string());
    let figure = ClaimFigure::from_columns(kind, Stated::new(estimate, bound), unit, basis).map_err(invalid)?;
    let place: Place = row.parse("region")?;
    let start: Option<Period> = row.parse_opt("period_start")?;
    let end: Option<Period> = row.parse_opt("period_end")?;
    let claim = Claim::build(id, row.required("subject")?, place, start, end, figure).map_err(invalid)?;
    Ok(claim.with_qualifier(row.text("qualifier")).with_source(&check_source(row, ids)?).with_note(row.text("note")))
}

pub(crate) fn claim_fields(c: &Claim) -> Vec<String> {
    let stated = c.figure().stated();
    let estimate = stated.map(|s| s.estimate());
    let high = match stated {
        Some(s) if s.bound() == Bound::Range => crate::fmt::exact(s.estimate().high()),
        _ => String::new(),
    };
    vec![
        c.id().to_string(),
        c.kind().to_string(),
        stated.map(|s| s.bound().to_string()).unwrap_or_default(),
        estimate.map(|e| crate::fmt::exact(e.low())).unwrap_or_default(),
        high,
        opt_text(&c.figure().unit()),
        opt_text(&c.figure().basis()),
        c.subject().to_string(),
        c.place().to_string(),
        opt_text(&c.start()),
        opt_text(&c.end()),
        c.qualifier().to_string(),
        c.source().unwrap_or_default().to_string(),
        c.note().to_string(),
    ]
}

pub(crate) fn claim_key(c: &Claim) -> String {
    format!("(id) = ({})", c.id())
}

pub(crate) fn price(row: &Row<'_>, ids: &SourceIds) -> Result<PricePoint, Error> {
    let value = row.number("value")?.ok_or_else(|| row.bad("value", "a value is required"))?;
    if value <= 0.0 {
        return Err(row.bad("value", "a price must be positive"));
    }
    if row.required("per")? != "t" {
        return Err(row.bad("per", "prices are per tonne of product: write t"));
    }
    let currency = row.required("currency")?;
    if crate::money::Currency::from_code(currency).is_err() {
        return Err(row.bad("currency", "expected an ISO 4217 code such as USD, EUR or CNY"));
    }
    let grade = if row.text("grade").is_empty() {
        None
    } else {
        Some(grade_class(row.text("grade")).map_err(|e| row.bad("grade", e.to_string()))?)
    };
    Ok(PricePoint {
        commodity: row.parse("commodity")?,
        product: row.parse::<Form>("product")?,
        grade,
        market: row.required("market")?.to_string(),
        date: row.parse("date")?,
        statistic: row.parse("statistic")?,
        value,
        currency: currency.to_string(),
        qualifier: row.owned("qualifier"),
        source: check_source(row, ids)?,
        note: row.owned("note"),
    })
}

pub(crate) fn price_fields(p: &PricePoint) -> Vec<String> {
    vec![
        p.commodity.to_string(),
        p.product.to_string(),
        p.grade.map(|g| g.name().to_string()).unwrap_or_default(),
        p.market.clone(),
        p.date.to_string(),
        p.statistic.to_string(),
        crate::fmt::exact(p.value),
        p.currency.clone(),
        "t".to_string(),
        p.qualifier.clone(),
        p.source.clone(),
        p.note.clone(),
    ]
}

pub(crate) fn price_key(p: &PricePoint) -> String {
    format!(
        "(commodity, product, grade, market, date, statistic, source) = ({}, {}, {}, {}, {}, {}, {})",
        p.commodity,
        p.product,
        p.grade.map(|g| g.name()).unwrap_or(""),
        p.market,
        p.date,
        p.statistic,
        p.source
    )
}

pub(crate) fn facility(row: &Row<'_>, ids: &SourceIds) -> Result<FacilityRecord, Error> {
    let country: Country = row.parse("country")?;
    let stage: Stage = row.parse("stage")?;
    let mut f = Facility::new(row.required("id")?, row.required("name")?, country, stage)
        .map_err(|e| row.bad("id", e.to_string()))?;
    let owners: Vec<&str> = row.text("owners").split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
    let owner_countries: Vec<&str> = if row.text("owner_countries").is_empty() {
        Vec::new()
    } else {
        row.text("owner_countries").split(';').map(str::trim).collect()
    };
    if !owner_countries.is_empty() && owner_countries.len() != owners.len() {
        return Err(row.bad(
            "owner_countries",
            format!(
                "{} entries for {} owners (separate with ';', leave an entry empty if unknown)",
                owner_countries.len(),
                owners.len()
            ),
        ));
    }
    for (i, name) in owners.iter().enumerate() {
        let c = match owner_countries.get(i) {
            Some(code) if !code.is_empty() => Some(
                Country::from_code(code).map_err(|e| row.bad("owner_countries", format!("entry {}: {e}", i + 1)))?,
            ),
            _ => None,
        };
        f = f.owner(Company::new(name, c).map_err(|e| row.bad("owners", e.to_string()))?);
    }
    if !row.text("place").is_empty() {
        f = f.place(row.text("place"));
    }
    if let Some(p) = row.parse_opt::<Form>("product")? {
        f = f.product(p);
    }
    let capacity = row.number("capacity")?;
    let unit = row.text("capacity_unit");
    let basis = row.text("capacity_basis");
    match capacity {
        None => {
            if !unit.is_empty() {
                return Err(row.bad("capacity_unit", "a unit without a capacity"));
            }
            if !basis.is_empty() {
                return Err(row.bad("capacity_basis", "a basis without a capacity"));
            }
        }
        Some(v) => {
            let cap = match unit {
                "t/yr" => {
                    let b: Basis = row.parse("capacity_basis")?;
                    Capacity::Mass(Rate::tonnes_per_year(v, b).map_err(|e| row.bad("capacity", e.to_string()))?)
                }
                // the SI units a capacity is saved in when t/yr would not read back exactly
                "kg/s" => {
                    let b: Basis = row.parse("capacity_basis")?;
                    let rate = units::MassRate::new::<kilogram_per_second>(v);
                    Capacity::Mass(Rate::new(rate, b).map_err(|e| row.bad("capacity", e.to_string()))?)
                }
                "GWh/yr" | "W" => {
                    if !basis.is_empty() {
                        return Err(row.bad("capacity_basis", format!("{unit} takes no basis")));
                    }
                    if unit == "W" {
                        if v < 0.0 {
                            return Err(row.bad("capacity", "a capacity cannot be negative"));
                        }
                        Capacity::GwhPerYear(units::Power::new::<watt>(v))
                    } else {
                        Capacity::gwh_per_year(v).map_err(|e| row.bad("capacity", e.to_string()))?
                    }
                }
                _ => return Err(row.bad("capacity_unit", "expected t/yr or GWh/yr (or kg/s, W)")),
            };
            f = f.capacity(cap);
        }
    }
    if let Some(s) = row.parse_opt::<FacilityStatus>("status")? {
        f = f.status(s);
    }
    if let Some(y) = row.year("start_year")? {
        f = f.start_year(y);
    }
    f = f.source(&check_source(row, ids)?);
    Ok(FacilityRecord { facility: f, status_as_of: row.parse_opt("status_as_of")?, note: row.owned("note") })
}

/// A capacity stored in an SI unit (`kg/s`, `W`) as the text and unit of its column: in the
/// unit it is quoted in (`t/yr`, `GWh/yr`) when a number in that unit reads back to the same
/// value ([`crate::fmt::reversible`]), else in the SI unit itself, which reads back unconverted.
fn capacity_text(
    si: f64,
    to: impl Fn(f64) -> f64,
    from: impl Fn(f64) -> f64,
    (quoted, si_unit): (&'static str, &'static str),
) -> (String, &'static str) {
    match crate::fmt::reversible(si, to, from) {
        Some(v) => (crate::fmt::exact(v), quoted),
        None => (crate::fmt::exact(si), si_unit),
    }
}

pub(crate) fn facility_fields(r: &FacilityRecord) -> Vec<String> {
    let f = &r.facility;
    let (cap, unit, basis) = match &f.capacity {
        Some(Capacity::Mass(rate)) => {
            let (value, unit) = capacity_text(
                rate.rate().get::<kilogram_per_second>(),
                |kgs| units::as_tonnes_per_year(units::MassRate::new::<kilogram_per_second>(kgs)),
                |t| units::tonnes_per_year(t).get::<kilogram_per_second>(),
                ("t/yr", "kg/s"),
            );
            (value, unit.to_string(), rate.basis().to_string())
        }
        Some(Capacity::GwhPerYear(p)) => {
            let (value, unit) = capacity_text(
                p.get::<watt>(),
                |w| units::as_gigawatt_hours_per_year(units::Power::new::<watt>(w)),
                |gwh| units::gigawatt_hours_per_year(gwh).get::<watt>(),
                ("GWh/yr", "W"),
            );
            (value, unit.to_string(), String::new())
        }
        _ => (String::new(), String::new(), String::new()),
    };
    let owner_countries = if f.owners.iter().all(|o| o.country.is_none()) {
        String::new()
    } else {
        f.owners.iter().map(|o| o.country.map(|c| c.alpha3()).unwrap_or("")).collect::<Vec<_>>().join(";")
    };
    vec![
        f.id.clone(),
        f.name.clone(),
        f.owners.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(";"),
        owner_countries,
        f.country.alpha3().to_string(),
        f.place.clone().unwrap_or_default(),
        f.stage.to_string(),
        opt_text(&f.product),
        cap,
        unit,
        basis,
        opt_text(&f.status),
        opt_text(&r.status_as_of),
        opt_text(&f.start_year),
        f.source.clone().unwrap_or_default(),
        r.note.clone(),
    ]
}

pub(crate) fn facility_key(r: &FacilityRecord) -> String {
    format!("(id) = ({})", r.facility.id)
}

pub(crate) fn source_key(r: &SourceRecord) -> String {
    format!("(id) = ({})", r.source.id)
}
