//! `critical-minerals convert "1.2 Mt spodumene-concentrate@5.5%Li2O" --to LCE`.

use clap::Args as ClapArgs;
use critical_minerals::chain::route::Route;
use critical_minerals::material::{Amount, Basis};

use crate::fail::Fail;
use crate::out;

/// Converts a tonnage between bases with the stoichiometric factor (full recovery: no process
/// losses), or through a named process route, whose recoveries the conversion applies.
#[derive(Debug, ClapArgs)]
#[command(after_help = "Bases: an element (Li, Co, Ni), LCE, SC6, a formula (LiOH·H2O, Li2O), a form with \
                        its assay (spodumene-concentrate@6%Li2O, brine@0.16%Li).\n\
                        Examples:\n  critical-minerals convert \"1.2 Mt spodumene-concentrate@5.5%Li2O\" --to LCE\n  \
                        critical-minerals convert \"88,000 t Li\" --to LiOH·H2O\n  \
                        critical-minerals convert \"1.2 Mt spodumene-concentrate@5.5%Li2O\" --to LCE --route spodumene-to-carbonate\n\
                        Routes: spodumene-to-carbonate, spodumene-to-hydroxide, lepidolite-to-carbonate, brine-to-carbonate")]
pub struct Args {
    /// The tonnage: a number, a unit (t, kg, kt, Mt) and a basis
    pub amount: String,
    /// The basis to convert to
    #[arg(long)]
    pub to: String,
    /// A built-in process route whose recoveries apply from the amount's form to the product
    /// (spodumene-to-carbonate, spodumene-to-hydroxide, lepidolite-to-carbonate, brine-to-carbonate)
    #[arg(long)]
    pub route: Option<String>,
}

fn parse_amount(text: &str) -> Result<Amount, Fail> {
    let mut parts = text.split_whitespace();
    let (Some(number), Some(unit)) = (parts.next(), parts.next()) else {
        return Err(Fail::Usage(format!("{text:?}: expected a number, a unit and a basis, as \"1.2 Mt LCE\"")));
    };
    let basis: Vec<&str> = parts.collect();
    if basis.is_empty() {
        return Err(Fail::Usage(format!(
            "{text:?}: no basis: expected a number, a unit and a basis, as \"1.2 Mt LCE\""
        )));
    }
    let value: f64 =
        number.replace(',', "").parse().map_err(|_| Fail::Usage(format!("{number:?} in {text:?} is not a number")))?;
    let wire = serde_json::json!({ "value": value, "unit": unit, "basis": basis.join(" ") });
    serde_json::from_value::<Amount>(wire).map_err(|e| Fail::Usage(format!("{text:?}: {e}")))
}

pub fn run(a: &Args) -> Result<(), Fail> {
    let amount = parse_amount(&a.amount)?;
    let target: Basis = a.to.parse().map_err(|e| Fail::Usage(format!("--to {:?}: {e}", a.to)))?;
    let stoichiometric = amount.basis().factor_to(&target).map_err(|e| Fail::Usage(e.to_string()))?;
    let converted = amount.convert_to(&target).map_err(|e| Fail::Usage(e.to_string()))?;
    let Some(id) = &a.route else {
        let text = format!(
            "{amount} = {converted}\n\
             factor: {stoichiometric:.6} t {target} per t {} (stoichiometric: full recovery, no process losses)\n",
            amount.basis()
        );
        return out::print(&text);
    };
    let route = Route::builtin(id).map_err(|e| Fail::Usage(format!("--route: {e}")))?;
    let recovery = route.recovery_from(amount.basis()).map_err(|e| Fail::Usage(format!("--route: {e}")))?;
    let recovered = converted.scale(recovery).map_err(|e| Fail::Usage(e.to_string()))?;
    let text = format!(
        "{amount} = {recovered} through route {}\n\
         factor: {:.6} t {target} per t {}\n\
         \x20 = {stoichiometric:.6} (stoichiometric) x {recovery:.4} (recovery of the route's steps from {})\n\
         at full recovery: {converted}\n",
        route.name(),
        stoichiometric * recovery,
        amount.basis(),
        amount.basis(),
    );
    out::print(&text)
}
