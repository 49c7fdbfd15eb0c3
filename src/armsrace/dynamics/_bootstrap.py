"""Recursive residual bootstrap of a Richardson fit's one-year map."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from armsrace.dynamics._yearmap import _ols

__all__ = ["_Ticker", "_bootstrap"]


class _Ticker:
    """Counts bootstrap draws and forwards them to an optional progress callback."""

    def __init__(self, progress: Callable[[int, int], None] | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def __call__(self, size: int) -> None:
        self.done += size
        if self.progress is not None:
            self.progress(self.done, self.total)


def _bootstrap(
    coef: np.ndarray,
    zs: np.ndarray,
    centred: np.ndarray,
    n_boot: int,
    rng: np.random.Generator,
    tick: _Ticker,
    chunk: int = 250,
) -> np.ndarray:
    """Recursive residual bootstrap of the one-year map: (n_boot, 3, 2) OLS coefficients.

    Residual pairs are resampled jointly (keeping their correlation) and the series is
    regenerated from the first observed year.
    """
    n_t = zs.shape[0] - 1
    a_map, d_vec = coef[1:, :].T, coef[0, :]
    out = []
    done = 0
    while done < n_boot:
        size = min(chunk, n_boot - done)
        shocks = centred[rng.integers(0, n_t, size=(size, n_t))]
        sim = np.empty((size, n_t + 1, 2))
        sim[:, 0, :] = zs[0]
        for t in range(n_t):
            sim[:, t + 1, :] = np.einsum("ij,bj->bi", a_map, sim[:, t, :]) + d_vec + shocks[:, t, :]
        out.append(_ols(sim)[0])
        done += size
        tick(size)
    return np.concatenate(out)
