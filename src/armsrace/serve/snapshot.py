"""An in-memory copy of the fact store, refreshed when the file on disk changes.

The server never keeps the store file open: it attaches the file read-only for the few
milliseconds a copy takes, then answers every request from the copy. A ``data import`` in
another process therefore finds the file free (or waits at most for one copy), and the next
request after the import sees the new rows: each request compares the file's identity
(inode, size, modification time, and those of its write-ahead log) with the copy's.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armsrace.errors import StoreError

if TYPE_CHECKING:
    import duckdb

    from armsrace.claims.match import Checker
    from armsrace.facts.store import FactStore

__all__ = ["Snapshot", "SnapshotCache"]

#: how long a refresh waits for a writer in another process to release the file
REFRESH_WAIT_S = 10.0
#: values kept per copy (whole tables, id lists, resolved scenarios, target gaps)
MEMO_SIZE = 128


def _file_key(path: Path) -> tuple[Any, ...]:
    parts: list[Any] = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
        except FileNotFoundError:
            parts.append(None)
            continue
        parts.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(parts)


@dataclass
class Snapshot:
    """One copy of the store; per-request read access through :meth:`store`."""

    path: Path
    key: tuple[Any, ...]
    con: duckdb.DuckDBPyConnection
    loaded_at: float
    _checker: Checker | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    memo: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    _building: dict[Any, threading.Lock] = field(default_factory=dict)

    @contextmanager
    def store(self) -> Iterator[FactStore]:
        """A FactStore on its own cursor of the copy (cursors are safe across threads)."""
        from armsrace.facts.store import FactStore

        cur = self.con.cursor()
        try:
            yield FactStore(cur, self.path, read_only=True)
        finally:
            cur.close()

    def checker(self) -> Checker:
        """The claim checker of this copy (it loads its facts once, then never queries)."""
        with self._lock:
            if self._checker is None:
                from armsrace.claims.match import Checker

                with self.store() as store:
                    self._checker = Checker(store)
            return self._checker

    def cached(self, key: Any, build: Any) -> Any:
        """A value computed once per copy (tables, id lists, resolved scenarios); the
        least recently used of more than :data:`MEMO_SIZE` values are dropped. Requests
        asking for a value being built wait for that build instead of repeating it."""
        with self._lock:
            if key in self.memo:
                self.memo.move_to_end(key)
                return self.memo[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self.memo:
                    return self.memo[key]
            value = build()
            with self._lock:
                self.memo[key] = value
                self._building.pop(key, None)
                while len(self.memo) > MEMO_SIZE:
                    self.memo.popitem(last=False)
                return value


class SnapshotCache:
    """The current :class:`Snapshot` of one store file."""

    def __init__(self, path: Path, *, wait_s: float = REFRESH_WAIT_S):
        self.path = path
        self.wait_s = wait_s
        self._current: Snapshot | None = None
        self._lock = threading.Lock()

    def get(self) -> Snapshot:
        """The copy matching the file now (copying it again if the file changed)."""
        key = _file_key(self.path)
        current = self._current
        if current is not None and current.key == key:
            return current
        with self._lock:
            current = self._current
            key = _file_key(self.path)
            if current is not None and current.key == key:
                return current
            try:
                self._current = self._load(key)
            except StoreError:
                if current is None:
                    raise
                return current  # a writer holds the file longer than we wait: serve the old copy
            return self._current

    def _load(self, key: tuple[Any, ...]) -> Snapshot:
        import duckdb

        if key[0] is None:
            raise StoreError(f"{self.path}: the fact store file is missing")
        deadline = time.monotonic() + self.wait_s
        delay = 0.02
        while True:
            mem = duckdb.connect(":memory:")
            try:
                mem.execute("ATTACH ? AS src (READ_ONLY)", [str(self.path)])
                mem.execute("COPY FROM DATABASE src TO memory")
                mem.execute("DETACH src")
            except duckdb.Error as exc:
                mem.close()
                busy = "lock" in str(exc).lower()
                if not busy or time.monotonic() >= deadline:
                    raise StoreError(
                        f"{self.path}: cannot read the fact store"
                        + (
                            f" (in use by another process for over {self.wait_s:g} s)"
                            if busy
                            else ""
                        )
                        + f": {exc}"
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
                key = _file_key(self.path)
                continue
            return Snapshot(self.path, key, mem, time.time())
