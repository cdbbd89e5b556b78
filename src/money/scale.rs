//! Scales ("thousand", "million", "billion") read once at input, and the text parser shared by
//! [`Money::parse`](super::Money::parse) and [`MoneyUnit`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Currency, Money};
use crate::Error;
use crate::error::Detail;

/// The scale a figure is written in: units, thousands, millions or billions.
///
/// A scale is a property of how a number is *written* ("USD 1.2 million", a column headed
/// "thousand USD"), never of a [`Money`]: it is applied once, at input, into the amount.
/// `billion` is the short scale, 10⁹ (a *milliard* in long-scale languages, also accepted).
///
/// Text forms (any case): `thousand`/`thousands`/`k`/`th`/`'000`, `million`/`millions`/`mn`/
/// `mln`/`mio`, `billion`/`billions`/`bn`/`bln`/`milliard`/`mrd`. The letters `m`, `mm` and `b` are
/// refused: `M` is a thousand in some accounting conventions (`MM` a million) and a million in
/// others.
///
/// # Example
///
/// ```
/// use critical_minerals::money::Scale;
///
/// assert_eq!("million".parse::<Scale>()?, Scale::Million);
/// assert_eq!(Scale::Billion.factor(), 1.0e9);
/// assert!("M".parse::<Scale>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Ones (no scale word).
    #[default]
    Unit,
    /// Thousands, 10³.
    Thousand,
    /// Millions, 10⁶.
    Million,
    /// Billions (short scale), 10⁹.
    Billion,
    /// Trillions (short scale), 10¹².
    Trillion,
}

impl Scale {
    /// Every scale, smallest first.
    pub const ALL: [Scale; 5] = [Scale::Unit, Scale::Thousand, Scale::Million, Scale::Billion, Scale::Trillion];

    /// Power of ten: 0, 3, 6, 9 or 12.
    pub const fn exponent(self) -> i32 {
        match self {
            Scale::Unit => 0,
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::Trillion => 12,
        }
    }

    /// The factor: 1, 10³, 10⁶, 10⁹ or 10¹².
    pub const fn factor(self) -> f64 {
        match self {
            Scale::Unit => 1.0,
            Scale::Thousand => 1.0e3,
            Scale::Million => 1.0e6,
            Scale::Billion => 1.0e9,
            Scale::Trillion => 1.0e12,
        }
    }

    /// The English word (`"million"`; `"unit"` for ones).
    pub const fn word(self) -> &'static str {
        match self {
            Scale::Unit => "unit",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
            Scale::Trillion => "trillion",
        }
    }

    /// Recognises a scale word; `Ok(None)` for a word that is no scale at all.
    fn from_word(word: &str) -> Result<Option<Scale>, Error> {
        let w = word.trim().trim_end_matches('.').to_ascii_lowercase();
        Ok(Some(match w.as_str() {
            "unit" | "units" | "ones" => Scale::Unit,
            "thousand" | "thousands" | "k" | "th" | "'000" | "’000" => Scale::Thousand,
            "million" | "millions" | "mn" | "mln" | "mio" => Scale::Million,
            "billion" | "billions" | "bn" | "bln" | "milliard" | "milliards" | "mrd" => Scale::Billion,
            "trillion" | "trillions" => Scale::Trillion,
            "m" | "mm" | "b" => {
                return Err(Detail::BadScale {
                    input: word.to_string(),
                    reason: "ambiguous abbreviation (M is a thousand in some conventions and a million in others): write thousand, million or billion",
                }.into());
            }
            _ => return Ok(None),
        }))
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.word())
    }
}

impl FromStr for Scale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scale::from_word(s)?.ok_or_else(|| {
            Detail::BadScale { input: s.to_string(), reason: "expected thousand, million, billion or trillion" }.into()
        })
    }
}

/// The unit of a money column or figure: a scale and a currency, as in a header reading
/// "thousand USD", "USD million" or "US$ '000".
///
/// Read the header once with [`MoneyUnit::parse`], then turn each cell into [`Money`] with
/// [`MoneyUnit::money`]: the scale goes into the amount and is gone.
///
/// # Example
///
/// ```
/// use critical_minerals::money::{Currency, MoneyUnit, Scale};
///
/// let header = MoneyUnit::parse("(thousand USD)")?;
/// assert_eq!(header, MoneyUnit::new(Scale::Thousand, Currency::USD));
/// let cell = header.money(1_234.5)?;
/// assert_eq!(cell.amount(), 1_234_500.0);
/// assert!(MoneyUnit::parse("thousand").is_err()); // no currency
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MoneyUnit {
    /// The scale figures are written in.
    pub scale: Scale,
    /// Their currency.
    pub currency: Currency,
}

impl MoneyUnit {
    /// A unit from its scale and currency.
    pub const fn new(scale: Scale, currency: Currency) -> MoneyUnit {
        MoneyUnit { scale, currency }
    }

    /// Reads a unit such as `thousand USD`, `USD million`, `US$ bn`, `€ '000` or `(USD)`; one
    /// pair of surrounding parentheses or brackets is ignored.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) when there is a number in the text, no currency or two;
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown), [`ErrorKind::Ambiguous`](crate::ErrorKind::Ambiguous) and
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) as in [`Money::parse`].
    pub fn parse(s: &str) -> Result<MoneyUnit, Error> {
        let t = s.trim();
        let inner = t
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
            .unwrap_or(t);
        let parts = Parts::read(s, inner)?;
        if parts.number.is_some() {
            return Err(Detail::BadMoney { input: s.to_string(), reason: "a unit holds no number".into() }.into());
        }
        let currency = parts.currency.ok_or_else(|| Detail::BadMoney {
            input: s.to_string(),
            reason: "no currency: write an ISO 4217 code such as USD".into(),
        })?;
        Ok(MoneyUnit { scale: parts.scale.unwrap_or(Scale::Unit), currency })
    }

    /// A figure written in this unit, as money (`1_234.5` in thousand USD is USD 1,234,500).
    ///
    /// # Errors
    ///
    /// As [`Money::from_scaled`].
    pub fn money(&self, value: f64) -> Result<Money, Error> {
        Money::from_scaled(value, self.scale, self.currency)
    }
}

impl fmt::Display for MoneyUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scale {
            Scale::Unit => write!(f, "{}", self.currency),
            s => write!(f, "{s} {}", self.currency),
        }
    }
}

impl FromStr for MoneyUnit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MoneyUnit::parse(s)
    }
}

/// Symbols refused because they are ambiguous or not the crate's to guess, with the codes to
/// write instead. Longer prefixes come first.
const REFUSED_SYMBOLS: &[(&str, &str)] = &[
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("R$", "BRL"),
    ("S$", "SGD"),
    ("¥", "CNY or JPY"),
    ("￥", "CNY or JPY"),
    ("元", "CNY"),
    ("円", "JPY"),
    ("£", "GBP"),
    ("₩", "KRW"),
    ("₹", "INR"),
];

/// Accepted symbols. `$` alone is read as the US dollar, as in US and international price
/// reporting; other dollars must be written with their code.
const SYMBOLS: &[(&str, Currency)] = &[("US$", Currency::USD), ("$", Currency::USD), ("€", Currency::EUR)];

/// The pieces of a money text.
pub(super) struct Parts {
    /// The number as decimal text with its sign, commas removed.
    pub(super) number: Option<String>,
    pub(super) currency: Option<Currency>,
    pub(super) scale: Option<Scale>,
}

impl Parts {
    /// Splits `text` (a part of `input`, which errors name) into a number, a currency and a scale.
    pub(super) fn read(input: &str, text: &str) -> Result<Parts, Error> {
        let bad = |reason: String| Detail::BadMoney { input: input.to_string(), reason };
        let mut p = Parts { number: None, currency: None, scale: None };
        let mut negative = false;
        for token in text.split_whitespace() {
            let mut rest = token;
            while !rest.is_empty() {
                // a sign: before a number, or before a symbol that precedes the number ("-$150")
                if let Some(r) = rest.strip_prefix(['-', '+', '−']) {
                    if p.number.is_some() {
                        return Err(bad(format!("sign after the number in {token:?}")).into());
                    }
                    negative ^= rest.starts_with(['-', '−']);
                    rest = r;
                    continue;
                }
                if let Some((sym, cur)) = SYMBOLS.iter().find(|(sym, _)| rest.starts_with(sym)) {
                    p.set_currency(input, *cur)?;
                    rest = &rest[sym.len()..];
                    continue;
                }
                if let Some((sym, codes)) = REFUSED_SYMBOLS.iter().find(|(sym, _)| rest.starts_with(sym)) {
                    return Err(
                        Detail::CurrencySymbol { symbol: (*sym).to_string(), input: input.to_string(), codes }.into()
                    );
                }
                if rest == "'000" || rest == "’000" {
                    p.set_scale(input, Scale::Thousand)?;
                    break;
                }
                let starts_number = rest.starts_with(|c: char| c.is_ascii_digit() || c == '.');
                let end = if starts_number {
                    rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(rest.len())
                } else {
                    rest.find(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '¥' | '£' | '-' | '+'))
                        .filter(|&i| i > 0)
                        .unwrap_or(rest.len())
                };
                let (piece, tail) = rest.split_at(end);
                rest = tail;
                if starts_number {
                    if p.number.is_some() {
                        return Err(bad("two numbers".into()).into());
                    }
                    p.number = Some(decimal(input, piece)?);
                } else if let Some(s) = Scale::from_word(piece)? {
                    p.set_scale(input, s)?;
                } else if piece.len() == 3 && piece.bytes().all(|b| b.is_ascii_alphabetic()) {
                    p.set_currency(input, Currency::from_code(piece)?)?;
                } else {
                    return Err(bad(format!(
                        "{piece:?} is neither a number, a scale (thousand, million, billion) nor an ISO 4217 code"
                    ))
                    .into());
                }
            }
        }
        if negative {
            match &mut p.number {
                Some(n) => n.insert(0, '-'),
                None => return Err(bad("a sign with no number".into()).into()),
            }
        }
        Ok(p)
    }

    fn set_currency(&mut self, input: &str, c: Currency) -> Result<(), Error> {
        match self.currency {
            Some(old) if old != c => {
                Err(Detail::BadMoney { input: input.to_string(), reason: format!("two currencies, {old} and {c}") }
                    .into())
            }
            // "US$ 5 USD" says the same currency twice: harmless
            _ => {
                self.currency = Some(c);
                Ok(())
            }
        }
    }

    fn set_scale(&mut self, input: &str, s: Scale) -> Result<(), Error> {
        if let Some(old) = self.scale {
            return Err(
                Detail::BadMoney { input: input.to_string(), reason: format!("two scales, {old} and {s}") }.into()
            );
        }
        self.scale = Some(s);
        Ok(())
    }
}

/// Checks a decimal number: digits, an optional fraction after `.`, and optional thousands
/// separators `,` in groups of exactly three (so `1,5` is refused, not read as 1.5 or 15).
fn decimal(input: &str, piece: &str) -> Result<String, Error> {
    let bad = |reason: String| Detail::BadMoney { input: input.to_string(), reason };
    let (int, frac) = match piece.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (piece, None),
    };
    if let Some(f) = frac
        && !f.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad(format!("{piece:?} is not a number (a comma or second point after the decimal point)")).into());
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !ok {
            return Err(bad(format!(
                "{piece:?}: a comma must separate groups of three digits (decimal commas are not read)"
            ))
            .into());
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() && frac.is_none_or(|f| f.is_empty()) {
        return Err(bad(format!("{piece:?} is not a number")).into());
    }
    match frac {
        Some(f) => Ok(format!("{digits}.{f}")),
        None => Ok(digits),
    }
}
