//! Country names, built-in regions, partitions: conformance checks and the bad-input table.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::geo::{BuiltinRegion, Country, Partition, Region};

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

#[test]
fn source_spellings_resolve() {
    let cases = [
        ("United States", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("Congo (Kinshasa)", "CD"),
        ("Congo (Brazzaville)", "CG"),
        ("Korea, Rep.", "KR"),
        ("Korea, Republic of", "KR"),
        ("South Korea", "KR"),
        ("Korea, North", "KP"),
        ("North Korea", "KP"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Iran", "IR"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Bolivia", "BO"),
        ("Taiwan", "TW"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("U.K.", "GB"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Laos", "LA"),
        ("Tanzania", "TZ"),
        ("Venezuela", "VE"),
        ("Syria", "SY"),
        ("Moldova", "MD"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Cote d'Ivoire", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("UAE", "AE"),
        ("United Arab Emirates", "AE"),
        ("Saudi Arabia", "SA"),
        ("  saudi   ARABIA ", "SA"),
        ("Plurinational State of Bolivia", "BO"),
        ("Namibia", "NA"),
    ];
    for (name, a2) in cases {
        assert_eq!(Country::from_name(name).map(|c| c.alpha2()), Ok(a2), "from_name({name:?})");
        assert_eq!(Country::lookup(name).map(|c| c.alpha2()), Ok(a2), "lookup({name:?})");
    }
}

#[test]
fn lookup_tries_codes_before_names() {
    assert_eq!(Country::lookup("NA"), Ok(c("NAM")));
    assert_eq!(Country::lookup("076"), Ok(c("BR")));
    assert_eq!(Country::lookup("kor"), Ok(c("KR")));
    // "UK" is no ISO code (exceptionally reserved), so it is read as a name
    assert!(Country::from_code("UK").is_err());
    assert_eq!(Country::lookup("UK"), Ok(c("GB")));
}

#[test]
fn market_report_regions_partition_and_match_the_seed() {
    let p = Partition::market_report().unwrap();
    let names: Vec<_> = p.regions().iter().map(|r| r.name()).collect();
    assert_eq!(names, ["North America", "Europe", "Asia-Pacific", "Latin America", "Middle East & Africa"]);
    let regions = p.regions();
    for (i, a) in regions.iter().enumerate() {
        for b in &regions[i + 1..] {
            assert!(!a.overlaps(b), "{a} overlaps {b}");
        }
    }
    // the countries the market report seed-002-market-report lists, each in the region it lists them under
    let seed = [
        ("North America", &["United States", "Canada"][..]),
        ("Europe", &["Germany", "France", "U.K.", "Italy", "Russia"][..]),
        (
            "Asia-Pacific",
            &["China", "Japan", "South Korea", "India", "Australia", "Taiwan", "Indonesia", "Thailand", "Malaysia"][..],
        ),
        ("Latin America", &["Mexico", "Brazil", "Argentina", "Colombia"][..]),
        ("Middle East & Africa", &["Turkey", "Saudi Arabia", "UAE"][..]),
    ];
    for (region, countries) in seed {
        for name in countries {
            let country = Country::lookup(name).unwrap();
            assert_eq!(p.region_of(country).map(|r| r.name()), Some(region), "{name}");
        }
    }
}

#[test]
fn north_america_is_us_and_canada() {
    let na = Region::builtin("north america").unwrap();
    assert!(na.contains(c("US")));
    assert!(!na.contains(c("MX")));
    assert_eq!(na.len(), 2);
    assert!(Region::country(c("USA")).is_within(&na));
    assert!(Region::builtin("Latin America").unwrap().contains(c("MX")));
}

#[test]
fn policy_groupings() {
    let eu = Region::builtin("EU-27").unwrap();
    assert_eq!(eu.len(), 27);
    for m in ["DE", "FR", "PL", "HU", "SE", "FI", "PT", "CY", "MT", "HR"] {
        assert!(eu.contains(c(m)), "{m}");
    }
    assert!(!eu.contains(c("GB")) && !eu.contains(c("NO")) && !eu.contains(c("CH")));
    let fta = Region::builtin("US FTA partners").unwrap();
    assert_eq!(fta.len(), 20);
    assert!(fta.contains(c("KR")) && fta.contains(c("CL")) && fta.contains(c("AU")) && !fta.contains(c("JP")));
    let feoc = Region::builtin("us feoc covered nations").unwrap();
    let members: Vec<_> = feoc.members().iter().map(|c| c.alpha2()).collect();
    assert_eq!(members, ["CN", "IR", "KP", "RU"]);
    assert!(!feoc.overlaps(&fta));
}

#[test]
fn m49_continents_cover_every_country_but_antarctica_and_taiwan() {
    let p = Partition::m49_regions().unwrap();
    let left: Vec<_> = p.uncovered().iter().map(|c| c.alpha3()).collect();
    assert_eq!(left, ["ATA", "TWN"]);
    let sizes: Vec<_> = p.regions().iter().map(|r| (r.name(), r.len())).collect();
    assert_eq!(sizes, [("Africa", 60), ("Americas", 57), ("Asia", 50), ("Europe", 51), ("Oceania", 29)]);
    assert_eq!(Partition::m49_sub_regions().unwrap().regions().len(), 17);
}

#[test]
fn every_builtin_is_listed_and_found_by_name() {
    let all = Region::builtins().unwrap();
    assert_eq!(all.len(), BuiltinRegion::ALL.len());
    for (r, b) in all.iter().zip(BuiltinRegion::ALL) {
        assert_eq!(Region::builtin(&b.name().to_lowercase()).as_ref(), Ok(r));
        assert!(!b.source().is_empty());
    }
}

#[test]
fn serde_round_trips() {
    let p = Partition::market_report().unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Partition>(&json).unwrap(), p);
    // an overlapping partition is refused on reading too
    let bad = r#"{"regions":[{"name":"A","members":["USA"]},{"name":"B","members":["USA","CAN"]}]}"#;
    assert!(serde_json::from_str::<Partition>(bad).is_err());
    let agg = p.aggregate([(c("CL"), 49_000.0), (c("AQ"), 1.0)]).unwrap();
    let json = serde_json::to_string(&agg).unwrap();
    assert!(json.contains("\"ATA\""), "{json}");
    assert_eq!(serde_json::from_str::<critical_minerals::geo::Aggregation>(&json).unwrap(), agg);
    let set = *Region::builtin("EU-27").unwrap().members();
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(serde_json::from_str::<critical_minerals::geo::CountrySet>(&json).unwrap(), set);
}

/// The bad-input table: every public entry point that takes outside input, with a bad input,
/// and the error it must give. Each message must name the offending value.
#[test]
fn bad_input_table() {
    let a = Region::from_codes("A", ["US", "CA"]).unwrap();
    let b = Region::from_codes("B", ["CA", "MX"]).unwrap();
    let p = Partition::new(vec![a.clone()]).unwrap();
    let cases: Vec<(&str, Result<(), Error>, &str)> = vec![
        ("unknown code", Country::from_code("XX").map(drop), "XX"),
        ("unknown alpha-3", Country::from_alpha3("ZZZ").map(drop), "ZZZ"),
        ("unknown numeric", Country::from_numeric(999).map(drop), "999"),
        ("unknown trade code", Country::from_trade_code(0).map(drop), "0"),
        ("unknown name", Country::from_name("Atlantis").map(drop), "Atlantis"),
        ("empty name", Country::from_name("  ").map(drop), "\"  \""),
        ("unknown code or name", Country::lookup("Narnia").map(drop), "Narnia"),
        ("ambiguous name", Country::from_name("Korea").map(drop), "Korea"),
        ("unknown region", Region::builtin("Atlantis").map(drop), "Atlantis"),
        ("empty region", Region::new("Nowhere", []).map(drop), "Nowhere"),
        ("duplicate member", Region::from_codes("Twice", ["US", "USA"]).map(drop), "USA"),
        ("bad code in region", Region::from_codes("R", ["US", "QQ"]).map(drop), "QQ"),
        ("empty partition", Partition::new(vec![]).map(drop), "at least one region"),
        ("overlapping partition", Partition::new(vec![a.clone(), b]).map(drop), "CAN"),
        (
            "duplicate region name",
            Partition::new(vec![a.clone(), Region::from_codes("a", ["JP"]).unwrap()]).map(drop),
            "\"a\"",
        ),
        ("NaN value", p.aggregate([(c("US"), f64::NAN)]).map(drop), "NaN"),
        ("infinite value", p.aggregate([(c("US"), f64::INFINITY)]).map(drop), "inf"),
        ("negative value", p.aggregate([(c("CL"), -2.5)]).map(drop), "-2.5"),
        ("overflowing total", p.aggregate([(c("US"), f64::MAX), (c("CA"), f64::MAX)]).map(drop), "\"A\""),
    ];
    for (what, result, named) in cases {
        match result {
            Ok(()) => panic!("{what}: accepted"),
            Err(e) => assert!(e.to_string().contains(named), "{what}: message {e} does not name {named}"),
        }
    }
    // the variants, not just the messages
    assert!(matches!(
        Partition::new(vec![a.clone(), Region::from_codes("C", ["US"]).unwrap()]),
        Err(ref e) if e.kind() == ErrorKind::Overlap && e.to_string() == "regions \"A\" and \"C\" overlap: both contain USA"
    ));
    assert!(
        matches!(p.aggregate([(c("US"), f64::NAN)]), Err(ref e) if e.kind() == ErrorKind::NotFinite && e.to_string().contains("USA"))
    );
    assert!(
        matches!(p.aggregate([(c("US"), -1.0)]), Err(ref e) if e.kind() == ErrorKind::Negative && e.to_string().contains("-1"))
    );
    assert!(
        matches!(Country::from_name("Atlantis"), Err(ref e) if e.kind() == ErrorKind::Unknown && e.to_string().contains("\"Atlantis\""))
    );
    assert!(
        matches!(Region::builtin("Atlantis"), Err(ref e) if e.kind() == ErrorKind::Unknown && e.to_string().contains("\"Atlantis\""))
    );
}

/// USGS Mineral Commodity Summaries 2025, lithium, mine production 2024e (t of contained Li),
/// the country rows as USGS spells them. The rows sum to 235,380 t (the published world total,
/// 240,000 t, is rounded and excludes withheld U.S. production).
#[test]
fn usgs_lithium_2024_by_market_region() {
    let rows = crate::fixtures::usgs::LITHIUM_2024;
    let rows: Vec<(Country, f64)> = rows.iter().map(|(n, t)| (Country::from_name(n).unwrap(), *t)).collect();
    let agg = Partition::market_report().unwrap().aggregate(rows).unwrap();
    let totals: Vec<_> = agg.regions().iter().map(|r| (r.name(), r.total())).collect();
    assert_eq!(
        totals,
        [
            ("North America", 4_300.0),
            ("Europe", 380.0),
            ("Asia-Pacific", 129_000.0),
            ("Latin America", 77_000.0),
            ("Middle East & Africa", 24_700.0),
        ]
    );
    assert!(agg.unassigned().countries().is_empty());
    assert_eq!(agg.grand_total(), 235_380.0);
}
