//! # critical-minerals
//!
//! Typed, unit-safe models of critical-mineral and battery supply chains, and the calculators
//! analysts use on them: shares, growth, concentration, import reliance, criticality, exposure
//! through the chain, stock models, supply risk and policy benchmarks. Every embedded figure
//! names its source. The rules every module follows are on one page:
//! [`_documentation::design`].
//!
//! ## The model
//!
//! | module | holds |
//! |---|---|
//! | [`error`] | the crate's one [`Error`] and its [`ErrorKind`] |
//! | [`units`] | `uom` quantities (`Mass`, `MassRate`, `Energy`, ...) and the units uom lacks (kt, Mt, t/yr, GWh/yr) |
//! | [`time`] | one [`Period`](time::Period) (year, month or day) and one [`Span`](time::Span) |
//! | [`provenance`] | sources, citations, estimates (points or ranges), one [`Confidence`](provenance::Confidence) scale |
//! | [`material`] | elements, compounds, forms, grades, and [`material::Basis`]: every tonnage has one |
//! | [`money`] | ISO 4217 currencies, money with its price year, prices per tonne on a basis |
//! | [`geo`] | ISO 3166-1 countries by any code or name, the trade databases' economies (historic entities, "nes" areas, customs unions, World), M49 and market-report regions, partitions |
//! | [`trade`] | HS codes and revisions, trade flows, the column-stored trade table with BACI loading and grouped kernels, the UN Comtrade reader and mirror statistics |
//! | [`chain`] | stages, processes, facilities; the chain calculators (below) |
//! | [`dataset`] | the embedded reference data and loaders for user data |
//! | [`report`] | the supply-chain report of a commodity, as data |
//! | `render` (feature `render`) | the report as text tables, Markdown, CSV, JSON, SVG charts and one HTML page; CSV and JSON writers of the columnar results |
//!
//! ## The calculators, by concept
//!
//! | folder | calculators |
//! |---|---|
//! | [`stats`] | [`share`](stats::share), [`concentration`](stats::concentration) (HHI, CR-n, entropy, merger ΔHHI), [`guideline`](stats::guideline) bands, [`growth`](stats::growth) (CAGR, projections), [`uncertainty`](stats::uncertainty) (exact bounds, Monte Carlo) |
//! | [`chain`] | process [`route`](chain::route)s, [`exposure`](chain::exposure), [`disruption`](chain::disruption), [`localization`](chain::localization), [`cost_curve`](chain::cost_curve), dynamic [`stock`](chain::stock) models, [`recycling`](chain::recycling) supply, [`battery`](chain::battery) products |
//! | [`methods`] | USGS net import [`reliance`](methods::reliance), EU [`criticality`](methods::criticality) (and its [`supply_risk`](dataset::supply_risk) on the embedded data), [`geopolrisk`](methods::geopolrisk) |
//! | [`claims`] | one claim model; the audit (contradictions among market-report claims: shares, CAGRs, sizes, region lists) and the recomputation against data, by one rule set |
//! | [`policy`] | rules with effective dates: EU CRMA benchmarks, US §30D and §45X |
//!
//! ## Examples
//!
//! ```
//! use critical_minerals::prelude::*;
//!
//! // USGS MCS 2025: Australia mined 88,000 t of contained lithium in 2024
//! let li = Amount::tonnes(88_000.0, Basis::contained(Element::Li))?;
//! let lce = li.convert_to(&Basis::lce())?;
//! assert_eq!(lce.to_string(), "468.454 kt LCE");
//! // mixing bases is an error, not a silent sum
//! assert_eq!(li.try_add(&lce).unwrap_err().kind(), ErrorKind::Mismatch);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
extern crate uom;

pub mod chain;
pub mod claims;
pub mod dataset;
pub mod error;
mod fmt;
pub mod geo;
pub mod material;
pub mod methods;
pub mod money;
pub mod policy;
pub mod provenance;
#[cfg(feature = "render")]
pub mod render;
pub mod report;
mod rng;
pub mod stats;
pub mod time;
pub mod trade;
pub mod units;
mod validate;
mod vocab;

pub use error::{Error, ErrorKind, Result};

/// Documentation that belongs to the whole crate rather than to one module.
pub mod _documentation {
    #[doc = include_str!("_documentation/design.md")]
    pub mod design {}
}

/// What a typical program needs, in one `use`.
pub mod prelude {
    pub use crate::chain::{Capacity, Facility, FacilityStatus, Process, Stage};
    pub use crate::error::{Error, ErrorKind, Result};
    pub use crate::geo::{Country, Region};
    pub use crate::material::{Amount, Assay, Basis, Compound, Element, Form, Grade, GradeClass, Mineral, Rate};
    pub use crate::money::{Currency, Money, Price, Scale};
    pub use crate::provenance::{Estimate, Source};
    pub use crate::time::{Period, Span};
    pub use crate::trade::{HsCode, TradeFlow};
    pub use crate::units::{self, Mass, MassRate, kilotonnes, tonnes};
}

/// The README's code blocks, compiled and run as doc tests so the front page cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
