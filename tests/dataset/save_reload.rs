//! Save and reload: a dataset written by `Dataset::to_json` or `Dataset::write_csv_dir` reads
//! back to an equal dataset, whatever its numbers (any finite value a column accepts, written in
//! any form the loaders read: shortest, exponent, or with more digits than a `f64` keeps).
//!
//! Datasets are drawn as the loaders' input (JSON rows of text), so every drawn dataset is one a
//! user can have. A case loads, saves and reloads a whole dataset (the CSV round trip through a
//! directory on disk): about 7 ms a JSON case and 18 ms a CSV case in the debug test profile, so
//! the plain `cargo test` runs [`DEFAULT_CASES`] and `.ci/run` runs 10,000 of each in a step of
//! its own (`CM_SAVE_RELOAD_CASES=10000 cargo test --test lib dataset::save_reload`).

use critical_minerals::dataset::Dataset;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Cases of each dataset round trip in a plain `cargo test`.
const DEFAULT_CASES: u32 = 256;

/// Cases of each dataset round trip: `CM_SAVE_RELOAD_CASES`, else [`DEFAULT_CASES`].
fn cases() -> u32 {
    std::env::var("CM_SAVE_RELOAD_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_CASES)
}

/// A non-negative finite number: any bit pattern (subnormals included), decimal-looking values
/// of 1 to 9 significant digits at any scale, and the awkward ones of the bug reports.
fn non_negative(max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (0u64..0x7FF0_0000_0000_0000).prop_map(f64::from_bits),
        3 => (1u64..1_000_000_000, -30i32..30).prop_map(|(m, e)| format!("{m}e{e}").parse().unwrap_or(0.0)),
        1 => prop::sample::select(vec![0.0, 4e-10, 6.00000049, 0.1 + 0.2, 1e-9, 5e-10, 123_456.789_012_345_67]),
    ]
    .prop_map(move |v: f64| if v > max { v % max } else { v })
}

/// A number in `lo..=hi` drawn as [`non_negative`] and shifted, or exactly an end.
fn within(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => non_negative(hi - lo).prop_map(move |v| (lo + v).min(hi)),
        1 => prop::sample::select(vec![lo, hi]),
    ]
}

/// `v` as text a loader reads: shortest, with an exponent, or with 17 significant digits.
fn text(v: f64) -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        Value::String(format!("{v}")),
        Value::String(format!("{v:e}")),
        Value::String(format!("{v:.16e}")),
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
    ])
}

fn num(lo: f64, hi: f64) -> impl Strategy<Value = Value> {
    within(lo, hi).prop_flat_map(text)
}

const COUNTRIES: [&str; 5] = ["AUS", "CHL", "CHN", "ARG", "NAM"];

fn production(i: usize) -> impl Strategy<Value = Value> {
    let basis = prop::sample::select(vec!["Li", "LCE", "Li2O"]);
    let value = prop_oneof![4 => num(0.0, 1e300).prop_map(Some), 1 => Just(None)];
    (prop::sample::select(vec!["production", "reserves"]), prop::sample::select(COUNTRIES.to_vec()), basis, value)
        .prop_map(move |(measure, country, basis, value)| {
            let flags = if value.is_some() { "e" } else { "W" };
            json!({"commodity": "lithium", "stage": "mining", "measure": measure, "country": country,
                   "year": 1900 + i, "value_t": value, "basis": basis, "flags": flags, "source": "s1"})
        })
}

fn salient(i: usize) -> impl Strategy<Value = Value> {
    prop_oneof![
        num(0.0, 1e300).prop_map(|v| ("production", "t", "Li", v)),
        num(-1e300, 1e300).prop_map(|v| ("net-import-reliance", "%", "", v)),
        num(0.0, 1e300).prop_map(|v| ("price", "USD/t", "", v)),
    ]
    .prop_map(move |(item, unit, basis, value)| {
        json!({"commodity": "lithium", "item": item, "year": 1900 + i, "value": value, "unit": unit,
               "basis": basis, "flags": "", "source": "s1"})
    })
}

fn stage_share(i: usize) -> impl Strategy<Value = Value> {
    (within(0.0, 100.0), within(0.0, 100.0)).prop_flat_map(move |(a, b)| {
        (text(a.min(b)), text(a.max(b))).prop_map(move |(low, high)| {
            json!({"commodity": "lithium", "stage": "refining", "country": "CHN", "year": 2000 + i,
                   "share_low_pct": low, "share_high_pct": high, "metric": "share", "source": "s1"})
        })
    })
}

fn claim(i: usize) -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        Just(("quantity", "t", "Li", 0.0, 1e300)),
        Just(("quantity", "t", "", 0.0, 1e300)),
        Just(("share", "%", "", 0.0, 100.0)),
        Just(("cagr", "%/yr", "", -99.0, 1e6)),
        Just(("market-size", "USD billion", "", 0.0, 1e290)),
    ];
    (kind, prop::sample::select(vec!["exact", "about", "at-least", "at-most", "range"])).prop_flat_map(
        move |((kind, unit, basis, lo, hi), bound)| {
            (within(lo, hi), within(lo, hi)).prop_flat_map(move |(a, b)| {
                let high = if bound == "range" { text(a.max(b)).boxed() } else { Just(Value::Null).boxed() };
                (text(a.min(b)), high).prop_map(move |(value, high)| {
                    json!({"id": format!("c{i}"), "kind": kind, "bound": bound, "value": value, "value_high": high,
                           "unit": unit, "basis": basis, "subject": "a subject", "region": "WORLD",
                           "period_start": "2024", "period_end": "2030", "source": "s1"})
                })
            })
        },
    )
}

fn price(i: usize) -> impl Strategy<Value = Value> {
    within(0.0, 1e300).prop_filter("positive", |v| *v > 0.0).prop_flat_map(text).prop_map(move |value| {
        json!({"commodity": "lithium", "product": "chemical:Li2CO3", "grade": "battery", "market": format!("m{i}"),
               "date": "2024-03", "statistic": "spot", "value": value, "currency": "USD", "per": "t", "source": "s1"})
    })
}

fn facility(i: usize) -> impl Strategy<Value = Value> {
    // a basis with an assay of any precision, as the capacity's basis
    let assay = within(1e-12, 1.0).prop_map(|f| format!("spodumene-concentrate@{}%Li2O", f * 100.0));
    let basis = prop_oneof![Just("LCE".to_string()), assay];
    // the SI units too, which the writers fall back to for a value no t/yr or GWh/yr reads back to
    let cap = prop_oneof![
        (num(0.0, 1e300), basis.clone()).prop_map(|(v, b)| ("refining", v, "t/yr", b)),
        (num(0.0, 1e300), basis).prop_map(|(v, b)| ("refining", v, "kg/s", b)),
        num(0.0, 1e300).prop_map(|v| ("cells", v, "GWh/yr", String::new())),
        num(0.0, 1e300).prop_map(|v| ("cells", v, "W", String::new())),
        Just(("mining", Value::Null, "", String::new())),
    ];
    cap.prop_map(move |(stage, capacity, unit, basis)| {
        json!({"id": format!("f{i}"), "name": "A plant", "country": "AUS", "stage": stage,
               "product": "chemical:Li2CO3", "capacity": capacity, "capacity_unit": unit,
               "capacity_basis": basis, "source": "s1"})
    })
}

fn political_stability(i: usize) -> impl Strategy<Value = Value> {
    num(-5.0, 5.0).prop_map(move |estimate| {
        json!({"country": COUNTRIES[i % COUNTRIES.len()], "year": 1900 + i, "estimate": estimate, "source": "s1"})
    })
}

fn rows<S: Strategy<Value = Value>>(row: fn(usize) -> S) -> impl Strategy<Value = Vec<Value>> {
    (0usize..3).prop_flat_map(move |n| (0..n).map(row).collect::<Vec<_>>())
}

/// A small dataset as the JSON a user would give [`Dataset::from_json`].
fn dataset_json() -> impl Strategy<Value = String> {
    (
        rows(production),
        rows(salient),
        rows(stage_share),
        rows(claim),
        rows(price),
        rows(facility),
        rows(political_stability),
    )
        .prop_map(|(production, salient, shares, claims, prices, facilities, ps)| {
            json!({
                "sources": [{"id": "s1", "publisher": "P", "title": "T", "tag": "S"}],
                "production": production, "us_salient": salient, "stage_shares": shares, "claims": claims,
                "prices": prices, "facilities": facilities, "political_stability": ps,
            })
            .to_string()
        })
}

fn load(json: &str) -> Result<Dataset, TestCaseError> {
    Dataset::from_json(json).map_err(|e| TestCaseError::fail(format!("the drawn dataset does not load: {e}\n{json}")))
}

fn csv_round_trip(d: &Dataset) -> Result<Dataset, TestCaseError> {
    let fail = |e: &dyn std::fmt::Display| TestCaseError::fail(e.to_string());
    let dir = crate::fixtures::temp_dir("save-reload", &[]).map_err(|e| fail(&e))?;
    d.write_csv_dir(&dir).map_err(|e| fail(&e))?;
    let back = Dataset::from_dir(&dir);
    let text: String = std::fs::read_dir(&dir)
        .map_err(|e| fail(&e))?
        .filter_map(|e| e.ok())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    std::fs::remove_dir_all(&dir).map_err(|e| fail(&e))?;
    back.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_dataset_reloads_equal_through_json(input in dataset_json()) {
        let d = load(&input)?;
        let json = d.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = Dataset::from_json(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        prop_assert_eq!(&back, &d, "through {}", json);
        // and the second save writes the same text
        prop_assert_eq!(back.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?, json);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_dataset_reloads_equal_through_a_csv_directory(input in dataset_json()) {
        let d = load(&input)?;
        let back = csv_round_trip(&d)?;
        prop_assert_eq!(&back, &d, "from {}", input);
    }
}

/// The values of the bug reports, one column each: each reloads unchanged through both forms.
#[test]
fn small_and_long_values_reload_unchanged() -> Result<(), Box<dyn std::error::Error>> {
    let input = json!({
        "sources": [{"id": "s1", "publisher": "P", "title": "T", "tag": "S"}],
        "production": [{"commodity": "lithium", "stage": "mining", "measure": "production", "country": "AUS",
            "year": 2024, "value_t": "4e-10", "basis": "Li", "flags": "", "source": "s1"}],
        "us_salient": [{"commodity": "lithium", "item": "price", "year": 2024, "value": "4e-10", "unit": "USD/t",
            "basis": "", "flags": "", "source": "s1"}],
        "stage_shares": [{"commodity": "lithium", "stage": "refining", "country": "CHN", "year": 2024,
            "share_low_pct": "6.00000000049", "share_high_pct": "66.66666666666667", "metric": "m", "source": "s1"}],
        "claims": [{"id": "c", "kind": "share", "bound": "range", "value": "1e-10", "value_high": "0.30000000000000004",
            "unit": "%", "subject": "s", "region": "WORLD", "period_end": "2030", "source": "s1"}],
        "prices": [{"commodity": "lithium", "product": "chemical:Li2CO3", "market": "m", "date": "2024-03",
            "statistic": "spot", "value": "1.0000000001e-10", "currency": "USD", "per": "t", "source": "s1"}],
        "facilities": [
            {"id": "f1", "name": "n", "country": "AUS", "stage": "refining", "capacity": "4e-10", "capacity_unit": "t/yr",
             "capacity_basis": "spodumene-concentrate@6.00000049%Li2O", "source": "s1"},
            {"id": "f2", "name": "n", "country": "AUS", "stage": "cells", "capacity": "0.1", "capacity_unit": "GWh/yr",
             "source": "s1"},
            {"id": "f3", "name": "n", "country": "AUS", "stage": "mining", "capacity": "1e-300", "capacity_unit": "t/yr",
             "capacity_basis": "brine@0.00000001%Li", "source": "s1"}],
        "political_stability": [{"country": "AUS", "year": 2024, "estimate": "0.1234567890123456789", "source": "s1"}],
    })
    .to_string();
    let d = Dataset::from_json(&input)?;
    assert!(d.salient()[0].value.is_some_and(|v| v == 4e-10));
    assert!(d.prices()[0].value == 1.0000000001e-10);
    assert_eq!(Dataset::from_json(&d.to_json()?)?, d, "through {}", d.to_json()?);
    let dir = crate::fixtures::temp_dir("save-reload-values", &[])?;
    d.write_csv_dir(&dir)?;
    let back = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    assert_eq!(back?, d);
    Ok(())
}
