//! Conformance of the built-in dataset with the published tables (USGS MCS 2025, as recorded in
//! the project's reference notes) and with its own provenance rules.

use critical_minerals::provenance::Confidence;
use std::collections::HashSet;

use critical_minerals::chain::{Capacity, FacilityStatus, Stage};
use critical_minerals::claims::{Bound, Claim, ClaimKind, ClaimUnit};
use critical_minerals::dataset::{Commodity, Dataset, Flag, Measure, SalientItem};
use critical_minerals::geo::{Country, Place};
use critical_minerals::material::Basis;
use critical_minerals::money::{Currency, Scale};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn country(code: &str) -> Place {
    Place::Country(Country::from_code(code).expect("test code"))
}

fn tonnes_of(data: &Dataset, c: Commodity, year: i32, m: Measure, area: Place) -> Option<f64> {
    data.production(c, Stage::Mining, year, m).into_iter().find(|r| r.area == area).and_then(|r| r.tonnes())
}

const DATA_FILES: [&str; 8] = [
    "production.csv",
    "wmd2024_production.csv",
    "us_salient.csv",
    "stage_shares.csv",
    "claims.csv",
    "prices.csv",
    "facilities.csv",
    "political_stability.csv",
];

fn data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

#[test]
fn builtin_loads_every_table() -> TestResult {
    let d = Dataset::builtin()?;
    assert!(!d.sources().is_empty());
    assert!(!d.production_rows().is_empty());
    assert!(!d.salient().is_empty());
    assert!(!d.stage_share_rows().is_empty());
    assert!(!d.claims().is_empty());
    assert!(!d.prices().is_empty());
    assert!(!d.facilities().is_empty());
    // a second call gives the same data
    assert_eq!(Dataset::builtin()?, d);
    Ok(())
}

#[test]
fn lithium_2024_rows_sum_to_235380_against_a_rounded_240000() -> TestResult {
    let d = Dataset::builtin()?;
    let sum = d.constituent_sum(Commodity::LITHIUM, Stage::Mining, 2024, Measure::Production)?;
    assert_eq!(sum.basis(), &"Li".parse::<Basis>()?);
    assert!((sum.in_tonnes() - 235_380.0).abs() < 1e-6, "{}", sum.in_tonnes());
    let world = d.world_total(Commodity::LITHIUM, 2024).ok_or("no world row")?;
    assert_eq!(world.tonnes(), Some(240_000.0));
    assert!(world.has_flag(Flag::Rounded));
    assert!(world.note.contains("excludes U.S. production"), "{}", world.note);
    let withheld = d.withheld(Commodity::LITHIUM, Stage::Mining, 2024, Measure::Production);
    assert_eq!(withheld.len(), 1);
    assert_eq!(withheld[0].area, country("USA"));
    assert_eq!(withheld[0].value, None);
    assert_eq!(d.world_total(Commodity::LITHIUM, 2023).and_then(|r| r.tonnes()), Some(204_000.0));
    Ok(())
}

#[test]
fn world_totals_and_rows_match_the_published_tables() -> TestResult {
    let d = Dataset::builtin()?;
    let p = Measure::Production;
    for (c, year, total) in [
        (Commodity::COBALT, 2023, 238_000.0),
        (Commodity::COBALT, 2024, 290_000.0),
        (Commodity::NATURAL_GRAPHITE, 2023, 1_530_000.0),
        (Commodity::NATURAL_GRAPHITE, 2024, 1_600_000.0),
        (Commodity::NICKEL, 2023, 3_750_000.0),
        (Commodity::NICKEL, 2024, 3_700_000.0),
    ] {
        assert_eq!(d.world_total(c, year).and_then(|r| r.tonnes()), Some(total), "{c} {year}");
    }
    assert_eq!(tonnes_of(&d, Commodity::COBALT, 2024, p, country("COD")), Some(220_000.0));
    assert_eq!(tonnes_of(&d, Commodity::COBALT, 2023, p, Place::RestOfWorld), Some(6_080.0));
    assert_eq!(tonnes_of(&d, Commodity::NATURAL_GRAPHITE, 2024, p, country("CHN")), Some(1_270_000.0));
    assert_eq!(tonnes_of(&d, Commodity::NATURAL_GRAPHITE, 2023, p, country("MOZ")), Some(98_000.0));
    assert_eq!(tonnes_of(&d, Commodity::NICKEL, 2024, p, country("IDN")), Some(2_200_000.0));
    assert_eq!(tonnes_of(&d, Commodity::NICKEL, 2023, p, country("NCL")), Some(231_000.0));
    assert_eq!(tonnes_of(&d, Commodity::LITHIUM, 2024, p, country("NA")), Some(2_700.0));
    assert_eq!(tonnes_of(&d, Commodity::LITHIUM, 2024, Measure::Reserves, country("CHL")), Some(9_300_000.0));
    // graphite and nickel bases
    let g = d.world_total(Commodity::NATURAL_GRAPHITE, 2024).ok_or("no graphite total")?;
    assert_eq!(g.basis, "natural-graphite".parse::<Basis>()?);
    let n = d.world_total(Commodity::NICKEL, 2024).ok_or("no nickel total")?;
    assert_eq!(n.basis, "Ni".parse::<Basis>()?);
    Ok(())
}

/// A rounded world total is the sum of its rows to the total's own precision: half a unit of its
/// last non-zero digit (204,000 -> +/- 500; 240,000 -> +/- 5,000).
#[test]
fn rounded_world_totals_agree_with_their_rows() -> TestResult {
    let d = Dataset::builtin()?;
    let mut checked = 0;
    for c in [Commodity::LITHIUM, Commodity::COBALT, Commodity::NATURAL_GRAPHITE, Commodity::NICKEL] {
        for year in [2023, 2024] {
            let world = d.world_total(c, year).ok_or("no world row")?;
            assert!(world.has_flag(Flag::Rounded), "{c} {year}");
            let total = world.tonnes().ok_or("no world value")?;
            let mut unit = 1.0;
            while total % (unit * 10.0) == 0.0 {
                unit *= 10.0;
            }
            let sum = d.constituent_sum(c, Stage::Mining, year, Measure::Production)?.in_tonnes();
            assert!(
                (sum - total).abs() <= unit / 2.0,
                "{c} {year}: rows sum to {sum}, world {total} +/- {}",
                unit / 2.0
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
    Ok(())
}

#[test]
fn flags_are_kept_as_published() -> TestResult {
    let d = Dataset::builtin()?;
    let r = Measure::Reserves;
    let ncl = d
        .production(Commodity::COBALT, Stage::Mining, 2024, r)
        .into_iter()
        .find(|x| x.area == country("NCL"))
        .ok_or("NCL")?;
    assert!(ncl.has_flag(Flag::NotAvailable));
    assert_eq!(ncl.value, None);
    let other = d.production(Commodity::LITHIUM, Stage::Mining, 2024, Measure::Production);
    let other = other.iter().find(|x| x.area == Place::RestOfWorld).ok_or("OTHER")?;
    assert!(other.has_flag(Flag::Zero));
    assert_eq!(other.tonnes(), Some(0.0));
    let ni_world = d.world(Commodity::NICKEL, Stage::Mining, 2024, r).ok_or("nickel reserves")?;
    assert!(ni_world.has_flag(Flag::GreaterThan));
    assert_eq!(ni_world.tonnes(), Some(130_000_000.0));
    let in_total = d
        .production(Commodity::NATURAL_GRAPHITE, Stage::Mining, 2024, r)
        .into_iter()
        .filter(|x| x.has_flag(Flag::InWorldTotal))
        .count();
    assert_eq!(in_total, 4);
    let aus = d
        .production(Commodity::LITHIUM, Stage::Mining, 2024, r)
        .into_iter()
        .find(|x| x.area == country("AUS"))
        .ok_or("AUS")?;
    assert!(aus.note.contains("JORC"));
    // every cobalt production figure of USGS MCS 2025 is an estimate
    assert!(
        d.production_rows()
            .iter()
            .filter(|x| x.commodity == Commodity::COBALT && x.measure == Measure::Production && x.edition == "MCS 2025")
            .all(|x| x.has_flag(Flag::Estimated))
    );
    Ok(())
}

#[test]
fn salient_statistics_keep_bands_and_withheld_values() -> TestResult {
    let d = Dataset::builtin()?;
    let nir = d.salient_value(Commodity::LITHIUM, SalientItem::NetImportReliance, 2024).ok_or("li nir")?;
    assert_eq!(nir.value, Some(50.0));
    assert!(nir.has_flag(Flag::GreaterThan));
    let nir21 = d.salient_value(Commodity::LITHIUM, SalientItem::NetImportReliance, 2021).ok_or("li nir 2021")?;
    assert_eq!(nir21.value, Some(25.0));
    let prod = d.salient_value(Commodity::LITHIUM, SalientItem::Production, 2022).ok_or("li prod")?;
    assert!(prod.has_flag(Flag::Withheld) && prod.value.is_none());
    let imports = d.salient_value(Commodity::LITHIUM, SalientItem::Imports, 2023).ok_or("imports")?;
    assert_eq!(imports.amount().map(|a| a.in_tonnes()), Some(3_390.0));
    let co = d.salient_value(Commodity::COBALT, SalientItem::NetImportReliance, 2024).ok_or("co")?;
    assert_eq!(co.value, Some(76.0));
    for y in 2020..=2024 {
        let g = d.salient_value(Commodity::NATURAL_GRAPHITE, SalientItem::NetImportReliance, y).ok_or("graphite")?;
        assert_eq!(g.value, Some(100.0));
    }
    let ni = d.salient_value(Commodity::NICKEL, SalientItem::NetImportReliance, 2024).ok_or("ni")?;
    assert_eq!(ni.value, Some(48.0));
    Ok(())
}

#[test]
fn stage_shares_give_ranges_where_sources_differ() -> TestResult {
    let d = Dataset::builtin()?;
    let china = country("CHN");
    let li = d.stage_share_range(Commodity::LITHIUM, Stage::Refining, china).ok_or("li")?;
    assert_eq!((li.low(), li.high()), (65.0, 70.0));
    let co = d.stage_share_range(Commodity::COBALT, Stage::Refining, china).ok_or("co")?;
    assert_eq!((co.low(), co.high()), (74.0, 80.0));
    let cells = d.stage_shares(Commodity::LI_ION_BATTERIES, Stage::Cells);
    assert_eq!(cells.len(), 1);
    assert_eq!(cells[0].estimate.low(), 85.0);
    assert_eq!(cells[0].qualifier, "nearly");
    for s in d.stage_share_rows() {
        let tag = d.source(&s.source).ok_or("source")?.tag;
        assert!(matches!(tag, Confidence::Primary | Confidence::Secondary), "{}", s.source);
    }
    Ok(())
}

#[test]
fn seed_claims_are_recorded_with_kind_bound_and_source() -> TestResult {
    let d = Dataset::builtin()?;
    let stated = |c: &Claim| c.figure().stated().copied().ok_or("no figure");
    let metal = d.claim("li-metal-output-2025").ok_or("metal")?;
    assert_eq!((metal.kind(), stated(metal)?.bound()), (ClaimKind::Quantity, Bound::Range));
    assert_eq!((stated(metal)?.estimate().low(), stated(metal)?.estimate().high()), (40_000.0, 60_000.0));
    assert_eq!(metal.figure().basis(), Some(&"metal:Li".parse()?));
    let china = d.claim("china-liion-capacity-share").ok_or("china")?;
    assert_eq!(
        (china.kind(), stated(china)?.bound(), stated(china)?.estimate().low()),
        (ClaimKind::Share, Bound::AtLeast, 70.0)
    );
    let size = d.claim("slb-market-size-2030").ok_or("size")?;
    assert_eq!(size.figure().unit(), Some(ClaimUnit::Money { currency: Currency::USD, scale: Scale::Billion }));
    let regions: f64 = ["north-america", "europe", "asia-pacific"]
        .iter()
        .filter_map(|r| d.claims().iter().find(|c| c.place().to_string() == *r))
        .filter_map(|c| c.figure().stated().map(|s| s.estimate().low()))
        .sum();
    assert_eq!(regions, 90.0);
    let cagrs: Vec<_> = d.claims().iter().filter(|c| c.kind() == ClaimKind::Cagr).collect();
    assert_eq!(cagrs.len(), 2);
    let fall = d.claim("lithium-price-fall-since-2022-peak").ok_or("fall")?;
    assert_eq!(stated(fall)?.estimate().low(), -90.0);
    let waste = d.claim("yichun-processing-waste-2025").ok_or("waste")?;
    assert_eq!(stated(waste)?.estimate().low(), 10_000_000.0);
    for c in d.claims() {
        let s = d.source(c.source().ok_or("no source")?).ok_or("claim source")?;
        assert_eq!(s.tag, Confidence::Claim, "{}", c.id());
        assert!(s.source.edition.as_deref().is_some_and(|e| e.contains("seed file")), "{}", c.id());
    }
    Ok(())
}

/// The price points behind the "nearly 90 %" claim: from the November 2022 peak to mid-June 2025.
#[test]
fn price_points_support_a_fall_of_nearly_90_percent() -> TestResult {
    let d = Dataset::builtin()?;
    let peak = d.prices().iter().find(|p| p.date.to_string() == "2022-11").ok_or("peak")?;
    let june = d
        .prices()
        .iter()
        .find(|p| p.date.to_string() == "2025-06-18" && p.statistic.name() == "average")
        .ok_or("june")?;
    assert_eq!(peak.currency, june.currency);
    let fall = (1.0 - june.value / peak.value) * 100.0;
    assert!((85.0..90.0).contains(&fall), "{fall}");
    Ok(())
}

#[test]
fn facilities_load_into_chain_facilities() -> TestResult {
    let d = Dataset::builtin()?;
    let yichun = d.facility("catl-lopal-yichun").ok_or("yichun")?;
    assert_eq!(yichun.facility.country, Country::from_code("CN")?);
    assert_eq!(yichun.facility.stage, Stage::Refining);
    assert_eq!(yichun.facility.owners.len(), 2);
    assert!(yichun.facility.capacity.is_none());
    let vulcan = d.facility("vulcan-lionheart").ok_or("vulcan")?;
    match &vulcan.facility.capacity {
        Some(Capacity::Mass(r)) => {
            assert!((r.in_tonnes_per_year() - 24_000.0).abs() < 1e-6);
            assert_eq!(r.basis(), &Basis::lithium_hydroxide_monohydrate());
        }
        other => return Err(format!("unexpected capacity {other:?}").into()),
    }
    let nv = d.facility("northvolt-ett").ok_or("northvolt")?;
    assert_eq!(nv.facility.status, Some(FacilityStatus::Closed));
    assert!(d.facility("redwood-nevada").is_some());
    for f in d.facilities() {
        let src = f.facility.source.as_deref().ok_or("facility without source")?;
        assert!(d.source(src).is_some(), "{src}");
    }
    Ok(())
}

/// Read the files without the loader: every `source` cell is an id of sources.csv.
#[test]
fn every_row_cites_a_listed_source() -> TestResult {
    let dir = data_dir();
    let mut r = csv::Reader::from_path(dir.join("sources.csv"))?;
    let id_col = r.headers()?.iter().position(|h| h == "id").ok_or("id column")?;
    let tag_col = r.headers()?.iter().position(|h| h == "tag").ok_or("tag column")?;
    let mut ids = HashSet::new();
    for rec in r.records() {
        let rec = rec?;
        assert_ne!(rec.get(tag_col), Some("U"), "unconfirmed source {:?}", rec.get(id_col));
        ids.insert(rec.get(id_col).ok_or("id")?.to_string());
    }
    let mut rows = 0;
    for file in DATA_FILES {
        let mut r = csv::Reader::from_path(dir.join(file))?;
        let col = r.headers()?.iter().position(|h| h == "source").ok_or("source column")?;
        for (i, rec) in r.records().enumerate() {
            let rec = rec?;
            let id = rec.get(col).unwrap_or("");
            assert!(ids.contains(id), "{file} row {}: source {id:?} is not in sources.csv", i + 1);
            rows += 1;
        }
    }
    assert_eq!(
        rows,
        Dataset::builtin()?.production_rows().len() + {
            let d = Dataset::builtin()?;
            d.salient().len()
                + d.stage_share_rows().len()
                + d.claims().len()
                + d.prices().len()
                + d.facilities().len()
                + d.political_stability_rows().len()
        }
    );
    Ok(())
}

#[test]
fn no_unconfirmed_item_is_embedded() -> TestResult {
    let d = Dataset::builtin()?;
    assert!(d.sources().iter().all(|s| s.tag != Confidence::Unconfirmed));
    // every source cited by a production or salient row is the primary USGS text
    for id in d.production_rows().iter().map(|r| &r.source).chain(d.salient().iter().map(|r| &r.source)) {
        assert_eq!(d.source(id).map(|s| s.tag), Some(Confidence::Primary), "{id}");
    }
    // unconfirmed items of the reference notes (lepidolite grades, 45X module rate) are absent
    let csv_text: String =
        DATA_FILES.iter().map(|f| std::fs::read_to_string(data_dir().join(f)).unwrap_or_default()).collect();
    assert!(!csv_text.to_lowercase().contains("lepidolite grade"));
    assert!(!csv_text.contains("45X"));
    Ok(())
}

#[test]
fn builtin_round_trips_through_a_csv_directory() -> TestResult {
    let d = Dataset::builtin()?;
    let dir = std::env::temp_dir().join(format!("cm-dataset-builtin-rt-{}", std::process::id()));
    d.write_csv_dir(&dir)?;
    let back = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    assert_eq!(back?, d);
    Ok(())
}
