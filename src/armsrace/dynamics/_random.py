"""Seed handling for the dynamics estimators: one ``seed`` argument, one normaliser."""

from __future__ import annotations

import numpy as np

__all__ = ["Seed", "normalise_seed"]

Seed = int | np.random.SeedSequence | np.random.Generator | None


def normalise_seed(seed: Seed) -> tuple[np.random.Generator, int | None]:
    """Return a generator and the entropy to record in ``RunInfo`` (None if unknowable)."""
    if isinstance(seed, np.random.Generator):
        return seed, None
    if isinstance(seed, np.random.SeedSequence):
        entropy = seed.entropy
        return np.random.default_rng(seed), int(entropy) if isinstance(entropy, int) else None
    if seed is None:
        sequence = np.random.SeedSequence()
        entropy = sequence.entropy
        return np.random.default_rng(sequence), int(entropy) if isinstance(entropy, int) else None
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        from armsrace.errors import DynamicsError

        raise DynamicsError(
            f"seed must be an int, SeedSequence, Generator or None, not {type(seed).__name__}"
        )
    return np.random.default_rng(int(seed)), int(seed)
