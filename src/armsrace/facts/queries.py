"""Read the fact store into pandas DataFrames. Filters are keyword-only; None = no filter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from armsrace.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore

__all__ = [
    "aliases",
    "claim_sources",
    "entities",
    "events",
    "gdp",
    "latest_table_release",
    "members",
    "membership_sources",
    "observations",
    "production",
    "sources",
    "spending",
    "statements",
    "storage",
    "table_source",
    "targets",
]

Filter = str | int | Iterable[str] | Iterable[int] | None

OBS_COLUMNS = (
    "entity, year, indicator, value, unit, price_base, low, high, estimate, definition, "
    "release, source_id, note"
)


def _where(filters: dict[str, Filter]) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for col, val in filters.items():
        if val is None:
            continue
        if isinstance(val, str | int):
            clauses.append(f"{col} = ?")
            params.append(val)
        else:
            vals = list(val)
            if not vals:
                clauses.append("FALSE")
                continue
            clauses.append(f"{col} IN ({', '.join('?' for _ in vals)})")
            params.extend(vals)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def observations(
    store: FactStore,
    *,
    entity: Filter = None,
    indicator: Filter = None,
    year: Filter = None,
    source_id: Filter = None,
    release: Filter = None,
    definition: Filter = None,
) -> pd.DataFrame:
    """Observations in long format, one row per (entity, year, indicator, source)."""
    where, params = _where(
        {
            "entity": entity,
            "indicator": indicator,
            "year": year,
            "source_id": source_id,
            "release": release,
            "definition": definition,
        }
    )
    return store.sql(
        f"SELECT {OBS_COLUMNS} FROM observation{where} ORDER BY entity, indicator, year, source_id",
        params,
    )


def spending(
    store: FactStore,
    *,
    entity: Filter = None,
    year: Filter = None,
    indicator: Filter = None,
    release: Filter = None,
) -> pd.DataFrame:
    """Defence-spending observations (milex_*, equipment_share, budget_*)."""
    frame = observations(store, entity=entity, year=year, indicator=indicator, release=release)
    mask = frame["indicator"].str.startswith(("milex_", "equipment_share", "budget_"))
    return frame[mask].reset_index(drop=True)


def gdp(
    store: FactStore,
    *,
    entity: Filter = None,
    year: Filter = None,
    measure: str = "usd_current",
    release: Filter = None,
) -> pd.DataFrame:
    """GDP at market exchange rates (``usd_current``) or PPP (``ppp_current``) — never mixed."""
    if measure not in ("usd_current", "ppp_current"):
        raise DataError(f"unknown GDP measure {measure!r}; use usd_current or ppp_current")
    return observations(
        store, entity=entity, year=year, indicator=f"gdp_{measure}", release=release
    )


PRODUCTION_COLUMNS = (
    "claim_id, item, item_label, kind, basis, scope, subtype, model, side, country, producer, "
    "year, period, low, central, high, unit, claimant, claim_date, claim_type, source_id, note"
)


def production(
    store: FactStore,
    *,
    side: Filter = None,
    item: Filter = None,
    year: Filter = None,
    kind: Filter = None,
    basis: Filter = None,
    scope: Filter = None,
    subtype: Filter = None,
    claim_id: Filter = None,
) -> pd.DataFrame:
    """Production estimates: one row per original claim, every disagreeing claim kept.

    ``relays`` lists the claim's further sources (";"-separated, in relay order) after its
    own ``source_id``; :func:`claim_sources` gives them with publisher and URL.
    """
    where, params = _where(
        {
            "side": side,
            "item": item,
            "year": year,
            "kind": kind,
            "basis": basis,
            "scope": scope,
            "subtype": subtype,
            "claim_id": claim_id,
        }
    )
    frame = store.sql(
        f"SELECT {PRODUCTION_COLUMNS}, coalesce((SELECT string_agg(r.source_id, ';' "
        "ORDER BY r.relay_order) FROM production_relay r WHERE r.claim_id = p.claim_id), '') "
        f"AS relays FROM production p{where} "
        "ORDER BY item, side, year, source_id, item_label, claim_id",
        params,
    )
    for col in ("subtype", "model", "country", "claim_date", "producer", "claimant", "note"):
        frame[col] = frame[col].fillna("")
    return frame


def claim_sources(store: FactStore, *, claim_id: Filter = None) -> pd.DataFrame:
    """Every source of each production claim in relay order (1 = the claim's own source)."""
    where, params = _where({"claim_id": claim_id})
    return store.sql(
        "SELECT c.claim_id, c.relay_order, c.source_id, c.claimant, c.note, s.publisher, "
        "s.url, s.date_published FROM ("
        "SELECT claim_id, 1 AS relay_order, source_id, claimant, '' AS note FROM production "
        "UNION ALL SELECT claim_id, relay_order, source_id, claimant, note "
        f"FROM production_relay) c LEFT JOIN source s USING (source_id){where} "
        "ORDER BY c.claim_id, c.relay_order",
        params,
    )


def storage(
    store: FactStore,
    *,
    item: Filter = None,
    side: Filter = "RUS",
    timing: Filter = None,
    measure: Filter = None,
) -> pd.DataFrame:
    """Equipment held in storage (tanks, armoured vehicles, artillery pieces), one row per claim.

    ``timing`` is ``pre_war`` (February 2022) or ``wartime`` (a later count, ``as_of``);
    ``measure`` says whether everything stored is counted (``in_storage``), only what the
    claimant thinks can be restored (``in_storage_restorable``), or active plus stored
    (``holdings``). Rows carry low / central / high; a missing bound stays NaN.
    """
    where, params = _where({"item": item, "side": side, "timing": timing, "measure": measure})
    frame = store.sql(
        "SELECT stock_id, item, subtype, side, as_of, year, timing, measure, low, central, high, "
        f"unit, claimant, claim_type, source_id, note FROM storage{where} "
        "ORDER BY item, subtype, as_of, measure, stock_id",
        params,
    )
    for col in ("subtype", "note"):
        frame[col] = frame[col].fillna("")
    return frame


def statements(store: FactStore, *, metric: Filter = None) -> pd.DataFrame:
    """Published ratio statements (e.g. Russia:NATO ammunition output), with claimants."""
    where, params = _where({"metric": metric})
    return store.sql(
        "SELECT metric, numerator, denominator, year, value, low, high, claimant, claim_type, "
        f"source_id, note FROM statement{where} ORDER BY metric, year, source_id",
        params,
    )


def targets(store: FactStore) -> pd.DataFrame:
    """NATO spending targets as data (share, base, deadline, status, source)."""
    return store.sql(
        "SELECT target_id, name, share_pct, share_of, deadline_year, agreed_at, agreed_date, "
        "applies_to, status, scope_note, source_id FROM target ORDER BY agreed_date, target_id"
    )


def events(store: FactStore, *, kind: Filter = None) -> pd.DataFrame:
    """Dated events (summits, the start of a war ...): first and last day, names, source."""
    where, params = _where({"kind": kind})
    return store.sql(
        "SELECT event_id, kind, name, aliases, place, start_date, end_date, source_id, note "
        f"FROM event{where} ORDER BY start_date, event_id",
        params,
    )


def members(store: FactStore, bloc: str, year: int) -> list[str]:
    """ISO3 codes of a bloc's or region's members in ``year`` (accession year counts)."""
    groups = "SELECT entity_id FROM entity WHERE kind IN ('bloc', 'region', 'world')"
    known = store.sql(groups)["entity_id"].tolist()
    if bloc not in known:
        raise DataError(
            f"unknown bloc {bloc!r} (no bloc or region of that id); known: "
            f"{', '.join(sorted(map(str, known)))}"
        )
    frame = store.sql(
        "SELECT country FROM membership WHERE bloc = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to >= ?) ORDER BY country",
        [bloc, year, year],
    )
    return [str(c) for c in frame["country"]]


def membership_sources(store: FactStore, bloc: str = "NATO") -> tuple[str, ...]:
    """Source ids behind a bloc's membership rows."""
    frame = store.sql("SELECT DISTINCT source_id FROM membership WHERE bloc = ? ORDER BY 1", [bloc])
    return tuple(str(s) for s in frame["source_id"])


def entities(store: FactStore, *, kind: Filter = None) -> pd.DataFrame:
    """Countries, blocs and regions: entity_id, name, kind, parent, and ``aliases``.

    ``kind``: country, historical (a state that no longer exists), bloc, region, world.

    ``parent`` is a country's SIPRI sub-region (or region) and a sub-region's region.
    ``aliases`` (";"-separated, for older callers) lists the entity's names, short names and
    abbreviations; :func:`aliases` has every alias with its kind.
    """
    where, params = _where({"e.kind": kind})
    return store.sql(
        "SELECT e.entity_id, e.name, e.kind, e.parent, "
        "coalesce(string_agg(a.alias, ';' ORDER BY a.alias_kind, a.alias), '') AS aliases "
        "FROM entity e LEFT JOIN alias a ON a.entity_id = e.entity_id "
        "AND a.alias_kind IN ('name', 'short_name', 'abbreviation')"
        f"{where} GROUP BY e.entity_id, e.name, e.kind, e.parent ORDER BY CASE e.kind "
        "WHEN 'country' THEN 0 WHEN 'historical' THEN 1 WHEN 'bloc' THEN 2 ELSE 3 END, "
        "e.entity_id",
        params,
    )


def aliases(store: FactStore, *, entity: Filter = None, alias_kind: Filter = None) -> pd.DataFrame:
    """Every alias: alias, entity_id, alias_kind (name, short_name, adjective, demonym,
    capital, metonym, abbreviation). An alias listed for several entities is ambiguous."""
    where, params = _where({"entity_id": entity, "alias_kind": alias_kind})
    return store.sql(
        f"SELECT alias, entity_id, alias_kind FROM alias{where} "
        "ORDER BY entity_id, alias_kind, alias",
        params,
    )


def sources(store: FactStore, *, source_id: Filter = None) -> pd.DataFrame:
    where, params = _where({"source_id": source_id})
    return store.sql(
        "SELECT source_id, publisher, title, url, date_published, date_accessed, license, "
        f"claim_type, release, obtained_via, note, origin FROM source{where} ORDER BY source_id",
        params,
    )


#: SQL, true for a source row that is the publisher's own table of its release: the source
#: names the release, and the release's first word is the publisher itself or the
#: abbreviation in brackets right after the publisher's name ("NATO 2025-08" and "North
#: Atlantic Treaty Organization (NATO), Public Diplomacy Division"). Press relays that name
#: the release too (a newspaper quoting NATO's August 2025 tables) are not, nor a publisher
#: whose name merely contains the word ("NATO Watch", "Reuters (citing NATO)").
OWN_TABLE_SQL = (
    "(s.release IS NOT NULL AND s.release <> '' AND upper(split_part(s.release, ' ', 1)) IN "
    "(upper(trim(s.publisher)), "
    "upper(trim(regexp_extract(s.publisher, '^[^(,]*\\(([^(),]*)\\)', 1)))))"
)


def latest_table_release(
    store: FactStore, publisher: str, *, indicator: str | None = None
) -> str | None:
    """The newest release of ``publisher`` whose own table is in the store, or None.

    A release counts when the publisher's own source row for it (``source.release`` equal to
    the label and published by that publisher, :data:`OWN_TABLE_SQL`; e.g.
    ``nato-defexp-2025-08`` for ``NATO 2025-08``) has observation rows under
    that label (of ``indicator``, when given). A release known only from press or other
    relays (``NATO 2026-07``, ``SIPRI 2026`` today) does not: analyses that need a whole
    table take the newest whole table, and move on by themselves when a newer one is loaded.
    Releases are ordered by the source's ``date_published``.
    """
    params: list[object] = [publisher.upper()]
    extra = ""
    if indicator is not None:
        extra = " AND o.indicator = ?"
        params.append(indicator)
    frame = store.sql(
        "SELECT s.release, max(s.date_published) AS published FROM source s "
        f"WHERE upper(split_part(s.release, ' ', 1)) = ? AND {OWN_TABLE_SQL} "
        "AND EXISTS (SELECT 1 FROM observation o "
        f"WHERE o.source_id = s.source_id AND o.release = s.release{extra}) "
        "GROUP BY s.release ORDER BY published DESC, s.release DESC LIMIT 1",
        params,
    )
    return None if frame.empty else str(frame["release"].iloc[0])


def table_source(store: FactStore, release: str) -> str | None:
    """The source id of the publisher's own table for ``release``, if it has rows here."""
    frame = store.sql(
        "SELECT s.source_id FROM source s WHERE s.release = ? AND EXISTS (SELECT 1 FROM "
        "observation o WHERE o.source_id = s.source_id AND o.release = s.release) "
        f"ORDER BY {OWN_TABLE_SQL} DESC, s.source_id LIMIT 1",
        [release],
    )
    return None if frame.empty else str(frame["source_id"].iloc[0])
