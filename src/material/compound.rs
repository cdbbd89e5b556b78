//! Compounds: a formula, its composition and its molar mass computed from [`Element`] weights.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::Element;
use crate::Error;
use crate::error::Detail;

/// A chemical compound given by its formula, with its composition and molar mass derived from
/// IUPAC atomic weights.
///
/// Formulas are parsed with element symbols (case-sensitive), integer or decimal counts
/// (`LiNi0.8Mn0.1Co0.1O2`), parentheses (`Ni(OH)2`) and hydrate dots written `·`, `.` or `*`
/// with an optional leading multiplier (`NiSO4·6H2O`). The *principal element* of a compound is
/// the first element written in its formula (the cation by convention: Li in `Li2CO3`, Ni in
/// `NiSO4·6H2O`); it is the element an equivalent-compound basis counts (see
/// [`Basis::Equivalent`](super::Basis::Equivalent)).
///
/// Serialized as its formula.
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Compound, Element};
///
/// let lce = Compound::lithium_carbonate();
/// assert!((lce.molar_mass() - 73.888).abs() < 1e-9);
/// let hydrate: Compound = "LiOH·H2O".parse()?;
/// assert!((hydrate.molar_mass() - 41.962).abs() < 1e-9);
/// // mass fraction of lithium in lithium carbonate: 2 x 6.94 / 73.888
/// assert!((lce.mass_fraction(Element::Li) - 0.187852).abs() < 1e-6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Compound {
    formula: String,
    composition: Vec<(Element, f64)>,
}

impl Compound {
    /// Parses a formula.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the formula and what is wrong (an unknown symbol,
    /// an unbalanced parenthesis, a zero or non-finite count, an empty formula).
    pub fn new(formula: &str) -> Result<Compound, Error> {
        let composition = parse_formula(formula)?;
        Ok(Compound { formula: formula.trim().to_string(), composition })
    }

    fn known(formula: &str, parts: &[(Element, f64)]) -> Compound {
        Compound { formula: formula.to_string(), composition: parts.to_vec() }
    }

    /// Lithium carbonate, Li₂CO₃ (the "C" of LCE).
    pub fn lithium_carbonate() -> Compound {
        use Element::*;
        Compound::known("Li2CO3", &[(Li, 2.0), (C, 1.0), (O, 3.0)])
    }
    /// Lithium hydroxide (anhydrous), LiOH.
    pub fn lithium_hydroxide() -> Compound {
        use Element::*;
        Compound::known("LiOH", &[(Li, 1.0), (O, 1.0), (H, 1.0)])
    }
    /// Lithium hydroxide monohydrate, LiOH·H₂O (the form battery-grade hydroxide trades in).
    pub fn lithium_hydroxide_monohydrate() -> Compound {
        use Element::*;
        Compound::known("LiOH·H2O", &[(Li, 1.0), (O, 2.0), (H, 3.0)])
    }
    /// Lithium oxide, Li₂O (the species concentrate grades are quoted in).
    pub fn lithium_oxide() -> Compound {
        use Element::*;
        Compound::known("Li2O", &[(Li, 2.0), (O, 1.0)])
    }
    /// Lithium chloride, LiCl (feedstock of lithium-metal electrolysis).
    pub fn lithium_chloride() -> Compound {
        use Element::*;
        Compound::known("LiCl", &[(Li, 1.0), (Cl, 1.0)])
    }
    /// Lithium iron phosphate, LiFePO₄ (LFP cathode active material).
    pub fn lithium_iron_phosphate() -> Compound {
        use Element::*;
        Compound::known("LiFePO4", &[(Li, 1.0), (Fe, 1.0), (P, 1.0), (O, 4.0)])
    }
    /// Nickel sulfate hexahydrate, NiSO₄·6H₂O.
    pub fn nickel_sulfate_hexahydrate() -> Compound {
        use Element::*;
        Compound::known("NiSO4·6H2O", &[(Ni, 1.0), (S, 1.0), (O, 10.0), (H, 12.0)])
    }
    /// Cobalt sulfate heptahydrate, CoSO₄·7H₂O.
    pub fn cobalt_sulfate_heptahydrate() -> Compound {
        use Element::*;
        Compound::known("CoSO4·7H2O", &[(Co, 1.0), (S, 1.0), (O, 11.0), (H, 14.0)])
    }

    /// The formula as written.
    pub fn formula(&self) -> &str {
        &self.formula
    }

    /// Elements and their counts per formula unit, in order of first appearance.
    pub fn composition(&self) -> &[(Element, f64)] {
        &self.composition
    }

    /// The first element written in the formula (Li for `Li2CO3`).
    pub fn principal_element(&self) -> Element {
        // composition is never empty: the parser rejects empty formulas
        self.composition.first().map(|(e, _)| *e).unwrap_or(Element::H)
    }

    /// Molar mass in g/mol: the sum of count x atomic weight.
    pub fn molar_mass(&self) -> f64 {
        self.composition.iter().map(|(e, n)| n * e.atomic_weight()).sum()
    }

    /// Mass fraction of `element` in the compound (0 when absent).
    pub fn mass_fraction(&self, element: Element) -> f64 {
        let m: f64 = self.composition.iter().filter(|(e, _)| *e == element).map(|(e, n)| n * e.atomic_weight()).sum();
        m / self.molar_mass()
    }

    /// Same composition, whatever the formula's spelling (`LiOH.H2O` and `LiOH·H2O`).
    pub fn same_substance(&self, other: &Compound) -> bool {
        let mut a = self.composition.clone();
        let mut b = other.composition.clone();
        a.sort_by_key(|(e, _)| *e);
        b.sort_by_key(|(e, _)| *e);
        a.len() == b.len() && a.iter().zip(&b).all(|((ea, na), (eb, nb))| ea == eb && (na - nb).abs() < 1e-12)
    }
}

impl fmt::Display for Compound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.formula)
    }
}

impl FromStr for Compound {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Compound::new(s)
    }
}

impl TryFrom<String> for Compound {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Compound::new(&s)
    }
}

impl From<Compound> for String {
    fn from(c: Compound) -> String {
        c.formula
    }
}

/// The largest count a formula may carry (atoms per formula unit, group multipliers and hydrate
/// counts each); products of counts are checked against [`MAX_ATOMS`].
const MAX_COUNT: f64 = 1.0e6;
/// The most atoms of one element per formula unit.
const MAX_ATOMS: f64 = 1.0e9;

/// At most 40 characters of `s`, for messages.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 { s.to_string() } else { format!("{}…", s.chars().take(40).collect::<String>()) }
}

fn bad(formula: &str, reason: impl Into<String>) -> Error {
    Detail::BadFormula { formula: short(formula), reason: reason.into() }.into()
}

/// Reads a count (integer or decimal) at `i`; `None` when there is none.
fn read_count(chars: &[char], i: &mut usize, formula: &str) -> Result<Option<f64>, Error> {
    let start = *i;
    while *i < chars.len() && (chars[*i].is_ascii_digit() || chars[*i] == '.') {
        // a '.' not followed by a digit is a hydrate dot, not a decimal point
        if chars[*i] == '.' && !(*i + 1 < chars.len() && chars[*i + 1].is_ascii_digit() && *i > start) {
            break;
        }
        *i += 1;
    }
    if *i == start {
        return Ok(None);
    }
    let s: String = chars[start..*i].iter().collect();
    let n: f64 = s.parse().map_err(|_| bad(formula, format!("bad count {s:?}")))?;
    if !n.is_finite() || n <= 0.0 {
        return Err(bad(formula, format!("count {} must be positive", short(&s))));
    }
    if n > MAX_COUNT {
        return Err(bad(formula, format!("count {} is above {MAX_COUNT}", short(&s))));
    }
    Ok(Some(n))
}

fn add(into: &mut Vec<(Element, f64)>, e: Element, n: f64) {
    if let Some(slot) = into.iter_mut().find(|(x, _)| *x == e) {
        slot.1 += n;
    } else {
        into.push((e, n));
    }
}

fn parse_formula(formula: &str) -> Result<Vec<(Element, f64)>, Error> {
    let f = formula.trim();
    if f.is_empty() {
        return Err(bad(formula, "empty formula"));
    }
    let mut total: Vec<(Element, f64)> = Vec::new();
    for part in f.split(['·', '*', '•']).flat_map(split_ascii_hydrate_dot) {
        let chars: Vec<char> = part.chars().collect();
        let mut i = 0;
        let multiplier = read_count(&chars, &mut i, formula)?.unwrap_or(1.0);
        // stack of groups for parentheses
        let mut stack: Vec<Vec<(Element, f64)>> = vec![Vec::new()];
        while i < chars.len() {
            let c = chars[i];
            if c == '(' || c == '[' {
                stack.push(Vec::new());
                i += 1;
            } else if c == ')' || c == ']' {
                i += 1;
                let group = stack.pop().ok_or_else(|| bad(formula, "unbalanced ')'"))?;
                let n = read_count(&chars, &mut i, formula)?.unwrap_or(1.0);
                let top = stack.last_mut().ok_or_else(|| bad(formula, "unbalanced ')'"))?;
                for (e, k) in group {
                    add(top, e, k * n);
                }
            } else if c.is_ascii_uppercase() {
                let mut sym = String::from(c);
                i += 1;
                if i < chars.len() && chars[i].is_ascii_lowercase() {
                    sym.push(chars[i]);
                    i += 1;
                }
                let e = Element::ALL
                    .iter()
                    .copied()
                    .find(|e| e.symbol() == sym)
                    .ok_or_else(|| bad(formula, format!("unknown element symbol {sym:?}")))?;
                let n = read_count(&chars, &mut i, formula)?.unwrap_or(1.0);
                let top = stack.last_mut().ok_or_else(|| bad(formula, "unbalanced ')'"))?;
                add(top, e, n);
            } else if c.is_whitespace() {
                i += 1;
            } else {
                return Err(bad(formula, format!("unexpected character {c:?}")));
            }
        }
        if stack.len() != 1 {
            return Err(bad(formula, "unbalanced '('"));
        }
        let group = stack.pop().unwrap_or_default();
        if group.is_empty() {
            return Err(bad(formula, format!("empty part {part:?}")));
        }
        for (e, k) in group {
            add(&mut total, e, k * multiplier);
        }
    }
    if let Some((e, n)) = total.iter().find(|(_, n)| *n > MAX_ATOMS) {
        return Err(bad(formula, format!("{n} atoms of {} per formula unit, more than {MAX_ATOMS}", e.symbol())));
    }
    Ok(total)
}

/// Splits `LiOH.H2O` at an ASCII dot that separates a hydrate (a dot not between digits).
fn split_ascii_hydrate_dot(part: &str) -> Vec<&str> {
    let bytes = part.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' {
            let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
            let next_digit = i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit();
            if !(prev_digit && next_digit) {
                out.push(&part[start..i]);
                start = i + 1;
            }
        }
    }
    out.push(&part[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mm(f: &str) -> f64 {
        Compound::new(f).map(|c| c.molar_mass()).unwrap_or(f64::NAN)
    }

    #[test]
    fn molar_masses_match_the_reference_table() {
        // molar masses derived from IUPAC standard atomic weights (Li 6.94, C 12.011, O 15.999, H 1.008)
        assert!((mm("Li2CO3") - 73.888).abs() < 1e-9);
        assert!((mm("LiOH") - 23.947).abs() < 1e-9);
        assert!((mm("LiOH·H2O") - 41.962).abs() < 1e-9);
        assert!((mm("LiOH.H2O") - 41.962).abs() < 1e-9);
        assert!((mm("Li2O") - 29.879).abs() < 1e-9);
        assert!((mm("Ni(OH)2") - (58.693 + 2.0 * 17.007)).abs() < 1e-9);
        assert!(
            (mm("LiNi0.8Mn0.1Co0.1O2") - (6.94 + 0.8 * 58.693 + 0.1 * 54.938 + 0.1 * 58.933 + 2.0 * 15.999)).abs()
                < 1e-9
        );
    }

    #[test]
    fn built_in_compounds_equal_their_parsed_formula() {
        for c in [
            Compound::lithium_carbonate(),
            Compound::lithium_hydroxide(),
            Compound::lithium_hydroxide_monohydrate(),
            Compound::lithium_oxide(),
            Compound::lithium_chloride(),
            Compound::lithium_iron_phosphate(),
            Compound::nickel_sulfate_hexahydrate(),
            Compound::cobalt_sulfate_heptahydrate(),
        ] {
            let parsed = Compound::new(c.formula()).expect("built-in formula parses");
            assert!(parsed.same_substance(&c), "{}", c.formula());
        }
    }

    #[test]
    fn bad_formulas_are_errors() {
        for f in ["", "Xy2", "Li2(CO3", "Li2CO3)", "Li0", "li2co3", "Li2-CO3", "()"] {
            assert!(Compound::new(f).is_err(), "{f:?} should fail");
        }
    }
}
