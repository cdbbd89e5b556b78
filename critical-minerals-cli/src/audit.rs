//! `critical-minerals audit <claims.csv>`.

use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;
use critical_minerals::claims::ClaimSet;
use critical_minerals::dataset::Dataset;
use critical_minerals::render::{self, Format};

use crate::fail::{self, Fail};
use crate::out;

/// Audits the claims of a file (the columns of the embedded claims.csv): shares of one market
/// that add up to more or less than the whole, growth rates that contradict the sizes they
/// connect, and more.
#[derive(Debug, ClapArgs)]
#[command(after_help = "The claims cite sources by id: from a sources.csv beside the claims file if there is \
                        one, else the embedded sources (see `critical-minerals sources --format csv`).")]
pub struct Args {
    /// The claims file (CSV with the columns id, kind, bound, value, value_high, unit, basis,
    /// subject, region, period_start, period_end, qualifier, source, note), or a directory
    /// holding claims.csv
    #[arg(value_name = "CLAIMS_CSV")]
    pub claims: PathBuf,
    /// Output format: table, markdown, csv, json or html
    #[arg(long, short, default_value = "table", value_parser = |s: &str| s.parse::<Format>().map_err(|e| e.to_string()))]
    pub format: Format,
}

/// The claims of a file: read in a private directory as `claims.csv` beside the sources they
/// cite, with messages naming the user's file.
fn load(path: &Path) -> Result<Dataset, Fail> {
    if path.is_dir() {
        return Dataset::from_dir(path).map_err(fail::data(""));
    }
    let text = std::fs::read(path).map_err(|e| Fail::Data(format!("{}: cannot read: {e}", path.display())))?;
    let dir = std::env::temp_dir().join(format!("critical-minerals-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| Fail::Data(format!("{}: {e}", dir.display())))?;
    let result = (|| {
        let beside = path.parent().map(|p| p.join("sources.csv")).filter(|p| p.is_file());
        match &beside {
            Some(s) => {
                std::fs::copy(s, dir.join("sources.csv")).map_err(|e| Fail::Data(format!("{}: {e}", s.display())))?;
            }
            None => {
                let builtin = Dataset::builtin().map_err(fail::data("embedded data"))?;
                builtin.write_csv_dir(&dir).map_err(fail::data("embedded sources"))?;
                for entry in std::fs::read_dir(&dir).map_err(|e| Fail::Data(e.to_string()))?.flatten() {
                    if entry.file_name() != "sources.csv" {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
        }
        std::fs::write(dir.join("claims.csv"), &text).map_err(|e| Fail::Data(format!("{}: {e}", dir.display())))?;
        Dataset::from_dir(&dir).map_err(|e| {
            let msg = e
                .to_string()
                .replace(&dir.join("claims.csv").display().to_string(), &path.display().to_string())
                .replace(
                    &dir.join("sources.csv").display().to_string(),
                    &beside.as_ref().map_or_else(|| "embedded sources".to_string(), |s| s.display().to_string()),
                );
            Fail::Data(msg)
        })
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

pub fn run(a: &Args) -> Result<(), Fail> {
    let data = load(&a.claims)?;
    let set = ClaimSet::new(data.claims().to_vec()).map_err(fail::data(&a.claims.display().to_string()))?;
    let findings = set.audit();
    let text = render::audit(&set, &findings, a.format).map_err(fail::data("rendering"))?;
    out::print(&text)
}
