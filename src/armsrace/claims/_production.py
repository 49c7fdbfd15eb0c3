"""Handlers for production claims: counts per period, multiples, output and GDP ratios.

Every claimant's figure is kept; per-day/week/month figures are converted to the claim's
period and the conversion is written into the evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from armsrace.claims._claim import Claim
from armsrace.claims._common import (
    _BLOCS,
    _PRODUCTION_SIDES,
    _nan,
    _norm,
    _num,
    _result,
    _unverifiable,
)
from armsrace.claims._index import _Ctx, _unverifiable_kind, _year_candidates
from armsrace.claims._patterns import _period_word
from armsrace.claims.verdict import ClaimCheck, Evidence, judge
from armsrace.errors import DataError

__all__ = [
    "_DESIGNATION",
    "_PER_YEAR",
    "_PRODUCER_NAMES",
    "_check_count",
    "_check_multiple",
    "_check_ratio",
    "_claim_period",
    "_gdp_ratio_evidence",
    "_producer_matches",
    "_production_ratio_evidence",
    "_side",
    "_statement_evidence",
]


_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z0-9]{0,4}\b")

_PRODUCER_NAMES = {"EU": "EU", "EUR": "Europe"}


def _producer_matches(producer: str, field: str) -> bool:
    """'United States' matches 'United States' and 'Lockheed (United States)', 'EU' only 'EU'."""
    return (
        re.search(rf"(?<![\w+]){re.escape(producer)}(?![\w+])", field, re.I) is not None
        and "+" not in field
    )


#: names a combined producer's parts go by in the production table ("US + Europe")
_PART_NAMES = {
    "USA": ("US", "USA", "United States"),
    "EUR": ("Europe", "European"),
    "EU": ("EU", "European Union"),
    "GBR": ("UK", "United Kingdom", "Britain"),
}


def _combined_parts(subject: str | None) -> tuple[str, ...] | None:
    if subject is None or "+" not in subject:
        return None
    parts = tuple(subject.split("+"))
    return parts if all(p in _PART_NAMES for p in parts) else None


def _combined_matches(parts: tuple[str, ...], field: str) -> bool:
    """'USA+EUR' matches the producer 'US + Europe' (in any order), never one of them alone."""
    names = [n.strip().lower() for n in field.split("+")]
    if len(names) != len(parts):
        return False
    return all(any(a.lower() in names for a in _PART_NAMES[p]) for p in parts)


def _side(subject: str | None) -> str | None:
    if subject in _PRODUCTION_SIDES:
        return subject
    return None


def _check_count(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "member_count":
        bloc = claim.subject or "NATO"
        year = claim.year or (ctx.date.year if ctx.date else dt.date.today().year)
        try:
            members = ctx.index.members(bloc, year)
        except DataError as exc:  # a bloc the store does not know (e.g. the EU)
            return _unverifiable(claim, str(exc))
        ev = ctx.evidence(
            f"members of {bloc} in {year} (membership table)",
            value=float(len(members)),
            unit="count",
            year=year,
            entity=bloc,
            measure="membership by year of accession",
            derived=True,
        )
        return _result(
            claim, [ev], measure=f"count of {bloc} members in {year} (membership table)", reason=""
        )
    if claim.item is None:
        return _unverifiable_kind(ctx, claim)
    side = _side(claim.subject)
    producer: str | None = None
    if side is None and claim.subject in ctx.index.members("NATO", ctx.year_of(claim)):
        # a single ally's output sits under the NATO side, named in `producer`
        side, producer = "NATO", ctx.index.names.get(claim.subject or "")
    elif side is None and claim.subject in _PRODUCER_NAMES:
        side, producer = "NATO", _PRODUCER_NAMES[claim.subject or ""]
    combined = _combined_parts(claim.subject)
    if combined is not None:
        # "the US and Europe together": only rows for that same pair of producers
        side, producer = "NATO", None
    if side is None or (
        side == "NATO" and claim.subject != "NATO" and not producer and combined is None
    ):
        return _unverifiable(
            claim, f"no production facts for {claim.subject or 'an unnamed producer'}"
        )
    kind = claim.metric.rsplit("_", 1)[-1]
    kinds = {
        "output": ("output",),
        "capacity": ("capacity", "output"),
        "plan": ("plan", "target"),
    }.get(kind)
    if kinds is None:
        return _unverifiable(
            claim,
            f"no facts on {claim.metric} in the store (production figures are not consumption)",
        )
    period = _claim_period(ctx, claim)
    rows = [
        r
        for r in ctx.index.production
        if r["item"] == claim.item
        and r["side"] == side
        and r["kind"] in kinds
        and ctx.usable(r["source_id"])
        and (producer is None or _producer_matches(producer, str(r["producer"])))
        and (combined is None or _combined_matches(combined, str(r["producer"])))
    ]
    model = _DESIGNATION.search(claim.text)
    if model is not None:
        # "250 T-90M tanks" is checked against T-90M figures only, never against all tanks
        key = _norm(model.group(0))
        rows = [r for r in rows if key in _norm(str(r["item_label"]))]
        if not rows:
            return _unverifiable(claim, f"no production figures for {model.group(0)} in the store")
    for year in _year_candidates(ctx, claim):
        year_rows = [r for r in rows if int(r["year"]) == year]
        if not year_rows:
            continue
        evidence = []
        for r in year_rows:
            fact_period = str(r["period"]) if str(r["period"]) in _PER_YEAR else "year"
            factor = _PER_YEAR[fact_period] / _PER_YEAR[period]
            note = "" if factor == 1.0 else f" (per-{fact_period} figure converted to per {period})"
            evidence.append(
                ctx.evidence(
                    f"{r['item_label']}, {r['producer']} {year}{note} — {r['claimant']}",
                    value=None if _nan(r["central"]) else float(r["central"]) * factor,
                    low=None if _nan(r["low"]) else float(r["low"]) * factor,
                    high=None if _nan(r["high"]) else float(r["high"]) * factor,
                    unit=str(r["unit"]),
                    year=year,
                    entity=side,
                    measure=f"production {r['kind']} per {period}",
                    source_id=str(r["source_id"]),
                    claimant=str(r["claimant"]),
                    claim_type=str(r["claim_type"]),
                )
            )
        reason = (
            ""
            if year == claim.year
            else f"undated claim checked against the latest year with data ({year})"
        )
        return _result(
            claim,
            evidence,
            measure=f"{claim.item} {'/'.join(kinds)} per {period} ({side}), every claimant",
            reason=reason,
        )
    return _unverifiable(
        claim, f"no {claim.item} {'/'.join(kinds)} figures for {side} in {claim.year}"
    )


def _claim_period(ctx: _Ctx, claim: Claim) -> str:
    if claim.period is not None:
        return claim.period
    if ctx.article is None:
        return "year"
    text = ctx.article.text
    for chunk in (
        claim.text,
        text[claim.end : claim.end + 30],
        text[max(0, claim.start - 30) : claim.start],
    ):
        period = _period_word(chunk)
        if period is not None:
            return period
    return "year"


_PER_YEAR = {"day": 365.0, "week": 52.0, "month": 12.0, "year": 1.0}


def _statement_evidence(ctx: _Ctx, claim: Claim, metric: str) -> list[Evidence]:
    out = []
    for r in ctx.index.statements:
        if r["metric"] != metric or not ctx.usable(r["source_id"]):
            continue
        value, low, high = _num(r["value"]), _num(r["low"]), _num(r["high"])
        if value is None and low is None and high is None:
            continue
        num, den = str(r["numerator"]), str(r["denominator"])
        if claim.subject and claim.versus and (num, den) == (claim.versus, claim.subject):
            value = None if value is None else 1 / value
            low, high = (None if high is None else 1 / high), (None if low is None else 1 / low)
        elif (
            claim.subject
            and claim.versus
            and (num, den) != (claim.subject, claim.versus)
            or claim.subject
            and not claim.versus
            and num != claim.subject
        ):
            continue
        out.append(
            ctx.evidence(
                f"{num}:{den} {metric} — {r['claimant']}",
                value=value,
                low=low,
                high=high,
                unit="ratio",
                year=None if _nan(r["year"]) else int(r["year"]),
                entity=f"{claim.subject}:{claim.versus}",
                measure=f"published statement ({r['claim_type']})",
                source_id=str(r["source_id"]),
                claimant=str(r["claimant"]),
                claim_type=str(r["claim_type"]),
            )
        )
    return out


def _gdp_ratio_evidence(ctx: _Ctx, claim: Claim) -> tuple[list[Evidence], str]:
    ppp = claim.measure == "ppp"
    indicator = "gdp_ppp_current" if ppp else "gdp_usd_current"
    label = "PPP (current international $)" if ppp else "market exchange rates (current US$)"
    num_e, den_e = claim.subject, claim.versus
    if num_e is None or den_e is None:
        return [], label
    found: list[Evidence] = []
    labels: list[str] = []
    for year in _year_candidates(ctx, claim):
        parts: list[tuple[float, list[dict[str, Any]], str]] = []
        for entity in (num_e, den_e):
            codes = ctx.index.members(entity, year) if entity in _BLOCS else [entity]
            rows = [
                r
                for code in codes
                for r in ctx.index.observations.get((code, indicator), [])
                if int(r["year"]) == year and not _nan(r["value"]) and ctx.usable(r["source_id"])
            ]
            chosen, how = ctx.pick_release(rows)
            got = {str(r["entity"]) for r in chosen}
            if not chosen or len(got) < len(codes):
                parts = []
                break
            parts.append((sum(float(r["value"]) for r in chosen), chosen, how))
        if len(parts) == 2 and parts[1][0] > 0:
            ratio = parts[0][0] / parts[1][0]
            source_ids = sorted({str(r["source_id"]) for _, rows, _ in parts for r in rows})
            releases = sorted({str(r.get("release")) for _, rows, _ in parts for r in rows})
            ev = ctx.evidence(
                f"derived: GDP of {num_e} ({parts[0][0]:,.0f} bn) / {den_e} ({parts[1][0]:,.0f} bn), {year}, {label}, {', '.join(releases)}",
                value=ratio,
                unit="ratio",
                year=year,
                entity=f"{num_e}:{den_e}",
                measure=f"{indicator}; {parts[0][2]}",
                source_id=source_ids[0] if source_ids else None,
                derived=True,
            )
            found.append(ev)
            labels.append(", ".join(releases))
            if claim.year_explicit or len(found) == 2:
                break  # an undated claim is checked against the latest two years
    return found, f"{label}, {'; '.join(labels)}" if labels else label


def _check_ratio(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "gdp_ratio":
        derived, label = _gdp_ratio_evidence(ctx, claim)
        stated = _statement_evidence(ctx, claim, "gdp_ratio")
        if derived:
            verdict, marked, tol = judge(claim, derived)
            _, stated_marked, _ = judge(claim, stated)
            return ClaimCheck(
                claim,
                verdict,
                tuple(marked) + tuple(stated_marked),
                measure=f"GDP ratio at {label}; PPP not used"
                if claim.measure != "ppp"
                else f"GDP ratio at {label}",
                tolerance=tol,
                reason="derived from the GDP table; published statements listed for reference",
            )
        if stated:
            return _result(
                claim,
                stated,
                measure="published GDP-ratio statements",
                reason="no GDP data to derive the ratio",
            )
        return _unverifiable(claim, f"no GDP data ({label}) to derive the ratio")
    if claim.metric == "milex_ratio":
        return _check_milex_ratio(ctx, claim)
    metric = claim.metric
    stated = _statement_evidence(ctx, claim, metric)
    derived = _production_ratio_evidence(ctx, claim)
    if stated:
        verdict, marked, tol = judge(claim, stated)
        _, derived_marked, _ = judge(claim, derived)
        return ClaimCheck(
            claim,
            verdict,
            tuple(marked) + tuple(derived_marked),
            measure=f"published statements of {metric}",
            tolerance=tol,
            reason="judged against published statements of the same ratio"
            + (
                "; a ratio derived from the production table is listed for context (different coverage)"
                if derived
                else ""
            ),
        )
    if derived:
        return _result(
            claim,
            derived,
            measure="ratio derived from production estimates",
            reason="no published statement of this ratio",
        )
    return _unverifiable_kind(ctx, claim)


def _check_milex_ratio(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    """'Beijing's budget is twice Russia's': both sides from one definition, year and release."""
    a, b = claim.subject, claim.versus
    if a is None or b is None:
        return _unverifiable(claim, "a spending ratio needs both sides named")
    year_now = claim.year or (ctx.date.year if ctx.date else 9999)
    members = set(ctx.index.members("NATO", min(year_now, 2025)))
    nato_side = all(x in _BLOCS or x in members for x in (a, b))
    definition = claim.definition or ("NATO" if nato_side else "SIPRI")

    def own(entity: str) -> list[dict[str, Any]]:
        return [
            r
            for r in ctx.index.observations.get((entity, "milex_usd_current"), [])
            if str(r.get("definition")) == definition
            and not _nan(r["value"])
            and ctx.usable(r["source_id"])
        ]

    def rows(entity: str) -> list[dict[str, Any]]:
        found = own(entity)
        if found or entity not in _BLOCS:
            return found
        # a bloc without its own total in this definition: the sum of its members, year by
        # year, only where every member has a figure in the same release
        summed = []
        for year in sorted({int(r["year"]) for r in own("USA")}):
            codes = ctx.index.members(entity, year)
            parts = [own(c) for c in codes]
            per = [[r for r in p if int(r["year"]) == year] for p in parts]
            if not all(per):
                continue
            chosen = [ctx.pick_release(p)[0][0] for p in per]
            if len({str(r.get("release")) for r in chosen}) != 1:
                continue
            summed.append(
                {
                    **chosen[0],
                    "entity": entity,
                    "value": sum(float(r["value"]) for r in chosen),
                    "note": f"sum of {len(codes)} members",
                }
            )
        return summed

    ra, rb = rows(a), rows(b)
    years = sorted({int(r["year"]) for r in ra} & {int(r["year"]) for r in rb}, reverse=True)
    for year in [y for y in years if y <= year_now]:
        now_a, how = ctx.pick_release([r for r in ra if int(r["year"]) == year])
        now_b, _ = ctx.pick_release([r for r in rb if int(r["year"]) == year])
        if ctx.after_article(now_a) or not now_a or not now_b:
            continue
        va, vb = float(now_a[0]["value"]), float(now_b[0]["value"])
        if vb <= 0:
            continue
        ev = ctx.evidence(
            f"derived: military spending of {a} ({va:,.0f}) / {b} ({vb:,.0f}) USD million, {year}, "
            f"{definition} definition, current prices",
            value=va / vb,
            unit="ratio",
            year=year,
            entity=f"{a}:{b}",
            measure=f"milex_usd_current; {definition}",
            source_id=str(now_a[0]["source_id"]),
            derived=True,
        )
        return _result(
            claim,
            [ev],
            measure=f"ratio of military spending, {definition} definition, current US$ ({how})",
            reason="" if year == claim.year else f"latest year with data for both: {year}",
        )
    return _unverifiable(claim, f"no {definition} spending of both {a} and {b} for one year")


def _production_ratio_evidence(ctx: _Ctx, claim: Claim) -> list[Evidence]:
    versus_parts = _combined_parts(claim.versus)
    if (
        claim.item is None
        or _side(claim.subject) is None
        or (_side(claim.versus) is None and versus_parts is None)
    ):
        return []
    out = []
    for year in _year_candidates(ctx, claim):
        sides = {}
        for side in (claim.subject, claim.versus):
            parts = _combined_parts(side)
            rows = [
                r
                for r in ctx.index.production
                if r["item"] == claim.item
                and (
                    r["side"] == side
                    if parts is None
                    else r["side"] == "NATO" and _combined_matches(parts, str(r["producer"]))
                )
                and r["kind"] == "output"
                and int(r["year"]) == year
                and not _nan(r["central"])
                and ctx.usable(r["source_id"])
            ]
            if rows:
                r = rows[0]
                sides[side] = (float(r["central"]) * (12.0 if r["period"] == "month" else 1.0), r)
        if len(sides) == 2:
            (a, ra), (b, rb) = sides[claim.subject], sides[claim.versus]  # type: ignore[index]
            if b > 0:
                out.append(
                    ctx.evidence(
                        f"derived: {ra['item_label']} {a:,.0f}/yr ({ra['claimant']}) / {rb['item_label']} {b:,.0f}/yr ({rb['claimant']}), {year}",
                        value=a / b,
                        unit="ratio",
                        year=year,
                        entity=f"{claim.subject}:{claim.versus}",
                        measure="production output per year",
                        source_id=str(ra["source_id"]),
                        derived=True,
                    )
                )
            break
    return out


def _check_spending_growth(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    """'France has doubled its military budget since 2017': one constant-price series, one release."""
    entity, base = claim.subject, claim.base_year
    if entity is None or base is None:
        return _unverifiable(claim, "spending growth without a subject or a base year")
    rows = [
        r
        for r in ctx.index.observations.get((entity, "milex_usd_constant"), [])
        if not _nan(r["value"]) and ctx.usable(r["source_id"])
    ]
    definition = "SIPRI" if any(str(r.get("definition")) == "SIPRI" for r in rows) else None
    rows = [r for r in rows if str(r.get("definition")) == definition]
    years = sorted(
        {int(r["year"]) for r in rows if int(r["year"]) <= (claim.year or 9999)}, reverse=True
    )
    for year in years:
        now, how = ctx.pick_release([r for r in rows if int(r["year"]) == year])
        if ctx.after_article(now):
            continue
        release = now[0].get("release")
        then = [r for r in rows if int(r["year"]) == base and r.get("release") == release]
        if not then:
            break
        a, b = float(now[0]["value"]), float(then[0]["value"])
        ev = ctx.evidence(
            f"derived: {entity} {definition} constant-price spending {year} / {base} "
            f"({a:,.0f} / {b:,.0f} USD million, {now[0].get('price_base')} prices, {release})",
            value=a / b,
            unit="ratio",
            year=year,
            entity=entity,
            measure=f"{definition}; {release}",
            source_id=str(now[0]["source_id"]),
            derived=True,
        )
        return _result(
            claim,
            [ev],
            measure=f"real growth from the {definition} constant-price series ({release})",
            reason=f"latest year with data at the article date: {year}",
        )
    return _unverifiable(claim, f"no constant-price spending series for {entity} from {base}")


def _check_multiple(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "milex_growth":
        return _check_spending_growth(ctx, claim)
    side = _side(claim.subject)
    if claim.item is None or side is None:
        return _unverifiable(
            claim, "no production multiples for this item and producer in the store"
        )
    rows = [
        r
        for r in ctx.index.production
        if r["kind"] == "multiple"
        and r["item"] == claim.item
        and r["side"] == side
        and ctx.usable(r["source_id"])
    ]
    if claim.year is not None:
        rows = [r for r in rows if int(r["year"]) == claim.year] or rows
    evidence = [
        ctx.evidence(
            f"{r['item_label']} {r['year']} ({r['unit']}) — {r['claimant']}",
            value=_num(r["central"]),
            low=_num(r["low"]),
            high=_num(r["high"]),
            unit="ratio",
            year=int(r["year"]),
            entity=side,
            measure="production multiple",
            source_id=str(r["source_id"]),
            claimant=str(r["claimant"]),
            claim_type=str(r["claim_type"]),
        )
        for r in rows
    ]
    return _result(
        claim,
        evidence,
        measure="production multiple",
        reason="" if evidence else "no production multiples for this item",
    )
