"""Cross-article event fusion: one fused event per real-world event, however many report it.

Two event mentions are the same event when they have

- the same PLOVER type and the same modality (an event reported as happened is not the same
  record as one reported as planned or denied);
- the same actors, source and target, compared by :func:`actor_key`: the knowledge-base id
  when there is one, else country + sector, else the folded name; unknown matches unknown only;
- dates within the events' precision: their intervals (``when``, else the publication date)
  overlap, a day-precise date being allowed one day either side (reports come a day later);
  undated events are never fused;
- the same place (geonames id, else folded name) or an unknown place on either side; when
  neither actor is known, the place must be known on both sides and the same.

Fusion is incremental: :func:`fuse_document` runs in the transaction that stores the document,
matching each of its events against the fused events already stored (the first match, oldest
first, wins) or founding a new one. A fused event keeps its founding mention's dates and
actors and takes the first known place. Its counts are refreshed by :func:`refresh_counts`:
``num_mentions`` (event mentions), ``num_documents`` (stored documents), ``num_articles``
(articles, counting each near or exact duplicate copy of a document) and ``num_sources``
(distinct publishers of those articles).
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, literal, select, update

from .record import Actor, Event, Record
from .store import schema as t

__all__ = ["actor_key", "event_span", "fuse_document", "places_compatible", "refresh_counts"]

_DAY = _dt.timedelta(days=1)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def actor_key(actor: Actor | None) -> str:
    """How an actor is compared across articles: ``kb:ID``, ``c:ISO3:SECTOR``, ``n:name`` or ``""`` (unknown)."""
    if actor is None:
        return ""
    if actor.kb_id:
        return f"kb:{actor.kb_id}"
    if actor.country:
        return f"c:{actor.country}:{actor.sector or ''}"
    return f"n:{_fold(actor.name)}"


def event_span(event: Event, published: str | None) -> tuple[str | None, str | None, str | None]:
    """The event's date interval and precision: its ``when``, else the publication date (day)."""
    w = event.when
    if w is not None and (w.start or w.end):
        return w.start or w.end, w.end or w.start, w.precision
    if published:
        return published, published, "day"
    return None, None, None


def _shift(date: str, days: int) -> str:
    try:
        return (_dt.date.fromisoformat(date) + days * _DAY).isoformat()
    except ValueError:
        return date


def places_compatible(row: Any, event: Event, *, known: bool = False) -> bool:
    """Whether a fused event's place and an event's place can be the same (either unknown counts,
    unless ``known``: then both must be known and equal)."""
    where = event.where
    if where is None or (row.where_geonameid is None and row.where_name is None):
        return not known
    if row.where_geonameid is not None and where.geonameid is not None:
        return bool(row.where_geonameid == where.geonameid)
    if row.where_name and where.name:
        return _fold(row.where_name) == _fold(where.name)
    return True


def fuse_document(conn: Connection, record: Record, event_pks: dict[str, int], document_pk: int) -> set[int]:
    """Attach each event of a just-stored document to a fused event (found or new); returns those touched."""
    fe = t.fused_events
    actors = {a.id: a for a in record.actors}
    published = record.document.published
    touched: set[int] = set()
    rows = []
    for ev in record.events:
        source = actors.get(ev.source) if ev.source else None
        target = actors.get(ev.target) if ev.target else None
        skey, tkey = actor_key(source), actor_key(target)
        start, end, precision = event_span(ev, published)
        fused_id: int | None = None
        if start is not None and end is not None:
            slack = 1 if precision == "day" else 0
            q = (
                select(fe.c.id, fe.c.where_geonameid, fe.c.where_name)
                .where(
                    and_(
                        fe.c.type == ev.type,
                        fe.c.source_key == skey,
                        fe.c.target_key == tkey,
                        fe.c.modality == ev.modality,
                        fe.c.date_start.is_not(None),
                        fe.c.date_start <= _shift(end, slack),
                        fe.c.date_end >= _shift(start, -slack),
                    )
                )
                .order_by(fe.c.id)
            )
            for row in conn.execute(q):
                # with neither actor known, only the place can tell events apart: it must be known
                if places_compatible(row, ev, known=not (skey or tkey)):
                    fused_id = int(row.id)
                    break
        where = ev.where
        if fused_id is None:
            fused_id = int(
                conn.execute(
                    insert(fe).returning(fe.c.id),
                    {
                        "type": ev.type,
                        "modality": ev.modality,
                        "source_key": skey,
                        "target_key": tkey,
                        "source_name": source.name if source else None,
                        "source_country": source.country if source else None,
                        "source_sector": source.sector if source else None,
                        "target_name": target.name if target else None,
                        "target_country": target.country if target else None,
                        "target_sector": target.sector if target else None,
                        "date_start": start,
                        "date_end": end,
                        "precision": precision,
                        "where_name": where.name if where else None,
                        "where_country": where.country if where else None,
                        "where_geonameid": where.geonameid if where else None,
                        "where_lat": where.lat if where else None,
                        "where_lon": where.lon if where else None,
                        "num_articles": 0,
                        "num_documents": 0,
                        "num_sources": 0,
                        "num_mentions": 0,
                    },
                ).scalar_one()
            )
        elif where is not None:
            # the first known place fills in a fused event that had none
            conn.execute(
                update(fe)
                .where(and_(fe.c.id == fused_id, fe.c.where_name.is_(None), fe.c.where_geonameid.is_(None)))
                .values(
                    where_name=where.name,
                    where_country=where.country,
                    where_geonameid=where.geonameid,
                    where_lat=where.lat,
                    where_lon=where.lon,
                )
            )
        rows.append({"fused_event_id": fused_id, "event_id": event_pks[ev.id], "document_id": document_pk})
        touched.add(fused_id)
    if rows:
        conn.execute(insert(t.fused_event_mentions), rows)
    refresh_counts(conn, touched)
    return touched


def fused_ids_of_documents(conn: Connection, document_pks: Iterable[int]) -> set[int]:
    """The fused events that documents' events support."""
    pks = list(document_pks)
    if not pks:
        return set()
    fem = t.fused_event_mentions
    q = select(fem.c.fused_event_id).where(fem.c.document_id.in_(pks)).distinct()
    return {int(r[0]) for r in conn.execute(q)}


def refresh_counts(conn: Connection, fused_ids: Iterable[int]) -> None:
    """Recount mentions, documents, articles and sources of fused events; drop those left empty."""
    ids = sorted(set(fused_ids))
    if not ids:
        return
    fe, fem, ds = t.fused_events, t.fused_event_mentions, t.document_sources
    supporting = (
        select(fem.c.document_id).where(fem.c.fused_event_id == fe.c.id).correlate(fe).scalar_subquery()
    )
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        conn.execute(
            update(fe)
            .where(fe.c.id.in_(chunk))
            .values(
                num_mentions=select(func.count(literal(1)))
                .select_from(fem)
                .where(fem.c.fused_event_id == fe.c.id)
                .scalar_subquery(),
                num_documents=select(func.count(fem.c.document_id.distinct()))
                .where(fem.c.fused_event_id == fe.c.id)
                .scalar_subquery(),
                num_articles=select(func.count(literal(1)))
                .select_from(ds)
                .where(ds.c.document_id.in_(supporting))
                .correlate(fe)
                .scalar_subquery(),
                num_sources=select(func.count(func.coalesce(ds.c.publisher, ds.c.source_key).distinct()))
                .where(ds.c.document_id.in_(supporting))
                .correlate(fe)
                .scalar_subquery(),
            )
        )
        conn.execute(delete(fe).where(and_(fe.c.id.in_(chunk), fe.c.num_mentions == 0)))
