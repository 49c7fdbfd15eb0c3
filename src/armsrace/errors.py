"""The exception tree of armsrace.

Every error armsrace raises for bad input or a broken store derives from one root::

    ArmsraceError
    ├── DataError
    │   ├── SourceError
    │   ├── ImportValidationError (also ValueError)
    │   ├── MissingValueError
    │   ├── UnknownEntityError (also LookupError)
    │   │   └── AmbiguousEntityError
    │   └── ReleaseError
    ├── StoreError
    │   └── SchemaVersionError
    ├── ScenarioError (also ValueError)
    ├── DynamicsError (also ValueError)
    ├── ClaimError
    │   └── ArticleReadError
    └── MissingExtraError (also ImportError)

Errors carry structured context (``path``, ``line``, ``field``, ``value``) and build
their message from it, so a user reads *where* and *what* in one line.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ArmsraceError",
    "ArmsraceWarning",
    "AmbiguousEntityError",
    "ArticleReadError",
    "ClaimError",
    "DataError",
    "DynamicsError",
    "ImportValidationError",
    "MissingExtraError",
    "MissingValueError",
    "Problem",
    "ScenarioError",
    "SchemaVersionError",
    "SourceError",
    "ReleaseError",
    "StoreError",
    "UnknownEntityError",
]


class ArmsraceWarning(UserWarning):
    """Base warning of armsrace."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of an input: file, line, field, value, what."""

    message: str
    path: str | None = None
    line: int | None = None
    field: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"{self.path}" + (f" line {self.line}" if self.line is not None else ""))
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.field is not None:
            where.append(f"field `{self.field}`")
        prefix = ", ".join(where)
        shown = "" if self.value is None else f" {_shorten(repr(self.value))}:"
        return f"{prefix}:{shown} {self.message}" if prefix else f"{shown} {self.message}".strip()


class ArmsraceError(Exception):
    """Root of every armsrace error."""


class DataError(ArmsraceError):
    """Something is wrong with facts: a file, a row, a value."""

    def __init__(self, message: str | None = None, *, problems: list[Problem] | None = None):
        self.problems: list[Problem] = list(problems or [])
        if message is None:
            message = _format_problems(self.problems)
        super().__init__(message)


def _format_problems(problems: list[Problem], limit: int = 10) -> str:
    if not problems:
        return "invalid data"
    lines = [str(p) for p in problems[:limit]]
    more = len(problems) - limit
    head = lines[0] if len(problems) == 1 else f"{len(problems)} problems:\n  " + "\n  ".join(lines)
    if more > 0:
        head += f"\n  ... and {more} more"
    return head


class SourceError(DataError):
    """A fact names no source, or a source that does not exist."""


class ImportValidationError(DataError, ValueError):
    """A file offered for import has bad rows; nothing was imported."""


class MissingValueError(DataError):
    """A figure the analysis needs is missing from the store (and is never guessed)."""


class UnknownEntityError(DataError, LookupError):
    """A country, bloc or region name that the store does not know."""


class AmbiguousEntityError(UnknownEntityError):
    """An alias that names more than one entity ("Brussels": Belgium, NATO or the EU)."""


class ReleaseError(DataError):
    """An unknown release, or two releases that cannot be compared."""


class StoreError(ArmsraceError):
    """The fact store cannot be opened, built or written."""


class SchemaVersionError(StoreError):
    """The store's schema version is not one this armsrace knows."""


class ScenarioError(ArmsraceError, ValueError):
    """A scenario file or parameter is invalid."""

    def __init__(self, message: str | None = None, *, problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        super().__init__(message if message is not None else _format_problems(self.problems))


class DynamicsError(ArmsraceError, ValueError):
    """A dynamics fit cannot run on the series it was given."""


class ClaimError(ArmsraceError):
    """The claim checker cannot process an article."""


class ArticleReadError(ClaimError):
    """An article file cannot be read as text or HTML."""


class MissingExtraError(ArmsraceError, ImportError):
    """An optional dependency is not installed; the message names what to install."""

    def __init__(self, package: str, extra: str | None = None):
        self.package = package
        self.extra = extra
        hint = f"pip install 'armsrace[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{package} is needed for this command; install it with: {hint}")


def _shorten(text: str, limit: int = 80) -> str:
    """A value as shown in a message: long ones cut in the middle, with their length."""
    if len(text) <= limit:
        return text
    half = (limit - 20) // 2
    return f"{text[:half]}…({len(text)} characters)…{text[-half:]}"
