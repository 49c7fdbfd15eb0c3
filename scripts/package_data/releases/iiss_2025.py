"""IISS, The Military Balance 2025 (12 February 2025): its defence-economics headline figures.

The IISS measures defence spending by its own definition (for Russia: total military
expenditure, wider than the budget's 'National defence' chapter). Rows carry definition
``IISS`` and are never used for a SIPRI or NATO figure. The book was not read here; the
figures are as relayed (``data/primary/iiss_milbal_2025.relays.csv``), each row with its
own source. Not loaded: IISS's PPP conversion of Russia's spending (no PPP spending
indicator) and the EU-plus-UK total (no such entity in the store).
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

PRESS = "unknown (press text; facts only)"

SOURCE: Row = {
    "source_id": "iiss-milbal-2025",
    "publisher": "International Institute for Strategic Studies (IISS)",
    "title": "The Military Balance 2025",
    "url": "https://www.themoscowtimes.com/2025/02/12/russias-2024-military-spending-"
    "surpassed-eu-uk-combined-in-ppp-terms-study-a87974",
    "date_published": "2025-02-12",
    "date_accessed": "2026-12-04",
    "license": "",
    "claim_type": "independent_estimate",
    "release": "IISS MB 2025",
    "obtained_via": "publisher book NOT obtained and its own URL not seen; the URL is the "
    "first relay read; figures come from relays, each row with its own source",
    "note": "IISS definition of defence spending; market exchange rates unless stated",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "themoscowtimes-2025-02-12-iiss-mb-2025",
        "publisher": "The Moscow Times",
        "title": "Russia's 2024 military spending surpassed EU, UK combined in PPP terms - study",
        "url": "https://www.themoscowtimes.com/2025/02/12/russias-2024-military-spending-"
        "surpassed-eu-uk-combined-in-ppp-terms-study-a87974",
        "date_published": "2025-02-12",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "relays IISS: Russia 2024 RUB 13.1 trn / USD 145.9 bn, +41.9% real; world "
        "USD 2.57 trn, +7.4%",
    },
    {
        "source_id": "feedquik-2025-02-12-iiss-mb-2025",
        "publisher": "Feedquik (relay of Breaking Defense)",
        "title": "Russia overtakes all of Europe on defense spending in key metric: IISS "
        "military balance",
        "url": "https://feedquik.com/russia-overtakes-all-of-europe-on-defense-spending-in-key-"
        "metric-iiss-military-balance",
        "date_published": "2025-02-12",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "Breaking Defense's report as relayed (date from the Military Balance's "
        "launch, not printed in the excerpt read): Russia 6.7% of GDP (2024), 7.5% (2025)",
    },
    {
        "source_id": "ogreszinas-2025-02-12-iiss-mb-2025",
        "publisher": "Ogres Ziņas (relay of Politico)",
        "title": "Russia's defence spending exceeds that of Europe, study finds",
        "url": "https://ogreszinas.news/russias-defence-spending-exceeds-that-of-europe-study-"
        "finds",
        "date_published": "2025-02-12",
        "date_accessed": "2026-12-04",
        "license": PRESS,
        "claim_type": "independent_estimate",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "Politico's report as relayed ('published on Wednesday, the 12th of "
        "February'): Russia 2025 RUB 15.6 trn (IISS estimate)",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "iiss_milbal_2025.relays.csv", release="IISS MB 2025", definition="IISS"
    )


RELEASE = Release(SOURCE, observations, RELAYS)
