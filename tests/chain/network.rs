//! The supply network: the worked network shared by the exposure and disruption tests, a
//! strategy for random networks, and the network's own checks.

use critical_minerals::chain::{NetworkBuilder, Stage, SupplyNetwork};
use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Basis, Element};
use proptest::prelude::*;

pub(super) fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

/// The basis of every stage of the test networks: tonnes of contained lithium.
pub(super) fn li() -> Basis {
    Basis::contained(Element::Li)
}

/// `x` tonnes of contained lithium.
pub(super) fn t(x: f64) -> Amount {
    Amount::tonnes(x, li()).unwrap()
}

/// The three stages of the test networks, upstream first.
pub(super) const STAGES: [Stage; 3] = [Stage::Mining, Stage::Refining, Stage::Cells];

/// The worked network (same numbers as the module documentation).
///
/// Mining: AU 60, CL 40.
/// Refining: CN 80 with imports AU 50, CL 30; KR 20 with imports AU 10, CL 10.
///   (Neither AU nor CL refines, so what they keep plays no part.)
/// Cells: CN 50, KR 30. KR imports 15 of China's refined output. China keeps 80 - 15 = 65,
///   Korea keeps its own 20.
pub(super) fn worked() -> SupplyNetwork {
    let mut b = NetworkBuilder::new();
    b.add_stage(Stage::Mining, None, li()).unwrap();
    b.add_stage(Stage::Refining, Some(Stage::Mining), li()).unwrap();
    b.add_stage(Stage::Cells, Some(Stage::Refining), li()).unwrap();
    for (s, k, x) in [
        (Stage::Mining, "AU", 60.0),
        (Stage::Mining, "CL", 40.0),
        (Stage::Refining, "CN", 80.0),
        (Stage::Refining, "KR", 20.0),
        (Stage::Cells, "CN", 50.0),
        (Stage::Cells, "KR", 30.0),
    ] {
        b.add_production(s, c(k), t(x)).unwrap();
    }
    for (from, to, x) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
        b.add_shipment(Stage::Refining, c(from), c(to), t(x)).unwrap();
    }
    b.add_shipment(Stage::Cells, c("CN"), c("KR"), t(15.0)).unwrap();
    b.build().unwrap()
}

pub(super) const CODES: [&str; 5] = ["AU", "CL", "CN", "KR", "DE"];

/// Random 3-stage networks: every country produces at every stage; each ships a random share
/// (below 1 / n each) of its upstream output to each other country, so every producer keeps some
/// of its own output and has inputs.
pub(super) fn arb_network() -> impl Strategy<Value = SupplyNetwork> {
    (2usize..=5)
        .prop_flat_map(|n| {
            (Just(n), prop::collection::vec(1.0f64..100.0, 3 * n), prop::collection::vec(0.0f64..1.0, 2 * n * n))
        })
        .prop_map(|(n, prod, ship)| {
            let mut b = NetworkBuilder::new();
            b.add_stage(Stage::Mining, None, li()).unwrap();
            b.add_stage(Stage::Refining, Some(Stage::Mining), li()).unwrap();
            b.add_stage(Stage::Cells, Some(Stage::Refining), li()).unwrap();
            for (s, stage) in STAGES.iter().enumerate() {
                for k in 0..n {
                    b.add_production(*stage, c(CODES[k]), t(prod[s * n + k])).unwrap();
                }
            }
            for link in 0..2 {
                for i in 0..n {
                    for j in 0..n {
                        if i != j {
                            let share = ship[link * n * n + i * n + j] / n as f64;
                            let x = prod[link * n + i] * share;
                            b.add_shipment(STAGES[link + 1], c(CODES[i]), c(CODES[j]), t(x)).unwrap();
                        }
                    }
                }
            }
            b.build().unwrap()
        })
}

#[test]
fn the_network_states_its_stages_bases_and_shares() {
    let net = worked();
    assert_eq!(net.stages(), STAGES);
    assert_eq!(net.upstream(Stage::Cells).unwrap(), Some(Stage::Refining));
    assert_eq!(net.upstream(Stage::Mining).unwrap(), None);
    assert_eq!(net.basis(Stage::Refining).unwrap(), &li());
    assert_eq!(net.production(Stage::Mining).unwrap()[&c("AU")], t(60.0));
    let cells = net.production_shares(Stage::Cells).unwrap();
    assert_eq!(cells.share_of(&c("CN")), Some(50.0 / 80.0));
    assert_eq!(cells.entries()[0].key(), &c("CN"));
    assert!(net.production(Stage::Materials).is_err());
}

#[test]
fn stages_may_be_skipped_and_a_chain_may_start_at_recycling() {
    // recycling -> materials: recycling comes last in Stage::ALL but may feed an earlier stage
    let mut b = NetworkBuilder::new();
    b.add_stage(Stage::Materials, Some(Stage::Recycling), li()).unwrap();
    b.add_stage(Stage::Recycling, None, li()).unwrap();
    b.add_production(Stage::Recycling, c("DE"), t(5.0)).unwrap();
    b.add_production(Stage::Materials, c("PL"), t(4.0)).unwrap();
    b.add_shipment(Stage::Materials, c("DE"), c("PL"), t(4.0)).unwrap();
    let net = b.build().unwrap();
    assert_eq!(net.stages(), [Stage::Recycling, Stage::Materials]);
    assert_eq!(net.origin_share(Stage::Materials, c("PL"), Stage::Recycling, c("DE")).unwrap(), 1.0);
}

#[test]
fn the_network_serializes_as_tidy_tables() {
    let net = worked();
    let json = serde_json::to_string(&net).unwrap();
    assert!(json.starts_with(r#"{"stages":[{"stage":"mining","upstream":null,"basis":"Li"},"#), "{json}");
    assert!(json.contains(r#"{"stage":"cells","country":"KOR","output_t":30.0,"basis":"Li"}"#), "{json}");
    assert!(json.contains(r#"{"stage":"cells","exporter":"CHN","importer":"KOR","shipment_t":15.0,"basis":"Li"}"#));
    assert_eq!(serde_json::from_str::<SupplyNetwork>(&json).unwrap(), net);
    // a file is checked like code: shipments above output are refused on reading
    let bad = json.replace(r#""shipment_t":15.0"#, r#""shipment_t":150.0"#);
    assert!(serde_json::from_str::<SupplyNetwork>(&bad).is_err());
}
