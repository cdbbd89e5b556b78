//! A cost curve: who is under water at a price, and who is the marginal producer.
//!
//! Template of the API:
//!
//! ```text
//! CostCurveEntry::new(name, Price::per_tonne(cost, Currency::USD, basis)?, Amount::tonnes(volume, basis)?)
//! CostCurve::new(entries)?                         sorted by unit cost; one currency, price year, basis
//! curve.share_under_water(&price)?                 fraction of volume costing more than the price
//! curve.marginal(&demand)?                         Marginal::Met { entry, cumulative } | Marginal::Unmet { total, gap }
//! serde_json::to_string(&curve)?                   one row per entry: unit_cost_per_t, currency, volume_t, from_t, to_t, basis
//! ```
//!
//! Run with `cargo run --example cost_curve`. The producers and costs are illustrative, not
//! data: give your own (one currency, one price year, one volume basis).

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry, Marginal};
use critical_minerals::material::{Amount, Basis};
use critical_minerals::money::{Currency, Price};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let basis = Basis::lce();
    let usd = |x| Price::per_tonne(x, Currency::USD, basis.clone());
    let t = |x| Amount::tonnes(x, basis.clone());
    let curve = CostCurve::new(vec![
        CostCurveEntry::new("brine producer A", usd(5_500.0)?, t(120_000.0)?)?,
        CostCurveEntry::new("brine producer B", usd(7_000.0)?, t(60_000.0)?)?,
        CostCurveEntry::new("spodumene integrated C", usd(8_500.0)?, t(90_000.0)?)?,
        CostCurveEntry::new("spodumene non-integrated D", usd(11_000.0)?, t(70_000.0)?)?,
        CostCurveEntry::new("lepidolite E", usd(12_500.0)?, t(50_000.0)?)?,
        CostCurveEntry::new("lepidolite F", usd(14_000.0)?, t(40_000.0)?)?,
    ])?;

    let unit = format!("{}/t {}", curve.currency(), curve.basis());
    let mass = format!("t {}", curve.basis());
    println!("Illustrative cost curve, unit costs in {unit}, volumes in {mass} per year\n");
    let mut table = Table::new();
    table.load_style(UTF8_FULL).set_header(vec![
        "entry".to_string(),
        format!("unit cost ({unit})"),
        format!("volume ({mass})"),
        format!("cumulative from ({mass})"),
        format!("cumulative to ({mass})"),
    ]);
    for p in curve.points() {
        table.add_row(vec![
            p.entry().name().to_string(),
            format!("{:.0}", p.entry().unit_cost().amount_per_tonne()),
            format!("{:.0}", p.entry().volume().in_tonnes()),
            format!("{:.0}", p.from().in_tonnes()),
            format!("{:.0}", p.to().in_tonnes()),
        ]);
    }
    println!("{table}");

    let mut water = Table::new();
    water.load_style(UTF8_FULL).set_header(vec![format!("price ({unit})"), "output under water (%)".to_string()]);
    for price in [6_000.0, 9_000.0, 10_000.0, 12_000.0, 15_000.0] {
        water.add_row(vec![format!("{price:.0}"), format!("{:.1}", 100.0 * curve.share_under_water(&usd(price)?)?)]);
    }
    println!("{water}");

    let mut marginal = Table::new();
    marginal.load_style(UTF8_FULL).set_header(vec![
        format!("demand ({mass})"),
        "marginal producer".to_string(),
        format!("marginal cost ({unit})"),
    ]);
    for demand in [150_000.0, 300_000.0, 400_000.0, 450_000.0] {
        let row = match curve.marginal(&t(demand)?)? {
            Marginal::Met { entry, .. } => {
                vec![
                    format!("{demand:.0}"),
                    entry.name().to_string(),
                    format!("{:.0}", entry.unit_cost().amount_per_tonne()),
                ]
            }
            Marginal::Unmet { gap, .. } => {
                vec![format!("{demand:.0}"), format!("unmet: {:.0} {mass} short", gap.in_tonnes()), "-".into()]
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
