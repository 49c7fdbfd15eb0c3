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

Each month of a tile of runs costs two transcendental operations per element (one ``log``
and one ``exp``: the power of Wright's law), done by NumPy's SIMD ufuncs on the whole tile,
and about a dozen cheap ones (the rest of the equations plus the catch-up bookkeeping),
fused into one pass over memory by the numba kernel :func:`armsrace.race._kernel.step_month`
— the same IEEE operations in the same order as the NumPy formulation, so bit-identical to it.
Tiles are sized so that their working arrays stay in the core's L2 cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["EngineInputs", "Paths", "PlantArrays", "StructureArrays", "run_engine"]


@dataclass(frozen=True)
class PlantArrays:
    """A scheduled plant or line of side ``side``, item ``item``: from month ``open_month``
    (``(n,)``, per run; ``>= T``: not within the horizon) capacity rises by ``capacity``
    (``(n,)``, units per month), and so does the affordable rate: an announced plant comes
    with the contracts that fund its output."""

    side: int
    item: int
    open_month: np.ndarray
    capacity: np.ndarray


@dataclass(frozen=True)
class StructureArrays:
    """The optional structure (see :mod:`armsrace.race.structure`), per run ``(n, S, I)``:

    - ``refurb_output`` r0: today's refurbished output per month (0: no refurbishment) and
      ``refurb_stock`` R0: the refurbishable storage stock; ``refurb_constant`` (``(S, I)``
      bool): drain at the constant rate r0 until the stock is gone, else in proportion to
      what is left (r = r0 · R / R0);
    - ``alloc_ratio`` g: the item's target share of the budget over today's (1: no path) and
      ``alloc_frac`` (``(T, S, I)``): how far along the path month t is (0 … 1);
    - ``plants``: scheduled capacity.
    """

    refurb_output: np.ndarray
    refurb_stock: np.ndarray
    refurb_constant: np.ndarray
    alloc_ratio: np.ndarray
    alloc_frac: np.ndarray
    plants: tuple[PlantArrays, ...] = ()


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
    structure: StructureArrays | None = None  # None: the plain model (the fast kernel)

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
    from armsrace.race._kernel import step_month, step_month_structured

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
    # first month side 0 out-produces side 1 / its cumulative output reaches side 1's
    # (``horizon``: never), and how many runs have side 0 ahead each month
    firsts = {
        "catch_up": np.full((n_items, n), horizon, dtype=np.int64),
        "parity": np.full((n_items, n), horizon, dtype=np.int64),
        "ahead_counts": np.zeros((horizon, n_items), dtype=np.int64),
    }
    block = _prepare(inputs)
    fulls = ("output", "capacity", "stock", "affordable", "unit_cost")
    full_arrays = {k: np.empty((horizon, *shape)) for k in fulls} if full else {}
    for lo in range(0, n, tile_runs):
        hi = min(n, lo + tile_runs)
        kernel = step_month if inputs.structure is None else step_month_structured
        _run_tile(block, lo, hi, snap_months, res, firsts, full_arrays, kernel, inputs.structure)
    return Paths(
        snap_months=snap_months,
        ahead_counts=firsts["ahead_counts"],
        catch_up_month=firsts["catch_up"].T,
        parity_month=firsts["parity"].T,
        **res,
        **full_arrays,
    )


def _runs_last(a: np.ndarray) -> np.ndarray:
    """(n, S, I) -> contiguous (S, I, n): a tile's rows ``[s, i, lo:hi]`` are contiguous."""
    return np.ascontiguousarray(np.moveaxis(a, 0, -1), dtype=np.float64)


def _prepare(inputs: EngineInputs) -> dict[str, np.ndarray]:
    """Per-run constants of the whole block, runs last; elementwise, so a run's values do not
    depend on the tiling (NumPy's SIMD ``exp``/``log`` run on contiguous arrays only)."""
    q0 = _runs_last(inputs.initial_output)
    b = np.log2(_runs_last(inputs.learning_rate))  # Wright exponent (<= 0)
    q_init = inputs.experience_months[None, None, :] * q0
    # A = B · m / c0 · (Q/Q0)^(-b) = B · K · Q^(-b)  with  K = m / c0 · Q0^b
    cost0 = _runs_last(inputs.unit_cost_usd)
    with np.errstate(divide="ignore"):
        alpha = -np.expm1(-1.0 / _runs_last(inputs.lead_time_months))  # 1 - e^(-1/L)
    extra: dict[str, np.ndarray] = {}
    st = inputs.structure
    if st is not None:
        r0 = _runs_last(st.refurb_output)
        stock_r = _runs_last(st.refurb_stock)
        with np.errstate(divide="ignore", invalid="ignore"):
            prop = np.where(stock_r > 0, np.minimum(1.0, r0 / stock_r), 0.0)
        rho = np.where(np.asarray(st.refurb_constant, dtype=bool)[:, :, None], 1.0, prop)
        extra = {
            "refurb": np.stack([r0, rho, _runs_last(st.alloc_ratio)]),
            "rstock0": stock_r,
            "alloc_frac": np.ascontiguousarray(st.alloc_frac, dtype=np.float64),
        }
    return {
        **extra,
        "budget": np.ascontiguousarray(inputs.budget_usd, dtype=np.float64),  # (T, S, n)
        "b": b,
        "nb": -b,
        "q_init": q_init,
        "cost0": cost0,
        # the kernel's per-run constants, one array (fewer arguments, cheaper calls)
        "k_alpha_cons": np.stack(
            [
                _runs_last(inputs.money_share) / cost0 * np.exp(b * np.log(q_init)),
                alpha,
                _runs_last(inputs.consumption),
            ]
        ),
        "stock0": _runs_last(inputs.initial_stock),
        "cap0": q0 if inputs.initial_capacity is None else _runs_last(inputs.initial_capacity),
    }


def _run_tile(
    block: dict[str, np.ndarray],
    lo: int,
    hi: int,
    snap_months: np.ndarray,
    res: dict[str, np.ndarray],
    firsts: dict[str, np.ndarray],
    full_arrays: dict[str, np.ndarray],
    step_month: Callable[..., None],
    structure: StructureArrays | None = None,
) -> None:
    sl = slice(lo, hi)
    horizon = block["budget"].shape[0]
    nb = block["nb"][:, :, sl].copy()  # contiguous: the one NumPy multiply of every month
    q_init, stock0 = block["q_init"][:, :, sl], block["stock0"][:, :, sl]
    # stocks need a monthly update only where something is consumed in the tile; elsewhere
    # S(t) = S0 + (Q(t) - Q0), computed when a snapshot asks for it
    consumed_mask = np.any(block["k_alpha_cons"][2, :, :, sl] > 0, axis=2)
    if structure is not None:  # refurbished output is not in Q: such stocks step monthly
        consumed_mask |= np.any(block["refurb"][0, :, :, sl] > 0, axis=2)
    consumed = [(int(s), int(i)) for s, i in np.argwhere(consumed_mask)]

    # the tile's state, contiguous (S, I, m) each: work, capacity, cumulative output, output
    # and stock. The output is zeroed, not left uninitialised: the kernel writes it only in
    # snapshot months and consumed slots, and stale memory there slowed the kernel several-fold
    # in measurements (its value is never used).
    state = np.empty((5 if structure is None else 7, *nb.shape))
    work, cap, cum, q, stock = state[:5]
    cap[...] = block["cap0"][:, :, sl]
    cum[...] = q_init
    q[...] = 0.0
    stock[...] = stock0
    n_items, m = cap.shape[1], cap.shape[2]
    cum_diff = np.zeros((n_items, m))
    # catch-up and parity months; the narrowest integers that hold them (less memory traffic)
    small = np.int16 if horizon < np.iinfo(np.int16).max else np.int32
    firsts_tile = np.full((2, n_items, m), horizon, dtype=small)
    snap_index = [-1] * horizon
    for k_snap, t_snap in enumerate(snap_months):
        snap_index[int(t_snap)] = k_snap
    out_snap, stock_snap, cap_snap = res["output_snap"], res["stock_snap"], res["capacity_snap"]
    args: tuple[object, ...] = (
        state,
        block["k_alpha_cons"],
        block["budget"],
        consumed_mask,
        cum_diff,
        firsts_tile,
        firsts["ahead_counts"],
    )
    openings: dict[int, list[tuple[int, int, np.ndarray, np.ndarray]]] = {}
    if structure is not None:
        state[5] = block["rstock0"][:, :, sl]
        state[6] = 0.0  # rate funded by plants opened so far
        openings = _openings(structure.plants, lo, hi, horizon)
        # items whose structure does anything in this tile (others take the plain loop)
        r0_t, g_t = block["refurb"][0, :, :, sl], block["refurb"][2, :, :, sl]
        active = np.stack([np.any(r0_t > 0, axis=2), np.any(g_t != 1.0, axis=2)])
        for plant in structure.plants:
            active[1, plant.side, plant.item] = True
        args = (*args, block["refurb"], block["alloc_frac"], active)

    log, exp, mul = np.log, np.exp, np.multiply
    keep_afford = bool(full_arrays)
    for t in range(horizon):
        for s_p, i_p, idx, add in openings.get(t, ()):
            cap[s_p, i_p, idx] += add  # a scheduled plant opens at the start of month t
            state[6, s_p, i_p, idx] += add  # ... with the money to run it
        k = snap_index[t]
        if k >= 0 or keep_afford:
            # the state entering month t, before the kernel steps it
            _sync_stock(stock, stock0, cum, q_init, consumed)
            if k >= 0:
                stock_snap[k, :, :, sl] = stock
                cap_snap[k, :, :, sl] = cap
            if keep_afford:
                full_arrays["capacity"][t, sl] = np.moveaxis(cap, -1, 0)
                full_arrays["stock"][t, sl] = np.moveaxis(stock, -1, 0)
                cost = np.exp(block["b"][:, :, sl] * np.log(cum / q_init))
                full_arrays["unit_cost"][t, sl] = np.moveaxis(
                    block["cost0"][:, :, sl] * cost, -1, 0
                )
        # Wright factor Q^(-b) on the whole tile (NumPy's SIMD log and exp) ...
        log(cum, out=work)
        mul(work, nb, out=work)
        exp(work, out=work)
        # ... then every cheap step of the month in one fused pass
        step_month(t, lo, k >= 0 or keep_afford, keep_afford, *args)
        if k >= 0:
            out_snap[k, :, :, sl] = q
        if keep_afford:
            full_arrays["output"][t, sl] = np.moveaxis(q, -1, 0)
            full_arrays["affordable"][t, sl] = np.moveaxis(work, -1, 0)
    firsts["catch_up"][:, sl] = firsts_tile[0]
    firsts["parity"][:, sl] = firsts_tile[1]


def _openings(
    plants: tuple[PlantArrays, ...], lo: int, hi: int, horizon: int
) -> dict[int, list[tuple[int, int, np.ndarray, np.ndarray]]]:
    """Per month of the horizon, the plants opening in it: (side, item, runs of the tile,
    capacity added), in the plants' order."""
    out: dict[int, list[tuple[int, int, np.ndarray, np.ndarray]]] = {}
    for plant in plants:
        months = plant.open_month[lo:hi]
        for t in np.unique(months[(months >= 0) & (months < horizon)]):
            idx = np.flatnonzero(months == t)
            out.setdefault(int(t), []).append(
                (plant.side, plant.item, idx, plant.capacity[lo:hi][idx])
            )
    return out


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
