"""Entity mentions in text, recognised from data: the fact store's alias table plus the
checker's own phrases (``claims/data/cues.yml``: alliance metonyms, companies as producers).

:class:`EntityLexicon` is built once — from a store (:meth:`EntityLexicon.from_store`) or
from the packaged tables (:func:`packaged_lexicon`, cached) — and finds every mention in a
text in one pass. An alias the table gives to several entities ("Brussels", "Korea") is a
mention of *someone* but never resolved: its code is :data:`AMBIGUOUS`, so it is never
replaced by an entity the store covers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from armsrace.claims._cues import cues
from armsrace.claims._patterns import _trie_pattern

if TYPE_CHECKING:
    from armsrace.facts.store import FactStore

__all__ = ["AMBIGUOUS", "EntityLexicon", "packaged_lexicon"]

#: the code of a mention that can name several entities
AMBIGUOUS = "?"


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


@dataclass(frozen=True)
class EntityLexicon:
    """Compiled entity names: case-insensitive aliases and case-sensitive abbreviations."""

    folded: dict[str, str]  # folded alias -> entity id (or AMBIGUOUS)
    cased: dict[str, str]  # abbreviation as written -> entity id (or AMBIGUOUS)
    speakers: dict[str, str]  # folded speaker name -> entity id
    pattern: re.Pattern[str]
    cased_pattern: re.Pattern[str]
    speaker_pattern: re.Pattern[str]

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str]]) -> EntityLexicon:
        """From (alias, entity_id, alias_kind) rows, plus the checker's own phrases."""
        folded: dict[str, set[str]] = {}
        cased: dict[str, set[str]] = {}
        for alias, entity, kind in rows:
            if kind == "abbreviation":
                cased.setdefault(alias.strip(), set()).add(entity)
            else:
                folded.setdefault(_fold(alias), set()).add(entity)
        lex = cues()
        one = {k: next(iter(v)) if len(v) == 1 else AMBIGUOUS for k, v in folded.items()}
        one.update({_fold(k): v for k, v in lex.entity_phrases.items()})
        abbr = {k: next(iter(v)) if len(v) == 1 else AMBIGUOUS for k, v in cased.items()}
        abbr.update(lex.entity_abbreviations)
        speakers = {_fold(k): v for k, v in lex.speakers.items()}
        return cls(
            folded=one,
            cased=abbr,
            speakers=speakers,
            pattern=re.compile(
                r"(?<![\w-])" + _trie_pattern(sorted(one)) + r"(?![\w-])", re.IGNORECASE
            ),
            cased_pattern=re.compile(
                r"(?<![\w.-])(?:"
                + "|".join(re.escape(a) for a in sorted(abbr, key=len, reverse=True))
                + r")(?![\w-])"
            ),
            speaker_pattern=re.compile(
                r"(?<![\w-])" + _trie_pattern(sorted(speakers)) + r"(?![\w-])", re.IGNORECASE
            ),
        )

    @classmethod
    def from_store(cls, store: FactStore) -> EntityLexicon:
        """Every alias of the store's ``alias`` table."""
        from armsrace.facts import queries

        frame = queries.aliases(store)
        return cls.build(
            zip(
                frame["alias"].astype(str),
                frame["entity_id"].astype(str),
                frame["alias_kind"].astype(str),
                strict=True,
            )
        )

    def code(self, written: str) -> str | None:
        """The entity a name as written stands for (AMBIGUOUS for several), else None."""
        return self.cased.get(written.strip()) or self.folded.get(_fold(written))

    def speaker(self, written: str) -> str | None:
        return self.speakers.get(_fold(written))

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id or AMBIGUOUS) of every mention, by position."""
        out = []
        covered = bytearray(len(text))
        for m in self.pattern.finditer(text):
            code = self.folded.get(_fold(m.group(0)))
            if code is not None:
                out.append((m.start(), m.end(), code))
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for m in self.cased_pattern.finditer(text):
            if not covered[m.start()]:
                out.append((m.start(), m.end(), self.cased[m.group(0)]))
        out.sort()
        return out


@cache
def packaged_lexicon() -> EntityLexicon:
    """The lexicon of the packaged alias table (``facts/data/aliases.csv``), built once."""
    raw = resources.files("armsrace.facts").joinpath("data/aliases.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return EntityLexicon.build((r["alias"], r["entity_id"], r["alias_kind"]) for r in rows)
