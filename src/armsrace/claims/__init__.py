"""Claim checking: read an article, extract its quantitative claims, judge them against facts.

::

    from armsrace.claims import read_article, check_article
    from armsrace.facts import open_store

    with open_store() as store:
        result = check_article(read_article("piece.html"), store)
    for check in result.checks:
        print(check.claim.text, check.verdict, check.measure)

Modules: :mod:`~armsrace.claims.reader` (text / HTML / stdin), :mod:`~armsrace.claims.extract`
(claims with offsets), :mod:`~armsrace.claims.match` (facts and verdicts),
:mod:`~armsrace.claims.verdict` (verdicts, evidence, tolerance rules),
:mod:`~armsrace.claims.render` (the highlighted HTML page).
"""

from __future__ import annotations

from armsrace.claims.extract import Claim, extract_claims
from armsrace.claims.match import Checker, check_article
from armsrace.claims.reader import Article, read_article, read_article_bytes
from armsrace.claims.render import render_html
from armsrace.claims.verdict import ArticleCheck, ClaimCheck, Evidence, Verdict

__all__ = [
    "Article",
    "ArticleCheck",
    "Checker",
    "Claim",
    "ClaimCheck",
    "Evidence",
    "Verdict",
    "check_article",
    "extract_claims",
    "read_article",
    "read_article_bytes",
    "render_html",
]
