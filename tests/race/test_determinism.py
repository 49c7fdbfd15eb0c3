"""Same scenario and seed -> bit-identical results, whatever the chunking or backend."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armsrace.race.backends import DaskBackend, ThreadBackend
from armsrace.race.runner import simulate
from armsrace.race.sampling import BLOCK_RUNS, block_seed, normalize_seed


def _same(a: Any, b: Any) -> None:
    assert a.counts.n_runs == b.counts.n_runs
    for name in ("catchup_hist", "parity_hist", "ahead_counts", "output_hist", "stock_hist"):
        np.testing.assert_array_equal(getattr(a.counts, name), getattr(b.counts, name))
    assert json.dumps(a.to_dict(), sort_keys=True) == json.dumps(b.to_dict(), sort_keys=True)


def test_seed_normaliser_accepts_every_form() -> None:
    assert normalize_seed(0).entropy == 0  # 0 is a seed, not "no seed"
    ss = np.random.SeedSequence(5)
    assert normalize_seed(ss) is ss
    g1 = normalize_seed(np.random.default_rng(1))
    g2 = normalize_seed(np.random.default_rng(1))
    assert g1.entropy == g2.entropy
    assert normalize_seed(None).entropy != normalize_seed(None).entropy
    with pytest.raises(ValueError):
        normalize_seed(-1)


def test_block_seed_is_the_kth_spawned_child() -> None:
    root = np.random.SeedSequence(123)
    children = np.random.SeedSequence(123).spawn(5)
    for k in range(5):
        a = block_seed(root, k).generate_state(4)
        np.testing.assert_array_equal(a, children[k].generate_state(4))


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), chunk=st.integers(min_value=1, max_value=3))
def test_chunking_and_threads_never_change_results(
    resolved_default: Any, seed: int, chunk: int
) -> None:
    runs = 2 * BLOCK_RUNS + 77
    base = simulate(resolved_default, runs=runs, seed=seed, keep_paths=False)
    chunked = simulate(resolved_default, runs=runs, seed=seed, chunk_blocks=chunk, keep_paths=False)
    threaded = simulate(
        resolved_default,
        runs=runs,
        seed=seed,
        backend=ThreadBackend(2),
        chunk_blocks=chunk,
        keep_paths=False,
    )
    _same(base, chunked)
    _same(base, threaded)


def test_kept_paths_and_streaming_summaries_agree(resolved_default: Any) -> None:
    full = simulate(resolved_default, runs=3000, seed=11, keep_paths=True)
    stream = simulate(resolved_default, runs=3000, seed=11, keep_paths=False)
    _same(full, stream)
    ds = full.to_xarray()
    assert ds["output"].dims == ("run", "month", "side", "item")
    assert ds.sizes["run"] == 3000
    # the Dataset's per-run catch-up months give the same histogram as the summary
    for i, item in enumerate(full.layout.items):
        months = ds["catch_up_month"].sel(item=item).to_numpy()
        hist = np.bincount(months, minlength=full.layout.horizon + 1)
        np.testing.assert_array_equal(hist, full.counts.catchup_hist[i])
    with pytest.raises(ValueError):
        stream.to_xarray()


def test_dask_local_cluster_gives_identical_results(
    resolved_default: Any, dask_client: Any
) -> None:
    runs = 3 * BLOCK_RUNS + 5
    local = simulate(resolved_default, runs=runs, seed=2026, keep_paths=False)
    seen: list[tuple[int, int]] = []
    backend = DaskBackend(client=dask_client)
    remote = simulate(
        resolved_default,
        runs=runs,
        seed=2026,
        backend=backend,
        chunk_blocks=1,
        progress=lambda d, t: seen.append((d, t)),
        keep_paths=False,
    )
    _same(local, remote)
    assert seen[-1] == (4, 4)
    assert len(dask_client.scheduler_info()["workers"]) == 2


def test_cli_json_identical_in_process_and_on_a_dask_cluster(cli: Any, dask_client: Any) -> None:
    args = ("simulate", "--runs", "5000", "--seed", "7", "--format", "json")
    here = cli(*args)
    there = cli(*args, "--scheduler", dask_client.scheduler.address)
    assert here.exit_code == 0, here.stderr
    assert there.exit_code == 0, there.stderr
    assert json.loads(here.stdout) == json.loads(there.stdout)
    assert here.stdout == there.stdout
