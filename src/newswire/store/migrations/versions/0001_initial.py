"""Initial schema: documents and their actors, mentions, events, quotes, times, places.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk(table: str) -> sa.Column[int]:
    return sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE", name=f"fk_{table}_document_id_documents"),
        nullable=False,
    )


def _actor_fk(table: str, name: str) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey("actors.id", ondelete="SET NULL", name=f"fk_{table}_{name}_actors"),
        nullable=True,
    )


def _ix(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(16)),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record_json", sa.Text, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("text_hash", name="uq_documents_text_hash"),
    )
    _ix("documents", "doc_id")
    _ix("documents", "published")

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _doc_fk("actors"),
        sa.Column("local_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("kb_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.UniqueConstraint("document_id", "local_id", name="uq_actors_document_id_local_id"),
    )
    _ix("actors", "document_id")
    _ix("actors", "name_key")
    _ix("actors", "country")

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "actor_id",
            sa.Integer,
            sa.ForeignKey("actors.id", ondelete="CASCADE", name="fk_mentions_actor_id_actors"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    _ix("mentions", "actor_id")

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _doc_fk("events"),
        sa.Column("local_id", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.Text),
        sa.Column("quad", sa.Integer, nullable=False),
        sa.Column("cameo", sa.Text),
        _actor_fk("events", "source_actor_id"),
        _actor_fk("events", "target_actor_id"),
        _actor_fk("events", "attributed_to_actor_id"),
        sa.Column("when_text", sa.Text),
        sa.Column("when_start", sa.String(16)),
        sa.Column("when_end", sa.String(16)),
        sa.Column("precision", sa.String(16)),
        sa.Column("anchor", sa.String(16)),
        sa.Column("date_start", sa.String(16)),
        sa.Column("date_end", sa.String(16)),
        sa.Column("where_text", sa.Text),
        sa.Column("where_name", sa.Text),
        sa.Column("where_geonameid", sa.Integer),
        sa.Column("where_lat", sa.Float),
        sa.Column("where_lon", sa.Float),
        sa.Column("where_country", sa.String(3)),
        sa.Column("where_admin1", sa.Text),
        sa.Column("magnitude_value", sa.Float),
        sa.Column("magnitude_unit", sa.Text),
        sa.Column("magnitude_qualifier", sa.String(16)),
        sa.Column("magnitude_text", sa.Text),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("context", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("document_id", "local_id", name="uq_events_document_id_local_id"),
    )
    _ix("events", "document_id")
    _ix("events", "type")
    _ix("events", "source_actor_id")
    _ix("events", "target_actor_id")
    _ix("events", "attributed_to_actor_id")
    _ix("events", "date_start")
    _ix("events", "date_end")
    _ix("events", "where_country")
    op.create_index("ix_events_type_date_start", "events", ["type", "date_start"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _doc_fk("quotes"),
        sa.Column("local_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        _actor_fk("quotes", "speaker_actor_id"),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("cue_text", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.UniqueConstraint("document_id", "local_id", name="uq_quotes_document_id_local_id"),
    )
    _ix("quotes", "document_id")
    _ix("quotes", "speaker_actor_id")

    op.create_table(
        "times",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _doc_fk("times"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("interval_start", sa.String(16)),
        sa.Column("interval_end", sa.String(16)),
        sa.Column("precision", sa.String(16)),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_times"),
    )
    _ix("times", "document_id")

    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _doc_fk("places"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(3)),
        sa.Column("feature_code", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
    )
    _ix("places", "document_id")
    _ix("places", "country")


def downgrade() -> None:
    for table in ("places", "times", "quotes", "events", "mentions", "actors", "documents"):
        op.drop_table(table)
