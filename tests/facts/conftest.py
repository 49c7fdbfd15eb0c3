"""Fixtures of the fact-store tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def sipri_region_ids() -> frozenset[str]:
    """The agreed entity ids of SIPRI's world, regional and sub-regional totals (the list in
    docs/ARCHITECTURE.md): one copy for every test that checks them."""
    return frozenset(
        {
            "WLD",
            "SIPRI_AFRICA",
            "SIPRI_NORTH_AFRICA",
            "SIPRI_SUB_SAHARAN_AFRICA",
            "SIPRI_AMERICAS",
            "SIPRI_CENTRAL_AMERICA_CARIBBEAN",
            "SIPRI_NORTH_AMERICA",
            "SIPRI_SOUTH_AMERICA",
            "SIPRI_ASIA_OCEANIA",
            "SIPRI_OCEANIA",
            "SIPRI_SOUTH_ASIA",
            "SIPRI_EAST_ASIA",
            "SIPRI_SOUTH_EAST_ASIA",
            "SIPRI_CENTRAL_ASIA",
            "SIPRI_EUROPE",
            "SIPRI_CENTRAL_EUROPE",
            "SIPRI_EASTERN_EUROPE",
            "SIPRI_WESTERN_EUROPE",
            "SIPRI_MIDDLE_EAST",
        }
    )
