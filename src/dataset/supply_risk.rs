//! The EU supply-risk indicator (2017 criticality methodology) on the embedded data: the
//! governance-weighted concentration of world production at the extraction stage, from the
//! production table (World Mining Data for most commodities) and the WGI table.
//!
//! # Formula
//!
//! ```text
//! s_c          = q_c / Σ_j q_j                    country rows of the production stage, latest edition
//! WGI_scaled,c = 5 − 2·WGI_c                      0 (best) … 10 (worst governance)
//! HHI_GS       = Σ_c s_c² · WGI_scaled,c · t_c    t_c = 1 unless given
//! SR           = [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EoL_RIR) · SI_SR
//! ```
//!
//! The formulas are those of [`crate::methods::criticality`] ([`hhi_wgi_t`], [`supply_risk`]);
//! this file only gathers their inputs.
//!
//! # What is computed and what is an input
//!
//! | term | here |
//! |---|---|
//! | `s_c` (global supply mix) | computed: production by country in the year, latest edition |
//! | `WGI_scaled,c` | computed from the embedded WGI *Political Stability and Absence of Violence* estimate of the same year |
//! | `t_c` | input ([`EuSupplyRiskInputs::trade_parameters`]); 1 for every country not named |
//! | `HHI_EU` (EU sourcing mix) | computed from the caller's sourcing shares with the same WGI, or, when none are given, the global mix stands in |
//! | `IR` | input |
//! | `EoL_RIR` | the commodity catalogue's EU 2023 value ([`Commodity::eol_rir_2023`]) unless given |
//! | `SI_SR` | input |
//!
//! # Where this differs from the EU's published figures
//!
//! The EU study scales the **mean of the six WGI dimensions**, averages supply over several
//! years, uses its own EU sourcing mix and import reliance, and sets `t_c` from export
//! restrictions and trade agreements. The crate embeds only the political-stability dimension,
//! so the governance term here is a proxy: a country's political stability is usually close to,
//! but not the same as, its six-dimension mean. With the global mix standing in for EU sourcing
//! and `SI_SR = 1`, the result is the supply risk of world extraction as this data sees it, not
//! the EU's figure. Against the extraction-stage values of the EU 2023 study (cobalt 2.8,
//! lithium 0.8, natural graphite 1.8, nickel 0.4, copper 0.1), the global-only value averaged
//! over 2018–2020 is 1.1 to 2.7 times higher (cobalt 3.08, lithium 1.28, natural graphite
//! 3.22, nickel 0.78, copper 0.26): an upper proxy, checked in the crate's tests with the
//! tolerance 0.9×–3×.
//!
//! Only the extraction stage is computed: the embedded production table is mine production
//! (World Mining Data, USGS). The EU takes the larger of the extraction and processing SR
//! ([`bottleneck`](crate::methods::criticality::bottleneck)); a processing-stage SR needs
//! refinery output by country, which the caller can pass to
//! [`hhi_wgi_t`] and [`supply_risk`] directly.
//!
//! Producers with no WGI estimate for the year get the middle of the scale, `WGI_scaled = 5`
//! (as the GeoPolRisk method gives them the middle of its scale) and are listed in
//! [`EuSupplyRisk::missing_wgi`]; estimates beyond ±2.5 are kept at the end of the scale and
//! listed in [`EuSupplyRisk::clamped_wgi`]. Rows that are not countries (`OTHER`, `WORLD`) are
//! left out of the mix, and the tonnes left out are reported in [`EuSupplyRisk::other_t`].
//!
//! # Scale
//!
//! `HHI_GS` and SR lie in `[0, 10]` with every `t_c ≤ 1`; the EU threshold for SR is 1.0
//! ([`SR_THRESHOLD`](crate::methods::criticality::SR_THRESHOLD)).
//!
//! # Examples
//!
//! ```
//! use critical_minerals::dataset::{Commodity, Dataset, EuSupplyRiskInputs};
//!
//! let data = Dataset::builtin()?; // World Mining Data 2024, WGI 2023 edition
//! let sr = data.eu_supply_risk(Commodity::COBALT, 2022, &EuSupplyRiskInputs::global_only())?;
//! // Congo (Kinshasa) mines most of the world's cobalt and its governance is weak
//! assert!(sr.hhi_global > 3.0 && sr.supply_risk >= 1.0);
//! assert_eq!(sr.eol_rir, 0.22); // the EU 2023 end-of-life recycling input rate of cobalt
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Commodity, Dataset, Measure};
use crate::Error;
use crate::error::Detail;
use crate::geo::{Country, Place};
use crate::methods::criticality::{Supplier, SupplyRiskInputs, hhi_wgi_t, supply_risk, wgi_scaled};
use crate::methods::geopolrisk::WgiTable;
use crate::validate::{fraction, non_negative};

/// The scaled WGI given to a producer with no estimate for the year: the middle of the 0–10
/// scale.
pub const WGI_SCALED_MISSING: f64 = 5.0;

/// The inputs of the EU supply risk that the embedded data do not hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EuSupplyRiskInputs {
    /// EU import reliance `IR`, a fraction (0–1).
    pub import_reliance: f64,
    /// Substitution index for supply risk `SI_SR`, a fraction (0–1).
    pub substitution_index: f64,
    /// End-of-life recycling input rate, a fraction; `None` takes the commodity catalogue's EU
    /// 2023 value.
    pub eol_rir: Option<f64>,
    /// The actual EU sourcing mix (domestic production and imports) as country shares adding to
    /// 1; `None` lets the global mix stand in.
    pub eu_sourcing: Option<Vec<(Country, f64)>>,
    /// Trade parameters `t_c` (≥ 0) of the countries that have one; 1 for the others.
    pub trade_parameters: Vec<(Country, f64)>,
}

impl EuSupplyRiskInputs {
    /// The supply risk of world extraction alone: `IR = 1`, `SI_SR = 1`, the catalogue's
    /// EoL-RIR, no EU sourcing mix (the global one stands in) and `t_c = 1`.
    pub fn global_only() -> EuSupplyRiskInputs {
        EuSupplyRiskInputs {
            import_reliance: 1.0,
            substitution_index: 1.0,
            eol_rir: None,
            eu_sourcing: None,
            trade_parameters: Vec::new(),
        }
    }
}

/// One producing (or sourcing) country with its share and governance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GovernedSupplier {
    /// The country.
    pub country: Country,
    /// Its share of the mix, a fraction.
    pub share: f64,
    /// Its WGI political-stability estimate in the year, if the data has one.
    pub wgi_estimate: Option<f64>,
    /// The scaled WGI used (0–10, higher = worse).
    pub wgi_scaled: f64,
    /// The trade parameter used.
    pub trade_parameter: f64,
}

/// The EU supply risk of a commodity in a year, with every term and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EuSupplyRisk {
    /// The commodity.
    pub commodity: Commodity,
    /// The year of the production and WGI data.
    pub year: i32,
    /// `HHI_WGI,t` of world production (0–10 with `t_c ≤ 1`).
    pub hhi_global: f64,
    /// `HHI_WGI,t` of the EU sourcing mix (equal to `hhi_global` when no mix was given).
    pub hhi_eu_sourcing: f64,
    /// Whether an EU sourcing mix was given (`false`: the global mix stood in).
    pub eu_sourcing_given: bool,
    /// Import reliance used.
    pub import_reliance: f64,
    /// End-of-life recycling input rate used.
    pub eol_rir: f64,
    /// Substitution index used.
    pub substitution_index: f64,
    /// The supply risk.
    pub supply_risk: f64,
    /// The world production mix, largest share first.
    pub producers: Vec<GovernedSupplier>,
    /// The EU sourcing mix, as given (empty when none was).
    pub eu_sourcing: Vec<GovernedSupplier>,
    /// Countries without a WGI estimate for the year (given [`WGI_SCALED_MISSING`]).
    pub missing_wgi: Vec<Country>,
    /// Countries whose estimate lay beyond ±2.5 (kept at the end of the scale).
    pub clamped_wgi: Vec<Country>,
    /// Production in rows that are not countries (`OTHER`), tonnes, left out of the mix.
    pub other_t: f64,
}

struct Governance<'a> {
    wgi: &'a WgiTable,
    year: i32,
    trade: &'a [(Country, f64)],
    missing: Vec<Country>,
    clamped: Vec<Country>,
}

impl Governance<'_> {
    fn supplier(&mut self, country: Country, share: f64) -> Result<GovernedSupplier, Error> {
        let estimate = self.wgi.estimate(country, self.year);
        let scaled = match estimate {
            None => {
                if !self.missing.contains(&country) {
                    self.missing.push(country);
                }
                WGI_SCALED_MISSING
            }
            Some(e) => {
                let kept = e.clamp(-2.5, 2.5);
                if kept != e && !self.clamped.contains(&country) {
                    self.clamped.push(country);
                }
                wgi_scaled(kept)?
            }
        };
        let t = match self.trade.iter().find(|(c, _)| *c == country) {
            Some(&(_, t)) => t,
            None => 1.0,
        };
        Ok(GovernedSupplier { country, share, wgi_estimate: estimate, wgi_scaled: scaled, trade_parameter: t })
    }
}

fn weighted(mix: &[GovernedSupplier]) -> Result<f64, Error> {
    let s: Vec<Supplier> = mix
        .iter()
        .map(|g| Supplier { share: g.share, wgi_scaled: g.wgi_scaled, trade_parameter: g.trade_parameter })
        .collect();
    hhi_wgi_t(&s)
}

impl Dataset {
    /// The EU supply risk of a commodity's extraction in a year, computed from the embedded
    /// production and WGI tables (see [the module](crate::dataset::supply_risk) for the formula, which
    /// terms are computed and which are inputs, and how the result differs from the EU's own).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing) when the data has no country row with a
    /// value for the commodity and year, or no WGI estimate for the year;
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for an import reliance,
    /// substitution index, EoL-RIR or sourcing share outside 0–1;
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a negative trade parameter;
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a country named twice in the
    /// sourcing mix or the trade parameters; [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent)
    /// for sourcing shares that do not add to 1, or a trade parameter for a country in neither
    /// mix (it would change nothing); [`ErrorKind::Empty`](crate::ErrorKind::Empty) for
    /// an empty sourcing mix given; [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when
    /// the production rows add to 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset, EuSupplyRiskInputs};
    /// use critical_minerals::geo::Country;
    ///
    /// let data = Dataset::builtin()?;
    /// // a caller's EU sourcing mix and import reliance for natural graphite: a mix less
    /// // concentrated than world production (China about two-thirds in 2022)
    /// let inputs = EuSupplyRiskInputs {
    ///     import_reliance: 0.98,
    ///     substitution_index: 0.95,
    ///     eol_rir: None,
    ///     eu_sourcing: Some(vec![
    ///         (Country::from_code("CN")?, 0.4),
    ///         (Country::from_code("BR")?, 0.3),
    ///         (Country::from_code("NO")?, 0.15),
    ///         (Country::from_code("MZ")?, 0.15),
    ///     ]),
    ///     trade_parameters: Vec::new(),
    /// };
    /// let sr = data.eu_supply_risk(Commodity::NATURAL_GRAPHITE, 2022, &inputs)?;
    /// assert!(sr.eu_sourcing_given && sr.hhi_eu_sourcing < sr.hhi_global);
    /// assert!(sr.supply_risk > 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eu_supply_risk(
        &self,
        commodity: Commodity,
        year: i32,
        inputs: &EuSupplyRiskInputs,
    ) -> Result<EuSupplyRisk, Error> {
        let ir = fraction("import reliance (IR)", inputs.import_reliance)?;
        let si = fraction("substitution index (SI_SR)", inputs.substitution_index)?;
        let eol = match inputs.eol_rir.or_else(|| commodity.eol_rir_2023()) {
            Some(v) => fraction(format!("end-of-life recycling input rate of {commodity}"), v)?,
            None => {
                return Err(Detail::Absent {
                    what: format!("EU end-of-life recycling input rate of {commodity} (give it in the inputs)"),
                }
                .into());
            }
        };
        for (i, (c, t)) in inputs.trade_parameters.iter().enumerate() {
            non_negative(format!("trade parameter of {c}"), *t)?;
            if inputs.trade_parameters[..i].iter().any(|(d, _)| d == c) {
                return Err(Detail::DuplicateKey { what: "trade parameters".into(), key: c.to_string() }.into());
            }
        }

        let rows = self.production(commodity, commodity.production_stage(), year, Measure::Production);
        let mut by_country: Vec<(Country, f64)> = Vec::new();
        let mut other_t = 0.0;
        for r in &rows {
            let Some(t) = r.value.as_ref().map(crate::material::Amount::in_tonnes) else { continue };
            match r.area {
                Place::Country(c) => match by_country.iter_mut().find(|(d, _)| *d == c) {
                    Some(e) => e.1 += t,
                    None => by_country.push((c, t)),
                },
                Place::World => {}
                Place::RestOfWorld | Place::Region(_) => other_t += t,
            }
        }
        if by_country.is_empty() {
            return Err(Detail::Absent { what: format!("production by country of {commodity} in {year}") }.into());
        }
        let total: f64 = by_country.iter().map(|(_, t)| t).sum();
        if total.is_nan() || total <= 0.0 {
            return Err(Detail::ZeroTotal { what: format!("production by country of {commodity} in {year}") }.into());
        }
        by_country.sort_by(|a, b| b.1.total_cmp(&a.1));

        let wgi = self.wgi_table(year)?;
        let mut gov =
            Governance { wgi: &wgi, year, trade: &inputs.trade_parameters, missing: Vec::new(), clamped: Vec::new() };
        let producers: Vec<GovernedSupplier> =
            by_country.iter().map(|&(c, t)| gov.supplier(c, t / total)).collect::<Result<_, _>>()?;
        let hhi_global = weighted(&producers)?;

        let (eu_sourcing, hhi_eu) = match &inputs.eu_sourcing {
            None => (Vec::new(), hhi_global),
            Some(mix) => {
                let mut v = Vec::with_capacity(mix.len());
                for (i, &(c, s)) in mix.iter().enumerate() {
                    if mix[..i].iter().any(|(d, _)| *d == c) {
                        return Err(Detail::DuplicateKey { what: "EU sourcing mix".into(), key: c.to_string() }.into());
                    }
                    v.push(gov.supplier(c, fraction(format!("EU sourcing share of {c}"), s)?)?);
                }
                if v.is_empty() {
                    return Err(Detail::Empty { what: format!("EU sourcing mix of {commodity}") }.into());
                }
                let h = weighted(&v)?;
                (v, h)
            }
        };
        for (c, _) in &inputs.trade_parameters {
            if !producers.iter().chain(&eu_sourcing).any(|g| g.country == *c) {
                return Err(Detail::Contradiction {
                    what: format!(
                        "trade parameter given for {c}, which neither produces {commodity} in {year} in the data \
                         nor is in the EU sourcing mix"
                    ),
                }
                .into());
            }
        }
        let sr = supply_risk(&SupplyRiskInputs {
            hhi_global,
            hhi_eu_sourcing: hhi_eu,
            import_reliance: ir,
            eol_rir: eol,
            substitution_index: si,
        })?;
        Ok(EuSupplyRisk {
            commodity,
            year,
            hhi_global,
            hhi_eu_sourcing: hhi_eu,
            eu_sourcing_given: inputs.eu_sourcing.is_some(),
            import_reliance: ir,
            eol_rir: eol,
            substitution_index: si,
            supply_risk: sr,
            producers,
            eu_sourcing,
            missing_wgi: gov.missing,
            clamped_wgi: gov.clamped,
            other_t,
        })
    }
}
