"""Long spending series for the dynamics fits, built from fact-store rows with their sources.

One release and one price base per series — never mixed (SIPRI 2025 is in constant 2023 USD,
NATO 2024-06 in constant 2015 USD). A bloc series is taken as published when the release
has the bloc's own row; otherwise it is the sum of its member countries **by membership
year** (a country counts from its accession year on, as :func:`armsrace.facts.queries.members`
says), or, with ``membership="fixed"``, of the members of the last year throughout. A year
where any counted member lacks a figure is left missing, never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from armsrace.errors import DataError, DynamicsError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore

__all__ = [
    "DEFAULT_RELEASE",
    "PERIODS",
    "PRIMARY_SOURCES",
    "EntitySeries",
    "PairSeries",
    "load_pair",
    "load_series",
    "parse_pair",
    "parse_period",
]

#: The release the dynamics use unless told otherwise (the only one with a long series).
DEFAULT_RELEASE = "SIPRI 2025"
#: The publisher's own table behind each release (press relays of the same release are skipped).
PRIMARY_SOURCES = {
    "SIPRI 2025": "sipri-milex-2025",
    "NATO 2024-06": "nato-defexp-2024-06",
    "NATO 2025-08": "nato-defexp-2025-08",
}
#: Named sub-periods around the structural breaks (Crimea 2014, full-scale invasion 2022).
PERIODS: dict[str, tuple[int | None, int | None]] = {
    "pre-2014": (None, 2013),
    "2014-2021": (2014, 2021),
    "from-2022": (2022, None),
}
Membership = Literal["by_year", "fixed"]


@dataclass(frozen=True)
class EntitySeries:
    """One entity's yearly series: ``frame`` has year, value and where each value came from."""

    entity: str
    indicator: str
    release: str
    price_base: str
    unit: str
    rule: str
    frame: pd.DataFrame
    source_ids: tuple[str, ...]

    def values(self) -> pd.Series:
        """The values indexed by year (NaN where missing)."""
        return self.frame.set_index("year")["value"].rename(self.entity)


@dataclass(frozen=True)
class PairSeries:
    """The two series a fit uses: ``frame`` (index year, columns x and y) plus their origin."""

    x: EntitySeries
    y: EntitySeries
    frame: pd.DataFrame
    period: tuple[int | None, int | None]
    notes: tuple[str, ...] = ()

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.x.source_ids) | set(self.y.source_ids)))

    @property
    def names(self) -> tuple[str, str]:
        return (self.x.entity, self.y.entity)

    def describe(self) -> pd.DataFrame:
        """One row per series: entity, years, release, price base, unit, rule, sources."""
        import pandas as pd

        rows = []
        for s in (self.x, self.y):
            years = self.frame.index
            rows.append(
                {
                    "entity": s.entity,
                    "years": f"{int(years.min())}-{int(years.max())}" if len(years) else "",
                    "indicator": s.indicator,
                    "release": s.release,
                    "price_base": s.price_base,
                    "unit": s.unit,
                    "rule": s.rule,
                    "source_ids": ", ".join(s.source_ids),
                }
            )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Long format: entity, year, value, unit, price_base, release, source_id, rule."""
        import pandas as pd

        parts = []
        lo, hi = int(self.frame.index.min()), int(self.frame.index.max())
        for s in (self.x, self.y):
            f = s.frame[(s.frame["year"] >= lo) & (s.frame["year"] <= hi)].copy()
            f.insert(0, "entity", s.entity)
            f["unit"] = s.unit
            f["price_base"] = s.price_base
            f["release"] = s.release
            parts.append(f)
        return pd.concat(parts, ignore_index=True)


def parse_pair(text: str) -> tuple[str, str]:
    """``"RUS:NATO_EUCA"`` -> ("RUS", "NATO_EUCA")."""
    parts = [p.strip().upper() for p in str(text).split(":")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise DynamicsError(
            f"pair {text!r} is not two different entities joined by ':'; "
            "use e.g. RUS:NATO_EUCA, RUS:NATO or RUS:USA"
        )
    return parts[0], parts[1]


def parse_period(text: str | None) -> tuple[int | None, int | None]:
    """``"2014-2021"``, ``"2022-"``, ``"-2013"``, or a name from :data:`PERIODS`."""
    if text is None or str(text).strip() in ("", "all"):
        return (None, None)
    t = str(text).strip()
    if t in PERIODS:
        return PERIODS[t]
    start, sep, end = t.partition("-")
    try:
        lo = int(start) if start.strip() else None
        hi = int(end) if end.strip() else None
        if not sep:
            hi = lo
    except ValueError:
        lo = hi = -1
    if lo == -1 or (lo is not None and hi is not None and lo > hi):
        raise DynamicsError(
            f"period {text!r} is not understood; use FIRST-LAST (2014-2021), FIRST- (2022-), "
            f"-LAST (-2013) or one of {', '.join(PERIODS)}"
        )
    return lo, hi


def _known_entities(store: FactStore) -> pd.DataFrame:
    from armsrace.facts import queries

    return queries.entities(store)


def _resolve_entity(store: FactStore, entity: str) -> tuple[str, str]:
    """Return (entity_id, kind), accepting names and abbreviations; unknown -> DynamicsError."""
    from armsrace.errors import UnknownEntityError
    from armsrace.facts.aliases import AliasIndex

    ents = _known_entities(store)
    try:
        entity_id = AliasIndex.from_frames(_aliases(store), ents).require(entity)
    except UnknownEntityError as exc:
        raise DynamicsError(str(exc)) from exc
    kind = ents.loc[ents["entity_id"] == entity_id, "kind"].iloc[0]
    return entity_id, str(kind)


def _aliases(store: FactStore) -> pd.DataFrame:
    from armsrace.facts import queries

    return queries.aliases(store)


def load_series(
    store: FactStore,
    entity: str,
    *,
    release: str = DEFAULT_RELEASE,
    indicator: str = "milex_usd_constant",
    membership: Membership = "by_year",
) -> EntitySeries:
    """One entity's series from one release, with the source of every value."""
    import pandas as pd

    from armsrace.facts import queries

    if membership not in ("by_year", "fixed"):
        raise DynamicsError(f"membership must be 'by_year' or 'fixed', not {membership!r}")
    entity_id, kind = _resolve_entity(store, entity)
    source_id = PRIMARY_SOURCES.get(release) or queries.table_source(store, release)
    rows = queries.observations(store, indicator=indicator, release=release, source_id=source_id)
    if rows.empty:
        have = queries.observations(
            store, indicator=indicator, source_id=list(PRIMARY_SOURCES.values())
        )
        usable = sorted(set(map(str, have["release"].dropna())))
        raise DynamicsError(
            f"the store has no {indicator} rows for release {release!r}; "
            f"use one of {', '.join(usable) or 'none (load SIPRI or NATO tables first)'}"
        )
    rows = rows[rows["value"].notna()]
    bases = sorted(set(map(str, rows["price_base"].dropna())))
    units = sorted(set(map(str, rows["unit"].dropna())))
    if len(bases) > 1 or len(units) > 1:
        raise DynamicsError(
            f"release {release!r} mixes price bases {bases} or units {units} for {indicator}; "
            "a series must use one"
        )
    price_base = bases[0] if bases else ""
    unit = units[0] if units else ""
    own = rows[rows["entity"] == entity_id]
    if kind != "bloc" or not own.empty:
        if own.empty:
            raise DynamicsError(
                f"the store has no {indicator} for {entity_id} in release {release!r}; "
                f"try release {DEFAULT_RELEASE!r} (1992-2024)"
            )
        if own["year"].duplicated().any():
            raise DynamicsError(
                f"{entity_id} has several {indicator} values per year in {release!r}; "
                "name the source with its primary release"
            )
        frame = own[["year", "value", "source_id", "estimate", "note"]].copy()
        frame["year"] = frame["year"].astype(int)
        frame["n_members"] = pd.NA
        frame["missing_members"] = ""
        what = "published bloc total" if kind == "bloc" else "country series"
        rule = f"{entity_id}: {what} from {release} ({indicator}, {price_base} prices)"
        return EntitySeries(
            entity=entity_id,
            indicator=indicator,
            release=release,
            price_base=price_base,
            unit=unit,
            rule=rule,
            frame=frame.sort_values("year").reset_index(drop=True),
            source_ids=tuple(sorted(set(map(str, frame["source_id"])))),
        )
    return _aggregate_bloc(store, entity_id, rows, release, indicator, price_base, unit, membership)


def _aggregate_bloc(
    store: FactStore,
    bloc: str,
    rows: pd.DataFrame,
    release: str,
    indicator: str,
    price_base: str,
    unit: str,
    membership: Membership,
) -> EntitySeries:
    import pandas as pd

    from armsrace.facts import queries

    countries = rows[rows["entity"].str.len() == 3]
    table = countries.pivot_table(index="year", columns="entity", values="value", aggfunc="first")
    years = sorted(int(y) for y in table.index)
    if not years:
        raise DynamicsError(f"release {release!r} has no country rows to build {bloc} from")
    try:
        fixed = queries.members(store, bloc, years[-1]) if membership == "fixed" else None
    except DataError as exc:
        raise DynamicsError(str(exc)) from exc
    out = []
    for year in years:
        who = fixed if fixed is not None else queries.members(store, bloc, year)
        if not who:
            continue
        have = table.loc[year] if year in table.index else pd.Series(dtype=float)
        missing = [c for c in who if c not in have.index or pd.isna(have.get(c))]
        value = float(have[[c for c in who if c not in missing]].sum()) if not missing else None
        out.append(
            {
                "year": year,
                "value": value,
                "source_id": PRIMARY_SOURCES.get(release, release),
                "estimate": None,
                "note": "",
                "n_members": len(who),
                "missing_members": ";".join(missing),
            }
        )
    frame = pd.DataFrame(out)
    frame["value"] = frame["value"].astype(float)
    composition = (
        f"the {len(fixed)} members of {years[-1]} in every year"
        if fixed is not None
        else "the countries that were members in each year (from their accession year)"
    )
    rule = (
        f"{bloc}: sum over {composition} of {release} {indicator} ({price_base} prices); "
        "a year with any member missing is left missing"
    )
    sources = sorted(set(map(str, countries["source_id"])))
    return EntitySeries(
        entity=bloc,
        indicator=indicator,
        release=release,
        price_base=price_base,
        unit=unit,
        rule=rule,
        frame=frame,
        source_ids=tuple(sources),
    )


def load_pair(
    store: FactStore,
    pair: str | tuple[str, str] = "RUS:NATO_EUCA",
    *,
    period: str | tuple[int | None, int | None] | None = None,
    release: str = DEFAULT_RELEASE,
    indicator: str = "milex_usd_constant",
    membership: Membership = "by_year",
) -> PairSeries:
    """The two series of a pair over the years both have (within ``period``)."""
    import pandas as pd

    x_name, y_name = parse_pair(pair) if isinstance(pair, str) else pair
    lo, hi = parse_period(period) if period is None or isinstance(period, str) else period
    x = load_series(store, x_name, release=release, indicator=indicator, membership=membership)
    y = load_series(store, y_name, release=release, indicator=indicator, membership=membership)
    frame = pd.concat([x.values(), y.values()], axis=1, join="outer").sort_index()
    both = frame.dropna(how="all")
    if lo is not None:
        both = both[both.index >= lo]
    if hi is not None:
        both = both[both.index <= hi]
    if both.empty:
        raise DynamicsError(
            f"{x.entity} and {y.entity} have no {release} values in the period "
            f"{lo or ''}-{hi or ''}; the release covers "
            f"{int(frame.index.min())}-{int(frame.index.max())}"
        )
    # trim to the years both series have at the ends; inner gaps stay and are refused by fits
    has_both = both.notna().all(axis=1)
    first, last = has_both.idxmax(), has_both[::-1].idxmax()
    both = both.loc[first:last]
    both.index = both.index.astype(int)
    both.index.name = "year"
    both.attrs["source_ids"] = tuple(sorted(set(x.source_ids) | set(y.source_ids)))
    notes = []
    first_year, last_year = int(both.index[0]), int(both.index[-1])
    if (lo is not None and lo < first_year) or (hi is not None and hi > last_year):
        notes.append(
            f"period {lo or ''}-{hi or ''} asked; {release} has both series for "
            f"{first_year}-{last_year} only, so the fit uses those years"
        )
    return PairSeries(x=x, y=y, frame=both, period=(lo, hi), notes=tuple(notes))
