"""Derive armsrace's packaged fact CSVs from the reference data.

Run by a maintainer when the reference data changes:

    python scripts/build_package_data.py ../shared/reference-data

It reads the publishers' tables in ``primary/`` (SIPRI, NATO, IMF) and the sourced starter
set, and writes the long-format CSVs plus ``*.sources.yml`` sidecars into
``src/armsrace/facts/data/``. Nothing is computed here except unit moves stated in the
sidecars; rows are copied, relabelled and keyed by source and release. The builders live in
``scripts/package_data/``, one module per publisher table (see its ``releases/`` folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

from package_data.build import main

if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference-data"))
