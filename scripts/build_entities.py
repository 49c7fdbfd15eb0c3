"""Write the packaged entity, alias and region/EU membership CSVs.

Run by a maintainer when SIPRI's classification or the curated word lists change:

    python scripts/build_entities.py SIPRI-Milex-data-1949-2024_2.xlsx

Inputs:

* SIPRI's military-expenditure workbook: the "Constant (2023) US$" sheet lists every
  country under its region and sub-region heading. Membership years are the years SIPRI
  does not mark "xxx" (did not exist / not independent) for the country.
* ISO 3166 names from pycountry (``name``, ``official_name``, ``common_name``).
* The curated word lists below (adjectives, demonyms, capitals, metonyms, abbreviations),
  written for this project.
* EU membership by year of entry as listed by the EU
  (https://europa.eu/european-union/about-eu/countries_en).

Outputs (``src/armsrace/facts/data``): ``entities.csv``, ``aliases.csv``,
``membership_sipri.csv``, ``membership_eu.csv``, ``sources_entities.csv``, each with a
``*.sources.yml`` sidecar. NATO membership stays in ``membership.csv``
(``scripts/build_package_data.py``).

An alias listed for more than one entity (``Brussels``: Belgium's capital, NATO's and the
EU's seat) is ambiguous by construction; the resolver refuses to pick one.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent.parent / "src" / "armsrace" / "facts" / "data"
SIPRI_SOURCE = "sipri-milex-2025"
SIPRI_SHEET = "Constant (2023) US$"
EU_SOURCE = "europa-eu-countries"
ACCESSED = "2026-12-04"

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

# Display names where SIPRI's list form ("Korea, South") reads badly in prose.
NAMES = {
    "USA": "United States",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "GMB": "The Gambia",
    "YAR": "North Yemen",
    "TLS": "Timor-Leste",
    "KGZ": "Kyrgyzstan",
    "VNM": "Vietnam",
    "CIV": "Côte d'Ivoire",
    "DDR": "East Germany",
    "SUN": "Soviet Union",
}

# iso3: (adjective, capital(s) "|"-separated, demonym or "").
WORDS: dict[str, tuple[str, str, str]] = {
    "DZA": ("Algerian", "Algiers", ""),
    "LBY": ("Libyan", "Tripoli", ""),
    "MAR": ("Moroccan", "Rabat", ""),
    "TUN": ("Tunisian", "Tunis", ""),
    "AGO": ("Angolan", "Luanda", ""),
    "BEN": ("Beninese", "Porto-Novo", ""),
    "BWA": ("Botswanan", "Gaborone", "Motswana"),
    "BFA": ("Burkinabe", "Ouagadougou", ""),
    "BDI": ("Burundian", "Gitega", ""),
    "CMR": ("Cameroonian", "Yaoundé", ""),
    "CPV": ("Cape Verdean", "Praia", ""),
    "CAF": ("Central African", "Bangui", ""),
    "TCD": ("Chadian", "N'Djamena", ""),
    "COD": ("Congolese", "Kinshasa", ""),
    "COG": ("Congolese", "Brazzaville", ""),
    "CIV": ("Ivorian", "Yamoussoukro", ""),
    "DJI": ("Djiboutian", "", ""),
    "GNQ": ("Equatoguinean", "Malabo", ""),
    "ERI": ("Eritrean", "Asmara", ""),
    "ETH": ("Ethiopian", "Addis Ababa", ""),
    "GAB": ("Gabonese", "Libreville", ""),
    "GMB": ("Gambian", "Banjul", ""),
    "GHA": ("Ghanaian", "Accra", ""),
    "GIN": ("Guinean", "Conakry", ""),
    "GNB": ("Bissau-Guinean", "Bissau", ""),
    "KEN": ("Kenyan", "Nairobi", ""),
    "LSO": ("Basotho", "Maseru", "Mosotho"),
    "LBR": ("Liberian", "Monrovia", ""),
    "MDG": ("Malagasy", "Antananarivo", ""),
    "MWI": ("Malawian", "Lilongwe", ""),
    "MLI": ("Malian", "Bamako", ""),
    "MRT": ("Mauritanian", "Nouakchott", ""),
    "MUS": ("Mauritian", "Port Louis", ""),
    "MOZ": ("Mozambican", "Maputo", ""),
    "NAM": ("Namibian", "Windhoek", ""),
    "NER": ("Nigerien", "Niamey", ""),
    "NGA": ("Nigerian", "Abuja", ""),
    "RWA": ("Rwandan", "Kigali", ""),
    "SEN": ("Senegalese", "Dakar", ""),
    "SYC": ("Seychellois", "Victoria", ""),
    "SLE": ("Sierra Leonean", "Freetown", ""),
    "SOM": ("Somali", "Mogadishu", ""),
    "ZAF": ("South African", "Pretoria", ""),
    "SSD": ("South Sudanese", "Juba", ""),
    "SDN": ("Sudanese", "Khartoum", ""),
    "SWZ": ("Swazi", "Mbabane", ""),
    "TZA": ("Tanzanian", "Dodoma", ""),
    "TGO": ("Togolese", "Lomé", ""),
    "UGA": ("Ugandan", "Kampala", ""),
    "ZMB": ("Zambian", "Lusaka", ""),
    "ZWE": ("Zimbabwean", "Harare", ""),
    "BLZ": ("Belizean", "Belmopan", ""),
    "CRI": ("Costa Rican", "San José", ""),
    "CUB": ("Cuban", "Havana", ""),
    "DOM": ("Dominican", "Santo Domingo", ""),
    "SLV": ("Salvadoran", "San Salvador", ""),
    "GTM": ("Guatemalan", "Guatemala City", ""),
    "HTI": ("Haitian", "Port-au-Prince", ""),
    "HND": ("Honduran", "Tegucigalpa", ""),
    "JAM": ("Jamaican", "Kingston", ""),
    "MEX": ("Mexican", "Mexico City", ""),
    "NIC": ("Nicaraguan", "Managua", ""),
    "PAN": ("Panamanian", "Panama City", ""),
    "TTO": ("Trinidadian", "Port of Spain", ""),
    "CAN": ("Canadian", "Ottawa", ""),
    "USA": ("American", "Washington", ""),
    "ARG": ("Argentine", "Buenos Aires", "Argentinian"),
    "BOL": ("Bolivian", "Sucre|La Paz", ""),
    "BRA": ("Brazilian", "Brasília", ""),
    "CHL": ("Chilean", "Santiago", ""),
    "COL": ("Colombian", "Bogotá", ""),
    "ECU": ("Ecuadorian", "Quito", ""),
    "GUY": ("Guyanese", "Georgetown", ""),
    "PRY": ("Paraguayan", "Asunción", ""),
    "PER": ("Peruvian", "Lima", ""),
    "URY": ("Uruguayan", "Montevideo", ""),
    "VEN": ("Venezuelan", "Caracas", ""),
    "AUS": ("Australian", "Canberra", ""),
    "FJI": ("Fijian", "Suva", ""),
    "NZL": ("New Zealand", "Wellington", "New Zealander"),
    "PNG": ("Papua New Guinean", "Port Moresby", ""),
    "AFG": ("Afghan", "Kabul", ""),
    "BGD": ("Bangladeshi", "Dhaka", ""),
    "IND": ("Indian", "New Delhi", ""),
    "NPL": ("Nepalese", "Kathmandu", "Nepali"),
    "PAK": ("Pakistani", "Islamabad", ""),
    "LKA": ("Sri Lankan", "Sri Jayawardenepura Kotte", ""),
    "CHN": ("Chinese", "Beijing", ""),
    "JPN": ("Japanese", "Tokyo", ""),
    "PRK": ("North Korean", "Pyongyang", ""),
    "KOR": ("South Korean", "Seoul", ""),
    "MNG": ("Mongolian", "Ulaanbaatar", ""),
    "TWN": ("Taiwanese", "Taipei", ""),
    "BRN": ("Bruneian", "Bandar Seri Begawan", ""),
    "KHM": ("Cambodian", "Phnom Penh", ""),
    "IDN": ("Indonesian", "Jakarta", ""),
    "LAO": ("Laotian", "Vientiane", ""),
    "MYS": ("Malaysian", "Kuala Lumpur", ""),
    "MMR": ("Burmese", "Naypyidaw", ""),
    "PHL": ("Philippine", "Manila", "Filipino"),
    "SGP": ("Singaporean", "", ""),
    "THA": ("Thai", "Bangkok", ""),
    "TLS": ("Timorese", "Dili", ""),
    "VNM": ("Vietnamese", "Hanoi", ""),
    "KAZ": ("Kazakh", "Astana", "Kazakhstani"),
    "KGZ": ("Kyrgyz", "Bishkek", ""),
    "TJK": ("Tajik", "Dushanbe", ""),
    "TKM": ("Turkmen", "Ashgabat", ""),
    "UZB": ("Uzbek", "Tashkent", ""),
    "ALB": ("Albanian", "Tirana", ""),
    "BIH": ("Bosnian", "Sarajevo", ""),
    "BGR": ("Bulgarian", "Sofia", ""),
    "HRV": ("Croatian", "Zagreb", "Croat"),
    "CZE": ("Czech", "Prague", ""),
    "CSK": ("Czechoslovak", "", ""),
    "EST": ("Estonian", "Tallinn", ""),
    "DDR": ("East German", "East Berlin", ""),
    "HUN": ("Hungarian", "Budapest", ""),
    "XKX": ("Kosovan", "Pristina", "Kosovar"),
    "LVA": ("Latvian", "Riga", ""),
    "LTU": ("Lithuanian", "Vilnius", ""),
    "MKD": ("North Macedonian", "Skopje", ""),
    "MNE": ("Montenegrin", "Podgorica", ""),
    "POL": ("Polish", "Warsaw", "Pole"),
    "ROU": ("Romanian", "Bucharest", ""),
    "SRB": ("Serbian", "Belgrade", "Serb"),
    "SVK": ("Slovak", "Bratislava", ""),
    "SVN": ("Slovenian", "Ljubljana", "Slovene"),
    "YUG": ("Yugoslav", "", ""),
    "ARM": ("Armenian", "Yerevan", ""),
    "AZE": ("Azerbaijani", "Baku", ""),
    "BLR": ("Belarusian", "Minsk", ""),
    "GEO": ("Georgian", "Tbilisi", ""),
    "MDA": ("Moldovan", "Chișinău|Chisinau", ""),
    "RUS": ("Russian", "Moscow", ""),
    "UKR": ("Ukrainian", "Kyiv|Kiev", ""),
    "SUN": ("Soviet", "", ""),
    "AUT": ("Austrian", "Vienna", ""),
    "BEL": ("Belgian", "Brussels", ""),
    "CYP": ("Cypriot", "Nicosia", ""),
    "DNK": ("Danish", "Copenhagen", "Dane"),
    "FIN": ("Finnish", "Helsinki", "Finn"),
    "FRA": ("French", "Paris", ""),
    "DEU": ("German", "Berlin", ""),
    "GRC": ("Greek", "Athens", ""),
    "ISL": ("Icelandic", "Reykjavík|Reykjavik", "Icelander"),
    "IRL": ("Irish", "Dublin", ""),
    "ITA": ("Italian", "Rome", ""),
    "LUX": ("Luxembourgish", "", "Luxembourger"),
    "MLT": ("Maltese", "Valletta", ""),
    "NLD": ("Dutch", "Amsterdam|The Hague", ""),
    "NOR": ("Norwegian", "Oslo", ""),
    "PRT": ("Portuguese", "Lisbon", ""),
    "ESP": ("Spanish", "Madrid", "Spaniard"),
    "SWE": ("Swedish", "Stockholm", "Swede"),
    "CHE": ("Swiss", "Bern|Berne", ""),
    "GBR": ("British", "London", "Briton"),
    "BHR": ("Bahraini", "Manama", ""),
    "EGY": ("Egyptian", "Cairo", ""),
    "IRN": ("Iranian", "Tehran", ""),
    "IRQ": ("Iraqi", "Baghdad", ""),
    "ISR": ("Israeli", "Jerusalem", ""),
    "JOR": ("Jordanian", "Amman", ""),
    "KWT": ("Kuwaiti", "Kuwait City", ""),
    "LBN": ("Lebanese", "Beirut", ""),
    "OMN": ("Omani", "Muscat", ""),
    "QAT": ("Qatari", "Doha", ""),
    "SAU": ("Saudi", "Riyadh", "Saudi Arabian"),
    "SYR": ("Syrian", "Damascus", ""),
    "TUR": ("Turkish", "Ankara", "Turk"),
    "ARE": ("Emirati", "Abu Dhabi", ""),
    "YAR": ("North Yemeni", "", ""),
    "YEM": ("Yemeni", "Sanaa|Sana'a", ""),
}

# (alias, entity_id, alias_kind) written by hand: other names, short names, metonyms,
# abbreviations. An alias given for two entities is ambiguous on purpose.
EXTRA: tuple[tuple[str, str, str], ...] = (
    ("America", "USA", "short_name"),
    ("the United States", "USA", "name"),
    ("US", "USA", "abbreviation"),
    ("U.S.", "USA", "abbreviation"),
    ("USA", "USA", "abbreviation"),
    ("the White House", "USA", "metonym"),
    ("the Pentagon", "USA", "metonym"),
    ("UK", "GBR", "abbreviation"),
    ("U.K.", "GBR", "abbreviation"),
    ("Britain", "GBR", "short_name"),
    ("Great Britain", "GBR", "short_name"),
    ("Whitehall", "GBR", "metonym"),
    ("Downing Street", "GBR", "metonym"),
    ("the Élysée", "FRA", "metonym"),
    ("the Elysee", "FRA", "metonym"),
    ("the Kremlin", "RUS", "metonym"),
    ("Kremlin", "RUS", "metonym"),
    ("Russian Federation", "RUS", "name"),
    ("PRC", "CHN", "abbreviation"),
    ("Czech Republic", "CZE", "name"),
    ("Turkey", "TUR", "name"),
    ("Holland", "NLD", "short_name"),
    ("the Netherlands", "NLD", "name"),
    ("Macedonia", "MKD", "short_name"),
    ("Ivory Coast", "CIV", "name"),
    ("Cote d'Ivoire", "CIV", "name"),
    ("Burma", "MMR", "name"),
    ("Swaziland", "SWZ", "name"),
    ("Cabo Verde", "CPV", "name"),
    ("Viet Nam", "VNM", "name"),
    ("Kyrgyz Republic", "KGZ", "name"),
    ("East Timor", "TLS", "name"),
    ("Timor Leste", "TLS", "name"),
    ("DRC", "COD", "abbreviation"),
    ("Democratic Republic of the Congo", "COD", "name"),
    ("Congo-Kinshasa", "COD", "name"),
    ("Congo-Brazzaville", "COG", "name"),
    ("Congo", "COD", "short_name"),
    ("Congo", "COG", "short_name"),
    ("Korea", "KOR", "short_name"),
    ("Korea", "PRK", "short_name"),
    ("DPRK", "PRK", "abbreviation"),
    ("ROK", "KOR", "abbreviation"),
    ("Gambia", "GMB", "name"),
    ("UAE", "ARE", "abbreviation"),
    ("the Emirates", "ARE", "short_name"),
    ("USSR", "SUN", "abbreviation"),
    ("GDR", "DDR", "abbreviation"),
    ("German Democratic Republic", "DDR", "name"),
    ("Yemen Arab Republic", "YAR", "name"),
    ("Bosnia", "BIH", "short_name"),
    ("Beijing", "CHN", "capital"),
    ("Peking", "CHN", "capital"),
    ("Delhi", "IND", "metonym"),
    ("Colombo", "LKA", "metonym"),
    # blocs
    ("NATO", "NATO", "abbreviation"),
    ("North Atlantic Treaty Organization", "NATO", "name"),
    ("North Atlantic Treaty Organisation", "NATO", "name"),
    ("the Alliance", "NATO", "metonym"),
    ("the Atlantic Alliance", "NATO", "metonym"),
    ("the North Atlantic Alliance", "NATO", "metonym"),
    ("the Western bloc", "NATO", "metonym"),
    ("the bloc", "NATO", "metonym"),
    ("the West", "NATO", "metonym"),
    ("allies", "NATO", "metonym"),
    ("NATO Europe and Canada", "NATO_EUCA", "name"),
    ("European allies and Canada", "NATO_EUCA", "short_name"),
    ("Europe and Canada", "NATO_EUCA", "short_name"),
    ("European Union", "EU", "name"),
    ("EU", "EU", "abbreviation"),
    ("Brussels", "NATO", "metonym"),
    ("Brussels", "EU", "metonym"),
    ("Europe", "EU", "metonym"),
    # regions
    ("World", "WLD", "name"),
    ("the world", "WLD", "short_name"),
    ("the Americas", "SIPRI_AMERICAS", "short_name"),
    ("Asia and Oceania", "SIPRI_ASIA_OCEANIA", "name"),
    ("South-East Asia", "SIPRI_SOUTH_EAST_ASIA", "name"),
    ("Southeast Asia", "SIPRI_SOUTH_EAST_ASIA", "name"),
    ("the Middle East", "SIPRI_MIDDLE_EAST", "name"),
)

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


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(name: str, columns: list[str], rows: list[dict[str, object]], origin: dict) -> None:
    path = OUT / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: "" if r.get(c) is None else r.get(c) for c in columns})
    sidecar = {"file": name, "sha256": sha(path), "rows": len(rows), **origin}
    (OUT / f"{name.removesuffix('.csv')}.sources.yml").write_text(
        yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def read_sipri(workbook: Path) -> list[tuple[str, str, str, int, int | None]]:
    """(SIPRI name, sub-region heading, region heading, first year, last year or None)."""
    import openpyxl

    wb = openpyxl.load_workbook(workbook, read_only=True)
    rows = list(wb[SIPRI_SHEET].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Country")
    years = [(i, int(h)) for i, h in enumerate(header) if isinstance(h, int | float)]
    final = years[-1][1]
    out = []
    region = sub = ""
    for r in rows[rows.index(header) + 1 :]:
        if not r or not r[0]:
            continue
        name = str(r[0]).strip()
        if name in REGIONS:
            if name in TOP_REGIONS:
                region, sub = name, name
            else:
                sub = name
            continue
        if name in NOT_COUNTRIES or not region:
            continue
        present = [y for i, y in years if r[i] != "xxx"]
        last = present[-1] if present[-1] < final else None
        out.append((name, sub, region, present[0], last))
    return out


def iso3(name: str) -> str:
    import pycountry

    if name in SIPRI_ISO3:
        return SIPRI_ISO3[name]
    country = pycountry.countries.get(name=name) or pycountry.countries.get(common_name=name)
    if country is None:
        raise SystemExit(f"no ISO3 code for SIPRI's {name!r}; add it to SIPRI_ISO3")
    return str(country.alpha_3)


def build(workbook: Path) -> None:
    import pycountry

    sipri = read_sipri(workbook)
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
    wb_sha = sha(workbook)
    sipri_origin = {
        "derived_from": "SIPRI Military Expenditure Database, 2025 release, workbook "
        "SIPRI-Milex-data-1949-2024_2.xlsx, sheet 'Constant (2023) US$' (countries grouped "
        "by region and sub-region)",
        "original_url": "https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx",
        "found_copy": "github shruti-01-narwat/Global_Military_Expenditure_Dashboard "
        "@ 5885c546162547a02eabf43d75b259df1fa427c1",
        "workbook_sha256": wb_sha,
        "built_by": "scripts/build_entities.py",
    }
    write(
        "entities.csv",
        ["entity_id", "name", "kind", "parent"],
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
        "aliases.csv",
        ["alias", "entity_id", "alias_kind"],
        alias_rows,
        {
            "derived_from": "SIPRI's country names (workbook above), ISO 3166 names from "
            f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}, "
            "and word lists (adjectives, demonyms, capitals, metonyms, abbreviations) curated "
            "for this project in scripts/build_entities.py",
            "workbook_sha256": wb_sha,
            "built_by": "scripts/build_entities.py",
            "note": "an alias listed for several entities (Brussels, Europe, Korea, Congo, "
            "Congolese) is ambiguous and never resolved to one of them",
        },
    )
    write(
        "membership_sipri.csv",
        ["country", "bloc", "valid_from", "valid_to", "source_id"],
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
        "membership_eu.csv",
        ["country", "bloc", "valid_from", "valid_to", "source_id"],
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
        "sources_entities.csv",
        [
            "source_id",
            "publisher",
            "title",
            "url",
            "date_published",
            "date_accessed",
            "license",
            "claim_type",
            "release",
            "obtained_via",
            "note",
        ],
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


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build(Path(sys.argv[1]))
