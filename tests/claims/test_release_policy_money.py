"""Release policy on the relayed releases: the release current at the article's date first,
an earlier release of the same figure accepted (never accused), later revisions as notes."""

from __future__ import annotations

import datetime as dt

import pytest

from armsrace.claims import Article
from armsrace.claims.match import Checker, check_article
from armsrace.claims.verdict import Verdict


@pytest.fixture
def checker(store: object) -> Checker:
    return Checker(store)  # type: ignore[arg-type]


def single(checker: Checker, text: str, date: dt.date):  # type: ignore[no-untyped-def]
    result = check_article(Article(text=text, name="t", kind="text", date=date), checker)
    assert len(result.checks) == 1, [c.claim.text for c in result.checks]
    return result.checks[0]


def test_sipri_2023_release_judges_an_article_of_may_2023(checker: Checker) -> None:
    ok = single(
        checker,
        "SIPRI says Russia spent $86.4 billion on its military in 2022.",
        dt.date(2023, 5, 2),
    )
    assert ok.verdict is Verdict.supported
    assert "SIPRI 2023" in (ok.measure or "")
    assert any("later revision" in n for n in ok.notes)
    bad = single(
        checker, "SIPRI says Russia spent $60 billion on its military in 2022.", dt.date(2023, 5, 2)
    )
    assert bad.verdict is Verdict.contradicted


def test_nato_april_2025_estimate_is_current_in_may_2025(checker: Checker) -> None:
    c = single(
        checker, "The United States spent 3.19% of GDP on defence in 2024.", dt.date(2025, 5, 1)
    )
    assert c.verdict is Verdict.supported
    assert "NATO AR 2025-04" in (c.measure or "")


def test_a_figure_of_an_earlier_release_is_supported_with_the_current_one_as_a_note(
    checker: Checker,
) -> None:
    # NATO's June 2024 estimate for Poland (4.12%) after the April 2025 report (4.07%)
    c = single(checker, "Poland spent 4.12% of GDP on defence in 2024.", dt.date(2025, 6, 20))
    assert c.verdict is Verdict.supported
    assert "earlier release" in c.reason and "NATO 2024-06" in c.reason
    assert any("NATO AR 2025-04" in n for n in c.notes)
    # a share no release ever gave stays contradicted
    wrong = single(checker, "Poland spent 3.2% of GDP on defence in 2024.", dt.date(2025, 6, 20))
    assert wrong.verdict is Verdict.contradicted
