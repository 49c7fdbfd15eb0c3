"""NATO, Defence Expenditure of NATO Countries (2014-2026), July 2026 (cut-off 3 July 2026).

From this release NATO's tables report *core* defence expenditure (Table 1 'Core defence
expenditure'; the 2025 release's Table 1 was 'Defence expenditure'), the category of The
Hague's 3.5% commitment; shares are not comparable one to one with earlier releases (Poland
2025e: 4.48% in August 2025, 4.25% core here). Rows carry definition ``NATO core defence``.
NATO's own tables could not be obtained (the xlsx was seen only as a test fixture without a
snapshot; the PDF is image-only): the figures come from relays, each row with its own source
(``data/primary/nato_defexp_2026-07.relays.csv``).
"""

from __future__ import annotations

from package_data import relays
from package_data.files import Row
from package_data.release import Inputs, Release

PDF = "https://www.nato.int/content/dam/nato/webready/documents/finance/def-exp-2026-en.pdf"

SOURCE: Row = {
    "source_id": "nato-defexp-2026-07",
    "publisher": "North Atlantic Treaty Organization (NATO), Public Diplomacy Division",
    "title": "Defence Expenditure of NATO Countries (2014-2026)",
    "url": PDF,
    "date_published": "2026-07",
    "date_accessed": "2026-12-04",
    "license": "NATO public release",
    "claim_type": "official",
    "release": "NATO 2026-07",
    "obtained_via": "publisher table NOT obtained (def-exp-2026-en.xlsx seen as a test fixture "
    "in mattahr/ha-edp-radar @ eb79e1c, no snapshot; the PDF is image-only); figures come "
    "from relays, each row with its own source",
    "note": "data cut-off 3 July 2026; 2025 and 2026 are estimates; DEFINITION CHANGE: core "
    "defence expenditure (Hague 3.5% category) replaces the earlier NATO definition, so "
    "shares differ from earlier releases for the same year; constant prices are 2021 prices. "
    "One relay titles the edition 'Defence Investment of NATO Countries (2014-2026)'",
}

RELAYS: tuple[Row, ...] = (
    {
        "source_id": "edpradar-2026-nato-defexp-2026",
        "publisher": "mattahr/ha-edp-radar (public repository; test of its NATO parser)",
        "title": "tests/spending/test_nato.py: values parsed from NATO's def-exp-2026-en.xlsx",
        "url": "https://github.com/mattahr/ha-edp-radar/blob/"
        "8781d014da516260497300501c5d87040641a64c/tests/spending/test_nato.py",
        "date_published": "2026",
        "date_accessed": "2026-12-04",
        "license": "",
        "claim_type": "official",
        "release": "",  # a relay, not the publisher's own table
        "obtained_via": "search tool (find_string 'def-exp-2026', read_file)",
        "note": "the same test records the 2026 layout: Table 1 'Core defence expenditure' "
        "(2025 layout: 'Defence expenditure'), constant prices 'constant 2021 prices'; "
        "workbook Last-Modified 10 July 2026",
    },
    {
        "source_id": "czbudget-2026-nato-defexp-2026-cze",
        "publisher": "jan-rezab/czbudget (public repository; transcription of NATO's PDF)",
        "title": "nato-czech-2026-transcription.json: Czechia rows of Tables 1, 8a and 8b",
        "url": "https://github.com/jan-rezab/czbudget/blob/"
        "800e3ad6ece2d627e7eef2800c799070a0e670de/"
        "pipeline/config/defense/nato-czech-2026-transcription.json",
        "date_published": "2026",
        "date_accessed": "2026-12-04",
        "license": "",
        "claim_type": "official",
        "release": "",  # a relay, not the publisher's own table
        "obtained_via": "search tool (find_string 'def-exp-2026-en.pdf', read_file)",
        "note": "visual transcription of the image-only PDF (sha256 efd05e4a7e715b361617390016356df"
        "04af83ea6febecb9475ce173bf2cffb75), cut-off 2026-07-03; its CZK totals are not loaded "
        "(no national-currency indicator for Czechia here)",
    },
    {
        "source_id": "allocator-2026-nato-defexp-2026-deu-pol",
        "publisher": "unnamed public repository ('Defense Budget Allocator' country profiles)",
        "title": "Germany and Poland profiles citing NATO's Defence Expenditure of NATO "
        "Countries (2014-2026), read by OCR from the image PDF",
        "url": PDF,
        "date_published": "2026-10-02",
        "date_accessed": "2026-12-04",
        "license": "",
        "claim_type": "official",
        "release": "",  # a relay, not the publisher's own table
        "obtained_via": "search tool (find_string 'def-exp-2026-en.pdf'): source comments of "
        "two files (index ids 70278696486, 70088895414) whose repository the index does not "
        "name; the URL is the NATO PDF they cite",
        "note": "Germany: core defence expenditure 2026e EUR 124,660m, 2.69% of GDP, 2025e "
        "2.22% (also relayed by Tagesspiegel 2026-07-07, not seen here); Poland: 2025e 4.25%, "
        "2026e 4.68% on the new core-defence basis",
    },
)


def observations(inputs: Inputs) -> list[Row]:
    return relays.observations(
        inputs.primary / "nato_defexp_2026-07.relays.csv",
        release="NATO 2026-07",
        definition="NATO core defence",
    )


RELEASE = Release(SOURCE, observations, RELAYS)
