"""The packaged CSVs are exactly what the build script derives from the reference data."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# shared/ sits beside the checkout (CI, the main checkout) or beside the worktrees' folder
CANDIDATES = [
    ROOT.parent / "shared" / "reference-data",
    ROOT.parents[1] / "shared" / "reference-data",
]
REFERENCE = next((p for p in CANDIDATES if (p / "primary").is_dir()), CANDIDATES[0])
PACKAGED = ROOT / "src" / "armsrace" / "facts" / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REFERENCE / "primary").is_dir():
        pytest.skip(f"reference data not beside the checkout ({REFERENCE})")
    out = tmp_path_factory.mktemp("package-data")
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT / "scripts"))
        build = importlib.import_module("package_data.build")
        build.main(REFERENCE, out)
    return out


def test_build_reproduces_every_packaged_file(built: Path) -> None:
    written = sorted(p.name for p in built.iterdir())
    assert "observations.csv" in written and "observations.sources.yml" in written
    differing = [n for n in written if (built / n).read_bytes() != (PACKAGED / n).read_bytes()]
    assert differing == [], f"packaged files differ from a fresh build: {differing}"


def test_every_release_is_keyed_by_its_own_source(built: Path) -> None:
    import csv

    with open(built / "observations.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(built / "sources.csv", encoding="utf-8", newline="") as fh:
        releases = {r["source_id"]: r["release"] for r in csv.DictReader(fh) if r["release"]}
    primary = {r["source_id"] for r in rows if r["source_id"] in releases}
    assert {"sipri-milex-2025", "nato-defexp-2025-08", "imf-weo-2025-10"} <= primary
    for r in rows:
        if r["source_id"] in releases:
            assert r["release"] == releases[r["source_id"]], r
