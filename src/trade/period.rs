//! Reporting periods: a year or a month.

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Serialize};

/// Years a [`Period`] may have: 1900 to 2100 (trade statistics start in 1962; projections
/// reach 2050).
pub const PERIOD_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A reporting period of trade or production data: a calendar year or a calendar month.
///
/// Read from `"2024"`, `"2024-03"`, `"202403"` (UN Comtrade's monthly form) or `"2024M03"`
/// (Eurostat's); displayed and serialized as `"2024"` or `"2024-03"`. Months are 1 to 12 and
/// years within [`PERIOD_YEARS`].
///
/// Periods are ordered by their start, a year before its own first month:
/// `2023 < 2023-12 < 2024 < 2024-01 < 2024-02`.
///
/// # Example
///
/// ```
/// use critical_minerals::trade::Period;
///
/// let march: Period = "202403".parse()?;
/// assert_eq!(march, Period::month(2024, 3)?);
/// assert_eq!(march.to_string(), "2024-03");
/// assert!(Period::year(2023)? < march);
/// assert_eq!(Period::year(2020)?.years_between(&Period::year(2024)?)?, 4.0);
/// assert_eq!(march.years_between(&"2024-09".parse()?)?, 0.5);
/// assert!("2024-13".parse::<Period>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    year: i32,
    // None for the whole year; ordering puts a year before its months
    month: Option<u8>,
}

impl Period {
    /// A calendar year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a year outside [`PERIOD_YEARS`].
    pub fn year(year: i32) -> Result<Period, Error> {
        check_year(&year.to_string(), year)?;
        Ok(Period { year, month: None })
    }

    /// A calendar month.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) for a year outside [`PERIOD_YEARS`] or a month outside 1–12.
    pub fn month(year: i32, month: u8) -> Result<Period, Error> {
        let input = format!("{year}-{month:02}");
        check_year(&input, year)?;
        if !(1..=12).contains(&month) {
            return Err(Detail::BadPeriod { input, reason: format!("month {month} is outside 1-12") }.into());
        }
        Ok(Period { year, month: Some(month) })
    }

    /// Reads `"2024"`, `"2024-03"`, `"202403"` or `"2024M03"`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) naming the input.
    pub fn parse(s: &str) -> Result<Period, Error> {
        let t = s.trim();
        let bad = |reason: &str| Detail::BadPeriod { input: s.to_string(), reason: reason.to_string() };
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        if !t.is_ascii() {
            return Err(bad("expected YYYY, YYYY-MM or YYYYMM").into());
        }
        // ASCII from here on: byte offsets are character boundaries
        let (y, m) = match t.len() {
            4 => (t, None),
            6 => (&t[..4], t.get(4..)),
            7 => match t.as_bytes().get(4) {
                Some(b'-' | b'M' | b'm') => (&t[..4], t.get(5..)),
                _ => return Err(bad("expected YYYY, YYYY-MM or YYYYMM").into()),
            },
            _ => return Err(bad("expected YYYY, YYYY-MM or YYYYMM").into()),
        };
        if !digits(y) || m.is_some_and(|m| !digits(m)) {
            return Err(bad("expected YYYY, YYYY-MM or YYYYMM").into());
        }
        let year: i32 = y.parse().map_err(|_| bad("bad year"))?;
        match m {
            None => Period::year(year).map_err(|e| with_input(e, s)),
            Some(m) => {
                let month: u8 = m.parse().map_err(|_| bad("bad month"))?;
                Period::month(year, month).map_err(|e| with_input(e, s))
            }
        }
    }

    /// The calendar year.
    pub fn calendar_year(&self) -> i32 {
        self.year
    }

    /// The month (1–12), or `None` for a whole year.
    pub fn calendar_month(&self) -> Option<u8> {
        self.month
    }

    /// Whether this is a whole year.
    pub fn is_year(&self) -> bool {
        self.month.is_none()
    }

    /// Whether `other` lies within this period (a month within its year, or the same period).
    pub fn contains(&self, other: &Period) -> bool {
        self.year == other.year && (self.month.is_none() || self.month == other.month)
    }

    /// Months from 1 January of year 0 to the start of the period.
    fn start_month(&self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month.map_or(0, |m| m - 1))
    }

    /// Years from the start of this period to the start of `later`, months counting as 1/12:
    /// 2020 to 2024 is 4, 2024-03 to 2024-09 is 0.5; negative when `later` comes first.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when one is a year and the other a month: an annual total
    /// and a monthly figure are no basis for a growth rate.
    pub fn years_between(&self, later: &Period) -> Result<f64, Error> {
        if self.is_year() != later.is_year() {
            return Err(Detail::MixedPeriods { from: self.to_string(), to: later.to_string() }.into());
        }
        Ok((later.start_month() - self.start_month()) as f64 / 12.0)
    }
}

fn check_year(input: &str, year: i32) -> Result<(), Error> {
    if PERIOD_YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Detail::BadPeriod { input: input.to_string(), reason: format!("year {year} is outside 1900-2100") }.into())
    }
}

fn with_input(e: Error, input: &str) -> Error {
    match e.detail() {
        Detail::BadPeriod { reason, .. } => {
            Detail::BadPeriod { input: input.to_string(), reason: reason.clone() }.into()
        }
        _ => e,
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Period({self})")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            None => write!(f, "{}", self.year),
            Some(m) => write!(f, "{}-{m:02}", self.year),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        for (s, want) in [("2024", "2024"), ("2024-03", "2024-03"), ("202403", "2024-03"), ("2024M12", "2024-12")] {
            assert_eq!(Period::parse(s).map(|p| p.to_string()), Ok(want.to_string()), "{s}");
        }
        for bad in [
            "", "24", "2024-3", "2024-00", "2024-13", "202413", "1850", "2024/03", "abcd", "2024-ab", "20é4", "20€1",
            "2024-€",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn order_puts_a_year_before_its_months() {
        let mut v: Vec<Period> =
            ["2024-02", "2024", "2023-12", "2024-01", "2023"].iter().filter_map(|s| s.parse().ok()).collect();
        v.sort();
        let s: Vec<String> = v.iter().map(|p| p.to_string()).collect();
        assert_eq!(s, ["2023", "2023-12", "2024", "2024-01", "2024-02"]);
    }
}
