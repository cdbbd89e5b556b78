//! Exposure through a supply network and disruption scenarios.

use critical_minerals::ErrorKind;
use critical_minerals::chain::disruption::{Cut, Disruption, Rerouting, disrupt};
use critical_minerals::chain::network::{NetworkBuilder, SupplyNetwork};
use critical_minerals::geo::{Country, Region};
use proptest::prelude::*;

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

/// The worked network (same numbers as the module documentation).
///
/// Mining: AU 60, CL 40.
/// Refining: CN 80 with imports AU 50, CL 30; KR 20 with imports AU 10, CL 10.
///   (Neither AU nor CL refines, so what they keep plays no part.)
/// Cells: CN 50, KR 30. KR imports 15 of China's refined output. China keeps 80 - 15 = 65,
///   Korea keeps its own 20.
fn worked() -> SupplyNetwork {
    let mut b = NetworkBuilder::new();
    b.add_stage("mining", None).unwrap();
    b.add_stage("refining", Some("mining")).unwrap();
    b.add_stage("cells", Some("refining")).unwrap();
    for (s, k, t) in [
        ("mining", "AU", 60.0),
        ("mining", "CL", 40.0),
        ("refining", "CN", 80.0),
        ("refining", "KR", 20.0),
        ("cells", "CN", 50.0),
        ("cells", "KR", 30.0),
    ] {
        b.add_production(s, c(k), t).unwrap();
    }
    for (from, to, t) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
        b.add_shipment("refining", c(from), c(to), t).unwrap();
    }
    b.add_shipment("cells", c("CN"), c("KR"), 15.0).unwrap();
    b.build().unwrap()
}

#[test]
fn worked_network_matches_hand_computation() {
    let net = worked();
    // Hand computation.
    // A_refining rows (input mix of each refiner over miners):
    //   CN: AU 50/80 = 0.625, CL 30/80 = 0.375
    //   KR: AU 10/20 = 0.5,   CL 10/20 = 0.5
    // A_cells rows (input mix of each cell maker over refiners):
    //   CN: keeps 65, imports nothing -> CN 1.0
    //   KR: keeps 20, imports 15 from CN -> KR 20/35, CN 15/35
    // Korea's cells, refined where:  CN 15/35 = 0.428571..., KR 20/35 = 0.571428...
    // Korea's cells, mined where (row KR of A_cells x A_refining):
    //   AU = 20/35 x 0.5 + 15/35 x 0.625 = 0.285714 + 0.267857 = 0.553571...
    //   CL = 20/35 x 0.5 + 15/35 x 0.375 = 0.285714 + 0.160714 = 0.446429...
    // China's cells, mined where: AU 0.625, CL 0.375.
    let kr_refined = net.origin_shares("cells", c("KR"), "refining").unwrap();
    assert!((kr_refined[&c("CN")] - 15.0 / 35.0).abs() < 1e-12);
    assert!((kr_refined[&c("KR")] - 20.0 / 35.0).abs() < 1e-12);
    let kr_mined = net.origin_shares("cells", c("KR"), "mining").unwrap();
    assert!((kr_mined[&c("AU")] - (20.0 / 35.0 * 0.5 + 15.0 / 35.0 * 0.625)).abs() < 1e-12);
    assert!((kr_mined[&c("CL")] - (20.0 / 35.0 * 0.5 + 15.0 / 35.0 * 0.375)).abs() < 1e-12);
    let cn_mined = net.origin_shares("cells", c("CN"), "mining").unwrap();
    assert!((cn_mined[&c("AU")] - 0.625).abs() < 1e-12);
    assert_eq!(net.origin_share("cells", c("CN"), "refining", c("KR")).unwrap(), 0.0);
    // a region: CN 50 and KR 30 of cells; mined in Australia = (50 x 0.625 + 30 x 0.553571) / 80
    let asia = Region::from_codes("CN+KR", ["CN", "KR"]).unwrap();
    let r = net.region_origin_shares("cells", &asia, "mining").unwrap();
    let au = (50.0 * 0.625 + 30.0 * (20.0 / 35.0 * 0.5 + 15.0 / 35.0 * 0.625)) / 80.0;
    assert!((r[&c("AU")] - au).abs() < 1e-12);
    // the stage itself is its own origin
    assert_eq!(net.origin_shares("cells", c("KR"), "cells").unwrap().get(&c("KR")), Some(&1.0));
    // downstream is not an origin
    assert!(matches!(net.origin_shares("mining", c("AU"), "cells"), Err(ref e) if e.kind() == ErrorKind::Inconsistent));
    assert!(matches!(net.origin_shares("cells", c("AU"), "mining"), Err(ref e) if e.kind() == ErrorKind::Inconsistent));
}

#[test]
fn worked_disruption_matches_hand_computation() {
    let net = worked();
    // China's refined exports to Korea cut by 40 %: Korea loses 6 of its 35 t of cell input
    let d = Disruption::new("refining", c("CN"), Cut::Exports, 0.4).unwrap();
    let r = disrupt(&net, &d, &Rerouting::None).unwrap();
    assert!((r.shortfall("cells", c("KR")).unwrap() - 30.0 * 6.0 / 35.0).abs() < 1e-12);
    assert_eq!(r.shortfall("cells", c("CN")).unwrap(), 0.0);
    assert_eq!(r.shortfall("refining", c("CN")).unwrap(), 0.0); // an export cut leaves output
    // Korea's refining can add 3 t: half the 6 t lost is refilled
    let r = disrupt(&net, &d, &Rerouting::SpareCapacity(vec![(c("KR"), 3.0)])).unwrap();
    assert!((r.refilled_t() - 3.0).abs() < 1e-12);
    assert!((r.shortfall("cells", c("KR")).unwrap() - 30.0 * 3.0 / 35.0).abs() < 1e-12);
    // mining cut propagates two stages: AU output -50 % -> CN refining input 80 -> 55
    let d = Disruption::new("mining", c("AU"), Cut::Output, 0.5).unwrap();
    let r = disrupt(&net, &d, &Rerouting::None).unwrap();
    assert!((r.shortfall("refining", c("CN")).unwrap() - 25.0).abs() < 1e-12);
    // CN cells: input all Chinese refined output at 55/80 -> 50 x 25/80 short
    assert!((r.shortfall("cells", c("CN")).unwrap() - 50.0 * 25.0 / 80.0).abs() < 1e-12);
}

#[test]
fn no_cut_means_no_shortfall() {
    let net = worked();
    for stage in ["mining", "refining", "cells"] {
        for (k, _) in net.production(stage).unwrap().clone() {
            for cut in [Cut::Output, Cut::Exports] {
                let d = Disruption::new(stage, k, cut, 0.0).unwrap();
                for rr in [Rerouting::None, Rerouting::SpareCapacity(vec![(c("AU"), 5.0), (c("KR"), 7.0)])] {
                    let r = disrupt(&net, &d, &rr).unwrap();
                    for s in r.stages() {
                        for i in &s.countries {
                            assert_eq!(i.shortfall_t(), 0.0, "{stage} {k:?} {cut:?} {}", s.stage);
                        }
                    }
                }
            }
        }
    }
}

const CODES: [&str; 5] = ["AU", "CL", "CN", "KR", "DE"];

/// Random 3-stage networks: every country produces at every stage; each ships a random share
/// (below 1 / n each) of its upstream output to each other country, so every producer keeps some
/// of its own output and has inputs.
fn arb_network() -> impl Strategy<Value = SupplyNetwork> {
    (2usize..=5)
        .prop_flat_map(|n| {
            (Just(n), prop::collection::vec(1.0f64..100.0, 3 * n), prop::collection::vec(0.0f64..1.0, 2 * n * n))
        })
        .prop_map(|(n, prod, ship)| {
            let stages = ["mining", "refining", "cells"];
            let mut b = NetworkBuilder::new();
            b.add_stage("mining", None).unwrap();
            b.add_stage("refining", Some("mining")).unwrap();
            b.add_stage("cells", Some("refining")).unwrap();
            for (s, stage) in stages.iter().enumerate() {
                for k in 0..n {
                    b.add_production(stage, c(CODES[k]), prod[s * n + k]).unwrap();
                }
            }
            for link in 0..2 {
                for i in 0..n {
                    for j in 0..n {
                        if i != j {
                            let share = ship[link * n * n + i * n + j] / n as f64;
                            let t = prod[link * n + i] * share;
                            b.add_shipment(stages[link + 1], c(CODES[i]), c(CODES[j]), t).unwrap();
                        }
                    }
                }
            }
            b.build().unwrap()
        })
}

proptest! {
    #[test]
    fn exposure_shares_sum_to_one(net in arb_network()) {
        let stages = ["mining", "refining", "cells"];
        for (k, stage) in stages.iter().enumerate() {
            for (country, _) in net.production(stage).unwrap().clone() {
                for origin in &stages[..=k] {
                    let shares = net.origin_shares(stage, country, origin).unwrap();
                    let sum: f64 = shares.values().sum();
                    prop_assert!((sum - 1.0).abs() < 1e-9, "{stage} {country:?} <- {origin}: {sum}");
                    prop_assert!(shares.values().all(|s| (0.0..=1.0 + 1e-12).contains(s)));
                }
            }
        }
    }

    #[test]
    fn cutting_a_supplier_never_increases_supply(
        net in arb_network(),
        stage_i in 0usize..3,
        who in 0usize..5,
        exports in any::<bool>(),
        x in 0.0f64..=1.0,
        spare in prop::collection::vec(0.0f64..50.0, 5),
    ) {
        let stages = ["mining", "refining", "cells"];
        let stage = stages[stage_i];
        let producers: Vec<Country> = net.production(stage).unwrap().keys().copied().collect();
        let country = producers[who % producers.len()];
        let cut = if exports { Cut::Exports } else { Cut::Output };
        let d = Disruption::new(stage, country, cut, x).unwrap();
        let plain = disrupt(&net, &d, &Rerouting::None).unwrap();
        let spare: Vec<(Country, f64)> = CODES.iter().zip(&spare).map(|(k, t)| (c(k), *t)).collect();
        let rerouted = disrupt(&net, &d, &Rerouting::SpareCapacity(spare)).unwrap();
        // downstream of the cut, no one's supply rises, with or without rerouting,
        // and rerouting never makes anyone worse off
        for (a, b) in plain.stages().iter().zip(rerouted.stages()).skip(1) {
            for (ia, ib) in a.countries.iter().zip(&b.countries) {
                prop_assert!(ia.disrupted_t <= ia.baseline_t + 1e-9);
                prop_assert!(ib.disrupted_t <= ib.baseline_t + 1e-9);
                prop_assert!(ib.disrupted_t >= ia.disrupted_t - 1e-9);
            }
        }
        // at the cut stage, without rerouting, no one's output rises
        for i in &plain.stages()[0].countries {
            prop_assert!(i.disrupted_t <= i.baseline_t + 1e-9);
        }
        // a deeper cut never leaves more supply
        let deeper = Disruption::new(stage, country, cut, (x + 0.1).min(1.0)).unwrap();
        let deeper = disrupt(&net, &deeper, &Rerouting::None).unwrap();
        for (a, b) in plain.stages().iter().zip(deeper.stages()) {
            for (ia, ib) in a.countries.iter().zip(&b.countries) {
                prop_assert!(ib.disrupted_t <= ia.disrupted_t + 1e-9);
            }
        }
    }
}
