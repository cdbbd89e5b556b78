//! Hostile and huge input to the columnar loaders and kernels: bounded memory, short messages,
//! typed errors instead of panics, no infinity or NaN from finite input.

use std::io::Read;

use critical_minerals::ErrorKind;
use critical_minerals::geo::{Country, Economy};
use critical_minerals::trade::HsCode;
use critical_minerals::trade::columnar::{
    BaciOptions, BaciReader, GroupOptions, Party, SynthSpec, TradeTable, hhi_dense_scatter, synthetic,
};
use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions};

/// Longest message a loader error may have (file names are short here).
const SHORT: usize = 400;

/// A reader that counts the bytes taken from it.
struct Counting<R> {
    inner: R,
    taken: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken.set(self.taken.get() + n as u64);
        Ok(n)
    }
}

/// An endless reader of `unit` repeated.
struct Repeat(Vec<u8>, usize);

impl Read for Repeat {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for b in buf.iter_mut() {
            *b = self.0[self.1 % self.0.len()];
            self.1 += 1;
        }
        Ok(buf.len())
    }
}

fn counting(inner: impl Read) -> (Counting<impl Read>, std::rc::Rc<std::cell::Cell<u64>>) {
    let taken = std::rc::Rc::new(std::cell::Cell::new(0));
    (Counting { inner, taken: taken.clone() }, taken)
}

fn c(code: &str) -> Economy {
    Country::from_code(code).map(Economy::from).unwrap_or_else(|e| panic!("{code}: {e}"))
}

/// `n` distinct HS6 codes that `HsCode` accepts.
fn valid_codes(n: usize) -> Vec<u32> {
    (10_000u32..=979_999).filter(|&k| HsCode::new(k).is_ok()).step_by(3).take(n).collect()
}

#[test]
fn a_file_with_bare_cr_line_ends_is_refused_after_the_first_read() {
    // an endless `\r`-only file: the reader must stop on its own, early
    let unit = b"t,i,j,k,v,q\r2022,152,156,283691,10,1\r".to_vec();
    let (r, taken) = counting(Repeat(unit, 0));
    let err = BaciReader::new("cr.csv", r).err().expect("a bare-CR file is refused");
    assert_eq!(err.kind(), ErrorKind::InvalidData, "{err}");
    assert!(err.to_string().contains("carriage return"), "{err}");
    assert!(err.to_string().len() < SHORT, "{err}");
    assert!(taken.get() <= 1 << 20, "read {} bytes before refusing", taken.get());
}

#[test]
fn a_line_longer_than_the_limit_is_an_error_naming_it_and_memory_stays_bounded() {
    let head = b"t,i,j,k,v,q\n2022,152,156,283691,10,1\n2022,".to_vec();
    let (r, taken) = counting(head.as_slice().chain(Repeat(b"7".to_vec(), 0)));
    let err = TradeTable::load_baci_reader("long.csv", r, &BaciOptions::default()).expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert!(err.to_string().contains("line 3"), "{err}");
    assert!(err.to_string().len() < SHORT, "{err}");
    assert!(taken.get() <= 8 << 20, "read {} bytes of an endless line", taken.get());
}

#[test]
fn a_long_line_is_refused_on_every_thread_count_naming_the_same_line() {
    let mut text = String::from("t,i,j,k,v,q\n");
    for _ in 0..2000 {
        text.push_str("2022,152,156,283691,10,1\n");
    }
    text.push_str(&"9".repeat(3 << 20));
    text.push('\n');
    let dir = crate::fixtures::temp_dir("long-line", &[("long.csv", &text)]).unwrap();
    for threads in [1, 2, 4] {
        let err = TradeTable::load_baci(dir.join("long.csv"), &BaciOptions::default().with_threads(threads))
            .expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::Limit, "{threads}: {err}");
        assert!(err.to_string().contains("line 2002"), "{threads}: {err}");
        assert!(err.to_string().len() < SHORT, "{err}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn no_loader_error_quotes_more_than_an_excerpt() {
    let huge = "x".repeat(100_000);
    let baci = format!("t,i,j,k,v,q\n2022,152,156,283691,{huge},1\n");
    let e = TradeTable::from_baci_reader("a.csv", baci.as_bytes()).unwrap_err();
    assert!(e.to_string().len() < SHORT, "BACI cell: {} bytes", e.to_string().len());
    let header = format!("t,i,j,k,v,{huge}\n");
    let e = TradeTable::from_baci_reader("a.csv", header.as_bytes()).unwrap_err();
    assert!(e.to_string().len() < SHORT, "BACI header: {} bytes", e.to_string().len());
    let comtrade = std::fs::read_to_string(crate::fixtures::fixture("comtrade_lithium_2023.csv")).unwrap();
    let mut lines = comtrade.lines();
    let head = lines.next().unwrap();
    let row = lines.next().unwrap();
    let columns: Vec<&str> = head.split(',').collect();
    for column in ["flowCode", "period", "reporterCode", "primaryValue", "cmdCode"] {
        let Some(at) = columns.iter().position(|c| *c == column) else { continue };
        let mut cells: Vec<String> = row.split(',').map(str::to_string).collect();
        cells[at] = huge.clone();
        let text = format!("{head}\n{}\n{}\n", cells.join(","), cells.join(","));
        if let Err(e) = ComtradeFile::from_reader("c.csv", text.as_bytes(), &ComtradeOptions::default()) {
            assert!(e.to_string().len() < SHORT, "Comtrade {column}: {} bytes", e.to_string().len());
        }
    }
}

#[test]
fn huge_cr_n_and_thread_options_give_results_or_typed_errors() {
    let t = TradeTable::from_rows([(2023, c("CL"), c("CN"), 283691, Some(3.0), None)]).unwrap();
    for n in [1usize << 60, usize::MAX] {
        let g = t.value_concentration(Party::Exporter, &GroupOptions::default().with_cr_n(n)).unwrap();
        assert_eq!(g.get(0).and_then(|g| g.cr), Some(1.0));
    }
    for threads in [usize::MAX, 1 << 40, 1025] {
        let e = t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(threads)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidOption, "{e}");
    }
    let dir = crate::fixtures::temp_dir("threads", &[("t.csv", "t,i,j,k,v,q\n2022,152,156,283691,10,1\n")]).unwrap();
    let e = TradeTable::load_baci(dir.join("t.csv"), &BaciOptions::default().with_threads(usize::MAX)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidOption, "{e}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// 65,536 rows, each its own HS6 code and year: 2^32 products × years, 65,536 groups.
fn every_row_its_own_group(rows: usize) -> TradeTable {
    let codes = valid_codes(rows);
    let (cl, cn) = (c("CL"), c("CN"));
    TradeTable::from_rows(
        codes
            .iter()
            .enumerate()
            .map(|(k, &code)| (i32::from(i16::MIN) + k as i32, cl, cn, code, Some(1.0 + k as f64), None)),
    )
    .unwrap()
}

#[test]
fn memory_follows_the_rows_when_every_row_is_its_own_group() {
    let t = every_row_its_own_group(65_536);
    let one = t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(1)).unwrap();
    assert_eq!(one.len(), 65_536);
    assert!(one.iter().all(|g| g.hhi == Some(1.0) && g.rows == 1));
    let g = one.find(valid_codes(3)[2], i32::from(i16::MIN) + 2).unwrap();
    assert_eq!(g.total, 3.0);
    let two = t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(2)).unwrap();
    assert_eq!(one, two);
    let chunked =
        t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(2).with_scratch_limit(100_000));
    assert_eq!(Ok(one), chunked);
    let dense = hhi_dense_scatter(&every_row_its_own_group(20_000), Party::Exporter, &vec![1.0; 20_000]).unwrap();
    assert_eq!(dense, vec![1.0; 20_000]);
}

#[test]
fn finite_input_never_gives_infinity_or_nan() {
    // thousands of dollars × 1,000 and tonnes × 1,000 must stay finite
    for row in ["2022,152,156,283691,1e306,1", "2022,152,156,283691,1,1e306"] {
        let e = TradeTable::from_baci_reader("big.csv", format!("t,i,j,k,v,q\n{row}\n").as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidData, "{e}");
        assert!(e.to_string().contains("line 2"), "{e}");
    }
    let e = TradeTable::from_rows([(2023, c("CL"), c("CN"), 283691, None, Some(1e306))]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidData, "{e}");
    // squares relative to the group's largest total
    for x in [1e200, 1e-200, 1e300, 5e-324] {
        let t = TradeTable::from_rows([
            (2023, c("CL"), c("CN"), 283691, Some(x), None),
            (2023, c("AR"), c("CN"), 283691, Some(x), None),
        ])
        .unwrap();
        let g = t.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap();
        let hhi = g.get(0).and_then(|g| g.hhi).unwrap();
        assert!((hhi - 0.5).abs() < 1e-12, "{x}: HHI {hhi}");
    }
    // a sum past f64::MAX is an error, not an infinite total
    let t = TradeTable::from_rows([
        (2023, c("CL"), c("CN"), 283691, Some(1.5e308), None),
        (2023, c("CL"), c("AR"), 283691, Some(1.5e308), None),
    ])
    .unwrap();
    let e = t.value_concentration(Party::Exporter, &GroupOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFinite, "{e}");
    assert!(e.to_string().contains("283691 2023"), "{e}");
}

#[test]
fn a_header_longer_than_4_kib_loads_on_every_thread_count() {
    let mut text = format!("t,i,j,k,v,{}q\n", " ".repeat(6000));
    for k in 0..3000 {
        text.push_str(&format!("2022,152,156,283691,{k},1\n"));
    }
    text.push_str("2022,152,156,283691,bad,1\n");
    let dir = crate::fixtures::temp_dir("long-header", &[("h.csv", &text)]).unwrap();
    let ok = text.rsplit_once("2022,152,156,283691,bad,1\n").unwrap().0;
    std::fs::write(dir.join("ok.csv"), ok).unwrap();
    let one = TradeTable::load_baci(dir.join("ok.csv"), &BaciOptions::default().with_threads(1)).unwrap();
    assert_eq!(one.0.len(), 3000);
    for threads in [2, 3, 8] {
        let many = TradeTable::load_baci(dir.join("ok.csv"), &BaciOptions::default().with_threads(threads)).unwrap();
        assert_eq!(one, many, "{threads} threads");
        let e = TradeTable::load_baci(dir.join("h.csv"), &BaciOptions::default().with_threads(threads)).unwrap_err();
        assert!(e.to_string().contains("line 3002"), "{threads} threads: {e}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn synthetic_tables_stay_within_the_years_an_i16_holds() {
    let spec = SynthSpec { first_year: i16::MAX, ..SynthSpec::rows(1000) };
    let t = synthetic(&spec, 2);
    assert_eq!(t.len(), 1000);
    assert!(t.year_column().iter().all(|&y| y == i16::MAX));
}

#[test]
fn baci_and_hs_code_agree_on_product_codes_and_negative_zero_is_zero() {
    for k in ["0", "000000", "990000", "770000", "980110"] {
        let text = format!("t,i,j,k,v,q\n2022,152,156,{k},1,1\n");
        assert!(HsCode::parse(&format!("{:0>6}", k)).is_err(), "{k}");
        let e = TradeTable::from_baci_reader("k.csv", text.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidData, "{k}: {e}");
        assert!(TradeTable::from_rows([(2022, c("CL"), c("CN"), k.parse().unwrap(), None, None)]).is_err(), "{k}");
    }
    let t = TradeTable::from_baci_reader("z.csv", "t,i,j,k,v,q\n2022,152,156,283691,-0,-0.0\n".as_bytes()).unwrap();
    assert_eq!(t.value_usd(0).map(f64::to_bits), Some(0.0f64.to_bits()));
    let t = TradeTable::from_rows([(2022, c("CL"), c("CN"), 283691, Some(-0.0), Some(-0.0))]).unwrap();
    assert_eq!(t.value_usd(0).map(f64::to_bits), Some(0.0f64.to_bits()));
}

#[test]
fn too_many_hs6_codes_names_the_file_and_line() {
    let mut text = String::from("t,i,j,k,v,q\n");
    for k in valid_codes(65_537) {
        text.push_str(&format!("2022,152,156,{k:06},1,1\n"));
    }
    let e = TradeTable::from_baci_reader("many.csv", text.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    assert!(e.to_string().contains("many.csv: line 65538"), "{e}");
    let dir = crate::fixtures::temp_dir("many-codes", &[("many.csv", &text)]).unwrap();
    for threads in [1, 3] {
        let e = TradeTable::load_baci(dir.join("many.csv"), &BaciOptions::default().with_threads(threads)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
        assert!(e.to_string().contains("many.csv") && e.to_string().contains("line"), "{e}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Loads the file named by `CM_BACI_FILE` (for measuring peak memory on a large hostile file
/// with `/usr/bin/time -v`; see BENCHMARKS.md, RELIABILITY) and prints the error, if any.
#[test]
#[ignore = "needs CM_BACI_FILE"]
fn load_the_file_named_by_cm_baci_file() {
    let Some(path) = std::env::var_os("CM_BACI_FILE") else { return };
    let threads = std::env::var("CM_THREADS").ok().and_then(|t| t.parse().ok()).unwrap_or(0);
    match TradeTable::load_baci(&path, &BaciOptions::default().with_threads(threads)) {
        Ok((t, r)) => eprintln!("loaded {} rows: {r:?}", t.len()),
        Err(e) => eprintln!("error ({} bytes): {e}", e.to_string().len()),
    }
}

#[test]
fn each_documented_limit_is_enforced_at_its_edge() {
    use critical_minerals::trade::columnar::{MAX_LINE_BYTES, MAX_THREADS};
    let line = |len: usize| {
        let row = "2022,152,156,283691,10,1";
        format!("t,i,j,k,v,q\n{row}{}\n", " ".repeat(len - row.len()))
    };
    assert!(TradeTable::from_baci_reader("edge.csv", line(MAX_LINE_BYTES).as_bytes()).is_ok());
    let e = TradeTable::from_baci_reader("edge.csv", line(MAX_LINE_BYTES + 1).as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    let t = TradeTable::from_rows([(2023, c("CL"), c("CN"), 283691, Some(3.0), None)]).unwrap();
    assert!(t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(MAX_THREADS)).is_ok());
    let e = t.value_concentration(Party::Exporter, &GroupOptions::default().with_threads(MAX_THREADS + 1));
    assert_eq!(e.map_err(|e| e.kind()).err(), Some(ErrorKind::InvalidOption));
    let e = TradeTable::from_baci_reader("y.csv", "t,i,j,k,v,q\n40000,152,156,283691,1,1\n".as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidData, "{e}");
    let e = TradeTable::from_rows([(40_000, c("CL"), c("CN"), 283691, None, None)]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidData, "{e}");
}
