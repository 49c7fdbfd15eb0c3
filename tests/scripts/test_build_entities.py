"""The packaged entity, alias and region files are what scripts/build_entities.py derives."""

from __future__ import annotations

import csv
import importlib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "src" / "armsrace" / "facts" / "data"
WRITTEN = (
    "entities.csv",
    "aliases.csv",
    "membership_sipri.csv",
    "membership_eu.csv",
    "sources_entities.csv",
)


#: ISO 3166 names come from pycountry and change between its releases (a country renamed,
#: an official name added), so only the ``name`` aliases and the version in the aliases
#: sidecar depend on the installed version; everything else must match whatever version.
PYCOUNTRY_NAMES = "aliases.csv"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The files the build writes with the installed pycountry, and that version."""
    pytest.importorskip("pycountry")
    out = tmp_path_factory.mktemp("entities")
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT / "scripts"))
        regions = importlib.import_module("package_data.regions")
        regions.build(regions.LISTING, out)
        return out, regions.pycountry_version()


def _packaged_version() -> str:
    meta = yaml.safe_load((PACKAGED / "aliases.sources.yml").read_text(encoding="utf-8"))
    found = re.search(r"pycountry (\S+),", " ".join(meta["derived_from"].split()))
    assert found is not None, "aliases.sources.yml names no pycountry version"
    return found.group(1)


def _alias_rows(path: Path, *, names: bool) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if (r["alias_kind"] == "name") == names]


@pytest.mark.parametrize("name", [n for n in WRITTEN if n != PYCOUNTRY_NAMES])
def test_build_reproduces_the_files_pycountry_does_not_name(
    built: tuple[Path, str], name: str
) -> None:
    out, _ = built
    assert (out / name).read_bytes() == (PACKAGED / name).read_bytes(), name
    sidecar = name.removesuffix(".csv") + ".sources.yml"
    assert (out / sidecar).read_bytes() == (PACKAGED / sidecar).read_bytes(), sidecar


def test_build_reproduces_the_aliases_pycountry_does_not_supply(built: tuple[Path, str]) -> None:
    out, version = built
    built_rows = _alias_rows(out / PYCOUNTRY_NAMES, names=False)
    assert built_rows and built_rows == _alias_rows(PACKAGED / PYCOUNTRY_NAMES, names=False)
    meta = yaml.safe_load((out / "aliases.sources.yml").read_text(encoding="utf-8"))
    packaged = yaml.safe_load((PACKAGED / "aliases.sources.yml").read_text(encoding="utf-8"))
    packaged["derived_from"] = packaged["derived_from"].replace(
        f"pycountry {_packaged_version()},", f"pycountry {version},"
    )
    for key in ("sha256", "rows"):  # they follow the name rows
        del meta[key], packaged[key]
    assert meta == packaged


def test_build_reproduces_the_aliases_byte_for_byte_with_the_same_pycountry(
    built: tuple[Path, str],
) -> None:
    out, version = built
    if version != _packaged_version():
        pytest.skip(
            f"pycountry {version} is installed; the aliases were built with "
            f"{_packaged_version()}, whose ISO 3166 names may differ"
        )
    for name in (PYCOUNTRY_NAMES, "aliases.sources.yml"):
        assert (out / name).read_bytes() == (PACKAGED / name).read_bytes(), name


def test_listing_matches_its_sidecar() -> None:
    import hashlib

    listing = ROOT / "data" / "entities" / "sipri_regions_2025.csv"
    meta = yaml.safe_load(listing.with_name(listing.name + ".source.yml").read_text("utf-8"))
    assert meta["sha256"] == hashlib.sha256(listing.read_bytes()).hexdigest()
    assert meta["original_url"].startswith("https://www.sipri.org/")
