"""The stability table: the same answer as a plain run for the baseline, one row per
claimant of a starting figure, one per structural part."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def table(store_path: Any) -> Any:
    from armsrace.facts.store import open_store
    from armsrace.race.stability import stability_table

    with open_store(store_path) as store:
        return stability_table(store, runs=400, seed=9)


def test_baseline_rows_are_the_default_answer(table: Any, resolved_default: Any) -> None:
    from armsrace.race.runner import simulate

    res = simulate(resolved_default, runs=400, seed=9, keep_paths=False)
    by = res.yearly_table().set_index(["item", "year"])["p_caught_up_by"]
    base = table[table["kind"] == "baseline"].set_index("item")
    for item in res.layout.items:
        assert base.loc[item, "p_by_2035"] == by[(item, 2035)]


def test_claimant_rows_name_one_source_each(table: Any) -> None:
    rows = table[table["kind"] == "claimant"]
    assert (rows.groupby(["item", "variant"])["kind"].count() == 1).all()  # only its item
    tanks = rows[rows["item"] == "tanks"]["variant"]
    assert tanks.str.contains("RUS start").sum() >= 2


def test_every_structural_part_has_a_row_and_can_change_the_answer(table: Any) -> None:
    rows = table[table["kind"] == "structure"]
    labels = set(rows["variant"])
    assert {"RUS budget: budget_law", "RUS tanks: refurbishment", "all structure on"} <= labels
    base = table[table["kind"] == "baseline"].set_index("item")["p_by_2035"]
    refurb = rows[rows["variant"] == "RUS tanks: refurbishment"].set_index("item")["p_by_2035"]
    assert refurb["tanks"] > base["tanks"]  # storage runs down: Russia's tank output falls
