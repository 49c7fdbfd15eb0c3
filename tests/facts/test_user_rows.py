"""Production rows a user imported, across a store rebuild and across the production v2 schema."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest

from armsrace.errors import StoreError
from armsrace.facts import queries
from armsrace.facts.imports import import_csv
from armsrace.facts.store import build_store, open_store, packaged_data_dir

SOURCE = "mine-prod-1"
PRODUCTION_CSV = (
    "claim_id,item,item_label,kind,basis,scope,subtype,side,country,producer,year,period,"
    "central,unit,claimant,claim_type,source_id,source_publisher,source_title,source_url\n"
    f"mine/tanks/2031,tanks,tanks,output,new_build,country,,RUS,RUS,Russia,2031,year,"
    f"123,units,Me,press_claim,{SOURCE},Me,My note,https://example.org/p\n"
)
#: the production table as schema versions 1 and 2 had it (before production table v2)
PRODUCTION_V1 = (
    "CREATE TABLE production (item VARCHAR NOT NULL, item_label VARCHAR NOT NULL, "
    "kind VARCHAR NOT NULL, side VARCHAR NOT NULL, producer VARCHAR, year INTEGER NOT NULL, "
    "period VARCHAR NOT NULL, low DOUBLE, central DOUBLE, high DOUBLE, unit VARCHAR NOT NULL, "
    "claimant VARCHAR, claim_type VARCHAR NOT NULL, source_id VARCHAR NOT NULL, note VARCHAR, "
    "origin VARCHAR NOT NULL DEFAULT 'package', PRIMARY KEY (item, item_label, side, producer, "
    "year, period, claimant, source_id))"
)


def _with_user_production(path: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(PRODUCTION_CSV, encoding="utf-8")
    with open_store(path, read_only=False) as s:
        import_csv(s, mine)


def test_user_production_rows_survive_a_rebuild(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for f in packaged_data_dir().iterdir():
        (data / f.name).write_bytes(f.read_bytes())
    path = tmp_path / "facts.duckdb"
    build_store(path, data_dir=data)
    mine = tmp_path / "mine.csv"
    mine.write_text(PRODUCTION_CSV, encoding="utf-8")
    with open_store(path, data_dir=data, read_only=False) as s:
        old = s.checksum
        import_csv(s, mine)
    with open(data / "statements.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")  # the packaged data change: the next open rebuilds
    with open_store(path, data_dir=data) as s:
        assert s.checksum != old
        rows = queries.production(s, claim_id="mine/tanks/2031")
        assert rows["central"].tolist() == [123.0]
        assert rows[["basis", "scope", "side"]].iloc[0].tolist() == ["new_build", "country", "RUS"]
        assert SOURCE in set(queries.sources(s)["source_id"])


def test_pre_v2_user_production_rows_stop_the_rebuild_with_a_clear_error(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "facts.duckdb"
    _with_user_production(path, tmp_path)
    con = duckdb.connect(str(path))
    # what a store of schema version 2 looked like: production table v1, no relays or storage
    con.execute("DROP TABLE production_relay")
    con.execute("DROP TABLE storage")
    con.execute("DROP TABLE production")
    con.execute(PRODUCTION_V1)
    con.execute(
        "INSERT INTO production (item, item_label, kind, side, producer, year, period, central, "
        "unit, claimant, claim_type, source_id, origin) VALUES ('tanks', 'tanks', 'output', "
        f"'RUS', 'Russia', 2031, 'year', 123, 'units', 'Me', 'press_claim', '{SOURCE}', 'user')"
    )
    con.execute("UPDATE schema_version SET version = 2")
    con.execute("CHECKPOINT")
    con.close()
    before = path.read_bytes()

    with pytest.raises(StoreError) as info:
        open_store(path)
    message = str(info.value)
    assert str(path) in message
    assert "1 production row you imported" in message
    for field in ("claim_id", "basis", "scope"):
        assert f"`{field}`" in message
    assert path.read_bytes() == before  # left as it was: nothing carried, nothing lost
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]

    # the way out the message gives saves the rows
    statement = re.search(r'"(COPY .*?)"', message)
    assert statement is not None
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        duckdb.connect(str(path), read_only=True).execute(statement.group(1)).close()
    finally:
        os.chdir(cwd)
    with open(tmp_path / "production-user.csv", encoding="utf-8", newline="") as fh:
        saved = list(csv.DictReader(fh))
    assert [(r["item"], r["central"], r["source_id"]) for r in saved] == [
        ("tanks", "123.0", SOURCE)
    ]
