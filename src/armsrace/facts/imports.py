"""User imports (validated, one transaction) and exports of the fact store."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from armsrace.errors import ImportValidationError, Problem
from armsrace.facts.schema import TABLES, TableSpec
from armsrace.facts.validate import check_references, neutralise_cell, parse_csv, read_text

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore

__all__ = ["ImportReport", "SOURCE_COLUMNS", "export_store", "import_csv"]

# Optional columns of an import file that define a new source inline.
SOURCE_COLUMNS = {
    "source_publisher": "publisher",
    "source_title": "title",
    "source_url": "url",
    "source_date": "date_published",
}
_IMPORTABLE = ("observation", "production", "statement")


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    path: str
    table: str
    inserted: int
    unchanged: int
    new_sources: tuple[str, ...]


def _detect(header: list[str], path: str) -> TableSpec:
    cols = set(header)
    if "indicator" in cols:
        return TABLES["observation"]
    if "item" in cols:
        return TABLES["production"]
    if "metric" in cols:
        return TABLES["statement"]
    raise ImportValidationError(
        problems=[
            Problem(
                "cannot tell what the file holds: the header needs an `indicator` column "
                "(spending / GDP observations), an `item` column (production estimates) or a "
                "`metric` column (ratio statements)",
                path=path,
                line=1,
            )
        ]
    )


def import_csv(store: FactStore, file: str | Path) -> ImportReport:
    """Add the facts of one CSV file (and the sources it defines) in one transaction.

    Any bad row refuses the whole file: nothing is written, and the error lists every
    problem with file, line and field.
    """
    import pandas as pd

    path = Path(file)
    text = read_text(path)
    if not text.strip():
        raise ImportValidationError(
            problems=[
                Problem("empty file; expected a CSV with a header row", path=str(path), line=1)
            ]
        )
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:  # a header cell beyond the csv module's size limit
        first = []
    spec = _detect([h.strip() for h in first], str(path))
    # `origin` is allowed so that a `data export` file can be imported again (rows are
    # always stored as the user's); source_* columns define a new source inline.
    parsed = parse_csv(text, spec, str(path), allow_extra=[*SOURCE_COLUMNS, "origin"])
    problems = list(parsed.problems)

    known_sources = set(store.sql("SELECT source_id FROM source")["source_id"])
    entities = set(store.sql("SELECT entity_id FROM entity")["entity_id"])
    new_sources: dict[str, dict[str, object]] = {}
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        sid = str(row["source_id"])
        if sid in known_sources:
            continue
        given = {dst: str(row.get(src, "") or "") for src, dst in SOURCE_COLUMNS.items()}
        if not (given["publisher"] and given["title"] and given["url"]):
            continue  # reported below as an unknown source
        if sid in new_sources and any(new_sources[sid][k] != v for k, v in given.items()):
            problems.append(
                Problem(
                    f"source {sid!r} is described differently on an earlier line",
                    path=str(path),
                    line=line,
                    field="source_id",
                    value=sid,
                )
            )
            continue
        new_sources[sid] = {"source_id": sid, **given}
    problems.extend(
        check_references(parsed, entities=entities, sources=known_sources | set(new_sources))
    )

    to_insert: list[dict[str, object]] = []
    unchanged = 0
    if not problems and parsed.rows:
        existing = _existing(store, spec, parsed.rows)
        value_cols = [c for c in spec.numeric]
        for row, line in zip(parsed.rows, parsed.lines, strict=True):
            key = tuple(row.get(k) for k in spec.key)
            old = existing.get(key)
            if old is None:
                to_insert.append(row)
                continue
            diffs = [c for c in value_cols if not _same(old.get(c), row.get(c))]
            if diffs:
                c = diffs[0]
                problems.append(
                    Problem(
                        f"conflicts with an existing fact from the same source "
                        f"({c} = {old.get(c)!r} in the store); use another source_id for a "
                        "disagreeing figure",
                        path=str(path),
                        line=line,
                        field=c,
                        value=row.get(c),
                    )
                )
            else:
                unchanged += 1
    if problems:
        raise ImportValidationError(problems=problems)

    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        if new_sources:
            src = pd.DataFrame(
                [{c: s.get(c, "") for c in TABLES["source"].columns} for s in new_sources.values()]
            )
            src["date_accessed"] = ""
            src["origin"] = "user"
            con.register("_src", src)
            con.execute("INSERT INTO source SELECT * FROM _src")
            con.unregister("_src")
        if to_insert:
            frame = pd.DataFrame(
                [{c: r.get(c) for c in spec.columns} for r in to_insert], columns=list(spec.columns)
            )
            frame["origin"] = "user"
            con.register("_rows", frame)
            con.execute(f"INSERT INTO {spec.name} SELECT * FROM _rows")
            con.unregister("_rows")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("CHECKPOINT")
    return ImportReport(
        path=str(path),
        table=spec.name,
        inserted=len(to_insert),
        unchanged=unchanged,
        new_sources=tuple(new_sources),
    )


def _same(a: object, b: object) -> bool:
    if a is None or (isinstance(a, float) and a != a):
        return b is None
    if b is None:
        return False
    return float(a) == float(b)  # type: ignore[arg-type]


def _existing(
    store: FactStore, spec: TableSpec, rows: list[dict[str, object]]
) -> dict[tuple[object, ...], dict[str, object]]:
    sids = sorted({str(r["source_id"]) for r in rows})
    frame = store.sql(
        f"SELECT * FROM {spec.name} WHERE source_id IN ({', '.join('?' for _ in sids)})", list(sids)
    )
    out: dict[tuple[object, ...], dict[str, object]] = {}
    for rec in frame.to_dict(orient="records"):
        key = tuple(_norm(rec.get(k)) for k in spec.key)
        out[key] = rec
    return out


def _norm(v: object) -> object:
    if hasattr(v, "item"):
        v = v.item()  # numpy scalar -> python
    return v


def export_store(store: FactStore, out_dir: str | Path) -> list[Path]:
    """Write every table as CSV (sorted by key) into ``out_dir``; returns the files written.

    Text cells a spreadsheet would run as a formula (starting with = + - @ tab or CR) are
    written with a leading apostrophe (OWASP's CSV-injection rule); numeric columns and
    plain numbers such as ``-3.5`` are left alone. ``data import`` removes the apostrophe
    again, so export -> import gives back the same facts.
    """
    from pandas.api.types import is_bool_dtype, is_float_dtype, is_numeric_dtype

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in TABLES.items():
        frame = store.sql(
            f"SELECT {', '.join(spec.columns)}, origin FROM {name} ORDER BY {', '.join(spec.key)}"
        )
        for col in frame.columns:
            if is_float_dtype(frame[col]):
                frame[col] = [_float_text(v) for v in frame[col]]
            elif not is_numeric_dtype(frame[col]) and not is_bool_dtype(frame[col]):
                frame[col] = [neutralise_cell(v) if isinstance(v, str) else v for v in frame[col]]
        target = out / f"{spec.csv_prefix}.csv"
        tmp = target.with_name(f".{target.name}.tmp")
        frame.to_csv(tmp, index=False, lineterminator="\n")
        os.replace(tmp, target)
        written.append(target)
    return written


def _float_text(v: object) -> str:
    """The shortest text that reads back as the same float ('' for missing; no '.0')."""
    f = float(v)  # type: ignore[arg-type]
    if f != f:
        return ""
    text = repr(f)
    return text[:-2] if text.endswith(".0") else text
