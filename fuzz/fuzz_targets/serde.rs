//! JSON into the public types: what deserializes serializes and reads back equal.
#![no_main]

use critical_minerals::geo::{Country, Economy};
use critical_minerals::material::{Assay, Basis, Compound};
use critical_minerals::money::Money;
use critical_minerals::time::Period;
use critical_minerals::trade::HsCode;
use critical_minerals::trade::columnar::{BaciReport, Concentration};
use libfuzzer_sys::fuzz_target;
use serde::{Serialize, de::DeserializeOwned};

fn again<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(s: &str) {
    if let Ok(v) = serde_json::from_str::<T>(s) {
        let text = serde_json::to_string(&v).expect("a value that deserialized serializes");
        let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
        assert_eq!(back, v, "{s:?} -> {text}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    again::<Compound>(s);
    again::<Basis>(s);
    again::<Assay>(s);
    again::<Money>(s);
    again::<Period>(s);
    again::<HsCode>(s);
    again::<Country>(s);
    again::<Economy>(s);
    again::<BaciReport>(s);
    // a concentration is checked against its shares when read; it must not panic
    let _ = serde_json::from_str::<Concentration<f64>>(s).map(|c| serde_json::to_string(&c));
});
