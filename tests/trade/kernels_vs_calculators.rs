//! The columnar kernels against the crate's row-by-row calculators (`analysis::share`,
//! `analysis::concentration`) on random tables: the same definitions must give the same numbers
//! (to 1e-9), single- and multi-threaded. Also `TradeTable::from_flows`.

use critical_minerals::ErrorKind;
use std::collections::BTreeMap;

use critical_minerals::prelude::*;
use critical_minerals::stats::concentration::{Remainder, concentration_ratio, hhi};
use critical_minerals::stats::share::{Denominator, Shares};
use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable};
use proptest::prelude::*;

type Row = (i32, Country, Country, u32, Option<f64>, Option<f64>);

fn country(i: usize) -> Country {
    Country::all().nth(i % 249).unwrap_or_else(|| Country::all().next().expect("the ISO table is not empty"))
}

fn rows_strategy() -> impl Strategy<Value = Vec<Row>> {
    let row = (0..3i32, 0..12usize, 0..12usize, 0..4u32, proptest::option::weighted(0.9, 0.0..1.0e6f64));
    proptest::collection::vec(row, 1..300).prop_map(|v| {
        v.into_iter()
            .map(|(y, e, i, k, val)| (2020 + y, country(e * 7), country(i * 11 + 1), 283691 + k, val, None))
            .collect()
    })
}

/// Per (hs6, year): exporter -> summed value, from the rows, by the calculators' own route.
fn by_group(rows: &[Row]) -> BTreeMap<(u32, i32), Vec<(Country, f64)>> {
    let mut g: BTreeMap<(u32, i32), Vec<(Country, f64)>> = BTreeMap::new();
    for (year, exporter, _importer, hs6, value, _q) in rows {
        if let Some(v) = value {
            g.entry((*hs6, *year)).or_default().push((*exporter, *v));
        }
    }
    g
}

proptest! {
    #[test]
    fn kernels_equal_the_row_by_row_calculators(rows in rows_strategy(), threads in 1usize..3) {
        let table = TradeTable::from_rows(rows.clone()).expect("valid rows");
        let opts = GroupOptions::default().with_threads(threads).with_cr_n(4);
        let conc = table.value_concentration(Party::Exporter, &opts).expect("kernel runs");
        for ((hs6, year), pairs) in by_group(&rows) {
            let total: f64 = pairs.iter().map(|p| p.1).sum();
            let stats = conc.find(hs6, year);
            if total <= 0.0 {
                // no positive value: the kernel reports no HHI, the calculators refuse a zero total
                prop_assert!(stats.is_none_or(|s| s.hhi.is_none()));
                prop_assert!(Shares::aggregate(pairs, Denominator::SumOfRows).is_err());
                continue;
            }
            let s = stats.expect("group with a positive total is reported");
            let shares = Shares::aggregate(pairs, Denominator::SumOfRows).expect("positive total");
            let want_hhi = hhi(&shares, Remainder::Excluded).fraction();
            let want_cr4 = concentration_ratio(&shares, 4, Remainder::Excluded);
            prop_assert!((s.hhi.unwrap_or(f64::NAN) - want_hhi).abs() < 1e-9, "HHI {:?} vs {}", s.hhi, want_hhi);
            prop_assert!((s.cr.unwrap_or(f64::NAN) - want_cr4).abs() < 1e-9, "CR4 {:?} vs {}", s.cr, want_cr4);
            prop_assert!((s.total - shares.total()).abs() <= 1e-9 * shares.total().max(1.0));
            for p in conc.shares(s.index) {
                let want = p.economy.country().and_then(|c| shares.share_of(&c)).unwrap_or(0.0);
                prop_assert!((p.share - want).abs() < 1e-9, "{:?}: {} vs {}", p.economy, p.share, want);
            }
        }
    }
}

fn flow(year: i32, exporter: &str, importer: &str) -> TradeFlow {
    let period = Period::year(year).expect("valid year");
    let (e, i) = (Country::from_code(exporter).expect("code"), Country::from_code(importer).expect("code"));
    TradeFlow::new(period, e, i, HsCode::LITHIUM_CARBONATE).expect("distinct countries")
}

#[test]
fn from_flows_keeps_missing_values_and_the_basis() -> Result<(), Box<dyn std::error::Error>> {
    let flows = [
        flow(2024, "CL", "CN")
            .with_quantity(Amount::tonnes(1_000.0, Basis::lce())?)
            .with_value(Money::parse("12 million USD")?),
        flow(2024, "AR", "CN").with_value(Money::parse("USD 3.5 million")?),
        flow(2023, "CL", "KR").with_quantity(Amount::tonnes(400.0, Basis::lce())?),
    ];
    let t = TradeTable::from_flows(&flows)?;
    assert_eq!(t.len(), 3);
    assert_eq!(t.quantity_basis(), Some(&Basis::lce()));
    assert_eq!(t.value_usd(0), Some(12.0e6));
    assert_eq!(t.quantity(1), None, "a missing quantity stays missing");
    assert_eq!(t.value_usd(2), None, "a missing value stays missing");
    Ok(())
}

#[test]
fn from_flows_refuses_what_the_table_cannot_hold() -> Result<(), Box<dyn std::error::Error>> {
    let month = TradeFlow::new(
        Period::month(2024, 3)?,
        Country::from_code("CL")?,
        Country::from_code("CN")?,
        HsCode::LITHIUM_CARBONATE,
    )?;
    let eur = flow(2024, "DE", "FR").with_value(Money::parse("5 million EUR")?);
    let li = flow(2024, "AU", "CN").with_quantity(Amount::tonnes(10.0, Basis::contained(Element::Li))?);
    let lce = flow(2024, "CL", "CN").with_quantity(Amount::tonnes(10.0, Basis::lce())?);
    for (flows, column) in [(vec![month], "period"), (vec![eur], "value"), (vec![li, lce], "quantity")] {
        match TradeTable::from_flows(&flows) {
            Err(e) if e.kind() == ErrorKind::InvalidData => {
                assert!(e.to_string().contains(&format!(": {column} is ")), "{e}")
            }
            other => panic!("expected an InvalidRow error on {column}, got {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn tables_on_different_bases_do_not_append() -> Result<(), Box<dyn std::error::Error>> {
    let mut lce = TradeTable::from_flows(&[flow(2024, "CL", "CN").with_quantity(Amount::tonnes(1.0, Basis::lce())?)])?;
    let li = TradeTable::from_flows(&[
        flow(2024, "AU", "CN").with_quantity(Amount::tonnes(1.0, Basis::contained(Element::Li))?)
    ])?;
    assert!(matches!(lce.append(&li), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    let more = TradeTable::from_flows(&[flow(2023, "AR", "US").with_quantity(Amount::tonnes(2.0, Basis::lce())?)])?;
    lce.append(&more)?;
    assert_eq!(lce.len(), 2);
    Ok(())
}
