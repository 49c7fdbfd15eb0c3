"""``create_app(store_path, settings) -> FastAPI``: the dashboard and its JSON API.

The page is one static file set served from the package (HTML, JS, CSS; plotly.js from the
installed plotly package): nothing is fetched from elsewhere, and the Content-Security-Policy
forbids the browser to try. The store is read from an in-memory copy that follows the file
(:mod:`armsrace.serve.snapshot`), so imports in another process go through while it runs.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from armsrace.errors import ArmsraceError, StoreError
from armsrace.serve.limits import RequestTimeoutError, body_limit_middleware
from armsrace.serve.models import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    from fastapi import FastAPI

    from armsrace.settings import Settings

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app", "static_dir"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: a JSON-wrapped 10 MB article plus escaping stays below this
MAX_BODY_BYTES = 2 * MAX_ARTICLE_BYTES + 65_536

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def static_dir() -> Path:
    return Path(str(resources.files("armsrace.serve") / "static"))


def plotly_js_path() -> Path:
    """plotly.min.js as shipped inside the installed plotly package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(
    store_path: str | Path,
    settings: Settings | None = None,
    *,
    request_timeout_s: float = 60.0,
    simulation_slots: int = 2,
    warm: bool = True,
) -> FastAPI:
    """The dashboard app over the store at ``store_path`` (built first if needed).

    ``simulation_slots`` simulations run at once (the rest queue); every request gives up
    with 504 after ``request_timeout_s``. ``warm`` compiles the race kernels in the
    background at start-up, so the first simulation does not pay for it.
    """
    import anyio
    from fastapi import FastAPI, Request
    from fastapi.responses import FileResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles

    from armsrace.facts.store import open_store
    from armsrace.provenance import version
    from armsrace.serve import claims_api, facts_api, race_api, targets_api
    from armsrace.serve.snapshot import SnapshotCache
    from armsrace.settings import Settings as _Settings

    path = Path(store_path)
    open_store(path).close()  # build or migrate the file now, not on the first request
    cfg = settings if settings is not None else _Settings(db_path=path)

    app = FastAPI(
        title="armsrace",
        version=version(),
        description="Sourced NATO–Russia spending and production facts, target gaps, the "
        "production-race simulator and the claim checker, as JSON. Every figure names its "
        "sources; a missing figure is null and listed as missing.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.snapshots = SnapshotCache(path)
    app.state.settings = cfg
    app.state.timeout_s = request_timeout_s
    app.state.sim_limiter = anyio.CapacityLimiter(simulation_slots)
    app.state.first_view_served = threading.Event()

    app.middleware("http")(body_limit_middleware(MAX_BODY_BYTES))

    @app.middleware("http")
    async def _headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(RequestTimeoutError)
    async def _timeout(request: Request, exc: RequestTimeoutError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=504)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(ArmsraceError)
    async def _bad(request: Request, exc: ArmsraceError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    for module in (facts_api, targets_api, race_api, claims_api):
        app.include_router(module.router, prefix="/api")

    static = static_dir()

    @app.get("/", include_in_schema=False)
    def _index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def _plotly() -> FileResponse:
        return FileResponse(plotly_js_path(), media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=static), name="static")

    if warm:
        threading.Thread(target=_warm, args=(app,), name="armsrace-warm", daemon=True).start()
    return app


def _warm(app: FastAPI) -> None:
    """Off the request path: copy the store and build what the first view asks for, then,
    once that view has been served (or after a few seconds), compile the race kernels."""
    from armsrace.race.runner import prepare, simulate
    from armsrace.serve.facts_api import build_meta
    from armsrace.serve.race_api import scenario_infos

    try:
        snap = app.state.snapshots.get()
        snap.cached(("meta",), lambda: build_meta(snap))
        app.state.first_view_served.wait(timeout=5.0)
        app.state.scenarios = scenario_infos()
        with snap.store() as store:
            resolved = prepare(None, store, app.state.settings)
        simulate(resolved, runs=200, seed=0, keep_paths=False)
    except ArmsraceError:  # the first real request reports the problem
        return
