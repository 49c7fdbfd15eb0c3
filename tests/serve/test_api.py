"""Every endpoint over a real uvicorn server (httpx): answers, bounds and errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

ARTICLE = (
    "Monday, 2 June 2025\n\nRussia spent about 7.1% of GDP on its military in 2024. "
    "Poland already spends more than 4% of its GDP on defence."
)


def test_index_and_static_are_local_and_locked_down(client: Any) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "<title>armsrace dashboard</title>" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    for src in ("/static/app.js", "/static/app.css", "/static/plotly.min.js"):
        assert client.get(src).status_code == 200, src
    assert "http" not in client.get("/static/index.html").text.replace("http-equiv", "")


def test_meta_lists_every_picker(client: Any) -> None:
    m = client.get("/api/meta").json()
    assert "POL" in m["allies"] and "RUS" not in m["allies"]
    scenarios = client.get("/api/race/scenarios").json()
    assert "nato-hague-vs-russia" in [s["name"] for s in scenarios]
    assert m["levels"] == {
        "floor_pct": 2.0,
        "core_pct": 3.5,
        "total_pct": 5.0,
        "deadline_year": 2035,
    }
    assert "NATO 2025-08" in m["share_releases"]
    assert "artillery_ammunition" in m["items"]
    assert m["max_runs"] == 1_000_000


def test_targets_match_the_library(client: Any, store: Any) -> None:
    from armsrace.targets import compute_gaps

    r = client.get("/api/targets", params={"growth_pct": 2.0, "entity": ["POL", "NATO"]})
    assert r.status_code == 200
    data = r.json()
    gaps = compute_gaps(store, growth_pct=2.0)
    pol = next(a for a in data["allies"] if a["entity"] == "POL")
    lib = gaps.allies.set_index("entity").loc["POL"]
    assert pol["share_gdp_pct"] == pytest.approx(float(lib["share_gdp_pct"]))
    assert pol["gap_5pct_usd_bn"] == pytest.approx(float(lib["gap_5pct_usd_bn"]))
    assert {p["entity"] for p in data["paths"]} == {"POL", "NATO"}
    assert any(m.startswith("ISL") for m in data["missing"])
    assert {s["source_id"] for s in data["sources"]} >= {"nato-defexp-2025-08", "imf-weo-2025-10"}


def test_targets_bad_inputs_are_4xx(client: Any) -> None:
    assert client.get("/api/targets", params={"growth_pct": 99}).status_code == 422
    r = client.get("/api/targets", params={"release": "NATO 1999-01"})
    assert r.status_code == 422 and "NATO 1999-01" in r.json()["detail"]
    assert client.get("/api/targets", params={"entity": "XXX"}).status_code == 422


def test_spending_series_carry_their_source_and_basis(client: Any) -> None:
    r = client.get(
        "/api/spending",
        params={"entity": ["RUS", "POL"], "definition": "SIPRI", "measure": "usd_constant"},
    )
    data = r.json()
    assert r.status_code == 200 and data["release"] == "SIPRI 2025"
    rus = next(s for s in data["series"] if s["entity"] == "RUS")
    assert rus["price_base"] == "2023" and len(rus["points"]) > 20
    assert {p["source_id"] for p in rus["points"]} == {"sipri-milex-2025"}
    assert [e["year"] for e in data["events"]] == [2014, 2022]
    ppp = client.get(
        "/api/spending", params={"entity": "POL", "definition": "SIPRI", "measure": "usd_ppp"}
    ).json()
    assert ppp["series"][0]["derived"] and "imf-weo-2025-10" in [
        s["source_id"] for s in ppp["sources"]
    ]
    nato = client.get("/api/spending", params={"entity": ["RUS"], "definition": "NATO"}).json()
    assert nato["series"] == [] and nato["missing"]  # NATO does not report Russia: missing


def test_facts_filter_page_and_csv(client: Any) -> None:
    q = {"entity": "POL", "indicator": "milex_share_gdp", "year_from": 2024, "year_to": 2025}
    data = client.get("/api/facts", params=q).json()
    assert data["total"] >= 4 and all(r["entity"] == "POL" for r in data["rows"])
    assert {r["year"] for r in data["rows"]} <= {2024, 2025}
    assert {s["source_id"] for s in data["sources"]} == {r["source_id"] for r in data["rows"]}
    one = client.get("/api/facts", params={**q, "limit": 1}).json()
    assert len(one["rows"]) == 1 and one["truncated"]
    r = client.get("/api/facts.csv", params=q)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    head = [line for line in r.text.splitlines() if line.startswith("#")]
    body = [line for line in r.text.splitlines() if not line.startswith("#")]
    assert any("licence:" in line and "nato-defexp-2025-08" in line for line in head)
    assert body[0].startswith("entity,year,indicator") and len(body) == data["total"] + 1
    prod = client.get("/api/facts", params={"table": "production", "item": "tanks"}).json()
    assert prod["total"] > 0 and {r["item"] for r in prod["rows"]} == {"tanks"}


def test_facts_unknown_ids_and_bounds(client: Any) -> None:
    assert client.get("/api/facts", params={"entity": "ATLANTIS"}).status_code == 422
    assert client.get("/api/facts", params={"table": "secrets"}).status_code == 422
    assert client.get("/api/facts", params={"limit": 10**6}).status_code == 422
    assert client.get("/api/sources", params={"source_id": "nope"}).status_code == 422
    srcs = client.get("/api/sources", params={"source_id": "sipri-milex-2025"}).json()
    assert srcs[0]["publisher"] and srcs[0]["url"].startswith("http")


def test_simulation_same_seed_same_numbers_as_the_cli(
    client: Any, cli: Any, store_path: Any
) -> None:
    body = {"scenario": "nato-2pct-vs-russia", "runs": 3000, "seed": 7}
    a = client.post("/api/race/simulate", json=body).json()
    b = client.post("/api/race/simulate", json=body).json()
    assert a["catch_up"] == b["catch_up"] and a["levers"] == []
    res = cli(
        "simulate", "nato-2pct-vs-russia", "--runs", "3000", "--seed", "7", "--format", "json"
    )
    assert res.exit_code == 0, res.stderr
    from_cli = json.loads(res.stdout)
    assert a["catch_up"] == from_cli["catch_up"]
    assert a["by_year"] == from_cli["by_year"]


def test_levers_move_the_result(client: Any) -> None:
    base = {"scenario": "nato-hague-vs-russia", "runs": 2000, "seed": 3}
    a = client.post("/api/race/simulate", json=base).json()
    b = client.post(
        "/api/race/simulate",
        json={
            **base,
            "challenger_share_pct": 8.0,
            "challenger_year": 2028,
            "rival_path": "hold",
            "challenger_delay_months": 12,
            "learning_low": 0.8,
            "learning_high": 0.9,
            "items": ["artillery_ammunition", "tanks"],
        },
    ).json()
    assert b["items"] == ["artillery_ammunition", "tanks"] and len(b["levers"]) == 5
    pa = {r["item"]: r["p_catch_up"] for r in a["catch_up"]}
    pb = {r["item"]: r["p_catch_up"] for r in b["catch_up"]}
    assert pb["artillery_ammunition"] != pa["artillery_ammunition"]
    assert any("set in armsrace serve" in x["assumption"] for x in b["assumptions"])


def test_allocation_shift_per_item(client: Any) -> None:
    base = {"scenario": "nato-hague-vs-russia", "runs": 2000, "seed": 5}
    item = "artillery_ammunition"
    a = client.post("/api/race/simulate", json=base).json()
    b = client.post(
        "/api/race/simulate",
        json={**base, "allocation_multiple": {item: 3.0}, "allocation_by_year": 2028},
    ).json()

    def last_median(res: dict[str, Any], it: str) -> float:
        rows = [r for r in res["output_fan"] if r["item"] == it and r["side"] == "NATO"]
        return max(rows, key=lambda r: r["month"])["p50"]

    # three times the money for shells: more NATO shells at the end, no less catch-up
    assert last_median(b, item) > 2 * last_median(a, item)
    pa = {r["item"]: r["p_catch_up"] for r in a["catch_up"]}
    pb = {r["item"]: r["p_catch_up"] for r in b["catch_up"]}
    assert pb[item] >= pa[item]
    assert last_median(b, "combat_aircraft") == last_median(a, "combat_aircraft")
    assert pb["combat_aircraft"] == pa["combat_aircraft"]
    assert b["levers"] == [f"NATO: {item} gets 3 x today's budget share by 2028"]
    bad = client.post("/api/race/simulate", json={**base, "allocation_multiple": {"ufo": 2.0}})
    assert bad.status_code == 422 and "ufo" in bad.json()["detail"]
    assert (
        client.post("/api/race/simulate", json={**base, "allocation_multiple": {"tanks": 0}})
    ).status_code == 422


def test_simulation_bounds(client: Any) -> None:
    post = client.post
    assert post("/api/race/simulate", json={"runs": 1_000_001}).status_code == 422
    assert post("/api/race/simulate", json={"runs": 0}).status_code == 422
    assert post("/api/race/simulate", json={"scenario": "../../etc/passwd"}).status_code == 404
    assert post("/api/race/simulate", json={"items": ["ufo"], "runs": 100}).status_code == 422
    r = post("/api/race/simulate", json={"challenger_share_pct": 5})
    assert r.status_code == 422 and "challenger_year" in r.text
    assert post("/api/race/simulate", json={"unknown_lever": 1}).status_code == 422


def test_sensitivity_on_demand(client: Any) -> None:
    r = client.post(
        "/api/race/sensitivity",
        json={"scenario": "europe-alone-vs-russia", "n_base": 32, "seed": 1},
    )
    data = r.json()
    assert r.status_code == 200 and data["evaluations"] > 32 and data["ranking"]
    assert {"parameter", "S1", "ST"} <= set(data["ranking"][0])
    assert client.post("/api/race/sensitivity", json={"n_base": 100}).status_code == 422


def test_claims_verdicts_offsets_and_escaping(client: Any) -> None:
    data = client.post("/api/claims/check", json={"text": ARTICLE}).json()
    assert data["date"] == "2025-06-02" and data["claims"]
    for c in data["claims"]:
        assert data["text"][c["start"] : c["end"]] == c["text"]
        assert c["verdict"] in {"supported", "contradicted", "unverifiable"}
    hostile = (
        '<script>alert(1)</script>"><img src=x onerror=alert(2)> Russia spent 7.1% of GDP in 2024.'
    )
    d2 = client.post("/api/claims/check", json={"text": hostile, "kind": "text"}).json()
    assert d2["text"] == hostile  # returned as data; the page inserts it as text
    html = client.post(
        "/api/claims/check",
        json={
            "text": "<html><body><p>Russia spent 7.1% of GDP in 2024.</p></body></html>",
            "kind": "html",
            "date": "2025-06-02",
        },
    ).json()
    assert html["kind"] == "html" and html["claims"]


def test_claims_bounds(client: Any) -> None:
    assert client.post("/api/claims/check", json={"text": ""}).status_code == 422
    assert client.post("/api/claims/check", json={"text": "   "}).status_code == 422
    big = "x" * (10 * 1024 * 1024 + 1)
    assert client.post("/api/claims/check", json={"text": big}).status_code == 422
    r = client.post(
        "/api/claims/check",
        content=b"{" + b" " * (25 * 1024 * 1024) + b"}",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413


def test_openapi_schema_lists_every_route(client: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert paths >= {
        "/api/meta",
        "/api/sources",
        "/api/facts",
        "/api/facts.csv",
        "/api/spending",
        "/api/targets",
        "/api/race/scenarios",
        "/api/race/simulate",
        "/api/race/sensitivity",
        "/api/claims/check",
    }


def test_request_time_limit(store_path: Any, tmp_path: Any) -> None:
    import shutil

    import httpx
    from tests.serve._server import start_server, stop_server

    path = tmp_path / "facts.duckdb"
    shutil.copy(store_path, path)
    running, thread = start_server(path, request_timeout_s=0.05, warm=False)
    try:
        r = httpx.post(f"{running.url}/api/race/simulate", json={"runs": 200_000}, timeout=60)
        assert r.status_code == 504 and "limit" in r.json()["detail"]
    finally:
        stop_server(running, thread)


def test_streamed_simulation_reports_progress_then_the_same_result(client: Any) -> None:
    body = {"scenario": "nato-hague-vs-russia", "runs": 50_000, "seed": 11}
    lines = []
    with client.stream("POST", "/api/race/simulate/stream", json=body) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in r.iter_lines() if line.strip()]
    progress = [x for x in lines if "done" in x]
    assert "result" in lines[-1] and progress
    assert progress[-1]["done"] <= progress[-1]["total"]
    plain = client.post("/api/race/simulate", json=body).json()
    assert lines[-1]["result"]["catch_up"] == plain["catch_up"]
    with client.stream("POST", "/api/race/simulate/stream", json={**body, "scenario": "nope"}) as r:
        last = [json.loads(line) for line in r.iter_lines() if line.strip()][-1]
    assert last["status"] == 404 and "nope" in last["error"]
    assert client.post("/api/race/simulate/stream", json={"runs": -1}).status_code == 422
