"""What changed between two releases of one publisher: revisions, largest first.

A *release* is an ``observation.release`` label of the form ``PUBLISHER [SERIES] DATE``
(``NATO 2025-08``, ``NATO AR 2026-03``, ``SIPRI 2025``, ``IMF WEO 2025-10``): the first word
names the publisher, the trailing ``YYYY`` or ``YYYY-MM`` orders its releases. Labels that do
not end in a date ("NATO (release not stated)", budget laws) are not releases here.

Two releases are compared figure by figure: same entity, year, indicator and price base (a
constant-price series in another base year is a different figure, never a revision). Within
one release the publisher's own table (a source that names the release and whose publisher
is the release's publisher, :data:`armsrace.facts.queries.OWN_TABLE_SQL`) speaks for it;
press relays only where the table is silent. A change no larger than the rounding
of the coarser of the two printed values (4.48 against 4.480549; "109 billion" against
109,203.6 million) is not a revision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armsrace.errors import ReleaseError
from armsrace.facts.queries import OWN_TABLE_SQL

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore

__all__ = ["COLUMNS", "Release", "latest_pairs", "releases", "revisions"]

_RELEASE = re.compile(r"^(?P<publisher>[A-Za-z]+)\b.*?\b(?P<date>\d{4}(?:-\d{2})?)$")

COLUMNS = (
    "entity",
    "year",
    "indicator",
    "price_base",
    "unit",
    "old_value",
    "new_value",
    "change",
    "pct_change",
    "old_estimate",
    "new_estimate",
    "definition",
    "from_release",
    "to_release",
    "from_source_id",
    "to_source_id",
    "note",
)


@dataclass(frozen=True, order=True)
class Release:
    """One publisher's release, ordered by publisher then date."""

    publisher: str
    date: str
    label: str


def parse_release(label: str) -> Release | None:
    """The publisher and date of a release label; None when the label is not a release."""
    m = _RELEASE.match(label.strip())
    if m is None:
        return None
    return Release(publisher=m["publisher"].upper(), date=m["date"], label=label)


def releases(store: FactStore) -> pd.DataFrame:
    """Known releases: release, publisher, date, rows, source_ids (newest last per publisher)."""
    import pandas as pd

    frame = store.sql(
        "SELECT release, count(*) AS rows, string_agg(DISTINCT source_id, ';' ORDER BY source_id) "
        "AS source_ids FROM observation WHERE release IS NOT NULL GROUP BY release"
    )
    out = []
    for r in frame.itertuples(index=False):
        rel = parse_release(str(r.release))
        if rel is not None:
            out.append(
                {
                    "release": rel.label,
                    "publisher": rel.publisher,
                    "date": rel.date,
                    "rows": int(r.rows),
                    "source_ids": str(r.source_ids),
                }
            )
    cols = ["release", "publisher", "date", "rows", "source_ids"]
    if not out:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(out, columns=cols).sort_values(
        ["publisher", "date", "release"], ignore_index=True
    )


def latest_pairs(store: FactStore) -> list[tuple[str, str]]:
    """(older, newer) labels of the two newest releases of each publisher that has two."""
    known = releases(store)
    pairs = []
    for _, group in known.groupby("publisher", sort=True):
        if len(group) >= 2:
            pairs.append((str(group["release"].iloc[-2]), str(group["release"].iloc[-1])))
    return pairs


def _check(store: FactStore, from_release: str, to_release: str) -> tuple[Release, Release]:
    known = releases(store)
    listing = "; ".join(
        f"{p}: {', '.join(g['release'])}" for p, g in known.groupby("publisher", sort=True)
    )
    found = []
    for label in (from_release, to_release):
        if label not in set(known["release"]):
            raise ReleaseError(f"unknown release {label!r}; known releases — {listing}")
        rel = parse_release(label)
        assert rel is not None
        found.append(rel)
    old, new = found
    if old.publisher != new.publisher:
        raise ReleaseError(
            f"{from_release!r} ({old.publisher}) and {to_release!r} ({new.publisher}) are "
            "releases of different publishers; revisions compare two releases of one "
            f"publisher — known releases — {listing}"
        )
    if old.label == new.label:
        raise ReleaseError(f"--from and --to are the same release ({from_release!r})")
    return old, new


def _rounding_unit(value: float) -> float:
    """The unit a printed value is rounded to: 0.01 for 4.48, 1000 for 109000 (trailing
    zeros of a whole number are read as rounding, as in "109 billion" held in millions)."""
    text = f"{float(value):.10f}".rstrip("0")
    whole, _, frac = text.partition(".")
    if frac:
        return 10.0 ** (-len(frac))
    digits = whole.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return 10.0**zeros


def _one_release(store: FactStore, label: str, filters: str, params: list[object]) -> pd.DataFrame:
    """One value per figure of the release: the publisher's own table first, then relays."""
    frame = store.sql(
        "SELECT o.entity, o.year, o.indicator, coalesce(o.price_base, '') AS price_base, o.unit, "
        "o.value, o.estimate, coalesce(o.definition, '') AS definition, o.source_id, "
        f"(s.release = o.release AND {OWN_TABLE_SQL}) AS own_table FROM observation o "
        "JOIN source s ON s.source_id = o.source_id "
        f"WHERE o.release = ? AND o.value IS NOT NULL{filters} "
        "ORDER BY o.entity, o.year, o.indicator, price_base, own_table DESC, o.source_id",
        [label, *params],
    )
    key = ["entity", "year", "indicator", "price_base"]
    first = frame.drop_duplicates(key, keep="first").set_index(key)
    # other sources of the same release that give the figure differently (beyond rounding)
    others = frame.merge(first[["value"]].rename(columns={"value": "chosen"}), on=key)
    differs = [
        _beyond_rounding(v, c) for v, c in zip(others["value"], others["chosen"], strict=True)
    ]
    others = others[differs]
    said: dict[tuple[object, ...], list[str]] = {}
    for r in others.itertuples(index=False):
        k = (r.entity, r.year, r.indicator, r.price_base)
        said.setdefault(k, []).append(f"{r.source_id} {r.value:g}")
    first["others"] = ["; ".join(said.get(k, [])) for k in first.index]
    return first


def _beyond_rounding(a: float, b: float) -> bool:
    """True when ``a`` and ``b`` differ by more than the rounding of the coarser one."""
    unit = max(_rounding_unit(a), _rounding_unit(b))
    return abs(a - b) > 0.5 * unit * (1 + 1e-9)


def revisions(
    store: FactStore,
    *,
    from_release: str,
    to_release: str,
    entity: str | list[str] | None = None,
    indicator: str | list[str] | None = None,
) -> pd.DataFrame:
    """Figures that changed between two releases of one publisher, largest change first.

    Columns: :data:`COLUMNS`. ``change`` = new - old in the figure's unit; ``pct_change`` is
    relative to the old value (NaN when it is 0). Rows are grouped by indicator
    (alphabetical) and ordered by ``|change|`` within it, largest first: changes are only
    comparable within one indicator's unit. ``frame.attrs["compared"]`` counts the figures
    found in both releases, revised or not. Raises ReleaseError for unknown releases or
    releases of different publishers.
    """
    import pandas as pd

    old, new = _check(store, from_release, to_release)
    filters = ""
    params: list[object] = []
    for col, val in (("o.entity", entity), ("o.indicator", indicator)):
        if val is None:
            continue
        vals = [val] if isinstance(val, str) else list(val)
        filters += f" AND {col} IN ({', '.join('?' for _ in vals)})"
        params.extend(vals)
    a = _one_release(store, old.label, filters, params)
    b = _one_release(store, new.label, filters, params)
    key = ["entity", "year", "indicator", "price_base"]
    both = a.reset_index().merge(b.reset_index(), on=key, suffixes=("_old", "_new"))
    compared = len(both)
    if both.empty:
        empty = pd.DataFrame(columns=list(COLUMNS))
        empty.attrs["compared"] = 0
        return empty
    keep = [
        _beyond_rounding(x, y) for x, y in zip(both["value_old"], both["value_new"], strict=True)
    ]
    both = both[keep]
    change = (both["value_new"] - both["value_old"]).round(10)  # drop float noise only
    out = pd.DataFrame(
        {
            "entity": both["entity"],
            "year": both["year"].astype(int),
            "indicator": both["indicator"],
            "price_base": both["price_base"],
            "unit": both["unit_new"],
            "old_value": both["value_old"],
            "new_value": both["value_new"],
            "change": change,
            "pct_change": (change / both["value_old"].where(both["value_old"] != 0)) * 100,
            "old_estimate": both["estimate_old"],
            "new_estimate": both["estimate_new"],
            "definition": [
                o if o == n else f"{o or '?'} -> {n or '?'}"
                for o, n in zip(both["definition_old"], both["definition_new"], strict=True)
            ],
            "from_release": old.label,
            "to_release": new.label,
            "from_source_id": both["source_id_old"],
            "to_source_id": both["source_id_new"],
            "note": [
                "; ".join(
                    f"{side} release also: {text}"
                    for side, text in (("old", x), ("new", y))
                    if text
                )
                for x, y in zip(both["others_old"], both["others_new"], strict=True)
            ],
        }
    )
    out["_abs"] = out["change"].abs()
    out = out.sort_values(
        ["indicator", "_abs", "entity", "year"], ascending=[True, False, True, True]
    )
    out = out.drop(columns="_abs").reset_index(drop=True)[list(COLUMNS)]
    out.attrs["compared"] = compared
    return out
