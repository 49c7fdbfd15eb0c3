"""Shared fixtures: a fact store built from the packaged data, a CLI runner, a clean env."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs each property test on a fixed sequence of examples (derandomize), so a red CI
# names a reproducible case; locally the examples stay random and keep exploring.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def clean_environ(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No ARMSRACE_* leaks in; the default store goes to a temporary data dir."""
    for key in list(os.environ):
        if key.startswith("ARMSRACE_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))


@pytest.fixture(autouse=True)
def no_outbound_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails the test (in this process)."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and address:
            host = str(address[0])
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise AssertionError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file built once per session from the packaged CSVs (read-only use only)."""
    from armsrace.facts.store import build_store

    path = tmp_path_factory.mktemp("store") / "facts.duckdb"
    build_store(path)
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[object]:
    from armsrace.facts.store import open_store

    with open_store(store_path) as s:
        yield s


@pytest.fixture
def writable_store_path(store_path: Path, tmp_path: Path) -> Path:
    """A private copy of the session store that a test may write to."""
    dst = tmp_path / "facts.duckdb"
    shutil.copy(store_path, dst)
    return dst


class CliResult:
    def __init__(self, code: int, stdout: str, stderr: str, exception: BaseException | None):
        self.exit_code = code
        self.stdout = stdout
        self.stderr = stderr
        self.exception = exception


@pytest.fixture
def cli(store_path: Path):
    """Run the CLI in-process like the console script does; returns exit code and output."""
    from click.testing import CliRunner

    from armsrace.cli import app
    from armsrace.cli._output import run_app

    def invoke(*args: str, db: Path | None = store_path) -> CliResult:
        runner = CliRunner()
        argv = list(args)
        env = {"ARMSRACE_DB": str(db)} if db is not None else {}
        holder: dict[str, int] = {}

        def entry() -> None:
            holder["code"] = run_app(app, argv)

        import click

        cmd = click.Command("armsrace-test", callback=entry)
        res = runner.invoke(cmd, [], env=env, catch_exceptions=True)
        return CliResult(holder.get("code", res.exit_code), res.stdout, res.stderr, res.exception)

    return invoke
