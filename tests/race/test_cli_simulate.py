"""`armsrace simulate`: answers per item in seconds; broken scenarios refused with the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def test_simulate_table_answers_every_item(cli: Any) -> None:
    res = cli("simulate", "--runs", "2000", "--seed", "1")
    assert res.exit_code == 0, res.stderr
    for item in (
        "artillery_ammunition",
        "tanks",
        "armoured_vehicles",
        "combat_aircraft",
        "long_range_missiles",
        "drones",
    ):
        assert item in res.stdout
    assert "90% interval" in res.stdout
    assert "P(caught up by the end of the year)" in res.stdout


def test_simulate_json_has_probability_by_year_and_interval(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    res = cli(
        "simulate",
        "nato-2pct-vs-russia",
        "--runs",
        "1500",
        "--seed",
        "3",
        "-f",
        "json",
        "--out",
        str(out),
    )
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert json.loads(out.read_text()) == data
    assert data["scenario"] == "nato-2pct-vs-russia"
    row = data["catch_up"][0]
    assert {
        "catch_up_median",
        "catch_up_p5",
        "catch_up_p95",
        "share_never",
        "parity_median",
    } <= set(row)
    years = {r["year"] for r in data["by_year"]}
    assert years == set(range(2026, 2036))
    assert data["run_info"]["seed_entropy"] == "3"
    assert data["source_ids"]
    assert all(r["url"].startswith("http") for r in data["references"])
    assert data["assumptions"]


def test_simulate_with_sensitivity(cli: Any) -> None:
    res = cli(
        "simulate", "--runs", "500", "--seed", "1", "--sensitivity", "--sobol-n", "32", "-f", "json"
    )
    assert res.exit_code == 0, res.stderr
    sens = json.loads(res.stdout)["sensitivity"]
    assert sens["indices"] and sens["n_base"] == 32


def test_broken_scenario_is_refused_with_field_named(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "name: bad\ntitle: t\nstart_year: 2026\nhorizon_months: 0\nsides: []\nitems: []\n"
    )
    res = cli("simulate", str(bad), "--runs", "10")
    assert res.exit_code == 1
    assert "bad.yml" in res.stderr and "horizon_months" in res.stderr
    assert res.stdout == ""


def test_list_scenarios(cli: Any) -> None:
    res = cli("simulate", "--list")
    assert res.exit_code == 0
    assert "europe-alone-vs-russia" in res.stdout


def test_help_has_an_example(cli: Any) -> None:
    res = cli("simulate", "--help")
    assert res.exit_code == 0
    assert "Example" in res.stdout


def test_race_package_exports_are_real() -> None:
    import armsrace.race as race

    assert race.__all__ == sorted(race.__all__)
    for name in race.__all__:
        assert getattr(race, name) is not None


@pytest.mark.slow
def test_workers_option_starts_a_local_cluster_with_identical_json(cli: Any) -> None:
    args = ("simulate", "--runs", "3000", "--seed", "5", "-f", "json")
    here = cli(*args)
    there = cli(*args, "--workers", "2")
    assert there.exit_code == 0, there.stderr
    assert here.stdout == there.stdout


def test_horizon_before_the_first_december_prints_the_answer(cli: Any, tmp_path: Path) -> None:
    """A six-month horizon has no year end: the catch-up table, and no per-year table."""
    from armsrace.race.scenario import locate_scenario

    text = locate_scenario("nato-2pct-vs-russia").read_text(encoding="utf-8")
    assert "horizon_months: 120" in text
    path = tmp_path / "short.yml"
    path.write_text(text.replace("horizon_months: 120", "horizon_months: 6"), encoding="utf-8")
    res = cli("simulate", str(path), "--runs", "200")
    assert res.exit_code == 0, res.stderr
    assert "90% interval" in res.stdout
    assert "P(caught up by the end of the year)" not in res.stdout
