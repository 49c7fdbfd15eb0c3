"""Long series from the fact store: one release, bloc totals by membership year, sources kept."""

from __future__ import annotations

import pytest

from armsrace.dynamics.series import load_pair, load_series, parse_pair, parse_period
from armsrace.errors import DynamicsError
from armsrace.facts import queries


def test_russia_vs_nato_europe_canada_from_sipri(store) -> None:
    pair = load_pair(store, "RUS:NATO_EUCA")
    assert pair.names == ("RUS", "NATO_EUCA")
    assert (pair.frame.index.min(), pair.frame.index.max()) == (1992, 2024)
    assert not pair.frame.isna().any().any()
    assert pair.source_ids == ("sipri-milex-2025",)
    desc = pair.describe().set_index("entity")
    assert desc.loc["RUS", "price_base"] == "2023"
    assert "accession year" in desc.loc["NATO_EUCA", "rule"]
    long = pair.to_frame()
    assert set(long.columns) >= {"entity", "year", "value", "source_id", "release", "price_base"}


@pytest.mark.parametrize("year", [1995, 2000, 2023, 2024])
def test_bloc_total_is_the_sum_of_that_years_members(store, year) -> None:
    series = load_series(store, "NATO_EUCA")
    row = series.frame.set_index("year").loc[year]
    members = queries.members(store, "NATO_EUCA", year)
    obs = queries.observations(
        store,
        indicator="milex_usd_constant",
        release="SIPRI 2025",
        year=year,
        source_id="sipri-milex-2025",
        entity=members,
    )
    assert row["n_members"] == len(members)
    assert row["value"] == pytest.approx(obs["value"].sum())
    assert ("SWE" in members) == (year >= 2024)
    assert ("POL" in members) == (year >= 1999)


def test_fixed_membership_counts_todays_members_throughout(store) -> None:
    by_year = load_series(store, "NATO_EUCA").values()
    fixed = load_series(store, "NATO_EUCA", membership="fixed").values()
    assert fixed.loc[2024] == pytest.approx(by_year.loc[2024])
    assert fixed.dropna().index.min() > 1992 or fixed.loc[1995] > by_year.loc[1995]


def test_nato_release_uses_its_published_bloc_total(store) -> None:
    series = load_series(store, "NATO_EUCA", release="NATO 2024-06")
    assert series.price_base == "2015"
    assert "published bloc total" in series.rule
    assert series.source_ids == ("nato-defexp-2024-06",)
    assert series.frame["year"].min() == 2014


def test_period_beyond_the_data_is_clipped_and_said(store) -> None:
    pair = load_pair(store, "RUS:NATO_EUCA", period="2014-2025")
    assert list(pair.frame.index) == list(range(2014, 2025))
    assert pair.notes and "2014-2024 only" in pair.notes[0]


def test_period_selection(store) -> None:
    pair = load_pair(store, "RUS:NATO", period="2014-2021")
    assert list(pair.frame.index) == list(range(2014, 2022))
    assert list(load_pair(store, "RUS:USA", period="pre-2014").frame.index)[-1] == 2013


@pytest.mark.parametrize(
    ("pair", "match"),
    [
        ("RUS:ATLANTIS", "unknown entity 'ATLANTIS'"),
        ("RUS", "two different entities"),
        ("RUS:RUS", "two different entities"),
    ],
)
def test_unknown_or_malformed_pair(store, pair, match) -> None:
    with pytest.raises(DynamicsError, match=match):
        load_pair(store, pair)


def test_release_without_constant_usd_lists_the_usable_ones(store) -> None:
    with pytest.raises(DynamicsError, match="use one of NATO 2024-06, SIPRI 2025"):
        load_pair(store, "RUS:NATO_EUCA", release="NATO 2025-08")


def test_release_without_russia(store) -> None:
    with pytest.raises(DynamicsError, match="no milex_usd_constant for RUS"):
        load_pair(store, "RUS:NATO_EUCA", release="NATO 2024-06")


def test_parse_helpers() -> None:
    assert parse_pair("rus:nato_euca") == ("RUS", "NATO_EUCA")
    assert parse_period("2014-2021") == (2014, 2021)
    assert parse_period("2022-") == (2022, None)
    assert parse_period("-2013") == (None, 2013)
    assert parse_period("from-2022") == (2022, None)
    with pytest.raises(DynamicsError, match="not understood"):
        parse_period("last decade")
    with pytest.raises(DynamicsError, match="not understood"):
        parse_period("2021-2014")
