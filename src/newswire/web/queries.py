"""Read-only queries the API, the dashboard and the exports need beyond :class:`~newswire.store.Store`.

Everything is SQLAlchemy Core against the store's table objects (:mod:`newswire.store.schema`), so
every value a user sends is a bound parameter, never SQL text, and the same code runs on SQLite and
PostgreSQL. Dates are ISO text (``YYYY-MM-DD``) and compare as strings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnClause

from ..store import schema as t
from .filters import _ISO3, EventFilter, FilterError, _date, _like, _split
from .scores import event_score

__all__ = [
    "EVENT_COLUMNS",
    "SORT_KEYS",
    "EventFilter",
    "FilterError",
    "actor_detail",
    "actors",
    "check_sort",
    "count_events",
    "documents",
    "events",
    "fts_available",
    "iter_events",
    "matching_document_ids",
    "quotes",
]


# -- events ------------------------------------------------------------------------------------

_src = t.actors.alias("src")
_tgt = t.actors.alias("tgt")
_att = t.actors.alias("att")
_ev = t.events
_doc = t.documents

#: Columns of an event row, in order (the CSV / Parquet / API field names).
_EVENT_SELECT: list[ColumnElement[Any]] = [
    _doc.c.doc_id.label("document_id"),
    _ev.c.local_id.label("event_id"),
    _ev.c.type,
    _ev.c.mode,
    _ev.c.quad,
    _ev.c.cameo,
    _ev.c.modality,
    _ev.c.context,
    _src.c.local_id.label("source_id"),
    _src.c.name.label("source_name"),
    _src.c.kind.label("source_kind"),
    _src.c.country.label("source_country"),
    _src.c.sector.label("source_sector"),
    _src.c.title.label("source_title"),
    _src.c.kb_id.label("source_kb_id"),
    _tgt.c.local_id.label("target_id"),
    _tgt.c.name.label("target_name"),
    _tgt.c.kind.label("target_kind"),
    _tgt.c.country.label("target_country"),
    _tgt.c.sector.label("target_sector"),
    _tgt.c.title.label("target_title"),
    _tgt.c.kb_id.label("target_kb_id"),
    _att.c.local_id.label("attributed_to_id"),
    _att.c.name.label("attributed_to_name"),
    _ev.c.when_text,
    _ev.c.when_start,
    _ev.c.when_end,
    _ev.c.precision,
    _ev.c.anchor,
    _ev.c.date_start,
    _ev.c.date_end,
    _ev.c.where_text,
    _ev.c.where_name,
    _ev.c.where_geonameid,
    _ev.c.where_lat.label("lat"),
    _ev.c.where_lon.label("lon"),
    _ev.c.where_country,
    _ev.c.where_admin1,
    _ev.c.magnitude_value,
    _ev.c.magnitude_unit,
    _ev.c.magnitude_qualifier,
    _ev.c.trigger_start,
    _ev.c.trigger_end,
    _ev.c.trigger_text.label("trigger"),
    _ev.c.evidence_start,
    _ev.c.evidence_end,
    _ev.c.evidence_text.label("evidence"),
    _ev.c.rule,
    _ev.c.confidence,
    _doc.c.published,
    _doc.c.title,
    _doc.c.source.label("document_source"),
    _doc.c.url,
]

#: Field names of an event row as returned by :func:`events` (plus ``score``, computed).
EVENT_COLUMNS: tuple[str, ...] = tuple(str(c.key) for c in _EVENT_SELECT) + ("score",)

#: Sort keys accepted by :func:`events` (prefix ``-`` for descending).
SORT_KEYS: dict[str, ColumnElement[Any]] = {
    "date": _ev.c.date_start,
    "published": _doc.c.published,
    "type": _ev.c.type,
    "quad": _ev.c.quad,
    "modality": _ev.c.modality,
    "confidence": _ev.c.confidence,
    "source": _src.c.name,
    "target": _tgt.c.name,
    "country": _ev.c.where_country,
    "place": _ev.c.where_name,
    "document": _doc.c.doc_id,
}


def _actor_match(alias: Any, needle: str) -> ColumnElement[bool]:
    if _ISO3.match(needle):
        return alias.c.country == needle
    return func.lower(alias.c.name).like(_like(needle), escape="\\")


def _event_base(columns: Sequence[ColumnElement[Any]]) -> Select[Any]:
    return (
        select(*columns)
        .select_from(_ev)
        .join(_doc, _doc.c.id == _ev.c.document_id)
        .outerjoin(_src, _src.c.id == _ev.c.source_actor_id)
        .outerjoin(_tgt, _tgt.c.id == _ev.c.target_actor_id)
        .outerjoin(_att, _att.c.id == _ev.c.attributed_to_actor_id)
    )


def _apply(q: Select[Any], f: EventFilter) -> Select[Any]:
    if f.actor:
        q = q.where(or_(_actor_match(_src, f.actor), _actor_match(_tgt, f.actor)))
    if f.source:
        q = q.where(_actor_match(_src, f.source))
    if f.target:
        q = q.where(_actor_match(_tgt, f.target))
    if f.country:
        q = q.where(
            or_(_ev.c.where_country == f.country, _src.c.country == f.country, _tgt.c.country == f.country)
        )
    if f.type:
        q = q.where(_ev.c.type.in_(f.type))
    if f.quad:
        q = q.where(_ev.c.quad.in_(f.quad))
    if f.modality:
        q = q.where(_ev.c.modality.in_(f.modality))
    if f.since:
        q = q.where(and_(_ev.c.date_end.is_not(None), _ev.c.date_end >= f.since))
    if f.until:
        q = q.where(and_(_ev.c.date_start.is_not(None), _ev.c.date_start <= f.until))
    if f.place:
        pattern = _like(f.place)
        q = q.where(
            or_(
                func.lower(_ev.c.where_name).like(pattern, escape="\\"),
                func.lower(_ev.c.where_text).like(pattern, escape="\\"),
            )
        )
    if f.bbox:
        w, s, e, n = f.bbox
        lat_ok = and_(_ev.c.where_lat >= s, _ev.c.where_lat <= n)
        if w <= e:
            lon_ok = and_(_ev.c.where_lon >= w, _ev.c.where_lon <= e)
        else:  # crosses the antimeridian
            lon_ok = or_(_ev.c.where_lon >= w, _ev.c.where_lon <= e)
        q = q.where(and_(_ev.c.where_lat.is_not(None), _ev.c.where_lon.is_not(None), lat_ok, lon_ok))
    if f.document:
        q = q.where(_doc.c.doc_id == f.document)
    return q


def _order(q: Select[Any], sort: str | None) -> Select[Any]:
    keys = _split(sort) or ["date"]
    order: list[Any] = []
    for key in keys:
        desc = key.startswith("-")
        name = key.lstrip("-+")
        if name not in SORT_KEYS:
            raise FilterError(f"cannot sort by {name!r}: choose one of {', '.join(SORT_KEYS)}")
        col = SORT_KEYS[name]
        order.append(col.is_(None))  # nulls last either way
        order.append(col.desc() if desc else col.asc())
    order += [_doc.c.id, _ev.c.id]
    return q.order_by(*order)


def check_sort(sort: str | None) -> None:
    """Raise :class:`FilterError` unless ``sort`` is a valid event sort specification."""
    _order(select(_ev.c.id), sort)


def _row(mapping: Any) -> dict[str, Any]:
    row = dict(mapping)
    ctx = row.get("context")
    if isinstance(ctx, str):  # some drivers hand JSON back as text
        import json

        row["context"] = json.loads(ctx)
    row["context"] = list(row.get("context") or [])
    row["score"] = event_score(row["type"], row.get("mode"))
    return row


def events(
    conn: Connection,
    f: EventFilter,
    *,
    sort: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events matching ``f`` as flat dicts (keys :data:`EVENT_COLUMNS`), sorted and paginated.

    ``sort`` is a comma-separated list of :data:`SORT_KEYS`, each optionally prefixed with ``-``
    for descending; the default is by date, oldest first, undated last.
    """
    q = _order(_apply(_event_base(_EVENT_SELECT), f), sort)
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    return [_row(r._mapping) for r in conn.execute(q)]


def iter_events(engine: Engine, f: EventFilter, *, sort: str | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """All events matching ``f``, read page by page (for exports of any size)."""
    offset = 0
    while True:
        with engine.connect() as conn:
            rows = events(conn, f, sort=sort, limit=batch, offset=offset)
        yield from rows
        if len(rows) < batch:
            return
        offset += batch


def count_events(conn: Connection, f: EventFilter) -> int:
    """How many events match ``f``."""
    q = _apply(_event_base([func.count(_ev.c.id)]), f)
    return int(conn.execute(q).scalar_one())


def matching_document_ids(conn: Connection, f: EventFilter) -> list[str]:
    """Ids of the documents holding at least one event matching ``f``, in ingestion order."""
    q = _apply(_event_base([_doc.c.doc_id, func.min(_doc.c.id).label("pk")]), f)
    q = q.group_by(_doc.c.doc_id).order_by(func.min(_doc.c.id))
    return [r[0] for r in conn.execute(q)]


# -- documents ---------------------------------------------------------------------------------

FTS_TABLE = "documents_fts"


def fts_available(conn: Connection) -> str:
    """Which full-text search the database offers: ``"fts5"`` (SQLite with a ``documents_fts``
    FTS5 table), ``"postgres"`` (PostgreSQL ``to_tsvector``), or ``"like"`` (substring fallback)."""
    backend = conn.engine.url.get_backend_name()
    if backend == "postgresql":
        return "postgres"
    if backend == "sqlite":
        found = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": FTS_TABLE}
        ).first()
        if found is not None:
            return "fts5"
    return "like"


_WORD = re.compile(r"\w+", re.UNICODE)
#: Most words a search may have (more is refused: each is a full-text term).
MAX_SEARCH_WORDS = 64


def _fts5_query(q: str) -> str:
    """``q`` as an FTS5 query: each word an FTS5 string (double-quoted, quotes doubled), so user
    input is never FTS5 syntax (NEAR, OR, *, ^, column filters, parentheses are just text)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in _WORD.findall(q))


def _snippet(body: str, q: str | None, width: int = 160) -> str:
    if not body:
        return ""
    pos = -1
    if q:
        low = body.lower()
        for w in _WORD.findall(q):
            pos = low.find(w.lower())
            if pos >= 0:
                break
    if pos < 0:
        return body[:width] + ("…" if len(body) > width else "")
    start = max(0, pos - width // 3)
    end = min(len(body), start + width)
    return ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")


def documents(
    conn: Connection,
    *,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: str = "-published",
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int, str]:
    """Documents matching a full-text query and filters: (rows, total, search method used).

    ``q`` is a list of words that must all occur (title or text); ``since``/``until`` bound the
    publication date; ``source`` is a case-insensitive part of the publisher's name.
    """
    since, until = _date("since", since), _date("until", until)
    if len(_WORD.findall(q or "")) > MAX_SEARCH_WORDS:
        raise FilterError(f"too many words in the search (at most {MAX_SEARCH_WORDS})")
    method = fts_available(conn)
    try:
        return _documents(conn, method, q, since, until, source, sort, limit, offset)
    except OperationalError:
        if method != "fts5":
            raise
        # Whatever the FTS5 table thinks of the query: answer with substring matching instead.
        conn.rollback()
        return _documents(conn, "like", q, since, until, source, sort, limit, offset)


def _documents(
    conn: Connection,
    method: str,
    q: str | None,
    since: str | None,
    until: str | None,
    source: str | None,
    sort: str,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int, str]:
    doc = _doc

    def count(table: Any) -> Any:
        return select(func.count()).select_from(table).where(table.c.document_id == doc.c.id).scalar_subquery()

    conds: list[ColumnElement[bool]] = []
    words = _WORD.findall(q or "")
    if words:
        if method == "fts5":
            fts = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts").bindparams(
                fts=_fts5_query(q or "")
            )
            conds.append(doc.c.id.in_(fts.columns(ColumnClause("rowid"))))
        elif method == "postgres":
            # The same expression as the store's GIN index (migration 0002), so the index is used.
            vector: ColumnElement[Any] = literal_column("to_tsvector('simple', coalesce(documents.title, '') || ' ' || documents.text)")
            query = func.plainto_tsquery(literal_column("'simple'"), " ".join(words))
            conds.append(vector.op("@@")(query))
        else:
            for w in words:
                pattern = _like(w)
                conds.append(
                    or_(
                        func.lower(doc.c.text).like(pattern, escape="\\"),
                        func.lower(doc.c.title).like(pattern, escape="\\"),
                    )
                )
    if since:
        conds.append(doc.c.published >= since)
    if until:
        conds.append(doc.c.published <= until)
    if source and source.strip():
        conds.append(func.lower(doc.c.source).like(_like(source.strip()), escape="\\"))
    sort_cols = {"published": doc.c.published, "title": doc.c.title, "ingested": doc.c.id, "id": doc.c.doc_id}
    desc = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in sort_cols:
        raise FilterError(f"cannot sort documents by {key!r}: choose one of {', '.join(sort_cols)}")
    col = sort_cols[key]
    rows_q = (
        select(
            doc.c.doc_id,
            doc.c.title,
            doc.c.published,
            doc.c.source,
            doc.c.url,
            doc.c.text,
            count(t.actors).label("n_actors"),
            count(t.events).label("n_events"),
            count(t.quotes).label("n_quotes"),
        )
        .where(*conds)
        .order_by(col.is_(None), col.desc() if desc else col.asc(), doc.c.id)
        .limit(limit)
        .offset(offset)
    )
    total = int(conn.execute(select(func.count(doc.c.id)).where(*conds)).scalar_one())
    out = []
    for r in conn.execute(rows_q):
        row = dict(r._mapping)
        row["snippet"] = _snippet(row.pop("text") or "", q)
        out.append(row)
    return out, total, method


# -- actors ------------------------------------------------------------------------------------


def _actor_key(name: str | None, country: str | None) -> str:
    return f"{name or '?'}|{country or ''}"


def actors(
    conn: Connection,
    *,
    q: str | None = None,
    name: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    sort: str = "-events",
    limit: int = 50,
    offset: int = 0,
    partners: int = 3,
) -> tuple[list[dict[str, Any]], int]:
    """Actors across documents (grouped by name and country) with counts and top partners.

    Counts: ``documents`` they appear in, ``mentions``, ``as_source`` / ``as_target`` events,
    ``events`` (both). ``q`` is a part of the name; ``country`` an ISO3 code; ``kind`` an actor kind.
    """
    a = t.actors
    as_src = (
        select(func.count(_ev.c.id)).where(_ev.c.source_actor_id == a.c.id).scalar_subquery()
    )
    as_tgt = (
        select(func.count(_ev.c.id)).where(_ev.c.target_actor_id == a.c.id).scalar_subquery()
    )
    n_mentions = select(func.count(t.mentions.c.id)).where(t.mentions.c.actor_id == a.c.id).scalar_subquery()
    per_row = (
        select(
            a.c.name,
            a.c.country,
            a.c.kind,
            a.c.sector,
            a.c.document_id,
            as_src.label("as_source"),
            as_tgt.label("as_target"),
            n_mentions.label("mentions"),
        )
    )
    if q and q.strip():
        per_row = per_row.where(func.lower(a.c.name).like(_like(q.strip()), escape="\\"))
    if name is not None:
        per_row = per_row.where(a.c.name == name)
    if country:
        per_row = per_row.where(a.c.country == country.strip().upper())
    if kind:
        per_row = per_row.where(a.c.kind == kind.strip().lower())
    sub = per_row.subquery()
    grouped = select(
        sub.c.name,
        sub.c.country,
        func.min(sub.c.kind).label("kind"),
        func.min(sub.c.sector).label("sector"),
        func.count(func.distinct(sub.c.document_id)).label("documents"),
        func.sum(sub.c.mentions).label("mentions"),
        func.sum(sub.c.as_source).label("as_source"),
        func.sum(sub.c.as_target).label("as_target"),
        (func.sum(sub.c.as_source) + func.sum(sub.c.as_target)).label("events"),
    ).group_by(sub.c.name, sub.c.country)
    g = grouped.subquery()
    sort_cols = {"events": g.c.events, "documents": g.c.documents, "mentions": g.c.mentions, "name": g.c.name}
    desc = sort.startswith("-")
    key = sort.lstrip("-+")
    if key not in sort_cols:
        raise FilterError(f"cannot sort actors by {key!r}: choose one of {', '.join(sort_cols)}")
    col = sort_cols[key]
    total = int(conn.execute(select(func.count()).select_from(g)).scalar_one())
    rows_q = (
        select(g).order_by(col.desc() if desc else col.asc(), g.c.name, g.c.country).limit(limit).offset(offset)
    )
    rows = []
    for r in conn.execute(rows_q):
        row = dict(r._mapping)
        for k in ("mentions", "as_source", "as_target", "events", "documents"):
            row[k] = int(row[k] or 0)
        rows.append(row)
    if partners and rows:
        tops = _partners(conn, [(r["name"], r["country"]) for r in rows], partners)
        for row in rows:
            row["top_partners"] = tops.get(_actor_key(row["name"], row["country"]), [])
    return rows, total


def _partners(conn: Connection, keys: list[tuple[str, str | None]], top: int) -> dict[str, list[dict[str, Any]]]:
    names = sorted({k[0] for k in keys})
    wanted = {_actor_key(*k) for k in keys}
    q = (
        select(
            _src.c.name.label("sn"),
            _src.c.country.label("sc"),
            _tgt.c.name.label("tn"),
            _tgt.c.country.label("tc"),
            _ev.c.quad,
            func.count(_ev.c.id).label("n"),
        )
        .select_from(_ev)
        .join(_src, _src.c.id == _ev.c.source_actor_id)
        .join(_tgt, _tgt.c.id == _ev.c.target_actor_id)
        .where(or_(_src.c.name.in_(names), _tgt.c.name.in_(names)))
        .group_by(_src.c.name, _src.c.country, _tgt.c.name, _tgt.c.country, _ev.c.quad)
    )
    counts: dict[str, Counter[tuple[str, str | None]]] = defaultdict(Counter)
    for sn, sc, tn, tc, _quad, n in conn.execute(q):
        a, b = _actor_key(sn, sc), _actor_key(tn, tc)
        if a == b:
            continue
        if a in wanted:
            counts[a][(tn, tc)] += int(n)
        if b in wanted:
            counts[b][(sn, sc)] += int(n)
    return {
        key: [{"name": n, "country": c, "events": k} for (n, c), k in sorted(cnt.items(), key=lambda x: (-x[1], x[0][0]))[:top]]
        for key, cnt in counts.items()
    }


def actor_detail(conn: Connection, name: str, country: str | None = None) -> dict[str, Any] | None:
    """One actor (by exact name, and country when given) with counts, all partners and event types."""
    rows, _ = actors(conn, name=name, country=country, limit=1000, partners=0)
    match = [r for r in rows if r["name"] == name and (country is None or r["country"] == country)]
    if not match:
        return None
    row = match[0]
    row["top_partners"] = _partners(conn, [(row["name"], row["country"])], 20).get(
        _actor_key(row["name"], row["country"]), []
    )
    cond = [_src.c.name == row["name"]]
    cond.append(_src.c.country == row["country"] if row["country"] else _src.c.country.is_(None))
    tcond = [_tgt.c.name == row["name"]]
    tcond.append(_tgt.c.country == row["country"] if row["country"] else _tgt.c.country.is_(None))
    q = (
        _event_base([_ev.c.type, func.count(_ev.c.id).label("n")])
        .where(or_(and_(*cond), and_(*tcond)))
        .group_by(_ev.c.type)
        .order_by(func.count(_ev.c.id).desc(), _ev.c.type)
    )
    row["event_types"] = {r[0]: int(r[1]) for r in conn.execute(q)}
    dq = (
        select(_doc.c.doc_id, _doc.c.title, _doc.c.published)
        .join(t.actors, t.actors.c.document_id == _doc.c.id)
        .where(t.actors.c.name == row["name"])
        .distinct()
        .order_by(_doc.c.published, _doc.c.doc_id)
        .limit(100)
    )
    if row["country"]:
        dq = dq.where(t.actors.c.country == row["country"])
    row["documents_list"] = [dict(r._mapping) for r in conn.execute(dq)]
    return row


# -- quotes ------------------------------------------------------------------------------------


def quotes(
    conn: Connection,
    *,
    speaker: str | None = None,
    document: str | None = None,
    q: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Quotes, filtered by speaker (ISO3 country code or part of the name), document, words, kind."""
    qt = t.quotes
    spk = t.actors.alias("spk")
    base = (
        select(
            _doc.c.doc_id.label("document_id"),
            qt.c.local_id.label("quote_id"),
            qt.c.kind,
            qt.c.text,
            qt.c.start,
            qt.c.end,
            spk.c.local_id.label("speaker_id"),
            spk.c.name.label("speaker_name"),
            spk.c.country.label("speaker_country"),
            spk.c.title.label("speaker_title"),
            qt.c.cue_text.label("cue"),
            _doc.c.published,
            _doc.c.title.label("document_title"),
        )
        .select_from(qt)
        .join(_doc, _doc.c.id == qt.c.document_id)
        .outerjoin(spk, spk.c.id == qt.c.speaker_actor_id)
    )
    if speaker and speaker.strip():
        base = base.where(_actor_match(spk, speaker.strip()))
    if document:
        base = base.where(_doc.c.doc_id == document)
    if kind:
        base = base.where(qt.c.kind == kind.strip().lower())
    for w in _WORD.findall(q or ""):
        base = base.where(func.lower(qt.c.text).like(_like(w), escape="\\"))
    total = int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())
    rows_q = base.order_by(_doc.c.published.is_(None), _doc.c.published, _doc.c.id, qt.c.start).limit(limit).offset(offset)
    return [dict(r._mapping) for r in conn.execute(rows_q)], total
