"""Shared fixtures: BACI-format files and the Polars reference computation of the columnar
definitions (shares of each party's total in a (HS6, year) group, HHI = Σ s², CR-n = the n
largest shares), written independently of the library."""

from __future__ import annotations

import polars as pl
import pytest

import critical_minerals as cm


@pytest.fixture(scope="session")
def baci_file(tmp_path_factory):
    """A 200,000-row synthetic BACI file (200 products × 5 years, 5 % of quantities NA)."""
    path = tmp_path_factory.mktemp("baci") / "baci.csv"
    written = cm._synthetic_baci(path, 200_000, seed=7, products=200, years=5)
    assert written == 200_000
    return path


def read_baci(path) -> pl.DataFrame:
    """A BACI file as Polars reads it: values in USD (thousands × 1,000), `NA` as null."""
    return pl.read_csv(
        path,
        schema={"t": pl.Int64, "i": pl.Int64, "j": pl.Int64, "k": pl.String, "v": pl.Float64, "q": pl.Float64},
        null_values=["NA", ""],
    ).with_columns(pl.col("v") * 1000.0)


def reference(df: pl.DataFrame, by: str = "i", measure: str = "v", n: int = 4) -> pl.DataFrame:
    """Per (k, t): rows, total, parties (with a positive total), HHI and CR-n, by Polars."""
    rows = df.group_by("k", "t").agg(pl.len().alias("rows"))
    party = (
        df.filter(pl.col(measure).is_not_null())
        .group_by("k", "t", by)
        .agg(pl.col(measure).sum().alias("q"))
        .filter(pl.col("q") > 0)
    )
    groups = (
        party.with_columns((pl.col("q") / pl.col("q").sum().over("k", "t")).alias("s"))
        .group_by("k", "t")
        .agg(
            pl.col("q").sum().alias("total"),
            pl.len().alias("parties"),
            (pl.col("s") ** 2).sum().alias("hhi"),
            (pl.col("q").top_k(n).sum() / pl.col("q").sum()).alias("cr"),
        )
    )
    return (
        rows.join(groups, on=["k", "t"], how="left")
        .rename({"k": "hs6", "t": "year"})
        .sort("hs6", "year")
    )
