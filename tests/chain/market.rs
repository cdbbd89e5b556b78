//! Cost curves and localization.

use critical_minerals::chain::cost_curve::{CostCurve, Marginal, Producer};
use critical_minerals::chain::localization::{StageSupply, localization};
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::Basis;
use proptest::prelude::*;

fn curve(rows: &[(f64, f64)]) -> CostCurve {
    let producers =
        rows.iter().enumerate().map(|(i, (c, v))| Producer::new(&format!("p{i}"), *c, *v).unwrap()).collect();
    CostCurve::new("USD", Basis::lce(), producers).unwrap()
}

#[test]
fn curve_is_sorted_stably_and_cumulative() {
    let cv = curve(&[(9.0, 10.0), (5.0, 20.0), (9.0, 5.0), (7.0, 15.0)]);
    let names: Vec<&str> = cv.points().iter().map(|p| p.producer.name.as_str()).collect();
    assert_eq!(names, ["p1", "p3", "p0", "p2"]); // p0 before p2: equal costs keep input order
    let ends: Vec<f64> = cv.points().iter().map(|p| p.to_t).collect();
    assert_eq!(ends, [20.0, 35.0, 45.0, 50.0]);
    assert_eq!(cv.total_t(), 50.0);
    // under water at 7: the two producers at 9 -> 15 of 50
    assert!((cv.share_under_water(7.0).unwrap() - 0.3).abs() < 1e-12);
    assert_eq!(cv.share_under_water(100.0).unwrap(), 0.0);
    assert_eq!(cv.share_under_water(-1.0).unwrap(), 1.0);
    match cv.marginal(35.0).unwrap() {
        Marginal::Met { producer, cumulative_t } => {
            assert_eq!(producer.name, "p3");
            assert_eq!(cumulative_t, 35.0);
        }
        other => panic!("{other:?}"),
    }
    match cv.marginal(60.0).unwrap() {
        Marginal::Unmet { total_t, gap_t } => assert_eq!((total_t, gap_t), (50.0, 10.0)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn localization_of_a_region() {
    let eu = Region::from_codes("EU (part)", ["DE", "FR"]).unwrap();
    let k = |s| Country::from_code(s).unwrap();
    let stages = [
        StageSupply::new("refining", 50.0, vec![(k("DE"), 5.0), (k("CN"), 30.0), (k("CL"), 15.0)]).unwrap(),
        StageSupply::new("cells", 40.0, vec![(k("DE"), 10.0), (k("FR"), 10.0), (k("KR"), 8.0), (k("CN"), 8.0)])
            .unwrap(),
    ];
    let rows = localization(&eu, &stages).unwrap();
    assert!((rows[0].within_share - 0.1).abs() < 1e-12);
    assert_eq!(rows[0].top_outside.map(|(c, _)| c.alpha2()), Some("CN"));
    assert!((rows[0].top_outside.unwrap().1 - 0.6).abs() < 1e-12);
    assert_eq!(rows[0].unspecified_share, 0.0);
    assert!((rows[1].within_share - 0.5).abs() < 1e-12);
    // tie between CN and KR at 8: the first in alpha-2 order
    assert_eq!(rows[1].top_outside.map(|(c, _)| c.alpha2()), Some("CN"));
    assert!((rows[1].unspecified_share - 0.1).abs() < 1e-12);
}

proptest! {
    #[test]
    fn share_under_water_is_monotone_in_price(
        rows in prop::collection::vec((0.0f64..20_000.0, 0.0f64..1e5), 1..30),
        p1 in -1_000.0f64..25_000.0,
        p2 in -1_000.0f64..25_000.0,
    ) {
        prop_assume!(rows.iter().map(|r| r.1).sum::<f64>() > 0.0);
        let cv = curve(&rows);
        let (lo, hi) = if p1 <= p2 { (p1, p2) } else { (p2, p1) };
        let a = cv.share_under_water(lo).unwrap();
        let b = cv.share_under_water(hi).unwrap();
        prop_assert!(b <= a + 1e-12, "U({lo}) = {a} < U({hi}) = {b}");
        prop_assert!((0.0..=1.0 + 1e-12).contains(&a));
    }

    #[test]
    fn marginal_cost_rises_with_demand(
        rows in prop::collection::vec((0.0f64..20_000.0, 1.0f64..1e5), 1..30),
        d1 in 1.0f64..3e6,
        d2 in 1.0f64..3e6,
    ) {
        let cv = curve(&rows);
        let cost = |d: f64| match cv.marginal(d).unwrap() {
            Marginal::Met { producer, .. } => Some(producer.unit_cost),
            _ => None,
        };
        let (lo, hi) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        match (cost(lo), cost(hi)) {
            (Some(a), Some(b)) => prop_assert!(a <= b),
            (None, Some(_)) => prop_assert!(false, "lower demand unmet, higher met"),
            _ => {}
        }
    }
}
