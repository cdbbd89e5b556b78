//! A cost curve: who is under water at a price, and who is the marginal producer.
//!
//! Run with `cargo run --example cost_curve`. The producers and costs are illustrative, not
//! data: give your own (one currency, one volume basis).

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::cost_curve::{CostCurve, Marginal, Producer};
use critical_minerals::material::Basis;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let curve = CostCurve::new(
        "USD",
        Basis::lce(),
        vec![
            Producer::new("brine producer A", 5_500.0, 120_000.0)?,
            Producer::new("brine producer B", 7_000.0, 60_000.0)?,
            Producer::new("spodumene integrated C", 8_500.0, 90_000.0)?,
            Producer::new("spodumene non-integrated D", 11_000.0, 70_000.0)?,
            Producer::new("lepidolite E", 12_500.0, 50_000.0)?,
            Producer::new("lepidolite F", 14_000.0, 40_000.0)?,
        ],
    )?;

    println!(
        "Illustrative cost curve, {} per t {} (volumes in t {} per year)\n",
        curve.currency(),
        curve.basis(),
        curve.basis()
    );
    let mut table = Table::new();
    table.load_style(UTF8_FULL).set_header(vec!["producer", "unit cost", "volume", "cumulative from", "cumulative to"]);
    for p in curve.points() {
        table.add_row(vec![
            p.producer.name.clone(),
            format!("{:.0}", p.producer.unit_cost),
            format!("{:.0}", p.producer.volume_t),
            format!("{:.0}", p.from_t),
            format!("{:.0}", p.to_t),
        ]);
    }
    println!("{table}");

    let mut water = Table::new();
    water.load_style(UTF8_FULL).set_header(vec!["price (USD/t LCE)", "output under water"]);
    for price in [6_000.0, 9_000.0, 10_000.0, 12_000.0, 15_000.0] {
        water.add_row(vec![format!("{price:.0}"), format!("{:.1} %", 100.0 * curve.share_under_water(price)?)]);
    }
    println!("{water}");

    let mut marginal = Table::new();
    marginal.load_style(UTF8_FULL).set_header(vec!["demand (t LCE)", "marginal producer", "marginal cost"]);
    for demand in [150_000.0, 300_000.0, 400_000.0, 450_000.0] {
        let row = match curve.marginal(demand)? {
            Marginal::Met { producer, .. } => {
                vec![format!("{demand:.0}"), producer.name, format!("{:.0}", producer.unit_cost)]
            }
            Marginal::Unmet { gap_t, .. } => {
                vec![format!("{demand:.0}"), format!("unmet: {gap_t:.0} t short"), "-".into()]
            }
            _ => vec![format!("{demand:.0}"), "?".into(), "-".into()],
        };
        marginal.add_row(row);
    }
    println!("{marginal}");
    println!("Context: CRU, as reported by Bloomberg (source seed-003-yichun), found more than half of the");
    println!("lepidolite output it tracks running at a loss, i.e. an under-water share above 50 % for that segment.");
    Ok(())
}
