"""The one-year map of a Richardson fit: batched OLS of ``z[t+1]`` on ``[1, z[t]]``, its
bias correction, and its conversion to Richardson's parameters ``[a, m, g, b, n, h]`` with
standard errors (OLS for the discrete form, the delta method for the continuous one).

Every function works on a batch (leading axis B), so the point fit and the bootstrap share
one code path. Pure NumPy; no I/O.
"""

from __future__ import annotations

import numpy as np

__all__ = ["_bias_correct", "_ols", "_param_se", "_real_logm", "_spectral_radius", "_to_params"]


def _ols(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Batched OLS of z[t+1] on [1, z[t]]: coef (B, 3, 2), (X'X)⁻¹, residuals, Σ."""
    n_b, n_t1, _ = z.shape
    n_t = n_t1 - 1
    x = np.concatenate([np.ones((n_b, n_t, 1)), z[:, :-1, :]], axis=2)
    y = z[:, 1:, :]
    xtx = np.einsum("bti,btj->bij", x, x)
    xty = np.einsum("bti,btj->bij", x, y)
    with np.errstate(all="ignore"):
        try:
            xtx_inv = np.linalg.inv(xtx)
        except np.linalg.LinAlgError:
            xtx_inv = np.linalg.pinv(xtx)
        coef = xtx_inv @ xty
        resid = y - x @ coef
        sigma = np.einsum("bti,btj->bij", resid, resid) / (n_t - 3)
    return coef, xtx_inv, resid, sigma


def _spectral_radius(coef: np.ndarray) -> np.ndarray:
    maps = coef[:, 1:, :].transpose(0, 2, 1)
    with np.errstate(all="ignore"):
        return np.max(np.abs(np.linalg.eigvals(np.nan_to_num(maps))), axis=1)


def _bias_correct(coef: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Subtract the bootstrap bias; shrink it (Kilian 1998) where it would make a stable map explosive."""
    out = coef - bias
    was_stable = _spectral_radius(coef) < 1
    pushed = was_stable & (_spectral_radius(out) >= 1)
    delta = 1.0
    while pushed.any() and delta > 0:
        delta = round(delta - 0.01, 2)
        out[pushed] = coef[pushed] - delta * bias
        pushed = pushed & (_spectral_radius(out) >= 1)
    return out


def _to_params(a_map: np.ndarray, d_vec: np.ndarray, form: str) -> np.ndarray:
    """(B, 2, 2) one-year maps and (B, 2) intercepts -> (B, 6) [a, m, g, b, n, h]."""
    eye = np.eye(2)
    if form == "discrete":
        jac = a_map - eye
        c = d_vec
    else:
        jac = _real_logm(a_map)
        with np.errstate(all="ignore"):
            try:
                sol = np.linalg.solve(a_map - eye, d_vec[..., None])[..., 0]
            except np.linalg.LinAlgError:
                sol = np.full_like(d_vec, np.nan)
        c = np.einsum("bij,bj->bi", jac, sol)
    return np.stack(
        [jac[:, 0, 1], -jac[:, 0, 0], c[:, 0], jac[:, 1, 0], -jac[:, 1, 1], c[:, 1]], axis=1
    )


def _real_logm(a_map: np.ndarray) -> np.ndarray:
    """Batched real matrix logarithm of 2×2 maps; NaN where no real logarithm exists.

    Closed form (Lagrange–Sylvester): log A = D·A + (log λ₁ − λ₁·D)·I with the divided
    difference D = (log λ₁ − log λ₂)/(λ₁ − λ₂) = (2/s)·atanh(w)/w, s = λ₁ + λ₂,
    w = (λ₁ − λ₂)/s — stable when the eigenvalues are (nearly) equal.
    """
    tr = a_map[:, 0, 0] + a_map[:, 1, 1]
    det = a_map[:, 0, 0] * a_map[:, 1, 1] - a_map[:, 0, 1] * a_map[:, 1, 0]
    with np.errstate(all="ignore"):
        root = np.sqrt((tr * tr / 4 - det).astype(complex))
        lam1 = tr / 2 + root
        lam2 = tr / 2 - root
        s = lam1 + lam2
        w = (lam1 - lam2) / s
        small = np.abs(w) < 1e-6
        ratio = np.where(
            small, 1 + w * w / 3, np.arctanh(np.where(small, 0.5, w)) / np.where(small, 1.0, w)
        )
        dd = 2 / s * ratio
        c0 = np.log(lam1) - lam1 * dd
        out = dd[:, None, None] * a_map + c0[:, None, None] * np.eye(2)
    no_real_log = (np.abs(root.imag) < 1e-14) & ((lam1.real <= 0) | (lam2.real <= 0))
    bad = no_real_log | ~np.isfinite(out.real).all(axis=(1, 2))
    res = np.array(out.real)
    res[bad] = np.nan
    return res


def _param_se(coef: np.ndarray, xtx_inv: np.ndarray, sigma: np.ndarray, form: str) -> np.ndarray:
    """Standard errors of [a, m, g, b, n, h]: OLS for the discrete form, delta method else."""
    n_b = coef.shape[0]
    cov = np.einsum("bij,bkl->bikjl", sigma, xtx_inv).reshape(n_b, 6, 6)
    if form == "discrete":
        var = np.diagonal(cov, axis1=1, axis2=2)
        # vec order: eq x [const, x, y], eq y [const, x, y] -> a, m, g, b, n, h
        return np.sqrt(var[:, [2, 1, 0, 4, 5, 3]])
    theta = coef.transpose(0, 2, 1).reshape(n_b, 6)
    grad = np.empty((n_b, 6, 6))
    for j in range(6):
        step = 1e-6 * np.maximum(1.0, np.abs(theta[:, j]))
        hi, lo = theta.copy(), theta.copy()
        hi[:, j] += step
        lo[:, j] -= step
        grad[:, :, j] = (_theta_params(hi) - _theta_params(lo)) / (2 * step[:, None])
    var = np.einsum("bij,bjk,bik->bi", grad, cov, grad)
    with np.errstate(invalid="ignore"):
        return np.sqrt(var)


def _theta_params(theta: np.ndarray) -> np.ndarray:
    coef = theta.reshape(-1, 2, 3).transpose(0, 2, 1)
    return _to_params(coef[:, 1:, :].transpose(0, 2, 1), coef[:, 0, :], "continuous")
