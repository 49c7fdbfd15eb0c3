"""Engine: analytic cases, the plain-loop twin, and invariants (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.race.conftest import make_inputs

from armsrace.race._reference import reference_run
from armsrace.race.engine import run_engine


def test_zero_lead_time_capacity_equals_affordable_rate() -> None:
    growth = np.exp(0.01 * np.arange(36))[:, None, None] * np.ones((36, 2, 2))
    inputs = make_inputs(2, 36, budget=1e9 * growth, lead_time_months=0.0, learning_rate=0.9)
    p = run_engine(inputs, full=True)
    assert p.capacity is not None and p.affordable is not None
    # capacity installed for month t is the rate affordable in month t-1: no lag beyond the step
    np.testing.assert_allclose(p.capacity[1:], p.affordable[:-1], rtol=1e-13)


def test_zero_lead_time_constant_budget_capacity_is_affordable() -> None:
    inputs = make_inputs(2, 24, lead_time_months=0.0, initial_output=100.0)
    p = run_engine(inputs, full=True)
    assert p.capacity is not None and p.affordable is not None and p.output is not None
    np.testing.assert_allclose(p.capacity, p.affordable, rtol=1e-14)
    np.testing.assert_allclose(p.output, 1e9 * 1e-3 / 1e4, rtol=1e-14)


def test_learning_rate_one_keeps_unit_cost_constant() -> None:
    inputs = make_inputs(3, 60, learning_rate=1.0, lead_time_months=6.0, money_share=5e-3)
    p = run_engine(inputs, full=True)
    assert p.unit_cost is not None
    np.testing.assert_array_equal(p.unit_cost, 1e4)


def test_eighty_percent_curve_reaches_064_after_two_doublings() -> None:
    # capacity pinned at q0 (an enormous lead time) and money to spare: q = q0 every month,
    # so cumulative output Q = q0 * (12 + t) reaches 4 * Q0 at t = 36.
    inputs = make_inputs(
        1, 40, learning_rate=0.8, lead_time_months=1e15, money_share=2e-3, initial_output=100.0
    )
    p = run_engine(inputs, full=True)
    assert p.unit_cost is not None and p.output is not None
    np.testing.assert_allclose(p.output, 100.0, rtol=1e-12)
    assert p.unit_cost[36, 0, 0, 0] == pytest.approx(0.64 * 1e4, rel=1e-9)
    assert p.unit_cost[12, 0, 0, 0] == pytest.approx(0.8 * 1e4, rel=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "g"), [(100.0, 300.0, 0.02), (50.0, 51.0, 0.001), (10.0, 1e4, 0.05)]
)
def test_exponential_growth_crosses_constant_rival_at_log_ratio_over_rate(
    a: float, b: float, g: float
) -> None:
    horizon = 600
    t = np.arange(horizon)
    budget = np.empty((horizon, 1, 2))
    budget[:, 0, 0] = a * 1e4 * np.exp(g * t)  # side 0: money buys a·e^(gt) units a month
    budget[:, 0, 1] = b * 1e4
    # capacity never binds: a huge initial capacity that (practically) never moves
    inputs = make_inputs(
        1, horizon, budget=budget, money_share=1.0, initial_output=1e12, lead_time_months=1e15
    )
    p = run_engine(inputs, full=True)
    crossing = math.log(b / a) / g
    assert p.catch_up_month[0, 0] == math.floor(crossing) + 1
    assert abs(p.catch_up_month[0, 0] - crossing) <= 1


@pytest.mark.parametrize("lead", [1.0, 6.0, 18.0, 36.0])
def test_first_order_lag_reaches_one_minus_exp(lead: float) -> None:
    inputs = make_inputs(1, 120, lead_time_months=lead, initial_output=1e-300, money_share=1e-5)
    p = run_engine(inputs, full=True)
    assert p.capacity is not None
    target = 1e9 * 1e-5 / 1e4  # affordable rate, constant
    t = np.arange(120)
    expected = target * (1 - np.exp(-t / lead))
    np.testing.assert_allclose(p.capacity[:, 0, 0, 0], expected, rtol=1e-12, atol=1e-300)


def test_engine_matches_plain_python_loop(resolved_default: object) -> None:
    from armsrace.race.inputs import draw_values, inputs_from_values
    from armsrace.race.sampling import block_seed, normalize_seed

    values = draw_values(resolved_default, block_seed(normalize_seed(7), 0), 50)  # type: ignore[arg-type]
    inputs = inputs_from_values(resolved_default, values)  # type: ignore[arg-type]
    p = run_engine(inputs, full=True)
    assert p.output is not None and p.stock is not None
    for run in range(0, 50, 5):
        ref = reference_run(inputs, run)
        np.testing.assert_allclose(p.output[:, run], ref["output"], rtol=1e-12)
        np.testing.assert_allclose(p.stock[:, run], ref["stock"], rtol=1e-12, atol=1e-6)
        np.testing.assert_array_equal(p.catch_up_month[run], ref["catch_up_month"])
        np.testing.assert_array_equal(p.parity_month[run], ref["parity_month"])


def test_tiling_does_not_change_results(resolved_default: object) -> None:
    from armsrace.race.inputs import draw_values, inputs_from_values
    from armsrace.race.sampling import block_seed, normalize_seed

    values = draw_values(resolved_default, block_seed(normalize_seed(3), 0), 700)  # type: ignore[arg-type]
    inputs = inputs_from_values(resolved_default, values)  # type: ignore[arg-type]
    a = run_engine(inputs, full=True, tile_runs=1024)
    b = run_engine(inputs, full=True, tile_runs=97)
    assert a.output is not None and b.output is not None
    np.testing.assert_array_equal(a.output, b.output)
    np.testing.assert_array_equal(a.catch_up_month, b.catch_up_month)
    np.testing.assert_array_equal(a.ahead_counts, b.ahead_counts)


pos = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_subnormal=False)
lrs = st.floats(min_value=0.5, max_value=1.0)
leads = st.floats(min_value=0.0, max_value=120.0, allow_subnormal=False)


@st.composite
def engine_inputs(draw: st.DrawFn) -> object:
    n, horizon, n_items = 4, 30, 2
    shape = (n, 2, n_items)

    def arr(strategy: st.SearchStrategy[float]) -> np.ndarray:
        return np.array(
            draw(st.lists(strategy, min_size=n * 2 * n_items, max_size=n * 2 * n_items))
        ).reshape(shape)

    budget = np.array(draw(st.lists(pos, min_size=horizon, max_size=horizon)))
    return make_inputs(
        n,
        horizon,
        n_items,
        budget=budget[:, None, None] * 1e3,
        initial_output=arr(pos),
        unit_cost_usd=arr(pos),
        learning_rate=arr(lrs),
        lead_time_months=arr(leads),
        money_share=arr(st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1.0))),
        consumption=arr(st.floats(min_value=0.0, max_value=1e5, allow_subnormal=False)),
        initial_stock=arr(st.floats(min_value=0.0, max_value=1e5, allow_subnormal=False)),
        experience_months=draw(st.floats(min_value=1.0, max_value=60.0)),
    )


@settings(max_examples=60, deadline=None)
@given(inputs=engine_inputs())
def test_output_within_capacity_and_money_stocks_nonnegative(inputs: object) -> None:
    p = run_engine(inputs, full=True)  # type: ignore[arg-type]
    assert p.output is not None and p.capacity is not None and p.unit_cost is not None
    assert p.stock is not None
    money = inputs.budget_usd.transpose(0, 2, 1)[..., None] * inputs.money_share[None]  # type: ignore[attr-defined]
    assert np.all(p.output <= p.capacity * (1 + 1e-12))
    assert np.all(p.output <= money / p.unit_cost * (1 + 1e-9))
    assert np.all(p.stock >= 0)
    assert np.all(p.output >= 0)


@settings(max_examples=40, deadline=None)
@given(inputs=engine_inputs(), factor=st.floats(min_value=1.0, max_value=10.0))
def test_more_budget_never_less_output(inputs: object, factor: float) -> None:
    import dataclasses

    base = run_engine(inputs, full=True)  # type: ignore[arg-type]
    richer = dataclasses.replace(inputs, budget_usd=inputs.budget_usd * factor)  # type: ignore[attr-defined,type-var]
    more = run_engine(richer, full=True)
    assert base.output is not None and more.output is not None
    assert np.all(more.output >= base.output * (1 - 1e-12))
