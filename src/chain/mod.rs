//! The supply chain: its stages, processes, facilities and companies, the network of who supplies
//! whom, and the calculators that follow material through it.
//!
//! One file per type or calculator:
//!
//! | file | item | what it is |
//! |---|---|---|
//! | `stage.rs` | [`Stage`] | mining, refining, battery materials, cell manufacturing, pack assembly / end use, recycling |
//! | `process.rs` | [`Process`] | input form -> output form with a recovery, optional energy and waste per tonne of output |
//! | `facility.rs` | [`Facility`], [`FacilityStatus`], [`Capacity`], [`Company`] | a plant or mine: owner, country, stage, product, capacity, status, start year, source |
//! | [`network`] | [`SupplyNetwork`], [`NetworkBuilder`] | each country's output at each stage and the shipments between stages |
//! | [`exposure`] | [`exposure`] | where the upstream steps of a country's output happened (proportional sourcing) |
//! | [`disruption`] | [`disruption`] | shortfall downstream of a cut, with and without rerouting |
//! | [`localization`] | [`localization`] | share of a region's consumption supplied from within, largest outside supplier |
//! | [`route`] | [`route`] | process routes: ore and concentrate per tonne of product, waste, mass balance |
//! | [`cost_curve`] | [`cost_curve`] | cost curve, share of output under water, marginal producer |
//! | [`battery`] | [`battery`] | battery products (chemistry, mAh, Wh), material content per kWh by chemistry, capacity-band segments |
//! | [`recycling`] | [`recycling`] | retirements → end-of-life material → recycled supply by element, share of demand, CRMA recycling benchmark |
//! | [`stock`] | [`stock`] | dynamic stock models: lifetimes, survival tables, inflow- and stock-driven models with units |
//!
//! # Examples
//!
//! ```
//! use critical_minerals::chain::{Capacity, Facility, FacilityStatus, Stage};
//! use critical_minerals::geo::Country;
//! use critical_minerals::material::{Basis, Form, Rate};
//!
//! let plant = Facility::new("demo-refinery", "Demo lithium refinery", Country::from_code("DE")?, Stage::Refining)?
//!     .product("chemical:LiOH·H2O".parse::<Form>()?)
//!     .capacity(Capacity::Mass(Rate::tonnes_per_year(24_000.0, Basis::lithium_hydroxide_monohydrate())?))
//!     .status(FacilityStatus::Construction);
//! assert_eq!(plant.stage, Stage::Refining);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod facility;
mod process;
mod stage;

pub mod battery;
pub mod cost_curve;
pub mod disruption;
pub mod exposure;
pub mod localization;
pub mod network;
pub mod recycling;
pub mod route;
pub mod stock;

pub use facility::{Capacity, Company, Facility, FacilityStatus};
pub use network::{NetworkBuilder, SupplyNetwork};
pub use process::Process;
pub use stage::Stage;
