"""The fact store: sources, entities, blocs, spending, GDP, production, targets."""

from armsrace.facts import queries
from armsrace.facts.store import FactStore, build_store, open_store

__all__ = ["FactStore", "build_store", "open_store", "queries"]
