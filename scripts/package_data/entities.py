"""NATO membership by year of accession (NATO and NATO Europe + Canada).

Entity rows, aliases and the SIPRI-region / EU membership are written by
``scripts/build_entities.py`` (from SIPRI's workbook), not here.
"""

from __future__ import annotations

from package_data.files import Row

ALLIES = {
    # iso3: (name, year of accession)
    "BEL": ("Belgium", 1949),
    "CAN": ("Canada", 1949),
    "DNK": ("Denmark", 1949),
    "FRA": ("France", 1949),
    "ISL": ("Iceland", 1949),
    "ITA": ("Italy", 1949),
    "LUX": ("Luxembourg", 1949),
    "NLD": ("Netherlands", 1949),
    "NOR": ("Norway", 1949),
    "PRT": ("Portugal", 1949),
    "GBR": ("United Kingdom", 1949),
    "USA": ("United States", 1949),
    "GRC": ("Greece", 1952),
    "TUR": ("Türkiye", 1952),
    "DEU": ("Germany", 1955),
    "ESP": ("Spain", 1982),
    "CZE": ("Czechia", 1999),
    "HUN": ("Hungary", 1999),
    "POL": ("Poland", 1999),
    "BGR": ("Bulgaria", 2004),
    "EST": ("Estonia", 2004),
    "LVA": ("Latvia", 2004),
    "LTU": ("Lithuania", 2004),
    "ROU": ("Romania", 2004),
    "SVK": ("Slovakia", 2004),
    "SVN": ("Slovenia", 2004),
    "ALB": ("Albania", 2009),
    "HRV": ("Croatia", 2009),
    "MNE": ("Montenegro", 2017),
    "MKD": ("North Macedonia", 2020),
    "FIN": ("Finland", 2023),
    "SWE": ("Sweden", 2024),
}
OTHERS = {"RUS": "Russia", "UKR": "Ukraine", "BLR": "Belarus", "CHN": "China"}
KEEP = set(ALLIES) | set(OTHERS)
MEMBERSHIP_SOURCES: list[Row] = [
    {
        "source_id": "thenational-2023-04-04-nato-members",
        "publisher": "The National",
        "title": "Nato countries: which member states are in the military alliance?",
        "url": "https://www.thenationalnews.com/world/uk-news/2023/04/04/"
        "nato-countries-which-member-states-are-in-the-military-alliance/",
        "date_published": "2023-04-04",
        "license": "",
        "claim_type": "press_claim",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "accession years of all allies up to Finland (2023)",
    },
    {
        "source_id": "natopa-finland-sweden-accession",
        "publisher": "NATO Parliamentary Assembly",
        "title": "Ratification of Finland and Sweden's accession to NATO",
        "url": "https://www.nato-pa.int/content/finland-sweden-accession",
        "date_published": "2024-03",
        "license": "",
        "claim_type": "official",
        "release": "",
        "obtained_via": "search tool (pages corpus)",
        "note": "Finland member as of 4 April 2023, Sweden as of 7 March 2024",
    },
]


def build_membership() -> list[Row]:
    """NATO / NATO_EUCA membership rows."""
    members: list[Row] = []
    for iso, (_, year) in sorted(ALLIES.items()):
        sid = (
            "natopa-finland-sweden-accession"
            if iso in ("FIN", "SWE")
            else "thenational-2023-04-04-nato-members"
        )
        members.append(dict(country=iso, bloc="NATO", valid_from=year, valid_to="", source_id=sid))
        if iso != "USA":
            members.append(
                dict(country=iso, bloc="NATO_EUCA", valid_from=year, valid_to="", source_id=sid)
            )
    return members
