//! Reports on the open data: every commodity with a mass basis gets a report whose figures name
//! their source and edition; the 2022 concentration of manganese, cobalt and rare earths from
//! World Mining Data matches a computation straight from the CSV rows.

use std::collections::BTreeMap;

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::report::{ReportOptions, SupplyReport};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn every_commodity_with_a_mass_basis_gets_a_report_citing_every_figure() -> TestResult {
    let data = Dataset::builtin()?;
    let mut built = 0;
    for c in Commodity::all() {
        let result = SupplyReport::build(&data, c);
        if c.default_basis().is_none() {
            assert!(result.is_err(), "{c}");
            continue;
        }
        let report = result.map_err(|e| format!("{c}: {e}"))?;
        built += 1;
        let Some(m) = &report.mining else {
            // only natural gas has no production table
            return Err(format!("{c}: no production section").into());
        };
        for y in std::iter::once(&m.latest).chain(m.previous.as_ref()) {
            assert!(!y.edition.is_empty() && report.source(&y.source).is_some(), "{c} {}", y.year);
            for p in &y.producers {
                assert!(report.source(&p.source).is_some() && !p.edition.is_empty(), "{c} {}", p.name);
                assert!(y.edition.split(", ").any(|e| e == p.edition), "{c}");
            }
            let h = y.headline_concentration().hhi_points;
            assert!(h.low() >= 0.0 && h.high() <= 10_000.0 + 1e-6, "{c} {h:?}");
        }
        if c.wmd_name().is_some() && !["lithium", "cobalt", "nickel", "natural-graphite"].contains(&c.id()) {
            assert_eq!(m.latest.year, 2022, "{c}");
            assert_eq!(m.latest.edition, "WMD 2024", "{c}");
            assert!(report.reliance.is_none() && report.claims.is_empty(), "{c}");
            if c.id() != "manganese" {
                // no stage statements about it (battery-cell shares only for battery minerals)
                assert!(report.stages.is_empty(), "{c}");
            }
            assert!(report.notes.iter().any(|n| n.text.contains("no US salient statistics")), "{c}");
        }
    }
    assert_eq!(built, 64);
    Ok(())
}

/// Country rows (alpha-3 → tonnes), the rows' sum and the world total of one commodity and year.
type YearRows = (BTreeMap<String, f64>, f64, Option<f64>);

/// Shares straight from `data/wmd2024_production.csv`.
fn wmd_rows(id: &str, year: &str) -> Result<YearRows, Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/wmd2024_production.csv");
    let mut reader = csv::Reader::from_path(path)?;
    let header = reader.headers()?.clone();
    let col = |name: &str| header.iter().position(|h| h == name).ok_or(format!("no column {name}"));
    let (c, country, y, v) = (col("commodity")?, col("country")?, col("year")?, col("value_t")?);
    let mut countries = BTreeMap::new();
    let (mut sum, mut world) = (0.0, None);
    for row in reader.records() {
        let row = row?;
        if &row[c] != id || &row[y] != year {
            continue;
        }
        let value: f64 = row[v].parse()?;
        match &row[country] {
            "WORLD" => world = Some(value),
            "OTHER" => sum += value,
            code => {
                sum += value;
                countries.insert(code.to_string(), value);
            }
        }
    }
    Ok((countries, sum, world))
}

#[test]
fn hhi_and_cr3_2022_match_the_csv_rows() -> TestResult {
    let data = Dataset::builtin()?;
    for id in ["manganese", "cobalt", "rare-earths"] {
        let (countries, sum, world) = wmd_rows(id, "2022")?;
        assert!(countries.len() >= 5, "{id}");
        let mut q: Vec<f64> = countries.values().copied().collect();
        q.sort_by(|a, b| b.total_cmp(a));
        let hhi = |d: f64| q.iter().map(|v| (100.0 * v / d).powi(2)).sum::<f64>();
        let cr3 = |d: f64| q.iter().take(3).sum::<f64>() / d * 100.0;

        let c: Commodity = id.parse()?;
        let report = SupplyReport::build_with(&data, c, &ReportOptions::new().year(2022))?;
        let y = &report.mining.as_ref().ok_or("no production section")?.latest;
        assert_eq!((y.year, y.edition.as_str(), y.source.as_str()), (2022, "WMD 2024", "wmd-2024"));
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        assert!(close(y.rows_sum_t, sum), "{id}: {} vs {sum}", y.rows_sum_t);
        assert!(close(y.on_rows.hhi_points.low(), hhi(sum)), "{id}: {:?} vs {}", y.on_rows.hhi_points, hhi(sum));
        assert!(close(y.on_rows.cr3_pct.low(), cr3(sum)), "{id}: {:?} vs {}", y.on_rows.cr3_pct, cr3(sum));
        match (world, &y.on_world_total) {
            (Some(w), Some(on_world)) => {
                assert!(w >= sum * (1.0 - 1e-9), "{id}");
                let remainder = 100.0 * (w - sum) / w;
                assert!(close(on_world.hhi_points.low(), hhi(w)), "{id}");
                assert!(close(on_world.hhi_points.high(), hhi(w) + remainder.powi(2)), "{id}");
                assert!(close(on_world.cr3_pct.low(), cr3(w)), "{id}");
            }
            (Some(w), None) => assert!(w < sum * (1.0 - 1e-9), "{id}: world {w} usable but unused"),
            (None, _) => assert!(y.on_world_total.is_none(), "{id}"),
        }
        // the top three are the three largest rows
        let mut ranked: Vec<(&String, &f64)> = countries.iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(a.1));
        let areas: Vec<String> = y.producers.iter().take(3).map(|p| p.area.to_string()).collect();
        let expected: Vec<String> = ranked.iter().take(3).map(|(c, _)| (*c).clone()).collect();
        assert_eq!(areas, expected, "{id}");
    }
    Ok(())
}

#[test]
fn a_report_from_the_tables_of_its_commodity_equals_the_report_from_all_the_data() -> TestResult {
    let all = Dataset::builtin_ref()?;
    let mut compared = 0;
    for c in Commodity::all() {
        let one = Dataset::builtin_for(c)?;
        assert!(one.production_rows().len() < all.production_rows().len(), "{c}");
        for options in [ReportOptions::default(), ReportOptions { year: Some(2019), ..ReportOptions::default() }] {
            match (SupplyReport::build_with(all, c, &options), SupplyReport::build_with(&one, c, &options)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b, "{c}");
                    compared += 1;
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{c}"),
                (a, b) => return Err(format!("{c}: {a:?} against {b:?}").into()),
            }
        }
        assert_eq!(one.editions(c), all.editions(c), "{c}");
    }
    assert!(compared > 100, "only {compared} reports compared");
    Ok(())
}
