"""Near-duplicates and fused events: document_sources, document_minhash, document_lsh,
fused_events, fused_event_mentions.

Existing documents get their "original" row in document_sources; their MinHash signatures
and fused events are not back-filled (they are computed when documents are added).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _doc_fk(table: str, **kw: object) -> sa.Column[int]:
    return sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE", name=f"fk_{table}_document_id_documents"),
        nullable=False,
        **kw,  # type: ignore[arg-type]
    )


def upgrade() -> None:
    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _doc_fk("document_sources"),
        sa.Column("source_key", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("doc_id", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(16)),
        sa.Column("text_hash", sa.String(64)),
        sa.Column("similarity", sa.Float),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_sources"),
        sa.UniqueConstraint("document_id", "source_key", name="uq_document_sources_document_id_source_key"),
    )
    op.create_index("ix_document_sources_document_id", "document_sources", ["document_id"])

    op.create_table(
        "document_minhash",
        _doc_fk("document_minhash"),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_minhash"),
    )

    op.create_table(
        "document_lsh",
        sa.Column("key", sa.BigInteger, nullable=False),
        _doc_fk("document_lsh"),
        sa.PrimaryKeyConstraint("key", "document_id", name="pk_document_lsh"),
    )
    op.create_index("ix_document_lsh_document_id", "document_lsh", ["document_id"])

    op.create_table(
        "fused_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("source_key", sa.Text, nullable=False),
        sa.Column("target_key", sa.Text, nullable=False),
        sa.Column("source_name", sa.Text),
        sa.Column("source_country", sa.String(3)),
        sa.Column("source_sector", sa.Text),
        sa.Column("target_name", sa.Text),
        sa.Column("target_country", sa.String(3)),
        sa.Column("target_sector", sa.Text),
        sa.Column("date_start", sa.String(16)),
        sa.Column("date_end", sa.String(16)),
        sa.Column("precision", sa.String(16)),
        sa.Column("where_name", sa.Text),
        sa.Column("where_country", sa.String(3)),
        sa.Column("where_geonameid", sa.Integer),
        sa.Column("where_lat", sa.Float),
        sa.Column("where_lon", sa.Float),
        sa.Column("num_articles", sa.Integer, nullable=False),
        sa.Column("num_documents", sa.Integer, nullable=False),
        sa.Column("num_sources", sa.Integer, nullable=False),
        sa.Column("num_mentions", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_fused_events"),
    )
    op.create_index("ix_fused_events_date_start", "fused_events", ["date_start"])
    op.create_index(
        "ix_fused_events_match", "fused_events", ["type", "source_key", "target_key", "date_start"]
    )

    op.create_table(
        "fused_event_mentions",
        sa.Column(
            "fused_event_id",
            sa.Integer,
            sa.ForeignKey(
                "fused_events.id",
                ondelete="CASCADE",
                name="fk_fused_event_mentions_fused_event_id_fused_events",
            ),
            nullable=False,
        ),
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("events.id", ondelete="CASCADE", name="fk_fused_event_mentions_event_id_events"),
            nullable=False,
        ),
        _doc_fk("fused_event_mentions"),
        sa.PrimaryKeyConstraint("fused_event_id", "event_id", name="pk_fused_event_mentions"),
        sa.UniqueConstraint("event_id", name="uq_fused_event_mentions_event_id"),
    )
    op.create_index("ix_fused_event_mentions_document_id", "fused_event_mentions", ["document_id"])

    # documents stored before this revision stand for themselves
    op.execute(
        "INSERT INTO document_sources (document_id, source_key, kind, doc_id, origin, url, source, publisher, "
        "title, published, text_hash, similarity, added_at) "
        "SELECT id, COALESCE(origin, url, doc_id), 'original', doc_id, origin, url, source, source, title, "
        "published, text_hash, 1.0, ingested_at FROM documents"
    )


def downgrade() -> None:
    op.drop_table("fused_event_mentions")
    op.drop_table("fused_events")
    op.drop_table("document_lsh")
    op.drop_table("document_minhash")
    op.drop_table("document_sources")
