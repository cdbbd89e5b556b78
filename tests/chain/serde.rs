//! Every chain result type round-trips through serde_json (`float_roundtrip`): serialize, read
//! back, compare, and serialize again to the same text, on random inputs.

use std::fmt::Debug;

use critical_minerals::chain::Stage;
use critical_minerals::chain::cost_curve::{CostCurve, Marginal};
use critical_minerals::chain::disruption::{Cut, Disruption, Rerouting, disrupt};
use critical_minerals::chain::localization::{StageLocalization, StageSupply, localization};
use critical_minerals::chain::route::Route;
use critical_minerals::geo::{Country, Region};
use critical_minerals::material::{Amount, Basis};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::cost_curve::{curve, lce, usd};
use super::network::{CODES, STAGES, arb_network, c, t};

/// Round-trips `v`, failing the property on any difference.
fn rt<T: Serialize + DeserializeOwned + PartialEq + Debug>(v: &T) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, v, "round trip through {}", json);
    prop_assert_eq!(serde_json::to_string(&back).map_err(|e| TestCaseError::fail(e.to_string()))?, json);
    Ok(())
}

proptest! {
    #[test]
    fn network_exposure_and_disruption_round_trip(
        net in arb_network(),
        stage_i in 0usize..3,
        who in 0usize..5,
        exports in any::<bool>(),
        x in 0.0f64..=1.0,
        spare in prop::collection::vec(0.0f64..50.0, 5),
    ) {
        rt(&net)?;
        let stage = STAGES[stage_i];
        let producers: Vec<Country> = net.production(stage).unwrap().keys().copied().collect();
        let country = producers[who % producers.len()];
        for origin in &STAGES[..=stage_i] {
            let e = net.exposure(stage, country, *origin).unwrap();
            rt(&e)?;
            rt(e.holder())?;
            let region = Region::from_codes("some", ["AU", "KR"]).unwrap();
            if let Ok(r) = net.region_exposure(stage, &region, *origin) {
                rt(&r)?;
            }
        }
        let cut = if exports { Cut::Exports } else { Cut::Output };
        let d = Disruption::new(stage, country, cut, x).unwrap();
        rt(&d)?;
        let spare: Vec<(Country, Amount)> = CODES.iter().zip(&spare).map(|(k, x)| (c(k), t(*x))).collect();
        for rr in [Rerouting::None, Rerouting::SpareCapacity(spare)] {
            let r = disrupt(&net, &d, &rr).unwrap();
            rt(&r)?;
            for s in r.stages() {
                rt(s)?;
            }
            for i in r.impacts() {
                rt(i)?;
            }
            for f in r.fills() {
                rt(f)?;
            }
        }
    }

    #[test]
    fn localization_round_trips(
        consumption in 1.0f64..1e6,
        parts in prop::collection::vec(0.0f64..1.0, 5),
        within in 0.0f64..=1.0,
        outside in 0.0f64..=1.0,
    ) {
        let region = Region::from_codes("EU (part)", ["DE", "FR"]).unwrap();
        let codes = ["DE", "FR", "CN", "CL", "AU"];
        // shares of consumption that add up to at most 1
        let sum: f64 = parts.iter().sum::<f64>().max(1.0);
        let supply: Vec<(Country, Amount)> =
            codes.iter().zip(&parts).map(|(k, p)| (c(k), lce(consumption * p / sum))).collect();
        let s = StageSupply::new(Stage::Refining, lce(consumption), supply).unwrap();
        rt(&s)?;
        for row in localization(&region, &[s]).unwrap() {
            rt(&row)?;
        }
        let outside = outside * (1.0 - within);
        let published = StageLocalization::new(Stage::Mining, &region, within, Some((c("CN"), outside))).unwrap();
        rt(&published)?;
        rt(&StageLocalization::new(Stage::Recycling, &region, within, None).unwrap())?;
    }

    #[test]
    fn cost_curve_round_trips(
        rows in prop::collection::vec((0.0f64..20_000.0, 1.0f64..1e5), 1..20),
        demand in 1.0f64..3e6,
        price in 0.0f64..25_000.0,
    ) {
        let cv: CostCurve = curve(&rows);
        rt(&cv)?;
        for p in cv.points() {
            rt(p)?;
            rt(p.entry())?;
        }
        let m: Marginal = cv.marginal(&lce(demand)).unwrap();
        rt(&m)?;
        prop_assert!(cv.share_under_water(&usd(price)).is_ok());
    }

    #[test]
    fn routes_and_runs_round_trip(
        product_t in 0.001f64..1e6,
        recovery in 0.05f64..=1.0,
        kwh in prop::option::of(0.0f64..1e5),
    ) {
        let energy = kwh.map(critical_minerals::units::kilowatt_hours);
        for route in [
            Route::spodumene_to_carbonate().unwrap(),
            Route::spodumene_to_hydroxide().unwrap(),
            Route::lepidolite_to_carbonate().unwrap(),
            Route::brine_to_carbonate().unwrap(),
            Route::lithium_metal_from_chloride(recovery, energy, 1.0).unwrap(),
        ] {
            rt(&route)?;
            for s in route.steps() {
                rt(s)?;
            }
            for p in route.parameters() {
                rt(p)?;
            }
            let run = route.run_for_product(&Amount::tonnes(product_t, route.product_basis().clone()).unwrap()).unwrap();
            rt(&run)?;
            for s in run.steps() {
                rt(s)?;
            }
        }
        // a product on another basis (LCE) converts first
        let run = Route::spodumene_to_carbonate().unwrap().run_for_product(&Amount::tonnes(product_t, Basis::lce()).unwrap()).unwrap();
        rt(&run)?;
    }
}
