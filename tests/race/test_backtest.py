"""The backtest: observations read from the store, intervals and PIT from the runs, the CLI."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from armsrace.race.backtest import BACKTEST_FAMILY, run_backtest, strip_structure


@pytest.fixture(scope="module")
def result(store_path: Any) -> Any:
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        return run_backtest(store, runs=600, seed=3)


def _specs() -> list[dict[str, str]]:
    path = Path(str(resources.files("armsrace.race") / "data" / "backtest_observations.csv"))
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_observation_spec_names_known_scenarios_and_sources(store: Any) -> None:
    from armsrace.facts import queries

    known = set(queries.sources(store)["source_id"])
    for spec in _specs():
        assert spec["scenario"] in BACKTEST_FAMILY
        assert set(spec["source_ids"].split(";")) <= known, spec


def test_every_item_year_with_store_rows_is_compared(result: Any) -> None:
    assert len(result.table) == len(_specs())
    assert result.table["pit"].between(0, 1).all()


def test_observed_value_is_the_store_figure(result: Any, store: Any) -> None:
    """US 155 mm, 2025: one US Army figure per month (40,000), relayed twice -> one claim."""
    from armsrace.facts import queries

    rows = queries.production(
        store, side="NATO", item="artillery_ammunition", year=2025, kind="output"
    )
    rows = rows[rows["source_id"] == "defenseone-2025-06-17-army-million-shells"]
    row = result.table.query("side == 'USA' and year == 2025").iloc[0]
    assert row["observed"] == pytest.approx(float(rows["central"].iloc[0]) * 12)
    assert row["claims"] == 1


def test_inside_flags_and_coverage_follow_the_quantiles(result: Any) -> None:
    t = result.table
    in90 = (t["model_p5"] <= t["observed"]) & (t["observed"] <= t["model_p95"])
    in50 = (t["model_p25"] <= t["observed"]) & (t["observed"] <= t["model_p75"])
    np.testing.assert_array_equal(t["inside_90"], in90)
    np.testing.assert_array_equal(t["inside_50"], in50)
    cov = result.coverage()
    assert cov["coverage_90"] == pytest.approx(in90.mean())
    # a miss above the 90% interval has PIT 1 only if every run is below it
    above = t[t["miss"] == "above"]
    assert (above["pit"] >= 0.95).all()


def test_structure_off_strips_every_part(store: Any) -> None:
    from armsrace.race.scenario import load_scenario

    sc = strip_structure(load_scenario("backtest-2022-russia"))
    for item in sc.items:
        for spec in item.sides.values():
            assert spec.refurbishment is None and spec.scheduled_capacity is None


def test_cli_backtest_json_carries_coverage_and_item_years(cli: Any) -> None:
    res = cli("simulate", "--backtest", "--runs", "300", "--seed", "2", "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    for key in ("backtest", "backtest_structure_off"):
        assert set(data[key]["coverage"]) >= {"coverage_50", "coverage_90", "item_years"}
        assert data[key]["item_years"][0]["pit"] is not None


def test_cli_backtest_table(cli: Any) -> None:
    res = cli("simulate", "--backtest", "--runs", "300")
    assert res.exit_code == 0, res.stderr
    assert "Coverage" in res.stdout and "PIT" in res.stdout
