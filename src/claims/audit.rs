//! Claims audit: checks the figures a document states against each other and against the
//! crate's region definitions.
//!
//! A [`ClaimSet`] holds [`AuditClaim`]s about markets: a region's share of a market in a year,
//! a CAGR over a period, a market size or total in a year (money with its currency and scale, or
//! tonnes), and a region's country list as the document states it. [`audit`] returns
//! [`Finding`]s; each names the claims involved (by id) and what each number implies.
//!
//! # Checks and tolerances
//!
//! Claims are compared only within one market (the `market` key, compared after trimming and
//! lower-casing). Every figure is read as an interval: "exact" and "about" as stated, "at least"
//! open above, "at most" open below, a range as its ends. Two intervals *disagree* when the gap
//! between them exceeds the tolerance ([`Tolerances`], defaults in brackets).
//!
//! | check | finding |
//! |---|---|
//! | shares of regions that do not overlap, same market and year, add up to more than 100 % (less than the tolerance, 1 pp, is forgiven) | [`FindingKind::SharesExceedWhole`] |
//! | ... or to less than 100 %, whether or not a "rest of world" share is given | [`FindingKind::SharesBelowWhole`] |
//! | a region's share stated beside the share of a region that contains it (the United States beside North America), by [`Region::is_within`] | [`FindingKind::RegionWithinRegion`] |
//! | two regions that share some countries but neither contains the other ([`Region::overlaps`]) | [`FindingKind::RegionsOverlap`] |
//! | the same region's share, or the same size, stated twice with different values (shares 0.5 pp; sizes 2 % relative); a share that does not fit the region's and the world's sizes of that year | [`FindingKind::FiguresDisagree`] |
//! | two CAGRs of one market over the same or overlapping periods (an unstated start is open) that disagree (0.5 pp/yr) | [`FindingKind::CagrsDisagree`] |
//! | a CAGR that does not fit the sizes stated for both its endpoints (0.5 pp/yr) | [`FindingKind::CagrDoesNotFitSizes`] |
//! | sizes of non-overlapping regions adding to more than the world's size, or a region's size above that of a region containing it (2 % relative) | [`FindingKind::PartsExceedTotal`] |
//! | a country listed under a region the crate's built-in definition does not put it in | [`FindingKind::CountryOutsideRegion`] |
//! | a listed name that is no country ("Argentina Korea", "Saudi" then "Arabia"): reported as written, never guessed; the finding says how the words read one by one or joined with the next entry | [`FindingKind::UnreadableCountry`] |
//! | a listed name that fits several countries ("Korea") | [`FindingKind::AmbiguousCountry`] |
//!
//! Regions are read by [`Place::parse`]: the world, the rest of the world, a built-in region
//! ([`BuiltinRegion`], e.g. the market-report regions "North America", "Asia-Pacific") or a
//! country. Anything else is a typed error ([`ErrorKind::Unknown`](crate::ErrorKind::Unknown)) when the claim is
//! built, not a finding.
//!
//! # Scale
//!
//! Shares are held as fractions and printed in percent; CAGRs as fractions per year, printed
//! in %/yr; money sizes in units of the currency (USD 150 billion is `1.5e11`), printed in the
//! scale the claim was written in; tonnages in tonnes.
//!
//! # Worked example
//!
//! The battery market report cited as `seed-002-market-report` gives North America 30 %, Europe 25 %, Asia-Pacific 35 % and the
//! United States 10 %. The first three add to 90 %; the four add to 100 % only by counting the
//! United States twice, once inside North America.
//!
//! ```
//! use critical_minerals::claims::audit::{AuditClaim, ClaimSet, FindingKind, Stated, audit};
//!
//! let m = "secondary lithium batteries";
//! let claims = ClaimSet::new(vec![
//!     AuditClaim::share("na", m, "North America", None, Stated::exact(30.0)?)?,
//!     AuditClaim::share("eu", m, "Europe", None, Stated::exact(25.0)?)?,
//!     AuditClaim::share("apac", m, "Asia-Pacific", None, Stated::exact(35.0)?)?,
//!     AuditClaim::share("us", m, "United States", None, Stated::exact(10.0)?)?,
//! ])?;
//! let findings = audit(&claims);
//! let nested = findings.iter().find(|f| f.kind() == FindingKind::RegionWithinRegion).unwrap();
//! assert_eq!(nested.claims(), ["us", "na"]);
//! let short = findings.iter().find(|f| f.kind() == FindingKind::SharesBelowWhole).unwrap();
//! assert_eq!(short.claims(), ["na", "eu", "apac"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::Serialize;

use crate::Error;
use crate::dataset::{Bound, Claim, ClaimKind, ClaimRegion, ClaimUnit};
use crate::error::Detail;
use crate::geo::{BuiltinRegion, Country, Partition, Region};
use crate::material::Basis;
use crate::money::{Currency, Scale};
use crate::provenance::Estimate;

// ---------------------------------------------------------------------------------------------
// places

/// Where a claim is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum Place {
    /// The whole world (the whole market).
    World,
    /// Everything outside the other regions stated for the same market: an "other" bucket.
    RestOfWorld,
    /// A built-in region or a single country, with its member countries.
    Region(Region),
}

impl Place {
    /// Reads a place: `world`/`global`; `rest of world`/`other`/`others`; a built-in region by
    /// name or alias in any case, with `-` read as a space (`north-america`); a country by code
    /// or name ([`Country::lookup`]).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::claims::audit::Place;
    ///
    /// assert_eq!(Place::parse("c1", "Global")?, Place::World);
    /// assert_eq!(Place::parse("c1", "north-america")?.name(), "North America");
    /// assert_eq!(Place::parse("c1", "U.S.")?.name(), "United States");
    /// assert!(Place::parse("c1", "Narnia").is_err());
    /// assert!(Place::parse("c1", "Korea").is_err()); // North or South?
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the claim and the text, with the reason (unknown,
    /// or a country name that fits several countries).
    pub fn parse(claim: &str, text: &str) -> Result<Place, Error> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        match lower.as_str() {
            "world" | "global" | "worldwide" => return Ok(Place::World),
            "rest of world" | "rest of the world" | "rest-of-world" | "other" | "others" | "row" => {
                return Ok(Place::RestOfWorld);
            }
            _ => {}
        }
        let builtin = BuiltinRegion::from_name(t).or_else(|_| BuiltinRegion::from_name(&t.replace('-', " ")));
        if let Ok(b) = builtin {
            return Ok(Place::Region(b.region()?));
        }
        match Country::lookup(t) {
            Ok(c) => Ok(Place::Region(Region::country(c))),
            Err(e) => Err(Detail::UnknownClaimRegion {
                claim: claim.to_string(),
                input: text.to_string(),
                reason: match e.detail() {
                    Detail::AmbiguousCountryName { candidates, .. } => {
                        format!("a country name that fits several countries ({})", candidates.join(", "))
                    }
                    _ => "expected world, rest of world, a built-in region or a country".to_string(),
                },
            }
            .into()),
        }
    }

    /// The place's name (`world`, `rest of world`, or the region's name).
    pub fn name(&self) -> &str {
        match self {
            Place::World => "world",
            Place::RestOfWorld => "rest of world",
            Place::Region(r) => r.name(),
        }
    }

    fn region(&self) -> Option<&Region> {
        match self {
            Place::Region(r) => Some(r),
            _ => None,
        }
    }

    /// Same countries (names aside).
    fn same(&self, other: &Place) -> bool {
        match (self, other) {
            (Place::World, Place::World) | (Place::RestOfWorld, Place::RestOfWorld) => true,
            (Place::Region(a), Place::Region(b)) => a.members() == b.members(),
            _ => false,
        }
    }

    /// Strictly inside `other` (the world contains every region).
    fn strictly_within(&self, other: &Place) -> bool {
        match (self, other) {
            (Place::Region(_), Place::World) => true,
            (Place::Region(a), Place::Region(b)) => a.is_within(b) && a.members() != b.members(),
            _ => false,
        }
    }

    /// Share countries without either containing the other.
    fn partly_overlaps(&self, other: &Place) -> bool {
        match (self, other) {
            (Place::Region(a), Place::Region(b)) => a.overlaps(b) && !a.is_within(b) && !b.is_within(a),
            _ => false,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------
// stated figures

/// A figure as stated: an [`Estimate`] and how the document bounds it ("about", "or more").
///
/// Read as an interval: [`Bound::Exact`], [`Bound::About`] and [`Bound::Range`] as the estimate's
/// ends; [`Bound::AtLeast`] from the low end up, open; [`Bound::AtMost`] up to the high end.
///
/// # Example
///
/// ```
/// use critical_minerals::claims::audit::Stated;
///
/// let s = Stated::at_least(15.0)?; // "exceeding 15 %"
/// assert_eq!(s.to_string(), "≥ 15");
/// assert!(Stated::exact(f64::NAN).is_err());
/// assert!(Stated::range(60.0, 40.0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stated {
    estimate: Estimate,
    bound: Bound,
}

impl Stated {
    /// A figure with its bound.
    pub fn new(estimate: Estimate, bound: Bound) -> Stated {
        Stated { estimate, bound }
    }

    /// A figure stated as a number.
    ///
    /// # Errors
    ///
    /// [`Error`] for NaN or an infinity.
    pub fn exact(v: f64) -> Result<Stated, Error> {
        Ok(Stated::new(Estimate::point(v)?, Bound::Exact))
    }

    /// "About" a number.
    ///
    /// # Errors
    ///
    /// As [`Stated::exact`].
    pub fn about(v: f64) -> Result<Stated, Error> {
        Ok(Stated::new(Estimate::point(v)?, Bound::About))
    }

    /// "At least", "or more", "exceeding" a number.
    ///
    /// # Errors
    ///
    /// As [`Stated::exact`].
    pub fn at_least(v: f64) -> Result<Stated, Error> {
        Ok(Stated::new(Estimate::point(v)?, Bound::AtLeast))
    }

    /// "At most", "up to" a number.
    ///
    /// # Errors
    ///
    /// As [`Stated::exact`].
    pub fn at_most(v: f64) -> Result<Stated, Error> {
        Ok(Stated::new(Estimate::point(v)?, Bound::AtMost))
    }

    /// "From `low` to `high`".
    ///
    /// # Errors
    ///
    /// [`Error`] for NaN, an infinity or `low > high`.
    pub fn range(low: f64, high: f64) -> Result<Stated, Error> {
        Ok(Stated::new(Estimate::range(low, high)?, Bound::Range))
    }

    /// The estimate as given.
    pub fn estimate(&self) -> Estimate {
        self.estimate
    }

    /// The bound as given.
    pub fn bound(&self) -> Bound {
        self.bound
    }

    /// The interval the statement allows, with `±∞` for an open end.
    fn interval(&self) -> (f64, f64) {
        match self.bound {
            Bound::AtLeast => (self.estimate.low(), f64::INFINITY),
            Bound::AtMost => (f64::NEG_INFINITY, self.estimate.high()),
            _ => (self.estimate.low(), self.estimate.high()),
        }
    }

    fn scaled(self, factor: f64) -> Result<Stated, Error> {
        let e = Estimate::range(self.estimate.low() * factor, self.estimate.high() * factor)?;
        Ok(Stated { estimate: e, ..self })
    }

    fn show(&self, f: impl Fn(f64) -> String) -> String {
        let (lo, hi) = (self.estimate.low(), self.estimate.high());
        match self.bound {
            Bound::AtLeast => format!("≥ {}", f(lo)),
            Bound::AtMost => format!("≤ {}", f(hi)),
            Bound::About if lo == hi => format!("about {}", f(lo)),
            _ if lo == hi => f(lo),
            _ => format!("{}–{}", f(lo), f(hi)),
        }
    }
}

impl fmt::Display for Stated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show(|v| crate::fmt::trim(v, 6)))
    }
}

/// A fraction as a percentage with one decimal (a function value for `show`).
fn pct(v: f64) -> String {
    crate::fmt::percent(v, 1)
}

/// The unit of a size.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum SizeUnit {
    /// Money in a currency; `scale` is how the figure was written and is used only for display
    /// (the value is held in units of the currency).
    Money {
        /// The currency.
        currency: Currency,
        /// The scale the figure was written in.
        scale: Scale,
    },
    /// Tonnes, on a basis when one is stated.
    Tonnes(Option<Basis>),
}

impl SizeUnit {
    /// Money in `currency`, written in `scale` ("USD billion").
    pub fn money(currency: Currency, scale: Scale) -> SizeUnit {
        SizeUnit::Money { currency, scale }
    }

    /// Whether two sizes can be compared: same currency, or tonnes on the same basis.
    fn comparable(&self, other: &SizeUnit) -> bool {
        match (self, other) {
            (SizeUnit::Money { currency: a, .. }, SizeUnit::Money { currency: b, .. }) => a == b,
            (SizeUnit::Tonnes(a), SizeUnit::Tonnes(b)) => a == b,
            _ => false,
        }
    }

    fn show(&self, v: f64) -> String {
        if !v.is_finite() {
            return "unbounded".to_string();
        }
        match self {
            SizeUnit::Money { currency, scale: Scale::Unit } => {
                format!("{} {}", currency.code(), crate::fmt::trim(v, 2))
            }
            SizeUnit::Money { currency, scale } => {
                format!("{} {} {}", currency.code(), crate::fmt::trim(v / scale.factor(), 1), scale.word())
            }
            SizeUnit::Tonnes(None) => format!("{} t", crate::fmt::trim(v, 0)),
            SizeUnit::Tonnes(Some(b)) => format!("{} t {b}", crate::fmt::trim(v, 0)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// claims

/// What a claim states.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum Figure {
    /// A place's share of the market, a fraction, in a year when stated.
    Share {
        /// Where.
        place: Place,
        /// The year, if stated.
        year: Option<i32>,
        /// The share, as a fraction (0.30 for 30 %).
        share: Stated,
    },
    /// A compound annual growth rate from `start` (when stated) to `end`, a fraction per year.
    Cagr {
        /// First year, if stated.
        start: Option<i32>,
        /// Last year.
        end: i32,
        /// The rate, a fraction per year (0.045 for 4.5 %/yr).
        rate: Stated,
    },
    /// The size of the market in a place and year (the world's size is the market's total).
    Size {
        /// Where.
        place: Place,
        /// The year.
        year: i32,
        /// The size, in units of the currency or in tonnes.
        value: Stated,
        /// Its unit.
        unit: SizeUnit,
    },
    /// The countries a document lists under a region, as written.
    CountryList {
        /// The region.
        place: Place,
        /// The names as written, in order.
        countries: Vec<String>,
    },
}

/// One claim of a [`ClaimSet`]: an id, the market it is about, and what it states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditClaim {
    id: String,
    market: String,
    figure: Figure,
    source: Option<String>,
}

fn bad(claim: &str, reason: impl Into<String>) -> Error {
    Detail::BadClaim { claim: claim.to_string(), reason: reason.into() }.into()
}

fn check_interval(id: &str, what: &str, s: &Stated, ok: impl Fn(f64) -> bool, expected: &str) -> Result<(), Error> {
    for v in [s.estimate.low(), s.estimate.high()] {
        if !ok(v) {
            return Err(Detail::OutOfRange {
                what: format!("claim {id:?}: {what}"),
                value: v,
                expected: expected.to_string(),
            }
            .into());
        }
    }
    Ok(())
}

impl AuditClaim {
    fn new(id: &str, market: &str, figure: Figure) -> Result<AuditClaim, Error> {
        if id.trim().is_empty() {
            return Err(bad(id, "a claim needs an id"));
        }
        if market.trim().is_empty() {
            return Err(bad(id, "a claim needs a market"));
        }
        Ok(AuditClaim { id: id.trim().to_string(), market: market.trim().to_string(), figure, source: None })
    }

    /// A place's share of `market`, in percent (`Stated::exact(30.0)` for 30 %).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::claims::audit::{AuditClaim, Stated};
    ///
    /// let c = AuditClaim::share("na", "batteries", "North America", Some(2025), Stated::exact(30.0)?)?;
    /// assert_eq!(c.id(), "na");
    /// assert!(AuditClaim::share("x", "batteries", "Narnia", None, Stated::exact(30.0)?).is_err());
    /// assert!(AuditClaim::share("x", "batteries", "Europe", None, Stated::exact(130.0)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) (see [`Place::parse`]), [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange)
    /// for a share outside 0–100 %, [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) for a blank id or market.
    pub fn share(id: &str, market: &str, place: &str, year: Option<i32>, percent: Stated) -> Result<AuditClaim, Error> {
        check_interval(id, "share (%)", &percent, |v| (0.0..=100.0).contains(&v), "0 to 100 %")?;
        let place = Place::parse(id, place)?;
        AuditClaim::new(id, market, Figure::Share { place, year, share: percent.scaled(0.01)? })
    }

    /// A CAGR of `market` in percent per year from `start` (when stated) to `end`.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::claims::audit::{AuditClaim, Stated};
    ///
    /// let c = AuditClaim::cagr("g", "batteries", Some(2025), 2032, Stated::exact(4.5)?)?;
    /// assert!(AuditClaim::cagr("g", "batteries", Some(2032), 2025, Stated::exact(4.5)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) for `start ≥ end`, [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a rate
    /// at or below −100 %/yr.
    pub fn cagr(
        id: &str,
        market: &str,
        start: Option<i32>,
        end: i32,
        percent_per_year: Stated,
    ) -> Result<AuditClaim, Error> {
        if let Some(s) = start
            && s >= end
        {
            return Err(bad(id, format!("CAGR period {s} to {end} does not run forward")));
        }
        check_interval(id, "CAGR (%/yr)", &percent_per_year, |v| v > -100.0, "above -100 %/yr")?;
        AuditClaim::new(id, market, Figure::Cagr { start, end, rate: percent_per_year.scaled(0.01)? })
    }

    /// The size of `market` in `place` and `year`, as written in `unit` (for money, the figure
    /// in the unit's scale: `150.0` with `SizeUnit::money(USD, Billion)` is USD 150 billion).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::claims::audit::{AuditClaim, SizeUnit, Stated};
    /// use critical_minerals::money::{Currency, Scale};
    ///
    /// let c = AuditClaim::size("s", "batteries", "world", 2030, Stated::about(150.0)?,
    ///     SizeUnit::money(Currency::USD, Scale::Billion))?;
    /// assert!(AuditClaim::size("s", "batteries", "world", 2030, Stated::exact(-1.0)?,
    ///     SizeUnit::Tonnes(None)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown), [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a negative size,
    /// [`Error`] when the scaled figure overflows.
    pub fn size(
        id: &str,
        market: &str,
        place: &str,
        year: i32,
        value: Stated,
        unit: SizeUnit,
    ) -> Result<AuditClaim, Error> {
        check_interval(id, "size", &value, |v| v >= 0.0, "a non-negative size")?;
        let place = Place::parse(id, place)?;
        let factor = match &unit {
            SizeUnit::Money { scale, .. } => scale.factor(),
            SizeUnit::Tonnes(_) => 1.0,
        };
        AuditClaim::new(id, market, Figure::Size { place, year, value: value.scaled(factor)?, unit })
    }

    /// The market's total in `year`: a [`size`](AuditClaim::size) of the world.
    ///
    /// # Errors
    ///
    /// As [`AuditClaim::size`].
    pub fn total(id: &str, market: &str, year: i32, value: Stated, unit: SizeUnit) -> Result<AuditClaim, Error> {
        AuditClaim::size(id, market, "world", year, value, unit)
    }

    /// The countries a document lists under `place`, as written.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::claims::audit::AuditClaim;
    ///
    /// let c = AuditClaim::country_list("na-list", "batteries", "North America", &["United States", "Canada"])?;
    /// assert!(AuditClaim::country_list("w", "batteries", "world", &["France"]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown); [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) for the world or the rest
    /// of the world (no definition to check against) or an empty list.
    pub fn country_list(id: &str, market: &str, place: &str, countries: &[&str]) -> Result<AuditClaim, Error> {
        let place = Place::parse(id, place)?;
        if place.region().is_none() {
            return Err(bad(id, format!("a country list needs a defined region, not {place}")));
        }
        if countries.is_empty() {
            return Err(bad(id, "an empty country list"));
        }
        let countries = countries.iter().map(|c| c.to_string()).collect();
        AuditClaim::new(id, market, Figure::CountryList { place, countries })
    }

    /// A claim of the dataset ([`Dataset::claims`](crate::dataset::Dataset::claims)), put under
    /// `market`: shares, CAGRs, market sizes and tonnages. The market is the auditor's call:
    /// documents name one market several ways ("market", "sector").
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::claims::audit::{AuditClaim, Figure};
    /// use critical_minerals::dataset::Dataset;
    ///
    /// let data = Dataset::builtin()?;
    /// let c = AuditClaim::from_dataset(data.claim("slmb-market-cagr").unwrap(), "slb")?;
    /// assert!(matches!(c.figure(), Figure::Cagr { start: Some(2025), end: 2032, .. }));
    /// assert_eq!(c.source(), Some("seed-002-market-report"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) for a kind this audit does not read (percent changes,
    /// multiples) or a missing year, and the errors of the constructors above.
    pub fn from_dataset(claim: &Claim, market: &str) -> Result<AuditClaim, Error> {
        let id = claim.id.as_str();
        let stated = Stated::new(claim.estimate, claim.bound);
        let place = match &claim.region {
            ClaimRegion::World => "world".to_string(),
            ClaimRegion::Country(c) => c.alpha3().to_string(),
            ClaimRegion::Named(n) => n.clone(),
        };
        let year = claim.period_end.or(claim.period_start).map(|p| p.calendar_year());
        let need_year = || year.ok_or_else(|| bad(id, "no year stated"));
        let c = match claim.kind {
            ClaimKind::Share => AuditClaim::share(id, market, &place, year, stated),
            ClaimKind::Cagr => {
                let end =
                    claim.period_end.map(|p| p.calendar_year()).ok_or_else(|| bad(id, "a CAGR needs an end year"))?;
                AuditClaim::cagr(id, market, claim.period_start.map(|p| p.calendar_year()), end, stated)
            }
            ClaimKind::MarketSize => {
                let ClaimUnit::Money { currency, scale } = &claim.unit else {
                    return Err(bad(id, format!("a market size in {}, not money", claim.unit)));
                };
                AuditClaim::size(id, market, &place, need_year()?, stated, SizeUnit::money(*currency, *scale))
            }
            ClaimKind::Quantity => {
                AuditClaim::size(id, market, &place, need_year()?, stated, SizeUnit::Tonnes(claim.basis.clone()))
            }
            other => Err(bad(id, format!("{other} claims are not audited"))),
        }?;
        Ok(c.with_source(&claim.source))
    }

    /// The same claim citing `source`.
    pub fn with_source(mut self, source: &str) -> AuditClaim {
        self.source = Some(source.to_string());
        self
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The market.
    pub fn market(&self) -> &str {
        &self.market
    }

    /// What it states.
    pub fn figure(&self) -> &Figure {
        &self.figure
    }

    /// The source it cites, if any.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    fn market_key(&self) -> String {
        self.market.to_lowercase()
    }

    /// How the figure reads, for messages ("North America 30 %").
    fn describe(&self) -> String {
        match &self.figure {
            Figure::Share { place, year, share } => match year {
                Some(y) => format!("{place} {} in {y}", share.show(pct)),
                None => format!("{place} {}", share.show(pct)),
            },
            Figure::Cagr { start, end, rate } => {
                format!("{}/yr over {}", rate.show(pct), period(*start, *end))
            }
            Figure::Size { place, year, value, unit } => {
                format!("{place} {} in {year}", value.show(|v| unit.show(v)))
            }
            Figure::CountryList { place, countries } => format!("{place}: {}", countries.join(", ")),
        }
    }
}

impl fmt::Display for AuditClaim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} — {}", self.id, self.market, self.describe())
    }
}

fn period(start: Option<i32>, end: i32) -> String {
    match start {
        Some(s) => format!("{s}–{end}"),
        None => format!("?–{end}"),
    }
}

// ---------------------------------------------------------------------------------------------
// the set and its tolerances

/// Tolerances of the audit: how far apart two figures may be before they disagree.
///
/// | field | default | meaning |
/// |---|---|---|
/// | `share_sum` | 0.01 (1 pp) | how far from 100 % the shares of non-overlapping regions may add up |
/// | `share` | 0.005 (0.5 pp) | gap between two statements of one share |
/// | `rate` | 0.005 (0.5 pp/yr) | gap between two CAGRs, or a CAGR and the rate its endpoint sizes imply |
/// | `size_relative` | 0.02 (2 %) | gap between two sizes, relative to the larger |
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tolerances {
    /// Allowed distance of a sum of shares from 1 (a fraction).
    pub share_sum: f64,
    /// Allowed gap between two statements of one share (a fraction).
    pub share: f64,
    /// Allowed gap between two growth rates (a fraction per year).
    pub rate: f64,
    /// Allowed gap between two sizes, relative to the larger.
    pub size_relative: f64,
}

impl Default for Tolerances {
    fn default() -> Tolerances {
        Tolerances { share_sum: 0.01, share: 0.005, rate: 0.005, size_relative: 0.02 }
    }
}

/// The claims to audit, with unique ids, and the tolerances to audit them with.
///
/// # Example
///
/// ```
/// use critical_minerals::claims::audit::{AuditClaim, ClaimSet, Stated};
///
/// let a = AuditClaim::share("a", "m", "Europe", None, Stated::exact(25.0)?)?;
/// assert!(ClaimSet::new(vec![a.clone(), a]).is_err()); // id "a" twice
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimSet {
    claims: Vec<AuditClaim>,
    tolerances: Tolerances,
}

impl ClaimSet {
    /// A set of claims with the default [`Tolerances`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for an id given twice.
    pub fn new(claims: Vec<AuditClaim>) -> Result<ClaimSet, Error> {
        let mut ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(Detail::DuplicateKey { what: "claim ids".to_string(), key: w[0].to_string() }.into());
        }
        Ok(ClaimSet { claims, tolerances: Tolerances::default() })
    }

    /// The same set audited with `tolerances`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming the tolerance.
    pub fn with_tolerances(mut self, tolerances: Tolerances) -> Result<ClaimSet, Error> {
        let t = tolerances;
        for (what, v) in
            [("share_sum", t.share_sum), ("share", t.share), ("rate", t.rate), ("size_relative", t.size_relative)]
        {
            let what = format!("audit tolerance {what}");
            if !v.is_finite() {
                return Err(Detail::NotFinite { what, value: v }.into());
            }
            if v < 0.0 {
                return Err(Detail::Negative { what, value: v }.into());
            }
        }
        self.tolerances = tolerances;
        Ok(self)
    }

    /// The claims, in the order given.
    pub fn claims(&self) -> &[AuditClaim] {
        &self.claims
    }

    /// The claim with `id`.
    pub fn get(&self, id: &str) -> Option<&AuditClaim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The tolerances.
    pub fn tolerances(&self) -> Tolerances {
        self.tolerances
    }

    /// Runs the audit: see [`audit`].
    pub fn audit(&self) -> Vec<Finding> {
        audit(self)
    }
}

// ---------------------------------------------------------------------------------------------
// findings

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum FindingKind {
    /// Shares of non-overlapping regions add up to more than 100 %.
    SharesExceedWhole,
    /// Shares of non-overlapping regions add up to less than 100 %.
    SharesBelowWhole,
    /// A region's figure stated beside that of a region containing it.
    RegionWithinRegion,
    /// Two regions that share countries, neither containing the other.
    RegionsOverlap,
    /// One figure stated twice with values that disagree, or a share that does not fit the
    /// sizes stated for the same year.
    FiguresDisagree,
    /// Two CAGRs of one market over the same or overlapping periods that disagree.
    CagrsDisagree,
    /// A CAGR that does not fit the sizes stated for its endpoints.
    CagrDoesNotFitSizes,
    /// Parts whose sizes add up to more than the whole.
    PartsExceedTotal,
    /// A country listed under a region that does not contain it.
    CountryOutsideRegion,
    /// A listed name that is no country.
    UnreadableCountry,
    /// A listed name that fits several countries.
    AmbiguousCountry,
}

impl FindingKind {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::SharesExceedWhole => "shares exceed 100 %",
            FindingKind::SharesBelowWhole => "shares below 100 %",
            FindingKind::RegionWithinRegion => "region counted beside a region containing it",
            FindingKind::RegionsOverlap => "overlapping regions",
            FindingKind::FiguresDisagree => "figures disagree",
            FindingKind::CagrsDisagree => "CAGRs disagree",
            FindingKind::CagrDoesNotFitSizes => "CAGR does not fit the sizes",
            FindingKind::PartsExceedTotal => "parts exceed the total",
            FindingKind::CountryOutsideRegion => "country outside its region",
            FindingKind::UnreadableCountry => "unreadable country name",
            FindingKind::AmbiguousCountry => "ambiguous country name",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a number implies, computed: a derived figure with the claims it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Implication {
    claims: Vec<String>,
    text: String,
    value: Option<Estimate>,
}

impl Implication {
    /// The ids of the claims the figure is derived from.
    pub fn claims(&self) -> &[String] {
        &self.claims
    }

    /// The derivation, in words, with the figure.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The derived figure, in the unit the text names (shares and rates as fractions, sizes in
    /// the figure's scale); a one-sided result runs from 0 or to the finite end.
    pub fn value(&self) -> Option<Estimate> {
        self.value
    }
}

/// One problem found: its kind, the claims involved (ids), a summary and what each number
/// implies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    kind: FindingKind,
    claims: Vec<String>,
    summary: String,
    implications: Vec<Implication>,
}

impl Finding {
    /// The kind.
    pub fn kind(&self) -> FindingKind {
        self.kind
    }

    /// The ids of the claims involved.
    pub fn claims(&self) -> &[String] {
        &self.claims
    }

    /// One sentence on what is wrong.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// What each number implies.
    pub fn implications(&self) -> &[Implication] {
        &self.implications
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "[{}] {}", self.kind, self.claims.join(", "))?;
        write!(f, "  {}", self.summary)?;
        for i in &self.implications {
            write!(f, "\n  - {}", i.text)?;
            if !i.claims.is_empty() {
                write!(f, " ({})", i.claims.join(", "))?;
            }
        }
        Ok(())
    }
}

struct Builder {
    findings: Vec<Finding>,
}

impl Builder {
    fn push(&mut self, kind: FindingKind, claims: Vec<String>, summary: String, implications: Vec<Implication>) {
        self.findings.push(Finding { kind, claims, summary, implications });
    }
}

fn imp<S: AsRef<str>>(claims: &[S], text: String, value: Option<(f64, f64)>) -> Implication {
    let value = value.and_then(|(lo, hi)| {
        let lo = if lo.is_finite() { lo } else { 0.0 };
        if hi.is_finite() { Estimate::range(lo, hi.max(lo)).ok() } else { None }
    });
    Implication { claims: claims.iter().map(|s| s.as_ref().to_string()).collect(), text, value }
}

/// Gap between two intervals (0 when they meet).
fn gap((a_lo, a_hi): (f64, f64), (b_lo, b_hi): (f64, f64)) -> f64 {
    (b_lo - a_hi).max(a_lo - b_hi).max(0.0)
}

fn show_interval((lo, hi): (f64, f64), f: impl Fn(f64) -> String) -> String {
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) if lo == hi => f(lo),
        (true, true) => format!("{}–{}", f(lo), f(hi)),
        (true, false) => format!("≥ {}", f(lo)),
        (false, true) => format!("≤ {}", f(hi)),
        (false, false) => "unbounded".to_string(),
    }
}

fn ids(claims: &[&AuditClaim]) -> Vec<String> {
    claims.iter().map(|c| c.id.clone()).collect()
}

/// Groups indices of `items` by a key, keeping first-seen order.
fn group_by<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<Vec<usize>> {
    let mut keys: Vec<K> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let k = key(it);
        match keys.iter().position(|x| *x == k) {
            Some(g) => groups[g].push(i),
            None => {
                keys.push(k);
                groups.push(vec![i]);
            }
        }
    }
    groups
}

// ---------------------------------------------------------------------------------------------
// the audit

/// Audits `set`: every check of the [module documentation](self), in this order: shares
/// (nesting, overlaps, repeated figures, sums), CAGRs against each other, CAGRs against sizes,
/// sizes (repeated figures, parts against wholes, shares against sizes), country lists.
/// Findings within a check follow the order of the claims.
///
/// # Example
///
/// ```
/// use critical_minerals::claims::audit::{AuditClaim, ClaimSet, FindingKind, SizeUnit, Stated, audit};
/// use critical_minerals::money::{Currency, Scale};
///
/// let usd = SizeUnit::money(Currency::USD, Scale::Billion);
/// let m = "batteries";
/// let consistent = ClaimSet::new(vec![
///     AuditClaim::cagr("g", m, Some(2025), 2030, Stated::exact(10.0)?)?,
///     AuditClaim::total("s25", m, 2025, Stated::exact(100.0)?, usd.clone())?,
///     AuditClaim::total("s30", m, 2030, Stated::exact(100.0 * 1.1f64.powi(5))?, usd.clone())?,
/// ])?;
/// assert!(audit(&consistent).is_empty());
///
/// let off = ClaimSet::new(vec![
///     AuditClaim::cagr("g", m, Some(2025), 2030, Stated::exact(10.0)?)?,
///     AuditClaim::total("s25", m, 2025, Stated::exact(100.0)?, usd.clone())?,
///     AuditClaim::total("s30", m, 2030, Stated::exact(200.0)?, usd)?,
/// ])?;
/// let f = audit(&off);
/// assert_eq!(f.len(), 1);
/// assert_eq!(f[0].kind(), FindingKind::CagrDoesNotFitSizes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn audit(set: &ClaimSet) -> Vec<Finding> {
    let mut b = Builder { findings: Vec::new() };
    let t = set.tolerances;
    let markets = group_by(&set.claims, AuditClaim::market_key);
    let by_market: Vec<Vec<&AuditClaim>> =
        markets.iter().map(|g| g.iter().map(|&i| &set.claims[i]).collect()).collect();
    for claims in &by_market {
        check_shares(&mut b, claims, &t);
        check_cagrs(&mut b, claims, &t);
        check_cagr_sizes(&mut b, claims, &t);
        check_sizes(&mut b, claims, &t);
    }
    for claims in &by_market {
        check_country_lists(&mut b, claims);
    }
    b.findings
}

// --- shares

struct ShareRow<'a> {
    claim: &'a AuditClaim,
    place: &'a Place,
    iv: (f64, f64),
}

fn share_interval(s: &Stated) -> (f64, f64) {
    let (lo, hi) = s.interval();
    (lo.max(0.0), hi.min(1.0))
}

fn check_shares(b: &mut Builder, claims: &[&AuditClaim], t: &Tolerances) {
    let rows: Vec<(Option<i32>, ShareRow<'_>)> = claims
        .iter()
        .filter_map(|c| match &c.figure {
            Figure::Share { place, year, share } => {
                Some((*year, ShareRow { claim: c, place, iv: share_interval(share) }))
            }
            _ => None,
        })
        .collect();
    for group in group_by(&rows, |r| r.0) {
        let g: Vec<&ShareRow<'_>> = group.iter().map(|&i| &rows[i].1).collect();
        share_group(b, &g, t);
    }
}

fn share_group(b: &mut Builder, g: &[&ShareRow<'_>], t: &Tolerances) {
    // repeated figures for one place
    for (i, a) in g.iter().enumerate() {
        for c in &g[i + 1..] {
            if a.place.same(c.place) && gap(a.iv, c.iv) > t.share {
                b.push(
                    FindingKind::FiguresDisagree,
                    ids(&[a.claim, c.claim]),
                    format!(
                        "{}'s share is stated twice: {} and {} (gap {} pp, tolerance {} pp)",
                        a.place,
                        show_interval(a.iv, pct),
                        show_interval(c.iv, pct),
                        crate::fmt::trim(gap(a.iv, c.iv) * 100.0, 2),
                        crate::fmt::trim(t.share * 100.0, 2)
                    ),
                    vec![],
                );
            }
        }
    }
    // first claim of each place
    let mut distinct: Vec<&ShareRow<'_>> = Vec::new();
    for r in g {
        if !distinct.iter().any(|d| d.place.same(r.place)) {
            distinct.push(r);
        }
    }
    let outer: Vec<&ShareRow<'_>> =
        distinct.iter().copied().filter(|r| !distinct.iter().any(|o| r.place.strictly_within(o.place))).collect();
    let sum_iv = |rows: &[&ShareRow<'_>]| rows.iter().fold((0.0, 0.0), |(l, h), r| (l + r.iv.0, h + r.iv.1));
    let all_sum = sum_iv(&distinct.iter().copied().filter(|r| r.place != &Place::World).collect::<Vec<_>>());
    let outer_sum = sum_iv(&outer);
    // nesting
    for inner in &distinct {
        for o in &distinct {
            if !inner.place.strictly_within(o.place) {
                continue;
            }
            let rest = (o.iv.0 - inner.iv.1, o.iv.1 - inner.iv.0);
            let mut imps = Vec::new();
            let rest_names = match (inner.place.region(), o.place.region()) {
                (Some(i), Some(r)) => {
                    let names: Vec<&str> = r.members().iter().filter(|c| !i.contains(*c)).map(|c| c.name()).collect();
                    if names.len() <= 5 { format!(" ({})", names.join(", ")) } else { String::new() }
                }
                _ => String::new(),
            };
            if rest.1 < -t.share {
                imps.push(imp(
                    &[&inner.claim.id, &o.claim.id],
                    format!(
                        "{} ({}) is larger than {} ({}), which contains it: impossible",
                        inner.place,
                        show_interval(inner.iv, pct),
                        o.place,
                        show_interval(o.iv, pct)
                    ),
                    None,
                ));
            } else {
                imps.push(imp(
                    &[&o.claim.id, &inner.claim.id],
                    format!(
                        "if both hold, {} without {}{} holds {}",
                        o.place,
                        inner.place,
                        rest_names,
                        show_interval((rest.0.max(0.0), rest.1.max(0.0)), pct)
                    ),
                    Some((rest.0.max(0.0), rest.1.max(0.0))),
                ));
            }
            if o.place != &Place::World {
                imps.push(imp(
                    &ids(&distinct.iter().map(|r| r.claim).collect::<Vec<_>>()),
                    format!(
                        "all stated shares together add up to {}, which counts {} twice; without it they add up to {}",
                        show_interval(all_sum, pct),
                        inner.place,
                        show_interval(outer_sum, pct)
                    ),
                    Some(all_sum),
                ));
            }
            b.push(
                FindingKind::RegionWithinRegion,
                ids(&[inner.claim, o.claim]),
                format!(
                    "{} ({}) is counted beside {} ({}), which contains it",
                    inner.place,
                    show_interval(inner.iv, pct),
                    o.place,
                    show_interval(o.iv, pct)
                ),
                imps,
            );
        }
    }
    // partial overlaps
    let mut overlapping = false;
    for (i, a) in distinct.iter().enumerate() {
        for c in &distinct[i + 1..] {
            if a.place.partly_overlaps(c.place) {
                overlapping = true;
                let shared = match (a.place.region(), c.place.region()) {
                    (Some(x), Some(y)) => {
                        x.members().intersection(y.members()).iter().map(|c| c.alpha3()).collect::<Vec<_>>()
                    }
                    _ => Vec::new(),
                };
                b.push(
                    FindingKind::RegionsOverlap,
                    ids(&[a.claim, c.claim]),
                    format!(
                        "{} and {} share {} countries ({}{}); their shares cannot be added",
                        a.place,
                        c.place,
                        shared.len(),
                        shared.iter().take(5).copied().collect::<Vec<_>>().join(", "),
                        if shared.len() > 5 { ", ..." } else { "" }
                    ),
                    vec![],
                );
            }
        }
    }
    if overlapping {
        return;
    }
    // sums of the outermost regions
    let parts: Vec<&ShareRow<'_>> = if outer.len() > 1 {
        outer.iter().copied().filter(|r| r.place != &Place::World).collect()
    } else {
        outer.clone()
    };
    if parts.is_empty() || parts.iter().all(|r| r.place == &Place::World) {
        return;
    }
    let (lo, hi) = sum_iv(&parts);
    let part_ids = ids(&parts.iter().map(|r| r.claim).collect::<Vec<_>>());
    let has_rest = parts.iter().any(|r| r.place == &Place::RestOfWorld);
    let listed =
        parts.iter().map(|r| format!("{} {}", r.place, show_interval(r.iv, pct))).collect::<Vec<_>>().join(", ");
    if lo > 1.0 + t.share_sum {
        b.push(
            FindingKind::SharesExceedWhole,
            part_ids.clone(),
            format!(
                "shares of regions that do not overlap add up to {} ({listed}), more than 100 % by over the {} pp tolerance",
                show_interval((lo, hi), pct),
                crate::fmt::trim(t.share_sum * 100.0, 2)
            ),
            vec![imp(
                &part_ids,
                format!("at least {} of the market is counted twice or overstated", crate::fmt::percent(lo - 1.0, 1)),
                Some((lo - 1.0, hi - 1.0)),
            )],
        );
    } else if hi < 1.0 - t.share_sum {
        let missing = (1.0 - hi, 1.0 - lo);
        let mut imps = vec![imp(
            &part_ids,
            format!(
                "{} of the market is in no stated region{}",
                show_interval(missing, pct),
                if has_rest {
                    ", although a rest-of-world share is given"
                } else {
                    " and no rest-of-world share is given"
                }
            ),
            Some(missing),
        )];
        let inner: Vec<&ShareRow<'_>> =
            distinct.iter().copied().filter(|r| !outer.iter().any(|o| o.claim.id == r.claim.id)).collect();
        if !inner.is_empty() {
            let (il, ih) = sum_iv(&inner);
            if lo + il <= 1.0 + t.share_sum && hi + ih >= 1.0 - t.share_sum {
                imps.push(imp(
                    &ids(&inner.iter().map(|r| r.claim).collect::<Vec<_>>()),
                    format!(
                        "the gap closes to {} only if {} is counted as a region of its own, although a stated region contains it",
                        show_interval((lo + il, hi + ih), pct),
                        inner.iter().map(|r| r.place.name()).collect::<Vec<_>>().join(", ")
                    ),
                    Some((lo + il, hi + ih)),
                ));
            }
        }
        b.push(
            FindingKind::SharesBelowWhole,
            part_ids,
            format!(
                "shares of regions that do not overlap add up to {} ({listed}), short of 100 % by more than the {} pp tolerance",
                show_interval((lo, hi), pct),
                crate::fmt::trim(t.share_sum * 100.0, 2)
            ),
            imps,
        );
    }
}

// --- CAGRs

struct CagrRow<'a> {
    claim: &'a AuditClaim,
    start: Option<i32>,
    end: i32,
    stated: &'a Stated,
    iv: (f64, f64),
}

fn cagr_rows<'a>(claims: &[&'a AuditClaim]) -> Vec<CagrRow<'a>> {
    claims
        .iter()
        .filter_map(|c| match &c.figure {
            Figure::Cagr { start, end, rate } => {
                let (lo, hi) = rate.interval();
                Some(CagrRow { claim: c, start: *start, end: *end, stated: rate, iv: (lo.max(-1.0), hi) })
            }
            _ => None,
        })
        .collect()
}

struct SizeRow<'a> {
    claim: &'a AuditClaim,
    place: &'a Place,
    year: i32,
    unit: &'a SizeUnit,
    iv: (f64, f64),
}

fn size_rows<'a>(claims: &[&'a AuditClaim]) -> Vec<SizeRow<'a>> {
    claims
        .iter()
        .filter_map(|c| match &c.figure {
            Figure::Size { place, year, value, unit } => {
                let (lo, hi) = value.interval();
                Some(SizeRow { claim: c, place, year: *year, unit, iv: (lo.max(0.0), hi) })
            }
            _ => None,
        })
        .collect()
}

/// `(1 + r)^t` for a rate interval; `r` may be `+∞`.
fn growth_factor(r: f64, years: f64) -> f64 {
    if r == f64::INFINITY { f64::INFINITY } else { (r.ln_1p() * years).exp() }
}

fn show_size_scaled(unit: &SizeUnit, iv: (f64, f64)) -> String {
    show_interval(iv, |v| unit.show(v))
}

fn in_scale(unit: &SizeUnit, (lo, hi): (f64, f64)) -> (f64, f64) {
    let f = match unit {
        SizeUnit::Money { scale, .. } => scale.factor(),
        SizeUnit::Tonnes(_) => 1.0,
    };
    (lo / f, hi / f)
}

fn check_cagrs(b: &mut Builder, claims: &[&AuditClaim], t: &Tolerances) {
    let rows = cagr_rows(claims);
    let sizes = size_rows(claims);
    for (i, a) in rows.iter().enumerate() {
        for c in &rows[i + 1..] {
            let a_start = a.start.unwrap_or(i32::MIN);
            let c_start = c.start.unwrap_or(i32::MIN);
            let (from, to) = (a_start.max(c_start), a.end.min(c.end));
            if from >= to {
                continue; // disjoint periods may grow at different rates
            }
            let g = gap(a.iv, c.iv);
            if g <= t.rate {
                continue;
            }
            let same = a.start == c.start && a.end == c.end && a.start.is_some();
            let mut imps = Vec::new();
            // the window both cover, where it is known
            let window = match (a.start, c.start) {
                (None, None) => None,
                _ => Some((from, to)),
            };
            if let Some((s, e)) = window {
                let years = f64::from(e - s);
                for r in [a, c] {
                    let m = (growth_factor(r.iv.0, years), growth_factor(r.iv.1, years));
                    imps.push(imp(
                        &[&r.claim.id],
                        format!(
                            "at {}/yr the market grows {} over {s}–{e}",
                            r.stated.show(pct),
                            show_interval(m, |v| format!("×{}", crate::fmt::trim(v, 3)))
                        ),
                        Some(m),
                    ));
                }
                // sizes stated inside the window: the base each rate implies at its start
                for sz in sizes.iter().filter(|sz| sz.place == &Place::World && sz.year > s && sz.year <= e) {
                    let years = f64::from(sz.year - s);
                    for r in [a, c] {
                        let base = (sz.iv.0 / growth_factor(r.iv.1, years), sz.iv.1 / growth_factor(r.iv.0, years));
                        let shown = if base.0 <= 0.0 && base.1.is_finite() {
                            format!("at most {}", sz.unit.show(base.1))
                        } else {
                            show_size_scaled(sz.unit, base)
                        };
                        imps.push(imp(
                            &[&r.claim.id, &sz.claim.id],
                            format!(
                                "at {}/yr, {} in {} implies {} in {s}",
                                r.stated.show(pct),
                                show_size_scaled(sz.unit, sz.iv),
                                sz.year,
                                shown
                            ),
                            Some(in_scale(sz.unit, base)),
                        ));
                    }
                }
            }
            b.push(
                FindingKind::CagrsDisagree,
                ids(&[a.claim, c.claim]),
                format!(
                    "two growth rates for {} over {}: {}/yr over {} and {}/yr over {} (gap {} pp/yr, tolerance {} pp/yr)",
                    a.claim.market,
                    if same { "the same period" } else { "overlapping periods" },
                    a.stated.show(pct),
                    period(a.start, a.end),
                    c.stated.show(pct),
                    period(c.start, c.end),
                    crate::fmt::trim(g * 100.0, 1),
                    crate::fmt::trim(t.rate * 100.0, 2)
                ),
                imps,
            );
        }
    }
}

fn check_cagr_sizes(b: &mut Builder, claims: &[&AuditClaim], t: &Tolerances) {
    let rows = cagr_rows(claims);
    let sizes = size_rows(claims);
    for r in &rows {
        let Some(start) = r.start else { continue };
        let years = f64::from(r.end - start);
        for s0 in sizes.iter().filter(|s| s.year == start) {
            for s1 in sizes.iter().filter(|s| s.year == r.end && s.place.same(s0.place) && s.unit.comparable(s0.unit)) {
                // implied rate from the sizes: low from (start high, end low), high from (start low, end high)
                let rate = |from: f64, to: f64| -> f64 {
                    if from == f64::INFINITY || to == 0.0 {
                        -1.0
                    } else if from == 0.0 || to == f64::INFINITY {
                        f64::INFINITY
                    } else {
                        ((to / from).ln() / years).exp_m1()
                    }
                };
                let implied = (rate(s0.iv.1, s1.iv.0), rate(s0.iv.0, s1.iv.1));
                let g = gap(implied, r.iv);
                if g <= t.rate {
                    continue;
                }
                let end_at_rate = (s0.iv.0 * growth_factor(r.iv.0, years), s0.iv.1 * growth_factor(r.iv.1, years));
                b.push(
                    FindingKind::CagrDoesNotFitSizes,
                    ids(&[r.claim, s0.claim, s1.claim]),
                    format!(
                        "{} grows at {}/yr over {}, but its sizes go from {} to {}",
                        s0.place,
                        r.stated.show(pct),
                        period(r.start, r.end),
                        show_size_scaled(s0.unit, s0.iv),
                        show_size_scaled(s1.unit, s1.iv)
                    ),
                    vec![
                        imp(
                            &[&s0.claim.id, &s1.claim.id],
                            format!("the sizes imply {}/yr", show_interval(implied, pct)),
                            Some(implied),
                        ),
                        imp(
                            &[&r.claim.id, &s0.claim.id],
                            format!("the stated rate implies {} in {}", show_size_scaled(s0.unit, end_at_rate), r.end),
                            Some(in_scale(s0.unit, end_at_rate)),
                        ),
                    ],
                );
            }
        }
    }
}

// --- sizes

fn check_sizes(b: &mut Builder, claims: &[&AuditClaim], t: &Tolerances) {
    let sizes = size_rows(claims);
    let rel_gap = |a: (f64, f64), c: (f64, f64)| -> bool {
        let scale = a.1.max(c.1).min(f64::MAX).max(a.0.max(c.0));
        gap(a, c) > t.size_relative * scale
    };
    let groups = group_by(&sizes, |s| s.year);
    for g in groups {
        let g: Vec<&SizeRow<'_>> = g.iter().map(|&i| &sizes[i]).collect();
        for (i, a) in g.iter().enumerate() {
            for c in &g[i + 1..] {
                if !a.unit.comparable(c.unit) {
                    continue;
                }
                if a.place.same(c.place) && rel_gap(a.iv, c.iv) {
                    b.push(
                        FindingKind::FiguresDisagree,
                        ids(&[a.claim, c.claim]),
                        format!(
                            "{}'s size in {} is stated twice: {} and {}",
                            a.place,
                            a.year,
                            show_size_scaled(a.unit, a.iv),
                            show_size_scaled(c.unit, c.iv)
                        ),
                        vec![],
                    );
                }
                for (inner, outer) in [(a, c), (c, a)] {
                    if inner.place.strictly_within(outer.place) && inner.iv.0 > outer.iv.1 * (1.0 + t.size_relative) {
                        b.push(
                            FindingKind::PartsExceedTotal,
                            ids(&[inner.claim, outer.claim]),
                            format!(
                                "{} ({}) is larger than {} ({}), which contains it",
                                inner.place,
                                show_size_scaled(inner.unit, inner.iv),
                                outer.place,
                                show_size_scaled(outer.unit, outer.iv)
                            ),
                            vec![],
                        );
                    }
                }
            }
        }
        // non-overlapping regional parts against the world
        for w in g.iter().filter(|s| s.place == &Place::World) {
            let mut parts: Vec<&SizeRow<'_>> = Vec::new();
            for s in g.iter().filter(|s| s.place != &Place::World && s.unit.comparable(w.unit)) {
                if !parts.iter().any(|p| p.place.same(s.place)) {
                    parts.push(s);
                }
            }
            let disjoint = parts.iter().enumerate().all(|(i, p)| {
                parts[i + 1..].iter().all(|q| match (p.place.region(), q.place.region()) {
                    (Some(x), Some(y)) => !x.overlaps(y),
                    _ => true,
                })
            });
            if parts.len() < 2 || !disjoint {
                continue;
            }
            let lo: f64 = parts.iter().map(|p| p.iv.0).sum();
            if lo > w.iv.1 * (1.0 + t.size_relative) {
                let mut all = vec![w.claim];
                all.extend(parts.iter().map(|p| p.claim));
                b.push(
                    FindingKind::PartsExceedTotal,
                    ids(&all),
                    format!(
                        "sizes of regions that do not overlap add up to at least {} in {}, above the world's {}",
                        w.unit.show(lo),
                        w.year,
                        show_size_scaled(w.unit, w.iv)
                    ),
                    vec![],
                );
            }
        }
    }
    // shares against sizes of the same year
    for c in claims {
        let Figure::Share { place, year: Some(year), share } = &c.figure else { continue };
        let siv = share_interval(share);
        for part in sizes.iter().filter(|s| s.year == *year && s.place.same(place)) {
            for w in
                sizes.iter().filter(|s| s.year == *year && s.place == &Place::World && s.unit.comparable(part.unit))
            {
                if w.iv.0 <= 0.0 {
                    continue;
                }
                let implied = (part.iv.0 / w.iv.1, (part.iv.1 / w.iv.0).min(f64::MAX));
                if gap(implied, siv) > t.share {
                    b.push(
                        FindingKind::FiguresDisagree,
                        ids(&[c, part.claim, w.claim]),
                        format!(
                            "{place}'s share in {year} is stated as {}, but its size and the world's imply {}",
                            show_interval(siv, pct),
                            show_interval(implied, pct)
                        ),
                        vec![imp(
                            &[&part.claim.id, &w.claim.id],
                            format!(
                                "{} / {} = {}",
                                show_size_scaled(part.unit, part.iv),
                                show_size_scaled(w.unit, w.iv),
                                show_interval(implied, pct)
                            ),
                            Some(implied),
                        )],
                    );
                }
            }
        }
    }
}

// --- country lists

fn market_region_of(c: Country) -> Option<String> {
    let p = Partition::market_report().ok()?;
    p.region_of(c).map(|r| r.name().to_string())
}

fn read_words(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let parts: Vec<String> = words
        .iter()
        .map(|w| match Country::lookup(w) {
            Ok(c) => format!("{w} = {} ({})", c.name(), c.alpha3()),
            Err(e) => match e.detail() {
                Detail::AmbiguousCountryName { candidates, .. } => {
                    format!("{w} = ambiguous ({})", candidates.join(" or "))
                }
                _ => format!("{w} = no country"),
            },
        })
        .collect();
    Some(format!("word by word it reads {}", parts.join("; ")))
}

fn check_country_lists(b: &mut Builder, claims: &[&AuditClaim]) {
    for c in claims {
        let Figure::CountryList { place, countries } = &c.figure else { continue };
        let Some(region) = place.region() else { continue };
        let mut i = 0;
        while i < countries.len() {
            let name = countries[i].as_str();
            match Country::lookup(name) {
                Ok(country) => {
                    if !region.contains(country) {
                        let home = market_region_of(country)
                            .map(|r| format!("; the crate's market-report regions put it in {r}"))
                            .unwrap_or_default();
                        b.push(
                            FindingKind::CountryOutsideRegion,
                            vec![c.id.clone()],
                            format!(
                                "{name:?} (entry {}) is listed under {place}, whose definition does not contain {} ({}){home}",
                                i + 1,
                                country.name(),
                                country.alpha3()
                            ),
                            vec![],
                        );
                    }
                }
                Err(e) if matches!(e.detail(), Detail::AmbiguousCountryName { .. }) => {
                    let candidates: &[String] = match e.detail() {
                        Detail::AmbiguousCountryName { candidates, .. } => candidates,
                        _ => &[],
                    };
                    let inside: Vec<&String> = candidates
                        .iter()
                        .filter(|a3| Country::from_code(a3).map(|k| region.contains(k)).unwrap_or(false))
                        .collect();
                    let note = if inside.is_empty() {
                        format!("none of them is in {place}")
                    } else {
                        format!(
                            "of them, {} in {place}",
                            inside.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        )
                    };
                    b.push(
                        FindingKind::AmbiguousCountry,
                        vec![c.id.clone()],
                        format!(
                            "{name:?} (entry {}) under {place} could be any of {}; not guessed ({note})",
                            i + 1,
                            candidates.join(", ")
                        ),
                        vec![],
                    );
                }
                Err(_) => {
                    // an entry split in two ("Saudi", "Arabia")?
                    if let Some(next) = countries.get(i + 1)
                        && Country::lookup(next).is_err()
                        && let Ok(joined) = Country::from_name(&format!("{name} {next}"))
                    {
                        let where_ = if region.contains(joined) {
                            format!("which {place} contains")
                        } else {
                            format!("which {place} does not contain")
                        };
                        b.push(
                            FindingKind::UnreadableCountry,
                            vec![c.id.clone()],
                            format!(
                                "{name:?} and {next:?} (entries {} and {}) under {place} are no country names; not guessed",
                                i + 1,
                                i + 2
                            ),
                            vec![imp(
                                &[&c.id],
                                format!(
                                    "joined they read as {} ({}), {where_}",
                                    joined.name(),
                                    joined.alpha3()
                                ),
                                None,
                            )],
                        );
                        i += 2;
                        continue;
                    }
                    let imps = read_words(name).map(|w| vec![imp(&[&c.id], w, None)]).unwrap_or_default();
                    b.push(
                        FindingKind::UnreadableCountry,
                        vec![c.id.clone()],
                        format!("{name:?} (entry {}) under {place} is no country name; not guessed", i + 1),
                        imps,
                    );
                }
            }
            i += 1;
        }
    }
}
