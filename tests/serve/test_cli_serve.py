"""`armsrace serve` as a user runs it: a process that prints its URL and answers there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx


def _serve(store_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ARMSRACE_DB": str(store_path), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-m", "armsrace", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_serve_prints_its_loopback_url_and_answers(store_path: Path) -> None:
    proc = _serve(store_path)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        r = httpx.get(m.group(0) + "api/meta", timeout=60)
        assert r.status_code == 200 and "POL" in r.json()["allies"]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "warning" not in err


def test_serve_warns_when_bound_beyond_loopback(store_path: Path) -> None:
    proc = _serve(store_path, "--host", "0.0.0.0")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "http://0.0.0.0:" in line
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "warning" in err and "other machines" in err
