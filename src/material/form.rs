//! Material forms along the chain (ore, concentrate, brine, chemical, metal, battery products)
//! and assays (the content of a species in a material).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Compound, Element};
use crate::Error;
use crate::error::Detail;

/// A mineral or raw resource a material is mined or pumped from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Mineral {
    /// Spodumene, LiAlSi₂O₆, the hard-rock lithium mineral of Australian and Canadian mines.
    Spodumene,
    /// Lepidolite, a lithium mica, mined around Yichun (Jiangxi, China).
    Lepidolite,
    /// Petalite, LiAlSi₄O₁₀ (Zimbabwe, Namibia).
    Petalite,
    /// Lithium brine (continental salar, geothermal or oilfield).
    Brine,
    /// Lithium clay (hectorite, jadarite-bearing sediments).
    Clay,
    /// Natural graphite ore (flake, amorphous, vein).
    NaturalGraphite,
    /// Nickel ore (laterite or sulfide).
    NickelOre,
    /// Cobalt-bearing ore (mostly copper-cobalt in Congo (Kinshasa)).
    CobaltOre,
    /// Beryl, Be₃Al₂Si₆O₁₈, the beryllium mineral whose concentrate World Mining Data counts.
    Beryl,
}

impl Mineral {
    /// Every mineral, for lookups.
    pub const ALL: &'static [Mineral] = &[
        Mineral::Spodumene,
        Mineral::Lepidolite,
        Mineral::Petalite,
        Mineral::Brine,
        Mineral::Clay,
        Mineral::NaturalGraphite,
        Mineral::NickelOre,
        Mineral::CobaltOre,
        Mineral::Beryl,
    ];

    /// Kebab-case name (`"spodumene"`, `"natural-graphite"`).
    pub const fn name(self) -> &'static str {
        match self {
            Mineral::Spodumene => "spodumene",
            Mineral::Lepidolite => "lepidolite",
            Mineral::Petalite => "petalite",
            Mineral::Brine => "brine",
            Mineral::Clay => "clay",
            Mineral::NaturalGraphite => "natural-graphite",
            Mineral::NickelOre => "nickel-ore",
            Mineral::CobaltOre => "cobalt-ore",
            Mineral::Beryl => "beryl",
        }
    }

    fn from_name(s: &str) -> Option<Mineral> {
        Mineral::ALL.iter().copied().find(|m| m.name().eq_ignore_ascii_case(s))
    }
}

/// Cathode chemistries of lithium-ion cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum CathodeChemistry {
    /// Lithium nickel manganese cobalt oxide, 1:1:1.
    #[serde(rename = "NMC111")]
    Nmc111,
    /// NMC 5:3:2.
    #[serde(rename = "NMC532")]
    Nmc532,
    /// NMC 6:2:2.
    #[serde(rename = "NMC622")]
    Nmc622,
    /// NMC 8:1:1.
    #[serde(rename = "NMC811")]
    Nmc811,
    /// Lithium nickel cobalt aluminium oxide.
    #[serde(rename = "NCA")]
    Nca,
    /// Lithium iron phosphate, LiFePO₄.
    #[serde(rename = "LFP")]
    Lfp,
    /// Lithium manganese iron phosphate.
    #[serde(rename = "LMFP")]
    Lmfp,
    /// Lithium cobalt oxide, LiCoO₂.
    #[serde(rename = "LCO")]
    Lco,
    /// Lithium manganese oxide, LiMn₂O₄.
    #[serde(rename = "LMO")]
    Lmo,
}

impl CathodeChemistry {
    /// Every chemistry, for lookups.
    pub const ALL: &'static [CathodeChemistry] = &[
        CathodeChemistry::Nmc111,
        CathodeChemistry::Nmc532,
        CathodeChemistry::Nmc622,
        CathodeChemistry::Nmc811,
        CathodeChemistry::Nca,
        CathodeChemistry::Lfp,
        CathodeChemistry::Lmfp,
        CathodeChemistry::Lco,
        CathodeChemistry::Lmo,
    ];

    /// The trade name (`"NMC811"`, `"LFP"`).
    pub const fn name(self) -> &'static str {
        match self {
            CathodeChemistry::Nmc111 => "NMC111",
            CathodeChemistry::Nmc532 => "NMC532",
            CathodeChemistry::Nmc622 => "NMC622",
            CathodeChemistry::Nmc811 => "NMC811",
            CathodeChemistry::Nca => "NCA",
            CathodeChemistry::Lfp => "LFP",
            CathodeChemistry::Lmfp => "LMFP",
            CathodeChemistry::Lco => "LCO",
            CathodeChemistry::Lmo => "LMO",
        }
    }

    /// The idealised formula of the active material (`LiFePO4`, `LiNi0.8Mn0.1Co0.1O2`).
    pub fn compound(self) -> Compound {
        let f = match self {
            CathodeChemistry::Nmc111 => "LiNi0.333333Mn0.333333Co0.333334O2",
            CathodeChemistry::Nmc532 => "LiNi0.5Mn0.3Co0.2O2",
            CathodeChemistry::Nmc622 => "LiNi0.6Mn0.2Co0.2O2",
            CathodeChemistry::Nmc811 => "LiNi0.8Mn0.1Co0.1O2",
            CathodeChemistry::Nca => "LiNi0.8Co0.15Al0.05O2",
            CathodeChemistry::Lfp => return Compound::lithium_iron_phosphate(),
            CathodeChemistry::Lmfp => "LiMn0.6Fe0.4PO4",
            CathodeChemistry::Lco => "LiCoO2",
            CathodeChemistry::Lmo => "LiMn2O4",
        };
        // the formulas above are fixed and parse; fall back to LFP to stay panic-free
        Compound::new(f).unwrap_or_else(|_| Compound::lithium_iron_phosphate())
    }

    fn from_name(s: &str) -> Option<CathodeChemistry> {
        let t: String = s.chars().filter(|c| !matches!(c, '-' | ' ' | '_')).collect();
        CathodeChemistry::ALL.iter().copied().find(|c| c.name().eq_ignore_ascii_case(&t))
    }
}

/// Natural or synthetic graphite for anodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GraphiteKind {
    /// Natural graphite, purified and spheronised.
    Natural,
    /// Synthetic graphite from petroleum coke or needle coke.
    Synthetic,
}

/// A material form along the chain: what a tonnage is a tonnage *of*.
///
/// Forms have a kebab-case text form used in files and serde: `spodumene` (ore),
/// `spodumene-concentrate`, `brine`, `chemical:Li2CO3`, `metal:Li`, `cam:NMC811`,
/// `anode-graphite:natural`, `cell:LFP`, `pack:NMC811`.
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Form, Mineral};
///
/// let sc: Form = "spodumene-concentrate".parse()?;
/// assert_eq!(sc, Form::Concentrate(Mineral::Spodumene));
/// assert_eq!("cell:LFP".parse::<Form>()?.to_string(), "cell:LFP");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Form {
    /// Run-of-mine ore or raw resource (for brine: the brine itself).
    Ore(Mineral),
    /// A mineral concentrate (its grade is given as an [`Assay`], usually % oxide).
    Concentrate(Mineral),
    /// A refined chemical (lithium carbonate, hydroxide, nickel sulfate, ...).
    Chemical(Compound),
    /// A metal (lithium metal, cobalt metal, ...).
    Metal(Element),
    /// Cathode active material.
    CathodeActiveMaterial(CathodeChemistry),
    /// Anode graphite.
    AnodeGraphite(GraphiteKind),
    /// Battery cells of a chemistry.
    Cell(CathodeChemistry),
    /// Battery packs of a chemistry.
    Pack(CathodeChemistry),
    /// A commodity as a statistics source weighs it, of no stated composition (`commodity:bentonite`,
    /// `commodity:coking-coal`): gross weight that converts to no element. The name is lower-case
    /// ASCII letters, digits and `-`, at most 64 characters.
    Commodity(String),
}

impl Form {
    /// The compound of a pure form, when the form is one substance: chemicals, metals and cathode
    /// active materials. Ores, concentrates, anodes, cells and packs return `None`.
    pub fn pure_compound(&self) -> Option<Compound> {
        match self {
            Form::Chemical(c) => Some(c.clone()),
            Form::Metal(e) => Compound::new(e.symbol()).ok(),
            Form::CathodeActiveMaterial(c) => Some(c.compound()),
            _ => None,
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Form::Ore(m) => f.pad(m.name()),
            Form::Concentrate(m) => write!(f, "{}-concentrate", m.name()),
            Form::Chemical(c) => write!(f, "chemical:{c}"),
            Form::Metal(e) => write!(f, "metal:{e}"),
            Form::CathodeActiveMaterial(c) => write!(f, "cam:{}", c.name()),
            Form::AnodeGraphite(GraphiteKind::Natural) => f.write_str("anode-graphite:natural"),
            Form::AnodeGraphite(GraphiteKind::Synthetic) => f.write_str("anode-graphite:synthetic"),
            Form::Cell(c) => write!(f, "cell:{}", c.name()),
            Form::Pack(c) => write!(f, "pack:{}", c.name()),
            Form::Commodity(name) => write!(f, "commodity:{name}"),
        }
    }
}

impl FromStr for Form {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let unknown = || Error::from(Detail::UnknownForm { input: s.to_string() });
        if let Some((kind, rest)) = t.split_once(':') {
            let rest = rest.trim();
            return match kind.trim().to_ascii_lowercase().as_str() {
                "chemical" => Ok(Form::Chemical(Compound::new(rest)?)),
                "metal" => Ok(Form::Metal(Element::from_symbol_or_name(rest)?)),
                "cam" => CathodeChemistry::from_name(rest).map(Form::CathodeActiveMaterial).ok_or_else(unknown),
                "cell" => CathodeChemistry::from_name(rest).map(Form::Cell).ok_or_else(unknown),
                "pack" => CathodeChemistry::from_name(rest).map(Form::Pack).ok_or_else(unknown),
                "commodity" => {
                    let ok = !rest.is_empty()
                        && rest.len() <= 64
                        && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                    if ok { Ok(Form::Commodity(rest.to_string())) } else { Err(unknown()) }
                }
                "anode-graphite" => match rest.to_ascii_lowercase().as_str() {
                    "natural" => Ok(Form::AnodeGraphite(GraphiteKind::Natural)),
                    "synthetic" => Ok(Form::AnodeGraphite(GraphiteKind::Synthetic)),
                    _ => Err(unknown()),
                },
                _ => Err(unknown()),
            };
        }
        if let Some(m) = t.strip_suffix("-concentrate").and_then(Mineral::from_name) {
            return Ok(Form::Concentrate(m));
        }
        Mineral::from_name(t).map(Form::Ore).ok_or_else(unknown)
    }
}

impl TryFrom<String> for Form {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Form> for String {
    fn from(f: Form) -> String {
        f.to_string()
    }
}

/// The content of a species (an element or a compound) in a material, as a mass fraction in
/// (0, 1]: "6 % Li₂O" for a spodumene concentrate, "0.16 % Li" for an Atacama brine.
///
/// Text form: `6%Li2O`, `0.16%Li` (percent, then the species' formula).
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Assay, Compound, Element};
///
/// let sc6 = Assay::percent(6.0, Compound::lithium_oxide())?;
/// // 6 % x 13.88 / 29.879 = 2.787 % Li
/// assert!((sc6.element_fraction(Element::Li) * 100.0 - 2.787).abs() < 5e-4);
/// assert!(Assay::percent(120.0, Compound::lithium_oxide()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Assay {
    species: Compound,
    fraction: f64,
}

impl Assay {
    /// An assay from a mass fraction in (0, 1].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) when the fraction is NaN, infinite, not above 0 or
    /// above 1.
    pub fn new(fraction: f64, species: Compound) -> Result<Assay, Error> {
        if !(fraction.is_finite() && fraction > 0.0 && fraction <= 1.0) {
            return Err(Detail::FractionOutOfRange { what: format!("assay of {species}"), value: fraction }.into());
        }
        Ok(Assay { species, fraction })
    }

    /// An assay from a percentage in (0, 100].
    ///
    /// # Errors
    ///
    /// As [`Assay::new`]; the message gives the value as a fraction.
    pub fn percent(pct: f64, species: Compound) -> Result<Assay, Error> {
        Assay::new(pct / 100.0, species)
    }

    /// The species the assay measures.
    pub fn species(&self) -> &Compound {
        &self.species
    }

    /// The mass fraction of the species, in (0, 1].
    pub fn fraction(&self) -> f64 {
        self.fraction
    }

    /// Mass fraction of `element` in the assayed material: fraction x the element's share of the
    /// species' molar mass.
    pub fn element_fraction(&self, element: Element) -> f64 {
        self.fraction * self.species.mass_fraction(element)
    }
}

impl fmt::Display for Assay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // the fraction's shortest text with the point moved: reads back to the same fraction
        let fraction = self.fraction.to_string();
        let pct = crate::fmt::shift_point(&fraction, 2).unwrap_or(fraction);
        write!(f, "{pct}%{}", self.species)
    }
}

impl FromStr for Assay {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (num, species) = t.split_once('%').ok_or_else(|| Detail::BadBasis {
            input: s.to_string(),
            reason: "an assay is written like 6%Li2O".to_string(),
        })?;
        let not_pct = || Detail::BadBasis { input: s.to_string(), reason: format!("{num:?} is not a percentage") };
        let species = Compound::new(species.trim())?;
        // a plain decimal is divided by 100 on its digits, exactly; other forms (1e-3) by division
        match crate::fmt::shift_point(num, -2) {
            Some(fraction) => Assay::new(fraction.parse().map_err(|_| not_pct())?, species),
            None => Assay::percent(num.trim().parse().map_err(|_| not_pct())?, species),
        }
    }
}

impl TryFrom<String> for Assay {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Assay> for String {
    fn from(a: Assay) -> String {
        a.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_round_trip_through_text() {
        let forms = [
            Form::Ore(Mineral::Lepidolite),
            Form::Concentrate(Mineral::Spodumene),
            Form::Chemical(Compound::lithium_hydroxide_monohydrate()),
            Form::Metal(Element::Li),
            Form::CathodeActiveMaterial(CathodeChemistry::Nmc811),
            Form::AnodeGraphite(GraphiteKind::Synthetic),
            Form::Cell(CathodeChemistry::Lfp),
            Form::Pack(CathodeChemistry::Nca),
        ];
        for f in forms {
            let back: Form = f.to_string().parse().expect("parses");
            assert_eq!(back, f);
        }
        assert!("unobtainium".parse::<Form>().is_err());
        assert!("cell:XYZ".parse::<Form>().is_err());
    }

    #[test]
    fn cathode_formulas_parse() {
        for c in CathodeChemistry::ALL {
            assert!(Compound::new(c.compound().formula()).is_ok(), "{}", c.name());
        }
    }

    #[test]
    fn assays_round_trip_and_reject_bad_fractions() {
        let a: Assay = "6%Li2O".parse().expect("parses");
        assert_eq!(a.to_string(), "6%Li2O");
        for bad in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY] {
            assert!(Assay::new(bad, Compound::lithium_oxide()).is_err());
        }
        assert!("six%Li2O".parse::<Assay>().is_err());
        assert!("6Li2O".parse::<Assay>().is_err());
    }
}
