//! Editions: figures of several editions coexist, queries take the latest unless one is named,
//! the same key twice within one edition is an error naming both rows; files a directory load
//! does not read are named.

use critical_minerals::ErrorKind;
use critical_minerals::chain::Stage;
use critical_minerals::dataset::{Commodity, Dataset, Measure, latest_edition};
use critical_minerals::report::{ReportOptions, SupplyReport};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const MCS_2024_SOURCES: &str = "id,publisher,title,edition,tag\n\
    usgs-mcs-2024-lithium,U.S. Geological Survey,Mineral Commodity Summaries 2024: Lithium,MCS 2024,P\n";
/// USGS MCS 2024's lithium table (2023 estimates), as a user would type it.
const MCS_2024_PRODUCTION: &str = "commodity,stage,measure,country,country_as_published,year,value_t,basis,flags,source\n\
    lithium,mining,production,USA,United States,2023,,Li,W,usgs-mcs-2024-lithium\n\
    lithium,mining,production,ARG,Argentina,2023,9600,Li,e,usgs-mcs-2024-lithium\n\
    lithium,mining,production,AUS,Australia,2023,86000,Li,e,usgs-mcs-2024-lithium\n\
    lithium,mining,production,CHL,Chile,2023,44000,Li,e,usgs-mcs-2024-lithium\n\
    lithium,mining,production,CHN,China,2023,33000,Li,e,usgs-mcs-2024-lithium\n\
    lithium,mining,production,WORLD,World total (rounded),2023,180000,Li,e;rounded,usgs-mcs-2024-lithium\n";

fn user_dir(name: &str, production: &str) -> Result<std::path::PathBuf, std::io::Error> {
    crate::fixtures::temp_dir(name, &[("sources.csv", MCS_2024_SOURCES), ("production.csv", production)])
}

/// The case of the open-data issue: a user's 2023 lithium figures of USGS MCS 2024 beside the
/// built-in MCS 2025, which holds the same keys for 2023.
#[test]
fn another_edition_merges_and_reports_on_its_own_figures() -> TestResult {
    let dir = user_dir("editions-mcs-2024", MCS_2024_PRODUCTION)?;
    let user = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let data = Dataset::builtin()?.merge(user?)?;
    let li = Commodity::LITHIUM;
    // both editions hold Australia 2023; the query takes the latest unless one is named
    let latest = data.production(li, Stage::Mining, 2023, Measure::Production);
    assert!(latest.iter().all(|r| r.edition == "MCS 2025"));
    let named = data.production_in(li, Stage::Mining, 2023, Measure::Production, Some("MCS 2024"));
    assert_eq!(named.len(), 6);
    // equal years are ordered by label
    assert_eq!(data.editions(li), ["MCS 2025", "WMD 2024", "MCS 2024"]);

    let options = ReportOptions::new().year(2023).edition("MCS 2024");
    let report = SupplyReport::build_with(&data, li, &options)?;
    let mining = report.mining.as_ref().ok_or("no mining section")?;
    let y = &mining.latest;
    assert_eq!((y.year, y.edition.as_str(), y.source.as_str()), (2023, "MCS 2024", "usgs-mcs-2024-lithium"));
    assert_eq!(y.world_total_t, Some(180_000.0));
    assert_eq!(y.producers[0].name, "Australia");
    assert_eq!(y.producers[0].tonnes, Some(86_000.0));
    assert!(y.producers.iter().all(|p| p.edition == "MCS 2024" && p.source == "usgs-mcs-2024-lithium"));
    // the named edition has no 2022: no previous year
    assert!(mining.previous.is_none());
    assert!(report.notes.iter().any(|n| n.text.contains("edition MCS 2024")));
    assert_eq!(report.source("usgs-mcs-2024-lithium").and_then(|s| s.edition.as_deref()), Some("MCS 2024"));

    // the user's data alone: the same figures without naming the edition
    let alone = SupplyReport::build_with(&data, li, &ReportOptions::new().user_data_only(true))?;
    let y = &alone.mining.as_ref().ok_or("no mining section")?.latest;
    assert_eq!((y.year, y.edition.as_str()), (2023, "MCS 2024"));
    assert!(alone.stages.is_empty() && alone.reliance.is_none() && alone.claims.is_empty());

    // the default report is unchanged: MCS 2025, 2024
    let default = SupplyReport::build(&data, li)?;
    let y = &default.mining.as_ref().ok_or("no mining section")?.latest;
    assert_eq!((y.year, y.edition.as_str()), (2024, "MCS 2025"));
    Ok(())
}

#[test]
fn an_edition_or_year_that_is_not_there_is_a_typed_error_naming_it() -> TestResult {
    let data = Dataset::builtin()?;
    let err = SupplyReport::build_with(&data, Commodity::LITHIUM, &ReportOptions::new().edition("MCS 2019"))
        .expect_err("no such edition");
    assert_eq!(err.kind(), ErrorKind::Unknown);
    assert!(err.to_string().contains("\"MCS 2019\"") && err.to_string().contains("MCS 2025"), "{err}");
    let err = SupplyReport::build_with(&data, Commodity::LITHIUM, &ReportOptions::new().year(1990))
        .expect_err("no such year");
    assert_eq!(err.kind(), ErrorKind::Missing);
    assert!(err.to_string().contains("1990") && err.to_string().contains("2018"), "{err}");
    let err = SupplyReport::build_with(&data, Commodity::COBALT, &ReportOptions::new().year(2024).edition("WMD 2024"))
        .expect_err("WMD 2024 ends in 2022");
    assert!(err.to_string().contains("2024") && err.to_string().contains("WMD 2024"), "{err}");
    Ok(())
}

#[test]
fn the_same_key_twice_within_one_edition_is_an_error_naming_both_rows() -> TestResult {
    let twice =
        format!("{MCS_2024_PRODUCTION}lithium,mining,production,AUS,Australia,2023,87000,Li,e,usgs-mcs-2024-lithium\n");
    let dir = user_dir("editions-duplicate", &twice)?;
    let err = Dataset::from_dir(&dir).expect_err("duplicate key");
    std::fs::remove_dir_all(&dir)?;
    assert_eq!(err.kind(), ErrorKind::Duplicate);
    let msg = err.to_string();
    assert!(msg.contains("production.csv") && msg.contains("row 7") && msg.contains("row 3"), "{msg}");
    assert!(msg.contains("MCS 2024") && msg.contains("AUS"), "{msg}");

    // a user row that says it is of the built-in edition collides with the built-in row
    let same_edition = "commodity,stage,measure,country,year,value_t,basis,flags,source,edition\n\
        lithium,mining,production,AUS,2023,1,Li,,usgs-mcs-2024-lithium,MCS 2025\n";
    let dir = user_dir("editions-same-edition", same_edition)?;
    let user = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let err = Dataset::builtin()?.merge(user?).expect_err("same key, same edition");
    let msg = err.to_string();
    assert!(msg.contains("<builtin>/production.csv") && msg.contains("MCS 2025"), "{msg}");
    Ok(())
}

#[test]
fn a_directory_load_names_what_it_does_not_read() -> TestResult {
    let dir = crate::fixtures::temp_dir(
        "editions-unread",
        &[("sources.csv", MCS_2024_SOURCES), ("production.csv", MCS_2024_PRODUCTION), ("notes.txt", "x")],
    )?;
    let (data, load) = Dataset::load_dir(&dir)?;
    assert_eq!(data.production_rows().len(), 6);
    let read: Vec<(String, usize)> =
        load.read.iter().map(|f| (f.path.rsplit('/').next().unwrap_or_default().to_string(), f.rows)).collect();
    assert_eq!(read, [("sources.csv".to_string(), 1), ("production.csv".to_string(), 6)]);
    assert_eq!(load.not_read.len(), 1);
    assert!(load.not_read[0].ends_with("notes.txt"));
    std::fs::write(dir.join("production_2024.csv"), MCS_2024_PRODUCTION)?;
    let err = Dataset::from_dir(&dir).expect_err("a CSV file the loader does not read");
    std::fs::remove_dir_all(&dir)?;
    assert_eq!(err.kind(), ErrorKind::Unknown);
    assert!(err.to_string().contains("production_2024.csv"), "{err}");
    Ok(())
}

#[test]
fn the_latest_edition_is_the_one_with_the_largest_year() {
    assert_eq!(latest_edition(["WMD 2024", "MCS 2025", "MCS 2024"]), Some("MCS 2025"));
    assert_eq!(latest_edition(["mine report", "MCS 2024"]), Some("MCS 2024"));
    assert_eq!(latest_edition(["b", "a"]), Some("b"));
}
