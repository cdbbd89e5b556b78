//! Disruption scenarios on a supply network.

use critical_minerals::chain::Stage;
use critical_minerals::chain::disruption::{Cut, Disruption, DisruptionResult, Rerouting, disrupt};
use critical_minerals::geo::Country;
use proptest::prelude::*;

use super::network::{CODES, STAGES, arb_network, c, t, worked};

#[test]
fn worked_disruption_matches_hand_computation() {
    let net = worked();
    // China's refined exports to Korea cut by 40 %: Korea loses 6 of its 35 t of cell input
    let d = Disruption::new(Stage::Refining, c("CN"), Cut::Exports, 0.4).unwrap();
    let r = disrupt(&net, &d, &Rerouting::None).unwrap();
    assert!((r.shortfall_t(Stage::Cells, c("KR")).unwrap() - 30.0 * 6.0 / 35.0).abs() < 1e-12);
    assert_eq!(r.shortfall_t(Stage::Cells, c("CN")).unwrap(), 0.0);
    assert_eq!(r.shortfall_t(Stage::Refining, c("CN")).unwrap(), 0.0); // an export cut leaves output
    // Korea's refining can add 3 t: half the 6 t lost is refilled
    let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("KR"), t(3.0))])).unwrap();
    assert!((r.refilled().in_tonnes() - 3.0).abs() < 1e-12);
    assert!((r.shortfall_t(Stage::Cells, c("KR")).unwrap() - 30.0 * 3.0 / 35.0).abs() < 1e-12);
    // mining cut propagates two stages: AU output -50 % -> CN refining input 80 -> 55
    let d = Disruption::new(Stage::Mining, c("AU"), Cut::Output, 0.5).unwrap();
    let r = disrupt(&net, &d, &Rerouting::None).unwrap();
    assert!((r.shortfall_t(Stage::Refining, c("CN")).unwrap() - 25.0).abs() < 1e-12);
    // CN cells: input all Chinese refined output at 55/80 -> 50 x 25/80 short
    assert!((r.shortfall_t(Stage::Cells, c("CN")).unwrap() - 50.0 * 25.0 / 80.0).abs() < 1e-12);
}

#[test]
fn no_cut_means_no_shortfall() {
    let net = worked();
    for stage in STAGES {
        for (k, _) in net.production(stage).unwrap().clone() {
            for cut in [Cut::Output, Cut::Exports] {
                let d = Disruption::new(stage, k, cut, 0.0).unwrap();
                for rr in [Rerouting::None, Rerouting::SpareCapacity(vec![(c("AU"), t(5.0)), (c("KR"), t(7.0))])] {
                    let r = disrupt(&net, &d, &rr).unwrap();
                    for s in r.stages() {
                        for i in s.countries() {
                            assert_eq!(i.shortfall_t(), 0.0, "{stage} {k:?} {cut:?} {}", s.stage());
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_result_is_tidy_rows_with_units() {
    let net = worked();
    let d = Disruption::new(Stage::Mining, c("CL"), Cut::Output, 0.5).unwrap();
    let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("AU"), t(10.0))])).unwrap();
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        json.starts_with(r#"{"stage":"mining","country":"CHL","cut":"output","fraction":0.5,"lost_t":20.0,"refilled_t":10.0,"basis":"Li","fills":[{"country":"AUS","fill_t":10.0,"basis":"Li"}],"impacts":[{"stage":"mining","country":"AUS","basis":"Li","baseline_t":60.0,"disrupted_t":70.0,"shortfall_t":-10.0,"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<DisruptionResult>(&json).unwrap(), r);
    // one row per (stage, country): 2 miners, 2 refiners, 2 cell makers
    assert_eq!(r.impacts().count(), 6);
    assert_eq!(r.disruption(), &d);
}

proptest! {
    #[test]
    fn cutting_a_supplier_never_increases_supply(
        net in arb_network(),
        stage_i in 0usize..3,
        who in 0usize..5,
        exports in any::<bool>(),
        x in 0.0f64..=1.0,
        spare in prop::collection::vec(0.0f64..50.0, 5),
    ) {
        let stage = STAGES[stage_i];
        let producers: Vec<Country> = net.production(stage).unwrap().keys().copied().collect();
        let country = producers[who % producers.len()];
        let cut = if exports { Cut::Exports } else { Cut::Output };
        let d = Disruption::new(stage, country, cut, x).unwrap();
        let plain = disrupt(&net, &d, &Rerouting::None).unwrap();
        let spare: Vec<(Country, _)> = CODES.iter().zip(&spare).map(|(k, x)| (c(k), t(*x))).collect();
        let rerouted = disrupt(&net, &d, &Rerouting::SpareCapacity(spare)).unwrap();
        // downstream of the cut, no one's supply rises, with or without rerouting,
        // and rerouting never makes anyone worse off
        for (a, b) in plain.stages().iter().zip(rerouted.stages()).skip(1) {
            for (ia, ib) in a.countries().iter().zip(b.countries()) {
                prop_assert!(ia.disrupted().in_tonnes() <= ia.baseline().in_tonnes() + 1e-9);
                prop_assert!(ib.disrupted().in_tonnes() <= ib.baseline().in_tonnes() + 1e-9);
                prop_assert!(ib.disrupted().in_tonnes() >= ia.disrupted().in_tonnes() - 1e-9);
            }
        }
        // at the cut stage, without rerouting, no one's output rises
        for i in plain.stages()[0].countries() {
            prop_assert!(i.disrupted().in_tonnes() <= i.baseline().in_tonnes() + 1e-9);
        }
        // a deeper cut never leaves more supply
        let deeper = Disruption::new(stage, country, cut, (x + 0.1).min(1.0)).unwrap();
        let deeper = disrupt(&net, &deeper, &Rerouting::None).unwrap();
        for (a, b) in plain.stages().iter().zip(deeper.stages()) {
            for (ia, ib) in a.countries().iter().zip(b.countries()) {
                prop_assert!(ib.disrupted().in_tonnes() <= ia.disrupted().in_tonnes() + 1e-9);
            }
        }
    }
}
