"""Read an article (plain text, HTML or stdin bytes) into plain text plus its date.

Nothing in an article is executed or fetched: HTML goes through trafilatura's main-text
extraction (imported lazily), which parses markup offline and drops scripts and styles.
Offsets of extracted claims refer to :attr:`Article.text`, the text exactly as read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from armsrace.errors import ArticleReadError, MissingExtraError

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_TEXT_CHARS",
    "Article",
    "find_date",
    "read_article",
    "read_article_bytes",
]

#: Largest article file accepted, in bytes (a long feature is ~100 kB; this bounds memory).
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
#: Longest article text (after HTML extraction) checked, in characters (bounds time).
MAX_TEXT_CHARS = 1_000_000

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article)\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(
        r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(_MONTH_RE + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
]


@dataclass(frozen=True)
class Article:
    """An article as read: its plain text, where it came from, and its date if known."""

    text: str
    name: str
    kind: str  # "text" or "html"
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None

    @property
    def year(self) -> int | None:
        return None if self.date is None else self.date.year


def find_date(text: str, *, max_lines: int = 6) -> dt.date | None:
    """The first full date (``2025-05-30``, ``30 May 2025``, ``May 30, 2025``) in the first lines."""
    head = "\n".join(text.lstrip().splitlines()[:max_lines])[:2000]
    best: tuple[int, dt.date] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(head):
            day = _to_date(m)
            if day is not None and (best is None or m.start() < best[0]):
                best = (m.start(), day)
                break
    return None if best is None else best[1]


def _to_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _MONTHS.get(groups["mon"].lower().rstrip("."))
    try:
        return dt.date(int(groups["y"]), int(month or 0), int(groups["d"]))
    except (TypeError, ValueError):
        return None


def _date_from_name(name: str) -> dt.date | None:
    m = _DATE_PATTERNS[0].search(Path(name).name)
    return None if m is None else _to_date(m)


def read_article(
    source: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """Read an article file, or stdin when ``source`` is ``"-"``.

    Raises :class:`ArticleReadError` naming the file for a missing, empty, binary,
    non-UTF-8 or oversized input.
    """
    if str(source) == "-":
        return read_article_bytes(
            _read_limited(sys.stdin.buffer, "<stdin>", max_bytes), name="<stdin>", date=date
        )
    path = Path(source)
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleReadError(f"{name}: no such file") from None
    except OSError as exc:
        raise ArticleReadError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise ArticleReadError(f"{name}: is a directory, not an article file")
    if size > max_bytes:
        raise ArticleReadError(_too_big(name, size, max_bytes))
    try:
        with path.open("rb") as fh:
            data = _read_limited(fh, name, max_bytes)
    except OSError as exc:
        raise ArticleReadError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    kind = "html" if path.suffix.lower() in _HTML_SUFFIXES else None
    return read_article_bytes(data, name=name, date=date, kind=kind)


def _too_big(name: str, size: int, max_bytes: int) -> str:
    return (
        f"{name}: {size / 1e6:.1f} MB is larger than the {max_bytes / 1e6:.0f} MB limit for one "
        "article; split it into articles"
    )


def _read_limited(fh: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleReadError(_too_big(name, len(data), max_bytes).replace(" MB is", "+ MB is"))
    return data


def read_article_bytes(
    data: bytes,
    *,
    name: str = "<article>",
    date: dt.date | None = None,
    kind: str | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """Decode article bytes (plain text or HTML) into an :class:`Article`."""
    if len(data) > max_bytes:
        raise ArticleReadError(_too_big(name, len(data), max_bytes))
    if not data.strip():
        raise ArticleReadError(f"{name}: the article is empty")
    if kind is None:
        kind = "html" if _looks_like_html(data) else "text"
    if _looks_binary(data):
        raise ArticleReadError(f"{name}: binary data, not a text or HTML article")
    text = _decode(data, name, html=kind == "html")
    if kind == "html":
        return _check_length(_from_html(text, name=name, date=date))
    if not text.strip():
        raise ArticleReadError(f"{name}: the article is empty")
    return _check_length(
        Article(
            text=text,
            name=name,
            kind="text",
            date=date or find_date(text) or _date_from_name(name),
            title=_first_line(text),
        )
    )


def _check_length(article: Article) -> Article:
    if len(article.text) > MAX_TEXT_CHARS:
        raise ArticleReadError(
            f"{article.name}: the text is {len(article.text):,} characters, more than the "
            f"{MAX_TEXT_CHARS:,} one claim check takes; split it into articles"
        )
    return article


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or len(_HTML_ANYWHERE.findall(head)) >= 2


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark: decoded below
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def _decode(data: bytes, name: str, *, html: bool) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleReadError(f"{name}: invalid UTF-16 text at byte {exc.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if html:
            declared = _META_CHARSET.search(data[:4096])
            if declared is not None:
                charset = declared.group(1).decode("ascii", "replace")
                try:
                    return data.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    pass
        raise ArticleReadError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8 first"
        ) from None


def _first_line(text: str) -> str | None:
    for line in text.splitlines()[:8]:
        line = line.strip()
        if line and find_date(line) is None:
            return line[:300]
    return None


def _from_html(html: str, *, name: str, date: dt.date | None) -> Article:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - trafilatura is a core dependency
        raise MissingExtraError("trafilatura") from exc
    body = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        fast=False,
    )
    if body is None or not body.strip():
        raise ArticleReadError(
            f"{name}: no article text found in the HTML (only markup, scripts or styles)"
        )
    title: str | None = None
    url: str | None = None
    meta_date: dt.date | None = None
    # only dates the page states (meta tags, time elements), never a guess from its text
    meta = trafilatura.extract_metadata(
        html, extensive=False, date_config={"extensive_search": False, "original_date": True}
    )
    if meta is not None:
        title = meta.title or None
        url = meta.url or None
        if meta.date:
            try:
                meta_date = dt.date.fromisoformat(str(meta.date)[:10])
            except ValueError:
                meta_date = None
    if meta_date is not None and not (1990 <= meta_date.year <= dt.date.today().year + 1):
        meta_date = None
    return Article(
        text=body,
        name=name,
        kind="html",
        date=date or meta_date or find_date(body) or _date_from_name(name),
        title=title or _first_line(body),
        url=url,
    )
