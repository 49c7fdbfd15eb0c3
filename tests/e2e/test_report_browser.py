"""The report opens offline in headless Chromium and its charts draw."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def report_file(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from armsrace.facts.store import open_store
    from armsrace.report.html import write_report
    from armsrace.settings import Settings

    out = tmp_path_factory.mktemp("e2e") / "report.html"
    with open_store(store_path) as store:
        write_report(store, Settings(db_path=store_path), out)
    return out


def test_report_opens_offline_and_charts_draw(report_file: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}; the test script installs it")
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route(
            "**/*",
            lambda route: (
                route.abort()
                if not route.request.url.startswith(("file:", "data:", "blob:"))
                else route.continue_()
            ),
        )
        page.goto(report_file.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot').length >= 10", timeout=30_000
        )
        n_plots = page.locator(".js-plotly-plot").count()
        n_svg = page.locator(".js-plotly-plot .main-svg").count()
        assert page.title().startswith("armsrace report")
        page.screenshot(path=str(tmp_path / "report.png"))
        browser.close()
    assert n_plots >= 10 and n_svg >= n_plots
    assert errors == []
    external = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    assert external == []
