//! Tests of `critical_minerals::money`.

mod conformance;
mod props;
