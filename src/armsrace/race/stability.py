"""How much the catch-up answer depends on whom you believe and on the model's structure.

For each item of a scenario, the answer — P(caught up by 2030), P(by 2035) and the median
catch-up month — under:

- each alternative claimant of the starting figures: an item-side whose today's output is a
  fact-store lookup is re-run with the store rows of one source at a time (per producer; the
  other producers keep all of theirs);
- each optional structural part of ``nato-hague-vs-russia-structure`` switched on alone, and
  all of them together.

Every variant runs with the same seed and number of runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.race.scenario import Scenario

__all__ = ["STRUCTURE_SCENARIO", "stability_table", "variants"]

STRUCTURE_SCENARIO = "nato-hague-vs-russia-structure"


def _with_item_side(scenario: Scenario, item: str, side: str, **update: Any) -> Scenario:
    items = []
    for it in scenario.items:
        if it.id == item:
            sides = dict(it.sides)
            sides[side] = sides[side].model_copy(update=update)
            it = it.model_copy(update={"sides": sides})
        items.append(it)
    return scenario.model_copy(update={"items": tuple(items)})


def _summable(store: FactStore, rows: pd.DataFrame, spec: Any, item: str, bloc: str) -> bool:
    """True when the claims a variant keeps still give a defendable total."""
    from armsrace.facts.totals import production_total
    from armsrace.race.defaults import production_side

    kept = rows[rows["source_id"].isin(spec.source_ids)]
    total = production_total(
        store,
        item=spec.item or item,
        side=production_side(bloc),
        year=spec.year,
        kind=spec.kind,
        basis=spec.basis,
        subtype=spec.subtype,
        claims=kept,
    )
    return not total.empty


def _claimant_variants(
    scenario: Scenario, store: FactStore
) -> list[tuple[str, str, str, Scenario]]:
    from armsrace.facts import queries
    from armsrace.race.defaults import production_side
    from armsrace.race.scenario import StoreOutput

    out: list[tuple[str, str, str, Scenario]] = []
    for item in scenario.items:
        for side in scenario.sides:
            spec = item.sides[side.id].initial_output
            if not isinstance(spec, StoreOutput):
                continue
            rows = queries.production(
                store,
                side=production_side(side.bloc),
                item=spec.item or item.id,
                year=spec.year,
                kind=list(spec.kind),
            )
            if spec.producers is not None:
                rows = rows[rows["producer"].isin(spec.producers)]
            if spec.source_ids is not None:
                rows = rows[rows["source_id"].isin(spec.source_ids)]
            for producer, grp in rows.groupby("producer", sort=True):
                others = set(rows.loc[rows["producer"] != producer, "source_id"])
                if grp["source_id"].nunique() < 2:
                    continue
                for sid, one in grp.groupby("source_id", sort=True):
                    who = "; ".join(sorted(set(one["claimant"].astype(str))))
                    new = spec.model_copy(update={"source_ids": tuple(sorted(others | {str(sid)}))})
                    if not _summable(store, rows, new, item.id, side.bloc):
                        continue  # this claimant alone gives no figure that adds up
                    label = f"{side.id} start: {producer} per {sid} ({who})"
                    out.append(
                        (
                            item.id,
                            "claimant",
                            label,
                            _with_item_side(scenario, item.id, side.id, initial_output=new),
                        )
                    )
    return out


def _structure_variants(
    scenario: Scenario, structured: Scenario
) -> list[tuple[str, str, str, Scenario]]:
    out: list[tuple[str, str, str, Scenario]] = []
    for k, side in enumerate(structured.sides):
        if side.budget.path != scenario.sides[k].budget.path:
            sides = list(scenario.sides)
            sides[k] = sides[k].model_copy(update={"budget": side.budget})
            label = f"{side.id} budget: {side.budget.path.kind}"
            out.append(
                ("*", "structure", label, scenario.model_copy(update={"sides": tuple(sides)}))
            )
    for item in structured.items:
        for sid, spec in item.sides.items():
            for part in ("refurbishment", "allocation_path", "scheduled_capacity"):
                value = getattr(spec, part)
                if value is None:
                    continue
                label = f"{sid} {item.id}: {part}"
                out.append(
                    (
                        "*",
                        "structure",
                        label,
                        _with_item_side(scenario, item.id, sid, **{part: value}),
                    )
                )
    out.append(("*", "structure", "all structure on", structured))
    return out


def _month(v: Any) -> str:
    return "never" if v is None or (isinstance(v, float) and v != v) else str(v)


def variants(scenario: Scenario, store: FactStore) -> list[tuple[str, str, str, Scenario]]:
    """(item or ``*`` for every item, kind, label, scenario) for every variant."""
    from armsrace.race.scenario import load_scenario

    structured = load_scenario(STRUCTURE_SCENARIO)
    base = [("*", "baseline", "as published (structure off)", scenario)]
    return base + _claimant_variants(scenario, store) + _structure_variants(scenario, structured)


def stability_table(
    store: FactStore,
    scenario: Scenario | None = None,
    *,
    runs: int = 4000,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Per item and variant: P(caught up by 2030), P(by 2035), median catch-up month."""
    import pandas as pd

    from armsrace.race.defaults import resolve
    from armsrace.race.runner import simulate
    from armsrace.race.scenario import load_scenario

    scenario = load_scenario() if scenario is None else scenario
    todo = variants(scenario, store)
    rows = []
    for k, (only, kind, label, sc) in enumerate(todo):
        res = simulate(resolve(sc, store), runs=runs, seed=seed, keep_paths=False)
        year = res.yearly_table()
        table = res.catchup_table().set_index("item")
        for item in res.layout.items:
            if only not in ("*", item):
                continue
            by = year[year["item"] == item].set_index("year")["p_caught_up_by"]
            rows.append(
                {
                    "item": item,
                    "kind": kind,
                    "variant": label,
                    "p_by_2030": float(by.get(2030, float("nan"))),
                    "p_by_2035": float(by.get(2035, float("nan"))),
                    "median": _month(table.loc[item, "catch_up_median"]),
                }
            )
        if progress is not None:
            progress(k + 1, len(todo))
    return pd.DataFrame(rows)
