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
//! | [`money`] | ISO 4217 currencies, money with its price year, prices per tonne on a basis; scale words read at input |
//! | [`material`] | elements, compounds, forms, grades, and [`material::Basis`]: every tonnage has one |
//! | [`geo`] | ISO 3166-1 countries by any code or name, trade-database codes, M49 and market-report regions, partitions |
//! | [`chain`] | stages, processes, facilities, companies; the supply network and its calculators (exposure, disruption, localization, routes, cost curves, stock models, recycling) |
//! | [`trade`] | HS codes, periods and trade flows |
//! | [`columnar`] | column-stored trade tables (BACI loading, streaming) and parallel grouped share/HHI/CR-n kernels |
//! | [`provenance`] | sources and estimates (points or ranges) |
//! | [`analysis`] | the calculators, one file each (below) |
//! | [`policy`] | rules with effective dates: EU CRMA benchmarks, US 30D and 45X |
//! | [`dataset`] | the embedded reference dataset (USGS, IEA, cited claims) and loaders for user data |
//! | [`report`] | the supply-chain report of a mineral: shares, concentration, reliance, claims, sources |
//! | [`error`] | the crate-wide [`Error`] |
//!
//! ## Calculators
//!
//! | calculator | question |
//! |---|---|
//! | [`analysis::share`] | shares of a total, on the sum of rows or a published total, top-n, regrouping |
//! | [`analysis::growth`] | CAGR, projection, implied rate of a multiple, percent change, doubling time |
//! | [`analysis::concentration`] | HHI (fraction and points), CR-n, entropy, merger ΔHHI, guideline bands |
//! | [`analysis::reliance`] | apparent consumption and net import reliance (USGS), import partners |
//! | [`analysis::criticality`] | EU criticality: governance-weighted HHI, supply risk, economic importance |
//! | [`chain::route`] | process routes: ore and concentrate per tonne of product, waste, mass balance |
//! | [`chain::exposure`] | origin of a country's output at earlier stages (proportional sourcing) |
//! | [`chain::disruption`] | shortfall downstream of a cut, with and without rerouting |
//! | [`chain::cost_curve`] | cost curve, share of output under water, marginal producer |
//! | [`chain::localization`] | share of a region's consumption supplied from within |
//! | [`analysis::uncertainty`] | ranges through shares and growth (exact bounds), Monte Carlo for HHI and CR-n |
//! | [`analysis::audit`] | contradictions in a set of market-report claims (shares, CAGRs, sizes, region lists) |
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
pub mod report;
mod rng;
pub mod stats;
pub mod time;
pub mod trade;
pub mod units;
mod validate;

pub use error::{Error, ErrorKind, Result};

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
