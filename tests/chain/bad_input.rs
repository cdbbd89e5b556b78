//! Bad-input table for the chain analytics: each row gives a typed error, never a panic.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::chain::Process;
use critical_minerals::chain::cost_curve::{CostCurve, Producer};
use critical_minerals::chain::disruption::{Cut, Disruption, Rerouting, disrupt};
use critical_minerals::chain::localization::{StageSupply, localization};
use critical_minerals::chain::network::NetworkBuilder;
use critical_minerals::chain::route::{Route, RouteStep};
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::{Amount, Basis, Form, Mineral};

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
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
    b.add_stage("mining", None)?;
    b.add_stage("refining", Some("mining"))?;
    b.add_production("mining", c("AU"), 10.0)?;
    b.add_production("refining", c("CN"), 10.0)?;
    Ok(())
}

#[test]
fn network_bad_input_table() {
    let rows: Vec<(&str, Error, Check)> = vec![
        ("empty network", net_error(|_| Ok(())), Box::new(|e| e.kind() == ErrorKind::Empty)),
        (
            "cycle",
            net_error(|b| {
                b.add_stage("a", Some("c"))?;
                b.add_stage("b", Some("a"))?;
                b.add_stage("c", Some("b"))?;
                for s in ["a", "b", "c"] {
                    b.add_production(s, c("AU"), 1.0)?;
                }
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent && e.to_string().split(" -> ").count() == 3),
        ),
        (
            "self loop",
            net_error(|b| {
                b.add_stage("a", Some("a"))?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
        (
            "stage with no producers",
            net_error(|b| {
                b.add_stage("mining", None)?;
                b.add_stage("refining", Some("mining"))?;
                b.add_production("mining", c("AU"), 10.0)?;
                b.add_production("refining", c("CN"), 0.0)?;
                Ok(())
            }),
            Box::new(|e| {
                e.kind() == ErrorKind::Inconsistent && e.to_string().contains("stage \"refining\" has no producer")
            }),
        ),
        (
            "unknown upstream",
            net_error(|b| {
                b.add_stage("refining", Some("mine"))?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Unknown && e.to_string().contains("unknown stage \"mine\"")),
        ),
        (
            "branching stage",
            net_error(|b| {
                b.add_stage("mining", None)?;
                b.add_stage("refining", Some("mining"))?;
                b.add_stage("glass", Some("mining"))?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
        (
            "NaN production",
            net_error(|b| {
                b.add_stage("mining", None)?;
                b.add_production("mining", c("AU"), f64::NAN)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::NotFinite && e.to_string().contains("AUS")),
        ),
        (
            "negative production",
            net_error(|b| {
                b.add_stage("mining", None)?;
                b.add_production("mining", c("AU"), -1.0)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Negative),
        ),
        (
            "negative shipment",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment("refining", c("AU"), c("CN"), -3.0)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Negative),
        ),
        (
            "duplicate production",
            net_error(|b| {
                b.add_stage("mining", None)?;
                b.add_production("mining", c("AU"), 1.0)?;
                b.add_production("mining", c("AU"), 2.0)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Duplicate),
        ),
        (
            "shipments above output",
            net_error(|b| {
                two_stage(b)?;
                b.add_shipment("refining", c("AU"), c("CN"), 11.0)?;
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
                b.add_shipment("refining", c("AU"), c("CN"), 5.0)?;
                b.add_shipment("refining", c("AU"), c("JP"), 5.0)?;
                Ok(())
            }),
            Box::new(|e| e.kind() == ErrorKind::Inconsistent),
        ),
    ];
    for (name, err, check) in rows {
        assert!(check(&err), "{name}: unexpected {err:?}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn disruption_bad_input() {
    let mut b = NetworkBuilder::new();
    two_stage(&mut b).unwrap();
    b.add_shipment("refining", c("AU"), c("CN"), 10.0).unwrap();
    let net = b.build().unwrap();
    for x in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
        assert!(
            matches!(Disruption::new("mining", c("AU"), Cut::Output, x), Err(ref e) if e.kind() == ErrorKind::OutOfRange)
        );
    }
    let d = Disruption::new("smelting", c("AU"), Cut::Output, 0.5).unwrap();
    assert!(matches!(disrupt(&net, &d, &Rerouting::None), Err(ref e) if e.kind() == ErrorKind::Unknown));
    let d = Disruption::new("mining", c("CL"), Cut::Output, 0.5).unwrap();
    assert!(matches!(disrupt(&net, &d, &Rerouting::None), Err(ref e) if e.kind() == ErrorKind::Inconsistent));
    let d = Disruption::new("mining", c("AU"), Cut::Output, 0.5).unwrap();
    for bad in [f64::NAN, -2.0] {
        let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("CL"), bad)]));
        assert!(matches!(r, Err(ref e) if matches!(e.kind(), ErrorKind::NotFinite | ErrorKind::Negative)));
    }
    let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("CL"), 1.0), (c("CL"), 2.0)]));
    assert!(matches!(r, Err(ref e) if e.kind() == ErrorKind::Duplicate));
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

#[test]
fn cost_curve_bad_input() {
    for (cost, vol) in [(-1.0, 1.0), (f64::NAN, 1.0), (1.0, -5.0), (1.0, f64::INFINITY)] {
        let e = Producer::new("p", cost, vol).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Negative | ErrorKind::NotFinite), "{e:?}");
        assert!(e.to_string().contains("\"p\""));
    }
    assert!(matches!(CostCurve::new("USD", Basis::lce(), vec![]), Err(ref e) if e.kind() == ErrorKind::Empty));
    let p = |n: &str, v: f64| Producer::new(n, 1.0, v).unwrap();
    assert!(matches!(CostCurve::new("", Basis::lce(), vec![p("a", 1.0)]), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(
        matches!(CostCurve::new("USD", Basis::lce(), vec![p("a", 0.0)]), Err(ref e) if e.kind() == ErrorKind::ZeroTotal)
    );
    assert!(
        matches!(CostCurve::new("USD", Basis::lce(), vec![p("a", 1.0), p("a", 2.0)]), Err(ref e) if e.kind() == ErrorKind::Duplicate)
    );
    // a struct literal that skips Producer::new is checked too
    let sneaky = Producer { name: "s".into(), unit_cost: -3.0, volume_t: 1.0 };
    assert!(matches!(CostCurve::new("USD", Basis::lce(), vec![sneaky]), Err(ref e) if e.kind() == ErrorKind::Negative));
    let cv = CostCurve::new("USD", Basis::lce(), vec![p("a", 1.0)]).unwrap();
    assert!(cv.share_under_water(f64::NAN).is_err());
    assert!(matches!(cv.marginal(0.0), Err(ref e) if e.kind() == ErrorKind::NotPositive));
    assert!(matches!(cv.marginal(f64::NAN), Err(ref e) if e.kind() == ErrorKind::NotFinite));
}

#[test]
fn localization_bad_input() {
    let eu = Region::from_codes("EU", ["DE"]).unwrap();
    assert!(matches!(localization(&eu, &[]), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(matches!(StageSupply::new("x", 0.0, vec![]), Err(ref e) if e.kind() == ErrorKind::ZeroTotal));
    assert!(matches!(StageSupply::new("x", f64::NAN, vec![]), Err(ref e) if e.kind() == ErrorKind::NotFinite));
    assert!(
        matches!(StageSupply::new("x", 10.0, vec![(c("CN"), -1.0)]), Err(ref e) if e.kind() == ErrorKind::Negative)
    );
    assert!(
        matches!(StageSupply::new("x", 10.0, vec![(c("CN"), 1.0), (c("CN"), 2.0)]), Err(ref e) if e.kind() == ErrorKind::Duplicate)
    );
    assert!(
        matches!(StageSupply::new("x", 10.0, vec![(c("CN"), 11.0)]), Err(ref e) if e.kind() == ErrorKind::Inconsistent)
    );
    let s = StageSupply::new("x", 10.0, vec![(c("CN"), 1.0)]).unwrap();
    assert!(matches!(localization(&eu, &[s.clone(), s]), Err(ref e) if e.kind() == ErrorKind::Duplicate));
}
