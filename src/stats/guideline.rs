//! Merger-guideline bands of an HHI: which guideline says what about a (post-merger) HHI and
//! its change, with the thresholds and their wording written once, here.
//!
//! | guideline | bands (points) | change that matters |
//! |---|---|---|
//! | [`Guideline::UsMerger2023`] (US DOJ & FTC, 18 Dec 2023, Guideline 1, §2.1) | highly concentrated above 1,800 | more than 100 |
//! | [`Guideline::UsHorizontal2010`] (US DOJ & FTC, 19 Aug 2010, §5.3) | below 1,500; 1,500–2,500; above 2,500 | 100, 200 |
//! | [`Guideline::EuHorizontal2004`] (2004/C 31/03, paras 19–21) | below 1,000; 1,000–2,000; above 2,000 | 250, 150 |
//!
//! # Examples
//!
//! ```
//! use critical_minerals::stats::concentration::Hhi;
//! use critical_minerals::stats::guideline::{Band, Guideline, classify};
//!
//! // USGS MCS 2025 lithium 2024, rows only: 2,303 points
//! let h = Hhi::from_points(2_303.0)?;
//! assert_eq!(classify(Guideline::UsMerger2023, h).band(), Band::HighlyConcentrated);
//! assert_eq!(classify(Guideline::UsHorizontal2010, h).band(), Band::ModeratelyConcentrated);
//! assert_eq!(Guideline::UsMerger2023.band_text(Band::HighlyConcentrated), "highly concentrated (HHI > 1,800)");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;

use super::concentration::{Hhi, HhiDelta};

/// A set of merger guidelines whose HHI thresholds this crate applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Guideline {
    /// US DOJ & FTC Merger Guidelines, 18 December 2023, Guideline 1 (§2.1): HHI greater than
    /// 1,800 is highly concentrated; a change of more than 100 points is a significant increase.
    UsMerger2023,
    /// US DOJ & FTC Horizontal Merger Guidelines, 19 August 2010, §5.3: below 1,500
    /// unconcentrated, 1,500–2,500 moderately, above 2,500 highly concentrated; changes of 100 and
    /// 200 points.
    UsHorizontal2010,
    /// EU Guidelines on the assessment of horizontal mergers, 2004/C 31/03, paras 19–21: concerns
    /// unlikely below 1,000, at 1,000–2,000 with a change below 250, above 2,000 with a change
    /// below 150.
    EuHorizontal2004,
}

impl Guideline {
    /// Every guideline the crate applies, newest first.
    pub const ALL: [Guideline; 3] = [Guideline::UsMerger2023, Guideline::UsHorizontal2010, Guideline::EuHorizontal2004];

    /// The guideline's HHI thresholds in words (points), as reports print them.
    pub fn thresholds_text(self) -> &'static str {
        match self {
            Guideline::UsMerger2023 => "highly concentrated above 1,800",
            Guideline::UsHorizontal2010 => "unconcentrated below 1,500; moderately 1,500-2,500; highly above 2,500",
            Guideline::EuHorizontal2004 => "safe-harbour bands below 1,000, 1,000-2,000, above 2,000",
        }
    }

    /// A band in words with the threshold that bounds it under this guideline
    /// (`highly concentrated (HHI > 1,800)`); bands without a single threshold are their name.
    pub fn band_text(self, band: Band) -> String {
        let threshold = match (self, band) {
            (_, Band::NotHighlyConcentrated) => Some("HHI <= 1,800"),
            (_, Band::Unconcentrated) => Some("HHI < 1,500"),
            (_, Band::ModeratelyConcentrated) => Some("1,500-2,500"),
            (Guideline::UsMerger2023, Band::HighlyConcentrated) => Some("HHI > 1,800"),
            (Guideline::UsHorizontal2010, Band::HighlyConcentrated) => Some("HHI > 2,500"),
            _ => None,
        };
        match threshold {
            Some(t) => format!("{band} ({t})"),
            None => band.to_string(),
        }
    }

    /// The guideline's short name.
    pub fn name(self) -> &'static str {
        match self {
            Guideline::UsMerger2023 => "US DOJ/FTC Merger Guidelines 2023",
            Guideline::UsHorizontal2010 => "US DOJ/FTC Horizontal Merger Guidelines 2010",
            Guideline::EuHorizontal2004 => "EU Horizontal Merger Guidelines 2004",
        }
    }

    /// The citation of the passage the thresholds come from.
    pub fn citation(self) -> &'static str {
        match self {
            Guideline::UsMerger2023 => {
                "U.S. Department of Justice and Federal Trade Commission, Merger Guidelines \
                 (18 December 2023), Guideline 1, section 2.1"
            }
            Guideline::UsHorizontal2010 => {
                "U.S. Department of Justice and Federal Trade Commission, Horizontal Merger \
                 Guidelines (19 August 2010), section 5.3"
            }
            Guideline::EuHorizontal2004 => {
                "European Commission, Guidelines on the assessment of horizontal mergers under the \
                 Council Regulation on the control of concentrations between undertakings, \
                 2004/C 31/03, OJ C 31, 5.2.2004, pp. 5-18, paragraphs 19-21"
            }
        }
    }
}

impl fmt::Display for Guideline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The concentration band of a (post-merger) HHI under a guideline. Boundaries follow each
/// guideline's wording; see [`classify`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Band {
    /// US 2023: HHI at most 1,800 (the 2023 guidelines define no lower bands).
    NotHighlyConcentrated,
    /// US 2010: below 1,500.
    Unconcentrated,
    /// US 2010: 1,500 to 2,500, both included.
    ModeratelyConcentrated,
    /// US 2023: above 1,800; US 2010: above 2,500.
    HighlyConcentrated,
    /// EU 2004 para 19: below 1,000.
    Below1000,
    /// EU 2004 para 20: 1,000 to 2,000, both included.
    From1000To2000,
    /// EU 2004 para 20: above 2,000.
    Above2000,
}

/// What a guideline says about a merger given its post-merger HHI and ΔHHI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Verdict {
    /// US 2023: HHI > 1,800 and ΔHHI > 100: the merger is presumed to substantially lessen
    /// competition.
    PresumedToLessenCompetition,
    /// US 2023: not both thresholds exceeded: no HHI-based presumption (the guidelines' share-
    /// based presumption, merged share above 30 % with ΔHHI > 100, is not assessed here).
    NoHhiPresumption,
    /// US 2010: ΔHHI below 100, or an unconcentrated market: unlikely to have adverse effects.
    UnlikelyAdverseEffects,
    /// US 2010: moderately concentrated with ΔHHI above 100, or highly concentrated with ΔHHI
    /// from 100 to 200: potentially raises significant competitive concerns.
    PotentialSignificantConcerns,
    /// US 2010: highly concentrated with ΔHHI above 200: presumed likely to enhance market power.
    PresumedToEnhanceMarketPower,
    /// EU 2004 paras 19–20: horizontal competition concerns unlikely.
    ConcernsUnlikely,
    /// EU 2004: outside the safe harbours of paras 19–20; para 21: no presumption either way.
    NotScreenedOut,
    /// A case the guideline's wording leaves open: US 2010, moderately concentrated with ΔHHI of
    /// exactly 100 (neither "less than 100" nor "more than 100").
    NotAddressed,
}

impl Band {
    /// A short label for narrow table columns (`highly`, `moderately`, `< 1,000`).
    pub fn short_label(self) -> &'static str {
        match self {
            Band::HighlyConcentrated => "highly",
            Band::ModeratelyConcentrated => "moderately",
            Band::Unconcentrated => "unconcentrated",
            Band::NotHighlyConcentrated => "not highly",
            Band::Below1000 => "< 1,000",
            Band::From1000To2000 => "1,000–2,000",
            Band::Above2000 => "> 2,000",
        }
    }
}

impl fmt::Display for Band {
    /// The band in words: `highly concentrated`, `1,000-2,000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Band::NotHighlyConcentrated => "not highly concentrated",
            Band::Unconcentrated => "unconcentrated",
            Band::ModeratelyConcentrated => "moderately concentrated",
            Band::HighlyConcentrated => "highly concentrated",
            Band::Below1000 => "below 1,000",
            Band::From1000To2000 => "1,000-2,000",
            Band::Above2000 => "above 2,000",
        })
    }
}

impl fmt::Display for Verdict {
    /// The verdict in the guideline's own terms, shortened.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Verdict::PresumedToLessenCompetition => "presumed to substantially lessen competition",
            Verdict::NoHhiPresumption => "no HHI-based presumption",
            Verdict::UnlikelyAdverseEffects => "unlikely to have adverse competitive effects",
            Verdict::PotentialSignificantConcerns => "potentially raises significant competitive concerns",
            Verdict::PresumedToEnhanceMarketPower => "presumed likely to enhance market power",
            Verdict::ConcernsUnlikely => "horizontal competition concerns unlikely",
            Verdict::NotScreenedOut => "not screened out (no presumption either way)",
            Verdict::NotAddressed => "not addressed by the guideline's wording",
        })
    }
}

/// An HHI classified under a guideline.
/// Serialized with its HHI (both scales); reading it back classifies the HHI again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ClassificationWire")]
pub struct Classification {
    guideline: Guideline,
    hhi: Hhi,
    band: Band,
}

impl Classification {
    /// The guideline applied (with [`Guideline::citation`]).
    pub fn guideline(&self) -> Guideline {
        self.guideline
    }

    /// The HHI classified.
    pub fn hhi(&self) -> Hhi {
        self.hhi
    }

    /// The band.
    pub fn band(&self) -> Band {
        self.band
    }
}

/// A merger assessed under a guideline.
/// Serialized with the classification, the change and the verdict; reading it back assesses the
/// merger again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MergerWire")]
pub struct MergerAssessment {
    classification: Classification,
    delta: HhiDelta,
    verdict: Verdict,
}

impl MergerAssessment {
    /// The guideline applied.
    pub fn guideline(&self) -> Guideline {
        self.classification.guideline
    }

    /// The post-merger band.
    pub fn band(&self) -> Band {
        self.classification.band
    }

    /// The post-merger HHI.
    pub fn post_merger(&self) -> Hhi {
        self.classification.hhi
    }

    /// The change in HHI.
    pub fn delta(&self) -> HhiDelta {
        self.delta
    }

    /// What the guideline says.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }
}

/// Points rounded to 1e-6 before comparing with a threshold, so that floating-point noise in
/// `Σ s²` (3,400.0000000000005) does not move a market across a boundary.
fn cmp_points(points: f64) -> f64 {
    (points * 1e6).round() / 1e6
}

/// The band of `hhi` under `guideline`.
///
/// Boundaries, as worded: US 2023 "greater than 1,800" (1,800 itself is not highly
/// concentrated); US 2010 "below 1,500", "between 1,500 and 2,500" (both included), "above
/// 2,500"; EU 2004 "below 1,000", "between 1,000 and 2,000" (both included), "above 2,000".
/// Points are compared after rounding to 1e-6.
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::Hhi;
/// use critical_minerals::stats::guideline::{Band, Guideline, classify};
///
/// // USGS MCS 2025 cobalt 2024: Congo (Kinshasa) alone is 220,000 / 290,000 of the world
/// let congo_only = Hhi::from_fraction((220.0f64 / 290.0).powi(2))?;
/// assert_eq!(classify(Guideline::EuHorizontal2004, congo_only).band(), Band::Above2000);
/// assert_eq!(classify(Guideline::UsMerger2023, Hhi::from_points(1_800.0)?).band(),
///            Band::NotHighlyConcentrated);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn classify(guideline: Guideline, hhi: Hhi) -> Classification {
    let p = cmp_points(hhi.points());
    let band = match guideline {
        Guideline::UsMerger2023 => {
            if p > 1_800.0 {
                Band::HighlyConcentrated
            } else {
                Band::NotHighlyConcentrated
            }
        }
        Guideline::UsHorizontal2010 => {
            if p < 1_500.0 {
                Band::Unconcentrated
            } else if p <= 2_500.0 {
                Band::ModeratelyConcentrated
            } else {
                Band::HighlyConcentrated
            }
        }
        Guideline::EuHorizontal2004 => {
            if p < 1_000.0 {
                Band::Below1000
            } else if p <= 2_000.0 {
                Band::From1000To2000
            } else {
                Band::Above2000
            }
        }
    };
    Classification { guideline, hhi, band }
}

/// A merger with post-merger HHI `post_merger` and change `delta`, assessed under `guideline`.
///
/// ΔHHI boundaries, as worded: US 2023 "more than 100" (100 itself is not significant); US 2010
/// "less than 100", "more than 100" (moderate), "between 100 and 200" (high, both included),
/// "more than 200"; EU 2004 "below 250", "below 150" (250 and 150 themselves are outside the safe
/// harbour).
///
/// # Example
///
/// ```
/// use critical_minerals::stats::concentration::{Remainder, hhi, merger_delta};
/// use critical_minerals::stats::guideline::{Guideline, Verdict, assess_merger};
/// use critical_minerals::stats::share::{Denominator, Shares};
///
/// // USGS MCS 2025 lithium 2024, shares of the 240,000 t world: Chile + Argentina merge
/// let rows = [("AR", 18_000.0), ("AU", 88_000.0), ("BR", 10_000.0), ("CA", 4_300.0),
///     ("CL", 49_000.0), ("CN", 41_000.0), ("NA", 2_700.0), ("PT", 380.0), ("ZW", 22_000.0)];
/// let s = Shares::new(rows, Denominator::PublishedTotal(240_000.0))?;
/// let d = merger_delta(&s, "CL", "AR")?; // 306 points
/// let merged = s.regroup(|k| if *k == "AR" { "CL" } else { *k });
/// let post = hhi(&merged, Remainder::Excluded);
/// let a = assess_merger(Guideline::UsMerger2023, post, d);
/// assert_eq!(a.verdict(), Verdict::PresumedToLessenCompetition);
/// let eu = assess_merger(Guideline::EuHorizontal2004, post, d);
/// assert_eq!(eu.verdict(), Verdict::NotScreenedOut);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_merger(guideline: Guideline, post_merger: Hhi, delta: HhiDelta) -> MergerAssessment {
    let classification = classify(guideline, post_merger);
    let d = cmp_points(delta.points());
    let verdict = match (guideline, classification.band) {
        (Guideline::UsMerger2023, Band::HighlyConcentrated) if d > 100.0 => Verdict::PresumedToLessenCompetition,
        (Guideline::UsMerger2023, _) => Verdict::NoHhiPresumption,
        (Guideline::UsHorizontal2010, _) if d < 100.0 => Verdict::UnlikelyAdverseEffects,
        (Guideline::UsHorizontal2010, Band::Unconcentrated) => Verdict::UnlikelyAdverseEffects,
        (Guideline::UsHorizontal2010, Band::ModeratelyConcentrated) if d > 100.0 => {
            Verdict::PotentialSignificantConcerns
        }
        (Guideline::UsHorizontal2010, Band::HighlyConcentrated) if d > 200.0 => Verdict::PresumedToEnhanceMarketPower,
        (Guideline::UsHorizontal2010, Band::HighlyConcentrated) => Verdict::PotentialSignificantConcerns,
        (Guideline::UsHorizontal2010, _) => Verdict::NotAddressed,
        (Guideline::EuHorizontal2004, Band::Below1000) => Verdict::ConcernsUnlikely,
        (Guideline::EuHorizontal2004, Band::From1000To2000) if d < 250.0 => Verdict::ConcernsUnlikely,
        (Guideline::EuHorizontal2004, Band::Above2000) if d < 150.0 => Verdict::ConcernsUnlikely,
        (Guideline::EuHorizontal2004, _) => Verdict::NotScreenedOut,
    };
    MergerAssessment { classification, delta, verdict }
}

#[derive(Deserialize)]
struct ClassificationWire {
    guideline: Guideline,
    hhi: Hhi,
    band: Band,
}

impl TryFrom<ClassificationWire> for Classification {
    type Error = Error;
    fn try_from(w: ClassificationWire) -> Result<Classification, Error> {
        let c = classify(w.guideline, w.hhi);
        if c.band != w.band {
            return Err(Detail::Contradiction {
                what: format!("{} places HHI {:.1} points {}, not {}", w.guideline, w.hhi.points(), c.band, w.band),
            }
            .into());
        }
        Ok(c)
    }
}

#[derive(Deserialize)]
struct MergerWire {
    classification: Classification,
    delta: HhiDelta,
    verdict: Verdict,
}

impl TryFrom<MergerWire> for MergerAssessment {
    type Error = Error;
    fn try_from(w: MergerWire) -> Result<MergerAssessment, Error> {
        let a = assess_merger(w.classification.guideline, w.classification.hhi, w.delta);
        if a.verdict != w.verdict {
            return Err(Detail::Contradiction {
                what: format!("{}: the merger is \"{}\", not \"{}\"", a.classification.guideline, a.verdict, w.verdict),
            }
            .into());
        }
        Ok(a)
    }
}
