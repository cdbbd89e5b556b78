//! The supply report against the USGS MCS 2025 tables, and its JSON form.
//!
//! Expected values are the published table figures (t of contained metal, or gross t of natural
//! graphite) and arithmetic on them done here, not numbers copied from the report.

use critical_minerals::claims::CheckOutcome;
use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::geo::{Country, Place};
use critical_minerals::methods::reliance::Agreement;
use critical_minerals::report::{DenominatorKind, MiningYear, NirKind, NoteKind, Producer, SupplyReport};
use serde_json::Value;

type R = Result<(), Box<dyn std::error::Error>>;

fn report(c: Commodity) -> Result<SupplyReport, Box<dyn std::error::Error>> {
    Ok(SupplyReport::build(&Dataset::builtin()?, c)?)
}

fn latest(r: &SupplyReport) -> Result<&MiningYear, String> {
    r.mining.as_ref().map(|m| &m.latest).ok_or_else(|| "no mining section".to_string())
}

fn producer<'a>(y: &'a MiningYear, code: &str) -> Result<&'a Producer, Box<dyn std::error::Error>> {
    let c = Country::from_code(code)?;
    Ok(y.producers.iter().find(|p| p.area == Place::Country(c)).ok_or(format!("no row for {code}"))?)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

use crate::fixtures::usgs::{LITHIUM_2024 as LI_2024, LITHIUM_WORLD_2024 as LI_WORLD_2024, alpha3};

#[test]
fn lithium_shares_on_both_denominators() -> R {
    let r = report(Commodity::LITHIUM)?;
    let y = latest(&r)?;
    assert_eq!(y.year, 2024);
    let rows: f64 = LI_2024.iter().map(|r| r.1).sum();
    assert_eq!(rows, 235_380.0);
    assert!(close(y.rows_sum_t, rows, 1e-6), "rows sum {}", y.rows_sum_t);
    assert_eq!(y.world_total_t, Some(LI_WORLD_2024));
    assert_eq!(y.headline, DenominatorKind::WorldTotal);
    let au = producer(y, "AUS")?;
    assert_eq!(au.rank, Some(1));
    assert!(close(au.pct_of_world.ok_or("no world share")?, 36.67, 0.01));
    assert!(close(au.pct_of_world.ok_or("no world share")?, 88_000.0 / LI_WORLD_2024 * 100.0, 1e-9));
    assert!(close(au.pct_of_rows.ok_or("no rows share")?, 88_000.0 / rows * 100.0, 1e-9));
    for (name, t) in LI_2024 {
        let code = alpha3(name);
        let p = producer(y, code)?;
        assert_eq!(p.tonnes, Some(t), "{code}");
        assert!(close(p.pct_of_world.ok_or("share")?, t / LI_WORLD_2024 * 100.0, 1e-9), "{code}");
    }
    // 2023 -> 2024: Australia 91,700 -> 88,000
    assert_eq!(au.previous_t, Some(91_700.0));
    assert!(close(au.change_pct.ok_or("change")?, (88_000.0 / 91_700.0 - 1.0) * 100.0, 1e-9));
    let m = r.mining.as_ref().ok_or("mining")?;
    assert!(close(m.world_change_pct.ok_or("world change")?, (240.0 / 204.0 - 1.0) * 100.0, 1e-9));
    Ok(())
}

#[test]
fn lithium_us_withheld_is_noted_not_zero() -> R {
    let r = report(Commodity::LITHIUM)?;
    let y = latest(&r)?;
    let us = producer(y, "USA")?;
    assert_eq!(us.tonnes, None);
    assert_eq!(us.pct_of_world, None);
    assert_eq!(us.rank, None);
    assert!(
        r.notes
            .iter()
            .any(|n| n.kind == NoteKind::Withheld && n.text.contains("2024") && n.text.contains("United States")),
        "no withheld note"
    );
    // the unallocated part of the world total: 240,000 - 235,380 = 4,620 t
    assert!(r.notes.iter().any(|n| n.kind == NoteKind::Unallocated && n.text.contains("4,620 t")));
    Ok(())
}

#[test]
fn lithium_hhi_in_points_on_both_bases() -> R {
    let r = report(Commodity::LITHIUM)?;
    let y = latest(&r)?;
    let rows: f64 = LI_2024.iter().map(|r| r.1).sum();
    let sq = |d: f64| LI_2024.iter().map(|r| (r.1 / d * 100.0).powi(2)).sum::<f64>();
    // rows: no remainder, a point
    assert!(close(y.on_rows.hhi_points.low(), sq(rows), 1e-6));
    assert!(close(y.on_rows.hhi_points.high(), sq(rows), 1e-6));
    assert_eq!(y.on_rows.hhi_points.low().round(), 2_303.0);
    // world total: remainder 4,620 t excluded (low) or as one producer (high)
    let w = y.on_world_total.as_ref().ok_or("no world-total concentration")?;
    let rest = (LI_WORLD_2024 - rows) / LI_WORLD_2024 * 100.0;
    assert!(close(w.hhi_points.low(), sq(LI_WORLD_2024), 1e-6));
    assert!(close(w.hhi_points.high(), sq(LI_WORLD_2024) + rest * rest, 1e-6));
    assert!(close(w.remainder_t, 4_620.0, 1e-6));
    assert!(w.hhi_scale.contains("10,000"));
    // CR3: Australia + Chile + China
    assert!(close(w.cr3_pct.low(), 178_000.0 / LI_WORLD_2024 * 100.0, 1e-9));
    assert!(close(y.on_rows.cr3_pct.low(), 178_000.0 / rows * 100.0, 1e-9));
    // bands: > 1,800 highly concentrated (US 2023); 1,500-2,500 moderately (US 2010)
    let names: Vec<&str> = w.bands.iter().map(|b| b.band.as_str()).collect();
    assert!(names[0].contains("highly"), "{names:?}");
    assert!(names[1].contains("moderately"), "{names:?}");
    assert!(names[2].contains("2,000"), "{names:?}");
    Ok(())
}

#[test]
fn lithium_reliance_bounded_and_consistent_with_published() -> R {
    let r = report(Commodity::LITHIUM)?;
    let rel = r.reliance.as_ref().ok_or("no reliance")?;
    let y = rel.latest().ok_or("no year")?;
    assert_eq!(y.year, 2024);
    assert_eq!(y.computed.kind, NirKind::Bounded);
    assert_eq!((y.computed.low_pct, y.computed.high_pct), (Some(0.0), Some(100.0)));
    assert_eq!(y.net_imports_t, Some(3_300.0 - 1_700.0));
    let p = y.published.as_ref().ok_or("no published NIR")?;
    assert!(p.more_than && p.value_pct == 50.0);
    assert_eq!(y.agreement, Agreement::NotContradicted);
    Ok(())
}

/// USGS MCS 2025 salient statistics: graphite production is a dash (zero), so every year is 100 %;
/// cobalt's NIR recomputed from secondary production and trade agrees with the published 76 / 73 /
/// 73 / 69 / 76 (2020–2024) within the report's 1-point tolerance.
#[test]
fn graphite_and_cobalt_reliance_recomputed_from_salient_statistics() -> R {
    let g = report(Commodity::NATURAL_GRAPHITE)?;
    let rel = g.reliance.as_ref().ok_or("no graphite reliance")?;
    for y in &rel.years {
        assert_eq!(y.computed.kind, NirKind::Total, "{}", y.year);
        assert_eq!(y.agreement, Agreement::Confirmed, "{}", y.year);
    }
    let c = report(Commodity::COBALT)?;
    let rel = c.reliance.as_ref().ok_or("no cobalt reliance")?;
    let y = rel.latest().ok_or("no year")?;
    assert_eq!(y.year, 2024);
    assert_eq!(y.net_imports_t, Some(11_000.0 - 4_500.0));
    let pct = y.computed.low_pct.ok_or("no computed NIR")?;
    assert!(close(pct, 6_500.0 / 8_500.0 * 100.0, 1e-9), "{pct}");
    assert!(rel.years.iter().all(|y| y.agreement == Agreement::Confirmed));
    Ok(())
}

#[test]
fn lithium_claims_recomputed() -> R {
    let r = report(Commodity::LITHIUM)?;
    let claim = |id: &str| r.claims.iter().find(|c| c.id == id).ok_or(format!("no claim {id}"));
    let rate = |id: &str| -> Result<f64, Box<dyn std::error::Error>> {
        Ok(claim(id)?.recomputed.first().ok_or("nothing recomputed")?.value.low())
    };
    // x20 over 2020-2025; x2 over 2024-2030
    assert!(close(rate("china-lepidolite-growth-since-2020")?, (20f64.powf(0.2) - 1.0) * 100.0, 1e-9));
    assert!(close(rate("lithium-demand-2024-2030")?, (2f64.powf(1.0 / 6.0) - 1.0) * 100.0, 1e-9));
    // the two CAGRs of the market report contradict each other
    assert_eq!(claim("slmb-market-cagr")?.outcome, CheckOutcome::Inconsistent);
    assert_eq!(claim("slmb-sector-cagr-2030")?.outcome, CheckOutcome::Inconsistent);
    // $150 billion in 2030 back to 2025 at 4.5 %/yr and at 15 %/yr
    let size = claim("slb-market-size-2030")?;
    let vals: Vec<f64> = size.recomputed.iter().map(|x| x.value.low()).collect();
    assert!(vals.iter().any(|v| close(*v, 150.0 / 1.045f64.powi(5), 1e-6)), "{vals:?}");
    assert!(vals.iter().any(|v| close(*v, 150.0 / 1.15f64.powi(5), 1e-6)), "{vals:?}");
    // 560,000 -> 60,500 CNY/t: -89.2 %, consistent with "nearly 90 %"
    let fall = claim("lithium-price-fall-since-2022-peak")?;
    assert_eq!(fall.outcome, CheckOutcome::Consistent);
    assert!(fall.recomputed.iter().any(|x| close(x.value.low(), (60_500.0 / 560_000.0 - 1.0) * 100.0, 1e-9)));
    // 40,000-60,000 t of metal against the 240,000 t world: a range stays a range
    let metal = claim("li-metal-output-2025")?;
    let share = metal.recomputed.first().ok_or("no share")?.value;
    assert!(close(share.low(), 40_000.0 / LI_WORLD_2024 * 100.0, 1e-9));
    assert!(close(share.high(), 60_000.0 / LI_WORLD_2024 * 100.0, 1e-9));
    Ok(())
}

#[test]
fn stage_shares_are_ranges_with_sources() -> R {
    let r = report(Commodity::LITHIUM)?;
    let china = Place::Country(Country::from_code("CHN")?);
    let refining =
        r.stages.iter().find(|s| s.stage == critical_minerals::chain::Stage::Refining).ok_or("no refining stage")?;
    let cn = refining.countries.iter().find(|c| c.area == china).ok_or("no China")?;
    assert_eq!((cn.pct.low(), cn.pct.high()), (65.0, 70.0));
    assert!(cn.statements.len() >= 3);
    // every cited id is listed with its publisher
    for st in &cn.statements {
        assert!(r.source(&st.source).is_some_and(|s| !s.publisher.is_empty()), "{} not listed", st.source);
    }
    Ok(())
}

#[test]
fn cobalt_congo_share_of_world_total() -> R {
    let r = report(Commodity::COBALT)?;
    let y = latest(&r)?;
    let cd = producer(y, "COD")?;
    assert_eq!(cd.name, "Congo (Kinshasa)");
    assert!(close(cd.pct_of_world.ok_or("share")?, 75.9, 0.05));
    assert!(close(cd.pct_of_world.ok_or("share")?, 220_000.0 / 290_000.0 * 100.0, 1e-9));
    assert_eq!(y.headline, DenominatorKind::WorldTotal);
    Ok(())
}

#[test]
fn graphite_uses_the_rows_because_the_total_is_below_them() -> R {
    let r = report(Commodity::NATURAL_GRAPHITE)?;
    let y = latest(&r)?;
    assert_eq!(y.world_total_t, Some(1_600_000.0));
    assert!(close(y.rows_sum_t, 1_630_670.0, 1e-6));
    assert_eq!(y.headline, DenominatorKind::SumOfRows);
    assert!(y.on_world_total.is_none());
    let cn = producer(y, "CHN")?;
    assert_eq!(cn.pct_of_world, None);
    assert_eq!(cn.pct_of_rows.ok_or("share")?.round(), 78.0); // USGS chapter text: 78 %
    assert!(r.notes.iter().any(|n| n.kind == NoteKind::Denominator && n.text.contains("below the rows")));
    Ok(())
}

#[test]
fn nickel_builds_with_other_countries_as_remainder() -> R {
    let r = report(Commodity::NICKEL)?;
    let y = latest(&r)?;
    let id = producer(y, "IDN")?;
    assert!(close(id.pct_of_world.ok_or("share")?, 2_200_000.0 / 3_700_000.0 * 100.0, 1e-9));
    assert_eq!(y.other_countries_t, Some(300_000.0));
    // "Other countries" is no single producer: the HHI is a range on the rows too
    assert!(y.on_rows.hhi_points.low() < y.on_rows.hhi_points.high());
    Ok(())
}

#[test]
fn batteries_have_no_supply_report() -> R {
    let err = SupplyReport::build(&Dataset::builtin()?, Commodity::LI_ION_BATTERIES).err().ok_or("built")?;
    assert!(err.to_string().contains("mass basis"));
    Ok(())
}

#[test]
fn json_parses_back_with_the_figures() -> R {
    for c in [Commodity::LITHIUM, Commodity::COBALT, Commodity::NICKEL, Commodity::NATURAL_GRAPHITE] {
        let r = report(c)?;
        let v: Value = serde_json::from_str(&serde_json::to_string_pretty(&r)?)?;
        assert_eq!(v["commodity"], Value::String(c.id().to_string()));
        assert!(v["sources"].as_array().is_some_and(|s| !s.is_empty()), "{c}: no sources");
        assert!(v["notes"].as_array().is_some_and(|s| !s.is_empty()), "{c}: no notes");
    }
    let v: Value = serde_json::from_str(&serde_json::to_string(&report(Commodity::LITHIUM)?)?)?;
    let latest = &v["mining"]["latest"];
    assert_eq!(latest["world_total_t"].as_f64(), Some(240_000.0));
    assert_eq!(latest["rows_sum_t"].as_f64(), Some(235_380.0));
    assert_eq!(latest["headline"], "world-total");
    let au = &latest["producers"][0];
    assert_eq!(au["area"], "AUS");
    assert_eq!(au["tonnes"].as_f64(), Some(88_000.0));
    assert_eq!(au["source"], "usgs-mcs-2025-lithium");
    assert!(close(au["pct_of_world"].as_f64().ok_or("pct")?, 36.67, 0.01));
    let us = latest["producers"].as_array().ok_or("producers")?.iter().find(|p| p["area"] == "USA").ok_or("USA")?;
    assert!(us["tonnes"].is_null());
    assert!(us["flags"].as_array().is_some_and(|f| f.iter().any(|x| x == "W")));
    assert_eq!(latest["on_rows"]["hhi_points"].as_f64().map(f64::round), Some(2_303.0));
    let w = &latest["on_world_total"]["hhi_points"];
    assert_eq!(w["low"].as_f64().map(f64::round), Some(2_215.0));
    assert_eq!(w["high"].as_f64().map(f64::round), Some(2_219.0));
    let sources = v["sources"].as_array().ok_or("sources")?;
    let usgs = sources.iter().find(|s| s["id"] == "usgs-mcs-2025-lithium").ok_or("usgs")?;
    assert_eq!(usgs["publisher"], "U.S. Geological Survey");
    assert!(usgs["table_or_page"].as_str().is_some_and(|t| t.contains("110")));
    Ok(())
}

#[test]
fn user_data_merges_and_bad_rows_name_file_row_column() -> R {
    let dir = std::env::temp_dir().join(format!("cm-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join("sources.csv"),
        "id,publisher,title,edition,table_or_page,url,tag\nmine-2025,My team,Our 2025 estimates,2025,table 1,,S\n",
    )?;
    let header = "commodity,stage,measure,country,country_as_published,year,value_t,basis,flags,source,note\n";
    std::fs::write(
        dir.join("production.csv"),
        format!(
            "{header}lithium,mining,production,AUS,Australia,2025,90000,Li,e,mine-2025,\n\
             lithium,mining,production,CHL,Chile,2025,60000,Li,e,mine-2025,\n\
             lithium,mining,production,WORLD,World,2025,200000,Li,e,mine-2025,\n"
        ),
    )?;
    let data = Dataset::builtin()?.merge(Dataset::from_dir(&dir)?)?;
    let r = SupplyReport::build(&data, Commodity::LITHIUM)?;
    let y = latest(&r)?;
    assert_eq!(y.year, 2025);
    assert!(close(producer(y, "AUS")?.pct_of_world.ok_or("share")?, 45.0, 1e-9));
    assert!(r.source("mine-2025").is_some_and(|s| s.publisher == "My team"));
    assert_eq!(r.mining.as_ref().and_then(|m| m.previous.as_ref()).map(|p| p.year), Some(2024));

    // a bad tonnage on data row 2: the error names the file, the row and the column
    std::fs::write(
        dir.join("production.csv"),
        format!(
            "{header}lithium,mining,production,AUS,Australia,2025,90000,Li,e,mine-2025,\n\
             lithium,mining,production,CHL,Chile,2025,lots,Li,e,mine-2025,\n"
        ),
    )?;
    let err = Dataset::from_dir(&dir).err().ok_or("bad row accepted")?.to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(err.contains("production.csv") && err.contains("row 2") && err.contains("value_t"), "{err}");
    Ok(())
}

#[test]
fn rows_without_a_published_label_keep_the_country_name() -> R {
    // user production rows may leave country_as_published empty; the report then names the
    // country, never a blank
    let sources = "id,publisher,title,tag\nuser-src,A user,A refinery table,S\n";
    let production = "commodity,stage,measure,country,year,value_t,basis,flags,source\n\
                      cobalt,refining,production,CHN,2023,180000,Co,,user-src\n\
                      cobalt,refining,production,FIN,2023,15000,Co,,user-src\n";
    let dir = crate::fixtures::temp_dir("blank-label", &[("sources.csv", sources), ("production.csv", production)])?;
    let user = Dataset::from_dir(&dir);
    std::fs::remove_dir_all(&dir)?;
    let data = Dataset::builtin()?.merge(user?)?;
    let r = SupplyReport::build(&data, Commodity::COBALT)?;
    let json = serde_json::to_value(&r)?;
    let mut blanks = Vec::new();
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if (k == "name" || k == "country") && x.as_str().is_some_and(|s| s.trim().is_empty()) {
                        out.push(format!("{path}.{k}"));
                    }
                    walk(x, &format!("{path}.{k}"), out);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, &format!("{path}[{i}]"), out)),
            _ => {}
        }
    }
    walk(&json, "", &mut blanks);
    assert!(blanks.is_empty(), "blank names at {blanks:?}");
    assert!(json.to_string().contains("China"));
    Ok(())
}
