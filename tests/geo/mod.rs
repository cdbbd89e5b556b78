//! Tests of `critical_minerals::geo`.

mod economies;
mod props;
mod regions;
mod table;
