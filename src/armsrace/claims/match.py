"""Match claims to facts in the store and judge them.

:class:`Checker` loads the facts it needs from a :class:`~armsrace.facts.FactStore` once
(observations, production, statements, targets, membership, sources) and then checks
articles without touching the store again. :func:`check_article` is the one-call form.

Rules kept here:

- measures are never mixed: GDP ratios use market exchange rates (``gdp_usd_current``)
  unless the article says PPP; money is compared in its own currency and price basis;
  shares of GDP use NATO's definition for allies and SIPRI's otherwise, unless the article
  names one; the verdict's ``measure`` says which;
- the data release current at the article's date is preferred; a later release is used only
  when no earlier one has the figure, and the reason says so;
- facts whose source is the article itself (same URL or title) are never evidence for it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from armsrace.claims.extract import Claim, extract_claims
from armsrace.claims.reader import Article
from armsrace.claims.verdict import ArticleCheck, ClaimCheck, Evidence, Verdict, judge
from armsrace.errors import ClaimError

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore

__all__ = ["Checker", "check_article"]

_BLOCS = ("NATO", "NATO_EUCA")
_PRODUCTION_SIDES = ("NATO", "RUS", "UKR")


def _nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _num(x: Any) -> float | None:
    return None if _nan(x) else float(x)


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower().replace("’", "'"))


def _month(s: Any) -> str | None:
    """'YYYY-MM' of the first full date in ``s`` (else its first year, as December)."""
    text = str(s or "")
    m = re.search(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d])", text)
    if m is not None:
        return f"{m.group(1)}-{m.group(2)}"
    y = re.search(r"\b((?:19|20)\d\d)\b", text)
    return None if y is None else f"{y.group(1)}-12"


@dataclass(frozen=True)
class _Source:
    source_id: str
    publisher: str | None
    title: str | None
    url: str | None
    published: str | None  # "YYYY-MM"


class Checker:
    """Checks articles against the facts of one store, loaded once."""

    def __init__(self, store: FactStore):
        from armsrace.facts import queries
        from armsrace.provenance import RunInfo, version

        self.store = store
        self.run_info = RunInfo(armsrace_version=version(), store_checksum=store.checksum)
        src = queries.sources(store)
        self._sources: dict[str, _Source] = {
            str(r["source_id"]): _Source(
                str(r["source_id"]),
                None if _nan(r["publisher"]) else str(r["publisher"]),
                None if _nan(r["title"]) else str(r["title"]),
                None if _nan(r["url"]) else str(r["url"]),
                _month(r["date_published"]) or _month(r["release"]),
            )
            for r in src.to_dict(orient="records")
        }
        self._obs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in queries.observations(store).to_dict(orient="records"):
            self._obs[(str(r["entity"]), str(r["indicator"]))].append(r)
        self._production = queries.production(store).to_dict(orient="records")
        self._statements = queries.statements(store).to_dict(orient="records")
        self._targets = queries.targets(store).to_dict(orient="records")
        self._members: dict[tuple[str, int], list[str]] = {}
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._titles = {sid: _norm(s.title) for sid, s in self._sources.items()}
        self.names = {
            str(r["entity_id"]): str(r["name"])
            for r in queries.entities(store).to_dict(orient="records")
        }
        self._queries = queries

    # ------------------------------------------------------------ public

    def check(self, article: Article) -> ArticleCheck:
        """Extract and judge every claim of ``article``."""
        claims = extract_claims(article.text, default_year=article.year)
        excluded = self._self_sources(article)
        checks = tuple(self.check_claim(c, article=article, excluded=excluded) for c in claims)
        return ArticleCheck(
            article=article,
            checks=checks,
            run_info=self.run_info,
            excluded_sources=tuple(sorted(excluded)),
        )

    def check_claim(
        self,
        claim: Claim,
        *,
        article: Article | None = None,
        excluded: frozenset[str] = frozenset(),
    ) -> ClaimCheck:
        """Judge one claim; ``excluded`` source ids are never used as evidence."""
        ctx = _Ctx(self, article, excluded)
        handler: Callable[[_Ctx, Claim], ClaimCheck] = _HANDLERS.get(claim.kind, _unverifiable_kind)
        return handler(ctx, claim)

    # ------------------------------------------------------------ helpers used by handlers

    def members(self, bloc: str, year: int) -> list[str]:
        key = (bloc, year)
        if key not in self._members:
            self._members[key] = self._queries.members(self.store, bloc, year)
        return self._members[key]

    def source(self, source_id: str | None) -> _Source | None:
        return None if source_id is None else self._sources.get(str(source_id))

    def _self_sources(self, article: Article) -> frozenset[str]:
        head = _norm(article.text[:1500])
        title = _norm(article.title)
        url = (article.url or "").rstrip("/").lower()
        out = set()
        for s in self._sources.values():
            t = self._titles[s.source_id]
            if (
                url
                and s.url
                and s.url.rstrip("/").lower() == url
                or len(t) >= 20
                and (t == title or t in head)
            ):
                out.add(s.source_id)
        return frozenset(out)


_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z0-9]{0,4}\b")


class _Ctx:
    """What a handler needs: the checker, the article date, the excluded sources."""

    def __init__(self, checker: Checker, article: Article | None, excluded: frozenset[str]):
        self.checker = checker
        self.article = article
        self.excluded = excluded
        self.date = None if article is None else article.date

    @property
    def cutoff(self) -> str | None:
        return None if self.date is None else self.date.strftime("%Y-%m")

    def evidence(
        self,
        description: str,
        *,
        value: float | None,
        unit: str,
        low: float | None = None,
        high: float | None = None,
        year: int | None = None,
        entity: str | None = None,
        measure: str | None = None,
        source_id: str | None = None,
        claimant: str | None = None,
        claim_type: str | None = None,
        derived: bool = False,
    ) -> Evidence:
        src = self.checker.source(source_id)
        return Evidence(
            description=description,
            value=value,
            unit=unit,
            low=low,
            high=high,
            year=year,
            entity=entity,
            measure=measure,
            source_id=source_id,
            url=None if src is None else src.url,
            publisher=None if src is None else src.publisher,
            claimant=claimant,
            claim_type=claim_type,
            derived=derived,
        )

    def usable(self, source_id: Any) -> bool:
        return str(source_id) not in self.excluded

    def release_month(self, row: dict[str, Any]) -> str | None:
        src = self.checker.source(str(row.get("source_id")))
        release = str(row.get("release") or "")
        if re.search(r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?!\d)", release):
            return _month(release)
        return (None if src is None else src.published) or _month(release)

    def pick_release(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
        """Rows of the release current at the article date (else the earliest later one)."""
        if not rows:
            return [], ""
        by_release: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by_release[str(r.get("release") or "") or f"source {r.get('source_id')}"].append(r)
        dated = sorted(
            by_release, key=lambda rel: self.release_month(by_release[rel][0]) or "0000-00"
        )
        cutoff = self.cutoff
        if cutoff is None:
            chosen = dated[-1]
            return by_release[chosen], f"latest release ({chosen or 'unnamed'})"
        before = [
            rel for rel in dated if (self.release_month(by_release[rel][0]) or "9999") <= cutoff
        ]
        if before:
            chosen = before[-1]
            return by_release[
                chosen
            ], f"release current at the article date ({chosen or 'unnamed'})"
        chosen = dated[0]
        return by_release[
            chosen
        ], f"release {chosen or 'unnamed'}, published after the article date"


# ---------------------------------------------------------------- handlers


def _result(
    claim: Claim, evidence: list[Evidence], *, measure: str, reason: str, scale: float = 1.0
) -> ClaimCheck:
    verdict, marked, tolerance = judge(claim, evidence, scale=scale)
    if verdict is Verdict.unverifiable and not reason:
        reason = "no fact of this measure in the store"
    return ClaimCheck(
        claim=claim,
        verdict=verdict,
        evidence=tuple(marked),
        measure=measure,
        tolerance=tolerance,
        reason=reason,
    )


def _unverifiable(claim: Claim, reason: str, evidence: tuple[Evidence, ...] = ()) -> ClaimCheck:
    return ClaimCheck(
        claim=claim,
        verdict=Verdict.unverifiable,
        evidence=evidence,
        measure=None,
        tolerance=None,
        reason=reason,
    )


def _unverifiable_kind(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    return _unverifiable(claim, f"no facts on {claim.metric} in the store")


def _year_candidates(ctx: _Ctx, claim: Claim) -> list[int]:
    if claim.year is None:
        return []
    if claim.year_explicit:
        return [claim.year]
    # an undated figure in an article means the latest known one: this year or the last two
    return [claim.year, claim.year - 1, claim.year - 2]


def _observation_check(
    ctx: _Ctx,
    claim: Claim,
    indicator: str,
    *,
    unit: str,
    scale: float,
    definition: str | None,
    price_base: str | None = None,
) -> ClaimCheck:
    """Judge a claim against one indicator of one entity, in one definition at a time.

    The definition the article names is used; if it names none, the default (NATO's for
    allies, SIPRI's otherwise) decides, and when that contradicts the claim but another
    definition's figure supports it, the verdict is supported *and says which definition*.
    """
    entity = claim.subject
    if entity is None:
        return _unverifiable(claim, "no country or bloc named for this figure")
    rows_all = [
        r for r in ctx.checker._obs.get((entity, indicator), []) if ctx.usable(r["source_id"])
    ]
    if price_base is not None:
        rows_all = [r for r in rows_all if str(r.get("price_base") or "") == price_base]
    if not rows_all:
        return _unverifiable(claim, f"no {indicator} figures for {entity} in the store")
    defs = {str(r.get("definition")) for r in rows_all}
    note = ""
    named = definition
    if definition is not None and definition not in defs:
        note = f"no {definition}-definition figures for {entity}"
        named = None
    member = entity in _BLOCS or entity in ctx.checker.members("NATO", claim.year or 2025)
    default = (
        "NATO" if member and "NATO" in defs else ("SIPRI" if "SIPRI" in defs else sorted(defs)[0])
    )
    order = (
        [named]
        if named is not None
        else [default]
        + sorted(
            (d for d in defs if d != default),
            key=lambda d: (
                ("NATO", "SIPRI", "IISS", "national").index(d)
                if d in ("NATO", "SIPRI", "IISS", "national")
                else 9
            ),
        )
    )
    first: ClaimCheck | None = None
    for i, used in enumerate(order):
        check = _observation_attempt(
            ctx, claim, indicator, rows_all, used, unit=unit, scale=scale, price_base=price_base
        )
        if check is None:
            continue
        if i == 0 and note:
            check = replace(
                check,
                reason="; ".join(
                    x for x in (note + f"; {used} definition used instead", check.reason) if x
                ),
            )
        if first is None:
            first = check
            if check.verdict is not Verdict.contradicted or named is not None:
                return check
            continue
        if check.verdict is Verdict.supported:
            reason = (
                f"the article names no definition: {used}'s figure supports it, "
                f"{order[0]}'s ({first.measure}) does not"
            )
            return replace(check, evidence=first.evidence + check.evidence, reason=reason)
    if first is not None:
        return first
    return _unverifiable(claim, f"no {order[0]} {indicator} figure for {entity} in {claim.year}")


def _observation_attempt(
    ctx: _Ctx,
    claim: Claim,
    indicator: str,
    rows_all: list[dict[str, Any]],
    definition: str,
    *,
    unit: str,
    scale: float,
    price_base: str | None,
) -> ClaimCheck | None:
    entity = claim.subject
    rows_def = [r for r in rows_all if str(r.get("definition")) == definition]
    candidates = [(later, y) for later in (False, True) for y in _year_candidates(ctx, claim)]
    for allow_later, year in candidates:
        rows = [
            r
            for r in rows_def
            if int(r["year"]) == year and not (_nan(r["value"]) and _nan(r["low"]))
        ]
        if not rows:
            continue
        chosen, how = ctx.pick_release(rows)
        if not allow_later and "after the article" in how:
            continue  # prefer any year with data current at the article date
        measure = f"{indicator} ({unit}), {definition} definition, {how}"
        if price_base:
            measure += f", {price_base} prices"
        evidence = [
            ctx.evidence(
                f"{entity} {indicator} {year} ({r.get('release') or definition})",
                value=_num(r["value"]),
                low=_num(r["low"]),
                high=_num(r["high"]),
                unit=unit,
                year=year,
                entity=entity,
                measure=f"{definition}; {r.get('release') or ''}".strip("; "),
                source_id=str(r["source_id"]),
            )
            for r in chosen
        ]
        reason = (
            ""
            if year == claim.year
            else f"undated claim checked against the latest year with data ({year})"
        )
        return _result(claim, evidence, measure=measure, reason=reason, scale=scale)
    return None


def _check_share(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "milex_share_gdp":
        return _observation_check(
            ctx, claim, "milex_share_gdp", unit="pct_gdp", scale=1.0, definition=claim.definition
        )
    return _unverifiable_kind(ctx, claim)


def _check_percent(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric in ("milex_real_change", "equipment_share"):
        unit = "pct" if claim.metric == "milex_real_change" else "pct_milex"
        return _observation_check(
            ctx, claim, claim.metric, unit=unit, scale=1.0, definition=claim.definition
        )
    return _unverifiable_kind(ctx, claim)


def _check_money(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "milex" and claim.unit == "usd":
        if claim.measure and claim.measure.startswith("constant"):
            base = claim.measure.split("_", 1)[1] if "_" in claim.measure else None
            if base is None:
                return _unverifiable(
                    claim,
                    "constant-price figure without a stated price base; not compared with another base",
                )
            return _observation_check(
                ctx,
                claim,
                "milex_usd_constant",
                unit="usd_million",
                scale=1e6,
                definition=claim.definition,
                price_base=base,
            )
        return _observation_check(
            ctx,
            claim,
            "milex_usd_current",
            unit="usd_million",
            scale=1e6,
            definition=claim.definition,
        )
    if claim.metric in ("budget_defence", "milex") and claim.unit == "rub":
        return _observation_check(
            ctx, claim, "budget_defence_lcu", unit="rub_billion", scale=1e9, definition=None
        )
    if claim.metric == "gdp" and claim.unit == "usd":
        indicator = "gdp_ppp_current" if claim.measure == "ppp" else "gdp_usd_current"
        unit = "intl_usd_billion" if claim.measure == "ppp" else "usd_billion"
        return _observation_check(ctx, claim, indicator, unit=unit, scale=1e9, definition=None)
    if claim.unit != "usd":
        return _unverifiable(
            claim,
            f"the store holds money in US dollars; {claim.unit.upper()} amounts are not converted",
        )
    return _unverifiable_kind(ctx, claim)


_PRODUCER_NAMES = {"EU": "EU", "EUR": "Europe"}


def _producer_matches(producer: str, field: str) -> bool:
    """'United States' matches 'United States' and 'Lockheed (United States)', 'EU' only 'EU'."""
    return (
        re.search(rf"(?<![\w+]){re.escape(producer)}(?![\w+])", field, re.I) is not None
        and "+" not in field
    )


def _side(subject: str | None) -> str | None:
    if subject in _PRODUCTION_SIDES:
        return subject
    return None


def _check_count(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "member_count":
        bloc = claim.subject or "NATO"
        year = claim.year or (ctx.date.year if ctx.date else dt.date.today().year)
        try:
            members = ctx.checker.members(bloc, year)
        except Exception as exc:  # unknown bloc
            return _unverifiable(claim, str(exc))
        ev = ctx.evidence(
            f"members of {bloc} in {year} (membership table)",
            value=float(len(members)),
            unit="count",
            year=year,
            entity=bloc,
            measure="membership by year of accession",
            derived=True,
        )
        return _result(
            claim, [ev], measure=f"count of {bloc} members in {year} (membership table)", reason=""
        )
    if claim.item is None:
        return _unverifiable_kind(ctx, claim)
    side = _side(claim.subject)
    producer: str | None = None
    if side is None and claim.subject in ctx.checker.members("NATO", claim.year or 2025):
        # a single ally's output sits under the NATO side, named in `producer`
        side, producer = "NATO", ctx.checker.names.get(claim.subject or "")
    elif side is None and claim.subject in _PRODUCER_NAMES:
        side, producer = "NATO", _PRODUCER_NAMES[claim.subject or ""]
    if side is None or (side == "NATO" and claim.subject != "NATO" and not producer):
        return _unverifiable(
            claim, f"no production facts for {claim.subject or 'an unnamed producer'}"
        )
    kind = claim.metric.rsplit("_", 1)[-1]
    kinds = {
        "output": ("output",),
        "capacity": ("capacity", "output"),
        "plan": ("plan", "target"),
    }.get(kind)
    if kinds is None:
        return _unverifiable(
            claim,
            f"no facts on {claim.metric} in the store (production figures are not consumption)",
        )
    period = _claim_period(ctx, claim)
    rows = [
        r
        for r in ctx.checker._production
        if r["item"] == claim.item
        and r["side"] == side
        and r["kind"] in kinds
        and ctx.usable(r["source_id"])
        and (producer is None or _producer_matches(producer, str(r["producer"])))
    ]
    model = _DESIGNATION.search(claim.text)
    if model is not None:
        # "250 T-90M tanks" is checked against T-90M figures only, never against all tanks
        key = _norm(model.group(0))
        rows = [r for r in rows if key in _norm(str(r["item_label"]))]
        if not rows:
            return _unverifiable(claim, f"no production figures for {model.group(0)} in the store")
    for year in _year_candidates(ctx, claim):
        year_rows = [r for r in rows if int(r["year"]) == year]
        if not year_rows:
            continue
        evidence = []
        for r in year_rows:
            fact_period = str(r["period"]) if str(r["period"]) in _PER_YEAR else "year"
            factor = _PER_YEAR[fact_period] / _PER_YEAR[period]
            note = "" if factor == 1.0 else f" (per-{fact_period} figure converted to per {period})"
            evidence.append(
                ctx.evidence(
                    f"{r['item_label']}, {r['producer']} {year}{note} — {r['claimant']}",
                    value=None if _nan(r["central"]) else float(r["central"]) * factor,
                    low=None if _nan(r["low"]) else float(r["low"]) * factor,
                    high=None if _nan(r["high"]) else float(r["high"]) * factor,
                    unit=str(r["unit"]),
                    year=year,
                    entity=side,
                    measure=f"production {r['kind']} per {period}",
                    source_id=str(r["source_id"]),
                    claimant=str(r["claimant"]),
                    claim_type=str(r["claim_type"]),
                )
            )
        reason = (
            ""
            if year == claim.year
            else f"undated claim checked against the latest year with data ({year})"
        )
        return _result(
            claim,
            evidence,
            measure=f"{claim.item} {'/'.join(kinds)} per {period} ({side}), every claimant",
            reason=reason,
        )
    return _unverifiable(
        claim, f"no {claim.item} {'/'.join(kinds)} figures for {side} in {claim.year}"
    )


def _claim_period(ctx: _Ctx, claim: Claim) -> str:
    if ctx.article is None:
        return "year"
    text = ctx.article.text
    found = None
    for chunk in (
        claim.text,
        text[claim.end : claim.end + 30],
        text[max(0, claim.start - 30) : claim.start],
    ):
        found = _PERIOD_WORDS.search(chunk)
        if found is not None:
            break
    if found is None:
        return "year"
    word = (found.group(1) or found.group(2)).lower()
    return {
        "daily": "day",
        "weekly": "week",
        "monthly": "month",
        "annually": "year",
        "yearly": "year",
    }.get(word, word)


_PERIOD_WORDS = re.compile(
    r"\b(?:a|per|each|every)\s+(day|week|month|year)\b|\b(daily|weekly|monthly|annually|yearly)\b",
    re.IGNORECASE,
)
_PER_YEAR = {"day": 365.0, "week": 52.0, "month": 12.0, "year": 1.0}


def _statement_evidence(ctx: _Ctx, claim: Claim, metric: str) -> list[Evidence]:
    out = []
    for r in ctx.checker._statements:
        if r["metric"] != metric or not ctx.usable(r["source_id"]):
            continue
        value, low, high = _num(r["value"]), _num(r["low"]), _num(r["high"])
        if value is None and low is None and high is None:
            continue
        num, den = str(r["numerator"]), str(r["denominator"])
        if claim.subject and claim.versus and (num, den) == (claim.versus, claim.subject):
            value = None if value is None else 1 / value
            low, high = (None if high is None else 1 / high), (None if low is None else 1 / low)
        elif (
            claim.subject
            and claim.versus
            and (num, den) != (claim.subject, claim.versus)
            or claim.subject
            and not claim.versus
            and num != claim.subject
        ):
            continue
        out.append(
            ctx.evidence(
                f"{num}:{den} {metric} — {r['claimant']}",
                value=value,
                low=low,
                high=high,
                unit="ratio",
                year=None if _nan(r["year"]) else int(r["year"]),
                entity=f"{claim.subject}:{claim.versus}",
                measure=f"published statement ({r['claim_type']})",
                source_id=str(r["source_id"]),
                claimant=str(r["claimant"]),
                claim_type=str(r["claim_type"]),
            )
        )
    return out


def _gdp_ratio_evidence(ctx: _Ctx, claim: Claim) -> tuple[list[Evidence], str]:
    ppp = claim.measure == "ppp"
    indicator = "gdp_ppp_current" if ppp else "gdp_usd_current"
    label = "PPP (current international $)" if ppp else "market exchange rates (current US$)"
    num_e, den_e = claim.subject, claim.versus
    if num_e is None or den_e is None:
        return [], label
    found: list[Evidence] = []
    labels: list[str] = []
    for year in _year_candidates(ctx, claim):
        parts: list[tuple[float, list[dict[str, Any]], str]] = []
        for entity in (num_e, den_e):
            codes = ctx.checker.members(entity, year) if entity in _BLOCS else [entity]
            rows = [
                r
                for code in codes
                for r in ctx.checker._obs.get((code, indicator), [])
                if int(r["year"]) == year and not _nan(r["value"]) and ctx.usable(r["source_id"])
            ]
            chosen, how = ctx.pick_release(rows)
            got = {str(r["entity"]) for r in chosen}
            if not chosen or len(got) < len(codes):
                parts = []
                break
            parts.append((sum(float(r["value"]) for r in chosen), chosen, how))
        if len(parts) == 2 and parts[1][0] > 0:
            ratio = parts[0][0] / parts[1][0]
            source_ids = sorted({str(r["source_id"]) for _, rows, _ in parts for r in rows})
            releases = sorted({str(r.get("release")) for _, rows, _ in parts for r in rows})
            ev = ctx.evidence(
                f"derived: GDP of {num_e} ({parts[0][0]:,.0f} bn) / {den_e} ({parts[1][0]:,.0f} bn), {year}, {label}, {', '.join(releases)}",
                value=ratio,
                unit="ratio",
                year=year,
                entity=f"{num_e}:{den_e}",
                measure=f"{indicator}; {parts[0][2]}",
                source_id=source_ids[0] if source_ids else None,
                derived=True,
            )
            found.append(ev)
            labels.append(", ".join(releases))
            if claim.year_explicit or len(found) == 2:
                break  # an undated claim is checked against the latest two years
    return found, f"{label}, {'; '.join(labels)}" if labels else label


def _check_ratio(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    if claim.metric == "gdp_ratio":
        derived, label = _gdp_ratio_evidence(ctx, claim)
        stated = _statement_evidence(ctx, claim, "gdp_ratio")
        if derived:
            verdict, marked, tol = judge(claim, derived)
            _, stated_marked, _ = judge(claim, stated)
            return ClaimCheck(
                claim,
                verdict,
                tuple(marked) + tuple(stated_marked),
                measure=f"GDP ratio at {label}; PPP not used"
                if claim.measure != "ppp"
                else f"GDP ratio at {label}",
                tolerance=tol,
                reason="derived from the GDP table; published statements listed for reference",
            )
        if stated:
            return _result(
                claim,
                stated,
                measure="published GDP-ratio statements",
                reason="no GDP data to derive the ratio",
            )
        return _unverifiable(claim, f"no GDP data ({label}) to derive the ratio")
    metric = claim.metric
    stated = _statement_evidence(ctx, claim, metric)
    derived = _production_ratio_evidence(ctx, claim)
    if stated:
        verdict, marked, tol = judge(claim, stated)
        _, derived_marked, _ = judge(claim, derived)
        return ClaimCheck(
            claim,
            verdict,
            tuple(marked) + tuple(derived_marked),
            measure=f"published statements of {metric}",
            tolerance=tol,
            reason="judged against published statements of the same ratio"
            + (
                "; a ratio derived from the production table is listed for context (different coverage)"
                if derived
                else ""
            ),
        )
    if derived:
        return _result(
            claim,
            derived,
            measure="ratio derived from production estimates",
            reason="no published statement of this ratio",
        )
    return _unverifiable_kind(ctx, claim)


def _production_ratio_evidence(ctx: _Ctx, claim: Claim) -> list[Evidence]:
    if claim.item is None or _side(claim.subject) is None or _side(claim.versus) is None:
        return []
    out = []
    for year in _year_candidates(ctx, claim):
        sides = {}
        for side in (claim.subject, claim.versus):
            rows = [
                r
                for r in ctx.checker._production
                if r["item"] == claim.item
                and r["side"] == side
                and r["kind"] == "output"
                and int(r["year"]) == year
                and not _nan(r["central"])
                and ctx.usable(r["source_id"])
            ]
            if rows:
                r = rows[0]
                sides[side] = (float(r["central"]) * (12.0 if r["period"] == "month" else 1.0), r)
        if len(sides) == 2:
            (a, ra), (b, rb) = sides[claim.subject], sides[claim.versus]  # type: ignore[index]
            if b > 0:
                out.append(
                    ctx.evidence(
                        f"derived: {ra['item_label']} {a:,.0f}/yr ({ra['claimant']}) / {rb['item_label']} {b:,.0f}/yr ({rb['claimant']}), {year}",
                        value=a / b,
                        unit="ratio",
                        year=year,
                        entity=f"{claim.subject}:{claim.versus}",
                        measure="production output per year",
                        source_id=str(ra["source_id"]),
                        derived=True,
                    )
                )
            break
    return out


def _check_multiple(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    side = _side(claim.subject)
    if claim.item is None or side is None:
        return _unverifiable(
            claim, "no production multiples for this item and producer in the store"
        )
    rows = [
        r
        for r in ctx.checker._production
        if r["kind"] == "multiple"
        and r["item"] == claim.item
        and r["side"] == side
        and ctx.usable(r["source_id"])
    ]
    if claim.year is not None:
        rows = [r for r in rows if int(r["year"]) == claim.year] or rows
    evidence = [
        ctx.evidence(
            f"{r['item_label']} {r['year']} ({r['unit']}) — {r['claimant']}",
            value=_num(r["central"]),
            low=_num(r["low"]),
            high=_num(r["high"]),
            unit="ratio",
            year=int(r["year"]),
            entity=side,
            measure="production multiple",
            source_id=str(r["source_id"]),
            claimant=str(r["claimant"]),
            claim_type=str(r["claim_type"]),
        )
        for r in rows
    ]
    return _result(
        claim,
        evidence,
        measure="production multiple",
        reason="" if evidence else "no production multiples for this item",
    )


def _targets_for(ctx: _Ctx, claim: Claim) -> list[dict[str, Any]]:
    subject = claim.subject or "NATO"
    if subject not in _BLOCS and subject not in ctx.checker.members("NATO", claim.year or 2025):
        return []
    return [
        t
        for t in ctx.checker._targets
        if str(t.get("share_of")) == "gdp"
        and ctx.usable(t["source_id"])
        and str(t.get("applies_to")) in ("NATO", subject)
    ]


def _target_evidence(ctx: _Ctx, t: dict[str, Any], *, agrees: bool | None) -> Evidence:
    from dataclasses import replace

    deadline = "" if _nan(t.get("deadline_year")) else f", deadline {int(t['deadline_year'])}"
    ev = ctx.evidence(
        f"{t['name']} ({t['agreed_at']}, {t['agreed_date']}{deadline}; {t['status']})",
        value=_num(t.get("share_pct")),
        unit="pct_gdp",
        year=None if _nan(t.get("deadline_year")) else int(t["deadline_year"]),
        entity=str(t.get("applies_to")),
        measure="target share of GDP",
        source_id=str(t["source_id"]),
    )
    return replace(ev, agrees=agrees)


def _check_target(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    targets = _targets_for(ctx, claim)
    if not targets:
        return _unverifiable(
            claim, f"no spending targets for {claim.subject or 'this subject'} in the store"
        )
    # targets are round policy numbers: "two percent" means 2.0, not 1.5-2.5
    half = min(claim.precision, 0.05)
    lo, hi = claim.value - half, claim.value + half
    tol = f"target share within {lo:,.4g}–{hi:,.4g} % of GDP" + (
        f" and deadline {claim.deadline}" if claim.deadline else ""
    )
    agreed = [
        t for t in targets if str(t.get("status")) == "agreed" and not _nan(t.get("share_pct"))
    ]
    value_ok = [t for t in agreed if lo - 1e-9 <= float(t["share_pct"]) <= hi + 1e-9]
    if claim.deadline is not None:
        both = [
            t
            for t in value_ok
            if not _nan(t.get("deadline_year")) and int(t["deadline_year"]) == claim.deadline
        ]
    else:
        both = value_ok
    if both:
        ev = tuple(_target_evidence(ctx, t, agrees=True) for t in both)
        late = [
            t
            for t in both
            if ctx.date is not None and str(t.get("agreed_date") or "") > ctx.date.isoformat()
        ]
        reason = "matches an agreed NATO target" + (
            " (agreed after the article date)" if len(late) == len(both) else ""
        )
        return ClaimCheck(
            claim,
            Verdict.supported,
            ev,
            measure="NATO spending targets (share of GDP)",
            tolerance=tol,
            reason=reason,
        )
    closest = sorted(agreed, key=lambda t: abs(float(t["share_pct"]) - claim.value))[:3]
    ev = tuple(_target_evidence(ctx, t, agrees=False) for t in (value_ok or closest))
    reason = (
        f"agreed targets of this size have other deadlines than {claim.deadline}"
        if value_ok
        else f"no agreed target of {claim.value:g}% of GDP"
    )
    return ClaimCheck(
        claim,
        Verdict.contradicted,
        ev,
        measure="NATO spending targets (share of GDP)",
        tolerance=tol,
        reason=reason,
    )


def _check_deadline(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    targets = _targets_for(ctx, claim)
    with_deadline = [t for t in targets if not _nan(t.get("deadline_year"))]
    if not with_deadline:
        return _unverifiable(claim, "no target deadlines in the store for this subject")
    agreed = [t for t in with_deadline if str(t.get("status")) == "agreed"]
    hit = [t for t in agreed if int(t["deadline_year"]) == claim.deadline]
    tol = "exact year"
    if hit:
        return ClaimCheck(
            claim,
            Verdict.supported,
            tuple(_target_evidence(ctx, t, agrees=True) for t in hit),
            measure="NATO target deadlines",
            tolerance=tol,
            reason="an agreed target has this deadline",
        )
    disputed = [t for t in with_deadline if int(t["deadline_year"]) == claim.deadline]
    if disputed:
        share = {float(t["share_pct"]) for t in disputed if not _nan(t.get("share_pct"))}
        right = [
            t for t in agreed if not _nan(t.get("share_pct")) and float(t["share_pct"]) in share
        ]
        ev = tuple(_target_evidence(ctx, t, agrees=False) for t in disputed + right)
        return ClaimCheck(
            claim,
            Verdict.contradicted,
            ev,
            measure="NATO target deadlines",
            tolerance=tol,
            reason="this deadline appears only in disputed records; the agreed target has another",
        )
    return _unverifiable(claim, f"no target with deadline {claim.deadline} in the store")


def _check_share_of_members(ctx: _Ctx, claim: Claim) -> ClaimCheck:
    key = (
        "share_of_members",
        claim.threshold,
        claim.year,
        claim.year_explicit,
        ctx.cutoff,
        ctx.excluded,
    )
    memo = ctx.checker._memo
    if key not in memo:
        memo[key] = _share_of_members_evidence(ctx, claim)
    found = memo[key]
    if found is None:
        return _unverifiable(claim, "no NATO release covering most allies for that year")
    evidence, measure, reason = found
    return _result(claim, evidence, measure=measure, reason=reason)


def _share_of_members_evidence(ctx: _Ctx, claim: Claim) -> tuple[list[Evidence], str, str] | None:
    threshold = claim.threshold if claim.threshold is not None else 2.0
    years = (
        [claim.year]
        if claim.year_explicit and claim.year
        else [y for y in ((claim.year or 2025), (claim.year or 2025) - 1, (claim.year or 2025) - 2)]
    )
    for year in years:
        members = ctx.checker.members("NATO", year)
        rows = [
            r
            for code in members
            for r in ctx.checker._obs.get((code, "milex_share_gdp"), [])
            if int(r["year"]) == year
            and str(r.get("definition")) == "NATO"
            and not _nan(r["value"])
            and ctx.usable(r["source_id"])
        ]
        chosen, how = ctx.pick_release(rows)
        if "after the article" in how:
            continue
        covered = {str(r["entity"]): float(r["value"]) for r in chosen}
        if len(covered) < 0.75 * len(members):
            continue
        meeting = sorted(c for c, v in covered.items() if v >= threshold - 1e-9)
        share = len(meeting) / len(covered)
        release = chosen[0].get("release")
        all_members = ctx.evidence(
            f"derived: {len(meeting)} of all {len(members)} allies at or above {threshold:g}% of GDP in {year} "
            f"({release}), allies without a figure counted as below",
            value=len(meeting) / len(members),
            unit="share",
            year=year,
            entity="NATO",
            measure=f"milex_share_gdp, NATO definition, {how}",
            source_id=str(chosen[0]["source_id"]),
            derived=True,
        )
        ev = ctx.evidence(
            f"derived: {len(meeting)} of {len(covered)} allies with data at or above {threshold:g}% of GDP in {year} ({release}); "
            f"{len(members) - len(covered)} without a figure",
            value=share,
            unit="share",
            year=year,
            entity="NATO",
            measure=f"milex_share_gdp, NATO definition, {how}",
            source_id=str(chosen[0]["source_id"]),
            derived=True,
        )
        reason = (
            ""
            if year == claim.year
            else f"checked against the latest year with data at the article date ({year})"
        )
        return (
            [ev, all_members],
            f"share of allies at ≥{threshold:g}% of GDP (NATO definition, {release})",
            reason,
        )
    return None


_HANDLERS: dict[str, Callable[[_Ctx, Claim], ClaimCheck]] = {
    "share_gdp": _check_share,
    "percent": _check_percent,
    "target": _check_target,
    "deadline": _check_deadline,
    "money": _check_money,
    "count": _check_count,
    "ratio": _check_ratio,
    "period_ratio": _check_ratio,
    "multiple": _check_multiple,
    "share_of_members": _check_share_of_members,
}


def check_article(
    article: Article | str, store: FactStore | Checker, *, date: dt.date | None = None
) -> ArticleCheck:
    """Extract and judge every claim of an article (an :class:`Article` or plain text)."""
    if isinstance(article, str):
        from armsrace.claims.reader import find_date

        if not article.strip():
            raise ClaimError("the article is empty")
        article = Article(text=article, name="<text>", kind="text", date=date or find_date(article))
    elif date is not None:
        from dataclasses import replace

        article = replace(article, date=date)
    checker = store if isinstance(store, Checker) else Checker(store)
    return checker.check(article)
