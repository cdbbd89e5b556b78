//! The text format: lines of at most 100 characters, short country names, units in headers,
//! thousands separators, no internal ids.

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::render::{self, Format, TEXT_WIDTH, short_name};
use critical_minerals::report::SupplyReport;

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn lines_fit_and_read_well() -> R {
    let data = Dataset::builtin()?;
    for c in [Commodity::LITHIUM, Commodity::COBALT, Commodity::NICKEL, Commodity::NATURAL_GRAPHITE] {
        let r = SupplyReport::build(&data, c)?;
        for f in [Format::Table, Format::Markdown] {
            let out = render::report(&r, f)?;
            if f == Format::Table {
                let long: Vec<&str> = out.lines().filter(|l| l.chars().count() > TEXT_WIDTH).collect();
                assert!(long.is_empty(), "{c}: lines over {TEXT_WIDTH}: {long:?}");
            }
            for s in &r.sources {
                assert!(!out.contains(&s.id), "{c} {f}: internal id {}", s.id);
            }
            assert!(!out.contains("Democratic Republic of the") && !out.contains("Korea, Republic"), "{c} {f}");
            assert!(!out.contains(".csv") && !out.contains("seed"), "{c} {f}: file name or tag");
        }
    }
    let li = render::report(&SupplyReport::build(&data, Commodity::LITHIUM)?, Format::Table)?;
    assert!(li.contains("2024 (t Li)") && li.contains("88,000 e") && li.contains("240,000"), "{li}");
    let co = render::report(&SupplyReport::build(&data, Commodity::COBALT)?, Format::Table)?;
    assert!(co.contains("Congo (Kinshasa)"), "{co}");
    Ok(())
}

#[test]
fn short_names() {
    assert_eq!(short_name("Congo, The Democratic Republic of the"), "Congo (Kinshasa)");
    assert_eq!(short_name("Congo"), "Congo (Brazzaville)");
    assert_eq!(short_name("Korea, Republic of"), "South Korea");
    assert_eq!(short_name("Russian Federation"), "Russia");
    assert_eq!(short_name("Micronesia, Federated States of"), "Micronesia");
    assert_eq!(short_name("Bonaire, Sint Eustatius and Saba"), "Bonaire, Sint Eustatius and Saba");
}

#[test]
fn sources_and_audit_documents() -> R {
    let data = Dataset::builtin()?;
    let csv = render::sources(data.sources(), Format::Csv)?;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("no.,publisher,title,edition,table or page,address,kind,id"));
    assert_eq!(lines.count(), data.sources().len());
    let set = critical_minerals::claims::ClaimSet::new(data.claims().to_vec())?;
    let findings = set.audit();
    let json: serde_json::Value = serde_json::from_str(&render::audit(&set, &findings, Format::Json)?)?;
    assert_eq!(json.as_array().map(Vec::len), Some(findings.len()));
    Ok(())
}
