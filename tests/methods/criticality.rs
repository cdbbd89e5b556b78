//! Bad-input table of `analysis::criticality`: typed errors naming the value, no panics.

use critical_minerals::ErrorKind;
use critical_minerals::methods::criticality::{
    AssessedStage, EndUse, SHARE_SUM_TOLERANCE, Supplier, SupplyRiskInputs, assess, assess_with_thresholds, bottleneck,
    economic_importance, hhi_wgi_t, supply_risk, wgi_scaled,
};

fn sup(share: f64, w: f64, t: f64) -> Supplier {
    Supplier { share, wgi_scaled: w, trade_parameter: t }
}

#[test]
fn wgi_out_of_range() {
    for (v, ok) in [(-2.5, true), (2.5, true), (0.0, true), (-2.6, false), (2.51, false), (f64::NAN, false)] {
        assert_eq!(wgi_scaled(v).is_ok(), ok, "{v}");
    }
    assert!(wgi_scaled(3.0).unwrap_err().to_string().contains('3'));
    assert_eq!(wgi_scaled(1.0).unwrap(), 3.0);
}

#[test]
fn bad_hhi_inputs() {
    let cases: [(&str, Vec<Supplier>); 7] = [
        ("empty", vec![]),
        ("NaN share", vec![sup(f64::NAN, 5.0, 1.0)]),
        ("share above 1", vec![sup(1.5, 5.0, 1.0)]),
        ("negative trade parameter", vec![sup(1.0, 5.0, -0.1)]),
        ("scaled WGI above 10", vec![sup(1.0, 11.0, 1.0)]),
        ("shares sum to 0.9", vec![sup(0.6, 5.0, 1.0), sup(0.3, 5.0, 1.0)]),
        ("shares sum to 1.1", vec![sup(0.6, 5.0, 1.0), sup(0.5, 5.0, 1.0)]),
    ];
    for (name, rows) in cases {
        let err = hhi_wgi_t(&rows).expect_err(name);
        match name {
            "empty" => assert!(err.kind() == ErrorKind::Empty),
            "shares sum to 0.9" | "shares sum to 1.1" => {
                assert!(
                    err.kind() == ErrorKind::Inconsistent
                        && err.to_string().contains(&format!("within {SHARE_SUM_TOLERANCE}"))
                )
            }
            "negative trade parameter" => assert!(err.to_string().contains("supplier 1 trade parameter"), "{err}"),
            _ => assert!(matches!(err.kind(), ErrorKind::NotFinite | ErrorKind::OutOfRange), "{name}: {err:?}"),
        }
    }
    // rounded published shares within the tolerance are accepted
    assert!(hhi_wgi_t(&[sup(0.505, 5.0, 1.0), sup(0.5, 5.0, 1.0)]).is_ok());
}

#[test]
fn bad_supply_risk_inputs() {
    let ok = SupplyRiskInputs {
        hhi_global: 3.0,
        hhi_eu_sourcing: 2.0,
        import_reliance: 0.5,
        eol_rir: 0.1,
        substitution_index: 0.9,
    };
    assert!(supply_risk(&ok).is_ok());
    let cases = [
        ("IR > 1", SupplyRiskInputs { import_reliance: 1.2, ..ok }, "import reliance"),
        ("IR NaN", SupplyRiskInputs { import_reliance: f64::NAN, ..ok }, "import reliance"),
        ("EoL negative", SupplyRiskInputs { eol_rir: -0.1, ..ok }, "EoL_RIR"),
        ("SI > 1", SupplyRiskInputs { substitution_index: 1.01, ..ok }, "SI_SR"),
        ("HHI negative", SupplyRiskInputs { hhi_global: -1.0, ..ok }, "global supply"),
        ("HHI infinite", SupplyRiskInputs { hhi_eu_sourcing: f64::INFINITY, ..ok }, "EU sourcing"),
    ];
    for (name, inputs, needle) in cases {
        let err = supply_risk(&inputs).expect_err(name);
        assert!(err.to_string().contains(needle), "{name}: {err}");
    }
    // worked by hand: [3·0.25 + 2·0.75]·0.9·0.9 = 2.25·0.81 = 1.8225
    assert!((supply_risk(&ok).unwrap() - 1.8225).abs() < 1e-12);
}

#[test]
fn bad_bottleneck_inputs() {
    assert!(matches!(bottleneck([]), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(
        matches!(bottleneck([(AssessedStage::Extraction, f64::NAN)]), Err(ref e) if e.kind() == ErrorKind::NotFinite)
    );
    assert!(matches!(bottleneck([(AssessedStage::Processing, -0.1)]), Err(ref e) if e.kind() == ErrorKind::Negative));
    let dup = bottleneck([(AssessedStage::Extraction, 1.0), (AssessedStage::Extraction, 2.0)]).unwrap_err();
    assert!(dup.kind() == ErrorKind::Duplicate, "{dup:?}");
    // tie: the first given
    let tie = bottleneck([(AssessedStage::Processing, 1.0), (AssessedStage::Extraction, 1.0)]).unwrap();
    assert_eq!(tie.stage, AssessedStage::Processing);
}

#[test]
fn bad_economic_importance_inputs() {
    let u = |a: f64, q: f64| EndUse { share: a, value_added: q };
    let cases: [(&str, Vec<EndUse>, f64, f64); 8] = [
        ("empty", vec![], 100.0, 1.0),
        ("NaN share", vec![u(f64::NAN, 10.0)], 100.0, 1.0),
        ("negative value added", vec![u(1.0, -10.0)], 100.0, 1.0),
        ("shares sum to 0.8", vec![u(0.5, 10.0), u(0.3, 10.0)], 100.0, 1.0),
        ("zero max", vec![u(1.0, 0.0)], 0.0, 1.0),
        ("sector above max", vec![u(1.0, 120.0)], 100.0, 1.0),
        ("SI_EI > 1", vec![u(1.0, 10.0)], 100.0, 1.5),
        ("NaN max", vec![u(1.0, 10.0)], f64::NAN, 1.0),
    ];
    for (name, uses, max_q, si) in cases {
        let err = economic_importance(&uses, max_q, si).expect_err(name);
        match name {
            "empty" => assert!(err.kind() == ErrorKind::Empty),
            "shares sum to 0.8" => assert!(err.kind() == ErrorKind::Inconsistent),
            "zero max" => assert!(err.kind() == ErrorKind::NotPositive),
            "sector above max" => assert!(err.to_string().contains("end use 1 value added"), "{err}"),
            _ => assert!(err.to_string().len() > 10),
        }
    }
}

#[test]
fn verdict_bad_inputs_and_threshold_edges() {
    assert!(assess(f64::NAN, 3.0).is_err());
    assert!(assess(1.0, -3.0).is_err());
    assert!(assess_with_thresholds(1.0, 3.0, f64::INFINITY, 2.8).is_err());
    // thresholds are inclusive
    assert!(assess(1.0, 2.8).unwrap().critical);
    assert!(!assess(0.99, 2.8).unwrap().critical);
    assert!(!assess(1.0, 2.79).unwrap().critical);
    let v = assess(2.0, 5.0).unwrap();
    assert_eq!((v.sr_threshold, v.ei_threshold), (1.0, 2.8));
    assert!(v.to_string().contains("critical"));
}
