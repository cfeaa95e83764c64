"""Reading and writing at the same time: `newswire serve` (a real uvicorn process on a free port)
answers queries while `newswire ingest` writes the same database, and concurrent `ingest`
processes on one SQLite file end with the database of one run. The long version is
`python -m stress load` (docs/reliability.md)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from stress import procs
from stress.db import Target, by_document, differences, dump, pg_target, pg_unavailable, sqlite_target
from stress.fixtures import small_corpus_and_clean_run
from stress.kill import Clean

from newswire.store import Store

PG_SKIP = pg_unavailable()
#: Concurrent client threads: more than the 5 connections of a SingletonThreadPool, which once broke serve
READERS = 8
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[pytest.mark.postgres, pytest.mark.skipif(PG_SKIP is not None, reason=str(PG_SKIP))],
    ),
]
#: (route, params, key of a count that must never go down or None)
QUERIES: list[tuple[str, dict[str, Any], str | None]] = [
    ("/api/health", {}, "documents"),
    ("/api/documents", {"limit": 5}, "total"),
    ("/api/documents", {"q": "police", "limit": 5}, "total"),
    ("/api/events", {"limit": 20}, "total"),
    ("/api/events", {"type": "PROTEST", "limit": 20}, "total"),
    ("/api/actors", {"limit": 10}, "total"),
    ("/api/aggregates/events", {"interval": "month"}, None),
    ("/api/network", {}, None),
]


@pytest.fixture(scope="module")
def small() -> tuple[list[Path], Clean]:
    return small_corpus_and_clean_run()


@pytest.fixture()
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    t = sqlite_target(tmp_path / "news.db") if request.param == "sqlite" else pg_target("nwconc")
    yield t
    t.drop()


def _reader(base: str, stop: threading.Event, problems: list[str], seen: list[int]) -> None:
    """Query in a loop until ``stop``; every answer must be 200 with JSON, counts never going down."""
    last: dict[tuple[str, str], int] = {}
    with httpx.Client(base_url=base, timeout=60) as http:
        while True:
            final = stop.is_set()  # one more full round after the writers are done
            for path, params, key in QUERIES:
                try:
                    resp = http.get(path, params=params)
                except httpx.HTTPError as exc:
                    problems.append(f"{path} {params}: {type(exc).__name__}: {exc}")
                    continue
                if resp.status_code != 200:
                    problems.append(f"{path} {params}: {resp.status_code} {resp.text[:300]}")
                    continue
                try:
                    data = resp.json()
                except ValueError as exc:
                    problems.append(f"{path} {params}: invalid JSON: {exc}")
                    continue
                if key is not None:
                    n, k = int(data[key]), (path, repr(params))
                    if n < last.get(k, 0):
                        problems.append(f"{path} {params}: {key} went down from {last[k]} to {n}")
                    last[k] = n
                    if path == "/api/health":
                        seen.append(n)
            if final:
                return


def _serve_while_ingesting(
    target: Target, inputs: list[Path], writers: int, folder: Path
) -> tuple[list[str], list[int], str]:
    Store.open(target.url).close()  # the schema exists before serve opens it read-only
    problems: list[str] = []
    seen: list[int] = []
    with procs.serve(target.url, log=folder / "serve.log") as server:
        base = server.url
        stop = threading.Event()
        readers = [
            threading.Thread(target=_reader, args=(base, stop, problems, seen)) for _ in range(READERS)
        ]
        for th in readers:
            th.start()
        ingests = [procs.ingest(inputs, target.url, batch_size=2) for _ in range(writers)]
        errors = []
        for proc in ingests:
            _, err = proc.communicate(timeout=600)
            errors.append(err.decode("utf-8", "replace"))
            if proc.returncode != 0:
                problems.append(f"ingest exited with {proc.returncode}: {errors[-1][-2000:]}")
        stop.set()
        for th in readers:
            th.join(timeout=120)
        try:
            seen.append(int(httpx.get(base + "/api/health", timeout=60).json()["documents"]))
        except httpx.HTTPError as exc:
            problems.append(
                f"serve does not answer after the writers are done (exit code {server.exited()}): {exc}"
            )
    return problems, seen, "\n".join(errors)


@pytest.mark.parametrize("target", BACKENDS, indirect=True)
def test_serve_answers_while_ingest_writes(
    target: Target, small: tuple[list[Path], Clean], tmp_path: Path
) -> None:
    """Readers get 200s with JSON and growing counts; the writers end with one clean run's database.

    On SQLite two ingest processes with the same inputs write at once (they take turns per
    document and end with the database of one run); on PostgreSQL one.
    """
    inputs, clean = small
    writers = 2 if target.backend == "sqlite" else 1
    problems, seen, stderr = _serve_while_ingesting(target, inputs, writers, tmp_path)
    log = (tmp_path / "serve.log").read_text(errors="replace")[-3000:]
    assert problems == [], "\n".join(problems[:20]) + "\nserve log:\n" + log
    assert "database is locked" not in stderr
    assert seen and seen[-1] == clean.documents == target.count()  # serve sees every document at the end
    assert len(set(seen)) > 1 or seen[0] == clean.documents  # it also saw the count grow (or all at once)
    assert differences(dump(target), clean.dump) == []  # readers did not disturb the writers


def test_two_ingests_of_overlapping_inputs_store_each_text_once(
    small: tuple[list[Path], Clean], tmp_path: Path
) -> None:
    """Two processes on a new SQLite file, the first with the first two thirds of the inputs, the
    second with the last two thirds: every input ends up stored once (or as a source of the
    document it copies), each document complete, as in one run of all the inputs.

    Which fused event a mention founds depends on which commit comes first when different inputs
    race, so fused events are compared by the mentions they group and their counts (not by the
    founding mention's names and dates, which the kill loop, where the order is fixed, does check).
    """
    inputs, clean = small
    target = sqlite_target(tmp_path / "overlap.db")
    third = len(inputs) // 3
    runs = [
        procs.ingest(inputs[: 2 * third], target.url, batch_size=2),
        procs.ingest(inputs[third:], target.url, batch_size=2),
    ]
    outs = [proc.communicate(timeout=600)[1].decode("utf-8", "replace") for proc in runs]
    assert [proc.returncode for proc in runs] == [0, 0], outs
    got = dump(target)
    for table in ("document_sources", "document_minhash", "document_lsh", "fused_event_mentions"):
        assert got[table] == clean.dump[table], table
    assert by_document(got) == by_document(clean.dump)  # each document whole, none twice

    def grouping(d: dict[str, Any]) -> list[Any]:
        counts = ("mentions", "num_articles", "num_documents", "num_sources", "num_mentions")
        return sorted(tuple(kv for kv in row if kv[0] in counts) for row in d["fused_events"])

    assert grouping(got) == grouping(clean.dump)
    target.dispose()


@pytest.mark.parametrize("target", BACKENDS, indirect=True)
def test_concurrent_first_opens_create_the_schema_once(target: Target) -> None:
    """Three processes opening a new database at once (e.g. `serve` and two `ingest` started
    together): the migrations run under the write lock, so one creates the schema and the
    others find it, instead of failing with "table ... already exists"."""
    code = "import sys; from newswire.store import Store; Store.open(sys.argv[1]).close()"
    runs = [
        subprocess.Popen([sys.executable, "-c", code, target.url], stderr=subprocess.PIPE) for _ in range(3)
    ]
    errors = [proc.communicate(timeout=300)[1].decode("utf-8", "replace") for proc in runs]
    assert [proc.returncode for proc in runs] == [0, 0, 0], errors
    with Store.open(target.url) as store:
        assert store.count_documents() == 0
