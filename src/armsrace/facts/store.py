"""FactStore: the embedded DuckDB file, built from the packaged CSVs on first use.

The store is rebuilt when the packaged CSVs' checksum changes; rows a user imported are
carried into the rebuilt store. Every build writes a temporary file and renames it into
place, so a killed build leaves the previous store as it was.
"""

from __future__ import annotations

import hashlib
import os
import time
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from armsrace.errors import DataError, Problem, SchemaVersionError, StoreError
from armsrace.facts.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = [
    "FactStore",
    "build_store",
    "connect",
    "open_store",
    "packaged_checksum",
    "packaged_data_dir",
]

LOCK_TIMEOUT_S = 10.0


def packaged_data_dir() -> Path:
    return Path(str(resources.files("armsrace.facts") / "data"))


def data_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.csv"))


def packaged_checksum(data_dir: Path | None = None) -> str:
    """One sha256 over every packaged CSV (name and bytes)."""
    d = packaged_data_dir() if data_dir is None else data_dir
    h = hashlib.sha256()
    for p in data_files(d):
        h.update(p.name.encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def connect(
    path: Path, *, read_only: bool, timeout_s: float = LOCK_TIMEOUT_S
) -> duckdb.DuckDBPyConnection:
    """Connect to a DuckDB file, waiting up to ``timeout_s`` while another process holds it."""
    import duckdb

    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                if "lock" in str(exc).lower():
                    raise StoreError(
                        f"{path}: the fact store is in use by another process; "
                        f"waited {timeout_s:g} s, try again when it has finished"
                    ) from exc
                raise StoreError(f"{path}: cannot open the fact store: {exc}") from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class _FileLock:
    """Advisory lock beside the store: writers hold it shared, a rebuild holds it exclusive.

    A rebuild replaces the file; holding the lock stops it from doing so under a process
    that is writing to the old file.
    """

    def __init__(self, store_path: Path):
        self.path = store_path.with_name(store_path.name + ".lock")
        self._fh: Any = None

    def acquire(self, *, exclusive: bool, timeout_s: float = LOCK_TIMEOUT_S) -> _FileLock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - non-POSIX: DuckDB's own lock still applies
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a+")  # noqa: SIM115 - held until release()
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(self._fh.fileno(), mode)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.release()
                    raise StoreError(
                        f"{self.path.with_suffix('')}: the fact store is in use by another process; "
                        f"waited {timeout_s:g} s, try again when it has finished"
                    ) from None
                time.sleep(0.05)

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing drops the flock
            self._fh = None


class FactStore:
    """An open fact store. Read-only unless opened for writing; use as a context manager."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        *,
        read_only: bool,
        lock: _FileLock | None = None,
    ):
        self.con = con
        self.path = path
        self.read_only = read_only
        self._lock = lock

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run a query and return a DataFrame."""
        return self.con.execute(query, params or []).df()

    def build_info(self) -> dict[str, str]:
        rows = self.con.execute("SELECT key, value FROM build_info").fetchall()
        return {str(k): str(v) for k, v in rows}

    @property
    def checksum(self) -> str:
        """Checksum of the packaged inputs the store was built from."""
        return self.build_info().get("inputs_sha256", "")

    def close(self) -> None:
        self.con.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> FactStore:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"FactStore({str(self.path)!r}, {mode})"


def _load_tables(data_dir: Path) -> dict[str, list[dict[str, object]]]:
    """Parse and validate every packaged CSV once; raise DataError listing all problems."""
    from armsrace.facts.validate import (
        ParsedFile,
        check_claims,
        check_references,
        key_of,
        parse_csv,
    )

    files = data_files(data_dir)
    parsed: dict[str, list[ParsedFile]] = {}
    tables: dict[str, list[dict[str, object]]] = {}
    problems: list[Problem] = []
    for name, spec in TABLES.items():
        rows: list[dict[str, object]] = []
        keys: dict[tuple[object, ...], str] = {}
        parsed[name] = []
        for p in files:
            if p.stem != spec.csv_prefix and not p.stem.startswith(spec.csv_prefix + "_"):
                continue
            pf = parse_csv(p.read_text(encoding="utf-8-sig"), spec, p.name)
            parsed[name].append(pf)
            problems.extend(pf.problems)
            for row, line in zip(pf.rows, pf.lines, strict=True):
                key = key_of(row, spec)
                if key in keys:
                    problems.append(
                        Problem(
                            f"duplicate key {key!r}; also in {keys[key]}",
                            path=p.name,
                            line=line,
                            field=spec.key[0],
                        )
                    )
                    continue
                keys[key] = f"{p.name} line {line}"
                rows.append(row)
        tables[name] = rows
    entities = {str(r["entity_id"]) for r in tables["entity"]}
    sources = {str(r["source_id"]) for r in tables["source"]}
    claims = {str(r["claim_id"]) for r in tables["production"]}
    for pf in parsed["production_relay"]:
        problems.extend(check_claims(pf, claims=claims))
    for name, files_parsed in parsed.items():
        if name == "source":
            continue
        for pf in files_parsed:
            problems.extend(check_references(pf, entities=entities, sources=sources))
    if problems:
        raise DataError(problems=problems)
    return tables


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]], origin: str
) -> None:
    import pandas as pd

    spec = TABLES[table]
    if not rows:
        return
    frame = pd.DataFrame(
        [{c: r.get(c) for c in spec.columns} for r in rows], columns=list(spec.columns)
    )
    frame["origin"] = origin
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    for version, statements in enumerate(MIGRATIONS):
        for stmt in statements:
            con.execute(stmt)
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?)", [version + 1])


def build_store(
    path: Path, *, data_dir: Path | None = None, carry_user_rows_from: Path | None = None
) -> None:
    """Build the store at ``path`` from packaged CSVs (atomic: temp file + rename)."""
    from armsrace.provenance import version

    d = packaged_data_dir() if data_dir is None else data_dir
    tables = _load_tables(d)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = connect(tmp, read_only=False)
    try:
        con.execute("BEGIN")
        _migrate(con)
        for name, rows in tables.items():
            _insert(con, name, rows, "package")
        info = {
            "armsrace_version": version(),
            "schema_version": str(SCHEMA_VERSION),
            "inputs_sha256": packaged_checksum(d),
            **{
                f"sha256:{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
                for p in data_files(d)
            },
        }
        con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
        con.execute("COMMIT")
        if carry_user_rows_from is not None and carry_user_rows_from.exists():
            _carry_user_rows(con, carry_user_rows_from)
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)


def _carry_user_rows(con: duckdb.DuckDBPyConnection, old: Path) -> None:
    import duckdb

    con.execute(f"ATTACH '{old}' AS old (READ_ONLY)")
    try:
        carried: dict[str, list[str]] = {}
        for name in TABLES:
            # by column name: a store of an older schema may lack a table or a column
            have = con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'old' "
                "AND table_name = ?",
                [name],
            ).fetchall()
            cols = [c for c in (*TABLES[name].columns, "origin") if (c,) in have]
            if "origin" in cols:
                _refuse_rows_missing_fields(con, old, name, cols)
                carried[name] = cols
        con.execute("BEGIN")
        for name, cols in carried.items():
            names = ", ".join(cols)
            con.execute(
                f"INSERT INTO {name} ({names}) SELECT {names} FROM old.{name} WHERE origin = 'user'"
            )
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(
            f"{old}: rows you imported conflict with the new packaged data ({exc}); "
            "export them with `armsrace data export`, then rebuild"
        ) from exc
    finally:
        con.execute("DETACH old")


def _refuse_rows_missing_fields(
    con: duckdb.DuckDBPyConnection, old: Path, name: str, cols: list[str]
) -> None:
    """Refuse to carry user rows of ``name`` from a store whose table lacks fields this
    schema requires (production rows from before production table v2 have no ``claim_id``,
    ``basis`` or ``scope``): they cannot be filled in without guessing."""
    spec = TABLES[name]
    missing = [c for c in dict.fromkeys((*spec.key, *spec.required)) if c not in cols]
    if not missing:
        return
    row = con.execute(f"SELECT count(*) FROM old.{name} WHERE origin = 'user'").fetchone()
    count = 0 if row is None else int(row[0])
    if count == 0:
        return
    fields = ", ".join(f"`{c}`" for c in missing)
    copy = f"COPY (SELECT * FROM {name} WHERE origin = 'user') TO '{name}-user.csv' (HEADER)"
    raise StoreError(
        f"{old}: {count} {name} {'row' if count == 1 else 'rows'} you imported lack {fields}, "
        "which this armsrace requires (the table changed since the import); they cannot be "
        "carried over without guessing, so the store is left as it was. Save them by running "
        f'"{copy}" on {old.name} with DuckDB (in Python: duckdb.connect(path, '
        "read_only=True).execute(statement)), add the missing fields, move the store aside "
        "and import the file again with `armsrace data import`"
    )


def _needs_build(path: Path, checksum: str) -> bool:
    if not path.exists():
        return True
    import duckdb

    con = connect(path, read_only=True)
    try:
        ver = con.execute("SELECT max(version) FROM schema_version").fetchone()
        if ver is not None and isinstance(ver[0], int) and ver[0] < SCHEMA_VERSION:
            return True  # an older armsrace built it: rebuild, carrying user rows over
        if ver is None or ver[0] != SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{path}: schema version {ver[0] if ver else None}, this armsrace reads {SCHEMA_VERSION}; "
                "delete the file or pass --db to use another"
            )
        row = con.execute("SELECT value FROM build_info WHERE key = 'inputs_sha256'").fetchone()
        return row is None or row[0] != checksum
    except duckdb.CatalogException as exc:
        raise StoreError(f"{path}: not an armsrace fact store ({exc})") from exc
    finally:
        con.close()


def open_store(
    path: str | Path | None = None,
    *,
    read_only: bool = True,
    data_dir: Path | None = None,
) -> FactStore:
    """Open the fact store, building or rebuilding it from the packaged CSVs when needed.

    ``path`` None uses ``ARMSRACE_DB`` or the user data directory.
    """
    from armsrace.settings import resolve

    p = Path(path) if path is not None else resolve().store_path()
    checksum = packaged_checksum(data_dir)
    if _needs_build(p, checksum):
        rebuild = _FileLock(p).acquire(exclusive=True)
        try:
            if _needs_build(p, checksum):  # another process may have rebuilt it meanwhile
                build_store(p, data_dir=data_dir, carry_user_rows_from=p if p.exists() else None)
        finally:
            rebuild.release()
    lock = None if read_only else _FileLock(p).acquire(exclusive=False)
    try:
        con = connect(p, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return FactStore(con, p, read_only=read_only, lock=lock)


def rebuild_store(path: str | Path, *, data_dir: Path | None = None) -> None:
    """Rebuild the store from the packaged CSVs now, keeping rows a user imported."""
    p = Path(path)
    lock = _FileLock(p).acquire(exclusive=True)
    try:
        build_store(p, data_dir=data_dir, carry_user_rows_from=p if p.exists() else None)
    finally:
        lock.release()
