//! Every public data type a dataset or a report saves reloads to an equal value, 10,000 cases
//! each: through serde_json, and through its text (`Display` then `FromStr`) where the text is
//! the saved form (bases, assays, periods, published NIR cells). Values are drawn over the
//! whole range a type accepts, bit patterns included, not only round numbers.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use chrono::NaiveDate;
use critical_minerals::chain::{Capacity, Facility, Stage};
use critical_minerals::claims::{Claim, SizeUnit, Stated};
use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Assay, Basis, Compound, Element, Form, Grade, GradeClass, Mineral, Rate};
use critical_minerals::methods::geopolrisk::ImportFlow;
use critical_minerals::methods::reliance::PublishedNir;
use critical_minerals::money::{Currency, Money, Price, Scale};
use critical_minerals::provenance::Estimate;
use critical_minerals::time::Period;
use critical_minerals::trade::{HsCode, TradeFlow};
use critical_minerals::units::{Mass, MassRate, Power};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uom::si::mass::kilogram;
use uom::si::mass_rate::kilogram_per_second;
use uom::si::power::watt;

/// Through JSON: equal after reading back, and the second save writes the same text.
fn json<T: Serialize + DeserializeOwned + PartialEq + Debug>(v: &T) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, v, "through {}", text);
    let again = serde_json::to_string(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again, text);
    Ok(())
}

/// Through the text form (as a CSV cell holds it).
fn text<T: Display + FromStr + PartialEq + Debug>(v: &T) -> Result<(), TestCaseError>
where
    T::Err: Display,
{
    let s = v.to_string();
    let back: T = s.parse().map_err(|e| TestCaseError::fail(format!("{e}: {s:?} does not read back")))?;
    prop_assert_eq!(&back, v, "through {:?}", s);
    Ok(())
}

/// Any finite `f64` in `0..=max`: every bit pattern (subnormals included) and decimal-looking
/// values of up to nine digits at any scale.
fn non_negative(max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u64..0x7FF0_0000_0000_0000).prop_map(f64::from_bits),
        (1u64..1_000_000_000, -30i32..30).prop_map(|(m, e)| format!("{m}e{e}").parse().unwrap_or(0.0)),
    ]
    .prop_map(move |v: f64| if v > max { v % max } else { v })
}

/// Any finite `f64` of magnitude at most `max`.
fn signed(max: f64) -> impl Strategy<Value = f64> {
    (non_negative(max), any::<bool>()).prop_map(|(v, neg)| if neg { -v } else { v })
}

fn basis() -> impl Strategy<Value = Basis> {
    prop_oneof![
        Just(Basis::contained(Element::Li)),
        Just(Basis::lce()),
        Just(Basis::sc6()),
        assay().prop_map(|a| Basis::gross_with_assay(Form::Concentrate(Mineral::Spodumene), a)),
    ]
}

/// An assay of any fraction in (0, 1].
fn assay() -> impl Strategy<Value = Assay> {
    (non_negative(1.0).prop_filter("positive", |f| *f > 0.0), prop::sample::select(vec!["Li2O", "Li", "Li2CO3"]))
        .prop_map(|(f, species)| Assay::new(f, Compound::new(species).unwrap()).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn amounts_reload_equal(kg in non_negative(1e300), t in non_negative(1e300), b in basis()) {
        json(&Amount::new(Mass::new::<kilogram>(kg), b.clone()).unwrap())?;
        json(&Amount::tonnes(t, b).unwrap())?;
    }

    #[test]
    fn rates_and_capacities_reload_equal(si in non_negative(1e300), quoted in non_negative(1e300), b in basis()) {
        json(&Rate::new(MassRate::new::<kilogram_per_second>(si), b.clone()).unwrap())?;
        let rate = Rate::tonnes_per_year(quoted, b).unwrap();
        json(&rate)?;
        json(&Capacity::Mass(rate))?;
        json(&Capacity::GwhPerYear(Power::new::<watt>(si)))?;
        json(&Capacity::gwh_per_year(quoted).unwrap())?;
    }

    #[test]
    fn assays_and_bases_reload_equal(a in assay(), b in basis()) {
        text(&a)?;
        json(&a)?;
        text(&b)?;
        json(&b)?;
    }

    #[test]
    fn periods_reload_equal(y in 1900i32..=2100, m in 1u8..=12, d in 1u32..=31) {
        let periods = [Period::year(y).unwrap(), Period::month(y, m).unwrap()];
        for p in periods.iter().chain(NaiveDate::from_ymd_opt(y, u32::from(m), d).map(|d| Period::day(d).unwrap()).iter()) {
            text(p)?;
            json(p)?;
        }
    }

    #[test]
    fn money_prices_and_grades_reload_equal(v in signed(1e300), p in non_negative(1e300), f in non_negative(1.0), year in 1900i32..2100) {
        let m = Money::new(v, Currency::USD).unwrap();
        json(&m)?;
        json(&m.with_price_year(year).unwrap())?;
        json(&Price::per_tonne(p, Currency::EUR, Basis::lce()).unwrap())?;
        if f > 0.0 {
            json(&Grade::with_min_purity_percent(GradeClass::Battery, f * 100.0).unwrap())?;
        }
    }

    #[test]
    fn estimates_and_stated_figures_reload_equal(a in signed(1e300), b in signed(1e300)) {
        let (lo, hi) = (a.min(b), a.max(b));
        json(&Estimate::point(a).unwrap())?;
        json(&Estimate::range(lo, hi).unwrap())?;
        json(&Stated::about(a).unwrap())?;
        json(&Stated::range(lo, hi).unwrap())?;
    }

    #[test]
    fn claims_reload_equal(size in non_negative(1e290), share in non_negative(100.0), rate in signed(99.0), about in any::<bool>()) {
        let stated = |v: f64| if about { Stated::about(v).unwrap() } else { Stated::exact(v).unwrap() };
        let usd_bn = SizeUnit::money(Currency::USD, Scale::Billion);
        json(&Claim::total("t", "batteries", 2030, stated(size), usd_bn).unwrap())?;
        json(&Claim::share("s", "batteries", "Europe", Some(2024), stated(share)).unwrap())?;
        json(&Claim::cagr("g", "batteries", Some(2024), 2030, stated(rate)).unwrap())?;
    }

    #[test]
    fn published_nir_cells_reload_equal(p in non_negative(100.0)) {
        for cell in [PublishedNir::Percent(p), PublishedNir::MoreThan(p), PublishedNir::LessThan(p)] {
            text(&cell)?;
            json(&cell)?;
        }
    }

    #[test]
    fn flows_and_facilities_reload_equal(kg in non_negative(1e300), t in non_negative(1e300), usd in non_negative(1e300)) {
        let au = Country::from_code("AU").unwrap();
        let import = ImportFlow {
            supplier: au,
            hs: HsCode::LITHIUM_CARBONATE,
            quantity: Mass::new::<kilogram>(kg),
            value: Some(Money::new(usd, Currency::USD).unwrap()),
        };
        json(&import)?;
        let flow = TradeFlow::new(Period::year(2023).unwrap(), au, Country::from_code("CN").unwrap(), HsCode::LITHIUM_CARBONATE)
            .unwrap()
            .with_quantity(Amount::tonnes(t, Basis::sc6()).unwrap())
            .with_value(Money::new(usd, Currency::USD).unwrap());
        json(&flow)?;
        let plant = Facility::new("p", "A plant", au, Stage::Refining)
            .unwrap()
            .capacity(Capacity::Mass(Rate::tonnes_per_year(t, Basis::lce()).unwrap()));
        json(&plant)?;
    }
}
