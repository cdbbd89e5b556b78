//! Tests of `critical_minerals::stats`.

mod concentration;
mod growth;
mod share;
mod uncertainty;
mod usgs_conformance;
