//! Tests of `critical_minerals::chain`.

mod bad_input;
mod battery;
mod market;
mod network;
mod recycling;
mod route;
mod stock;
