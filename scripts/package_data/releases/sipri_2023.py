"""SIPRI Military Expenditure Database, 2023 release (data to 2022), as its fact sheet relayed it.

SIPRI published the release on 24 April 2023 with the fact sheet *Trends in World Military
Expenditure, 2022*. Neither the workbook of that release nor the fact sheet's PDF could be
read here; the figures are the fact sheet's as relayed (``data/primary/
sipri_milex_2023.relays.csv``: its Table 1 through a Wikipedia copy, the headline figures
through news reports), each row with its own source. Later SIPRI releases revised several
of them (Russia 2022: USD 86.4 bn here, more in the 2025 release); the checker judges an
article by the release current at its date and shows the revisions as notes.
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

LICENSE = "free for non-commercial use with attribution to SIPRI"
PRESS = "unknown (press text; facts only)"

SOURCE: Row = {
    "source_id": "sipri-milex-2023",
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "Trends in World Military Expenditure, 2022 (SIPRI Fact Sheet, April 2023) and "
    "the SIPRI Military Expenditure Database, 2023 release",
    "url": "https://www.sipri.org/sites/default/files/2023-04/2304_fs_milex_2022.pdf",
    "date_published": "2023-04-24",
    "date_accessed": "2026-12-04",
    "license": LICENSE,
    "claim_type": "independent_estimate",
    "release": "SIPRI 2023",
    "obtained_via": "publisher table NOT obtained (the fact sheet's URL seen in public "
    "repositories citing it; the PDF itself not seen); figures come from relays, each row "
    "with its own source",
    "note": "current US$ of 2022 and share of GDP as printed in the fact sheet (three "
    "significant figures); real changes in constant 2021 US$ as printed",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "kiwix-wikipedia-2023-10-sipri-2022",
        "publisher": "Wikipedia (offline copy of October 2023, kiwix)",
        "title": "List of countries by military expenditures: SIPRI 2023 Fact Sheet (for 2022), "
        "top spenders with current US$ bn, % of GDP and % of global spending",
        "url": "https://iiab.me/kiwix/wikipedia_en_all_maxi_2023-10/A/"
        "List_of_countries_by_military_expenditures",
        "date_published": "2023-10",
        "date_accessed": "2026-12-04",
        "license": "CC BY-SA 4.0",
        "claim_type": "independent_estimate",
        "release": "",  # a relay, not the publisher's own table
        "obtained_via": "search tool (pages corpus)",
        "note": "relays the fact sheet's Table 1 (cites it as its source); the first 20 rows "
        "were read (the excerpt ends with Qatar)",
    },
    {
        "source_id": "cnbctv18-2023-04-25-sipri-2022",
        "publisher": "CNBC-TV18",
        "title": "Global military spending reaches $2.24 trillion in 2022, the highest level "
        "ever recorded",
        "url": "https://www.cnbctv18.com/photos/economy/global-military-spending-reaches-224-"
        "trillion-in-2022-the-highest-level-ever-recorded-16495071.htm/amp",
        "date_published": "2023-04-25",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "relays the fact sheet's headline figures (world, USA, China, Russia, India, "
        "Ukraine, regional changes)",
    },
    {
        "source_id": "thedefencespace-2023-05-08-sipri-2022",
        "publisher": "The Defence Space",
        "title": "Global military spend at record high; India emerges as world's 4th largest "
        "defence spender",
        "url": "https://thedefencespace.com/2023/05/08/global-military-spend-at-record-high-"
        "india-emerges-as-worlds-4th-largest-defence-spender/",
        "date_published": "2023-05-08",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "relays the fact sheet: top ten, China, India and Saudi Arabia's changes, Pakistan",
    },
    {
        "source_id": "thenews-2023-04-sipri-2022",
        "publisher": "The News International (Pakistan)",
        "title": "Saudi Arabia ranks 5th among states having largest military spending",
        "url": "https://www.thenews.com.pk/print/1064082-saudi-arabia-ranks-5th-among-states-"
        "having-largest-military-spending",
        "date_published": "2023-04",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "day of publication not printed in the excerpt read; relays Saudi Arabia, "
        "Israel and the Middle East total",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "sipri_milex_2023.relays.csv", release="SIPRI 2023", definition="SIPRI"
    )


RELEASE = Release(SOURCE, observations, RELAYS)
