"""Rank, superlative and "top N" claims: found in the text, ranked from the store."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.claims import Checker, Verdict, check_article, extract_claims

DATE = dt.date(2025, 6, 2)  # the SIPRI 2025 release (data for 2024) is current


def _ranks(text: str) -> list[tuple[str, float, str | None, str, str | None, str | None]]:
    return [
        (c.kind, c.value, c.qualifier, c.metric, c.subject, c.versus)
        for c in extract_claims(text, default_year=2025)
        if c.kind in ("rank", "rank_list")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2024 Germany was the world's fourth-largest military spender.",
            ("rank", 4.0, None, "milex", "DEU", "WLD"),
        ),
        (
            "Germany ranked 4th in the world for military spending in 2024.",
            ("rank", 4.0, None, "milex", "DEU", "WLD"),
        ),
        (
            "Poland had the heaviest military burden in NATO in 2024.",
            ("rank", 1.0, None, "milex_share_gdp", "POL", "NATO"),
        ),
        (
            "Russia stayed one of the top three military spenders in 2024.",
            ("rank", 3.0, "up to", "milex", "RUS", "WLD"),
        ),
        (
            "Germany was the biggest spender in Central and Western Europe in 2024.",
            ("rank", 1.0, None, "milex", "DEU", "SIPRI_CENTRAL_EUROPE+SIPRI_WESTERN_EUROPE"),
        ),
        (
            "Germany is the third largest economy in the world.",
            ("rank", 3.0, None, "gdp", "DEU", "WLD"),
        ),
    ],
)
def test_rank_forms(text: str, expected: tuple[object, ...]) -> None:
    assert _ranks(text) == [expected]


def test_a_ranked_list_names_its_members_in_order() -> None:
    text = "In 2024 the highest military burdens in NATO were those of Poland, Estonia and the United States."
    (claim,) = [c for c in extract_claims(text, default_year=2025) if c.kind == "rank_list"]
    assert (claim.subject, claim.entities, claim.metric) == (
        "NATO",
        ("POL", "EST", "USA"),
        "milex_share_gdp",
    )
    assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    "text",
    [
        "Spending reached the highest level since 2014.",  # a record over time
        "It was the largest annual increase in decades.",
        "The ministry signed its largest single order for shells.",
        "The larger countries spent more.",  # no superlative
    ],
)
def test_records_over_time_are_no_ranks(text: str) -> None:
    assert _ranks(text) == []


@pytest.fixture
def checker(store: object) -> Checker:
    return Checker(store)  # type: ignore[arg-type]


def _verdict(checker: Checker, text: str) -> tuple[Verdict, str, str]:
    checks = [
        c for c in check_article(text, checker, date=DATE).checks if c.claim.kind.startswith("rank")
    ]
    (c,) = checks
    return c.verdict, c.code, " ".join(e.description for e in c.evidence)


def test_a_right_rank_is_supported_with_the_ranking_as_evidence(checker: Checker) -> None:
    verdict, code, evidence = _verdict(
        checker, "In 2024 Germany was the world's fourth-largest military spender."
    )
    assert (verdict, code) == (Verdict.supported, "matched")
    assert "Germany ranks 4" in evidence and "SIPRI 2025" in evidence


def test_a_wrong_rank_is_contradicted(checker: Checker) -> None:
    verdict, code, evidence = _verdict(
        checker, "In 2024 Germany was the world's second-largest military spender."
    )
    assert (verdict, code) == (Verdict.contradicted, "mismatch")
    # the share-of-GDP ranking was tried as well and fails too
    assert "milex_usd_current" in evidence and "milex_share_gdp" in evidence


def test_a_near_tie_makes_either_place_right(checker: Checker) -> None:
    # SIPRI 2025: Ukraine $64.70bn and France $64.68bn in 2024, places 8 and 9
    for place in ("eighth", "ninth"):
        text = f"In 2024 France was the world's {place}-largest military spender."
        assert _verdict(checker, text)[0] is Verdict.supported
    text = "In 2024 France was the world's seventh-largest military spender."
    assert _verdict(checker, text)[0] is Verdict.contradicted


def test_spending_that_may_be_a_share_is_never_contradicted_by_money_alone(
    checker: Checker,
) -> None:
    # by money Poland is far from first in NATO; by share of GDP it leads
    verdict, code, _ = _verdict(checker, "In 2024 Poland was the biggest spender in NATO.")
    assert (verdict, code) == (Verdict.unverifiable, "metric_ambiguous")


def test_a_burden_rank_among_all_countries(checker: Checker) -> None:
    text = "With a third of its GDP, Ukraine bore the heaviest military burden of all countries in 2024."
    assert _verdict(checker, text)[:2] == (Verdict.supported, "matched")


def test_a_regional_rank_uses_the_regions_members(checker: Checker) -> None:
    text = "Germany was the biggest military spender in western Europe in 2024."
    verdict, _, evidence = _verdict(checker, text)
    assert verdict is Verdict.supported and "SIPRI_WESTERN_EUROPE" in evidence
    text = "France was the biggest military spender in western Europe in 2024."
    assert _verdict(checker, text)[0] is Verdict.contradicted


def test_a_ranked_list_is_checked_as_a_set(checker: Checker) -> None:
    # NATO's April 2025 figures (current in June 2025): Poland 4.07, Estonia 3.41, Latvia
    # 3.39, United States 3.19 per cent of GDP in 2024
    text = "In 2024 the highest military burdens in NATO were those of Poland, Estonia and Latvia."
    verdict, _, evidence = _verdict(checker, text)
    assert verdict is Verdict.supported and "NATO AR 2025-04" in evidence
    wrong = text.replace("Latvia", "the United States")
    assert _verdict(checker, wrong)[0] is Verdict.contradicted


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # "Europe" alone: the EU, NATO Europe or SIPRI's region
        ("Germany was the biggest military spender in Europe in 2024.", "metric_ambiguous"),
        # the store's GDP table covers too few countries to rank the world
        ("Germany is the third largest economy in the world.", "no_figure"),
        # arms imports are not in the store
        ("Ukraine was the world's largest arms importer in 2024.", "no_figure"),
    ],
)
def test_abstentions(checker: Checker, text: str, code: str) -> None:
    verdict, got, _ = _verdict(checker, text)
    assert (verdict, got) == (Verdict.unverifiable, code)


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Germany",
                "the world's",
                "fourth-largest",
                "top three",
                "11th place",
                "in NATO",
                "largest",
                "spender",
                "military burden",
                "of all countries",
                "are by",
                "Poland,",
                "and",
                "the leader among",
                "in this regard",
                "economy",
                "ranked",
                "2024",
                ".",
                " ",
                "Central and Western Europe",
                "'s",
                "\n",
            ]
        ),
        max_size=24,
    ),
    st.text(max_size=30),
)
def test_the_rank_finder_never_raises_and_keeps_spans_inside(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    for c in extract_claims(text, default_year=2025):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
