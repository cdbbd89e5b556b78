//! Lepidolite vs spodumene vs brine: what one tonne of LCE takes.
//!
//! Template of the API:
//!
//! ```text
//! Route::spodumene_to_carbonate()?                       built-in routes, every parameter cited
//! Route::new(name, feed_basis, vec![RouteStep::new(Process::new(..)?, output_assay)])?
//! route.run(&feed)? / route.run_for_product(&Amount::tonnes(1.0, Basis::lce())?)?   RouteRun
//! run.steps()                                            per step: input, product, element in/out/lost (t), waste (t), energy
//! serde_json::to_string(&run)?                           one row per step: input_t, input_basis, product_t, ..., energy_kwh
//! ```
//!
//! Run with `cargo run --example process_route`.

use comfy_table::{Table, presets::UTF8_FULL};
use critical_minerals::chain::route::{Route, RouteRun};
use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::units;

fn t(x: f64) -> String {
    format!("{x:.2}")
}

fn energy(run: &RouteRun) -> String {
    match run.total_energy() {
        Some(e) if run.steps_without_energy() == 0 => format!("{:.0}", e.get::<units::energy::kilowatt_hour>()),
        Some(e) => format!("{:.0} (partial)", e.get::<units::energy::kilowatt_hour>()),
        None => "no cited figure".into(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let one_lce = Amount::tonnes(1.0, Basis::lce())?;
    let routes = [
        Route::spodumene_to_carbonate()?,
        Route::spodumene_to_hydroxide()?,
        Route::lepidolite_to_carbonate()?,
        Route::brine_to_carbonate()?,
    ];

    println!("What one tonne of lithium carbonate equivalent (LCE) takes, by route\n");
    let mut summary = Table::new();
    summary.load_style(UTF8_FULL).set_header(vec![
        "route",
        "feed (t)",
        "feed grade",
        "concentrate (t)",
        "product (t)",
        "Li lost (t)",
        "waste (t)",
        "energy (kWh)",
    ]);
    let mut runs = Vec::new();
    for r in &routes {
        let run = r.run_for_product(&one_lce)?;
        let conc = if run.steps().len() > 1 { t(run.steps()[0].product.in_tonnes()) } else { "-".into() };
        summary.add_row(vec![
            r.name().to_string(),
            t(run.feed().in_tonnes()),
            r.feed().to_string(),
            conc,
            run.product().to_string(),
            format!("{:.3}", run.total_element_lost_t()),
            t(run.total_waste_t()),
            energy(&run),
        ]);
        runs.push(run);
    }
    println!("{summary}");
    println!("Waste = gross mass in that is not product (tailings, leach residue; for brine mostly");
    println!("evaporated water and pond salts), plus any process waste per tonne the user sets.\n");

    println!("Step by step, per tonne LCE");
    let mut steps = Table::new();
    steps.load_style(UTF8_FULL).set_header(vec![
        "route",
        "step",
        "recovery",
        "input",
        "product",
        "Li in (t)",
        "Li out (t)",
        "waste (t)",
    ]);
    for run in &runs {
        for s in run.steps() {
            steps.add_row(vec![
                run.route().to_string(),
                s.name.clone(),
                format!("{:.1} %", s.recovery * 100.0),
                s.input.to_string(),
                s.product.to_string(),
                format!("{:.4}", s.element_in_t),
                format!("{:.4}", s.element_out_t),
                t(s.waste_t),
            ]);
        }
    }
    println!("{steps}");
    println!("The first step as JSON (one tidy row per step):");
    println!("{}\n", serde_json::to_string(&runs[0].steps()[0])?);

    println!("Lithium metal from LiCl (electrolysis, then casting), per tonne of metal");
    println!("No citable recovery or energy figure was found for these steps; the run below assumes");
    println!("100 % recovery in both, i.e. stoichiometry only. Give your own with");
    println!("Route::lithium_metal_from_chloride(electrolysis_recovery, energy, casting_recovery).");
    let metal = Route::lithium_metal_from_chloride(1.0, None, 1.0)?;
    let run = metal.run_for_product(&Amount::tonnes(1.0, Basis::contained(Element::Li))?)?;
    let mut m = Table::new();
    m.load_style(UTF8_FULL).set_header(vec!["step", "input", "product", "mass not in product (t)"]);
    for s in run.steps() {
        m.add_row(vec![s.name.clone(), s.input.to_string(), s.product.to_string(), t(s.waste_t)]);
    }
    println!("{m}");
    println!("(the electrolysis 'waste' is the chlorine released from LiCl)\n");

    println!("Parameters (sources numbered below)");
    let mut sources: Vec<String> = Vec::new();
    let mut src = Table::new();
    src.load_style(UTF8_FULL).set_header(vec!["route", "parameter", "value", "source", "how it was read"]);
    for r in &routes {
        for p in r.parameters() {
            let flag = if p.unconfirmed { " [unconfirmed]" } else { "" };
            let text = p.source.to_string();
            let n = match sources.iter().position(|s| *s == text) {
                Some(i) => i + 1,
                None => {
                    sources.push(text);
                    sources.len()
                }
            };
            src.add_row(vec![
                r.name().to_string(),
                format!("{}{flag}", p.name),
                format!("{} {}", p.value, p.unit),
                format!("[{n}]"),
                p.note.clone(),
            ]);
        }
    }
    println!("{src}");
    for (i, s) in sources.iter().enumerate() {
        println!("[{}] {s}", i + 1);
    }
    println!();
    println!(
        "Stoichiometry: IUPAC atomic weights (Li 6.94, C 12.011, O 15.999, H 1.008, Cl 35.45), via Basis::factor_to."
    );
    println!("Context: Yichun's city government expected its lithium processing to leave about 10 million");
    println!("tonnes of waste in one year (Bloomberg, 'China's Lithium City Is a Front Line of the Battery");
    println!("Trade War', source seed-003-yichun); low-grade lepidolite is why the waste column above is large.");
    Ok(())
}
