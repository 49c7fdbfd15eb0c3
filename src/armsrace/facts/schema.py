"""The fact store's tables: DDL, column domains, and numbered schema migrations."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALIAS_KINDS",
    "BASES",
    "COUNTRY_SCOPES",
    "ENTITY_KINDS",
    "LCU_CURRENCIES",
    "LCU_SCALE",
    "LCU_UNITS",
    "EVENT_KINDS",
    "MIGRATIONS",
    "MIXED_ITEMS",
    "SCHEMA_VERSION",
    "SCOPES",
    "STORAGE_MEASURES",
    "STORAGE_TIMINGS",
    "SUBTYPES",
    "TABLES",
    "TableSpec",
]


@dataclass(frozen=True)
class TableSpec:
    """One table: its columns (in CSV order), key columns, and numeric/required columns."""

    name: str
    csv_prefix: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    required: tuple[str, ...]
    numeric: tuple[str, ...] = ()
    integer: tuple[str, ...] = ()


TABLES: dict[str, TableSpec] = {
    "source": TableSpec(
        name="source",
        csv_prefix="sources",
        columns=(
            "source_id",
            "publisher",
            "title",
            "url",
            "date_published",
            "date_accessed",
            "license",
            "claim_type",
            "release",
            "obtained_via",
            "note",
        ),
        key=("source_id",),
        required=("source_id", "publisher", "title", "url"),
    ),
    "entity": TableSpec(
        name="entity",
        csv_prefix="entities",
        columns=("entity_id", "name", "kind", "parent"),
        key=("entity_id",),
        required=("entity_id", "name", "kind"),
    ),
    "alias": TableSpec(
        name="alias",
        csv_prefix="aliases",
        columns=("alias", "entity_id", "alias_kind"),
        key=("alias", "entity_id"),
        required=("alias", "entity_id", "alias_kind"),
    ),
    "membership": TableSpec(
        name="membership",
        csv_prefix="membership",
        columns=("country", "bloc", "valid_from", "valid_to", "source_id"),
        key=("country", "bloc", "valid_from"),
        required=("country", "bloc", "valid_from", "source_id"),
        integer=("valid_from", "valid_to"),
    ),
    "observation": TableSpec(
        name="observation",
        csv_prefix="observations",
        columns=(
            "entity",
            "year",
            "indicator",
            "value",
            "unit",
            "price_base",
            "low",
            "high",
            "estimate",
            "definition",
            "release",
            "source_id",
            "note",
        ),
        key=("entity", "year", "indicator", "price_base", "source_id"),
        required=("entity", "year", "indicator", "unit", "source_id"),
        numeric=("value", "low", "high"),
        integer=("year",),
    ),
    "production": TableSpec(
        name="production",
        csv_prefix="production",
        columns=(
            "claim_id",
            "item",
            "item_label",
            "kind",
            "basis",
            "scope",
            "subtype",
            "model",
            "side",
            "country",
            "producer",
            "year",
            "period",
            "low",
            "central",
            "high",
            "unit",
            "claimant",
            "claim_date",
            "claim_type",
            "source_id",
            "note",
        ),
        key=("claim_id",),
        required=(
            "claim_id",
            "item",
            "item_label",
            "kind",
            "basis",
            "scope",
            "side",
            "year",
            "period",
            "unit",
            "claim_type",
            "source_id",
        ),
        numeric=("low", "central", "high"),
        integer=("year",),
    ),
    # Further sources of one production claim (the claim's own source_id is relay 1).
    "production_relay": TableSpec(
        name="production_relay",
        csv_prefix="relays",
        columns=("claim_id", "source_id", "relay_order", "claimant", "note"),
        key=("claim_id", "source_id"),
        required=("claim_id", "source_id", "relay_order"),
        integer=("relay_order",),
    ),
    # Equipment held in storage (a finite stock that refurbishment draws down).
    "storage": TableSpec(
        name="storage",
        csv_prefix="storage",
        columns=(
            "stock_id",
            "item",
            "subtype",
            "side",
            "as_of",
            "year",
            "timing",
            "measure",
            "low",
            "central",
            "high",
            "unit",
            "claimant",
            "claim_type",
            "source_id",
            "note",
        ),
        key=("stock_id",),
        required=(
            "stock_id",
            "item",
            "side",
            "as_of",
            "year",
            "timing",
            "measure",
            "unit",
            "claimant",
            "claim_type",
            "source_id",
        ),
        numeric=("low", "central", "high"),
        integer=("year",),
    ),
    "statement": TableSpec(
        name="statement",
        csv_prefix="statements",
        columns=(
            "metric",
            "numerator",
            "denominator",
            "year",
            "value",
            "low",
            "high",
            "claimant",
            "claim_type",
            "source_id",
            "note",
        ),
        key=("metric", "numerator", "denominator", "year", "claimant", "source_id"),
        required=("metric", "numerator", "denominator", "year", "claimant", "source_id"),
        numeric=("value", "low", "high"),
        integer=("year",),
    ),
    "target": TableSpec(
        name="target",
        csv_prefix="targets",
        columns=(
            "target_id",
            "name",
            "share_pct",
            "share_of",
            "deadline_year",
            "agreed_at",
            "agreed_date",
            "applies_to",
            "status",
            "scope_note",
            "source_id",
        ),
        key=("target_id",),
        required=("target_id", "name", "share_of", "applies_to", "status", "source_id"),
        numeric=("share_pct",),
        integer=("deadline_year",),
    ),
    # Dated events an article may name ("the NATO summit in The Hague", "the full-scale
    # invasion of Ukraine"): first and last day, the words that name them, their source.
    "event": TableSpec(
        name="event",
        csv_prefix="events",
        columns=(
            "event_id",
            "kind",
            "name",
            "aliases",
            "place",
            "start_date",
            "end_date",
            "source_id",
            "note",
        ),
        key=("event_id",),
        required=("event_id", "kind", "name", "start_date", "end_date", "source_id"),
    ),
}

#: national currencies money is stored in (ISO 4217, lower case); never converted here
LCU_CURRENCIES = ("rub", "eur", "pln", "gbp")
#: units of national-currency amounts: ``<currency>_million`` or ``<currency>_billion``
LCU_UNITS = tuple(f"{c}_{s}" for c in LCU_CURRENCIES for s in ("million", "billion"))
#: how many units of the currency one unit of each national-currency unit is
LCU_SCALE = {u: 1e6 if u.endswith("_million") else 1e9 for u in LCU_UNITS}

# Domains of categorical columns (checked on build and import).
INDICATOR_UNITS: dict[str, tuple[str, ...]] = {
    "milex_share_gdp": ("pct_gdp",),
    "milex_usd_current": ("usd_million",),
    "milex_usd_constant": ("usd_million",),
    "milex_real_change": ("pct",),
    "equipment_share": ("pct_milex",),
    "budget_defence_lcu": LCU_UNITS,
    "milex_lcu_current": LCU_UNITS,
    "gdp_usd_current": ("usd_billion",),
    "gdp_ppp_current": ("intl_usd_billion",),
}
ITEMS = (
    "artillery_ammunition",
    "tanks",
    "armoured_vehicles",
    "artillery_pieces",
    "combat_aircraft",
    "interceptors",
    "long_range_missiles",
    "drones",
)
KINDS = ("output", "capacity", "target", "plan", "multiple")
#: what a production figure counts (docs/ARCHITECTURE.md, "Production table v2")
BASES = (
    "new_build",
    "refurbished",
    "new_plus_refurbished",
    "produced_or_refurbished",
    "delivered",
    "unstated",
)
#: whose output a figure covers, from the narrowest to the widest
SCOPES = (
    "plant",
    "company",
    "country",
    "eu",
    "nato_europe",
    "nato",
    "nato_plus_partners",
    "for_ukraine",
)
#: scopes that name one country in ``production.country``
COUNTRY_SCOPES = ("plant", "company", "country")
#: subtypes per item; items listed in MIXED_ITEMS need one (they mix kinds that never add up)
SUBTYPES: dict[str, tuple[str, ...]] = {
    "artillery_ammunition": ("155mm", "152mm", "all_calibres", "incl_small_arms"),
    "tanks": (),
    "armoured_vehicles": ("all_types", "ifv", "apc", "light_armoured"),
    "artillery_pieces": ("self_propelled", "towed", "guns_and_mlrs", "barrels"),
    "combat_aircraft": (
        "fixed_wing",
        "helicopter",
        "fixed_wing_and_helicopter",
        "fixed_wing_incl_trainers",
        "unstated",
    ),
    "interceptors": (),
    "long_range_missiles": ("ballistic", "cruise", "ballistic_and_cruise"),
    "drones": ("all_types", "fpv", "long_range", "long_range_attack", "decoy"),
}
#: what a storage figure counts: everything stored, or only what the claimant thinks can be
#: restored; ``holdings`` = active plus stored (the source does not split them)
STORAGE_MEASURES = ("in_storage", "in_storage_restorable", "holdings")
STORAGE_TIMINGS = ("pre_war", "wartime")
#: what a dated event is: a NATO summit, the start of a war, a term of office beginning,
#: a historical crisis or war of reference ("since the 1962 Cuban Missile Crisis")
EVENT_KINDS = ("summit", "war_start", "office_start", "historical")
MIXED_ITEMS = tuple(item for item, subs in SUBTYPES.items() if subs)
PERIODS = ("year", "month", "part_year")
CLAIM_TYPES = ("official", "independent_estimate", "press_claim", "political_statement")
SIDES = ("NATO", "RUS", "UKR")
#: country (ISO3), bloc (membership by year), region (SIPRI's regional and sub-regional
#: totals), world (SIPRI's world total, WLD), historical (states that no longer exist).
ENTITY_KINDS = ("country", "bloc", "region", "world", "historical")
#: How an alias names its entity. ``capital`` and ``metonym`` name a government by its seat
#: ("Moscow", "the Kremlin"); the CLI accepts only ``name``, ``short_name``, ``abbreviation``.
ALIAS_KINDS = (
    "name",
    "short_name",
    "adjective",
    "demonym",
    "capital",
    "metonym",
    "abbreviation",
)

_COLTYPES = {
    "year": "INTEGER",
    "valid_from": "INTEGER",
    "valid_to": "INTEGER",
    "deadline_year": "INTEGER",
    "relay_order": "INTEGER",
}


def _ddl(spec: TableSpec) -> str:
    cols = []
    for c in spec.columns:
        if c in _COLTYPES:
            t = _COLTYPES[c]
        elif c in spec.numeric:
            t = "DOUBLE"
        elif c == "estimate":
            t = "BOOLEAN"
        else:
            t = "VARCHAR"
        null = " NOT NULL" if c in spec.required or c in spec.key else ""
        cols.append(f"{c} {t}{null}")
    cols.append("origin VARCHAR NOT NULL DEFAULT 'package'")
    cols.append(f"PRIMARY KEY ({', '.join(spec.key)})")
    return f"CREATE TABLE {spec.name} (\n  " + ",\n  ".join(cols) + "\n)"


# Tables each migration adds (the first one creates every table not listed later).
_ADDED_IN = {2: ("alias",), 3: ("production_relay", "storage"), 4: ("event",)}
_LATER = {t for tables in _ADDED_IN.values() for t in tables}

# Numbered migrations: index i brings the store from version i to i + 1. A store is always
# built from scratch by running them in order; a store of an older version is rebuilt (its
# user rows carried over column by column), see ``armsrace.facts.store``.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
        *(_ddl(spec) for name, spec in TABLES.items() if name not in _LATER),
    ),
    # 2: entity aliases move from entity.aliases into their own table; entity gets a parent
    # (SIPRI sub-region -> region -> WLD).
    tuple(_ddl(TABLES[name]) for name in _ADDED_IN[2]),
    # 3: production table v2 (claim_id, basis, scope, subtype, model, country, claim_date;
    # one row per original claim), its relays, and Russia's equipment in storage.
    tuple(_ddl(TABLES[name]) for name in _ADDED_IN[3]),
    # 4: dated events (NATO summits, the start of a war ...) that claims about dates name.
    tuple(_ddl(TABLES[name]) for name in _ADDED_IN[4]),
)
SCHEMA_VERSION = len(MIGRATIONS)
