//! HS codes of battery-mineral trade (WCO Harmonized System; US HTS lines from USGS MCS 2025), periods and flows.

use critical_minerals::ErrorKind;
use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Basis};
use critical_minerals::money::Money;
use critical_minerals::time::Period;
use critical_minerals::trade::{HsCode, TradeFlow};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn the_named_codes_are_those_of_facts_section_10() -> R {
    // as tariff tables write them (dotted), with the named constant each must read as
    let table = [
        ("2836.91", HsCode::LITHIUM_CARBONATE),
        ("2825.20", HsCode::LITHIUM_OXIDE_HYDROXIDE),
        ("2805.19", HsCode::ALKALI_METALS_OTHER),
        ("2827.39", HsCode::CHLORIDES_OTHER),
        ("2530.90", HsCode::MINERAL_SUBSTANCES_NES),
        ("8507.60", HsCode::LITHIUM_ION_ACCUMULATORS),
        ("8506.50", HsCode::LITHIUM_PRIMARY_CELLS),
        ("2605.00", HsCode::COBALT_ORES),
        ("2822.00", HsCode::COBALT_OXIDES_HYDROXIDES),
        ("8105.20", HsCode::COBALT_MATTES_UNWROUGHT),
        ("2504.10", HsCode::NATURAL_GRAPHITE_POWDER_FLAKES),
        ("2504.90", HsCode::NATURAL_GRAPHITE_OTHER),
        ("2604.00", HsCode::NICKEL_ORES),
        ("7502.10", HsCode::UNWROUGHT_NICKEL),
        ("7202.60", HsCode::FERRONICKEL),
    ];
    for (text, code) in table {
        assert_eq!(text.parse::<HsCode>()?, code, "{text}");
        assert_eq!(code.to_string(), text);
        assert!(code.describe().is_some(), "{text} has no description");
    }
    assert_eq!(HsCode::known().count(), table.len());
    assert!(HsCode::LITHIUM_CARBONATE.describe().is_some_and(|d| d.contains("arbonate")));
    assert!(HsCode::MINERAL_SUBSTANCES_NES.describe().is_some_and(|d| d.contains("spodumene")));
    assert!(HsCode::MINERAL_SUBSTANCES_NES.is_basket());
    assert!(HsCode::LITHIUM_ION_ACCUMULATORS.describe().is_some_and(|d| d.contains("HS2012")));
    assert_eq!(HsCode::parse("2836.92")?.describe(), None);
    Ok(())
}

#[test]
fn hs_codes_accept_three_spellings_and_refuse_the_rest() -> R {
    for ok in ["283691", "2836.91", "2836 91", " 283691 "] {
        assert_eq!(HsCode::parse(ok)?, HsCode::LITHIUM_CARBONATE, "{ok:?}");
    }
    for bad in [
        "",
        "2836",
        "28369",
        "28369100",
        "2836910010",
        "2836.91.0010",
        "28A691",
        "2836-91",
        "28.36.91",
        "283691.",
        "000000",
        "990000",
        "two",
        "２８３６９１",
    ] {
        match HsCode::parse(bad) {
            Err(e) if e.kind() == ErrorKind::Parse => {
                assert!(e.to_string().starts_with(&format!("bad HS code {bad:?}")), "{e}")
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    // a national line is cut only on request
    assert_eq!(HsCode::from_national_line("2836.91.0010")?, HsCode::LITHIUM_CARBONATE);
    assert_eq!(HsCode::from_national_line("2836 91 00")?, HsCode::LITHIUM_CARBONATE);
    assert!(HsCode::from_national_line("2836.9").is_err());
    let c = HsCode::LITHIUM_CARBONATE;
    assert_eq!((c.chapter(), c.heading(), c.as_u32(), c.digits()), (28, 2836, 283_691, "283691".to_string()));
    Ok(())
}

#[test]
fn periods_parse_order_and_measure() -> R {
    assert_eq!("2024-03".parse::<Period>()?, "202403".parse::<Period>()?);
    let y2020 = Period::year(2020)?;
    let y2024 = Period::year(2024)?;
    assert_eq!(y2020.years_between(&y2024)?, 4.0);
    assert_eq!(y2024.years_between(&y2020)?, -4.0);
    let jan = Period::month(2023, 1)?;
    let apr = Period::month(2024, 4)?;
    assert_eq!(jan.years_between(&apr)?, 1.25);
    assert!(matches!(y2020.years_between(&apr), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    assert!(y2024.contains(&apr) && !y2020.contains(&apr) && apr.contains(&apr));
    assert!(jan < y2024 && y2024 < apr);
    assert_eq!((apr.calendar_year(), apr.calendar_month(), y2024.calendar_month()), (2024, Some(4), None));
    assert!(Period::month(2024, 0).is_err() && Period::month(2024, 13).is_err());
    // only valid periods exist: no year out of range, so no first or last day can overflow
    for y in [i32::MAX, i32::MIN, -262_143] {
        assert!(Period::month(y, 12).is_err() && Period::year(y).is_err(), "{y}");
    }
    assert!("2024-13".parse::<Period>().is_err() && "202400".parse::<Period>().is_err());
    let last = Period::month(2100, 12)?;
    assert_eq!((last.first_day().to_string(), last.last_day().to_string()), ("2100-12-01".into(), "2100-12-31".into()));
    assert!(Period::year(1850).is_err() && Period::year(2500).is_err());
    Ok(())
}

#[test]
fn flows_keep_missing_as_none() -> R {
    let flow = TradeFlow::new(
        Period::year(2023)?,
        Country::from_code("AU")?,
        Country::from_code("CN")?,
        HsCode::MINERAL_SUBSTANCES_NES,
    )?;
    assert!(flow.quantity().is_none() && flow.value().is_none());
    assert!(
        matches!(flow.unit_value(), Err(ref e) if e.kind() == ErrorKind::Missing && e.to_string().ends_with("reports no quantity"))
    );
    let flow = flow.with_quantity(Amount::tonnes(0.0, Basis::sc6())?);
    assert!(
        matches!(flow.unit_value(), Err(ref e) if e.kind() == ErrorKind::Missing && e.to_string().ends_with("reports no value"))
    );
    let flow = flow.with_value(Money::parse("USD 1 million")?);
    // a zero quantity with a value is an error, not an infinite price
    assert!(
        matches!(flow.unit_value(), Err(ref e) if e.kind() == ErrorKind::Mismatch || e.kind() == ErrorKind::ZeroTotal)
    );
    assert_eq!(flow.label(), "2530.90 AUS -> CHN 2023");
    assert_eq!(flow.exporter().country().map(|c| c.alpha2()), Some("AU"));
    assert_eq!(flow.importer().country().map(|c| c.alpha2()), Some("CN"));
    assert_eq!(flow.commodity(), HsCode::MINERAL_SUBSTANCES_NES);
    assert_eq!(flow.period(), Period::year(2023)?);
    Ok(())
}
