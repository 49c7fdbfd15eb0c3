"""The report section states the answer with its limits and carries sourced charts."""

from __future__ import annotations

from armsrace.report.model import Chart, Table, Text
from armsrace.report.sections.dynamics import build
from armsrace.settings import Settings


def test_section_answers_in_plain_words_with_sources(store) -> None:
    section = build(store, Settings())
    assert section.id == "dynamics"
    texts = " ".join(b.text for b in section.blocks if isinstance(b, Text))
    for phrase in ("reaction coefficient", "stable", "Granger", "Limits"):
        assert phrase in texts
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert charts and all(c.source_ids for c in charts)
    fan = charts[-1].figure
    names = [t.name for t in fan.data]
    assert any("Hague path" in n for n in names)
    assert any("median" in n for n in names)
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert all(t.source_ids for t in tables)
    variants = next(t for t in tables if "How the answer moves" in t.caption).frame
    assert list(variants["variant"][:3]) == ["before 2014 (1992-2013)", "2014-2021", "from 2022"]
    assert "too short" in variants.set_index("variant").loc["from 2022", "note"]
    coefs = next(t for t in tables if "Richardson coefficients" in t.caption).frame
    assert set(coefs["form"]) == {"discrete", "continuous"}
    assert "sipri-milex-2025" in section.source_ids()


def test_section_is_registered() -> None:
    from armsrace.report.html import SECTIONS

    assert ("dynamics", "armsrace.report.sections.dynamics") in SECTIONS
