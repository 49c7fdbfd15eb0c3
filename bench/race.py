"""Benchmark of the race engine, printed in one run.

Compares, on the default scenario (6 items, 2 sides, 120 months):

- the vectorised engine with streaming summaries (``--runs``, default 1,000,000, on
  ``--backend``), and a 100,000-run end-to-end run on one core and on two threads,
- the same model as a plain per-run Python loop (``armsrace.race._reference``),
- PySD running the same model (``tests/race/race_model.mdl``, Euler, 1-month step);

and reports item·run·months per second for each, the ratios, peak memory, and the fraction
of this machine's compute ceiling: the model's cost is bound by one ``log`` and one ``exp``
per side, item, run and month (Wright's-law power), so the ceiling is NumPy's measured
exp + log throughput divided by those four transcendental calls per item·run·month. The
engine makes exactly those calls, with NumPy's own ufuncs on the same kind of cache-sized
arrays; everything else it does (the rest of the equations, fused into one numba pass per
month, the bookkeeping, the Python loop) counts against it.

The machine is shared: the load average printed with the results says how much other work
competed for the cores during the run.

Structure (issue 10): the engine alone on the same block of runs, as it was before the
optional structure existed (its source read from git at ``--baseline-rev`` and loaded beside
the current one), now with the structure off (the default scenario: the unchanged fast
kernel), and now with every structural part on (``nato-hague-vs-russia-structure``), plus the
structure scenario end to end at ``--structure-runs`` runs for its peak memory; printed as
ratios (targets: off within 10% of before, all on at most 1.5x slower).

Usage: python bench/race.py [--runs N] [--backend local|threads|dask] [--workers N]
                            [--baseline-rev REV] [--structure-runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MDL = ROOT / "tests" / "race" / "race_model.mdl"
TRANSCENDENTAL_PER_IRM = 4  # 2 sides x (1 log + 1 exp) per item·run·month


def _best(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def exp_log_ceiling(n: int = 12288, loops: int = 400) -> tuple[float, float]:
    """NumPy exp and log throughput (elements/s) on cache-sized float64 arrays, like the
    engine's tiles (values in the engine's range)."""
    x = np.random.default_rng(0).uniform(1e2, 1e7, n)
    y = np.empty_like(x)
    z = np.log(x) * -0.2

    def run_exp() -> None:
        for _ in range(loops):
            np.exp(z, out=y)

    def run_log() -> None:
        for _ in range(loops):
            np.log(x, out=y)

    return n * loops / _best(run_exp), n * loops / _best(run_log)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=1_000_000)
    ap.add_argument("--backend", default="local", choices=["local", "threads", "dask"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--loop-runs", type=int, default=100)
    ap.add_argument("--pysd-runs", type=int, default=300)
    ap.add_argument("--baseline-rev", default="6516905^")
    ap.add_argument("--structure-runs", type=int, default=1_000_000)
    args = ap.parse_args(argv)

    from armsrace.facts import open_store
    from armsrace.race._reference import reference_run
    from armsrace.race.backends import get_backend
    from armsrace.race.inputs import draw_values, inputs_from_values
    from armsrace.race.runner import prepare, simulate
    from armsrace.race.sampling import block_seed, normalize_seed
    from armsrace.settings import resolve

    store = open_store(resolve().store_path())
    resolved = prepare(None, store)
    items = len(resolved.item_ids)
    months = resolved.horizon_months
    rss_before = peak_rss_mib()

    # 1. the engine, streaming summaries, at scale (one long run: the wall-clock target)
    simulate(resolved, runs=8192, seed=0, keep_paths=False)  # warm-up
    backend = get_backend(args.backend, workers=args.workers)
    t0 = time.perf_counter()
    # start the cluster (if any) and warm its workers (imports, compiled kernels loaded) outside
    # the timed run; the start-up time is printed
    if args.backend != "local":
        simulate(resolved, runs=4 * 4096 * backend.workers, seed=0, backend=backend)
    t_start = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = simulate(resolved, runs=args.runs, seed=1, backend=backend, keep_paths=False)
    t_engine = time.perf_counter() - t0
    rss_engine = peak_rss_mib()
    if hasattr(backend, "close"):
        backend.close()
    irm = args.runs * months * items
    rate_engine = irm / t_engine

    # the same, end to end, best of 3 shorter runs (less exposed to other load on the machine),
    # on one core and on two threads (the same numbers: the backend never changes a result)
    short = min(args.runs, 100_000)
    t_short = _best(lambda: simulate(resolved, runs=short, seed=5, keep_paths=False), repeat=3)
    rate_best = short * months * items / t_short
    threads = get_backend("threads", workers=2)
    t_short2 = _best(
        lambda: simulate(resolved, runs=short, seed=5, backend=threads, keep_paths=False), repeat=3
    )
    rate_best2 = short * months * items / t_short2

    # engine alone on one block (one core), for the ceiling comparison
    from armsrace.race.engine import run_engine

    inputs = inputs_from_values(
        resolved, draw_values(resolved, block_seed(normalize_seed(2), 0), 4096)
    )
    t_block = _best(lambda: run_engine(inputs, snap_months=np.array([0, months - 1])), repeat=5)
    rate_core = 4096 * months * items / t_block

    # 2. plain per-run Python loop of the same model (median per run)
    loop_inputs = inputs_from_values(
        resolved, draw_values(resolved, block_seed(normalize_seed(3), 0), args.loop_runs)
    )
    loop_times = []
    for run in range(args.loop_runs):
        t0 = time.perf_counter()
        reference_run(loop_inputs, run)
        loop_times.append(time.perf_counter() - t0)
    t_loop_run = float(np.median(loop_times))
    rate_loop = months * items / t_loop_run

    # 3. PySD on the same model (one side·item per PySD run: 2 x items runs per model run)
    rate_pysd = float("nan")
    t_pysd_run = float("nan")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import shutil
            import tempfile

            import pysd

            tmp = Path(tempfile.mkdtemp()) / MDL.name
            shutil.copy(MDL, tmp)
            model = pysd.read_vensim(str(tmp))
            rng = np.random.default_rng(4)
            model.run(return_columns=["output"], final_time=months - 1)
            pysd_times = []
            for _ in range(args.pysd_runs):
                params = {"LR": float(rng.uniform(0.8, 1.0)), "L": float(rng.uniform(10, 40))}
                t0 = time.perf_counter()
                model.run(params=params, return_columns=["output", "stock"], final_time=months - 1)
                pysd_times.append(time.perf_counter() - t0)
            t_side_item = float(np.median(pysd_times))
        t_pysd_run = t_side_item * 2 * items  # one full model run = 2 sides x items
        rate_pysd = months * items / t_pysd_run
    except ImportError:
        pass

    # 4. the compute ceiling of this machine
    exp_rate, log_rate = exp_log_ceiling()
    per_core_ceiling = 1.0 / (TRANSCENDENTAL_PER_IRM / 2 * (1 / exp_rate + 1 / log_rate))
    cores = args.workers if args.backend != "local" else 1
    ceiling = per_core_ceiling * cores

    print(
        f"armsrace race benchmark — scenario {resolved.name}: "
        f"{items} items x 2 sides x {months} months"
    )
    load = os.getloadavg()[0]
    print(
        f"machine: {os.cpu_count()} cores, load average {load:.2f} (other work shares them); "
        f"numpy {np.__version__}; backend {args.backend}"
        + (
            f" x {args.workers} (started and warmed in {t_start:.1f} s)"
            if args.backend != "local"
            else ""
        )
    )
    print()
    head = f"{'implementation':<40}{'runs':>11}{'seconds':>9}{'item·run·months/s':>19}{'s/run':>11}"
    print(head)
    rows = [
        ("engine + streaming summaries (wall)", args.runs, t_engine, rate_engine),
        ("engine + streaming, best of 3", short, t_short, rate_best),
        ("  the same on 2 threads, best of 3", short, t_short2, rate_best2),
        ("engine alone, one block, best of 5", 4096, t_block, rate_core),
        ("plain Python loop (median run)", 1, t_loop_run, rate_loop),
        ("PySD, Euler dt=1 month (median run)", 1, t_pysd_run, rate_pysd),
    ]
    for name, n, sec, rate in rows:
        print(f"{name:<40}{n:>11,}{sec:>9.3g}{rate:>19.3e}{sec / n:>11.2e}")
    print()
    print(
        f"PySD: median {t_pysd_run / (2 * items) * 1e3:.2f} ms per side·item run of {months} months "
        f"({args.pysd_runs} runs); a full model run = {2 * items} of them"
    )
    print(
        f"speed-up per run vs plain Python loop: {rate_best / rate_loop:,.0f}x "
        f"(wall: {rate_engine / rate_loop:,.0f}x)"
    )
    print(
        f"speed-up per run vs PySD:              {rate_best / rate_pysd:,.0f}x "
        f"(wall: {rate_engine / rate_pysd:,.0f}x)   (target >= 3,000x)"
    )
    print(
        f"scale target: {t_engine:.1f} s for {args.runs:,} runs (target < 20 s at 1,000,000); "
        f"peak memory {rss_engine:.0f} MiB (target < 1024 MiB; {rss_before:.0f} MiB before)"
    )
    print(
        f"numpy exp {exp_rate:.3e}/s, log {log_rate:.3e}/s per core -> ceiling "
        f"{per_core_ceiling:.3e} item·run·months/s per core "
        f"({TRANSCENDENTAL_PER_IRM} exp/log per item·run·month)"
    )
    print(
        f"fraction of the compute ceiling: engine alone {rate_core / per_core_ceiling:.0%} "
        f"(1 core); end to end best {rate_best / per_core_ceiling:.0%} (1 core); wall "
        f"{rate_engine / ceiling:.0%} ({cores} core{'s' if cores > 1 else ''}) (target >= 50%)"
    )
    print(
        f"two cores: 2 threads {t_short / t_short2:.2f}x one core end to end "
        f"({rate_best2 / (2 * per_core_ceiling):.0%} of the 2-core ceiling)"
    )
    _structure_bench(args, store, inputs, months, items)
    table = result.catchup_table()
    shells = table[table["item"] == "artillery_ammunition"].iloc[0]
    print(
        f"check: P(NATO out-produces Russia in shells by 2035) = {shells['p_catch_up']:.3f}, "
        f"median {shells['catch_up_median']}"
    )
    return 0


def _engine_before(rev: str):  # type: ignore[no-untyped-def]
    """``run_engine`` as it was at git ``rev`` (None when git or the revision is missing)."""
    import importlib.util
    import subprocess
    import tempfile

    try:
        src = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:src/armsrace/race/engine.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "engine_before.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("engine_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run_engine


def _structure_bench(args, store, inputs, months: int, items: int) -> None:  # type: ignore[no-untyped-def]
    from armsrace.race.engine import run_engine
    from armsrace.race.inputs import draw_values, inputs_from_values
    from armsrace.race.runner import prepare, simulate
    from armsrace.race.sampling import block_seed, normalize_seed

    snaps = np.array([0, months - 1])
    structured = prepare("nato-hague-vs-russia-structure", store)
    s_inputs = inputs_from_values(
        structured, draw_values(structured, block_seed(normalize_seed(2), 0), 4096)
    )
    before = _engine_before(args.baseline_rev)
    from dataclasses import replace

    stripped = replace(s_inputs, structure=None)  # the same runs, the structure switched off
    # interleaved, best of 7 each, in CPU time of this process (one thread): they share
    # whatever load the machine has, and CPU time is far less exposed to it than wall time
    runs = {
        "before": None if before is None else (lambda: before(inputs, snap_months=snaps)),
        "off": lambda: run_engine(inputs, snap_months=snaps),
        "stripped": lambda: run_engine(stripped, snap_months=snaps),
        "on": lambda: run_engine(s_inputs, snap_months=snaps),
    }
    times = {k: float("inf") for k in runs}
    for _ in range(7):
        for name, fn in runs.items():
            if fn is None:
                continue
            t0 = time.process_time()
            fn()
            times[name] = min(times[name], time.process_time() - t0)
    irm = 4096 * months * items
    print()
    print(
        f"structure (engine alone, one block of 4,096 runs, {items} items, best of 7 "
        "interleaved, CPU seconds):"
    )
    labels = {
        "before": f"default scenario, engine before the structure (git {args.baseline_rev})",
        "off": "default scenario, now (structure off: fast kernel)",
        "stripped": "structure scenario's runs with the structure stripped",
        "on": "structure scenario, all structure on",
    }
    for name, label in labels.items():
        if times[name] < float("inf"):
            rate = irm / times[name] / items
            print(f"  {label:<72}{times[name]:>7.3f} s {rate:>10.3e} run·months/s per item")
    if times["before"] < float("inf"):
        print(
            f"  off vs before: {times['before'] / times['off']:.2f}x the throughput "
            "(target >= 0.90)"
        )
    print(
        f"  all on vs the same runs stripped: {times['on'] / times['stripped']:.2f}x the time "
        f"(target <= 1.5); vs the default scenario: {times['on'] / times['off']:.2f}x"
    )
    rss0 = peak_rss_mib()
    t0 = time.perf_counter()
    simulate(structured, runs=args.structure_runs, seed=1, keep_paths=False)
    t_struct = time.perf_counter() - t0
    print(
        f"  structure scenario end to end: {args.structure_runs:,} runs in {t_struct:.1f} s; "
        f"peak memory {peak_rss_mib():.0f} MiB (target < 1024 MiB; {rss0:.0f} MiB before)"
    )


if __name__ == "__main__":
    sys.exit(main())
