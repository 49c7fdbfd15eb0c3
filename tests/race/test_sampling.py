"""Distributions: draws and inverse CDFs agree; supports and means are right."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.race.sampling import BLOCK_RUNS, Dist, block_sizes

KINDS = [
    Dist("uniform", 2.0, 5.0, 8.0),
    Dist("triangular", 2.0, 3.0, 8.0),
    Dist("pert", 2.0, 3.0, 8.0),
    Dist("lognormal", 2.0, 4.0, 8.0),
]


@pytest.mark.parametrize("dist", KINDS, ids=lambda d: d.kind)
def test_draws_match_the_inverse_cdf(dist: Dist) -> None:
    rng = np.random.default_rng(0)
    draws = np.sort(dist.draw(rng, 200_000))
    u = (np.arange(1, 200) / 200).astype(float)
    np.testing.assert_allclose(np.quantile(draws, u), dist.ppf(u), rtol=0.02)
    assert draws.mean() == pytest.approx(dist.mean(), rel=0.01)
    lo, hi = dist.support()
    if dist.kind != "lognormal":
        assert draws[0] >= lo and draws[-1] <= hi


def test_lognormal_low_high_are_the_5th_and_95th_percentiles() -> None:
    d = Dist("lognormal", 2.0, 4.0, 8.0)
    np.testing.assert_allclose(d.ppf(np.array([0.05, 0.95])), [2.0, 8.0], rtol=1e-9)


def test_fixed_draws_nothing_random() -> None:
    d = Dist.fixed(3.5)
    rng = np.random.default_rng(1)
    state = rng.bit_generator.state
    np.testing.assert_array_equal(d.draw(rng, 4), 3.5)
    assert rng.bit_generator.state == state
    assert d.is_fixed and d.mean() == 3.5


@settings(max_examples=50, deadline=None)
@given(
    lo=st.floats(0.1, 100.0),
    span=st.floats(0.01, 100.0),
    frac=st.floats(0.0, 1.0),
    u=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=20),
)
def test_ppf_is_monotone_and_within_support(
    lo: float, span: float, frac: float, u: list[float]
) -> None:
    hi = lo + span
    for kind in ("uniform", "triangular", "pert"):
        d = Dist(kind, lo, lo + frac * span, hi)
        x = d.ppf(np.sort(np.array(u)))
        assert np.all(np.diff(x) >= -1e-9 * hi)
        assert np.all((x >= lo - 1e-9 * hi) & (x <= hi + 1e-9 * hi))


def test_block_sizes_cover_the_runs() -> None:
    assert block_sizes(1) == [1]
    assert block_sizes(BLOCK_RUNS) == [BLOCK_RUNS]
    assert block_sizes(2 * BLOCK_RUNS + 3) == [BLOCK_RUNS, BLOCK_RUNS, 3]


def test_wilson_interval_brackets_the_estimate() -> None:
    from armsrace.race.summary import wilson_interval

    lo, hi = wilson_interval(606, 1000)
    assert lo < 0.606 < hi and hi - lo == pytest.approx(
        2 * 1.645 * (0.606 * 0.394 / 1000) ** 0.5, rel=0.02
    )
    assert wilson_interval(0, 100)[0] == 0.0
    assert wilson_interval(100, 100)[1] == 1.0
