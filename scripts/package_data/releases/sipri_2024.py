"""SIPRI Military Expenditure Database, 2024 release (data to 2023), as its fact sheet relayed it.

SIPRI published the release on 22 April 2024 with the fact sheet *Trends in World Military
Expenditure, 2023*. The workbook and the PDF could not be read here; the figures are the
fact sheet's as relayed by news reports (``data/primary/sipri_milex_2024.relays.csv``),
each row with its own source.
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

LICENSE = "free for non-commercial use with attribution to SIPRI"
PRESS = "unknown (press text; facts only)"

SOURCE: Row = {
    "source_id": "sipri-milex-2024",
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "Trends in World Military Expenditure, 2023 (SIPRI Fact Sheet, April 2024) and "
    "the SIPRI Military Expenditure Database, 2024 release",
    "url": "https://www.sipri.org/sites/default/files/2024-04/2404_fs_milex_2023.pdf",
    "date_published": "2024-04-22",
    "date_accessed": "2026-12-04",
    "license": LICENSE,
    "claim_type": "independent_estimate",
    "release": "SIPRI 2024",
    "obtained_via": "publisher table NOT obtained (the fact sheet's URL seen in a public "
    "repository listing SIPRI publications; the PDF itself not seen); figures come from "
    "relays, each row with its own source",
    "note": "current US$ of 2023 and share of GDP as printed in the fact sheet; real changes "
    "as printed",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "nabkanews-2024-04-sipri-2023",
        "publisher": "Nabka News",
        "title": "Global defense budget: how much do India, Pakistan and China spend on their "
        "military? Top 10 list",
        "url": "https://nabkanews.com/global-defense-budget-how-much-do-india-pakistan-and-"
        "china-spend-on-their-military-top-10-list-world-news",
        "date_published": "2024-04",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "day of publication not printed in the excerpt read; relays SIPRI's key "
        "points and top-10 list for 2023",
    },
    {
        "source_id": "newsnetworksindia-2025-03-10-sipri-2023",
        "publisher": "News Networks India",
        "title": "Global military spending hits $2.46 trillion in 2024: IISS report",
        "url": "https://newsnetworksindia.in/global-military-spending-hits-2-46-trillion-in-"
        "2024-iiss-report",
        "date_published": "2025-03-10",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "despite its title, the page's 2023 spending and share-of-GDP lists are "
        "attributed to SIPRI and equal SIPRI's 2023 figures; only its shares of GDP are loaded",
    },
    {
        "source_id": "sputnikjp-2024-04-22-sipri-2023",
        "publisher": "Sputnik Japan",
        "title": "SIPRI: world military expenditure 2023 (Japanese)",
        "url": "https://sputniknews.jp/amp/20240422/18246950.html",
        "date_published": "2024-04-22",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "relays the changes for the USA, China, Russia and Japan and Japan's total",
    },
    {
        "source_id": "herenews-2024-04-sipri-2023",
        "publisher": "here.news (story summary)",
        "title": "Global Military Expenditure Reaches All-Time High Amid Escalating Conflicts",
        "url": "https://here.news/story/33d7ab9b?ver=0.26",
        "date_published": "2024-04",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "a summary of several reports on SIPRI's April 2024 release; only Poland's "
        "figures are loaded from it",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "sipri_milex_2024.relays.csv", release="SIPRI 2024", definition="SIPRI"
    )


RELEASE = Release(SOURCE, observations, RELAYS)
