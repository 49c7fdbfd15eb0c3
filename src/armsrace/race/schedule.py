"""The capacity table: announced plants and production lines with their sources
(``race/data/capacity_schedule.csv`` + sidecar), read for the ``scheduled_capacity`` part of
:mod:`armsrace.race.structure`.

One row per plant, line or programme: capacity (low / central / high), the period it is per,
the expected month (YYYY-MM), the date first announced, the public source. ``capacity_is``
(optional; empty = ``added``): ``added`` — the plant's own capacity, added when it opens;
``side_total`` — a programme's announced total for the side ("40,000 a month by 2025"),
which adds only what the side's capacity lacks when it falls due.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from armsrace.errors import Problem
from armsrace.race.sampling import Dist

__all__ = ["CAPACITY_IS", "Plant", "load_schedule"]


@dataclass(frozen=True)
class Plant:
    """One row of the capacity table."""

    plant_id: str
    side: str
    item: str
    capacity: Dist  # units per month
    expected: tuple[int, int]  # (year, month)
    announced: str
    url: str
    note: str
    #: the capacity is the side's announced total (adds only what is missing), not a plant's
    side_total: bool = False


#: values of the optional ``capacity_is`` column (empty = ``added``)
CAPACITY_IS = ("added", "side_total")

_COLUMNS = (
    "plant_id",
    "plant",
    "side",
    "item",
    "capacity_low",
    "capacity_central",
    "capacity_high",
    "period",
    "expected",
    "announced",
    "url",
)


def load_schedule(path: str | Path | None = None) -> dict[str, Plant]:
    """The capacity table (packaged by default), validated row by row: every problem names
    the file, line and column."""
    from armsrace.errors import DataError

    file = (
        Path(str(resources.files("armsrace.race") / "data" / "capacity_schedule.csv"))
        if path is None
        else Path(path)
    )
    problems: list[Problem] = []
    plants: dict[str, Plant] = {}
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(problems=[Problem(f"cannot read: {exc}", path=str(file))]) from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(problems=[Problem(f"missing columns {missing}", path=str(file), line=1)])
    for line, row in enumerate(reader, start=2):

        def bad(col: str, msg: str, row: dict[str, str] = row, line: int = line) -> None:
            problems.append(Problem(msg, path=str(file), line=line, field=col, value=row[col]))

        nums: dict[str, float | None] = {}
        for col in ("capacity_low", "capacity_central", "capacity_high"):
            try:
                nums[col] = float(row[col]) if row[col] else None
            except ValueError:
                bad(col, "not a number")
                nums[col] = None
            if nums[col] is not None and not 0 < nums[col] < 1e12:  # type: ignore[operator]
                bad(col, "capacity must be positive")
        if row["period"] not in {"year", "month"}:
            bad("period", "must be `year` or `month`")
        capacity_is = row.get("capacity_is") or "added"
        if capacity_is not in CAPACITY_IS:
            problems.append(
                Problem(
                    f"must be one of {', '.join(CAPACITY_IS)} (or empty)",
                    path=str(file),
                    line=line,
                    field="capacity_is",
                    value=capacity_is,
                )
            )
        try:
            year, month = (int(x) for x in row["expected"].split("-"))
            if not 1 <= month <= 12:
                raise ValueError
        except ValueError:
            bad("expected", "must be YYYY-MM")
            year, month = 0, 1
        if not row["url"].startswith(("http://", "https://")):
            bad("url", "every plant needs the URL of its source")
        lo, mid, hi = nums["capacity_low"], nums["capacity_central"], nums["capacity_high"]
        if mid is None and (lo is None or hi is None):
            bad("capacity_central", "give a central capacity or both low and high")
            continue
        if row["plant_id"] in plants:
            bad("plant_id", "appears twice")
        per = 1 / 12 if row["period"] == "year" else 1.0
        if lo is not None and hi is not None:
            if lo > hi:
                bad("capacity_low", "low exceeds high")
                continue
            mode = mid if mid is not None else (lo + hi) / 2
            dist = Dist("pert", lo * per, min(max(mode, lo), hi) * per, hi * per)
        else:
            assert mid is not None
            dist = Dist.fixed(mid * per)
        plants[row["plant_id"]] = Plant(
            plant_id=row["plant_id"],
            side=row["side"],
            item=row["item"],
            capacity=dist,
            expected=(year, month),
            announced=row["announced"],
            url=row["url"],
            note=row.get("note", ""),
            side_total=capacity_is == "side_total",
        )
    if problems:
        raise DataError(problems=problems)
    return plants
