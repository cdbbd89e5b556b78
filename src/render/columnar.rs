//! Writers for the columnar concentration results
//! ([`trade::columnar::Concentration`](crate::trade::columnar::Concentration)): CSV and JSON, one record per
//! (HS6 product, year) group, and optionally one per (group, party) share.
//!
//! Column names carry their unit or scale; HS codes are six-digit text (`028530`, never
//! `28530`); numbers are written in their shortest form that reads back to the same value;
//! a missing value (the HHI of a group whose total is zero) is an empty field or `null`.
//!
//! | column | meaning |
//! |---|---|
//! | `hs6` | the HS 6-digit product code, as text |
//! | `year` | the year |
//! | `rows` | rows of the table in the group |
//! | `total_usd` / `total_t` | the group's total: value in US dollars, or quantity in tonnes |
//! | `exporters` / `importers` | parties with a positive total |
//! | `hhi_fraction` | Herfindahl-Hirschman index, 0–1 |
//! | `hhi_points` | the same on the 0–10,000 scale |
//! | `cr4_fraction` | the sum of the 4 (CR-n: n) largest shares, 0–1 |
//! | `effective_number` | 1 / HHI, a number of parties |
//!
//! Shares: `hs6`, `year`, `exporter` (alpha-3 code, or the trade code of another economy),
//! `exporter_name` (short name), `total_usd` / `total_t`, `share_fraction`.

use std::io::Write;

use crate::Error;
use crate::error::Detail;
use crate::trade::columnar::{Additive, Concentration, Party};

use super::csv::field;
use super::names::short_name;

fn io(e: std::io::Error) -> Error {
    Detail::Io { path: "output".to_string(), reason: e.to_string() }.into()
}

/// Shortest round-trip text of a finite number; empty for none.
fn num(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => {
            let s = v.to_string();
            if s == "-0" { "0".into() } else { s }
        }
        _ => String::new(),
    }
}

fn json_num(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => num(Some(v)),
        _ => "null".into(),
    }
}

/// The total's column name and the factor from the measure's base unit.
fn total_column<V: Additive>() -> (&'static str, f64) {
    if V::UNIT == "kg" { ("total_t", 1.0e-3) } else { ("total_usd", 1.0) }
}

fn party_name(p: Party) -> (&'static str, &'static str) {
    match p {
        Party::Exporter => ("exporters", "exporter"),
        Party::Importer => ("importers", "importer"),
    }
}

/// The group columns' names, in order.
pub fn group_columns<V: Additive>(c: &Concentration<V>) -> Vec<String> {
    let (total, f) = total_column::<V>();
    let _ = f;
    vec![
        "hs6".into(),
        "year".into(),
        "rows".into(),
        total.into(),
        party_name(c.party()).0.into(),
        "hhi_fraction".into(),
        "hhi_points".into(),
        format!("cr{}_fraction", c.cr_n()),
        "effective_number".into(),
    ]
}

/// Writes one CSV line per group (see the [module documentation](self) for the columns).
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) when writing fails.
///
/// # Examples
///
/// ```
/// use critical_minerals::render::columnar::write_groups_csv;
/// use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable};
///
/// let csv = "t,i,j,k,v,q\n2023,152,156,283691,6000,40000\n2023,32,156,283691,2000,NA\n";
/// let t = TradeTable::from_baci_reader("inline.csv", csv.as_bytes())?;
/// let c = t.value_concentration(Party::Exporter, &GroupOptions::default())?;
/// let mut out = Vec::new();
/// write_groups_csv(&c, &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.starts_with("hs6,year,rows,total_usd,exporters,hhi_fraction,hhi_points,cr4_fraction"));
/// assert!(text.contains("\n283691,2023,2,8000000,2,0.625,6250,1,1.6\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_groups_csv<V: Additive>(c: &Concentration<V>, out: &mut impl Write) -> Result<(), Error> {
    let (_, f) = total_column::<V>();
    writeln!(out, "{}", group_columns(c).join(",")).map_err(io)?;
    for g in c.iter() {
        writeln!(
            out,
            "{:06},{},{},{},{},{},{},{},{}",
            g.hs6,
            g.year,
            g.rows,
            num(Some(g.total.raw() * f)),
            g.parties,
            num(g.hhi),
            num(g.hhi_points()),
            num(g.cr),
            num(g.effective_number())
        )
        .map_err(io)?;
    }
    Ok(())
}

/// Writes one CSV line per (group, party) share: `hs6,year,exporter,exporter_name,total_usd,
/// share_fraction` (importer, total_t as the result is).
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) when writing fails.
pub fn write_shares_csv<V: Additive>(c: &Concentration<V>, out: &mut impl Write) -> Result<(), Error> {
    let (total, f) = total_column::<V>();
    let (_, one) = party_name(c.party());
    writeln!(out, "hs6,year,{one},{one}_name,{total},share_fraction").map_err(io)?;
    for g in c.iter() {
        for p in c.shares(g.index) {
            writeln!(
                out,
                "{:06},{},{},{},{},{}",
                g.hs6,
                g.year,
                field(&p.economy.label()),
                field(&short_name(p.economy.name())),
                num(Some(p.total.raw() * f)),
                num(Some(p.share))
            )
            .map_err(io)?;
        }
    }
    Ok(())
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes the result as one JSON object: `party`, `measure_unit` (`USD` or `t`), `cr_n`,
/// `groups` (objects with the group columns) and, with `shares`, `shares` (objects with the
/// share columns).
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) when writing fails.
///
/// # Examples
///
/// ```
/// use critical_minerals::render::columnar::write_json;
/// use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable};
///
/// let csv = "t,i,j,k,v,q\n2023,152,156,028530,6000,40000\n";
/// let t = TradeTable::from_baci_reader("inline.csv", csv.as_bytes())?;
/// let c = t.value_concentration(Party::Exporter, &GroupOptions::default())?;
/// let mut out = Vec::new();
/// write_json(&c, true, &mut out)?;
/// let v: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(v["groups"][0]["hs6"], "028530");
/// assert_eq!(v["shares"][0]["exporter"], "CHL");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_json<V: Additive>(c: &Concentration<V>, shares: bool, out: &mut impl Write) -> Result<(), Error> {
    let (total, f) = total_column::<V>();
    let (many, one) = party_name(c.party());
    let unit = if f == 1.0 { "USD" } else { "t" };
    write!(out, "{{\"party\":\"{one}\",\"measure_unit\":\"{unit}\",\"cr_n\":{},\"groups\":[", c.cr_n()).map_err(io)?;
    let cr = format!("cr{}_fraction", c.cr_n());
    for (k, g) in c.iter().enumerate() {
        write!(
            out,
            "{}\n{{\"hs6\":\"{:06}\",\"year\":{},\"rows\":{},\"{total}\":{},\"{many}\":{},\"hhi_fraction\":{},\
             \"hhi_points\":{},\"{cr}\":{},\"effective_number\":{}}}",
            if k == 0 { "" } else { "," },
            g.hs6,
            g.year,
            g.rows,
            json_num(Some(g.total.raw() * f)),
            g.parties,
            json_num(g.hhi),
            json_num(g.hhi_points()),
            json_num(g.cr),
            json_num(g.effective_number())
        )
        .map_err(io)?;
    }
    write!(out, "]").map_err(io)?;
    if shares {
        write!(out, ",\"shares\":[").map_err(io)?;
        let mut first = true;
        for g in c.iter() {
            for p in c.shares(g.index) {
                write!(
                    out,
                    "{}\n{{\"hs6\":\"{:06}\",\"year\":{},\"{one}\":{},\"{one}_name\":{},\"{total}\":{},\"share_fraction\":{}}}",
                    if first { "" } else { "," },
                    g.hs6,
                    g.year,
                    json_str(&p.economy.label()),
                    json_str(&short_name(p.economy.name())),
                    json_num(Some(p.total.raw() * f)),
                    json_num(Some(p.share))
                )
                .map_err(io)?;
                first = false;
            }
        }
        write!(out, "]").map_err(io)?;
    }
    writeln!(out, "}}").map_err(io)?;
    Ok(())
}
