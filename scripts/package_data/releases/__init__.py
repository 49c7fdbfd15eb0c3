"""Every primary release, in the order its rows are written (oldest publisher table first).

Adding a release: copy the publisher's table under the reference folder, add a module here
with its ``SOURCE`` row and ``observations(ref)``, and list its ``RELEASE`` below. Earlier
releases stay: every row is keyed by its source id and release label.
"""

from __future__ import annotations

from package_data.release import Release
from package_data.releases import imf_weo_2025_10, nato_2024_06, nato_2025_08, sipri_2025

RELEASES: tuple[Release, ...] = (
    sipri_2025.RELEASE,
    nato_2024_06.RELEASE,
    nato_2025_08.RELEASE,
    imf_weo_2025_10.RELEASE,
)
