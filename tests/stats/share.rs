//! Shares: decisions (denominator, unallocated, ties, duplicates, regrouping), bad input, and
//! properties.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::stats::share::{Denominator, RegionKey, Shares};
use critical_minerals::units::{kilotonnes, tonnes};
use proptest::prelude::*;

fn country(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

#[test]
fn ties_are_ranked_by_key_whatever_the_input_order() {
    // USGS MCS 2025 lithium 2024: Namibia 2,700 t; a made-up tie with Mali at the same figure
    let a =
        Shares::new([("Namibia", 2_700.0), ("Mali", 2_700.0), ("Chile", 49_000.0)], Denominator::SumOfRows).unwrap();
    let b =
        Shares::new([("Mali", 2_700.0), ("Chile", 49_000.0), ("Namibia", 2_700.0)], Denominator::SumOfRows).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.rank("Chile"), Some(1));
    assert_eq!(a.rank("Mali"), Some(2));
    assert_eq!(a.rank("Namibia"), Some(3));
    assert_eq!(a.rank("Peru"), None);
    let keys: Vec<&str> = a.top(2).iter().map(|e| *e.key()).collect();
    assert_eq!(keys, ["Chile", "Mali"]);
    assert_eq!(a.top(10).len(), 3);
}

#[test]
fn duplicates_refused_by_new_and_summed_by_aggregate() {
    let rows = [("Chile", 30_000.0), ("Argentina", 18_000.0), ("Chile", 19_000.0)];
    assert_eq!(
        Shares::new(rows, Denominator::SumOfRows).unwrap_err().to_string(),
        "share rows: key \"Chile\" appears twice"
    );
    let s = Shares::aggregate(rows, Denominator::PublishedTotal(240_000.0)).unwrap();
    assert_eq!(s.get("Chile").unwrap().quantity(), 49_000.0);
    assert_eq!(s.len(), 2);
    assert_eq!(s.rows_total(), 67_000.0);
}

#[test]
fn published_total_equal_to_rows_has_no_remainder() {
    let s = Shares::new([("a", 1.0), ("b", 3.0)], Denominator::PublishedTotal(4.0)).unwrap();
    assert!(s.unallocated().is_none());
    assert_eq!(s.denominator(), &Denominator::PublishedTotal(4.0));
    // floating-point noise below 1e-9 relative is forgiven; the rows' sum is then used
    let s = Shares::new([("a", 0.1), ("b", 0.2)], Denominator::PublishedTotal(0.3)).unwrap();
    let sum: f64 = s.iter().map(|e| e.share()).sum();
    assert!(sum <= 1.0 + 1e-15);
}

#[test]
fn shares_by_mass_and_by_amount_on_one_basis() {
    // USGS MCS 2025 lithium 2024, Australia and Chile, t Li
    let li = Basis::contained(Element::Li);
    let rows = [
        ("Australia", Amount::tonnes(88_000.0, li.clone()).unwrap()),
        ("Chile", Amount::tonnes(49_000.0, li.clone()).unwrap()),
    ];
    let total = Amount::tonnes(240_000.0, li.clone()).unwrap();
    let s = Shares::new(rows.clone(), Denominator::PublishedTotal(total)).unwrap();
    assert!((s.share_of("Australia").unwrap() - 88.0 / 240.0).abs() < 1e-12);
    // by reference too
    let r = Shares::new(rows.iter().map(|(k, a)| (*k, a)), Denominator::SumOfRows).unwrap();
    assert!((r.share_of("Chile").unwrap() - 49.0 / 137.0).abs() < 1e-12);

    // masses in mixed units are one scale
    let m = Shares::new([("AU", kilotonnes(88.0)), ("CL", tonnes(49_000.0))], Denominator::SumOfRows).unwrap();
    assert!((m.share_of("AU").unwrap() - 88.0 / 137.0).abs() < 1e-12);

    // a row on another basis, or a total on another basis, is refused
    let lce = Amount::tonnes(49_000.0, Basis::lce()).unwrap();
    let mixed = [("Australia", rows[0].1.clone()), ("Chile", lce.clone())];
    assert!(matches!(
        Shares::new(mixed, Denominator::SumOfRows),
        Err(ref e) if e.kind() == ErrorKind::Mismatch
    ));
    assert!(matches!(
        Shares::new(rows, Denominator::PublishedTotal(lce)),
        Err(ref e) if e.kind() == ErrorKind::Mismatch
    ));
}

#[test]
fn regroup_regions_keeps_other_and_zero_regions() {
    // USGS MCS 2025 lithium 2024
    let rows = [("AR", 18_000.0), ("AU", 88_000.0), ("CL", 49_000.0), ("CN", 41_000.0), ("ZW", 22_000.0)];
    let s = Shares::new(rows.map(|(c, q)| (country(c), q)), Denominator::PublishedTotal(240_000.0)).unwrap();
    let sa = Region::from_codes("South America", ["AR", "CL", "BO"]).unwrap();
    let eu = Region::from_codes("Europe", ["PT", "DE"]).unwrap();
    let g = s.regroup_regions(&[sa, eu]).unwrap();
    assert_eq!(g.get(&RegionKey::Region("South America".into())).unwrap().quantity(), 67_000.0);
    assert_eq!(g.get(&RegionKey::Region("Europe".into())).unwrap().quantity(), 0.0);
    assert_eq!(g.get(&RegionKey::Other).unwrap().quantity(), 151_000.0);
    assert_eq!(g.total(), 240_000.0);
    assert_eq!(g.unallocated(), s.unallocated());
    assert_eq!(RegionKey::Other.to_string(), "other");
    // every country assigned: no "other" bucket
    let world = Region::new("World", Country::all()).unwrap();
    let g = s.regroup_regions(&[world]).unwrap();
    assert!(g.get(&RegionKey::Other).is_none());
    assert_eq!(g.len(), 1);
}

/// A bad-input case: name, result, and the error expected.
type Case = (&'static str, Result<Shares<&'static str>, Error>, fn(&Error) -> bool);

#[test]
fn bad_input_table() {
    let cases: Vec<Case> = vec![
        ("empty", Shares::new(Vec::<(&str, f64)>::new(), Denominator::SumOfRows), |e| e.kind() == ErrorKind::Empty),
        ("NaN", Shares::new([("AU", f64::NAN)], Denominator::SumOfRows), |e| {
            e.kind() == ErrorKind::NotFinite && e.to_string().contains("AU")
        }),
        ("infinite", Shares::new([("AU", 1.0), ("CL", f64::INFINITY)], Denominator::SumOfRows), |e| {
            e.kind() == ErrorKind::NotFinite && e.to_string().contains("CL")
        }),
        ("negative", Shares::new([("AU", -88_000.0)], Denominator::SumOfRows), |e| {
            e.kind() == ErrorKind::Negative && e.to_string().contains("AU") && e.to_string().contains("-88000")
        }),
        ("zero total", Shares::new([("AU", 0.0), ("CL", 0.0)], Denominator::SumOfRows), |e| {
            e.kind() == ErrorKind::ZeroTotal
        }),
        ("zero rows, positive total", Shares::new([("AU", 0.0)], Denominator::PublishedTotal(240_000.0)), |e| {
            e.kind() == ErrorKind::ZeroTotal
        }),
        ("total below rows", Shares::new([("AU", 88_000.0)], Denominator::PublishedTotal(80_000.0)), |e| {
            e.kind() == ErrorKind::Inconsistent
                && e.to_string() == "published total 80000 is below the sum of the rows 88000"
        }),
        ("zero published total", Shares::new([("AU", 1.0)], Denominator::PublishedTotal(0.0)), |e| {
            e.kind() == ErrorKind::Inconsistent
        }),
        ("NaN published total", Shares::new([("AU", 1.0)], Denominator::PublishedTotal(f64::NAN)), |e| {
            e.kind() == ErrorKind::NotFinite && e.to_string().contains("published total")
        }),
        ("negative published total", Shares::new([("AU", 1.0)], Denominator::PublishedTotal(-1.0)), |e| {
            e.kind() == ErrorKind::Negative && e.to_string().contains("published total")
        }),
        ("rows overflow", Shares::new([("AU", f64::MAX), ("CL", f64::MAX)], Denominator::SumOfRows), |e| {
            e.kind() == ErrorKind::NotFinite && e.to_string().contains("sum of share rows")
        }),
        ("duplicate key", Shares::new([("AU", 1.0), ("AU", 1.0)], Denominator::SumOfRows), |e| {
            e.kind() == ErrorKind::Duplicate
        }),
    ];
    for (name, result, expected) in cases {
        match result {
            Err(e) => {
                assert!(expected(&e), "{name}: unexpected error {e:?}");
                assert!(!e.to_string().is_empty());
            }
            Ok(s) => panic!("{name}: expected an error, got {s:?}"),
        }
    }

    // overlapping regions, and two regions with one name
    let s = Shares::new([(country("US"), 1.0), (country("CA"), 1.0)], Denominator::SumOfRows).unwrap();
    let na = Region::from_codes("North America", ["US", "CA", "MX"]).unwrap();
    let usmca = Region::from_codes("USMCA", ["MX", "US"]).unwrap();
    assert_eq!(
        s.regroup_regions(&[na.clone(), usmca]).unwrap_err().to_string(),
        "regions \"North America\" and \"USMCA\" overlap: both contain MEX"
    );
    let na2 = Region::from_codes("North America", ["GL"]).unwrap();
    assert!(matches!(s.regroup_regions(&[na, na2]), Err(ref e) if e.kind() == ErrorKind::Duplicate));
}

fn rows_strategy() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.0..1.0e6f64], 1..40)
        .prop_filter("positive total", |v| v.iter().sum::<f64>() > 0.0)
}

proptest! {
    #[test]
    fn shares_sum_to_one_with_unallocated(q in rows_strategy(), extra in prop_oneof![Just(0.0), 0.0..1.0e6f64]) {
        let rows: Vec<(usize, f64)> = q.iter().copied().enumerate().collect();
        let total = q.iter().sum::<f64>() + extra;
        for d in [Denominator::SumOfRows, Denominator::PublishedTotal(total)] {
            let s = Shares::new(rows.clone(), d).unwrap();
            let listed: f64 = s.iter().map(|e| e.share()).sum();
            let rest = s.unallocated().map_or(0.0, |u| u.share());
            prop_assert!((listed + rest - 1.0).abs() < 1e-9, "{listed} + {rest}");
            prop_assert!(s.iter().all(|e| (0.0..=1.0).contains(&e.share())));
            // ranked: non-increasing quantities
            prop_assert!(s.entries().windows(2).all(|w| w[0].quantity() >= w[1].quantity()));
        }
    }

    #[test]
    fn shares_invariant_under_permutation_and_scaling(
        q in rows_strategy(),
        seed in any::<u64>(),
        c in prop_oneof![1.0e-6..1.0e-3f64, 0.5..2.0f64, 1.0e3..1.0e9f64],
    ) {
        let rows: Vec<(usize, f64)> = q.iter().copied().enumerate().collect();
        let mut shuffled = rows.clone();
        // deterministic shuffle from the seed
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let a = Shares::new(rows.clone(), Denominator::SumOfRows).unwrap();
        let b = Shares::new(shuffled, Denominator::SumOfRows).unwrap();
        prop_assert_eq!(&a, &b);
        let scaled = Shares::new(rows.iter().map(|&(k, v)| (k, v * c)), Denominator::SumOfRows).unwrap();
        for (k, _) in &rows {
            prop_assert!((a.share_of(k).unwrap() - scaled.share_of(k).unwrap()).abs() < 1e-12);
            prop_assert_eq!(a.rank(k), b.rank(k));
        }
    }

    #[test]
    fn regrouping_a_partition_keeps_the_total(
        q in prop::collection::vec(1.0..1.0e6f64, 1..60),
        cuts in prop::collection::vec(0usize..60, 0..6),
    ) {
        // countries 0..n of ISO 3166-1, split into consecutive regions at the cuts; the last
        // stretch is left to "other"
        let all: Vec<Country> = Country::all().take(q.len()).collect();
        let rows: Vec<(Country, f64)> = all.iter().copied().zip(q.iter().copied()).collect();
        let s = Shares::new(rows, Denominator::PublishedTotal(q.iter().sum::<f64>() * 1.1)).unwrap();
        let mut bounds: Vec<usize> = cuts.into_iter().map(|c| c % (q.len() + 1)).collect();
        bounds.push(0);
        bounds.sort_unstable();
        bounds.dedup();
        let regions: Vec<Region> = bounds.windows(2)
            .map(|w| Region::new(&format!("R{}", w[0]), all[w[0]..w[1]].iter().copied()).unwrap())
            .collect();
        let g = s.regroup_regions(&regions).unwrap();
        let before: f64 = s.iter().map(|e| e.quantity()).sum();
        let after: f64 = g.iter().map(|e| e.quantity()).sum();
        prop_assert!((before - after).abs() <= 1e-9 * before);
        let shares: f64 = g.iter().map(|e| e.share()).sum::<f64>() + g.unallocated().unwrap().share();
        prop_assert!((shares - 1.0).abs() < 1e-9);
        prop_assert_eq!(g.total(), s.total());
        let covered = bounds.last().copied().unwrap_or(0);
        prop_assert_eq!(g.get(&RegionKey::Other).is_some(), covered < q.len());
    }
}
