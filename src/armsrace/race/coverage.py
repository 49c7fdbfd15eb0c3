"""What each starting figure of a scenario covers: producers, countries and what is missing.

A starting output looked up in the fact store comes from
:func:`armsrace.facts.totals.production_total` (one basis, subtype and kind; no double
counting); its coverage travels with the simulation result so that every answer says when a
side's figure covers only some of its producers. An explicit estimate in the scenario file
has no store coverage: it is labelled as such, with the scenario's note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armsrace.facts.totals import ProductionTotal

__all__ = ["InputCoverage", "explicit_coverage", "store_coverage"]


@dataclass(frozen=True)
class InputCoverage:
    """Coverage of one starting input (``initial_output`` or ``initial_capacity``).

    ``origin`` is ``store`` (a defendable total) or ``explicit`` (a figure written in the
    scenario). ``complete`` is True only when every member of the side has a country-wide
    or wider estimate; None when unknown (explicit figures).
    """

    side: str
    item: str
    input: str
    origin: str
    line: str
    complete: bool | None
    members: int = 0
    covered: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    not_covered: tuple[str, ...] = ()
    kind: str = ""
    basis: str = ""
    subtype: str = ""
    scopes: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()

    def label(self) -> str:
        """Short form for a table cell: 'NATO 1/32 (USA)', 'RUS full', 'NATO explicit'."""
        if self.origin == "explicit":
            return f"{self.side} explicit"
        if self.complete:
            return f"{self.side} full"
        known = list(self.covered) + [f"{c}*" for c in self.partial]
        shown = ", ".join(known[:3]) + ("…" if len(known) > 3 else "")
        return f"{self.side} {len(known)}/{self.members} ({shown})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "item": self.item,
            "input": self.input,
            "origin": self.origin,
            "complete": self.complete,
            "coverage": self.line,
            "members": self.members,
            "covered": list(self.covered),
            "partial": list(self.partial),
            "not_covered": list(self.not_covered),
            "kind": self.kind,
            "basis": self.basis,
            "subtype": self.subtype,
            "scopes": list(self.scopes),
            "claims": list(self.claims),
        }


def store_coverage(side: str, item: str, name: str, total: ProductionTotal) -> InputCoverage:
    members = len(total.covered) + len(total.partial) + len(total.not_covered)
    return InputCoverage(
        side=side,
        item=item,
        input=name,
        origin="store",
        line=total.coverage_line(),
        complete=total.complete,
        members=members,
        covered=total.covered,
        partial=total.partial,
        not_covered=total.not_covered,
        kind=total.kind,
        basis=total.basis or "",
        subtype=total.subtype,
        scopes=total.scopes,
        claims=tuple(str(c) for c in total.rows["claim_id"]),
    )


def explicit_coverage(side: str, item: str, name: str, note: str | None) -> InputCoverage:
    line = f"{side} {item}: explicit estimate in the scenario file"
    if note:
        line += f" ({note})"
    return InputCoverage(
        side=side, item=item, input=name, origin="explicit", line=line, complete=None
    )
