"""Load benchmark of ``armsrace serve`` on loopback, printed in one run.

Starts ``armsrace serve`` as its own process on a free loopback port and measures:

1. **first view**: seconds from starting the process to the Targets view being interactive
   in headless chromium (the page's ``data-ready`` flag; the store is warm: built before);
2. **baseline**: one client for ``--baseline`` seconds, the same request mix;
3. **load**: ``--clients`` concurrent clients (threads with their own keep-alive
   connection) for ``--duration`` seconds, each stopping at the deadline or after
   ``--max-requests`` requests, every request bounded by a 60 s timeout.

The mix, drawn per client from a seeded generator: fact queries (``/api/facts`` with
filters, ``/api/spending``) 45%, target views (``/api/targets`` with a growth and entities)
45%, ``--sim-runs``-run simulations (``/api/race/simulate``, a fresh seed each) 10%.

Prints requests/s, p50/p95/p99 latency and errors per kind for both phases, the load/baseline
latency ratios, and the targets of issue 11 (0 errors; p95 <= 150 ms for fact and target
queries and <= 3 s for a 20,000-run simulation with 16 clients on 2 cores; first view <= 2 s).
The machine is shared: the load average before and after is printed with the results.

Usage: python bench/serve_load.py [--duration 60] [--clients 16] [--baseline 10]
       [--sim-runs 20000] [--max-requests 100000] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("fact", "target", "simulation")
TARGET_P95_S = {"fact": 0.150, "target": 0.150, "simulation": 3.0}


def start_server(db: Path | None) -> tuple[subprocess.Popen[str], str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    if db is not None:
        env["ARMSRACE_DB"] = str(db)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "armsrace", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:\d+", line)
    if m is None:
        proc.kill()
        raise SystemExit(f"the server did not print its URL: {line!r}")
    return proc, m.group(0), t0


def start_and_open(db: Path, browser: bool) -> tuple[subprocess.Popen[str], str, dict[str, float]]:
    """Start the server; with ``browser``, chromium is launched first (not timed) and the
    time until the first view is interactive is measured from the server's start."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    times: dict[str, float] = {}
    if not browser or not Path(chromium).exists():
        proc, url, t0 = start_server(db)
        times["url printed"] = time.perf_counter() - t0
        return proc, url, times
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = b.new_page()
        proc, url, t0 = start_server(db)
        try:
            times["url printed"] = time.perf_counter() - t0
            page.goto(url + "/")
            page.wait_for_selector("#view-targets[data-ready='1'] .main-svg", timeout=60_000)
            times["first view interactive"] = time.perf_counter() - t0
        except BaseException:
            proc.terminate()  # never leave the server behind
            raise
        finally:
            b.close()
    return proc, url, times


def request(client: httpx.Client, kind: str, rng: random.Random, sim_runs: int) -> int:
    if kind == "fact":
        if rng.random() < 0.5:
            entity = rng.choice(["POL", "DEU", "USA", "FRA", "GBR", "RUS", "ITA", "ESP"])
            r = client.get(
                "/api/facts",
                params={"entity": entity, "indicator": "milex_share_gdp", "year_from": 2014},
            )
        else:
            ents = rng.sample(["RUS", "USA", "DEU", "POL", "FRA", "GBR", "CHN", "UKR"], 4)
            r = client.get("/api/spending", params={"entity": ents, "definition": "SIPRI"})
    elif kind == "target":
        r = client.get(
            "/api/targets",
            params={
                "growth_pct": rng.choice([0.5, 1.0, 1.5, 2.0, 2.5]),
                "entity": rng.sample(["NATO", "NATO_EUCA", "POL", "DEU", "USA", "FRA"], 2),
            },
        )
    else:
        r = client.post(
            "/api/race/simulate",
            json={
                "scenario": "nato-hague-vs-russia",
                "runs": sim_runs,
                "seed": rng.randrange(2**31),
                "challenger_share_pct": rng.choice([3.5, 4.0, 5.0]),
                "challenger_year": rng.choice([2030, 2035]),
            },
        )
    return r.status_code


def phase(
    url: str, clients: int, duration: float, max_requests: int, sim_runs: int
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    lat: dict[str, list[float]] = {k: [] for k in KINDS}
    errors: dict[str, int] = dict.fromkeys(KINDS, 0)
    lock = threading.Lock()
    deadline = time.perf_counter() + duration
    per_client = max(1, max_requests // clients)

    def worker(n: int) -> None:
        rng = random.Random(1000 + n)
        with httpx.Client(base_url=url, timeout=60) as client:
            for _ in range(per_client):
                if time.perf_counter() >= deadline:
                    return
                x = rng.random()
                kind = "fact" if x < 0.45 else "target" if x < 0.90 else "simulation"
                t = time.perf_counter()
                try:
                    status = request(client, kind, rng, sim_runs)
                except httpx.HTTPError:
                    status = 599
                dt = time.perf_counter() - t
                with lock:
                    lat[kind].append(dt)
                    if status != 200:
                        errors[kind] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors, time.perf_counter() - start


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def report(title: str, lat: dict[str, list[float]], errors: dict[str, int], wall: float) -> None:
    total = sum(len(v) for v in lat.values())
    print(f"\n{title}: {total} requests in {wall:.1f} s = {total / wall:.1f} req/s")
    print(
        f"  {'kind':<11} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    for k in KINDS:
        v = lat[k]
        print(
            f"  {k:<11} {len(v):>6} {len(v) / wall:>7.1f} {pct(v, 50) * 1e3:>8.1f} "
            f"{pct(v, 95) * 1e3:>8.1f} {pct(v, 99) * 1e3:>8.1f} {errors[k]:>6}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--baseline", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--sim-runs", type=int, default=20_000)
    ap.add_argument("--max-requests", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()

    from armsrace.facts.store import open_store
    from armsrace.settings import resolve

    db = args.db if args.db is not None else resolve().store_path()
    open_store(db).close()  # warm store: built before the clock starts
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}")
    proc, url, times = start_and_open(db, not args.no_browser)
    fv = times.get("first view interactive")
    print("start-up: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()))
    try:
        time.sleep(2.0)  # let the server's background warm-up (kernel compile) finish
        base = phase(url, 1, args.baseline, args.max_requests, args.sim_runs)
        report("baseline, 1 client", *base)
        load = phase(url, args.clients, args.duration, args.max_requests, args.sim_runs)
        report(f"load, {args.clients} clients", *load)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    print("\nlatency ratio load/baseline (p50, p95):")
    for k in KINDS:
        b, lo = base[0][k], load[0][k]
        if b and lo:
            print(f"  {k:<11} {pct(lo, 50) / pct(b, 50):6.1f}x {pct(lo, 95) / pct(b, 95):6.1f}x")
    errs = sum(load[1].values()) + sum(base[1].values())
    print("\ntargets (issue 11):")
    print(f"  errors: {errs} (target 0) -> {'met' if errs == 0 else 'MISSED'}")
    for k in KINDS:
        p95 = pct(load[0][k], 95)
        ok = p95 <= TARGET_P95_S[k]
        print(
            f"  p95 {k}: {p95 * 1e3:.0f} ms (target <= {TARGET_P95_S[k] * 1e3:.0f} ms) -> "
            f"{'met' if ok else 'MISSED'}"
        )
    if fv is not None:
        print(
            f"  first view interactive: {fv:.2f} s after start (target <= 2 s) -> "
            f"{'met' if fv <= 2.0 else 'MISSED'}"
        )
    else:
        print("  first view: not measured (no chromium or --no-browser)")


if __name__ == "__main__":
    main()
