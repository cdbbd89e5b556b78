//! How much lithium, nickel and cobalt comes back from retired EV batteries, and when.
//!
//! Template of the API:
//!
//! ```text
//! SurvivalTable::new(first_year, years, Lifetime::..., InflowTiming::...)   lifetimes on a year grid
//! DynamicStockModel::inflow_driven(&table, &Flows::energy(first_year, &sales))  -> outflow() = retirements
//! Composition::builtin(chemistry)                                            kg per kWh, cited
//! recycled_supply(&[(composition, retirements)], collection, &RecoveryRates, &elements)
//! supply.share_of_demand(element, &material_flows(&sales, &composition, element))
//! CrmaRule::regulation_2024_1252().evaluate(as_of, &[supply.recycling_localization(element, year, &demand, &eu27)?])
//! render::svg::recycling_chart(title, &[(element, shares)], Some(("CRMA", 0.25)), footer)   the chart as SVG
//! ```
//!
//! Run with `cargo run --example recycling_supply --features render` (the crate's own examples
//! build with `render`). Besides the table it writes the chart `recycling_supply.svg` to the
//! system's temporary directory.

use chrono::NaiveDate;
use critical_minerals::chain::Stage;
use critical_minerals::chain::battery::Composition;
use critical_minerals::chain::recycling::{DemandShare, Process, RecoveryRates, material_flows, recycled_supply};
use critical_minerals::chain::stock::{DynamicStockModel, Flows, InflowTiming, Lifetime, SurvivalTable};
use critical_minerals::geo::BuiltinRegion;
use critical_minerals::material::{CathodeChemistry, Element};
use critical_minerals::policy::crma::{Benchmark, CrmaRule};
use critical_minerals::render::svg::recycling_chart;
use critical_minerals::units::gigawatt_hours_per_year;

/// `1234567.8` as `"1,234,568"`.
fn thousands(v: f64) -> String {
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // ---- assumptions (stated, not data) -------------------------------------------------
    let first = 2015;
    let last = 2040;
    let years = (last - first + 1) as usize;
    // EV battery sales: 30 GWh in 2015, growing 35 %/yr to 2025, then 12 %/yr
    let sales_gwh: Vec<f64> = (0..years)
        .map(|i| {
            let i = i as i32;
            if i <= 10 { 30.0 * 1.35f64.powi(i) } else { 30.0 * 1.35f64.powi(10) * 1.12f64.powi(i - 10) }
        })
        .collect();
    let mix = [
        (CathodeChemistry::Nmc811, 0.35),
        (CathodeChemistry::Nmc622, 0.20),
        (CathodeChemistry::Nca, 0.05),
        (CathodeChemistry::Lfp, 0.40),
    ];
    let lifetime = Lifetime::normal(12.0, 4.0)?;
    let timing = InflowTiming::MidYear;
    let collection = 0.90;
    let recovery = RecoveryRates::builtin(Process::Hydrometallurgical);
    let elements = [Element::Li, Element::Ni, Element::Co];

    println!("Recycled supply from retired EV batteries, {first}–{last}");
    println!();
    println!("Assumptions");
    println!("  sales        30 GWh in {first}, +35 %/yr to 2025, then +12 %/yr");
    println!(
        "  chemistry    {}",
        mix.iter().map(|(c, s)| format!("{} {:.0} %", c.name(), s * 100.0)).collect::<Vec<_>>().join(", ")
    );
    println!("  lifetime     {lifetime}, inflow {timing}");
    println!("  collection   {:.0} % of retired batteries", collection * 100.0);
    println!(
        "  recovery     {} ({}; unconfirmed typical values)",
        Process::Hydrometallurgical,
        recovery.rates.iter().map(|(e, r)| format!("{e} {:.0} %", r * 100.0)).collect::<Vec<_>>().join(", ")
    );
    println!("  content      cathode active material only (a lower bound), kg per kWh:");
    for (c, _) in &mix {
        let comp = Composition::builtin(*c).ok_or("no composition")?;
        println!(
            "               {:<7} {}",
            c.name(),
            elements.iter().map(|&e| format!("{e} {:.3}", comp.kg_per_kwh(e))).collect::<Vec<_>>().join("  ")
        );
    }
    println!();

    // ---- model ---------------------------------------------------------------------------
    let table = SurvivalTable::new(first, years, lifetime, timing)?;
    let mut retired = Vec::new();
    let mut demand: Vec<(Element, Vec<f64>)> = elements.iter().map(|&e| (e, vec![0.0; years])).collect();
    let mut retired_total = vec![0.0; years];
    for (chem, share) in mix {
        let sales =
            Flows::energy(first, &sales_gwh.iter().map(|g| gigawatt_hours_per_year(g * share)).collect::<Vec<_>>())?;
        let model = DynamicStockModel::inflow_driven(&table, &sales)?;
        let comp = Composition::builtin(chem).ok_or("no composition")?;
        for (e, d) in demand.iter_mut() {
            for (acc, v) in d.iter_mut().zip(material_flows(&sales, &comp, *e)?.values()) {
                *acc += v;
            }
        }
        for (acc, v) in retired_total.iter_mut().zip(model.outflow().values()) {
            *acc += v;
        }
        retired.push((comp, model.outflow()));
    }
    let supply = recycled_supply(&retired, collection, &recovery, &elements)?;

    // ---- table ---------------------------------------------------------------------------
    println!(
        "{:>4} {:>9} {:>9} | {:>9} {:>9} {:>6} | {:>9} {:>9} {:>6} | {:>8} {:>8} {:>6}",
        "year",
        "sales",
        "retired",
        "Li need",
        "Li back",
        "share",
        "Ni need",
        "Ni back",
        "share",
        "Co need",
        "Co back",
        "share"
    );
    println!(
        "{:>4} {:>9} {:>9} | {:>9} {:>9} {:>6} | {:>9} {:>9} {:>6} | {:>8} {:>8} {:>6}",
        "", "GWh/yr", "GWh/yr", "t/yr", "t/yr", "%", "t/yr", "t/yr", "%", "t/yr", "t/yr", "%"
    );
    let mut shares = Vec::new();
    for (e, d) in &demand {
        let demand_flows = demand_series(*e, d, first)?;
        shares.push(supply.share_of_demand(*e, &demand_flows)?);
    }
    for t in (0..years).step_by(5).chain([years - 1]).collect::<std::collections::BTreeSet<_>>() {
        let mut line =
            format!("{:>4} {:>9} {:>9}", first + t as i32, thousands(sales_gwh[t]), thousands(retired_total[t]));
        for (k, s) in shares.iter().enumerate() {
            let row = s[t];
            let width = if k == 2 { 8 } else { 9 };
            line.push_str(&format!(
                " | {:>width$} {:>width$} {:>6}",
                thousands(row.demand_t),
                thousands(row.recovered_t),
                row.share.map_or("–".to_string(), |x| format!("{:.1}", x * 100.0)),
            ));
        }
        println!("{line}");
    }
    println!();

    // ---- chart ---------------------------------------------------------------------------
    let rule = CrmaRule::regulation_2024_1252();
    let by_element: Vec<(Element, Vec<DemandShare>)> = elements.iter().copied().zip(shares.iter().cloned()).collect();
    let svg = recycling_chart(
        "Recycled supply from retired EV batteries, share of battery demand",
        &by_element,
        Some((&format!("CRMA benchmark ({} %)", rule.recycling_min * 100.0), rule.recycling_min)),
        &format!(
            "Model: the assumptions printed by this example (sales path, chemistry mix, {lifetime}, collection {:.0} %, \
             hydrometallurgical recovery). Content per kWh: the crate's cited composition table (cathode only). \
             The CRMA benchmark (Regulation (EU) 2024/1252) is over all uses, not batteries alone.",
            collection * 100.0
        ),
    )?;
    let path = std::env::temp_dir().join("recycling_supply.svg");
    std::fs::write(&path, svg)?;
    eprintln!("wrote {}", path.display());
    println!();

    // ---- CRMA ----------------------------------------------------------------------------
    let as_of = NaiveDate::from_ymd_opt(2030, 12, 31).ok_or("date")?;
    println!(
        "EU CRMA recycling benchmark ({}: at least {:.0} % of annual consumption from recycling, {}):",
        rule.id,
        rule.recycling_min * 100.0,
        rule.target_year
    );
    let eu = BuiltinRegion::Eu27.region()?;
    for (e, d) in &demand {
        let recycling = supply.recycling_localization(*e, rule.target_year, &demand_series(*e, d, first)?, &eu)?;
        let a = rule.evaluate(as_of, &[recycling])?;
        let r = a.get(Benchmark::Recycling, Stage::Recycling).ok_or("no result")?;
        println!(
            "  {e:<2} {}: recycled {:.1} % of demand, {} by {:.1} points",
            rule.target_year,
            r.value * 100.0,
            if r.met { "met" } else { "missed" },
            r.margin.abs() * 100.0
        );
    }
    println!();
    println!("Demand here is the battery demand of the same sales; the benchmark is over all uses.");
    Ok(())
}

/// The demand of `element` (t/yr) as a typed series.
fn demand_series(element: Element, values: &[f64], first: i32) -> Result<Flows, Box<dyn std::error::Error>> {
    use critical_minerals::material::{Basis, Rate};
    let rates =
        values.iter().map(|&t| Rate::tonnes_per_year(t, Basis::contained(element))).collect::<Result<Vec<_>, _>>()?;
    Ok(Flows::mass(first, &rates)?)
}
