"""Request and response models of the JSON API (pydantic; the OpenAPI schema comes from them).

Inputs are bounded here, so a request outside the bounds is refused with a 422 naming the
field before any work starts. Identifiers (entities, indicators, releases, scenarios,
items) are checked against the store's or the package's lists by the routes, which answer
404/422 naming the unknown id.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_RUNS",
    "ClaimsRequest",
    "ClaimsResponse",
    "EntityRow",
    "ErrorResponse",
    "FactsResponse",
    "Levels",
    "Meta",
    "RaceLevers",
    "SensitivityRequest",
    "SourceRow",
    "SpendingResponse",
    "TargetsResponse",
]

MAX_RUNS = 1_000_000
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

Id = Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:\- ]+$")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer: what is wrong and, when known, which field."""

    detail: Any


class SourceRow(BaseModel):
    source_id: str
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    date_published: str | None = None
    license: str | None = None
    claim_type: str | None = None


class EntityRow(BaseModel):
    entity_id: str
    name: str | None = None
    kind: str | None = None


class Levels(BaseModel):
    floor_pct: float
    core_pct: float
    total_pct: float
    deadline_year: int


class ScenarioInfo(BaseModel):
    name: str
    title: str
    sides: list[str]
    side_labels: list[str]
    items: list[str]
    item_labels: list[str]
    start_year: int
    horizon_months: int
    challenger_path: dict[str, Any]
    rival_path: dict[str, Any]


class Meta(BaseModel):
    """What the dashboard's pickers offer: every id the other endpoints accept, and the
    shared label table (column id -> human label with unit; ``{year}`` = base year)."""

    version: str
    store_loaded_at: float
    entities: list[EntityRow]
    allies: list[str]
    indicators: list[str]
    releases: dict[str, list[str]]
    share_releases: list[str]
    tables: list[str]
    items: list[str]
    labels: dict[str, str]
    levels: Levels
    max_runs: int
    max_article_bytes: int


class FactsResponse(BaseModel):
    table: str
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int
    truncated: bool
    sources: list[SourceRow]


class TargetsResponse(BaseModel):
    year: int
    release: str
    growth_pct: float
    deadline_year: int
    levels: Levels
    allies: list[dict[str, Any]]
    blocs: list[dict[str, Any]]
    paths: list[dict[str, Any]]
    burden: list[dict[str, Any]]
    missing: list[str]
    sources: list[SourceRow]


class SeriesPoint(BaseModel):
    year: int
    value: float | None
    source_id: str


class Series(BaseModel):
    entity: str
    name: str | None
    release: str
    unit: str
    price_base: str | None
    derived: str | None = None
    points: list[SeriesPoint]


class SpendingResponse(BaseModel):
    measure: str
    definition: str
    release: str | None
    unit: str
    series: list[Series]
    events: list[dict[str, Any]]
    missing: list[str]
    sources: list[SourceRow]


class RaceLevers(_In):
    """A packaged scenario and the levers the dashboard moves (None = the scenario's value).

    ``challenger_*`` is the first side (NATO or NATO Europe + Canada), ``rival_*`` the
    second (Russia). Shares are % of GDP reached in a straight line by the end of the year.
    """

    scenario: str = Field("nato-hague-vs-russia", min_length=1, max_length=80)
    runs: int = Field(20_000, ge=100, le=MAX_RUNS)
    seed: int = Field(42, ge=0, le=2**32 - 1)
    challenger_share_pct: float | None = Field(None, gt=0, le=20)
    challenger_year: int | None = Field(None, ge=2026, le=2060)
    rival_path: Literal["scenario", "hold", "linear"] = "scenario"
    rival_share_pct: float | None = Field(None, gt=0, le=20)
    rival_year: int | None = Field(None, ge=2026, le=2060)
    challenger_delay_months: float = Field(0, ge=0, le=120)
    rival_delay_months: float = Field(0, ge=0, le=120)
    learning_low: float | None = Field(None, ge=0.5, le=1.0)
    learning_high: float | None = Field(None, ge=0.5, le=1.0)
    items: list[str] | None = Field(None, max_length=64)
    #: item -> multiple of today's share of the first side's budget, reached by
    #: ``allocation_by_year`` (the race model's ``allocation_path``)
    allocation_multiple: dict[str, Annotated[float, Field(gt=0, le=20)]] | None = Field(
        None, max_length=64
    )
    allocation_by_year: int = Field(2030, ge=2026, le=2060)

    @model_validator(mode="after")
    def _pairs(self) -> RaceLevers:
        if (self.challenger_share_pct is None) != (self.challenger_year is None):
            raise ValueError("challenger_share_pct and challenger_year go together")
        if self.rival_path == "linear" and (
            self.rival_share_pct is None or self.rival_year is None
        ):
            raise ValueError("rival_path 'linear' needs rival_share_pct and rival_year")
        if (self.learning_low is None) != (self.learning_high is None):
            raise ValueError("learning_low and learning_high go together")
        if (
            self.learning_low is not None
            and self.learning_high is not None
            and self.learning_low > self.learning_high
        ):
            raise ValueError("learning_low must not exceed learning_high")
        return self


class SensitivityRequest(RaceLevers):
    """The levers plus the Sobol design size (evaluations = n_base x (inputs + 2))."""

    n_base: Literal[32, 64, 128, 256] = 64


class RaceResponse(BaseModel):
    scenario: str
    title: str
    runs: int
    seed: int
    sides: list[str]
    side_labels: list[str]
    items: list[str]
    item_labels: list[str]
    units: list[str]
    start: str
    horizon_months: int
    catch_up: list[dict[str, Any]]
    by_year: list[dict[str, Any]]
    output_fan: list[dict[str, Any]]
    levers: list[str]
    notes: list[str]
    assumptions: list[dict[str, Any]]
    references: list[dict[str, Any]]
    sources: list[SourceRow]
    run_info: dict[str, Any]
    elapsed_s: float


class SensitivityResponse(BaseModel):
    scenario: str
    n_base: int
    evaluations: int
    ranking: list[dict[str, Any]]
    levers: list[str]
    elapsed_s: float


class ClaimsRequest(_In):
    """An article as text (an uploaded file is read by the page and sent as its text)."""

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_BYTES)
    kind: Literal["auto", "text", "html"] = "auto"
    date: dt.date | None = None
    name: str = Field("<pasted>", max_length=200)


class ClaimsResponse(BaseModel):
    name: str
    title: str | None
    date: str | None
    kind: str
    text: str
    claims: list[dict[str, Any]]
    counts: dict[str, int]
    sources: list[SourceRow]
