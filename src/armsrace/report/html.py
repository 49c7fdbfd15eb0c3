"""Render the static, self-contained HTML report (chart JavaScript inlined, no network)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.settings import Settings

__all__ = ["SECTIONS", "ReportResult", "build_sections", "render_html", "write_report"]

# (section id, module with ``build(store, settings, *, progress=None) -> Section``), in order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("targets", "armsrace.report.sections.targets"),
    ("spending", "armsrace.report.sections.spending"),
    ("revisions", "armsrace.report.sections.revisions"),
    ("production", "armsrace.report.sections.production"),
    ("race", "armsrace.report.sections.race"),
    ("dynamics", "armsrace.report.sections.dynamics"),
)


@dataclass(frozen=True)
class ReportResult:
    path: Path
    sections: tuple[str, ...]
    charts: int
    source_ids: tuple[str, ...]


def build_sections(
    store: FactStore,
    settings: Settings,
    *,
    only: tuple[str, ...] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Section]:
    """Build every registered section (or ``only`` those ids), in order."""
    chosen = [(sid, mod) for sid, mod in SECTIONS if only is None or sid in only]
    out = []
    for i, (_sid, module) in enumerate(chosen):
        build = importlib.import_module(module).build
        out.append(build(store, settings))
        if progress is not None:
            progress(i + 1, len(chosen))
    return out


def _table_html(frame: pd.DataFrame, *, year: int | None = None) -> str:
    import numpy as np

    from armsrace.labels import relabel

    shown = relabel(frame, year=year)
    for c in shown.columns:
        if shown[c].dtype.kind == "f":
            col = shown[c]
            shown[c] = [
                "" if v != v else (f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.4g}")
                for v in np.asarray(col, dtype=float)
            ]
    return shown.to_html(index=False, na_rep="", classes="data", border=0, escape=True)


def render_html(sections: list[Section], store: FactStore) -> str:
    """The whole report as one HTML string."""
    import jinja2
    from plotly.offline import get_plotlyjs

    from armsrace.facts import queries
    from armsrace.facts.gaps import known_gaps
    from armsrace.provenance import version

    used: set[str] = set()
    rendered: list[dict[str, Any]] = []
    n_chart = 0
    for sec in sections:
        blocks: list[dict[str, Any]] = []
        for b in sec.blocks:
            if isinstance(b, Text):
                blocks.append({"kind": "text", "text": b.text})
            elif isinstance(b, Chart):
                n_chart += 1
                used.update(b.source_ids)
                div = b.figure.to_html(
                    full_html=False,
                    include_plotlyjs=False,
                    div_id=f"chart-{sec.id}-{n_chart}",
                    config={"displaylogo": False, "responsive": True},
                )
                blocks.append(
                    {
                        "kind": "chart",
                        "html": div,
                        "caption": b.caption,
                        "note": b.note,
                        "sources": list(b.source_ids),
                    }
                )
            elif isinstance(b, Table):
                used.update(b.source_ids)
                blocks.append(
                    {
                        "kind": "table",
                        "html": _table_html(b.frame, year=b.label_year),
                        "caption": b.caption,
                        "note": b.note,
                        "sources": list(b.source_ids),
                    }
                )
        rendered.append({"id": sec.id, "title": sec.title, "blocks": blocks})
    src = queries.sources(store, source_id=sorted(used)) if used else queries.sources(store).head(0)
    unknown = sorted(used - set(src["source_id"]))
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("armsrace.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )
    template = env.get_template("report.html.j2")
    return template.render(
        sections=rendered,
        sources=src.fillna("").to_dict(orient="records"),
        unknown_sources=unknown,
        gaps=known_gaps().to_dict(orient="records"),
        plotly_js=get_plotlyjs(),
        version=version(),
        checksum=store.checksum,
    )


def write_report(
    store: FactStore,
    settings: Settings,
    out: str | Path,
    *,
    only: tuple[str, ...] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReportResult:
    """Build the sections and write the report atomically to ``out``."""
    sections = build_sections(store, settings, only=only, progress=progress)
    html = render_html(sections, store)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    ids = set().union(*(s.source_ids() for s in sections)) if sections else set()
    return ReportResult(
        path=path.resolve(),
        sections=tuple(s.id for s in sections),
        charts=sum(isinstance(b, Chart) for s in sections for b in s.blocks),
        source_ids=tuple(sorted(ids)),
    )
