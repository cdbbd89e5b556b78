//! Audits the figures of a battery market report (source `seed-002-market-report`) and prints what
//! each number implies; a template for auditing any document's claims.
//!
//! The report: Reliable Research Times, "Secondary Lithium Metal Batteries Market Size and
//! Growth, Market Segmentation, Regional and Country Breakdowns, and Market Trends for Period
//! from 2025 - 2032", https://www.reliableresearchtimes.com/secondary-lithium-metal-batteries-r2908121
//! (source id `seed-002-market-report` of the built-in dataset).
//!
//! The share, CAGR and market-size claims come from the built-in dataset (`data/claims.csv`);
//! the region lists, which the dataset does not hold, are stated below as the report prints
//! them (section "In terms of Region ... available by Region are").
//!
//! Run with `cargo run --example audit_market_report`.

use critical_minerals::claims::{Claim, ClaimSet};
use critical_minerals::dataset::Dataset;

/// The one market the report is about. It names it three ways ("secondary lithium metal
/// batteries market", "... sector", "overall secondary lithium battery market") and treats them
/// as one; so does this audit.
const MARKET: &str = "secondary lithium (metal) batteries";

const SOURCE: &str = "seed-002-market-report";

/// The report's region lists, entry by entry as printed. The garbling ("China Taiwan",
/// "Argentina Korea", "Saudi" / "Arabia", "Korea") is the report's.
const REGION_LISTS: &[(&str, &str, &[&str])] = &[
    ("slmb-list-north-america", "North America", &["United States", "Canada"]),
    ("slmb-list-europe", "Europe", &["Germany", "France", "U.K.", "Italy", "Russia"]),
    (
        "slmb-list-asia-pacific",
        "Asia-Pacific",
        &["China", "Japan", "South Korea", "India", "Australia", "China Taiwan", "Indonesia", "Thailand", "Malaysia"],
    ),
    ("slmb-list-latin-america", "Latin America", &["Mexico", "Brazil", "Argentina Korea", "Colombia"]),
    ("slmb-list-middle-east-africa", "Middle East & Africa", &["Turkey", "Saudi", "Arabia", "UAE", "Korea"]),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. the claims: the document's rows of the dataset, under one market, and the lists
    let data = Dataset::builtin()?;
    let mut claims: Vec<Claim> =
        data.claims().iter().filter(|c| c.source() == Some(SOURCE)).map(|c| c.clone().in_market(MARKET)).collect();
    for (id, region, countries) in REGION_LISTS {
        claims.push(Claim::country_list(id, MARKET, region, countries)?.with_source(SOURCE));
    }
    let set = ClaimSet::new(claims)?;
    println!("Claims audited ({MARKET} — {SOURCE}):");
    for c in set.claims() {
        println!("  {c}");
    }
    let t = set.tolerances();
    println!(
        "Tolerances: share sums ±{} pp, shares {} pp, CAGRs {} pp/yr, sizes {} % relative, 'about' ±{} %\n",
        t.share_sum * 100.0,
        t.share * 100.0,
        t.rate * 100.0,
        t.size_relative * 100.0,
        t.about * 100.0
    );

    // 2. the audit: the claims against each other and against the region definitions
    let findings = set.audit();
    println!("{} findings:\n", findings.len());
    for (i, f) in findings.iter().enumerate() {
        println!("{}. {f}\n", i + 1);
    }
    for (c, why) in set.unaudited() {
        println!("Not audited: {} ({why})", c.id());
    }

    // 3. the recomputation, by the same rules: what USD 150 billion in 2030 implies for 2025
    //    at each stated rate, and which rates contradict each other
    println!("\nRecomputed:");
    for check in set.recompute(&())? {
        println!("  {} ({}): {}", check.id, check.stated, check.outcome.label());
        for r in &check.recomputed {
            println!("    {}: {} {}", r.what, r.value, r.unit);
        }
        if !check.note.is_empty() {
            println!("    {}", check.note);
        }
    }
    Ok(())
}
