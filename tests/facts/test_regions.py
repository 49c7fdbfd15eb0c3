"""SIPRI regions and sub-regions, and the EU, as membership data."""

from __future__ import annotations

import pytest

from armsrace.facts import queries


@pytest.fixture
def regions(store):
    return queries.entities(store, kind=["region", "world"]).set_index("entity_id")


def test_region_ids_are_the_agreed_ones(regions, sipri_region_ids) -> None:
    assert set(regions.index) == sipri_region_ids


@pytest.mark.parametrize(
    ("region", "year", "inside", "outside"),
    [
        ("SIPRI_MIDDLE_EAST", 2024, {"ISR", "IRN", "SAU", "TUR", "EGY"}, {"RUS", "POL"}),
        ("SIPRI_CENTRAL_EUROPE", 2024, {"POL", "CZE", "SRB"}, {"DEU", "UKR"}),
        ("SIPRI_EASTERN_EUROPE", 2024, {"RUS", "UKR", "BLR", "GEO"}, {"POL", "SUN"}),
        ("SIPRI_EASTERN_EUROPE", 1990, {"SUN"}, set()),
        ("SIPRI_WESTERN_EUROPE", 2024, {"DEU", "FRA", "GBR", "CHE"}, {"POL"}),
        ("SIPRI_NORTH_AMERICA", 2024, {"USA", "CAN"}, {"MEX"}),
        ("SIPRI_EAST_ASIA", 2024, {"CHN", "JPN", "KOR", "PRK", "TWN"}, {"IND"}),
        ("SIPRI_SOUTH_ASIA", 2024, {"IND", "PAK"}, {"CHN"}),
        ("SIPRI_EUROPE", 2024, {"POL", "RUS", "DEU"}, {"TUR", "ISR"}),
        ("SIPRI_CENTRAL_EUROPE", 1985, {"DDR", "YUG", "CSK"}, set()),
        ("SIPRI_CENTRAL_EUROPE", 1995, set(), {"DDR", "YUG"}),
    ],
)
def test_membership(store, region: str, year: int, inside: set[str], outside: set[str]) -> None:
    members = set(queries.members(store, region, year))
    assert inside <= members
    assert not outside & members


def test_sub_regions_nest_in_their_region(store, regions) -> None:
    for year in (1960, 1990, 2024):
        for rid, r in regions.iterrows():
            if not r["parent"]:
                assert rid == "WLD"
                continue
            assert set(queries.members(store, rid, year)) <= set(
                queries.members(store, r["parent"], year)
            ), (rid, year)


def test_every_country_in_exactly_one_leaf(store, regions) -> None:
    parents = set(regions["parent"])
    leaves = [rid for rid in regions.index if rid not in parents]
    assert "SIPRI_MIDDLE_EAST" in leaves and "SIPRI_EUROPE" not in leaves
    countries = queries.entities(store, kind=["country", "historical"]).set_index("entity_id")
    member_rows = store.sql("SELECT country, bloc FROM membership")
    for iso in countries.index:
        in_leaves = set(member_rows.loc[member_rows["country"] == iso, "bloc"]) & set(leaves)
        assert in_leaves == {countries.loc[iso, "parent"]}, iso


def test_world_is_every_country_of_the_year(store) -> None:
    countries = set(queries.entities(store, kind="country")["entity_id"])
    world = set(queries.members(store, "WLD", 2024))
    assert world == countries
    former = set(queries.entities(store, kind="historical")["entity_id"])
    assert former == {"SUN", "DDR", "YUG", "CSK", "YAR"}
    assert former <= set(queries.members(store, "WLD", 1985))
    regions = ["SIPRI_AFRICA", "SIPRI_AMERICAS", "SIPRI_ASIA_OCEANIA", "SIPRI_EUROPE"]
    union = set(queries.members(store, "SIPRI_MIDDLE_EAST", 2024))
    for r in regions:
        part = set(queries.members(store, r, 2024))
        assert not part & union
        union |= part
    assert union == world


def test_eu_membership_by_year(store) -> None:
    assert len(queries.members(store, "EU", 2024)) == 27
    assert "GBR" in queries.members(store, "EU", 2019)
    assert "GBR" not in queries.members(store, "EU", 2020)
    assert "HRV" not in queries.members(store, "EU", 2012)
    assert "HRV" in queries.members(store, "EU", 2013)
    assert len(queries.members(store, "EU", 1958)) == 6


def test_membership_rows_are_sourced(store) -> None:
    assert queries.membership_sources(store, "SIPRI_MIDDLE_EAST") == ("sipri-milex-2025",)
    assert queries.membership_sources(store, "EU") == ("europa-eu-countries",)
    src = queries.sources(store, source_id="europa-eu-countries")
    assert src["url"].tolist() == ["https://europa.eu/european-union/about-eu/countries_en"]
