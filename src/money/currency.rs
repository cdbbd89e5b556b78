//! ISO 4217 currencies.

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Serialize};

/// Rows of ISO 4217 list one used by this crate: alphabetic code, numeric code, minor-unit
/// exponent, English name. Ordered by alphabetic code.
const CURRENCIES: &[(&str, u16, u8, &str)] = &[
    ("ARS", 32, 2, "Argentine Peso"),
    ("AUD", 36, 2, "Australian Dollar"),
    ("BRL", 986, 2, "Brazilian Real"),
    ("CAD", 124, 2, "Canadian Dollar"),
    ("CHF", 756, 2, "Swiss Franc"),
    ("CLP", 152, 0, "Chilean Peso"),
    ("CNY", 156, 2, "Yuan Renminbi"),
    ("EUR", 978, 2, "Euro"),
    ("GBP", 826, 2, "Pound Sterling"),
    ("IDR", 360, 2, "Rupiah"),
    ("INR", 356, 2, "Indian Rupee"),
    ("JPY", 392, 0, "Yen"),
    ("KRW", 410, 0, "Won"),
    ("NOK", 578, 2, "Norwegian Krone"),
    ("SEK", 752, 2, "Swedish Krona"),
    ("USD", 840, 2, "US Dollar"),
    ("ZAR", 710, 2, "Rand"),
];

/// A currency of ISO 4217 ("Codes for the representation of currencies"), small and `Copy`.
///
/// The crate knows the currencies of the countries that mine, refine, trade and buy battery
/// minerals: USD, EUR, CNY, JPY, KRW, AUD, CAD, CLP, GBP, CHF, SEK, NOK, INR, IDR, BRL, ARS and
/// ZAR ([`Currency::all`]). For each it holds the alphabetic code, the numeric code, the
/// minor-unit exponent (2 for cents, 0 for the yen, won and Chilean peso) and the English name,
/// as ISO 4217 list one gives them.
///
/// Parsed from the alphabetic code in any case (`"usd"`), or from the numeric code (`"840"`);
/// serialized as the alphabetic code (`"USD"`). Currency *symbols* are read only by
/// [`Money::parse`](super::Money::parse), where `$` is USD, `€` is EUR, and ambiguous symbols
/// such as `¥` (CNY or JPY) are errors.
///
/// # Example
///
/// ```
/// use critical_minerals::money::Currency;
///
/// let usd: Currency = "usd".parse()?;
/// assert_eq!(usd, Currency::USD);
/// assert_eq!(usd.numeric(), 840);
/// assert_eq!(Currency::JPY.minor_unit(), 0);
/// assert_eq!(Currency::CNY.name(), "Yuan Renminbi");
/// assert!("XYZ".parse::<Currency>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(u8);

impl Currency {
    /// Argentine peso.
    pub const ARS: Currency = Currency(0);
    /// Australian dollar.
    pub const AUD: Currency = Currency(1);
    /// Brazilian real.
    pub const BRL: Currency = Currency(2);
    /// Canadian dollar.
    pub const CAD: Currency = Currency(3);
    /// Swiss franc.
    pub const CHF: Currency = Currency(4);
    /// Chilean peso (no minor unit).
    pub const CLP: Currency = Currency(5);
    /// Chinese yuan renminbi.
    pub const CNY: Currency = Currency(6);
    /// Euro.
    pub const EUR: Currency = Currency(7);
    /// Pound sterling.
    pub const GBP: Currency = Currency(8);
    /// Indonesian rupiah.
    pub const IDR: Currency = Currency(9);
    /// Indian rupee.
    pub const INR: Currency = Currency(10);
    /// Japanese yen (no minor unit).
    pub const JPY: Currency = Currency(11);
    /// South Korean won (no minor unit).
    pub const KRW: Currency = Currency(12);
    /// Norwegian krone.
    pub const NOK: Currency = Currency(13);
    /// Swedish krona.
    pub const SEK: Currency = Currency(14);
    /// US dollar.
    pub const USD: Currency = Currency(15);
    /// South African rand.
    pub const ZAR: Currency = Currency(16);

    fn row(self) -> (&'static str, u16, u8, &'static str) {
        // every constructor yields an index into CURRENCIES; USD keeps this total
        CURRENCIES.get(self.0 as usize).copied().unwrap_or(("USD", 840, 2, "US Dollar"))
    }

    /// Every currency the crate knows, ordered by code.
    pub fn all() -> impl ExactSizeIterator<Item = Currency> {
        (0..CURRENCIES.len()).map(|i| Currency(i as u8))
    }

    /// Alphabetic code, e.g. `"USD"`.
    pub fn code(self) -> &'static str {
        self.row().0
    }

    /// Numeric code, e.g. `840` for the US dollar and `36` for the Australian dollar (written
    /// `036` by ISO 4217).
    pub fn numeric(self) -> u16 {
        self.row().1
    }

    /// Minor-unit exponent: the number of decimals of the currency's smallest unit (2 for the
    /// US dollar, 0 for the yen).
    pub fn minor_unit(self) -> u8 {
        self.row().2
    }

    /// English name as ISO 4217 writes it, e.g. `"US Dollar"`.
    pub fn name(self) -> &'static str {
        self.row().3
    }

    /// By alphabetic code (any case, surrounding spaces ignored) or numeric code (`"840"`,
    /// `"036"`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        let t = code.trim();
        let found = if !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse::<u16>().ok().and_then(|n| CURRENCIES.iter().position(|r| r.1 == n))
        } else {
            CURRENCIES.iter().position(|r| r.0.eq_ignore_ascii_case(t))
        };
        found.map(|i| Currency(i as u8)).ok_or_else(|| Detail::UnknownCurrency { input: code.to_string() }.into())
    }

    /// By numeric code.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_numeric(code: u16) -> Result<Currency, Error> {
        CURRENCIES
            .iter()
            .position(|r| r.1 == code)
            .map(|i| Currency(i as u8))
            .ok_or_else(|| Detail::UnknownCurrency { input: format!("{code:03}") }.into())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::from_code(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_constants_match_their_codes() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        let mut n: Vec<_> = CURRENCIES.iter().map(|r| r.1).collect();
        n.sort_unstable();
        n.dedup();
        assert_eq!(n.len(), CURRENCIES.len());
        let named = [
            (Currency::ARS, "ARS"),
            (Currency::AUD, "AUD"),
            (Currency::BRL, "BRL"),
            (Currency::CAD, "CAD"),
            (Currency::CHF, "CHF"),
            (Currency::CLP, "CLP"),
            (Currency::CNY, "CNY"),
            (Currency::EUR, "EUR"),
            (Currency::GBP, "GBP"),
            (Currency::IDR, "IDR"),
            (Currency::INR, "INR"),
            (Currency::JPY, "JPY"),
            (Currency::KRW, "KRW"),
            (Currency::NOK, "NOK"),
            (Currency::SEK, "SEK"),
            (Currency::USD, "USD"),
            (Currency::ZAR, "ZAR"),
        ];
        assert_eq!(named.len(), CURRENCIES.len());
        for (c, code) in named {
            assert_eq!(c.code(), code);
            assert_eq!(Currency::from_code(&code.to_lowercase()), Ok(c));
            assert_eq!(Currency::from_numeric(c.numeric()), Ok(c));
            assert_eq!(Currency::from_code(&format!("{:03}", c.numeric())), Ok(c));
        }
    }

    #[test]
    fn unknown_codes_are_errors() {
        for bad in ["", "US", "USDD", "XXX", "000", "1234"] {
            assert!(Currency::from_code(bad).is_err(), "{bad:?}");
        }
        assert!(Currency::from_numeric(999).is_err());
    }
}
