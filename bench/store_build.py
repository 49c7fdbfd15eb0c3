"""Fact-store build time: the packaged data against the same data cut back to issue 8's start.

Usage::

    python bench/store_build.py [--repeat 3]

The baseline is built in the same run from a copy of the packaged CSVs whose observation
table keeps only what the store held before every SIPRI country and the 2026 releases were
loaded (the 36 countries and 2 blocs of the first release, no SIPRI totals, no SIPRI 2026 or
NATO July 2026 rows). Prints the best of ``--repeat`` builds of each and their ratio. Tests
build the store once per session, so this ratio is what a test session pays.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import time
from pathlib import Path

FIRST_ENTITIES = {
    *[
        "BEL",
        "CAN",
        "DNK",
        "FRA",
        "ISL",
        "ITA",
        "LUX",
        "NLD",
        "NOR",
        "PRT",
        "GBR",
        "USA",
        "GRC",
        "TUR",
        "DEU",
        "ESP",
        "CZE",
        "HUN",
        "POL",
    ],
    *[
        "BGR",
        "EST",
        "LVA",
        "LTU",
        "ROU",
        "SVK",
        "SVN",
        "ALB",
        "HRV",
        "MNE",
        "MKD",
        "FIN",
        "SWE",
        "RUS",
        "UKR",
        "BLR",
        "CHN",
        "NATO",
        "NATO_EUCA",
    ],
}
NEW_RELEASES = {"SIPRI 2026", "NATO 2026-07"}


def baseline_dir(packaged: Path, into: Path) -> Path:
    """A copy of ``packaged`` whose observations are cut back to the first release's scope."""
    out = into / "baseline"
    shutil.copytree(packaged, out)
    obs = out / "observations.csv"
    with open(obs, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = [
            r for r in reader if r["entity"] in FIRST_ENTITIES and r["release"] not in NEW_RELEASES
        ]
    with open(obs, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out


def best_build_s(data_dir: Path, work: Path, repeat: int) -> float:
    from armsrace.facts.store import build_store

    best = float("inf")
    for i in range(repeat):
        target = work / f"{data_dir.name}-{i}.duckdb"
        start = time.perf_counter()
        build_store(target, data_dir=data_dir)
        best = min(best, time.perf_counter() - start)
    return best


def rows(data_dir: Path) -> int:
    with open(data_dir / "observations.csv", encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


def main() -> None:
    from armsrace.facts.store import packaged_data_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    packaged = packaged_data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = baseline_dir(packaged, work)
        warm = work / "warm-up"
        warm.mkdir()
        best_build_s(base, warm, 1)  # imports and first-use costs, not timed
        t_base = best_build_s(base, work, args.repeat)
        t_now = best_build_s(packaged, work, args.repeat)
        print(f"baseline (first-release scope): {rows(base):>6} observations, {t_base:.3f} s")
        print(f"packaged data now:              {rows(packaged):>6} observations, {t_now:.3f} s")
        print(f"ratio now / baseline: {t_now / t_base:.2f}")


if __name__ == "__main__":
    main()
