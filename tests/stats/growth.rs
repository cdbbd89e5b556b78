//! Growth: spans, CAGR, projections, percent change, doubling time; bad input and properties.

use chrono::NaiveDate;
use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::stats::growth::{
    GrowthRate, cagr, doubling_time, implied_rate, percent_change, project, project_back,
};
use critical_minerals::time::{DAYS_PER_YEAR, Span};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn spans_between_dates_use_365_25_days() {
    let s = Span::dates(date(2020, 1, 1), date(2024, 1, 1)).unwrap();
    assert_eq!(s.len_years(), 1461.0 / DAYS_PER_YEAR);
    assert_eq!(s.len_years(), 4.0);
    assert_eq!(s.start().map(|p| p.to_string()).as_deref(), Some("2020-01-01"));
    let half = Span::dates(date(2024, 1, 1), date(2024, 7, 2)).unwrap();
    assert!((half.len_years() - 183.0 / 365.25).abs() < 1e-15);
    assert_eq!(Span::of_years(2.5).unwrap().len_years(), 2.5);
}

#[test]
fn cagr_over_fractional_years_matches_whole_years() {
    // USGS MCS 2025 cobalt world production 238,000 t (2023) -> 290,000 t (2024), dated mid-year
    let by_year = cagr(238_000.0, 290_000.0, &Span::years(2023, 2024).unwrap()).unwrap();
    let by_date = cagr(238_000.0, 290_000.0, &Span::dates(date(2023, 7, 1), date(2024, 7, 1)).unwrap()).unwrap();
    // 366 days / 365.25: a slightly lower annual rate
    assert!(by_date < by_year);
    assert!((by_date.fraction() - ((290.0f64 / 238.0).powf(365.25 / 366.0) - 1.0)).abs() < 1e-12);
}

#[test]
fn steep_fall_over_one_day_round_trips() {
    // found by proptest: (1/959,310)^365.25 underflows to 0 in f64, which made the rate -100 %
    let span = Span::dates(date(2000, 1, 1), date(2000, 1, 2)).unwrap();
    let r = cagr(959_310.338_098_546_8, 1.0, &span).unwrap();
    assert_eq!(r.fraction(), -1.0); // not representable as a fraction any closer
    assert!((project(959_310.338_098_546_8, r, &span).unwrap() - 1.0).abs() < 1e-9);
}

#[test]
fn doubling_time_and_rate_display() {
    let r = GrowthRate::from_percent(12.246_204_830_937_3).unwrap();
    assert!((doubling_time(r).unwrap() - 6.0).abs() < 1e-9);
    assert_eq!(r.to_string(), "12.2 %/yr");
    assert_eq!(percent_change(560_000.0, 60_500.0).unwrap().to_string(), "-89.2 %");
    assert!((percent_change(204_000.0, 240_000.0).unwrap().multiple() - 240.0 / 204.0).abs() < 1e-15);
}

/// A bad-input case: name, result, and the error expected.
type Case = (&'static str, Result<f64, Error>, fn(&Error) -> bool);

#[test]
fn bad_input_table() {
    let one = Span::years(2023, 2024).unwrap();
    let cases: Vec<Case> = vec![
        ("end before start", Span::years(2025, 2020).map(|s| s.len_years()), |e| {
            e.kind() == ErrorKind::Order && e.to_string() == "end 2020 is before start 2025"
        }),
        ("zero span", Span::years(2024, 2024).map(|s| s.len_years()), |e| e.kind() == ErrorKind::Order),
        ("dates end before start", Span::dates(date(2025, 6, 18), date(2022, 11, 15)).map(|s| s.len_years()), |e| {
            e.kind() == ErrorKind::Order && e.to_string().contains("start 2025-06-18")
        }),
        ("same date", Span::dates(date(2025, 6, 18), date(2025, 6, 18)).map(|s| s.len_years()), |e| {
            e.kind() == ErrorKind::Order
        }),
        ("NaN span", Span::of_years(f64::NAN).map(|s| s.len_years()), |e| e.kind() == ErrorKind::NotFinite),
        ("negative span", Span::of_years(-1.0).map(|s| s.len_years()), |e| e.kind() == ErrorKind::Order),
        ("zero start", cagr(0.0, 240_000.0, &one).map(GrowthRate::fraction), |e| {
            e.kind() == ErrorKind::NotPositive && e.to_string().contains("start value (2023)")
        }),
        ("negative start", cagr(-1.0, 240_000.0, &one).map(GrowthRate::fraction), |e| {
            e.kind() == ErrorKind::NotPositive
        }),
        ("zero end", cagr(204_000.0, 0.0, &one).map(GrowthRate::fraction), |e| {
            e.kind() == ErrorKind::NotPositive && e.to_string().contains("end value (2024)")
        }),
        ("NaN start", cagr(f64::NAN, 1.0, &one).map(GrowthRate::fraction), |e| e.kind() == ErrorKind::NotFinite),
        ("infinite end", cagr(1.0, f64::INFINITY, &one).map(GrowthRate::fraction), |e| {
            e.kind() == ErrorKind::NotFinite
        }),
        ("zero multiple", implied_rate(0.0, &one).map(GrowthRate::fraction), |e| e.kind() == ErrorKind::NotPositive),
        ("NaN multiple", implied_rate(f64::NAN, &one).map(GrowthRate::fraction), |e| e.kind() == ErrorKind::NotFinite),
        ("change from zero", percent_change(0.0, 1.0).map(|c| c.fraction()), |e| e.kind() == ErrorKind::NotPositive),
        ("change to negative", percent_change(1.0, -1.0).map(|c| c.fraction()), |e| e.kind() == ErrorKind::Negative),
        ("change to NaN", percent_change(1.0, f64::NAN).map(|c| c.fraction()), |e| e.kind() == ErrorKind::NotFinite),
        ("rate -100 %", GrowthRate::from_percent(-100.0).map(GrowthRate::fraction), |e| {
            e.kind() == ErrorKind::OutOfRange
        }),
        ("rate NaN", GrowthRate::from_fraction(f64::NAN).map(GrowthRate::fraction), |e| {
            e.kind() == ErrorKind::NotFinite
        }),
        ("doubling at zero", doubling_time(GrowthRate::from_fraction(0.0).unwrap()), |e| {
            e.kind() == ErrorKind::NotPositive
        }),
        ("doubling while shrinking", doubling_time(GrowthRate::from_fraction(-0.1).unwrap()), |e| {
            e.kind() == ErrorKind::NotPositive
        }),
        ("project negative", project(-1.0, GrowthRate::from_fraction(0.1).unwrap(), &one), |e| {
            e.kind() == ErrorKind::Negative
        }),
        ("project NaN", project_back(f64::NAN, GrowthRate::from_fraction(0.1).unwrap(), &one), |e| {
            e.kind() == ErrorKind::NotFinite
        }),
        (
            "project overflow",
            project(1.0e300, GrowthRate::from_fraction(1.0e6).unwrap(), &Span::of_years(100.0).unwrap()),
            |e| e.kind() == ErrorKind::NotFinite && e.to_string().contains("projected"),
        ),
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

proptest! {
    #[test]
    fn projecting_with_the_cagr_returns_the_end_value(
        start in 1.0e-3..1.0e9f64,
        end in 1.0e-3..1.0e9f64,
        from in 1900i32..2040, // span endpoints are periods within time::YEARS
        len in 1i32..60,
    ) {
        let span = Span::years(from, from + len).unwrap();
        let r = cagr(start, end, &span).unwrap();
        let there = project(start, r, &span).unwrap();
        prop_assert!((there - end).abs() <= 1e-9 * end, "{start} -> {there} vs {end}");
        let back = project_back(end, r, &span).unwrap();
        prop_assert!((back - start).abs() <= 1e-9 * start, "{end} -> {back} vs {start}");
        // the rate implied by the multiple is the same rate
        let m = implied_rate(end / start, &span).unwrap();
        prop_assert!((m.continuous() - r.continuous()).abs() <= 1e-12 * (1.0 + r.continuous().abs()));
    }

    #[test]
    fn cagr_over_dates_round_trips(
        start in 1.0..1.0e6f64,
        end in 1.0..1.0e6f64,
        days in 1i64..20_000,
    ) {
        let d0 = date(2000, 1, 1);
        let span = Span::dates(d0, d0 + chrono::Duration::days(days)).unwrap();
        prop_assert!((span.len_years() - days as f64 / 365.25).abs() < 1e-12);
        let r = cagr(start, end, &span).unwrap();
        prop_assert!((project(start, r, &span).unwrap() - end).abs() <= 1e-8 * end);
    }
}
