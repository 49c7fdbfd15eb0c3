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
