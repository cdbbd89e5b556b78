//! Dynamic stock models: ODYM's and flodym's published test values, the properties every model
//! must keep, and bad input.

use critical_minerals::ErrorKind;
use critical_minerals::chain::stock::{
    BALANCE_RELATIVE_TOLERANCE, Driver, DynamicStockModel, Flows, InflowTiming, Lifetime, StockUnit, Stocks,
    SurvivalTable,
};
use critical_minerals::material::{Amount, Basis, Element, Rate};
use proptest::prelude::*;

const ODYM_INFLOW: [f64; 10] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];

fn odym(lifetime: Lifetime, years: usize, inflow: &[f64]) -> DynamicStockModel {
    let table = SurvivalTable::new(0, years, lifetime, InflowTiming::AtGridPoint).unwrap();
    DynamicStockModel::inflow_driven(&table, &Flows::items(0, "units", inflow).unwrap()).unwrap()
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "{what}[{i}]: got {g}, want {w} (tolerance {tol})");
    }
}

// ---------------------------------------------------------------------------------------------
// Conformance: IndEcol/ODYM tests/test_dynamic_stock_model.py (inflow at the grid point)

#[test]
fn odym_fixed_lifetime_5() {
    let m = odym(Lifetime::fixed(5.0).unwrap(), 10, &ODYM_INFLOW);
    assert_eq!(m.outflow().values(), &[0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(m.stock().values(), &[1.0, 3.0, 6.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0]);
    // ODYM's Outflow_TC_FixedLT: cohort c leaves whole in year c + 5
    assert_eq!(m.outflow_by_cohort(6, 1), Some(2.0));
    assert_eq!(m.outflow_by_cohort(6, 0), Some(0.0));
    assert_eq!(m.stock_by_cohort(4, 0), Some(1.0));
    assert_eq!(m.stock_by_cohort(5, 0), Some(0.0));
}

#[test]
fn odym_fixed_lifetime_0_retires_everything_at_once() {
    let m = odym(Lifetime::fixed(0.0).unwrap(), 10, &ODYM_INFLOW);
    assert!(m.stock().values().iter().all(|&s| s == 0.0));
    assert_eq!(m.outflow().values(), &ODYM_INFLOW);
}

#[test]
fn odym_normal_lifetime_5_sd_1_5() {
    let m = odym(Lifetime::normal(5.0, 1.5).unwrap(), 10, &ODYM_INFLOW);
    let stock = [
        0.99957094,
        2.9953115,
        5.96830193,
        9.85008113,
        14.4793678,
        19.60865447,
        24.99043368,
        30.46342411,
        35.95916467,
        41.45873561,
    ];
    let outflow = [
        4.29060333e-4,
        4.25944090e-3,
        2.70095728e-2,
        0.118220793,
        0.37071333,
        0.87071333,
        1.61822079,
        2.52700957,
        3.50425944,
        4.50042906,
    ];
    assert_close("stock", m.stock().values(), &stock, 1e-6);
    assert_close("outflow", m.outflow().values(), &outflow, 1e-6);
    // one cell of ODYM's Stock_TC_NormLT, to 8 decimals as ODYM checks it
    assert!((m.stock_by_cohort(9, 0).unwrap() - 3.83038057e-3).abs() < 1e-10);
    // the stock-driven model on ODYM's stock gives back the inflow (ODYM: to 8 decimals)
    let table = SurvivalTable::new(0, 10, Lifetime::normal(5.0, 1.5).unwrap(), InflowTiming::AtGridPoint).unwrap();
    let sd = DynamicStockModel::stock_driven(&table, &Stocks::items(0, "units", &stock).unwrap()).unwrap();
    assert_close("inflow", sd.inflow().values(), &ODYM_INFLOW, 1e-6);
}

#[test]
fn odym_weibull_shape_1_2_scale_1() {
    let m = odym(Lifetime::weibull(1.2, 1.0).unwrap(), 10, &ODYM_INFLOW);
    let stock = [
        1.0,
        2.367879441,
        3.836279069,
        5.328499576,
        6.825822547,
        8.324154666,
        9.822673522,
        11.321225,
        12.8197819,
        14.31833966,
    ];
    let outflow = [
        0.0,
        0.632120559,
        1.531600372,
        2.507779493,
        3.502677029,
        4.50166788,
        5.501481144,
        6.501448519,
        7.5014431,
        8.501442241,
    ];
    assert_close("stock", m.stock().values(), &stock, 1e-6);
    assert_close("outflow", m.outflow().values(), &outflow, 1e-6);
}

#[test]
fn odym_log_normal_and_folded_normal_20_sd_20() {
    let mut inflow = vec![0.0; 300];
    inflow[..20].copy_from_slice(&[
        1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 2.0, 3.0, 5.0, 6.0, 7.0, 1.0, 2.0, 4.0, 5.0, 6.0, 7.0, 3.0,
    ]);
    // "calculated independently with Excel" in ODYM's tests: stock in year 60
    let ln = odym(Lifetime::log_normal(20.0, 20.0).unwrap(), 300, &inflow);
    assert!((ln.stock().get(60).unwrap() - 5.8693165260386).abs() < 1e-9);
    let fnm = odym(Lifetime::folded_normal(20.0, 20.0).unwrap(), 100, &inflow[..100]);
    assert!((fnm.stock().get(60).unwrap() - 6.50049047900083).abs() < 1e-9);
}

#[test]
fn odym_stock_driven_negative_inflow_is_corrected_by_early_retirement() {
    let stock = [
        0.0, 0.0, 1.0, 2.0, 3.0, 5.0, 6.0, 8.0, 8.0, 6.0, 6.0, 6.0, 6.0, 6.0, 8.0, 8.0, 8.0, 9.0, 10.0, 12.0, 9.0, 9.0,
        9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0,
    ];
    // ODYM's InflowNeg_WithCorr (asserted there to 12 decimals)
    let want = [
        0.0,
        0.0,
        1.003845108797608,
        1.009876170898179,
        1.022946871293978,
        2.052181974192771,
        1.09859721175781,
        2.178632487260613,
        0.2864589383765391,
        0.0,
        0.468909567774503,
        0.600148064601485,
        0.7138380402455925,
        0.7922474677487478,
        2.832866490884595,
        0.8262270093751778,
        0.7986846781384966,
        1.775290769026188,
        1.776531605001062,
        2.822224969997677,
        0.0,
        0.82099326892646,
        0.9183009967181216,
        1.007417665416504,
        1.076751857993922,
        1.119633273700667,
        1.134233884697729,
        1.123750382153023,
        1.096483322433279,
        1.064262457376682,
    ];
    let table = SurvivalTable::new(0, 30, Lifetime::normal(8.0, 3.0).unwrap(), InflowTiming::AtGridPoint).unwrap();
    let m = DynamicStockModel::stock_driven(&table, &Stocks::items(0, "units", &stock).unwrap()).unwrap();
    assert_close("inflow", m.inflow().values(), &want, 1e-9);
    // the stock is the target, never above it, in the corrected years too
    assert_close("stock", m.stock().values(), &stock, 1e-9);
    let years: Vec<i32> = m.corrections().iter().map(|c| c.year).collect();
    assert_eq!(years, vec![9, 20]);
    for c in m.corrections() {
        assert!(c.required_inflow < 0.0 && (c.retired_early + c.required_inflow).abs() < 1e-15);
    }
    assert_eq!(m.driver(), Driver::StockDriven);
}

// ---------------------------------------------------------------------------------------------
// Conformance: pik-piam/flodym howtos/06_stocks (inflow at mid-year, flodym's default)

#[test]
fn flodym_mid_year_normal_10_sd_3() {
    let table = SurvivalTable::new(2000, 11, Lifetime::normal(10.0, 3.0).unwrap(), InflowTiming::MidYear).unwrap();
    let m = DynamicStockModel::inflow_driven(&table, &Flows::items(2000, "vehicles", &[0.1; 11]).unwrap()).unwrap();
    let want = [
        0.0999229, 0.19969257, 0.29907161, 0.39755859, 0.49422094, 0.58754022, 0.67537297, 0.75514013, 0.82428638,
        0.88090476, 0.92428638,
    ];
    // the published figures have 8 significant digits: half a unit of the last one
    assert_close("stock", m.stock().values(), &want, 5e-8);
    // the same inputs under ODYM's convention give other numbers
    let grid = SurvivalTable::new(2000, 11, Lifetime::normal(10.0, 3.0).unwrap(), InflowTiming::AtGridPoint).unwrap();
    let at_grid =
        DynamicStockModel::inflow_driven(&grid, &Flows::items(2000, "vehicles", &[0.1; 11]).unwrap()).unwrap();
    assert!((at_grid.stock().get(2010).unwrap() - want[10]).abs() > 1e-3);
    assert_eq!(InflowTiming::default(), InflowTiming::MidYear);
}

// ---------------------------------------------------------------------------------------------
// Units

#[test]
fn mass_series_keep_their_basis() {
    let li = Basis::contained(Element::Li);
    let rates: Vec<Rate> =
        [100.0, 200.0, 300.0].iter().map(|&t| Rate::tonnes_per_year(t, li.clone()).unwrap()).collect();
    let table = SurvivalTable::new(2030, 3, Lifetime::fixed(1.0).unwrap(), InflowTiming::AtGridPoint).unwrap();
    let m = DynamicStockModel::inflow_driven(&table, &Flows::mass(2030, &rates).unwrap()).unwrap();
    assert_eq!(m.unit(), &StockUnit::Mass(li.clone()));
    assert_eq!(m.outflow().rate(2031).unwrap(), Rate::tonnes_per_year(100.0, li.clone()).unwrap());
    assert_eq!(m.stock().amount(2032).unwrap(), Amount::tonnes(300.0, li).unwrap());
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["unit"]["unit"], "t");
    assert_eq!(json["unit"]["basis"], "Li");
    assert_eq!(json["rows"][1]["outflow_per_yr"], 100.0);
    assert_eq!(json["inflow_timing"], "at-grid-point");
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[test]
fn bad_input_gives_typed_errors() {
    // negative inflow, named by year
    let e = Flows::items(2020, "vehicles", &[1.0, -2.0]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Negative);
    assert!(e.to_string().contains("2021"), "{e}");
    // sd < 0
    let e = Lifetime::normal(10.0, -3.0).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Negative);
    assert!(e.to_string().contains("-3"), "{e}");
    for bad in [f64::NAN, f64::INFINITY] {
        assert_eq!(Lifetime::log_normal(bad, 1.0).unwrap_err().kind(), ErrorKind::NotFinite);
    }
    assert_eq!(Lifetime::normal(0.0, 1.0).unwrap_err().kind(), ErrorKind::NotPositive);
    assert_eq!(Lifetime::weibull(1.0, -1.0).unwrap_err().kind(), ErrorKind::NotPositive);
    assert_eq!(Lifetime::fixed(-1.0).unwrap_err().kind(), ErrorKind::Negative);
    // a grid shorter than the model
    let table = SurvivalTable::new(2020, 5, Lifetime::fixed(3.0).unwrap(), InflowTiming::MidYear).unwrap();
    let e = DynamicStockModel::inflow_driven(&table, &Flows::items(2020, "vehicles", &[1.0; 6]).unwrap()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Mismatch);
    assert!(e.to_string().contains("2020–2024") && e.to_string().contains("2020–2025"), "{e}");
    // a grid starting in another year
    let e = DynamicStockModel::stock_driven(&table, &Stocks::items(2021, "vehicles", &[1.0; 2]).unwrap()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Mismatch);
    // empty grid and empty series
    assert_eq!(
        SurvivalTable::new(2020, 0, Lifetime::fixed(3.0).unwrap(), InflowTiming::MidYear).unwrap_err().kind(),
        ErrorKind::Empty
    );
    assert_eq!(Flows::items(2020, "vehicles", &[]).unwrap_err().kind(), ErrorKind::Empty);
    assert_eq!(Flows::items(2020, " ", &[1.0]).unwrap_err().kind(), ErrorKind::Empty);
    // NaN stock, named by year
    let e = Stocks::items(2020, "vehicles", &[1.0, f64::NAN]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFinite);
    assert!(e.to_string().contains("2021"), "{e}");
    // mass flows on two bases
    let e = Flows::mass(
        2020,
        &[
            Rate::tonnes_per_year(1.0, Basis::lce()).unwrap(),
            Rate::tonnes_per_year(1.0, Basis::contained(Element::Li)).unwrap(),
        ],
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Mismatch);
    // a stock no inflow can hold: everything retires within its first year
    let zero = SurvivalTable::new(2020, 3, Lifetime::fixed(0.0).unwrap(), InflowTiming::AtGridPoint).unwrap();
    let e = DynamicStockModel::stock_driven(&zero, &Stocks::items(2020, "vehicles", &[0.0, 5.0, 5.0]).unwrap())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inconsistent);
    assert!(e.to_string().starts_with("2021"), "{e}");
    // a survival table read from a file is validated like the constructors
    assert!(serde_json::from_str::<Lifetime>(r#"{"model":"normal","mean_years":8,"sd_years":-3}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// Properties

/// A lifetime family with a "length" parameter, so that a longer lifetime is the same family
/// with a larger parameter (stochastically longer).
#[derive(Debug, Clone, Copy)]
enum Family {
    Fixed,
    Normal(f64),
    FoldedNormal(f64),
    LogNormal(f64),
    Weibull(f64),
}

impl Family {
    fn lifetime(self, length: f64) -> Lifetime {
        match self {
            Family::Fixed => Lifetime::fixed(length),
            Family::Normal(sd) => Lifetime::normal(length, sd),
            Family::FoldedNormal(sd) => Lifetime::folded_normal(length, sd),
            Family::LogNormal(cv) => Lifetime::log_normal(length, cv * length),
            Family::Weibull(shape) => Lifetime::weibull(shape, length),
        }
        .unwrap()
    }
}

fn family() -> impl Strategy<Value = Family> {
    prop_oneof![
        Just(Family::Fixed),
        (0.0..6.0f64).prop_map(Family::Normal),
        (0.0..6.0f64).prop_map(Family::FoldedNormal),
        (0.05..1.5f64).prop_map(Family::LogNormal),
        (0.5..5.0f64).prop_map(Family::Weibull),
    ]
}

fn timing() -> impl Strategy<Value = InflowTiming> {
    prop_oneof![Just(InflowTiming::AtGridPoint), Just(InflowTiming::MidYear)]
}

fn inflows() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.0..1_000.0f64], 1..40)
}

fn balance_holds(m: &DynamicStockModel) -> bool {
    let mut prev = 0.0;
    m.rows().iter().all(|r| {
        let scale = r.inflow_per_yr.max(r.outflow_per_yr).max(r.stock).max(prev);
        let ok = (r.inflow_per_yr - r.outflow_per_yr - (r.stock - prev)).abs() <= BALANCE_RELATIVE_TOLERANCE * scale;
        prev = r.stock;
        ok
    })
}

proptest! {
    #[test]
    fn stock_is_non_negative_and_balances_every_year(
        f in family(), length in 0.5..30.0f64, t in timing(), inflow in inflows(),
    ) {
        let table = SurvivalTable::new(1990, inflow.len(), f.lifetime(length), t).unwrap();
        let m = DynamicStockModel::inflow_driven(&table, &Flows::items(1990, "units", &inflow).unwrap()).unwrap();
        prop_assert!(m.stock().values().iter().all(|&s| s >= 0.0));
        prop_assert!(m.outflow().values().iter().all(|&o| o >= 0.0));
        prop_assert!(balance_holds(&m));
        // stock by cohort never exceeds the cohort's inflow
        for (c, &i) in inflow.iter().enumerate() {
            for y in c..inflow.len() {
                let s = m.stock_by_cohort(1990 + y as i32, 1990 + c as i32).unwrap();
                prop_assert!(s <= i * (1.0 + 1e-12));
            }
        }
    }

    #[test]
    fn a_longer_lifetime_never_raises_outflow_before_the_shift(
        f in family(), length in 0.5..20.0f64, extra in 0.0..10.0f64, shift in 0usize..40,
        t in timing(), inflow in inflows(),
    ) {
        let n = inflow.len();
        let shift = shift.min(n);
        let short: Vec<Lifetime> = vec![f.lifetime(length); n];
        // cohorts from the shift year on get the longer lifetime
        let long: Vec<Lifetime> = (0..n).map(|c| f.lifetime(if c >= shift { length + extra } else { length })).collect();
        let flows = Flows::items(2000, "units", &inflow).unwrap();
        let a = DynamicStockModel::inflow_driven(&SurvivalTable::by_cohort(2000, &short, t).unwrap(), &flows).unwrap();
        let b = DynamicStockModel::inflow_driven(&SurvivalTable::by_cohort(2000, &long, t).unwrap(), &flows).unwrap();
        let (oa, ob) = (a.outflow(), b.outflow());
        let scale = 1e-9 * inflow.iter().sum::<f64>().max(1.0);
        let (mut ca, mut cb) = (0.0, 0.0);
        for y in 0..n {
            let (x, z) = (oa.values()[y], ob.values()[y]);
            if y < shift {
                // before the shift the longer lifetime cannot raise (or change) any outflow
                prop_assert!(z <= x + scale, "year {y}: {z} > {x}");
            }
            ca += x;
            cb += z;
            // and never raises the outflow accumulated up to any year
            prop_assert!(cb <= ca + scale, "to year {y}: {cb} > {ca}");
        }
        prop_assert!(balance_holds(&b));
    }

    #[test]
    fn stock_driven_then_inflow_driven_round_trips(
        f in family(), length in 2.0..30.0f64, t in timing(), inflow in inflows(),
    ) {
        let lt = f.lifetime(length);
        let table = SurvivalTable::new(2010, inflow.len(), lt, t).unwrap();
        prop_assume!(lt.survival(t.age_offset_years()) > 0.05);
        let forward = DynamicStockModel::inflow_driven(&table, &Flows::items(2010, "units", &inflow).unwrap()).unwrap();
        let back = DynamicStockModel::stock_driven(&table, &forward.stock()).unwrap();
        let scale = 1e-7 * inflow.iter().cloned().fold(1.0, f64::max);
        prop_assert!(back.corrections().iter().all(|c| -c.required_inflow <= scale));
        for (x, y) in inflow.iter().zip(back.inflow().values()) {
            prop_assert!((x - y).abs() <= scale, "{x} vs {y}");
        }
        let again = DynamicStockModel::inflow_driven(&table, &back.inflow()).unwrap();
        for (x, y) in forward.stock().values().iter().zip(again.stock().values()) {
            prop_assert!((x - y).abs() <= scale * inflow.len() as f64);
        }
    }

    #[test]
    fn stock_driven_meets_any_non_negative_target(
        f in family(), length in 0.5..30.0f64, t in timing(),
        target in prop::collection::vec(0.0..1_000.0f64, 1..40),
    ) {
        let lt = f.lifetime(length);
        prop_assume!(lt.survival(t.age_offset_years()) > 0.0);
        let table = SurvivalTable::new(2010, target.len(), lt, t).unwrap();
        let m = DynamicStockModel::stock_driven(&table, &Stocks::items(2010, "units", &target).unwrap()).unwrap();
        prop_assert!(m.inflow().values().iter().all(|&i| i >= 0.0));
        prop_assert!(balance_holds(&m));
        for (s, want) in m.stock().values().iter().zip(&target) {
            prop_assert!((s - want).abs() <= 1e-9 * want.max(1.0), "{s} vs {want}");
        }
    }
}
