//! [`Process`]: one step that turns an input form into an output form, with its recovery.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::material::Form;
use crate::units::{self, Energy};
use crate::validate;

/// A process step: an input form turned into an output form, with the fraction of the counted
/// element recovered, and optionally the energy used and the waste left per tonne of output.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::Process;
/// use critical_minerals::material::Form;
///
/// let p = Process::new("carbonation", "spodumene-concentrate".parse::<Form>()?, "chemical:Li2CO3".parse::<Form>()?, 0.85)?;
/// assert_eq!(p.recovery(), 0.85);
/// assert!(Process::new("bad", p.input().clone(), p.output().clone(), 1.2).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ProcessWire")]
pub struct Process {
    name: String,
    input: Form,
    output: Form,
    recovery: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    energy_kwh_per_tonne: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    waste_tonnes_per_tonne: Option<f64>,
}

/// Unchecked mirror of [`Process`] for deserializing; converted through the validating
/// constructors so a file cannot smuggle in a recovery above 100 %.
#[derive(Deserialize)]
struct ProcessWire {
    name: String,
    input: Form,
    output: Form,
    recovery: f64,
    #[serde(default)]
    energy_kwh_per_tonne: Option<f64>,
    #[serde(default)]
    waste_tonnes_per_tonne: Option<f64>,
}

impl TryFrom<ProcessWire> for Process {
    type Error = Error;
    fn try_from(w: ProcessWire) -> Result<Self, Self::Error> {
        let mut p = Process::new(&w.name, w.input, w.output, w.recovery)?;
        if let Some(kwh) = w.energy_kwh_per_tonne {
            p = p.with_energy_per_tonne(units::kilowatt_hours(kwh))?;
        }
        if let Some(t) = w.waste_tonnes_per_tonne {
            p = p.with_waste_tonnes_per_tonne(t)?;
        }
        Ok(p)
    }
}

impl Process {
    /// A process with its recovery (fraction of the counted element that reaches the output).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a recovery outside (0, 1]; [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a
    /// blank name.
    pub fn new(name: &str, input: Form, output: Form, recovery: f64) -> Result<Process, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Blank { what: "process name" }.into());
        }
        let recovery = validate::recovery(|| format!("recovery of process {name:?}"), recovery)?;
        Ok(Process {
            name: name.to_string(),
            input,
            output,
            recovery,
            energy_kwh_per_tonne: None,
            waste_tonnes_per_tonne: None,
        })
    }

    /// Sets the energy used per tonne of output.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative energy.
    pub fn with_energy_per_tonne(mut self, energy: Energy) -> Result<Process, Error> {
        let kwh = energy.get::<units::energy::kilowatt_hour>();
        self.energy_kwh_per_tonne =
            Some(validate::non_negative(|| format!("energy per tonne of {:?}", self.name), kwh)?);
        Ok(self)
    }

    /// Sets the waste (tailings, residues) left per tonne of output, in tonnes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for NaN, infinite or negative waste.
    pub fn with_waste_tonnes_per_tonne(mut self, waste: f64) -> Result<Process, Error> {
        self.waste_tonnes_per_tonne =
            Some(validate::non_negative(|| format!("waste per tonne of {:?}", self.name), waste)?);
        Ok(self)
    }

    /// Name of the step.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Input form.
    pub fn input(&self) -> &Form {
        &self.input
    }
    /// Output form.
    pub fn output(&self) -> &Form {
        &self.output
    }
    /// Recovery of the counted element, in (0, 1].
    pub fn recovery(&self) -> f64 {
        self.recovery
    }
    /// Energy per tonne of output, if given.
    pub fn energy_per_tonne(&self) -> Option<Energy> {
        self.energy_kwh_per_tonne.map(units::kilowatt_hours)
    }
    /// Energy per tonne of output in kWh, as stored (no unit round trip).
    pub(crate) fn energy_kwh_per_tonne(&self) -> Option<f64> {
        self.energy_kwh_per_tonne
    }
    /// Waste per tonne of output, in tonnes, if given.
    pub fn waste_tonnes_per_tonne(&self) -> Option<f64> {
        self.waste_tonnes_per_tonne
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_process_inputs_are_errors() {
        let f = Form::Ore(crate::material::Mineral::Spodumene);
        for r in [0.0, -0.1, 1.01, f64::NAN, f64::INFINITY] {
            assert!(Process::new("x", f.clone(), f.clone(), r).is_err());
        }
        assert!(Process::new(" ", f.clone(), f.clone(), 0.5).is_err());
        let p = Process::new("x", f.clone(), f, 0.5).expect("valid");
        assert!(p.clone().with_waste_tonnes_per_tonne(-1.0).is_err());
        assert!(p.with_energy_per_tonne(units::kilowatt_hours(f64::NAN)).is_err());
    }

    #[test]
    fn deserializing_validates_like_the_constructor() {
        let bad_recovery = r#"{"name":"x","input":"spodumene","output":"spodumene-concentrate","recovery":1.2}"#;
        assert!(serde_json::from_str::<Process>(bad_recovery).is_err());
        let good = r#"{"name":"x","input":"spodumene","output":"spodumene-concentrate","recovery":0.8}"#;
        assert!(serde_json::from_str::<Process>(good).is_ok());
    }
}
