//! §45X battery-component credits.

use chrono::NaiveDate;
use critical_minerals::ErrorKind;
use critical_minerals::policy::us_45x::{Component, CostBasedComponent, Note45x, Us45xRule};
use critical_minerals::units::{Energy, Power, energy::kilowatt_hour, gigawatt_hours, kilowatt_hours, power::watt};
use uom::si::{f64::Volume, volume::liter};

#[test]
fn cell_plant_output_at_35_per_kwh() {
    let rule = Us45xRule::ira();
    // a 35 GWh/yr cell plant selling its full output in 2026
    let out = gigawatt_hours(35.0);
    let c = rule.credit(Component::Cell, out, 2026).unwrap();
    assert_eq!(c.capacity_kwh, 35_000_000.0);
    assert_eq!(c.rate_usd_per_kwh, 35.0);
    assert_eq!(c.credit_usd, 35.0 * 35_000_000.0);
    let m = rule.credit(Component::Module, out, 2026).unwrap();
    assert_eq!(m.credit_usd, 10.0 * 35_000_000.0);
}

#[test]
fn phase_down_years() {
    let rule = Us45xRule::ira();
    let out = kilowatt_hours(1_000.0);
    for (year, fraction) in
        [(2023, 1.0), (2029, 1.0), (2030, 0.75), (2031, 0.50), (2032, 0.25), (2033, 0.0), (2040, 0.0)]
    {
        let cell = rule.credit(Component::Cell, out, year).unwrap();
        assert_eq!(cell.phase_down_fraction, fraction, "{year}");
        assert_eq!(cell.credit_usd, 35_000.0 * fraction, "cell {year}");
        let module = rule.credit(Component::Module, out, year).unwrap();
        assert_eq!(module.credit_usd, 10_000.0 * fraction, "module {year}");
        let eam = rule.cost_based_credit(CostBasedComponent::ElectrodeActiveMaterial, 1e6, year).unwrap();
        assert_eq!(eam.credit_usd, 100_000.0 * fraction, "eam {year}");
        // critical minerals are not phased down under the IRA text; the OBBBA change is flagged
        let cm = rule.cost_based_credit(CostBasedComponent::CriticalMineral, 1e6, year).unwrap();
        assert_eq!(cm.credit_usd, 100_000.0, "critical minerals {year}");
        assert!(cm.notes.contains(&Note45x::CriticalMineralScheduleUnconfirmed));
        let foreign = cell.notes.iter().any(|n| matches!(n, Note45x::ForeignEntityRulesMayApply { .. }));
        assert_eq!(foreign, year >= 2025);
    }
}

#[test]
fn foreign_entity_tax_years() {
    let rule = Us45xRule::ira();
    assert!(!rule.foreign_entity_rules_apply(NaiveDate::from_ymd_opt(2025, 7, 4).unwrap()));
    assert!(rule.foreign_entity_rules_apply(NaiveDate::from_ymd_opt(2025, 7, 5).unwrap()));
    assert!(rule.foreign_entity_rules_apply(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
}

#[test]
fn cell_conditions() {
    let rule = Us45xRule::ira();
    let l = |v: f64| Volume::new::<liter>(v);
    let w = |v: f64| Power::new::<watt>(v);
    // pouch cell: 200 Wh, 0.5 L, 400 W
    let ok = rule.check_cell(kilowatt_hours(0.2), l(0.5), w(400.0)).unwrap();
    assert!(ok.all_met());
    assert_eq!(ok.wh_per_litre, 400.0);
    assert_eq!(ok.capacity_to_power_hours, 0.5);
    // 11 Wh: below the minimum
    assert!(!rule.check_cell(kilowatt_hours(0.011), l(0.01), w(20.0)).unwrap().min_capacity_met);
    // 12 Wh exactly: met
    assert!(rule.check_cell(kilowatt_hours(0.012), l(0.01), w(20.0)).unwrap().min_capacity_met);
    // 50 Wh in 1 L: too sparse
    assert!(!rule.check_cell(kilowatt_hours(0.05), l(1.0), w(100.0)).unwrap().energy_density_met);
    // 200 Wh at 1 W: 200 hours, above 100:1
    assert!(!rule.check_cell(kilowatt_hours(0.2), l(0.5), w(1.0)).unwrap().capacity_to_power_met);
    assert!(rule.check_cell(kilowatt_hours(0.2), l(0.5), w(2.0)).unwrap().capacity_to_power_met);
}

#[test]
fn bad_input_is_a_typed_error() {
    let rule = Us45xRule::ira();
    let energies: Vec<(&str, Energy, i32)> = vec![
        ("negative energy", kilowatt_hours(-1.0), 2026),
        ("NaN energy", kilowatt_hours(f64::NAN), 2026),
        ("infinite energy", Energy::new::<kilowatt_hour>(f64::INFINITY), 2026),
    ];
    for (what, e, y) in energies {
        assert!(
            matches!(rule.credit(Component::Cell, e, y), Err(ref e) if matches!(e.kind(), ErrorKind::Negative | ErrorKind::NotFinite)),
            "{what}"
        );
    }
    assert_eq!(
        rule.credit(Component::Module, kilowatt_hours(1.0), 2022).map_err(|e| (e.kind(), e.to_string())),
        Err((ErrorKind::NotInForce, "rule us-irc-45x does not apply to 2022: it applies from 2023".to_string()))
    );
    for cost in [-1.0, f64::NAN] {
        assert!(matches!(
            rule.cost_based_credit(CostBasedComponent::CriticalMineral, cost, 2026),
            Err(ref e) if matches!(e.kind(), ErrorKind::Negative | ErrorKind::NotFinite)
        ));
    }
    assert!(rule.cost_based_credit(CostBasedComponent::ElectrodeActiveMaterial, 1.0, 2022).is_err());
    let l = Volume::new::<liter>;
    let w = Power::new::<watt>;
    assert!(rule.check_cell(kilowatt_hours(-0.1), l(0.5), w(1.0)).is_err());
    assert!(rule.check_cell(kilowatt_hours(0.1), l(0.0), w(1.0)).is_err());
    assert!(rule.check_cell(kilowatt_hours(0.1), l(0.5), w(0.0)).is_err());
    assert!(rule.check_cell(kilowatt_hours(0.1), l(f64::NAN), w(1.0)).is_err());
}

#[test]
fn zero_output_is_zero_credit() {
    let c = Us45xRule::ira().credit(Component::Cell, kilowatt_hours(0.0), 2026).unwrap();
    assert_eq!(c.credit_usd, 0.0);
}

#[test]
fn rule_and_result_serialise() {
    let rule = Us45xRule::ira();
    let json = serde_json::to_string(&rule).unwrap();
    assert_eq!(serde_json::from_str::<Us45xRule>(&json).unwrap(), rule);
    assert!(json.contains("\"cell_usd_per_kwh\":35.0"));
    let c = rule.credit(Component::Cell, kilowatt_hours(10.0), 2030).unwrap();
    let json = serde_json::to_string(&c).unwrap();
    assert!(json.contains("\"credit_usd\":262.5"), "{json}");
}

#[test]
fn notes_display_as_sentences() {
    use critical_minerals::policy::us_45x::Note45x;
    let n = Note45x::ForeignEntityRulesMayApply {
        tax_years_beginning_after: chrono::NaiveDate::from_ymd_opt(2025, 7, 4).unwrap(),
    };
    assert!(n.to_string().contains("2025-07-04"));
    assert!(Note45x::CriticalMineralScheduleUnconfirmed.to_string().contains("unconfirmed"));
}
