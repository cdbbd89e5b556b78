//! The crate's one number formatter: every number the crate writes for people (reports, messages,
//! displays) or for files goes through these functions, so that rounding, trailing zeros,
//! negative zero and thousands separators are handled the same way everywhere.

/// `v` with at most `max_decimals` decimals, trailing zeros and a trailing point dropped, and
/// `-0` written as `0`: `trim(2.50, 2)` is `2.5`, `trim(-0.0001, 2)` is `0`.
pub(crate) fn trim(v: f64, max_decimals: usize) -> String {
    let s = format!("{v:.max_decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".to_string() } else { s }
}

/// `v` as [`trim`] does, with a comma between groups of three digits:
/// `grouped(1234567.0, 2)` is `1,234,567`, `grouped(1234.567, 2)` is `1,234.57`.
pub(crate) fn grouped(v: f64, max_decimals: usize) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let text = trim(v, max_decimals);
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A fraction as a percentage with at most `max_decimals` decimals: `percent(0.1234, 1)` is
/// `12.3 %`.
pub(crate) fn percent(fraction: f64, max_decimals: usize) -> String {
    format!("{} %", trim(fraction * 100.0, max_decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_one_way() {
        assert_eq!(trim(2.50, 2), "2.5");
        assert_eq!(trim(-0.0001, 2), "0");
        assert_eq!(trim(23_999.999_999_999_996, 9), "24000");
        assert_eq!(grouped(1_234_567.0, 2), "1,234,567");
        assert_eq!(grouped(-1_234.567, 2), "-1,234.57");
        assert_eq!(grouped(999.999, 2), "1,000");
        assert_eq!(grouped(-0.001, 2), "0");
        assert_eq!(grouped(f64::NAN, 2), "NaN");
        assert_eq!(percent(0.1234, 1), "12.3 %");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(235_380.0, 2), "235,380");
        assert_eq!(grouped(1_000.0, 2), "1,000");
        assert_eq!(grouped(380.0, 2), "380");
        assert_eq!(grouped(-4_620.0, 2), "-4,620");
        assert_eq!(grouped(4.5, 2), "4.5");
        assert_eq!(grouped(150.0, 2), "150");
        assert_eq!(grouped(0.999, 2), "1");
        assert_eq!(grouped(1_234.567, 2), "1,234.57");
    }
}
