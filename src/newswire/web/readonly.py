"""A read-only :class:`~newswire.store.Store` for the web server's GET routes.

- SQLite: the file is opened with ``mode=ro`` (the OS-level open is read-only) and every
  connection also sets ``PRAGMA query_only``; the schema is not migrated.
- PostgreSQL: every session is ``SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY``. That is a
  second line of defence, not a permission: for a deployment, connect ``newswire serve`` with a
  role that only has ``SELECT`` (docs/deployment.md).
- Anything else (an in-memory SQLite database) is opened normally.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from ..errors import StoreError
from ..store import Store
from ..store.urls import database_url, display_url

__all__ = ["open_read_only", "schema_status"]


def _sqlite_engine(path: Path) -> Engine:
    if not path.is_file():
        raise StoreError(f"no database at {path}")
    uri = "file:" + quote(str(path), safe="/") + "?mode=ro"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    # "sqlite://" alone gets SingletonThreadPool (meant for :memory:): under concurrent requests it
    # closes connections other threads are still using (500s, then a segfault). A queue pool
    # gives each request thread its own connection.
    return create_engine("sqlite://", creator=connect, future=True, poolclass=QueuePool)


def _pg_read_only(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    finally:
        cur.close()
    dbapi_conn.commit()  # a SET inside a transaction that is rolled back would be undone


def schema_status(engine: Engine) -> tuple[str | None, str | None]:
    """(the database's Alembic revision, the newest revision this newswire knows)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from ..store.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, head


def open_read_only(db: str) -> Store:
    """Open the database ``db`` (a SQLite path or a URL) for reading only.

    Raises :class:`~newswire.errors.StoreError` when it cannot be opened or its schema is not
    the newest (a read-only server cannot migrate it: open it once for writing, e.g. with
    ``newswire ingest``).
    """
    url = database_url(db)
    shown = display_url(url)
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        engine = _sqlite_engine(Path(url.database))
    elif backend == "postgresql":
        kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": True}
        if "connect_timeout" not in url.query:
            kwargs["connect_args"] = {"connect_timeout": 10}
        try:
            engine = create_engine(url, **kwargs)
        except (SQLAlchemyError, ImportError, ValueError, TypeError) as exc:
            raise StoreError(f"cannot use database {shown}: {exc}") from None
        event.listen(engine, "connect", _pg_read_only)
    else:
        return Store.open(db)
    try:
        current, head = schema_status(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot open database {shown}: {reason}") from None
    if current != head:
        engine.dispose()
        raise StoreError(
            f"database {shown} has schema revision {current or 'none'}, this newswire needs {head}: "
            "open it once for writing (e.g. `newswire ingest`) to upgrade it"
        )
    return Store(engine)
