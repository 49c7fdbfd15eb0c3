"""Extraction of each claim form from texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.claims import Claim, extract_claims


def one(text: str, *, year: int | None = 2025, **expected: object) -> Claim:
    claims = extract_claims(text, default_year=year)
    assert len(claims) == 1, [c.text for c in claims]
    claim = claims[0]
    assert text[claim.start : claim.end] == claim.text
    for key, value in expected.items():
        assert getattr(claim, key) == value, (key, getattr(claim, key), value)
    return claim


# ---------------------------------------------------------------- shares of GDP and targets


def test_share_of_gdp_with_subject_and_explicit_year() -> None:
    c = one(
        "Poland spent 4.1% of GDP on defence in 2024, the most in the alliance.",
        value=4.1,
        unit="pct_gdp",
        kind="share_gdp",
        metric="milex_share_gdp",
        subject="POL",
        year=2024,
    )
    assert c.year_explicit
    assert c.precision == pytest.approx(0.05)


def test_share_of_gdp_written_in_words_with_qualifier() -> None:
    one(
        "The Kremlin now devotes nearly seven per cent of gross domestic product to the army.",
        value=7.0,
        unit="pct_gdp",
        subject="RUS",
        qualifier="nearly",
    )


def test_target_with_deadline_and_lead_words() -> None:
    c = one(
        "At the summit the Atlantic Alliance agreed to raise core defence budgets to 3.5 per cent of GDP by 2035.",
        value=3.5,
        kind="target",
        metric="target_share_gdp",
        subject="NATO",
        deadline=2035,
    )
    assert c.text.startswith("raise")


def test_percent_without_gdp_is_not_a_gdp_share() -> None:
    c = one(
        "Germany's defence outlays rose 23 percent in real terms last year.",
        unit="pct",
        subject="DEU",
    )
    assert c.metric == "milex_real_change"
    assert c.year == 2024


def test_deadline_without_share() -> None:
    one(
        "Ministers said every ally must meet the new target by 2032.",
        kind="deadline",
        unit="year",
        value=2032.0,
        deadline=2032,
    )


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Russia spent $149 billion on its military in 2024.", 149e9, "usd"),
        ("Moscow budgeted 13.5 trillion roubles for national defence in 2025.", 13.5e12, "rub"),
        ("Berlin will spend €86bn on defence next year.", 86e9, "eur"),
        ("The alliance spent US$1.4 trillion on defence in 2025.", 1.4e12, "usd"),
        ("The Pentagon asked for 850 billion dollars for defence in 2025.", 850e9, "usd"),
    ],
)
def test_money_with_currency_and_scale(text: str, value: float, unit: str) -> None:
    c = one(text, unit=unit, kind="money")
    assert c.value == pytest.approx(value)


def test_money_subject_metonym_and_metric() -> None:
    c = one(
        "Washington spent about $997 billion on defence in 2024.", subject="USA", qualifier="about"
    )
    assert c.metric == "milex"


def test_gdp_money_and_constant_prices() -> None:
    c = one("Russia's economy, at $2.2 trillion in 2024, is smaller than Italy's.", metric="gdp")
    assert c.subject == "RUS"
    c2 = one("In constant 2023 dollars, the Kremlin spent $150 billion on its military in 2024.")
    assert c2.measure == "constant_2023"


# ---------------------------------------------------------------- counts


def test_counts_of_items_with_qualifiers() -> None:
    text = (
        "Last year the Russian army received more than 1,500 tanks, about 3 million artillery shells "
        "and up to 40,000 drones a month."
    )
    claims = extract_claims(text, default_year=2025)
    assert [(c.value, c.item, c.qualifier) for c in claims] == [
        (1500.0, "tanks", "more than"),
        (3e6, "artillery_ammunition", "about"),
        (40000.0, "drones", "up to"),
    ]
    assert {c.subject for c in claims} == {"RUS"}
    assert {c.year for c in claims} == {2024}


def test_member_count_and_generic_counts() -> None:
    c = one(
        "Since Sweden joined, the 32 members of the alliance meet twice a year.",
        metric="member_count",
    )
    assert c.subject == "NATO"
    one("Ukrainian factories run in two shifts.", metric="shifts_count", subject="UKR")


def test_subject_skips_titles_of_people() -> None:
    c = one("US President Donald Trump said the allies must spend five percent of GDP on defence.")
    assert c.subject == "NATO"


# ---------------------------------------------------------------- ratios and comparisons


def test_period_comparison_is_a_ratio() -> None:
    c = one(
        "Russia makes as many shells in two months as Europe and Canada make in a year.",
        kind="period_ratio",
        value=6.0,
        unit="ratio",
        subject="RUS",
        versus="NATO_EUCA",
        item="artillery_ammunition",
    )
    assert c.text.startswith("Russia")


def test_period_comparison_what_form() -> None:
    one(
        "Moscow produces in three months what the alliance produces in a year.",
        kind="period_ratio",
        value=4.0,
        subject="RUS",
        versus="NATO",
    )


def test_times_larger_ratio_with_metonyms() -> None:
    c = one(
        "The Western bloc is economically 25 times larger than the Russian Federation.",
        kind="ratio",
        metric="gdp_ratio",
        subject="NATO",
        versus="RUS",
        value=25.0,
    )
    assert c.measure == "market"


def test_fold_and_growth_verbs() -> None:
    c = one(
        "Since 2022 Russia's output of drones has grown tenfold.",
        kind="multiple",
        value=10.0,
        item="drones",
    )
    assert c.metric == "drones_growth"
    one("Shell production in Europe has tripled.", kind="multiple", value=3.0)


def test_majority_of_members() -> None:
    target, c = extract_claims(
        "The 2% of GDP guideline is one that most allies still fail to meet.", default_year=2025
    )
    assert (target.kind, target.value) == ("target", 2.0)
    assert (c.kind, c.unit, c.qualifier, c.threshold, c.value) == (
        "share_of_members",
        "share",
        "less than",
        2.0,
        0.5,
    )
    c2, goal = extract_claims(
        "Twenty-three of the 32 allies reached the 2% goal in 2024.", default_year=2025
    )
    assert (c2.kind, c2.year, c2.threshold) == ("share_of_members", 2024, 2.0)
    assert c2.value == pytest.approx(23 / 32)
    assert (goal.kind, goal.unit, goal.value) == ("target", "pct_gdp", 2.0)


# ---------------------------------------------------------------- not claims


@pytest.mark.parametrize(
    "text",
    [
        "Friday, 30 May 2025",
        "The war began on 24 February 2022 and talks resumed in March 2025.",
        "During the 1990s the industry nearly collapsed.",
        "It was the 3rd summit and the 21st century's largest.",
        "Call our newsroom on +1 (202) 555-0143 or 202-555-0199.",
        "Page 2 of 5 | 4 min read | Comments (12) | Share",
        "The meeting starts at 10:30 in room 4.",
        "The T-90M and the F-35 use 155mm guns; Su-34 jets fly from base 7.",
        "See https://example.org/2025/05/30/report-3 for more.",
        "Click here to make a one-time donation.",
        "He said it would take three years and several months.",
        "Nuclear weapons could destroy the West several times over.",
    ],
)
def test_not_claims(text: str) -> None:
    assert extract_claims(text, default_year=2025) == []


def test_non_breaking_spaces_inside_spans() -> None:
    text = "Russia spent\u00a07.1\u00a0percent of\u00a0GDP on defence in 2024, and the bloc is 20\u00a0times larger\u00a0than Russia."
    claims = extract_claims(text, default_year=2025)
    assert [c.kind for c in claims] == ["share_gdp", "ratio"]
    for c in claims:
        assert text[c.start : c.end] == c.text


def test_year_carries_from_previous_sentence_not_across_paragraphs() -> None:
    text = "In 2023 Russia fielded more than 1,500 tanks. It also received 22,000 drones.\n\nUkraine made 2 million drones."
    claims = extract_claims(text, default_year=2025)
    assert [c.year for c in claims] == [2023, 2023, 2025]


def test_empty_and_numberless_texts() -> None:
    assert extract_claims("", default_year=2025) == []
    assert extract_claims("No numbers at all here.", default_year=None) == []


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_and_offsets_slice_the_text(text: str) -> None:
    for c in extract_claims(text, default_year=2025):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text


_PIECES = st.sampled_from(
    [
        "Russia",
        "NATO",
        "the alliance",
        "spent",
        "more than",
        "about",
        "1,500",
        "3.5",
        "20",
        "percent",
        "% of GDP",
        "$",
        "billion",
        "roubles",
        "times larger than",
        "tanks",
        "drones",
        "in 2024",
        "by 2035",
        "as much",
        "in three months as",
        "in a year",
        "doubled",
        "most allies",
        "do not meet",
        ".",
        ",",
        "\u00a0",
        "\n\n",
        "twenty",
        "per cent",
        "of their GDP",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_never_crashes_on_claim_like_text(text: str) -> None:
    for c in extract_claims(text, default_year=2025):
        assert text[c.start : c.end] == c.text
        assert c.value == c.value  # not NaN


def test_relative_years_compete_with_explicit_ones_by_distance() -> None:
    text = "Moscow plans to spend 13.5tn roubles in 2025 and claims to have produced 1.5m drones last year."
    money, drones = extract_claims(text, default_year=2025)
    assert (money.year, drones.year) == (2025, 2024)


def test_real_terms_qualifies_only_the_adjacent_amount() -> None:
    text = "Germany's defence spending jumped 28% in real terms in 2024 to $88.5bn."
    pct, money = extract_claims(text, default_year=2025)
    assert pct.metric == "milex_real_change"
    assert money.measure is None


def test_rates_and_consumption() -> None:
    fired, made = extract_claims(
        "Russia fires around 10,000 shells a day and produces about 250,000 a month.",
        default_year=2025,
    )
    assert fired.metric == "artillery_ammunition_use"
    assert (made.metric, made.value) == ("artillery_ammunition_output", 250000.0)


def test_period_comparison_with_a_multiplier() -> None:
    c = one(
        "Russia produces three times as much ammunition in three months as the whole of NATO in a year.",
        kind="period_ratio",
        subject="RUS",
        versus="NATO",
    )
    assert c.value == pytest.approx(12.0)


def test_count_span_takes_its_rate_and_year() -> None:
    c = one("The US Army made 40,000 shells a month in 2025.", item="artillery_ammunition")
    assert c.text == "40,000 shells a month in 2025"


def test_baseline_in_a_comparison_is_a_claim() -> None:
    text = (
        "American factories made 40,000 shells a month in 2025, up from 14,500 before the invasion."
    )
    now, before = extract_claims(text, default_year=2025)
    assert (now.value, now.year) == (40000.0, 2025)
    assert (before.value, before.year, before.item, before.subject) == (
        14500.0,
        2022,
        "artillery_ammunition",
        "USA",
    )
    undated = extract_claims(
        "Factories made 40,000 shells a month in 2025, up from 14,500.", default_year=2025
    )
    assert len(undated) == 1  # a baseline without a date cannot be checked


def test_list_heading_figure_reads_the_sentence_after_it() -> None:
    c = one("2. $145.9 billion. The IISS puts Russia's 2024 defence spending at that level.\n")
    assert (c.subject, c.year, c.definition, c.metric) == ("RUS", 2024, "IISS", "milex")


def test_fractions_of_gdp_and_speakers_as_subjects() -> None:
    c = one(
        "Ukraine spends roughly a third of its economy on the war.",
        unit="pct_gdp",
        qualifier="about",
    )
    assert c.value == pytest.approx(100 / 3, rel=1e-3)
    assert c.subject == "UKR"
    speaker = one("President Putin claimed 180 new combat aircraft were delivered last year.")
    assert (speaker.subject, speaker.item, speaker.year) == ("RUS", "combat_aircraft", 2024)
