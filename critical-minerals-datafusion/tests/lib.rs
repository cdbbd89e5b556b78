//! Tests of critical-minerals-datafusion: SQL on one node against the crate's calculators, bad
//! input through SQL, and the same query on an in-process Ballista cluster.

mod ballista;
mod common;
mod errors;
mod sql;
