//! Uncertainty: exact bounds against brute force, Monte Carlo against the bounds, the fixed
//! generator stream, and bad input.

use critical_minerals::ErrorKind;
use critical_minerals::provenance::Estimate;
use critical_minerals::stats::concentration::hhi_of_weights;
use critical_minerals::stats::growth::{GrowthRate, cagr, project, project_back};
use critical_minerals::stats::share::{Denominator, Shares};
use critical_minerals::stats::uncertainty::{
    IntervalShares, Mode, MonteCarlo, Sampling, cagr_bounds, implied_rate_bounds, project_back_bounds, project_bounds,
};
use critical_minerals::time::Span;
use proptest::prelude::*;

fn est(lo: f64, hi: f64) -> Estimate {
    Estimate::range(lo, hi).unwrap()
}

/// Relative closeness for values computed by different summation orders.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn rows_of(ranges: &[(f64, f64)]) -> Vec<(usize, Estimate)> {
    ranges.iter().enumerate().map(|(i, &(lo, w))| (i, est(lo, lo + w))).collect()
}

/// Every corner of the box: each input at its low or high end.
fn corners(rows: &[(usize, Estimate)]) -> Vec<Vec<f64>> {
    (0..1usize << rows.len())
        .map(|mask| {
            rows.iter().enumerate().map(|(i, r)| if mask >> i & 1 == 1 { r.1.high() } else { r.1.low() }).collect()
        })
        .collect()
}

fn sampling_strategy() -> impl Strategy<Value = Sampling> {
    prop_oneof![
        Just(Sampling::Uniform),
        Just(Sampling::Triangular { mode: Mode::Mid }),
        (0.0..=1.0f64).prop_map(|f| Sampling::Triangular { mode: Mode::At(f) }),
    ]
}

/// Rows: a low end in 0..1000 and a width that is zero a third of the time.
fn ranges_strategy(max: usize) -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec(
        (prop_oneof![Just(0.0), 0.0..1_000.0f64], prop_oneof![Just(0.0), 0.0..1_000.0f64, 0.0..1.0f64]),
        1..=max,
    )
    .prop_filter("some row can be positive", |v| v.iter().any(|&(lo, w)| lo + w > 0.0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn share_bounds_contain_every_monte_carlo_sample(
        ranges in ranges_strategy(6),
        seed in any::<u64>(),
        sampling in sampling_strategy(),
    ) {
        let rows = rows_of(&ranges);
        let bounds = IntervalShares::new(&rows, Denominator::SumOfRows).unwrap();
        let mc = MonteCarlo::new(200, seed).unwrap().with_sampling(sampling).unwrap();
        let inputs: Vec<Estimate> = rows.iter().map(|r| r.1).collect();
        let draws = mc.draws(&inputs).unwrap();
        prop_assert_eq!(draws.len(), 200);
        for q in draws.iter() {
            let total: f64 = q.iter().sum();
            for (i, e) in bounds.entries().iter().enumerate() {
                prop_assert!(rows[i].1.contains(q[i]));
                let s = q[i] / total;
                prop_assert!(e.share().low() <= s || close(e.share().low(), s), "{} < {}", s, e.share().low());
                prop_assert!(s <= e.share().high() || close(e.share().high(), s), "{} > {}", s, e.share().high());
            }
        }
        // and the distributions the sampler reports
        for ((_, d), e) in mc.shares(&rows, &Denominator::SumOfRows).unwrap().iter().zip(bounds.entries()) {
            prop_assert!(e.share().low() <= d.min() || close(e.share().low(), d.min()));
            prop_assert!(d.max() <= e.share().high() || close(e.share().high(), d.max()));
        }
    }

    #[test]
    fn published_total_bounds_contain_every_sample(
        ranges in ranges_strategy(5),
        extra in 0.0..500.0f64,
        total_width in 0.0..500.0f64,
        seed in any::<u64>(),
    ) {
        let rows = rows_of(&ranges);
        let sum_hi: f64 = rows.iter().map(|r| r.1.high()).sum();
        let total = est(sum_hi + extra, sum_hi + extra + total_width);
        let bounds = IntervalShares::new(&rows, Denominator::PublishedTotal(total)).unwrap();
        let mc = MonteCarlo::new(200, seed).unwrap();
        let mut inputs: Vec<Estimate> = rows.iter().map(|r| r.1).collect();
        inputs.push(total);
        let n = rows.len();
        let u = bounds.unallocated().unwrap();
        for q in mc.draws(&inputs).unwrap().iter() {
            for (i, e) in bounds.entries().iter().enumerate() {
                let s = q[i] / q[n];
                prop_assert!((e.share().low() <= s || close(e.share().low(), s)) && (s <= e.share().high() || close(e.share().high(), s)));
            }
            let rest = 1.0 - q[..n].iter().sum::<f64>() / q[n];
            prop_assert!((u.low() <= rest || close(u.low(), rest)) && (rest <= u.high() || close(u.high(), rest)));
        }
    }

    #[test]
    fn share_bounds_are_the_extremes_over_the_corners(ranges in ranges_strategy(6)) {
        let rows = rows_of(&ranges);
        let bounds = IntervalShares::new(&rows, Denominator::SumOfRows).unwrap();
        for (i, e) in bounds.entries().iter().enumerate() {
            let values: Vec<f64> = corners(&rows)
                .iter()
                .filter_map(|q| {
                    let t: f64 = q.iter().sum();
                    (t > 0.0).then(|| q[i] / t)
                })
                .collect();
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(close(e.share().low(), lo), "row {}: bound {} vs corners {}", i, e.share().low(), lo);
            prop_assert!(close(e.share().high(), hi), "row {}: bound {} vs corners {}", i, e.share().high(), hi);
        }
    }

    #[test]
    fn growth_bounds_are_the_extremes_over_the_corners(
        s in 1.0..1e6f64, sw in 0.0..1e6f64, e in 1.0..1e6f64, ew in 0.0..1e6f64,
        r in -0.5..0.5f64, rw in 0.0..0.5f64, years in 1i32..30,
    ) {
        let span = Span::years(2000, 2000 + years).unwrap();
        let (start, end, rate) = (est(s, s + sw), est(e, e + ew), est(r, r + rw));
        let g = cagr_bounds(start, end, &span).unwrap();
        let mut rates = vec![];
        for a in [start.low(), start.high()] {
            for b in [end.low(), end.high()] {
                rates.push(cagr(a, b, &span).unwrap().fraction());
            }
        }
        prop_assert!(close(g.low(), rates.iter().copied().fold(f64::INFINITY, f64::min)));
        prop_assert!(close(g.high(), rates.iter().copied().fold(f64::NEG_INFINITY, f64::max)));

        let mut fwd = vec![];
        let mut back = vec![];
        for v in [start.low(), start.high()] {
            for k in [rate.low(), rate.high()] {
                let k = GrowthRate::from_fraction(k).unwrap();
                fwd.push(project(v, k, &span).unwrap());
                back.push(project_back(v, k, &span).unwrap());
            }
        }
        let p = project_bounds(start, rate, &span).unwrap();
        let pb = project_back_bounds(start, rate, &span).unwrap();
        prop_assert!(close(p.low(), fwd.iter().copied().fold(f64::INFINITY, f64::min)));
        prop_assert!(close(p.high(), fwd.iter().copied().fold(f64::NEG_INFINITY, f64::max)));
        prop_assert!(close(pb.low(), back.iter().copied().fold(f64::INFINITY, f64::min)));
        prop_assert!(close(pb.high(), back.iter().copied().fold(f64::NEG_INFINITY, f64::max)));

        // Monte Carlo CAGRs stay inside the exact bounds
        let d = MonteCarlo::new(100, years as u64).unwrap()
            .sample_with(&[start, end], |x| Ok(cagr(x[0], x[1], &span)?.fraction())).unwrap();
        prop_assert!((g.low() <= d.min() || close(g.low(), d.min())) && (d.max() <= g.high() || close(g.high(), d.max())));
    }

    #[test]
    fn same_seed_same_percentiles_different_seeds_different_draws(
        ranges in ranges_strategy(5).prop_filter("a range", |v| v.iter().any(|&(_, w)| w > 1e-3)),
        a in any::<u64>(),
        b in any::<u64>(),
    ) {
        prop_assume!(a != b);
        let rows = rows_of(&ranges);
        let mc = |seed| MonteCarlo::new(300, seed).unwrap().with_percentiles(&[5.0, 25.0, 50.0, 75.0, 95.0]).unwrap();
        prop_assert_eq!(mc(a).hhi(&rows).unwrap(), mc(a).hhi(&rows).unwrap());
        prop_assert_eq!(mc(a).cr_n(&rows, 2).unwrap(), mc(a).cr_n(&rows, 2).unwrap());
        let inputs: Vec<Estimate> = rows.iter().map(|r| r.1).collect();
        prop_assert_ne!(mc(a).draws(&inputs).unwrap(), mc(b).draws(&inputs).unwrap());
    }

    #[test]
    fn hhi_and_cr_n_samples_lie_in_their_natural_ranges(ranges in ranges_strategy(6), seed in any::<u64>()) {
        let rows = rows_of(&ranges);
        let n = rows.len() as f64;
        let mc = MonteCarlo::new(100, seed).unwrap();
        let h = mc.hhi(&rows).unwrap();
        prop_assert!(h.min() >= 1.0 / n - 1e-12 && h.max() <= 1.0);
        let c1 = mc.cr_n(&rows, 1).unwrap();
        let call = mc.cr_n(&rows, rows.len()).unwrap();
        prop_assert!(c1.min() >= 1.0 / n - 1e-12 && c1.max() <= 1.0);
        prop_assert!(close(call.min(), 1.0) && close(call.max(), 1.0));
    }
}

#[test]
fn a_point_estimate_gives_a_zero_width_range_everywhere() {
    let q = [("AU", 88_000.0), ("CL", 49_000.0), ("CN", 41_000.0)];
    let rows: Vec<(&str, Estimate)> = q.iter().map(|&(k, v)| (k, Estimate::point(v).unwrap())).collect();
    let points = Shares::new(q, Denominator::SumOfRows).unwrap();
    let b = IntervalShares::new(&rows, Denominator::SumOfRows).unwrap();
    for (k, _) in q {
        let s = b.share_of(&k).unwrap();
        assert!(s.is_point(), "{k}: {s}");
        assert!(close(s.low(), points.share_of(k).unwrap()));
    }
    let t = Estimate::point(240_000.0).unwrap();
    let b = IntervalShares::new(&rows, Denominator::PublishedTotal(t)).unwrap();
    assert!(b.entries().iter().all(|e| e.share().is_point()));
    assert!(b.unallocated().unwrap().is_point());

    let span = Span::years(2023, 2024).unwrap();
    let p = |v| Estimate::point(v).unwrap();
    let g = cagr_bounds(p(204_000.0), p(240_000.0), &span).unwrap();
    assert!(g.is_point());
    assert_eq!(g.low(), cagr(204_000.0, 240_000.0, &span).unwrap().fraction());
    assert!(project_bounds(p(1.0), p(0.1), &span).unwrap().is_point());
    assert!(project_back_bounds(p(1.0), p(0.1), &span).unwrap().is_point());
    assert!(implied_rate_bounds(p(2.0), &span).unwrap().is_point());

    let mc = MonteCarlo::new(50, 7).unwrap().with_sampling(Sampling::Triangular { mode: Mode::Mid }).unwrap();
    let h = mc.hhi(&rows).unwrap();
    let exact = hhi_of_weights(q.iter().map(|r| r.1)).unwrap().fraction();
    assert_eq!((h.min(), h.max()), (exact, exact));
    assert!(h.range().unwrap().is_point());
    for (_, d) in mc.shares(&rows, &Denominator::SumOfRows).unwrap() {
        assert_eq!(d.min(), d.max());
    }
}

#[test]
fn the_generator_stream_is_fixed() {
    // the stream itself (SplitMix64 seeding, xoshiro256**) is checked against reference outputs
    // in the crate's unit tests (src/rng.rs); here, through the public API:
    // the first draw of a uniform Monte Carlo run is that number placed in the range
    let d = MonteCarlo::new(1, 42).unwrap().draws(&[est(10.0, 20.0)]).unwrap();
    let u = ((0x1578_0b2e_0c2e_c716u64 >> 11) as f64 + 0.5) / 9_007_199_254_740_992.0;
    assert_eq!(d.sample(0).unwrap()[0], 10.0 + u * 10.0);
}

#[test]
fn percentiles_are_the_requested_ones_and_ordered() {
    let rows = [("a", est(1.0, 5.0)), ("b", est(2.0, 3.0)), ("c", est(0.0, 4.0))];
    let d = MonteCarlo::new(1_000, 3)
        .unwrap()
        .with_percentiles(&[1.0, 50.0, 99.0, 0.0, 100.0])
        .unwrap()
        .hhi(&rows)
        .unwrap();
    let p: Vec<f64> = d.percentiles().iter().map(|x| x.0).collect();
    assert_eq!(p, [1.0, 50.0, 99.0, 0.0, 100.0]);
    let v = |q| d.percentile(q).unwrap();
    assert!(v(0.0) <= v(1.0) && v(1.0) <= v(50.0) && v(50.0) <= v(99.0) && v(99.0) <= v(100.0));
    assert_eq!((v(0.0), v(100.0)), (d.min(), d.max()));
    assert!(d.min() <= d.mean() && d.mean() <= d.max());
    assert_eq!(d.samples(), 1_000);
}

#[test]
fn bad_input_gives_typed_errors() {
    // a range with low > high cannot be built: the typed error, and through `?` the crate error
    let e = Estimate::range(60_000.0, 40_000.0).unwrap_err();
    assert_eq!((e.kind(), e.to_string().as_str()), (ErrorKind::Order, "estimate range 60000..40000 has low > high"));
    fn build() -> critical_minerals::Result<Estimate> {
        Estimate::range(60_000.0, 40_000.0)
    }
    assert!(matches!(build(), Err(ref e) if e.kind() == ErrorKind::Order));
    // NaN cannot be an estimate either
    assert!(matches!(Estimate::point(f64::NAN), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(Estimate::range(0.0, f64::INFINITY), Err(ref e) if e.kind() == ErrorKind::NotFinite));

    let ok = [("a", est(1.0, 2.0))];
    let empty: [(&str, Estimate); 0] = [];
    assert!(matches!(IntervalShares::new(&empty, Denominator::SumOfRows), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(
        matches!(IntervalShares::new(&[("a", est(-1.0, 2.0))], Denominator::SumOfRows), Err(ref e) if e.kind() == ErrorKind::Negative)
    );
    assert!(
        matches!(IntervalShares::new(&[("a", est(0.0, 0.0)), ("b", est(0.0, 0.0))], Denominator::SumOfRows), Err(ref e) if e.kind() == ErrorKind::ZeroTotal)
    );
    assert!(
        matches!(IntervalShares::new(&[("a", est(1.0, 2.0)), ("a", est(1.0, 2.0))], Denominator::SumOfRows), Err(ref e) if e.kind() == ErrorKind::Duplicate)
    );
    // a total the rows could exceed
    assert!(
        matches!(IntervalShares::new(&ok, Denominator::PublishedTotal(est(1.5, 3.0))), Err(ref e) if e.kind() == ErrorKind::Inconsistent)
    );
    assert!(
        matches!(IntervalShares::new(&ok, Denominator::PublishedTotal(est(0.0, 3.0))), Err(ref e) if e.kind() == ErrorKind::NotPositive)
    );

    // zero samples, bad percentiles, bad modes
    assert!(matches!(MonteCarlo::new(0, 1), Err(ref e) if e.kind() == ErrorKind::OutOfRange));
    let mc = MonteCarlo::new(10, 1).unwrap();
    assert!(matches!(mc.clone().with_percentiles(&[f64::NAN]), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(mc.clone().with_percentiles(&[101.0]), Err(ref e) if e.kind() == ErrorKind::OutOfRange));
    assert!(matches!(mc.clone().with_percentiles(&[-1.0]), Err(ref e) if e.kind() == ErrorKind::OutOfRange));
    assert!(matches!(mc.clone().with_percentiles(&[]), Err(ref e) if e.kind() == ErrorKind::Empty));
    let tri = |f| mc.clone().with_sampling(Sampling::Triangular { mode: Mode::At(f) });
    assert!(matches!(tri(f64::NAN), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(tri(1.5), Err(ref e) if e.kind() == ErrorKind::OutOfRange));
    assert!(matches!(mc.hhi(&empty), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(matches!(mc.cr_n(&[("a", est(0.0, 0.0))], 1), Err(ref e) if e.kind() == ErrorKind::ZeroTotal));
    assert!(matches!(mc.draws(&[]), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(
        matches!(mc.sample_with(&[est(0.0, 1.0)], |_| Ok(f64::NAN)), Err(ref e) if e.kind() == ErrorKind::NotFinite)
    );

    // growth: starts that can be zero, rates at -100 %
    let span = Span::years(2025, 2030).unwrap();
    assert!(
        matches!(cagr_bounds(est(0.0, 1.0), est(1.0, 2.0), &span), Err(ref e) if e.kind() == ErrorKind::NotPositive)
    );
    assert!(
        matches!(project_bounds(est(1.0, 2.0), est(-1.0, 0.1), &span), Err(ref e) if e.kind() == ErrorKind::OutOfRange)
    );
    assert!(
        matches!(project_bounds(est(-1.0, 2.0), est(0.0, 0.1), &span), Err(ref e) if e.kind() == ErrorKind::Negative)
    );
    assert!(matches!(implied_rate_bounds(est(0.0, 2.0), &span), Err(ref e) if e.kind() == ErrorKind::NotPositive));
}

#[test]
fn sizes_are_checked_before_allocating() {
    use critical_minerals::ErrorKind;
    let e = MonteCarlo::new(usize::MAX / 2, 1).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    let mc = MonteCarlo::new(MonteCarlo::MAX_SAMPLES, 1).unwrap();
    let many = vec![est(1.0, 2.0); 11];
    assert_eq!(mc.draws(&many).unwrap_err().kind(), ErrorKind::Limit);
}
