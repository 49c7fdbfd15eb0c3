"""A side's yearly output of one item, built only from estimates that add up.

:func:`production_total` takes the production claims of one item, side, year and kind and
keeps only one compatible set: one ``basis`` (new-build, new + refurbished …), one
``subtype`` (155 mm, fixed-wing …) and no scope that measures something else (supplies
``for_ukraine``; the ``nato_plus_partners`` "western world"). Within the set, every producer
is counted once: rows naming the same producer are alternative estimates of one figure
(their range is combined), and a row inside a wider one (a plant inside its company, a
company or one aircraft type inside its country, a country inside "NATO Europe") is left
out in favour of the widest rows that do not overlap. Monthly rates become yearly ones
(x 12, the period being stated on the row); part-year counts are never used.

The result names the rows used, the rows left out and why, the countries covered (fully,
or only through some companies or types) and the side's members with no row at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from armsrace.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore

__all__ = ["ProductionTotal", "production_total", "side_members"]

#: how wide each scope is (wider rows are preferred when two overlap)
_LEVEL = {
    "plant": 0,
    "company": 1,
    "country": 2,
    "eu": 3,
    "nato_europe": 4,
    "nato": 5,
    "nato_plus_partners": 6,
    "for_ukraine": 6,
}
#: scopes that never count towards a side's own output unless asked for by name
_OTHER_MEASURES = {
    "for_ukraine": "measures what can be sent to Ukraine, not output",
    "nato_plus_partners": "covers partners beyond NATO",
}
#: order in which equally good sets are preferred
_BASIS_ORDER = (
    "new_build",
    "new_plus_refurbished",
    "delivered",
    "unstated",
    "produced_or_refurbished",
    "refurbished",
)
_NON_EUROPEAN_ALLIES = ("USA", "CAN")


@dataclass(frozen=True)
class ProductionTotal:
    """A side's output of one item in one year (per year), with what it covers.

    ``rows`` are the claims summed (with ``per_year_low/central/high`` and the
    ``covers`` label); ``excluded`` the candidate claims left out, with ``reason``.
    ``covered`` lists countries with a country-wide (or wider) row, ``partial`` those known
    only through some of their companies, plants or types; ``not_covered`` the side's
    members with no row in the chosen set. ``alternatives`` describes the other sets (other
    basis or subtype) that could have been summed instead.
    """

    item: str
    side: str
    year: int
    kind: str
    basis: str | None
    subtype: str
    unit: str
    low: float
    central: float
    high: float
    rows: pd.DataFrame
    excluded: pd.DataFrame
    covered: tuple[str, ...]
    partial: tuple[str, ...]
    not_covered: tuple[str, ...]
    scopes: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return self.rows.empty

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(sorted({str(s) for s in self.rows.get("source_id", [])}))

    @property
    def complete(self) -> bool:
        """True when every member of the side is covered by a country-wide or wider row."""
        return not self.empty and not self.partial and not self.not_covered

    def coverage_line(self) -> str:
        """'NATO tanks 2024: USA, DEU (some producers) = 175; not covered: …'."""
        head = f"{self.side} {self.item} {self.year} ({self.kind}"
        head += f", {self.basis}" if self.basis else ""
        head += f", {self.subtype}" if self.subtype else ""
        head += ")"
        if self.empty:
            return f"{head}: no estimate that can be summed"
        parts = list(self.covered) + [f"{c} (some producers)" for c in self.partial]
        value = _fmt_range(self.low, self.central, self.high)
        line = f"{head}: {', '.join(parts) or '-'} = {value} {self.unit}/year"
        if self.not_covered:
            line += f"; not covered: {', '.join(self.not_covered)}"
        return line

    def to_dict(self) -> dict[str, Any]:
        def num(v: float) -> float | None:
            return None if math.isnan(v) else v

        return {
            "item": self.item,
            "side": self.side,
            "year": self.year,
            "kind": self.kind,
            "basis": self.basis,
            "subtype": self.subtype,
            "unit": self.unit,
            "per": "year",
            "low": num(self.low),
            "central": num(self.central),
            "high": num(self.high),
            "covered": list(self.covered),
            "partial": list(self.partial),
            "not_covered": list(self.not_covered),
            "complete": self.complete,
            "scopes": list(self.scopes),
            "claims": [str(c) for c in self.rows.get("claim_id", [])],
            "source_ids": list(self.source_ids),
            "alternatives": list(self.alternatives),
            "coverage": self.coverage_line(),
        }


def _fmt_range(low: float, central: float, high: float) -> str:
    def f(v: float) -> str:
        return f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.3g}"

    if math.isclose(low, high):
        return f(low)
    mid = "" if math.isnan(central) else f" (central {f(central)})"
    return f"{f(low)}-{f(high)}{mid}"


def side_members(store: FactStore, side: str, year: int) -> list[str]:
    """Countries whose output makes up ``side`` in ``year`` (NATO: its members that year)."""
    from armsrace.facts import queries

    if side == "NATO":
        return queries.members(store, "NATO", year)
    return [side]


@dataclass
class _Unit:
    """One producer's figure: the claims that estimate it, combined."""

    key: tuple[str, ...]
    level: int
    countries: frozenset[str]
    label: str
    rows: list[int]
    low: float = math.nan
    central: float = math.nan
    high: float = math.nan

    def inside(self, other: _Unit) -> bool:
        """True when the two units count some of the same output."""
        if self.level >= _LEVEL["eu"] or other.level >= _LEVEL["eu"]:
            return bool(self.countries & other.countries)
        n = min(len(self.key), len(other.key))
        return self.key[:n] == other.key[:n]


def _company(producer: str, country_name: str) -> str:
    head = producer.split(" (", 1)[0].strip()
    return "" if head.lower() == country_name.lower() else head


def _per_year(row: pd.Series) -> tuple[float, float, float]:
    factor = 12.0 if row["period"] == "month" else 1.0
    vals = [float(row[c]) * factor for c in ("low", "central", "high")]
    finite = [v for v in vals if not math.isnan(v)]
    lo, hi = min(finite), max(finite)
    central = vals[1] if not math.isnan(vals[1]) else (lo + hi) / 2
    return lo, central, hi


def production_total(
    store: FactStore,
    *,
    item: str,
    side: str,
    year: int,
    kind: str | Sequence[str] = ("output", "capacity"),
    basis: str | None = None,
    scope: str | list[str] | None = None,
    subtype: str | None = None,
    claims: pd.DataFrame | None = None,
    members: Sequence[str] | None = None,
) -> ProductionTotal:
    """Sum ``side``'s ``item`` in ``year`` from one compatible set of claims (see module doc).

    ``kind`` is one kind or several in order of preference (default: output, and capacity
    only when no output can be summed); kinds are never mixed. ``basis`` / ``subtype`` /
    ``scope`` restrict the candidates; without them the set covering the most countries is
    chosen (ties: more producers, more claims, then new-build first). ``claims`` replaces
    the store lookup with production rows of the same columns. ``members`` narrows the
    side to some countries (e.g. NATO Europe + Canada): rows reaching beyond them are left
    out and coverage is counted against them.
    """
    from armsrace.facts.schema import ITEMS, KINDS, SIDES

    if item not in ITEMS:
        raise DataError(f"unknown item {item!r}; use one of {', '.join(ITEMS)}")
    if side not in SIDES:
        raise DataError(f"unknown side {side!r}; use one of {', '.join(SIDES)}")
    kinds = [kind] if isinstance(kind, str) else list(kind)
    for k in kinds:
        if k not in KINDS:
            raise DataError(f"unknown kind {k!r}; use one of {', '.join(KINDS)}")
    total: ProductionTotal | None = None
    for k in kinds:
        total = _total(store, item, side, year, k, basis, scope, subtype, claims, members)
        if not total.empty:
            return total
    if total is None:
        raise DataError("give at least one kind")
    return total


def _total(
    store: FactStore,
    item: str,
    side: str,
    year: int,
    kind: str,
    basis: str | None,
    scope: str | list[str] | None,
    subtype: str | None,
    claims: pd.DataFrame | None,
    only: Sequence[str] | None,
) -> ProductionTotal:
    from armsrace.facts import queries

    rows = (
        queries.production(store, item=item, side=side, year=year, kind=kind)
        if claims is None
        else claims[
            (claims["item"] == item)
            & (claims["side"] == side)
            & (claims["year"] == year)
            & (claims["kind"] == kind)
        ]
    ).reset_index(drop=True)
    members = list(only) if only is not None else side_members(store, side, year)
    alliance = side_members(store, side, year) if side == "NATO" else members
    names = dict(
        zip(queries.entities(store)["entity_id"], queries.entities(store)["name"], strict=True)
    )
    scopes = [scope] if isinstance(scope, str) else list(scope or [])
    reasons: dict[int, str] = {}
    for i, r in rows.iterrows():
        if basis is not None and r["basis"] != basis:
            reasons[int(i)] = f"basis {r['basis']} (asked for {basis})"  # type: ignore[call-overload]
        elif subtype is not None and r["subtype"] != subtype:
            reasons[int(i)] = f"subtype {r['subtype']} (asked for {subtype})"  # type: ignore[call-overload]
        elif scopes and r["scope"] not in scopes:
            reasons[int(i)] = f"scope {r['scope']} (asked for {', '.join(scopes)})"  # type: ignore[call-overload]
        elif r["scope"] in _OTHER_MEASURES and r["scope"] not in scopes:
            reasons[int(i)] = f"scope {r['scope']}: {_OTHER_MEASURES[r['scope']]}"  # type: ignore[call-overload]
        elif r["period"] == "part_year":
            reasons[int(i)] = "covers part of the year only"  # type: ignore[call-overload]
    eu = _eu_members(store, year)
    candidates = rows.drop(index=list(reasons))
    best: tuple[tuple[float, ...], str, str, list[_Unit], dict[int, str]] | None = None
    options: list[str] = []
    for (b, st), grp in candidates.groupby(["basis", "subtype"], sort=True):
        units = []
        for unit in _units(grp, alliance, eu, names):
            beyond = sorted(unit.countries - set(members))
            if beyond:
                for i in unit.rows:
                    reasons[i] = f"reaches beyond the side: {', '.join(beyond)}"
            else:
                units.append(unit)
        if not units:
            continue
        chosen, inside = _non_overlapping(units)
        covered = set().union(*(u.countries for u in chosen)) if chosen else set()
        score = (
            float(len(covered & set(members))),
            float(len(chosen)),
            float(len(grp)),
            -float(_BASIS_ORDER.index(str(b))),
        )
        total = sum(u.central for u in chosen)
        options.append(f"{b}/{st or '-'}: {total:,.0f} from {len(chosen)} producer(s)")
        if best is None or score > best[0]:
            best = (score, str(b), str(st), chosen, inside)
    unit_name = str(rows["unit"].iloc[0]) if not rows.empty else ""
    if best is None:
        return ProductionTotal(
            item=item,
            side=side,
            year=year,
            kind=kind,
            basis=basis,
            subtype=subtype or "",
            unit=unit_name,
            low=math.nan,
            central=math.nan,
            high=math.nan,
            rows=rows.iloc[0:0],
            excluded=_with_reasons(rows, reasons),
            covered=(),
            partial=(),
            not_covered=tuple(members),
        )
    _score, b, st, chosen, inside = best
    for i, r in candidates.iterrows():
        if (r["basis"], r["subtype"]) != (b, st):
            reasons[int(i)] = f"another set: {r['basis']}/{r['subtype'] or '-'}"  # type: ignore[call-overload]
    reasons.update(inside)
    used_idx = [i for u in chosen for i in u.rows]
    used = rows.loc[used_idx].copy()
    per_year = [_per_year(r) for _, r in used.iterrows()]
    used["per_year_low"] = [p[0] for p in per_year]
    used["per_year_central"] = [p[1] for p in per_year]
    used["per_year_high"] = [p[2] for p in per_year]
    used["covers"] = [u.label for u in chosen for _ in u.rows]
    # a country-wide (or wider) row of every type covers its countries; one type only, or
    # some companies or plants, covers them in part
    full = sorted(
        {
            c
            for u in chosen
            if u.level >= _LEVEL["country"] and not u.key[-1].startswith("model:")
            for c in u.countries
        }
    )
    part = sorted({c for u in chosen for c in u.countries} - set(full))
    notes = []
    if any(r["period"] == "month" for _, r in used.iterrows()):
        notes.append("monthly rates x 12")
    if eu is None and any(u.key == ("eu",) for u in chosen):
        notes.append("EU membership is not in the store: the EU row is taken to cover NATO Europe")
    return ProductionTotal(
        item=item,
        side=side,
        year=year,
        kind=kind,
        basis=b,
        subtype=st,
        unit=str(used["unit"].iloc[0]),
        low=float(sum(u.low for u in chosen)),
        central=float(sum(u.central for u in chosen)),
        high=float(sum(u.high for u in chosen)),
        rows=used.reset_index(drop=True),
        excluded=_with_reasons(rows, reasons),
        covered=tuple(c for c in full if c in members) or tuple(full),
        partial=tuple(part),
        not_covered=tuple(m for m in members if m not in full and m not in part),
        scopes=tuple(sorted({str(s) for s in used["scope"]}, key=_LEVEL.__getitem__)),
        alternatives=tuple(o for o in options if not o.startswith(f"{b}/{st or '-'}:")),
        notes=tuple(notes),
    )


def _with_reasons(rows: pd.DataFrame, reasons: dict[int, str]) -> pd.DataFrame:
    out = rows.loc[sorted(reasons)].copy()
    out["reason"] = [reasons[i] for i in sorted(reasons)]
    return out.reset_index(drop=True)


def _eu_members(store: FactStore, year: int) -> set[str] | None:
    from armsrace.facts import queries

    try:
        return set(queries.members(store, "EU", year))
    except DataError:
        return None  # no EU membership in this store


def _units(
    grp: pd.DataFrame, members: list[str], eu: set[str] | None, names: dict[str, str]
) -> list[_Unit]:
    """One unit per producer named in ``grp``; ``members``: the whole side (e.g. NATO)."""
    units: dict[tuple[str, ...], _Unit] = {}
    key: tuple[str, ...]
    europe = frozenset(m for m in members if m not in _NON_EUROPEAN_ALLIES)
    for i, r in grp.iterrows():
        scope, country, model = str(r["scope"]), str(r["country"]), str(r["model"])
        level = _LEVEL[scope]
        if scope == "nato":
            countries, key, label = frozenset(members), ("nato",), "NATO"
        elif scope in ("nato_europe", "nato_plus_partners"):
            countries, key, label = europe, (scope,), "NATO Europe"
        elif scope == "eu":
            # without EU membership in the store, the EU is taken as NATO Europe's extent
            # (so it never adds to a NATO Europe figure)
            countries = frozenset(eu & set(members)) if eu is not None else europe
            key, label = ("eu",), "EU"
        elif scope == "for_ukraine":
            countries, key, label = frozenset(), ("for_ukraine",), str(r["producer"])
        else:
            countries = frozenset([country]) if country else frozenset()
            company = _company(str(r["producer"]), names.get(country, country))
            key = (country or str(r["producer"]),)
            if scope in ("company", "plant") and company:
                key += (company,)
            if scope == "plant":
                key += (str(r["producer"]),)
            label = country if scope == "country" else str(r["producer"])
        if model:
            key += (f"model:{model}",)
            label += f" ({model} only)"
        unit = units.setdefault(key, _Unit(key, level, countries, label, []))
        unit.rows.append(int(i))  # type: ignore[call-overload]
    for unit in units.values():
        vals = [_per_year(grp.loc[i]) for i in unit.rows]
        unit.low = min(v[0] for v in vals)
        unit.high = max(v[2] for v in vals)
        centrals = sorted(v[1] for v in vals)
        mid = len(centrals) // 2
        unit.central = (
            centrals[mid] if len(centrals) % 2 else (centrals[mid - 1] + centrals[mid]) / 2
        )
        unit.central = min(max(unit.central, unit.low), unit.high)
    return list(units.values())


def _non_overlapping(units: list[_Unit]) -> tuple[list[_Unit], dict[int, str]]:
    """The widest units that share no output; the rest, each with the unit it lies in."""
    order = sorted(units, key=lambda u: (-u.level, -len(u.countries), len(u.key), u.label))
    chosen: list[_Unit] = []
    inside: dict[int, str] = {}
    for unit in order:
        wider = next((c for c in chosen if unit.inside(c)), None)
        if wider is None:
            chosen.append(unit)
        else:
            for i in unit.rows:
                inside[i] = f"counted within {wider.label}"
    return chosen, inside
