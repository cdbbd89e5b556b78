//! Columnar trade tables and grouped kernels for bilateral tables of hundreds of millions of rows
//! (CEPII BACI: exporter × importer × HS6 product × year).
//!
//! | item | what it is |
//! |---|---|
//! | [`TradeTable`] | the table by column: `i16` year, `u16` exporter and importer (dictionary of [`Economy`](crate::geo::Economy)s: countries, historic entities, "nes" areas, unknown codes kept on request), `u16` commodity (dictionary of HS6 codes), `f64` value in USD and [`Mass`](crate::units::Mass) quantity, each with a validity [`Bitmap`]; the HS revision when known |
//! | [`TradeTable::from_rows`] | from plain `(year, exporter, importer, hs6, value_usd, quantity_t)` tuples ([`RowTuple`]) |
//! | [`TradeTable::load_baci`], [`TradeTable::load_baci_reader`], [`BaciOptions`], [`BaciReport`] | a whole BACI file (`t,i,j,k,v,q`) as released, parsed on every core, filtered by product and year in the same pass, with the report of what was read; [`TradeTable::read_baci`] and [`TradeTable::from_baci_reader`] with the default options |
//! | [`BaciReader`] | a BACI file in chunks of rows, for files larger than memory |
//! | [`concentration`], [`TradeTable::value_concentration`], [`TradeTable::quantity_concentration`] | per (HS6, year): total, party shares, HHI, CR-n, effective number, by exporter or importer ([`Party`]), on [`GroupOptions::threads`] threads |
//! | [`Concentration`], [`GroupStats`], [`PartyShare`] | the results |
//! | [`StreamingConcentration`] | folds chunks into per-group accumulators |
//! | [`Additive`] | a summable measure: `f64` (raw) or `Mass` (typed) |
//! | [`hhi_dense_scatter`] | the unpartitioned baseline kept for the benchmarks |
//! | `synthetic`, `SynthSpec` (feature `synth`) | a seeded BACI-like table for tests and benchmarks |
//! | `arrow`, `TradeTable::to_record_batch`, `TradeTable::from_record_batches`, `Concentration::groups_record_batch`, `write_parquet`, `TradeTable::read_parquet_file` (feature `arrow`) | the table and group statistics as Arrow record batches and Parquet files (BACI's column names, nulls for missing) |
//! | [`Error`](crate::Error) | what can go wrong, with file, line, column and value |
//!
//! # Definitions
//!
//! A group is one (HS6 product, year). Within a group, party `i` (an exporter, or an importer)
//! has total `q_i`, the sum of the measure over the group's rows where it is present (a
//! missing value is skipped, not read as zero: the table stores `0.0` under an unset validity
//! bit, and `0.0` adds nothing). With `Q = Σ q_i`:
//!
//! - share `s_i = q_i / Q`, a fraction;
//! - HHI `= Σ s_i²`, a fraction in `[1/n, 1]`; [`GroupStats::hhi_points`] gives `10,000 × HHI`
//!   (the 0–10,000 scale of competition guidelines); computed as `Σ q_i² / Q²`, equal up to
//!   rounding (a few ulps);
//! - CR-n `= ` the sum of the `n` largest shares (default `n = 4`), computed as the sum of the
//!   `n` largest `q_i` over `Q`;
//! - effective number `= 1 / HHI`.
//!
//! Parties with `q_i = 0` are not listed. A group whose total is zero (every value missing) is
//! still reported, with its row count, and `None` for HHI and CR-n. Values are US dollars (BACI's
//! thousands are multiplied by 1,000 once, at load); quantities are masses (tonnes on input).
//!
//! # Design
//!
//! - **Layout.** 24 bytes and 2 bits a row (see [`TradeTable`]); HS6 codes and economies are
//!   dictionary encoded and the dictionaries kept sorted, so a group id
//!   `commodity × n_years + year_index` orders groups by (HS6, year) and parties come out in
//!   economy order. A table indexes up to 65,535 economies.
//! - **Partitioning.** A plain scatter into one dense (group, party) accumulator misses the cache
//!   on nearly every row once the groups outgrow it (5,000 products × 25 years × 256 party slots
//!   is 256 MB). The kernel first radix-partitions the rows by group (a counting pass, then a
//!   scatter of a `u16` local cell and the `f64` value: 10 bytes a row of scratch), then sums
//!   each partition into a 2^16-cell `f64` accumulator (512 KiB, in L2: 256 groups × 256 party
//!   slots for a table of up to 256 economies, 128 × 512 up to 512, and so on) and finishes its
//!   groups (total, shares, HHI, CR-n) while they are hot. Tables whose scratch would exceed
//!   [`GroupOptions::with_scratch_limit`] are taken in chunks of rows, each chunk's sums starting
//!   from the running (group, party) sums of the chunks before, so every row is read once and
//!   results are the same, to the bit, for any number of chunks. [`hhi_dense_scatter`] keeps the
//!   unpartitioned baseline for comparison.
//! - **Threads.** `std::thread::scope`: each thread partitions an equal slice of rows; then
//!   threads take blocks of 8 partitions from an atomic counter and sum every thread's slice of
//!   each. [`GroupOptions::with_threads`]`(1)` runs the same code inline. Results are ordered
//!   whatever the thread count.
//! - **Typed measures.** [`concentration`] is generic over [`Additive`]: the raw `f64` value
//!   column and the typed [`Mass`](crate::units::Mass) quantity column run the same code
//!   (`BENCHMARKS.md` measures the difference).
//! - **Streaming.** [`BaciReader`] yields tables of a bounded number of rows;
//!   [`StreamingConcentration`] runs the kernel per chunk and adds the per-(group, party) sums
//!   into one slot per economy per group, so memory follows the number of groups, not of rows.
//!
//! # Limits
//!
//! Every size the loaders and kernels accept, in one place; each is enforced before memory is
//! allocated for it, with a typed error (never a panic, never an abort):
//!
//! | limit | value | past it |
//! |---|---|---|
//! | longest line of a BACI file | [`MAX_LINE_BYTES`] (1 MiB) | [`ErrorKind::Limit`](crate::ErrorKind::Limit) naming the file and line; a file whose lines end in a bare `\r` is refused on its first read ([`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData)) |
//! | distinct HS6 codes in a table | 65,536 (a `u16` dictionary) | [`ErrorKind::Limit`](crate::ErrorKind::Limit), naming the file and line when loading |
//! | HS6 codes | six digits, chapters 01–97 except 77 (as [`HsCode`](crate::trade::HsCode)) | [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) |
//! | distinct economies in a table | 65,535 | [`ErrorKind::Limit`](crate::ErrorKind::Limit) |
//! | years | `0..=32767` in BACI files, `-32768..=32767` from rows (an `i16`) | [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData) |
//! | values and quantities | finite and non-negative, also once scaled (BACI's thousands of dollars × 1,000, tonnes to kilograms); `-0` is `0` | [`ErrorKind::InvalidData`](crate::ErrorKind::InvalidData); a group total past `f64::MAX` is [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) |
//! | threads of a load or kernel | [`MAX_THREADS`] (1,024), at most one per row (kernels) or per 4 KiB of file (loads) | [`ErrorKind::InvalidOption`](crate::ErrorKind::InvalidOption); a thread the OS will not start is [`ErrorKind::Io`](crate::ErrorKind::Io) |
//! | CR-n | any `n >= 1` (a group keeps at most as many largest totals as it has parties) | `n = 0`: [`ErrorKind::InvalidOption`](crate::ErrorKind::InvalidOption) |
//! | (product, year) groups of a kernel | products × years when that is at most `max(65,536, 4 × rows)`; else only the groups present are numbered (sorted keys, 12 bytes a row), so group-indexed memory is at most `max(65,536, 4 × rows)` groups (4 bytes each per thread for counts; 8 bytes × party slots each for [`hhi_dense_scatter`]) | more than 2^32 groups present: [`ErrorKind::Limit`](crate::ErrorKind::Limit) |
//! | kernel scratch | 10 bytes a row of a chunk, chunks sized by [`GroupOptions::with_scratch_limit`] | — |
//! | Monte Carlo samples and draws | [`MonteCarlo::MAX_SAMPLES`](crate::stats::uncertainty::MonteCarlo::MAX_SAMPLES), [`MonteCarlo::MAX_DRAWS`](crate::stats::uncertainty::MonteCarlo::MAX_DRAWS) | [`ErrorKind::Limit`](crate::ErrorKind::Limit) |
//!
//! Error messages quote at most 40 characters of any input value.
//!
//! # Example
//!
//! ```
//! use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable};
//! use critical_minerals::geo::Country;
//!
//! let c = |code| Country::from_code(code);
//! let csv = "t,i,j,k,v,q\n\
//!            2023,152,156,283691,6000,40000\n\
//!            2023,32,156,283691,2000,NA\n\
//!            2023,842,156,283691,2000,10000\n";
//! let t = TradeTable::from_baci_reader("inline.csv", csv.as_bytes())?;
//! assert_eq!(t.exporter(2), Some(c("US")?.into())); // Comtrade's 842 is the USA
//! assert_eq!(t.value_usd(0), Some(6.0e6)); // thousands of USD, scaled once
//! assert_eq!(t.quantity(1), None); // NA is missing, not zero
//!
//! let by_exporter = t.value_concentration(Party::Exporter, &GroupOptions::default())?;
//! let g = by_exporter.find(283691, 2023).ok_or("no group")?;
//! assert_eq!(g.total, 1.0e7);
//! assert!((g.hhi.ok_or("zero total")? - 0.44).abs() < 1e-12); // 0.6² + 0.2² + 0.2²
//! assert!((g.hhi_points().ok_or("zero total")? - 4400.0).abs() < 1e-8);
//! assert_eq!(g.cr, Some(1.0)); // three exporters: CR4 is everything
//! let chile = by_exporter.shares(g.index).find(|s| c("CL").is_ok_and(|cl| s.economy == cl));
//! assert_eq!(chile.map(|s| s.share), Some(0.6));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
mod baci;
mod kernels;
#[cfg(feature = "arrow")]
mod parquet;
#[cfg(feature = "synth")]
mod synth;
mod table;

pub use baci::{BACI_HEADER, BaciOptions, BaciReader, BaciReport, DEFAULT_CHUNK_ROWS, MAX_LINE_BYTES};
pub use kernels::{
    Additive, Concentration, GroupOptions, GroupStats, MAX_THREADS, Party, PartyShare, StreamingConcentration,
    concentration, hhi_dense_scatter,
};
#[cfg(feature = "arrow")]
pub use parquet::{read_parquet_batches, write_parquet, write_parquet_batches, write_parquet_file};
#[cfg(feature = "synth")]
pub use synth::{SynthSpec, synthetic};
pub use table::{Bitmap, RowTuple, TradeRow, TradeTable};
