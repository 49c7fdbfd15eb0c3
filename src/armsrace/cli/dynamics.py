"""`armsrace dynamics fit|project`: is it an arms race? Richardson fit, VAR / Granger, projections."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from armsrace.cli._output import DbOption, Format, FormatOption, WideOption

if TYPE_CHECKING:
    from armsrace.dynamics.analysis import PairAnalysis

__all__ = ["register"]


class FormName(StrEnum):
    discrete = "discrete"
    continuous = "continuous"


class IC(StrEnum):
    aic = "aic"
    bic = "bic"


class MembershipRule(StrEnum):
    by_year = "by_year"
    fixed = "fixed"


dynamics_app = typer.Typer(
    name="dynamics",
    help="Arms-race dynamics: Richardson action-reaction fit, stability, VAR / Granger, projections.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PairOption = typer.Option(
    "RUS:NATO_EUCA", "--pair", help="Two entities X:Y (ISO3 or bloc), e.g. RUS:NATO_EUCA, RUS:NATO."
)
PeriodOption = typer.Option(
    None,
    "--period",
    help="Years FIRST-LAST, FIRST- or -LAST, or pre-2014, 2014-2021, from-2022 (default: all).",
)
FormOption = typer.Option(
    FormName.discrete, "--form", help="discrete (OLS on differences) or continuous (ODE solution)."
)
LogsOption = typer.Option(False, "--logs", help="Fit the logarithms of spending instead of levels.")
ReleaseOption = typer.Option(
    "SIPRI 2025", "--release", help="Release of the spending series (one price base)."
)
MembershipOption = typer.Option(
    MembershipRule.by_year,
    "--membership",
    help="Bloc totals: by_year (members of each year) or fixed (last year's members throughout).",
)
BootOption = typer.Option(999, "--boot", help="Bootstrap draws per stage (Kilian, two stages).")
SeedOption = typer.Option(0, "--seed", help="Random seed (bootstrap, IRF bands, projections).")


def register(app: typer.Typer) -> None:
    """Add the 'dynamics' command group to the root app."""
    app.add_typer(dynamics_app, name="dynamics")


@dynamics_app.command("fit")
def fit(
    pair: str = PairOption,
    period: str | None = PeriodOption,
    form: FormName = FormOption,
    logs: bool = LogsOption,
    release: str = ReleaseOption,
    membership: MembershipRule = MembershipOption,
    boot: int = BootOption,
    ic: IC = typer.Option(IC.aic, "--ic", help="Lag order criterion of the VAR: aic or bic."),
    lags: int | None = typer.Option(None, "--lags", help="Fix the VAR lag order instead."),
    seed: int = SeedOption,
    show_values: bool = typer.Option(
        False, "--show-values", help="Also print the yearly values used, with their sources."
    ),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    db: Path | None = DbOption,
) -> None:
    """Fit Richardson's action-reaction model and a VAR to a pair of spending series.

    Prints the series used with their sources, coefficients with bootstrap intervals,
    equilibrium and stability, and Granger tests in both directions.

    Example:
        armsrace dynamics fit --pair RUS:NATO_EUCA
        armsrace dynamics fit --period 2014-2024 --form continuous --format json
    """
    from armsrace.cli._output import open_cli_store, progress_bar, render_json
    from armsrace.dynamics.analysis import analyse_pair

    with open_cli_store(db) as store, progress_bar("Bootstrapping") as progress:
        analysis, _ = analyse_pair(
            store,
            pair=pair,
            period=period,
            form=form.value,  # type: ignore[arg-type]
            logs=logs,
            release=release,
            membership=membership.value,  # type: ignore[arg-type]
            n_boot=boot,
            ic=ic.value,
            lags=lags,
            seed=seed,
            progress=progress,
        )
    if fmt is Format.json:
        render_json(analysis.to_dict())
        return
    _render_analysis(analysis, fmt, show_values=show_values, wide=wide)


def _render_analysis(
    analysis: PairAnalysis, fmt: Format, *, show_values: bool = False, wide: bool = False
) -> None:
    from armsrace.cli._output import console, render_frame
    from armsrace.dynamics.analysis import verdict

    r = analysis.richardson
    if fmt is Format.csv:
        render_frame(r.coefficients, fmt)
        return
    render_frame(
        analysis.series.describe(),
        fmt,
        title="Series used",
        columns=["entity", "years", "indicator", "release", "price_base", "unit", "source_ids"],
        wide=wide,
    )
    if show_values:
        values = analysis.series.to_frame()
        cols = ["entity", "year", "value", "unit", "price_base", "source_id", "n_members"]
        render_frame(
            values[cols],
            fmt,
            title="Yearly values used",
            columns=["entity", "year", "value", "unit", "source_id"],
            wide=wide,
        )
    render_frame(
        r.coefficients,
        fmt,
        columns=["parameter", "meaning", "estimate", "low", "high"],
        wide=wide,
        title=f"Richardson {r.form} fit {r.years[0]}-{r.years[1]}"
        + (" (logs)" if r.logs else "")
        + f": d{r.x}/dt = a·{r.y} − m·{r.x} + g,  d{r.y}/dt = b·{r.x} − n·{r.y} + h",
        caption=f"{r.ci_level:.0%} intervals: Kilian bootstrap-after-bootstrap, "
        f"{r.n_boot_used} of {r.n_boot} draws",
    )
    render_frame(r.equilibrium, fmt, title="Equilibrium (x*, y*)")
    render_frame(
        r.stability,
        fmt,
        title=f"Stability: {'stable' if r.stable else 'NOT stable'} "
        f"({r.prob_stable:.0%} of bootstrap fits stable)",
    )
    if analysis.var is not None:
        v = analysis.var
        render_frame(
            v.unit_roots[["series", "form", "adf_p", "kpss_p", "kpss_p_bound", "stationary"]],
            fmt,
            title="Unit-root tests (ADF null: unit root; KPSS null: stationary)",
        )
        render_frame(v.lag_selection, fmt, title="VAR lag order by AIC / BIC")
        render_frame(
            v.granger[["direction", "f_stat", "df_num", "df_den", "p_value", "conclusion"]],
            fmt,
            title=f"Granger causality (VAR in {v.transform}, {v.lag_order} lag(s) by "
            f"{v.ic.upper()}, {v.n_obs} obs)",
            caption=v.transform_reason,
        )
    out = console()
    for line in verdict(analysis):
        out.print(line)
    var_notes = analysis.var.notes if analysis.var is not None else ()
    for note in analysis.series.notes + r.notes + var_notes:
        out.print(f"[dim]note:[/] {note}")
    out.print("sources: " + ", ".join(analysis.series.source_ids))


@dynamics_app.command("project")
def project_cmd(
    pair: str = PairOption,
    period: str | None = PeriodOption,
    form: FormName = FormOption,
    logs: bool = LogsOption,
    release: str = ReleaseOption,
    membership: MembershipRule = MembershipOption,
    boot: int = BootOption,
    to_year: int | None = typer.Option(
        None, "--to", help="Last projected year (default: the Hague deadline, 2035)."
    ),
    paths: int = typer.Option(2000, "--paths", help="Simulated paths."),
    growth: float = typer.Option(
        1.5, "--growth", help="Real GDP growth of the Hague path, % a year."
    ),
    seed: int = SeedOption,
    fmt: Format = FormatOption,
    db: Path | None = DbOption,
) -> None:
    """Project the fitted Richardson model to 2035 beside NATO's Hague path (3.5% of GDP).

    The fan (5-95% of simulated paths) carries parameter and shock uncertainty; the Hague
    path is the second entity's spending on a straight line to the core target.

    Example:
        armsrace dynamics project --pair RUS:NATO_EUCA --to 2035
        armsrace dynamics project --period 2014-2024 --format json
    """
    from armsrace.cli._output import (
        console,
        open_cli_store,
        progress_bar,
        render_frame,
        render_json,
    )
    from armsrace.dynamics.projection import hague_path_of, project
    from armsrace.dynamics.richardson import RichardsonModel
    from armsrace.dynamics.series import load_pair

    with open_cli_store(db) as store, progress_bar("Bootstrapping") as progress:
        series = load_pair(store, pair, period=period, release=release, membership=membership.value)  # type: ignore[arg-type]
        model = RichardsonModel(form.value, logs=logs, n_boot=boot, seed=seed).fit(  # type: ignore[arg-type]
            series, progress=progress, store_checksum=store.checksum
        )
        hague = hague_path_of(store, model, series, gdp_growth_pct=growth, release=release)
    share_pct, year = hague.target_share_pct, hague.target_year
    result = project(model, to_year=to_year or year, n_paths=paths, seed=seed + 1)
    path = hague.frame
    path.insert(0, "entity", series.y.entity)
    sources = sorted(set(result.source_ids) | set(hague.source_ids))
    if fmt is Format.json:
        render_json(
            {
                "projection": result.to_dict(),
                "hague_path": path.to_dict(orient="records"),
                "hague_target": {"share_pct": share_pct, "year": year},
                "source_ids": sources,
            }
        )
        return
    render_frame(
        result.fan,
        fmt,
        title=f"Projection of {series.x.entity} and {series.y.entity} to {result.to_year} "
        f"({release}, {result.unit}, {series.x.price_base} prices)",
    )
    if fmt is Format.table:
        render_frame(
            path,
            fmt,
            title=f"{series.y.entity} on the Hague path: {share_pct:g}% of GDP by {year} "
            f"(from {hague.last_share_pct:.2f}% in {hague.last_year}, GDP +{growth:g}% a year)",
        )
        for note in result.notes:
            console().print(f"[dim]note:[/] {note}")
        console().print("sources: " + ", ".join(sources))
