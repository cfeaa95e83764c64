"""`newswire ingest` killed with SIGKILL at random points and run again ends with exactly the
database of one clean run: documents, their extractions, sources, the LSH index and fused events."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(os.name != "nt" and not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

COUNTRIES = [
    ("Kenya", "Nairobi", "Kenyan"),
    ("Peru", "Lima", "Peruvian"),
    ("Poland", "Warsaw", "Polish"),
    ("Indonesia", "Jakarta", "Indonesian"),
    ("Ghana", "Accra", "Ghanaian"),
    ("Chile", "Santiago", "Chilean"),
    ("Vietnam", "Hanoi", "Vietnamese"),
]
TEMPLATES = [
    (
        "{adj} police arrested {n} protesters in {city} on {day}, a police spokesman said. "
        "The demonstrators had gathered outside parliament to oppose a new fuel tax."
    ),
    (
        "The foreign minister of {country} met his counterpart from {other} in {city} on {day} to discuss trade. "
        "Both governments agreed to open talks on a free trade agreement next year."
    ),
    (
        "Thousands of teachers went on strike across {country} on {day}, demanding higher pay. "
        "The education ministry said it would meet union leaders next week."
    ),
    (
        "{country} announced on {day} that it would send {n} troops to a United Nations peacekeeping mission. "
        "The deployment is expected to begin in {month}."
    ),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "May", "June"]


def make_corpus(folder: Path, n: int = 20) -> None:
    """n realistic short news items, generated; plus an exact and a near duplicate (wire copies)."""
    rng = random.Random(8)
    folder.mkdir()
    for i in range(n):
        country, city, adj = rng.choice(COUNTRIES)
        other = rng.choice([c for c in COUNTRIES if c[0] != country])[0]
        first, second = rng.sample(TEMPLATES, 2)
        text = " ".join(
            t.format(
                country=country,
                city=city,
                adj=adj,
                other=other,
                n=rng.randint(12, 900),
                day=rng.choice(DAYS),
                month=rng.choice(MONTHS),
            )
            for t in (first, second)
        )
        front = f"---\ntitle: Item {i}\ndate: 2023-0{1 + i % 9}-1{i % 10}\nsource: Desk {i % 3}\n---\n"
        (folder / f"item{i:02d}.md").write_text(front + text + "\n", encoding="utf-8")
    long_story = " ".join(
        f"Officials in {c} said on {d} that the regional summit in {city} would focus on trade, energy and "
        f"migration, and that ministers from {o} were expected to attend."
        for (c, city, _), d, o in zip(
            COUNTRIES, DAYS * 2, ["Peru", "Kenya", "Chile", "Ghana", "Poland", "Peru", "Chile"]
        )
    )
    (folder / "wire_a.txt").write_text(long_story, encoding="utf-8")
    (folder / "wire_b.txt").write_text("  " + long_story.upper() + "\n", encoding="utf-8")  # exact copy
    (folder / "wire_c.txt").write_text(
        "(Reuters) - " + long_story + " Reporting by the desk.", encoding="utf-8"
    )


def ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "newswire.cli",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--no-progress",
        "--batch-size",
        "2",
    ]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM document_sources").fetchone()[0])
    except sqlite3.Error:
        return 0


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return sorted(conn.execute(sql).fetchall(), key=repr)


def dump(db: Path) -> dict[str, Any]:
    """The database's content without surrogate keys and timestamps."""
    with sqlite3.connect(db) as conn:
        fused = {}
        for fid, *cols in conn.execute(
            "SELECT id, type, modality, source_key, target_key, source_name, target_name, date_start, date_end, "
            "precision, where_name, where_geonameid, num_articles, num_documents, num_sources, num_mentions "
            "FROM fused_events"
        ):
            mentions = rows(
                conn,
                "SELECT d.doc_id, e.local_id FROM fused_event_mentions m JOIN events e ON e.id = m.event_id "
                f"JOIN documents d ON d.id = m.document_id WHERE m.fused_event_id = {int(fid)}",
            )
            fused[repr(mentions)] = cols
        return {
            "documents": rows(
                conn,
                "SELECT doc_id, text_hash, title, published, url, source, text, record_json, origin "
                "FROM documents",
            ),
            "events": rows(
                conn,
                "SELECT d.doc_id, e.local_id, e.type, e.date_start, e.modality, e.trigger_text "
                "FROM events e JOIN documents d ON d.id = e.document_id",
            ),
            "actors": rows(
                conn,
                "SELECT d.doc_id, a.local_id, a.name, a.country FROM actors a "
                "JOIN documents d ON d.id = a.document_id",
            ),
            "sources": rows(
                conn,
                "SELECT d.doc_id, s.source_key, s.kind, s.publisher, s.similarity FROM document_sources s "
                "JOIN documents d ON d.id = s.document_id",
            ),
            "lsh": rows(
                conn, "SELECT d.doc_id, l.key FROM document_lsh l JOIN documents d ON d.id = l.document_id"
            ),
            "fused": sorted(fused.items()),
        }


def test_killed_ingest_reruns_to_the_clean_result(tmp_path: Path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    total = 23

    clean = tmp_path / "clean.db"
    proc = ingest(corpus, clean)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    expected = dump(clean)
    assert count(clean) == total  # every input is a document or a source of one
    # the exact and the near copy of the wire story are its sources, not documents
    wire = [s for s in expected["sources"] if s[1].endswith("wire_b.txt") or s[1].endswith("wire_c.txt")]
    assert {(s[2]) for s in wire} == {"exact", "near"} and len({s[0] for s in wire}) == 1
    assert expected["fused"] and expected["lsh"]

    rng = random.Random(int(os.environ.get("NEWSWIRE_CRASH_SEED", "20")))
    db = tmp_path / "crashed.db"
    # kill once at a random moment of start-up, then after random numbers of committed documents
    kills: list[str] = []
    proc = ingest(corpus, db)
    time.sleep(rng.uniform(0.2, 2.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kills.append(f"start-up, {count(db)} committed")
    for target in sorted(rng.sample(range(1, total - 1), 3)):
        if count(db) >= target:
            continue
        proc = ingest(corpus, db)
        deadline = time.monotonic() + 300
        while proc.poll() is None and count(db) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills.append(f"{count(db)} committed")
    assert count(db) < total, kills

    proc = ingest(corpus, db)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    got = dump(db)
    for key in expected:
        assert got[key] == expected[key], (key, kills)
