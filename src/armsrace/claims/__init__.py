"""Claim checking: read an article, extract its quantitative claims, judge them against facts.

>>> from armsrace.claims import read_article, extract_claims
"""

from __future__ import annotations

from armsrace.claims.extract import Claim, extract_claims
from armsrace.claims.reader import Article, read_article, read_article_bytes

__all__ = ["Article", "Claim", "extract_claims", "read_article", "read_article_bytes"]
