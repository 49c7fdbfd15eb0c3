"""Plotly figure builders for the report. They return figures and never show them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from armsrace.targets.gaps import TargetLevels

__all__ = [
    "burden_chart",
    "gap_chart",
    "production_chart",
    "share_chart",
    "spending_chart",
]

SIDE_COLOURS = {"NATO": "#1f4e9c", "RUS": "#b22222", "UKR": "#d4a017"}
LAYOUT = dict(template="plotly_white", font=dict(size=12), margin=dict(l=60, r=20, t=60, b=50))


def share_chart(allies: pd.DataFrame, levels: TargetLevels, title: str) -> go.Figure:
    """Horizontal bars of each ally's share of GDP with the 2%, 3.5% and 5% lines."""
    import plotly.graph_objects as go

    d = allies.dropna(subset=["share_gdp_pct"]).sort_values("share_gdp_pct")
    fig = go.Figure(
        go.Bar(
            x=d["share_gdp_pct"],
            y=d["name"],
            orientation="h",
            marker_color="#1f4e9c",
            customdata=d[["share_release", "share_source"]],
            hovertemplate="%{y}: %{x:.2f}% of GDP<br>%{customdata[0]} (%{customdata[1]})<extra></extra>",
            name="share of GDP",
        )
    )
    for level, label, dash in (
        (levels.floor_pct, "2% floor", "dot"),
        (levels.core_pct, f"{levels.core_pct:g}% core by {levels.deadline_year}", "dash"),
        (levels.total_pct, f"{levels.total_pct:g}% total by {levels.deadline_year}", "solid"),
    ):
        fig.add_vline(
            x=level,
            line_dash=dash,
            line_color="#444",
            annotation_text=label,
            annotation_position="top",
        )
    fig.update_layout(
        title=title,
        xaxis_title="% of GDP",
        height=max(400, 18 * len(d) + 120),
        showlegend=False,
        **LAYOUT,
    )
    return fig


def gap_chart(allies: pd.DataFrame, deadline: int, title: str, top: int = 15) -> go.Figure:
    """Money gaps (USD bn) to 3.5% and 5% of GDP, largest first."""
    import plotly.graph_objects as go

    d = allies.dropna(subset=["gap_5pct_usd_bn"]).nlargest(top, "gap_5pct_usd_bn")
    fig = go.Figure()
    fig.add_bar(
        x=d["name"], y=d["gap_3_5pct_usd_bn"], name="gap to 3.5% core", marker_color="#1f4e9c"
    )
    fig.add_bar(x=d["name"], y=d["gap_5pct_usd_bn"], name="gap to 5% total", marker_color="#8fb3e8")
    fig.update_layout(
        title=title, barmode="group", yaxis_title="USD billion a year (at 2025 GDP)", **LAYOUT
    )
    return fig


def spending_chart(series: pd.DataFrame, title: str, yaxis: str) -> go.Figure:
    """Lines of spending over time, one per entity (columns: entity, label, year, value)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    palette = {
        "RUS": "#b22222",
        "USA": "#1f4e9c",
        "NATO_EUCA": "#5b8bd0",
        "NATO": "#0b2a5b",
        "CHN": "#888",
        "UKR": "#d4a017",
    }
    for (entity, label), g in series.groupby(["entity", "label"], sort=False):
        fig.add_scatter(
            x=g["year"],
            y=g["value"],
            mode="lines+markers",
            name=str(label),
            line=dict(color=palette.get(str(entity), "#666")),
        )
    fig.update_layout(title=title, xaxis_title="year", yaxis_title=yaxis, **LAYOUT)
    return fig


def production_chart(prod: pd.DataFrame, item: str, title: str) -> go.Figure:
    """Each source's estimate (per year) as a point with its low-high range, by side."""
    import numpy as np
    import plotly.graph_objects as go

    d = prod.copy()
    factor = np.where(d["period"] == "month", 12.0, 1.0)
    for c in ("low", "central", "high"):
        d[c + "_y"] = d[c] * factor
    d["point"] = d["central_y"].fillna(d["low_y"]).fillna(d["high_y"])
    d["label"] = (
        d["year"].astype(str) + " · " + d["item_label"] + " · " + d["claimant"].str.slice(0, 60)
    )
    fig = go.Figure()
    for side, g in d.groupby("side", sort=False):
        err_plus = (g["high_y"] - g["point"]).fillna(0.0)
        err_minus = (g["point"] - g["low_y"]).fillna(0.0)
        fig.add_scatter(
            x=g["point"],
            y=g["label"],
            mode="markers",
            name=str(side),
            marker=dict(
                size=9,
                color=SIDE_COLOURS.get(str(side), "#666"),
                symbol=["circle" if k == "output" else "diamond-open" for k in g["kind"]],
            ),
            error_x=dict(type="data", symmetric=False, array=err_plus, arrayminus=err_minus),
            customdata=g[["claim_type", "kind", "source_id"]],
            hovertemplate="%{y}<br>%{x:,.0f} a year · %{customdata[1]} · %{customdata[0]}"
            "<br>%{customdata[2]}<extra></extra>",
        )
    fig.update_layout(
        title=title,
        xaxis_title=f"{item.replace('_', ' ')} per year (monthly figures ×12)",
        height=max(320, 26 * len(d) + 140),
        xaxis_type="log",
        **LAYOUT,
    )
    fig.update_yaxes(automargin=True)
    return fig


def burden_chart(burden: pd.DataFrame, title: str) -> go.Figure:
    """Share of NATO GDP against share of NATO defence spending, one point per ally."""
    import plotly.graph_objects as go

    d = burden.dropna(subset=["share_of_nato_spending_pct"])
    fig = go.Figure(
        go.Scatter(
            x=d["share_of_nato_gdp_pct"],
            y=d["share_of_nato_spending_pct"],
            mode="markers+text",
            text=d["entity"],
            textposition="top center",
            marker=dict(color="#1f4e9c", size=8),
            hovertemplate="%{text}: %{x:.2f}% of NATO GDP, %{y:.2f}% of NATO spending<extra></extra>",
        )
    )
    top = float(max(d["share_of_nato_gdp_pct"].max(), d["share_of_nato_spending_pct"].max()))
    fig.add_scatter(
        x=[0.05, top],
        y=[0.05, top],
        mode="lines",
        line=dict(dash="dot", color="#999"),
        name="equal shares",
        hoverinfo="skip",
    )
    fig.update_layout(
        title=title,
        xaxis_title="share of NATO GDP (%)",
        yaxis_title="share of NATO defence spending (%)",
        xaxis_type="log",
        yaxis_type="log",
        showlegend=False,
        **LAYOUT,
    )
    return fig
