//! Property tests of money: scales read from text equal scales applied to numbers, sums need
//! one currency, and a cost does not depend on the basis it is computed on.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::money::{Currency, Money, Price, Scale};
use proptest::prelude::*;

fn scale() -> impl Strategy<Value = Scale> {
    prop::sample::select(Scale::ALL.to_vec())
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(Currency::all().collect::<Vec<_>>())
}

fn lithium_basis() -> impl Strategy<Value = Basis> {
    prop::sample::select(vec![
        Basis::contained(Element::Li),
        Basis::lce(),
        Basis::lithium_hydroxide_monohydrate(),
        Basis::li2o(),
        Basis::sc6(),
    ])
}

fn fail(e: Error) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

proptest! {
    #[test]
    fn text_and_number_scales_agree(cents in 0u64..10_000_000_000, s in scale(), c in currency()) {
        let n = cents as f64 / 100.0;
        let text = format!("{}.{:02} {} {}", cents / 100, cents % 100, s.word(), c.code());
        let parsed = Money::parse(&text).map_err(fail)?;
        let built = Money::from_scaled(n, s, c).map_err(fail)?;
        // parsing scales the decimal text exactly; from_scaled multiplies a rounded f64
        prop_assert!((parsed.amount() - built.amount()).abs() <= built.amount().abs() * 2e-16 * 2.0);
        prop_assert_eq!(parsed.currency(), c);
        prop_assert!((parsed.in_scale(s) - n).abs() <= n.abs() * 1e-15);
    }

    #[test]
    fn addition_commutes_and_needs_one_currency(a in -1e12f64..1e12, b in -1e12f64..1e12, c in currency(), d in currency()) {
        let x = Money::new(a, c).map_err(fail)?;
        let y = Money::new(b, d).map_err(fail)?;
        if c == d {
            prop_assert_eq!(x.try_add(&y).map_err(fail)?, y.try_add(&x).map_err(fail)?);
            let back = x.try_add(&y).and_then(|s| s.try_sub(&y)).map_err(fail)?;
            prop_assert!((back.amount() - a).abs() <= 1e12 * 1e-15 * 4.0);
        } else {
            let mismatch = matches!(x.try_add(&y), Err(ref e) if e.kind() == ErrorKind::Mismatch);
            prop_assert!(mismatch);
        }
    }

    #[test]
    fn cost_is_independent_of_the_basis(
        price in 1.0f64..100_000.0, t in 0.0f64..1e7, a in lithium_basis(), b in lithium_basis()
    ) {
        let p = Price::per_tonne(price, Currency::USD, a.clone()).map_err(fail)?;
        let q = Amount::tonnes(t, a).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let direct = p.cost_of(&q).map_err(fail)?;
        let q_b = q.convert_to(&b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let moved = p.convert_basis(&b).and_then(|pb| pb.cost_of(&q_b)).map_err(fail)?;
        prop_assert!(moved.approx_eq(&direct, 1e-12).map_err(fail)?, "{} vs {}", moved, direct);
    }

    #[test]
    fn non_finite_amounts_are_refused(c in currency(), s in scale()) {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let not_finite = matches!(Money::from_scaled(v, s, c), Err(ref e) if e.kind() == ErrorKind::NotFinite);
            prop_assert!(not_finite);
        }
    }
}
