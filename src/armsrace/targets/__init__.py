"""Gaps to NATO's spending targets and paths to the deadline."""

from armsrace.targets.gaps import TargetGaps, TargetLevels, compute_gaps, target_levels

__all__ = ["TargetGaps", "TargetLevels", "compute_gaps", "target_levels"]
