"""Arms-race dynamics: Richardson action–reaction fits, VAR / Granger tests, projections.

Submodules: ``series`` (long series from the store), ``richardson`` (the model), ``var``
(VAR / Granger / impulse responses), ``projection`` (fans and the Hague path), ``analysis``
(all of it for one pair, plus the verdict in plain words).
"""

from __future__ import annotations

from armsrace.dynamics.richardson import RichardsonFit, RichardsonModel, equilibrium, is_stable

__all__ = ["RichardsonFit", "RichardsonModel", "equilibrium", "is_stable"]
