"""Parameter recovery: true values fall in the 95% intervals about 95% of the time."""

from __future__ import annotations

import numpy as np
import pytest
from tests.dynamics._sim import TRUE, simulate

from armsrace.dynamics import RichardsonModel, equilibrium

REPLICATIONS = 300
N_YEARS = 33  # as long as the real SIPRI series 1992-2024


@pytest.mark.parametrize("form", ["discrete", "continuous"])
def test_bootstrap_intervals_cover_the_true_values(form: str) -> None:
    rng = np.random.default_rng(20250625)
    truth = np.array(list(TRUE.values()))
    x_star, y_star = equilibrium(*truth)
    margin = TRUE["m"] * TRUE["n"] - TRUE["a"] * TRUE["b"]
    hits = np.zeros(len(truth))
    derived = np.zeros(3)  # x*, y*, m·n − a·b
    for _ in range(REPLICATIONS):
        data = simulate(N_YEARS, TRUE, sd=1.0, rng=rng, form=form)
        model = RichardsonModel(form, n_boot=299, seed=int(rng.integers(2**32))).fit(data)
        ci = model.coef_ci_.set_index("parameter").loc[list(TRUE)]
        hits += (ci["low"].to_numpy() <= truth) & (truth <= ci["high"].to_numpy())
        eq = model.equilibrium_ci_
        stab = model.stability_ci_.iloc[0]
        derived += [
            eq["low"][0] <= x_star <= eq["high"][0],
            eq["low"][1] <= y_star <= eq["high"][1],
            stab["low"] <= margin <= stab["high"],
        ]
    coverage = hits / REPLICATIONS
    shown = dict(zip(TRUE, coverage.round(3), strict=True))
    # Binomial sd at 95% over 300 replications is 1.3 points. Observed with this seed:
    # 90-96% per coefficient, 92.4-92.8% on average — Kilian's bias-corrected bootstrap
    # runs slightly below nominal with 33 years (plain percentile intervals gave ~73% for
    # the fatigue terms). Each coefficient must be within ~4.5 sd, the average within 3.5.
    assert np.all(coverage >= 0.89), shown
    assert np.all(coverage <= 0.99), shown
    assert 0.915 <= coverage.mean() <= 0.975, shown
    # equilibrium and stability margin (bootstrap percentiles): observed 94-98%
    derived_cov = derived / REPLICATIONS
    assert np.all((derived_cov >= 0.9) & (derived_cov <= 0.99)), derived_cov
