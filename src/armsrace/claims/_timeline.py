"""Judging claims about dated events against the store's ``event`` table.

- ``event_date``: the stated days (a day, a month or a year) must overlap the event's
  days. An event named only by its kind and year (a NATO summit in 2025) is judged
  against the table's events of that kind in that year: any overlap supports; none
  contradicts only when the year has exactly one such event, and a year the table does not
  cover is ``no_figure``. Off by days contradicts only a text that names a day (a month
  or a year stands for all its days);
- ``event_age`` / ``event_ordinal``: years since the event began, at the claim's year
  (written in its clause) or the article's date. A count of years may be rounded or
  counted either way, so a claim within a year of the elapsed time is never
  contradicted; it is supported when the elapsed time rounds or truncates to it.

An event named only by a generic noun ("the war" in a sentence about Ukraine) may be
supported, never contradicted. Every verdict's evidence names the event row and its source.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import TYPE_CHECKING

from armsrace.claims._claim import Claim
from armsrace.claims._common import _unverifiable
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict

if TYPE_CHECKING:
    from armsrace.claims._index import Event, _Ctx

__all__ = ["EVENT_HANDLERS"]

_YEAR_DAYS = 365.2425


def _events_of(ctx: _Ctx, claim: Claim) -> list[Event]:
    table = ctx.index.events
    return [table.events[i] for i in (claim.subject or "").split("|") if i in table.events]


def _row_evidence(ctx: _Ctx, ev: Event, *, agrees: bool | None) -> Evidence:
    span = ev.first.isoformat() if ev.first == ev.last else f"{ev.first} to {ev.last}"
    e = ctx.evidence(
        f"{ev.name} ({ev.event_id}): {span}",
        value=None,
        unit="day",
        low=float(ev.first.toordinal()),
        high=float(ev.last.toordinal()),
        source_id=ev.source_id,
    )
    return replace(e, agrees=agrees)


def _stated(claim: Claim) -> tuple[dt.date, dt.date]:
    lo = int(round(claim.value - claim.precision))
    hi = int(round(claim.value + claim.precision))
    return dt.date.fromordinal(lo), dt.date.fromordinal(hi)


def _check_event_date(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    events = _events_of(ctx, claim)
    if not events:
        return replace(_unverifiable(claim, "no event of that name in the store"), code="no_figure")
    first, last = _stated(claim)
    stated = first.isoformat() if first == last else f"{first} to {last}"
    by_year = len(events) > 1
    if by_year:
        events = [ev for ev in events if ev.first.year <= first.year <= ev.last.year]
        if not events:
            return ClaimCheck(
                claim=claim,
                verdict=Verdict.unverifiable,
                reason=f"the store lists no event of this kind in {first.year}",
                code="no_figure",
            )
    agree = [ev for ev in events if ev.first <= last and ev.last >= first]
    how = (
        "the text names a day: it must fall within the event's days"
        if first == last
        else "the text names a month or a year: any of its days may be the event's"
    )
    evidence = tuple(_row_evidence(ctx, ev, agrees=ev in agree) for ev in events)
    if agree:
        verdict, reason = Verdict.supported, f"the text's date ({stated}) falls on the event's days"
    elif len(events) == 1 and claim.origin("event") != "kind":
        verdict = Verdict.contradicted
        reason = f"the text's date ({stated}) misses the event's days"
    else:
        return ClaimCheck(
            claim=claim,
            verdict=Verdict.unverifiable,
            evidence=evidence,
            measure="event dates (events table)",
            reason=f"the text's date ({stated}) matches none of the events it may name",
            code="subject_unresolved",
        )
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        evidence=evidence,
        measure="event dates (events table)",
        tolerance=how,
        reason=reason,
    )


def _check_event_span(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    events = _events_of(ctx, claim)
    if len(events) != 1:
        return replace(
            _unverifiable(claim, "the span of time names no single event"),
            code="subject_unresolved",
        )
    ev = events[0]
    if claim.year_explicit and claim.year is not None:
        ref = (dt.date(claim.year, 1, 1), dt.date(claim.year, 12, 31))
        at = f"during {claim.year}"
    elif ctx.date is not None:
        ref = (ctx.date, ctx.date)
        at = f"on the article's date {ctx.date.isoformat()}"
    else:
        return replace(
            _unverifiable(claim, "an undated article: no moment to count the years to"),
            code="period_ambiguous",
        )
    if ref[1] < ev.first:
        return replace(
            _unverifiable(claim, f"{ev.name} had not begun {at}"), code="period_ambiguous"
        )
    lo = max(0.0, (ref[0] - ev.first).days / _YEAR_DAYS)
    hi = (ref[1] - ev.first).days / _YEAR_DAYS
    n = claim.value
    if claim.kind == "event_ordinal":
        k_lo, k_hi = math.floor(lo) + 1, math.floor(hi) + 1
        shown = f"year {k_lo}" if k_lo == k_hi else f"years {k_lo} to {k_hi}"
        gap = 0.0 if k_lo <= n <= k_hi else min(abs(n - k_lo), abs(n - k_hi))
        tolerance = "the ordinal must be one of the years of the event running then"
        far = gap >= 2
    else:
        shown = f"{lo:.2f}" if hi - lo < 0.01 else f"{lo:.2f} to {hi:.2f}"
        shown += " years"
        c_lo, c_hi = n - max(claim.precision, 0.5), n + 1.0  # "four years": 4.0 up to 5
        gap = 0.0 if c_lo <= hi and c_hi >= lo else min(abs(c_lo - hi), abs(lo - c_hi))
        tolerance = "rounded or whole years: from half a year below to a year above"
        far = gap > 1.0
    derived = replace(
        ctx.evidence(
            f"{ev.name} began {ev.first.isoformat()}: {shown} {at}",
            value=None,
            unit="ordinal" if claim.kind == "event_ordinal" else "years",
            low=lo,
            high=hi,
            source_id=ev.source_id,
            derived=True,
        ),
        agrees=gap == 0,
    )
    evidence = (derived, _row_evidence(ctx, ev, agrees=None))
    if gap == 0:
        verdict, reason = Verdict.supported, f"{shown} {at}"
    elif far and claim.origin("event") != "kind":
        verdict, reason = Verdict.contradicted, f"{shown} {at}, not {n:g}"
    else:
        return ClaimCheck(
            claim=claim,
            verdict=Verdict.unverifiable,
            evidence=evidence,
            measure="years since the event began",
            tolerance=tolerance,
            reason=f"{shown} {at}: close to {n:g} but not it",
            code="period_ambiguous",
        )
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        evidence=evidence,
        measure="years since the event began",
        tolerance=tolerance,
        reason=reason,
    )


EVENT_HANDLERS = {
    "event_date": _check_event_date,
    "event_age": _check_event_span,
    "event_ordinal": _check_event_span,
}
