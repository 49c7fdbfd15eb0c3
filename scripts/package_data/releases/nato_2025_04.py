"""NATO, The Secretary General's Annual Report 2024 (24 April 2025): its 2024 estimates.

Between NATO's June 2024 and August 2025 expenditure releases, the annual report gave new
estimates for 2024 (the United States 3.19% of GDP, Poland 4.07%, 22 allies at 2%, totals
at 2021 prices). The report itself was not read here; the figures are as relayed
(``data/primary/nato_defexp_2025-04.relays.csv``), each row with its own source, under
release ``NATO AR 2025-04`` and NATO's definition of that time.
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

PRESS = "unknown (press text; facts only)"

SOURCE: Row = {
    "source_id": "nato-ar-2025-04",
    "publisher": "North Atlantic Treaty Organization (NATO)",
    "title": "The Secretary General's Annual Report 2024",
    "url": "https://tass.com/world/1949211",
    "date_published": "2025-04-24",
    "date_accessed": "2026-12-04",
    "license": "NATO public release",
    "claim_type": "official",
    "release": "NATO AR 2025-04",
    "obtained_via": "publisher report NOT obtained and its own URL not seen; the URL is the "
    "first relay read (TASS); figures come from relays, each row with its own source",
    "note": "2024 figures are estimates; totals in USD at 2021 prices and exchange rates",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "knews-2025-04-25-nato-ar-2024",
        "publisher": "Knews.media",
        "title": "NATO publishes a report for 2024, surprising data on expenses",
        "url": "https://knews.media/2025/04/25/nato-publishes-a-report-for-2024-surprising-"
        "data-on-expenses/",
        "date_published": "2025-04-25",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "official",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "lists 31 allies' 2024 shares of GDP from the report; one value (1.86) is "
        "printed without its country and is not loaded",
    },
    {
        "source_id": "tass-2025-04-25-nato-ar-2024",
        "publisher": "TASS",
        "title": "NATO countries spent over $1.3 trillion on defense in 2024 - report",
        "url": "https://tass.com/world/1949211",
        "date_published": "2025-04-25",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "official",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "totals at 2021 exchange rates as relayed: NATO 1.303 trn (2024), 1.180 trn "
        "(2023), USA 818 bn, European allies and Canada 468 bn (Anadolu: 486 bn)",
    },
    {
        "source_id": "anews-2025-04-24-nato-ar-2024",
        "publisher": "A News (Anadolu)",
        "title": "NATO allies increased defense spending by 19.4% in 2024: report",
        "url": "https://www.anews.com.tr/world/2025/04/24/nato-allies-increased-defense-"
        "spending-by-194-in-2024-report",
        "date_published": "2025-04-24",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "official",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "quotes the report's foreword: European allies and Canada USD 486 billion, "
        "+19.4% in real terms",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "nato_defexp_2025-04.relays.csv",
        release="NATO AR 2025-04",
        definition="NATO",
    )


RELEASE = Release(SOURCE, observations, RELAYS)
