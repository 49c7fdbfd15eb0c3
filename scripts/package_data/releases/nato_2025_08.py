"""NATO, Defence Expenditure of NATO Countries (2014-2025), August 2025."""

from __future__ import annotations

from package_data import nato
from package_data.files import Row
from package_data.release import Inputs, Release

SOURCE: Row = {
    "source_id": "nato-defexp-2025-08",
    "publisher": "North Atlantic Treaty Organization (NATO), Public Diplomacy Division",
    "title": "Defence Expenditure of NATO Countries (2014-2025)",
    "url": "https://www.nato.int/content/dam/nato/webready/documents/finance/def-exp-2025-en.xlsx",
    "date_published": "2025-08-28",
    "license": "NATO public release",
    "claim_type": "official",
    "release": "NATO 2025-08",
    "obtained_via": "CSV export of NATO's Excel tables in a public repository "
    "(Datavisualiatie-UGent/project-dv26-2 @ c0fc59a); USD tables not in the copy",
    "note": "data cut-off 3 June 2025; Germany 2025e not published by NATO",
}


def observations(inputs: Inputs) -> list[Row]:
    return nato.observations(
        inputs.reference / "primary" / "nato_defexp_2025-08.csv",
        source_id="nato-defexp-2025-08",
        release="NATO 2025-08",
    )


RELEASE = Release(SOURCE, observations)
