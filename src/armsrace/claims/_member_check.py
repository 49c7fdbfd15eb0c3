"""Handlers for claims about every member, or named or counted members, of a group.

The group's countries and their figures come from :func:`armsrace.claims._rank_check.ranking`
(one release covering at least three quarters of the group, current at the article date;
NATO's definition for NATO, SIPRI's otherwise or when the text names SIPRI). Figures
within :data:`MARGIN` of the line are neither for nor against a claim; members without a
figure are listed and never counted as evidence either way.

- ``all_members`` (``milex_increase``): every member except the named exceptions raised
  its spending in real terms (NATO's real change; SIPRI's constant-dollar figures of the
  year and the year before), and the exceptions did not. With no definition named, a
  claim any definition bears out is supported; it is contradicted only when every
  definition with figures shows a member against it.
- ``members_listed``: each named member is below (``below_target``) or at or above
  (``meets_target``) the threshold share of GDP.
- ``members_count``: how many members are at or above the threshold; members near the
  line or without a figure widen the count to an interval.
"""

from __future__ import annotations

from dataclasses import replace

from armsrace.claims._claim import Claim
from armsrace.claims._common import _unverifiable
from armsrace.claims._index import _Ctx
from armsrace.claims._rank_check import Ranking, ranking
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict

__all__ = ["MARGIN", "_check_all_members", "_check_members_count", "_check_members_listed"]

#: a real change or share of GDP this close to the line (percentage points) is borderline
MARGIN = 0.05
_SHARE_MARGIN = 0.005
_FULL_COVER = 0.9


def _names(ctx: _Ctx, codes: list[str]) -> str:
    return ", ".join(ctx.index.names.get(c, c) for c in codes) or "none"


def _evidence(ctx: _Ctx, r: Ranking, description: str, value: float, unit: str) -> Evidence:
    return ctx.evidence(
        description,
        value=value,
        unit=unit,
        year=r.year,
        entity=None,
        measure=f"{r.indicator}, {r.definition} definition, {r.how}",
        source_id=r.source_id,
        derived=True,
    )


def _real_changes(
    ctx: _Ctx, claim: Claim, definition: str
) -> tuple[Ranking, dict[str, float]] | None:
    """Each member's real change in the claim's year, in percent, by ``definition``."""
    if definition == "NATO":
        r = ranking(ctx, claim, "milex_real_change", definition="NATO")
        return None if r is None else (r, dict(r.values))
    now = ranking(ctx, claim, "milex_usd_constant", definition="SIPRI")
    if now is None:
        return None
    before = ranking(
        ctx,
        replace(claim, year=now.year - 1, year_explicit=True),
        "milex_usd_constant",
        definition="SIPRI",
    )
    if before is None or before.release != now.release:
        return None
    changes = {
        c: (v / before.values[c] - 1.0) * 100.0
        for c, v in now.values.items()
        if before.values.get(c, 0.0) > 0
    }
    return now, changes


def _check_all_members(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric != "milex_increase":
        return _unverifiable(claim, f"no facts on {claim.metric} in the store")
    nato = (claim.versus or "") in ("NATO", "NATO_EUCA")
    definitions = (
        [claim.definition]
        if claim.definition in ("NATO", "SIPRI")
        else (["NATO", "SIPRI"] if nato else ["SIPRI"])
    )
    exceptions = set(claim.entities)
    against: list[ClaimCheck] = []
    for definition in definitions:
        assert definition is not None
        found = _real_changes(ctx, claim, definition)
        if found is None:
            continue
        r, changes = found
        fell = sorted(c for c, ch in changes.items() if c not in exceptions and ch < -MARGIN)
        rose_exc = sorted(c for c in exceptions if changes.get(c, 0.0) > MARGIN)
        unclear = sorted(
            c for c, ch in changes.items() if c not in exceptions and -MARGIN <= ch <= 0.0
        )
        missing = sorted(set(r.population) - set(changes))
        description = (
            f"derived: real change of military spending in {r.year} ({r.release}, {definition}) "
            f"for {len(changes)} of {len(r.population)} members of {claim.versus}: "
            f"fell: {_names(ctx, fell)}; near zero: {_names(ctx, unclear)}; "
            f"exceptions named: {_names(ctx, sorted(exceptions))}"
            + (f" (rose: {_names(ctx, rose_exc)})" if rose_exc else "")
            + f"; without a figure: {_names(ctx, missing)}"
        )
        counter = len(fell) + len(rose_exc)
        ev = _evidence(ctx, r, description, float(counter), "count")
        if counter:
            against.append(
                ClaimCheck(
                    claim=claim,
                    verdict=Verdict.contradicted,
                    evidence=(replace(ev, agrees=False),),
                    measure=f"real change by member ({definition}, {r.release})",
                    tolerance=f"changes within {MARGIN} points of zero are not counted",
                    reason=_year_note(claim, r),
                )
            )
            continue
        if unclear or len(changes) < _FULL_COVER * len(r.population):
            return _unverifiable(
                claim,
                "members near zero or without a figure leave it open",
                (ev,),
            )
        return ClaimCheck(
            claim=claim,
            verdict=Verdict.supported,
            evidence=(replace(ev, agrees=True), *(e for c in against for e in c.evidence)),
            measure=f"real change by member ({definition}, {r.release})",
            tolerance=f"changes within {MARGIN} points of zero are not counted",
            reason=_year_note(claim, r)
            + ("; " if against else "")
            + ("another definition shows a fall" if against else ""),
        )
    if against:
        first = against[0]
        return replace(first, evidence=tuple(e for c in against for e in c.evidence))
    return replace(
        _unverifiable(claim, f"no release with real changes for most of {claim.versus}"),
        code="metric_ambiguous" if claim.versus == "EUR" else "no_figure",
    )


def _year_note(claim: Claim, r: Ranking) -> str:
    if claim.year_explicit and claim.year == r.year:
        return ""
    return f"checked against the latest year with data at the article date ({r.year})"


def _shares(ctx: _Ctx, claim: Claim) -> Ranking | None:
    if claim.threshold is None:
        return None
    return ranking(ctx, claim, "milex_share_gdp")


def _check_members_listed(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    r = _shares(ctx, claim)
    if r is None:
        return replace(
            _unverifiable(claim, "no threshold or no release covering most members"),
            code="metric_ambiguous" if claim.threshold is None else "no_figure",
        )
    threshold = float(claim.threshold or 0.0)
    below = claim.metric == "below_target"
    listed = list(claim.entities)
    missing = [c for c in listed if c not in r.values]
    wrong = [
        c
        for c in listed
        if c in r.values
        and (
            r.values[c] >= threshold + _SHARE_MARGIN
            if below
            else r.values[c] < threshold - _SHARE_MARGIN
        )
    ]
    near = [c for c in listed if c in r.values and abs(r.values[c] - threshold) < _SHARE_MARGIN]
    side = "below" if below else "at or above"
    ev = _evidence(
        ctx,
        r,
        f"derived: shares of GDP in {r.year} ({r.release}) of the members named as {side} "
        f"{threshold:g}%: "
        + ", ".join(
            f"{ctx.index.names.get(c, c)} {r.values[c]:.2f}" for c in listed if c in r.values
        )
        + (f"; without a figure: {_names(ctx, missing)}" if missing else ""),
        float(len(wrong)),
        "count",
    )
    if wrong:
        verdict = Verdict.contradicted
    elif missing or near:
        return _unverifiable(claim, "a named member has no figure or sits on the line", (ev,))
    else:
        verdict = Verdict.supported
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        evidence=(replace(ev, agrees=verdict is Verdict.supported),),
        measure=f"share of GDP by member ({r.definition}, {r.release})",
        tolerance=f"shares within {_SHARE_MARGIN} points of {threshold:g}% are not counted",
        reason=_year_note(claim, r),
    )


def _check_members_count(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    r = _shares(ctx, claim)
    if r is None:
        return replace(
            _unverifiable(claim, "no threshold or no release covering most members"),
            code="metric_ambiguous" if claim.threshold is None else "no_figure",
        )
    threshold = float(claim.threshold or 0.0)
    sure = sorted(c for c, v in r.values.items() if v >= threshold + _SHARE_MARGIN)
    near = sorted(c for c, v in r.values.items() if abs(v - threshold) < _SHARE_MARGIN)
    missing = sorted(set(r.population) - set(r.values))
    lo, hi = len(sure), len(sure) + len(near) + len(missing)
    agrees = lo <= claim.value <= hi
    ev = _evidence(
        ctx,
        r,
        f"derived: {len(sure)} of {len(r.population)} members of {claim.versus} at or above "
        f"{threshold:g}% of GDP in {r.year} ({r.release}): {_names(ctx, sure)}; "
        f"near the line: {_names(ctx, near)}; without a figure: {_names(ctx, missing)}",
        float(len(sure)),
        "count",
    )
    return ClaimCheck(
        claim=claim,
        verdict=Verdict.supported if agrees else Verdict.contradicted,
        evidence=(replace(ev, agrees=agrees),),
        measure=f"members at or above {threshold:g}% of GDP ({r.definition}, {r.release})",
        tolerance=f"count between {lo} and {hi} (members near the line or without a figure)",
        reason=_year_note(claim, r),
    )
