//! The calculators' shared error (to be folded into the crate-wide `Error`) and validators.

/// Where a checked value came from: text, or a closure that builds the text only on error (for
/// hot loops).
pub(crate) trait What {
    fn what(self) -> String;
}

impl What for &str {
    fn what(self) -> String {
        self.to_string()
    }
}

impl What for &String {
    fn what(self) -> String {
        self.clone()
    }
}

impl<F: FnOnce() -> String> What for F {
    fn what(self) -> String {
        self()
    }
}

/// `v` if finite, else [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) naming `what`.
pub(crate) fn finite(what: impl What, v: f64) -> Result<f64, Error> {
    if v.is_finite() { Ok(v) } else { Err(Detail::NotFinite { what: what.what(), value: v }.into()) }
}

/// `v` if finite and not negative, else [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming `what`.
pub(crate) fn non_negative(what: impl What, v: f64) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: what.what(), value: v }.into());
    }
    if v < 0.0 {
        return Err(Detail::Negative { what: what.what(), value: v }.into());
    }
    Ok(v)
}

use crate::Error;
use crate::error::Detail;
