"""Finder for figures laid out as a list under a heading that says what they measure.

::

    Defence spending in 2024 as a share of GDP (estimates):
    Poland: 4.1
    Spain - 1.3

A heading line that ends with a colon and names a year and a share of GDP opens the list;
each following line "<entity>: <number>" (or with a dash) is one claim about that entity,
until a line of another form. The subject is read from the item line; the metric and the
year from the heading, so their origin is ``heading``.
"""

from __future__ import annotations

import re

from armsrace.claims._claim import Claim
from armsrace.claims._context import _Context
from armsrace.claims._entities import AMBIGUOUS
from armsrace.claims._patterns import patterns

__all__ = ["_find_lists"]

_HEADING = re.compile(r"^[^\n]{10,300}:[ \t]*$", re.MULTILINE)
_ITEM = re.compile(
    r"[ \t]*(?:[-•*][ \t]*)?(?P<name>[^\W\d][^:\n\d]{0,48}?)[ \t]*(?::|\s[-–—])[ \t]*"
    r"(?P<num>\d{1,3}(?:[.,]\d{1,3})?)[ \t]*(?:%|per\s?cent|percent)?[ \t]*$",
    re.MULTILINE,
)
_PERCENT_WORDS = re.compile(r"\b(?:per\s?cent|percent(?:age)?|share)\b|%", re.IGNORECASE)


def _find_lists(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    if ":\n" not in text and ":\r\n" not in text and not re.search(r":[ \t]+\n", text):
        return
    for h in _HEADING.finditer(text):
        heading = h.group(0)
        if not (patterns().gdp_words.search(heading) and _PERCENT_WORDS.search(heading)):
            continue
        years = [int(m.group("y")) for m in patterns().year.finditer(heading) if not m.group("s")]
        if len(set(years)) != 1:
            continue  # no year, or several: the period is not the heading's to give
        pos = h.end() + 1
        while pos < len(text):
            m = _ITEM.match(text, pos)
            if m is None:
                break
            code = ctx.lexicon.code(m.group("name"))
            if code is None or code == AMBIGUOUS:
                break
            raw = m.group("num")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            start = m.start("name")
            if not ctx.is_taken(start, m.end("num")):
                out.append(
                    Claim(
                        start=start,
                        end=m.end("num"),
                        text=text[start : m.end("num")],
                        value=float(raw.replace(",", ".")),
                        unit="pct_gdp",
                        kind="share_gdp",
                        metric="milex_share_gdp",
                        subject=code,
                        year=years[0],
                        year_explicit=True,
                        precision=0.5 * 10.0**-decimals,
                        origins=(
                            ("subject", "clause"),
                            ("metric", "heading"),
                            ("period", "heading"),
                        ),
                    )
                )
                ctx.take(start, m.end("num"))
            pos = m.end() + 1
