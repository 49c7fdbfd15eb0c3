"""Row validation shared by the packaged build and user imports.

Every problem names the file, line and field; all problems of a file are collected before
anything is written.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from armsrace.errors import Problem
from armsrace.facts.schema import (
    ALIAS_KINDS,
    BASES,
    CLAIM_TYPES,
    COUNTRY_SCOPES,
    ENTITY_KINDS,
    EVENT_KINDS,
    INDICATOR_UNITS,
    ITEMS,
    KINDS,
    MIXED_ITEMS,
    PERIODS,
    SCOPES,
    SIDES,
    STORAGE_MEASURES,
    STORAGE_TIMINGS,
    SUBTYPES,
    TableSpec,
)

__all__ = [
    "ParsedFile",
    "check_claims",
    "check_references",
    "key_of",
    "neutralise_cell",
    "parse_csv",
    "read_text",
    "restore_cell",
]

MAX_IMPORT_BYTES = 200 * 1024 * 1024
MAX_CELL_CHARS = 10_000  # longer cells are refused (a note, a title or a URL is far shorter)

# Plain ASCII numbers only: Python's int()/float() would also take '1_000', fullwidth digits
# or 'nan', which no spreadsheet or statistics office writes for a figure.
_INT = re.compile(r"[+-]?[0-9]{1,18}")  # a year or count; more digits is no integer we store
_FLOAT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Cells a spreadsheet would run as a formula (OWASP CSV injection): `data export` puts an
# apostrophe before them, and an import takes it off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ParsedFile:
    """Typed rows of one CSV file, with the line each came from, and the problems found."""

    path: str
    spec: TableSpec
    rows: list[dict[str, object]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extra_columns: tuple[str, ...] = ()


def read_text(path: Path) -> str:
    """Read a CSV file as UTF-8 (BOM allowed); wrong encodings are a named error."""
    from armsrace.errors import ImportValidationError

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportValidationError(
            problems=[Problem(f"cannot read file: {exc.strerror}", path=str(path))]
        ) from exc
    if size > MAX_IMPORT_BYTES:
        raise ImportValidationError(
            problems=[
                Problem(f"file is {size} bytes; the limit is {MAX_IMPORT_BYTES}", path=str(path))
            ]
        )
    raw = path.read_bytes()
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ImportValidationError(
            problems=[
                Problem(
                    f"binary data (NUL byte at offset {nul}); expected a UTF-8 CSV text file",
                    path=str(path),
                    line=_byte_place(raw, nul)[0],
                    field=_byte_place(raw, nul)[1],
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, fld = _byte_place(raw, exc.start)
        raise ImportValidationError(
            problems=[
                Problem(
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                    "save the file as UTF-8",
                    path=str(path),
                    line=line,
                    field=fld,
                )
            ]
        ) from exc


def _byte_place(raw: bytes, offset: int) -> tuple[int, str | None]:
    """Line and header field of byte ``offset`` (the text before it is valid UTF-8)."""
    before = raw[:offset].decode("utf-8-sig", errors="replace")
    # line breaks as the csv module sees them (str.splitlines also breaks at \f, \x1c …)
    parts = re.split(r"\r\n|\r|\n", before)
    ends = parts[-1] == ""
    if ends:
        parts.pop()
    line = len(parts) + (1 if ends else 0)
    # the header is line 1, as for the import itself; a blank one names no field
    if line == 1 or not parts[0].strip():
        return line, None
    first = 0
    try:
        header = next(csv.reader(io.StringIO(parts[first], newline="")), [])
        cells = next(csv.reader(io.StringIO("" if ends else parts[-1], newline="")), [""])
    except csv.Error:  # a cell beyond the csv module's limit: count separators instead
        header = parts[first].split(",")
        cells = ("" if ends else parts[-1]).split(",")
    if not header:
        return line, None
    return line, header[min(max(len(cells) - 1, 0), len(header) - 1)].strip()


def key_of(row: dict[str, object], spec: TableSpec) -> tuple[object, ...]:
    """A row's key for duplicate checks (an alias differs only in letter case: same key)."""
    if spec.name == "alias":
        return (" ".join(str(row["alias"]).split()).casefold(), row["entity_id"])
    return tuple(row.get(k) for k in spec.key)


def _num(text: str) -> float:
    if _FLOAT.fullmatch(text) is None:
        raise ValueError(text)
    v = float(text)
    if math.isnan(v) or math.isinf(v):
        raise ValueError(text)
    return v


def _long_cell(text: str, limit: int) -> tuple[int, int]:
    """Line and field index of the first cell longer than ``limit`` characters (CSV quoting)."""
    line, fld, length, quoted, i, n = 1, 0, 0, False, 0, len(text)
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"' and i + 1 < n and text[i + 1] == '"':
                i += 1
            elif ch == '"':
                quoted = False
                length -= 1
            elif ch == "\n" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
                line += 1
            length += 1
        elif ch == '"' and length == 0:
            quoted = True
        elif ch == ",":
            fld, length = fld + 1, -1
        elif ch in "\r\n":
            if ch == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
            line, fld, length = line + 1, 0, -1
        length += 1
        if length > limit:
            return line, fld
        i += 1
    return line, 0


def parse_csv(
    text: str, spec: TableSpec, path: str, *, allow_extra: Iterable[str] = ()
) -> ParsedFile:
    """Parse and type-check ``text`` as a CSV of ``spec``; collect every problem."""
    out = ParsedFile(path=path, spec=spec)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        out.problems.append(Problem("empty file; expected a header row", path=path, line=1))
        return out
    except csv.Error:
        out.problems.append(_too_long(text, [], path))
        return out
    header = [h.strip() for h in header]
    allowed_extra = set(allow_extra)
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        out.problems.append(
            Problem(
                f"column {repeated[0]!r} appears more than once in the header",
                path=path,
                line=1,
                field=repeated[0],
            )
        )
        return out
    missing = [c for c in spec.required if c not in header]
    if missing:
        out.problems.append(
            Problem(
                f"missing column(s) {', '.join(missing)}; expected columns: {', '.join(spec.columns)}",
                path=path,
                line=1,
                field=missing[0],
            )
        )
        return out
    unknown = [h for h in header if h not in spec.columns and h not in allowed_extra]
    if unknown:
        out.problems.append(
            Problem(f"unknown column(s) {', '.join(unknown)}", path=path, line=1, field=unknown[0])
        )
        return out
    out.extra_columns = tuple(h for h in header if h in allowed_extra)
    seen: dict[tuple[object, ...], int] = {}
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:  # a cell beyond the csv module's own size limit
            out.problems.append(_too_long(text, header, path))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            out.problems.append(
                Problem(
                    f"has {len(record)} fields, the header has {len(header)}",
                    path=path,
                    line=line,
                    field=header[min(len(record), len(header) - 1)],
                )
            )
            continue
        raw = dict(zip(header, (_cell_text(c) for c in record), strict=True))
        row, problems = _type_row(raw, spec, path, line)
        out.problems.extend(problems)
        if problems:
            continue
        key = key_of(row, spec)
        if key in seen:
            out.problems.append(
                Problem(
                    f"duplicate key ({', '.join(spec.key)}) = {key!r}; first seen on line {seen[key]}",
                    path=path,
                    line=line,
                    field=spec.key[0],
                )
            )
            continue
        seen[key] = line
        out.rows.append(row)
        out.lines.append(line)
    return out


def _cell_text(cell: str) -> str:
    """A cell as stored: surrounding blanks dropped, an export's formula guard taken off."""
    return restore_cell(cell.strip())


def _needs_guard(text: str) -> bool:
    if text.startswith("'"):
        return _needs_guard(text[1:]) if len(text) > 1 else False
    return text.startswith(_FORMULA_START) and _FLOAT.fullmatch(text) is None


def neutralise_cell(text: str) -> str:
    """``text`` safe to open in a spreadsheet: an apostrophe before a formula-like cell.

    A cell starting with = + - @ tab or CR gets a leading ``'`` (OWASP's CSV-injection
    rule), except a plain number such as ``-3.5``; a cell that already starts with ``'``
    before such a cell gets another one, so :func:`restore_cell` gives back the exact text.
    """
    return "'" + text if _needs_guard(text) else text


def restore_cell(text: str) -> str:
    """The inverse of :func:`neutralise_cell`."""
    if text.startswith("'") and _needs_guard(text[1:]):
        return text[1:]
    return text


def _too_long(text: str, header: list[str], path: str) -> Problem:
    line, index = _long_cell(text, MAX_CELL_CHARS)
    fld = header[index] if index < len(header) else None
    return Problem(
        f"a cell is longer than {MAX_CELL_CHARS} characters", path=path, line=line, field=fld
    )


def _type_row(
    raw: dict[str, str], spec: TableSpec, path: str, line: int
) -> tuple[dict[str, object], list[Problem]]:
    problems: list[Problem] = []
    row: dict[str, object] = {}

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(msg, path=path, line=line, field=fld, value=raw.get(fld)))

    for col, text in raw.items():
        if len(text) > MAX_CELL_CHARS:
            bad(col, f"is {len(text)} characters long; the limit is {MAX_CELL_CHARS}")
    if problems:
        return row, problems
    for col in spec.columns:
        text = raw.get(col, "")
        if col in spec.required and text == "":
            bad(col, "is required and empty")
            continue
        if col in spec.integer:
            if text == "":
                row[col] = None
                continue
            if _INT.fullmatch(text) is None:
                bad(col, "is not an integer; use a calendar year such as 2025")
            else:
                row[col] = int(text)
            continue
        if col in spec.numeric:
            if text == "":
                row[col] = None
                continue
            try:
                row[col] = _num(text)
            except ValueError:
                bad(col, "is not a number (plain digits and '.', e.g. 4.5; no NaN or infinity)")
            continue
        if col == "estimate":
            low = text.lower()
            if low in ("", "true", "false", "1", "0", "yes", "no"):
                row[col] = None if low == "" else low in ("true", "1", "yes")
            else:
                bad(col, "must be true or false")
            continue
        row[col] = text
    for extra in raw:
        if extra not in spec.columns:
            row[extra] = raw[extra]
    if problems:
        return row, problems
    problems.extend(_domain(row, spec, path, line, raw))
    return row, problems


def _domain(
    row: dict[str, object], spec: TableSpec, path: str, line: int, raw: dict[str, str]
) -> list[Problem]:
    problems: list[Problem] = []

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(msg, path=path, line=line, field=fld, value=raw.get(fld)))

    year = row.get("year")
    if isinstance(year, int) and not 1900 <= year <= 2100:
        bad("year", "is outside 1900-2100")
    if spec.name == "observation":
        ind = str(row["indicator"])
        if ind not in INDICATOR_UNITS:
            bad("indicator", f"unknown indicator; use one of {', '.join(INDICATOR_UNITS)}")
        elif row["unit"] not in INDICATOR_UNITS[ind]:
            bad("unit", f"unit for {ind} must be {' or '.join(INDICATOR_UNITS[ind])}")
        vals = {k: row.get(k) for k in ("low", "value", "high")}
        for k, v in vals.items():
            if not isinstance(v, float):
                continue
            if ind in ("milex_share_gdp", "equipment_share") and not 0 <= v <= 100:
                bad(k, "a share must lie between 0 and 100")
            elif ind.startswith(("milex_usd", "milex_lcu", "gdp_", "budget_")) and v < 0:
                bad(k, "an amount of money cannot be negative")
        problems.extend(_ordered(row, ("low", "value", "high"), path, line, raw))
    elif spec.name == "production":
        for fld, domain in (
            ("item", ITEMS),
            ("kind", KINDS),
            ("period", PERIODS),
            ("claim_type", CLAIM_TYPES),
            ("side", SIDES),
            ("basis", BASES),
            ("scope", SCOPES),
        ):
            if row[fld] not in domain:
                bad(fld, f"must be one of {', '.join(domain)}")
        problems.extend(_production_identity(row, path, line, raw))
        for k in ("low", "central", "high"):
            v = row.get(k)
            if isinstance(v, float) and v < 0:
                bad(k, "a count cannot be negative")
        problems.extend(_ordered(row, ("low", "central", "high"), path, line, raw))
    elif spec.name == "statement":
        if row["claim_type"] not in CLAIM_TYPES:
            bad("claim_type", f"must be one of {', '.join(CLAIM_TYPES)}")
        for k in ("low", "value", "high"):
            v = row.get(k)
            if isinstance(v, float) and v < 0:
                bad(k, "a ratio cannot be negative")
        problems.extend(_ordered(row, ("low", "value", "high"), path, line, raw))
    elif spec.name == "target":
        v = row.get("share_pct")
        if isinstance(v, float) and not 0 <= v <= 100:
            bad("share_pct", "a share must lie between 0 and 100")
    elif spec.name == "entity" and row["kind"] not in ENTITY_KINDS:
        bad("kind", f"must be one of {', '.join(ENTITY_KINDS)}")
    elif spec.name == "alias" and row["alias_kind"] not in ALIAS_KINDS:
        bad("alias_kind", f"must be one of {', '.join(ALIAS_KINDS)}")
    elif spec.name == "storage":
        domains: tuple[tuple[str, tuple[str, ...]], ...] = (
            ("item", ITEMS),
            ("side", SIDES),
            ("measure", STORAGE_MEASURES),
            ("timing", STORAGE_TIMINGS),
            ("claim_type", CLAIM_TYPES),
        )
        for name, allowed in domains:
            if row[name] not in allowed:
                bad(name, f"must be one of {', '.join(allowed)}")
        subtype, item = str(row.get("subtype") or ""), str(row["item"])
        if subtype and subtype not in SUBTYPES.get(item, ()):
            bad("subtype", f"is not a subtype of {item}")
        if not re.fullmatch(r"(19|20)\d\d(-[01]\d(-[0-3]\d)?)?", str(row["as_of"])):
            bad("as_of", "must be YYYY, YYYY-MM or YYYY-MM-DD")
        elif str(row["as_of"])[:4] != str(row.get("year")):
            bad("year", "must be the year of as_of")
        for k in ("low", "central", "high"):
            v = row.get(k)
            if isinstance(v, float) and v < 0:
                bad(k, "a count cannot be negative")
        if all(row.get(k) is None for k in ("low", "central", "high")):
            bad("central", "a storage row needs at least one of low, central, high")
        problems.extend(_ordered(row, ("low", "central", "high"), path, line, raw))
    elif spec.name == "event":
        problems.extend(_event_row(row, path, line, raw))
    elif spec.name == "production_relay":
        order = row.get("relay_order")
        if isinstance(order, int) and order < 2:
            bad("relay_order", "relays count from 2 (1 is the claim's own source_id)")
    return problems


def _event_row(row: dict[str, object], path: str, line: int, raw: dict[str, str]) -> list[Problem]:
    """An event's kind is known; its days are real dates, the last not before the first."""
    import datetime as dt

    problems: list[Problem] = []

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(msg, path=path, line=line, field=fld, value=raw.get(fld)))

    if row["kind"] not in EVENT_KINDS:
        bad("kind", f"must be one of {', '.join(EVENT_KINDS)}")
    days: dict[str, dt.date] = {}
    for fld in ("start_date", "end_date"):
        text = str(row[fld])
        try:
            if not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
                raise ValueError(text)
            days[fld] = dt.date.fromisoformat(text)
        except ValueError:
            bad(fld, "must be a calendar date written YYYY-MM-DD")
    if len(days) == 2 and days["end_date"] < days["start_date"]:
        bad("end_date", "is before start_date")
    return problems


def _production_identity(
    row: dict[str, object], path: str, line: int, raw: dict[str, str]
) -> list[Problem]:
    """Subtype fits the item; country given exactly when the scope names one country."""
    problems: list[Problem] = []

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(msg, path=path, line=line, field=fld, value=raw.get(fld)))

    item, subtype = str(row["item"]), str(row.get("subtype") or "")
    allowed = SUBTYPES.get(item)
    if allowed is not None:
        if subtype and subtype not in allowed:
            shown = ", ".join(allowed) if allowed else "none (leave it empty)"
            bad("subtype", f"is not a subtype of {item}; use one of: {shown}")
        elif not subtype and item in MIXED_ITEMS:
            bad("subtype", f"is required for {item} (it mixes kinds): {', '.join(allowed)}")
    date = str(row.get("claim_date") or "")
    if date and not re.fullmatch(r"(19|20)\d\d(-[01]\d(-[0-3]\d)?)?", date):
        bad("claim_date", "must be YYYY, YYYY-MM or YYYY-MM-DD")
    scope, country = str(row["scope"]), str(row.get("country") or "")
    if scope in ("plant", "country") and not country:
        bad("country", f"is required for scope {scope} (an ISO3 code such as DEU)")
    elif scope not in COUNTRY_SCOPES and country:
        bad("country", f"must be empty for scope {scope} (it covers several countries)")
    return problems


def _ordered(
    row: dict[str, object], cols: tuple[str, str, str], path: str, line: int, raw: dict[str, str]
) -> list[Problem]:
    vals = [(c, row.get(c)) for c in cols if isinstance(row.get(c), float)]
    for (c1, v1), (c2, v2) in zip(vals, vals[1:], strict=False):
        if float(v1) > float(v2):  # type: ignore[arg-type]
            return [
                Problem(
                    f"{c1} ({v1:g}) is greater than {c2} ({v2:g}); need low <= central <= high",
                    path=path,
                    line=line,
                    field=c1,
                    value=raw.get(c1),
                )
            ]
    return []


def check_references(parsed: ParsedFile, *, entities: set[str], sources: set[str]) -> list[Problem]:
    """Problems for rows naming an unknown entity or source."""
    spec = parsed.spec
    ent_cols = {
        "observation": ("entity",),
        "membership": ("country", "bloc"),
        "alias": ("entity_id",),
        "entity": ("parent",),
        "statement": (),
        "production": ("country",),
    }.get(spec.name, ())
    problems: list[Problem] = []
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        for col in ent_cols:
            if row[col] not in entities and not (col in ("parent", "country") and not row[col]):
                problems.append(
                    Problem(
                        "unknown country or bloc; use an ISO3 code such as POL, or NATO / NATO_EUCA",
                        path=parsed.path,
                        line=line,
                        field=col,
                        value=row[col],
                    )
                )
        if "source_id" in spec.columns and row["source_id"] not in sources:
            problems.append(
                Problem(
                    "unknown source; add it to the sources file or give source_* columns",
                    path=parsed.path,
                    line=line,
                    field="source_id",
                    value=row["source_id"],
                )
            )
    return problems


def check_claims(parsed: ParsedFile, *, claims: set[str]) -> list[Problem]:
    """Problems for relay rows naming a production claim that does not exist."""
    return [
        Problem(
            "unknown production claim; relays must name a claim_id of the production table",
            path=parsed.path,
            line=line,
            field="claim_id",
            value=str(row["claim_id"]),
        )
        for row, line in zip(parsed.rows, parsed.lines, strict=True)
        if row["claim_id"] not in claims
    ]
