"""`armsrace simulate`: Monte Carlo of the NATO–Russia production race, with sensitivity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from armsrace.cli._output import DbOption, Format, FormatOption, WideOption

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the 'simulate' command to the root app."""
    app.command("simulate")(simulate)


def simulate(
    scenario: str | None = typer.Argument(
        None,
        help="Packaged scenario name or a scenario file (.yml/.yaml/.toml); default "
        "nato-hague-vs-russia (with --backtest: the whole backtest-2022 family).",
        show_default=False,
    ),
    runs: int = typer.Option(
        10_000,
        "--runs",
        "-n",
        help="Monte Carlo runs (with --backtest at most 20,000: it keeps every run's paths).",
    ),
    seed: int = typer.Option(
        42, "--seed", min=0, help="Seed (>= 0): the same seed gives identical results."
    ),
    fmt: Format = FormatOption,
    wide: bool = WideOption,
    sensitivity: bool = typer.Option(
        False, "--sensitivity", help="Also compute Sobol indices of the catch-up month."
    ),
    sobol_n: int = typer.Option(
        512, "--sobol-n", help="Base sample size of the Sobol design (evaluations = N x (k+2))."
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Start a local Dask cluster with this many worker processes."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Address of an existing Dask scheduler (tcp://host:port)."
    ),
    out: Path | None = typer.Option(None, "--out", help="Also write the JSON result to this file."),
    list_: bool = typer.Option(False, "--list", help="List the packaged scenarios and exit."),
    backtest: bool = typer.Option(
        False,
        "--backtest",
        help="Run the backtest-2022 family from end-2022 and compare its 50%/90% intervals "
        "with observed 2023-2025 output; a scenario argument names one member of the family "
        "(any other scenario is refused).",
    ),
    db: Path | None = DbOption,
) -> None:
    """When does NATO out-produce Russia? Catch-up probability by year, with 90% intervals.

    Runs the vectorised stock-and-flow model of DESIGN.md for every item of the scenario;
    prints per item the probability of catching up, the median and 90% interval of the
    catch-up month, the share of runs that never catch up, cumulative parity, and the
    probability by year. Results are identical for the same seed in-process and on Dask.

    Example:
        armsrace simulate --runs 100000 --seed 1
        armsrace simulate europe-alone-vs-russia --format json --out result.json
        armsrace simulate --sensitivity --workers 2
        armsrace simulate --backtest --runs 4000
        armsrace simulate backtest-2022-usa --backtest
    """
    from armsrace.cli._output import (
        cli_settings,
        open_cli_store,
        progress_bar,
        render_frame,
        render_json,
    )
    from armsrace.race.backends import DaskBackend, get_backend
    from armsrace.race.runner import prepare
    from armsrace.race.runner import simulate as run_simulation
    from armsrace.race.scenario import list_scenarios
    from armsrace.race.sensitivity import sensitivity as run_sensitivity

    if list_:
        for name in list_scenarios():
            typer.echo(name)
        return
    settings = cli_settings(db)
    if backtest:
        _backtest(db, scenario, runs, seed, fmt, out)
        return
    with open_cli_store(db) as store:
        resolved = prepare(scenario, store, settings)
    backend = get_backend(None, workers=workers, scheduler=scheduler)
    try:
        with progress_bar(f"Simulating {resolved.name}") as progress:
            result = run_simulation(
                resolved,
                runs=runs,
                seed=seed,
                backend=backend,
                progress=progress,
                keep_paths=False,
                settings=settings,
            )
        sens = None
        if sensitivity:
            with progress_bar("Sobol sensitivity") as progress:
                sens = run_sensitivity(
                    resolved, n_base=sobol_n, seed=seed, backend=backend, progress=progress
                )
    finally:
        if isinstance(backend, DaskBackend):
            backend.close()

    payload = result.to_dict()
    if sens is not None:
        payload["sensitivity"] = sens.to_dict()
    if out is not None:
        _write_json(payload, out)
    if fmt is Format.json:
        render_json(payload)
        return
    if fmt is Format.csv:
        render_frame(result.catchup_table(), fmt)
        return
    render_frame(
        _display(result.catchup_table()),
        fmt,
        title=f"{resolved.scenario.title} — {runs:,} runs, seed {seed}",
        caption="catch-up: first month the first side's monthly output exceeds the second's; "
        "± = 90% Monte Carlo error of the probability",
        columns=["item", "P(catch up)", "median", "90% interval", "coverage"],
        wide=wide,
    )
    yearly = result.yearly_table()
    if yearly.empty:  # a horizon that ends before the first December: no year to show
        _print_notes(result)
        return
    by_year = (
        yearly.pivot(index="item", columns="year", values="p_caught_up_by")
        .reindex(list(result.layout.items))
        .reset_index()
    )
    by_year.columns = [str(c) for c in by_year.columns]
    years = list(by_year.columns[1:])
    render_frame(
        by_year,
        fmt,
        title="P(caught up by the end of the year)",
        columns=["item", *years[::-2][::-1]],  # every other year, ending at the last
        wide=wide,
    )
    if sens is not None:
        top = sens.ranking().head(12)
        render_frame(
            top,
            fmt,
            title="What matters most (Sobol indices of the catch-up month, mean over items that vary)",
        )
    _print_notes(result)


def _print_notes(result: Any) -> None:
    """Partial coverage of the starting figures and the resolution notes, on stderr."""
    from armsrace.cli._output import console

    for cov in result.coverage:
        if cov.input == "initial_output" and not cov.complete:
            console().print(f"coverage: {cov.line}")
    for note in result.notes:
        console().print(f"note: {note}")


def _display(table: pd.DataFrame) -> pd.DataFrame:
    """A compact catch-up table for the terminal: 'never' for no catch-up in the horizon."""
    import pandas as pd

    def month(v: object) -> str:
        return "never" if v is None or (isinstance(v, float) and v != v) else str(v)

    return pd.DataFrame(
        {
            "item": table["item"],
            "P(catch up)": [
                f"{p:.3f} ±{(hi - lo) / 2:.3f}"
                for p, lo, hi in zip(
                    table["p_catch_up"], table["p_catch_up_lo"], table["p_catch_up_hi"], strict=True
                )
            ],
            "median": table["catch_up_median"].map(month),
            "90% interval": [
                f"{month(a)} – {month(b)}"
                for a, b in zip(table["catch_up_p5"], table["catch_up_p95"], strict=True)
            ],
            "never": table["share_never"],
            "ahead at start": table["p_ahead_at_start"],
            "cumulative parity": table["parity_median"].map(month),
            "coverage": table.get("coverage", ""),
        }
    )


#: the backtest keeps every run's paths (to sum output per calendar year): at most this many
BACKTEST_MAX_RUNS = 20_000


def _backtest(
    db: Path | None, scenario: str | None, runs: int, seed: int, fmt: Format, out: Path | None
) -> None:
    """Run the backtest (the family, or the member ``scenario``) with the optional structure
    on and off; print or write it."""
    import pandas as pd

    from armsrace.cli._output import (
        console,
        open_cli_store,
        progress_bar,
        render_frame,
        render_json,
    )
    from armsrace.race.backtest import family_members, run_backtest

    members = family_members(scenario)  # refuses a scenario outside the family
    n = min(runs, BACKTEST_MAX_RUNS)
    if n < runs:
        console().print(
            f"note: the backtest keeps every run's paths; runs capped at {BACKTEST_MAX_RUNS:,}"
        )
    with open_cli_store(db) as store:
        with progress_bar("Backtest (structure on)") as progress:
            on = run_backtest(
                store, runs=n, seed=seed, structure=True, progress=progress, members=members
            )
        with progress_bar("Backtest (structure off)") as progress:
            off = run_backtest(
                store, runs=n, seed=seed, structure=False, progress=progress, members=members
            )
    payload = {
        "runs_requested": runs,
        "runs_cap": BACKTEST_MAX_RUNS,
        "backtest": on.to_dict(),
        "backtest_structure_off": off.to_dict(),
    }
    if out is not None:
        _write_json(payload, out)
    if fmt is Format.json:
        render_json(payload)
        return
    t = on.table
    if fmt is Format.csv:
        render_frame(t, fmt)
        return

    def k(v: float) -> str:
        return f"{v / 1e6:.2f}M" if v >= 1e6 else (f"{v / 1e3:.0f}k" if v >= 1e4 else f"{v:,.0f}")

    shown = pd.DataFrame(
        {
            "item": t["item"].str.replace("_ammunition", " ammo"),
            "side": t["side"],
            "year": t["year"],
            "measure": t["measure"],
            "observed": [
                ("≥ " if kind == "lower bound" else "≤ " if kind == "upper bound" else "") + k(v)
                for v, kind in zip(t["observed"], t["observed_kind"], strict=True)
            ],
            "claims": [
                f"{n} ({k(a)}-{k(b)})" if n > 1 else "1"
                for n, a, b in zip(t["claims"], t["claims_low"], t["claims_high"], strict=True)
            ],
            "model 50%": [
                k(a) + "-" + k(b) for a, b in zip(t["model_p25"], t["model_p75"], strict=True)
            ],
            "model 90%": [
                k(a) + "-" + k(b) for a, b in zip(t["model_p5"], t["model_p95"], strict=True)
            ],
            "in 50%": t["inside_50"],
            "in 90%": t["inside_90"],
            "PIT": [
                ("≥ " if pk == "at least" else "≤ " if pk == "at most" else "") + f"{p:.3f}"
                for p, pk in zip(t["pit"], t["pit_kind"], strict=True)
            ],
            "miss": t["miss"],
        }
    )
    render_frame(
        shown,
        fmt,
        title=f"Backtest from end-2022 (structure on) - {n:,} runs, seed {seed}",
        caption="per calendar year: output summed over months, capacity = December x 12; "
        "observed = median of the distinct point claims of one basis; ≥: only lower bounds "
        "were claimed, tested one-sided (PIT a bound)",
    )
    cov = pd.DataFrame(
        [
            {"structure": label, **{k: v for k, v in r.coverage().items() if k[:6] != "target"}}
            for label, r in (("on", on), ("off", off))
        ]
    )
    render_frame(
        cov,
        fmt,
        title="Coverage (targets: 90% interval >= 0.80 of item-years; 50% interval 0.35-0.65)",
    )
    misses = t[t["miss"] != "inside"]
    if not misses.empty:
        labels = misses["side"] + " " + misses["item"] + " " + misses["year"].astype(str)
        labels = labels + " " + misses["measure"]
        render_frame(
            pd.DataFrame({"points to": misses["points_to"], "item-year": labels})
            .groupby("points to", sort=False)["item-year"]
            .agg(", ".join)
            .reset_index(),
            fmt,
            title="What the misses point to (structural part of the model)",
        )
    for note in on.notes:
        console().print(f"note: {note}")


def _write_json(payload: dict[str, Any], out: Path) -> None:
    """Write a command's JSON result to ``--out`` and say where on stderr."""
    from armsrace.cli._output import console

    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console().print(f"wrote {out.resolve()}")
