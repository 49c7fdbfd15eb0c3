"""Projections of a fitted Richardson model, and NATO's Hague path to compare them with.

:func:`project` simulates the fitted system forward from the last observed year. Each path
draws one bias-corrected bootstrap estimate of the model (parameter uncertainty) and
resampled residual pairs (shock uncertainty); the fan is the quantiles across paths.

:func:`hague_path` is the spending a bloc would have on a straight line from its last
observed share of GDP to the Hague core target (3.5 % of GDP by 2035, The Hague 2025), with
real GDP growing at a stated rate. :func:`bloc_share_gdp` supplies the last share from the
same release as the spending series, so both lines are in one price base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from armsrace.dynamics._random import Seed, normalise_seed
from armsrace.errors import DynamicsError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.dynamics.richardson import RichardsonModel
    from armsrace.dynamics.series import PairSeries
    from armsrace.facts.store import FactStore
    from armsrace.provenance import RunInfo

__all__ = [
    "HAGUE_TARGET_SHARE_PCT",
    "HAGUE_TARGET_YEAR",
    "HaguePath",
    "Projection",
    "bloc_share_gdp",
    "hague_path",
    "hague_path_of",
    "hague_target",
    "project",
]

#: Fallbacks only; :func:`hague_target` reads the store's target table first.
HAGUE_TARGET_SHARE_PCT = 3.5
HAGUE_TARGET_YEAR = 2035
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class Projection:
    """Fan of projected spending per entity and year, with the observed series beside it.

    ``fan`` columns: entity, year, q05, q25, q50, q75, q95, p_above_last (share of paths
    above the last observed value). ``observed``: entity, year, value.
    """

    fan: pd.DataFrame
    observed: pd.DataFrame
    last_year: int
    to_year: int
    n_paths: int
    unit: str
    source_ids: tuple[str, ...]
    run_info: RunInfo
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        from armsrace.dynamics._export import records as frame_records

        return {
            "fan": frame_records(self.fan),
            "observed": frame_records(self.observed),
            "last_year": self.last_year,
            "to_year": self.to_year,
            "n_paths": self.n_paths,
            "unit": self.unit,
            "source_ids": list(self.source_ids),
            "notes": list(self.notes),
            "run_info": self.run_info.to_dict(),
        }


def project(
    model: RichardsonModel,
    *,
    to_year: int = HAGUE_TARGET_YEAR,
    n_paths: int = 2000,
    seed: Seed = None,
    unit: str = "usd_million",
) -> Projection:
    """Simulate a fitted :class:`RichardsonModel` forward to ``to_year`` (fan of paths)."""
    import pandas as pd

    from armsrace.provenance import RunInfo, version

    model._check_fitted()
    last = model.years_[1]
    if isinstance(to_year, bool) or not isinstance(to_year, int) or to_year <= last:
        raise DynamicsError(
            f"to_year must be a year after the last observed year {last}, not {to_year!r}"
        )
    if isinstance(n_paths, bool) or not isinstance(n_paths, int) or n_paths < 100:
        raise DynamicsError(f"n_paths must be an integer of at least 100, not {n_paths!r}")
    rng, entropy = normalise_seed(seed)
    values = model.simulate(to_year - last, n_paths=n_paths, seed=rng)
    years = np.arange(last, to_year + 1)
    rows = []
    names = model.names_
    last_obs = model.series_.iloc[-1].to_numpy(dtype=float)
    for k, name in enumerate(names):
        # no interpolation: runaway paths can reach inf, and inf − inf has no value
        qs = np.nanquantile(values[:, :, k], QUANTILES, axis=0, method="inverted_cdf")
        above = (values[:, :, k] > last_obs[k]).mean(axis=0)
        for t, year in enumerate(years):
            if t == 0:
                continue
            row: dict[str, Any] = {"entity": name, "year": int(year)}
            for q, v in zip(QUANTILES, qs[:, t], strict=True):
                row[f"q{round(q * 100):02d}"] = float(v)
            row["p_above_last"] = float(above[t])
            rows.append(row)
    observed = (
        model.series_.rename_axis("year")
        .reset_index()
        .melt(id_vars="year", var_name="entity", value_name="value")
    )
    notes = [
        f"each of {n_paths} paths uses one bias-corrected bootstrap estimate of the "
        f"{model.form} Richardson model ({model.years_[0]}-{last}"
        + (", in logs" if model.logs else ", in levels")
        + ") and resampled yearly shocks; the fan shows what the fitted dynamics imply, "
        "not a forecast of policy"
    ]
    if model.prob_stable_ < 0.5:
        notes.append(
            "the fitted system is unstable in most bootstrap draws: its one-year map moves "
            f"spending away from the equilibrium by about {model.spectral_radius_ - 1:.0%} of "
            "the distance a year, so the paths run away exponentially — the model extrapolates "
            "the recent acceleration and says nothing about budgets or production limits"
        )
    return Projection(
        fan=pd.DataFrame(rows),
        observed=observed,
        last_year=int(last),
        to_year=int(to_year),
        n_paths=n_paths,
        unit=unit,
        source_ids=model.source_ids_,
        run_info=RunInfo(
            armsrace_version=version(),
            store_checksum=model.run_info_.store_checksum,
            seed_entropy=entropy,
            extra={"model": "richardson-projection", "form": model.form, "to_year": str(to_year)},
        ),
        notes=tuple(notes),
    )


def hague_path(
    *,
    last_year: int,
    last_spending: float,
    last_share_pct: float,
    target_share_pct: float = HAGUE_TARGET_SHARE_PCT,
    target_year: int = HAGUE_TARGET_YEAR,
    gdp_growth_pct: float = 1.5,
) -> pd.DataFrame:
    """Spending on a straight line of GDP share to ``target_share_pct`` by ``target_year``.

    Implied GDP = ``last_spending / last_share_pct · 100``, growing at ``gdp_growth_pct`` a
    year in real terms; spending = share × GDP, in the unit of ``last_spending``.
    Columns: year, share_pct, gdp, value.
    """
    import pandas as pd

    if target_year <= last_year:
        raise DynamicsError(
            f"the target year {target_year} must come after the last observed year {last_year}"
        )
    if not last_share_pct > 0 or not last_spending > 0:
        raise DynamicsError(
            "the Hague path needs a positive last spending and share of GDP; "
            f"got {last_spending!r} and {last_share_pct!r} %"
        )
    gdp0 = last_spending / (last_share_pct / 100.0)
    years = np.arange(last_year, target_year + 1)
    frac = (years - last_year) / (target_year - last_year)
    share = last_share_pct + frac * (target_share_pct - last_share_pct)
    gdp = gdp0 * (1 + gdp_growth_pct / 100.0) ** (years - last_year)
    return pd.DataFrame(
        {"year": years, "share_pct": share, "gdp": gdp, "value": share / 100.0 * gdp}
    )


@dataclass(frozen=True)
class HaguePath:
    """The Hague path of a fitted pair's second side, with the figures it starts from."""

    frame: pd.DataFrame  # year, share_pct, gdp, value (see hague_path)
    target_share_pct: float
    target_year: int
    last_year: int
    last_share_pct: float
    source_ids: tuple[str, ...]  # of the target and of the last share of GDP


def hague_path_of(
    store: FactStore,
    model: RichardsonModel,
    series: PairSeries,
    *,
    gdp_growth_pct: float,
    release: str = "SIPRI 2025",
) -> HaguePath:
    """:func:`hague_path` of ``series.y`` from its last fitted year, with the Hague target
    and that year's share of GDP (from ``release``) read from the store."""
    share_pct, year, target_ids = hague_target(store)
    last = model.years_[1]
    last_share, share_ids = bloc_share_gdp(store, series.y.entity, last, release=release)
    frame = hague_path(
        last_year=last,
        last_spending=float(series.frame.iloc[-1, 1]),
        last_share_pct=last_share,
        target_share_pct=share_pct,
        target_year=year,
        gdp_growth_pct=gdp_growth_pct,
    )
    return HaguePath(frame, share_pct, year, last, last_share, (*target_ids, *share_ids))


def hague_target(store: FactStore) -> tuple[float, int, tuple[str, ...]]:
    """(share %, deadline year, source ids) of the Hague core target from the store.

    Falls back to 3.5 % by 2035 with no source id if the target table lacks the row.
    """
    from armsrace.facts import queries

    try:
        t = queries.targets(store).set_index("target_id")
        row = t.loc["hague-2025-3.5pct-core"]
        return float(row["share_pct"]), int(row["deadline_year"]), (str(row["source_id"]),)
    except (KeyError, ValueError, TypeError):
        return HAGUE_TARGET_SHARE_PCT, HAGUE_TARGET_YEAR, ()


def bloc_share_gdp(
    store: FactStore, entity: str, year: int, *, release: str = "SIPRI 2025"
) -> tuple[float, tuple[str, ...]]:
    """Share of GDP (%) of a country or bloc in ``year`` from one release.

    For a bloc without its own row: Σ spending / Σ implied GDP over the year's members,
    implied GDP = constant-price spending / share. Any member lacking either figure makes
    the share missing (DynamicsError naming them), never guessed.
    """
    from armsrace.dynamics.series import PRIMARY_SOURCES
    from armsrace.errors import DataError
    from armsrace.facts import queries

    src = PRIMARY_SOURCES.get(release)
    rows = queries.observations(
        store,
        indicator=["milex_share_gdp", "milex_usd_constant"],
        year=year,
        release=release,
        source_id=src,
    )
    wide = rows.pivot_table(index="entity", columns="indicator", values="value", aggfunc="first")
    sources = tuple(sorted(set(map(str, rows["source_id"]))))
    if entity in wide.index and not np.isnan(wide.loc[entity].get("milex_share_gdp", np.nan)):
        return float(wide.loc[entity, "milex_share_gdp"]), sources
    try:
        who = queries.members(store, entity, year)
    except DataError as exc:  # not a bloc
        raise DynamicsError(
            f"{entity} has no {release} share of GDP for {year} and is not a bloc"
        ) from exc
    need = ["milex_share_gdp", "milex_usd_constant"]
    missing = [
        c
        for c in who
        if c not in wide.index
        or any(col not in wide.columns or np.isnan(wide.loc[c, col]) for col in need)
    ]
    # Iceland has no armed forces: SIPRI gives 0 spending and no share; it adds nothing
    missing = [
        c
        for c in missing
        if not (
            c in wide.index
            and "milex_usd_constant" in wide.columns
            and wide.loc[c, "milex_usd_constant"] == 0
        )
    ]
    if missing:
        raise DynamicsError(
            f"cannot compute {entity}'s {year} share of GDP from {release}: no share or "
            f"spending for {', '.join(missing)}; use an earlier year"
        )
    counted = [c for c in who if c in wide.index and wide.loc[c, "milex_usd_constant"] > 0]
    spend = wide.loc[counted, "milex_usd_constant"]
    gdp = spend / (wide.loc[counted, "milex_share_gdp"] / 100.0)
    return float(spend.sum() / gdp.sum() * 100.0), sources
