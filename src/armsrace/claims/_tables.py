"""Finder for ranking tables: rows of rank, country and value(s), as pages flatten them.

::

    Country  $ billions  % of GDP
    1 Atlantis  120  3.1
    2 Borduria  95,5 2,4        (or run together: "2Borduria95,52,4")

A run of at least three lines that each start with a rank (1, 2, 3 … in sequence), then a
name, then numbers, is a ranking table. The line before the first row is its heading: the
heading's column words (``table_columns`` in ``claims/data/cues.yml``) say how many values a
row holds and what each measures. Each value becomes one claim whose span runs from the
rank to the end of that value, as written; the subject is the row's country (the store's
alias table; a misspelt name resolved only when one alias is that close), the year the
heading's, else the year the text before the table names most (origin ``context``, never
explicit enough to contradict).

Cells run together ("8773,5") are split by general rules, not by the facts: each cell is a
number in the table's decimal convention (at most one decimal mark, one or two decimals, no
leading zero), a share is at most its column's bound, and the first value column — the
one the table ranks by — never rises from one rank to the next. Among the splits left, the
smoothest ranked column wins (the least squared log-ratio between neighbours). A row whose
split the hard rules alone do not fix carries the origin ``value: inferred``; the verdict
rules never call such a value contradicted.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

from armsrace.claims._amounts import _definition
from armsrace.claims._claim import Claim
from armsrace.claims._context import _Context, _scan_years
from armsrace.claims._cues import cue_section, cues
from armsrace.claims._entities import AMBIGUOUS, _fold

__all__ = ["_find_tables"]

_ROW = re.compile(
    r"^[ \t]*(?P<rank>\d{1,3})(?:[.)][ \t]*|[ \t]*)"
    r"(?P<name>[^\W\d_][^\d\n|\t]{1,48}?)[ \t|]*"
    r"(?P<cells>\d[\d.,% \t|$€]*?)[ \t]*$",
    re.MULTILINE,
)
_MIN_ROWS = 3
_MAX_CELLS_CHARS = 24


@dataclass(frozen=True)
class _Column:
    kind: str
    unit: str
    metric: str | None
    scale: float
    bound: float | None
    at: int  # position of the cue in the heading


@dataclass(frozen=True)
class _Row:
    start: int  # offset of the rank in the text
    rank: int
    name: str
    cells_at: int  # offset of the cells in the text
    cells: str


@cache
def _column_cues() -> tuple[tuple[re.Pattern[str], dict[str, Any]], ...]:
    return tuple(
        (re.compile(str(spec["cue"]), re.IGNORECASE), dict(spec))
        for spec in cue_section("table_columns")
    )


def _columns(heading: str) -> list[_Column]:
    found: list[_Column] = []
    taken: list[tuple[int, int]] = []
    for pattern, spec in _column_cues():
        for m in pattern.finditer(heading):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(
                _Column(
                    kind=str(spec["kind"]),
                    unit=str(spec["unit"]),
                    metric=None if spec.get("metric") is None else str(spec["metric"]),
                    scale=float(spec.get("scale", 1.0)),
                    bound=None if spec.get("max") is None else float(spec["max"]),
                    at=m.start(),
                )
            )
    return sorted(found, key=lambda c: c.at)


def _find_tables(ctx: _Context, out: list[Claim]) -> None:
    text = ctx.text
    if "\n" not in text:
        return
    rows = [
        _Row(
            m.start("rank"),
            int(m.group("rank")),
            m.group("name").strip(),
            m.start("cells"),
            m.group("cells"),
        )
        for m in _ROW.finditer(text)
        if len(m.group("cells")) <= _MAX_CELLS_CHARS
    ]
    for run in _runs(text, rows):
        _table_claims(ctx, run, out)


def _runs(text: str, rows: list[_Row]) -> list[list[_Row]]:
    """Consecutive lines whose ranks go up by one."""
    runs: list[list[_Row]] = []
    current: list[_Row] = []
    for row in rows:
        if current:
            prev = current[-1]
            between = text[prev.cells_at + len(prev.cells) : row.start]
            if row.rank == prev.rank + 1 and between.strip() == "" and between.count("\n") <= 2:
                current.append(row)
                continue
            if len(current) >= _MIN_ROWS:
                runs.append(current)
        current = [row]
    if len(current) >= _MIN_ROWS:
        runs.append(current)
    return runs


def _heading(text: str, first: _Row) -> tuple[int, str, str]:
    """(offset, title and column line, column line) before the table's first row: the
    non-blank line before it names the columns; a line right above that (no blank line
    between) is the table's title, read for its year and source only."""
    lines: list[tuple[int, str]] = []
    end = text.rfind("\n", 0, first.start)
    while end > 0 and len(lines) < 2:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.strip():
            if lines:
                break
        elif len(line) > 200:
            break
        else:
            lines.append((start, line))
        end = start - 1
    if not lines:
        return 0, "", ""
    return lines[-1][0], text[lines[-1][0] : lines[0][0] + len(lines[0][1])], lines[0][1]


def _table_claims(ctx: _Context, run: list[_Row], out: list[Claim]) -> None:
    text = ctx.text
    h_at, heading, column_line = _heading(text, run[0])
    columns = _columns(column_line)
    if not columns:
        return  # nothing says what the numbers are
    mark = _decimal_mark(run)
    parsed = _split_rows(run, len(columns), mark, columns)
    if parsed is None:
        return
    before = text[max(0, h_at - 1500) : h_at]
    lex = cues()
    spending = lex.family_cue["spending_money"].search(heading) or lex.family_cue[
        "spending_money"
    ].search(before[-600:])
    year, period = _table_year(ctx, heading, h_at)
    if year is None:
        return
    definition = _definition(before + heading, len(before) + len(heading))
    for row, (cells, certain) in zip(run, parsed, strict=True):
        subject = _country(ctx, row.name)
        for col, (value, end, decimals) in zip(columns, cells, strict=True):
            if col.kind == "money":
                metric = "milex" if spending else "money"
                metric_origin = "heading" if spending else "inferred"
            else:
                metric, metric_origin = str(col.metric), "heading"
            stop = row.cells_at + end
            if ctx.is_taken(row.start, stop):
                continue
            origins = [
                ("subject", "clause" if subject is not None else "none"),
                ("metric", metric_origin),
                ("period", period),
            ]
            if col.kind == "money":
                origins.append(("measure", "default"))
            if not certain:
                origins.append(("value", "inferred"))
            out.append(
                Claim(
                    start=row.start,
                    end=stop,
                    text=text[row.start : stop],
                    value=value * col.scale,
                    unit=col.unit,
                    kind=col.kind,
                    metric=metric,
                    subject=subject,
                    year=year,
                    year_explicit=True,
                    definition=definition,
                    precision=0.5 * 10.0**-decimals * col.scale,
                    origins=tuple(origins),
                )
            )
        ctx.take(row.start, row.cells_at + len(row.cells))


def _country(ctx: _Context, name: str) -> str | None:
    lexicon = ctx.lexicon
    code = lexicon.code(name)
    if code is None and len(name) >= 6:
        # a misspelt name ("Atlantsi") stands for the one alias that close to it
        close = difflib.get_close_matches(_fold(name), list(lexicon.folded), n=2, cutoff=0.9)
        if len(close) == 1:
            code = lexicon.folded[close[0]]
    return None if code in (None, AMBIGUOUS) else code


def _table_year(ctx: _Context, heading: str, heading_at: int) -> tuple[int | None, str]:
    """The heading's one year, else the year the text before the table names most."""
    years = {y for _, y in _scan_years(ctx, (heading_at, heading_at + len(heading)))[0]}
    if len(years) == 1:
        return years.pop(), "heading"
    if years:
        return None, "none"
    mentions, _, _ = _scan_years(ctx, (max(0, heading_at - 1500), heading_at))
    if ctx.default_year is not None:
        mentions = [(p, y) for p, y in mentions if y <= ctx.default_year]
    if not mentions:
        return None, "none"
    counts = Counter(y for _, y in mentions)
    best = max(counts.values())
    return max(y for y, n in counts.items() if n == best), "context"


def _decimal_mark(run: list[_Row]) -> str:
    cells = "".join(r.cells for r in run)
    if "," in cells and "." not in cells:
        return ","
    return "."


def _number(raw: str, mark: str) -> tuple[float, int] | None:
    """(value, decimals) of one cell, or None when it is no number in the convention."""
    raw = raw.strip().strip("%$€").strip()
    whole, _, frac = raw.partition(mark)
    if not whole.isdigit() or (frac and not frac.isdigit()) or (mark in raw and not frac):
        return None
    if len(whole) > 1 and whole[0] == "0" or len(frac) > 2:
        return None
    return float(f"{whole}.{frac or 0}"), len(frac)


_Cells = list[tuple[float, int, int]]  # (value, end offset in the cells, decimals)


def _options(cells: str, k: int, mark: str, columns: list[_Column]) -> list[_Cells]:
    """Every reading of a row's cells as ``k`` numbers."""
    parts = [p for p in re.split(r"[ \t|]+", cells.strip()) if p]
    if len(parts) == k:  # the cells are separated: one reading
        got: _Cells = []
        pos = 0
        for p in parts:
            pos = cells.index(p, pos) + len(p)
            n = _number(p, mark)
            if n is None:
                return []
            got.append((n[0], pos, n[1]))
        return [got] if _plausible(got, columns) else []
    if len(parts) != 1:
        return []
    run = parts[0]
    offset = cells.index(run)
    out = []
    for cuts in combinations(range(1, len(run)), k - 1):
        bounds = (0, *cuts, len(run))
        got = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            n = _number(run[a:b], mark)
            if n is None:
                break
            got.append((n[0], offset + b, n[1]))
        else:
            if _plausible(got, columns):
                out.append(got)
    return out


def _plausible(cells: _Cells, columns: list[_Column]) -> bool:
    return all(
        col.bound is None or value <= col.bound
        for (value, _, _), col in zip(cells, columns, strict=True)
    )


def _split_rows(
    run: list[_Row], k: int, mark: str, columns: list[_Column]
) -> list[tuple[_Cells, bool]] | None:
    """Each row's reading and whether the hard rules alone fix it; None when no reading
    keeps the ranked (first) column from rising."""
    options = [_options(r.cells, k, mark, columns) for r in run]
    if any(not o for o in options):
        return None
    n = len(run)
    # feasible[i][j]: option j of row i starts a non-rising path to the end / from the start
    fwd = [[True] * len(o) for o in options]
    for i in range(1, n):
        fwd[i] = [
            any(
                fwd[i - 1][p] and options[i - 1][p][0][0] >= o[0][0]
                for p in range(len(options[i - 1]))
            )
            for o in options[i]
        ]
    bwd = [[True] * len(o) for o in options]
    for i in range(n - 2, -1, -1):
        bwd[i] = [
            any(
                bwd[i + 1][q] and o[0][0] >= options[i + 1][q][0][0]
                for q in range(len(options[i + 1]))
            )
            for o in options[i]
        ]
    alive = [[j for j in range(len(options[i])) if fwd[i][j] and bwd[i][j]] for i in range(n)]
    if any(not a for a in alive):
        return None
    # the smoothest non-rising ranked column: least sum of squared log-ratios
    cost: list[dict[int, tuple[float, int | None]]] = [{j: (0.0, None) for j in alive[0]}]
    for i in range(1, n):
        here: dict[int, tuple[float, int | None]] = {}
        for j in alive[i]:
            v = options[i][j][0][0]
            best: tuple[float, int | None] = (math.inf, None)
            for p, (c, _) in cost[i - 1].items():
                u = options[i - 1][p][0][0]
                if u < v:
                    continue
                step = math.log((u + 1e-9) / (v + 1e-9)) ** 2
                if c + step < best[0]:
                    best = (c + step, p)
            if best[1] is not None:
                here[j] = best
        cost.append(here)
    j_end = min(cost[-1], key=lambda j: cost[-1][j][0])
    chosen = [j_end]
    for i in range(n - 1, 0, -1):
        prev = cost[i][chosen[-1]][1]
        assert prev is not None
        chosen.append(prev)
    chosen.reverse()
    return [(options[i][chosen[i]], len(alive[i]) == 1) for i in range(n)]
