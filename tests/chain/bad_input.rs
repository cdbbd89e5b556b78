//! Bad-input table for the chain calculators: each row gives a typed error, never a panic.
//!
//! NaN, infinite and negative tonnages and prices cannot reach the calculators any more: they
//! take [`Amount`]s and [`Price`]s, whose constructors refuse them with the same kinds the
//! calculators used to return. Those rows are kept, built through the constructors.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry};
use critical_minerals::chain::disruption::{Cut, Disruption, Rerouting, disrupt};
use critical_minerals::chain::localization::{StageSupply, localization};
use critical_minerals::chain::route::{Route, RouteStep};
use critical_minerals::chain::{NetworkBuilder, Process, Stage};
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::{Amount, Basis, Element, Form, Mineral};
use critical_minerals::money::{Currency, Price};

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

fn li() -> Basis {
    Basis::contained(Element::Li)
}

/// `x` tonnes of contained lithium, or the error `Amount` gives for it.
fn t(x: f64) -> Result<Amount, Error> {
    Amount::tonnes(x, li())
}

type Check = Box<dyn Fn(&Error) -> bool>;

fn net_error(build: impl Fn(&mut NetworkBuilder) -> Result<(), Error>) -> Error {
    let mut b = NetworkBuilder::new();
    match build(&mut b) {
        Err(e) => e,
        Ok(()) => b.build().expect_err("the network should be rejected"),
    }
}

fn two_stage(b: &mut NetworkBuilder) -> Result<(), Error> {
    b.add_stage(Stage::Mining, None, li())?;
    b.add_stage(Stage::Refining, Some(Stage::Mining), li())?;
    b.add_production(Stage::Mining, c("AU"), t(10.0)?)?;
    b.add_production(Stage::Refining, c("CN"), t(10.0)?)?;
    Ok(())
}

#[test]
fn network_bad_input_table() {
    let rows: Vec<(&str, Error, Check)> = vec![
        ("empty network", net_error(|_| Ok(())), Box::new(|e| e.kind() == ErrorKind::Empty)),
        (
            "cycle",
            net_error(|b| {
                b.add_stage(Stage::Mining, Some(Stage::Materials), li())?;
                b.add_stage(Stage::Refining, Some(Stage::Mining), li())?;
                b.add_stage(Stage::Materials, Some(Stage::Refining), li())?;
                for s in [Stage::Mining, Stage::Refining, Stage::Materials] {
                    b.add_production(s, c("AU"), t(1.0)?)?;
                }
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent && e.to_string().split(" -> ").count() == 3),
        ),
        (
            "self loop",
            net_error(|b| {
                b.add_stage(Stage::Mining, Some(Stage::Mining), li())?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
        (
            "stage with no producers",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_stage(Stage::Refining, Some(Stage::Mining), li())?;
                b.add_production(Stage::Mining, c("AU"), t(10.0)?)?;
                b.add_production(Stage::Refining, c("CN"), t(0.0)?)?;
                Ok(())
            }),
            Box::new(|e| {
                e.kind() == ErrorKind::Inconsistent && e.to_string().contains("stage \"refining\" has no producer")
            }),
        ),
        (
            "unknown upstream",
            net_error(|b| {
                b.add_stage(Stage::Refining, Some(Stage::Mining), li())?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Unknown && e.to_string().contains("unknown stage \"mining\"")),
        ),
        (
            "stage added twice",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_stage(Stage::Mining, None, Basis::lce())?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Duplicate),
        ),
        (
            "production at a stage not added",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_production(Stage::Cells, c("KR"), t(1.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Unknown && e.to_string().contains("KOR")),
        ),
        (
            "branching stage",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_stage(Stage::Refining, Some(Stage::Mining), li())?;
                b.add_stage(Stage::Recycling, Some(Stage::Mining), li())?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
        (
            "NaN production",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_production(Stage::Mining, c("AU"), t(f64::NAN)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::NotFinite),
        ),
        (
            "production on another basis, naming the row",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_production(Stage::Mining, c("AU"), Amount::tonnes(5.0, Basis::lce())?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Mismatch && e.to_string().contains("AUS")),
        ),
        (
            "negative production",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_production(Stage::Mining, c("AU"), t(-1.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Negative),
        ),
        (
            "negative shipment",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment(Stage::Refining, c("AU"), c("CN"), t(-3.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Negative),
        ),
        (
            "shipment not on the upstream basis",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment(Stage::Refining, c("AU"), c("CN"), Amount::tonnes(5.0, Basis::lce())?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Mismatch && e.to_string().contains("AUS -> CHN")),
        ),
        (
            "duplicate production",
            net_error(|b| {
                b.add_stage(Stage::Mining, None, li())?;
                b.add_production(Stage::Mining, c("AU"), t(1.0)?)?;
                b.add_production(Stage::Mining, c("AU"), t(2.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Duplicate),
        ),
        (
            "shipments above output",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment(Stage::Refining, c("AU"), c("CN"), t(11.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
        (
            "producer without inputs",
            net_error(two_stage),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent && e.to_string().starts_with("CHN produces")),
        ),
        (
            "shipment to a non-producer",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment(Stage::Refining, c("AU"), c("CN"), t(5.0)?)?;
                b.add_shipment(Stage::Refining, c("AU"), c("JP"), t(5.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
        (
            "shipment to oneself",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment(Stage::Refining, c("AU"), c("AU"), t(5.0)?)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Duplicate),
        ),
    ];
    for (name, err, check) in rows {
        assert!(check(&err), "{name}: unexpected {err:?}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn exposure_bad_input() {
    let mut b = NetworkBuilder::new();
    two_stage(&mut b).unwrap();
    b.add_shipment(Stage::Refining, c("AU"), c("CN"), t(10.0).unwrap()).unwrap();
    let net = b.build().unwrap();
    let kind = |r: Result<_, Error>| r.map(|_| ()).map_err(|e| e.kind());
    assert_eq!(kind(net.exposure(Stage::Cells, c("CN"), Stage::Mining)), Err(ErrorKind::Unknown));
    assert_eq!(kind(net.exposure(Stage::Refining, c("CN"), Stage::Cells)), Err(ErrorKind::Unknown));
    assert_eq!(kind(net.exposure(Stage::Refining, c("KR"), Stage::Mining)), Err(ErrorKind::Inconsistent));
    assert_eq!(kind(net.exposure(Stage::Mining, c("AU"), Stage::Refining)), Err(ErrorKind::Inconsistent));
    let nobody = Region::from_codes("nobody", ["DE"]).unwrap();
    assert_eq!(kind(net.region_exposure(Stage::Refining, &nobody, Stage::Mining)), Err(ErrorKind::Inconsistent));
    assert_eq!(net.production_shares(Stage::Assembly).map(|_| ()).map_err(|e| e.kind()), Err(ErrorKind::Unknown));
}

#[test]
fn disruption_bad_input() {
    let mut b = NetworkBuilder::new();
    two_stage(&mut b).unwrap();
    b.add_shipment(Stage::Refining, c("AU"), c("CN"), t(10.0).unwrap()).unwrap();
    let net = b.build().unwrap();
    for x in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
        assert!(
            matches!(Disruption::new(Stage::Mining, c("AU"), Cut::Output, x), Err(ref e) if e.kind() == ErrorKind::OutOfRange)
        );
    }
    let d = Disruption::new(Stage::Cells, c("AU"), Cut::Output, 0.5).unwrap();
    assert!(matches!(disrupt(&net, &d, &Rerouting::None), Err(ref e) if e.kind() == ErrorKind::Unknown));
    let d = Disruption::new(Stage::Mining, c("CL"), Cut::Output, 0.5).unwrap();
    assert!(matches!(disrupt(&net, &d, &Rerouting::None), Err(ref e) if e.kind() == ErrorKind::Inconsistent));
    let d = Disruption::new(Stage::Mining, c("AU"), Cut::Output, 0.5).unwrap();
    for bad in [f64::NAN, -2.0] {
        let r = t(bad).and_then(|a| disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("CL"), a)])));
        assert!(matches!(r, Err(ref e) if matches!(e.kind(), ErrorKind::NotFinite | ErrorKind::Negative)));
    }
    let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("CL"), t(1.0).unwrap()), (c("CL"), t(2.0).unwrap())]));
    assert!(matches!(r, Err(ref e) if e.kind() == ErrorKind::Duplicate));
    let lce = Amount::tonnes(1.0, Basis::lce()).unwrap();
    let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("CL"), lce)]));
    assert!(matches!(r, Err(ref e) if e.kind() == ErrorKind::Mismatch && e.to_string().contains("CHL")));
    // a cut read from a file is checked like one built in code
    let bad = r#"{"stage":"mining","country":"AUS","cut":"output","fraction":40}"#;
    assert!(serde_json::from_str::<Disruption>(bad).is_err());
}

#[test]
fn route_bad_input() {
    let ore = Form::Ore(Mineral::Spodumene);
    let conc = Form::Concentrate(Mineral::Spodumene);
    // recovery above 100 %
    for r in [1.01, 0.0, -0.5, f64::NAN] {
        assert!(Process::new("x", ore.clone(), conc.clone(), r).is_err());
        assert!(
            matches!(Route::lithium_metal_from_chloride(r, None, 1.0), Err(ref e) if matches!(e.kind(), ErrorKind::OutOfRange | ErrorKind::NotFinite | ErrorKind::Negative))
        );
    }
    // empty route
    assert!(matches!(Route::new("x", Basis::sc6(), vec![]), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(matches!(
        Route::new(
            " ",
            Basis::sc6(),
            vec![RouteStep::new(Process::new("x", conc.clone(), conc.clone(), 1.0).unwrap(), None)]
        ),
        Err(ref e) if e.kind() == ErrorKind::Empty
    ));
    // a feed on a basis that does not convert
    let route = Route::spodumene_to_carbonate().unwrap();
    let cobalt = Amount::tonnes(1.0, "Co".parse().unwrap()).unwrap();
    assert!(
        matches!(route.run(&cobalt), Err(ref e) if matches!(e.kind(), ErrorKind::Mismatch | ErrorKind::NotConvertible))
    );
    assert!(route.clone().with_tolerance(f64::NAN).is_err());
    assert!(route.with_tolerance(-0.1).is_err());
}

fn usd(x: f64) -> Result<Price, Error> {
    Price::per_tonne(x, Currency::USD, Basis::lce())
}

fn lce(x: f64) -> Result<Amount, Error> {
    Amount::tonnes(x, Basis::lce())
}

#[test]
fn cost_curve_bad_input() {
    // bad costs and volumes are refused by Price and Amount, before any entry exists
    for (cost, vol) in [(-1.0, 1.0), (f64::NAN, 1.0), (1.0, -5.0), (1.0, f64::INFINITY)] {
        let e = usd(cost).and_then(|p| lce(vol).and_then(|v| CostCurveEntry::new("p", p, v))).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Negative | ErrorKind::NotFinite), "{e:?}");
    }
    // what the entry itself checks names the entry
    let e = CostCurveEntry::new("p", usd(1.0).unwrap(), Amount::tonnes(1.0, li()).unwrap()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Mismatch);
    assert!(e.to_string().contains("\"p\""), "{e}");
    assert!(
        matches!(CostCurveEntry::new(" ", usd(1.0).unwrap(), lce(1.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::Empty)
    );
    assert!(matches!(CostCurve::new(vec![]), Err(ref e) if e.kind() == ErrorKind::Empty));
    // the curve's currency is a `Currency`: a blank code is refused where it is read
    assert!(matches!(Currency::from_code(""), Err(ref e) if e.kind() == ErrorKind::Unknown));
    let p = |n: &str, v: f64| CostCurveEntry::new(n, usd(1.0).unwrap(), lce(v).unwrap()).unwrap();
    // an entry in another currency is refused, naming it (the curve's currency is its first entry's)
    let eur = Price::per_tonne(1.0, Currency::EUR, Basis::lce()).unwrap();
    let e = CostCurve::new(vec![p("a", 1.0), CostCurveEntry::new("b", eur, lce(1.0).unwrap()).unwrap()]).unwrap_err();
    assert!(e.kind() == ErrorKind::Mismatch && e.to_string().contains("\"b\""), "{e}");
    assert!(matches!(CostCurve::new(vec![p("a", 0.0)]), Err(ref e) if e.kind() == ErrorKind::ZeroTotal));
    assert!(matches!(CostCurve::new(vec![p("a", 1.0), p("a", 2.0)]), Err(ref e) if e.kind() == ErrorKind::Duplicate));
    // an entry read from a file is checked like one built in code (fields are private)
    let sneaky =
        r#"{"name":"s","unit_cost_per_t":-3.0,"currency":"USD","price_year":null,"volume_t":1.0,"basis":"LCE"}"#;
    assert!(serde_json::from_str::<CostCurveEntry>(sneaky).is_err());
    let cv = CostCurve::new(vec![p("a", 1.0)]).unwrap();
    assert!(usd(f64::NAN).and_then(|price| cv.share_under_water(&price)).is_err());
    let per_li = Price::per_tonne(1.0, Currency::USD, li()).unwrap();
    assert!(matches!(cv.share_under_water(&per_li), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    assert!(matches!(cv.marginal(&lce(0.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::NotPositive));
    assert!(matches!(lce(f64::NAN).and_then(|d| cv.marginal(&d)), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(cv.marginal(&t(1.0).unwrap()), Err(ref e) if e.kind() == ErrorKind::Mismatch));
}

#[test]
fn localization_bad_input() {
    let eu = Region::from_codes("EU", ["DE"]).unwrap();
    let supply = |q: f64, rows: &[(&str, f64)]| -> Result<StageSupply, Error> {
        let rows = rows.iter().map(|(k, x)| Ok((c(k), t(*x)?))).collect::<Result<Vec<_>, Error>>()?;
        StageSupply::new(Stage::Refining, t(q)?, rows)
    };
    assert!(matches!(localization(&eu, &[]), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(matches!(supply(0.0, &[]), Err(ref e) if e.kind() == ErrorKind::ZeroTotal));
    assert!(matches!(supply(f64::NAN, &[]), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(matches!(supply(10.0, &[("CN", -1.0)]), Err(ref e) if e.kind() == ErrorKind::Negative));
    assert!(matches!(supply(10.0, &[("CN", 1.0), ("CN", 2.0)]), Err(ref e) if e.kind() == ErrorKind::Duplicate));
    assert!(matches!(supply(10.0, &[("CN", 11.0)]), Err(ref e) if e.kind() == ErrorKind::Inconsistent));
    let lce = Amount::tonnes(1.0, Basis::lce()).unwrap();
    let other_basis = StageSupply::new(Stage::Refining, t(10.0).unwrap(), vec![(c("CN"), lce)]);
    assert!(matches!(other_basis, Err(ref e) if e.kind() == ErrorKind::Mismatch && e.to_string().contains("CHN")));
    let s = supply(10.0, &[("CN", 1.0)]).unwrap();
    assert!(matches!(localization(&eu, &[s.clone(), s]), Err(ref e) if e.kind() == ErrorKind::Duplicate));
}
