"""NATO, Defence Expenditure of NATO Countries (2014-2024), June 2024 (constant 2015 prices)."""

from __future__ import annotations

from package_data import nato
from package_data.files import Row
from package_data.release import Inputs, Release

SOURCE: Row = {
    "source_id": "nato-defexp-2024-06",
    "publisher": "North Atlantic Treaty Organization (NATO), Public Diplomacy Division",
    "title": "Defence Expenditure of NATO Countries (2014-2024)",
    "url": "https://www.nato.int/nato_static_fl2014/assets/pdf/2024/7/pdf/240617-def-exp-2024-en.pdf",
    "date_published": "2024-06-17",
    "license": "NATO public release",
    "claim_type": "official",
    "release": "NATO 2024-06",
    "obtained_via": "copy of 240617-def-exp-2024-TABLES-en.xlsx in a public repository "
    "(jacobvoss/geopolitical-dashboard @ 4318b07)",
    "note": "constant prices are 2015 prices in this release",
}


def observations(inputs: Inputs) -> list[Row]:
    return nato.observations(
        inputs.reference / "primary" / "nato_defexp_2024-06.csv",
        source_id="nato-defexp-2024-06",
        release="NATO 2024-06",
    )


RELEASE = Release(SOURCE, observations)
