"""The continuous form of Richardson's model solved directly: the ODE's one-year solution
map and a least-squares fit on it (scipy, imported when called). The fit in
:mod:`armsrace.dynamics.richardson` uses the equivalent matrix logarithm of the OLS map and
falls back to :func:`ode_least_squares` when that logarithm is not real.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ode_least_squares", "ode_residuals", "ode_solution_map"]


def ode_solution_map(params: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-year solution of the Richardson ODE: z(t+1) = A·z(t) + d for [a, m, g, b, n, h].

    Uses expm of the augmented matrix [[J, c], [0, 0]], so it also holds for singular J.
    """
    from scipy.linalg import expm

    a, m, g, b, n, h = params
    aug = np.array([[-m, a, g], [b, -n, h], [0.0, 0.0, 0.0]])
    e = expm(aug)
    return e[:2, :2], e[:2, 2]


def ode_residuals(params: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Stacked one-year prediction errors of the ODE solution started at each observed year."""
    a_map, d = ode_solution_map(params)
    pred = z[:-1] @ a_map.T + d
    return np.asarray((z[1:] - pred).ravel(order="F"))


def ode_least_squares(z: np.ndarray, *, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least squares on the ODE solution (scipy), with Gauss-Newton standard errors."""
    from scipy.optimize import least_squares

    res = least_squares(
        ode_residuals,
        np.asarray(start, dtype=float),
        args=(z,),
        method="lm",
        xtol=1e-12,
        ftol=1e-12,
        gtol=1e-12,
    )
    jac = res.jac
    dof = max(1, res.fun.size - res.x.size)
    s2 = float(res.fun @ res.fun) / dof
    try:
        cov = s2 * np.linalg.inv(jac.T @ jac)
        se = np.sqrt(np.clip(np.diag(cov), 0, None))
    except np.linalg.LinAlgError:
        se = np.full(res.x.size, np.nan)
    return np.asarray(res.x), se
