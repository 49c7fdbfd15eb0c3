"""Fuzzed bad scenario files: every one runs or is refused with a ScenarioError naming the
file and the field (or line); nothing else escapes, nothing half-runs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsrace.errors import ArmsraceError, ScenarioError
from armsrace.race.scenario import locate_scenario

BASE = "nato-hague-vs-russia-structure"


def _base() -> dict[str, Any]:
    data = yaml.safe_load(locate_scenario(BASE).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not str(k).startswith("x-")}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for key in path[:-1]:
        node = node[key]
    return node


WRONG = st.one_of(
    st.none(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.booleans(),
    st.sampled_from([-1, -1e9, 0, 1e308, 10**40, float("inf"), float("nan"), 1e-320]),
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """(how, YAML text) of one broken variant of the base scenario."""
    data = _base()
    paths = _paths(data)
    how = draw(st.sampled_from(["delete", "wrong", "invert", "unknown", "huge", "alias"]))
    if how == "delete":
        path = draw(st.sampled_from(paths))
        del _parent(data, path)[path[-1]]
    elif how == "wrong":
        path = draw(st.sampled_from(paths))
        _parent(data, path)[path[-1]] = draw(WRONG)
    elif how == "invert":
        ranged = [p[:-1] for p in paths if p[-1] == "low" and "high" in _parent(data, p)]
        path = draw(st.sampled_from(ranged))
        node = _parent(data, (*path, "low"))
        node["low"], node["high"] = node["high"] * -3 - 1, node["low"]
    elif how == "unknown":
        choice = draw(st.sampled_from(["item", "key", "plant", "side"]))
        if choice == "item":
            data["items"][0]["id"] = "laser_swords"
        elif choice == "key":
            path = draw(st.sampled_from([p for p in paths if isinstance(_parent(data, p), dict)]))
            _parent(data, path)["surprise"] = 1
        elif choice == "plant":
            item = data["items"][0]["sides"]["NATO"]
            item["scheduled_capacity"]["plants"] = ["atlantis-works"]
        else:
            data["items"][1]["sides"]["MARS"] = copy.deepcopy(data["items"][1]["sides"]["RUS"])
    elif how == "huge":
        nums = [p for p in paths if isinstance(_parent(data, p)[p[-1]], int | float)]
        path = draw(st.sampled_from(nums))
        _parent(data, path)[path[-1]] = draw(st.sampled_from([1e300, 10**30, -(10**30), 1e19]))
    alias = draw(st.sampled_from(["share", "recursive", "laughs"])) if how == "alias" else ""
    if alias == "share":  # a valid anchor used by both sides: must run
        for side in data["sides"]:
            side["budget"]["gdp_growth_pct"] = "__ALIAS__"
    elif alias == "recursive":  # an alias inside its own anchor
        data["experience_months"] = "__ALIAS__"
    elif alias == "laughs":  # nested aliases: 9**6 leaves if expanded
        data["title"] = "__ALIAS__"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if alias == "share":
        text = "x-g: &g {dist: uniform, low: 0, high: 2, assumption: test}\n" + text
        text = text.replace("__ALIAS__", "*g")
    elif alias == "recursive":
        text = "x-r: &r {dist: *r}\n" + text.replace("__ALIAS__", "*r")
    elif alias == "laughs":
        lines = ["x-l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for k in range(1, 7):
            lines.append(f"x-l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]")
        text = "\n".join(lines) + "\n" + text.replace("__ALIAS__", "*l6")
    return how, text


@pytest.fixture(scope="module")
def fuzz_store(store_path: Any) -> Any:
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        yield store


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_every_bad_scenario_runs_or_is_refused_with_file_and_field(
    case: tuple[str, str], fuzz_store: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from armsrace.race.runner import simulate
    from armsrace.settings import Settings

    how, text = case
    path = Path(tmp_path_factory.mktemp("fuzz")) / "bad.yml"
    path.write_text(text, encoding="utf-8")
    try:
        result = simulate(
            str(path), fuzz_store, runs=64, seed=1, keep_paths=False, settings=Settings()
        )
    except ScenarioError as err:
        msg = str(err)
        assert "bad.yml" in msg, (how, msg)
        assert err.problems and all(p.field or p.line for p in err.problems), (how, msg)
        return
    except ArmsraceError as err:  # pragma: no cover - would be a wrongly typed refusal
        pytest.fail(f"{how}: {type(err).__name__} instead of ScenarioError: {err}")
    # it ran: the answer is complete and finite where it must be
    table = result.catchup_table()
    assert len(table) == len(result.layout.items)
    assert np.isfinite(table["p_catch_up"]).all()
