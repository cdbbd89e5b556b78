//! The claim model: a figure a document states, with what it is about, where, when, how it is
//! bounded and who states it; every constructor checks the rules listed on [`Claim`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::rules::Reading;
use crate::Error;
#[cfg(doc)]
use crate::ErrorKind;
use crate::error::Detail;
use crate::geo::{CountrySet, Place};
use crate::material::Basis;
use crate::money::{Currency, Scale};
use crate::provenance::Estimate;
use crate::time::Period;
use crate::vocab::text_enum;

/// How a document bounds its figure. What each bound allows is stated once, on
/// [`Tolerances`](super::Tolerances).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Bound {
    /// Stated as a number.
    Exact,
    /// "About", "around", "nearly", "approximately".
    About,
    /// "Or more", "more than", "exceeding": a lower bound.
    AtLeast,
    /// "Up to", "less than": an upper bound.
    AtMost,
    /// "From .. to ..": a range.
    Range,
}

text_enum!(Bound, "bound", "exact, about, at-least, at-most or range", {
    Exact => "exact",
    About => "about",
    AtLeast => "at-least",
    AtMost => "at-most",
    Range => "range",
});

/// What kind of figure a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum ClaimKind {
    /// A tonnage (unit `t`).
    Quantity,
    /// A share in percent (unit `%`, 0–100).
    Share,
    /// A compound annual growth rate (unit `%/yr`).
    Cagr,
    /// A change in percent between two times (unit `%`, at least -100).
    PercentChange,
    /// A ratio of a later to an earlier value ("20 times", "double"; unit `x`).
    Multiple,
    /// A market size in money (unit `<currency> <scale>`, e.g. `USD billion`).
    MarketSize,
    /// The countries a document lists under a region.
    CountryList,
}

text_enum!(ClaimKind, "claim kind", "quantity, share, cagr, percent-change, multiple, market-size or country-list", {
    Quantity => "quantity",
    Share => "share",
    Cagr => "cagr",
    PercentChange => "percent-change",
    Multiple => "multiple",
    MarketSize => "market-size",
    CountryList => "country-list",
});

/// The unit a claim's figure is written in (the `unit` column of `claims.csv`).
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::ClaimUnit;
/// use critical_minerals::money::{Currency, Scale};
///
/// let u: ClaimUnit = "USD billion".parse()?;
/// assert_eq!(u, ClaimUnit::Money { currency: Currency::USD, scale: Scale::Billion });
/// assert_eq!(u.to_string(), "USD billion");
/// assert_eq!("%/yr".parse::<ClaimUnit>()?, ClaimUnit::PercentPerYear);
/// assert!("furlongs".parse::<ClaimUnit>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum ClaimUnit {
    /// Tonnes (`t`).
    Tonnes,
    /// Percent (`%`).
    Percent,
    /// Percent per year (`%/yr`).
    PercentPerYear,
    /// A multiple (`x`).
    Times,
    /// Money in a scale (`USD billion`).
    Money {
        /// Currency.
        currency: Currency,
        /// The scale the figure is written in.
        scale: Scale,
    },
}

impl fmt::Display for ClaimUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimUnit::Tonnes => f.write_str("t"),
            ClaimUnit::Percent => f.write_str("%"),
            ClaimUnit::PercentPerYear => f.write_str("%/yr"),
            ClaimUnit::Times => f.write_str("x"),
            ClaimUnit::Money { currency, scale: Scale::Unit } => write!(f, "{currency}"),
            ClaimUnit::Money { currency, scale } => write!(f, "{currency} {scale}"),
        }
    }
}

impl std::str::FromStr for ClaimUnit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || -> Error {
            Detail::Parse {
                what: "unit",
                input: s.to_string(),
                expected: "t, %, %/yr, x, or a currency with a scale (USD billion)",
            }
            .into()
        };
        match s.trim() {
            "t" => Ok(ClaimUnit::Tonnes),
            "%" => Ok(ClaimUnit::Percent),
            "%/yr" => Ok(ClaimUnit::PercentPerYear),
            "x" => Ok(ClaimUnit::Times),
            t => {
                let (cur, scale) = match t.split_once(' ') {
                    Some((c, sc)) => (c, sc.trim().parse::<Scale>().map_err(|_| bad())?),
                    None => (t, Scale::Unit),
                };
                let currency = Currency::from_code(cur).map_err(|_| bad())?;
                Ok(ClaimUnit::Money { currency, scale })
            }
        }
    }
}

impl TryFrom<String> for ClaimUnit {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ClaimUnit> for String {
    fn from(u: ClaimUnit) -> String {
        u.to_string()
    }
}

/// A figure as a document states it: an [`Estimate`] in the figure's unit, and the [`Bound`]
/// the document puts on it ("about", "or more").
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::{Bound, Stated};
///
/// let s = Stated::at_least(15.0)?; // "exceeding 15 %"
/// assert_eq!(s.to_string(), "≥ 15");
/// assert_eq!(s.bound(), Bound::AtLeast);
/// assert_eq!(Stated::range(40.0, 60.0)?.to_string(), "40–60");
/// assert!(Stated::exact(f64::NAN).is_err());
/// assert!(Stated::range(60.0, 40.0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    estimate: Estimate,
    bound: Bound,
}

impl Stated {
    /// A figure with its bound. A range estimate under a one-number bound is read by its ends:
    /// "at least" from the low end, "at most" up to the high end.
    pub fn new(estimate: Estimate, bound: Bound) -> Stated {
        Stated { estimate, bound }
    }

    /// A figure stated as a number.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`] for NaN or an infinity.
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
    /// [`ErrorKind::NotFinite`] for NaN or an infinity, [`ErrorKind::Order`] for `low > high`.
    pub fn range(low: f64, high: f64) -> Result<Stated, Error> {
        Ok(Stated::new(Estimate::range(low, high)?, Bound::Range))
    }

    /// The estimate as given, in the figure's unit.
    pub fn estimate(&self) -> Estimate {
        self.estimate
    }

    /// The bound as given.
    pub fn bound(&self) -> Bound {
        self.bound
    }

    /// The figure read in base units: the ends times `factor`.
    pub(crate) fn reading(&self, factor: f64) -> Reading {
        Reading { low: self.estimate.low() * factor, high: self.estimate.high() * factor, bound: self.bound }
    }

    /// The figure scaled to base units, as a `Stated` (`None` if a scaled end overflows).
    fn scaled(&self, factor: f64) -> Option<Stated> {
        let r = self.reading(factor);
        Estimate::range(r.low, r.high).ok().map(|e| Stated::new(e, self.bound))
    }
}

impl fmt::Display for Stated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reading(1.0).show(|v| crate::fmt::trim(v, 6)))
    }
}

/// The unit of a size: money or tonnes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SizeUnit {
    /// Money in a currency, written in `scale` (`150` in `USD billion`).
    Money {
        /// The currency.
        currency: Currency,
        /// The scale the figure is written in.
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

    /// What a figure written in this unit is multiplied by to be in units of the currency, or
    /// tonnes (`1e9` for USD billion).
    pub fn factor(&self) -> f64 {
        match self {
            SizeUnit::Money { scale, .. } => scale.factor(),
            SizeUnit::Tonnes(_) => 1.0,
        }
    }

    /// Whether two sizes can be compared: same currency, or tonnes on the same basis.
    pub fn comparable(&self, other: &SizeUnit) -> bool {
        match (self, other) {
            (SizeUnit::Money { currency: a, .. }, SizeUnit::Money { currency: b, .. }) => a == b,
            (SizeUnit::Tonnes(a), SizeUnit::Tonnes(b)) => a == b,
            _ => false,
        }
    }

    /// A size in base units (currency units, tonnes) as people read it, in the scale the
    /// figure was written in.
    pub(crate) fn show(&self, v: f64) -> String {
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

/// What a claim states, in the unit it is written in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ClaimFigure {
    /// A share of the market, in percent (`30.0` for 30 %).
    Share(Stated),
    /// A compound annual growth rate, in percent per year (`4.5`).
    Cagr(Stated),
    /// A change between the start and the end of the period, in percent (`-90.0`).
    PercentChange(Stated),
    /// A multiple of the start value at the end of the period (`20.0` for "20 times").
    Multiple(Stated),
    /// A size: money (in the unit's scale: `150.0` USD billion) or tonnes.
    Size {
        /// The figure, in the unit's scale.
        value: Stated,
        /// Its unit.
        unit: SizeUnit,
    },
    /// The countries a document lists under the claim's place, as written, in order.
    CountryList(Vec<String>),
}

impl ClaimFigure {
    /// The kind: [`ClaimKind::MarketSize`] for money, [`ClaimKind::Quantity`] for tonnes.
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimFigure::Share(_) => ClaimKind::Share,
            ClaimFigure::Cagr(_) => ClaimKind::Cagr,
            ClaimFigure::PercentChange(_) => ClaimKind::PercentChange,
            ClaimFigure::Multiple(_) => ClaimKind::Multiple,
            ClaimFigure::Size { unit: SizeUnit::Money { .. }, .. } => ClaimKind::MarketSize,
            ClaimFigure::Size { unit: SizeUnit::Tonnes(_), .. } => ClaimKind::Quantity,
            ClaimFigure::CountryList(_) => ClaimKind::CountryList,
        }
    }

    /// The figure as written (`None` for a country list).
    pub fn stated(&self) -> Option<&Stated> {
        match self {
            ClaimFigure::Share(s)
            | ClaimFigure::Cagr(s)
            | ClaimFigure::PercentChange(s)
            | ClaimFigure::Multiple(s)
            | ClaimFigure::Size { value: s, .. } => Some(s),
            ClaimFigure::CountryList(_) => None,
        }
    }

    /// The unit the figure is written in (`None` for a country list).
    pub fn unit(&self) -> Option<ClaimUnit> {
        Some(match self {
            ClaimFigure::Share(_) | ClaimFigure::PercentChange(_) => ClaimUnit::Percent,
            ClaimFigure::Cagr(_) => ClaimUnit::PercentPerYear,
            ClaimFigure::Multiple(_) => ClaimUnit::Times,
            ClaimFigure::Size { unit: SizeUnit::Money { currency, scale }, .. } => {
                ClaimUnit::Money { currency: *currency, scale: *scale }
            }
            ClaimFigure::Size { unit: SizeUnit::Tonnes(_), .. } => ClaimUnit::Tonnes,
            ClaimFigure::CountryList(_) => return None,
        })
    }

    /// The basis of a tonnage, when it states one.
    pub fn basis(&self) -> Option<&Basis> {
        match self {
            ClaimFigure::Size { unit: SizeUnit::Tonnes(b), .. } => b.as_ref(),
            _ => None,
        }
    }

    /// What the figure written in its unit is multiplied by to be in base units: 0.01 for
    /// percent, the scale's factor for money, 1 otherwise.
    fn factor(&self) -> f64 {
        match self {
            ClaimFigure::Share(_) | ClaimFigure::Cagr(_) | ClaimFigure::PercentChange(_) => 0.01,
            ClaimFigure::Size { unit, .. } => unit.factor(),
            ClaimFigure::Multiple(_) | ClaimFigure::CountryList(_) => 1.0,
        }
    }

    /// The figure in base units, as the checks read it: shares, rates and changes as fractions
    /// (`0.30` for 30 %), money in units of the currency (USD 150 billion is `1.5e11`), tonnes,
    /// multiples as ratios. `None` for a country list.
    pub fn in_base_units(&self) -> Option<Stated> {
        self.stated().and_then(|s| s.scaled(self.factor()))
    }

    /// The figure in base units, read by the rules (`None` for a country list).
    pub(crate) fn reading(&self) -> Option<Reading> {
        self.stated().map(|s| s.reading(self.factor()))
    }

    /// Reads the figure from the columns of `claims.csv`: the kind, the stated figure, the unit
    /// and the basis; the unit must fit the kind, and only a tonnage takes a basis.
    pub(crate) fn from_columns(
        kind: ClaimKind,
        stated: Stated,
        unit: ClaimUnit,
        basis: Option<Basis>,
    ) -> Result<ClaimFigure, Invalid> {
        let misfit = || Invalid::new(Field::Unit, "", format!("unit {unit} does not fit a {kind} claim"));
        if basis.is_some() && unit != ClaimUnit::Tonnes {
            return Err(Invalid::new(Field::Basis, "", "a basis only goes with a tonnage (unit t)"));
        }
        let figure = match (kind, &unit) {
            (ClaimKind::Share, ClaimUnit::Percent) => ClaimFigure::Share(stated),
            (ClaimKind::PercentChange, ClaimUnit::Percent) => ClaimFigure::PercentChange(stated),
            (ClaimKind::Cagr, ClaimUnit::PercentPerYear) => ClaimFigure::Cagr(stated),
            (ClaimKind::Multiple, ClaimUnit::Times) => ClaimFigure::Multiple(stated),
            (ClaimKind::Quantity, ClaimUnit::Tonnes) => {
                ClaimFigure::Size { value: stated, unit: SizeUnit::Tonnes(basis) }
            }
            (ClaimKind::MarketSize, ClaimUnit::Money { currency, scale }) => {
                ClaimFigure::Size { value: stated, unit: SizeUnit::money(*currency, *scale) }
            }
            (ClaimKind::CountryList, _) => {
                return Err(Invalid::new(Field::Kind, "", "country lists are not read from claims.csv"));
            }
            _ => return Err(misfit()),
        };
        Ok(figure)
    }
}

/// The field of a claim a rule is about (the loader names the column of `claims.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Subject,
    Kind,
    Value,
    Unit,
    Basis,
    Place,
    Period,
}

impl Field {
    /// The column of `claims.csv`.
    pub(crate) fn column(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Subject => "subject",
            Field::Kind => "kind",
            Field::Value => "value",
            Field::Unit => "unit",
            Field::Basis => "basis",
            Field::Place => "region",
            Field::Period => "period_end",
        }
    }
}

/// A broken rule of the claim model: the field it is about and the error.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Invalid {
    pub(crate) field: Field,
    pub(crate) error: Error,
}

impl Invalid {
    fn new(field: Field, claim: &str, reason: impl Into<String>) -> Invalid {
        Invalid::of(field, Detail::BadClaim { claim: claim.to_string(), reason: reason.into() })
    }

    fn of(field: Field, detail: Detail) -> Invalid {
        Invalid { field, error: detail.into() }
    }
}

impl From<Invalid> for Error {
    fn from(i: Invalid) -> Error {
        i.error
    }
}

/// One claim: an id, what it is about (its subject, and the market the audit groups it under),
/// where, when, the figure, and who states it.
///
/// Build one with a constructor per kind ([`Claim::share`], [`Claim::cagr`], [`Claim::size`],
/// [`Claim::total`], [`Claim::country_list`], [`Claim::multiple`], [`Claim::percent_change`]),
/// or with [`Claim::new`]; the built-in dataset loads `claims.csv` into claims
/// ([`Dataset::claims`](crate::dataset::Dataset::claims)). Serializes (serde) as an object of its
/// fields; deserializing checks the rules again.
///
/// A claim holds its figure as written ([`Stated`]: a number or range in the figure's unit,
/// with its [`Bound`]); the checks read it in base units (shares and rates as fractions, money in
/// units of the currency, tonnes) by the rules of [`Tolerances`](super::Tolerances).
/// Every constructor validates, so a claim is always one that the audit and the recomputation can
/// read:
///
/// | rule | error |
/// |---|---|
/// | an id and a subject (the market) that are not blank | [`ErrorKind::Unsupported`] |
/// | a share within 0–100 %, a CAGR above −100 %/yr, a change of −100 % or more, a multiple above 0, a size not negative | [`ErrorKind::OutOfRange`] |
/// | a size that stays finite in units of its currency | [`ErrorKind::NotFinite`] |
/// | a period that does not end before it starts | [`ErrorKind::Unsupported`] |
/// | a CAGR with an end year, after its start year when one is stated | [`ErrorKind::Unsupported`] |
/// | a country list that is not empty, under a country or built-in region | [`ErrorKind::Unsupported`] |
/// | a place the constructors can read ([`Place::lookup`]) | [`ErrorKind::Unknown`] |
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::{Claim, ClaimFigure, ClaimKind, Stated};
/// use critical_minerals::geo::Place;
///
/// let c = Claim::share("na", "batteries", "North America", Some(2025), Stated::exact(30.0)?)?
///     .with_source("seed-002-market-report");
/// assert_eq!(c.id(), "na");
/// assert_eq!(c.kind(), ClaimKind::Share);
/// assert_eq!(c.place().to_string(), "north-america");
/// assert_eq!(c.year(), Some(2025));
/// // held as written, read in base units by the checks
/// assert_eq!(c.figure().stated().map(|s| s.estimate().low()), Some(30.0));
/// assert_eq!(c.figure().in_base_units().map(|s| s.estimate().low()), Some(0.3));
/// assert_eq!(c.to_string(), "na: batteries — North America 30 % in 2025");
///
/// assert!(Claim::share("x", "batteries", "Narnia", None, Stated::exact(30.0)?).is_err());
/// assert!(Claim::share("x", "batteries", "Europe", None, Stated::exact(130.0)?).is_err());
/// let json = serde_json::to_string(&c)?;
/// assert_eq!(serde_json::from_str::<Claim>(&json)?, c);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ClaimWire", into = "ClaimWire")]
pub struct Claim {
    id: String,
    subject: String,
    market: String,
    place: Place,
    start: Option<Period>,
    end: Option<Period>,
    figure: ClaimFigure,
    qualifier: String,
    source: Option<String>,
    note: String,
    /// The countries of `place` (none for the world and the rest of the world).
    members: Option<CountrySet>,
}

#[derive(Serialize, Deserialize)]
struct ClaimWire {
    id: String,
    subject: String,
    market: String,
    place: Place,
    start: Option<Period>,
    end: Option<Period>,
    figure: ClaimFigure,
    #[serde(default)]
    qualifier: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: String,
}

impl TryFrom<ClaimWire> for Claim {
    type Error = Error;
    fn try_from(w: ClaimWire) -> Result<Self, Self::Error> {
        let c = Claim::build(&w.id, &w.subject, w.place, w.start, w.end, w.figure)?;
        Ok(Claim { market: w.market.trim().to_string(), qualifier: w.qualifier, source: w.source, note: w.note, ..c })
    }
}

impl From<Claim> for ClaimWire {
    fn from(c: Claim) -> ClaimWire {
        ClaimWire {
            id: c.id,
            subject: c.subject,
            market: c.market,
            place: c.place,
            start: c.start,
            end: c.end,
            figure: c.figure,
            qualifier: c.qualifier,
            source: c.source,
            note: c.note,
        }
    }
}

/// Reads a place as written in a claim, naming the claim when it cannot.
fn place_of(claim: &str, text: &str) -> Result<Place, Error> {
    Place::lookup(text).map_err(|e| {
        let reason = match e.detail() {
            Detail::AmbiguousCountryName { candidates, .. } => {
                format!("a country name that fits several countries ({})", candidates.join(", "))
            }
            _ => "expected world, rest of world, a built-in region or a country".to_string(),
        };
        Detail::UnknownClaimRegion { claim: claim.to_string(), input: text.to_string(), reason }.into()
    })
}

/// Checks that both ends of `stated` pass `ok`.
fn check_values(id: &str, what: &str, s: &Stated, ok: impl Fn(f64) -> bool, expected: &str) -> Result<(), Invalid> {
    for v in [s.estimate.low(), s.estimate.high()] {
        if !ok(v) {
            let detail =
                Detail::OutOfRange { what: format!("claim {id:?}: {what}"), value: v, expected: expected.to_string() };
            return Err(Invalid::of(Field::Value, detail));
        }
    }
    Ok(())
}

impl Claim {
    /// A claim from its parts, checked by the rules listed on [`Claim`]. The market
    /// is the subject; the claim has no source, qualifier or note until given one.
    ///
    /// # Errors
    ///
    /// As the table of rules on [`Claim`] says.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::claims::{Claim, ClaimFigure, Stated};
    /// use critical_minerals::geo::Place;
    /// use critical_minerals::time::Period;
    ///
    /// let fall = Claim::new(
    ///     "price-fall", "lithium benchmark price", Place::World,
    ///     Some(Period::parse("2022")?), Some(Period::parse("2025")?),
    ///     ClaimFigure::PercentChange(Stated::about(-90.0)?),
    /// )?;
    /// assert_eq!(fall.to_string(), "price-fall: lithium benchmark price — about -90 % over 2022–2025");
    /// let e = Claim::new("c", "s", Place::World, None, None, ClaimFigure::PercentChange(Stated::exact(-120.0)?));
    /// assert!(e.is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: &str,
        subject: &str,
        place: Place,
        start: Option<Period>,
        end: Option<Period>,
        figure: ClaimFigure,
    ) -> Result<Claim, Error> {
        Ok(Claim::build(id, subject, place, start, end, figure)?)
    }

    /// [`Claim::new`], with the field a broken rule is about.
    pub(crate) fn build(
        id: &str,
        subject: &str,
        place: Place,
        start: Option<Period>,
        end: Option<Period>,
        figure: ClaimFigure,
    ) -> Result<Claim, Invalid> {
        let id = id.trim();
        if id.is_empty() {
            return Err(Invalid::new(Field::Id, id, "a claim needs an id"));
        }
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(Invalid::new(Field::Subject, id, "a claim needs a subject (the market it is about)"));
        }
        let members = place.members().map_err(|error| Invalid { field: Field::Place, error })?;
        match &figure {
            ClaimFigure::Share(s) => check_values(id, "share (%)", s, |v| (0.0..=100.0).contains(&v), "0 to 100 %")?,
            ClaimFigure::Cagr(s) => check_values(id, "CAGR (%/yr)", s, |v| v > -100.0, "above -100 %/yr")?,
            ClaimFigure::PercentChange(s) => check_values(id, "change (%)", s, |v| v >= -100.0, "-100 % or more")?,
            ClaimFigure::Multiple(s) => check_values(id, "multiple (x)", s, |v| v > 0.0, "above 0")?,
            ClaimFigure::Size { value, unit } => {
                check_values(id, "size", value, |v| v >= 0.0, "a non-negative size")?;
                let r = value.reading(unit.factor());
                if !r.high.is_finite() {
                    let what = format!("claim {id:?}: size in units of its currency");
                    return Err(Invalid::of(Field::Value, Detail::NotFinite { what, value: r.high }));
                }
            }
            ClaimFigure::CountryList(list) => {
                if list.is_empty() {
                    return Err(Invalid::new(Field::Value, id, "an empty country list"));
                }
                if members.is_none() {
                    return Err(Invalid::new(
                        Field::Place,
                        id,
                        format!("a country list needs a defined region, not {}", place.name()),
                    ));
                }
            }
        }
        if let (Some(s), Some(e)) = (start, end)
            && s.first_day() > e.last_day()
        {
            return Err(Invalid::new(Field::Period, id, format!("the period ends ({e}) before it starts ({s})")));
        }
        if let ClaimFigure::Cagr(_) = figure {
            let Some(e) = end else {
                return Err(Invalid::new(Field::Period, id, "a CAGR needs an end year"));
            };
            if let Some(s) = start
                && s.calendar_year() >= e.calendar_year()
            {
                let (s, e) = (s.calendar_year(), e.calendar_year());
                return Err(Invalid::new(Field::Period, id, format!("CAGR period {s} to {e} does not run forward")));
            }
        }
        Ok(Claim {
            id: id.to_string(),
            subject: subject.to_string(),
            market: subject.to_string(),
            place,
            start,
            end,
            figure,
            qualifier: String::new(),
            source: None,
            note: String::new(),
            members: members.map(|r| *r.members()),
        })
    }

    /// A place's share of `market`, in percent (`Stated::exact(30.0)` for 30 %), in `year` when
    /// stated. The place is read by [`Place::lookup`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`] for a place that cannot be read, [`ErrorKind::OutOfRange`] for a
    /// share outside 0–100 %, [`ErrorKind::Unsupported`] for a blank id or market.
    pub fn share(id: &str, market: &str, place: &str, year: Option<i32>, percent: Stated) -> Result<Claim, Error> {
        let end = year.map(Period::year).transpose()?;
        Claim::new(id, market, place_of(id, place)?, None, end, ClaimFigure::Share(percent))
    }

    /// A CAGR of `market` in percent per year from `start` (when stated) to `end`, for the world.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::claims::{Claim, Stated};
    ///
    /// let c = Claim::cagr("g", "batteries", Some(2025), 2032, Stated::exact(4.5)?)?;
    /// assert_eq!(c.to_string(), "g: batteries — 4.5 %/yr over 2025–2032");
    /// assert!(Claim::cagr("g", "batteries", Some(2032), 2025, Stated::exact(4.5)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unsupported`] for `start ≥ end`, [`ErrorKind::OutOfRange`] for a rate at or
    /// below −100 %/yr.
    pub fn cagr(
        id: &str,
        market: &str,
        start: Option<i32>,
        end: i32,
        percent_per_year: Stated,
    ) -> Result<Claim, Error> {
        let start = start.map(Period::year).transpose()?;
        Claim::new(id, market, Place::World, start, Some(Period::year(end)?), ClaimFigure::Cagr(percent_per_year))
    }

    /// The size of `market` in `place` and `year`, as written in `unit` (for money, the figure
    /// in the unit's scale: `150.0` with `SizeUnit::money(USD, Billion)` is USD 150 billion).
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::claims::{Claim, SizeUnit, Stated};
    /// use critical_minerals::money::{Currency, Scale};
    ///
    /// let c = Claim::size("s", "batteries", "world", 2030, Stated::about(150.0)?,
    ///     SizeUnit::money(Currency::USD, Scale::Billion))?;
    /// assert_eq!(c.figure().in_base_units().map(|s| s.estimate().low()), Some(1.5e11));
    /// assert!(Claim::size("s", "batteries", "world", 2030, Stated::exact(-1.0)?,
    ///     SizeUnit::Tonnes(None)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`], [`ErrorKind::OutOfRange`] for a negative size,
    /// [`ErrorKind::NotFinite`] when the figure overflows in units of its currency.
    pub fn size(id: &str, market: &str, place: &str, year: i32, value: Stated, unit: SizeUnit) -> Result<Claim, Error> {
        let place = place_of(id, place)?;
        Claim::new(id, market, place, None, Some(Period::year(year)?), ClaimFigure::Size { value, unit })
    }

    /// The market's total in `year`: a [`size`](Claim::size) of the world.
    ///
    /// # Errors
    ///
    /// As [`Claim::size`].
    pub fn total(id: &str, market: &str, year: i32, value: Stated, unit: SizeUnit) -> Result<Claim, Error> {
        Claim::size(id, market, "world", year, value, unit)
    }

    /// The countries a document lists under `place`, as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::claims::Claim;
    ///
    /// let c = Claim::country_list("na-list", "batteries", "North America", &["United States", "Canada"])?;
    /// assert!(Claim::country_list("w", "batteries", "world", &["France"]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`]; [`ErrorKind::Unsupported`] for the world or the rest of the world
    /// (no definition to check against) or an empty list.
    pub fn country_list(id: &str, market: &str, place: &str, countries: &[&str]) -> Result<Claim, Error> {
        let list = countries.iter().map(|c| c.to_string()).collect();
        Claim::new(id, market, place_of(id, place)?, None, None, ClaimFigure::CountryList(list))
    }

    /// A multiple of `subject` from `start` to `end` ("20 times since 2020"), for the world.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] for a multiple at or below 0, [`ErrorKind::Unsupported`] for a
    /// period that ends before it starts.
    pub fn multiple(id: &str, subject: &str, start: i32, end: i32, times: Stated) -> Result<Claim, Error> {
        Claim::new(
            id,
            subject,
            Place::World,
            Some(Period::year(start)?),
            Some(Period::year(end)?),
            ClaimFigure::Multiple(times),
        )
    }

    /// A change of `subject` in percent from `from` to `to` (`Stated::about(-90.0)` for "a fall
    /// of nearly 90 %"), for the world.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] for a change below −100 %, [`ErrorKind::Unsupported`] for a
    /// period that ends before it starts.
    pub fn percent_change(id: &str, subject: &str, from: Period, to: Period, percent: Stated) -> Result<Claim, Error> {
        Claim::new(id, subject, Place::World, Some(from), Some(to), ClaimFigure::PercentChange(percent))
    }

    /// The same claim citing `source`.
    #[must_use]
    pub fn with_source(mut self, source: &str) -> Claim {
        self.source = Some(source.to_string());
        self
    }

    /// The same claim with the hedge words as published (`approximately`, `or more`).
    #[must_use]
    pub fn with_qualifier(mut self, qualifier: &str) -> Claim {
        self.qualifier = qualifier.to_string();
        self
    }

    /// The same claim with a remark.
    #[must_use]
    pub fn with_note(mut self, note: &str) -> Claim {
        self.note = note.to_string();
        self
    }

    /// The same claim put under `market` for the audit, which compares claims of one market
    /// only. Documents name one market several ways ("market", "sector"); which claims are
    /// about the same market is the auditor's call. A blank market keeps the subject.
    #[must_use]
    pub fn in_market(mut self, market: &str) -> Claim {
        let m = market.trim();
        self.market = if m.is_empty() { self.subject.clone() } else { m.to_string() };
        self
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// What the figure is about, as written ("secondary lithium metal batteries market share").
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The market the audit groups the claim under: the subject unless put under another with
    /// [`Claim::in_market`].
    pub fn market(&self) -> &str {
        &self.market
    }

    /// Where.
    pub fn place(&self) -> Place {
        self.place
    }

    /// The countries of the place: one for a country, the members of a built-in region, `None`
    /// for the world and the rest of the world.
    pub fn members(&self) -> Option<&CountrySet> {
        self.members.as_ref()
    }

    /// Start of the period, when stated.
    pub fn start(&self) -> Option<Period> {
        self.start
    }

    /// End of the period (or the single period), when stated.
    pub fn end(&self) -> Option<Period> {
        self.end
    }

    /// The year the figure is of: the end's, else the start's.
    pub fn year(&self) -> Option<i32> {
        self.end.or(self.start).map(|p| p.calendar_year())
    }

    /// What it states.
    pub fn figure(&self) -> &ClaimFigure {
        &self.figure
    }

    /// The kind of figure.
    pub fn kind(&self) -> ClaimKind {
        self.figure.kind()
    }

    /// The hedge words as published, empty if none.
    pub fn qualifier(&self) -> &str {
        &self.qualifier
    }

    /// The source id it cites, if any.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Remarks, empty if none.
    pub fn note(&self) -> &str {
        &self.note
    }

    /// How the figure reads, for messages ("North America 30 % in 2025").
    fn describe(&self) -> String {
        let pct = |v: f64| crate::fmt::percent(v, 1);
        let place = self.place.name();
        let over = || period(self.start.map(|p| p.calendar_year()), self.end.map(|p| p.calendar_year()));
        let in_year = |text: String| match self.year() {
            Some(y) => format!("{place} {text} in {y}"),
            None => format!("{place} {text}"),
        };
        let r = |s: &Stated| s.reading(self.figure.factor());
        match &self.figure {
            ClaimFigure::Share(s) => in_year(r(s).show(pct)),
            ClaimFigure::Cagr(s) => format!("{}/yr over {}", r(s).show(pct), over()),
            ClaimFigure::PercentChange(s) => format!("{} over {}", r(s).show(pct), over()),
            ClaimFigure::Multiple(s) => format!("×{} over {}", r(s).show(|v| crate::fmt::trim(v, 3)), over()),
            ClaimFigure::Size { value, unit } => in_year(r(value).show(|v| unit.show(v))),
            ClaimFigure::CountryList(list) => format!("{place}: {}", list.join(", ")),
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} — {}", self.id, self.market, self.describe())
    }
}

/// A period of years, `?` for an end not stated (`2025–2032`, `?–2030`).
pub(crate) fn period(start: Option<i32>, end: Option<i32>) -> String {
    let y = |v: Option<i32>| v.map_or_else(|| "?".to_string(), |y| y.to_string());
    format!("{}–{}", y(start), y(end))
}
