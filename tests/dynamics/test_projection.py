"""Projections from a fitted model and the Hague path."""

from __future__ import annotations

import numpy as np
import pytest
from tests.dynamics._sim import TRUE, simulate

from armsrace.dynamics import RichardsonModel, equilibrium
from armsrace.dynamics.projection import bloc_share_gdp, hague_path, hague_target, project
from armsrace.errors import DynamicsError


def test_hague_path_reaches_the_target_share_in_the_target_year() -> None:
    path = hague_path(
        last_year=2024,
        last_spending=400.0,
        last_share_pct=2.0,
        target_share_pct=3.5,
        target_year=2035,
        gdp_growth_pct=1.5,
    )
    assert list(path["year"]) == list(range(2024, 2036))
    assert path["share_pct"].iloc[0] == pytest.approx(2.0)
    assert path["share_pct"].iloc[-1] == pytest.approx(3.5)
    assert path["value"].iloc[0] == pytest.approx(400.0)
    assert path["value"].iloc[-1] == pytest.approx(3.5 / 100 * 20_000 * 1.015**11)
    assert np.all(np.diff(path["share_pct"]) > 0)


def test_hague_path_bad_input() -> None:
    with pytest.raises(DynamicsError, match="must come after"):
        hague_path(last_year=2035, last_spending=1.0, last_share_pct=2.0)
    with pytest.raises(DynamicsError, match="positive"):
        hague_path(last_year=2024, last_spending=1.0, last_share_pct=0.0)


def test_stable_model_fan_settles_around_its_equilibrium() -> None:
    data = simulate(40, TRUE, sd=0.5, rng=np.random.default_rng(1))
    model = RichardsonModel(n_boot=199, seed=1).fit(data)
    proj = project(model, to_year=2080, n_paths=1000, seed=2)
    end = proj.fan[proj.fan["year"] == 2080].set_index("entity")
    x_star, y_star = equilibrium(*TRUE.values())
    assert end.loc["X", "q05"] < x_star < end.loc["X", "q95"]
    assert end.loc["Y", "q05"] < y_star < end.loc["Y", "q95"]
    quant = proj.fan[["q05", "q25", "q50", "q75", "q95"]].to_numpy()
    assert np.all(np.diff(quant, axis=1) >= 0)
    assert proj.run_info.seed_entropy == 2


def test_projection_bad_input() -> None:
    data = simulate(30, TRUE, sd=0.5, rng=np.random.default_rng(1))
    model = RichardsonModel(n_boot=99, seed=1).fit(data)
    with pytest.raises(DynamicsError, match="after the last observed year"):
        project(model, to_year=2000)
    with pytest.raises(DynamicsError, match="n_paths"):
        project(model, n_paths=5)
    with pytest.raises(DynamicsError, match="not fitted"):
        project(RichardsonModel())


def test_hague_target_comes_from_the_store(store) -> None:
    share, year, ids = hague_target(store)
    assert (share, year) == (3.5, 2035)
    assert ids


def test_bloc_share_of_gdp_from_members(store) -> None:
    share, ids = bloc_share_gdp(store, "NATO_EUCA", 2024)
    assert 1.5 < share < 2.5
    assert ids == ("sipri-milex-2025",)
    rus, _ = bloc_share_gdp(store, "RUS", 2024)
    assert rus == pytest.approx(7.05, abs=0.1)  # SIPRI's headline 7.1 % of GDP


def test_simulate_without_parameter_uncertainty_follows_the_fitted_map() -> None:
    data = simulate(40, TRUE, sd=0.5, rng=np.random.default_rng(3))
    model = RichardsonModel(n_boot=99, seed=1).fit(data)
    paths = model.simulate(30, n_paths=4000, seed=1, parameter_uncertainty=False)
    assert paths.shape == (4000, 31, 2)
    np.testing.assert_allclose(paths[:, 0, :], np.broadcast_to(data.iloc[-1].to_numpy(), (4000, 2)))
    x_star, y_star = model.equilibrium_
    assert paths[:, -1, 0].mean() == pytest.approx(x_star, rel=0.02)
    assert paths[:, -1, 1].mean() == pytest.approx(y_star, rel=0.02)
    with pytest.raises(DynamicsError, match="n_years"):
        model.simulate(0)


def test_short_log_fit_with_runaway_paths_projects_without_warnings(store) -> None:
    """2014-2024 in logs: some bootstrap systems explode to inf by 2035; quantiles still work
    and the VAR's impulse-response bands fall back to asymptotic ones if Monte Carlo fails."""
    import json

    from armsrace.dynamics.analysis import analyse_pair

    analysis, model = analyse_pair(
        store, period="2014-2024", form="continuous", logs=True, n_boot=199, seed=1
    )
    proj = project(model, n_paths=500, seed=1)
    assert not proj.fan[["q05", "q50"]].isna().any().any()
    json.dumps(proj.to_dict(), allow_nan=False)
    json.dumps(analysis.to_dict(), allow_nan=False)
