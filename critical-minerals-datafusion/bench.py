"""DuckDB and Polars on the query of `bench-datafusion`: per (k, t) the exporter HHI and CR4 of
BACI-like Parquet (written by `bench-datafusion gen`), two-level GROUP BY (sum per exporter,
then sum(s)^2 and the four largest).

    pip install duckdb polars
    /usr/bin/time -v python3 bench.py duckdb /tmp/baci20m 3
    /usr/bin/time -v python3 bench.py polars /tmp/baci20m 3

Prints min / median / max seconds of the runs and the number of groups. Both use every core.
"""

import statistics
import sys
import time

DUCKDB_SQL = """
WITH p AS (
    SELECT k, t, i, sum(v) AS s
    FROM read_parquet('{dir}/**/*.parquet', hive_partitioning = false)
    GROUP BY k, t, i
)
SELECT k, t,
       sum(s * s) / (sum(s) ^ 2) AS hhi,
       list_sum(list_slice(list_sort(list(s), 'DESC'), 1, 4)) / sum(s) AS cr4
FROM p
GROUP BY k, t
"""


def duckdb_run(d):
    import duckdb

    con = duckdb.connect()
    return len(con.execute(DUCKDB_SQL.format(dir=d)).fetchall())


def polars_run(d):
    import polars as pl

    s = pl.col("s")
    out = (
        pl.scan_parquet(f"{d}/**/*.parquet", hive_partitioning=False)
        .group_by(["k", "t", "i"])
        .agg(pl.col("v").sum().alias("s"))
        .group_by(["k", "t"])
        .agg(
            ((s * s).sum() / s.sum().pow(2)).alias("hhi"),
            (s.top_k(4).sum() / s.sum()).alias("cr4"),
        )
        .collect()
    )
    return out.height


def main():
    engine, d, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3
    run = {"duckdb": duckdb_run, "polars": polars_run}[engine]
    secs, groups = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        groups = run(d)
        secs.append(time.perf_counter() - t0)
    print(f"{engine}: {groups} groups")
    print(f"{engine}: min {min(secs):.3f} s, median {statistics.median(secs):.3f} s, max {max(secs):.3f} s ({runs} runs)")


if __name__ == "__main__":
    main()
