"""Verdict rules: when a handler's comparison may stand, and the reason code when it may not.

A handler compares a claim with the facts; :func:`settle` then decides whether that
comparison may be published. Precision first — a correct article must never be accused:

- **contradicted** stands only when the claim's subject, metric and period were each read
  from explicit words (:data:`armsrace.claims._origins.EXPLICIT`), the evidence that
  disagrees comes from a release published by the article's date (any release when the
  article is undated), the evidence is for the claim's own year, and that year's figure in
  the release was not an in-year estimate later revised (an article written after the
  year ended may quote a release the store lacks). Otherwise the verdict becomes
  ``unverifiable`` with a reason code. A comparison or standing read as of the article's date
  ("20 times larger") may rest on a later release: revisions move both
  sides of a ratio together;
- **supported** needs a subject and a metric read from the text as well (the period may come
  from the article's date: agreeing with the figure current then is evidence enough);
- an ``unverifiable`` verdict without a code gets one: ``subject_unresolved`` (no subject),
  ``subject_not_in_store`` (an entity the store does not cover), else ``no_figure``.
"""

from __future__ import annotations

from dataclasses import replace

from armsrace.claims._claim import Claim
from armsrace.claims._origins import DATED_BY_CONTEXT, EXPLICIT, STANDING_KINDS
from armsrace.claims.verdict import ClaimCheck, Evidence, Verdict

__all__ = ["BUDGET_METRICS", "NO_PERIOD_KINDS", "settle"]

#: metrics of a budget (a plan, restated by later documents in other versions)
BUDGET_METRICS = frozenset({"budget_defence"})

#: claim kinds about agreed targets and deadlines: no period of data to read
NO_PERIOD_KINDS = frozenset({"target", "deadline"})


def settle(check: ClaimCheck, *, covered: frozenset[str], article_year: int | None) -> ClaimCheck:
    """``check`` with its verdict kept, or turned ``unverifiable`` with a reason code."""
    claim = check.claim
    if check.verdict is Verdict.unverifiable:
        return check if check.code else replace(check, code=_unverifiable_code(check, covered))
    code = _missing_link(check, strict=check.verdict is Verdict.contradicted)
    if code is None and check.verdict is Verdict.contradicted:
        code = _release_problem(check, article_year)
    if code is None:
        return replace(check, code="matched" if check.verdict is Verdict.supported else "mismatch")
    why = {
        "subject_unresolved": "the subject is not named in the claim's clause",
        "metric_ambiguous": "no word of the claim's clause says what the figure measures",
        "period_ambiguous": "the text does not say which year the figure is for",
        "value_ambiguous": "the figure's cells run together and can be read more than one way",
        "newer_release_than_store": "the figure may come from a release newer than the store's",
        "no_release_at_article_date": "the store has no release of this figure "
        "published by the article's date",
        "another_budget_version": "the store holds this year's budget only as restated "
        "during or after the year (amended, expected or executed), not the plan it may quote",
    }[code]
    was = (
        f"would be {check.verdict.value} ({check.reason})"
        if check.reason
        else (f"would be {check.verdict.value}")
    )
    del claim
    return replace(check, verdict=Verdict.unverifiable, code=code, reason=f"{why}; {was}")


def _missing_link(check: ClaimCheck, *, strict: bool) -> str | None:
    claim = check.claim
    if not claim.origins:
        return None  # a claim built by hand: its caller vouches for it
    subject = claim.origin("subject")
    # an agreed target ("the 3.5% goal") is NATO's whoever the sentence is about (the
    # handler tells a national target from NATO's): agreeing with it needs no subject
    agreed_target = claim.kind in NO_PERIOD_KINDS and not strict
    if subject not in EXPLICIT["subject"] and not agreed_target:
        return "subject_unresolved"
    if claim.origin("metric") not in EXPLICIT["metric"]:
        return "metric_ambiguous"
    if claim.origin("measure") not in EXPLICIT["measure"] | {""} and strict:
        return "metric_ambiguous"
    if strict and claim.origin("value") == "inferred":
        return "value_ambiguous"  # a table cell whose split the text alone does not fix
    period = claim.origin("period")
    if strict and claim.kind not in NO_PERIOD_KINDS and period not in EXPLICIT["period"]:
        return "period_ambiguous"
    return None


def _release_problem(check: ClaimCheck, article_year: int | None) -> str | None:
    claim = check.claim
    against = [e for e in check.evidence if e.agrees is False]
    standing = claim.kind in STANDING_KINDS
    if against and all(e.after_article for e in against) and not standing:
        return "no_release_at_article_date"
    if _restated_budget_only(claim, against):
        return "another_budget_version"
    years = {e.year for e in against if e.year is not None}
    if (
        claim.base_year is not None
        and not claim.year_explicit
        and article_year is not None
        and years
        and max(years) < article_year - 1
    ):
        # "has tripled since 2021" runs to the last complete year before the article
        return "newer_release_than_store"
    if (
        claim.kind not in NO_PERIOD_KINDS
        and claim.year is not None
        and (claim.year_explicit or claim.origin("period") in DATED_BY_CONTEXT)
        and years
    ):
        if claim.year not in years:
            return "newer_release_than_store" if claim.year > max(years) else "period_ambiguous"
        estimates = [
            e
            for e in against
            if e.release_month is not None and int(e.release_month[:4]) <= claim.year
        ]
        if article_year is not None and article_year > claim.year and estimates == against:
            # the release gave the year's figure before the year was over; an article
            # written later may quote the revision the store lacks
            return "newer_release_than_store"
    return None


def _restated_budget_only(claim: Claim, against: list[Evidence]) -> bool:
    """A budget is a plan that later documents restate: the law, its amendments, the next
    year's draft ("up from 10.4 trillion this year"), the execution report. A claim about a
    year's budget names no version, so it is contradicted only by a plan published before
    that year; figures published during or after it are other versions of the same budget."""
    if claim.metric not in BUDGET_METRICS and not (claim.kind == "money" and claim.unit == "rub"):
        return False
    return not any(
        e.release_month is not None and e.year is not None and int(e.release_month[:4]) < e.year
        for e in against
    )


def _unverifiable_code(check: ClaimCheck, covered: frozenset[str]) -> str:
    subject = check.claim.subject
    if subject is None:
        return "subject_unresolved"
    if any(code not in covered for code in subject.split("+")):
        return "subject_not_in_store"
    return "no_figure"
