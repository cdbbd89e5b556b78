//! Cut one country's output or exports at one stage and follow the shortfall downstream.
//!
//! Template of the API:
//!
//! ```text
//! let net = NetworkBuilder::new() ... .build()?;                           see `cargo run --example exposure`
//! let cut = Disruption::new(Stage::Refining, country, Cut::Exports, 0.5)?;   a fraction, not percent
//! disrupt(&net, &cut, &Rerouting::None)?                                    DisruptionResult
//! disrupt(&net, &cut, &Rerouting::SpareCapacity(vec![(country, amount)]))?  spare capacity on the cut stage's basis
//! result.impacts()                                                          one row per (stage, country): baseline, disrupted, shortfall_t
//! serde_json::to_string(&result)?                                           the same rows, tidy, with "basis"
//! ```
//!
//! Run with `cargo run --example disruption`. The network and spare capacities are
//! illustrative, not data.

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::disruption::{Cut, Disruption, Rerouting, disrupt};
use critical_minerals::chain::{NetworkBuilder, Stage};
use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Basis};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let c = Country::from_code;
    let lce = Basis::lce();
    let kt = |x: f64| Amount::tonnes(x * 1_000.0, lce.clone());
    let mut b = NetworkBuilder::new();
    b.add_stage(Stage::Mining, None, lce.clone())?
        .add_stage(Stage::Refining, Some(Stage::Mining), lce.clone())?
        .add_stage(Stage::Cells, Some(Stage::Refining), lce.clone())?;
    for (stage, k, x) in [
        (Stage::Mining, "AU", 60.0),
        (Stage::Mining, "CL", 40.0),
        (Stage::Refining, "CN", 80.0),
        (Stage::Refining, "KR", 20.0),
        (Stage::Cells, "CN", 50.0),
        (Stage::Cells, "KR", 30.0),
        (Stage::Cells, "DE", 10.0),
    ] {
        b.add_production(stage, c(k)?, kt(x)?)?;
    }
    for (from, to, x) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
        b.add_shipment(Stage::Refining, c(from)?, c(to)?, kt(x)?)?;
    }
    for (from, to, x) in [("CN", "KR", 15.0), ("CN", "DE", 8.0), ("KR", "DE", 2.0)] {
        b.add_shipment(Stage::Cells, c(from)?, c(to)?, kt(x)?)?;
    }
    let net = b.build()?;

    let cut = Disruption::new(Stage::Refining, c("CN")?, Cut::Exports, 0.5)?;
    let spare = Rerouting::SpareCapacity(vec![(c("KR")?, kt(4.0)?)]);
    let plain = disrupt(&net, &cut, &Rerouting::None)?;
    let rerouted = disrupt(&net, &cut, &spare)?;

    println!("Scenario: China's exports of refined lithium cut by 50 % (illustrative network, kt LCE)");
    println!(
        "Lost deliveries: {:.1} kt; Korea's stated spare refining capacity of 4 kt refills {:.1} kt\n",
        plain.lost().in_tonnes() / 1_000.0,
        rerouted.refilled().in_tonnes() / 1_000.0
    );
    let mut table = Table::new();
    table.load_style(UTF8_FULL).set_header(vec![
        "stage",
        "country",
        "baseline (kt LCE)",
        "no rerouting (kt LCE)",
        "shortfall (%)",
        "with rerouting (kt LCE)",
        "shortfall (%)",
    ]);
    for ia in plain.impacts() {
        let ir = rerouted.impacts().find(|i| i.stage() == ia.stage() && i.country() == ia.country());
        table.add_row(vec![
            ia.stage().to_string(),
            ia.country().name().to_string(),
            format!("{:.1}", ia.baseline().in_tonnes() / 1_000.0),
            format!("{:.2}", ia.disrupted().in_tonnes() / 1_000.0),
            format!("{:.1}", 100.0 * ia.shortfall_share()),
            ir.map_or("-".into(), |i| format!("{:.2}", i.disrupted().in_tonnes() / 1_000.0)),
            ir.map_or("-".into(), |i| format!("{:.1}", 100.0 * i.shortfall_share())),
        ]);
    }
    println!("{table}");
    println!("Proportional propagation: each producer's output scales with its inputs; rerouted volume");
    println!("goes to the buyers who lost supply, in proportion to their loss.");
    println!("\nThe first rows as JSON (t on each stage's basis; pandas: pd.json_normalize(r, \"impacts\")):");
    for row in rerouted.impacts().take(2) {
        println!("{}", serde_json::to_string(row)?);
    }
    Ok(())
}
