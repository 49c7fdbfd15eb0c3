"""The claims page opens offline in headless Chromium, every claim highlighted with its evidence."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

TEXT = (
    "Monday, 2 June 2025\n\n"
    'Russia spent $149 billion on its military in 2024. <img src="https://example.org/x.png"> '
    "The alliance is economically 20 times larger than Russia. Russian plants run in three shifts."
)


def test_claims_page_offline_with_hover_evidence(store_path: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from armsrace.claims import Article, check_article, render_html
    from armsrace.facts.store import open_store

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}; the test script installs it")
    with open_store(store_path) as store:
        result = check_article(Article(TEXT, "t.txt", "text", dt.date(2025, 6, 2)), store)
    out = tmp_path / "claims.html"
    out.write_text(render_html(result), encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        marks = page.locator(".article mark")
        assert marks.count() == len(result.checks) == 3
        assert [marks.nth(i).get_attribute("class") for i in range(3)] == [
            "supported",
            "contradicted",
            "unverifiable",
        ]
        title = marks.nth(1).get_attribute("title") or ""
        assert "CONTRADICTED" in title and "market exchange rates" in title
        assert page.locator("img").count() == 0  # the article's markup is text, not markup
        assert '<img src="https://example.org/x.png">' in page.locator(".article").inner_text()
        browser.close()
    assert errors == []
    assert all(u.startswith("file:") for u in requests), requests
