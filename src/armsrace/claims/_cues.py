"""The cue words of ``claims/data/cues.yml``, read once per process on first use.

:func:`cues` returns a frozen :class:`Cues` value; nothing is read at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from armsrace.claims._lexicon import read_data

__all__ = ["Cues", "cue_section", "cues"]


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns: one regex per metric family, organisation words."""

    metric_family: tuple[tuple[str, str], ...]  # (metric pattern, family), exact names first
    family_cue: dict[str, re.Pattern[str]]
    organisation_after: re.Pattern[str]
    measure_cue: dict[str, re.Pattern[str]]
    entity_phrases: dict[str, str]
    entity_abbreviations: dict[str, str]
    speakers: dict[str, str]
    #: words around dated events (``events`` in cues.yml), compiled: ``kind:<kind>`` (the
    #: generic nouns of each event kind), ``other_hosts``, ``nato_words``,
    #: ``agreement_words``, ``agreeing_verbs``
    event_words: dict[str, re.Pattern[str]]

    def family(self, metric: str) -> str | None:
        """The metric family of a claim metric, or None when the lexicon lists none."""
        for pattern, fam in self.metric_family:
            if pattern == metric:
                return fam
        for pattern, fam in self.metric_family:
            if pattern.startswith("*") and metric.endswith(pattern[1:]):
                return fam
            if pattern.endswith("*") and metric.startswith(pattern[:-1]):
                return fam
        return None

    def metric_cue(self, metric: str, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a cue word of the metric's family."""
        fam = self.family(metric)
        if fam is None:
            return False
        return self.family_cue[fam].search(text, start, end) is not None


@cache
def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = read_data("cues.yml")
    return raw


def cue_section(name: str) -> Any:
    """One section of ``cues.yml`` as parsed (the file is read once per process); the
    finder that uses it compiles it."""
    return _raw()[name]


@cache
def cues() -> Cues:
    """The packaged cue lexicon, compiled (cached: the file is read once)."""
    raw = _raw()
    pairs: list[tuple[str, str]] = []
    family_cue: dict[str, re.Pattern[str]] = {}
    for fam, spec in raw["metric_cues"].items():
        pairs.extend((str(m), str(fam)) for m in spec["metrics"])
        family_cue[str(fam)] = re.compile(
            r"(?<![\w-])(?:" + "|".join(spec["cues"]) + r")(?![\w-])", re.IGNORECASE
        )
    words = "|".join(re.escape(w) for w in raw["organisation_words"])
    return Cues(
        metric_family=tuple(pairs),
        family_cue=family_cue,
        organisation_after=re.compile(rf"\s+(?:{words})\b"),
        measure_cue={
            str(k): re.compile(r"(?<![\w-])(?:" + "|".join(v) + r")(?![\w-])", re.IGNORECASE)
            for k, v in raw["measure_cues"].items()
        },
        entity_phrases={str(k): str(v) for k, v in raw["entity_phrases"].items()},
        entity_abbreviations={str(k): str(v) for k, v in raw["entity_abbreviations"].items()},
        speakers={str(k): str(v) for k, v in raw["speakers"].items()},
        event_words=_event_words(raw["events"]),
    )


def _words(alternatives: list[str], *, cased: bool = False) -> re.Pattern[str]:
    flags = 0 if cased else re.IGNORECASE
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)


def _event_words(raw: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    out = {f"kind:{k}": _words(list(v)) for k, v in raw["kind_nouns"].items()}
    for key in ("other_hosts", "nato_words"):
        out[key] = _words(list(raw[key]), cased=True)
    for key in ("agreement_words", "agreeing_verbs", "gap_words"):
        out[key] = _words(list(raw[key]))
    return out
