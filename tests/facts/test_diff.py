"""Revisions between two releases of one publisher (library, CLI, report section)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from armsrace.errors import ReleaseError
from armsrace.facts import diff, queries
from armsrace.facts.store import build_store, open_store, packaged_data_dir


def _store_with(tmp_path: Path, source_row: str, observation_row: str) -> tuple[Path, Path]:
    """A store built from the packaged data plus one source row and one observation row
    (CSV lines); returns the store path and its data folder."""
    data = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), data)
    (data / "sources_test.csv").write_text(
        "source_id,publisher,title,url,release\n" + source_row + "\n", encoding="utf-8"
    )
    (data / "observations_test.csv").write_text(
        "entity,year,indicator,value,unit,definition,release,source_id\n" + observation_row + "\n",
        encoding="utf-8",
    )
    path = tmp_path / "facts.duckdb"
    build_store(path, data_dir=data)
    return path, data


def test_releases_are_grouped_by_publisher_and_dated(store) -> None:
    known = diff.releases(store).set_index("release")
    assert known.loc["NATO 2025-08", "publisher"] == "NATO"
    assert known.loc["NATO AR 2026-03", "publisher"] == "NATO"
    assert known.loc["IMF WEO 2025-10", "date"] == "2025-10"
    # labels without a date are not releases
    assert not any("not stated" in r for r in known.index)


def test_nato_2024_share_revisions_as_published(store) -> None:
    frame = diff.revisions(
        store,
        from_release="NATO 2024-06",
        to_release="NATO 2025-08",
        indicator="milex_share_gdp",
    )
    pol = frame[(frame["entity"] == "POL") & (frame["year"] == 2024)].iloc[0]
    old = queries.observations(
        store, entity="POL", year=2024, indicator="milex_share_gdp", source_id="nato-defexp-2024-06"
    )["value"].iloc[0]
    new = queries.observations(
        store, entity="POL", year=2024, indicator="milex_share_gdp", source_id="nato-defexp-2025-08"
    )["value"].iloc[0]
    assert (pol["old_value"], pol["new_value"]) == (old, new)
    assert math.isclose(pol["change"], new - old)
    assert (pol["from_source_id"], pol["to_source_id"]) == (
        "nato-defexp-2024-06",
        "nato-defexp-2025-08",
    )
    # largest absolute revision first
    changes = frame["change"].abs().tolist()
    assert changes == sorted(changes, reverse=True)


def test_the_publishers_table_speaks_for_its_release(store) -> None:
    frame = diff.revisions(store, from_release="NATO 2024-06", to_release="NATO 2025-08")
    own = frame[frame["entity"].isin(["POL", "GRC", "DEU"])]
    assert set(own["from_source_id"]) == {"nato-defexp-2024-06"}


def test_changes_within_rounding_are_not_revisions(store) -> None:
    frame = diff.revisions(store, from_release="NATO 2024-06", to_release="NATO 2025-08")
    for r in frame.itertuples():
        assert r.old_value != r.new_value
    # 2025-08 POL 2025 is 4.480549 in NATO's table and 4.48 in relays: one release, no revision
    assert diff._beyond_rounding(4.48, 4.480549) is False
    assert diff._beyond_rounding(109_000.0, 109_203.62) is False  # "109 billion" in millions
    assert diff._beyond_rounding(4.12, 3.789) is True


def test_annual_report_revises_august_estimates(store) -> None:
    frame = diff.revisions(
        store, from_release="NATO 2025-08", to_release="NATO AR 2026-03", entity="POL"
    )
    row = frame[(frame["year"] == 2025) & (frame["indicator"] == "milex_share_gdp")].iloc[0]
    assert row["new_value"] == 4.3 and math.isclose(row["old_value"], 4.480549)


def test_a_definition_change_is_shown(store) -> None:
    assert "NATO 2026-07" in set(diff.releases(store)["release"])  # packaged relays
    frame = diff.revisions(
        store, from_release="NATO 2025-08", to_release="NATO 2026-07", entity="POL"
    )
    row = frame[(frame["year"] == 2025) & (frame["indicator"] == "milex_share_gdp")].iloc[0]
    # Poland 2025e: 4.48% in August 2025, 4.25% in July 2026 under the core-defence definition
    assert round(row["old_value"], 2) == 4.48 and row["new_value"] == 4.25
    assert row["definition"] == "NATO -> NATO core defence"


def test_latest_pairs_pick_the_two_newest_of_each_publisher(store) -> None:
    pairs = dict((new.split()[0], (old, new)) for old, new in diff.latest_pairs(store))
    known = diff.releases(store)
    for publisher, (old, new) in pairs.items():
        dates = known[known["publisher"] == publisher].sort_values("date")["release"].tolist()
        assert [old, new] == dates[-2:]
    # the IISS has two Military Balance releases in the store (2025, 2026)
    assert set(pairs) == {"NATO", "SIPRI", "IMF", "IISS"}


def test_iiss_revision_of_russia_2025_between_military_balances(store) -> None:
    """The 2025 edition's projection for 2025 (7.5% of GDP) against the 2026 edition's 7.3%."""
    rev = diff.revisions(
        store, from_release="IISS MB 2025", to_release="IISS MB 2026", entity="RUS"
    )
    row = rev[rev["indicator"] == "milex_share_gdp"].iloc[0]
    assert (row["year"], row["old_value"], row["new_value"]) == (2025, 7.5, 7.3)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("NATO 2024-06", "SIPRI 2025", "different publishers"),
        ("NATO 2024-07", "NATO 2025-08", "unknown release 'NATO 2024-07'"),
        ("NATO 2025-08", "NATO 2025-08", "same release"),
    ],
)
def test_bad_release_pairs_are_refused(store, old: str, new: str, message: str) -> None:
    with pytest.raises(ReleaseError, match=message) as info:
        diff.revisions(store, from_release=old, to_release=new)
    if "same" not in message:
        assert "NATO 2025-08" in str(info.value)  # lists the known releases


def test_a_newer_release_is_picked_up_without_code_changes(tmp_path: Path) -> None:
    path, data = _store_with(
        tmp_path,
        "nato-test-2031,NATO,Test table,https://example.org/nato,NATO 2031-07",
        "POL,2025,milex_share_gdp,4.9,pct_gdp,NATO,NATO 2031-07,nato-test-2031",
    )
    with open_store(path, data_dir=data) as s:
        nato = diff.releases(s).query("publisher == 'NATO'").sort_values("date")
        before = str(nato["release"].iloc[-2])  # the newest packaged NATO release
        assert nato["release"].iloc[-1] == "NATO 2031-07"
        assert (before, "NATO 2031-07") in diff.latest_pairs(s)
        frame = diff.revisions(s, from_release=before, to_release="NATO 2031-07")
        assert frame["entity"].tolist() == ["POL"] and frame["new_value"].tolist() == [4.9]
        assert frame["year"].tolist() == [2025] and frame.attrs["compared"] >= 1


def test_cli_diff(cli) -> None:
    res = cli(
        "data", "diff", "--from", "NATO 2024-06", "--to", "NATO 2025-08",
        "--country", "Poland", "--metric", "milex_share_gdp", "--format", "csv",
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith("entity,year,indicator,price_base,unit,old_value,new_value,change")
    assert all(line.startswith("POL,") for line in lines[1:]) and len(lines) > 1
    bad = cli("data", "diff", "--from", "NATO 2024-06", "--to", "IMF WEO 2025-10")
    assert bad.exit_code == 1 and "different publishers" in bad.stderr
    listing = cli("data", "diff", "--format", "csv")
    assert listing.exit_code == 0 and "NATO 2025-08,NATO" in listing.stdout


def test_report_section_lists_the_newest_pairs(store) -> None:
    from armsrace.report.model import Table
    from armsrace.report.sections import revisions
    from armsrace.settings import resolve

    section = revisions.build(store, resolve())
    tables = [b for b in section.blocks if isinstance(b, Table)]
    captions = [t.caption for t in tables]
    for old, new in diff.latest_pairs(store):
        if len(diff.revisions(store, from_release=old, to_release=new)):
            assert any(c.startswith(f"{old} → {new}") for c in captions), (old, new)
    for t in tables:
        assert len(t.frame) <= revisions.TOP and t.source_ids
        assert t.frame["indicator"].nunique() == 1
        changes = t.frame["change"].abs().tolist()
        assert changes == sorted(changes, reverse=True)


def test_a_relay_naming_the_release_does_not_speak_for_the_table(tmp_path: Path) -> None:
    path, data = _store_with(
        tmp_path,
        "aaa-relay,A Daily Paper,NATO figures,https://example.org/a,NATO 2025-08",
        "POL,2024,milex_share_gdp,3.5,pct_gdp,NATO,NATO 2025-08,aaa-relay",
    )
    with open_store(path, data_dir=data) as s:
        assert queries.table_source(s, "NATO 2025-08") == "nato-defexp-2025-08"
        frame = diff.revisions(
            s, from_release="NATO 2024-06", to_release="NATO 2025-08", entity="POL"
        )
        row = frame[(frame["year"] == 2024) & (frame["indicator"] == "milex_share_gdp")].iloc[0]
        assert row["to_source_id"] == "nato-defexp-2025-08"
        assert "aaa-relay 3.5" in row["note"]


def test_a_publisher_merely_containing_the_release_word_is_not_its_table(
    store, tmp_path: Path
) -> None:
    latest = queries.latest_table_release(store, "NATO")
    path, data = _store_with(
        tmp_path,
        "aaa-watch,NATO Watch,Our reading of NATO's tables,https://example.org/w,NATO 2031-07",
        "POL,2024,milex_share_gdp,4.1,pct_gdp,NATO,NATO 2031-07,aaa-watch",
    )
    with open_store(path, data_dir=data) as s:
        assert queries.latest_table_release(s, "NATO") == latest
        own = s.sql(
            f"SELECT s.source_id, {queries.OWN_TABLE_SQL} AS own FROM source s "
            "WHERE s.source_id IN ('aaa-watch', 'nato-defexp-2025-08', 'sipri-milex-2025', "
            "'imf-weo-2025-10', 'yenisafak-2025-11-09-nato-tur')"
        )
    assert dict(zip(own["source_id"], own["own"], strict=True)) == {
        "aaa-watch": False,
        "nato-defexp-2025-08": True,
        "sipri-milex-2025": True,
        "imf-weo-2025-10": True,
        "yenisafak-2025-11-09-nato-tur": False,
    }
