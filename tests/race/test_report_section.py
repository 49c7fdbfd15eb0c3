"""The race report section: tables and charts with their sources (checked via plotly spec)."""

from __future__ import annotations

from typing import Any

from armsrace.report.model import Chart, Table


def test_race_section_has_catchup_table_fans_and_sobol_chart(store: Any) -> None:
    from armsrace.report.sections import race
    from armsrace.settings import Settings

    calls: list[tuple[int, int]] = []
    section = race.build(store, Settings(), progress=lambda d, t: calls.append((d, t)))
    assert section.id == "race"
    tables = [b for b in section.blocks if isinstance(b, Table)]
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert "90% interval" in tables[0].frame.columns
    assert len(tables[0].frame) == 6
    titles = [c.figure.layout.title.text for c in charts]
    assert any("What matters most" in t for t in titles)
    assert sum("monthly output" in t for t in titles) == 6
    assert any(t.endswith(": stock") for t in titles)
    assert all(c.source_ids for c in charts)
    assert "nato-defexp-2025-08" in section.source_ids()
    assert calls[-1][0] == calls[-1][1]
    assert any("not in the fact store" in t.caption for t in tables)


def test_validation_subsection_has_backtest_chart_coverage_and_stability(store: Any) -> None:
    from armsrace.report.sections.race_validation import validation_blocks

    blocks = validation_blocks(store, seed=1)
    texts = [b.text for b in blocks if not isinstance(b, Table | Chart)]
    assert texts and texts[0].startswith("Does the model work?")
    assert "What the misses point to:" in texts[0]
    charts = [b for b in blocks if isinstance(b, Chart)]
    spec = charts[0].figure.to_plotly_json()
    assert spec["layout"]["yaxis"]["type"] == "log"
    names = [tr["name"] for tr in spec["data"]]
    assert names == ["model 90%", "model 50%", "observed"]
    assert charts[0].source_ids
    tables = {b.caption.split(" ")[0]: b for b in blocks if isinstance(b, Table)}
    cov = tables["Coverage"].frame
    assert list(cov["structure"]) == ["on", "off"]
    assert ((cov["coverage 90%"] >= 0) & (cov["coverage 90%"] <= 1)).all()
    stab = tables["Stability"].frame
    assert "as published (structure off)" in set(stab["variant"])
    assert "all structure on" in set(stab["variant"])
    assert {"tanks", "artillery_ammunition"} <= set(stab.columns)
    backtest = tables["Backtest"].frame
    assert {"basis", "PIT", "points to"} <= set(backtest.columns)
