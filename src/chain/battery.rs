//! Battery products: chemistry, capacity and energy, material content per kWh by chemistry, and
//! market segments by capacity band and application.
//!
//! # Formulas
//!
//! - energy of a product `E = Q · V`: capacity `Q` (mAh, as [`ElectricCharge`]) times nominal
//!   voltage `V` (3,000 mAh at 3.6 V is 10.8 Wh);
//! - content of element `e` per kWh, derived from the cathode ([`Composition::derived`]):
//!   `m_e = x_e / (c · U)` kg/kWh, where `c · U` is the cathode active material's specific
//!   energy (practical specific capacity `c` in Ah/kg times average voltage `U` in V, giving
//!   Wh/kg) and `x_e` the mass fraction of `e` in the idealised formula
//!   ([`CathodeChemistry::compound`], from IUPAC atomic weights);
//! - mass of `e` in a product: `E · m_e`.
//!
//! # The composition table, its sources and its confidence
//!
//! [`Composition::table`] holds NMC811, NMC622, LFP and NCA, each derived as above from a
//! specific capacity and an average voltage with the citation and [`Confidence`] of each:
//!
//! | chemistry | capacity (mAh/g) | voltage (V) | Li | Ni | Co | Mn (kg/kWh) |
//! |---|---|---|---|---|---|---|
//! | NMC811 | 200 \[S\] | 3.6 \[S\] | 0.099 | 0.670 | 0.084 | 0.078 |
//! | NMC622 | 175 \[U\] | 3.6 \[S\] | 0.114 | 0.577 | 0.193 | 0.180 |
//! | LFP | 160 \[S\] | 3.2 \[S\] | 0.086 | — | — | — |
//! | NCA | 200 \[U\] | 3.6 \[S\] | 0.100 | 0.679 | 0.128 | — |
//!
//! Sources: NMC811 200 mAh/g, Laine et al. (2023), *Dalton Transactions*,
//! doi:10.1039/D2DT02246J ("NCM811 can deliver a discharge capacity of 200 mA h g⁻¹");
//! LFP 160 mAh/g from a secondary web summary of lithium content in EV batteries
//! (changediscussion.com); average voltages 3.6 V (NCM, NCA) and 3.2 V (LFP) from a secondary
//! cathode comparison table (lyonscomputer.com.au). NMC622 175 mAh/g and NCA 200 mAh/g are
//! typical values **not confirmed** against a source. Figures from Argonne's BatPaC or the IEA
//! could not be read for this crate.
//!
//! These are the contents of the **cathode active material** only: the lower bound of what a
//! cell holds. Cells carry excess lithium (electrolyte salt, formation losses) and manufacturing
//! scrap; give measured figures with [`Composition::new`] where you have them.
//!
//! # Segments
//!
//! [`CapacityBands`] partition the capacity axis into half-open bands `[low, high)` starting at
//! 0 and ending in an open band; [`CapacityBands::market_report`] gives the seed market report's
//! four (0–3,000, 3,000–10,000, 10,000–60,000 and more than 60,000 mAh; 3,000 mAh falls in the
//! second). [`check_shares`] checks segment shares add to 100 %, and
//! [`CapacityBands::check_claim`] that a product filed under a band lies in it.
//!
//! # Worked example
//!
//! ```
//! use critical_minerals::chain::battery::{BatteryProduct, Composition, Application};
//! use critical_minerals::material::{CathodeChemistry, Element};
//!
//! let cell = BatteryProduct::new("18650 cell", CathodeChemistry::Nmc811, 3_000.0, 3.6, Application::ConsumerElectronics)?;
//! assert!((cell.energy_wh() - 10.8).abs() < 1e-12);
//! let nmc811 = Composition::builtin(CathodeChemistry::Nmc811).ok_or("no NMC811")?;
//! // 10.8 Wh × 0.099 kg Li/kWh ≈ 1.07 g of lithium in the cathode
//! let li_g = cell.content_kg(&nmc811, Element::Li)? * 1_000.0;
//! assert!((li_g - 1.07).abs() < 0.01);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::material::{CathodeChemistry, Element};
use crate::provenance::{Citation, Confidence, source};
use crate::units::{self, ElectricCharge, Energy};
use crate::validate::{non_negative, positive as finite_positive};

/// Where a battery is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Application {
    /// Phones, laptops, wearables.
    ConsumerElectronics,
    /// Power tools and garden equipment.
    PowerTools,
    /// E-bikes, scooters (light means of transport).
    LightVehicles,
    /// Electric cars, buses and trucks.
    ElectricVehicles,
    /// Stationary energy storage.
    EnergyStorage,
    /// Industrial and medical equipment.
    Industrial,
}

/// The material content of a chemistry per kWh of capacity, with the mass of cell per kWh it
/// is a part of, and the citation of each figure.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::battery::Composition;
/// use critical_minerals::material::{CathodeChemistry, Element};
/// use critical_minerals::ErrorKind;
///
/// // 4 kg of cell per kWh (250 Wh/kg) holding 0.1 kg Li and 0.7 kg Ni
/// let c = Composition::new(CathodeChemistry::Nmc811, 4.0, &[(Element::Li, 0.1), (Element::Ni, 0.7)])?;
/// assert_eq!(c.kg_per_kwh(Element::Ni), 0.7);
/// assert_eq!(c.kg_per_kwh(Element::Co), 0.0);
/// // contents heavier than the cell: above 100 %
/// let e = Composition::new(CathodeChemistry::Lfp, 0.5, &[(Element::Li, 0.1), (Element::Fe, 0.45)]).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::OutOfRange);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Composition {
    /// The chemistry.
    pub chemistry: CathodeChemistry,
    /// Mass of the unit the contents are part of (cell), kg per kWh.
    pub unit_kg_per_kwh: f64,
    /// Content per element, kg per kWh.
    pub contents_kg_per_kwh: Vec<(Element, f64)>,
    /// Where the figures come from.
    pub citations: Vec<Citation>,
}

fn citation(
    supports: &str,
    id: &str,
    publisher: &str,
    title: &str,
    table: &str,
    url: Option<&str>,
    c: Confidence,
) -> Citation {
    Citation::new(supports, source(id, publisher, title, table, url), c)
}

impl Composition {
    /// A composition from measured contents (kg per kWh) and the mass of the cell (or pack)
    /// they are part of, kg per kWh.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) for a unit mass `≤ 0`;
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) or
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a bad content;
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for an element given twice;
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) when the contents weigh more than
    /// the unit (a composition above 100 %).
    pub fn new(
        chemistry: CathodeChemistry,
        unit_kg_per_kwh: f64,
        contents: &[(Element, f64)],
    ) -> Result<Composition, Error> {
        let name = chemistry.name();
        let unit = finite_positive(|| format!("{name} cell mass (kg/kWh)"), unit_kg_per_kwh)?;
        let mut out: Vec<(Element, f64)> = Vec::with_capacity(contents.len());
        for &(e, kg) in contents {
            let kg = non_negative(|| format!("{name} {e} content (kg/kWh)"), kg)?;
            if out.iter().any(|(x, _)| *x == e) {
                return Err(
                    Detail::DuplicateKey { what: format!("{name} composition"), key: e.symbol().to_string() }.into()
                );
            }
            out.push((e, kg));
        }
        let total: f64 = out.iter().map(|(_, kg)| kg).sum();
        if total > unit * (1.0 + 1e-12) {
            return Err(Detail::OutOfRange {
                what: format!(
                    "{name} composition ({} per kg of cell)",
                    out.iter().map(|(e, _)| e.symbol()).collect::<Vec<_>>().join(" + ")
                ),
                value: total / unit,
                expected: "at most 1 (100 % of the cell mass)".to_string(),
            }
            .into());
        }
        Ok(Composition { chemistry, unit_kg_per_kwh: unit, contents_kg_per_kwh: out, citations: Vec::new() })
    }

    /// A composition from mass fractions of the cell and its specific energy (Wh per kg).
    ///
    /// # Errors
    ///
    /// As [`Composition::new`]; fractions adding to more than 1 are
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange).
    pub fn from_mass_fractions(
        chemistry: CathodeChemistry,
        wh_per_kg: f64,
        fractions: &[(Element, f64)],
    ) -> Result<Composition, Error> {
        let wh = finite_positive(|| format!("{} specific energy (Wh/kg)", chemistry.name()), wh_per_kg)?;
        let unit = 1_000.0 / wh;
        let contents: Vec<(Element, f64)> = fractions.iter().map(|&(e, f)| (e, f * unit)).collect();
        Composition::new(chemistry, unit, &contents)
    }

    /// The cathode-only contents of `elements` derived from the chemistry's idealised formula,
    /// a practical specific capacity (mAh per g of cathode active material) and an average
    /// voltage (V); the unit mass is that of the cathode active material.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) or
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a bad capacity or voltage.
    pub fn derived(
        chemistry: CathodeChemistry,
        mah_per_g: f64,
        average_voltage_v: f64,
        elements: &[Element],
    ) -> Result<Composition, Error> {
        let name = chemistry.name();
        let cap = finite_positive(|| format!("{name} specific capacity (mAh/g)"), mah_per_g)?;
        let v = finite_positive(|| format!("{name} average voltage (V)"), average_voltage_v)?;
        // mAh/g = Ah/kg; × V = Wh/kg of cathode; kg per kWh = 1000 / (Wh/kg)
        let cam_kg_per_kwh = 1_000.0 / (cap * v);
        let compound = chemistry.compound();
        let contents: Vec<(Element, f64)> =
            elements.iter().map(|&e| (e, cam_kg_per_kwh * compound.mass_fraction(e) + 0.0)).collect(); // + 0.0: no -0
        Composition::new(chemistry, cam_kg_per_kwh, &contents)
    }

    /// The built-in, cited composition of NMC811, NMC622, LFP or NCA (see the
    /// [module docs](self)); `None` for other chemistries.
    pub fn builtin(chemistry: CathodeChemistry) -> Option<Composition> {
        let laine = || {
            citation(
                "NMC811 specific capacity 200 mAh/g",
                "laine-2023",
                "Laine P. et al., Dalton Transactions",
                "Co-precipitation of Ni0.8Co0.1Mn0.1(OH)2 (NCM811) and Mg-doped NCM811 precursors",
                "introduction: NCM811 delivers 200 mAh/g",
                Some("https://doi.org/10.1039/D2DT02246J"),
                Confidence::Secondary,
            )
        };
        let voltage = |v: &str| {
            citation(
                &format!("average cell voltage {v}"),
                "lyons-cathode-table",
                "Lyons Computer",
                "Lithium battery chemistry: lithium-ion cathode chemistry comparison",
                "typical voltage by cathode material",
                Some(
                    "https://lyonscomputer.com.au/PV-Solar-Generator-Systems/Lithium-Battery-Chemistry/Lithium-Battery-Chemistry.html",
                ),
                Confidence::Secondary,
            )
        };
        let typical = |what: &str| {
            citation(
                what,
                "typical-value",
                "none",
                "typical literature value, not checked against a source",
                "—",
                None,
                Confidence::Unconfirmed,
            )
        };
        let derived = citation(
            "contents = mass fraction in the idealised formula (IUPAC atomic weights) / cathode specific energy",
            "derived",
            "critical-minerals",
            "derived from the cited capacity and voltage",
            "chain::battery module docs",
            None,
            Confidence::Derived,
        );
        let nmc = [Element::Li, Element::Ni, Element::Co, Element::Mn];
        let (cap, v, elements, mut cites): (f64, f64, &[Element], Vec<Citation>) = match chemistry {
            CathodeChemistry::Nmc811 => (200.0, 3.6, &nmc, vec![laine(), voltage("3.6 V (NCM)")]),
            CathodeChemistry::Nmc622 => {
                (175.0, 3.6, &nmc, vec![typical("NMC622 specific capacity 175 mAh/g"), voltage("3.6 V (NCM)")])
            }
            CathodeChemistry::Nca => (
                200.0,
                3.6,
                &[Element::Li, Element::Ni, Element::Co, Element::Mn],
                vec![typical("NCA specific capacity 200 mAh/g"), voltage("3.6 V (NCA)")],
            ),
            CathodeChemistry::Lfp => (
                160.0,
                3.2,
                &[Element::Li, Element::Ni, Element::Co, Element::Mn],
                vec![
                    citation(
                        "LFP specific capacity 160 mAh/g",
                        "changediscussion-li",
                        "Change Discussion",
                        "Lithium amount in EV battery",
                        "table: LiFePO4 = 160 mAh/g",
                        Some("https://changediscussion.com/lithium-amount-in-ev-battery/"),
                        Confidence::Secondary,
                    ),
                    voltage("3.2 V (LFP)"),
                ],
            ),
            _ => return None,
        };
        cites.push(derived);
        let mut c = Composition::derived(chemistry, cap, v, elements).ok()?;
        c.citations = cites;
        Some(c)
    }

    /// The built-in table: NMC811, NMC622, LFP and NCA.
    pub fn table() -> Vec<Composition> {
        [CathodeChemistry::Nmc811, CathodeChemistry::Nmc622, CathodeChemistry::Lfp, CathodeChemistry::Nca]
            .into_iter()
            .filter_map(Composition::builtin)
            .collect()
    }

    /// Content of `element`, kg per kWh (0 when the composition does not list it).
    pub fn kg_per_kwh(&self, element: Element) -> f64 {
        self.contents_kg_per_kwh.iter().find(|(e, _)| *e == element).map_or(0.0, |(_, kg)| *kg)
    }

    /// The contents as fractions of the unit mass, adding to at most 1.
    pub fn mass_fractions(&self) -> Vec<(Element, f64)> {
        self.contents_kg_per_kwh.iter().map(|&(e, kg)| (e, kg / self.unit_kg_per_kwh)).collect()
    }
}

/// A battery product: chemistry, rated capacity, nominal voltage and application.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::battery::{Application, BatteryProduct};
/// use critical_minerals::material::CathodeChemistry;
///
/// let pack = BatteryProduct::new("e-bike pack", CathodeChemistry::Nmc622, 14_000.0, 36.0, Application::LightVehicles)?;
/// assert!((pack.energy_wh() - 504.0).abs() < 1e-9);
/// assert!(BatteryProduct::new("bad", CathodeChemistry::Lfp, -1.0, 3.2, Application::EnergyStorage).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatteryProduct {
    /// Name.
    pub name: String,
    /// Cathode chemistry.
    pub chemistry: CathodeChemistry,
    /// Rated capacity, mAh.
    pub capacity_mah: f64,
    /// Nominal voltage, V.
    pub nominal_voltage_v: f64,
    /// Where it is used.
    pub application: Application,
}

impl BatteryProduct {
    /// A product from its capacity in mAh and nominal voltage in V.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for a blank name;
    /// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) or
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a bad capacity or voltage.
    pub fn new(
        name: &str,
        chemistry: CathodeChemistry,
        capacity_mah: f64,
        nominal_voltage_v: f64,
        application: Application,
    ) -> Result<BatteryProduct, Error> {
        if name.trim().is_empty() {
            return Err(Detail::Blank { what: "battery product name" }.into());
        }
        let capacity_mah = finite_positive(|| format!("capacity of {name:?} (mAh)"), capacity_mah)?;
        let nominal_voltage_v = finite_positive(|| format!("nominal voltage of {name:?} (V)"), nominal_voltage_v)?;
        Ok(BatteryProduct { name: name.trim().to_string(), chemistry, capacity_mah, nominal_voltage_v, application })
    }

    /// The rated capacity as a charge.
    pub fn capacity(&self) -> ElectricCharge {
        units::ampere_hours(self.capacity_mah / 1_000.0)
    }

    /// The energy `capacity × nominal voltage`.
    pub fn energy(&self) -> Energy {
        units::kilowatt_hours(self.energy_wh() / 1_000.0)
    }

    /// The energy in Wh.
    pub fn energy_wh(&self) -> f64 {
        self.capacity_mah / 1_000.0 * self.nominal_voltage_v
    }

    /// Mass of `element` in one product, kg, by `composition`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the composition is of another
    /// chemistry.
    pub fn content_kg(&self, composition: &Composition, element: Element) -> Result<f64, Error> {
        if composition.chemistry != self.chemistry {
            return Err(Detail::BasisMismatch {
                left: self.chemistry.name().to_string(),
                right: composition.chemistry.name().to_string(),
                operation: "apply a composition to a product of another chemistry",
            }
            .into());
        }
        Ok(self.energy_wh() / 1_000.0 * composition.kg_per_kwh(element))
    }
}

/// A capacity band `[low_mah, high_mah)`; `high_mah = None` is open above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CapacityBand {
    /// Lower bound, mAh (included).
    pub low_mah: f64,
    /// Upper bound, mAh (excluded); `None` for the open top band.
    pub high_mah: Option<f64>,
}

impl CapacityBand {
    /// Whether `capacity_mah` lies in the band.
    pub fn contains(&self, capacity_mah: f64) -> bool {
        capacity_mah >= self.low_mah && self.high_mah.is_none_or(|h| capacity_mah < h)
    }
}

impl fmt::Display for CapacityBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.high_mah {
            Some(h) => write!(f, "{}–{} mAh", self.low_mah, h),
            None => write!(f, "more than {} mAh", self.low_mah),
        }
    }
}

/// Capacity bands that partition the capacity axis: the first starts at 0, each starts where
/// the previous ends (no gap, no overlap), and only the last is open above.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::battery::{CapacityBand, CapacityBands};
/// use critical_minerals::ErrorKind;
///
/// let bands = CapacityBands::market_report();
/// assert_eq!(bands.band_of(3_000.0), Some(1)); // 3,000 mAh opens the second band
/// assert!(bands.check_claim(2, 65_000.0).is_err()); // filed under 10,000–60,000 mAh
/// let gap = [CapacityBand { low_mah: 0.0, high_mah: Some(3_000.0) }, CapacityBand { low_mah: 3_500.0, high_mah: None }];
/// assert_eq!(CapacityBands::new(&gap).unwrap_err().kind(), ErrorKind::Inconsistent);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityBands {
    bands: Vec<CapacityBand>,
}

impl CapacityBands {
    /// Checks that `bands` partition the axis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for no band;
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a NaN bound;
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) naming the first gap,
    /// overlap, empty band, a first band not starting at 0, or a closed (or early open) top.
    pub fn new(bands: &[CapacityBand]) -> Result<CapacityBands, Error> {
        let err = |reason: String| -> Error { Detail::CapacityBands { reason }.into() };
        let first = bands.first().ok_or_else(|| Error::from(Detail::Empty { what: "capacity bands".to_string() }))?;
        if first.low_mah != 0.0 {
            return Err(err(format!("the first band starts at {} mAh, not at 0", first.low_mah)));
        }
        for (i, b) in bands.iter().enumerate() {
            for v in [Some(b.low_mah), b.high_mah].into_iter().flatten() {
                if !v.is_finite() {
                    return Err(
                        Detail::NotFinite { what: format!("bound of capacity band {}", i + 1), value: v }.into()
                    );
                }
            }
            let last = i + 1 == bands.len();
            match (b.high_mah, last) {
                (None, false) => return Err(err(format!("band {} ({b}) is open above but is not the last", i + 1))),
                (Some(h), true) => {
                    return Err(err(format!("the last band ({b}) ends at {h} mAh: capacities above it have no band")));
                }
                (Some(h), false) if h <= b.low_mah => {
                    return Err(err(format!("band {} ({b}) is empty or reversed", i + 1)));
                }
                _ => {}
            }
            if let (Some(h), Some(next)) = (b.high_mah, bands.get(i + 1)) {
                if next.low_mah > h {
                    return Err(err(format!(
                        "gap between {h} and {} mAh (bands {} and {})",
                        next.low_mah,
                        i + 1,
                        i + 2
                    )));
                }
                if next.low_mah < h {
                    return Err(err(format!("bands {} and {} overlap from {} to {h} mAh", i + 1, i + 2, next.low_mah)));
                }
            }
        }
        Ok(CapacityBands { bands: bands.to_vec() })
    }

    /// The seed market report's bands: 0–3,000, 3,000–10,000, 10,000–60,000 and more than
    /// 60,000 mAh.
    pub fn market_report() -> CapacityBands {
        let b = |low: f64, high: Option<f64>| CapacityBand { low_mah: low, high_mah: high };
        CapacityBands {
            bands: vec![
                b(0.0, Some(3_000.0)),
                b(3_000.0, Some(10_000.0)),
                b(10_000.0, Some(60_000.0)),
                b(60_000.0, None),
            ],
        }
    }

    /// The bands, lowest first.
    pub fn bands(&self) -> &[CapacityBand] {
        &self.bands
    }

    /// The index of the band holding `capacity_mah`; `None` for a negative or NaN capacity.
    pub fn band_of(&self, capacity_mah: f64) -> Option<usize> {
        self.bands.iter().position(|b| b.contains(capacity_mah))
    }

    /// Checks that a capacity filed under band `index` lies in it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a band index that does not exist;
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) naming the capacity, the
    /// band it was filed under and the band it belongs to.
    pub fn check_claim(&self, index: usize, capacity_mah: f64) -> Result<(), Error> {
        let band = self.bands.get(index).ok_or_else(|| {
            Error::from(Detail::UnknownKey { what: "capacity bands".to_string(), key: index.to_string() })
        })?;
        if band.contains(capacity_mah) {
            return Ok(());
        }
        let actual =
            self.band_of(capacity_mah).and_then(|i| self.bands.get(i)).map_or("no band".to_string(), |b| b.to_string());
        Err(Detail::CapacityBands {
            reason: format!("a capacity of {capacity_mah} mAh is filed under {band} but belongs to {actual}"),
        }
        .into())
    }
}

/// How far from 100 % segment shares may add up: half a percentage point (shares published to
/// whole or half percent).
pub const SEGMENT_SHARE_TOLERANCE: f64 = 0.005;

/// Checks that segment shares (fractions) add to 1 within [`SEGMENT_SHARE_TOLERANCE`].
///
/// # Errors
///
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a share outside [0, 1];
/// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) naming the sum.
///
/// # Examples
///
/// ```
/// use critical_minerals::chain::battery::check_shares;
///
/// assert!(check_shares("capacity segments", &[("0–3,000 mAh", 0.2), ("3,000–10,000 mAh", 0.35), ("10,000–60,000 mAh", 0.3), (">60,000 mAh", 0.15)]).is_ok());
/// assert!(check_shares("regions", &[("Asia", 0.6), ("Europe", 0.4), ("Americas", 0.25)]).is_err());
/// ```
pub fn check_shares(what: &str, shares: &[(&str, f64)]) -> Result<(), Error> {
    for (name, s) in shares {
        if !(s.is_finite() && (0.0..=1.0).contains(s)) {
            return Err(Detail::OutOfRange {
                what: format!("{what}: share of {name}"),
                value: *s,
                expected: "0 to 1".to_string(),
            }
            .into());
        }
    }
    let sum: f64 = shares.iter().map(|(_, s)| s).sum();
    if (sum - 1.0).abs() > SEGMENT_SHARE_TOLERANCE {
        return Err(
            Detail::SharesDoNotSumToOne { what: what.to_string(), sum, tolerance: SEGMENT_SHARE_TOLERANCE }.into()
        );
    }
    Ok(())
}
