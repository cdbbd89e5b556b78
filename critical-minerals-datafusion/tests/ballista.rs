//! The same query on a Ballista cluster started in this process (a scheduler and two executors
//! on loopback, stopped at the end of the test) gives the single-node answers.

use std::time::Duration;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use critical_minerals_datafusion::register;
use datafusion::execution::SessionStateBuilder;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

use crate::common::{QUERY, by_group, remove, table, write_partitions};

async fn cluster_answers(dir: &str) -> Result<Vec<datafusion::arrow::array::RecordBatch>, Box<dyn std::error::Error>> {
    // one session state with the functions, shared by client, scheduler and executors
    let config = SessionConfig::new_with_ballista().with_target_partitions(4);
    let state = SessionStateBuilder::new().with_default_features().with_config(config).build();
    let with_functions = SessionContext::new_with_state(state);
    register(&with_functions);
    let state = with_functions.state();

    let addr = ballista_scheduler::standalone::new_standalone_scheduler_from_state(&state).await?;
    assert!(addr.ip().is_loopback(), "scheduler bound to {addr}");
    let url = format!("http://localhost:{}", addr.port());
    let mut tries = 0;
    let scheduler = loop {
        match SchedulerGrpcClient::connect(url.clone()).await {
            Ok(c) => break c,
            Err(e) if tries > 100 => return Err(format!("scheduler at {url} not reachable: {e}").into()),
            Err(_) => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    for _ in 0..2 {
        ballista_executor::new_standalone_executor_from_state(scheduler.clone(), 2, &state).await?;
    }
    let ctx = SessionContext::remote_with_state(&format!("df://localhost:{}", addr.port()), state).await?;
    // the client's planner needs them too: the state upgraded for Ballista starts from its config
    register(&ctx);
    ctx.register_parquet("baci", dir, ParquetReadOptions::default()).await?;
    Ok(ctx.sql(QUERY).await?.collect().await?)
}

#[test]
fn ballista_cluster_gives_the_single_node_answers() -> Result<(), Box<dyn std::error::Error>> {
    let t = table()?;
    let dir = write_partitions(&t, "ballista", 4)?;
    let path = dir.to_string_lossy().to_string();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build()?;
    let single = rt.block_on(async {
        let ctx = SessionContext::new();
        register(&ctx);
        ctx.register_parquet("baci", &path, ParquetReadOptions::default()).await?;
        ctx.sql(QUERY).await?.collect().await
    })?;
    let distributed = rt.block_on(cluster_answers(&path));
    // stops the scheduler and executors: their servers and polling loops are tasks of `rt`
    rt.shutdown_timeout(Duration::from_secs(5));
    remove(&dir);
    let columns = ["hhi", "cr4", "effective"];
    let (single, distributed) = (by_group(&single, &columns)?, by_group(&distributed?, &columns)?);
    assert_eq!(single.len(), 12 * 3);
    assert_eq!(single.keys().collect::<Vec<_>>(), distributed.keys().collect::<Vec<_>>());
    for (key, a) in &single {
        let b = &distributed[key];
        for (x, y) in a.iter().zip(b) {
            let (x, y) = (x.ok_or("NULL")?, y.ok_or("NULL")?);
            assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "group {key:?}: one node {x}, Ballista {y}");
        }
    }
    Ok(())
}
