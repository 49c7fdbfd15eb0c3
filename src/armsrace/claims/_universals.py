"""Finder for claims about every member, or a named or counted set of members, of a group.

::

    All NATO members increased their military spending in 2024.      every member rose
    All European countries except Atlantis raised their spending.   all but the exceptions
    Allies missing the 2% goal include Spain and Belgium.          each named one is below
    In 2021 only six allies met the target.                        how many were at it

A claim of kind ``all_members`` (``metric`` ``milex_increase``; ``entities`` the
exceptions; ``value`` their number), ``members_listed`` (``metric`` ``below_target`` or
``meets_target``; ``entities`` the named members; ``threshold`` the share of GDP) or
``members_count`` (``metric`` ``meets_target``; ``value`` the count). ``subject`` and
``versus`` are the group (NATO, the EU, a SIPRI region, "European countries"); a
target with no share in its sentence is NATO's 2 % guideline for years up to 2025 and
left open after (``threshold`` None). Words in ``claims/data/cues.yml`` (``ranks``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from armsrace.claims._amounts import _definition
from armsrace.claims._claim import Claim
from armsrace.claims._context import _Context, _year_for
from armsrace.claims._cues import cue_section
from armsrace.claims._entities import AMBIGUOUS
from armsrace.claims._lexicon import lexicon
from armsrace.claims._origins import origins_of
from armsrace.claims._ranks import is_population

__all__ = ["_find_universals"]

#: the guideline year after which "the target" no longer means 2 % of GDP
_LAST_TWO_PERCENT_YEAR = 2025


@dataclass(frozen=True)
class _Words:
    all_increased: re.Pattern[str]
    listed: re.Pattern[str]
    counted: re.Pattern[str]
    number: str


def _alt(words: list[str]) -> str:
    return "|".join(str(w) for w in words)


@cache
def _words() -> _Words:
    raw = cue_section("ranks")
    number = lexicon().number_alt + r"|\d{1,3}"
    group = _alt(raw["group_nouns"])
    goal = (
        r"(?:(?P<pct>\d(?:[.,]\d{1,2})?)\s*(?:%|per\s?cent|percent)\s+)?(?:NATO['’]s\s+)?"
        rf"(?:spending\s+)?(?:{_alt(raw['goal_nouns'])})"
    )
    return _Words(
        all_increased=re.compile(
            rf"\b(?:all|every)\s+(?:of\s+)?(?:the\s+)?(?:(?P<n>{number})\s+)?(?P<who>[^,.;:]{{2,60}}?)"
            rf"(?:\s+(?:except|but|apart\s+from|other\s+than)\s+(?P<exc>[^,.;:]{{2,120}}?))?"
            rf"\s+(?:{_alt(raw['increased'])})\s+(?:their|its)\s+(?:{_alt(raw['spending_nouns'])})",
            re.IGNORECASE,
        ),
        listed=re.compile(
            rf"\b(?P<who>(?:NATO\s+|EU\s+)?(?:{group}))\s+(?:that\s+(?:are|were)\s+)?"
            rf"(?P<verb>{_alt(raw['missed'])}|{_alt(raw['met'])})\s+(?:the\s+)?{goal}"
            rf"(?:\s+in\s+(?:19|20)\d\d)?\s+(?:include|included|are|were)\s+(?P<list>[^.;:]{{3,200}})",
            re.IGNORECASE,
        ),
        counted=re.compile(
            rf"\bonly\s+(?P<n>{number})\s+(?P<who>(?:NATO\s+|EU\s+)?(?:{group}))\s+"
            rf"(?:(?:have|had)\s+)?(?:{_alt(raw['met'])})\s+(?:the\s+)?{goal}",
            re.IGNORECASE,
        ),
        number=number,
    )


def _count(written: str) -> int | None:
    word = written.lower().strip()
    if word.isdigit():
        return int(word)
    n = lexicon().number_words.get(word)
    if n is None and "-" in word:
        tens, _, unit = word.partition("-")
        a, b = lexicon().number_words.get(tens), lexicon().number_words.get(unit)
        n = None if a is None or b is None else a + b
    return None if n is None or n != int(n) else int(n)


def _find_universals(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    words = _words()
    for m in words.all_increased.finditer(text):
        group = _group(ctx, m.start("who"), m.end("who"))
        if group is None or ctx.is_taken(m.start(), m.end()):
            continue
        exceptions: tuple[str, ...] = ()
        if m.group("exc"):
            found = _names(ctx, m.start("exc"), m.end("exc"))
            if found is None:
                continue
            exceptions = found
        claim = Claim(
            start=m.start(),
            end=m.end(),
            text=m.group(0),
            value=float(len(exceptions)),
            unit="count",
            kind="all_members",
            metric="milex_increase",
            entities=exceptions,
        )
        _add(ctx, out, claim, group)
    for m in words.listed.finditer(text):
        names = _list_at(ctx, m.start("list"), m.end("list"))
        if names is None:
            continue
        codes, end = names
        verb = m.group("verb").lower()
        metric = (
            "meets_target"
            if re.fullmatch(_alt(cue_section("ranks")["met"]), verb)
            else "below_target"
        )
        claim = Claim(
            start=m.start(),
            end=end,
            text=text[m.start() : end],
            value=float(len(codes)),
            unit="count",
            kind="members_listed",
            metric=metric,
            entities=codes,
        )
        _add(
            ctx,
            out,
            claim,
            _group(ctx, m.start("who"), m.end("who")) or "NATO",
            m.group("pct"),
            own=(m.start("list"), end),
        )
    for m in words.counted.finditer(text):
        n = _count(m.group("n"))
        if n is None:
            continue
        claim = Claim(
            start=m.start(),
            end=m.end(),
            text=m.group(0),
            value=float(n),
            unit="count",
            kind="members_count",
            metric="meets_target",
            qualifier=None,
        )
        _add(ctx, out, claim, _group(ctx, m.start("who"), m.end("who")) or "NATO", m.group("pct"))


def _add(
    ctx: _Context,
    out: list[Claim],
    claim: Claim,
    group: str,
    pct: str | None = None,
    *,
    own: tuple[int, int] | None = None,
) -> None:
    """Record ``claim`` unless its own words (``own``, else its span) belong to another;
    a target share inside it ("the 2% goal") may be a claim of its own."""
    if ctx.is_taken(*(own or (claim.start, claim.end))):
        return
    s0, s1 = ctx.sentence(claim.start)
    year, explicit, _ = _year_for(ctx, claim.start, claim.end)
    threshold: float | None = None
    if claim.metric != "milex_increase":
        if pct is not None:
            threshold = float(pct.replace(",", "."))
        else:
            stated = re.search(
                r"\b(two|three|five|\d(?:[.,]\d)?)\s*(?:%|per\s?cent|percent)",
                ctx.text[s0:s1],
                re.IGNORECASE,
            )
            if stated is not None:
                word = stated.group(1).lower()
                threshold = float(
                    {"two": 2, "three": 3, "five": 5}.get(word) or word.replace(",", ".")
                )
            elif year is not None and year <= _LAST_TWO_PERCENT_YEAR:
                threshold = 2.0
    claim = replace(
        claim,
        subject=group,
        versus=group,
        year=year,
        year_explicit=explicit,
        threshold=threshold,
        definition=_definition(ctx.text[s0:s1]),
    )
    origins = dict(origins_of(ctx, claim))
    origins["metric"] = "clause"
    named = _group(ctx, claim.start, claim.end) is not None
    origins["subject"] = "clause" if named else origins.get("subject", "none")
    ctx.take(claim.start, claim.end)
    out.append(replace(claim, origins=tuple(origins.items())))


def _group(ctx: _Context, start: int, end: int) -> str | None:
    """The group an "all ..." phrase names: one population mention in ``text[start:end]``."""
    found = {
        code
        for s, _e, code, _title in ctx.subjects_in(start, end)
        if code != AMBIGUOUS and is_population(code)
    }
    return found.pop() if len(found) == 1 else None


_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?", re.IGNORECASE)


def _list_at(ctx: _Context, start: int, end: int) -> tuple[tuple[str, ...], int] | None:
    """The countries listed from ``start`` (within ``end``) and where the list ends; None
    when a group or an ambiguous name stands in it."""
    codes: list[str] = []
    pos = start
    for s, e, code, _title in ctx.subjects_in(start, end):
        gap = ctx.text[pos:s]
        if codes and not _SEP.fullmatch(gap) or not codes and gap.strip() not in ("", "the"):
            break
        if code == AMBIGUOUS or is_population(code):
            return None
        codes.append(code)
        pos = e
    return (tuple(codes), pos) if codes else None


def _names(ctx: _Context, start: int, end: int) -> tuple[str, ...] | None:
    """The countries listed in all of ``text[start:end]``, else None."""
    found = _list_at(ctx, start, end)
    if found is None or ctx.text[found[1] : end].strip():
        return None
    return found[0]
