"""Helpers shared by the claim handlers: missing values, release months, verdict shortcuts."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from armsrace.claims._claim import Claim
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict, judge

if TYPE_CHECKING:
    from armsrace.claims.match import _Ctx

__all__ = [
    "_BLOCS",
    "_PRODUCTION_SIDES",
    "_month",
    "_nan",
    "_norm",
    "_num",
    "_result",
    "_unverifiable",
    "_unverifiable_kind",
    "_year_candidates",
]


_BLOCS = ("NATO", "NATO_EUCA")
_PRODUCTION_SIDES = ("NATO", "RUS", "UKR")


def _nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _num(x: Any) -> float | None:
    return None if _nan(x) else float(x)


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower().replace("’", "'"))


def _month(s: Any) -> str | None:
    """'YYYY-MM' of the first full date in ``s`` (else its first year, as December)."""
    text = str(s or "")
    m = re.search(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d])", text)
    if m is not None:
        return f"{m.group(1)}-{m.group(2)}"
    y = re.search(r"\b((?:19|20)\d\d)\b", text)
    return None if y is None else f"{y.group(1)}-12"


def _result(
    claim: Claim, evidence: list[Evidence], *, measure: str, reason: str, scale: float = 1.0
) -> ClaimCheck:
    verdict, marked, tolerance = judge(claim, evidence, scale=scale)
    if verdict is Verdict.unverifiable and not reason:
        reason = "no fact of this measure in the store"
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        evidence=tuple(marked),
        measure=measure,
        tolerance=tolerance,
        reason=reason,
    )


def _unverifiable(claim: Claim, reason: str, evidence: tuple[Evidence, ...] = ()) -> ClaimCheck:
    return ClaimCheck(
        claim=claim,
        verdict=Verdict.unverifiable,
        evidence=evidence,
        measure=None,
        tolerance=None,
        reason=reason,
    )


def _unverifiable_kind(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    return _unverifiable(claim, f"no facts on {claim.metric} in the store")


def _year_candidates(ctx: _Ctx, claim: Claim) -> list[int]:
    if claim.year is None:
        return []
    if claim.year_explicit:
        return [claim.year]
    # an undated figure in an article means the latest known one: this year or the last two
    return [claim.year, claim.year - 1, claim.year - 2]
