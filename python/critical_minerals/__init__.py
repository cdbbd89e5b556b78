"""critical_minerals: typed, unit-safe critical-mineral supply-chain calculators.

A thin Python layer over the Rust crate ``critical-minerals``: every number is computed by the
Rust core; this package converts arguments (lists, NumPy arrays, pandas and Polars Series) and
results (Polars or pandas frames, dicts).

>>> import critical_minerals as cm
>>> str(cm.Amount(88_000, "t", "Li").to("LCE"))
'468.454 kt LCE'
>>> round(cm.hhi([88_000, 49_000, 41_000], scale="points"))
3777
"""

from __future__ import annotations

import json as _json
import math as _math
from typing import Any, Iterable, List, Optional, Sequence, Tuple, Union

from . import _native
from ._errors import *  # noqa: F401,F403  (the exception classes)
from ._errors import CriticalMineralsError, InvalidOptionError, __all__ as _error_names
from ._native import Amount, Basis, GrowthRate, Hhi, Money

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "Basis",
    "Money",
    "Hhi",
    "GrowthRate",
    "shares",
    "hhi",
    "cr",
    "entropy",
    "effective_number",
    "cagr",
    "net_import_reliance",
    "concentration",
    "dataset",
    "datasets",
    "report",
    "Report",
    *_error_names,
]


# ----------------------------------------------------------------------------------------------
# inputs


def _values(values: Any) -> List[float]:
    """A list of floats from a sequence, an iterable, a NumPy array or a pandas/Polars Series.

    Objects with ``.to_numpy()`` (pandas and Polars Series) go through NumPy; everything else
    must iterate to numbers. A string is refused: it iterates to characters, not numbers.
    """
    if isinstance(values, (str, bytes)):
        raise TypeError(f"expected a sequence of numbers, got {type(values).__name__}")
    if hasattr(values, "to_numpy"):
        if type(values).__module__.split(".")[0] == "pandas":
            # nullable dtypes (Int64, Float64) hold pd.NA: read as NaN, which the core refuses
            # naming its position, rather than as an object array
            try:
                values = values.to_numpy(dtype="float64", na_value=_math.nan)
            except (TypeError, ValueError):
                raise TypeError(f"expected numbers, got a Series of dtype {values.dtype}") from None
        else:
            values = values.to_numpy()
    if hasattr(values, "tolist") and hasattr(values, "dtype"):
        kind = getattr(values.dtype, "kind", "f")
        if kind not in "biuf":
            raise TypeError(f"expected numbers, got an array of dtype {values.dtype}")
        if getattr(values, "ndim", 1) != 1:
            raise TypeError(f"expected a one-dimensional array, got {values.ndim} dimensions")
        return [float(v) for v in values.tolist()]
    try:
        items = iter(values)
    except TypeError:
        raise TypeError(f"expected a sequence of numbers, got {type(values).__name__}") from None
    out = []
    for v in items:
        if v is None:
            # a missing value is not zero: the core's NaN check names its position
            out.append(_math.nan)
        elif isinstance(v, (str, bytes)) or not isinstance(v, (int, float)) and not hasattr(v, "__float__"):
            raise TypeError(f"expected numbers, got {type(v).__name__} {v!r}")
        else:
            out.append(float(v))
    return out


def _like(values: Any, result: List[float]) -> Any:
    """``result`` in the container kind of ``values``: a pandas Series keeps its index, a
    Polars Series its name, a NumPy array stays an array; anything else gives a list."""
    mod = type(values).__module__.split(".")[0]
    if mod == "pandas" and hasattr(values, "index"):
        import pandas as pd

        return pd.Series(result, index=values.index, name=getattr(values, "name", None), dtype="float64")
    if mod == "polars" and hasattr(values, "to_numpy"):
        import polars as pl

        return pl.Series(getattr(values, "name", ""), result, dtype=pl.Float64)
    if mod == "numpy":
        import numpy as np

        return np.asarray(result, dtype=np.float64)
    return result


# ----------------------------------------------------------------------------------------------
# calculators


def shares(values: Any, total: Optional[float] = None) -> Any:
    """Each value's share (a fraction in [0, 1]) of the sum of the values, or of a published
    ``total`` (at least their sum; the rest is unallocated).

    ``values``: a list, tuple, iterable of numbers, NumPy array, pandas or Polars Series. The
    result has the same kind (a Series keeps its index or name). Raises ``EmptyError``,
    ``NotFiniteError`` (NaN, inf, missing values), ``NegativeError``, ``ZeroTotalError``,
    ``InconsistentError`` (total below the sum).
    """
    return _like(values, _native.shares(_values(values), total))


def hhi(
    values: Any,
    total: Optional[float] = None,
    remainder: str = "excluded",
    scale: Optional[str] = None,
) -> Union[Hhi, float]:
    """The Herfindahl–Hirschman index ``Σ sᵢ²`` of the values' shares.

    With ``scale=None`` an :class:`Hhi`, which answers ``.fraction`` (0–1) and ``.points``
    (0–10,000); with ``scale="fraction"`` or ``scale="points"`` that number. With a published
    ``total``, ``remainder="excluded"`` counts listed suppliers only (a lower bound) and
    ``remainder="as-one-supplier"`` counts the unallocated rest as one more (an upper bound).
    Raises as :func:`shares`, and ``InvalidOptionError`` for another scale or remainder.
    """
    h = _native.hhi(_values(values), total, remainder)
    if scale is None:
        return h
    if scale == "fraction":
        return h.fraction
    if scale == "points":
        return h.points
    raise InvalidOptionError(f'scale {scale!r}: expected "fraction" or "points"')


def cr(values: Any, n: int = 4, total: Optional[float] = None, remainder: str = "excluded") -> float:
    """The concentration ratio CR-``n``: the sum of the ``n`` largest shares, a fraction.
    Raises as :func:`shares`."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, got {type(n).__name__}")
    if n < 1:
        raise InvalidOptionError(f"CR-n: n = {n}, expected n >= 1")
    return _native.cr(_values(values), n, total, remainder)


def entropy(values: Any, total: Optional[float] = None, remainder: str = "excluded") -> float:
    """The Shannon entropy ``−Σ sᵢ ln sᵢ`` of the values' shares, in nats (natural log).
    Raises as :func:`shares`."""
    return _native.entropy(_values(values), total, remainder)


def effective_number(values: Any) -> float:
    """The effective number of suppliers, ``1 / HHI`` of the values' shares (rows' sum).
    Raises as :func:`shares`."""
    return _native.hhi(_values(values), None, "excluded").effective_number


def cagr(start: float, end: float, start_year: int, end_year: int) -> GrowthRate:
    """The compound annual growth rate ``(end/start)^(1/t) − 1`` from ``start`` in
    ``start_year`` to ``end`` in ``end_year``, as a :class:`GrowthRate` (``.fraction``,
    ``.percent``). Raises ``NotPositiveError`` / ``NotFiniteError`` naming the value,
    ``OrderError`` for an end year not after the start year."""
    return _native.cagr(start, end, start_year, end_year)


def net_import_reliance(
    production: Union[float, str],
    imports: Union[float, str],
    exports: Union[float, str],
    basis: Union[str, Basis],
    stock_adjustment: Optional[Union[float, str]] = None,
) -> dict:
    """USGS net import reliance, ``(imports − exports ± stock adjustment) / apparent
    consumption``, as a dict (the crate's JSON form) tagged by ``kind``: ``percent`` (with
    ``percent``), ``total`` (100 %), ``net-exporter``, ``bounded`` (``low``, ``high``: production
    withheld) or ``not-computable`` (with ``missing``).

    Each figure is tonnes on ``basis``, or a USGS table cell: ``"3,300"``, ``"W"`` (withheld),
    ``"NA"``, ``"—"`` (zero). Raises ``NotFiniteError``, ``NegativeError`` naming the component,
    ``ParseError`` for an unreadable cell, ``UnknownError``/``ParseError`` for the basis.
    """
    return _native.net_import_reliance(production, imports, exports, basis, stock_adjustment)


# ----------------------------------------------------------------------------------------------
# the columnar path


def _years(years: Any) -> Optional[Tuple[int, int]]:
    if years is None:
        return None
    if isinstance(years, bool):
        raise TypeError("years must be an int, a range or a (first, last) pair")
    if isinstance(years, int):
        return (years, years)
    if isinstance(years, range):
        if years.step != 1 or len(years) == 0:
            raise InvalidOptionError(f"years {years!r}: expected a non-empty range of step 1")
        return (years.start, years[-1])
    if isinstance(years, (tuple, list)) and len(years) == 2 and all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        return (years[0], years[1])
    raise TypeError("years must be an int, a range or a (first, last) pair of ints, both included")


def concentration(
    path: Any,
    by: str = "exporter",
    hs: Optional[Union[str, Sequence[str]]] = None,
    years: Any = None,
    *,
    measure: str = "value",
    n: int = 4,
    threads: int = 0,
    unknown_codes: str = "error",
    frame: str = "polars",
    with_report: bool = False,
) -> Any:
    """Per (HS6 product, year) concentration among exporters or importers of a BACI file.

    ``path``: a BACI CSV (``t,i,j,k,v,q``: year, exporter, importer, HS6, value in thousands of
    USD, quantity in tonnes; ``NA`` or empty for missing), or Parquet: a ``*.parquet`` file or a
    directory of them (e.g. one ``year=YYYY`` partition each), with the same column names but
    values in USD (the layout of the crate's Arrow feature; economies and products as text,
    dictionary or BACI's integer codes). ``by``: ``"exporter"`` or
    ``"importer"``. ``hs``: HS code prefixes to keep (``["2836", "282520"]``), all if ``None``.
    ``years``: an int, a ``range`` or a ``(first, last)`` pair (both included), all if ``None``.
    ``measure``: ``"value"`` (USD) or ``"quantity"`` (tonnes). ``n``: the n of CR-n.
    ``threads``: 0 for every core. ``unknown_codes``: ``"error"`` (default) or ``"keep"`` (an
    economy code in no list is its own economy, counted in the report).

    Returns a Polars DataFrame (``frame="pandas"`` for pandas), one row per group, ordered by
    (hs6, year): ``hs6`` (six-digit text), ``year``, ``rows``, ``total`` (USD or t),
    ``parties``, ``hhi`` (fraction), ``hhi_points``, ``cr{n}`` (fraction),
    ``effective_number``. A group whose values are all missing has null HHI and CR-n. With
    ``with_report=True``, ``(frame, report)`` where ``report`` is the load report (rows read,
    kept, filtered, totals, unknown codes).

    Raises ``IoError`` (file), ``InvalidDataError`` / ``ParseError`` naming file, line and column
    (malformed rows), ``UnknownError`` (an economy code in no list), ``InvalidOptionError``.
    """
    import numpy as np

    if frame not in ("polars", "pandas"):
        raise InvalidOptionError(f'frame {frame!r}: expected "polars" or "pandas"')
    if isinstance(hs, str):
        hs = [hs]
    if hs is not None:
        hs = [str(h) for h in hs]
    if isinstance(n, bool) or not isinstance(n, int) or isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError("n and threads must be ints")
    if n < 1:
        raise InvalidOptionError(f"CR-n: n = {n}, expected n >= 1")
    if threads < 0:
        raise InvalidOptionError(f"threads = {threads}, expected 0 (every core) or more")
    import os

    d = _native.concentration_columns(
        os.fspath(path), by, hs, _years(years), measure, n, threads, unknown_codes
    )
    hs6 = np.frombuffer(d["hs6"], dtype="<u4")
    hhi_ = np.frombuffer(d["hhi"], dtype="<f8")
    cols = {
        "hs6": hs6,
        "year": np.frombuffer(d["year"], dtype="<i4"),
        "rows": np.frombuffer(d["rows"], dtype="<u8"),
        "total": np.frombuffer(d["total"], dtype="<f8"),
        "parties": np.frombuffer(d["parties"], dtype="<u8"),
        "hhi": hhi_,
        "hhi_points": hhi_ * 10_000.0,
        f"cr{n}": np.frombuffer(d["cr"], dtype="<f8"),
        "effective_number": 1.0 / hhi_,
    }
    if frame == "polars":
        import polars as pl

        df = pl.DataFrame(cols, nan_to_null=True).with_columns(
            pl.col("hs6").cast(pl.String).str.zfill(6)
        )
    else:
        import pandas as pd

        df = pd.DataFrame(cols)
        df["hs6"] = df["hs6"].astype(str).str.zfill(6)
    return (df, d["report"]) if with_report else df


def _synthetic_baci(path: Any, rows: int, seed: int = 42, products: int = 5000, years: int = 25) -> int:
    """Writes a seeded synthetic BACI file (the core's generator: Zipf exporters and importers
    per product, log-normal values, 5 % of quantities missing); returns the rows written.
    For tests and benchmarks."""
    import os

    return _native.synthetic_baci(os.fspath(path), rows, seed, products, years)


# ----------------------------------------------------------------------------------------------
# embedded data and the report


_DATASET: Optional[dict] = None


def _dataset() -> dict:
    global _DATASET
    if _DATASET is None:
        _DATASET = _json.loads(_native.dataset_json())
    return _DATASET


def datasets() -> List[str]:
    """The names of the embedded tables: ``sources``, ``production``, ``us_salient``,
    ``stage_shares``, ``claims``, ``prices``, ``facilities``."""
    return list(_dataset())


def dataset(name: str, frame: str = "polars") -> Any:
    """One embedded table as a DataFrame (Polars, or pandas with ``frame="pandas"``): one row
    per data row, the table's CSV columns in their order, ``source`` among them (an id of the
    ``sources`` table, which names publisher, title, edition and page). Countries are ISO alpha-3
    codes (``NAM`` is Namibia); an empty cell is null.
    Raises ``UnknownError`` for another name."""
    if frame not in ("polars", "pandas"):
        raise InvalidOptionError(f'frame {frame!r}: expected "polars" or "pandas"')
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    tables = _dataset()
    if name not in tables:
        from ._errors import UnknownError

        raise UnknownError(f"unknown dataset table {name!r}: expected one of {', '.join(tables)}")
    rows = tables[name]
    columns: dict = {}
    for r in rows:
        for k in r:
            columns.setdefault(k, None)
    data = {k: [r.get(k) for r in rows] for k in columns}
    if frame == "polars":
        import polars as pl

        return pl.DataFrame(data, strict=False)
    import pandas as pd

    return pd.DataFrame(data)


class Report(dict):
    """The supply-chain report of one commodity: a dict, the crate's JSON form (keys
    ``commodity``, ``title``, ``basis``, ``unit``, ``mining``, ``stages``, ``china``,
    ``reliance``, ``claims``, ``notes``, ``sources``), that notebooks show as the crate's HTML
    page (``_repr_html_``) and that renders as text with :meth:`render`."""

    def render(self, format: str = "table") -> str:
        """The report as ``"table"`` (plain text, lines of at most 100 characters),
        ``"markdown"``, ``"csv"`` (``table,row,column,value``), ``"json"`` or ``"html"`` (one
        self-contained page with SVG charts). Raises ``ParseError`` for another format."""
        return _native.report_render(self["commodity"], format)

    def _repr_html_(self) -> str:
        """The HTML page, for Jupyter and other notebooks."""
        return self.render("html")


def report(commodity: str) -> Report:
    """The supply-chain report of ``commodity`` (``"lithium"``, ``"cobalt"``, ``"nickel"``,
    ``"natural-graphite"``) from the embedded data, as a :class:`Report`: a dict (the crate's
    JSON form: ``commodity``, ``title``, ``basis``, ``unit``, ``mining``, ``stages``,
    ``china``, ``reliance``, ``claims``, ``notes``, ``sources``) shown as HTML in notebooks.
    Raises ``UnknownError`` for an unknown commodity (the message names close ones),
    ``UnsupportedError`` for one without a report (``li-ion-batteries``)."""
    if not isinstance(commodity, str):
        raise TypeError(f"commodity must be a str, got {type(commodity).__name__}")
    return Report(_json.loads(_native.report_json(commodity)))
