//! The one rule set: what each bound allows, at its edges, directly and as the audit and the
//! recomputation apply it.

use critical_minerals::ErrorKind;
use critical_minerals::claims::{
    CheckOutcome, Claim, ClaimSet, Evidence, FindingKind, Measured, Stated, Tolerances, audit, recompute,
};
use critical_minerals::time::Period;

type R = Result<(), Box<dyn std::error::Error>>;

/// Tolerances whose numbers are exact in binary, so that edges are edges.
fn exact_tolerances(tolerance: f64) -> Tolerances {
    Tolerances {
        share_sum: tolerance,
        share: tolerance,
        rate: tolerance,
        change: tolerance,
        size_relative: 0.0,
        about: 0.0625,
    }
}

/// The smallest step past `v` away from zero on the side of `towards`.
fn past(v: f64, towards: f64) -> f64 {
    if towards > v { v + v.abs().max(1.0) * 1e-12 } else { v - v.abs().max(1.0) * 1e-12 }
}

#[test]
fn each_bound_allows_what_the_table_says_up_to_its_edges() -> R {
    let t = exact_tolerances(0.0);
    // (stated, low edge, high edge)
    let cases = [
        (Stated::exact(16.0)?, 16.0, 16.0),
        (Stated::about(16.0)?, 15.0, 17.0), // ± 1/16 of itself
        (Stated::about(-16.0)?, -17.0, -15.0),
        (Stated::at_least(16.0)?, 16.0, f64::INFINITY),
        (Stated::at_most(16.0)?, f64::NEG_INFINITY, 16.0),
        (Stated::range(8.0, 16.0)?, 8.0, 16.0),
    ];
    for (s, lo, hi) in cases {
        assert_eq!(t.allowed(&s), (lo, hi), "{s}");
        for edge in [lo, hi].into_iter().filter(|v| v.is_finite()) {
            assert!(t.admits(&s, edge, 0.0), "{s} at {edge}");
            let outside = if edge == lo { past(edge, f64::NEG_INFINITY) } else { past(edge, f64::INFINITY) };
            assert!(!t.admits(&s, outside, 0.0), "{s} at {outside}");
        }
        if lo == f64::NEG_INFINITY {
            assert!(t.admits(&s, -1e300, 0.0), "{s} is open below");
        }
        if hi == f64::INFINITY {
            assert!(t.admits(&s, 1e300, 0.0), "{s} is open above");
        }
    }
    // the tolerance widens each side by itself
    let t = exact_tolerances(0.5);
    assert!(t.admits(&Stated::exact(16.0)?, 16.5, t.rate) && t.admits(&Stated::exact(16.0)?, 15.5, t.rate));
    assert!(!t.admits(&Stated::exact(16.0)?, past(16.5, 17.0), t.rate));
    assert!(
        t.admits(&Stated::about(16.0)?, 17.5, t.rate) && !t.admits(&Stated::about(16.0)?, past(17.5, 18.0), t.rate)
    );
    assert!(
        t.admits(&Stated::at_least(16.0)?, 15.5, t.rate)
            && !t.admits(&Stated::at_least(16.0)?, past(15.5, 0.0), t.rate)
    );
    assert!(
        t.admits(&Stated::at_most(16.0)?, 16.5, t.rate) && !t.admits(&Stated::at_most(16.0)?, past(16.5, 17.0), t.rate)
    );
    // "about" a range widens by a share of its larger end
    assert_eq!(
        exact_tolerances(0.0)
            .allowed(&Stated::new(Stated::range(8.0, 16.0)?.estimate(), critical_minerals::claims::Bound::About)),
        (7.0, 17.0)
    );
    Ok(())
}

#[test]
fn the_defaults_are_stated_and_checked() -> R {
    let t = Tolerances::default();
    assert_eq!(
        (t.share_sum, t.share, t.rate, t.change, t.size_relative, t.about),
        (0.01, 0.005, 0.005, 0.005, 0.02, 0.05)
    );
    // about 100 allows 95 to 105
    assert!(t.admits(&Stated::about(100.0)?, 104.999, 0.0) && !t.admits(&Stated::about(100.0)?, 105.001, 0.0));
    assert!(t.admits(&Stated::about(100.0)?, 95.001, 0.0) && !t.admits(&Stated::about(100.0)?, 94.999, 0.0));
    for bad in [Tolerances { about: -0.1, ..t }, Tolerances { change: f64::INFINITY, ..t }] {
        let e = bad.validated().unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Negative | ErrorKind::NotFinite), "{e}");
        assert!(e.to_string().contains("claims tolerance"), "{e}");
    }
    Ok(())
}

const M: &str = "batteries";

fn kinds(claims: Vec<Claim>) -> Vec<FindingKind> {
    audit(&ClaimSet::new(claims).unwrap()).iter().map(|f| f.kind()).collect()
}

fn share(id: &str, place: &str, s: Stated) -> Claim {
    Claim::share(id, M, place, Some(2025), s).unwrap()
}

fn cagr(id: &str, s: Stated) -> Claim {
    Claim::cagr(id, M, Some(2025), 2030, s).unwrap()
}

#[test]
fn the_audit_judges_each_bound_by_the_rule() -> R {
    let none: [FindingKind; 0] = [];
    let twice = [FindingKind::FiguresDisagree];
    let clash = [FindingKind::CagrsDisagree];
    // one share stated twice (beside the rest of the world's 70 %): exact within 0.5 pp agrees,
    // beyond it does not
    let rest = share("r", "rest of world", Stated::exact(70.0)?);
    let twice_stated = |a: Stated, b: Stated| kinds(vec![share("a", "USA", a), share("b", "US", b), rest.clone()]);
    assert_eq!(twice_stated(Stated::exact(30.0)?, Stated::exact(30.49)?), none);
    assert_eq!(twice_stated(Stated::exact(30.0)?, Stated::exact(30.51)?), twice);
    // "about 30 %" allows 28.5-31.5 %, and the 0.5 pp come on top
    assert_eq!(twice_stated(Stated::about(30.0)?, Stated::exact(31.99)?), none);
    assert_eq!(twice_stated(Stated::about(30.0)?, Stated::exact(32.01)?), twice);
    assert_eq!(twice_stated(Stated::about(30.0)?, Stated::exact(27.99)?), twice);
    // two CAGRs over one period: at least, at most and a range are open or bounded as stated
    assert_eq!(kinds(vec![cagr("a", Stated::at_least(15.0)?), cagr("b", Stated::exact(14.51)?)]), none);
    assert_eq!(kinds(vec![cagr("a", Stated::at_least(15.0)?), cagr("b", Stated::exact(14.49)?)]), clash);
    assert_eq!(kinds(vec![cagr("a", Stated::at_least(15.0)?), cagr("b", Stated::exact(90.0)?)]), none);
    assert_eq!(kinds(vec![cagr("a", Stated::at_most(10.0)?), cagr("b", Stated::exact(10.49)?)]), none);
    assert_eq!(kinds(vec![cagr("a", Stated::at_most(10.0)?), cagr("b", Stated::exact(10.51)?)]), clash);
    assert_eq!(kinds(vec![cagr("a", Stated::range(10.0, 20.0)?), cagr("b", Stated::exact(20.49)?)]), none);
    assert_eq!(kinds(vec![cagr("a", Stated::range(10.0, 20.0)?), cagr("b", Stated::exact(9.51)?)]), none);
    assert_eq!(kinds(vec![cagr("a", Stated::range(10.0, 20.0)?), cagr("b", Stated::exact(20.51)?)]), clash);
    assert_eq!(kinds(vec![cagr("a", Stated::about(10.0)?), cagr("b", Stated::exact(10.99)?)]), none);
    assert_eq!(kinds(vec![cagr("a", Stated::about(10.0)?), cagr("b", Stated::exact(11.01)?)]), clash);
    // shares of regions that do not overlap: about widens the sum too
    let forty = Stated::exact(40.0)?;
    let sum = |a: Stated| kinds(vec![share("a", "Europe", a), share("b", "rest of world", forty)]);
    assert_eq!(sum(Stated::exact(58.0)?), [FindingKind::SharesBelowWhole]);
    assert_eq!(sum(Stated::about(58.0)?), none); // 55.1-60.9 % with 40 % reaches 99 %
    Ok(())
}

/// Data that measured each of the changes.
struct Changes(Vec<f64>);

impl Evidence for Changes {
    fn price_changes(&self, _from: Period, _to: Period) -> Vec<Measured> {
        self.0.iter().map(|&change| Measured { what: "a series".into(), change, source: "data".into() }).collect()
    }
}

fn outcome_of(stated: Stated, measured: f64) -> Result<CheckOutcome, Box<dyn std::error::Error>> {
    let c = Claim::percent_change("p", "price", Period::year(2022)?, Period::year(2025)?, stated)?;
    Ok(recompute(&ClaimSet::new(vec![c])?, &Changes(vec![measured]))?[0].outcome)
}

#[test]
fn the_recomputation_judges_each_bound_by_the_same_rule() -> R {
    use CheckOutcome::{Consistent as Yes, Inconsistent as No};
    // "about -90 %" allows -94.5 to -85.5 %, and 0.5 pp (`change`) come on top
    for (v, want) in [(-0.851, Yes), (-0.849, No), (-0.949, Yes), (-0.951, No), (-0.892, Yes), (-0.803, No)] {
        assert_eq!(outcome_of(Stated::about(-90.0)?, v)?, want, "about -90 % vs {v}");
    }
    for (v, want) in [(-0.896, Yes), (-0.904, Yes), (-0.894, No), (-0.906, No)] {
        assert_eq!(outcome_of(Stated::exact(-90.0)?, v)?, want, "-90 % vs {v}");
    }
    for (v, want) in [(-0.504, Yes), (3.0, Yes), (-0.506, No)] {
        assert_eq!(outcome_of(Stated::at_least(-50.0)?, v)?, want, "at least -50 % vs {v}");
    }
    for (v, want) in [(-0.99, Yes), (0.204, Yes), (0.206, No)] {
        assert_eq!(outcome_of(Stated::at_most(20.0)?, v)?, want, "at most 20 % vs {v}");
    }
    for (v, want) in [(0.096, Yes), (0.204, Yes), (0.094, No), (0.206, No)] {
        assert_eq!(outcome_of(Stated::range(10.0, 20.0)?, v)?, want, "10-20 % vs {v}");
    }
    Ok(())
}
