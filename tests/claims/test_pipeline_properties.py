"""The whole pipeline (read, extract, match, judge, render) never raises on any text, at any
article date: hypothesis drives arbitrary Unicode mixed with claim-like pieces."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsrace.claims import Article, Checker, Verdict, read_article_bytes, render_html

#: pieces that reach the extractor's and the matcher's branches (written for this test)
_PIECES = [
    "Russia",
    "NATO",
    "the alliance",
    "Its",
    "Brussels",
    "Poland",
    "Israel",
    "the world",
    "Europe (including Russia)",
    "Putin said",
    "Stockholm International",
    "spent",
    "rose",
    "% of GDP",
    "per cent",
    "$",
    "€",
    "billion",
    "trillion roubles",
    "million shells",
    "a year",
    "a month",
    "tanks",
    "drones",
    "times",
    "more than",
    "about",
    "nearly",
    "up to",
    "in 2024",
    "by 2035",
    "last year",
    "since 2022",
    "between 2022 and 2024",
    "(",
    ")",
    ",",
    ".",
    ";",
    "\n\n",
    "2.4",
    "1,500",
    "3.5%",
    "5",
    "20",
    "0",
    "-7",
    "1e9",
    "½",
    "٣",
    "—",
]

_TEXT = st.one_of(
    st.text(max_size=240),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), min_size=1, max_size=40).map(
        " ".join
    ),
)
_DATE = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _run(checker: Checker, text: str, date: dt.date | None, *, render: bool) -> None:
    result = checker.check(Article(text=text, name="p.txt", kind="text", date=date))
    for c in result.checks:
        assert 0 <= c.claim.start < c.claim.end <= len(text)
        assert text[c.claim.start : c.claim.end] == c.claim.text
        assert isinstance(c.verdict, Verdict)
        if c.verdict is Verdict.unverifiable:
            assert c.code  # every abstention says why, as a code
    json.dumps(result.to_dict())
    if render:
        render_html(result)


@pytest.fixture(scope="module")
def checker(store_path: Path) -> Checker:
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        return Checker(store)


def _property(checker: Checker, examples: int, *, render: bool) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_TEXT, _DATE)
    def run(text: str, date: dt.date | None) -> None:
        _run(checker, text, date, render=render)

    run()


def test_pipeline_never_raises(checker: Checker) -> None:
    _property(checker, 1_000, render=True)


@pytest.mark.slow
def test_pipeline_never_raises_20000_examples(checker: Checker) -> None:
    _property(checker, 20_000, render=False)  # the page is rendered in the run above


@settings(max_examples=300, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_reading_bytes_never_raises_anything_but_a_claim_error(data: bytes) -> None:
    from armsrace.errors import ClaimError

    with contextlib.suppress(ClaimError):  # a clear error is fine; nothing else is
        read_article_bytes(data, name="x.txt")
