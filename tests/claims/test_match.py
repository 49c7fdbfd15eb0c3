"""Matching claims to the packaged facts, and the verdict rules, on texts written here."""

from __future__ import annotations

import datetime as dt

import pytest

from armsrace.claims import Article, Claim
from armsrace.claims.match import Checker, check_article
from armsrace.claims.verdict import Verdict, claim_interval, fact_interval


@pytest.fixture
def checker(store: object) -> Checker:
    return Checker(store)  # type: ignore[arg-type]


def verdicts(
    checker: Checker, text: str, date: dt.date = dt.date(2025, 6, 1)
) -> list[tuple[str, str]]:
    result = check_article(Article(text=text, name="t", kind="text", date=date), checker)
    return [(c.claim.text, c.verdict.value) for c in result.checks]


def single(checker: Checker, text: str, date: dt.date = dt.date(2025, 6, 1)):  # type: ignore[no-untyped-def]
    result = check_article(Article(text=text, name="t", kind="text", date=date), checker)
    assert len(result.checks) == 1, [c.claim.text for c in result.checks]
    return result.checks[0]


# ---------------------------------------------------------------- spending shares and money


def test_russia_share_of_gdp_uses_sipri(checker: Checker) -> None:
    ok = single(checker, "Russia spent 7.1% of its GDP on the military in 2024.")
    assert ok.verdict is Verdict.supported
    assert "SIPRI definition" in (ok.measure or "")
    assert all(e.source_id for e in ok.evidence)
    bad = single(checker, "Russia spent 4.5% of its GDP on the military in 2024.")
    assert bad.verdict is Verdict.contradicted


def test_ally_share_uses_nato_release_current_at_the_date(checker: Checker) -> None:
    c = single(checker, "Poland spent 4.1% of GDP on defence in 2024.", date=dt.date(2025, 1, 15))
    assert c.verdict is Verdict.supported
    assert "NATO definition" in (c.measure or "") and "NATO 2024-06" in (c.measure or "")


def test_sipri_named_in_text_switches_definition(checker: Checker) -> None:
    c = single(checker, "According to SIPRI, Poland spent 4.2% of GDP on its military in 2024.")
    assert "SIPRI" in (c.measure or "")
    assert c.verdict is Verdict.supported


def test_money_in_dollars_and_roubles(checker: Checker) -> None:
    usd = single(checker, "Russia spent $149 billion on its military in 2024.")
    assert usd.verdict is Verdict.supported
    assert "milex_usd_current" in (usd.measure or "")
    wrong = single(checker, "Russia spent $300 billion on its military in 2024.")
    assert wrong.verdict is Verdict.contradicted
    rub = single(checker, "Moscow's defence budget for 2025 is 13.5 trillion roubles.")
    assert rub.verdict is Verdict.supported
    assert "rub_billion" in (rub.measure or "")


def test_other_currencies_are_not_converted(checker: Checker) -> None:
    c = single(checker, "Germany spent €86 billion on defence in 2024.")
    assert c.verdict is Verdict.unverifiable
    assert "not converted" in c.reason


def test_constant_prices_need_their_base(checker: Checker) -> None:
    c = single(
        checker, "In constant 2023 dollars, Russia spent $150 billion on its military in 2024."
    )
    assert c.verdict is Verdict.supported
    assert "2023 prices" in (c.measure or "")
    other = single(
        checker, "In constant 1999 dollars, Russia spent $50 billion on its military in 2024."
    )
    assert other.verdict is Verdict.unverifiable


# ---------------------------------------------------------------- ratios


def test_gdp_ratio_derived_at_market_rates(checker: Checker) -> None:
    wrong = single(
        checker,
        "The alliance is economically 20 times larger than Russia.",
        date=dt.date(2025, 5, 30),
    )
    assert wrong.verdict is Verdict.contradicted
    assert "market exchange rates" in (wrong.measure or "") and "PPP not used" in (
        wrong.measure or ""
    )
    derived = [e for e in wrong.evidence if e.derived]
    assert derived and derived[0].value is not None and 24 < derived[0].value < 29
    right = single(
        checker,
        "The alliance's economy is about 27 times larger than Russia's.",
        date=dt.date(2025, 5, 30),
    )
    assert right.verdict is Verdict.supported


def test_period_ratio_against_statements(checker: Checker) -> None:
    ok = single(
        checker, "Russia produces as much ammunition in three months as NATO does in a year."
    )
    assert ok.verdict is Verdict.supported
    assert any("Rutte" in (e.claimant or "") for e in ok.evidence)
    bad = single(checker, "Russia produces as much ammunition in one month as NATO does in a year.")
    assert bad.verdict is Verdict.contradicted


# ---------------------------------------------------------------- counts


def test_production_counts_with_qualifiers(checker: Checker) -> None:
    text = (
        "Last year Russia received more than 4,000 armoured vehicles and about 1.5 million drones."
    )
    assert [v for _, v in verdicts(checker, text)] == ["supported", "supported"]
    assert [
        v
        for _, v in verdicts(checker, "Last year Russia received more than 400 armoured vehicles.")
    ] == ["contradicted"]


def test_monthly_figures_are_compared_per_month(checker: Checker) -> None:
    c = single(
        checker, "The United States now makes 40,000 shells a month, the US Army said in 2025."
    )
    assert c.claim.subject == "USA"
    assert c.verdict is Verdict.supported  # US Army: 40,000 a month in 2025
    assert "per month" in (c.measure or "")
    yearly = single(
        checker, "The United States now makes 480,000 shells a year, the US Army said in 2025."
    )
    assert yearly.verdict is Verdict.supported  # the monthly figure x 12


def test_model_designations_only_match_their_own_figures(checker: Checker) -> None:
    c = single(checker, "Russia builds up to 300 T-90M tanks a year, analysts said in 2024.")
    assert c.verdict is Verdict.supported
    assert all("T-90M" in e.description for e in c.evidence)
    other = single(checker, "Russia builds 40 T-72B3 tanks a year, analysts said in 2024.")
    assert other.verdict is Verdict.unverifiable


def test_member_count(checker: Checker) -> None:
    assert verdicts(checker, "The 32 members of the alliance met in 2025.")[0][1] == "supported"
    assert verdicts(checker, "The 32 members of the alliance met in 2021.")[0][1] == "contradicted"


def test_unknown_metric_is_unverifiable(checker: Checker) -> None:
    c = single(checker, "Russian plants work in four shifts.")
    assert c.verdict is Verdict.unverifiable
    assert c.evidence == ()


# ---------------------------------------------------------------- targets and allies


def test_targets_and_deadlines(checker: Checker) -> None:
    assert (
        verdicts(checker, "NATO agreed to raise core defence spending to 3.5% of GDP by 2035.")[0][
            1
        ]
        == "supported"
    )
    assert (
        verdicts(checker, "NATO agreed to raise core defence spending to 3.5% of GDP by 2032.")[0][
            1
        ]
        == "contradicted"
    )
    assert verdicts(checker, "NATO's target is 4% of GDP.")[0][1] == "contradicted"
    assert (
        verdicts(checker, "NATO allies must reach the spending target by 2035.")[0][1]
        == "supported"
    )


def test_share_of_allies_meeting_the_floor(checker: Checker) -> None:
    text = "NATO's target is at least 2% of GDP, which most allies do not meet."
    got = verdicts(checker, text, date=dt.date(2025, 5, 30))
    assert got[-1][1] == "contradicted"
    text2 = "Most allies met NATO's 2% of GDP guideline in 2024."
    assert verdicts(checker, text2, date=dt.date(2025, 5, 30))[-1][1] == "supported"


# ---------------------------------------------------------------- honesty rules


def test_the_article_itself_is_never_evidence(checker: Checker) -> None:
    title = "NATO Wants to be “More Lethal” Than Russia but Can’t Catch Up in Weapons Production. Arms Race?"
    text = (
        title
        + "\n\nLast year alone, the Russian army received more than 400 units of armored vehicles."
    )
    result = check_article(
        Article(text=text, name="t", kind="text", date=dt.date(2025, 5, 30)), checker
    )
    assert result.excluded_sources == ("globalresearch-2025-05-30",)
    for check in result.checks:
        assert all(e.source_id != "globalresearch-2025-05-30" for e in check.evidence)


def test_check_article_accepts_plain_text(store: object) -> None:
    result = check_article(
        "Tuesday, 3 June 2025\n\nRussia spent $149 billion on defence in 2024.", store
    )  # type: ignore[arg-type]
    assert result.article.date == dt.date(2025, 6, 3)
    assert result.to_records()[0]["verdict"] == "supported"
    for key in (
        "start",
        "end",
        "text",
        "value",
        "unit",
        "subject",
        "metric",
        "year",
        "qualifier",
        "verdict",
        "evidence",
    ):
        assert key in result.to_records()[0]
    assert result.run_info.store_checksum


# ---------------------------------------------------------------- tolerance rules


def _claim(value: float, precision: float, qualifier: str | None, unit: str = "count") -> Claim:
    return Claim(0, 1, "x", value, unit, "count", "m", qualifier=qualifier, precision=precision)


def test_claim_intervals() -> None:
    assert claim_interval(_claim(20, 5, None))[:2] == (15, 25)
    # "more than 400": any value above 400, short of a tenfold (slipped-zero) figure
    lo, hi, _ = claim_interval(_claim(400, 50, "more than"))
    assert lo == 400 and 3999 < hi < 4000
    lo, hi, how = claim_interval(_claim(100, 0.5, "about"))
    assert (lo, hi) == (90, pytest.approx(110)) and "about" in how
    assert claim_interval(_claim(0.5, 0, "less than", unit="share"))[:2] == (0, 0.5)


def test_fact_intervals() -> None:
    assert fact_interval(None, 4000, None)[:2] == (4000, 6000)  # type: ignore[index]
    assert fact_interval(3.0, 1.0, 5.0)[:2] == (1.0, 5.0)  # type: ignore[index]
    assert fact_interval(7.1, None, None)[:2] == (7.1, 7.1)  # type: ignore[index]
    assert fact_interval(None, None, None) is None


# ---------------------------------------------------------------- definitions and national targets


def test_named_definition_is_never_substituted(checker: Checker) -> None:
    c = single(checker, "According to the IISS, Poland spent 4.1% of GDP on defence in 2024.")
    assert c.verdict is Verdict.unverifiable
    assert "not substituted" in c.reason


def test_real_change_derived_from_sipri_constant_prices(checker: Checker) -> None:
    c = single(
        checker,
        "Germany's military spending rose 28% in real terms in 2024, according to SIPRI.",
        date=dt.date(2025, 7, 1),
    )
    assert c.verdict is Verdict.supported
    assert c.evidence[0].derived and "constant-price" in c.evidence[0].description


def test_unnamed_definition_falls_back_and_says_so(checker: Checker) -> None:
    c = single(
        checker,
        "The Kremlin plans to spend 6.3% of GDP on defence in 2025.",
        date=dt.date(2025, 7, 2),
    )
    assert c.verdict is Verdict.supported
    assert "national definition" in (c.measure or "")
    assert "names no definition" in c.reason


def test_national_targets_are_not_nato_targets(checker: Checker) -> None:
    uk = single(checker, "Britain will raise defence spending to 2.5% of GDP by 2027.")
    assert uk.verdict is Verdict.unverifiable
    pol = single(checker, "Poland will raise core defence spending to 3.5% of GDP by 2035.")
    assert pol.verdict is Verdict.supported
    assert "every ally" in pol.reason


def test_eu_bloc_is_not_nato(checker: Checker) -> None:
    text = "The European Commission met on Monday. Officials say the bloc's 27 members agreed."
    c = single(checker, text)
    assert c.claim.subject == "EU"
    # judged against the EU's own membership rows (27 since 2020), never NATO's 32
    assert c.verdict is Verdict.supported
    assert "members of EU" in c.evidence[0].description
    other = single(checker, "The European Commission met. The bloc's 32 members agreed.")
    assert other.claim.subject == "EU" and other.verdict is Verdict.contradicted


def test_library_never_prints(checker: Checker, capsys: pytest.CaptureFixture[str]) -> None:
    verdicts(checker, "Russia spent 7.1% of GDP in 2024 and NATO is 25 times richer than Russia.")
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_spending_ratio_derived_in_one_definition(checker: Checker) -> None:
    c = single(
        checker, "China's military budget is roughly twice Russia's, SIPRI data show for 2024."
    )
    assert (c.claim.metric, c.claim.subject, c.claim.versus) == ("milex_ratio", "CHN", "RUS")
    assert c.verdict is Verdict.supported
    assert "SIPRI definition" in (c.measure or "")


_PIECES = [
    "Russia",
    "NATO",
    "Poland",
    "the US",
    "China",
    "the EU",
    "Europe and Canada",
    "the bloc",
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
    "€",
    "times larger than",
    "tanks",
    "drones",
    "shells a month",
    "T-90M",
    "in 2024",
    "in 1999",
    "by 2035",
    "as much",
    "in three months as",
    "in a year",
    "doubled",
    "most allies",
    "do not meet",
    "the 2% goal",
    ".",
    ",",
    "twice",
    "Russia's",
    "against",
    "up from",
    "before the invasion",
    "SIPRI",
    "IISS",
    "in constant 2023 dollars",
    "PPP",
    "since 2017",
    "launched",
    "last year",
    "capacity",
    "plans",
]


def test_checking_never_crashes_on_claim_like_text(store_path: object) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from armsrace.facts.store import open_store

    with open_store(store_path) as store:  # type: ignore[arg-type]
        checker = Checker(store)

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map(" ".join),
        st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)) | st.none(),
    )
    def run(text: str, date: dt.date | None) -> None:
        for check in check_article(Article(text, "x", "text", date), checker).checks:
            assert check.to_dict()["verdict"] in ("supported", "contradicted", "unverifiable")

    run()
