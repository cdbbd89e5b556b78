//! Fixtures shared by the test modules: published tables written once, and helpers.

#![allow(dead_code)]

use std::path::PathBuf;

use critical_minerals::geo::{BuiltinRegion, Country, Place};
use proptest::prelude::*;

/// A fresh directory under the system temp dir holding `files` (name, content); the caller
/// removes it.
pub fn temp_dir(name: &str, files: &[(&str, &str)]) -> Result<PathBuf, std::io::Error> {
    let dir = std::env::temp_dir().join(format!("cm-test-{name}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    for (file, text) in files {
        std::fs::write(dir.join(file), text)?;
    }
    Ok(dir)
}

/// A path under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Any place: a country, the world, the rest of the world or a built-in region.
pub fn any_place() -> impl Strategy<Value = Place> {
    let countries: Vec<Country> = Country::all().collect();
    prop_oneof![
        prop::sample::select(countries).prop_map(Place::Country),
        Just(Place::World),
        Just(Place::RestOfWorld),
        prop::sample::select(BuiltinRegion::ALL.to_vec()).prop_map(Place::Region),
    ]
}
