//! Cut one country's output or exports at one stage and follow the shortfall downstream.
//!
//! Run with `cargo run --example disruption`. The network and spare capacities are
//! illustrative, not data.

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::disruption::{Cut, Disruption, Rerouting, disrupt};
use critical_minerals::chain::network::NetworkBuilder;
use critical_minerals::geo::Country;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let c = Country::from_code;
    let mut b = NetworkBuilder::new();
    b.add_stage("mining", None)?.add_stage("refining", Some("mining"))?.add_stage("cells", Some("refining"))?;
    for (stage, k, t) in [
        ("mining", "AU", 60.0),
        ("mining", "CL", 40.0),
        ("refining", "CN", 80.0),
        ("refining", "KR", 20.0),
        ("cells", "CN", 50.0),
        ("cells", "KR", 30.0),
        ("cells", "DE", 10.0),
    ] {
        b.add_production(stage, c(k)?, t)?;
    }
    for (from, to, t) in [("AU", "CN", 50.0), ("CL", "CN", 30.0), ("AU", "KR", 10.0), ("CL", "KR", 10.0)] {
        b.add_shipment("refining", c(from)?, c(to)?, t)?;
    }
    for (from, to, t) in [("CN", "KR", 15.0), ("CN", "DE", 8.0), ("KR", "DE", 2.0)] {
        b.add_shipment("cells", c(from)?, c(to)?, t)?;
    }
    let net = b.build()?;

    let cut = Disruption::new("refining", c("CN")?, Cut::Exports, 0.5)?;
    let spare = Rerouting::SpareCapacity(vec![(c("KR")?, 4.0)]);
    let plain = disrupt(&net, &cut, &Rerouting::None)?;
    let rerouted = disrupt(&net, &cut, &spare)?;

    println!("Scenario: China's exports of refined lithium cut by 50 % (illustrative network, kt LCE)");
    println!(
        "Lost deliveries: {:.1} kt; Korea's stated spare refining capacity of 4 kt refills {:.1} kt\n",
        plain.lost_t(),
        rerouted.refilled_t()
    );
    let mut table = Table::new();
    table.load_style(UTF8_FULL).set_header(vec![
        "stage",
        "country",
        "baseline",
        "no rerouting",
        "shortfall",
        "with rerouting",
        "shortfall",
    ]);
    for (a, r) in plain.stages().iter().zip(rerouted.stages()) {
        for ia in &a.countries {
            let ir = r.countries.iter().find(|i| i.country == ia.country);
            table.add_row(vec![
                a.stage.clone(),
                ia.country.name().to_string(),
                format!("{:.1}", ia.baseline_t),
                format!("{:.2}", ia.disrupted_t),
                format!("{:.1} %", 100.0 * ia.shortfall_share()),
                ir.map_or("-".into(), |i| format!("{:.2}", i.disrupted_t)),
                ir.map_or("-".into(), |i| format!("{:.1} %", 100.0 * i.shortfall_share())),
            ]);
        }
    }
    println!("{table}");
    println!("Proportional propagation: each producer's output scales with its inputs; rerouted volume");
    println!("goes to the buyers who lost supply, in proportion to their loss.");
    Ok(())
}
