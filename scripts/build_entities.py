"""Write the packaged entity, alias and region/EU membership CSVs (``package_data.regions``).

Run by a maintainer when SIPRI's classification or the curated word lists change:

    python scripts/build_entities.py extract SIPRI-Milex-data-1949-2024_2.xlsx
    python scripts/build_entities.py

The first command reads SIPRI's workbook into ``data/entities/sipri_regions_2025.csv``; the
second writes ``entities.csv``, ``aliases.csv``, ``membership_sipri.csv``,
``membership_eu.csv`` and ``sources_entities.csv`` under ``src/armsrace/facts/data``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from package_data.regions import LISTING, build, extract

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "extract":
        extract(Path(sys.argv[2]))
    elif len(sys.argv) == 1:
        build(LISTING)
    else:
        raise SystemExit(__doc__)
