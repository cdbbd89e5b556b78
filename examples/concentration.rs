//! The concentration calculators on a market you define: shares, HHI in points, CR3, guideline
//! bands and the HHI change of a merger. Copy this file and put in your own rows.
//!
//! Run with `cargo run --example concentration`. The market is made up (round numbers).

use critical_minerals::stats::concentration::{Remainder, concentration_ratio, hhi, merger_delta};
use critical_minerals::stats::guideline::{Guideline, assess_merger, classify};
use critical_minerals::stats::share::{Denominator, Shares};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // refiners and their output (kt LCE); the market total also counts unlisted small refiners
    let rows = [("Refiner A", 300.0), ("Refiner B", 200.0), ("Refiner C", 150.0), ("Refiner D", 100.0)];
    let market = Shares::new(rows, Denominator::PublishedTotal(800.0))?;

    for e in market.iter() {
        println!("{:<10} {:>6.0} kt  {:>5.1} %", e.key(), e.quantity(), e.percent());
    }
    let rest = market.unallocated().map_or(0.0, |u| u.percent());
    println!("{:<10} {:>6.0} kt  {:>5.1} %  (unlisted, not one firm)", "rest", 800.0 - market.rows_total(), rest);

    let (low, high) = (hhi(&market, Remainder::Excluded), hhi(&market, Remainder::AsOneSupplier));
    println!("\nHHI {:.0}–{:.0} points (0–10,000): rest excluded / rest as one firm", low.points(), high.points());
    println!("CR3 {:.1} %", concentration_ratio(&market, 3, Remainder::Excluded) * 100.0);
    for g in [Guideline::UsMerger2023, Guideline::UsHorizontal2010, Guideline::EuHorizontal2004] {
        println!("  {:<45} {}", g.name(), classify(g, low).band());
    }

    // B buys D: ΔHHI = 2 · s_B · s_D
    let delta = merger_delta(&market, "Refiner B", "Refiner D")?;
    let merged = market.regroup(|k| if *k == "Refiner D" { "Refiner B" } else { *k });
    let post = hhi(&merged, Remainder::Excluded);
    println!("\nB buys D: ΔHHI {:.0} points, post-merger HHI {:.0}", delta.points(), post.points());
    for g in [Guideline::UsMerger2023, Guideline::UsHorizontal2010, Guideline::EuHorizontal2004] {
        println!("  {:<45} {}", g.name(), assess_merger(g, post, delta).verdict());
    }
    Ok(())
}
