//! The lithium report: the README's first command.
//!
//! Run with `cargo run --example lithium_report`.

use critical_minerals::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // USGS Mineral Commodity Summaries 2025, lithium, world mine production 2024 (t Li content)
    let rows = [("Australia", 88_000.0), ("Chile", 49_000.0), ("China", 41_000.0)];
    println!("Lithium mine production 2024 (USGS MCS 2025), contained Li and LCE:");
    for (name, t) in rows {
        let li = Amount::tonnes(t, Basis::contained(Element::Li))?;
        let lce = li.convert_to(&Basis::lce())?;
        println!("  {name:<10} {:>12} {:>16}", li.to_string(), lce.to_string());
    }
    Ok(())
}
