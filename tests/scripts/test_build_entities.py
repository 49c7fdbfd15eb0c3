"""The packaged entity, alias and region files are what scripts/build_entities.py derives."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "src" / "armsrace" / "facts" / "data"
WRITTEN = (
    "entities.csv",
    "aliases.csv",
    "membership_sipri.csv",
    "membership_eu.csv",
    "sources_entities.csv",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pycountry")
    out = tmp_path_factory.mktemp("entities")
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT / "scripts"))
        regions = importlib.import_module("package_data.regions")
        import yaml

        meta = yaml.safe_load((PACKAGED / "aliases.sources.yml").read_text(encoding="utf-8"))
        if f"pycountry {regions.pycountry_version()}," not in meta["derived_from"]:
            pytest.skip("another pycountry version than the one the aliases were built with")
        regions.build(regions.LISTING, out)
    return out


def test_build_reproduces_the_packaged_entity_files(built: Path) -> None:
    for name in WRITTEN:
        assert (built / name).read_bytes() == (PACKAGED / name).read_bytes(), name
        sidecar = name.removesuffix(".csv") + ".sources.yml"
        assert (built / sidecar).read_bytes() == (PACKAGED / sidecar).read_bytes(), sidecar


def test_listing_matches_its_sidecar() -> None:
    import hashlib

    import yaml

    listing = ROOT / "data" / "entities" / "sipri_regions_2025.csv"
    meta = yaml.safe_load(listing.with_name(listing.name + ".source.yml").read_text("utf-8"))
    assert meta["sha256"] == hashlib.sha256(listing.read_bytes()).hexdigest()
    assert meta["original_url"].startswith("https://www.sipri.org/")
