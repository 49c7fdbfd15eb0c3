"""Scenario files: the packaged ones load and resolve; bad ones are refused with the field
named, and nothing runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from armsrace.errors import ScenarioError
from armsrace.race.scenario import DEFAULT_SCENARIO, list_scenarios, load_scenario


def test_packaged_scenarios_are_the_three_promised() -> None:
    assert {"nato-hague-vs-russia", "nato-2pct-vs-russia", "europe-alone-vs-russia"} <= set(
        list_scenarios()
    )
    assert DEFAULT_SCENARIO == "nato-hague-vs-russia"


@pytest.mark.parametrize(
    "name", ["nato-hague-vs-russia", "nato-2pct-vs-russia", "europe-alone-vs-russia"]
)
def test_packaged_scenarios_resolve_against_the_store(name: str, store: Any) -> None:
    from armsrace.race.runner import prepare

    resolved = prepare(name, store)
    assert resolved.source_ids, "defaults must name their fact-store sources"
    assert all(b > 0 for b in resolved.budget0_usd_million)
    assert resolved.uncertain()


def test_europe_alone_is_nato_without_the_us(store: Any) -> None:
    from armsrace.race.runner import prepare

    eu = prepare("europe-alone-vs-russia", store)
    nato = prepare("nato-hague-vs-russia", store)
    assert eu.scenario.sides[0].bloc == "NATO_EUCA"
    assert eu.budget0_usd_million[0] < 0.5 * nato.budget0_usd_million[0]


def _default_data() -> dict[str, Any]:
    path = Path(str(load_scenario.__globals__["_packaged_dir"]())) / f"{DEFAULT_SCENARIO}.yml"
    return yaml.safe_load(path.read_text())


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _refused(tmp_path: Path, data: dict[str, Any], *needles: str) -> ScenarioError:
    path = _write(tmp_path, data)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, max_horizon_months=600)
    message = str(info.value)
    assert str(path) in message
    for needle in needles:
        assert needle in message, message
    return info.value


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    data["horizon_monthz"] = 12
    _refused(tmp_path, data, "horizon_monthz", "unknown key")


def test_missing_field_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    del data["horizon_months"]
    _refused(tmp_path, data, "horizon_months", "missing")


def test_nonpositive_lead_time_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    data["items"][0]["sides"]["NATO"]["lead_time_months"] = {
        "dist": "uniform",
        "low": 0,
        "high": 12,
        "assumption": "x",
    }
    err = _refused(
        tmp_path, data, "items[artillery_ammunition].sides.NATO", "lead_time_months", "(0, 600]"
    )
    assert err.problems[0].line is not None


def test_learning_rate_outside_wrights_evidence_is_refused(tmp_path: Path) -> None:
    # a learning rate near 0 would make the Wright factor overflow; the scenario says so
    data = _default_data()
    data["items"][0]["sides"]["RUS"]["learning_rate"] = {
        "dist": "uniform",
        "low": 1e-9,
        "high": 0.9,
        "assumption": "x",
    }
    _refused(tmp_path, data, "items[artillery_ammunition].sides.RUS", "learning_rate", "[0.5, 1]")


def test_share_outside_unit_interval_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    data["items"][1]["sides"]["RUS"]["allocation"] = {
        "dist": "fixed",
        "value": 1.5,
        "assumption": "x",
    }
    data["items"][1]["sides"]["RUS"]["unit_cost_usd"] = {
        "dist": "fixed",
        "value": 1e6,
        "assumption": "x",
    }
    data["sides"][1]["equipment_share"] = {"dist": "fixed", "value": 0.3, "assumption": "x"}
    _refused(tmp_path, data, "allocation", "1.5", "[0, 1]")


def test_low_above_high_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    data["experience_months"] = {"dist": "uniform", "low": 60, "high": 12, "assumption": "x"}
    _refused(tmp_path, data, "experience_months", "low 60.0 > high 12.0")


def test_number_without_source_or_assumption_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    data["experience_months"] = {"dist": "fixed", "value": 12}
    _refused(tmp_path, data, "experience_months", "source")


def test_horizon_beyond_limit_is_refused(tmp_path: Path) -> None:
    data = _default_data()
    data["horizon_months"] = 5000
    _refused(tmp_path, data, "horizon_months", "5000", "1..600")


def test_run_count_beyond_limit_is_refused(store: Any) -> None:
    from armsrace.race.runner import simulate
    from armsrace.settings import Settings

    with pytest.raises(ScenarioError, match=r"runs.*1\.\.1,000"):
        simulate(None, store, runs=5000, settings=Settings(max_runs=1000))


def test_side_naming_no_bloc_is_refused_before_anything_runs(tmp_path: Path, store: Any) -> None:
    from armsrace.race.runner import simulate

    data = _default_data()
    data["sides"][0]["bloc"] = "WARSAW_PACT"
    path = _write(tmp_path, data)
    calls: list[tuple[int, int]] = []
    with pytest.raises(ScenarioError, match=r"sides\[NATO\]\.bloc.*WARSAW_PACT") as info:
        simulate(path, store, runs=100, progress=lambda d, t: calls.append((d, t)))
    assert str(path) in str(info.value)
    assert calls == []


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("name: x\nitems: [\n")
    with pytest.raises(ScenarioError, match=r"broken\.yml line \d+"):
        load_scenario(path)


def test_unknown_scenario_name_lists_the_packaged_ones() -> None:
    with pytest.raises(ScenarioError, match="nato-hague-vs-russia"):
        load_scenario("no-such-scenario")


def test_toml_scenarios_load(tmp_path: Path) -> None:
    tomllib = pytest.importorskip("tomllib")
    del tomllib
    data = _default_data()
    data = {k: v for k, v in data.items() if not k.startswith("x-")}
    path = tmp_path / "s.toml"
    path.write_text(_to_toml(data))
    assert load_scenario(path).name == DEFAULT_SCENARIO


def _to_toml(data: dict[str, Any]) -> str:
    import json

    # a tiny TOML writer for this nested structure: inline tables throughout
    def val(v: Any) -> str:
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(str(k))} = {val(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(val(x) for x in v) + "]"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return json.dumps(v)
        return repr(v)

    return "\n".join(f"{json.dumps(k)} = {val(v)}" for k, v in data.items()) + "\n"


def test_budget_paths_follow_their_definitions(resolved_default: Any) -> None:
    import dataclasses

    import numpy as np

    from armsrace.race.inputs import budget_paths

    r = resolved_default
    growth = np.array([0.0, 2.0])
    nato = budget_paths(r, growth, 0, 120)  # linear share to 3.5% by the end of 2035
    b0 = r.budget0_usd_million[0] * 1e6 / 12
    s0 = r.share0_pct[0]
    # zero growth: the share alone moves; it starts 18 months along (mid-2024 -> Jan 2026)
    np.testing.assert_allclose(nato[0, 0], b0 * (s0 + (3.5 - s0) * 18 / 138) / s0, rtol=1e-12)
    assert nato[-1, 0] == pytest.approx(b0 * (s0 + (3.5 - s0) * 137 / 138) / s0, rel=1e-12)
    assert np.all(np.diff(nato[:, 0]) > 0)
    # 2% growth compounds monthly from the middle of the base year
    assert nato[12, 1] / nato[0, 1] == pytest.approx(1.02 * nato[12, 0] / nato[0, 0], rel=1e-12)
    rus = budget_paths(r, growth, 1, 120)  # constant share: budget grows with GDP only
    assert rus[0, 0] == pytest.approx(r.budget0_usd_million[1] * 1e6 / 12, rel=1e-12)
    assert rus[24, 1] / rus[12, 1] == pytest.approx(1.02, rel=1e-12)
    flat = dataclasses.replace(
        r,
        scenario=r.scenario.model_copy(
            update={
                "sides": (
                    r.scenario.sides[0].model_copy(
                        update={
                            "budget": r.scenario.sides[0].budget.model_copy(
                                update={
                                    "path": r.scenario.sides[0].budget.path.model_copy(
                                        update={"kind": "constant_real"}
                                    )
                                }
                            )
                        }
                    ),
                    r.scenario.sides[1],
                )
            }
        ),
    )
    np.testing.assert_array_equal(budget_paths(flat, growth, 0, 120), b0)
