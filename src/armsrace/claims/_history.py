"""Judging claims about a spending series over time against one release's yearly table.

Both forms read the subject's constant-price series (``milex_usd_constant``) of the release
current at the article's date (:meth:`_Ctx.pick_release`, as every handler does; a later
release only when no earlier one has the year), and say the chain in the evidence:

- ``streak`` ("the eighth consecutive year of growth"): the run of years with a positive
  real change ending in the claim's year. A run that reaches back to the first year of the
  table is only a lower bound (``no_figure`` when the claim is longer); a count that hinges
  on one change within half a percent of zero (which rounding or a revision may flip) is
  never contradicted;
- ``series_ratio`` ("double that of 2015"): the claim year's spending over the base year's.
  The article rarely says real or nominal: the ratio in current dollars of the same release
  is computed too, and the claim is contradicted only when neither agrees.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from armsrace.claims._claim import Claim
from armsrace.claims._common import _nan, _unverifiable
from armsrace.claims.verdict import ClaimCheck, Verdict, judge

if TYPE_CHECKING:
    from armsrace.claims._index import _Ctx

__all__ = ["SERIES_HANDLERS"]

#: a real change this close to zero (in percent) may change sign with rounding or revision
_NEAR_ZERO_PCT = 0.5


def _series(
    ctx: _Ctx, entity: str, indicator: str, year: int
) -> tuple[dict[int, float], list[dict[str, Any]], str]:
    """{year: value} of the release chosen for ``year``, the rows of that year, and how."""
    rows = [
        r
        for r in ctx.index.observations.get((entity, indicator), [])
        if not _nan(r["value"]) and ctx.usable(r["source_id"])
    ]
    chosen, how = ctx.pick_release([r for r in rows if int(r["year"]) == year])
    if not chosen:
        return {}, [], ""
    # one release may hold several sources (its table and relays of single figures): the
    # source with the longest series of that release is the table
    tables: dict[str, dict[int, float]] = {}
    for pick in chosen:
        sid, release = pick.get("source_id"), pick.get("release")
        tables[str(sid)] = {
            int(r["year"]): float(r["value"])
            for r in rows
            if r.get("release") == release and r.get("source_id") == sid
        }
    sid = max(tables, key=lambda k: (len(tables[k]), k))
    return tables[sid], [r for r in chosen if str(r.get("source_id")) == sid], how


def _check_streak(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    entity, year = claim.subject, claim.year
    if entity is None or year is None:
        return _unverifiable(claim, "the claim names no subject or year")
    series, chosen, how = _series(ctx, entity, "milex_usd_constant", year)
    if not series:
        return _unverifiable(claim, f"no constant-price series for {entity} in {year}")
    changes: list[tuple[int, float]] = []
    y = year
    while y in series and y - 1 in series and series[y - 1] > 0:
        changes.append((y, (series[y] / series[y - 1] - 1) * 100))
        if changes[-1][1] <= 0:
            break
        y -= 1
    run = [c for c in changes if c[1] > 0]
    ended = len(changes) > len(run)  # a year without growth ends the run inside the table
    release = chosen[0].get("release")
    if run:
        shown = f"rose each year {run[-1][0]}-{year} ({len(run)} years)"
    else:
        shown = f"did not rise in {year}"
    if ended:
        y0, pct = changes[-1]
        shown += f", {pct:+.1f}% in {y0}"
    else:
        shown += f"; the table starts in {min(series)}"
    evidence = ctx.evidence(
        f"derived: {entity} constant-price spending {shown} ({release}; {how})",
        value=float(len(run)),
        unit="years",
        year=year,
        entity=entity,
        measure="constant prices",
        source_id=str(chosen[0]["source_id"]),
        derived=True,
    )
    n = int(claim.value)
    if not ended and n > len(run):
        return _unverifiable(
            claim, f"the table is too short to count {n} years of growth", (evidence,)
        )
    agrees = len(run) == n
    check = ClaimCheck(
        claim=claim,
        verdict=Verdict.supported if agrees else Verdict.contradicted,
        evidence=(replace(evidence, agrees=agrees),),
        measure="years of real growth (constant prices)",
        tolerance="the count of consecutive years with a positive real change, exactly",
        reason=shown,
    )
    # the change that would have to change sign for the claim to hold: the year the claim's
    # run begins after (a shorter claim) or the year that ends the table's run (a longer one)
    hinge = changes[n] if n < len(run) else changes[len(run)] if ended else None
    if not agrees and hinge is not None and abs(hinge[1]) < _NEAR_ZERO_PCT:
        return replace(
            check,
            verdict=Verdict.unverifiable,
            code="outside_tolerance_of_some_sources",
            reason=f"{shown}: {hinge[1]:+.1f}% in {hinge[0]} may flip with rounding or revision",
        )
    return check


def _check_series_ratio(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    entity, year, base = claim.subject, claim.year, claim.base_year
    if entity is None or year is None or base is None:
        return _unverifiable(claim, "the claim names no subject, year or base year")
    evidence = []
    for indicator, measure in (
        ("milex_usd_constant", "constant prices"),
        ("milex_usd_current", "current dollars"),
    ):
        series, chosen, how = _series(ctx, entity, indicator, year)
        if year not in series or base not in series or series[base] <= 0:
            continue
        ratio = series[year] / series[base]
        evidence.append(
            ctx.evidence(
                f"derived: {entity} spending {year} / {base} in {measure} "
                f"({series[year]:,.0f} / {series[base]:,.0f} USD million; "
                f"{chosen[0].get('release')}; {how})",
                value=ratio,
                unit="ratio",
                year=year,
                entity=entity,
                measure=measure,
                source_id=str(chosen[0]["source_id"]),
                derived=True,
            )
        )
    if not evidence:
        return _unverifiable(claim, f"no series of {entity} with both {base} and {year}")
    verdict, marked, tolerance = judge(claim, evidence)
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        evidence=tuple(marked),
        measure="ratio of two years of one release (constant prices or current dollars)",
        tolerance=tolerance,
        reason="supported by " + ", ".join(str(e.measure) for e in marked if e.agrees)
        if verdict is Verdict.supported
        else "neither constant prices nor current dollars give this ratio",
    )


SERIES_HANDLERS = {"streak": _check_streak, "series_ratio": _check_series_ratio}
