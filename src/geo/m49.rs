//! The UN M49 geographic regions, compiled in from `data/m49.csv`.
//!
//! Source: United Nations Statistics Division, *Standard country or area codes for statistical
//! use (M49)*, <https://unstats.un.org/unsd/methodology/m49/overview/>, online edition as
//! exported after December 2023. Where the copy came from and how it was reduced to
//! `alpha3,region,sub_region,intermediate_region,source` is in `data/m49.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Country;
use super::names::embedded_error;
use crate::Error;
use crate::error::Detail;

const M49_CSV: &str = include_str!("../../data/m49.csv");
const M49_FILE: &str = "data/m49.csv";

/// One row: a country and the M49 areas it belongs to (empty when M49 gives none).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct M49Row {
    pub(super) country: Country,
    pub(super) region: String,
    pub(super) sub_region: String,
    pub(super) intermediate_region: String,
}

/// The level of an M49 area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Region,
    SubRegion,
    Intermediate,
}

impl M49Row {
    fn at(&self, level: Level) -> &str {
        match level {
            Level::Region => &self.region,
            Level::SubRegion => &self.sub_region,
            Level::Intermediate => &self.intermediate_region,
        }
    }
}

#[derive(serde::Deserialize)]
struct Wire {
    alpha3: String,
    region: String,
    sub_region: String,
    intermediate_region: String,
    source: String,
}

/// The parsed embedded table, parsed once.
pub(super) fn table() -> Result<&'static [M49Row], Error> {
    static TABLE: OnceLock<Result<Vec<M49Row>, Error>> = OnceLock::new();
    TABLE.get_or_init(|| parse(M49_FILE, M49_CSV)).as_ref().map(Vec::as_slice).map_err(Clone::clone)
}

/// The countries M49 puts in the area `name` at `level`, in file order.
pub(super) fn members(level: Level, name: &str) -> Result<Vec<Country>, Error> {
    Ok(table()?.iter().filter(|r| r.at(level) == name).map(|r| r.country).collect())
}

/// Parses and checks an M49 table: known alpha-3 codes, each country once, areas nested
/// (a sub-region always in the same region, an intermediate region always in the same
/// sub-region, no lower level without the upper one).
pub(super) fn parse(file: &'static str, text: &str) -> Result<Vec<M49Row>, Error> {
    let bad = |line: u64, message: String| Detail::EmbeddedData { file, line, message };
    let mut rows: Vec<M49Row> = Vec::new();
    let mut parent: HashMap<String, (String, u64)> = HashMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (i, rec) in reader.deserialize::<Wire>().enumerate() {
        let w = rec.map_err(|e| embedded_error(file, &e))?;
        let line = i as u64 + 2; // line 1 is the header; no record spans lines
        let country = Country::from_alpha3(&w.alpha3).map_err(|e| bad(line, e.to_string()))?;
        if rows.iter().any(|r| r.country == country) {
            return Err(bad(line, format!("{} listed twice", w.alpha3)).into());
        }
        if w.source.trim().is_empty() {
            return Err(bad(line, "empty source".to_string()).into());
        }
        let levels = [&w.region, &w.sub_region, &w.intermediate_region];
        for k in 1..3 {
            if !levels[k].is_empty() && levels[k - 1].is_empty() {
                return Err(bad(line, format!("area {:?} has no parent area", levels[k])).into());
            }
            if levels[k].is_empty() {
                continue;
            }
            let up = levels[k - 1].clone();
            match parent.get(levels[k].as_str()) {
                Some((p, first)) if *p != up => {
                    return Err(
                        bad(line, format!("{:?} is in {up:?} here but in {p:?} on line {first}", levels[k])).into()
                    );
                }
                Some(_) => {}
                None => {
                    parent.insert(levels[k].clone(), (up, line));
                }
            }
        }
        rows.push(M49Row {
            country,
            region: w.region,
            sub_region: w.sub_region,
            intermediate_region: w.intermediate_region,
        });
    }
    if rows.is_empty() {
        return Err(bad(1, "no rows".to_string()).into());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_embedded_file_parses() {
        let t = parse(M49_FILE, M49_CSV).unwrap();
        assert_eq!(t.len(), 248);
        assert_eq!(table().unwrap().len(), 248);
    }

    #[test]
    fn every_iso_country_but_taiwan_has_a_row() {
        let t = table().unwrap();
        let missing: Vec<_> =
            Country::all().filter(|c| !t.iter().any(|r| r.country == *c)).map(|c| c.alpha3()).collect();
        assert_eq!(missing, ["TWN"]);
    }

    #[test]
    fn bad_tables_are_refused_with_their_line() {
        let h = "alpha3,region,sub_region,intermediate_region,source\n";
        let cases = [
            format!("{h}XXX,Asia,Eastern Asia,,UNSD M49\n"),
            format!("{h}CHN,Asia,Eastern Asia,,UNSD M49\nCHN,Asia,Eastern Asia,,UNSD M49\n"),
            format!("{h}CHN,Asia,Eastern Asia,,UNSD M49\nJPN,Europe,Eastern Asia,,UNSD M49\n"),
            format!("{h}CHN,,Eastern Asia,,UNSD M49\n"),
            format!("{h}CHN,Asia,Eastern Asia,,\n"),
            format!("{h}CHN,Asia\n"),
            h.to_string(),
        ];
        let lines = [2, 3, 3, 2, 2, 2, 1];
        for (text, line) in cases.iter().zip(lines) {
            match parse("test.csv", text) {
                Err(e) if matches!(e.detail(), Detail::EmbeddedData { file: "test.csv", line: l, .. } if *l == line) => {
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
