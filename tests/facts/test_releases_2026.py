"""The 2026 releases sit beside the earlier ones, each figure as its relay printed it."""

from __future__ import annotations

import json

import pytest

from armsrace.facts import queries


def _one(store, **filters) -> dict:
    obs = queries.observations(store, **filters)
    assert len(obs) == 1, obs
    return obs.iloc[0].to_dict()


# NATO, Defence Expenditure of NATO Countries (2014-2026), July 2026, as relayed
NATO_2026_07 = [
    ("DEU", 2025, "milex_share_gdp", 2.22, ""),
    ("DEU", 2026, "milex_share_gdp", 2.69, ""),
    ("POL", 2025, "milex_share_gdp", 4.25, ""),
    ("POL", 2026, "milex_share_gdp", 4.68, ""),
    ("SWE", 2026, "milex_share_gdp", 3.22, ""),
    ("SWE", 2026, "milex_usd_current", 24186, ""),
    ("SWE", 2026, "milex_usd_constant", 21538, "2021"),
    ("SWE", 2026, "equipment_share", 25.41, ""),
    ("USA", 2026, "milex_usd_current", 1032849, ""),
    ("CZE", 2024, "equipment_share", 39.70, ""),
    ("CZE", 2026, "equipment_share", 25.09, ""),
]


@pytest.mark.parametrize(("entity", "year", "indicator", "published", "base"), NATO_2026_07)
def test_nato_july_2026_figures_as_published(
    store, entity: str, year: int, indicator: str, published: float, base: str
) -> None:
    row = _one(store, entity=entity, year=year, indicator=indicator, release="NATO 2026-07")
    assert row["value"] == published
    assert (row["price_base"] or "") == base
    assert row["definition"] == "NATO core defence"
    assert row["estimate"] == (year >= 2025)


def test_earlier_nato_releases_are_still_there(store) -> None:
    pol = queries.observations(store, entity="POL", year=2025, indicator="milex_share_gdp")
    by_source = dict(zip(pol["source_id"], pol["value"], strict=True))
    assert round(by_source["nato-defexp-2025-08"], 2) == 4.48
    assert by_source["allocator-2026-nato-defexp-2026-deu-pol"] == 4.25
    assert {"NATO 2025-08", "NATO AR 2026-03", "NATO 2026-07"} <= set(pol["release"])
    old = _one(
        store, entity="POL", year=2014, indicator="milex_share_gdp", source_id="nato-defexp-2024-06"
    )
    assert old["release"] == "NATO 2024-06"


def test_czech_history_matches_natos_earlier_tables(store) -> None:
    """The unrevised years of the relay agree with NATO's own August 2025 table."""
    eq = queries.observations(
        store, entity="CZE", indicator="equipment_share", year=range(2014, 2023)
    )
    wide = eq.pivot_table(index="year", columns="release", values="value")
    assert len(wide) == 9
    assert (wide["NATO 2026-07"].round(2) == wide["NATO 2025-08"].round(2)).all()


# SIPRI 2026 release (constant 2024 US$), as relayed; USD million
A, E = "argos-2026-sipri-milex-2026", "edpradar-2026-sipri-milex-2026-swe"
SIPRI_2026 = [
    ("SWE", 2025, "milex_usd_current", 16473.47720649671, "", E),
    ("SWE", 2025, "milex_usd_constant", 14954.07135864315, "2024", E),
    ("SWE", 2025, "milex_share_gdp", 2.471184849540041, "", E),
    ("POL", 2025, "milex_usd_current", 46800, "", A),
    ("POL", 2025, "milex_share_gdp", 4.5, "", A),
    ("RUS", 2025, "milex_usd_constant", 158240, "2024", A),
    ("RUS", 2000, "milex_usd_constant", 23740, "2024", A),
    ("USA", 2025, "milex_usd_current", 954400, "", A),
    ("UKR", 2025, "milex_share_gdp", 39.6, "", A),
]


@pytest.mark.parametrize(("entity", "year", "indicator", "published", "base", "source"), SIPRI_2026)
def test_sipri_2026_figures_as_relayed(
    store, entity: str, year: int, indicator: str, published: float, base: str, source: str
) -> None:
    row = _one(store, entity=entity, year=year, indicator=indicator, source_id=source)
    assert row["release"] == "SIPRI 2026"
    assert row["value"] == pytest.approx(published, rel=1e-15)
    assert (row["price_base"] or "") == base and row["definition"] == "SIPRI"


# SIPRI Fact Sheet, April 2026, Table 1 (three significant figures):
# https://www.sipri.org/sites/default/files/2026-04/2604_milex_2025.pdf
FACT_SHEET_2025_USD_BN = {"USA": 954, "CHN": 336, "RUS": 190, "DEU": 114, "POL": 46.8, "SWE": 16.5}


@pytest.mark.parametrize(("entity", "quoted_bn"), FACT_SHEET_2025_USD_BN.items())
def test_sipri_2026_rows_agree_with_the_fact_sheet(store, entity: str, quoted_bn: float) -> None:
    rows = queries.observations(
        store, entity=entity, year=2025, indicator="milex_usd_current", release="SIPRI 2026"
    )
    assert len(rows) >= 1
    for value_m in rows["value"]:
        digits = 3 - len(str(int(quoted_bn)))
        assert round(value_m / 1000, digits) == quoted_bn


def test_constant_price_bases_stay_apart(store) -> None:
    sipri = queries.observations(store, indicator="milex_usd_constant", definition="SIPRI")
    bases = sipri.groupby("release")["price_base"].unique().map(set).to_dict()
    assert bases["SIPRI 2025"] == {"2023"} and bases["SIPRI 2026"] == {"2024"}


def test_new_release_sources_say_where_figures_came_from(store) -> None:
    src = queries.sources(store).set_index("source_id")
    for sid in ("sipri-milex-2026", "nato-defexp-2026-07"):
        assert "NOT obtained" in src.loc[sid, "obtained_via"]
    assert "DEFINITION CHANGE" in src.loc["nato-defexp-2026-07", "note"]
    relays = src.loc[
        [
            "argos-2026-sipri-milex-2026",
            "edpradar-2026-sipri-milex-2026-swe",
            "edpradar-2026-nato-defexp-2026",
            "czbudget-2026-nato-defexp-2026-cze",
            "allocator-2026-nato-defexp-2026-deu-pol",
        ]
    ]
    assert relays["url"].str.startswith("https://").all()
    # a relay is not the publisher's own table: its source row names no release
    assert (relays["release"].fillna("") == "").all()


def test_analyses_take_the_newest_whole_table(store) -> None:
    """Releases known only from relays do not displace the newest publisher table."""
    assert (
        queries.latest_table_release(store, "NATO", indicator="milex_share_gdp") == "NATO 2025-08"
    )
    assert queries.latest_table_release(store, "SIPRI") == "SIPRI 2025"
    assert queries.latest_table_release(store, "IMF") == "IMF WEO 2025-10"
    assert queries.latest_table_release(store, "NOBODY") is None


def test_show_poland_2025_lists_three_nato_releases(cli) -> None:
    res = cli(
        "data",
        "show",
        "--country",
        "POL",
        "--year",
        "2025",
        "--metric",
        "milex_share_gdp",
        "--format",
        "json",
    )
    assert res.exit_code == 0, res.stderr
    nato = {
        r["release"]: r["value"] for r in json.loads(res.stdout) if r["release"].startswith("NATO")
    }
    assert round(nato["NATO 2025-08"], 2) == 4.48
    assert nato["NATO AR 2026-03"] == 4.3 and nato["NATO 2026-07"] == 4.25


def test_known_gaps_name_the_releases_that_could_not_be_sourced(tmp_path) -> None:
    from armsrace.errors import DataError
    from armsrace.facts.gaps import known_gaps

    gaps = known_gaps()
    assert {"SIPRI 2026", "NATO 2026-07", "IMF WEO 2026-04"} <= set(gaps["release"])
    assert gaps["missing"].str.len().min() > 10
    (tmp_path / "known_gaps.yml").write_text("gaps:\n  - release: X\n", encoding="utf-8")
    with pytest.raises(DataError, match="gap 1 needs release, what, missing"):
        known_gaps(tmp_path)


FACT_SHEET_AS_PRINTED = [
    ("CAN", 2025, "milex_usd_current", 37500),
    ("CAN", 2025, "milex_real_change", 23.0),
    ("NOR", 2016, "milex_share_gdp", 1.6),
    ("SOM", 2025, "milex_usd_current", 199),
    ("IRQ", 2025, "milex_share_gdp", 2.4),
]


@pytest.mark.parametrize(("entity", "year", "indicator", "printed"), FACT_SHEET_AS_PRINTED)
def test_fact_sheet_figures_as_printed(
    store, entity: str, year: int, indicator: str, printed: float
) -> None:
    row = _one(
        store, entity=entity, year=year, indicator=indicator, source_id="sipri-factsheet-2026-04"
    )
    assert row["value"] == printed and row["release"] == "SIPRI 2026"


def test_fact_sheet_marks_sipri_estimates(store) -> None:
    rows = queries.observations(
        store, year=2025, indicator="milex_usd_current", source_id="sipri-factsheet-2026-04"
    )
    flagged = set(rows.loc[rows["estimate"].fillna(False).astype(bool), "entity"])
    assert flagged == {"CHN", "RUS", "UKR", "SAU"}


def _sig3(x: float) -> float:
    from math import floor, log10

    return round(x, 2 - floor(log10(abs(x))))


def test_two_transcriptions_of_sipri_2026_agree(store) -> None:
    """AbuGDN/Argos's copy of the workbook rounds to the fact sheet's printed figures."""
    rows = queries.observations(
        store, year=2025, indicator="milex_usd_current", release="SIPRI 2026"
    )
    wide = rows.pivot_table(index="entity", columns="source_id", values="value")
    both = wide.dropna(subset=["argos-2026-sipri-milex-2026", "sipri-factsheet-2026-04"])
    assert len(both) >= 15
    for entity, r in both.iterrows():
        printed = r["sipri-factsheet-2026-04"] / 1000
        assert _sig3(r["argos-2026-sipri-milex-2026"] / 1000) == pytest.approx(printed), entity


@pytest.mark.parametrize(
    ("publisher", "picked"),
    [
        ("Daily Example (a newspaper)", "NATO 2025-08"),
        ("North Atlantic Treaty Organization (NATO)", "NATO 2031-07"),
    ],
)
def test_a_new_table_is_picked_up_but_a_relay_is_not(tmp_path, publisher: str, picked: str) -> None:
    import shutil

    from armsrace.facts.store import build_store, open_store, packaged_data_dir

    data = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), data)
    (data / "sources_test.csv").write_text(
        "source_id,publisher,title,url,date_published,release\n"
        f'nato-test-2031,"{publisher}",Test table,https://example.org/nato,2031-07-01,NATO 2031-07\n',
        encoding="utf-8",
    )
    (data / "observations_test.csv").write_text(
        "entity,year,indicator,value,unit,definition,release,source_id\n"
        "POL,2031,milex_share_gdp,4.9,pct_gdp,NATO,NATO 2031-07,nato-test-2031\n",
        encoding="utf-8",
    )
    path = tmp_path / "facts.duckdb"
    build_store(path, data_dir=data)
    with open_store(path, data_dir=data) as s:
        assert queries.latest_table_release(s, "NATO", indicator="milex_share_gdp") == picked
