//! Published methods, each reproduced from its publisher's definition and checked against its
//! published figures.
//!
//! | method | answers | output scale |
//! |---|---|---|
//! | [`reliance`] | USGS apparent consumption and net import reliance, top import partner | percent of apparent consumption, with withheld and net-exporter states |
//! | [`criticality`] | EU 2017 method: governance-weighted HHI, supply risk, economic importance | SR and EI on the EU scales, thresholds 1.0 and 2.8 |

pub mod criticality;
pub mod reliance;
