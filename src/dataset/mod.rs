//! The embedded reference dataset and loaders for user data.
//!
//! | item | what it is |
//! |---|---|
//! | [`Dataset`] | all tables; [`Dataset::builtin`], [`Dataset::builtin_for`], [`Dataset::from_dir`], [`Dataset::from_json`], [`Dataset::merge`], queries |
//! | [`SourceRecord`], [`Confidence`](crate::provenance::Confidence) | a cited source and how sure it is (`P`, `S`, `D`, `U`, `C`) |
//! | [`Commodity`], [`CriticalList`], [`ReportedBasis`], [`TradeCode`] | the commodity catalogue: every commodity as data |
//! | [`ProductionRecord`], [`Measure`], [`Flag`] | production and reserves by country (USGS MCS 2025, World Mining Data 2024) |
//! | [`PoliticalStabilityRecord`] | WGI political-stability estimates by economy and year |
//! | [`latest_edition`], [`edition_year`], [`DirLoad`], [`FileRead`] | editions, and what a directory load read |
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
//! | `production.csv` | `commodity, stage, measure, country,` *`country_as_published`*`, year, value_t, basis, flags, source,` *`edition, note`* |
//! | `us_salient.csv` | `commodity, item, year, value, unit, basis, flags, source,` *`edition, note`* |
//! | `political_stability.csv` | `country,` *`country_as_published`*`, year, estimate, source,` *`edition`* |
//! | `stage_shares.csv` | `commodity, stage, country, year, share_low_pct, share_high_pct,` *`qualifier, as_published`*`, metric, source,` *`note`* |
//! | `claims.csv` | `id, kind, bound, value, value_high, unit, basis, subject, region, period_start, period_end,` *`qualifier`*`, source,` *`note`* |
//! | `prices.csv` | `commodity, product,` *`grade`*`, market, date, statistic, value, currency, per,` *`qualifier`*`, source,` *`note`* |
//! | `facilities.csv` | `id, name,` *`owners, owner_countries`*`, country,` *`place`*`, stage,` *`product`*`, capacity,` *`capacity_unit, capacity_basis, status, status_as_of`*`, start_year, source,` *`note`* |
//!
//! Column values:
//!
//! - `commodity`: a [`Commodity`] of the catalogue by id, name or alias (`lithium`, `manganese`,
//!   `rare-earths`, `natural-graphite`, `li-ion-batteries`, ...);
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
//!   `kg/s` (with `capacity_basis`) and `W` are read too: the writers use them for the rare value
//!   no number of t/yr or GWh/yr converts back to exactly.
//! - Saving ([`Dataset::to_json`], [`Dataset::write_csv_dir`]) writes every number in the
//!   shortest form that reads back to the same value, never rounded: a saved dataset reloads
//!   equal.
//!
//! - `edition`: the edition a figure comes from (`MCS 2025`); when the column is absent or empty,
//!   the `edition` of the cited source, else the source id.
//!
//! # Editions
//!
//! The built-in production figures come from two publications: USGS Mineral Commodity Summaries
//! 2025 (`MCS 2025`: lithium, cobalt, nickel, natural graphite; 2023 and 2024) and World Mining
//! Data 2024 (`WMD 2024`: 64 commodities, 2018–2022). Every production, salient and
//! political-stability row is keyed by its edition as well as by what it measures, so several
//! editions of the same figure coexist (a user's MCS 2024 table beside the built-in MCS 2025).
//! Queries ([`Dataset::production`], [`Dataset::salient_value`],
//! [`Dataset::political_stability`]) take the latest edition that holds what they ask for (see
//! [`latest_edition`]); [`Dataset::production_in`] names one.
//!
//! # Loading rules
//!
//! Every present file is fully checked: an unknown column, a missing required column, a row with
//! the wrong number of fields, an unknown country or commodity, a negative tonnage, a missing
//! basis, an unknown flag, a source id not in `sources.csv`, or a repeated key (within one
//! edition) is an error naming the file, the row (1-based; the header is row 0) and the line of
//! the file where it starts (blank lines and quoted line breaks set them apart), the column and
//! the value. In the JSON form, a key given twice in an object is an error naming the key. Nothing is dropped. In a directory, a CSV file the loader does not read is an error.
//!
//! # Example
//!
//! ```
//! use critical_minerals::chain::Stage;
//! use critical_minerals::dataset::{Commodity, Dataset, Measure};
//!
//! let data = Dataset::builtin()?;
//! let world = data.world_total(Commodity::LITHIUM, 2024).and_then(|r| r.tonnes());
//! assert_eq!(world, Some(240_000.0));
//! let us = data.withheld(Commodity::LITHIUM, Stage::Mining, 2024, Measure::Production);
//! assert_eq!(us[0].country_as_published, "United States");
//! let src = data.source(&us[0].source).map(|s| s.source.publisher.as_str());
//! assert_eq!(src, Some("U.S. Geological Survey"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod commodity;
mod commodity_table;
mod edition;
mod geopolrisk;
mod json;
mod parse;
mod records;
pub mod supply_risk;
mod table;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::ser::{SerializeMap, Serializer};

pub use commodity::{Commodity, CriticalList, ReportedBasis, TradeCode};
pub use edition::{DirLoad, FileRead, edition_year, latest_edition};
pub use records::{
    FacilityRecord, Flag, Measure, PoliticalStabilityRecord, PricePoint, PriceStatistic, ProductionRecord, SalientItem,
    SalientRecord, SalientUnit, SourceRecord, StageShareRecord,
};
pub use supply_risk::{EuSupplyRisk, EuSupplyRiskInputs, GovernedSupplier};

use crate::Error;
use crate::chain::Stage;
use crate::claims::Claim;
use crate::error::Detail;
use crate::geo::{Economy, Place};
use crate::material::Amount;
use crate::provenance::Estimate;
use parse::SourceIds;
use table::{JsonRow, RawTable, Row, Schema};

/// Where a row came from: file label and 1-based row.
#[derive(Debug, Clone, Default)]
struct Loc {
    file: Arc<str>,
    row: usize,
    /// The line of the file where the row starts (none for JSON).
    line: Option<u64>,
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
    political_stability: Vec<Loc>,
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
/// let rows = data.production(Commodity::COBALT, Stage::Mining, 2024, Measure::Production);
/// let congo = Country::from_code("CD")?;
/// let drc = rows.iter().find(|r| r.area.country() == Some(congo));
/// assert_eq!(drc.and_then(|r| r.tonnes()), Some(220_000.0));
/// let china = Country::from_code("CN")?;
/// let li_refining = data.stage_share_range(Commodity::LITHIUM, Stage::Refining, china.into());
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
    political_stability: Vec<PoliticalStabilityRecord>,
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
            && self.political_stability == o.political_stability
    }
}

/// The built-in files: schema, file name under `data/`, text.
const BUILTIN: [(&Schema, &str, &str); 9] = [
    (&table::SOURCES, "sources.csv", include_str!("../../data/sources.csv")),
    (&table::PRODUCTION, "production.csv", include_str!("../../data/production.csv")),
    (&table::PRODUCTION, "wmd2024_production.csv", include_str!("../../data/wmd2024_production.csv")),
    (&table::SALIENT, "us_salient.csv", include_str!("../../data/us_salient.csv")),
    (&table::STAGE_SHARES, "stage_shares.csv", include_str!("../../data/stage_shares.csv")),
    (&table::CLAIMS, "claims.csv", include_str!("../../data/claims.csv")),
    (&table::PRICES, "prices.csv", include_str!("../../data/prices.csv")),
    (&table::FACILITIES, "facilities.csv", include_str!("../../data/facilities.csv")),
    (&table::POLITICAL_STABILITY, "political_stability.csv", include_str!("../../data/political_stability.csv")),
];

/// The built-in World Mining Data table: 9,333 rows of 64 commodities, of which a report on one
/// commodity reads only that commodity's (see [`Dataset::builtin_for`]).
const BUILTIN_WMD: &str = "wmd2024_production.csv";

/// The file label prefix of built-in rows.
const BUILTIN_PREFIX: &str = "<builtin>/";

static BUILTIN_CACHE: OnceLock<Result<Dataset, Error>> = OnceLock::new();

/// One table being read from its parts (files), with the key of every row kept so far.
///
/// Rule, per part: every row is typed and checked in file order, a key repeated within the
/// part is reported at once; a key of an earlier part is reported once the part has been read
/// without other error (the first such row).
struct Build<T, K> {
    key: parse::Key<T, K>,
    rows: Vec<T>,
    locs: Vec<Loc>,
    /// Key → (part, index in `rows`).
    seen: HashMap<K, (usize, usize)>,
    parts: usize,
}

impl<T, K: std::hash::Hash + Eq + Clone> Build<T, K> {
    fn new(key: parse::Key<T, K>) -> Build<T, K> {
        Build { key, rows: Vec::new(), locs: Vec::new(), seen: HashMap::new(), parts: 0 }
    }

    fn add_part(
        &mut self,
        raw: &RawTable,
        schema: &Schema,
        ids: &SourceIds,
        parse: fn(&Row<'_>, &SourceIds) -> Result<T, Error>,
    ) -> Result<(), Error> {
        let part = self.parts;
        self.parts += 1;
        let file: Arc<str> = Arc::from(raw.file.as_str());
        // keys of earlier parts met in this one: key → its row here
        let mut crossed: HashMap<K, (usize, Option<u64>)> = HashMap::new();
        let mut first_cross: Option<Error> = None;
        self.rows.reserve(raw.len());
        self.locs.reserve(raw.len());
        self.seen.reserve(raw.len());
        for row in raw.rows(schema) {
            let rec = parse(&row, ids)?;
            let duplicate = |first_file: &str, first_row: usize, first_line: Option<u64>| -> Error {
                Detail::DuplicateRow {
                    file: raw.file.clone(),
                    row: row.row,
                    line: row.line,
                    key: (self.key.text)(&rec),
                    first_file: first_file.to_string(),
                    first_row,
                    first_line,
                }
                .into()
            };
            match self.seen.entry((self.key.value)(&rec)) {
                Entry::Vacant(e) => {
                    e.insert((part, self.rows.len()));
                }
                Entry::Occupied(e) => {
                    let (p, i) = *e.get();
                    let first = self.locs.get(i).cloned().unwrap_or_default();
                    if p == part {
                        return Err(duplicate(&raw.file, first.row, first.line));
                    }
                    if let Some(&(here, line)) = crossed.get(e.key()) {
                        return Err(duplicate(&raw.file, here, line));
                    }
                    if first_cross.is_none() {
                        first_cross = Some(duplicate(&first.file, first.row, first.line));
                    }
                    crossed.insert(e.key().clone(), (row.row, row.line));
                    continue;
                }
            }
            self.rows.push(rec);
            self.locs.push(Loc { file: Arc::clone(&file), row: row.row, line: row.line });
        }
        first_cross.map_or(Ok(()), Err)
    }

    fn finish(self) -> (Vec<T>, Vec<Loc>) {
        (self.rows, self.locs)
    }
}

/// Appends `b` to `a`, refusing a key present in both (or, with `same_ok`, allowing it when the
/// two records are equal, keeping the first).
fn merge_table<T: PartialEq, K: std::hash::Hash + Eq>(
    a: (Vec<T>, Vec<Loc>),
    b: (Vec<T>, Vec<Loc>),
    key: parse::Key<T, K>,
    same_ok: bool,
) -> Result<(Vec<T>, Vec<Loc>), Error> {
    let (mut rows, mut locs) = a;
    let mut seen: HashMap<K, usize> = rows.iter().enumerate().map(|(i, r)| ((key.value)(r), i)).collect();
    for (rec, loc) in b.0.into_iter().zip(b.1) {
        let k = (key.value)(&rec);
        if let Some(&i) = seen.get(&k) {
            if same_ok && rows[i] == rec {
                continue;
            }
            let first = locs.get(i).cloned().unwrap_or_default();
            return Err(Detail::DuplicateRow {
                file: loc.file.to_string(),
                row: loc.row,
                line: loc.line,
                key: (key.text)(&rec),
                first_file: first.file.to_string(),
                first_row: first.row,
                first_line: first.line,
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
    /// let world = data.world_total(Commodity::NATURAL_GRAPHITE, 2024).and_then(|r| r.tonnes());
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
                for (schema, name, text) in BUILTIN {
                    let file = format!("{BUILTIN_PREFIX}{name}");
                    tables.push((schema, RawTable::from_csv(&file, text, schema)?));
                }
                Dataset::from_tables(tables)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The built-in data a report on `commodity` reads: every table of [`Dataset::builtin`]
    /// except the World Mining Data rows of other commodities and the WGI political-stability
    /// table (a report uses neither). Every query about `commodity` other than political
    /// stability answers as on [`Dataset::builtin`], and so does a
    /// [`SupplyReport`](crate::report::SupplyReport) of it (the crate's tests compare the two for
    /// every commodity); the rows read are checked as [`Dataset::builtin`] checks them. Not cached:
    /// a program making several reports is better served by [`Dataset::builtin_ref`].
    ///
    /// # Errors
    ///
    /// As [`Dataset::builtin`].
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::chain::Stage;
    /// use critical_minerals::dataset::{Commodity, Dataset, Measure};
    ///
    /// let li = Commodity::LITHIUM;
    /// let one = Dataset::builtin_for(li)?;
    /// let all = Dataset::builtin_ref()?;
    /// let rows = |d: &Dataset| d.production(li, Stage::Mining, 2022, Measure::Production).len();
    /// assert_eq!(rows(&one), rows(all));
    /// assert!(one.production_rows().iter().all(|r| r.commodity == li || r.edition != "WMD 2024"));
    /// assert!(one.political_stability_rows().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin_for(commodity: Commodity) -> Result<Dataset, Error> {
        let of_commodity = |text: &str| Commodity::lookup(text).map_or(true, |c| c == commodity);
        let mut tables = Vec::with_capacity(BUILTIN.len());
        for (schema, name, text) in BUILTIN {
            if schema.key == table::POLITICAL_STABILITY.key {
                continue;
            }
            let file = format!("{BUILTIN_PREFIX}{name}");
            let keep: Option<table::Keep<'_>> = (name == BUILTIN_WMD).then_some(("commodity", &of_commodity));
            tables.push((schema, RawTable::from_csv_where(&file, text, schema, keep)?));
        }
        Dataset::from_tables(tables)
    }

    /// Loads a directory of CSV files with the built-in file names and columns (see the module
    /// documentation). Each file is optional; each present file is fully validated. A CSV file
    /// with another name is an error; other entries are not read ([`Dataset::load_dir`] lists
    /// them). Rows cite sources of the same directory's `sources.csv`.
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
    /// let row = &mine.production(Commodity::LITHIUM, Stage::Mining, 2025, Measure::Production)[0];
    /// assert_eq!(row.area.to_string(), "NAM"); // "NA" is Namibia
    /// let all = Dataset::builtin()?.merge(mine)?;
    /// assert!(all.source("mine-report").is_some());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Dataset, Error> {
        Dataset::load_dir(dir).map(|(d, _)| d)
    }

    /// As [`Dataset::from_dir`], with the list of what was read: each data file and its rows, and
    /// every other entry of the directory. A CSV file whose name is not a data file's is an error
    /// (a misspelt `prodution.csv` is never skipped silently); other entries (a README, a
    /// sub-directory) are listed in [`DirLoad::not_read`].
    ///
    /// # Errors
    ///
    /// As [`Dataset::from_dir`]; [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming a CSV
    /// file the loader does not read.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::Dataset;
    ///
    /// let dir = std::env::temp_dir().join(format!("cm-doc-load-dir-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("sources.csv"), "id,publisher,title,tag\nmine,Acme,Report,P\n")?;
    /// std::fs::write(dir.join("README.md"), "my notes")?;
    /// let (_, load) = Dataset::load_dir(&dir)?;
    /// assert_eq!(load.read[0].rows, 1);
    /// assert!(load.not_read[0].ends_with("README.md"));
    /// std::fs::write(dir.join("prodution.csv"), "commodity\n")?;
    /// let err = Dataset::load_dir(&dir).unwrap_err().to_string();
    /// assert!(err.contains("prodution.csv") && err.contains("production.csv"));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<(Dataset, DirLoad), Error> {
        let dir = dir.as_ref();
        let io =
            |path: &Path, e: std::io::Error| Detail::Io { path: path.display().to_string(), reason: e.to_string() };
        if !dir.is_dir() {
            return Err(
                Detail::Io { path: dir.display().to_string(), reason: "not a readable directory".into() }.into()
            );
        }
        let mut load = DirLoad::default();
        let mut entries: Vec<std::path::PathBuf> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
            entries.push(entry.map_err(|e| io(dir, e))?.path());
        }
        entries.sort();
        let expected = || table::ALL.iter().map(|s| s.file).collect::<Vec<_>>().join(", ");
        for path in &entries {
            let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let known = table::ALL.iter().any(|s| s.file == name);
            if known && path.is_file() {
                continue;
            }
            if path.is_file() && name.to_ascii_lowercase().ends_with(".csv") {
                return Err(Detail::UnreadFile { path: path.display().to_string(), expected: expected() }.into());
            }
            load.not_read.push(path.display().to_string());
        }
        let mut tables = Vec::new();
        for schema in table::ALL {
            let path = dir.join(schema.file);
            if !path.is_file() {
                continue;
            }
            let file = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            let raw = RawTable::from_csv(&file, &text, schema)?;
            load.read.push(FileRead { path: file, rows: raw.len() });
            tables.push((schema, raw));
        }
        Ok((Dataset::from_tables(tables)?, load))
    }

    /// Loads the JSON form written by serializing a [`Dataset`]: an object whose keys are table
    /// names (`sources`, `production`, `us_salient`, `stage_shares`, `claims`, `prices`,
    /// `facilities`; each optional) and whose values are arrays of row objects keyed by column
    /// name. Values may be strings or numbers; `null` or an absent key is an empty field. The
    /// same checks as for CSV apply; errors name `<json>/<table>`, the row and the column. A key
    /// given twice (a table, or a column of a row) is an error naming it, never a value dropped.
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
        let value: serde_json::Value = json::parse(text).map_err(|e| Detail::Json {
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
    /// measure, country, year, edition); salient statistics by (commodity, item, year, edition);
    /// political stability by (country, year, edition); stage shares by (commodity, stage,
    /// country, year, metric, source); prices by (commodity, product, grade, market, date,
    /// statistic, source). Figures of another edition therefore never collide: the editions
    /// coexist and queries pick the latest (see the module documentation).
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
        let mut d = self;
        let o = other;
        (d.sources, d.locs.sources) =
            merge_table((d.sources, d.locs.sources), (o.sources, o.locs.sources), parse::SOURCE_KEY, true)?;
        (d.production, d.locs.production) = merge_table(
            (d.production, d.locs.production),
            (o.production, o.locs.production),
            parse::PRODUCTION_KEY,
            false,
        )?;
        (d.salient, d.locs.salient) =
            merge_table((d.salient, d.locs.salient), (o.salient, o.locs.salient), parse::SALIENT_KEY, false)?;
        (d.stage_shares, d.locs.stage_shares) = merge_table(
            (d.stage_shares, d.locs.stage_shares),
            (o.stage_shares, o.locs.stage_shares),
            parse::STAGE_SHARE_KEY,
            false,
        )?;
        (d.claims, d.locs.claims) =
            merge_table((d.claims, d.locs.claims), (o.claims, o.locs.claims), parse::CLAIM_KEY, false)?;
        (d.prices, d.locs.prices) =
            merge_table((d.prices, d.locs.prices), (o.prices, o.locs.prices), parse::PRICE_KEY, false)?;
        (d.facilities, d.locs.facilities) = merge_table(
            (d.facilities, d.locs.facilities),
            (o.facilities, o.locs.facilities),
            parse::FACILITY_KEY,
            false,
        )?;
        (d.political_stability, d.locs.political_stability) = merge_table(
            (d.political_stability, d.locs.political_stability),
            (o.political_stability, o.locs.political_stability),
            parse::POLITICAL_STABILITY_KEY,
            false,
        )?;
        Ok(d)
    }

    fn from_tables(tables: Vec<(&'static Schema, RawTable)>) -> Result<Dataset, Error> {
        let mut d = Dataset::default();
        let none: SourceIds = SourceIds::new();
        let mut sources = Build::new(parse::SOURCE_KEY);
        for (schema, raw) in tables.iter().filter(|(s, _)| s.key == table::SOURCES.key) {
            sources.add_part(raw, schema, &none, |r, _| parse::source(r))?;
        }
        (d.sources, d.locs.sources) = sources.finish();
        let ids: SourceIds = d
            .sources
            .iter()
            .map(|s| (s.source.id.clone(), s.source.edition.clone().unwrap_or_else(|| s.source.id.clone())))
            .collect();
        let mut production = Build::new(parse::PRODUCTION_KEY);
        let mut salient = Build::new(parse::SALIENT_KEY);
        let mut stage_shares = Build::new(parse::STAGE_SHARE_KEY);
        let mut claims = Build::new(parse::CLAIM_KEY);
        let mut prices = Build::new(parse::PRICE_KEY);
        let mut facilities = Build::new(parse::FACILITY_KEY);
        let mut political_stability = Build::new(parse::POLITICAL_STABILITY_KEY);
        for (schema, raw) in &tables {
            match schema.key {
                "production" => production.add_part(raw, schema, &ids, parse::production)?,
                "us_salient" => salient.add_part(raw, schema, &ids, parse::salient)?,
                "stage_shares" => stage_shares.add_part(raw, schema, &ids, parse::stage_share)?,
                "claims" => claims.add_part(raw, schema, &ids, parse::claim)?,
                "prices" => prices.add_part(raw, schema, &ids, parse::price)?,
                "facilities" => facilities.add_part(raw, schema, &ids, parse::facility)?,
                "political_stability" => political_stability.add_part(raw, schema, &ids, parse::political_stability)?,
                _ => {}
            }
        }
        (d.production, d.locs.production) = production.finish();
        (d.salient, d.locs.salient) = salient.finish();
        (d.stage_shares, d.locs.stage_shares) = stage_shares.finish();
        (d.claims, d.locs.claims) = claims.finish();
        (d.prices, d.locs.prices) = prices.finish();
        (d.facilities, d.locs.facilities) = facilities.finish();
        (d.political_stability, d.locs.political_stability) = political_stability.finish();
        Ok(d)
    }

    fn rows_by_table(&self) -> [(&'static Schema, Vec<Vec<String>>); 8] {
        [
            (&table::SOURCES, self.sources.iter().map(parse::source_fields).collect()),
            (&table::PRODUCTION, self.production.iter().map(parse::production_fields).collect()),
            (&table::SALIENT, self.salient.iter().map(parse::salient_fields).collect()),
            (&table::STAGE_SHARES, self.stage_shares.iter().map(parse::stage_share_fields).collect()),
            (&table::CLAIMS, self.claims.iter().map(parse::claim_fields).collect()),
            (&table::PRICES, self.prices.iter().map(parse::price_fields).collect()),
            (&table::FACILITIES, self.facilities.iter().map(parse::facility_fields).collect()),
            (
                &table::POLITICAL_STABILITY,
                self.political_stability.iter().map(parse::political_stability_fields).collect(),
            ),
        ]
    }

    /// The same dataset without the rows of the built-in data: only the rows read from the
    /// user's files (a directory, JSON). Sources are all kept, so rows may still cite built-in
    /// sources. Used to report on the user's data alone.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::Dataset;
    ///
    /// let builtin = Dataset::builtin()?;
    /// assert!(builtin.without_builtin().production_rows().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn without_builtin(&self) -> Dataset {
        fn keep<T: Clone>(rows: &[T], locs: &[Loc]) -> (Vec<T>, Vec<Loc>) {
            rows.iter()
                .zip(locs)
                .filter(|(_, l)| !l.file.starts_with(BUILTIN_PREFIX))
                .map(|(r, l)| (r.clone(), l.clone()))
                .unzip()
        }
        let mut d = Dataset { sources: self.sources.clone(), ..Dataset::default() };
        d.locs.sources = self.locs.sources.clone();
        (d.production, d.locs.production) = keep(&self.production, &self.locs.production);
        (d.salient, d.locs.salient) = keep(&self.salient, &self.locs.salient);
        (d.stage_shares, d.locs.stage_shares) = keep(&self.stage_shares, &self.locs.stage_shares);
        (d.claims, d.locs.claims) = keep(&self.claims, &self.locs.claims);
        (d.prices, d.locs.prices) = keep(&self.prices, &self.locs.prices);
        (d.facilities, d.locs.facilities) = keep(&self.facilities, &self.locs.facilities);
        (d.political_stability, d.locs.political_stability) =
            keep(&self.political_stability, &self.locs.political_stability);
        d
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

    /// The rows of a commodity, stage, year and measure — countries, `OTHER` and `WORLD`, in file
    /// order — each figure (country) from the latest edition that has it (see
    /// [`latest_edition`]): a user's older edition never displaces a newer figure, and rows no
    /// other edition has are kept. Rows of other stages (a refinery table merged beside mine
    /// production) are never mixed in.
    pub fn production(
        &self,
        commodity: Commodity,
        stage: Stage,
        year: i32,
        measure: Measure,
    ) -> Vec<&ProductionRecord> {
        self.production_in(commodity, stage, year, measure, None)
    }

    /// As [`Dataset::production`], from the named `edition` only (`Some("MCS 2024")`), or each
    /// figure from its latest edition with `None`. Empty when the edition has no such rows.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::chain::Stage;
    /// use critical_minerals::dataset::{Commodity, Dataset, Measure};
    ///
    /// let data = Dataset::builtin()?;
    /// let co = Commodity::COBALT;
    /// // 2024 and 2023 come from USGS MCS 2025, 2022 from World Mining Data 2024
    /// assert_eq!(data.production(co, Stage::Mining, 2024, Measure::Production)[0].edition, "MCS 2025");
    /// assert_eq!(data.production(co, Stage::Mining, 2022, Measure::Production)[0].edition, "WMD 2024");
    /// let wmd_2023 = data.production_in(co, Stage::Mining, 2023, Measure::Production, Some("WMD 2024"));
    /// assert!(wmd_2023.is_empty()); // World Mining Data 2024 ends with 2022
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn production_in(
        &self,
        commodity: Commodity,
        stage: Stage,
        year: i32,
        measure: Measure,
        edition: Option<&str>,
    ) -> Vec<&ProductionRecord> {
        let rows: Vec<&ProductionRecord> = self
            .production
            .iter()
            .filter(|r| r.commodity == commodity && r.stage == stage && r.year == year && r.measure == measure)
            .collect();
        match edition {
            Some(e) => rows.into_iter().filter(|r| r.edition == e).collect(),
            None => {
                // per figure (country): the row of the latest edition that has it
                let latest: HashMap<Place, &str> = {
                    let mut by_area: HashMap<Place, Vec<&str>> = HashMap::new();
                    for r in &rows {
                        by_area.entry(r.area).or_default().push(&r.edition);
                    }
                    by_area.into_iter().filter_map(|(a, eds)| latest_edition(eds).map(|e| (a, e))).collect()
                };
                rows.into_iter().filter(|r| latest.get(&r.area).is_some_and(|e| *e == r.edition)).collect()
            }
        }
    }

    /// The editions holding production rows of a commodity (any stage, year and measure), latest
    /// first.
    pub fn editions(&self, commodity: Commodity) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self.production.iter().filter(|r| r.commodity == commodity) {
            if !out.contains(&r.edition.as_str()) {
                out.push(&r.edition);
            }
        }
        for r in self.salient.iter().filter(|r| r.commodity == commodity) {
            if !out.contains(&r.edition.as_str()) {
                out.push(&r.edition);
            }
        }
        edition::sort_latest_first(&mut out);
        out
    }

    /// Every WGI political-stability row.
    pub fn political_stability_rows(&self) -> &[PoliticalStabilityRecord] {
        &self.political_stability
    }

    /// The political-stability estimate of an economy in a year, from the latest edition that
    /// has it.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::Dataset;
    /// use critical_minerals::geo::Economy;
    ///
    /// let data = Dataset::builtin()?;
    /// let chile = Economy::from_alpha3("CHL")?;
    /// let r = data.political_stability(chile, 2022).ok_or("no row")?;
    /// assert_eq!(r.edition, "WGI 2023");
    /// assert!(r.estimate > -2.5 && r.estimate < 2.5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn political_stability(&self, economy: Economy, year: i32) -> Option<&PoliticalStabilityRecord> {
        let rows: Vec<&PoliticalStabilityRecord> =
            self.political_stability.iter().filter(|r| r.economy == economy && r.year == year).collect();
        let e = latest_edition(rows.iter().map(|r| r.edition.as_str()))?;
        rows.into_iter().find(|r| r.edition == e)
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

    /// One US salient statistic, from the latest edition that has it.
    pub fn salient_value(&self, commodity: Commodity, item: SalientItem, year: i32) -> Option<&SalientRecord> {
        let rows: Vec<&SalientRecord> =
            self.salient.iter().filter(|r| r.commodity == commodity && r.item == item && r.year == year).collect();
        let e = latest_edition(rows.iter().map(|r| r.edition.as_str()))?;
        rows.into_iter().find(|r| r.edition == e)
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
