//! Tests of `critical_minerals::chain`.

mod bad_input;
mod market;
mod network;
mod route;
mod stock;
