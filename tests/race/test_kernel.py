"""The fused numba kernels are bit-identical to the plain NumPy formulation they replace."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.race.conftest import make_inputs
from tests.race.test_engine import engine_inputs

from armsrace.race.engine import EngineInputs, run_engine


def numpy_paths(inputs: EngineInputs) -> dict[str, np.ndarray]:
    """The engine's equations stepped with one NumPy pass per operation (all runs as one
    tile): the formulation the fused kernel must reproduce bit for bit."""

    def runs_last(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(np.moveaxis(a, 0, -1), dtype=np.float64)

    horizon = inputs.horizon
    q0 = runs_last(inputs.initial_output)
    b = np.log2(runs_last(inputs.learning_rate))
    q_init = inputs.experience_months[None, None, :] * q0
    cost0 = runs_last(inputs.unit_cost_usd)
    k_coef = runs_last(inputs.money_share) / cost0 * np.exp(b * np.log(q_init))
    with np.errstate(divide="ignore"):
        alpha = -np.expm1(-1.0 / runs_last(inputs.lead_time_months))
    cons = runs_last(inputs.consumption)
    consumed = np.any(cons > 0, axis=2)
    budget = inputs.budget_usd[:, :, None, :]
    cap = q0.copy() if inputs.initial_capacity is None else runs_last(inputs.initial_capacity)
    cum = q_init.copy()
    stock0 = runs_last(inputs.initial_stock)
    stock = stock0.copy()
    cum_diff = np.zeros(cap.shape[1:])
    out = {k: np.empty((horizon, *cap.shape)) for k in ("output", "capacity", "stock", "afford")}
    ahead = np.empty((horizon, *cap.shape[1:]), dtype=bool)
    level = np.empty_like(ahead)
    for t in range(horizon):
        work = np.exp(np.log(cum) * -b)
        work *= k_coef
        afford = work * budget[t]
        q = np.minimum(cap, afford)
        synced = cum - q_init
        synced += stock0
        out["stock"][t] = np.where(consumed[:, :, None], stock, synced)
        out["output"][t], out["capacity"][t], out["afford"][t] = q, cap, afford
        diff = q[0] - q[1]
        ahead[t] = diff > 0
        cum_diff += diff
        level[t] = cum_diff >= 0
        work = afford - cap
        work *= alpha
        cap += work
        cum += q
        moved = stock + q
        moved -= cons
        np.maximum(moved, 0.0, out=moved)
        stock = np.where(consumed[:, :, None], moved, stock)

    def first(mask: np.ndarray) -> np.ndarray:
        return np.where(mask.any(axis=0), mask.argmax(axis=0), horizon).T

    return {
        **{k: np.moveaxis(v, -1, 1) for k, v in out.items()},  # (T, n, S, I)
        "catch_up_month": first(ahead),
        "parity_month": first(level),
        "ahead_counts": ahead.sum(axis=2),
    }


def assert_engine_matches_numpy(inputs: EngineInputs) -> None:
    p = run_engine(inputs, full=True, tile_runs=max(1, inputs.n_runs))
    ref = numpy_paths(inputs)
    np.testing.assert_array_equal(p.output, ref["output"])
    np.testing.assert_array_equal(p.capacity, ref["capacity"])
    np.testing.assert_array_equal(p.affordable, ref["afford"])
    np.testing.assert_array_equal(p.stock, ref["stock"])
    np.testing.assert_array_equal(p.catch_up_month, ref["catch_up_month"])
    np.testing.assert_array_equal(p.parity_month, ref["parity_month"])
    np.testing.assert_array_equal(p.ahead_counts, ref["ahead_counts"])


def test_default_scenario_is_bit_identical_to_numpy(resolved_default: Any) -> None:
    from armsrace.race.inputs import draw_values, inputs_from_values
    from armsrace.race.sampling import block_seed, normalize_seed

    values = draw_values(resolved_default, block_seed(normalize_seed(8), 0), 600)
    assert_engine_matches_numpy(inputs_from_values(resolved_default, values))


def test_zero_lead_time_and_consumption_are_bit_identical_to_numpy() -> None:
    rng = np.random.default_rng(0)
    inputs = make_inputs(
        50,
        48,
        3,
        budget=1e9 * rng.uniform(0.5, 2.0, (48, 50, 2)),
        lead_time_months=rng.choice([0.0, 3.0, 40.0], (50, 2, 3)),
        learning_rate=rng.uniform(0.7, 1.0, (50, 2, 3)),
        consumption=rng.choice([0.0, 50.0], (50, 2, 3)),
        initial_stock=rng.uniform(0, 500, (50, 2, 3)),
    )
    assert_engine_matches_numpy(inputs)


@settings(max_examples=40, deadline=None)
@given(inputs=engine_inputs())
def test_random_inputs_are_bit_identical_to_numpy(inputs: Any) -> None:
    assert_engine_matches_numpy(inputs)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.one_of(
            st.just(0.0),
            st.just(np.inf),
            st.floats(min_value=1e-300, max_value=1e300, allow_subnormal=False),
        ),
        min_size=1,
        max_size=50,
    )
)
def test_log_bins_match_bincount(values: list[float]) -> None:
    from armsrace.race.summary import _hist

    v = np.array(values).reshape(1, 1, 1, -1) * np.ones((2, 2, 3, 1))
    lo, hi, n_bins = np.array([-3.0, 0.0, 2.0]), np.array([6.0, 9.0, 12.0]), 500
    width = (hi - lo) / n_bins
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z = np.log10(v, dtype=np.float32)
        z *= (1 / width).astype(np.float32)[:, None]
        z += (1 - lo / width).astype(np.float32)[:, None]
        np.clip(z, 0, n_bins + 1, out=z)
    idx = z.astype(np.intp)
    expected = np.apply_along_axis(np.bincount, -1, idx, minlength=n_bins + 2)
    np.testing.assert_array_equal(_hist(v, lo, hi, n_bins), expected)
