//! §30D: percentages and eligibility on each side of every schedule change.

use chrono::NaiveDate;
use critical_minerals::ErrorKind;
use critical_minerals::geo::Country;
use critical_minerals::policy::us_30d::{MineralFeoc, Note, Reason, Us30dRule, Vehicle};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn vehicle(acquired: NaiveDate, pis: NaiveDate, cm: f64, bc: f64) -> Vehicle {
    Vehicle {
        acquired,
        placed_in_service: pis,
        critical_mineral_share: cm,
        battery_component_share: bc,
        feoc_battery_components: false,
        feoc_critical_minerals: MineralFeoc::None,
    }
}

/// (placed in service, critical-mineral %, battery-component %)
const SCHEDULE: &[((i32, u32, u32), f64, f64)] = &[
    ((2023, 4, 18), 0.40, 0.50),
    ((2023, 12, 31), 0.40, 0.50),
    ((2024, 1, 1), 0.50, 0.60),
    ((2024, 12, 31), 0.50, 0.60),
    ((2025, 1, 1), 0.60, 0.60),
    ((2025, 12, 31), 0.60, 0.60),
    ((2026, 1, 1), 0.70, 0.70),
    ((2026, 12, 31), 0.70, 0.70),
    ((2027, 1, 1), 0.80, 0.80),
    ((2027, 12, 31), 0.80, 0.80),
    ((2028, 1, 1), 0.80, 0.90),
    ((2028, 12, 31), 0.80, 0.90),
    ((2029, 1, 1), 0.80, 1.00),
    ((2032, 6, 30), 0.80, 1.00),
];

#[test]
fn percentages_either_side_of_each_step() {
    let rule = Us30dRule::ira();
    for &((y, m, day), cm, bc) in SCHEDULE {
        let pis = d(y, m, day);
        assert_eq!(rule.critical_mineral_percentage(pis).unwrap(), cm, "minerals {pis}");
        assert_eq!(rule.battery_component_percentage(pis).unwrap(), bc, "components {pis}");
    }
}

#[test]
fn shares_exactly_at_and_just_below_the_percentage() {
    // acquired on the last day, so termination never bites; placed in service on each date
    let rule = Us30dRule::ira();
    for &((y, m, day), cm, bc) in SCHEDULE {
        let pis = d(y, m, day);
        let acquired = pis.min(d(2025, 9, 30));
        let at = rule.evaluate(&vehicle(acquired, pis, cm, bc)).unwrap();
        assert_eq!(at.credit_usd, 7_500.0, "{pis} at the percentages");
        assert!(at.reasons.is_empty(), "{pis}: {:?}", at.reasons);
        let below = rule.evaluate(&vehicle(acquired, pis, cm - 0.01, bc - 0.01)).unwrap();
        assert_eq!(below.credit_usd, 0.0, "{pis} below the percentages");
        assert_eq!(
            below.reasons,
            vec![
                Reason::CriticalMineralShareBelow { share: cm - 0.01, required: cm },
                Reason::BatteryComponentShareBelow { share: bc - 0.01, required: bc },
            ]
        );
        // one part only
        let one = rule.evaluate(&vehicle(acquired, pis, cm, bc - 0.01)).unwrap();
        assert_eq!(one.credit_usd, 3_750.0);
        assert!(one.critical_minerals.eligible && !one.battery_components.eligible);
    }
}

#[test]
fn sourcing_requirements_start_on_2023_04_18() {
    let rule = Us30dRule::ira();
    let before = rule.evaluate(&vehicle(d(2023, 4, 1), d(2023, 4, 17), 1.0, 1.0));
    assert_eq!(
        before.map_err(|e| (e.kind(), e.to_string())),
        Err((ErrorKind::NotInForce, "rule us-irc-30d did not exist on 2023-04-17".to_string()))
    );
    assert!(rule.critical_mineral_percentage(d(2023, 4, 17)).is_err());
    assert!(rule.battery_component_percentage(d(2023, 4, 17)).is_err());
    let first = rule.evaluate(&vehicle(d(2023, 4, 1), d(2023, 4, 18), 0.40, 0.50)).unwrap();
    assert_eq!(first.credit_usd, 7_500.0);
}

#[test]
fn acquisition_after_2025_09_30_ends_the_credit_whatever_the_delivery_date() {
    let rule = Us30dRule::ira();
    let cases = [
        // (acquired, placed in service, credit)
        (d(2025, 9, 30), d(2025, 9, 30), 7_500.0),
        (d(2025, 9, 30), d(2025, 10, 1), 7_500.0),
        (d(2025, 9, 30), d(2026, 3, 1), 7_500.0),
        (d(2025, 10, 1), d(2025, 10, 1), 0.0),
        (d(2025, 10, 1), d(2026, 3, 1), 0.0),
    ];
    for (acq, pis, usd) in cases {
        let a = rule.evaluate(&vehicle(acq, pis, 1.0, 1.0)).unwrap();
        assert_eq!(a.credit_usd, usd, "acquired {acq}, placed in service {pis}");
        assert_eq!(a.eligible(), usd > 0.0);
        let terminated = a.reasons.iter().any(|r| matches!(r, Reason::AcquiredAfterTermination { .. }));
        assert_eq!(terminated, usd == 0.0);
        // the shares are still met: only termination bars it
        assert!(a.critical_minerals.share_met && a.battery_components.share_met);
    }
}

#[test]
fn feoc_dates() {
    let rule = Us30dRule::ira();
    let with = |pis: NaiveDate, comp: bool, min: MineralFeoc| {
        let mut v = vehicle(pis.min(d(2025, 9, 30)), pis, 1.0, 1.0);
        v.feoc_battery_components = comp;
        v.feoc_critical_minerals = min;
        rule.evaluate(&v).unwrap()
    };
    // battery components: barred after 2023-12-31
    assert_eq!(with(d(2023, 12, 31), true, MineralFeoc::None).credit_usd, 7_500.0);
    let a = with(d(2024, 1, 1), true, MineralFeoc::None);
    assert_eq!(a.credit_usd, 0.0);
    assert_eq!(a.reasons, vec![Reason::FeocBatteryComponents { placed_in_service: d(2024, 1, 1) }]);
    // critical minerals: barred after 2024-12-31
    assert_eq!(with(d(2024, 12, 31), false, MineralFeoc::Traced).credit_usd, 7_500.0);
    let a = with(d(2025, 1, 1), false, MineralFeoc::Traced);
    assert_eq!(a.credit_usd, 0.0);
    assert_eq!(a.reasons, vec![Reason::FeocCriticalMinerals { placed_in_service: d(2025, 1, 1) }]);
    // graphite (impracticable to trace): transition through 2026 as read here
    let a = with(d(2026, 12, 31), false, MineralFeoc::ImpracticableToTraceOnly);
    assert_eq!(a.credit_usd, 7_500.0);
    assert_eq!(a.notes, vec![Note::GraphiteTransitionApplied { until: d(2026, 12, 31) }]);
    let a = with(d(2027, 1, 1), false, MineralFeoc::ImpracticableToTraceOnly);
    assert_eq!(a.credit_usd, 0.0);
    assert!(a.notes.is_empty());
}

#[test]
fn bad_input_is_a_typed_error() {
    let rule = Us30dRule::ira();
    let ok = vehicle(d(2025, 1, 1), d(2025, 2, 1), 0.7, 0.7);
    let cases: Vec<(&str, Vehicle)> = vec![
        ("NaN minerals", Vehicle { critical_mineral_share: f64::NAN, ..ok.clone() }),
        ("negative minerals", Vehicle { critical_mineral_share: -0.1, ..ok.clone() }),
        ("minerals above 1", Vehicle { critical_mineral_share: 1.01, ..ok.clone() }),
        ("infinite components", Vehicle { battery_component_share: f64::INFINITY, ..ok.clone() }),
        ("negative components", Vehicle { battery_component_share: -1.0, ..ok.clone() }),
        ("before the rule", Vehicle { acquired: d(2020, 1, 1), placed_in_service: d(2020, 1, 2), ..ok.clone() }),
        ("placed in service before acquired", Vehicle { acquired: d(2025, 3, 1), ..ok.clone() }),
    ];
    for (what, v) in cases {
        match rule.evaluate(&v) {
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::OutOfRange | ErrorKind::NotFinite | ErrorKind::NotInForce | ErrorKind::Order
                ) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn rule_and_result_serialise() {
    let rule = Us30dRule::ira();
    let json = serde_json::to_string(&rule).unwrap();
    let back: Us30dRule = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rule);
    assert!(json.contains("2023-04-18"));
    let a = rule.evaluate(&vehicle(d(2025, 10, 1), d(2025, 10, 2), 0.1, 1.0)).unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains("\"reason\":\"acquired-after-termination\""), "{json}");
    assert_eq!(serde_json::from_str::<critical_minerals::policy::us_30d::VehicleAssessment>(&json).unwrap(), a);
    // every citation names a publisher and title
    assert!(rule.citations.iter().all(|c| !c.source.publisher.is_empty() && !c.source.title.is_empty()));
}

#[test]
fn japan_counts_as_an_fta_country_for_critical_minerals() -> Result<(), Box<dyn std::error::Error>> {
    let rule = Us30dRule::ira();
    let c = |code: &str| Country::from_code(code);
    // Treasury counts Japan (US-Japan Critical Minerals Agreement, 2023) beside the 20 FTA partners
    assert!(rule.is_qualifying_country(c("JP")?));
    for code in critical_minerals::geo::US_FTA_PARTNERS_ALPHA2 {
        assert!(rule.is_qualifying_country(c(code)?), "{code}");
    }
    assert!(rule.is_qualifying_country(c("US")?));
    for code in ["CN", "ID", "CD", "DE", "AR"] {
        assert!(!rule.is_qualifying_country(c(code)?), "{code}");
    }
    // lithium refined in Japan qualifies; recycled material only when recycled in North America
    let share = rule.critical_mineral_share(&[(c("JP")?, false, 60.0), (c("CN")?, false, 40.0)])?;
    assert!((share - 0.6).abs() < 1e-12);
    let share = rule.critical_mineral_share(&[(c("MX")?, true, 1.0), (c("JP")?, true, 1.0)])?;
    assert!((share - 0.5).abs() < 1e-12);
    assert!(rule.critical_mineral_share(&[]).is_err());
    assert!(rule.critical_mineral_share(&[(c("JP")?, false, f64::NAN)]).is_err());
    assert!(rule.critical_mineral_share(&[(c("JP")?, false, 0.0)]).is_err());
    assert!(rule.citations.iter().any(|x| x.supports.contains("Japan")));
    Ok(())
}

#[test]
fn reasons_and_notes_display_as_sentences() {
    let r = Reason::CriticalMineralShareBelow { share: 0.35, required: 0.6 };
    assert_eq!(r.to_string(), "critical-mineral share 35 % is below the applicable 60 %: no critical-minerals part");
    let d = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
    let t = Reason::AcquiredAfterTermination { acquired: d, last_day: last }.to_string();
    assert!(t.contains("2025-10-01") && t.contains("2025-09-30"), "{t}");
    let n = Note::GraphiteTransitionApplied { until: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap() };
    assert!(n.to_string().contains("2026-12-31"));
}
