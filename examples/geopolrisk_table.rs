//! A GeoPolRisk table for one importer across materials: Germany, 2022, five raw materials.
//! Production HHI and political stability come from the embedded data; the imports are yours.
//! Copy this file and put in your own import table (or build `Imports` from BACI or Comtrade rows
//! with `Imports::from_trade_flows`).
//!
//! Run with `cargo run --example geopolrisk_table`.
//!
//! Sources: World Mining Data 2024 (production by country, 2022) and the World Bank's Worldwide
//! Governance Indicators, *Political Stability and Absence of Violence/Terrorism* (2023
//! edition, 2022 estimates), both embedded (data/SOURCES.md). The import quantities and values
//! below are ILLUSTRATIVE round numbers, not trade data.

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::geo::Country;
use critical_minerals::methods::geopolrisk::{ImportFlow, Imports, RangedSupplier, assess_ranges};
use critical_minerals::money::{Currency, Money};
use critical_minerals::provenance::Estimate;
use critical_minerals::trade::HsCode;
use critical_minerals::units::tonnes;

/// (commodity, HS code, domestic production t, [(supplier, t, million USD)]) — illustrative.
type Row = (&'static str, &'static str, f64, &'static [(&'static str, f64, f64)]);

const IMPORTS: [Row; 5] = [
    ("cobalt", "282200", 0.0, &[("CD", 1_500.0, 60.0), ("BE", 800.0, 36.0), ("FI", 400.0, 17.0)]),
    ("lithium", "283691", 0.0, &[("CL", 9_000.0, 400.0), ("AR", 2_000.0, 85.0), ("CN", 1_000.0, 50.0)]),
    ("nickel", "260400", 0.0, &[("ID", 3_000.0, 40.0), ("PH", 2_000.0, 25.0), ("AU", 1_000.0, 15.0)]),
    ("natural-graphite", "250490", 0.0, &[("CN", 20_000.0, 18.0), ("BR", 8_000.0, 8.0), ("MZ", 4_000.0, 3.0)]),
    ("copper", "260300", 0.0, &[("CL", 300_000.0, 600.0), ("PE", 250_000.0, 500.0), ("BR", 100_000.0, 200.0)]),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Dataset::builtin()?;
    let (year, importer) = (2022, [Country::from_code("DE")?]);
    println!("GeoPolRisk of {} ({year}); scores are fractions 0–1, CF in kg Cu-eq per kg", importer[0].name());
    println!(
        "{:<17} {:>10} {:>12} {:>9} {:>11} {:>12}  largest contribution",
        "material", "HHI (0–1)", "import risk", "score", "price $/kg", "CF kgCu-eq"
    );
    let mut ranged = Vec::new();
    for (name, hs, domestic, rows) in IMPORTS {
        let commodity = Commodity::lookup(name)?;
        let hs = [HsCode::parse(hs)?];
        let flows = rows
            .iter()
            .map(|&(code, t, musd)| {
                Ok(ImportFlow {
                    supplier: Country::from_code(code)?,
                    hs: hs[0],
                    quantity: tonnes(t),
                    value: Some(Money::new(musd * 1e6, Currency::USD)?),
                })
            })
            .collect::<Result<Vec<_>, critical_minerals::Error>>()?;
        let a = data.geopolrisk(commodity, year, &importer, tonnes(domestic), Imports::new(&hs, &flows)?)?;
        let top = a.suppliers.first().map_or("–", |s| s.supplier.name());
        let fmt = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.3}"));
        println!(
            "{:<17} {:>10.4} {:>12.4} {:>9.4} {:>11} {:>12}  {top}",
            commodity.name(),
            a.hhi,
            a.import_risk,
            a.score,
            fmt(a.price_usd_per_kg),
            fmt(a.cf_kg_cu_eq_per_kg)
        );
        if !a.missing_wgi.is_empty() {
            println!("  no WGI estimate (g = 0.5): {:?}", a.missing_wgi);
        }
        if name == "cobalt" {
            // the same assessment with each supplier's WGI known only to ±0.25
            for s in &a.suppliers {
                let w = data.political_stability(s.supplier.into(), year).map_or(0.0, |r| r.estimate);
                let wgi = Estimate::range(w - 0.25, w + 0.25)?;
                ranged.push(RangedSupplier::from_wgi(Estimate::point(s.imports_t)?, wgi)?);
            }
            let price = a.price_usd_per_kg.map(Estimate::point).transpose()?;
            let r = assess_ranges(Estimate::point(a.hhi)?, Estimate::point(domestic)?, &ranged, price, None)?;
            ranged.clear();
            println!("  with every WGI estimate ± 0.25: {r}");
            // HHI and WGI over 2018–2022 instead of 2022 alone, imports ± 10 %
            let around: Vec<(Country, Estimate)> = a
                .suppliers
                .iter()
                .map(|s| Ok((s.supplier, Estimate::range(0.9 * s.imports_t, 1.1 * s.imports_t)?)))
                .collect::<Result<_, critical_minerals::Error>>()?;
            let r = data.geopolrisk_over_years(
                commodity,
                2018..=2022,
                &importer,
                Estimate::point(domestic)?,
                &around,
                price,
                None,
            )?;
            println!("  HHI and WGI of 2018–2022, imports ± 10 %: {r}");
        }
    }
    println!("\nHHI: World Mining Data 2024 production by country; g: WGI political stability rescaled to 0–1");
    println!("(1 = least stable); CF = score × price / 0.409 412 948 (copper). Imports: illustrative.");
    Ok(())
}
