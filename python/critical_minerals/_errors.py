"""The exceptions of critical_minerals: one class per kind of the Rust crate's ``ErrorKind``.

Every exception raised by the library for bad input is a :class:`CriticalMineralsError`, itself a
:class:`ValueError`; its message is the crate's message, naming the offending value and where it
came from (argument, file, line, column). Catch the base class, or the subclass of the kind you
can act on (``NotFiniteError`` for NaN, ``UnknownError`` for an unknown code or basis, ...).
Arguments of the wrong Python type raise :class:`TypeError`, as Python functions do.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "CriticalMineralsError",
    "NotFiniteError",
    "NegativeError",
    "NotPositiveError",
    "OutOfRangeError",
    "InvalidOptionError",
    "EmptyError",
    "ZeroTotalError",
    "OrderError",
    "MismatchError",
    "NotConvertibleError",
    "UnknownError",
    "AmbiguousError",
    "ParseError",
    "DuplicateError",
    "OverlapError",
    "InconsistentError",
    "MissingError",
    "NotInForceError",
    "InvalidDataError",
    "IoError",
    "LimitError",
    "UnsupportedError",
    "InternalError",
]


class CriticalMineralsError(ValueError):
    """Any error of the library: ``kind`` names the crate's ``ErrorKind``, ``line`` the line of
    the file the message names (1-based, the header is line 1), if any."""

    kind: str = "Unknown kind"

    def __init__(self, message: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class NotFiniteError(CriticalMineralsError):
    """A NaN or infinite number, or a computation that overflowed to one."""

    kind = "NotFinite"


class NegativeError(CriticalMineralsError):
    """A negative number where the quantity cannot be negative."""

    kind = "Negative"


class NotPositiveError(CriticalMineralsError):
    """Zero or a negative number where a positive one is needed (a CAGR's start value)."""

    kind = "NotPositive"


class OutOfRangeError(CriticalMineralsError):
    """A number outside its allowed range (an HHI fraction above 1, a price year before 1900)."""

    kind = "OutOfRange"


class InvalidOptionError(CriticalMineralsError):
    """An option outside what the function accepts (``by="partner"``, ``n=0``)."""

    kind = "InvalidOption"


class EmptyError(CriticalMineralsError):
    """No input where at least one item is needed; a blank name."""

    kind = "Empty"


class ZeroTotalError(CriticalMineralsError):
    """Inputs that add up to zero, so nothing can be divided by their total."""

    kind = "ZeroTotal"


class OrderError(CriticalMineralsError):
    """Dates, periods or bounds in the wrong order (an end year before the start year)."""

    kind = "Order"


class MismatchError(CriticalMineralsError):
    """Two values that cannot be combined as they are: bases, currencies, price years."""

    kind = "Mismatch"


class NotConvertibleError(CriticalMineralsError):
    """A conversion that cannot be made (between elements, or of a mixture such as REO)."""

    kind = "NotConvertible"


class UnknownError(CriticalMineralsError):
    """A name or code that is not known: a country, currency, element, unit, commodity, table."""

    kind = "Unknown"


class AmbiguousError(CriticalMineralsError):
    """A name that could mean more than one thing (``¥``: CNY or JPY?)."""

    kind = "Ambiguous"


class ParseError(CriticalMineralsError):
    """Text that cannot be read as what it should be (a basis, money, an HS code)."""

    kind = "Parse"


class DuplicateError(CriticalMineralsError):
    """Something given twice where it must be unique."""

    kind = "Duplicate"


class OverlapError(CriticalMineralsError):
    """Regions that share countries where a partition is needed."""

    kind = "Overlap"


class InconsistentError(CriticalMineralsError):
    """Inputs that contradict each other (a published total below the sum of its rows)."""

    kind = "Inconsistent"


class MissingError(CriticalMineralsError):
    """A required field, column or figure that is absent."""

    kind = "Missing"


class NotInForceError(CriticalMineralsError):
    """A rule asked about a date before it existed."""

    kind = "NotInForce"


class InvalidDataError(CriticalMineralsError):
    """A malformed row or cell of a file; the message names file, line and column."""

    kind = "InvalidData"


class IoError(CriticalMineralsError):
    """A file that cannot be read or written; the message names the path."""

    kind = "Io"


class LimitError(CriticalMineralsError):
    """A documented size limit of the library exceeded."""

    kind = "Limit"


class UnsupportedError(CriticalMineralsError):
    """An input the calculator does not support (a commodity without a report)."""

    kind = "Unsupported"


class InternalError(CriticalMineralsError):
    """A failure of the library itself; please report it."""

    kind = "Internal"
