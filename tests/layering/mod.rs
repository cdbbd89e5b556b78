//! The crate's layering, checked on its source: data flows one way (raw rows -> typed model ->
//! calculators -> report), so no module may name a module of a higher layer. A module may use
//! its own layer and those below.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, lowest first. Every top-level module of `src/` must be listed.
const LAYERS: &[&[&str]] = &[
    &["error", "validate", "fmt", "rng", "vocab", "units", "time", "provenance"],
    &["material", "money", "geo"],
    &["trade", "stats"],
    &["chain"],
    &["methods", "claims", "policy"],
    &["dataset"],
    &["report"],
    &["render"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names through `crate::x`, outside comments.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            } else if let Some(braced) = rest.strip_prefix('{') {
                // use crate::{a::x, b::y}
                let inner = braced.split('}').next().unwrap_or("");
                for part in inner.split(',') {
                    let name: String =
                        part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn no_module_names_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    let mut seen_modules = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a path").as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue; // the catalogue and the prelude re-export everything
        }
        seen_modules.insert(module.clone());
        let Some(own) = layer_of(&module) else {
            violations.push(format!("{}: module {module} is in no layer", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable");
        // unit tests may reach anywhere
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for named in named_modules(text) {
            match layer_of(&named) {
                Some(l) if l > own => {
                    violations.push(format!("{}: {module} (layer {own}) names {named} (layer {l})", rel.display()))
                }
                Some(_) => {}
                None if ["Error", "ErrorKind", "Result", "prelude"].contains(&named.as_str()) => {}
                None => violations.push(format!("{}: names crate::{named}, which is in no layer", rel.display())),
            }
        }
    }
    assert!(violations.is_empty(), "layering violations:\n{}", violations.join("\n"));
    for layer in LAYERS {
        for m in *layer {
            assert!(seen_modules.contains(*m), "layer lists {m}, which src/ does not have");
        }
    }
}
