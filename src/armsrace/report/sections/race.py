"""Report section: when, if ever, could NATO out-produce Russia? (the race simulator)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from armsrace.report.model import Chart, Section, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.race.summary import SimulationResult
    from armsrace.settings import Settings

__all__ = ["REPORT_RUNS", "REPORT_SEED", "build"]

#: Runs per scenario in the report (streaming summaries; about a second each).
REPORT_RUNS = 20_000
REPORT_SEED = 2026
SOBOL_N = 128
LAYOUT = dict(template="plotly_white", font=dict(size=12), margin=dict(l=60, r=20, t=60, b=50))
COLOURS = {0: "#1f4e99", 1: "#b22222"}


def build(
    store: FactStore, settings: Settings, *, progress: Callable[[int, int], None] | None = None
) -> Section:
    from armsrace.race.runner import prepare, simulate
    from armsrace.race.scenario import DEFAULT_SCENARIO, list_scenarios
    from armsrace.race.sensitivity import sensitivity
    from armsrace.report.sections.race_validation import validation_blocks

    # the backtest family is run by the validation subsection, against observations
    names = [DEFAULT_SCENARIO] + [
        n for n in list_scenarios() if n != DEFAULT_SCENARIO and not n.startswith("backtest-")
    ]
    steps = len(names) + 2
    results: dict[str, SimulationResult] = {}
    resolved_default = prepare(DEFAULT_SCENARIO, store, settings)
    for k, name in enumerate(names):
        resolved = resolved_default if name == DEFAULT_SCENARIO else prepare(name, store, settings)
        results[name] = simulate(
            resolved, runs=REPORT_RUNS, seed=REPORT_SEED, keep_paths=False, settings=settings
        )
        if progress is not None:
            progress(k + 1, steps)
    sens = sensitivity(resolved_default, n_base=SOBOL_N, seed=REPORT_SEED)
    if progress is not None:
        progress(steps - 1, steps)
    validation = validation_blocks(store, REPORT_SEED)
    if progress is not None:
        progress(steps, steps)

    main = results[DEFAULT_SCENARIO]
    sources = tuple(main.source_ids)
    side0, side1 = main.layout.sides
    blocks: list[Text | Table | Chart] = [
        Text(
            f"{resolved_default.scenario.title}. {REPORT_RUNS:,} Monte Carlo runs (seed "
            f"{REPORT_SEED}) of the stock-and-flow model in DESIGN.md: each side's budget follows "
            "its path; money per item keeps today's share of the budget; unit costs fall with "
            "cumulative output (Wright's law); capacity moves toward the affordable rate with a "
            "lag of the plant lead time. Every uncertain input is drawn from its sourced range "
            "(or a stated assumption). 'Catch-up' is the first month NATO's monthly output "
            "exceeds Russia's; 'cumulative parity' the first month its output since January "
            f"{main.layout.start_year} reaches Russia's."
        ),
        Table(
            _catchup_frame(main),
            caption="Catch-up per item: probability within the horizon, median and 90% "
            "interval of the month, share never catching up, cumulative parity.",
            source_ids=sources,
            note=_notes(main),
        ),
        Table(
            _by_year_frame(main),
            caption=f"Probability that {side0} has out-produced {side1} by the end of each year.",
            source_ids=sources,
        ),
        Chart(
            _probability_chart(main),
            caption=f"P({side0} monthly output > {side1}'s) in December of each year, per item.",
            source_ids=sources,
        ),
    ]
    for i in range(len(main.layout.items)):
        blocks.append(
            Chart(
                _fan_chart(main, i),
                caption=f"{main.labels[i]}: monthly output, median with 50% and 90% bands "
                f"({main.units[i]} per month).",
                source_ids=sources,
            )
        )
    if "artillery_ammunition" in main.layout.items:
        i = main.layout.items.index("artillery_ammunition")
        blocks.append(
            Chart(
                _fan_chart(main, i, "stock"),
                caption="Artillery shells: stock of new rounds (output less consumption; "
                "Russia's consumption of about 10,000 rounds a day is modelled, NATO's is not, "
                "and neither side's existing stocks are known). A median of 0 means "
                "everything made is fired.",
                source_ids=sources,
            )
        )
    # rank inputs on the items whose answer is genuinely uncertain (5% < P(catch up) < 95%):
    # a rare event (P of 0.5%) gives unstable indices that would swamp the chart
    table = main.catchup_table()
    open_items = [
        item
        for item, p in zip(table["item"], table["p_catch_up"], strict=True)
        if 0.05 <= p <= 0.95
    ]
    ranking = _ranking(sens.indices, open_items) if open_items else sens.ranking()
    which = (
        ", ".join(main.labels[main.layout.items.index(i)] for i in open_items)
        if open_items
        else "all items whose catch-up month varies"
    )
    blocks.append(
        Chart(
            _sobol_chart(ranking),
            caption="What matters most: Sobol total and first-order indices of the catch-up "
            f"month, for {which} ({sens.n_evaluations:,} model evaluations). " + sens.note,
            source_ids=sources,
        )
    )
    blocks.append(
        Table(
            _scenario_frame(results),
            caption="Probability of catching up by the end of the horizon, per scenario.",
            source_ids=tuple(sorted({s for r in results.values() for s in r.source_ids})),
            note="nato-2pct holds NATO's 2024 share of GDP; europe-alone is NATO Europe + "
            "Canada without the US, on the items that have a European figure.",
        )
    )
    blocks.append(
        Table(
            _inputs_frame(main),
            caption="Scenario inputs that are not in the fact store: each with the page it "
            "comes from, or marked as an assumption.",
        )
    )
    blocks.extend(validation)
    blocks.append(
        Text(
            "Caveats: NATO figures for several items cover one producer or one country "
            "(noted per item in the scenario file), so NATO is understated there; Russian "
            "official figures are self-reported. Fan charts read quantiles from log-spaced "
            "bins about 1% wide. Run info: " + main.run_info.to_json()
        )
    )
    return Section(id="race", title="When could NATO out-produce Russia?", blocks=tuple(blocks))


def _month(v: Any) -> str:
    return "never" if v is None or (isinstance(v, float) and v != v) else str(v)


def _catchup_frame(result: SimulationResult) -> pd.DataFrame:
    import pandas as pd

    t = result.catchup_table()
    return pd.DataFrame(
        {
            "item": list(result.labels),
            "P(catch up)": t["p_catch_up"].round(3),
            "median": t["catch_up_median"].map(_month),
            "90% interval": [
                f"{_month(a)} – {_month(b)}"
                for a, b in zip(t["catch_up_p5"], t["catch_up_p95"], strict=True)
            ],
            "never": t["share_never"].round(3),
            "cumulative parity (median)": t["parity_median"].map(_month),
            "starting figures cover": t["coverage"],
        }
    )


def _by_year_frame(result: SimulationResult) -> pd.DataFrame:
    y = result.yearly_table()
    wide = y.pivot(index="item", columns="year", values="p_caught_up_by")
    wide = wide.reindex(list(result.layout.items)).round(3)
    wide.index = list(result.labels)
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index(names="item")


def _scenario_frame(results: dict[str, SimulationResult]) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for name, res in results.items():
        t = res.catchup_table()
        for label, p in zip(res.labels, t["p_catch_up"], strict=True):
            rows.append({"scenario": name, "item": label, "P(catch up)": round(float(p), 3)})
    frame = pd.DataFrame(rows)
    wide = frame.pivot(index="item", columns="scenario", values="P(catch up)")
    wide.columns.name = None
    return wide.reset_index()


def _ranking(indices: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    df = indices[indices["item"].isin(items)]
    out = df.groupby("parameter", as_index=False)[["S1", "ST"]].mean()
    return out.sort_values("ST", ascending=False, kind="stable").reset_index(drop=True)


def _inputs_frame(result: SimulationResult) -> pd.DataFrame:
    import pandas as pd

    rows = [{"inputs": _compact(a), "source": b} for a, b in result.references]
    rows += [{"inputs": _compact(a), "source": f"assumption: {b}"} for a, b in result.assumptions]
    return pd.DataFrame(rows, columns=["inputs", "source"])


def _compact(names: str) -> str:
    """'NATO.tanks.learning_rate, RUS.tanks.learning_rate' -> 'learning_rate: tanks (NATO, RUS)'."""
    groups: dict[str, tuple[list[str], list[str]]] = {}
    plain: list[str] = []
    for name in names.split(", "):
        parts = name.split(".")
        if len(parts) != 3:
            plain.append(name)
            continue
        side, item, field = parts
        items, sides = groups.setdefault(field, ([], []))
        if item not in items:
            items.append(item)
        if side not in sides:
            sides.append(side)
    out = plain + [
        f"{field}: {', '.join(items) if len(items) < 4 else f'{len(items)} items'} "
        f"({', '.join(sides)})"
        for field, (items, sides) in groups.items()
    ]
    return "; ".join(out)


def _notes(result: SimulationResult) -> str:
    return " ".join(f"{n}." for n in result.notes)


def _probability_chart(result: SimulationResult) -> Any:
    import plotly.graph_objects as go

    y = result.yearly_table()
    fig = go.Figure()
    for item, label in zip(result.layout.items, result.labels, strict=True):
        d = y[y["item"] == item]
        fig.add_trace(
            go.Scatter(
                x=d["year"],
                y=d["p_ahead"],
                mode="lines+markers",
                name=label,
                hovertemplate=f"{label}<br>%{{x}}: %{{y:.1%}}<extra></extra>",
            )
        )
    fig.update_layout(
        title=f"Probability that {result.layout.sides[0]} out-produces {result.layout.sides[1]}",
        xaxis_title="year (December)",
        yaxis_title="probability",
        yaxis_range=[0, 1.02],
        **LAYOUT,
    )
    return fig


def _fan_chart(result: SimulationResult, i: int, variable: str = "output") -> Any:
    import plotly.graph_objects as go

    fan = result.fan_table(variable)
    item = result.layout.items[i]
    fig = go.Figure()
    for s, side in enumerate(result.layout.sides):
        d = fan[(fan["item"] == item) & (fan["side"] == side)]
        colour = COLOURS[s]
        for lo, hi, alpha in (("p5", "p95", 0.15), ("p25", "p75", 0.3)):
            fig.add_trace(
                go.Scatter(
                    x=list(d["date"]) + list(d["date"])[::-1],
                    y=list(d[hi]) + list(d[lo])[::-1],
                    fill="toself",
                    mode="lines",
                    line=dict(width=0),
                    hoverinfo="skip",
                    fillcolor=_rgba(colour, alpha),
                    name=f"{side} {lo}–{hi}",
                    showlegend=False,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=d["date"],
                y=d["p50"],
                mode="lines+markers",
                name=f"{side} median",
                line=dict(color=colour),
                hovertemplate=f"{side} %{{x}}: %{{y:,.4g}}<extra></extra>",
            )
        )
    fig.update_layout(
        title=f"{result.labels[i]}: {'monthly output' if variable == 'output' else 'stock'}",
        xaxis_title="month",
        yaxis_title=f"{result.units[i]}{' per month' if variable == 'output' else ''}",
        yaxis_type="log",
        **LAYOUT,
    )
    return fig


def _sobol_chart(ranking: pd.DataFrame, top: int = 15) -> Any:
    import plotly.graph_objects as go

    d = ranking.head(top).iloc[::-1]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=d["parameter"], x=d["ST"], orientation="h", name="total (ST)"))
    fig.add_trace(go.Bar(y=d["parameter"], x=d["S1"], orientation="h", name="first order (S1)"))
    fig.update_layout(
        title="What matters most for the catch-up month",
        barmode="group",
        xaxis_title="Sobol index (mean over items)",
        height=120 + 28 * len(d),
        **LAYOUT,
    )
    return fig


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
