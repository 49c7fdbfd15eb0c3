"""From a resolved scenario and parameter values (drawn or given) to the engine's arrays.

The order of draws is part of the reproducibility contract: parameters are drawn in the
order of ``ResolvedScenario.params`` (fixed ones draw nothing), block by block.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from armsrace.race.defaults import ResolvedScenario
from armsrace.race.engine import EngineInputs

__all__ = ["budget_paths", "draw_values", "inputs_from_values", "values_from_unit"]


def draw_values(
    resolved: ResolvedScenario, seed: np.random.SeedSequence, n: int
) -> dict[str, np.ndarray]:
    """Draw ``n`` runs of every parameter from one block's seed."""
    rng = np.random.Generator(np.random.PCG64(seed))
    return {name: dist.draw(rng, n) for name, dist in resolved.params.items()}


def values_from_unit(
    resolved: ResolvedScenario, unit: np.ndarray, names: list[str]
) -> dict[str, np.ndarray]:
    """Map a design in the unit hypercube (columns = ``names``) through each inverse CDF;
    parameters not in ``names`` take their mean."""
    n = unit.shape[0]
    values = {name: np.full(n, dist.mean()) for name, dist in resolved.params.items()}
    for j, name in enumerate(names):
        values[name] = resolved.params[name].ppf(unit[:, j])
    return values


def budget_paths(
    resolved: ResolvedScenario,
    growth_pct: np.ndarray,
    side: int,
    horizon: int,
    inflation_pct: np.ndarray | None = None,
) -> np.ndarray:
    """Budget of one side in USD per month, shape ``(T, n)``.

    The starting budget is an annual figure for the store's ``year``; it is placed at the
    middle of that year, so GDP growth and a linear share path already run for
    ``lag`` months before month 0 (January of the scenario's ``start_year``).
    """
    scenario = resolved.scenario
    side_spec = scenario.sides[side]
    spec = side_spec.budget.path
    b0 = resolved.budget0_usd_million[side] * 1e6 / 12
    share0 = resolved.share0_pct[side]
    base_year = side_spec.budget.start.year
    lag = max(0.0, (scenario.start_year - base_year) * 12.0 - 6.0)
    months = np.arange(horizon, dtype=np.float64)[:, None]
    if spec.kind == "constant_real":
        return np.full((horizon, growth_pct.shape[0]), b0)
    if spec.kind == "budget_law":
        from armsrace.race.structure import law_index

        assert resolved.structure is not None and inflation_pct is not None
        law_years = resolved.structure.budget_years[side]
        assert law_years is not None
        index = law_index(law_years, base_year, inflation_pct)
        last = max(index)
        cal = scenario.start_year + np.arange(horizon) // 12
        out = np.empty((horizon, growth_pct.shape[0]))
        after = np.log1p(growth_pct / 100) / 12
        for t, y in enumerate(cal):
            if y <= last:
                out[t] = b0 * index[int(y)]
            else:  # today's share of a growing GDP from the last year of the law
                out[t] = (
                    b0 * index[last] * np.exp((t - (last - scenario.start_year) * 12 - 11) * after)
                )
        return out
    gdp = np.multiply.outer(np.arange(horizon) + lag, np.log1p(growth_pct / 100) / 12)
    np.exp(gdp, out=gdp)
    if spec.kind == "constant_share":
        share = np.full((horizon, 1), share0)
    elif spec.kind == "linear_share":
        assert spec.target_year is not None and spec.target_share_gdp_pct is not None
        # from the middle of the base year to the end of the target year
        reach = max(1.0, (spec.target_year - base_year) * 12.0 + 6.0)
        frac = np.minimum(1.0, (months + lag) / reach)
        share = share0 + (spec.target_share_gdp_pct - share0) * frac
    else:
        shares = spec.shares
        if spec.kind == "store_shares":
            assert resolved.structure is not None
            shares = resolved.structure.budget_years[side]
        assert shares is not None
        years = sorted(shares)
        cal = scenario.start_year + (months[:, 0] // 12).astype(int)
        share = np.empty((horizon, 1))
        for t, y in enumerate(cal):
            past = [yy for yy in years if yy <= y]
            share[t, 0] = shares[past[-1]] if past else share0
    gdp *= b0 * share / share0
    return gdp


def inputs_from_values(
    resolved: ResolvedScenario, values: Mapping[str, np.ndarray]
) -> EngineInputs:
    """Assemble the engine's arrays from one value per run for every parameter."""
    sides = resolved.side_ids
    items = resolved.item_ids
    horizon = resolved.horizon_months
    n = int(next(iter(values.values())).shape[0])
    # stored runs last, (S, I, n), and seen as (n, S, I): a slot's runs are one contiguous
    # row here, and the engine (which works runs last) takes them without a copy
    arrays = {
        f: np.moveaxis(np.empty((len(sides), len(items), n)), -1, 0)
        for f in (
            "initial_output",
            "initial_capacity",
            "unit_cost_usd",
            "learning_rate",
            "lead_time_months",
            "consumption_per_month",
            "initial_stock",
            "money_share",
        )
    }
    budget = np.empty((horizon, len(sides), n))
    for s, side in enumerate(sides):
        budget[:, s, :] = budget_paths(
            resolved,
            values[f"{side}.gdp_growth_pct"],
            s,
            horizon,
            values.get(f"{side}.inflation_pct"),
        )
        for i, item in enumerate(items):
            base = f"{side}.{item}"
            for f in (
                "initial_output",
                "learning_rate",
                "lead_time_months",
                "consumption_per_month",
                "initial_stock",
            ):
                arrays[f][:, s, i] = values[f"{base}.{f}"]
            # capacity is never below today's output (default: equal to it)
            cap0 = values.get(f"{base}.initial_capacity")
            arrays["initial_capacity"][:, s, i] = (
                arrays["initial_output"][:, s, i]
                if cap0 is None
                else np.maximum(cap0, arrays["initial_output"][:, s, i])
            )
            # without a unit cost (calibrated allocation) money is counted in units of c0
            arrays["unit_cost_usd"][:, s, i] = values.get(f"{base}.unit_cost_usd", 1.0)
            if resolved.calibrated[base]:
                # today's spending on the item buys today's output: m = q0 · c0 / B(0)
                arrays["money_share"][:, s, i] = (
                    arrays["initial_output"][:, s, i]
                    * arrays["unit_cost_usd"][:, s, i]
                    / budget[0, s, :]
                )
            else:
                equip = values[f"{side}.equipment_share"]
                arrays["money_share"][:, s, i] = equip * values[f"{base}.allocation"]
    structure = None
    if resolved.structure is not None:
        from armsrace.race.structure import structure_arrays

        structure = structure_arrays(resolved.scenario, resolved.structure, dict(values), arrays)
    return EngineInputs(
        structure=structure,
        initial_output=arrays["initial_output"],
        initial_capacity=arrays["initial_capacity"],
        unit_cost_usd=arrays["unit_cost_usd"],
        learning_rate=arrays["learning_rate"],
        lead_time_months=arrays["lead_time_months"],
        money_share=arrays["money_share"],
        consumption=arrays["consumption_per_month"],
        initial_stock=arrays["initial_stock"],
        experience_months=np.asarray(values["experience_months"], dtype=np.float64),
        budget_usd=budget,
    )
