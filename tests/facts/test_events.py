"""The event table: dated events with their sources, and the build's errors on bad rows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from armsrace.errors import DataError
from armsrace.facts import queries
from armsrace.facts.store import build_store, packaged_data_dir


def test_every_event_is_sourced_and_dated(store) -> None:
    events = queries.events(store)
    known = set(queries.sources(store)["source_id"])
    assert len(events) >= 5
    assert set(events["source_id"]) <= known
    for row in events.to_dict(orient="records"):
        first = dt.date.fromisoformat(str(row["start_date"]))
        last = dt.date.fromisoformat(str(row["end_date"]))
        assert first <= last, row["event_id"]


def test_the_hague_summit_as_sourced(store) -> None:
    row = (
        queries.events(store, kind="summit").set_index("event_id").loc["nato-summit-2025-the-hague"]
    )
    assert (row["start_date"], row["end_date"]) == ("2025-06-24", "2025-06-25")
    url = queries.sources(store).set_index("source_id").loc[row["source_id"], "url"]
    assert url.startswith("https://")


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), data)
    return data


GOOD = "test-event,summit,Test summit,,,2025-06-24,2025-06-25,wikipedia-2025-hague-summit,"


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (GOOD.replace("summit,Test", "party,Test"), "kind", "must be one of"),
        (GOOD.replace("2025-06-24", "24 June 2025"), "start_date", "YYYY-MM-DD"),
        (GOOD.replace("2025-06-25", "2025-02-30"), "end_date", "calendar date"),
        (GOOD.replace("2025-06-25", "2025-06-20"), "end_date", "before start_date"),
        (GOOD.replace("wikipedia-2025-hague-summit", "nobody"), "source_id", "unknown source"),
        (GOOD.replace(",2025-06-25,", ",,"), "end_date", "empty"),
    ],
)
def test_build_refuses_bad_event_rows(tmp_path: Path, line: str, field: str, message: str) -> None:
    data = _copy_data(tmp_path)
    path = data / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    lineno = text.count("\n") + 1
    target = tmp_path / "facts.duckdb"
    with pytest.raises(DataError) as info:
        build_store(target, data_dir=data)
    shown = str(info.value)
    assert f"events.csv line {lineno}" in shown
    assert f"field `{field}`" in shown
    assert message in shown
    assert not target.exists()
