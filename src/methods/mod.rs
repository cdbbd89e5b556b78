//! Published methods, each reproduced from its publisher's definition and checked against its
//! published figures.
//!
//! | method | answers | output scale |
//! |---|---|---|
//! | [`reliance`] | USGS apparent consumption and net import reliance, top import partner | percent of apparent consumption, with withheld and net-exporter states |
//! | [`geopolrisk`] | GeoPolRisk (Koyamparambath et al. 2024, geopolrisk-py): production HHI × instability-weighted import share, characterization factor | score 0–1; CF in kg Cu-eq/kg |
//! | [`criticality`] | EU 2017 method: governance-weighted HHI, supply risk, economic importance | SR and EI on the EU scales, thresholds 1.0 and 2.8 |

pub mod criticality;
pub mod geopolrisk;
pub mod reliance;
