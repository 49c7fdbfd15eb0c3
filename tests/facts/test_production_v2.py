"""Production table v2: classification is required, relays are one claim, totals add up."""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

import pytest

from armsrace.errors import DataError
from armsrace.facts import queries
from armsrace.facts.schema import TABLES
from armsrace.facts.store import build_store, packaged_data_dir
from armsrace.facts.totals import production_total

COLUMNS = TABLES["production"].columns
GOOD = {
    "claim_id": "test/claim",
    "item": "tanks",
    "item_label": "test tanks",
    "kind": "output",
    "basis": "new_build",
    "scope": "country",
    "subtype": "",
    "model": "",
    "side": "RUS",
    "country": "RUS",
    "producer": "Russia",
    "year": "2025",
    "period": "year",
    "low": "",
    "central": "100",
    "high": "",
    "unit": "tanks",
    "claimant": "someone",
    "claim_date": "2025-01",
    "claim_type": "official",
    "source_id": "sipri-milex-2025",
    "note": "",
}


def _data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), d)
    return d


def _append_row(path: Path, row: dict[str, str], columns: tuple[str, ...] = COLUMNS) -> int:
    text = path.read_text(encoding="utf-8")
    line = ",".join(
        f'"{row.get(c, "")}"' if "," in row.get(c, "") else row.get(c, "") for c in columns
    )
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("field", ["kind", "basis", "scope"])
def test_build_refuses_production_row_missing_its_classification(
    tmp_path: Path, field: str
) -> None:
    data = _data(tmp_path)
    lineno = _append_row(data / "production_research.csv", {**GOOD, field: ""})
    target = tmp_path / "facts.duckdb"
    with pytest.raises(DataError) as info:
        build_store(target, data_dir=data)
    text = str(info.value)
    assert f"production_research.csv line {lineno}, field `{field}`" in text
    assert "is required and empty" in text
    assert not target.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"basis": "rebuilt"}, "basis", "must be one of new_build"),
        ({"scope": "planet"}, "scope", "must be one of plant"),
        ({"item": "drones", "unit": "drones"}, "subtype", "is required for drones"),
        ({"subtype": "155mm"}, "subtype", "is not a subtype of tanks"),
        ({"country": ""}, "country", "is required for scope country"),
        ({"scope": "nato_europe", "side": "NATO"}, "country", "must be empty for scope"),
        ({"country": "XXX"}, "country", "unknown country"),
        ({"claim_date": "spring 2025"}, "claim_date", "YYYY"),
    ],
)
def test_build_refuses_bad_classification(
    tmp_path: Path, changes: dict[str, str], field: str, message: str
) -> None:
    data = _data(tmp_path)
    lineno = _append_row(data / "production.csv", {**GOOD, **changes})
    with pytest.raises(DataError) as info:
        build_store(tmp_path / "facts.duckdb", data_dir=data)
    text = str(info.value)
    assert f"production.csv line {lineno}, field `{field}`" in text
    assert message in text


def test_build_refuses_relay_of_unknown_claim(tmp_path: Path) -> None:
    data = _data(tmp_path)
    cols = TABLES["production_relay"].columns
    row = {"claim_id": "no/such/claim", "source_id": "sipri-milex-2025", "relay_order": "2"}
    lineno = _append_row(data / "relays.csv", row, cols)
    with pytest.raises(DataError) as info:
        build_store(tmp_path / "facts.duckdb", data_dir=data)
    assert f"relays.csv line {lineno}, field `claim_id`" in str(info.value)
    assert "unknown production claim" in str(info.value)


def test_packaged_claims_are_unique_originals(store: object) -> None:
    """No two claims repeat one figure for one item, side, year and period from one claimant
    relayed elsewhere: each relay is a source of one claim (issue 8's duplicates)."""
    prod = queries.production(store)  # type: ignore[arg-type]
    relays = queries.claim_sources(store)  # type: ignore[arg-type]
    # the named duplicates are one claim each, with their relays kept as sources
    for item, side, year, figure, n_sources in [
        ("tanks", "RUS", 2025, 1500, 3),
        ("armoured_vehicles", "RUS", 2025, 3000, 3),
        ("tanks", "NATO", 2025, 135, 2),
    ]:
        rows = prod[
            (prod["item"] == item)
            & (prod["side"] == side)
            & (prod["year"] == year)
            & (prod["central"] == figure)
        ]
        assert len(rows) == 1, rows
        srcs = relays[relays["claim_id"] == rows["claim_id"].iloc[0]]
        assert list(srcs["relay_order"]) == list(range(1, n_sources + 1))
    # the June 2025 figure once (the September 2024 DoD figure of the same size is 2024's)
    us = prod[
        (prod["item"] == "artillery_ammunition")
        & (prod["central"] == 40000)
        & (prod["year"] == 2025)
    ]
    assert len(us) == 1 and us["period"].iloc[0] == "month"
    rhm = prod[(prod["producer"] == "Rheinmetall") & (prod["central"] == 700000)]
    assert list(rhm["kind"]) == ["target"]
    sources = relays[relays["claim_id"] == rhm["claim_id"].iloc[0]]["source_id"].tolist()
    assert sources == [
        "24instantnews-2024-03-rheinmetall",
        "milinua-2024-breton",
        "rbcua-2024-02-12-rheinmetall-700k",
        "odessajournal-2024-02-rheinmetall-700k",
    ]
    cnn = prod[(prod["central"] == 1200000) & (prod["side"] == "NATO")]
    assert list(cnn["scope"]) == ["for_ukraine"]


def test_show_lists_relays_of_a_claim(store: object) -> None:
    prod = queries.production(store, item="tanks", year=2025, side="RUS", kind="output")  # type: ignore[arg-type]
    assert prod["relays"].tolist() == [
        "economist-2025-05-italypravda;benborges-2025-06-09-chathamhouse"
    ]


def _claims(rows: list[dict[str, object]]) -> object:
    import pandas as pd

    base = {c: "" for c in COLUMNS}
    base.update(kind="output", side="NATO", year=2024, period="year", unit="tanks")
    frame = pd.DataFrame([{**base, **r} for r in rows])
    for c in ("low", "central", "high"):
        frame[c] = pd.to_numeric(frame[c].replace("", math.nan))
    return frame


def test_total_counts_a_plant_inside_its_company_once(store: object) -> None:
    claims = _claims(
        [
            dict(
                claim_id="a",
                item="tanks",
                basis="new_build",
                scope="company",
                country="DEU",
                producer="KNDS Deutschland (Munich)",
                central=50,
            ),
            dict(
                claim_id="b",
                item="tanks",
                basis="new_build",
                scope="plant",
                country="DEU",
                producer="KNDS Deutschland (Kassel)",
                central=20,
            ),
            dict(
                claim_id="c",
                item="tanks",
                basis="new_build",
                scope="country",
                country="POL",
                producer="Poland",
                central=10,
            ),
            dict(
                claim_id="d",
                item="tanks",
                basis="new_build",
                scope="company",
                country="USA",
                producer="General Dynamics",
                model="M1A2",
                central=120,
            ),
        ]
    )
    total = production_total(store, item="tanks", side="NATO", year=2024, claims=claims)  # type: ignore[arg-type]
    assert total.central == 50 + 10 + 120
    assert set(total.rows["claim_id"]) == {"a", "c", "d"}
    reasons = dict(zip(total.excluded["claim_id"], total.excluded["reason"], strict=True))
    assert reasons["b"].startswith("counted within KNDS Deutschland")
    assert total.covered == ("POL",)
    assert total.partial == ("DEU", "USA")
    assert "FRA" in total.not_covered and "POL" not in total.not_covered


def test_total_never_adds_a_country_to_its_own_plants_or_to_a_wider_scope(store: object) -> None:
    claims = _claims(
        [
            dict(claim_id="all", item="tanks", basis="new_build", scope="nato_europe", central=500),
            dict(
                claim_id="deu",
                item="tanks",
                basis="new_build",
                scope="country",
                country="DEU",
                producer="Germany",
                central=100,
            ),
            dict(
                claim_id="usa",
                item="tanks",
                basis="new_build",
                scope="country",
                country="USA",
                producer="United States",
                period="month",
                central=10,
            ),
        ]
    )
    total = production_total(store, item="tanks", side="NATO", year=2024, claims=claims)  # type: ignore[arg-type]
    assert total.central == 500 + 12 * 10
    assert "deu" not in set(total.rows["claim_id"])
    assert total.not_covered == ("CAN",)
    assert "monthly rates x 12" in total.notes


def test_total_never_pools_bases_subtypes_or_other_measures(store: object) -> None:
    claims = _claims(
        [
            dict(
                claim_id="new",
                item="tanks",
                basis="new_build",
                scope="country",
                country="USA",
                producer="United States",
                central=100,
            ),
            dict(
                claim_id="mix",
                item="tanks",
                basis="new_plus_refurbished",
                scope="country",
                country="DEU",
                producer="Germany",
                central=1000,
            ),
            dict(
                claim_id="ukr",
                item="tanks",
                basis="new_build",
                scope="for_ukraine",
                producer="US + Europe",
                central=5000,
            ),
            dict(
                claim_id="part",
                item="tanks",
                basis="new_build",
                scope="country",
                country="GBR",
                producer="United Kingdom",
                period="part_year",
                central=7,
            ),
        ]
    )
    total = production_total(store, item="tanks", side="NATO", year=2024, claims=claims)  # type: ignore[arg-type]
    assert len(set(total.rows["basis"])) == 1
    assert "ukr" not in set(total.rows["claim_id"]) and "part" not in set(total.rows["claim_id"])
    only_new = production_total(
        store,
        item="tanks",
        side="NATO",
        year=2024,
        basis="new_build",
        claims=claims,  # type: ignore[arg-type]
    )
    assert only_new.central == 100 and only_new.basis == "new_build"
    assert any("another set" in r or "basis" in r for r in total.excluded["reason"])


def test_packaged_totals_fix_the_pooled_inputs_of_issue_8(store: object) -> None:
    aircraft = production_total(store, item="combat_aircraft", side="RUS", year=2024)  # type: ignore[arg-type]
    assert aircraft.subtype == "fixed_wing" and aircraft.high == 24
    assert any(a.startswith("delivered/fixed_wing_and_helicopter") for a in aircraft.alternatives)
    missiles = production_total(store, item="long_range_missiles", side="RUS", year=2024)  # type: ignore[arg-type]
    assert missiles.low == 115 * 12 and missiles.high == 130 * 12  # the Iskander rows not added
    tanks = production_total(store, item="tanks", side="RUS", year=2025)  # type: ignore[arg-type]
    assert tanks.basis == "new_plus_refurbished" and tanks.central == 1500
    capacity = production_total(store, item="tanks", side="RUS", year=2025, kind="capacity")  # type: ignore[arg-type]
    assert capacity.basis == "new_build" and capacity.high == 400


def test_nato_tanks_2024_total_has_a_coverage_line(store: object) -> None:
    total = production_total(store, item="tanks", side="NATO", year=2024)  # type: ignore[arg-type]
    assert not total.empty
    line = total.coverage_line()
    assert line.startswith("NATO tanks 2024")
    assert "not covered:" in line
    used = [set(total.rows[c]) for c in ("basis", "subtype", "kind")]
    assert all(len(u) == 1 for u in used)


def test_storage_rows_have_claimants_and_both_periods(store: object) -> None:
    tanks = queries.storage(store, item="tanks")  # type: ignore[arg-type]
    assert {"pre_war", "wartime"} <= set(tanks["timing"])
    assert tanks["claimant"].str.len().min() > 0
    assert (tanks[["low", "central", "high"]].notna().any(axis=1)).all()
    iiss = tanks[tanks["stock_id"] == "iiss-mb2024-tanks-storage"]
    assert iiss["central"].iloc[0] == 4000
    for item in ("armoured_vehicles", "artillery_pieces"):
        assert not queries.storage(store, item=item).empty  # type: ignore[arg-type]


def test_every_production_row_is_classified_in_the_packaged_csvs() -> None:
    for name in ("production.csv", "production_research.csv"):
        with open(packaged_data_dir() / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                assert row["basis"] and row["scope"] and row["kind"], row["claim_id"]


def test_one_type_of_a_country_covers_it_only_in_part(store: object) -> None:
    total = production_total(store, item="interceptors", side="NATO", year=2025)  # type: ignore[arg-type]
    assert total.central == 620 and total.covered == () and total.partial == ("USA",)
    assert "USA (some producers)" in total.coverage_line()
