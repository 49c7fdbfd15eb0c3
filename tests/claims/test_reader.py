"""Reading articles: text, HTML, stdin, dates, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from armsrace.claims import read_article, read_article_bytes
from armsrace.errors import ArticleReadError, ClaimError

HTML = """<!DOCTYPE html>
<html><head><title>Allies lift spending</title>
<meta property="article:published_time" content="2025-06-20T08:00:00Z">
<script src="https://cdn.example.com/tracker.js"></script>
<script>document.write('Russia spent 99 percent of GDP'); fetch('https://evil.example/x');</script>
<style>body { content: "NATO is 1000 times larger"; }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Allies lift spending</h1>
<p>Poland spent 4.1% of GDP on defence in 2024, more than any other ally in the alliance that year.</p>
<p>Russia received more than 1,500 tanks in 2023, according to its defence ministry, which also
reported large deliveries of drones and armoured vehicles to units at the front.</p>
<p>Ministers will meet again in The Hague to agree how to pay for all of it over the next decade.</p>
<img src="https://img.example.com/pic.jpg">
</article>
<footer>Page 1 of 3 · Comments (4)</footer>
</body></html>
"""


def test_plain_text_with_date_in_first_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Tuesday, 3 June 2025\n\nRussia spent $149 billion in 2024.\n", encoding="utf-8"
    )
    art = read_article(path)
    assert art.kind == "text"
    assert art.date == dt.date(2025, 6, 3)
    assert art.text.startswith("Tuesday")


def test_given_date_wins_and_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes("\ufeffMay 30, 2025 — Moscow spent 7.1% of GDP.".encode())
    art = read_article(path, date=dt.date(2024, 1, 2))
    assert art.date == dt.date(2024, 1, 2)
    assert art.text[0] == "M"
    assert read_article(path).date == dt.date(2025, 5, 30)


def test_date_from_file_name(tmp_path: Path) -> None:
    path = tmp_path / "piece-2024-11-05-x.txt"
    path.write_text("No date inside. Russia spent 7% of GDP.", encoding="utf-8")
    assert read_article(path).date == dt.date(2024, 11, 5)


def test_html_main_text_without_scripts_styles_or_furniture(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    art = read_article(path)
    assert art.kind == "html"
    assert "4.1% of GDP" in art.text
    assert "99 percent" not in art.text
    assert "1000 times" not in art.text
    assert "Comments" not in art.text
    assert art.date == dt.date(2025, 6, 20)


def test_html_detected_by_content_and_utf16(tmp_path: Path) -> None:
    art = read_article_bytes(HTML.encode("utf-8"), name="x")
    assert art.kind == "html"
    text = read_article_bytes("Russia spent 7% of GDP.".encode("utf-16"), name="u16")
    assert text.text == "Russia spent 7% of GDP."


def test_html_declared_legacy_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><article><p>'
    page += "Caf\xe9 owners in Poland say the country spent 4.1% of GDP on defence in 2024. " * 3
    page += "</p></article></body></html>"
    art = read_article_bytes(page.encode("cp1252"), name="legacy.html", kind="html")
    assert "Café" in art.text


def test_script_only_html_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "s.html"
    path.write_text(
        "<html><head><script>"
        + "var x=1;" * 20000
        + "</script><style>p{}</style></head><body></body></html>"
    )
    with pytest.raises(ArticleReadError, match=r"s\.html: no article text"):
        read_article(path)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Russia spent 7.1% of GDP in 2024."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    art = read_article("-")
    assert art.name == "<stdin>"
    assert "7.1%" in art.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\xe9 au lait costs 3 euros".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleReadError, match=message) as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ClaimError)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleReadError, match="directory"):
        read_article(tmp_path)


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(ArticleReadError, match=r"huge\.txt: 52\.4 MB is larger than"):
        read_article(path)


def test_oversized_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"a" * 2000), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    with pytest.raises(ArticleReadError, match="<stdin>"):
        read_article("-", max_bytes=1000)


def test_overlong_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Russia spent 7% of GDP. " * 50_000, encoding="utf-8")
    with pytest.raises(ArticleReadError, match=r"long\.txt: the text is 1,200,000 characters"):
        read_article(path)


def test_html_without_a_stated_date_gets_none_not_a_guess(tmp_path: Path) -> None:
    page = tmp_path / "nodate.html"
    body = "Russia spent $149 billion on its military in 2024, according to SIPRI's database. " * 3
    page.write_text(f"<html><body><article><p>{body}</p></article></body></html>", encoding="utf-8")
    assert read_article(page).date is None
