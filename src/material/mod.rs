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
pub use basis::{Basis, Mixture};
pub use compound::Compound;
pub use element::Element;
pub use form::{Assay, CathodeChemistry, Form, GraphiteKind, Mineral};
pub use grade::{Grade, GradeClass};
