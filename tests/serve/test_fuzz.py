"""Schema-driven fuzz of the whole JSON API (schemathesis + hypothesis): no server errors.

Cases come from the server's own OpenAPI schema, valid and invalid alike. Simulation sizes
are capped so the fuzz stays short; the bounds themselves are tested in test_api.py.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _small(case: Any) -> Any:
    body = case.body
    if isinstance(body, dict):
        runs = body.get("runs")
        if isinstance(runs, int) and not isinstance(runs, bool) and runs > 3000:
            body["runs"] = 3000
        if body.get("n_base") in (64, 128, 256):
            body["n_base"] = 32
    return case


def test_fuzz_every_operation_without_server_errors(served: Any) -> None:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    schema = schemathesis.openapi.from_url(f"{served.url}/api/openapi.json")
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    seen: dict[str, int] = {}
    statuses: set[int] = set()

    @given(case=st.one_of([op.as_strategy() for op in operations]))
    @settings(
        max_examples=250,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case = _small(case)
        response = case.call(base_url=served.url, timeout=60)
        key = f"{case.method} {case.path}"
        seen[key] = seen.get(key, 0) + 1
        statuses.add(response.status_code // 100)
        if response.status_code >= 500:
            failures.append(f"{key} {case.query} {str(case.body)[:200]} -> {response.status_code}")

    run()
    assert failures == []
    assert len(seen) >= 10, seen
    assert statuses >= {2, 4}, statuses  # both accepted and refused inputs were tried
