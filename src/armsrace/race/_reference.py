"""The race model as a plain per-run Python loop (``math`` only): the engine's independent
twin, used by the tests to cross-check it and by ``bench/race.py`` as the slow baseline."""

from __future__ import annotations

import math

import numpy as np

from armsrace.race.engine import EngineInputs

__all__ = ["reference_run"]


def reference_run(inputs: EngineInputs, run: int) -> dict[str, np.ndarray]:
    """Simulate one run; returns output, capacity and stock paths ``(T, S, I)`` plus the
    catch-up and parity months ``(I,)``, exactly as in DESIGN.md's reference form (plus the
    optional structure: refurbishment, allocation path, scheduled plants)."""
    horizon = inputs.horizon
    _, n_sides, n_items = inputs.initial_output.shape
    out = np.empty((horizon, n_sides, n_items))
    cap_path = np.empty_like(out)
    stock_path = np.empty_like(out)
    catch = [horizon] * n_items
    parity = [horizon] * n_items
    for s in range(n_sides):
        for i in range(n_items):
            q0 = float(inputs.initial_output[run, s, i])
            c0 = float(inputs.unit_cost_usd[run, s, i])
            lr = float(inputs.learning_rate[run, s, i])
            lead = float(inputs.lead_time_months[run, s, i])
            share = float(inputs.money_share[run, s, i])
            cons = float(inputs.consumption[run, s, i])
            big_q0 = float(inputs.experience_months[run]) * q0
            cap = (
                q0 if inputs.initial_capacity is None else float(inputs.initial_capacity[run, s, i])
            )
            cum, stock = big_q0, float(inputs.initial_stock[run, s, i])
            expo = math.log2(lr)
            alpha = 1.0 - math.exp(-1.0 / lead) if lead > 0 else 1.0
            st = inputs.structure
            r0 = rstock = rstock0 = 0.0
            ratio, constant = 1.0, False
            opens: list[tuple[int, float]] = []
            if st is not None:
                r0 = float(st.refurb_output[run, s, i])
                rstock = rstock0 = float(st.refurb_stock[run, s, i])
                ratio = float(st.alloc_ratio[run, s, i])
                constant = bool(st.refurb_constant[s, i])
                opens = [
                    (int(p.open_month[run]), float(p.capacity[run]))
                    for p in st.plants
                    if p.side == s and p.item == i
                ]
            funded = 0.0
            for t in range(horizon):
                opening = sum(c for m, c in opens if m == t)  # scheduled plants open, funded
                cap += opening
                funded += opening
                frac = float(st.alloc_frac[t, s, i]) if st is not None else 0.0
                money = float(inputs.budget_usd[t, s, run]) * share * (1 + (ratio - 1) * frac)
                cost = c0 * max(1.0, cum / big_q0) ** expo
                afford = money / cost + funded
                new = min(cap, afford)
                # refurbished: the constant rate while stock lasts, or in proportion to it
                if constant:
                    refurb = min(r0, rstock)
                else:
                    refurb = r0 * rstock / rstock0 if rstock0 > 0 else 0.0
                    refurb = min(refurb, rstock)
                rstock -= refurb
                q = new + refurb
                out[t, s, i] = q
                cap_path[t, s, i] = cap
                stock_path[t, s, i] = stock
                cap = cap + alpha * (afford - cap)
                cum = cum + new
                stock = max(0.0, stock + q - cons)
    for i in range(n_items):
        total = 0.0
        for t in range(horizon):
            d = out[t, 0, i] - out[t, 1, i]
            total += d
            if catch[i] == horizon and d > 0:
                catch[i] = t
            if parity[i] == horizon and total >= 0:
                parity[i] = t
    return {
        "output": out,
        "capacity": cap_path,
        "stock": stock_path,
        "catch_up_month": np.array(catch),
        "parity_month": np.array(parity),
    }
