//! The dataset loaders: JSON text, and a CSV directory whose files are the input split at
//! `0xFF` bytes (sources, production, facilities). Whatever loads saves and reloads equal, through
//! JSON and through a CSV directory.
#![no_main]

use critical_minerals::dataset::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data)
        && let Ok(d) = Dataset::from_json(s)
    {
        let json = d.to_json().expect("a loaded dataset saves");
        assert_eq!(Dataset::from_json(&json).expect("a saved dataset reloads"), d, "through {json}");
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
    if let Ok(d) = Dataset::from_dir(&dir) {
        let saved = dir.join("saved");
        d.write_csv_dir(&saved).expect("a loaded dataset saves");
        assert_eq!(Dataset::from_dir(&saved).expect("a saved dataset reloads"), d);
        drop(std::fs::remove_dir_all(&saved));
    }
});
