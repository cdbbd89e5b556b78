//! BACI loading: the fixture, bad input, and the parallel loader's line numbers.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use std::io::Write;

use critical_minerals::geo::Country;
use critical_minerals::trade::columnar::{BaciReader, GroupOptions, Party, StreamingConcentration, TradeTable};
use critical_minerals::units;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/baci_small.csv");

fn c(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

#[test]
fn fixture_unknown_exporter_is_an_error_naming_the_line() {
    for threads in [0, 1, 2] {
        let e = TradeTable::read_baci(SMALL, threads).unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::Unknown, Some(8)), "{e}");
        assert!(e.to_string().contains("baci_small.csv: line 8: column i"), "{e}");
        assert!(e.to_string().contains("line 8"), "{e}");
        assert!(e.to_string().contains("999"), "{e}");
    }
}

#[test]
fn fixture_rows_before_the_bad_one_load_typed_and_scaled() {
    let mut chunks = BaciReader::open(SMALL).unwrap().with_chunk_rows(6);
    let t = chunks.next().unwrap().unwrap();
    assert_eq!(t.len(), 6);
    // row 0: values in thousands of USD scaled once
    let r = t.row(0).unwrap();
    assert_eq!((r.year, r.exporter, r.importer, r.hs6), (2022, c("CL"), c("CN"), 283691));
    assert_eq!(r.value_usd, Some(1_500_250.0));
    assert_eq!(r.quantity_t(), Some(12_000.5));
    // NA and empty quantities are missing, not zero
    assert_eq!(t.quantity(1), None);
    assert_eq!(t.quantity(2), None);
    assert_eq!(t.quantity_validity().count_set(), 4);
    // Comtrade's 842 is the USA
    assert_eq!(t.exporter(2), Some(c("US")));
    assert_eq!(t.importer(2), Some(c("JP")));
    assert_eq!(t.exporter(5), Some(c("USA")));
    assert_eq!(t.commodities(), &[253090, 283691]);
    // then the unknown code, then the end
    let e = chunks.next().unwrap().unwrap_err();
    assert_eq!(e.line(), Some(8));
    assert!(chunks.next().is_none());
}

#[test]
fn fixture_without_the_bad_row_gives_shares() {
    let text: String = std::fs::read_to_string(SMALL)
        .unwrap()
        .lines()
        .filter(|l| !l.contains(",999,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let t = TradeTable::from_baci_reader("fixed.csv", text.as_bytes()).unwrap();
    assert_eq!(t.len(), 7);
    let by_exporter = t.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    let g = by_exporter.find(283691, 2022).unwrap();
    assert_eq!(g.total, 2_250_750.0);
    let us = by_exporter.shares(g.index).find(|s| s.country == c("US")).unwrap();
    assert!((us.share - 250_500.0 / 2_250_750.0).abs() < 1e-15);
    let q = t.quantity_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    let g = q.find(283691, 2022).unwrap();
    // only Chile has a quantity: one party, HHI 1, yet three rows
    assert_eq!((g.rows, g.parties, g.hhi), (3, 1, Some(1.0)));
    assert_eq!(units::as_tonnes(g.total), 12_000.5);
    let by_importer = t.value_concentration(Party::Importer, &GroupOptions::default()).unwrap();
    assert_eq!(by_importer.find(283691, 2023).unwrap().hhi, Some(1.0));
}

fn load(text: &str) -> Result<TradeTable, Error> {
    TradeTable::from_baci_reader("bad.csv", text.as_bytes())
}

#[test]
fn bad_input_is_a_typed_error_with_line_and_column() {
    let cases: &[(&str, &str, Option<u64>)] = &[
        ("t,i,j,k,v\n2022,152,156,283691,1,1\n", "header", Some(1)),
        ("year,exporter,importer,hs6,value,qty\n", "header", Some(1)),
        ("", "header", Some(1)),
        ("t,i,j,k,v,q\n2022,152,156,283691,1\n", "5 fields", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,283691,1,2,3\n", "7 fields", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,283691,1,2\ntwenty,152,156,283691,1,2\n", "column t", Some(3)),
        ("t,i,j,k,v,q\n99999,152,156,283691,1,2\n", "column t", Some(2)),
        ("t,i,j,k,v,q\n2022,CL,156,283691,1,2\n", "column i", Some(2)),
        ("t,i,j,k,v,q\n2022,152,0,283691,1,2\n", "unknown country code 0", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,2836910,1,2\n", "column k", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,283691,-1,2\n", "column v", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,283691,1,NaN\n", "column q", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,283691,1,1e999\n", "column q", Some(2)),
        ("t,i,j,k,v,q\n2022,152,156,283691,abc,2\n", "column v", Some(2)),
        ("t,i,j,k,v,q\n\n2022,152,156,283691,1,2,\n", "7 fields", Some(3)),
    ];
    for (text, needle, line) in cases {
        let e = load(text).unwrap_err();
        assert!(e.to_string().contains(needle), "{text:?}: {e}");
        assert!(e.to_string().contains("bad.csv"), "{e}");
        assert_eq!(e.line(), *line, "{text:?}: {e}");
    }
}

#[test]
fn lenient_forms_load() {
    let t = load("\u{feff}\"t\",\"i\",\"j\",\"k\",\"v\",\"q\"\r\n2022, 152 ,\"156\",010121,1.5e2,          NA\r\n\n2022,152,156,10121,0.001,0\n").unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t.hs6(0), Some(10121));
    assert_eq!(t.value_usd(0), Some(150_000.0));
    assert_eq!(t.value_usd(1), Some(1.0));
    assert_eq!(t.quantity(0), None);
    assert_eq!(t.quantity_t_of(1), Some(0.0));
}

trait QuantityT {
    fn quantity_t_of(&self, i: usize) -> Option<f64>;
}
impl QuantityT for TradeTable {
    fn quantity_t_of(&self, i: usize) -> Option<f64> {
        self.quantity(i).map(units::as_tonnes)
    }
}

#[test]
fn parallel_load_equals_sequential_and_numbers_lines_globally() {
    let dir = std::env::temp_dir().join(format!("columnar_baci_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.csv");
    let mut text = String::from("t,i,j,k,v,q\n");
    for n in 0..20_000u32 {
        let q = if n % 7 == 0 { "NA".to_string() } else { format!("{}.{}", n % 1000, n % 10) };
        text.push_str(&format!(
            "{},{},{},{},{}.{:03},{}\n",
            2000 + n % 20,
            [4, 842, 36, 152, 156][n as usize % 5],
            [156, 392, 276][n as usize % 3],
            100_000 + (n * 37) % 5000,
            n,
            n % 1000,
            q
        ));
    }
    std::fs::File::create(&good).unwrap().write_all(text.as_bytes()).unwrap();
    let seq = TradeTable::read_baci(&good, 1).unwrap();
    let streamed = TradeTable::from_baci_reader("x", text.as_bytes()).unwrap();
    assert_eq!(seq, streamed);
    for threads in [2, 3, 8] {
        assert_eq!(TradeTable::read_baci(&good, threads).unwrap(), seq);
    }
    // streaming aggregation over small chunks equals the in-memory kernel
    let mut s = StreamingConcentration::value(Party::Exporter, GroupOptions::default());
    for chunk in BaciReader::open(&good).unwrap().with_chunk_rows(1000) {
        s.add(&chunk.unwrap()).unwrap();
    }
    let streamed = s.finish();
    let whole = seq.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    assert_eq!(streamed.len(), whole.len());
    for (a, b) in streamed.iter().zip(whole.iter()) {
        assert_eq!((a.hs6, a.year, a.rows, a.parties), (b.hs6, b.year, b.rows, b.parties));
        assert!((a.hhi.unwrap() - b.hhi.unwrap()).abs() < 1e-12);
    }
    // a bad line late in the file: the same line number whatever the threads
    let bad = dir.join("bad.csv");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[17_000] = "2001,4,156,100000,1,x";
    std::fs::write(&bad, lines.join("\n")).unwrap();
    for threads in [1, 2, 3, 8] {
        let e = TradeTable::read_baci(&bad, threads).unwrap_err();
        assert_eq!(e.line(), Some(17_001), "{threads}: {e}");
    }
    let missing = TradeTable::read_baci(dir.join("nope.csv"), 0).unwrap_err();
    assert!(missing.kind() == ErrorKind::Io);
    std::fs::remove_dir_all(&dir).ok();
}
