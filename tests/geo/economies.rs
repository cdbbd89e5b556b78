//! The trade databases' economies: the generated table against `data/trade_economies.csv`, the
//! codes of the reference notes (facts §11, §12), names and alpha-3 codes.

use std::collections::BTreeSet;

use critical_minerals::ErrorKind;
use critical_minerals::geo::{Country, Economy, EconomyKind, OtherAsia, TradeList};

const CSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/trade_economies.csv"));

#[derive(serde::Deserialize)]
struct Row {
    code: u32,
    kind: String,
    name: String,
    other_names: String,
    #[allow(dead_code)]
    iso2: String,
    iso3: String,
    country: String,
    last_year: Option<i32>,
    successors: String,
    baci: u8,
    comtrade_reporter: u8,
    comtrade_partner: u8,
    source: String,
    edition: String,
    #[allow(dead_code)]
    note: String,
}

fn rows() -> Vec<Row> {
    csv::Reader::from_reader(CSV.as_bytes()).deserialize().collect::<Result<_, _>>().expect("CSV parses")
}

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

fn code(n: u32) -> Economy {
    Economy::from_trade_code(n).unwrap_or_else(|e| panic!("{n}: {e}"))
}

#[test]
fn every_csv_row_resolves_to_the_economy_it_describes() {
    let rows = rows();
    let codes: BTreeSet<u32> = rows.iter().map(|r| r.code).collect();
    assert_eq!(codes.len(), rows.len(), "each code once");
    for r in &rows {
        let e = code(r.code);
        assert!(e.codes().any(|c| c == r.code), "{}", r.code);
        assert!(!r.source.is_empty() && !r.edition.is_empty(), "{}: source and edition", r.code);
        if r.kind == "country" {
            assert_eq!(e, c(&r.country), "{}", r.code);
            assert_eq!(e.kind(), EconomyKind::Country);
            assert_eq!(e.name(), r.name);
            assert_eq!(e.alpha3(), Some(r.iso3.as_str()));
        } else {
            assert_eq!(e.code(), r.code);
            assert_eq!(e.name(), r.name);
            assert_eq!(e.alpha3().unwrap_or(""), r.iso3);
            assert_eq!(e.last_year(), r.last_year, "{}", r.code);
            let succ: Vec<String> =
                e.successors().filter_map(|s| s.country()).map(|c| c.alpha2().to_string()).collect();
            assert_eq!(succ.join(" "), r.successors, "{}", r.code);
            let kind = format!("{:?}", e.kind()).to_lowercase();
            assert_eq!(kind, r.kind.replace('-', ""), "{}", r.code);
            for n in r.other_names.split(';').filter(|n| !n.is_empty()) {
                assert_eq!(Economy::from_name(n), Ok(e), "{n}");
            }
        }
        // the lists, as flagged
        let in_list = |list, flag: u8| flag == 0 || e.in_list(list);
        assert!(in_list(TradeList::Baci, r.baci), "{}", r.code);
        assert!(in_list(TradeList::ComtradeReporter, r.comtrade_reporter), "{}", r.code);
        assert!(in_list(TradeList::ComtradePartner, r.comtrade_partner), "{}", r.code);
    }
    // every economy of the table has a row
    for e in Economy::all() {
        assert!(e.codes().all(|c| codes.contains(&c)), "{e:?}");
        assert!(e.codes().next().is_some(), "{e:?} has a code");
    }
    assert_eq!(Economy::all().filter(|e| e.is_country()).count(), Country::all().len());
}

#[test]
fn the_codes_of_facts_12_1_are_each_their_own_economy() {
    // facts §11 / §12.1: the trade codes of countries whose ISO code differs
    for (trade, iso) in [(842, "US"), (251, "FR"), (579, "NO"), (757, "CH"), (699, "IN")] {
        assert_eq!(code(trade), c(iso), "{trade}");
        assert_eq!(code(trade).code(), trade, "the databases' code is the one written");
        assert_eq!(code(u32::from(c(iso).numeric())), c(iso), "the ISO code names the same economy");
        assert!(code(trade).in_list(TradeList::Baci));
    }
    // not merged: each is its own economy, with its kind, years and successors
    let cases: [(u32, EconomyKind, Option<i32>, &[&str]); 16] = [
        (58, EconomyKind::Historic, Some(1998), &["BE", "LU"]),
        (490, EconomyKind::Nes, None, &[]),
        (530, EconomyKind::Historic, Some(2010), &["CW", "SX", "BQ"]),
        (711, EconomyKind::CustomsUnion, Some(1999), &["ZA", "BW", "LS", "NA", "SZ"]),
        (736, EconomyKind::Historic, Some(2011), &["SD", "SS"]),
        (849, EconomyKind::Nes, None, &[]),
        (891, EconomyKind::Historic, Some(2005), &["RS", "ME"]),
        (697, EconomyKind::Nes, None, &[]),
        (200, EconomyKind::Historic, Some(1993), &["CZ", "SK"]),
        (280, EconomyKind::Historic, Some(1990), &["DE"]),
        (
            810,
            EconomyKind::Historic,
            Some(1992),
            &["AM", "AZ", "BY", "EE", "GE", "KZ", "KG", "LV", "LT", "MD", "RU", "TJ", "TM", "UA", "UZ"],
        ),
        (890, EconomyKind::Historic, Some(1992), &["SI", "HR", "BA", "MK"]),
        (0, EconomyKind::World, None, &[]),
        (899, EconomyKind::Nes, None, &[]),
        (97, EconomyKind::Group, None, &[]),
        (278, EconomyKind::Historic, Some(1990), &[]),
    ];
    let mut seen = BTreeSet::new();
    for (n, kind, last, successors) in cases {
        let e = code(n);
        assert!(seen.insert(e), "{n} is its own economy");
        assert!(!e.is_country(), "{n} is not a country");
        assert_eq!((e.kind(), e.last_year()), (kind, last), "{n}");
        let succ: Vec<Economy> = successors.iter().map(|a2| Economy::from(c(a2))).collect();
        assert_eq!(e.successors().collect::<Vec<_>>(), succ, "{n}");
    }
    assert_ne!(code(58), c("BE"));
    assert_ne!(code(736), c("SD"));
    assert_ne!(code(891), c("RS"));
    assert!(code(0).is_world() && Economy::world() == code(0));
    // BACI's list (V202501) holds the data files' codes of facts §12.1
    for n in [58, 251, 490, 530, 579, 699, 711, 736, 757, 842, 849, 891] {
        assert!(code(n).in_list(TradeList::Baci), "{n}");
    }
    assert!(code(0).in_list(TradeList::ComtradePartner) && !code(0).in_list(TradeList::ComtradeReporter));
    assert!(
        Economy::from_trade_code(999).is_err_and(|e| e.kind() == ErrorKind::Unknown && e.to_string().contains("999"))
    );
}

#[test]
fn other_asia_is_taiwan_only_on_request() {
    let s19 = code(490);
    assert_ne!(s19, c("TW"));
    assert_eq!(s19.with_other_asia(OtherAsia::AsReported), s19);
    assert_eq!(s19.with_other_asia(OtherAsia::Taiwan), c("TW"));
    assert_eq!(Economy::from(c("CL")).with_other_asia(OtherAsia::Taiwan), c("CL"));
    assert_eq!(Economy::other_asia_nes(), s19);
    // Country::from_trade_code keeps its documented convention (490 is Taiwan)
    assert_eq!(Country::from_trade_code(490).ok(), Some(c("TW")));
}

#[test]
fn comtrade_names_and_alpha3_codes_resolve_to_the_same_economies_as_the_codes() {
    let cases = [
        ("China, Hong Kong SAR", 344),
        ("China, Macao SAR", 446),
        ("Other Asia, nes", 490),
        ("United Rep. of Tanzania", 834),
        ("Rep. of Korea", 410),
        ("Dem. Rep. of the Congo", 180),
        ("Türkiye", 792),
        ("Turkiye", 792),
        ("Bolivia (Plurinational State of)", 68),
        ("USA", 842),
        ("World", 0),
        ("Areas, nes", 899),
        ("Southern African Customs Union (...1999)", 711),
        ("Serbia and Montenegro (...2005)", 891),
        ("Sudan (...2011)", 736),
        ("Belgium-Luxembourg (...1998)", 58),
        ("Europe EFTA, nes", 697),
        ("US Misc. Pacific Isds", 849),
    ];
    for (name, n) in cases {
        assert_eq!(Economy::from_name(name), Ok(code(n)), "{name}");
        assert_eq!(Economy::lookup(name), Ok(code(n)), "{name}");
    }
    for (a3, n) in [
        ("USA", 842),
        ("S19", 490),
        ("ZA1", 711),
        ("R20", 697),
        ("SCG", 891),
        ("ANT", 530),
        ("SUN", 810),
        ("CSK", 200),
        ("YUG", 890),
        ("PUS", 849),
        ("s19", 490),
    ] {
        assert_eq!(Economy::from_alpha3(a3), Ok(code(n)), "{a3}");
    }
    // codes and two-letter codes through lookup; Namibia is never missing
    assert_eq!(Economy::lookup("842"), Ok(c("US").into()));
    assert_eq!(Economy::lookup("NA"), Ok(c("NA").into()));
    assert_eq!(Economy::lookup("0490"), Ok(code(490)));
    assert!(Economy::lookup("Atlantis").is_err_and(|e| e.kind() == ErrorKind::Unknown));
    assert!(Economy::lookup("Korea").is_err_and(|e| e.kind() == ErrorKind::Ambiguous));
    // alpha-3 codes are unique across the table
    let a3: Vec<&str> = Economy::all().filter_map(|e| e.alpha3()).collect();
    let distinct: BTreeSet<&str> = a3.iter().copied().collect();
    assert_eq!(a3.len(), distinct.len());
}

#[test]
fn economies_order_serialize_and_display() -> Result<(), Box<dyn std::error::Error>> {
    // countries by alpha-2, then the others by code, then unknown codes
    let all: Vec<Economy> = Economy::all().collect();
    assert!(all.windows(2).all(|w| w[0] < w[1]));
    assert!(Economy::from(c("ZW")) < code(0));
    let unknown = Economy::unknown(998)?;
    assert!(all.iter().all(|e| *e < unknown));
    assert_eq!(Economy::unknown(490)?, code(490), "a listed code is never unknown");
    for e in all.iter().copied().chain([unknown]) {
        let json = serde_json::to_string(&e)?;
        assert_eq!(serde_json::from_str::<Economy>(&json)?, e, "{json}");
    }
    assert_eq!(serde_json::to_string(&Economy::from(c("NA")))?, "\"NAM\"");
    assert_eq!(serde_json::to_string(&code(490))?, "\"490\"");
    assert_eq!(serde_json::to_string(&unknown)?, "\"998\"");
    assert_eq!(code(490).to_string(), "Other Asia, nes");
    assert_eq!(format!("{:>12}", Economy::from(c("CL"))), "       Chile");
    assert_eq!(unknown.to_string(), "unknown code 998");
    assert_eq!(format!("{:?}", code(58)), "Economy(58 Belgium-Luxembourg (...1998))");
    Ok(())
}
