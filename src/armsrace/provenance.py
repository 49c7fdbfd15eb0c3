"""Provenance carried by every result: which facts, which scenario, which seed, which version."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["RunInfo", "sha256_file", "sha256_text", "version"]


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _v

    try:
        return _v("armsrace")
    except PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RunInfo:
    """What produced a result. Attach to every result object and exported file."""

    armsrace_version: str
    store_checksum: str | None = None
    scenario_hash: str | None = None
    seed_entropy: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        if self.seed_entropy is not None:
            d["seed_entropy"] = str(self.seed_entropy)  # may exceed 64 bits
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)
