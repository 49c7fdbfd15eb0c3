"""Claims about a spending series over time — runs of growth and ratios between two years —
extracted from new sentences and checked against the packaged store's yearly tables."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.claims import Article
from armsrace.claims._context import _build_context
from armsrace.claims._entities import packaged_lexicon
from armsrace.claims._series import _find_series
from armsrace.claims.match import Checker, check_article
from armsrace.claims.verdict import ClaimCheck, Verdict

APRIL_2025 = dt.date(2025, 4, 28)


@pytest.fixture(scope="module")
def checker(store_path) -> Checker:  # type: ignore[no-untyped-def]
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        return Checker(store)


def one(checker: Checker, text: str, kind: str, date: dt.date | None = APRIL_2025) -> ClaimCheck:
    article = Article(text=text, name="t", kind="text", date=date)
    found = [c for c in check_article(article, checker).checks if c.claim.kind == kind]
    assert len(found) == 1, [c.claim.text for c in check_article(article, checker).checks]
    return found[0]


# ------------------------------------------------------------------ runs of growth


def test_a_run_of_growth_counted_in_the_current_release(checker: Checker) -> None:
    text = "Global military spending grew in 2024 for the {n} consecutive year."
    right = one(checker, text.format(n="tenth"), "streak")
    wrong = one(checker, text.format(n="fourth"), "streak")
    assert right.verdict is Verdict.supported
    assert wrong.verdict is Verdict.contradicted
    (ev,) = right.evidence
    assert ev.derived and ev.value == 10 and "2015-2024" in ev.description
    assert right.chain()["subject"]["value"] == "WLD"


def test_a_run_read_from_a_later_release_never_accuses(checker: Checker) -> None:
    text = "World military expenditure rose in 2022, the {n} consecutive year of growth."
    right = one(checker, text.format(n="eighth"), "streak", dt.date(2023, 4, 24))
    wrong = one(checker, text.format(n="third"), "streak", dt.date(2023, 4, 24))
    assert right.verdict is Verdict.supported
    assert "published after the article date" in right.evidence[0].description
    assert wrong.verdict is Verdict.unverifiable
    assert wrong.code == "no_release_at_article_date"


def test_a_run_in_a_year_the_table_lacks_is_unverifiable(checker: Checker) -> None:
    check = one(
        checker, "World military spending grew in 2031 for the third consecutive year.", "streak"
    )
    assert check.verdict is Verdict.unverifiable
    assert check.code == "no_figure"


def test_no_run_without_spending_words() -> None:
    text = "Exports grew in 2024 for the third consecutive year."
    ctx = _build_context(text, 2025, packaged_lexicon())
    found: list = []
    _find_series(ctx, found)
    assert found == []


# ------------------------------------------------------------------ ratios between two years


def test_a_ratio_to_an_earlier_year(checker: Checker) -> None:
    text = "Russia's military spending in 2024 rose 38% from 2023 and was {m} that of 2015."
    right = one(checker, text.format(m="double"), "series_ratio")
    wrong = one(checker, text.format(m="five times"), "series_ratio")
    assert (right.claim.year, right.claim.base_year) == (2024, 2015)  # not "from 2023"
    assert right.verdict is Verdict.supported
    assert wrong.verdict is Verdict.contradicted
    assert {e.measure for e in wrong.evidence} == {"constant prices", "current dollars"}


def test_the_year_level_form_and_a_decade(checker: Checker) -> None:
    level = one(
        checker, "Russia's military spending in 2024 was twice its 2015 level.", "series_ratio"
    )
    assert level.verdict is Verdict.supported
    decade = one(
        checker, "Poland's defence spending rose threefold over a decade to 2024.", "series_ratio"
    )
    assert decade.claim.base_year == 2014
    assert decade.verdict is Verdict.supported  # 3.08 in constant prices


def test_a_ratio_without_a_subject_abstains(checker: Checker) -> None:
    check = one(checker, "Military spending in 2024 was double that of 2015.", "series_ratio")
    assert check.verdict is Verdict.unverifiable
    assert check.code == "subject_unresolved"


# ------------------------------------------------------------------ the finder never fails

_WORDS = st.sampled_from(
    [
        "military",
        "spending",
        "grew",
        "for the",
        "eighth",
        "consecutive",
        "year",
        "double",
        "that of",
        "2015",
        "2024",
        "three times",
        "the",
        "level",
        "over a decade",
        "Russia's",
        ".",
        ",",
        "in a row",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=25).map(" ".join)),
    year=st.one_of(st.none(), st.integers(1900, 2100)),
)
def test_series_finder_never_raises_and_stays_inside_the_text(text: str, year: int | None) -> None:
    ctx = _build_context(text, year, packaged_lexicon())
    found: list = []
    _find_series(ctx, found)
    for c in found:
        assert 0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.text
