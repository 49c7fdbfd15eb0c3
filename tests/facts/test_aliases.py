"""Aliases as data: coverage, resolution rules, ambiguity, and refusal of bad rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from armsrace.errors import AmbiguousEntityError, DataError, UnknownEntityError
from armsrace.facts import queries
from armsrace.facts.aliases import AliasIndex, require_entity, resolve_entity
from armsrace.facts.schema import ALIAS_KINDS
from armsrace.facts.store import build_store, open_store, packaged_data_dir


@pytest.fixture
def index(store) -> AliasIndex:
    return AliasIndex.from_store(store)


def test_alias_query_columns_and_kinds(store) -> None:
    frame = queries.aliases(store)
    assert list(frame.columns) == ["alias", "entity_id", "alias_kind"]
    assert set(frame["alias_kind"]) == set(ALIAS_KINDS)
    assert not frame["alias"].str.strip().eq("").any()


def test_every_country_has_a_name_and_an_adjective(store) -> None:
    countries = set(queries.entities(store, kind=["country", "historical"])["entity_id"])
    frame = queries.aliases(store)
    for kind in ("name", "adjective"):
        have = set(frame.loc[frame["alias_kind"] == kind, "entity_id"])
        # "New Zealand" is its own adjective: one row (alias, entity) of kind name
        assert countries - have == ({"NZL"} if kind == "adjective" else set()), kind


def test_every_entity_resolves_from_its_own_name(store, index: AliasIndex) -> None:
    for r in queries.entities(store).itertuples():
        if r.entity_id == "SIPRI_EUROPE":  # "Europe" also names the EU: ambiguous on purpose
            continue
        assert index.resolve(r.name) == r.entity_id, r.name


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Israeli", "ISR"),
        ("Iranian", "IRN"),
        ("Polish", "POL"),
        ("Pole", "POL"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Washington", "USA"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Beijing", "CHN"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("UK", "GBR"),
        ("US", "USA"),
        ("usa", "USA"),
        ("nato", "NATO"),
        ("European Union", "EU"),
        ("Middle East", "SIPRI_MIDDLE_EAST"),
        ("sub-Saharan Africa", "SIPRI_SUB_SAHARAN_AFRICA"),
        ("  south   korea ", "KOR"),
        ("Soviet Union", "SUN"),
    ],
)
def test_resolve(index: AliasIndex, text: str, entity_id: str) -> None:
    assert index.resolve(text) == entity_id


def test_abbreviations_match_case_sensitively(index: AliasIndex) -> None:
    assert index.resolve("US") == "USA"
    assert index.resolve("us") is None
    assert index.resolve("u.s.") is None
    assert index.resolve("Uk") is None


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Brussels", {"BEL", "NATO", "EU"}),
        ("Korea", {"KOR", "PRK"}),
        ("Congo", {"COD", "COG"}),
        ("Europe", {"EU", "SIPRI_EUROPE"}),
    ],
)
def test_ambiguous_aliases_are_never_resolved(index: AliasIndex, text: str, ids: set[str]) -> None:
    assert {e for e, _ in index.candidates(text)} == ids
    with pytest.raises(AmbiguousEntityError) as info:
        index.resolve(text)
    for e in ids:
        assert e in str(info.value)


def test_cli_accepts_names_and_ids_but_not_capitals(store) -> None:
    assert require_entity(store, "Poland") == "POL"
    assert require_entity(store, "ISR") == "ISR"
    assert require_entity(store, "United States of America") == "USA"
    with pytest.raises(UnknownEntityError, match=r"'Moscow' is a capital of Russia \(RUS\)"):
        require_entity(store, "Moscow")
    with pytest.raises(UnknownEntityError, match="'Polish' is a adjective|'Polish' is an? adj"):
        require_entity(store, "Polish")
    with pytest.raises(UnknownEntityError, match="unknown entity 'Atlantis'"):
        require_entity(store, "Atlantis")
    assert resolve_entity(store, "Atlantis") is None


def test_entities_keep_an_aliases_column_for_older_callers(store) -> None:
    frame = queries.entities(store).set_index("entity_id")
    assert "Russian Federation" in frame.loc["RUS", "aliases"].split(";")
    assert "Moscow" not in frame.loc["RUS", "aliases"].split(";")  # capitals: alias table only


def test_cli_show_by_name(cli) -> None:
    by_name = cli("data", "show", "--country", "Poland", "--year", "2024", "-f", "csv")
    by_id = cli("data", "show", "--country", "POL", "--year", "2024", "-f", "csv")
    assert by_name.exit_code == 0, (by_name.stderr, by_name.exception)
    assert by_name.stdout == by_id.stdout and "POL" in by_id.stdout
    refused = cli("data", "show", "--country", "Moscow", "--year", "2024")
    assert refused.exit_code == 1
    assert "give the country, bloc or region itself (RUS)" in refused.stderr


# --- bad alias rows: file, line, field ----------------------------------------------------


def _data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), d)
    return d


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("Mordor,MOR,name", "entity_id", "unknown country"),
        (",POL,name", "alias", "is required and empty"),
        ("Polska,POL,nickname", "alias_kind", "must be one of"),
        ("poland,POL,name", "alias", "duplicate key"),
    ],
)
def test_build_refuses_bad_alias_rows(tmp_path: Path, row: str, field: str, message: str) -> None:
    data = _data(tmp_path)
    path = data / "aliases.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    lineno = text.count("\n") + 1
    target = tmp_path / "facts.duckdb"
    with pytest.raises(DataError) as info:
        build_store(target, data_dir=data)
    assert f"aliases.csv line {lineno}, field `{field}`" in str(info.value)
    assert message in str(info.value)
    assert not target.exists()


def test_older_schema_store_is_rebuilt_with_user_rows(tmp_path: Path) -> None:
    import duckdb

    from armsrace.facts.imports import import_csv

    path = tmp_path / "facts.duckdb"
    with open_store(path, read_only=False) as s:
        mine = tmp_path / "mine.csv"
        mine.write_text(
            "entity,year,indicator,value,unit,source_id,source_publisher,source_title,source_url\n"
            "POL,2026,milex_share_gdp,4.7,pct_gdp,mine-1,Me,My note,https://example.org/x\n",
            encoding="utf-8",
        )
        import_csv(s, mine)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE alias")  # what a version-1 store looked like
    con.execute("UPDATE schema_version SET version = 1")
    con.close()
    with open_store(path) as s:
        assert len(queries.aliases(s)) > 0
        assert queries.observations(s, source_id="mine-1")["value"].tolist() == [4.7]
