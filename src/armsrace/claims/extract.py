"""Find the quantitative claims of an article: what number, of what, about whom, when.

:func:`extract_claims` works on plain text with compiled regular expressions only (no store,
no model), so it is fast and deterministic. Each :class:`Claim` keeps the character offsets
of its span in the text it was given: ``text[claim.start:claim.end] == claim.text``.

Claim kinds:

- ``share_gdp`` — a percentage of GDP spent ("2.4% of GDP on defence");
- ``target`` — a spending target as a share of GDP ("the 3.5 percent goal by 2035");
- ``deadline`` — a target year with no share in the sentence ("meet the target by 2035");
- ``percent`` — another percentage (growth, shares of a budget);
- ``money`` — an amount with currency and scale ("$149 billion", "13.5 trillion roubles");
- ``count`` — a count of items, members, shifts ("more than 1,500 tanks");
- ``ratio`` — a comparison between two subjects ("20 times larger than Russia");
- ``period_ratio`` — "as much in three months as NATO in a year" (ratio 4);
- ``multiple`` — growth of one subject ("production doubled", "increased fivefold");
- ``share_of_members`` — how many allies meet a target ("most member states do not meet").

Dates, years, ordinals, phone numbers, times, model designations (T-90M, F-35) and page
furniture (page numbers, counters, URLs) are not claims.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace

from armsrace.claims._amounts import _find_quantities
from armsrace.claims._baselines import _find_baselines, _find_deadlines
from armsrace.claims._claim import Claim
from armsrace.claims._compare import _find_majorities, _find_period_ratios, _find_ratios
from armsrace.claims._context import _build_context
from armsrace.claims._entities import AMBIGUOUS, EntityLexicon, packaged_lexicon
from armsrace.claims._events import EventTable, _find_events, packaged_events
from armsrace.claims._fractions import _find_fractions
from armsrace.claims._lists import _find_lists
from armsrace.claims._origins import origins_of
from armsrace.claims._ranks import _find_ranks
from armsrace.claims._series import _find_series
from armsrace.claims._tables import _find_tables
from armsrace.claims._universals import _find_universals

__all__ = ["Claim", "extract_claims"]


def extract_claims(
    text: str,
    *,
    default_year: int | None = None,
    lexicon: EntityLexicon | None = None,
    events: EventTable | None = None,
    today: dt.date | None = None,
) -> list[Claim]:
    """All quantitative claims of ``text``, ordered by position.

    ``default_year`` (usually the article's year) dates claims whose sentence names no year;
    "last year" and "next year" are read relative to it. ``lexicon`` names the entities
    (by default the packaged alias table; :class:`~armsrace.claims.Checker` passes its
    store's); ``events`` the dated events (by default the packaged event table);
    ``today`` the article's date, for "this June", "last month", "four years ago".
    """
    if not text or not text.strip():
        return []
    ctx = _build_context(text, default_year, lexicon or packaged_lexicon())
    claims: list[Claim] = []
    _find_tables(ctx, claims)
    _find_lists(ctx, claims)
    _find_series(ctx, claims)
    _find_period_ratios(ctx, claims)
    _find_ratios(ctx, claims)
    _find_majorities(ctx, claims)
    _find_quantities(ctx, claims)
    _find_baselines(ctx, claims)
    _find_fractions(ctx, claims)
    _find_deadlines(ctx, claims)
    _find_events(ctx, claims, events or packaged_events(), today)
    _find_ranks(ctx, claims)
    _find_universals(ctx, claims)
    claims.sort(key=lambda c: (c.start, c.end))
    out = []
    for c in claims:
        if not (0 <= c.start < c.end <= len(text) and math.isfinite(c.value)):
            continue
        if c.kind in ("multiple", "percent"):
            # "has doubled since 2017": the base of a growth claim
            s0, s1 = ctx.sentence(c.start)
            since = _SINCE.search(text, s0, s1)
            if since is not None:
                c = replace(c, base_year=int(since.group(1)))
        if not c.origins:  # a finder that knows where it read them says so itself
            c = replace(c, origins=origins_of(ctx, c))
            if c.origin("period") == "paragraph":
                c = replace(c, year_explicit=True)  # the paragraph's year, read from the text
        if AMBIGUOUS in (c.subject or "").split("+"):
            c = replace(c, subject=None)  # never resolved to one of the entities it can name
        if AMBIGUOUS in (c.versus or "").split("+"):
            c = replace(c, versus=None)
        out.append(c)
    return out


_SINCE = re.compile(
    r"\b(?:since|compared\s+with|from|than\s+in|between)\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
