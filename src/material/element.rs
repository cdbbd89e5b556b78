//! Chemical elements with their IUPAC standard atomic weights.

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Serialize};

macro_rules! elements {
    ($( $(#[$doc:meta])* $variant:ident, $symbol:literal, $name:literal, $z:literal, $weight:literal; )*) => {
        /// A chemical element, with its IUPAC standard atomic weight.
        ///
        /// Atomic weights are the IUPAC *abridged* standard atomic weights (CIAAW 2021, as
        /// tabulated by IUPAC; for elements with an interval, the conventional value): Li 6.94,
        /// C 12.011, O 15.999, H 1.008 and so on. These are the values from which every
        /// conversion factor of this crate is derived (Li -> LCE = 73.888 / (2 x 6.94) = 5.323).
        ///
        /// Serialized as its symbol (`"Li"`); parsed case-sensitively from the symbol, or
        /// case-insensitively from the English name.
        ///
        /// # Example
        ///
        /// ```
        /// use critical_minerals::material::Element;
        ///
        /// let li: Element = "Li".parse()?;
        /// assert_eq!(li.atomic_weight(), 6.94);
        /// assert_eq!(li.name(), "lithium");
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        #[non_exhaustive]
        pub enum Element {
            $( $(#[$doc])* #[doc = concat!($name, " (", $symbol, ", Z = ", $z, ", ", $weight, " g/mol)")] $variant, )*
        }

        impl Element {
            /// Every element this crate knows, in order of atomic number.
            pub const ALL: &'static [Element] = &[$(Element::$variant),*];

            /// The element's symbol, e.g. `"Li"`.
            pub const fn symbol(self) -> &'static str {
                match self { $(Element::$variant => $symbol),* }
            }

            /// The element's English name in lower case, e.g. `"lithium"`.
            pub const fn name(self) -> &'static str {
                match self { $(Element::$variant => $name),* }
            }

            /// Atomic number.
            pub const fn atomic_number(self) -> u8 {
                match self { $(Element::$variant => $z),* }
            }

            /// IUPAC standard atomic weight (abridged / conventional value), g/mol.
            pub const fn atomic_weight(self) -> f64 {
                match self { $(Element::$variant => $weight),* }
            }
        }
    };
}

elements! {
    H, "H", "hydrogen", 1, 1.008;
    Li, "Li", "lithium", 3, 6.94;
    Be, "Be", "beryllium", 4, 9.0122;
    B, "B", "boron", 5, 10.81;
    C, "C", "carbon", 6, 12.011;
    N, "N", "nitrogen", 7, 14.007;
    O, "O", "oxygen", 8, 15.999;
    F, "F", "fluorine", 9, 18.998;
    Na, "Na", "sodium", 11, 22.990;
    Mg, "Mg", "magnesium", 12, 24.305;
    Al, "Al", "aluminium", 13, 26.982;
    Si, "Si", "silicon", 14, 28.085;
    P, "P", "phosphorus", 15, 30.974;
    S, "S", "sulfur", 16, 32.06;
    Cl, "Cl", "chlorine", 17, 35.45;
    K, "K", "potassium", 19, 39.098;
    Ca, "Ca", "calcium", 20, 40.078;
    Sc, "Sc", "scandium", 21, 44.956;
    Ti, "Ti", "titanium", 22, 47.867;
    V, "V", "vanadium", 23, 50.942;
    Cr, "Cr", "chromium", 24, 51.996;
    Mn, "Mn", "manganese", 25, 54.938;
    Fe, "Fe", "iron", 26, 55.845;
    Co, "Co", "cobalt", 27, 58.933;
    Ni, "Ni", "nickel", 28, 58.693;
    Cu, "Cu", "copper", 29, 63.546;
    Zn, "Zn", "zinc", 30, 65.38;
    Ga, "Ga", "gallium", 31, 69.723;
    Ge, "Ge", "germanium", 32, 72.630;
    As, "As", "arsenic", 33, 74.922;
    Se, "Se", "selenium", 34, 78.971;
    Rb, "Rb", "rubidium", 37, 85.468;
    Sr, "Sr", "strontium", 38, 87.62;
    Y, "Y", "yttrium", 39, 88.906;
    Zr, "Zr", "zirconium", 40, 91.224;
    Nb, "Nb", "niobium", 41, 92.906;
    Mo, "Mo", "molybdenum", 42, 95.95;
    Ru, "Ru", "ruthenium", 44, 101.07;
    Rh, "Rh", "rhodium", 45, 102.91;
    Pd, "Pd", "palladium", 46, 106.42;
    Ag, "Ag", "silver", 47, 107.87;
    Cd, "Cd", "cadmium", 48, 112.41;
    In, "In", "indium", 49, 114.82;
    Sn, "Sn", "tin", 50, 118.71;
    Sb, "Sb", "antimony", 51, 121.76;
    Te, "Te", "tellurium", 52, 127.60;
    Cs, "Cs", "caesium", 55, 132.91;
    Ba, "Ba", "barium", 56, 137.33;
    La, "La", "lanthanum", 57, 138.91;
    Ce, "Ce", "cerium", 58, 140.12;
    Pr, "Pr", "praseodymium", 59, 140.91;
    Nd, "Nd", "neodymium", 60, 144.24;
    Sm, "Sm", "samarium", 62, 150.36;
    Eu, "Eu", "europium", 63, 151.96;
    Gd, "Gd", "gadolinium", 64, 157.25;
    Tb, "Tb", "terbium", 65, 158.93;
    Dy, "Dy", "dysprosium", 66, 162.50;
    Ho, "Ho", "holmium", 67, 164.93;
    Er, "Er", "erbium", 68, 167.26;
    Tm, "Tm", "thulium", 69, 168.93;
    Yb, "Yb", "ytterbium", 70, 173.05;
    Lu, "Lu", "lutetium", 71, 174.97;
    Hf, "Hf", "hafnium", 72, 178.49;
    Ta, "Ta", "tantalum", 73, 180.95;
    W, "W", "tungsten", 74, 183.84;
    Re, "Re", "rhenium", 75, 186.21;
    Ir, "Ir", "iridium", 77, 192.22;
    Pt, "Pt", "platinum", 78, 195.08;
    Au, "Au", "gold", 79, 196.97;
    Hg, "Hg", "mercury", 80, 200.59;
    Pb, "Pb", "lead", 82, 207.2;
    Bi, "Bi", "bismuth", 83, 208.98;
    Th, "Th", "thorium", 90, 232.04;
    U, "U", "uranium", 92, 238.03;
}

impl Element {
    /// Looks an element up by its symbol (case-sensitive, `"Co"` is cobalt) or by its English
    /// name (case-insensitive, `"cobalt"`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the input.
    pub fn from_symbol_or_name(s: &str) -> Result<Element, Error> {
        let t = s.trim();
        Element::ALL
            .iter()
            .copied()
            .find(|e| e.symbol() == t)
            .or_else(|| {
                Element::ALL.iter().copied().find(|e| {
                    e.name().eq_ignore_ascii_case(t)
                        || (t.eq_ignore_ascii_case("aluminum") && *e == Element::Al)
                        || (t.eq_ignore_ascii_case("cesium") && *e == Element::Cs)
                })
            })
            .ok_or_else(|| Detail::UnknownElement { input: s.to_string() }.into())
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.symbol())
    }
}

impl FromStr for Element {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Element::from_symbol_or_name(s)
    }
}

impl TryFrom<String> for Element {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Element> for String {
    fn from(e: Element) -> String {
        e.symbol().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_and_names_round_trip() {
        for e in Element::ALL {
            assert_eq!(Element::from_symbol_or_name(e.symbol()).ok(), Some(*e));
            assert_eq!(Element::from_symbol_or_name(&e.name().to_uppercase()).ok(), Some(*e));
        }
        assert!(Element::from_symbol_or_name("Xx").is_err());
        // symbols are case-sensitive: "CO" is not cobalt
        assert!(Element::from_symbol_or_name("CO").is_err());
    }

    #[test]
    fn atomic_numbers_are_ordered() {
        assert!(Element::ALL.windows(2).all(|w| w[0].atomic_number() < w[1].atomic_number()));
    }
}
