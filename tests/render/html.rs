//! The HTML page parses as XML and holds a title, tables with unit headers, each chart with
//! its axis labels and legend, and the sources.

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::render::{self, Format};
use critical_minerals::report::SupplyReport;
use roxmltree::{Document, Node, ParsingOptions};

type R = Result<(), Box<dyn std::error::Error>>;

fn text_of(n: Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>().trim().to_string()
}

fn class_has(n: &Node<'_, '_>, class: &str) -> bool {
    n.attribute("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

fn check_page(c: Commodity) -> R {
    let r = SupplyReport::build(&Dataset::builtin()?, c)?;
    let page = render::report(&r, Format::Html)?;
    let doc = Document::parse_with_options(&page, ParsingOptions { allow_dtd: true, ..ParsingOptions::default() })?;
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    // title in head and as the heading
    let title =
        doc.descendants().find(|n| n.has_tag_name("title") && n.parent().is_some_and(|p| p.has_tag_name("head")));
    assert_eq!(title.map(text_of).as_deref(), Some(r.title.as_str()), "{c}: <title>");
    let h1 = doc.descendants().find(|n| n.has_tag_name("h1")).map(text_of);
    assert_eq!(h1.as_deref(), Some(r.title.as_str()), "{c}: <h1>");
    // no script, no external resource
    assert!(!doc.descendants().any(|n| n.has_tag_name("script") || n.has_tag_name("link")), "{c}: script or link");
    assert!(!page.contains("http-equiv") && !page.contains(" src="), "{c}: external resource");
    // tables: the mining table, every numeric header with a unit in parentheses
    let tables: Vec<Node<'_, '_>> = doc.descendants().filter(|n| n.has_tag_name("table")).collect();
    assert!(tables.len() >= 4, "{c}: {} tables", tables.len());
    for t in &tables {
        for th in t.descendants().filter(|n| n.has_tag_name("th") && class_has(n, "num")) {
            let h = text_of(th);
            assert!(
                h.contains('(') || ["rank", "no.", "year"].contains(&h.as_str()),
                "{c}: numeric header without a unit: {h:?}"
            );
        }
    }
    let mining = doc.descendants().find(|n| n.attribute("id") == Some("mining")).ok_or("no mining section")?;
    let headers: Vec<String> = mining.descendants().filter(|n| n.has_tag_name("th")).map(text_of).collect();
    let year = r.mining.as_ref().ok_or("no mining")?.latest.year;
    assert!(headers.iter().any(|h| h == &format!("{year} (t {})", r.basis)), "{c}: {headers:?}");
    // charts: each with a title, both axis labels and a legend with entries
    let charts: Vec<Node<'_, '_>> = doc.descendants().filter(|n| n.has_tag_name("svg")).collect();
    assert!(charts.len() >= 2, "{c}: {} charts", charts.len());
    for svg in &charts {
        assert!(svg.parent().is_some_and(|p| p.has_tag_name("figure")), "{c}: chart outside a figure");
        let texts = |class: &str| -> Vec<String> {
            svg.descendants().filter(|n| n.has_tag_name("text") && class_has(n, class)).map(text_of).collect()
        };
        let title = texts("title");
        assert_eq!(title.len(), 1, "{c}: chart title {title:?}");
        let x = texts("x-label");
        let y = texts("y-label");
        assert!(x.len() == 1 && !x[0].is_empty() && y.len() == 1 && !y[0].is_empty(), "{c}: axis labels {x:?} {y:?}");
        let legend = svg.descendants().find(|n| n.has_tag_name("g") && class_has(n, "legend")).ok_or("no legend")?;
        let entries: Vec<String> = legend
            .descendants()
            .filter(|n| n.has_tag_name("text") && class_has(n, "legend-entry"))
            .map(text_of)
            .collect();
        assert!(!entries.is_empty(), "{c}: empty legend in {}", title[0]);
        assert!(texts("source-line").iter().any(|s| s.starts_with("Source: ")), "{c}: no source line in {}", title[0]);
    }
    let stage_chart = charts
        .iter()
        .find(|s| s.descendants().any(|n| class_has(&n, "x-label") && text_of(n) == "Share of the stage (%)"))
        .ok_or("no stage chart")?;
    assert!(stage_chart.descendants().any(|n| class_has(&n, "legend-entry") && text_of(n) == "Other"));
    // sources: one row per source, with the publisher, numbered from 1
    let sources = doc.descendants().find(|n| n.attribute("id") == Some("sources")).ok_or("no sources section")?;
    let rows: Vec<Node<'_, '_>> = sources
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.parent().is_some_and(|p| p.has_tag_name("tbody")))
        .collect();
    assert_eq!(rows.len(), r.sources.len(), "{c}: source rows");
    for (i, (row, s)) in rows.iter().zip(&r.sources).enumerate() {
        let cells: Vec<String> = row.children().filter(|n| n.has_tag_name("td")).map(text_of).collect();
        assert_eq!(cells[0], (i + 1).to_string());
        assert_eq!(cells[1], s.publisher);
    }
    // no internal ids or tags in what a reader sees
    let visible = text_of(doc.descendants().find(|n| n.has_tag_name("body")).ok_or("no body")?);
    for s in &r.sources {
        assert!(!visible.contains(&s.id), "{c}: internal source id {} shown", s.id);
    }
    assert!(!visible.contains(".csv"), "{c}: a file name is shown");
    Ok(())
}

#[test]
fn lithium_page_structure() -> R {
    check_page(Commodity::LITHIUM)
}

#[test]
fn cobalt_nickel_graphite_pages_structure() -> R {
    for c in [Commodity::COBALT, Commodity::NICKEL, Commodity::NATURAL_GRAPHITE] {
        check_page(c)?;
    }
    Ok(())
}

#[test]
fn every_format_renders_and_json_is_the_report() -> R {
    let r = SupplyReport::build(&Dataset::builtin()?, Commodity::LITHIUM)?;
    for f in Format::ALL {
        let out = render::report(&r, f)?;
        assert!(out.contains("Australia"), "{f}: no Australia");
        assert_eq!(f.name().parse::<Format>()?, f);
    }
    let json: serde_json::Value = serde_json::from_str(&render::report(&r, Format::Json)?)?;
    assert_eq!(json, serde_json::to_value(&r)?);
    assert!("pdf".parse::<Format>().is_err());
    Ok(())
}
