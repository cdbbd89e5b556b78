//! The dataset loaders: JSON text, and a CSV directory whose files are the input split at
//! `0xFF` bytes (sources, production, facilities).
#![no_main]

use critical_minerals::dataset::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = Dataset::from_json(s);
    }
    let dir = std::env::temp_dir().join(format!("cm-fuzz-dataset-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut parts = data.split(|&b| b == 0xFF);
    for file in ["sources.csv", "production.csv", "facilities.csv"] {
        let path = dir.join(file);
        match parts.next() {
            Some(p) => drop(std::fs::write(&path, p)),
            None => drop(std::fs::remove_file(&path)),
        }
    }
    let _ = Dataset::from_dir(&dir);
});
