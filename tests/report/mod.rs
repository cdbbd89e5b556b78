//! Tests of `critical_minerals::report`.

mod json;
mod open_data;
