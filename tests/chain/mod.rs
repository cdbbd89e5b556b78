//! Tests of `critical_minerals::chain`, one module per file of `src/chain/`.

mod bad_input;
mod battery;
mod cost_curve;
mod disruption;
mod exposure;
mod localization;
mod network;
mod recycling;
mod route;
mod serde;
mod stock;
