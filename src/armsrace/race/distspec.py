"""Uncertain scenario inputs: a distribution plus where its numbers come from.

:class:`DistSpec` is the one shape of every uncertain number in a scenario file (the scenario
itself and the optional structure parts of :mod:`armsrace.race.structure`); :func:`check_range`
refuses a distribution that can draw outside a field's allowed range.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from armsrace.race.sampling import Dist

__all__ = ["MAX_MAGNITUDE", "DistSpec", "SpecModel", "check_range", "fixed_spec"]

#: No scenario number is larger than this (in absolute value): a guard against typos and
#: overflow (the largest real inputs, unit costs in USD, are below 1e10).
MAX_MAGNITUDE = 1e15


class SpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DistSpec(SpecModel):
    """An uncertain input: a distribution plus where its numbers come from."""

    dist: Literal["fixed", "uniform", "triangular", "pert", "lognormal"]
    value: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    source: str | None = None
    source_ids: tuple[str, ...] = ()
    assumption: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> DistSpec:
        for name in ("value", "low", "mode", "high"):
            x = getattr(self, name)
            if x is not None and not -MAX_MAGNITUDE <= x <= MAX_MAGNITUDE:
                raise ValueError(
                    f"`{name}` = {x} is not a finite number within +/-{MAX_MAGNITUDE:g}"
                )
        need = {
            "fixed": ("value",),
            "uniform": ("low", "high"),
            "triangular": ("low", "mode", "high"),
            "pert": ("low", "mode", "high"),
            "lognormal": ("low", "high"),
        }[self.dist]
        for name in need:
            if getattr(self, name) is None:
                raise ValueError(f"a {self.dist} distribution needs `{name}`")
        extra = {"value", "low", "mode", "high"} - set(need)
        for name in extra:
            if getattr(self, name) is not None:
                raise ValueError(
                    f"a {self.dist} distribution takes {', '.join(need)}, not `{name}`"
                )
        if self.dist != "fixed":
            lo, hi = self.low, self.high
            assert lo is not None and hi is not None  # checked above
            if lo > hi:
                raise ValueError(f"low {lo} > high {hi}; low must not exceed high")
            if self.mode is not None and not lo <= self.mode <= hi:
                raise ValueError(f"mode {self.mode} outside [low {lo}, high {hi}]")
            if self.dist == "lognormal" and (lo <= 0 or lo == hi):
                raise ValueError("lognormal needs 0 < low < high (its 5th and 95th percentiles)")
        if self.source is None and not self.source_ids and self.assumption is None:
            raise ValueError("every number needs `source` (URL), `source_ids` or `assumption`")
        return self

    def to_dist(self, scale: float = 1.0) -> Dist:
        if self.dist == "fixed":
            assert self.value is not None
            return Dist.fixed(self.value * scale)
        lo = (self.low or 0.0) * scale
        hi = (self.high or 0.0) * scale
        mode = self.mode if self.mode is not None else 0.5 * ((self.low or 0) + (self.high or 0))
        return Dist(self.dist, lo, mode * scale, hi)

    def bounds(self) -> tuple[float, float]:
        """The interval a draw can fall in (lognormal: (low, inf))."""
        if self.dist == "fixed":
            assert self.value is not None
            return self.value, self.value
        assert self.low is not None and self.high is not None
        if self.dist == "lognormal":
            return self.low, float("inf")
        return self.low, self.high


def fixed_spec(value: float, assumption: str) -> DistSpec:
    return DistSpec(dist="fixed", value=value, assumption=assumption)


def check_range(
    spec: DistSpec,
    name: str,
    lo: float,
    hi: float,
    *,
    low_open: bool = False,
    no_lognormal: bool = False,
) -> None:
    if no_lognormal and spec.dist == "lognormal":
        raise ValueError(f"`{name}` must stay within [{lo}, {hi}]: use a bounded distribution")
    a, b = spec.bounds()
    bad_low = a <= lo if low_open else a < lo
    if bad_low or b > hi:
        left = "(" if low_open else "["
        shown = spec.value if spec.dist == "fixed" else f"[{a}, {b}]"
        raise ValueError(f"`{name}` = {shown} is outside the allowed range {left}{lo}, {hi}]")
