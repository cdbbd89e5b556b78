//! A seeded synthetic BACI-like table for tests and benchmarks: deterministic for a seed,
//! whatever the number of threads.
//!
//! Shape: `products` HS6 codes × `years` years, uniform; per product a few large exporters (a
//! Zipf law of exponent `zipf_s` over all countries, ranked by a per-product permutation) and
//! likewise for importers; values log-normal, whole US dollars; a share of quantities missing.

use std::thread;

use super::table::{Bitmap, TradeTable};
use crate::geo::{Country, Economy};
use crate::rng::SplitMix64;
use crate::units::{Mass, mass};

/// What [`synthetic`] generates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthSpec {
    /// Rows.
    pub rows: usize,
    /// Distinct HS6 products (at most 65,536).
    pub products: usize,
    /// Consecutive years (1 to 1,000, and no later than 32767: clamped).
    pub years: usize,
    /// The first year.
    pub first_year: i16,
    /// Zipf exponent of exporters' and importers' ranks within a product.
    pub zipf_s: f64,
    /// Share of rows without a quantity.
    pub missing_quantity: f64,
    /// Seed.
    pub seed: u64,
}

impl SynthSpec {
    /// `rows` rows of the default shape: 5,000 products × 25 years (1998–2022), Zipf 1.1, 5 %
    /// of quantities missing, seed 42.
    pub fn rows(rows: usize) -> Self {
        SynthSpec { rows, products: 5_000, years: 25, first_year: 1998, zipf_s: 1.1, missing_quantity: 0.05, seed: 42 }
    }
}

const CHUNK: usize = 1 << 16;
/// Multipliers coprime with 249 (= 3 × 83): per-product rank-to-country permutations.
const MULTS: [usize; 8] = [1, 2, 4, 5, 7, 8, 10, 11];

/// A synthetic table, generated on `threads` threads (`0`: every core); the same for any
/// thread count.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::columnar::{SynthSpec, synthetic};
///
/// let a = synthetic(&SynthSpec::rows(10_000), 1);
/// assert_eq!(a.len(), 10_000);
/// assert_eq!(a, synthetic(&SynthSpec::rows(10_000), 2));
/// ```
pub fn synthetic(spec: &SynthSpec, threads: usize) -> TradeTable {
    let n = spec.rows;
    let products = spec.products.clamp(1, 1 << 16);
    // every year must be an `i16`: from `first_year`, at most up to 32767
    let room = usize::try_from(i32::from(i16::MAX) - i32::from(spec.first_year) + 1).unwrap_or(1);
    let years = spec.years.clamp(1, 1000).min(room);
    let step = (989_999 / products).max(1) as u32;
    let hs6_dict: Vec<u32> = (0..products as u32).map(|k| 10_000 + k * step).collect();
    let economies: Vec<Economy> = Country::all().map(Economy::from).collect();
    let nc = economies.len();
    let mut cdf: Vec<f64> = (1..=nc).map(|r| (r as f64).powf(-spec.zipf_s)).collect();
    let mut acc = 0.0;
    for c in &mut cdf {
        acc += *c;
        *c = acc;
    }
    for c in &mut cdf {
        *c /= acc;
    }
    let mut t = TradeTable {
        year: vec![0; n],
        exporter: vec![0; n],
        importer: vec![0; n],
        economies,
        commodity: vec![0; n],
        hs6_dict,
        value_usd: vec![0.0; n],
        value_valid: Bitmap::default(),
        quantity: vec![Mass::new::<mass::kilogram>(0.0); n],
        quantity_valid: Bitmap::default(),
        quantity_basis: None,
        hs_revision: None,
    };
    let words = n.div_ceil(64);
    let mut qvalid = vec![0u64; words];
    let threads = if threads == 0 { thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { threads };
    let chunks = n.div_ceil(CHUNK);
    let per = chunks.div_ceil(threads.max(1)).max(1) * CHUNK;
    let fill = |start: usize,
                y: &mut [i16],
                e: &mut [u16],
                m: &mut [u16],
                c: &mut [u16],
                v: &mut [f64],
                q: &mut [Mass],
                qv: &mut [u64]| {
        for (k, ((((((y, e), m), c), v), q), qv)) in y
            .chunks_mut(CHUNK)
            .zip(e.chunks_mut(CHUNK))
            .zip(m.chunks_mut(CHUNK))
            .zip(c.chunks_mut(CHUNK))
            .zip(v.chunks_mut(CHUNK))
            .zip(q.chunks_mut(CHUNK))
            .zip(qv.chunks_mut(CHUNK / 64))
            .enumerate()
        {
            let chunk = (start / CHUNK + k) as u64;
            let mut rng = SplitMix64::new(spec.seed ^ chunk.wrapping_mul(0xD1B5_4A32_D192_ED03));
            for i in 0..y.len() {
                let prod = rng.below(products);
                let rank = |rng: &mut SplitMix64| cdf.partition_point(|&p| p < rng.next_f64()).min(nc - 1);
                let mult = MULTS[prod % MULTS.len()];
                let ex = (rank(&mut rng) * mult + prod * 31) % nc;
                let mut im = (rank(&mut rng) * mult + prod * 17 + 5) % nc;
                if im == ex {
                    im = (im + 1) % nc;
                }
                let z = rng.next_f64() + rng.next_f64() + rng.next_f64() + rng.next_f64() - 2.0;
                let usd = (1000.0 * (2.0 + 2.5 * z).exp()).round().max(1.0);
                let price = 1000.0 * (0.5 + (prod % 97) as f64 / 10.0);
                y[i] = spec.first_year + rng.below(years) as i16;
                e[i] = ex as u16;
                m[i] = im as u16;
                c[i] = prod as u16;
                v[i] = usd;
                if rng.next_f64() >= spec.missing_quantity {
                    q[i] = Mass::new::<mass::ton>(usd / price);
                    qv[i / 64] |= 1 << (i % 64);
                }
            }
        }
    };
    thread::scope(|s| {
        let (mut y, mut e, mut m, mut c) =
            (&mut t.year[..], &mut t.exporter[..], &mut t.importer[..], &mut t.commodity[..]);
        let (mut v, mut q, mut qv) = (&mut t.value_usd[..], &mut t.quantity[..], &mut qvalid[..]);
        let mut start = 0;
        while start < n {
            let len = per.min(n - start);
            let (y1, y2) = y.split_at_mut(len);
            let (e1, e2) = e.split_at_mut(len);
            let (m1, m2) = m.split_at_mut(len);
            let (c1, c2) = c.split_at_mut(len);
            let (v1, v2) = v.split_at_mut(len);
            let (q1, q2) = q.split_at_mut(len);
            let (qv1, qv2) = qv.split_at_mut(len.div_ceil(64));
            let fill = &fill;
            s.spawn(move || fill(start, y1, e1, m1, c1, v1, q1, qv1));
            (y, e, m, c, v, q, qv) = (y2, e2, m2, c2, v2, q2, qv2);
            start += len;
        }
    });
    let mut vvalid = vec![u64::MAX; words];
    if !n.is_multiple_of(64)
        && let Some(last) = vvalid.last_mut()
    {
        *last = (1u64 << (n % 64)) - 1;
    }
    t.value_valid = Bitmap::from_words(vvalid, n);
    t.quantity_valid = Bitmap::from_words(qvalid, n);
    t
}
