"""The driver: build every packaged CSV and sidecar from the reference folder."""

from __future__ import annotations

from pathlib import Path

from armsrace.facts.schema import TABLES
from package_data import press
from package_data.entities import build_entities
from package_data.files import Row, sha, write
from package_data.production import build_production
from package_data.releases import RELEASES
from package_data.sources import build_sources
from package_data.targets import build_targets

OUT = Path(__file__).resolve().parents[2] / "src" / "armsrace" / "facts" / "data"


def columns(table: str) -> list[str]:
    return list(TABLES[table].columns)


def build_observations(ref: Path) -> list[Row]:
    """Primary releases first (in registry order), then the starter set's relays."""
    rows: list[Row] = []
    for release in RELEASES:
        rows.extend(release.observations(ref))
    rows.extend(press.observations(ref))
    return rows


def main(ref: Path, out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    inputs = {
        p.name: sha(p) for p in sorted(ref.glob("*.csv")) + sorted((ref / "primary").glob("*.csv"))
    }
    origin = {
        "derived_from": "shared reference data (primary/ publisher copies first; starter set for the rest)",
        "inputs_sha256": inputs,
        "built_by": "scripts/build_package_data.py",
    }
    write(out, "sources.csv", columns("source"), build_sources(ref), origin)
    write(out, "observations.csv", columns("observation"), build_observations(ref), origin)
    prod, stmts = build_production(ref)
    write(out, "production.csv", columns("production"), prod, origin)
    write(out, "statements.csv", columns("statement"), stmts, origin)
    write(out, "targets.csv", columns("target"), build_targets(ref), origin)
    ents, members = build_entities()
    write(
        out,
        "entities.csv",
        columns("entity"),
        ents,
        {"note": "ISO 3166-1 alpha-3 codes; blocs defined by membership.csv"},
    )
    write(
        out,
        "membership.csv",
        columns("membership"),
        members,
        {"note": "year of accession; NATO_EUCA = NATO without the United States"},
    )
