//! Tests of `critical_minerals::dataset`.

mod builtin;
mod commodities;
mod editions;
mod hostile_input;
mod loaders;
mod save_reload;
mod supply_risk;
