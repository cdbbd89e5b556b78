//! Materials: elements, compounds, forms, grades, and the basis every tonnage is counted on.
//!
//! | item | what it is |
//! |---|---|
//! | [`Element`] | an element with its IUPAC standard atomic weight |
//! | [`Compound`] | a formula, its composition and molar mass |
//! | [`Form`], [`Mineral`], [`CathodeChemistry`] | what a tonnage is a tonnage of |
//! | [`Assay`] | the content of a species in a material (6 % Li₂O) |
//! | [`Grade`], [`GradeClass`] | battery / technical / alloy / research grades |
//! | [`Basis`] | contained element, equivalent compound (LCE) or gross weight of a form |
//! | [`Amount`], [`Rate`] | a mass, or a mass per year, *with* its basis |
//!
//! Conversion factors are derived from atomic weights, never typed in: with Li = 6.94,
//! C = 12.011, O = 15.999 and H = 1.008 g/mol, Li -> LCE is 73.888 / 13.88 = 5.323,
//! Li -> LiOH·H₂O is 41.962 / 6.94 = 6.046, Li -> Li₂O is 29.879 / 13.88 = 2.153,
//! Li₂O -> LCE is 73.888 / 29.879 = 2.473, and SC6 (6 % Li₂O) holds 2.787 % Li.
//!
//! # Example
//!
//! ```
//! use critical_minerals::material::{Amount, Basis};
//!
//! // one tonne of LCE needs 6.74 t of SC6 at full recovery
//! let lce = Amount::tonnes(1.0, Basis::lce())?;
//! let sc6 = lce.convert_to(&Basis::sc6())?;
//! assert!((sc6.in_tonnes() - 6.74).abs() < 0.005);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amount;
mod basis;
mod compound;
mod element;
mod form;
mod grade;

pub use amount::{Amount, Rate};
pub use basis::Basis;
pub use compound::Compound;
pub use element::Element;
pub use form::{Assay, CathodeChemistry, Form, GraphiteKind, Mineral};
pub use grade::{Grade, GradeClass};

/// Errors of the material model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MaterialError {
    /// An element symbol or name that is not known.
    #[error("unknown element {input:?}")]
    UnknownElement {
        /// The text given.
        input: String,
    },
    /// A formula that does not parse.
    #[error("bad formula {formula:?}: {reason}")]
    BadFormula {
        /// The formula given.
        formula: String,
        /// What is wrong.
        reason: String,
    },
    /// A form name that is not known.
    #[error(
        "unknown material form {input:?} (expected e.g. spodumene, spodumene-concentrate, brine, chemical:Li2CO3, metal:Li, cam:NMC811, cell:LFP)"
    )]
    UnknownForm {
        /// The text given.
        input: String,
    },
    /// A basis text that does not parse.
    #[error("bad basis {input:?}: {reason}")]
    BadBasis {
        /// The text given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// A NaN or infinite value.
    #[error("{what} is {value}, expected a finite number")]
    NotFinite {
        /// What the value is.
        what: String,
        /// The value.
        value: f64,
    },
    /// A negative value where a quantity cannot be negative.
    #[error("{what} is {value}, expected a non-negative number")]
    Negative {
        /// What the value is.
        what: String,
        /// The value.
        value: f64,
    },
    /// A fraction outside (0, 1] (a grade above 100 %, a zero assay).
    #[error(
        "{what} is {value} as a fraction ({pct} %), expected above 0 and at most 100 %",
        pct = crate::units::trim_number(value * 100.0, 9)
    )]
    FractionOutOfRange {
        /// What the fraction is.
        what: String,
        /// The fraction.
        value: f64,
    },
    /// Two amounts on different bases combined without conversion.
    #[error("cannot {operation} an amount on basis {left} and one on basis {right}: convert one first")]
    BasisMismatch {
        /// Basis of the left operand.
        left: String,
        /// Basis of the right operand.
        right: String,
        /// The operation attempted.
        operation: &'static str,
    },
    /// A conversion between bases that cannot be made.
    #[error("cannot convert from basis {from} to {to}: {reason}")]
    NotConvertible {
        /// Source basis.
        from: String,
        /// Target basis.
        to: String,
        /// Why.
        reason: String,
    },
    /// A unit that is not known.
    #[error("unknown unit {input:?}, expected {expected}")]
    UnknownUnit {
        /// The unit given.
        input: String,
        /// The units accepted.
        expected: &'static str,
    },
}
