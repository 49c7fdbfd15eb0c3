"""Finders for fractions: shares of GDP ("a third of its economy"), changes ("rose by a
third"), and vague shares of a quantity ("less than half of the shells it fires")."""

from __future__ import annotations

import re

from armsrace.claims._amounts import _definition
from armsrace.claims._claim import Claim
from armsrace.claims._context import _Context, _subject_for, _year_for
from armsrace.claims._lexicon import item_in, lexicon
from armsrace.claims._patterns import _qualifier, patterns

__all__ = ["_find_fractions"]

#: "a third of its GDP on the war": the war effort is military spending
_WAR = re.compile(r"\bwar\b", re.IGNORECASE)

_FRACTION_OF_GDP = re.compile(
    r"\b(?P<frac>(?:a|one)[\s-](?:third|quarter|fifth|tenth)|two[\s-]thirds|three[\s-]quarters|half)\s+of\s+"
    r"(?:(?:its|their|his|her|the\s+country['’]s|the|national|annual|[A-Z]\w*['’]s)\s+)?"
    r"(?:GDP|gross\s+domestic\s+product|economy|economic\s+output|national\s+income)\b",
    re.IGNORECASE,
)


def _find_fractions(ctx: _Context, out: list[Claim]) -> None:
    """'roughly a third of its economy': a share of GDP written as a fraction."""
    text = ctx.text
    if "of" not in text:
        _find_vague_fractions(ctx, out)
        return
    for m in _FRACTION_OF_GDP.finditer(text):
        if ctx.is_taken(m.start(), m.end()):
            continue
        words = " ".join(m.group("frac").lower().replace("-", " ").split())
        key = words.split(" ", 1)[1] if words.startswith(("a ", "one ")) else words
        value = lexicon().fraction(key, scale=100)
        if value is None:
            continue
        qual_m = patterns().qual_before.search(text, max(0, m.start() - 30), m.start())
        start = m.start() if qual_m is None else qual_m.start()
        sentence = ctx.sentence(start)
        window = text[sentence[0] : sentence[1]]
        subject = _subject_for(ctx, m.start(), m.end())
        year, explicit, _ = _year_for(ctx, start, m.end())
        out.append(
            Claim(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                value=round(value, 4),
                unit="pct_gdp",
                kind="share_gdp",
                metric="milex_share_gdp"
                if patterns().spend_words.search(window) or _WAR.search(window)
                else "gdp_share",
                subject=subject,
                year=year,
                year_explicit=explicit,
                qualifier=_qualifier(qual_m.group("qual")) if qual_m else None,
                definition=_definition(window, start - sentence[0]),
                precision=value * 0.05,
            )
        )
        ctx.take(start, m.end())
    _find_vague_fractions(ctx, out)


_FRACTION_WORDS = (
    r"(?:(?:a|one)[\s-](?:third|quarter|fifth|tenth)|two[\s-]thirds|three[\s-]quarters|half)"
)
#: "rose by a third in real terms": a change written as a fraction
_FRACTION_CHANGE = re.compile(
    r"\b(?:rose|risen|grew|grown|increased|climbed|jumped|fell|dropped|declined|shrank)\s+by\s+"
    rf"(?P<frac>{_FRACTION_WORDS})\b",
    re.IGNORECASE,
)
#: "less than half of the shells it fires": a vague share of a quantity of an item
_FRACTION_OF_ITEM = re.compile(
    rf"\b(?P<frac>{_FRACTION_WORDS})\s+(?:of\s+)?(?:the|its|their|what)\s+(?P<rest>[^.;:,]{{1,60}})",
    re.IGNORECASE,
)


def _fraction_value(frac: str) -> float | None:
    words = " ".join(frac.lower().replace("-", " ").split())
    key = words.split(" ", 1)[1] if words.startswith(("a ", "one ")) else words
    return lexicon().fraction(key, scale=100)


def _find_vague_fractions(ctx: _Context, out: list[Claim]) -> None:
    """Fractions that are not shares of GDP: a change ("rose by a third") or a vague share
    of a quantity ("less than half of the ammunition Ukraine needs")."""
    text = ctx.text
    for m in _FRACTION_CHANGE.finditer(text):
        fs, fe = m.start("frac"), m.end("frac")
        value = _fraction_value(m.group("frac"))
        if value is None or ctx.is_taken(fs, fe):
            continue
        end = fe
        real = re.match(r"\s+in\s+real\s+terms\b", text[end : end + 20], re.I)
        if real is not None:
            end += real.end()
        sentence = ctx.sentence(fs)
        window = text[sentence[0] : sentence[1]]
        spend = real is not None or patterns().spend_words.search(window)
        year, explicit, _ = _year_for(ctx, m.start(), end)
        out.append(
            Claim(
                start=m.start(),
                end=end,
                text=text[m.start() : end],
                value=round(value, 4),
                unit="pct",
                kind="percent",
                metric="milex_real_change" if spend else "pct_change",
                subject=_subject_for(ctx, m.start(), end),
                year=year,
                year_explicit=explicit,
                precision=value * 0.05,
            )
        )
        ctx.take(m.start(), end)
    for m in _FRACTION_OF_ITEM.finditer(text):
        value = _fraction_value(m.group("frac"))
        item = item_in(m.group("rest"))
        if value is None or item is None or ctx.is_taken(m.start(), m.end()):
            continue
        # the claim runs to the item's noun: "less than half of the shells"
        noun = re.search(
            r"\b(?:ammunition|munitions?|shells?|rounds|tanks?|vehicles?|drones?|UAVs?|missiles?"
            r"|aircraft|helicopters?|howitzers?|interceptors?)\b",
            m.group("rest"),
            re.I,
        )
        end = m.start("rest") + (noun.end() if noun is not None else len(m.group("rest")))
        qual_m = patterns().qual_before.search(text, max(0, m.start() - 30), m.start())
        start = m.start() if qual_m is None else qual_m.start()
        year, explicit, _ = _year_for(ctx, start, end)
        out.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                value=round(value / 100, 4),
                unit="share",
                kind="fraction",
                metric=f"{item}_share",
                subject=_subject_for(ctx, start, end),
                year=year,
                year_explicit=explicit,
                qualifier=_qualifier(qual_m.group("qual")) if qual_m else None,
                item=item,
                precision=0.0,
            )
        )
        ctx.take(start, end)
