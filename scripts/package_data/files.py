"""Reading the reference CSVs and writing packaged CSVs with their ``*.sources.yml`` sidecars."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import yaml

from armsrace.facts.schema import TABLES

Row = dict[str, object]


def columns(table: str) -> list[str]:
    """The store table's columns, in CSV order: the header every packaged file of it has."""
    return list(TABLES[table].columns)


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(out: Path, name: str, columns: list[str], rows: list[Row], origin: dict) -> None:
    """Write ``name`` under ``out`` and its sidecar (file, sha256, rows, then ``origin``)."""
    path = out / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: "" if r.get(c) is None else r.get(c) for c in columns})
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sidecar = {"file": name, "sha256": digest, "rows": len(rows), **origin}
    (out / f"{name.removesuffix('.csv')}.sources.yml").write_text(
        yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
