"""Backtest: run the ``backtest-2022`` scenario family forward from end-2022 conditions and
realised 2022–2025 budgets, and compare the model's intervals with observed output.

Observations come from the fact store's production table, selected by the packaged
``race/data/backtest_observations.csv`` (scenario, item, side, year, output or capacity,
source ids): the values are never copied out of the store. Claims of the same figure by
several outlets count once; claims of different basis or subtype (output, deliveries,
produced-or-refurbished; 155 mm or all calibres) are never pooled: one group is tested, the
others are listed. What remains is the claimants' spread; the observation tested is the
median of the point claims, or, when there are only bounds ("at least"), the bound tested
one-sided (:func:`compare`). Per item-year: the model's 50% and 90% intervals, whether the
observation falls inside each, its PIT value (the share of runs below it; a bound for a
bound) and on which side a miss falls; overall coverage of both intervals.

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

__all__ = [
    "BACKTEST_FAMILY",
    "BacktestResult",
    "compare",
    "family_members",
    "run_backtest",
    "strip_structure",
]

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
    members: tuple[str, ...] = BACKTEST_FAMILY

    def coverage(self) -> dict[str, Any]:
        """Share of item-years inside each interval; bounds ("at least") count when the
        interval reaches them, and the same shares over the point observations alone."""
        t = self.table
        n = len(t)
        pts = t[t["observed_kind"] == "point"] if n else t
        return {
            "item_years": n,
            "inside_50": int(t["inside_50"].sum()),
            "inside_90": int(t["inside_90"].sum()),
            "coverage_50": float(t["inside_50"].mean()) if n else math.nan,
            "coverage_90": float(t["inside_90"].mean()) if n else math.nan,
            "one_sided": n - len(pts),
            "coverage_50_points": float(pts["inside_50"].mean()) if len(pts) else math.nan,
            "coverage_90_points": float(pts["inside_90"].mean()) if len(pts) else math.nan,
            "target_50": [0.35, 0.65],
            "target_90": 0.80,
        }

    def to_dict(self) -> dict[str, Any]:
        from armsrace.race.summary import _records

        return {
            "runs": self.runs,
            "seed": self.seed,
            "members": list(self.members),
            "structure": self.structure,
            "coverage": self.coverage(),
            "item_years": _records(self.table),
            "source_ids": list(self.source_ids),
            "notes": list(self.notes),
        }


def family_members(scenario: str | None) -> tuple[str, ...]:
    """The family members a backtest runs: all of them for ``None``, else the one named;
    any other scenario is refused (only the family starts from end-2022 conditions and has
    observations to meet)."""
    from armsrace.errors import ScenarioError

    if scenario is None:
        return BACKTEST_FAMILY
    if scenario in BACKTEST_FAMILY:
        return (scenario,)
    raise ScenarioError(
        f"the backtest runs only its own family ({', '.join(BACKTEST_FAMILY)}), not "
        f"{scenario!r}: name one of them or none"
    )


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
    from armsrace.race.defaults import production_side

    item = "artillery_ammunition" if spec["item"] == "rheinmetall_ammunition" else spec["item"]
    rows = queries.production(
        store,
        side=production_side(side_bloc),
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


def _basis(rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    sub = first["subtype"]
    return f"{first['basis']}, {sub}" if isinstance(sub, str) and sub else str(first["basis"])


def _tested_group(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the claims into the ones tested and the others: claims of different basis or
    subtype (output vs deliveries vs produced-or-refurbished, 155 mm vs all calibres)
    measure different things and are never pooled. The tested group is the (basis, subtype)
    with most distinct claims; ties go to the first basis in the schema's order."""
    from armsrace.facts.schema import BASES

    keys = claims["basis"].fillna("").astype(str) + "|" + claims["subtype"].fillna("").astype(str)
    counts = keys.value_counts()
    best = max(counts.index, key=lambda k: (counts[k], -_rank(k.split("|")[0], BASES), k))
    return claims[keys == best], claims[keys != best]


def _rank(basis: str, order: tuple[str, ...]) -> int:
    return order.index(basis) if basis in order else len(order)


def compare(model: np.ndarray, values: list[tuple[float, str]]) -> dict[str, Any]:
    """The observation an item-year's claims give and how the model's runs ``model`` meet it.

    Point and range claims: their median is the observation, tested two-sided. Only lower
    bounds ("at least", "more than"): the largest is tested one-sided — inside an interval
    when the interval's upper end reaches it — and the PIT is a bound (the true value's PIT
    is at least the share of runs below the bound). Only upper bounds: the mirror image."""
    q = np.quantile(model, [0.05, 0.25, 0.5, 0.75, 0.95])
    points = [v for v, kind in values if kind in {"point", "range"}]
    lower = [v for v, kind in values if kind == "lower bound"]
    if points:
        obs, kind = float(np.median(points)), "point"
    elif lower:
        obs, kind = max(lower), "lower bound"
    else:
        obs, kind = min(v for v, _ in values), "upper bound"
    pit = float((np.sum(model < obs) + 0.5 * np.sum(model == obs)) / model.size)
    if kind == "point":
        in50, in90 = bool(q[1] <= obs <= q[3]), bool(q[0] <= obs <= q[4])
        miss = "inside" if in90 else ("above" if obs > q[4] else "below")
        pit_kind = "value"
    elif kind == "lower bound":
        in50, in90 = bool(q[3] >= obs), bool(q[4] >= obs)
        miss = "inside" if in90 else "above"
        pit_kind = "at least"
    else:
        in50, in90 = bool(q[1] <= obs), bool(q[0] <= obs)
        miss = "inside" if in90 else "below"
        pit_kind = "at most"
    return {
        "observed": obs,
        "observed_kind": kind,
        "model_p5": q[0],
        "model_p25": q[1],
        "model_p50": q[2],
        "model_p75": q[3],
        "model_p95": q[4],
        "inside_50": in50,
        "inside_90": in90,
        "pit": pit,
        "pit_kind": pit_kind,
        "miss": miss,
    }


def _parts(scenario: Scenario, item: str, side: str) -> tuple[str, ...]:
    spec = next(it for it in scenario.items if it.id == item).sides[side]
    names = ("refurbishment", "allocation_path", "scheduled_capacity")
    return tuple(n for n in names if getattr(spec, n) is not None)


def points_to(miss: str, measure: str, parts: tuple[str, ...]) -> str:
    """Which structural part of the model a miss points to (a general rule on the side of
    the miss and the parts the item-side uses; not a finding about one item)."""
    if miss == "inside":
        return ""
    if measure == "capacity":
        lead = "capacity lag and scheduled plants (the claim is a capacity)"
        return lead if miss == "above" else lead + "; a claimed capacity can exceed output"
    if miss == "above":
        if "scheduled_capacity" in parts:
            return "scheduled capacity: realised plants and lines added more, or sooner, than scheduled"
        if "refurbishment" in parts:
            return "refurbishment: deliveries held up longer than the storage drain allows"
        if "allocation_path" in parts:
            return "allocation path: the item's money grew faster than the path"
        return "fixed budget share: no sourced funding or plant for the ramp-up"
    if "scheduled_capacity" in parts:
        return "scheduled capacity: plants opened later or produced less than announced"
    return "starting output or budget growth above what was realised"


def run_backtest(
    store: FactStore,
    *,
    runs: int = 4000,
    seed: int = 42,
    structure: bool = True,
    progress: Callable[[int, int], None] | None = None,
    observations: Path | None = None,
    members: tuple[str, ...] = BACKTEST_FAMILY,
) -> BacktestResult:
    """Simulate each member of the family (or the ``members`` given) and compare it with
    the observations."""
    import pandas as pd

    from armsrace.race.defaults import resolve
    from armsrace.race.runner import simulate
    from armsrace.race.scenario import load_scenario, locate_scenario

    specs = _specs(observations)
    rows: list[dict[str, Any]] = []
    sources: set[str] = set()
    notes: list[str] = []
    chosen = members or BACKTEST_FAMILY
    for m in chosen:
        family_members(m)  # refuses a scenario outside the family
    members = tuple(m for m in chosen if any(s["scenario"] == m for s in specs))
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
            tested, others = _tested_group(claims)
            values = [_value(r) for _, r in tested.iterrows()]
            row = {
                "scenario": member,
                "item": spec["item"],
                "side": spec["side"],
                "year": year,
                "measure": spec["measure"],
                "basis": _basis(tested),
                "claims": len(values),
                "claims_low": min(v for v, _ in values),
                "claims_high": max(v for v, _ in values),
                "kinds": ", ".join(sorted({kind for _, kind in values})),
                "claimants": "; ".join(sorted(set(tested["claimant"].astype(str)))),
                "not_tested": "; ".join(
                    f"{_value(r)[0]:,.0f} ({_basis(r.to_frame().T)}; {r['claimant']})"
                    for _, r in others.iterrows()
                ),
                **compare(model, values),
                "note": spec["note"],
            }
            parts = _parts(scenario, spec["item"], spec["side"])
            row["structure_parts"] = ", ".join(parts)
            row["points_to"] = points_to(row["miss"], spec["measure"], parts)
            rows.append(row)
        if progress is not None:
            progress(k + 1, len(members))
    return BacktestResult(
        table=pd.DataFrame(rows),
        runs=runs,
        seed=seed,
        structure=structure,
        source_ids=tuple(sorted(sources)),
        notes=tuple(notes),
        members=members,
    )
