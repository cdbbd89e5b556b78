//! Bad-input table and edge states of `analysis::reliance`: every bad input is a typed error
//! naming the value; nothing panics.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::methods::reliance::{
    Agreement, Figure, NetImportReliance, PublishedNir, SalientStatistics, Statistic, import_partner_shares,
    stock_drawdown,
};

fn li() -> Basis {
    Basis::contained(Element::Li)
}

fn r(v: f64) -> Figure {
    Figure::Reported(v)
}

fn nir(p: Figure, i: Figure, e: Figure, s: Figure) -> Result<NetImportReliance, Error> {
    SalientStatistics::new(li(), p, i, e)?.with_stock_adjustment(s)?.net_import_reliance()
}

#[test]
fn bad_salient_statistics_are_typed_errors() {
    type Case = (&'static str, Figure, Figure, Figure, Figure);
    let cases: [Case; 8] = [
        ("NaN production", r(f64::NAN), r(1.0), r(0.0), r(0.0)),
        ("infinite imports", r(1.0), r(f64::INFINITY), r(0.0), r(0.0)),
        ("negative production", r(-1.0), r(1.0), r(0.0), r(0.0)),
        ("negative imports", r(1.0), r(-5.0), r(0.0), r(0.0)),
        ("negative exports", r(1.0), r(5.0), r(-2.0), r(0.0)),
        ("NaN stock adjustment", r(1.0), r(5.0), r(2.0), r(f64::NAN)),
        ("zero apparent consumption", r(0.0), r(100.0), r(100.0), r(0.0)),
        ("negative apparent consumption", r(10.0), r(0.0), r(100.0), r(0.0)),
    ];
    for (name, p, i, e, s) in cases {
        let err = nir(p, i, e, s).expect_err(name);
        let msg = err.to_string();
        match name {
            "negative production" => assert!(msg.contains("production") && msg.contains("-1"), "{msg}"),
            "negative imports" => assert!(msg.contains("imports") && msg.contains("-5"), "{msg}"),
            "zero apparent consumption" | "negative apparent consumption" => {
                assert!(err.kind() == ErrorKind::Inconsistent, "{name}: {err:?}");
                assert!(msg.contains("exports 100"), "{msg}");
            }
            _ => assert!(matches!(err.kind(), ErrorKind::NotFinite | ErrorKind::Negative), "{name}: {err:?}"),
        }
    }
}

#[test]
fn unreadable_cells_and_bands_are_typed_errors() {
    for cell in ["", "lots", "3,3x0", "-5", "(1)"] {
        assert!(matches!(Figure::parse_usgs(cell), Err(ref e) if e.kind() == ErrorKind::Parse), "{cell:?}");
    }
    for band in ["", ">150", "<-1", "about 76", "NaN", "e"] {
        assert!(matches!(band.parse::<PublishedNir>(), Err(ref e) if e.kind() == ErrorKind::Parse), "{band:?}");
    }
    assert_eq!("8,000e".parse::<PublishedNir>().ok(), None);
    assert_eq!(Figure::parse_usgs("8,000e").unwrap(), r(8_000.0));
    assert_eq!(Figure::parse_usgs("NA").unwrap(), Figure::NotAvailable);
    assert_eq!(" >50 ".parse::<PublishedNir>().unwrap(), PublishedNir::MoreThan(50.0));
    assert_eq!("E".parse::<PublishedNir>().unwrap(), PublishedNir::NetExporter);
}

#[test]
fn bad_tolerance_and_stocks_are_typed_errors() {
    let r100 = nir(r(0.0), r(10.0), r(0.0), r(0.0)).unwrap();
    assert!(PublishedNir::Percent(100.0).agreement(&r100, f64::NAN).is_err());
    assert!(PublishedNir::Percent(100.0).agreement(&r100, -1.0).is_err());
    assert!(matches!(stock_drawdown(-1.0, 2.0), Err(ref e) if e.kind() == ErrorKind::Negative));
    assert!(matches!(stock_drawdown(1.0, f64::NAN), Err(ref e) if e.kind() == ErrorKind::NotFinite));
}

#[test]
fn missing_components_give_explicit_states() {
    // imports withheld: not computable, naming imports
    let x = nir(r(5.0), Figure::Withheld, r(1.0), r(0.0)).unwrap();
    assert!(
        matches!(x, NetImportReliance::NotComputable { missing } if missing.component == Statistic::Imports),
        "{x:?}"
    );
    // production not available with positive net imports: bounded, naming NA
    let x = nir(Figure::NotAvailable, r(5.0), r(1.0), r(0.0)).unwrap();
    assert!(matches!(x, NetImportReliance::Bounded { missing, .. } if missing.state == Figure::NotAvailable), "{x:?}");
    // production withheld and zero net imports: not computable (0 % or undefined)
    let x = nir(Figure::Withheld, r(5.0), r(5.0), r(0.0)).unwrap();
    assert!(matches!(x, NetImportReliance::NotComputable { .. }), "{x:?}");
    // net exporter is independent of withheld production
    let x = nir(Figure::Withheld, r(5.0), r(8.0), r(1.0)).unwrap();
    assert!(matches!(&x, NetImportReliance::NetExporter { net_exports } if net_exports.in_tonnes() == 2.0), "{x:?}");
    assert_eq!(PublishedNir::NetExporter.agreement(&x, 0.5).unwrap(), Agreement::Confirmed);
    assert_eq!(PublishedNir::Percent(10.0).agreement(&x, 0.5).unwrap(), Agreement::Contradicted);
    // a stock drawdown turns a balanced trade into net imports
    let x = nir(r(90.0), r(5.0), r(5.0), r(10.0)).unwrap();
    assert_eq!(x.percent(), Some(10.0));
    // zero net imports with production: exactly 0 %
    let x = nir(r(90.0), r(5.0), r(5.0), r(0.0)).unwrap();
    assert_eq!(x.percent(), Some(0.0));
    assert_eq!(PublishedNir::LessThan(25.0).agreement(&x, 0.5).unwrap(), Agreement::Confirmed);
    assert_eq!(PublishedNir::MoreThan(25.0).agreement(&x, 0.5).unwrap(), Agreement::Contradicted);
}

#[test]
fn amounts_on_different_bases_are_rejected() {
    let a = Amount::tonnes(1.0, li()).unwrap();
    let b = Amount::tonnes(1.0, Basis::lce()).unwrap();
    let err = SalientStatistics::from_amounts(&a, &b, &a).unwrap_err();
    assert!(err.kind() == ErrorKind::Mismatch, "{err:?}");
    assert!(err.to_string().contains("LCE"), "{err}");
    let ok = SalientStatistics::from_amounts(&a, &a, &Amount::tonnes(0.5, li()).unwrap()).unwrap();
    let pct = ok.net_import_reliance().unwrap().percent().unwrap();
    assert!((pct - 100.0 / 3.0).abs() < 1e-9, "{pct}");
}

#[test]
fn bad_partner_inputs_are_typed_errors() {
    let chl = Country::from_alpha3("CHL").unwrap();
    let arg = Country::from_alpha3("ARG").unwrap();
    let t = |v: f64| Amount::tonnes(v, li()).unwrap();
    let empty: [(Country, Amount); 0] = [];
    assert!(matches!(import_partner_shares(&empty, None), Err(ref e) if e.kind() == ErrorKind::Empty));
    assert!(
        matches!(import_partner_shares(&[(chl, t(0.0)), (arg, t(0.0))], None), Err(ref e) if e.kind() == ErrorKind::ZeroTotal)
    );
    let dup = import_partner_shares(&[(chl, t(1.0)), (chl, t(2.0))], None).unwrap_err();
    assert!(dup.kind() == ErrorKind::Duplicate && dup.to_string().contains("key CHL"), "{dup:?}");
    let mixed = [(chl, t(1.0)), (arg, Amount::tonnes(1.0, Basis::lce()).unwrap())];
    assert!(matches!(import_partner_shares(&mixed, None), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    // USGS MCS 2025, lithium import sources 2020–23: Chile 50 %, Argentina 47 %, other 3 %
    let s = import_partner_shares(&[(arg, t(47.0)), (chl, t(50.0))], Some(&t(3.0))).unwrap();
    assert_eq!(s.top().map(|(c, _)| c.alpha3()), Some("CHL"));
    assert!((s.shares().unwrap().entries()[1].share() - 0.47).abs() < 1e-12);
    assert!((s.other_share() - 0.03).abs() < 1e-12);
    assert_eq!(s.total().in_tonnes(), 100.0);
    // only an unattributed quantity: no top partner
    let only_other = import_partner_shares(&empty, Some(&t(3.0))).unwrap();
    assert_eq!(only_other.top(), None);
}

#[test]
fn an_overlong_cell_is_unreadable_not_infinite() {
    let e = Figure::parse_usgs(&"9".repeat(400)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Parse);
    assert!(e.to_string().len() < 200, "{e}");
}
