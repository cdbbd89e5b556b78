//! Process routes: stoichiometry of the inverse, the mass balance, waste and energy.

use critical_minerals::ErrorKind;
use critical_minerals::chain::Process;
use critical_minerals::chain::route::{Route, RouteStep};
use critical_minerals::material::{Amount, Assay, Basis, Compound, Element, Form, Mineral};
use critical_minerals::units;

fn li2o(pct: f64) -> Assay {
    Assay::percent(pct, Compound::lithium_oxide()).unwrap()
}

/// SC6 -> Li2CO3 at conversion recovery `r`.
fn conversion_route(r: f64) -> Route {
    let conc = Form::Concentrate(Mineral::Spodumene);
    Route::new(
        "SC6 -> Li2CO3",
        Basis::sc6(),
        vec![RouteStep::new(
            Process::new("conversion", conc, Form::Chemical(Compound::lithium_carbonate()), r).unwrap(),
            None,
        )],
    )
    .unwrap()
}

#[test]
fn sc6_per_tonne_lce_matches_stoichiometry() {
    // factor from the basis model: t LCE per t SC6 = 0.06 x 73.888 / 29.879
    let lce_per_sc6 = Basis::sc6().factor_to(&Basis::lce()).unwrap();
    let stoich = 1.0 / lce_per_sc6;
    // the published rule of thumb, 6.74 t SC6 per t LCE at full recovery
    assert!((stoich - 6.74).abs() < 0.005, "{stoich}");
    for r in [1.0, 0.91, 0.85, 0.6, 0.25] {
        let sc6 = conversion_route(r).feed_per_tonne(&Basis::lce()).unwrap();
        assert!((sc6 - stoich / r).abs() < 1e-9, "r = {r}: {sc6} vs {}", stoich / r);
    }
}

#[test]
fn ore_per_tonne_lce_matches_stoichiometry() {
    let ore = Form::Ore(Mineral::Spodumene);
    let conc = Form::Concentrate(Mineral::Spodumene);
    for (grade, r_conc, r_conv) in [(1.2, 0.75, 0.9), (1.5, 0.8, 0.91), (2.35, 0.6, 1.0)] {
        let route = Route::new(
            "ore -> SC6 -> LCE",
            Basis::gross_with_assay(ore.clone(), li2o(grade)),
            vec![
                RouteStep::new(
                    Process::new("concentrator", ore.clone(), conc.clone(), r_conc).unwrap(),
                    Some(li2o(6.0)),
                ),
                RouteStep::new(
                    Process::new("conversion", conc.clone(), Form::Chemical(Compound::lithium_carbonate()), r_conv)
                        .unwrap(),
                    None,
                ),
            ],
        )
        .unwrap();
        let run = route.run_for_product(&Amount::tonnes(1.0, Basis::lce()).unwrap()).unwrap();
        // by hand: t ore = 1 / (grade x Li2O->LCE factor) / r_conc / r_conv
        let li2o_to_lce = Basis::li2o().factor_to(&Basis::lce()).unwrap();
        assert!((li2o_to_lce - 2.473).abs() < 5e-4);
        let ore_t = 1.0 / (grade / 100.0 * li2o_to_lce) / r_conc / r_conv;
        assert!((run.feed().in_tonnes() - ore_t).abs() < 1e-9 * ore_t);
        let sc6_t = 1.0 / (0.06 * li2o_to_lce) / r_conv;
        assert!((run.steps()[1].input.in_tonnes() - sc6_t).abs() < 1e-9 * sc6_t);
        // tailings of the concentrator: ore minus concentrate
        assert!((run.steps()[0].waste_t - (ore_t - sc6_t)).abs() < 1e-9 * ore_t);
        // lithium balance over the route
        let li = Basis::contained(Element::Li);
        let li_in = run.feed().convert_to(&li).unwrap().in_tonnes();
        let li_out = run.product().convert_to(&li).unwrap().in_tonnes();
        assert!((li_in - li_out - run.total_element_lost_t()).abs() < 1e-9);
    }
}

#[test]
fn built_in_routes_give_more_ore_for_lower_grades() {
    let lce = Basis::lce();
    let spod = Route::spodumene_to_carbonate().unwrap().feed_per_tonne(&lce).unwrap();
    let lepi = Route::lepidolite_to_carbonate().unwrap().feed_per_tonne(&lce).unwrap();
    let brine = Route::brine_to_carbonate().unwrap().feed_per_tonne(&lce).unwrap();
    // by hand from the cited parameters
    let f = Basis::contained(Element::Li).factor_to(&lce).unwrap();
    let f2 = Basis::li2o().factor_to(&lce).unwrap();
    assert!((spod - 1.0 / (0.0058 * f) / 0.80 / 0.91).abs() < 1e-6);
    assert!((lepi - 1.0 / (0.0046 * f2) / 0.813 / 0.91).abs() < 1e-6);
    assert!((brine - 1.0 / (0.00184 * f) / 0.50).abs() < 1e-6);
    assert!(lepi > spod);
    for r in [
        Route::spodumene_to_carbonate().unwrap(),
        Route::spodumene_to_hydroxide().unwrap(),
        Route::lepidolite_to_carbonate().unwrap(),
        Route::brine_to_carbonate().unwrap(),
    ] {
        for p in r.parameters() {
            assert!(!p.source.publisher.is_empty() && !p.source.title.is_empty(), "{p}");
        }
    }
    // the lepidolite grades are flagged
    assert!(Route::lepidolite_to_carbonate().unwrap().parameters().iter().all(|p| p.unconfirmed));
}

#[test]
fn lithium_metal_route_uses_the_callers_parameters() {
    let energy = units::kilowatt_hours(1_000.0);
    let route = Route::lithium_metal_from_chloride(0.9, Some(energy), 0.95).unwrap();
    let run = route.run_for_product(&Amount::tonnes(1.0, Basis::contained(Element::Li)).unwrap()).unwrap();
    let licl_per_li = Compound::lithium_chloride().molar_mass() / Element::Li.atomic_weight();
    assert!((run.feed().in_tonnes() - licl_per_li / 0.9 / 0.95).abs() < 1e-9);
    // energy per tonne of electrolysis output x output
    let metal_out = run.steps()[0].product.in_tonnes();
    let e = run.total_energy().unwrap().get::<units::energy::kilowatt_hour>();
    assert!((e - 1_000.0 * metal_out).abs() < 1e-6);
    assert_eq!(run.steps_without_energy(), 1);
}

#[test]
fn a_broken_mass_balance_is_reported() {
    let ore = Form::Ore(Mineral::Spodumene);
    let conc = Form::Concentrate(Mineral::Spodumene);
    // tailings at 0.1 % Li2O cannot hold the 20 % of lithium an 80 % recovery loses from 1.5 % ore
    let step = RouteStep::new(Process::new("concentrator", ore.clone(), conc.clone(), 0.8).unwrap(), Some(li2o(6.0)))
        .with_tailings_assay(li2o(0.1));
    let route = Route::new("bad", Basis::gross_with_assay(ore.clone(), li2o(1.5)), vec![step]).unwrap();
    let err = route.run(&Amount::tonnes(100.0, route.feed().clone()).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Inconsistent, "{err}");
    // "route "bad", step 1 ("concentrator"): Li2O does not balance: in X t, out Y t, losses Z t, off by W t ..."
    let msg = err.to_string();
    assert!(msg.contains("step 1 (\"concentrator\")"), "{msg}");
    let num = |label: &str| -> f64 {
        let rest = &msg[msg.find(label).unwrap() + label.len()..];
        rest.split(' ').next().unwrap().trim_end_matches(',').parse().unwrap()
    };
    let (input_t, output_t, losses_t, imbalance_t) = (num("in "), num("out "), num("losses "), num("off by "));
    assert!((imbalance_t - (input_t - output_t - losses_t)).abs() < 1e-9 * input_t, "{msg}");
    assert!(imbalance_t > 0.0);
    // a consistent tailings assay passes: 100 t at 1.5 % -> 20 t at 6 %, 80 t of tailings holding 0.3 t Li2O
    let ok = RouteStep::new(Process::new("concentrator", ore.clone(), conc.clone(), 0.8).unwrap(), Some(li2o(6.0)))
        .with_tailings_assay(li2o(0.375));
    let route = Route::new("ok", Basis::gross_with_assay(ore.clone(), li2o(1.5)), vec![ok]).unwrap();
    assert!(route.run(&Amount::tonnes(100.0, route.feed().clone()).unwrap()).is_ok());
    // a "concentrator" whose product is leaner than its feed would create mass
    let diluting = RouteStep::new(Process::new("dilution", ore.clone(), conc, 0.99).unwrap(), Some(li2o(1.0)));
    let route = Route::new("diluting", Basis::gross_with_assay(ore, li2o(1.5)), vec![diluting]).unwrap();
    assert!(matches!(
        route.run(&Amount::tonnes(100.0, route.feed().clone()).unwrap()),
        Err(ref e) if e.kind() == ErrorKind::Inconsistent && e.to_string().contains("step 1 ")
    ));
}

#[test]
fn mismatched_steps_are_rejected() {
    let ore = Form::Ore(Mineral::Lepidolite);
    let spod_conc = Form::Concentrate(Mineral::Spodumene);
    let step = RouteStep::new(
        Process::new("conversion", spod_conc, Form::Chemical(Compound::lithium_carbonate()), 0.9).unwrap(),
        None,
    );
    let err = Route::new("x", Basis::gross_with_assay(ore.clone(), li2o(0.5)), vec![step]).unwrap_err();
    assert!(err.kind() == ErrorKind::Mismatch && err.to_string().contains("step 1 "), "{err}");
    // a concentrate without its grade cannot be balanced
    let step = RouteStep::new(
        Process::new("flotation", ore.clone(), Form::Concentrate(Mineral::Lepidolite), 0.8).unwrap(),
        None,
    );
    assert!(
        matches!(Route::new("x", Basis::gross_with_assay(ore.clone(), li2o(0.5)), vec![step]), Err(ref e) if e.kind() == ErrorKind::Mismatch)
    );
    // ore of unknown grade as feed
    let step = RouteStep::new(
        Process::new("flotation", ore.clone(), Form::Concentrate(Mineral::Lepidolite), 0.8).unwrap(),
        Some(li2o(2.0)),
    );
    assert!(Route::new("x", Basis::gross(ore), vec![step]).is_err());
}

#[test]
fn recovery_from_a_form_on_the_route_multiplies_the_remaining_steps() {
    for id in Route::BUILTIN {
        let route = Route::builtin(id).unwrap();
        // run the route from one tonne of feed: the product it gives is the stoichiometric
        // product of the feed times the recovery from the feed
        let run = route.run(&Amount::tonnes(1.0, route.feed().clone()).unwrap()).unwrap();
        let stoich = route.feed().factor_to(route.product_basis()).unwrap();
        let r = route.recovery_from(route.feed()).unwrap();
        assert!((run.product().in_tonnes() - stoich * r).abs() < 1e-12 * stoich, "{id}");
        // from the last intermediate on: the recovery of the last step alone
        let last = route.steps().len() - 1;
        if last > 0 {
            let mid = route.steps()[last - 1].output().clone();
            let r_last = route.steps()[last].process().recovery();
            assert!((route.recovery_from(&mid).unwrap() - r_last).abs() < 1e-15, "{id}");
        }
        assert_eq!(route.recovery_from(route.product_basis()).unwrap(), 1.0, "{id}");
    }
}

#[test]
fn recovery_from_refuses_what_the_route_does_not_process() {
    let route = Route::spodumene_to_carbonate().unwrap();
    for basis in [Basis::lce(), Basis::contained(Element::Li), "brine@0.1%Li".parse().unwrap()] {
        let err = route.recovery_from(&basis).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Mismatch, "{err}");
        assert!(err.to_string().contains(&basis.to_string()), "{err}");
    }
    let err = Route::builtin("spodumene").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unknown);
    assert!(err.to_string().contains("\"spodumene\"") && err.to_string().contains("brine-to-carbonate"), "{err}");
    assert_eq!(Route::builtin(" Brine_To_Carbonate ").unwrap(), Route::brine_to_carbonate().unwrap());
}
