"""National-currency budget lines and the relayed releases between the publisher tables.

Figures are checked exactly as their sources print them; a national-currency amount is
never converted; each relayed release keeps its own label, date and definition family.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from armsrace.facts import queries

ROOT = Path(__file__).resolve().parents[2]


def _one(store, **kw) -> float:
    """The one value the release gives (several relays of one figure agree on it)."""
    values = set(queries.observations(store, **kw)["value"])
    assert len(values) == 1, values
    return float(values.pop())


def test_sipri_april_2023_fact_sheet_figures_as_relayed(store) -> None:
    assert (
        _one(store, entity="WLD", year=2022, indicator="milex_usd_current", release="SIPRI 2023")
        == 2_240_000
    )
    assert (
        _one(store, entity="RUS", year=2022, indicator="milex_usd_current", release="SIPRI 2023")
        == 86_400
    )
    assert (
        _one(store, entity="UKR", year=2022, indicator="milex_real_change", release="SIPRI 2023")
        == 640
    )
    assert (
        _one(
            store,
            entity="SIPRI_AFRICA",
            year=2022,
            indicator="milex_real_change",
            release="SIPRI 2023",
        )
        == -5.3
    )
    # SIPRI revised Russia 2022 afterwards: both releases stay, each under its own label
    later = queries.observations(
        store, entity="RUS", year=2022, indicator="milex_usd_current", release="SIPRI 2025"
    )
    assert float(later["value"].iloc[0]) > 86_400


def test_sipri_april_2024_and_nato_april_2025_figures_as_relayed(store) -> None:
    assert (
        _one(store, entity="WLD", year=2023, indicator="milex_usd_current", release="SIPRI 2024")
        == 2_443_000
    )
    assert (
        _one(store, entity="RUS", year=2023, indicator="milex_share_gdp", release="SIPRI 2024")
        == 5.9
    )
    assert (
        _one(store, entity="USA", year=2024, indicator="milex_share_gdp", release="NATO AR 2025-04")
        == 3.19
    )
    assert (
        _one(store, entity="POL", year=2024, indicator="milex_share_gdp", release="NATO AR 2025-04")
        == 4.07
    )
    totals = queries.observations(
        store, entity="NATO", year=2024, indicator="milex_usd_constant", release="NATO AR 2025-04"
    )
    assert totals["price_base"].tolist() == ["2021"] and totals["value"].tolist() == [1_303_000]


def test_iiss_figures_are_their_own_definition_family(store) -> None:
    rub = queries.observations(store, entity="RUS", year=2024, indicator="milex_lcu_current")
    iiss = rub[rub["release"] == "IISS MB 2025"]
    assert iiss["value"].tolist() == [13_100] and iiss["unit"].tolist() == ["rub_billion"]
    for release in ("IISS MB 2025", "IISS MB 2026"):
        rows = queries.observations(store, release=release)
        assert set(rows["definition"]) == {"IISS"}, release


def test_budget_lines_stay_in_their_currency_and_stage(store) -> None:
    deu = queries.observations(store, entity="DEU", year=2025, indicator="budget_defence_lcu")
    by_release = dict(zip(deu["release"], deu["value"], strict=True))
    # the regular defence budget (Einzelplan 14): July 2024 draft, June 2025 draft, law
    assert by_release["DEU draft federal budget 2025 (2024-07)"] == 53.25
    assert by_release["DEU draft federal budget 2025 (2025-06-24)"] == 62.43
    assert by_release["DEU federal budget 2025 (Bundestag 2025-09-17)"] == 62.31
    assert set(deu["unit"]) == {"eur_billion"}
    # the total with the special fund is kept apart from the budget line
    total = queries.observations(store, entity="DEU", year=2025, indicator="milex_lcu_current")
    assert sorted(total["value"]) == [86.37, 86.49]
    rus = queries.observations(store, entity="RUS", year=2024, indicator="budget_defence_lcu")
    law = rus[rus["release"].str.contains("law 2024-2026")]
    assert law["value"].tolist() == [10_775]
    pol = queries.observations(store, entity="POL", year=2025, indicator="milex_lcu_current")
    assert set(pol["unit"]) == {"pln_billion"} and sorted(pol["value"]) == [186, 187]


def test_every_new_figure_has_a_source_row(store) -> None:
    new = queries.observations(store)
    new = new[
        new["release"].isin(
            ["SIPRI 2023", "SIPRI 2024", "NATO AR 2025-04", "IISS MB 2025", "IISS MB 2026"]
        )
        | new["indicator"].isin(["budget_defence_lcu", "milex_lcu_current"])
    ]
    sources = queries.sources(store).set_index("source_id")
    missing = sorted(set(new["source_id"]) - set(sources.index))
    assert missing == []
    for sid in set(new["source_id"]):
        row = sources.loc[sid]
        assert row["publisher"] and str(row["url"]).startswith("http") and row["date_published"], (
            sid
        )


@pytest.fixture
def relays_module(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    return importlib.import_module("package_data.relays")


HEADER = "entity,year,indicator,value,unit,price_base,estimate,source_id,note\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("RUS,2024,milex_lcu_current,13.1,rub_zillion,,,s,n\n", "x.relays.csv line 2, field unit"),
        ("RUS,2024,milex_lcu_current,13,1,rub_trillion,,,s\n", "x.relays.csv line 2, field unit"),
        (
            "RUS,2024,milex_lcu_current,thirteen,rub_trillion,,,s,n\n",
            "x.relays.csv line 2, field value",
        ),
        ("RUS,2024,milex_lcu_current,NaN,rub_trillion,,,s,n\n", "x.relays.csv line 2, field value"),
    ],
)
def test_bad_transcription_rows_are_refused_with_file_line_field(
    relays_module, tmp_path: Path, row: str, expected: str
) -> None:
    path = tmp_path / "x.relays.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(SystemExit, match=expected):
        relays_module.observations(path, release="T 2024", definition="IISS")


def test_trillions_are_written_in_billions_by_a_decimal_shift(
    relays_module, tmp_path: Path
) -> None:
    path = tmp_path / "x.relays.csv"
    path.write_text(
        HEADER + "RUS,2024,milex_lcu_current,13.1,rub_trillion,,,s,as printed\n", encoding="utf-8"
    )
    (row,) = relays_module.observations(path, release="T 2024", definition="IISS")
    assert (row["value"], row["unit"]) == ("13100", "rub_billion")
    assert row["note"] == "as printed; RUB trillion in the relay, written here in RUB billion"


def test_a_national_amount_in_a_unit_of_another_indicator_is_refused(tmp_path: Path) -> None:
    from armsrace.errors import ImportValidationError
    from armsrace.facts.imports import import_csv
    from armsrace.facts.store import open_store

    db = tmp_path / "s.duckdb"
    with open_store(db, read_only=False):
        pass
    bad = tmp_path / "obs.csv"
    bad.write_text(
        "entity,year,indicator,value,unit,price_base,low,high,estimate,definition,release,source_id,note\n"
        "DEU,2025,budget_defence_lcu,62.43,usd_billion,,,,true,national,x,sipri-milex-2025,\n",
        encoding="utf-8",
    )
    with open_store(db, read_only=False) as s, pytest.raises(ImportValidationError) as info:
        import_csv(s, bad)
    text = str(info.value)
    assert "line 2" in text and "unit" in text and "eur_billion" in text
