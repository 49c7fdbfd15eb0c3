"""The race view's levers: a packaged scenario changed by what the user moved.

Every number a lever puts into the scenario becomes an explicit ``assumption`` ("set in
armsrace serve"), so results never attribute a user's choice to a source. Levers exist only
for what :class:`~armsrace.race.scenario.Scenario` supports: the two sides' budget paths,
plant opening delays (added to factory lead times, and to the opening slip of scheduled
plants where a scenario has them), the learning-rate range, the items, and per-item shifts
of the first side's budget allocation (the model's ``allocation_path``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from armsrace.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from armsrace.race.scenario import Scenario
    from armsrace.serve.models import RaceLevers

__all__ = ["apply_levers"]

_SET = "set in armsrace serve"


def _shift(
    dist: dict[str, Any], months: float, *, what: str = "lead time", cap: float = 600.0
) -> dict[str, Any]:
    out = {k: v for k, v in dist.items() if k in ("dist", "value", "low", "mode", "high")}
    for k in ("value", "low", "mode", "high"):
        if out.get(k) is not None:
            out[k] = min(cap, float(out[k]) + months)
    origin = dist.get("source") or ", ".join(dist.get("source_ids") or ()) or dist.get("assumption")
    out["assumption"] = f"the scenario's {what} + {months:g} months of plant delay ({_SET})"
    out["note"] = f"unshifted {what} from: {origin}"
    return out


def apply_levers(scenario: Scenario, levers: RaceLevers) -> tuple[Scenario, list[str]]:
    """The scenario with the levers applied, and one line per lever that changed something."""
    from armsrace.race.scenario import scenario_from_dict

    data = scenario.model_dump(mode="json", exclude_none=True)
    sides = data["sides"]
    ids = [s["id"] for s in sides]
    said: list[str] = []
    if levers.challenger_share_pct is not None and levers.challenger_year is not None:
        sides[0]["budget"]["path"] = {
            "kind": "linear_share",
            "target_share_gdp_pct": levers.challenger_share_pct,
            "target_year": levers.challenger_year,
            "note": f"{levers.challenger_share_pct:g}% of GDP by {levers.challenger_year} ({_SET})",
        }
        said.append(
            f"{ids[0]}: {levers.challenger_share_pct:g}% of GDP by {levers.challenger_year}"
        )
    if levers.rival_path == "hold":
        sides[1]["budget"]["path"] = {
            "kind": "constant_share",
            "note": f"today's share of GDP held ({_SET})",
        }
        said.append(f"{ids[1]}: holds today's share of GDP")
    elif levers.rival_path == "linear":
        sides[1]["budget"]["path"] = {
            "kind": "linear_share",
            "target_share_gdp_pct": levers.rival_share_pct,
            "target_year": levers.rival_year,
            "note": f"{levers.rival_share_pct:g}% of GDP by {levers.rival_year} ({_SET})",
        }
        said.append(f"{ids[1]}: {levers.rival_share_pct:g}% of GDP by {levers.rival_year}")
    items = data["items"]
    if levers.items is not None:
        known = [i["id"] for i in items]
        unknown = [i for i in levers.items if i not in known]
        if unknown or not levers.items:
            raise ScenarioError(
                problems=[
                    Problem(
                        f"unknown item(s) {', '.join(unknown) or '(none chosen)'}; "
                        f"this scenario has {', '.join(known)}",
                        field="items",
                    )
                ]
            )
        items = [i for i in items if i["id"] in levers.items]
        data["items"] = items
        said.append("items: " + ", ".join(i["id"] for i in items))
    for pos, months in ((0, levers.challenger_delay_months), (1, levers.rival_delay_months)):
        if months > 0:
            for item in items:
                side = item["sides"][ids[pos]]
                side["lead_time_months"] = _shift(side["lead_time_months"], months)
                plants = side.get("scheduled_capacity")
                if plants is not None:
                    plants["slip_months"] = _shift(
                        plants["slip_months"], months, what="plant opening slip", cap=240.0
                    )
            said.append(f"{ids[pos]}: plants open {months:g} months later")
    if levers.learning_low is not None and levers.learning_high is not None:
        lo, hi = levers.learning_low, levers.learning_high
        spec: dict[str, Any] = (
            {"dist": "fixed", "value": lo}
            if lo == hi
            else {"dist": "uniform", "low": lo, "high": hi}
        )
        spec["assumption"] = f"learning rate {lo:g}–{hi:g} for every item and side ({_SET})"
        for item in items:
            for side_id in ids:
                item["sides"][side_id]["learning_rate"] = dict(spec)
        said.append(f"learning rate {lo:g}–{hi:g} (both sides, every item)")
    if levers.allocation_multiple:
        by_id = {i["id"]: i for i in items}
        unknown = sorted(set(levers.allocation_multiple) - set(by_id))
        if unknown:
            raise ScenarioError(
                problems=[
                    Problem(
                        f"unknown item(s) {', '.join(unknown)}; chosen: {', '.join(by_id)}",
                        field="allocation_multiple",
                    )
                ]
            )
        by = levers.allocation_by_year
        for item_id, multiple in sorted(levers.allocation_multiple.items()):
            by_id[item_id]["sides"][ids[0]]["allocation_path"] = {
                "target_multiple": {
                    "dist": "fixed",
                    "value": multiple,
                    "assumption": f"{multiple:g} x today's share of the budget by {by} ({_SET})",
                },
                "by_year": by,
            }
            said.append(f"{ids[0]}: {item_id} gets {multiple:g} x today's budget share by {by}")
    if not said:
        return scenario, said
    return scenario_from_dict(data, path=f"{scenario.name} (dashboard levers)"), said
