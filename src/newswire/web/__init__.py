"""The newswire web layer: a REST API and dashboard over a newswire database (read-only unless
given a write token; see docs/web.md#security).

>>> from newswire.web import create_app            # doctest: +SKIP
>>> app = create_app("newswire.db")                  # a FastAPI app; run with uvicorn

:func:`render` gives the highlighted article view of a record as HTML (for notebooks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .render import render

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "render"]


def create_app(db: str, **kwargs: Any) -> FastAPI:
    """The FastAPI application over database ``db`` (see :func:`newswire.web.app.create_app`)."""
    from .app import create_app as _create

    return _create(db, **kwargs)
