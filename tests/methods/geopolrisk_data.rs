//! GeoPolRisk on the embedded data: production HHI from World Mining Data and political
//! stability from the WGI table, against a hand computation from the CSV rows.

use critical_minerals::ErrorKind;
use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::geo::Country;
use critical_minerals::methods::geopolrisk::{ImportFlow, Imports};
use critical_minerals::trade::HsCode;
use critical_minerals::units::Mass;
use uom::si::mass::ton;

use crate::fixtures::{col, csv_rows, wgi_of_year};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn cobalt_2022_matches_a_hand_computation_from_the_csv_rows() -> TestResult {
    // HHI: country rows of cobalt 2022 in World Mining Data
    let (h, rows) = csv_rows("wmd2024_production.csv")?;
    let (c, country, year, value) = (col(&h, "commodity")?, col(&h, "country")?, col(&h, "year")?, col(&h, "value_t")?);
    let q: Vec<f64> = rows
        .iter()
        .filter(|r| &r[c] == "cobalt" && &r[year] == "2022" && !matches!(&r[country], "WORLD" | "OTHER"))
        .map(|r| r[value].parse::<f64>())
        .collect::<Result<_, _>>()?;
    let total: f64 = q.iter().sum();
    let hhi: f64 = q.iter().map(|v| (v / total).powi(2)).sum();

    // WGI 2022 of the suppliers
    let wgi = wgi_of_year("2022")?;
    let g = |alpha3: &str| wgi.get(alpha3).map_or(0.5, |e| ((2.5 - e) / 5.0).clamp(0.0, 1.0));

    let imports = [("COD", 600.0), ("RUS", 250.0), ("AUS", 100.0), ("NCL", 50.0)];
    let domestic = 200.0;
    let numerator: f64 = imports.iter().map(|(s, t)| g(s) * t).sum();
    let expected = hhi * numerator / (domestic + 1_000.0);
    assert!(!wgi.contains_key("NCL"), "New Caledonia has no WGI row: it gets 0.5");

    let hs = [HsCode::parse("282200")?];
    let flows: Vec<ImportFlow> = imports
        .iter()
        .map(|(s, t)| {
            Ok(ImportFlow { supplier: Country::from_code(s)?, hs: hs[0], quantity: Mass::new::<ton>(*t), value: None })
        })
        .collect::<Result<_, critical_minerals::Error>>()?;
    let data = Dataset::builtin()?;
    assert!((data.production_hhi(Commodity::COBALT, 2022)?.fraction() - hhi).abs() < 1e-12);
    let de = Country::from_code("DE")?;
    let a = data.geopolrisk(Commodity::COBALT, 2022, &[de], Mass::new::<ton>(domestic), Imports::new(&hs, &flows)?)?;
    assert!((a.score - expected).abs() < 1e-12, "{} vs {expected}", a.score);
    assert_eq!(a.missing_wgi, [Country::from_code("NC")?]);
    Ok(())
}

#[test]
fn a_missing_year_is_a_typed_error() -> TestResult {
    let data = Dataset::builtin()?;
    let err = data.wgi_table(2023).expect_err("WGI ends in 2022");
    assert_eq!(err.kind(), ErrorKind::Missing);
    assert!(err.to_string().contains("2023") && err.to_string().contains("1996"), "{err}");
    let err = data.production_hhi(Commodity::COBALT, 2017).expect_err("World Mining Data starts in 2018");
    assert_eq!(err.kind(), ErrorKind::Missing);
    assert!(err.to_string().contains("cobalt") && err.to_string().contains("2017"), "{err}");
    let hs = [HsCode::parse("282200")?];
    let flows =
        [ImportFlow { supplier: Country::from_code("CD")?, hs: hs[0], quantity: Mass::new::<ton>(1.0), value: None }];
    let de = Country::from_code("DE")?;
    let imports = Imports::new(&hs, &flows)?;
    // production 2023 comes from USGS MCS 2025, but WGI has no 2023
    let err = data.geopolrisk(Commodity::COBALT, 2023, &[de], Mass::new::<ton>(0.0), imports).expect_err("no WGI 2023");
    assert_eq!(err.kind(), ErrorKind::Missing);
    Ok(())
}

/// The ranges over a window of years contain the point assessment of every year of the window,
/// at every corner of the import ranges; New Caledonia (no WGI row) is listed and kept at 0.5.
#[test]
fn ranges_over_years_contain_each_years_point_assessment() -> TestResult {
    use critical_minerals::provenance::Estimate;
    let data = Dataset::builtin()?;
    let de = Country::from_code("DE")?;
    let (cd, fi, nc) = (Country::from_code("CD")?, Country::from_code("FI")?, Country::from_code("NC")?);
    let imports = [(cd, (1_200.0, 1_800.0)), (fi, (300.0, 500.0)), (nc, (50.0, 80.0)), (de, (10.0, 20.0))];
    let ranged: Vec<(Country, Estimate)> = imports
        .iter()
        .map(|&(c, (lo, hi))| Ok((c, Estimate::range(lo, hi)?)))
        .collect::<Result<_, critical_minerals::Error>>()?;
    let domestic = Estimate::range(0.0, 100.0)?;
    let r = data.geopolrisk_over_years(Commodity::COBALT, 2018..=2022, &[de], domestic, &ranged, None, None)?;
    assert_eq!(r.missing_wgi, [nc]);
    assert!(r.score.width() > 0.0);
    let hs = [HsCode::parse("282200")?];
    for year in 2018..=2022 {
        for corner in 0..(1u32 << (imports.len() + 1)) {
            let pick = |k: usize, lo: f64, hi: f64| if corner >> k & 1 == 1 { hi } else { lo };
            let flows: Vec<ImportFlow> = imports
                .iter()
                .enumerate()
                .map(|(k, &(c, (lo, hi)))| ImportFlow {
                    supplier: c,
                    hs: hs[0],
                    quantity: Mass::new::<ton>(pick(k, lo, hi)),
                    value: None,
                })
                .collect();
            let p = pick(imports.len(), domestic.low(), domestic.high());
            let a = data.geopolrisk(Commodity::COBALT, year, &[de], Mass::new::<ton>(p), Imports::new(&hs, &flows)?)?;
            assert!(
                r.score.low() - 1e-12 <= a.score && a.score <= r.score.high() + 1e-12,
                "{year}, corner {corner}: {} outside {}",
                a.score,
                r.score
            );
        }
    }
    // bad windows and suppliers
    let one = &ranged[..1];
    let p0 = Estimate::point(0.0)?;
    #[allow(clippy::reversed_empty_ranges)]
    let e = data.geopolrisk_over_years(Commodity::COBALT, 2022..=2018, &[de], p0, one, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Empty);
    let e = data.geopolrisk_over_years(Commodity::COBALT, 2021..=2023, &[de], p0, one, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Missing, "{e}");
    let twice = [ranged[0], ranged[0]];
    let e = data.geopolrisk_over_years(Commodity::COBALT, 2021..=2022, &[de], p0, &twice, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Duplicate);
    let e = data.geopolrisk_over_years(Commodity::COBALT, 2021..=2022, &[], p0, one, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Empty);
    Ok(())
}
