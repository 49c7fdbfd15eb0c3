"""``armsrace serve``: a local what-if dashboard and JSON API over the fact store.

FastAPI is imported when :func:`create_app` is called, never at package import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armsrace.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from armsrace.serve.app import create_app

        return create_app
    raise AttributeError(name)
