//! Tests of `critical_minerals::geo`.

mod props;
mod regions;
mod table;
