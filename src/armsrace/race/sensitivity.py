"""Sobol sensitivity of the catch-up month (SALib): what matters most.

The design is SALib's Sobol' sequence in the unit hypercube (first-order and total indices,
no second order), mapped through each input's inverse CDF, so the indices refer to the
scenario's own distributions. A run that never catches up counts as the horizon month
(censored), which is stated in the result.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from armsrace.provenance import RunInfo, version
from armsrace.race.backends import Backend, get_backend
from armsrace.race.defaults import ResolvedScenario
from armsrace.race.engine import run_engine
from armsrace.race.inputs import inputs_from_values
from armsrace.race.sampling import BLOCK_RUNS, Dist, normalize_seed
from armsrace.race.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.race.sampling import SeedLike
    from armsrace.settings import Settings

__all__ = ["SensitivityResult", "sensitivity", "sobol_indices"]

_EPS = 1e-12


def _salib_seed(seed: SeedLike) -> int:
    """SALib treats 0 as 'no seed': derive a positive int from our one seed."""
    return int(normalize_seed(seed).generate_state(1, dtype=np.uint32)[0]) + 1


def sobol_indices(
    dists: Mapping[str, Dist],
    model: Callable[[np.ndarray], np.ndarray],
    *,
    n_base: int = 1024,
    seed: SeedLike = None,
    outputs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """First-order and total Sobol indices of each column of ``model(X)``.

    ``model`` takes the design ``X`` (rows = evaluations, columns in the order of ``dists``)
    and returns ``(rows,)`` or ``(rows, k)``. Returns a long frame: output, parameter, S1,
    S1_conf, ST, ST_conf.
    """
    import pandas as pd
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    names = list(dists)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    salib_seed = _salib_seed(seed)
    unit = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=salib_seed)
    unit = np.clip(unit, _EPS, 1 - _EPS)
    x = np.column_stack([dists[n].ppf(unit[:, j]) for j, n in enumerate(names)])
    y = np.asarray(model(x), dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    labels = list(outputs) if outputs is not None else [str(k) for k in range(y.shape[1])]
    rows = []
    for k, label in enumerate(labels):
        col = y[:, k]
        if np.ptp(col) == 0:
            for n in names:
                rows.append(
                    {
                        "output": label,
                        "parameter": n,
                        "S1": 0.0,
                        "S1_conf": 0.0,
                        "ST": 0.0,
                        "ST_conf": 0.0,
                        "varies": False,
                    }
                )
            continue
        with warnings.catch_warnings():
            # SALib warns when a bootstrap resample of a rare event is constant; the point
            # estimates are still defined (and 0 where the sample itself is constant)
            warnings.filterwarnings("ignore", message="Constant values encountered")
            res = sobol_analyze.analyze(
                problem, col, calc_second_order=False, num_resamples=100, seed=salib_seed
            )
        for j, n in enumerate(names):
            rows.append(
                {
                    "output": label,
                    "parameter": n,
                    "S1": float(res["S1"][j]),
                    "S1_conf": float(res["S1_conf"][j]),
                    "ST": float(res["ST"][j]),
                    "ST_conf": float(res["ST_conf"][j]),
                    "varies": True,
                }
            )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class SensitivityResult:
    """Sobol indices of the catch-up month, per item and uncertain input."""

    scenario: str
    indices: pd.DataFrame  # item, parameter, S1, S1_conf, ST, ST_conf
    n_base: int
    n_evaluations: int
    run_info: RunInfo
    note: str = (
        "Y = month the first side's monthly output first exceeds the second's; runs that "
        "never catch up count as the horizon month (censored)."
    )

    def ranking(self, item: str | None = None) -> pd.DataFrame:
        """Inputs ranked by total index: for ``item``, or averaged over the items whose
        catch-up month varies at all (an item that never, or always, catches up has nothing
        to explain)."""
        df = self.indices
        if item is not None:
            df = df[df["item"] == item]
        elif bool(df["varies"].any()):
            df = df[df["varies"]]
        out = df.groupby("parameter", as_index=False)[["S1", "ST"]].mean()
        return out.sort_values("ST", ascending=False, kind="stable").reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        records = [
            {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
            for r in self.indices.to_dict(orient="records")
        ]
        return {
            "scenario": self.scenario,
            "n_base": self.n_base,
            "evaluations": self.n_evaluations,
            "note": self.note,
            "indices": records,
            "run_info": self.run_info.to_dict(),
        }


@dataclass(frozen=True)
class _Chunk:
    resolved: ResolvedScenario
    names: tuple[str, ...]
    x: np.ndarray  # design rows, columns = names (values, not unit numbers)


def _catchup_task(chunk: _Chunk) -> np.ndarray:
    n = chunk.x.shape[0]
    values = {name: np.full(n, d.mean()) for name, d in chunk.resolved.params.items()}
    for j, name in enumerate(chunk.names):
        values[name] = chunk.x[:, j]
    paths = run_engine(inputs_from_values(chunk.resolved, values), snap_months=np.array([0]))
    return paths.catch_up_month


def sensitivity(
    scenario: str | Path | Scenario | ResolvedScenario | None = None,
    store: FactStore | None = None,
    *,
    n_base: int = 512,
    seed: SeedLike = None,
    backend: str | Backend | None = None,
    progress: Callable[[int, int], None] | None = None,
    settings: Settings | None = None,
) -> SensitivityResult:
    """Sobol first-order and total indices of each item's catch-up month."""
    from armsrace.race.runner import prepare

    resolved = prepare(scenario, store, settings)
    names = resolved.uncertain()
    dists = {n: resolved.params[n] for n in names}
    chosen = get_backend(backend)
    evaluations = [0]

    def model(x: np.ndarray) -> np.ndarray:
        chunks = [
            _Chunk(resolved, tuple(names), x[a : a + BLOCK_RUNS])
            for a in range(0, x.shape[0], BLOCK_RUNS)
        ]
        parts = chosen.map(_catchup_task, chunks, progress)
        evaluations[0] = x.shape[0]
        return np.concatenate(parts).astype(np.float64)

    frame = sobol_indices(dists, model, n_base=n_base, seed=seed, outputs=resolved.item_ids)
    frame = frame.rename(columns={"output": "item"})
    root = normalize_seed(seed)
    info = RunInfo(
        armsrace_version=version(),
        store_checksum=resolved.store_checksum,
        scenario_hash=resolved.digest(),
        seed_entropy=int(root.entropy) if isinstance(root.entropy, int) else None,
        extra={"method": "sobol (SALib), first-order and total", "n_base": str(n_base)},
    )
    return SensitivityResult(resolved.name, frame, n_base, evaluations[0], info)
