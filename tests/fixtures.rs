//! Fixtures shared by the test modules: published tables written once, and helpers.

#![allow(dead_code)]

use std::path::PathBuf;

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
