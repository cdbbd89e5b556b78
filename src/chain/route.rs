//! Process routes: ore (or brine, or a chemical) through a chain of [`Process`] steps to a
//! product, with the product, the losses, the waste and the energy at each step.
//!
//! # Formula
//!
//! For step `s` with recovery `R_s`, input basis `b_in` and output basis `b_out`, and `f(b)` the
//! mass fraction of the route's element (lithium) in one tonne counted on basis `b`
//! ([`Basis::element_fraction`]):
//!
//! ```text
//! element in      E_in   = G_in x f(b_in)
//! element out     E_out  = R_s x E_in
//! element lost    E_lost = E_in - E_out                   (to tailings, residues, off-gas)
//! product         G_out  = E_out / f(b_out)               (gross tonnes on b_out)
//! residue         W_res  = max(G_in - G_out, 0)           (gross mass in that is not product)
//! mass gain       G_out - G_in when positive              (reagent mass bound into the product)
//! waste           W      = W_res + w_s x G_out            (w_s: process waste per tonne, if given)
//! energy          Q      = q_s x G_out                    (q_s: energy per tonne, if given)
//! ```
//!
//! The inverse scales the same linear chain: tonnes of feed (or of any intermediate) per tonne of
//! product. At 100 % recovery one tonne of LCE needs `1 / (0.06 x 2.473) = 6.74` t of SC6; at a
//! conversion recovery `R` it needs `6.74 / R`.
//!
//! **Scale of the outputs**: metric tonnes on the stated [`Basis`] of each step; energy as a uom
//! [`Energy`]; recoveries are fractions in (0, 1].
//!
//! **Mass balance**: each step checks `E_in = E_out + E_lost` within the route's relative
//! tolerance. Where a step states the assay of its tailings ([`RouteStep::with_tailings_assay`]),
//! the losses are measured as `W x f(tailings)` instead, so a recovery that disagrees with the
//! tailings assay is reported as [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) naming the step and the
//! imbalance. A physical separation (output a concentrate) cannot put out more gross mass than
//! it takes in; one that would is reported the same way.
//!
//! # Built-in routes and their sources
//!
//! Every built-in number is a [`CitedParameter`] carrying its [`Source`]; see
//! [`Route::parameters`]. Parameters marked `unconfirmed` rest on one laboratory, pilot or
//! secondary source and should be replaced by the user's own figures where available. No energy
//! figure is built in: none was found in a citable source, so energy is reported only when the
//! user sets it on a [`Process`] ([`Process::with_energy_per_tonne`]). The lithium-metal route
//! ([`Route::lithium_metal_from_chloride`]) takes all of its recoveries from the user for the same
//! reason.
//!
//! # Worked example
//!
//! SC6 at 6 % Li₂O holds `0.06 x 2.473 = 0.1484` t LCE per tonne. Converted at 91 % recovery
//! (the figure Roskill gives for Chinese spodumene conversion plants), one tonne of Li₂CO₃ needs
//! `6.74 / 0.91 = 7.41` t of SC6.
//!
//! ```
//! use critical_minerals::chain::route::Route;
//! use critical_minerals::material::{Amount, Basis};
//!
//! let route = Route::spodumene_to_carbonate()?;
//! let run = route.run_for_product(&Amount::tonnes(1.0, Basis::lce())?)?;
//! let sc6 = &run.steps()[1].input;           // input of the conversion step
//! assert_eq!(sc6.basis(), &Basis::sc6());
//! assert!((sc6.in_tonnes() - 1.0 / (0.06 * 73.888 / 29.879) / 0.91).abs() < 1e-9);
//! // the ore at 0.58 % Li (Pilgangoora) and 80 % concentration recovery
//! assert!((run.feed().in_tonnes() - 1.0 / (0.0058 * 73.888 / 13.88) / 0.80 / 0.91).abs() < 1e-6);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::chain::Process;
use crate::error::Detail;
use crate::material::{Amount, Assay, Basis, Compound, Element, Form, Mineral};
use crate::provenance::Source;
use crate::units::{self, Energy};

/// A built-in parameter and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitedParameter {
    /// What the parameter is ("spodumene concentration recovery").
    pub name: String,
    /// Its value in `unit`.
    pub value: f64,
    /// The unit of `value` ("fraction", "% Li2O").
    pub unit: String,
    /// The source.
    pub source: Source,
    /// How the value was read from the source (a midpoint, a design objective, a lab test).
    pub note: String,
    /// Whether the value rests on a single laboratory, pilot or secondary source and is not
    /// confirmed by a second one.
    pub unconfirmed: bool,
}

impl fmt::Display for CitedParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {} {} [{}]", self.name, self.value, self.unit, self.source)?;
        if self.unconfirmed {
            f.write_str(" (unconfirmed)")?;
        }
        Ok(())
    }
}

/// One step of a route: a [`Process`] and the basis its output is counted on (the output form
/// with its assay where the form is not a pure compound).
///
/// Serialized as `{"process": {..}, "output_assay": .., "tailings_assay": ..}` (assays `null`
/// when not given) and read back through [`RouteStep::new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StepWire", into = "StepWire")]
pub struct RouteStep {
    process: Process,
    output: Basis,
    tailings: Option<Assay>,
}

impl RouteStep {
    /// A step whose output is the process' output form, at `output_assay` when the form is not a
    /// pure compound (a concentrate needs its grade; a chemical or metal does not).
    pub fn new(process: Process, output_assay: Option<Assay>) -> RouteStep {
        let output = Basis::Gross { form: process.output().clone(), assay: output_assay };
        RouteStep { process, output, tailings: None }
    }

    /// States the measured content of the step's waste stream, so the mass balance is checked
    /// against it instead of being implied by the recovery.
    pub fn with_tailings_assay(mut self, assay: Assay) -> RouteStep {
        self.tailings = Some(assay);
        self
    }

    /// The process.
    pub fn process(&self) -> &Process {
        &self.process
    }

    /// The basis the step's product is counted on.
    pub fn output(&self) -> &Basis {
        &self.output
    }

    /// The tailings assay, if stated.
    pub fn tailings_assay(&self) -> Option<&Assay> {
        self.tailings.as_ref()
    }
}

#[derive(Serialize, Deserialize)]
struct StepWire {
    process: Process,
    output_assay: Option<Assay>,
    tailings_assay: Option<Assay>,
}

impl From<RouteStep> for StepWire {
    fn from(s: RouteStep) -> StepWire {
        let output_assay = match s.output {
            Basis::Gross { assay, .. } => assay,
            _ => None,
        };
        StepWire { process: s.process, output_assay, tailings_assay: s.tailings }
    }
}

impl From<StepWire> for RouteStep {
    fn from(w: StepWire) -> RouteStep {
        let step = RouteStep::new(w.process, w.output_assay);
        match w.tailings_assay {
            Some(a) => step.with_tailings_assay(a),
            None => step,
        }
    }
}

/// A process route: a feed basis and the steps that turn it into a product.
///
/// Serialized as `{"name", "feed", "steps", "tolerance", "parameters"}` and read back through
/// [`Route::new`], so a route from a file is checked like one built in code.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::route::{Route, RouteStep};
/// use critical_minerals::chain::Process;
/// use critical_minerals::material::{Amount, Assay, Basis, Compound, Form, Mineral};
///
/// let ore = Form::Ore(Mineral::Spodumene);
/// let conc = Form::Concentrate(Mineral::Spodumene);
/// let li2o = Compound::lithium_oxide();
/// let route = Route::new(
///     "my mine",
///     Basis::gross_with_assay(ore.clone(), Assay::percent(1.2, li2o.clone())?),
///     vec![RouteStep::new(Process::new("concentrator", ore, conc, 0.7)?, Some(Assay::percent(6.0, li2o)?))],
/// )?;
/// let run = route.run(&Amount::tonnes(1_000.0, route.feed().clone())?)?;
/// // 1000 t x 1.2 % x 70 % / 6 % = 140 t of SC6, 860 t of tailings
/// assert!((run.product().in_tonnes() - 140.0).abs() < 1e-9);
/// assert!((run.total_waste_t() - 860.0).abs() < 1e-9);
/// // the run is one tidy row per step, with units in the column names
/// let json = serde_json::to_string(&run)?;
/// assert!(json.contains(r#""product_t":140.0,"product_basis":"SC6""#), "{json}");
/// assert_eq!(serde_json::from_str::<Route>(&serde_json::to_string(&route)?)?, route);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RouteWire", into = "RouteWire")]
pub struct Route {
    name: String,
    feed: Basis,
    element: Element,
    steps: Vec<RouteStep>,
    tolerance: f64,
    parameters: Vec<CitedParameter>,
}

#[derive(Serialize, Deserialize)]
struct RouteWire {
    name: String,
    feed: Basis,
    steps: Vec<RouteStep>,
    tolerance: f64,
    #[serde(default)]
    parameters: Vec<CitedParameter>,
}

impl From<Route> for RouteWire {
    fn from(r: Route) -> RouteWire {
        RouteWire { name: r.name, feed: r.feed, steps: r.steps, tolerance: r.tolerance, parameters: r.parameters }
    }
}

impl TryFrom<RouteWire> for Route {
    type Error = Error;
    fn try_from(w: RouteWire) -> Result<Route, Error> {
        let route = Route::new(&w.name, w.feed, w.steps)?.with_tolerance(w.tolerance)?;
        Ok(w.parameters.into_iter().fold(route, Route::cite))
    }
}

/// The default relative tolerance of the mass balance: 1e-9 of the element entering a step
/// (floating-point noise). Measured balances need a looser one ([`Route::with_tolerance`]).
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

fn form_of(b: &Basis) -> Option<&Form> {
    match b {
        Basis::Gross { form, .. } => Some(form),
        _ => None,
    }
}

impl Route {
    /// A route from its feed basis (a gross form, with its assay unless it is a pure compound)
    /// and its steps.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank name or no step; [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch)
    /// when the feed is not a gross form of known content, when a step's input form is not the
    /// previous output form, or when a step's output has no known content of the feed's element.
    pub fn new(name: &str, feed: Basis, steps: Vec<RouteStep>) -> Result<Route, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Empty { what: "route name".into() }.into());
        }
        if steps.is_empty() {
            return Err(Detail::Empty { what: format!("steps of route {name:?}") }.into());
        }
        let mismatch = |step: usize, sname: &str, reason: String| Detail::RouteMismatch {
            route: name.to_string(),
            step,
            name: sname.to_string(),
            reason,
        };
        let Some(feed_form) = form_of(&feed) else {
            return Err(
                mismatch(0, "feed", format!("feed basis {feed} is not a gross form (ore, brine, chemical)")).into()
            );
        };
        let element = feed
            .element()
            .ok_or_else(|| mismatch(0, "feed", format!("feed {feed} has no known element content; give an assay")))?;
        if feed.element_fraction(element).is_none_or(|f| f <= 0.0) {
            return Err(mismatch(0, "feed", format!("feed {feed} contains no {element}")).into());
        }
        let mut prev = feed_form.clone();
        for (i, s) in steps.iter().enumerate() {
            let p = &s.process;
            if *p.input() != prev {
                return Err(mismatch(
                    i + 1,
                    p.name(),
                    format!("input form {} is not the previous output form {prev}", p.input()),
                )
                .into());
            }
            match s.output.element_fraction(element) {
                Some(f) if f > 0.0 => {}
                _ => {
                    return Err(mismatch(
                        i + 1,
                        p.name(),
                        format!("output {} has no known {element} content; give its assay", s.output),
                    )
                    .into());
                }
            }
            prev = p.output().clone();
        }
        Ok(Route { name: name.to_string(), feed, element, steps, tolerance: DEFAULT_TOLERANCE, parameters: Vec::new() })
    }

    /// Sets the relative tolerance of the mass balance (a fraction of the element entering each
    /// step, in [0, 1)).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for NaN, negatives or 1 and above.
    pub fn with_tolerance(mut self, relative: f64) -> Result<Route, Error> {
        if !(relative.is_finite() && (0.0..1.0).contains(&relative)) {
            return Err(Detail::OutOfRange {
                what: format!("mass-balance tolerance of route {:?}", self.name),
                value: relative,
                expected: "a fraction in [0, 1)".into(),
            }
            .into());
        }
        self.tolerance = relative;
        Ok(self)
    }

    /// Attaches a cited parameter (shown by reports; does not change the calculation).
    pub fn cite(mut self, parameter: CitedParameter) -> Route {
        self.parameters.push(parameter);
        self
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Feed basis.
    pub fn feed(&self) -> &Basis {
        &self.feed
    }
    /// The element the route balances (the feed's element).
    pub fn element(&self) -> Element {
        self.element
    }
    /// Steps, in order.
    pub fn steps(&self) -> &[RouteStep] {
        &self.steps
    }
    /// The basis of the final product.
    pub fn product_basis(&self) -> &Basis {
        // steps is never empty: Route::new rejects an empty list
        self.steps.last().map(|s| &s.output).unwrap_or(&self.feed)
    }
    /// Relative mass-balance tolerance.
    pub fn tolerance(&self) -> f64 {
        self.tolerance
    }
    /// The cited parameters the route was built from.
    pub fn parameters(&self) -> &[CitedParameter] {
        &self.parameters
    }

    /// Runs the route forward from a feed amount (converted to the feed basis if it is on
    /// another basis of the same element).
    ///
    /// # Errors
    ///
    /// [`Error`] when the feed cannot be converted to the route's feed basis;
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when a step does not balance.
    pub fn run(&self, feed: &Amount) -> Result<RouteRun, Error> {
        let feed = feed.convert_to(&self.feed)?;
        let mut gross_in = feed.in_tonnes();
        let mut basis_in = self.feed.clone();
        let mut out = Vec::with_capacity(self.steps.len());
        for (i, s) in self.steps.iter().enumerate() {
            let r = self.step(i, s, &basis_in, gross_in)?;
            gross_in = r.product.in_tonnes();
            basis_in = s.output.clone();
            out.push(r);
        }
        Ok(RouteRun { route: self.name.clone(), element: self.element, feed, steps: out })
    }

    fn step(&self, i: usize, s: &RouteStep, basis_in: &Basis, gross_in: f64) -> Result<StepResult, Error> {
        let el = self.element;
        let p = &s.process;
        let balance_error = |what: String, input_t: f64, output_t: f64, losses_t: f64, tol: f64| Detail::MassBalance {
            route: self.name.clone(),
            step: i + 1,
            name: p.name().to_string(),
            element: what,
            input_t,
            output_t,
            losses_t,
            imbalance_t: input_t - output_t - losses_t,
            tolerance_t: tol,
        };
        // fractions were checked positive in Route::new
        let f_in = basis_in.element_fraction(el).unwrap_or(0.0);
        let f_out = s.output.element_fraction(el).unwrap_or(0.0);
        let e_in = gross_in * f_in;
        let e_out = e_in * p.recovery();
        let gross_out = if f_out > 0.0 { e_out / f_out } else { 0.0 };
        let tol = self.tolerance * e_in + 1e-12;
        let physical = matches!(p.output(), Form::Concentrate(_) | Form::Ore(_));
        if physical && gross_out > gross_in + self.tolerance * gross_in + 1e-12 {
            return Err(balance_error(
                "gross mass (a physical separation adds no reagent)".into(),
                gross_in,
                gross_out,
                0.0,
                self.tolerance * gross_in,
            )
            .into());
        }
        let residue = (gross_in - gross_out).max(0.0);
        let mass_gain = (gross_out - gross_in).max(0.0);
        let process_waste = p.waste_tonnes_per_tonne().map(|w| w * gross_out);
        let waste = residue + process_waste.unwrap_or(0.0);
        let e_lost = match &s.tailings {
            Some(a) => waste * a.element_fraction(el),
            None => e_in - e_out,
        };
        let imbalance = e_in - e_out - e_lost;
        if !imbalance.is_finite() || imbalance.abs() > tol {
            return Err(balance_error(el.symbol().to_string(), e_in, e_out, e_lost, tol).into());
        }
        // in kWh, then to an Energy: the serialized kWh read back give the same Energy
        let energy = p.energy_kwh_per_tonne().map(|q| units::kilowatt_hours(q * gross_out));
        Ok(StepResult {
            name: p.name().to_string(),
            recovery: p.recovery(),
            input: Amount::tonnes(gross_in, basis_in.clone())?,
            product: Amount::tonnes(gross_out, s.output.clone())?,
            element_in_t: e_in,
            element_out_t: e_out,
            element_lost_t: e_lost,
            residue_t: residue,
            mass_gain_t: mass_gain,
            process_waste_t: process_waste,
            waste_t: waste,
            energy,
        })
    }

    /// Runs the route backwards from a product amount: the feed and intermediates needed to make
    /// it (the product may be on any basis convertible to the route's product basis, e.g. LCE).
    ///
    /// # Errors
    ///
    /// As [`Route::run`], and [`Error`] when the product cannot be converted.
    pub fn run_for_product(&self, product: &Amount) -> Result<RouteRun, Error> {
        let target = product.convert_to(self.product_basis())?.in_tonnes();
        let unit = self.run(&Amount::tonnes(1.0, self.feed.clone())?)?;
        let per_feed = unit.product().in_tonnes();
        if !(per_feed.is_finite() && per_feed > 0.0) {
            return Err(Detail::NotPositive {
                what: format!("product of route {:?} per tonne of feed", self.name),
                value: per_feed,
            }
            .into());
        }
        self.run(&Amount::tonnes(target / per_feed, self.feed.clone())?)
    }

    /// Tonnes of feed per tonne of product on `product_basis` (e.g. t of ore per t LCE).
    ///
    /// # Errors
    ///
    /// As [`Route::run_for_product`].
    pub fn feed_per_tonne(&self, product_basis: &Basis) -> Result<f64, Error> {
        Ok(self.run_for_product(&Amount::tonnes(1.0, product_basis.clone())?)?.feed().in_tonnes())
    }

    /// The ids of the built-in routes, as [`Route::builtin`] takes them.
    pub const BUILTIN: [&'static str; 4] =
        ["spodumene-to-carbonate", "spodumene-to-hydroxide", "lepidolite-to-carbonate", "brine-to-carbonate"];

    /// A built-in route by id (`spodumene-to-carbonate`, `spodumene-to-hydroxide`,
    /// `lepidolite-to-carbonate`, `brine-to-carbonate`; case and `_` for `-` ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::chain::route::Route;
    ///
    /// assert_eq!(Route::builtin("spodumene-to-hydroxide")?, Route::spodumene_to_hydroxide()?);
    /// let err = Route::builtin("spodumene").unwrap_err();
    /// assert!(err.to_string().contains("spodumene-to-carbonate"), "{err}");
    /// # Ok::<(), critical_minerals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the input and the built-in ids.
    pub fn builtin(id: &str) -> Result<Route, Error> {
        match id.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "spodumene-to-carbonate" => Route::spodumene_to_carbonate(),
            "spodumene-to-hydroxide" => Route::spodumene_to_hydroxide(),
            "lepidolite-to-carbonate" => Route::lepidolite_to_carbonate(),
            "brine-to-carbonate" => Route::brine_to_carbonate(),
            _ => Err(Detail::UnknownRoute { input: id.to_string(), known: Route::BUILTIN.join(", ") }.into()),
        }
    }

    /// The share of the route's element that reaches the product from material counted on
    /// `basis`: the product of the recoveries `R_s` of the steps that process that material and
    /// everything after it (1 when `basis` is the product's form). The material is found on the
    /// route by its form (ore, concentrate, brine, chemical), whatever its assay: spodumene
    /// concentrate at 5.5 % Li₂O enters the conversion step of the spodumene routes.
    ///
    /// With [`Basis::factor_to`] this gives a conversion through the route instead of a
    /// stoichiometric one: `t product = t on basis × factor_to(product) × recovery_from(basis)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::chain::route::Route;
    ///
    /// let route = Route::spodumene_to_carbonate()?;
    /// let conc = "spodumene-concentrate@5.5%Li2O".parse()?;
    /// assert!((route.recovery_from(&conc)? - 0.91).abs() < 1e-12);    // conversion only
    /// let ore = route.feed().clone();
    /// assert!((route.recovery_from(&ore)? - 0.80 * 0.91).abs() < 1e-12);
    /// # Ok::<(), critical_minerals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when `basis` is not a gross form the
    /// route processes (a contained element, an equivalent such as LCE, another mineral),
    /// naming the route's forms.
    pub fn recovery_from(&self, basis: &Basis) -> Result<f64, Error> {
        let mut forms: Vec<&Form> = Vec::with_capacity(self.steps.len() + 1);
        forms.extend(form_of(&self.feed));
        forms.extend(self.steps.iter().map(|s| s.process.output()));
        let at = form_of(basis).and_then(|f| forms.iter().position(|g| *g == f));
        let Some(at) = at else {
            let forms = forms.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            return Err(Detail::NotOnRoute { route: self.name.clone(), basis: basis.to_string(), forms }.into());
        };
        Ok(self.steps.iter().skip(at).map(|s| s.process.recovery()).product())
    }

    /// Spodumene ore -> SC6 concentrate -> lithium carbonate, with cited parameters:
    ///
    /// | parameter | value | source |
    /// |---|---|---|
    /// | ore grade | 0.580 % Li | SRK Consulting, *Geology of Economic Natural Lithium Deposits*, deposit table (Pilgangoora) |
    /// | concentrate grade | 6.0 % Li₂O | USGS MCS 2025 spodumene price basis; the flowsheet objective below |
    /// | concentration recovery | 0.80 | *Flowsheet development for beneficiation of lithium minerals from hard rock deposits* (abstract): objective of > 6 % Li₂O at > 80 % recovery |
    /// | conversion recovery | 0.91 | Roskill (2017-01-25): 91 % "comparable with spodumene processing at Chinese conversion plants" |
    ///
    /// # Errors
    ///
    /// None in practice (the parameters are valid); typed errors are kept for safety.
    pub fn spodumene_to_carbonate() -> Result<Route, Error> {
        spodumene(Compound::lithium_carbonate(), conversion_carbonate_recovery())
    }

    /// Spodumene ore -> SC6 concentrate -> lithium hydroxide monohydrate; as
    /// [`Route::spodumene_to_carbonate`] with the conversion recovery 0.90 from Metso Outotec,
    /// *The Outotec Lithium Hydroxide Process* ("typically exceeds 90 %"; the lower bound is used).
    ///
    /// # Errors
    ///
    /// As [`Route::spodumene_to_carbonate`].
    pub fn spodumene_to_hydroxide() -> Result<Route, Error> {
        spodumene(Compound::lithium_hydroxide_monohydrate(), conversion_hydroxide_recovery())
    }

    /// Lepidolite ore -> lepidolite concentrate -> lithium carbonate. **All parameters are
    /// unconfirmed** (single laboratory or pilot sources; the project's reference file marks
    /// lepidolite grades as unconfirmed):
    ///
    /// | parameter | value | source |
    /// |---|---|---|
    /// | ore grade | 0.46 % Li₂O | Multipurpose Utilization of Mineral Resources, DOI 10.12476/kczhly.202507040136 (Jiangxi lithium-mica ore, lab flotation) |
    /// | concentrate grade | 2.49 % Li₂O | same |
    /// | concentration recovery | 0.813 | same |
    /// | conversion recovery | 0.91 | Roskill (2017-01-25), L-Max pilot on lepidolite-bearing tailings |
    ///
    /// # Errors
    ///
    /// As [`Route::spodumene_to_carbonate`].
    pub fn lepidolite_to_carbonate() -> Result<Route, Error> {
        let li2o = Compound::lithium_oxide();
        let ore = Form::Ore(Mineral::Lepidolite);
        let conc = Form::Concentrate(Mineral::Lepidolite);
        let kcz = Source {
            id: "kczhly-202507040136".into(),
            publisher: "Multipurpose Utilization of Mineral Resources (journal)".into(),
            title: "Article DOI 10.12476/kczhly.202507040136 (title not retrieved; abstract: flotation of a lithium-mica ore, 0.46 % Li2O, from Jiangxi Province)".into(),
            edition: Some("2025".into()),
            table: Some("abstract, closed-circuit flotation result".into()),
            url: Some("http://www.kczhly.com/article/doi/10.12476/kczhly.202507040136".into()),
        };
        let lab = "single laboratory test; no second source confirms these lepidolite grades";
        let route = Route::new(
            "lepidolite ore -> concentrate -> Li2CO3",
            Basis::gross_with_assay(ore.clone(), Assay::percent(0.46, li2o.clone())?),
            vec![
                RouteStep::new(Process::new("flotation", ore, conc.clone(), 0.813)?, Some(Assay::percent(2.49, li2o)?)),
                RouteStep::new(
                    Process::new(
                        "roasting, leaching, carbonation",
                        conc,
                        Form::Chemical(Compound::lithium_carbonate()),
                        0.91,
                    )?,
                    None,
                ),
            ],
        )?;
        Ok(route
            .cite(cited("lepidolite ore grade", 0.46, "% Li2O", kcz.clone(), lab, true))
            .cite(cited("lepidolite concentrate grade", 2.49, "% Li2O", kcz.clone(), lab, true))
            .cite(cited("lepidolite concentration recovery", 0.813, "fraction", kcz, lab, true))
            .cite(cited(
                "lepidolite conversion recovery",
                0.91,
                "fraction",
                roskill(),
                "pilot result on a 30 kg sample of lepidolite-bearing tailings (L-Max), not Yichun plant practice",
                true,
            )))
    }

    /// Salar brine -> lithium carbonate (evaporation ponds and carbonate plant as one step).
    ///
    /// | parameter | value | source |
    /// |---|---|---|
    /// | brine grade | 0.184 % Li | SRK Consulting deposit table (Salar de Atacama) |
    /// | overall recovery | 0.50 | TalkMarkets, *Will New Technologies Replace Lithium Brine Solar Evaporation Ponds?*: ponds "reportedly" recover 40–60 %; midpoint, **unconfirmed** |
    ///
    /// The "waste" of this route is mostly water evaporated in the ponds and salts left in them.
    ///
    /// # Errors
    ///
    /// As [`Route::spodumene_to_carbonate`].
    pub fn brine_to_carbonate() -> Result<Route, Error> {
        let brine = Form::Ore(Mineral::Brine);
        let li = Compound::new("Li")?;
        let route = Route::new(
            "brine -> Li2CO3",
            Basis::gross_with_assay(brine.clone(), Assay::percent(0.184, li)?),
            vec![RouteStep::new(
                Process::new(
                    "evaporation ponds and carbonate plant",
                    brine,
                    Form::Chemical(Compound::lithium_carbonate()),
                    0.50,
                )?,
                None,
            )],
        )?;
        Ok(route.cite(srk_grade("brine grade (Salar de Atacama)", 0.184, "% Li")).cite(cited(
            "brine overall recovery",
            0.50,
            "fraction",
            Source {
                id: "talkmarkets-evaporation-ponds".into(),
                publisher: "TalkMarkets".into(),
                title: "Will New Technologies Replace Lithium Brine Solar Evaporation Ponds?".into(),
                edition: None,
                table: None,
                url: Some("https://talkmarkets.com/content/global-markets/will-new-technologies-replace-lithium-brine-solar-evaporation-ponds?post=201978".into()),
            },
            "midpoint of a reported 40-60 % range for evaporation ponds (secondary source)",
            true,
        )))
    }

    /// Lithium chloride -> lithium metal by molten-salt electrolysis -> cast lithium metal (the
    /// feedstock -> electrolysis -> casting chain of lithium-metal supply; packaging does not
    /// change the material and is not a step).
    ///
    /// No recovery or energy figure for these steps was found in a citable source, so the caller
    /// gives them: `electrolysis_recovery` and `casting_recovery` in (0, 1], and optionally the
    /// electrolysis energy per tonne of metal.
    ///
    /// # Errors
    ///
    /// [`Error`] for a recovery outside (0, 1] or a bad energy.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::chain::route::Route;
    /// use critical_minerals::material::{Amount, Basis, Element};
    ///
    /// let route = Route::lithium_metal_from_chloride(1.0, None, 1.0)?;
    /// // stoichiometry: LiCl is 6.94 / 42.39 = 16.4 % Li, so 6.11 t LiCl per t of metal
    /// let licl = route.feed_per_tonne(&Basis::contained(Element::Li))?;
    /// assert!((licl - (6.94 + 35.45) / 6.94).abs() < 1e-9);
    /// assert!(Route::lithium_metal_from_chloride(1.2, None, 1.0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lithium_metal_from_chloride(
        electrolysis_recovery: f64,
        electrolysis_energy_per_tonne: Option<Energy>,
        casting_recovery: f64,
    ) -> Result<Route, Error> {
        let licl = Form::Chemical(Compound::lithium_chloride());
        let metal = Form::Metal(Element::Li);
        let mut electrolysis =
            Process::new("molten-salt electrolysis", licl.clone(), metal.clone(), electrolysis_recovery)?;
        if let Some(q) = electrolysis_energy_per_tonne {
            electrolysis = electrolysis.with_energy_per_tonne(q)?;
        }
        let casting = Process::new("casting", metal.clone(), metal, casting_recovery)?;
        Route::new(
            "LiCl -> Li metal -> cast metal",
            Basis::gross(licl),
            vec![RouteStep::new(electrolysis, None), RouteStep::new(casting, None)],
        )
    }
}

fn cited(name: &str, value: f64, unit: &str, source: Source, note: &str, unconfirmed: bool) -> CitedParameter {
    CitedParameter { name: name.into(), value, unit: unit.into(), source, note: note.into(), unconfirmed }
}

fn srk_grade(name: &str, value: f64, unit: &str) -> CitedParameter {
    cited(
        name,
        value,
        unit,
        Source {
            id: "srk-lithium-deposits".into(),
            publisher: "SRK Consulting".into(),
            title: "Geology of Economic Natural Lithium Deposits".into(),
            edition: None,
            table: Some("deposit grades in wt% Li (Greenbushes, Pilgangoora, Salar de Atacama)".into()),
            url: None,
        },
        "deposit grade",
        false,
    )
}

fn roskill() -> Source {
    Source {
        id: "roskill-2017-lepidico".into(),
        publisher: "Roskill".into(),
        title: "Lithium: Lepidico produces battery grade lithium carbonate using the L-Max technology".into(),
        edition: Some("2017-01-25".into()),
        table: None,
        url: Some("https://roskill.com/news/lithium-lepidico-produces-battery-grade-lithium-carbonate-using-l-max-technology/".into()),
    }
}

fn conversion_carbonate_recovery() -> CitedParameter {
    cited(
        "spodumene conversion recovery (to Li2CO3)",
        0.91,
        "fraction",
        roskill(),
        "91 %, stated as comparable with spodumene processing at Chinese conversion plants",
        false,
    )
}

fn conversion_hydroxide_recovery() -> CitedParameter {
    cited(
        "spodumene conversion recovery (to LiOH·H2O)",
        0.90,
        "fraction",
        Source {
            id: "metso-outotec-lioh".into(),
            publisher: "Metso (Outotec)".into(),
            title: "The Outotec Lithium Hydroxide Process: a novel direct leach process for producing battery grade lithium hydroxide from spodumene".into(),
            edition: None,
            table: Some("blog, yield paragraph".into()),
            url: Some("https://www.metso.com/insights/blog/mining-and-metals/the-outotec-lithium-hydroxide-process--a-novel-direct-leach-process-for-producing-battery-grade-lithium-hydroxide-from-spodumene/".into()),
        },
        "leaching yield 'typically exceeds 90 %'; the lower bound is used",
        false,
    )
}

fn spodumene(product: Compound, conversion: CitedParameter) -> Result<Route, Error> {
    let li2o = Compound::lithium_oxide();
    let ore = Form::Ore(Mineral::Spodumene);
    let conc = Form::Concentrate(Mineral::Spodumene);
    let flowsheet = Source {
        id: "flowsheet-hard-rock-lithium".into(),
        publisher: "R Discovery (abstract listing; journal not shown)".into(),
        title: "Flowsheet development for beneficiation of lithium minerals from hard rock deposits".into(),
        edition: None,
        table: Some("abstract: objective of a concentrate above 6 % Li2O at lithium recovery above 80 %".into()),
        url: Some("https://discovery.researcher.life/article/flowsheet-development-for-benefication-of-lithium-minerals-from-hard-rock-deposits/b0e3b6312b633e2ea30e07d438bb5236".into()),
    };
    let usgs = Source {
        id: "usgs-mcs-2025-lithium".into(),
        publisher: "U.S. Geological Survey".into(),
        title: "Mineral Commodity Summaries 2025: Lithium".into(),
        edition: Some("January 2025".into()),
        table: Some("spodumene price basis '(6% lithium oxide)'".into()),
        url: Some("https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-lithium.pdf".into()),
    };
    let product_name = if product.same_substance(&Compound::lithium_carbonate()) { "Li2CO3" } else { "LiOH·H2O" };
    let route = Route::new(
        &format!("spodumene ore -> SC6 -> {product_name}"),
        Basis::gross_with_assay(ore.clone(), Assay::percent(0.580, Compound::new("Li")?)?),
        vec![
            RouteStep::new(
                Process::new("crushing, DMS, flotation", ore, conc.clone(), 0.80)?,
                Some(Assay::percent(6.0, li2o)?),
            ),
            RouteStep::new(
                Process::new("calcining, leaching, conversion", conc, Form::Chemical(product), conversion.value)?,
                None,
            ),
        ],
    )?;
    Ok(route
        .cite(srk_grade("spodumene ore grade (Pilgangoora)", 0.580, "% Li"))
        .cite(cited("concentrate grade (SC6)", 6.0, "% Li2O", usgs, "benchmark grade of spodumene concentrate", false))
        .cite(cited(
            "spodumene concentration recovery",
            0.80,
            "fraction",
            flowsheet,
            "design objective (lower bound) for hard-rock flowsheets, used as a point value",
            false,
        ))
        .cite(conversion))
}

/// The result of one step.
///
/// Serialized as one tidy row: `{"name", "recovery", "input_t", "input_basis", "product_t",
/// "product_basis", "element_in_t", "element_out_t", "element_lost_t", "residue_t",
/// "mass_gain_t", "process_waste_t", "waste_t", "energy_kwh"}` (element tonnes are of the route's
/// element, given once in the run; `null` where a figure is not stated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StepRow", into = "StepRow")]
pub struct StepResult {
    /// Step name.
    pub name: String,
    /// Recovery used.
    pub recovery: f64,
    /// Gross input, on the previous step's output basis (the feed basis for step 1).
    pub input: Amount,
    /// Gross product, on the step's output basis.
    pub product: Amount,
    /// Element entering, tonnes.
    pub element_in_t: f64,
    /// Element in the product, tonnes.
    pub element_out_t: f64,
    /// Element lost (tailings, residues), tonnes.
    pub element_lost_t: f64,
    /// Gross mass in that did not end up in the product, tonnes (zero when the product is heavier).
    pub residue_t: f64,
    /// Gross mass the product gained over the input, tonnes (reagent mass bound in; zero for a
    /// separation).
    pub mass_gain_t: f64,
    /// The process' own waste per tonne x product, tonnes, when the process states one.
    pub process_waste_t: Option<f64>,
    /// Total waste: residue plus process waste, tonnes.
    pub waste_t: f64,
    /// Energy used, when the process states its energy per tonne.
    pub energy: Option<Energy>,
}

#[derive(Serialize, Deserialize)]
struct StepRow {
    name: String,
    recovery: f64,
    input_t: f64,
    input_basis: Basis,
    product_t: f64,
    product_basis: Basis,
    element_in_t: f64,
    element_out_t: f64,
    element_lost_t: f64,
    residue_t: f64,
    mass_gain_t: f64,
    process_waste_t: Option<f64>,
    waste_t: f64,
    energy_kwh: Option<f64>,
}

impl From<StepResult> for StepRow {
    fn from(s: StepResult) -> StepRow {
        StepRow {
            name: s.name,
            recovery: s.recovery,
            input_t: s.input.in_tonnes(),
            input_basis: s.input.basis().clone(),
            product_t: s.product.in_tonnes(),
            product_basis: s.product.basis().clone(),
            element_in_t: s.element_in_t,
            element_out_t: s.element_out_t,
            element_lost_t: s.element_lost_t,
            residue_t: s.residue_t,
            mass_gain_t: s.mass_gain_t,
            process_waste_t: s.process_waste_t,
            waste_t: s.waste_t,
            energy_kwh: s.energy.map(|e| e.get::<units::energy::kilowatt_hour>()),
        }
    }
}

impl TryFrom<StepRow> for StepResult {
    type Error = Error;
    fn try_from(r: StepRow) -> Result<StepResult, Error> {
        Ok(StepResult {
            name: r.name,
            recovery: r.recovery,
            input: Amount::tonnes(r.input_t, r.input_basis)?,
            product: Amount::tonnes(r.product_t, r.product_basis)?,
            element_in_t: r.element_in_t,
            element_out_t: r.element_out_t,
            element_lost_t: r.element_lost_t,
            residue_t: r.residue_t,
            mass_gain_t: r.mass_gain_t,
            process_waste_t: r.process_waste_t,
            waste_t: r.waste_t,
            energy: r.energy_kwh.map(units::kilowatt_hours),
        })
    }
}

/// A run of a route: the feed and each step's result.
///
/// Serialized as `{"route": name, "element": "Li", "feed": {"value", "unit", "basis"}, "steps":
/// [one row per step]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteRun {
    route: String,
    element: Element,
    feed: Amount,
    steps: Vec<StepResult>,
}

impl RouteRun {
    /// The route's name.
    pub fn route(&self) -> &str {
        &self.route
    }
    /// The element balanced.
    pub fn element(&self) -> Element {
        self.element
    }
    /// The feed, on the route's feed basis.
    pub fn feed(&self) -> &Amount {
        &self.feed
    }
    /// The steps' results.
    pub fn steps(&self) -> &[StepResult] {
        &self.steps
    }
    /// The final product.
    pub fn product(&self) -> &Amount {
        self.steps.last().map(|s| &s.product).unwrap_or(&self.feed)
    }
    /// Total waste over all steps, tonnes.
    pub fn total_waste_t(&self) -> f64 {
        self.steps.iter().map(|s| s.waste_t).sum()
    }
    /// Element lost over all steps, tonnes.
    pub fn total_element_lost_t(&self) -> f64 {
        self.steps.iter().map(|s| s.element_lost_t).sum()
    }
    /// Energy over the steps that state one; `None` when no step does. See
    /// [`RouteRun::steps_without_energy`] for how complete the sum is.
    pub fn total_energy(&self) -> Option<Energy> {
        let given: Vec<Energy> = self.steps.iter().filter_map(|s| s.energy).collect();
        if given.is_empty() { None } else { Some(given.into_iter().fold(units::kilowatt_hours(0.0), |a, b| a + b)) }
    }
    /// Number of steps with no energy figure.
    pub fn steps_without_energy(&self) -> usize {
        self.steps.iter().filter(|s| s.energy.is_none()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_routes_balance_and_cite() {
        for r in [
            Route::spodumene_to_carbonate().unwrap(),
            Route::spodumene_to_hydroxide().unwrap(),
            Route::lepidolite_to_carbonate().unwrap(),
            Route::brine_to_carbonate().unwrap(),
        ] {
            assert!(!r.parameters().is_empty(), "{}", r.name());
            let run = r.run_for_product(&Amount::tonnes(1.0, Basis::lce()).unwrap()).unwrap();
            let li_out = run.product().convert_to(&Basis::contained(Element::Li)).unwrap().in_tonnes();
            let li_in = run.feed().convert_to(&Basis::contained(Element::Li)).unwrap().in_tonnes();
            assert!((li_in - li_out - run.total_element_lost_t()).abs() < 1e-9);
        }
    }
}
