"""The optional structure (refurbishment, allocation path, scheduled plants): closed forms,
the plain-loop twin, and the fast path when it is off."""

from __future__ import annotations

import numpy as np
import pytest
from tests.race.conftest import make_inputs

from armsrace.race._reference import reference_run
from armsrace.race.engine import EngineInputs, PlantArrays, StructureArrays, run_engine
from armsrace.race.structure import alloc_fraction, load_schedule


def _with(inputs: EngineInputs, **parts: object) -> EngineInputs:
    n, s, i = inputs.initial_output.shape
    base: dict[str, object] = {
        "refurb_output": np.zeros((n, s, i)),
        "refurb_stock": np.zeros((n, s, i)),
        "refurb_constant": np.zeros((s, i), dtype=bool),
        "alloc_ratio": np.ones((n, s, i)),
        "alloc_frac": np.zeros((inputs.horizon, s, i)),
    }
    base.update(parts)
    from dataclasses import replace

    return replace(inputs, structure=StructureArrays(**base))  # type: ignore[arg-type]


def _flat(n: int = 2, horizon: int = 48) -> EngineInputs:
    """New-build output fixed at today's capacity 100: capacity never moves (lead time
    1e12 months) and money is ample."""
    return make_inputs(n, horizon, lead_time_months=np.inf, money_share=1.0, learning_rate=1.0)


def test_refurbishment_proportional_drain_closed_form() -> None:
    horizon, r0, stock0 = 48, 30.0, 900.0
    inputs = _with(
        _flat(horizon=horizon),
        refurb_output=np.full((2, 2, 1), r0),
        refurb_stock=np.full((2, 2, 1), stock0),
    )
    out = run_engine(inputs, full=True).output
    assert out is not None
    t = np.arange(horizon)
    expected = 100.0 + r0 * (1 - r0 / stock0) ** t  # r(t) = r0 (1 - r0/R0)^t
    np.testing.assert_allclose(out[:, 0, 0, 0], expected, rtol=1e-12)
    # what was refurbished in total never exceeds the stock and tends to it
    assert (out[:, 0, 0, 0] - 100).sum() == pytest.approx(
        stock0 * (1 - (1 - r0 / stock0) ** horizon)
    )


def test_refurbishment_constant_drain_runs_out() -> None:
    horizon, r0, stock0 = 24, 40.0, 330.0
    inputs = _with(
        _flat(horizon=horizon),
        refurb_output=np.full((2, 2, 1), r0),
        refurb_stock=np.full((2, 2, 1), stock0),
        refurb_constant=np.ones((2, 1), dtype=bool),
    )
    out = run_engine(inputs, full=True).output
    assert out is not None
    refurb = out[:, 0, 0, 0] - 100.0
    # 8 months at 40, then the 10 left, then nothing: R0 / r0 = 8.25
    np.testing.assert_allclose(refurb[:8], r0)
    assert refurb[8] == pytest.approx(10.0)
    np.testing.assert_array_equal(refurb[9:], 0.0)


def test_allocation_path_endpoints() -> None:
    horizon = 60
    frac = alloc_fraction(2026, horizon, None, 2028)  # Jan 2026 -> Dec 2028
    assert frac[0] == 0.0 and frac[35] == 1.0 and frac[59] == 1.0
    np.testing.assert_allclose(np.diff(frac[:36]), 1 / 35)
    inputs = make_inputs(1, horizon, learning_rate=1.0, money_share=1e-3, unit_cost_usd=1e4)
    ratio = np.full((1, 2, 1), 2.5)
    ratio[:, 1] = 1.0
    fr = np.zeros((horizon, 2, 1))
    fr[:, 0, 0] = frac
    p = run_engine(_with(inputs, alloc_ratio=ratio, alloc_frac=fr), full=True)
    assert p.affordable is not None
    base = 1e9 * 1e-3 / 1e4  # 100 a month at today's share
    assert p.affordable[0, 0, 0, 0] == pytest.approx(base)
    assert p.affordable[35, 0, 0, 0] == pytest.approx(2.5 * base)
    assert p.affordable[59, 0, 0, 0] == pytest.approx(2.5 * base)
    assert p.affordable[10, 0, 1, 0] == pytest.approx(base)  # the other side untouched


def test_allocation_from_year_holds_until_then() -> None:
    frac = alloc_fraction(2026, 48, 2027, 2027)
    np.testing.assert_array_equal(frac[:12], 0.0)
    assert frac[23] == 1.0


def test_plant_adds_exactly_its_capacity_when_it_opens() -> None:
    horizon, month = 36, 14
    plant = PlantArrays(
        side=0, item=0, open_month=np.array([month, 40]), capacity=np.array([55.0, 55.0])
    )
    p = run_engine(_with(_flat(horizon=horizon), plants=(plant,)), full=True)
    assert p.output is not None
    out = p.output[:, :, 0, 0]
    np.testing.assert_array_equal(out[:month, 0], 100.0)
    np.testing.assert_array_equal(out[month:, 0], 155.0)
    np.testing.assert_array_equal(out[:, 1], 100.0)  # opens after the horizon: never
    assert p.catch_up_month[0, 0] == month and p.catch_up_month[1, 0] == horizon


def test_plant_brings_its_funding() -> None:
    """Money that buys exactly today's output: an opened plant still adds its capacity."""
    horizon, month = 30, 6
    inputs = make_inputs(2, horizon, learning_rate=1.0, money_share=1e-3, unit_cost_usd=1e4)
    plant = PlantArrays(0, 0, np.array([month, month]), np.array([40.0, 40.0]))
    p = run_engine(_with(inputs, plants=(plant,)), full=True)
    assert p.output is not None
    np.testing.assert_allclose(p.output[:month, 0, 0, 0], 100.0)
    np.testing.assert_allclose(p.output[month:, 0, 0, 0], 140.0)


@pytest.mark.parametrize("constant", [False, True])
def test_engine_matches_plain_loop_with_everything_on(constant: bool) -> None:
    rng = np.random.default_rng(3)
    n, horizon, items = 5, 40, 2
    inputs = make_inputs(
        n,
        horizon,
        items,
        learning_rate=rng.uniform(0.8, 1.0, (n, 2, items)),
        lead_time_months=rng.uniform(2, 30, (n, 2, items)),
        money_share=rng.uniform(5e-4, 2e-3, (n, 2, items)),
        consumption=rng.uniform(0, 150, (n, 2, items)),
        initial_stock=300.0,
    )
    inputs = _with(
        inputs,
        refurb_output=rng.uniform(0, 50, (n, 2, items)),
        refurb_stock=rng.uniform(0, 2000, (n, 2, items)),
        refurb_constant=np.full((2, items), constant),
        alloc_ratio=rng.uniform(0.5, 3, (n, 2, items)),
        alloc_frac=np.broadcast_to(
            alloc_fraction(2026, horizon, None, 2027)[:, None, None], (horizon, 2, items)
        ).copy(),
        plants=(
            PlantArrays(0, 1, rng.integers(0, horizon + 5, n), rng.uniform(10, 90, n)),
            PlantArrays(1, 0, rng.integers(0, horizon, n), rng.uniform(10, 90, n)),
        ),
    )
    p = run_engine(inputs, full=True, tile_runs=2)
    for run in range(n):
        ref = reference_run(inputs, run)
        assert p.output is not None and p.capacity is not None and p.stock is not None
        np.testing.assert_allclose(p.output[:, run], ref["output"], rtol=1e-9)
        np.testing.assert_allclose(p.capacity[:, run], ref["capacity"], rtol=1e-9)
        np.testing.assert_allclose(p.stock[:, run], ref["stock"], rtol=1e-9, atol=1e-6)
        np.testing.assert_array_equal(p.catch_up_month[run], ref["catch_up_month"])


def test_tiling_does_not_change_structured_results() -> None:
    rng = np.random.default_rng(5)
    n, horizon = 9, 30
    inputs = _with(
        make_inputs(n, horizon, lead_time_months=rng.uniform(2, 30, (n, 2, 1))),
        refurb_output=rng.uniform(0, 50, (n, 2, 1)),
        refurb_stock=rng.uniform(0, 900, (n, 2, 1)),
        plants=(PlantArrays(0, 0, rng.integers(0, horizon, n), rng.uniform(10, 90, n)),),
    )
    a = run_engine(inputs, full=True, tile_runs=n)
    b = run_engine(inputs, full=True, tile_runs=2)
    assert a.output is not None and b.output is not None
    np.testing.assert_array_equal(a.output, b.output)
    np.testing.assert_array_equal(a.catch_up_month, b.catch_up_month)


def test_default_scenario_keeps_the_fast_path(resolved_default: object) -> None:
    assert resolved_default.structure is None  # type: ignore[attr-defined]


def test_capacity_table_is_sourced_and_loads() -> None:
    plants = load_schedule()
    assert plants, "the packaged table has rows"
    for plant in plants.values():
        assert plant.url.startswith("https://")
        assert plant.capacity.support()[0] > 0


def test_capacity_table_errors_name_line_and_column(tmp_path: object) -> None:
    from pathlib import Path

    from armsrace.errors import DataError

    good = (Path(__file__).parents[2] / "src/armsrace/race/data/capacity_schedule.csv").read_text(
        encoding="utf-8"
    )
    lines = good.splitlines()
    bad = lines[1].replace(",2027-01,", ",2027-13,", 1)
    path = Path(str(tmp_path)) / "plants.csv"
    path.write_text("\n".join([lines[0], bad]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_schedule(path)
    msg = str(err.value)
    assert "line 2" in msg and "expected" in msg and "YYYY-MM" in msg


@pytest.fixture(scope="module")
def resolved_structure(store_path: object) -> object:
    from armsrace.facts.store import open_store
    from armsrace.race.runner import prepare

    with open_store(store_path) as store:  # type: ignore[arg-type]
        return prepare("nato-hague-vs-russia-structure", store)


def test_structure_scenario_identical_across_chunks_and_dask(
    resolved_structure: object, dask_client: object
) -> None:
    from tests.race.test_determinism import _same

    from armsrace.race.backends import DaskBackend
    from armsrace.race.runner import simulate
    from armsrace.race.sampling import BLOCK_RUNS

    runs = 2 * BLOCK_RUNS + 9
    base = simulate(resolved_structure, runs=runs, seed=8, keep_paths=False)  # type: ignore[arg-type]
    chunked = simulate(resolved_structure, runs=runs, seed=8, chunk_blocks=2, keep_paths=False)  # type: ignore[arg-type]
    remote = simulate(
        resolved_structure,  # type: ignore[arg-type]
        runs=runs,
        seed=8,
        backend=DaskBackend(client=dask_client),
        chunk_blocks=1,
        keep_paths=False,
    )
    _same(base, chunked)
    _same(base, remote)
    assert resolved_structure.structure is not None  # type: ignore[attr-defined]


def test_structure_off_draws_what_the_default_draws(
    resolved_default: object, resolved_structure: object
) -> None:
    """The structure's inputs come after the default's: the shared ones draw alike."""
    names = list(resolved_default.params)  # type: ignore[attr-defined]
    assert list(resolved_structure.params)[: len(names)] == names  # type: ignore[attr-defined]


def test_refurbished_tanks_fall_as_storage_runs_down(resolved_structure: object) -> None:
    from armsrace.race.runner import simulate

    res = simulate(resolved_structure, runs=2000, seed=1, keep_paths=True)  # type: ignore[arg-type]
    out = res.to_xarray()["output"].sel(side="RUS", item="tanks").median("run").to_numpy()
    # new-build grows slowly with the budget, refurbishment drains: the total falls at first
    assert out[24] < out[0]


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        (
            {"share_of_output": {"dist": "fixed", "value": 1.5, "assumption": "x"}},
            "share_of_output",
        ),
        ({"stock": {"dist": "uniform", "low": 5, "high": 1, "assumption": "x"}}, "stock"),
    ],
)
def test_bad_refurbishment_is_refused_with_its_field(
    tmp_path: object, patch: dict[str, object], field: str
) -> None:
    from pathlib import Path

    import yaml

    from armsrace.errors import ScenarioError
    from armsrace.race.scenario import load_scenario, locate_scenario

    data = yaml.safe_load(locate_scenario("nato-hague-vs-russia-structure").read_text())
    data = {k: v for k, v in data.items() if not k.startswith("x-")}
    tanks = next(i for i in data["items"] if i["id"] == "tanks")
    tanks["sides"]["RUS"]["refurbishment"].update(patch)
    path = Path(str(tmp_path)) / "bad.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    assert "bad.yml" in msg and "refurbishment" in msg and field in msg and "line" in msg


def test_storage_stock_from_the_store_spans_its_rows(resolved_structure: object) -> None:
    dist = resolved_structure.params["RUS.tanks.refurb_stock"]  # type: ignore[attr-defined]
    # the end-2024 satellite counts: at most 500 restorable, about 3,500 stored
    assert (dist.kind, dist.low, dist.high) == ("uniform", 500.0, 3500.0)
    assert "rerussia-2025-01-armada-sunset" in resolved_structure.source_ids  # type: ignore[attr-defined]


def test_unknown_storage_rows_are_refused_with_the_field(store: object, tmp_path: object) -> None:
    from pathlib import Path

    import yaml

    from armsrace.errors import ScenarioError
    from armsrace.race.runner import prepare
    from armsrace.race.scenario import locate_scenario

    text = locate_scenario("nato-hague-vs-russia-structure").read_text(encoding="utf-8")
    text = text.replace("osint-2024-tanks-storage-restorable", "no-such-count")
    path = Path(str(tmp_path)) / "s.yml"
    path.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)
    with pytest.raises(ScenarioError) as err:
        prepare(str(path), store)  # type: ignore[arg-type]
    msg = str(err.value)
    assert "s.yml" in msg and "refurbishment.stock" in msg and "no-such-count" in msg
