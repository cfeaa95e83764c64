"""The kill loop: ``newswire ingest`` killed with SIGKILL at seeded random moments, over and over.

Each run starts ``newswire ingest CORPUS --db X`` on the database the previous runs left and kills
it in one of four phases, chosen by a seeded RNG:

- ``open``: 0-0.2 s after the SQLite file appears (PostgreSQL: after the process starts
  connecting), i.e. while the database is opened and, when new, created by the migrations;
- ``startup``: after a random delay within the clean run's start-up (imports, opening and
  migrating the database, loading the model, the first batch);
- ``analysis``: a random time after the n-th document committed (n random), mostly while a
  batch is being analysed;
- ``commit``: the moment the ingest is seen holding the database's write lock, i.e. inside the
  transaction that writes a document (SQLite: a ``BEGIN IMMEDIATE`` probe fails; PostgreSQL:
  the writers' advisory lock shows as granted in ``pg_locks``).

After every kill the database is checked (:func:`stress.db.consistency_problems`: no partial
document, the stored documents are the clean run's first ones, SQLite integrity). A run that
ends by itself (the database was complete) is compared with the clean run table by table, and
the loop starts again on an empty database; at the end the last database is ingested to
completion and compared too.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from . import procs
from .db import Dump, Target, consistency_problems, differences, dump, pg_target, sqlite_target

PHASES = ("open", "startup", "analysis", "commit")
WEIGHTS = (0.10, 0.20, 0.30, 0.40)
_PG_LOCK = 0x6E7377  # the first key of the store's advisory lock (newswire.store.store._PG_LOCK)


@dataclass
class Clean:
    """The clean run: its dump and timings."""

    dump: Dump
    documents: int
    seconds: float
    first_commit: float
    gap: float
    target: Target | None = None


@dataclass
class KillReport:
    """What a kill loop did and found."""

    backend: str
    inputs: int
    documents: int
    clean_seconds: float
    runs: int = 0
    kills: Counter[str] = field(default_factory=Counter)
    lock_held_at_kill: int = 0
    consistency_checks: int = 0
    completed_runs: int = 0
    convergence_checks: int = 0
    mismatches: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """No inconsistency and no mismatch."""
        return not self.mismatches

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        out = asdict(self)
        out["kills"] = dict(self.kills)
        out["kills_total"] = sum(self.kills.values())
        out["ok"] = self.ok
        return out

    def summary(self) -> str:
        """One paragraph for people."""
        kills = ", ".join(f"{self.kills[p]} {p}" for p in PHASES)
        return (
            f"kill loop on {self.backend}: {self.inputs} inputs ({self.documents} documents in a clean run of "
            f"{self.clean_seconds:.1f}s); {self.runs} runs, {sum(self.kills.values())} SIGKILLs survived "
            f"({kills}; write lock held at {self.lock_held_at_kill} of them), {self.completed_runs} runs "
            f"completed; {self.consistency_checks} post-kill consistency checks, {self.convergence_checks} "
            f"full comparisons with the clean run; {len(self.mismatches)} problems; {self.seconds:.0f}s"
        )


def new_target(backend: str, folder: Path, name: str) -> Target:
    """A fresh, empty scratch database."""
    if backend == "sqlite":
        return sqlite_target(folder / f"{name}.db")
    return pg_target("nwkill")


def clean_run(
    backend: str, corpus: list[Path], folder: Path, *, batch_size: int = 4, keep: bool = False
) -> Clean:
    """Ingest the corpus once, uninterrupted, into a fresh database; its dump and timings (and the
    database itself, as ``target``, with ``keep``: the caller drops it)."""
    target = new_target(backend, folder, "clean")
    try:
        started = time.monotonic()
        proc = procs.ingest(corpus, target.url, batch_size=batch_size)
        first: float | None = None
        while proc.poll() is None:
            if first is None and target.count() > 0:
                first = time.monotonic() - started
            time.sleep(0.05)
        seconds = time.monotonic() - started
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.returncode != 0:
            raise RuntimeError(f"clean ingest failed ({proc.returncode}): {err[-2000:]}")
        d = dump(target)
        n = len(d["documents"])
        first = first if first is not None else seconds
        gap = max(seconds - first, 0.1) / max(n - 1, 1)
        return Clean(d, n, seconds, first, gap, target if keep else None)
    finally:
        if not keep:
            target.drop()


class LockProbe:
    """Whether another process holds the database's write lock right now."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self._conn: sqlite3.Connection | None = None

    def held(self) -> bool:
        """True while a writer is inside a write transaction."""
        if self.target.path is not None:
            if not self.target.path.exists():
                return False
            if self._conn is None:
                self._conn = sqlite3.connect(self.target.path, timeout=0, isolation_level=None)
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                return "locked" in str(exc) or "busy" in str(exc)
            self._conn.execute("ROLLBACK")
            return False
        with self.target.engine().connect() as conn:
            n = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND classid = :key AND objid::bigint = (hashtext(:schema)::bigint & 4294967295)"
                ),
                {"key": _PG_LOCK, "schema": self.target.schema},
            ).scalar_one()
        return bool(n)

    def close(self) -> None:
        """Close the probe's connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _wait(proc: Any, until: Callable[[], bool], deadline: float, step: float = 0.01) -> bool:
    """Wait until ``until()`` (True) or the process ends or the deadline passes (False)."""
    while proc.poll() is None and time.monotonic() < deadline:
        if until():
            return True
        time.sleep(step)
    return False


def kill_once(
    target: Target,
    corpus: list[Path],
    clean: Clean,
    rng: random.Random,
    *,
    phase: str | None = None,
    batch_size: int = 4,
) -> dict[str, Any]:
    """One run: start ingest on ``target``, kill it in ``phase`` (else a random one).

    Returns ``phase``, ``killed`` (False when the run ended first), ``returncode``, ``stderr``,
    ``lock_held`` (the write lock was held when the kill was sent), ``before``/``after``
    (documents stored) and ``seconds``.
    """
    phase = phase or rng.choices(PHASES, WEIGHTS)[0]
    before = target.count()
    limit = max(60.0, 4 * clean.seconds)
    probe = LockProbe(target)
    started = time.monotonic()
    proc = procs.ingest(corpus, target.url, batch_size=batch_size)
    lock_held = False
    try:
        deadline = started + limit
        if phase == "open":
            if target.path is not None:
                _wait(proc, lambda: target.path is not None and target.path.exists(), deadline, 0.001)
            else:
                _wait(proc, lambda: False, started + rng.uniform(0.0, clean.first_commit / 3))
            _wait(proc, lambda: False, time.monotonic() + rng.uniform(0.0, 0.2))
        elif phase == "startup":
            _wait(proc, lambda: False, started + rng.uniform(0.0, clean.first_commit * 1.1))
        elif phase == "analysis":
            remaining = max(clean.documents - before, 1)
            goal = before + rng.randint(1, max(1, remaining // 2))
            if _wait(proc, lambda: target.count() >= goal, deadline, 0.02):
                _wait(proc, lambda: False, time.monotonic() + rng.uniform(0.0, 2 * clean.gap))
        else:
            remaining = max(clean.documents - before, 1)
            goal = before + rng.randint(0, max(0, remaining // 2))
            _wait(proc, lambda: target.count() >= goal, deadline, 0.02)
            lock_held = _wait(proc, probe.held, deadline, 0.002)
        if not lock_held and phase != "commit":
            lock_held = proc.poll() is None and probe.held()
        killed = proc.poll() is None
        procs.kill(proc)
    finally:
        probe.close()
        if proc.poll() is None:
            procs.kill(proc)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    return {
        "phase": phase,
        "killed": killed,
        "returncode": proc.returncode,
        "stderr": err[-2000:],
        "lock_held": killed and lock_held,
        "before": before,
        "after": target.count(),
        "seconds": time.monotonic() - started,
    }


def kill_loop(
    backend: str,
    corpus: list[Path],
    folder: Path,
    *,
    runs: int = 20,
    seconds: float = 900,
    seed: int = 20,
    batch_size: int = 4,
    clean: Clean | None = None,
    phases: Sequence[str] | None = None,
    log: Callable[[str], None] = print,
) -> KillReport:
    """Up to ``runs`` killed runs (and at most ``seconds``), then a final run to completion.

    ``phases``: the phases of the kills in turn (default: random, seeded).
    """
    started = time.monotonic()
    rng = random.Random(seed)
    clean = clean or clean_run(backend, corpus, folder, batch_size=batch_size)
    log(
        f"{backend}: clean run: {clean.documents} documents from {len(corpus)} inputs in {clean.seconds:.1f}s "
        f"(first commit at {clean.first_commit:.1f}s, {clean.gap:.2f}s per document)"
    )
    report = KillReport(backend, len(corpus), clean.documents, round(clean.seconds, 1))
    generation = 0
    target = new_target(backend, folder, f"crash{generation}")

    def converge(label: str) -> None:
        report.convergence_checks += 1
        problems = differences(dump(target), clean.dump)
        for p in problems:
            report.mismatches.append(f"{label}: {p}")
        log(f"  {label}: {'same database as the clean run' if not problems else 'MISMATCH: ' + problems[0]}")

    try:
        for i in range(1, runs + 1):
            if time.monotonic() - started > seconds:
                log(f"time bound reached after {i - 1} runs")
                break
            phase = phases[(i - 1) % len(phases)] if phases else None
            out = kill_once(target, corpus, clean, rng, phase=phase, batch_size=batch_size)
            report.runs += 1
            head = f"run {i}/{runs} [{out['phase']}]"
            if not out["killed"]:
                if out["returncode"] != 0:
                    report.mismatches.append(f"{head}: ingest failed ({out['returncode']}): {out['stderr']}")
                    log(f"{head}: ingest FAILED with {out['returncode']}: {out['stderr'][-300:]}")
                    continue
                report.completed_runs += 1
                log(f"{head}: completed before the kill ({out['after']} documents)")
                converge(f"{head} completed")
                target.drop()
                generation += 1
                target = new_target(backend, folder, f"crash{generation}")
                continue
            report.kills[out["phase"]] += 1
            report.lock_held_at_kill += int(out["lock_held"])
            problems = consistency_problems(target, clean.dump)
            report.consistency_checks += 1
            for p in problems:
                report.mismatches.append(f"{head}: {p}")
            lock = ", write lock held" if out["lock_held"] else ""
            state = "consistent" if not problems else "INCONSISTENT: " + problems[0]
            log(
                f"{head}: SIGKILL after {out['seconds']:.2f}s{lock}; documents {out['before']} -> "
                f"{out['after']}/{clean.documents}; {state}"
            )
        proc = procs.ingest(corpus, target.url, batch_size=batch_size)
        _, err = proc.communicate(timeout=max(600.0, 6 * clean.seconds))
        if proc.returncode != 0:
            report.mismatches.append(f"final run failed ({proc.returncode}): {err.decode()[-2000:]}")
        else:
            converge("final run to completion")
    finally:
        target.drop()
    report.seconds = round(time.monotonic() - started, 1)
    return report
