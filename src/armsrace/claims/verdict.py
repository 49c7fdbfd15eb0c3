"""Verdicts on claims, the evidence behind them, and the tolerance rules that decide them.

A claim and a fact are compared as intervals:

- the **fact's interval** is its own ``low``–``high`` range when it has one; a figure given
  only as a lower bound ("over 4,000") is read as ``low``–``1.5 × low``, an upper bound as
  ``high / 1.5``–``high``; a single central figure is a point;
- the **claim's interval** comes from its rounding (``20`` stands for 15–25, ``3.5`` for
  3.45–3.55) widened by its qualifier: *about* ±10 %, *nearly* −10 %, *more than* / *at
  least* any value above, short of ten times the figure (a "more than 400" that was really
  4,000 is a slipped zero, not a true lower bound), *up to* / *less than* down to −33 %;
  for fractions (shares of members) the bounds run to 0 or 1.

The claim is **supported** when a usable fact's interval meets the claim's, **contradicted**
when usable facts exist and none meets it, **unverifiable** when no fact of the same measure
exists. Every verdict says which measure it used and the tolerance applied.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from armsrace.claims._claim import Claim

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.claims.reader import Article
    from armsrace.provenance import RunInfo

__all__ = [
    "ArticleCheck",
    "ClaimCheck",
    "Evidence",
    "Verdict",
    "claim_interval",
    "fact_interval",
    "judge",
]


class Verdict(StrEnum):
    """Outcome of checking one claim."""

    supported = "supported"
    contradicted = "contradicted"
    unverifiable = "unverifiable"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Evidence:
    """One fact (or derived figure) used to judge a claim, with where it comes from."""

    description: str
    value: float | None
    unit: str
    low: float | None = None
    high: float | None = None
    year: int | None = None
    entity: str | None = None
    measure: str | None = None
    source_id: str | None = None
    url: str | None = None
    publisher: str | None = None
    claimant: str | None = None
    claim_type: str | None = None
    derived: bool = False
    agrees: bool | None = None
    #: month ("YYYY-MM") the fact's release was published, when known
    release_month: str | None = None
    #: True when that release came out after the article's date (None: undated either side)
    after_article: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            k: (None if isinstance(v, float) and math.isnan(v) else v)
            for k, v in asdict(self).items()
        }


@dataclass(frozen=True)
class ClaimCheck:
    """A claim with its verdict, the evidence used, the measure and the tolerance."""

    claim: Claim
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    measure: str | None = None
    tolerance: str | None = None
    #: a sentence saying how the verdict was reached (for people)
    reason: str = ""
    #: the machine-readable reason of an ``unverifiable`` verdict (``subject_unresolved``,
    #: ``subject_not_in_store``, ``metric_ambiguous``, ``period_ambiguous``, ``value_ambiguous``, ``no_figure``,
    #: ``newer_release_than_store``, ``no_release_at_article_date``,
    #: ``outside_tolerance_of_some_sources``), or ``matched`` / ``mismatch`` otherwise
    code: str = ""
    #: later releases of the same figure, shown as a note beside a supported verdict
    notes: tuple[str, ...] = ()

    def chain(self) -> dict[str, Any]:
        """The chain the verdict rests on: where subject, metric and period were read, and
        the release of the evidence used."""
        c = self.claim
        used = [e for e in self.evidence if e.agrees is not None]
        return {
            "subject": {"value": c.subject, "from": c.origin("subject") or None},
            "metric": {"value": c.metric, "from": c.origin("metric") or None},
            "period": {"value": c.year, "from": c.origin("period") or None},
            "measure": self.measure,
            "releases": sorted({e.release_month for e in used if e.release_month}),
        }

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        subject = c.subject if c.versus is None else f"{c.subject or '?'} vs {c.versus}"
        return {
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "value": c.value,
            "unit": c.unit,
            "subject": subject,
            "metric": c.metric,
            "year": c.year,
            "qualifier": c.qualifier,
            "kind": c.kind,
            "item": c.item,
            "deadline": c.deadline,
            "verdict": self.verdict.value,
            "measure": self.measure,
            "tolerance": self.tolerance,
            "reason": self.code,
            "note": self.reason,
            "notes": list(self.notes),
            "chain": self.chain(),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class ArticleCheck:
    """Every claim of one article, checked."""

    article: Article
    checks: tuple[ClaimCheck, ...]
    run_info: RunInfo
    excluded_sources: tuple[str, ...] = field(default=())

    def to_records(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.checks]

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "article": {
                "name": a.name,
                "kind": a.kind,
                "date": None if a.date is None else a.date.isoformat(),
                "title": a.title,
            },
            "claims": self.to_records(),
            "excluded_sources": list(self.excluded_sources),
            "run_info": self.run_info.to_dict(),
        }

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        rows = []
        for c in self.checks:
            d = c.to_dict()
            d["evidence"] = "; ".join(_evidence_line(e) for e in c.evidence)
            d["sources"] = ", ".join(sorted({e.source_id for e in c.evidence if e.source_id}))
            rows.append(d)
        return pd.DataFrame(rows)

    def counts(self) -> dict[str, int]:
        out = {v.value: 0 for v in Verdict}
        for c in self.checks:
            out[c.verdict.value] += 1
        return out


def _evidence_line(e: Evidence) -> str:
    if e.low is not None and e.high is not None and not (math.isnan(e.low) or math.isnan(e.high)):
        shown = f"{e.low:,.4g}–{e.high:,.4g}"
    elif e.value is not None and not math.isnan(e.value):
        shown = f"{e.value:,.4g}"
    elif e.low is not None and not math.isnan(e.low):
        shown = f">{e.low:,.4g}"
    else:
        shown = "n/a"
    return f"{e.description}: {shown} {e.unit}".strip()


def claim_interval(claim: Claim) -> tuple[float, float, str]:
    """The interval the claim stands for, and a sentence saying how it was read."""
    v, p, q = claim.value, abs(claim.precision), claim.qualifier
    fraction = claim.unit == "share"
    lo, hi = v - p, v + p
    how = f"rounding ±{p:,.4g}"
    if q == "about":
        lo, hi = min(lo, v * 0.9), max(hi, v * 1.1)
        how = "'about': ±10% or the rounding, whichever is wider"
    elif q == "nearly":
        # a little short of the figure: its rounding does not widen the reading downwards
        # ("nearly three times" is not 2.5 times)
        lo, hi = v * 0.9, v + p
        how = "'nearly': up to 10% below"
    elif q in ("more than", "at least"):
        # any value above: "more than doubled" is true of x3.08. A figure ten times larger
        # or more is another figure (a slipped zero or scale: "more than 400" for 4,000).
        lo, hi = v, (1.0 if fraction else max(v + p, v * _MORE_THAN_CEILING))
        how = f"'{q}': from {v:,.4g} " + (
            "to 1" if fraction else "up, below ten times (a tenfold figure is another figure)"
        )
    elif q in ("up to", "less than"):
        lo, hi = (0.0 if fraction else min(v - p, v / 1.5)), v
        how = f"'{q}': " + ("from 0" if fraction else "down to a third below") + f" to {v:,.4g}"
    return lo, hi, f"claim read as {lo:,.4g}–{hi:,.4g} ({how})"


# just below 10x, so that a fact exactly ten times the claim ("over 4,000" for "more than
# 400") is not taken to agree with it
_MORE_THAN_CEILING = 10.0 * (1 - 1e-6)


def fact_interval(
    value: float | None, low: float | None, high: float | None
) -> tuple[float, float, str] | None:
    """A fact's interval: its low–high range, a one-sided bound widened by half, or a point."""
    lo = None if low is None or math.isnan(low) else low
    hi = None if high is None or math.isnan(high) else high
    mid = None if value is None or math.isnan(value) else value
    if lo is not None and hi is not None:
        return lo, hi, f"fact range {lo:,.4g}–{hi:,.4g}"
    if lo is not None and mid is None:
        return lo, lo * 1.5, f"fact 'over {lo:,.4g}' read as {lo:,.4g}–{lo * 1.5:,.4g}"
    if hi is not None and mid is None:
        return hi / 1.5, hi, f"fact 'up to {hi:,.4g}' read as {hi / 1.5:,.4g}–{hi:,.4g}"
    if mid is not None:
        return mid, mid, f"fact {mid:,.6g}"
    return None


def judge(
    claim: Claim, evidence: list[Evidence], *, scale: float = 1.0
) -> tuple[Verdict, list[Evidence], str]:
    """Verdict from evidence in the claim's unit divided by ``scale``; marks each piece."""
    lo, hi, how = claim_interval(claim)
    lo, hi = lo / scale, hi / scale
    marked: list[Evidence] = []
    any_ok = False
    usable = 0
    for e in evidence:
        iv = fact_interval(e.value, e.low, e.high)
        if iv is None:
            marked.append(e)
            continue
        usable += 1
        agrees = iv[0] <= hi * (1 + 1e-9) and iv[1] >= lo * (1 - 1e-9)
        any_ok = any_ok or agrees
        marked.append(_with_agrees(e, agrees))
    if usable == 0:
        return Verdict.unverifiable, marked, how
    return (Verdict.supported if any_ok else Verdict.contradicted), marked, how


def _with_agrees(e: Evidence, agrees: bool) -> Evidence:
    from dataclasses import replace

    return replace(e, agrees=agrees)
