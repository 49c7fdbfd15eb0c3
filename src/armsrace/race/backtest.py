"""Backtest: run the ``backtest-2022`` scenario family forward from end-2022 conditions and
realised 2022–2025 budgets, and compare the model's intervals with observed output.

Observations come from the fact store's production table, selected by the packaged
``race/data/backtest_observations.csv`` (scenario, item, side, year, output or capacity,
source ids): the values are never copied out of the store. Claims of the same figure by
several outlets count once; what remains is the claimants' spread, and the observation
tested is their median. Per item-year: the model's 50% and 90% intervals, whether the
observation falls inside each, its PIT value (the share of runs at or below it) and on which
side a miss falls; overall coverage of both intervals.

Model quantities are per calendar year: output summed over the year's months; capacity as
December's monthly capacity x 12. Observations given per month are x 12. Nothing here is
fitted to the observations; inputs calibrated on a year say so in their scenario, and that
year is not tested.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.race.scenario import Scenario

__all__ = ["BACKTEST_FAMILY", "BacktestResult", "run_backtest", "strip_structure"]

BACKTEST_FAMILY = ("backtest-2022-usa", "backtest-2022-europe", "backtest-2022-russia")


def strip_structure(scenario: Scenario) -> Scenario:
    """The scenario with every optional structural part of its items switched off."""
    items = []
    for item in scenario.items:
        sides = {
            sid: spec.model_copy(
                update={"refurbishment": None, "allocation_path": None, "scheduled_capacity": None}
            )
            for sid, spec in item.sides.items()
        }
        items.append(item.model_copy(update={"sides": sides}))
    return scenario.model_copy(update={"items": tuple(items)})


@dataclass(frozen=True)
class BacktestResult:
    """Per item-year comparison (``table``) and coverage of the 50% and 90% intervals."""

    table: pd.DataFrame
    runs: int
    seed: int
    structure: bool
    source_ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def coverage(self) -> dict[str, Any]:
        t = self.table
        n = len(t)
        return {
            "item_years": n,
            "inside_50": int(t["inside_50"].sum()),
            "inside_90": int(t["inside_90"].sum()),
            "coverage_50": float(t["inside_50"].mean()) if n else math.nan,
            "coverage_90": float(t["inside_90"].mean()) if n else math.nan,
            "target_50": [0.35, 0.65],
            "target_90": 0.80,
        }

    def to_dict(self) -> dict[str, Any]:
        from armsrace.race.summary import _records

        return {
            "runs": self.runs,
            "seed": self.seed,
            "structure": self.structure,
            "coverage": self.coverage(),
            "item_years": _records(self.table),
            "source_ids": list(self.source_ids),
            "notes": list(self.notes),
        }


def _specs(path: Path | None = None) -> list[dict[str, str]]:
    file = (
        Path(str(resources.files("armsrace.race") / "data" / "backtest_observations.csv"))
        if path is None
        else path
    )
    with file.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _claims(store: FactStore, spec: dict[str, str], side_bloc: str) -> pd.DataFrame:
    """The store's rows an observation spec selects, per year, one row per distinct figure."""
    from armsrace.facts import queries
    from armsrace.race.defaults import _production_side

    item = "artillery_ammunition" if spec["item"] == "rheinmetall_ammunition" else spec["item"]
    rows = queries.production(
        store,
        side=_production_side(side_bloc),
        item=item,
        year=int(spec["year"]),
        kind=spec["measure"],
    )
    rows = rows[rows["source_id"].isin(spec["source_ids"].split(";"))]
    if spec["producers"]:
        rows = rows[rows["producer"].isin(spec["producers"].split(";"))]
    per = np.where(rows["period"].to_numpy() == "month", 12.0, 1.0)
    rows = rows.assign(
        low=rows["low"] * per, central=rows["central"] * per, high=rows["high"] * per
    )
    return rows.drop_duplicates(subset=["low", "central", "high"])


def _value(row: Any) -> tuple[float, str]:
    lo, mid, hi = (float(row[k]) for k in ("low", "central", "high"))
    if not math.isnan(mid):
        return mid, "point"
    if not math.isnan(lo) and not math.isnan(hi):
        return math.sqrt(lo * hi), "range"
    if not math.isnan(lo):
        return lo, "lower bound"
    return hi, "upper bound"


def run_backtest(
    store: FactStore,
    *,
    runs: int = 4000,
    seed: int = 42,
    structure: bool = True,
    progress: Callable[[int, int], None] | None = None,
    observations: Path | None = None,
) -> BacktestResult:
    """Simulate each member of the family and compare it with the observations."""
    import pandas as pd

    from armsrace.race.defaults import resolve
    from armsrace.race.runner import simulate
    from armsrace.race.scenario import load_scenario, locate_scenario

    specs = _specs(observations)
    rows: list[dict[str, Any]] = []
    sources: set[str] = set()
    notes: list[str] = []
    members = [m for m in BACKTEST_FAMILY if any(s["scenario"] == m for s in specs)]
    for k, member in enumerate(members):
        path = locate_scenario(member)
        scenario = load_scenario(path)
        if not structure:
            scenario = strip_structure(scenario)
        resolved = resolve(scenario, store, path=str(path))
        sources.update(resolved.source_ids)
        notes.extend(f"{member}: {n}" for n in resolved.notes)
        res = simulate(resolved, runs=runs, seed=seed, keep_paths=True)
        ds = res.to_xarray()
        blocs = {s.id: s.bloc for s in scenario.sides}
        for spec in (s for s in specs if s["scenario"] == member):
            year = int(spec["year"])
            t0 = (year - scenario.start_year) * 12
            sel: dict[Any, Any] = {"side": spec["side"], "item": spec["item"]}
            model: np.ndarray
            if spec["measure"] == "capacity":
                model = ds["capacity"].sel(sel).isel(month=t0 + 11).to_numpy() * 12
            else:
                model = ds["output"].sel(sel).isel(month=slice(t0, t0 + 12)).sum("month").to_numpy()
            claims = _claims(store, spec, blocs[spec["side"]])
            if claims.empty:
                notes.append(f"{member} {spec['item']} {year} {spec['measure']}: no store rows")
                continue
            sources.update(claims["source_id"])
            values = [_value(r) for _, r in claims.iterrows()]
            obs = float(np.median([v for v, _ in values]))
            q = np.quantile(model, [0.05, 0.25, 0.5, 0.75, 0.95])
            pit = float((np.sum(model < obs) + 0.5 * np.sum(model == obs)) / model.size)
            rows.append(
                {
                    "scenario": member,
                    "item": spec["item"],
                    "side": spec["side"],
                    "year": year,
                    "measure": spec["measure"],
                    "observed": obs,
                    "claims": len(values),
                    "claims_low": min(v for v, _ in values),
                    "claims_high": max(v for v, _ in values),
                    "kinds": ", ".join(sorted({kind for _, kind in values})),
                    "claimants": "; ".join(sorted(set(claims["claimant"].astype(str)))),
                    "model_p5": q[0],
                    "model_p25": q[1],
                    "model_p50": q[2],
                    "model_p75": q[3],
                    "model_p95": q[4],
                    "inside_50": bool(q[1] <= obs <= q[3]),
                    "inside_90": bool(q[0] <= obs <= q[4]),
                    "pit": pit,
                    "miss": "inside"
                    if q[0] <= obs <= q[4]
                    else ("above" if obs > q[4] else "below"),
                    "note": spec["note"],
                }
            )
        if progress is not None:
            progress(k + 1, len(members))
    return BacktestResult(
        table=pd.DataFrame(rows),
        runs=runs,
        seed=seed,
        structure=structure,
        source_ids=tuple(sorted(sources)),
        notes=tuple(notes),
    )
