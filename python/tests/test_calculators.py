"""The calculators against NumPy/pandas/Polars computations of the same definitions, on every
kind of input the package accepts."""

import math

import numpy as np
import pandas as pd
import polars as pl
import pytest

import critical_minerals as cm

RNG = np.random.default_rng(17)
# USGS MCS 2025 lithium 2024 country rows (t Li); the HHI on the rows is 2,303 points
LITHIUM = [18_000.0, 88_000.0, 10_000.0, 4_300.0, 49_000.0, 41_000.0, 2_700.0, 380.0, 22_000.0]


def kinds(values):
    """The same numbers as a list, tuple, generator, NumPy array, pandas and Polars Series."""
    return [
        list(values),
        tuple(values),
        (v for v in values),
        np.asarray(values),
        pd.Series(values, index=[f"c{i}" for i in range(len(values))]),
        pl.Series("t", values),
    ]


@pytest.mark.parametrize("case", range(6))
def test_shares_hhi_cr_entropy_match_pandas(case):
    values = RNG.lognormal(8, 2, size=int(RNG.integers(1, 60)))
    s = pd.Series(values)
    share = s / s.sum()
    for v in kinds(values):
        assert np.allclose(np.asarray(list(cm.shares(v))), share.to_numpy(), rtol=0, atol=1e-12)
    for v in kinds(values):
        h = cm.hhi(v)
        assert math.isclose(h.fraction, float((share**2).sum()), rel_tol=1e-12)
    assert math.isclose(cm.hhi(values, scale="points"), 10_000 * float((share**2).sum()), rel_tol=1e-12)
    assert math.isclose(cm.effective_number(values), 1 / float((share**2).sum()), rel_tol=1e-12)
    for n in (1, 3, 4, 100):
        assert math.isclose(cm.cr(values, n), float(share.nlargest(n).sum()), rel_tol=1e-12)
    ent = float(-(share[share > 0] * np.log(share[share > 0])).sum())
    assert math.isclose(cm.entropy(values), ent, rel_tol=1e-9, abs_tol=1e-12)


def test_results_keep_the_kind_of_their_input():
    s = pd.Series([1.0, 3.0], index=["AU", "CL"], name="t")
    out = cm.shares(s)
    assert isinstance(out, pd.Series) and list(out.index) == ["AU", "CL"] and out["CL"] == 0.75
    out = cm.shares(pl.Series("t", [1.0, 3.0]))
    assert isinstance(out, pl.Series) and out.name == "t" and out.to_list() == [0.25, 0.75]
    assert isinstance(cm.shares(np.array([1, 3])), np.ndarray)
    assert cm.shares([1, 3]) == [0.25, 0.75]


def test_usgs_lithium_hhi_on_both_scales_and_a_published_total():
    h = cm.hhi(LITHIUM)
    assert round(h.points) == 2303 and math.isclose(h.fraction * 10_000, h.points)
    assert round(cm.hhi(LITHIUM, total=240_000, scale="points")) == 2215
    assert round(cm.hhi(LITHIUM, total=240_000, remainder="as-one-supplier", scale="points")) == 2219
    assert round(cm.cr(LITHIUM, 3, total=240_000) * 1000) == 742
    assert cm.Hhi(2303, "points").fraction == 0.2303
    with pytest.raises(cm.OutOfRangeError):
        cm.Hhi(2303, "fraction")  # points passed as a fraction


@pytest.mark.parametrize(
    "values, error, fragment",
    [
        ([1.0, float("nan")], cm.NotFiniteError, "NaN"),
        ([1.0, None], cm.NotFiniteError, "NaN"),
        ([1.0, float("inf")], cm.NotFiniteError, "inf"),
        ([1.0, -2.0], cm.NegativeError, "-2"),
        ([], cm.EmptyError, ""),
        ([0.0, 0.0], cm.ZeroTotalError, ""),
        (np.array([1.0, np.nan]), cm.NotFiniteError, "NaN"),
        (pd.Series([1.0, None]), cm.NotFiniteError, "NaN"),
        (pl.Series([1.0, None]), cm.NotFiniteError, "NaN"),
        (pl.Series([1, None]), cm.NotFiniteError, "NaN"),
        (pd.Series([1, None], dtype="Int64"), cm.NotFiniteError, "NaN"),
    ],
)
def test_bad_values_raise_the_documented_class(values, error, fragment):
    for f in (cm.shares, cm.hhi, cm.entropy, lambda v: cm.cr(v, 2)):
        with pytest.raises(error) as e:
            f(values)
        assert fragment in str(e.value)
        assert isinstance(e.value, cm.CriticalMineralsError)


@pytest.mark.parametrize(
    "values",
    ["1,2,3", 5, [1, "2"], np.array(["a", "b"]), [[1, 2]], np.ones((2, 2)), pd.Series(["a"]), pl.Series(["a"])],
)
def test_wrong_types_are_type_errors(values):
    with pytest.raises(TypeError):
        cm.hhi(values)


def test_options_are_checked():
    with pytest.raises(cm.InvalidOptionError):
        cm.hhi([1, 2], scale="percent")
    with pytest.raises(cm.InvalidOptionError):
        cm.hhi([1, 2], remainder="spread")
    with pytest.raises(cm.InvalidOptionError):
        cm.cr([1, 2], 0)
    with pytest.raises(cm.InconsistentError):
        cm.shares([10, 20], total=5)


def test_cagr_matches_the_formula():
    r = cm.cagr(238_000, 290_000, 2023, 2024)  # USGS MCS 2025 cobalt world production
    assert math.isclose(r.fraction, 290_000 / 238_000 - 1, rel_tol=1e-12)
    assert math.isclose(cm.cagr(100, 200, 2020, 2025).percent, 100 * (2 ** (1 / 5) - 1), rel_tol=1e-12)
    with pytest.raises(cm.NotPositiveError):
        cm.cagr(0, 1, 2020, 2021)
    with pytest.raises(cm.NotFiniteError):
        cm.cagr(float("nan"), 1, 2020, 2021)
    with pytest.raises(cm.CriticalMineralsError):
        cm.cagr(1, 2, 2021, 2020)


def test_net_import_reliance_follows_usgs():
    # USGS MCS 2025 lithium 2024e: production W, imports 3,300 t, exports 1,700 t
    r = cm.net_import_reliance("W", "3,300", 1_700, "Li")
    assert r["kind"] == "bounded" and (r["low"], r["high"]) == (0.0, 100.0)
    assert r["net_imports"] == {"value": 1600.0, "unit": "t", "basis": "Li"}
    r = cm.net_import_reliance(100, 80, 30, "Co")
    assert r["kind"] == "percent" and math.isclose(r["percent"], 100 * 50 / 150)
    assert cm.net_import_reliance(100, 10, 30, "Co")["kind"] == "net-exporter"
    with pytest.raises(cm.NegativeError):
        cm.net_import_reliance(-1, 1, 1, "Li")
    with pytest.raises(cm.ParseError):
        cm.net_import_reliance("lots", 1, 1, "Li")
    with pytest.raises(cm.CriticalMineralsError):
        cm.net_import_reliance(1, 1, 1, "Unobtainium")
