//! Tests of `critical_minerals::report`.

mod json;
