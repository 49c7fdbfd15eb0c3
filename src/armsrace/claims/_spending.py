"""Handlers for spending claims: shares of GDP, money, targets and deadlines, allies at a target.

One definition at a time (NATO, SIPRI, IISS, national); the release current at the
article date first; the verdict names the measure it used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from armsrace.claims._claim import Claim
from armsrace.claims._common import (
    _BLOCS,
    _nan,
    _num,
    _result,
    _unverifiable,
)
from armsrace.claims._index import _Ctx, _unverifiable_kind, _year_candidates
from armsrace.claims._releases import _earlier_release, _later_revisions, _older_edition
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict

__all__ = [
    "_check_sole_above",
    "_check_deadline",
    "_check_money",
    "_check_percent",
    "_check_share",
    "_check_share_of_members",
    "_check_target",
    "_observation_attempt",
    "_observation_check",
    "_share_of_members_evidence",
    "_target_evidence",
    "_targets_for",
]


def _observation_check(
    ctx: _Ctx,
    claim: Claim,
    indicator: str,
    *,
    unit: str,
    scale: float,
    definition: str | None,
    price_base: str | None = None,
) -> ClaimCheck:
    """Judge a claim against one indicator of one entity, in one definition at a time.

    The definition the article names is used; if it names none, the default (NATO's for
    allies, SIPRI's otherwise) decides, and when that contradicts the claim but another
    definition's figure supports it, the verdict is supported *and says which definition*.
    """
    entity = claim.subject
    if entity is None:
        return _unverifiable(claim, "no country or bloc named for this figure")
    rows_all = [
        r for r in ctx.index.observations.get((entity, indicator), []) if ctx.usable(r["source_id"])
    ]
    if price_base is not None:
        rows_all = [r for r in rows_all if str(r.get("price_base") or "") == price_base]
    if not rows_all:
        return _unverifiable(claim, f"no {indicator} figures for {entity} in the store")
    defs = {str(r.get("definition")) for r in rows_all}
    note = ""
    named = definition
    if definition is not None and definition not in defs:
        # the article names a definition the store lacks: never judge it by another one
        return _unverifiable(
            claim,
            f"no {definition}-definition {indicator} figures for {entity} in the store "
            f"(available: {', '.join(sorted(defs))}; not substituted)",
        )
    member = entity in _BLOCS or entity in ctx.index.members("NATO", ctx.year_of(claim))
    default = (
        "NATO" if member and "NATO" in defs else ("SIPRI" if "SIPRI" in defs else sorted(defs)[0])
    )
    order = (
        [named]
        if named is not None
        else [default]
        + sorted(
            (d for d in defs if d != default),
            key=lambda d: (
                ("NATO", "SIPRI", "IISS", "national").index(d)
                if d in ("NATO", "SIPRI", "IISS", "national")
                else 9
            ),
        )
    )
    first: ClaimCheck | None = None
    for i, used in enumerate(order):
        check = _observation_attempt(
            ctx, claim, indicator, rows_all, used, unit=unit, scale=scale, price_base=price_base
        )
        if check is None:
            continue
        if i == 0 and note:
            check = replace(
                check,
                reason="; ".join(
                    x for x in (note + f"; {used} definition used instead", check.reason) if x
                ),
            )
        if first is None:
            first = check
            if named is not None:
                # the article quotes this source: the edition current at its date
                return _older_edition(ctx, check, entity, used)
            if check.verdict is not Verdict.contradicted:
                return check
            continue
        if check.verdict is Verdict.supported:
            reason = (
                f"the article names no definition: {used}'s figure supports it, "
                f"{order[0]}'s ({first.measure}) does not"
            )
            return replace(check, evidence=first.evidence + check.evidence, reason=reason)
    if first is not None:
        return first
    return _unverifiable(claim, f"no {order[0]} {indicator} figure for {entity} in {claim.year}")


def _observation_attempt(
    ctx: _Ctx,
    claim: Claim,
    indicator: str,
    rows_all: list[dict[str, Any]],
    definition: str,
    *,
    unit: str,
    scale: float,
    price_base: str | None,
) -> ClaimCheck | None:
    entity = claim.subject
    rows_def = [r for r in rows_all if str(r.get("definition")) == definition]
    candidates = [(later, y) for later in (False, True) for y in _year_candidates(ctx, claim)]
    for allow_later, year in candidates:
        rows = [
            r
            for r in rows_def
            if int(r["year"]) == year and not (_nan(r["value"]) and _nan(r["low"]))
        ]
        if not rows:
            continue
        chosen, how = ctx.pick_release(rows)
        if not allow_later and ctx.after_article(chosen):
            continue  # prefer any year with data current at the article date
        measure = f"{indicator} ({unit}), {definition} definition, {how}"
        if price_base:
            measure += f", {price_base} prices"
        evidence = [
            ctx.evidence(
                f"{entity} {indicator} {year} ({r.get('release') or definition})",
                value=_num(r["value"]),
                low=_num(r["low"]),
                high=_num(r["high"]),
                unit=unit,
                year=year,
                entity=entity,
                measure=f"{definition}; {r.get('release') or ''}".strip("; "),
                source_id=str(r["source_id"]),
            )
            for r in chosen
        ]
        reason = (
            ""
            if year == claim.year
            else f"undated claim checked against the latest year with data ({year})"
        )
        check = _result(claim, evidence, measure=measure, reason=reason, scale=scale)
        check = replace(check, notes=_later_revisions(ctx, chosen, rows, unit))
        if check.verdict is Verdict.contradicted:
            check = _earlier_release(ctx, check, chosen, rows, unit=unit, scale=scale)
        return check
    return None


def _check_share(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "milex_share_gdp":
        return _observation_check(
            ctx, claim, "milex_share_gdp", unit="pct_gdp", scale=1.0, definition=claim.definition
        )
    return _unverifiable_kind(ctx, claim)


def _check_percent(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "milex_real_change" and claim.subject is not None:
        member = claim.subject in _BLOCS or claim.subject in ctx.index.members(
            "NATO", ctx.year_of(claim)
        )
        if claim.definition == "SIPRI" or (claim.definition is None and not member):
            derived = _real_change_from_constant(ctx, claim, "SIPRI")
            if derived is not None:
                return derived
    if claim.metric in ("milex_real_change", "equipment_share"):
        unit = "pct" if claim.metric == "milex_real_change" else "pct_milex"
        check = _observation_check(
            ctx, claim, claim.metric, unit=unit, scale=1.0, definition=claim.definition
        )
        if (
            claim.metric == "milex_real_change"
            and claim.definition is None
            and check.verdict is not Verdict.supported
        ):
            # the article names no definition: SIPRI's real change (derived) may be the one it used
            derived = _real_change_from_constant(ctx, claim, "SIPRI")
            if derived is not None and derived.verdict is Verdict.supported:
                return replace(
                    derived,
                    evidence=check.evidence + derived.evidence,
                    reason="the article names no definition: SIPRI's real change supports it"
                    + (f", {check.measure} does not" if check.measure else ""),
                )
        return check
    return _unverifiable_kind(ctx, claim)


def _real_change_from_constant(ctx: _Ctx, claim: Claim, definition: str) -> ClaimCheck | None:
    """Real change derived from one release's constant-price series: value(y) / value(y-1) - 1."""
    entity = claim.subject or ""
    rows = [
        r
        for r in ctx.index.observations.get((entity, "milex_usd_constant"), [])
        if str(r.get("definition")) == definition
        and not _nan(r["value"])
        and ctx.usable(r["source_id"])
    ]
    for year in _year_candidates(ctx, claim):
        now = [r for r in rows if int(r["year"]) == year]
        chosen, how = ctx.pick_release(now)
        if not chosen:
            continue
        release = chosen[0].get("release")
        before = [r for r in rows if int(r["year"]) == year - 1 and r.get("release") == release]
        if not before:
            continue
        a, b = float(chosen[0]["value"]), float(before[0]["value"])
        if b <= 0:
            continue
        ev = ctx.evidence(
            f"derived: {entity} {definition} constant-price spending {year} / {year - 1} "
            f"({a:,.0f} / {b:,.0f} USD million, {chosen[0].get('price_base')} prices, {release})",
            value=(a / b - 1) * 100,
            unit="pct",
            year=year,
            entity=entity,
            measure=f"{definition}; {release}",
            source_id=str(chosen[0]["source_id"]),
            derived=True,
        )
        return _result(
            claim,
            [ev],
            measure=f"real change derived from {definition} constant-price series, {how}",
            reason="" if year == claim.year else f"undated claim checked against {year}",
        )
    return None


def _check_money(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "milex" and claim.unit == "usd":
        if claim.measure and claim.measure.startswith("constant"):
            base = claim.measure.split("_", 1)[1] if "_" in claim.measure else None
            if base is None:
                return _unverifiable(
                    claim,
                    "constant-price figure without a stated price base; not compared with another base",
                )
            return _observation_check(
                ctx,
                claim,
                "milex_usd_constant",
                unit="usd_million",
                scale=1e6,
                definition=claim.definition,
                price_base=base,
            )
        return _observation_check(
            ctx,
            claim,
            "milex_usd_current",
            unit="usd_million",
            scale=1e6,
            definition=claim.definition,
        )
    if claim.metric in ("budget_defence", "milex") and claim.unit == "rub":
        return _observation_check(
            ctx, claim, "budget_defence_lcu", unit="rub_billion", scale=1e9, definition=None
        )
    if claim.metric == "gdp" and claim.unit == "usd":
        indicator = "gdp_ppp_current" if claim.measure == "ppp" else "gdp_usd_current"
        unit = "intl_usd_billion" if claim.measure == "ppp" else "usd_billion"
        return _observation_check(ctx, claim, indicator, unit=unit, scale=1e9, definition=None)
    if claim.unit != "usd":
        return _unverifiable(
            claim,
            f"the store holds money in US dollars; {claim.unit.upper()} amounts are not converted",
        )
    return _unverifiable_kind(ctx, claim)


def _targets_for(ctx: _Ctx, claim: Claim) -> list[dict[str, Any]]:
    subject = claim.subject or "NATO"
    if subject in ("EUR", "NATO_EUCA"):
        subject = "NATO"  # NATO's targets bind its European members as every ally
    if subject not in _BLOCS and subject not in ctx.index.members("NATO", ctx.year_of(claim)):
        return []
    return [
        t
        for t in ctx.index.targets
        if str(t.get("share_of")) == "gdp"
        and ctx.usable(t["source_id"])
        and str(t.get("applies_to")) in ("NATO", subject)
    ]


def _target_evidence(ctx: _Ctx, t: dict[str, Any], *, agrees: bool | None) -> Evidence:

    deadline = "" if _nan(t.get("deadline_year")) else f", deadline {int(t['deadline_year'])}"
    ev = ctx.evidence(
        f"{t['name']} ({t['agreed_at']}, {t['agreed_date']}{deadline}; {t['status']})",
        value=_num(t.get("share_pct")),
        unit="pct_gdp",
        year=None if _nan(t.get("deadline_year")) else int(t["deadline_year"]),
        entity=str(t.get("applies_to")),
        measure="target share of GDP",
        source_id=str(t["source_id"]),
    )
    return replace(ev, agrees=agrees)


def _check_target(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    targets = _targets_for(ctx, claim)
    subject = claim.subject or "NATO"
    if subject not in _BLOCS and targets:
        own = [t for t in targets if str(t.get("applies_to")) == subject]
        if not own:
            # a country's own target: only NATO's identical target (value and deadline) can support it
            check = _judge_target(ctx, claim, targets)
            if check.verdict is Verdict.supported:
                return replace(check, reason="matches NATO's target, which applies to every ally")
            return _unverifiable(
                claim,
                f"no national spending target of {subject} in the store (NATO's are not its own)",
            )
        targets = own
    return _judge_target(ctx, claim, targets)


def _judge_target(ctx: _Ctx, claim: Claim, targets: list[dict[str, Any]]) -> ClaimCheck:
    if not targets:
        return _unverifiable(
            claim, f"no spending targets for {claim.subject or 'this subject'} in the store"
        )
    # targets are round policy numbers: "two percent" means 2.0, not 1.5-2.5
    half = min(claim.precision, 0.05)
    lo, hi = claim.value - half, claim.value + half
    tol = f"target share within {lo:,.4g}–{hi:,.4g} % of GDP" + (
        f" and deadline {claim.deadline}" if claim.deadline else ""
    )
    agreed = [
        t for t in targets if str(t.get("status")) == "agreed" and not _nan(t.get("share_pct"))
    ]
    if not agreed:
        return _unverifiable(
            claim,
            "only disputed target records in the store for this subject",
            tuple(_target_evidence(ctx, t, agrees=None) for t in targets),
        )
    value_ok = [t for t in agreed if lo - 1e-9 <= float(t["share_pct"]) <= hi + 1e-9]
    if claim.deadline is not None:
        both = [
            t
            for t in value_ok
            if not _nan(t.get("deadline_year")) and int(t["deadline_year"]) == claim.deadline
        ]
    else:
        both = value_ok
    if both:
        ev = tuple(_target_evidence(ctx, t, agrees=True) for t in both)
        late = [
            t
            for t in both
            if ctx.date is not None and str(t.get("agreed_date") or "") > ctx.date.isoformat()
        ]
        reason = "matches an agreed NATO target" + (
            " (agreed after the article date)" if len(late) == len(both) else ""
        )
        return ClaimCheck(
            claim,
            Verdict.supported,
            ev,
            measure="NATO spending targets (share of GDP)",
            tolerance=tol,
            reason=reason,
        )
    closest = sorted(agreed, key=lambda t: abs(float(t["share_pct"]) - claim.value))[:3]
    ev = tuple(_target_evidence(ctx, t, agrees=False) for t in (value_ok or closest))
    reason = (
        f"agreed targets of this size have other deadlines than {claim.deadline}"
        if value_ok
        else f"no agreed target of {claim.value:g}% of GDP"
    )
    return ClaimCheck(
        claim,
        Verdict.contradicted,
        ev,
        measure="NATO spending targets (share of GDP)",
        tolerance=tol,
        reason=reason,
    )


def _check_deadline(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    targets = _targets_for(ctx, claim)
    with_deadline = [t for t in targets if not _nan(t.get("deadline_year"))]
    if not with_deadline:
        return _unverifiable(claim, "no target deadlines in the store for this subject")
    agreed = [t for t in with_deadline if str(t.get("status")) == "agreed"]
    hit = [t for t in agreed if int(t["deadline_year"]) == claim.deadline]
    tol = "exact year"
    if hit:
        return ClaimCheck(
            claim,
            Verdict.supported,
            tuple(_target_evidence(ctx, t, agrees=True) for t in hit),
            measure="NATO target deadlines",
            tolerance=tol,
            reason="an agreed target has this deadline",
        )
    disputed = [t for t in with_deadline if int(t["deadline_year"]) == claim.deadline]
    if disputed:
        share = {float(t["share_pct"]) for t in disputed if not _nan(t.get("share_pct"))}
        right = [
            t for t in agreed if not _nan(t.get("share_pct")) and float(t["share_pct"]) in share
        ]
        ev = tuple(_target_evidence(ctx, t, agrees=False) for t in disputed + right)
        return ClaimCheck(
            claim,
            Verdict.contradicted,
            ev,
            measure="NATO target deadlines",
            tolerance=tol,
            reason="this deadline appears only in disputed records; the agreed target has another",
        )
    return _unverifiable(claim, f"no target with deadline {claim.deadline} in the store")


def _check_share_of_members(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    key = (
        "share_of_members",
        claim.threshold,
        claim.year,
        claim.year_explicit,
        ctx.cutoff,
        ctx.excluded,
    )
    memo = ctx.index.memo
    if key not in memo:
        memo[key] = _share_of_members_evidence(ctx, claim)
    found = memo[key]
    if found is None:
        return _unverifiable(claim, "no NATO release covering most allies for that year")
    evidence, measure, reason = found
    return _result(claim, evidence, measure=measure, reason=reason)


def _share_of_members_evidence(ctx: _Ctx, claim: Claim) -> tuple[list[Evidence], str, str] | None:
    threshold = claim.threshold if claim.threshold is not None else 2.0
    years = (
        [claim.year]
        if claim.year_explicit and claim.year
        else [ctx.year_of(claim) - k for k in range(3)]
    )
    for year, members, chosen, how in _ally_shares(ctx, years):
        covered = {str(r["entity"]): float(r["value"]) for r in chosen}
        meeting = sorted(c for c, v in covered.items() if v >= threshold - 1e-9)
        share = len(meeting) / len(covered)
        release = chosen[0].get("release")
        all_members = ctx.evidence(
            f"derived: {len(meeting)} of all {len(members)} allies at or above {threshold:g}% of GDP in {year} "
            f"({release}), allies without a figure counted as below",
            value=len(meeting) / len(members),
            unit="share",
            year=year,
            entity="NATO",
            measure=f"milex_share_gdp, NATO definition, {how}",
            source_id=str(chosen[0]["source_id"]),
            derived=True,
        )
        ev = ctx.evidence(
            f"derived: {len(meeting)} of {len(covered)} allies with data at or above {threshold:g}% of GDP in {year} ({release}); "
            f"{len(members) - len(covered)} without a figure",
            value=share,
            unit="share",
            year=year,
            entity="NATO",
            measure=f"milex_share_gdp, NATO definition, {how}",
            source_id=str(chosen[0]["source_id"]),
            derived=True,
        )
        reason = (
            ""
            if year == claim.year
            else f"checked against the latest year with data at the article date ({year})"
        )
        return (
            [ev, all_members],
            f"share of allies at ≥{threshold:g}% of GDP (NATO definition, {release})",
            reason,
        )
    return None


def _ally_shares(
    ctx: _Ctx, years: list[int]
) -> Iterator[tuple[int, list[str], list[dict[str, Any]], str]]:
    """Per year: (year, members, NATO-definition share rows of one release, how chosen).

    Only years whose release current at the article date covers at least 3/4 of the allies.
    """
    for year in years:
        members = ctx.index.members("NATO", year)
        rows = [
            r
            for code in members
            for r in ctx.index.observations.get((code, "milex_share_gdp"), [])
            if int(r["year"]) == year
            and str(r.get("definition")) == "NATO"
            and not _nan(r["value"])
            and ctx.usable(r["source_id"])
        ]
        chosen, how = ctx.pick_release(rows)
        if ctx.after_article(chosen):
            continue
        if len({str(r["entity"]) for r in chosen}) < 0.75 * len(members):
            continue
        yield year, members, chosen, how


def _check_sole_above(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    """Judge "Only Poland spends more than 4 per cent": Poland is the one ally above that level."""
    level = claim.value
    years = (
        [claim.year]
        if claim.year_explicit and claim.year
        else [(ctx.year_of(claim)) - k for k in range(3)]
    )
    for year, members, chosen, how in _ally_shares(ctx, years):
        shares: dict[str, float] = {}
        for r in chosen:
            code = str(r["entity"])
            shares[code] = max(shares.get(code, float("-inf")), float(r["value"]))
        above = sorted(c for c, v in shares.items() if v > level + 1e-9)
        release = chosen[0].get("release")
        listed = ", ".join(f"{c} {shares[c]:.2f}%" for c in above) or "none"
        ev = ctx.evidence(
            f"derived: allies above {level:g}% of GDP in {year} ({release}): {listed}; "
            f"{len(members) - len(shares)} allies without a figure",
            value=float(len(above)),
            unit="count",
            year=year,
            entity="NATO",
            measure=f"milex_share_gdp, NATO definition, {how}",
            source_id=str(chosen[0]["source_id"]),
            derived=True,
        )
        ok = above == [claim.subject]
        return ClaimCheck(
            claim=claim,
            verdict=Verdict.supported if ok else Verdict.contradicted,
            evidence=(replace(ev, agrees=ok),),
            measure=f"allies above {level:g}% of GDP (NATO definition, {release})",
            tolerance=f"'only {claim.subject}': exactly one ally above {level:g}%, and it is {claim.subject}",
            reason=""
            if year == claim.year
            else f"checked against the latest year with data at the article date ({year})",
        )
    return _unverifiable(claim, "no NATO release covering most allies for that year")
