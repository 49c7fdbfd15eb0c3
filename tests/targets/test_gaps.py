"""Target arithmetic against hand-computed cases and invariants."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.errors import DataError
from armsrace.targets import compute_gaps, target_levels


def test_levels_come_from_the_target_table(store) -> None:
    lv = target_levels(store)
    assert (lv.floor_pct, lv.core_pct, lv.total_pct, lv.deadline_year) == (2.0, 3.5, 5.0, 2035)


def test_poland_by_hand(store) -> None:
    g = compute_gaps(store, growth_pct=2.0)
    pol = g.allies.set_index("entity").loc["POL"]
    share, gdp = 4.480549, 1039.619  # NATO Aug 2025 (2025e) and IMF WEO Oct 2025
    assert pol["share_gdp_pct"] == pytest.approx(share)
    assert pol["gdp_usd_bn"] == pytest.approx(gdp)
    assert pol["gap_3_5pct_pp"] == 0.0  # above the level: zero, not negative
    assert pol["gap_3_5pct_usd_bn"] == 0.0
    assert pol["gap_5pct_pp"] == pytest.approx(5.0 - share)
    assert pol["gap_5pct_usd_bn"] == pytest.approx((5.0 - share) / 100 * gdp)
    spend_now = share / 100 * gdp
    assert pol["gap_5pct_usd_bn_2035"] == pytest.approx(0.05 * gdp * 1.02**10 - spend_now)


def test_spain_by_hand(store) -> None:
    g = compute_gaps(store, growth_pct=0.0)
    esp = g.allies.set_index("entity").loc["ESP"]
    share, gdp = 2.000015, 1891.371
    assert esp["gap_3_5pct_pp"] == pytest.approx(3.5 - share)
    assert esp["pp_per_year_to_3_5pct"] == pytest.approx((3.5 - share) / 10)
    assert esp["gap_3_5pct_usd_bn_2035"] == pytest.approx((3.5 - share) / 100 * gdp)


def test_all_allies_listed_and_missing_reported(store) -> None:
    g = compute_gaps(store)
    assert len(g.allies) == 32
    isl = g.allies.set_index("entity").loc["ISL"]
    assert math.isnan(isl["share_gdp_pct"])  # no armed forces: missing, never filled
    assert any(m.startswith("ISL") for m in g.missing)
    deu = g.allies.set_index("entity").loc["DEU"]
    assert deu["share_release"] == "NATO AR 2026-03"  # fallback is labelled


def test_bloc_money_gap_is_sum_of_member_shortfalls(store) -> None:
    g = compute_gaps(store)
    nato = g.blocs.set_index("entity").loc["NATO"]
    assert nato["gap_3_5pct_usd_bn"] == pytest.approx(g.allies["gap_3_5pct_usd_bn"].sum())
    euca = g.blocs.set_index("entity").loc["NATO_EUCA"]
    no_us = g.allies[g.allies["entity"] != "USA"]
    assert euca["spending_usd_bn"] == pytest.approx(no_us["spending_usd_bn"].sum())
    assert nato["share_gdp_pct_published"] == pytest.approx(2.76, abs=0.005)


def test_paths_are_straight_lines_to_the_deadline(store) -> None:
    g = compute_gaps(store, growth_pct=1.0)
    p = g.paths[(g.paths["entity"] == "ESP") & (g.paths["target"] == "3.5% core")].sort_values(
        "year"
    )
    assert p["year"].tolist() == list(range(2025, 2036))
    steps = p["share_gdp_pct"].diff().dropna()
    assert steps.max() - steps.min() < 1e-12
    assert p["share_gdp_pct"].iloc[-1] == pytest.approx(3.5)


def test_burden_shares_sum_to_100(store) -> None:
    b = compute_gaps(store).burden
    assert b["share_of_nato_gdp_pct"].sum() == pytest.approx(100.0)
    assert b["share_of_nato_spending_pct"].sum() == pytest.approx(100.0)


def test_bad_growth_is_refused(store) -> None:
    with pytest.raises(DataError, match="growth_pct"):
        compute_gaps(store, growth_pct=55.0)


@settings(max_examples=25, deadline=None)
@given(growth=st.floats(min_value=-5, max_value=10, allow_nan=False))
def test_gaps_never_negative(store_path, growth: float) -> None:
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        g = compute_gaps(store, growth_pct=growth)
    gap_cols = [c for c in g.allies.columns if c.startswith("gap_")]
    assert (g.allies[gap_cols].fillna(0.0) >= 0).all().all()
