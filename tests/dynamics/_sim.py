"""Series simulated from known Richardson coefficients (shared by the dynamics tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd

TRUE = {"a": 0.1, "m": 0.3, "g": 5.0, "b": 0.15, "n": 0.25, "h": 3.0}


def simulate(
    n_years: int,
    params: dict[str, float],
    *,
    sd: float,
    rng: np.random.Generator,
    form: str = "discrete",
    start: int = 1990,
) -> pd.DataFrame:
    """Yearly pair X, Y from the discrete (Euler) or exact continuous one-year map plus noise."""
    from scipy.linalg import expm

    a, m, g, b, n, h = (params[k] for k in ("a", "m", "g", "b", "n", "h"))
    jac = np.array([[-m, a], [b, -n]])
    c = np.array([g, h])
    if form == "discrete":
        amap, d = np.eye(2) + jac, c
    else:
        amap = expm(jac)
        d = (amap - np.eye(2)) @ np.linalg.solve(jac, c)
    z = np.empty((n_years, 2))
    z[0] = np.linalg.solve(-jac, c) + rng.normal(0, 3 * sd, 2)
    for t in range(n_years - 1):
        z[t + 1] = amap @ z[t] + d + rng.normal(0, sd, 2)
    return pd.DataFrame(z, index=range(start, start + n_years), columns=["X", "Y"])
