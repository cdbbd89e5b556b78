//! ISO 4217 currencies.

use std::fmt;
use std::str::FromStr;

use crate::Error;
use crate::error::Detail;
use serde::{Deserialize, Serialize};

/// A currency of ISO 4217 ("Codes for the representation of currencies"), small and `Copy`.
///
/// Every ISO 4217 currency is known, through the `iso_currency` crate (its table follows the ISO
/// 4217 list as Wikipedia restates it): alphabetic code, numeric code, minor-unit exponent (2 for
/// cents, 0 for the yen, won and Chilean peso) and English name. Superseded currencies (HRK, BGN)
/// and funds (CLF) are kept, since historic prices are quoted in them; the special codes that are
/// not currencies (XAU gold, XDR, XTS, XXX "no currency") are refused. Constants name the
/// currencies of the countries that mine, refine, trade and buy battery minerals
/// ([`Currency::USD`], [`Currency::CNY`], ...); [`Currency::from_code`] reads any other.
///
/// Parsed from the alphabetic code in any case (`"usd"`), or from the numeric code (`"840"`);
/// serialized as the alphabetic code (`"USD"`). Currency *symbols* are read only by
/// [`Money::parse`](super::Money::parse), where `$` is USD, `€` is EUR, and ambiguous symbols
/// such as `¥` (CNY or JPY) are errors.
///
/// # Examples
///
/// ```
/// use critical_minerals::money::Currency;
///
/// let usd: Currency = "usd".parse()?;
/// assert_eq!(usd, Currency::USD);
/// assert_eq!(usd.numeric(), 840);
/// assert_eq!(Currency::JPY.minor_unit(), 0);
/// assert_eq!(Currency::from_code("MXN")?.name(), "Mexican peso");
/// assert!("XYZ".parse::<Currency>().is_err());
/// assert!("XAU".parse::<Currency>().is_err()); // a troy ounce of gold, not a currency
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// Argentine peso.
    pub const ARS: Currency = Currency(iso_currency::Currency::ARS);
    /// Australian dollar.
    pub const AUD: Currency = Currency(iso_currency::Currency::AUD);
    /// Brazilian real.
    pub const BRL: Currency = Currency(iso_currency::Currency::BRL);
    /// Canadian dollar.
    pub const CAD: Currency = Currency(iso_currency::Currency::CAD);
    /// Swiss franc.
    pub const CHF: Currency = Currency(iso_currency::Currency::CHF);
    /// Chilean peso.
    pub const CLP: Currency = Currency(iso_currency::Currency::CLP);
    /// Chinese yuan (renminbi).
    pub const CNY: Currency = Currency(iso_currency::Currency::CNY);
    /// Euro.
    pub const EUR: Currency = Currency(iso_currency::Currency::EUR);
    /// Pound sterling.
    pub const GBP: Currency = Currency(iso_currency::Currency::GBP);
    /// Indonesian rupiah.
    pub const IDR: Currency = Currency(iso_currency::Currency::IDR);
    /// Indian rupee.
    pub const INR: Currency = Currency(iso_currency::Currency::INR);
    /// Japanese yen.
    pub const JPY: Currency = Currency(iso_currency::Currency::JPY);
    /// South Korean won.
    pub const KRW: Currency = Currency(iso_currency::Currency::KRW);
    /// Mexican peso.
    pub const MXN: Currency = Currency(iso_currency::Currency::MXN);
    /// Norwegian krone.
    pub const NOK: Currency = Currency(iso_currency::Currency::NOK);
    /// Swedish krona.
    pub const SEK: Currency = Currency(iso_currency::Currency::SEK);
    /// United States dollar.
    pub const USD: Currency = Currency(iso_currency::Currency::USD);
    /// South African rand.
    pub const ZAR: Currency = Currency(iso_currency::Currency::ZAR);

    /// Every ISO 4217 currency the crate accepts, ordered by alphabetic code.
    pub fn all() -> impl ExactSizeIterator<Item = Currency> {
        let mut all: Vec<Currency> = (1..=999u16).filter_map(|n| Currency::from_numeric(n).ok()).collect();
        all.sort();
        all.into_iter()
    }

    /// Alphabetic code, e.g. `"USD"`.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Numeric code, e.g. `840` for the US dollar and `36` for the Australian dollar (written
    /// `036` by ISO 4217).
    pub fn numeric(self) -> u16 {
        self.0.numeric()
    }

    /// Minor-unit exponent: the number of decimals of the currency's smallest unit (2 for the
    /// US dollar, 0 for the yen).
    pub fn minor_unit(self) -> u8 {
        // every accepted currency has an exponent (the special codes without one are refused)
        self.0.exponent().and_then(|e| u8::try_from(e).ok()).unwrap_or(2)
    }

    /// English name, e.g. `"United States dollar"`.
    pub fn name(&self) -> &str {
        self.0.name()
    }

    fn accept(c: iso_currency::Currency) -> Option<Currency> {
        (!c.is_special() && c.exponent().is_some()).then_some(Currency(c))
    }

    /// By alphabetic code (any case, surrounding spaces ignored) or numeric code (`"840"`,
    /// `"036"`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code, also for the special
    /// codes that are not currencies (XAU, XDR, XXX, ...).
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        let t = code.trim();
        let found = if !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse::<u16>().ok().and_then(iso_currency::Currency::from_numeric)
        } else if t.len() == 3 && t.is_ascii() {
            iso_currency::Currency::from_code(&t.to_ascii_uppercase())
        } else {
            None
        };
        found
            .and_then(Currency::accept)
            .ok_or_else(|| Detail::UnknownCurrency { input: code.chars().take(40).collect() }.into())
    }

    /// By numeric code.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) naming the code.
    pub fn from_numeric(code: u16) -> Result<Currency, Error> {
        iso_currency::Currency::from_numeric(code)
            .and_then(Currency::accept)
            .ok_or_else(|| Detail::UnknownCurrency { input: format!("{code:03}") }.into())
    }
}

impl Ord for Currency {
    fn cmp(&self, other: &Currency) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialOrd for Currency {
    fn partial_cmp(&self, other: &Currency) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
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
    fn constants_match_their_codes_and_every_currency_reads_back() {
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
            (Currency::MXN, "MXN"),
            (Currency::NOK, "NOK"),
            (Currency::SEK, "SEK"),
            (Currency::USD, "USD"),
            (Currency::ZAR, "ZAR"),
        ];
        for (c, code) in named {
            assert_eq!(c.code(), code);
        }
        let all: Vec<Currency> = Currency::all().collect();
        assert!(all.len() > 150, "{}", all.len());
        assert!(all.windows(2).all(|w| w[0].code() < w[1].code()));
        for c in all {
            assert_eq!(Currency::from_code(&c.code().to_lowercase()), Ok(c));
            assert_eq!(Currency::from_numeric(c.numeric()), Ok(c));
            assert_eq!(Currency::from_code(&format!("{:03}", c.numeric())), Ok(c));
        }
    }

    #[test]
    fn unknown_and_special_codes_are_errors() {
        for bad in ["", "US", "USDD", "XXX", "XAU", "XDR", "000", "1234", "ÜSD"] {
            assert!(Currency::from_code(bad).is_err(), "{bad:?}");
        }
        assert!(Currency::from_numeric(999).is_err());
    }
}
