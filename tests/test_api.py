"""The public API: __all__ matches the real exports, and importing does no work."""

from __future__ import annotations

import subprocess
import sys

import armsrace


def test_all_is_sorted_and_resolves() -> None:
    assert armsrace.__all__ == sorted(armsrace.__all__)
    for name in armsrace.__all__:
        assert getattr(armsrace, name) is not None


def test_import_has_no_side_effects() -> None:
    code = (
        "import os, sys\nbefore = set(os.listdir('.'))\nimport armsrace\n"
        "assert set(os.listdir('.')) == before\n"
        "print(','.join(m for m in ('pandas', 'duckdb', 'numpy', 'plotly') if m in sys.modules))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == ""


def test_error_tree() -> None:
    from armsrace import errors

    assert issubclass(errors.ImportValidationError, errors.DataError)
    assert issubclass(errors.ImportValidationError, ValueError)
    assert issubclass(errors.ScenarioError, ValueError)
    assert issubclass(errors.MissingExtraError, ImportError)
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, Exception) and obj is not errors.ArmsraceError:
            assert issubclass(obj, errors.ArmsraceError) or issubclass(obj, Warning), name
