//! Dynamic stock models: products (or material) put in use, kept for a lifetime, and retired.
//!
//! | item | what it is |
//! |---|---|
//! | [`Lifetime`], [`InflowTiming`] | lifetime models (fixed, normal, folded normal, log-normal, Weibull) and when in the year inflow arrives |
//! | [`SurvivalTable`] | each cohort's surviving share in each later year of a year grid |
//! | [`Flows`], [`Stocks`], [`StockUnit`] | typed yearly series: t/yr on a basis, GWh/yr, or items per year |
//! | [`DynamicStockModel`] | inflow-driven and stock-driven models by cohort, mass balance checked every year |
//!
//! The methods are those of ODYM (Pauliuk and Heeren, `IndEcol/ODYM`) and flodym
//! (`pik-piam/flodym`): see each file for the formulas, the conventions and the published test
//! values they reproduce.
//!
//! # Examples
//!
//! Retirements of battery capacity from EV sales, with a Weibull lifetime:
//!
//! ```
//! use critical_minerals::chain::stock::{DynamicStockModel, Flows, InflowTiming, Lifetime, SurvivalTable};
//! use critical_minerals::units;
//!
//! let sales: Vec<_> = [500.0, 700.0, 900.0].iter().map(|&g| units::gigawatt_hours_per_year(g)).collect();
//! let table = SurvivalTable::new(2023, 3, Lifetime::weibull(3.5, 15.0)?, InflowTiming::default())?;
//! let m = DynamicStockModel::inflow_driven(&table, &Flows::energy(2023, &sales)?)?;
//! assert!(m.stock().get(2025).ok_or("none")? > 2_090.0); // of 2,100 GWh sold, almost all in use
//! assert_eq!(m.outflow().unit().flow_label(), "GWh/yr");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod lifetime;
pub mod model;
pub mod series;
pub mod table;

pub use lifetime::{InflowTiming, Lifetime};
pub use model::{BALANCE_RELATIVE_TOLERANCE, Driver, DynamicStockModel, InflowCorrection, StockRow};
pub use series::{Flows, StockUnit, Stocks};
pub use table::SurvivalTable;
