"""Arms-race dynamics: Richardson action–reaction fits, VAR / Granger tests, projections."""

from __future__ import annotations

from armsrace.dynamics.richardson import RichardsonFit, RichardsonModel, equilibrium, is_stable

__all__ = ["RichardsonFit", "RichardsonModel", "equilibrium", "is_stable"]
