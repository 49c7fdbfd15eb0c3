"""`armsrace dynamics fit|project` end to end on the packaged store."""

from __future__ import annotations

import json


def test_fit_prints_coefficients_stability_granger_and_sources(cli) -> None:
    res = cli("dynamics", "fit", "--pair", "RUS:NATO_EUCA", "--boot", "199")
    assert res.exit_code == 0, res.stderr
    for text in ("reaction of RUS to NATO_EUCA", "Equilibrium", "Stability", "Granger"):
        assert text in res.stdout
    assert "sources: sipri-milex-2025" in res.stderr
    assert "Limits:" in res.stderr


def test_fit_json(cli) -> None:
    res = cli(
        "dynamics",
        "fit",
        "--period",
        "1992-2024",
        "--form",
        "continuous",
        "--boot",
        "199",
        "--format",
        "json",
    )
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    coefs = {c["parameter"]: c for c in out["richardson"]["coefficients"]}
    assert set(coefs) == {"a", "m", "g", "b", "n", "h"}
    assert all(c["low"] <= c["high"] for c in coefs.values())
    assert out["richardson"]["source_ids"] == ["sipri-milex-2025"]
    assert {g["direction"] for g in out["var"]["granger"]} == {
        "RUS -> NATO_EUCA",
        "NATO_EUCA -> RUS",
    }
    assert out["richardson"]["run_info"]["store_checksum"]
    assert out["verdict"]


def test_unknown_pair_is_one_clean_line(cli) -> None:
    res = cli("dynamics", "fit", "--pair", "RUS:MORDOR")
    assert res.exit_code == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert errors == [errors[0]] and "unknown entity 'MORDOR'" in errors[0]
    assert "NATO_EUCA" in errors[0]  # says what would work
    assert "Traceback" not in res.stderr


def test_period_too_short_says_what_works(cli) -> None:
    res = cli("dynamics", "fit", "--period", "from-2022")
    assert res.exit_code == 1
    assert "too short" in res.stderr and "widen the period" in res.stderr


def test_log_fit_with_short_sub_period_still_reports_richardson(cli) -> None:
    res = cli(
        "dynamics", "fit", "--period", "2014-2021", "--logs", "--boot", "199", "--format", "json"
    )
    assert res.exit_code == 0, (res.stderr, res.exception)
    out = json.loads(res.stdout)
    assert out["richardson"]["logs"] is True
    assert out["var"] is None and "too short" in out["var_error"]


def test_project_json_has_fan_and_hague_path(cli) -> None:
    res = cli("dynamics", "project", "--boot", "199", "--paths", "500", "--format", "json")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    years = {row["year"] for row in out["projection"]["fan"]}
    assert max(years) == 2035 and min(years) == 2025
    assert out["hague_target"] == {"share_pct": 3.5, "year": 2035}
    assert out["hague_path"][-1]["share_pct"] == 3.5
    assert "sipri-milex-2025" in out["source_ids"]


def test_help_has_examples(cli) -> None:
    for cmd in ("fit", "project"):
        res = cli("dynamics", cmd, "--help")
        assert res.exit_code == 0
        assert "Example" in res.stdout


def test_show_values_lists_every_year_with_its_source(cli) -> None:
    res = cli(
        "dynamics",
        "fit",
        "--period",
        "2010-2024",
        "--boot",
        "199",
        "--show-values",
        "--format",
        "csv",
    )
    assert res.exit_code == 0, res.stderr
    res = cli("dynamics", "fit", "--period", "2010-2024", "--boot", "199", "--show-values")
    assert res.exit_code == 0, res.stderr
    assert "Yearly values used" in res.stdout
    assert res.stdout.count("sipri-milex-2025") >= 30
