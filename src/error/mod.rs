//! The crate's one error type.
//!
//! Every fallible function of the crate returns [`Result<T>`](Result), whose error is [`Error`].
//! An error reaches the caller by one path only: there is no nesting of module errors, so the
//! same failure (a NaN tonnage, say) is the same [`ErrorKind`] whether it came from
//! [`Amount::tonnes`](crate::material::Amount::tonnes) or from a calculator that built the amount.
//!
//! - [`Error::kind`] says what went wrong, as an enumerable [`ErrorKind`] to match on;
//! - the message (`Display`) names the offending value and where it came from: the argument,
//!   the row and column of a file, the claim or the stage;
//! - [`Error::context`] prepends what the caller was doing (`"mining shares 2024: ..."`).
//!
//! # Examples
//!
//! ```
//! use critical_minerals::material::{Amount, Basis};
//! use critical_minerals::{Error, ErrorKind};
//!
//! let e: Error = Amount::tonnes(f64::NAN, Basis::lce()).unwrap_err();
//! assert_eq!(e.kind(), ErrorKind::NotFinite);
//! assert!(e.to_string().contains("NaN"));
//! ```

mod detail;

use std::fmt;

pub(crate) use detail::Detail;

/// What kind of failure an [`Error`] is. Match on it; read the message for the value.
///
/// The kinds group the crate's many messages by what the caller can do about them: fix a number
/// ([`NotFinite`](ErrorKind::NotFinite), [`Negative`](ErrorKind::Negative), ...), fix a name or
/// code ([`Unknown`](ErrorKind::Unknown), [`Parse`](ErrorKind::Parse)), convert first
/// ([`Mismatch`](ErrorKind::Mismatch)), or fix a file ([`InvalidData`](ErrorKind::InvalidData),
/// [`Io`](ErrorKind::Io)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A NaN or infinite number, or a computation that overflowed to one.
    NotFinite,
    /// A negative number where the quantity cannot be negative.
    Negative,
    /// Zero or a negative number where a positive one is needed (a CAGR's start value).
    NotPositive,
    /// A number outside its allowed range (a fraction above 1, a price year before 1900).
    OutOfRange,
    /// An option of a calculator or loader outside what it accepts (zero threads, n = 0).
    InvalidOption,
    /// No input where at least one item is needed; a blank name.
    Empty,
    /// Inputs that add up to zero, so nothing can be divided by their total.
    ZeroTotal,
    /// Dates, periods or bounds in the wrong order (an end before its start, a range low > high).
    Order,
    /// Two values that cannot be combined as they are: bases, currencies, price years, periods,
    /// lengths. Convert one first.
    Mismatch,
    /// A conversion that cannot be made (between elements, or of a mixture such as REO).
    NotConvertible,
    /// A name or code that is not known: a country, currency, element, stage, key, column, source.
    Unknown,
    /// A name that could mean more than one thing (`¥`, a country name shared by two entries).
    Ambiguous,
    /// Text that cannot be read as what it should be (a formula, a basis, money, an HS code).
    Parse,
    /// Something given twice where it must be unique (a key, a region member, a data row).
    Duplicate,
    /// Regions that share countries where a partition is needed.
    Overlap,
    /// Inputs that contradict each other or the model (shares above 100 %, a total below its
    /// rows, a mass balance that does not close, a cycle in a chain).
    Inconsistent,
    /// A required field, column or figure that is absent.
    Missing,
    /// A rule asked about a date or year before it existed.
    NotInForce,
    /// A malformed row or cell of a file (the message names file, line or row, and column).
    InvalidData,
    /// A file that cannot be read or written.
    Io,
    /// A documented size limit of the crate exceeded (distinct codes, groups).
    Limit,
    /// An input the calculator does not support (a commodity without a report, a claim kind).
    Unsupported,
    /// A failure of the crate itself (a worker thread that panicked); please report it.
    Internal,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            ErrorKind::NotFinite => "not a finite number",
            ErrorKind::Negative => "negative",
            ErrorKind::NotPositive => "not positive",
            ErrorKind::OutOfRange => "out of range",
            ErrorKind::InvalidOption => "invalid option",
            ErrorKind::Empty => "empty",
            ErrorKind::ZeroTotal => "zero total",
            ErrorKind::Order => "out of order",
            ErrorKind::Mismatch => "mismatch",
            ErrorKind::NotConvertible => "not convertible",
            ErrorKind::Unknown => "unknown",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::Parse => "cannot parse",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Overlap => "overlap",
            ErrorKind::Inconsistent => "inconsistent",
            ErrorKind::Missing => "missing",
            ErrorKind::NotInForce => "not in force",
            ErrorKind::InvalidData => "invalid data",
            ErrorKind::Io => "i/o",
            ErrorKind::Limit => "limit exceeded",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Internal => "internal",
        };
        f.write_str(s)
    }
}

/// Any error of this crate: a [`kind`](Error::kind) to match on and a message that names the
/// offending value and where it came from.
///
/// # Examples
///
/// ```
/// use critical_minerals::money::Money;
/// use critical_minerals::ErrorKind;
///
/// // "M" means thousand to some writers and million to others: refused, not guessed
/// let e = Money::parse("150 M USD").unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Parse);
/// assert!(e.to_string().contains("bad scale \"M\""));
/// ```
#[derive(Clone, PartialEq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq)]
struct Inner {
    detail: Detail,
    /// What the callers were doing, innermost first.
    context: Vec<String>,
}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.detail.kind()
    }

    /// This error with `context` (what the caller was doing) prepended to its message.
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::material::{Amount, Basis};
    ///
    /// let e = Amount::tonnes(-1.0, Basis::lce()).unwrap_err().context("row 7 of my table");
    /// assert!(e.to_string().starts_with("row 7 of my table: "));
    /// ```
    #[must_use]
    pub fn context(mut self, context: impl Into<String>) -> Error {
        self.inner.context.push(context.into());
        self
    }

    /// The line of the file the error names, if it names one (1-based; a header is line 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::trade::columnar::TradeTable;
    ///
    /// let file = "t,i,j,k,v,q\n2022,156,842,283691,x,1\n";
    /// let e = TradeTable::from_baci_reader("mine.csv", file.as_bytes()).unwrap_err();
    /// assert_eq!(e.line(), Some(2));
    /// ```
    pub fn line(&self) -> Option<u64> {
        match &self.inner.detail {
            Detail::FieldCount { line, .. }
            | Detail::BadCell { line, .. }
            | Detail::UnknownTradeCode { line, .. }
            | Detail::BadComtradeRow { line, .. }
            | Detail::DuplicateRecord { line, .. }
            | Detail::NotAFlow { line, .. }
            | Detail::EmbeddedData { line, .. } => Some(*line),
            Detail::Json { line, .. } => Some(*line as u64),
            Detail::BadField { line, .. }
            | Detail::BadRow { line, .. }
            | Detail::UnknownSource { line, .. }
            | Detail::DuplicateRow { line, .. } => *line,
            Detail::Header { .. } => Some(1),
            _ => None,
        }
    }

    /// The error with its line number moved down by `by` lines (for a file parsed in parts).
    pub(crate) fn shift_line(mut self, by: u64) -> Error {
        if let Detail::FieldCount { line, .. }
        | Detail::BadCell { line, .. }
        | Detail::UnknownTradeCode { line, .. }
        | Detail::LineTooLong { line, .. } = &mut self.inner.detail
        {
            *line += by;
        }
        self
    }

    pub(crate) fn detail(&self) -> &Detail {
        &self.inner.detail
    }
}

impl From<Detail> for Error {
    fn from(detail: Detail) -> Error {
        Error { inner: Box::new(Inner { detail, context: Vec::new() }) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.inner.context.iter().rev() {
            write!(f, "{c}: ")?;
        }
        fmt::Display::fmt(&self.inner.detail, f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error").field("kind", &self.kind()).field("message", &self.to_string()).finish()
    }
}

impl std::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Adds context to the error of a `Result` (crate-internal shorthand for
/// `.map_err(|e| e.context(...))`).
pub(crate) trait Context<T> {
    /// Prepends `context` to the error's message.
    fn context(self, context: impl Into<String>) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, context: impl Into<String>) -> Result<T> {
        self.map_err(|e| e.into().context(context))
    }
}
