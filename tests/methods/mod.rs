//! Tests of `critical_minerals::methods`.

mod criticality;
mod criticality_eu;
mod geopolrisk;
mod geopolrisk_data;
mod reliance;
mod reliance_usgs;
