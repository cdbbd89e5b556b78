//! Provenance: where a figure comes from ([`Source`]) and how exact it is ([`Estimate`]).

use std::fmt;

use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Serialize};

/// How sure a figure or a source is: one scale for the whole crate (the `tag` column of a
/// dataset's `sources.csv`, and the citations of policy rules).
///
/// | text | variant | meaning |
/// |---|---|---|
/// | `P` | [`Primary`](Confidence::Primary) | read in the primary document (statute, statistical table, official page) |
/// | `S` | [`Secondary`](Confidence::Secondary) | read in a secondary source restating the primary one |
/// | `D` | [`Derived`](Confidence::Derived) | derived from primary or secondary figures; the derivation is documented |
/// | `U` | [`Unconfirmed`](Confidence::Unconfirmed) | recalled or inferred, not found in a source |
/// | `C` | [`Claim`](Confidence::Claim) | a document whose figures are recorded as claims to be checked, not as facts |
///
/// Read from the letter or the word (`"P"`, `"primary"`, any case); written as the word.
///
/// # Examples
///
/// ```
/// use critical_minerals::provenance::Confidence;
///
/// assert_eq!("S".parse::<Confidence>()?, Confidence::Secondary);
/// assert_eq!(Confidence::Claim.to_string(), "claim");
/// assert_eq!(Confidence::Primary.letter(), 'P');
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Confidence {
    /// `P`: read in the primary document.
    Primary,
    /// `S`: read in a secondary source restating the primary one.
    Secondary,
    /// `D`: derived from primary or secondary figures.
    Derived,
    /// `U`: unconfirmed. Accepted in user data so that it can be reported; the built-in data has
    /// none.
    Unconfirmed,
    /// `C`: figures recorded as claims to be checked, not as facts (market reports, articles).
    Claim,
}

impl Confidence {
    /// Every confidence class, most sure first.
    pub const ALL: [Confidence; 5] =
        [Confidence::Primary, Confidence::Secondary, Confidence::Derived, Confidence::Unconfirmed, Confidence::Claim];

    /// The one-letter code (`P`, `S`, `D`, `U`, `C`).
    pub const fn letter(self) -> char {
        match self {
            Confidence::Primary => 'P',
            Confidence::Secondary => 'S',
            Confidence::Derived => 'D',
            Confidence::Unconfirmed => 'U',
            Confidence::Claim => 'C',
        }
    }

    /// The word (`primary`, `secondary`, `derived`, `unconfirmed`, `claim`).
    pub const fn name(self) -> &'static str {
        match self {
            Confidence::Primary => "primary",
            Confidence::Secondary => "secondary",
            Confidence::Derived => "derived",
            Confidence::Unconfirmed => "unconfirmed",
            Confidence::Claim => "claim",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl std::str::FromStr for Confidence {
    type Err = Error;
    fn from_str(s: &str) -> Result<Confidence, Error> {
        let t = s.trim();
        Confidence::ALL
            .into_iter()
            .find(|c| {
                t.eq_ignore_ascii_case(c.name()) || (t.len() == 1 && t.eq_ignore_ascii_case(&c.letter().to_string()))
            })
            .ok_or_else(|| {
                Detail::Parse { what: "confidence", input: s.to_string(), expected: "P, S, D, U or C (or the word)" }
                    .into()
            })
    }
}

impl TryFrom<String> for Confidence {
    type Error = Error;
    fn try_from(s: String) -> Result<Confidence, Error> {
        s.parse()
    }
}

impl From<Confidence> for String {
    fn from(c: Confidence) -> String {
        c.name().to_string()
    }
}

/// A [`Source`] for one embedded figure, date or parameter, with its [`Confidence`] and what it
/// supports.
///
/// # Examples
///
/// ```
/// use critical_minerals::policy::us_45x::Us45xRule;
/// use critical_minerals::provenance::Confidence;
///
/// let rule = Us45xRule::ira();
/// let cell = rule.citations.iter().find(|c| c.supports.contains("cell")).ok_or("no citation")?;
/// assert_eq!(cell.confidence, Confidence::Primary);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// What the citation supports (`"battery cell rate $35/kWh"`).
    pub supports: String,
    /// The source.
    pub source: Source,
    /// How sure the figure is.
    pub confidence: Confidence,
}

impl Citation {
    pub(crate) fn new(supports: &str, source: Source, confidence: Confidence) -> Citation {
        Citation { supports: supports.to_string(), source, confidence }
    }
}

/// Builds a [`Source`] without the blank-field check (the embedded sources are literals).
pub(crate) fn source(id: &str, publisher: &str, title: &str, table: &str, url: Option<&str>) -> Source {
    Source {
        id: id.to_string(),
        publisher: publisher.to_string(),
        title: title.to_string(),
        edition: None,
        table: Some(table.to_string()),
        url: url.map(str::to_string),
    }
}

/// A published source: publisher, title, edition or year, table or page, and address.
///
/// # Example
///
/// ```
/// use critical_minerals::provenance::Source;
///
/// let mcs = Source::new("usgs-mcs-2025-lithium", "U.S. Geological Survey", "Mineral Commodity Summaries 2025: Lithium")?
///     .edition("January 2025")
///     .table("World mine production and reserves, pp. 110-111")
///     .url("https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-lithium.pdf");
/// assert_eq!(mcs.publisher, "U.S. Geological Survey");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SourceWire")]
pub struct Source {
    /// Short identifier that data rows cite (`usgs-mcs-2025-lithium`).
    pub id: String,
    /// Publisher (`U.S. Geological Survey`).
    pub publisher: String,
    /// Title.
    pub title: String,
    /// Edition or year of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Table, figure or page the figure is read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Address of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Deserialize)]
struct SourceWire {
    id: String,
    publisher: String,
    title: String,
    #[serde(default)]
    edition: Option<String>,
    #[serde(default)]
    table: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

impl TryFrom<SourceWire> for Source {
    type Error = Error;
    fn try_from(w: SourceWire) -> Result<Self, Self::Error> {
        let s = Source::new(&w.id, &w.publisher, &w.title)?;
        Ok(Source { edition: w.edition, table: w.table, url: w.url, ..s })
    }
}

impl Source {
    /// A source with an id, publisher and title.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing) when the publisher or title is blank.
    pub fn new(id: &str, publisher: &str, title: &str) -> Result<Source, Error> {
        if publisher.trim().is_empty() {
            return Err(Detail::MissingField { id: id.to_string(), field: "publisher" }.into());
        }
        if title.trim().is_empty() {
            return Err(Detail::MissingField { id: id.to_string(), field: "title" }.into());
        }
        Ok(Source {
            id: id.trim().to_string(),
            publisher: publisher.trim().to_string(),
            title: title.trim().to_string(),
            edition: None,
            table: None,
            url: None,
        })
    }

    /// Sets the edition or year.
    pub fn edition(mut self, edition: &str) -> Source {
        self.edition = Some(edition.to_string());
        self
    }

    /// Sets the table, figure or page.
    pub fn table(mut self, table: &str) -> Source {
        self.table = Some(table.to_string());
        self
    }

    /// Sets the address.
    pub fn url(mut self, url: &str) -> Source {
        self.url = Some(url.to_string());
        self
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.publisher, self.title)?;
        if let Some(e) = &self.edition {
            write!(f, " ({e})")?;
        }
        if let Some(t) = &self.table {
            write!(f, ", {t}")?;
        }
        Ok(())
    }
}

/// A figure that is a point or a range `low..=high` ("40,000 to 60,000 tonnes").
///
/// Serialized as a number for a point and as `{"low": .., "high": ..}` for a range.
///
/// # Example
///
/// ```
/// use critical_minerals::provenance::Estimate;
///
/// let metal = Estimate::range(40_000.0, 60_000.0)?;
/// assert_eq!(metal.mid(), 50_000.0);
/// assert!(metal.contains(45_000.0));
/// assert!(Estimate::range(60_000.0, 40_000.0).is_err());
/// assert_eq!(Estimate::point(7.0)?.width(), 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "EstimateWire", into = "EstimateWire")]
pub struct Estimate {
    low: f64,
    high: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum EstimateWire {
    Point(f64),
    Range { low: f64, high: f64 },
}

impl TryFrom<EstimateWire> for Estimate {
    type Error = Error;
    fn try_from(w: EstimateWire) -> Result<Self, Self::Error> {
        match w {
            EstimateWire::Point(v) => Estimate::point(v),
            EstimateWire::Range { low, high } => Estimate::range(low, high),
        }
    }
}

impl From<Estimate> for EstimateWire {
    fn from(e: Estimate) -> Self {
        if e.is_point() { EstimateWire::Point(e.low) } else { EstimateWire::Range { low: e.low, high: e.high } }
    }
}

impl Estimate {
    /// A point value.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or infinity.
    pub fn point(v: f64) -> Result<Estimate, Error> {
        Estimate::range(v, v)
    }

    /// A range; `low` must not exceed `high`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a NaN or infinite bound, [`ErrorKind::Order`](crate::ErrorKind::Order)
    /// when `low > high`.
    pub fn range(low: f64, high: f64) -> Result<Estimate, Error> {
        for v in [low, high] {
            if !v.is_finite() {
                return Err(Detail::EstimateNotFinite { value: v }.into());
            }
        }
        if low > high {
            return Err(Detail::Inverted { low, high }.into());
        }
        Ok(Estimate { low, high })
    }

    /// Low end (the value, for a point).
    pub fn low(&self) -> f64 {
        self.low
    }

    /// High end (the value, for a point).
    pub fn high(&self) -> f64 {
        self.high
    }

    /// Midpoint.
    pub fn mid(&self) -> f64 {
        self.low + (self.high - self.low) / 2.0
    }

    /// `high - low` (0 for a point).
    pub fn width(&self) -> f64 {
        self.high - self.low
    }

    /// Whether this is a point.
    pub fn is_point(&self) -> bool {
        self.low == self.high
    }

    /// Whether `v` lies in `low..=high`.
    pub fn contains(&self, v: f64) -> bool {
        self.low <= v && v <= self.high
    }

    /// Applies a monotone non-decreasing function to both ends.
    ///
    /// # Errors
    ///
    /// As [`Estimate::range`] when `f` gives a non-finite value or is not non-decreasing.
    pub fn map_monotone(&self, f: impl Fn(f64) -> f64) -> Result<Estimate, Error> {
        Estimate::range(f(self.low), f(self.high))
    }
}

impl fmt::Display for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_point() { write!(f, "{}", self.low) } else { write!(f, "{}–{}", self.low, self.high) }
    }
}
