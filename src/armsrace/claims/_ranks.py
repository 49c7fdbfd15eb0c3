"""Finder for rank claims: places, ordinal superlatives, "top N", "the leader among".

::

    Atlantis is the world's third-largest military spender      rank 3 of the world
    Borduria ranks fourth in NATO by military burden            rank 4 of NATO
    Atlantis is one of the top five spenders                    rank ≤ 5 (world by default)
    the highest defence spending in NATO is by A, B and C       the top three of NATO, in order

A rank phrase (``ranks`` in ``claims/data/cues.yml``: ordinals, superlatives, "top N",
"Nth place", "the leader among") becomes a claim of kind ``rank`` (``value`` the place,
``qualifier`` "up to" for "top N") or ``rank_list`` (``entities`` the ranked names, in
order). What is ranked (``metric``: ``milex``, ``milex_share_gdp``, ``gdp``, or a family
the store lacks such as ``arms_imports``) is read from the phrase, else its clause, else
its sentence; a phrase naming none is no claim, and neither is a record over time ("the
highest since 2014", "the largest annual increase"). Among whom (``versus``) is the
entity after "in/among/of" or before "'s" (NATO, a SIPRI region, the EU, two regions
joined by "and"), the world when the text says so — or, when it names nobody, the world
by default (origin ``population: default``). The subject is a country named before the
phrase in its sentence, else the first entity of the sentence before (a pronoun's
antecedent).
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

__all__ = ["RankWords", "_find_ranks", "is_population", "rank_words"]

#: entity codes that name a population of countries rather than one country
_POPULATIONS = frozenset({"WLD", "NATO", "NATO_EUCA", "EU", "EUR"})


def is_population(code: str) -> bool:
    """Whether an entity code names a group of countries (world, bloc, region)."""
    return all(c in _POPULATIONS or c.startswith("SIPRI_") for c in code.split("+"))


@dataclass(frozen=True)
class RankWords:
    """The rank vocabulary of ``cues.yml``, compiled."""

    ordinals: dict[str, int]
    phrase: re.Pattern[str]
    metrics: tuple[tuple[str, re.Pattern[str]], ...]
    world: re.Pattern[str]
    not_a_rank: re.Pattern[str]
    ordinal: str  # regex alternation of an ordinal ("4th", "fourth")

    def ordinal_value(self, written: str) -> int | None:
        word = written.lower()
        if word[:1].isdigit():
            digits = re.match(r"\d+", word)
            return None if digits is None else int(digits.group(0))
        return self.ordinals.get(word)

    def metric_in(self, text: str, start: int, end: int) -> str | None:
        """The first metric family whose words stand in ``text[start:end]``."""
        for name, pattern in self.metrics:
            if pattern.search(text, start, end):
                return name
        return None


def _alt(words: list[str]) -> str:
    return "|".join(str(w) for w in words)


@cache
def rank_words() -> RankWords:
    """The packaged rank vocabulary (compiled on first use, once per process)."""
    raw = cue_section("ranks")
    ordinals = {str(k): int(v) for k, v in raw["ordinals"].items()}
    ordinal = r"\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ordinals, key=len, reverse=True))
    sup = _alt(raw["superlatives"])
    number = lexicon().number_alt + r"|\d{1,2}"
    phrase = re.compile(
        rf"(?<![\w-])(?:(?P<ord>{ordinal})[\s-]+(?P<osup>{sup})"
        rf"|(?P<sup>{sup})"
        rf"|top[\s-]+(?P<top>{number})"
        rf"|(?P<place>{ordinal})\s+(?:place|position|spot)"
        rf"|rank(?:s|ed|ing)?\s+(?:(?:as\s+)?(?:the\s+)?)?(?P<ranked>{ordinal})"
        rf"|(?P<leader>{_alt(raw['leader'])})"
        rf")(?![\w-])",
        re.IGNORECASE,
    )
    return RankWords(
        ordinals=ordinals,
        phrase=phrase,
        metrics=tuple(
            (str(name), re.compile(rf"(?<![\w-])(?:{_alt(words)})(?![\w-])", re.IGNORECASE))
            for name, words in raw["metrics"].items()
        ),
        world=re.compile(rf"(?<![\w-])(?:{_alt(raw['world'])})", re.IGNORECASE),
        not_a_rank=re.compile(rf"(?<![\w-])(?:{_alt(raw['not_a_rank'])})(?![\w-])", re.IGNORECASE),
        ordinal=ordinal,
    )


_PREP = re.compile(
    r"\s*(?:\w+\s+){0,4}?(?:in|among|of|across|within|inside)\s+(?:all\s+)?(?:the\s+)?(?:\d+\s+)?",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:the\s+)?(?P<who>[\w .-]{2,40}?)['’]s\s+$")
_LIST_VERB = re.compile(r"\s+(?:are|were)\s+(?:by\s+|those\s+of\s+|in\s+)?", re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", re.IGNORECASE)
_TAIL = 90
_STOP = re.compile(r"[.;:!?(]|,\s|\s(?:and|but|while|which|after|behind|ahead)\s")


def _find_ranks(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    words = rank_words()
    for m in words.phrase.finditer(text):
        start = m.start()
        if ctx.is_taken(start, m.end()):
            continue
        if ctx.is_masked(start, m.end()) and "/" in text[max(0, start - 30) : m.end() + 30]:
            continue  # part of a link (ordinals themselves are masked as page furniture)
        sentence = ctx.sentence(start)
        if m.group("sup") and not re.search(
            r"(?:\bthe|['’]s)\s+$", text[max(0, start - 8) : start]
        ):
            continue  # "larger", "largest" without "the": no ranking
        found = _read(ctx, m, sentence)
        if found is None:
            continue
        claim = found
        ctx.take(claim.start, claim.end)
        out.append(claim)


def _read(ctx: _Context, m: re.Match[str], sentence: tuple[int, int]) -> Claim | None:
    text = ctx.text
    words = rank_words()
    s0, s1 = sentence
    stop = _STOP.search(text, m.end(), min(s1, m.end() + _TAIL))
    tail_end = min(s1, m.end() + _TAIL) if stop is None else stop.start()
    value, qualifier = _place(m, words)
    if value is None:
        return None
    # among whom: "in NATO", "of all countries", "the world's", "Europe's"
    pop_stop = re.compile(r"[.;:!?(]|,\s").search(text, m.end(), min(s1, m.end() + _TAIL))
    population, pop_end, pop_origin = _population(
        ctx, m, min(s1, m.end() + _TAIL) if pop_stop is None else pop_stop.start()
    )
    noun_end = pop_end if pop_end is not None else tail_end
    noun = text[m.end() : noun_end]
    if (m.group("sup") or m.group("osup") or m.group("leader")) and words.not_a_rank.search(
        noun.split(" in ")[0]
    ):
        return None  # "the largest annual increase", "the highest figure since 2014"
    metric = words.metric_in(text, m.start(), max(noun_end, m.end()))
    metric_origin = "clause"
    if metric is None:
        metric = words.metric_in(text, s0, s1)
        metric_origin = "sentence"
    if metric is None and _BACK.search(text, m.end(), min(s1, m.end() + 120)):
        metric, metric_origin = "milex", "inferred"  # "the leader in this regard"
    if metric is None:
        return None
    end = max(m.end(), noun_end if pop_end is not None else m.end())
    if pop_end is None:
        noun_words = re.match(r"(?:[\s-]+[\w'-]+){0,4}", text[m.end() : tail_end])
        if noun_words is not None and words.metric_in(text, m.start(), m.end() + noun_words.end()):
            end = m.end() + noun_words.end()
    listed = _ranked_list(ctx, end, s1) if m.group("sup") and population else None
    subject = _subject(ctx, m.start(), sentence, population)
    if listed is not None:
        codes, list_end = listed
        year, explicit, _ = _year_for(ctx, m.start(), list_end)
        claim = Claim(
            start=m.start(),
            end=list_end,
            text=text[m.start() : list_end],
            value=float(len(codes)),
            unit="rank",
            kind="rank_list",
            metric=metric,
            subject=population,
            versus=population,
            year=year,
            year_explicit=explicit,
            definition=_definition(text[s0:s1]),
            entities=codes,
        )
    else:
        if subject is None and pop_origin == "none":
            return None
        start = m.start()
        if subject is not None:
            sub_at = subject[1]
            if sub_at >= s0 and not re.search(r"[,;]", text[sub_at:start]) and start - sub_at <= 80:
                start = sub_at  # "Atlantis is the third-largest ...": the span names its subject
        year, explicit, _ = _year_for(ctx, start, end)
        claim = Claim(
            start=start,
            end=end,
            text=text[start:end],
            value=float(value),
            unit="rank",
            kind="rank",
            metric=metric,
            subject=None if subject is None else subject[0],
            versus=population or "WLD",
            year=year,
            year_explicit=explicit,
            qualifier=qualifier,
            definition=_definition(text[s0:s1]),
        )
    origins = dict(origins_of(ctx, claim))
    if origins.get("subject", "").endswith("_shared") and claim.kind == "rank":
        # the other names before the phrase are populations ("in Europe"), not subjects
        others = {
            code
            for _s, _e, code, title in ctx.subjects_in(s0, m.start())
            if not title and code != AMBIGUOUS and not is_population(code)
        }
        if others == {claim.subject}:
            origins["subject"] = origins["subject"].removesuffix("_shared")
    if metric_origin == "sentence" and _refers_back(ctx, m, metric, sentence):
        metric_origin = "inferred"
    origins["metric"] = metric_origin
    origins["population"] = pop_origin
    return replace(claim, origins=tuple(origins.items()))


_BACK = re.compile(
    r"\b(?:in\s+this\s+(?:regard|respect)|on\s+(?:this|that)\s+(?:measure|score)|by\s+(?:this|that)\s+measure)\b",
    re.IGNORECASE,
)


def _refers_back(ctx: _Context, m: re.Match[str], metric: str, sentence: tuple[int, int]) -> bool:
    """A rank whose measure is only named elsewhere is open when the phrase points back
    ("the leader in this regard") or spending is spoken of both as money and as a share of
    GDP nearby."""
    if _BACK.search(ctx.text, m.end(), min(sentence[1], m.end() + 120)):
        return True
    prev = ctx.previous_sentence(m.start())
    lo = sentence[0] if prev is None else prev[0]
    share = dict(rank_words().metrics)["milex_share_gdp"]
    return metric == "milex" and share.search(ctx.text, lo, sentence[1]) is not None


def _place(m: re.Match[str], words: RankWords) -> tuple[int | None, str | None]:
    for group in ("ord", "place", "ranked"):
        if m.group(group):
            return words.ordinal_value(m.group(group)), None
    if m.group("top"):
        written = m.group("top").lower()
        n = lexicon().number_words.get(written)
        if n is None and written.isdigit():
            n = int(written)
        return (None, None) if n is None or n < 2 else (int(n), "up to")
    return 1, None  # a plain superlative, "the leader among"


def _population(
    ctx: _Context, m: re.Match[str], tail_end: int
) -> tuple[str | None, int | None, str]:
    """(population code, end of its mention, origin) of a rank phrase."""
    text = ctx.text
    words = rank_words()
    before = text[max(0, m.start() - 48) : m.start()]
    # "the world's third-largest", "Europe's biggest"
    pm = _POSSESSIVE.search(before)
    if words.world.search(before[-12:]) or (pm and words.world.fullmatch(pm.group(0).strip())):
        return "WLD", None, "clause"
    if pm is not None:
        code = ctx.lexicon.code(pm.group("who"))
        if code is not None and code != AMBIGUOUS and is_population(code):
            return code, None, "clause"
    prep = (
        re.compile(r"\s+(?:all\s+)?(?:the\s+)?").match(text, m.end(), tail_end)
        if m.group("leader")
        else _PREP.match(text, m.end(), tail_end)
    )
    world = words.world.search(text, m.end(), tail_end)
    if prep is not None:
        at = prep.end()
        for s, e, code, _title in ctx.subjects_in(at, tail_end):
            between = text[at:s]
            if between.strip() == "" or re.fullmatch(r"\w+\s+and\s+", between):
                if code == AMBIGUOUS or not is_population(code):
                    return None, None, "none"
                both = re.fullmatch(r"(\w+)\s+and\s+", between)
                if both is not None:  # "Central and Western Europe": two regions
                    other = ctx.lexicon.code(f"{both.group(1)} {text[s:e].split()[-1]}")
                    if other is None or other == AMBIGUOUS or not is_population(other):
                        return None, None, "none"
                    code = f"{other}+{code}"
                return code, e, "clause"
            break
    if world is not None:
        return "WLD", world.end(), "clause"
    return None, None, "default"


def _ranked_list(ctx: _Context, pos: int, limit: int) -> tuple[tuple[str, ...], int] | None:
    """The entities listed after "... are (by)": ("POL", "EST", ...), end of the list."""
    verb = _LIST_VERB.match(ctx.text, pos)
    if verb is None:
        return None
    at = verb.end()
    codes: list[str] = []
    end = at
    for s, e, code, _title in ctx.subjects_in(at, limit):
        gap = ctx.text[end:s]
        if codes and not _LIST_SEP.fullmatch(gap) or not codes and gap.strip() not in ("", "the"):
            break
        if code == AMBIGUOUS or is_population(code):
            return None
        codes.append(code)
        end = e
    return (tuple(codes), end) if len(codes) >= 2 else None


def _subject(
    ctx: _Context, pos: int, sentence: tuple[int, int], population: str | None
) -> tuple[str, int] | None:
    """(code, offset) of the country a rank phrase is about."""
    s0, _ = sentence
    before = [
        (s, code)
        for s, _e, code, title in ctx.subjects_in(s0, pos)
        if not title and code != AMBIGUOUS
    ]
    for s, code in reversed(before):
        if code == population or is_population(code):
            continue
        return code, s
    prev = ctx.previous_sentence(pos)
    if prev is not None and not before:
        mentions = [m for m in ctx.subjects_in(*prev) if not m[3] and m[2] != AMBIGUOUS]
        if mentions and not is_population(mentions[0][2]):
            return mentions[0][2], -1
    return None
