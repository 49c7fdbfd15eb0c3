"""Render a checked article as one self-contained HTML page.

Every character of the article is escaped; each claim is a ``<mark>`` whose ``title``
(shown on hover) gives the verdict, the measure, the tolerance and the evidence with its
sources. Source URLs are printed as text, never as links or resources: the page loads
nothing and opens offline.
"""

from __future__ import annotations

import html
import math

from armsrace.claims.verdict import ArticleCheck, ClaimCheck, Evidence

__all__ = ["render_html"]

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font:600 1.3rem system-ui,sans-serif}
.meta,.legend,footer{font:13px system-ui,sans-serif;color:#555}
.article{white-space:pre-wrap}
mark{padding:0 .1em;border-radius:3px;cursor:help}
mark.supported{background:#c8ecc9;border-bottom:2px solid #2e7d32}
mark.contradicted{background:#f8c9c4;border-bottom:2px solid #c62828}
mark.unverifiable{background:#eee2b5;border-bottom:2px dashed #8d6e00}
mark sup{font:600 10px system-ui,sans-serif;color:#333}
table{border-collapse:collapse;font:13px system-ui,sans-serif;margin-top:2rem;width:100%}
td,th{border-top:1px solid #ddd;padding:.3rem;vertical-align:top;text-align:left}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _fmt(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return f"{x:,.6g}"


def _evidence_text(e: Evidence) -> str:
    if e.low is not None and e.high is not None:
        val = f"{_fmt(e.low)}–{_fmt(e.high)}"
    elif e.value is not None:
        val = _fmt(e.value)
    elif e.low is not None:
        val = f"over {_fmt(e.low)}"
    elif e.high is not None:
        val = f"up to {_fmt(e.high)}"
    else:
        val = "no figure"
    mark = {True: "agrees", False: "disagrees", None: "not compared"}[e.agrees]
    src = e.source_id or "store"
    if e.url:
        src += f" <{e.url}>"
    return f"• {e.description}: {val} {e.unit} [{mark}] — source: {src}"


def _tooltip(n: int, check: ClaimCheck) -> str:
    c = check.claim
    subject = c.subject if c.versus is None else f"{c.subject} vs {c.versus}"
    lines = [
        f"#{n} {check.verdict.value.upper()}",
        f"value {_fmt(c.value)} {c.unit}; subject {subject or '?'}; metric {c.metric}; year {c.year or '?'}"
        + (f"; qualifier {c.qualifier}" if c.qualifier else ""),
    ]
    chain = check.chain()
    lines.append(
        "chain: "
        + "; ".join(
            f"{k} {chain[k]['value']} from {chain[k]['from'] or '?'}"
            for k in ("subject", "metric", "period")
        )
        + (f"; releases {', '.join(chain['releases'])}" if chain["releases"] else "")
        + (f"; reason {check.code}" if check.code else "")
    )
    if check.measure:
        lines.append(f"measure: {check.measure}")
    if check.tolerance:
        lines.append(f"tolerance: {check.tolerance}")
    if check.reason:
        lines.append(f"note: {check.reason}")
    lines.extend(check.notes)
    lines.extend(_evidence_text(e) for e in check.evidence[:8])
    if len(check.evidence) > 8:
        lines.append(f"… and {len(check.evidence) - 8} more facts")
    return "\n".join(lines)


def render_html(result: ArticleCheck) -> str:
    """The article with every claim highlighted, verdict and evidence on hover."""
    text = result.article.text
    parts: list[str] = []
    pos = 0
    for n, check in enumerate(result.checks, start=1):
        c = check.claim
        if c.start < pos:  # overlapping spans: keep the first highlight
            continue
        parts.append(_e(text[pos : c.start]))
        parts.append(
            f'<mark class="{_e(check.verdict.value)}" id="claim-{n}" title="{_e(_tooltip(n, check))}">'
            f"{_e(text[c.start : c.end])}<sup>{n}</sup></mark>"
        )
        pos = c.end
    parts.append(_e(text[pos:]))
    counts = result.counts()
    rows = "".join(
        f"<tr><td>{n}</td><td>{_e(ch.claim.text)}</td><td>{_e(ch.verdict.value)}"
        f"{' (' + _e(ch.code) + ')' if ch.verdict.value == 'unverifiable' else ''}</td>"
        f"<td>{_e(ch.measure or ch.reason)}</td>"
        f"<td>{_e(', '.join(sorted({e.source_id for e in ch.evidence if e.source_id})))}</td></tr>"
        for n, ch in enumerate(result.checks, start=1)
    )
    a = result.article
    title = a.title or a.name
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Claims: {_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Claim check: {_e(title)}</h1>"
        f'<p class="meta">{_e(a.name)} · date {_e(a.date.isoformat() if a.date else "unknown")} · '
        f"{len(result.checks)} claims: {counts['supported']} supported, {counts['contradicted']} contradicted, "
        f"{counts['unverifiable']} unverifiable</p>"
        '<p class="legend"><mark class="supported">supported</mark> <mark class="contradicted">contradicted</mark> '
        '<mark class="unverifiable">unverifiable</mark> — hover a claim for its evidence.</p>'
        f'<div class="article">{"".join(parts)}</div>'
        "<table><thead><tr><th>#</th><th>claim</th><th>verdict</th><th>measure</th><th>sources</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<footer><p>armsrace {_e(result.run_info.armsrace_version)} · fact store {_e((result.run_info.store_checksum or '')[:12])}"
        f"{' · sources excluded as the article itself: ' + _e(', '.join(result.excluded_sources)) if result.excluded_sources else ''}"
        "</p></footer></body></html>\n"
    )
