"""The embedded datasets as frames with their source columns, and the report as a dict."""

import pandas as pd
import polars as pl
import pytest

import critical_minerals as cm


def test_every_table_is_a_frame_whose_rows_cite_a_source():
    sources = cm.dataset("sources")
    ids = set(sources["id"].to_list())
    assert "usgs-mcs-2025-lithium" in ids
    for name in cm.datasets():
        df = cm.dataset(name)
        assert isinstance(df, pl.DataFrame) and df.height > 0
        if name != "sources":
            assert "source" in df.columns
            assert set(df["source"].to_list()) <= ids, name


def test_production_rows_as_published():
    df = cm.dataset("production", frame="pandas")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns)[:4] == ["commodity", "stage", "measure", "country"]
    world = df[(df.commodity == "lithium") & (df.country == "WORLD") & (df.year == 2024) & (df.measure == "production")]
    assert world["value_t"].tolist() == [240_000]
    assert "NAM" in set(df["country"])  # Namibia, not a missing value


def test_report_is_the_json_form():
    r = cm.report("lithium")
    assert r["commodity"] == "lithium" and r["basis"] == "Li"
    mining = r["mining"]
    assert mining["latest"]["year"] == 2024
    assert {"commodity", "mining", "stages", "reliance", "claims", "notes", "sources"} <= set(r)


def test_report_renders_as_the_crate_renders_it():
    r = cm.report("cobalt")
    assert isinstance(r, dict)
    page = r._repr_html_()
    assert page.lstrip().startswith("<") and "<svg" in page and "Cobalt" in page
    text = r.render("table")
    assert all(len(line) <= 100 for line in text.splitlines())
    assert cm.report("lithium").render("json").strip().startswith("{")
    with pytest.raises(cm.ParseError):
        r.render("pdf")


def test_unknown_and_unsupported_commodities():
    with pytest.raises(cm.UnknownError) as e:
        cm.report("unobtainium")
    assert "unobtainium" in str(e.value)
    with pytest.raises(cm.UnsupportedError):
        cm.report("li-ion-batteries")
    with pytest.raises(cm.UnknownError):
        cm.dataset("nope")
    with pytest.raises(TypeError):
        cm.report(3)
