//! Audits the figures of a battery market report (source `seed-002-market-report`) and prints what
//! each number implies.
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

use critical_minerals::claims::audit::{AuditClaim, ClaimSet, FindingKind, audit};
use critical_minerals::dataset::Dataset;
use critical_minerals::provenance::Estimate;
use critical_minerals::stats::uncertainty::project_back_bounds;
use critical_minerals::time::Span;

/// The one market the report is about. It names it three ways ("secondary lithium metal
/// batteries market", "... sector", "overall secondary lithium battery market") and treats them
/// as one; so does this audit.
const MARKET: &str = "secondary lithium (metal) batteries";

/// The dataset claims of the market report seed-002-market-report.
const CLAIM_IDS: &[&str] = &[
    "slmb-market-cagr",
    "slmb-sector-cagr-2030",
    "slb-market-size-2030",
    "slmb-share-north-america",
    "slmb-share-europe",
    "slmb-share-asia-pacific",
    "slmb-share-united-states",
];

/// The report's region lists, entry by entry as printed (source seed-002-market-report, regional section). The
/// garbling ("China Taiwan", "Argentina Korea", "Saudi" / "Arabia", "Korea") is the report's.
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

const SOURCE: &str = "seed-002-market-report";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::builtin()?;
    let mut claims = Vec::new();
    for id in CLAIM_IDS {
        let claim = data.claim(id).ok_or_else(|| format!("claim {id} is not in the built-in dataset"))?;
        claims.push(AuditClaim::from_dataset(claim, MARKET)?);
    }
    for (id, region, countries) in REGION_LISTS {
        claims.push(AuditClaim::country_list(id, MARKET, region, countries)?.with_source(SOURCE));
    }
    let set = ClaimSet::new(claims)?;

    println!("Claims audited ({} — {}):", MARKET, SOURCE);
    for c in set.claims() {
        println!("  {c}");
    }
    let t = set.tolerances();
    println!(
        "Tolerances: share sums ±{} pp, shares {} pp, CAGRs {} pp/yr, sizes {} % relative\n",
        t.share_sum * 100.0,
        t.share * 100.0,
        t.rate * 100.0,
        t.size_relative * 100.0
    );

    let findings = audit(&set);
    println!("{} findings:\n", findings.len());
    for (i, f) in findings.iter().enumerate() {
        println!("{}. {f}\n", i + 1);
    }

    // The headline contradiction, worked through: the 2025 base that USD 150 billion in 2030
    // implies at each stated rate (computed, not typed).
    let size = data.claim("slb-market-size-2030").ok_or("no market-size claim")?.estimate;
    let span = Span::years(2025, 2030)?;
    println!("What USD {size} billion in 2030 implies for 2025:");
    for (id, label) in [
        ("slmb-market-cagr", "the forecast-period CAGR"),
        ("slmb-sector-cagr-2030", "the 'exceeding' CAGR: at most this base"),
    ] {
        let rate = data.claim(id).ok_or("no CAGR claim")?.estimate;
        let r = Estimate::range(rate.low() / 100.0, rate.high() / 100.0)?;
        let base = project_back_bounds(size, r, &span)?;
        let growth = size.mid() / base.mid();
        println!(
            "  at {:>4} %/yr ({label}, {id}): {:.1} $bn in 2025, x{:.3} over five years",
            rate.mid(),
            base.mid(),
            growth
        );
    }
    let kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind()).collect();
    println!(
        "\nSummary: {} region-within-region, {} CAGR contradiction(s), {} share-sum, {} country-list finding(s).",
        kinds.iter().filter(|k| **k == FindingKind::RegionWithinRegion).count(),
        kinds.iter().filter(|k| **k == FindingKind::CagrsDisagree).count(),
        kinds.iter().filter(|k| matches!(k, FindingKind::SharesBelowWhole | FindingKind::SharesExceedWhole)).count(),
        kinds
            .iter()
            .filter(|k| matches!(
                k,
                FindingKind::CountryOutsideRegion | FindingKind::UnreadableCountry | FindingKind::AmbiguousCountry
            ))
            .count()
    );
    Ok(())
}
