"""The capacity table's programme totals (``capacity_is: side_total``): what they add, the
US 155 mm plan known at the end of 2022, and bad values refused with line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from armsrace.race.schedule import load_schedule


@pytest.fixture(scope="module")
def usa(store_path: Any) -> Any:
    from armsrace.facts.store import open_store
    from armsrace.race.runner import prepare

    with open_store(store_path) as store:
        return prepare("backtest-2022-usa", store)


def test_programme_totals_add_only_what_capacity_lacks(usa: Any) -> None:
    """20,000 a month by spring 2023, 40,000 by 2025 (Defense News, Dec 2022): the first
    adds 20,000 minus today's capacity, the second 40,000 minus the first total."""
    from armsrace.race.inputs import draw_values, inputs_from_values

    values = draw_values(usa, np.random.SeedSequence(5), 400)
    inputs = inputs_from_values(usa, values)
    assert inputs.structure is not None
    s, i = usa.side_ids.index("USA"), usa.item_ids.index("artillery_ammunition")
    cap0 = inputs.initial_capacity[:, s, i]
    plants = [p for p in inputs.structure.plants if p.side == s and p.item == i]
    assert len(plants) == 2
    first, second = sorted(plants, key=lambda p: float(np.median(p.open_month)))
    np.testing.assert_allclose(first.capacity, np.maximum(20_000 - cap0, 0.0))
    np.testing.assert_allclose(second.capacity, np.maximum(40_000 - np.maximum(cap0, 20_000), 0.0))
    # today's capacity plus what the plan adds reaches the plan's total in every run
    np.testing.assert_allclose(cap0 + first.capacity + second.capacity, np.maximum(cap0, 40_000))


def test_us_plan_was_known_at_the_start(usa: Any) -> None:
    plants = load_schedule()
    for pid in ("us-army-155-spring-2023", "us-army-155-2025"):
        plant = plants[pid]
        assert plant.side_total and plant.announced <= "2022-12-31"
        assert plant.url.startswith("https://")
    assert any("us-army-155" in name for name, _ in usa.references)


def test_bad_capacity_is_is_refused_with_line_and_column(tmp_path: Path) -> None:
    from armsrace.errors import DataError

    good = (Path(__file__).parents[2] / "src/armsrace/race/data/capacity_schedule.csv").read_text(
        encoding="utf-8"
    )
    lines = good.splitlines()
    row = next(n for n, line in enumerate(lines) if line.endswith(",side_total"))
    bad = lines[row].removesuffix(",side_total") + ",everything"
    path = tmp_path / "plants.csv"
    path.write_text("\n".join([lines[0], bad]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_schedule(path)
    msg = str(err.value)
    assert "line 2" in msg and "capacity_is" in msg and "side_total" in msg
