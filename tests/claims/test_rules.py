"""Abstain first: a claim is contradicted only when its whole chain was read from the text."""

from __future__ import annotations

import datetime as dt

import pytest

from armsrace.claims import Checker, Verdict, check_article

DATE = dt.date(2025, 6, 2)


@pytest.fixture
def checker(store: object) -> Checker:
    return Checker(store)  # type: ignore[arg-type]


def _only(checker: Checker, text: str) -> tuple[Verdict, str, dict[str, object]]:
    result = check_article(text, checker, date=DATE)
    (c,) = result.checks
    return c.verdict, c.code, c.to_dict()


def test_an_amount_with_its_year_in_the_text_can_be_contradicted(checker: Checker) -> None:
    verdict, code, record = _only(checker, "Russia spent 70% of its GDP on defence in 2024.")
    assert (verdict, code) == (Verdict.contradicted, "mismatch")
    chain = record["chain"]
    assert isinstance(chain, dict)
    assert chain["subject"] == {"value": "RUS", "from": "clause"}
    assert chain["period"] == {"value": 2024, "from": "text"}
    assert record["reason"] == "mismatch" and record["note"] == ""


def test_an_undated_amount_is_never_contradicted(checker: Checker) -> None:
    verdict, code, record = _only(checker, "Russia spent 70% of its GDP on defence.")
    assert (verdict, code) == (Verdict.unverifiable, "period_ambiguous")
    assert "would be contradicted" in str(record["note"])
    # a plan, a forecast or a perfect tense is not the present either
    verdict, code, _ = _only(checker, "Russia plans to spend 70% of its GDP on defence.")
    assert (verdict, code) == (Verdict.unverifiable, "period_ambiguous")
    text = "Russia is estimated to have spent 70% of its GDP on defence."
    verdict, code, _ = _only(checker, text)
    assert (verdict, code) == (Verdict.unverifiable, "period_ambiguous")


def test_a_present_tense_statement_is_as_of_the_articles_date(checker: Checker) -> None:
    verdict, code, record = _only(checker, "Russia now spends 70% of its GDP on defence.")
    assert (verdict, code) == (Verdict.contradicted, "mismatch")
    chain = record["chain"]
    assert isinstance(chain, dict)
    assert chain["period"] == {"value": DATE.year, "from": "present_tense"}
    # without evidence for the article's own year the present is not judged on an older one
    later = dt.date(2027, 6, 1)
    older = check_article("Russia now spends 70% of its GDP on defence.", checker, date=later)
    (c,) = older.checks
    assert (c.verdict, c.code) == (Verdict.unverifiable, "newer_release_than_store")


def test_two_entities_before_the_figure_leave_the_subject_open(checker: Checker) -> None:
    text = "Russia attacked Ukraine and raised its military spending to $900 billion in 2024."
    verdict, code, _ = _only(checker, text)
    assert (verdict, code) == (Verdict.unverifiable, "subject_unresolved")
    # an entity inside a relative clause on the first is no candidate
    text = "Russia, which attacked Ukraine, raised its military spending to $900 billion in 2024."
    verdict, code, record = _only(checker, text)
    assert (verdict, code) == (Verdict.contradicted, "mismatch")
    chain = record["chain"]
    assert isinstance(chain, dict)
    assert chain["subject"] == {"value": "RUS", "from": "sentence"}
    # the same figure with one entity named is judged
    verdict, _, _ = _only(checker, "Russia raised its military spending to $900 billion in 2024.")
    assert verdict is Verdict.contradicted


def test_a_place_inside_an_organisation_name_is_not_the_subject(checker: Checker) -> None:
    text = (
        "The Stockholm International Peace Research Institute counted $900 billion of "
        "military spending in 2024."
    )
    result = check_article(text, checker, date=DATE)
    assert all(c.claim.subject != "SWE" for c in result.checks)
    assert all(c.verdict is not Verdict.contradicted for c in result.checks)


def test_a_metric_the_clause_does_not_name_is_not_contradicted(checker: Checker) -> None:
    # a bare percentage after a subject, with nothing saying what it measures
    result = check_article("In 2024 Germany was at 9.5%.", checker, date=DATE)
    assert all(c.verdict is not Verdict.contradicted for c in result.checks)


def test_money_in_an_article_about_ppp_needs_its_measure_named(checker: Checker) -> None:
    text = (
        "Measured at purchasing power parity the picture changes. "
        "Russia spent $400 billion on its military in 2024."
    )
    result = check_article(text, checker, date=DATE)
    money = [c for c in result.checks if c.claim.kind == "money"]
    assert money and money[0].code == "metric_ambiguous"


def test_an_entity_the_store_lacks_is_never_replaced_by_one_it_has(checker: Checker) -> None:
    text = "China spent a lot on its army in 2024. Israel spent $900 billion on defence in 2024."
    result = check_article(text, checker, date=DATE)
    money = [c for c in result.checks if c.claim.text == "$900 billion"]
    assert money and money[0].claim.subject == "ISR"
    # judged against Israel's own figures (or not at all), never China's
    assert all(e.entity in (None, "ISR") for e in money[0].evidence)


def test_a_world_total_is_not_a_countrys(checker: Checker) -> None:
    text = "Sweden's institute reported it. Global military spending hit $900 billion in 2024."
    result = check_article(text, checker, date=DATE)
    (c,) = [c for c in result.checks if c.claim.text == "$900 billion"]
    assert c.claim.subject == "WLD"
    assert all(e.entity in (None, "WLD") for e in c.evidence)


def test_a_name_of_several_entities_is_never_resolved(checker: Checker) -> None:
    result = check_article("Brussels spent $900 billion on defence in 2024.", checker, date=DATE)
    (c,) = result.checks
    assert c.claim.subject is None
    assert (c.verdict, c.code) == (Verdict.unverifiable, "subject_unresolved")
    assert c.claim.origin("subject") == "ambiguous"


def test_entities_come_from_the_stores_alias_table(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    # every SIPRI country is named by the table, with adjectives and capitals
    for text, code in [
        ("Chilean military spending was $9 billion in 2024.", "CHL"),
        ("Tehran spent $9 billion on its military in 2024.", "IRN"),
        ("The Middle East spent $9 billion on arms in 2024.", "SIPRI_MIDDLE_EAST"),
    ]:
        (claim,) = extract_claims(text, default_year=2025, lexicon=checker.lexicon)
        assert claim.subject == code, text


def test_the_page_shows_each_verdicts_chain(checker: Checker) -> None:
    from armsrace.claims import render_html

    result = check_article("Russia spent 70% of its GDP on defence.", checker, date=DATE)
    page = render_html(result)
    assert "chain: subject RUS from clause; metric milex_share_gdp from clause" in page
    assert "reason period_ambiguous" in page and "unverifiable (period_ambiguous)" in page


def test_a_list_under_a_heading_takes_metric_and_year_from_it(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    text = (
        "Our table of allies.\n"
        "Defence spending in 2024, as a percentage of GDP:\n"
        "Poland: 4.12\n"
        "Spain - 1.28\n"
        "Atlantis: 9.9\n"
        "Canada: 1.37\n"
    )
    claims = extract_claims(text, default_year=2024, lexicon=checker.lexicon)
    # the list ends at the first line that names no entity
    assert [(c.subject, c.value, c.year) for c in claims] == [
        ("POL", 4.12, 2024),
        ("ESP", 1.28, 2024),
    ]
    assert claims[0].origin("metric") == "heading" and claims[0].precision == 0.005
    # no year in the heading: no list
    assert not extract_claims(text.replace(" in 2024", ""), lexicon=checker.lexicon)


def test_a_fraction_of_the_allies_with_its_threshold_is_one_claim(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    text = "In 2024 three-quarters of NATO countries did not spend 2% of their GDP on defence."
    (claim,) = extract_claims(text, default_year=2024, lexicon=checker.lexicon)
    assert claim.kind == "share_of_members" and claim.text.endswith("2% of their GDP")
    assert (claim.value, claim.threshold, claim.qualifier) == (0.25, 2.0, "about")
    (c,) = check_article(text, checker, date=dt.date(2024, 9, 1)).checks
    assert c.verdict is Verdict.contradicted  # about 23 of 32 allies were at 2% in 2024


def test_a_year_that_belongs_to_another_figure_is_not_the_claims(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    text = "Canada reached 2.0% this year, from 1.4% in 2024, and Latvia's spending rose by 90% in real terms."
    claims = extract_claims(text, default_year=2025, lexicon=checker.lexicon)
    rise = next(c for c in claims if c.text.startswith("rose") or "90%" in c.text)
    assert rise.origin("period") == "another_figure"
    got = {c.claim.text: c for c in check_article(text, checker, date=DATE).checks}
    assert got[rise.text].verdict is not Verdict.contradicted


def test_a_claim_matching_the_release_of_its_day_is_supported_with_later_revisions_noted(
    checker: Checker,
) -> None:
    text = "Poland spent 4.12% of GDP on defence in 2024."
    (c,) = check_article(text, checker, date=dt.date(2024, 6, 20)).checks
    assert c.verdict is Verdict.supported
    assert any(e.after_article is False for e in c.evidence if e.agrees)
    assert c.notes and all(n.startswith("later revision:") for n in c.notes)
    assert c.to_dict()["notes"] == list(c.notes)


def test_a_subject_that_opens_the_next_clause_is_read_but_not_one_after_a_preposition(
    checker: Checker,
) -> None:
    from armsrace.claims import extract_claims

    fronted = "With 7.1% of GDP in 2024, Russia spent the most of any large economy."
    (claim,) = extract_claims(fronted, default_year=2025, lexicon=checker.lexicon)
    assert (claim.subject, claim.origin("subject")) == ("RUS", "sentence")
    trailing = "In 2023 the plant made 2,700 drones, named Geran in Russia."
    (claim,) = extract_claims(trailing, default_year=2025, lexicon=checker.lexicon)
    assert claim.origin("subject") not in ("clause", "sentence")


def test_a_relative_clause_or_brackets_after_an_entity_name_the_subject(checker: Checker) -> None:
    text = (
        "Germany spent 1.5% of GDP on defence in 2023, less than the United States, "
        "which spent $10 billion on defence in 2023."
    )
    got = {c.claim.text: c for c in check_article(text, checker, date=DATE).checks}
    assert got["$10 billion"].claim.subject == "USA"
    assert got["$10 billion"].claim.origin("subject") == "nearest"
    assert got["$10 billion"].verdict is Verdict.contradicted
    text = "Russia ranks behind the United States ($10 billion) and China ($10 billion) in 2023."
    got = {c.claim.subject: c for c in check_article(text, checker, date=DATE).checks}
    assert set(got) == {"USA", "CHN"}
    assert all(c.claim.origin("subject") == "nearest" for c in got.values())


def test_an_entity_heading_its_clause_is_the_subject_but_not_an_object(checker: Checker) -> None:
    text = (
        "Russia spent 6% of its GDP on defence in 2023, while Canada, long a laggard, "
        "spent 45% of its GDP on defence in 2023."
    )
    got = {c.claim.subject: c for c in check_article(text, checker, date=DATE).checks}
    assert got["CAN"].claim.origin("subject") == "nearest"
    assert got["CAN"].verdict is Verdict.contradicted
    # "Canada" as the object of a relative clause is not the subject of the figure after it
    text = "Russia, which attacked Canada, spent 45% of its GDP on defence in 2023."
    (c,) = check_article(text, checker, date=DATE).checks
    assert c.claim.subject == "RUS"


def test_an_entity_after_a_preposition_is_no_competing_subject(checker: Checker) -> None:
    verdict, code, record = _only(
        checker, "Germany spent 70% of its GDP on defence in 2023 against Russia."
    )
    assert (verdict, code) == (Verdict.contradicted, "mismatch")
    chain = record["chain"]
    assert isinstance(chain, dict)
    assert chain["subject"] == {"value": "DEU", "from": "clause"}


def test_a_paragraphs_lead_gives_its_list_the_metric_and_the_year(checker: Checker) -> None:
    text = (
        "Poland leads the table at 4.48% of GDP this year, followed by Lithuania at 4.0%. "
        "Only Poland spends more than 4.4 per cent. Estonia spent 3.38%; its outlay grew by "
        "2% in real terms. Britain reached 9 per cent, and France about 2%."
    )
    got = {
        c.claim.subject: c for c in check_article(text, checker, date=dt.date(2025, 9, 1)).checks
    }
    britain = got["GBR"]
    assert (britain.claim.origin("metric"), britain.claim.origin("period")) == (
        "paragraph",
        "paragraph",
    )
    assert (britain.claim.year, britain.verdict) == (2025, Verdict.contradicted)
    assert got["FRA"].verdict is Verdict.supported
    # a lead for another year than the claim's gives no year
    other = text.replace("this year", "in 2023")
    got = {
        c.claim.subject: c for c in check_article(other, checker, date=dt.date(2025, 9, 1)).checks
    }
    assert got["GBR"].claim.origin("period") == "article_date"
    assert got["GBR"].verdict is Verdict.unverifiable


def test_a_sentence_about_the_economy_takes_no_spending_cue_from_before(checker: Checker) -> None:
    text = (
        "The allies spend $1.5 trillion on defence in 2025. "
        "Yet Moscow's economy, barely 2 trillion dollars, still makes many weapons."
    )
    got = {c.claim.text: c for c in check_article(text, checker, date=DATE).checks}
    money = next(c for t, c in got.items() if "2 trillion" in t)
    assert money.claim.origin("metric") == "inferred"
    assert money.verdict is Verdict.unverifiable


def test_a_budget_restated_during_its_year_cannot_contradict_the_plan(checker: Checker) -> None:
    # the store has this year's budget only as restated by next year's draft: another version
    text = "Russia's national defence budget was 9 trillion roubles in 2024."
    (c,) = check_article(text, checker, date=dt.date(2024, 10, 1)).checks
    assert (c.verdict, c.code) == (Verdict.unverifiable, "another_budget_version")
    # a plan published before its year is the budget itself
    text = "Russia's national defence budget will be 20 trillion roubles in 2025."
    (c,) = check_article(text, checker, date=dt.date(2024, 10, 1)).checks
    assert (c.verdict, c.code) == (Verdict.contradicted, "mismatch")


def test_a_subject_opening_a_that_clause_is_read(checker: Checker) -> None:
    text = (
        "Mark Rutte told an audience in Berlin that Russia spent 40% of its GDP on defence in 2023."
    )
    verdict, code, record = _only(checker, text)
    assert (verdict, code) == (Verdict.contradicted, "mismatch")
    chain = record["chain"]
    assert isinstance(chain, dict)
    assert chain["subject"] == {"value": "RUS", "from": "nearest"}


def test_an_agreed_target_needs_no_subject_to_be_supported(checker: Checker) -> None:
    text = "In 2014 NATO's European members had pledged to move towards 2 per cent of GDP within a decade."
    verdict, _, _ = _only(checker, text)
    assert verdict is Verdict.supported
    verdict, _, _ = _only(checker, "All allies should spend at least 2% of GDP, the agreed floor.")
    assert verdict is Verdict.supported


def test_a_share_of_a_named_economy_is_a_share_of_gdp(checker: Checker) -> None:
    text = "The United States spent 30% of the American economy on defence in 2023."
    (c,) = check_article(text, checker, date=DATE).checks
    assert (c.claim.metric, c.claim.origin("metric")) == ("milex_share_gdp", "clause")
    assert c.verdict is Verdict.contradicted


def test_a_change_word_in_another_clause_does_not_make_a_share_a_change(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    text = "Canada says it reached 2.01% this year, and Lithuania's spending rose by a third in real terms."
    got = {c.subject: c for c in extract_claims(text, default_year=2025, lexicon=checker.lexicon)}
    assert got["CAN"].metric != "milex_real_change"
    assert got["LTU"].metric == "milex_real_change"


def test_a_figure_of_last_years_edition_does_not_accuse_an_article_of_this_years(
    checker: Checker,
) -> None:
    text = "Russia's defence spending rose by 90% in real terms in 2024, according to the IISS."
    (c,) = check_article(text, checker, date=dt.date(2025, 3, 1)).checks
    assert c.verdict is Verdict.contradicted  # the edition current then
    # a year on, the store holds the next edition only for other figures: it may revise this one
    (c,) = check_article(text, checker, date=dt.date(2026, 2, 20)).checks
    assert (c.verdict, c.code) == (Verdict.unverifiable, "newer_release_than_store")
    # an article that names no source is judged by the default definition's figure
    unnamed = "Russia's defence spending rose by 90% in real terms in 2024."
    (c,) = check_article(unnamed, checker, date=dt.date(2026, 2, 20)).checks
    assert c.verdict is Verdict.contradicted


def test_a_multiple_of_spending_says_its_metric_and_runs_to_the_last_full_year(
    checker: Checker,
) -> None:
    text = "France has doubled its military budget since 2017."
    (c,) = check_article(text, checker, date=dt.date(2025, 7, 2)).checks
    assert c.claim.origin("metric") == "clause"  # "doubled" is a change of the budget
    assert c.verdict is Verdict.contradicted
    # two years on, the store's latest year is not the one the article's "has doubled" reaches
    (c,) = check_article(text, checker, date=dt.date(2027, 3, 1)).checks
    assert (c.verdict, c.code) == (Verdict.unverifiable, "newer_release_than_store")


def test_an_item_named_before_a_semicolon_says_what_is_counted_after_it(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    text = "The ministry said it received 22,000 drones in 2023; Putin later spoke of 140,000."
    claims = extract_claims(text, default_year=2025, lexicon=checker.lexicon)
    later = next(c for c in claims if c.value == 140_000)
    assert (later.item, later.origin("metric")) == ("drones", "sentence")
    # two items named: the count after the semicolon stays unread
    text = (
        "The ministry said it received 22,000 drones and 900 tanks in 2023; Putin spoke of 140,000."
    )
    claims = extract_claims(text, default_year=2025, lexicon=checker.lexicon)
    (later,) = [c for c in claims if c.value == 140_000]
    assert later.origin("metric") != "sentence"


def test_that_year_is_the_year_the_previous_sentence_names(checker: Checker) -> None:
    from armsrace.claims import extract_claims

    text = (
        "Putin said Russian industry turned out 1.5 million drones in 2024. "
        "Ukraine says it made 3.2 million drones that year, and it aims for more in 2026."
    )
    claims = extract_claims(text, default_year=2026, lexicon=checker.lexicon)
    ukraine = next(c for c in claims if c.value == 3_200_000)
    assert (ukraine.year, ukraine.year_explicit) == (2024, True)
    # without a year in the sentence before, "that year" gives none
    alone = extract_claims(text.split(". ", 1)[1], default_year=2026, lexicon=checker.lexicon)
    assert next(c for c in alone if c.value == 3_200_000).year != 2024


def test_a_change_written_up_from_a_base_is_read_for_the_sentences_year(checker: Checker) -> None:
    text = (
        "Russia's military spending in 2024 reached approximately $149 billion, "
        "up 90% from 2023 and double that of 2015."
    )
    got = {c.claim.text: c for c in check_article(text, checker, date=dt.date(2025, 4, 28)).checks}
    rise = got["90%"]
    assert rise.claim.origin("metric") == "clause"  # "up 90%" says a change
    assert rise.claim.year == 2024  # "that of 2015" is a base, not the period
    assert rise.verdict is Verdict.contradicted


def test_a_regions_adjective_names_the_region(checker: Checker) -> None:
    text = "Middle Eastern military spending reached about $900 billion in 2024."
    (c,) = check_article(text, checker, date=dt.date(2025, 4, 28)).checks
    assert c.claim.subject == "SIPRI_MIDDLE_EAST"
    assert c.verdict is Verdict.contradicted
