//! The crate's [`Error`] as a Python exception of the class its [`ErrorKind`] names.

use critical_minerals::{Error, ErrorKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The Python class name of each kind (defined in `critical_minerals/_errors.py`).
pub(crate) fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFinite => "NotFiniteError",
        ErrorKind::Negative => "NegativeError",
        ErrorKind::NotPositive => "NotPositiveError",
        ErrorKind::OutOfRange => "OutOfRangeError",
        ErrorKind::InvalidOption => "InvalidOptionError",
        ErrorKind::Empty => "EmptyError",
        ErrorKind::ZeroTotal => "ZeroTotalError",
        ErrorKind::Order => "OrderError",
        ErrorKind::Mismatch => "MismatchError",
        ErrorKind::NotConvertible => "NotConvertibleError",
        ErrorKind::Unknown => "UnknownError",
        ErrorKind::Ambiguous => "AmbiguousError",
        ErrorKind::Parse => "ParseError",
        ErrorKind::Duplicate => "DuplicateError",
        ErrorKind::Overlap => "OverlapError",
        ErrorKind::Inconsistent => "InconsistentError",
        ErrorKind::Missing => "MissingError",
        ErrorKind::NotInForce => "NotInForceError",
        ErrorKind::InvalidData => "InvalidDataError",
        ErrorKind::Io => "IoError",
        ErrorKind::Limit => "LimitError",
        ErrorKind::Unsupported => "UnsupportedError",
        ErrorKind::Internal => "InternalError",
        // a kind added to the core later: the base class
        _ => "CriticalMineralsError",
    }
}

/// An exception of class `name` from `critical_minerals._errors` with `message` and the line of
/// the file it names, if any.
pub(crate) fn raise(name: &str, message: String, line: Option<u64>) -> PyErr {
    Python::attach(|py| {
        let made = py
            .import("critical_minerals._errors")
            .and_then(|m| m.getattr(name))
            .and_then(|cls| cls.call1((message.clone(), line)));
        match made {
            Ok(exc) => PyErr::from_value(exc),
            // the pure-Python half is missing (the native module imported alone)
            Err(_) => PyValueError::new_err(message),
        }
    })
}

/// The crate's error as the Python exception of its kind, with the crate's message.
pub(crate) fn to_py(e: Error) -> PyErr {
    raise(class_name(e.kind()), e.to_string(), e.line())
}

/// An option of a binding function outside what it accepts (`scale="percent"`).
pub(crate) fn invalid_option(message: String) -> PyErr {
    raise("InvalidOptionError", message, None)
}

/// `Result<T, Error>` into `PyResult<T>`.
pub(crate) trait IntoPy<T> {
    /// The error as the Python exception of its kind.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
