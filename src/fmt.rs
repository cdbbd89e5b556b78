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

/// Moves the decimal point of a plain decimal text (`-12.345`, `0.06`, `7`) by `places` (right
/// when positive): `shift_point("0.06", 2)` is `6`, `shift_point("6", -2)` is `0.06`. Working on
/// the digits, not on the number, it introduces no rounding: a fraction written as a percentage
/// this way reads back to the same `f64`. `None` for text that is not a plain decimal.
pub(crate) fn shift_point(text: &str, places: i32) -> Option<String> {
    let t = text.trim();
    let (sign, body) = t.strip_prefix('-').map_or(("", t), |b| ("-", b));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = format!("{int}{frac}");
    // position of the point within `digits`, after the shift
    let point = i64::try_from(int.len()).ok()? + i64::from(places);
    let (int, frac) = if point <= 0 {
        (String::from("0"), format!("{}{digits}", "0".repeat(usize::try_from(-point).ok()?)))
    } else if usize::try_from(point).ok()? >= digits.len() {
        (format!("{digits}{}", "0".repeat(usize::try_from(point).ok()? - digits.len())), String::new())
    } else {
        let (a, b) = digits.split_at(usize::try_from(point).ok()?);
        (a.to_string(), b.to_string())
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    let out = if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") };
    Some(if out == "-0" { "0".to_string() } else { out })
}

/// `v` in the shortest text that reads back to the same `f64` (Rust's `{}`: never an exponent,
/// never rounded), `-0` written as `0`: the one form numbers are saved in. Display for people
/// rounds ([`trim`]); saving never does.
pub(crate) fn exact(v: f64) -> String {
    let s = format!("{v}");
    if s == "-0" { "0".to_string() } else { s }
}

/// The number to write for a value stored in one unit and saved in another (kg/s saved as t/yr):
/// the `x` nearest `to(stored)` with `from(x) == stored`, so that reading `x` back gives the
/// stored value bit for bit. Among the few `f64` around `to(stored)` that qualify, the one with
/// the shortest [`exact`] text (40,000 rather than 39,999.999999999996). `None` when no
/// neighbour converts back (a unit change is not one-to-one on `f64`): the caller then saves in
/// the stored unit.
pub(crate) fn reversible(stored: f64, to: impl Fn(f64) -> f64, from: impl Fn(f64) -> f64) -> Option<f64> {
    /// `f64` steps tried each side of the converted value: conversions are one multiplication
    /// or division, within an ulp or two of the exact product
    const STEPS: usize = 4;
    let centre = to(stored);
    if !centre.is_finite() {
        return None;
    }
    let (mut up, mut down) = (centre, centre);
    let mut candidates = [centre; 2 * STEPS + 1];
    for pair in candidates[1..].chunks_exact_mut(2) {
        up = up.next_up();
        down = down.next_down();
        pair.copy_from_slice(&[up, down]);
    }
    let mut fits = candidates.into_iter().filter(|x| x.is_finite() && from(*x) == stored);
    let first = fits.next()?;
    // usually one fits; the text lengths are compared only when several do
    Some(fits.fold(first, |best, x| if exact(x).len() < exact(best).len() { x } else { best }))
}

/// Most characters of its input an error message quotes: [`excerpt`] cuts there.
pub(crate) const EXCERPT_CHARS: usize = 40;

/// At most [`EXCERPT_CHARS`] characters of `text`, then `…` when cut: the one rule for quoting
/// input in messages, so that a 500 MB "line" never ends up in an error.
pub(crate) fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or("")),
        None => text.to_string(),
    }
}

/// [`excerpt`] of bytes read from a file, invalid UTF-8 replaced (only the bytes of the excerpt
/// are decoded).
pub(crate) fn excerpt_bytes(bytes: &[u8]) -> String {
    // four bytes a character at most: decode no more than the excerpt can show
    let cut = bytes.get(..4 * EXCERPT_CHARS + 4).unwrap_or(bytes);
    let text = excerpt(&String::from_utf8_lossy(cut));
    if cut.len() < bytes.len() && !text.ends_with('…') { format!("{text}…") } else { text }
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
    fn the_point_moves_without_rounding() {
        assert_eq!(shift_point("0.06", 2).as_deref(), Some("6"));
        assert_eq!(shift_point("6", -2).as_deref(), Some("0.06"));
        assert_eq!(shift_point("0.00024148969925313438", 2).as_deref(), Some("0.024148969925313438"));
        assert_eq!(shift_point("123.5", -5).as_deref(), Some("0.001235"));
        assert_eq!(shift_point("-1.5", 3).as_deref(), Some("-1500"));
        assert_eq!(shift_point("1e-3", 2), None);
        assert_eq!(shift_point(".", 2), None);
    }

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
    fn saved_numbers_read_back_exactly() {
        for v in [4e-10, 6.00000049, 0.1 + 0.2, 1e300, 5e-324, 123_456.789_012_345_67, -2.5] {
            assert_eq!(exact(v).parse::<f64>(), Ok(v), "{}", exact(v));
        }
        assert_eq!(exact(-0.0), "0");
        assert_eq!(exact(4e-10), "0.0000000004");
        // tonnes per year stored as kg/s: the shortest text that converts back
        let secs = 31_557_600.0;
        let to = |kgs: f64| kgs * secs / 1000.0;
        let from = |t: f64| t * 1000.0 / secs;
        let stored = from(40_000.0);
        assert_eq!(reversible(stored, to, from), Some(40_000.0));
        for t in [4e-10, 1.0 / 3.0, 6.00000049e7, 1e300] {
            let stored = from(t);
            let x = reversible(stored, to, from).expect("a value read from t/yr converts back");
            assert_eq!(from(x), stored);
        }
        assert_eq!(reversible(f64::MAX, |v| v * 2.0, |v| v / 2.0), None);
        // a change of unit by a factor above 1 skips some stored values: those have no exact
        // quoted form, and the caller saves them in the stored unit
        let w_per_gwh_yr = 3.6e12 / 31_536_000.0;
        let (to, from) = (|w: f64| w / w_per_gwh_yr, |g: f64| g * w_per_gwh_yr);
        // 1 GWh/yr and up: an f64 step of GWh/yr (2^-52) is 1.74 steps of the watts (2^-36)
        let mut w = 114_156.0;
        let mut unreachable = 0;
        for _ in 0..1000 {
            w = f64::next_up(w);
            unreachable += usize::from(reversible(w, to, from).is_none());
        }
        assert!(unreachable > 0);
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("abc"), "abc");
        let long = "é".repeat(1000);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
        assert!(excerpt(&long).ends_with('…'));
        assert_eq!(excerpt(&"x".repeat(EXCERPT_CHARS)), "x".repeat(EXCERPT_CHARS));
        assert_eq!(excerpt_bytes(&vec![b'9'; 1 << 20]).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt_bytes(b"\xff1"), "\u{fffd}1");
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
