"""Handlers for rank claims: a country's place among a population, the top N of a population.

The population is countries only — the members in the claim's year of the world, a bloc
(NATO, the EU) or a SIPRI region (or two joined) — never regions, world totals or
historical states. The figures are one release's: for NATO populations NATO's definition,
otherwise SIPRI's (the store's IMF table for GDP), the release current at the article's
date that covers at least three quarters of the population (else the earliest later one:
a standing moves little with revisions), for the claim's year or — undated — the latest
year such a release has.

A rank is uncertain where figures lie within :data:`NEAR` of each other: the subject's
place is the interval from the count of countries clearly above it (plus one) to the
count of countries not clearly below it (plus one). The claim is supported when its place
(or "top N", places 1…N) meets that interval, contradicted when it cannot. The evidence
lists the ranking around the subject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from armsrace.claims._claim import Claim
from armsrace.claims._common import _nan, _unverifiable
from armsrace.claims._index import _Ctx
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict
from armsrace.errors import DataError

__all__ = ["NEAR", "Ranking", "_check_rank", "_check_rank_list", "ranking"]

#: figures closer than this (relative) are tied for a rank: rounding and revisions
NEAR = 0.015

#: rank metric -> store indicator
_INDICATORS = {
    "milex": "milex_usd_current",
    "milex_share_gdp": "milex_share_gdp",
    "gdp": "gdp_usd_current",
}
_MIN_COVER = 0.75


@dataclass(frozen=True)
class Ranking:
    """One release's figures for a population of countries in one year."""

    indicator: str
    definition: str
    year: int
    values: dict[str, float]  # country -> figure
    population: tuple[str, ...]
    release: str
    how: str
    source_id: str

    def place(self, code: str) -> tuple[int, int, int]:
        """(strict place, best place, worst place) of ``code`` allowing near ties."""
        v = self.values[code]
        above = sum(1 for c, x in self.values.items() if c != code and x > v)
        clearly = sum(1 for c, x in self.values.items() if c != code and x > v * (1 + NEAR))
        level = sum(1 for c, x in self.values.items() if c != code and x >= v * (1 - NEAR))
        return above + 1, clearly + 1, level + 1

    def ordered(self) -> list[tuple[str, float]]:
        return sorted(self.values.items(), key=lambda cv: -cv[1])


def _population(ctx: _Ctx, claim: Claim, year: int) -> list[str] | None:
    code = claim.versus or "WLD"
    if code == "EUR":
        if claim.definition != "SIPRI":
            return None  # Europe: the EU, NATO Europe or SIPRI's region?
        code = "SIPRI_EUROPE"
    out: set[str] = set()
    for part in code.split("+"):
        try:
            out.update(ctx.index.members(part, year))
        except DataError:  # an entity with no membership list is no population
            return None
    return sorted(c for c in out if ctx.index.kinds.get(c) == "country")


def _definition(claim: Claim, indicator: str) -> str:
    if indicator == "gdp_usd_current":
        return "IMF"
    if claim.definition in ("SIPRI", "NATO"):
        return claim.definition
    return "NATO" if (claim.versus or "").split("+")[0] in ("NATO", "NATO_EUCA") else "SIPRI"


def ranking(
    ctx: _Ctx, claim: Claim, indicator: str, *, definition: str | None = None
) -> Ranking | None:
    """The figures to rank the claim's population by (see the module's rules), or None;
    ``definition`` overrides the one the claim and its population imply."""
    definition = definition or _definition(claim, indicator)
    years = (
        [claim.year]
        if claim.year_explicit and claim.year is not None
        else [ctx.year_of(claim) - k for k in range(3)]
    )
    key = ("ranking", indicator, definition, claim.versus, tuple(years), ctx.cutoff, ctx.excluded)
    memo = ctx.index.memo
    if key not in memo:
        memo[key] = _ranking(ctx, claim, indicator, definition, years)
    found: Ranking | None = memo[key]
    return found


def _ranking(
    ctx: _Ctx, claim: Claim, indicator: str, definition: str, years: list[int]
) -> Ranking | None:
    later: Ranking | None = None
    for year in years:
        population = _population(ctx, claim, year)
        if not population:
            return None
        by_release: dict[str, list[dict[str, Any]]] = {}
        for code in population:
            for r in ctx.index.observations.get((code, indicator), []):
                if (
                    int(r["year"]) == year
                    and str(r.get("definition")) == definition
                    and not _nan(r["value"])
                    and ctx.usable(r["source_id"])
                    and r.get("release")
                ):
                    by_release.setdefault(str(r["release"]), []).append(r)
        full = {
            rel: rows
            for rel, rows in by_release.items()
            if len({str(r["entity"]) for r in rows}) >= _MIN_COVER * len(population)
        }
        dated = sorted(
            ((str(ctx.release_month(rows[0]) or ""), rel) for rel, rows in full.items()),
            reverse=True,
        )
        cutoff = ctx.cutoff
        current = [(m, rel) for m, rel in dated if m and (cutoff is None or m <= cutoff)]
        if current:
            return _build(
                ctx, indicator, definition, year, population, full[current[0][1]], "current"
            )
        if dated and later is None:
            month, rel = dated[-1]
            later = _build(ctx, indicator, definition, year, population, full[rel], "later")
    return later


def _build(
    ctx: _Ctx,
    indicator: str,
    definition: str,
    year: int,
    population: list[str],
    rows: list[dict[str, Any]],
    when: str,
) -> Ranking:
    values: dict[str, list[float]] = {}
    for r in rows:
        values.setdefault(str(r["entity"]), []).append(float(r["value"]))
    release = str(rows[0]["release"])
    how = (
        f"release current at the article date ({release})"
        if when == "current"
        else f"release {release}, published after the article date"
    )
    return Ranking(
        indicator=indicator,
        definition=definition,
        year=year,
        values={c: sorted(v)[len(v) // 2] for c, v in values.items()},
        population=tuple(population),
        release=release,
        how=how,
        source_id=str(rows[0]["source_id"]),
    )


def _table(r: Ranking, around: list[str], names: dict[str, str]) -> str:
    order = r.ordered()
    keep = {i for i, (c, _) in enumerate(order) if c in around}
    show = sorted({j for i in keep for j in range(max(0, i - 2), i + 3)} | set(range(3)))
    return "; ".join(
        f"{j + 1} {names.get(order[j][0], order[j][0])} {order[j][1]:,.4g}"
        for j in show
        if j < len(order)
    )


def _evidence(
    ctx: _Ctx, r: Ranking, description: str, value: float, low: float, high: float
) -> Evidence:
    return ctx.evidence(
        description,
        value=value,
        low=low,
        high=high,
        unit="rank",
        year=r.year,
        entity=None,
        measure=f"{r.indicator}, {r.definition} definition, {r.how}",
        source_id=r.source_id,
        derived=True,
    )


def _unranked(ctx: _Ctx, claim: Claim) -> tuple[str, ClaimCheck | None]:
    indicator = _INDICATORS.get(claim.metric)
    if indicator is None:
        return "", _unverifiable(claim, f"the store holds no figures to rank by {claim.metric}")
    return indicator, None


def _either_measure(
    ctx: _Ctx, claim: Claim, judge: Callable[[_Ctx, Claim, str], ClaimCheck]
) -> ClaimCheck:
    """Judge by the claim's metric; "spending" alone is money or a share of GDP in news
    prose, so a money rank is contradicted only when the share-of-GDP rank fails too."""
    indicator, early = _unranked(ctx, claim)
    if early is not None:
        return early
    check = judge(ctx, claim, indicator)
    if check.verdict is not Verdict.contradicted or claim.metric != "milex":
        return check
    other = judge(ctx, claim, "milex_share_gdp")
    if other.verdict is Verdict.contradicted:
        return replace(check, evidence=check.evidence + other.evidence)
    if other.verdict is Verdict.unverifiable:
        return check
    return replace(
        check,
        verdict=Verdict.unverifiable,
        code="metric_ambiguous",
        evidence=check.evidence + other.evidence,
        reason="'spending' may mean money or a share of GDP: by money the rank is wrong, "
        "by share of GDP it holds",
    )


def _check_rank(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    return _either_measure(ctx, claim, _judge_rank)


def _check_rank_list(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    """ "The highest spending in NATO is by A, B and C": its top three, in any order."""
    return _either_measure(ctx, claim, _judge_rank_list)


def _judge_rank(ctx: _Ctx, claim: Claim, indicator: str) -> ClaimCheck:
    subject = claim.subject
    if subject is None:
        return _unverifiable(claim, "no country named for this rank")
    if ctx.index.kinds.get(subject) != "country":
        return replace(
            _unverifiable(claim, f"{subject} is not a country: ranks are among countries"),
            code="subject_not_in_store",
        )
    r = ranking(ctx, claim, indicator)
    if r is None:
        return replace(
            _unverifiable(
                claim,
                f"no {indicator} release covering most of the population ({claim.versus}) "
                "for that year",
            ),
            code="metric_ambiguous" if claim.versus == "EUR" else "no_figure",
        )
    if subject not in r.values:
        return _unverifiable(
            claim, f"no {indicator} figure for {subject} in {r.release} ({r.year})"
        )
    strict, best, worst = r.place(subject)
    lo, hi = (1.0, claim.value) if claim.qualifier == "up to" else (claim.value, claim.value)
    agrees = best <= hi and worst >= lo
    names = ctx.index.names
    ev = _evidence(
        ctx,
        r,
        f"derived: {names.get(subject, subject)} ranks {strict} of {len(r.values)} countries "
        f"({claim.versus}) by {r.indicator} in {r.year} ({r.release}); places {best}–{worst} "
        f"allowing figures within {NEAR:.1%}: {_table(r, [subject], names)}",
        float(strict),
        float(best),
        float(worst),
    )
    return ClaimCheck(
        claim=claim,
        verdict=Verdict.supported if agrees else Verdict.contradicted,
        evidence=(replace(ev, agrees=agrees),),
        measure=f"rank by {r.indicator} among {claim.versus} countries ({r.definition}, {r.release})",
        tolerance=f"figures within {NEAR:.1%} of each other count as tied",
        reason=""
        if claim.year_explicit and r.year == claim.year
        else f"ranked in the latest year with data at the article date ({r.year})",
    )


def _judge_rank_list(ctx: _Ctx, claim: Claim, indicator: str) -> ClaimCheck:
    r = ranking(ctx, claim, indicator)
    if r is None:
        return _unverifiable(claim, f"no {indicator} release covering most of {claim.versus}")
    listed = list(claim.entities)
    missing = [c for c in listed if c not in r.values]
    if missing:
        return _unverifiable(
            claim, f"no {indicator} figure for {', '.join(missing)} in {r.release}"
        )
    k = len(listed)
    places = {c: r.place(c) for c in r.values}
    could_be_in = all(places[c][1] <= k for c in listed)
    must_be_in = [c for c in r.values if places[c][2] <= k and c not in listed]
    agrees = could_be_in and not must_be_in
    names = ctx.index.names
    top = ", ".join(f"{names.get(c, c)} {v:,.4g}" for c, v in r.ordered()[: k + 2])
    ev = _evidence(
        ctx,
        r,
        f"derived: top {k + 2} of {len(r.values)} countries ({claim.versus}) by {r.indicator} "
        f"in {r.year} ({r.release}): {top}; listed: "
        + ", ".join(f"{names.get(c, c)} (place {places[c][0]})" for c in listed),
        float(k),
        float(k),
        float(k),
    )
    return ClaimCheck(
        claim=claim,
        verdict=Verdict.supported if agrees else Verdict.contradicted,
        evidence=(replace(ev, agrees=agrees),),
        measure=f"top {k} by {r.indicator} among {claim.versus} countries ({r.definition}, {r.release})",
        tolerance=f"figures within {NEAR:.1%} of each other count as tied; order not judged",
        reason=""
        if claim.year_explicit and r.year == claim.year
        else f"ranked in the latest year with data at the article date ({r.year})",
    )
