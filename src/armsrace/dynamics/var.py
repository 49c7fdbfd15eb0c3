"""VAR, Granger causality and impulse responses over statsmodels, for a pair of series.

Steps of :func:`fit_var`:

1. unit-root tests on each series (ADF, null: unit root; KPSS, null: stationary; both with
   a trend in levels and a constant in growth rates);
2. levels when both tests call both series stationary, otherwise annual growth rates
   (100 · Δlog; first differences if a series is not positive) — ``transform="auto"``;
3. lag order chosen by AIC or BIC among 1..``maxlags`` on a common sample;
4. Granger F-tests in both directions (statsmodels ``test_causality``, Wald F with the
   system's degrees of freedom);
5. orthogonalised impulse responses (Cholesky, in the pair's order) with Monte Carlo bands.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from armsrace.dynamics._checks import as_pair_frame, check_pair_frame
from armsrace.dynamics._random import Seed, normalise_seed
from armsrace.errors import DynamicsError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.provenance import RunInfo

__all__ = [
    "VarFit",
    "fit_var",
    "granger_test",
    "johansen_test",
    "transform_pair",
    "unit_root_tests",
]

Transform = Literal["auto", "levels", "growth", "diff"]


@dataclass(frozen=True)
class VarFit:
    """Result of :func:`fit_var`: every table the CLI and report show, with provenance."""

    x: str
    y: str
    years: tuple[int, int]
    n_obs: int
    transform: str
    transform_reason: str
    lag_order: int
    ic: str
    lag_selection: pd.DataFrame
    unit_roots: pd.DataFrame
    granger: pd.DataFrame
    irf: pd.DataFrame
    stable: bool
    source_ids: tuple[str, ...]
    run_info: RunInfo
    cointegration: pd.DataFrame | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        from armsrace.dynamics._export import records as frame_records

        return {
            "model": "var",
            "pair": [self.x, self.y],
            "years": list(self.years),
            "n_obs": self.n_obs,
            "transform": self.transform,
            "transform_reason": self.transform_reason,
            "lag_order": self.lag_order,
            "ic": self.ic,
            "lag_selection": frame_records(self.lag_selection),
            "unit_roots": frame_records(self.unit_roots),
            "granger": frame_records(self.granger),
            "irf": frame_records(self.irf),
            "stable": self.stable,
            "cointegration": (
                frame_records(self.cointegration) if self.cointegration is not None else None
            ),
            "source_ids": list(self.source_ids),
            "notes": list(self.notes),
            "run_info": self.run_info.to_dict(),
        }


def _kpss(series: np.ndarray, regression: str) -> tuple[float, float, str]:
    """KPSS statistic and p-value; the p-value is a bound when outside statsmodels' table."""
    from statsmodels.tools.sm_exceptions import InterpolationWarning
    from statsmodels.tsa.stattools import kpss

    # KPSS p-values come from a 4-point table; outside it statsmodels warns and returns the
    # table's edge. That edge is recorded as a bound ("<=" / ">=") instead of hidden.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InterpolationWarning)
        res = kpss(series, regression=regression, nlags="auto", result_object=True)
        stat, pvalue = res.statistic, res.pvalue
    bound = "="
    for w in caught:
        if issubclass(w.category, InterpolationWarning):
            bound = "<=" if "smaller" in str(w.message) else ">="
        else:  # pragma: no cover - anything else is re-raised as the suite demands
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return float(stat), float(pvalue), bound


def unit_root_tests(frame: pd.DataFrame, *, alpha: float = 0.05) -> pd.DataFrame:
    """ADF and KPSS on each column in levels and in the transform a VAR would use instead.

    Columns: series, form, adf_stat, adf_p, kpss_stat, kpss_p, kpss_p_bound, stationary.
    ``stationary`` is True only when ADF rejects a unit root *and* KPSS does not reject
    stationarity at ``alpha``.
    """
    import pandas as pd
    from statsmodels.tsa.stattools import adfuller

    rows = []
    for col in frame.columns:
        levels = frame[col].to_numpy(dtype=float)
        forms = [("levels", levels, "ct")]
        if np.all(levels > 0):
            forms.append(("growth", 100 * np.diff(np.log(levels)), "c"))
        else:
            forms.append(("diff", np.diff(levels), "c"))
        for form, values, reg in forms:
            adf = adfuller(values, regression=reg, autolag="AIC", result_object=True)
            k_stat, k_p, bound = _kpss(values, "ct" if reg == "ct" else "c")
            kpss_rejects = k_p < alpha and bound != ">="
            rows.append(
                {
                    "series": str(col),
                    "form": form,
                    "deterministic": "constant + trend" if reg == "ct" else "constant",
                    "adf_stat": float(adf.statistic),
                    "adf_p": float(adf.pvalue),
                    "kpss_stat": k_stat,
                    "kpss_p": k_p,
                    "kpss_p_bound": bound,
                    "stationary": bool(adf.pvalue < alpha and not kpss_rejects),
                }
            )
    return pd.DataFrame(rows)


def transform_pair(frame: pd.DataFrame, transform: str) -> pd.DataFrame:
    """Levels, growth rates (100·Δlog, % a year) or first differences, indexed by year."""
    if transform == "levels":
        return frame.astype(float)
    if transform == "growth":
        if (frame <= 0).any().any():
            raise DynamicsError(
                "growth rates need positive values; use transform='diff' (first differences)"
            )
        return (100 * np.log(frame.astype(float)).diff()).iloc[1:]
    if transform == "diff":
        return frame.astype(float).diff().iloc[1:]
    raise DynamicsError(
        f"transform must be 'auto', 'levels', 'growth' or 'diff', not {transform!r}"
    )


def granger_test(
    results: Any, caused: str | Sequence[str], causing: str | Sequence[str]
) -> dict[str, Any]:
    """Granger F-test of ``causing`` -> ``caused`` on a fitted statsmodels ``VARResults``."""
    test = results.test_causality(caused, causing, kind="f")
    return {
        "causing": ", ".join(test.causing),
        "caused": ", ".join(test.caused),
        "f_stat": float(test.test_statistic),
        "df_num": int(test.df[0]),
        "df_den": int(test.df[1]),
        "crit_value": float(test.crit_value),
        "p_value": float(test.pvalue),
        "reject_at": float(test.signif),
        "conclusion": str(test.conclusion),
    }


def johansen_test(frame: pd.DataFrame, *, lags: int, logs: bool) -> pd.DataFrame | None:
    """Johansen trace test on the levels (logs if ``logs``), constant term, ``lags`` lagged
    differences. Rows: rank under the null (0, 1); None if the sample is too short."""
    import pandas as pd
    from statsmodels.tsa.vector_ar.vecm import coint_johansen

    levels = frame.to_numpy(dtype=float)
    if logs:
        levels = np.log(levels)
    if len(levels) - lags - 1 < 2 * (lags + 2) + 5:
        return None
    try:
        res = coint_johansen(levels, det_order=0, k_ar_diff=lags)
    except np.linalg.LinAlgError:
        return None
    return pd.DataFrame(
        {
            "rank_null": [f"r <= {r}" for r in range(levels.shape[1])],
            "trace_stat": res.lr1,
            "crit_95": res.cvt[:, 1],
            "reject": res.lr1 > res.cvt[:, 1],
        }
    )


def _min_obs(lags: int, k: int = 2) -> int:
    """Observations (after transform) a VAR(lags) needs: lags + k·lags + 1 + 5 residual dof."""
    return lags + k * lags + 1 + 5


def fit_var(
    data: Any,
    *,
    transform: Transform = "auto",
    ic: Literal["aic", "bic"] = "aic",
    maxlags: int | None = None,
    lags: int | None = None,
    irf_horizon: int = 10,
    irf_reps: int = 500,
    alpha: float = 0.05,
    seed: Seed = None,
    progress: Callable[[int, int], None] | None = None,
    store_checksum: str | None = None,
) -> VarFit:
    """Fit a two-variable VAR to a pair and test Granger causality both ways.

    ``lags`` fixes the order; otherwise it is chosen by ``ic`` among 1..``maxlags``
    (default: the most the series allow, at most 4).
    """
    import pandas as pd
    from statsmodels.tsa.api import VAR

    if ic not in ("aic", "bic"):
        raise DynamicsError(f"ic must be 'aic' or 'bic', not {ic!r}")
    frame, source_ids = as_pair_frame(data)
    clean = check_pair_frame(frame, min_years=_min_obs(1) + 1, logs=False, what="VAR")
    rng, entropy = normalise_seed(seed)
    if progress is not None:
        progress(0, 3)
    roots = unit_root_tests(clean, alpha=alpha)
    levels_ok = bool(roots.loc[roots["form"] == "levels", "stationary"].all())
    positive = bool((clean > 0).all().all())
    if transform == "auto":
        if levels_ok:
            chosen, reason = (
                "levels",
                "both series stationary in levels (ADF rejects, KPSS does not)",
            )
        else:
            chosen = "growth" if positive else "diff"
            nonstat = roots.loc[(roots["form"] == "levels") & ~roots["stationary"], "series"]
            reason = (
                f"unit root not ruled out in levels for {', '.join(nonstat)} "
                f"(ADF/KPSS at {alpha:.0%}), so the VAR uses "
                + ("annual growth rates (100·Δlog)" if positive else "first differences")
            )
    else:
        chosen, reason = str(transform), "chosen by the user"
    work = transform_pair(clean, chosen)
    notes = []
    if chosen != "levels":
        other = roots[roots["form"] != "levels"]
        if not bool(other["stationary"].all()):
            notes.append(
                "the tests do not call every transformed series stationary either; with "
                f"{len(work)} observations they have little power — read the Granger p-values "
                "as indicative"
            )
    n = len(work)
    k = 2
    top = max(1, min(4, (n - 6) // (k + 1)))
    if lags is not None:
        if isinstance(lags, bool) or not isinstance(lags, int) or lags < 1:
            raise DynamicsError(f"lags must be a positive integer, not {lags!r}")
        if n < _min_obs(lags):
            raise DynamicsError(
                f"VAR with {lags} lags needs at least {_min_obs(lags)} observations after the "
                f"{chosen} transform, the series give {n} ({clean.index[0]}-{clean.index[-1]}); "
                f"use at most {top} lags or a longer period"
            )
    if maxlags is not None:
        if isinstance(maxlags, bool) or not isinstance(maxlags, int) or maxlags < 1:
            raise DynamicsError(f"maxlags must be a positive integer, not {maxlags!r}")
        if n < _min_obs(maxlags) + maxlags:
            raise DynamicsError(
                f"choosing among up to {maxlags} lags needs at least "
                f"{_min_obs(maxlags) + maxlags} observations after the {chosen} transform, the "
                f"series give {n}; use maxlags <= {top} or a longer period"
            )
        top = maxlags
    endog = work.reset_index(drop=True)
    endog.columns = [str(c) for c in endog.columns]
    model = VAR(endog)
    order = model.select_order(maxlags=top)
    selected = {"aic": int(order.aic), "bic": int(order.bic)}
    sel_rows = [
        {"lags": p, "aic": float(order.ics["aic"][p]), "bic": float(order.ics["bic"][p])}
        for p in range(len(order.ics["aic"]))
    ]
    p = lags if lags is not None else selected[ic]
    if p == 0:
        notes.append(
            f"{ic.upper()} prefers no lags at all (no predictable dynamics); the tests use 1 lag"
        )
        p = 1
    results = model.fit(p)
    coint = None
    if chosen != "levels":
        coint = johansen_test(clean, lags=p, logs=chosen == "growth")
        if coint is None:
            notes.append(
                "the Johansen test could not run on so few years; a VAR in differences "
                "ignores any long-run (cointegrating) link between the levels"
            )
        elif bool(coint.loc[0, "reject"]):
            notes.append(
                "the Johansen trace test finds a long-run (cointegrating) link between the "
                f"levels (trace {coint.loc[0, 'trace_stat']:.1f} > {coint.loc[0, 'crit_95']:.1f}); "
                "a VAR in differences leaves it out, so an error-correction model would fit better"
            )
        else:
            notes.append(
                "the Johansen trace test finds no long-run (cointegrating) link between the "
                f"levels (trace {coint.loc[0, 'trace_stat']:.1f} < {coint.loc[0, 'crit_95']:.1f} "
                "at 5%), so differencing loses no equilibrium relation the data show"
            )
    if progress is not None:
        progress(1, 3)
    x, y = endog.columns
    granger = pd.DataFrame([granger_test(results, y, x), granger_test(results, x, y)])
    granger.insert(0, "direction", [f"{x} -> {y}", f"{y} -> {x}"])

    irf = results.irf(irf_horizon)
    band_kind = f"{1 - alpha:.0%} Monte Carlo bands"
    try:
        lower, upper = irf.errband_mc(orth=True, repl=irf_reps, signif=alpha, rng=rng, burn=100)
    except np.linalg.LinAlgError:
        # with very few observations some simulated samples have a singular residual
        # covariance; fall back to the asymptotic (delta-method) bands and say so
        from scipy.stats import norm

        se = irf.stderr(orth=True)
        z = float(norm.ppf(1 - alpha / 2))
        lower, upper = irf.orth_irfs - z * se, irf.orth_irfs + z * se
        band_kind = (
            f"{1 - alpha:.0%} asymptotic bands (Monte Carlo bands failed: too few observations)"
        )
    if progress is not None:
        progress(2, 3)
    irf_rows = []
    names = list(endog.columns)
    for h in range(irf_horizon + 1):
        for i, resp in enumerate(names):
            for j, imp in enumerate(names):
                irf_rows.append(
                    {
                        "horizon": h,
                        "impulse": imp,
                        "response": resp,
                        "value": float(irf.orth_irfs[h, i, j]),
                        "low": float(lower[h, i, j]),
                        "high": float(upper[h, i, j]),
                    }
                )
    unit = {"levels": "level", "growth": "% a year", "diff": "change a year"}[chosen]
    notes.append(
        f"impulse responses: one-standard-deviation orthogonalised shocks (Cholesky order "
        f"{x}, {y}), responses in {unit}; bands are {band_kind}"
    )
    if progress is not None:
        progress(3, 3)

    from armsrace.provenance import RunInfo, version

    run_info = RunInfo(
        armsrace_version=version(),
        store_checksum=store_checksum,
        seed_entropy=entropy,
        extra={"model": "var", "transform": chosen, "lags": str(p), "ic": ic},
    )
    return VarFit(
        x=x,
        y=y,
        years=(int(clean.index[0]), int(clean.index[-1])),
        n_obs=int(results.nobs),
        transform=chosen,
        transform_reason=reason,
        lag_order=p,
        ic=ic,
        lag_selection=pd.DataFrame(sel_rows).assign(
            chosen_by_aic=lambda f: f["lags"] == selected["aic"],
            chosen_by_bic=lambda f: f["lags"] == selected["bic"],
        ),
        unit_roots=roots,
        granger=granger,
        irf=pd.DataFrame(irf_rows),
        stable=bool(results.is_stable()),
        source_ids=source_ids,
        run_info=run_info,
        cointegration=coint,
        notes=tuple(notes),
    )
