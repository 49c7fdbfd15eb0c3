"""The production-race model as a pure NumPy monthly stepper, vectorised over runs.

For each run, side s and item i, month t = 0 … T-1 (the reference form in DESIGN.md)::

    A(t)   = M(t) / c(t)                            affordable rate
    M(t)   = B_s(t) · m_si                          money for the item per month
    c(t)   = c0 · (Q(t) / Q0) ** log2(LR)           Wright's law (Q ≥ Q0 always, so the
                                                    reference form's max(1, ·) is a no-op)
    q(t)   = min(C(t), A(t))                        output
    C(t+1) = C(t) + (1 − e^(−1/L)) · (A(t) − C(t))  first-order lag of L months, exact for a
                                                    constant target (L → 0: C(t+1) = A(t))
    Q(t+1) = Q(t) + q(t)
    S(t+1) = max(0, S(t) + q(t) − consumption)

with C(0) = today's capacity (default: today's output q0), Q0 = experience_months · q0 and S(0) = initial stock.
No I/O, no printing, no randomness: inputs in, arrays out.

The hot loop does two transcendental operations per element (one ``log`` and one ``exp``,
the power of Wright's law) and about ten cheap ones, all in place on cache-sized arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["EngineInputs", "Paths", "run_engine"]


@dataclass(frozen=True)
class EngineInputs:
    """Per-run inputs. Shapes: ``(n, S, I)`` unless noted; money in USD per month.

    ``budget_usd`` has shape ``(T, S, n)``: the side's defence budget per month.
    ``money_share`` is the fraction of the budget spent on the item (equipment share x
    item allocation).
    """

    initial_output: np.ndarray
    unit_cost_usd: np.ndarray
    learning_rate: np.ndarray
    lead_time_months: np.ndarray
    money_share: np.ndarray
    consumption: np.ndarray
    initial_stock: np.ndarray
    experience_months: np.ndarray
    budget_usd: np.ndarray
    initial_capacity: np.ndarray | None = None  # default: today's output

    @property
    def n_runs(self) -> int:
        return int(self.initial_output.shape[0])

    @property
    def horizon(self) -> int:
        return int(self.budget_usd.shape[0])


@dataclass(frozen=True)
class Paths:
    """Engine output for ``n`` runs over ``T`` months.

    Always: ``catch_up_month`` and ``parity_month`` (shape ``(n, I)``; ``T`` = never within
    the horizon) — the first month side 0 out-produces side 1, and the first month its
    cumulative output reaches side 1's; ``ahead_counts`` (``(T, I)``) — how many runs have
    side 0 ahead each month; and output, stock and capacity at ``snap_months``
    (``(K, S, I, n)``: runs last). With ``full=True`` also the ``(T, n, S, I)`` monthly paths of output,
    capacity, stock, affordable rate and unit cost.
    """

    snap_months: np.ndarray
    output_snap: np.ndarray
    stock_snap: np.ndarray
    capacity_snap: np.ndarray
    catch_up_month: np.ndarray
    parity_month: np.ndarray
    ahead_counts: np.ndarray
    output: np.ndarray | None = None
    capacity: np.ndarray | None = None
    stock: np.ndarray | None = None
    affordable: np.ndarray | None = None
    unit_cost: np.ndarray | None = None


#: Runs stepped together: keeps every working array of a tile in the core's L2 cache.
#: Elementwise results do not depend on it.
TILE_RUNS = 1024


def run_engine(
    inputs: EngineInputs,
    *,
    snap_months: np.ndarray | None = None,
    full: bool = False,
    tile_runs: int = TILE_RUNS,
) -> Paths:
    """Step the model for every run at once; see the module docstring for the equations."""
    n, n_sides, n_items = inputs.initial_output.shape
    horizon = inputs.horizon
    if snap_months is None:
        snap_months = np.arange(horizon)
    snap_months = np.asarray(snap_months, dtype=np.int64)
    k_snap = len(snap_months)
    shape = (n, n_sides, n_items)
    res = {
        "output_snap": np.empty((k_snap, n_sides, n_items, n)),
        "stock_snap": np.empty((k_snap, n_sides, n_items, n)),
        "capacity_snap": np.empty((k_snap, n_sides, n_items, n)),
    }
    # per month and run: side 0 out-produces side 1; side 0's cumulative output >= side 1's
    flags = {
        "ahead": np.empty((horizon, n_items, n), dtype=bool),
        "level": np.empty((horizon, n_items, n), dtype=bool),
    }
    fulls = ("output", "capacity", "stock", "affordable", "unit_cost")
    full_arrays = {k: np.empty((horizon, *shape)) for k in fulls} if full else {}
    for lo in range(0, n, tile_runs):
        hi = min(n, lo + tile_runs)
        _run_tile(inputs, slice(lo, hi), snap_months, res, flags, full_arrays)
    return Paths(
        snap_months=snap_months,
        ahead_counts=flags["ahead"].sum(axis=2, dtype=np.int64),
        catch_up_month=_first(flags["ahead"], horizon).T,
        parity_month=_first(flags["level"], horizon).T,
        **res,
        **full_arrays,
    )


def _tile(a: np.ndarray, sl: slice) -> np.ndarray:
    """(n, S, I) -> contiguous (S, I, m) for the runs in ``sl``."""
    return np.ascontiguousarray(np.moveaxis(a[sl], 0, -1), dtype=np.float64)


def _run_tile(
    inputs: EngineInputs,
    sl: slice,
    snap_months: np.ndarray,
    res: dict[str, np.ndarray],
    flags: dict[str, np.ndarray],
    full_arrays: dict[str, np.ndarray],
) -> None:
    horizon = inputs.horizon
    q0 = _tile(inputs.initial_output, sl)  # (S, I, m)
    b = np.log2(_tile(inputs.learning_rate, sl))  # Wright exponent (<= 0)
    nb = -b
    q_init = inputs.experience_months[sl][None, None, :] * q0
    # A = B · m / c0 · (Q/Q0)^(-b) = B · K · Q^(-b)  with  K = m / c0 · Q0^b
    cost0 = _tile(inputs.unit_cost_usd, sl)
    k_coef = _tile(inputs.money_share, sl) / cost0 * np.exp(b * np.log(q_init))
    with np.errstate(divide="ignore"):
        alpha = -np.expm1(-1.0 / _tile(inputs.lead_time_months, sl))  # 1 - e^(-1/L)
    cons = _tile(inputs.consumption, sl)
    # stocks need a monthly update only where something is consumed; elsewhere
    # S(t) = S0 + (Q(t) - Q0), computed when a snapshot asks for it
    consumed = [
        (s, i) for s in range(cons.shape[0]) for i in range(cons.shape[1]) if np.any(cons[s, i] > 0)
    ]
    # budget (T, S, n) -> (T, S, 1, m)
    budget = np.ascontiguousarray(inputs.budget_usd[:, :, sl])[:, :, None, :]

    cap = q0.copy() if inputs.initial_capacity is None else _tile(inputs.initial_capacity, sl)
    cum = q_init.copy()
    stock0 = _tile(inputs.initial_stock, sl)
    stock = stock0.copy()
    work = np.empty_like(cap)
    afford = np.empty_like(cap)
    q = np.empty_like(cap)
    m = cap.shape[-1]
    n_items = cap.shape[1]
    diff = np.empty((n_items, m))
    cum_diff = np.zeros((n_items, m))
    ahead = flags["ahead"][:, :, sl]
    level = flags["level"][:, :, sl]
    snap_index = {int(t): k for k, t in enumerate(snap_months)}

    # bound once: views and ufuncs used every month
    log, exp, mul, minimum, sub = np.log, np.exp, np.multiply, np.minimum, np.subtract
    greater, greater_equal = np.greater, np.greater_equal
    q_side0, q_side1 = q[0], q[1]
    consumed_views = [(stock[s, i], q[s, i], cons[s, i]) for s, i in consumed]
    for t in range(horizon):
        # affordable rate A = B_t · K · Q^(-b)
        log(cum, out=work)
        work *= nb
        exp(work, out=work)
        work *= k_coef
        mul(work, budget[t], out=afford)
        minimum(cap, afford, out=q)
        k = snap_index.get(t)
        if k is not None or full_arrays:
            _sync_stock(stock, stock0, cum, q_init, consumed)
        if k is not None:
            res["output_snap"][k, :, :, sl] = q
            res["stock_snap"][k, :, :, sl] = stock
            res["capacity_snap"][k, :, :, sl] = cap
        if full_arrays:
            full_arrays["output"][t, sl] = np.moveaxis(q, -1, 0)
            full_arrays["capacity"][t, sl] = np.moveaxis(cap, -1, 0)
            full_arrays["stock"][t, sl] = np.moveaxis(stock, -1, 0)
            full_arrays["affordable"][t, sl] = np.moveaxis(afford, -1, 0)
            full_arrays["unit_cost"][t, sl] = np.moveaxis(
                cost0 * np.exp(b * np.log(cum / q_init)), -1, 0
            )
        # who is ahead this month, and cumulatively
        sub(q_side0, q_side1, out=diff)
        greater(diff, 0.0, out=ahead[t])
        cum_diff += diff
        greater_equal(cum_diff, 0.0, out=level[t])
        # capacity moves toward A with the exact first-order-lag factor
        sub(afford, cap, out=work)
        work *= alpha
        cap += work
        cum += q
        for st, qq, cc in consumed_views:
            st += qq
            st -= cc
            np.maximum(st, 0.0, out=st)


def _sync_stock(
    stock: np.ndarray,
    stock0: np.ndarray,
    cum: np.ndarray,
    q_init: np.ndarray,
    consumed: list[tuple[int, int]],
) -> None:
    """Stocks of slots without consumption: initial stock plus output since the start."""
    keep = [stock[s, i].copy() for s, i in consumed]
    np.subtract(cum, q_init, out=stock)
    stock += stock0
    for (s, i), st in zip(consumed, keep, strict=True):
        stock[s, i] = st


def _first(mask: np.ndarray, horizon: int) -> np.ndarray:
    """Index along axis 0 of the first True, or ``horizon`` where there is none."""
    first = np.full(mask.shape[1:], horizon, dtype=np.int64)
    for t in range(mask.shape[0] - 1, -1, -1):  # cheaper than a strided argmax
        np.copyto(first, t, where=mask[t])
    return first
