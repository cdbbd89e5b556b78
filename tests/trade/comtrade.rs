//! The UN Comtrade reader on a fixture with every field of facts §12.2: classes, flow kinds,
//! valuation, trade flows, the columnar table, mirror statistics computed by hand, and bad
//! input.

use critical_minerals::ErrorKind;
use critical_minerals::geo::{Country, Economy, OtherAsia};
use critical_minerals::material::Basis;
use critical_minerals::trade::columnar::{GroupOptions, Party};
use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions, FlowKind, RecordClass, Valuation};
use critical_minerals::trade::{HsCode, HsRevision, UnknownCodes};
use critical_minerals::units;

use crate::fixtures::fixture;

type R = Result<(), Box<dyn std::error::Error>>;

fn c(code: &str) -> Economy {
    Country::from_code(code).unwrap().into()
}

fn load() -> ComtradeFile {
    ComtradeFile::read(fixture("comtrade_lithium_2023.csv"), &ComtradeOptions::default()).unwrap()
}

#[test]
fn every_row_lands_in_one_class_and_nothing_vanishes() {
    let f = load();
    assert_eq!(f.records().len(), 12);
    let report = f.report();
    assert_eq!(report.rows, 12);
    let rows = |class| report.class(class).map(|c| c.rows);
    assert_eq!(rows(RecordClass::Flow), Some(8));
    assert_eq!(rows(RecordClass::WorldTotal), Some(1));
    assert_eq!(rows(RecordClass::Aggregate), Some(1));
    assert_eq!(rows(RecordClass::Breakdown), Some(1));
    assert_eq!(rows(RecordClass::OwnPartner), Some(1));
    assert_eq!(rows(RecordClass::OtherCode), Some(0));
    let total: u64 = report.classes.iter().map(|c| c.rows).sum();
    assert_eq!(total, report.rows);
    // primaryValue per class, summed by hand from the fixture
    let value = |class| report.class(class).map(|c| c.primary_value_usd);
    let flows = 1_000_000.0 + 1_060_000.0 + 400_000.0 + 420_000.0 + 80_000.0 + 85_000.0 + 30_000.0 + 300_000.0;
    assert_eq!(value(RecordClass::Flow), Some(flows));
    assert_eq!(value(RecordClass::WorldTotal), Some(1_500_000.0));
    assert_eq!(value(RecordClass::Aggregate), Some(1_200_000.0));
    assert!(report.unknown_codes.is_empty());
}

#[test]
fn partner_zero_is_the_reporters_total_not_a_partner() {
    let f = load();
    let world: Vec<_> = f.records_of(RecordClass::WorldTotal).collect();
    assert_eq!(world.len(), 1);
    assert!(world[0].partner.is_world());
    assert_eq!((world[0].reporter, world[0].line), (c("CL"), 4));
    // no flow, table row or mirror pair has World as a party
    for kind in [FlowKind::Export, FlowKind::Import, FlowKind::ReExport] {
        for flow in f.trade_flows(&kind, None).unwrap() {
            assert!(!flow.exporter().is_world() && !flow.importer().is_world());
        }
    }
    let table = f.table(&FlowKind::Export).unwrap();
    assert!(table.economies().iter().all(|e| !e.is_world()));
    assert!(f.mirror(HsCode::LITHIUM_CARBONATE, 2023).flows.iter().all(|m| !m.importer.is_world()));
}

#[test]
fn records_keep_kind_valuation_weights_quantities_and_flags() {
    let f = load();
    let r = &f.records()[1]; // China's imports from Chile, line 3
    assert_eq!(r.line, 3);
    assert_eq!((r.reporter, r.partner, r.flow.clone()), (c("CN"), c("CL"), FlowKind::Import));
    assert_eq!(r.flow.valuation(), Some(Valuation::Cif));
    assert_eq!((r.cif_usd, r.fob_usd, r.primary_value_usd), (Some(1_060_000.0), Some(1_010_000.0), Some(1_060_000.0)));
    assert_eq!(r.value_usd(), Some(1_060_000.0), "imports are valued CIF");
    assert_eq!(r.net_weight_kg, Some(49_500.0));
    let q = r.quantity.as_ref().unwrap();
    assert_eq!((q.value, q.unit_code, q.unit.as_deref(), q.estimated), (49_500.0, 8, Some("kg"), Some(false)));
    assert_eq!(r.alt_quantity, None);
    assert_eq!(
        (r.hs6, r.hs_revision(), r.period.calendar_year()),
        (Some(HsCode::LITHIUM_CARBONATE), Some(HsRevision::Hs22), 2023)
    );
    assert_eq!(
        (r.is_reported, r.is_aggregate, r.is_leaf, r.aggregation_level),
        (Some(true), Some(false), Some(true), Some(6))
    );
    assert_eq!((r.customs_code.as_str(), r.mos_code.as_str(), r.mot_code.as_str()), ("C00", "0", "0"));
    let x = &f.records()[0];
    assert_eq!((x.flow.valuation(), x.value_usd()), (Some(Valuation::Fob), Some(1_000_000.0)), "exports FOB");
    // re-exports and re-imports stay apart
    let rx = &f.records()[5];
    assert_eq!((rx.reporter, rx.flow.clone(), rx.class), (c("HK"), FlowKind::ReExport, RecordClass::Flow));
    let rm = &f.records()[7];
    assert_eq!((rm.flow.clone(), rm.class), (FlowKind::ReImport, RecordClass::OwnPartner));
    assert_eq!(f.records()[8].class, RecordClass::Aggregate);
    assert_eq!(f.records()[10].class, RecordClass::Breakdown);
    // "China, Hong Kong SAR" with code 344 and ISO HKG: Hong Kong
    assert_eq!(f.records()[6].partner, c("HK"));
    assert_eq!(f.records()[9].partner, Economy::other_asia_nes());
}

#[test]
fn flows_of_each_kind_are_oriented_and_kept_apart() -> R {
    let f = load();
    let exports = f.trade_flows(&FlowKind::Export, None)?;
    let pairs: Vec<(Economy, Economy)> = exports.iter().map(|x| (x.exporter(), x.importer())).collect();
    assert_eq!(pairs, [(c("CL"), c("CN")), (c("CL"), c("KR"))]);
    let imports = f.trade_flows(&FlowKind::Import, None)?;
    let pairs: Vec<(Economy, Economy)> = imports.iter().map(|x| (x.exporter(), x.importer())).collect();
    assert_eq!(
        pairs,
        [
            (c("CL"), c("CN")),
            (c("CL"), c("KR")),
            (c("HK"), c("CN")),
            (Economy::other_asia_nes(), c("US")),
            (c("CL"), c("JP"))
        ]
    );
    let re = f.trade_flows(&FlowKind::ReExport, None)?;
    assert_eq!(re.len(), 1);
    assert_eq!((re[0].exporter(), re[0].importer()), (c("HK"), c("CN")));
    assert!(f.trade_flows(&FlowKind::ReImport, None)?.is_empty(), "the own-partner re-import is not a flow");
    // values in USD of the year; quantities only on a basis the caller names
    let v = imports[0].value().ok_or("value")?;
    assert_eq!((v.amount(), v.price_year()), (1_060_000.0, Some(2023)));
    assert!(imports[0].quantity().is_none());
    let with_q = f.trade_flows(&FlowKind::Import, Some(&Basis::lce()))?;
    assert_eq!(with_q[0].quantity().map(|q| q.in_tonnes()), Some(49.5));
    // the total row cannot become a flow
    let world = f.records_of(RecordClass::WorldTotal).next().ok_or("a total")?;
    assert!(world.trade_flow(None).is_err_and(|e| e.kind() == ErrorKind::Unsupported && e.line() == Some(4)));
    // 490 read as Taiwan only on request
    let tw = ComtradeFile::read(
        fixture("comtrade_lithium_2023.csv"),
        &ComtradeOptions::default().with_other_asia(OtherAsia::Taiwan),
    )?;
    assert_eq!(tw.records()[9].partner, c("TW"));
    Ok(())
}

#[test]
fn the_columnar_table_holds_one_kind_with_its_valuation() -> R {
    let f = load();
    let t = f.table(&FlowKind::Import)?;
    assert_eq!(t.len(), 5);
    assert_eq!(t.hs_revision(), Some(HsRevision::Hs22));
    let total: f64 = (0..t.len()).filter_map(|i| t.value_usd(i)).sum();
    assert_eq!(total, 1_060_000.0 + 420_000.0 + 85_000.0 + 30_000.0 + 300_000.0);
    assert_eq!(t.quantity(0).map(units::as_tonnes), Some(49.5));
    let by_exporter = t.value_concentration(Party::Exporter, &GroupOptions::default())?;
    let g = by_exporter.find(283_691, 2023).ok_or("group")?;
    let chile = by_exporter.shares(g.index).find(|s| s.economy == c("CL")).ok_or("Chile")?;
    assert!((chile.share - 1_780_000.0 / 1_895_000.0).abs() < 1e-12);
    Ok(())
}

#[test]
fn mirror_statistics_match_a_computation_by_hand() {
    let f = load();
    let m = f.mirror(HsCode::LITHIUM_CARBONATE, 2023);
    assert_eq!((m.hs6, m.year), (HsCode::LITHIUM_CARBONATE, 2023));
    // (exporter, importer, exports FOB as the exporter reports, imports CIF as the importer reports)
    let by_hand: [(Economy, Economy, Option<f64>, Option<f64>); 5] = [
        (c("CL"), c("CN"), Some(1_000_000.0), Some(1_060_000.0)),
        (c("CL"), c("JP"), None, Some(300_000.0)),
        (c("CL"), c("KR"), Some(400_000.0), Some(420_000.0)),
        (c("HK"), c("CN"), None, Some(85_000.0)), // Hong Kong reported a re-export, not an export
        (Economy::other_asia_nes(), c("US"), None, Some(30_000.0)),
    ];
    assert_eq!(m.flows.len(), by_hand.len());
    for (got, (e, i, fob, cif)) in m.flows.iter().zip(by_hand) {
        assert_eq!((got.exporter, got.importer, got.exports_fob_usd, got.imports_cif_usd), (e, i, fob, cif));
        let gap = match (fob, cif) {
            (Some(f), Some(c)) => Some(c - f),
            _ => None,
        };
        assert_eq!(got.gap_usd(), gap);
    }
    let cl_cn = m.pair(c("CL"), c("CN")).unwrap();
    assert_eq!(cl_cn.gap_usd(), Some(60_000.0));
    assert_eq!(cl_cn.cif_fob_ratio(), Some(1.06));
    assert_eq!((cl_cn.exports_net_weight_kg, cl_cn.imports_net_weight_kg), (Some(50_000.0), Some(49_500.0)));
    assert_eq!(m.pair(c("CL"), c("KR")).and_then(|p| p.cif_fob_ratio()), Some(1.05));
    // the breakdown and aggregate rows of Chile -> China are not added in
    assert_eq!(cl_cn.exports_fob_usd, Some(1_000_000.0));
    assert!(f.mirror(HsCode::LITHIUM_CARBONATE, 2022).flows.is_empty());
    // tidy serialization, gap and ratio included
    let json = serde_json::to_value(&m).unwrap();
    assert_eq!(json["hs6"], "283691");
    assert_eq!(json["flows"][0]["exporter"], "CHL");
    assert_eq!(json["flows"][0]["gap_usd"], 60_000.0);
    assert_eq!(json["flows"][4]["exporter"], "490");
}

#[test]
fn bad_input_is_a_typed_error_naming_file_line_column_and_value() {
    let header = "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue";
    let read = |text: &str, opts: ComtradeOptions| ComtradeFile::from_reader("bad.csv", text.as_bytes(), &opts);
    let strict = ComtradeOptions::default();
    // a missing column, each required one
    for missing in ["freqCode", "period", "reporterCode", "flowCode", "partnerCode", "cmdCode", "primaryValue"] {
        let h: Vec<&str> = header.split(',').filter(|c| *c != missing).collect();
        let e = read(&format!("{}\n", h.join(",")), strict).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Missing, "{e}");
        assert!(e.to_string().contains("bad.csv") && e.to_string().contains(missing), "{e}");
    }
    let cases: &[(&str, ErrorKind, &str, u64)] = &[
        ("A,2023,152,X,999,283691,1", ErrorKind::Unknown, "999", 2),
        ("A,2023,0,X,156,283691,1", ErrorKind::InvalidData, "reporterCode", 2),
        ("A,2023,CL,X,156,283691,1", ErrorKind::InvalidData, "\"CL\"", 2),
        ("A,20233,152,X,156,283691,1", ErrorKind::InvalidData, "period", 2),
        ("M,2023,152,X,156,283691,1", ErrorKind::InvalidData, "period", 2),
        ("Q,2023,152,X,156,283691,1", ErrorKind::InvalidData, "freqCode", 2),
        ("A,2023,152,X,156,283691,-5", ErrorKind::InvalidData, "primaryValue", 2),
        ("A,2023,152,X,156,283691,lots", ErrorKind::InvalidData, "\"lots\"", 2),
        ("A,2023,152,X,156,283691,NaN", ErrorKind::InvalidData, "primaryValue", 2),
        ("A,2023,152,X,156,283691", ErrorKind::InvalidData, "line 2", 2),
        ("A,2023,152,,156,283691,1", ErrorKind::InvalidData, "flowCode", 2),
        ("A,2023,152,X,156,283691,1\nA,2023,152,X,156,283691,2", ErrorKind::Duplicate, "line 2", 3),
        ("A,2023,152,X,156,283691,1\nM,202301,152,X,156,283691,2", ErrorKind::InvalidData, "freqCode", 3),
    ];
    for (rows, kind, needle, line) in cases {
        let e = read(&format!("{header}\n{rows}\n"), strict).unwrap_err();
        assert_eq!(e.kind(), *kind, "{rows}: {e}");
        assert!(e.to_string().contains(needle) && e.to_string().contains("bad.csv"), "{rows}: {e}");
        assert_eq!(e.line(), Some(*line), "{rows}: {e}");
    }
    // an alpha-3 code or name naming another economy than the code
    let e = read("freqCode,period,reporterCode,reporterISO,flowCode,partnerCode,cmdCode,primaryValue\nA,2023,152,ARG,X,156,283691,1\n", strict)
        .unwrap_err();
    assert!(e.kind() == ErrorKind::InvalidData && e.to_string().contains("reporterISO"), "{e}");
    // the unknown code under the keep policy: its own economy, counted
    let text = format!("{header}\nA,2023,152,X,999,283691,1\nA,2023,998,M,999,283691,2\nA,2023,152,X,156,283691,3\n");
    let kept = read(&text, strict.with_unknown(UnknownCodes::Keep)).unwrap();
    assert_eq!(kept.records().len(), 3);
    assert_eq!(kept.records()[0].partner, Economy::unknown(999).unwrap());
    assert_eq!(kept.report().unknown_codes.get(&999), Some(&2));
    assert_eq!(kept.report().unknown_codes.get(&998), Some(&1));
    // a tab-separated file reads the same
    let tsv = text.replace(',', "\t");
    let kept_tsv = read(&tsv, strict.with_unknown(UnknownCodes::Keep)).unwrap();
    assert_eq!(kept_tsv.records(), kept.records());
    // a monthly file cannot become the annual table
    let monthly = read(&format!("{header}\nM,202303,152,X,156,283691,1\n"), strict).unwrap();
    assert!(monthly.table(&FlowKind::Export).is_err_and(|e| e.line() == Some(2)));
    assert_eq!(monthly.trade_flows(&FlowKind::Export, None).unwrap()[0].period().calendar_month(), Some(3));
    // a lost leading zero at aggregation level 6 is restored
    let zero = read("freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,aggrLevel,primaryValue\nA,2023,152,X,156,10121,6,1\n", strict)
        .unwrap();
    assert_eq!(zero.records()[0].hs6, HsCode::new(10121).ok());
}
