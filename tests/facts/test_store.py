"""The packaged fact store: sourced rows, membership by year, values as published, build errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from armsrace.errors import DataError
from armsrace.facts import queries
from armsrace.facts.store import build_store, open_store, packaged_data_dir


def test_every_row_points_to_a_source(store) -> None:
    known = set(queries.sources(store)["source_id"])
    for table in ("observation", "production", "statement", "target", "membership"):
        used = set(store.sql(f"SELECT DISTINCT source_id FROM {table}")["source_id"])
        assert used, table
        assert used <= known, (table, used - known)


def test_every_source_has_publisher_title_and_url(store) -> None:
    src = queries.sources(store)
    assert (src["publisher"].str.len() > 0).all()
    assert src["url"].str.match(r"^https?://").all()


@pytest.mark.parametrize(
    ("year", "n_nato", "fin", "swe"),
    [
        (2022, 30, False, False),
        (2023, 31, True, False),
        (2024, 32, True, True),
        (2025, 32, True, True),
    ],
)
def test_membership_by_year(store, year: int, n_nato: int, fin: bool, swe: bool) -> None:
    members = queries.members(store, "NATO", year)
    assert len(members) == n_nato
    assert ("FIN" in members) is fin
    assert ("SWE" in members) is swe
    euca = queries.members(store, "NATO_EUCA", year)
    assert "USA" not in euca and "CAN" in euca
    assert set(euca) == set(members) - {"USA"}


def test_membership_before_later_accessions(store) -> None:
    members_2016 = queries.members(store, "NATO", 2016)
    assert "MNE" not in members_2016 and "MKD" not in members_2016
    assert "MNE" in queries.members(store, "NATO", 2017)
    assert "MKD" in queries.members(store, "NATO", 2020)


def test_unknown_bloc_is_a_clear_error(store) -> None:
    with pytest.raises(DataError, match="unknown bloc 'WARSAW'"):
        queries.members(store, "WARSAW", 2024)


# NATO prints shares to two decimals; SIPRI headline figures in USD bn and % of GDP.
NATO_2025_08 = [
    ("POL", 2014, 1.86),
    ("POL", 2025, 4.48),
    ("USA", 2014, 3.71),
    ("USA", 2025, 3.22),
    ("ESP", 2025, 2.00),
    ("FIN", 2025, 2.77),
    ("EST", 2014, 1.90),
    ("DEU", 2014, 1.16),
]


@pytest.mark.parametrize(("entity", "year", "published"), NATO_2025_08)
def test_nato_shares_as_published(store, entity: str, year: int, published: float) -> None:
    obs = queries.observations(
        store,
        entity=entity,
        year=year,
        indicator="milex_share_gdp",
        source_id="nato-defexp-2025-08",
    )
    assert len(obs) == 1
    assert round(float(obs["value"].iloc[0]), 2) == published
    assert obs["release"].iloc[0] == "NATO 2025-08"


def test_germany_2025_is_missing_not_filled(store) -> None:
    obs = queries.observations(
        store, entity="DEU", year=2025, indicator="milex_share_gdp", source_id="nato-defexp-2025-08"
    )
    assert len(obs) == 1 and obs["value"].isna().all()


@pytest.mark.parametrize(
    ("year", "indicator", "published", "digits"),
    [
        (2024, "milex_usd_current", 149.0, 1),
        (2024, "milex_share_gdp", 7.05, 2),
        (2022, "milex_usd_current", 102.4, 1),
        (2014, "milex_usd_current", 84.7, 1),
    ],
)
def test_russia_sipri_as_published(
    store, year: int, indicator: str, published: float, digits: int
) -> None:
    obs = queries.observations(
        store, entity="RUS", year=year, indicator=indicator, source_id="sipri-milex-2025"
    )
    value = float(obs["value"].iloc[0])
    if indicator == "milex_usd_current":
        value /= 1000.0
    assert round(value, digits) == published


def test_disagreeing_sources_are_all_kept(store) -> None:
    rus = queries.observations(store, entity="RUS", year=2024, indicator="milex_usd_current")
    assert {"sipri-milex-2025", "m5dergi-2025-iiss"} <= set(rus["source_id"])
    assert rus["value"].nunique() >= 2


def test_gdp_measures_are_separate(store) -> None:
    mer = queries.gdp(store, entity="RUS", year=2022, measure="usd_current")
    ppp = queries.gdp(store, entity="RUS", year=2022, measure="ppp_current")
    assert set(mer["indicator"]) == {"gdp_usd_current"}
    assert set(ppp["indicator"]) == {"gdp_ppp_current"}
    with pytest.raises(DataError, match="unknown GDP measure"):
        queries.gdp(store, measure="ppp_or_whatever")


def test_coverage_all_allies_2014_to_2025(store) -> None:
    obs = queries.observations(store, indicator="milex_share_gdp", source_id="nato-defexp-2025-08")
    allies = set(queries.members(store, "NATO", 2025)) - {"ISL"}
    for year in range(2014, 2026):
        have = set(obs.loc[(obs["year"] == year), "entity"])
        assert allies - {"FIN", "SWE"} <= have, year


def test_production_covers_items_for_both_sides(store) -> None:
    prod = queries.production(store)
    for item in ("artillery_ammunition", "tanks", "armoured_vehicles", "interceptors", "drones"):
        sides = set(prod.loc[prod["item"] == item, "side"])
        assert sides, item
    assert (
        prod["claim_type"].isin(
            ["official", "independent_estimate", "press_claim", "political_statement"]
        )
    ).all()


# --- build errors name file, line and field -----------------------------------------------


def _copy_data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), d)
    return d


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


OBS_ROW = "POL,2030,milex_share_gdp,{value},pct_gdp,,,,false,NATO,test,{source},"


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (OBS_ROW.format(value="3.0", source="no-such-source"), "source_id", "unknown source"),
        (OBS_ROW.format(value="130", source="sipri-milex-2025"), "value", "between 0 and 100"),
        (
            "XXX,2030,milex_share_gdp,3,pct_gdp,,,,false,NATO,test,sipri-milex-2025,",
            "entity",
            "unknown country",
        ),
        (
            "POL,2030,milex_usd_current,-5,usd_million,,,,false,NATO,test,sipri-milex-2025,",
            "value",
            "negative",
        ),
        (
            "POL,2030,milex_share_gdp,3,pct_gdp,,4,2,false,NATO,test,sipri-milex-2025,",
            "low",
            "greater than",
        ),
        (
            "POL,twenty,milex_share_gdp,3,pct_gdp,,,,false,NATO,test,sipri-milex-2025,",
            "year",
            "not an integer",
        ),
    ],
)
def test_build_refuses_bad_rows(tmp_path: Path, line: str, field: str, message: str) -> None:
    data = _copy_data(tmp_path)
    lineno = _append(data / "observations.csv", line)
    target = tmp_path / "facts.duckdb"
    with pytest.raises(DataError) as info:
        build_store(target, data_dir=data)
    text = str(info.value)
    assert f"observations.csv line {lineno}" in text
    assert f"field `{field}`" in text
    assert message in text
    assert not target.exists()


def test_build_refuses_duplicate_key(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    first = (data / "observations.csv").read_text(encoding="utf-8").splitlines()[1]
    lineno = _append(data / "observations.csv", first)
    with pytest.raises(
        DataError, match=rf"observations.csv line {lineno}, field `entity`.*duplicate key"
    ):
        build_store(tmp_path / "facts.duckdb", data_dir=data)


def test_build_refuses_low_central_high_disorder_in_production(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    row = (
        "test/tanks,tanks,test tanks,output,new_build,country,,,RUS,RUS,Russia,2025,year,"
        "500,400,600,tanks,someone,2025,official,sipri-milex-2025,"
    )
    lineno = _append(data / "production.csv", row)
    with pytest.raises(DataError, match=rf"production.csv line {lineno}, field `low`"):
        build_store(tmp_path / "facts.duckdb", data_dir=data)


def test_store_rebuilds_when_packaged_data_change_and_keeps_user_rows(tmp_path: Path) -> None:
    from armsrace.facts.imports import import_csv

    data = _copy_data(tmp_path)
    path = tmp_path / "facts.duckdb"
    with open_store(path, data_dir=data, read_only=False) as s:
        old = s.checksum
        user = tmp_path / "mine.csv"
        user.write_text(
            "entity,year,indicator,value,unit,source_id,source_publisher,source_title,source_url\n"
            "POL,2026,milex_share_gdp,4.7,pct_gdp,mine-1,Me,My note,https://example.org/x\n",
            encoding="utf-8",
        )
        import_csv(s, user)
    _append(data / "observations.csv", OBS_ROW.format(value="3.5", source="sipri-milex-2025"))
    with open_store(path, data_dir=data) as s:
        assert s.checksum != old
        assert (
            len(queries.observations(s, entity="POL", year=2030, indicator="milex_share_gdp")) == 1
        )
        mine = queries.observations(s, source_id="mine-1")
        assert mine["value"].tolist() == [4.7]
