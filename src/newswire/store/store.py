"""The :class:`Store`: records in a SQL database (SQLite or PostgreSQL).

One row per document (with the full record as JSON, so :meth:`Store.record` gives back
exactly what was stored) and one row per actor, mention, event, quote, time and place, so
events can be queried by type, date and actor. Writes of one document are one transaction.

Concurrency: every write transaction holds the database's write lock from its first statement
(SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-level advisory lock per schema), so
writers (several ``newswire ingest`` processes) take turns document by document and each
decision (exact or near duplicate, which fused event an event joins) sees every document
committed before it. Readers are never blocked (SQLite WAL, PostgreSQL MVCC). A write that
still finds the database busy is retried (see :data:`WRITE_RETRIES`).
"""

from __future__ import annotations

import datetime as _dt
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit

from alembic.util import CommandError
from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from .. import dedup, fusion
from ..errors import StoreError
from ..record import Record
from . import schema as t
from .migrate import is_current, upgrade
from .urls import database_url, display_url

__all__ = ["BUSY_TIMEOUT_MS", "WRITE_RETRIES", "AddResult", "Store"]

_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^-?\d{4}-\d{2}-\d{2}$")
_T = TypeVar("_T")

#: How long a SQLite connection waits for a lock before giving up (``PRAGMA busy_timeout``).
BUSY_TIMEOUT_MS = 30_000
#: How many times a write transaction that failed on a busy database (SQLite "database is
#: locked", PostgreSQL serialization failure or deadlock) is run again before giving up.
WRITE_RETRIES = 6
# execution option marking a connection whose transactions write (see _sqlite_begin)
_WRITE = "newswire_write"
# PostgreSQL: the first key of the writers' advisory lock (the second is the schema's hash)
_PG_LOCK = 0x6E7377  # "nsw"
_BUSY_SQLSTATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Transactions are begun explicitly by _sqlite_begin (the sqlite3 module's own implicit
    # BEGIN comes only before INSERT/UPDATE/DELETE: reads and DDL would run outside of it).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for write transactions (the write lock is taken up front, waiting up to the
    busy timeout, so a transaction never has to upgrade a stale read snapshot, which SQLite
    refuses at once with SQLITE_BUSY); a plain (deferred) BEGIN for reads, which get one
    consistent snapshot of the database for the whole transaction."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _is_busy(exc: DBAPIError) -> bool:
    """Whether a failed statement may succeed when its transaction is run again."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    message = str(orig).lower()
    return isinstance(exc, OperationalError) and ("database is locked" in message or "busy" in message)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _date_arg(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not _DATE.match(value):
        raise StoreError(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    return value


def fold(text: str) -> str:
    """Text case-folded and without accents ("São Paulo" -> "sao paulo"), for name matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.put` did with a document.

    ``status``: ``"stored"`` (a new document), ``"exact"`` (the same text is stored: this copy
    is recorded as one of its sources) or ``"near"`` (a near duplicate of a stored document,
    recorded as one of its sources). ``document_id`` is the stored document's ``doc_id``.
    """

    status: str
    document_id: str
    similarity: float = 1.0

    @property
    def stored(self) -> bool:
        """Whether a new document was stored."""
        return self.status == "stored"


@dataclass(frozen=True)
class _Copy:
    """One article as a source of a stored document (a row of document_sources)."""

    doc_id: str | None
    origin: str | None
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    text_hash: str

    @property
    def key(self) -> str:
        return self.origin or self.url or self.doc_id or f"hash:{self.text_hash}"

    @property
    def publisher(self) -> str | None:
        if self.source:
            return self.source
        if self.url:
            host = urlsplit(self.url).hostname
            if host:
                return host.removeprefix("www.")
        return None

    def row(self, document_pk: int, kind: str, similarity: float) -> dict[str, Any]:
        return {
            "document_id": document_pk,
            "source_key": self.key,
            "kind": kind,
            "doc_id": self.doc_id,
            "origin": self.origin,
            "url": self.url,
            "source": self.source,
            "publisher": self.publisher,
            "title": self.title,
            "published": self.published,
            "text_hash": self.text_hash,
            "similarity": similarity,
            "added_at": _now(),
        }


class Store:
    """A database of newswire records. Open it with :meth:`Store.open`; close it when done."""

    def __init__(self, engine: Engine, *, near_duplicates: bool = True, fuse: bool = True) -> None:
        self.engine = engine
        self.url: URL = engine.url
        #: Whether near-duplicate texts are folded into the stored document (MinHash LSH).
        self.near_duplicates = near_duplicates
        #: Whether stored events are fused across articles (newswire.fusion).
        self.fuse = fuse
        self._scale_tables: bool | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, url_or_path: str | Path) -> Store:
        """Open (and create or migrate to the newest schema) the database at ``url_or_path``.

        A plain path is a SQLite file (opened with WAL and foreign keys on); a URL may be any
        SQLAlchemy URL; ``postgresql://`` uses the psycopg 3 driver.
        Raises :class:`~newswire.errors.StoreError` when it cannot be opened or migrated.
        """
        url = database_url(url_or_path)
        shown = display_url(url)
        kwargs: dict[str, Any] = {"future": True}
        backend = url.get_backend_name()
        if backend == "sqlite":
            if url.database in (None, "", ":memory:"):
                kwargs["poolclass"] = StaticPool
                kwargs["connect_args"] = {"check_same_thread": False}
        elif backend == "postgresql":
            if "connect_timeout" not in url.query:
                kwargs["connect_args"] = {"connect_timeout": 10}
            kwargs["pool_pre_ping"] = True
        try:
            engine = create_engine(url, **kwargs)
        except (SQLAlchemyError, ImportError, ValueError, TypeError) as exc:
            raise StoreError(f"cannot use database {shown}: {exc}") from None
        if backend == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        store = cls(engine)
        try:
            with engine.connect() as conn:
                current = is_current(conn)
            if not current:
                # under the write lock, so concurrent openers of a new database take turns (the
                # second finds it migrated), and atomic: a killed migration leaves nothing behind
                store._in_write_transaction(upgrade)
        except SQLAlchemyError as exc:
            engine.dispose()
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot open database {shown}: {reason}") from None
        except (CommandError, OSError) as exc:
            engine.dispose()
            raise StoreError(f"cannot migrate database {shown}: {exc}") from None
        return store

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"

    # -- writing -------------------------------------------------------------------------

    def has_document(self, text_hash: str) -> bool:
        """Whether a document with this text hash is stored."""
        with self._connect() as conn:
            return self._has(conn, text_hash)

    @staticmethod
    def _has(conn: Connection, text_hash: str) -> bool:
        q = select(t.documents.c.id).where(t.documents.c.text_hash == text_hash).limit(1)
        return conn.execute(q).first() is not None

    def add(self, record: Record, *, text_hash: str, origin: str | None = None) -> bool:
        """Store a record with all its extractions in one transaction.

        Returns False, storing no new document, when a document with ``text_hash`` is already
        stored or the text is a near duplicate of a stored one (the copy is then recorded as a
        source of that document; see :meth:`put`). Any failure rolls the whole document back
        and raises :class:`~newswire.errors.StoreError`.
        """
        return self.put(record, text_hash=text_hash, origin=origin).stored

    def put(self, record: Record, *, text_hash: str, origin: str | None = None) -> AddResult:
        """Store a record in one transaction: the document, its extractions, its sources, its
        MinHash signature and LSH keys, and its events' fusion; or, for an exact or near
        duplicate of a stored document, only a new source row for that document.
        """
        doc = record.document
        copy = _Copy(doc.id, origin, doc.url, doc.source, doc.title, doc.published, text_hash)
        scale = self._has_scale_tables()
        sig = dedup.signature(record.text) if scale and self.near_duplicates else None
        try:
            return self._in_write_transaction(lambda conn: self._write(conn, record, copy, sig, scale))
        except IntegrityError as exc:
            # A constraint failed: on backends without ON CONFLICT, maybe a concurrent writer of
            # the same text (then nothing is lost); otherwise the record itself is inconsistent.
            if self.has_document(text_hash):
                return AddResult("exact", self._doc_id_of(text_hash) or doc.id)
            raise StoreError(f"cannot store document {record.document.id!r}: {exc.orig}") from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot store document {record.document.id!r}: {reason}") from None

    def note_duplicate(
        self,
        text: str,
        *,
        text_hash: str,
        doc_id: str | None = None,
        origin: str | None = None,
        url: str | None = None,
        source: str | None = None,
        title: str | None = None,
        published: str | None = None,
    ) -> AddResult | None:
        """Before analysing a text: when it (``text_hash``) or a near duplicate is stored, record
        this copy as a source of the stored document and return what was found; else None.

        Idempotent: the same copy (same origin) is recorded once.
        """
        copy = _Copy(doc_id, origin, url, source, title, published, text_hash)
        scale = self._has_scale_tables()
        sig = dedup.signature(text) if scale and self.near_duplicates else None

        def find(conn: Connection) -> tuple[int, str, float] | None:
            pk = self._pk_of(conn, text_hash)
            if pk is not None:
                return pk, "exact", 1.0
            if sig is not None:
                near = self._nearest(conn, sig, exclude=None)
                if near is not None:
                    return near[0], "near", near[1]
            return None

        def record(conn: Connection) -> AddResult | None:
            found = find(conn)  # again, under the write lock
            if found is None:
                return None
            pk, kind, similarity = found
            return self._record_copy(conn, pk, copy, kind, similarity, scale)

        try:
            # Look without the write lock first: most texts are new, and a rerun of an
            # interrupted ingest meets copies it has already recorded. Write only what is missing.
            with self._connect() as conn:
                found = find(conn)
                if found is None:
                    return None
                pk, kind, similarity = found
                if not scale or self._has_source(conn, pk, copy.key):
                    doc = conn.execute(
                        select(t.documents.c.doc_id).where(t.documents.c.id == pk)
                    ).scalar_one()
                    return AddResult(kind, str(doc), similarity)
            return self._in_write_transaction(record)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot record a duplicate of {doc_id!r}: {reason}") from None

    # -- near duplicates -----------------------------------------------------------------

    def _has_scale_tables(self) -> bool:
        """Whether the database has revision 0003's tables (a Store made on an older schema has not)."""
        if self._scale_tables is None:
            try:
                self._scale_tables = inspect(self.engine).has_table("fused_event_mentions")
            except SQLAlchemyError:
                self._scale_tables = False
        return self._scale_tables

    @staticmethod
    def _pk_of(conn: Connection, text_hash: str) -> int | None:
        q = select(t.documents.c.id).where(t.documents.c.text_hash == text_hash).limit(1)
        pk = conn.execute(q).scalar_one_or_none()
        return None if pk is None else int(pk)

    def _doc_id_of(self, text_hash: str) -> str | None:
        q = select(t.documents.c.doc_id).where(t.documents.c.text_hash == text_hash).limit(1)
        with self._connect() as conn:
            return conn.execute(q).scalar_one_or_none()

    @staticmethod
    def _nearest(conn: Connection, sig: dedup.Signature, exclude: int | None) -> tuple[int, float] | None:
        """The oldest stored document whose similarity to ``sig`` is at or over the threshold.

        The oldest, not the most similar: documents are stored in input order, so whatever
        prefix of the input is stored when this runs (before analysis, or when writing), the
        answer is the same, and an interrupted and resumed ingest decides as a clean one.
        """
        keys = dedup.band_keys(sig)
        q = select(t.document_lsh.c.document_id).where(t.document_lsh.c.key.in_(keys)).distinct()
        candidates = [int(r[0]) for r in conn.execute(q) if r[0] != exclude]
        if not candidates:
            return None
        mh = t.document_minhash
        for pk, data in conn.execute(
            select(mh.c.document_id, mh.c.signature)
            .where(mh.c.document_id.in_(candidates))
            .order_by(mh.c.document_id)
        ):
            sim = dedup.similarity(sig, dedup.from_bytes(data))
            if sim >= dedup.THRESHOLD:
                return int(pk), sim
        return None

    @staticmethod
    def _has_source(conn: Connection, document_pk: int, key: str) -> bool:
        ds = t.document_sources
        q = select(ds.c.id).where(and_(ds.c.document_id == document_pk, ds.c.source_key == key)).limit(1)
        return conn.execute(q).first() is not None

    def _record_copy(
        self, conn: Connection, document_pk: int, copy: _Copy, kind: str, similarity: float, scale: bool
    ) -> AddResult:
        """Add ``copy`` as a source of a stored document (once) and refresh its fused events."""
        doc_id = conn.execute(
            select(t.documents.c.doc_id).where(t.documents.c.id == document_pk)
        ).scalar_one()
        if scale and not self._has_source(conn, document_pk, copy.key):
            conn.execute(insert(t.document_sources), copy.row(document_pk, kind, similarity))
            fusion.refresh_counts(conn, fusion.fused_ids_of_documents(conn, [document_pk]))
        return AddResult(kind, str(doc_id), similarity)

    def _insert_document(self, conn: Connection, row: dict[str, Any]) -> int | None:
        """Insert the document row; None (and nothing written) when its text hash is stored.

        The insert itself decides (ON CONFLICT DO NOTHING), so concurrent writers of the same
        text cannot both store it; on SQLite the transaction starts with this write.
        """
        dialect = conn.dialect.name
        stmt: Any
        if dialect == "sqlite":
            stmt = sqlite_insert(t.documents).on_conflict_do_nothing(index_elements=["text_hash"])
        elif dialect == "postgresql":
            stmt = pg_insert(t.documents).on_conflict_do_nothing(index_elements=["text_hash"])
        else:
            if self._has(conn, row["text_hash"]):
                return None
            stmt = insert(t.documents)
        pk = conn.execute(stmt.returning(t.documents.c.id), row).scalar_one_or_none()
        return None if pk is None else int(pk)

    def _write(
        self, conn: Connection, record: Record, copy: _Copy, sig: dedup.Signature | None, scale: bool
    ) -> AddResult:
        doc = record.document
        text_hash, origin = copy.text_hash, copy.origin
        doc_pk = self._insert_document(
            conn,
            {
                "doc_id": doc.id,
                "text_hash": text_hash,
                "title": doc.title,
                "published": doc.published,
                "url": doc.url,
                "source": doc.source,
                "language": doc.language,
                "text": record.text,
                "record_json": record.to_json(),
                "origin": origin,
                "ingested_at": _now(),
            },
        )
        if doc_pk is None:
            existing = self._pk_of(conn, text_hash)
            if existing is None:  # pragma: no cover - a concurrent delete
                raise StoreError(f"cannot store document {doc.id!r}: conflicting text vanished")
            return self._record_copy(conn, existing, copy, "exact", 1.0, scale)
        if sig is not None:
            near = self._nearest(conn, sig, exclude=doc_pk)
            if near is not None:
                # a near duplicate: not stored again (the row written above goes; nothing else was)
                conn.execute(delete(t.documents).where(t.documents.c.id == doc_pk))
                return self._record_copy(conn, near[0], copy, "near", near[1], scale)
            conn.execute(
                insert(t.document_minhash), {"document_id": doc_pk, "signature": dedup.to_bytes(sig)}
            )
            conn.execute(
                insert(t.document_lsh), [{"key": k, "document_id": doc_pk} for k in dedup.band_keys(sig)]
            )
        if scale:
            conn.execute(insert(t.document_sources), copy.row(doc_pk, "original", 1.0))

        actor_pk: dict[str, int] = {}
        if record.actors:
            rows = [
                {
                    "document_id": doc_pk,
                    "local_id": a.id,
                    "name": a.name,
                    "name_key": fold(a.name),
                    "kind": a.kind,
                    "country": a.country,
                    "sector": a.sector,
                    "title": a.title,
                    "kb_id": a.kb_id,
                }
                for a in record.actors
            ]
            result = conn.execute(insert(t.actors).returning(t.actors.c.id, t.actors.c.local_id), rows)
            actor_pk = {local: pk for pk, local in result}
            mention_rows = [
                {"actor_id": actor_pk[a.id], "start": s, "end": e}
                for a in record.actors
                for s, e in a.mentions
            ]
            if mention_rows:
                conn.execute(insert(t.mentions), mention_rows)

        def ref(local: str | None, what: str) -> int | None:
            if local is None:
                return None
            try:
                return actor_pk[local]
            except KeyError:
                raise StoreError(
                    f"cannot store document {doc.id!r}: {what} refers to actor {local!r}, "
                    "which the record does not have"
                ) from None

        if record.events:
            event_rows: list[dict[str, Any]] = []
            for ev in record.events:
                w, where, mag = ev.when, ev.where, ev.magnitude
                start = w.start if w else None
                end = w.end if w else None
                event_rows.append(
                    {
                        "document_id": doc_pk,
                        "local_id": ev.id,
                        "type": ev.type,
                        "mode": ev.mode,
                        "quad": ev.quad,
                        "cameo": ev.cameo,
                        "source_actor_id": ref(ev.source, f"event {ev.id} source"),
                        "target_actor_id": ref(ev.target, f"event {ev.id} target"),
                        "attributed_to_actor_id": ref(ev.attributed_to, f"event {ev.id} attributed_to"),
                        "when_text": w.text if w else None,
                        "when_start": start,
                        "when_end": end,
                        "precision": w.precision if w else None,
                        "anchor": w.anchor if w else None,
                        "date_start": start or end or doc.published,
                        "date_end": end or start or doc.published,
                        "where_text": where.text if where else None,
                        "where_name": where.name if where else None,
                        "where_geonameid": where.geonameid if where else None,
                        "where_lat": where.lat if where else None,
                        "where_lon": where.lon if where else None,
                        "where_country": where.country if where else None,
                        "where_admin1": where.admin1 if where else None,
                        "magnitude_value": mag.value if mag else None,
                        "magnitude_unit": mag.unit if mag else None,
                        "magnitude_qualifier": mag.qualifier if mag else None,
                        "magnitude_text": mag.text if mag else None,
                        "modality": ev.modality,
                        "trigger_start": ev.trigger.start,
                        "trigger_end": ev.trigger.end,
                        "trigger_text": ev.trigger.text,
                        "evidence_start": ev.evidence.start,
                        "evidence_end": ev.evidence.end,
                        "evidence_text": ev.evidence.text,
                        "rule": ev.rule,
                        "confidence": ev.confidence,
                        "context": list(ev.context),
                    }
                )
            result = conn.execute(insert(t.events).returning(t.events.c.id, t.events.c.local_id), event_rows)
            event_pk = {local: pk for pk, local in result}
            if scale and self.fuse:
                fusion.fuse_document(conn, record, event_pk, doc_pk)

        if record.quotes:
            conn.execute(
                insert(t.quotes),
                [
                    {
                        "document_id": doc_pk,
                        "local_id": q.id,
                        "kind": q.kind,
                        "text": q.text,
                        "start": q.start,
                        "end": q.end,
                        "speaker_actor_id": ref(q.speaker, f"quote {q.id} speaker"),
                        "cue_start": q.cue.start if q.cue else None,
                        "cue_end": q.cue.end if q.cue else None,
                        "cue_text": q.cue.text if q.cue else None,
                    }
                    for q in record.quotes
                ],
            )
        if record.times:
            conn.execute(
                insert(t.times),
                [
                    {
                        "document_id": doc_pk,
                        "text": tm.text,
                        "start": tm.start,
                        "end": tm.end,
                        "type": tm.type,
                        "value": tm.value,
                        "interval_start": tm.interval.start if tm.interval else None,
                        "interval_end": tm.interval.end if tm.interval else None,
                        "precision": tm.precision,
                        "note": tm.note,
                    }
                    for tm in record.times
                ],
            )
        if record.places:
            conn.execute(
                insert(t.places),
                [
                    {
                        "document_id": doc_pk,
                        "text": p.text,
                        "start": p.start,
                        "end": p.end,
                        "name": p.name,
                        "geonameid": p.geonameid,
                        "lat": p.lat,
                        "lon": p.lon,
                        "country": p.country,
                        "feature_code": p.feature_code,
                        "admin1": p.admin1,
                    }
                    for p in record.places
                ],
            )
        return AddResult("stored", doc.id or "")

    # -- reading -------------------------------------------------------------------------

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events as flat dicts, oldest first (undated last), filtered by any of:

        - ``actor``: an ISO3 country code (three capital letters) matching the source's or
          target's country, else part of the source's or target's name (ignoring case and
          accents);
        - ``type``: a PLOVER event type (case-insensitive);
        - ``since`` / ``until`` (YYYY-MM-DD): the event's dates (its ``when``, else the
          document's publication date) overlap ``[since, until]``.
        """
        ev, doc = t.events, t.documents
        src = t.actors.alias("src")
        tgt = t.actors.alias("tgt")
        att = t.actors.alias("att")
        q: Select[Any] = (
            select(
                doc.c.doc_id.label("document_id"),
                ev.c.local_id.label("event_id"),
                ev.c.type,
                ev.c.mode,
                ev.c.quad,
                ev.c.cameo,
                ev.c.modality,
                src.c.name.label("source_name"),
                src.c.country.label("source_country"),
                src.c.sector.label("source_sector"),
                tgt.c.name.label("target_name"),
                tgt.c.country.label("target_country"),
                tgt.c.sector.label("target_sector"),
                ev.c.when_start,
                ev.c.when_end,
                ev.c.precision,
                ev.c.where_name,
                ev.c.where_country,
                ev.c.where_lat.label("lat"),
                ev.c.where_lon.label("lon"),
                ev.c.magnitude_value,
                ev.c.magnitude_unit,
                ev.c.magnitude_qualifier,
                att.c.name.label("attributed_to_name"),
                ev.c.trigger_text.label("trigger"),
                ev.c.evidence_text.label("evidence"),
                ev.c.rule,
                ev.c.confidence,
                doc.c.published,
                doc.c.title,
            )
            .select_from(ev)
            .join(doc, doc.c.id == ev.c.document_id)
            .outerjoin(src, src.c.id == ev.c.source_actor_id)
            .outerjoin(tgt, tgt.c.id == ev.c.target_actor_id)
            .outerjoin(att, att.c.id == ev.c.attributed_to_actor_id)
        )
        if actor is not None and actor.strip():
            needle = actor.strip()
            cond: Any
            if _ISO3.match(needle):
                cond = t.actors.c.country == needle
            else:
                pattern = f"%{_like_escape(fold(needle))}%"
                cond = t.actors.c.name_key.like(pattern, escape="\\")
            # actors first (indexed by country), then their events by source/target (indexed)
            matching = select(t.actors.c.id).where(cond)
            q = q.where(or_(ev.c.source_actor_id.in_(matching), ev.c.target_actor_id.in_(matching)))
        if type is not None and type.strip():
            q = q.where(ev.c.type == type.strip().upper())
        since = _date_arg("since", since)
        until = _date_arg("until", until)
        if since is not None:
            q = q.where(and_(ev.c.date_end.is_not(None), ev.c.date_end >= since))
        if until is not None:
            q = q.where(and_(ev.c.date_start.is_not(None), ev.c.date_start <= until))
        q = q.order_by(ev.c.date_start.is_(None), ev.c.date_start, doc.c.id, ev.c.id)
        q = self._page(q, limit, offset)
        with self._connect() as conn:
            return [dict(row._mapping) for row in conn.execute(q)]

    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents in ingestion order, with how many actors, events and quotes each has."""
        doc = t.documents

        def count(table: Any) -> Any:
            return (
                select(func.count(literal(1)))
                .select_from(table)
                .where(table.c.document_id == doc.c.id)
                .scalar_subquery()
            )

        q: Select[Any] = select(
            doc.c.doc_id,
            doc.c.title,
            doc.c.published,
            doc.c.source,
            doc.c.url,
            doc.c.origin,
            count(t.actors).label("n_actors"),
            count(t.events).label("n_events"),
            count(t.quotes).label("n_quotes"),
            doc.c.ingested_at,
        ).order_by(doc.c.id)
        q = self._page(q, limit, offset)
        with self._connect() as conn:
            return [dict(row._mapping) for row in conn.execute(q)]

    def record(self, doc_id: str) -> Record | None:
        """The stored record of document ``doc_id`` (the first one stored under that id), or None."""
        q = select(t.documents.c.record_json).where(t.documents.c.doc_id == doc_id).order_by(t.documents.c.id)
        with self._connect() as conn:
            data = conn.execute(q.limit(1)).scalar_one_or_none()
        return None if data is None else Record.from_json(data)

    def iter_records(self, *, batch_size: int = 200) -> Iterator[Record]:
        """Every stored record, in ingestion order (read in batches)."""
        last = 0
        while True:
            q = (
                select(t.documents.c.id, t.documents.c.record_json)
                .where(t.documents.c.id > last)
                .order_by(t.documents.c.id)
                .limit(batch_size)
            )
            with self._connect() as conn:
                rows = conn.execute(q).all()
            if not rows:
                return
            for pk, data in rows:
                last = pk
                yield Record.from_json(data)

    def count_documents(self) -> int:
        """How many documents are stored."""
        with self._connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())

    def count_events(self) -> int:
        """How many events are stored."""
        with self._connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.events)).scalar_one())

    def delete(self, doc_id: str) -> int:
        """Delete every document stored under ``doc_id`` with all its extractions; returns how many."""
        scale = self._has_scale_tables()

        def run(conn: Connection) -> int:
            fused: set[int] = set()
            if scale:
                pks = conn.execute(select(t.documents.c.id).where(t.documents.c.doc_id == doc_id)).scalars()
                fused = fusion.fused_ids_of_documents(conn, [int(pk) for pk in pks])
            result = conn.execute(delete(t.documents).where(t.documents.c.doc_id == doc_id))
            fusion.refresh_counts(conn, fused)
            return int(result.rowcount or 0)

        try:
            return self._in_write_transaction(run)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot delete document {doc_id!r}: {exc}") from None

    # -- fused events and sources ----------------------------------------------------------

    def fused_events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_articles: int = 1,
        min_sources: int = 1,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Fused events (one per real-world event) as flat dicts, oldest first (undated last).

        Filters as :meth:`events` (``actor``: ISO3 country of source or target, else part of
        either's name; ``type``; ``since``/``until`` overlap), plus ``min_articles`` and
        ``min_sources`` (e.g. 2: events confirmed by more than one article / publisher).
        Keys: ``id``, ``type``, ``modality``, ``source_name/country/sector/key``,
        ``target_name/country/sector/key``, ``date_start``, ``date_end``, ``precision``,
        ``where_name``, ``where_country``, ``where_geonameid``, ``lat``, ``lon``,
        ``num_articles``, ``num_documents``, ``num_sources``, ``num_mentions``.
        """
        fe = t.fused_events
        q: Select[Any] = select(*self._fused_columns())
        if actor is not None and actor.strip():
            needle = actor.strip()
            if _ISO3.match(needle):
                q = q.where(or_(fe.c.source_country == needle, fe.c.target_country == needle))
            else:
                pattern = f"%{_like_escape(needle.casefold())}%"
                q = q.where(
                    or_(
                        func.lower(fe.c.source_name).like(pattern, escape="\\"),
                        func.lower(fe.c.target_name).like(pattern, escape="\\"),
                    )
                )
        if type is not None and type.strip():
            q = q.where(fe.c.type == type.strip().upper())
        since = _date_arg("since", since)
        until = _date_arg("until", until)
        if since is not None:
            q = q.where(and_(fe.c.date_end.is_not(None), fe.c.date_end >= since))
        if until is not None:
            q = q.where(and_(fe.c.date_start.is_not(None), fe.c.date_start <= until))
        if min_articles > 1:
            q = q.where(fe.c.num_articles >= min_articles)
        if min_sources > 1:
            q = q.where(fe.c.num_sources >= min_sources)
        q = q.order_by(fe.c.date_start.is_(None), fe.c.date_start, fe.c.id)
        q = self._page(q, limit, offset)
        if not self._has_scale_tables():
            return []
        with self._connect() as conn:
            return [dict(row._mapping) for row in conn.execute(q)]

    @staticmethod
    def _fused_columns() -> list[Any]:
        fe = t.fused_events
        return [
            fe.c.id,
            fe.c.type,
            fe.c.modality,
            fe.c.source_name,
            fe.c.source_country,
            fe.c.source_sector,
            fe.c.source_key,
            fe.c.target_name,
            fe.c.target_country,
            fe.c.target_sector,
            fe.c.target_key,
            fe.c.date_start,
            fe.c.date_end,
            fe.c.precision,
            fe.c.where_name,
            fe.c.where_country,
            fe.c.where_geonameid,
            fe.c.where_lat.label("lat"),
            fe.c.where_lon.label("lon"),
            fe.c.num_articles,
            fe.c.num_documents,
            fe.c.num_sources,
            fe.c.num_mentions,
        ]

    def fused_event(self, fused_id: int) -> dict[str, Any] | None:
        """One fused event (as in :meth:`fused_events`) with ``mentions`` (its supporting event
        mentions, see :meth:`fused_event_mentions`) and ``articles`` (every article reporting
        it: the stored documents and their duplicate copies, see :meth:`document_sources`); or None.
        """
        if not self._has_scale_tables():
            return None
        q = select(*self._fused_columns()).where(t.fused_events.c.id == fused_id)
        with self._connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["mentions"] = self.fused_event_mentions(fused_id)
        docs = list(dict.fromkeys(m["document_id"] for m in out["mentions"]))
        out["articles"] = [a for d in docs for a in self.document_sources(d)]
        return out

    def fused_event_mentions(self, fused_id: int) -> list[dict[str, Any]]:
        """The event mentions a fused event stands for, in storage order: ``document_id``,
        ``event_id`` (the record's local id, e.g. "e1"), ``title``, ``published``, ``url``,
        ``source``, ``when_start``, ``when_end``, ``where_name``, ``modality``, ``trigger``,
        ``evidence``, ``confidence``.
        """
        fem, ev, doc = t.fused_event_mentions, t.events, t.documents
        q = (
            select(
                doc.c.doc_id.label("document_id"),
                ev.c.local_id.label("event_id"),
                doc.c.title,
                doc.c.published,
                doc.c.url,
                doc.c.source,
                ev.c.when_start,
                ev.c.when_end,
                ev.c.where_name,
                ev.c.modality,
                ev.c.trigger_text.label("trigger"),
                ev.c.evidence_text.label("evidence"),
                ev.c.confidence,
            )
            .select_from(fem)
            .join(ev, ev.c.id == fem.c.event_id)
            .join(doc, doc.c.id == fem.c.document_id)
            .where(fem.c.fused_event_id == fused_id)
            .order_by(doc.c.id, ev.c.id)
        )
        with self._connect() as conn:
            return [dict(row._mapping) for row in conn.execute(q)]

    def document_sources(self, doc_id: str) -> list[dict[str, Any]]:
        """Every article a stored document stands for: itself (``kind`` "original") and the
        exact ("exact") and near ("near", with the estimated ``similarity``) duplicates not
        stored again. Keys: ``document_id``, ``kind``, ``origin``, ``url``, ``source``,
        ``publisher``, ``title``, ``published``, ``copy_id`` (the copy's own id), ``similarity``.
        """
        if not self._has_scale_tables():
            return []
        ds, doc = t.document_sources, t.documents
        q = (
            select(
                doc.c.doc_id.label("document_id"),
                ds.c.kind,
                ds.c.origin,
                ds.c.url,
                ds.c.source,
                ds.c.publisher,
                ds.c.title,
                ds.c.published,
                ds.c.doc_id.label("copy_id"),
                ds.c.similarity,
            )
            .select_from(ds)
            .join(doc, doc.c.id == ds.c.document_id)
            .where(doc.c.doc_id == doc_id)
            .order_by(ds.c.id)
        )
        with self._connect() as conn:
            return [dict(row._mapping) for row in conn.execute(q)]

    def count_fused_events(self) -> int:
        """How many fused events are stored."""
        if not self._has_scale_tables():
            return 0
        with self._connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.fused_events)).scalar_one())

    # -- helpers -------------------------------------------------------------------------

    @contextmanager
    def _write_transaction(self) -> Iterator[Connection]:
        """A transaction holding the database's write lock from its start (see the module doc)."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key, hashtext(coalesce(current_schema(), '')))"),
                        {"key": _PG_LOCK},
                    )
                yield conn

    def _in_write_transaction(self, work: Callable[[Connection], _T]) -> _T:
        """``work(conn)`` in a write transaction, run again (from scratch, after a short pause)
        when the database was busy; other errors propagate, the transaction rolled back."""
        for attempt in range(WRITE_RETRIES + 1):
            try:
                with self._write_transaction() as conn:
                    return work(conn)
            except DBAPIError as exc:
                if attempt == WRITE_RETRIES or not _is_busy(exc):
                    raise
                time.sleep(min(0.05 * 2**attempt, 2.0))
        raise AssertionError("unreachable")  # pragma: no cover

    def _connect(self) -> Connection:
        try:
            return self.engine.connect()
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot reach database {display_url(self.url)}: {reason}") from None

    @staticmethod
    def _page(q: Select[Any], limit: int | None, offset: int) -> Select[Any]:
        if limit is not None:
            if limit < 0:
                raise StoreError(f"limit must not be negative, got {limit}")
            q = q.limit(limit)
        if offset:
            if offset < 0:
                raise StoreError(f"offset must not be negative, got {offset}")
            q = q.offset(offset)
        return q
