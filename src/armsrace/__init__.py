"""armsrace: sourced facts and simulations of the NATO–Russia defence-production race.

The top level is a small, flat API resolved lazily (PEP 562), so ``import armsrace`` does
no I/O and imports no heavy library::

    import armsrace as ar
    with ar.open_store() as store:
        gaps = ar.compute_gaps(store)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "ArmsraceError": "armsrace.errors",
    "FactStore": "armsrace.facts.store",
    "RichardsonModel": "armsrace.dynamics.richardson",
    "Scenario": "armsrace.race.scenario",
    "SimulationResult": "armsrace.race.summary",
    "Verdict": "armsrace.claims.verdict",
    "check_article": "armsrace.claims.match",
    "compute_gaps": "armsrace.targets.gaps",
    "open_store": "armsrace.facts.store",
    "simulate": "armsrace.race.runner",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'armsrace' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
