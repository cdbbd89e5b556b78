#!/usr/bin/env python3
"""The `critical-minerals concentration` job in Polars, for the side-by-side timing in
BENCHMARKS.md: read a BACI file (t,i,j,k,v,q), sum values per (product, year, exporter), then per
(product, year): total in USD, exporters, HHI (fraction and points), CR4, effective number;
write CSV with six-digit HS codes.

    python3 polars_concentration.py BACI.csv OUT.csv
"""
import sys

import polars as pl

src, dst = sys.argv[1], sys.argv[2]
parties = (
    pl.scan_csv(src, schema_overrides={"k": pl.Utf8, "v": pl.Float64, "q": pl.Float64}, null_values=["NA", ""])
    .filter(pl.col("v").is_not_null())
    .group_by(["k", "t", "i"])
    .agg((pl.col("v").sum() * 1000.0).alias("party_usd"))
    .filter(pl.col("party_usd") > 0)
)
groups = (
    parties.group_by(["k", "t"])
    .agg(
        pl.col("party_usd").sum().alias("total_usd"),
        pl.len().alias("exporters"),
        (pl.col("party_usd") ** 2).sum().alias("sq"),
        pl.col("party_usd").top_k(4).sum().alias("top4"),
    )
    .with_columns(
        pl.col("k").str.zfill(6).alias("hs6"),
        (pl.col("sq") / pl.col("total_usd") ** 2).alias("hhi_fraction"),
        (pl.col("top4") / pl.col("total_usd")).alias("cr4_fraction"),
    )
    .with_columns(
        (pl.col("hhi_fraction") * 10000).alias("hhi_points"),
        (1.0 / pl.col("hhi_fraction")).alias("effective_number"),
    )
    .select(["hs6", pl.col("t").alias("year"), "total_usd", "exporters", "hhi_fraction", "hhi_points", "cr4_fraction", "effective_number"])
    .sort(["hs6", "year"])
)
groups.collect().write_csv(dst)
