"""Helpers shared by the claim handlers: missing values, release months, verdict shortcuts."""

from __future__ import annotations

import math
import re
from typing import Any

from armsrace.claims._claim import Claim
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict, judge

__all__ = [
    "_BLOCS",
    "_PRODUCTION_SIDES",
    "_month",
    "_nan",
    "_norm",
    "_num",
    "_result",
    "_unverifiable",
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
