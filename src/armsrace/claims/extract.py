"""Find the quantitative claims of an article: what number, of what, about whom, when.

:func:`extract_claims` works on plain text with compiled regular expressions only (no store,
no model), so it is fast and deterministic. Each :class:`Claim` keeps the character offsets
of its span in the text it was given: ``text[claim.start:claim.end] == claim.text``.

Claim kinds:

- ``share_gdp`` — a percentage of GDP spent ("2.4% of GDP on defence");
- ``target`` — a spending target as a share of GDP ("the 3.5 percent goal by 2035");
- ``deadline`` — a target year with no share in the sentence ("meet the target by 2035");
- ``percent`` — another percentage (growth, shares of a budget);
- ``money`` — an amount with currency and scale ("$149 billion", "13.5 trillion roubles");
- ``count`` — a count of items, members, shifts ("more than 1,500 tanks");
- ``ratio`` — a comparison between two subjects ("20 times larger than Russia");
- ``period_ratio`` — "as much in three months as NATO in a year" (ratio 4);
- ``multiple`` — growth of one subject ("production doubled", "increased fivefold");
- ``share_of_members`` — how many allies meet a target ("most member states do not meet").

Dates, years, ordinals, phone numbers, times, model designations (T-90M, F-35) and page
furniture (page numbers, counters, URLs) are not claims.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from armsrace.claims._lexicon import (
    NUMBER_WORDS,
    QUALIFIERS,
    SUBJECT_ALIASES,
    SUBJECT_CASED,
    item_for,
)

__all__ = ["Claim", "extract_claims"]


@dataclass(frozen=True)
class Claim:
    """One quantitative statement found in an article.

    ``value`` is in ``unit``: ``pct_gdp``/``pct``/``pct_points`` in percent, money in whole
    currency units (``usd``, ``eur``, ``rub``, ``gbp``, ``cny``), ``count``, ``ratio``,
    ``share`` (a fraction 0–1), ``year``. ``precision`` is the half-width of the interval the
    printed number stands for (its rounding), in the same unit.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str
    metric: str
    subject: str | None = None
    versus: str | None = None
    year: int | None = None
    year_explicit: bool = False
    qualifier: str | None = None
    item: str | None = None
    deadline: int | None = None
    measure: str | None = None
    definition: str | None = None
    precision: float = 0.0
    threshold: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------- patterns

_QUAL_ALT = "|".join(
    sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True)
)
_WORDNUM_ALT = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|half\s+a\s+million|a\s+dozen|(?:a|one)\s+hundred|a\s+thousand|a\s+million|a\s+billion|a\s+trillion"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen"
)
_DIGITS = r"(?:\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_ALT = r"thousand|million|billion|trillion|mln|bln|bn|mn|trn|tn|m|k"
_CUR_PRE = r"US\s?\$|USD\s?|\$|€|EUR\s?|£|GBP\s?|RUB\s?|₽\s?|CNY\s?"
_CUR_SUF = r"(?:US\s+|U\.S\.\s+)?dollars?|euros?|roubles?|rubles?|pounds?(?:\s+sterling)?|yuan|USD|EUR|RUB|GBP|CNY"
_PCT = r"%|percent\b|per\s?cent\b|percentage\s+points?\b|pc\b"

_QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_QUAL_ALT})\s+$", re.IGNORECASE)
_QTY = re.compile(
    rf"(?P<cur_pre>{_CUR_PRE})?"
    rf"(?:(?P<num>(?<![\w.,/-]){_DIGITS})|(?P<word>\b(?:{_WORDNUM_ALT})\b))"
    rf"(?:[\s-]?(?P<scale>\b(?:{_SCALE_ALT})\b|(?<=\d)(?:{_SCALE_ALT})\b))?"
    rf"(?:\s?(?P<pct>{_PCT}))?"
    rf"(?:\s+(?P<cur_suf>\b(?:{_CUR_SUF})\b))?",
    re.IGNORECASE,
)

_MULT = re.compile(
    rf"(?:(?P<qual>\b(?:{_QUAL_ALT}))\s+)?"
    rf"(?:(?P<num>(?<![\w.,/-]){_DIGITS})|(?P<word>\b(?:{_WORDNUM_ALT})))"
    r"[\s-]*(?P<how>times|fold)\b"
    r"(?:\s+(?P<cmp>(?:as\s+)?(?:larger|bigger|greater|more|higher|smaller|less|lower|fewer|cheaper"
    r"|much|many|large|big|high|over|faster|stronger|richer|wealthier)))?",
    re.IGNORECASE,
)
_GROWTH = re.compile(
    r"\b(?P<verb>doubled|tripled|trebled|quadrupled|halved|doubling|tripling|quadrupling"
    r"|(?P<twice>twice|half)\s+as\s+(?:much|many|large|big|high))\b",
    re.IGNORECASE,
)
_GROWTH_VALUE = {
    "doubled": 2.0,
    "doubling": 2.0,
    "tripled": 3.0,
    "trebled": 3.0,
    "tripling": 3.0,
    "quadrupled": 4.0,
    "quadrupling": 4.0,
    "halved": 0.5,
}
_DURATION = r"(?P<{n}>\d+|{w}|a\s+single|an\s+entire|a\s+whole|the\s+whole|a\s+full|a|an|one)\s+(?P<{u}>days?|weeks?|months?|quarters?|years?)"
_PERIOD = re.compile(
    r"(?:(?P<mult>\d+|"
    + _WORDNUM_ALT
    + r"|twice)\s+(?:times\s+)?)?as\s+(?:much|many)\b(?P<what>[^.;:!?]{0,60}?)"
    r"\s+(?:in|within|every|over)\s+"
    + _DURATION.format(n="n1", u="u1", w=_WORDNUM_ALT)
    + r"\s+as\s+(?P<other>[^.;:!?]{1,80}?)\s+(?:in|within|over|during)\s+"
    + _DURATION.format(n="n2", u="u2", w=_WORDNUM_ALT)
    + r"\b",
    re.IGNORECASE,
)
_PERIOD_WHAT = re.compile(
    r"\b(?:produces?|produced|makes?|made|manufactures?|builds?|fires?)\s+in\s+"
    + _DURATION.format(n="n1", u="u1", w=_WORDNUM_ALT)
    + r"\s+what\s+(?P<other>[^.;:!?]{1,80}?)\s+(?:\w+\s+){0,2}?in\s+"
    + _DURATION.format(n="n2", u="u2", w=_WORDNUM_ALT)
    + r"\b",
    re.IGNORECASE,
)
_MONTHS_IN = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "quarter": 3.0, "year": 12.0}

_MAJORITY = re.compile(
    r"\b(?P<q>most|the\s+majority\s+of|a\s+majority\s+of|a\s+minority\s+of|half\s+of|all(?:\s+of)?|none\s+of|only\s+a\s+few|few"
    r"|(?P<k>\d+|"
    + _WORDNUM_ALT
    + r")\s+(?:out\s+)?of\s+(?:the\s+|NATO['’]s\s+|the\s+alliance['’]s\s+)?(?P<n>\d+|"
    + _WORDNUM_ALT
    + r"))"
    r"\s+(?:the\s+)?(?:\d+\s+)?(?:(?:nato|alliance)\s+)?(?:member\s+states|members|allies|member\s+countries|countries|nations)"
    r"(?:\s+(?:of\s+the\s+alliance|still|currently|now))?"
    r"\s+(?P<neg>do\s+not|don['’]t|did\s+not|didn['’]t|fail(?:ed)?\s+to|have\s+not|haven['’]t|have\s+yet\s+to|cannot|can['’]t|are\s+not|aren['’]t)?\s*"
    r"(?P<verb>meet|met|reach|reached|hit|achieve|achieved|fulfil|fulfill|spend|spent|are\s+above|exceed)\b",
    re.IGNORECASE,
)

_YEAR = re.compile(
    r"\b(?P<prep>in|for|during|as\s+of|by|since|until|before|after|from|of|to|through|throughout|between|and|end[\s-]of|fiscal|FY)?"
    r"\s*(?:the\s+(?:end|beginning|start)\s+of\s+)?(?P<y>(?:19|20)\d\d)(?P<s>s|['’]s)?\b",
    re.IGNORECASE,
)
_RELATIVE_YEAR = re.compile(
    r"\b(?P<rel>last\s+year|this\s+year|next\s+year|a\s+year\s+ago|the\s+previous\s+year|the\s+past\s+year|in\s+the\s+past\s+year)\b",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_DATE_NEAR_BEFORE = re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s*$", re.IGNORECASE)
_DATE_NEAR_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_NAMES})\b", re.IGNORECASE)

_LINKS = re.compile(r"https?://\S+|www\.\S+")
_EMAILS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_DIGIT_RUN = re.compile(r"\d+")
_FURNITURE = re.compile(
    r"\+?\(?\d{1,4}\)?(?:[\s.-]\(?\d{2,4}\)?){2,5}"  # phone numbers
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # times of day
    r"|\b(?:page|p\.|pp\.|vol\.|no\.|chapter|section|figure|fig\.|table|photo|image|slide|part|episode|issue|article|step|item|version|v)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|\b\d+\s*(?:min(?:ute)?s?\s+read|comments?|shares?|likes?|views?|followers?|replies|retweets|reposts|subscribers|reactions)\b"
    r"|\(\s*\d+\s*\)"  # counters in brackets
    r"|©\s*\d{4}|\bcopyright\s+\d{4}"
    r"|\b\d+(?:st|nd|rd|th)\b"  # ordinals
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",  # numeric dates
    re.IGNORECASE,
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


_SUBJECT_RE = re.compile(
    r"(?<![\w-])" + _trie_pattern(sorted(SUBJECT_ALIASES)) + r"(?![\w-])",
    re.IGNORECASE,
)
_SUBJECT_CASED_RE = re.compile(
    r"(?<![\w.-])(?:"
    + "|".join(re.escape(a) for a in sorted(SUBJECT_CASED, key=len, reverse=True))
    + r")(?![\w-])"
)
_TITLE_AFTER = re.compile(
    r"^['’]?s?\s+(?:President|Prime\s+Minister|PM|leader|Secretary|Secretary[\s-]General|chief|official|officials|"
    r"Minister|Defen[cs]e\s+Minister|ambassador|spokes(?:man|woman|person)|General|Gen\.|Chancellor|envoy|"
    r"commander|intelligence|Senator|Representative)\b",
    re.IGNORECASE,
)

_ITEM_AFTER = re.compile(
    r"^\s*(?:(?:units?|pieces?|items?|examples?)\s+of\s+)?(?:(?:[A-Za-z0-9][\w-]*)\s+){0,3}?"
    r"(?P<noun>(?:main\s+battle\s+)?tanks?|MBTs?|armou?red\s+(?:combat\s+|fighting\s+|personnel\s+)?(?:vehicles?|carriers?)"
    r"|infantry\s+fighting\s+vehicles?|IFVs?|APCs?|howitzers?|artillery\s+(?:pieces?|systems?|guns?|shells?|rounds?)"
    r"|MLRS|rocket\s+launchers?|(?:combat\s+|military\s+|fighter\s+)?(?:aircraft|airplanes?|planes?|jets?|helicopters?|fighters?)"
    r"|interceptors?|(?:air[\s-]defen[cs]e\s+|Patriot\s+|cruise\s+|ballistic\s+|long[\s-]range\s+|hypersonic\s+)?missiles?"
    r"|Iskanders?|(?:FPV\s+|attack\s+|combat\s+|long[\s-]range\s+)?(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|Shaheds?)"
    r"|shells?|rounds?|projectiles?|ammunition|munitions)\b",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(
    r"^\s*(?:(?:new|more|additional|extra|modern|active|full|whole|separate|major|large|defen[cs]e|arms|military|production)\s+){0,2}"
    r"(?P<noun>shifts|members|member\s+states|allies|countries|nations|plants|factories|enterprises|production\s+lines|lines"
    r"|brigades|divisions|battalions|regiments|troops|soldiers|servicemen|personnel|workers|employees|people|contracts"
    r"|ships|warships|submarines|frigates|satellites|bases|units|systems|batteries|launchers|vehicles|weapons)\b",
    re.IGNORECASE,
)
_NOT_COUNT_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:days?|weeks?|months?|years?|decades?|centuries|hours?|minutes?|seconds?|times|km|kilomet|miles?|metres?|meters?|mm|cm|kg|tons?|tonnes?)\b",
    re.IGNORECASE,
)

_GDP_WORDS = re.compile(
    r"\b(?:GDP|gross\s+domestic\s+product|economic\s+output|national\s+income)\b", re.IGNORECASE
)
_OF_GDP = re.compile(
    r"^\s*(?:of\s+(?:(?:their|its|his|her|our|the|national|annual|each|every|[A-Z][\w]*['’]s|the\s+country['’]s|the\s+alliance['’]s)\s+){0,2}"
    r"(?:GDP|gross\s+domestic\s+product|economy|economic\s+output|national\s+(?:income|output)))",
    re.IGNORECASE,
)
_TARGET_WORDS = re.compile(
    r"\b(?:targets?|goals?|pledge[sd]?|guidelines?|benchmarks?|commit(?:s|ted|ment)?|aim(?:s|ed)?|objectives?|thresholds?"
    r"|floor|demand(?:s|ed)?|request(?:s|ed)?|call(?:s|ed)?\s+for|propos(?:e|es|ed|al)|should|must|would|will|to\s+reach"
    r"|to\s+meet|to\s+hit|increase\s+\w+(?:\s+\w+)?\s+to|raise\s+\w+(?:\s+\w+)?\s+to|boost\s+\w+(?:\s+\w+)?\s+to|agreed)\b",
    re.IGNORECASE,
)
_GROWTH_WORDS = re.compile(
    r"\b(?:rise|rose|risen|increase[sd]?|grew|grow(?:s|n|th)?|(?:up|down)\s+(?:by\s+)?\d|jump(?:ed)?|fell|fall(?:en)?|cut|higher|lower|real\s+terms|inflation|interest|rate|share\s+of\s+(?:the\s+)?(?:budget|spending))\b",
    re.IGNORECASE,
)
_SPEND_WORDS = re.compile(
    r"\b(?:defen[cs]e|military|milex|spend\w*|spent|budget\w*|expenditures?|outlays?|security)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"\bby\s+(?:the\s+end\s+of\s+|end[\s-]|the\s+year\s+)?(?P<y>20\d\d)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9*])|(?<=;)\s+|\n\s*\n|\n(?=\s*[*•\-–—])"
)
_ABBREV_END = re.compile(
    r"\b(?:U\.S|U\.K|Gen|Mr|Mrs|Ms|Dr|Prof|St|No|vs|approx|e\.g|i\.e|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Sen|Rep|Lt|Col|Maj|Adm)\.$"
)

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trn": 1e12,
    "tn": 1e12,
}
_CURRENCIES = [
    (re.compile(r"^(?:US\s?\$|USD|\$|(?:US\s+|U\.S\.\s+)?dollars?)$", re.I), "usd"),
    (re.compile(r"^(?:€|EUR|euros?)$", re.I), "eur"),
    (re.compile(r"^(?:£|GBP|pounds?(?:\s+sterling)?)$", re.I), "gbp"),
    (re.compile(r"^(?:RUB|₽|roubles?|rubles?)$", re.I), "rub"),
    (re.compile(r"^(?:CNY|yuan)$", re.I), "cny"),
]


# ---------------------------------------------------------------- helpers


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
    if key in NUMBER_WORDS:
        value = float(NUMBER_WORDS[key])
    else:
        parts = key.split()
        if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
            value = float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
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
    for pattern, code in _CURRENCIES:
        if pattern.match(symbol):
            return code
    return None


def _qualifier(q: str | None) -> str | None:
    if not q:
        return None
    return QUALIFIERS.get(" ".join(q.lower().split()))


@dataclass
class _Context:
    """Per-text indexes shared by the finders: sentences, subjects, years, masked ranges."""

    text: str
    default_year: int | None
    sent_starts: list[int]
    sent_ends: list[int]
    subj_pos: list[int]
    subjects: list[tuple[int, int, str, bool]]
    masked: bytearray  # 1 where a character belongs to page furniture
    taken: bytearray  # 1 where a character already belongs to a claim
    para_sep: str = "\n\n"
    year_cache: dict[tuple[int, int], tuple[list[tuple[int, int]], int | None, int | None]] = field(
        default_factory=dict
    )

    def sentence(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sent_starts[i], self.sent_ends[i]

    def previous_sentence(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i <= 0:
            return None
        start, end = self.sent_starts[i - 1], self.sent_ends[i - 1]
        sep = self.para_sep
        if sep in self.text[end : self.sent_starts[i]] or sep in self.text[start:end].strip():
            return None  # a new paragraph starts: do not carry context across it
        return start, end

    def is_masked(self, start: int, end: int) -> bool:
        return self.masked.find(1, start, max(start + 1, end)) != -1

    def is_taken(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, max(start + 1, end)) != -1

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def subjects_in(self, start: int, end: int) -> list[tuple[int, int, str, bool]]:
        i = bisect.bisect_left(self.subj_pos, start)
        out = []
        while i < len(self.subjects) and self.subjects[i][0] < end:
            out.append(self.subjects[i])
            i += 1
        return out


_MAX_SENTENCE = 800


def _add_sentence(starts: list[int], ends: list[int], text: str, start: int, end: int) -> None:
    """Record a sentence, cutting run-ons (no punctuation) so context scans stay short."""
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        starts.append(start)
        ends.append(cut)
        start = cut
    starts.append(start)
    ends.append(end)


def _build_context(text: str, default_year: int | None) -> _Context:
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV_END.search(text[max(pos, m.start() - 8) : m.start()]):
            continue
        _add_sentence(starts, ends, text, pos, m.start())
        pos = m.end()
    _add_sentence(starts, ends, text, pos, len(text))
    subjects: list[tuple[int, int, str, bool]] = []
    for m in _SUBJECT_RE.finditer(text):
        key = " ".join(m.group(0).lower().replace("’", "'").split())
        code = SUBJECT_ALIASES.get(key)
        if code is not None:
            subjects.append(
                (m.start(), m.end(), code, bool(_TITLE_AFTER.match(text[m.end() : m.end() + 40])))
            )
    for m in _SUBJECT_CASED_RE.finditer(text):
        if any(s <= m.start() < e for s, e, _, _ in subjects):
            continue
        subjects.append(
            (
                m.start(),
                m.end(),
                SUBJECT_CASED[m.group(0)],
                bool(_TITLE_AFTER.match(text[m.end() : m.end() + 40])),
            )
        )
    subjects.sort()
    masked = [
        (m.start(), m.end())
        for ws, we in _windows(text, _DIGIT_RUN, 16, 40)
        for m in _FURNITURE.finditer(text, ws, we)
    ]
    if "http" in text or "www." in text:
        masked.extend((m.start(), m.end()) for m in _LINKS.finditer(text))
    if "@" in text:
        masked.extend((m.start(), m.end()) for m in _EMAILS.finditer(text))
    mask = bytearray(len(text))
    for s_, e_ in masked:
        mask[s_:e_] = b"\x01" * (e_ - s_)
    return _Context(
        text=text,
        default_year=default_year,
        sent_starts=starts,
        sent_ends=ends,
        subj_pos=[s[0] for s in subjects],
        subjects=subjects,
        masked=mask,
        taken=bytearray(len(text)),
        # text extracted from HTML has one paragraph a line; hand-wrapped text uses blank lines
        para_sep="\n\n" if "\n\n" in text else "\n",
    )


def _subject_before(
    ctx: _Context, pos: int, *, sentence: tuple[int, int]
) -> tuple[int, str] | None:
    """The nearest non-title subject mention before ``pos`` in the sentence (start, code)."""
    for start, _end, code, is_title in reversed(ctx.subjects_in(sentence[0], pos)):
        if not is_title:
            return start, code
    return None


def _subject_for(ctx: _Context, start: int, end: int, *, look_after: bool = True) -> str | None:
    sentence = ctx.sentence(start)
    # "the 32 members of the alliance", "1,500 tanks for the Russian army"
    after = re.match(r"^[^,.;:]{0,40}?\b(?:of|for|by|from|in)\s+", ctx.text[end : end + 60])
    if after is not None:
        for s, _e, code, is_title in ctx.subjects_in(
            end + after.end(), min(sentence[1], end + after.end() + 40)
        ):
            if not is_title and s <= end + after.end() + 6:
                return code
    found = _subject_before(ctx, start, sentence=sentence)
    if found is not None:
        return found[1]
    if look_after:
        for _s, _e, code, is_title in ctx.subjects_in(end, sentence[1]):
            if not is_title:
                return code
    prev = ctx.previous_sentence(start)
    if prev is not None:
        mentions = [m for m in ctx.subjects_in(*prev) if not m[3]]
        if mentions:
            return mentions[0][2]
    return None


_PRESENT = re.compile(
    r"\b(?:is|are|will|would|now|currently|today|nowadays|builds|makes|produces|spends|has|have|can|plans?|expects?)\b",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(
    r"^\s*(?:(?:shells?|rounds?|units?|pieces?)\s+)?(?:a|per|each|every)\s+(?:day|week|month|year)\b",
    re.IGNORECASE,
)
_PRODUCE_VERBS = re.compile(
    r"\b(?:produc\w*|makes?|made|manufactur\w*|builds?|built|deliver\w*|output|supplie[sd]|turn(?:s|ed)?\s+out|roll(?:s|ed)?\s+out|aims?|capacity)\b",
    re.IGNORECASE,
)
_USE_VERBS = re.compile(
    r"\b(?:fires?|fired|firing|expends?|expended|uses?|used|consumes?|consumed|shoots?|shot|lost|loses)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:(]|\b(?:while|whereas|but|and)\b", re.IGNORECASE)


def _clause(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: between commas, semicolons or 'while'/'but' of its sentence."""
    s0, s1 = ctx.sentence(start)
    c0 = s0
    for m in _CLAUSE_BREAK.finditer(ctx.text, s0, start):
        c0 = m.end()
    nxt = _CLAUSE_BREAK.search(ctx.text, end, s1)
    return c0, (s1 if nxt is None else nxt.start())


_CONTINUATION = re.compile(
    r"\s*(?:It|They|He|She|This|These|That|Those|Its|Their|Also|In\s+addition|Moreover|Of\s+(?:these|those|them|which)"
    r"|The\s+same|At\s+the\s+same\s+time|The\s+(?:army|military|ministry|country|production)\b[^.]{0,60}\balso)\b"
)


def _year_for(ctx: _Context, start: int, end: int) -> tuple[int | None, bool, int | None]:
    """(year, explicit?, deadline) for a claim from its sentence, then the previous one."""
    sentence = ctx.sentence(start)
    year, explicit, deadline = _years_in(ctx, sentence, start)
    if year is None and (
        _CONTINUATION.match(ctx.text, sentence[0])
        or not _PRESENT.search(ctx.text, sentence[0], sentence[1])
    ):
        prev = ctx.previous_sentence(start)
        if prev is not None:
            year, explicit, _ = _years_in(ctx, prev, prev[1])
    if year is None:
        return ctx.default_year, False, deadline
    return year, explicit, deadline


def _years_in(
    ctx: _Context, sentence: tuple[int, int], anchor: int
) -> tuple[int | None, bool, int | None]:
    """The year mention of a sentence nearest ``anchor`` (explicit), else a relative one."""
    found = ctx.year_cache.get(sentence)
    if found is None:
        found = ctx.year_cache[sentence] = _scan_years(ctx, sentence)
    mentions, deadline, relative = found
    if mentions:
        return min(mentions, key=lambda py: abs(py[0] - anchor))[1], True, deadline
    if relative is not None and ctx.default_year is not None:
        return ctx.default_year + relative, True, deadline
    return None, False, deadline


def _scan_years(
    ctx: _Context, sentence: tuple[int, int]
) -> tuple[list[tuple[int, int]], int | None, int | None]:
    s0, s1 = sentence
    chunk = ctx.text[s0:s1]
    mentions: list[tuple[int, int]] = []
    deadline = None
    for m in _YEAR.finditer(chunk):
        if m.group("s"):
            continue  # decades: "the 1990s"
        prep = (m.group("prep") or "").lower()
        y = int(m.group("y"))
        if prep == "by":
            deadline = y
            continue
        if prep in ("since", "from", "after", "before", "until", "through", "between", "and", "to"):
            continue
        if _DATE_NEAR_BEFORE.search(chunk[max(0, m.start("y") - 12) : m.start("y")]):
            continue  # "in February 2022" dates an event, not the figure
        if re.match(
            r"^\s+(?:prices|(?:US\s+)?dollars|euros|roubles|rubles)\b",
            chunk[m.end() : m.end() + 14],
            re.I,
        ):
            continue  # "constant 2023 dollars" is a price base, not the year of the figure
        mentions.append((s0 + m.start(), y))
    relative = None
    rel = _RELATIVE_YEAR.search(chunk)
    if rel is not None:
        word = rel.group("rel").lower()
        relative = 0 if "this" in word else (1 if "next" in word else -1)
    return mentions, deadline, relative


def _extend_to_subject(ctx: _Context, start: int, limit: int = 80) -> int:
    """Move a span start back to a subject mention in the same clause, if one is close."""
    sentence = ctx.sentence(start)
    found = _subject_before(ctx, start, sentence=sentence)
    if found is None or start - found[0] > limit:
        return start
    between = ctx.text[found[0] : start]
    if re.search(r"[;:\d]|,\s*(?:but|while|whereas|which|and)\b", between):
        return start
    return found[0]


# ---------------------------------------------------------------- finders

_PERIOD_TRIGGER = re.compile(r"\bas\s+(?:much|many)\b|\bwhat\b", re.IGNORECASE)
_MULT_TRIGGER = re.compile(r"times|fold", re.IGNORECASE)
_MAJORITY_TRIGGER = re.compile(r"member|allies|countries|nations", re.IGNORECASE)


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


def _find_period_ratios(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    windows = _windows(text, _PERIOD_TRIGGER, 120, 320)
    matches = [
        m
        for pattern in (_PERIOD, _PERIOD_WHAT)
        for ws, we in windows
        for m in pattern.finditer(text, ws, we)
    ]
    if matches:
        for m in matches:
            d1 = _duration_months(m.group("n1"), m.group("u1"))
            d2 = _duration_months(m.group("n2"), m.group("u2"))
            if not d1 or not d2:
                continue
            mult = 1.0
            if "mult" in m.groupdict() and m.group("mult"):
                tok = m.group("mult")
                parsed = _parse_number(
                    tok if tok[0].isdigit() else None, None if tok[0].isdigit() else tok
                )
                mult = parsed[0] if parsed else 1.0
            ratio = mult * d2 / d1
            start = _extend_to_subject(ctx, m.start())
            end = m.end()
            if ctx.is_taken(start, end):
                continue
            what = (
                (m.groupdict().get("what") or "") + " " + text[max(0, m.start() - 60) : m.start()]
            )
            item = _item_in(what)
            subj = _subject_before(ctx, m.start() + 1, sentence=ctx.sentence(m.start()))
            subject = subj[1] if subj else _subject_for(ctx, m.start(), m.end())
            versus = None
            for _s, _e, code, is_title in ctx.subjects_in(m.start("other"), m.end("other")):
                if not is_title:
                    versus = code
                    break
            year, explicit, _ = _year_for(ctx, start, end)
            metric = f"{_metric_item(item)}_output_ratio" if item else "output_ratio"
            out.append(
                Claim(
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=round(ratio, 6),
                    unit="ratio",
                    kind="period_ratio",
                    metric=metric,
                    subject=subject,
                    versus=versus,
                    year=year,
                    year_explicit=explicit,
                    item=item,
                    precision=ratio * 0.1,
                )
            )
            ctx.take(start, end)


def _metric_item(item: str) -> str:
    return "ammunition" if item == "artillery_ammunition" else item


def _item_in(chunk: str) -> str | None:
    best = None
    for m in re.finditer(
        r"\b(?:ammunition|munitions?|shells?|rounds|tanks?|armou?red\s+vehicles?|drones?|UAVs?|missiles?|aircraft|helicopters?|howitzers?|interceptors?)\b",
        chunk,
        re.IGNORECASE,
    ):
        best = item_for(m.group(0)) or best
    return best


def _find_ratios(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in (
        m for ws, we in _windows(text, _MULT_TRIGGER, 60, 80) for m in _MULT.finditer(text, ws, we)
    ):
        if ctx.is_taken(m.start(), m.end()) or ctx.is_masked(m.start(), m.end()):
            continue
        parsed = _parse_number(m.group("num"), m.group("word"))
        if parsed is None or parsed[0] <= 0:
            continue
        value, precision = parsed
        cmp = (m.group("cmp") or "").lower()
        tail = text[m.end() : m.end() + 80]
        than = re.match(r"^(?:[^.;:!?]{0,50}?)\b(?:than|as|what)\s+", tail)
        versus = None
        end = m.end()
        if than is not None:
            for s, e, code, is_title in ctx.subjects_in(
                m.end() + than.end(), m.end() + than.end() + 30
            ):
                if not is_title and s <= m.end() + than.end() + 4:
                    versus = code
                    end = e
                    break
        if (
            re.match(r"^\s+over\b", text[m.end("how") : m.end("how") + 6], re.I)
            and versus is None
            and "over" in cmp
        ):
            cmp = "over"
        sentence = ctx.sentence(m.start())
        window = text[sentence[0] : sentence[1]]
        start = _extend_to_subject(ctx, m.start())
        found = _subject_before(ctx, m.start(), sentence=sentence)
        subject = found[1] if found else _subject_for(ctx, m.start(), end)
        item = _item_in(text[max(sentence[0], m.start() - 80) : min(sentence[1], end + 60)])
        if versus is not None or cmp.replace("as ", "") in (
            "larger",
            "bigger",
            "greater",
            "smaller",
            "richer",
            "wealthier",
            "large",
            "big",
        ):
            kind = "ratio"
            if re.search(r"\b(?:econom\w*|GDP|wealth\w*|richer)\b", window, re.I):
                metric = "gdp_ratio"
            elif _SPEND_WORDS.search(window):
                metric = "milex_ratio"
            elif item:
                metric = f"{_metric_item(item)}_output_ratio"
            else:
                metric = "ratio"
        else:
            kind = "multiple"
            metric = f"{_metric_item(item)}_growth" if item else "production_growth"
        if cmp in ("smaller", "less", "lower", "fewer", "cheaper") and value > 0:
            value, precision = 1.0 / value, precision / (value * value)
        year, explicit, _ = _year_for(ctx, start, end)
        out.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                unit="ratio",
                kind=kind,
                metric=metric,
                subject=subject,
                versus=versus,
                year=year,
                year_explicit=explicit,
                qualifier=_qualifier(m.group("qual")),
                item=item,
                measure="market"
                if metric == "gdp_ratio"
                and not re.search(r"\bPPP|purchasing\s+power", window, re.I)
                else None,
                precision=precision,
            )
        )
        ctx.take(start, end)
    for m in _GROWTH.finditer(text):
        if ctx.is_taken(m.start(), m.end()):
            continue
        verb = m.group("verb").lower()
        if m.group("twice"):
            value = 2.0 if m.group("twice").lower() == "twice" else 0.5
        else:
            value = _GROWTH_VALUE.get(verb, 2.0)
        sentence = ctx.sentence(m.start())
        # the thing that grew: back to the start of its clause
        clause_start = max(
            [sentence[0]]
            + [
                sentence[0] + c.end()
                for c in re.finditer(
                    r"[,;:]\s*(?:and\s+)?|\band\s+", ctx.text[sentence[0] : m.start()]
                )
            ]
        )
        start = clause_start if m.start() - clause_start <= 60 else m.start()
        end = m.end()
        tail = text[end : end + 80]
        versus = None
        than = re.match(r"^[^.;:!?]{0,50}?\b(?:than|as)\s+", tail)
        if than is not None:
            for s, e, code, is_title in ctx.subjects_in(end + than.end(), end + than.end() + 30):
                if not is_title and s <= end + than.end() + 4:
                    versus, end = code, e
                    break
        item = _item_in(text[max(sentence[0], m.start() - 80) : m.end()])
        found = _subject_before(ctx, m.start(), sentence=sentence)
        subject = found[1] if found else _subject_for(ctx, m.start(), m.end())
        year, explicit, _ = _year_for(ctx, start, end)
        kind = "ratio" if versus else "multiple"
        metric = (
            (f"{_metric_item(item)}_output_ratio" if item else "ratio")
            if versus
            else (f"{_metric_item(item)}_growth" if item else "production_growth")
        )
        out.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                unit="ratio",
                kind=kind,
                metric=metric,
                subject=subject,
                versus=versus,
                year=year,
                year_explicit=explicit,
                item=item,
                precision=0.25 * value,
            )
        )
        ctx.take(start, end)


def _find_majorities(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in (
        m
        for ws, we in _windows(text, _MAJORITY_TRIGGER, 90, 140)
        for m in _MAJORITY.finditer(text, ws, we)
    ):
        if ctx.is_taken(m.start(), m.end()):
            continue
        q = " ".join(m.group("q").lower().split())
        negated = bool(m.group("neg"))
        qualifier: str | None
        if m.group("k"):
            k = _parse_number(
                *((m.group("k"), None) if m.group("k")[0].isdigit() else (None, m.group("k")))
            )
            n = _parse_number(
                *((m.group("n"), None) if m.group("n")[0].isdigit() else (None, m.group("n")))
            )
            if not k or not n or n[0] <= 0 or k[0] > n[0]:
                continue
            share, qualifier, precision = k[0] / n[0], None, 0.5 / n[0]
        elif q in ("most", "the majority of", "a majority of"):
            share, qualifier, precision = 0.5, "more than", 0.0
        elif q in ("a minority of", "only a few", "few"):
            share, qualifier, precision = 0.5, "less than", 0.0
        elif q == "half of":
            share, qualifier, precision = 0.5, "about", 0.05
        elif q.startswith("all"):
            share, qualifier, precision = 1.0, None, 0.0
        else:  # none of
            share, qualifier, precision = 0.0, None, 0.0
        if negated:  # "most do not meet" = fewer than half meet
            share = 1.0 - share
            qualifier = {"more than": "less than", "less than": "more than"}.get(
                qualifier or "", qualifier
            )
        sentence = ctx.sentence(m.start())
        threshold = None
        for window in (
            text[sentence[0] : sentence[1]],
            text[slice(*(ctx.previous_sentence(m.start()) or (0, 0)))],
        ):
            pct = re.search(
                r"(\d+(?:\.\d+)?|two|three|four|five)\s*(?:%|percent|per\s?cent)", window, re.I
            )
            if pct:
                tok = pct.group(1)
                parsed = _parse_number(
                    tok if tok[0].isdigit() else None, None if tok[0].isdigit() else tok
                )
                threshold = parsed[0] if parsed else None
                break
        start = m.start()
        if text[max(0, start - 6) : start].lower().strip() == "which":
            start = text.rfind("which", 0, start)
        year, explicit, _ = _year_for(ctx, start, m.end())
        out.append(
            Claim(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                value=share,
                unit="share",
                kind="share_of_members",
                metric="share_members_meeting_target",
                subject="NATO",
                year=year,
                year_explicit=explicit,
                qualifier=qualifier,
                precision=precision,
                threshold=threshold if threshold is not None else 2.0,
            )
        )
        ctx.take(start, m.end())


def _find_quantities(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in _QTY.finditer(text):
        num, word = m.group("num"), m.group("word")
        qs = m.start("num") if num is not None else m.start("word")
        if ctx.is_taken(qs, m.end()) or ctx.is_masked(qs, m.end()):
            continue
        parsed = _parse_number(num, word)
        if parsed is None:
            continue
        value, precision = parsed
        scale_word = (m.group("scale") or "").lower()
        pct = m.group("pct")
        cur = _currency(m.group("cur_pre")) or _currency(m.group("cur_suf"))
        after = text[m.end() : m.end() + 80]
        before = text[max(0, qs - 15) : qs]
        if (
            num is not None
            and re.match(r"^[A-Za-z0-9]", text[m.end() : m.end() + 1])
            and not (pct or cur or scale_word)
        ):
            continue  # 155mm, T-90M, 1990s
        if scale_word in ("m", "k") and not cur and not re.match(r"^\s*[a-z]", after):
            continue
        # plain years ("in 2024", "2023 dollars") are not claims
        if (
            num is not None
            and not scale_word
            and not m.group("cur_pre")
            and re.fullmatch(r"(?:1[89]|20)\d\d", num)
        ):
            continue
        if scale_word:
            value *= _SCALES[scale_word]
            precision *= _SCALES[scale_word]
        qual_m = _QUAL_BEFORE.search(text, max(0, m.start() - 30), m.start())
        qual = None if qual_m is None else qual_m.group("qual")
        start = m.start() if qual_m is None else qual_m.start()
        end = m.end()
        if ctx.is_taken(start, end):
            continue
        if pct:
            _add_percent(ctx, out, m, start, qual, value, precision, pct)
            continue
        if cur:
            _add_money(ctx, out, m, start, qual, value, precision, cur)
            continue
        if _DATE_NEAR_BEFORE.search(before) or _DATE_NEAR_AFTER.match(text[m.end() : m.end() + 14]):
            continue
        if _NOT_COUNT_AFTER.match(after):
            continue
        noun = _ITEM_AFTER.match(after)
        item = None
        metric = None
        if noun is not None:
            item = item_for(noun.group("noun"))
            end = m.end() + noun.end()
            metric = f"{item}_output" if item else "count"
            if (
                noun.group("noun")
                .lower()
                .startswith(
                    (
                        "shell",
                        "round",
                        "projectile",
                        "ammunition",
                        "munition",
                        "artillery shell",
                        "artillery round",
                    )
                )
            ):
                item, metric = "artillery_ammunition", "artillery_ammunition_output"
        else:
            cn = _COUNT_NOUN.match(after)
            rate = _RATE_AFTER.match(after) if cn is None else None
            if (
                rate is None
                and cn is None
                and scale_word in ("thousand", "million", "mln", "mn", "billion")
            ):
                rate = re.match(r"", after)  # "Ukraine produced more than 1 million in 2024"
            if rate is not None:
                # "produces about 250,000 a month": the item is named elsewhere in the clause
                clause = ctx.text[slice(*_clause(ctx, start, m.end()))]
                s0, _s1 = ctx.sentence(start)
                item = _item_in(ctx.text[s0 : m.end()])
                if item is None or not _PRODUCE_VERBS.search(clause):
                    continue
                end = m.end() + rate.end()
                metric = f"{item}_output"
                cn = None
            elif cn is None:
                continue
        if metric is None and cn is not None:
            end = m.end() + cn.end()
            noun_word = " ".join(cn.group("noun").lower().split())
            if noun_word in ("members", "member states", "allies", "countries", "nations"):
                metric = "member_count"
            else:
                metric = noun_word.replace(" ", "_") + "_count"
        if word is not None and word.lower() in ("a", "an", "one") and not scale_word:
            continue
        # "of various types", "of the alliance" belong to the claim
        ext = re.match(
            r"^\s+of\s+(?:various|different|all|many|several)\s+\w+|^\s+of\s+the\s+(?:alliance|bloc)",
            text[end : end + 40],
            re.I,
        )
        if ext is not None:
            end += ext.end()
        subject = _subject_for(ctx, start, end)
        if metric == "member_count":
            sentence = ctx.sentence(start)
            blocs = [
                (abs(s_ - start), code)
                for s_, _e, code, _t in ctx.subjects_in(sentence[0], sentence[1])
                if code in ("NATO", "EU", "NATO_EUCA")
            ]
            if not blocs:
                continue
            subject = min(blocs)[1]
        year, explicit, _ = _year_for(ctx, start, end)
        window = text[slice(*_clause(ctx, start, end))]
        if item and _USE_VERBS.search(window):
            metric = f"{item}_use"  # shells fired are not shells made
        elif item and re.search(r"\b(?:capacity|capable\s+of)\b", window, re.I):
            metric = f"{item}_capacity"
        elif item and re.search(
            r"\b(?:plans?|planned|target|aims?|will|goal|by\s+(?:the\s+end\s+of\s+)?20\d\d)\b",
            window,
            re.I,
        ):
            metric = f"{item}_plan"
            by = _DEADLINE.search(window)
            if by is not None:
                year, explicit = int(by.group("y")), True
        if metric is None:
            continue
        out.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                unit="count",
                kind="count",
                metric=metric,
                subject=subject,
                year=year,
                year_explicit=explicit,
                qualifier=_qualifier(qual),
                item=item,
                precision=precision,
            )
        )
        ctx.take(start, end)


def _add_percent(
    ctx: _Context,
    out: list[Claim],
    m: re.Match[str],
    start: int,
    qual: str | None,
    value: float,
    precision: float,
    pct: str,
) -> None:
    text = ctx.text
    end = m.end()
    sentence = ctx.sentence(start)
    window = text[sentence[0] : sentence[1]]
    of_gdp = _OF_GDP.match(text[end : end + 60])
    if of_gdp is not None:
        end += of_gdp.end()
    points = "point" in pct.lower()
    # "the 2% goal", "NATO's 3.5 percent target": NATO targets are shares of GDP
    target_noun = re.match(
        r"^\s+(?:(?:spending|defen[cs]e|core|NATO)\s+){0,2}(?:goal|target|guideline|benchmark|threshold|pledge|floor|mark|bar)\b",
        text[end : end + 40],
        re.I,
    )
    gdp = of_gdp is not None or (
        not points and (bool(_GDP_WORDS.search(window)) or target_noun is not None)
    )
    if not gdp and not points and not _GROWTH_WORDS.search(window):
        # "Poland led at 4.12 per cent" right after a sentence about shares of GDP
        prev = ctx.previous_sentence(start)
        gdp = prev is not None and bool(_GDP_WORDS.search(text, prev[0], prev[1]))
    # "on military expenditures", "for broader security-related spending"
    tail = re.match(
        r"^\s+(?:on|for|in)\s+(?:[\w-]+\s+){0,3}?(?:defen[cs]e|military|security)?[\w-]*\s*(?:spending|expenditures?|budgets?|outlays?)\b",
        text[end : end + 70],
        re.I,
    )
    if tail is not None and gdp:
        end += tail.end()
    pre = text[sentence[0] : start]
    is_target = bool(_TARGET_WORDS.search(window)) and gdp
    deadline_m = _DEADLINE.search(window)
    deadline = int(deadline_m.group("y")) if deadline_m else None
    # "increase defense spending to 3.5 percent", "the target of five percent"
    lead = re.search(
        r"(?:\b(?:increase|raise|boost|lift|bring|hike)\s+(?:[\w-]+\s+){0,3}?to|\b(?:the\s+)?(?:target|goal|benchmark|guideline|threshold|pledge)\s+of|\badditional|\banother|\bto\s+reach)\s*$",
        pre,
        re.I,
    )
    if lead is not None and start - (sentence[0] + lead.start()) < 60:
        new_start = sentence[0] + lead.start()
        art = re.search(
            r"\b(?:the|an|a)\s+$", text[max(sentence[0], new_start - 5) : new_start], re.I
        )
        start = new_start - (len(art.group(0)) if art else 0)
    if points:
        unit, kind, metric = "pct_points", "percent", "pct_points_change"
    elif gdp:
        unit = "pct_gdp"
        kind = "target" if is_target else "share_gdp"
        if is_target:
            metric = "target_share_gdp"
        elif _SPEND_WORDS.search(window) or not re.search(
            r"\b(?:debt|deficit|growth|grow|grew|shr[a-z]+k)\b", window, re.I
        ):
            metric = "milex_share_gdp"
        else:
            metric = "gdp_share"
    else:
        unit, kind = "pct", "percent"
        if re.search(
            r"\b(?:rise|rose|increase[sd]?|grew|growth|up|jump(?:ed)?|higher|real\s+terms)\b",
            window,
            re.I,
        ):
            metric = "milex_real_change" if _SPEND_WORDS.search(window) else "pct_change"
        elif re.search(r"\bequipment\b", window, re.I):
            metric = "equipment_share"
        else:
            metric = "pct"
    subject = _subject_for(ctx, m.start(), end)
    year, explicit, dl = _year_for(ctx, start, end)
    if kind == "target":
        deadline = deadline or dl
    definition = _definition(window)
    out.append(
        Claim(
            start=start,
            end=end,
            text=text[start:end],
            value=value,
            unit=unit,
            kind=kind,
            metric=metric,
            subject=subject,
            year=year,
            year_explicit=explicit,
            qualifier=_qualifier(qual),
            deadline=deadline,
            definition=definition,
            precision=precision,
        )
    )
    ctx.take(start, end)


def _definition(window: str) -> str | None:
    """Whose definition of defence spending a sentence names, if any."""
    if re.search(r"\bSIPRI\b|Stockholm\s+International\s+Peace", window):
        return "SIPRI"
    if re.search(r"\bIISS\b|Military\s+Balance", window):
        return "IISS"
    if re.search(
        r"\bNATO(?:['’]s)?\s+(?:figures|estimates|data|definition|report)\b|\baccording\s+to\s+NATO\b",
        window,
    ):
        return "NATO"
    if re.search(
        r"\bbudget\s+(?:law|plan|draft|bill)|\b(?:federal|draft|national|state)\s+budget|\bfinance\s+ministry",
        window,
        re.I,
    ):
        return "national"
    return None


def _add_money(
    ctx: _Context,
    out: list[Claim],
    m: re.Match[str],
    start: int,
    qual: str | None,
    value: float,
    precision: float,
    cur: str,
) -> None:
    text = ctx.text
    end = m.end()
    sentence = ctx.sentence(start)
    window = text[sentence[0] : sentence[1]]
    near = text[max(sentence[0], start - 80) : min(sentence[1], end + 60)]
    if re.search(
        r"\b(?:GDP|gross\s+domestic\s+product|economy|economic\s+output)\b", near, re.I
    ) and not _SPEND_WORDS.search(near):
        metric = "gdp"
    elif _SPEND_WORDS.search(window):
        metric = "milex" if cur != "rub" else "budget_defence"
    else:
        metric = "money"
    measure = None
    if re.search(
        r"\bconstant\b|\b(?:19|20)\d\d\s+(?:prices|dollars)\b|\breal\s+terms\b", window, re.I
    ):
        measure = "constant"
    elif re.search(r"\bPPP\b|purchasing[\s-]power", window, re.I):
        measure = "ppp"
    base = re.search(
        r"\b(?:constant\s+)?((?:19|20)\d\d)\s+(?:prices|dollars|US\s+dollars)\b", window, re.I
    )
    subject = _subject_for(ctx, start, end)
    year, explicit, _ = _year_for(ctx, start, end)
    out.append(
        Claim(
            start=start,
            end=end,
            text=text[start:end],
            value=value,
            unit=cur,
            kind="money",
            metric=metric,
            subject=subject,
            year=year,
            year_explicit=explicit,
            qualifier=_qualifier(qual),
            measure=measure
            if measure != "constant" or base is None
            else f"constant_{base.group(1)}",
            definition=_definition(window),
            precision=precision,
        )
    )
    ctx.take(start, end)


def _find_deadlines(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in _DEADLINE.finditer(text):
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


def extract_claims(text: str, *, default_year: int | None = None) -> list[Claim]:
    """All quantitative claims of ``text``, ordered by position.

    ``default_year`` (usually the article's year) dates claims whose sentence names no year;
    "last year" and "next year" are read relative to it.
    """
    if not text or not text.strip():
        return []
    ctx = _build_context(text, default_year)
    claims: list[Claim] = []
    _find_period_ratios(ctx, claims)
    _find_ratios(ctx, claims)
    _find_majorities(ctx, claims)
    _find_quantities(ctx, claims)
    _find_deadlines(ctx, claims)
    claims.sort(key=lambda c: (c.start, c.end))
    return [c for c in claims if 0 <= c.start < c.end <= len(text) and math.isfinite(c.value)]
