"""The driver: build every packaged CSV and sidecar from the reference folder."""

from __future__ import annotations

from pathlib import Path

from package_data import press
from package_data.entities import build_membership
from package_data.files import Row, columns, sha, write
from package_data.production import build_statements
from package_data.release import Inputs
from package_data.releases import RELEASES
from package_data.sources import build_sources
from package_data.targets import build_targets

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "armsrace" / "facts" / "data"
PRIMARY = ROOT / "data" / "primary"


def build_observations(inputs: Inputs) -> list[Row]:
    """Primary releases first (in registry order), then the starter set's relays."""
    rows: list[Row] = []
    for release in RELEASES:
        rows.extend(release.observations(inputs))
    rows.extend(press.observations(inputs.reference))
    return rows


def input_checksums(inputs: Inputs) -> dict[str, str]:
    ref = inputs.reference
    found = sorted(ref.glob("*.csv")) + sorted((ref / "primary").glob("*.csv"))
    found += sorted(inputs.primary.glob("*.csv"))
    return {p.name: sha(p) for p in found}


def main(ref: Path, out: Path = OUT, primary: Path = PRIMARY) -> None:
    inputs = Inputs(reference=ref, primary=primary)
    out.mkdir(parents=True, exist_ok=True)
    origin = {
        "derived_from": "shared reference data (primary/ publisher copies first; starter set for the rest)",
        "inputs_sha256": input_checksums(inputs),
        "built_by": "scripts/build_package_data.py",
    }
    write(out, "sources.csv", columns("source"), build_sources(ref), origin)
    write(out, "observations.csv", columns("observation"), build_observations(inputs), origin)
    # production.csv is curated by hand since production table v2 (claims, basis, scope,
    # relays): the starter set's rows were classified once; only the statements are built
    stmts = build_statements(ref)
    write(out, "statements.csv", columns("statement"), stmts, origin)
    write(out, "targets.csv", columns("target"), build_targets(ref), origin)
    # entities.csv, aliases.csv, membership_sipri.csv, membership_eu.csv:
    # scripts/build_entities.py (needs SIPRI's workbook)
    members = build_membership()
    write(
        out,
        "membership.csv",
        columns("membership"),
        members,
        {"note": "year of accession; NATO_EUCA = NATO without the United States"},
    )
