"""Match claims to facts in the store and judge them.

:class:`Checker` loads the facts it needs from a :class:`~armsrace.facts.FactStore` once
(observations, production, statements, targets, membership, sources) and then checks
articles without touching the store again. :func:`check_article` is the one-call form.

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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armsrace.claims._claim import Claim
from armsrace.claims._common import _month, _nan, _norm, _unverifiable_kind
from armsrace.claims._entities import EntityLexicon
from armsrace.claims._production import _check_count, _check_multiple, _check_ratio
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
from armsrace.claims.extract import extract_claims
from armsrace.claims.reader import Article
from armsrace.claims.verdict import ArticleCheck, ClaimCheck, Evidence, Verdict, judge
from armsrace.errors import ClaimError, DataError

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore

__all__ = ["Checker", "check_article"]


@dataclass(frozen=True)
class _Source:
    source_id: str
    publisher: str | None
    title: str | None
    url: str | None
    published: str | None  # "YYYY-MM"


class Checker:
    """Checks articles against the facts of one store, loaded once."""

    def __init__(self, store: FactStore):
        from armsrace.facts import queries
        from armsrace.provenance import RunInfo, version

        self.store = store
        self.run_info = RunInfo(armsrace_version=version(), store_checksum=store.checksum)
        src = queries.sources(store)
        self._sources: dict[str, _Source] = {
            str(r["source_id"]): _Source(
                str(r["source_id"]),
                None if _nan(r["publisher"]) else str(r["publisher"]),
                None if _nan(r["title"]) else str(r["title"]),
                None if _nan(r["url"]) else str(r["url"]),
                _month(r["date_published"]) or _month(r["release"]),
            )
            for r in src.to_dict(orient="records")
        }
        self._obs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in queries.observations(store).to_dict(orient="records"):
            self._obs[(str(r["entity"]), str(r["indicator"]))].append(r)
        self._production = queries.production(store).to_dict(orient="records")
        self._production.extend(_multiples_in_notes(self._production))
        self._statements = queries.statements(store).to_dict(orient="records")
        self._targets = queries.targets(store).to_dict(orient="records")
        self._members: dict[tuple[str, int], list[str]] = {}
        # membership is loaded here too, so checking never touches the store again
        self._membership = store.sql(
            "SELECT country, bloc, valid_from, valid_to FROM membership"
        ).to_dict(orient="records")
        self._blocs = {
            str(r["entity_id"])
            for r in queries.entities(store).to_dict(orient="records")
            if r["kind"] == "bloc"
        }
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._titles = {sid: _norm(s.title) for sid, s in self._sources.items()}
        self.lexicon = EntityLexicon.from_store(store)
        #: the latest year with an observation: the year of an undated claim in an undated text
        self.latest_year = max(
            (int(r["year"]) for rows in self._obs.values() for r in rows), default=0
        )
        # entities the store holds figures for (observations, production, membership)
        self._covered = frozenset(
            {str(e) for e, _ in self._obs}
            | {str(r["side"]) for r in self._production}
            | {str(r["bloc"]) for r in self._membership}
        )
        self.names = {
            str(r["entity_id"]): str(r["name"])
            for r in queries.entities(store).to_dict(orient="records")
        }

    # ------------------------------------------------------------ public

    def check(self, article: Article) -> ArticleCheck:
        """Extract and judge every claim of ``article``."""
        claims = extract_claims(article.text, default_year=article.year, lexicon=self.lexicon)
        excluded = self._self_sources(article)
        checks = [self.check_claim(c, article=article, excluded=excluded) for c in claims]
        _judge_multiples_between_figures(article.text, checks)
        checks = [settle(c, covered=self._covered, article_year=article.year) for c in checks]
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
        ctx = _Ctx(self, article, excluded)
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
            covered=self._covered,
            article_year=None if article is None else article.year,
        )

    # ------------------------------------------------------------ helpers used by handlers

    def members(self, bloc: str, year: int) -> list[str]:
        """ISO3 members of ``bloc`` in ``year``, as :func:`armsrace.facts.queries.members`."""
        key = (bloc, year)
        if key not in self._members:
            if bloc not in self._blocs:
                raise DataError(
                    f"unknown bloc {bloc!r}; known blocs: {', '.join(sorted(self._blocs))}"
                )
            self._members[key] = sorted(
                str(r["country"])
                for r in self._membership
                if r["bloc"] == bloc
                and int(r["valid_from"]) <= year
                and (_nan(r["valid_to"]) or int(r["valid_to"]) >= year)
            )
        return self._members[key]

    def source(self, source_id: str | None) -> _Source | None:
        return None if source_id is None else self._sources.get(str(source_id))

    def _self_sources(self, article: Article) -> frozenset[str]:
        head = _norm(article.text[:1500])
        title = _norm(article.title)
        url = (article.url or "").rstrip("/").lower()
        out = set()
        for s in self._sources.values():
            t = self._titles[s.source_id]
            if (
                url
                and s.url
                and s.url.rstrip("/").lower() == url
                or len(t) >= 20
                and (t == title or t in head)
            ):
                out.add(s.source_id)
        return frozenset(out)


class _Ctx:
    """What a handler needs: the checker, the article date, the excluded sources."""

    def __init__(self, checker: Checker, article: Article | None, excluded: frozenset[str]):
        self.checker = checker
        self.article = article
        self.excluded = excluded
        self.date = None if article is None else article.date

    def year_of(self, claim: Claim) -> int:
        """The claim's year, else the article's, else the latest year the store has data for."""
        if claim.year is not None:
            return claim.year
        if self.date is not None:
            return self.date.year
        return self.checker.latest_year

    @property
    def cutoff(self) -> str | None:
        return None if self.date is None else self.date.strftime("%Y-%m")

    def evidence(
        self,
        description: str,
        *,
        value: float | None,
        unit: str,
        low: float | None = None,
        high: float | None = None,
        year: int | None = None,
        entity: str | None = None,
        measure: str | None = None,
        source_id: str | None = None,
        claimant: str | None = None,
        claim_type: str | None = None,
        derived: bool = False,
    ) -> Evidence:
        src = self.checker.source(source_id)
        month = None if src is None else src.published
        cutoff = self.cutoff
        return Evidence(
            description=description,
            value=value,
            unit=unit,
            low=low,
            high=high,
            year=year,
            entity=entity,
            measure=measure,
            source_id=source_id,
            url=None if src is None else src.url,
            publisher=None if src is None else src.publisher,
            claimant=claimant,
            claim_type=claim_type,
            derived=derived,
            release_month=month,
            after_article=None if month is None or cutoff is None else month > cutoff,
        )

    def usable(self, source_id: Any) -> bool:
        return str(source_id) not in self.excluded

    def release_month(self, row: dict[str, Any]) -> str | None:
        src = self.checker.source(str(row.get("source_id")))
        release = str(row.get("release") or "")
        if re.search(r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?!\d)", release):
            return _month(release)
        return (None if src is None else src.published) or _month(release)

    def after_article(self, rows: list[dict[str, Any]]) -> bool:
        """Whether every one of ``rows`` (a release :meth:`pick_release` chose) came out after
        the article's date; False for an undated article or undated rows."""
        cutoff = self.cutoff
        if cutoff is None or not rows:
            return False
        months = [self.release_month(r) for r in rows]
        return all(m is not None and m > cutoff for m in months)

    def pick_release(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
        """Rows of the release(s) current at the article date, else the earliest later ones.

        Releases of the same month count as one (a budget law and its press relays);
        sources without any date are used only when no dated release qualifies.
        """
        if not rows:
            return [], ""
        by_release: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by_release[str(r.get("release") or "") or f"source {r.get('source_id')}"].append(r)
        month = {rel: self.release_month(rs[0]) for rel, rs in by_release.items()}
        dated = sorted((rel for rel in by_release if month[rel]), key=lambda rel: str(month[rel]))
        undated = [rel for rel in by_release if not month[rel]]

        def same_month(rels: list[str], m: str | None) -> tuple[list[dict[str, Any]], str]:
            chosen = [rel for rel in rels if month[rel] == m]
            return [r for rel in chosen for r in by_release[rel]], "; ".join(chosen)

        cutoff = self.cutoff
        if cutoff is None:
            if not dated:
                return [r for rel in undated for r in by_release[rel]], "sources without a date"
            got, names = same_month(dated, month[dated[-1]])
            return got, f"latest release ({names})"
        before = [rel for rel in dated if str(month[rel]) <= cutoff]
        if before:
            got, names = same_month(before, month[before[-1]])
            return got, f"release current at the article date ({names})"
        if undated:
            return [r for rel in undated for r in by_release[rel]], "sources without a date"
        got, names = same_month(dated, month[dated[0]])
        return got, f"release {names}, published after the article date"


_NOTE_MULTIPLE = re.compile(
    r"(?P<what>[A-Za-z][A-Za-z/ -]{1,40}?)\s+x\s?(?P<n>\d+(?:\.\d+)?)\b(?:\s+vs\s+(?P<base>(?:19|20)\d\d))?"
)


def _multiples_in_notes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Multiples a row's note lists for other items ("also UAVs x23, artillery ammunition x22").

    A source that states several multiples is stored as one row (its headline item); the
    others live in its note. They become rows of kind ``multiple`` of their own item, with
    the same source, claimant, side and year, so a claim about them finds its evidence.
    """
    from armsrace.claims._compare import _item_in

    out = []
    for r in rows:
        note = "" if _nan(r.get("note")) else str(r["note"])
        for m in _NOTE_MULTIPLE.finditer(note):
            item = _item_in(m.group("what"))
            if item is None or item == r["item"] and r["kind"] == "multiple":
                continue
            base = f" vs {m.group('base')}" if m.group("base") else ""
            out.append(
                {
                    **r,
                    "item": item,
                    "item_label": f"{m.group('what').strip()} (from the note of the {r['item_label']} row)",
                    "kind": "multiple",
                    "low": float("nan"),
                    "central": float(m.group("n")),
                    "high": float("nan"),
                    "unit": f"multiple{base}",
                    "note": f"stated in the note of the {r['item']} {r['kind']} row: {note}",
                }
            )
    return out


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
