//! Tests of `critical_minerals::dataset`.

mod builtin;
mod loaders;
