"""The one label table: column id -> human label with unit."""

from __future__ import annotations

import pandas as pd

from armsrace import labels


def test_label_fills_year_and_keeps_unknown_ids() -> None:
    assert labels.label("gap_3_5pct_usd_bn", year=2025) == "Gap to 3.5% (USD bn, 2025 GDP)"
    assert labels.label("gap_3_5pct_usd_bn") == "Gap to 3.5% (USD bn, base year GDP)"
    assert labels.label("not_a_column") == "not_a_column"
    assert labels.unit("gdp_usd_bn") == "usd_billion"
    assert labels.unit("entity") is None


def test_relabel_renames_known_columns_only() -> None:
    frame = pd.DataFrame({"entity": ["POL"], "share_gdp_pct": [4.48], "mystery": [1]})
    out = labels.relabel(frame, year=2025)
    assert list(out.columns) == ["Entity", "Share of GDP (%)", "mystery"]
    assert list(frame.columns) == ["entity", "share_gdp_pct", "mystery"]  # input untouched


def test_table_has_unique_ids_and_labels_and_covers_target_columns(store) -> None:
    from armsrace.targets import compute_gaps

    table = labels.label_table()
    assert table["column_id"].is_unique and table["label"].is_unique
    gaps = compute_gaps(store, year=2025)
    for frame in (gaps.allies, gaps.blocs, gaps.paths, gaps.burden):
        unlabelled = [c for c in frame.columns if labels.label(c) == c]
        assert not unlabelled, unlabelled
