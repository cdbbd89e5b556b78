//! Property tests of bases and amounts: conversions round-trip, go through any intermediate
//! basis, same-basis sums behave like sums, and bad masses are refused.

use critical_minerals::ErrorKind;
use critical_minerals::material::{Amount, Assay, Basis, Compound, Element, Form, Mineral};
use proptest::prelude::*;

/// Relative error bound of the round trips: each conversion is one multiplication by a ratio
/// of sums of a few atomic weights, so a few ulps (about 1e-15 each) accumulate; 1e-12 leaves
/// room without hiding a wrong factor (which errs by far more than 1e-12).
const REL: f64 = 1e-12;

fn rel_err(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { (a - b).abs() / a.abs().max(b.abs()) }
}

/// Lithium bases: contained, equivalents, SC6, and concentrates and brines of random assay.
fn lithium_basis() -> impl Strategy<Value = Basis> {
    prop_oneof![
        Just(Basis::contained(Element::Li)),
        Just(Basis::lce()),
        Just(Basis::lithium_hydroxide_monohydrate()),
        Just(Basis::li2o()),
        Just(Basis::equivalent(Compound::lithium_hydroxide())),
        Just(Basis::sc6()),
        Just(Basis::gross(Form::Chemical(Compound::lithium_carbonate()))),
        (0.1f64..=8.0).prop_map(|pct| {
            let a = Assay::percent(pct, Compound::lithium_oxide()).ok();
            Basis::Gross { form: Form::Concentrate(Mineral::Spodumene), assay: a }
        }),
        (0.001f64..=0.5).prop_map(|pct| {
            let li = Compound::new("Li").ok();
            let a = li.and_then(|c| Assay::percent(pct, c).ok());
            Basis::Gross { form: Form::Ore(Mineral::Brine), assay: a }
        }),
    ]
}

fn tonnes() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 1e-6f64..1e9]
}

fn amount(t: f64, b: &Basis) -> Amount {
    Amount::tonnes(t, b.clone()).unwrap_or_else(|e| panic!("{t} t {b}: {e}"))
}

proptest! {
    #[test]
    fn conversions_round_trip(t in tonnes(), a in lithium_basis(), b in lithium_basis()) {
        let x = amount(t, &a);
        let there = x.convert_to(&b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(there.basis(), &b);
        let back = there.convert_to(&a).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(rel_err(back.in_tonnes(), t) < REL, "{} -> {} -> {}: {} vs {}", a, b, a, back.in_tonnes(), t);
        let k = a.factor_to(&b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let k_back = b.factor_to(&a).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(rel_err(k * k_back, 1.0) < REL);
    }

    #[test]
    fn converting_via_li2o_equals_converting_directly(t in tonnes(), a in lithium_basis(), b in lithium_basis()) {
        let x = amount(t, &a);
        let direct = x.convert_to(&b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let via = x
            .convert_to(&Basis::li2o())
            .and_then(|y| y.convert_to(&b))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(rel_err(direct.in_tonnes(), via.in_tonnes()) < REL);
    }

    #[test]
    fn same_basis_addition_commutes_and_associates(
        x in tonnes(), y in tonnes(), z in tonnes(), b in lithium_basis()
    ) {
        let (ax, ay, az) = (amount(x, &b), amount(y, &b), amount(z, &b));
        let add = |p: &Amount, q: &Amount| p.try_add(q).map_err(|e| TestCaseError::fail(e.to_string()));
        // IEEE addition is commutative exactly
        prop_assert_eq!(add(&ax, &ay)?, add(&ay, &ax)?);
        // and associative up to rounding: one ulp of the sum per addition
        let left = add(&add(&ax, &ay)?, &az)?.in_tonnes();
        let right = add(&ax, &add(&ay, &az)?)?.in_tonnes();
        prop_assert!(rel_err(left, right) < 1e-15 * 4.0, "{} vs {}", left, right);
        prop_assert!(rel_err(left, x + y + z) < 1e-15 * 4.0);
    }

    #[test]
    fn mixing_bases_is_an_error(x in tonnes(), y in tonnes(), a in lithium_basis(), b in lithium_basis()) {
        prop_assume!(a != b);
        let r = amount(x, &a).try_add(&amount(y, &b));
        let is_mismatch = matches!(r, Err(ref e) if e.kind() == ErrorKind::Mismatch);
        prop_assert!(is_mismatch, "{:?}", r);
    }

    #[test]
    fn negative_masses_are_refused(t in -1e12f64..-1e-300, b in lithium_basis()) {
        let is_negative = matches!(Amount::tonnes(t, b), Err(ref e) if e.kind() == ErrorKind::Negative);
        prop_assert!(is_negative);
    }

    #[test]
    fn scaling_commutes_with_conversion(t in tonnes(), k in 0.0f64..10.0, a in lithium_basis(), b in lithium_basis()) {
        let x = amount(t, &a);
        let p = x.scale(k).and_then(|y| y.convert_to(&b)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let q = x.convert_to(&b).and_then(|y| y.scale(k)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(rel_err(p.in_tonnes(), q.in_tonnes()) < REL);
    }
}

#[test]
fn non_finite_masses_are_refused() {
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let r = Amount::tonnes(v, Basis::lce());
        assert!(matches!(r, Err(ref e) if e.kind() == ErrorKind::NotFinite), "{v}: {r:?}");
    }
    assert!(matches!(Amount::tonnes(-0.5, Basis::lce()), Err(ref e) if e.kind() == ErrorKind::Negative));
}

#[test]
fn overflowing_results_are_refused_not_stored() {
    let big = amount(1e300, &Basis::contained(Element::Li));
    // 1e300 t is 1e303 kg: doubling stays finite, x 1e10 does not; 1e305 t (1e308 kg) overflows
    // when doubled or converted to LCE (f64::MAX is 1.8e308)
    assert!(big.try_add(&big).is_ok());
    assert!(matches!(big.scale(1e10), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    let huge = amount(1e305, &Basis::contained(Element::Li));
    assert!(matches!(huge.convert_to(&Basis::lce()), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(huge.try_add(&huge), Err(ref e) if e.kind() == ErrorKind::NotFinite));
}

#[test]
fn formula_counts_cannot_overflow() {
    let huge = format!("(Li{})({})", "9".repeat(300), "9".repeat(300));
    let e = Compound::new(&huge).unwrap_err();
    assert_eq!(e.kind(), critical_minerals::ErrorKind::Parse);
    assert!(e.to_string().len() < 300, "{e}");
    // nesting within the per-count limit still cannot reach infinity
    let nested = format!("{}Li{}", "(".repeat(40), ")999999".repeat(40));
    assert!(Compound::new(&nested).is_err());
    let ok = Compound::new("Li999999").unwrap();
    assert!(ok.molar_mass().is_finite());
}

#[test]
fn a_basis_displays_as_what_it_reads_back_to() {
    // lithium carbonate counted on its carbon is not LCE
    let carbon_first: Basis = "CO3Li2".parse().unwrap();
    assert_eq!(carbon_first.element(), Some(Element::C));
    assert_eq!(carbon_first.to_string(), "CO3Li2");
    let back: Basis = carbon_first.to_string().parse().unwrap();
    assert_eq!(back.element(), Some(Element::C));
    assert_eq!(Basis::lce().to_string(), "LCE");
    // assays of any precision survive text
    for text in ["brine@0.00000001%Li", "spodumene-concentrate@6.00000049%Li2O", "brine@0.016%Li"] {
        let b: Basis = text.parse().unwrap();
        assert_eq!(b.to_string(), text);
        assert_eq!(b.to_string().parse::<Basis>().unwrap(), b);
    }
}

proptest! {
    #[test]
    fn assays_round_trip_through_text(f in 1e-12..=1.0f64) {
        let a = Assay::new(f, Compound::lithium_oxide()).unwrap();
        let back: Assay = a.to_string().parse().unwrap();
        prop_assert_eq!(back, a);
    }
}
