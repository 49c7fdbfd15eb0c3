"""Match claims to facts in the store and judge them.

:class:`Checker` builds the :class:`~armsrace.claims._index.FactIndex` of a
:class:`~armsrace.facts.FactStore` once (observations, production, statements, targets,
membership, sources), then checks articles without touching the store again: extract, hand
each claim to the handler of its kind, then apply the verdict rules. :func:`check_article`
is the one-call form.

Rules kept here:

- measures are never mixed: GDP ratios use market exchange rates (``gdp_usd_current``)
  unless the article says PPP; money is compared in its own currency and price basis;
  shares of GDP use NATO's definition for allies and SIPRI's otherwise, unless the article
  names one; the verdict's ``measure`` says which;
- the data release current at the article's date is preferred; a later release is used only
  when no earlier one has the figure, and the reason says so;
- facts whose source is the article itself (same URL or title) are never evidence for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from armsrace.claims._claim import Claim
from armsrace.claims._entities import EntityLexicon
from armsrace.claims._events import EventTable
from armsrace.claims._history import SERIES_HANDLERS
from armsrace.claims._index import FactIndex, _Ctx, _unverifiable_kind
from armsrace.claims._member_check import (
    _check_all_members,
    _check_members_count,
    _check_members_listed,
)
from armsrace.claims._production import _check_count, _check_multiple, _check_ratio
from armsrace.claims._rank_check import _check_rank, _check_rank_list
from armsrace.claims._rules import settle
from armsrace.claims._spending import (
    _check_deadline,
    _check_money,
    _check_percent,
    _check_share,
    _check_share_of_members,
    _check_sole_above,
    _check_target,
)
from armsrace.claims._timeline import EVENT_HANDLERS
from armsrace.claims.extract import extract_claims
from armsrace.claims.reader import Article
from armsrace.claims.verdict import ArticleCheck, ClaimCheck, Evidence, Verdict, judge
from armsrace.errors import ClaimError

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore

__all__ = ["Checker", "check_article"]


class Checker:
    """Checks articles against the facts of one store, loaded once (:class:`FactIndex`)."""

    def __init__(self, store: FactStore):
        from armsrace.provenance import RunInfo, version

        self.store = store
        self.run_info = RunInfo(armsrace_version=version(), store_checksum=store.checksum)
        self.index = FactIndex(store)
        self.lexicon = EntityLexicon.from_store(store)
        #: the dated events (summits, the start of a war) that date claims name
        self.events: EventTable = self.index.events

    # ------------------------------------------------------------ public

    def check(self, article: Article) -> ArticleCheck:
        """Extract and judge every claim of ``article``."""
        claims = extract_claims(
            article.text,
            default_year=article.year,
            lexicon=self.lexicon,
            events=self.events,
            today=article.date,
        )
        excluded = self.index.self_sources(article)
        checks = [self.check_claim(c, article=article, excluded=excluded) for c in claims]
        _judge_multiples_between_figures(article.text, checks)
        checks = [settle(c, covered=self.index.covered, article_year=article.year) for c in checks]
        return ArticleCheck(
            article=article,
            checks=tuple(checks),
            run_info=self.run_info,
            excluded_sources=tuple(sorted(excluded)),
        )

    def check_claim(
        self,
        claim: Claim,
        *,
        article: Article | None = None,
        excluded: frozenset[str] = frozenset(),
    ) -> ClaimCheck:
        """Judge one claim; ``excluded`` source ids are never used as evidence."""
        ctx = _Ctx(self.index, article, excluded)
        handler: Callable[[_Ctx, Claim], ClaimCheck] = _HANDLERS.get(claim.kind, _unverifiable_kind)
        return handler(ctx, claim)

    def judge_claim(
        self,
        claim: Claim,
        *,
        article: Article | None = None,
        excluded: frozenset[str] = frozenset(),
    ) -> ClaimCheck:
        """:meth:`check_claim` followed by the verdict rules of :func:`settle`."""
        return settle(
            self.check_claim(claim, article=article, excluded=excluded),
            covered=self.index.covered,
            article_year=None if article is None else article.year,
        )

    # ------------------------------------------------------------ helpers used by handlers


def _judge_multiples_between_figures(text: str, checks: list[ClaimCheck]) -> None:
    """Judge an unverifiable multiple by the two figures it relates, when both are supported.

    "up from 14,500 ... to 40,000, more than doubling", "roughly 2,000 by 2030, a more than
    threefold increase" on 620: the multiple is the ratio of two counts of the same item in
    its sentence or the one before. Only figures the facts support are used, so the derived
    ratio rests on sourced numbers, and the evidence lists both.
    """
    for i, mc in enumerate(checks):
        claim = mc.claim
        if claim.kind != "multiple" or mc.verdict is not Verdict.unverifiable:
            continue
        lo = _sentence_start(text, _sentence_start(text, claim.start) - 1)
        near = [
            c
            for c in checks
            if c.claim.kind == "count"
            and c.verdict is Verdict.supported
            and lo <= c.claim.start
            and c.claim.end <= max(claim.end, c.claim.end)
            and c.claim.start < _sentence_end(text, claim.end)
            and (claim.item is None or c.claim.item in (None, claim.item))
            and (c.claim.end <= claim.start or c.claim.start >= claim.end)
        ]
        near.sort(key=lambda c: abs(c.claim.start - claim.start))
        if len(near) < 2:
            continue
        a, b = near[0].claim, near[1].claim
        if a.item != b.item or min(a.value, b.value) <= 0:
            continue
        ratio = max(a.value, b.value) / min(a.value, b.value)
        evidence = [
            Evidence(
                description=f"ratio of the article's figures {b.text!r} and {a.text!r}, "
                "both supported by the facts",
                value=ratio,
                unit="ratio",
                derived=True,
            ),
            *near[0].evidence[:1],
            *near[1].evidence[:1],
        ]
        verdict, marked, tolerance = judge(claim, evidence[:1])
        checks[i] = ClaimCheck(
            claim=claim,
            verdict=verdict,
            evidence=(*marked, *evidence[1:]),
            measure="ratio of two supported figures",
            tolerance=tolerance,
            reason="derived from the two figures the multiple relates",
        )


_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?;])\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


def _sentence_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    start = 0
    for m in _SENTENCE_BOUNDARY.finditer(text, max(0, pos - 600), pos):
        start = m.end()
    return start


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_BOUNDARY.search(text, pos, pos + 600)
    return len(text) if m is None else m.start()


_HANDLERS: dict[str, Callable[[_Ctx, Claim], ClaimCheck]] = {
    "share_gdp": _check_share,
    "percent": _check_percent,
    "target": _check_target,
    "deadline": _check_deadline,
    "money": _check_money,
    "count": _check_count,
    "ratio": _check_ratio,
    "period_ratio": _check_ratio,
    "multiple": _check_multiple,
    "share_of_members": _check_share_of_members,
    "sole_above": _check_sole_above,
    **EVENT_HANDLERS,
    "rank": _check_rank,
    "rank_list": _check_rank_list,
    "all_members": _check_all_members,
    "members_listed": _check_members_listed,
    "members_count": _check_members_count,
    **SERIES_HANDLERS,
}


def check_article(
    article: Article | str, store: FactStore | Checker, *, date: dt.date | None = None
) -> ArticleCheck:
    """Extract and judge every claim of an article (an :class:`Article` or plain text)."""
    if isinstance(article, str):
        from armsrace.claims.reader import find_date

        if not article.strip():
            raise ClaimError("the article is empty")
        article = Article(text=article, name="<text>", kind="text", date=date or find_date(article))
    elif date is not None:
        from dataclasses import replace

        article = replace(article, date=date)
    checker = store if isinstance(store, Checker) else Checker(store)
    return checker.check(article)
