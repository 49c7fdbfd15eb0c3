"""Finders for amounts: counts, percentages (of GDP, targets), money, target deadlines."""

from __future__ import annotations

import re

from armsrace.claims._claim import Claim
from armsrace.claims._context import (
    _clause,
    _combined_subject,
    _Context,
    _subject_for,
    _year_for,
)
from armsrace.claims._lexicon import item_for, item_in, lexicon
from armsrace.claims._patterns import _currency, _parse_number, _qualifier, patterns

__all__ = [
    "_add_money",
    "_add_percent",
    "_definition",
    "_find_quantities",
]


def _find_quantities(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in patterns().qty.finditer(text):
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
            value *= lexicon().scales[scale_word]
            precision *= lexicon().scales[scale_word]
        qual_m = patterns().qual_before.search(text, max(0, m.start() - 30), m.start())
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
        if patterns().date_near_before.search(before) or patterns().date_near_after.match(
            text[m.end() : m.end() + 14]
        ):
            continue
        if patterns().not_count_after.match(after):
            continue
        noun = patterns().item_after.match(after)
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
            cn = patterns().count_noun.match(after)
            rate = patterns().rate_after.match(after) if cn is None else None
            if (
                rate is None
                and cn is None
                and scale_word in ("thousand", "million", "mln", "mn", "billion")
            ):
                rate = re.match(r"", after)  # "Ukraine produced more than 1 million in 2024"
            clause = ctx.text[slice(*_clause(ctx, start, m.end()))]
            s0, _s1 = ctx.sentence(start)
            if rate is not None:
                # "produces about 250,000 a month": the item is named elsewhere in the clause
                item = item_in(ctx.text[s0 : m.end()])
                parallel = item is not None and _parallel_count(ctx, out, start, item)
                if item is None:
                    # "Washington wants 100,000 a month by 2026": the item of the figure before
                    item = _elided_item(ctx, out, start)
                    parallel = item is not None and _parallel_count(ctx, out, start, item)
                if item is None or not (
                    parallel
                    or patterns().produce_verbs.search(clause)
                    or _PLAN_WORDS.search(clause)
                ):
                    continue
                end = m.end() + rate.end()
                metric = f"{item}_output"
                cn = None
            elif cn is None:
                # "In 2021 it had built only 56.": a bare figure of the item counted just before
                item = _elided_item(ctx, out, start)
                if item is None or not _bare_figure_end(ctx, m.end(), clause, item, out, start):
                    continue
                metric = f"{item}_output"
        if metric is None and cn is not None:
            end = m.end() + cn.end()
            noun_word = " ".join(cn.group("noun").lower().split())
            if noun_word in ("members", "member states", "allies", "countries", "nations"):
                metric = "member_count"
            else:
                metric = noun_word.replace(" ", "_") + "_count"
        if word is not None and word.lower() in ("a", "an", "one") and not scale_word:
            continue
        # "... a month", "... a year in 2025" belong to the claim
        tail = _COUNT_TAIL.match(text, end)
        if tail is not None and tail.end() > end:
            end = tail.end()
        # "of various types", "of the alliance" belong to the claim
        ext = re.match(
            r"^\s+of\s+(?:various|different|all|many|several)\s+\w+|^\s+of\s+the\s+(?:alliance|bloc)",
            text[end : end + 40],
            re.I,
        )
        if ext is not None:
            end += ext.end()
        subject = _combined_subject(ctx, start) or _subject_for(ctx, start, end)
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
        if item and patterns().use_verbs.search(window):
            metric = f"{item}_use"  # shells fired are not shells made
        elif item and re.search(r"\b(?:capacity|capable\s+of)\b", window, re.I):
            metric = f"{item}_capacity"
        elif item and _PLAN_WORDS.search(window):
            metric = f"{item}_plan"
            by = patterns().deadline.search(window)
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


_PLAN_WORDS = re.compile(
    r"\b(?:plans?|planned|target|aims?|aimed|wants?|wanted|promise[sd]?|pledge[sd]?|will|goal"
    r"|by\s+(?:the\s+end\s+of\s+|\w+\s+)?20\d\d)\b",
    re.IGNORECASE,
)
_BARE_END = re.compile(
    r"\s*(?:[.;,)]|$|(?:in|for|during|by|from)\s+(?:19|20)\d\d\b|(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:\w+\s+)?(?:built|made|produced|delivered|manufactured|newly\s+built)\b)",
    re.IGNORECASE,
)


def _elided_item(ctx: _Context, out: list[Claim], start: int) -> str | None:
    """The item of the nearest earlier count in this sentence or the two before (same paragraph).

    "Russia made 700 Iskander missiles in 2024. In 2021 it had built only 56.": the second
    figure counts the same thing, with the noun left out. Only a sentence that names no item
    before the figure inherits one.
    """
    s0, _s1 = ctx.sentence(start)
    if item_in(ctx.text[s0:start]) is not None:
        return None
    lo = s0
    back = start
    for _ in range(2):
        prev = ctx.previous_sentence(back)
        if prev is None:
            break
        lo = prev[0]
        back = prev[0]
    for c in reversed(out):
        if c.kind == "count" and c.item is not None and lo <= c.start < start:
            return c.item
    return None


def _parallel_count(ctx: _Context, out: list[Claim], start: int, item: str) -> bool:
    """Whether a count of ``item`` comes just before in the sentence ("..., while X ...")
    or in the clause before a semicolon ("... 3 million shells; some say 4.5 million")."""
    s0, _s1 = ctx.sentence(start)
    prev = ctx.previous_sentence(start)
    if prev is not None and ctx.text[prev[0] : s0].rstrip().endswith(";"):
        s0 = prev[0]
    return any(c.kind == "count" and c.item == item and s0 <= c.start < start for c in out)


def _bare_figure_end(
    ctx: _Context, end: int, clause: str, item: str, out: list[Claim], start: int
) -> bool:
    """A figure with no noun is a count only where a count may end, in a clause about making it."""
    if _BARE_END.match(ctx.text, end) is None:
        return False
    return bool(patterns().produce_verbs.search(clause) or _parallel_count(ctx, out, start, item))


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
    of_gdp = patterns().of_gdp.match(text[end : end + 60])
    if of_gdp is not None:
        end += of_gdp.end()
    points = "point" in pct.lower()
    # "the 2% goal", "NATO's 3.5 percent target": NATO targets are shares of GDP
    target_noun = re.match(
        r"^\s+(?:(?:spending|defen[cs]e|core|NATO)\s+){0,2}(?:goal|target|guideline|benchmark|threshold|pledge|floor|mark|bar)\b",
        text[end : end + 40],
        re.I,
    )
    # "a 38% increase in real terms", "rose 23 percent": a change, not a share
    change = of_gdp is None and bool(
        _CHANGE_AFTER.match(text, end, min(len(text), end + 30))
        or _CHANGE_BEFORE.search(text, max(sentence[0], start - 45), start)
    )
    gdp = of_gdp is not None or (
        not points
        and not change
        and (bool(patterns().gdp_words.search(window)) or target_noun is not None)
    )
    clause = text[slice(*_clause(ctx, start, end))]
    if (
        not gdp
        and not points
        and patterns().target_words.search(clause)
        and patterns().deadline.search(clause)
    ):
        gdp = True  # "Britain pledges 2.5% by 2027": a spending target is a share of GDP
    if not gdp and not points and not change and not patterns().growth_words.search(clause):
        # "Poland led at 4.12 per cent" after a sentence about shares of GDP: a list of shares
        # runs on for a few sentences ("Britain reached 2.4 per cent. Greece is at 2.85%.")
        gdp = any(c.unit == "pct_gdp" and sentence[0] <= c.start < start for c in out)
        back = start
        for _ in range(3):
            prev = ctx.previous_sentence(back)
            if gdp or prev is None:
                break
            gdp = bool(patterns().gdp_words.search(text, prev[0], prev[1])) or any(
                c.unit == "pct_gdp" and prev[0] <= c.start < prev[1] for c in out
            )
            back = prev[0]
    # "on military expenditures", "for broader security-related spending"
    tail = re.match(
        r"^\s+(?:on|for|in)\s+(?:[\w-]+\s+){0,3}?(?:defen[cs]e|military|security)?[\w-]*\s*(?:spending|expenditures?|budgets?|outlays?)\b",
        text[end : end + 70],
        re.I,
    )
    if tail is not None and gdp:
        end += tail.end()
    pre = text[sentence[0] : start]
    is_target = gdp and (
        bool(patterns().target_words.search(clause))
        or target_noun is not None
        # "pledged to lift spending to 5% by 2035, with at least 3.5% going to core needs"
        or (bool(patterns().target_words.search(window)) and not _ACTUAL_VERBS.search(clause))
    )
    deadline_m = patterns().deadline.search(window)
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
        elif patterns().spend_words.search(window) or not re.search(
            r"\b(?:debt|deficit|growth|grow|grew|shr[a-z]+k)\b", window, re.I
        ):
            metric = "milex_share_gdp"
        else:
            metric = "gdp_share"
    else:
        unit, kind = "pct", "percent"
        if change and re.search(r"\breal\b", text[max(sentence[0], start - 45) : end + 30], re.I):
            metric = "milex_real_change"  # real-terms change of spending
        elif change or re.search(
            # a change is said in the figure's own clause, not elsewhere in the sentence
            r"\b(?:rise|rose|increase[sd]?|grew|growth|up|jump(?:ed)?|higher|real\s+terms)\b",
            clause,
            re.I,
        ):
            prev = ctx.previous_sentence(start) or (start, start)
            spend = patterns().spend_words.search(window) or (
                change and patterns().spend_words.search(text, prev[0], prev[1])
            )
            metric = "milex_real_change" if spend else "pct_change"
        elif re.search(r"\bequipment\b", window, re.I):
            metric = "equipment_share"
        else:
            metric = "pct"
    subject = _subject_for(ctx, m.start(), end)
    year, explicit, dl = _year_for(ctx, start, end)
    if kind == "target":
        deadline = deadline or dl
        within = _WITHIN.search(text, end, min(len(text), end + 40))
        if deadline is None and within is not None and explicit and year is not None:
            # "in 2014 ... pledged to move towards 2% within a decade": by 2024
            deadline = year + (
                10 if "decade" in within.group(0).lower() else int(within.group("n") or 0)
            )
    definition = _definition(window, start - sentence[0])
    if kind == "share_gdp" and _qualifier(qual) in ("more than", "at least"):
        # "Only Poland spends more than 4 per cent": a claim about every ally, not one share
        only = _ONLY_SUBJECT.search(text, sentence[0], start)
        if only is not None and subject is not None and ctx.subjects_in(only.start(), start):
            kind, metric = "sole_above", "allies_above_level"
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


_ONLY_SUBJECT = re.compile(
    r"\b[Oo]nly\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:\w+\s+){0,2}$"
)
_COUNT_TAIL = re.compile(
    r"(?:\s+(?:a|per|each|every)\s+(?:day|week|month|year))?(?:\s+(?:in|for|during)\s+(?:19|20)\d\d\b)?",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"\s+(?:increase|rise|jump|growth|decline|drop|fall|cut|hike|boost|gain|surge|real[\s-]terms?|in\s+real\s+terms)\b",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|rose|risen|grew|grown|increased|jumped|fell|dropped|declined|climbed|surged|soared|shrank)\s+"
    r"(?:by\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|roughly\s+|more\s+than\s+|over\s+)?$",
    re.IGNORECASE,
)
_GDP_BEFORE = re.compile(
    r"\b(?:GDP|gross\s+domestic\s+product|economy|economic\s+output)[,\s]+(?:of|worth|at|is|was|stood\s+at|reached|"
    r"totall?ing|amounts?\s+to)?\s*(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|over\s+)?$",
    re.IGNORECASE,
)
_GDP_AFTER = re.compile(r"\s*(?:GDP|economy|in\s+(?:annual\s+)?(?:GDP|output))\b", re.IGNORECASE)
_WITHIN = re.compile(r"\bwithin\s+(?:a\s+decade|(?P<n>\d+)\s+years)\b", re.IGNORECASE)
_ACTUAL_VERBS = re.compile(
    r"\b(?:spent|spends|devot\w+|allocat\w+|stood|was|were|reached|hit|had|has\s+(?:spent|been))\b",
    re.IGNORECASE,
)


_DEFINITION_CUES = [
    ("SIPRI", re.compile(r"\bSIPRI\b|Stockholm\s+International\s+Peace")),
    ("IISS", re.compile(r"\bIISS\b|Military\s+Balance")),
    (
        "NATO",
        re.compile(
            r"\bNATO(?:['’]s)?\s+(?:(?:latest|annual|own)\s+)*(?:figures|estimates|data|definition|report)\b"
            r"|\baccording\s+to\s+NATO\b"
        ),
    ),
    (
        "national",
        re.compile(
            r"\bbudget\s+(?:law|plan|draft|bill)|\b(?:federal|draft|national|state)\s+budget|\bfinance\s+ministry",
            re.IGNORECASE,
        ),
    ),
]


def _definition(window: str, anchor: int | None = None) -> str | None:
    """Whose definition of defence spending a sentence names: the cue nearest ``anchor``.

    "The IISS puts it at 6.7% of GDP, below SIPRI's estimate": the IISS, named before the
    figure, is its source; a cue after the figure counts only when none comes before it.
    """
    found: list[tuple[int, str]] = []
    for name, cue in _DEFINITION_CUES:
        for m in cue.finditer(window):
            found.append((m.start(), name))
    if not found:
        return None
    if anchor is None:
        return min(found)[1]
    before = [(anchor - pos, name) for pos, name in found if pos <= anchor]
    if before:
        return min(before)[1]
    return min((pos - anchor, name) for pos, name in found)[1]


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
    if _GDP_BEFORE.search(text, max(sentence[0], start - 50), start) or _GDP_AFTER.match(
        text, end, min(len(text), end + 30)
    ):
        metric = "gdp"  # "an economy of $2.2 trillion", "$2.2 trillion GDP"
    elif patterns().spend_words.search(window):
        metric = "milex" if cur != "rub" else "budget_defence"
    else:
        metric = "money"
        prev = ctx.previous_sentence(start) or (start, start)
        # "The US accounts for about $980 billion of that": spending, as in the sentence before
        if (
            any(
                c.kind == "money"
                and c.metric in ("milex", "budget_defence")
                and prev[0] <= c.start < start
                for c in out
            )
            or _definition(window) in ("SIPRI", "IISS")  # military-spending databases
            or patterns().spend_words.search(text, prev[0], prev[1])
        ):
            metric = "milex" if cur != "rub" else "budget_defence"
    measure = None
    if re.search(r"\bconstant\b|\b(?:19|20)\d\d\s+(?:prices|dollars)\b", window, re.I) or re.match(
        r"^[\s,(]*in\s+real\s+terms", text[end : end + 25], re.I
    ):
        measure = "constant"  # "in real terms" qualifies the amount only when it follows it
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
            definition=_definition(window, start - sentence[0]),
            precision=precision,
        )
    )
    ctx.take(start, end)
