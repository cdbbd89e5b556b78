//! Loaders report what they read: rows, value and quantity totals and rows per unknown code,
//! checked against sums taken from the file text here, independently of the loaders.

use critical_minerals::dataset::Dataset;
use critical_minerals::trade::UnknownCodes;
use critical_minerals::trade::columnar::{BaciOptions, TradeTable};
use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions};

use crate::fixtures::fixture;

/// The data lines of a CSV text (no header, no blank line), split at commas.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

fn number(cell: &str) -> Option<f64> {
    let c = cell.trim().trim_matches('"');
    if c.is_empty() || c == "NA" { None } else { c.parse().ok() }
}

#[test]
fn baci_reports_rows_totals_and_unknown_codes_as_the_file_has_them() {
    for name in ["baci_small.csv", "baci_trade_codes.csv"] {
        let path = fixture(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let opts = BaciOptions::default().with_unknown(UnknownCodes::Keep);
        for threads in [1, 2] {
            let (t, r) = TradeTable::load_baci(&path, &opts.clone().with_threads(threads)).unwrap();
            let rows = rows(&text);
            assert_eq!(r.rows_read, rows.len() as u64, "{name}");
            assert_eq!((r.rows_kept, r.rows_filtered), (rows.len() as u64, 0), "{name}");
            assert_eq!(t.len() as u64, r.rows_kept, "{name}");
            let value: f64 = rows.iter().filter_map(|r| number(&r[4])).map(|v| v * 1000.0).sum();
            let quantity: f64 = rows.iter().filter_map(|r| number(&r[5])).sum();
            assert!((r.value_usd - value).abs() <= 1e-9 * value.abs(), "{name}: {} vs {value}", r.value_usd);
            assert!((r.quantity_t - quantity).abs() <= 1e-9 * quantity.abs(), "{name}");
            let missing_v = rows.iter().filter(|r| number(&r[4]).is_none()).count() as u64;
            let missing_q = rows.iter().filter(|r| number(&r[5]).is_none()).count() as u64;
            assert_eq!((r.rows_without_value, r.rows_without_quantity), (missing_v, missing_q), "{name}");
            // the table's own columns sum to the report
            let table_value: f64 = (0..t.len()).filter_map(|i| t.value_usd(i)).sum();
            assert!((table_value - r.value_usd).abs() <= 1e-9 * value.abs(), "{name}");
            // rows per code in no list: a code below 1,000 that no economy list knows
            let mut unknown = std::collections::BTreeMap::new();
            for row in &rows {
                let (i, j): (u32, u32) = (row[1].trim().parse().unwrap(), row[2].trim().parse().unwrap());
                let known = |c: u32| critical_minerals::geo::Economy::from_trade_code(c).is_ok();
                for c in if i == j { vec![i] } else { vec![i, j] } {
                    if !known(c) {
                        *unknown.entry(c).or_insert(0u64) += 1;
                    }
                }
            }
            assert_eq!(r.unknown_codes, unknown, "{name}");
        }
    }
}

#[test]
fn comtrade_reports_rows_and_value_totals_as_the_file_has_them() {
    let path = fixture("comtrade_lithium_2023.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let f = ComtradeFile::read(&path, &ComtradeOptions::default().with_unknown(UnknownCodes::Keep)).unwrap();
    let r = f.report();
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header = csv.headers().unwrap().clone();
    let at = header.iter().position(|h| h == "primaryValue").unwrap();
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(r.rows, records.len() as u64);
    assert_eq!(r.classes.iter().map(|c| c.rows).sum::<u64>(), r.rows);
    let value: f64 = records.iter().filter_map(|rec| number(&rec[at])).sum();
    let reported: f64 = r.classes.iter().map(|c| c.primary_value_usd).sum();
    assert!((reported - value).abs() <= 1e-9 * value, "{reported} vs {value}");
    let without: u64 = records.iter().filter(|rec| number(&rec[at]).is_none()).count() as u64;
    assert_eq!(r.classes.iter().map(|c| c.rows_without_value).sum::<u64>(), without);
}

#[test]
fn a_dataset_directory_loads_every_row_and_value_of_its_files() {
    let dir = fixture("user_good");
    let d = Dataset::from_dir(&dir).unwrap();
    let text = std::fs::read_to_string(dir.join("production.csv")).unwrap();
    let rows = rows(&text);
    assert_eq!(d.production_rows().len(), rows.len());
    let at = text.lines().next().unwrap().split(',').position(|h| h == "value_t").unwrap();
    let in_file: f64 = rows.iter().filter_map(|r| number(&r[at])).sum();
    let loaded: f64 = d.production_rows().iter().filter_map(|p| p.value.as_ref().map(|a| a.in_tonnes())).sum();
    assert!((loaded - in_file).abs() <= 1e-9 * in_file, "{loaded} vs {in_file}");
    let facilities = std::fs::read_to_string(dir.join("facilities.csv")).unwrap();
    assert_eq!(d.facilities().len(), self::rows(&facilities).len());
    let sources = std::fs::read_to_string(dir.join("sources.csv")).unwrap();
    assert_eq!(d.sources().len(), self::rows(&sources).len());
}
