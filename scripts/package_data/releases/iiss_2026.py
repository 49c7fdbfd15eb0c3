"""IISS, The Military Balance 2026 (24 February 2026): Russia's spending in 2025.

Definition ``IISS`` (never substituted for SIPRI or NATO). The book was not read here; the
figures are as relayed (``data/primary/iiss_milbal_2026.relays.csv``). Not loaded: the
real-terms changes (+3% in 2025, +57% in 2024) and Ukraine's USD 44.4 bn, for which only
one report was found.
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

SOURCE: Row = {
    "source_id": "iiss-milbal-2026",
    "publisher": "International Institute for Strategic Studies (IISS)",
    "title": "The Military Balance 2026",
    "url": "https://united24media.com/latest-news/russia-banked-186b-for-defense-in-2025-"
    "think-tank-warns-2026-wont-slow-war-16283",
    "date_published": "2026-02-24",
    "date_accessed": "2026-12-04",
    "license": "",
    "claim_type": "independent_estimate",
    "release": "IISS MB 2026",
    "obtained_via": "publisher book NOT obtained and its own URL not seen; the URL is the "
    "first relay read; figures come from relays, each row with its own source",
    "note": "IISS definition of defence spending",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "united24-2026-02-24-iiss-mb-2026",
        "publisher": "United24 Media (relay of The Guardian)",
        "title": "Russia banked $186B for defense in 2025 - think tank warns 2026 won't slow war",
        "url": "https://united24media.com/latest-news/russia-banked-186b-for-defense-in-2025-"
        "think-tank-warns-2026-wont-slow-war-16283",
        "date_published": "2026-02-24",
        "date_accessed": "2026-12-04",
        "license": "unknown (press text; facts only)",
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "IISS estimate as cited by The Guardian on 24 February: about USD 186 bn, "
        "7.3% of GDP in 2025",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "iiss_milbal_2026.relays.csv", release="IISS MB 2026", definition="IISS"
    )


RELEASE = Release(SOURCE, observations, RELAYS)
