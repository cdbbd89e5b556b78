//! Localization of a region's consumption, the one localization type the CRMA check reads.

use critical_minerals::chain::Stage;
use critical_minerals::chain::localization::{StageLocalization, StageSupply, localization};
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::{Amount, Basis};
use proptest::prelude::*;

fn k(s: &str) -> Country {
    Country::from_code(s).unwrap()
}

fn t(x: f64) -> Amount {
    Amount::tonnes(x, Basis::lce()).unwrap()
}

#[test]
fn localization_of_a_region() {
    let eu = Region::from_codes("EU (part)", ["DE", "FR"]).unwrap();
    let stages = [
        StageSupply::new(Stage::Refining, t(50.0), vec![(k("DE"), t(5.0)), (k("CN"), t(30.0)), (k("CL"), t(15.0))])
            .unwrap(),
        StageSupply::new(
            Stage::Cells,
            t(40.0),
            vec![(k("DE"), t(10.0)), (k("FR"), t(10.0)), (k("KR"), t(8.0)), (k("CN"), t(8.0))],
        )
        .unwrap(),
    ];
    let rows = localization(&eu, &stages).unwrap();
    assert!((rows[0].within_region_share() - 0.1).abs() < 1e-12);
    assert_eq!(rows[0].largest_outside_supplier().map(|o| o.country().alpha2()), Some("CN"));
    assert!((rows[0].largest_outside_supplier().unwrap().share() - 0.6).abs() < 1e-12);
    assert_eq!(rows[0].unspecified_share(), Some(0.0));
    assert!((rows[1].within_region_share() - 0.5).abs() < 1e-12);
    // tie between CN and KR at 8: the first in alpha-2 order
    assert_eq!(rows[1].largest_outside_supplier().map(|o| o.country().alpha2()), Some("CN"));
    assert!((rows[1].unspecified_share().unwrap() - 0.1).abs() < 1e-12);
    // quantities are kept, with their basis
    assert_eq!(rows[1].consumption(), Some(&t(40.0)));
    assert_eq!(rows[1].within_region(), Some(&t(20.0)));
    assert_eq!(rows[1].region(), "EU (part)");
}

#[test]
fn no_reported_supply_is_all_unspecified() {
    let eu = Region::from_codes("EU (part)", ["DE"]).unwrap();
    let s = StageSupply::new(Stage::Mining, t(10.0), vec![(k("CN"), t(0.0))]).unwrap();
    let r = &localization(&eu, &[s]).unwrap()[0];
    assert_eq!(r.within_region_share(), 0.0);
    assert_eq!(r.largest_outside_supplier(), None);
    assert_eq!(r.unspecified_share(), Some(1.0));
}

#[test]
fn the_calculator_and_the_quantity_constructor_agree() {
    // the same figures given per country or as a within-region total give one result
    let eu = Region::from_codes("EU (part)", ["DE", "FR"]).unwrap();
    let per_country = StageSupply::new(
        Stage::Refining,
        t(100.0),
        vec![(k("DE"), t(12.0)), (k("FR"), t(8.0)), (k("CN"), t(50.0)), (k("CL"), t(20.0))],
    )
    .unwrap();
    let a = localization(&eu, &[per_country]).unwrap().remove(0);
    let b = StageLocalization::from_quantities(
        Stage::Refining,
        &eu,
        t(100.0),
        t(20.0),
        &[(k("CN"), t(30.0)), (k("CL"), t(20.0)), (k("CN"), t(20.0))],
    )
    .unwrap();
    assert_eq!(a, b);
}

#[test]
fn rows_serialize_tidy_and_read_back_checked() {
    let eu = Region::from_codes("EU (part)", ["DE"]).unwrap();
    let s = StageSupply::new(Stage::Refining, t(100.0), vec![(k("DE"), t(10.0)), (k("CN"), t(70.0))]).unwrap();
    let row = localization(&eu, std::slice::from_ref(&s)).unwrap().remove(0);
    let json = serde_json::to_string(&row).unwrap();
    assert_eq!(
        json,
        r#"{"stage":"refining","region":"EU (part)","within_region_share":0.1,"largest_outside_country":"CHN","largest_outside_share":0.7,"unspecified_share":0.2,"consumption_t":100.0,"within_region_t":10.0,"basis":"LCE"}"#
    );
    assert_eq!(serde_json::from_str::<StageLocalization>(&json).unwrap(), row);
    let bad = json.replace(r#""within_region_share":0.1"#, r#""within_region_share":0.9"#);
    assert!(serde_json::from_str::<StageLocalization>(&bad).is_err());
    let sj = serde_json::to_string(&s).unwrap();
    assert_eq!(
        sj,
        r#"{"stage":"refining","consumption_t":100.0,"basis":"LCE","supply":[{"country":"DEU","supply_t":10.0},{"country":"CHN","supply_t":70.0}]}"#
    );
    assert_eq!(serde_json::from_str::<StageSupply>(&sj).unwrap(), s);
}

proptest! {
    /// The largest outside supplier does not depend on the order of the rows (one tie rule).
    #[test]
    fn the_largest_outside_supplier_is_independent_of_row_order(
        q in prop::collection::vec(0u8..5, 4),
        rot in 0usize..4,
    ) {
        let eu = Region::from_codes("EU (part)", ["DE"]).unwrap();
        let codes = ["CN", "KR", "AU", "DE"];
        let mut rows: Vec<(Country, Amount)> = codes.iter().zip(&q).map(|(c, x)| (k(c), t(f64::from(*x)))).collect();
        let total: f64 = q.iter().map(|x| f64::from(*x)).sum::<f64>() + 1.0;
        let a = localization(&eu, &[StageSupply::new(Stage::Mining, t(total), rows.clone()).unwrap()]).unwrap();
        rows.rotate_left(rot);
        let b = localization(&eu, &[StageSupply::new(Stage::Mining, t(total), rows).unwrap()]).unwrap();
        prop_assert_eq!(a, b);
    }
}
