//! Country lists: each name a document lists under a region is read as written
//! ([`Country::lookup`]) and checked against the crate's definition of the region. A name that
//! is no country, or fits several, is reported as written and never guessed.

use super::{Builder, FindingKind, imp};
use crate::claims::claim::{Claim, ClaimFigure};
use crate::error::Detail;
use crate::geo::{Country, CountrySet, Partition};

fn market_region_of(c: Country) -> Option<String> {
    let p = Partition::market_report().ok()?;
    p.region_of(c).map(|r| r.name().to_string())
}

fn read_words(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let parts: Vec<String> = words
        .iter()
        .map(|w| match Country::lookup(w) {
            Ok(c) => format!("{w} = {} ({})", c.name(), c.alpha3()),
            Err(e) => match e.detail() {
                Detail::AmbiguousCountryName { candidates, .. } => {
                    format!("{w} = ambiguous ({})", candidates.join(" or "))
                }
                _ => format!("{w} = no country"),
            },
        })
        .collect();
    Some(format!("word by word it reads {}", parts.join("; ")))
}

pub(super) fn check(b: &mut Builder, claims: &[&Claim]) {
    for c in claims {
        let ClaimFigure::CountryList(countries) = c.figure() else { continue };
        let Some(region) = c.members() else { continue };
        let place = c.place().name();
        let mut i = 0;
        while i < countries.len() {
            let name = countries[i].as_str();
            match Country::lookup(name) {
                Ok(country) => {
                    if !region.contains(country) {
                        let home = market_region_of(country)
                            .map(|r| format!("; the crate's market-report regions put it in {r}"))
                            .unwrap_or_default();
                        b.push(
                            FindingKind::CountryOutsideRegion,
                            vec![c.id().to_string()],
                            format!(
                                "{name:?} (entry {}) is listed under {place}, whose definition does not contain {} ({}){home}",
                                i + 1,
                                country.name(),
                                country.alpha3()
                            ),
                            vec![],
                        );
                    }
                }
                Err(e) if matches!(e.detail(), Detail::AmbiguousCountryName { .. }) => {
                    let candidates: &[String] = match e.detail() {
                        Detail::AmbiguousCountryName { candidates, .. } => candidates,
                        _ => &[],
                    };
                    ambiguous(b, c, region, name, i, candidates);
                }
                Err(_) => {
                    // an entry split in two ("Saudi", "Arabia")?
                    if let Some(next) = countries.get(i + 1)
                        && Country::lookup(next).is_err()
                        && let Ok(joined) = Country::from_name(&format!("{name} {next}"))
                    {
                        let where_ = if region.contains(joined) {
                            format!("which {place} contains")
                        } else {
                            format!("which {place} does not contain")
                        };
                        b.push(
                            FindingKind::UnreadableCountry,
                            vec![c.id().to_string()],
                            format!(
                                "{name:?} and {next:?} (entries {} and {}) under {place} are no country names; not guessed",
                                i + 1,
                                i + 2
                            ),
                            vec![imp(
                                &[c.id()],
                                format!("joined they read as {} ({}), {where_}", joined.name(), joined.alpha3()),
                                None,
                            )],
                        );
                        i += 2;
                        continue;
                    }
                    let imps = read_words(name).map(|w| vec![imp(&[c.id()], w, None)]).unwrap_or_default();
                    b.push(
                        FindingKind::UnreadableCountry,
                        vec![c.id().to_string()],
                        format!("{name:?} (entry {}) under {place} is no country name; not guessed", i + 1),
                        imps,
                    );
                }
            }
            i += 1;
        }
    }
}

/// A listed name that fits several countries: which of them the region holds.
fn ambiguous(b: &mut Builder, c: &Claim, region: &CountrySet, name: &str, i: usize, candidates: &[String]) {
    let place = c.place().name();
    let inside: Vec<&str> = candidates
        .iter()
        .filter(|a3| Country::from_code(a3).map(|k| region.contains(k)).unwrap_or(false))
        .map(String::as_str)
        .collect();
    let note = if inside.is_empty() {
        format!("none of them is in {place}")
    } else {
        format!("of them, {} in {place}", inside.join(", "))
    };
    b.push(
        FindingKind::AmbiguousCountry,
        vec![c.id().to_string()],
        format!(
            "{name:?} (entry {}) under {place} could be any of {}; not guessed ({note})",
            i + 1,
            candidates.join(", ")
        ),
        vec![],
    );
}
