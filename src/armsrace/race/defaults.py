"""Resolve a scenario against the fact store: starting budgets and today's output, with sources.

:func:`resolve` turns a validated :class:`~armsrace.race.scenario.Scenario` into a
:class:`ResolvedScenario`: every uncertain input as a named :class:`~armsrace.race.sampling.Dist`
(in the engine's units) plus the fact-store source ids each default came from. Nothing is
guessed: a figure the store lacks is an error naming the scenario field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from armsrace.errors import DataError, Problem, ScenarioError
from armsrace.provenance import sha256_text
from armsrace.race.coverage import InputCoverage, explicit_coverage
from armsrace.race.sampling import Dist
from armsrace.race.scenario import (
    DistSpec,
    ExplicitOutput,
    Scenario,
    StoreOutput,
    line_of_field,
)

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.race.structure import StructureData

__all__ = [
    "SINGLE_ESTIMATE_SPREAD",
    "ResolvedScenario",
    "collect_spec",
    "production_side",
    "resolve",
]

#: When the store gives one point for today's output, draws span +/- this fraction around it.
#: An assumption, recorded in ``ResolvedScenario.notes`` wherever it is used.
SINGLE_ESTIMATE_SPREAD = 0.25

ITEM_FIELDS = (
    "initial_output",
    "unit_cost_usd",
    "learning_rate",
    "lead_time_months",
    "allocation",
    "consumption_per_month",
    "initial_stock",
)


@dataclass(frozen=True)
class ResolvedScenario:
    """A scenario with every input concrete: named distributions in engine units.

    Units: output, consumption and stocks per month; ``budget0_usd_million`` per year;
    ``gdp0_usd_billion`` per year.
    """

    scenario: Scenario
    params: dict[str, Dist]
    budget0_usd_million: tuple[float, float]
    gdp0_usd_billion: tuple[float, float]
    source_ids: tuple[str, ...]
    store_checksum: str | None
    notes: tuple[str, ...] = ()
    calibrated: dict[str, bool] = field(default_factory=dict)
    #: (input, URL) for inputs sourced outside the fact store; (input, note) for assumptions
    references: tuple[tuple[str, str], ...] = ()
    assumptions: tuple[tuple[str, str], ...] = ()
    #: the optional structure's store lookups (None: the scenario uses none of it)
    structure: StructureData | None = None
    #: what each starting output covers (store totals) or that it is an explicit figure
    coverage: tuple[InputCoverage, ...] = ()

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def side_ids(self) -> tuple[str, str]:
        return self.scenario.side_ids

    @property
    def item_ids(self) -> tuple[str, ...]:
        return self.scenario.item_ids

    @property
    def horizon_months(self) -> int:
        return self.scenario.horizon_months

    @property
    def share0_pct(self) -> tuple[float, float]:
        return (
            100 * self.budget0_usd_million[0] / (1000 * self.gdp0_usd_billion[0]),
            100 * self.budget0_usd_million[1] / (1000 * self.gdp0_usd_billion[1]),
        )

    def uncertain(self) -> list[str]:
        """Names of the inputs that vary between runs (the Sobol factors)."""
        return [k for k, d in self.params.items() if not d.is_fixed]

    def digest(self) -> str:
        """Hash of everything that determines results (scenario text + resolved defaults)."""
        parts = [
            self.scenario.canonical_json(),
            repr(self.budget0_usd_million),
            repr(self.gdp0_usd_billion),
        ]
        parts += [f"{k}={d!r}" for k, d in self.params.items()]
        return sha256_text("\n".join(parts))


def resolve(
    scenario: Scenario, store: FactStore | None, *, path: str | None = None
) -> ResolvedScenario:
    """Fill the scenario's store defaults; raise ScenarioError naming every missing figure
    (``path``: the scenario file, named in the errors)."""
    if store is None:
        raise ScenarioError("a fact store is needed to resolve scenario defaults")
    from armsrace.facts import queries

    problems: list[Problem] = []
    sources: set[str] = set()
    notes: list[str] = []
    known = set(queries.entities(store)["entity_id"])
    budgets: list[float] = []
    gdps: list[float] = []
    for k, side in enumerate(scenario.sides):
        where = f"sides[{side.id}]"
        if side.bloc not in known:
            problems.append(
                Problem(
                    "names no bloc or country in the fact store (known blocs: NATO, NATO_EUCA; "
                    "countries by ISO3 code)",
                    field=f"{where}.bloc",
                    value=side.bloc,
                )
            )
            budgets.append(math.nan)
            gdps.append(math.nan)
            continue
        b, g, ids, note = _start_budget(
            store, side.bloc, side.budget.start, f"{where}.budget", problems
        )
        budgets.append(b)
        gdps.append(g)
        sources.update(ids)
        if note:
            notes.append(f"{side.id}: {note}")
        del k

    params: dict[str, Dist] = {"experience_months": scenario.experience_months.to_dist()}
    refs: list[tuple[str, str]] = []
    assumed: list[tuple[str, str]] = []
    collect_spec(scenario.experience_months, sources, "experience_months", refs, assumed)
    calibrated: dict[str, bool] = {}
    coverage: list[InputCoverage] = []
    for side in scenario.sides:
        params[f"{side.id}.gdp_growth_pct"] = side.budget.gdp_growth_pct.to_dist()
        collect_spec(
            side.budget.gdp_growth_pct, sources, f"{side.id}.gdp_growth_pct", refs, assumed
        )
        if side.equipment_share is not None:
            params[f"{side.id}.equipment_share"] = side.equipment_share.to_dist()
            collect_spec(side.equipment_share, sources, f"{side.id}.equipment_share", refs, assumed)
        sources.update(side.budget.path.source_ids)
    for item in scenario.items:
        for side in scenario.sides:
            spec = item.sides[side.id]
            where = f"items[{item.id}].sides.{side.id}"
            base = f"{side.id}.{item.id}"
            for name in ("initial_output", "initial_capacity"):
                out = getattr(spec, name)
                if out is None:
                    continue
                if isinstance(out, StoreOutput):
                    dist, ids, note, cov = _store_output(
                        store,
                        side.bloc,
                        item.id,
                        out,
                        f"{where}.{name}",
                        problems,
                        members_year=scenario.start_year + (scenario.horizon_months - 1) // 12,
                    )
                    sources.update(ids)
                    if note:
                        notes.append(f"{base}.{name}: {note}")
                    if cov is not None:
                        coverage.append(replace(cov, side=side.id, item=item.id))
                else:
                    assert isinstance(out, ExplicitOutput)
                    dist = out.estimate.to_dist(1 / 12 if out.per == "year" else 1.0)
                    collect_spec(out.estimate, sources, f"{base}.{name}", refs, assumed)
                    coverage.append(
                        explicit_coverage(side.id, item.id, name, out.estimate.note or item.note)
                    )
                params[f"{base}.{name}"] = dist
            for name in ITEM_FIELDS[1:]:
                value = getattr(spec, name)
                if isinstance(value, DistSpec):
                    params[f"{base}.{name}"] = value.to_dist()
                    collect_spec(value, sources, f"{base}.{name}", refs, assumed)
            calibrated[base] = spec.allocation == "calibrated"
    from armsrace.race.structure import resolve_structure

    structure = resolve_structure(scenario, store, params, refs, assumed, sources, problems)
    if structure is not None:
        notes.extend(structure.notes)
    if problems:
        text = _read_text(path)
        order = [item.id for item in scenario.items]
        raise ScenarioError(
            problems=[
                replace(
                    p,
                    path=path,
                    line=p.line
                    if p.line is not None or not p.field
                    else line_of_field(text, p.field, order),
                )
                for p in problems
            ]
        )
    b0 = (budgets[0], budgets[1])
    g0 = (gdps[0], gdps[1])
    return ResolvedScenario(
        scenario=scenario,
        params=params,
        budget0_usd_million=b0,
        gdp0_usd_billion=g0,
        source_ids=tuple(sorted(sources)),
        store_checksum=getattr(store, "checksum", None),
        notes=tuple(notes),
        calibrated=calibrated,
        references=_dedupe(refs),
        assumptions=_dedupe(assumed),
        structure=structure,
        coverage=tuple(coverage),
    )


def _dedupe(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """One entry per text, naming every input it backs."""
    by_text: dict[str, list[str]] = {}
    for name, text in pairs:
        by_text.setdefault(text, []).append(name)
    return tuple((", ".join(names), text) for text, names in by_text.items())


def collect_spec(
    spec: DistSpec,
    sources: set[str],
    name: str = "",
    refs: list[tuple[str, str]] | None = None,
    assumed: list[tuple[str, str]] | None = None,
) -> None:
    """Record where input ``name``'s distribution comes from: its fact-store ``source_ids``
    into ``sources``, its ``source`` URL and URLs in its note into ``refs``, and its
    ``assumption`` text into ``assumed``."""
    sources.update(spec.source_ids)
    if refs is not None:
        if spec.source is not None:
            refs.append((name, spec.source))
        for url in re.findall(r"https?://[^\s)]+", spec.note or ""):
            refs.append((name, url))
    if assumed is not None and spec.assumption is not None:
        assumed.append((name, spec.assumption))


def _start_budget(
    store: FactStore, bloc: str, start: object, where: str, problems: list[Problem]
) -> tuple[float, float, set[str], str]:
    from armsrace.facts import queries

    year = start.year  # type: ignore[attr-defined]
    ents = queries.entities(store)
    kind = ents.loc[ents["entity_id"] == bloc, "kind"].iloc[0]
    members = queries.members(store, bloc, year) if kind == "bloc" else [bloc]
    share = queries.observations(
        store,
        entity=members,
        year=year,
        indicator="milex_share_gdp",
        source_id=start.share_source_id,  # type: ignore[attr-defined]
    )
    gdp = queries.observations(
        store,
        entity=members,
        year=year,
        indicator="gdp_usd_current",
        source_id=start.gdp_source_id,  # type: ignore[attr-defined]
    )
    s = share.groupby("entity")["value"].mean()
    g = gdp.groupby("entity")["value"].mean()
    both = sorted(set(s.dropna().index) & set(g.dropna().index))
    if not both:
        problems.append(
            Problem(
                f"the store has no share of GDP ({start.share_source_id}) and GDP "  # type: ignore[attr-defined]
                f"({start.gdp_source_id}) for {bloc} in {year}",  # type: ignore[attr-defined]
                field=f"{where}.start",
            )
        )
        return math.nan, math.nan, set(), ""
    budget = float(sum(s[m] / 100 * g[m] * 1000 for m in both))
    gdp_total = float(sum(g[m] for m in both))
    ids = set(_ids(share, both)) | set(_ids(gdp, both))
    missing = sorted(set(members) - set(both))
    note = ""
    if missing:
        note = (
            f"starting budget leaves out {', '.join(missing)} (no figure in the store for {year})"
        )
    return budget, gdp_total, ids, note


def _ids(frame: pd.DataFrame, entities: list[str]) -> list[str]:
    return [str(x) for x in frame.loc[frame["entity"].isin(entities), "source_id"].unique()]


def production_side(bloc: str) -> str:
    """The production table's side for a scenario side's bloc: the table's sides are NATO,
    RUS and UKR, so an ally's or a region's rows are NATO's."""
    return bloc if bloc in {"RUS", "UKR"} else "NATO"


def _store_output(
    store: FactStore,
    bloc: str,
    item: str,
    spec: StoreOutput,
    where: str,
    problems: list[Problem],
    *,
    members_year: int | None = None,
) -> tuple[Dist, set[str], str, InputCoverage | None]:
    """Today's output from the defendable total (:mod:`armsrace.facts.totals`): one basis,
    subtype and kind, each producer once; per month.

    The side's countries are the bloc's members in ``members_year`` (the scenario's last
    year: the alliance whose output races, e.g. Sweden's plants count for NATO), or the
    bloc's members in the figure's year when not given."""
    from armsrace.facts import queries
    from armsrace.facts.schema import SIDES
    from armsrace.facts.totals import production_total
    from armsrace.race.coverage import store_coverage

    item = spec.item or item
    side = production_side(bloc)
    year = spec.year
    if side not in SIDES:
        problems.append(
            Problem(
                f"the production table has no side {side!r} (sides: {', '.join(SIDES)})",
                field=where,
            )
        )
        return Dist.fixed(math.nan), set(), "", None
    rows = queries.production(store, side=side, item=item, year=year, kind=list(spec.kind))
    if spec.producers is not None:
        rows = rows[rows["producer"].isin(spec.producers)]
    if spec.source_ids is not None:
        rows = rows[rows["source_id"].isin(spec.source_ids)]
    members = None
    if side == "NATO":
        ents = queries.entities(store)
        kind = ents.loc[ents["entity_id"] == bloc, "kind"]
        if kind.empty:
            return Dist.fixed(math.nan), set(), "", None  # the unknown bloc is reported once
        # one ally: its own rows; a bloc or region (NATO Europe + Canada): its members
        at = year if members_year is None else max(year, members_year)
        members = [bloc] if kind.iloc[0] == "country" else queries.members(store, bloc, at)
    try:
        total = production_total(
            store,
            item=item,
            side=side,
            year=year,
            kind=spec.kind,
            basis=spec.basis,
            scope=list(spec.scope) if spec.scope else None,
            subtype=spec.subtype,
            claims=rows,
            members=members,
        )
    except DataError as exc:
        problems.append(Problem(str(exc), field=where))
        return Dist.fixed(math.nan), set(), "", None
    if total.empty:
        problems.append(
            Problem(
                f"the store has no {'/'.join(spec.kind)} estimate for {item} ({side}) in {year} "
                "that can be summed with these filters; give an explicit `estimate` with a source",
                field=where,
            )
        )
        return Dist.fixed(math.nan), set(), "", None
    lo, mode, hi = total.low / 12, total.central / 12, total.high / 12
    note = ""
    if lo == hi:
        note = (
            f"one point estimate ({lo:.6g}/month) in the store; draws span "
            f"+/-{SINGLE_ESTIMATE_SPREAD:.0%} around it (assumption)"
        )
        lo, hi = lo * (1 - SINGLE_ESTIMATE_SPREAD), hi * (1 + SINGLE_ESTIMATE_SPREAD)
    mode = min(max(mode, lo), hi)
    ids = set(total.source_ids)
    cov = store_coverage(side, item, where.rsplit(".", 1)[-1], total)
    return Dist("pert", lo, mode, hi), ids, note, cov


def _read_text(path: str | None) -> str | None:
    """The scenario file's text for error lines, or None (no file, unreadable, not YAML)."""
    if path is None or not path.endswith((".yml", ".yaml")):
        return None
    from pathlib import Path

    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
