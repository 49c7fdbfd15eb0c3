"""Scenario files: the declarative side of the race model (YAML or TOML, validated by pydantic).

A scenario names two sides (the first is the one whose catch-up is measured), the items, the
horizon, each side's budget path and every uncertain input as a distribution. Every number
carries where it comes from: ``source`` (a URL), ``source_ids`` (fact-store sources) or an
explicit ``assumption`` note. Inputs the fact store holds (today's output, starting budgets)
are looked up from it by :func:`armsrace.race.defaults.resolve`.

Loading is all-or-nothing: :func:`load_scenario` either returns a valid :class:`Scenario` or
raises :class:`~armsrace.errors.ScenarioError` naming the file, line, field, value and the
allowed range.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from armsrace.errors import Problem, ScenarioError
from armsrace.race.distspec import DistSpec, SpecModel, check_range, fixed_spec
from armsrace.race.structure import AllocationPath, Refurbishment, ScheduledCapacity

__all__ = [
    "DEFAULT_SCENARIO",
    "BudgetPath",
    "BudgetSpec",
    "DistSpec",
    "ItemSide",
    "ItemSpec",
    "Scenario",
    "SideSpec",
    "StoreOutput",
    "list_scenarios",
    "load_scenario",
    "locate_scenario",
    "scenario_from_dict",
]

DEFAULT_SCENARIO = "nato-hague-vs-russia"


class StoreOutput(SpecModel):
    """Today's output looked up in the fact store's production table.

    The starting figure is the defendable total of :func:`armsrace.facts.totals.production_total`
    for ``year`` (optionally only ``producers`` / ``source_ids`` / ``basis`` / ``scope`` /
    ``subtype``): one basis, subtype and kind, each producer counted once, converted to units
    per month; a PERT distribution over its low / central / high. Its coverage travels with
    the result.
    """

    year: int = Field(ge=1990, le=2100)
    #: kinds in order of preference (never mixed): the first with a summable set is used
    kind: tuple[Literal["output", "capacity"], ...] = ("output", "capacity")
    #: the production item to look up (default: the scenario item's id)
    item: str | None = None
    #: only claims of this basis / scope(s) / subtype (default: the widest compatible set)
    basis: str | None = None
    scope: tuple[str, ...] | None = None
    subtype: str | None = None
    producers: tuple[str, ...] | None = None
    source_ids: tuple[str, ...] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _vocabulary(self) -> StoreOutput:
        from armsrace.facts.schema import BASES, SCOPES

        if self.basis is not None and self.basis not in BASES:
            raise ValueError(f"`basis` must be one of {', '.join(BASES)}")
        for s in self.scope or ():
            if s not in SCOPES:
                raise ValueError(f"`scope` entries must be among {', '.join(SCOPES)}")
        return self


class ExplicitOutput(SpecModel):
    """Today's output given in the scenario file (for a figure the store lacks)."""

    per: Literal["month", "year"] = "month"
    estimate: DistSpec


def _output_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "explicit" if "estimate" in value or "per" in value else "store"
    return "explicit" if isinstance(value, ExplicitOutput) else "store"


#: today's output or capacity: a fact-store lookup, or an explicit ``estimate``
OutputSpec = Annotated[
    Annotated[StoreOutput, Tag("store")] | Annotated[ExplicitOutput, Tag("explicit")],
    Discriminator(_output_kind),
]


class ItemSide(SpecModel):
    """One side's parameters for one item."""

    initial_output: OutputSpec
    #: today's production capacity (default: today's output); never below today's output
    initial_capacity: OutputSpec | None = None
    unit_cost_usd: DistSpec | None = None
    learning_rate: DistSpec
    lead_time_months: DistSpec
    allocation: Literal["calibrated"] | DistSpec = "calibrated"
    consumption_per_month: DistSpec = fixed_spec(
        0.0, "consumption not modelled: stocks count accumulated new output"
    )
    initial_stock: DistSpec = fixed_spec(0.0, "existing stocks unknown: stocks start at zero")
    # optional structure (armsrace.race.structure); off when absent
    refurbishment: Refurbishment | None = None
    allocation_path: AllocationPath | None = None
    scheduled_capacity: ScheduledCapacity | None = None

    @model_validator(mode="after")
    def _ranges(self) -> ItemSide:
        if self.unit_cost_usd is not None:
            check_range(self.unit_cost_usd, "unit_cost_usd", 0, float("inf"), low_open=True)
        elif self.allocation != "calibrated":
            raise ValueError("an explicit `allocation` needs `unit_cost_usd`")
        # Wright's law is measured for learning rates of about 70-100%; below 50% (cost
        # halving at every doubling of output) the model leaves its evidence and Q^(-b)
        # overflows within a normal horizon.
        check_range(self.learning_rate, "learning_rate", 0.5, 1, no_lognormal=True)
        check_range(self.lead_time_months, "lead_time_months", 0, 600, low_open=True)
        if isinstance(self.allocation, DistSpec):
            check_range(self.allocation, "allocation", 0, 1, no_lognormal=True)
        check_range(self.consumption_per_month, "consumption_per_month", 0, float("inf"))
        check_range(self.initial_stock, "initial_stock", 0, float("inf"))
        if isinstance(self.initial_capacity, ExplicitOutput):
            check_range(
                self.initial_capacity.estimate,
                "initial_capacity.estimate",
                0,
                float("inf"),
                low_open=True,
            )
        if isinstance(self.initial_output, ExplicitOutput):
            check_range(
                self.initial_output.estimate,
                "initial_output.estimate",
                0,
                float("inf"),
                low_open=True,
            )
        return self


class BudgetPath(SpecModel):
    """How a side's defence budget moves from its starting level.

    - ``linear_share``: share of GDP moves in a straight line to ``target_share_gdp_pct`` at
      the end of ``target_year``, then stays;
    - ``constant_share``: today's share of a growing GDP;
    - ``constant_real``: today's budget, flat;
    - ``explicit``: ``shares`` per calendar year (% of GDP; the last one holds afterwards);
    - ``store_shares``: the same, read from the store's ``milex_share_gdp`` of the side's bloc
      (per year the first of ``share_source_ids`` with a figure);
    - ``budget_law``: the store's ``budget_defence_lcu`` rows (federal budget laws and drafts;
      per year the latest published), deflated by ``inflation_pct``, as a real index on the
      starting budget; after the last year, today's share of a growing GDP from there.
    """

    kind: Literal[
        "linear_share", "constant_share", "constant_real", "explicit", "store_shares", "budget_law"
    ]
    target_share_gdp_pct: float | None = Field(default=None, gt=0, le=50)
    target_year: int | None = Field(default=None, ge=2000, le=2100)
    shares: dict[int, float] | None = None
    share_source_ids: tuple[str, ...] = ()
    inflation_pct: DistSpec | None = None
    source: str | None = None
    source_ids: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _need(self) -> BudgetPath:
        if self.kind == "linear_share" and (
            self.target_share_gdp_pct is None or self.target_year is None
        ):
            raise ValueError("linear_share needs `target_share_gdp_pct` and `target_year`")
        if self.kind == "explicit":
            if not self.shares:
                raise ValueError("explicit needs `shares` (year: % of GDP)")
            for year, share in self.shares.items():
                if not 0 < share <= 50:
                    raise ValueError(f"share {share} for {year} outside the allowed range (0, 50]")
        if self.kind == "store_shares" and not self.share_source_ids:
            raise ValueError("store_shares needs `share_source_ids` (fact-store source ids)")
        if self.kind == "budget_law":
            if self.inflation_pct is None:
                raise ValueError("budget_law needs `inflation_pct` (to deflate nominal budgets)")
            check_range(self.inflation_pct, "inflation_pct", -50, 500, no_lognormal=True)
        return self


class StoreBudget(SpecModel):
    """The starting budget from the fact store: share of GDP (``milex_share_gdp`` from
    ``share_source_id``) x GDP (``gdp_usd_current`` from ``gdp_source_id``), summed over the
    bloc's members in ``year``."""

    year: int = Field(ge=1990, le=2100)
    share_source_id: str
    gdp_source_id: str


class BudgetSpec(SpecModel):
    start: StoreBudget
    path: BudgetPath
    gdp_growth_pct: DistSpec

    @model_validator(mode="after")
    def _ranges(self) -> BudgetSpec:
        check_range(self.gdp_growth_pct, "gdp_growth_pct", -20, 20, no_lognormal=True)
        return self


class SideSpec(SpecModel):
    id: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    bloc: str
    label: str
    budget: BudgetSpec
    equipment_share: DistSpec | None = None

    @model_validator(mode="after")
    def _ranges(self) -> SideSpec:
        if self.equipment_share is not None:
            check_range(self.equipment_share, "equipment_share", 0, 1, no_lognormal=True)
        return self


class ItemSpec(SpecModel):
    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    unit: str
    note: str | None = None
    sides: dict[str, ItemSide]


class Scenario(SpecModel):
    """A whole scenario file."""

    name: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    description: str = ""
    start_year: int = Field(ge=2000, le=2100)
    horizon_months: int = Field(gt=0)
    step_months: Literal[1] = 1
    experience_months: DistSpec = fixed_spec(
        12.0, "cumulative output before the start = 12 months of today's output"
    )
    sides: tuple[SideSpec, SideSpec]
    items: tuple[ItemSpec, ...] = Field(min_length=1, max_length=64)

    @field_validator("experience_months")
    @classmethod
    def _experience(cls, v: DistSpec) -> DistSpec:
        check_range(v, "experience_months", 0, 1200, low_open=True)
        return v

    @field_validator("sides")
    @classmethod
    def _two_sides(cls, v: tuple[SideSpec, SideSpec]) -> tuple[SideSpec, SideSpec]:
        if v[0].id == v[1].id:
            raise ValueError(f"the two sides need different ids, both are {v[0].id!r}")
        return v

    @field_validator("items")
    @classmethod
    def _items(cls, v: tuple[ItemSpec, ...], info: ValidationInfo) -> tuple[ItemSpec, ...]:
        sides = info.data.get("sides")
        if sides is None:  # the sides failed on their own: reported there
            return v
        ids = [s.id for s in sides]
        seen: set[str] = set()
        for item in v:
            if item.id in seen:
                raise ValueError(f"item {item.id!r} appears twice")
            seen.add(item.id)
            if set(item.sides) != set(ids):
                raise ValueError(
                    f"item {item.id!r} gives sides {sorted(item.sides)}; it needs exactly {ids}"
                )
            for side in sides:
                if item.sides[side.id].allocation != "calibrated" and side.equipment_share is None:
                    raise ValueError(
                        f"item {item.id!r} gives side {side.id} an explicit allocation; "
                        f"side {side.id} then needs `equipment_share`"
                    )
        return v

    @property
    def side_ids(self) -> tuple[str, str]:
        return (self.sides[0].id, self.sides[1].id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def canonical_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------
# loading


def _packaged_dir() -> Path:
    return Path(str(resources.files("armsrace.race") / "scenarios"))


def list_scenarios() -> list[str]:
    """Names of the scenarios shipped with armsrace."""
    return sorted(p.stem for p in _packaged_dir().glob("*.yml"))


def locate_scenario(name_or_path: str | Path) -> Path:
    """The file of a packaged scenario name, or the given scenario file."""
    path = Path(name_or_path)
    if path.suffix in {".yml", ".yaml", ".toml"} and path.exists():
        return path
    packaged = _packaged_dir() / f"{name_or_path}.yml"
    if packaged.exists():
        return packaged
    raise ScenarioError(
        problems=[
            Problem(
                f"no such scenario file or packaged scenario; packaged: {', '.join(list_scenarios())}",
                path=str(name_or_path),
            )
        ]
    )


def load_scenario(
    name_or_path: str | Path | None = None, *, max_horizon_months: int | None = None
) -> Scenario:
    """Read and validate a scenario (a packaged name or a .yml/.yaml/.toml path)."""
    path = locate_scenario(DEFAULT_SCENARIO if name_or_path is None else name_or_path)
    text = _read(path)
    data = _parse(text, path)
    return scenario_from_dict(
        data, path=str(path), text=text, max_horizon_months=max_horizon_months
    )


def _read(path: Path) -> str:
    """The file as UTF-8 text (a BOM allowed); other encodings are refused with their line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            problems=[
                Problem(
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                    "save the scenario as UTF-8",
                    path=str(path),
                    line=raw[: exc.start].count(b"\n") + 1,
                )
            ]
        ) from None


def _parse(text: str, path: Path) -> Any:
    if path.suffix == ".toml":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"at line (\d+)", str(exc))
            line = int(found.group(1)) if found else 1
            raise ScenarioError(
                problems=[Problem(f"not valid TOML: {exc}", path=str(path), line=line)]
            ) from exc
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if mark is not None:
            line = mark.line + 1
        else:  # a ReaderError (NUL and other control characters) gives a position
            line = text[: getattr(exc, "position", 0)].count("\n") + 1
        raise ScenarioError(
            problems=[Problem(f"not valid YAML: {exc}", path=str(path), line=line)]
        ) from exc


def scenario_from_dict(
    data: Any,
    *,
    path: str = "<scenario>",
    text: str | None = None,
    max_horizon_months: int | None = None,
) -> Scenario:
    """Validate a parsed scenario; errors name file, line (when ``text`` is YAML), field, value."""
    if not isinstance(data, dict):
        raise ScenarioError(
            problems=[
                Problem(
                    f"a scenario must be a mapping of fields (name:, title:, sides:, items: ...), "
                    f"not {'an empty file' if data is None else type(data).__name__}",
                    path=path,
                    line=_line_of(text, ()) or 1,
                )
            ]
        )
    # top-level keys starting with "x-" hold YAML anchors shared by several fields
    data = {k: v for k, v in data.items() if not str(k).startswith("x-")}
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems=_problems(exc, data, path, text)) from None
    if max_horizon_months is not None and scenario.horizon_months > max_horizon_months:
        raise ScenarioError(
            problems=[
                Problem(
                    f"beyond the configured limit; allowed range 1..{max_horizon_months} months",
                    path=path,
                    line=_line_of(text, ("horizon_months",)),
                    field="horizon_months",
                    value=scenario.horizon_months,
                )
            ]
        )
    return scenario


def _field_name(loc: tuple[Any, ...], data: Any) -> str:
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = None
            if isinstance(node, list) and 0 <= key < len(node) and isinstance(node[key], dict):
                label = node[key].get("id")
            parts[-1:] = (
                [f"{parts[-1]}[{label if label is not None else key}]"] if parts else [str(key)]
            )
        elif _is_schema_label(key):
            continue
        else:
            parts.append(str(key))
        node = _step(node, key)
    return ".".join(parts)


_MODEL_NAMES = frozenset(
    {
        "StoreOutput",
        "ExplicitOutput",
        "DistSpec",
        "StoreStock",
        "store",
        "explicit",
        "from_store",
        "distribution",
    }
)


def _is_schema_label(key: Any) -> bool:
    """pydantic adds union members (``StoreOutput``) and validator tags to locations."""
    return isinstance(key, str) and (
        "[" in key or key.startswith("function-") or key in _MODEL_NAMES
    )


def _step(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _problems(exc: ValidationError, data: Any, path: str, text: str | None) -> list[Problem]:
    problems = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors():
        loc = tuple(k for k in err["loc"] if not _is_schema_label(k))
        field = _field_name(loc, data) or None
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check its spelling; unknown keys are refused)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        key = (field or "", msg)
        if key in seen:
            continue
        seen.add(key)
        value = err.get("input") if err["type"] not in {"missing", "model_type"} else None
        if isinstance(value, dict | list):
            value = None
        problems.append(Problem(msg, path=path, line=_line_of(text, loc), field=field, value=value))
    return problems


def line_of_field(text: str | None, field: str, item_ids: list[str]) -> int | None:
    """1-based line of a resolved field such as ``items[drones].sides.RUS.initial_output`` in
    the scenario's YAML ``text`` (items are named by id; ``item_ids`` gives their order)."""
    loc: list[Any] = []
    for part in field.split("."):
        found = re.fullmatch(r"(\w+)\[([^\]]+)\]", part)
        if found:
            loc.append(found.group(1))
            key = found.group(2)
            loc.append(item_ids.index(key) if key in item_ids else key)
        else:
            loc.append(part)
    return _line_of(text, tuple(loc))


def _line_of(text: str | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (or its nearest existing parent)."""
    if text is None:
        return None
    import yaml

    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    # a field missing at the top level is reported at the document's first line
    line = None if node is None else node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == str(key):
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            if nxt is None:
                break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if not 0 <= key < len(node.value):
                break
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line
