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
