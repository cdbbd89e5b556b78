//! Apparent consumption and net import reliance (NIR), as the USGS defines them, and the shares
//! of import partners.
//!
//! # Formula
//!
//! ```text
//! apparent consumption  AC  = production + imports − exports ± stock adjustment
//! net imports           N   = imports − exports ± stock adjustment
//! net import reliance   NIR = N / AC × 100          (percent of apparent consumption)
//! ```
//!
//! The stock adjustment is signed: **positive when stocks were drawn down** (material left stocks
//! and was consumed), negative when stocks were built up. [`stock_drawdown`] forms it from two
//! year-end stock levels.
//!
//! # Scale
//!
//! NIR is a percentage in `[0, 100]` for a net importer. A net exporter (N < 0) is reported as
//! [`NetImportReliance::NetExporter`] with its net exports, never as a negative reliance. With
//! zero production and positive net imports, NIR is exactly 100 % ([`NetImportReliance::Total`]).
//! When production is withheld ("W") and net imports are positive, NIR is only known to lie in
//! `(0, 100]` and is reported as [`NetImportReliance::Bounded`]; nothing is guessed.
//!
//! # Source
//!
//! U.S. Geological Survey, *Mineral Commodity Summaries 2025* (January 2025), chapter footnotes:
//! apparent consumption is "production + imports – exports ± adjustments for industry stock
//! changes"; net import reliance is "imports – exports ± adjustments for industry stock changes",
//! expressed as a percentage of apparent consumption. Chapters vary the wording: graphite uses
//! imports – exports only; cobalt counts *secondary* production in apparent consumption (its mine
//! output is exported as concentrate); nickel's NIR includes scrap. The `production` passed here
//! is whatever production the chapter's apparent-consumption definition counts.
//!
//! Reproduced in `tests/conformance_usgs_reliance.rs` (MCS 2025 salient statistics): natural
//! graphite 2020–2024 (100 %), cobalt 2020–2024 (within ±1 percentage point, with the stock
//! adjustment from the published year-end industry stocks), lithium 2020–2024 (production `W`:
//! the bound `(0, 100]`, not contradicting the published `>50`/`>25`). Nickel is not
//! reproducible: refinery byproduct production is withheld and the NIR footnote counts scrap; the
//! net of all listed imports and exports for 2024e (70,010 t) is 39 % of the published total
//! apparent consumption (180,000 t) against a published NIR of 48 %, so nickel is only checked
//! for consistency with the withheld bound.
//!
//! USGS symbols are read by [`Figure::parse_usgs`]: `W` (withheld to avoid disclosing company
//! proprietary data), `—` (zero), `NA` (not available). Published NIR cells, which may be bands
//! such as `>50`, are read by [`PublishedNir`] and compared with a computed value by
//! [`PublishedNir::agreement`].
//!
//! # Units
//!
//! Figures are metric tonnes on the one [`Basis`] the statistics carry (USGS: contained lithium,
//! cobalt or nickel; gross tonnes for graphite). [`SalientStatistics::from_amounts`] takes
//! [`Amount`]s and rejects mixed bases; results carry [`Amount`]s on the same basis.
//!
//! # Worked example (USGS MCS 2025, natural graphite, U.S. salient statistics, 2024e)
//!
//! Production `—` (zero), imports 60,000 t, exports 8,400 t. Net imports 51,600 t; apparent
//! consumption 51,600 t (published, rounded: 52,000 t); NIR 100 % (published: 100).
//!
//! ```
//! use critical_minerals::methods::reliance::{Figure, NetImportReliance, SalientStatistics};
//! use critical_minerals::material::{Basis, Element};
//!
//! let graphite = SalientStatistics::new(
//!     Basis::contained(Element::C),
//!     Figure::parse_usgs("—")?,      // production, mine
//!     Figure::parse_usgs("60,000")?, // imports for consumption
//!     Figure::parse_usgs("8,400")?,  // exports
//! )?;
//! let nir = graphite.net_import_reliance()?;
//! assert_eq!(nir.percent(), Some(100.0));
//! assert!(matches!(nir, NetImportReliance::Total { net_imports } if net_imports.in_tonnes() == 51_600.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;
use crate::geo::Country;
use crate::material::{Amount, Basis};
use crate::stats::share::{Denominator, Shares};
use crate::validate::{finite, non_negative};

/// One cell of a USGS salient-statistics table: a reported number of tonnes, or a symbol that
/// says why there is no number.
///
/// Serialized as `{"reported": 3300.0}` (tonnes on the statistics' basis), `"withheld"` or
/// `"not-available"`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Figure {
    /// A reported (or USGS-estimated) value in tonnes; `—` (zero) is `Reported(0.0)`.
    Reported(f64),
    /// `W`: withheld to avoid disclosing company proprietary data. A quantity exists but is not
    /// disclosed; it is treated as unknown and non-negative, never as zero.
    Withheld,
    /// `NA`: not available.
    NotAvailable,
}

impl Figure {
    /// Reads a USGS table cell: a number with optional thousands separators (`3,300`), `W`,
    /// `—`/`–`/`-` (zero) or `NA`. A trailing estimate marker `e` (`8,000e`) is accepted.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the text.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::methods::reliance::Figure;
    ///
    /// // USGS MCS 2025, lithium, U.S. salient statistics, 2024e: production W, imports 3,300
    /// assert_eq!(Figure::parse_usgs("W")?, Figure::Withheld);
    /// assert_eq!(Figure::parse_usgs("3,300")?, Figure::Reported(3_300.0));
    /// assert_eq!(Figure::parse_usgs("—")?, Figure::Reported(0.0));
    /// assert!(Figure::parse_usgs("lots").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_usgs(cell: &str) -> Result<Figure, Error> {
        let t = cell.trim();
        let bad = || Detail::UnreadableFigure {
            what: "USGS table cell".into(),
            input: cell.chars().take(40).collect(),
            expected: "a number such as 3,300, W, NA or — (zero)".into(),
        };
        match t {
            "W" => return Ok(Figure::Withheld),
            "NA" => return Ok(Figure::NotAvailable),
            "—" | "–" | "-" => return Ok(Figure::Reported(0.0)),
            _ => {}
        }
        let digits = t.strip_suffix('e').unwrap_or(t).trim();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
            return Err(bad().into());
        }
        let v: f64 = digits.replace(',', "").parse().map_err(|_| bad())?;
        // 400 digits parse to infinity: a figure no table holds
        if !v.is_finite() {
            return Err(bad().into());
        }
        Ok(Figure::Reported(v))
    }

    /// The reported value, if any.
    pub fn value(self) -> Option<f64> {
        match self {
            Figure::Reported(v) => Some(v),
            Figure::Withheld | Figure::NotAvailable => None,
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Reported(v) => write!(f, "{v} t"),
            Figure::Withheld => f.write_str("W (withheld)"),
            Figure::NotAvailable => f.write_str("NA (not available)"),
        }
    }
}

/// Which line of the salient statistics a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Statistic {
    /// Production (as counted in apparent consumption).
    Production,
    /// Imports for consumption.
    Imports,
    /// Exports.
    Exports,
    /// Stock adjustment (positive = drawdown).
    StockAdjustment,
}

impl fmt::Display for Statistic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Statistic::Production => "production",
            Statistic::Imports => "imports",
            Statistic::Exports => "exports",
            Statistic::StockAdjustment => "stock adjustment",
        })
    }
}

/// Why a value cannot be computed exactly: the first component without a reported number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    /// The component.
    pub component: Statistic,
    /// Its state (`Withheld` or `NotAvailable`).
    pub state: Figure,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is {}", self.component, self.state)
    }
}

/// The year-end stocks change turned into the signed stock adjustment of apparent consumption:
/// `previous − current` (positive when stocks were drawn down).
///
/// # Errors
///
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the stock level.
///
/// # Example
///
/// ```
/// use critical_minerals::methods::reliance::stock_drawdown;
///
/// // USGS MCS 2025, cobalt: industry stocks, year-end, 925 t (2023) and 900 t (2024e)
/// assert_eq!(stock_drawdown(925.0, 900.0)?, 25.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stock_drawdown(previous_yearend: f64, current_yearend: f64) -> Result<f64, Error> {
    let p = non_negative("previous year-end stocks", previous_yearend)?;
    let c = non_negative("current year-end stocks", current_yearend)?;
    Ok(p - c)
}

fn check_figure(component: Statistic, f: Figure, signed: bool) -> Result<Figure, Error> {
    if let Figure::Reported(v) = f {
        let what = component.to_string();
        if signed {
            finite(&what, v)?;
        } else {
            non_negative(&what, v)?;
        }
    }
    Ok(f)
}

/// The U.S. salient statistics of one commodity and year that NIR needs, on one basis.
///
/// Production, imports and exports are non-negative; the stock adjustment is signed (positive =
/// drawdown) and defaults to a reported zero (graphite's NIR is defined as imports – exports).
///
/// Serialized with its basis and the four figures; reading it back checks them as
/// [`SalientStatistics::new`] does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SalientWire")]
pub struct SalientStatistics {
    basis: Basis,
    production: Figure,
    imports: Figure,
    exports: Figure,
    stock_adjustment: Figure,
}

#[derive(Deserialize)]
struct SalientWire {
    basis: Basis,
    production: Figure,
    imports: Figure,
    exports: Figure,
    stock_adjustment: Figure,
}

impl TryFrom<SalientWire> for SalientStatistics {
    type Error = Error;
    fn try_from(w: SalientWire) -> Result<SalientStatistics, Error> {
        SalientStatistics::new(w.basis, w.production, w.imports, w.exports)?.with_stock_adjustment(w.stock_adjustment)
    }
}

/// Apparent consumption: known, or not computable because a component is not reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApparentConsumption {
    /// The value.
    Known(Amount),
    /// A component has no reported number.
    Unknown(Missing),
}

/// The net import reliance of one commodity and year.
///
/// Serialized tagged by `kind` (`percent`, `total`, `net-exporter`, `bounded`,
/// `not-computable`), quantities as amounts with unit and basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NetImportReliance {
    /// An exact percentage in `[0, 100)` (100 % is [`NetImportReliance::Total`]).
    Percent {
        /// NIR, percent of apparent consumption.
        percent: f64,
        /// Net imports (imports − exports ± stock adjustment).
        net_imports: Amount,
        /// Apparent consumption.
        apparent_consumption: Amount,
    },
    /// 100 %: production is zero and net imports are positive.
    Total {
        /// Net imports, equal to apparent consumption.
        net_imports: Amount,
    },
    /// Exports exceed imports (after the stock adjustment): a net exporter, not a negative
    /// reliance. USGS marks these `E`.
    NetExporter {
        /// Net exports (exports − imports ∓ stock adjustment), positive.
        net_exports: Amount,
    },
    /// Production is not reported but net imports are positive: NIR lies in the half-open range
    /// `(low, high]`, i.e. `(0, 100]` — above zero because net imports are positive, at most 100
    /// because production cannot be negative.
    Bounded {
        /// Exclusive lower bound, percent.
        low: f64,
        /// Inclusive upper bound, percent.
        high: f64,
        /// Net imports.
        net_imports: Amount,
        /// Why NIR is not exact.
        missing: Missing,
    },
    /// Not computable: imports, exports or the stock adjustment is not reported, or net imports
    /// are zero and production is not reported (NIR is then 0 % if production is positive and
    /// undefined if it is zero).
    NotComputable {
        /// Why.
        missing: Missing,
    },
}

impl NetImportReliance {
    /// The exact percentage, when there is one (`Percent`, and 100 for `Total`).
    pub fn percent(&self) -> Option<f64> {
        match self {
            NetImportReliance::Percent { percent, .. } => Some(*percent),
            NetImportReliance::Total { .. } => Some(100.0),
            _ => None,
        }
    }

    /// Whether the commodity is a net exporter.
    pub fn is_net_exporter(&self) -> bool {
        matches!(self, NetImportReliance::NetExporter { .. })
    }
}

impl fmt::Display for NetImportReliance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetImportReliance::Percent { percent, .. } => write!(f, "{percent:.1} %"),
            NetImportReliance::Total { .. } => f.write_str("100 %"),
            NetImportReliance::NetExporter { net_exports } => write!(f, "net exporter ({net_exports} net exports)"),
            NetImportReliance::Bounded { low, high, missing, .. } => {
                write!(f, "in ({low}, {high}] % ({missing})")
            }
            NetImportReliance::NotComputable { missing } => write!(f, "not computable ({missing})"),
        }
    }
}

impl SalientStatistics {
    /// Statistics from figures in tonnes on `basis`, with no stock adjustment.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the component.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::methods::reliance::{Figure, NetImportReliance, SalientStatistics};
    /// use critical_minerals::material::{Basis, Element};
    ///
    /// // USGS MCS 2025, lithium, U.S. salient statistics, 2024e (t Li content)
    /// let li = SalientStatistics::new(
    ///     Basis::contained(Element::Li),
    ///     Figure::Withheld,           // production W
    ///     Figure::Reported(3_300.0),  // imports
    ///     Figure::Reported(1_700.0),  // exports
    /// )?;
    /// // withheld production: NIR is only known to lie in (0, 100]
    /// assert!(matches!(li.net_import_reliance()?, NetImportReliance::Bounded { low: 0.0, high: 100.0, .. }));
    /// assert!(SalientStatistics::new(Basis::lce(), Figure::Reported(f64::NAN), Figure::Withheld, Figure::Withheld).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(basis: Basis, production: Figure, imports: Figure, exports: Figure) -> Result<Self, Error> {
        Ok(SalientStatistics {
            basis,
            production: check_figure(Statistic::Production, production, false)?,
            imports: check_figure(Statistic::Imports, imports, false)?,
            exports: check_figure(Statistic::Exports, exports, false)?,
            stock_adjustment: Figure::Reported(0.0),
        })
    }

    /// Statistics from amounts that must share one basis (all figures reported).
    ///
    /// # Errors
    ///
    /// [`Error`] with a basis mismatch naming both bases.
    pub fn from_amounts(production: &Amount, imports: &Amount, exports: &Amount) -> Result<Self, Error> {
        let basis = production.basis();
        for a in [imports, exports] {
            if a.basis() != basis {
                return Err(Detail::BasisMismatch {
                    left: basis.to_string(),
                    right: a.basis().to_string(),
                    operation: "net import reliance",
                }
                .into());
            }
        }
        SalientStatistics::new(
            basis.clone(),
            Figure::Reported(production.in_tonnes()),
            Figure::Reported(imports.in_tonnes()),
            Figure::Reported(exports.in_tonnes()),
        )
    }

    /// The same statistics with a stock adjustment in tonnes (positive = stocks drawn down).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a NaN or infinite adjustment.
    pub fn with_stock_adjustment(mut self, adjustment: Figure) -> Result<Self, Error> {
        self.stock_adjustment = check_figure(Statistic::StockAdjustment, adjustment, true)?;
        Ok(self)
    }

    /// The basis of all figures.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// Production.
    pub fn production(&self) -> Figure {
        self.production
    }

    /// Imports.
    pub fn imports(&self) -> Figure {
        self.imports
    }

    /// Exports.
    pub fn exports(&self) -> Figure {
        self.exports
    }

    /// Stock adjustment (positive = drawdown).
    pub fn stock_adjustment(&self) -> Figure {
        self.stock_adjustment
    }

    fn get(&self, component: Statistic) -> Result<f64, Missing> {
        let state = match component {
            Statistic::Production => self.production,
            Statistic::Imports => self.imports,
            Statistic::Exports => self.exports,
            Statistic::StockAdjustment => self.stock_adjustment,
        };
        state.value().ok_or(Missing { component, state })
    }

    /// Net imports in tonnes, `imports − exports + stock adjustment` (negative for a net
    /// exporter), or what is missing.
    ///
    /// # Errors
    ///
    /// The first of imports, exports, stock adjustment that has no reported number.
    pub fn net_imports(&self) -> Result<f64, Missing> {
        Ok(self.get(Statistic::Imports)? - self.get(Statistic::Exports)? + self.get(Statistic::StockAdjustment)?)
    }

    fn amount(&self, t: f64) -> Result<Amount, Error> {
        Amount::tonnes(t, self.basis.clone())
    }

    fn non_positive_ac(&self, p: f64, ac: f64) -> Error {
        Detail::NonPositiveApparentConsumption {
            what: format!("net import reliance ({} basis)", self.basis),
            production: p,
            imports: self.imports.value().unwrap_or(f64::NAN),
            exports: self.exports.value().unwrap_or(f64::NAN),
            stock_adjustment: self.stock_adjustment.value().unwrap_or(f64::NAN),
            apparent_consumption: ac,
        }
        .into()
    }

    /// Apparent consumption, `production + imports − exports + stock adjustment`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when it is negative (exports exceed
    /// everything available), naming every component.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::methods::reliance::{ApparentConsumption, Figure, SalientStatistics};
    /// use critical_minerals::material::{Basis, Element};
    ///
    /// // USGS MCS 2025, cobalt, 2024e: secondary production 2,000, imports 11,000, exports 4,500;
    /// // published apparent consumption 8,500 t
    /// let co = SalientStatistics::new(
    ///     Basis::contained(Element::Co),
    ///     Figure::Reported(2_000.0),
    ///     Figure::Reported(11_000.0),
    ///     Figure::Reported(4_500.0),
    /// )?;
    /// let ac = co.apparent_consumption()?;
    /// assert!(matches!(ac, ApparentConsumption::Known(a) if a.in_tonnes() == 8_500.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apparent_consumption(&self) -> Result<ApparentConsumption, Error> {
        let n = match self.net_imports() {
            Ok(n) => n,
            Err(m) => return Ok(ApparentConsumption::Unknown(m)),
        };
        let p = match self.get(Statistic::Production) {
            Ok(p) => p,
            Err(m) => return Ok(ApparentConsumption::Unknown(m)),
        };
        let ac = p + n;
        if ac < 0.0 {
            return Err(self.non_positive_ac(p, ac));
        }
        Ok(ApparentConsumption::Known(self.amount(ac)?))
    }

    /// Net import reliance (see the [module docs](self) for the cases).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when apparent consumption is negative,
    /// or zero with no net exports (production and net imports both zero).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::methods::reliance::{Figure, SalientStatistics};
    /// use critical_minerals::material::{Basis, Element};
    ///
    /// // USGS MCS 2025, cobalt, 2024e: published NIR 76 %
    /// let co = SalientStatistics::new(
    ///     Basis::contained(Element::Co),
    ///     Figure::Reported(2_000.0),
    ///     Figure::Reported(11_000.0),
    ///     Figure::Reported(4_500.0),
    /// )?;
    /// let nir = co.net_import_reliance()?.percent().unwrap_or(f64::NAN);
    /// assert_eq!(nir.round(), 76.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn net_import_reliance(&self) -> Result<NetImportReliance, Error> {
        let n = match self.net_imports() {
            Ok(n) => n,
            Err(missing) => return Ok(NetImportReliance::NotComputable { missing }),
        };
        let production = self.get(Statistic::Production);
        if n < 0.0 {
            if let Ok(p) = production
                && p + n < 0.0
            {
                return Err(self.non_positive_ac(p, p + n));
            }
            return Ok(NetImportReliance::NetExporter { net_exports: self.amount(-n)? });
        }
        let p = match production {
            Ok(p) => p,
            Err(missing) if n > 0.0 => {
                return Ok(NetImportReliance::Bounded { low: 0.0, high: 100.0, net_imports: self.amount(n)?, missing });
            }
            Err(missing) => return Ok(NetImportReliance::NotComputable { missing }),
        };
        let ac = p + n;
        if ac <= 0.0 {
            return Err(self.non_positive_ac(p, ac));
        }
        if p == 0.0 {
            return Ok(NetImportReliance::Total { net_imports: self.amount(n)? });
        }
        Ok(NetImportReliance::Percent {
            percent: n / ac * 100.0,
            net_imports: self.amount(n)?,
            apparent_consumption: self.amount(ac)?,
        })
    }
}

/// A published NIR cell: a whole percentage (`76`), a band (`>50`, `<25`) or `E` (net exporter).
///
/// USGS rounds NIR to whole percent and publishes bands where an exact figure would disclose
/// withheld data.
///
/// Serialized as printed (`"76"`, `">50"`, `"E"`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum PublishedNir {
    /// A percentage as printed.
    Percent(f64),
    /// `>x`: more than `x` percent.
    MoreThan(f64),
    /// `<x`: less than `x` percent.
    LessThan(f64),
    /// `E`: net exporter.
    NetExporter,
}

/// How a computed NIR compares with a published one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    /// Every value the computation allows lies within the published value (± tolerance).
    Confirmed,
    /// The computation allows values inside and outside the published value: no contradiction,
    /// no confirmation (e.g. withheld production, `(0, 100]`, against `>50`).
    NotContradicted,
    /// No value the computation allows matches the published one.
    Contradicted,
    /// Nothing was computed.
    Undetermined,
}

impl FromStr for PublishedNir {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let bad = || Detail::UnreadableFigure {
            what: "published net import reliance".into(),
            input: s.to_string(),
            expected: "a percentage in 0..=100, >x, <x or E".into(),
        };
        let pct = |x: &str| -> Result<f64, Error> {
            let x = x.trim().trim_end_matches('%').trim();
            let v: f64 = x.parse().map_err(|_| bad())?;
            if !(0.0..=100.0).contains(&v) {
                return Err(bad().into());
            }
            Ok(v)
        };
        if t == "E" {
            Ok(PublishedNir::NetExporter)
        } else if let Some(x) = t.strip_prefix('>') {
            Ok(PublishedNir::MoreThan(pct(x)?))
        } else if let Some(x) = t.strip_prefix('<') {
            Ok(PublishedNir::LessThan(pct(x)?))
        } else {
            Ok(PublishedNir::Percent(pct(t)?))
        }
    }
}

impl fmt::Display for PublishedNir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            // as printed, every digit kept: the text is also the saved form
            PublishedNir::Percent(p) => crate::fmt::exact(*p),
            PublishedNir::MoreThan(x) => format!(">{}", crate::fmt::exact(*x)),
            PublishedNir::LessThan(x) => format!("<{}", crate::fmt::exact(*x)),
            PublishedNir::NetExporter => "E".to_string(),
        };
        f.pad(&text)
    }
}

impl From<PublishedNir> for String {
    fn from(p: PublishedNir) -> String {
        p.to_string()
    }
}

impl TryFrom<String> for PublishedNir {
    type Error = Error;
    fn try_from(s: String) -> Result<PublishedNir, Error> {
        s.parse()
    }
}

/// A range of percentages with open or closed ends.
#[derive(Debug, Clone, Copy)]
struct Interval {
    lo: f64,
    lo_open: bool,
    hi: f64,
    hi_open: bool,
}

impl Interval {
    fn contains(&self, o: &Interval) -> bool {
        let lower = o.lo > self.lo || (o.lo == self.lo && (!self.lo_open || o.lo_open));
        let upper = o.hi < self.hi || (o.hi == self.hi && (!self.hi_open || o.hi_open));
        lower && upper
    }

    fn overlaps(&self, o: &Interval) -> bool {
        let (lo, lo_open) = if self.lo > o.lo {
            (self.lo, self.lo_open)
        } else if o.lo > self.lo {
            (o.lo, o.lo_open)
        } else {
            (self.lo, self.lo_open || o.lo_open)
        };
        let (hi, hi_open) = if self.hi < o.hi {
            (self.hi, self.hi_open)
        } else if o.hi < self.hi {
            (o.hi, o.hi_open)
        } else {
            (self.hi, self.hi_open || o.hi_open)
        };
        lo < hi || (lo == hi && !lo_open && !hi_open)
    }
}

impl PublishedNir {
    /// Compares a computed NIR with this published value. A published percentage is widened by
    /// `tolerance_pp` percentage points each side (USGS prints whole percent computed from
    /// unrounded data: use at least 0.5).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a bad tolerance.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::methods::reliance::{Agreement, Figure, PublishedNir, SalientStatistics};
    /// use critical_minerals::material::{Basis, Element};
    ///
    /// // USGS MCS 2025, lithium, 2024e: production W, imports 3,300, exports 1,700; NIR ">50"
    /// let li = SalientStatistics::new(
    ///     Basis::contained(Element::Li),
    ///     Figure::Withheld,
    ///     Figure::Reported(3_300.0),
    ///     Figure::Reported(1_700.0),
    /// )?;
    /// let published: PublishedNir = ">50".parse()?;
    /// assert_eq!(published.agreement(&li.net_import_reliance()?, 0.5)?, Agreement::NotContradicted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn agreement(&self, computed: &NetImportReliance, tolerance_pp: f64) -> Result<Agreement, Error> {
        let tol = non_negative("NIR comparison tolerance (percentage points)", tolerance_pp)?;
        let computed_range = match computed {
            NetImportReliance::NotComputable { .. } => return Ok(Agreement::Undetermined),
            NetImportReliance::NetExporter { .. } => {
                return Ok(if *self == PublishedNir::NetExporter {
                    Agreement::Confirmed
                } else {
                    Agreement::Contradicted
                });
            }
            NetImportReliance::Percent { percent, .. } => {
                Interval { lo: *percent, lo_open: false, hi: *percent, hi_open: false }
            }
            NetImportReliance::Total { .. } => Interval { lo: 100.0, lo_open: false, hi: 100.0, hi_open: false },
            NetImportReliance::Bounded { low, high, .. } => {
                Interval { lo: *low, lo_open: true, hi: *high, hi_open: false }
            }
        };
        let published = match *self {
            PublishedNir::NetExporter => return Ok(Agreement::Contradicted),
            PublishedNir::Percent(p) => Interval { lo: p - tol, lo_open: false, hi: p + tol, hi_open: false },
            PublishedNir::MoreThan(x) => Interval { lo: x, lo_open: true, hi: 100.0, hi_open: false },
            PublishedNir::LessThan(x) => Interval { lo: 0.0, lo_open: false, hi: x, hi_open: true },
        };
        Ok(if published.contains(&computed_range) {
            Agreement::Confirmed
        } else if published.overlaps(&computed_range) {
            Agreement::NotContradicted
        } else {
            Agreement::Contradicted
        })
    }
}

/// Shares of imports by partner country, largest first, with an optional unattributed rest:
/// a [`Shares`] table of the total imports, whose [unallocated](Shares::unallocated) remainder
/// is the quantity attributed to no partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PartnerWire")]
pub struct PartnerShares {
    total: Amount,
    shares: Option<Shares<Country>>,
}

#[derive(Deserialize)]
struct PartnerWire {
    total: Amount,
    shares: Option<Shares<Country>>,
}

impl TryFrom<PartnerWire> for PartnerShares {
    type Error = Error;
    fn try_from(w: PartnerWire) -> Result<PartnerShares, Error> {
        if let Some(s) = &w.shares
            && (s.total() - w.total.in_tonnes()).abs() > 1e-9 * s.total().max(1.0)
        {
            return Err(Detail::Contradiction {
                what: format!("partner shares: total imports {} but the shares are of {} t", w.total, s.total()),
            }
            .into());
        }
        Ok(PartnerShares { total: w.total, shares: w.shares })
    }
}

impl PartnerShares {
    /// Total imports, named partners plus the unattributed rest.
    pub fn total(&self) -> &Amount {
        &self.total
    }

    /// The named partners' shares of total imports (fractions, 0–1), largest first, ties in the
    /// order of [`Country`]; `None` when only an unattributed quantity was given.
    pub fn shares(&self) -> Option<&Shares<Country>> {
        self.shares.as_ref()
    }

    /// The largest named partner and its share (fraction); `None` when only an unattributed
    /// quantity was given.
    pub fn top(&self) -> Option<(Country, f64)> {
        self.shares.as_ref().and_then(|s| s.entries().first()).map(|e| (*e.key(), e.share()))
    }

    /// The share of the unattributed rest ("other"), fraction.
    pub fn other_share(&self) -> f64 {
        match &self.shares {
            Some(s) => s.unallocated().map_or(0.0, |u| u.share()),
            None => 1.0,
        }
    }
}

/// Shares of imports by partner, from (partner, quantity) pairs and an optional quantity not
/// attributed to any partner (USGS "other"), which counts in the total but is never a partner.
///
/// Formula: `share_c = q_c / (Σ q + q_other)`; fractions in `[0, 1]` that add to 1 with the
/// other share.
///
/// # Errors
///
/// [`ErrorKind::Empty`](crate::ErrorKind::Empty) with no input; [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a country listed
/// twice; [`Error`] for mixed bases; [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when all
/// quantities are zero.
///
/// # Example
///
/// ```
/// use critical_minerals::methods::reliance::import_partner_shares;
/// use critical_minerals::geo::Country;
/// use critical_minerals::material::{Amount, Basis, Element};
///
/// // USGS MCS 2025, cobalt, import sources 2020–23 (metal, oxide, salts), published as percent:
/// // Norway 27, Finland 17, Japan 14, Canada 13, other 29. Used here as weights.
/// let co = Basis::contained(Element::Co);
/// let rows = [
///     (Country::from_alpha3("NOR")?, Amount::tonnes(27.0, co.clone())?),
///     (Country::from_alpha3("FIN")?, Amount::tonnes(17.0, co.clone())?),
///     (Country::from_alpha3("JPN")?, Amount::tonnes(14.0, co.clone())?),
///     (Country::from_alpha3("CAN")?, Amount::tonnes(13.0, co.clone())?),
/// ];
/// let other = Amount::tonnes(29.0, co)?;
/// let shares = import_partner_shares(&rows, Some(&other))?;
/// let (top, share) = shares.top().unwrap_or((Country::from_alpha3("USA")?, 0.0));
/// assert_eq!(top.alpha3(), "NOR");
/// assert!((share - 0.27).abs() < 1e-12);
/// assert!((shares.other_share() - 0.29).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn import_partner_shares<'a>(
    imports: impl IntoIterator<Item = &'a (Country, Amount)>,
    other: Option<&Amount>,
) -> Result<PartnerShares, Error> {
    let rows: Vec<(Country, &Amount)> = imports.into_iter().map(|(c, a)| (*c, a)).collect();
    let basis = match (rows.first(), other) {
        (Some((_, a)), _) => a.basis().clone(),
        (None, Some(o)) => o.basis().clone(),
        (None, None) => return Err(Detail::Empty { what: "import partners".into() }.into()),
    };
    let total = Amount::try_sum(&basis, rows.iter().map(|(_, a)| *a).chain(other))?;
    if total.in_tonnes() <= 0.0 {
        return Err(Detail::ZeroTotal { what: "imports from all partners".into() }.into());
    }
    if rows.is_empty() {
        return Ok(PartnerShares { total, shares: None });
    }
    let mut seen: Vec<Country> = rows.iter().map(|r| r.0).collect();
    seen.sort();
    if let Some(w) = seen.windows(2).find(|w| w[0] == w[1]) {
        return Err(Detail::DuplicateKey { what: "import partners".into(), key: w[0].alpha3().to_string() }.into());
    }
    // the share engine: ranked by quantity, ties in key order
    let shares = Shares::new(rows, Denominator::PublishedTotal(&total))?;
    Ok(PartnerShares { total, shares: Some(shares) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::material::Element;
    use proptest::prelude::*;

    fn stats(p: Figure, i: f64, e: f64, s: f64) -> SalientStatistics {
        SalientStatistics::new(Basis::contained(Element::Co), p, Figure::Reported(i), Figure::Reported(e))
            .and_then(|x| x.with_stock_adjustment(Figure::Reported(s)))
            .unwrap()
    }

    proptest! {
        #[test]
        fn nir_at_most_100_for_net_importers(p in 0.0..1e6f64, i in 0.0..1e6f64, e in 0.0..1e6f64) {
            prop_assume!(i - e >= 0.0 && p + i - e > 0.0);
            let r = stats(Figure::Reported(p), i, e, 0.0).net_import_reliance().unwrap();
            let pct = r.percent().unwrap();
            prop_assert!((0.0..=100.0).contains(&pct), "{pct}");
        }

        #[test]
        fn nir_increases_with_imports(p in 1.0..1e6f64, i in 0.0..1e6f64, e in 0.0..1e6f64, d in 1.0..1e5f64) {
            prop_assume!(i - e >= 0.0);
            let a = stats(Figure::Reported(p), i, e, 0.0).net_import_reliance().unwrap().percent().unwrap();
            let b = stats(Figure::Reported(p), i + d, e, 0.0).net_import_reliance().unwrap().percent().unwrap();
            prop_assert!(b > a, "{a} -> {b}");
        }

        #[test]
        fn net_exporter_exactly_when_net_exports_positive(p in 0.0..1e6f64, i in 0.0..1e6f64, e in 0.0..1e6f64, s in -1e5..1e5f64) {
            let st = stats(Figure::Reported(p), i, e, s);
            let net_exports = e - i - s;
            match st.net_import_reliance() {
                Ok(r) => prop_assert_eq!(r.is_net_exporter(), net_exports > 0.0),
                Err(ref err) if matches!(err.detail(), Detail::NonPositiveApparentConsumption { .. }) => prop_assert!(p + (i - e + s) <= 0.0),
                Err(other) => prop_assert!(false, "{other}"),
            }
            // with production withheld, the exporter verdict does not depend on production
            let w = stats(Figure::Withheld, i, e, s).net_import_reliance().unwrap();
            prop_assert_eq!(w.is_net_exporter(), net_exports > 0.0);
        }

        #[test]
        fn top_partner_share_at_least_one_over_n(qs in proptest::collection::vec(0.0..1e6f64, 1..20)) {
            prop_assume!(qs.iter().sum::<f64>() > 0.0);
            let b = Basis::contained(Element::Ni);
            let rows: Vec<(Country, Amount)> = Country::all().zip(&qs).map(|(c, q)| (c, Amount::tonnes(*q, b.clone()).unwrap())).collect();
            let s = import_partner_shares(&rows, None).unwrap();
            let (_, top) = s.top().unwrap();
            prop_assert!(top >= 1.0 / qs.len() as f64 - 1e-12);
            let sum: f64 = s.shares().map_or(0.0, |t| t.iter().map(|e| e.share()).sum());
            prop_assert!((sum - 1.0).abs() < 1e-9);
        }
    }
}
