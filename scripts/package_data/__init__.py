"""Builders of armsrace's packaged fact CSVs, one module per publisher table.

``scripts/build_package_data.py`` is the entry point. Each primary release (one publisher's
table, e.g. SIPRI 2025 or NATO 2025-08) is a small module in ``releases/`` holding its source
row and the call that turns the publisher copy into observation rows; adding next year's
release is one new module there plus one line in ``releases/__init__.py``.
"""
