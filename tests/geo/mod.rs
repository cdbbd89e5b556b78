//! Tests of `critical_minerals::geo`.

mod place;
mod props;
mod regions;
mod table;
