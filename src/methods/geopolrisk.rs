//! The GeoPolRisk method: geopolitical supply risk of a raw material for an importing economy,
//! and its characterization factor for life-cycle assessment.
//!
//! # Formulas
//!
//! For raw material `A`, importing economic unit `c` (a country or a group of countries) and a
//! year:
//!
//! ```text
//! score_Ac  = HHI_A · Σ_i g_i · f_Aic / (p_Ac + F_Ac)          (the GeoPolRisk score)
//! g_i       = (2.5 − WGI_PV,i) / 5, kept in [0, 1]              (political instability)
//! CF_Ac     = score_Ac · p̄_A / 0.409 412 948                  (kg Cu-eq per kg)
//! ```
//!
//! - `HHI_A`: the Herfindahl–Hirschman index of world production, as a fraction
//!   ([`Hhi::fraction`]), e.g. from [`crate::stats::concentration::hhi_of_weights`] on production
//!   by country;
//! - `f_Aic`: imports of `A` into `c` from supplier `i`, summed over the material's HS codes
//!   ([`Imports`]); `F_Ac = Σ_i f_Aic`; `p_Ac`: domestic production of `A` in `c`;
//! - `WGI_PV,i`: the World Bank's Worldwide Governance Indicator "Political Stability and
//!   Absence of Violence/Terrorism" estimate of supplier `i` in the year (about −2.5 to +2.5,
//!   higher is more stable), rescaled so that 1 is the least stable and 0 the most stable;
//! - a supplier without a WGI value gets `g = 0.5`, as the method does; here every such
//!   supplier is listed in [`Assessment::missing_wgi`]. An estimate outside ±2.5 is kept in
//!   [0, 1] and listed in [`Assessment::clamped_wgi`];
//! - a supplier that is itself a member of the importing unit (trade within a group) gets
//!   `g = 0`, as geopolrisk-py does; its imports still count in `F_Ac`;
//! - `p̄_A`: the average import price of `A` in USD per kg (total value / total quantity of the
//!   imports, as geopolrisk-py computes it from BACI, whose values are in thousand USD and
//!   quantities in tonnes), and 0.409 412 948 the average GeoPolRisk midpoint of copper for
//!   OECD countries over 2017–2021, in the same unit ([`COPPER_REFERENCE`]).
//!
//! # Ranges
//!
//! Where inputs are known only as ranges ([`Estimate`]: the HHI, domestic production, each
//! supplier's imports, its WGI estimate ± an error, the import price), [`assess_ranges`] gives
//! the exact bounds of the score ([`score_bounds`]) and of the characterization factor
//! ([`characterization_factor_bounds`]), and optionally the score's distribution over Monte Carlo
//! draws of the ranges ([`score_distribution`], through [`crate::stats::uncertainty`]). A WGI
//! range becomes an instability range through [`instability_bounds`].
//!
//! # Scale
//!
//! The score is a fraction in [0, 1] (HHI ≤ 1, `g ≤ 1`, imports ≤ supply). The characterization
//! factor is in kg Cu-eq per kg of `A`.
//!
//! # Sources, and what is checked
//!
//! Koyamparambath A., Loubet P., Young S.B., Sonnemann G. (2024), "Spatially and temporally
//! differentiated characterization factors for supply risk of abiotic resources in life cycle
//! assessment", *Resources, Conservation and Recycling* 209, 107801, as implemented in
//! geopolrisk-py (`akoyamp/geopolrisk-py`, `assessment/core.py`: `GeoPolRisk`, `importrisk`;
//! `assessment/utils.py`: `aggregateTrade`, missing WGI → 0.5, partners inside the region →
//! 0). The package's unit test (`tests/test_core.py`) is reproduced: numerator 1000, total
//! trade 2000, domestic production 500, HHI 0.3, price 50 give score 0.12 and CF
//! 14.655 130 057. The linear rescaling of the WGI estimate is the method's description ("0–1,
//! 1 the least stable"); geopolrisk-py reads already normalized values from its database, so
//! the rescaling formula itself was not checked against its code.
//!
//! Where this module differs from geopolrisk-py: negative quantities and a unit with neither
//! production nor imports (denominator 0) are errors here, not a score; a WGI year absent from
//! the caller's table is an error, not 0.5 for everyone.
//!
//! # Worked example (geopolrisk-py's unit test)
//!
//! ```
//! use critical_minerals::methods::geopolrisk::{characterization_factor, score_from_parts};
//! use critical_minerals::stats::concentration::Hhi;
//!
//! let score = score_from_parts(Hhi::from_fraction(0.3)?, 1_000.0, 2_000.0, 500.0)?;
//! assert!((score - 0.12).abs() < 1e-15);
//! let cf = characterization_factor(score, 50.0)?;
//! assert!((cf - 14.655_130_057).abs() < 1e-9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::geo::Country;
use crate::money::{Currency, Money};
use crate::provenance::Estimate;
use crate::stats::concentration::Hhi;
use crate::stats::uncertainty::{Distribution, MonteCarlo};
use crate::trade::{HsCode, TradeFlow};
use crate::units::{self, Mass};
use crate::validate::{fraction, non_negative};

/// The GeoPolRisk midpoint of copper, 0.409 412 948 (score × USD per kg; average of OECD
/// countries, 2017–2021), by which a midpoint is divided to give kg Cu-eq per kg
/// (geopolrisk-py, `assessment/core.py`).
pub const COPPER_REFERENCE: f64 = 0.409_412_948;

/// The instability given to a supplier without a WGI value (the method's default).
pub const MISSING_WGI_INSTABILITY: f64 = 0.5;

/// A WGI "Political Stability and Absence of Violence/Terrorism" estimate rescaled to the
/// method's instability `g = (2.5 − estimate) / 5`, kept in [0, 1] (1 = least stable).
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or infinity.
///
/// # Examples
///
/// ```
/// use critical_minerals::methods::geopolrisk::instability;
///
/// assert_eq!(instability(2.5)?, 0.0);
/// assert_eq!(instability(-2.5)?, 1.0);
/// assert_eq!(instability(0.0)?, 0.5);
/// assert_eq!(instability(-2.8)?, 1.0); // beyond the nominal range: kept at 1
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn instability(wgi_estimate: f64) -> Result<f64, Error> {
    if !wgi_estimate.is_finite() {
        return Err(
            Detail::NotFinite { what: "WGI political stability estimate".to_string(), value: wgi_estimate }.into()
        );
    }
    Ok(((2.5 - wgi_estimate) / 5.0).clamp(0.0, 1.0))
}

/// The GeoPolRisk score from its parts: `HHI · numerator / (total_imports + domestic)`, where
/// `numerator = Σ_i g_i · f_i` (tonnes weighted by instability). All quantities in one mass
/// unit (tonnes, say).
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad quantity;
/// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) for a numerator above the
/// total imports (instabilities are at most 1); [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal)
/// when imports and domestic production are both 0.
///
/// # Examples
///
/// See the [module docs](self).
pub fn score_from_parts(hhi: Hhi, numerator: f64, total_imports: f64, domestic: f64) -> Result<f64, Error> {
    let num = non_negative(|| "GeoPolRisk numerator (instability-weighted imports)".to_string(), numerator)?;
    let imports = non_negative(|| "GeoPolRisk total imports".to_string(), total_imports)?;
    let domestic = non_negative(|| "GeoPolRisk domestic production".to_string(), domestic)?;
    if num > imports * (1.0 + 1e-12) {
        return Err(Detail::SharesExceedWhole {
            what: format!("instability-weighted imports {num} against total imports {imports}"),
            total: if imports > 0.0 { num / imports } else { f64::INFINITY },
        }
        .into());
    }
    let supply = imports + domestic;
    if supply == 0.0 {
        return Err(Detail::ZeroTotal { what: "GeoPolRisk supply (imports + domestic production)".to_string() }.into());
    }
    Ok(hhi.fraction() * num / supply)
}

/// The characterization factor (kg Cu-eq per kg): `score · price / COPPER_REFERENCE`, with the
/// price in USD per kg.
///
/// # Errors
///
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a score outside [0, 1];
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad price.
///
/// # Examples
///
/// See the [module docs](self).
pub fn characterization_factor(score: f64, price_usd_per_kg: f64) -> Result<f64, Error> {
    let score = fraction(|| "GeoPolRisk score".to_string(), score)?;
    let price = non_negative(|| "import price (USD/kg)".to_string(), price_usd_per_kg)?;
    Ok(score * price / COPPER_REFERENCE)
}

/// Worldwide Governance Indicator estimates (Political Stability and Absence of
/// Violence/Terrorism) by country and year, as the caller supplies them.
///
/// # Examples
///
/// ```
/// use critical_minerals::geo::Country;
/// use critical_minerals::methods::geopolrisk::WgiTable;
///
/// let mut wgi = WgiTable::new();
/// wgi.insert(Country::from_code("CL")?, 2022, 0.1)?;
/// assert_eq!(wgi.estimate(Country::from_code("CL")?, 2022), Some(0.1));
/// assert!(wgi.insert(Country::from_code("CL")?, 2022, 0.2).is_err()); // given twice
/// assert!(wgi.has_year(2022) && !wgi.has_year(2023));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WgiTable {
    estimates: BTreeMap<i32, BTreeMap<Country, f64>>,
}

impl WgiTable {
    /// An empty table.
    pub fn new() -> WgiTable {
        WgiTable::default()
    }

    /// Adds the estimate of `country` in `year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or infinity;
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a country and year given twice.
    pub fn insert(&mut self, country: Country, year: i32, estimate: f64) -> Result<(), Error> {
        if !estimate.is_finite() {
            return Err(
                Detail::NotFinite { what: format!("WGI estimate of {country} in {year}"), value: estimate }.into()
            );
        }
        let year_map = self.estimates.entry(year).or_default();
        if year_map.contains_key(&country) {
            return Err(Detail::DuplicateKey { what: "WGI table".to_string(), key: format!("{country} {year}") }.into());
        }
        year_map.insert(country, estimate);
        Ok(())
    }

    /// A table from `(country, year, estimate)` rows.
    ///
    /// # Errors
    ///
    /// As [`WgiTable::insert`].
    pub fn from_rows(rows: impl IntoIterator<Item = (Country, i32, f64)>) -> Result<WgiTable, Error> {
        let mut t = WgiTable::new();
        for (c, y, e) in rows {
            t.insert(c, y, e)?;
        }
        Ok(t)
    }

    /// The estimate of `country` in `year`, if given.
    pub fn estimate(&self, country: Country, year: i32) -> Option<f64> {
        self.estimates.get(&year)?.get(&country).copied()
    }

    /// Whether the table holds any estimate for `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.estimates.get(&year).is_some_and(|m| !m.is_empty())
    }

    /// The years with at least one estimate, oldest first.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.estimates.iter().filter(|(_, m)| !m.is_empty()).map(|(&y, _)| y)
    }
}

/// One row of imports: a supplier, the HS code it was declared under, the quantity and, where
/// known, the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportFlow {
    /// The exporting country.
    pub supplier: Country,
    /// The HS code.
    pub hs: HsCode,
    /// The quantity (gross weight as declared).
    #[serde(with = "tonnes")]
    pub quantity: Mass,
    /// The value, if reported (USD to price the characterization factor).
    pub value: Option<Money>,
}

mod tonnes {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use uom::si::mass::kilogram;

    use crate::units::{self, Mass};

    /// Tonnes as a number when one reads back to the same mass, else the mass in kilograms
    /// (`{"value": .., "unit": "kg"}`), which reads back unconverted.
    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Tonnes(f64),
        Si { value: f64, unit: String },
    }

    pub fn serialize<S: Serializer>(m: &Mass, s: S) -> Result<S::Ok, S::Error> {
        let kg = m.get::<kilogram>();
        let to = |kg: f64| units::as_tonnes(Mass::new::<kilogram>(kg));
        let from = |t: f64| units::tonnes(t).get::<kilogram>();
        match crate::fmt::reversible(kg, to, from) {
            Some(t) => Wire::Tonnes(t),
            None => Wire::Si { value: kg, unit: "kg".into() },
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Mass, D::Error> {
        match Wire::deserialize(d)? {
            Wire::Tonnes(t) => Ok(units::tonnes(t)),
            Wire::Si { value, unit } if unit == "kg" => Ok(Mass::new::<kilogram>(value)),
            Wire::Si { unit, .. } => Err(serde::de::Error::custom(format!("quantity unit {unit:?}, expected kg"))),
        }
    }
}

/// The imports of one material into one economic unit in one year, summed per supplier over the
/// material's HS codes (the method adds the declared weights of all its codes, e.g. ores and
/// concentrates with oxides).
///
/// # Examples
///
/// ```
/// use critical_minerals::geo::Country;
/// use critical_minerals::methods::geopolrisk::{ImportFlow, Imports};
/// use critical_minerals::trade::HsCode;
/// use critical_minerals::units::tonnes;
///
/// let (au, cl) = (Country::from_code("AU")?, Country::from_code("CL")?);
/// let codes = [HsCode::parse("2530.90")?, HsCode::parse("2836.91")?];
/// let flows = [
///     ImportFlow { supplier: au, hs: codes[0], quantity: tonnes(700.0), value: None },
///     ImportFlow { supplier: au, hs: codes[1], quantity: tonnes(100.0), value: None },
///     ImportFlow { supplier: cl, hs: codes[1], quantity: tonnes(200.0), value: None },
/// ];
/// let imports = Imports::new(&codes, &flows)?;
/// assert_eq!(imports.tonnes_from(au), Some(800.0));
/// assert_eq!(imports.total_tonnes(), 1_000.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imports {
    /// The material's HS codes.
    pub hs_codes: Vec<HsCode>,
    /// Tonnes per supplier, summed over the codes.
    pub by_supplier_t: BTreeMap<Country, f64>,
    /// Value in USD of the flows that report one, and the tonnes of those flows (for the price).
    pub valued_usd: f64,
    /// Tonnes of the flows that report a value in USD.
    pub valued_t: f64,
    /// Flows skipped because their HS code is not one of the material's.
    pub other_codes: usize,
    /// Flows that report no value, or a value in another currency than USD: counted in the
    /// quantities, left out of the price.
    pub unpriced: usize,
    /// Flows skipped because they report no quantity ([`Imports::from_trade_flows`] only).
    pub missing_quantity: usize,
    /// Flows skipped because their exporter is not a country (a "nes" area, a historic entity,
    /// an unknown code: no political-stability estimate applies), counted
    /// ([`Imports::from_trade_flows`] only).
    #[serde(default)]
    pub non_country_suppliers: usize,
}

impl Imports {
    /// Sums `flows` per supplier over `hs_codes`; flows under other codes are skipped and
    /// counted ([`Imports::other_codes`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no HS code;
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad quantity or value, naming
    /// the supplier and code.
    pub fn new(hs_codes: &[HsCode], flows: &[ImportFlow]) -> Result<Imports, Error> {
        let mut imports = Imports::empty(hs_codes)?;
        for f in flows {
            imports.add(f.supplier, f.hs, units::as_tonnes(f.quantity), f.value.as_ref())?;
        }
        Ok(imports)
    }

    /// Sums the [`TradeFlow`]s into `importer` (any of its members) in `year` under `hs_codes`,
    /// per exporter, adding the gross declared masses of the codes whatever their basis (the
    /// method's aggregation). Flows into other importers or other years, under other codes
    /// (counted), without a quantity (counted) or from an exporter that is not a country
    /// (counted) are left out.
    ///
    /// # Errors
    ///
    /// As [`Imports::new`].
    pub fn from_trade_flows(
        importer: &[Country],
        year: i32,
        hs_codes: &[HsCode],
        flows: &[TradeFlow],
    ) -> Result<Imports, Error> {
        let mut imports = Imports::empty(hs_codes)?;
        for f in flows {
            if !importer.iter().any(|c| f.importer() == *c) || f.period().calendar_year() != year {
                continue;
            }
            if !hs_codes.contains(&f.commodity()) {
                imports.other_codes += 1;
                continue;
            }
            let Some(q) = f.quantity() else {
                imports.missing_quantity += 1;
                continue;
            };
            let Some(exporter) = f.exporter().country() else {
                imports.non_country_suppliers += 1;
                continue;
            };
            imports.add(exporter, f.commodity(), q.in_tonnes(), f.value())?;
        }
        Ok(imports)
    }

    fn empty(hs_codes: &[HsCode]) -> Result<Imports, Error> {
        if hs_codes.is_empty() {
            return Err(Detail::Empty { what: "HS codes of the material".to_string() }.into());
        }
        Ok(Imports {
            hs_codes: hs_codes.to_vec(),
            by_supplier_t: BTreeMap::new(),
            valued_usd: 0.0,
            valued_t: 0.0,
            other_codes: 0,
            unpriced: 0,
            missing_quantity: 0,
            non_country_suppliers: 0,
        })
    }

    fn add(&mut self, supplier: Country, hs: HsCode, t: f64, value: Option<&Money>) -> Result<(), Error> {
        if !self.hs_codes.contains(&hs) {
            self.other_codes += 1;
            return Ok(());
        }
        let t = non_negative(|| format!("imports from {supplier} under HS {}", hs.digits()), t)?;
        *self.by_supplier_t.entry(supplier).or_insert(0.0) += t;
        match value {
            Some(v) if v.currency() == Currency::USD => {
                let usd =
                    non_negative(|| format!("value of imports from {supplier} under HS {}", hs.digits()), v.amount())?;
                self.valued_usd += usd;
                self.valued_t += t;
            }
            _ => self.unpriced += 1,
        }
        Ok(())
    }

    /// Tonnes imported from `supplier`, if any flow came from it.
    pub fn tonnes_from(&self, supplier: Country) -> Option<f64> {
        self.by_supplier_t.get(&supplier).copied()
    }

    /// Total tonnes imported (`F_Ac`).
    pub fn total_tonnes(&self) -> f64 {
        self.by_supplier_t.values().sum()
    }

    /// Average import price in USD per kg (value / quantity of the flows with a USD value), if
    /// any flow is priced and weighs something.
    pub fn price_usd_per_kg(&self) -> Option<f64> {
        (self.valued_t > 0.0).then(|| self.valued_usd / (self.valued_t * 1_000.0))
    }
}

/// Where a supplier's instability came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StabilitySource {
    /// The WGI estimate of the year, rescaled.
    Wgi,
    /// The WGI estimate, outside ±2.5, kept at 0 or 1.
    WgiClamped,
    /// No WGI value for the supplier in the year: the method's 0.5.
    MissingWgi,
    /// The supplier is a member of the importing unit: 0.
    Member,
}

/// One supplier in an [`Assessment`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierRisk {
    /// The supplier.
    pub supplier: Country,
    /// Its imports, tonnes.
    pub imports_t: f64,
    /// Its share of the unit's supply (imports + domestic production), a fraction.
    pub supply_share: f64,
    /// Its instability `g`, in [0, 1].
    pub instability: f64,
    /// Where `g` came from.
    pub source: StabilitySource,
    /// Its contribution to the score, `HHI · g · f / (p + F)`.
    pub score_contribution: f64,
}

/// A GeoPolRisk assessment of one material for one economic unit and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// The year.
    pub year: i32,
    /// The importing unit's members.
    pub importer: Vec<Country>,
    /// Production HHI, a fraction.
    pub hhi: f64,
    /// Domestic production, tonnes.
    pub domestic_production_t: f64,
    /// Total imports, tonnes.
    pub imports_t: f64,
    /// `Σ g_i f_i / (p + F)`, the import risk (geopolrisk-py's "WTA").
    pub import_risk: f64,
    /// The GeoPolRisk score, a fraction.
    pub score: f64,
    /// The import price used, USD per kg, if any.
    pub price_usd_per_kg: Option<f64>,
    /// The characterization factor, kg Cu-eq per kg, if a price is known.
    pub cf_kg_cu_eq_per_kg: Option<f64>,
    /// Per supplier, largest contribution first.
    pub suppliers: Vec<SupplierRisk>,
    /// Suppliers without a WGI value in the year (given 0.5).
    pub missing_wgi: Vec<Country>,
    /// Suppliers whose WGI estimate was outside ±2.5 (kept at 0 or 1).
    pub clamped_wgi: Vec<Country>,
}

impl fmt::Display for Assessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: GeoPolRisk score {:.4} (HHI {:.4}, import risk {:.4})",
            self.year, self.score, self.hhi, self.import_risk
        )?;
        if let Some(cf) = self.cf_kg_cu_eq_per_kg {
            write!(f, ", CF {cf:.4} kg Cu-eq/kg")?;
        }
        Ok(())
    }
}

/// The inputs of one assessment: the importing unit, the year, the production HHI, the domestic
/// production and the imports.
///
/// # Examples
///
/// ```
/// use critical_minerals::geo::Country;
/// use critical_minerals::methods::geopolrisk::{GeoPolRisk, ImportFlow, Imports, WgiTable};
/// use critical_minerals::money::Money;
/// use critical_minerals::stats::concentration::hhi_of_weights;
/// use critical_minerals::trade::HsCode;
/// use critical_minerals::units::tonnes;
///
/// let (de, cl, cd) = (Country::from_code("DE")?, Country::from_code("CL")?, Country::from_code("CD")?);
/// let hs = [HsCode::parse("2836.91")?];
/// let flows = [
///     ImportFlow { supplier: cl, hs: hs[0], quantity: tonnes(600.0), value: Some(Money::parse("USD 9 million")?) },
///     ImportFlow { supplier: cd, hs: hs[0], quantity: tonnes(400.0), value: Some(Money::parse("USD 6 million")?) },
/// ];
/// let wgi = WgiTable::from_rows([(cl, 2022, 0.0), (cd, 2022, -2.5)])?;
/// let hhi = hhi_of_weights([60.0, 40.0])?; // production shares 60 / 40: HHI 0.52
/// let a = GeoPolRisk::new(&[de], 2022, hhi, tonnes(0.0), Imports::new(&hs, &flows)?).assess(&wgi)?;
/// // 0.52 × (0.5 × 600 + 1.0 × 400) / 1000
/// assert!((a.score - 0.364).abs() < 1e-12);
/// assert_eq!(a.price_usd_per_kg, Some(15.0));
/// assert!(a.missing_wgi.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GeoPolRisk {
    importer: Vec<Country>,
    year: i32,
    hhi: Hhi,
    domestic_production: Mass,
    imports: Imports,
    price_usd_per_kg: Option<f64>,
}

impl GeoPolRisk {
    /// The inputs of an assessment; the price defaults to the imports' average
    /// ([`Imports::price_usd_per_kg`]).
    pub fn new(importer: &[Country], year: i32, hhi: Hhi, domestic_production: Mass, imports: Imports) -> GeoPolRisk {
        let price_usd_per_kg = imports.price_usd_per_kg();
        GeoPolRisk { importer: importer.to_vec(), year, hhi, domestic_production, imports, price_usd_per_kg }
    }

    /// Sets the price (USD per kg) used for the characterization factor.
    pub fn with_price_usd_per_kg(mut self, price: f64) -> GeoPolRisk {
        self.price_usd_per_kg = Some(price);
        self
    }

    /// The score, the characterization factor and the per-supplier detail.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Empty`](crate::ErrorKind::Empty) for an importer with no member;
    /// - [`ErrorKind::Missing`](crate::ErrorKind::Missing) when `wgi` holds no estimate at all
    ///   for the year (a missing *year* is an input error; a missing *country* gets 0.5);
    /// - as [`score_from_parts`] and [`characterization_factor`] for bad quantities, a price
    ///   that is negative or not finite, or no supply at all.
    pub fn assess(&self, wgi: &WgiTable) -> Result<Assessment, Error> {
        if self.importer.is_empty() {
            return Err(Detail::Empty { what: "GeoPolRisk importing unit".to_string() }.into());
        }
        if !wgi.has_year(self.year) {
            let years: Vec<String> = wgi.years().map(|y| y.to_string()).collect();
            return Err(Detail::MissingWgiYear { year: self.year, available: years.join(", ") }.into());
        }
        let domestic =
            non_negative(|| "domestic production (t)".to_string(), units::as_tonnes(self.domestic_production))?;
        let total = self.imports.total_tonnes();
        let mut missing = Vec::new();
        let mut clamped = Vec::new();
        let mut rows = Vec::new();
        let mut numerator = 0.0;
        for (&supplier, &t) in &self.imports.by_supplier_t {
            let (g, source) = if self.importer.contains(&supplier) {
                (0.0, StabilitySource::Member)
            } else {
                match wgi.estimate(supplier, self.year) {
                    None => {
                        missing.push(supplier);
                        (MISSING_WGI_INSTABILITY, StabilitySource::MissingWgi)
                    }
                    Some(e) if e.abs() > 2.5 => {
                        clamped.push(supplier);
                        (instability(e)?, StabilitySource::WgiClamped)
                    }
                    Some(e) => (instability(e)?, StabilitySource::Wgi),
                }
            };
            numerator += g * t;
            rows.push((supplier, t, g, source));
        }
        let score = score_from_parts(self.hhi, numerator, total, domestic)?;
        let supply = total + domestic;
        let mut suppliers: Vec<SupplierRisk> = rows
            .into_iter()
            .map(|(supplier, t, g, source)| SupplierRisk {
                supplier,
                imports_t: t,
                supply_share: t / supply,
                instability: g,
                source,
                score_contribution: self.hhi.fraction() * g * t / supply,
            })
            .collect();
        suppliers
            .sort_by(|a, b| b.score_contribution.total_cmp(&a.score_contribution).then(a.supplier.cmp(&b.supplier)));
        let cf = self.price_usd_per_kg.map(|p| characterization_factor(score.min(1.0), p)).transpose()?;
        Ok(Assessment {
            year: self.year,
            importer: self.importer.clone(),
            hhi: self.hhi.fraction(),
            domestic_production_t: domestic,
            imports_t: total,
            import_risk: numerator / supply,
            score,
            price_usd_per_kg: self.price_usd_per_kg,
            cf_kg_cu_eq_per_kg: cf,
            suppliers,
            missing_wgi: missing,
            clamped_wgi: clamped,
        })
    }
}

/// A supplier whose imports and instability are ranges ([`Estimate`]s): tonnes, and `g` in
/// [0, 1] (e.g. from the WGI estimate ± its standard error, through [`instability`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RangedSupplier {
    /// Imports from the supplier, tonnes.
    pub imports_t: Estimate,
    /// Its instability, a fraction.
    pub instability: Estimate,
}

fn check_ranged(hhi: Estimate, domestic_t: Estimate, suppliers: &[RangedSupplier]) -> Result<(), Error> {
    fraction(|| "HHI (low end)".to_string(), hhi.low())?;
    fraction(|| "HHI (high end)".to_string(), hhi.high())?;
    non_negative(|| "domestic production (low end, t)".to_string(), domestic_t.low())?;
    if suppliers.is_empty() && domestic_t.low() == 0.0 {
        return Err(
            Detail::ZeroTotal { what: "GeoPolRisk supply with no supplier and no production".to_string() }.into()
        );
    }
    for (i, s) in suppliers.iter().enumerate() {
        non_negative(|| format!("imports of supplier {} (low end, t)", i + 1), s.imports_t.low())?;
        fraction(|| format!("instability of supplier {} (low end)", i + 1), s.instability.low())?;
        fraction(|| format!("instability of supplier {} (high end)", i + 1), s.instability.high())?;
    }
    Ok(())
}

/// The extreme of `Σ g_i f_i / (p + Σ f_i)` over `f_i ∈ [lo_i, hi_i]`: the optimum of this
/// linear-fractional function over a box takes every `f_i` at one end, the high end exactly for
/// the suppliers whose `g_i` is above (max) or below (min) the optimal ratio, so it is among the
/// `n + 1` prefixes of the suppliers sorted by `g`.
fn extreme_ratio(p: f64, gf: &[(f64, Estimate)], maximize: bool) -> f64 {
    let mut order: Vec<usize> = (0..gf.len()).collect();
    order.sort_by(|&a, &b| {
        let c = gf[a].0.total_cmp(&gf[b].0);
        if maximize { c.reverse() } else { c }
    });
    let mut best = if maximize { f64::NEG_INFINITY } else { f64::INFINITY };
    for k in 0..=order.len() {
        let (mut num, mut den) = (0.0, p);
        for (j, &i) in order.iter().enumerate() {
            let (g, f) = gf[i];
            let q = if j < k { f.high() } else { f.low() };
            num += g * q;
            den += q;
        }
        let r = if den > 0.0 { num / den } else { 0.0 };
        best = if maximize { best.max(r) } else { best.min(r) };
    }
    best
}

/// Exact bounds of the GeoPolRisk score when the HHI, the domestic production and each
/// supplier's imports and instability are ranges: the score rises with the HHI and with every
/// instability and falls with domestic production, and its extremes over the imports are found
/// exactly (see the source of `extreme_ratio`).
///
/// # Errors
///
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for an HHI or instability outside
/// [0, 1]; [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a negative quantity;
/// [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when supply can be 0.
///
/// # Examples
///
/// ```
/// use critical_minerals::methods::geopolrisk::{RangedSupplier, score_bounds};
/// use critical_minerals::provenance::Estimate;
///
/// // geopolrisk-py's test case with the HHI read as 0.25–0.35
/// let s = [RangedSupplier { imports_t: Estimate::point(2_000.0)?, instability: Estimate::point(0.5)? }];
/// let b = score_bounds(Estimate::range(0.25, 0.35)?, Estimate::point(500.0)?, &s)?;
/// assert!((b.low() - 0.10).abs() < 1e-12 && (b.high() - 0.14).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_bounds(hhi: Estimate, domestic_t: Estimate, suppliers: &[RangedSupplier]) -> Result<Estimate, Error> {
    check_ranged(hhi, domestic_t, suppliers)?;
    let hi: Vec<(f64, Estimate)> = suppliers.iter().map(|s| (s.instability.high(), s.imports_t)).collect();
    let lo: Vec<(f64, Estimate)> = suppliers.iter().map(|s| (s.instability.low(), s.imports_t)).collect();
    let high = hhi.high() * extreme_ratio(domestic_t.low(), &hi, true);
    let low = hhi.low() * extreme_ratio(domestic_t.high(), &lo, false);
    Estimate::range(low.max(0.0), high.max(low.max(0.0)))
}

/// The distribution of the score over Monte Carlo draws of the ranged inputs (inputs drawn in
/// the order HHI, domestic production, then imports and instability of each supplier), through
/// [`MonteCarlo::sample_with`]. Every draw lies within [`score_bounds`].
///
/// # Errors
///
/// As [`score_bounds`], and a draw with no supply at all
/// ([`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal)).
///
/// # Examples
///
/// ```
/// use critical_minerals::methods::geopolrisk::{RangedSupplier, score_bounds, score_distribution};
/// use critical_minerals::provenance::Estimate;
/// use critical_minerals::stats::uncertainty::MonteCarlo;
///
/// let s = [
///     RangedSupplier { imports_t: Estimate::range(800.0, 1_200.0)?, instability: Estimate::range(0.6, 0.7)? },
///     RangedSupplier { imports_t: Estimate::range(900.0, 1_100.0)?, instability: Estimate::point(0.2)? },
/// ];
/// let (hhi, p) = (Estimate::range(0.25, 0.35)?, Estimate::point(500.0)?);
/// let d = score_distribution(&MonteCarlo::new(1_000, 7)?, hhi, p, &s)?;
/// let b = score_bounds(hhi, p, &s)?;
/// assert!(b.low() <= d.min() && d.max() <= b.high());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_distribution(
    mc: &MonteCarlo,
    hhi: Estimate,
    domestic_t: Estimate,
    suppliers: &[RangedSupplier],
) -> Result<Distribution, Error> {
    check_ranged(hhi, domestic_t, suppliers)?;
    let mut inputs = vec![hhi, domestic_t];
    for s in suppliers {
        inputs.push(s.imports_t);
        inputs.push(s.instability);
    }
    mc.sample_with(&inputs, |x| {
        let (mut num, mut den) = (0.0, x[1]);
        for pair in x[2..].chunks_exact(2) {
            num += pair[1] * pair[0];
            den += pair[0];
        }
        if den <= 0.0 {
            return Err(Detail::ZeroTotal { what: "GeoPolRisk supply in a Monte Carlo draw".to_string() }.into());
        }
        Ok(x[0] * num / den)
    })
}

/// The instability `g` of a supplier whose WGI estimate is a range (e.g. the estimate ± its
/// standard error, or the estimates of several years): `g` falls as the estimate rises, so the
/// high end of the WGI gives the low end of `g`. Ends beyond ±2.5 are kept in [0, 1], as
/// [`instability`] keeps a point.
///
/// # Errors
///
/// None beyond [`instability`]'s (an [`Estimate`] is already finite and ordered); an inverted
/// or non-finite range is refused when the [`Estimate`] is built
/// ([`ErrorKind::Order`](crate::ErrorKind::Order), [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite)).
///
/// # Examples
///
/// ```
/// use critical_minerals::methods::geopolrisk::instability_bounds;
/// use critical_minerals::provenance::Estimate;
///
/// let g = instability_bounds(Estimate::range(-0.5, 0.5)?)?;
/// assert_eq!((g.low(), g.high()), (0.4, 0.6));
/// assert!(Estimate::range(0.5, -0.5).is_err()); // an inverted range never gets this far
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn instability_bounds(wgi: Estimate) -> Result<Estimate, Error> {
    Estimate::range(instability(wgi.high())?, instability(wgi.low())?)
}

impl RangedSupplier {
    /// A supplier whose imports (tonnes) and WGI political-stability estimate are ranges; the
    /// instability is [`instability_bounds`] of the estimate.
    ///
    /// # Errors
    ///
    /// As [`instability_bounds`].
    pub fn from_wgi(imports_t: Estimate, wgi: Estimate) -> Result<RangedSupplier, Error> {
        Ok(RangedSupplier { imports_t, instability: instability_bounds(wgi)? })
    }
}

/// Bounds of the characterization factor `score · price / COPPER_REFERENCE` (kg Cu-eq per kg)
/// when the score and the import price (USD per kg) are ranges: it rises with both, so its ends
/// are those of the ends.
///
/// # Errors
///
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a score outside [0, 1];
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a negative price, naming the end.
///
/// # Examples
///
/// ```
/// use critical_minerals::methods::geopolrisk::characterization_factor_bounds;
/// use critical_minerals::provenance::Estimate;
///
/// // geopolrisk-py's test case (score 0.12, price 50 USD/kg, CF 14.655 130 057) with the price at 45–55
/// let cf = characterization_factor_bounds(Estimate::point(0.12)?, Estimate::range(45.0, 55.0)?)?;
/// assert!(cf.contains(14.655_130_057));
/// assert!(characterization_factor_bounds(Estimate::point(0.12)?, Estimate::range(-1.0, 5.0)?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn characterization_factor_bounds(score: Estimate, price_usd_per_kg: Estimate) -> Result<Estimate, Error> {
    fraction(|| "GeoPolRisk score (low end)".to_string(), score.low())?;
    fraction(|| "GeoPolRisk score (high end)".to_string(), score.high())?;
    non_negative(|| "import price (low end, USD/kg)".to_string(), price_usd_per_kg.low())?;
    Estimate::range(
        characterization_factor(score.low(), price_usd_per_kg.low())?,
        characterization_factor(score.high(), price_usd_per_kg.high())?,
    )
}

/// A GeoPolRisk assessment on ranged inputs: the exact bounds of the score and, with a price,
/// of the characterization factor; with a [`MonteCarlo`], the distribution of the score over
/// the ranges too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RangedAssessment {
    /// Exact bounds of the score ([`score_bounds`]), a fraction.
    pub score: Estimate,
    /// Bounds of the characterization factor, kg Cu-eq per kg, when a price range was given.
    pub cf_kg_cu_eq_per_kg: Option<Estimate>,
    /// The score's Monte Carlo distribution ([`score_distribution`]), when a sampler was given.
    pub score_distribution: Option<Distribution>,
    /// Suppliers given the method's `g = 0.5` for want of any WGI value (filled by callers that
    /// read WGI values; empty when the instabilities were given).
    #[serde(default)]
    pub missing_wgi: Vec<Country>,
}

impl fmt::Display for RangedAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GeoPolRisk score {:.4}–{:.4}", self.score.low(), self.score.high())?;
        if let Some(cf) = self.cf_kg_cu_eq_per_kg {
            write!(f, ", CF {:.4}–{:.4} kg Cu-eq/kg", cf.low(), cf.high())?;
        }
        if let Some(d) = &self.score_distribution {
            write!(f, "; score {d}")?;
        }
        Ok(())
    }
}

/// The GeoPolRisk score and characterization factor where the inputs are ranges: the HHI (a
/// fraction), the domestic production (tonnes), each supplier's imports and instability
/// ([`RangedSupplier::from_wgi`] for a WGI range) and, optionally, the import price (USD per
/// kg). The bounds are exact; the optional Monte Carlo summary lies within them.
///
/// # Errors
///
/// As [`score_bounds`], [`characterization_factor_bounds`] and [`score_distribution`].
///
/// # Examples
///
/// ```
/// use critical_minerals::methods::geopolrisk::{RangedSupplier, assess_ranges};
/// use critical_minerals::provenance::Estimate;
/// use critical_minerals::stats::uncertainty::MonteCarlo;
///
/// // two suppliers, their WGI political stability known to ±0.2
/// let s = [
///     RangedSupplier::from_wgi(Estimate::range(900.0, 1_100.0)?, Estimate::range(-1.9, -1.5)?)?,
///     RangedSupplier::from_wgi(Estimate::point(1_000.0)?, Estimate::range(0.7, 1.1)?)?,
/// ];
/// let hhi = Estimate::range(0.45, 0.50)?;
/// let price = Some(Estimate::range(30.0, 40.0)?); // USD per kg
/// let mc = MonteCarlo::new(500, 1)?;
/// let r = assess_ranges(hhi, Estimate::point(0.0)?, &s, price, Some(&mc))?;
/// let d = r.score_distribution.as_ref().ok_or("no distribution")?;
/// assert!(r.score.low() <= d.min() && d.max() <= r.score.high());
/// assert!(r.cf_kg_cu_eq_per_kg.ok_or("no CF")?.high() > 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn assess_ranges(
    hhi: Estimate,
    domestic_t: Estimate,
    suppliers: &[RangedSupplier],
    price_usd_per_kg: Option<Estimate>,
    monte_carlo: Option<&MonteCarlo>,
) -> Result<RangedAssessment, Error> {
    let score = score_bounds(hhi, domestic_t, suppliers)?;
    let cf = price_usd_per_kg.map(|p| characterization_factor_bounds(score, p)).transpose()?;
    let dist = monte_carlo.map(|mc| score_distribution(mc, hhi, domestic_t, suppliers)).transpose()?;
    Ok(RangedAssessment { score, cf_kg_cu_eq_per_kg: cf, score_distribution: dist, missing_wgi: Vec::new() })
}
