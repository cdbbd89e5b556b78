//! Display then parse gives back an equal value, for every type that parses its own display.
#![no_main]

use std::str::FromStr;

use critical_minerals::geo::{Country, Economy, Place};
use critical_minerals::material::{Assay, Basis, Compound, Form};
use critical_minerals::money::Money;
use critical_minerals::time::Period;
use critical_minerals::trade::HsCode;
use libfuzzer_sys::fuzz_target;

fn round_trip<T: FromStr + ToString + PartialEq + std::fmt::Debug>(s: &str) {
    if let Ok(v) = T::from_str(s) {
        let shown = v.to_string();
        match T::from_str(&shown) {
            Ok(back) => assert_eq!(back, v, "{s:?} displays as {shown:?}, which reads back differently"),
            Err(_) => panic!("{s:?} displays as {shown:?}, which does not parse"),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    round_trip::<Compound>(s);
    round_trip::<Basis>(s);
    round_trip::<Assay>(s);
    round_trip::<Form>(s);
    // money displays rounded to its currency's minor unit, for people: its exact form is JSON
    // (the `serde` target); the display must still read back as money
    if let Ok(m) = Money::from_str(s) {
        assert!(Money::from_str(&m.to_string()).is_ok(), "{s:?} displays as {m}, which does not parse");
    }
    round_trip::<Period>(s);
    round_trip::<HsCode>(s);
    round_trip::<Place>(s);
    // a country displays as its name and is written by its alpha-3 code; an economy is written
    // by its label (as serde does)
    if let Ok(c) = Country::from_str(s) {
        assert_eq!(Country::from_alpha3(c.alpha3()).ok(), Some(c), "{s:?}");
    }
    if let Ok(e) = Economy::from_str(s) {
        let label = String::from(e);
        assert_eq!(Economy::try_from(label.clone()).ok(), Some(e), "{s:?} has label {label:?}");
    }
});
