"""Spending and GDP figures from the starter set: press relays of NATO, SIPRI, IISS, budgets."""

from __future__ import annotations

import re
from pathlib import Path

from package_data.files import Row, read

STARTER_AGGREGATES = {"NATO": "NATO", "NATO-EU-CAN": "NATO_EUCA"}


def nato_release(note: str, source_id: str) -> str:
    """The NATO release a relayed figure comes from, as far as the relay's note says."""
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


def nato_shares(ref: Path) -> list[Row]:
    """NATO shares of GDP relayed by the press (other releases, or second transcriptions)."""
    rows: list[Row] = []
    for r in read(ref / "nato_defence_share_gdp.csv"):
        placeholder = r["note"].startswith("NOT a NATO estimate")
        rows.append(
            dict(
                entity=r["iso3"],
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
    return rows


def nato_usd(ref: Path) -> list[Row]:
    """NATO (and SIPRI) US$ totals relayed by the press."""
    rows: list[Row] = []
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
    return rows


def other_milex(ref: Path) -> list[Row]:
    """Russia / Ukraine / China spending relayed by the press."""
    rows: list[Row] = []
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
    return rows


def russia_budget() -> list[Row]:
    """Russia's federal budget "National defence" chapter (RUB trillion stated in the source)."""
    return [
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
        for year, trn in [(2025, "13500"), (2026, "12800"), (2027, "13100")]
    ]


def starter_gdp(ref: Path) -> list[Row]:
    """Starter GDP (World Bank 2024 and IMF Apr-2025 2025 via a Wikipedia scrape)."""
    rows: list[Row] = []
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


def observations(ref: Path) -> list[Row]:
    """Every starter-set observation, in the packaged order."""
    return [
        *nato_shares(ref),
        *nato_usd(ref),
        *other_milex(ref),
        *russia_budget(),
        *starter_gdp(ref),
    ]
