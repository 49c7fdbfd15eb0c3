"""Finders for figures tied to another: target deadlines ("by 2035"), baselines ("up from
14,500 before the invasion"), figures set against another subject ("against roughly 1,500
in Russia") and levels reached ("reached 40,000 a month")."""

from __future__ import annotations

import re

from armsrace.claims._claim import Claim
from armsrace.claims._context import (
    _Context,
    _subject_for,
)
from armsrace.claims._entities import AMBIGUOUS
from armsrace.claims._lexicon import lexicon
from armsrace.claims._patterns import _parse_number, _period_word, _qualifier, patterns

__all__ = ["_find_baselines", "_find_deadlines"]


def _find_deadlines(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in patterns().deadline.finditer(text):
        sentence = ctx.sentence(m.start())
        window = text[sentence[0] : sentence[1]]
        if ctx.is_taken(m.start(), m.end()):
            continue
        if any(c.kind == "target" and sentence[0] <= c.start < sentence[1] for c in out):
            continue
        if not re.search(
            r"\b(?:targets?|goals?|pledge[sd]?|commit\w*|spend\w*|budget|GDP|benchmark)\b",
            window,
            re.I,
        ):
            continue
        subject = _subject_for(ctx, m.start(), m.end())
        y = int(m.group("y"))
        start = m.start()
        lead = re.search(
            r"\b(?:reach|meet|hit|achieve)\s+(?:[\w-]+\s+){0,4}?$", text[sentence[0] : start], re.I
        )
        if lead is not None:
            start = sentence[0] + lead.start()
        out.append(
            Claim(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                value=float(y),
                unit="year",
                kind="deadline",
                metric="target_deadline",
                subject=subject,
                year=y,
                year_explicit=True,
                deadline=y,
                precision=0.0,
            )
        )
        ctx.take(start, m.end())


_BASELINE = re.compile(
    r"[^.;:!?]{0,40}?\b(?:up|down|rising|falling|increasing|decreasing|compared)?\s*(?:from|with)\s+"
    r"(?:about\s+|around\s+|roughly\s+|some\s+)?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<scale>\s+(?:thousand|million|billion))?\b"
    r"(?!\s*(?:%|per\s?cent|percent))",
    re.IGNORECASE,
)
_VERSUS = re.compile(
    r"[^.;:!?]{0,40}?\b(?:against|versus|vs\.?|compared\s+(?:with|to)|while)\s+"
    r"(?P<qual>about|around|roughly|some|only|just|nearly|almost|more\s+than|over)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b(?!\s*(?:%|per\s?cent|percent))"
    r"(?:\s+(?:\w+\s+){0,2}?(?:in|for|by|from)\s+(?P<who>(?:the\s+)?[A-Z][\w’']*(?:\s+[A-Z][\w’']*)?))?",
)
_PREWAR = re.compile(
    r"\s*(?:(?:before|prior\s+to)\s+the|at\s+the\s+(?:start|beginning|outset)\s+of\s+the|when\s+the)"
    r"\s+(?:full[\s-]scale\s+)?(?:invasion|war)\b",
    re.IGNORECASE,
)
_REACHED = re.compile(
    r"[^.;:!?]{0,30}?\b(?:and\s+)?(?:has\s+|have\s+|had\s+)?(?:now\s+)?(?:reached|hit|achieved|managed|produced|made)\s+"
    r"(?P<qual>about|around|roughly|some|only|just|nearly|almost|more\s+than|over)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b(?!\s*(?:%|per\s?cent|percent|[A-Za-z]))",
    re.IGNORECASE,
)


def _find_baselines(ctx: _Context, out: list[Claim]) -> None:
    """'40,000 shells a month, up from 14,500 before the invasion': the earlier figure is a claim too."""
    text = ctx.text
    for c in [c for c in out if c.kind == "count" and c.item is not None]:
        s1 = ctx.sentence(c.start)[1]
        reached = _REACHED.match(text, c.end, s1)
        if reached is not None and not ctx.is_taken(reached.start("num"), reached.end("num")):
            parsed = _parse_number(reached.group("num"), None)
            if parsed is not None:
                start = reached.start("qual") if reached.group("qual") else reached.start("num")
                out.append(
                    Claim(
                        start=start,
                        end=reached.end(),
                        text=text[start : reached.end()],
                        value=parsed[0],
                        unit="count",
                        kind="count",
                        metric=f"{c.item}_output",
                        subject=c.subject,
                        year=ctx.default_year,
                        year_explicit=False,
                        qualifier=_qualifier(reached.group("qual")),
                        item=c.item,
                        precision=parsed[1],
                        period=c.period or _period_word(text[c.start : c.end]),
                    )
                )
                ctx.take(start, reached.end())
            continue
        vs = _VERSUS.match(text, c.end, s1)
        if vs is not None and not ctx.is_taken(vs.start("num"), vs.end("num")):
            # "135 tanks a year ..., against roughly 1,500 in Russia": same item, period, year
            parsed = _parse_number(vs.group("num"), None)
            who = vs.group("who")
            subject = ctx.lexicon.code(who) if who else None
            subject = None if subject == AMBIGUOUS else subject
            if parsed is not None and subject is not None:
                start = vs.start("qual") if vs.group("qual") else vs.start("num")
                out.append(
                    Claim(
                        start=start,
                        end=vs.end(),
                        text=text[start : vs.end()],
                        value=parsed[0],
                        unit="count",
                        kind="count",
                        metric=c.metric,
                        subject=subject,
                        year=c.year,
                        year_explicit=c.year_explicit,
                        qualifier=_qualifier(vs.group("qual")),
                        item=c.item,
                        precision=parsed[1],
                        period=c.period or _period_word(text[c.start : c.end]),
                    )
                )
                ctx.take(start, vs.end())
                continue
        m = _BASELINE.match(text, c.end, s1)
        if m is None or ctx.is_taken(m.start("num"), m.end("num")):
            continue
        parsed = _parse_number(m.group("num"), None)
        if parsed is None:
            continue
        value, precision = parsed
        if m.group("scale"):
            factor = lexicon().scales[m.group("scale").strip().lower()]
            value, precision = value * factor, precision * factor
        start, end = m.start("num"), m.end()
        year: int | None
        prewar = _PREWAR.match(text, end, s1)
        if prewar is not None:
            year, explicit, end = 2022, True, prewar.end()  # the war began in February 2022
        else:
            since = re.match(
                r"^\s*(?:in|a\s+year\s+earlier\s+in)\s+((?:19|20)\d\d)\b", text[end:s1]
            )
            year, explicit = (int(since.group(1)), True) if since else (None, False)
            if since:
                end += since.end()
        if year is None:
            continue  # a baseline with no date cannot be checked
        out.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                unit="count",
                kind="count",
                metric=c.metric,
                subject=c.subject,
                year=year,
                year_explicit=explicit,
                item=c.item,
                precision=precision,
                period=c.period or _period_word(text[c.start : c.end]),
            )
        )
        ctx.take(start, end)
