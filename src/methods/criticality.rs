//! Building blocks of the EU criticality assessment (2017 methodology): governance-weighted
//! concentration, supply risk (SR), economic importance (EI) and the criticality verdict.
//!
//! # Formulas
//!
//! ```text
//! WGI_scaled  = 5 − 2·WGI                          WGI ∈ [−2.5, 2.5]  →  [0, 10], higher = worse
//! HHI_WGI,t   = Σ_c s_c² · WGI_scaled,c · t_c      s_c: supply share (fraction, Σ s_c = 1), t_c ≥ 0
//! SR          = [HHI_GS · IR/2 + HHI_EUsourcing · (1 − IR/2)] · (1 − EoL_RIR) · SI_SR
//! SR_material = max(SR_extraction, SR_processing)  (the bottleneck stage)
//! EI          = Σ_s A_s · Q_s / max(Q) · 10 · SI_EI
//! critical    ⇔ SR ≥ 1.0 and EI ≥ 2.8
//! ```
//!
//! `HHI_GS` is `HHI_WGI,t` over the global supply mix, `HHI_EUsourcing` over the actual EU
//! sourcing mix (domestic production plus imports); `IR` is EU import reliance, `EoL_RIR` the
//! end-of-life recycling input rate and `SI_SR`, `SI_EI` the substitution indices, all fractions
//! in `[0, 1]`. `A_s` is the share of the material's end use in NACE Rev.2 2-digit sector `s`
//! (fractions adding to 1) and `Q_s` that sector's value added; `max(Q)` is the value added of
//! the largest sector of the reference set, so that `Σ A_s·Q_s / max(Q)` lies in `[0, 1]`.
//!
//! # Scale
//!
//! - `WGI_scaled`: 0 (best governance, WGI +2.5) to 10 (worst, WGI −2.5).
//! - `HHI_WGI,t`: shares are fractions, so with `t_c = 1` it lies in `[0, 10]` (one supplier at the
//!   worst governance gives 10); trade parameters above 1 can push it higher.
//! - SR: same scale as `HHI_WGI,t`, reduced by recycling and substitution; threshold 1.0.
//! - EI: 0–10; threshold 2.8.
//!
//! # Sources, and what is secondary
//!
//! - European Commission (2017), *Methodology for establishing the EU list of critical raw
//!   materials – Guidelines*, Publications Office of the EU.
//! - Blengini G.A., Blagoeva D., Dewulf J., et al. (2017), *Assessment of the Methodology for
//!   Establishing the EU List of Critical Raw Materials – Background report*, JRC, EUR 28654 EN,
//!   doi:10.2760/73303.
//!
//! The primary text of these documents was **not** read for this crate. The formulas above are
//! reconstructed from two independent, mutually consistent implementations of the method (an
//! "EU Criticality Assessment Exercise" teaching application, and the `meyerdata/CritMAT`
//! package, whose WGI rescaling is `(WGI − 2.5)·(−2)`); they agree with the published structure
//! of the method. Unconfirmed: the exact trade-parameter values `t_c` (secondary descriptions give
//! 1.0 as baseline, 0.8 for EU trade-agreement partners and more than 1 under export
//! restrictions; this module takes `t_c` as input and fixes none), the EU import-reliance formula
//! (this module takes IR as input), and whether the WGI used is the mean of all six dimensions.
//! The thresholds 1.0 and 2.8 are the ones both implementations use.
//!
//! # What is checked against published figures
//!
//! No published per-country inputs (supply shares with their scaled WGI and `t_c`, sector value
//! added) were found for any material, so `HHI_WGI,t`, SR and EI are **not** reproduced from
//! published inputs; their examples are computed by hand at the ends of the scales. What is
//! reproduced from published results (`tests/analysis_criticality_eu.rs`) is the bottleneck rule
//! (the material's SR is the larger stage SR, and the stage named) and the verdict with the
//! thresholds against list membership, for cobalt, lithium, natural graphite, nickel and copper.
//!
//! On the embedded production and WGI data, [`Dataset::eu_supply_risk`](crate::dataset::Dataset::eu_supply_risk)
//! computes `HHI_WGI,t` of world extraction and SR from these functions, with import reliance,
//! substitution and the EU sourcing mix as inputs ([`crate::dataset::supply_risk`] says which
//! terms are computed, and how far the result lies from the published values).
//!
//! # Worked example (published results: EU CRM study 2023, cobalt)
//!
//! The 2023 EU assessment published cobalt's SR at extraction 2.8 and at processing 0.5, and EI
//! 6.8 (European Commission, *Study on the Critical Raw Materials for the EU 2023 – Final
//! Report*, as transcribed in `meyerdata/CritMAT`, `input_data/seeds/eureport_results.csv`). The
//! bottleneck is extraction, SR 2.8; with EI 6.8 cobalt is critical, as on the 2023 list.
//!
//! ```
//! use critical_minerals::methods::criticality::{assess, bottleneck, AssessedStage};
//!
//! let sr = bottleneck([(AssessedStage::Extraction, 2.8), (AssessedStage::Processing, 0.5)])?;
//! assert_eq!(sr.stage, AssessedStage::Extraction);
//! let verdict = assess(sr.supply_risk, 6.8)?;
//! assert!(verdict.critical);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::validate::non_negative;
use crate::validate::{fraction, in_range};

/// Supply-risk threshold of the 2017 method: SR ≥ 1.0.
pub const SR_THRESHOLD: f64 = 1.0;

/// Economic-importance threshold of the 2017 method: EI ≥ 2.8.
pub const EI_THRESHOLD: f64 = 2.8;

/// How far from 1 shares (supply shares, end-use shares) may add up: one percentage point, to
/// allow for published shares rounded to whole percent.
pub const SHARE_SUM_TOLERANCE: f64 = 0.01;

fn check_sum(what: &str, sum: f64) -> Result<(), Error> {
    if (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
        return Err(Detail::SharesDoNotSumToOne { what: what.to_string(), sum, tolerance: SHARE_SUM_TOLERANCE }.into());
    }
    Ok(())
}

/// A Worldwide Governance Indicator (−2.5 best-worst … +2.5) rescaled to 0–10, higher = worse:
/// `5 − 2·WGI`.
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) outside `[−2.5, 2.5]`.
///
/// # Example
///
/// ```
/// use critical_minerals::methods::criticality::wgi_scaled;
///
/// // the ends of the WGI scale (World Bank: −2.5 weak … +2.5 strong governance)
/// assert_eq!(wgi_scaled(-2.5)?, 10.0);
/// assert_eq!(wgi_scaled(2.5)?, 0.0);
/// assert!(wgi_scaled(3.0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn wgi_scaled(wgi: f64) -> Result<f64, Error> {
    in_range("WGI", wgi, -2.5, 2.5)?;
    Ok(5.0 - 2.0 * wgi)
}

/// One supplying country in a governance-weighted concentration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Supplier {
    /// Share of supply, fraction (0–1).
    pub share: f64,
    /// Governance on the 0–10 scale of [`wgi_scaled`] (higher = worse).
    pub wgi_scaled: f64,
    /// Trade parameter `t_c` (≥ 0; 1 = no adjustment).
    pub trade_parameter: f64,
}

/// Governance- and trade-weighted concentration `HHI_WGI,t = Σ s_c² · WGI_scaled,c · t_c`.
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty) with no supplier; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite),
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) (share outside 0–1, scaled WGI outside 0–10) or
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) (trade parameter), naming the supplier by position;
/// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when the shares miss 1 by more than
/// [`SHARE_SUM_TOLERANCE`].
///
/// # Example
///
/// ```
/// use critical_minerals::methods::criticality::{hhi_wgi_t, wgi_scaled, Supplier};
///
/// // one supplier with the worst governance: the top of the scale
/// let worst = Supplier { share: 1.0, wgi_scaled: wgi_scaled(-2.5)?, trade_parameter: 1.0 };
/// assert_eq!(hhi_wgi_t(&[worst])?, 10.0);
/// // two equal suppliers at WGI 0 (scaled 5): 2 × 0.25 × 5 = 2.5
/// let mid = Supplier { share: 0.5, wgi_scaled: wgi_scaled(0.0)?, trade_parameter: 1.0 };
/// assert_eq!(hhi_wgi_t(&[mid, mid])?, 2.5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hhi_wgi_t<'a>(suppliers: impl IntoIterator<Item = &'a Supplier>) -> Result<f64, Error> {
    let mut n = 0usize;
    let mut sum_shares = 0.0;
    let mut hhi = 0.0;
    for (i, s) in suppliers.into_iter().enumerate() {
        let k = i + 1;
        let share = fraction(format!("supplier {k} share"), s.share)?;
        let w = in_range(format!("supplier {k} scaled WGI"), s.wgi_scaled, 0.0, 10.0)?;
        let t = non_negative(format!("supplier {k} trade parameter"), s.trade_parameter)?;
        sum_shares += share;
        hhi += share * share * w * t;
        n += 1;
    }
    if n == 0 {
        return Err(Detail::Empty { what: "suppliers of HHI_WGI,t".into() }.into());
    }
    check_sum("supplier shares of HHI_WGI,t", sum_shares)?;
    Ok(hhi)
}

/// The inputs of supply risk at one stage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SupplyRiskInputs {
    /// `HHI_WGI,t` of the global supply mix (≥ 0).
    pub hhi_global: f64,
    /// `HHI_WGI,t` of the actual EU sourcing mix (≥ 0).
    pub hhi_eu_sourcing: f64,
    /// EU import reliance, fraction (0–1).
    pub import_reliance: f64,
    /// End-of-life recycling input rate, fraction (0–1).
    pub eol_rir: f64,
    /// Substitution index for supply risk, `SI_SR`, fraction (0–1).
    pub substitution_index: f64,
}

/// Supply risk `SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)] · (1 − EoL_RIR) · SI_SR`.
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite), [`ErrorKind::Negative`](crate::ErrorKind::Negative) (an HHI) or
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) (IR, EoL_RIR or SI_SR outside 0–1), naming the input.
///
/// # Example
///
/// ```
/// use critical_minerals::methods::criticality::{supply_risk, SupplyRiskInputs};
///
/// // full import reliance weighs the global and EU mixes half and half
/// let sr = supply_risk(&SupplyRiskInputs {
///     hhi_global: 4.0,
///     hhi_eu_sourcing: 2.0,
///     import_reliance: 1.0,
///     eol_rir: 0.0,
///     substitution_index: 1.0,
/// })?;
/// assert_eq!(sr, 3.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn supply_risk(inputs: &SupplyRiskInputs) -> Result<f64, Error> {
    let gs = non_negative("HHI_WGI,t of global supply", inputs.hhi_global)?;
    let eu = non_negative("HHI_WGI,t of EU sourcing", inputs.hhi_eu_sourcing)?;
    let ir = fraction("import reliance (IR)", inputs.import_reliance)?;
    let eol = fraction("end-of-life recycling input rate (EoL_RIR)", inputs.eol_rir)?;
    let si = fraction("substitution index (SI_SR)", inputs.substitution_index)?;
    Ok((gs * ir / 2.0 + eu * (1.0 - ir / 2.0)) * (1.0 - eol) * si)
}

/// The stages at which the EU method assesses supply risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessedStage {
    /// Extraction (mining).
    Extraction,
    /// Processing (refining).
    Processing,
}

impl fmt::Display for AssessedStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            AssessedStage::Extraction => "extraction",
            AssessedStage::Processing => "processing",
        })
    }
}

/// The supply risk of a material and the stage it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StageSupplyRisk {
    /// The bottleneck stage.
    pub stage: AssessedStage,
    /// Its supply risk.
    pub supply_risk: f64,
}

/// The bottleneck: the stage with the highest supply risk (the first given on a tie).
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty) with no stage; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the stage; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a stage given
/// twice.
///
/// # Example
///
/// ```
/// use critical_minerals::methods::criticality::{bottleneck, AssessedStage};
///
/// // EU CRM study 2023, lithium: SR 0.8 at extraction, 1.9 at processing; published SR 1.9
/// let sr = bottleneck([(AssessedStage::Extraction, 0.8), (AssessedStage::Processing, 1.9)])?;
/// assert_eq!((sr.stage, sr.supply_risk), (AssessedStage::Processing, 1.9));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn bottleneck(stages: impl IntoIterator<Item = (AssessedStage, f64)>) -> Result<StageSupplyRisk, Error> {
    let mut best: Option<StageSupplyRisk> = None;
    let mut seen: Vec<AssessedStage> = Vec::with_capacity(2);
    for (stage, sr) in stages {
        if seen.contains(&stage) {
            return Err(Detail::DuplicateKey { what: "supply-risk stages".into(), key: stage.to_string() }.into());
        }
        seen.push(stage);
        let sr = non_negative(format!("supply risk at {stage}"), sr)?;
        if best.is_none_or(|b| sr > b.supply_risk) {
            best = Some(StageSupplyRisk { stage, supply_risk: sr });
        }
    }
    best.ok_or(Detail::Empty { what: "supply-risk stages".into() }.into())
}

/// One end-use sector of a material.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EndUse {
    /// Share of the material's end use in the sector, `A_s`, fraction (0–1).
    pub share: f64,
    /// Value added of the sector, `Q_s` (any money unit, the same for every sector and for the
    /// reference maximum).
    pub value_added: f64,
}

/// Economic importance `EI = Σ A_s·Q_s / max(Q) · 10 · SI_EI`.
///
/// `largest_sector_value_added` is `max(Q)`, the value added of the largest sector of the
/// reference set (the same money unit as the `Q_s`); it must be at least every `Q_s`, so EI
/// stays within 0–10.
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty) with no sector; [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite),
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the sector and input;
/// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a zero maximum; [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a sector
/// above the maximum; [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent).
///
/// # Example
///
/// ```
/// use critical_minerals::methods::criticality::{economic_importance, EndUse};
///
/// // a material used entirely in the largest sector, with no substitute: the top of the scale
/// let ei = economic_importance(&[EndUse { share: 1.0, value_added: 200.0 }], 200.0, 1.0)?;
/// assert_eq!(ei, 10.0);
/// // half in a sector half the size of the largest: (0.5·100 + 0.5·200) / 200 · 10 = 7.5
/// let uses = [EndUse { share: 0.5, value_added: 100.0 }, EndUse { share: 0.5, value_added: 200.0 }];
/// assert_eq!(economic_importance(&uses, 200.0, 1.0)?, 7.5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn economic_importance<'a>(
    end_uses: impl IntoIterator<Item = &'a EndUse>,
    largest_sector_value_added: f64,
    substitution_index: f64,
) -> Result<f64, Error> {
    let max_q = non_negative("largest sector value added, max(Q)", largest_sector_value_added)?;
    if max_q == 0.0 {
        return Err(Detail::NotPositive { what: "largest sector value added, max(Q)".into(), value: max_q }.into());
    }
    let si = fraction("substitution index (SI_EI)", substitution_index)?;
    let mut n = 0usize;
    let mut sum_a = 0.0;
    let mut sum_aq = 0.0;
    for (i, u) in end_uses.into_iter().enumerate() {
        let k = i + 1;
        let a = fraction(format!("end use {k} share A_s"), u.share)?;
        let q = non_negative(format!("end use {k} value added Q_s"), u.value_added)?;
        if q > max_q {
            return Err(Detail::OutOfRange {
                what: format!("end use {k} value added Q_s"),
                value: q,
                expected: format!("at most the largest sector value added {max_q}"),
            }
            .into());
        }
        sum_a += a;
        sum_aq += a * q;
        n += 1;
    }
    if n == 0 {
        return Err(Detail::Empty { what: "end uses of EI".into() }.into());
    }
    check_sum("end-use shares A_s of EI", sum_a)?;
    Ok(sum_aq / max_q * 10.0 * si)
}

/// The criticality verdict: SR and EI against their thresholds.
///
/// Reading one back assesses it again ([`assess_with_thresholds`]) and refuses a verdict that
/// does not follow from its figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CriticalityWire")]
pub struct Criticality {
    /// Supply risk.
    pub supply_risk: f64,
    /// Economic importance.
    pub economic_importance: f64,
    /// The SR threshold applied.
    pub sr_threshold: f64,
    /// The EI threshold applied.
    pub ei_threshold: f64,
    /// `supply_risk ≥ sr_threshold && economic_importance ≥ ei_threshold`.
    pub critical: bool,
}

#[derive(Deserialize)]
struct CriticalityWire {
    supply_risk: f64,
    economic_importance: f64,
    sr_threshold: f64,
    ei_threshold: f64,
    critical: bool,
}

impl TryFrom<CriticalityWire> for Criticality {
    type Error = Error;
    fn try_from(w: CriticalityWire) -> Result<Criticality, Error> {
        let c = assess_with_thresholds(w.supply_risk, w.economic_importance, w.sr_threshold, w.ei_threshold)?;
        if c.critical != w.critical {
            return Err(Detail::Contradiction {
                what: format!("criticality: {c}, but the record says critical = {}", w.critical),
            }
            .into());
        }
        Ok(c)
    }
}

impl fmt::Display for Criticality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SR {} (threshold {}), EI {} (threshold {}): {}",
            self.supply_risk,
            self.sr_threshold,
            self.economic_importance,
            self.ei_threshold,
            if self.critical { "critical" } else { "not critical" }
        )
    }
}

/// The verdict with the 2017 thresholds [`SR_THRESHOLD`] and [`EI_THRESHOLD`].
///
/// # Errors
///
/// As [`assess_with_thresholds`].
///
/// # Example
///
/// ```
/// use critical_minerals::methods::criticality::assess;
///
/// // EU CRM study 2023, nickel: SR 0.5, EI 5.7 — important but not critical
/// assert!(!assess(0.5, 5.7)?.critical);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess(supply_risk: f64, economic_importance: f64) -> Result<Criticality, Error> {
    assess_with_thresholds(supply_risk, economic_importance, SR_THRESHOLD, EI_THRESHOLD)
}

/// The verdict with explicit thresholds (critical when both are met or exceeded).
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the value.
pub fn assess_with_thresholds(
    supply_risk: f64,
    economic_importance: f64,
    sr_threshold: f64,
    ei_threshold: f64,
) -> Result<Criticality, Error> {
    let sr = non_negative("supply risk (SR)", supply_risk)?;
    let ei = non_negative("economic importance (EI)", economic_importance)?;
    let srt = non_negative("SR threshold", sr_threshold)?;
    let eit = non_negative("EI threshold", ei_threshold)?;
    Ok(Criticality {
        supply_risk: sr,
        economic_importance: ei,
        sr_threshold: srt,
        ei_threshold: eit,
        critical: sr >= srt && ei >= eit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn suppliers() -> impl Strategy<Value = Vec<Supplier>> {
        proptest::collection::vec((0.01..1.0f64, 0.0..=10.0f64, 0.0..3.0f64), 1..10).prop_map(|v| {
            let total: f64 = v.iter().map(|x| x.0).sum();
            v.into_iter().map(|(s, w, t)| Supplier { share: s / total, wgi_scaled: w, trade_parameter: t }).collect()
        })
    }

    proptest! {
        #[test]
        fn hhi_linear_in_uniform_t(mut sup in suppliers(), k in 0.0..5.0f64) {
            for s in &mut sup { s.trade_parameter = 1.0; }
            let base = hhi_wgi_t(&sup).unwrap();
            for s in &mut sup { s.trade_parameter = k; }
            let scaled = hhi_wgi_t(&sup).unwrap();
            prop_assert!((scaled - k * base).abs() <= 1e-12 * (1.0 + k * base));
        }

        #[test]
        fn sr_monotone(gs in 0.0..10.0f64, eu in 0.0..10.0f64, d in 0.0..5.0f64, ir in 0.0..=1.0f64,
                       eol in 0.0..=1.0f64, de in 0.0..=1.0f64, si in 0.0..=1.0f64) {
            let base = SupplyRiskInputs { hhi_global: gs, hhi_eu_sourcing: eu, import_reliance: ir, eol_rir: eol, substitution_index: si };
            let sr = supply_risk(&base).unwrap();
            let up_gs = supply_risk(&SupplyRiskInputs { hhi_global: gs + d, ..base }).unwrap();
            let up_eu = supply_risk(&SupplyRiskInputs { hhi_eu_sourcing: eu + d, ..base }).unwrap();
            prop_assert!(up_gs >= sr && up_eu >= sr);
            let more_recycling = supply_risk(&SupplyRiskInputs { eol_rir: (eol + de).min(1.0), ..base }).unwrap();
            prop_assert!(more_recycling <= sr);
        }
    }
}
