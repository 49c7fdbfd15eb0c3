"""User imports: all rows or none, errors with file:line and field, safe under concurrency."""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from armsrace.errors import ImportValidationError, StoreError
from armsrace.facts import queries
from armsrace.facts.imports import export_store, import_csv
from armsrace.facts.store import open_store

HEADER = "entity,year,indicator,value,unit,source_id,source_publisher,source_title,source_url,source_date"
GOOD = "POL,2026,milex_share_gdp,4.8,pct_gdp,test-pol-2026,Test ministry,Plan 2026,https://example.org/pl,2025-09"
GOOD2 = "EST,2026,milex_share_gdp,5.4,pct_gdp,test-pol-2026,Test ministry,Plan 2026,https://example.org/pl,2025-09"


def _export(path: Path, out: Path) -> list[Path]:
    with open_store(path) as s:
        return export_store(s, out)


def _same_export(a: list[Path], b: list[Path]) -> bool:
    return all(filecmp.cmp(x, y, shallow=False) for x, y in zip(a, b, strict=True))


def test_good_import_adds_facts_and_source(writable_store_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "good.csv"
    f.write_text(f"{HEADER}\n{GOOD}\n{GOOD2}\n", encoding="utf-8")
    with open_store(writable_store_path, read_only=False) as s:
        report = import_csv(s, f)
        assert report.inserted == 2 and report.new_sources == ("test-pol-2026",)
        again = import_csv(s, f)
        assert again.inserted == 0 and again.unchanged == 2
    with open_store(writable_store_path) as s:
        obs = queries.observations(s, source_id="test-pol-2026")
        assert sorted(obs["value"]) == [4.8, 5.4]
        assert queries.sources(s, source_id="test-pol-2026")["origin"].tolist() == ["user"]


BAD_CASES = {
    "unknown country": (
        f"{HEADER}\n{GOOD}\nXYZ,2026,milex_share_gdp,2.0,pct_gdp,test-pol-2026,,,,\n",
        3,
        "entity",
        "unknown country",
    ),
    "year of 5,000 digits": (
        f"{HEADER}\n{GOOD}\nEST,{'9' * 5000},milex_share_gdp,2.0,pct_gdp,test-pol-2026,,,,\n",
        3,
        "year",
        "not an integer",
    ),
    "non-numeric": (
        f"{HEADER}\n{GOOD}\nEST,2026,milex_share_gdp,two,pct_gdp,test-pol-2026,,,,\n",
        3,
        "value",
        "not a number",
    ),
    "negative amount": (
        f"{HEADER}\n{GOOD}\nEST,2026,milex_usd_current,-10,usd_million,test-pol-2026,,,,\n",
        3,
        "value",
        "negative",
    ),
    "share over 100": (
        f"{HEADER}\n{GOOD}\nEST,2026,milex_share_gdp,101,pct_gdp,test-pol-2026,,,,\n",
        3,
        "value",
        "between 0 and 100",
    ),
    "missing source": (
        f"{HEADER}\n{GOOD}\nEST,2026,milex_share_gdp,3,pct_gdp,,,,,\n",
        3,
        "source_id",
        "required",
    ),
    "unknown source": (
        f"{HEADER}\n{GOOD}\nEST,2026,milex_share_gdp,3,pct_gdp,nobody-said-so,,,,\n",
        3,
        "source_id",
        "unknown source",
    ),
    "conflict": (
        f"{HEADER}\n{GOOD}\nPOL,2025,milex_share_gdp,9.99,pct_gdp,nato-defexp-2025-08,,,,\n",
        3,
        "value",
        "conflicts with an existing fact",
    ),
    "missing columns": (
        "entity,year,indicator,value\nPOL,2026,milex_share_gdp,4\n",
        1,
        None,
        "missing column",
    ),
    "unknown year": (
        f"{HEADER}\n{GOOD}\nEST,FY2026,milex_share_gdp,3,pct_gdp,test-pol-2026,,,,\n",
        3,
        "year",
        "not an integer",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_file_changes_nothing(case: str, writable_store_path: Path, tmp_path: Path) -> None:
    text, line, field, message = BAD_CASES[case]
    f = tmp_path / "bad.csv"
    f.write_text(text, encoding="utf-8")
    before = _export(writable_store_path, tmp_path / "before")
    with (
        open_store(writable_store_path, read_only=False) as s,
        pytest.raises(ImportValidationError) as info,
    ):
        import_csv(s, f)
    msg = str(info.value)
    assert f"{f} line {line}" in msg
    if field is not None:
        assert f"field `{field}`" in msg
    assert message in msg
    after = _export(writable_store_path, tmp_path / "after")
    assert _same_export(before, after)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"entity,year\n" + "POL,20\xe925\n".encode("latin-1"), "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
        (b"", "empty file"),
    ],
)
def test_unreadable_files_are_refused(
    payload: bytes, message: str, writable_store_path: Path, tmp_path: Path
) -> None:
    f = tmp_path / "odd.csv"
    f.write_bytes(payload)
    before = _export(writable_store_path, tmp_path / "before")
    with (
        open_store(writable_store_path, read_only=False) as s,
        pytest.raises(ImportValidationError, match=message),
    ):
        import_csv(s, f)
    assert _same_export(before, _export(writable_store_path, tmp_path / "after"))


def test_export_then_import_round_trips(writable_store_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "good.csv"
    f.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    with open_store(writable_store_path, read_only=False) as s:
        import_csv(s, f)
        files = export_store(s, tmp_path / "exp")
    obs = next(p for p in files if p.name == "observations.csv")
    text = obs.read_text(encoding="utf-8")
    assert "test-pol-2026" in text
    # importing the exported observations again changes nothing (same facts, same sources)
    with open_store(writable_store_path, read_only=False) as s:
        body = [ln for ln in text.splitlines()]
        header = body[0].replace(",origin", "")
        rows = [ln.rsplit(",", 1)[0] for ln in body[1:] if ln.endswith(",user")]
        back = tmp_path / "back.csv"
        back.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
        report = import_csv(s, back)
        assert report.inserted == 0 and report.unchanged == len(rows) == 1


IMPORT_SCRIPT = """
import sys
from armsrace.facts.store import open_store
from armsrace.facts.imports import import_csv
with open_store(sys.argv[1], read_only=False) as s:
    r = import_csv(s, sys.argv[2])
print(r.inserted)
"""


def _big_file(path: Path, source: str, n: int, year0: int) -> None:
    lines = [HEADER]
    for i in range(n):
        ent = ("POL", "EST", "LVA", "LTU", "FIN")[i % 5]
        lines.append(
            f"{ent},{year0 + i // 5},milex_share_gdp,{1 + (i % 97) / 100:.2f},pct_gdp,{source},"
            f"Test,Bulk,https://example.org/{source},2025"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_two_processes_importing_at_once(writable_store_path: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    _big_file(a, "bulk-a", 500, 1500)
    _big_file(b, "bulk-b", 500, 1500)
    # the year domain is 1900-2100: use years inside it
    _big_file(a, "bulk-a", 500, 1900)
    _big_file(b, "bulk-b", 500, 1950)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORT_SCRIPT, str(writable_store_path), str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in (a, b)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    for (_out, err), code in zip(outs, codes, strict=True):
        assert code == 0 or "in use by another process" in err, err
    with open_store(writable_store_path) as s:
        for src, code in zip(("bulk-a", "bulk-b"), codes, strict=True):
            n = len(queries.observations(s, source_id=src))
            assert n == (500 if code == 0 else 0)


def test_killed_import_leaves_store_consistent(writable_store_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    lines = [HEADER]
    n = 0
    for ent in ("POL", "EST", "LVA", "LTU", "FIN", "DEU", "FRA", "ITA"):
        for year in range(1900, 2101):
            lines.append(
                f"{ent},{year},milex_usd_current,{year},usd_million,kill-test,T,T,https://example.org/k,"
            )
            n += 1
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _export(writable_store_path, tmp_path / "before")
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, str(writable_store_path), str(f)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with open_store(writable_store_path) as s:
        got = len(queries.observations(s, source_id="kill-test"))
    assert got in (0, n)
    if got == 0:
        assert _same_export(before, _export(writable_store_path, tmp_path / "after"))


def test_store_in_use_fails_cleanly(writable_store_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(30)",
            str(writable_store_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        from armsrace.facts.store import connect

        with pytest.raises(StoreError, match="in use by another process"):
            connect(writable_store_path, read_only=False, timeout_s=0.5)
    finally:
        holder.send_signal(signal.SIGTERM)
        holder.wait(timeout=10)
        assert os.path.exists(writable_store_path)


def test_a_huge_bad_cell_is_shown_shortened(writable_store_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "huge.csv"
    f.write_text(f"{HEADER}\nEST,2026,milex_share_gdp,{'7' * 5000},pct_gdp,test-pol-2026,,,,\n")
    with (
        open_store(writable_store_path, read_only=False) as s,
        pytest.raises(ImportValidationError) as info,
    ):
        import_csv(s, f)
    message = str(info.value)
    assert "field `value`" in message and "(5002 characters)" in message
    assert len(message) < 400
