"""Routes for the race what-if view: scenarios, simulation with levers, Sobol on demand.

With no lever moved, a request runs exactly what ``armsrace simulate SCENARIO --runs N
--seed S`` runs, so the numbers are the same.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response, StreamingResponse

from armsrace.serve.facts_api import snapshot, sources_of
from armsrace.serve.limits import run_json
from armsrace.serve.models import (
    RaceLevers,
    RaceResponse,
    ScenarioInfo,
    SensitivityRequest,
    SensitivityResponse,
)
from armsrace.serve.payload import clean, records

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from armsrace.race.defaults import ResolvedScenario
    from armsrace.serve.snapshot import Snapshot

__all__ = ["router", "scenario_info", "scenario_infos"]

router = APIRouter(tags=["race"])


def _path_info(path: Any) -> dict[str, Any]:
    return {
        "kind": path.kind,
        "target_share_gdp_pct": path.target_share_gdp_pct,
        "target_year": path.target_year,
    }


def scenario_info(name: str) -> ScenarioInfo:
    from armsrace.race.scenario import load_scenario

    s = load_scenario(name)
    return ScenarioInfo(
        name=s.name,
        title=s.title,
        sides=list(s.side_ids),
        side_labels=[x.label for x in s.sides],
        items=list(s.item_ids),
        item_labels=[i.label for i in s.items],
        start_year=s.start_year,
        horizon_months=s.horizon_months,
        challenger_path=_path_info(s.sides[0].budget.path),
        rival_path=_path_info(s.sides[1].budget.path),
    )


def _resolve(
    request: Request, snap: Snapshot, levers: RaceLevers
) -> tuple[ResolvedScenario, list[str]]:
    from armsrace.race.runner import prepare
    from armsrace.race.scenario import list_scenarios, load_scenario
    from armsrace.serve.levers import apply_levers

    if levers.scenario not in list_scenarios():
        raise HTTPException(
            404, f"unknown scenario {levers.scenario!r}; packaged: {', '.join(list_scenarios())}"
        )
    settings = request.app.state.settings
    scenario, said = apply_levers(load_scenario(levers.scenario), levers)
    key = ("resolved", scenario.canonical_json())

    def build() -> ResolvedScenario:
        with snap.store() as store:
            # no lever moved: the packaged name, exactly as the CLI resolves it
            return prepare(levers.scenario if not said else scenario, store, settings)

    resolved: ResolvedScenario = snap.cached(key, build)
    return resolved, said


def _simulate(
    request: Request, levers: RaceLevers, progress: Callable[[int, int], None] | None = None
) -> RaceResponse:
    from armsrace.race.runner import simulate

    t0 = time.perf_counter()
    snap = snapshot(request)
    resolved, said = _resolve(request, snap, levers)
    result = simulate(
        resolved,
        runs=levers.runs,
        seed=levers.seed,
        keep_paths=False,
        settings=request.app.state.settings,
        progress=progress,
    )
    sc = resolved.scenario
    srcs = sources_of(snap, result.source_ids)
    return RaceResponse(
        scenario=sc.name,
        title=sc.title,
        runs=result.n_runs,
        seed=levers.seed,
        sides=list(sc.side_ids),
        side_labels=[s.label for s in sc.sides],
        items=list(sc.item_ids),
        item_labels=[i.label for i in sc.items],
        units=[i.unit for i in sc.items],
        start=result.layout.month_label(0),
        horizon_months=result.layout.horizon,
        catch_up=records(result.catchup_table()),
        by_year=records(result.yearly_table()),
        output_fan=records(result.fan_table("output")),
        levers=said,
        notes=list(result.notes),
        assumptions=[{"inputs": a, "assumption": b} for a, b in result.assumptions],
        references=[{"inputs": a, "url": b} for a, b in result.references],
        sources=srcs,
        run_info=clean(result.run_info.to_dict()),
        elapsed_s=time.perf_counter() - t0,
    )


def scenario_infos() -> list[ScenarioInfo]:
    from armsrace.race.scenario import list_scenarios

    return [scenario_info(n) for n in list_scenarios()]


@router.get("/race/scenarios", response_model=list[ScenarioInfo])
async def scenarios(request: Request) -> list[ScenarioInfo]:
    """The packaged scenarios, their sides, items and budget paths."""
    infos: list[ScenarioInfo] | None = getattr(request.app.state, "scenarios", None)
    if infos is None:
        infos = request.app.state.scenarios = scenario_infos()
    return infos


@router.post("/race/simulate", response_model=RaceResponse)
async def simulate_race(request: Request, levers: RaceLevers) -> Response:
    """Run the production-race Monte Carlo with the levers: catch-up by item and year, fans.

    The same scenario, levers, runs and seed give identical numbers, here and in the CLI.
    """
    return await run_json(
        _simulate,
        request,
        levers,
        timeout_s=request.app.state.timeout_s,
        limiter=request.app.state.sim_limiter,
    )


@router.post(
    "/race/simulate/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/x-ndjson": {}},
            "description": 'One JSON object a line: {"done": k, "total": n} while it runs, '
            'then {"result": <as /race/simulate>} or {"error": "...", "status": 4xx/5xx}.',
        }
    },
)
async def simulate_race_stream(request: Request, levers: RaceLevers) -> StreamingResponse:
    """As ``/race/simulate``, streamed: progress lines while the runs go, then the result."""
    import asyncio
    import json

    from armsrace.errors import ArmsraceError, StoreError
    from armsrace.serve.limits import RequestTimeoutError

    state = {"done": 0, "total": 0}

    def progress(done: int, total: int) -> None:  # called on the worker thread
        state["done"], state["total"] = done, total

    async def lines() -> AsyncIterator[bytes]:
        task = asyncio.ensure_future(
            run_json(
                _simulate,
                request,
                levers,
                progress,
                timeout_s=request.app.state.timeout_s,
                limiter=request.app.state.sim_limiter,
            )
        )
        try:
            while not task.done():
                yield (json.dumps(state) + "\n").encode()
                await asyncio.wait({task}, timeout=0.25)
            try:
                response = task.result()
            except HTTPException as exc:
                yield (
                    json.dumps({"error": str(exc.detail), "status": exc.status_code}) + "\n"
                ).encode()
                return
            except ArmsraceError as exc:
                status = (
                    504
                    if isinstance(exc, RequestTimeoutError)
                    else 503
                    if isinstance(exc, StoreError)
                    else 422
                )
                yield (json.dumps({"error": str(exc), "status": status}) + "\n").encode()
                return
            yield b'{"result": ' + bytes(response.body) + b"}\n"
        finally:
            task.cancel()

    return StreamingResponse(lines(), media_type="application/x-ndjson")


def _sensitivity(request: Request, req: SensitivityRequest) -> SensitivityResponse:
    from armsrace.race.sensitivity import sensitivity

    t0 = time.perf_counter()
    snap = snapshot(request)
    resolved, said = _resolve(request, snap, req)
    res = sensitivity(resolved, n_base=req.n_base, seed=req.seed)
    return SensitivityResponse(
        scenario=resolved.name,
        n_base=res.n_base,
        evaluations=int(res.n_evaluations),
        ranking=records(res.ranking().head(15)),
        levers=said,
        elapsed_s=time.perf_counter() - t0,
    )


@router.post("/race/sensitivity", response_model=SensitivityResponse)
async def sensitivity_race(request: Request, req: SensitivityRequest) -> Response:
    """Sobol indices (first-order and total) of the catch-up month: what matters most."""
    return await run_json(
        _sensitivity,
        request,
        req,
        timeout_s=request.app.state.timeout_s,
        limiter=request.app.state.sim_limiter,
    )
