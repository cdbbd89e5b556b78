//! Loaders: a user's CSV directory, JSON, merging, and the errors for bad rows.

use critical_minerals::Error;
use critical_minerals::ErrorKind;

use critical_minerals::chain::{Capacity, Stage};
use critical_minerals::dataset::{Commodity, Dataset, Flag, Measure};
use critical_minerals::geo::{Country, Place};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SOURCES: &str = "id,publisher,title,tag\nfixture-src,Fixture Publisher,Fixture title,S\n";
const PRODUCTION_HEADER: &str = "commodity,stage,measure,country,year,value_t,basis,flags,source\n";
const GOOD_ROW: &str = "lithium,mining,production,AUS,2025,90000,Li,e,fixture-src\n";

/// Loads a directory whose production.csv has a good row 1 and `bad_row` as row 2.
fn load_with_bad_production_row(name: &str, bad_row: &str) -> Result<Error, Box<dyn std::error::Error>> {
    let production = format!("{PRODUCTION_HEADER}{GOOD_ROW}{bad_row}\n");
    let dir = crate::fixtures::temp_dir(name, &[("sources.csv", SOURCES), ("production.csv", &production)])?;
    let result = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    match result {
        Ok(_) => Err(format!("bad row {bad_row:?} was accepted").into()),
        Err(e) => Ok(e),
    }
}

fn assert_names(err: &Error, parts: &[&str]) {
    let msg = err.to_string();
    for p in parts {
        assert!(msg.contains(p), "error {msg:?} does not contain {p:?}");
    }
}

#[test]
fn unknown_country_names_file_row_column_and_value() -> TestResult {
    let e = load_with_bad_production_row("country", "lithium,mining,production,XX,2025,10,Li,,fixture-src")?;
    assert!(e.kind() == ErrorKind::InvalidData && e.to_string().contains(": row 2 (line 3), column"), "{e:?}");
    assert_names(&e, &["production.csv", "row 2", "\"country\"", "\"XX\""]);
    Ok(())
}

#[test]
fn a_region_is_no_production_row() -> TestResult {
    // a region is a place, but production rows are by country, world total or "Other countries"
    let e = load_with_bad_production_row("region", "lithium,mining,production,north-america,2025,10,Li,,fixture-src")?;
    assert_eq!(e.kind(), ErrorKind::InvalidData);
    assert_names(&e, &["production.csv", "row 2", "\"country\"", "\"north-america\"", "North America"]);
    Ok(())
}

#[test]
fn negative_tonnage_is_an_error() -> TestResult {
    let e = load_with_bad_production_row("negative", "lithium,mining,production,CHL,2025,-5,Li,,fixture-src")?;
    assert_names(&e, &["production.csv", "row 2", "\"value_t\"", "\"-5\"", "negative"]);
    Ok(())
}

#[test]
fn missing_basis_is_an_error() -> TestResult {
    let e = load_with_bad_production_row("basis", "lithium,mining,production,CHL,2025,5,,,fixture-src")?;
    assert_names(&e, &["production.csv", "row 2", "\"basis\""]);
    // a basis that does not count the commodity is refused too
    let e = load_with_bad_production_row("basis2", "lithium,mining,production,CHL,2025,5,Co,,fixture-src")?;
    assert_names(&e, &["row 2", "\"basis\"", "\"Co\""]);
    Ok(())
}

#[test]
fn unknown_source_is_an_error() -> TestResult {
    let e = load_with_bad_production_row("source", "lithium,mining,production,CHL,2025,5,Li,,no-such-source")?;
    assert!(e.kind() == ErrorKind::Unknown, "{e:?}");
    assert_names(&e, &["production.csv", "row 2", "\"source\"", "\"no-such-source\""]);
    Ok(())
}

#[test]
fn unknown_flag_is_an_error() -> TestResult {
    let e = load_with_bad_production_row("flag", "lithium,mining,production,CHL,2025,5,Li,e;Z,fixture-src")?;
    assert_names(&e, &["production.csv", "row 2", "\"flags\"", "\"e;Z\""]);
    Ok(())
}

#[test]
fn empty_value_without_a_flag_and_a_value_under_w_are_errors() -> TestResult {
    let e = load_with_bad_production_row("empty", "lithium,mining,production,CHL,2025,,Li,e,fixture-src")?;
    assert_names(&e, &["row 2", "\"value_t\"", "W"]);
    let e = load_with_bad_production_row("w-with-value", "lithium,mining,production,USA,2025,7,Li,W,fixture-src")?;
    assert_names(&e, &["row 2", "\"value_t\"", "\"7\""]);
    let e = load_with_bad_production_row("text-na", "lithium,mining,production,USA,2025,NA,Li,,fixture-src")?;
    assert_names(&e, &["row 2", "\"value_t\"", "\"NA\""]);
    Ok(())
}

#[test]
fn duplicate_key_in_one_file_names_both_rows() -> TestResult {
    let e = load_with_bad_production_row("dup", GOOD_ROW.trim_end())?;
    assert!(
        e.kind() == ErrorKind::Duplicate
            && e.to_string().contains(": row 2 (line 3): duplicate key")
            && e.to_string().ends_with(" row 1 (line 2)"),
        "{e:?}"
    );
    assert_names(&e, &["production.csv", "row 2", "row 1", "AUS"]);
    Ok(())
}

#[test]
fn header_problems_name_the_file_and_column() -> TestResult {
    let missing = "commodity,stage,measure,country,year,value_t,flags,source\nlithium,mining,production,AUS,2025,1,,fixture-src\n";
    let dir = crate::fixtures::temp_dir("missing-col", &[("sources.csv", SOURCES), ("production.csv", missing)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a file without a basis column")?;
    std::fs::remove_dir_all(&dir)?;
    assert!(e.kind() == ErrorKind::Missing, "{e:?}");
    assert_names(&e, &["production.csv", "row 0", "\"basis\""]);

    let unknown = format!("{},extra\n", PRODUCTION_HEADER.trim_end());
    let dir = crate::fixtures::temp_dir("unknown-col", &[("sources.csv", SOURCES), ("production.csv", &unknown)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted an unknown column")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["production.csv", "\"extra\""]);

    let short = format!("{PRODUCTION_HEADER}lithium,mining,production,AUS,2025\n");
    let dir = crate::fixtures::temp_dir("short-row", &[("sources.csv", SOURCES), ("production.csv", &short)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a short row")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["production.csv", "row 1", "5 fields"]);
    Ok(())
}

#[test]
fn other_tables_report_their_columns() -> TestResult {
    let salient = "commodity,item,year,value,unit,basis,flags,source\nlithium,imports,2024,3300,t,,,fixture-src\n";
    let dir = crate::fixtures::temp_dir("salient", &[("sources.csv", SOURCES), ("us_salient.csv", salient)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a tonnage without basis")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["us_salient.csv", "row 1", "\"basis\""]);

    let claims = "id,kind,bound,value,value_high,unit,basis,subject,region,period_start,period_end,source\n\
                  c1,quantity,range,40000,,t,metal:Li,lithium metal,WORLD,2025,2025,fixture-src\n";
    let dir = crate::fixtures::temp_dir("claims", &[("sources.csv", SOURCES), ("claims.csv", claims)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a range without a high end")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["claims.csv", "row 1", "\"value_high\""]);

    let shares = "commodity,stage,country,year,share_low_pct,share_high_pct,metric,source\n\
                  lithium,refining,CHN,,70,120,share of refining,fixture-src\n";
    let dir = crate::fixtures::temp_dir("shares", &[("sources.csv", SOURCES), ("stage_shares.csv", shares)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a share above 100")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["stage_shares.csv", "row 1", "\"share_high_pct\"", "\"120\""]);

    let facilities = "id,name,country,stage,capacity,capacity_unit,start_year,source\n\
                      f1,Plant,DEU,refining,24000,t/yr,,fixture-src\n";
    let dir = crate::fixtures::temp_dir("facilities", &[("sources.csv", SOURCES), ("facilities.csv", facilities)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a capacity without basis")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["facilities.csv", "row 1", "\"capacity_basis\""]);

    let sources = "id,publisher,title,tag\nx,P,T,U?\n";
    let dir = crate::fixtures::temp_dir("sources", &[("sources.csv", sources)])?;
    let e = Dataset::from_dir(&dir).err().ok_or("accepted a bad tag")?;
    std::fs::remove_dir_all(&dir)?;
    assert_names(&e, &["sources.csv", "row 1", "\"tag\"", "\"U?\""]);
    Ok(())
}

/// Loads a claims.csv of a header and `row`, and returns the error.
fn bad_claim_row(name: &str, row: &str) -> Result<Error, Box<dyn std::error::Error>> {
    let claims =
        format!("id,kind,bound,value,value_high,unit,basis,subject,region,period_start,period_end,source\n{row}\n");
    let dir = crate::fixtures::temp_dir(name, &[("sources.csv", SOURCES), ("claims.csv", &claims)])?;
    let result = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    result.err().ok_or_else(|| format!("claim row {row:?} was accepted").into())
}

#[test]
fn claim_rows_break_the_claim_models_rules_at_the_column_they_are_about() -> TestResult {
    for (name, row, column, value) in [
        ("claim-region", "c1,share,exact,30,,%,,m,narnia,,,fixture-src", "\"region\"", "\"narnia\""),
        ("claim-share", "c1,share,exact,130,,%,,m,WORLD,,,fixture-src", "\"value\"", "130"),
        ("claim-unit", "c1,cagr,exact,5,,%,,m,WORLD,2025,2030,fixture-src", "\"unit\"", "does not fit"),
        ("claim-basis", "c1,share,exact,5,,%,Li,m,WORLD,,,fixture-src", "\"basis\"", "tonnage"),
        ("claim-cagr-end", "c1,cagr,exact,5,,%/yr,,m,WORLD,2025,,fixture-src", "\"period_end\"", "end year"),
        ("claim-cagr-back", "c1,cagr,exact,5,,%/yr,,m,WORLD,2030,2030,fixture-src", "\"period_end\"", "forward"),
        ("claim-list", "c1,country-list,exact,5,,x,,m,europe,,,fixture-src", "\"kind\"", "country lists"),
        ("claim-subject", "c1,share,exact,5,,%,,,WORLD,,,fixture-src", "\"subject\"", "required"),
    ] {
        let e = bad_claim_row(name, row)?;
        assert_eq!(e.kind(), ErrorKind::InvalidData, "{e}");
        assert_names(&e, &["claims.csv", "row 1", column, value]);
    }
    // a built-in region and a country code are places; names of regions in kebab case are written back
    let claims = "id,kind,bound,value,value_high,unit,basis,subject,region,period_start,period_end,source\n\
                  c1,share,exact,30,,%,,m,north-america,,,fixture-src\n\
                  c2,share,exact,10,,%,,m,US,,,fixture-src\n";
    let dir = crate::fixtures::temp_dir("claim-places", &[("sources.csv", SOURCES), ("claims.csv", claims)])?;
    let d = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let d = d?;
    assert_eq!(d.claim("c1").ok_or("c1")?.place().to_string(), "north-america");
    assert_eq!(d.claim("c2").ok_or("c2")?.place(), Place::Country(Country::from_code("USA")?));
    assert_eq!(Dataset::from_json(&serde_json::to_string(&d)?)?, d);
    Ok(())
}

#[test]
fn missing_directory_is_an_io_error_naming_the_path() {
    let e = Dataset::from_dir("/nonexistent/critical-minerals-data").err();
    assert!(
        matches!(&e, Some(e) if e.kind() == ErrorKind::Io && e.to_string().contains("critical-minerals-data")),
        "{e:?}"
    );
}

#[test]
fn good_user_directory_loads_and_merges_with_builtin() -> TestResult {
    let user = Dataset::from_dir(crate::fixtures::fixture("user_good"))?;
    let rows = user.production(Commodity::LITHIUM, Stage::Mining, 2025, Measure::Production);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].area, Place::Country(Country::from_code("NAM")?));
    assert!(rows[2].has_flag(Flag::Withheld));
    assert!(matches!(
        user.facility("acme-cells").and_then(|f| f.facility.capacity.as_ref()),
        Some(Capacity::GwhPerYear(_))
    ));

    let builtin = Dataset::builtin()?;
    let merged = builtin.clone().merge(user.clone())?;
    assert_eq!(merged.production_rows().len(), builtin.production_rows().len() + user.production_rows().len());
    // the built-in source repeated identically in the user file is kept once
    assert_eq!(merged.sources().len(), builtin.sources().len() + 1);
    assert!(merged.source("acme-2025").is_some());
    assert_eq!(merged.world_total(Commodity::LITHIUM, 2024), builtin.world_total(Commodity::LITHIUM, 2024));
    Ok(())
}

#[test]
fn merge_conflicts_name_both_datasets() -> TestResult {
    // a row of the built-in edition (MCS 2025) with a key the built-in data holds
    let production = "commodity,stage,measure,country,year,value_t,basis,flags,source,edition\n\
                      lithium,mining,production,AUS,2024,1,Li,,fixture-src,MCS 2025\n";
    let dir = crate::fixtures::temp_dir("conflict", &[("sources.csv", SOURCES), ("production.csv", production)])?;
    let user = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let e = Dataset::builtin()?.merge(user?).err().ok_or("merged a conflicting row")?;
    assert!(e.kind() == ErrorKind::Duplicate, "{e:?}");
    assert_names(&e, &["<builtin>/production.csv", "cm-test-conflict", "row 1", "AUS", "2024"]);

    // a source id reused with other content is a conflict too
    let sources = "id,publisher,title,tag\nusgs-mcs-2025-lithium,Someone else,Another title,S\n";
    let dir = crate::fixtures::temp_dir("source-conflict", &[("sources.csv", sources)])?;
    let user = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let e = Dataset::builtin()?.merge(user?).err().ok_or("merged a conflicting source")?;
    assert_names(&e, &["sources.csv", "usgs-mcs-2025-lithium"]);
    Ok(())
}

#[test]
fn json_round_trip_equals_the_original() -> TestResult {
    let builtin = Dataset::builtin()?;
    let json = serde_json::to_string(&builtin)?;
    assert_eq!(Dataset::from_json(&json)?, builtin);
    let user = Dataset::from_dir(crate::fixtures::fixture("user_good"))?;
    assert_eq!(Dataset::from_json(&user.to_json()?)?, user);
    // quantities carry their unit in the column name and their basis beside them
    let v: serde_json::Value = serde_json::from_str(&json)?;
    let first = &v["production"][1];
    assert_eq!(first["value_t"], serde_json::json!(8630));
    assert_eq!(first["basis"], serde_json::json!("Li"));
    Ok(())
}

#[test]
fn json_errors_name_table_row_and_column() -> TestResult {
    let bad = r#"{
        "sources": [{"id": "s", "publisher": "P", "title": "T", "tag": "S"}],
        "production": [
            {"commodity": "cobalt", "stage": "mining", "measure": "production", "country": "COD",
             "year": 2024, "value_t": 1000, "basis": "Co", "flags": "", "source": "s"},
            {"commodity": "cobalt", "stage": "mining", "measure": "production", "country": "NA",
             "year": 2024, "value_t": -3, "basis": "Co", "flags": "", "source": "s"}
        ]
    }"#;
    let e = Dataset::from_json(bad).err().ok_or("accepted a negative tonnage")?;
    assert_names(&e, &["<json>/production", "row 2", "\"value_t\"", "\"-3\""]);

    let e = Dataset::from_json(r#"{"productoin": []}"#).err().ok_or("accepted an unknown table")?;
    assert_names(&e, &["<json>", "\"productoin\""]);

    let e = Dataset::from_json("{\"sources\": [").err().ok_or("accepted broken JSON")?;
    assert!(e.kind() == ErrorKind::InvalidData && e.line() == Some(1), "{e:?}");

    let e = Dataset::from_json(
        r#"{"sources": [{"id": "s", "publisher": "P", "title": "T", "tag": "S", "colour": "red"}]}"#,
    )
    .err()
    .ok_or("accepted an unknown column")?;
    assert_names(&e, &["<json>/sources", "row 1", "\"colour\""]);
    Ok(())
}

#[test]
fn queries_keep_stages_apart_after_a_refinery_table_is_merged() -> TestResult {
    // a user's refinery table for cobalt 2023 beside the built-in mine production
    let production = format!(
        "{PRODUCTION_HEADER}cobalt,refining,production,CHN,2023,180000,Co,,fixture-src\n\
         cobalt,refining,production,FIN,2023,15000,Co,,fixture-src\n\
         cobalt,refining,production,WORLD,2023,230000,Co,,fixture-src\n"
    );
    let dir = crate::fixtures::temp_dir("refinery", &[("sources.csv", SOURCES), ("production.csv", &production)])?;
    let user = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let builtin = Dataset::builtin()?;
    let merged = builtin.clone().merge(user?)?;
    let mining = merged.production(Commodity::COBALT, Stage::Mining, 2023, Measure::Production);
    assert!(!mining.is_empty() && mining.iter().all(|r| r.stage == Stage::Mining));
    assert_eq!(mining, builtin.production(Commodity::COBALT, Stage::Mining, 2023, Measure::Production));
    let refining = merged.constituents(Commodity::COBALT, Stage::Refining, 2023, Measure::Production);
    assert_eq!(refining.len(), 2);
    let world = merged.world(Commodity::COBALT, Stage::Refining, 2023, Measure::Production).ok_or("no world")?;
    assert_eq!(world.tonnes(), Some(230_000.0));
    // the mine-production world total is still the mining one
    assert_eq!(merged.world_total(Commodity::COBALT, 2023), builtin.world_total(Commodity::COBALT, 2023));
    let sum = merged.constituent_sum(Commodity::COBALT, Stage::Refining, 2023, Measure::Production)?;
    assert_eq!(sum.in_tonnes(), 195_000.0);
    Ok(())
}
