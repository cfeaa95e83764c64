"""The database tables, as SQLAlchemy Core metadata.

The migrations in ``migrations/versions/`` create exactly these tables; this module is what
the queries in :mod:`newswire.store.store` are written against. Dates are ISO text
(``YYYY-MM-DD``), so they compare and sort the same way on SQLite and PostgreSQL.
Every child row belongs to a document and goes with it (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["actors", "documents", "events", "mentions", "metadata", "places", "quotes", "times"]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _doc_fk() -> Column[int]:
    return Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _actor_fk(name: str) -> Column[int]:
    return Column(name, Integer, ForeignKey("actors.id", ondelete="SET NULL"), nullable=True, index=True)


documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", Text, nullable=False, index=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("published", String(16), index=True),
    Column("url", Text),
    Column("source", Text),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("record_json", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", String(32), nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("local_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    # the name case- and accent-folded (see store.fold), for the case-insensitive name filter
    Column("name_key", Text, nullable=False, index=True),
    Column("kind", Text, nullable=False),
    Column("country", String(3), index=True),
    Column("sector", Text),
    Column("title", Text),
    Column("kb_id", Text),
    UniqueConstraint("document_id", "local_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("local_id", Text, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", Text),
    Column("quad", Integer, nullable=False),
    Column("cameo", Text),
    _actor_fk("source_actor_id"),
    _actor_fk("target_actor_id"),
    _actor_fk("attributed_to_actor_id"),
    Column("when_text", Text),
    Column("when_start", String(16)),
    Column("when_end", String(16)),
    Column("precision", String(16)),
    Column("anchor", String(16)),
    # The dates the since/until filters use: the event's own dates, else the publication date.
    Column("date_start", String(16), index=True),
    Column("date_end", String(16), index=True),
    Column("where_text", Text),
    Column("where_name", Text),
    Column("where_geonameid", Integer),
    Column("where_lat", Float),
    Column("where_lon", Float),
    Column("where_country", String(3), index=True),
    Column("where_admin1", Text),
    Column("magnitude_value", Float),
    Column("magnitude_unit", Text),
    Column("magnitude_qualifier", String(16)),
    Column("magnitude_text", Text),
    Column("modality", String(16), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("context", JSON, nullable=False),
    UniqueConstraint("document_id", "local_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("local_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    _actor_fk("speaker_actor_id"),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    UniqueConstraint("document_id", "local_id"),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text),
    Column("interval_start", String(16)),
    Column("interval_end", String(16)),
    Column("precision", String(16)),
    Column("note", Text),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3), index=True),
    Column("feature_code", Text),
    Column("admin1", Text),
)

Index("ix_events_type_date_start", events.c.type, events.c.date_start)
