"""Sobol pipeline: recovers Ishigami's analytic indices; ranks the scenario's inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from armsrace.race.sampling import Dist
from armsrace.race.sensitivity import sensitivity, sobol_indices

ISHIGAMI_S1 = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}


def _ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_ishigami_first_order_indices_within_002() -> None:
    dists = {name: Dist("uniform", -np.pi, 0.0, np.pi) for name in ISHIGAMI_S1}
    frame = sobol_indices(dists, _ishigami, n_base=2**13, seed=1)
    got = dict(zip(frame["parameter"], frame["S1"], strict=True))
    for name, expected in ISHIGAMI_S1.items():
        assert abs(got[name] - expected) < 0.02, (name, got[name])
    st = dict(zip(frame["parameter"], frame["ST"], strict=True))
    assert abs(st["x1"] - 0.5576) < 0.03
    assert abs(st["x3"] - 0.2437) < 0.03


def test_same_seed_same_indices() -> None:
    dists = {name: Dist("triangular", -np.pi, 0.0, np.pi) for name in ISHIGAMI_S1}
    a = sobol_indices(dists, _ishigami, n_base=256, seed=0)
    b = sobol_indices(dists, _ishigami, n_base=256, seed=0)
    assert a.equals(b)


def test_scenario_sensitivity_ranks_initial_output_first_for_shells(resolved_default: Any) -> None:
    result = sensitivity(resolved_default, n_base=128, seed=4)
    assert result.n_evaluations == 128 * (len(resolved_default.uncertain()) + 2)
    top = result.ranking("artillery_ammunition")
    assert top.iloc[0]["parameter"].endswith("artillery_ammunition.initial_output")
    assert set(result.indices["item"]) == set(resolved_default.item_ids)
    constant = result.indices[result.indices["item"] == "tanks"]
    assert (constant["ST"] == 0).all()  # never catches up in any run: no variance to explain
    assert result.to_dict()["run_info"]["scenario_hash"] == resolved_default.digest()


@pytest.mark.slow
def test_scenario_sensitivity_on_dask(resolved_default: Any, dask_client: Any) -> None:
    from armsrace.race.backends import DaskBackend

    here = sensitivity(resolved_default, n_base=64, seed=9)
    there = sensitivity(
        resolved_default, n_base=64, seed=9, backend=DaskBackend(client=dask_client)
    )
    assert here.indices.equals(there.indices)
