"""cm.concentration against a Polars group_by of the same definitions on a generated
BACI-format file (agreement 1e-9), and malformed files raising the documented classes."""

import polars as pl
import pandas as pd
import pytest

import critical_minerals as cm
from conftest import read_baci, reference


def check(ours: pl.DataFrame, ref: pl.DataFrame, n: int = 4):
    assert ours.height == ref.height > 0
    assert ours["hs6"].to_list() == ref["hs6"].to_list()
    assert ours["year"].to_list() == ref["year"].to_list()
    assert ours["rows"].to_list() == ref["rows"].to_list()
    assert ours["parties"].to_list() == ref["parties"].fill_null(0).to_list()
    for a, b in [("total", "total"), ("hhi", "hhi"), (f"cr{n}", "cr")]:
        x, y = ours[a].to_numpy(), ref[b].fill_null(0.0).to_numpy()
        scale = abs(y).max() if a == "total" else 1.0
        assert abs(x - y).max() <= 1e-9 * scale, a


@pytest.mark.parametrize("by, col", [("exporter", "i"), ("importer", "j")])
def test_value_concentration_matches_polars(baci_file, by, col):
    ours = cm.concentration(baci_file, by=by)
    ref = reference(read_baci(baci_file), by=col, measure="v")
    check(ours, ref)
    assert (ours["hhi_points"] - ours["hhi"] * 10_000).abs().max() == 0.0
    assert ours["effective_number"].to_list() == (1 / ours["hhi"]).to_list()


def test_quantity_cr3_filtered_by_product_and_year_matches_polars(baci_file):
    df = read_baci(baci_file)
    prefixes = ["01", "0244"]
    ours = cm.concentration(baci_file, by="exporter", hs=prefixes, years=range(1999, 2001), measure="quantity", n=3)
    cut = df.filter(pl.col("k").str.starts_with("01") | pl.col("k").str.starts_with("0244")).filter(
        pl.col("t").is_between(1999, 2000)
    )
    check(ours, reference(cut, by="i", measure="q", n=3), n=3)
    assert set(ours["year"].to_list()) == {1999, 2000}


def test_pandas_frame_and_the_load_report(baci_file):
    pdf, report = cm.concentration(baci_file, by="exporter", years=1998, frame="pandas", with_report=True)
    assert isinstance(pdf, pd.DataFrame) and list(pdf.columns)[:3] == ["hs6", "year", "rows"]
    assert report["rows_read"] == 200_000
    assert report["rows_kept"] + report["rows_filtered"] == 200_000
    assert int(pdf["rows"].sum()) == report["rows_kept"]


def test_a_group_with_every_value_missing_has_null_hhi(tmp_path):
    f = tmp_path / "na.csv"
    f.write_text("t,i,j,k,v,q\n2022,152,156,283691,NA,1\n2022,36,156,283691,,2\n2022,36,156,283692,5,2\n")
    ours = cm.concentration(f, by="exporter")
    assert ours["hs6"].to_list() == ["283691", "283692"]
    assert ours["rows"].to_list() == [2, 1]
    assert ours["hhi"].to_list() == [None, 1.0]


@pytest.mark.parametrize(
    "text, error, fragment, line",
    [
        ("t,i,j,k,v,q\n2022,152,156,283691,x,1\n", cm.CriticalMineralsError, '"x"', 2),
        ("t,i,j,k,v,q\n2022,152,156,283691,1\n", cm.CriticalMineralsError, "", 2),
        ("a,b\n1,2\n", cm.CriticalMineralsError, "", 1),
        ("t,i,j,k,v,q\n2022,152,156,283691,-4,1\n", cm.CriticalMineralsError, "-4", 2),
        ("t,i,j,k,v,q\n2022,152,156,283691,nan,1\n", cm.CriticalMineralsError, "", 2),
        ("t,i,j,k,v,q\n2022,999,156,283691,1,1\n", cm.UnknownError, "999", 2),
    ],
)
def test_malformed_files_name_their_line(tmp_path, text, error, fragment, line):
    f = tmp_path / "bad.csv"
    f.write_text(text)
    with pytest.raises(error) as e:
        cm.concentration(f, by="exporter")
    assert fragment in str(e.value)
    assert "bad.csv" in str(e.value)
    assert e.value.line == line
    assert type(e.value) is not cm.CriticalMineralsError  # a kind's class, not the base


def test_unknown_codes_can_be_kept_and_counted(tmp_path):
    f = tmp_path / "unknown.csv"
    f.write_text("t,i,j,k,v,q\n2022,999,156,283691,1,1\n2022,152,156,283691,3,1\n")
    df, report = cm.concentration(f, by="exporter", unknown_codes="keep", with_report=True)
    assert df["parties"].to_list() == [2]
    assert report["unknown_codes"] == [{"code": 999, "rows": 1}]


def test_missing_file_and_bad_options(tmp_path):
    with pytest.raises(cm.IoError) as e:
        cm.concentration(tmp_path / "absent.csv", by="exporter")
    assert "absent.csv" in str(e.value)
    f = tmp_path / "ok.csv"
    f.write_text("t,i,j,k,v,q\n2022,152,156,283691,1,1\n")
    for kwargs in [{"by": "partner"}, {"measure": "weight"}, {"frame": "arrow"}, {"n": 0}, {"years": (2023, 2022)}]:
        with pytest.raises(cm.InvalidOptionError):
            cm.concentration(f, **{"by": "exporter", **kwargs})
    with pytest.raises(cm.CriticalMineralsError):
        cm.concentration(f, by="exporter", hs=["28x"])
    with pytest.raises(TypeError):
        cm.concentration(f, by="exporter", years="2022")


def write_parquet_like_baci(df: pl.DataFrame, path):
    """The BACI frame (values already in USD) in the Parquet layout the crate reads: t, i, j, k,
    v, q with BACI's numeric economy codes and six-digit product text."""
    df.select(
        pl.col("t").cast(pl.Int16), "i", "j", "k", "v", "q"
    ).write_parquet(path)


def test_parquet_file_and_partitioned_directory_match_the_csv(baci_file, tmp_path):
    df = read_baci(baci_file)
    one = tmp_path / "baci.parquet"
    write_parquet_like_baci(df, one)
    parts = tmp_path / "parts"
    for (year,), part in df.partition_by("t", as_dict=True).items():
        d = parts / f"year={year}"
        d.mkdir(parents=True)
        write_parquet_like_baci(part, d / "part-0.parquet")
    from_csv = cm.concentration(baci_file, by="exporter")
    for source in (one, parts):
        ours, report = cm.concentration(source, by="exporter", with_report=True)
        check(ours, reference(df, by="i", measure="v"))
        assert ours["hhi"].to_list() == pytest.approx(from_csv["hhi"].to_list(), rel=1e-12, abs=0)
        assert report["rows_read"] == report["rows_kept"] == 200_000
        assert report["value_usd"] == pytest.approx(df["v"].sum(), rel=1e-12)
    # filters apply to Parquet as to CSV
    cut = cm.concentration(parts, by="importer", hs=["01"], years=(1999, 2000), measure="quantity", n=3)
    ref = df.filter(pl.col("k").str.starts_with("01") & pl.col("t").is_between(1999, 2000))
    check(cut, reference(ref, by="j", measure="q", n=3), n=3)


def test_parquet_errors_name_the_file(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(cm.IoError, match="no \\*.parquet file"):
        cm.concentration(empty)
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(cm.CriticalMineralsError, match="bad.parquet"):
        cm.concentration(bad)
    wrong = tmp_path / "wrong.parquet"
    pl.DataFrame({"year": [2020], "value": [1.0]}).write_parquet(wrong)
    with pytest.raises(cm.CriticalMineralsError, match="wrong.parquet"):
        cm.concentration(wrong)
