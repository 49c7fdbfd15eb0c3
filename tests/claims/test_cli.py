"""`armsrace check` end to end, and the HTML page it writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ARTICLE = """Monday, 2 June 2025

<b>Arms & budgets</b>: a test piece written for armsrace.

Russia spent $149 billion on its military in 2024, or 7.1% of its GDP. The alliance is
economically 20 times larger than Russia. <script>alert("x")</script> Moscow makes as many
shells in three months as NATO does in a year. Russian plants run in three shifts.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "piece.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output_fields(cli, article: Path) -> None:  # type: ignore[no-untyped-def]
    res = cli("check", str(article), "--format", "json")
    assert res.exit_code == 0, res.stderr
    payload = json.loads(res.stdout)
    assert payload["article"]["date"] == "2025-06-02"
    claims = payload["claims"]
    assert [c["verdict"] for c in claims] == [
        "supported",
        "supported",
        "contradicted",
        "supported",
        "unverifiable",
    ]
    for c in claims:
        for key in (
            "start",
            "end",
            "text",
            "value",
            "unit",
            "subject",
            "metric",
            "year",
            "qualifier",
            "verdict",
            "evidence",
        ):
            assert key in c
        assert ARTICLE[c["start"] : c["end"]] == c["text"]
    assert claims[0]["evidence"][0]["source_id"]


def test_table_output_and_summary(cli, article: Path) -> None:  # type: ignore[no-untyped-def]
    res = cli("check", str(article))
    assert res.exit_code == 0, res.stderr
    assert "contradicted" in res.stdout and "supported" in res.stdout
    assert "5 claims" in res.stderr


def test_date_option_and_stdin(cli, article: Path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from armsrace.cli import app

    runner = CliRunner()
    res = runner.invoke(
        app, ["check", "-", "--date", "2024-12-31", "--format", "json"], input=ARTICLE
    )
    assert res.exit_code == 0, res.output
    assert '"date": "2024-12-31"' in res.stdout


def test_bad_input_is_one_clean_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = cli("check", str(empty))
    assert res.exit_code == 1
    assert res.stderr.strip() == f"error: {empty}: the article is empty"


def test_html_output_escapes_everything_and_loads_nothing(
    cli, article: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "claims.html"
    res = cli("check", str(article), "--html", str(out), "--format", "json")
    assert res.exit_code == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Arms &amp; budgets" in page
    assert not re.search(r"\b(?:src|href)\s*=", page)
    assert page.count('<mark class="') == 5 + 3  # five claims + the legend
    assert 'class="contradicted" id="claim-3" title="#3 CONTRADICTED' in page
    assert "sipri" in page.lower()


def test_help_has_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("check", "--help")
    assert res.exit_code == 0
    assert "Example:" in res.stdout and "--html" in res.stdout


def test_html_article_and_csv(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title><script>var x = '99% of GDP';</script></head><body><article>"
        "<p>Tuesday, 3 June 2025. Russia spent $149 billion on its military in 2024, "
        "according to SIPRI, and the alliance is 25 times richer than Russia.</p>"
        "<p>Officials expect the figures to be revised when new data are published next spring.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    res = cli("check", str(page), "--format", "csv")
    assert res.exit_code == 0, res.stderr
    header, *rows = res.stdout.strip().splitlines()
    assert header.startswith("start,end,text,value,unit,subject,metric,year,qualifier")
    assert len(rows) == 2
    assert "99%" not in res.stdout
