"""Probability distributions of uncertain inputs, the one seed normaliser, and block seeding.

Every uncertain input of a scenario is one of five distributions (fixed, uniform,
triangular, PERT, lognormal). Each can be *drawn* from a :class:`numpy.random.Generator`
(Monte Carlo) or mapped from uniform numbers through its inverse CDF (:meth:`Dist.ppf`,
used by the Sobol design).

Determinism: runs are grouped in fixed-size blocks of :data:`BLOCK_RUNS`; block ``k`` is
seeded by ``SeedSequence(root.entropy, spawn_key=root.spawn_key + (k,))`` — exactly the
``k``-th child of ``root.spawn()`` — so a run's numbers depend only on the seed and its
block, never on how blocks are grouped into chunks, processes or cluster workers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BLOCK_RUNS",
    "Dist",
    "block_seed",
    "block_sizes",
    "normalize_seed",
]

#: Runs per seeded block. Part of the reproducibility contract: changing it changes results.
BLOCK_RUNS = 4096

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


def normalize_seed(seed: SeedLike) -> np.random.SeedSequence:
    """The one place a ``seed`` argument becomes a :class:`~numpy.random.SeedSequence`.

    ``None`` draws fresh OS entropy (recorded in ``run_info.seed_entropy``); an ``int`` —
    including 0 — seeds deterministically; a ``SeedSequence`` is used as is; a
    ``Generator`` contributes 128 bits drawn from it.
    """
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        words = seed.integers(0, 2**63, size=2, dtype=np.int64)
        return np.random.SeedSequence([int(w) for w in words])
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"seed must be an int, SeedSequence, Generator or None, not {seed!r}")
    if int(seed) < 0:
        from armsrace.errors import Problem, ScenarioError

        raise ScenarioError(
            problems=[Problem("allowed range: integers >= 0", field="seed", value=int(seed))]
        )
    return np.random.SeedSequence(int(seed))


def block_seed(root: np.random.SeedSequence, block: int) -> np.random.SeedSequence:
    """The seed of block ``block``: the same as ``root.spawn(block + 1)[block]``."""
    return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, block))


def block_sizes(n_runs: int, block_runs: int = BLOCK_RUNS) -> list[int]:
    """Sizes of the fixed blocks that make up ``n_runs`` (the last may be short)."""
    full, rest = divmod(n_runs, block_runs)
    return [block_runs] * full + ([rest] if rest else [])


@dataclass(frozen=True)
class Dist:
    """One uncertain input: ``kind`` in fixed / uniform / triangular / pert / lognormal.

    ``low`` and ``high`` bound uniform, triangular and PERT; for lognormal they are the 5th
    and 95th percentiles; ``mode`` is the most likely value (triangular, PERT) or the value
    (fixed).
    """

    kind: str
    low: float
    mode: float
    high: float

    @classmethod
    def fixed(cls, value: float) -> Dist:
        return cls("fixed", value, value, value)

    @property
    def is_fixed(self) -> bool:
        return self.kind == "fixed" or self.low == self.high

    # --- lognormal parameters (low/high are the 5th and 95th percentiles) ---------------
    def _lognormal(self) -> tuple[float, float]:
        z95 = 1.6448536269514722
        mu = 0.5 * (math.log(self.low) + math.log(self.high))
        sigma = (math.log(self.high) - math.log(self.low)) / (2 * z95)
        return mu, sigma

    def _pert(self) -> tuple[float, float]:
        span = self.high - self.low
        alpha = 1 + 4 * (self.mode - self.low) / span
        beta = 1 + 4 * (self.high - self.mode) / span
        return alpha, beta

    def support(self) -> tuple[float, float]:
        """Smallest and largest value a draw can take (lognormal: its 0.1%/99.9% points)."""
        if self.kind == "lognormal":
            return float(self.ppf(np.array([0.001]))[0]), float(self.ppf(np.array([0.999]))[0])
        return self.low, self.high

    def mean(self) -> float:
        if self.is_fixed:
            return self.mode
        if self.kind == "uniform":
            return 0.5 * (self.low + self.high)
        if self.kind == "triangular":
            return (self.low + self.mode + self.high) / 3
        if self.kind == "pert":
            return (self.low + 4 * self.mode + self.high) / 6
        mu, sigma = self._lognormal()
        return math.exp(mu + sigma**2 / 2)

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws."""
        if self.is_fixed:
            return np.full(n, self.mode, dtype=np.float64)
        if self.kind == "uniform":
            return rng.uniform(self.low, self.high, size=n)
        if self.kind == "triangular":
            return rng.triangular(self.low, self.mode, self.high, size=n)
        if self.kind == "pert":
            a, b = self._pert()
            return self.low + (self.high - self.low) * rng.beta(a, b, size=n)
        if self.kind == "lognormal":
            mu, sigma = self._lognormal()
            return rng.lognormal(mu, sigma, size=n)
        raise ValueError(f"unknown distribution kind {self.kind!r}")

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Inverse CDF: uniform numbers in [0, 1] to values of this distribution."""
        u = np.asarray(u, dtype=np.float64)
        if self.is_fixed:
            return np.full(u.shape, self.mode, dtype=np.float64)
        lo, hi = self.low, self.high
        if self.kind == "uniform":
            return lo + (hi - lo) * u
        if self.kind == "triangular":
            c = (self.mode - lo) / (hi - lo)
            left = lo + np.sqrt(u * (hi - lo) * (self.mode - lo))
            right = hi - np.sqrt((1 - u) * (hi - lo) * (hi - self.mode))
            return np.where(u < c, left, right)
        if self.kind == "pert":
            from scipy.special import betaincinv

            a, b = self._pert()
            x = np.asarray(betaincinv(a, b, u), dtype=np.float64)
            # scipy gives NaN for u within ~1e-290 of 0 or 1: those are the bounds
            bad = ~np.isfinite(x)
            if bad.any():
                x = np.where(bad, (u > 0.5).astype(np.float64), x)
            return lo + (hi - lo) * x
        if self.kind == "lognormal":
            from scipy.special import ndtri

            mu, sigma = self._lognormal()
            with np.errstate(divide="ignore"):
                return np.exp(mu + sigma * ndtri(u))
        raise ValueError(f"unknown distribution kind {self.kind!r}")
