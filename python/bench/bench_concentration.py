"""Benchmark: cm.concentration against a Polars group_by of the same definitions, end to end
(read the BACI CSV, group by (HS6, year, exporter), shares, HHI, CR4), on one file.

    python python/bench/bench_concentration.py [FILE] [ROWS] [RUNS]

Writes FILE (default /tmp/baci_10m.csv, ROWS = 10,000,000) with the library's seeded synthetic
generator if it does not exist, then times RUNS (default 3) of each, alternating, and prints
min / median / max and the largest difference of HHI and CR4 between the two results.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import polars as pl

import critical_minerals as cm


def polars_concentration(path: str) -> pl.DataFrame:
    """The same definitions as cm.concentration(by="exporter"): the CSV read once (every core),
    then one lazy query over the frame."""
    lf = (
        pl.read_csv(
            path,
            schema={"t": pl.Int32, "i": pl.Int32, "j": pl.Int32, "k": pl.String, "v": pl.Float64, "q": pl.Float64},
            null_values=["NA", ""],
        )
        .lazy()
        .with_columns(pl.col("v") * 1000.0)
    )
    rows = lf.group_by("k", "t").agg(pl.len().alias("rows"))
    party = lf.filter(pl.col("v").is_not_null()).group_by("k", "t", "i").agg(pl.col("v").sum().alias("q"))
    party = party.filter(pl.col("q") > 0)
    groups = (
        party.with_columns((pl.col("q") / pl.col("q").sum().over("k", "t")).alias("s"))
        .group_by("k", "t")
        .agg(
            pl.col("q").sum().alias("total"),
            pl.len().alias("parties"),
            (pl.col("s") ** 2).sum().alias("hhi"),
            (pl.col("q").top_k(4).sum() / pl.col("q").sum()).alias("cr4"),
        )
    )
    return rows.join(groups, on=["k", "t"], how="left").sort("k", "t").collect()


def show(name: str, xs: list) -> float:
    med = statistics.median(xs)
    print(f"{name:<44} min {min(xs):6.2f} s  median {med:6.2f} s  max {max(xs):6.2f} s  ({len(xs)} runs)")
    return med


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/baci_10m.csv"
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    if not os.path.exists(path):
        t = time.perf_counter()
        cm._synthetic_baci(path, rows)
        print(f"wrote {path} ({rows:,} rows) in {time.perf_counter() - t:.1f} s")
    print(f"file {path}: {os.path.getsize(path) / 1e9:.2f} GB, polars {pl.__version__}, cores {os.cpu_count()}, loadavg {os.getloadavg()}")
    with open(path, "rb") as f:  # into the page cache
        while f.read(1 << 24):
            pass
    ours_t, pl_t = [], []
    ours = ref = None
    for run in range(runs):
        t = time.perf_counter()
        ours = cm.concentration(path, by="exporter")
        ours_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        ref = polars_concentration(path)
        pl_t.append(time.perf_counter() - t)
        print(f"run {run}: critical_minerals {ours_t[-1]:.2f} s, polars {pl_t[-1]:.2f} s  [loadavg {os.getloadavg()[0]:.2f}]")
    a = show("cm.concentration(path, by='exporter')", ours_t)
    b = show("polars read_csv + lazy group_by (same definitions)", pl_t)
    print(f"speed-up (median): {b / a:.2f}x; groups {ours.height}")
    assert ours.height == ref.height
    assert ours["hs6"].to_list() == ref["k"].to_list()
    d_hhi = (ours["hhi"] - ref["hhi"]).abs().max()
    d_cr = (ours["cr4"] - ref["cr4"]).abs().max()
    print(f"largest |difference|: HHI {d_hhi:.3g}, CR4 {d_cr:.3g}")


if __name__ == "__main__":
    main()
