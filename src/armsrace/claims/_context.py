"""Per-text context for the extractor: sentences, clauses, subject mentions, years."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from armsrace.claims._cues import cues
from armsrace.claims._entities import EntityLexicon
from armsrace.claims._patterns import _windows, patterns

__all__ = [
    "_Context",
    "_MAX_SENTENCE",
    "_add_sentence",
    "_build_context",
    "_clause",
    "_combined_after",
    "_combined_subject",
    "_extend_to_subject",
    "_in_aside_closed",
    "_scan_years",
    "_subject_before",
    "_subject_for",
    "_year_for",
    "_years_in",
]


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
    lexicon: EntityLexicon
    para_sep: str = "\n\n"
    #: whether the text speaks of purchasing-power parity anywhere (computed on first use)
    mentions_ppp: bool | None = None
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


_GENERIC_BLOC = re.compile(r"(?:the\s+)?bloc", re.IGNORECASE)


def _resolve_generic_blocs(text: str, subjects: list[tuple[int, int, str, bool]]) -> None:
    """'the bloc' is the EU when the EU, not NATO, was named last (within ~400 characters)."""
    last: tuple[int, str] | None = None
    for i, (s_, e_, code, title) in enumerate(subjects):
        if _GENERIC_BLOC.fullmatch(text[s_:e_]):
            if last is not None and last[1] == "EU" and s_ - last[0] < 400:
                subjects[i] = (s_, e_, "EU", title)
            continue
        if code in ("NATO", "EU"):
            last = (s_, code)


_BARE_FIGURE = re.compile(
    r"\s*(?:\d+[.)]\s+)?(?:[$€£]\s?)?\d[\d,.]*\s*(?:%|per\s?cent|percent|(?:thousand|million|billion|trillion|bn|m)\b)?\.?\s*",
    re.IGNORECASE,
)


def _not_the_entity(text: str, end: int) -> bool:
    """A mention that names a person's title ("Russian President") or an organisation
    ("Stockholm International Peace Research Institute"), not the entity itself."""
    after = text[end : end + 40]
    return bool(patterns().title_after.match(after) or cues().organisation_after.match(after))


def _build_context(text: str, default_year: int | None, lexicon: EntityLexicon) -> _Context:
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in patterns().sentence_end.finditer(text):
        if patterns().abbrev_end.search(text[max(pos, m.start() - 8) : m.start()]):
            continue
        if _BARE_FIGURE.fullmatch(text, pos, m.start()) and "\n\n" not in text[m.start() : m.end()]:
            continue  # "3.5%. That is the share of GDP ...": a list heading belongs to what follows
        _add_sentence(starts, ends, text, pos, m.start())
        pos = m.end()
    _add_sentence(starts, ends, text, pos, len(text))
    subjects: list[tuple[int, int, str, bool]] = [
        (s_, e_, code, _not_the_entity(text, e_)) for s_, e_, code in lexicon.mentions(text)
    ]
    subjects.sort()
    _resolve_generic_blocs(text, subjects)
    masked = [
        (m.start(), m.end())
        for ws, we in _windows(text, patterns().digit_run, 16, 40)
        for m in patterns().furniture.finditer(text, ws, we)
    ]
    if "http" in text or "www." in text:
        masked.extend((m.start(), m.end()) for m in patterns().links.finditer(text))
    if "@" in text:
        masked.extend((m.start(), m.end()) for m in patterns().emails.finditer(text))
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
        lexicon=lexicon,
        # text extracted from HTML has one paragraph a line; hand-wrapped text uses blank lines
        para_sep="\n\n" if "\n\n" in text else "\n",
    )


def _subject_before(
    ctx: _Context, pos: int, *, sentence: tuple[int, int]
) -> tuple[int, str] | None:
    """The nearest non-title subject mention before ``pos`` in the sentence (start, code).

    A source named in an attribution ("Germany spent ..., according to NATO, about 2.1% of
    its GDP") is passed over when the sentence names a subject before it.
    """
    found = [
        (start, code)
        for start, end, code, is_title in ctx.subjects_in(sentence[0], pos)
        if not is_title and not _in_aside_closed(ctx, start, end, pos)
    ]
    for i in range(len(found) - 1, -1, -1):
        start, code = found[i]
        if i > 0 and _ATTRIBUTION_BEFORE.search(ctx.text, max(sentence[0], start - 20), start):
            continue
        return start, code
    return None


_RELATIVE_OPEN = re.compile(r",\s*(?:which|who|whose)\b[^,;()]*$", re.IGNORECASE)


def _in_aside_closed(ctx: _Context, start: int, end: int, pos: int) -> bool:
    """A mention inside brackets or a relative clause that closes before ``pos``: "Russia,
    which invaded Ukraine in 2022, raised its spending by 9%" (Ukraine is no subject of the
    9%), "spending in Europe (including Russia) rose 17%"."""
    s0 = ctx.sentence(start)[0]
    opened = ctx.text.rfind("(", s0, start)
    if opened >= 0 and ctx.text.rfind(")", opened, start) < 0:
        return ctx.text.find(")", end, pos) >= 0
    rel = _RELATIVE_OPEN.search(ctx.text, s0, start)
    if rel is None:
        return False
    # the relative clause hangs on an entity named right before it ("Russia, which ..."),
    # the other candidate for the subject; one on an organisation's name may run on
    # ("the Institute, which put Russia's spending at $149bn, a 38% real increase")
    head = [m for m in ctx.subjects_in(s0, rel.start()) if m[1] >= rel.start() - 3]
    if not head or head[-1][3]:
        return False
    return ctx.text.find(",", end, pos) >= 0


def _subject_for(ctx: _Context, start: int, end: int, *, look_after: bool = True) -> str | None:
    sentence = ctx.sentence(start)
    # "the 32 members of the alliance", "1,500 tanks for the Russian army"
    after = re.match(r"^[^,.;:]{0,40}?\b(?:of|for|by|from|in)\s+", ctx.text[end : end + 60])
    if after is not None:
        pos = end + after.end()
        pos2 = pos + 4 if ctx.text[pos : pos + 4].lower() == "the " else pos
        for s, _e, code, is_title in ctx.subjects_in(pos, min(sentence[1], pos + 40)):
            if not is_title and s in (pos, pos2):
                return code
    found = _subject_before(ctx, start, sentence=sentence)
    if found is not None:
        return found[1]
    # "Its factories delivered ...": a pronoun refers back, not forward
    pronoun = _PRONOUN_START.match(ctx.text, sentence[0])
    if look_after and pronoun is None:
        for s, _e, code, is_title in ctx.subjects_in(end, sentence[1]):
            if not is_title and not _ATTRIBUTION_BEFORE.search(
                ctx.text, max(sentence[0], s - 20), s
            ):
                return code
    # "President Putin claimed 180 new aircraft": a speaker stands for the country
    for pm in ctx.lexicon.speaker_pattern.finditer(ctx.text, sentence[0], sentence[1]):
        person = ctx.lexicon.speaker(pm.group(0))
        if person is not None:
            return person
    back = start
    for _ in range(3):
        prev = ctx.previous_sentence(back)
        if prev is None:
            break
        mentions = [m for m in ctx.subjects_in(*prev) if not m[3]]
        if mentions:
            return mentions[0][2]
        back = prev[0]
    return None


_PRONOUN_START = re.compile(r"\s*[\"“‘]?(?:It|Its|They|Their|Theirs|He|His|She|Her)\b")
_ATTRIBUTION_BEFORE = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?$|\bsaid\s+(?:the\s+)?$", re.IGNORECASE
)


def _clause(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: between commas, semicolons or 'while'/'but' of its sentence."""
    s0, s1 = ctx.sentence(start)
    c0 = s0
    for m in patterns().clause_break.finditer(ctx.text, s0, start):
        c0 = m.end()
    nxt = patterns().clause_break.search(ctx.text, end, s1)
    return c0, (s1 if nxt is None else nxt.start())


def _year_for(ctx: _Context, start: int, end: int) -> tuple[int | None, bool, int | None]:
    """(year, explicit?, deadline) for a claim from its sentence, then the previous one."""
    sentence = ctx.sentence(start)
    year, explicit, deadline = _years_in(ctx, sentence, start)
    if year is None and (
        patterns().continuation.match(ctx.text, sentence[0])
        or not patterns().present.search(ctx.text, sentence[0], sentence[1])
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
    for m in patterns().year.finditer(chunk):
        if m.group("s"):
            continue  # decades: "the 1990s"
        prep = (m.group("prep") or "").lower()
        y = int(m.group("y"))
        if prep == "by":
            deadline = y
            continue
        if prep in ("since", "from", "after", "before", "until", "through", "between", "and", "to"):
            continue
        if patterns().date_near_before.search(chunk[max(0, m.start("y") - 12) : m.start("y")]):
            continue  # "in February 2022" dates an event, not the figure
        if _BASE_BEFORE.search(chunk, max(0, m.start("y") - 16), m.start("y")):
            continue  # "double that of 2015", "higher than in 2014": a base, not the period
        if re.match(
            r"^\s+(?:prices|(?:US\s+)?dollars|euros|roubles|rubles)\b",
            chunk[m.end() : m.end() + 14],
            re.I,
        ):
            continue  # "constant 2023 dollars" is a price base, not the year of the figure
        mentions.append((s0 + m.start(), y))
    relative = None
    for rel in patterns().relative_year.finditer(chunk):
        word = rel.group("rel").lower()
        offset = 0 if "this" in word else (1 if "next" in word else -1)
        relative = offset if relative is None else relative
        if ctx.default_year is not None:
            # "last year" competes with explicit years by distance, like any year mention
            mentions.append((s0 + rel.start(), ctx.default_year + offset))
    if "year" in chunk:
        # "Putin said Russia made 1.5 million in 2024. Ukraine says it made 3.2 million that
        # year": the year the previous sentence names last
        for same in _SAME_YEAR.finditer(chunk):
            earlier = _named_year_before(ctx, s0)
            if earlier is not None:
                mentions.append((s0 + same.start(), earlier))
    return mentions, deadline, relative


_BASE_BEFORE = re.compile(r"\b(?:(?:that|those|levels?)\s+of|than(?:\s+in)?)\s+$", re.I)
_SAME_YEAR = re.compile(r"\b(?:that|the\s+same)\s+year\b", re.IGNORECASE)


def _named_year_before(ctx: _Context, pos: int) -> int | None:
    """The last year written in the sentence before ``pos`` (same paragraph), if any."""
    prev = ctx.previous_sentence(pos)
    if prev is None:
        return None
    written = [
        (m.start(), int(m.group("y")))
        for m in patterns().year.finditer(ctx.text, prev[0], prev[1])
        if not m.group("s")
    ]
    return max(written)[1] if written else None


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


_TOGETHER = re.compile(
    r"\s*,?\s*(?:together|combined|jointly|between\s+them|put\s+together)\b", re.IGNORECASE
)


def _combined_subject(ctx: _Context, start: int) -> str | None:
    """Both subjects of "the US and Europe together can supply 1.2 million", joined by '+'.

    Two subject mentions of the figure's sentence, before it, joined by "and" and followed by
    "together", "combined", "jointly" or "between them" name one combined producer
    (``USA+EUR``); one subject alone is never widened to a pair.
    """
    s0, _s1 = ctx.sentence(start)
    mentions = [m for m in ctx.subjects_in(s0, start) if not m[3]]
    for (_a0, a1, a_code, _), (b0, b1, b_code, _) in zip(mentions, mentions[1:], strict=False):
        if a_code == b_code or not re.fullmatch(r"\s+and\s+(?:the\s+)?", ctx.text[a1:b0], re.I):
            continue
        if _TOGETHER.match(ctx.text, b1) is not None:
            return f"{a_code}+{b_code}"
    return None


def _combined_after(ctx: _Context, code: str, end: int) -> tuple[str, int]:
    """A subject mention ending at ``end`` widened to "X and Y together" when the text says so.

    "three times what the United States and Europe together can send": (``USA+EUR``, the
    end of "together"); otherwise (``code``, ``end``) unchanged.
    """
    joint = re.match(r"\s+and\s+(?:the\s+)?", ctx.text[end : end + 12], re.I)
    if joint is None:
        return code, end
    pos = end + joint.end()
    for s_, e_, other, is_title in ctx.subjects_in(pos, pos + 1):
        together = _TOGETHER.match(ctx.text, e_)
        if s_ == pos and not is_title and other != code and together is not None:
            return f"{code}+{other}", together.end()
    return code, end
