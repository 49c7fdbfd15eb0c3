"""Race fixtures: engine inputs built by hand, the resolved default scenario, a real Dask
cluster of two single-threaded worker processes (session-scoped)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from armsrace.race.engine import EngineInputs


def make_inputs(
    n: int = 3,
    horizon: int = 24,
    n_items: int = 1,
    *,
    budget: np.ndarray | float = 1e9,
    **fields: Any,
) -> EngineInputs:
    """Engine inputs with every field settable; scalars broadcast to ``(n, 2, n_items)``."""
    shape = (n, 2, n_items)
    defaults: dict[str, Any] = {
        "initial_output": 100.0,
        "unit_cost_usd": 1e4,
        "learning_rate": 1.0,
        "lead_time_months": 12.0,
        "money_share": 1e-3,
        "consumption": 0.0,
        "initial_stock": 0.0,
    }
    defaults.update({k: v for k, v in fields.items() if k != "experience_months"})
    arrays = {
        k: np.broadcast_to(np.asarray(v, dtype=float), shape).copy() for k, v in defaults.items()
    }
    # ``budget`` broadcasts like (T, n, S); the engine takes (T, S, n)
    bud = (
        np.broadcast_to(np.asarray(budget, dtype=float), (horizon, n, 2)).transpose(0, 2, 1).copy()
    )
    exp = np.broadcast_to(
        np.asarray(fields.get("experience_months", 12.0), dtype=float), (n,)
    ).copy()
    return EngineInputs(budget_usd=bud, experience_months=exp, **arrays)


@pytest.fixture(scope="session")
def resolved_default(store_path: Any) -> Any:
    """The default scenario resolved against the session store."""
    from armsrace.facts.store import open_store
    from armsrace.race.runner import prepare

    with open_store(store_path) as store:
        return prepare(None, store)


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    """A real LocalCluster: 2 worker processes, 1 thread each."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
