"""The :class:`Claim` value: one quantitative statement with its offsets and meaning."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Claim"]


@dataclass(frozen=True)
class Claim:
    """One quantitative statement found in an article.

    ``value`` is in ``unit``: ``pct_gdp``/``pct``/``pct_points`` in percent, money in whole
    currency units (``usd``, ``eur``, ``rub``, ``gbp``, ``cny``), ``count``, ``ratio``,
    ``share`` (a fraction 0–1), ``year``. ``precision`` is the half-width of the interval the
    printed number stands for (its rounding), in the same unit.

    ``subject`` / ``versus`` are entity codes (``RUS``, ``NATO``, ``NATO_EUCA``, ``EU``,
    ISO3); ``year`` is the year the figure refers to (``year_explicit`` when the text says
    so, else the article's year); ``qualifier`` is "more than", "at least", "about",
    "nearly", "up to" or "less than"; ``item`` a production item; ``deadline`` a target
    year; ``measure`` "market", "ppp" or "constant_<base>"; ``definition`` the source whose
    definition the text names (``SIPRI``, ``NATO``, ``IISS``, ``national``); ``threshold``
    the share of GDP of a "most allies meet ..." claim; ``base_year`` the "since" year of a
    growth claim.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str
    metric: str
    subject: str | None = None
    versus: str | None = None
    year: int | None = None
    year_explicit: bool = False
    qualifier: str | None = None
    item: str | None = None
    deadline: int | None = None
    measure: str | None = None
    definition: str | None = None
    precision: float = 0.0
    threshold: float | None = None
    base_year: int | None = None
    period: str | None = None  # "day", "week", "month" or "year" when the extractor knows it
    #: the entities a rank list or an "all members" claim names, in the text's order
    entities: tuple[str, ...] = ()
    #: where ``subject``, ``metric`` and ``period`` were read ((attribute, origin) pairs;
    #: see :mod:`armsrace.claims._origins`)
    origins: tuple[tuple[str, str], ...] = ()

    def origin(self, attribute: str) -> str:
        """Where ``attribute`` was read ("clause", "text", "inferred", ...; "" if unknown)."""
        return dict(self.origins).get(attribute, "")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
