//! # critical-minerals
//!
//! Typed, unit-safe models of critical-mineral and battery supply chains, and the calculators
//! analysts use on them: shares, growth, concentration, import reliance, criticality, exposure
//! through the chain and policy benchmarks. Every embedded figure names its source.
//!
//! ## Modules
//!
//! | module | holds |
//! |---|---|
//! | [`units`] | `uom` quantities (`Mass`, `MassRate`, `Energy`, ...) and the units uom lacks (kt, Mt, t/yr, GWh/yr) |
//! | [`money`] | ISO 4217 currencies, money with its price year, prices per mass |
//! | [`material`] | elements, compounds, forms, grades, and [`material::Basis`]: every tonnage has one |
//! | [`geo`] | ISO 3166-1 countries by any code, trade-database codes, regions |
//! | [`chain`] | stages, processes, facilities, companies |
//! | [`trade`] | HS codes and trade flows |
//! | [`columnar`] | column-stored trade tables (BACI loading, streaming) and parallel grouped share/HHI/CR-n kernels |
//! | [`provenance`] | sources and estimates (points or ranges) |
//! | [`analysis`] | the calculators, one file each |
//! | [`policy`] | rules with effective dates |
//! | [`dataset`] | the embedded reference dataset and loaders |
//! | [`error`] | the crate-wide [`Error`] |
//!
//! ## Example
//!
//! ```
//! use critical_minerals::prelude::*;
//!
//! // USGS MCS 2025: Australia mined 88,000 t of contained lithium in 2024
//! let li = Amount::tonnes(88_000.0, Basis::contained(Element::Li))?;
//! let lce = li.convert_to(&Basis::lce())?;
//! assert_eq!(lce.to_string(), "468.454 kt LCE");
//! // mixing bases is an error, not a silent sum
//! assert!(li.try_add(&lce).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
extern crate uom;

pub mod analysis;
pub mod chain;
pub mod columnar;
pub mod dataset;
pub mod error;
pub mod geo;
pub mod material;
pub mod money;
pub mod policy;
pub mod provenance;
pub mod trade;
pub mod units;

pub use error::{Error, Result};

/// What a typical program needs, in one `use`.
pub mod prelude {
    pub use crate::error::{Error, Result};
    pub use crate::geo::{Country, Region};
    pub use crate::material::{Amount, Assay, Basis, Compound, Element, Form, Grade, GradeClass, Mineral, Rate};
    pub use crate::provenance::{Estimate, Source};
    pub use crate::units::{self, Mass, MassRate, kilotonnes, tonnes};
}
