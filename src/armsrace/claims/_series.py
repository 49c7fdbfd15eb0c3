"""Claims about a spending series over time: "the eighth consecutive year of growth",
"double that of 2015", "three times the 2014 level", "fivefold over a decade".

Read only when the sentence speaks of military spending (the ``spending_money`` cues of
``claims/data/cues.yml``) and, for a streak, of its growth (the ``spending_change`` cues):

- ``streak`` — ``value`` consecutive years of real growth ending in the claim's year;
- ``series_ratio`` — the claim year's spending is ``value`` times that of ``base_year``.

Subject and year come from the claim's own sentence (:func:`_subject_for`,
:func:`_year_for`); the year of a ratio is the sentence's year other than the base. Where
each attribute was read is recorded as for every claim (:func:`origins_of`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from armsrace.claims._claim import Claim
from armsrace.claims._cues import cues
from armsrace.claims._lexicon import lexicon
from armsrace.claims._origins import origins_of

if TYPE_CHECKING:
    from armsrace.claims._context import _Context

__all__ = ["_find_series"]

#: multiples written as words, and the share of the figure they leave for rounding
_MULTIPLE_WORDS = {
    "double": 2.0,
    "twice": 2.0,
    "triple": 3.0,
    "treble": 3.0,
    "thrice": 3.0,
    "quadruple": 4.0,
}
_YEAR = r"(?:19|20)\d\d(?!\d)"


def _ordinals() -> dict[str, int]:
    """Ordinal words from "second" on (a run of one year is no streak)."""
    return {w: n for w, n in lexicon().ordinals.items() if n >= 2}


def _cardinals() -> dict[str, int]:
    """Counting words from "two" to "twelve"."""
    return {w: n for w, n in lexicon().small_numbers.items() if n >= 2}


@cache
def _streak_pattern() -> re.Pattern[str]:
    ordinal = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ordinals()) + ")"
    cardinal = r"(?:\d{1,2}|" + "|".join(_cardinals()) + ")"
    run = r"(?:consecutive|straight|successive)"
    return re.compile(
        r"(?<![\w-])(?:"
        rf"(?P<ord>{ordinal})\s+{run}\s+(?:years?|annual|yearly)"
        rf"|(?P<row>{ordinal})\s+year\s+in\s+a\s+row"
        rf"|(?P<card>{cardinal})\s+{run}\s+years"
        r")(?![\w-])",
        re.IGNORECASE,
    )


@cache
def _ratio_pattern() -> re.Pattern[str]:
    number = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_cardinals()) + ")"
    mult = (
        r"(?P<word>" + "|".join(_MULTIPLE_WORDS) + r")"
        rf"|(?P<n>{number})(?:\s+times|[\s-]?fold)"
    )
    level = r"(?:level|figure|amount|total|sum|spending)"
    return re.compile(
        rf"(?<![\w-])(?:{mult})\s+(?:"
        rf"(?:that|the\s+{level}|(?:its|their)\s+{level})\s+(?:of|in)\s+(?P<b1>{_YEAR})"
        rf"|(?:the|its|their)\s+(?P<b2>{_YEAR})\s+{level}"
        rf"|(?:over|in)\s+(?:a|the\s+(?:past|last))\s+(?P<decade>decade)"
        r")(?![\w-])",
        re.IGNORECASE,
    )


def _count(written: str) -> int:
    word = written.lower()
    return _ordinals().get(word) or _cardinals().get(word) or int(re.sub(r"\D", "", word))


def _find_series(ctx: _Context, claims: list[Claim]) -> None:
    """Append the streak and ratio-to-a-year claims of ``ctx.text``."""
    text = ctx.text
    streaks = any(w in text for w in ("consecutive", "straight", "successive", "in a row"))
    lex = cues()
    for s0, s1 in zip(ctx.sent_starts, ctx.sent_ends, strict=True):
        if not lex.metric_cue("milex", text, s0, s1):
            continue
        if streaks and lex.metric_cue("milex_real_change", text, s0, s1):
            for m in _streak_pattern().finditer(text, s0, s1):
                n = _count(m.group("ord") or m.group("row") or m.group("card"))
                _add(ctx, claims, m.start(), m.end(), "streak", "milex_real_change", n, 0.0)
        for m in _ratio_pattern().finditer(text, s0, s1):
            word = m.group("word")
            value = _MULTIPLE_WORDS[word.lower()] if word else float(_count_or_float(m.group("n")))
            # a word multiple ("double") is read as within a tenth of its figure; a number
            # by its rounding
            precision = 0.1 * value if word else (0.05 if "." in m.group("n") else 0.5)
            base = m.group("b1") or m.group("b2")
            _add(
                ctx,
                claims,
                m.start(),
                m.end(),
                "series_ratio",
                "milex",
                value,
                precision,
                base=None if base is None else int(base),
                decade=m.group("decade") is not None,
            )


def _count_or_float(written: str) -> float:
    word = written.lower()
    return float(_cardinals().get(word) or word)


def _add(
    ctx: _Context,
    claims: list[Claim],
    start: int,
    end: int,
    kind: str,
    metric: str,
    value: float,
    precision: float,
    *,
    base: int | None = None,
    decade: bool = False,
) -> None:
    from armsrace.claims._context import _subject_for, _year_for

    if ctx.is_taken(start, end) or ctx.is_masked(start, end):
        return
    subject = _subject_for(ctx, start, end)
    if kind == "series_ratio":
        year, explicit = _figure_year(ctx, start, base)
        if decade and year is not None:
            base = year - 10
        if base is None or year is None or base >= year:
            return
    else:
        year, explicit, _ = _year_for(ctx, start, end)
    claim = Claim(
        start=start,
        end=end,
        text=ctx.text[start:end],
        value=value,
        unit="years" if kind == "streak" else "ratio",
        kind=kind,
        metric=metric,
        subject=subject,
        year=year,
        year_explicit=explicit,
        precision=precision,
        base_year=base,
        period="year",
    )
    claim = replace(claim, origins=origins_of(ctx, claim))
    ctx.take(start, end)
    claims.append(claim)


#: a year right after these words is a comparison's base, not the figure's year
_FROM = re.compile(
    r"\b(?:from|since|than|over|compared\s+(?:with|to)|versus|vs\.?)\s+(?:in\s+)?$", re.I
)


def _figure_year(ctx: _Context, start: int, base: int | None) -> tuple[int | None, bool]:
    """The year of the figure a ratio compares: the sentence's year nearest before the
    ratio other than its base, else the article's."""
    s0, s1 = ctx.sentence(start)
    years = [
        (m.start(), int(m.group(0)))
        for m in re.finditer(_YEAR, ctx.text[s0:s1])
        if int(m.group(0)) != base
        and not _FROM.search(ctx.text, max(s0, s0 + m.start() - 20), s0 + m.start())
    ]
    before = [y for pos, y in years if s0 + pos < start]
    if before:
        return before[-1], True
    if years:
        return years[0][1], True
    return ctx.default_year, False
