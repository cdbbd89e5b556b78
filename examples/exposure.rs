//! Where did the upstream steps of each country's cell output happen?
//!
//! Template of the API:
//!
//! ```text
//! let mut b = NetworkBuilder::new();
//! b.add_stage(Stage::Refining, Some(Stage::Mining), basis)?;            each stage once, with its basis
//! b.add_production(Stage::Refining, country, Amount::tonnes(t, basis)?)?;
//! b.add_shipment(Stage::Refining, exporter, importer, amount)?;           upstream output shipped as input
//! let net = b.build()?;                                                   checked: bases, balances, cycles
//! net.exposure(Stage::Cells, country, Stage::Refining)?                   Exposure: origins as Shares<Country>
//! net.region_exposure(Stage::Cells, &region, Stage::Mining)?
//! serde_json::to_string(&exposure)?                                       one row per origin: attributed_t, share
//! ```
//!
//! Run with `cargo run --example exposure`. The network is illustrative (round numbers small
//! enough to check by hand), not data.

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::exposure::Exposure;
use critical_minerals::chain::{NetworkBuilder, Stage};
use critical_minerals::geo::{Country, Region};
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

    println!(
        "Illustrative network (kt LCE): mining AU 60, CL 40 -> refining CN 80, KR 20 -> cells CN 50, KR 30, DE 10"
    );
    println!("Proportional sourcing: each producer's output carries the origin mix of its inputs.\n");

    let miners: Vec<Country> = net.production(Stage::Mining)?.keys().copied().collect();
    let refiners: Vec<Country> = net.production(Stage::Refining)?.keys().copied().collect();
    let mut header = vec!["cell maker".to_string(), "output (kt LCE)".to_string()];
    header.extend(refiners.iter().map(|k| format!("refined in {} (%)", k.alpha3())));
    header.extend(miners.iter().map(|k| format!("mined in {} (%)", k.alpha3())));
    let mut table = Table::new();
    table.load_style(UTF8_FULL).set_header(header);
    let row = |name: &str, refined: &Exposure, mined: &Exposure| {
        let mut row = vec![name.to_string(), format!("{}", refined.output().in_tonnes() / 1_000.0)];
        row.extend(refiners.iter().map(|k| format!("{:.1}", 100.0 * refined.share_of(*k))));
        row.extend(miners.iter().map(|k| format!("{:.1}", 100.0 * mined.share_of(*k))));
        row
    };
    for country in net.production(Stage::Cells)?.keys() {
        let refined = net.exposure(Stage::Cells, *country, Stage::Refining)?;
        let mined = net.exposure(Stage::Cells, *country, Stage::Mining)?;
        table.add_row(row(country.name(), &refined, &mined));
    }
    let asia = Region::from_codes("China + Korea", ["CN", "KR"])?;
    let refined = net.region_exposure(Stage::Cells, &asia, Stage::Refining)?;
    let mined = net.region_exposure(Stage::Cells, &asia, Stage::Mining)?;
    table.add_row(row(asia.name(), &refined, &mined));
    println!("{table}");

    let kr = net.origin_share(Stage::Cells, c("KR")?, Stage::Refining, c("CN")?)?;
    println!(
        "Share of Korea's cell output whose refining happened in China: {:.1} %\n(Korea keeps 18 of its 20 kt refined, ships 2 to Germany, imports 15 from China: 15 / 33)",
        100.0 * kr
    );
    println!("\nAs JSON (one row per origin country, tonnes on the stage's basis):");
    println!("{}", serde_json::to_string(&net.exposure(Stage::Cells, c("KR")?, Stage::Refining)?)?);
    println!("Source of the method: input-output attribution under proportional sourcing; numbers are illustrative.");
    Ok(())
}
