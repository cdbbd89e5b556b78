//! Arrow and Parquet I/O of the columnar trade table (feature `arrow`).

use std::sync::Arc;

use arrow_array::{Array, ArrayRef, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use critical_minerals::ErrorKind;
use critical_minerals::geo::Economy;
use critical_minerals::trade::HsRevision;
use critical_minerals::trade::columnar::{GroupOptions, Party, TradeTable, read_parquet_batches, write_parquet};
use proptest::prelude::*;

/// Codes of countries, of historic entities and "nes" areas, and one in no list.
const CODES: [u32; 8] = [152, 156, 842, 490, 58, 711, 36, 999_123];

fn economy(code: u32) -> Economy {
    Economy::unknown(code).unwrap_or_else(|_| Economy::world())
}

fn value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), Just(Some(0.0)), (0.0f64..1e12).prop_map(Some)]
}

/// A code a trade file may carry (`HsCode::new`): chapters 01–97 without 77.
fn hs6() -> impl Strategy<Value = u32> {
    ((1u32..=97).prop_filter("chapter 77 is reserved", |c| *c != 77), 0u32..10_000).prop_map(|(c, r)| c * 10_000 + r)
}

prop_compose! {
    fn row()(year in 1995i32..2025, e in 0usize..CODES.len(), i in 0usize..CODES.len(),
             hs6 in hs6(), v in value(), q in value())
             -> (i32, Economy, Economy, u32, Option<f64>, Option<f64>) {
        (year, economy(CODES[e]), economy(CODES[i]), hs6, v, q)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arrow and Parquet round trips give the same table; a missing value or quantity is a null
    /// (never NaN, never 0) and comes back missing, and a present 0 stays a present 0.
    #[test]
    fn round_trip_keeps_missing_as_missing(rows in proptest::collection::vec(row(), 1..200)) {
        let t = TradeTable::from_rows(rows.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let batch = t.to_record_batch().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (name, pick) in [("v", 4usize), ("q", 5)] {
            let col = batch.column_by_name(name).ok_or_else(|| TestCaseError::fail("no column"))?;
            let col = col.as_any().downcast_ref::<Float64Array>().ok_or_else(|| TestCaseError::fail("not f64"))?;
            for (r, row) in rows.iter().enumerate() {
                let want = if pick == 4 { row.4 } else { row.5 };
                match want {
                    None => prop_assert!(col.is_null(r), "row {r} {name}: missing written as {}", col.value(r)),
                    Some(x) => {
                        prop_assert!(col.is_valid(r));
                        prop_assert!((col.value(r) - x).abs() <= 1e-9 * x.max(1.0));
                    }
                }
            }
        }
        let back = TradeTable::from_record_batches("batch", [&batch]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &t);
        let mut bytes = Vec::new();
        write_parquet(&batch, &mut bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let from_parquet = TradeTable::read_parquet_bytes("bytes", bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&from_parquet, &t);
        for r in 0..t.len() {
            prop_assert_eq!(from_parquet.value_usd(r), t.value_usd(r));
            prop_assert_eq!(from_parquet.quantity(r).is_none(), t.quantity(r).is_none());
        }
    }
}

#[test]
fn hs_revision_and_leading_zeros_survive() -> Result<(), Box<dyn std::error::Error>> {
    let t = TradeTable::from_rows([(2022, economy(152), economy(156), 10121, Some(1.0), None)])?
        .with_hs_revision(HsRevision::parse("HS92")?);
    let batch = t.to_record_batch()?;
    let k = batch.column_by_name("k").ok_or("no k")?;
    let k = arrow_array::cast::AsArray::as_any_dictionary(k.as_ref());
    let labels = k.values().as_any().downcast_ref::<StringArray>().ok_or("not text")?;
    assert_eq!(labels.value(0), "010121");
    let back = TradeTable::from_record_batches("batch", [&batch])?;
    assert_eq!(back.hs_revision(), t.hs_revision());
    assert!(back.hs_revision().is_some());
    Ok(())
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let fields: Vec<Field> = columns.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns.into_iter().map(|(_, a)| a).collect())
}

/// BACI as other tools write it: integer economy and product codes, plain columns.
#[test]
fn reads_integer_codes_as_other_tools_write_them() -> Result<(), Box<dyn std::error::Error>> {
    let b = batch(vec![
        ("t", Arc::new(Int32Array::from(vec![2022, 2022]))),
        ("i", Arc::new(Int64Array::from(vec![842, 490]))),
        ("j", Arc::new(StringArray::from(vec!["CHN", "156"]))),
        ("k", Arc::new(Int64Array::from(vec![10121, 283691]))),
        ("v", Arc::new(Float64Array::from(vec![Some(5.0), None]))),
        ("q", Arc::new(Float64Array::from(vec![None, Some(3.0)]))),
    ])?;
    let t = TradeTable::from_record_batches("tool output", [&b])?;
    assert_eq!(t.exporter(0), Some(economy(840)));
    assert_eq!(t.exporter(1), Some(Economy::other_asia_nes()));
    assert_eq!(t.importer(1), t.importer(0));
    assert_eq!(t.hs6(0), Some(10121));
    assert_eq!((t.value_usd(1), t.quantity(0)), (None, None));
    Ok(())
}

#[test]
fn refuses_nan_missing_columns_and_wrong_types() -> Result<(), Box<dyn std::error::Error>> {
    let cols = |v: ArrayRef| -> Vec<(&'static str, ArrayRef)> {
        vec![
            ("t", Arc::new(Int32Array::from(vec![2022]))),
            ("i", Arc::new(Int64Array::from(vec![152]))),
            ("j", Arc::new(Int64Array::from(vec![156]))),
            ("k", Arc::new(Int64Array::from(vec![283691]))),
            ("v", v),
            ("q", Arc::new(Float64Array::from(vec![None as Option<f64>]))),
        ]
    };
    let nan = batch(cols(Arc::new(Float64Array::from(vec![f64::NAN]))))?;
    let e = TradeTable::from_record_batches("nan.parquet", [&nan]).err().ok_or("NaN accepted")?;
    assert_eq!(e.kind(), ErrorKind::InvalidData);
    assert!(e.to_string().contains("NaN"), "{e}");

    let text = batch(cols(Arc::new(StringArray::from(vec!["12"]))))?;
    let e = TradeTable::from_record_batches("text.parquet", [&text]).err().ok_or("text value accepted")?;
    assert!(e.to_string().contains("text.parquet") && e.to_string().contains("\"v\""), "{e}");

    let mut no_q = cols(Arc::new(Float64Array::from(vec![1.0])));
    no_q.pop();
    let e = TradeTable::from_record_batches("no_q.parquet", [&batch(no_q)?]).err().ok_or("missing q accepted")?;
    assert!(e.to_string().contains("\"q\"") && e.to_string().contains("absent"), "{e}");

    let mut bad_k = cols(Arc::new(Float64Array::from(vec![1.0])));
    bad_k[3] = ("k", Arc::new(StringArray::from(vec!["9999AA"])));
    let e = TradeTable::from_record_batches("k.parquet", [&batch(bad_k)?]).err().ok_or("9999AA accepted")?;
    assert!(e.to_string().contains("9999AA"), "{e}");
    assert_eq!(
        TradeTable::read_parquet_bytes("junk", b"not parquet".to_vec()).err().map(|e| e.kind()),
        Some(ErrorKind::Io)
    );
    Ok(())
}

/// Group statistics written as Parquet read back with the kernel's numbers.
#[test]
fn group_statistics_as_parquet() -> Result<(), Box<dyn std::error::Error>> {
    let t = TradeTable::from_rows([
        (2022, economy(152), economy(156), 283691, Some(6.0), None),
        (2022, economy(32), economy(156), 283691, Some(2.0), None),
        (2022, economy(842), economy(156), 283691, Some(2.0), None),
        (2022, economy(36), economy(156), 253090, None, Some(1.0)),
    ])?;
    let c = t.value_concentration(Party::Exporter, &GroupOptions::default().with_cr_n(2))?;
    let mut bytes = Vec::new();
    write_parquet(&c.groups_record_batch()?, &mut bytes)?;
    let batches = read_parquet_batches("groups", bytes::Bytes::from(bytes))?;
    let b = batches.first().ok_or("no batch")?;
    assert_eq!(b.num_rows(), c.len());
    let col = |n: &str| -> Result<Float64Array, Box<dyn std::error::Error>> {
        let a = b.column_by_name(n).ok_or("no column")?;
        Ok(a.as_any().downcast_ref::<Float64Array>().ok_or("not f64")?.clone())
    };
    let (hhi, cr) = (col("hhi")?, col("cr")?);
    for (r, g) in c.iter().enumerate() {
        assert_eq!(hhi.is_null(r), g.hhi.is_none());
        assert_eq!(hhi.is_valid(r).then(|| hhi.value(r)), g.hhi);
        assert_eq!(cr.is_valid(r).then(|| cr.value(r)), g.cr);
    }
    assert_eq!(b.schema().metadata().get("cr_n").map(String::as_str), Some("2"));
    assert_eq!(b.schema().field_with_name("total")?.data_type(), &DataType::Float64);
    let shares = c.shares_record_batch()?;
    assert_eq!(shares.num_rows(), c.share_count());
    Ok(())
}
