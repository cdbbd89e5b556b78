//! The claim model: constructors and their rules, text forms, and serde round trips of every
//! claim type (property test).

use crate::fixtures::any_place;
use critical_minerals::ErrorKind;
use critical_minerals::claims::{
    Bound, Claim, ClaimFigure, ClaimKind, ClaimSet, ClaimUnit, SizeUnit, Stated, Tolerances, audit, recompute,
};
use critical_minerals::geo::{BuiltinRegion, Place};
use critical_minerals::material::Basis;
use critical_minerals::money::{Currency, Scale};
use critical_minerals::time::Period;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

type R = Result<(), Box<dyn std::error::Error>>;

/// Round-trips `v` through serde_json: read back equal, written again the same.
fn rt<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(v: &T) -> Result<String, TestCaseError> {
    let json = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, v, "round trip through {}", json);
    let again = serde_json::to_string(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&again, &json);
    Ok(json)
}

#[test]
fn vocabularies_read_and_write_their_file_text() -> R {
    for b in Bound::ALL {
        assert_eq!(b.name().parse::<Bound>()?, *b);
    }
    assert_eq!("At-Least".parse::<Bound>()?, Bound::AtLeast);
    for k in ClaimKind::ALL {
        assert_eq!(k.to_string().parse::<ClaimKind>()?, *k);
    }
    assert_eq!("bogus".parse::<ClaimKind>().unwrap_err().kind(), ErrorKind::Parse);
    for u in ["t", "%", "%/yr", "x", "USD billion", "EUR"] {
        assert_eq!(u.parse::<ClaimUnit>()?.to_string(), u);
    }
    Ok(())
}

#[test]
fn figures_know_their_kind_unit_and_base_units() -> R {
    let usd = SizeUnit::money(Currency::USD, Scale::Billion);
    let size = ClaimFigure::Size { value: Stated::about(150.0)?, unit: usd };
    assert_eq!(size.kind(), ClaimKind::MarketSize);
    assert_eq!(size.unit(), Some(ClaimUnit::Money { currency: Currency::USD, scale: Scale::Billion }));
    assert_eq!(size.in_base_units().map(|s| s.estimate().low()), Some(1.5e11));
    let tonnes = ClaimFigure::Size { value: Stated::range(40e3, 60e3)?, unit: SizeUnit::Tonnes(Some(Basis::lce())) };
    assert_eq!(tonnes.kind(), ClaimKind::Quantity);
    assert_eq!(tonnes.basis(), Some(&Basis::lce()));
    let cagr = ClaimFigure::Cagr(Stated::at_least(15.0)?);
    assert_eq!((cagr.kind(), cagr.unit()), (ClaimKind::Cagr, Some(ClaimUnit::PercentPerYear)));
    assert_eq!(cagr.in_base_units().map(|s| (s.estimate().low(), s.bound())), Some((0.15, Bound::AtLeast)));
    assert_eq!(ClaimFigure::Multiple(Stated::exact(2.0)?).in_base_units().map(|s| s.estimate().low()), Some(2.0));
    let list = ClaimFigure::CountryList(vec!["France".into()]);
    assert_eq!((list.kind(), list.unit(), list.stated()), (ClaimKind::CountryList, None, None));
    assert!(list.in_base_units().is_none());
    Ok(())
}

#[test]
fn constructors_check_the_rules() -> R {
    let m = "batteries";
    let ok = Claim::multiple("x", m, 2020, 2025, Stated::about(20.0)?)?;
    assert_eq!(
        (ok.kind(), ok.start(), ok.end()),
        (ClaimKind::Multiple, Some(Period::year(2020)?), Some(Period::year(2025)?))
    );
    assert_eq!(ok.to_string(), "x: batteries — ×about 20 over 2020–2025");
    let kind = |r: Result<Claim, critical_minerals::Error>| r.err().map(|e| e.kind());
    assert_eq!(kind(Claim::multiple("x", m, 2020, 2025, Stated::exact(0.0)?)), Some(ErrorKind::OutOfRange));
    assert_eq!(kind(Claim::multiple("x", m, 2025, 2020, Stated::exact(2.0)?)), Some(ErrorKind::Unsupported));
    let (y22, y25) = (Period::year(2022)?, Period::year(2025)?);
    assert_eq!(kind(Claim::percent_change("p", m, y22, y25, Stated::exact(-100.5)?)), Some(ErrorKind::OutOfRange));
    assert!(Claim::percent_change("p", m, y22, y25, Stated::exact(-100.0)?).is_ok());
    assert_eq!(kind(Claim::share("s", " ", "Europe", None, Stated::exact(5.0)?)), Some(ErrorKind::Unsupported));
    // a size that overflows in units of its currency
    let huge = Claim::total("t", m, 2030, Stated::exact(f64::MAX)?, SizeUnit::money(Currency::USD, Scale::Billion));
    assert_eq!(kind(huge), Some(ErrorKind::NotFinite));
    // a CAGR needs its end; the general constructor says so too
    let open = Claim::new("g", m, Place::World, Some(y22), None, ClaimFigure::Cagr(Stated::exact(5.0)?));
    assert_eq!(kind(open), Some(ErrorKind::Unsupported));
    // a country list needs members to check against
    let list = ClaimFigure::CountryList(vec!["France".into()]);
    assert_eq!(kind(Claim::new("l", m, Place::RestOfWorld, None, None, list.clone())), Some(ErrorKind::Unsupported));
    let eu = Claim::new("l", m, Place::Region(BuiltinRegion::Eu27), None, None, list)?;
    assert_eq!(eu.members().map(|s| s.len()), Some(27));
    // the market is the subject until the auditor says otherwise
    let c = Claim::share("s", "Market", "Europe", None, Stated::exact(5.0)?)?.with_qualifier("about").with_note("n");
    assert_eq!(
        (c.subject(), c.market(), c.qualifier(), c.note(), c.source()),
        ("Market", "Market", "about", "n", None)
    );
    let c = c.in_market("other").with_source("src");
    assert_eq!((c.subject(), c.market(), c.source()), ("Market", "other", Some("src")));
    assert_eq!(c.clone().in_market(" ").market(), "Market");
    Ok(())
}

#[test]
fn deserializing_checks_the_rules_again() -> R {
    let c = Claim::share("s", "m", "Europe", Some(2025), Stated::exact(30.0)?)?;
    let json = serde_json::to_string(&c)?;
    assert!(json.contains(r#""place":"europe""#), "{json}");
    let bad = json.replace("30.0", "130.0");
    assert!(serde_json::from_str::<Claim>(&bad).is_err());
    let set = ClaimSet::new(vec![c.clone()])?;
    let json = serde_json::to_string(&set)?;
    assert_eq!(serde_json::from_str::<ClaimSet>(&json)?, set);
    let twice = json.replace(r#"{"claims":["#, &format!(r#"{{"claims":[{},"#, serde_json::to_string(&c)?));
    assert!(serde_json::from_str::<ClaimSet>(&twice).is_err()); // id "s" twice
    let negative = serde_json::to_string(&set.with_tolerances(Tolerances::default())?)?
        .replace("\"about\":0.05", "\"about\":-1.0");
    assert!(serde_json::from_str::<ClaimSet>(&negative).is_err());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// every claim type round-trips through serde_json

fn any_stated(lo: f64, hi: f64) -> impl Strategy<Value = Stated> {
    (lo..hi, lo..hi, 0usize..5).prop_map(|(a, b, k)| {
        let (a, b) = (a.min(b), a.max(b));
        let s = match k {
            0 => Stated::exact(a),
            1 => Stated::about(a),
            2 => Stated::at_least(a),
            3 => Stated::at_most(a),
            _ => Stated::range(a, b),
        };
        s.unwrap_or_else(|e| panic!("{e}"))
    })
}

fn any_figure() -> impl Strategy<Value = ClaimFigure> {
    let scale = prop::sample::select(vec![Scale::Unit, Scale::Thousand, Scale::Million, Scale::Billion]);
    let currency = prop::sample::select(vec![Currency::USD, Currency::EUR, Currency::CNY]);
    let basis =
        prop::option::of(prop::sample::select(vec![Basis::lce(), Basis::sc6(), "Li".parse::<Basis>().unwrap()]));
    prop_oneof![
        any_stated(0.0, 100.0).prop_map(ClaimFigure::Share),
        any_stated(-99.0, 300.0).prop_map(ClaimFigure::Cagr),
        any_stated(-100.0, 1e3).prop_map(ClaimFigure::PercentChange),
        any_stated(0.01, 100.0).prop_map(ClaimFigure::Multiple),
        (any_stated(0.0, 1e6), currency, scale)
            .prop_map(|(value, c, s)| ClaimFigure::Size { value, unit: SizeUnit::money(c, s) }),
        (any_stated(0.0, 1e9), basis).prop_map(|(value, b)| ClaimFigure::Size { value, unit: SizeUnit::Tonnes(b) }),
        prop::collection::vec("[A-Za-z .]{1,20}", 1..5).prop_map(ClaimFigure::CountryList),
    ]
}

fn any_claim(id: usize) -> impl Strategy<Value = Claim> {
    (
        any_figure(),
        any_place(),
        prop::option::of(1990i32..2040),
        1i32..20,
        "[a-z ]{1,12}",
        prop::option::of("[a-z-]{1,12}"),
    )
        .prop_filter_map("a claim the model accepts", move |(figure, place, start, len, market, source)| {
            let place = match (&figure, place) {
                (ClaimFigure::CountryList(_), Place::World | Place::RestOfWorld) => {
                    Place::Region(BuiltinRegion::Europe)
                }
                (_, p) => p,
            };
            let start_p = start.and_then(|y| Period::year(y).ok());
            let end = start.map_or(2030, |y| y + len);
            let end_p = Period::year(end).ok();
            let mut c = Claim::new(&format!("c{id}"), "subject", place, start_p, end_p, figure).ok()?;
            c = c.in_market(&market).with_qualifier("as written").with_note("a note");
            Some(match source {
                Some(s) => c.with_source(&s),
                None => c,
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_claim_type_round_trips_through_serde_json(
        claims in (any_claim(0), any_claim(1), any_claim(2), any_claim(3)),
        share_sum in 0.0..0.05f64,
    ) {
        let (a, b, c, d) = claims;
        for claim in [&a, &b, &c, &d] {
            rt(claim)?;
            rt(claim.figure())?;
            rt(&claim.kind())?;
            if let Some(s) = claim.figure().stated() {
                rt(s)?;
                rt(&s.bound())?;
            }
            if let Some(u) = claim.figure().unit() {
                rt(&u)?;
            }
        }
        let set = ClaimSet::new(vec![a, b, c, d])
            .and_then(|s| s.with_tolerances(Tolerances { share_sum, ..Tolerances::default() }))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        rt(&set)?;
        rt(&set.tolerances())?;
        for f in audit(&set) {
            rt(&f)?;
            rt(&f.kind())?;
            for i in f.implications() {
                rt(i)?;
            }
        }
        for check in recompute(&set, &()).map_err(|e| TestCaseError::fail(e.to_string()))? {
            let json = rt(&check)?;
            prop_assert!(json.contains("\"finding\":"), "{}", json);
            rt(&check.outcome)?;
            for r in &check.recomputed {
                rt(r)?;
            }
        }
    }
}
