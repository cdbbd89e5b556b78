//! Tests of `critical_minerals::methods`.

mod criticality;
mod criticality_eu;
mod reliance;
mod reliance_usgs;
