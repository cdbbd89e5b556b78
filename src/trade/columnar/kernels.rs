//! Grouped concentration kernels: per (commodity, year) totals, party shares, HHI and CR-n.
//!
//! 0. **Plan.** One scan of the year column (on every thread) gives the years present; a row's
//!    group is `g = commodity * n_years + year_index`, so group ids order groups by (HS6, year).
//!
//! The rows are then taken in **chunks** of equal size, as many as keep the partition scratch
//! (10 bytes a row of a chunk) within the budget ([`GroupOptions::with_scratch_limit`]; two at
//! 100 M rows by default). Per chunk, two phases, both on `std::thread::scope` threads (one
//! thread runs the same code inline):
//!
//! 1. **Radix partition.** Each thread takes an equal slice of the chunk's rows, counts them per
//!    group, then scatters `(local cell, value)` into one flat scratch array ordered by
//!    partition, keeping row order within a partition. The local cell is
//!    `(g mod G) << b | party`, a `u16`: `b` bits hold the party index (enough for the
//!    table's economies, at least 6: 8 for BACI's ~240 economies), the other `16 - b` the
//!    group within its partition, so a partition holds `G = 2^(16-b)` groups (256 for BACI)
//!    and partition `g >> (16 - b)`. Rows pass through a write-combining lane per partition
//!    (8 rows, written out as one run). Each thread's scratch is allocated once per call (sized
//!    for a chunk) and reused by every chunk, since each fresh page costs a page fault.
//! 2. **Aggregate per partition.** Threads take blocks of 8 partitions from an atomic counter; a
//!    partition's `G` groups x `2^b` party slots of `f64` (always 2^16 cells, 512 KiB) stay in
//!    the core's L2 cache while its rows are summed (an add and a "slot touched" bit a row; rows
//!    per group come from phase 1's counts). The slots start from the group's running (party,
//!    sum) pairs of the chunks before (empty for the first), so each slot adds its rows in row
//!    order and the result does not depend on the number of chunks or threads, to the bit.
//!    After the last chunk each group present is finished at once (total, shares, HHI, CR-n),
//!    its parties visited in economy order; before it, its nonzero slots are kept as the next
//!    chunk's running sums (about 11 M pairs at 100 M rows, against re-reading every row once
//!    more per extra pass, as partitioning by ranges of partitions did).
//!
//! The blocks' outputs are then concatenated in block order (the share sums into the first
//! thread's scratch value buffer, whose pages are already faulted in), so results come out
//! ordered by (HS6, year) whatever the thread count. `BENCHMARKS.md` has the measured costs of
//! each step and what did not help.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::table::{MAX_HS6, TradeTable};
use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::geo::Economy;
use crate::units::{Mass, mass};

/// Bits of a partition cell: `(local group << party_bits) | party` fits a `u16`, so a
/// partition's accumulator is always 2^16 `f64` cells (512 KiB, in L2).
const CELL_BITS: u32 = 16;
const PART_CELLS: usize = 1 << CELL_BITS;
/// Fewest party slots per group (one 64-bit word of the touched-slot mask).
const MIN_PARTY_BITS: u32 = 6;
const PARTS_PER_BLOCK: usize = 8;
/// With `threads = 0`, one thread per this many rows at most.
const MIN_ROWS_PER_THREAD: usize = 1 << 16;

/// Most threads a kernel or a BACI load starts; more is an
/// [`ErrorKind::InvalidOption`](crate::ErrorKind::InvalidOption) error.
pub const MAX_THREADS: usize = 1024;

/// Groups a kernel indexes densely (products × years) for any table: above this and above
/// [`DENSE_GROUPS_PER_ROW`] a row, only the groups present are numbered.
const DENSE_MIN_GROUPS: usize = 1 << 16;
/// Dense groups allowed per row (see [`DENSE_MIN_GROUPS`]).
const DENSE_GROUPS_PER_ROW: usize = 4;

/// Starts a scoped worker thread, or says why the operating system would not.
pub(super) fn spawn<'scope, T: Send + 'scope>(
    s: &'scope thread::Scope<'scope, '_>,
    phase: &'static str,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Result<thread::ScopedJoinHandle<'scope, T>, Error> {
    thread::Builder::new().spawn_scoped(s, f).map_err(|e| Detail::ThreadSpawn { phase, message: e.to_string() }.into())
}

/// `f`, inferred as a `FnOnce` (a job may hand back what it borrows).
fn once<T, F: FnOnce() -> T>(f: F) -> F {
    f
}

/// Runs `jobs` on scoped threads, one each, and collects their results in order.
fn run_all<T: Send, F: FnOnce() -> T + Send>(phase: &'static str, jobs: Vec<F>) -> Result<Vec<T>, Error> {
    thread::scope(|s| {
        let mut handles = Vec::with_capacity(jobs.len());
        for job in jobs {
            handles.push(spawn(s, phase, job)?);
        }
        handles.into_iter().map(|h| h.join().map_err(|_| Error::from(Detail::WorkerFailed { phase }))).collect()
    })
}

/// A measure a kernel can sum: `f64` (raw; US dollars for the value column) or a typed quantity
/// such as [`Mass`]. Sums are taken on the `f64` in the type's base unit (kg for [`Mass`]); the
/// type comes back on totals, and shares are plain fractions.
pub trait Additive: Copy + Send + Sync + PartialEq + std::fmt::Debug + 'static {
    /// The number, in the type's base unit.
    fn raw(self) -> f64;
    /// The value of a number in the type's base unit.
    fn from_raw(x: f64) -> Self;
    /// The unit of [`Additive::raw`] as results write it (`USD`, `kg`).
    const UNIT: &'static str;
}

impl Additive for f64 {
    const UNIT: &'static str = "USD";
    #[inline(always)]
    fn raw(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_raw(x: f64) -> Self {
        x
    }
}

impl Additive for Mass {
    const UNIT: &'static str = "kg";
    #[inline(always)]
    fn raw(self) -> f64 {
        self.value
    }
    #[inline(always)]
    fn from_raw(x: f64) -> Self {
        Mass::new::<mass::kilogram>(x)
    }
}

/// Whose shares a kernel computes within each (commodity, year) group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    /// Exporters' shares of the group's exports (supplier concentration).
    Exporter,
    /// Importers' shares of the group's imports (buyer concentration).
    Importer,
}

/// Options of the grouped kernels.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::GroupOptions;
///
/// let single = GroupOptions::default().with_threads(1).with_cr_n(3);
/// assert_eq!((single.threads(), single.cr_n()), (1, 3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupOptions {
    threads: usize,
    cr_n: usize,
    scratch_limit: Option<usize>,
}

impl Default for GroupOptions {
    /// All cores, CR4.
    fn default() -> Self {
        GroupOptions { threads: 0, cr_n: 4, scratch_limit: None }
    }
}

impl GroupOptions {
    /// Number of threads; `0` (the default) uses every core (one per 65,536 rows at most), `1`
    /// the single-threaded path; at most one per row is started. Above [`MAX_THREADS`] the
    /// kernels return an [`ErrorKind::InvalidOption`](crate::ErrorKind::InvalidOption) error, and
    /// a thread the operating system will not start is an [`ErrorKind::Io`](crate::ErrorKind::Io)
    /// error, never a panic.
    pub fn with_threads(self, threads: usize) -> Self {
        GroupOptions { threads, ..self }
    }

    /// The `n` of CR-n (default 4). Any `n` is accepted: the kernels keep at most as many
    /// largest totals as a group has parties, so a huge `n` allocates nothing (CR-n is then
    /// the whole total).
    pub fn with_cr_n(self, n: usize) -> Self {
        GroupOptions { cr_n: n, ..self }
    }

    /// Bytes of partition scratch (10 a row); a table of more rows is taken in as many chunks of
    /// rows as keep each chunk's scratch within this. Default: the larger of 256 MiB and a
    /// quarter of the table's bytes, which keeps the peak memory of a kernel call near 1.3 × the
    /// table.
    pub fn with_scratch_limit(self, bytes: usize) -> Self {
        GroupOptions { scratch_limit: Some(bytes.max(1)), ..self }
    }

    /// The threads asked for (`0`: every core).
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The `n` of CR-n.
    pub fn cr_n(&self) -> usize {
        self.cr_n
    }

    /// An error above [`MAX_THREADS`].
    fn check_threads(&self) -> Result<(), Error> {
        if self.threads > MAX_THREADS {
            return Err(Detail::InvalidOption {
                what: "kernel threads",
                value: self.threads.to_string(),
                expected: "at most MAX_THREADS (1024)",
            }
            .into());
        }
        Ok(())
    }

    /// `0`: every core, but at most one per 65,536 rows; otherwise as asked (at most one per row).
    fn effective_threads(&self, rows: usize) -> usize {
        if self.threads == 0 {
            let cores = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
            cores.clamp(1, (rows / MIN_ROWS_PER_THREAD).max(1))
        } else {
            self.threads.clamp(1, rows.max(1))
        }
    }
}

/// One (commodity, year) group of a [`Concentration`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupStats<V> {
    /// Position in the [`Concentration`].
    pub index: usize,
    /// HS6 product code.
    pub hs6: u32,
    /// Year.
    pub year: i32,
    /// Rows of the table in the group, with or without a present measure.
    pub rows: u64,
    /// Sum of the measure over the group's rows where it is present.
    pub total: V,
    /// Parties (exporters or importers) with a positive total.
    pub parties: usize,
    /// Herfindahl-Hirschman index as a fraction in `(0, 1]`; `None` when the total is zero.
    pub hhi: Option<f64>,
    /// Sum of the `n` largest shares (`n` = [`Concentration::cr_n`]); `None` when the total is zero.
    pub cr: Option<f64>,
}

impl<V> GroupStats<V> {
    /// HHI in points, 0–10,000 (10,000 × the fraction).
    pub fn hhi_points(&self) -> Option<f64> {
        self.hhi.map(|h| h * 10_000.0)
    }

    /// Effective number of parties, `1 / HHI`.
    pub fn effective_number(&self) -> Option<f64> {
        self.hhi.map(|h| 1.0 / h)
    }
}

/// One party's part of a group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PartyShare<V> {
    /// The exporter or importer.
    pub economy: Economy,
    /// Its total in the group.
    pub total: V,
    /// Its share of the group's total, a fraction.
    pub share: f64,
}

/// Per (commodity, year) concentration of one measure among exporters or importers, ordered by
/// (HS6, year); each group's party shares are kept (ordered by country).
///
/// Serialized in tidy form for pandas or Polars: `party`, `cr_n`, the `unit` of the totals
/// (`USD` for values, `kg` for quantities), one row per group in `groups` (`hs6` as six-digit
/// text, `year`, `rows`, `total`, `parties`, `hhi` as a fraction, `hhi_points`, `cr`,
/// `effective_number`) and one row per (group, party) in `shares` (`hs6`, `year`, `economy` as
/// its label: a country's alpha-3 code, another economy's trade code; `total`, `share` as a
/// fraction). Reading it back recomputes each group's total,
/// HHI and CR-n from its shares and refuses a file where they disagree.
///
/// Two results are equal when their groups and shares are, whatever economies their tables'
/// dictionaries held besides.
#[derive(Debug, Clone)]
pub struct Concentration<V> {
    party: Party,
    cr_n: usize,
    hs6: Vec<u32>,
    year: Vec<i16>,
    rows: Vec<u64>,
    total: Vec<f64>,
    hhi: Vec<f64>,
    cr: Vec<f64>,
    offsets: Vec<usize>,
    /// The economies `parties` index (the table's dictionary).
    economies: Vec<Economy>,
    parties: Vec<u16>,
    sums: Vec<f64>,
    _unit: std::marker::PhantomData<V>,
}

impl<V> PartialEq for Concentration<V> {
    fn eq(&self, other: &Self) -> bool {
        let economy = |c: &Self, p: &u16| c.economies.get(usize::from(*p)).copied();
        self.party == other.party
            && self.cr_n == other.cr_n
            && self.hs6 == other.hs6
            && self.year == other.year
            && self.rows == other.rows
            && self.total == other.total
            && self.hhi == other.hhi
            && self.cr == other.cr
            && self.offsets == other.offsets
            && self.sums == other.sums
            && self.parties.len() == other.parties.len()
            && self.parties.iter().zip(&other.parties).all(|(a, b)| economy(self, a) == economy(other, b))
    }
}

impl<V: Additive> Concentration<V> {
    fn empty(party: Party, cr_n: usize) -> Self {
        Concentration {
            party,
            cr_n,
            hs6: Vec::new(),
            year: Vec::new(),
            rows: Vec::new(),
            total: Vec::new(),
            hhi: Vec::new(),
            cr: Vec::new(),
            offsets: vec![0],
            economies: Vec::new(),
            parties: Vec::new(),
            sums: Vec::new(),
            _unit: std::marker::PhantomData,
        }
    }

    /// Whose shares these are.
    pub fn party(&self) -> Party {
        self.party
    }

    /// The `n` of the CR-n column.
    pub fn cr_n(&self) -> usize {
        self.cr_n
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.hs6.len()
    }

    /// Whether there is no group.
    pub fn is_empty(&self) -> bool {
        self.hs6.is_empty()
    }

    /// Group `i`.
    pub fn get(&self, i: usize) -> Option<GroupStats<V>> {
        let total = *self.total.get(i)?;
        let parties = self.offsets.get(i + 1)? - self.offsets.get(i)?;
        let defined = total > 0.0;
        Some(GroupStats {
            index: i,
            hs6: *self.hs6.get(i)?,
            year: i32::from(*self.year.get(i)?),
            rows: *self.rows.get(i)?,
            total: V::from_raw(total),
            parties,
            hhi: if defined { self.hhi.get(i).copied() } else { None },
            cr: if defined { self.cr.get(i).copied() } else { None },
        })
    }

    /// The group of an HS6 code and a year.
    pub fn find(&self, hs6: u32, year: i32) -> Option<GroupStats<V>> {
        let year = i16::try_from(year).ok()?;
        let lo = self.hs6.partition_point(|&h| h < hs6);
        let hi = self.hs6.partition_point(|&h| h <= hs6);
        let at = self.year.get(lo..hi)?.binary_search(&year).ok()?;
        self.get(lo + at)
    }

    /// Every group, in (HS6, year) order.
    pub fn iter(&self) -> impl Iterator<Item = GroupStats<V>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The shares of group `i`'s parties with a positive total, in [`Economy`] order.
    pub fn shares(&self, i: usize) -> impl Iterator<Item = PartyShare<V>> + '_ {
        let total = self.total.get(i).copied().unwrap_or(0.0);
        let (lo, hi) = (self.offsets.get(i).copied().unwrap_or(0), self.offsets.get(i + 1).copied().unwrap_or(0));
        let parties = self.parties.get(lo..hi).unwrap_or(&[]);
        let sums = self.sums.get(lo..hi).unwrap_or(&[]);
        parties.iter().zip(sums).filter_map(move |(&p, &s)| {
            Some(PartyShare { economy: *self.economies.get(usize::from(p))?, total: V::from_raw(s), share: s / total })
        })
    }

    /// Number of (group, party) shares over all groups.
    pub fn share_count(&self) -> usize {
        self.parties.len()
    }

    fn push_group(&mut self, hs6: u32, year: i16, rows: u64, cells: &mut [f64], top: &mut Vec<f64>) {
        self.hs6.push(hs6);
        self.year.push(year);
        self.rows.push(rows);
        let f = finish_cells(cells, self.cr_n, top, &mut self.parties, &mut self.sums);
        self.total.push(f.total);
        self.hhi.push(f.hhi);
        self.cr.push(f.cr);
        self.offsets.push(self.parties.len());
    }
}

/// One group row of a serialized [`Concentration`].
#[derive(Serialize, Deserialize)]
struct GroupRow {
    hs6: String,
    year: i32,
    rows: u64,
    total: f64,
    parties: usize,
    hhi: Option<f64>,
    #[serde(default, skip_deserializing)]
    hhi_points: Option<f64>,
    cr: Option<f64>,
    #[serde(default, skip_deserializing)]
    effective_number: Option<f64>,
}

/// One (group, party) row of a serialized [`Concentration`].
#[derive(Serialize, Deserialize)]
struct ShareRow {
    hs6: String,
    year: i32,
    economy: Economy,
    total: f64,
    share: f64,
}

#[derive(Serialize, Deserialize)]
struct ConcentrationWire {
    party: Party,
    cr_n: usize,
    unit: String,
    groups: Vec<GroupRow>,
    shares: Vec<ShareRow>,
}

impl<V: Additive> Serialize for Concentration<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let groups = self
            .iter()
            .map(|g| GroupRow {
                hs6: format!("{:06}", g.hs6),
                year: g.year,
                rows: g.rows,
                total: g.total.raw(),
                parties: g.parties,
                hhi: g.hhi,
                hhi_points: g.hhi_points(),
                cr: g.cr,
                effective_number: g.effective_number(),
            })
            .collect();
        let shares = self
            .iter()
            .flat_map(|g| {
                self.shares(g.index).map(move |p| ShareRow {
                    hs6: format!("{:06}", g.hs6),
                    year: g.year,
                    economy: p.economy,
                    total: p.total.raw(),
                    share: p.share,
                })
            })
            .collect();
        ConcentrationWire { party: self.party, cr_n: self.cr_n, unit: V::UNIT.to_string(), groups, shares }
            .serialize(serializer)
    }
}

impl<'de, V: Additive> Deserialize<'de> for Concentration<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Concentration<V>, D::Error> {
        let w = ConcentrationWire::deserialize(deserializer)?;
        Concentration::from_wire(w).map_err(serde::de::Error::custom)
    }
}

impl<V: Additive> Concentration<V> {
    fn from_wire(w: ConcentrationWire) -> Result<Concentration<V>, Error> {
        if w.unit != V::UNIT {
            return Err(Detail::Contradiction {
                what: format!("serialized concentration: totals in {}, expected {}", w.unit, V::UNIT),
            }
            .into());
        }
        let bad = |what: String| -> Error {
            Detail::Contradiction { what: format!("serialized concentration: {what}") }.into()
        };
        let hs6_of = |text: &str| -> Result<u32, Error> {
            text.parse::<u32>()
                .ok()
                .filter(|c| *c <= MAX_HS6 && text.len() == 6)
                .ok_or_else(|| bad(format!("HS6 code {text:?}")))
        };
        let mut c = Concentration::<V>::empty(w.party, w.cr_n);
        let mut economies: Vec<Economy> = w.shares.iter().map(|s| s.economy).collect();
        economies.sort_unstable();
        economies.dedup();
        let slots = economies.len().next_multiple_of(64);
        let mut shares = w.shares.into_iter().peekable();
        let mut top: Vec<f64> = Vec::new();
        for g in w.groups {
            let hs6 = hs6_of(&g.hs6)?;
            let year = i16::try_from(g.year).map_err(|_| bad(format!("year {}", g.year)))?;
            if let (Some(&h), Some(&y)) = (c.hs6.last(), c.year.last())
                && (h, y) >= (hs6, year)
            {
                return Err(bad(format!("groups out of (HS6, year) order at {} {}", g.hs6, g.year)));
            }
            let mut cells = vec![0.0f64; slots];
            while let Some(s) = shares.next_if(|s| s.hs6 == g.hs6 && s.year == g.year) {
                let slot = economies
                    .binary_search(&s.economy)
                    .ok()
                    .and_then(|i| cells.get_mut(i))
                    .ok_or_else(|| bad(format!("economy {} out of its dictionary", s.economy)))?;
                *slot += crate::validate::non_negative(
                    || format!("share total of {} in {} {}", s.economy, g.hs6, g.year),
                    s.total,
                )?;
            }
            c.push_group(hs6, year, g.rows, &mut cells, &mut top);
            let got = c.get(c.len() - 1).ok_or_else(|| bad("empty group".into()))?;
            let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300),
                (None, None) => true,
                _ => false,
            };
            if !close(Some(got.total.raw()), Some(g.total))
                || !close(got.hhi, g.hhi)
                || !close(got.cr, g.cr)
                || got.parties != g.parties
            {
                return Err(bad(format!("group {} {}: total, HHI or CR-n disagree with its shares", g.hs6, g.year)));
            }
        }
        if let Some(s) = shares.next() {
            return Err(bad(format!("a share row for {} {} matches no group (or is out of order)", s.hs6, s.year)));
        }
        c.economies = economies;
        Ok(c)
    }
}

struct Finished {
    total: f64,
    hhi: f64,
    cr: f64,
}

/// Total, HHI and CR-n of one group's party slots (all visited); appends the nonzero slots to
/// `parties`/`sums` and zeroes the slots.
fn finish_cells(
    cells: &mut [f64],
    cr_n: usize,
    top: &mut Vec<f64>,
    parties: &mut Vec<u16>,
    sums: &mut Vec<f64>,
) -> Finished {
    let mut mask = vec![0u64; cells.len().div_ceil(64)];
    for (k, &x) in cells.iter().enumerate() {
        if x != 0.0
            && let Some(w) = mask.get_mut(k / 64)
        {
            *w |= 1 << (k % 64);
        }
    }
    finish_masked(cells, &mut mask, cr_n, top, parties, sums)
}

/// As [`finish_cells`], in one pass over only the slots whose bit is set in `mask`; slots and
/// mask are cleared. HHI is taken as `Σ x² / Q²` and CR-n on the raw totals, then divided by
/// `Q` (the same value as `Σ (x / Q)²` up to rounding, a few ulps).
#[inline]
fn finish_masked(
    cells: &mut [f64],
    mask: &mut [u64],
    cr_n: usize,
    top: &mut Vec<f64>,
    parties: &mut Vec<u16>,
    sums: &mut Vec<f64>,
) -> Finished {
    let (mut total, mut sumsq) = (0.0, 0.0);
    let first = sums.len();
    top.clear();
    for (w, m) in mask.iter_mut().enumerate() {
        let mut b = *m;
        *m = 0;
        while b != 0 {
            let k = w * 64 + b.trailing_zeros() as usize;
            b &= b - 1;
            let Some(cell) = cells.get_mut(k) else { continue };
            let x = *cell;
            *cell = 0.0;
            if x != 0.0 {
                total += x;
                sumsq += x * x;
                parties.push(k as u16);
                sums.push(x);
                if top.len() < cr_n || top.last().is_some_and(|&m| x > m) {
                    if top.len() == cr_n {
                        top.pop();
                    }
                    let at = top.partition_point(|&t| t >= x);
                    top.insert(at, x);
                }
            }
        }
    }
    finished(total, sumsq, top, sums.get(first..).unwrap_or(&[]))
}

/// A group's HHI and CR-n from its total, the sum of its parties' squares and its largest
/// totals. When `Σ x²` or `Q²` leaves the range of an `f64` (totals near 1e154 and above, or
/// near 1e-154 and below), the squares are taken relative to the largest party total `m`,
/// `HHI = Σ (x/m)² / (Q/m)²`, so finite totals never give an infinite or NaN HHI.
#[inline]
fn finished(total: f64, sumsq: f64, top: &[f64], xs: &[f64]) -> Finished {
    if total <= 0.0 || total.is_nan() {
        return Finished { total, hhi: 0.0, cr: 0.0 };
    }
    let cr = top.iter().sum::<f64>() / total;
    let qq = total * total;
    if qq.is_normal() && sumsq.is_finite() && sumsq > 0.0 {
        return Finished { total, hhi: sumsq / qq, cr };
    }
    let m = xs.iter().fold(0.0f64, |a, &x| a.max(x));
    let rel: f64 = xs.iter().map(|&x| (x / m) * (x / m)).sum();
    let t = total / m;
    Finished { total, hhi: rel / (t * t), cr }
}

/// What phase 1 needs to place a row: its group and its partition.
struct Plan<'a> {
    commodity: &'a [u16],
    year: &'a [i16],
    party: &'a [u16],
    /// Bits of a party index: enough for the table's economies, at least 6. A group has
    /// `1 << party_bits` party slots and a partition `1 << group_bits` groups, with
    /// `party_bits + group_bits = 16`.
    party_bits: u32,
    group_bits: u32,
    ymin: i16,
    /// Year offset from `ymin` to year index; unused (`contiguous`) when every year of the
    /// range occurs, the usual case, where the index is the offset.
    ymap: Vec<u32>,
    contiguous: bool,
    years: Vec<i16>,
    n_years: usize,
    /// Groups the kernel indexes: products × years, or only those present (`present`).
    n_groups: usize,
    n_parts: usize,
    /// When sparse: the dense ids of the groups present, sorted (kernel group `g` is
    /// `present[g]`), and each row's kernel group.
    present: Option<Vec<u64>>,
    ids: Option<Vec<u32>>,
}

impl<'a> Plan<'a> {
    /// Scans the year column once on `threads` threads: its range and, when it spans at most 64
    /// years (any 64 consecutive years differ modulo 64), which years occur, as one bit each;
    /// a wider range takes a second scan for the years that occur.
    fn new(t: &'a TradeTable, party: Party, threads: usize) -> Result<Plan<'a>, Error> {
        let scan = |ys: &[i16]| {
            let (mut lo, mut hi, mut bits) = (i16::MAX, i16::MIN, 0u64);
            for &y in ys {
                lo = lo.min(y);
                hi = hi.max(y);
                bits |= 1 << (y & 63);
            }
            (lo, hi, bits)
        };
        let per = t.year.len().div_ceil(threads.max(1)).max(1);
        let parts: Vec<(i16, i16, u64)> = if threads <= 1 {
            vec![scan(&t.year)]
        } else {
            run_all("plan", t.year.chunks(per).map(|ys| move || scan(ys)).collect())?
        };
        let (ymin, ymax, bits) =
            parts.iter().fold((i16::MAX, i16::MIN, 0u64), |a, b| (a.0.min(b.0), a.1.max(b.1), a.2 | b.2));
        let span = if t.year.is_empty() { 0 } else { (i32::from(ymax) - i32::from(ymin) + 1) as usize };
        let mut seen = vec![false; span];
        if span <= 64 {
            for (k, s) in seen.iter_mut().enumerate() {
                *s = bits >> ((i32::from(ymin) + k as i32) & 63) & 1 == 1;
            }
        } else {
            for &y in &t.year {
                if let Some(s) = seen.get_mut((i32::from(y) - i32::from(ymin)) as usize) {
                    *s = true;
                }
            }
        }
        let mut ymap = vec![0u32; span];
        let mut years = Vec::new();
        for (k, s) in seen.iter().enumerate() {
            if *s {
                if let Some(m) = ymap.get_mut(k) {
                    *m = years.len() as u32;
                }
                years.push((i32::from(ymin) + k as i32) as i16);
            }
        }
        let n_years = years.len();
        let dense_groups = t.hs6_dict.len() * n_years;
        let mut plan_groups = Plan::dense_groups_present(t, dense_groups, n_years, ymin, years.len() == span, &ymap);
        let n_groups = plan_groups.as_ref().map_or(dense_groups, |(present, _)| present.len());
        if n_groups > u32::MAX as usize {
            return Err(Detail::TooManyGroups { groups: n_groups }.into());
        }
        let (present, ids) = match plan_groups.take() {
            Some((p, i)) => (Some(p), Some(i)),
            None => (None, None),
        };
        let party = match party {
            Party::Exporter => &t.exporter,
            Party::Importer => &t.importer,
        };
        let party_bits = (t.economies.len().max(1).next_power_of_two().trailing_zeros()).max(MIN_PARTY_BITS);
        let group_bits = CELL_BITS.saturating_sub(party_bits);
        Ok(Plan {
            commodity: &t.commodity,
            year: &t.year,
            party,
            party_bits,
            group_bits,
            ymin,
            contiguous: years.len() == span,
            ymap,
            years,
            n_years,
            n_groups,
            n_parts: n_groups.div_ceil(1 << group_bits),
            present,
            ids,
        })
    }

    /// When products × years exceed both [`DENSE_MIN_GROUPS`] and [`DENSE_GROUPS_PER_ROW`] a
    /// row, the groups present (sorted dense ids) and each row's index among them; else `None`
    /// (every product × year pair is a group id).
    fn dense_groups_present(
        t: &TradeTable,
        dense_groups: usize,
        n_years: usize,
        ymin: i16,
        contiguous: bool,
        ymap: &[u32],
    ) -> Option<(Vec<u64>, Vec<u32>)> {
        if dense_groups <= DENSE_MIN_GROUPS.max(DENSE_GROUPS_PER_ROW.saturating_mul(t.len())) {
            return None;
        }
        let key = |c: u16, y: i16| -> u64 {
            let k = (i32::from(y) - i32::from(ymin)) as usize;
            let yi = if contiguous { k } else { ymap.get(k).copied().unwrap_or(0) as usize };
            u64::from(c) * n_years as u64 + yi as u64
        };
        let mut present: Vec<u64> = t.commodity.iter().zip(&t.year).map(|(&c, &y)| key(c, y)).collect();
        present.sort_unstable();
        present.dedup();
        present.shrink_to_fit();
        let ids = t
            .commodity
            .iter()
            .zip(&t.year)
            .map(|(&c, &y)| present.binary_search(&key(c, y)).unwrap_or(0) as u32)
            .collect();
        Some((present, ids))
    }

    /// The dense id (`commodity × n_years + year index`) of kernel group `g`.
    #[inline]
    fn dense_group(&self, g: usize) -> usize {
        match &self.present {
            Some(p) => p.get(g).copied().unwrap_or(0) as usize,
            None => g,
        }
    }

    /// Groups per partition.
    #[inline(always)]
    fn groups_per_part(&self) -> usize {
        1 << self.group_bits
    }

    /// Party slots per group.
    #[inline(always)]
    fn slots(&self) -> usize {
        1 << self.party_bits
    }

    #[inline(always)]
    fn group(&self, c: u16, y: i16) -> usize {
        let k = (i32::from(y) - i32::from(self.ymin)) as usize;
        let yi = if self.contiguous { k } else { self.ymap[k] as usize };
        usize::from(c) * self.n_years + yi
    }
}

/// One thread's partition scratch, allocated once per kernel call (sized for the largest chunk)
/// and reused by every chunk: fresh pages cost a page fault each on first touch.
#[derive(Default)]
struct Scratch {
    cells: Vec<u16>,
    vals: Vec<f64>,
}

impl Scratch {
    /// Room for `rows` entries. Every entry a chunk reads was written by that chunk, so the
    /// buffers are never cleared.
    ///
    /// The zeroed allocation is lazily backed by the OS; one write per 4 KiB page here (nonzero,
    /// so that it cannot be elided) faults every page in, in a tight loop, before the scatter
    /// writes to ~500 places at once (measured: faulting the pages in this way, then
    /// scattering, is faster than letting the scatter take the faults).
    fn with_rows(rows: usize) -> Scratch {
        let mut s = Scratch { cells: vec![0; rows], vals: vec![0.0; rows] };
        s.cells.iter_mut().step_by(2048).for_each(|x| *x = u16::MAX);
        s.vals.iter_mut().step_by(512).for_each(|x| *x = f64::NAN);
        s
    }
}

/// Entries a write-combining lane holds before it writes them out: 64 bytes of values.
const WC: usize = 8;

/// One thread's partitioned rows of one chunk: `starts[p]..ends[p]` are partition `p`'s entries
/// in `cells` and `vals`; each partition starts at a multiple of [`WC`] (up to `WC - 1` unused
/// entries after each).
struct Parted<'a> {
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// Rows per group (all partitions' groups, `groups_per_part` per partition).
    groups: Vec<u32>,
    cells: &'a [u16],
    vals: &'a [f64],
}

/// Counts the rows of `lo..hi` per group (kept: the summing loop then needs no row counter),
/// then scatters them into `scratch` ordered by partition (rows keep their order within a
/// partition). `room`: the most rows of any slice
/// this scratch will take, so that it is allocated (and faulted in) once.
///
/// The scatter goes through software write-combining lanes: a row is staged in its partition's
/// lane (`WC` cells and values, in L1/L2) at the index its scratch position has modulo `WC`, and
/// a lane is copied out whole when its last index fills. Partitions start at multiples of `WC`,
/// so a full lane is exactly one run of the partition's scratch. Each thread keeps ~500
/// partitions' write streams open; writing 64 contiguous bytes per 8 rows instead of 10 bytes
/// per row to scattered lines cut the scatter from ~9 to ~7 ns a row here.
fn partition<'a, V: Additive>(
    plan: &Plan<'_>,
    values: &[V],
    lo: usize,
    hi: usize,
    room: usize,
    scratch: &'a mut Scratch,
) -> Parted<'a> {
    match &plan.ids {
        Some(ids) => partition_rows(plan, ids[lo..hi].iter().map(|&g| g as usize), values, lo, hi, room, scratch),
        None => {
            let (c, y) = (&plan.commodity[lo..hi], &plan.year[lo..hi]);
            let rows = c.iter().zip(y).map(|(&c, &y)| plan.group(c, y));
            partition_rows(plan, rows, values, lo, hi, room, scratch)
        }
    }
}

/// [`partition`] with each row's group from `row_groups` (dense or sparse numbering).
#[inline(always)]
fn partition_rows<'a, V: Additive>(
    plan: &Plan<'_>,
    row_groups: impl Iterator<Item = usize> + Clone,
    values: &[V],
    lo: usize,
    hi: usize,
    room: usize,
    scratch: &'a mut Scratch,
) -> Parted<'a> {
    let (p, v) = (&plan.party[lo..hi], &values[lo..hi]);
    let (gpp, group_bits, party_bits) = (plan.groups_per_part(), plan.group_bits, plan.party_bits);
    let mut groups = vec![0u32; plan.n_parts * gpp];
    for g in row_groups.clone() {
        groups[g] += 1;
    }
    let mut ends: Vec<usize> = groups.chunks_exact(gpp).map(|g| g.iter().map(|&k| k as usize).sum()).collect();
    // partitions start at multiples of WC, so that lanes flush whole aligned runs
    let mut starts = vec![0usize; plan.n_parts + 1];
    for k in 0..plan.n_parts {
        let s = starts[k];
        ends[k] += s;
        starts[k + 1] = ends[k].next_multiple_of(WC);
    }
    let n = starts[plan.n_parts];
    if scratch.cells.len() < n {
        *scratch = Scratch::with_rows(n.max(room + WC * plan.n_parts));
    }
    let (cells, vals) = (&mut scratch.cells[..n], &mut scratch.vals[..n]);
    let mut cursor = starts.clone();
    let mut lane_vals = vec![[0.0f64; WC]; plan.n_parts];
    let mut lane_cells = vec![[0u16; WC]; plan.n_parts];
    for ((g, &p), &v) in row_groups.zip(p).zip(v) {
        let pi = g >> group_bits;
        let at = cursor[pi];
        cursor[pi] = at + 1;
        let k = at & (WC - 1);
        lane_cells[pi][k] = (((g & (gpp - 1)) << party_bits) | usize::from(p)) as u16;
        lane_vals[pi][k] = v.raw();
        if k == WC - 1 {
            let b = at + 1 - WC;
            cells[b..=at].copy_from_slice(&lane_cells[pi]);
            vals[b..=at].copy_from_slice(&lane_vals[pi]);
        }
    }
    for pi in 0..plan.n_parts {
        let at = cursor[pi];
        let k = at & (WC - 1);
        cells[at - k..at].copy_from_slice(&lane_cells[pi][..k]);
        vals[at - k..at].copy_from_slice(&lane_vals[pi][..k]);
    }
    Parted { starts, ends, groups, cells, vals }
}

/// The output of one block of partitions, in partition order: after the last chunk, finished
/// groups; before it, each group's rows so far and running party sums (`total`, `hhi` and `cr`
/// empty), which the next chunk starts from.
#[derive(Default)]
struct BlockOut {
    block: usize,
    groups: Vec<u32>,
    rows: Vec<u64>,
    total: Vec<f64>,
    hhi: Vec<f64>,
    cr: Vec<f64>,
    counts: Vec<u32>,
    parties: Vec<u16>,
    sums: Vec<f64>,
}

/// Appends the party slots set in `mask` (nonzero sums) to `parties`/`sums`, clearing slots and
/// mask: a group's running sums between chunks.
#[inline]
fn drain_masked(cells: &mut [f64], mask: &mut [u64], parties: &mut Vec<u16>, sums: &mut Vec<f64>) {
    for (w, m) in mask.iter_mut().enumerate() {
        let mut b = *m;
        *m = 0;
        while b != 0 {
            let k = w * 64 + b.trailing_zeros() as usize;
            b &= b - 1;
            let Some(cell) = cells.get_mut(k) else { continue };
            if *cell != 0.0 {
                parties.push(k as u16);
                sums.push(*cell);
            }
            *cell = 0.0;
        }
    }
}

/// Sums one chunk's rows of each block of partitions (taken from `next`) into the L2-resident
/// accumulator, starting from the block's running sums in `prev` (indexed by block; empty for
/// the first chunk); finishes the groups when `last`, else returns the new running sums.
fn aggregate_blocks(
    plan: &Plan<'_>,
    parted: &[Parted<'_>],
    prev: &[BlockOut],
    next: &AtomicUsize,
    n_blocks: usize,
    cr_n: usize,
    last: bool,
) -> Vec<BlockOut> {
    let (gpp, slots, party_bits) = (plan.groups_per_part(), plan.slots(), plan.party_bits);
    let mut acc = vec![0.0f64; PART_CELLS];
    let mut cnt = vec![0u64; gpp];
    // touched party slots per group: `slots / 64` words of 64 bits
    let mut mask = vec![0u64; PART_CELLS / 64];
    let mut top = Vec::with_capacity(cr_n.min(slots) + 1);
    let mut outs = Vec::new();
    let empty = BlockOut::default();
    loop {
        let block = next.fetch_add(1, Ordering::Relaxed);
        if block >= n_blocks {
            break;
        }
        let first = block * PARTS_PER_BLOCK;
        let end = (first + PARTS_PER_BLOCK).min(plan.n_parts);
        let before = prev.get(block).unwrap_or(&empty);
        // capacity: at most one share per row and per slot; untouched capacity costs no memory
        let rows: usize = parted.iter().map(|t| t.starts[end] - t.starts[first]).sum();
        let groups = ((end - first) * gpp).min(rows + before.groups.len());
        let shares = (rows + before.parties.len()).min(groups * slots);
        let finished = if last { groups } else { 0 };
        let mut out = BlockOut {
            block,
            groups: Vec::with_capacity(groups),
            rows: Vec::with_capacity(groups),
            total: Vec::with_capacity(finished),
            hhi: Vec::with_capacity(finished),
            cr: Vec::with_capacity(finished),
            counts: Vec::with_capacity(groups),
            parties: Vec::with_capacity(shares),
            sums: Vec::with_capacity(shares),
        };
        // running sums of earlier chunks: (group, rows, shares) in group order
        let mut carried = before.groups.iter().zip(&before.rows).zip(&before.counts).peekable();
        let mut from = 0usize;
        for part in first..end {
            while let Some(((&g, &n), &k)) = carried.next_if(|((g, _), _)| **g as usize >> plan.group_bits == part) {
                let lg = g as usize & (gpp - 1);
                cnt[lg] += n;
                let to = from + k as usize;
                for (&p, &s) in before.parties[from..to].iter().zip(&before.sums[from..to]) {
                    let cell = (lg << party_bits) | usize::from(p);
                    acc[cell] = s;
                    mask[cell >> 6] |= 1 << (cell & 63);
                }
                from = to;
            }
            for t in parted {
                let g0 = part * gpp;
                for (n, &k) in cnt.iter_mut().zip(&t.groups[g0..g0 + gpp]) {
                    *n += u64::from(k);
                }
                let (s, e) = (t.starts[part], t.ends[part]);
                for (&cell, &v) in t.cells[s..e].iter().zip(&t.vals[s..e]) {
                    acc[usize::from(cell)] += v;
                    mask[usize::from(cell >> 6)] |= 1 << (cell & 63);
                }
            }
            for (lg, n) in cnt.iter_mut().enumerate() {
                if *n == 0 {
                    continue;
                }
                let cells = &mut acc[lg * slots..(lg + 1) * slots];
                let words = &mut mask[lg * (slots / 64)..(lg + 1) * (slots / 64)];
                let before = out.parties.len();
                if last {
                    let f = finish_masked(cells, words, cr_n, &mut top, &mut out.parties, &mut out.sums);
                    out.total.push(f.total);
                    out.hhi.push(f.hhi);
                    out.cr.push(f.cr);
                } else {
                    drain_masked(cells, words, &mut out.parties, &mut out.sums);
                }
                out.groups.push((part * gpp + lg) as u32);
                out.rows.push(*n);
                out.counts.push((out.parties.len() - before) as u32);
                *n = 0;
            }
        }
        outs.push(out);
    }
    outs
}

/// Per (commodity, year) concentration of `values` (one per row of `table`) among the table's
/// exporters or importers: the generic kernel behind [`TradeTable::value_concentration`] and
/// [`TradeTable::quantity_concentration`]. `values` must hold `0` where a row's measure is
/// missing (as the table's own columns do), so that it adds nothing.
///
/// # Errors
///
/// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when `values` is not one per row;
/// [`ErrorKind::InvalidOption`](crate::ErrorKind::InvalidOption) for CR-n with `n = 0`;
/// [`ErrorKind::Limit`](crate::ErrorKind::Limit) past 2^32 (commodity, year) groups.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable, concentration};
/// use critical_minerals::geo::Country;
///
/// let (cl, ar, cn) = (Country::from_code("CL")?, Country::from_code("AR")?, Country::from_code("CN")?);
/// let t = TradeTable::from_rows([
///     (2023, cl, cn, 283691, Some(3.0), None),
///     (2023, ar, cn, 283691, Some(1.0), None),
/// ])?;
/// let c = concentration(&t, Party::Exporter, t.value_usd_column(), &GroupOptions::default())?;
/// let g = c.find(283691, 2023).ok_or("no group")?;
/// assert_eq!((g.total, g.hhi, g.cr), (4.0, Some(0.625), Some(1.0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn concentration<V: Additive>(
    table: &TradeTable,
    party: Party,
    values: &[V],
    opts: &GroupOptions,
) -> Result<Concentration<V>, Error> {
    if values.len() != table.len() {
        return Err(
            Detail::LengthMismatch { what: "measure column", expected: table.len(), found: values.len() }.into()
        );
    }
    if opts.cr_n == 0 {
        return Err(Detail::InvalidOption { what: "CR-n", value: "0".into(), expected: "n >= 1" }.into());
    }
    opts.check_threads()?;
    let threads = opts.effective_threads(table.len());
    let plan = Plan::new(table, party, threads)?;
    let n = table.len();
    // chunks of rows, each partitioned then summed on top of the running sums of the chunks
    // before it, so that the scratch (10 bytes a row of a chunk) stays within the budget
    let budget = opts.scratch_limit.unwrap_or_else(|| (256usize << 20).max(table.byte_size() / 4));
    let chunks = (10 * n).div_ceil(budget).clamp(1, n.max(1));
    let n_blocks = plan.n_parts.div_ceil(PARTS_PER_BLOCK);
    // rows of the largest slice of a chunk a thread partitions
    let room = n.div_ceil(chunks).div_ceil(threads);
    let mut scratch: Vec<Scratch> = (0..threads).map(|_| Scratch::default()).collect();
    let mut blocks: Vec<BlockOut> = Vec::new();
    for chunk in 0..chunks {
        let (lo, hi) = (chunk * n / chunks, (chunk + 1) * n / chunks);
        let last = chunk + 1 == chunks;
        let next = AtomicUsize::new(0);
        let mut outs = if threads == 1 {
            let parted = [partition(&plan, values, lo, hi, room, &mut scratch[0])];
            aggregate_blocks(&plan, &parted, &blocks, &next, n_blocks, opts.cr_n, last)
        } else {
            let plan = &plan;
            let jobs: Vec<_> = scratch
                .iter_mut()
                .enumerate()
                .map(|(k, scratch)| {
                    let (a, b) = (lo + k * (hi - lo) / threads, lo + (k + 1) * (hi - lo) / threads);
                    once(move || partition(plan, values, a, b, room, scratch))
                })
                .collect();
            let parted: Vec<Parted<'_>> = run_all("partition", jobs)?;
            let (prev, next, parted) = (&blocks, &next, &parted);
            let jobs: Vec<_> = (0..threads)
                .map(|_| move || aggregate_blocks(plan, parted, prev, next, n_blocks, opts.cr_n, last))
                .collect();
            let outs: Vec<Vec<BlockOut>> = run_all("aggregate", jobs)?;
            outs.into_iter().flatten().collect()
        };
        outs.sort_unstable_by_key(|b| b.block);
        blocks = outs;
    }
    // The result's share sums go into the first thread's scratch value buffer, whose pages are
    // already faulted in (a fresh vector for 11 M sums costs ~22,000 page faults at 100 M rows);
    // `shrink_to_fit` then hands back the rest (for a large allocation, in place). On several
    // threads the rest of the scratch is freed on another thread meanwhile.
    let mut out = Concentration::<V>::empty(party, opts.cr_n);
    out.economies = table.economies.clone();
    out.sums = scratch.first_mut().map(|s| std::mem::take(&mut s.vals)).unwrap_or_default();
    out.sums.clear();
    let merge = |out: &mut Concentration<V>, blocks: Vec<BlockOut>| {
        let groups: usize = blocks.iter().map(|b| b.groups.len()).sum();
        let shares: usize = blocks.iter().map(|b| b.parties.len()).sum();
        out.hs6.reserve(groups);
        out.year.reserve(groups);
        out.offsets.reserve(groups);
        out.parties.reserve(shares);
        out.sums.reserve(shares);
        for b in blocks {
            for &g in &b.groups {
                let g = plan.dense_group(g as usize);
                out.hs6.push(table.hs6_dict.get(g / plan.n_years).copied().unwrap_or(0));
                out.year.push(plan.years.get(g % plan.n_years).copied().unwrap_or(0));
            }
            let mut end = out.offsets.last().copied().unwrap_or(0);
            for &k in &b.counts {
                end += k as usize;
                out.offsets.push(end);
            }
            out.rows.extend_from_slice(&b.rows);
            out.total.extend_from_slice(&b.total);
            out.hhi.extend_from_slice(&b.hhi);
            out.cr.extend_from_slice(&b.cr);
            out.parties.extend_from_slice(&b.parties);
            out.sums.extend_from_slice(&b.sums);
        }
        out.sums.shrink_to_fit();
    };
    if threads == 1 {
        drop(scratch);
        merge(&mut out, blocks);
    } else {
        thread::scope(|s| {
            // freed inline when no thread can be started
            let _ = spawn(s, "free", move || drop(scratch));
            merge(&mut out, blocks);
        });
    }
    if let Some(g) = out.total.iter().position(|t| !t.is_finite()) {
        let (hs6, year) = (out.hs6.get(g).copied().unwrap_or(0), out.year.get(g).copied().unwrap_or(0));
        return Err(Detail::SumOverflow { what: format!("total of group {hs6:06} {year}") }.into());
    }
    Ok(out)
}

/// The plain-scatter baseline: one dense `f64` accumulator of (group, party) cells, one pass,
/// no partitioning; single-threaded. Returns the HHI per group present, in (HS6, year) order.
/// Kept to measure what the partitioned kernel gains (see `BENCHMARKS.md`).
///
/// # Errors
///
/// As [`concentration`].
pub fn hhi_dense_scatter(table: &TradeTable, party: Party, values: &[f64]) -> Result<Vec<f64>, Error> {
    if values.len() != table.len() {
        return Err(
            Detail::LengthMismatch { what: "measure column", expected: table.len(), found: values.len() }.into()
        );
    }
    let plan = Plan::new(table, party, 1)?;
    let slots = plan.slots();
    let cells = plan.n_groups.checked_mul(slots).ok_or(Detail::TooManyGroups { groups: plan.n_groups })?;
    let mut acc = vec![0.0f64; cells];
    let mut rows = vec![0u32; plan.n_groups];
    let mut add = |g: usize, p: u16, v: f64| {
        acc[g * slots + usize::from(p)] += v;
        rows[g] += 1;
    };
    match &plan.ids {
        Some(ids) => {
            for ((&g, &p), &v) in ids.iter().zip(plan.party).zip(values) {
                add(g as usize, p, v);
            }
        }
        None => {
            for (((&c, &y), &p), &v) in plan.commodity.iter().zip(plan.year).zip(plan.party).zip(values) {
                add(plan.group(c, y), p, v);
            }
        }
    }
    let mut out = Vec::new();
    for (g, &n) in rows.iter().enumerate() {
        if n > 0 {
            let cells = &acc[g * slots..(g + 1) * slots];
            let total: f64 = cells.iter().sum();
            out.push(if total > 0.0 { cells.iter().map(|x| (x / total) * (x / total)).sum() } else { 0.0 });
        }
    }
    Ok(out)
}

impl TradeTable {
    /// Concentration of trade value (US dollars) per (commodity, year) among exporters or
    /// importers: the raw `f64` path.
    ///
    /// # Errors
    ///
    /// As [`concentration`].
    pub fn value_concentration(&self, party: Party, opts: &GroupOptions) -> Result<Concentration<f64>, Error> {
        concentration(self, party, &self.value_usd, opts)
    }

    /// Concentration of quantity per (commodity, year) among exporters or importers: the typed
    /// path, totals as [`Mass`].
    ///
    /// # Errors
    ///
    /// As [`concentration`].
    pub fn quantity_concentration(&self, party: Party, opts: &GroupOptions) -> Result<Concentration<Mass>, Error> {
        concentration(self, party, &self.quantity, opts)
    }
}

/// Folds table chunks (e.g. from a [`super::BaciReader`]) into per-group party totals, for
/// files larger than memory; [`StreamingConcentration::finish`] gives the same [`Concentration`]
/// the in-memory kernel gives for the whole file (up to the order of floating-point additions).
///
/// Each chunk goes through the in-memory kernel; its per-(group, party) sums are added into one
/// `f64` slot per economy seen so far per group (about 2 KiB a group for BACI's ~240
/// economies, whatever the number of rows). Chunks may index different economies: sums are
/// matched by [`Economy`], not by a chunk's column index.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::{GroupOptions, Party, StreamingConcentration, TradeTable};
/// use critical_minerals::geo::Country;
///
/// let (cl, ar, cn) = (Country::from_code("CL")?, Country::from_code("AR")?, Country::from_code("CN")?);
/// let mut s = StreamingConcentration::value(Party::Exporter, GroupOptions::default());
/// s.add(&TradeTable::from_rows([(2023, cl, cn, 283691, Some(3.0), None)])?)?;
/// s.add(&TradeTable::from_rows([(2023, ar, cn, 283691, Some(1.0), None)])?)?;
/// let c = s.finish();
/// assert_eq!(c.get(0).ok_or("no group")?.hhi, Some(0.625));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StreamingConcentration<V> {
    party: Party,
    opts: GroupOptions,
    select: fn(&TradeTable) -> &[V],
    slots: std::collections::HashMap<(u32, i16), usize>,
    keys: Vec<(u32, i16)>,
    rows: Vec<u64>,
    /// Per group, the sums by economy slot (grown as economies appear).
    cells: Vec<Vec<f64>>,
    /// The economies seen, in order of first sight, and their slots.
    economies: Vec<Economy>,
    economy_slots: std::collections::HashMap<Economy, usize>,
}

impl StreamingConcentration<f64> {
    /// Streams the value column (US dollars).
    pub fn value(party: Party, opts: GroupOptions) -> Self {
        StreamingConcentration::with_column(party, opts, |t| t.value_usd_column())
    }
}

impl StreamingConcentration<Mass> {
    /// Streams the quantity column.
    pub fn quantity(party: Party, opts: GroupOptions) -> Self {
        StreamingConcentration::with_column(party, opts, |t| t.quantity_column())
    }
}

impl<V: Additive> StreamingConcentration<V> {
    /// Streams the column `select` picks from each chunk.
    pub fn with_column(party: Party, opts: GroupOptions, select: fn(&TradeTable) -> &[V]) -> Self {
        StreamingConcentration {
            party,
            opts,
            select,
            slots: Default::default(),
            keys: Vec::new(),
            rows: Vec::new(),
            cells: Vec::new(),
            economies: Vec::new(),
            economy_slots: Default::default(),
        }
    }

    /// Adds one chunk.
    ///
    /// # Errors
    ///
    /// As [`concentration`].
    pub fn add(&mut self, chunk: &TradeTable) -> Result<(), Error> {
        let part = concentration(chunk, self.party, (self.select)(chunk), &self.opts)?;
        // the chunk's economy index -> this fold's economy slot
        let map: Vec<usize> = part
            .economies
            .iter()
            .map(|&e| {
                *self.economy_slots.entry(e).or_insert_with(|| {
                    self.economies.push(e);
                    self.economies.len() - 1
                })
            })
            .collect();
        for i in 0..part.len() {
            let key = (part.hs6[i], part.year[i]);
            let slot = *self.slots.entry(key).or_insert_with(|| {
                self.keys.push(key);
                self.rows.push(0);
                self.cells.push(Vec::new());
                self.keys.len() - 1
            });
            self.rows[slot] += part.rows[i];
            let cells = &mut self.cells[slot];
            for k in part.offsets[i]..part.offsets[i + 1] {
                let e = map[usize::from(part.parties[k])];
                if cells.len() <= e {
                    cells.resize(self.economies.len(), 0.0);
                }
                cells[e] += part.sums[k];
            }
        }
        Ok(())
    }

    /// Groups so far.
    pub fn groups(&self) -> usize {
        self.keys.len()
    }

    /// The concentration over every chunk added.
    pub fn finish(self) -> Concentration<V> {
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&s| self.keys[s]);
        let mut out = Concentration::<V>::empty(self.party, self.opts.cr_n.max(1));
        // economies in order; each group's sums laid out in that order
        let mut by_economy: Vec<usize> = (0..self.economies.len()).collect();
        by_economy.sort_unstable_by_key(|&e| self.economies[e]);
        let mut top = Vec::new();
        let mut cells = vec![0.0f64; self.economies.len()];
        for s in order {
            let (hs6, year) = self.keys[s];
            let sums = &self.cells[s];
            for (c, &e) in cells.iter_mut().zip(&by_economy) {
                *c = sums.get(e).copied().unwrap_or(0.0);
            }
            out.push_group(hs6, year, self.rows[s], &mut cells, &mut top);
        }
        out.economies = by_economy.iter().map(|&e| self.economies[e]).collect();
        out
    }
}
