//! [`Stage`]: the steps of the battery supply chain, from mine to recycler.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;

/// A stage of the battery supply chain: the four stages of mine -> refine -> cells -> assembly,
/// with battery materials (cathode and anode active material) and recycling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Stage {
    /// Mining or extraction (ore, brine).
    Mining,
    /// Refining and processing into chemicals or metal.
    Refining,
    /// Battery materials: cathode and anode active material.
    Materials,
    /// Cell manufacturing.
    Cells,
    /// Pack assembly and end use (vehicles, storage).
    Assembly,
    /// Recycling of scrap and end-of-life batteries.
    Recycling,
}

impl Stage {
    /// The stages in chain order (recycling last).
    pub const ALL: [Stage; 6] =
        [Stage::Mining, Stage::Refining, Stage::Materials, Stage::Cells, Stage::Assembly, Stage::Recycling];

    /// Lower-case name used in files (`"mining"`).
    pub const fn name(self) -> &'static str {
        match self {
            Stage::Mining => "mining",
            Stage::Refining => "refining",
            Stage::Materials => "materials",
            Stage::Cells => "cells",
            Stage::Assembly => "assembly",
            Stage::Recycling => "recycling",
        }
    }

    /// A label for reports (`"Refining & processing"`).
    pub const fn label(self) -> &'static str {
        match self {
            Stage::Mining => "Mining & extraction",
            Stage::Refining => "Refining & processing",
            Stage::Materials => "Battery materials",
            Stage::Cells => "Cell manufacturing",
            Stage::Assembly => "Pack assembly & end use",
            Stage::Recycling => "Recycling",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Stage {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Ok(match t.as_str() {
            "mining" | "extraction" | "mine" => Stage::Mining,
            "refining" | "processing" | "refining & processing" => Stage::Refining,
            "materials" | "battery materials" | "cathode" | "anode" => Stage::Materials,
            "cells" | "cell" | "cell manufacturing" => Stage::Cells,
            "assembly" | "pack" | "end use" | "end-use" => Stage::Assembly,
            "recycling" => Stage::Recycling,
            _ => return Err(Detail::UnknownStage { input: s.to_string() }.into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_their_names() {
        for s in Stage::ALL {
            assert_eq!(s.name().parse::<Stage>(), Ok(s));
        }
        assert!("smelting".parse::<Stage>().is_err());
    }
}
