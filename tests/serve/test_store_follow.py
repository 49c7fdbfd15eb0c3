"""A `data import` in another process succeeds while the server runs, and the server then
serves the new rows without a restart."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from tests.serve._server import start_server, stop_server


def test_import_in_another_process_while_serving(store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "facts.duckdb"
    shutil.copy(store_path, path)
    running, thread = start_server(path, warm=False)
    stop = threading.Event()
    errors: list[str] = []

    def hammer() -> None:  # keep the server reading while the import runs
        with httpx.Client(base_url=running.url, timeout=30) as c:
            while not stop.is_set():
                r = c.get("/api/facts", params={"entity": "POL", "year_from": 2026})
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {r.text[:200]}")

    try:
        q = {"entity": "POL", "indicator": "milex_share_gdp", "year_from": 2026}
        before = httpx.get(f"{running.url}/api/facts", params=q).json()
        assert all(r["source_id"] != "serve-test" for r in before["rows"])
        readers = [threading.Thread(target=hammer) for _ in range(3)]
        for t in readers:
            t.start()
        f = tmp_path / "mine.csv"
        f.write_text(
            "entity,year,indicator,value,unit,source_id,source_publisher,source_title,source_url\n"
            "POL,2026,milex_share_gdp,4.7,pct_gdp,serve-test,Me,A note,https://example.org/n\n",
            encoding="utf-8",
        )
        env = {**os.environ, "ARMSRACE_DB": str(path), "PYTHONPATH": os.pathsep.join(sys.path)}
        res = subprocess.run(
            [sys.executable, "-m", "armsrace", "data", "import", str(f)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        stop.set()
        for t in readers:
            t.join()
        assert res.returncode == 0, res.stderr
        assert "imported 1 observation row(s)" in res.stderr
        after = httpx.get(f"{running.url}/api/facts", params=q).json()
        assert after["total"] == before["total"] + 1
        mine = [r for r in after["rows"] if r["source_id"] == "serve-test"]
        assert len(mine) == 1 and mine[0]["value"] == 4.7
        assert "serve-test" in [s["source_id"] for s in after["sources"]]
        assert errors == []
    finally:
        stop.set()
        stop_server(running, thread)
