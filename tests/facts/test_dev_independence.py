"""The store must not cite the articles the claim checker is scored on.

A figure whose only source is one of the labelled development articles would let the checker
"support" that article with its own words, and the dev scores would mean nothing. Every source
URL the project packages (fact sources, scenario inputs) is compared with the ``URL:`` line of
each article in ``shared/articles/dev``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from claims_eval import shared_dir  # noqa: E402

DATA = ROOT / "src" / "armsrace" / "facts" / "data"
SCENARIOS = ROOT / "src" / "armsrace" / "race" / "scenarios"


def _key(url: str) -> str:
    """A URL without scheme, ``www.``, query, fragment and trailing slash."""
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return re.split(r"[?#]", url)[0].rstrip("/")


def _dev_urls() -> dict[str, str]:
    dev = shared_dir() / "articles" / "dev"
    if not dev.is_dir():
        pytest.skip(f"no development articles at {dev}")
    urls = {}
    for path in sorted(dev.glob("*.txt")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("URL:"):
            urls[_key(first[4:])] = path.name
    assert urls, f"no URL: lines found in {dev}"
    return urls


def _packaged_urls() -> list[tuple[str, str]]:
    found = []
    for path in sorted(DATA.glob("sources*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                if row.get("url"):
                    found.append((f"{path.name} line {line} ({row['source_id']})", row["url"]))
    for path in sorted(SCENARIOS.glob("*.yml")):
        for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for url in re.findall(r"https?://\S+", text):
                found.append((f"{path.name} line {line}", url.strip("\"',")))
    return found


def test_the_key_ignores_scheme_query_and_slash() -> None:
    assert _key("https://www.example.org/a/b/?amp=1") == _key("http://example.org/a/b")
    assert _key("https://example.org/a/b") != _key("https://example.org/a/c")


def test_no_packaged_source_is_a_development_article() -> None:
    dev = _dev_urls()
    packaged = _packaged_urls()
    assert len(packaged) > 100  # the scan reads the real tables
    hits = [
        f"{where}: {url} is dev article {dev[_key(url)]}"
        for where, url in packaged
        if _key(url) in dev
    ]
    assert not hits, "\n".join(hits)
