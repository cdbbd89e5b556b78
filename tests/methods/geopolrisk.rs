//! GeoPolRisk: geopolrisk-py's published unit-test case, the method's rules (missing WGI,
//! members of the importing unit, several HS codes), ranges, monotonicity and bad input.

use critical_minerals::ErrorKind;
use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Basis};
use critical_minerals::methods::geopolrisk::{
    COPPER_REFERENCE, GeoPolRisk, ImportFlow, Imports, RangedSupplier, StabilitySource, WgiTable, assess_ranges,
    characterization_factor, characterization_factor_bounds, instability, instability_bounds, score_bounds,
    score_distribution, score_from_parts,
};
use critical_minerals::money::Money;
use critical_minerals::provenance::Estimate;
use critical_minerals::stats::concentration::Hhi;
use critical_minerals::stats::uncertainty::MonteCarlo;
use critical_minerals::time::Period;
use critical_minerals::trade::{HsCode, TradeFlow};
use critical_minerals::units::tonnes;
use proptest::prelude::*;

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

fn hs(code: &str) -> HsCode {
    HsCode::parse(code).unwrap()
}

/// geopolrisk-py tests/test_core.py, test_GeoPolRisk_valid_input: numerator 1000, total trade
/// 2000, price 50, domestic production 500, HHI 0.3 -> score 0.12, CF 14.655130057.
#[test]
fn geopolrisk_py_unit_test_case() {
    let score = score_from_parts(Hhi::from_fraction(0.3).unwrap(), 1_000.0, 2_000.0, 500.0).unwrap();
    assert!((score - 0.12).abs() < 1e-15, "{score}");
    let cf = characterization_factor(score, 50.0).unwrap();
    assert!((cf - 14.655_130_057).abs() < 1e-9, "{cf}");
    assert_eq!(COPPER_REFERENCE, 0.409_412_948);
}

/// The same case through typed inputs: 2,000 t imported from one supplier of WGI estimate 0
/// (instability 0.5, numerator 1,000), 500 t produced at home, imports worth USD 100 million
/// (USD 50 per kg).
#[test]
fn the_unit_test_case_through_typed_inputs() {
    let (de, cl) = (c("DE"), c("CL"));
    let flows = [ImportFlow {
        supplier: cl,
        hs: hs("2836.91"),
        quantity: tonnes(2_000.0),
        value: Some(Money::parse("USD 100 million").unwrap()),
    }];
    let imports = Imports::new(&[hs("2836.91")], &flows).unwrap();
    let wgi = WgiTable::from_rows([(cl, 2022, 0.0)]).unwrap();
    let a =
        GeoPolRisk::new(&[de], 2022, Hhi::from_fraction(0.3).unwrap(), tonnes(500.0), imports).assess(&wgi).unwrap();
    assert!((a.score - 0.12).abs() < 1e-15);
    assert!((a.import_risk - 0.4).abs() < 1e-15);
    assert_eq!(a.price_usd_per_kg, Some(50.0));
    assert!((a.cf_kg_cu_eq_per_kg.unwrap() - 14.655_130_057).abs() < 1e-9);
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["suppliers"][0]["supplier"], "CHL");
    assert!(json["cf_kg_cu_eq_per_kg"].is_number());
}

#[test]
fn missing_wgi_gets_half_and_is_reported() {
    let (us, au, xk_less) = (c("US"), c("AU"), c("AR"));
    let flows = [
        ImportFlow { supplier: au, hs: hs("2530.90"), quantity: tonnes(300.0), value: None },
        ImportFlow { supplier: xk_less, hs: hs("2530.90"), quantity: tonnes(100.0), value: None },
    ];
    let wgi = WgiTable::from_rows([(au, 2023, 1.0)]).unwrap();
    let a = GeoPolRisk::new(
        &[us],
        2023,
        Hhi::from_fraction(0.5).unwrap(),
        tonnes(0.0),
        Imports::new(&[hs("2530.90")], &flows).unwrap(),
    )
    .assess(&wgi)
    .unwrap();
    assert_eq!(a.missing_wgi, vec![xk_less]);
    let ar = a.suppliers.iter().find(|s| s.supplier == xk_less).unwrap();
    assert_eq!((ar.instability, ar.source), (0.5, StabilitySource::MissingWgi));
    // 0.5 × (0.3 × 300 + 0.5 × 100) / 400
    assert!((a.score - 0.5 * (0.3 * 300.0 + 0.5 * 100.0) / 400.0).abs() < 1e-15);
    // no price without values: no characterization factor, not a zero one
    assert_eq!((a.price_usd_per_kg, a.cf_kg_cu_eq_per_kg), (None, None));
}

#[test]
fn members_of_the_importing_unit_count_as_stable_and_estimates_beyond_the_scale_are_clamped() {
    let (de, fr, cd) = (c("DE"), c("FR"), c("CD"));
    let flows = [
        ImportFlow { supplier: fr, hs: hs("2605.00"), quantity: tonnes(100.0), value: None },
        ImportFlow { supplier: cd, hs: hs("2605.00"), quantity: tonnes(100.0), value: None },
    ];
    let wgi = WgiTable::from_rows([(fr, 2022, 0.3), (cd, 2022, -2.9)]).unwrap();
    let a = GeoPolRisk::new(
        &[de, fr],
        2022,
        Hhi::from_fraction(0.6).unwrap(),
        tonnes(0.0),
        Imports::new(&[hs("2605.00")], &flows).unwrap(),
    )
    .assess(&wgi)
    .unwrap();
    let from_fr = a.suppliers.iter().find(|s| s.supplier == fr).unwrap();
    assert_eq!((from_fr.instability, from_fr.source), (0.0, StabilitySource::Member));
    assert_eq!(a.clamped_wgi, vec![cd]);
    assert!((a.score - 0.6 * 100.0 / 200.0).abs() < 1e-15);
}

#[test]
fn several_hs_codes_are_summed_per_supplier_from_trade_flows() {
    let (de, cl, ar, cn) = (c("DE"), c("CL"), c("AR"), c("CN"));
    let y = Period::year(2022).unwrap();
    let flow = |from, code: &str, t: f64, basis: Basis| {
        TradeFlow::new(y, from, de, hs(code)).unwrap().with_quantity(Amount::tonnes(t, basis).unwrap())
    };
    let flows = vec![
        flow(cl, "2836.91", 500.0, Basis::lce()).with_value(Money::parse("USD 10 million").unwrap()),
        flow(cl, "2825.20", 200.0, Basis::lithium_hydroxide_monohydrate())
            .with_value(Money::parse("USD 4 million").unwrap()),
        flow(ar, "2836.91", 300.0, Basis::lce()),
        flow(cn, "8507.60", 900.0, Basis::lce()), // batteries: another material
        TradeFlow::new(y, cn, de, hs("2836.91")).unwrap(), // no quantity
        TradeFlow::new(Period::year(2021).unwrap(), ar, de, hs("2836.91")).unwrap(), // another year
    ];
    let imports = Imports::from_trade_flows(&[de], 2022, &[hs("2836.91"), hs("2825.20")], &flows).unwrap();
    assert_eq!(imports.tonnes_from(cl), Some(700.0));
    assert_eq!(imports.tonnes_from(ar), Some(300.0));
    assert_eq!(imports.tonnes_from(cn), None);
    assert_eq!((imports.other_codes, imports.missing_quantity, imports.unpriced), (1, 1, 1));
    assert_eq!(imports.price_usd_per_kg(), Some(20.0));
}

#[test]
fn bad_input_gives_typed_errors() {
    let de = c("DE");
    let cl = c("CL");
    let imports = Imports::new(
        &[hs("2836.91")],
        &[ImportFlow { supplier: cl, hs: hs("2836.91"), quantity: tonnes(10.0), value: None }],
    )
    .unwrap();
    let hhi = Hhi::from_fraction(0.4).unwrap();
    // a WGI year that is missing
    let wgi = WgiTable::from_rows([(cl, 2021, 0.2)]).unwrap();
    let e = GeoPolRisk::new(&[de], 2022, hhi, tonnes(0.0), imports.clone()).assess(&wgi).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Missing);
    assert!(e.to_string().contains("2022") && e.to_string().contains("2021"), "{e}");
    // an empty importing unit
    let wgi = WgiTable::from_rows([(cl, 2022, 0.2)]).unwrap();
    assert_eq!(
        GeoPolRisk::new(&[], 2022, hhi, tonnes(0.0), imports.clone()).assess(&wgi).unwrap_err().kind(),
        ErrorKind::Empty
    );
    // a negative price
    let e =
        GeoPolRisk::new(&[de], 2022, hhi, tonnes(0.0), imports).with_price_usd_per_kg(-1.0).assess(&wgi).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Negative);
    // nothing imported and nothing produced
    let none = Imports::new(&[hs("2836.91")], &[]).unwrap();
    assert_eq!(
        GeoPolRisk::new(&[de], 2022, hhi, tonnes(0.0), none).assess(&wgi).unwrap_err().kind(),
        ErrorKind::ZeroTotal
    );
    // parts: negative, NaN, numerator above imports
    assert_eq!(score_from_parts(hhi, -1.0, 10.0, 0.0).unwrap_err().kind(), ErrorKind::Negative);
    assert_eq!(score_from_parts(hhi, 1.0, f64::NAN, 0.0).unwrap_err().kind(), ErrorKind::NotFinite);
    assert_eq!(score_from_parts(hhi, 11.0, 10.0, 0.0).unwrap_err().kind(), ErrorKind::Inconsistent);
    assert_eq!(characterization_factor(1.5, 10.0).unwrap_err().kind(), ErrorKind::OutOfRange);
    // WGI table: NaN, duplicate
    assert_eq!(WgiTable::from_rows([(cl, 2022, f64::NAN)]).unwrap_err().kind(), ErrorKind::NotFinite);
    assert_eq!(WgiTable::from_rows([(cl, 2022, 0.1), (cl, 2022, 0.2)]).unwrap_err().kind(), ErrorKind::Duplicate);
    assert_eq!(instability(f64::INFINITY).unwrap_err().kind(), ErrorKind::NotFinite);
    // no HS code
    assert_eq!(Imports::new(&[], &[]).unwrap_err().kind(), ErrorKind::Empty);
    // ranges: an instability above 1
    let s =
        [RangedSupplier { imports_t: Estimate::point(1.0).unwrap(), instability: Estimate::range(0.5, 1.2).unwrap() }];
    assert_eq!(
        score_bounds(Estimate::point(0.3).unwrap(), Estimate::point(0.0).unwrap(), &s).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
}

fn score_of(hhi: f64, domestic: f64, suppliers: &[(f64, f64)]) -> f64 {
    let num: f64 = suppliers.iter().map(|(f, g)| f * g).sum();
    let total: f64 = suppliers.iter().map(|(f, _)| f).sum();
    score_from_parts(Hhi::from_fraction(hhi).unwrap(), num, total, domestic).unwrap()
}

proptest! {
    /// The score never falls when one supplier becomes less stable (a lower WGI estimate).
    #[test]
    fn score_is_monotone_in_each_suppliers_instability(
        hhi in 0.01..=1.0f64, domestic in 0.0..1_000.0f64,
        rows in prop::collection::vec((1.0..1_000.0f64, -2.5..2.5f64), 1..12),
        pick in 0usize..12, drop in 0.0..5.0f64,
    ) {
        let countries: Vec<Country> = Country::all().take(rows.len()).collect();
        let importer = [Country::from_code("JP").unwrap()];
        prop_assume!(!countries.contains(&importer[0]));
        let code = hs("2836.91");
        let flows: Vec<ImportFlow> = countries.iter().zip(&rows)
            .map(|(&supplier, &(t, _))| ImportFlow { supplier, hs: code, quantity: tonnes(t), value: None })
            .collect();
        let imports = Imports::new(&[code], &flows).unwrap();
        let table = |shift: f64| WgiTable::from_rows(countries.iter().zip(&rows).enumerate()
            .map(|(i, (&c, &(_, w)))| (c, 2022, if i == pick % rows.len() { w - shift } else { w }))).unwrap();
        let run = |wgi: &WgiTable| GeoPolRisk::new(&importer, 2022, Hhi::from_fraction(hhi).unwrap(), tonnes(domestic), imports.clone())
            .assess(wgi).unwrap().score;
        let before = run(&table(0.0));
        let after = run(&table(drop));
        prop_assert!(after >= before - 1e-15, "{after} < {before}");
        prop_assert!((0.0..=1.0).contains(&after));
    }

    /// The exact bounds contain the score at every corner and at random points of the ranges,
    /// and the Monte Carlo draws.
    #[test]
    fn bounds_contain_every_point_of_the_ranges(
        hhi in (0.01..0.5f64, 0.0..0.5f64), domestic in (0.0..500.0f64, 0.0..500.0f64),
        rows in prop::collection::vec(((0.0..500.0f64, 0.0..500.0f64), (0.0..0.5f64, 0.0..0.5f64)), 1..6),
        u in prop::collection::vec(0.0..=1.0f64, 14),
    ) {
        let h = Estimate::range(hhi.0, hhi.0 + hhi.1).unwrap();
        let p = Estimate::range(domestic.0 + 1.0, domestic.0 + 1.0 + domestic.1).unwrap();
        let s: Vec<RangedSupplier> = rows.iter().map(|&((f, df), (g, dg))| RangedSupplier {
            imports_t: Estimate::range(f, f + df).unwrap(),
            instability: Estimate::range(g, g + dg).unwrap(),
        }).collect();
        let b = score_bounds(h, p, &s).unwrap();
        let at = |e: Estimate, x: f64| e.low() + x * e.width();
        let point: Vec<(f64, f64)> = s.iter().enumerate()
            .map(|(i, r)| (at(r.imports_t, u[(2 * i) % 14]), at(r.instability, u[(2 * i + 1) % 14]))).collect();
        let v = score_of(at(h, u[12]), at(p, u[13]), &point);
        prop_assert!(b.low() - 1e-12 <= v && v <= b.high() + 1e-12, "{v} outside {b}");
        let corners: Vec<(f64, f64)> = s.iter().enumerate()
            .map(|(i, r)| (if u[i % 14] < 0.5 { r.imports_t.low() } else { r.imports_t.high() }, r.instability.high())).collect();
        let v = score_of(h.high(), p.low(), &corners);
        prop_assert!(v <= b.high() + 1e-12, "{v} above {b}");
        let d = score_distribution(&MonteCarlo::new(200, 3).unwrap(), h, p, &s).unwrap();
        prop_assert!(b.low() - 1e-12 <= d.min() && d.max() <= b.high() + 1e-12);
    }
}

/// The unit-test case of geopolrisk-py as ranges of zero width gives back its point values
/// exactly, and bad ranges are typed errors.
#[test]
fn ranges_of_zero_width_give_the_published_point_and_bad_ranges_are_refused() {
    let p = |v: f64| Estimate::point(v).unwrap();
    // numerator 1000 over imports 2000: one supplier with g = 0.5 (WGI 0)
    let s = [RangedSupplier::from_wgi(p(2_000.0), p(0.0)).unwrap()];
    let r = assess_ranges(p(0.3), p(500.0), &s, Some(p(50.0)), None).unwrap();
    assert!((r.score.low() - 0.12).abs() < 1e-15 && (r.score.high() - 0.12).abs() < 1e-15, "{r}");
    let cf = r.cf_kg_cu_eq_per_kg.unwrap();
    assert!((cf.low() - 14.655_130_057).abs() < 1e-9 && (cf.high() - 14.655_130_057).abs() < 1e-9, "{r}");
    assert!(r.score_distribution.is_none());

    // inverted and non-finite ranges are refused when built
    assert_eq!(Estimate::range(0.5, -0.5).unwrap_err().kind(), ErrorKind::Order);
    assert_eq!(Estimate::range(f64::NAN, 0.5).unwrap_err().kind(), ErrorKind::NotFinite);
    // an HHI range beyond 1, negative imports or production, a negative price, a score beyond 1
    let r = |lo: f64, hi: f64| Estimate::range(lo, hi).unwrap();
    assert_eq!(assess_ranges(r(0.3, 1.2), p(500.0), &s, None, None).unwrap_err().kind(), ErrorKind::OutOfRange);
    assert_eq!(assess_ranges(p(0.3), r(-1.0, 5.0), &s, None, None).unwrap_err().kind(), ErrorKind::Negative);
    let neg = [RangedSupplier::from_wgi(r(-10.0, 10.0), p(0.0)).unwrap()];
    assert_eq!(assess_ranges(p(0.3), p(500.0), &neg, None, None).unwrap_err().kind(), ErrorKind::Negative);
    let e = assess_ranges(p(0.3), p(500.0), &s, Some(r(-1.0, 50.0)), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Negative);
    assert!(e.to_string().contains("price"), "{e}");
    assert_eq!(characterization_factor_bounds(r(0.5, 1.5), p(1.0)).unwrap_err().kind(), ErrorKind::OutOfRange);
    // no supplier and production that may be 0
    assert_eq!(assess_ranges(p(0.3), r(0.0, 5.0), &[], None, None).unwrap_err().kind(), ErrorKind::ZeroTotal);
    // a WGI range beyond the scale is kept in [0, 1], as a point is
    let g = instability_bounds(r(-3.0, 3.0)).unwrap();
    assert_eq!((g.low(), g.high()), (0.0, 1.0));
}

proptest! {
    /// Ranges that contain the point inputs give bounds that contain the point assessment
    /// computed through `GeoPolRisk::assess` (score and CF), and the Monte Carlo summary lies
    /// within the bounds.
    #[test]
    fn ranges_contain_the_point_assessment(
        hhi in 0.01..=1.0f64, dh in (0.0..0.2f64, 0.0..0.2f64),
        domestic in 0.0..1_000.0f64, dd in (0.0..200.0f64, 0.0..200.0f64),
        rows in prop::collection::vec(((1.0..1_000.0f64, 0.0..300.0f64, 0.0..300.0f64),
                                       (-3.0..3.0f64, 0.0..0.5f64, 0.0..0.5f64)), 1..8),
        price in 0.0..100.0f64, dp in (0.0..20.0f64, 0.0..20.0f64),
    ) {
        let importer = [Country::from_code("JP").unwrap()];
        let countries: Vec<Country> = Country::all().filter(|c| *c != importer[0]).take(rows.len()).collect();
        let code = hs("2836.91");
        let flows: Vec<ImportFlow> = countries.iter().zip(&rows)
            .map(|(&supplier, &((t, _, _), _))| ImportFlow { supplier, hs: code, quantity: tonnes(t), value: None })
            .collect();
        let wgi = WgiTable::from_rows(countries.iter().zip(&rows).map(|(&c, &(_, (w, _, _)))| (c, 2022, w))).unwrap();
        let point = GeoPolRisk::new(&importer, 2022, Hhi::from_fraction(hhi).unwrap(), tonnes(domestic),
            Imports::new(&[code], &flows).unwrap()).with_price_usd_per_kg(price).assess(&wgi).unwrap();

        let range = |v: f64, (a, b): (f64, f64), lo: f64, hi: f64| Estimate::range((v - a).max(lo), (v + b).min(hi)).unwrap();
        let suppliers: Vec<RangedSupplier> = rows.iter().map(|&((t, a, b), (w, c, d))|
            RangedSupplier::from_wgi(range(t, (a, b), 0.0, f64::MAX), range(w, (c, d), f64::MIN, f64::MAX)).unwrap()).collect();
        let mc = MonteCarlo::new(100, 5).unwrap();
        let r = assess_ranges(range(hhi, dh, 0.0, 1.0), range(domestic, dd, 0.0, f64::MAX), &suppliers,
            Some(range(price, dp, 0.0, f64::MAX)), Some(&mc)).unwrap();
        let tol = 1e-12;
        prop_assert!(r.score.low() - tol <= point.score && point.score <= r.score.high() + tol, "{} outside {r}", point.score);
        let cf = point.cf_kg_cu_eq_per_kg.unwrap();
        let b = r.cf_kg_cu_eq_per_kg.unwrap();
        prop_assert!(b.low() * (1.0 - tol) - tol <= cf && cf <= b.high() * (1.0 + tol) + tol, "{cf} outside {b}");
        let d = r.score_distribution.unwrap();
        prop_assert!(r.score.low() - tol <= d.min() && d.max() <= r.score.high() + tol);
    }
}
