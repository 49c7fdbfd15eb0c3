"""Streaming summaries of simulated runs and the result value built from them.

A block of runs is reduced to integer counts — catch-up and cumulative-parity month
histograms, per-month counts of "challenger ahead", and log-binned histograms of output and
stock at each year end. Integer counts add exactly, so the merged summary is bit-identical
however the blocks were grouped into chunks, processes or cluster workers, and memory stays
bounded whatever the run count.

Quantiles of months are exact (months are integers); quantiles of output and stock levels
(the fan charts) are read from log-spaced bins of relative width ``bin_ratio`` (about 1.2%).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from armsrace.provenance import RunInfo

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

    from armsrace.race.coverage import InputCoverage
    from armsrace.race.engine import Paths

__all__ = ["Counts", "Layout", "SimulationResult", "summarise", "wilson_interval"]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class Layout:
    """What a summary needs to know of the scenario (picklable, sent to workers)."""

    sides: tuple[str, str]
    items: tuple[str, ...]
    horizon: int
    start_year: int
    log_lo: tuple[float, ...]  # per item, log10 of the lowest binned level
    log_hi_output: tuple[float, ...]
    log_hi_stock: tuple[float, ...]
    n_bins: int = 2000

    @property
    def snap_months(self) -> np.ndarray:
        """Month 0, each December, and the last month."""
        t = [0, *range(11, self.horizon, 12), self.horizon - 1]
        return np.array(sorted(set(t)), dtype=np.int64)

    def month_label(self, t: int) -> str:
        return f"{self.start_year + t // 12}-{t % 12 + 1:02d}"

    def year_end_months(self) -> list[tuple[int, int]]:
        """(calendar year, month index of its December) for every full year in the horizon."""
        return [(self.start_year + t // 12, t) for t in range(11, self.horizon, 12)]


@dataclass(frozen=True)
class Counts:
    """Additive integer summaries of a set of runs."""

    n_runs: int
    catchup_hist: np.ndarray  # (I, T+1); bin T = never within the horizon
    parity_hist: np.ndarray  # (I, T+1)
    ahead_counts: np.ndarray  # (T, I): runs with challenger output > rival's that month
    output_hist: np.ndarray  # (K, S, I, n_bins+2) at layout.snap_months
    stock_hist: np.ndarray  # (K, S, I, n_bins+2)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.n_runs + other.n_runs,
            self.catchup_hist + other.catchup_hist,
            self.parity_hist + other.parity_hist,
            self.ahead_counts + other.ahead_counts,
            self.output_hist + other.output_hist,
            self.stock_hist + other.stock_hist,
        )


def _hist(
    values: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    n_bins: int,
    into: np.ndarray | None = None,
) -> np.ndarray:
    """Log-binned counts of ``values`` (K, S, I, n) -> (K, S, I, n_bins + 2), added to
    ``into`` when given.

    Bin 0 holds zeros and values below ``10**lo``; bin ``n_bins + 1`` values above ``10**hi``
    (``lo``, ``hi`` per item). Single precision is ample for a bin index (bins are about 1%
    wide) and twice as fast.
    """
    from armsrace.race._kernel import count_bins

    k, s, i, _ = values.shape
    width = (hi - lo) / n_bins
    scale = (1 / width).astype(np.float32)
    offset = (1 - lo / width).astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z = np.log10(values, dtype=np.float32)  # log10(0) = -inf lands in bin 0
    counts = np.zeros((k, s, i, n_bins + 2), dtype=np.int64) if into is None else into
    count_bins(z, scale, offset, n_bins, counts)  # scale, shift, clip, floor, count: one pass
    return counts


def summarise(paths: Paths, layout: Layout, *, into: Counts | None = None) -> Counts:
    """Reduce one block's engine output to additive counts.

    With ``into`` (counts that the caller owns), the block is added to its arrays in place
    and ``into`` plus this block is returned: no new histograms per block. Integer counts,
    so the totals are the same either way.
    """
    horizon = layout.horizon
    n_items = len(layout.items)
    n = paths.catch_up_month.shape[0]
    lo = np.array(layout.log_lo)
    hi_out, hi_stock = np.array(layout.log_hi_output), np.array(layout.log_hi_stock)
    if into is not None:
        _hist(paths.output_snap, lo, hi_out, layout.n_bins, into.output_hist)
        _hist(paths.stock_snap, lo, hi_stock, layout.n_bins, into.stock_hist)
        for i in range(n_items):
            into.catchup_hist[i] += np.bincount(paths.catch_up_month[:, i], minlength=horizon + 1)
            into.parity_hist[i] += np.bincount(paths.parity_month[:, i], minlength=horizon + 1)
        into.ahead_counts[...] += paths.ahead_counts
        return replace(into, n_runs=into.n_runs + n)
    out_hist = _hist(paths.output_snap, lo, hi_out, layout.n_bins)
    stock_hist = _hist(paths.stock_snap, lo, hi_stock, layout.n_bins)
    ch = np.stack(
        [np.bincount(paths.catch_up_month[:, i], minlength=horizon + 1) for i in range(n_items)]
    )
    ph = np.stack(
        [np.bincount(paths.parity_month[:, i], minlength=horizon + 1) for i in range(n_items)]
    )
    return Counts(
        n, ch.astype(np.int64), ph.astype(np.int64), paths.ahead_counts.copy(), out_hist, stock_hist
    )


def wilson_interval(k: int, n: int, z: float = 1.6448536269514722) -> tuple[float, float]:
    """90% Wilson interval of a Monte Carlo probability k / n (sampling error only)."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * float(np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _month_quantile(hist: np.ndarray, p: float) -> int:
    """Smallest month m with P(X <= m) >= p (inverted CDF; exact for integer months)."""
    cdf = np.cumsum(hist)
    return int(np.searchsorted(cdf, p * cdf[-1] - 1e-9 * cdf[-1], side="left"))


def _level_quantile(hist: np.ndarray, p: float, lo: float, hi: float) -> float:
    n_bins = hist.shape[-1] - 2
    cdf = np.cumsum(hist)
    b = int(np.searchsorted(cdf, p * cdf[-1] - 1e-9 * cdf[-1], side="left"))
    if b == 0:
        return 0.0
    if b > n_bins:
        return float(10**hi)
    width = (hi - lo) / n_bins
    return float(10 ** (lo + (b - 0.5) * width))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for k, v in row.items():
            if hasattr(v, "item"):
                v = v.item()
            if isinstance(v, float) and v != v:
                v = None
            clean[str(k)] = v
        out.append(clean)
    return out


@dataclass(frozen=True)
class SimulationResult:
    """Answers of one simulation: catch-up statistics per item, yearly probabilities, fan
    charts; ``dataset`` holds the full paths when they fit in memory."""

    scenario: str
    layout: Layout
    counts: Counts
    run_info: RunInfo
    source_ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    references: tuple[tuple[str, str], ...] = ()
    assumptions: tuple[tuple[str, str], ...] = ()
    #: per side, item and starting input: what the starting figure covers
    coverage: tuple[InputCoverage, ...] = ()
    dataset: xr.Dataset | None = field(default=None, compare=False)

    @property
    def n_runs(self) -> int:
        return self.counts.n_runs

    def _month(self, t: int) -> str | None:
        return None if t >= self.layout.horizon else self.layout.month_label(t)

    def catchup_table(self) -> pd.DataFrame:
        """Per item: median and 90% interval of the catch-up and cumulative-parity months."""
        import pandas as pd

        rows = []
        horizon = self.layout.horizon
        n = self.counts.n_runs
        for i, item in enumerate(self.layout.items):
            ch = self.counts.catchup_hist[i]
            ph = self.counts.parity_hist[i]
            p5, p50, p95 = (_month_quantile(ch, p) for p in (0.05, 0.5, 0.95))
            q5, q50, q95 = (_month_quantile(ph, p) for p in (0.05, 0.5, 0.95))
            rows.append(
                {
                    "item": item,
                    "p_catch_up": float(1 - ch[horizon] / n),
                    "p_catch_up_lo": wilson_interval(int(n - ch[horizon]), n)[0],
                    "p_catch_up_hi": wilson_interval(int(n - ch[horizon]), n)[1],
                    "catch_up_median": self._month(p50),
                    "catch_up_p5": self._month(p5),
                    "catch_up_p95": self._month(p95),
                    "share_never": float(ch[horizon] / n),
                    "p_ahead_at_start": float(ch[0] / n),
                    "parity_median": self._month(q50),
                    "parity_p5": self._month(q5),
                    "parity_p95": self._month(q95),
                    "share_never_parity": float(ph[horizon] / n),
                    "coverage": self.coverage_label(item),
                }
            )
        return pd.DataFrame(rows)

    def coverage_label(self, item: str) -> str:
        """Each side's starting-output coverage of ``item`` ('NATO 1/32 (USA); RUS full')."""
        return "; ".join(
            c.label() for c in self.coverage if c.item == item and c.input == "initial_output"
        )

    def yearly_table(self) -> pd.DataFrame:
        """Per item and year: P(challenger's December output > rival's) and P(caught up by
        the end of the year)."""
        import pandas as pd

        n = self.counts.n_runs
        rows = []
        for i, item in enumerate(self.layout.items):
            cdf = np.cumsum(self.counts.catchup_hist[i])
            for year, t in self.layout.year_end_months():
                lo, hi = wilson_interval(int(cdf[t]), n)
                rows.append(
                    {
                        "item": item,
                        "year": year,
                        "p_ahead": float(self.counts.ahead_counts[t, i] / n),
                        "p_caught_up_by": float(cdf[t] / n),
                        "p_caught_up_by_lo": lo,
                        "p_caught_up_by_hi": hi,
                    }
                )
        return pd.DataFrame(rows)

    def fan_table(self, variable: str = "output") -> pd.DataFrame:
        """Quantiles of monthly output (or stock) per side, item and snapshot month."""
        import pandas as pd

        hist = self.counts.output_hist if variable == "output" else self.counts.stock_hist
        his = self.layout.log_hi_output if variable == "output" else self.layout.log_hi_stock
        rows = []
        for k, t in enumerate(self.layout.snap_months):
            for s, side in enumerate(self.layout.sides):
                for i, item in enumerate(self.layout.items):
                    row: dict[str, Any] = {
                        "item": item,
                        "side": side,
                        "month": int(t),
                        "date": self.layout.month_label(int(t)),
                    }
                    for p in QUANTILES:
                        row[f"p{int(p * 100)}"] = _level_quantile(
                            hist[k, s, i], p, self.layout.log_lo[i], his[i]
                        )
                    rows.append(row)
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-able values (no paths)."""
        return {
            "scenario": self.scenario,
            "runs": self.n_runs,
            "sides": list(self.layout.sides),
            "start": self.layout.month_label(0),
            "horizon_months": self.layout.horizon,
            "catch_up": _records(self.catchup_table()),
            "by_year": _records(self.yearly_table()),
            "output_fan": _records(self.fan_table("output")),
            "stock_fan": _records(self.fan_table("stock")),
            "source_ids": list(self.source_ids),
            "references": [{"inputs": a, "url": b} for a, b in self.references],
            "assumptions": [{"inputs": a, "assumption": b} for a, b in self.assumptions],
            "notes": list(self.notes),
            "coverage": [c.to_dict() for c in self.coverage],
            "run_info": self.run_info.to_dict(),
        }

    def to_frame(self) -> pd.DataFrame:
        """The per-item catch-up table (see :meth:`catchup_table`)."""
        return self.catchup_table()

    def to_xarray(self) -> xr.Dataset:
        """The full paths (only when the simulation kept them)."""
        if self.dataset is None:
            raise ValueError("paths were not kept: rerun with keep_paths=True and fewer runs")
        return self.dataset
