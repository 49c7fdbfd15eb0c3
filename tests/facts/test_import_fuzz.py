"""`data import` fuzzed: every file is imported whole or refused with file, line and field.

Hypothesis writes CSV files from rows of good and bad cells (wrong types, formula-like
cells, huge fields, odd whitespace, duplicate and conflicting keys, missing, unknown and
repeated columns) in several encodings and line endings, plus arbitrary bytes. For each:
either ``import_csv`` succeeds and every data row is in the store, or it raises
``ImportValidationError`` whose problems all name the file and a line (and the field, for a
problem in a data row), and ``data export`` writes byte-identical files before and after.
Any other exception fails the test.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from armsrace.errors import ImportValidationError
from armsrace.facts.imports import export_store, import_csv
from armsrace.facts.schema import TABLES
from armsrace.facts.store import open_store

OBS = TABLES["observation"].columns
SOURCE_COLS = ("source_publisher", "source_title", "source_url", "source_date")

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid","x")',
    "+1+1",
    "-1+2",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",
    "=1+1",
]
ODD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
# huge cells are drawn as a marker and written out only when the file is (short reprs)
HUGE = st.sampled_from(["<huge:12000>", "<huge:140000>", "9" * 5000, "1" + "0" * 400])
NUMBERISH = st.sampled_from(
    [
        "4.5",
        "-3",
        "1e400",
        "nan",
        "inf",
        "-inf",
        "1_000",
        "２０２５",
        " 12 ",
        "0x10",
        "1,5",
        "",
        "-0",
    ]
)


def _cell(column: str) -> st.SearchStrategy[str]:
    good: dict[str, st.SearchStrategy[str]] = {
        "entity": st.sampled_from(["POL", "DEU", "EST", "XXX", "pol"]),
        "year": st.sampled_from(["2026", "2027", "1899", "FY2024", "2026.0", "２０２６"]),
        "indicator": st.sampled_from(["milex_share_gdp", "gdp_usd_current", "bogus"]),
        "unit": st.sampled_from(["pct_gdp", "usd_billion", "usd_million", "furlongs"]),
        "value": NUMBERISH,
        "low": NUMBERISH,
        "high": NUMBERISH,
        "estimate": st.sampled_from(["", "true", "false", "maybe"]),
        "source_id": st.sampled_from(["fuzz-src", "fuzz-src-2", "sipri-milex-2025", "no-such"]),
        "source_publisher": st.sampled_from(["Fuzz ministry", "", "=evil()"]),
        "source_title": st.sampled_from(["Plan", "Other plan", ""]),
        "source_url": st.sampled_from(["https://example.org/f", ""]),
        "source_date": st.sampled_from(["2025-09", ""]),
    }
    base = good.get(column, st.sampled_from(["", "plain text"]))
    return st.one_of(base, base, base, st.sampled_from(FORMULAS), ODD_TEXT, HUGE)


@st.composite
def csv_files(draw: st.DrawFn) -> FuzzFile:
    header = list(OBS) + list(SOURCE_COLS)
    change = draw(st.sampled_from(["none", "none", "drop", "extra", "repeat", "shuffle"]))
    if change == "drop":
        header.remove(draw(st.sampled_from(header)))
    elif change == "extra":
        header.insert(draw(st.integers(0, len(header))), draw(st.sampled_from(["origin", "zzz"])))
    elif change == "repeat":
        header.append(draw(st.sampled_from(["value", "note"])))
    elif change == "shuffle":
        header = draw(st.permutations(header))
    n_rows = draw(st.integers(0, 4))
    rows = [[draw(_cell(c)) for c in header] for _ in range(n_rows)]
    if rows and draw(st.booleans()):
        rows.append(list(draw(st.sampled_from(rows))))  # a duplicate key
    if rows and draw(st.integers(0, 5)) == 0:
        del rows[-1][-1]  # a short row
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    damage = None
    if draw(st.integers(0, 9)) == 0:
        damage = (draw(st.floats(0, 1)), draw(st.sampled_from([b"\x00", b"\xff\xfe", b'"', b"\r"])))
    return FuzzFile([header, *rows], newline, encoding, damage)


@dataclass(frozen=True)
class FuzzFile:
    rows: list[list[str]]
    newline: str
    encoding: str
    damage: tuple[float, bytes] | None

    def to_bytes(self) -> bytes:
        rows = [[_expand(c) for c in row] for row in self.rows]
        buf = io.StringIO()
        csv.writer(buf, lineterminator=self.newline).writerows(rows)
        data = buf.getvalue().encode(self.encoding, errors="replace")
        if self.damage is not None:
            cut = int(self.damage[0] * len(data))
            data = data[:cut] + self.damage[1] + data[cut:]
        return data


def _expand(cell: str) -> str:
    if cell.startswith("<huge:"):
        return "x" * int(cell[6:-1])
    return cell


def _snapshot(store: object, out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in export_store(store, out)}  # type: ignore[arg-type]


def _first_line(data: bytes) -> bytes:
    """Line 1 as the csv module splits lines (a blank one is a file with no header)."""
    return re.split(rb"\r\n|\r|\n", data.removeprefix(b"\xef\xbb\xbf"), maxsplit=1)[0]


def _data_lines(data: bytes) -> int:
    text = data.decode("utf-8-sig")  # the import succeeded, so this is UTF-8
    return sum(1 for row in list(csv.reader(io.StringIO(text, newline="")))[1:] if any(row))


def _check(store: object, path: Path, data: bytes, tmp: Path, before: dict[str, bytes]) -> bool:
    """Import one file; True when the store changed."""
    path.write_bytes(data)
    try:
        report = import_csv(store, path)  # type: ignore[arg-type]
    except ImportValidationError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.path == str(path), p
            assert p.line is not None and p.line >= 1, p
            if p.line > 1 and _first_line(data).strip():
                assert p.field, p  # a problem in a data row names its header's field
        assert _snapshot(store, tmp / "after") == before, "refused import changed the store"
        return False
    assert report.inserted + report.unchanged == _data_lines(data)
    return report.inserted > 0 or bool(report.new_sources)


class _Target:
    """A writable store and its last export (short repr: hypothesis prints its arguments)."""

    def __init__(self, store: object, before: dict[str, bytes]) -> None:
        self.store, self.before = store, before

    def __repr__(self) -> str:
        return "<fuzzed store>"


@pytest.fixture
def fuzz_store(writable_store_path: Path, tmp_path: Path) -> Iterator[_Target]:
    """One writable store for all examples; its export is re-taken only when it changes."""
    with open_store(writable_store_path, read_only=False) as store:
        yield _Target(store, _snapshot(store, tmp_path / "first"))


@settings(
    max_examples=60,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # shrinking costs an export a step
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=st.one_of(csv_files(), csv_files(), st.binary(max_size=300)))
def test_import_is_whole_or_refused_with_location(
    fuzz_store: _Target, tmp_path: Path, case: FuzzFile | bytes
) -> None:
    store = fuzz_store.store
    data = case if isinstance(case, bytes) else case.to_bytes()
    if _check(store, tmp_path / "fuzz.csv", data, tmp_path, fuzz_store.before):
        fuzz_store.before = _snapshot(store, tmp_path / "before")


HEADER = "entity,year,indicator,value,unit,source_id,note"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("POL,2026,milex_share_gdp,4.8,pct_gdp,sipri-milex-2025,{}".format("x" * 200_000), None),
        ("POL,２０２６,milex_share_gdp,4.8,pct_gdp,sipri-milex-2025,", "year"),
        ("POL,2026,milex_share_gdp,4_8,pct_gdp,sipri-milex-2025,", "value"),
        ("POL,2026,milex_share_gdp,1e400,pct_gdp,sipri-milex-2025,", "value"),
    ],
    ids=["huge field", "fullwidth digits", "underscore in number", "overflow"],
)
def test_cases_the_fuzzer_found(
    writable_store_path: Path, tmp_path: Path, body: str, field: str | None
) -> None:
    path = tmp_path / "case.csv"
    path.write_text(f"{HEADER}\n{body}\n", encoding="utf-8")
    with open_store(writable_store_path, read_only=False) as store:
        before = _snapshot(store, tmp_path / "before")
        with pytest.raises(ImportValidationError) as info:
            import_csv(store, path)
        assert _snapshot(store, tmp_path / "after") == before
    p = info.value.problems[0]
    assert p.path == str(path) and p.line == 2
    assert p.field == (field or "note")


def test_repeated_header_column_is_refused(writable_store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "rep.csv"
    path.write_text(
        f"{HEADER},value\nPOL,2026,milex_share_gdp,4.8,pct_gdp,sipri-milex-2025,,9.9\n",
        encoding="utf-8",
    )
    with (
        open_store(writable_store_path, read_only=False) as store,
        pytest.raises(ImportValidationError) as info,
    ):
        import_csv(store, path)
    p = info.value.problems[0]
    assert (p.line, p.field) == (1, "value") and "more than once" in p.message


ROUND_TRIP = [
    "entity,year,indicator,value,unit,source_id,note,"
    "source_publisher,source_title,source_url,source_date",
    "POL,2031,milex_share_gdp,4.9,pct_gdp,test-roundtrip,\"=cmd|' /C calc'!A0\","
    "Test ministry,Round trip,https://example.org/rt,2026-01",
    "DEU,2031,milex_real_change,-2.5,pct,test-roundtrip,-5% in real terms,,,,",
    "EST,2031,milex_share_gdp,5.1,pct_gdp,test-roundtrip,@Tallinn +plan,,,,",
    "LVA,2031,milex_share_gdp,5.0,pct_gdp,test-roundtrip,'=already quoted,,,,",
    "LTU,2031,milex_share_gdp,5.5,pct_gdp,test-roundtrip,-3,,,,",
]


def test_export_neutralises_formulas_and_round_trips(store_path: Path, tmp_path: Path) -> None:
    import shutil

    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    shutil.copy(store_path, first)
    shutil.copy(store_path, second)
    user = tmp_path / "user.csv"
    user.write_text("\r\n".join(ROUND_TRIP) + "\r\n", encoding="utf-8-sig")  # BOM, CRLF
    with open_store(first, read_only=False) as store:
        assert import_csv(store, user).inserted == 5
        exported = {p.name: p.read_bytes() for p in export_store(store, tmp_path / "e1")}
    obs = exported["observations.csv"].decode("utf-8")
    assert "'=cmd|' /C calc'!A0" in obs and "\n=cmd" not in obs and ",=cmd" not in obs
    assert ",'-5% in real terms," in obs and ",'@Tallinn +plan," in obs
    # an apostrophe before a formula-like cell is read as the guard: the note is stored
    # without it (and written with it again)
    assert ",'=already quoted," in obs
    assert ",-2.5," in obs and ",'-2.5" not in obs  # numbers are not formulas
    assert ",-3," in obs  # a plain number in a text column neither
    assert "Test ministry" in exported["sources.csv"].decode("utf-8")

    # a second store: the source first (one line of the user file), then the whole export
    head = tmp_path / "source.csv"
    head.write_text("\n".join(ROUND_TRIP[:2]) + "\n", encoding="utf-8")
    with open_store(second, read_only=False) as store:
        import_csv(store, head)
        report = import_csv(store, tmp_path / "e1" / "observations.csv")
        assert report.inserted == 4
        again = {p.name: p.read_bytes() for p in export_store(store, tmp_path / "e2")}
    assert again == exported
    with open_store(second) as store:
        notes = store.sql(
            "SELECT entity, note FROM observation WHERE source_id = 'test-roundtrip' ORDER BY 1"
        )
    assert dict(zip(notes["entity"], notes["note"], strict=True)) == {
        "DEU": "-5% in real terms",
        "EST": "@Tallinn +plan",
        "LTU": "-3",
        "LVA": "=already quoted",
        "POL": "=cmd|' /C calc'!A0",
    }
