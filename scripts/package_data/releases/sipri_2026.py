"""SIPRI Military Expenditure Database, 2026 release (data 1949-2025, constant 2024 US$).

SIPRI's workbook (SIPRI-Milex-data-1949-2025_v1.2.xlsx) could not be obtained: the copies
seen in public repositories had no snapshot here. What is loaded are figures relayed from it,
each row with its own source (``data/primary/sipri_milex_2026.relays.csv``); the sidecar
``sipri_milex_2026.source.yml`` records where the workbook was seen and the checks made.
When the workbook is at hand, write its long-format copy as ``sipri_milex_2026.csv`` (the
layout of the 2025 copy) and read it with ``sipri.observations`` instead.
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

SOURCE: Row = {
    "source_id": "sipri-milex-2026",
    "publisher": "Stockholm International Peace Research Institute (SIPRI)",
    "title": "SIPRI Military Expenditure Database, 2026 release (data 1949-2025)",
    "url": "https://www.sipri.org/databases/milex",
    "date_published": "2026-04-27",
    "date_accessed": "2026-12-04",
    "license": "free for non-commercial use with attribution to SIPRI",
    "claim_type": "independent_estimate",
    "release": "SIPRI 2026",
    "obtained_via": "publisher table NOT obtained (SIPRI-Milex-data-1949-2025_v1.2.xlsx seen in "
    "EdwardMcKelvey/defence-spending-tracker and as a trimmed test fixture in "
    "mattahr/ha-edp-radar, neither with a snapshot); figures come from relays, each row with "
    "its own source",
    "note": "constant prices are 2024 prices in this release; never compare with the 2025 "
    "release's constant 2023 prices. Revision date 2026-04-27 as relayed by mattahr/ha-edp-radar",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "sipri-factsheet-2026-04",
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "title": "Trends in World Military Expenditure, 2025 (SIPRI Fact Sheet, April 2026), "
        "Table 1 and regional sections",
        "url": "https://www.sipri.org/sites/default/files/2026-04/2604_milex_2025.pdf",
        "date_published": "2026-04",
        "date_accessed": "2026-12-04",
        "license": "free for non-commercial use with attribution to SIPRI",
        "claim_type": "independent_estimate",
        "release": "",  # SIPRI's fact sheet, not its database table
        "obtained_via": "search tool (find_string '2604_milex_2025'): a transcription of the "
        "fact sheet's Table 1 (top 40) and regional figures in a public repository script "
        "(index file 68925847191; the index does not name the repository); the PDF itself "
        "was not seen",
        "note": "DOI 10.55163/ZLHQ1057; figures as printed (three significant figures); the "
        "15 spenders also in AbuGDN/Argos's copy agree with it to rounding",
    },
    {
        "source_id": "argos-2026-sipri-milex-2026",
        "publisher": "AbuGDN/Argos (public repository; data generated from SIPRI's workbook)",
        "title": "MilitarySpending.kt: SIPRI 2025 top spenders and 2000-2025 constant-2024 "
        "series, generated from SIPRI-Milex-data-1949-2025_v1.2.xlsx "
        "(sha256 6cc3a30b1064f9f02e60236667eef82e08cad42910ce630909d004ad2c398a9d)",
        "url": "https://github.com/AbuGDN/Argos/blob/e9f20fce75b6232cad1f3f63d84011cf109586ce/"
        "android/app/src/main/java/com/abugdn/wid/data/MilitarySpending.kt",
        "date_published": "2026",
        "date_accessed": "2026-12-04",
        "license": "",
        "claim_type": "independent_estimate",
        "release": "",  # a relay, not the publisher's own table
        "obtained_via": "search tool (find_string 'SIPRI-Milex-data-1949-2025', read_file)",
        "note": "figures rounded by the relay (current US$ and % of GDP to one decimal, "
        "constant US$ to USD 0.01 bn); its 'world' sum (2,857 bn) is the relay's own sum of "
        "countries, not SIPRI's world total, and is not loaded",
    },
    {
        "source_id": "edpradar-2026-sipri-milex-2026-swe",
        "publisher": "mattahr/ha-edp-radar (public repository; test of its SIPRI parser)",
        "title": "tests/spending/test_sipri.py: Sweden 2025 as parsed from a trimmed copy of "
        "SIPRI-Milex-data-1949-2025_v1.2.xlsx",
        "url": "https://github.com/mattahr/ha-edp-radar/blob/"
        "61749b4e076b27e87940a728adf885430712324c/tests/spending/test_sipri.py",
        "date_published": "2026",
        "date_accessed": "2026-12-04",
        "license": "",
        "claim_type": "independent_estimate",
        "release": "",  # a relay, not the publisher's own table
        "obtained_via": "search tool (find_files, read_file)",
        "note": "full-precision values of SIPRI's workbook cells (fixture "
        "tests/fixtures/spending/sipri/milex-trimmed.xlsx, not obtainable here)",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "sipri_milex_2026.relays.csv", release="SIPRI 2026", definition="SIPRI"
    )


RELEASE = Release(SOURCE, observations, RELAYS)
