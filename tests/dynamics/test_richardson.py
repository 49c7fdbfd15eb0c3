"""Richardson model: closed forms, estimator conventions, the ODE least-squares equivalence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.dynamics._sim import TRUE, simulate

from armsrace.dynamics import RichardsonModel, equilibrium, is_stable
from armsrace.dynamics.richardson import ode_least_squares, ode_residuals
from armsrace.errors import DynamicsError

coef = st.floats(min_value=0.01, max_value=2.0)
drive = st.floats(min_value=-50.0, max_value=50.0)


@given(a=coef, m=coef, g=drive, b=coef, n=coef, h=drive)
def test_equilibrium_is_the_closed_form_and_a_fixed_point(a, m, g, b, n, h) -> None:
    det = m * n - a * b
    if abs(det) < 1e-3:
        return
    x, y = equilibrium(a, m, g, b, n, h)
    assert x == pytest.approx((a * h + n * g) / det)
    assert y == pytest.approx((b * g + m * h) / det)
    # dx/dt = dy/dt = 0 there
    assert a * y - m * x + g == pytest.approx(0, abs=1e-6 * (1 + abs(x) + abs(y)))
    assert b * x - n * y + h == pytest.approx(0, abs=1e-6 * (1 + abs(x) + abs(y)))


@given(a=coef, m=coef, b=coef, n=coef)
def test_stable_iff_mn_above_ab_and_eigenvalues_agree(a, m, b, n) -> None:
    if abs(m * n - a * b) < 1e-9:
        return
    eig = np.linalg.eigvals(np.array([[-m, a], [b, -n]]))
    assert is_stable(a, m, b, n) == (m * n > a * b)
    assert is_stable(a, m, b, n) == bool(np.all(eig.real < 0))


def test_init_stores_arguments_and_fit_returns_self() -> None:
    model = RichardsonModel("continuous", logs=True, n_boot=199, ci_level=0.9, seed=3)
    assert (model.form, model.logs, model.n_boot, model.ci_level, model.seed) == (
        "continuous",
        True,
        199,
        0.9,
        3,
    )
    assert not hasattr(model, "coef_")
    data = simulate(30, TRUE, sd=0.5, rng=np.random.default_rng(1)) + 100
    assert model.fit(data) is model
    for attr in ("coef_", "coef_ci_", "equilibrium_", "stable_", "eigenvalues_", "run_info_"):
        assert hasattr(model, attr)


def test_same_seed_same_intervals() -> None:
    data = simulate(30, TRUE, sd=1.0, rng=np.random.default_rng(2))
    a = RichardsonModel(n_boot=199, seed=7).fit(data).coef_ci_
    b = RichardsonModel(n_boot=199, seed=7).fit(data).coef_ci_
    pd.testing.assert_frame_equal(a, b)


def test_discrete_form_is_ols_on_first_differences() -> None:
    data = simulate(40, TRUE, sd=1.0, rng=np.random.default_rng(3))
    model = RichardsonModel("discrete", n_boot=99, seed=1).fit(data)
    x, y = data["X"].to_numpy(), data["Y"].to_numpy()
    design = np.column_stack([np.ones(39), x[:-1], y[:-1]])
    bx, *_ = np.linalg.lstsq(design, np.diff(x), rcond=None)
    by, *_ = np.linalg.lstsq(design, np.diff(y), rcond=None)
    expected = {"g": bx[0], "m": -bx[1], "a": bx[2], "h": by[0], "b": by[1], "n": -by[2]}
    for k, v in expected.items():
        assert model.coef_[k] == pytest.approx(v, rel=1e-8, abs=1e-10)


def test_continuous_form_equals_direct_least_squares_on_the_ode_solution() -> None:
    data = simulate(33, TRUE, sd=1.0, rng=np.random.default_rng(4), form="continuous")
    model = RichardsonModel("continuous", n_boot=99, seed=1).fit(data)
    start = np.array([0.05, 0.2, 3.0, 0.1, 0.2, 2.0])
    direct, _ = ode_least_squares(data.to_numpy(), start=start)
    got = np.array([model.coef_[k] for k in ("a", "m", "g", "b", "n", "h")])
    np.testing.assert_allclose(got, direct, rtol=1e-3, atol=1e-6)
    z = data.to_numpy()
    ssr_model = float(np.sum(ode_residuals(got, z) ** 2))
    ssr_direct = float(np.sum(ode_residuals(direct, z) ** 2))
    assert ssr_model <= ssr_direct * (1 + 1e-9)


def test_recovers_coefficients_from_nearly_noiseless_data() -> None:
    # start far from equilibrium so the path identifies every coefficient; tiny noise
    rng = np.random.default_rng(5)
    jac = np.array([[-TRUE["m"], TRUE["a"]], [TRUE["b"], -TRUE["n"]]])
    z = np.empty((60, 2))
    z[0] = (80.0, 5.0)
    for t in range(59):
        z[t + 1] = z[t] + jac @ z[t] + (TRUE["g"], TRUE["h"]) + rng.normal(0, 0.01, 2)
    data = pd.DataFrame(z, index=range(1950, 2010))
    model = RichardsonModel(n_boot=199, seed=1).fit(data)
    for k, v in TRUE.items():
        assert model.coef_[k] == pytest.approx(v, rel=0.05, abs=0.02)
    assert model.stable_ is True
    x_star, y_star = equilibrium(*TRUE.values())
    assert model.equilibrium_[0] == pytest.approx(x_star, rel=1e-2)
    assert model.equilibrium_[1] == pytest.approx(y_star, rel=1e-2)


def test_an_escalating_pair_is_found_unstable() -> None:
    params = {"a": 0.5, "m": 0.1, "g": 1.0, "b": 0.5, "n": 0.1, "h": 1.0}  # m·n < a·b
    rng = np.random.default_rng(6)
    z = np.empty((30, 2))
    z[0] = (10.0, 12.0)
    jac = np.array([[-0.1, 0.5], [0.5, -0.1]])
    for t in range(29):
        z[t + 1] = z[t] + jac @ z[t] + (1.0, 1.0) + rng.normal(0, 0.5, 2)
    model = RichardsonModel(n_boot=199, seed=1).fit(pd.DataFrame(z, index=range(1990, 2020)))
    assert model.stable_ is False
    assert model.prob_stable_ < 0.05
    assert model.coef_["a"] == pytest.approx(params["a"], abs=0.05)


def test_logs_fit_reports_equilibrium_in_levels() -> None:
    data = np.exp(simulate(40, TRUE, sd=0.2, rng=np.random.default_rng(8)) / 10)
    model = RichardsonModel(logs=True, n_boot=199, seed=1).fit(data)
    assert model.equilibrium_[0] > 0 and model.equilibrium_[1] > 0
    log_eq = equilibrium(*(model.coef_[k] for k in ("a", "m", "g", "b", "n", "h")))
    assert model.equilibrium_[0] == pytest.approx(np.exp(log_eq[0]))


def _frame(n: int = 20) -> pd.DataFrame:
    return simulate(n, TRUE, sd=1.0, rng=np.random.default_rng(9))


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        (_frame(5), {}, "too short"),
        (_frame().drop(index=[1995]), {}, "not consecutive"),
        (_frame().assign(X=lambda f: f["X"].where(f.index != 1999)), {}, "missing values in 1999"),
        (_frame().assign(X=lambda f: f["X"] - 100), {"logs": True}, "non-positive"),
        (_frame()[["X"]], {}, "exactly two series"),
        (_frame(), {"form": "euler"}, "form must be"),
        (_frame(), {"n_boot": 10}, "at least 99"),
        (_frame(), {"ci_level": 95}, "ci_level"),
        ([1, 2, 3], {}, "PairSeries or a two-column DataFrame"),
    ],
)
def test_bad_input_says_what_is_wrong_and_what_works(data, kwargs, match) -> None:
    with pytest.raises(DynamicsError, match=match):
        RichardsonModel(**kwargs).fit(data)


def test_dynamics_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        RichardsonModel().fit(_frame(3))


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31))
def test_intervals_contain_the_bias_corrected_estimate_region(seed: int) -> None:
    data = simulate(25, TRUE, sd=1.0, rng=np.random.default_rng(seed))
    ci = RichardsonModel(n_boot=99, seed=seed).fit(data).coef_ci_
    assert np.all(ci["low"] <= ci["high"])
    assert np.all(np.isfinite(ci[["estimate", "low", "high"]].to_numpy()))
