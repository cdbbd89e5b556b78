//! critical-minerals' concentration measures as DataFusion aggregate functions, for SQL over
//! Parquet on one machine or on a Ballista cluster.
//!
//! | function | result | over |
//! |---|---|---|
//! | `hhi(weight)` | Herfindahl–Hirschman index, fraction in `(0, 1]` | rows that are already one per party |
//! | `hhi_points(weight)` | HHI on the 0–10,000 scale | idem |
//! | `cr(weight, n)` | sum of the `n` largest shares (CR-n), fraction | idem |
//! | `effective_number(weight)` | `1 / HHI` | idem |
//! | `entropy(weight)` | Shannon entropy of the shares, nats | idem |
//! | `hhi_by(party, weight)` | HHI of the parties' totals | rows with each party many times (BACI: exporter × importer) |
//! | `cr_by(party, weight, n)` | CR-n of the parties' totals | idem |
//! | `null_weights(weight)` | rows whose weight is NULL (skipped by the others) | any rows |
//!
//! The definitions are the crate's ([`critical_minerals::stats::concentration`]): each function
//! collects the group's party totals and calls [`hhi_of_weights`], [`entropy_of_weights`] or
//! [`concentration_ratio`] on them. The `_by` functions sum a party's rows inside the group
//! first, as [`TradeTable::value_concentration`](critical_minerals::trade::columnar::TradeTable::value_concentration)
//! does.
//!
//! # Inputs
//!
//! - `weight`: any numeric type (cast to `Float64`). NULL weights are skipped and counted
//!   (`null_weights`); a group whose weights are all NULL or all zero gives NULL (there are no
//!   shares of a zero total). A negative, NaN or infinite weight stops the query with an
//!   execution error naming the function and the value.
//! - `party`: any integer type (BACI's numeric codes) or text, plain or dictionary encoded
//!   (the `i`/`j` columns [`TradeTable::to_record_batch`](critical_minerals::trade::columnar::TradeTable::to_record_batch)
//!   writes). Rows whose party is NULL are skipped and counted with the NULL weights.
//! - `n`: a positive integer literal. `0`, a negative number, a non-literal or a non-integer is
//!   an error naming the function.
//!
//! Wrong argument types or counts are planning errors naming the function. Nothing panics.
//!
//! # Execution
//!
//! Each function implements DataFusion's `AggregateUDFImpl` with a vectorised
//! `GroupsAccumulator` (one accumulator for all groups of a partition; rows are routed by group
//! index, weights checked a batch at a time). The partial state is exact: the party totals of
//! the group (`_by`: party keys and sums; the others: the weights) and the NULL count, so
//! merging partial states across partitions, or across Ballista executors, gives the same
//! totals as one pass over all rows (up to the order of floating-point additions).
//!
//! # Example
//!
//! ```
//! use critical_minerals_datafusion::register;
//! use datafusion::prelude::SessionContext;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let ctx = SessionContext::new();
//! register(&ctx);
//! ctx.sql("CREATE TABLE baci (t INT, i INT, j INT, k VARCHAR, v DOUBLE) AS VALUES \
//!          (2023, 152, 156, '283691', 6000.0), (2023, 152, 392, '283691', 1000.0), \
//!          (2023, 32, 156, '283691', 2000.0), (2023, 842, 156, '283691', 1000.0)").await?;
//! let df = ctx.sql("SELECT k, t, hhi_by(i, v) AS hhi, cr_by(i, v, 1) AS cr1 \
//!                   FROM baci GROUP BY k, t").await?;
//! let batches = df.collect().await?;
//! let hhi = batches[0].column_by_name("hhi").unwrap();
//! let hhi = hhi.as_any().downcast_ref::<datafusion::arrow::array::Float64Array>().unwrap();
//! assert!((hhi.value(0) - 0.54).abs() < 1e-12); // Chile 7,000 of 10,000: 0.7² + 0.2² + 0.1²
//! # Ok(())
//! # }
//! ```
//!
//! # On a Ballista cluster
//!
//! Ballista plans on the scheduler and runs plan fragments on the executors, and both look
//! aggregate functions up by name, so the functions must be in the session state of the
//! client, of the scheduler and of every executor. Ballista's stock `ballista-scheduler` and
//! `ballista-executor` binaries know only DataFusion's built-in functions: a real cluster runs
//! small binaries of its own that build a `SessionState` with [`udafs`] and start the scheduler
//! and executors from it:
//!
//! ```text
//! // scheduler binary: the session builder returns a state with the functions
//! let state = SessionStateBuilder::new().with_default_features()
//!     .with_aggregate_functions(critical_minerals_datafusion::udafs().into_iter().map(Arc::new).collect())
//!     .build();
//! ballista_scheduler::standalone::new_standalone_scheduler_from_state(&state)  // or the
//!     // SchedulerConfig + `override_session_builder` path of ballista_scheduler::scheduler_process
//! // executor binary (one per machine), pointed at the scheduler's address:
//! ballista_executor::executor_process::start_executor_process(Arc::new(ExecutorProcessConfig {
//!     scheduler_host, scheduler_port, bind_host: "0.0.0.0".into(), port, grpc_port,
//!     override_function_registry: Some(Arc::new((&state).into())), ..Default::default() }))
//! // client
//! let ctx = SessionContext::remote_with_state("df://scheduler-host:50050", state).await?;
//! ctx.register_parquet("baci", "s3-or-shared-path/baci/", ParquetReadOptions::default()).await?;
//! ctx.sql("SELECT k, t, hhi_by(i, v) AS hhi, cr_by(i, v, 4) AS cr4 FROM baci GROUP BY k, t").await?;
//! ```
//!
//! The Parquet files must be readable at the same path from every executor (a shared file
//! system or an object store). The crate's test `tests/ballista.rs` starts a scheduler and two
//! executors in the test process on loopback and runs the query above over Parquet partitions.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod accumulator;
mod udaf;

pub use datafusion;
pub use udaf::{ConcentrationUdaf, Measure};

use datafusion::logical_expr::AggregateUDF;
use datafusion::prelude::SessionContext;

/// Every function of the crate, as DataFusion aggregate functions.
pub fn udafs() -> Vec<AggregateUDF> {
    Measure::ALL.iter().map(|m| AggregateUDF::new_from_impl(ConcentrationUdaf::new(*m))).collect()
}

/// Registers every function of the crate ([`udafs`]) in `ctx`.
pub fn register(ctx: &SessionContext) {
    for f in udafs() {
        ctx.register_udaf(f);
    }
}
