//! Bad input through SQL: an error naming the function and the value, never a panic.

use critical_minerals_datafusion::register;
use datafusion::prelude::SessionContext;

async fn error_of(sql: &str) -> String {
    let ctx = SessionContext::new();
    register(&ctx);
    let setup = "CREATE TABLE w (k INT, p INT, s VARCHAR, v DOUBLE) AS VALUES \
                 (1, 1, 'a', 1.0), (1, 2, 'b', -2.5), (2, 1, 'c', CAST('NaN' AS DOUBLE)), (3, 1, 'd', CAST('inf' AS DOUBLE))";
    if let Err(e) = ctx.sql(setup).await {
        return format!("setup failed: {e}");
    }
    match ctx.sql(sql).await {
        Err(e) => e.to_string(),
        Ok(df) => match df.collect().await {
            Err(e) => e.to_string(),
            Ok(_) => "no error".to_string(),
        },
    }
}

#[tokio::test]
async fn negative_nan_and_infinite_weights_name_function_and_value() {
    for (sql, function, value) in [
        ("SELECT hhi_by(p, v) FROM w WHERE k = 1", "hhi_by", "-2.5"),
        ("SELECT k, hhi(v) FROM w GROUP BY k", "hhi", "-2.5"),
        ("SELECT k, entropy(v) FROM w WHERE k = 2 GROUP BY k", "entropy", "NaN"),
        ("SELECT cr(v, 2) FROM w WHERE k = 3", "cr", "inf"),
    ] {
        let e = error_of(sql).await;
        assert!(e.contains(function) && e.contains(value), "{sql}: {e}");
    }
}

#[tokio::test]
async fn wrong_types_and_bad_n_name_the_function() {
    for (sql, function, what) in [
        ("SELECT hhi(s) FROM w", "hhi", "weight"),
        ("SELECT hhi_by(p) FROM w", "hhi_by", "arguments"),
        ("SELECT cr(v, 0) FROM w WHERE k = 1", "cr", "0"),
        ("SELECT cr_by(p, v, -3) FROM w WHERE k = 1", "cr_by", "-3"),
        ("SELECT cr(v, 1.5) FROM w WHERE k = 1", "cr", "argument n"),
        ("SELECT cr(v, k) FROM w WHERE k = 1", "cr", "literal"),
        ("SELECT hhi_by(v, v) FROM w", "hhi_by", "party"),
    ] {
        let e = error_of(sql).await;
        assert!(e.contains(function) && e.contains(what), "{sql}: {e}");
    }
}
