"""One call for the whole question "is it an arms race?" on a pair: series, Richardson, VAR.

Used by the CLI and the report so both say the same thing from the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armsrace.dynamics.richardson import Form, RichardsonFit, RichardsonModel
from armsrace.dynamics.series import DEFAULT_RELEASE, Membership, PairSeries, load_pair
from armsrace.errors import DynamicsError

if TYPE_CHECKING:
    from armsrace.dynamics._random import Seed
    from armsrace.dynamics.var import VarFit
    from armsrace.facts.store import FactStore

__all__ = ["PairAnalysis", "analyse_pair", "verdict"]


@dataclass(frozen=True)
class PairAnalysis:
    """Series, Richardson fit and VAR of one pair over one period."""

    series: PairSeries
    richardson: RichardsonFit
    var: VarFit | None
    var_error: str | None

    def to_dict(self) -> dict[str, Any]:
        from armsrace.dynamics._export import records as frame_records

        return {
            "series": frame_records(self.series.describe()),
            "values": frame_records(
                self.series.to_frame()[["entity", "year", "value", "source_id"]]
            ),
            "richardson": self.richardson.to_dict(),
            "var": self.var.to_dict() if self.var is not None else None,
            "var_error": self.var_error,
            "notes": list(self.series.notes),
            "verdict": list(verdict(self)),
        }


def analyse_pair(
    store: FactStore,
    *,
    pair: str = "RUS:NATO_EUCA",
    period: str | None = None,
    form: Form = "discrete",
    logs: bool = False,
    release: str = DEFAULT_RELEASE,
    membership: Membership = "by_year",
    n_boot: int = 999,
    ic: str = "aic",
    lags: int | None = None,
    seed: Seed = 0,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[PairAnalysis, RichardsonModel]:
    """Load the pair, fit Richardson (with bootstrap) and a VAR; the VAR may be refused.

    Returns the analysis and the fitted model (for projections).
    """
    import numpy as np

    from armsrace.dynamics._random import normalise_seed
    from armsrace.dynamics.var import fit_var

    series = load_pair(store, pair, period=period, release=release, membership=membership)
    rng, _ = normalise_seed(seed)
    seeds = np.random.SeedSequence(int(rng.integers(0, 2**63))).spawn(2)
    checksum = getattr(store, "checksum", None)
    model = RichardsonModel(form, logs=logs, n_boot=n_boot, seed=seeds[0]).fit(
        series, progress=progress, store_checksum=checksum
    )
    var: VarFit | None = None
    var_error = None
    try:
        var = fit_var(series, ic=ic, lags=lags, seed=seeds[1], store_checksum=checksum)  # type: ignore[arg-type]
    except DynamicsError as exc:
        var_error = str(exc)
    return PairAnalysis(
        series=series, richardson=model.to_result(), var=var, var_error=var_error
    ), model


def _ci(row: Any) -> str:
    return f"{row['estimate']:.3g} (95% interval {row['low']:.3g} to {row['high']:.3g})"


def verdict(analysis: PairAnalysis) -> tuple[str, ...]:
    """The answer in plain words, each sentence with its limits beside the numbers."""
    r = analysis.richardson
    coef = r.coefficients.set_index("parameter")
    x, y = r.x, r.y
    lines = []
    level = f"{r.ci_level:.0%}"

    def react(p: str, who: str, to: str) -> str:
        row = coef.loc[p]
        if row["low"] > 0:
            text = f"{who}'s spending grows faster the more {to} spends"
        elif row["high"] < 0:
            text = f"{who}'s spending grows slower the more {to} spends"
        else:
            text = f"{who} shows no clear reaction to {to}'s spending"
        return f"{text} (reaction coefficient {p} = {_ci(row)})"

    span = f"{r.years[0]}-{r.years[1]}, {r.n_obs} years" + (", logs" if r.logs else "")
    lines.append(
        f"Action-reaction ({r.form} Richardson fit, {span}): "
        + react("a", x, y)
        + "; "
        + react("b", y, x)
        + "."
    )
    stab = r.stability.iloc[0]
    share = f"{r.prob_stable:.0%} of bias-corrected bootstrap fits settle to an equilibrium"
    if r.stable and r.prob_stable >= 0.9:
        head = "Stable"
    elif not r.stable and r.prob_stable <= 0.1:
        head = "Not stable"
    else:
        head = (
            f"Stability undetermined (the least-squares fit is {'' if r.stable else 'not '}"
            "stable, the bootstrap disagrees)"
        )
    m_plus_n = coef.loc["m", "estimate"] + coef.loc["n", "estimate"]
    if r.stable:
        tail = "."
    elif m_plus_n <= 0:
        tail = (
            " — the least-squares system moves away from its equilibrium instead of settling, "
            f"because the fatigue terms are negative (m + n = {m_plus_n:.3g}): spending feeds "
            "on its own growth rather than on the rival's."
        )
    else:
        tail = (
            " — the least-squares system moves away from its equilibrium instead of settling, "
            "because the reactions outweigh the fatigue (m·n < a·b)."
        )
    lines.append(
        f"{head}: m·n − a·b = {stab['estimate']:.3g} ({level} interval {stab['low']:.3g} to "
        f"{stab['high']:.3g}); {share}{tail}"
    )
    if analysis.var is not None:
        g = analysis.var.granger
        parts = []
        for row in g.itertuples(index=False):
            yes = row.p_value < row.reject_at
            parts.append(
                f"{row.causing} -> {row.caused}: F = {row.f_stat:.2f}, p = {row.p_value:.3f} "
                + ("(evidence of Granger causality)" if yes else "(no evidence at 5%)")
            )
        v = analysis.var
        lines.append(
            f"Granger tests (VAR in {v.transform}, {v.lag_order} lag(s) by {v.ic.upper()}, "
            f"{v.n_obs} observations): " + "; ".join(parts) + "."
        )
    else:
        lines.append(f"Granger tests not run: {analysis.var_error}")
    lines.append(
        "Limits: about 30 yearly points with breaks in 2014 and 2022, SIPRI's estimates for "
        "Russia since 2022 are highly uncertain, and a correlation of budgets is not proof "
        "that one side reacts to the other — these fits can show consistency with an "
        "action-reaction pattern, not cause."
    )
    return tuple(lines)
