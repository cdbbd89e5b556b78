"""Type stubs of critical_minerals: typed, unit-safe critical-mineral supply-chain calculators
(a Rust core). Every function and class is documented in its docstring below."""

from os import PathLike
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union, overload

from ._errors import (
    AmbiguousError as AmbiguousError,
    CriticalMineralsError as CriticalMineralsError,
    DuplicateError as DuplicateError,
    EmptyError as EmptyError,
    InconsistentError as InconsistentError,
    InternalError as InternalError,
    InvalidDataError as InvalidDataError,
    InvalidOptionError as InvalidOptionError,
    IoError as IoError,
    LimitError as LimitError,
    MismatchError as MismatchError,
    MissingError as MissingError,
    NegativeError as NegativeError,
    NotConvertibleError as NotConvertibleError,
    NotFiniteError as NotFiniteError,
    NotInForceError as NotInForceError,
    NotPositiveError as NotPositiveError,
    OrderError as OrderError,
    OutOfRangeError as OutOfRangeError,
    OverlapError as OverlapError,
    ParseError as ParseError,
    UnknownError as UnknownError,
    UnsupportedError as UnsupportedError,
    ZeroTotalError as ZeroTotalError,
)

__version__: str

#: Anything the calculators accept: a sequence or iterable of numbers, a NumPy array, a pandas or
#: Polars Series (anything with ``.to_numpy()``). ``None`` and NaN are refused (NotFiniteError).
Values = Any
StrPath = Union[str, "PathLike[str]"]

class Basis:
    """A content basis: what a tonnage counts (``"Li"`` contained lithium, ``"LCE"``,
    ``"LiOH·H2O"``, ``"SC6"``, ``"spodumene-concentrate@6%Li2O"``)."""

    def __init__(self, text: str) -> None:
        """Parses a basis; ParseError or UnknownError with the crate's message."""
    @property
    def element(self) -> Optional[str]:
        """The element counted, as its symbol (``"Li"``); None for a mixture."""
    def factor_to(self, target: Union[str, Basis]) -> float:
        """Tonnes on ``target`` per tonne on this basis; NotConvertibleError between elements."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Amount:
    """A tonnage on a basis: ``Amount(88_000, "t", "Li")``. Units ``t``, ``kg``, ``kt``, ``Mt``.
    ``repr`` shows tonnes and the basis; ``str`` the crate's display (``88 kt Li``)."""

    def __init__(self, value: float, unit: str, basis: Union[str, Basis]) -> None:
        """NotFiniteError, NegativeError, UnknownError (unit), ParseError/UnknownError (basis)."""
    def to(self, basis: Union[str, Basis]) -> Amount:
        """The same material counted on ``basis``: ``Amount(88_000, "t", "Li").to("LCE")``."""
    @property
    def tonnes(self) -> float:
        """The mass in metric tonnes."""
    @property
    def basis(self) -> Basis:
        """The basis."""
    def value_in(self, unit: str) -> float:
        """The mass in ``unit`` (``t``, ``kg``, ``kt``, ``Mt``)."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON form: ``{"value": ..., "unit": "t", "basis": ...}``."""
    def __add__(self, other: Amount) -> Amount:
        """The sum on one basis; MismatchError for two bases."""
    def __mul__(self, factor: float) -> Amount:
        """Scaled by a non-negative factor."""
    def __rmul__(self, factor: float) -> Amount: ...
    def __eq__(self, other: object) -> bool: ...

class Money:
    """Money in one currency (ISO 4217), with its price year when stated."""

    def __init__(self, amount: float, currency_code: str, price_year: Optional[int] = None) -> None:
        """NotFiniteError, UnknownError (currency), OutOfRangeError (price year)."""
    @staticmethod
    def parse(text: str) -> Money:
        """``"150 billion USD"``, ``"USD 1.2 million"``, ``"$150bn"``, ``"€3,500"``; ParseError
        for ``M``/``MM``/``B`` (ambiguous scales), AmbiguousError for ``¥``, UnknownError for an
        unknown code."""
    @property
    def amount(self) -> float:
        """The amount in units of the currency."""
    @property
    def currency(self) -> str:
        """The ISO 4217 code."""
    @property
    def price_year(self) -> Optional[int]:
        """The price year, if stated."""
    def with_price_year(self, year: int) -> Money:
        """The same amount labelled with the prices of ``year``."""
    def in_scale(self, scale: str) -> float:
        """The amount in a scale word (``"thousand"``, ``"million"``, ``"billion"``, ...)."""
    def __add__(self, other: Money) -> Money:
        """MismatchError for two currencies or price years."""
    def __sub__(self, other: Money) -> Money:
        """MismatchError for two currencies or price years."""
    def __eq__(self, other: object) -> bool: ...

class Hhi:
    """A Herfindahl–Hirschman index with its scale explicit."""

    def __init__(self, value: float, scale: Literal["fraction", "points"]) -> None:
        """OutOfRangeError for a fraction above 1 or points above 10,000."""
    @property
    def fraction(self) -> float:
        """The index on 0–1."""
    @property
    def points(self) -> float:
        """The index on 0–10,000 (competition guidelines)."""
    @property
    def effective_number(self) -> float:
        """``1 / HHI``: the number of equal suppliers with the same HHI."""
    def normalized(self, n: int) -> float:
        """``(HHI − 1/n) / (1 − 1/n)`` for ``n`` suppliers."""
    def __eq__(self, other: object) -> bool: ...

class GrowthRate:
    """A compound annual growth rate."""

    @property
    def fraction(self) -> float:
        """Per year, as a fraction (0.045)."""
    @property
    def percent(self) -> float:
        """Per year, in percent (4.5)."""
    def __eq__(self, other: object) -> bool: ...

def shares(values: Values, total: Optional[float] = None) -> Any:
    """Each value's share (fraction) of the values' sum or of a published ``total``, in the
    input's kind (list, NumPy array, pandas Series with its index, Polars Series)."""

@overload
def hhi(values: Values, total: Optional[float] = ..., remainder: Literal["excluded", "as-one-supplier"] = ..., scale: None = ...) -> Hhi: ...
@overload
def hhi(values: Values, total: Optional[float] = ..., remainder: Literal["excluded", "as-one-supplier"] = ..., *, scale: Literal["fraction", "points"]) -> float: ...
def cr(values: Values, n: int = 4, total: Optional[float] = None, remainder: Literal["excluded", "as-one-supplier"] = "excluded") -> float:
    """CR-n: the sum of the ``n`` largest shares, a fraction."""
def entropy(values: Values, total: Optional[float] = None, remainder: Literal["excluded", "as-one-supplier"] = "excluded") -> float:
    """Shannon entropy of the shares, natural log (nats)."""
def effective_number(values: Values) -> float:
    """``1 / HHI`` of the values' shares."""
def cagr(start: float, end: float, start_year: int, end_year: int) -> GrowthRate:
    """Compound annual growth rate ``(end/start)^(1/t) − 1``."""
def net_import_reliance(
    production: Union[float, str],
    imports: Union[float, str],
    exports: Union[float, str],
    basis: Union[str, Basis],
    stock_adjustment: Optional[Union[float, str]] = None,
) -> Dict[str, Any]:
    """USGS net import reliance as a dict tagged by ``kind`` (``percent``, ``total``,
    ``net-exporter``, ``bounded``, ``not-computable``); figures in tonnes or USGS cells
    (``"3,300"``, ``"W"``, ``"NA"``)."""
def concentration(
    path: StrPath,
    by: Literal["exporter", "importer"] = "exporter",
    hs: Optional[Union[str, Sequence[str]]] = None,
    years: Optional[Union[int, range, Tuple[int, int]]] = None,
    *,
    measure: Literal["value", "quantity"] = "value",
    n: int = 4,
    threads: int = 0,
    unknown_codes: Literal["error", "keep"] = "error",
    frame: Literal["polars", "pandas"] = "polars",
    with_report: bool = False,
) -> Any:
    """Per (HS6, year) concentration among exporters or importers of a BACI CSV (or a Parquet
    file or directory of partitions with BACI's column names, values in USD), as a Polars
    (or pandas) DataFrame: hs6, year, rows, total, parties, hhi, hhi_points, cr{n},
    effective_number; ``(frame, report)`` with ``with_report=True``."""
def datasets() -> List[str]:
    """The names of the embedded tables."""
def dataset(name: str, frame: Literal["polars", "pandas"] = "polars") -> Any:
    """One embedded table as a DataFrame with its ``source`` column."""
class Report(Dict[str, Any]):
    """The report as a dict (the crate's JSON form), shown as HTML in notebooks."""

    def render(self, format: Literal["table", "markdown", "csv", "json", "html"] = "table") -> str:
        """The report rendered by the crate in ``format``."""
    def _repr_html_(self) -> str:
        """The crate's HTML page of the report."""

def report(commodity: str) -> Report:
    """The supply-chain report of a commodity as a :class:`Report` (a dict, the crate's JSON
    form, with ``_repr_html_``)."""
def _synthetic_baci(path: StrPath, rows: int, seed: int = 42, products: int = 5000, years: int = 25) -> int:
    """Writes a seeded synthetic BACI file; returns the rows written."""
