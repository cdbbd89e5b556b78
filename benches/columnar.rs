//! Criterion benches of the columnar kernels at 1 K, 1 M and 10 M synthetic rows.
//!
//! `cargo bench --bench columnar` (short measurement times; the 100 M-row comparison with
//! Polars lives in `bench-polars/`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use critical_minerals::trade::columnar::{GroupOptions, Party, SynthSpec, concentration, hhi_dense_scatter, synthetic};

fn kernels(c: &mut Criterion) {
    let mut g = c.benchmark_group("concentration");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for rows in [1_000usize, 1_000_000, 10_000_000] {
        let t = synthetic(&SynthSpec::rows(rows), 0);
        // the quantity column as raw f64 (kg): the same numbers as the typed Mass column
        let raw: Vec<f64> = t.quantity_column().iter().map(|m| m.value).collect();
        g.throughput(Throughput::Elements(rows as u64));
        let all = GroupOptions::default();
        let one = GroupOptions::default().with_threads(1);
        g.bench_with_input(BenchmarkId::new("value_f64/all_cores", rows), &t, |b, t| {
            b.iter(|| black_box(t.value_concentration(Party::Exporter, &all).map(|c| c.len())))
        });
        g.bench_with_input(BenchmarkId::new("value_f64/1_thread", rows), &t, |b, t| {
            b.iter(|| black_box(t.value_concentration(Party::Exporter, &one).map(|c| c.len())))
        });
        g.bench_with_input(BenchmarkId::new("quantity_raw_f64/all_cores", rows), &t, |b, t| {
            b.iter(|| black_box(concentration(t, Party::Exporter, &raw, &all).map(|c| c.len())))
        });
        g.bench_with_input(BenchmarkId::new("quantity_typed_mass/all_cores", rows), &t, |b, t| {
            b.iter(|| black_box(t.quantity_concentration(Party::Exporter, &all).map(|c| c.len())))
        });
        g.bench_with_input(BenchmarkId::new("importer_value/all_cores", rows), &t, |b, t| {
            b.iter(|| black_box(t.value_concentration(Party::Importer, &all).map(|c| c.len())))
        });
        g.bench_with_input(BenchmarkId::new("dense_scatter_baseline/1_thread", rows), &t, |b, t| {
            b.iter(|| black_box(hhi_dense_scatter(t, Party::Exporter, t.value_usd_column()).map(|c| c.len())))
        });
    }
    g.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
