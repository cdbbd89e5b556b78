//! SQL on one node gives what the crate's calculators give on the same rows.

use std::sync::Arc;

use critical_minerals::stats::concentration::{Remainder, concentration_ratio, entropy_of_weights, hhi_of_weights};
use critical_minerals::stats::share::{Denominator, Shares};
use critical_minerals::trade::columnar::{GroupOptions, Party};
use critical_minerals_datafusion::register;
use datafusion::arrow::array::{Array, AsArray, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use proptest::prelude::*;

use crate::common::{QUERY, by_group, remove, table, write_partitions};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Per (product, year) the HHI, CR4 and effective number of the SQL query over Parquet
/// partitions are the columnar kernel's on the same rows; so are the plain functions over a
/// pre-aggregated subquery.
#[tokio::test]
async fn sql_over_parquet_agrees_with_the_kernel() -> Result<(), Box<dyn std::error::Error>> {
    let t = table()?;
    let kernel = t.value_concentration(Party::Exporter, &GroupOptions::default().with_cr_n(4))?;
    let dir = write_partitions(&t, "single", 3)?;
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(4));
    register(&ctx);
    ctx.register_parquet("baci", dir.to_string_lossy().as_ref(), ParquetReadOptions::default()).await?;
    let got = by_group(&ctx.sql(QUERY).await?.collect().await?, &["hhi", "cr4", "effective"])?;
    let plain = "SELECT k, t, hhi(s) AS hhi, cr(s, 4) AS cr4, effective_number(s) AS effective, \
                 hhi_points(s) AS points FROM (SELECT CAST(k AS BIGINT) AS k, CAST(t AS BIGINT) AS t, i, sum(v) AS s \
                 FROM baci GROUP BY k, t, i) GROUP BY k, t";
    let got_plain = by_group(&ctx.sql(plain).await?.collect().await?, &["hhi", "cr4", "effective", "points"])?;
    remove(&dir);
    assert_eq!(got.len(), kernel.len());
    assert_eq!(got_plain.len(), kernel.len());
    for g in kernel.iter() {
        let key = (i64::from(g.hs6), i64::from(g.year));
        let row = got.get(&key).ok_or("group missing from SQL")?;
        let want = [g.hhi, g.cr, g.effective_number()];
        for (c, (a, b)) in row.iter().zip(want).enumerate() {
            match (a, b) {
                (Some(a), Some(b)) => assert!(close(*a, b), "group {key:?} column {c}: SQL {a}, kernel {b}"),
                (a, b) => assert_eq!(a.is_none(), b.is_none(), "group {key:?} column {c}"),
            }
        }
        let p = got_plain.get(&key).ok_or("group missing from plain SQL")?;
        for (c, (a, b)) in p.iter().zip([g.hhi, g.cr, g.effective_number(), g.hhi_points()]).enumerate() {
            let (a, b) = (a.ok_or("NULL")?, b.ok_or("NULL")?);
            assert!(close(a, b), "plain group {key:?} column {c}: SQL {a}, kernel {b}");
        }
    }
    Ok(())
}

/// NULL weights are skipped and counted; a group of NULL weights only has no HHI.
#[tokio::test]
async fn null_weights_are_skipped_and_counted() -> Result<(), Box<dyn std::error::Error>> {
    let ctx = SessionContext::new();
    register(&ctx);
    ctx.sql("CREATE TABLE w (g INT, p INT, v DOUBLE) AS VALUES (1, 1, 3.0), (1, 2, NULL), (1, 2, 1.0), (2, 1, NULL)")
        .await?;
    let b = ctx
        .sql("SELECT g, hhi(v) AS h, hhi_by(p, v) AS hb, null_weights(v) AS n FROM w GROUP BY g ORDER BY g")
        .await?
        .collect()
        .await?;
    let b = b.first().ok_or("no batch")?;
    let h = b.column_by_name("h").ok_or("h")?.as_primitive::<Float64Type>();
    let hb = b.column_by_name("hb").ok_or("hb")?.as_primitive::<Float64Type>();
    let n = b.column_by_name("n").ok_or("n")?.as_primitive::<datafusion::arrow::datatypes::UInt64Type>();
    assert!(close(h.value(0), 0.625) && close(hb.value(0), 0.625)); // 0.75² + 0.25²
    assert!(h.is_null(1) && hb.is_null(1));
    assert_eq!((n.value(0), n.value(1)), (1, 1));
    Ok(())
}

fn weights_batch(
    parties: &[i64],
    weights: &[Option<f64>],
    groups: &[i64],
) -> Result<RecordBatch, Box<dyn std::error::Error>> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("p", DataType::Int64, false),
        Field::new("w", DataType::Float64, true),
    ]));
    Ok(RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int64Array::from(groups.to_vec())),
            Arc::new(Int64Array::from(parties.to_vec())),
            Arc::new(Float64Array::from(weights.to_vec())),
        ],
    )?)
}

/// The crate's calculators on party totals: HHI, CR-3, effective number, entropy.
fn core_measures(totals: &[f64]) -> Result<[f64; 5], Box<dyn std::error::Error>> {
    let h = hhi_of_weights(totals.iter().copied())?;
    let s = Shares::new(totals.iter().copied().enumerate(), Denominator::SumOfRows)?;
    Ok([
        h.fraction(),
        h.points(),
        concentration_ratio(&s, 3, Remainder::Excluded),
        h.effective_suppliers(),
        entropy_of_weights(totals.iter().copied())?,
    ])
}

async fn run(
    rows: Vec<(i64, i64, Option<f64>)>,
    partitions: usize,
) -> Result<Vec<(i64, [f64; 7])>, Box<dyn std::error::Error>> {
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    register(&ctx);
    let chunk = rows.len().div_ceil(partitions).max(1);
    let mut parts = Vec::new();
    for c in rows.chunks(chunk) {
        let g: Vec<i64> = c.iter().map(|r| r.0).collect();
        let p: Vec<i64> = c.iter().map(|r| r.1).collect();
        let w: Vec<Option<f64>> = c.iter().map(|r| r.2).collect();
        parts.push(vec![weights_batch(&p, &w, &g)?]);
    }
    let schema = parts[0][0].schema();
    ctx.register_table("w", Arc::new(MemTable::try_new(schema, parts)?))?;
    let sql = "SELECT g, hhi(w) AS a, hhi_points(w) AS b, cr(w, 3) AS c, effective_number(w) AS d, entropy(w) AS e, \
               hhi_by(p, w) AS f, cr_by(p, w, 3) AS h FROM w GROUP BY g ORDER BY g";
    let mut out = Vec::new();
    for b in ctx.sql(sql).await?.collect().await? {
        let g = b.column(0).as_any().downcast_ref::<Int64Array>().ok_or("g")?.clone();
        for r in 0..b.num_rows() {
            let mut v = [0.0; 7];
            for (c, slot) in v.iter_mut().enumerate() {
                let a = b.column(c + 1).as_primitive::<Float64Type>();
                *slot = if a.is_null(r) { f64::NAN } else { a.value(r) };
            }
            out.push((g.value(r), v));
        }
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every function, on any split into partitions (merged partial states), agrees with the
    /// crate's calculators on the same rows to 1e-9: the plain functions on each row's weight,
    /// the `_by` functions on the parties' totals.
    #[test]
    fn functions_agree_with_the_calculators(
        rows in proptest::collection::vec((0i64..3, 0i64..6, prop_oneof![1 => Just(None), 6 => (0.0f64..1e9).prop_map(Some)]), 1..120),
        partitions in 1usize..5,
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().build().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got = rt.block_on(run(rows.clone(), partitions)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (g, v) in got {
            let weights: Vec<f64> = rows.iter().filter(|r| r.0 == g).filter_map(|r| r.2).collect();
            let mut totals = std::collections::BTreeMap::new();
            for r in rows.iter().filter(|r| r.0 == g) {
                if let Some(w) = r.2 { *totals.entry(r.1).or_insert(0.0) += w; }
            }
            let totals: Vec<f64> = totals.into_values().collect();
            if weights.iter().sum::<f64>() == 0.0 {
                prop_assert!(v.iter().all(|x| x.is_nan()), "zero-total group {g} gave {v:?}");
                continue;
            }
            let plain = core_measures(&weights).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let by = core_measures(&totals).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let want = [plain[0], plain[1], plain[2], plain[3], plain[4], by[0], by[2]];
            for (c, (a, b)) in v.iter().zip(want).enumerate() {
                prop_assert!(close(*a, b), "group {g} column {c}: SQL {a}, calculators {b}");
            }
        }
    }
}

/// Without GROUP BY DataFusion uses the row accumulator: same numbers.
#[tokio::test]
async fn without_group_by() -> Result<(), Box<dyn std::error::Error>> {
    let ctx = SessionContext::new();
    register(&ctx);
    ctx.sql("CREATE TABLE w (p VARCHAR, v DOUBLE) AS VALUES ('CHL', 6.0), ('AUS', 2.0), ('CHL', 1.0), ('ARG', 1.0)")
        .await?;
    let b = ctx.sql("SELECT hhi_by(p, v) AS h, cr_by(p, v, 1) AS c, entropy(v) AS e FROM w").await?.collect().await?;
    let b = b.first().ok_or("no batch")?;
    let col = |n: &str| b.column_by_name(n).map(|a| a.as_primitive::<Float64Type>().value(0));
    assert!(close(col("h").ok_or("h")?, 0.54)); // CHL 0.7² + AUS 0.2² + ARG 0.1²
    assert!(close(col("c").ok_or("c")?, 0.7));
    assert!(close(col("e").ok_or("e")?, entropy_of_weights([6.0, 2.0, 1.0, 1.0])?));
    Ok(())
}
