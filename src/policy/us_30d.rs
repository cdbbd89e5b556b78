//! US clean-vehicle credit, 26 U.S.C. §30D: the sourcing requirements by date.
//!
//! | item | what it is |
//! |---|---|
//! | [`Us30dRule`] | the rule table: applicable percentages by placed-in-service date, credit parts in USD, FEOC dates, the termination date, citations |
//! | [`Step`] | one step of a schedule: from a date, a fraction |
//! | [`Vehicle`], [`MineralFeoc`] | what is evaluated: acquisition and placed-in-service dates, qualifying shares, FEOC involvement |
//! | [`VehicleAssessment`], [`PartAssessment`], [`Reason`], [`Note`] | eligibility for each $3,750 part, with reasons |
//! | [`SOURCING_FROM`], [`LAST_ACQUISITION_DAY`], [`FEOC_COMPONENTS_AFTER`], [`FEOC_MINERALS_AFTER`], [`GRAPHITE_TRANSITION_UNTIL`] | the dates |
//!
//! # The rule
//!
//! Up to $7,500 per vehicle: $3,750 if the critical-minerals requirement is met and $3,750 if
//! the battery-components requirement is met [P: IRC §30D(b)(2), via Bloomberg Tax; S:
//! Linklaters].
//!
//! Applicable percentages by the date the vehicle is **placed in service** [S: Linklaters,
//! legalclarity, deyuan; start date per Frost Brown Todd]:
//!
//! | placed in service | critical minerals | battery components |
//! |---|---:|---:|
//! | 2023-04-18 – 2023-12-31 | 40 % | 50 % |
//! | 2024 | 50 % | 60 % |
//! | 2025 | 60 % | 60 % |
//! | 2026 | 70 % | 70 % |
//! | 2027 | 80 % | 80 % |
//! | 2028 | 80 % | 90 % |
//! | from 2029 | 80 % | 100 % |
//!
//! A share meets its percentage when it is equal to or greater (within 1e-9).
//!
//! Foreign entities of concern (FEOC) [P: 26 CFR §1.30D-6(a)]: no credit for a vehicle placed in
//! service after 2023-12-31 whose battery components were manufactured or assembled by a FEOC,
//! nor for one placed in service after 2024-12-31 whose applicable critical minerals were
//! extracted, processed or recycled by a FEOC. Graphite (and some trace minerals) had a
//! transition exemption "until 2027" [P: USGS MCS 2025, graphite chapter]; this module reads it
//! as covering vehicles placed in service through 2026-12-31 — that exact boundary day is
//! unconfirmed \[U\].
//!
//! Termination [P: irs.gov/clean-vehicle-tax-credits]: the credit is not available for
//! vehicles **acquired** after 2025-09-30 (Public Law 119-21, the "One Big Beautiful Bill Act",
//! signed 2025-07-04; §70502 per a secondary source \[S\]). Acquired means a binding written
//! contract and a payment on or before that day; the vehicle may be placed in service later.
//! So a [`Vehicle`] has both dates.
//!
//! # Before 2023-04-18
//!
//! The sourcing requirements did not apply to vehicles placed in service before 2023-04-18 (the
//! credit existed then in another form, which this module does not model). Evaluating such a
//! vehicle is an error, [`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce), rather than a result that would look like
//! an answer.
//!
//! # Not modelled
//!
//! Final assembly in North America, price and income caps, qualified manufacturers, the
//! point-of-sale transfer, and how the qualifying shares are computed (value-added tests) are
//! not modelled: the caller gives the shares.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use critical_minerals::policy::us_30d::{MineralFeoc, Us30dRule, Vehicle};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let rule = Us30dRule::ira();
//! let v = Vehicle {
//!     acquired: d(2025, 9, 30)?,
//!     placed_in_service: d(2025, 10, 15)?,
//!     critical_mineral_share: 0.65,
//!     battery_component_share: 0.55,
//!     feoc_battery_components: false,
//!     feoc_critical_minerals: MineralFeoc::None,
//! };
//! let a = rule.evaluate(&v)?;
//! assert_eq!(a.critical_minerals.required, 0.60);
//! assert!(a.critical_minerals.eligible);
//! assert!(!a.battery_components.eligible); // 55 % < 60 %
//! assert_eq!(a.credit_usd, 3_750.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use crate::provenance::Confidence;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{check_share, ymd};
use crate::Error;
use crate::error::Detail;
use crate::geo::Country;
use crate::provenance::{Citation, source};

/// First placed-in-service day of the sourcing requirements: 2023-04-18 ("after April 17, 2023")
/// [S: Frost Brown Todd].
pub const SOURCING_FROM: NaiveDate = ymd(2023, 4, 18);

/// Last acquisition day for which the credit is available: 2025-09-30 [P: irs.gov].
pub const LAST_ACQUISITION_DAY: NaiveDate = ymd(2025, 9, 30);

/// Battery components from a FEOC bar the credit for vehicles placed in service after this day,
/// 2023-12-31 [P: 26 CFR §1.30D-6(a)].
pub const FEOC_COMPONENTS_AFTER: NaiveDate = ymd(2023, 12, 31);

/// Critical minerals from a FEOC bar the credit for vehicles placed in service after this day,
/// 2024-12-31 [P: 26 CFR §1.30D-6(a)].
pub const FEOC_MINERALS_AFTER: NaiveDate = ymd(2024, 12, 31);

/// Last placed-in-service day of the graphite (impracticable-to-trace) transition: read here as
/// 2026-12-31 from "until 2027" [P: USGS MCS 2025]; the exact day is unconfirmed \[U\].
pub const GRAPHITE_TRANSITION_UNTIL: NaiveDate = ymd(2026, 12, 31);

/// Countries other than the 20 FTA partners that Treasury treats as FTA countries for the
/// critical-mineral requirement, by ISO alpha-2: Japan, through the US–Japan Critical Minerals
/// Agreement of 28 March 2023 (Treasury final regulations, May 2024; CRS In Focus IF12517) \[S\].
pub const TREATED_AS_FTA_ALPHA2: [&str; 1] = ["JP"];

/// Tolerance when comparing a share with a percentage (1e-9).
const TOLERANCE: f64 = 1e-9;

/// One step of a schedule: from `from` (inclusive) until the next step, the fraction `fraction`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// First day the fraction applies (placed-in-service date).
    pub from: NaiveDate,
    /// The applicable percentage, as a fraction (0.4 is 40 %).
    pub fraction: f64,
}

/// The §30D rule table as amended by Public Law 119-21.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use critical_minerals::policy::us_30d::Us30dRule;
///
/// let rule = Us30dRule::ira();
/// let d = NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")?;
/// assert_eq!(rule.critical_mineral_percentage(d)?, 0.70);
/// assert_eq!(rule.battery_component_percentage(d)?, 0.70);
/// assert!(rule.critical_mineral_percentage(NaiveDate::from_ymd_opt(2023, 4, 17).ok_or("date")?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Us30dRule {
    /// Identifier (`"us-irc-30d"`).
    pub id: String,
    /// Name for reports.
    pub name: String,
    /// Critical-minerals applicable percentage by placed-in-service date, ascending.
    pub critical_minerals: Vec<Step>,
    /// Battery-components applicable percentage by placed-in-service date, ascending.
    pub battery_components: Vec<Step>,
    /// Credit for meeting the critical-minerals requirement, USD.
    pub critical_minerals_credit_usd: f64,
    /// Credit for meeting the battery-components requirement, USD.
    pub battery_components_credit_usd: f64,
    /// FEOC battery components bar vehicles placed in service after this day.
    pub feoc_components_after: NaiveDate,
    /// FEOC critical minerals bar vehicles placed in service after this day.
    pub feoc_minerals_after: NaiveDate,
    /// Last placed-in-service day on which FEOC involvement limited to impracticable-to-trace
    /// materials (graphite) does not bar the credit.
    pub graphite_transition_until: NaiveDate,
    /// Vehicles acquired after this day get no credit.
    pub last_acquisition_day: NaiveDate,
    /// Where the dates and figures come from.
    pub citations: Vec<Citation>,
}

impl Us30dRule {
    /// The rule as enacted by the Inflation Reduction Act, with the FEOC regulations and the
    /// termination by Public Law 119-21.
    pub fn ira() -> Us30dRule {
        let statute = |table: &str| {
            source(
                "us-irc-30d",
                "United States Code (via Bloomberg Tax)",
                "26 U.S.C. §30D, Clean vehicle credit",
                table,
                Some("https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title26-section30D"),
            )
        };
        let mut linklaters = source(
            "linklaters-30d",
            "Linklaters",
            "Summary of the §30D critical-mineral and battery-component requirements",
            "applicable percentage schedules",
            None,
        );
        linklaters.edition =
            Some("also restated by legalclarity and deyuan; start date per Frost Brown Todd".to_string());
        let cfr = source(
            "us-cfr-1-30d-6",
            "U.S. Department of the Treasury, Internal Revenue Service",
            "26 CFR §1.30D-6, Excluded entities (final regulations published 6 May 2024)",
            "§1.30D-6(a)",
            Some("https://www.ecfr.gov/current/title-26/section-1.30D-6"),
        );
        let usgs = source(
            "usgs-mcs-2025-graphite",
            "U.S. Geological Survey",
            "Mineral Commodity Summaries 2025: Graphite (natural)",
            "pp. 84-85, events, trends and issues",
            Some("https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-graphite.pdf"),
        );
        let irs = source(
            "irs-clean-vehicle-credits",
            "Internal Revenue Service",
            "Clean vehicle tax credits",
            "not available for vehicles acquired after Sept. 30, 2025",
            Some("https://www.irs.gov/clean-vehicle-tax-credits"),
        );
        let obbba = source(
            "us-pl-119-21",
            "United States Congress (via dsfcpas citing irs.gov)",
            "Public Law 119-21 (One Big Beautiful Bill Act), signed 4 July 2025",
            "§70502 (termination of §30D)",
            None,
        );
        Us30dRule {
            id: "us-irc-30d".to_string(),
            name: "US clean vehicle credit (26 U.S.C. §30D) sourcing requirements".to_string(),
            critical_minerals: vec![
                Step { from: SOURCING_FROM, fraction: 0.40 },
                Step { from: ymd(2024, 1, 1), fraction: 0.50 },
                Step { from: ymd(2025, 1, 1), fraction: 0.60 },
                Step { from: ymd(2026, 1, 1), fraction: 0.70 },
                Step { from: ymd(2027, 1, 1), fraction: 0.80 },
            ],
            battery_components: vec![
                Step { from: SOURCING_FROM, fraction: 0.50 },
                Step { from: ymd(2024, 1, 1), fraction: 0.60 },
                Step { from: ymd(2026, 1, 1), fraction: 0.70 },
                Step { from: ymd(2027, 1, 1), fraction: 0.80 },
                Step { from: ymd(2028, 1, 1), fraction: 0.90 },
                Step { from: ymd(2029, 1, 1), fraction: 1.00 },
            ],
            critical_minerals_credit_usd: 3_750.0,
            battery_components_credit_usd: 3_750.0,
            feoc_components_after: FEOC_COMPONENTS_AFTER,
            feoc_minerals_after: FEOC_MINERALS_AFTER,
            graphite_transition_until: GRAPHITE_TRANSITION_UNTIL,
            last_acquisition_day: LAST_ACQUISITION_DAY,
            citations: vec![
                Citation::new("$3,750 + $3,750 credit parts", statute("§30D(b)(2)"), Confidence::Primary),
                Citation::new(
                    "applicable percentage schedules (40-80 % minerals, 50-100 % components) and start 2023-04-18",
                    linklaters,
                    Confidence::Secondary,
                ),
                Citation::new(
                    "FEOC exclusions: components after 2023-12-31, minerals after 2024-12-31",
                    cfr,
                    Confidence::Primary,
                ),
                Citation::new("graphite transition exemption until 2027", usgs.clone(), Confidence::Primary),
                Citation::new(
                    "graphite transition boundary read as placed in service through 2026-12-31",
                    usgs,
                    Confidence::Unconfirmed,
                ),
                Citation::new("not available for vehicles acquired after 2025-09-30", irs, Confidence::Primary),
                Citation::new(
                    "Japan treated as an FTA country for the critical-mineral requirement (US-Japan Critical Minerals Agreement, 2023-03-28)",
                    source(
                        "crs-if12517",
                        "Congressional Research Service",
                        "The Clean Vehicle Tax Credit: critical minerals and battery components (In Focus IF12517)",
                        "FTA countries for the critical-mineral requirement",
                        None,
                    ),
                    Confidence::Secondary,
                ),
                Citation::new(
                    "termination enacted by Public Law 119-21, signed 2025-07-04",
                    obbba,
                    Confidence::Secondary,
                ),
            ],
        }
    }

    fn lookup(&self, steps: &[Step], placed_in_service: NaiveDate) -> Result<f64, Error> {
        steps
            .iter()
            .rev()
            .find(|s| s.from <= placed_in_service)
            .map(|s| s.fraction)
            .ok_or_else(|| Detail::BeforeRule { rule: self.id.clone(), date: placed_in_service }.into())
    }

    /// The critical-minerals applicable percentage (a fraction) for a placed-in-service date.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce) before 2023-04-18.
    pub fn critical_mineral_percentage(&self, placed_in_service: NaiveDate) -> Result<f64, Error> {
        self.lookup(&self.critical_minerals, placed_in_service)
    }

    /// The battery-components applicable percentage (a fraction) for a placed-in-service date.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce) before 2023-04-18.
    pub fn battery_component_percentage(&self, placed_in_service: NaiveDate) -> Result<f64, Error> {
        self.lookup(&self.battery_components, placed_in_service)
    }

    /// Whether minerals extracted or processed in `country` count towards the critical-mineral
    /// requirement: the United States, its 20 free-trade-agreement partners
    /// ([`US_FTA_PARTNERS_ALPHA2`](crate::geo::US_FTA_PARTNERS_ALPHA2)) and the countries Treasury
    /// treats as FTA countries for this requirement ([`TREATED_AS_FTA_ALPHA2`]: Japan).
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::geo::Country;
    /// use critical_minerals::policy::us_30d::Us30dRule;
    ///
    /// let rule = Us30dRule::ira();
    /// assert!(rule.is_qualifying_country(Country::from_code("JP")?)); // by the 2023 agreement
    /// assert!(rule.is_qualifying_country(Country::from_code("CL")?)); // an FTA partner
    /// assert!(!rule.is_qualifying_country(Country::from_code("CN")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_qualifying_country(&self, country: Country) -> bool {
        let a2 = country.alpha2();
        a2 == "US" || crate::geo::US_FTA_PARTNERS_ALPHA2.contains(&a2) || TREATED_AS_FTA_ALPHA2.contains(&a2)
    }

    /// The qualifying share of the value of a battery's applicable critical minerals
    /// ([`Vehicle::critical_mineral_share`]): the value extracted or processed in a
    /// [qualifying country](Us30dRule::is_qualifying_country), or recycled in North America
    /// (United States, Canada, Mexico), over the total value. Each source is
    /// `(country, recycled, value)` with the value in any one currency.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::geo::Country;
    /// use critical_minerals::policy::us_30d::Us30dRule;
    ///
    /// let c = |code| Country::from_code(code);
    /// let rule = Us30dRule::ira();
    /// // lithium hydroxide refined in Japan, nickel from Indonesia, cobalt recycled in Canada
    /// let share = rule.critical_mineral_share(&[(c("JP")?, false, 50.0), (c("ID")?, false, 30.0), (c("CA")?, true, 20.0)])?;
    /// assert!((share - 0.70).abs() < 1e-12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) without sources;
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
    /// [`ErrorKind::Negative`](crate::ErrorKind::Negative) for a value, naming its country;
    /// [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when the values add up to zero.
    pub fn critical_mineral_share(&self, sources: &[(Country, bool, f64)]) -> Result<f64, Error> {
        if sources.is_empty() {
            return Err(Detail::Empty { what: "critical-mineral sources".to_string() }.into());
        }
        let (mut qualifying, mut total) = (0.0, 0.0);
        for &(country, recycled, value) in sources {
            let v = crate::validate::non_negative(|| format!("critical-mineral value from {country}"), value)?;
            let north_america = matches!(country.alpha2(), "US" | "CA" | "MX");
            if (recycled && north_america) || (!recycled && self.is_qualifying_country(country)) {
                qualifying += v;
            }
            total += v;
        }
        crate::validate::finite("total critical-mineral value", total)?;
        if total == 0.0 {
            return Err(Detail::ZeroTotal { what: "critical-mineral values".to_string() }.into());
        }
        Ok(qualifying / total)
    }

    /// Evaluates a vehicle: each credit part, the total in USD, and every reason a part is not
    /// available.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce) when placed in service before 2023-04-18.
    /// - [`ErrorKind::Order`](crate::ErrorKind::Order) when placed in service before acquired.
    /// - [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a share that is NaN, infinite, negative or above 1.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use critical_minerals::policy::us_30d::{MineralFeoc, Reason, Us30dRule, Vehicle};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let v = Vehicle {
    ///     acquired: d(2025, 10, 1)?,
    ///     placed_in_service: d(2025, 10, 1)?,
    ///     critical_mineral_share: 1.0,
    ///     battery_component_share: 1.0,
    ///     feoc_battery_components: false,
    ///     feoc_critical_minerals: MineralFeoc::None,
    /// };
    /// let a = Us30dRule::ira().evaluate(&v)?;
    /// assert_eq!(a.credit_usd, 0.0);
    /// assert!(matches!(a.reasons[0], Reason::AcquiredAfterTermination { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(&self, v: &Vehicle) -> Result<VehicleAssessment, Error> {
        if v.placed_in_service < v.acquired {
            return Err(Detail::DatesOutOfOrder {
                earlier_what: "acquisition date",
                earlier: v.acquired,
                later_what: "placed-in-service date",
                later: v.placed_in_service,
            }
            .into());
        }
        let cm_required = self.critical_mineral_percentage(v.placed_in_service)?;
        let bc_required = self.battery_component_percentage(v.placed_in_service)?;
        let cm_share = check_share(|| "qualifying critical-mineral share".to_string(), v.critical_mineral_share)?;
        let bc_share = check_share(|| "qualifying battery-component share".to_string(), v.battery_component_share)?;

        let mut reasons = Vec::new();
        let mut notes = Vec::new();
        // reasons that bar the whole credit
        if v.acquired > self.last_acquisition_day {
            reasons
                .push(Reason::AcquiredAfterTermination { acquired: v.acquired, last_day: self.last_acquisition_day });
        }
        if v.feoc_battery_components && v.placed_in_service > self.feoc_components_after {
            reasons.push(Reason::FeocBatteryComponents { placed_in_service: v.placed_in_service });
        }
        if v.placed_in_service > self.feoc_minerals_after {
            match v.feoc_critical_minerals {
                MineralFeoc::None => {}
                MineralFeoc::Traced => {
                    reasons.push(Reason::FeocCriticalMinerals { placed_in_service: v.placed_in_service })
                }
                MineralFeoc::ImpracticableToTraceOnly => {
                    if v.placed_in_service > self.graphite_transition_until {
                        reasons.push(Reason::FeocCriticalMinerals { placed_in_service: v.placed_in_service });
                    } else {
                        notes.push(Note::GraphiteTransitionApplied { until: self.graphite_transition_until });
                    }
                }
            }
        }
        let barred = !reasons.is_empty();
        let cm_met = cm_share >= cm_required - TOLERANCE;
        let bc_met = bc_share >= bc_required - TOLERANCE;
        if !cm_met {
            reasons.push(Reason::CriticalMineralShareBelow { share: cm_share, required: cm_required });
        }
        if !bc_met {
            reasons.push(Reason::BatteryComponentShareBelow { share: bc_share, required: bc_required });
        }
        let part = |share: f64, required: f64, met: bool, usd: f64| {
            let eligible = met && !barred;
            PartAssessment { share, required, share_met: met, eligible, credit_usd: if eligible { usd } else { 0.0 } }
        };
        let critical_minerals = part(cm_share, cm_required, cm_met, self.critical_minerals_credit_usd);
        let battery_components = part(bc_share, bc_required, bc_met, self.battery_components_credit_usd);
        Ok(VehicleAssessment {
            acquired: v.acquired,
            placed_in_service: v.placed_in_service,
            credit_usd: critical_minerals.credit_usd + battery_components.credit_usd,
            critical_minerals,
            battery_components,
            reasons,
            notes,
        })
    }
}

/// FEOC involvement in a vehicle's applicable critical minerals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MineralFeoc {
    /// No critical mineral extracted, processed or recycled by a FEOC.
    None,
    /// FEOC involvement only in impracticable-to-trace materials (graphite and some trace
    /// minerals), covered by the transition exemption until 2027.
    ImpracticableToTraceOnly,
    /// FEOC involvement in traceable critical minerals.
    Traced,
}

/// A vehicle to evaluate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vehicle {
    /// Acquisition date: binding written contract plus a payment.
    pub acquired: NaiveDate,
    /// Date placed in service (delivery); the applicable percentages and FEOC dates use it.
    pub placed_in_service: NaiveDate,
    /// Share of the value of the applicable critical minerals that qualifies (extracted or
    /// processed in the US or an FTA country — Japan included, see
    /// [`Us30dRule::is_qualifying_country`] — or recycled in North America), `0..=1`;
    /// [`Us30dRule::critical_mineral_share`] computes it from values by country.
    pub critical_mineral_share: f64,
    /// Share of the value of the battery components manufactured or assembled in North America,
    /// `0..=1`.
    pub battery_component_share: f64,
    /// Whether any battery component was manufactured or assembled by a FEOC.
    pub feoc_battery_components: bool,
    /// FEOC involvement in the critical minerals.
    pub feoc_critical_minerals: MineralFeoc,
}

/// One $3,750 part of the credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartAssessment {
    /// The vehicle's qualifying share.
    pub share: f64,
    /// The applicable percentage on the placed-in-service date, a fraction.
    pub required: f64,
    /// Whether the share meets the percentage (equal or greater).
    pub share_met: bool,
    /// Whether this part of the credit is available: share met and nothing bars the credit.
    pub eligible: bool,
    /// The credit for this part, USD (0 when not eligible).
    pub credit_usd: f64,
}

/// Why a part or the whole credit is not available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// Acquired after the last acquisition day: no credit (Public Law 119-21).
    AcquiredAfterTermination {
        /// Acquisition date.
        acquired: NaiveDate,
        /// Last day a vehicle could be acquired with the credit.
        last_day: NaiveDate,
    },
    /// Battery components from a FEOC, vehicle placed in service after 2023-12-31: no credit.
    FeocBatteryComponents {
        /// Placed-in-service date.
        placed_in_service: NaiveDate,
    },
    /// Critical minerals from a FEOC, vehicle placed in service after 2024-12-31 (and, for
    /// impracticable-to-trace materials only, after the graphite transition): no credit.
    FeocCriticalMinerals {
        /// Placed-in-service date.
        placed_in_service: NaiveDate,
    },
    /// The critical-mineral share is below the applicable percentage: no $3,750 minerals part.
    CriticalMineralShareBelow {
        /// The share.
        share: f64,
        /// The applicable percentage.
        required: f64,
    },
    /// The battery-component share is below the applicable percentage: no $3,750 components part.
    BatteryComponentShareBelow {
        /// The share.
        share: f64,
        /// The applicable percentage.
        required: f64,
    },
}

/// Something the evaluation relied on that is worth reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Note {
    /// FEOC involvement limited to impracticable-to-trace materials was disregarded under the
    /// graphite transition (boundary day unconfirmed).
    GraphiteTransitionApplied {
        /// Last placed-in-service day of the transition as read here.
        until: NaiveDate,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::AcquiredAfterTermination { acquired, last_day } => {
                write!(f, "acquired {acquired}, after the last acquisition day {last_day}: no credit")
            }
            Reason::FeocBatteryComponents { placed_in_service } => write!(
                f,
                "battery components from a foreign entity of concern, placed in service {placed_in_service} \
                 (after {FEOC_COMPONENTS_AFTER}): no credit"
            ),
            Reason::FeocCriticalMinerals { placed_in_service } => write!(
                f,
                "critical minerals from a foreign entity of concern, placed in service {placed_in_service}: no credit"
            ),
            Reason::CriticalMineralShareBelow { share, required } => write!(
                f,
                "critical-mineral share {} is below the applicable {}: no critical-minerals part",
                crate::fmt::percent(*share, 1),
                crate::fmt::percent(*required, 1)
            ),
            Reason::BatteryComponentShareBelow { share, required } => write!(
                f,
                "battery-component share {} is below the applicable {}: no battery-components part",
                crate::fmt::percent(*share, 1),
                crate::fmt::percent(*required, 1)
            ),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::GraphiteTransitionApplied { until } => write!(
                f,
                "foreign-entity involvement limited to impracticable-to-trace materials disregarded under the \
                 graphite transition (through {until}; boundary day unconfirmed)"
            ),
        }
    }
}

/// The evaluation of one vehicle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleAssessment {
    /// Acquisition date.
    pub acquired: NaiveDate,
    /// Placed-in-service date.
    pub placed_in_service: NaiveDate,
    /// The critical-minerals part.
    pub critical_minerals: PartAssessment,
    /// The battery-components part.
    pub battery_components: PartAssessment,
    /// Total credit, USD (0, 3,750 or 7,500).
    pub credit_usd: f64,
    /// Every reason a part is not available (empty when both are).
    pub reasons: Vec<Reason>,
    /// What the evaluation relied on.
    pub notes: Vec<Note>,
}

impl VehicleAssessment {
    /// Whether any part of the credit is available.
    pub fn eligible(&self) -> bool {
        self.credit_usd > 0.0
    }
}
