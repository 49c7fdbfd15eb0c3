"""``simulate``: resolve a scenario, run its seeded blocks on a backend, merge the summaries."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from armsrace.errors import Problem, ScenarioError
from armsrace.provenance import RunInfo, version
from armsrace.race.backends import Backend, get_backend
from armsrace.race.defaults import ResolvedScenario, resolve
from armsrace.race.engine import Paths, run_engine
from armsrace.race.inputs import draw_values, inputs_from_values
from armsrace.race.sampling import BLOCK_RUNS, block_seed, block_sizes, normalize_seed
from armsrace.race.scenario import DEFAULT_SCENARIO, Scenario, load_scenario, locate_scenario
from armsrace.race.summary import Counts, Layout, SimulationResult, summarise

if TYPE_CHECKING:
    import xarray as xr

    from armsrace.facts.store import FactStore
    from armsrace.race.sampling import SeedLike
    from armsrace.settings import Settings

__all__ = ["KEEP_PATHS_BYTES", "make_layout", "prepare", "run_block", "simulate"]

#: Full paths are kept (an xarray Dataset) only below this many bytes; above it, streaming
#: summaries only.
KEEP_PATHS_BYTES = 128 * 2**20


def prepare(
    scenario: str | Path | Scenario | ResolvedScenario | None,
    store: FactStore | None,
    settings: Settings | None = None,
) -> ResolvedScenario:
    """Any way of naming a scenario -> a resolved scenario (all validation happens here)."""
    if isinstance(scenario, ResolvedScenario):
        return scenario
    limit = settings.max_horizon_months if settings is not None else None
    path: str | None = None
    if not isinstance(scenario, Scenario):
        path = str(locate_scenario(DEFAULT_SCENARIO if scenario is None else scenario))
        scenario = load_scenario(path, max_horizon_months=limit)
    elif limit is not None and scenario.horizon_months > limit:
        raise ScenarioError(
            problems=[
                Problem(
                    f"beyond the configured limit; allowed range 1..{limit} months",
                    field="horizon_months",
                    value=scenario.horizon_months,
                )
            ]
        )
    return resolve(scenario, store, path=path)


def make_layout(resolved: ResolvedScenario) -> Layout:
    """Histogram ranges fixed from the inputs' supports (never from the data drawn)."""
    lo, hi_out, hi_stock = [], [], []
    horizon = resolved.horizon_months
    for item in resolved.item_ids:
        supports = [
            resolved.params[f"{s}.{item}.initial_output"].support() for s in resolved.side_ids
        ]
        stocks = [
            resolved.params[f"{s}.{item}.initial_stock"].support()[1] for s in resolved.side_ids
        ]
        low = min(a for a, _ in supports)
        high = max(b for _, b in supports)
        lo.append(math.floor(math.log10(low)) - 3)
        hi_out.append(math.ceil(math.log10(high)) + 4)
        hi_stock.append(math.ceil(math.log10(high * horizon * 1e4 + max(stocks))) + 1)
    return Layout(
        sides=resolved.side_ids,
        items=resolved.item_ids,
        horizon=horizon,
        start_year=resolved.scenario.start_year,
        log_lo=tuple(float(x) for x in lo),
        log_hi_output=tuple(float(x) for x in hi_out),
        log_hi_stock=tuple(float(x) for x in hi_stock),
    )


def run_block(
    resolved: ResolvedScenario,
    seed: np.random.SeedSequence,
    n: int,
    *,
    full: bool = False,
    snap_months: np.ndarray | None = None,
) -> Paths:
    """Draw one block's inputs from its seed and step the engine."""
    values = draw_values(resolved, seed, n)
    inputs = inputs_from_values(resolved, values)
    if snap_months is None:
        snap_months = make_layout(resolved).snap_months
    return run_engine(inputs, snap_months=snap_months, full=full)


@dataclass(frozen=True)
class _Task:
    resolved: ResolvedScenario
    layout: Layout
    entropy: Any
    spawn_key: tuple[int, ...]
    blocks: tuple[tuple[int, int], ...]  # (block index, runs)
    keep: bool


def _run_task(task: _Task) -> tuple[Counts, list[dict[str, np.ndarray]]]:
    root = np.random.SeedSequence(task.entropy, spawn_key=task.spawn_key)
    total: Counts | None = None
    kept: list[dict[str, np.ndarray]] = []
    for k, n in task.blocks:
        paths = run_block(
            task.resolved,
            block_seed(root, k),
            n,
            full=task.keep,
            snap_months=task.layout.snap_months,
        )
        # the task owns its running total: later blocks are counted into it in place
        total = summarise(paths, task.layout, into=total)
        if task.keep:
            assert paths.output is not None
            assert paths.capacity is not None and paths.stock is not None
            kept.append(
                {
                    "output": paths.output,
                    "capacity": paths.capacity,
                    "stock": paths.stock,
                    "catch_up_month": paths.catch_up_month,
                    "parity_month": paths.parity_month,
                }
            )
    assert total is not None
    return total, kept


def simulate(
    scenario: str | Path | Scenario | ResolvedScenario | None = None,
    store: FactStore | None = None,
    *,
    runs: int = 10_000,
    seed: SeedLike = None,
    backend: str | Backend | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep_paths: bool | None = None,
    chunk_blocks: int | None = None,
    settings: Settings | None = None,
) -> SimulationResult:
    """Run the Monte Carlo race model; bit-identical for a seed whatever the backend.

    ``keep_paths=None`` keeps the full paths as an xarray Dataset when they fit in
    :data:`KEEP_PATHS_BYTES`; otherwise only streaming summaries are kept.
    """
    max_runs = settings.max_runs if settings is not None else 10_000_000
    if not isinstance(runs, int) or not 1 <= runs <= max_runs:
        raise ScenarioError(
            problems=[Problem(f"allowed range 1..{max_runs:,} runs", field="runs", value=runs)]
        )
    resolved = prepare(scenario, store, settings)
    layout = make_layout(resolved)
    root = normalize_seed(seed)
    sizes = block_sizes(runs)
    n_sides, n_items = 2, len(resolved.item_ids)
    path_bytes = runs * resolved.horizon_months * n_sides * n_items * 8 * 3
    keep = path_bytes <= KEEP_PATHS_BYTES if keep_paths is None else keep_paths
    chosen = get_backend(backend)
    per_task = chunk_blocks or max(1, math.ceil(len(sizes) / (4 * max(1, chosen.workers))))
    if chosen.name == "local" and chunk_blocks is None:
        per_task = 1
    blocks = list(enumerate(sizes))
    tasks = [
        _Task(
            resolved,
            layout,
            root.entropy,
            tuple(root.spawn_key),
            tuple(blocks[j : j + per_task]),
            keep,
        )
        for j in range(0, len(blocks), per_task)
    ]
    total: list[Counts] = []
    kept: dict[int, list[dict[str, np.ndarray]]] = {}

    def consume(k: int, result: tuple[Counts, list[dict[str, np.ndarray]]]) -> None:
        # integer counts add exactly, in any order; kept paths are re-ordered below
        total[:] = [result[0] if not total else total[0] + result[0]]
        if result[1]:
            kept[k] = result[1]

    chosen.map(_run_task, tasks, progress, consume)
    counts = total[0]
    blocks_kept = [b for k in sorted(kept) for b in kept[k]]
    dataset = _dataset(resolved, layout, blocks_kept) if keep else None
    info = RunInfo(
        armsrace_version=version(),
        store_checksum=resolved.store_checksum,
        scenario_hash=resolved.digest(),
        seed_entropy=int(root.entropy) if isinstance(root.entropy, int) else None,
        extra={
            "runs": str(runs),
            "block_runs": str(BLOCK_RUNS),
            "spawn_key": ",".join(map(str, root.spawn_key)),
        },
    )
    return SimulationResult(
        scenario=resolved.name,
        layout=layout,
        counts=counts,
        run_info=info,
        source_ids=resolved.source_ids,
        notes=resolved.notes,
        units=tuple(i.unit for i in resolved.scenario.items),
        labels=tuple(i.label for i in resolved.scenario.items),
        references=resolved.references,
        assumptions=resolved.assumptions,
        coverage=resolved.coverage,
        dataset=dataset,
    )


def _dataset(
    resolved: ResolvedScenario, layout: Layout, blocks: list[dict[str, np.ndarray]]
) -> xr.Dataset:
    import pandas as pd
    import xarray as xr

    def cat(name: str) -> np.ndarray:
        return np.concatenate([b[name] for b in blocks], axis=1)

    months = pd.period_range(f"{layout.start_year}-01", periods=layout.horizon, freq="M")
    coords = {
        "run": np.arange(sum(b["output"].shape[1] for b in blocks)),
        "month": np.arange(layout.horizon),
        "side": list(layout.sides),
        "item": list(layout.items),
    }
    dims = ("run", "month", "side", "item")
    data = {
        name: (dims, cat(name).transpose(1, 0, 2, 3)) for name in ("output", "capacity", "stock")
    }
    ds = xr.Dataset(
        {
            **data,
            "catch_up_month": (
                ("run", "item"),
                np.concatenate([b["catch_up_month"] for b in blocks]),
            ),
            "parity_month": (("run", "item"), np.concatenate([b["parity_month"] for b in blocks])),
        },
        coords={**coords, "date": ("month", months.strftime("%Y-%m"))},
    )
    ds.attrs.update(
        {
            "scenario": resolved.name,
            "units": "output and capacity per month; stock in units; month index from start",
            "never": f"catch_up_month == {layout.horizon} means never within the horizon",
            "source_ids": ";".join(resolved.source_ids),
        }
    )
    return ds
