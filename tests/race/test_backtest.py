"""The backtest: observations read from the store, intervals and PIT from the runs, the CLI."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from armsrace.errors import ScenarioError
from armsrace.race.backtest import (
    BACKTEST_FAMILY,
    compare,
    family_members,
    points_to,
    run_backtest,
    strip_structure,
)


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
    lower = t["observed_kind"] == "lower bound"
    in90 = ((t["model_p5"] <= t["observed"]) | lower) & (t["observed"] <= t["model_p95"])
    in50 = ((t["model_p25"] <= t["observed"]) | lower) & (t["observed"] <= t["model_p75"])
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
    assert "What the misses point to" in res.stdout


# -- one observation against known runs: analytic checks of compare() -----------------------

RUNS = np.arange(1.0, 101.0)  # 1 … 100: p5 = 5.95, p25 = 25.75, p75 = 75.25, p95 = 95.05


def test_point_inside_and_outside_with_its_pit() -> None:
    r = compare(RUNS, [(50.0, "point"), (60.0, "point")])
    assert r["observed"] == 55.0 and r["observed_kind"] == "point"
    assert (
        r["inside_50"] and r["inside_90"] and r["pit"] == pytest.approx(0.545)
    )  # 54 runs below, one tied
    far = compare(RUNS, [(500.0, "point")])
    assert not far["inside_90"] and far["miss"] == "above" and far["pit"] == 1.0
    low = compare(RUNS, [(2.0, "point")])
    assert not low["inside_90"] and low["miss"] == "below"


def test_lower_bound_is_tested_one_sided_and_its_pit_is_a_bound() -> None:
    """'At least 90': inside the 90% interval (it reaches 95), not the 50% (ends at 75)."""
    r = compare(RUNS, [(90.0, "lower bound"), (80.0, "lower bound")])
    assert r["observed"] == 90.0 and r["observed_kind"] == "lower bound"
    assert r["inside_90"] and not r["inside_50"]
    assert r["pit_kind"] == "at least" and r["pit"] == pytest.approx(0.895)
    # a bound far below every run is inside both intervals (a point there would miss)
    assert compare(RUNS, [(1.0, "lower bound")])["inside_50"]
    assert not compare(RUNS, [(1.0, "point")])["inside_50"]
    above = compare(RUNS, [(99.0, "lower bound")])
    assert not above["inside_90"] and above["miss"] == "above"


def test_points_win_over_bounds_and_upper_bounds_mirror() -> None:
    r = compare(RUNS, [(50.0, "point"), (99.0, "lower bound")])
    assert r["observed_kind"] == "point" and r["observed"] == 50.0
    up = compare(RUNS, [(10.0, "upper bound")])
    assert up["pit_kind"] == "at most" and up["inside_90"] and not up["inside_50"]
    assert compare(RUNS, [(3.0, "upper bound")])["miss"] == "below"


def test_misses_name_a_structural_part() -> None:
    assert points_to("inside", "output", ()) == ""
    assert "fixed budget share" in points_to("above", "output", ())
    assert "scheduled capacity" in points_to("above", "output", ("scheduled_capacity",))
    assert "refurbishment" in points_to("above", "output", ("refurbishment",))
    assert "later" in points_to("below", "output", ("scheduled_capacity",))
    assert "capacity" in points_to("below", "capacity", ())


def test_claims_of_different_basis_are_never_pooled(result: Any) -> None:
    t = result.table
    assert t["basis"].str.len().gt(0).all()
    # a claim left out for its basis is listed beside the tested ones
    listed = t[t["not_tested"].str.len() > 0]
    for _, row in listed.iterrows():
        assert row["basis"].split(",")[0] not in row["not_tested"] or "," in row["basis"]


def test_only_the_family_is_backtested(store: Any) -> None:
    assert family_members(None) == BACKTEST_FAMILY
    assert family_members("backtest-2022-usa") == ("backtest-2022-usa",)
    with pytest.raises(ScenarioError, match="only its own family"):
        family_members("nato-hague-vs-russia")
    with pytest.raises(ScenarioError):
        run_backtest(store, runs=10, members=("europe-alone-vs-russia",))


def test_cli_backtest_honours_the_scenario_argument(cli: Any) -> None:
    res = cli("simulate", "backtest-2022-russia", "--backtest", "--runs", "200", "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["backtest"]["members"] == ["backtest-2022-russia"]
    assert {r["scenario"] for r in data["backtest"]["item_years"]} == {"backtest-2022-russia"}
    assert data["runs_cap"] == 20_000 and data["runs_requested"] == 200
    bad = cli("simulate", "nato-hague-vs-russia", "--backtest", "--runs", "50")
    assert bad.exit_code == 1 and "only its own family" in bad.stderr
