"""The report's production section: the claimant spread per item and side, not a raw dump."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from armsrace.report.model import Table
from armsrace.report.sections.production import build, claimant_spread
from armsrace.settings import Settings


def _row(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "item": "tanks",
        "side": "RUS",
        "kind": "output",
        "year": 2024,
        "period": "year",
        "unit": "tanks",
        "low": math.nan,
        "central": math.nan,
        "high": math.nan,
        "claimant": "A",
        "source_id": "s1",
    }
    base.update(kw)
    return base


def test_spread_is_min_max_of_centrals_with_distinct_counts() -> None:
    prod = pd.DataFrame(
        [
            _row(central=1500.0, claimant="A", source_id="s1"),
            _row(central=1200.0, claimant="B", source_id="s2"),
            _row(central=1500.0, claimant="A", source_id="s3"),
            _row(central=300.0, kind="capacity", claimant="C", source_id="s4", low=250.0),
            _row(central=40.0, side="NATO", claimant="D", source_id="s5"),
        ]
    )
    out = claimant_spread(prod)
    assert len(out) == 3
    assert list(out["side"]) == ["NATO", "RUS", "RUS"]
    rus = out[(out["side"] == "RUS") & (out["kind"] == "output")].iloc[0]
    assert (rus["central_min"], rus["central_max"]) == (1200.0, 1500.0)
    assert (rus["estimates"], rus["claimants"], rus["sources"]) == (3, 2, 3)
    cap = out[out["kind"] == "capacity"].iloc[0]
    assert cap["low_min"] == 250.0 and math.isnan(cap["high_max"])


def test_relays_of_one_claim_count_once_and_bases_stay_apart() -> None:
    prod = pd.DataFrame(
        [
            _row(central=1500.0, claim_id="c1", basis="new+refurbished", source_id="s1"),
            _row(central=1500.0, claim_id="c1", basis="new+refurbished", source_id="s2"),
            _row(central=1500.0, claim_id=None, basis="new+refurbished", source_id="s3"),
            _row(central=250.0, claim_id="c2", basis="new-build", source_id="s4"),
        ]
    )
    out = claimant_spread(prod)
    assert "basis" in out.columns and len(out) == 2
    mixed = out[out["basis"] == "new+refurbished"].iloc[0]
    assert (mixed["estimates"], mixed["sources"]) == (2, 3)


def test_section_has_one_spread_table_per_item_covering_every_estimate(store_path: Path) -> None:
    from armsrace.facts import queries
    from armsrace.facts.store import open_store

    with open_store(store_path) as store:
        section = build(store, Settings(db_path=store_path))
        prod = queries.production(store)
    prod = prod[prod["kind"] != "multiple"]
    tables = [b for b in section.blocks if isinstance(b, Table) and "estimates" in b.frame]
    assert len(tables) == prod["item"].nunique()
    totals = [b for b in section.blocks if isinstance(b, Table) and "not covered" in b.frame]
    assert len(totals) == 1 and set(totals[0].frame["side"]) == {"NATO", "RUS"}
    assert all("claimant" not in t.frame.columns for t in tables)  # no per-estimate dump
    assert sum(len(t.frame) for t in tables) < len(prod)
    if "claim_id" not in prod.columns:
        assert sum(int(t.frame["estimates"].sum()) for t in tables) == len(prod)
    for t in tables:
        assert set(t.source_ids) <= set(prod["source_id"])
        both = t.frame.dropna(subset=["central_min", "central_max"])
        assert (both["central_min"] <= both["central_max"]).all()


def test_plants_and_countries_are_not_one_spread() -> None:
    prod = pd.DataFrame(
        [
            _row(central=50.0, scope="company", producer="KMW", country="DEU", source_id="a"),
            _row(central=40.0, scope="company", producer="KNDS", country="FRA", source_id="b"),
            _row(central=135.0, scope="country", producer="x", country="USA", source_id="c"),
            _row(central=150.0, scope="country", producer="y", country="USA", source_id="d"),
        ]
    )
    out = claimant_spread(prod)
    assert sorted(out["covers"]) == ["KMW", "KNDS", "USA"]
    usa = out[out["covers"] == "USA"].iloc[0]
    assert (usa["central_min"], usa["central_max"], usa["sources"]) == (135.0, 150.0, 2)
