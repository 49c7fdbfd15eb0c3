"""The static report: every section and chart present, sources named, nothing from the network."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from armsrace.report.html import SECTIONS, write_report
from armsrace.settings import Settings


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.scripts_with_src: list[str] = []
        self.section_ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "section" and a.get("id"):
            self.section_ids.append(str(a["id"]))
        for key in ("src", "href", "action", "data", "poster"):
            if a.get(key):
                self.urls.append((tag, key, str(a[key])))
        if tag == "script" and a.get("src"):
            self.scripts_with_src.append(str(a["src"]))


@pytest.fixture(scope="module")
def report_html(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    from armsrace.facts.store import open_store

    out = tmp_path_factory.mktemp("report") / "report.html"
    with open_store(store_path) as store:
        result = write_report(store, Settings(db_path=store_path), out)
    assert result.path == out.resolve()
    return out.read_text(encoding="utf-8")


def test_every_section_present(report_html: str) -> None:
    p = _Collector()
    p.feed(report_html)
    for sid, _module in SECTIONS:
        assert sid in p.section_ids, sid
    assert "appendix-sources" in p.section_ids


def test_no_network_urls_in_src_or_href(report_html: str) -> None:
    p = _Collector()
    p.feed(report_html)
    assert p.scripts_with_src == []
    for tag, key, url in p.urls:
        assert not re.match(r"^(https?:)?//", url), (tag, key, url)
        if key == "href":
            assert url.startswith("#"), url


def test_charts_render_inline_with_plotly_and_name_sources(report_html: str) -> None:
    n_div = len(re.findall(r'<div id="chart-', report_html))
    n_plot = report_html.count("Plotly.newPlot(")
    assert n_div >= 10 and n_plot >= n_div  # one newPlot per chart (plotly.js itself may add more)
    assert "plotly.js v" in report_html[:5_000_000]  # the library is inlined
    assert report_html.count('Sources: <a href="#src-') >= n_div


def test_every_named_source_is_in_the_appendix(report_html: str) -> None:
    p = _Collector()
    p.feed(report_html)
    named = set(re.findall(r'href="#src-([^"]+)"', report_html))
    anchors = {i.removeprefix("src-") for i in p.ids if i.startswith("src-")}
    assert named and named <= anchors


def test_key_figures_in_text(report_html: str) -> None:
    assert "2.76% of GDP" in report_html  # NATO's own 2025e aggregate
    assert "Missing figures" in report_html and "ISL" in report_html


def test_chart_specs(store) -> None:
    from armsrace.report.sections import targets

    sec = targets.build(store, Settings())
    charts = [b for b in sec.blocks if hasattr(b, "figure")]
    spec = json.loads(charts[0].figure.to_json())
    assert spec["data"][0]["type"] == "bar"
    assert len(spec["data"][0]["y"]) == 31  # every ally with a figure (Iceland has none)
    assert "against NATO's targets" in spec["layout"]["title"]["text"]
    assert all(c.source_ids for c in charts)


def test_known_gaps_are_listed_in_the_appendix(report_html: str) -> None:
    p = _Collector()
    p.feed(report_html)
    assert "appendix-gaps" in p.section_ids
    gaps = report_html[report_html.index('id="appendix-gaps"') :]
    for release in ("SIPRI 2026", "NATO 2026-07", "IMF WEO 2026-04"):
        assert f"<td>{release}</td>" in gaps


def test_spending_section_reads_the_newest_sipri_table(store) -> None:
    from armsrace.report.sections import spending

    release, source = spending.sipri_release(store)
    assert (release, source) == ("SIPRI 2025", "sipri-milex-2025")  # SIPRI 2026: relays only
    sec = spending.build(store, Settings())
    assert "constant 2023 US dollars (SIPRI 2025 release)" in sec.blocks[0].text
