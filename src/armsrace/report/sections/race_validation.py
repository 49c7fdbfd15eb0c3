"""The race section's "Does the model work?" subsection: the backtest from end-2022 against
observed output (chart and coverage) and how the catch-up answer depends on whom you
believe and on the optional structure (the stability table)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from armsrace.report.model import Chart, Table, Text

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.race.backtest import BacktestResult

__all__ = ["BACKTEST_RUNS", "STABILITY_RUNS", "validation_blocks"]

BACKTEST_RUNS = 4000
STABILITY_RUNS = 2000


def validation_blocks(store: FactStore, seed: int) -> list[Text | Table | Chart]:
    """Blocks of the subsection (the backtest with structure on and off, the stability table)."""
    from armsrace.race.backtest import run_backtest
    from armsrace.race.stability import stability_table

    on = run_backtest(store, runs=BACKTEST_RUNS, seed=seed, structure=True)
    off = run_backtest(store, runs=BACKTEST_RUNS, seed=seed, structure=False)
    stab = stability_table(store, runs=STABILITY_RUNS, seed=seed)
    cov_on, cov_off = on.coverage(), off.coverage()
    misses = on.table[on.table["miss"] != "inside"]
    above = int((misses["miss"] == "above").sum())
    return [
        Text(
            "Does the model work? The backtest family backtest-2022 starts in January 2023 "
            "from the store's end-2022 figures and realised 2022-2025 shares of GDP, with "
            "the plants and programmes announced by the end of 2022 (the US Army's 155 mm "
            "steps of December 2022, Alabuga's Shahed plan), runs three years forward and "
            "compares the model's 50% and 90% intervals with the output observed since "
            "(claims from the store: the median of the point claims of one basis is tested, "
            "the claimants' spread shown; a claim that is only a lower bound is tested "
            "one-sided). Nothing is fitted to these observations; Russian tanks and "
            "armoured vehicles start from their 2023 figures (the store has no sourced "
            "end-2022 figure of the same basis), so 2023 is not tested for them. "
            f"With the optional structure on, the observation falls inside the 90% interval "
            f"for {cov_on['inside_90']} of {cov_on['item_years']} item-years "
            f"({cov_on['coverage_90']:.0%}; target at least 80%) and inside the 50% interval "
            f"for {cov_on['inside_50']} ({cov_on['coverage_50']:.0%}; target 35-65%); with "
            f"it off, {cov_off['coverage_90']:.0%} and {cov_off['coverage_50']:.0%}. "
            f"{above} of {len(misses)} misses lie above the interval. What the misses point "
            f"to: {_miss_summary(misses)}."
        ),
        Chart(
            _backtest_chart(on),
            caption="Backtest from end-2022: the model's 90% (thin) and 50% (thick) intervals "
            "per item-year and the observed figure (dot; bar = spread between claimants). "
            "Log scale.",
            source_ids=on.source_ids,
        ),
        Table(
            _backtest_frame(on),
            caption="Backtest per item-year (structure on): observed median of the distinct "
            "point claims of one basis (≥: only lower bounds were claimed, tested one-sided, "
            "PIT a bound), the model's intervals, PIT (share of runs below the observation) "
            "and the structural part a miss points to.",
            source_ids=on.source_ids,
            note="Output per calendar year; capacity = December's monthly capacity x 12.",
        ),
        Table(
            _coverage_frame(on, off),
            caption="Coverage of the backtest intervals (targets: 90% interval >= 0.80, 50% "
            "interval 0.35-0.65 of the item-years).",
        ),
        Table(
            _stability_frame(stab),
            caption="Stability of the default scenario's answer: P(caught up by 2030) / "
            "P(by 2035) / median catch-up month per item, under each alternative claimant of "
            "a starting figure and each optional structural part.",
            note=f"{STABILITY_RUNS:,} runs per variant, seed {seed}; '-' = the variant does "
            "not touch that item.",
        ),
    ]


def _miss_summary(misses: pd.DataFrame) -> str:
    """'<part>' (n item-years) for each structural part the misses point to, most first."""
    if misses.empty:
        return "nothing (no misses)"
    counts = misses["points_to"].value_counts()
    return "; ".join(f"{part} ({n})" for part, n in counts.items())


def _label(row: Any) -> str:
    item = str(row["item"]).replace("_ammunition", " ammo").replace("_", " ")
    return f"{row['side']} {item} {row['year']} {row['measure']}"


def _backtest_chart(result: BacktestResult) -> Any:
    import plotly.graph_objects as go

    t = result.table
    labels = [_label(r) for _, r in t.iterrows()]
    fig = go.Figure()
    for lo, hi, width, name in (
        ("model_p5", "model_p95", 4, "model 90%"),
        ("model_p25", "model_p75", 12, "model 50%"),
    ):
        xs: list[Any] = []
        ys: list[Any] = []
        for lab, a, b in zip(labels, t[lo], t[hi], strict=True):
            xs += [lab, lab, None]
            ys += [a, b, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(width=width, color="#1f4e99"),
                name=name,
                opacity=0.5 if width > 4 else 0.9,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=t["observed"],
            mode="markers",
            marker=dict(size=9, color="#b22222"),
            name="observed",
            error_y=dict(
                type="data",
                symmetric=False,
                array=t["claims_high"] - t["observed"],
                arrayminus=t["observed"] - t["claims_low"],
            ),
        )
    )
    fig.update_layout(
        title="Backtest: model intervals vs observed output",
        yaxis_type="log",
        yaxis_title="units per year",
        template="plotly_white",
        margin=dict(l=60, r=20, t=60, b=160),
    )
    return fig


def _backtest_frame(result: BacktestResult) -> pd.DataFrame:
    import pandas as pd

    t = result.table
    return pd.DataFrame(
        {
            "item-year": [_label(r) for _, r in t.iterrows()],
            "observed": [
                ("≥ " if kind == "lower bound" else "≤ " if kind == "upper bound" else "")
                + f"{v:,.0f}"
                for v, kind in zip(t["observed"], t["observed_kind"], strict=True)
            ],
            "basis": t["basis"],
            "claims": t["claims"],
            "50% interval": [
                f"{a:,.0f}-{b:,.0f}" for a, b in zip(t["model_p25"], t["model_p75"], strict=True)
            ],
            "90% interval": [
                f"{a:,.0f}-{b:,.0f}" for a, b in zip(t["model_p5"], t["model_p95"], strict=True)
            ],
            "PIT": [
                ("≥ " if pk == "at least" else "≤ " if pk == "at most" else "") + f"{p:.3f}"
                for p, pk in zip(t["pit"], t["pit_kind"], strict=True)
            ],
            "miss": t["miss"],
            "points to": t["points_to"],
        }
    )


def _coverage_frame(on: BacktestResult, off: BacktestResult) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for label, r in (("on", on), ("off", off)):
        c = r.coverage()
        rows.append(
            {
                "structure": label,
                "item-years": c["item_years"],
                "inside 50%": c["inside_50"],
                "inside 90%": c["inside_90"],
                "coverage 50%": round(c["coverage_50"], 3),
                "coverage 90%": round(c["coverage_90"], 3),
            }
        )
    return pd.DataFrame(rows)


def _stability_frame(stab: pd.DataFrame) -> pd.DataFrame:
    cell = [
        f"{a:.2f} / {b:.2f} / {m}"
        for a, b, m in zip(stab["p_by_2030"], stab["p_by_2035"], stab["median"], strict=True)
    ]
    wide = stab.assign(answer=cell).pivot_table(
        index=["kind", "variant"], columns="item", values="answer", aggfunc="first", sort=False
    )
    wide = wide.fillna("-")
    wide.columns.name = None
    return wide.reset_index()
