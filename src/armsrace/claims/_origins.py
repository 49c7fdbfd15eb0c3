"""Where each attribute of a claim was read: the chain a verdict rests on.

For every claim the extractor records, per attribute, one of:

- ``subject``: ``clause`` (named in the claim's own clause), ``sentence`` (the nearest
  entity named before the claim in its sentence, attribution sources such as "according to
  NATO" passed over), ``sentence_shared`` (another entity stands nearer), ``speaker`` (a
  speaker of that country in the sentence: "Putin claimed ..."), ``antecedent`` (the first
  entity of an earlier sentence of the same paragraph, for "its budget"),
  ``antecedent_ambiguous``, ``inferred`` (from further away), ``none``;
- ``metric``: ``clause`` when a cue word of the metric's family (``claims/data/cues.yml``)
  or the item's noun stands in the clause or the span; ``sentence`` / ``paragraph`` when
  the sentence (or an earlier sentence of the paragraph) cues that family and none of the
  families competing for a percentage; else ``inferred``;
- ``measure`` (money and money ratios only): ``clause`` when the clause names PPP or market
  rates, ``ambiguous`` when only the article speaks of PPP, ``default`` otherwise;
- ``period``: ``text`` when the text names the year (or "last year", "since 2022" ...),
  ``another_figure`` when the only mention of that year outside the claim's clause follows
  another figure ("from 1.47% in 2024"),
  ``present`` for an undated comparison or standing, ``article_date``
  when it was taken from the article's date, ``none``.

Only ``clause``/``sentence``/``antecedent`` subjects, ``clause`` metrics and ``text``
periods are *explicit*: :mod:`armsrace.claims._rules` calls a claim contradicted only when
all three are.
"""

from __future__ import annotations

import re

from armsrace.claims._claim import Claim
from armsrace.claims._context import (
    _ATTRIBUTION_BEFORE,
    _clause,
    _Context,
    _in_aside_closed,
    _years_in,
)
from armsrace.claims._cues import cues
from armsrace.claims._entities import AMBIGUOUS
from armsrace.claims._lexicon import item_for, lexicon

__all__ = ["DATED_BY_CONTEXT", "EXPLICIT", "STANDING_KINDS", "origins_of"]


#: comparisons and standings ("20 times larger", "most allies do not meet"): stable from
#: year to year, so an undated one is read as of the article's date
STANDING_KINDS = frozenset(
    {
        "ratio",
        "period_ratio",
        "share_of_members",
        "sole_above",
        "rank",
        "rank_list",
        "all_members",
        "members_listed",
        "members_count",
    }
)
#: a bloc's member count: undated, it is the membership on the article's date
STANDING_METRICS = frozenset({"member_count"})

#: periods read from the context, not the claim's words: the year is the article's (or the
#: paragraph's), and evidence must be for that year
DATED_BY_CONTEXT = frozenset({"paragraph", "present_tense"})

#: origins that count as read from explicit words, per attribute
EXPLICIT = {
    "subject": frozenset({"clause", "sentence", "nearest", "speaker", "antecedent"}),
    "metric": frozenset({"clause", "sentence", "paragraph", "heading"}),
    "period": frozenset({"text", "present", "heading", "paragraph", "present_tense"}),
    "measure": frozenset({"clause", "default"}),
}


def origins_of(ctx: _Context, claim: Claim) -> tuple[tuple[str, str], ...]:
    """(attribute, origin) pairs for ``subject``, ``metric`` and ``period``."""
    clause = _clause(ctx, claim.start, claim.end)
    c0, c1 = min(clause[0], claim.start), max(clause[1], claim.end)
    subject = _subject_origin(ctx, claim, (c0, c1))
    metric, cued_in = _metric_origin(ctx, claim, (c0, c1))
    if claim.year is None:
        period = "none"
    elif claim.year_explicit and _year_of_another_figure(ctx, claim, (c0, c1)):
        period = "another_figure"
    elif claim.year_explicit or claim.base_year is not None:
        period = "text"
    elif claim.kind in STANDING_KINDS or claim.metric in STANDING_METRICS:
        period = "present"
    elif cued_in is not None and _dated(ctx, cued_in, claim.year):
        period = "paragraph"  # "Poland leads the table at 4.48% of GDP this year. ..."
    elif _PRESENT_STATE.search(ctx.text, c0, c1) and not _NOT_NOW.search(ctx.text, c0, c1):
        period = "present_tense"  # "the Kremlin is turning out 100 missiles a year"
    else:
        period = "article_date"
    pairs = [("subject", subject), ("metric", metric), ("period", period)]
    if claim.kind == "money" or claim.metric in ("gdp_ratio", "milex_ratio"):
        pairs.append(("measure", _measure_origin(ctx, (c0, c1))))
    return tuple(pairs)


#: a verb of the present state in the claim's clause: an undated figure is as of the
#: article's date ("Russia now makes up to 40 a month")
_PRESENT_STATE = re.compile(
    r"\b(?:is|are|now|currently|today|nowadays|builds|makes|produces|manufactures|spends"
    r"|delivers|fires|turns\s+out)\b",
    re.IGNORECASE,
)
#: ... unless the clause speaks of a plan, a forecast or a capacity
_NOT_NOW = re.compile(
    r"\b(?:will|would|could|can|may|might|plans?|planned|aims?|expect\w*|project\w*|forecast\w*"
    r"|set\s+to|going\s+to|due\s+to|likely|target\w*|goal|by\s+(?:19|20)\d\d|until|was|were"
    r"|had|did|ha(?:ve|s)\s+(?:been|spent|made|built|produced|delivered|\w+ed))\b",
    re.IGNORECASE,
)


def _dated(ctx: _Context, sentence: tuple[int, int], year: int) -> bool:
    """The sentence names ``year`` (or "this year" ...) as the year of its figures."""

    found, explicit, _deadline = _years_in(ctx, sentence, sentence[1])
    return explicit and found == year


_FIGURE_BEFORE_YEAR = re.compile(r"\d[\d.,]*\s*(?:%|per\s?cent|percent|\w+)?\s+in\s+$", re.I)


def _year_of_another_figure(ctx: _Context, claim: Claim, clause: tuple[int, int]) -> bool:
    """The claim's year is written outside its clause, only right after another figure
    ("from 1.47% in 2024, and Lithuania's spending rose by a third"): that figure's year."""
    year = str(claim.year)
    if ctx.text.find(year, *clause) >= 0:
        return False
    s0, s1 = ctx.sentence(claim.start)
    found = [i for i in _positions(ctx.text, year, s0, s1)]
    return bool(found) and all(
        _FIGURE_BEFORE_YEAR.search(ctx.text, max(s0, i - 24), i) is not None for i in found
    )


def _positions(text: str, word: str, start: int, end: int) -> list[int]:
    out = []
    i = text.find(word, start, end)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1, end)
    return out


def _measure_origin(ctx: _Context, clause: tuple[int, int]) -> str:
    """``clause`` when the clause names PPP or market rates; ``ambiguous`` when only the
    article speaks of PPP; ``default`` (market exchange rates) otherwise."""
    lex = cues()
    if any(p.search(ctx.text, *clause) for p in lex.measure_cue.values()):
        return "clause"
    if ctx.mentions_ppp is None:
        ctx.mentions_ppp = lex.measure_cue["ppp"].search(ctx.text) is not None
    return "ambiguous" if ctx.mentions_ppp else "default"


def _metric_origin(
    ctx: _Context, claim: Claim, clause: tuple[int, int]
) -> tuple[str, tuple[int, int] | None]:
    """Where the metric was read, and the earlier sentence that cued it (``paragraph``)."""
    lex = cues()
    if lex.metric_cue(claim.metric, ctx.text, *clause):
        return "clause", None
    if claim.item is not None and lexicon().item_noun.search(ctx.text, *clause):
        return "clause", None  # "1,500 tanks": the item noun says what is counted
    s0, s1 = ctx.sentence(claim.start)
    # a ";" ends a sentence of the splitter, not the writer's: read the two halves together
    prev = ctx.previous_sentence(claim.start)
    joined = prev[0] if prev is not None and ctx.text[prev[0] : prev[1]].endswith(";") else s0
    if claim.item is not None and _one_item_noun(ctx, claim.item, joined, s1):
        return "sentence", None  # "received 22,000 drones; they delivered 1,000 of them"
    # "as a share of GDP: Poland 4.12%, Estonia 3.4%": one family cued by the sentence
    fam = lex.family(claim.metric)
    if fam in _CLAUSE_ONLY:
        return "inferred", None
    cued = {f for f, pattern in lex.family_cue.items() if pattern.search(ctx.text, s0, s1)}
    if fam is not None and fam in cued and not cued & _COMPETING.get(fam, set()):
        return "sentence", None
    # ... GDP named as the denominator of a share ("or 7.1% of GDP") is no talk of its size
    if fam not in cued and cued & _RIVALS.get(fam or "", set()) and "share_gdp" not in cued:
        return "inferred", None
    # "Poland tops the table at 4.48% ... Canada reaches 2.0%": the paragraph's earlier
    # sentences cue the family, and no sentence between cues a competing one
    back = claim.start
    for _ in range(_PARAGRAPH_REACH):
        prev = ctx.previous_sentence(back)
        if prev is None or fam is None:
            break
        cued |= {f for f, pattern in lex.family_cue.items() if pattern.search(ctx.text, *prev)}
        if cued & _COMPETING.get(fam, set()):
            break
        if fam in cued:
            return "paragraph", prev
        back = prev[0]
    return "inferred", None


#: how many sentences (";" ends one) back a paragraph's cue reaches
_PARAGRAPH_REACH = 6

#: a change must be said in the figure's own clause: "rose 5.7%, 37% of world spending"
_CLAUSE_ONLY = frozenset({"spending_change"})

#: families a percentage could belong to: a sentence cueing two of them leaves it ambiguous.
#: A family of :data:`_CLAUSE_ONLY` claims only figures in its own clause, so its cue in
#: another clause ("its outlay grew by 2% in real terms. Britain reached 2.7 per cent")
#: competes with nothing.
_COMPETING = {
    "share_gdp": {"equipment"},
    "spending_change": {"share_gdp", "equipment"},
    "equipment": {"share_gdp"},
}
#: a sentence that cues one of these and not the claim's own family speaks of something
#: else: a cue of earlier sentences does not carry into it ("Allies spend $1.6 trillion.
#: Moscow's economy, barely 2 trillion dollars, ...")
_RIVALS = {"spending_money": {"gdp_money"}, "gdp_money": {"spending_money"}}


def _one_item_noun(ctx: _Context, item: str, start: int, end: int) -> bool:
    """The sentence names production items, all of them ``item``'s nouns."""
    return {item_for(m.group(0)) for m in lexicon().item_noun.finditer(ctx.text, start, end)} == {
        item
    }


_RATIO_KINDS = frozenset({"ratio", "period_ratio"})
#: what may stand between a fronted phrase and the main clause's subject: ", the "
_OPENS_NEXT_CLAUSE = re.compile(r"\s*,\s*(?:the\s+)?", re.IGNORECASE)


def _aside(ctx: _Context, mention: tuple[int, int, str, bool]) -> bool:
    """A title ("Russian President"), or a mention in brackets ("in Europe (including
    Russia)"): not the subject of a figure outside them."""
    if mention[3]:
        return True
    s0, s1 = ctx.sentence(mention[0])
    opened = ctx.text.rfind("(", s0, mention[0])
    if opened < 0 or ctx.text.rfind(")", opened, mention[0]) >= 0:
        return False
    return ctx.text.find(")", mention[1], s1) >= 0


#: a preposition that makes the entity after it a complement of the figure, not its subject
_COMPLEMENT_BEFORE = re.compile(
    r"\b(?:to|for|into|towards?|against|from|with)\s+(?:the\s+)?$", re.IGNORECASE
)
#: what may stand between the start of a clause and the entity heading it
_CLAUSE_OPENING = re.compile(
    r"[\s\"“‘(]*(?:(?:and|but|while|whereas|whilst|yet|so|meanwhile|the|its|their)[\s,]+)*",
    re.IGNORECASE,
)
#: a conjunction opening a clause whose subject follows ("said that Russia builds ...")
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:that|while|whereas|because|although|though|as|when|if)\s+(?:the\s+)?$", re.IGNORECASE
)
#: "the United States, which spent $968 billion" / "the United States (USD 877 billion)"
_RELATIVE_AFTER = re.compile(
    r"(?:['’]s?)?\s*(?:,\s*(?:which|who|whose)\b[^,;:()]*|\([^()\d]{0,12})$", re.IGNORECASE
)


def _complement(ctx: _Context, mention: tuple[int, int, str, bool]) -> bool:
    """An entity introduced by a preposition ("to Ukraine", "against Russia")."""
    return _COMPLEMENT_BEFORE.search(ctx.text, max(0, mention[0] - 16), mention[0]) is not None


def _heads_claim(ctx: _Context, mention: tuple[int, int, str, bool], claim: Claim) -> bool:
    """The nearest entity before the claim is the subject of the claim's clause: it opens
    its own clause and no entity stands between it and the claim ("..., while Canada, long a
    laggard, reaches 2.0%"), or the claim stands in a relative clause or brackets right after
    it ("the United States, which spent $968 billion"; "the United States (USD 877 billion)").
    Not so for an object inside a relative clause ("Russia, which invaded Ukraine, raised
    its spending by 9%"): that entity does not open its clause."""
    if ctx.subjects_in(mention[1], claim.start):
        return False
    if _RELATIVE_AFTER.match(ctx.text, mention[1], claim.start) is not None:
        return True
    if _SUBORDINATE_BEFORE.search(ctx.text, max(0, mention[0] - 16), mention[0]) is not None:
        return True  # "Rutte told an audience in Berlin that Russia builds 2,900 a month"
    c0 = _clause(ctx, mention[0], mention[1])[0]
    return _CLAUSE_OPENING.fullmatch(ctx.text, c0, mention[0]) is not None


def _subject_origin(ctx: _Context, claim: Claim, clause: tuple[int, int]) -> str:
    if claim.subject is None:
        return "none"
    if AMBIGUOUS in claim.subject.split("+"):
        return "ambiguous"  # "Brussels", "Korea": a name of several entities
    codes = set(claim.subject.split("+")) | set((claim.versus or "").split("+"))
    # a name of several entities ("Brussels" in a dateline) is no competing subject
    named = {m[2] for m in ctx.subjects_in(*clause) if not _aside(ctx, m)} - {AMBIGUOUS}
    # "supply 1.2 million to Ukraine": a recipient after the figure is no competing subject
    named -= {m[2] for m in ctx.subjects_in(claim.end, clause[1]) if _complement(ctx, m)} - codes
    if named & codes:
        # "spending in Europe (including Russia)": two entities in one clause
        if named <= codes or (claim.versus is not None and claim.subject in named | set()):
            return "clause"
        if claim.versus is not None and set(claim.versus.split("+")) <= named:
            return "clause"  # "three times what the US and Europe together send to Kyiv"
        if claim.kind in _RATIO_KINDS and len(named - codes) <= 1:
            return "clause"  # "Russia produces in three months what NATO does in a year"
        nearest = [m for m in ctx.subjects_in(clause[0], claim.start) if not _aside(ctx, m)]
        if nearest and nearest[-1][2] in codes and _heads_claim(ctx, nearest[-1], claim):
            return "nearest"  # "told an audience in Berlin that Russia builds 2,900 a month"
        return "clause_shared"
    s0, s1 = ctx.sentence(claim.start)
    # mentions before the claim that are not attribution sources ("according to NATO")
    before = [
        m
        for m in ctx.subjects_in(s0, claim.start)
        if not _aside(ctx, m)
        and not _in_aside_closed(ctx, m[0], m[1], claim.start)
        and not _ATTRIBUTION_BEFORE.search(ctx.text, max(s0, m[0] - 20), m[0])
    ]
    if before:
        # the only entity named before the claim in its sentence; with several ("Russia,
        # which invaded Ukraine, raised its spending by 9%") the text needs a parse, not a guess
        named_before = {m[2] for m in before} - {AMBIGUOUS}
        if named_before <= codes:
            return "sentence"
        if before[-1][2] in codes and _heads_claim(ctx, before[-1], claim):
            return "nearest"
        return "sentence_shared"
    after = [m for m in ctx.subjects_in(claim.end, s1) if not m[3]]
    if (
        not before
        and after
        and after[0][2] in codes
        and _OPENS_NEXT_CLAUSE.fullmatch(ctx.text, clause[1], after[0][0])
    ):
        return "sentence"  # "With 34% of GDP, Ukraine bore the largest burden"
    for pm in ctx.lexicon.speaker_pattern.finditer(ctx.text, s0, s1):
        if ctx.lexicon.speaker(pm.group(0)) in codes:
            return "speaker"
    if after:
        return "inferred"  # the sentence names someone else
    back = claim.start
    for _ in range(2):
        prev = ctx.previous_sentence(back)
        if prev is None:
            break
        mentions = [m[2] for m in ctx.subjects_in(*prev) if not m[3]]
        if mentions:
            # "Its members ...": the previous sentence's first entity is its grammatical subject
            if mentions[0] in codes or set(mentions) <= codes:
                return "antecedent"
            return "antecedent_ambiguous" if codes & set(mentions) else "inferred"
        back = prev[0]
    return "inferred"
