"""SIPRI Military Expenditure Database, 2025 release (data 1949-2024, constant 2023 US$)."""

from __future__ import annotations

from package_data import sipri
from package_data.files import Row
from package_data.release import Inputs, Release

SOURCE: Row = {
    "source_id": "sipri-milex-2025",
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "SIPRI Military Expenditure Database, 2025 release (data 1949-2024)",
    "url": "https://www.sipri.org/databases/milex",
    "date_published": "2025-04",
    "license": "free for non-commercial use with attribution to SIPRI",
    "claim_type": "independent_estimate",
    "release": "SIPRI 2025",
    "obtained_via": "copy of SIPRI-Milex-data-1949-2024_2.xlsx in a public repository "
    "(shruti-01-narwat/Global_Military_Expenditure_Dashboard @ 5885c54)",
    "note": "Russia, Ukraine, China 2022-2024 are SIPRI estimates",
}


def observations(inputs: Inputs) -> list[Row]:
    return sipri.observations(
        inputs.reference / "primary" / "sipri_milex_2025.csv",
        source_id="sipri-milex-2025",
        release="SIPRI 2025",
        price_base="2023",
    )


RELEASE = Release(SOURCE, observations)
