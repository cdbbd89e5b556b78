//! The example's SVG chart: parses as XML and carries a title, axis labels, a legend and the
//! source line.

#[path = "../../examples/lithium_report/svg.rs"]
mod chart_svg;

use critical_minerals::dataset::{Commodity, Dataset};
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
fn lithium_chart_is_labelled() -> R {
    let report = SupplyReport::build(&Dataset::builtin()?, Commodity::LITHIUM)?;
    let out = chart_svg::render(&report)?;
    let t = texts(&out)?;
    let has = |s: &str| t.iter().any(|x| x == s);
    let has_prefix = |s: &str| t.iter().any(|x| x.starts_with(s));
    assert!(has("Lithium supply chain: country shares by stage"), "title missing: {t:?}");
    assert!(has("Share of the stage (%)") && has("Stage"), "axis labels missing: {t:?}");
    assert!(has("Legend") && has("China") && has("Australia") && has("Other"), "legend missing: {t:?}");
    assert!(has_prefix("Source: U.S. Geological Survey [usgs-mcs-2025-lithium]"), "source line missing: {t:?}");
    // one bar label per stage with data
    assert!(has("Mining & extraction 2024") && has("Refining & processing"), "bar labels missing: {t:?}");
    // Australia's segment shows its share of the world total
    assert!(has("Australia 36.7 %"), "segment label missing: {t:?}");
    Ok(())
}

#[test]
fn every_mineral_renders() -> R {
    let data = Dataset::builtin()?;
    for c in [Commodity::COBALT, Commodity::NICKEL, Commodity::NATURAL_GRAPHITE] {
        let report = SupplyReport::build(&data, c)?;
        let t = texts(&chart_svg::render(&report)?)?;
        assert!(t.iter().any(|x| x.starts_with("Source: ")), "{c}: no source line");
        assert!(t.iter().any(|x| x.ends_with("country shares by stage")), "{c}: no title");
    }
    Ok(())
}
