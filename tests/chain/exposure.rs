//! Exposure through a supply network.

use critical_minerals::ErrorKind;
use critical_minerals::chain::Stage;
use critical_minerals::chain::exposure::Holder;
use critical_minerals::geo::Region;
use proptest::prelude::*;

use super::network::{STAGES, arb_network, c, worked};

#[test]
fn worked_network_matches_hand_computation() {
    let net = worked();
    // Hand computation.
    // A_refining rows (input mix of each refiner over miners):
    //   CN: AU 50/80 = 0.625, CL 30/80 = 0.375
    //   KR: AU 10/20 = 0.5,   CL 10/20 = 0.5
    // A_cells rows (input mix of each cell maker over refiners):
    //   CN: keeps 65, imports nothing -> CN 1.0
    //   KR: keeps 20, imports 15 from CN -> KR 20/35, CN 15/35
    // Korea's cells, refined where:  CN 15/35 = 0.428571..., KR 20/35 = 0.571428...
    // Korea's cells, mined where (row KR of A_cells x A_refining):
    //   AU = 20/35 x 0.5 + 15/35 x 0.625 = 0.285714 + 0.267857 = 0.553571...
    //   CL = 20/35 x 0.5 + 15/35 x 0.375 = 0.285714 + 0.160714 = 0.446429...
    // China's cells, mined where: AU 0.625, CL 0.375.
    let kr_refined = net.exposure(Stage::Cells, c("KR"), Stage::Refining).unwrap();
    assert!((kr_refined.share_of(c("CN")) - 15.0 / 35.0).abs() < 1e-12);
    assert!((kr_refined.share_of(c("KR")) - 20.0 / 35.0).abs() < 1e-12);
    let kr_mined = net.exposure(Stage::Cells, c("KR"), Stage::Mining).unwrap();
    assert!((kr_mined.share_of(c("AU")) - (20.0 / 35.0 * 0.5 + 15.0 / 35.0 * 0.625)).abs() < 1e-12);
    assert!((kr_mined.share_of(c("CL")) - (20.0 / 35.0 * 0.5 + 15.0 / 35.0 * 0.375)).abs() < 1e-12);
    let cn_mined = net.exposure(Stage::Cells, c("CN"), Stage::Mining).unwrap();
    assert!((cn_mined.share_of(c("AU")) - 0.625).abs() < 1e-12);
    assert_eq!(net.origin_share(Stage::Cells, c("CN"), Stage::Refining, c("KR")).unwrap(), 0.0);
    // a region: CN 50 and KR 30 of cells; mined in Australia = (50 x 0.625 + 30 x 0.553571) / 80
    let asia = Region::from_codes("CN+KR", ["CN", "KR"]).unwrap();
    let r = net.region_exposure(Stage::Cells, &asia, Stage::Mining).unwrap();
    let au = (50.0 * 0.625 + 30.0 * (20.0 / 35.0 * 0.5 + 15.0 / 35.0 * 0.625)) / 80.0;
    assert!((r.share_of(c("AU")) - au).abs() < 1e-12);
    assert_eq!(r.holder(), &Holder::Region("CN+KR".into()));
    assert_eq!(r.output().in_tonnes(), 80.0);
    // the stage itself is its own origin
    assert_eq!(net.exposure(Stage::Cells, c("KR"), Stage::Cells).unwrap().origins().share_of(&c("KR")), Some(1.0));
    // downstream is not an origin
    assert!(
        matches!(net.exposure(Stage::Mining, c("AU"), Stage::Cells), Err(ref e) if e.kind() == ErrorKind::Inconsistent)
    );
    assert!(
        matches!(net.exposure(Stage::Cells, c("AU"), Stage::Mining), Err(ref e) if e.kind() == ErrorKind::Inconsistent)
    );
}

#[test]
fn exposure_attributes_output_in_tonnes_and_ranks_origins() {
    let net = worked();
    let kr = net.exposure(Stage::Cells, c("KR"), Stage::Refining).unwrap();
    assert_eq!(kr.output().in_tonnes(), 30.0);
    // ranked: Korea's own 20/35 before China's 15/35; attributed tonnes of Korea's 30 t of cells
    let rows: Vec<_> = kr.origins().iter().map(|e| (*e.key(), e.quantity())).collect();
    assert_eq!(rows[0].0, c("KR"));
    assert!((rows[0].1 - 30.0 * 20.0 / 35.0).abs() < 1e-12);
    assert!((rows[1].1 - 30.0 * 15.0 / 35.0).abs() < 1e-12);
    // the input mix is the exposure to the upstream stage; a first stage is its own input
    assert_eq!(net.input_mix(Stage::Cells, c("KR")).unwrap(), kr);
    assert_eq!(net.input_mix(Stage::Mining, c("AU")).unwrap().share_of(c("AU")), 1.0);
    let json = serde_json::to_string(&kr).unwrap();
    assert!(
        json.starts_with(r#"{"stage":"cells","country":"KOR","origin_stage":"refining","output_t":30.0,"basis":"Li","origins":[{"origin_country":"KOR","attributed_t":"#),
        "{json}"
    );
}

proptest! {
    #[test]
    fn exposure_shares_sum_to_one(net in arb_network()) {
        for (k, stage) in STAGES.iter().enumerate() {
            for (country, _) in net.production(*stage).unwrap().clone() {
                for origin in &STAGES[..=k] {
                    let e = net.exposure(*stage, country, *origin).unwrap();
                    let sum: f64 = e.origins().iter().map(|o| o.share()).sum();
                    prop_assert!((sum - 1.0).abs() < 1e-9, "{stage} {country:?} <- {origin}: {sum}");
                    prop_assert!(e.origins().iter().all(|o| (0.0..=1.0 + 1e-12).contains(&o.share())));
                    // the attributed tonnes add up to the output traced
                    let t: f64 = e.origins().iter().map(|o| o.quantity()).sum();
                    prop_assert!((t - e.output().in_tonnes()).abs() < 1e-9 * e.output().in_tonnes());
                }
            }
        }
    }
}
