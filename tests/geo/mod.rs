//! Tests of `critical_minerals::geo`.

mod economies;
mod place;
mod props;
mod regions;
mod table;
