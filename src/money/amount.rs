//! [`Money`]: an amount in a currency, with the year its prices are in.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::scale::Parts;
use super::{Currency, Scale};
use crate::Error;
use crate::error::Detail;
use crate::time::YEARS as PRICE_YEARS;

/// An amount of money in one [`Currency`], with the year its prices are in.
///
/// - **Finite, possibly negative.** Balances, net trade and price changes can be negative, so
///   the sign is kept; NaN and infinities are refused ([`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite)), and so is any
///   arithmetic result that overflows to infinity.
/// - **No silent scale.** "USD 150 billion" is stored as `150e9` USD: the scale is applied once,
///   at input ([`Money::parse`], [`Money::from_scaled`], [`MoneyUnit`](super::MoneyUnit)), and
///   the type keeps no factor.
/// - **Price year.** `price_year` says which year's prices the amount is in: `Some(2024)` for
///   "2024 USD" (a real, constant-price figure, or a nominal figure of 2024), `None` when the
///   source does not say. Sums and comparisons need the same currency *and* the same price
///   year; an unspecified year matches only another unspecified year. Converting between
///   years needs a deflator, which is the caller's choice, not this type's.
///
/// Serialized as `{"amount": 1.5e11, "currency": "USD", "price_year": 2024}` (`price_year`
/// omitted when unspecified).
///
/// # Example
///
/// ```
/// use critical_minerals::money::{Currency, Money, Scale};
///
/// let a = Money::parse("USD 1.2 million")?;
/// assert_eq!(a.amount(), 1_200_000.0);
/// let b = Money::from_scaled(1_234.5, Scale::Thousand, Currency::USD)?;
/// assert_eq!(b.amount(), 1_234_500.0);
/// assert_eq!(a.try_add(&b)?.amount(), 2_434_500.0);
///
/// // different currencies or price years do not add up
/// let eur = Money::parse("€150 million")?;
/// assert!(a.try_add(&eur).is_err());
/// let real = a.with_price_year(2024)?;
/// assert!(real.try_add(&b).is_err());
/// assert_eq!(real.to_string(), "1200000.00 USD (2024 prices)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MoneyWire", into = "MoneyWire")]
pub struct Money {
    amount: f64,
    currency: Currency,
    price_year: Option<i32>,
}

#[derive(Serialize, Deserialize)]
struct MoneyWire {
    amount: f64,
    currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    price_year: Option<i32>,
}

impl TryFrom<MoneyWire> for Money {
    type Error = Error;
    fn try_from(w: MoneyWire) -> Result<Self, Self::Error> {
        let m = Money::new(w.amount, w.currency)?;
        match w.price_year {
            Some(y) => m.with_price_year(y),
            None => Ok(m),
        }
    }
}

impl From<Money> for MoneyWire {
    fn from(m: Money) -> Self {
        MoneyWire { amount: m.amount, currency: m.currency, price_year: m.price_year }
    }
}

pub(super) fn finite(what: &str, value: f64) -> Result<f64, Error> {
    crate::validate::finite(what, value)
}

pub(super) fn check_year(year: i32) -> Result<i32, Error> {
    if PRICE_YEARS.contains(&year) { Ok(year) } else { Err(Detail::BadPriceYear { year }.into()) }
}

impl Money {
    /// An amount in a currency, price year unspecified.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN or an infinity.
    pub fn new(amount: f64, currency: Currency) -> Result<Money, Error> {
        let amount = finite(&format!("amount in {currency}"), amount)?;
        Ok(Money { amount, currency, price_year: None })
    }

    /// Zero in a currency.
    pub const fn zero(currency: Currency) -> Money {
        Money { amount: 0.0, currency, price_year: None }
    }

    /// A figure written in a scale: `from_scaled(1_234.5, Scale::Thousand, USD)` is USD 1,234,500.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for NaN, an infinity, or a figure that overflows once scaled.
    pub fn from_scaled(value: f64, scale: Scale, currency: Currency) -> Result<Money, Error> {
        finite(&format!("figure in {scale} {currency}"), value)?;
        Money::new(value * scale.factor(), currency)
    }

    /// Reads money written as analysts write it: a number, a currency (ISO 4217 code or the
    /// symbols `$` / `US$` for USD and `€` for EUR) and an optional scale word, in any order:
    /// `150 billion USD`, `USD 1.2 million`, `$150 billion`, `US$1.2bn`, `-€3,500`, `JPY 12k`.
    ///
    /// The number is decimal with a `.` point; commas are read only as thousands separators in
    /// groups of three (`1,5` is refused rather than guessed). The scale is applied to the
    /// decimal text, so `1.2 million` is exactly the `f64` nearest 1 200 000.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Ambiguous`](crate::ErrorKind::Ambiguous) for `¥` (CNY or JPY?), `£`, `A$`, `C$` and other symbols
    ///   this crate does not guess: the message asks for an ISO 4217 code;
    /// - [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for an unknown three-letter code;
    /// - [`ErrorKind::Parse`](crate::ErrorKind::Parse) for `M`, `MM` or `B`, which mean different things to
    ///   different readers;
    /// - [`ErrorKind::Parse`](crate::ErrorKind::Parse) for an empty text, a missing number or currency, two of
    ///   either, or a malformed number.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::money::{Currency, Money};
    ///
    /// assert_eq!(Money::parse("150 billion USD")?.amount(), 150.0e9);
    /// assert_eq!(Money::parse("$150 billion")?, Money::parse("USD 150bn")?);
    /// assert_eq!(Money::parse("€3,500")?.currency(), Currency::EUR);
    /// assert!(Money::parse("¥150 billion").is_err()); // CNY or JPY?
    /// assert!(Money::parse("$150M").is_err()); // thousand or million?
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<Money, Error> {
        let parts = Parts::read(s, s)?;
        let bad = |reason: &str| Detail::BadMoney { input: s.to_string(), reason: reason.to_string() };
        let number = parts.number.ok_or_else(|| bad("no number"))?;
        let currency = parts.currency.ok_or_else(|| bad("no currency: write an ISO 4217 code such as USD"))?;
        let scale = parts.scale.unwrap_or(Scale::Unit);
        let value: f64 = format!("{number}e{}", scale.exponent()).parse().map_err(|_| bad("not a number"))?;
        finite(&format!("amount {s:?}"), value)?;
        Money::new(value, currency)
    }

    /// The same amount stated in the prices of `year`: a label, not a conversion.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a year outside [`PRICE_YEARS`].
    pub fn with_price_year(self, year: i32) -> Result<Money, Error> {
        Ok(Money { price_year: Some(check_year(year)?), ..self })
    }

    /// The same amount with the price year unspecified.
    pub fn without_price_year(self) -> Money {
        Money { price_year: None, ..self }
    }

    /// The amount, in units of the currency (dollars, not cents nor millions).
    pub fn amount(&self) -> f64 {
        self.amount
    }

    /// The amount expressed in a scale: USD 1.5e11 `in_scale(Scale::Billion)` is 150.
    pub fn in_scale(&self, scale: Scale) -> f64 {
        self.amount / scale.factor()
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The year whose prices the amount is in, if known.
    pub fn price_year(&self) -> Option<i32> {
        self.price_year
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount < 0.0
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount == 0.0
    }

    /// Checks that `other` is in the same currency and price year.
    pub(super) fn check_same(&self, other: &Money, operation: &'static str) -> Result<(), Error> {
        if self.currency != other.currency {
            return Err(Detail::CurrencyMismatch {
                operation,
                left: self.currency.code(),
                right: other.currency.code(),
            }
            .into());
        }
        if self.price_year != other.price_year {
            return Err(Detail::PriceYearMismatch {
                operation,
                left: year_label(self.price_year),
                right: year_label(other.price_year),
            }
            .into());
        }
        Ok(())
    }

    fn same_kind(&self, amount: f64, what: &str) -> Result<Money, Error> {
        let amount = finite(&format!("{what} in {}", self.currency), amount)?;
        Ok(Money { amount, ..*self })
    }

    /// The sum of two amounts in the same currency and price year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) or [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) naming both sides;
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) on overflow.
    pub fn try_add(&self, other: &Money) -> Result<Money, Error> {
        self.check_same(other, "add")?;
        self.same_kind(self.amount + other.amount, "sum")
    }

    /// The difference of two amounts in the same currency and price year.
    ///
    /// # Errors
    ///
    /// As [`Money::try_add`].
    pub fn try_sub(&self, other: &Money) -> Result<Money, Error> {
        self.check_same(other, "subtract")?;
        self.same_kind(self.amount - other.amount, "difference")
    }

    /// The sum of amounts that must all share the currency and price year of `zero` (an empty
    /// iterator gives `zero`).
    ///
    /// # Errors
    ///
    /// As [`Money::try_add`], at the first amount that does not match.
    pub fn try_sum<'a>(zero: Money, amounts: impl IntoIterator<Item = &'a Money>) -> Result<Money, Error> {
        amounts.into_iter().try_fold(zero, |acc, m| acc.try_add(m))
    }

    /// This amount times a finite factor (a share, a quantity, a sign change).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a NaN or infinite factor, or an overflowing result.
    pub fn scale(&self, factor: f64) -> Result<Money, Error> {
        finite("scale factor", factor)?;
        self.same_kind(self.amount * factor, "scaled amount")
    }

    /// `self / other` for two amounts of the same currency and price year (a share of a total, a
    /// price relative).
    ///
    /// # Errors
    ///
    /// As [`Money::try_add`]; [`ErrorKind::ZeroTotal`](crate::ErrorKind::ZeroTotal) when `other` is zero.
    pub fn ratio_to(&self, other: &Money) -> Result<f64, Error> {
        self.check_same(other, "divide")?;
        if other.amount == 0.0 {
            return Err(Detail::ZeroDivisor { what: format!("{other} as a divisor") }.into());
        }
        finite("ratio", self.amount / other.amount)
    }

    /// Orders two amounts of the same currency and price year.
    ///
    /// `Money` has no `PartialOrd`: comparing USD with EUR, or 2020 dollars with 2024 dollars,
    /// has no answer without an exchange rate or a deflator, so it is an error, not `None`.
    ///
    /// # Errors
    ///
    /// As [`Money::try_add`].
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::money::Money;
    /// use std::cmp::Ordering;
    ///
    /// let a = Money::parse("USD 2 million")?;
    /// let b = Money::parse("1,500,000 USD")?;
    /// assert_eq!(a.try_cmp(&b)?, Ordering::Greater);
    /// assert!(a.try_cmp(&Money::parse("EUR 1")?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_cmp(&self, other: &Money) -> Result<Ordering, Error> {
        self.check_same(other, "compare")?;
        Ok(self.amount.total_cmp(&other.amount))
    }

    /// Whether two amounts of the same currency and price year differ by at most `rel_tol`
    /// times the larger magnitude.
    ///
    /// # Errors
    ///
    /// As [`Money::try_add`].
    pub fn approx_eq(&self, other: &Money, rel_tol: f64) -> Result<bool, Error> {
        self.check_same(other, "compare")?;
        let scale = self.amount.abs().max(other.amount.abs());
        Ok((self.amount - other.amount).abs() <= rel_tol * scale)
    }

    /// Formats the amount in a scale, with at most three decimals: `150 billion USD`.
    pub fn display_in(&self, scale: Scale) -> String {
        let n = crate::fmt::trim(self.in_scale(scale), 3);
        let mut s = match scale {
            Scale::Unit => format!("{n} {}", self.currency),
            _ => format!("{n} {scale} {}", self.currency),
        };
        if let Some(y) = self.price_year {
            s.push_str(&format!(" ({y} prices)"));
        }
        s
    }
}

pub(super) fn year_label(y: Option<i32>) -> String {
    match y {
        Some(y) => format!("{y} prices"),
        None => "an unspecified price year".to_string(),
    }
}

/// `1234.50 USD`, `1235 JPY` (the currency's minor unit), then ` (2024 prices)` when the price
/// year is known.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.currency.minor_unit() as usize;
        write!(f, "{:.d$} {}", self.amount, self.currency)?;
        if let Some(y) = self.price_year {
            write!(f, " ({y} prices)")?;
        }
        Ok(())
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_every_spelling_once() {
        let cases: &[(&str, f64, Currency)] = &[
            ("150 billion USD", 150.0e9, Currency::USD),
            ("USD 1.2 million", 1.2e6, Currency::USD),
            ("$150 billion", 150.0e9, Currency::USD),
            ("US$1.2bn", 1.2e9, Currency::USD),
            ("-$150", -150.0, Currency::USD),
            ("USD -1.5 thousand", -1_500.0, Currency::USD),
            ("€3,500", 3_500.0, Currency::EUR),
            ("1,234,567.89 eur", 1_234_567.89, Currency::EUR),
            ("JPY 12k", 12_000.0, Currency::JPY),
            ("0.5 mn CLP", 500_000.0, Currency::CLP),
            ("150€", 150.0, Currency::EUR),
            ("USD 7 '000", 7_000.0, Currency::USD),
        ];
        for (text, amount, cur) in cases {
            let m = Money::parse(text).map_err(|e| e.to_string());
            assert_eq!(m.map(|m| (m.amount(), m.currency())), Ok((*amount, *cur)), "{text}");
        }
    }

    #[test]
    fn parse_refuses_what_it_would_have_to_guess() {
        for bad in [
            "",
            "150",
            "USD",
            "¥150",
            "150 £",
            "A$5",
            "$150M",
            "5 MM USD",
            "1,5 EUR",
            "1.2.3 USD",
            "5 USD EUR",
            "5 6 USD",
            "5 thousand million USD",
            "5 XYZ",
            "five USD",
            "- USD",
            "1e9 USD",
            "NaN USD",
            "inf USD",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn arithmetic_checks_currency_year_and_overflow() {
        let usd = Money::new(1.0e308, Currency::USD).map_err(|e| e.to_string());
        let usd = usd.and_then(|m| m.try_add(&m).map_err(|e| e.to_string()));
        assert!(usd.is_err());
        let a = Money::zero(Currency::USD);
        assert!(matches!(
            a.try_sub(&Money::zero(Currency::EUR)),
            Err(ref e) if matches!(e.detail(), Detail::CurrencyMismatch { left: "USD", right: "EUR", .. })
        ));
        assert!(a.ratio_to(&a).is_err());
        assert!(a.with_price_year(1492).is_err());
        assert!(a.scale(f64::NAN).is_err());
    }
}
