"""bench/serve_load.py runs in CI too: a short, bounded load on loopback with no errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "serve_load.py"


@pytest.mark.slow
def test_short_load_run_has_no_errors(store_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--duration",
            "4",
            "--baseline",
            "2",
            "--clients",
            "4",
            "--sim-runs",
            "2000",
            "--no-browser",
            "--db",
            str(store_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    # every request kind was served under load, and none failed
    rows = re.findall(r"^\s+(fact|target|simulation)\s+(\d+)\s.*\s(\d+)$", out, re.M)
    load_rows = rows[-3:]
    assert {kind for kind, _, _ in load_rows} == {"fact", "target", "simulation"}, out
    assert all(int(n) > 0 for _, n, _ in load_rows), out
    assert all(errors == "0" for _, _, errors in rows), out
    assert "errors: 0 (target 0) -> met" in out
