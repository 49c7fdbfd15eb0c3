"""The production-race simulator: scenarios, the vectorised Monte Carlo engine, catch-up
statistics, Sobol sensitivity and Dask scale-out.

    from armsrace.race import simulate, sensitivity
    result = simulate("nato-hague-vs-russia", store, runs=100_000, seed=1)
    result.catchup_table()       # per item: P(catch up), median and 90% interval, never
    result.yearly_table()        # per item and year: P(ahead), P(caught up by)
"""

from armsrace.race.runner import simulate
from armsrace.race.scenario import DEFAULT_SCENARIO, Scenario, list_scenarios, load_scenario
from armsrace.race.sensitivity import SensitivityResult, sensitivity
from armsrace.race.summary import SimulationResult

__all__ = [
    "DEFAULT_SCENARIO",
    "Scenario",
    "SensitivityResult",
    "SimulationResult",
    "list_scenarios",
    "load_scenario",
    "sensitivity",
    "simulate",
]
