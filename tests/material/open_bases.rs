//! The bases of the open data: gross concentrates (beryl), gross commodities of no stated
//! composition, and every World Mining Data reporting basis against its element.

use critical_minerals::ErrorKind;
use critical_minerals::dataset::Commodity;
use critical_minerals::material::{Basis, Element, Form, Mineral};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_concentrate_converts_only_with_its_assay() -> TestResult {
    let gross: Basis = "beryl-concentrate".parse()?;
    assert_eq!(gross, Basis::gross(Form::Concentrate(Mineral::Beryl)));
    let be = Basis::contained(Element::Be);
    let err = gross.factor_to(&be).expect_err("no assay");
    assert_eq!(err.kind(), ErrorKind::NotConvertible);
    assert!(err.to_string().contains("assay"), "{err}");
    // 11 % BeO: Be is 9.0122 / (9.0122 + 15.999) of BeO
    let assayed: Basis = "beryl-concentrate@11%BeO".parse()?;
    let expected = 0.11 * 9.0122 / (9.0122 + 15.999);
    assert!((assayed.factor_to(&be)? - expected).abs() < 1e-12);
    assert_eq!(assayed.to_string(), "beryl-concentrate@11%BeO");
    assert!(Commodity::all().any(|c| c.id() == "beryllium" && c.accepts_basis(&assayed)));
    Ok(())
}

#[test]
fn a_gross_commodity_round_trips_and_converts_to_nothing() -> TestResult {
    let b: Basis = "commodity:coking-coal".parse()?;
    assert_eq!(b.to_string(), "commodity:coking-coal");
    assert_eq!(serde_json::from_str::<Basis>(&serde_json::to_string(&b)?)?, b);
    assert_eq!(b.element(), None);
    assert_eq!(b.factor_to(&Basis::contained(Element::C)).expect_err("gross").kind(), ErrorKind::NotConvertible);
    for bad in
        ["commodity:", "commodity:Coal", "commodity:coal oil", "commodity:ü", &format!("commodity:{}", "a".repeat(65))]
    {
        assert!(bad.parse::<Basis>().is_err(), "{bad:?}");
    }
    Ok(())
}

/// Every World Mining Data basis that names an element or an oxide converts to the contained
/// element with a factor in (0, 1]; mixtures and gross weights of unknown content refuse.
#[test]
fn every_reporting_basis_converts_to_its_element_or_refuses_with_a_reason() -> TestResult {
    let mut converted = 0;
    for c in Commodity::all() {
        for rb in c.reported_bases() {
            let Some(e) = c.element() else {
                assert!(rb.basis.element().is_none(), "{c}");
                continue;
            };
            match rb.basis.factor_to(&Basis::contained(e)) {
                Ok(f) => {
                    assert!(f > 0.0 && f <= 1.0, "{c} {}: {f}", rb.basis);
                    converted += 1;
                }
                Err(err) => {
                    assert_eq!(err.kind(), ErrorKind::NotConvertible, "{c}");
                    assert!(matches!(rb.basis, Basis::Gross { .. } | Basis::Mixture(_)), "{c} {}", rb.basis);
                }
            }
        }
    }
    // the metals and the oxides (Li2O, Cr2O3, TiO2, Nb2O5, Ta2O5, U3O8, P2O5, K2O, As2O3), V, W, ...
    assert!(converted >= 40, "{converted}");
    let v: Basis = "V".parse()?;
    assert_eq!(v, Basis::contained(Element::V));
    let w: Basis = "W".parse()?;
    assert_eq!(w, Basis::contained(Element::W));
    Ok(())
}
