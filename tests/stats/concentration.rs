//! Concentration: HHI scales, remainder treatment, guideline boundaries, bad input, properties.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::stats::concentration::{
    Hhi, HhiDelta, Remainder, concentration_ratio, concentration_ratio_of_weights, entropy, entropy_of_weights, hhi,
    hhi_of_weights, merger_delta, merger_delta_of_shares,
};
use critical_minerals::stats::guideline::{Band, Guideline, Verdict, assess_merger, classify};
use critical_minerals::stats::share::{Denominator, Shares};
use proptest::prelude::*;

fn pts(p: f64) -> Hhi {
    Hhi::from_points(p).unwrap()
}

fn dpts(p: f64) -> HhiDelta {
    HhiDelta::from_points(p).unwrap()
}

#[test]
fn scales_are_explicit() {
    let h = Hhi::from_fraction(0.25).unwrap();
    assert_eq!(h.points(), 2_500.0);
    assert_eq!(h, pts(2_500.0));
    assert_eq!(h.effective_suppliers(), 4.0);
    assert_eq!(h.to_string(), "HHI 2500 points (0.2500)");
    assert_eq!(dpts(100.0).fraction(), 0.01);
    assert_eq!(dpts(150.0).to_string(), "ΔHHI 150 points (0.0150)");
    // monopoly
    let m = Shares::new([("CN", 1_270_000.0)], Denominator::SumOfRows).unwrap();
    assert_eq!(hhi(&m, Remainder::Excluded).points(), 10_000.0);
    assert_eq!(hhi(&m, Remainder::Excluded).normalized(1).unwrap(), 1.0);
    assert_eq!(entropy(&m, Remainder::Excluded), 0.0);
}

#[test]
fn remainder_as_one_supplier_competes_for_a_rank() {
    // a published total with a large unreported remainder: 30 of 100 unallocated
    let s = Shares::new([("a", 40.0), ("b", 20.0), ("c", 10.0)], Denominator::PublishedTotal(100.0)).unwrap();
    assert!((concentration_ratio(&s, 2, Remainder::Excluded) - 0.6).abs() < 1e-12);
    assert!((concentration_ratio(&s, 2, Remainder::AsOneSupplier) - 0.7).abs() < 1e-12);
    assert!((concentration_ratio(&s, 4, Remainder::AsOneSupplier) - 1.0).abs() < 1e-12);
    assert!((concentration_ratio(&s, 9, Remainder::Excluded) - 0.7).abs() < 1e-12);
    assert_eq!(concentration_ratio(&s, 0, Remainder::AsOneSupplier), 0.0);
    assert!((hhi(&s, Remainder::Excluded).fraction() - 0.21).abs() < 1e-12);
    assert!((hhi(&s, Remainder::AsOneSupplier).fraction() - 0.30).abs() < 1e-12);
    let e_ex = entropy(&s, Remainder::Excluded);
    let e_one = entropy(&s, Remainder::AsOneSupplier);
    assert!((e_one - e_ex + 0.3 * 0.3f64.ln()).abs() < 1e-12);
}

#[test]
fn streaming_paths_take_amounts_and_refuse_mixed_bases() {
    // USGS MCS 2025 lithium 2024, Australia and Chile, t Li
    let li = Basis::contained(Element::Li);
    let a = [Amount::tonnes(88_000.0, li.clone()).unwrap(), Amount::tonnes(49_000.0, li).unwrap()];
    let h = hhi_of_weights(&a).unwrap();
    let expected = (88.0f64.powi(2) + 49.0f64.powi(2)) / 137.0f64.powi(2);
    assert!((h.fraction() - expected).abs() < 1e-12);
    let mixed = [a[0].clone(), a[1].convert_to(&Basis::lce()).unwrap()];
    assert!(matches!(hhi_of_weights(&mixed), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    assert!(matches!(concentration_ratio_of_weights::<1, _, _>(&mixed), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    assert_eq!(concentration_ratio_of_weights::<0, _, _>([1.0, 2.0]).unwrap(), 0.0);
    // very large weights do not overflow the squares
    let h = hhi_of_weights([1.0e300, 1.0e300]).unwrap();
    assert!((h.fraction() - 0.5).abs() < 1e-12);
}

#[test]
fn us_2023_boundaries() {
    let g = Guideline::UsMerger2023;
    assert_eq!(classify(g, pts(1_800.0)).band(), Band::NotHighlyConcentrated);
    assert_eq!(classify(g, pts(1_800.01)).band(), Band::HighlyConcentrated);
    assert_eq!(assess_merger(g, pts(1_801.0), dpts(100.0)).verdict(), Verdict::NoHhiPresumption);
    assert_eq!(assess_merger(g, pts(1_801.0), dpts(100.5)).verdict(), Verdict::PresumedToLessenCompetition);
    assert_eq!(assess_merger(g, pts(1_800.0), dpts(500.0)).verdict(), Verdict::NoHhiPresumption);
    assert!(g.citation().contains("2023"));
    // float noise from Σs² does not cross a boundary: three shares .3/.3/.4 = 3,400 points
    let s = Shares::new([("a", 0.3), ("b", 0.3), ("c", 0.4)], Denominator::SumOfRows).unwrap();
    assert!((hhi(&s, Remainder::Excluded).points() - 3_400.0).abs() < 1e-9);
}

#[test]
fn us_2010_boundaries() {
    let g = Guideline::UsHorizontal2010;
    assert_eq!(classify(g, pts(1_499.99)).band(), Band::Unconcentrated);
    assert_eq!(classify(g, pts(1_500.0)).band(), Band::ModeratelyConcentrated);
    assert_eq!(classify(g, pts(2_500.0)).band(), Band::ModeratelyConcentrated);
    assert_eq!(classify(g, pts(2_500.01)).band(), Band::HighlyConcentrated);
    let v = |h: f64, d: f64| assess_merger(g, pts(h), dpts(d)).verdict();
    assert_eq!(v(3_000.0, 99.9), Verdict::UnlikelyAdverseEffects);
    assert_eq!(v(1_400.0, 900.0), Verdict::UnlikelyAdverseEffects);
    assert_eq!(v(2_000.0, 100.0), Verdict::NotAddressed);
    assert_eq!(v(2_000.0, 100.1), Verdict::PotentialSignificantConcerns);
    assert_eq!(v(3_000.0, 100.0), Verdict::PotentialSignificantConcerns);
    assert_eq!(v(3_000.0, 200.0), Verdict::PotentialSignificantConcerns);
    assert_eq!(v(3_000.0, 200.1), Verdict::PresumedToEnhanceMarketPower);
    assert!(g.citation().contains("5.3"));
}

#[test]
fn eu_2004_boundaries() {
    let g = Guideline::EuHorizontal2004;
    assert_eq!(classify(g, pts(999.99)).band(), Band::Below1000);
    assert_eq!(classify(g, pts(1_000.0)).band(), Band::From1000To2000);
    assert_eq!(classify(g, pts(2_000.0)).band(), Band::From1000To2000);
    assert_eq!(classify(g, pts(2_000.01)).band(), Band::Above2000);
    let v = |h: f64, d: f64| assess_merger(g, pts(h), dpts(d)).verdict();
    assert_eq!(v(999.0, 900.0), Verdict::ConcernsUnlikely);
    assert_eq!(v(1_500.0, 249.9), Verdict::ConcernsUnlikely);
    assert_eq!(v(1_500.0, 250.0), Verdict::NotScreenedOut);
    assert_eq!(v(2_000.0, 249.0), Verdict::ConcernsUnlikely);
    assert_eq!(v(2_001.0, 149.9), Verdict::ConcernsUnlikely);
    assert_eq!(v(2_001.0, 150.0), Verdict::NotScreenedOut);
    assert!(g.citation().contains("2004/C 31/03"));
    let a = assess_merger(g, pts(2_001.0), dpts(150.0));
    assert_eq!(a.guideline(), g);
    assert_eq!(a.band(), Band::Above2000);
    assert_eq!(a.post_merger(), pts(2_001.0));
    assert_eq!(a.delta(), dpts(150.0));
}

/// A bad-input case: name, result, and the error expected.
type Case = (&'static str, Result<f64, Error>, fn(&Error) -> bool);

#[test]
fn bad_input_table() {
    let s = Shares::new([("CL", 49_000.0), ("AR", 18_000.0)], Denominator::SumOfRows).unwrap();
    let cases: Vec<Case> = vec![
        ("empty", hhi_of_weights(Vec::<f64>::new()).map(Hhi::fraction), |e| e.kind() == ErrorKind::Empty),
        ("NaN", hhi_of_weights([1.0, f64::NAN]).map(Hhi::fraction), |e| {
            e.kind() == ErrorKind::NotFinite && e.to_string().contains("weight 1")
        }),
        ("negative", hhi_of_weights([-1.0]).map(Hhi::fraction), |e| {
            e.kind() == ErrorKind::Negative && e.to_string().contains("weight 0")
        }),
        ("zero total", hhi_of_weights([0.0, 0.0]).map(Hhi::fraction), |e| e.kind() == ErrorKind::ZeroTotal),
        ("sum overflows", hhi_of_weights([f64::MAX, f64::MAX]).map(Hhi::fraction), |e| {
            e.kind() == ErrorKind::NotFinite
        }),
        ("CR empty", concentration_ratio_of_weights::<3, f64, _>([]), |e| e.kind() == ErrorKind::Empty),
        ("CR NaN", concentration_ratio_of_weights::<3, _, _>([f64::NAN]), |e| e.kind() == ErrorKind::NotFinite),
        ("CR zero total", concentration_ratio_of_weights::<3, _, _>([0.0]), |e| e.kind() == ErrorKind::ZeroTotal),
        ("entropy negative", entropy_of_weights([1.0, -2.0]), |e| e.kind() == ErrorKind::Negative),
        ("entropy empty", entropy_of_weights(Vec::<f64>::new()), |e| e.kind() == ErrorKind::Empty),
        ("HHI points as fraction", Hhi::from_fraction(2_303.0).map(Hhi::fraction), |e| {
            e.kind() == ErrorKind::OutOfRange
        }),
        ("HHI zero", Hhi::from_points(0.0).map(Hhi::fraction), |e| e.kind() == ErrorKind::OutOfRange),
        ("HHI NaN", Hhi::from_points(f64::NAN).map(Hhi::fraction), |e| e.kind() == ErrorKind::NotFinite),
        ("delta negative", HhiDelta::from_points(-1.0).map(HhiDelta::fraction), |e| e.kind() == ErrorKind::OutOfRange),
        ("normalized n = 0", pts(2_500.0).normalized(0), |e| e.kind() == ErrorKind::Empty),
        ("normalized below 1/n", pts(2_000.0).normalized(4), |e| e.kind() == ErrorKind::OutOfRange),
        ("merger unknown key", merger_delta(&s, "CL", "BO").map(HhiDelta::fraction), |e| {
            e.kind() == ErrorKind::Unknown && e.to_string() == "merger: no row with key \"BO\""
        }),
        ("merger with itself", merger_delta(&s, "CL", "CL").map(HhiDelta::fraction), |e| {
            e.kind() == ErrorKind::Duplicate
        }),
        ("merger shares above 1", merger_delta_of_shares(0.7, 0.6).map(HhiDelta::fraction), |e| {
            e.kind() == ErrorKind::OutOfRange
        }),
        ("merger share NaN", merger_delta_of_shares(f64::NAN, 0.1).map(HhiDelta::fraction), |e| {
            e.kind() == ErrorKind::NotFinite
        }),
    ];
    for (name, result, expected) in cases {
        match result {
            Err(e) => {
                assert!(expected(&e), "{name}: unexpected error {e:?}");
                assert!(!e.to_string().is_empty());
            }
            Ok(v) => panic!("{name}: expected an error, got {v}"),
        }
    }
}

fn weights() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![1 => Just(0.0), 9 => 1.0e-3..1.0e6f64], 1..50)
        .prop_filter("positive total", |v| v.iter().sum::<f64>() > 0.0)
}

fn shares_of(w: &[f64]) -> Shares<usize> {
    Shares::new(w.iter().copied().enumerate(), Denominator::SumOfRows).unwrap()
}

proptest! {
    #[test]
    fn hhi_bounds_and_equal_shares(w in weights(), n in 1usize..200, q in 1.0e-6..1.0e9f64) {
        let h = hhi_of_weights(&w).unwrap().fraction();
        let floor = 1.0 / w.len() as f64;
        prop_assert!(h >= floor - 1e-12 && h <= 1.0, "{h} vs 1/{}", w.len());
        let hs = hhi(&shares_of(&w), Remainder::Excluded).fraction();
        prop_assert!((h - hs).abs() < 1e-12, "{h} streaming vs {hs} from shares");
        let eq = vec![q; n];
        let he = hhi_of_weights(&eq).unwrap();
        prop_assert!((he.fraction() - 1.0 / n as f64).abs() < 1e-12);
        // equal shares are normalized to 0, except one supplier: a monopoly, 1 by convention
        let expected = if n == 1 { 1.0 } else { 0.0 };
        prop_assert!((he.normalized(n).unwrap() - expected).abs() < 1e-9);
        prop_assert!((he.effective_suppliers() - n as f64).abs() < 1e-9 * n as f64);
        let nh = hhi_of_weights(&w).unwrap().normalized(w.len()).unwrap();
        prop_assert!((0.0..=1.0).contains(&nh));
    }

    #[test]
    fn hhi_invariant_under_permutation_and_scaling(
        w in weights(),
        c in prop_oneof![1.0e-9..1.0e-3f64, 0.5..2.0f64, 1.0e3..1.0e12f64],
    ) {
        let h = hhi_of_weights(&w).unwrap().fraction();
        let mut rev = w.clone();
        rev.reverse();
        rev.rotate_left(w.len() / 3);
        prop_assert!((hhi_of_weights(&rev).unwrap().fraction() - h).abs() < 1e-12);
        let scaled: Vec<f64> = w.iter().map(|x| x * c).collect();
        prop_assert!((hhi_of_weights(&scaled).unwrap().fraction() - h).abs() < 1e-12);
        let hs = hhi(&shares_of(&scaled), Remainder::Excluded).fraction();
        prop_assert!((hs - h).abs() < 1e-12);
        let e = entropy_of_weights(&w).unwrap();
        prop_assert!((entropy_of_weights(&scaled).unwrap() - e).abs() < 1e-9);
        prop_assert!((entropy_of_weights(&rev).unwrap() - e).abs() < 1e-9);
    }

    #[test]
    fn merging_two_suppliers_adds_two_s1_s2(w in weights(), i in any::<prop::sample::Index>(), j in any::<prop::sample::Index>()) {
        prop_assume!(w.len() >= 2);
        let (a, mut b) = (i.index(w.len()), j.index(w.len()));
        if a == b { b = (a + 1) % w.len(); }
        let s = shares_of(&w);
        let before = hhi(&s, Remainder::Excluded).fraction();
        let merged = s.regroup(|k| if *k == b { a } else { *k });
        let after = hhi(&merged, Remainder::Excluded).fraction();
        let d = merger_delta(&s, &a, &b).unwrap();
        let (s1, s2) = (s.share_of(&a).unwrap(), s.share_of(&b).unwrap());
        prop_assert!((d.fraction() - 2.0 * s1 * s2).abs() <= 1e-12);
        prop_assert!((after - before - d.fraction()).abs() <= 1e-12, "{after} - {before} vs {}", d.fraction());
        prop_assert!(after >= before - 1e-15);
        prop_assert!((merger_delta_of_shares(s1, s2).unwrap().fraction() - d.fraction()).abs() <= 1e-15);
    }

    #[test]
    fn cr_n_is_monotone_and_at_most_one(w in weights(), extra in 0.0..1.0e6f64) {
        let total = w.iter().sum::<f64>() + extra;
        let s = Shares::new(w.iter().copied().enumerate(), Denominator::PublishedTotal(total)).unwrap();
        for r in [Remainder::Excluded, Remainder::AsOneSupplier] {
            let mut prev = 0.0;
            for n in 0..=w.len() + 2 {
                let cr = concentration_ratio(&s, n, r);
                prop_assert!(cr >= prev - 1e-15 && cr <= 1.0, "CR{n} = {cr} after {prev}");
                prev = cr;
            }
            prop_assert!((prev - 1.0).abs() < 1e-9 || r == Remainder::Excluded);
        }
        let rows = shares_of(&w);
        let c = [
            concentration_ratio_of_weights::<1, _, _>(&w).unwrap(),
            concentration_ratio_of_weights::<2, _, _>(&w).unwrap(),
            concentration_ratio_of_weights::<3, _, _>(&w).unwrap(),
            concentration_ratio_of_weights::<5, _, _>(&w).unwrap(),
            concentration_ratio_of_weights::<8, _, _>(&w).unwrap(),
        ];
        prop_assert!(c.windows(2).all(|p| p[0] <= p[1] + 1e-15) && c[4] <= 1.0);
        for (cr, n) in c.iter().zip([1, 2, 3, 5, 8]) {
            prop_assert!((cr - concentration_ratio(&rows, n, Remainder::Excluded)).abs() < 1e-12);
        }
    }

    #[test]
    fn entropy_at_most_ln_n(w in weights(), n in 1usize..100) {
        let e = entropy_of_weights(&w).unwrap();
        prop_assert!(e >= 0.0 && e <= (w.len() as f64).ln() + 1e-9, "{e}");
        let es = entropy(&shares_of(&w), Remainder::Excluded);
        prop_assert!((e - es).abs() < 1e-9, "{e} streaming vs {es}");
        let eq = entropy_of_weights(vec![3.0; n]).unwrap();
        prop_assert!((eq - (n as f64).ln()).abs() < 1e-9);
    }
}

#[test]
fn entropy_of_weights_rescales_by_the_running_maximum() {
    // a first weight far below the others used to overflow the rescaled sums to infinity, and the
    // NaN that followed came out as 0.0; the true value is ln 2
    let h = entropy_of_weights([1e-300, 1e10, 1e10]).unwrap();
    assert!((h - 2f64.ln()).abs() < 1e-12, "{h}");
    let h = entropy_of_weights([1e300, 1e-300, 1e300]).unwrap();
    assert!((h - 2f64.ln()).abs() < 1e-12, "{h}");
    assert_eq!(entropy_of_weights([5.0]).unwrap(), 0.0);
}

proptest! {
    #[test]
    fn entropy_of_weights_is_scale_invariant_and_agrees_with_the_shares(
        ws in prop::collection::vec(1e-3..1e3f64, 1..20),
        k in -290i32..290,
    ) {
        let h = entropy_of_weights(&ws).unwrap();
        let scaled: Vec<f64> = ws.iter().map(|w| w * 10f64.powi(k)).collect();
        let hs = entropy_of_weights(&scaled).unwrap();
        prop_assert!((h - hs).abs() <= 1e-9 * h.max(1.0), "{h} vs {hs}");
        let rows: Vec<(usize, f64)> = ws.iter().copied().enumerate().collect();
        let shares = Shares::new(rows, Denominator::SumOfRows).unwrap();
        let from_shares = entropy(&shares, Remainder::Excluded);
        prop_assert!((h - from_shares).abs() <= 1e-9 * h.max(1.0), "{h} vs {from_shares}");
    }
}
