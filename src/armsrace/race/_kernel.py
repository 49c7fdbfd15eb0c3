"""The engine's fused monthly kernel: every cheap step of one month in one pass (numba).

NumPy's ``exp`` and ``log`` (SIMD, called by :mod:`armsrace.race.engine` on whole tiles)
stay outside: this kernel does, per element and in the same order as the equations of the
engine's docstring, the multiplications, the ``min``, the first-order lag, the cumulative
sums, the stocks and the catch-up / parity bookkeeping that NumPy would do in a dozen
separate passes over memory. Each step is the same IEEE operation, in the same order, as
the NumPy formulation (no fast-math, no contraction into fused multiply-adds), so the
results are bit-identical to it.

Imported only by :func:`armsrace.race.engine.run_engine` (numba is a heavy import); compiled
on first use and cached on disk.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["count_bins", "step_month", "step_month_structured"]


@njit(nogil=True, cache=True, fastmath=False, boundscheck=False)
def step_month(
    t: int,
    lo: int,
    keep_output: bool,
    keep_afford: bool,
    state: np.ndarray,
    k_alpha_cons: np.ndarray,
    budget: np.ndarray,
    consumed: np.ndarray,
    cum_diff: np.ndarray,
    firsts: np.ndarray,
    ahead_counts: np.ndarray,
) -> None:
    """Month ``t`` of the tile of runs ``lo … lo + m``.

    ``state`` is the tile's ``(5, 2, I, m)``: work ``w``, capacity, cumulative output,
    output and stock. ``k_alpha_cons`` (``(3, 2, I, n)``: the coefficient ``K``, the lag
    factor ``1 − e^(−1/L)`` and the consumption) and ``budget`` (``(T, 2, n)``) are the
    block's, read at ``lo …``. ``cum_diff`` is ``(I, m)``; ``firsts`` (``(2, I, m)``) the
    catch-up and parity months, initialised to the horizon.

    On entry ``w`` holds the Wright factor ``exp(-b · log Q)``. The output ``min(C, A)``,
    with ``A = w · K · B_t``, is written where ``keep_output`` or a stock is consumed, and
    ``A`` back to ``w`` if ``keep_afford``. Capacity, cumulative output and the ``consumed``
    slots of the stock step to month ``t + 1``; ``cum_diff`` accumulates side 0's output
    minus side 1's; the catch-up and parity months take ``t`` the first month side 0 is
    ahead / level; ``ahead_counts[t]`` counts the runs with side 0 ahead.
    """
    w, cap, cum, q, stock = state[0], state[1], state[2], state[3], state[4]
    k_coef, alpha, cons = k_alpha_cons[0], k_alpha_cons[1], k_alpha_cons[2]
    catch_up, parity = firsts[0], firsts[1]
    n_items, m = w.shape[1], w.shape[2]
    hi = lo + m
    bud0, bud1 = budget[t, 0, lo:hi], budget[t, 1, lo:hi]
    for i in range(n_items):
        store_q = keep_output or consumed[0, i] or consumed[1, i]
        ahead_counts[t, i] += _plain_item(
            t,
            i,
            lo,
            m,
            store_q,
            keep_afford,
            w,
            cap,
            cum,
            q,
            k_coef,
            alpha,
            bud0,
            bud1,
            cum_diff,
            catch_up,
            parity,
        )
        _step_stocks(i, m, lo, consumed, stock, cons, q)


@njit(nogil=True, cache=True, fastmath=False, boundscheck=False, inline="always")
def _plain_item(
    t: int,
    i: int,
    lo: int,
    m: int,
    store_q: bool,
    keep_afford: bool,
    w: np.ndarray,
    cap: np.ndarray,
    cum: np.ndarray,
    q: np.ndarray,
    k_coef: np.ndarray,
    alpha: np.ndarray,
    bud0: np.ndarray,
    bud1: np.ndarray,
    cum_diff: np.ndarray,
    catch_up: np.ndarray,
    parity: np.ndarray,
) -> int:
    """Item ``i`` of :func:`step_month` for the tile's runs; returns how many have side 0
    ahead. Shared with :func:`step_month_structured` for items without structure."""
    # 1-D contiguous rows of both sides: the loop below compiles to SIMD
    w0, w1, k0, k1 = w[0, i], w[1, i], k_coef[0, i, lo : lo + m], k_coef[1, i, lo : lo + m]
    al0, al1 = alpha[0, i, lo : lo + m], alpha[1, i, lo : lo + m]
    c0_r, c1_r = cap[0, i], cap[1, i]
    cum0, cum1, q0_r, q1_r = cum[0, i], cum[1, i], q[0, i], q[1, i]
    cd_r, cu_r, pa_r = cum_diff[i], catch_up[i], parity[i]
    ahead = 0
    for r in range(m):
        a0 = w0[r] * k0[r]
        a0 = a0 * bud0[r]
        a1 = w1[r] * k1[r]
        a1 = a1 * bud1[r]
        c0 = c0_r[r]
        c1 = c1_r[r]
        qq0 = c0 if (c0 <= a0 or c0 != c0) else a0  # np.minimum(c, a): NaN-propagating
        qq1 = c1 if (c1 <= a1 or c1 != c1) else a1
        if store_q:
            q0_r[r] = qq0
            q1_r[r] = qq1
        if keep_afford:
            w0[r] = a0
            w1[r] = a1
        c0_r[r] = c0 + (a0 - c0) * al0[r]
        c1_r[r] = c1 + (a1 - c1) * al1[r]
        cum0[r] = cum0[r] + qq0
        cum1[r] = cum1[r] + qq1
        d = qq0 - qq1
        up = d > 0.0
        ahead += up
        if up and cu_r[r] > t:  # rare: a masked store, not a store every month
            cu_r[r] = t
        cd = cd_r[r] + d
        cd_r[r] = cd
        if cd >= 0.0 and pa_r[r] > t:
            pa_r[r] = t
    return ahead


@njit(nogil=True, cache=True, fastmath=False, boundscheck=False)
def count_bins(
    z: np.ndarray, scale: np.ndarray, offset: np.ndarray, n_bins: int, counts: np.ndarray
) -> None:
    """Add to ``counts`` (``(K, S, I, n_bins + 2)``) the bins of ``z`` (``(K, S, I, n)``,
    float32 ``log10`` of the levels): bin ``⌊z · scale_i + offset_i⌋`` clipped to
    ``0 … n_bins + 1``, in float32 as ``np.clip`` then ``astype(intp)`` would do (a NaN
    counts in bin 0)."""
    top = np.float32(n_bins + 1)
    zero = np.float32(0.0)
    n_k, n_s, n_i, n = z.shape
    for a in range(n_k):
        for b in range(n_s):
            for c in range(n_i):
                row, z_r, sc, of = counts[a, b, c], z[a, b, c], scale[c], offset[c]
                for j in range(n):
                    v = z_r[j] * sc
                    v = v + of
                    idx = n_bins + 1 if v > top else (int(v) if v >= zero else 0)
                    row[idx] += 1


@njit(nogil=True, cache=True, fastmath=False, boundscheck=False)
def step_month_structured(
    t: int,
    lo: int,
    keep_output: bool,
    keep_afford: bool,
    state: np.ndarray,
    k_alpha_cons: np.ndarray,
    budget: np.ndarray,
    consumed: np.ndarray,
    cum_diff: np.ndarray,
    firsts: np.ndarray,
    ahead_counts: np.ndarray,
    refurb: np.ndarray,
    alloc_frac: np.ndarray,
    active: np.ndarray,
) -> None:
    """:func:`step_month` with the optional structure of :mod:`armsrace.race.structure`.

    ``state`` has two more planes: the refurbishable storage stock ``R`` and the rate ``P``
    funded by scheduled plants that have opened (they come with their own contracts). ``refurb``
    (``(3, 2, I, n)``: today's refurbished output ``r0``, the drain factor ``rho`` and the
    allocation ratio ``g``) and ``alloc_frac`` (``(T, 2, I)``) are the block's. Per element::

        A = w · K · B_t · (1 + (g − 1) · f_t) + P money follows the allocation path
        r = min(r0, R · rho);  R ← R − r          refurbished output drains the stock
        q = min(C, A) + r                         output: new-build plus refurbished

    Wright's cumulative output counts new-build only; catch-up, parity and stocks count
    ``q``. Slots with refurbishment are in ``consumed`` (their output is always stored).
    ``active`` (``(2, 2, I)``: refurbishment / allocation or plants, per side and item) says
    where each term acts; elsewhere it would be an exact no-op (x · 1 + 0, + 0) and is
    skipped; items with none on either side take :func:`step_month`'s loop.
    """
    w, cap, cum, q, stock = state[0], state[1], state[2], state[3], state[4]
    rstock, funded = state[5], state[6]
    k_coef, alpha, cons = k_alpha_cons[0], k_alpha_cons[1], k_alpha_cons[2]
    r0_all, rho_all, g_all = refurb[0], refurb[1], refurb[2]
    catch_up, parity = firsts[0], firsts[1]
    n_items, m = w.shape[1], w.shape[2]
    hi = lo + m
    bud0, bud1 = budget[t, 0, lo:hi], budget[t, 1, lo:hi]
    for i in range(n_items):
        w0, w1, k0, k1 = w[0, i], w[1, i], k_coef[0, i, lo:hi], k_coef[1, i, lo:hi]
        al0, al1, c0_r, c1_r = alpha[0, i, lo:hi], alpha[1, i, lo:hi], cap[0, i], cap[1, i]
        cum0, cum1, q0_r, q1_r = cum[0, i], cum[1, i], q[0, i], q[1, i]
        rs0, rs1, pf0, pf1 = rstock[0, i], rstock[1, i], funded[0, i], funded[1, i]
        r00, r01 = r0_all[0, i, lo:hi], r0_all[1, i, lo:hi]
        rh0, rh1 = rho_all[0, i, lo:hi], rho_all[1, i, lo:hi]
        g0, g1 = g_all[0, i, lo:hi], g_all[1, i, lo:hi]
        f0, f1 = alloc_frac[t, 0, i], alloc_frac[t, 1, i]
        cd_r, cu_r, pa_r = cum_diff[i], catch_up[i], parity[i]
        store_q = keep_output or consumed[0, i] or consumed[1, i]
        ahead = 0
        if not (active[0, 0, i] or active[0, 1, i] or active[1, 0, i] or active[1, 1, i]):
            ahead_counts[t, i] += _plain_item(
                t,
                i,
                lo,
                m,
                store_q,
                keep_afford,
                w,
                cap,
                cum,
                q,
                k_coef,
                alpha,
                bud0,
                bud1,
                cum_diff,
                catch_up,
                parity,
            )
            _step_stocks(i, m, lo, consumed, stock, cons, q)
            continue
        # which terms act on which side (loop-invariant: the compiler unswitches the loop)
        rf0, rf1, ap0, ap1 = active[0, 0, i], active[0, 1, i], active[1, 0, i], active[1, 1, i]
        for r in range(m):
            a0 = w0[r] * k0[r]
            a0 = a0 * bud0[r]
            if ap0:
                a0 = a0 * (1.0 + (g0[r] - 1.0) * f0)
                a0 = a0 + pf0[r]
            a1 = w1[r] * k1[r]
            a1 = a1 * bud1[r]
            if ap1:
                a1 = a1 * (1.0 + (g1[r] - 1.0) * f1)
                a1 = a1 + pf1[r]
            c0 = c0_r[r]
            c1 = c1_r[r]
            qq0 = c0 if (c0 <= a0 or c0 != c0) else a0
            qq1 = c1 if (c1 <= a1 or c1 != c1) else a1
            cum0[r] = cum0[r] + qq0
            cum1[r] = cum1[r] + qq1
            if rf0:
                x0 = rs0[r] * rh0[r]
                x0 = r00[r] if r00[r] <= x0 else x0
                rs0[r] = rs0[r] - x0
                qq0 = qq0 + x0
            if rf1:
                x1 = rs1[r] * rh1[r]
                x1 = r01[r] if r01[r] <= x1 else x1
                rs1[r] = rs1[r] - x1
                qq1 = qq1 + x1
            if store_q:
                q0_r[r] = qq0
                q1_r[r] = qq1
            if keep_afford:
                w0[r] = a0
                w1[r] = a1
            c0_r[r] = c0 + (a0 - c0) * al0[r]
            c1_r[r] = c1 + (a1 - c1) * al1[r]
            d = qq0 - qq1
            up = d > 0.0
            ahead += up
            if up and cu_r[r] > t:
                cu_r[r] = t
            cd = cd_r[r] + d
            cd_r[r] = cd
            if cd >= 0.0 and pa_r[r] > t:
                pa_r[r] = t
        ahead_counts[t, i] += ahead
        _step_stocks(i, m, lo, consumed, stock, cons, q)


@njit(nogil=True, cache=True, fastmath=False, boundscheck=False, inline="always")
def _step_stocks(
    i: int,
    m: int,
    lo: int,
    consumed: np.ndarray,
    stock: np.ndarray,
    cons: np.ndarray,
    q: np.ndarray,
) -> None:
    """S(t+1) = max(0, S + q − consumption) for the consumed slots of item ``i``."""
    for s in range(2):
        if consumed[s, i]:
            st_r, cons_r, q_r = stock[s, i], cons[s, i, lo : lo + m], q[s, i]
            for r in range(m):
                st = st_r[r] + q_r[r]
                st = st - cons_r[r]
                st_r[r] = st if (st >= 0.0 or st != st) else 0.0
