"""Ranking tables: rows of rank, country and values, separated or run together."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.claims import Checker, Verdict, check_article, extract_claims

DATE = dt.date(2025, 6, 2)

# a table in this project's words, with the figures of SIPRI's 2025 release for 2024
# (United States 997 bn and 3.4%, China 314 bn and 1.7%, Russia 149 bn and 7.1%)
RUN_TOGETHER = (
    "The institute published its list of the biggest spenders.\n\n"
    "Top spenders in 2024, SIPRI\n"
    "Country$ billions% of GDP\n"
    "1United States9973,4\n"
    "2China3141,7\n"
    "3Russia1497,1\n"
)


def _table_claims(
    text: str, year: int = 2025
) -> list[tuple[str, str, float, str | None, int | None]]:
    return [
        (c.text, c.kind, c.value, c.subject, c.year)
        for c in extract_claims(text, default_year=year)
        if c.text[:1].isdigit()
    ]


def test_run_together_cells_are_split_by_the_ranked_column() -> None:
    got = _table_claims(RUN_TOGETHER)
    assert got == [
        ("1United States997", "money", 997e9, "USA", 2024),
        ("1United States9973,4", "share_gdp", 3.4, "USA", 2024),
        ("2China314", "money", 314e9, "CHN", 2024),
        ("2China3141,7", "share_gdp", 1.7, "CHN", 2024),
        ("3Russia149", "money", 149e9, "RUS", 2024),
        ("3Russia1497,1", "share_gdp", 7.1, "RUS", 2024),
    ]


def test_separated_cells_with_decimal_points() -> None:
    text = (
        "Military spending by country in 2024\n"
        "Rank Country USD bn Share of GDP\n"
        "1. United States 997.3 3.4\n"
        "2. China 314 1.7\n"
        "3. Russia 149 7.1\n"
    )
    got = _table_claims(text)
    assert [(t, v, s) for t, _, v, s, _ in got] == [
        ("1. United States 997.3", 997.3e9, "USA"),
        ("1. United States 997.3 3.4", 3.4, "USA"),
        ("2. China 314", 314e9, "CHN"),
        ("2. China 314 1.7", 1.7, "CHN"),
        ("3. Russia 149", 149e9, "RUS"),
        ("3. Russia 149 7.1", 7.1, "RUS"),
    ]


def test_a_table_without_column_words_gives_no_claims() -> None:
    text = "Our list\n1United States9973,4\n2China3141,7\n3Russia1497,1\n"
    assert _table_claims(text) == []


def test_ranks_out_of_sequence_are_no_table() -> None:
    text = "Country$ billions\n1United States997\n3China314\n4Russia149\n"
    assert _table_claims(text) == []


def test_a_share_above_its_bound_is_no_reading() -> None:
    # "4434" could be 4 | 434 or 44 | 34; a share of GDP of 434% is no reading
    text = (
        "Spending 2024\nCountry$ billions% of GDP\n1Ukraine6534,5\n2Latvia45,12,0\n3Estonia4434\n"
    )
    got = _table_claims(text)
    assert ("3Estonia44", "money", 44e9, "EST", 2024) in got
    assert ("3Estonia4434", "share_gdp", 34.0, "EST", 2024) in got
    # the first row reads 65 | 34,5 or 653 | 4,5: the smoother ranked column wins, but the
    # row is marked as read by preference, not fixed by the rules
    first = [c for c in extract_claims(text, default_year=2025) if c.subject == "UKR"]
    assert [c.value for c in first] == [65e9, 34.5]
    assert all(c.origin("value") == "inferred" for c in first)
    assert not any(
        c.origin("value") for c in extract_claims(text, default_year=2025) if c.subject == "EST"
    )


def test_a_misspelt_country_is_resolved_only_when_one_alias_is_that_close() -> None:
    text = "Spending 2024\nCountry$ billions\n1United Stattes997\n2China314\n3Rusia149\n"
    subjects = [s for _, _, _, s, _ in _table_claims(text)]
    assert subjects == ["USA", "CHN", None]  # a short name is never guessed


def test_year_from_the_text_before_an_undated_heading() -> None:
    text = (
        "Spending rose in 2023 for the ninth year; 2023 was a record.\n\n"
        "Country$ billions\n1United States916\n2China296\n3Russia109\n"
    )
    claims = [c for c in extract_claims(text, default_year=2024) if c.text[:1].isdigit()]
    assert {c.year for c in claims} == {2023}
    assert all(c.origin("period") == "context" for c in claims)
    assert all(c.origin("metric") == "heading" for c in claims)  # "Spending" before the table


@pytest.fixture
def checker(store: object) -> Checker:
    return Checker(store)  # type: ignore[arg-type]


def test_table_rows_are_checked_against_the_release(checker: Checker) -> None:
    result = check_article(RUN_TOGETHER, checker, date=DATE)
    verdicts = {c.claim.text: (c.verdict, c.code) for c in result.checks}
    assert verdicts["1United States997"] == (Verdict.supported, "matched")
    assert verdicts["3Russia1497,1"] == (Verdict.supported, "matched")
    # one decimal mark per cell fixes "149,02,1" as 149,0 | 2,1: a wrong share is contradicted
    wrong = RUN_TOGETHER.replace("3Russia1497,1", "3Russia149,02,1")
    checks = check_article(wrong, checker, date=DATE).checks
    verdicts = {c.claim.text: (c.verdict, c.code) for c in checks}
    assert verdicts["3Russia149,0"] == (Verdict.supported, "matched")
    assert verdicts["3Russia149,02,1"] == (Verdict.contradicted, "mismatch")


def test_a_split_the_rules_do_not_fix_is_never_contradicted(checker: Checker) -> None:
    # "1497,1" alone, with no neighbours to bound it, reads 149 | 7,1 or 14 | 97,1
    text = "Top spenders in 2024\nCountry$ billions% of GDP\n1Russia1497,1\n2Latvia12,5\n3Estonia0,50,4\n"
    claims = [c for c in extract_claims(text, default_year=2025) if c.subject == "RUS"]
    assert claims and all(c.origin("value") == "inferred" for c in claims)
    wrong = text.replace("1Russia1497,1", "1Russia1492,1")
    for check in check_article(wrong, checker, date=DATE).checks:
        if check.claim.subject == "RUS":
            assert check.verdict is not Verdict.contradicted
            if check.claim.kind == "share_gdp":
                assert check.code == "value_ambiguous"


_ROWISH = st.lists(
    st.tuples(
        st.integers(0, 40),
        st.sampled_from(["Atlantis", "China", "United States", "Russia", "X", ""]),
        st.text(alphabet="0123456789,. \t|%$", max_size=14),
    ),
    max_size=8,
)


@settings(max_examples=400, deadline=None, database=None)
@given(
    st.sampled_from(["Country$ billions% of GDP", "USD bn", "", "% change"]),
    _ROWISH,
    st.text(max_size=40),
)
def test_the_table_parser_never_raises_and_keeps_spans_inside(
    heading: str, rows: list[tuple[int, str, str]], tail: str
) -> None:
    text = heading + "\n" + "".join(f"{r}{n}{cells}\n" for r, n, cells in rows) + tail
    for c in extract_claims(text, default_year=2025):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
