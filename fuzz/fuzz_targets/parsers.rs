//! Every text parser of the crate on arbitrary text: an `Err` is fine, a panic is a bug.
#![no_main]

use std::str::FromStr;

use critical_minerals::chain::Stage;
use critical_minerals::geo::{BuiltinRegion, Country, Economy, Place};
use critical_minerals::material::{Assay, Basis, Compound, Element, Form};
use critical_minerals::methods::reliance::Figure;
use critical_minerals::money::{Currency, Money, MoneyUnit, Scale};
use critical_minerals::time::Period;
use critical_minerals::trade::comtrade::FlowKind;
use critical_minerals::trade::{HsCode, HsFilter, HsRevision};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = Compound::from_str(s).map(|c| (c.to_string(), c.molar_mass()));
    let _ = Basis::from_str(s).map(|b| b.to_string());
    let _ = Assay::from_str(s).map(|a| a.to_string());
    let _ = Form::from_str(s).map(|f| f.to_string());
    let _ = Element::from_str(s);
    let _ = Money::parse(s).map(|m| m.to_string());
    let _ = Scale::from_str(s);
    let _ = MoneyUnit::parse(s);
    let _ = Currency::from_code(s);
    let _ = Country::from_code(s);
    let _ = Country::from_alpha3(s);
    let _ = Country::from_name(s);
    let _ = Economy::from_str(s);
    let _ = Economy::from_alpha3(s);
    let _ = Economy::from_name(s);
    let _ = Place::from_str(s).map(|p| p.to_string());
    let _ = BuiltinRegion::from_name(s);
    let _ = HsCode::parse(s);
    let _ = HsCode::from_str(s);
    let _ = HsRevision::parse(s);
    let _ = HsFilter::new(s.split(','));
    let _ = Period::parse(s).map(|p| p.to_string());
    let _ = Figure::parse_usgs(s);
    let _ = Stage::from_str(s);
    let _ = FlowKind::from_code(s).to_string();
});
