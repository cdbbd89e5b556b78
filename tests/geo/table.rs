//! The generated `src/geo/iso_table.rs` against the CSV it was generated from, and the embedded
//! name data against it.

use critical_minerals::geo::Country;

const ISO_CSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/iso3166-1.csv"));

#[derive(serde::Deserialize)]
struct Row {
    alpha2: String,
    alpha3: String,
    numeric: String,
    name: String,
    official_name: String,
    source: String,
}

fn rows() -> Vec<Row> {
    csv::Reader::from_reader(ISO_CSV.as_bytes()).deserialize().collect::<Result<_, _>>().expect("CSV parses")
}

#[test]
fn every_csv_row_is_a_country_with_the_same_codes_and_names() {
    let rows = rows();
    assert_eq!(rows.len(), Country::all().len());
    for r in &rows {
        let c = Country::from_alpha2(&r.alpha2).expect(&r.alpha2);
        assert_eq!(c.alpha3(), r.alpha3);
        assert_eq!(c.numeric_code(), r.numeric, "numeric codes keep their leading zeros");
        assert_eq!(c.name(), r.name);
        let official = c.official_name().expect("embedded table parses");
        assert_eq!(official, (!r.official_name.is_empty()).then_some(r.official_name.as_str()));
        assert_eq!(r.source, "iso-codes-4.15");
    }
}

#[test]
fn namibia_is_never_missing() {
    let na = rows().into_iter().find(|r| r.alpha3 == "NAM").expect("Namibia row");
    assert_eq!(na.alpha2, "NA");
    assert_eq!(Country::from_code("NA").map(|c| c.alpha3()), Ok("NAM"));
    assert_eq!(Country::lookup("na").map(|c| c.alpha3()), Ok("NAM"));
}
