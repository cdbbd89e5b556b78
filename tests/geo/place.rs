//! `Place`: one type for a country, a built-in region, the world and the rest of the world, with
//! the text forms the data files use.

use crate::fixtures::any_place;
use critical_minerals::ErrorKind;
use critical_minerals::geo::{BuiltinRegion, Country, Place};
use proptest::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn the_file_forms_read_and_write() -> R {
    let nam = Place::Country(Country::from_code("NAM")?);
    assert_eq!("NA".parse::<Place>()?, nam); // Namibia, never "not available"
    assert_eq!("nam".parse::<Place>()?, nam);
    assert_eq!("516".parse::<Place>()?, nam);
    assert_eq!(nam.to_string(), "NAM");
    assert_eq!("world".parse::<Place>()?, Place::World);
    assert_eq!(Place::World.to_string(), "WORLD");
    assert_eq!("Other".parse::<Place>()?, Place::RestOfWorld);
    assert_eq!(Place::RestOfWorld.to_string(), "OTHER");
    for (text, b) in [
        ("north-america", BuiltinRegion::NorthAmerica),
        ("asia-pacific", BuiltinRegion::AsiaPacific),
        ("APAC", BuiltinRegion::AsiaPacific),
        ("Middle East & Africa", BuiltinRegion::MiddleEastAfrica),
        ("middle-east-africa", BuiltinRegion::MiddleEastAfrica),
        ("eu-27", BuiltinRegion::Eu27),
    ] {
        assert_eq!(text.parse::<Place>()?, Place::Region(b), "{text}");
    }
    assert_eq!(Place::Region(BuiltinRegion::MiddleEastAfrica).to_string(), "middle-east-africa");
    // names are for people, not files
    let e = "United States".parse::<Place>().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Parse);
    assert!(e.to_string().contains("\"United States\""), "{e}");
    assert!("XX".parse::<Place>().is_err());
    Ok(())
}

#[test]
fn lookup_reads_what_people_write() -> R {
    let us = Place::Country(Country::from_code("USA")?);
    for s in ["U.S.", "United States", "usa", "840"] {
        assert_eq!(Place::lookup(s)?, us, "{s}");
    }
    for s in ["Global", "worldwide", "WORLD"] {
        assert_eq!(Place::lookup(s)?, Place::World, "{s}");
    }
    for s in ["rest of the world", "Others", "ROW", "OTHER"] {
        assert_eq!(Place::lookup(s)?, Place::RestOfWorld, "{s}");
    }
    assert_eq!(Place::lookup("north america")?, Place::Region(BuiltinRegion::NorthAmerica));
    assert_eq!(Place::lookup("Korea").unwrap_err().kind(), ErrorKind::Ambiguous);
    assert_eq!(Place::lookup("Narnia").unwrap_err().kind(), ErrorKind::Parse);
    Ok(())
}

#[test]
fn names_members_and_order() -> R {
    let cn = Place::Country(Country::from_code("CHN")?);
    assert_eq!(cn.name(), "China");
    assert_eq!(cn.country(), Some(Country::from_code("CHN")?));
    assert_eq!(Place::World.name(), "world");
    assert_eq!(Place::RestOfWorld.name(), "rest of world");
    assert_eq!(cn.members()?.map(|r| r.len()), Some(1));
    assert!(Place::World.members()?.is_none() && Place::RestOfWorld.members()?.is_none());
    let na = Place::from(BuiltinRegion::NorthAmerica).members()?.ok_or("no members")?;
    assert!(na.contains(Country::from_code("CAN")?));
    // countries, then the world, the rest of the world and the regions
    let mut v = vec![Place::Region(BuiltinRegion::Europe), Place::RestOfWorld, Place::World, cn];
    v.sort();
    assert_eq!(v, [cn, Place::World, Place::RestOfWorld, Place::Region(BuiltinRegion::Europe)]);
    Ok(())
}

proptest! {
    #[test]
    fn every_place_round_trips_through_its_text_and_serde(p in any_place()) {
        prop_assert_eq!(p.to_string().parse::<Place>().ok(), Some(p));
        prop_assert_eq!(Place::lookup(&p.to_string()).ok(), Some(p));
        let json = serde_json::to_string(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&json, &format!("\"{p}\""));
        let back: Place = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, p);
    }
}
