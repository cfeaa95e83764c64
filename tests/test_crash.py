"""`newswire ingest` killed with SIGKILL at seeded random points, again and again: after every kill
the database is consistent (no partial document, SQLite integrity), and a run to completion ends
with exactly the database of one clean run: documents, their extractions, sources, the LSH
index and fused events. The long version is `python -m stress kill` (docs/reliability.md)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from stress.db import consistency_problems, differences, dump, pg_unavailable, sqlite_problems, sqlite_target
from stress.fixtures import small_corpus_and_clean_run
from stress.kill import Clean, kill_loop

from newswire.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX): these tests kill ingest processes")

SEED = int(os.environ.get("NEWSWIRE_CRASH_SEED", "20"))


@pytest.fixture(scope="module")
def small() -> tuple[list[Path], Clean]:
    """20 generated news items and a wire story with an exact and a near copy; their clean SQLite run."""
    return small_corpus_and_clean_run()


@pytest.fixture(scope="module")
def inputs(small: tuple[list[Path], Clean]) -> list[Path]:
    return small[0]


@pytest.fixture(scope="module")
def clean(small: tuple[list[Path], Clean]) -> Clean:
    return small[1]


def test_clean_run_has_what_the_kills_must_preserve(clean: Clean) -> None:
    d = clean.dump
    assert clean.documents == 21  # 20 items and the wire story; its two copies are sources
    kinds = sorted(dict(row)["kind"] for row in d["document_sources"])
    assert kinds.count("exact") == 1 and kinds.count("near") == 1 and kinds.count("original") == 21
    assert d["events"] and d["actors"] and d["fused_events"] and d["document_lsh"] and d["places"]


def _run(backend: str, inputs: list[Path], clean: Clean, folder: Path, phases: list[str], seed: int) -> None:
    lines: list[str] = []
    report = kill_loop(
        backend, inputs, folder, runs=len(phases), seed=seed, clean=clean, phases=phases, log=lines.append
    )
    detail = "\n".join(lines + report.mismatches)
    assert report.ok, detail
    assert sum(report.kills.values()) >= 1, detail  # a run may end before its kill, not all of them
    assert report.consistency_checks == sum(report.kills.values())
    assert report.convergence_checks == report.completed_runs + 1, detail


def test_killed_sqlite_ingest_stays_consistent_and_reruns_to_the_clean_result(
    inputs: list[Path], clean: Clean, tmp_path: Path
) -> None:
    # one kill during start-up (model loading), one inside a document's write transaction, one
    # while a batch is analysed; the delays and document counts are drawn from a seeded RNG
    _run("sqlite", inputs, clean, tmp_path, ["startup", "commit", "analysis"], SEED)


@pytest.mark.postgres
@pytest.mark.skipif(pg_unavailable() is not None, reason=str(pg_unavailable()))
def test_killed_postgresql_ingest_stays_consistent_and_reruns_to_the_clean_result(
    inputs: list[Path], clean: Clean, tmp_path: Path
) -> None:
    # the canonical dump has no surrogate keys: the SQLite clean run is the reference here too
    _run("postgresql", inputs, clean, tmp_path, ["commit", "analysis"], SEED + 1)


def test_the_checker_finds_partial_documents_and_stray_rows(clean: Clean, tmp_path: Path) -> None:
    """The consistency check is not vacuous: damage done by hand to a copy of the clean database is found."""
    assert clean.target is not None and clean.target.path is not None
    assert consistency_problems(clean.target, clean.dump) == []
    assert differences(dump(clean.target), clean.dump) == []

    def damaged(sql: str) -> list[str]:
        path = tmp_path / f"copy{len(list(tmp_path.iterdir()))}.db"
        with sqlite3.connect(clean.target.path) as src, sqlite3.connect(path) as dst:  # type: ignore[union-attr]
            src.backup(dst)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.executescript(sql)
        target = sqlite_target(path)
        try:
            return consistency_problems(target, clean.dump)
        finally:
            target.dispose()

    last = "(SELECT max(document_id) FROM events)"  # a document with events
    # a document whose events were not written (what a non-atomic write would leave)
    gone = damaged(f"DELETE FROM events WHERE document_id = {last};")
    assert any("events has" in p for p in gone), gone
    # a document row alone, without any of its extractions
    alone = damaged(
        f"DELETE FROM actors WHERE document_id = {last}; DELETE FROM events WHERE document_id = {last}; "
        f"DELETE FROM places WHERE document_id = {last}; DELETE FROM times WHERE document_id = {last};"
    )
    assert any("actors has" in p for p in alone)
    # an orphaned child row (foreign key) and a source row the clean run does not have
    assert any("foreign_key_check" in p for p in damaged(f"DELETE FROM documents WHERE id = {last};"))
    stray = damaged(
        "INSERT INTO document_sources (document_id, source_key, kind, similarity, added_at) "
        "VALUES (1, 'nowhere.txt', 'exact', 1.0, '2024-01-01T00:00:00Z');"
    )
    assert any("source row not in the clean run" in p for p in stray)
    # fused counts that disagree with the rows
    assert any(
        "num_mentions" in p for p in damaged("UPDATE fused_events SET num_mentions = num_mentions + 1;")
    )


def _open_cmd(db: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from newswire.store import Store; Store.open(sys.argv[1]).close()",
        db,
    ]


def test_killed_while_creating_the_schema_the_database_still_opens(tmp_path: Path) -> None:
    """SIGKILL while a new SQLite file is being migrated: the migration is one transaction, so the
    file is left empty or complete, never with some tables and no revision ("table documents
    already exists" on every later open)."""
    rng = random.Random(SEED)
    for i in range(3):
        db = tmp_path / f"new{i}.db"
        proc = subprocess.Popen(_open_cmd(str(db)), stderr=subprocess.DEVNULL)
        while proc.poll() is None and not db.exists():
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.08))  # the file exists: the migration is under way
        proc.kill()
        proc.wait()
        with Store.open(db) as store:  # the next open completes the schema
            assert store.count_documents() == 0
        assert sqlite_problems(db) == []
