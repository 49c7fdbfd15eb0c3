"""Release policy of the spending handlers: which edition of a figure may judge a claim.

- a claim the release current at the article date contradicts may quote an earlier
  release of the same figure: then it is supported, the current figure shown as a note
  (:func:`_earlier_release`);
- releases published after the one used are shown as notes, never judged by
  (:func:`_later_revisions`);
- when the article names its source, evidence from an earlier year's edition of it, while
  the store holds the edition current at the article date only for other figures, accuses
  no one: that edition may have revised it (:func:`_older_edition`, reason code
  ``newer_release_than_store``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from armsrace.claims._common import _nan, _num, _result
from armsrace.claims._index import _Ctx
from armsrace.claims.verdict import ClaimCheck, Verdict

__all__ = ["_earlier_release", "_later_revisions", "_older_edition"]


def _older_edition(ctx: _Ctx, check: ClaimCheck, entity: str, definition: str) -> ClaimCheck:
    """Evidence from an earlier year's edition of a source whose later edition (out by the
    article's date) the store holds only in part: the article may quote the later
    edition's revised figure, so the older one accuses no one."""
    if check.verdict is not Verdict.contradicted:
        return check
    months = [e.release_month for e in check.evidence if e.release_month is not None]
    latest = ctx.latest_edition(entity, definition)
    if not months or latest is None or latest[:4] <= max(months)[:4]:
        return check
    return replace(
        check,
        verdict=Verdict.unverifiable,
        code="newer_release_than_store",
        reason=f"the store has this figure from {definition}'s {max(months)} release only; "
        f"its {latest} edition, current at the article date, may have revised it",
    )


def _earlier_release(
    ctx: _Ctx,
    check: ClaimCheck,
    chosen: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    *,
    unit: str,
    scale: float,
) -> ClaimCheck:
    """A claim the current release contradicts may quote an earlier release of the same
    figure (published before it, so before the article): then it is supported, and the
    reason names both releases."""
    months = [m for m in (ctx.release_month(r) for r in chosen) if m is not None]
    if not months:
        return check
    first = min(months)
    earlier = [
        r
        for r in rows
        if (m := ctx.release_month(r)) is not None and m < first and not _nan(r["value"])
    ]
    if not earlier:
        return check
    evidence = [
        ctx.evidence(
            f"{r['entity']} {r['indicator']} {r['year']} ({r.get('release') or r.get('definition')})",
            value=_num(r["value"]),
            low=_num(r["low"]),
            high=_num(r["high"]),
            unit=unit,
            year=int(r["year"]),
            entity=str(r["entity"]),
            measure=f"{r.get('definition')}; {r.get('release') or ''}".strip("; "),
            source_id=str(r["source_id"]),
        )
        for r in earlier
    ]
    older = _result(check.claim, evidence, measure=check.measure or "", reason="", scale=scale)
    if older.verdict is not Verdict.supported:
        return check
    agreeing = sorted({str(e.description) for e in older.evidence if e.agrees}, key=len)
    current = ", ".join(
        f"{float(r['value']):,.6g} {unit} ({r.get('release')})"
        for r in chosen
        if not _nan(r["value"])
    )
    return replace(
        older,
        evidence=older.evidence + check.evidence,
        notes=(f"the release current at the article date gives {current}", *check.notes),
        reason=f"matches an earlier release ({agreeing[0]}), not the one current at the "
        "article date",
    )


def _later_revisions(
    ctx: _Ctx, chosen: list[dict[str, Any]], rows: list[dict[str, Any]], unit: str
) -> tuple[str, ...]:
    """Releases of the same figure published after the one used: shown, never judged by."""
    used = {ctx.release_month(r) for r in chosen} - {None}
    if not used:
        return ()
    latest_used = max(m for m in used if m is not None)
    out = []
    for r in rows:
        month = ctx.release_month(r)
        if month is not None and month > latest_used and not _nan(r["value"]):
            out.append(f"later revision: {float(r['value']):,.6g} {unit} ({r.get('release')})")
    return tuple(dict.fromkeys(out))
