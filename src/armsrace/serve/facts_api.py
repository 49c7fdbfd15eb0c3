"""Routes over the fact store: pickers' lists, filtered facts (JSON and CSV), spending series."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from armsrace.serve.limits import run_bounded, run_json
from armsrace.serve.models import (
    MAX_ARTICLE_BYTES,
    MAX_RUNS,
    EntityRow,
    FactsResponse,
    Levels,
    Meta,
    SourceRow,
    SpendingResponse,
)
from armsrace.serve.payload import clean, records, source_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.serve.snapshot import Snapshot

__all__ = ["known", "router", "snapshot", "sources_of"]

router = APIRouter(tags=["facts"])

Table = Literal["observations", "production", "statements"]
Measure = Literal["share_gdp", "usd_current", "usd_constant", "usd_ppp"]
Definition = Literal["NATO", "SIPRI", "NATO core defence"]
IdList = Annotated[list[str] | None, Query(max_length=64)]
OneId = Annotated[str | None, Query(max_length=120)]

EVENTS = [
    {"year": 2014, "label": "2014: Crimea annexed; Wales pledge (2% of GDP)"},
    {"year": 2022, "label": "2022: Russia's full-scale invasion of Ukraine"},
]
PRIMARY = ("nato-defexp", "sipri-milex", "imf-weo")
INDICATOR = {
    "share_gdp": ("milex_share_gdp", "pct_gdp"),
    "usd_current": ("milex_usd_current", "usd_million"),
    "usd_constant": ("milex_usd_constant", "usd_million"),
    "usd_ppp": ("milex_share_gdp", "intl_usd_billion"),
}


def snapshot(request: Request) -> Snapshot:
    snap: Snapshot = request.app.state.snapshots.get()
    return snap


def frame_of(snap: Snapshot, table: str) -> pd.DataFrame:
    """A whole table of the copy, read once per copy."""
    from armsrace.facts import queries

    readers: dict[str, Callable[[FactStore], pd.DataFrame]] = {
        "observations": queries.observations,
        "production": queries.production,
        "statements": queries.statements,
        "sources": queries.sources,
        "entities": queries.entities,
    }

    def build() -> pd.DataFrame:
        with snap.store() as store:
            return readers[table](store)

    frame: pd.DataFrame = snap.cached(("frame", table), build)
    return frame


def known(snap: Snapshot, what: str) -> set[str]:
    """Ids a parameter may take, from the store copy."""
    columns = {
        "entity": ("entities", "entity_id"),
        "indicator": ("observations", "indicator"),
        "release": ("observations", "release"),
        "source_id": ("sources", "source_id"),
        "item": ("production", "item"),
        "side": ("production", "side"),
        "metric": ("statements", "metric"),
    }
    table, col = columns[what]
    values: set[str] = snap.cached(
        ("known", what), lambda: {str(v) for v in frame_of(snap, table)[col].dropna().unique()}
    )
    return values


def check_ids(snap: Snapshot, what: str, values: list[str] | str | None) -> None:
    if values is None:
        return
    vals = [values] if isinstance(values, str) else values
    bad = [v for v in vals if v not in known(snap, what)]
    if bad:
        raise HTTPException(422, f"unknown {what}: {', '.join(repr(b) for b in bad[:5])}")


def sources_of(snap: Snapshot, ids: Any) -> list[SourceRow]:
    """Source rows for ``ids`` from the copy's source table (read once per copy)."""

    def build() -> dict[str, SourceRow]:
        with snap.store() as store:
            return {s.source_id: s for s in source_rows(store, known(snap, "source_id"))}

    table: dict[str, SourceRow] = snap.cached(("source_rows",), build)
    return [table.get(i) or SourceRow(source_id=i) for i in sorted({str(i) for i in ids if i})]


# ------------------------------------------------------------------------------------ meta


def _meta(request: Request) -> Meta:
    snap = snapshot(request)
    meta: Meta = snap.cached(("meta",), lambda: build_meta(snap))
    return meta


def build_meta(snap: Snapshot) -> Meta:
    """The pickers' lists, read with a few small queries (not whole tables: this is on the
    path of the first view)."""
    from armsrace.facts import queries
    from armsrace.labels import label_table
    from armsrace.provenance import version
    from armsrace.targets import target_levels

    def column(sql: str) -> list[str]:
        return [str(v) for v in store.sql(sql).iloc[:, 0] if v is not None and str(v)]

    with snap.store() as store:
        levels = target_levels(store)
        allies = queries.members(store, "NATO", 2025)
        ents = store.sql(
            "SELECT entity_id, name, kind FROM entity WHERE entity_id IN (SELECT DISTINCT "
            "entity FROM observation WHERE indicator LIKE 'milex_%') ORDER BY kind DESC, entity_id"
        )
        releases = {
            d: column(
                "SELECT DISTINCT release FROM observation WHERE indicator LIKE 'milex_%' "
                f"AND definition = '{d}' AND release IS NOT NULL ORDER BY 1"
            )
            for d in ("NATO", "SIPRI", "NATO core defence")
        }
        share_releases = column(
            "SELECT DISTINCT release FROM observation WHERE indicator = 'milex_share_gdp' "
            "AND definition = 'NATO' AND release IS NOT NULL ORDER BY 1"
        )
        indicators = column("SELECT DISTINCT indicator FROM observation ORDER BY 1")
        items = column("SELECT DISTINCT item FROM production ORDER BY 1")
    return Meta(
        version=version(),
        store_loaded_at=snap.loaded_at,
        entities=[EntityRow(**clean(r)) for r in ents.to_dict(orient="records")],
        allies=allies,
        indicators=indicators,
        releases=releases,
        share_releases=share_releases,
        tables=["observations", "production", "statements"],
        items=items,
        labels={str(r.column_id): str(r.label) for r in label_table().itertuples(index=False)},
        levels=Levels(
            floor_pct=levels.floor_pct,
            core_pct=levels.core_pct,
            total_pct=levels.total_pct,
            deadline_year=levels.deadline_year,
        ),
        max_runs=MAX_RUNS,
        max_article_bytes=MAX_ARTICLE_BYTES,
    )


@router.get("/meta", response_model=Meta)
async def meta(request: Request) -> Response:
    """Everything the pickers offer: entities, releases, scenarios, target levels, limits."""
    return await run_json(_meta, request, timeout_s=request.app.state.timeout_s)


@router.get("/sources", response_model=list[SourceRow])
async def sources(request: Request, source_id: IdList = None) -> Response:
    """Source rows (publisher, title, URL, date, licence); all of them without ``source_id``."""

    def rows() -> list[SourceRow]:
        snap = snapshot(request)
        check_ids(snap, "source_id", source_id)
        ids = source_id if source_id is not None else sorted(known(snap, "source_id"))
        return sources_of(snap, ids)

    return await run_json(rows, timeout_s=request.app.state.timeout_s)


# ------------------------------------------------------------------------------------ facts


def _filtered(
    snap: Snapshot,
    table: str,
    entity: list[str] | None,
    indicator: list[str] | None,
    release: str | None,
    source_id: str | None,
    item: list[str] | None,
    side: str | None,
    year_from: int | None,
    year_to: int | None,
) -> pd.DataFrame:
    check_ids(snap, "entity", entity)
    check_ids(snap, "indicator", indicator)
    check_ids(snap, "release", release)
    check_ids(snap, "source_id", source_id)
    check_ids(snap, "item", item)
    check_ids(snap, "side", side)
    frame = frame_of(snap, table)
    mask = frame.index == frame.index
    if table == "observations":
        if entity:
            mask &= frame["entity"].isin(entity)
        if indicator:
            mask &= frame["indicator"].isin(indicator)
        if release is not None:
            mask &= frame["release"] == release
    elif table == "production":
        if item:
            mask &= frame["item"].isin(item)
        if side is not None:
            mask &= frame["side"] == side
    if source_id is not None:
        mask &= frame["source_id"] == source_id
    if year_from is not None:
        mask &= frame["year"] >= year_from
    if year_to is not None:
        mask &= frame["year"] <= year_to
    return frame[mask]


class _FactQuery:
    def __init__(
        self,
        table: Table = "observations",
        entity: IdList = None,
        indicator: IdList = None,
        release: OneId = None,
        source_id: OneId = None,
        item: IdList = None,
        side: OneId = None,
        year_from: Annotated[int | None, Query(ge=1900, le=2100)] = None,
        year_to: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    ):
        self.args = (table, entity, indicator, release, source_id, item, side, year_from, year_to)


def _facts(request: Request, q: tuple[Any, ...], limit: int, offset: int) -> FactsResponse:
    snap = snapshot(request)
    frame = _filtered(snap, *q)
    page = frame.iloc[offset : offset + limit]
    return FactsResponse(
        table=q[0],
        columns=[str(c) for c in frame.columns],
        rows=records(page),
        total=len(frame),
        truncated=offset + limit < len(frame),
        sources=sources_of(snap, page["source_id"].dropna().unique()),
    )


@router.get("/facts", response_model=FactsResponse)
async def facts(
    request: Request,
    q: Annotated[_FactQuery, Depends()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Filter the facts (observations, production estimates or statements); each row names its source."""
    return await run_json(
        _facts, request, q.args, limit, offset, timeout_s=request.app.state.timeout_s
    )


def _csv(request: Request, q: tuple[Any, ...]) -> str:
    snap = snapshot(request)
    frame = _filtered(snap, *q)
    srcs = sources_of(snap, frame["source_id"].dropna().unique())
    filters = [
        f"{name}={','.join(map(str, value)) if isinstance(value, list) else value}"
        for name, value in zip(
            (
                "table",
                "entity",
                "indicator",
                "release",
                "source_id",
                "item",
                "side",
                "year_from",
                "year_to",
            ),
            q,
            strict=True,
        )
        if value not in (None, [])
    ]
    out = io.StringIO()
    out.write("# armsrace facts export; filters: " + ("; ".join(filters) or "none") + "\n")
    out.write(f"# {len(frame)} rows; every row's source_id is listed below with its licence\n")
    for s in srcs:
        line = f"# source {s.source_id}: {s.publisher or ''}, {s.title or ''}"
        line += f", {s.url or 'no URL'}, published {s.date_published or 'unknown'}"
        line += f"; licence: {s.license or 'not stated'}"
        out.write(" ".join(line.split()) + "\n")
    frame.to_csv(out, index=False)
    return out.getvalue()


@router.get(
    "/facts.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV with # header lines"}},
)
async def facts_csv(request: Request, q: Annotated[_FactQuery, Depends()]) -> Response:
    """The filtered facts as CSV; comment lines on top name every source and its licence."""
    text = await run_bounded(_csv, request, q.args, timeout_s=request.app.state.timeout_s)
    name = f"armsrace-{q.args[0]}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --------------------------------------------------------------------------------- spending


def _pick(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per entity and year: a primary publisher's copy before press relays."""
    rows = rows.dropna(subset=["value"])
    rows = rows.assign(_relay=~rows["source_id"].str.startswith(PRIMARY))
    return (
        rows.sort_values(["entity", "year", "_relay", "source_id"])
        .groupby(["entity", "year"], as_index=False)
        .first()
    )


def _fullest_release(obs: pd.DataFrame, indicator: str, definition: str) -> str:
    """The release with the most figures of ``indicator`` by ``definition`` (newest on ties)."""
    rel = obs.loc[
        (obs["indicator"] == indicator) & (obs["definition"] == definition), "release"
    ].dropna()
    counts = rel[rel != ""].value_counts()
    if counts.empty:
        return ""
    top = counts[counts == counts.max()].index
    return str(max(top))


def _spending(
    request: Request,
    entity: list[str],
    measure: str,
    definition: str,
    release: str | None,
) -> SpendingResponse:
    snap = snapshot(request)
    check_ids(snap, "entity", entity)
    check_ids(snap, "release", release)
    obs = frame_of(snap, "observations")
    indicator, unit = INDICATOR[measure]
    rel = release or _fullest_release(obs, indicator, definition)
    rows = obs[
        obs["entity"].isin(entity)
        & (obs["indicator"] == indicator)
        & (obs["definition"] == definition)
        & (obs["release"] == rel)
    ]
    rows = _pick(rows)
    derived = None
    if measure == "usd_ppp":
        gdp = obs[
            obs["entity"].isin(entity)
            & (obs["indicator"] == "gdp_ppp_current")
            & (obs["release"] == "IMF WEO 2025-10")
        ]
        gdp = _pick(gdp)[["entity", "year", "value", "source_id"]].rename(
            columns={"value": "gdp", "source_id": "gdp_source"}
        )
        rows = rows.merge(gdp, on=["entity", "year"], how="inner")
        rows["value"] = rows["value"] / 100.0 * rows["gdp"]
        derived = "share of GDP x GDP at PPP (IMF WEO 2025-10)"
    names = frame_of(snap, "entities").set_index("entity_id")["name"]
    series = []
    ids: set[str] = set()
    missing = []
    for e in entity:
        sub = rows[rows["entity"] == e].sort_values("year")
        if sub.empty:
            missing.append(f"{e}: no {indicator} in {rel}" + (" with PPP GDP" if derived else ""))
            continue
        ids |= set(sub["source_id"])
        if derived:
            ids |= set(sub["gdp_source"])
        bases = sorted({str(b) for b in sub["price_base"].dropna() if b})
        series.append(
            {
                "entity": e,
                "name": clean(names.get(e)),
                "release": rel,
                "unit": unit,
                "price_base": ", ".join(bases) or None,
                "derived": derived,
                "points": [
                    {"year": int(r.year), "value": clean(r.value), "source_id": str(r.source_id)}
                    for r in sub.itertuples(index=False)
                ],
            }
        )
    return SpendingResponse(
        measure=measure,
        definition=definition,
        release=rel,
        unit=unit,
        series=series,  # type: ignore[arg-type]
        events=EVENTS,
        missing=missing,
        sources=sources_of(snap, ids),
    )


@router.get("/spending", response_model=SpendingResponse)
async def spending(
    request: Request,
    entity: Annotated[list[str], Query(min_length=1, max_length=40)],
    measure: Measure = "share_gdp",
    definition: Definition = "NATO",
    release: OneId = None,
) -> Response:
    """Spending over time by one publisher's definition and release (default: the release
    with the most figures of the measure).

    ``usd_constant`` carries its price base (never mix bases); ``usd_ppp`` is derived:
    share of GDP times IMF GDP at purchasing-power parity, and says so.
    """
    return await run_json(
        _spending,
        request,
        entity,
        measure,
        definition,
        release,
        timeout_s=request.app.state.timeout_s,
    )
