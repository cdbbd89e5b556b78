//! The integration tests of `critical-minerals`, in one binary whose modules mirror `src/`;
//! shared fixtures (the USGS tables, a BACI file, a Comtrade file) live in `fixtures`.

mod bad_input;
mod chain;
mod claims;
mod dataset;
mod fixtures;
mod geo;
mod layering;
mod material;
mod methods;
mod money;
mod policy;
mod render;
mod report;
mod serde_roundtrip;
mod stats;
mod trade;
