"""Finders for comparisons: period ratios, "N times", growth verbs, shares of allies."""

from __future__ import annotations

import re

from armsrace.claims._claim import Claim
from armsrace.claims._context import (
    _clause,
    _combined_after,
    _Context,
    _extend_to_subject,
    _subject_before,
    _subject_for,
    _year_for,
)
from armsrace.claims._lexicon import item_in, lexicon
from armsrace.claims._patterns import (
    _duration_months,
    _parse_number,
    _qualifier,
    _windows,
    patterns,
)

__all__ = ["_find_majorities", "_find_period_ratios", "_find_ratios", "_metric_item"]


def _find_period_ratios(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    windows = _windows(text, patterns().period_trigger, 120, 320)
    matches = [
        m
        for pattern in (patterns().period, patterns().period_what)
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
            item = item_in(what)
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


def _find_ratios(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in (
        m
        for ws, we in _windows(text, patterns().mult_trigger, 60, 80)
        for m in patterns().mult.finditer(text, ws, we)
    ):
        if ctx.is_taken(m.start(), m.end()) or ctx.is_masked(m.start(), m.end()):
            continue
        parsed = _parse_number(m.group("num"), m.group("word"))
        if parsed is None or parsed[0] <= 0:
            continue
        value, precision = parsed
        cmp = (m.group("cmp") or "").lower()
        tail = text[m.end() : m.end() + 80]
        than = re.match(
            r"^(?:[^.;:!?]{0,50}?)\b(?:than|as|what|the\s+size\s+of|that\s+of)\s+", tail
        )
        versus = None
        end = m.end()
        if than is not None:
            for s, e, code, is_title in ctx.subjects_in(
                m.end() + than.end(), m.end() + than.end() + 30
            ):
                if not is_title and s <= m.end() + than.end() + 4:
                    versus, end = _combined_after(ctx, code, e)
                    break
        if versus is None and not cmp:
            # "ten times Russia's military budget", "three times that of the US"
            direct = re.match(r"^\s+(?:that\s+of\s+)?", tail)
            pos = m.end() + (direct.end() if direct else 0)
            for s, e, code, is_title in ctx.subjects_in(pos, pos + 30):
                if not is_title and s <= pos + 4:
                    versus, end = code, e
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
        item = item_in(text[max(sentence[0], m.start() - 80) : min(sentence[1], end + 60)])
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
            elif patterns().spend_words.search(window):
                metric = "milex_ratio"
            elif item:
                metric = f"{_metric_item(item)}_output_ratio"
            else:
                metric = "ratio"
        else:
            kind = "multiple"
            clause = text[slice(*_clause(ctx, m.start(), m.end()))]
            metric = f"{_metric_item(item)}_growth" if item else "production_growth"
            if item is None and patterns().spend_words.search(clause):
                metric = "milex_growth"
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
    for m in patterns().growth.finditer(text):
        if ctx.is_taken(m.start(), m.end()):
            continue
        verb = m.group("verb").lower()
        twice = m.group("twice") or m.group("twice2")
        if twice:
            value = lexicon().multiples.get(twice.lower(), 0.5)
        else:
            value = lexicon().multiples.get(verb, 2.0)
        # "more than doubled", "nearly tripled" (an auxiliary may sit between)
        qual_m = re.search(
            rf"\b({lexicon().qualifier_alt})\s+(?:(?:has|have|had)\s+)?$",
            text[max(0, m.start() - 30) : m.start()],
            re.I,
        )
        growth_qual = _qualifier(qual_m.group(1)) if qual_m else None
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
        if m.group("twice2"):  # "twice Russia's", "double that of the US"
            than = re.match(r"^\s+(?:that\s+of\s+)?", tail)
        if than is not None:
            for s, e, code, is_title in ctx.subjects_in(end + than.end(), end + than.end() + 30):
                if not is_title and s <= end + than.end() + 4:
                    versus, end = _combined_after(ctx, code, e)
                    break
        item = item_in(text[max(sentence[0], m.start() - 80) : m.end()])
        found = _subject_before(ctx, m.start(), sentence=sentence)
        subject = found[1] if found else _subject_for(ctx, m.start(), m.end())
        year, explicit, _ = _year_for(ctx, start, end)
        kind = "ratio" if versus else "multiple"
        spend = patterns().spend_words.search(text[slice(*_clause(ctx, m.start(), m.end()))])
        if not versus and item is None and spend:
            item_metric = "milex_growth"
        elif versus and spend:
            item_metric = "milex_ratio"
        elif versus and re.search(r"\b(?:econom\w*|GDP)\b", text[sentence[0] : sentence[1]], re.I):
            item_metric = "gdp_ratio"
        else:
            item_metric = None
        metric = (
            (f"{_metric_item(item)}_output_ratio" if item else "ratio")
            if versus
            else (f"{_metric_item(item)}_growth" if item else "production_growth")
        )
        metric = item_metric or metric
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
                qualifier=growth_qual,
                precision=0.25 * value,
            )
        )
        ctx.take(start, end)


_THRESHOLD_AFTER = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than)\s+)?(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent|per\s?cent)"
    r"(?:\s+of\s+(?:their|its|the\s+country['’]s)?\s*(?:GDP|gross\s+domestic\s+product))?",
    re.IGNORECASE,
)


def _find_majorities(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    for m in (
        m
        for ws, we in _windows(text, patterns().majority_trigger, 90, 140)
        for m in patterns().majority.finditer(text, ws, we)
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
        elif m.group("frac"):
            # "two-thirds of NATO countries": a rounded fraction, read as ±5 points
            word = m.group("frac").lower().replace("-", " ").split()[1].rstrip("s")
            share = float(lexicon().fractions[word])
            if m.group("frac").lower().startswith("two"):
                share *= 2
            elif m.group("frac").lower().startswith("three"):
                share *= 3
            qualifier, precision = "about", 0.05
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
        end = m.end()
        named = _THRESHOLD_AFTER.match(text, end)
        if named is not None:  # "do not spend 2% of their GDP": the threshold is part of it
            threshold = float(named.group("pct"))
            end = named.end()
        year, explicit, _ = _year_for(ctx, start, end)
        out.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
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
        ctx.take(start, end)
