//! Every result type of the calculators round-trips through serde_json for random inputs, and
//! its serialized form states its unit and scale.

use critical_minerals::geo::Country;
use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::methods::criticality::{AssessedStage, assess, bottleneck};
use critical_minerals::methods::reliance::{Figure, PartnerShares, SalientStatistics, import_partner_shares};
use critical_minerals::provenance::Estimate;
use critical_minerals::stats::concentration::{Hhi, HhiDelta, Remainder, hhi, merger_delta_of_shares};
use critical_minerals::stats::growth::{Change, GrowthRate, cagr, percent_change};
use critical_minerals::stats::guideline::{Guideline, MergerAssessment, assess_merger, classify};
use critical_minerals::stats::share::{Denominator, Shares};
use critical_minerals::stats::uncertainty::{IntervalShares, MonteCarlo};
use critical_minerals::time::{Period, Span};
use critical_minerals::trade::columnar::{Concentration, GroupOptions, Party, TradeTable, concentration};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Serializes, reads back, compares, and serializes again to the same text.
fn rt<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(v: &T) -> Result<String, TestCaseError> {
    let json = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, v, "round trip through {}", json);
    let again = serde_json::to_string(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again, json.clone());
    Ok(json)
}

fn weights() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![1 => Just(0.0), 9 => 1e-3..1e7f64], 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn stats_results_round_trip(ws in weights(), extra in 0.0..1e6f64, seed in 0u64..1000) {
        prop_assume!(ws.iter().sum::<f64>() > 0.0);
        let li = Basis::contained(Element::Li);
        let rows: Vec<(String, Amount)> =
            ws.iter().enumerate().map(|(i, w)| (format!("p{i:02}"), Amount::tonnes(*w, li.clone()).unwrap())).collect();
        let total = Amount::tonnes(ws.iter().sum::<f64>() + extra, li.clone()).unwrap();
        let s = Shares::new(rows.clone(), Denominator::PublishedTotal(total)).unwrap();
        let json = rt(&s)?;
        prop_assert!(json.contains(r#""unit":"t Li""#), "{}", json);
        let h = hhi(&s, Remainder::Excluded);
        let json = rt(&h)?;
        prop_assert!(json.contains("\"fraction\"") && json.contains("\"points\""), "{}", json);
        let d = merger_delta_of_shares(s.entries()[0].share() / 2.0, s.entries().last().unwrap().share() / 2.0).unwrap();
        rt::<HhiDelta>(&d)?;
        for g in Guideline::ALL {
            rt(&classify(g, h))?;
            rt::<MergerAssessment>(&assess_merger(g, h, d))?;
        }
        let r = cagr(1.0 + ws[0], 1.0 + extra, &Span::years(2020, 2025).unwrap()).unwrap();
        let json = rt::<GrowthRate>(&r)?;
        prop_assert!(json.contains("fraction_per_year"), "{}", json);
        rt::<Change>(&percent_change(1.0 + ws[0], extra).unwrap())?;
        let est: Vec<(String, Estimate)> =
            ws.iter().enumerate().map(|(i, w)| (format!("p{i}"), Estimate::range(*w, w * 1.1 + 1.0).unwrap())).collect();
        rt(&IntervalShares::new(&est, Denominator::SumOfRows).unwrap())?;
        let mc = MonteCarlo::new(50, seed).unwrap();
        rt(&mc)?;
        rt(&mc.hhi(&est).unwrap())?;
        rt(&Span::years(2020, 2025).unwrap())?;
        rt(&Period::month(2024, 1 + (seed % 12) as u8).unwrap())?;
        let inconsistent = serde_json::from_str::<Hhi>(r#"{"fraction":0.5,"points":4000}"#);
        prop_assert!(inconsistent.is_err());
    }

    #[test]
    fn methods_results_round_trip(p in 0.0..1e5f64, i in 0.0..1e5f64, e in 0.0..1e5f64, sr in 0.0..5.0f64, ei in 0.0..9.0f64) {
        let b = Basis::contained(Element::Co);
        for production in [Figure::Reported(p), Figure::Withheld] {
            let stats = SalientStatistics::new(b.clone(), production, Figure::Reported(i), Figure::Reported(e)).unwrap();
            rt(&stats)?;
            if let Ok(nir) = stats.net_import_reliance() {
                rt(&nir)?;
            }
            if let Ok(ac) = stats.apparent_consumption() {
                rt(&ac)?;
            }
        }
        prop_assume!(i + e > 0.0);
        let rows = [
            (Country::from_code("NO").unwrap(), Amount::tonnes(i, b.clone()).unwrap()),
            (Country::from_code("FI").unwrap(), Amount::tonnes(e, b.clone()).unwrap()),
        ];
        let partners = import_partner_shares(&rows, Some(&Amount::tonnes(p, b.clone()).unwrap())).unwrap();
        rt::<PartnerShares>(&partners)?;
        rt(&assess(sr, ei).unwrap())?;
        rt(&bottleneck([(AssessedStage::Extraction, sr), (AssessedStage::Processing, ei)]).unwrap())?;
    }

    #[test]
    fn columnar_concentration_round_trips(rows in prop::collection::vec((0usize..6, 0usize..6, 0u32..3, 2020i32..2023, 0.0..1e6f64), 1..40)) {
        let c = |i: usize| Country::from_code(["CL", "AU", "CN", "AR", "US", "DE"][i]).unwrap();
        let t = TradeTable::from_rows(rows.iter().map(|&(x, m, k, y, v)| (y, c(x), c(m), [283691, 253090, 10121][k as usize], Some(v), None))).unwrap();
        let conc: Concentration<f64> = concentration(&t, Party::Exporter, t.value_usd_column(), &GroupOptions::default().with_threads(1)).unwrap();
        let json = rt(&conc)?;
        prop_assert!(json.contains(r#""unit":"USD""#));
        prop_assert!(!json.contains(r#""hs6":"10121""#), "HS codes keep their leading zero: {}", json);
    }
}

proptest! {
    #[test]
    fn amounts_and_rates_reload_bit_for_bit(t in 0.0..1e12f64, k in -9i32..9) {
        let v = t * 10f64.powi(k);
        let a = Amount::tonnes(v, Basis::lce()).unwrap();
        let back: Amount = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        prop_assert_eq!(back, a);
        let r = critical_minerals::material::Rate::tonnes_per_year(v, Basis::lce()).unwrap();
        let back: critical_minerals::material::Rate = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        prop_assert_eq!(back, r);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn loader_reports_and_results_with_any_economy_round_trip(rows in prop::collection::vec((prop::sample::select(vec![58u32, 490, 842, 711, 998, 4321, 36]), prop::sample::select(vec![156u32, 891, 5000]), 0.0..1e6f64, prop::option::of(0.0..1e3f64)), 1..30)) {
        use critical_minerals::trade::UnknownCodes;
        use critical_minerals::trade::columnar::{BaciOptions, BaciReport};
        use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions, ComtradeReport};
        let text: String = std::iter::once("t,i,j,k,v,q\n".to_string())
            .chain(rows.iter().map(|(i, j, v, q)| format!("2022,{i},{j},283691,{v},{}\n", q.map_or("NA".to_string(), |q| q.to_string()))))
            .collect();
        let opts = BaciOptions::default().with_unknown(UnknownCodes::Keep);
        let (t, report) = TradeTable::load_baci_reader("BACI_HS22_Y2022_V202501.csv", text.as_bytes(), &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let json = rt::<BaciReport>(&report)?;
        prop_assert!(json.contains(r#""value_usd""#) && json.contains(r#""hs_revision":"HS22""#), "{}", json);
        let conc: Concentration<f64> = concentration(&t, Party::Exporter, t.value_usd_column(), &GroupOptions::default()).unwrap();
        rt(&conc)?;
        let comtrade = ComtradeFile::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/comtrade_lithium_2023.csv"), &ComtradeOptions::default()).unwrap();
        rt::<ComtradeReport>(comtrade.report())?;
    }
}
