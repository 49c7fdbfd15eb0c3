"""Every primary release, in the order its rows are written (oldest publisher table first).

Adding a release: put the publisher's table (long format, with a ``.source.yml`` sidecar) in
the project's ``data/primary/`` (or, where only single figures can be sourced, their
transcription ``<release>.relays.csv``), add a module here with its ``SOURCE`` row and
``observations(inputs)``, and list its ``RELEASE`` below. Earlier releases stay: every row is
keyed by its source id and release label.
"""

from __future__ import annotations

from package_data.release import Release
from package_data.releases import (
    iiss_2025,
    iiss_2026,
    imf_weo_2025_10,
    nato_2024_06,
    nato_2025_04,
    nato_2025_08,
    nato_2026_07,
    sipri_2023,
    sipri_2024,
    sipri_2025,
    sipri_2026,
)

RELEASES: tuple[Release, ...] = (
    sipri_2025.RELEASE,
    nato_2024_06.RELEASE,
    nato_2025_08.RELEASE,
    imf_weo_2025_10.RELEASE,
    sipri_2026.RELEASE,
    nato_2026_07.RELEASE,
    # relayed releases between the tables above (headline figures only), and the IISS
    sipri_2023.RELEASE,
    sipri_2024.RELEASE,
    nato_2025_04.RELEASE,
    iiss_2025.RELEASE,
    iiss_2026.RELEASE,
)
