//! Tests of `critical_minerals::material`.

mod conformance;
mod props;
