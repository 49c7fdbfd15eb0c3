"""Names of countries, blocs and regions: from text to an entity id.

The aliases are data (``facts/data/aliases.csv``, table ``alias``). Each says how it names
its entity (``alias_kind``): ``name``, ``short_name``, ``abbreviation``, ``adjective``,
``demonym``, ``capital`` or ``metonym``. Rules:

* An entity id (``POL``, ``NATO``, ``SIPRI_MIDDLE_EAST``) names itself, in any case.
* Abbreviations match case-sensitively ("US" is the United States, "us" is not); every other
  alias matches case-insensitively.
* An alias listed for more than one entity is ambiguous ("Brussels": Belgium's capital,
  NATO's and the EU's seat; "Korea"; "Congo"): it is never resolved to one of them, the
  caller gets :class:`~armsrace.errors.AmbiguousEntityError` naming the candidates.
* A capital or metonym names a government by its seat ("Moscow", "the Kremlin"). The claim
  checker may read them; the CLI does not (:data:`CLI_KINDS`), so ``--country Moscow`` is
  refused with a pointer to the country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from armsrace.errors import AmbiguousEntityError, UnknownEntityError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore

__all__ = ["CLI_KINDS", "AliasIndex", "require_entity", "resolve_entity"]

#: Alias kinds the command line accepts for ``--country`` / ``--entity``.
CLI_KINDS: tuple[str, ...] = ("name", "short_name", "abbreviation")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class AliasIndex:
    """Every alias of the store, indexed for lookups; build once, look up many times."""

    entity_ids: frozenset[str]
    # folded alias -> ((entity_id, alias_kind, alias as written), ...)
    entries: dict[str, tuple[tuple[str, str, str], ...]]
    names: dict[str, str]

    @classmethod
    def from_frames(cls, aliases: pd.DataFrame, entities: pd.DataFrame) -> AliasIndex:
        entries: dict[str, list[tuple[str, str, str]]] = {}
        for r in aliases.itertuples(index=False):
            entries.setdefault(_fold(str(r.alias)), []).append(
                (str(r.entity_id), str(r.alias_kind), str(r.alias))
            )
        return cls(
            entity_ids=frozenset(str(e) for e in entities["entity_id"]),
            entries={k: tuple(v) for k, v in entries.items()},
            names=dict(
                zip(entities["entity_id"].astype(str), entities["name"].astype(str), strict=True)
            ),
        )

    @classmethod
    def from_store(cls, store: FactStore) -> AliasIndex:
        from armsrace.facts import queries

        return cls.from_frames(queries.aliases(store), queries.entities(store))

    def candidates(
        self, text: str, *, kinds: Iterable[str] | None = None
    ) -> tuple[tuple[str, str], ...]:
        """(entity_id, alias_kind) pairs ``text`` can name, entity ids first."""
        wanted = None if kinds is None else set(kinds)
        text = " ".join(text.split())
        up = text.upper()
        out: list[tuple[str, str]] = []
        if up in self.entity_ids:
            out.append((up, "entity_id"))
        for entity_id, kind, written in self.entries.get(_fold(text), ()):
            if wanted is not None and kind not in wanted:
                continue
            if kind == "abbreviation" and written != text:
                continue
            if all(entity_id != e for e, _ in out):
                out.append((entity_id, kind))
        return tuple(out)

    def resolve(self, text: str, *, kinds: Iterable[str] | None = None) -> str | None:
        """The one entity ``text`` names; None when it names none.

        Raises AmbiguousEntityError when it names several (never picks one).
        """
        found = self.candidates(text, kinds=kinds)
        ids = sorted({e for e, _ in found})
        if len(ids) > 1:
            named = ", ".join(f"{e} ({self.names.get(e, e)})" for e in ids)
            raise AmbiguousEntityError(
                f"{text!r} is ambiguous: it can name {named}; give the entity id"
            )
        return ids[0] if ids else None

    def require(self, text: str, *, kinds: Iterable[str] | None = CLI_KINDS) -> str:
        """Like :meth:`resolve`, but an unknown name is an error that says what to give."""
        found = self.resolve(text, kinds=kinds)
        if found is not None:
            return found
        other = self.candidates(text)
        if other:
            said = "; ".join(
                f"a {kind.replace('_', ' ')} of {self.names.get(e, e)} ({e})" for e, kind in other
            )
            raise UnknownEntityError(
                f"{text!r} is {said}; give the country, bloc or region itself "
                f"({', '.join(e for e, _ in other)})"
            )
        raise UnknownEntityError(
            f"unknown entity {text!r}: not a country, bloc or region of the store; use an ISO3 code (POL, ISR …), a "
            "name (Poland), a bloc (NATO, NATO_EUCA, EU) or a region id (WLD, "
            "SIPRI_MIDDLE_EAST …); `armsrace data entities` lists them"
        )


def resolve_entity(
    store: FactStore, text: str, *, kinds: Iterable[str] | None = None
) -> str | None:
    """The entity id ``text`` names (an id or any alias), None when unknown.

    Raises AmbiguousEntityError for an alias of several entities. Build an
    :class:`AliasIndex` once instead when resolving many names.
    """
    return AliasIndex.from_store(store).resolve(text, kinds=kinds)


def require_entity(store: FactStore, text: str, *, kinds: Iterable[str] | None = CLI_KINDS) -> str:
    """The entity id for a name given on the command line; a clear error otherwise."""
    return AliasIndex.from_store(store).require(text, kinds=kinds)
