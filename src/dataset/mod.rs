//! The embedded reference dataset and loaders for user data.
//!
//! | item | what it is |
//! |---|---|
//! | [`Dataset`] | all tables; [`Dataset::builtin`], [`Dataset::from_dir`], [`Dataset::from_json`], [`Dataset::merge`], queries |
//! | [`SourceRecord`], [`Confidence`](crate::provenance::Confidence) | a cited source and how sure it is (`P`, `S`, `D`, `U`, `C`) |
//! | [`ProductionRecord`], [`Commodity`], [`Measure`], [`Flag`] | mine production and reserves by country |
//! | [`SalientRecord`], [`SalientItem`], [`SalientUnit`] | USGS US salient statistics |
//! | [`StageShareRecord`] | a country's share of a chain stage, as one source states it |
//! | [`Claim`] | figures stated by documents (`claims.csv`), read into the claim model of [`claims`](crate::claims) |
//! | [`PricePoint`], [`PriceStatistic`] | dated prices |
//! | [`FacilityRecord`] | a [`Facility`](crate::chain::Facility) with the date of its status |
//! | [`Error`] | every loading error, naming file, row, column and value |
//!
//! # Files
//!
//! The built-in data is compiled in from the crate's `data/` directory; a user directory uses the
//! same file names and columns. Every data row has a `source` column naming an `id` of
//! `sources.csv`, and `data/SOURCES.md` describes each source. Values are plain numbers (no
//! thousands separators); lists inside a field are separated by `;`.
//!
//! | file | columns (optional ones in *italics*) |
//! |---|---|
//! | `sources.csv` | `id, publisher, title,` *`edition, table_or_page, url`*`, tag` |
//! | `production.csv` | `commodity, stage, measure, country,` *`country_as_published`*`, year, value_t, basis, flags, source,` *`note`* |
//! | `us_salient.csv` | `commodity, item, year, value, unit, basis, flags, source,` *`note`* |
//! | `stage_shares.csv` | `commodity, stage, country, year, share_low_pct, share_high_pct,` *`qualifier, as_published`*`, metric, source,` *`note`* |
//! | `claims.csv` | `id, kind, bound, value, value_high, unit, basis, subject, region, period_start, period_end,` *`qualifier`*`, source,` *`note`* |
//! | `prices.csv` | `commodity, product,` *`grade`*`, market, date, statistic, value, currency, per,` *`qualifier`*`, source,` *`note`* |
//! | `facilities.csv` | `id, name,` *`owners, owner_countries`*`, country,` *`place`*`, stage,` *`product`*`, capacity,` *`capacity_unit, capacity_basis, status, status_as_of`*`, start_year, source,` *`note`* |
//!
//! Column values:
//!
//! - `commodity`: [`Commodity`] (`lithium`, `cobalt`, `nickel`, `natural-graphite`, `li-ion-batteries`);
//!   `stage`: [`Stage`] (`mining`, `refining`, `cells`, ...);
//!   `measure`: `production` or `reserves`.
//! - `country`: a [`Place`]: an ISO 3166-1 code; files use alpha-3 (`NAM`), alpha-2 `NA` is read as
//!   Namibia, never as "not available"; `WORLD` is the published world total and `OTHER` the
//!   "Other countries" row.
//! - `value_t`: tonnes on the row's `basis` (a [`Basis`](crate::material::Basis): `Li`, `Co`, `Ni`,
//!   `natural-graphite`, `LCE`, ...). The basis is required and must count the commodity.
//! - `flags`: [`Flag`]s: `W` (withheld: value empty), `e` (estimated), `rounded`, `zero` (a
//!   published dash: value 0), `NA` (not available: value empty), `in-world-total` (value empty),
//!   `gt` (published as "more than" the value). An empty value without `W`, `NA` or
//!   `in-world-total` is an error.
//! - `year` of reserves rows: the data year of the edition (2024 for USGS MCS 2025).
//! - `us_salient.csv`: `item` is a [`SalientItem`]; `unit` is `t` (with a `basis`), `%`, `USD/t`
//!   or `persons`; net import reliance published as ">50" is `50` with flag `gt`.
//! - `stage_shares.csv`: a share in percent as `share_low_pct..share_high_pct` (equal for a point;
//!   "more than 90%" is 90..100), with the source's wording in `as_published`.
//! - `claims.csv`: `kind` is a [`ClaimKind`](crate::claims::ClaimKind) (not `country-list`),
//!   `bound` a [`Bound`](crate::claims::Bound) (`value_high` only for `range`), `unit` a
//!   [`ClaimUnit`](crate::claims::ClaimUnit) (`t`, `%`, `%/yr`, `x`, `USD billion`), `region` a
//!   [`Place`] (`WORLD`, `OTHER`, an ISO code, a built-in region such as `north-america`),
//!   periods are [`Period`](crate::time::Period)s (`2025`, `2022-11`, `2025-06-18`). Each row
//!   must be a valid [`Claim`]: the rules of the claim model are reported
//!   at the column they are about.
//! - `prices.csv`: `product` is a [`Form`](crate::material::Form) (`chemical:Li2CO3`), `per` is `t`.
//! - `facilities.csv`: `capacity_unit` is `t/yr` (with `capacity_basis`) or `GWh/yr`; `status` is
//!   a [`FacilityStatus`](crate::chain::FacilityStatus); capacity is empty when no source gives it.
//!
//! # Loading rules
//!
//! Every present file is fully checked: an unknown column, a missing required column, a row with
//! the wrong number of fields, an unknown country or commodity, a negative tonnage, a missing
//! basis, an unknown flag, a source id not in `sources.csv`, or a repeated key is an error naming
//! the file, the row (1-based; the header is row 0), the column and the value. Nothing is dropped.
//!
//! # Example
//!
//! ```
//! use critical_minerals::chain::Stage;
//! use critical_minerals::dataset::{Commodity, Dataset, Measure};
//!
//! let data = Dataset::builtin()?;
//! let world = data.world_total(Commodity::Lithium, 2024).and_then(|r| r.tonnes());
//! assert_eq!(world, Some(240_000.0));
//! let us = data.withheld(Commodity::Lithium, Stage::Mining, 2024, Measure::Production);
//! assert_eq!(us[0].country_as_published, "United States");
//! let src = data.source(&us[0].source).map(|s| s.source.publisher.as_str());
//! assert_eq!(src, Some("U.S. Geological Survey"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod parse;
mod records;
mod table;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::ser::{SerializeMap, Serializer};

pub use records::{
    Commodity, FacilityRecord, Flag, Measure, PricePoint, PriceStatistic, ProductionRecord, SalientItem, SalientRecord,
    SalientUnit, SourceRecord, StageShareRecord,
};

use crate::Error;
use crate::chain::Stage;
use crate::claims::Claim;
use crate::error::Detail;
use crate::geo::Place;
use crate::material::Amount;
use crate::provenance::Estimate;
use parse::SourceIds;
use table::{JsonRow, RawTable, Row, Schema};

/// Where a row came from: file label and 1-based row.
#[derive(Debug, Clone, Default)]
struct Loc {
    file: String,
    row: usize,
}

#[derive(Debug, Clone, Default)]
struct Locs {
    sources: Vec<Loc>,
    production: Vec<Loc>,
    salient: Vec<Loc>,
    stage_shares: Vec<Loc>,
    claims: Vec<Loc>,
    prices: Vec<Loc>,
    facilities: Vec<Loc>,
}

/// The reference tables: sources, production and reserves, US salient statistics, stage shares,
/// claims, prices and facilities, each row citing a source.
///
/// Built by [`Dataset::builtin`] (the data compiled into the crate), [`Dataset::from_dir`] (a
/// directory of CSV files), [`Dataset::from_json`], or [`Dataset::merge`] of two datasets; every
/// constructor validates, so a `Dataset` only holds checked rows whose source ids resolve.
///
/// Serializes (serde) to the JSON form [`Dataset::from_json`] reads: an object with one array per
/// table (`sources`, `production`, `us_salient`, `stage_shares`, `claims`, `prices`,
/// `facilities`) of row objects keyed by column name. Equality compares the tables, not where
/// the rows were read from.
///
/// # Example
///
/// ```
/// use critical_minerals::chain::Stage;
/// use critical_minerals::dataset::{Commodity, Dataset, Measure};
/// use critical_minerals::geo::Country;
///
/// let data = Dataset::builtin()?;
/// let rows = data.production(Commodity::Cobalt, Stage::Mining, 2024, Measure::Production);
/// let congo = Country::from_code("CD")?;
/// let drc = rows.iter().find(|r| r.area.country() == Some(congo));
/// assert_eq!(drc.and_then(|r| r.tonnes()), Some(220_000.0));
/// let china = Country::from_code("CN")?;
/// let li_refining = data.stage_share_range(Commodity::Lithium, Stage::Refining, china.into());
/// assert!(li_refining.is_some_and(|e| e.low() < e.high()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    sources: Vec<SourceRecord>,
    production: Vec<ProductionRecord>,
    salient: Vec<SalientRecord>,
    stage_shares: Vec<StageShareRecord>,
    claims: Vec<Claim>,
    prices: Vec<PricePoint>,
    facilities: Vec<FacilityRecord>,
    locs: Locs,
}

impl PartialEq for Dataset {
    fn eq(&self, o: &Dataset) -> bool {
        self.sources == o.sources
            && self.production == o.production
            && self.salient == o.salient
            && self.stage_shares == o.stage_shares
            && self.claims == o.claims
            && self.prices == o.prices
            && self.facilities == o.facilities
    }
}

const BUILTIN: [(&Schema, &str); 7] = [
    (&table::SOURCES, include_str!("../../data/sources.csv")),
    (&table::PRODUCTION, include_str!("../../data/production.csv")),
    (&table::SALIENT, include_str!("../../data/us_salient.csv")),
    (&table::STAGE_SHARES, include_str!("../../data/stage_shares.csv")),
    (&table::CLAIMS, include_str!("../../data/claims.csv")),
    (&table::PRICES, include_str!("../../data/prices.csv")),
    (&table::FACILITIES, include_str!("../../data/facilities.csv")),
];

static BUILTIN_CACHE: OnceLock<Result<Dataset, Error>> = OnceLock::new();

/// Types every row of a table and checks that keys are unique within it.
fn typed<T>(
    raw: &RawTable,
    schema: &Schema,
    ids: &SourceIds,
    parse: fn(&Row<'_>, &SourceIds) -> Result<T, Error>,
    key: fn(&T) -> String,
) -> Result<(Vec<T>, Vec<Loc>), Error> {
    let mut out = Vec::with_capacity(raw.rows.len());
    let mut locs = Vec::with_capacity(raw.rows.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in raw.rows(schema) {
        let rec = parse(&row, ids)?;
        let k = key(&rec);
        if let Some(&first_row) = seen.get(&k) {
            return Err(Detail::DuplicateRow {
                file: raw.file.clone(),
                row: row.row,
                key: k,
                first_file: raw.file.clone(),
                first_row,
            }
            .into());
        }
        seen.insert(k, row.row);
        out.push(rec);
        locs.push(Loc { file: raw.file.clone(), row: row.row });
    }
    Ok((out, locs))
}

/// Appends `b` to `a`, refusing a key present in both (or, with `same_ok`, allowing it when the
/// two records are equal, keeping the first).
fn merge_table<T: PartialEq>(
    a: (Vec<T>, Vec<Loc>),
    b: (Vec<T>, Vec<Loc>),
    key: fn(&T) -> String,
    same_ok: bool,
) -> Result<(Vec<T>, Vec<Loc>), Error> {
    let (mut rows, mut locs) = a;
    let mut seen: HashMap<String, usize> = rows.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    for (rec, loc) in b.0.into_iter().zip(b.1) {
        let k = key(&rec);
        if let Some(&i) = seen.get(&k) {
            if same_ok && rows[i] == rec {
                continue;
            }
            let first = locs.get(i).cloned().unwrap_or_default();
            return Err(Detail::DuplicateRow {
                file: loc.file,
                row: loc.row,
                key: k,
                first_file: first.file,
                first_row: first.row,
            }
            .into());
        }
        seen.insert(k, rows.len());
        rows.push(rec);
        locs.push(loc);
    }
    Ok((rows, locs))
}

impl Dataset {
    /// A dataset with no rows (the neutral element of [`Dataset::merge`]).
    pub fn empty() -> Dataset {
        Dataset::default()
    }

    /// The reference dataset compiled into the crate from `data/*.csv`: USGS MCS 2025 production
    /// and reserves, US salient statistics, IEA stage shares, the seed documents' claims, price
    /// points and facilities. Parsed once and cached; each call returns a copy.
    ///
    /// # Errors
    ///
    /// A [`Error`] only if the embedded files are malformed (the crate's tests rule that
    /// out).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    ///
    /// let data = Dataset::builtin()?;
    /// let world = data.world_total(Commodity::NaturalGraphite, 2024).and_then(|r| r.tonnes());
    /// assert_eq!(world, Some(1_600_000.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin() -> Result<Dataset, Error> {
        Dataset::builtin_ref().cloned()
    }

    /// The built-in dataset by reference, without copying (see [`Dataset::builtin`]).
    ///
    /// # Errors
    ///
    /// As [`Dataset::builtin`].
    pub fn builtin_ref() -> Result<&'static Dataset, Error> {
        BUILTIN_CACHE
            .get_or_init(|| {
                let mut tables = Vec::with_capacity(BUILTIN.len());
                for (schema, text) in BUILTIN {
                    let file = format!("<builtin>/{}", schema.file);
                    tables.push((schema, RawTable::from_csv(&file, text, schema)?));
                }
                Dataset::from_tables(tables)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads a directory of CSV files with the built-in file names and columns (see the module
    /// documentation). Each file is optional; each present file is fully validated. Other files
    /// in the directory are not read. Rows cite sources of the same directory's `sources.csv`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the path when the directory or a file cannot be read; any other
    /// [`Error`] naming the file, row, column and value of the first bad field.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::chain::Stage;
    /// use critical_minerals::dataset::{Commodity, Dataset, Measure};
    ///
    /// let dir = std::env::temp_dir().join(format!("cm-doc-from-dir-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("sources.csv"), "id,publisher,title,tag\nmine-report,Acme Mining,Annual report 2024,P\n")?;
    /// std::fs::write(
    ///     dir.join("production.csv"),
    ///     "commodity,stage,measure,country,year,value_t,basis,flags,source\n\
    ///      lithium,mining,production,NA,2025,1200,Li,,mine-report\n",
    /// )?;
    /// let mine = Dataset::from_dir(&dir)?;
    /// let row = &mine.production(Commodity::Lithium, Stage::Mining, 2025, Measure::Production)[0];
    /// assert_eq!(row.area.to_string(), "NAM"); // "NA" is Namibia
    /// let all = Dataset::builtin()?.merge(mine)?;
    /// assert!(all.source("mine-report").is_some());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Dataset, Error> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(
                Detail::Io { path: dir.display().to_string(), reason: "not a readable directory".into() }.into()
            );
        }
        let mut tables = Vec::new();
        for schema in table::ALL {
            let path = dir.join(schema.file);
            if !path.is_file() {
                continue;
            }
            let file = path.display().to_string();
            let text =
                std::fs::read_to_string(&path).map_err(|e| Detail::Io { path: file.clone(), reason: e.to_string() })?;
            tables.push((schema, RawTable::from_csv(&file, &text, schema)?));
        }
        Dataset::from_tables(tables)
    }

    /// Loads the JSON form written by serializing a [`Dataset`]: an object whose keys are table
    /// names (`sources`, `production`, `us_salient`, `stage_shares`, `claims`, `prices`,
    /// `facilities`; each optional) and whose values are arrays of row objects keyed by column
    /// name. Values may be strings or numbers; `null` or an absent key is an empty field. The
    /// same checks as for CSV apply; errors name `<json>/<table>`, the row and the column.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) for malformed JSON, [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for an unknown
    /// key, any other [`Error`] for a bad row.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::Dataset;
    ///
    /// let data = Dataset::builtin()?;
    /// let json = serde_json::to_string(&data)?;
    /// assert_eq!(Dataset::from_json(&json)?, data);
    /// let bad = r#"{"sources": [{"id": "x", "publisher": "P", "title": "T", "tag": "Q"}]}"#;
    /// let err = Dataset::from_json(bad).unwrap_err().to_string();
    /// assert!(err.contains("<json>/sources") && err.contains("row 1") && err.contains("\"tag\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Dataset, Error> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Detail::Json {
            file: "<json>".into(),
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        let serde_json::Value::Object(map) = value else {
            return Err(Detail::Json {
                file: "<json>".into(),
                line: 1,
                column: 1,
                reason: "expected an object with one array per table".into(),
            }
            .into());
        };
        let mut tables = Vec::new();
        for (name, v) in &map {
            let Some(schema) = table::ALL.into_iter().find(|s| s.key == name) else {
                return Err(Detail::UnknownTable {
                    file: "<json>".into(),
                    name: name.clone(),
                    expected: table::ALL.iter().map(|s| s.key).collect::<Vec<_>>().join(", "),
                }
                .into());
            };
            tables.push((schema, RawTable::from_json(&format!("<json>/{}", schema.key), v, schema)?));
        }
        Dataset::from_tables(tables)
    }

    /// The JSON form of the dataset (what serde writes), for [`Dataset::from_json`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) if serialization fails.
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| {
            Detail::Json { file: "<json>".into(), line: e.line(), column: e.column(), reason: e.to_string() }.into()
        })
    }

    /// Writes every table as CSV into `dir` (created if needed), in the form
    /// [`Dataset::from_dir`] reads.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) naming the path that cannot be written.
    pub fn write_csv_dir(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)
            .map_err(|e| Detail::Io { path: dir.display().to_string(), reason: e.to_string() })?;
        for (schema, rows) in self.rows_by_table() {
            let path = dir.join(schema.file);
            let text = table::to_csv(schema, &rows)?;
            std::fs::write(&path, text)
                .map_err(|e| Detail::Io { path: path.display().to_string(), reason: e.to_string() })?;
        }
        Ok(())
    }

    /// Combines two datasets. Rule: a key present in both is an error naming both rows
    /// ([`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate)); the only exception is a source listed in both with
    /// identical fields, which is kept once (so a user directory can repeat the built-in sources
    /// it cites). Keys: sources, claims and facilities by `id`; production by (commodity, stage,
    /// measure, country, year); salient statistics by (commodity, item, year); stage shares by
    /// (commodity, stage, country, year, metric, source); prices by (commodity, product, grade,
    /// market, date, statistic, source).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) naming the file and row of both records.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::Dataset;
    ///
    /// let a = Dataset::builtin()?;
    /// // the same rows twice: every key collides (sources are identical and allowed)
    /// let err = a.clone().merge(a.clone()).unwrap_err().to_string();
    /// assert!(err.contains("production.csv row 1") && err.contains("duplicate key"));
    /// assert_eq!(Dataset::empty().merge(a.clone())?, a);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(self, other: Dataset) -> Result<Dataset, Error> {
        let (sources, l_sources) = merge_table(
            (self.sources, self.locs.sources),
            (other.sources, other.locs.sources),
            parse::source_key,
            true,
        )?;
        let (production, l_production) = merge_table(
            (self.production, self.locs.production),
            (other.production, other.locs.production),
            parse::production_key,
            false,
        )?;
        let (salient, l_salient) = merge_table(
            (self.salient, self.locs.salient),
            (other.salient, other.locs.salient),
            parse::salient_key,
            false,
        )?;
        let (stage_shares, l_stage_shares) = merge_table(
            (self.stage_shares, self.locs.stage_shares),
            (other.stage_shares, other.locs.stage_shares),
            parse::stage_share_key,
            false,
        )?;
        let (claims, l_claims) =
            merge_table((self.claims, self.locs.claims), (other.claims, other.locs.claims), parse::claim_key, false)?;
        let (prices, l_prices) =
            merge_table((self.prices, self.locs.prices), (other.prices, other.locs.prices), parse::price_key, false)?;
        let (facilities, l_facilities) = merge_table(
            (self.facilities, self.locs.facilities),
            (other.facilities, other.locs.facilities),
            parse::facility_key,
            false,
        )?;
        Ok(Dataset {
            sources,
            production,
            salient,
            stage_shares,
            claims,
            prices,
            facilities,
            locs: Locs {
                sources: l_sources,
                production: l_production,
                salient: l_salient,
                stage_shares: l_stage_shares,
                claims: l_claims,
                prices: l_prices,
                facilities: l_facilities,
            },
        })
    }

    fn from_tables(tables: Vec<(&'static Schema, RawTable)>) -> Result<Dataset, Error> {
        let mut d = Dataset::default();
        let ids: SourceIds = SourceIds::new();
        if let Some((schema, raw)) = tables.iter().find(|(s, _)| s.key == table::SOURCES.key) {
            let (rows, locs) = typed(raw, schema, &ids, |r, _| parse::source(r), parse::source_key)?;
            d.sources = rows;
            d.locs.sources = locs;
        }
        let ids: SourceIds = d.sources.iter().map(|s| s.source.id.clone()).collect();
        for (schema, raw) in &tables {
            match schema.key {
                "production" => {
                    (d.production, d.locs.production) =
                        typed(raw, schema, &ids, parse::production, parse::production_key)?
                }
                "us_salient" => {
                    (d.salient, d.locs.salient) = typed(raw, schema, &ids, parse::salient, parse::salient_key)?
                }
                "stage_shares" => {
                    (d.stage_shares, d.locs.stage_shares) =
                        typed(raw, schema, &ids, parse::stage_share, parse::stage_share_key)?
                }
                "claims" => (d.claims, d.locs.claims) = typed(raw, schema, &ids, parse::claim, parse::claim_key)?,
                "prices" => (d.prices, d.locs.prices) = typed(raw, schema, &ids, parse::price, parse::price_key)?,
                "facilities" => {
                    (d.facilities, d.locs.facilities) = typed(raw, schema, &ids, parse::facility, parse::facility_key)?
                }
                _ => {}
            }
        }
        Ok(d)
    }

    fn rows_by_table(&self) -> [(&'static Schema, Vec<Vec<String>>); 7] {
        [
            (&table::SOURCES, self.sources.iter().map(parse::source_fields).collect()),
            (&table::PRODUCTION, self.production.iter().map(parse::production_fields).collect()),
            (&table::SALIENT, self.salient.iter().map(parse::salient_fields).collect()),
            (&table::STAGE_SHARES, self.stage_shares.iter().map(parse::stage_share_fields).collect()),
            (&table::CLAIMS, self.claims.iter().map(parse::claim_fields).collect()),
            (&table::PRICES, self.prices.iter().map(parse::price_fields).collect()),
            (&table::FACILITIES, self.facilities.iter().map(parse::facility_fields).collect()),
        ]
    }

    /// Every source.
    pub fn sources(&self) -> &[SourceRecord] {
        &self.sources
    }

    /// The source with `id`.
    pub fn source(&self, id: &str) -> Option<&SourceRecord> {
        self.sources.iter().find(|s| s.source.id == id)
    }

    /// Every production and reserves row, in file order.
    pub fn production_rows(&self) -> &[ProductionRecord] {
        &self.production
    }

    /// The rows of a commodity, stage, year and measure: countries, `OTHER` and `WORLD`, in file
    /// order. Rows of other stages (a refinery table merged beside mine production) are never
    /// mixed in.
    pub fn production(
        &self,
        commodity: Commodity,
        stage: Stage,
        year: i32,
        measure: Measure,
    ) -> Vec<&ProductionRecord> {
        self.production
            .iter()
            .filter(|r| r.commodity == commodity && r.stage == stage && r.year == year && r.measure == measure)
            .collect()
    }

    /// The rows that make up the world at a stage: countries and `OTHER`, without `WORLD`.
    pub fn constituents(
        &self,
        commodity: Commodity,
        stage: Stage,
        year: i32,
        measure: Measure,
    ) -> Vec<&ProductionRecord> {
        self.production(commodity, stage, year, measure).into_iter().filter(|r| r.area != Place::World).collect()
    }

    /// The published world row of a commodity, stage, year and measure.
    pub fn world(&self, commodity: Commodity, stage: Stage, year: i32, measure: Measure) -> Option<&ProductionRecord> {
        self.production(commodity, stage, year, measure).into_iter().find(|r| r.area == Place::World)
    }

    /// The published world **mine** production total of a year (see [`ProductionRecord::note`]
    /// for what it leaves out: lithium's excludes US production).
    pub fn world_total(&self, commodity: Commodity, year: i32) -> Option<&ProductionRecord> {
        self.world(commodity, Stage::Mining, year, Measure::Production)
    }

    /// The rows whose value is withheld (`W`).
    pub fn withheld(&self, commodity: Commodity, stage: Stage, year: i32, measure: Measure) -> Vec<&ProductionRecord> {
        self.production(commodity, stage, year, measure).into_iter().filter(|r| r.has_flag(Flag::Withheld)).collect()
    }

    /// The sum of the [`constituents`](Dataset::constituents) that have a value (withheld and
    /// unavailable rows add nothing: check [`Dataset::withheld`]). Zero on the commodity's
    /// default basis when there is no row.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the rows are on different bases.
    pub fn constituent_sum(
        &self,
        commodity: Commodity,
        stage: Stage,
        year: i32,
        measure: Measure,
    ) -> Result<Amount, Error> {
        let rows = self.constituents(commodity, stage, year, measure);
        let Some(basis) = rows.first().map(|r| r.basis.clone()).or_else(|| commodity.default_basis()) else {
            return Err(Detail::BadBasis { input: commodity.to_string(), reason: "no mass basis".into() }.into());
        };
        Amount::try_sum(&basis, rows.iter().filter_map(|r| r.value.as_ref()))
    }

    /// Every US salient-statistics row.
    pub fn salient(&self) -> &[SalientRecord] {
        &self.salient
    }

    /// One US salient statistic.
    pub fn salient_value(&self, commodity: Commodity, item: SalientItem, year: i32) -> Option<&SalientRecord> {
        self.salient.iter().find(|r| r.commodity == commodity && r.item == item && r.year == year)
    }

    /// Every stage-share row.
    pub fn stage_share_rows(&self) -> &[StageShareRecord] {
        &self.stage_shares
    }

    /// The stage-share statements about a commodity and stage, every country and source.
    pub fn stage_shares(&self, commodity: Commodity, stage: Stage) -> Vec<&StageShareRecord> {
        self.stage_shares.iter().filter(|r| r.commodity == commodity && r.stage == stage).collect()
    }

    /// The range spanned by all sources' statements of one area's share of a stage: the lowest
    /// low to the highest high, in percent. `None` when no source states it.
    pub fn stage_share_range(&self, commodity: Commodity, stage: Stage, area: Place) -> Option<Estimate> {
        let rows: Vec<_> = self.stage_shares(commodity, stage).into_iter().filter(|r| r.area == area).collect();
        let low = rows.iter().map(|r| r.estimate.low()).reduce(f64::min)?;
        let high = rows.iter().map(|r| r.estimate.high()).reduce(f64::max)?;
        Estimate::range(low, high).ok()
    }

    /// Every claim.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The claim with `id`.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id() == id)
    }

    /// Every price point.
    pub fn prices(&self) -> &[PricePoint] {
        &self.prices
    }

    /// Every facility.
    pub fn facilities(&self) -> &[FacilityRecord] {
        &self.facilities
    }

    /// The facility with `id`.
    pub fn facility(&self, id: &str) -> Option<&FacilityRecord> {
        self.facilities.iter().find(|f| f.facility.id == id)
    }
}

impl serde::Serialize for Dataset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tables = self.rows_by_table();
        let mut map = s.serialize_map(Some(tables.len()))?;
        for (schema, rows) in tables {
            let rows: Vec<JsonRow<'_>> = rows.into_iter().map(|fields| JsonRow { schema, fields }).collect();
            map.serialize_entry(schema.key, &rows)?;
        }
        map.end()
    }
}
