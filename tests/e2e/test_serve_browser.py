"""Click through every dashboard view in headless Debian chromium against a real server.

Any request to anything but the test server fails the test (route interception), so the
page is shown to work offline. Screenshots go to the test's output directory (and to
``$SERVE_SCREENSHOT_DIR`` when set, which is how docs/img is refreshed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = '<script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">'
ARTICLE = (
    "Monday, 2 June 2025\n\nRussia spent $149 billion on its military in 2024, about 7.1% of "
    "GDP. Poland already spends more than 4% of its GDP on defence. " + HOSTILE + "\n"
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _until(page: Any, expression: str, timeout_s: float = 60.0) -> None:
    """Poll a JS expression (page.wait_for_function would need 'unsafe-eval' under our CSP)."""
    import time

    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


def _shot(page: Any, out: Path, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
    extra = os.environ.get("SERVE_SCREENSHOT_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(extra) / f"serve-{name}.png"), full_page=False)


def test_every_view_works_offline(served: Any, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}; scripts/test.sh installs it")
    base = served.url
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith((base + "/", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", route)

        # Targets: chart, table; switching to blocs changes the table
        page.goto(base + "/")
        page.wait_for_selector("#view-targets[data-ready='1'] .main-svg", timeout=30_000)
        assert page.locator("#targets-table tbody tr").count() >= 30
        _shot(page, tmp_path, "targets")
        page.select_option("#targets-form select[name=mode]", "blocs")
        _until(page, "document.querySelectorAll('#targets-table tbody tr').length === 2")
        with page.expect_download() as dl:
            page.click("#targets-chart .download-svg")
        svg = Path(dl.value.path()).read_text(encoding="utf-8")
        assert dl.value.suggested_filename.endswith(".svg") and svg.lstrip().startswith("<svg")
        with page.expect_download() as dl:
            page.click("#targets-chart .download-png")
        assert Path(dl.value.path()).read_bytes()[:4] == b"\x89PNG"
        assert page.locator("#targets-sources li").count() >= 3

        # Spending: constant prices name their base year
        page.goto(base + "/#spending")
        page.wait_for_selector("#view-spending[data-ready='1'] .main-svg", timeout=30_000)
        page.select_option("#spending-form select[name=measure]", "usd_constant")
        _until(page, "document.getElementById('spending-note').textContent.includes('base year')")
        assert page.locator("#spending-chart .scatterlayer .trace").count() >= 4
        _shot(page, tmp_path, "spending")

        # Race: moving the target lever changes the catch-up probabilities
        page.goto(base + "/#race")
        page.wait_for_selector("#view-race[data-result]", timeout=60_000)
        first = page.get_attribute("#view-race", "data-result")
        page.select_option("#race-form select[name=runs]", "2000")
        _until(page, "document.getElementById('view-race').dataset.runs === '2000'")
        before = page.get_attribute("#view-race", "data-result")
        page.locator("#race-form input[name=challenger_share_pct]").fill("9")
        _until(page, f"document.getElementById('view-race').dataset.result !== {before!r}")
        after = page.get_attribute("#view-race", "data-result")
        assert first and before and after and after != before
        assert "9% of GDP" in page.inner_text("#race-levers")
        # each item's answer shows how much of each side its starting output covers
        assert "Starting output covered" in page.inner_text("#race-table")
        assert "RUS" in page.inner_text("#race-table tbody")
        page.locator("#race-items input[data-item=artillery_ammunition]").fill("3")
        _until(page, f"document.getElementById('view-race').dataset.result !== {after!r}")
        assert "artillery_ammunition gets 3" in page.inner_text("#race-levers")
        page.click("#race-sobol")
        _until(
            page,
            "document.querySelector('#race-sobol-chart .main-svg') !== null"
            " || document.getElementById('race-status').className === 'error'",
            timeout_s=120,
        )
        assert page.locator("#race-sobol-chart .main-svg").count() >= 1, page.inner_text(
            "#race-status"
        )
        _shot(page, tmp_path, "race")

        # Claims: highlights by verdict; hostile markup stays text
        page.goto(base + "/#claims")
        page.wait_for_selector("#view-claims[data-ready='1']")
        page.fill("#claims-form textarea[name=text]", ARTICLE)
        page.click("#claims-form button[type=submit]")
        page.wait_for_selector("#claims-article mark", timeout=30_000)
        assert page.locator("#claims-article mark").count() >= 2
        assert page.locator("#claims-article img, #claims-article script").count() == 0
        assert HOSTILE in page.inner_text("#claims-article")
        assert page.evaluate("window.pwned === undefined")
        page.locator("#claims-article mark").first.click()
        page.wait_for_selector("#claims-evidence h3")
        _shot(page, tmp_path, "claims")

        # Data: filter, then download the filtered CSV with its sources in the header
        page.goto(base + "/#data")
        page.wait_for_selector("#view-data[data-ready='1'] #data-table tbody tr", timeout=30_000)
        page.select_option("#data-form select[name=entity]", "POL")
        page.select_option("#data-form select[name=indicator]", "milex_share_gdp")
        _until(
            page,
            "Array.from(document.querySelectorAll('#data-table tbody tr')).every("
            "r => r.firstChild.textContent === 'POL')",
        )
        with page.expect_download() as dl:
            page.click("#data-csv")
        text = Path(dl.value.path()).read_text(encoding="utf-8")
        lines = text.splitlines()
        assert lines[0].startswith("# armsrace facts export") and "entity=POL" in lines[0]
        assert any(line.startswith("# source ") and "licence:" in line for line in lines)
        rows = [line for line in lines if not line.startswith("#")][1:]
        assert rows and all(r.startswith("POL,") for r in rows)
        _shot(page, tmp_path, "data")
        browser.close()

    assert errors == []
    assert outside == []
