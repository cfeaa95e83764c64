"""Turn what the user typed (a file path or a database URL) into a SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError

__all__ = ["database_url", "display_url"]

_PG_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg", "postgresql+psycopg3"}


def database_url(url_or_path: str | Path) -> URL:
    """The SQLAlchemy URL for a path (SQLite file) or a URL.

    ``postgres://`` and ``postgresql://`` use the psycopg 3 driver. A path becomes
    ``sqlite:///<absolute path>``; its folder is created when missing.
    """
    raw = str(url_or_path).strip()
    if not raw:
        raise StoreError("no database given: pass a SQLite file path or a database URL")
    if raw == ":memory:":
        return URL.create("sqlite")
    if "://" not in raw:
        return _sqlite_file(Path(raw))
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"invalid database URL {raw!r}: {exc}") from None
    if url.drivername in _PG_SCHEMES:
        url = url.set(drivername="postgresql+psycopg")
    elif (
        url.get_backend_name() == "sqlite"
        and url.database
        and url.database != ":memory:"
        and not url.database.startswith("file:")
    ):
        return _sqlite_file(Path(url.database))
    return url


def display_url(url: URL) -> str:
    """The URL as text with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def _sqlite_file(path: Path) -> URL:
    path = path.expanduser().resolve()
    if path.is_dir():
        raise StoreError(f"cannot use {path} as a database: it is a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for database {path}: {exc.strerror or exc}") from None
    return URL.create("sqlite", database=str(path))
