//! The EU supply risk on the embedded data: the governance-weighted concentration against a hand
//! computation from the CSV rows, against the published extraction-stage values of the EU 2023
//! study, the terms given as inputs, and bad input.

use critical_minerals::ErrorKind;
use critical_minerals::dataset::{Commodity, Dataset, EuSupplyRiskInputs};
use critical_minerals::geo::Country;
use proptest::prelude::*;

use crate::fixtures::{col, csv_rows, wgi_of_year};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn country(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

/// `Σ s² · (5 − 2·WGI)` recomputed from `wmd2024_production.csv` and `political_stability.csv`
/// (missing WGI → 5, the middle of the scale), times `(1 − EoL-RIR)`.
#[test]
fn cobalt_2022_matches_a_hand_computation_from_the_csv_rows() -> TestResult {
    let (h, rows) = csv_rows("wmd2024_production.csv")?;
    let (c, place, year, value) = (col(&h, "commodity")?, col(&h, "country")?, col(&h, "year")?, col(&h, "value_t")?);
    let q: Vec<(String, f64)> = rows
        .iter()
        .filter(|r| &r[c] == "cobalt" && &r[year] == "2022" && !matches!(&r[place], "WORLD" | "OTHER"))
        .map(|r| Ok((r[place].to_string(), r[value].parse::<f64>()?)))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let total: f64 = q.iter().map(|(_, v)| v).sum();

    let wgi = wgi_of_year("2022")?;
    let expected: f64 =
        q.iter().map(|(p, v)| (v / total).powi(2) * wgi.get(p).map_or(5.0, |w| 5.0 - 2.0 * w.clamp(-2.5, 2.5))).sum();

    let data = Dataset::builtin()?;
    let sr = data.eu_supply_risk(Commodity::COBALT, 2022, &EuSupplyRiskInputs::global_only())?;
    assert!((sr.hhi_global - expected).abs() < 1e-9, "{} vs {expected}", sr.hhi_global);
    assert!((sr.supply_risk - expected * (1.0 - 0.22)).abs() < 1e-9);
    assert_eq!(sr.missing_wgi, [country("NC")], "New Caledonia has no WGI row");
    assert_eq!(sr.producers[0].country, country("CD"));
    let shares: f64 = sr.producers.iter().map(|p| p.share).sum();
    assert!((shares - 1.0).abs() < 1e-12);
    Ok(())
}

/// Published supply risk at the extraction stage, EU *Study on the Critical Raw Materials for
/// the EU 2023* (as transcribed in `meyerdata/CritMAT`, `input_data/seeds/eureport_results.csv`,
/// column `supply_risk_primary`; the same figures as `tests/methods/criticality_eu.rs`).
///
/// Computed here: the global-only SR (`IR = 1`, `SI_SR = 1`, the global mix standing in for EU
/// sourcing, `t_c = 1`, the catalogue's EU 2023 EoL-RIR), averaged over 2018–2020, the embedded
/// years nearest the study's 2016–2020 window. The EU figure also has `SI_SR ≤ 1`, its own EU
/// sourcing mix weighted by `1 − IR/2`, the six-dimension WGI mean and trade parameters, none of
/// which this data holds. Those terms lower the EU value for these five materials, so the
/// tolerance is one-sided and wide: the computed value lies between 0.9× and 3× the published
/// one (measured ratios: cobalt 1.10, lithium 1.60, natural graphite 1.79, nickel 1.95,
/// copper 2.64). The verdict against the threshold 1.0 must agree except for lithium (1.28
/// here, 0.8 published: the study's EU sourcing of lithium ore and its substitution index bring
/// it below), and copper is the lowest in both.
#[test]
fn global_only_supply_risk_against_the_published_eu_2023_extraction_values() -> TestResult {
    let published = [("cobalt", 2.8), ("lithium", 0.8), ("natural-graphite", 1.8), ("nickel", 0.4), ("copper", 0.1)];
    let data = Dataset::builtin()?;
    let mut computed = Vec::new();
    for (name, eu) in published {
        let c = Commodity::lookup(name)?;
        let mut sum = 0.0;
        for year in 2018..=2020 {
            sum += data.eu_supply_risk(c, year, &EuSupplyRiskInputs::global_only())?.supply_risk;
        }
        let sr = sum / 3.0;
        let ratio = sr / eu;
        assert!((0.9..=3.0).contains(&ratio), "{name}: computed {sr:.2}, published {eu}, ratio {ratio:.2}");
        assert_eq!(sr >= 1.0, eu >= 1.0 || name == "lithium", "{name}: {sr:.2} vs {eu} about the threshold");
        computed.push((name, sr));
    }
    let lowest = computed.iter().min_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0);
    assert_eq!(lowest, Some("copper"));
    Ok(())
}

#[test]
fn an_eu_sourcing_mix_and_import_reliance_enter_as_the_formula_says() -> TestResult {
    let data = Dataset::builtin()?;
    let g = data.eu_supply_risk(Commodity::COBALT, 2022, &EuSupplyRiskInputs::global_only())?;
    // a sourcing mix that is the production mix itself gives the global value at any IR
    let same: Vec<(Country, f64)> = g.producers.iter().map(|p| (p.country, p.share)).collect();
    let inputs = EuSupplyRiskInputs {
        import_reliance: 0.3,
        substitution_index: 0.9,
        eol_rir: Some(0.1),
        eu_sourcing: Some(same),
        trade_parameters: Vec::new(),
    };
    let s = data.eu_supply_risk(Commodity::COBALT, 2022, &inputs)?;
    assert!((s.hhi_eu_sourcing - g.hhi_global).abs() < 1e-12);
    assert!((s.supply_risk - g.hhi_global * 0.9 * 0.9).abs() < 1e-12);
    // Finland alone: SR = [GS·IR/2 + HHI_FI·(1 − IR/2)]·(1 − EoL)·SI
    let fi = country("FI");
    let inputs = EuSupplyRiskInputs { eu_sourcing: Some(vec![(fi, 1.0)]), ..inputs };
    let s = data.eu_supply_risk(Commodity::COBALT, 2022, &inputs)?;
    let w = data.political_stability(fi.into(), 2022).ok_or("no WGI for Finland")?.estimate;
    assert!((s.hhi_eu_sourcing - (5.0 - 2.0 * w)).abs() < 1e-12);
    let expected = (g.hhi_global * 0.15 + s.hhi_eu_sourcing * 0.85) * 0.9 * 0.9;
    assert!((s.supply_risk - expected).abs() < 1e-12);
    // a trade parameter of 0 on Congo (Kinshasa) removes its term
    let cd = country("CD");
    let t = EuSupplyRiskInputs { trade_parameters: vec![(cd, 0.0)], ..EuSupplyRiskInputs::global_only() };
    let s = data.eu_supply_risk(Commodity::COBALT, 2022, &t)?;
    let cd_term = g.producers[0].share.powi(2) * g.producers[0].wgi_scaled;
    assert!((g.hhi_global - s.hhi_global - cd_term).abs() < 1e-12);
    Ok(())
}

#[test]
fn bad_input_gives_typed_errors() -> TestResult {
    let data = Dataset::builtin()?;
    let co = Commodity::COBALT;
    let base = EuSupplyRiskInputs::global_only;
    let kind = |i: EuSupplyRiskInputs, year: i32| data.eu_supply_risk(co, year, &i).map(|_| ()).unwrap_err().kind();
    assert_eq!(kind(EuSupplyRiskInputs { import_reliance: 1.5, ..base() }, 2022), ErrorKind::OutOfRange);
    assert_eq!(kind(EuSupplyRiskInputs { substitution_index: f64::NAN, ..base() }, 2022), ErrorKind::NotFinite);
    assert_eq!(kind(EuSupplyRiskInputs { eol_rir: Some(-0.1), ..base() }, 2022), ErrorKind::OutOfRange);
    let t = vec![(country("CD"), -1.0)];
    assert_eq!(kind(EuSupplyRiskInputs { trade_parameters: t, ..base() }, 2022), ErrorKind::Negative);
    let t = vec![(country("CD"), 1.0), (country("CD"), 0.8)];
    assert_eq!(kind(EuSupplyRiskInputs { trade_parameters: t, ..base() }, 2022), ErrorKind::Duplicate);
    // a trade parameter for a country that neither mines cobalt nor is in the sourcing mix
    let t = vec![(country("IS"), 0.8)];
    let e = data.eu_supply_risk(co, 2022, &EuSupplyRiskInputs { trade_parameters: t, ..base() }).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inconsistent);
    assert!(e.to_string().contains("ISL") || e.to_string().contains("Iceland"), "{e}");
    let mix = vec![(country("FI"), 0.5), (country("FI"), 0.5)];
    assert_eq!(kind(EuSupplyRiskInputs { eu_sourcing: Some(mix), ..base() }, 2022), ErrorKind::Duplicate);
    let mix = vec![(country("FI"), 0.5)];
    assert_eq!(kind(EuSupplyRiskInputs { eu_sourcing: Some(mix), ..base() }, 2022), ErrorKind::Inconsistent);
    assert_eq!(kind(EuSupplyRiskInputs { eu_sourcing: Some(Vec::new()), ..base() }, 2022), ErrorKind::Empty);
    // WGI ends in 2022; World Mining Data starts in 2018
    let err = data.eu_supply_risk(co, 2023, &base()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Missing);
    assert!(err.to_string().contains("2023"), "{err}");
    assert_eq!(kind(base(), 2017), ErrorKind::Missing);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// Raising one producer's trade parameter never lowers the concentration or the supply risk,
    /// and with every `t_c ≤ 1` both stay within the 0–10 scale.
    #[test]
    fn trade_parameters_raise_the_supply_risk_monotonically(pick in 0usize..20, t in 0.0..1.0f64, d in 0.0..1.0f64,
                                                            which in 0usize..5) {
        let name = ["cobalt", "lithium", "natural-graphite", "nickel", "copper"][which];
        let c = Commodity::lookup(name).unwrap();
        let data = Dataset::builtin_ref().unwrap();
        let g = data.eu_supply_risk(c, 2021, &EuSupplyRiskInputs::global_only()).unwrap();
        let who = g.producers[pick % g.producers.len()].country;
        let at = |t: f64| data.eu_supply_risk(c, 2021,
            &EuSupplyRiskInputs { trade_parameters: vec![(who, t)], ..EuSupplyRiskInputs::global_only() }).unwrap();
        let (lo, hi) = (at(t), at(t + d));
        prop_assert!(hi.hhi_global >= lo.hhi_global && hi.supply_risk >= lo.supply_risk);
        prop_assert!((0.0..=10.0).contains(&lo.hhi_global) && lo.supply_risk <= lo.hhi_global);
    }
}
