"""Claims about every member, named members or a count of members of a group."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.claims import Checker, Verdict, check_article, extract_claims

DATE = dt.date(2025, 6, 2)
KINDS = ("all_members", "members_listed", "members_count")


def _found(text: str) -> list[tuple[str, str | None, tuple[str, ...], float | None]]:
    return [
        (c.kind, c.versus, c.entities, c.threshold)
        for c in extract_claims(text, default_year=2025)
        if c.kind in KINDS
    ]


def test_forms() -> None:
    assert _found("All NATO members increased their military spending in 2024.") == [
        ("all_members", "NATO", (), None)
    ]
    text = "All European countries except Malta raised their military spending in 2024, SIPRI says."
    assert _found(text) == [("all_members", "EUR", ("MLT",), None)]
    text = "Allies missing the 2% goal in 2024 include Spain and Belgium."
    assert _found(text) == [("members_listed", "NATO", ("ESP", "BEL"), 2.0)]
    text = "Last year only seven countries met the target, the report said of 2021."
    assert [k for k, *_ in _found(text)] == ["members_count"]


@pytest.fixture
def checker(store: object) -> Checker:
    return Checker(store)  # type: ignore[arg-type]


def _verdict(checker: Checker, text: str) -> tuple[Verdict, str, str]:
    (c,) = [c for c in check_article(text, checker, date=DATE).checks if c.claim.kind in KINDS]
    return c.verdict, c.code, " ".join(e.description for e in c.evidence)


def test_every_member_rose(checker: Checker) -> None:
    verdict, _, evidence = _verdict(
        checker, "All NATO members increased their military spending in 2024."
    )
    assert verdict is Verdict.supported and "without a figure" in evidence


def test_exceptions_must_not_have_risen(checker: Checker) -> None:
    text = "All European countries except Malta raised their military spending in 2024, SIPRI says."
    assert _verdict(checker, text)[0] is Verdict.supported
    # Germany rose in SIPRI's figures: naming it as the exception is wrong
    wrong = text.replace("Malta", "Germany")
    verdict, _, evidence = _verdict(checker, wrong)
    assert verdict is Verdict.contradicted and "rose: Germany" in evidence


def test_europe_without_a_named_source_is_ambiguous(checker: Checker) -> None:
    text = "All European countries except Malta raised their military spending in 2024."
    assert _verdict(checker, text)[:2] == (Verdict.unverifiable, "metric_ambiguous")


def test_named_members_below_the_goal(checker: Checker) -> None:
    text = "Allies missing the 2% goal in 2024 include Spain and Belgium."
    assert _verdict(checker, text)[0] is Verdict.supported
    wrong = text.replace("Belgium", "Poland")
    verdict, _, evidence = _verdict(checker, wrong)
    assert verdict is Verdict.contradicted and "Poland" in evidence


def test_a_count_of_members_at_the_target(checker: Checker) -> None:
    # NATO's June 2024 figures: six allies at or above 2% of GDP in 2021
    text = "Back in 2021, only six NATO countries met the target."
    assert _verdict(checker, text)[0] is Verdict.supported
    # with the group only implied by "the target", the subject is not read from the text
    implied = "Back in 2021, only six countries met the target."
    assert _verdict(checker, implied)[:2] == (Verdict.unverifiable, "subject_unresolved")
    assert _verdict(checker, text.replace("six", "nine"))[0] is Verdict.contradicted


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "All",
                "NATO members",
                "European countries",
                "except",
                "Malta",
                "and",
                "Spain",
                ",",
                "increased",
                "their",
                "military spending",
                "only",
                "six",
                "countries",
                "met",
                "missing",
                "the",
                "2%",
                "goal",
                "target",
                "include",
                "2021",
                ".",
            ]
        ),
        max_size=25,
    ),
    st.text(max_size=20),
)
def test_the_finder_never_raises_and_keeps_spans_inside(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    for c in extract_claims(text, default_year=2025):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
