"""The source table: primary releases, membership sources, then the starter set's sources."""

from __future__ import annotations

from pathlib import Path

from package_data.entities import MEMBERSHIP_SOURCES
from package_data.files import Row, read
from package_data.releases import RELEASES

ACCESSED = "2026-11-26"


def build_sources(ref: Path) -> list[Row]:
    primary = [release.source for release in RELEASES] + MEMBERSHIP_SOURCES
    primary += [relay for release in RELEASES for relay in release.relay_sources]
    rows: list[Row] = [{"date_accessed": ACCESSED, **s} for s in primary]
    for r in read(ref / "sources.csv"):
        rows.append(
            dict(
                source_id=r["source_id"],
                publisher=r["publisher"],
                title=r["title"],
                url=r["url"],
                date_published=r["published_date"],
                date_accessed=ACCESSED,
                license="",
                claim_type="",
                release="",
                obtained_via="search tool (stored public pages)",
                note=r["accessed_note"],
            )
        )
    return rows
