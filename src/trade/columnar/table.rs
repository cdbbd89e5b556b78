//! The columnar trade table: one `Vec` per column, compact codes, explicit validity masks.

use std::collections::HashMap;

use crate::Error;
use crate::error::Detail;
use crate::geo::Economy;
use crate::material::Basis;
use crate::money::Currency;
use crate::trade::{HsCode, HsRevision, TradeFlow};
use crate::units::{self, Mass, mass};

/// Highest HS6 code: six digits.
pub(crate) const MAX_HS6: u32 = 999_999;

/// Most distinct economies one table indexes (its economy column is a `u16`; `u16::MAX` marks
/// an empty slot while building).
pub(crate) const MAX_ECONOMIES: usize = u16::MAX as usize;

const NO_INDEX: u16 = u16::MAX;

/// A validity bitmap: bit `i` set when row `i` holds a value.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::Bitmap;
///
/// let mut b = Bitmap::default();
/// b.push(true);
/// b.push(false);
/// assert_eq!((b.len(), b.get(0), b.get(1), b.count_set()), (2, Some(true), Some(false), 1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bitmap {
    words: Vec<u64>,
    len: usize,
}

impl Bitmap {
    /// An empty bitmap with room for `n` bits.
    pub fn with_capacity(n: usize) -> Bitmap {
        Bitmap { words: Vec::with_capacity(n.div_ceil(64)), len: 0 }
    }

    #[cfg_attr(not(feature = "synth"), allow(dead_code))]
    pub(crate) fn from_words(words: Vec<u64>, len: usize) -> Bitmap {
        Bitmap { words, len }
    }

    /// Appends one bit.
    #[inline]
    pub fn push(&mut self, bit: bool) {
        let (w, b) = (self.len / 64, self.len % 64);
        if b == 0 {
            self.words.push(0);
        }
        if bit && let Some(word) = self.words.get_mut(w) {
            *word |= 1 << b;
        }
        self.len += 1;
    }

    /// Bit `i`, or `None` past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<bool> {
        if i >= self.len {
            return None;
        }
        self.words.get(i / 64).map(|w| (w >> (i % 64)) & 1 == 1)
    }

    /// Number of bits.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the bitmap holds no bit.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of set bits (rows with a value).
    pub fn count_set(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Bytes held.
    pub fn byte_size(&self) -> usize {
        self.words.len() * 8
    }

    fn extend(&mut self, other: &Bitmap) {
        if self.len.is_multiple_of(64) {
            self.words.truncate(self.len / 64);
            self.words.extend_from_slice(&other.words);
            self.len += other.len;
        } else {
            for i in 0..other.len {
                self.push(other.get(i).unwrap_or(false));
            }
        }
    }
}

/// One row of a [`TradeTable`], typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TradeRow {
    /// Calendar year.
    pub year: i32,
    /// Exporting economy.
    pub exporter: Economy,
    /// Importing economy.
    pub importer: Economy,
    /// HS 6-digit product code, e.g. `283691` (lithium carbonate).
    pub hs6: u32,
    /// Trade value in US dollars (not thousands), `None` where missing.
    pub value_usd: Option<f64>,
    /// Quantity (metric tonnes on input), `None` where missing.
    pub quantity: Option<Mass>,
}

impl TradeRow {
    /// The quantity in metric tonnes, `None` where missing.
    pub fn quantity_t(&self) -> Option<f64> {
        self.quantity.map(units::as_tonnes)
    }
}

/// The plain tuple [`TradeTable::from_rows`] takes: `(year, exporter, importer, hs6, value_usd,
/// quantity_t)`; exporter and importer are [`Economy`]s, or anything that converts into one
/// (`RowTuple<Country>`).
pub type RowTuple<E = Economy> = (i32, E, E, u32, Option<f64>, Option<f64>);

/// A bilateral trade table stored by column.
///
/// | column | storage | per row |
/// |---|---|---|
/// | year | `i16` | 2 B |
/// | exporter, importer | `u16` index into a sorted dictionary of [`Economy`]s | 2 B each |
/// | commodity | `u16` index into a sorted dictionary of HS6 codes (`u32`) | 2 B |
/// | value | `f64` US dollars + validity [`Bitmap`] | 8 B + 1 bit |
/// | quantity | [`Mass`] (an `f64` in kg) + validity [`Bitmap`] | 8 B + 1 bit |
///
/// A missing value is an unset bit in its validity bitmap; the data slot under it holds `0.0`
/// (the additive identity, so kernels sum without branching) and is never returned by the typed
/// accessors. No NaN is stored: values are finite and non-negative by construction.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::TradeTable;
/// use critical_minerals::geo::Country;
///
/// let (cl, cn, au) = (Country::from_code("CL")?, Country::from_code("CN")?, Country::from_code("AU")?);
/// let t = TradeTable::from_rows([
///     (2023, cl, cn, 283691, Some(9.0e9), Some(120_000.0)),
///     (2023, au, cn, 253090, Some(5.0e9), None),
/// ])?;
/// let r = t.row(1).ok_or("no row")?;
/// assert_eq!((r.exporter, r.hs6, r.value_usd, r.quantity), (au.into(), 253090, Some(5.0e9), None));
/// assert_eq!(t.commodities(), &[253090, 283691]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TradeTable {
    pub(crate) year: Vec<i16>,
    pub(crate) exporter: Vec<u16>,
    pub(crate) importer: Vec<u16>,
    /// The distinct economies, ascending: the dictionary the exporter and importer columns index.
    pub(crate) economies: Vec<Economy>,
    pub(crate) commodity: Vec<u16>,
    pub(crate) hs6_dict: Vec<u32>,
    pub(crate) value_usd: Vec<f64>,
    pub(crate) value_valid: Bitmap,
    pub(crate) quantity: Vec<Mass>,
    pub(crate) quantity_valid: Bitmap,
    /// The basis every quantity is counted on, when the rows came from typed [`TradeFlow`]s;
    /// `None` for quantities as a trade database reports them (BACI, Comtrade: the gross weight
    /// of the HS6 product).
    pub(crate) quantity_basis: Option<Basis>,
    /// The HS revision the product codes follow, when known (BACI's file name, an option).
    pub(crate) hs_revision: Option<HsRevision>,
}

impl TradeTable {
    /// A table from typed trade flows: yearly periods, values in US dollars of one price year (or
    /// all without one), quantities all on one [`Basis`]; a missing value or quantity stays
    /// missing. The basis is kept ([`TradeTable::quantity_basis`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) naming the flow (0-based index) and field: a monthly
    /// period (aggregate months to years first), a value in another currency or price year than
    /// the first value, a quantity on another basis than the first quantity; and as
    /// [`TradeTable::from_rows`].
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::trade::columnar::TradeTable;
    /// use critical_minerals::prelude::*;
    ///
    /// let flow = TradeFlow::new(Period::year(2024)?, Country::from_code("CL")?, Country::from_code("CN")?, HsCode::LITHIUM_CARBONATE)?
    ///     .with_quantity(Amount::tonnes(12_000.0, Basis::lce())?)
    ///     .with_value(Money::parse("150 million USD")?);
    /// let t = TradeTable::from_flows(&[flow])?;
    /// assert_eq!(t.quantity_basis(), Some(&Basis::lce()));
    /// assert_eq!(t.value_usd(0), Some(150.0e6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_flows(flows: &[TradeFlow]) -> Result<TradeTable, Error> {
        let bad = |row: usize, column: &'static str, value: String, expected: &'static str| Detail::InvalidRow {
            row,
            column,
            value,
            expected,
        };
        let basis = flows.iter().find_map(|f| f.quantity().map(|q| q.basis().clone()));
        let price_year = flows.iter().find_map(|f| f.value().map(|v| v.price_year()));
        let mut rows = Vec::with_capacity(flows.len());
        for (row, f) in flows.iter().enumerate() {
            let period = f.period();
            if !period.is_year() {
                return Err(bad(row, "period", period.to_string(), "a calendar year (aggregate months first)").into());
            }
            let value_usd = match f.value() {
                None => None,
                Some(v) if v.currency() != Currency::USD => {
                    return Err(bad(row, "value", v.to_string(), "an amount in USD").into());
                }
                Some(v) if Some(v.price_year()) != price_year => {
                    return Err(bad(row, "value", v.to_string(), "the price year of the first value").into());
                }
                Some(v) => Some(v.amount()),
            };
            let quantity_t = match f.quantity() {
                None => None,
                Some(q) if Some(q.basis()) != basis.as_ref() => {
                    return Err(bad(row, "quantity", q.to_string(), "the basis of the first quantity").into());
                }
                Some(q) => Some(q.in_tonnes()),
            };
            let hs6 = f.commodity().as_u32();
            rows.push((period.calendar_year(), f.exporter(), f.importer(), hs6, value_usd, quantity_t));
        }
        let mut t = TradeTable::from_rows(rows)?;
        t.quantity_basis = basis;
        Ok(t)
    }

    /// The basis of the quantity column: `Some` for a table built from typed flows, `None` for
    /// quantities as a trade database reports them (gross weight of the HS6 product).
    pub fn quantity_basis(&self) -> Option<&Basis> {
        self.quantity_basis.as_ref()
    }

    /// A table from plain row tuples `(year, exporter, importer, hs6, value_usd, quantity_t)`;
    /// exporter and importer are [`Economy`]s or anything that converts into one (a
    /// [`Country`](crate::geo::Country)).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) naming the row (0-based index), the column and the value: a
    /// year outside `-32768..=32767`, an HS6 code above 999999, a value or quantity that is
    /// negative, NaN or infinite; [`ErrorKind::Limit`](crate::ErrorKind::Limit) past 65,536 distinct
    /// HS6 codes or 65,535 distinct economies.
    pub fn from_rows<E: Into<Economy>, I: IntoIterator<Item = RowTuple<E>>>(rows: I) -> Result<TradeTable, Error> {
        let mut b = TableBuilder::default();
        for (row, (year, exporter, importer, hs6, value_usd, quantity_t)) in rows.into_iter().enumerate() {
            let bad = |column: &'static str, value: String, expected: &'static str| Detail::InvalidRow {
                row,
                column,
                value,
                expected,
            };
            let year = i16::try_from(year).map_err(|_| bad("year", year.to_string(), "a year in -32768..=32767"))?;
            if hs6 > MAX_HS6 || HsCode::new(hs6).is_err() {
                return Err(bad("hs6", hs6.to_string(), "an HS6 code (six digits, chapter 01 to 97, not 77)").into());
            }
            // finite also once scaled to the stored unit (tonnes to kilograms); `-0` is `0`
            let check = |column: &'static str, v: Option<f64>, scale: f64| match v {
                Some(x) if !(x * scale).is_finite() || x < 0.0 => {
                    Err(bad(column, x.to_string(), "a finite, non-negative number or None"))
                }
                _ => Ok(v.map(|x| x + 0.0)),
            };
            let value_usd = check("value_usd", value_usd, 1.0)?;
            let quantity_t = check("quantity_t", quantity_t, 1000.0)?;
            b.push(year, exporter.into(), importer.into(), hs6, value_usd, quantity_t);
        }
        b.finish()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.year.len()
    }

    /// Whether the table has no row.
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }

    /// Row `i`, typed; `None` past the end.
    pub fn row(&self, i: usize) -> Option<TradeRow> {
        Some(TradeRow {
            year: self.year(i)?,
            exporter: self.exporter(i)?,
            importer: self.importer(i)?,
            hs6: self.hs6(i)?,
            value_usd: self.value_usd(i),
            quantity: self.quantity(i),
        })
    }

    /// Every row, typed, in order.
    pub fn rows(&self) -> impl Iterator<Item = TradeRow> + '_ {
        (0..self.len()).filter_map(|i| self.row(i))
    }

    /// Year of row `i`.
    pub fn year(&self, i: usize) -> Option<i32> {
        self.year.get(i).map(|&y| i32::from(y))
    }

    /// Exporter of row `i`.
    pub fn exporter(&self, i: usize) -> Option<Economy> {
        self.economies.get(usize::from(*self.exporter.get(i)?)).copied()
    }

    /// Importer of row `i`.
    pub fn importer(&self, i: usize) -> Option<Economy> {
        self.economies.get(usize::from(*self.importer.get(i)?)).copied()
    }

    /// The distinct exporters and importers, ascending: the dictionary the exporter and
    /// importer columns index.
    pub fn economies(&self) -> &[Economy] {
        &self.economies
    }

    /// The HS revision the product codes follow (HS92 … HS22), when known: from a BACI file's
    /// name or a loader option.
    pub fn hs_revision(&self) -> Option<HsRevision> {
        self.hs_revision
    }

    /// This table with its HS revision recorded.
    pub fn with_hs_revision(self, revision: HsRevision) -> TradeTable {
        TradeTable { hs_revision: Some(revision), ..self }
    }

    /// HS6 code of row `i`.
    pub fn hs6(&self, i: usize) -> Option<u32> {
        self.hs6_dict.get(usize::from(*self.commodity.get(i)?)).copied()
    }

    /// Value of row `i` in US dollars; `None` where missing or past the end.
    pub fn value_usd(&self, i: usize) -> Option<f64> {
        if self.value_valid.get(i)? { self.value_usd.get(i).copied() } else { None }
    }

    /// Quantity of row `i`; `None` where missing or past the end.
    pub fn quantity(&self, i: usize) -> Option<Mass> {
        if self.quantity_valid.get(i)? { self.quantity.get(i).copied() } else { None }
    }

    /// The distinct HS6 codes, ascending: the dictionary the commodity column indexes.
    pub fn commodities(&self) -> &[u32] {
        &self.hs6_dict
    }

    /// The year column.
    pub fn year_column(&self) -> &[i16] {
        &self.year
    }

    /// The exporter column: indices into [`TradeTable::economies`] ([`TradeTable::exporter`]
    /// decodes them).
    pub fn exporter_column(&self) -> &[u16] {
        &self.exporter
    }

    /// The importer column: indices into [`TradeTable::economies`].
    pub fn importer_column(&self) -> &[u16] {
        &self.importer
    }

    /// The commodity column: indices into [`TradeTable::commodities`].
    pub fn commodity_column(&self) -> &[u16] {
        &self.commodity
    }

    /// The value column in US dollars; `0.0` where [`TradeTable::value_validity`] says missing.
    pub fn value_usd_column(&self) -> &[f64] {
        &self.value_usd
    }

    /// Which rows have a value.
    pub fn value_validity(&self) -> &Bitmap {
        &self.value_valid
    }

    /// The quantity column; zero where [`TradeTable::quantity_validity`] says missing.
    pub fn quantity_column(&self) -> &[Mass] {
        &self.quantity
    }

    /// Which rows have a quantity.
    pub fn quantity_validity(&self) -> &Bitmap {
        &self.quantity_valid
    }

    /// Bytes held by the columns (data, dictionary and bitmaps), the yardstick of the memory
    /// figures in `BENCHMARKS.md`.
    pub fn byte_size(&self) -> usize {
        self.year.len() * 2
            + self.exporter.len() * 2
            + self.importer.len() * 2
            + self.economies.len() * std::mem::size_of::<Economy>()
            + self.commodity.len() * 2
            + self.hs6_dict.len() * 4
            + self.value_usd.len() * 8
            + self.quantity.len() * 8
            + self.value_valid.byte_size()
            + self.quantity_valid.byte_size()
    }

    /// Appends the rows of `other` (dictionaries merged).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for quantities on another basis or
    /// codes of another HS revision; [`ErrorKind::Limit`](crate::ErrorKind::Limit) past 65,536
    /// distinct HS6 codes or 65,535 distinct economies.
    pub fn append(&mut self, other: &TradeTable) -> Result<(), Error> {
        if self.hs_revision != other.hs_revision && !self.is_empty() && !other.is_empty() {
            let name = |r: Option<HsRevision>| r.map_or_else(|| "unknown".to_string(), |r| r.to_string());
            return Err(
                Detail::HsRevisionMismatch { left: name(self.hs_revision), right: name(other.hs_revision) }.into()
            );
        }
        if self.quantity_basis != other.quantity_basis && !self.is_empty() && !other.is_empty() {
            let name = |b: &Option<Basis>| b.as_ref().map_or_else(|| "as reported".to_string(), |b| b.to_string());
            return Err(Detail::TableBasisMismatch {
                left: name(&self.quantity_basis),
                right: name(&other.quantity_basis),
            }
            .into());
        }
        if self.is_empty() {
            self.quantity_basis = other.quantity_basis.clone();
            self.hs_revision = other.hs_revision;
        }
        let mut economies = self.economies.clone();
        economies.extend_from_slice(&other.economies);
        economies.sort_unstable();
        economies.dedup();
        if economies.len() > MAX_ECONOMIES {
            return Err(Detail::TooManyEconomies { limit: MAX_ECONOMIES }.into());
        }
        let mut dict = self.hs6_dict.clone();
        dict.extend_from_slice(&other.hs6_dict);
        dict.sort_unstable();
        dict.dedup();
        if dict.len() > usize::from(u16::MAX) + 1 {
            return Err(Detail::TooManyCommodities { limit: usize::from(u16::MAX) + 1 }.into());
        }
        let remap = |old: &[u32]| -> Vec<u16> {
            old.iter().map(|c| dict.binary_search(c).map(|i| i as u16).unwrap_or(0)).collect()
        };
        let (mine, theirs) = (remap(&self.hs6_dict), remap(&other.hs6_dict));
        if mine.iter().enumerate().any(|(i, &j)| usize::from(j) != i) {
            for c in &mut self.commodity {
                *c = mine.get(usize::from(*c)).copied().unwrap_or(0);
            }
        }
        self.commodity.extend(other.commodity.iter().map(|&c| theirs.get(usize::from(c)).copied().unwrap_or(0)));
        self.hs6_dict = dict;
        let remap = |old: &[Economy]| -> Vec<u16> {
            old.iter().map(|e| economies.binary_search(e).map(|i| i as u16).unwrap_or(0)).collect()
        };
        let (mine, theirs) = (remap(&self.economies), remap(&other.economies));
        if mine.iter().enumerate().any(|(i, &j)| usize::from(j) != i) {
            for col in [&mut self.exporter, &mut self.importer] {
                for x in col.iter_mut() {
                    *x = mine.get(usize::from(*x)).copied().unwrap_or(0);
                }
            }
        }
        let map = |x: &u16| theirs.get(usize::from(*x)).copied().unwrap_or(0);
        self.exporter.extend(other.exporter.iter().map(map));
        self.importer.extend(other.importer.iter().map(map));
        self.economies = economies;
        self.year.extend_from_slice(&other.year);
        self.value_usd.extend_from_slice(&other.value_usd);
        self.value_valid.extend(&other.value_valid);
        self.quantity.extend_from_slice(&other.quantity);
        self.quantity_valid.extend(&other.quantity_valid);
        Ok(())
    }
}

/// Codes per page of the HS6 lookup of a [`TableBuilder`].
const LOOKUP_PAGE: usize = 1 << 10;

/// Builds a table row by row from already validated values; HS6 codes and economies are
/// dictionary-encoded on the fly (HS6 by a direct lookup, in pages of 1,024 codes (4 KiB)
/// allocated on first use, so a builder's lookup follows the codes it sees: 8 KiB empty, at
/// most 4 MB; the listed economies by their index, unknown codes through a map) and the
/// dictionaries sorted at the end.
pub(crate) struct TableBuilder {
    t: TradeTable,
    lookup: Vec<Option<Box<[u32; LOOKUP_PAGE]>>>,
    economy_lookup: Vec<u16>,
    unknown_lookup: HashMap<Economy, u16>,
    overflow: bool,
    economy_overflow: bool,
}

impl Default for TableBuilder {
    fn default() -> Self {
        TableBuilder::with_capacity(0)
    }
}

impl TableBuilder {
    pub(crate) fn with_capacity(n: usize) -> TableBuilder {
        TableBuilder {
            t: TradeTable {
                year: Vec::with_capacity(n),
                exporter: Vec::with_capacity(n),
                importer: Vec::with_capacity(n),
                economies: Vec::new(),
                commodity: Vec::with_capacity(n),
                hs6_dict: Vec::new(),
                value_usd: Vec::with_capacity(n),
                value_valid: Bitmap::with_capacity(n),
                quantity: Vec::with_capacity(n),
                quantity_valid: Bitmap::with_capacity(n),
                quantity_basis: None,
                hs_revision: None,
            },
            lookup: vec![None; (MAX_HS6 as usize).div_ceil(LOOKUP_PAGE) + 1],
            economy_lookup: vec![NO_INDEX; Economy::all().len()],
            unknown_lookup: HashMap::new(),
            overflow: false,
            economy_overflow: false,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.t.year.len()
    }

    /// The economy's index in this builder's dictionary, added on first sight.
    #[inline]
    fn economy(&mut self, e: Economy) -> u16 {
        let slot = match e.index() {
            Some(k) => self.economy_lookup.get(k).copied(),
            None => self.unknown_lookup.get(&e).copied(),
        };
        match slot {
            Some(i) if i != NO_INDEX => i,
            _ => {
                let next = self.t.economies.len();
                if next >= MAX_ECONOMIES {
                    self.economy_overflow = true;
                    return 0;
                }
                let i = next as u16;
                match e.index() {
                    Some(k) => {
                        if let Some(s) = self.economy_lookup.get_mut(k) {
                            *s = i;
                        }
                    }
                    None => {
                        self.unknown_lookup.insert(e, i);
                    }
                }
                self.t.economies.push(e);
                i
            }
        }
    }

    /// Appends a row: `value_usd` in dollars, `quantity_t` in tonnes, both finite and
    /// non-negative; `hs6 <= 999999`. A dictionary overflow is reported by `finish`.
    #[inline]
    pub(crate) fn push(
        &mut self,
        year: i16,
        e: Economy,
        i: Economy,
        hs6: u32,
        value_usd: Option<f64>,
        quantity_t: Option<f64>,
    ) {
        let (page, at) = (hs6 as usize / LOOKUP_PAGE, hs6 as usize % LOOKUP_PAGE);
        let code = match self.lookup.get(page).and_then(|p| p.as_ref()).and_then(|p| p.get(at)) {
            Some(&c) if c != u32::MAX => c as u16,
            _ => {
                let next = self.t.hs6_dict.len();
                if next > usize::from(u16::MAX) {
                    self.overflow = true;
                    0
                } else {
                    if let Some(p) = self.lookup.get_mut(page) {
                        let p = p.get_or_insert_with(|| Box::new([u32::MAX; LOOKUP_PAGE]));
                        if let Some(slot) = p.get_mut(at) {
                            *slot = next as u32;
                        }
                    }
                    self.t.hs6_dict.push(hs6);
                    next as u16
                }
            }
        };
        let (e, i) = (self.economy(e), self.economy(i));
        self.t.year.push(year);
        self.t.exporter.push(e);
        self.t.importer.push(i);
        self.t.commodity.push(code);
        self.t.value_usd.push(value_usd.unwrap_or(0.0));
        self.t.value_valid.push(value_usd.is_some());
        self.t.quantity.push(Mass::new::<mass::ton>(quantity_t.unwrap_or(0.0)));
        self.t.quantity_valid.push(quantity_t.is_some());
    }

    /// An error once a dictionary has overflowed (so that a loader can name the line).
    #[inline]
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.overflow {
            return Err(Detail::TooManyCommodities { limit: usize::from(u16::MAX) + 1 }.into());
        }
        if self.economy_overflow {
            return Err(Detail::TooManyEconomies { limit: MAX_ECONOMIES }.into());
        }
        Ok(())
    }

    /// The table, with its dictionaries sorted ascending.
    pub(crate) fn finish(self) -> Result<TradeTable, Error> {
        self.check()?;
        let mut t = self.t;
        if let Some(rank) = sort_dictionary(&mut t.hs6_dict) {
            for c in &mut t.commodity {
                *c = rank.get(usize::from(*c)).copied().unwrap_or(0);
            }
        }
        if let Some(rank) = sort_dictionary(&mut t.economies) {
            for col in [&mut t.exporter, &mut t.importer] {
                for x in col.iter_mut() {
                    *x = rank.get(usize::from(*x)).copied().unwrap_or(0);
                }
            }
        }
        Ok(t)
    }
}

/// Sorts a dictionary of distinct entries (at most 65,536); returns old index -> new index,
/// or `None` when it was already sorted.
fn sort_dictionary<T: Ord + Copy>(dict: &mut [T]) -> Option<Vec<u16>> {
    if dict.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let mut order: Vec<u16> = (0..dict.len()).map(|i| i as u16).collect();
    order.sort_unstable_by(|&a, &b| dict.get(usize::from(a)).cmp(&dict.get(usize::from(b))));
    let mut rank = vec![0u16; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(usize::from(old)) {
            *r = new as u16;
        }
    }
    dict.sort_unstable();
    Some(rank)
}
