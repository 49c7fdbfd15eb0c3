"""Date expressions in text: what stretch of days "June 26, 2025", "in February 2022",
"this June", "last month" or "Nov. 27" stands for, and spans of time ("four years ago",
"its second year", "the two-and-a-half-year-old war").

:func:`date_expressions` finds every date expression of a stretch of text in one pass and
reads it as a :class:`DateSpan` — its first and last day, whether it names a day, and
whether its year was written (else it is taken from the article's date). Nothing here
knows about events or the store: :mod:`armsrace.claims._events` attaches spans to the
events they date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from armsrace.claims._lexicon import lexicon

__all__ = ["DateSpan", "Duration", "date_expressions", "durations"]

_MONTHS = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
}
#: abbreviations as newsrooms write them ("Nov. 27", "Sept. 3"), with or without the dot
_ABBREVIATIONS = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}


@dataclass(frozen=True)
class DateSpan:
    """A date expression read as the days it stands for.

    ``first``/``last`` are the first and last day ("June 2025": 1 and 30 June 2025);
    ``exact_day`` is True when the text names a day; ``year_written`` when it writes the
    year or a relative one ("this June", "last year"), False when the year is the article's.
    """

    start: int
    end: int
    first: dt.date
    last: dt.date
    exact_day: bool
    year_written: bool


@dataclass(frozen=True)
class Duration:
    """A span of time: ``value`` years ``ago`` / the ``value``-th ``ordinal`` year / an
    ``age`` of ``value`` years; ``precision`` is half the rounding step of the value."""

    start: int
    end: int
    form: str  # "ago", "ordinal" or "age"
    value: float
    precision: float


def _month_alternatives() -> str:
    names = sorted([*_MONTHS, *_ABBREVIATIONS], key=len, reverse=True)
    return "|".join(names)


@cache
def _date_pattern() -> re.Pattern[str]:
    month = rf"(?:{_month_alternatives()})(?![a-z])\.?"
    year = r"(?:19|20)\d\d(?!\d)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    return re.compile(
        r"(?<![\w-])(?:"
        rf"(?P<m1>{month})\s+(?P<d1>{day})(?:,?\s+(?P<y1>{year}))?"
        rf"|(?P<d2>{day})\s+(?:of\s+)?(?P<m2>{month})(?:,?\s+(?P<y2>{year}))?"
        rf"|(?P<m3>{month})(?:\s+of)?,?\s+(?P<y3>{year})"
        rf"|(?P<m5>{month})\s+(?P<r5>this|last|next)\s+year"
        rf"|(?P<r4>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<m4>{month})"
        r"|(?P<r6>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<u6>month|year)"
        rf"|(?P<y7>{year})"
        rf"|(?P<m8>{month})"
        r")(?![\w-])"
    )


def _month_number(written: str) -> int:
    name = written.rstrip(".")
    return _MONTHS.get(name) or _ABBREVIATIONS[name]


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def date_expressions(text: str, start: int, end: int, today: dt.date | None) -> list[DateSpan]:
    """Every date expression of ``text[start:end]``, read relative to ``today`` (the
    article's date; expressions that need it are left out when it is None)."""
    out: list[DateSpan] = []
    for m in _date_pattern().finditer(text, start, end):
        span = _read(m, today)
        if span is not None:
            out.append(span)
    return out


def _read(m: re.Match[str], today: dt.date | None) -> DateSpan | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    try:
        for mk, dk, yk in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
            if g[mk] and g[dk]:
                year = int(g[yk]) if g[yk] else (today.year if today else None)
                if year is None:
                    return None
                day = dt.date(year, _month_number(g[mk]), int(re.sub(r"\D", "", g[dk])))
                return DateSpan(s, e, day, day, True, bool(g[yk]))
        if g["m3"]:
            first, last = _month_span(int(g["y3"]), _month_number(g["m3"]))
            return DateSpan(s, e, first, last, False, True)
        if today is None:
            if g["y7"]:
                y = int(g["y7"])
                return DateSpan(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), False, True)
            return None
        if g["m5"] or g["m4"]:
            rel = (g["r5"] or g["r4"]).lower()
            month = _month_number(g["m5"] or g["m4"])
            year = today.year + {"this": 0, "last": -1, "next": 1}[rel]
            if g["m4"] and rel == "last" and month < today.month:
                year = today.year  # "last March" written in June: this year's March
            if g["m4"] and rel == "next" and month > today.month:
                year = today.year
            first, last = _month_span(year, month)
            return DateSpan(s, e, first, last, False, True)
        if g["r6"]:
            step = {"this": 0, "last": -1, "next": 1}[g["r6"].lower()]
            if g["u6"] == "year":
                y = today.year + step
                return DateSpan(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), False, True)
            month_index = today.year * 12 + today.month - 1 + step
            first, last = _month_span(month_index // 12, month_index % 12 + 1)
            return DateSpan(s, e, first, last, False, True)
        if g["y7"]:
            y = int(g["y7"])
            return DateSpan(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), False, True)
        if g["m8"]:
            first, last = _month_span(today.year, _month_number(g["m8"]))
            return DateSpan(s, e, first, last, False, False)
    except ValueError:  # "February 30": no such day
        return None
    return None


_HALF = r"(?:[\s-]+and[\s-]+(?:a[\s-]+)?half)"


@cache
def _duration_pattern() -> re.Pattern[str]:
    number = r"(?:\d{1,2}(?:\.5)?|" + "|".join(lexicon().small_numbers) + ")"
    ordinal = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(lexicon().ordinals) + ")"
    return re.compile(
        r"(?<![\w-])(?:"
        rf"(?P<ago>{number}{_HALF}?)\s+years?\s+ago"
        rf"|(?P<age>{number}{_HALF}?)[\s-]+years?[\s-]+old"
        rf"|(?P<ord>{ordinal})(?:\s+(?:full|straight|consecutive))?\s+year"
        r")(?![\w-])",
        re.IGNORECASE,
    )


def _number(written: str) -> tuple[float, float]:
    """(value, precision) of "four", "2.5", "two-and-a-half"."""
    text = written.lower()
    half = re.search(_HALF, text) is not None
    head = re.split(r"[\s-]+and", text)[0].strip()
    value = float(lexicon().small_numbers.get(head) or head)
    if half:
        return value + 0.5, 0.25
    return value, (0.25 if value % 1 else 0.5)


def durations(text: str, start: int, end: int) -> list[Duration]:
    """Every span of time of ``text[start:end]`` ("four years ago", "its second year")."""
    out = []
    for m in _duration_pattern().finditer(text, start, end):
        if m.group("ord"):
            word = m.group("ord").lower()
            n = lexicon().ordinals.get(word) or int(re.sub(r"\D", "", word))
            out.append(Duration(m.start(), m.end(), "ordinal", float(n), 0.0))
            continue
        form = "ago" if m.group("ago") else "age"
        value, precision = _number(m.group(form))
        out.append(Duration(m.start(), m.end(), form, value, precision))
    return out
