//! The UN Comtrade reader on arbitrary bytes; what it reads is summed by its report.
#![no_main]

use critical_minerals::trade::UnknownCodes;
use critical_minerals::trade::comtrade::{ComtradeFile, ComtradeOptions, FlowKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ComtradeOptions::default().with_unknown(UnknownCodes::Keep);
    if let Ok(f) = ComtradeFile::from_reader("f.csv", data, &opts) {
        assert_eq!(f.report().rows, f.records().len() as u64);
        let _ = f.table(&FlowKind::from_code("X"));
        let _ = f.trade_flows(&FlowKind::from_code("M"), None);
    }
});
