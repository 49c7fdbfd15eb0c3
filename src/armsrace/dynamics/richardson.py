"""Richardson's action–reaction model of an arms race, fitted to two spending series.

The model for sides x and y (e.g. Russia and NATO Europe + Canada)::

    dx/dt = a·y − m·x + g        a: reaction to the rival, m: fatigue / restraint,
    dy/dt = b·x − n·y + h        g, h: grievance (own drive, independent of the rival)

Two forms are fitted from yearly data:

``discrete``
    Euler form, OLS on first differences: ``x[t+1] − x[t] = a·y[t] − m·x[t] + g + e``
    (one equation per side, ordinary standard errors).
``continuous``
    Least squares on the solution of the ODE: each year's values are predicted by solving
    the linear ODE for one year from the previous year's values,
    ``z[t+1] = expm(J)·z[t] + (expm(J) − I)·J⁻¹·c``. Because the one-year solution map is a
    one-to-one reparametrisation of the unrestricted linear map fitted by OLS, the least
    squares solution is the matrix logarithm of the OLS map whenever that logarithm is real
    (checked against a direct numerical least-squares fit in the tests). If the fitted map
    has a negative eigenvalue no continuous system reproduces it and the fit refuses.

Both forms share a recursive residual bootstrap: residual pairs are resampled jointly, series
are regenerated from the fitted model starting at the first observed year, and refitted.
Coefficient intervals are studentised (percentile-t, standard errors by OLS, and the delta
method for the continuous form); intervals of derived quantities (equilibrium, stability
margin m·n − a·b, eigenvalues) are bootstrap percentiles.

Stability: the system settles to its equilibrium iff both eigenvalues of
``J = [[−m, a], [b, −n]]`` have negative real parts, i.e. iff m·n > a·b and m + n > 0
(Richardson's condition m·n > a·b when the fatigue terms are positive).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from armsrace.dynamics._bootstrap import _bootstrap, _Ticker
from armsrace.dynamics._checks import as_pair_frame, check_pair_frame
from armsrace.dynamics._ode import ode_least_squares, ode_residuals, ode_solution_map
from armsrace.dynamics._random import Seed, normalise_seed
from armsrace.dynamics._yearmap import _bias_correct, _ols, _param_se, _to_params
from armsrace.errors import DynamicsError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.provenance import RunInfo

__all__ = [
    "MIN_YEARS",
    "ode_least_squares",
    "ode_residuals",
    "ode_solution_map",
    "PARAMS",
    "RichardsonFit",
    "RichardsonModel",
    "equilibrium",
    "is_stable",
]

PARAMS: tuple[str, ...] = ("a", "m", "g", "b", "n", "h")
MEANING = {
    "a": "reaction of {x} to {y}",
    "m": "fatigue of {x}",
    "g": "grievance of {x}",
    "b": "reaction of {y} to {x}",
    "n": "fatigue of {y}",
    "h": "grievance of {y}",
}
#: Fewest consecutive years a fit accepts: 7 yearly changes, 3 coefficients per equation,
#: 4 residual degrees of freedom (enough for 2014-2021; intervals are then wide).
MIN_YEARS = 8
Form = Literal["discrete", "continuous"]


def equilibrium(a: Any, m: Any, g: Any, b: Any, n: Any, h: Any) -> tuple[Any, Any]:
    """Closed-form equilibrium ``x* = (a·h + n·g)/(m·n − a·b)``, ``y* = (b·g + m·h)/(m·n − a·b)``.

    Works element-wise on arrays; a zero determinant gives ``inf`` / ``nan`` (no equilibrium).
    """
    det = np.asarray(m) * n - np.asarray(a) * b
    with np.errstate(divide="ignore", invalid="ignore"):
        return (np.asarray(a) * h + np.asarray(n) * g) / det, (
            np.asarray(b) * g + np.asarray(m) * h
        ) / det


def is_stable(a: float, m: float, b: float, n: float) -> bool:
    """True iff both eigenvalues of [[−m, a], [b, −n]] have negative real parts."""
    return bool(m * n - a * b > 0 and m + n > 0)


@dataclass(frozen=True)
class RichardsonFit:
    """The tables of a fitted :class:`RichardsonModel`, with provenance."""

    form: str
    logs: bool
    x: str
    y: str
    years: tuple[int, int]
    n_obs: int
    coefficients: pd.DataFrame
    equilibrium: pd.DataFrame
    stability: pd.DataFrame
    stable: bool
    prob_stable: float
    n_boot: int
    n_boot_used: int
    ci_level: float
    source_ids: tuple[str, ...]
    run_info: RunInfo
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        from armsrace.dynamics._export import records as frame_records

        return {
            "model": "richardson",
            "form": self.form,
            "logs": self.logs,
            "pair": [self.x, self.y],
            "years": list(self.years),
            "n_obs": self.n_obs,
            "coefficients": frame_records(self.coefficients),
            "equilibrium": frame_records(self.equilibrium),
            "stability": frame_records(self.stability),
            "stable": self.stable,
            "prob_stable": self.prob_stable,
            "n_boot": self.n_boot,
            "n_boot_used": self.n_boot_used,
            "ci_level": self.ci_level,
            "source_ids": list(self.source_ids),
            "notes": list(self.notes),
            "run_info": self.run_info.to_dict(),
        }


class RichardsonModel:
    """Richardson action–reaction model, sklearn style: ``RichardsonModel(...).fit(pair)``.

    Parameters are stored unchanged; ``fit`` validates them. Learned attributes end in ``_``:
    ``coef_`` (dict a, m, g, b, n, h), ``se_``, ``coef_ci_``, ``equilibrium_`` (x*, y*, in
    levels even for a log fit), ``equilibrium_ci_``, ``stability_margin_`` (m·n − a·b),
    ``eigenvalues_``, ``stable_``, ``prob_stable_``, ``stability_ci_``, ``spectral_radius_``
    (of the fitted one-year map), ``boot_coef_`` (bootstrap draws), ``residuals_``,
    ``source_ids_``, ``run_info_``.

    Example::

        model = RichardsonModel(form="continuous", n_boot=999, seed=1).fit(pair)
        model.coef_ci_
    """

    def __init__(
        self,
        form: Form = "discrete",
        *,
        logs: bool = False,
        n_boot: int = 999,
        ci_level: float = 0.95,
        seed: Seed = None,
    ) -> None:
        self.form = form
        self.logs = logs
        self.n_boot = n_boot
        self.ci_level = ci_level
        self.seed = seed

    # ------------------------------------------------------------------ fitting
    def fit(
        self,
        data: Any,
        *,
        progress: Callable[[int, int], None] | None = None,
        store_checksum: str | None = None,
    ) -> RichardsonModel:
        """Fit to a :class:`~armsrace.dynamics.series.PairSeries` or a two-column yearly frame.

        Column 0 is x, column 1 is y. Raises :class:`~armsrace.errors.DynamicsError` for
        short, gappy or (in logs) non-positive series.
        """
        self._validate_params()
        frame, source_ids = as_pair_frame(data)
        clean = check_pair_frame(frame, min_years=MIN_YEARS, logs=self.logs, what="Richardson fit")
        rng, entropy = normalise_seed(self.seed)
        z = clean.to_numpy(dtype=float)
        if self.logs:
            z = np.log(z)
        scale = np.abs(z).mean(axis=0)
        scale[scale == 0] = 1.0
        zs = z / scale
        unscale = np.array([scale[0] / scale[1], 1.0, scale[0], scale[1] / scale[0], 1.0, scale[1]])

        coef, xtx_inv, resid, sigma = _ols(zs[None, :, :])
        a_map, d_vec = coef[:, 1:, :].transpose(0, 2, 1), coef[:, 0, :]
        params = _to_params(a_map, d_vec, self.form)
        se = _param_se(coef, xtx_inv, sigma, self.form)
        self.fit_method_ = "ols" if self.form == "discrete" else "ols-logm"
        if not np.all(np.isfinite(params)):
            # the OLS one-year map has a negative eigenvalue: no continuous system reproduces
            # it exactly, so minimise the squared one-year ODE-solution errors numerically
            start = _to_params(a_map, d_vec, "discrete")[0]
            params, se = ode_least_squares(zs, start=start)
            params, se = params[None, :], se[None, :]
            self.fit_method_ = "ode-least-squares"

        # Kilian's bootstrap-after-bootstrap: stage 1 estimates the small-sample bias of the
        # OLS map, stage 2 resamples from the bias-corrected map and bias-corrects each draw
        n_t = zs.shape[0] - 1
        centred = resid[0] - resid[0].mean(axis=0)
        centred = centred * np.sqrt(n_t / (n_t - 3))
        total = 2 * self.n_boot
        tick = _Ticker(progress, total)
        stage1 = _bootstrap(coef[0], zs, centred, self.n_boot, rng, tick)
        bias = stage1.mean(axis=0) - coef[0]
        coef_bc = _bias_correct(coef[0][None], bias)[0]
        stage2 = _bias_correct(_bootstrap(coef_bc, zs, centred, self.n_boot, rng, tick), bias)
        b_map, b_d = stage2[:, 1:, :].transpose(0, 2, 1), stage2[:, 0, :]
        bp = _to_params(b_map, b_d, self.form)
        ok = np.all(np.isfinite(bp), axis=1)
        if ok.sum() < 50:
            raise DynamicsError(
                f"Richardson fit: only {int(ok.sum())} of {self.n_boot} bootstrap draws were "
                "usable; use more draws (n_boot / --boot) or the discrete form"
            )
        params_bc = _to_params(
            coef_bc[None, 1:, :].transpose(0, 2, 1), coef_bc[None, 0, :], self.form
        )[0]

        # back to the data's units
        est = params[0] * unscale
        se_u = se[0] * unscale
        self._map_, self._d_ = a_map[0], d_vec[0]
        self._boot_maps_ = b_map[ok]
        self._boot_d_ = b_d[ok]
        self._store_results(
            clean, est, se_u, bp[ok] * unscale, params_bc * unscale, a_map[0], scale, resid[0]
        )
        self._scale_ = scale
        self._z_last_ = zs[-1]
        self._resid_scaled_ = centred
        self.n_boot_used_ = int(ok.sum())
        self.source_ids_ = source_ids
        self.run_info_ = _run_info(self, entropy, store_checksum)
        return self

    def _validate_params(self) -> None:
        if self.form not in ("discrete", "continuous"):
            raise DynamicsError(f"form must be 'discrete' or 'continuous', not {self.form!r}")
        if isinstance(self.n_boot, bool) or not isinstance(self.n_boot, int) or self.n_boot < 99:
            raise DynamicsError(
                f"n_boot must be an integer of at least 99 bootstrap draws, not {self.n_boot!r}; "
                "999 is the default"
            )
        if (
            isinstance(self.ci_level, bool)
            or not isinstance(self.ci_level, int | float)
            or not 0.5 < float(self.ci_level) < 1
        ):
            raise DynamicsError(
                f"ci_level must lie between 0.5 and 1 (e.g. 0.95), not {self.ci_level!r}"
            )

    def _store_results(
        self,
        clean: pd.DataFrame,
        est: np.ndarray,
        se: np.ndarray,
        boot: np.ndarray,
        est_bc: np.ndarray,
        a_map: np.ndarray,
        scale: np.ndarray,
        resid: np.ndarray,
    ) -> None:
        import pandas as pd

        alpha = 1.0 - float(self.ci_level)
        low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2], axis=0)
        self.names_ = (str(clean.columns[0]), str(clean.columns[1]))
        self.years_ = (int(clean.index[0]), int(clean.index[-1]))
        self.n_obs_ = len(clean)
        self.series_ = clean
        self.coef_ = dict(zip(PARAMS, map(float, est), strict=True))
        self.se_ = dict(zip(PARAMS, map(float, se), strict=True))
        self.boot_coef_ = boot
        x, y = self.names_
        self.coef_ci_ = pd.DataFrame(
            {
                "parameter": list(PARAMS),
                "meaning": [MEANING[p].format(x=x, y=y) for p in PARAMS],
                "estimate": est,
                "se": se,
                "bias_corrected": np.where(np.isfinite(est_bc), est_bc, np.nan),
                "low": low,
                "high": high,
            }
        )

        a, m, g, b, n, h = est
        xs, ys = equilibrium(a, m, g, b, n, h)
        bx, by = equilibrium(*boot.T)
        q = [alpha / 2, 1 - alpha / 2]
        if self.logs:
            # a draw with a near-singular system puts the log equilibrium far out; exp gives
            # inf there, which the interval below drops as "no finite equilibrium"
            with np.errstate(over="ignore"):
                xs, ys, bx, by = np.exp(xs), np.exp(ys), np.exp(bx), np.exp(by)
        self.equilibrium_ = (float(xs), float(ys))
        eq_rows: list[dict[str, Any]] = []
        for name, value, draws in ((x, xs, bx), (y, ys, by)):
            finite = draws[np.isfinite(draws)]
            lo, hi = np.quantile(finite, q) if finite.size else (np.nan, np.nan)
            eq_rows.append(
                {
                    "entity": name,
                    "equilibrium": float(value),
                    "low": float(lo),
                    "high": float(hi),
                    "last_observed": float(clean.iloc[-1][clean.columns[len(eq_rows)]]),
                }
            )
        self.equilibrium_ci_ = pd.DataFrame(eq_rows)

        margin = m * n - a * b
        eig = np.linalg.eigvals(np.array([[-m, a], [b, -n]]))
        self.stability_margin_ = float(margin)
        self.eigenvalues_ = eig[np.argsort(-eig.real)]
        self.stable_ = is_stable(a, m, b, n)
        self.spectral_radius_ = float(np.max(np.abs(np.linalg.eigvals(a_map))))
        ba, bm, _, bb, bn, _ = boot.T
        b_margin = bm * bn - ba * bb
        b_jac = np.stack([np.stack([-bm, ba], axis=-1), np.stack([bb, -bn], axis=-1)], axis=-2)
        b_maxreal = np.linalg.eigvals(b_jac).real.max(axis=1)
        b_stable = (b_margin > 0) & (bm + bn > 0)
        self.prob_stable_ = float(b_stable.mean())
        # the one-year map is the OLS map in both forms (expm(logm(A)) = A); its spectral
        # radius does not depend on the scaling of the series
        rho = np.max(np.abs(np.linalg.eigvals(self._boot_maps_)), axis=1)
        rows = [
            ("m·n − a·b (stable if > 0)", margin, b_margin),
            (
                "largest eigenvalue real part (stable if < 0)",
                float(self.eigenvalues_[0].real),
                b_maxreal,
            ),
            ("spectral radius of the one-year map (stable if < 1)", self.spectral_radius_, rho),
        ]
        self.stability_ci_ = pd.DataFrame(
            [
                {
                    "quantity": label,
                    "estimate": float(value),
                    "low": float(np.quantile(draws, q[0])),
                    "high": float(np.quantile(draws, q[1])),
                }
                for label, value, draws in rows
            ]
        )
        idx = clean.index[1:]
        self.residuals_ = pd.DataFrame(resid * scale, index=idx, columns=list(self.names_))

    # ------------------------------------------------------------------ simulation
    def simulate(
        self,
        n_years: int,
        *,
        n_paths: int = 1000,
        seed: Seed = None,
        parameter_uncertainty: bool = True,
    ) -> np.ndarray:
        """Paths ``(n_paths, n_years + 1, 2)`` from the last observed year, in data units.

        Each path uses one bias-corrected bootstrap estimate (or the least-squares fit when
        ``parameter_uncertainty`` is False) and residual pairs resampled from the fit.
        Column 0 is x, column 1 is y; index 0 on the time axis is the last observed year.
        """
        self._check_fitted()
        if isinstance(n_years, bool) or not isinstance(n_years, int) or n_years < 1:
            raise DynamicsError(f"n_years must be a positive integer, not {n_years!r}")
        if isinstance(n_paths, bool) or not isinstance(n_paths, int) or n_paths < 1:
            raise DynamicsError(f"n_paths must be a positive integer, not {n_paths!r}")
        rng, _ = normalise_seed(seed)
        if parameter_uncertainty:
            pick = rng.integers(0, len(self._boot_maps_), size=n_paths)
            maps, dvec = self._boot_maps_[pick], self._boot_d_[pick]
        else:
            maps = np.broadcast_to(self._map_, (n_paths, 2, 2))
            dvec = np.broadcast_to(self._d_, (n_paths, 2))
        resid = self._resid_scaled_
        shocks = resid[rng.integers(0, len(resid), size=(n_paths, n_years))]
        z = np.empty((n_paths, n_years + 1, 2))
        z[:, 0, :] = self._z_last_
        # explosive fits overflow to inf far out; that is what they imply, not an error
        with np.errstate(over="ignore", invalid="ignore"):
            for t in range(n_years):
                z[:, t + 1, :] = np.einsum("bij,bj->bi", maps, z[:, t, :]) + dvec + shocks[:, t]
            values = z * self._scale_
            if self.logs:
                values = np.exp(values)
        return np.asarray(values)

    # ------------------------------------------------------------------ results
    def to_result(self) -> RichardsonFit:
        """The fitted tables as a frozen value (raises if not fitted)."""
        self._check_fitted()
        notes = []
        if self.fit_method_ == "ode-least-squares":
            notes.append(
                "the unrestricted one-year map has a negative eigenvalue, which no continuous "
                "system reproduces; the estimate is the numerical least-squares fit of the ODE "
                "solution and its standard errors are Gauss-Newton approximations"
            )
        if self.n_boot_used_ < self.n_boot:
            notes.append(
                f"{self.n_boot - self.n_boot_used_} of {self.n_boot} bootstrap draws had no "
                "continuous-time equivalent and were dropped"
            )
        eig_stable = bool(np.all(self.eigenvalues_.real < 0))
        map_stable = self.spectral_radius_ < 1
        if eig_stable != map_stable:
            notes.append(
                "the Richardson condition and the fitted one-year map disagree about stability: "
                "the system is near the boundary (e.g. a weakly damped oscillation), so read "
                "'stable' or 'not stable' as borderline"
            )
        return RichardsonFit(
            form=self.form,
            logs=self.logs,
            x=self.names_[0],
            y=self.names_[1],
            years=self.years_,
            n_obs=self.n_obs_,
            coefficients=self.coef_ci_,
            equilibrium=self.equilibrium_ci_,
            stability=self.stability_ci_,
            stable=self.stable_,
            prob_stable=self.prob_stable_,
            n_boot=self.n_boot,
            n_boot_used=self.n_boot_used_,
            ci_level=float(self.ci_level),
            source_ids=self.source_ids_,
            run_info=self.run_info_,
            notes=tuple(notes),
        )

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise DynamicsError("this RichardsonModel is not fitted yet; call fit(pair) first")


def _run_info(model: RichardsonModel, entropy: int | None, store_checksum: str | None) -> RunInfo:
    from armsrace.provenance import RunInfo, version

    return RunInfo(
        armsrace_version=version(),
        store_checksum=store_checksum,
        seed_entropy=entropy,
        extra={
            "model": "richardson",
            "form": str(model.form),
            "logs": str(model.logs),
            "n_boot": str(model.n_boot),
            "ci_level": str(model.ci_level),
        },
    )
