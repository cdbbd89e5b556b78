#!/usr/bin/env python3
"""A synthetic BACI file (t,i,j,k,v,q) for the concentration benchmark, written with Polars:
rows spread over 25 years, country codes BACI uses (data/trade_economies.csv, `baci` = 1,
countries only), 5,000 six-digit products skewed towards the first (u^3), values in thousands of
USD, 5 % of quantities missing (NA). Deterministic (hash of the row number).

    python3 baci_synth.py ROWS OUT.csv
"""
import csv
import pathlib
import sys

import polars as pl

rows, out = int(sys.argv[1]), sys.argv[2]
root = pathlib.Path(__file__).resolve().parents[2]
with open(root / "data/trade_economies.csv", newline="") as f:
    codes = [int(r["code"]) for r in csv.DictReader(f) if r["kind"] == "country" and r["baci"] == "1"]
codes_s = pl.Series("codes", codes, dtype=pl.Int64)
n_codes = len(codes)
M = 1 << 32


def u(seed):
    return (pl.int_range(0, rows, dtype=pl.UInt64).hash(seed) % M).cast(pl.Float64) / M


df = pl.select(
    (1998 + (u(1) * 25).floor().cast(pl.Int64)).alias("t"),
    (u(2) ** 2 * n_codes).floor().cast(pl.Int64).alias("ii"),
    (u(3) * n_codes).floor().cast(pl.Int64).alias("jj"),
    (10000 + (u(4) ** 3 * 5000).floor().cast(pl.Int64) * 17).alias("k"),
    (u(5) * 5000).round(3).alias("v"),
    pl.when(u(6) < 0.05).then(None).otherwise((u(7) * 900).round(3)).alias("q"),
)
df = df.with_columns(
    codes_s.gather(df["ii"]).alias("i"),
    codes_s.gather(df["jj"]).alias("j"),
    pl.col("k").cast(pl.Utf8).str.zfill(6),
).select(["t", "i", "j", "k", "v", "q"])
df.write_csv(out, null_value="NA")
print(f"wrote {rows} rows to {out}")
