//! Cost curves.

use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry, Marginal};
use critical_minerals::material::{Amount, Basis};
use critical_minerals::money::{Currency, Price};
use proptest::prelude::*;

pub(super) fn usd(x: f64) -> Price {
    Price::per_tonne(x, Currency::USD, Basis::lce()).unwrap()
}

pub(super) fn lce(x: f64) -> Amount {
    Amount::tonnes(x, Basis::lce()).unwrap()
}

pub(super) fn curve(rows: &[(f64, f64)]) -> CostCurve {
    let entries = rows
        .iter()
        .enumerate()
        .map(|(i, (cost, v))| CostCurveEntry::new(&format!("p{i}"), usd(*cost), lce(*v)).unwrap())
        .collect();
    CostCurve::new(entries).unwrap()
}

#[test]
fn curve_is_sorted_stably_and_cumulative() {
    let cv = curve(&[(9.0, 10.0), (5.0, 20.0), (9.0, 5.0), (7.0, 15.0)]);
    let names: Vec<&str> = cv.points().iter().map(|p| p.entry().name()).collect();
    assert_eq!(names, ["p1", "p3", "p0", "p2"]); // p0 before p2: equal costs keep input order
    let ends: Vec<f64> = cv.points().iter().map(|p| p.to().in_tonnes()).collect();
    assert_eq!(ends, [20.0, 35.0, 45.0, 50.0]);
    assert_eq!(cv.total().in_tonnes(), 50.0);
    // under water at 7: the two producers at 9 -> 15 of 50
    assert!((cv.share_under_water(&usd(7.0)).unwrap() - 0.3).abs() < 1e-12);
    assert_eq!(cv.share_under_water(&usd(100.0)).unwrap(), 0.0);
    // a price below every cost (a price cannot be negative; zero is the floor)
    assert_eq!(cv.share_under_water(&usd(0.0)).unwrap(), 1.0);
    match cv.marginal(&lce(35.0)).unwrap() {
        Marginal::Met { entry, cumulative } => {
            assert_eq!(entry.name(), "p3");
            assert_eq!(cumulative.in_tonnes(), 35.0);
        }
        other => panic!("{other:?}"),
    }
    match cv.marginal(&lce(60.0)).unwrap() {
        Marginal::Unmet { total, gap } => assert_eq!((total.in_tonnes(), gap.in_tonnes()), (50.0, 10.0)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_curve_states_currency_price_year_and_basis() {
    let cv = curve(&[(9.0, 10.0), (5.0, 20.0)]);
    assert_eq!(cv.currency(), Currency::USD);
    assert_eq!(cv.price_year(), None);
    assert_eq!(cv.basis(), &Basis::lce());
    let json = serde_json::to_string(&cv).unwrap();
    assert!(
        json.starts_with(r#"{"currency":"USD","price_year":null,"basis":"LCE","total_t":30.0,"points":[{"name":"p1","unit_cost_per_t":5.0,"currency":"USD","price_year":null,"volume_t":20.0,"basis":"LCE","from_t":0.0,"to_t":20.0}"#),
        "{json}"
    );
    let m = cv.marginal(&lce(25.0)).unwrap();
    let mj = serde_json::to_string(&m).unwrap();
    assert!(mj.starts_with(r#"{"status":"met","entry":{"name":"p0","#), "{mj}");
    assert!(mj.contains(r#""cumulative":{"value":30.0,"unit":"t","basis":"LCE"}"#), "{mj}");
    // a real-price curve keeps its price year
    let real = Price::per_tonne(8.0, Currency::USD, Basis::lce()).unwrap().with_price_year(2024).unwrap();
    let cv = CostCurve::new(vec![CostCurveEntry::new("a", real.clone(), lce(1.0)).unwrap()]).unwrap();
    assert_eq!(cv.price_year(), Some(2024));
    assert!(cv.share_under_water(&usd(8.0)).is_err()); // nominal price against 2024 prices
    assert_eq!(cv.share_under_water(&real).unwrap(), 0.0);
}

proptest! {
    #[test]
    fn share_under_water_is_monotone_in_price(
        rows in prop::collection::vec((0.0f64..20_000.0, 0.0f64..1e5), 1..30),
        p1 in 0.0f64..25_000.0,
        p2 in 0.0f64..25_000.0,
    ) {
        prop_assume!(rows.iter().map(|r| r.1).sum::<f64>() > 0.0);
        let cv = curve(&rows);
        let (lo, hi) = if p1 <= p2 { (p1, p2) } else { (p2, p1) };
        let a = cv.share_under_water(&usd(lo)).unwrap();
        let b = cv.share_under_water(&usd(hi)).unwrap();
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
        let cost = |d: f64| match cv.marginal(&lce(d)).unwrap() {
            Marginal::Met { entry, .. } => Some(entry.unit_cost().amount_per_tonne()),
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
