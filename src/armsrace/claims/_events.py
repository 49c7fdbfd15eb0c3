"""Claims about dated events: "the NATO summit on June 26, 2025", "the full-scale invasion
of Ukraine in 2022", "four years ago", "in their fourth year of war".

The events come from the fact store's ``event`` table (``facts/data/events.csv``, every
row sourced): :class:`EventTable` is built once per :class:`~armsrace.claims.Checker`
(:meth:`EventTable.from_store`) or once per process from the packaged file
(:func:`packaged_events`). :func:`_find_events` reads, sentence by sentence, a mention of
an event — one of its aliases, or a generic noun of its kind ("summit", "war") in a
sentence naming its place (for summits: NATO) — and a date expression or span of time
attached to it (only the words of ``events.gap_words`` in ``claims/data/cues.yml`` or
capitalised names between them). Each becomes one claim:

- ``event_date`` — ``value``/``precision`` are the middle and half-width of the stated days
  as day ordinals (``datetime.date.toordinal``), so "June 2025" stands for all of June;
- ``event_age`` — years since the event began ("four years ago", "the 2.5-year-old war");
- ``event_ordinal`` — the how-manieth year since it began ("its second year").

``subject`` is the event id, or several ids joined by ``|`` when only the kind and the
year say which one (a NATO summit of that year). The origin ``event`` says how the event
was named: ``name`` (an alias), ``place`` (a generic noun and the event's place) or
``nato`` (the generic "summit" in a sentence naming NATO: the date's year says which) or
``kind`` (a generic noun in a sentence naming the event's place) — a ``kind`` reading is
never called contradicted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from armsrace.claims._claim import Claim
from armsrace.claims._cues import cues
from armsrace.claims._dates import DateSpan, Duration, date_expressions, durations
from armsrace.claims._patterns import _trie_pattern

if TYPE_CHECKING:
    from armsrace.claims._context import _Context
    from armsrace.facts.store import FactStore

__all__ = ["Event", "EventTable", "packaged_events"]


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


@dataclass(frozen=True)
class Event:
    """One row of the ``event`` table."""

    event_id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    places: tuple[str, ...]
    first: dt.date
    last: dt.date
    source_id: str


@dataclass(frozen=True)
class EventTable:
    """The events and the compiled patterns of their aliases and places."""

    events: dict[str, Event]
    alias_ids: dict[str, frozenset[str]]  # folded alias -> event ids
    place_ids: dict[str, frozenset[str]]  # folded place word -> event ids
    alias_pattern: re.Pattern[str] | None
    place_pattern: re.Pattern[str] | None

    @classmethod
    def build(cls, events: list[Event]) -> EventTable:
        aliases: dict[str, set[str]] = {}
        places: dict[str, set[str]] = {}
        for ev in events:
            for a in ev.aliases:
                aliases.setdefault(_fold(a), set()).add(ev.event_id)
            for p in ev.places:
                places.setdefault(_fold(p), set()).add(ev.event_id)

        def pattern(words: dict[str, set[str]]) -> re.Pattern[str] | None:
            if not words:
                return None
            return re.compile(
                r"(?<![\w-])" + _trie_pattern(sorted(words)) + r"(?![\w-])", re.IGNORECASE
            )

        return cls(
            events={ev.event_id: ev for ev in events},
            alias_ids={k: frozenset(v) for k, v in aliases.items()},
            place_ids={k: frozenset(v) for k, v in places.items()},
            alias_pattern=pattern(aliases),
            place_pattern=pattern(places),
        )

    @classmethod
    def from_rows(cls, rows: list[dict[str, object]]) -> EventTable:
        """From rows with the ``event`` table's columns (dates as text or dates)."""
        return cls.build([_event(r) for r in rows])

    @classmethod
    def from_store(cls, store: FactStore) -> EventTable:
        from armsrace.facts import queries

        return cls.from_rows(queries.events(store).to_dict(orient="records"))

    def of_kind(self, kind: str) -> list[Event]:
        return [ev for ev in self.events.values() if ev.kind == kind]


def _split(cell: object) -> tuple[str, ...]:
    text = "" if cell is None or cell != cell else str(cell)  # NaN != NaN
    return tuple(w.strip() for w in text.split(";") if w.strip())


def _event(row: dict[str, object]) -> Event:
    def day(v: object) -> dt.date:
        return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])

    return Event(
        event_id=str(row["event_id"]),
        kind=str(row["kind"]),
        name=str(row["name"]),
        aliases=_split(row.get("aliases")),
        places=_split(row.get("place")),
        first=day(row["start_date"]),
        last=day(row["end_date"]),
        source_id=str(row["source_id"]),
    )


@cache
def packaged_events() -> EventTable:
    """The packaged ``facts/data/events.csv``, validated as the store build does, built once."""
    from armsrace.errors import DataError
    from armsrace.facts.schema import TABLES
    from armsrace.facts.validate import parse_csv

    raw = resources.files("armsrace.facts").joinpath("data/events.csv").read_text("utf-8")
    parsed = parse_csv(raw, TABLES["event"], "events.csv")
    if parsed.problems:
        raise DataError(problems=parsed.problems)
    return EventTable.from_rows(list(csv.DictReader(io.StringIO(raw))))


# ------------------------------------------------------------------ finding event claims

_MAX_GAP = 60  # characters between an event's name and its date


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    ids: tuple[str, ...]
    how: str  # "name", "place" or "kind"


def _find_events(
    ctx: _Context, claims: list[Claim], table: EventTable, today: dt.date | None
) -> None:
    """Append a claim for every event mention with a date or span of time attached."""
    if table.alias_pattern is None or not any(ch.isdigit() or ch.isupper() for ch in ctx.text):
        return
    for s0, s1 in zip(ctx.sent_starts, ctx.sent_ends, strict=True):
        mentions = _mentions(ctx, table, s0, s1)
        if not mentions:
            continue
        dates = date_expressions(ctx.text, s0, s1, today)
        spans = durations(ctx.text, s0, s1)
        for men in mentions:
            claim = _attached(ctx, table, men, dates, spans, today)
            if claim is not None:
                ctx.take(claim.start, claim.end)
                claims.append(claim)


def _mentions(ctx: _Context, table: EventTable, s0: int, s1: int) -> list[_Mention]:
    text, words = ctx.text, cues().event_words
    out: list[_Mention] = []
    covered = bytearray(s1 - s0)
    aliases = table.alias_pattern
    for m in aliases.finditer(text, s0, s1) if aliases is not None else ():
        alias = _fold(m.group(0))
        if words["agreement_words"].search(alias) and not words["agreeing_verbs"].search(
            text, max(s0, m.start() - 30), m.start()
        ):
            continue  # "met the spending guideline in 2024" does not date the guideline
        out.append(_Mention(m.start(), m.end(), tuple(sorted(table.alias_ids[alias])), "name"))
        covered[m.start() - s0 : m.end() - s0] = b"\x01" * (m.end() - m.start())
    places: dict[str, set[str]] = {}
    if table.place_pattern is not None:
        for m in table.place_pattern.finditer(text, s0, s1):
            for ev_id in table.place_ids[_fold(m.group(0))]:
                places.setdefault(ev_id, set()).add(m.group(0))
    for key, pattern in words.items():
        if not key.startswith("kind:"):
            continue
        kind = key[5:]
        candidates = [ev.event_id for ev in table.of_kind(kind)]
        for m in pattern.finditer(text, s0, s1):
            if covered[m.start() - s0] or not candidates:
                continue
            placed = tuple(sorted(i for i in candidates if i in places))
            if kind == "summit":
                before = text[max(s0, m.start() - 24) : m.start()].split()
                if before and words["other_hosts"].fullmatch(before[-1].strip("'’s")):
                    continue  # "the EU summit"
                if not words["nato_words"].search(text, s0, s1) and not any(
                    code == "NATO" for _, _, code, _ in ctx.subjects_in(s0, s1)
                ):
                    continue
                if placed:
                    out.append(_Mention(m.start(), m.end(), placed, "place"))
                else:  # a NATO summit: the year of its date says which
                    out.append(_Mention(m.start(), m.end(), tuple(sorted(candidates)), "nato"))
            elif placed:
                out.append(_Mention(m.start(), m.end(), placed, "kind"))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _gap_ok(text: str, start: int, end: int, *, limit: int = _MAX_GAP) -> bool:
    """Whether only gap words or capitalised names stand in ``text[start:end]``."""
    if end - start > limit:
        return False
    gap = text[start:end]
    if any(ch.isdigit() or ch in '.;:!?()"“”\n' for ch in gap):
        return False
    words = cues().event_words["gap_words"]
    tokens = gap.replace(",", " ").split()
    return len(tokens) <= 6 and all(
        t[0].isupper() or words.fullmatch(t.lower()) is not None for t in tokens
    )


def _attached(
    ctx: _Context,
    table: EventTable,
    men: _Mention,
    dates: list[DateSpan],
    spans: list[Duration],
    today: dt.date | None,
) -> Claim | None:
    text = ctx.text
    best: tuple[int, DateSpan | Duration] | None = None
    found: list[DateSpan | Duration] = [*dates, *spans]
    for item in found:
        if item.start >= men.end:
            ok, dist = _gap_ok(text, men.end, item.start), item.start - men.end
        elif item.end <= men.start:
            ok, dist = _gap_ok(text, item.end, men.start, limit=24), men.start - item.end
        else:
            continue
        if ok and (best is None or dist < best[0]):
            best = (dist, item)
    if best is None:
        return None
    item = best[1]
    start, end = min(men.start, item.start), max(men.end, item.end)
    if ctx.is_taken(start, end) or ctx.is_masked(start, end):
        return None
    if isinstance(item, DateSpan) and any(
        d.start < item.start < d.end or d.start < item.end < d.end for d in spans
    ):
        return None  # the year of "a five-year plan from 2024" is not the event's
    subject = "|".join(men.ids)
    origins = [
        ("subject", "inferred" if men.how == "kind" and len(men.ids) == 1 else "clause"),
        ("metric", "clause"),
        ("event", men.how),
    ]
    if men.how == "kind" and len(men.ids) == 1:
        # a generic noun in a sentence naming the event's place: explicit enough to agree
        origins[0] = ("subject", "sentence")
    if isinstance(item, DateSpan):
        first, last = item.first.toordinal(), item.last.toordinal()
        return Claim(
            start=start,
            end=end,
            text=text[start:end],
            value=(first + last) / 2,
            unit="day",
            kind="event_date",
            metric="event_date",
            subject=subject,
            year=item.first.year,
            year_explicit=item.year_written,
            precision=(last - first) / 2,
            origins=(*origins, ("period", "text" if item.year_written else "article_date")),
        )
    if item.form == "ago":  # "four years ago" counts back from the article's date
        year, explicit = (today.year if today is not None else None), False
    else:
        year, explicit = _clause_year(ctx, start, end, today)
    claim = Claim(
        start=start,
        end=end,
        text=text[start:end],
        value=item.value,
        unit="years" if item.form != "ordinal" else "ordinal",
        kind="event_ordinal" if item.form == "ordinal" else "event_age",
        metric="event_ordinal" if item.form == "ordinal" else "event_age",
        subject=subject,
        year=year,
        year_explicit=explicit,
        precision=item.precision,
        period="year",
    )
    period = "text" if explicit else ("present" if today is not None else "none")
    return replace(claim, origins=(*origins, ("period", period)))


def _clause_year(
    ctx: _Context, start: int, end: int, today: dt.date | None
) -> tuple[int | None, bool]:
    """A year written in the claim's clause ("in 2025, in their fourth year of war"), else
    the article's."""
    from armsrace.claims._context import _clause

    c0, c1 = _clause(ctx, start, end)
    c0, c1 = min(c0, start), max(c1, end)
    years = [d for d in date_expressions(ctx.text, c0, c1, None) if not d.exact_day]
    years = [d for d in years if d.first.month == 1 and d.last.month == 12]
    if years:
        return min(years, key=lambda d: abs(d.start - start)).first.year, True
    return (today.year if today is not None else None), False
