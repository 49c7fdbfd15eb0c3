"""Derive armsrace's packaged fact CSVs from the shared reference data.

Run once by a maintainer when the reference data changes:

    python scripts/build_package_data.py ../shared/reference-data

It reads the publishers' tables in ``primary/`` (SIPRI, NATO, IMF) and the sourced starter
set, and writes the long-format CSVs plus ``*.sources.yml`` sidecars into
``src/armsrace/facts/data/``. Nothing is computed here except unit moves stated in the
sidecars; rows are copied, relabelled and keyed by source and release.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

import yaml

from armsrace.facts.schema import TABLES

OUT = Path(__file__).resolve().parent.parent / "src" / "armsrace" / "facts" / "data"
ACCESSED = "2026-11-26"

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
ALIASES = {
    "RUS": "Russia;Russian Federation;Moscow;the Kremlin;Kremlin;Russian",
    "USA": "United States;US;U.S.;USA;America;Washington;the United States",
    "UKR": "Ukraine;Kyiv;Kiev;Ukrainian",
    "CHN": "China;Beijing;PRC;Chinese",
    "BLR": "Belarus;Minsk",
    "GBR": "United Kingdom;UK;Britain;London;British",
    "DEU": "Germany;Berlin;German",
    "FRA": "France;Paris;French",
    "POL": "Poland;Warsaw;Polish",
    "TUR": "Türkiye;Turkey;Ankara",
    "CZE": "Czechia;Czech Republic",
    "NATO": "NATO;the alliance;the Alliance;the Atlantic Alliance;the North Atlantic Alliance;"
    "the Western bloc;the bloc;the West;allies",
    "NATO_EUCA": "NATO Europe and Canada;European allies and Canada;Europe and Canada",
}

PRIMARY_SOURCES = [
    {
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
    },
    {
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
    },
    {
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
    },
    {
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
    },
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

SOURCE_COLUMNS = list(TABLES["source"].columns)
OBS_COLUMNS = list(TABLES["observation"].columns)
PROD_COLUMNS = list(TABLES["production"].columns)
STMT_COLUMNS = list(TABLES["statement"].columns)
TARGET_COLUMNS = list(TABLES["target"].columns)

KEEP = set(ALLIES) | set(OTHERS)
AGGREGATE_NAMES = {"NATO Europe and Canada": "NATO_EUCA", "NATO Total": "NATO"}
STARTER_AGGREGATES = {"NATO": "NATO", "NATO-EU-CAN": "NATO_EUCA"}


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(name: str, columns: list[str], rows: list[dict[str, object]], origin: dict) -> None:
    path = OUT / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: "" if r.get(c) is None else r.get(c) for c in columns})
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sidecar = {"file": name, "sha256": digest, "rows": len(rows), **origin}
    (OUT / f"{name.removesuffix('.csv')}.sources.yml").write_text(
        yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def nato_release(note: str, source_id: str) -> str:
    n = note.lower()
    if "annual report" in n:
        return "NATO AR 2026-03" if "2026" in n else "NATO annual report"
    if "june 2024" in n:
        return "NATO 2024-06"
    if "july 2023" in n:
        return "NATO 2023-07"
    if "aug 2025" in n:
        return "NATO 2025-08"
    if "annual report" in n or "2026" in n:
        return "NATO AR 2026-03" if "2026" in n or "natoar" in source_id else "NATO annual report"
    return "NATO (release not stated)"


def build_observations(ref: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    # SIPRI 2025 release
    measure_map = {
        "constant_usd_million": ("milex_usd_constant", "usd_million", "2023"),
        "current_usd_million": ("milex_usd_current", "usd_million", ""),
        "share_gdp_pct": ("milex_share_gdp", "pct_gdp", ""),
    }
    for r in read(ref / "primary" / "sipri_milex_2025.csv"):
        if r["iso3"] not in KEEP or r["measure"] not in measure_map:
            continue
        ind, unit, base = measure_map[r["measure"]]
        rows.append(
            dict(
                entity=r["iso3"],
                year=r["year"],
                indicator=ind,
                value=r["value"],
                unit=unit,
                price_base=base,
                estimate="true" if "estimate" in r["note"].lower() else "false",
                definition="SIPRI",
                release="SIPRI 2025",
                source_id="sipri-milex-2025",
                note=r["note"],
            )
        )
    # NATO releases
    nato_measures = {
        "share_gdp_pct": ("milex_share_gdp", "pct_gdp", ""),
        "real_change_pct": ("milex_real_change", "pct", ""),
        "usd_million_current": ("milex_usd_current", "usd_million", ""),
        "usd_million_constant_2015": ("milex_usd_constant", "usd_million", "2015"),
        "equipment_share_pct": ("equipment_share", "pct_milex", ""),
    }
    for fname, sid, release in [
        ("nato_defexp_2024-06.csv", "nato-defexp-2024-06", "NATO 2024-06"),
        ("nato_defexp_2025-08.csv", "nato-defexp-2025-08", "NATO 2025-08"),
    ]:
        for r in read(ref / "primary" / fname):
            entity = r["iso3"] or AGGREGATE_NAMES.get(r["country"], "")
            if not entity:
                raise SystemExit(f"{fname}: unknown aggregate {r['country']!r}")
            ind, unit, base = nato_measures[r["measure"]]
            rows.append(
                dict(
                    entity=entity,
                    year=r["year"],
                    indicator=ind,
                    value=r["value"],
                    unit=unit,
                    price_base=base,
                    estimate=r["estimate"],
                    definition="NATO",
                    release=release,
                    source_id=sid,
                    note=r["note"] if r["value"] == "" or "*" in r["note"] else "",
                )
            )
    # IMF WEO Oct 2025
    for r in read(ref / "primary" / "imf_weo_2025-10.csv"):
        ind = {
            "gdp_usd_billion_current": ("gdp_usd_current", "usd_billion"),
            "gdp_ppp_intl_billion_current": ("gdp_ppp_current", "intl_usd_billion"),
        }[r["measure"]]
        rows.append(
            dict(
                entity=r["iso3"],
                year=r["year"],
                indicator=ind[0],
                value=r["value"],
                unit=ind[1],
                price_base="",
                estimate="",
                definition="IMF",
                release="IMF WEO 2025-10",
                source_id="imf-weo-2025-10",
                note="",
            )
        )
    # Starter: NATO shares relayed by the press (other releases, or second transcriptions)
    for r in read(ref / "nato_defence_share_gdp.csv"):
        entity = r["iso3"]
        placeholder = r["note"].startswith("NOT a NATO estimate")
        rows.append(
            dict(
                entity=entity,
                year=r["year"],
                indicator="milex_share_gdp",
                value=r["share_gdp_pct"],
                unit="pct_gdp",
                price_base="",
                estimate=r["estimate"],
                definition="press placeholder" if placeholder else "NATO",
                release="none (press placeholder)"
                if placeholder
                else nato_release(r["note"], r["source_id"]),
                source_id=r["source_id"],
                note=r["note"],
            )
        )
    for r in read(ref / "nato_defence_usd.csv"):
        entity = STARTER_AGGREGATES.get(r["iso3"], r["iso3"])
        definition = "SIPRI" if "sipri" in r["note"].lower() else "NATO"
        if r["iso3"] == "NATO-EUROPE":
            continue  # SIPRI's "European NATO" has no entity here; kept in the starter set only
        for col, ind, base in [
            ("usd_million_current", "milex_usd_current", ""),
            ("usd_million_constant_2021", "milex_usd_constant", "2021"),
        ]:
            if r[col] == "":
                continue
            rows.append(
                dict(
                    entity=entity,
                    year=r["year"],
                    indicator=ind,
                    value=r[col],
                    unit="usd_million",
                    price_base=base,
                    estimate="",
                    definition=definition,
                    release="SIPRI (press relay)"
                    if definition == "SIPRI"
                    else nato_release(r["note"], r["source_id"]),
                    source_id=r["source_id"],
                    note=r["note"],
                )
            )
    # Starter: Russia / Ukraine / China spending relayed by the press
    for r in read(ref / "milex_other.csv"):
        note = r["note"]
        definition = (
            "IISS"
            if "IISS" in note
            else ("national" if "budget" in note.lower() or "Belousov" in note else "SIPRI")
        )
        release = ""
        m = re.search(r"SIPRI (?:April |May )?(\d{4}) release", note)
        if m:
            release = f"SIPRI {m.group(1)}"
        for col, ind, unit in [
            ("usd_million_current", "milex_usd_current", "usd_million"),
            ("share_gdp_pct", "milex_share_gdp", "pct_gdp"),
        ]:
            if r[col] == "":
                continue
            rows.append(
                dict(
                    entity=r["iso3"],
                    year=r["year"],
                    indicator=ind,
                    value=r[col],
                    unit=unit,
                    price_base="",
                    estimate="",
                    definition=definition,
                    release=release,
                    source_id=r["source_id"],
                    note=note,
                )
            )
    # Russia's federal budget "National defence" chapter (RUB trillion stated in the source note)
    for year, trn in [(2025, "13500"), (2026, "12800"), (2027, "13100")]:
        rows.append(
            dict(
                entity="RUS",
                year=year,
                indicator="budget_defence_lcu",
                value=trn,
                unit="rub_billion",
                price_base="",
                estimate="true",
                definition="national",
                release="Federal budget 2025-2027 (draft, Sep 2024)",
                source_id="rb-2024-09-budget",
                note="chapter 'National defence'; RUB trillion in the source, written here in billions",
            )
        )
    # Starter GDP (World Bank 2024 and IMF Apr-2025 2025 via a Wikipedia scrape)
    for r in read(ref / "gdp.csv"):
        if r["gdp_usd_billion_current"] == "":
            continue
        release = "World Bank (2024 assumed)" if r["year"] == "2024" else "IMF WEO 2025-04"
        rows.append(
            dict(
                entity=r["iso3"],
                year=r["year"],
                indicator="gdp_usd_current",
                value=r["gdp_usd_billion_current"],
                unit="usd_billion",
                price_base="",
                estimate="",
                definition="World Bank" if r["year"] == "2024" else "IMF",
                release=release,
                source_id=r["source_id"],
                note=r["note"],
            )
        )
    return rows


ITEM_PATTERNS = [
    (r"shell|ammunition|artillery round", "artillery_ammunition"),
    (r"tank|T-90", "tanks"),
    (r"armoured|armored", "armoured_vehicles"),
    (r"aircraft|helicopter", "combat_aircraft"),
    (r"PAC-3|interceptor", "interceptors"),
    (r"missile", "long_range_missiles"),
    (r"drone|UAV", "drones"),
]
UP_TO_CORRECTIONS = {
    "pravda-ua-2025-09-06": "source says 'up to 2,700 a month': stored as high, not central",
    "onlineua-2025-janes": "source says 'up to 400' new tanks a year: stored as high, not central",
}
SIDES = {"Russia": "RUS", "NATO": "NATO", "Ukraine": "UKR"}


def classify_item(label: str) -> str:
    for pat, item in ITEM_PATTERNS:
        if re.search(pat, label, re.IGNORECASE):
            return item
    raise SystemExit(f"no item category for {label!r}")


def classify_kind(label: str, unit: str) -> str:
    low = label.lower()
    if unit.startswith("multiple"):
        return "multiple"
    if "target" in low:
        return "target"
    if "capacity" in low:
        return "capacity"
    if "plan" in low or "forecast" in low:
        return "plan"
    return "output"


def build_production(ref: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    prod: list[dict[str, object]] = []
    stmts: list[dict[str, object]] = []
    for r in read(ref / "production_estimates.csv"):
        if r["source_id"] == "globalresearch-2025-05-30":
            continue  # the article under test is not evidence for itself
        if r["unit"] == "ratio":
            if r["claimant"].startswith("derived"):
                continue  # computed by the compiler, not published; armsrace derives its own
            num, _, den = r["country_or_bloc"].partition(":")
            if not den:  # "NATO vs Russia" rows naming one side only compare it with the other
                den = "Russia" if num == "NATO" else "NATO"
            metric = {
                "ammunition output ratio": "ammunition_output_ratio",
                "economy size ratio": "gdp_ratio",
            }[r["item"]]
            stmts.append(
                dict(
                    metric=metric,
                    numerator=SIDES.get(num, num),
                    denominator=SIDES.get(den, den),
                    year=r["year"],
                    value=r["quantity_central"],
                    low=r["quantity_low"],
                    high=r["quantity_high"],
                    claimant=r["claimant"],
                    claim_type=r["claim_type"],
                    source_id=r["source_id"],
                    note=r["note"],
                )
            )
            continue
        if r["source_id"] in UP_TO_CORRECTIONS and r["quantity_central"]:
            # the source says "up to N": a ceiling, not a central value (spot-check 2026-11-26)
            r = dict(r, quantity_high=r["quantity_central"], quantity_central="")
            r["note"] = (r["note"] + "; " if r["note"] else "") + UP_TO_CORRECTIONS[r["source_id"]]
        prod.append(
            dict(
                item=classify_item(r["item"]),
                item_label=r["item"],
                kind=classify_kind(r["item"], r["unit"]),
                side=SIDES[r["side"]],
                producer=r["country_or_bloc"],
                year=r["year"],
                period=r["period"],
                low=r["quantity_low"],
                central=r["quantity_central"],
                high=r["quantity_high"],
                unit=r["unit"],
                claimant=r["claimant"],
                claim_type=r["claim_type"],
                source_id=r["source_id"],
                note=r["note"],
            )
        )
    return prod, stmts


def build_sources(ref: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [dict(s, date_accessed=ACCESSED) for s in PRIMARY_SOURCES]
    for r in read(ref / "sources.csv"):
        rows.append(
            dict(
                source_id=r["source_id"],
                publisher=r["publisher"],
                title=r["title"],
                url=r["url"],
                date_published=r["published_date"],
                date_accessed=ACCESSED,
                license="",
                claim_type="",
                release="",
                obtained_via="search tool (stored public pages)",
                note=r["accessed_note"],
            )
        )
    return rows


def build_targets(ref: Path) -> list[dict[str, object]]:
    rows = []
    for r in read(ref / "targets.csv"):
        base = "defence_expenditure" if "equip" in r["target_id"] else "gdp"
        share = r["share_gdp_pct"]
        if r["target_id"] == "wales-2014-dip-20pct-equip":
            share = "20"
        rows.append(
            dict(
                target_id=r["target_id"],
                name=r["name"],
                share_pct=share,
                share_of=base,
                deadline_year=r["deadline_year"],
                agreed_at=r["agreed_at"],
                agreed_date=r["agreed_date"],
                applies_to="ESP" if r["target_id"] == "hague-2025-spain-2.1" else "NATO",
                status="disputed"
                if r["target_id"] in ("hague-2025-spain-2.1", "press-2032-variant")
                else "agreed",
                scope_note=r["scope_note"],
                source_id=r["source_id"],
            )
        )
    return rows


def build_entities() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    ents: list[dict[str, object]] = []
    for iso, (name, _) in sorted(ALLIES.items()):
        ents.append(dict(entity_id=iso, name=name, kind="country", aliases=ALIASES.get(iso, name)))
    for iso, name in sorted(OTHERS.items()):
        ents.append(dict(entity_id=iso, name=name, kind="country", aliases=ALIASES.get(iso, name)))
    ents.append(
        dict(entity_id="NATO", name="NATO (all allies)", kind="bloc", aliases=ALIASES["NATO"])
    )
    ents.append(
        dict(
            entity_id="NATO_EUCA",
            name="NATO Europe and Canada",
            kind="bloc",
            aliases=ALIASES["NATO_EUCA"],
        )
    )
    members: list[dict[str, object]] = []
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
    return ents, members


def main(ref_dir: str) -> None:
    ref = Path(ref_dir)
    OUT.mkdir(parents=True, exist_ok=True)
    inputs = {
        p.name: sha(p) for p in sorted(ref.glob("*.csv")) + sorted((ref / "primary").glob("*.csv"))
    }
    origin = {
        "derived_from": "shared reference data (primary/ publisher copies first; starter set for the rest)",
        "inputs_sha256": inputs,
        "built_by": "scripts/build_package_data.py",
    }
    write("sources.csv", SOURCE_COLUMNS, build_sources(ref), origin)
    write("observations.csv", OBS_COLUMNS, build_observations(ref), origin)
    prod, stmts = build_production(ref)
    write("production.csv", PROD_COLUMNS, prod, origin)
    write("statements.csv", STMT_COLUMNS, stmts, origin)
    write(
        "targets.csv",
        TARGET_COLUMNS,
        build_targets(ref),
        origin,
    )
    ents, members = build_entities()
    write(
        "entities.csv",
        ["entity_id", "name", "kind", "aliases"],
        ents,
        {"note": "ISO 3166-1 alpha-3 codes; blocs defined by membership.csv"},
    )
    write(
        "membership.csv",
        ["country", "bloc", "valid_from", "valid_to", "source_id"],
        members,
        {"note": "year of accession; NATO_EUCA = NATO without the United States"},
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference-data")
