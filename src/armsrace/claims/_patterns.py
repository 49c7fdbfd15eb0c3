"""Compiled patterns and number parsing for the claim extractor (no state, no I/O).

Every pattern is compiled on first use by :func:`patterns` (cached: once per process), from
the fixed syntax below and the word lists of ``claims/data/words.yml`` (:mod:`._lexicon`).
Patterns that would be slow over a whole text are run only in windows around cheap
triggers (:func:`_windows`); the subject alias alternation is compiled as a trie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from armsrace.claims._lexicon import lexicon

__all__ = [
    "Patterns",
    "_duration_months",
    "_currency",
    "_parse_number",
    "_period_word",
    "_qualifier",
    "_trie_pattern",
    "_windows",
    "patterns",
]

_DIGITS = r"(?:\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_ALT = r"thousand|million|billion|trillion|mln|bln|bn|mn|trn|tn|m|k"
_CUR_PRE = r"US\s?\$|USD\s?|\$|€|EUR\s?|£|GBP\s?|RUB\s?|₽\s?|CNY\s?"
_CUR_SUF = r"(?:US\s+|U\.S\.\s+)?dollars?|euros?|roubles?|rubles?|pounds?(?:\s+sterling)?|yuan|USD|EUR|RUB|GBP|CNY"
_PCT = r"%|percent\b|per\s?cent\b|percentage\s+points?\b|pc\b"
_DURATION = r"(?P<{n}>\d+|{w}|a\s+single|an\s+entire|a\s+whole|the\s+whole|a\s+full|a|an|one)\s+(?P<{u}>days?|weeks?|months?|quarters?|years?)"
_MONTHS_IN = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "quarter": 3.0, "year": 12.0}
_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)


@dataclass(frozen=True)
class Patterns:
    """The extractor's compiled patterns (see :func:`patterns`)."""

    qual_before: re.Pattern[str]
    qty: re.Pattern[str]
    mult: re.Pattern[str]
    growth: re.Pattern[str]
    period: re.Pattern[str]
    period_what: re.Pattern[str]
    majority: re.Pattern[str]
    year: re.Pattern[str]
    relative_year: re.Pattern[str]
    date_near_before: re.Pattern[str]
    date_near_after: re.Pattern[str]
    links: re.Pattern[str]
    emails: re.Pattern[str]
    digit_run: re.Pattern[str]
    furniture: re.Pattern[str]
    title_after: re.Pattern[str]
    item_after: re.Pattern[str]
    count_noun: re.Pattern[str]
    not_count_after: re.Pattern[str]
    gdp_words: re.Pattern[str]
    of_gdp: re.Pattern[str]
    target_words: re.Pattern[str]
    growth_words: re.Pattern[str]
    spend_words: re.Pattern[str]
    deadline: re.Pattern[str]
    sentence_end: re.Pattern[str]
    abbrev_end: re.Pattern[str]
    present: re.Pattern[str]
    rate_after: re.Pattern[str]
    produce_verbs: re.Pattern[str]
    use_verbs: re.Pattern[str]
    clause_break: re.Pattern[str]
    continuation: re.Pattern[str]
    period_words: re.Pattern[str]
    period_trigger: re.Pattern[str]
    mult_trigger: re.Pattern[str]
    majority_trigger: re.Pattern[str]


@cache
def patterns() -> Patterns:
    """Every pattern of the extractor, compiled (cached: built once per process)."""
    lex = lexicon()
    qual_alt = lex.qualifier_alt
    number_alt = lex.number_alt
    return Patterns(
        qual_before=re.compile(rf"\b(?P<qual>{qual_alt})\s+$", re.IGNORECASE),
        qty=re.compile(
            rf"(?P<cur_pre>{_CUR_PRE})?"
            rf"(?:(?P<num>(?<![\w.,/-]){_DIGITS})|(?P<word>\b(?:{number_alt})\b))"
            rf"(?:[\s-]?(?P<scale>\b(?:{_SCALE_ALT})\b|(?<=\d)(?:{_SCALE_ALT})\b))?"
            rf"(?:\s?(?P<pct>{_PCT}))?"
            rf"(?:\s+(?P<cur_suf>\b(?:{_CUR_SUF})\b))?",
            re.IGNORECASE,
        ),
        mult=re.compile(
            rf"(?:(?P<qual>\b(?:{qual_alt}))\s+)?"
            rf"(?:(?P<num>(?<![\w.,/-]){_DIGITS})|(?P<word>\b(?:{number_alt})))"
            r"[\s-]*(?P<how>times|fold)\b"
            r"(?:\s+(?P<cmp>(?:as\s+)?(?:larger|bigger|greater|more|higher|smaller|less|lower|fewer|cheaper"
            r"|much|many|large|big|high|over|faster|stronger|richer|wealthier)))?",
            re.IGNORECASE,
        ),
        growth=re.compile(
            r"\b(?P<verb>doubled|tripled|trebled|quadrupled|halved|doubling|tripling|quadrupling"
            r"|(?P<twice>twice|half)\s+as\s+(?:much|many|large|big|high)"
            r"|(?P<twice2>twice|double|triple|half)(?=\s+(?:that\s+of\s+)?(?:the\s+)?(?-i:[A-Z])))\b",
            re.IGNORECASE,
        ),
        period=re.compile(
            r"(?:(?P<mult>\d+|"
            + number_alt
            + r"|twice)\s+(?:times\s+)?)?as\s+(?:much|many)\b(?P<what>[^.;:!?]{0,60}?)"
            r"\s+(?:in|within|every|over)\s+"
            + _DURATION.format(n="n1", u="u1", w=number_alt)
            + r"\s+as\s+(?P<other>[^.;:!?]{1,80}?)\s+(?:in|within|over|during)\s+"
            + _DURATION.format(n="n2", u="u2", w=number_alt)
            + r"\b",
            re.IGNORECASE,
        ),
        period_what=re.compile(
            r"\b(?:produces?|produced|makes?|made|manufactures?|builds?|fires?)\s+in\s+"
            + _DURATION.format(n="n1", u="u1", w=number_alt)
            + r"\s+what\s+(?P<other>[^.;:!?]{1,80}?)\s+(?:\w+\s+){0,2}?in\s+"
            + _DURATION.format(n="n2", u="u2", w=number_alt)
            + r"\b",
            re.IGNORECASE,
        ),
        majority=re.compile(
            r"\b(?P<q>most|the\s+majority\s+of|a\s+majority\s+of|a\s+minority\s+of|half\s+of|all(?:\s+of)?|none\s+of|only\s+a\s+few|few"
            r"|(?P<frac>(?:two|one|a)[\s-]thirds?|(?:one|a)[\s-]quarter|three[\s-]quarters)\s+of"
            r"|(?P<k>\d+|"
            + number_alt
            + r")\s+(?:out\s+)?of\s+(?:the\s+|NATO['’]s\s+|the\s+alliance['’]s\s+)?(?P<n>\d+|"
            + number_alt
            + r"))"
            r"\s+(?:the\s+)?(?:\d+\s+)?(?:(?:nato|alliance)\s+)?(?:member\s+states|members|allies|member\s+countries|countries|nations)"
            r"(?:\s+(?:of\s+the\s+alliance|still|currently|now))?"
            r"\s+(?P<neg>do\s+not|don['’]t|did\s+not|didn['’]t|fail(?:ed)?\s+to|have\s+not|haven['’]t|have\s+yet\s+to|cannot|can['’]t|are\s+not|aren['’]t)?\s*"
            r"(?P<verb>meet|met|reach|reached|hit|achieve|achieved|fulfil|fulfill|spend|spent|are\s+above|exceed)\b",
            re.IGNORECASE,
        ),
        year=re.compile(
            r"\b(?P<prep>in|for|during|as\s+of|by|since|until|before|after|from|of|to|through|throughout|between|and|end[\s-]of|fiscal|FY)?"
            r"\s*(?:the\s+(?:end|beginning|start)\s+of\s+)?(?P<y>(?:19|20)\d\d)(?P<s>s|['’]s)?\b",
            re.IGNORECASE,
        ),
        relative_year=re.compile(
            r"\b(?P<rel>last\s+year|this\s+year|next\s+year|a\s+year\s+ago|the\s+previous\s+year|the\s+past\s+year|in\s+the\s+past\s+year)\b",
            re.IGNORECASE,
        ),
        date_near_before=re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s*$", re.IGNORECASE),
        date_near_after=re.compile(
            rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_NAMES})\b", re.IGNORECASE
        ),
        links=re.compile(r"https?://\S+|www\.\S+"),
        emails=re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
        digit_run=re.compile(r"\d+"),
        furniture=re.compile(
            r"\+?\(?\d{1,4}\)?(?:[\s.-]\(?\d{2,4}\)?){2,5}"  # phone numbers
            r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # times of day
            r"|\b(?:page|p\.|pp\.|vol\.|no\.|chapter|section|figure|fig\.|table|photo|image|slide|part|episode|issue|article|step|item|version|v)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
            r"|\b\d+\s*(?:min(?:ute)?s?\s+read|comments?|shares?|likes?|views?|followers?|replies|retweets|reposts|subscribers|reactions)\b"
            r"|\(\s*\d+\s*\)"  # counters in brackets
            r"|©\s*\d{4}|\bcopyright\s+\d{4}"
            r"|\b\d+(?:st|nd|rd|th)\b"  # ordinals
            r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",  # numeric dates
            re.IGNORECASE,
        ),
        title_after=re.compile(
            r"^['’]?s?\s+(?:(?:top|senior|chief|former|supreme|military|defen[cs]e|foreign|own)\s+){0,2}"
            r"(?:President|Prime\s+Minister|PM|leader|Secretary|Secretary[\s-]General|chief|official|officials|"
            r"Minister|Defen[cs]e\s+Minister|ambassador|spokes(?:man|woman|person)|General|Gen\.|Chancellor|envoy|"
            r"commander|intelligence|Senator|Representative)\b",
            re.IGNORECASE,
        ),
        item_after=re.compile(
            r"^\s*(?:(?:units?|pieces?|items?|examples?)\s+of\s+)?(?:(?:[A-Za-z0-9][\w-]*)\s+){0,3}?"
            r"(?P<noun>(?:main\s+battle\s+)?tanks?|MBTs?|armou?red\s+(?:combat\s+|fighting\s+|personnel\s+)?(?:vehicles?|carriers?)"
            r"|infantry\s+fighting\s+vehicles?|IFVs?|APCs?|howitzers?|artillery\s+(?:pieces?|systems?|guns?|shells?|rounds?)"
            r"|MLRS|rocket\s+launchers?|(?:combat\s+|military\s+|fighter\s+)?(?:aircraft|airplanes?|planes?|jets?|helicopters?|fighters?)"
            r"|interceptors?|(?:air[\s-]defen[cs]e\s+|Patriot\s+|cruise\s+|ballistic\s+|long[\s-]range\s+|hypersonic\s+)?missiles?"
            r"|Iskanders?|(?:FPV\s+|attack\s+|combat\s+|long[\s-]range\s+)?(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|Shaheds?)"
            r"|shells?|rounds?|projectiles?|ammunition|munitions)\b",
            re.IGNORECASE,
        ),
        count_noun=re.compile(
            r"^\s*(?:(?:new|more|additional|extra|modern|active|full|whole|separate|major|large|defen[cs]e|arms|military|production)\s+){0,2}"
            r"(?P<noun>shifts|members|member\s+states|allies|countries|nations|plants|factories|enterprises|production\s+lines|lines"
            r"|brigades|divisions|battalions|regiments|troops|soldiers|servicemen|personnel|workers|employees|people|contracts"
            r"|ships|warships|submarines|frigates|satellites|bases|units|systems|batteries|launchers|vehicles|weapons)\b",
            re.IGNORECASE,
        ),
        not_count_after=re.compile(
            r"^\s*(?:-\s*)?(?:days?|weeks?|months?|years?|decades?|centuries|hours?|minutes?|seconds?|times|km|kilomet|miles?|metres?|meters?|mm|cm|kg|tons?|tonnes?)\b",
            re.IGNORECASE,
        ),
        gdp_words=re.compile(
            r"\b(?:GDP|gross\s+domestic\s+product|economic\s+output|national\s+income)\b",
            re.IGNORECASE,
        ),
        of_gdp=re.compile(
            r"^\s*(?:of\s+(?:(?:their|its|his|her|our|the|national|annual|each|every|combined|total|overall|collective"
            r"|[A-Z][\w]*['’]s|[A-Z][a-z]+(?:an|ish|ese|ch)|the\s+country['’]s|the\s+alliance['’]s)\s+){0,3}"
            r"(?:GDP|gross\s+domestic\s+product|economy|economic\s+output|national\s+(?:income|output)))",
            re.IGNORECASE,
        ),
        target_words=re.compile(
            r"\b(?:targets?|goals?|pledge[sd]?|guidelines?|benchmarks?|commit(?:s|ted|ment)?|aim(?:s|ed)?|objectives?|thresholds?"
            r"|floor|demand(?:s|ed)?|request(?:s|ed)?|call(?:s|ed)?\s+for|propos(?:e|es|ed|al)|should|must|would|will|to\s+reach"
            r"|to\s+meet|to\s+hit|increase\s+\w+(?:\s+\w+)?\s+to|raise\s+\w+(?:\s+\w+)?\s+to|boost\s+\w+(?:\s+\w+)?\s+to|agreed)\b",
            re.IGNORECASE,
        ),
        growth_words=re.compile(
            r"\b(?:rise|rose|risen|increase[sd]?|grew|grow(?:s|n|th)?|(?:up|down)\s+(?:by\s+)?\d|jump(?:ed)?|fell|fall(?:en)?|cut|higher|lower|real\s+terms|inflation|interest|rate|share\s+of\s+(?:the\s+)?(?:budget|spending))\b",
            re.IGNORECASE,
        ),
        spend_words=re.compile(
            r"\b(?:defen[cs]e|military|milex|spend\w*|spent|budget\w*|expenditures?|outlays?|security)\b",
            re.IGNORECASE,
        ),
        deadline=re.compile(
            r"\bby\s+(?:the\s+end\s+of\s+|end[\s-]|the\s+year\s+|(?:early|mid|late)[\s-]"
            r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
            r"(?P<y>20\d\d)\b",
            re.IGNORECASE,
        ),
        sentence_end=re.compile(
            r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9*])|(?<=;)\s+|\n\s*\n|\n(?=\s*[*•\-–—])"
        ),
        abbrev_end=re.compile(
            r"\b(?:U\.S|U\.K|Gen|Mr|Mrs|Ms|Dr|Prof|St|No|vs|approx|e\.g|i\.e|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Sen|Rep|Lt|Col|Maj|Adm)\.$"
        ),
        present=re.compile(
            r"\b(?:is|are|will|would|now|currently|today|nowadays|builds|makes|produces|spends|has|have|can|plans?|expects?)\b",
            re.IGNORECASE,
        ),
        rate_after=re.compile(
            r"^\s*(?:(?:shells?|rounds?|units?|pieces?)\s+)?(?:a|per|each|every)\s+(?:day|week|month|year)\b",
            re.IGNORECASE,
        ),
        produce_verbs=re.compile(
            r"\b(?:produc\w*|makes?|made|manufactur\w*|builds?|built|deliver\w*|output|suppl(?:y|ies|ied)|turn(?:s|ed)?\s+out"
            r"|roll(?:s|ed)?\s+out|aims?|capacity|targets?|goals?|plans?|planned|promise[sd]?|pledge[sd]?|expects?)\b",
            re.IGNORECASE,
        ),
        use_verbs=re.compile(
            r"\b(?:fires?|fired|firing|expends?|expended|uses?|used|consumes?|consumed|shoots?|shot|lost|loses"
            r"|launch(?:es|ed|ing)?|struck|strikes?|intercept(?:s|ed)?|shot\s+down|downed|destroyed)\b",
            re.IGNORECASE,
        ),
        clause_break=re.compile(r"[,;:(]|\b(?:while|whereas|but|and)\b", re.IGNORECASE),
        continuation=re.compile(
            r"\s*(?:It|They|He|She|This|These|That|Those|Its|Their|Also|In\s+addition|Moreover|Of\s+(?:these|those|them|which)"
            r"|The\s+same|At\s+the\s+same\s+time|The\s+(?:army|military|ministry|country|production)\b[^.]{0,60}\balso)\b"
        ),
        period_words=re.compile(
            r"\b(?:a|per|each|every)\s+(day|week|month|year)\b|\b(daily|weekly|monthly|annually|yearly)\b",
            re.IGNORECASE,
        ),
        period_trigger=re.compile(r"\bas\s+(?:much|many)\b|\bwhat\b", re.IGNORECASE),
        mult_trigger=re.compile(r"times|fold", re.IGNORECASE),
        majority_trigger=re.compile(r"member|allies|countries|nations", re.IGNORECASE),
    )


def _trie_pattern(words: list[str]) -> str:
    """One regex alternation for many words, with shared prefixes factored (much faster)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else ("['’]" if ch == "'" else re.escape(ch))
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def _period_word(text: str) -> str | None:
    """The period a rate is given per ('a month', 'per year', 'daily' -> 'month', 'year',
    'day'), or None when ``text`` names none."""
    m = patterns().period_words.search(text)
    if m is None:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return lexicon().period_adverbs.get(word, word)


def _windows(text: str, trigger: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around each trigger: where a slow pattern can match."""
    out: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        s, e = max(0, m.start() - before), min(len(text), m.end() + after)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _parse_number(num: str | None, word: str | None) -> tuple[float, float] | None:
    """(value, half-width of its rounding) of a digit string or a number word."""
    if num is not None:
        clean = num.replace(",", "").replace("\u00a0", "").replace("\u202f", "")
        try:
            value = float(clean)
        except ValueError:
            return None
        if "." in clean:
            decimals = len(clean.split(".", 1)[1])
            return value, 0.5 * 10.0**-decimals
        digits = clean.lstrip("0") or "0"
        zeros = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
        zeros = min(zeros, len(digits) - 1)
        return value, 0.5 * 10.0**zeros
    if word is None:
        return None
    key = " ".join(word.lower().replace("-", " ").split())
    number_words = lexicon().number_words
    if key in number_words:
        value = float(number_words[key])
    else:
        parts = key.split()
        if len(parts) == 2 and parts[0] in number_words and parts[1] in number_words:
            value = float(number_words[parts[0]] + number_words[parts[1]])
        else:
            return None
    if value >= 1000:
        return value, value * 0.05
    if value >= 20 and value % 10 == 0:
        return value, 5.0
    return value, 0.5


def _duration_months(n: str, unit: str) -> float | None:
    parsed = _parse_number(n if n[0].isdigit() else None, None if n[0].isdigit() else n)
    if parsed is None:
        return None
    base = unit.lower().rstrip("s")
    return parsed[0] * _MONTHS_IN[base]


def _currency(symbol: str | None) -> str | None:
    if not symbol:
        return None
    symbol = " ".join(symbol.split())
    for pattern, code in lexicon().currencies:
        if pattern.match(symbol):
            return code
    return None


def _qualifier(q: str | None) -> str | None:
    if not q:
        return None
    return lexicon().qualifiers.get(" ".join(q.lower().split()))
