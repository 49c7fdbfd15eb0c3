"""Route for the targets view: gaps of allies and blocs, paths to the deadline, burden sharing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from armsrace.serve.facts_api import check_ids, snapshot, sources_of
from armsrace.serve.limits import run_json
from armsrace.serve.models import Levels, TargetsResponse
from armsrace.serve.payload import records

__all__ = ["router"]

router = APIRouter(tags=["targets"])


def _targets(
    request: Request,
    year: int,
    release: str,
    growth_pct: float,
    deadline_year: int | None,
    entity: list[str] | None,
) -> TargetsResponse:
    from armsrace.targets import compute_gaps

    snap = snapshot(request)
    check_ids(snap, "release", release)
    check_ids(snap, "entity", entity)

    def build() -> object:
        with snap.store() as store:
            return compute_gaps(
                store,
                year=year,
                release=release,
                growth_pct=growth_pct,
                deadline_year=deadline_year,
            )

    gaps = snap.cached(("gaps", year, release, growth_pct, deadline_year), build)
    request.app.state.first_view_served.set()
    paths = gaps.paths  # type: ignore[attr-defined]
    if entity:
        paths = paths[paths["entity"].isin(entity)]
    srcs = sources_of(snap, gaps.source_ids)  # type: ignore[attr-defined]
    lv = gaps.levels  # type: ignore[attr-defined]
    return TargetsResponse(
        year=gaps.year,  # type: ignore[attr-defined]
        release=gaps.release,  # type: ignore[attr-defined]
        growth_pct=gaps.growth_pct,  # type: ignore[attr-defined]
        deadline_year=deadline_year or lv.deadline_year,
        levels=Levels(
            floor_pct=lv.floor_pct,
            core_pct=lv.core_pct,
            total_pct=lv.total_pct,
            deadline_year=lv.deadline_year,
        ),
        allies=records(gaps.allies),  # type: ignore[attr-defined]
        blocs=records(gaps.blocs),  # type: ignore[attr-defined]
        paths=records(paths),
        burden=records(gaps.burden),  # type: ignore[attr-defined]
        missing=list(gaps.missing),  # type: ignore[attr-defined]
        sources=srcs,
    )


@router.get("/targets", response_model=TargetsResponse)
async def targets(
    request: Request,
    year: Annotated[int, Query(ge=2014, le=2030)] = 2025,
    release: Annotated[str, Query(max_length=80)] = "NATO 2025-08",
    growth_pct: Annotated[float, Query(ge=-10, le=20)] = 1.5,
    deadline_year: Annotated[int | None, Query(ge=2026, le=2060)] = None,
    entity: Annotated[list[str] | None, Query(max_length=64)] = None,
) -> Response:
    """Gap of every ally and bloc to 2%, 3.5% core and 5% total (pp and USD bn), the paths of
    the chosen ``entity`` ids to the deadline, and burden sharing. Missing figures are listed."""
    return await run_json(
        _targets,
        request,
        year,
        release,
        growth_pct,
        deadline_year,
        entity,
        timeout_s=request.app.state.timeout_s,
    )
