//! Tests of `critical_minerals::trade`.

#[cfg(feature = "arrow")]
mod arrow;
mod baci;
mod codes;
mod comtrade;
mod kernels;
mod kernels_vs_calculators;
mod reports;
