"""Scratch databases (SQLite files, PostgreSQL schemas), a canonical dump of a newswire database and
the consistency checks the kill loop runs after every kill.

The canonical dump has every row of every table of the store's schema, with surrogate keys
(``id`` columns) replaced by natural ones (a document by its text hash, an actor or event by
its document and local id, a fused event by the set of event mentions it stands for) and
the wall-clock columns (``ingested_at``, ``added_at``) left out; so two databases built from
the same inputs dump equal whatever their ids, backends or timings.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url

from newswire.store import schema as t
from newswire.store.urls import database_url

ROOT = Path(__file__).resolve().parents[1]

#: Columns that differ between equal databases (times of writing).
VOLATILE = {"ingested_at", "added_at"}
#: Per-document tables: a stored document must have exactly the clean run's rows in each.
DOCUMENT_TABLES = (
    "documents",
    "actors",
    "mentions",
    "events",
    "quotes",
    "times",
    "places",
    "document_minhash",
    "document_lsh",
)

Row = tuple[Any, ...]
Dump = dict[str, list[Row]]


def pg_base_url() -> str | None:
    """The PostgreSQL server the tests use: $NEWSWIRE_TEST_PG_URL, else .ci/pg_url; None if neither."""
    url = os.environ.get("NEWSWIRE_TEST_PG_URL")
    if url:
        return url
    f = ROOT / ".ci" / "pg_url"
    return f.read_text().strip() or None if f.exists() else None


def pg_unavailable() -> str | None:
    """Why PostgreSQL cannot be used (None when it can)."""
    base = pg_base_url()
    if base is None:
        return "no PostgreSQL server: set NEWSWIRE_TEST_PG_URL or run .ci/services.sh (writes .ci/pg_url)"
    try:
        engine = create_engine(database_url(base), connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL
        return f"PostgreSQL at {make_url(base).render_as_string(hide_password=True)} does not answer: {exc}"
    return None


@dataclass
class Target:
    """One scratch database: ``url`` is what ``--db`` gets."""

    backend: str
    url: str
    path: Path | None = None
    schema: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self) -> Engine:
        """A plain SQLAlchemy engine on the database (no migrations, no pragmas)."""
        if self._engine is None:
            kwargs: dict[str, Any] = {}
            if self.backend == "postgresql":
                kwargs["connect_args"] = {"connect_timeout": 10}
            self._engine = create_engine(database_url(self.url), **kwargs)
        return self._engine

    def exists(self) -> bool:
        """Whether the database has the store's tables yet."""
        if self.path is not None and not self.path.exists():
            return False
        from sqlalchemy import inspect

        try:
            return inspect(self.engine()).has_table("documents")
        except Exception:  # noqa: BLE001 - a half-created SQLite file
            return False

    def count(self, table: str = "documents") -> int:
        """Rows in ``table`` (0 when the database or table is not there yet)."""
        if self.path is not None:
            if not self.path.exists():
                return 0
            try:
                with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5) as conn:
                    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            except sqlite3.Error:
                return 0
        try:
            with self.engine().connect() as conn:
                return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
        except Exception:  # noqa: BLE001 - the schema has no tables yet
            return 0

    def dispose(self) -> None:
        """Close the engine's connections."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def drop(self) -> None:
        """Remove the database (the SQLite file and its WAL, or the PostgreSQL schema)."""
        self.dispose()
        if self.path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        elif self.schema is not None:
            base = pg_base_url()
            assert base is not None
            engine = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            engine.dispose()


def sqlite_target(path: Path) -> Target:
    """A SQLite file (not created yet)."""
    return Target("sqlite", str(path), path=path)


def pg_target(prefix: str = "nwstress") -> Target:
    """A new, empty schema on the PostgreSQL server, selected by the URL's search_path."""
    base = pg_base_url()
    if base is None:
        raise RuntimeError("no PostgreSQL server configured")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = database_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return Target("postgresql", url.render_as_string(hide_password=False), schema=schema)


@contextmanager
def scratch(backend: str, folder: Path, name: str = "news") -> Iterator[Target]:
    """A scratch database of ``backend`` ("sqlite": a file in ``folder``), dropped afterwards."""
    target = (
        sqlite_target(folder / f"{name}-{uuid.uuid4().hex[:8]}.db") if backend == "sqlite" else pg_target()
    )
    try:
        yield target
    finally:
        target.drop()


# -- the canonical dump -------------------------------------------------------------------


def _value(v: Any) -> Any:
    if isinstance(v, bytes | memoryview):
        return bytes(v).hex()
    if isinstance(v, list | dict):
        return json.dumps(v, sort_keys=True)
    return v


def dump(target: Target) -> Dump:
    """Every table of the store as sorted rows without surrogate keys or times (read in one snapshot)."""
    with target.engine().connect() as conn:
        raw = {
            table.name: [dict(r._mapping) for r in conn.execute(select(table))]
            for table in t.metadata.sorted_tables
        }
    doc = {r["id"]: r["text_hash"] for r in raw["documents"]}

    def of_doc(pk: int) -> Any:  # an orphan row (a broken foreign key) shows as such
        return doc.get(pk, f"<no document {pk}>")

    actor = {r["id"]: (of_doc(r["document_id"]), r["local_id"]) for r in raw["actors"]}
    event = {r["id"]: (of_doc(r["document_id"]), r["local_id"]) for r in raw["events"]}
    members: dict[int, list[Any]] = defaultdict(list)
    for r in raw["fused_event_mentions"]:
        members[r["fused_event_id"]].append(event.get(r["event_id"], f"<no event {r['event_id']}>"))
    fused = {fid: tuple(sorted(m, key=repr)) for fid, m in members.items()}
    natural = {"documents": doc, "actors": actor, "events": event, "fused_events": fused}
    out: Dump = {}
    for table in t.metadata.sorted_tables:
        rows = []
        for r in raw[table.name]:
            row = []
            for col in table.columns:
                if col.name == "id" or col.name in VOLATILE:
                    continue
                value = r[col.name]
                fks = list(col.foreign_keys)
                if fks and value is not None:
                    # a fused event left without mentions would show as None: a finding, not a crash
                    ref = fks[0].column.table.name
                    value = natural[ref].get(value, f"<no {ref} {value}>")
                row.append((col.name, _value(value)))
            if table.name == "fused_events":
                row.insert(0, ("mentions", fused.get(r["id"], ())))
            rows.append(tuple(row))
        out[table.name] = sorted(rows, key=repr)
    out["_order"] = [(r["text_hash"],) for r in sorted(raw["documents"], key=lambda r: r["id"])]
    return out


def _get(row: Row, name: str) -> Any:
    for key, value in row:
        if key == name:
            return value
    raise KeyError(name)


def _doc_of(table: str, row: Row) -> Any:
    """The text hash of the document a per-document row belongs to."""
    if table == "documents":
        return _get(row, "text_hash")
    if table == "mentions":
        return _get(row, "actor_id")[0]
    return _get(row, "document_id")


def by_document(d: Dump) -> dict[Any, dict[str, list[Row]]]:
    """The per-document rows of a dump, grouped by document (text hash)."""
    out: dict[Any, dict[str, list[Row]]] = defaultdict(lambda: {name: [] for name in DOCUMENT_TABLES})
    for table in DOCUMENT_TABLES:
        for row in d[table]:
            out[_doc_of(table, row)][table].append(row)
    return dict(out)


def differences(got: Dump, expected: Dump, limit: int = 5) -> list[str]:
    """What differs between two dumps (empty when equal), at most ``limit`` lines per table."""
    problems = []
    for table in expected:
        a, b = got.get(table, []), expected[table]
        if a == b:
            continue
        extra = [r for r in a if r not in b]
        missing = [r for r in b if r not in a]
        problems.append(f"{table}: {len(a)} rows, expected {len(b)}")
        problems += [f"  unexpected {r!r}"[:300] for r in extra[:limit]]
        problems += [f"  missing {r!r}"[:300] for r in missing[:limit]]
    return problems


def sqlite_problems(path: Path) -> list[str]:
    """SQLite's own checks: integrity_check, foreign_key_check, the FTS index's integrity-check."""
    if not path.exists():
        return []
    problems = []
    with sqlite3.connect(path, timeout=30) as conn:
        ok = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if ok != ["ok"]:
            problems.append(f"PRAGMA integrity_check: {ok[:5]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"PRAGMA foreign_key_check: {fk[:5]}")
        has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'").fetchone()
        if has_fts:
            try:
                conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
            except sqlite3.Error as exc:
                problems.append(f"documents_fts integrity-check: {exc}")
    return problems


def consistency_problems(target: Target, clean: Dump) -> list[str]:
    """Whether a database left by a killed ingest is consistent with the clean run ``clean``.

    - SQLite's integrity, foreign key and full-text index checks pass;
    - the stored documents are the first documents of the clean run, in the same order
      (documents are stored in input order);
    - every stored document is complete: its row and all its actors, mentions, events, quotes,
      times, places, MinHash signature and LSH keys equal the clean run's for that document;
    - every source row (article copy) is one of the clean run's;
    - the fused events are the clean run's, restricted to the stored mentions (same founding
      mention, so the same type, actors and dates; the place may still be unknown), and their
      counts agree with the database's own mentions and sources.
    """
    problems = sqlite_problems(target.path) if target.path is not None else []
    if not target.exists():
        return problems
    got = dump(target)
    order, clean_order = got["_order"], clean["_order"]
    if order != clean_order[: len(order)]:
        problems.append(f"stored documents are not the clean run's first {len(order)}")
    mine, theirs = by_document(got), by_document(clean)
    for doc, tables in mine.items():
        if doc not in theirs:
            problems.append(f"document {doc!r} is not in the clean run")
            continue
        for table, rows in tables.items():
            a, b = sorted(rows, key=repr), sorted(theirs[doc][table], key=repr)
            if a != b:
                cols = sorted(
                    {k for ra, rb in zip(a, b, strict=False) for (k, va), (_, vb) in zip(ra, rb) if va != vb}
                )
                problems.append(
                    f"document {doc[:12]}...: {table} has {len(a)} rows, clean run {len(b)}"
                    + (f"; differing columns: {', '.join(cols)}" if cols else "")
                )
    clean_sources = set(clean["document_sources"])
    for row in got["document_sources"]:
        if row not in clean_sources:
            problems.append(f"source row not in the clean run: {row!r}"[:300])
    for doc in mine:
        if not any(
            _get(r, "document_id") == doc and _get(r, "kind") == "original" for r in got["document_sources"]
        ):
            problems.append(f"document {doc[:12]}... has no 'original' source row")
    problems += _fused_problems(got, clean)
    return problems


_FOUNDING = ("type", "modality", "source_key", "target_key", "source_name", "target_name", "date_start",
             "date_end", "precision")  # fmt: skip


def _fused_problems(got: Dump, clean: Dump) -> list[str]:
    problems = []
    stored = {_get(r, "event_id") for r in got["fused_event_mentions"]}
    expected = {}
    for row in clean["fused_events"]:
        part = tuple(m for m in _get(row, "mentions") if m in stored)
        if part:
            expected[part] = row
    # counts from the database's own rows
    sources: dict[Any, list[Row]] = defaultdict(list)
    for r in got["document_sources"]:
        sources[_get(r, "document_id")].append(r)
    for row in got["fused_events"]:
        mentions = _get(row, "mentions")
        want = expected.pop(mentions, None)
        if want is None:
            problems.append(
                f"fused event {mentions!r} is not the clean run's (restricted to stored mentions)"[:300]
            )
            continue
        for name in _FOUNDING:
            if _get(row, name) != _get(want, name):
                problems.append(
                    f"fused event {mentions!r}: {name} {_get(row, name)!r} != {_get(want, name)!r}"[:300]
                )
        docs = {m[0] for m in mentions}
        arts = [s for d in docs for s in sources[d]]
        publishers = {_get(s, "publisher") or _get(s, "source_key") for s in arts}
        counts = {"num_mentions": len(mentions), "num_documents": len(docs), "num_articles": len(arts),
                  "num_sources": len(publishers)}  # fmt: skip
        for name, n in counts.items():
            if _get(row, name) != n:
                problems.append(
                    f"fused event {mentions!r}: {name} = {_get(row, name)}, its rows give {n}"[:300]
                )
    for mentions in expected:
        problems.append(f"missing fused event {mentions!r}"[:300])
    return problems
