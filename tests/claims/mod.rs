//! Tests of `critical_minerals::claims`.

mod audit;
