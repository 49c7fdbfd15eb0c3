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

with C(0) = today's output q0, Q0 = experience_months · q0 and S(0) = initial stock.
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

    ``budget_usd`` has shape ``(T, n, S)``: the side's defence budget per month.
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

    @property
    def n_runs(self) -> int:
        return int(self.initial_output.shape[0])

    @property
    def horizon(self) -> int:
        return int(self.budget_usd.shape[0])


@dataclass(frozen=True)
class Paths:
    """Engine output. ``output`` has shape ``(T, n, S, I)`` (monthly output, every month).

    ``stock_snap`` / ``capacity_snap`` hold stock and capacity at the months in
    ``snap_months`` (shape ``(len(snap_months), n, S, I)``). With ``full=True`` the full
    ``capacity``, ``stock``, ``affordable`` and ``unit_cost`` paths are kept as well.
    """

    output: np.ndarray
    snap_months: np.ndarray
    stock_snap: np.ndarray
    capacity_snap: np.ndarray
    capacity: np.ndarray | None = None
    stock: np.ndarray | None = None
    affordable: np.ndarray | None = None
    unit_cost: np.ndarray | None = None


def run_engine(
    inputs: EngineInputs,
    *,
    snap_months: np.ndarray | None = None,
    full: bool = False,
) -> Paths:
    """Step the model for every run at once; see the module docstring for the equations."""
    q0 = np.ascontiguousarray(inputs.initial_output, dtype=np.float64)
    n, n_sides, n_items = q0.shape
    horizon = inputs.horizon
    if snap_months is None:
        snap_months = np.arange(horizon)
    snap_months = np.asarray(snap_months, dtype=np.int64)
    snap_index = {int(t): k for k, t in enumerate(snap_months)}

    b = np.log2(inputs.learning_rate)  # Wright exponent (<= 0)
    nb = -b
    q_init = inputs.experience_months.reshape(-1, *([1] * (q0.ndim - 1))) * q0
    q_init = np.broadcast_to(q_init, q0.shape).astype(np.float64)
    # A = B · m / c0 · (Q/Q0)^(-b) = B · K · Q^(-b)  with  K = m / c0 · Q0^b
    k_coef = inputs.money_share / inputs.unit_cost_usd * np.exp(b * np.log(q_init))
    with np.errstate(divide="ignore"):
        alpha = -np.expm1(-1.0 / inputs.lead_time_months)  # 1 - e^(-1/L); L=0 gives 1
    cons = np.ascontiguousarray(inputs.consumption, dtype=np.float64)
    has_consumption = bool(np.any(cons > 0))
    budget = np.ascontiguousarray(inputs.budget_usd, dtype=np.float64)[..., None]  # (T,n,S,1)

    cap = q0.copy()
    cum = q_init.copy()
    stock = np.array(inputs.initial_stock, dtype=np.float64, copy=True)
    work = np.empty_like(cap)
    afford = np.empty_like(cap)
    out = np.empty((horizon, n, n_sides, n_items), dtype=np.float64)
    n_snap = len(snap_months)
    stock_snap = np.empty((n_snap, n, n_sides, n_items), dtype=np.float64)
    cap_snap = np.empty_like(stock_snap)
    if full:
        cap_full = np.empty_like(out)
        stock_full = np.empty_like(out)
        afford_full = np.empty_like(out)
        cost_full = np.empty_like(out)

    for t in range(horizon):
        # affordable rate A = B_t · K · Q^(-b)
        np.log(cum, out=work)
        work *= nb
        np.exp(work, out=work)
        work *= k_coef
        np.multiply(work, budget[t], out=afford)
        q = out[t]
        np.minimum(cap, afford, out=q)
        k = snap_index.get(t)
        if k is not None:
            stock_snap[k] = stock
            cap_snap[k] = cap
        if full:
            cap_full[t] = cap
            stock_full[t] = stock
            afford_full[t] = afford
            cost_full[t] = inputs.unit_cost_usd * np.exp(b * np.log(cum / q_init))
        # capacity moves toward A with the exact first-order-lag factor
        np.subtract(afford, cap, out=work)
        work *= alpha
        cap += work
        cum += q
        stock += q
        if has_consumption:
            stock -= cons
            np.maximum(stock, 0.0, out=stock)

    return Paths(
        output=out,
        snap_months=snap_months,
        stock_snap=stock_snap,
        capacity_snap=cap_snap,
        capacity=cap_full if full else None,
        stock=stock_full if full else None,
        affordable=afford_full if full else None,
        unit_cost=cost_full if full else None,
    )
