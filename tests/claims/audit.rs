//! The audit: the seed market report's claims, consistent claim sets (fixed and random),
//! each check on its own, tolerances, and bad input.

use critical_minerals::ErrorKind;
use critical_minerals::claims::{
    Claim, ClaimFigure, ClaimSet, Finding, FindingKind, SizeUnit, Stated, Tolerances, audit,
};
use critical_minerals::dataset::Dataset;
use critical_minerals::geo::{Country, Place, Region};
use critical_minerals::money::{Currency, Scale};
use proptest::prelude::*;

const M: &str = "secondary lithium batteries";

fn usd_bn() -> SizeUnit {
    SizeUnit::money(Currency::USD, Scale::Billion)
}

fn of_kind(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind() == kind).collect()
}

/// The claims of the market report seed-002-market-report: shares, CAGRs and the market size from the built-in dataset, and the
/// report's region lists as printed (source seed-002-market-report, regional section).
fn seed_report() -> ClaimSet {
    let data = Dataset::builtin().unwrap();
    let mut claims: Vec<Claim> = [
        "slmb-market-cagr",
        "slmb-sector-cagr-2030",
        "slb-market-size-2030",
        "slmb-share-north-america",
        "slmb-share-europe",
        "slmb-share-asia-pacific",
        "slmb-share-united-states",
    ]
    .iter()
    .map(|id| data.claim(id).unwrap().clone().in_market(M))
    .collect();
    let lists: [(&str, &str, &[&str]); 5] = [
        ("l-na", "North America", &["United States", "Canada"]),
        ("l-eu", "Europe", &["Germany", "France", "U.K.", "Italy", "Russia"]),
        (
            "l-apac",
            "Asia-Pacific",
            &[
                "China",
                "Japan",
                "South Korea",
                "India",
                "Australia",
                "China Taiwan",
                "Indonesia",
                "Thailand",
                "Malaysia",
            ],
        ),
        ("l-latam", "Latin America", &["Mexico", "Brazil", "Argentina Korea", "Colombia"]),
        ("l-mea", "Middle East & Africa", &["Turkey", "Saudi", "Arabia", "UAE", "Korea"]),
    ];
    for (id, region, countries) in lists {
        claims.push(Claim::country_list(id, M, region, countries).unwrap());
    }
    ClaimSet::new(claims).unwrap()
}

#[test]
fn the_seed_report_counts_the_united_states_beside_north_america() {
    let f = audit(&seed_report());
    let nested = of_kind(&f, FindingKind::RegionWithinRegion);
    assert_eq!(nested.len(), 1, "{f:#?}");
    assert_eq!(nested[0].claims(), ["slmb-share-united-states", "slmb-share-north-america"]);
    // what the numbers imply: Canada holds 30 - 10 = 20 %, and the four shares add to 100 %
    // only by counting the United States twice
    let rest = nested[0].implications()[0].value().unwrap();
    assert!((rest.low() - 0.20).abs() < 1e-12 && rest.is_point());
    assert!(nested[0].implications()[0].text().contains("Canada"));
    let all = nested[0].implications()[1].value().unwrap();
    assert!((all.low() - 1.0).abs() < 1e-12);

    let short = of_kind(&f, FindingKind::SharesBelowWhole);
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].claims(), ["slmb-share-north-america", "slmb-share-europe", "slmb-share-asia-pacific"]);
    let missing = short[0].implications()[0].value().unwrap();
    assert!((missing.low() - 0.10).abs() < 1e-12);
}

#[test]
fn the_seed_report_contradicts_itself_on_growth_and_implies_two_2025_bases() {
    let f = audit(&seed_report());
    let cagrs = of_kind(&f, FindingKind::CagrsDisagree);
    assert_eq!(cagrs.len(), 1, "{f:#?}");
    assert_eq!(cagrs[0].claims(), ["slmb-market-cagr", "slmb-sector-cagr-2030"]);
    let base = |rate_id: &str| {
        cagrs[0]
            .implications()
            .iter()
            .find(|i| i.claims() == [rate_id, "slb-market-size-2030"])
            .and_then(|i| i.value())
            .unwrap()
    };
    // 150 / 1.045^5 and 150 / 1.15^5, in USD billion
    let at_4_5 = base("slmb-market-cagr");
    assert!(at_4_5.is_point() && (at_4_5.low() - 150.0 / 1.045f64.powi(5)).abs() < 1e-9, "{at_4_5}");
    assert_eq!((at_4_5.low() * 10.0).round() / 10.0, 120.4);
    let at_15 = base("slmb-sector-cagr-2030"); // "exceeding 15 %": at most that base
    assert_eq!(at_15.low(), 0.0);
    assert!((at_15.high() - 150.0 / 1.15f64.powi(5)).abs() < 1e-9, "{at_15}");
    assert_eq!((at_15.high() * 10.0).round() / 10.0, 74.6);
}

#[test]
fn the_seed_reports_country_lists_are_reported_as_written() {
    let f = audit(&seed_report());
    let unreadable = of_kind(&f, FindingKind::UnreadableCountry);
    let text: Vec<&str> = unreadable.iter().map(|f| f.summary()).collect();
    assert_eq!(unreadable.len(), 3, "{text:#?}");
    assert!(text[0].contains("\"China Taiwan\""));
    assert!(text[1].contains("\"Argentina Korea\""));
    assert!(text[2].contains("\"Saudi\"") && text[2].contains("\"Arabia\""));
    // a hint, not a resolution: nothing is matched to a country silently
    assert!(unreadable[2].implications()[0].text().contains("Saudi Arabia"));
    let ambiguous = of_kind(&f, FindingKind::AmbiguousCountry);
    assert_eq!(ambiguous.len(), 1);
    assert!(ambiguous[0].summary().contains("\"Korea\"") && ambiguous[0].claims() == ["l-mea"]);
    // every well-formed entry sits in its region (U.K., Russia in Europe; Turkey, UAE in MEA)
    assert!(of_kind(&f, FindingKind::CountryOutsideRegion).is_empty());
}

/// A market that adds up: shares of a partition summing to 100 %, one CAGR, endpoint sizes
/// that fit it, regional sizes that fit the shares, and correct country lists.
struct Market<'a> {
    regions: &'a [&'a str],
    with_rest: bool,
    weights: &'a [f64],
    start: i32,
    years: i32,
    rate_pct: f64,
    size0: f64,
    picks: &'a [usize],
}

fn consistent(m: Market<'_>) -> ClaimSet {
    let Market { regions, with_rest, weights, start, years, rate_pct, size0, picks } = m;
    let end = start + years;
    let size1 = size0 * (1.0 + rate_pct / 100.0).powi(years);
    let mut places: Vec<&str> = regions.to_vec();
    if with_rest {
        places.push("rest of world");
    }
    let sum: f64 = weights[..places.len()].iter().sum();
    let mut c = vec![
        Claim::cagr("g", M, Some(start), end, Stated::exact(rate_pct).unwrap()).unwrap(),
        Claim::cagr("g-open", M, None, end, Stated::about(rate_pct).unwrap()).unwrap(),
        Claim::total("t0", M, start, Stated::exact(size0).unwrap(), usd_bn()).unwrap(),
        Claim::total("t1", M, end, Stated::exact(size1).unwrap(), usd_bn()).unwrap(),
    ];
    for (i, p) in places.iter().enumerate() {
        let share = weights[i] / sum;
        c.push(Claim::share(&format!("s{i}"), M, p, Some(end), Stated::exact(share * 100.0).unwrap()).unwrap());
        c.push(Claim::size(&format!("z{i}"), M, p, end, Stated::exact(share * size1).unwrap(), usd_bn()).unwrap());
    }
    for (i, r) in regions.iter().enumerate() {
        let members: Vec<Country> = Region::builtin(r).unwrap().members().iter().collect();
        let names: Vec<String> = picks
            .iter()
            .map(|k| members[k % members.len()])
            .map(|c| if Country::lookup(c.name()) == Ok(c) { c.name().to_string() } else { c.alpha3().to_string() })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        c.push(Claim::country_list(&format!("l{i}"), M, r, &names).unwrap());
    }
    ClaimSet::new(c).unwrap()
}

#[test]
fn a_consistent_claim_set_raises_nothing() {
    let market = ["North America", "Europe", "Asia-Pacific", "Latin America", "Middle East & Africa"];
    let set = consistent(Market {
        regions: &market,
        with_rest: false,
        weights: &[30.0, 25.0, 35.0, 6.0, 4.0],
        start: 2025,
        years: 5,
        rate_pct: 4.5,
        size0: 120.0,
        picks: &[0, 1, 2],
    });
    assert_eq!(audit(&set), vec![]);
    // a partial partition with a rest-of-world bucket
    let set = consistent(Market {
        regions: &market[..3],
        with_rest: true,
        weights: &[30.0, 25.0, 35.0, 10.0],
        start: 2020,
        years: 10,
        rate_pct: 15.0,
        size0: 50.0,
        picks: &[3, 7],
    });
    assert_eq!(audit(&set), vec![]);
    // and the same set with one share changed is caught
    let mut claims = set.claims().to_vec();
    claims[4] = Claim::share("s0", M, "North America", Some(2030), Stated::exact(40.0).unwrap()).unwrap();
    let f = audit(&ClaimSet::new(claims).unwrap());
    assert!(!of_kind(&f, FindingKind::SharesExceedWhole).is_empty(), "{f:#?}");
    assert!(!of_kind(&f, FindingKind::FiguresDisagree).is_empty(), "{f:#?}"); // 40 % vs its size
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_claim_set_from_one_consistent_market_never_raises_a_finding(
        m49 in any::<bool>(),
        mask in 1u8..32,
        weights in prop::collection::vec(0.01..1.0f64, 6),
        start in 2000i32..2030,
        years in 1i32..15,
        rate_pct in -30.0..60.0f64,
        size0 in 0.1..1e4f64,
        picks in prop::collection::vec(0usize..500, 1..4),
    ) {
        let family: [&str; 5] = if m49 {
            ["Africa", "Americas", "Asia", "Europe", "Oceania"]
        } else {
            ["North America", "Europe", "Asia-Pacific", "Latin America", "Middle East & Africa"]
        };
        let regions: Vec<&str> = family.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, r)| *r).collect();
        let with_rest = regions.len() < 5;
        let set = consistent(Market { regions: &regions, with_rest, weights: &weights, start, years, rate_pct, size0, picks: &picks });
        let f = audit(&set);
        prop_assert!(f.is_empty(), "{:#?}", f);
    }
}

#[test]
fn each_check_fires_on_its_own() {
    let share = |id: &str, p: &str, v: f64| Claim::share(id, M, p, Some(2025), Stated::exact(v).unwrap()).unwrap();
    let kinds = |c: Vec<Claim>| audit(&ClaimSet::new(c).unwrap()).iter().map(|f| f.kind()).collect::<Vec<_>>();

    // over 100 %
    let k = kinds(vec![share("a", "Europe", 60.0), share("b", "Asia-Pacific", 50.0)]);
    assert_eq!(k, [FindingKind::SharesExceedWhole]);
    // partial overlap: Asia (with Western Asia) and Asia-Pacific (with Oceania)
    let k = kinds(vec![share("a", "Asia", 50.0), share("b", "Asia-Pacific", 50.0)]);
    assert_eq!(k, [FindingKind::RegionsOverlap]);
    // one share stated twice, under two names for the same region
    let k = kinds(vec![share("a", "United States", 20.0), share("b", "USA", 25.0), share("c", "rest of world", 80.0)]);
    assert_eq!(k, [FindingKind::FiguresDisagree]);
    // an inner region larger than its container
    let f = audit(&ClaimSet::new(vec![share("us", "USA", 40.0), share("na", "North America", 30.0)]).unwrap());
    assert_eq!(f[0].kind(), FindingKind::RegionWithinRegion);
    assert!(f[0].implications()[0].text().contains("impossible"));
    // different periods that do not overlap may grow at different rates; overlapping ones may not
    let g = |id: &str, s: i32, e: i32, v: f64| Claim::cagr(id, M, Some(s), e, Stated::exact(v).unwrap()).unwrap();
    assert!(kinds(vec![g("a", 2015, 2020, 4.5), g("b", 2020, 2025, 15.0)]).is_empty());
    assert_eq!(kinds(vec![g("a", 2015, 2021, 4.5), g("b", 2020, 2025, 15.0)]), [FindingKind::CagrsDisagree]);
    // a CAGR that does not fit its endpoint sizes
    let t = |id: &str, y: i32, v: f64| Claim::total(id, M, y, Stated::exact(v).unwrap(), usd_bn()).unwrap();
    let f = audit(&ClaimSet::new(vec![g("a", 2025, 2030, 4.5), t("s0", 2025, 74.6), t("s1", 2030, 150.0)]).unwrap());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind(), FindingKind::CagrDoesNotFitSizes);
    let implied = f[0].implications()[0].value().unwrap();
    assert!((implied.low() - ((150.0f64 / 74.6).powf(0.2) - 1.0)).abs() < 1e-12);
    // parts above the whole
    let z = |id: &str, p: &str, v: f64| Claim::size(id, M, p, 2030, Stated::exact(v).unwrap(), usd_bn()).unwrap();
    let k = kinds(vec![z("w", "world", 150.0), z("a", "Europe", 100.0), z("b", "Asia-Pacific", 100.0)]);
    assert_eq!(k, [FindingKind::PartsExceedTotal]);
    let k = kinds(vec![z("na", "North America", 10.0), z("us", "United States", 20.0)]);
    assert_eq!(k, [FindingKind::PartsExceedTotal]);
    // a country under the wrong region: Mexico is in the market reports' Latin America
    let f = audit(
        &ClaimSet::new(vec![Claim::country_list("l", M, "North America", &["United States", "Mexico"]).unwrap()])
            .unwrap(),
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind(), FindingKind::CountryOutsideRegion);
    assert!(f[0].summary().contains("Latin America"));
    // markets are kept apart
    let other = |id: &str, p: &str, v: f64| {
        Claim::share(id, "another market", p, Some(2025), Stated::exact(v).unwrap()).unwrap()
    };
    let k = kinds(vec![
        share("a", "Europe", 50.0),
        share("b", "rest of world", 50.0),
        other("x", "Europe", 60.0),
        other("y", "rest of world", 40.0),
    ]);
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn tolerances_are_stated_and_applied() {
    let t = Tolerances::default();
    assert_eq!((t.share_sum, t.share, t.rate, t.size_relative), (0.01, 0.005, 0.005, 0.02));
    let set = |a: f64| {
        ClaimSet::new(vec![
            Claim::share("a", M, "Europe", None, Stated::exact(a).unwrap()).unwrap(),
            Claim::share("b", M, "rest of world", None, Stated::exact(50.0).unwrap()).unwrap(),
        ])
        .unwrap()
    };
    assert!(audit(&set(50.9)).is_empty()); // 100.9 %: within 1 pp
    assert_eq!(audit(&set(51.1))[0].kind(), FindingKind::SharesExceedWhole);
    assert_eq!(audit(&set(48.9))[0].kind(), FindingKind::SharesBelowWhole);
    let strict = Tolerances { share_sum: 0.0, ..t };
    assert!(!audit(&set(50.9).with_tolerances(strict).unwrap()).is_empty());
    // "at least" is open above, so it cannot exceed a bound it meets
    let open = ClaimSet::new(vec![
        Claim::cagr("a", M, Some(2025), 2030, Stated::at_least(15.0).unwrap()).unwrap(),
        Claim::cagr("b", M, Some(2025), 2030, Stated::exact(20.0).unwrap()).unwrap(),
    ])
    .unwrap();
    assert!(audit(&open).is_empty());
}

#[test]
fn dataset_claims_convert_with_their_units_and_bounds() {
    let data = Dataset::builtin().unwrap();
    let size = data.claim("slb-market-size-2030").unwrap().clone().in_market(M);
    assert_eq!(size.market(), M);
    let ClaimFigure::Size { value, unit } = size.figure() else { panic!("{size:?}") };
    assert_eq!((size.place(), size.year()), (Place::World, Some(2030)));
    assert_eq!(value.estimate().low(), 150.0); // held as written ...
    assert_eq!(size.figure().in_base_units().unwrap().estimate().low(), 150.0e9); // ... read in dollars, not billions
    assert_eq!(unit, &usd_bn());
    let us = data.claim("slmb-share-united-states").unwrap().clone().in_market(M);
    let ClaimFigure::Share(_) = us.figure() else { panic!("{us:?}") };
    assert_eq!(us.place().name(), "United States");
    assert_eq!(us.figure().in_base_units().unwrap().estimate().low(), 0.10);
    let li = data.claim("li-metal-output-2025").unwrap().clone().in_market("lithium metal");
    assert!(matches!(li.figure(), ClaimFigure::Size { unit: SizeUnit::Tonnes(Some(_)), .. }));
    // a CAGR over the forecast period, citing its source (once the doc example of from_dataset)
    let g = data.claim("slmb-market-cagr").unwrap().clone().in_market("slb");
    assert!(matches!(g.figure(), ClaimFigure::Cagr(_)));
    assert_eq!((g.start().map(|p| p.calendar_year()), g.end().map(|p| p.calendar_year())), (Some(2025), Some(2032)));
    assert_eq!(g.source(), Some("seed-002-market-report"));
}

#[test]
fn bad_input_gives_typed_errors() {
    // unknown and ambiguous regions
    let e = Claim::share("c1", M, "Narnia", None, Stated::exact(10.0).unwrap()).unwrap_err();
    assert!(
        e.kind() == ErrorKind::Unknown && e.to_string().starts_with("claim \"c1\": unknown region \"Narnia\""),
        "{e}"
    );
    assert!(
        matches!(Claim::share("c2", M, "Korea", None, Stated::exact(10.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::Unknown)
    );
    assert!(matches!(Place::lookup("Korea"), Err(ref e) if e.kind() == ErrorKind::Ambiguous));
    assert!(
        matches!(Claim::country_list("c3", M, "Atlantis", &["France"]), Err(ref e) if e.kind() == ErrorKind::Unknown)
    );
    // NaN and inverted ranges cannot be stated
    assert!(matches!(Stated::exact(f64::NAN), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(Stated::range(60.0, 40.0), Err(ref e) if e.kind() == ErrorKind::Order));
    // out-of-range figures
    assert!(
        matches!(Claim::share("s", M, "Europe", None, Stated::exact(130.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::OutOfRange)
    );
    assert!(
        matches!(Claim::cagr("g", M, Some(2025), 2030, Stated::exact(-100.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::OutOfRange)
    );
    assert!(
        matches!(Claim::total("t", M, 2030, Stated::exact(-5.0).unwrap(), usd_bn()), Err(ref e) if e.kind() == ErrorKind::OutOfRange)
    );
    // periods, ids, lists
    assert!(
        matches!(Claim::cagr("g", M, Some(2030), 2030, Stated::exact(5.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::Unsupported)
    );
    assert!(
        matches!(Claim::share(" ", M, "Europe", None, Stated::exact(5.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::Unsupported)
    );
    assert!(matches!(Claim::country_list("l", M, "Europe", &[]), Err(ref e) if e.kind() == ErrorKind::Unsupported));
    assert!(
        matches!(Claim::country_list("l", M, "rest of world", &["France"]), Err(ref e) if e.kind() == ErrorKind::Unsupported)
    );
    let a = Claim::share("dup", M, "Europe", None, Stated::exact(5.0).unwrap()).unwrap();
    assert!(matches!(ClaimSet::new(vec![a.clone(), a.clone()]), Err(ref e) if e.kind() == ErrorKind::Duplicate));
    // tolerances
    let set = ClaimSet::new(vec![a]).unwrap();
    let t = Tolerances::default();
    assert!(
        matches!(set.clone().with_tolerances(Tolerances { rate: f64::NAN, ..t }), Err(ref e) if e.kind() == ErrorKind::NotFinite)
    );
    assert!(
        matches!(set.with_tolerances(Tolerances { share: -0.1, ..t }), Err(ref e) if e.kind() == ErrorKind::Negative)
    );
    // dataset claims the audit does not read: said so, not silently passed
    let data = Dataset::builtin().unwrap();
    let multiple = data.claim("china-lepidolite-growth-to-2030").unwrap().clone().in_market(M);
    let set = ClaimSet::new(vec![multiple]).unwrap();
    assert!(audit(&set).is_empty());
    let skipped = set.unaudited();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].0.id(), "china-lepidolite-growth-to-2030");
    assert!(skipped[0].1.contains("multiples"), "{}", skipped[0].1);
}

/// A growth claim over billions of years cannot be built, so the audit never compounds over an
/// overflowing span; the years are refused at the period, with the year in the message.
#[test]
fn cagr_claims_over_billions_of_years_are_refused() {
    for (start, end) in [(-2_000_000_000, 2_000_000_000), (2025, i32::MAX), (i32::MIN, 2030)] {
        let e = Claim::cagr("g", M, Some(start), end, Stated::exact(5.0).unwrap()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse, "{e}");
        assert!(e.to_string().contains("outside 1900-2100"), "{e}");
    }
    let e = Claim::total("t", M, i32::MAX, Stated::exact(5.0).unwrap(), usd_bn()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Parse, "{e}");
    // the widest span that can be built audits without overflow
    let g = Claim::cagr("g", M, Some(1900), 2100, Stated::exact(5.0).unwrap()).unwrap();
    let s0 = Claim::total("s0", M, 1900, Stated::exact(1.0).unwrap(), usd_bn()).unwrap();
    let s1 = Claim::total("s1", M, 2100, Stated::exact(1.0e290).unwrap(), usd_bn()).unwrap();
    let findings = audit(&ClaimSet::new(vec![g, s0, s1]).unwrap());
    assert!(findings.iter().all(|f| !f.to_string().contains("NaN") && !f.to_string().contains("inf")), "{findings:#?}");
}
