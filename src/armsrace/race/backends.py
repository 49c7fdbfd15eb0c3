"""Where chunks of work run: in-process (default), a thread pool, or a Dask cluster.

Backends only *execute*; results come back in task order and are merged by the caller, so
the choice never changes a number. Dask is imported lazily (only when asked for).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

__all__ = ["Backend", "DaskBackend", "LocalBackend", "ThreadBackend", "get_backend"]

Progress = Callable[[int, int], None]


class Backend(Protocol):
    """Runs ``fn(task)`` for every task and returns the results in task order."""

    name: str

    @property
    def workers(self) -> int: ...

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        progress: Progress | None = None,
        consume: Callable[[int, Any], None] | None = None,
    ) -> list[Any]:
        """Results in task order; with ``consume``, each ``(index, result)`` is handed over
        as it arrives instead (and the returned list holds ``None``), keeping memory flat."""
        ...


class LocalBackend:
    """In this process, one task after another."""

    name = "local"

    @property
    def workers(self) -> int:
        return 1

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        progress: Progress | None = None,
        consume: Callable[[int, Any], None] | None = None,
    ) -> list[Any]:
        out: list[Any] = []
        for k, task in enumerate(tasks):
            res = fn(task)
            out.append(_keep(k, res, consume))
            if progress is not None:
                progress(k + 1, len(tasks))
        return out


class ThreadBackend:
    """In this process, on ``workers`` threads (NumPy releases the GIL inside its loops)."""

    name = "threads"

    def __init__(self, workers: int = 2):
        self._workers = workers

    @property
    def workers(self) -> int:
        return self._workers

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        progress: Progress | None = None,
        consume: Callable[[int, Any], None] | None = None,
    ) -> list[Any]:
        from concurrent.futures import ThreadPoolExecutor, as_completed

        results: list[Any] = [None] * len(tasks)
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            futures = {pool.submit(fn, t): k for k, t in enumerate(tasks)}
            for done, fut in enumerate(as_completed(futures), start=1):
                k = futures[fut]
                results[k] = _keep(k, fut.result(), consume)
                del fut
                if progress is not None:
                    progress(done, len(tasks))
        return results


class DaskBackend:
    """On a Dask distributed cluster: an existing ``client``, a scheduler ``address``, or a
    ``LocalCluster`` of ``workers`` single-threaded processes started here (and closed by
    :meth:`close`)."""

    name = "dask"

    def __init__(
        self,
        *,
        client: Any = None,
        address: str | None = None,
        workers: int | None = None,
    ):
        self._client = client
        self._address = address
        self._n_workers = workers
        self._cluster: Any = None
        self._own = client is None

    @property
    def client(self) -> Any:
        if self._client is None:
            from armsrace.errors import MissingExtraError

            try:
                from distributed import Client, LocalCluster
            except ImportError as exc:  # pragma: no cover - dask is a dependency
                raise MissingExtraError("dask[distributed]") from exc
            if self._address is not None:
                self._client = Client(self._address)
            else:
                self._cluster = LocalCluster(
                    n_workers=self._n_workers or 2,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                )
                self._client = Client(self._cluster)
        return self._client

    @property
    def workers(self) -> int:
        info = self.client.scheduler_info()
        return max(1, len(info.get("workers", {})))

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        progress: Progress | None = None,
        consume: Callable[[int, Any], None] | None = None,
    ) -> list[Any]:
        from distributed import as_completed

        client = self.client
        futures = [client.submit(fn, t, pure=False) for t in tasks]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Any] = [None] * len(tasks)
        pending = as_completed(futures)
        del futures  # so each result is released once consumed
        for done, fut in enumerate(pending, start=1):
            k = index[fut.key]
            results[k] = _keep(k, fut.result(), consume)
            fut.release()
            if progress is not None:
                progress(done, len(tasks))
        return results

    def close(self) -> None:
        if self._own and self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _keep(k: int, result: Any, consume: Callable[[int, Any], None] | None) -> Any:
    if consume is None:
        return result
    consume(k, result)
    return None


def get_backend(
    backend: str | Backend | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Backend:
    """Choose a backend by name (``local``, ``threads``, ``dask``) or by the CLI options:
    ``scheduler`` -> Dask at that address; ``workers`` -> a local Dask cluster."""
    if backend is not None and not isinstance(backend, str):
        return backend
    if backend is None:
        if scheduler is not None:
            return DaskBackend(address=scheduler)
        if workers is not None:
            return DaskBackend(workers=workers)
        return LocalBackend()
    if backend == "local":
        return LocalBackend()
    if backend == "threads":
        return ThreadBackend(workers or 2)
    if backend == "dask":
        return DaskBackend(address=scheduler, workers=workers)
    raise ValueError(f"unknown backend {backend!r}; use local, threads or dask")
