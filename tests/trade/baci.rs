//! BACI loading: the fixture, bad input, and the parallel loader's line numbers.

use critical_minerals::Error;
use critical_minerals::ErrorKind;
use std::io::Write;

use critical_minerals::geo::{Country, Economy, EconomyKind, OtherAsia};
use critical_minerals::trade::columnar::{
    BaciOptions, BaciReader, GroupOptions, Party, StreamingConcentration, TradeTable,
};
use critical_minerals::trade::{HsFilter, HsRevision, UnknownCodes};
use critical_minerals::units;
use proptest::prelude::*;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/baci_small.csv");
const TRADE_CODES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/baci_trade_codes.csv");

fn c(code: &str) -> Economy {
    Country::from_code(code).unwrap().into()
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
    let us = by_exporter.shares(g.index).find(|s| s.economy == c("US")).unwrap();
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
        // 0 is World, a total: never an exporter or importer
        ("t,i,j,k,v,q\n2022,152,0,283691,1,2\n", "0 is World", Some(2)),
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

#[test]
fn the_codes_of_facts_12_1_load_as_their_own_economies_under_the_keep_policy() {
    let keep = BaciOptions::default().with_unknown(UnknownCodes::Keep);
    let (t, report) = TradeTable::load_baci(TRADE_CODES, &keep).unwrap();
    assert_eq!((t.len(), report.rows_read, report.rows_kept), (19, 19, 19));
    // every exporter code is its own economy: 19 exporters and China
    assert_eq!(t.economies().len(), 20);
    let exporters: Vec<u32> = (0..t.len()).map(|i| t.exporter(i).unwrap().code()).collect();
    assert_eq!(
        exporters,
        [58, 251, 490, 530, 579, 699, 711, 736, 757, 842, 849, 891, 200, 280, 810, 890, 899, 697, 998]
    );
    let kind = |i: usize| t.exporter(i).unwrap().kind();
    assert_eq!(kind(0), EconomyKind::Historic); // Belgium-Luxembourg, not Belgium
    assert_ne!(t.exporter(0), Some(c("BE")));
    assert_eq!(kind(2), EconomyKind::Nes); // Other Asia, nes, not Taiwan
    assert_eq!(kind(6), EconomyKind::CustomsUnion);
    assert_eq!(t.exporter(9), Some(c("US")));
    assert!(t.exporter(18).unwrap().is_unknown());
    // the report: totals of what was read, the unknown code's bucket
    assert_eq!(report.value_usd, (1..=19).map(|k| f64::from(k) * 10_000.0).sum::<f64>());
    assert_eq!((report.rows_without_quantity, report.rows_without_value), (2, 0));
    assert_eq!(report.quantity_t, (1..=19).filter(|k| *k != 4 && *k != 18).map(f64::from).sum::<f64>());
    assert_eq!(report.unknown_codes.into_iter().collect::<Vec<_>>(), [(998, 1)]);
    // and the shares keep them apart
    let conc = t.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
    assert_eq!(conc.iter().map(|g| g.parties).sum::<usize>(), 19);
    // 490 as Taiwan, on request
    let tw = keep.clone().with_other_asia(OtherAsia::Taiwan);
    let (t, _) = TradeTable::load_baci(TRADE_CODES, &tw).unwrap();
    assert_eq!(t.exporter(2), Some(c("TW")));
}

#[test]
fn the_codes_of_facts_12_1_fail_under_the_default_policy_naming_line_and_code() {
    for threads in [1, 2] {
        let e = TradeTable::load_baci(TRADE_CODES, &BaciOptions::default().with_threads(threads)).unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::Unknown, Some(20)), "{e}");
        assert!(e.to_string().contains("baci_trade_codes.csv: line 20: column i"), "{e}");
        assert!(e.to_string().contains("998"), "{e}");
    }
    // without the code in no list, the default policy loads them all
    let text: String = std::fs::read_to_string(TRADE_CODES)
        .unwrap()
        .lines()
        .filter(|l| !l.contains(",998,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let t = TradeTable::from_baci_reader("listed.csv", text.as_bytes()).unwrap();
    assert_eq!(t.len(), 18);
    assert!(t.economies().iter().all(|e| !e.is_unknown()));
}

#[test]
fn filters_cut_a_file_in_one_pass_and_count_what_they_leave_out() {
    let text = "t,i,j,k,v,q\n\
                2021,152,156,283691,1,1\n\
                2022,152,156,283691,2,2\n\
                2022,36,156,253090,4,4\n\
                2022,36,156,260500,8,8\n\
                2022,36,156,010121,16,NA\n\
                2023,36,156,282520,32,32\n";
    let load = |opts: &BaciOptions| {
        TradeTable::load_baci_reader("BACI_HS17_Y2022_V202501.csv", text.as_bytes(), opts).unwrap()
    };
    let (all, report) = load(&BaciOptions::default());
    assert_eq!((all.len(), report.rows_filtered, all.hs_revision()), (6, 0, Some(HsRevision::Hs17)));
    assert_eq!(report.value_usd, 63_000.0);
    let chapter = BaciOptions::default().with_products(HsFilter::new(["28"]).unwrap());
    let (t, r) = load(&chapter);
    assert_eq!(t.commodities(), &[282520, 283691]);
    assert_eq!((r.rows_read, r.rows_kept, r.rows_filtered, r.value_usd), (6, 3, 3, 35_000.0));
    let heading_and_year =
        BaciOptions::default().with_products(HsFilter::new(["2530", "2605.00", "01"]).unwrap()).with_years(2022..=2022);
    let (t, r) = load(&heading_and_year);
    assert_eq!(t.commodities(), &[10121, 253090, 260500]);
    assert_eq!((r.rows_kept, r.rows_filtered, r.rows_without_quantity), (3, 3, 1));
    // the option names the revision; a file name naming another is refused
    let (t, _) = TradeTable::load_baci_reader(
        "x.csv",
        text.as_bytes(),
        &BaciOptions::default().with_hs_revision(HsRevision::Hs12),
    )
    .unwrap();
    assert_eq!(t.hs_revision(), Some(HsRevision::Hs12));
    let clash = TradeTable::load_baci_reader(
        "BACI_HS17_Y2022_V202501.csv",
        text.as_bytes(),
        &BaciOptions::default().with_hs_revision(HsRevision::Hs12),
    );
    assert!(clash.is_err_and(|e| e.kind() == ErrorKind::Mismatch && e.to_string().contains("HS17")));
    // tables of two revisions do not mix
    let (mut a, _) = load(&BaciOptions::default());
    let (b, _) =
        TradeTable::load_baci_reader("BACI_HS92_Y2022_V202501.csv", text.as_bytes(), &BaciOptions::default()).unwrap();
    assert!(a.append(&b).is_err_and(|e| e.kind() == ErrorKind::Mismatch));
}

/// One BACI row in canonical form: (year, exporter code, importer code, k, v, q).
type Raw = (u16, u32, u32, u32, Option<String>, Option<String>);

fn raw_row() -> impl Strategy<Value = Raw> {
    let codes = vec![36u32, 58, 152, 156, 490, 842, 711, 4, 20];
    let number = (0u32..100_000, 0u32..1000, 0usize..4).prop_map(|(a, b, d)| match d {
        0 => a.to_string(),
        1 => format!("{a}.{}", b % 10),
        2 => format!("{a}.{b:03}"),
        _ => format!("{a}.5e1"),
    });
    (
        1995u16..2024,
        prop::sample::select(codes.clone()),
        prop::sample::select(codes),
        prop::sample::select(vec![10121u32, 30211, 283691, 253090, 850760, 970_600, 10_110]),
        prop::option::weighted(0.9, number.clone()),
        prop::option::weighted(0.7, number),
    )
        .prop_filter("no self-trade", |r| r.1 != r.2)
}

/// Writes a row in one of the accepted forms, chosen by `form`'s bits.
fn write_row(r: &Raw, form: u32) -> String {
    let pad = |s: String, bit: u32| if form >> bit & 1 == 1 { format!("  {s} ") } else { s };
    let quote = |s: String, bit: u32| if form >> bit & 1 == 1 { format!("\"{s}\"") } else { s };
    let k = match form >> 3 & 3 {
        0 => format!("{:06}", r.3),
        1 => r.3.to_string(),
        2 => format!("\"{:06}\"", r.3),
        _ => format!("\"{}\"", r.3),
    };
    let missing = |bit: u32| match form >> bit & 3 {
        0 => String::new(),
        1 => "NA".to_string(),
        2 => "   ".to_string(),
        _ => " NA ".to_string(),
    };
    let v = r.4.clone().map_or_else(|| missing(5), |v| pad(v, 7));
    let q = r.5.clone().map_or_else(|| missing(8), |q| quote(q, 10));
    let i = if form >> 11 & 1 == 1 { format!("{:03}", r.1) } else { r.1.to_string() };
    let end = if form >> 12 & 1 == 1 { "\r\n" } else { "\n" };
    format!("{},{},{},{},{},{}{end}", quote(pad(r.0.to_string(), 0), 1), pad(i, 2), r.2, k, v, q)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_accepted_form_of_a_baci_file_gives_the_same_table(rows in prop::collection::vec((raw_row(), any::<u32>()), 0..60), header_form in 0u32..4) {
        let canonical: String = std::iter::once("t,i,j,k,v,q\n".to_string())
            .chain(rows.iter().map(|(r, _)| {
                format!("{},{},{},{:06},{},{}\n", r.0, r.1, r.2, r.3, r.4.clone().unwrap_or_default(), r.5.clone().unwrap_or_default())
            }))
            .collect();
        let header = match header_form {
            0 => "t,i,j,k,v,q\n",
            1 => "\u{feff}t,i,j,k,v,q\r\n",
            2 => "\"t\",\"i\",\"j\",\"k\",\"v\",\"q\"\n",
            _ => " t , i , j , k , v , q \n",
        };
        let varied: String = std::iter::once(header.to_string()).chain(rows.iter().map(|(r, form)| write_row(r, *form))).collect();
        let opts = BaciOptions::default();
        let (want, want_report) = TradeTable::load_baci_reader("a.csv", canonical.as_bytes(), &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (got, got_report) = TradeTable::load_baci_reader("a.csv", varied.as_bytes(), &opts).map_err(|e| TestCaseError::fail(format!("{e}\n{varied}")))?;
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(got_report, want_report);
        prop_assert_eq!(want.len(), rows.len());
        // and the parallel file loader agrees
        let path = std::env::temp_dir().join(format!("cm-baci-forms-{}.csv", std::process::id()));
        std::fs::write(&path, &varied).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (par, _) = TradeTable::load_baci(&path, &BaciOptions::default().with_threads(3)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        std::fs::remove_file(&path).ok();
        prop_assert_eq!(&par, &want);
        // values: thousands of USD scaled once; the leading zero of k never matters
        for (i, (r, _)) in rows.iter().enumerate() {
            prop_assert_eq!(want.hs6(i), Some(r.3));
            let v: Option<f64> = r.4.as_ref().map(|v| v.parse::<f64>().unwrap_or(f64::NAN) * 1000.0);
            prop_assert_eq!(want.value_usd(i), v);
        }
    }
}
