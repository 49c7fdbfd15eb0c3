"""Terminal tables: human labels, 80 columns by default, every column with --wide or csv/json."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

ARTICLE = Path(__file__).resolve().parents[1] / "claims" / "data" / "own-2025-06-20-shellgap.txt"

NARROW_CASES = [
    ["targets"],
    ["targets", "--view", "blocs"],
    ["targets", "--view", "paths"],
    ["targets", "--view", "burden"],
    ["data", "show", "--country", "POL", "--year", "2025"],
    ["data", "show", "--item", "tanks"],
    ["data", "sources"],
    ["simulate", "--runs", "200", "--seed", "1"],
    ["dynamics", "fit", "--boot", "99"],
    ["check", str(ARTICLE), "--date", "2025-06-20"],
]


@pytest.mark.parametrize("args", NARROW_CASES, ids=lambda a: " ".join(a))
def test_tables_fit_80_columns(cli, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    res = cli(*args)
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert any(ln.startswith(("┏", "┡")) for ln in lines), "no table printed"
    too_long = [ln for ln in lines if len(ln) > 80]
    assert not too_long, too_long[:3]


def test_targets_table_shows_labels_with_units(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    res = cli("targets")
    flat = " ".join(res.stdout.split())  # headers wrap over lines
    assert "gap_3_5pct_usd_bn" not in res.stdout
    # the header cell wraps; its words still come in order within each column
    assert "Gap to 3.5%" in flat and "USD bn" in flat and "2025 GDP" in flat


def test_wide_shows_every_column_and_machine_formats_keep_raw_ids(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli("targets").stdout
    wide = cli("targets", "--wide").stdout
    assert "Source of GDP" in wide and "Source of GDP" not in narrow
    assert max(len(ln) for ln in wide.splitlines()) > 80
    rows = list(csv.DictReader(io.StringIO(cli("data", "sources", "--format", "csv").stdout)))
    assert {"source_id", "title", "url", "license"} <= set(rows[0])
    records = json.loads(cli("targets", "--format", "json").stdout)
    assert "gap_3_5pct_usd_bn" in records["allies"][0]
