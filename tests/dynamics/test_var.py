"""VAR / Granger wrappers: statsmodels' documented example, direction of causality, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from armsrace.dynamics.var import fit_var, granger_test, transform_pair, unit_root_tests
from armsrace.errors import DynamicsError


def test_granger_f_test_matches_statsmodels_documented_macrodata_result() -> None:
    """statsmodels' VAR docs: VAR(2) on log-differenced realgdp, realcons, realinv gives
    F = 9.904841, critical value 2.387325, p = 9.3171720876318303e-08, df (4, 579)."""
    import statsmodels.api as sm
    from statsmodels.tsa.api import VAR

    mdata = sm.datasets.macrodata.load_pandas().data
    data = np.log(mdata[["realgdp", "realcons", "realinv"]]).diff().dropna()
    results = VAR(data).fit(2)
    out = granger_test(results, "realgdp", ["realinv", "realcons"])
    assert out["f_stat"] == pytest.approx(9.904841, abs=1e-6)
    assert out["crit_value"] == pytest.approx(2.387325, abs=1e-6)
    assert out["p_value"] == pytest.approx(9.3171720876318303e-08, rel=1e-6)
    assert (out["df_num"], out["df_den"]) == (4, 579)
    assert out["conclusion"] == "reject"


def _driven_pair(n: int = 60, seed: int = 0) -> pd.DataFrame:
    """Growth of Y follows last year's growth of X; X is its own AR(1)."""
    rng = np.random.default_rng(seed)
    gx = np.zeros(n)
    gy = np.zeros(n)
    for t in range(1, n):
        gx[t] = 0.5 * gx[t - 1] + rng.normal(0, 2)
        gy[t] = 0.8 * gx[t - 1] + rng.normal(0, 1)
    levels = 100 * np.exp(np.cumsum(np.column_stack([gx, gy]) / 100, axis=0))
    return pd.DataFrame(levels, index=range(1960, 1960 + n), columns=["X", "Y"])


def test_granger_finds_the_true_direction_only() -> None:
    fit = fit_var(_driven_pair(), transform="growth", seed=1, irf_reps=100)
    g = fit.granger.set_index("direction")
    assert g.loc["X -> Y", "p_value"] < 0.01
    assert g.loc["Y -> X", "p_value"] > 0.05
    assert fit.transform == "growth"
    assert set(fit.irf.columns) == {"horizon", "impulse", "response", "value", "low", "high"}
    assert (fit.irf["low"] <= fit.irf["high"] + 1e-12).all()


def test_auto_transform_uses_growth_for_random_walks() -> None:
    fit = fit_var(_driven_pair(), seed=1, irf_reps=100)
    assert fit.transform == "growth"
    assert "unit root" in fit.transform_reason


def test_auto_transform_keeps_levels_for_stationary_series() -> None:
    rng = np.random.default_rng(3)
    z = np.zeros((80, 2))
    for t in range(1, 80):
        z[t] = 0.3 * z[t - 1] + rng.normal(0, 1, 2)
    frame = pd.DataFrame(z + 50, index=range(1940, 2020), columns=["X", "Y"])
    fit = fit_var(frame, seed=1, irf_reps=100)
    assert fit.transform == "levels"
    roots = unit_root_tests(frame)
    assert roots.loc[roots["form"] == "levels", "stationary"].all()


def test_bic_never_picks_more_lags_than_aic() -> None:
    pair = _driven_pair()
    aic = fit_var(pair, ic="aic", seed=1, irf_reps=100)
    bic = fit_var(pair, ic="bic", seed=1, irf_reps=100)
    assert bic.lag_order <= aic.lag_order
    assert bic.lag_selection["chosen_by_bic"].sum() == 1


def test_transform_growth_is_percent_log_change() -> None:
    frame = pd.DataFrame({"X": [100.0, 110.0], "Y": [50.0, 50.0]}, index=[2000, 2001])
    out = transform_pair(frame, "growth")
    assert out.loc[2001, "X"] == pytest.approx(100 * np.log(1.1))
    assert out.loc[2001, "Y"] == 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lags": 6}, "needs at least"),
        ({"maxlags": 9}, "needs at least"),
        ({"lags": 0}, "positive integer"),
        ({"ic": "hqic"}, "ic must be"),
        ({"transform": "logs"}, "transform must be"),
    ],
)
def test_bad_var_input(kwargs, match) -> None:
    pair = _driven_pair(n=22)
    with pytest.raises(DynamicsError, match=match):
        fit_var(pair, seed=1, irf_reps=100, **kwargs)


def test_too_short_for_any_var() -> None:
    with pytest.raises(DynamicsError, match="too short"):
        fit_var(_driven_pair(n=8), seed=1)


def test_growth_refused_for_non_positive_values() -> None:
    frame = _driven_pair(n=30) - 200
    with pytest.raises(DynamicsError, match="positive"):
        fit_var(frame, transform="growth", seed=1)


def test_johansen_finds_a_common_trend_and_none_between_independent_walks() -> None:
    from armsrace.dynamics.var import johansen_test

    rng = np.random.default_rng(5)
    trend = np.cumsum(rng.normal(0, 1, 80))
    linked = pd.DataFrame(
        {"X": 100 + trend + rng.normal(0, 0.5, 80), "Y": 50 + 0.5 * trend + rng.normal(0, 0.5, 80)}
    )
    walks = pd.DataFrame(np.cumsum(rng.normal(0, 1, (80, 2)), axis=0) + 100, columns=["X", "Y"])
    assert bool(johansen_test(linked, lags=1, logs=False).loc[0, "reject"])
    assert not bool(johansen_test(walks, lags=1, logs=False).loc[0, "reject"])
    assert johansen_test(walks.iloc[:8], lags=2, logs=False) is None


def test_growth_var_reports_the_cointegration_check() -> None:
    fit = fit_var(_driven_pair(), transform="growth", seed=1, irf_reps=100)
    assert fit.cointegration is not None
    assert any("Johansen" in n for n in fit.notes)
