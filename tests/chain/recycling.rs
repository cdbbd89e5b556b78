//! Recycling supply from retirements, its share of demand and the CRMA recycling benchmark.

use chrono::NaiveDate;
use critical_minerals::ErrorKind;
use critical_minerals::chain::Stage;
use critical_minerals::chain::battery::Composition;
use critical_minerals::chain::recycling::{Process, RecoveryRates, material_flows, recycled_supply};
use critical_minerals::chain::stock::{DynamicStockModel, Flows, InflowTiming, Lifetime, SurvivalTable};
use critical_minerals::geo::BuiltinRegion;
use critical_minerals::material::{CathodeChemistry, Element};
use critical_minerals::policy::crma::{Benchmark, CrmaRule};
use critical_minerals::units::gigawatt_hours_per_year as gwh;

fn comp(c: CathodeChemistry) -> Composition {
    Composition::builtin(c).unwrap()
}

#[test]
fn retirements_from_a_stock_model_become_recycled_supply() {
    let sales: Vec<_> = (0..20).map(|i| gwh(10.0 * f64::from(i + 1))).collect();
    let sales = Flows::energy(2020, &sales).unwrap();
    let table = SurvivalTable::new(2020, 20, Lifetime::fixed(8.0).unwrap(), InflowTiming::AtGridPoint).unwrap();
    let retired = DynamicStockModel::inflow_driven(&table, &sales).unwrap().outflow();
    // fixed lifetime 8: 2028 retires the 2020 sales (10 GWh)
    assert!((retired.get(2028).unwrap() - 10.0).abs() < 1e-12);
    let nmc = comp(CathodeChemistry::Nmc811);
    let lfp = comp(CathodeChemistry::Lfp);
    let hydro = RecoveryRates::builtin(Process::Hydrometallurgical);
    let s = recycled_supply(
        &[(nmc.clone(), retired.clone()), (lfp.clone(), retired)],
        0.8,
        &hydro,
        &[Element::Li, Element::Co],
    )
    .unwrap();
    let li = s.recovered(Element::Li).unwrap();
    let want = 10.0 * (nmc.kg_per_kwh(Element::Li) + lfp.kg_per_kwh(Element::Li)) * 1_000.0 * 0.8 * 0.9;
    assert!((li.get(2028).unwrap() - want).abs() < 1e-9);
    assert_eq!(li.get(2027), Some(0.0));
    // collection and recovery never create material
    for r in &s.rows {
        assert!(r.recovered_t <= r.collected_t && r.collected_t <= r.end_of_life_t);
    }
    // pyrometallurgy loses the lithium
    let pyro = recycled_supply(
        &[(nmc, sales.clone())],
        1.0,
        &RecoveryRates::builtin(Process::Pyrometallurgical),
        &[Element::Li],
    )
    .unwrap();
    assert!(pyro.recovered(Element::Li).unwrap().values().iter().all(|&v| v == 0.0));
    let json = serde_json::to_value(&s).unwrap();
    assert!(json["rows"][0]["recovered_t"].is_number());
}

#[test]
fn share_of_demand_and_the_crma_benchmark() {
    let nmc = comp(CathodeChemistry::Nmc622);
    let retired = Flows::energy(2030, &[gwh(20.0), gwh(30.0)]).unwrap();
    let new = Flows::energy(2030, &[gwh(100.0), gwh(100.0)]).unwrap();
    let demand = material_flows(&new, &nmc, Element::Ni).unwrap();
    let s =
        recycled_supply(&[(nmc, retired)], 1.0, &RecoveryRates::new(&[(Element::Ni, 1.0)]).unwrap(), &[Element::Ni])
            .unwrap();
    let shares = s.share_of_demand(Element::Ni, &demand).unwrap();
    assert!((shares[0].share.unwrap() - 0.2).abs() < 1e-12);
    assert!((shares[1].share.unwrap() - 0.3).abs() < 1e-12);
    let rule = CrmaRule::regulation_2024_1252();
    let day = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap();
    let eu = BuiltinRegion::Eu27.region().unwrap();
    let a = rule.evaluate(day, &[s.recycling_localization(Element::Ni, 2030, &demand, &eu).unwrap()]).unwrap();
    let r = a.get(Benchmark::Recycling, Stage::Recycling).unwrap();
    assert!(!r.met && (r.margin + 0.05).abs() < 1e-12 && r.threshold == rule.recycling_min);
    let a = rule.evaluate(day, &[s.recycling_localization(Element::Ni, 2031, &demand, &eu).unwrap()]).unwrap();
    assert!(a.get(Benchmark::Recycling, Stage::Recycling).unwrap().met);
    // before the regulation existed
    let early = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let ni_2030 = s.recycling_localization(Element::Ni, 2030, &demand, &eu).unwrap();
    assert_eq!(rule.evaluate(early, &[ni_2030]).unwrap_err().kind(), ErrorKind::NotInForce);
}

#[test]
fn bad_input_gives_typed_errors() {
    let nmc = comp(CathodeChemistry::Nmc811);
    let hydro = RecoveryRates::builtin(Process::Hydrometallurgical);
    let retired = Flows::energy(2030, &[gwh(1.0)]).unwrap();
    assert_eq!(
        recycled_supply(&[(nmc.clone(), retired.clone())], 1.1, &hydro, &[Element::Li]).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(recycled_supply(&[], 0.5, &hydro, &[Element::Li]).unwrap_err().kind(), ErrorKind::Empty);
    assert_eq!(
        recycled_supply(&[(nmc.clone(), retired.clone())], 0.5, &hydro, &[]).unwrap_err().kind(),
        ErrorKind::Empty
    );
    let items = Flows::items(2030, "packs", &[1.0]).unwrap();
    assert_eq!(
        recycled_supply(&[(nmc.clone(), items)], 0.5, &hydro, &[Element::Li]).unwrap_err().kind(),
        ErrorKind::Mismatch
    );
    let longer = Flows::energy(2030, &[gwh(1.0), gwh(2.0)]).unwrap();
    let e = recycled_supply(&[(nmc.clone(), retired.clone()), (nmc.clone(), longer)], 0.5, &hydro, &[Element::Li])
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Mismatch);
    assert!(e.to_string().contains("2030–2031"), "{e}");
    let s = recycled_supply(&[(nmc.clone(), retired.clone())], 0.5, &hydro, &[Element::Li]).unwrap();
    assert_eq!(s.recovered(Element::Co).unwrap_err().kind(), ErrorKind::Unknown);
    // demand on another basis (cobalt demand against lithium supply)
    let co = material_flows(&retired, &nmc, Element::Co).unwrap();
    assert_eq!(s.share_of_demand(Element::Li, &co).unwrap_err().kind(), ErrorKind::Mismatch);
    let zero = material_flows(&Flows::energy(2030, &[gwh(0.0)]).unwrap(), &nmc, Element::Li).unwrap();
    let eu = BuiltinRegion::Eu27.region().unwrap();
    assert_eq!(s.recycling_localization(Element::Li, 2030, &zero, &eu).unwrap_err().kind(), ErrorKind::ZeroTotal);
    assert_eq!(RecoveryRates::new(&[(Element::Li, 0.5), (Element::Li, 0.6)]).unwrap_err().kind(), ErrorKind::Duplicate);
}
