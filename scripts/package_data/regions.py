"""SIPRI's regions and sub-regions, the EU, and every entity's aliases.

Two steps, run by a maintainer (``scripts/build_entities.py``):

* ``extract(workbook, listing)``: SIPRI's military-expenditure workbook lists every country
  under its region and sub-region heading (sheet "Constant (2023) US$"); the listing CSV keeps
  SIPRI's name, the headings, and the first and last year SIPRI does not mark "xxx" (did not
  exist / not independent). It is committed under ``data/entities/`` with a sidecar.
* ``build(listing, out)``: ``entities.csv``, ``aliases.csv`` (SIPRI's names, ISO 3166 names
  from pycountry, the curated words in ``package_data.words``), ``membership_sipri.csv``,
  ``membership_eu.csv`` (EU member countries by year of entry,
  https://europa.eu/european-union/about-eu/countries_en) and ``sources_entities.csv``.

An alias listed for more than one entity ("Brussels": Belgium's capital, NATO's and the EU's
seat) is ambiguous by construction; the resolver refuses to pick one. NATO membership stays
in ``membership.csv`` (``package_data.entities``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from package_data.files import Row, columns, sha, write
from package_data.words import EXTRA, NAMES, WORDS

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "armsrace" / "facts" / "data"
LISTING = ROOT / "data" / "entities" / "sipri_regions_2025.csv"
SIPRI_SOURCE = "sipri-milex-2025"
SIPRI_SHEET = "Constant (2023) US$"
EU_SOURCE = "europa-eu-countries"
ACCESSED = "2026-12-04"
LISTING_COLUMNS = ["country", "subregion", "region", "first_year", "last_year"]

# SIPRI's headings -> fixed region ids (parent in the second place).
REGIONS: dict[str, tuple[str, str]] = {
    "Africa": ("SIPRI_AFRICA", "WLD"),
    "North Africa": ("SIPRI_NORTH_AFRICA", "SIPRI_AFRICA"),
    "sub-Saharan Africa": ("SIPRI_SUB_SAHARAN_AFRICA", "SIPRI_AFRICA"),
    "Americas": ("SIPRI_AMERICAS", "WLD"),
    "Central America and the Caribbean": ("SIPRI_CENTRAL_AMERICA_CARIBBEAN", "SIPRI_AMERICAS"),
    "North America": ("SIPRI_NORTH_AMERICA", "SIPRI_AMERICAS"),
    "South America": ("SIPRI_SOUTH_AMERICA", "SIPRI_AMERICAS"),
    "Asia & Oceania": ("SIPRI_ASIA_OCEANIA", "WLD"),
    "Oceania": ("SIPRI_OCEANIA", "SIPRI_ASIA_OCEANIA"),
    "South Asia": ("SIPRI_SOUTH_ASIA", "SIPRI_ASIA_OCEANIA"),
    "East Asia": ("SIPRI_EAST_ASIA", "SIPRI_ASIA_OCEANIA"),
    "South East Asia": ("SIPRI_SOUTH_EAST_ASIA", "SIPRI_ASIA_OCEANIA"),
    "Central Asia": ("SIPRI_CENTRAL_ASIA", "SIPRI_ASIA_OCEANIA"),
    "Europe": ("SIPRI_EUROPE", "WLD"),
    "Central Europe": ("SIPRI_CENTRAL_EUROPE", "SIPRI_EUROPE"),
    "Eastern Europe": ("SIPRI_EASTERN_EUROPE", "SIPRI_EUROPE"),
    "Western Europe": ("SIPRI_WESTERN_EUROPE", "SIPRI_EUROPE"),
    "Middle East": ("SIPRI_MIDDLE_EAST", "WLD"),
}
TOP_REGIONS = {"Africa", "Americas", "Asia & Oceania", "Europe", "Middle East"}
# States that no longer exist (entity kind ``historical``).
HISTORICAL = {"CSK", "DDR", "SUN", "YAR", "YUG"}
# Aggregate rows in SIPRI's country lists that are not countries.
NOT_COUNTRIES = {"European Union"}

# SIPRI's country names whose ISO3 code pycountry does not give (historical states, Kosovo
# and SIPRI's own spellings).
SIPRI_ISO3 = {
    "Bolivia": "BOL",
    "Brunei": "BRN",
    "Cape Verde": "CPV",
    "Congo, DR": "COD",
    "Congo, Republic": "COG",
    "Cote d'Ivoire": "CIV",
    "Czechoslovakia": "CSK",
    "Gambia, The": "GMB",
    "German Democratic Republic": "DDR",
    "Iran": "IRN",
    "Korea, North": "PRK",
    "Korea, South": "KOR",
    "Kosovo": "XKX",
    "Kyrgyz Republic": "KGZ",
    "Laos": "LAO",
    "Moldova": "MDA",
    "Russia": "RUS",
    "Syria": "SYR",
    "Taiwan": "TWN",
    "Tanzania": "TZA",
    "Timor Leste": "TLS",
    "Türkiye": "TUR",
    "USSR": "SUN",
    "United States of America": "USA",
    "Venezuela": "VEN",
    "Viet Nam": "VNM",
    "Yemen, North": "YAR",
    "Yugoslavia": "YUG",
}

EU_ENTRY = {
    # iso3: year of entry (europa.eu, "Year of entry" table); GBR left 31 January 2020.
    "BEL": 1958,
    "FRA": 1958,
    "DEU": 1958,
    "ITA": 1958,
    "LUX": 1958,
    "NLD": 1958,
    "DNK": 1973,
    "IRL": 1973,
    "GBR": 1973,
    "GRC": 1981,
    "PRT": 1986,
    "ESP": 1986,
    "AUT": 1995,
    "FIN": 1995,
    "SWE": 1995,
    "CYP": 2004,
    "CZE": 2004,
    "EST": 2004,
    "HUN": 2004,
    "LVA": 2004,
    "LTU": 2004,
    "MLT": 2004,
    "POL": 2004,
    "SVK": 2004,
    "SVN": 2004,
    "BGR": 2007,
    "ROU": 2007,
    "HRV": 2013,
}
EU_LEFT = {"GBR": 2019}  # last full year of membership


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def extract(workbook: Path, listing: Path = LISTING) -> None:
    """SIPRI's country list by region heading, with the years it is not marked "xxx"."""
    import openpyxl

    wb = openpyxl.load_workbook(workbook, read_only=True)
    rows = list(wb[SIPRI_SHEET].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Country")
    years = [(i, int(h)) for i, h in enumerate(header) if isinstance(h, int | float)]
    final = years[-1][1]
    out: list[Row] = []
    region = sub = ""
    for r in rows[rows.index(header) + 1 :]:
        if not r or not r[0]:
            continue
        name = str(r[0]).strip()
        if name in REGIONS:
            region, sub = (name, name) if name in TOP_REGIONS else (region, name)
            continue
        if name in NOT_COUNTRIES or not region:
            continue
        present = [y for i, y in years if r[i] != "xxx"]
        last = present[-1] if present[-1] < final else None
        out.append(
            dict(country=name, subregion=sub, region=region, first_year=present[0], last_year=last)
        )
    listing.parent.mkdir(parents=True, exist_ok=True)
    with open(listing, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=LISTING_COLUMNS, lineterminator="\n")
        w.writeheader()
        for row in out:
            w.writerow({c: "" if row[c] is None else row[c] for c in LISTING_COLUMNS})
    import yaml

    sidecar = {
        "file": listing.name,
        "sha256": sha(listing),
        "rows": len(out),
        "publisher": "Stockholm International Peace Research Institute (SIPRI)",
        "title": "SIPRI Military Expenditure Database, 2025 release: countries by region",
        "original_url": "https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx",
        "found_copy": {
            "repo": "shruti-01-narwat/Global_Military_Expenditure_Dashboard",
            "path": "SIPRI-Milex-data-1949-2024_2.xlsx",
            "commit": "5885c546162547a02eabf43d75b259df1fa427c1",
            "xlsx_sha256": sha(workbook),
        },
        "extraction": f"sheet '{SIPRI_SHEET}': country rows under SIPRI's region and "
        "sub-region headings (a region without sub-regions, the Middle East, is its own "
        "sub-region here); first_year/last_year = first and last year not marked 'xxx' (did "
        "not exist or not independent), last_year empty when present in the final year; the "
        "'European Union' aggregate row is left out",
        "built_by": "scripts/build_entities.py extract",
    }
    listing.with_name(listing.name + ".source.yml").write_text(
        yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def read_listing(listing: Path) -> list[tuple[str, str, str, int, int | None]]:
    with open(listing, newline="", encoding="utf-8") as fh:
        return [
            (
                r["country"],
                r["subregion"],
                r["region"],
                int(r["first_year"]),
                int(r["last_year"]) if r["last_year"] else None,
            )
            for r in csv.DictReader(fh)
        ]


def iso3(name: str) -> str:
    import pycountry

    if name in SIPRI_ISO3:
        return SIPRI_ISO3[name]
    country = pycountry.countries.get(name=name) or pycountry.countries.get(common_name=name)
    if country is None:
        raise SystemExit(f"no ISO3 code for SIPRI's {name!r}; add it to SIPRI_ISO3")
    return str(country.alpha_3)


def build(listing: Path, out: Path = OUT) -> None:
    """Write the entity, alias, membership and source files from SIPRI's listing."""
    import pycountry

    sipri = read_listing(listing)
    entities: list[dict[str, object]] = []
    aliases: list[tuple[str, str, str]] = []
    members: list[dict[str, object]] = []
    for name, sub, region, first, last in sipri:
        code = iso3(name)
        display = NAMES.get(code, name)
        leaf = REGIONS[sub][0]
        kind = "historical" if code in HISTORICAL else "country"
        entities.append(dict(entity_id=code, name=display, kind=kind, parent=leaf))
        aliases.append((display, code, "name"))
        aliases.append((name, code, "name"))
        iso = pycountry.countries.get(alpha_3=code)
        for attr in ("name", "official_name", "common_name"):
            text = getattr(iso, attr, None) if iso is not None else None
            if text and ", " not in text:
                aliases.append((str(text), code, "name"))
        adjective, capitals, demonym = WORDS[code]
        aliases.append((adjective, code, "adjective"))
        if demonym:
            aliases.append((demonym, code, "demonym"))
        for cap in filter(None, capitals.split("|")):
            aliases.append((cap, code, "capital"))
        groups = [leaf] if sub == region else [leaf, REGIONS[region][0]]
        for bloc in [*groups, "WLD"]:
            members.append(
                dict(
                    country=code,
                    bloc=bloc,
                    valid_from=first,
                    valid_to=last,
                    source_id=SIPRI_SOURCE,
                )
            )
    entities.append(dict(entity_id="NATO", name="NATO (all allies)", kind="bloc", parent=""))
    entities.append(
        dict(entity_id="NATO_EUCA", name="NATO Europe and Canada", kind="bloc", parent="")
    )
    entities.append(dict(entity_id="EU", name="European Union", kind="bloc", parent=""))
    entities.append(dict(entity_id="WLD", name="World", kind="world", parent=""))
    for heading, (rid, parent) in REGIONS.items():
        entities.append(dict(entity_id=rid, name=heading, kind="region", parent=parent))
    aliases.extend((str(e["name"]), str(e["entity_id"]), "name") for e in entities[len(sipri) :])
    aliases.extend(EXTRA)
    seen: set[tuple[str, str]] = set()
    alias_rows = []
    for alias, code, kind in aliases:
        key = (alias.casefold(), code)
        if key in seen:
            continue
        seen.add(key)
        alias_rows.append(dict(alias=alias, entity_id=code, alias_kind=kind))
    alias_rows.sort(key=lambda r: (str(r["entity_id"]), str(r["alias_kind"]), str(r["alias"])))
    kinds = {"country": 0, "historical": 1, "bloc": 2, "region": 3, "world": 4}
    entities.sort(key=lambda r: (kinds[str(r["kind"])], str(r["entity_id"])))
    eu = [
        dict(country=c, bloc="EU", valid_from=y, valid_to=EU_LEFT.get(c), source_id=EU_SOURCE)
        for c, y in sorted(EU_ENTRY.items())
    ]
    listing_sha = sha(listing)
    sipri_origin = {
        "derived_from": "SIPRI Military Expenditure Database, 2025 release, workbook "
        "SIPRI-Milex-data-1949-2024_2.xlsx, sheet 'Constant (2023) US$' (countries grouped "
        "by region and sub-region), as listed in data/entities",
        "original_url": "https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx",
        "found_copy": "github shruti-01-narwat/Global_Military_Expenditure_Dashboard "
        "@ 5885c546162547a02eabf43d75b259df1fa427c1",
        "listing": f"data/entities/{listing.name} (sha256 {listing_sha})",
        "built_by": "scripts/build_entities.py",
    }
    write(
        out,
        "entities.csv",
        columns("entity"),
        entities,
        {
            **sipri_origin,
            "note": "ISO 3166-1 alpha-3 codes (historical: CSK, DDR, SUN, YUG, YAR; Kosovo "
            "XKX); SIPRI's country names, rewritten where the list form reads badly; parent = "
            "SIPRI sub-region (or region), sub-region -> region -> WLD; blocs are defined by "
            "membership*.csv",
        },
    )
    write(
        out,
        "aliases.csv",
        columns("alias"),
        alias_rows,
        {
            "derived_from": "SIPRI's country names (listing below), ISO 3166 names from "
            f"pycountry {pycountry_version()}, "
            "and word lists (adjectives, demonyms, capitals, metonyms, abbreviations) curated "
            "for this project in scripts/package_data/words.py",
            "listing": f"data/entities/{listing.name} (sha256 {listing_sha})",
            "built_by": "scripts/build_entities.py",
            "note": "an alias listed for several entities (Brussels, Europe, Korea, Congo, "
            "Congolese) is ambiguous and never resolved to one of them",
        },
    )
    write(
        out,
        "membership_sipri.csv",
        columns("membership"),
        members,
        {
            **sipri_origin,
            "note": "each country is a member of its SIPRI sub-region, its region (Middle East "
            "has no sub-regions) and WLD; valid_from/valid_to = first/last year SIPRI does not "
            "mark 'xxx' (did not exist or was not independent); open-ended when present in "
            "the workbook's last year",
        },
    )
    write(
        out,
        "membership_eu.csv",
        columns("membership"),
        eu,
        {
            "derived_from": "EU member countries by year of entry",
            "original_url": "https://europa.eu/european-union/about-eu/countries_en",
            "built_by": "scripts/build_entities.py",
            "note": "valid_from = year of entry (1958 = EEC founders); the United Kingdom left "
            "on 31 January 2020, so 2019 is its last member year",
        },
    )
    write(
        out,
        "sources_entities.csv",
        columns("source"),
        [
            dict(
                source_id=EU_SOURCE,
                publisher="European Union",
                title="EU member countries in brief (year of entry)",
                url="https://europa.eu/european-union/about-eu/countries_en",
                date_accessed=ACCESSED,
                license="© European Union (reuse authorised with attribution)",
                claim_type="official",
                obtained_via="search tool (pages corpus)",
                note="year of entry of each member; United Kingdom left on 31 January 2020",
            )
        ],
        {"built_by": "scripts/build_entities.py"},
    )
