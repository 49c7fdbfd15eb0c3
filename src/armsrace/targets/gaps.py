"""Gaps of each ally, NATO and NATO Europe + Canada to NATO's spending targets.

Shares come from one NATO release (default: the newest NATO table in the store, today
August 2025); where that release has no figure for an ally, the next release in
``fallback_releases`` is used and the row says so.
Money is share × GDP at market exchange rates (IMF). Allies above a target show a zero gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from armsrace.errors import DataError, MissingValueError

if TYPE_CHECKING:
    import pandas as pd

    from armsrace.facts.store import FactStore
    from armsrace.provenance import RunInfo

__all__ = ["TargetGaps", "TargetLevels", "compute_gaps", "target_levels"]


@dataclass(frozen=True)
class TargetLevels:
    """The three headline levels (% of GDP), read from the store's target table."""

    floor_pct: float
    core_pct: float
    total_pct: float
    deadline_year: int
    source_ids: tuple[str, ...]


def target_levels(store: FactStore) -> TargetLevels:
    """Read 2% (Wales/Vilnius), 3.5% core and 5% total by 2035 (The Hague) from the store."""
    from armsrace.facts import queries

    t = queries.targets(store).set_index("target_id")
    need = ["vilnius-2023-2pct-floor", "hague-2025-3.5pct-core", "hague-2025-5pct-total"]
    missing = [n for n in need if n not in t.index]
    if missing:
        raise MissingValueError(f"target table lacks {', '.join(missing)}")
    return TargetLevels(
        floor_pct=float(t.loc[need[0], "share_pct"]),
        core_pct=float(t.loc[need[1], "share_pct"]),
        total_pct=float(t.loc[need[2], "share_pct"]),
        deadline_year=int(t.loc[need[1], "deadline_year"]),
        source_ids=tuple(str(t.loc[n, "source_id"]) for n in need),
    )


@dataclass(frozen=True)
class TargetGaps:
    """Result of :func:`compute_gaps`.

    ``allies``: one row per ally with share, GDP, spending and gaps (pp and USD bn);
    ``blocs``: NATO and NATO_EUCA totals; ``paths``: year-by-year straight-line paths to
    the deadline; ``burden``: share of NATO GDP vs share of NATO defence spending.
    """

    year: int
    release: str
    growth_pct: float
    levels: TargetLevels
    allies: pd.DataFrame
    blocs: pd.DataFrame
    paths: pd.DataFrame
    burden: pd.DataFrame
    source_ids: tuple[str, ...]
    missing: tuple[str, ...]
    run_info: RunInfo | None = field(default=None, compare=False)


def _pick_shares(
    store: FactStore, allies: list[str], year: int, releases: tuple[str, ...]
) -> pd.DataFrame:
    import pandas as pd

    from armsrace.facts import queries

    obs = queries.observations(
        store, entity=allies, indicator="milex_share_gdp", year=year, release=list(releases)
    )
    obs = obs.dropna(subset=["value"])
    rank = {r: i for i, r in enumerate(releases)}
    obs = obs.assign(_rank=obs["release"].map(rank))
    # a primary publisher copy (nato-defexp-*) before press relays of the same release
    obs = obs.assign(_primary=~obs["source_id"].str.startswith("nato-defexp"))
    obs = obs.sort_values(["entity", "_rank", "_primary", "source_id"])
    best = obs.groupby("entity", as_index=False).first()
    frame = pd.DataFrame({"entity": allies}).merge(
        best[["entity", "value", "release", "source_id", "estimate"]], on="entity", how="left"
    )
    return frame.rename(
        columns={"value": "share_gdp_pct", "release": "share_release", "source_id": "share_source"}
    )


def _newest_table(store: FactStore, publisher: str, indicator: str) -> str:
    from armsrace.facts import queries

    found = queries.latest_table_release(store, publisher, indicator=indicator)
    if found is None:
        raise MissingValueError(f"the store has no {publisher} table with {indicator}")
    return found


def compute_gaps(
    store: FactStore,
    *,
    year: int = 2025,
    release: str | None = None,
    fallback_releases: tuple[str, ...] = ("NATO AR 2026-03",),
    gdp_release: str | None = None,
    growth_pct: float = 1.5,
    deadline_year: int | None = None,
) -> TargetGaps:
    """Gap of every ally and of the blocs to 2%, 3.5% core and 5% total, in pp and money.

    ``growth_pct`` is the nominal GDP growth assumed for the path to the deadline.
    ``release`` / ``gdp_release`` None take the newest NATO / IMF release whose own table is
    in the store (:func:`armsrace.facts.queries.latest_table_release`), so a newly loaded
    table is picked up without code changes; releases known only from relays are not.
    """
    import numpy as np

    from armsrace.facts import queries
    from armsrace.provenance import RunInfo, version

    if not -10.0 <= growth_pct <= 20.0:
        raise DataError(f"growth_pct {growth_pct!r} is outside -10..20 (% per year)")
    if release is None:
        release = _newest_table(store, "NATO", "milex_share_gdp")
    if gdp_release is None:
        gdp_release = _newest_table(store, "IMF", "gdp_usd_current")
    levels = target_levels(store)
    deadline = levels.deadline_year if deadline_year is None else deadline_year
    if deadline <= year:
        raise DataError(f"deadline {deadline} must come after the base year {year}")
    allies = queries.members(store, "NATO", year)
    names = queries.entities(store).set_index("entity_id")["name"]
    shares = _pick_shares(store, allies, year, (release, *fallback_releases))
    gdp = queries.gdp(store, entity=allies, year=year, release=gdp_release)
    gdp = gdp[["entity", "value", "source_id"]].rename(
        columns={"value": "gdp_usd_bn", "source_id": "gdp_source"}
    )
    frame = shares.merge(gdp, on="entity", how="left")
    frame.insert(1, "name", frame["entity"].map(names))
    frame["spending_usd_bn"] = frame["share_gdp_pct"] / 100.0 * frame["gdp_usd_bn"]
    years_left = deadline - year
    for label, level in (
        ("2pct", levels.floor_pct),
        ("3_5pct", levels.core_pct),
        ("5pct", levels.total_pct),
    ):
        gap_pp = np.clip(level - frame["share_gdp_pct"], 0.0, None)
        frame[f"gap_{label}_pp"] = gap_pp
        frame[f"gap_{label}_usd_bn"] = gap_pp / 100.0 * frame["gdp_usd_bn"]
    frame["pp_per_year_to_3_5pct"] = frame["gap_3_5pct_pp"] / years_left
    frame["pp_per_year_to_5pct"] = frame["gap_5pct_pp"] / years_left
    g = growth_pct / 100.0
    gdp_deadline = frame["gdp_usd_bn"] * (1.0 + g) ** years_left
    frame[f"gap_3_5pct_usd_bn_{deadline}"] = np.clip(
        levels.core_pct / 100.0 * gdp_deadline - frame["spending_usd_bn"], 0.0, None
    )
    frame[f"gap_5pct_usd_bn_{deadline}"] = np.clip(
        levels.total_pct / 100.0 * gdp_deadline - frame["spending_usd_bn"], 0.0, None
    )
    missing = tuple(
        f"{e}: no share of GDP for {year} in {', '.join((release, *fallback_releases))}"
        for e in frame.loc[frame["share_gdp_pct"].isna(), "entity"]
    ) + tuple(
        f"{e}: no GDP for {year} in {gdp_release}"
        for e in frame.loc[frame["gdp_usd_bn"].isna(), "entity"]
    )

    blocs = _bloc_rows(store, frame, year, levels, deadline, g)
    paths = _paths(frame, blocs, year, deadline, levels, g)
    total_gdp = frame["gdp_usd_bn"].sum(min_count=1)
    total_sp = frame["spending_usd_bn"].sum(min_count=1)
    burden = frame[["entity", "name", "gdp_usd_bn", "spending_usd_bn", "share_gdp_pct"]].copy()
    burden["share_of_nato_gdp_pct"] = 100.0 * burden["gdp_usd_bn"] / total_gdp
    burden["share_of_nato_spending_pct"] = 100.0 * burden["spending_usd_bn"] / total_sp
    burden["spending_minus_gdp_share_pp"] = (
        burden["share_of_nato_spending_pct"] - burden["share_of_nato_gdp_pct"]
    )
    burden = burden.sort_values("share_of_nato_spending_pct", ascending=False).reset_index(
        drop=True
    )
    src = (
        set(frame["share_source"].dropna())
        | set(frame["gdp_source"].dropna())
        | set(levels.source_ids)
    )
    src |= set(queries.membership_sources(store))
    return TargetGaps(
        year=year,
        release=release,
        growth_pct=growth_pct,
        levels=levels,
        allies=frame.sort_values("entity").reset_index(drop=True),
        blocs=blocs,
        paths=paths,
        burden=burden,
        source_ids=tuple(sorted(src)),
        missing=missing,
        run_info=RunInfo(armsrace_version=version(), store_checksum=store.checksum),
    )


def _bloc_rows(
    store: FactStore, frame: pd.DataFrame, year: int, levels: TargetLevels, deadline: int, g: float
) -> pd.DataFrame:
    import pandas as pd

    from armsrace.facts import queries

    published = queries.observations(
        store,
        entity=["NATO", "NATO_EUCA"],
        indicator="milex_share_gdp",
        year=year,
        source_id="nato-defexp-2025-08",
    ).set_index("entity")["value"]
    rows = []
    for bloc in ("NATO", "NATO_EUCA"):
        members = set(queries.members(store, bloc, year))
        sub = frame[frame["entity"].isin(members)]
        known = sub.dropna(subset=["share_gdp_pct", "gdp_usd_bn"])
        gdp_all = known["gdp_usd_bn"].sum()
        spend = known["spending_usd_bn"].sum()
        share = 100.0 * spend / gdp_all if gdp_all else float("nan")
        row: dict[str, object] = {
            "entity": bloc,
            "members": len(members),
            "members_with_data": len(known),
            "missing_members": ", ".join(sorted(set(sub["entity"]) - set(known["entity"]))),
            "gdp_usd_bn": gdp_all,
            "spending_usd_bn": spend,
            "share_gdp_pct": share,
            "share_gdp_pct_published": float(published.get(bloc, float("nan"))),
        }
        years_left = deadline - year
        for label, level in (
            ("2pct", levels.floor_pct),
            ("3_5pct", levels.core_pct),
            ("5pct", levels.total_pct),
        ):
            row[f"gap_{label}_pp"] = max(0.0, level - share)
            # what it costs if every ally below the level rises to it (surpluses don't offset)
            row[f"gap_{label}_usd_bn"] = float(known[f"gap_{label}_usd_bn"].sum())
            row[f"allies_below_{label}"] = int((known["share_gdp_pct"] < level).sum())
        row["pp_per_year_to_3_5pct"] = float(row["gap_3_5pct_pp"]) / years_left  # type: ignore[arg-type]
        row[f"gap_3_5pct_usd_bn_{deadline}"] = float(known[f"gap_3_5pct_usd_bn_{deadline}"].sum())
        row[f"gap_5pct_usd_bn_{deadline}"] = float(known[f"gap_5pct_usd_bn_{deadline}"].sum())
        rows.append(row)
    return pd.DataFrame(rows)


def _paths(
    frame: pd.DataFrame,
    blocs: pd.DataFrame,
    year: int,
    deadline: int,
    levels: TargetLevels,
    g: float,
) -> pd.DataFrame:
    """Straight line in share of GDP from the base year to the target at the deadline."""
    import pandas as pd

    records = []
    base = pd.concat(
        [
            frame[["entity", "share_gdp_pct", "gdp_usd_bn"]],
            blocs[["entity", "share_gdp_pct", "gdp_usd_bn"]],
        ],
        ignore_index=True,
    ).dropna()
    n = deadline - year
    for r in base.itertuples(index=False):
        s0 = float(r.share_gdp_pct)
        for target_label, level in (("3.5% core", levels.core_pct), ("5% total", levels.total_pct)):
            end = max(level, s0)
            for k in range(n + 1):
                share = s0 + (end - s0) * k / n
                gdp_k = float(r.gdp_usd_bn) * (1.0 + g) ** k
                records.append(
                    {
                        "entity": r.entity,
                        "target": target_label,
                        "year": year + k,
                        "share_gdp_pct": share,
                        "gdp_usd_bn": gdp_k,
                        "spending_usd_bn": share / 100.0 * gdp_k,
                    }
                )
    return pd.DataFrame.from_records(records)
