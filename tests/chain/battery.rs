//! Battery products, the composition table and capacity-band segments.

use critical_minerals::ErrorKind;
use critical_minerals::chain::battery::{
    Application, BatteryProduct, CapacityBand, CapacityBands, Composition, check_shares,
};
use critical_minerals::material::{CathodeChemistry, Element};
use critical_minerals::provenance::Confidence;
use critical_minerals::units::electric_charge::milliampere_hour;
use proptest::prelude::*;

#[test]
fn the_table_covers_four_chemistries_each_cited_and_derived_from_atomic_weights() {
    let table = Composition::table();
    let names: Vec<&str> = table.iter().map(|c| c.chemistry.name()).collect();
    assert_eq!(names, ["NMC811", "NMC622", "LFP", "NCA"]);
    for c in &table {
        assert!(!c.citations.is_empty(), "{}", c.chemistry.name());
        assert!(c.citations.iter().any(|x| x.confidence == Confidence::Derived));
        assert!(c.mass_fractions().iter().map(|(_, f)| f).sum::<f64>() <= 1.0);
        // the content is the element's mass fraction of the cathode formula times the cathode mass
        for &(e, kg) in &c.contents_kg_per_kwh {
            assert!((kg - c.unit_kg_per_kwh * c.chemistry.compound().mass_fraction(e)).abs() < 1e-12);
        }
    }
    let nmc811 = Composition::builtin(CathodeChemistry::Nmc811).unwrap();
    // 1000 / (200 mAh/g × 3.6 V) = 1.389 kg of cathode per kWh; Li is 6.94 / 97.28 of it
    assert!((nmc811.unit_kg_per_kwh - 1_000.0 / 720.0).abs() < 1e-12);
    assert!((nmc811.kg_per_kwh(Element::Li) - 0.099).abs() < 5e-4);
    assert!((nmc811.kg_per_kwh(Element::Ni) - 0.670).abs() < 5e-4);
    let lfp = Composition::builtin(CathodeChemistry::Lfp).unwrap();
    assert_eq!((lfp.kg_per_kwh(Element::Co), lfp.kg_per_kwh(Element::Ni)), (0.0, 0.0));
    // NMC622 and NCA capacities are flagged unconfirmed
    for chem in [CathodeChemistry::Nmc622, CathodeChemistry::Nca] {
        let c = Composition::builtin(chem).unwrap();
        assert!(c.citations.iter().any(|x| x.confidence == Confidence::Unconfirmed));
    }
    assert!(Composition::builtin(CathodeChemistry::Lco).is_none());
}

#[test]
fn products_carry_capacity_and_energy() {
    let p = BatteryProduct::new("power bank", CathodeChemistry::Lfp, 20_000.0, 3.2, Application::ConsumerElectronics)
        .unwrap();
    assert!((p.capacity().get::<milliampere_hour>() - 20_000.0).abs() < 1e-9);
    assert!((p.energy_wh() - 64.0).abs() < 1e-12);
    let nmc = Composition::builtin(CathodeChemistry::Nmc811).unwrap();
    assert_eq!(p.content_kg(&nmc, Element::Li).unwrap_err().kind(), ErrorKind::Mismatch);
}

#[test]
fn bad_input_gives_typed_errors() {
    // a composition above 100 % of the cell mass
    let e =
        Composition::from_mass_fractions(CathodeChemistry::Nmc811, 250.0, &[(Element::Ni, 0.6), (Element::Co, 0.5)])
            .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutOfRange);
    assert!(e.to_string().contains("1.1"), "{e}");
    assert_eq!(
        Composition::new(CathodeChemistry::Lfp, 5.0, &[(Element::Li, 0.1), (Element::Li, 0.1)]).unwrap_err().kind(),
        ErrorKind::Duplicate
    );
    assert_eq!(
        Composition::new(CathodeChemistry::Lfp, 5.0, &[(Element::Li, -0.1)]).unwrap_err().kind(),
        ErrorKind::Negative
    );
    assert_eq!(
        Composition::derived(CathodeChemistry::Lfp, 0.0, 3.2, &[Element::Li]).unwrap_err().kind(),
        ErrorKind::NotPositive
    );
    assert_eq!(
        BatteryProduct::new("x", CathodeChemistry::Lfp, f64::NAN, 3.2, Application::EnergyStorage).unwrap_err().kind(),
        ErrorKind::NotFinite
    );
    assert_eq!(
        BatteryProduct::new(" ", CathodeChemistry::Lfp, 1.0, 3.2, Application::EnergyStorage).unwrap_err().kind(),
        ErrorKind::Empty
    );
}

#[test]
fn bands_must_partition_the_axis() {
    let b = |low: f64, high: Option<f64>| CapacityBand { low_mah: low, high_mah: high };
    let cases: [(&str, Vec<CapacityBand>, &str); 6] = [
        ("gap", vec![b(0.0, Some(3_000.0)), b(3_500.0, None)], "gap"),
        ("overlap", vec![b(0.0, Some(3_000.0)), b(2_500.0, None)], "overlap"),
        ("closed top", vec![b(0.0, Some(3_000.0)), b(3_000.0, Some(10_000.0))], "no band"),
        ("open middle", vec![b(0.0, None), b(3_000.0, None)], "not the last"),
        ("not from 0", vec![b(100.0, None)], "not at 0"),
        ("reversed", vec![b(0.0, Some(0.0)), b(0.0, None)], "empty"),
    ];
    for (name, bands, text) in cases {
        let e = CapacityBands::new(&bands).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Inconsistent, "{name}");
        assert!(e.to_string().contains(text), "{name}: {e}");
    }
    assert_eq!(CapacityBands::new(&[]).unwrap_err().kind(), ErrorKind::Empty);
    let report = CapacityBands::market_report();
    assert_eq!(CapacityBands::new(report.bands()).unwrap(), report);
}

#[test]
fn claims_and_shares_are_checked() {
    let bands = CapacityBands::market_report();
    assert!(bands.check_claim(0, 2_999.0).is_ok());
    let e = bands.check_claim(0, 3_000.0).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inconsistent);
    assert!(e.to_string().contains("3000–10000 mAh"), "{e}");
    assert!(bands.check_claim(3, 1_000_000.0).is_ok());
    assert_eq!(bands.check_claim(4, 1.0).unwrap_err().kind(), ErrorKind::Unknown);
    // a market report whose shares add to 125 %
    let e = check_shares("regions", &[("Asia", 0.6), ("Europe", 0.4), ("Americas", 0.25)]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inconsistent);
    assert!(e.to_string().contains("1.25"), "{e}");
    assert_eq!(check_shares("x", &[("a", -0.1), ("b", 1.1)]).unwrap_err().kind(), ErrorKind::OutOfRange);
}

proptest! {
    /// Every non-negative capacity falls in exactly one band of a partition.
    #[test]
    fn every_capacity_has_exactly_one_band(cuts in prop::collection::btree_set(1u32..1_000_000, 0..6), q in 0.0..2_000_000.0f64) {
        let mut lows = vec![0.0];
        lows.extend(cuts.iter().map(|&c| f64::from(c)));
        let bands: Vec<CapacityBand> = lows.iter().enumerate()
            .map(|(i, &low)| CapacityBand { low_mah: low, high_mah: lows.get(i + 1).copied() })
            .collect();
        let p = CapacityBands::new(&bands).unwrap();
        let n = p.bands().iter().filter(|b| b.contains(q)).count();
        prop_assert_eq!(n, 1);
        let i = p.band_of(q).unwrap();
        prop_assert!(p.check_claim(i, q).is_ok());
    }
}
