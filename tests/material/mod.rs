//! Tests of `critical_minerals::material`.

mod conformance;
mod open_bases;
mod props;
