//! Where did the upstream steps of each country's cell output happen?
//!
//! Run with `cargo run --example exposure`. The network is illustrative (round numbers small
//! enough to check by hand), not data.

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::network::NetworkBuilder;
use critical_minerals::geo::{Country, Region};

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

    println!(
        "Illustrative network (kt LCE): mining AU 60, CL 40 -> refining CN 80, KR 20 -> cells CN 50, KR 30, DE 10"
    );
    println!("Proportional sourcing: each producer's output carries the origin mix of its inputs.\n");

    let miners: Vec<Country> = net.production("mining")?.keys().copied().collect();
    let refiners: Vec<Country> = net.production("refining")?.keys().copied().collect();
    let mut header = vec!["cell maker".to_string(), "output".to_string()];
    header.extend(refiners.iter().map(|k| format!("refined in {}", k.alpha3())));
    header.extend(miners.iter().map(|k| format!("mined in {}", k.alpha3())));
    let mut table = Table::new();
    table.load_style(UTF8_FULL).set_header(header);
    for (country, out) in net.production("cells")? {
        let refined = net.origin_shares("cells", *country, "refining")?;
        let mined = net.origin_shares("cells", *country, "mining")?;
        let mut row = vec![country.name().to_string(), format!("{out}")];
        row.extend(refiners.iter().map(|k| format!("{:.1} %", 100.0 * refined.get(k).copied().unwrap_or(0.0))));
        row.extend(miners.iter().map(|k| format!("{:.1} %", 100.0 * mined.get(k).copied().unwrap_or(0.0))));
        table.add_row(row);
    }
    let asia = Region::from_codes("China + Korea", ["CN", "KR"])?;
    let refined = net.region_origin_shares("cells", &asia, "refining")?;
    let mined = net.region_origin_shares("cells", &asia, "mining")?;
    let mut row = vec![asia.name().to_string(), "80".to_string()];
    row.extend(refiners.iter().map(|k| format!("{:.1} %", 100.0 * refined.get(k).copied().unwrap_or(0.0))));
    row.extend(miners.iter().map(|k| format!("{:.1} %", 100.0 * mined.get(k).copied().unwrap_or(0.0))));
    table.add_row(row);
    println!("{table}");

    let kr = net.origin_share("cells", c("KR")?, "refining", c("CN")?)?;
    println!(
        "Share of Korea's cell output whose refining happened in China: {:.1} %\n(Korea keeps 18 of its 20 kt refined, ships 2 to Germany, imports 15 from China: 15 / 33)",
        100.0 * kr
    );
    println!("Source of the method: input-output attribution under proportional sourcing; numbers are illustrative.");
    Ok(())
}
