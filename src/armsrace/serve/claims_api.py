"""Route for the claims view: an article's claims, each with its verdict and evidence.

The response carries the article's plain text and each claim's character offsets; the page
builds the highlighted article from text nodes, so nothing in an article is ever parsed as
HTML by the browser.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from armsrace.serve.facts_api import snapshot, sources_of
from armsrace.serve.limits import run_json
from armsrace.serve.models import MAX_ARTICLE_BYTES, ClaimsRequest, ClaimsResponse
from armsrace.serve.payload import clean

__all__ = ["router"]

router = APIRouter(tags=["claims"])


def _check(request: Request, req: ClaimsRequest) -> ClaimsResponse:
    from armsrace.claims.reader import read_article_bytes

    data = req.text.encode("utf-8", errors="surrogatepass")
    article = read_article_bytes(
        data,
        name=req.name,
        date=req.date,
        kind=None if req.kind == "auto" else req.kind,
        max_bytes=MAX_ARTICLE_BYTES,
    )
    snap = snapshot(request)
    result = snap.checker().check(article)
    ids = {e.source_id for c in result.checks for e in c.evidence if e.source_id}
    srcs = sources_of(snap, ids)
    return ClaimsResponse(
        name=article.name,
        title=article.title,
        date=None if article.date is None else article.date.isoformat(),
        kind=article.kind,
        text=article.text,
        claims=[clean(c.to_dict()) for c in result.checks],
        counts=result.counts(),
        sources=srcs,
    )


@router.post("/claims/check", response_model=ClaimsResponse)
async def check_claims(request: Request, req: ClaimsRequest) -> Response:
    """Check an article (plain text or HTML, up to 10 MB): every quantitative claim with its
    verdict (supported / contradicted / unverifiable), offsets in ``text`` and evidence."""
    return await run_json(_check, request, req, timeout_s=request.app.state.timeout_s)
