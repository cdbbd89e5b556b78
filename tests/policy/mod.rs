//! Tests of `critical_minerals::policy`.

mod crma;
mod us_30d;
mod us_45x;
