"""The fact index the claim handlers read: the store's facts loaded once, and the context a
handler gets for one claim.

:class:`FactIndex` reads observations, production estimates (with the multiples stated in
their notes), statements, targets, membership and sources from a
:class:`~armsrace.facts.FactStore` once; checking never touches the store again.
:class:`_Ctx` carries the index, the article's date and the sources excluded as the article's
own, and picks the release current at the article's date. Handlers (:mod:`._spending`,
:mod:`._production`) import only this module, the claim model and the verdict rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armsrace.claims._claim import Claim
from armsrace.claims._common import _month, _nan, _norm, _unverifiable
from armsrace.claims._events import Event, EventTable
from armsrace.claims._lexicon import item_in
from armsrace.claims.reader import Article
from armsrace.claims.verdict import ClaimCheck, Evidence
from armsrace.errors import DataError

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore

__all__ = ["Event", "EventTable", "FactIndex", "_Ctx", "_unverifiable_kind", "_year_candidates"]


@dataclass(frozen=True)
class _Source:
    source_id: str
    publisher: str | None
    title: str | None
    url: str | None
    published: str | None  # "YYYY-MM"


class FactIndex:
    """The facts of one store, loaded once, in the shapes the handlers look them up by."""

    def __init__(self, store: FactStore):
        from armsrace.facts import queries

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
        # the fact index the handlers read (public, built once; never changed after)
        self.observations: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in queries.observations(store).to_dict(orient="records"):
            self.observations[(str(r["entity"]), str(r["indicator"]))].append(r)
        self.production = queries.production(store).to_dict(orient="records")
        #: dated events (summits, the start of a war) that date claims name
        self.events = EventTable.from_store(store)
        self.production.extend(_multiples_in_notes(self.production))
        self.statements = queries.statements(store).to_dict(orient="records")
        self.targets = queries.targets(store).to_dict(orient="records")
        self._members: dict[tuple[str, int], list[str]] = {}
        # membership is loaded here too, so checking never touches the store again
        self._membership = store.sql(
            "SELECT country, bloc, valid_from, valid_to FROM membership"
        ).to_dict(orient="records")
        self._blocs = {
            str(r["entity_id"])
            for r in queries.entities(store).to_dict(orient="records")
            if r["kind"] == "bloc"
        } | {str(r["bloc"]) for r in self._membership}  # SIPRI regions and the world too
        #: entity id -> kind (``country``, ``bloc``, ``region``, ``world``, ``historical``)
        self.kinds = {
            str(r["entity_id"]): str(r["kind"])
            for r in queries.entities(store).to_dict(orient="records")
        }
        #: results handlers compute once per checker (keyed by what they depend on)
        self.memo: dict[tuple[Any, ...], Any] = {}
        self._titles = {sid: _norm(s.title) for sid, s in self._sources.items()}
        #: the latest year with an observation: the year of an undated claim in an undated text
        self.latest_year = max(
            (int(r["year"]) for rows in self.observations.values() for r in rows), default=0
        )
        # entities the store holds figures for (observations, production, membership)
        self.covered = frozenset(
            {str(e) for e, _ in self.observations}
            | {str(r["side"]) for r in self.production}
            | {str(r["bloc"]) for r in self._membership}
        )
        self.names = {
            str(r["entity_id"]): str(r["name"])
            for r in queries.entities(store).to_dict(orient="records")
        }

    def members(self, bloc: str, year: int) -> list[str]:
        """ISO3 members of ``bloc`` (a bloc, a SIPRI region or the world) in ``year``, as
        :func:`armsrace.facts.queries.members`."""
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
        """The source row of ``source_id``, or None."""
        return None if source_id is None else self._sources.get(str(source_id))

    def self_sources(self, article: Article) -> frozenset[str]:
        """Ids of the sources that are ``article`` itself (same URL, or its title)."""
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
    """What a handler needs: the fact index, the article date, the excluded sources."""

    def __init__(self, index: FactIndex, article: Article | None, excluded: frozenset[str]):
        self.index = index
        self.article = article
        self.excluded = excluded
        self.date = None if article is None else article.date

    def latest_edition(self, entity: str, definition: str) -> str | None:
        """The month of the latest release (by the article's date) of ``definition``'s
        figures for ``entity``, any indicator: the edition current when the article was
        written."""
        key = ("latest_edition", entity, definition, self.cutoff)
        if key not in self.index.memo:
            months = [
                m
                for (e, _indicator), rows in self.index.observations.items()
                if e == entity
                for r in rows
                if str(r.get("definition")) == definition
                and (m := self.release_month(r)) is not None
                and (self.cutoff is None or m <= self.cutoff)
            ]
            self.index.memo[key] = max(months, default=None)
        latest: str | None = self.index.memo[key]
        return latest

    def year_of(self, claim: Claim) -> int:
        """The claim's year, else the article's, else the latest year the store has data for."""
        if claim.year is not None:
            return claim.year
        if self.date is not None:
            return self.date.year
        return self.index.latest_year

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
        src = self.index.source(source_id)
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
        src = self.index.source(str(row.get("source_id")))
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
    out = []
    for r in rows:
        note = "" if _nan(r.get("note")) else str(r["note"])
        for m in _NOTE_MULTIPLE.finditer(note):
            item = item_in(m.group("what"))
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


def _unverifiable_kind(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    return _unverifiable(claim, f"no facts on {claim.metric} in the store")


def _year_candidates(ctx: _Ctx, claim: Claim) -> list[int]:
    if claim.year is None:
        return []
    if claim.year_explicit:
        return [claim.year]
    # an undated figure in an article means the latest known one: this year or the last two
    return [claim.year, claim.year - 1, claim.year - 2]
