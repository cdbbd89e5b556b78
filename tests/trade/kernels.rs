//! The columnar kernels against a row-by-row HashMap reference, single- and multi-threaded.

use critical_minerals::ErrorKind;
use std::collections::{BTreeMap, HashMap};

use critical_minerals::geo::{Country, Economy};
use critical_minerals::trade::columnar::{
    Concentration, GroupOptions, Party, RowTuple, StreamingConcentration, SynthSpec, TradeTable, synthetic,
};
use critical_minerals::units;
use proptest::prelude::*;

/// Per (hs6, year): rows, total, HHI, CR-n and the party totals, computed row by row.
#[derive(Debug)]
struct Ref {
    rows: u64,
    total: f64,
    hhi: Option<f64>,
    cr: Option<f64>,
    parties: BTreeMap<String, f64>,
}

fn reference<E: Copy + Into<Economy>>(
    rows: &[RowTuple<E>],
    party: Party,
    quantity: bool,
    n: usize,
) -> BTreeMap<(u32, i32), Ref> {
    let mut groups: HashMap<(u32, i32), (u64, HashMap<Economy, f64>)> = HashMap::new();
    for &(year, e, i, hs6, v, q) in rows {
        let g = groups.entry((hs6, year)).or_default();
        g.0 += 1;
        let who: Economy = if party == Party::Exporter { e.into() } else { i.into() };
        if let Some(x) = if quantity { q } else { v } {
            *g.1.entry(who).or_insert(0.0) += x;
        }
    }
    groups
        .into_iter()
        .map(|(k, (rows, sums))| {
            let sums: HashMap<Economy, f64> = sums.into_iter().filter(|(_, x)| *x > 0.0).collect();
            let total: f64 = sums.values().sum();
            let (hhi, cr) = if total > 0.0 {
                let mut s: Vec<f64> = sums.values().map(|x| x / total).collect();
                s.sort_by(|a, b| b.total_cmp(a));
                (Some(s.iter().map(|x| x * x).sum()), Some(s.iter().take(n).sum()))
            } else {
                (None, None)
            };
            let parties = sums.iter().map(|(c, x)| (c.label(), *x)).collect();
            (k, Ref { rows, total, hhi, cr, parties })
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

fn check<V: critical_minerals::trade::columnar::Additive>(
    got: &Concentration<V>,
    want: &BTreeMap<(u32, i32), Ref>,
    to_unit: impl Fn(V) -> f64,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.len(), want.len());
    for (g, ((hs6, year), r)) in got.iter().zip(want) {
        prop_assert_eq!((g.hs6, g.year), (*hs6, *year));
        prop_assert_eq!(g.rows, r.rows);
        prop_assert!(close(to_unit(g.total), r.total), "total {:?} vs {}", g.total, r.total);
        prop_assert_eq!(g.parties, r.parties.len());
        match (g.hhi, r.hhi) {
            (Some(a), Some(b)) => prop_assert!(close(a, b), "hhi {} vs {}", a, b),
            (a, b) => prop_assert_eq!(a, b),
        }
        match (g.cr, r.cr) {
            (Some(a), Some(b)) => prop_assert!(close(a, b), "cr {} vs {}", a, b),
            (a, b) => prop_assert_eq!(a, b),
        }
        if let Some(h) = g.hhi {
            prop_assert!(close(g.effective_number().unwrap_or(0.0), 1.0 / h));
            prop_assert!(close(g.hhi_points().unwrap_or(0.0), 10_000.0 * h));
        }
        let mut sum_shares = 0.0;
        for s in got.shares(g.index) {
            let want = r.parties.get(s.economy.label().as_str()).copied().unwrap_or(f64::NAN);
            prop_assert!(close(to_unit(s.total), want), "{} {:?} vs {}", s.economy.label(), s.total, want);
            prop_assert!(close(s.share, want / r.total));
            sum_shares += s.share;
        }
        if g.hhi.is_some() {
            prop_assert!(close(sum_shares, 1.0));
        }
    }
    Ok(())
}

fn countries() -> Vec<Country> {
    ["US", "CN", "CL", "AU", "AR", "NA", "DE", "JP", "KR", "ZA", "CD", "ID"]
        .iter()
        .filter_map(|c| Country::from_code(c).ok())
        .collect()
}

fn row_strategy() -> impl Strategy<Value = RowTuple<Country>> {
    let cs = countries();
    let n = cs.len();
    (
        1995i32..2000,
        0..n,
        0..n,
        prop::sample::select(vec![283691u32, 253090, 282520, 810520, 750110, 260500]),
        prop::option::weighted(0.9, prop_oneof![Just(0.0), 0.0..1e9f64]),
        prop::option::weighted(0.7, 0.0..1e6f64),
    )
        .prop_map(move |(y, e, i, k, v, q)| (y, cs[e], cs[i], k, v, q))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn kernels_match_row_by_row_reference(rows in prop::collection::vec(row_strategy(), 0..400), n in 1usize..6) {
        let t = TradeTable::from_rows(rows.iter().copied()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(t.len(), rows.len());
        for party in [Party::Exporter, Party::Importer] {
            let want_v = reference(&rows, party, false, n);
            let want_q = reference(&rows, party, true, n);
            for (threads, limit) in [(1, None), (2, None), (3, None), (1, Some(200)), (2, Some(1000))] {
                let mut opts = GroupOptions::default().with_threads(threads).with_cr_n(n);
                if let Some(bytes) = limit {
                    opts = opts.with_scratch_limit(bytes); // several passes over the rows
                }
                let v = t.value_concentration(party, &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
                check(&v, &want_v, |x| x)?;
                let q = t.quantity_concentration(party, &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
                check(&q, &want_q, units::as_tonnes)?;
            }
            // streaming over chunks of 37 rows gives the same
            let mut s = StreamingConcentration::value(party, GroupOptions::default().with_threads(2).with_cr_n(n));
            for chunk in rows.chunks(37) {
                let c = TradeTable::from_rows(chunk.iter().copied()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                s.add(&c).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            check(&s.finish(), &want_v, |x| x)?;
        }
    }

    #[test]
    fn rows_round_trip(rows in prop::collection::vec(row_strategy(), 0..100)) {
        let t = TradeTable::from_rows(rows.iter().copied()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (r, &(y, e, i, k, v, q)) in t.rows().zip(&rows) {
            prop_assert_eq!((r.year, r.exporter, r.importer, r.hs6, r.value_usd), (y, Economy::from(e), Economy::from(i), k, v));
            match (r.quantity_t(), q) {
                (Some(a), Some(b)) => prop_assert!(close(a, b)),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
        let mut sorted = t.commodities().to_vec();
        sorted.sort_unstable();
        prop_assert_eq!(sorted.as_slice(), t.commodities());
    }
}

#[test]
fn synthetic_table_single_and_multi_threaded_agree_with_reference() {
    let t = synthetic(&SynthSpec { products: 40, years: 3, ..SynthSpec::rows(60_000) }, 2);
    let rows: Vec<_> = t.rows().map(|r| (r.year, r.exporter, r.importer, r.hs6, r.value_usd, r.quantity_t())).collect();
    let want = reference(&rows, Party::Exporter, false, 4);
    for threads in [1, 2, 4] {
        let got = t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(threads)).unwrap();
        check(&got, &want, |x| x).unwrap();
        let opts = GroupOptions::default().with_threads(threads).with_scratch_limit(100_000);
        check(&t.value_concentration(Party::Exporter, &opts).unwrap(), &want, |x| x).unwrap();
    }
    let dense =
        critical_minerals::trade::columnar::hhi_dense_scatter(&t, Party::Exporter, t.value_usd_column()).unwrap();
    let got = t.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    assert_eq!(dense.len(), got.len());
    for (a, g) in dense.iter().zip(got.iter()) {
        assert!(close(*a, g.hhi.unwrap_or(0.0)));
    }
}

#[test]
fn synthetic_is_deterministic_and_skewed() {
    let spec = SynthSpec { products: 50, ..SynthSpec::rows(100_000) };
    let a = synthetic(&spec, 1);
    assert_eq!(a, synthetic(&spec, 3));
    assert_ne!(a, synthetic(&SynthSpec { seed: 7, ..spec }, 1));
    let c = a.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    // a few large exporters per product: CR4 well above 4/249
    let mean_cr: f64 = c.iter().filter_map(|g| g.cr).sum::<f64>() / c.len() as f64;
    assert!(mean_cr > 0.3, "{mean_cr}");
}

#[test]
fn zero_total_groups_are_reported_not_dropped() {
    let (cl, cn) = (Country::from_code("CL").unwrap(), Country::from_code("CN").unwrap());
    let t =
        TradeTable::from_rows([(2023, cl, cn, 283691, None, None), (2023, cl, cn, 283691, Some(0.0), None)]).unwrap();
    let c = t.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    let g = c.get(0).unwrap();
    assert_eq!((g.rows, g.total, g.parties, g.hhi, g.cr, g.effective_number()), (2, 0.0, 0, None, None, None));
}

#[test]
fn bad_options_and_rows_are_typed_errors() {
    let cl = Country::from_code("CL").unwrap();
    let t = TradeTable::from_rows([(2023, cl, cl, 283691, Some(1.0), None)]).unwrap();
    assert!(t.value_concentration(Party::Exporter, &GroupOptions::default().with_cr_n(0)).is_err());
    let short =
        critical_minerals::trade::columnar::concentration(&t, Party::Exporter, &[1.0, 2.0], &GroupOptions::default());
    assert!(matches!(short, Err(ref e) if e.kind() == ErrorKind::Mismatch && e.to_string().contains("has 2 values")));
    for bad in [
        (2023, cl, cl, 283691, Some(f64::NAN), None),
        (2023, cl, cl, 283691, Some(-1.0), None),
        (2023, cl, cl, 283691, None, Some(f64::INFINITY)),
        (2023, cl, cl, 1_000_000, None, None),
        (70_000, cl, cl, 283691, None, None),
    ] {
        let e = TradeTable::from_rows([(2023, cl, cl, 283691, None, None), bad]).unwrap_err();
        assert!(e.to_string().starts_with("row 1: "), "{e}");
    }
    assert!(
        TradeTable::from_rows::<Country, _>([])
            .unwrap()
            .value_concentration(Party::Importer, &GroupOptions::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn years_spanning_more_than_64_with_gaps_agree_with_reference() {
    // the plan finds the years that occur with one bit each within 64 consecutive years, and by
    // a second scan beyond; both must give the same groups
    let cs = countries();
    for years in [vec![1995, 2001, 2023], vec![1900, 1963, 1964, 2023], vec![-40, 23, 1000]] {
        let rows: Vec<RowTuple<Country>> = (0..3_000usize)
            .map(|k| {
                let y = years[k % years.len()];
                let hs6 = [283691u32, 253090, 810520][k % 7 % 3];
                (y, cs[k * 7 % cs.len()], cs[(k * 13 + 1) % cs.len()], hs6, Some((k % 97) as f64 + 0.5), None)
            })
            .collect();
        let t = TradeTable::from_rows(rows.iter().copied()).unwrap();
        let want = reference(&rows, Party::Exporter, false, 4);
        for threads in [1, 2] {
            let got = t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(threads)).unwrap();
            assert_eq!(got.len(), want.len(), "years {years:?}");
            check(&got, &want, |x| x).unwrap();
        }
    }
}

#[test]
fn tables_of_more_than_256_economies_agree_with_the_reference_bit_for_bit_across_threads() {
    // 249 countries, the other listed economies and 700 unknown codes kept as their own
    let mut economies: Vec<Economy> = Economy::all().filter(|e| !e.is_world()).collect();
    economies.extend((1000..1700u32).map(|c| Economy::unknown(c).unwrap()));
    assert!(economies.len() > 900);
    for n_rows in [5_000usize, 40_000] {
        let rows: Vec<RowTuple> = (0..n_rows)
            .map(|k| {
                let e = economies[(k * 7919) % economies.len()];
                let mut i = economies[(k * 104_729 + 3) % economies.len()];
                if i == e {
                    i = economies[(k + 1) % economies.len()];
                }
                let hs6 = [283691u32, 253090, 810520, 10121][k % 4];
                (2018 + (k % 5) as i32, e, i, hs6, Some(((k * 31) % 1000) as f64 + 0.25), None)
            })
            .collect();
        let t = TradeTable::from_rows(rows.iter().copied()).unwrap();
        assert_eq!(t.economies().len(), economies.len());
        for party in [Party::Exporter, Party::Importer] {
            let want = reference(&rows, party, false, 4);
            let one = t.value_concentration(party, &GroupOptions::default().with_threads(1)).unwrap();
            check(&one, &want, |x| x).unwrap();
            for (threads, limit) in [(2, None), (3, None), (1, Some(20_000)), (2, Some(50_000))] {
                let mut opts = GroupOptions::default().with_threads(threads);
                if let Some(bytes) = limit {
                    opts = opts.with_scratch_limit(bytes);
                }
                assert_eq!(t.value_concentration(party, &opts).unwrap(), one, "{threads} threads, {limit:?}");
            }
            // streaming over chunks with different dictionaries gives the same groups
            let mut s = StreamingConcentration::value(party, GroupOptions::default());
            for chunk in rows.chunks(777) {
                s.add(&TradeTable::from_rows(chunk.iter().copied()).unwrap()).unwrap();
            }
            check(&s.finish(), &want, |x| x).unwrap();
            let dense = critical_minerals::trade::columnar::hhi_dense_scatter(&t, party, t.value_usd_column()).unwrap();
            assert!(dense.iter().zip(one.iter()).all(|(a, g)| close(*a, g.hhi.unwrap_or(0.0))));
        }
    }
}

#[test]
fn synthetic_codes_are_codes_a_trade_file_may_carry() {
    // a synthetic table written as BACI text must load back: every code passes `HsCode::new`
    for products in [1, 5_000, 65_536] {
        let t = synthetic(&SynthSpec { products, ..SynthSpec::rows(10) }, 1);
        for &code in t.commodities() {
            assert!(critical_minerals::trade::HsCode::new(code).is_ok(), "{products} products: code {code:06}");
        }
    }
}
