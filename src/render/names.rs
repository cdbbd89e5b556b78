//! Short conventional country names, as USGS writes them: "Congo (Kinshasa)", "South Korea",
//! "Russia". Every renderer shows places through [`short_name`], so a country reads the same in
//! every table, chart and format.

use std::borrow::Cow;

/// Long or formal names (ISO 3166-1 and UN usage) and the short name shown instead.
const SHORT: &[(&str, &str)] = &[
    ("Bolivia, Plurinational State of", "Bolivia"),
    ("Bolivia (Plurinational State of)", "Bolivia"),
    ("Congo, The Democratic Republic of the", "Congo (Kinshasa)"),
    ("Congo, Democratic Republic of the", "Congo (Kinshasa)"),
    ("Democratic Republic of the Congo", "Congo (Kinshasa)"),
    ("Democratic Republic of Congo", "Congo (Kinshasa)"),
    ("DR Congo", "Congo (Kinshasa)"),
    ("DRC", "Congo (Kinshasa)"),
    ("Congo", "Congo (Brazzaville)"),
    ("Republic of the Congo", "Congo (Brazzaville)"),
    ("Côte d'Ivoire", "Cote d'Ivoire"),
    ("Czechia", "Czechia"),
    ("Iran, Islamic Republic of", "Iran"),
    ("Iran (Islamic Republic of)", "Iran"),
    ("Korea, Republic of", "South Korea"),
    ("Republic of Korea", "South Korea"),
    ("Korea", "South Korea"),
    ("Korea, Democratic People's Republic of", "North Korea"),
    ("Lao People's Democratic Republic", "Laos"),
    ("Moldova, Republic of", "Moldova"),
    ("Russian Federation", "Russia"),
    ("Syrian Arab Republic", "Syria"),
    ("Taiwan, Province of China", "Taiwan"),
    ("Tanzania, United Republic of", "Tanzania"),
    ("United Republic of Tanzania", "Tanzania"),
    ("Türkiye", "Turkey"),
    ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
    ("United States of America", "United States"),
    ("USA", "United States"),
    ("Venezuela, Bolivarian Republic of", "Venezuela"),
    ("Venezuela (Bolivarian Republic of)", "Venezuela"),
    ("Viet Nam", "Vietnam"),
    ("Brunei Darussalam", "Brunei"),
    ("Micronesia, Federated States of", "Micronesia"),
    ("Palestine, State of", "Palestine"),
    ("Macedonia, the former Yugoslav Republic of", "North Macedonia"),
];

/// The short conventional name of a place: `Korea, Republic of` → `South Korea`,
/// `Congo, The Democratic Republic of the` → `Congo (Kinshasa)`. A name not in the list with a
/// formal suffix after a comma (`Micronesia, Federated States of`) keeps the part before it; any
/// other name is returned as it is.
///
/// # Examples
///
/// ```
/// use critical_minerals::render::short_name;
///
/// assert_eq!(short_name("Congo, The Democratic Republic of the"), "Congo (Kinshasa)");
/// assert_eq!(short_name("Korea, Republic of"), "South Korea");
/// assert_eq!(short_name("Australia"), "Australia");
/// ```
pub fn short_name(name: &str) -> Cow<'_, str> {
    let t = name.trim();
    if let Some((_, short)) = SHORT.iter().find(|(long, _)| long.eq_ignore_ascii_case(t)) {
        return Cow::Borrowed(short);
    }
    match t.split_once(", ") {
        Some((head, tail)) if tail.ends_with(" of") || tail.ends_with(" of the") => Cow::Owned(head.to_string()),
        _ => Cow::Borrowed(t),
    }
}
