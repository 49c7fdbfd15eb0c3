"""Every SIPRI country and SIPRI's world, regional and sub-regional totals are in the store."""

from __future__ import annotations

import pytest

from armsrace.facts import queries


def test_every_sipri_country_and_total_is_loaded(store, sipri_region_ids) -> None:
    ents = queries.entities(store).set_index("entity_id")
    sipri = set(queries.observations(store, source_id="sipri-milex-2025")["entity"])
    countries = {e for e in sipri if ents.loc[e, "kind"] in ("country", "historical")}
    # the 2025 release's copy names 169 countries and states (ISO3), and 19 totals
    assert len(countries) == 169
    assert sipri - countries == sipri_region_ids
    assert {"ISR", "IRN", "IND", "JPN", "SAU", "KOR", "TWN", "XKX"} <= countries


def test_entity_kinds_of_totals_and_former_states(store, sipri_region_ids) -> None:
    kinds = queries.entities(store).set_index("entity_id")["kind"]
    assert kinds["WLD"] == "world"
    assert {kinds[r] for r in sipri_region_ids - {"WLD"}} == {"region"}
    assert kinds["CSK"] == "historical"
    assert kinds["ISR"] == "country" and kinds["NATO"] == "bloc"


# SIPRI's April 2025 fact sheet as relayed by Saba (https://saba.ye/en/news3472467.htm):
# world $2.72 trillion, Europe $693 bn, Middle East $243 bn, Israel $46.5 bn, Iran $7.9 bn,
# Lebanon $635 million (2024, current US$). Values in USD million, rounded as published.
PUBLISHED_2024 = [
    ("WLD", 2_720_000, -4),
    ("SIPRI_EUROPE", 693_000, -3),
    ("SIPRI_MIDDLE_EAST", 243_000, -3),
    ("ISR", 46_500, -2),
    ("IRN", 7_900, -2),
    ("LBN", 635, 0),
]


@pytest.mark.parametrize(("entity", "published", "digits"), PUBLISHED_2024)
def test_sipri_2024_figures_as_published(store, entity: str, published: int, digits: int) -> None:
    obs = queries.observations(
        store,
        entity=entity,
        year=2024,
        indicator="milex_usd_current",
        source_id="sipri-milex-2025",
    )
    assert len(obs) == 1
    assert round(float(obs["value"].iloc[0]), digits) == published
    assert obs["release"].iloc[0] == "SIPRI 2025" and obs["unit"].iloc[0] == "usd_million"


def test_totals_are_shifted_from_billions_not_recomputed(store) -> None:
    """SIPRI prints totals in USD bn; the store holds the same digits in USD million."""
    world = queries.observations(
        store, entity="WLD", indicator="milex_usd_constant", source_id="sipri-milex-2025"
    )
    assert len(world) == 33 and set(world["price_base"]) == {"2023"}
    assert world["note"].str.contains("USD billion in the source").all()
    # SIPRI prints at most 3 decimals of a billion: shifted, every value is whole millions
    assert ((world["value"] % 1).round(9) == 0).all()
    assert float(world.loc[world["year"] == 1992, "value"].iloc[0]) == 1_388_100


def test_data_show_answers_for_israel_and_the_world(cli) -> None:
    for entity in ("ISR", "WLD"):
        res = cli("data", "show", "--country", entity, "--year", "2024", "--format", "csv")
        assert res.exit_code == 0, res.stderr
        assert "sipri-milex-2025" in res.stdout and entity in res.stdout


def test_build_refuses_an_unknown_entity_kind(tmp_path) -> None:
    import shutil

    from armsrace.errors import DataError
    from armsrace.facts.store import build_store, packaged_data_dir

    data = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), data)
    path = data / "entities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "ATL,Atlantis,continent,Atlantis"]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"entities.csv line {len(lines) + 1}, field `kind`"):
        build_store(tmp_path / "facts.duckdb", data_dir=data)
