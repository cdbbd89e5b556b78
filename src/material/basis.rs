//! The basis of a tonnage: what exactly a number of tonnes counts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Assay, Compound, Element, Form, Mineral};
use crate::Error;
use crate::error::Detail;

/// What a tonnage counts: the gross weight of a material form, the contained weight of an
/// element, or the weight of an equivalent compound.
///
/// 88 kt of contained lithium, 469 kt LCE and 3.2 Mt of spodumene concentrate at 6 % Li₂O can be
/// the same lithium; they are different bases and never add up without an explicit conversion
/// ([`Amount::convert_to`](super::Amount::convert_to)).
///
/// Conversions go through the mass of one element, the basis' [`element`](Basis::element):
/// `m_to = m_from x f_from / f_to`, where `f` is the mass fraction of that element in a tonne of
/// the basis (1 for contained, stoichiometric for an equivalent compound, assay x stoichiometry
/// for a gross form).
///
/// Text form (used by serde and by CSV loaders):
///
/// | text | basis |
/// |---|---|
/// | `Li`, `Co`, `Ni`, `C` | contained element |
/// | `LCE` | lithium carbonate equivalent (Li₂CO₃) |
/// | `Li2O`, `LiOH·H2O`, `NiSO4·6H2O` | equivalent compound (formula) |
/// | `SC6` | gross spodumene concentrate at 6 % Li₂O |
/// | `REO` | rare-earth oxides, a [`Mixture`] that converts to no element |
/// | `spodumene-concentrate@6%Li2O`, `brine@0.16%Li`, `cell:LFP` | gross weight of a form, with an optional assay |
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Basis, Element};
///
/// let li = Basis::contained(Element::Li);
/// assert!((li.factor_to(&Basis::lce())? - 5.323).abs() < 5e-4);
/// assert!((li.factor_to(&Basis::lithium_hydroxide_monohydrate())? - 6.046).abs() < 5e-4);
/// assert_eq!("LCE".parse::<Basis>()?, Basis::lce());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Basis {
    /// Contained weight of an element (USGS reports lithium, cobalt and nickel this way).
    Contained(Element),
    /// Weight of an equivalent compound holding the same amount of the compound's principal
    /// element (LCE: lithium carbonate equivalent).
    Equivalent(Compound),
    /// Gross weight of a material form, with its assay where known (needed to convert).
    Gross {
        /// The form weighed.
        form: Form,
        /// Its content, e.g. 6 % Li₂O.
        assay: Option<Assay>,
    },
    /// A mixture reported as one figure whose composition varies (rare-earth oxides): amounts on
    /// it add up, but it converts to no element.
    Mixture(Mixture),
}

/// A mixture a source reports as one figure: it has no single stoichiometric factor, so a
/// [`Basis::Mixture`] refuses every conversion with an error that says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mixture {
    /// `REO`: total rare-earth oxides (La₂O₃ … Lu₂O₃, Y₂O₃, Sc₂O₃ in the proportions of each
    /// deposit), as World Mining Data and USGS report rare-earth production.
    RareEarthOxides,
}

impl Mixture {
    /// The text form (`REO`).
    pub const fn code(self) -> &'static str {
        match self {
            Mixture::RareEarthOxides => "REO",
        }
    }

    /// Why it does not convert.
    pub const fn why_not_convertible(self) -> &'static str {
        match self {
            Mixture::RareEarthOxides => {
                "REO is a mixture of rare-earth oxides whose proportions differ by deposit: it has no single \
                 stoichiometric factor to any element"
            }
        }
    }
}

impl Basis {
    /// Contained weight of `element`.
    pub fn contained(element: Element) -> Basis {
        Basis::Contained(element)
    }

    /// Lithium carbonate equivalent (LCE).
    pub fn lce() -> Basis {
        Basis::Equivalent(Compound::lithium_carbonate())
    }

    /// Lithium hydroxide monohydrate equivalent (LiOH·H₂O).
    pub fn lithium_hydroxide_monohydrate() -> Basis {
        Basis::Equivalent(Compound::lithium_hydroxide_monohydrate())
    }

    /// Lithium oxide equivalent (Li₂O), the basis concentrate grades are quoted on.
    pub fn li2o() -> Basis {
        Basis::Equivalent(Compound::lithium_oxide())
    }

    /// Equivalent weight of any compound.
    pub fn equivalent(compound: Compound) -> Basis {
        Basis::Equivalent(compound)
    }

    /// Gross weight of a form without a known assay.
    pub fn gross(form: Form) -> Basis {
        Basis::Gross { form, assay: None }
    }

    /// Gross weight of a form with its assay.
    pub fn gross_with_assay(form: Form, assay: Assay) -> Basis {
        Basis::Gross { form, assay: Some(assay) }
    }

    /// Gross weight of spodumene concentrate at 6 % Li₂O ("SC6", the benchmark grade).
    pub fn sc6() -> Basis {
        Basis::Gross {
            form: Form::Concentrate(Mineral::Spodumene),
            // 0.06 is within (0, 1]
            assay: Assay::new(0.06, Compound::lithium_oxide()).ok(),
        }
    }

    /// The element whose mass conversions preserve: the contained element, the principal element
    /// of an equivalent compound, or of a gross form's assay species or pure compound. `None` for
    /// a gross form with no assay and no single compound (an ore, a cell).
    pub fn element(&self) -> Option<Element> {
        match self {
            Basis::Contained(e) => Some(*e),
            Basis::Equivalent(c) => Some(c.principal_element()),
            Basis::Gross { assay: Some(a), .. } => Some(a.species().principal_element()),
            Basis::Gross { form, assay: None } => form.pure_compound().map(|c| c.principal_element()),
            Basis::Mixture(_) => None,
        }
    }

    /// Mass fraction of `element` in one tonne counted on this basis, when known.
    ///
    /// A gross form without an assay is known only for pure forms (chemicals, metals, cathode
    /// active material), taken at 100 % purity.
    pub fn element_fraction(&self, element: Element) -> Option<f64> {
        let f = match self {
            Basis::Contained(e) => {
                if *e == element {
                    1.0
                } else {
                    0.0
                }
            }
            Basis::Equivalent(c) => c.mass_fraction(element),
            Basis::Gross { assay: Some(a), .. } => a.element_fraction(element),
            Basis::Gross { form, assay: None } => form.pure_compound()?.mass_fraction(element),
            Basis::Mixture(_) => return None,
        };
        Some(f)
    }

    /// The factor `k` such that `m` tonnes on this basis are `k x m` tonnes on `target`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotConvertible`](crate::ErrorKind::NotConvertible) when the two bases do not count a common element (contained
    /// cobalt to LCE) or when one is a gross form of unknown content.
    pub fn factor_to(&self, target: &Basis) -> Result<f64, Error> {
        let not = |reason: String| Detail::NotConvertible { from: self.to_string(), to: target.to_string(), reason };
        if self == target {
            return Ok(1.0);
        }
        for b in [self, target] {
            if let Basis::Mixture(m) = b {
                return Err(not(m.why_not_convertible().to_string()).into());
            }
        }
        let element = self
            .element()
            .or_else(|| target.element())
            .ok_or_else(|| not("neither basis has a known element content; give an assay".into()))?;
        let f_from = self
            .element_fraction(element)
            .ok_or_else(|| not(format!("{self} has no known {element} content; give an assay")))?;
        let f_to = target
            .element_fraction(element)
            .ok_or_else(|| not(format!("{target} has no known {element} content; give an assay")))?;
        if f_from <= 0.0 {
            return Err(not(format!("{self} contains no {element}")).into());
        }
        if f_to <= 0.0 {
            return Err(not(format!("{target} contains no {element}")).into());
        }
        Ok(f_from / f_to)
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basis::Contained(e) => f.pad(e.symbol()),
            // LCE is lithium carbonate counted on its lithium: CO3Li2 (carbon first) counts carbon
            Basis::Equivalent(c)
                if c.same_substance(&Compound::lithium_carbonate()) && c.principal_element() == Element::Li =>
            {
                f.write_str("LCE")
            }
            Basis::Equivalent(c) => write!(f, "{c}"),
            Basis::Gross { form, assay: None } => write!(f, "{form}"),
            Basis::Mixture(m) => f.pad(m.code()),
            Basis::Gross { form, assay: Some(a) } => {
                if *self == Basis::sc6() {
                    f.write_str("SC6")
                } else {
                    write!(f, "{form}@{a}")
                }
            }
        }
    }
}

impl FromStr for Basis {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Detail::BadBasis { input: s.to_string(), reason: "empty basis".into() }.into());
        }
        if t.eq_ignore_ascii_case("LCE") {
            return Ok(Basis::lce());
        }
        if t.eq_ignore_ascii_case("SC6") {
            return Ok(Basis::sc6());
        }
        if t.eq_ignore_ascii_case("REO") {
            return Ok(Basis::Mixture(Mixture::RareEarthOxides));
        }
        let first_lower = t.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if first_lower || t.contains(':') || t.contains('@') {
            let (form, assay) = match t.split_once('@') {
                Some((f, a)) => (f.trim().parse::<Form>()?, Some(a.parse::<Assay>()?)),
                None => (t.parse::<Form>()?, None),
            };
            return Ok(Basis::Gross { form, assay });
        }
        if let Some(e) = Element::ALL.iter().copied().find(|e| e.symbol() == t) {
            return Ok(Basis::Contained(e));
        }
        Compound::new(t).map(Basis::Equivalent).map_err(|_| Detail::BadBasis {
            input: s.to_string(),
            reason: "expected an element symbol (Li), LCE, SC6, a formula (LiOH·H2O) or a form (spodumene-concentrate@6%Li2O)".into(),
        }.into())
    }
}

impl TryFrom<String> for Basis {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Basis> for String {
    fn from(b: Basis) -> String {
        b.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        for s in [
            "Li",
            "LCE",
            "Li2O",
            "LiOH·H2O",
            "SC6",
            "spodumene-concentrate@5.5%Li2O",
            "brine@0.16%Li",
            "cell:LFP",
            "lepidolite",
        ] {
            let b: Basis = s.parse().expect(s);
            assert_eq!(b.to_string(), s);
        }
        for bad in ["", "Xx", "li", "spodumene@", "gross:??"] {
            assert!(bad.parse::<Basis>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn unknown_content_is_not_convertible() {
        let ore = Basis::gross(Form::Ore(Mineral::Lepidolite));
        assert!(ore.factor_to(&Basis::lce()).is_err());
        assert!(Basis::contained(Element::Co).factor_to(&Basis::lce()).is_err());
    }
}
