//! The columnar writers: HS codes as six-digit text, units in the column names, numbers that
//! read back, empty fields for undefined values.

use critical_minerals::render::columnar::{write_groups_csv, write_json, write_shares_csv};
use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable};

type R = Result<(), Box<dyn std::error::Error>>;

const BACI: &str = "t,i,j,k,v,q\n\
    2023,152,156,028530,6000,40000\n\
    2023,32,156,028530,2000,NA\n\
    2023,842,156,283691,NA,NA\n\
    2022,36,156,283691,1000,10\n";

#[test]
fn groups_and_shares_csv() -> R {
    let t = TradeTable::from_baci_reader("inline.csv", BACI.as_bytes())?;
    let c = t.value_concentration(Party::Exporter, &GroupOptions::default().with_cr_n(2))?;
    let mut out = Vec::new();
    write_groups_csv(&c, &mut out)?;
    let text = String::from_utf8(out)?;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "hs6,year,rows,total_usd,exporters,hhi_fraction,hhi_points,cr2_fraction,effective_number");
    assert_eq!(lines[1], "028530,2023,2,8000000,2,0.625,6250,1,1.6");
    // a group whose values are all missing: counted, no HHI
    assert_eq!(lines[3], "283691,2023,1,0,0,,,,");
    let mut out = Vec::new();
    write_shares_csv(&c, &mut out)?;
    let text = String::from_utf8(out)?;
    assert!(text.starts_with("hs6,year,exporter,exporter_name,total_usd,share_fraction\n"), "{text}");
    assert!(text.contains("\n028530,2023,CHL,Chile,6000000,0.75\n"), "{text}");

    let q = t.quantity_concentration(Party::Importer, &GroupOptions::default())?;
    let mut out = Vec::new();
    write_json(&q, true, &mut out)?;
    let v: serde_json::Value = serde_json::from_slice(&out)?;
    assert_eq!(v["party"], "importer");
    assert_eq!(v["measure_unit"], "t");
    assert_eq!(v["groups"][0]["hs6"], "028530");
    assert_eq!(v["groups"][0]["total_t"], 40000.0);
    assert_eq!(v["groups"][0]["importers"], 1);
    assert_eq!(v["groups"][0]["cr4_fraction"], 1.0);
    assert!(v["groups"][2]["hhi_fraction"].is_null());
    assert_eq!(v["shares"][0]["importer"], "CHN");
    Ok(())
}
