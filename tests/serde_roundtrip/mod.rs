//! Every public data type survives serde_json: serialize, read back, compare, and serialize
//! again to the same text. Quantities carry their unit and basis in the JSON.

mod results;
mod save_reload;

use std::fmt::Debug;

use critical_minerals::chain::{Capacity, Company, Facility, FacilityStatus, Process, Stage};
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::{
    Amount, Assay, Basis, CathodeChemistry, Compound, Element, Form, Grade, GradeClass, GraphiteKind, Mineral, Rate,
};
use critical_minerals::money::{Currency, Money, Price, Scale};
use critical_minerals::provenance::{Estimate, Source};
use critical_minerals::time::Period;
use critical_minerals::trade::{HsCode, TradeFlow};
use critical_minerals::units;
use serde::Serialize;
use serde::de::DeserializeOwned;

type R = Result<(), Box<dyn std::error::Error>>;

/// Round-trips `v` and returns its JSON.
fn rt<T: Serialize + DeserializeOwned + PartialEq + Debug>(v: &T) -> Result<String, Box<dyn std::error::Error>> {
    let json = serde_json::to_string(v)?;
    let back: T = serde_json::from_str(&json)?;
    assert_eq!(&back, v, "round trip through {json}");
    assert_eq!(serde_json::to_string(&back)?, json, "second serialization differs");
    Ok(json)
}

fn li() -> Basis {
    Basis::contained(Element::Li)
}

#[test]
fn amounts_serialize_with_unit_and_basis() -> R {
    assert_eq!(rt(&Amount::tonnes(88_000.0, li())?)?, r#"{"value":88000.0,"unit":"t","basis":"Li"}"#);
    assert_eq!(
        rt(&Rate::tonnes_per_year(40_000.0, Basis::lce())?)?,
        r#"{"value":40000.0,"unit":"t/yr","basis":"LCE"}"#
    );
    // awkward values survive exactly (float_roundtrip)
    rt(&Amount::tonnes(88_000.0, li())?.convert_to(&Basis::sc6())?)?;
    rt(&Amount::tonnes(0.1 + 0.2, Basis::lce())?)?;
    // other units are read and normalised to tonnes
    let kt: Amount = serde_json::from_str(r#"{"value":88,"unit":"kt","basis":"Li"}"#)?;
    assert_eq!(kt, Amount::tonnes(88_000.0, li())?);
    Ok(())
}

#[test]
fn every_basis_variant_round_trips() -> R {
    let bases = [
        li(),
        Basis::contained(Element::Co),
        Basis::lce(),
        Basis::lithium_hydroxide_monohydrate(),
        Basis::li2o(),
        Basis::equivalent(Compound::nickel_sulfate_hexahydrate()),
        Basis::sc6(),
        Basis::gross(Form::Ore(Mineral::Lepidolite)),
        Basis::gross(Form::Cell(CathodeChemistry::Lfp)),
        Basis::gross_with_assay(Form::Concentrate(Mineral::Spodumene), Assay::percent(5.5, Compound::lithium_oxide())?),
        Basis::gross_with_assay(Form::Ore(Mineral::Brine), Assay::percent(0.16, Compound::new("Li")?)?),
    ];
    for b in &bases {
        rt(b)?;
    }
    assert_eq!(rt(&Basis::lce())?, r#""LCE""#);
    assert_eq!(rt(&Basis::sc6())?, r#""SC6""#);
    Ok(())
}

#[test]
fn elements_compounds_forms_assays_grades_round_trip() -> R {
    for e in Element::ALL {
        assert_eq!(rt(e)?, format!("\"{}\"", e.symbol()));
    }
    for c in [
        Compound::lithium_carbonate(),
        Compound::lithium_hydroxide_monohydrate(),
        Compound::cobalt_sulfate_heptahydrate(),
        Compound::new("LiNi0.8Mn0.1Co0.1O2")?,
        Compound::new("Ni(OH)2")?,
    ] {
        rt(&c)?;
    }
    let forms = [
        Form::Ore(Mineral::Spodumene),
        Form::Concentrate(Mineral::Petalite),
        Form::Chemical(Compound::lithium_hydroxide_monohydrate()),
        Form::Metal(Element::Li),
        Form::CathodeActiveMaterial(CathodeChemistry::Nmc811),
        Form::AnodeGraphite(GraphiteKind::Natural),
        Form::AnodeGraphite(GraphiteKind::Synthetic),
        Form::Cell(CathodeChemistry::Lfp),
        Form::Pack(CathodeChemistry::Nca),
    ];
    for f in &forms {
        rt(f)?;
    }
    for m in Mineral::ALL {
        rt(m)?;
    }
    for c in CathodeChemistry::ALL {
        rt(c)?;
    }
    assert_eq!(rt(&Assay::percent(6.0, Compound::lithium_oxide())?)?, r#""6%Li2O""#);
    rt(&Grade::new(GradeClass::Technical))?;
    rt(&Grade::with_min_purity_percent(GradeClass::Battery, 99.5)?)?;
    for g in [GradeClass::Battery, GradeClass::Technical, GradeClass::Alloy, GradeClass::Research] {
        rt(&g)?;
    }
    Ok(())
}

#[test]
fn countries_and_regions_round_trip() -> R {
    for c in Country::all() {
        assert_eq!(rt(&c)?, format!("\"{}\"", c.alpha3()));
    }
    // Namibia is written NAM, which no reader takes for a missing value
    assert_eq!(rt(&Country::from_code("NA")?)?, r#""NAM""#);
    rt(&Region::from_codes("Lithium triangle", ["AR", "BO", "CL"])?)?;
    Ok(())
}

#[test]
fn chain_types_round_trip() -> R {
    for s in Stage::ALL {
        rt(&s)?;
    }
    let spod = Form::Concentrate(Mineral::Spodumene);
    let process = Process::new("sulfate roast", spod.clone(), Form::Chemical(Compound::lithium_carbonate()), 0.85)?
        .with_energy_per_tonne(units::kilowatt_hours(12_500.0))?
        .with_waste_tonnes_per_tonne(9.0)?;
    rt(&process)?;
    let mass = Capacity::Mass(Rate::tonnes_per_year(40_000.0, Basis::lce())?);
    let cells = Capacity::gwh_per_year(60.0)?;
    rt(&mass)?;
    assert_eq!(rt(&cells)?, r#"{"gwh_per_year":60.0}"#);
    let company = Company::new("Demo Lithium Ltd", Some(Country::from_code("AU")?))?;
    rt(&company)?;
    let facility = Facility::new("demo-1", "Demo refinery", Country::from_code("DE")?, Stage::Refining)?
        .owner(company)
        .place("Brandenburg")
        .process(process)
        .product(Form::Chemical(Compound::lithium_hydroxide_monohydrate()))
        .capacity(mass)
        .status(FacilityStatus::Construction)
        .start_year(2026)
        .source("demo-source");
    rt(&facility)?;
    rt(&Facility::new("bare", "Bare cell plant", Country::from_code("HU")?, Stage::Cells)?.capacity(cells))?;
    Ok(())
}

#[test]
fn provenance_round_trips() -> R {
    let src =
        Source::new("usgs-mcs-2025-lithium", "U.S. Geological Survey", "Mineral Commodity Summaries 2025: Lithium")?
            .edition("January 2025")
            .table("World mine production")
            .url("https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-lithium.pdf");
    rt(&src)?;
    rt(&Source::new("x", "Publisher", "Title")?)?;
    assert_eq!(rt(&Estimate::point(88_000.0)?)?, "88000.0");
    assert_eq!(rt(&Estimate::range(40_000.0, 60_000.0)?)?, r#"{"low":40000.0,"high":60000.0}"#);
    Ok(())
}

#[test]
fn money_types_round_trip() -> R {
    for c in Currency::all() {
        assert_eq!(rt(&c)?, format!("\"{}\"", c.code()));
    }
    for s in Scale::ALL {
        rt(&s)?;
    }
    let m = Money::parse("150 billion USD")?.with_price_year(2024)?;
    assert_eq!(rt(&m)?, r#"{"amount":150000000000.0,"currency":"USD","price_year":2024}"#);
    assert_eq!(rt(&Money::new(-12.5, Currency::JPY)?)?, r#"{"amount":-12.5,"currency":"JPY"}"#);
    let p = Price::per_tonne(14_000.0, Currency::USD, Basis::lce())?;
    assert_eq!(rt(&p)?, r#"{"amount":14000.0,"currency":"USD","per":"t","basis":"LCE"}"#);
    rt(&p.convert_basis(&li())?.with_price_year(2023)?)?;
    rt(&Price::per_pound(15.0, Currency::USD, Basis::contained(Element::Co))?)?;
    // a price quoted per kg is read and stored per tonne
    let per_kg: Price = serde_json::from_str(r#"{"amount":75.5,"currency":"CNY","per":"kg","basis":"LCE"}"#)?;
    assert_eq!(per_kg, Price::per_tonne(75_500.0, Currency::CNY, Basis::lce())?);
    Ok(())
}

#[test]
fn trade_types_round_trip() -> R {
    for (c, _) in HsCode::known() {
        assert_eq!(rt(&c)?, format!("\"{}\"", c.digits()));
    }
    assert_eq!(rt(&HsCode::LITHIUM_CARBONATE)?, r#""283691""#);
    assert_eq!(rt(&Period::year(2024)?)?, r#""2024""#);
    assert_eq!(rt(&Period::month(2024, 3)?)?, r#""2024-03""#);
    let bare = TradeFlow::new(
        Period::year(2023)?,
        Country::from_code("AU")?,
        Country::from_code("CN")?,
        HsCode::MINERAL_SUBSTANCES_NES,
    )?;
    // missing quantity and value are written as null, never as 0
    assert_eq!(
        rt(&bare)?,
        r#"{"period":"2023","exporter":"AUS","importer":"CHN","commodity":"253090","quantity":null,"value":null}"#
    );
    let full = bare
        .clone()
        .with_quantity(Amount::tonnes(3_200_000.0, Basis::sc6())?)
        .with_value(Money::parse("USD 2.9 billion")?.with_price_year(2023)?);
    rt(&full)?;
    rt(&bare.with_value(Money::parse("USD 1,000")?))?;
    Ok(())
}
