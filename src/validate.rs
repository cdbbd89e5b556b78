//! The crate's one set of number checks. Every public entry point that takes a bare `f64` checks
//! it here, so a NaN, an infinity, a negative tonnage or a share above 1 is refused with the same
//! [`ErrorKind`](crate::ErrorKind) and the same wording everywhere, naming the value and where it
//! came from.
//!
//! `what` is either text or a closure that builds the text only on failure (for hot loops).

use crate::Error;
use crate::error::Detail;

/// Where a checked value came from: text, or a closure that builds the text only on error.
pub(crate) trait What {
    /// The description, built now.
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

impl What for String {
    fn what(self) -> String {
        self
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
/// [`ErrorKind::Negative`](crate::ErrorKind::Negative) naming `what`. `-0.0` is returned as `0.0`.
pub(crate) fn non_negative(what: impl What, v: f64) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: what.what(), value: v }.into());
    }
    if v < 0.0 {
        return Err(Detail::Negative { what: what.what(), value: v }.into());
    }
    Ok(v + 0.0)
}

/// `v` if finite and above zero, else [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
/// [`ErrorKind::NotPositive`](crate::ErrorKind::NotPositive) naming `what`.
pub(crate) fn positive(what: impl What, v: f64) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: what.what(), value: v }.into());
    }
    if v <= 0.0 {
        return Err(Detail::NotPositive { what: what.what(), value: v }.into());
    }
    Ok(v)
}

/// `v` if finite and in `low..=high`, else [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite)
/// or [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) naming `what` and the range.
pub(crate) fn in_range(what: impl What, v: f64, low: f64, high: f64) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: what.what(), value: v }.into());
    }
    if !(low..=high).contains(&v) {
        return Err(Detail::OutOfRange { what: what.what(), value: v, expected: format!("{low} to {high}") }.into());
    }
    Ok(v + 0.0)
}

/// A fraction in `0..=1` (a share), else an error as [`in_range`].
pub(crate) fn fraction(what: impl What, v: f64) -> Result<f64, Error> {
    in_range(what, v, 0.0, 1.0)
}

/// A fraction in `(0, 1]` (a recovery or yield: something must come out), else
/// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) or
/// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) naming `what`.
pub(crate) fn recovery(what: impl What, v: f64) -> Result<f64, Error> {
    if !v.is_finite() {
        return Err(Detail::NotFinite { what: what.what(), value: v }.into());
    }
    if v <= 0.0 || v > 1.0 {
        return Err(Detail::OutOfRange {
            what: what.what(),
            value: v,
            expected: "a fraction above 0 and at most 1".to_string(),
        }
        .into());
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn each_check_names_the_value_and_its_kind() {
        let kind = |r: Result<f64, Error>| r.map_err(|e| (e.kind(), e.to_string()));
        assert_eq!(
            kind(finite("x", f64::NAN)),
            Err((ErrorKind::NotFinite, "x is NaN, expected a finite number".into()))
        );
        assert_eq!(kind(non_negative("t", -1.0)).map_err(|e| e.0), Err(ErrorKind::Negative));
        assert_eq!(non_negative("t", -0.0).map(f64::to_bits), Ok(0.0f64.to_bits()));
        assert_eq!(kind(positive("start", 0.0)).map_err(|e| e.0), Err(ErrorKind::NotPositive));
        assert_eq!(kind(fraction("share", 1.5)).map_err(|e| e.0), Err(ErrorKind::OutOfRange));
        assert!(kind(fraction("share", 1.5)).unwrap_err().1.contains("share is 1.5"));
        assert_eq!(kind(recovery("yield", 0.0)).map_err(|e| e.0), Err(ErrorKind::OutOfRange));
        assert_eq!(recovery("yield", 1.0), Ok(1.0));
        let lazy = || "built only on failure".to_string();
        assert_eq!(finite(lazy, 2.0), Ok(2.0));
    }
}
