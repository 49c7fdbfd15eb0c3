"""The CLI through the same entry point as the console script."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def test_show_poland_2025_json_has_nato_estimate_with_source(cli) -> None:
    res = cli("data", "show", "--country", "POL", "--year", "2025", "--format", "json")
    assert res.exit_code == 0, res.stderr
    rows = json.loads(res.stdout)
    nato = [
        r
        for r in rows
        if r["indicator"] == "milex_share_gdp" and r["source_id"] == "nato-defexp-2025-08"
    ]
    assert len(nato) == 1
    assert round(nato[0]["value"], 2) == 4.48
    assert nato[0]["release"] == "NATO 2025-08" and nato[0]["estimate"] is True
    assert nato[0]["url"].startswith("https://www.nato.int/")
    assert all(r["source_id"] for r in rows)


def test_show_csv_and_table(cli) -> None:
    res = cli(
        "data",
        "show",
        "--country",
        "RUS",
        "--year",
        "2024",
        "--metric",
        "milex_usd_current",
        "--format",
        "csv",
    )
    assert res.exit_code == 0
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith("entity,year,indicator,value")
    assert any("sipri-milex-2025" in ln for ln in lines[1:])
    table = cli("data", "show", "--item", "tanks")
    assert table.exit_code == 0 and "tanks" in table.stdout


def test_show_bloc_needs_one_year(cli) -> None:
    res = cli("data", "show", "--bloc", "NATO")
    assert res.exit_code == 1
    assert "--bloc needs exactly one --year" in res.stderr


def test_targets_json_lists_all_32_allies(cli) -> None:
    res = cli("targets", "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert len(data["allies"]) == 32
    assert {b["entity"] for b in data["blocs"]} == {"NATO", "NATO_EUCA"}
    for ally in data["allies"]:
        for key in (
            "gap_2pct_pp",
            "gap_3_5pct_pp",
            "gap_5pct_pp",
            "gap_3_5pct_usd_bn",
            "gap_5pct_usd_bn",
        ):
            assert key in ally
            assert ally[key] is None or ally[key] >= 0
    assert data["levels"]["deadline_year"] == 2035


def test_import_bad_file_exits_1_with_location(
    cli, writable_store_path: Path, tmp_path: Path
) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(
        "entity,year,indicator,value,unit,source_id\nPOL,2026,milex_share_gdp,4.1,pct_gdp,sipri-milex-2025\n"
        "POL,2027,milex_share_gdp,abc,pct_gdp,sipri-milex-2025\n",
        encoding="utf-8",
    )
    res = cli("data", "import", str(f), db=writable_store_path)
    assert res.exit_code == 1
    assert re.search(r"bad.csv line 3, field `value`: 'abc': is not a number", res.stderr)


def test_import_and_export(cli, writable_store_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "good.csv"
    f.write_text(
        "entity,year,indicator,value,unit,source_id,source_publisher,source_title,source_url\n"
        "POL,2026,milex_share_gdp,4.7,pct_gdp,cli-test,Me,Note,https://example.org/n\n",
        encoding="utf-8",
    )
    res = cli("data", "import", str(f), db=writable_store_path)
    assert res.exit_code == 0, res.stderr
    assert "imported 1 observation row(s)" in res.stderr
    out = tmp_path / "exp"
    res = cli("data", "export", "--out", str(out), db=writable_store_path)
    assert res.exit_code == 0
    assert "cli-test" in (out / "observations.csv").read_text(encoding="utf-8")


def test_sources_lists_urls(cli) -> None:
    res = cli("data", "sources", "--format", "json")
    rows = json.loads(res.stdout)
    assert any(r["source_id"] == "sipri-milex-2025" for r in rows)
    assert all(r["url"] for r in rows)


def _commands() -> list[list[str]]:
    import typer.main

    from armsrace.cli import app

    root = typer.main.get_command(app)
    out: list[list[str]] = []

    def walk(cmd, path):  # type: ignore[no-untyped-def]
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out.append(path)

    walk(root, [])
    return out


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p))
def test_every_command_has_help_with_example_and_is_documented(cli, path: list[str]) -> None:
    res = cli(*path, "--help")
    assert res.exit_code == 0
    assert "Example" in res.stdout, f"{' '.join(path)} --help lacks an Example"
    assert f"armsrace {' '.join(path)}" in README.read_text(encoding="utf-8"), path


def test_python_m_armsrace_and_bad_usage_exit_2() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "armsrace", "-h"], capture_output=True, text=True, timeout=60
    )
    assert ok.returncode == 0 and "Usage" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "armsrace", "data", "show", "--year", "soon"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\nfrom armsrace.cli import app\n"
        "heavy = [m for m in ('pandas', 'duckdb', 'plotly', 'numpy', 'statsmodels', 'dask') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == ""
