"""Starting outputs come from defendable totals: never pooled across basis, scope or subtype,
and their coverage travels with the simulation result."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from armsrace.facts import queries
from armsrace.facts.schema import TABLES
from armsrace.facts.store import build_store, open_store, packaged_data_dir
from armsrace.facts.totals import production_total
from armsrace.race.defaults import resolve
from armsrace.race.scenario import list_scenarios, load_scenario

OTHER_MEASURES = {"for_ukraine", "nato_plus_partners"}


def _store_inputs(store: Any, name: str) -> list[Any]:
    resolved = resolve(load_scenario(name), store)
    return [c for c in resolved.coverage if c.origin == "store"]


def _assert_not_pooled(store: Any, claims: tuple[str, ...]) -> None:
    rows = queries.production(store, claim_id=list(claims))
    assert len(rows) == len(claims) > 0
    assert rows["basis"].nunique() == 1, rows[["claim_id", "basis"]]
    assert rows["subtype"].nunique() == 1, rows[["claim_id", "subtype"]]
    assert rows["kind"].nunique() == 1, rows[["claim_id", "kind"]]
    assert not set(rows["scope"]) & OTHER_MEASURES
    assert rows["period"].isin(["year", "month"]).all()
    # each producer once: claims naming the same producer are alternative estimates of one
    # figure; distinct producers never overlap (a country-wide figure excludes its own
    # companies and plants, a multi-country figure excludes its countries)
    producers = {
        (r.scope, r.country, r.producer if r.scope in ("company", "plant") else "", r.model)
        for r in rows.itertuples()
    }
    multi = [p for p in producers if p[0] in ("eu", "nato_europe", "nato")]
    assert len({p[0] for p in multi}) <= 1
    whole = {p[1] for p in producers if p[0] == "country" and not p[3]}
    for scope, country, _producer, model in producers:
        if country in whole:
            assert scope == "country" and not model, (scope, country, model)
        if multi and scope in ("country", "company", "plant"):
            assert country in ("USA", "CAN"), country  # outside NATO Europe only


@pytest.mark.parametrize("name", list_scenarios())
def test_no_scenario_input_pools_rows_of_different_basis_or_scope(store: Any, name: str) -> None:
    inputs = _store_inputs(store, name)
    assert inputs, f"{name} takes no starting figure from the store"
    for cov in inputs:
        _assert_not_pooled(store, cov.claims)
        assert cov.basis and cov.kind in ("output", "capacity")


def _data_with(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), data)
    cols = TABLES["production"].columns
    path = data / "production_research.csv"
    text = path.read_text(encoding="utf-8")
    for row in rows:
        text += ",".join(row.get(c, "") for c in cols) + "\n"
    path.write_text(text, encoding="utf-8")
    return data


def test_an_added_incompatible_row_is_never_pooled_into_an_input(tmp_path: Path) -> None:
    """A new-build figure and a plant inside Russia for 2025 tanks, beside Cavoli's
    new + refurbished 1,500: the input stays one basis, with each producer once."""
    base = {
        "item": "tanks",
        "item_label": "test tanks",
        "kind": "output",
        "side": "RUS",
        "country": "RUS",
        "year": "2025",
        "period": "year",
        "unit": "tanks",
        "claimant": "test",
        "claim_type": "independent_estimate",
        "source_id": "onlineua-2025-janes",
    }
    data = _data_with(
        tmp_path,
        [
            {
                **base,
                "claim_id": "test/new-build",
                "basis": "new_plus_refurbished",
                "scope": "plant",
                "producer": "Uralvagonzavod (Nizhny Tagil)",
                "central": "300",
            },
            {
                **base,
                "claim_id": "test/other-basis",
                "basis": "new_build",
                "scope": "country",
                "producer": "Russia",
                "central": "250",
            },
        ],
    )
    path = tmp_path / "facts.duckdb"
    build_store(path, data_dir=data)
    with open_store(path, data_dir=data) as store:
        resolved = resolve(load_scenario("nato-hague-vs-russia"), store)
        cov = next(
            c
            for c in resolved.coverage
            if c.side == "RUS" and c.item == "tanks" and c.input == "initial_output"
        )
        _assert_not_pooled(store, cov.claims)
        assert "test/new-build" not in cov.claims  # a plant inside Russia's own figure
        dist = resolved.params["RUS.tanks.initial_output"]
        total = production_total(store, item="tanks", side="RUS", year=2025, kind="output")
        assert dist.mode * 12 == pytest.approx(total.central)
        assert total.central in (1500, 250)  # one set, never 1,500 + 300 or 1,500 + 250


def test_partial_nato_coverage_is_carried_and_printed(cli: Any) -> None:
    res = cli("simulate", "--runs", "2000", "--seed", "1", "--format", "json")
    assert res.exit_code == 0, res.stderr
    payload = json.loads(res.stdout)
    cov = {(c["side"], c["item"], c["input"]): c for c in payload["coverage"]}
    tanks = cov[("NATO", "tanks", "initial_output")]
    assert tanks["origin"] == "store" and tanks["complete"] is False
    assert tanks["covered"] == ["USA"] and "DEU" in tanks["not_covered"]
    assert cov[("NATO", "drones", "initial_output")]["origin"] == "explicit"
    rows = {r["item"]: r for r in payload["catch_up"]}
    assert rows["tanks"]["coverage"].startswith("NATO 1/")
    table = cli("simulate", "--runs", "2000", "--seed", "1")
    assert table.exit_code == 0
    assert "NATO 1/" in table.stdout
    assert "coverage: NATO tanks 2025" in table.stderr
