//! The commodity catalogue: the compiled table against `data/commodities.csv`, parsing from
//! text, critical lists and HS codes.

use critical_minerals::ErrorKind;
use critical_minerals::chain::Stage;
use critical_minerals::dataset::{Commodity, CriticalList};
use critical_minerals::material::Basis;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn catalogue() -> Result<Vec<csv::StringRecord>, Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/commodities.csv");
    let mut r = csv::Reader::from_path(path)?;
    Ok(r.records().collect::<Result<Vec<_>, _>>()?)
}

#[test]
fn compiled_table_matches_the_csv() -> TestResult {
    let rows = catalogue()?;
    assert_eq!(rows.len(), Commodity::all().len());
    for (row, c) in rows.iter().zip(Commodity::all()) {
        assert_eq!(c.id(), &row[0]);
        assert_eq!(c.name(), &row[1]);
        assert_eq!(c.symbol().unwrap_or(""), &row[2]);
        assert_eq!(c.category(), &row[3]);
        let aliases: Vec<&str> = row[4].split(';').filter(|s| !s.is_empty()).collect();
        assert_eq!(c.aliases(), aliases.as_slice(), "{c}");
        assert_eq!(c.wmd_name().unwrap_or(""), &row[5]);
        let wmd = c.reported_bases().into_iter().find(|b| b.publication == "World Mining Data");
        assert_eq!(wmd.map(|b| b.basis.to_string()).unwrap_or_default(), row[6], "{c}");
        assert_eq!(c.default_basis().map(|b| b.to_string()).unwrap_or_default(), row[8], "{c}");
        assert_eq!(c.production_stage().to_string(), row[10], "{c}");
        let codes: Vec<String> = c.trade_codes().iter().map(|t| t.code.digits()).collect();
        let expected: Vec<&str> = row[12].split(';').filter(|s| !s.is_empty()).collect();
        assert_eq!(codes, expected, "{c}");
        assert_eq!(c.is_on(CriticalList::Eu2023).to_string(), row[13], "{c}");
        assert_eq!(c.is_on(CriticalList::Us2022).to_string(), row[14], "{c}");
        assert_eq!(c.is_on(CriticalList::Us2025).to_string(), row[15], "{c}");
        assert_eq!(c.eol_rir_2023(), if row[16].is_empty() { None } else { Some(row[16].parse::<f64>()?) });
    }
    Ok(())
}

#[test]
fn every_basis_of_the_catalogue_parses_and_counts_its_commodity() -> TestResult {
    let rows = catalogue()?;
    for (row, c) in rows.iter().zip(Commodity::all()) {
        for text in [&row[6], &row[7], &row[8]].into_iter().filter(|t| !t.is_empty()) {
            let b: Basis = text.parse()?;
            assert!(c.accepts_basis(&b), "{c} refuses its own basis {b}");
        }
    }
    // 65 World Mining Data commodities, one of them (natural gas) without a mass basis
    assert_eq!(Commodity::all().filter(|c| c.wmd_name().is_some()).count(), 65);
    let no_basis: Vec<&str> = Commodity::all().filter(|c| c.default_basis().is_none()).map(|c| c.id()).collect();
    assert_eq!(no_basis, ["li-ion-batteries", "natural-gas"]);
    Ok(())
}

#[test]
fn parses_by_id_name_alias_and_symbol_case_insensitively() -> TestResult {
    for (text, id) in [
        ("cobalt", "cobalt"),
        ("Cobalt", "cobalt"),
        ("manganese", "manganese"),
        ("rare earths", "rare-earths"),
        ("Rare Earths (REO)", "rare-earths"),
        ("RARE_EARTHS", "rare-earths"),
        ("lithium", "lithium"),
        ("Lithium (Li2O)", "lithium"),
        ("li", "lithium"),
        ("graphite", "natural-graphite"),
        ("natural-graphite", "natural-graphite"),
        ("graphite (natural)", "natural-graphite"),
        ("lithium-ion batteries", "li-ion-batteries"),
        ("barite", "baryte"),
        ("metallurgical coal", "coking-coal"),
    ] {
        assert_eq!(text.parse::<Commodity>()?.id(), id, "{text:?}");
    }
    assert_eq!("cobalt".parse::<Commodity>()?, Commodity::COBALT);
    assert_eq!("nickel".parse::<Commodity>()?, Commodity::NICKEL);
    assert_eq!("li-ion-batteries".parse::<Commodity>()?, Commodity::LI_ION_BATTERIES);
    // serde: the id
    let json = serde_json::to_string(&Commodity::NATURAL_GRAPHITE)?;
    assert_eq!(json, "\"natural-graphite\"");
    assert_eq!(serde_json::from_str::<Commodity>("\"Rare earths\"")?.id(), "rare-earths");
    // every id and name parses back to itself
    for c in Commodity::all() {
        assert_eq!(c.id().parse::<Commodity>()?, c);
        assert_eq!(c.name().parse::<Commodity>()?, c);
        assert_eq!(c.to_string(), c.id());
    }
    Ok(())
}

#[test]
fn an_unknown_commodity_is_a_typed_error_naming_the_text() {
    for (bad, hint) in [("unobtainium", ""), ("manganeze", "manganese"), ("cobolt", "cobalt"), ("", "")] {
        let err = bad.parse::<Commodity>().expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::Unknown);
        let msg = err.to_string();
        assert!(msg.contains(&format!("{bad:?}")), "{msg}");
        assert!(msg.contains(hint), "{msg}");
    }
    let long = "x".repeat(10_000);
    assert!(long.parse::<Commodity>().expect_err("long").to_string().len() < 300);
    assert!(serde_json::from_str::<Commodity>("\"copperr-ore\"").is_err());
}

#[test]
fn critical_lists_follow_the_published_lists() {
    let on = |id: &str, list| id.parse::<Commodity>().is_ok_and(|c: Commodity| c.is_on(list));
    // EU 2023 (Regulation (EU) 2024/1252, Annex II)
    for id in ["lithium", "cobalt", "nickel", "natural-graphite", "manganese", "rare-earths", "copper", "bauxite"] {
        assert!(on(id, CriticalList::Eu2023), "{id}");
    }
    for id in ["gold", "zinc", "tin", "uranium", "chromium"] {
        assert!(!on(id, CriticalList::Eu2023), "{id}");
    }
    // US 2022 (50 minerals): zinc and tin yes, copper and uranium no; 2025 adds them
    for id in ["zinc", "tin", "chromium", "rare-earths", "zircon"] {
        assert!(on(id, CriticalList::Us2022) && on(id, CriticalList::Us2025), "{id}");
    }
    for id in ["copper", "uranium", "silver", "lead", "potash", "coking-coal", "rhenium", "boron-minerals"] {
        assert!(!on(id, CriticalList::Us2022) && on(id, CriticalList::Us2025), "{id}");
    }
    assert!(!on("gold", CriticalList::Us2025) && !on("li-ion-batteries", CriticalList::Us2025));
    // a commodity on the 2022 list stays on the 2025 list (the 2025 list only adds)
    for c in Commodity::all() {
        assert!(!c.is_on(CriticalList::Us2022) || c.is_on(CriticalList::Us2025), "{c}");
    }
}

#[test]
fn hs_codes_come_with_their_stage() -> TestResult {
    let li = Commodity::LITHIUM.trade_codes();
    let digits: Vec<String> = li.iter().map(|t| t.code.digits()).collect();
    assert_eq!(digits, ["282520", "283691"]);
    assert!(li.iter().all(|t| t.stage == Stage::Refining));
    let mn = "manganese".parse::<Commodity>()?.trade_codes();
    assert_eq!((mn[0].code.digits(), mn[0].stage), ("260200".to_string(), Stage::Mining));
    assert!("gallium".parse::<Commodity>()?.trade_codes().is_empty());
    Ok(())
}
