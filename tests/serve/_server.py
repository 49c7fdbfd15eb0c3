"""A real uvicorn server on a free loopback port, over a private copy of the session store.

Shared by tests/serve and tests/e2e (their conftest files import the fixtures).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Running:
    url: str
    store_path: Path
    server: object


def start_server(store_path: Path, **kwargs: object) -> tuple[Running, threading.Thread]:
    import uvicorn

    from armsrace.serve import create_app

    app = create_app(store_path, **kwargs)  # type: ignore[arg-type]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise AssertionError("the server did not start within 20 s")
        time.sleep(0.02)
    return Running(f"http://127.0.0.1:{port}", store_path, server), thread


def stop_server(running: Running, thread: threading.Thread) -> None:
    running.server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=20)


@pytest.fixture(scope="module")
def served(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One server per test module (its own copy of the store), stopped when the module ends."""
    path = tmp_path_factory.mktemp("served") / "facts.duckdb"
    shutil.copy(store_path, path)
    running, thread = start_server(path)
    yield running
    stop_server(running, thread)


@pytest.fixture
def client(served: Running) -> Iterator[object]:
    import httpx

    with httpx.Client(base_url=served.url, timeout=60) as c:
        yield c
