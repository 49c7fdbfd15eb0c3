"""Bounds on what one request may cost: body size and wall-clock time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from armsrace.errors import ArmsraceError

if TYPE_CHECKING:
    import anyio
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["RequestTimeoutError", "body_limit_middleware", "run_bounded", "run_json"]

T = TypeVar("T")


class RequestTimeoutError(ArmsraceError):
    """A request ran past the server's time limit (answered with 504)."""


async def run_bounded(
    fn: Callable[..., T],
    *args: Any,
    timeout_s: float,
    limiter: anyio.CapacityLimiter | None = None,
) -> T:
    """Run blocking ``fn`` on a worker thread; give up (504) after ``timeout_s`` seconds.

    The thread is abandoned, not killed: its result is dropped. Work that could run long
    (simulations) is bounded in size as well, so an abandoned thread ends on its own.
    """
    import anyio

    try:
        with anyio.fail_after(timeout_s):
            return await anyio.to_thread.run_sync(
                lambda: fn(*args), limiter=limiter, abandon_on_cancel=True
            )
    except TimeoutError:
        raise RequestTimeoutError(
            f"the request took longer than the server's {timeout_s:g} s limit; "
            "ask for fewer runs or a smaller design"
        ) from None


async def run_json(
    fn: Callable[..., Any],
    *args: Any,
    timeout_s: float,
    limiter: anyio.CapacityLimiter | None = None,
) -> Response:
    """:func:`run_bounded` for a route returning a pydantic model: the JSON is written on
    the worker thread by pydantic's own serializer (NaN -> null), off the event loop."""
    from pydantic import BaseModel
    from starlette.responses import Response

    def call() -> Response:
        out = fn(*args)
        if isinstance(out, BaseModel):
            return Response(out.model_dump_json(), media_type="application/json")
        from pydantic import TypeAdapter

        return Response(TypeAdapter(Any).dump_json(out), media_type="application/json")

    return await run_bounded(call, timeout_s=timeout_s, limiter=limiter)


def body_limit_middleware(
    max_bytes: int,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """Refuse (413) a request whose declared body is larger than ``max_bytes``."""

    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        from starlette.responses import JSONResponse

        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_bytes):
            return JSONResponse(
                {"detail": f"request body over the {max_bytes:,}-byte limit"}, status_code=413
            )
        if length is None and request.method in ("POST", "PUT", "PATCH"):
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > max_bytes:
                    return JSONResponse(
                        {"detail": f"request body over the {max_bytes:,}-byte limit"},
                        status_code=413,
                    )
            request._body = body  # the stream is consumed; hand the bytes to the route
        return await call_next(request)

    return middleware
