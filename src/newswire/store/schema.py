"""The database tables, as SQLAlchemy Core metadata.

The migrations in ``migrations/versions/`` create exactly these tables; this module is what
the queries in :mod:`newswire.store.store` are written against. Dates are ISO text
(``YYYY-MM-DD``), so they compare and sort the same way on SQLite and PostgreSQL.
Every child row belongs to a document and goes with it (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "actors",
    "document_lsh",
    "document_minhash",
    "document_sources",
    "documents",
    "events",
    "fused_event_mentions",
    "fused_events",
    "mentions",
    "metadata",
    "places",
    "quotes",
    "times",
]

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


# -- revision 0003: near-duplicates and fused events ----------------------------------------

# Every article a stored document stands for: the one stored ("original") and the exact
# ("exact") or near ("near") duplicates found later, which are not stored again.
document_sources = Table(
    "document_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    # what identifies this copy: its origin (path, path:LINE, feed[i], URL), else url, else doc_id
    Column("source_key", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("doc_id", Text),
    Column("origin", Text),
    Column("url", Text),
    Column("source", Text),
    # the publisher: the source's name, else the URL's host (None: unknown)
    Column("publisher", Text),
    Column("title", Text),
    Column("published", String(16)),
    Column("text_hash", String(64)),
    Column("similarity", Float),
    Column("added_at", String(32), nullable=False),
    UniqueConstraint("document_id", "source_key"),
)

# The MinHash signature of each stored document (uint32 x num_perm, little-endian bytes).
document_minhash = Table(
    "document_minhash",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

# The LSH index: one row per (band key, document); near-duplicate candidates share a key.
document_lsh = Table(
    "document_lsh",
    metadata,
    Column("key", BigInteger, nullable=False),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    PrimaryKeyConstraint("key", "document_id"),
)

# One real-world event reported by one or more articles (see newswire.fusion).
fused_events = Table(
    "fused_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("modality", String(16), nullable=False),
    # actor keys: "kb:<kb_id>", "c:<ISO3>:<sector>", "n:<folded name>", "" when unknown
    Column("source_key", Text, nullable=False),
    Column("target_key", Text, nullable=False),
    Column("source_name", Text),
    Column("source_country", String(3)),
    Column("source_sector", Text),
    Column("target_name", Text),
    Column("target_country", String(3)),
    Column("target_sector", Text),
    Column("date_start", String(16), index=True),
    Column("date_end", String(16)),
    Column("precision", String(16)),
    Column("where_name", Text),
    Column("where_country", String(3)),
    Column("where_geonameid", Integer),
    Column("where_lat", Float),
    Column("where_lon", Float),
    Column("num_articles", Integer, nullable=False),
    Column("num_documents", Integer, nullable=False),
    Column("num_sources", Integer, nullable=False),
    Column("num_mentions", Integer, nullable=False),
)
Index(
    "ix_fused_events_match",
    fused_events.c.type,
    fused_events.c.source_key,
    fused_events.c.target_key,
    fused_events.c.date_start,
)

# The stored events (mentions) each fused event stands for.
fused_event_mentions = Table(
    "fused_event_mentions",
    metadata,
    Column("fused_event_id", Integer, ForeignKey("fused_events.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, unique=True),
    _doc_fk(),
    PrimaryKeyConstraint("fused_event_id", "event_id"),
)
