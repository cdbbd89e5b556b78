//! Loader input that used to lose data or point to the wrong place: repeated JSON keys, and CSV
//! rows that do not start on the line their record number suggests.

use critical_minerals::dataset::Dataset;
use critical_minerals::{Error, ErrorKind};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SOURCES: &str = "id,publisher,title,tag\nfixture-src,Fixture Publisher,Fixture title,S\n";
const HEADER: &str = "commodity,stage,measure,country,year,value_t,basis,flags,source,note\n";
/// Row 1, on lines 2 and 3 (its note holds a line break), then two blank lines.
const ROW_1: &str = "lithium,mining,production,AUS,2025,90000,Li,e,fixture-src,\"first line\nsecond line\"\n\n\n";

fn load(name: &str, production: &str) -> Result<Error, Box<dyn std::error::Error>> {
    let dir = crate::fixtures::temp_dir(name, &[("sources.csv", SOURCES), ("production.csv", production)])?;
    let result = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    result.err().ok_or_else(|| format!("accepted {production:?}").into())
}

fn assert_has(e: &Error, parts: &[&str]) {
    let msg = e.to_string();
    for p in parts {
        assert!(msg.contains(p), "error {msg:?} does not contain {p:?}");
    }
}

#[test]
fn a_bad_field_names_the_file_line_of_its_row() -> TestResult {
    // row 2 is on line 6: the header, row 1 on two lines, two blank lines
    let e = load("line-field", &format!("{HEADER}{ROW_1}lithium,mining,production,XX,2025,10,Li,,fixture-src,\n"))?;
    assert_eq!(e.kind(), ErrorKind::InvalidData);
    assert_eq!(e.line(), Some(6), "{e}");
    assert_has(&e, &["production.csv", "row 2", "line 6", "\"country\"", "\"XX\""]);
    Ok(())
}

#[test]
fn a_row_of_the_wrong_width_names_its_file_line() -> TestResult {
    let e = load("line-width", &format!("{HEADER}{ROW_1}lithium,mining,production,AUS\n"))?;
    assert_eq!(e.line(), Some(6), "{e}");
    assert_has(&e, &["production.csv", "row 2", "line 6", "4 fields"]);
    Ok(())
}

#[test]
fn a_duplicate_row_names_the_lines_of_both_rows() -> TestResult {
    let again = "lithium,mining,production,AUS,2025,1,Li,e,fixture-src,\n";
    let e = load("line-dup", &format!("{HEADER}{ROW_1}{again}"))?;
    assert_eq!(e.kind(), ErrorKind::Duplicate);
    assert_eq!(e.line(), Some(6), "{e}");
    assert_has(&e, &["row 2 (line 6)", "row 1 (line 2)"]);
    Ok(())
}

#[test]
fn a_table_given_twice_in_json_is_an_error_naming_it() -> TestResult {
    let row = r#"{"commodity": "cobalt", "stage": "mining", "measure": "production", "country": "COD",
                  "year": 2024, "value_t": 1000, "basis": "Co", "flags": "", "source": "s"}"#;
    let other = row.replace("COD", "AUS");
    let json = format!(
        r#"{{"sources": [{{"id": "s", "publisher": "P", "title": "T", "tag": "S"}}],
            "production": [{row}],
            "production": [{other}]}}"#
    );
    let e = Dataset::from_json(&json).err().ok_or("kept only the second production table")?;
    assert_eq!(e.kind(), ErrorKind::InvalidData);
    assert_has(&e, &["\"production\"", "twice"]);
    // the second "production" key: line 4, as the first table's row spans two lines
    assert_eq!(e.line(), Some(4), "{e}");
    Ok(())
}

#[test]
fn a_column_given_twice_in_a_json_row_is_an_error_naming_table_row_and_column() -> TestResult {
    let json = r#"{"sources": [{"id": "s", "publisher": "P", "title": "T", "tag": "S"}],
        "production": [
            {"commodity": "cobalt", "stage": "mining", "measure": "production", "country": "COD",
             "year": 2024, "value_t": 1000, "basis": "Co", "flags": "", "source": "s"},
            {"commodity": "cobalt", "stage": "mining", "measure": "production", "country": "AUS",
             "year": 2024, "value_t": 1000, "value_t": 2000, "basis": "Co", "flags": "", "source": "s"}
        ]}"#;
    let e = Dataset::from_json(json).err().ok_or("kept the second value_t")?;
    assert_eq!(e.kind(), ErrorKind::InvalidData);
    assert_has(&e, &["<json>/production", "row 2", "\"value_t\"", "twice"]);
    assert_eq!(e.line(), Some(6), "{e}");
    // a repeated key in the sources table too
    let e = Dataset::from_json(r#"{"sources": [{"id": "s", "id": "t", "publisher": "P", "title": "T", "tag": "S"}]}"#)
        .err()
        .ok_or("kept the second id")?;
    assert_has(&e, &["<json>/sources", "row 1", "\"id\""]);
    Ok(())
}
