"""The dated production series (``production_series.csv``, ``sources_series.csv``): rows load
with their classification and sources, bad rows are refused with file, line and field,
relays stay one estimate, and totals never pool different basis, scope or subtype."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from armsrace.errors import DataError
from armsrace.facts import queries
from armsrace.facts.schema import TABLES
from armsrace.facts.store import build_store, packaged_data_dir
from armsrace.facts.totals import production_total

SERIES = "production_series.csv"
SOURCES = "sources_series.csv"
COLUMNS = TABLES["production"].columns
GOOD = {
    "claim_id": "test/series",
    "item": "drones",
    "item_label": "test drones",
    "kind": "output",
    "basis": "new_build",
    "scope": "plant",
    "subtype": "long_range_attack",
    "model": "",
    "side": "RUS",
    "country": "RUS",
    "producer": "a plant",
    "year": "2024",
    "period": "year",
    "low": "",
    "central": "100",
    "high": "",
    "unit": "drones",
    "claimant": "someone",
    "claim_date": "2025-04",
    "claim_type": "official",
    "source_id": "interfax-ua-2025-04-23-kovalenko-alabuga",
    "note": "",
}


def _rows(name: str) -> list[dict[str, str]]:
    with open(packaged_data_dir() / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _data_with(tmp_path: Path, name: str, row: dict[str, str], columns: tuple[str, ...]) -> int:
    """A copy of the packaged data with ``row`` appended to ``name``; returns its line."""
    data = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), data)
    path = data / name
    text = path.read_text(encoding="utf-8")
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow([row.get(c, "") for c in columns])
    return text.count("\n") + 1


def test_every_series_claim_and_relay_has_a_dated_source_with_url(store: object) -> None:
    sources = queries.sources(store).set_index("source_id")  # type: ignore[arg-type]
    claims = _rows(SERIES)
    assert len(claims) >= 15
    named = {r["source_id"] for r in claims}
    relays = queries.claim_sources(store)  # type: ignore[arg-type]
    named |= set(relays[relays["claim_id"].isin([r["claim_id"] for r in claims])]["source_id"])
    for sid in named:
        src = sources.loc[sid]
        assert src["publisher"] and str(src["url"]).startswith("https://"), sid
        assert str(src["date_published"])[:2] == "20", sid
    for row in claims:
        assert row["claimant"] and row["claim_date"] and row["basis"] and row["scope"], row


def test_series_rows_load_with_their_classification(store: object) -> None:
    us = queries.production(
        store,  # type: ignore[arg-type]
        side="NATO",
        item="artillery_ammunition",
        year=2023,
        kind="output",
        subtype="155mm",
    )
    laplante = us[us["claim_id"] == "devdiscourse-2023-09-15-laplante/artillery_ammunition/2023"]
    assert len(laplante) == 1
    row = laplante.iloc[0]
    assert (row["central"], row["period"], row["country"]) == (28000, "month", "USA")
    assert "LaPlante" in row["claimant"] and row["claim_date"] == "2023-09-15"
    # the early-2023 rate and Breton's comparison are further estimates of the same year
    assert set(us["central"].dropna()) >= {14000, 28000, 300000}
    drones = queries.production(store, side="RUS", item="drones", year=2024, scope="plant")  # type: ignore[arg-type]
    alabuga = drones[drones["subtype"] == "long_range_attack"]
    assert list(alabuga["low"]) == [6000] and alabuga["central"].isna().all()
    t90m = queries.production(
        store, side="RUS", item="tanks", year=2024, basis="new_plus_refurbished"
    )  # type: ignore[arg-type]
    cit = t90m[t90m["claimant"].str.contains("Conflict Intelligence Team")]
    assert list(zip(cit["low"], cit["high"], cit["model"], strict=True)) == [(200, 300, "T-90M")]


def test_a_claim_relayed_by_several_outlets_is_one_estimate(store: object) -> None:
    cid = "devdiscourse-2023-09-15-laplante/artillery_ammunition/2023"
    srcs = queries.claim_sources(store, claim_id=cid)  # type: ignore[arg-type]
    assert list(srcs["relay_order"]) == list(range(1, len(srcs) + 1))
    assert len(srcs) == 5 and srcs["source_id"].iloc[0] == "devdiscourse-2023-09-15-laplante"
    prod = queries.production(store)  # type: ignore[arg-type]
    relays_only = set(srcs["source_id"].iloc[1:]) - {"executivegov-2023-09-laplante"}
    # an outlet that only relays is never a claim of its own
    assert not prod["source_id"].isin(relays_only).any()
    # the 4.5 million of the Estonian estimate and of Bain are two claimants, one row each,
    # keyed by their own 2024 publications rather than by a 2025 article quoting both
    rus = prod[(prod["side"] == "RUS") & (prod["year"] == 2024) & (prod["central"] == 4500000)]
    assert sorted(rus["source_id"]) == [
        "magzter-2024-02-16-guardian-weekly",
        "newsio-2024-05-26-bain-sky",
    ]
    total = production_total(
        store,  # type: ignore[arg-type]
        item="artillery_ammunition",
        side="RUS",
        year=2024,
        basis="produced_or_refurbished",
    )
    # two claimants of one figure for one producer: alternatives, never added up
    assert total.central == 4500000 and total.high == 4500000


def test_totals_never_pool_basis_scope_or_subtype(store: object) -> None:
    nato = production_total(store, item="artillery_ammunition", side="NATO", year=2024)  # type: ignore[arg-type]
    # Bain's US + Europe all-calibre figure stands alone; the 155mm claims are another set
    assert (nato.basis, nato.subtype, nato.central) == ("new_build", "all_calibres", 1300000)
    assert any(a.startswith("new_build/155mm") for a in nato.alternatives)
    us155 = production_total(
        store,  # type: ignore[arg-type]
        item="artillery_ammunition",
        side="NATO",
        year=2023,
        subtype="155mm",
    )
    rows = queries.production(
        store,  # type: ignore[arg-type]
        side="NATO",
        item="artillery_ammunition",
        year=2023,
        kind="output",
        subtype="155mm",
    )
    per_year = rows["central"].fillna(rows["low"]) * rows["period"].map({"month": 12, "year": 1})
    by_country = per_year.groupby(rows["country"])
    # each country's dated rates (LaPlante's two, Wormuth's, Bush's, the Army's lower bound,
    # Breton's) are alternatives for one producer: ranged, then added across countries
    assert us155.covered == ("FRA", "USA") and us155.subtype == "155mm"
    assert us155.low == by_country.min().sum() and us155.high == by_country.max().sum()
    assert us155.high < per_year.sum()
    rus = production_total(store, item="artillery_ammunition", side="RUS", year=2024)  # type: ignore[arg-type]
    assert rus.basis in {"new_build", "produced_or_refurbished"} and rus.subtype is not None
    assert rus.high is not None and rus.high <= 4500000  # never 3m + 4.5m + 2m added together
    # plant-level drone figures do not add to the country's long-range figures
    drones = production_total(
        store, item="drones", side="RUS", year=2024, subtype="long_range_attack"
    )  # type: ignore[arg-type]
    assert drones.partial == () and drones.covered == ("RUS",)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"basis": ""}, "basis", "is required and empty"),
        ({"scope": "galaxy"}, "scope", "must be one of plant"),
        ({"subtype": "shahed"}, "subtype", "is not a subtype of drones"),
        ({"claim_date": "April 2025"}, "claim_date", "must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"country": ""}, "country", "is required for scope plant"),
        ({"central": "-5"}, "central", "a count cannot be negative"),
        ({"source_id": "nowhere-2025"}, "source_id", "unknown source"),
    ],
)
def test_build_refuses_a_bad_series_row_naming_file_line_and_field(
    tmp_path: Path, changes: dict[str, str], field: str, message: str
) -> None:
    line = _data_with(tmp_path, SERIES, {**GOOD, **changes}, COLUMNS)
    target = tmp_path / "facts.duckdb"
    with pytest.raises(DataError) as info:
        build_store(target, data_dir=tmp_path / "data")
    text = str(info.value)
    assert f"{SERIES} line {line}, field `{field}`" in text
    assert message in text
    assert not target.exists()


def test_build_refuses_a_series_source_without_url(tmp_path: Path) -> None:
    cols = TABLES["source"].columns
    row = {"source_id": "test-source", "publisher": "someone", "title": "a title", "url": ""}
    line = _data_with(tmp_path, SOURCES, row, cols)
    with pytest.raises(DataError) as info:
        build_store(tmp_path / "facts.duckdb", data_dir=tmp_path / "data")
    assert f"{SOURCES} line {line}, field `url`" in str(info.value)


def test_the_good_row_itself_loads(tmp_path: Path) -> None:
    """The bad-row cases above fail for their field only: the unchanged row builds."""
    _data_with(tmp_path, SERIES, GOOD, COLUMNS)
    target = tmp_path / "facts.duckdb"
    build_store(target, data_dir=tmp_path / "data")
    assert target.exists()
