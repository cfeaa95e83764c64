"""Full-text search over documents: an FTS5 table on SQLite, a GIN index on PostgreSQL.

SQLite: ``documents_fts`` is an external-content FTS5 table over ``documents(title, text)``
whose rowid is ``documents.id``, kept in step by triggers. Skipped when the SQLite library
has no FTS5 (search then falls back to LIKE).
PostgreSQL: a GIN index on ``to_tsvector('simple', coalesce(title, '') || ' ' || text)``, the
expression the search queries use.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS = "documents_fts"
PG_INDEX = "ix_documents_search"

_SQLITE = [
    (
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, text, content='documents', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    ),
    (
        f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON documents BEGIN "
        f"INSERT INTO {FTS}(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    ),
    (
        f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON documents BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END"
    ),
    (
        f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON documents BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
        f"INSERT INTO {FTS}(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    ),
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]


def _has_fts5(bind: sa.Connection) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.newswire_fts5_probe USING fts5(x)")
    except sa.exc.OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.newswire_fts5_probe")
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if _has_fts5(bind):
            for statement in _SQLITE:
                op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX {PG_INDEX} ON documents USING gin "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
