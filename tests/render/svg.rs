//! The SVG charts parse as XML and carry a title, axis labels, a legend and a source line.

use critical_minerals::chain::cost_curve::{CostCurve, CostCurveEntry};
use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::material::{Amount, Basis};
use critical_minerals::money::{Currency, Price};
use critical_minerals::render::{self, svg};
use critical_minerals::report::SupplyReport;

type R = Result<(), Box<dyn std::error::Error>>;

fn texts(svg: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let doc = roxmltree::Document::parse(svg)?;
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>().trim().to_string()
        })
        .collect())
}

#[test]
fn lithium_stage_chart_is_labelled() -> R {
    let report = SupplyReport::build(&Dataset::builtin()?, Commodity::LITHIUM)?;
    let t = texts(&render::stage_chart(&report)?)?;
    let has = |s: &str| t.iter().any(|x| x == s);
    assert!(has("Lithium supply chain: country shares by stage"), "title missing: {t:?}");
    assert!(has("Share of the stage (%)") && has("Stage"), "axis labels missing: {t:?}");
    assert!(has("Legend") && has("China") && has("Australia") && has("Other"), "legend missing: {t:?}");
    assert!(t.iter().any(|x| x.starts_with("Source: U.S. Geological Survey")), "source line missing: {t:?}");
    assert!(has("Mining & extraction 2024") && has("Refining & processing"), "bar labels missing: {t:?}");
    assert!(has("Australia 36.7 %"), "segment label missing: {t:?}");
    Ok(())
}

#[test]
fn every_mineral_stage_chart_renders() -> R {
    let data = Dataset::builtin()?;
    for c in [Commodity::COBALT, Commodity::NICKEL, Commodity::NATURAL_GRAPHITE] {
        let t = texts(&render::stage_chart(&SupplyReport::build(&data, c)?)?)?;
        assert!(t.iter().any(|x| x.starts_with("Source: ")), "{c}: no source line");
        assert!(t.iter().any(|x| x.ends_with("country shares by stage")), "{c}: no title");
        // cobalt's largest miner by its short name, never the ISO long form
        assert!(!t.iter().any(|x| x.contains("Democratic Republic of the")), "{c}: long name in {t:?}");
    }
    Ok(())
}

#[test]
fn line_chart_is_labelled_and_refuses_no_data() -> R {
    let chart = svg::LineChart {
        title: "HHI of exports".into(),
        x_label: "Year".into(),
        y_label: "HHI (points, 0–10,000)".into(),
        series: vec![svg::Series { name: "HS 283691".into(), points: vec![(2021.0, 2500.0), (2023.0, 3100.0)] }],
        footer: "Source: test data.".into(),
        integer_x: true,
    };
    let t = texts(&svg::line_chart(&chart)?)?;
    for s in ["HHI of exports", "Year", "HHI (points, 0–10,000)", "Legend", "HS 283691", "2021", "2023", "4,000"] {
        assert!(t.iter().any(|x| x == s), "{s:?} missing: {t:?}");
    }
    let empty =
        svg::LineChart { series: vec![svg::Series { name: "x".into(), points: vec![(1.0, f64::NAN)] }], ..chart };
    assert!(svg::line_chart(&empty).is_err());
    Ok(())
}

#[test]
fn cost_curve_chart_is_labelled() -> R {
    let usd = |x| Price::per_tonne(x, Currency::USD, Basis::lce());
    let t = |x| Amount::tonnes(x, Basis::lce());
    let curve = CostCurve::new(vec![
        CostCurveEntry::new("brine <A>", usd(6_000.0)?, t(40_000.0)?)?,
        CostCurveEntry::new("spodumene B", usd(9_500.0)?, t(30_000.0)?)?,
    ])?;
    let out = svg::cost_curve(&curve, Some(&usd(8_000.0)?), "illustrative")?;
    let tx = texts(&out)?;
    for s in [
        "Cumulative volume (kt LCE)",
        "Unit cost (USD/t LCE)",
        "brine <A>",
        "spodumene B",
        "price 8,000 USD/t LCE",
        "60",
    ] {
        assert!(tx.iter().any(|x| x == s), "{s:?} missing: {tx:?}");
    }
    Ok(())
}

/// The recycling chart from a real projection: one line per distinct share path (nickel and
/// cobalt of NMC 622 at one recovery rate coincide and share a line), the benchmark line, the
/// axis labels, one point per year with demand; no demand at all is an error.
#[test]
fn recycling_chart_draws_each_distinct_share_path_and_the_benchmark() -> R {
    use critical_minerals::chain::battery::Composition;
    use critical_minerals::chain::recycling::{Process, RecoveryRates, material_flows, recycled_supply};
    use critical_minerals::chain::stock::{DynamicStockModel, Flows, InflowTiming, Lifetime, SurvivalTable};
    use critical_minerals::material::{CathodeChemistry, Element};
    use critical_minerals::units::gigawatt_hours_per_year as gwh;

    let sales: Vec<_> = (0..12).map(|i| gwh(10.0 * f64::from(i + 1))).collect();
    let sales = Flows::energy(2020, &sales)?;
    let table = SurvivalTable::new(2020, 12, Lifetime::fixed(4.0)?, InflowTiming::AtGridPoint)?;
    let retired = DynamicStockModel::inflow_driven(&table, &sales)?.outflow();
    let nmc = Composition::builtin(CathodeChemistry::Nmc622).ok_or("no NMC 622")?;
    let recovery = RecoveryRates::builtin(Process::Hydrometallurgical);
    let elements = [Element::Li, Element::Ni, Element::Co];
    let s = recycled_supply(&[(nmc.clone(), retired)], 0.9, &recovery, &elements)?;
    let mut shares = Vec::new();
    for e in elements {
        shares.push((e, s.share_of_demand(e, &material_flows(&sales, &nmc, e)?)?));
    }
    // the precondition of the merge: Ni and Co shares agree every year (to 1e-9), Li's do not
    let agree = |a: usize, b: usize| {
        shares[a].1.iter().zip(&shares[b].1).all(|(x, y)| match (x.share, y.share) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            (x, y) => x.is_none() && y.is_none(),
        })
    };
    assert!(agree(1, 2) && !agree(0, 1));
    let with_demand = shares[0].1.iter().filter(|r| r.share.is_some()).count();
    let svg_text = svg::recycling_chart("Recycled supply", &shares, Some(("CRMA 25 %", 0.25)), "Source: test model.")?;
    let t = texts(&svg_text)?;
    for s in [
        "Recycled supply",
        "Year",
        "Recycled / demand (%)",
        "Legend",
        "Li",
        "Ni = Co",
        "CRMA 25 %",
        "Source: test model.",
    ] {
        assert!(t.iter().any(|x| x == s), "{s:?} missing: {t:?}");
    }
    let doc = roxmltree::Document::parse(&svg_text)?;
    let lines = doc.descendants().filter(|n| n.has_tag_name("polyline")).count();
    let points = doc.descendants().filter(|n| n.has_tag_name("circle")).count();
    assert_eq!(lines, 3); // Li, Ni = Co, benchmark
    assert_eq!(points, 2 * with_demand + 2);
    // without the benchmark and with Co alone: two lines
    let two = [shares[0].clone(), shares[2].clone()];
    let doc_text = svg::recycling_chart("Two", &two, None, "")?;
    let doc = roxmltree::Document::parse(&doc_text)?;
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("polyline")).count(), 2);
    let none: Vec<_> = shares
        .iter()
        .map(|(e, v)| {
            (*e, v.iter().map(|r| critical_minerals::chain::recycling::DemandShare { share: None, ..*r }).collect())
        })
        .collect();
    assert!(svg::recycling_chart("Nothing", &none, None, "").is_err());
    Ok(())
}
