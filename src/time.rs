//! Time: one [`Period`] type (a year, a month or a day) and one [`Span`] between two points.
//!
//! Every dated figure of the crate — a trade flow, a production row, a price point, a claim, a
//! growth rate's endpoints — uses these two types. Years are limited to [`YEARS`] (1900–2100), so
//! that every period has a real first and last day and arithmetic on years cannot overflow.
//! Dates of rules (entry into force, phase-outs) are plain [`chrono::NaiveDate`]s.
//!
//! # Examples
//!
//! ```
//! use critical_minerals::time::{Period, Span};
//!
//! let march: Period = "202403".parse()?; // UN Comtrade's monthly form
//! assert_eq!(march.to_string(), "2024-03");
//! assert!(Period::year(2024)? < march); // a year sorts before its own months
//! // Nov 2022 peak to 18 June 2025: 946 days, 2.59 years
//! let fall = Span::between("2022-11-15".parse()?, "2025-06-18".parse()?)?;
//! assert!((fall.len_years() - 946.0 / 365.25).abs() < 1e-12);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;

/// Years a [`Period`] (and a price year) may have: 1900 to 2100. Trade statistics start in
/// 1962; projections reach 2050.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Days per year for spans between dates: the mean Julian year.
pub const DAYS_PER_YEAR: f64 = 365.25;

/// How precise a [`Period`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// A calendar year.
    Year,
    /// A calendar month.
    Month,
    /// A day.
    Day,
}

/// A reporting period or point in time: a calendar year, a calendar month or a day, with its year
/// in [`YEARS`].
///
/// Read from `"2024"`, `"2024-03"`, `"202403"` (UN Comtrade's monthly form), `"2024M03"`
/// (Eurostat's) or `"2025-06-18"`; displayed and serialized as `"2024"`, `"2024-03"` or
/// `"2025-06-18"`. Only valid periods can be built.
///
/// Periods are ordered by their first day, and a longer period before a shorter one starting the
/// same day: `2023 < 2023-12 < 2024 < 2024-01 < 2024-01-01 < 2024-01-02`.
///
/// # Examples
///
/// ```
/// use critical_minerals::time::Period;
///
/// let march: Period = "202403".parse()?;
/// assert_eq!(march, Period::month(2024, 3)?);
/// assert_eq!(march.to_string(), "2024-03");
/// assert!(Period::year(2023)? < march);
/// assert_eq!(Period::year(2020)?.years_between(&Period::year(2024)?)?, 4.0);
/// assert_eq!(march.years_between(&"2024-09".parse()?)?, 0.5);
/// assert_eq!(march.last_day().to_string(), "2024-03-31");
/// assert!("2024-13".parse::<Period>().is_err());
/// assert!(Period::month(2024, 13).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period(Repr);

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    Year(i32),
    Month(i32, u8),
    Day(NaiveDate),
}

impl Period {
    /// A calendar year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a year outside [`YEARS`].
    pub fn year(year: i32) -> Result<Period, Error> {
        check_year(&year.to_string(), year)?;
        Ok(Period(Repr::Year(year)))
    }

    /// A calendar month.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a year outside [`YEARS`] or a month
    /// outside 1–12.
    pub fn month(year: i32, month: u8) -> Result<Period, Error> {
        let input = format!("{year}-{month:02}");
        check_year(&input, year)?;
        if !(1..=12).contains(&month) {
            return Err(Detail::BadPeriod { input, reason: format!("month {month} is outside 1-12") }.into());
        }
        Ok(Period(Repr::Month(year, month)))
    }

    /// A day.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a year outside [`YEARS`].
    pub fn day(date: NaiveDate) -> Result<Period, Error> {
        check_year(&date.to_string(), date.year())?;
        Ok(Period(Repr::Day(date)))
    }

    /// Reads `"2024"`, `"2024-03"`, `"202403"`, `"2024M03"` or `"2025-06-18"`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the input.
    pub fn parse(s: &str) -> Result<Period, Error> {
        let t = s.trim();
        let bad = |reason: &str| Error::from(Detail::BadPeriod { input: short(s), reason: reason.to_string() });
        const EXPECTED: &str = "expected YYYY, YYYY-MM, YYYYMM or YYYY-MM-DD";
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        if !t.is_ascii() {
            return Err(bad(EXPECTED));
        }
        // ASCII from here on: byte offsets are character boundaries
        let (y, m, d) = match t.len() {
            4 => (t, None, None),
            6 => (&t[..4], t.get(4..), None),
            7 => match t.as_bytes().get(4) {
                Some(b'-' | b'M' | b'm') => (&t[..4], t.get(5..), None),
                _ => return Err(bad(EXPECTED)),
            },
            10 if t.as_bytes().get(4) == Some(&b'-') && t.as_bytes().get(7) == Some(&b'-') => {
                (&t[..4], t.get(5..7), t.get(8..))
            }
            _ => return Err(bad(EXPECTED)),
        };
        if !digits(y) || m.is_some_and(|m| !digits(m)) || d.is_some_and(|d| !digits(d)) {
            return Err(bad(EXPECTED));
        }
        let year: i32 = y.parse().map_err(|_| bad("bad year"))?;
        let with_input = |e: Error| match e.detail() {
            Detail::BadPeriod { reason, .. } => {
                Error::from(Detail::BadPeriod { input: short(s), reason: reason.clone() })
            }
            _ => e,
        };
        match (m, d) {
            (None, _) => Period::year(year).map_err(with_input),
            (Some(m), None) => {
                let month: u8 = m.parse().map_err(|_| bad("bad month"))?;
                Period::month(year, month).map_err(with_input)
            }
            (Some(m), Some(d)) => {
                let (month, day): (u32, u32) =
                    (m.parse().map_err(|_| bad("bad month"))?, d.parse().map_err(|_| bad("bad day"))?);
                check_year(s, year).map_err(with_input)?;
                let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| bad("no such day"))?;
                Period::day(date).map_err(with_input)
            }
        }
    }

    /// The calendar year.
    pub fn calendar_year(&self) -> i32 {
        match self.0 {
            Repr::Year(y) | Repr::Month(y, _) => y,
            Repr::Day(d) => d.year(),
        }
    }

    /// The month (1–12), or `None` for a whole year.
    pub fn calendar_month(&self) -> Option<u8> {
        match self.0 {
            Repr::Year(_) => None,
            Repr::Month(_, m) => Some(m),
            // a day's month is 1..=12 by construction
            Repr::Day(d) => u8::try_from(d.month()).ok(),
        }
    }

    /// The day, if this is one.
    pub fn date(&self) -> Option<NaiveDate> {
        match self.0 {
            Repr::Day(d) => Some(d),
            _ => None,
        }
    }

    /// Year, month or day.
    pub fn precision(&self) -> Precision {
        match self.0 {
            Repr::Year(_) => Precision::Year,
            Repr::Month(..) => Precision::Month,
            Repr::Day(_) => Precision::Day,
        }
    }

    /// Whether this is a whole year.
    pub fn is_year(&self) -> bool {
        self.precision() == Precision::Year
    }

    /// The first day the period covers.
    pub fn first_day(&self) -> NaiveDate {
        match self.0 {
            // valid by construction: the year is in YEARS and the month in 1..=12
            Repr::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
            Repr::Month(y, m) => NaiveDate::from_ymd_opt(y, u32::from(m), 1).unwrap_or(NaiveDate::MIN),
            Repr::Day(d) => d,
        }
    }

    /// The last day the period covers.
    pub fn last_day(&self) -> NaiveDate {
        match self.0 {
            Repr::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
            Repr::Month(y, m) => {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, u32::from(m) + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
            }
            Repr::Day(d) => d,
        }
    }

    /// Whether `other` lies within this period (a month within its year, a day within its
    /// month, or the same period).
    pub fn contains(&self, other: &Period) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }

    /// Years from the start of this period to the start of `later`: whole years between years,
    /// months counting as 1/12 between months, days / 365.25 between days. Negative when `later`
    /// comes first.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the two have different
    /// precisions: an annual total and a monthly figure are no basis for a growth rate.
    pub fn years_between(&self, later: &Period) -> Result<f64, Error> {
        match (self.0, later.0) {
            (Repr::Year(a), Repr::Year(b)) => Ok(f64::from(b - a)),
            (Repr::Month(ya, ma), Repr::Month(yb, mb)) => {
                let months = (i64::from(yb) - i64::from(ya)) * 12 + i64::from(mb) - i64::from(ma);
                Ok(months as f64 / 12.0)
            }
            (Repr::Day(a), Repr::Day(b)) => Ok((b - a).num_days() as f64 / DAYS_PER_YEAR),
            _ => Err(Detail::MixedPeriods { from: self.to_string(), to: later.to_string() }.into()),
        }
    }
}

/// At most 40 characters of an input, for messages.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 { s.to_string() } else { format!("{}…", s.chars().take(40).collect::<String>()) }
}

fn check_year(input: &str, year: i32) -> Result<(), Error> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Detail::BadPeriod { input: short(input), reason: format!("year {year} is outside 1900-2100") }.into())
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Period) -> Ordering {
        self.first_day().cmp(&other.first_day()).then_with(|| self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Period({self})")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.0 {
            Repr::Year(y) => format!("{y:04}"),
            Repr::Month(y, m) => format!("{y:04}-{m:02}"),
            Repr::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        };
        f.pad(&text)
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

impl TryFrom<String> for Period {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Period::parse(&s)
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

/// A positive length of time in years, with the periods it was measured between when it has
/// them (for messages and reports).
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use critical_minerals::time::{Period, Span};
///
/// assert_eq!(Span::years(2020, 2025)?.len_years(), 5.0);
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Nov 2022 peak to 18 June 2025 (the lithium carbonate price fall): 2.59 years
/// let s = Span::dates(d(2022, 11, 15), d(2025, 6, 18))?;
/// assert!((s.len_years() - 946.0 / 365.25).abs() < 1e-12);
/// assert_eq!(s.start().map(|p| p.to_string()), Some("2022-11-15".to_string()));
/// assert!(Span::years(2025, 2020).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SpanWire", into = "SpanWire")]
pub struct Span {
    years: f64,
    start: Option<Period>,
    end: Option<Period>,
}

#[derive(Serialize, Deserialize)]
struct SpanWire {
    years: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<Period>,
}

impl TryFrom<SpanWire> for Span {
    type Error = Error;
    fn try_from(w: SpanWire) -> Result<Span, Error> {
        match (w.start, w.end) {
            (Some(s), Some(e)) => {
                let span = Span::between(s, e)?;
                if span.years.to_bits() != w.years.to_bits() {
                    return Err(Detail::OutOfRange {
                        what: format!("span length from {s} to {e}"),
                        value: w.years,
                        expected: format!("{} years", span.years),
                    }
                    .into());
                }
                Ok(span)
            }
            _ => Span::of_years(w.years),
        }
    }
}

impl From<Span> for SpanWire {
    fn from(s: Span) -> SpanWire {
        SpanWire { years: s.years, start: s.start, end: s.end }
    }
}

impl Span {
    /// The span from year `start` to year `end`: `end − start` whole years.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a year outside [`YEARS`];
    /// [`ErrorKind::Order`](crate::ErrorKind::Order) when `end` is not after `start`.
    pub fn years(start: i32, end: i32) -> Result<Span, Error> {
        Span::between(Period::year(start)?, Period::year(end)?)
    }

    /// The span between two dates: days / 365.25.
    ///
    /// # Errors
    ///
    /// As [`Span::years`].
    pub fn dates(start: NaiveDate, end: NaiveDate) -> Result<Span, Error> {
        Span::between(Period::day(start)?, Period::day(end)?)
    }

    /// The span from the start of `start` to the start of `end`, both of the same precision
    /// (see [`Period::years_between`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for periods of different precision;
    /// [`ErrorKind::Order`](crate::ErrorKind::Order) when `end` is not after `start`.
    pub fn between(start: Period, end: Period) -> Result<Span, Error> {
        let years = start.years_between(&end)?;
        Span::checked(years, Some(start), Some(end))
    }

    /// A span of `years` years with no named endpoints ("over 2.5 years").
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite);
    /// [`ErrorKind::Order`](crate::ErrorKind::Order) for a negative or zero length.
    pub fn of_years(years: f64) -> Result<Span, Error> {
        crate::validate::finite("span length in years", years)?;
        Span::checked(years, None, None)
    }

    /// The start and end as text for messages: the periods, or `0` and `N years`.
    pub(crate) fn endpoints_text(&self) -> (String, String) {
        Span::texts(self.years, self.start, self.end)
    }

    fn texts(years: f64, start: Option<Period>, end: Option<Period>) -> (String, String) {
        match (start, end) {
            (Some(s), Some(e)) => (s.to_string(), e.to_string()),
            _ => ("0".to_string(), format!("{years} years")),
        }
    }

    fn checked(years: f64, start: Option<Period>, end: Option<Period>) -> Result<Span, Error> {
        let (s, e) = Span::texts(years, start, end);
        if years < 0.0 {
            return Err(Detail::EndBeforeStart { start: s, end: e }.into());
        }
        if years == 0.0 {
            return Err(Detail::ZeroSpan { start: s, end: e }.into());
        }
        Ok(Span { years, start, end })
    }

    /// The length in years (positive).
    pub fn len_years(&self) -> f64 {
        self.years
    }

    /// The start, if the span was measured between two periods.
    pub fn start(&self) -> Option<Period> {
        self.start
    }

    /// The end, if the span was measured between two periods.
    pub fn end(&self) -> Option<Period> {
        self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.start, self.end) {
            (Some(s), Some(e)) => write!(f, "{s} to {e} ({} years)", self.years),
            _ => write!(f, "{} years", self.years),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_order_by_first_day_then_length() {
        let p = |s: &str| Period::parse(s).expect(s);
        let sorted = ["2023", "2023-12", "2024", "2024-01", "2024-01-01", "2024-01-02", "2024-02"];
        for w in sorted.windows(2) {
            assert!(p(w[0]) < p(w[1]), "{} < {}", w[0], w[1]);
        }
        assert!(p("2024").contains(&p("2024-03-05")));
        assert!(!p("2024-02").contains(&p("2024-03-05")));
        assert_eq!(p("2024-02").last_day().to_string(), "2024-02-29");
        assert_eq!(p("2100-12").last_day().to_string(), "2100-12-31");
    }

    #[test]
    fn invalid_periods_cannot_be_built() {
        for bad in ["2024-13", "2024-00", "1899", "2101-01", "2023-02-29", "20240", "２０２４", "2024-1-1"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        assert!(Period::month(i32::MAX, 12).is_err());
        let long = "9".repeat(400);
        let e = Period::parse(&long).unwrap_err().to_string();
        assert!(e.len() < 200, "{e}");
    }
}
