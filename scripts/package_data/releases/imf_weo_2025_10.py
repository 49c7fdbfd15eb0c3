"""IMF World Economic Outlook database, October 2025."""

from __future__ import annotations

from package_data import imf
from package_data.files import Row
from package_data.release import Inputs, Release

SOURCE: Row = {
    "source_id": "imf-weo-2025-10",
    "publisher": "International Monetary Fund (IMF), Research Department",
    "title": "World Economic Outlook Database, October 2025",
    "url": "https://data.imf.org/",
    "date_published": "2025-10-14",
    "license": "IMF terms of use",
    "claim_type": "official",
    "release": "IMF WEO 2025-10",
    "obtained_via": "app cache (Nielssouza/DJANGO-DASH @ a2b4cf6) and PPP extract "
    "(ayushmish605/largest-economies-information-visualization @ 21473ba) of WEOOct2025all",
    "note": "years after each country's latest actual are IMF projections; PPP 2014-2022 only",
}


def observations(inputs: Inputs) -> list[Row]:
    return imf.observations(
        inputs.reference / "primary" / "imf_weo_2025-10.csv",
        source_id="imf-weo-2025-10",
        release="IMF WEO 2025-10",
    )


RELEASE = Release(SOURCE, observations)
