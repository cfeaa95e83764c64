"""The load test: concurrent clients querying ``newswire serve`` while ``newswire ingest`` writes.

The database is seeded by one ingest run; then ``newswire serve`` starts on a free loopback
port and, for ``seconds``, ``clients`` threads (one keep-alive ``httpx.Client`` each) send a
realistic mix of GET requests (event queries with filters, full-text document search, actors,
aggregates, network, map, the dashboard's HTML pages, one document's page, small CSV exports),
while ingest runs one after another write new articles into the same database (SQLite in WAL
mode, or PostgreSQL). Every response is checked: the status (2xx/3xx), the body (JSON parses;
HTML, CSV look right) and, per client, the document count of ``/api/health`` never going down.
At the end the last ingest is let finish and ``serve`` must report exactly the documents the
database holds.

Errors are non-2xx/3xx answers, exceptions (connection failures, timeouts), bad bodies,
counts going down and failed ingest runs; the target is zero.
"""

from __future__ import annotations

import math
import random
import subprocess
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from . import corpus, procs
from .db import Target, pg_target, sqlite_target

TYPES = [
    "CONSULT",
    "AGREE",
    "SUPPORT",
    "ACCUSE",
    "PROTEST",
    "ASSAULT",
    "AID",
    "REQUEST",
    "COERCE",
    "MOBILIZE",
]
WORDS = [
    "president",
    "minister",
    "police",
    "talks",
    "security",
    "trade",
    "ukraine",
    "election",
    "call",
    "support",
]
COUNTRIES = ["USA", "UKR", "RUS", "CHN", "KEN", "PER", "POL", "IDN", "GHA", "CHL", "VNM"]


@dataclass
class Vocab:
    """Values the clients put in their queries, refreshed from the API as documents arrive."""

    doc_ids: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def pick_doc(self, rng: random.Random) -> str | None:
        with self.lock:
            return rng.choice(self.doc_ids) if self.doc_ids else None

    def pick_actor(self, rng: random.Random) -> str:
        with self.lock:
            return rng.choice(self.actors) if self.actors else rng.choice(COUNTRIES)


Request = tuple[str, dict[str, Any], str]  # path, params, expected body kind


def _events(v: Vocab, rng: random.Random) -> Request:
    params: dict[str, Any] = {"limit": rng.choice([20, 50, 100])}
    roll = rng.random()
    if roll < 0.3:
        params["type"] = rng.choice(TYPES)
    elif roll < 0.6:
        params["actor"] = v.pick_actor(rng)
    elif roll < 0.8:
        params["since"], params["until"] = (
            "2021-01-01",
            rng.choice(["2022-12-31", "2023-06-30", "2025-12-31"]),
        )
    if rng.random() < 0.3:
        params["offset"] = rng.choice([0, 20, 50])
    return "/api/events", params, "json"


def _documents(v: Vocab, rng: random.Random) -> Request:
    return "/api/documents", {"q": rng.choice(WORDS), "limit": 20}, "json"


def _actors(v: Vocab, rng: random.Random) -> Request:
    params: dict[str, Any] = {"limit": 30}
    if rng.random() < 0.3:
        params["country"] = rng.choice(COUNTRIES)
    return "/api/actors", params, "json"


def _aggregates(v: Vocab, rng: random.Random) -> Request:
    return (
        "/api/aggregates/events",
        {"interval": rng.choice(["week", "month"]), "by": rng.choice(["type", "quad"])},
        "json",
    )


def _network(v: Vocab, rng: random.Random) -> Request:
    return "/api/network", {"max_nodes": 40}, "json"


def _map(v: Vocab, rng: random.Random) -> Request:
    return "/api/map", {"limit": 500}, "json"


def _events_page(v: Vocab, rng: random.Random) -> Request:
    return "/events", {"type": rng.choice(TYPES)} if rng.random() < 0.5 else {}, "html"


def _document_page(v: Vocab, rng: random.Random) -> Request:
    doc = v.pick_doc(rng)
    if doc is None:
        return "/documents", {}, "html"
    return f"/documents/{quote(doc, safe='')}", {}, "html"


def _export(v: Vocab, rng: random.Random) -> Request:
    doc = v.pick_doc(rng)
    params = {"format": "csv", "document": doc} if doc else {"format": "csv", "type": "PROTEST"}
    return "/api/export", params, "csv"


def _health(v: Vocab, rng: random.Random) -> Request:
    return "/api/health", {}, "health"


#: route name -> (weight, request builder)
ROUTES: dict[str, tuple[float, Callable[[Vocab, random.Random], Request]]] = {
    "/api/events": (0.22, _events),
    "/api/documents?q=": (0.14, _documents),
    "/api/actors": (0.10, _actors),
    "/api/aggregates/events": (0.10, _aggregates),
    "/api/network": (0.07, _network),
    "/api/map": (0.07, _map),
    "/events": (0.08, _events_page),
    "/documents/{id}": (0.10, _document_page),
    "/api/export?format=csv": (0.06, _export),
    "/api/health": (0.06, _health),
}


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[k]


@dataclass
class LoadReport:
    """Latencies, statuses and errors of a load test."""

    backend: str
    clients: int
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    error_count: Counter[str] = field(default_factory=Counter)
    ingest_runs: int = 0
    documents_before: int = 0
    documents_after: int = 0
    served_documents: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, seconds: float, status: str, error: str | None) -> None:
        """Record one request."""
        with self.lock:
            self.latencies[route].append(seconds)
            self.statuses[status] += 1
            if error is not None:
                self.error_count[route] += 1
                if len(self.errors) < 50:
                    self.errors.append(f"{route}: {error}")

    def fail(self, message: str) -> None:
        """Record an error outside the requests (ingest failed, final count wrong)."""
        with self.lock:
            self.error_count["(other)"] += 1
            self.errors.insert(0, message)  # before the request errors it may explain

    @property
    def requests(self) -> int:
        """Requests sent."""
        return sum(len(v) for v in self.latencies.values())

    @property
    def ok(self) -> bool:
        """Zero errors."""
        return not self.error_count

    def rows(self) -> list[dict[str, Any]]:
        """One row per route, then the overall row."""
        out = []
        all_lat: list[float] = []
        for route in ROUTES:
            lat = self.latencies.get(route, [])
            all_lat += lat
            out.append(self._row(route, lat, self.error_count.get(route, 0)))
        out.append(self._row("all", all_lat, sum(self.error_count.values())))
        return out

    def _row(self, route: str, lat: list[float], errors: int) -> dict[str, Any]:
        return {
            "route": route,
            "requests": len(lat),
            "rps": round(len(lat) / self.seconds, 2) if self.seconds else 0.0,
            "p50_ms": round(1000 * percentile(lat, 50), 1),
            "p95_ms": round(1000 * percentile(lat, 95), 1),
            "p99_ms": round(1000 * percentile(lat, 99), 1),
            "max_ms": round(1000 * max(lat, default=0.0), 1),
            "errors": errors,
        }

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data."""
        return {
            "backend": self.backend,
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "rps": round(self.requests / self.seconds, 2) if self.seconds else 0.0,
            "routes": self.rows(),
            "statuses": dict(self.statuses),
            "errors": sum(self.error_count.values()),
            "error_samples": self.errors[:20],
            "ingest_runs": self.ingest_runs,
            "documents_before": self.documents_before,
            "documents_after": self.documents_after,
            "served_documents": self.served_documents,
            "ok": self.ok,
        }

    def table(self) -> str:
        """The summary table for people."""
        head = f"{'route':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}"
        title = (
            f"load test on {self.backend}: {self.clients} clients for {self.seconds:.0f}s while ingest wrote "
            f"{self.documents_after - self.documents_before} documents in {self.ingest_runs} runs "
            f"({self.documents_before} -> {self.documents_after}; serve saw {self.served_documents} at the end)"
        )
        lines = [
            title,
            head,
            "-" * len(head),
        ]
        for r in self.rows():
            lines.append(
                f"{r['route']:<26}{r['requests']:>9}{r['rps']:>8.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
                f"{r['p99_ms']:>9.1f}{r['max_ms']:>9.1f}{r['errors']:>8}"
            )
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items()))
        lines.append(f"status codes: {statuses}")
        lines.append(f"errors: {sum(self.error_count.values())}")
        lines += [f"  {e}"[:300] for e in self.errors[:10]]
        return "\n".join(lines)


def check_body(kind: str, resp: httpx.Response) -> tuple[str | None, Any]:
    """(what is wrong with the body or None, the parsed JSON if any)."""
    ctype = resp.headers.get("content-type", "")
    if kind in ("json", "health"):
        try:
            data = resp.json()
        except ValueError as exc:
            return f"invalid JSON: {exc}", None
        if not isinstance(data, dict):
            return "JSON is not an object", None
        if kind == "health" and not isinstance(data.get("documents"), int):
            return "health without a document count", None
        return None, data
    if kind == "html":
        if "text/html" not in ctype or "<html" not in resp.text[:2000].lower():
            return f"not an HTML page ({ctype})", None
        return None, None
    if kind == "csv":
        if "csv" not in ctype or not resp.text.strip():
            return f"not CSV ({ctype}, {len(resp.text)} bytes)", None
        return None, None
    return None, None


def client_loop(base: str, report: LoadReport, vocab: Vocab, stop: threading.Event, seed: int) -> None:
    """One client: weighted random requests until ``stop``; every answer checked."""
    rng = random.Random(seed)
    names = list(ROUTES)
    weights = [ROUTES[n][0] for n in names]
    last_count = -1
    with httpx.Client(base_url=base, timeout=30.0) as http:
        while not stop.is_set():
            route = rng.choices(names, weights)[0]
            path, params, kind = ROUTES[route][1](vocab, rng)
            started = time.perf_counter()
            error: str | None = None
            status = "exception"
            try:
                resp = http.get(path, params=params)
                status = str(resp.status_code)
                if resp.status_code >= 400:
                    error = f"{resp.status_code} for {resp.request.url}: {resp.text[:200]}"
                else:
                    error, data = check_body(kind, resp)
                    if error is None and kind == "health":
                        count = int(data["documents"])
                        if count < last_count:
                            error = f"document count went down: {last_count} -> {count}"
                        last_count = max(last_count, count)
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc} ({path})"
                status = "timeout" if isinstance(exc, httpx.TimeoutException) else "exception"
            report.add(route, time.perf_counter() - started, status, error)


def refresh_vocab(base: str, vocab: Vocab, stop: threading.Event) -> None:
    """Keep the document ids and actor names the clients use up to date (every 2 s)."""
    with httpx.Client(base_url=base, timeout=30.0) as http:
        while not stop.is_set():
            try:
                docs = http.get("/api/documents", params={"limit": 200, "sort": "id"}).json().get("items", [])
                acts = http.get("/api/actors", params={"limit": 50}).json().get("items", [])
                ids = [str(d.get("doc_id") or d.get("id")) for d in docs if d.get("doc_id") or d.get("id")]
                names = [str(a["name"]) for a in acts if a.get("name")]
                with vocab.lock:
                    vocab.doc_ids = ids or vocab.doc_ids
                    vocab.actors = names or vocab.actors
            except (httpx.HTTPError, ValueError, AttributeError):
                pass  # the clients' own requests count the errors
            stop.wait(2.0)


def ingest_loop(
    target: Target, shards: list[Path], report: LoadReport, stop: threading.Event, log_file: Path
) -> None:
    """Ingest the shards one after another until ``stop`` (the running one is let finish)."""
    for shard in shards:
        if stop.is_set():
            return
        proc = procs.ingest([shard], target.url, batch_size=4, log=log_file)
        try:
            rc = proc.wait(timeout=900)
        except subprocess.TimeoutExpired:
            procs.kill(proc)
            rc = -9
        report.ingest_runs += 1
        if rc != 0:
            report.fail(f"ingest of {shard.name} exited with {rc} (see {log_file})")
    if not stop.is_set():
        report.fail("ran out of shards to ingest before the end of the load test")


def load_test(
    backend: str,
    folder: Path,
    *,
    seconds: float = 120,
    clients: int = 8,
    seed: int = 20,
    shard_size: int = 12,
    log: Callable[[str], None] = print,
) -> LoadReport:
    """Run the load test on a scratch database of ``backend``; returns the report."""
    report = LoadReport(backend, clients)
    n_shards = max(4, int(seconds / 4) + 2)
    shards = corpus.shards(folder / "corpus", n_shards, shard_size, seed=seed)
    target = sqlite_target(folder / "load.db") if backend == "sqlite" else pg_target("nwload")
    log_file = folder / "ingest.log"
    try:
        procs.run_ingest([shards[0]], target.url)
        report.documents_before = target.count()
        log(f"{backend}: seeded {report.documents_before} documents; serving and loading for {seconds:.0f}s")
        with procs.serve(target.url, log=folder / "serve.log") as server:
            base = server.url
            vocab = Vocab()
            stop = threading.Event()
            stop_ingest = threading.Event()
            refresher = threading.Thread(target=refresh_vocab, args=(base, vocab, stop), daemon=True)
            refresher.start()
            time.sleep(0.5)
            writer = threading.Thread(
                target=ingest_loop, args=(target, shards[1:], report, stop_ingest, log_file), daemon=True
            )
            writer.start()
            threads = [
                threading.Thread(
                    target=client_loop, args=(base, report, vocab, stop, seed * 100 + i), daemon=True
                )
                for i in range(clients)
            ]
            started = time.monotonic()
            for th in threads:
                th.start()
            while time.monotonic() - started < seconds:
                rc = server.exited()
                if rc is not None:  # no point in measuring connection errors: stop and say why
                    tail = (folder / "serve.log").read_text(errors="replace")[-3000:]
                    report.fail(
                        f"serve died (exit code {rc}) after {time.monotonic() - started:.1f}s; its log ends:\n{tail}"
                    )
                    break
                time.sleep(0.2)
            stop.set()
            stop_ingest.set()
            for th in threads:
                th.join(timeout=60)
            report.seconds = time.monotonic() - started
            writer.join(timeout=900)
            refresher.join(timeout=30)
            report.documents_after = target.count()
            if server.exited() is not None:
                return report
            try:
                health = httpx.get(base + "/api/health", timeout=30).json()
                report.served_documents = int(health["documents"])
            except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
                tail = (folder / "serve.log").read_text(errors="replace")[-3000:]
                report.fail(f"serve does not answer after the load: {exc}; its log ends:\n{tail}")
            if report.served_documents != report.documents_after:
                report.fail(
                    f"after ingest, serve reports {report.served_documents} documents, "
                    f"the database holds {report.documents_after}"
                )
        if report.documents_after <= report.documents_before:
            report.fail("no document was written during the load test")
    finally:
        target.drop()
    return report
