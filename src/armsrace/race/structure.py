"""Optional structure of the race model, per item and side (each part off by default):

- ``refurbishment``: besides new-build capacity, units are refurbished from a finite storage
  stock R (its size drawn from a sourced range); today's refurbished output r0 is a share of
  today's output. Drain ``proportional``: r(t) = r0 · R(t) / R0, so R(t) = R0 (1 − r0/R0)^t
  and refurbished output falls as the stock runs down; ``constant``: r(t) = min(r0, R(t)).
- ``allocation_path``: the item's share of its side's budget moves linearly from today's to
  a target (``target_multiple`` of today's, or an absolute ``target_share`` of the budget)
  between January of ``from_year`` and December of ``by_year``, then stays.
- ``scheduled_capacity``: announced plants and lines from the packaged table
  ``race/data/capacity_schedule.csv`` (each row sourced) add their capacity at the start of
  their expected month plus a slip drawn from ``slip_months``. A row whose ``capacity_is``
  is ``side_total`` is a programme's announced total for the side (e.g. "40,000 a month by
  2025"): it adds what today's capacity and the earlier rows of the item-side lack, never
  less than nothing.

Budget paths read from the store (``store_shares``, ``budget_law``) are resolved here too.
:func:`resolve_structure` adds the drawn inputs to the scenario's parameters (after the
existing ones, so a scenario without structure draws exactly what it drew before);
:func:`structure_arrays` turns drawn values into the engine's :class:`StructureArrays`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

import numpy as np
from pydantic import Discriminator, Field, Tag, model_validator

from armsrace.errors import Problem
from armsrace.race.distspec import DistSpec, SpecModel, check_range, fixed_spec
from armsrace.race.engine import PlantArrays, StructureArrays
from armsrace.race.sampling import Dist
from armsrace.race.schedule import CAPACITY_IS, Plant, load_schedule

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore
    from armsrace.race.scenario import Scenario

__all__ = [
    "CAPACITY_IS",
    "AllocationPath",
    "Plant",
    "Refurbishment",
    "ScheduledCapacity",
    "StoreStock",
    "StructureData",
    "load_schedule",
    "resolve_structure",
    "structure_arrays",
]


class StoreStock(SpecModel):
    """A storage stock from the fact store's storage table: the rows ``stock_ids``; draws
    are uniform over the range their low / central / high figures span (one figure: fixed)."""

    stock_ids: tuple[str, ...] = Field(min_length=1)
    note: str | None = None


def _stock_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "from_store" if "stock_ids" in value else "distribution"
    return "from_store" if isinstance(value, StoreStock) else "distribution"


#: a storage stock: a distribution, or rows of the store's storage table
StockSpec = Annotated[
    Annotated[DistSpec, Tag("distribution")] | Annotated[StoreStock, Tag("from_store")],
    Discriminator(_stock_kind),
]


class Refurbishment(SpecModel):
    """Refurbished output from a finite storage stock, beside new-build capacity."""

    stock: StockSpec
    share_of_output: DistSpec
    drain: Literal["proportional", "constant"] = "proportional"

    @model_validator(mode="after")
    def _ranges(self) -> Refurbishment:
        if isinstance(self.stock, DistSpec):
            check_range(self.stock, "stock", 0, float("inf"))
        check_range(self.share_of_output, "share_of_output", 0, 0.99, no_lognormal=True)
        return self


class AllocationPath(SpecModel):
    """The item's share of its side's budget moves from today's to a target by a year."""

    target_multiple: DistSpec | None = None
    target_share: DistSpec | None = None
    by_year: int = Field(ge=2000, le=2100)
    from_year: int | None = Field(default=None, ge=2000, le=2100)

    @model_validator(mode="after")
    def _ranges(self) -> AllocationPath:
        if (self.target_multiple is None) == (self.target_share is None):
            raise ValueError("give exactly one of `target_multiple` and `target_share`")
        if self.target_multiple is not None:
            check_range(self.target_multiple, "target_multiple", 0, 20, low_open=True)
        if self.target_share is not None:
            check_range(self.target_share, "target_share", 0, 1, low_open=True, no_lognormal=True)
        if self.from_year is not None and self.from_year > self.by_year:
            raise ValueError(f"from_year {self.from_year} is after by_year {self.by_year}")
        return self


class ScheduledCapacity(SpecModel):
    """Plants of the capacity table (by ``plant_id``) that add capacity when they open."""

    plants: tuple[str, ...] = Field(min_length=1)
    slip_months: DistSpec = fixed_spec(0.0, "plants open in their expected month")
    #: refuse plants first announced after this date (a backtest uses what was known)
    known_by: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    table: str | None = None  # a CSV of the same columns; default: the packaged table

    @model_validator(mode="after")
    def _ranges(self) -> ScheduledCapacity:
        check_range(self.slip_months, "slip_months", -120, 240, no_lognormal=True)
        return self


@dataclass(frozen=True)
class StructureData:
    """What :func:`resolve_structure` found: per side the store's budget-path years, per
    item side the plants scheduled (name, month of the expected opening from the start)."""

    budget_years: tuple[dict[int, float] | None, dict[int, float] | None] = (None, None)
    plants: tuple[tuple[str, str, str, int], ...] = ()  # (side, item, plant_id, month)
    notes: tuple[str, ...] = field(default=())
    #: plant ids whose capacity is the side's announced total (``capacity_is: side_total``)
    side_totals: frozenset[str] = frozenset()

    #: refurbishment or an allocation path somewhere (plants count on their own)
    per_item: bool = False

    @property
    def engine_needed(self) -> bool:
        return bool(self.plants) or self.per_item


def resolve_structure(
    scenario: Scenario,
    store: FactStore,
    params: dict[str, Dist],
    refs: list[tuple[str, str]],
    assumed: list[tuple[str, str]],
    sources: set[str],
    problems: list[Problem],
) -> StructureData | None:
    """Add the structure's drawn inputs to ``params`` (in a fixed order) and look up what it
    needs from the store; ``None`` when the scenario uses none of it."""
    from armsrace.race.defaults import collect_spec

    budget_years: list[dict[int, float] | None] = [None, None]
    notes: list[str] = []
    for k, side in enumerate(scenario.sides):
        path = side.budget.path
        if path.kind == "store_shares":
            budget_years[k] = _store_shares(store, side.bloc, path, side.id, problems, sources)
        elif path.kind == "budget_law":
            years, note = _budget_law(store, side.bloc, path, side.id, problems, sources)
            budget_years[k] = years
            notes.append(f"{side.id}: {note}")
            assert path.inflation_pct is not None
            params[f"{side.id}.inflation_pct"] = path.inflation_pct.to_dist()
            collect_spec(path.inflation_pct, sources, f"{side.id}.inflation_pct", refs, assumed)
    engine = False
    plants: list[tuple[str, str, str, int]] = []
    totals: set[str] = set()
    schedules: dict[str | None, dict[str, Plant]] = {}
    for item in scenario.items:
        for side in scenario.sides:
            spec = item.sides[side.id]
            base = f"{side.id}.{item.id}"
            where = f"items[{item.id}].sides.{side.id}"
            if spec.refurbishment is not None:
                engine = True
                stock = spec.refurbishment.stock
                if isinstance(stock, StoreStock):
                    params[f"{base}.refurb_stock"] = _store_stock(
                        store, stock, f"{where}.refurbishment.stock", problems, sources
                    )
                else:
                    params[f"{base}.refurb_stock"] = stock.to_dist()
                    collect_spec(stock, sources, f"{base}.refurb_stock", refs, assumed)
                share = spec.refurbishment.share_of_output
                params[f"{base}.refurb_share"] = share.to_dist()
                collect_spec(share, sources, f"{base}.refurb_share", refs, assumed)
            if spec.allocation_path is not None:
                engine = True
                ap = spec.allocation_path
                target = ap.target_multiple if ap.target_multiple is not None else ap.target_share
                assert target is not None
                params[f"{base}.alloc_target"] = target.to_dist()
                collect_spec(target, sources, f"{base}.alloc_target", refs, assumed)
                if ap.by_year < scenario.start_year:
                    problems.append(
                        Problem(
                            f"by_year {ap.by_year} is before the start year {scenario.start_year}",
                            field=f"{where}.allocation_path.by_year",
                            value=ap.by_year,
                        )
                    )
            sc = spec.scheduled_capacity
            if sc is None:
                continue
            engine = True
            if sc.table not in schedules:
                try:
                    schedules[sc.table] = load_schedule(sc.table)
                except Exception as exc:  # a DataError: reported against this field
                    problems.append(
                        Problem(str(exc), field=f"{where}.scheduled_capacity.table", value=sc.table)
                    )
                    continue
            table = schedules[sc.table]
            params[f"{base}.slip_months"] = sc.slip_months.to_dist()
            collect_spec(sc.slip_months, sources, f"{base}.slip_months", refs, assumed)
            for pid in sc.plants:
                plant = table.get(pid)
                field_name = f"{where}.scheduled_capacity.plants"
                if plant is None:
                    problems.append(
                        Problem(
                            f"no plant {pid!r} in the capacity table; known: {', '.join(sorted(table))}",
                            field=field_name,
                            value=pid,
                        )
                    )
                    continue
                if plant.item != item.id:
                    problems.append(
                        Problem(
                            f"plant {pid!r} makes {plant.item}, not {item.id}",
                            field=field_name,
                            value=pid,
                        )
                    )
                    continue
                if sc.known_by is not None and plant.announced > sc.known_by:
                    problems.append(
                        Problem(
                            f"plant {pid!r} was announced {plant.announced}, after known_by "
                            f"{sc.known_by}",
                            field=field_name,
                            value=pid,
                        )
                    )
                    continue
                month = (plant.expected[0] - scenario.start_year) * 12 + plant.expected[1] - 1
                if month < 0:
                    problems.append(
                        Problem(
                            f"plant {pid!r} was expected {plant.expected[0]}-"
                            f"{plant.expected[1]:02d}, before the start: today's output already "
                            "counts it; leave it out",
                            field=field_name,
                            value=pid,
                        )
                    )
                    continue
                params[f"{base}.plant.{pid}"] = plant.capacity
                refs.append((f"{base}.plant.{pid}", plant.url))
                plants.append((side.id, item.id, pid, month))
                if plant.side_total:
                    totals.add(pid)
    if not engine and budget_years == [None, None]:
        return None
    return StructureData(
        budget_years=(budget_years[0], budget_years[1]),
        plants=tuple(plants),
        notes=tuple(notes),
        per_item=engine,
        side_totals=frozenset(totals),
    )


def _store_stock(
    store: FactStore, spec: StoreStock, where: str, problems: list[Problem], sources: set[str]
) -> Dist:
    """Uniform over the range the storage rows' figures span (a single figure: fixed)."""
    from armsrace.facts import queries

    rows = queries.storage(store, side=None)
    rows = rows[rows["stock_id"].isin(spec.stock_ids)]
    missing = sorted(set(spec.stock_ids) - set(rows["stock_id"]))
    if missing:
        problems.append(
            Problem(
                f"no storage rows {missing} in the store (see `armsrace data storage`)",
                field=where,
                value=", ".join(missing),
            )
        )
        return Dist.fixed(math.nan)
    vals = rows[["low", "central", "high"]].to_numpy(dtype=float)
    vals = vals[np.isfinite(vals)]
    sources.update(str(x) for x in rows["source_id"])
    lo, hi = float(vals.min()), float(vals.max())
    return Dist.fixed(lo) if lo == hi else Dist("uniform", lo, 0.5 * (lo + hi), hi)


def _store_shares(
    store: FactStore,
    bloc: str,
    path: object,
    side: str,
    problems: list[Problem],
    sources: set[str],
) -> dict[int, float] | None:
    """Share of GDP per year from the store: per year the first of ``share_source_ids``
    with a figure for ``bloc`` (a bloc's own row, as NATO publishes it)."""
    from armsrace.facts import queries

    ids = tuple(path.share_source_ids)  # type: ignore[attr-defined]
    rows = queries.observations(
        store, entity=bloc, indicator="milex_share_gdp", source_id=list(ids)
    )
    years: dict[int, float] = {}
    for sid in ids:
        for _, r in rows[rows["source_id"] == sid].iterrows():
            y = int(r["year"])
            if y not in years and not math.isnan(float(r["value"])):
                years[y] = float(r["value"])
                sources.add(sid)
    if not years:
        problems.append(
            Problem(
                f"the store has no milex_share_gdp for {bloc} from {', '.join(ids)}",
                field=f"sides[{side}].budget.path.share_source_ids",
            )
        )
        return None
    return years


def _budget_law(
    store: FactStore,
    bloc: str,
    path: object,
    side: str,
    problems: list[Problem],
    sources: set[str],
) -> tuple[dict[int, float] | None, str]:
    """Nominal defence budget per year from the store's ``budget_defence_lcu`` rows: per
    year the figure of the most recently published source (a law over its draft)."""
    from armsrace.facts import queries

    rows = queries.observations(store, entity=bloc, indicator="budget_defence_lcu")
    src = queries.sources(store)[["source_id", "date_published"]]
    rows = rows.merge(src, on="source_id", how="left").dropna(subset=["value"])
    if rows.empty:
        problems.append(
            Problem(
                f"the store has no budget_defence_lcu rows for {bloc}",
                field=f"sides[{side}].budget.path.kind",
                value="budget_law",
            )
        )
        return None, ""
    rows = rows.sort_values(["year", "date_published", "source_id"], na_position="first")
    years: dict[int, float] = {}
    chosen: list[str] = []
    for year, grp in rows.groupby("year", sort=True):
        last = grp.iloc[-1]
        years[int(year)] = float(last["value"])
        sources.add(str(last["source_id"]))
        spread = f" (sources range {grp['value'].min():g}-{grp['value'].max():g})"
        chosen.append(
            f"{int(year)}: {last['value']:g} from {last['source_id']}"
            + (spread if grp["value"].nunique() > 1 else "")
        )
    return years, "budget law path, nominal " + "; ".join(chosen)


def law_index(
    years: dict[int, float], base_year: int, inflation_pct: np.ndarray
) -> dict[int, np.ndarray]:
    """Real budget per calendar year relative to ``base_year`` (``(n,)`` per year): the
    nominal ratio deflated by ``inflation_pct`` a year; years missing between two known
    ones are interpolated geometrically (stated in the notes)."""
    known = sorted(years)
    if base_year not in years:
        raise ValueError(f"the budget law path has no figure for the base year {base_year}")
    full: dict[int, float] = {}
    for a, b in zip(known, known[1:], strict=False):
        for y in range(a, b):
            full[y] = years[a] * (years[b] / years[a]) ** ((y - a) / (b - a))
    full[known[-1]] = years[known[-1]]
    defl = np.log1p(np.asarray(inflation_pct, dtype=np.float64) / 100)
    return {
        y: (v / full[base_year]) * np.exp(-(y - base_year) * defl)
        for y, v in full.items()
        if y >= base_year
    }


def alloc_fraction(
    start_year: int, horizon: int, from_year: int | None, by_year: int
) -> np.ndarray:
    """How far along the allocation path each month is: 0 before January of ``from_year``
    (default: the start), rising linearly to 1 in December of ``by_year``, then 1."""
    t0 = 0 if from_year is None else (from_year - start_year) * 12
    t1 = (by_year - start_year) * 12 + 11
    t = np.arange(horizon, dtype=np.float64)
    if t1 <= t0:
        return (t >= t1).astype(np.float64)
    return np.clip((t - t0) / (t1 - t0), 0.0, 1.0)


def structure_arrays(
    scenario: Scenario,
    data: StructureData,
    values: dict[str, np.ndarray],
    arrays: dict[str, np.ndarray],
) -> StructureArrays | None:
    """The engine's structure arrays for drawn ``values``; splits today's output of items
    with refurbishment into new-build and refurbished parts in ``arrays`` (in place)."""
    if not data.engine_needed:
        return None
    sides = scenario.side_ids
    items = scenario.item_ids
    n = arrays["initial_output"].shape[0]
    shape = (n, len(sides), len(items))
    r0 = np.zeros(shape)
    stock = np.zeros(shape)
    ratio = np.ones(shape)
    constant = np.zeros((len(sides), len(items)), dtype=bool)
    frac = np.zeros((scenario.horizon_months, len(sides), len(items)))
    for s, side in enumerate(sides):
        for i, item_spec in enumerate(scenario.items):
            spec = item_spec.sides[side]
            base = f"{side}.{item_spec.id}"
            if spec.refurbishment is not None:
                share = values[f"{base}.refurb_share"]
                q0 = arrays["initial_output"][:, s, i].copy()
                r0[:, s, i] = q0 * share
                stock[:, s, i] = values[f"{base}.refurb_stock"]
                constant[s, i] = spec.refurbishment.drain == "constant"
                new = q0 - r0[:, s, i]
                arrays["initial_output"][:, s, i] = new
                arrays["initial_capacity"][:, s, i] = np.maximum(
                    arrays["initial_capacity"][:, s, i] - r0[:, s, i], new
                )
                # today's money buys today's new-build output only
                arrays["money_share"][:, s, i] *= 1.0 - share
            ap = spec.allocation_path
            if ap is not None:
                target = values[f"{base}.alloc_target"]
                if ap.target_share is not None:
                    ratio[:, s, i] = target / arrays["money_share"][:, s, i]
                else:
                    ratio[:, s, i] = target
                frac[:, s, i] = alloc_fraction(
                    scenario.start_year, scenario.horizon_months, ap.from_year, ap.by_year
                )
    added: dict[str, np.ndarray] = {}
    reached: dict[tuple[str, str], np.ndarray] = {}  # capacity so far per item-side
    # side totals in order of the expected month (one slip per item-side keeps the order)
    for side, item, pid, _month in sorted(data.plants, key=lambda p: p[3]):
        cap = np.asarray(values[f"{side}.{item}.plant.{pid}"], dtype=np.float64)
        so_far = reached.get(
            (side, item), arrays["initial_capacity"][:, sides.index(side), items.index(item)]
        )
        added[pid] = np.maximum(cap - so_far, 0.0) if pid in data.side_totals else cap
        reached[(side, item)] = so_far + added[pid]
    plants = []
    for side, item, pid, month in data.plants:
        slip = np.rint(values[f"{side}.{item}.slip_months"]).astype(np.int64)
        plants.append(
            PlantArrays(
                side=sides.index(side),
                item=items.index(item),
                open_month=np.maximum(month + slip, 0),
                capacity=added[pid],
            )
        )
    return StructureArrays(
        refurb_output=r0,
        refurb_stock=stock,
        refurb_constant=constant,
        alloc_ratio=ratio,
        alloc_frac=frac,
        plants=tuple(plants),
    )
