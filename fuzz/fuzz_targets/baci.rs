//! The BACI loaders on arbitrary bytes: the whole-file reader, the chunked reader and the
//! multi-threaded file loader agree (the same table and report, or the same error kind and
//! line).
#![no_main]

use critical_minerals::trade::UnknownCodes;
use critical_minerals::trade::columnar::{BaciOptions, BaciReader, TradeTable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = BaciOptions::default().with_unknown(UnknownCodes::Keep);
    let whole = TradeTable::load_baci_reader("f.csv", data, &opts);
    // chunks of 1 to 4 rows, appended
    let size = data.first().map_or(1, |b| usize::from(b % 4) + 1);
    let chunked = BaciReader::with_options("f.csv", data, &opts).and_then(|r| {
        let mut r = r.with_chunk_rows(size);
        let mut t = TradeTable::default();
        for chunk in r.by_ref() {
            let chunk = chunk?;
            if t.is_empty() { t = chunk } else { t.append(&chunk)? }
        }
        Ok((t, r.report().clone()))
    });
    match (&whole, &chunked) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "whole and chunked reads differ"),
        (Err(a), Err(b)) => assert_eq!((a.kind(), a.line()), (b.kind(), b.line()), "{a} / {b}"),
        _ => panic!("whole {:?} vs chunked {:?}", whole.as_ref().map(|_| ()), chunked.as_ref().map(|_| ())),
    }
    // the file loader on 2 threads (one per 4 KiB of file at most)
    let path = std::env::temp_dir().join(format!("cm-fuzz-baci-{}.csv", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        let threaded = TradeTable::load_baci(&path, &opts.clone().with_threads(2));
        match (&whole, &threaded) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.0, b.0, "whole and threaded tables differ");
                assert_eq!((a.1.rows_read, a.1.rows_kept), (b.1.rows_read, b.1.rows_kept));
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{a} / {b}"),
            _ => panic!("whole {:?} vs threaded {:?}", whole.as_ref().err(), threaded.as_ref().err()),
        }
    }
});
