//! Bad input to the core model, as a table: each row must give a typed error (matched on its
//! variant, through the crate-wide `Error`) whose message names the bad value, and none may
//! panic.

mod hostile;
use critical_minerals::ErrorKind;
use std::panic::{AssertUnwindSafe, catch_unwind};

use critical_minerals::Error;
use critical_minerals::chain::{Facility, Stage};
use critical_minerals::geo::{Country, Economy};
use critical_minerals::material::{Amount, Assay, Basis, Compound, Grade, GradeClass};
use critical_minerals::money::{Currency, Money, Price};
use critical_minerals::provenance::Estimate;
use critical_minerals::time::Period;
use critical_minerals::trade::columnar::{BaciOptions, TradeTable};
use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions};
use critical_minerals::trade::{HsCode, HsFilter, HsRevision, TradeFlow};

/// A JSON text and a check that reading it is refused.
type JsonCase = (&'static str, fn(&str) -> bool);

/// Name, action, expected variant, text the message must contain.
type Case = (&'static str, Box<dyn Fn() -> Result<(), Error>>, fn(&Error) -> bool, &'static str);

fn cases() -> Vec<Case> {
    vec![
        (
            "NaN mass",
            Box::new(|| Amount::tonnes(f64::NAN, Basis::lce()).map(drop)),
            |e| e.kind() == ErrorKind::NotFinite,
            "NaN",
        ),
        (
            "infinite mass",
            Box::new(|| Amount::tonnes(f64::INFINITY, Basis::lce()).map(drop)),
            |e| e.kind() == ErrorKind::NotFinite,
            "inf",
        ),
        (
            "negative mass",
            Box::new(|| Amount::tonnes(-88_000.0, Basis::lce()).map(drop)),
            |e| e.kind() == ErrorKind::Negative,
            "-88000",
        ),
        (
            "grade above 100 %",
            Box::new(|| Grade::with_min_purity_percent(GradeClass::Battery, 100.5).map(drop)),
            |e| e.kind() == ErrorKind::OutOfRange,
            "100.5",
        ),
        (
            "assay of 0 %",
            Box::new(|| Assay::percent(0.0, Compound::lithium_oxide()).map(drop)),
            |e| e.kind() == ErrorKind::OutOfRange,
            "Li2O",
        ),
        (
            "unknown country code",
            Box::new(|| Country::from_code("XK").map(drop)),
            |e| e.kind() == ErrorKind::Unknown,
            "XK",
        ),
        (
            "malformed HS code",
            Box::new(|| HsCode::parse("2836.9A").map(drop)),
            |e| e.kind() == ErrorKind::Parse,
            "2836.9A",
        ),
        (
            "HS heading of 4 digits",
            Box::new(|| HsCode::parse("2836").map(drop)),
            |e| e.kind() == ErrorKind::Parse,
            "2836",
        ),
        (
            "HS national line of 10 digits",
            Box::new(|| HsCode::parse("2836910010").map(drop)),
            |e| e.kind() == ErrorKind::Parse,
            "2836910010",
        ),
        (
            "estimate range low > high",
            Box::new(|| Estimate::range(60_000.0, 40_000.0).map(drop)),
            |e| e.kind() == ErrorKind::Order,
            "60000",
        ),
        (
            "USD added to EUR",
            Box::new(|| {
                let usd = Money::new(1.0, Currency::USD)?;
                let eur = Money::new(1.0, Currency::EUR)?;
                usd.try_add(&eur).map(drop)
            }),
            |e| e.kind() == ErrorKind::Mismatch,
            "EUR",
        ),
        (
            "2020 dollars added to 2024 dollars",
            Box::new(|| {
                let a = Money::new(1.0, Currency::USD)?.with_price_year(2020)?;
                let b = Money::new(1.0, Currency::USD)?.with_price_year(2024)?;
                a.try_add(&b).map(drop)
            }),
            |e| e.kind() == ErrorKind::Mismatch,
            "2024",
        ),
        (
            "ambiguous yen/yuan symbol",
            Box::new(|| Money::parse("¥150 billion").map(drop)),
            |e| e.kind() == ErrorKind::Ambiguous,
            "¥",
        ),
        (
            "unknown currency code",
            Box::new(|| Currency::from_code("USX").map(drop)),
            |e| e.kind() == ErrorKind::Unknown,
            "USX",
        ),
        (
            "price per t LCE applied to t Li",
            Box::new(|| {
                let p = Price::per_tonne(14_000.0, Currency::USD, Basis::lce())?;
                let li = Amount::tonnes(1.0, "Li".parse()?)?;
                p.cost_of(&li).map(drop)
            }),
            |e| e.kind() == ErrorKind::Mismatch,
            "LCE",
        ),
        ("bad formula", Box::new(|| Compound::new("Li2(CO3").map(drop)), |e| e.kind() == ErrorKind::Parse, "Li2(CO3"),
        ("unknown basis", Box::new(|| "Lce2".parse::<Basis>().map(drop)), |e| e.kind() == ErrorKind::Parse, "Lce2"),
        ("month 13", Box::new(|| Period::parse("2024-13").map(drop)), |e| e.kind() == ErrorKind::Parse, "2024-13"),
        (
            "self-trade",
            Box::new(|| {
                let cl = Country::from_code("CL")?;
                TradeFlow::new(Period::year(2023)?, cl, cl, HsCode::LITHIUM_CARBONATE).map(drop)
            }),
            |e| e.kind() == ErrorKind::Inconsistent,
            "Chile",
        ),
        (
            "World as a party of a flow",
            Box::new(|| {
                let cl = Country::from_code("CL")?;
                TradeFlow::new(Period::year(2023)?, cl, Economy::world(), HsCode::LITHIUM_CARBONATE).map(drop)
            }),
            |e| e.kind() == ErrorKind::Inconsistent,
            "World",
        ),
        (
            "trade code in no list",
            Box::new(|| Economy::from_trade_code(999).map(drop)),
            |e| e.kind() == ErrorKind::Unknown,
            "999",
        ),
        (
            "unknown economy name",
            Box::new(|| Economy::lookup("Atlantis").map(drop)),
            |e| e.kind() == ErrorKind::Unknown,
            "Atlantis",
        ),
        (
            "unknown economy alpha-3",
            Box::new(|| Economy::from_alpha3("S20").map(drop)),
            |e| e.kind() == ErrorKind::Unknown,
            "S20",
        ),
        (
            "unknown code too large to keep",
            Box::new(|| Economy::unknown(u32::MAX).map(drop)),
            |e| e.kind() == ErrorKind::OutOfRange,
            "2^31",
        ),
        ("HS revision", Box::new(|| HsRevision::parse("HS20").map(drop)), |e| e.kind() == ErrorKind::Parse, "HS20"),
        (
            "HS prefix of 3 digits",
            Box::new(|| HsFilter::new(["283"]).map(drop)),
            |e| e.kind() == ErrorKind::Parse,
            "283",
        ),
        (
            "empty HS filter",
            Box::new(|| HsFilter::new(Vec::<String>::new()).map(drop)),
            |e| e.kind() == ErrorKind::Empty,
            "HS filter",
        ),
        (
            "Comtrade file without cmdCode",
            Box::new(|| {
                let text = "freqCode,period,reporterCode,flowCode,partnerCode,primaryValue\n";
                ComtradeFile::from_reader("c.csv", text.as_bytes(), &ComtradeOptions::default()).map(drop)
            }),
            |e| e.kind() == ErrorKind::Missing,
            "cmdCode",
        ),
        (
            "BACI file named HS17 read as HS12",
            Box::new(|| {
                let opts = BaciOptions::default().with_hs_revision(HsRevision::Hs12);
                TradeTable::load_baci_reader("BACI_HS17_Y2022_V202501.csv", "t,i,j,k,v,q\n".as_bytes(), &opts).map(drop)
            }),
            |e| e.kind() == ErrorKind::Mismatch,
            "HS17",
        ),
        (
            "blank facility id",
            Box::new(|| Facility::new(" ", "x", Country::from_code("AU")?, Stage::Mining).map(drop)),
            |e| e.kind() == ErrorKind::Empty,
            "facility id",
        ),
    ]
}

#[test]
fn every_bad_input_is_a_typed_error_naming_the_value() {
    let mut failures = Vec::new();
    for (name, run, expected, needle) in cases() {
        match catch_unwind(AssertUnwindSafe(run)) {
            Err(_) => failures.push(format!("{name}: panicked")),
            Ok(Ok(())) => failures.push(format!("{name}: accepted")),
            Ok(Err(e)) if !expected(&e) => failures.push(format!("{name}: wrong variant {e:?}")),
            Ok(Err(e)) if !e.to_string().contains(needle) => {
                failures.push(format!("{name}: message {:?} does not name {needle:?}", e.to_string()))
            }
            Ok(Err(_)) => {}
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn na_is_namibia_not_a_missing_value() -> Result<(), Box<dyn std::error::Error>> {
    for code in ["NA", "na", " NA ", "NAM", "516"] {
        let c = Country::from_code(code)?;
        assert_eq!(c.name(), "Namibia", "{code:?}");
        assert_eq!(c.alpha3(), "NAM");
    }
    let parsed: Country = serde_json::from_str(r#""NA""#)?;
    assert_eq!(parsed.alpha2(), "NA");
    Ok(())
}

/// The same rules hold when values come in through serde: bad JSON is an error, never a
/// value that breaks an invariant, and never a panic.
#[test]
fn bad_json_is_refused() {
    let bad: &[JsonCase] = &[
        (r#"{"value":-5,"unit":"t","basis":"Li"}"#, |j| serde_json::from_str::<Amount>(j).is_err()),
        (r#"{"value":5,"unit":"lb","basis":"Li"}"#, |j| serde_json::from_str::<Amount>(j).is_err()),
        (r#"{"value":5,"unit":"t","basis":"Lce2"}"#, |j| serde_json::from_str::<Amount>(j).is_err()),
        (r#"{"class":"battery","min_purity":1.5}"#, |j| serde_json::from_str::<Grade>(j).is_err()),
        (r#""0%Li2O""#, |j| serde_json::from_str::<Assay>(j).is_err()),
        (r#"{"low":2,"high":1}"#, |j| serde_json::from_str::<Estimate>(j).is_err()),
        (r#""XX""#, |j| serde_json::from_str::<Country>(j).is_err()),
        (r#""2836""#, |j| serde_json::from_str::<HsCode>(j).is_err()),
        (r#""2024-00""#, |j| serde_json::from_str::<Period>(j).is_err()),
        (r#""US""#, |j| serde_json::from_str::<Currency>(j).is_err()),
        (r#"{"amount":1,"currency":"XYZ"}"#, |j| serde_json::from_str::<Money>(j).is_err()),
        (r#"{"amount":1,"currency":"USD","price_year":1492}"#, |j| serde_json::from_str::<Money>(j).is_err()),
        (r#"{"amount":-1,"currency":"USD","per":"t","basis":"LCE"}"#, |j| serde_json::from_str::<Price>(j).is_err()),
        (r#"{"amount":1,"currency":"USD","per":"oz","basis":"LCE"}"#, |j| serde_json::from_str::<Price>(j).is_err()),
        (r#"{"period":"2023","exporter":"CHL","importer":"CL","commodity":"283691"}"#, |j| {
            serde_json::from_str::<TradeFlow>(j).is_err()
        }),
    ];
    let mut failures = Vec::new();
    for (json, ok) in bad {
        match catch_unwind(|| ok(json)) {
            Ok(true) => {}
            Ok(false) => failures.push(format!("{json}: not refused")),
            Err(_) => failures.push(format!("{json}: panicked")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

proptest::proptest! {
    /// Arbitrary text (any Unicode, and text built from the characters the parsers look at)
    /// gives a value or an error from every text entry point, never a panic.
    #[test]
    fn text_parsers_never_panic(s in proptest::prop_oneof![
        proptest::prelude::any::<String>(),
        "[0-9 .,'$€¥£A-Za-z+\\-−()\\[\\]]{0,16}",
    ]) {
        let _ = Money::parse(&s);
        let _ = critical_minerals::money::MoneyUnit::parse(&s);
        let _ = Currency::from_code(&s);
        let _ = HsCode::parse(&s);
        let _ = HsCode::from_national_line(&s);
        let _ = Period::parse(&s);
        let _ = s.parse::<Basis>();
        let _ = Compound::new(&s);
        let _ = Country::from_code(&s);
    }
}
