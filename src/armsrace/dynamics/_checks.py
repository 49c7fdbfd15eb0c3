"""Validation of the two-column yearly frames the dynamics estimators take."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from armsrace.errors import DynamicsError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["as_pair_frame", "check_pair_frame"]


def as_pair_frame(data: Any) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Accept a :class:`~armsrace.dynamics.series.PairSeries` or a two-column frame.

    Returns the frame (index = year, columns = the two entities) and the source ids.
    """
    import pandas as pd

    frame = getattr(data, "frame", None)
    if isinstance(frame, pd.DataFrame):
        return frame, tuple(getattr(data, "source_ids", ()))
    if isinstance(data, pd.DataFrame):
        return data, tuple(data.attrs.get("source_ids", ()))
    raise DynamicsError(
        f"expected a PairSeries or a two-column DataFrame indexed by year, got {type(data).__name__}"
    )


def check_pair_frame(
    frame: pd.DataFrame, *, min_years: int, logs: bool, what: str, hint: str = ""
) -> pd.DataFrame:
    """Check shape, years, gaps and (for logs) positivity; return a float copy sorted by year."""
    if frame.shape[1] != 2:
        raise DynamicsError(
            f"{what} needs exactly two series (columns), got {frame.shape[1]}: "
            f"{list(map(str, frame.columns))}; pass one frame with the pair, e.g. RUS and NATO_EUCA"
        )
    try:
        years = np.asarray(frame.index, dtype=float)
    except (TypeError, ValueError) as exc:
        raise DynamicsError(
            f"{what}: the index must be calendar years (integers), got {frame.index.dtype}"
        ) from exc
    if np.any(years != np.round(years)):
        raise DynamicsError(f"{what}: the index must be whole calendar years")
    out = frame.sort_index().astype(float)
    names = [str(c) for c in out.columns]
    missing = out.index[out.isna().any(axis=1)].tolist()
    if missing:
        raise DynamicsError(
            f"{what}: missing values in {_years(missing)} ({', '.join(names)}); a missing figure "
            f"is never filled in — choose a period without them{hint}"
        )
    yrs = out.index.to_numpy(dtype=int)
    steps = np.diff(yrs)
    if np.any(steps != 1):
        gaps = [f"{a}-{b}" for a, b, s in zip(yrs[:-1], yrs[1:], steps, strict=True) if s != 1]
        raise DynamicsError(
            f"{what}: the years are not consecutive (gaps between {', '.join(gaps)}); the models "
            f"step one year at a time — choose a period without gaps{hint}"
        )
    if len(out) < min_years:
        span = f"{yrs[0]}-{yrs[-1]}" if len(yrs) else "no years"
        raise DynamicsError(
            f"{what}: {len(out)} years ({span}) is too short; at least {min_years} consecutive "
            f"years are needed — widen the period{hint}"
        )
    if logs:
        bad = out.index[(out <= 0).any(axis=1)].tolist()
        if bad:
            raise DynamicsError(
                f"{what}: non-positive values in {_years(bad)} cannot be logged; fit in levels "
                f"(logs=False / no --logs) or choose a period with positive values"
            )
    return out


def _years(years: list[Any]) -> str:
    shown = ", ".join(str(int(y)) for y in years[:8])
    return shown + (f" and {len(years) - 8} more" if len(years) > 8 else "")
