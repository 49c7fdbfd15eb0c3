"""Dates of known events ("the NATO summit on 26 June 2025") and years since they began
("four years ago", "its third year"), checked against the store's event table."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.claims import Article, extract_claims
from armsrace.claims._dates import date_expressions, durations
from armsrace.claims.match import Checker, check_article
from armsrace.claims.verdict import ClaimCheck, Verdict


@pytest.fixture(scope="module")
def checker(store_path) -> Checker:  # type: ignore[no-untyped-def]
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        return Checker(store)


def event_checks(checker: Checker, text: str, date: dt.date | None) -> list[ClaimCheck]:
    article = Article(text=text, name="t", kind="text", date=date)
    return [c for c in check_article(article, checker).checks if c.claim.kind.startswith("event")]


def one(checker: Checker, text: str, date: dt.date | None = dt.date(2025, 9, 1)) -> ClaimCheck:
    found = event_checks(checker, text, date)
    assert len(found) == 1, [c.claim.text for c in found]
    return found[0]


# ------------------------------------------------------------------ dates of events


def test_a_summit_day_off_by_one_is_contradicted_with_the_sourced_days(checker: Checker) -> None:
    check = one(checker, "NATO leaders agreed the new goal at the summit on 26 June 2025.")
    assert check.verdict is Verdict.contradicted
    (row,) = check.evidence  # the one summit of 2025: the year says which
    assert "nato-summit-2025-the-hague" in row.description
    assert "2025-06-24 to 2025-06-25" in row.description and row.url
    assert check.chain()["subject"]["from"] == "clause"


def test_a_summit_month_stands_for_all_its_days(checker: Checker) -> None:
    check = one(checker, "NATO leaders met at the summit in June 2025 to agree the goal.")
    assert check.verdict is Verdict.supported
    assert check.claim.precision > 10  # a month, not a day


def test_a_summit_named_by_its_place_and_a_relative_month(checker: Checker) -> None:
    check = one(
        checker,
        "The alliance prepares for a summit in the Netherlands this June.",
        dt.date(2025, 2, 20),
    )
    assert check.verdict is Verdict.supported
    assert check.claim.subject == "nato-summit-2025-the-hague"


def test_a_summit_in_a_year_the_table_does_not_cover_is_unverifiable(checker: Checker) -> None:
    check = one(checker, "NATO leaders met at a summit in March 2019 in London.")
    assert check.verdict is Verdict.unverifiable
    assert check.code == "no_figure"


def test_someone_elses_summit_is_no_nato_summit() -> None:
    text = "NATO was discussed at the EU summit on 26 June 2025 in Brussels."
    assert not [c for c in extract_claims(text, default_year=2025) if c.kind.startswith("event")]


def test_the_month_of_the_invasion_checked(checker: Checker) -> None:
    right = one(checker, "Russia launched its full-scale invasion of Ukraine in February 2022.")
    wrong = one(checker, "Russia launched its full-scale invasion of Ukraine in February 2023.")
    assert right.verdict is Verdict.supported
    assert wrong.verdict is Verdict.contradicted


def test_an_event_of_reference_before_its_name(checker: Checker) -> None:
    check = one(checker, "The increase was the largest since the 1967 Six-Day War.")
    assert check.verdict is Verdict.supported
    assert check.claim.subject == "six-day-war"


def test_a_guideline_is_dated_only_by_its_adoption(checker: Checker) -> None:
    adopted = one(
        checker, "It is the highest count since NATO adopted spending guidelines in 2014."
    )
    assert adopted.verdict is Verdict.supported
    met = "Only 23 allies met the spending guidelines in 2024, NATO said."
    assert not [c for c in extract_claims(met, default_year=2025) if c.kind.startswith("event")]


def test_a_date_of_another_verb_is_not_the_events() -> None:
    text = "The invasion of Ukraine raised military spending in 2023 across Europe."
    assert not [c for c in extract_claims(text, default_year=2025) if c.kind.startswith("event")]


# ------------------------------------------------------------------ years since an event


def test_years_ago_count_from_the_article_date(checker: Checker) -> None:
    text = "Spending has tripled since the full-scale invasion of Ukraine {n} years ago."
    right = one(checker, text.format(n="four"), dt.date(2026, 3, 1))
    wrong = one(checker, text.format(n="seven"), dt.date(2026, 3, 1))
    assert right.verdict is Verdict.supported
    assert wrong.verdict is Verdict.contradicted
    assert "2022-02-24" in right.evidence[0].description


def test_the_ordinal_year_of_a_war_named_by_a_generic_noun(checker: Checker) -> None:
    text = "Kyiv asks for more shells as the war in Ukraine enters its {n} year."
    right = one(checker, text.format(n="third"), dt.date(2024, 3, 1))
    far = one(checker, text.format(n="sixth"), dt.date(2024, 3, 1))
    assert right.verdict is Verdict.supported
    assert far.verdict is Verdict.unverifiable  # "the war" alone never accuses


def test_the_age_of_the_war_rounds(checker: Checker) -> None:
    check = one(checker, "The two-and-a-half-year-old Ukraine war goes on.", dt.date(2024, 9, 1))
    assert check.verdict is Verdict.supported
    assert check.claim.value == 2.5


def test_years_since_an_event_in_an_undated_article_abstain(checker: Checker) -> None:
    check = one(checker, "The full-scale invasion of Ukraine four years ago changed this.", None)
    assert check.verdict is Verdict.unverifiable
    assert check.code == "period_ambiguous"


# ------------------------------------------------------------------ the readers never fail

_DATEISH = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.-JuneMayNov.thisyearago ofwarsummitNATO2'")),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), _DATEISH),
    today=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
)
def test_date_readers_never_raise_and_stay_inside_the_text(
    text: str, today: dt.date | None
) -> None:
    for d in date_expressions(text, 0, len(text), today):
        assert 0 <= d.start < d.end <= len(text) and d.first <= d.last
    for s in durations(text, 0, len(text)):
        assert 0 <= s.start < s.end <= len(text)
    for c in extract_claims(text, default_year=None if today is None else today.year, today=today):
        assert 0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.text
