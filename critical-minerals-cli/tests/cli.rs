//! Runs the built `critical-minerals` binary on fixtures: every subcommand, each bad input with
//! its exit status (0 done, 1 bad data, 2 bad usage) and message.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

type R = Result<(), Box<dyn std::error::Error>>;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_critical-minerals"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn run(args: &[&str]) -> Result<Output, std::io::Error> {
    bin().args(args).output()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the exit status and that stderr holds every one of `words`.
fn fails(o: &Output, code: i32, words: &[&str]) {
    assert_eq!(o.status.code(), Some(code), "status; stderr: {}", stderr(o));
    let e = stderr(o);
    for w in words {
        assert!(e.contains(w), "stderr lacks {w:?}: {e}");
    }
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn help_lists_the_jobs_and_each_subcommand_has_help() -> R {
    let o = run(&["--help"])?;
    assert!(o.status.success());
    let h = stdout(&o);
    for job in ["report", "concentration", "convert", "audit", "sources"] {
        assert!(h.contains(job), "--help lacks {job}: {h}");
        let sub = run(&[job, "--help"])?;
        assert!(sub.status.success(), "{job} --help");
        assert!(stdout(&sub).contains("Usage: critical-minerals"), "{job} --help: {}", stdout(&sub));
    }
    Ok(())
}

#[test]
fn report_every_format() -> R {
    for (format, marker) in [
        ("table", "LITHIUM SUPPLY CHAIN"),
        ("markdown", "# Lithium supply chain"),
        ("csv", "table,row,column,value"),
        ("json", "\"commodity\": \"lithium\""),
        ("html", "<!DOCTYPE html>"),
    ] {
        let o = run(&["report", "lithium", "--format", format])?;
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stdout(&o).contains(marker), "{format}");
        assert!(stderr(&o).is_empty(), "{format}: progress on a non-terminal: {}", stderr(&o));
    }
    let table = stdout(&run(&["report", "cobalt"])?);
    assert!(table.lines().all(|l| l.chars().count() <= 100));
    assert!(table.contains("Congo (Kinshasa)"));
    Ok(())
}

#[test]
fn report_svg_data_year_edition() -> R {
    let svg = std::env::temp_dir().join(format!("cm-cli-{}.svg", std::process::id()));
    let user = fixture("user");
    let o = bin()
        .args(["report", "lithium", "--data"])
        .arg(&user)
        .arg("--svg")
        .arg(&svg)
        .args(["--year", "2025"])
        .output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&svg)?;
    std::fs::remove_file(&svg)?;
    assert!(text.contains("country shares by stage"));
    // the user's 2025 rows make 2025 the latest year
    assert!(stdout(&o).contains("2025 (t Li)"), "{}", stdout(&o));
    let only = bin().args(["report", "lithium", "--data-only", "--data"]).arg(&user).output()?;
    assert!(only.status.success(), "{}", stderr(&only));
    assert!(stdout(&only).contains("Namibia"));
    // a year the data does not cover, an edition no source has
    fails(&run(&["report", "lithium", "--year", "1990"])?, 2, &["--year 1990", "2024"]);
    fails(&run(&["report", "lithium", "--edition", "1871"])?, 2, &["--edition 1871", "MCS 2025"]);
    assert!(run(&["report", "lithium", "--edition", "MCS 2025"])?.status.success());
    // an earlier year of the embedded data is a report on that year
    let y2023 = run(&["report", "lithium", "--year", "2023"])?;
    assert!(y2023.status.success(), "{}", stderr(&y2023));
    assert!(stdout(&y2023).contains("2023 (t Li)"), "{}", stdout(&y2023));
    assert!(!stdout(&y2023).contains("2024 (t Li)"), "{}", stdout(&y2023));
    Ok(())
}

#[test]
fn report_bad_inputs() -> R {
    fails(&run(&["report", "unobtainium"])?, 2, &["unobtainium", "lithium"]);
    fails(&run(&["report", "lithium", "--format", "pdf"])?, 2, &["pdf", "markdown"]);
    fails(&run(&["report", "lithium", "--colour"])?, 2, &["--colour"]);
    fails(&run(&["report", "lithium", "--data-only"])?, 2, &["--data"]);
    fails(&run(&["report", "lithium", "--data", "/nonexistent/dir"])?, 1, &["/nonexistent/dir"]);
    // a malformed row in the user's data: file, row, column and value named
    let dir = std::env::temp_dir().join(format!("cm-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("sources.csv"), "id,publisher,title,tag\nme,Me,My data,P\n")?;
    std::fs::write(
        dir.join("production.csv"),
        "commodity,stage,measure,country,year,value_t,basis,flags,source\nlithium,mining,production,AUS,2025,lots,Li,,me\n",
    )?;
    let o = bin().args(["report", "lithium", "--data"]).arg(&dir).output()?;
    std::fs::remove_dir_all(&dir)?;
    fails(&o, 1, &["production.csv", "row 1", "value_t", "lots"]);
    Ok(())
}

#[test]
fn concentration_baci_plain_comtrade() -> R {
    let o = bin().arg("concentration").arg(fixture("baci.csv")).output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "hs6,year,rows,total_usd,exporters,hhi_fraction,hhi_points,cr4_fraction,effective_number");
    assert!(lines.iter().any(|l| l.starts_with("028530,2023,1,11000000,1,1,10000,1,1")), "{out}");
    // filters by HS prefix and year, JSON with shares, importers
    let o = bin()
        .arg("concentration")
        .arg(fixture("baci.csv"))
        .args(["--hs", "2836", "--year", "2023", "--format", "json", "--shares", "--party", "importer"])
        .output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)?;
    assert_eq!(v["groups"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["groups"][0]["hs6"], "283691");
    assert_eq!(v["groups"][0]["year"], 2023);
    assert_eq!(v["shares"][0]["importer"], "CHN");
    // a plain CSV with named columns, quantities
    let o =
        bin().arg("concentration").arg(fixture("plain.csv")).args(["--measure", "quantity", "--shares"]).output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("hs6,year,exporter,exporter_name,total_t,share_fraction\n"), "{}", stdout(&o));
    assert!(stdout(&o).contains("283691,2023,CHL,Chile,40000,1\n"), "{}", stdout(&o));
    // a UN Comtrade download
    let o = bin().arg("concentration").arg(fixture("comtrade.csv")).output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("283691,2023,"), "{}", stdout(&o));
    Ok(())
}

#[test]
fn concentration_bad_inputs() -> R {
    fails(&run(&["concentration", "/nonexistent/baci.csv"])?, 1, &["/nonexistent/baci.csv"]);
    let o = bin().arg("concentration").arg(fixture("baci_bad_row.csv")).output()?;
    fails(&o, 1, &["baci_bad_row.csv", "line 3", "lots"]);
    let o = bin().arg("concentration").arg(fixture("plain_bad.csv")).output()?;
    fails(&o, 1, &["plain_bad.csv", "line 3", "exporter", "XYZ"]);
    let o = bin().arg("concentration").arg(fixture("baci.csv")).args(["--hs", "28x"]).output()?;
    fails(&o, 2, &["--hs", "28x"]);
    let o = bin().arg("concentration").arg(fixture("baci.csv")).args(["--year", "2024-2020"]).output()?;
    fails(&o, 2, &["--year"]);
    let o = bin().arg("concentration").arg(fixture("baci.csv")).args(["--party", "broker"]).output()?;
    fails(&o, 2, &["broker"]);
    Ok(())
}

#[test]
fn convert_says_stoichiometric() -> R {
    let o = run(&["convert", "1.2 Mt spodumene-concentrate@5.5%Li2O", "--to", "LCE"])?;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("= 163.212 kt LCE"), "{out}");
    assert!(out.contains("stoichiometric") && out.contains("full recovery"), "{out}");
    let o = run(&["convert", "88,000 t Li", "--to", "LCE"])?;
    assert!(stdout(&o).contains("468.454 kt LCE"), "{}", stdout(&o));
    fails(&run(&["convert", "1.2 Mt unobtainium", "--to", "LCE"])?, 2, &["unobtainium"]);
    fails(&run(&["convert", "1.2 Mt LCE", "--to", "Xx9"])?, 2, &["Xx9"]);
    fails(&run(&["convert", "1.2 parsecs LCE", "--to", "Li"])?, 2, &["parsecs"]);
    fails(&run(&["convert", "many Mt LCE", "--to", "Li"])?, 2, &["many"]);
    fails(&run(&["convert", "1 t Li", "--to", "Co"])?, 2, &["Co"]);
    Ok(())
}

#[test]
fn convert_through_a_route_applies_its_recoveries() -> R {
    let o =
        run(&["convert", "1.2 Mt spodumene-concentrate@5.5%Li2O", "--to", "LCE", "--route", "spodumene-to-carbonate"])?;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // 163.212 kt LCE at full recovery x 0.91 conversion recovery
    assert!(out.contains("= 148.523 kt LCE through route"), "{out}");
    assert!(out.contains("x 0.9100 (recovery") && out.contains("at full recovery: 163.212 kt LCE"), "{out}");
    fails(
        &run(&["convert", "1 t LCE", "--to", "Li", "--route", "spodumene"])?,
        2,
        &["spodumene", "spodumene-to-carbonate"],
    );
    fails(&run(&["convert", "1 t Li", "--to", "LCE", "--route", "brine-to-carbonate"])?, 2, &["not on the route"]);
    Ok(())
}

#[test]
fn audit_claims_file() -> R {
    let o = bin().arg("audit").arg(fixture("claims.csv")).output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 claims read, 1 finding."), "{}", stdout(&o));
    assert!(stdout(&o).contains("shares exceed 100 %"), "{}", stdout(&o));
    let o = bin().arg("audit").arg(fixture("claims_bad.csv")).output()?;
    fails(&o, 1, &["claims_bad.csv", "row 1", "value", "sixty"]);
    assert!(!stderr(&o).contains("critical-minerals-audit-"), "temporary path in {}", stderr(&o));
    fails(&run(&["audit", "/nonexistent/claims.csv"])?, 1, &["/nonexistent/claims.csv"]);
    Ok(())
}

#[test]
fn sources_lists_every_source() -> R {
    let o = run(&["sources", "--format", "json"])?;
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)?;
    let list = v.as_array().ok_or("not an array")?;
    assert!(list.len() > 10);
    for s in list {
        assert!(s["publisher"].is_string() && s["confidence"].is_string(), "{s}");
    }
    let table = stdout(&run(&["sources"])?);
    assert!(table.contains("Geological") && !table.contains("seed file"), "{table}");
    Ok(())
}

#[cfg(unix)]
#[test]
fn non_utf8_argument_is_a_usage_error() -> R {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let o = bin().arg("report").arg(OsStr::from_bytes(b"lith\xffium")).output()?;
    fails(&o, 2, &["UTF-8"]);
    // a non-UTF-8 path is a path: it is not found, not a panic
    let o = bin().arg("concentration").arg(OsStr::from_bytes(b"/nonexistent/\xff.csv")).output()?;
    fails(&o, 1, &["/nonexistent/"]);
    Ok(())
}

#[test]
fn closed_stdout_ends_quietly() -> R {
    let mut child =
        bin().args(["report", "lithium", "--format", "json"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    // read nothing: close the pipe at once, as `| head -0` does
    drop(child.stdout.take());
    let o = child.wait_with_output()?;
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    Ok(())
}
