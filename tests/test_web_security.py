"""Security of `newswire serve` (newswire.web): read-only by default, the write token, request limits,
SQL injection at every query parameter of every GET route, HTML escaping of hostile text (page
source and a real headless Chromium), the URL-fetch guard (SSRF), headers, CORS and error bodies.

Databases are real (SQLite; PostgreSQL when conftest.pg_url() gives a server), filled through the
Store with hand-built records (the ones of test_web_api plus one full of hostile markup) and, where
the write endpoint is the point, through POST /api/documents with the real pipeline.
"""

from __future__ import annotations

import http.server
import ipaddress
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, inspect, make_url, text

from conftest import NO_PG, pg_url
from newswire.article import text_hash
from newswire.ingest import Rejected
from newswire.ingest.fetch import SafeFetcher, fetch_url, public_address_policy
from newswire.record import Record
from newswire.store import Store
from newswire.web import create_app
from newswire.web.security import TokenError, load_token, token_matches
from test_feeds import PARAS
from test_web_api import _at, _event, _span, all_records

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-write-token-7f3a9c1e5b"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# -- hostile content ----------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
JS_URL = "javascript:alert(1)"
CLOSE = "</script><script>alert(2)</script>"
HOSTILE = (SCRIPT, IMG, SVG, CLOSE)
DOC_HOSTILE = "hostile-doc"
ACTOR_NAME = f"{SVG} Front {IMG}"
SPEAKER = f"{SCRIPT} Spokesman"


def hostile_record() -> Record:
    """Markup and script in the title, source, url, text, actor names, quote, place, rule and mode."""
    text_ = (
        f"Protesters in Minsk chanted {SCRIPT} and {IMG} on Tuesday. "
        f"The {SVG} Front rejected the plan of the {SCRIPT} Spokesman. "
        f'"We will never accept {CLOSE}," the spokesman said, pointing readers to {JS_URL}.'
    )
    actors = [
        {"id": "a1", "name": ACTOR_NAME, "kind": "group", "country": "BLR", "sector": "OPP", "title": IMG,
         "kb_id": None, "mentions": [list(_at(text_, f"The {SVG} Front"))]},
        {"id": "a2", "name": SPEAKER, "kind": "person", "country": "BLR", "sector": "GOV", "title": SCRIPT,
         "kb_id": None, "mentions": [list(_at(text_, f"{SCRIPT} Spokesman")), list(_at(text_, "the spokesman"))]},
    ]  # fmt: skip
    events = [
        _event(text_, "e1", "REJECT", 3, "rejected", source="a1", target="a2", rule=SCRIPT, mode=IMG,
               when={"text": "Tuesday", "start": "2023-01-10", "end": "2023-01-10", "precision": "day",
                     "anchor": "explicit"},
               where={"text": "Minsk", "name": f"Minsk {SVG}", "geonameid": 625144, "lat": 53.9, "lon": 27.56667,
                      "country": "BLR", "admin1": IMG}),
    ]  # fmt: skip
    qs, qe = _at(text_, f"We will never accept {CLOSE},")
    quotes = [{"id": "q1", "kind": "direct", "text": text_[qs:qe], "start": qs, "end": qe, "speaker": "a2",
               "cue": _span(text_, "said")}]  # fmt: skip
    ms, me = _at(text_, "Minsk")
    places = [{"text": "Minsk", "start": ms, "end": me, "name": f"Minsk {SVG}", "geonameid": 625144, "lat": 53.9,
               "lon": 27.56667, "country": "BLR", "feature_code": "PPLC", "admin1": IMG}]  # fmt: skip
    return Record.from_json(
        {
            "schema": "newswire.record/1",
            "document": {"id": DOC_HOSTILE, "title": f"{SCRIPT} Minsk {SVG}", "published": "2023-01-10",
                         "url": JS_URL, "source": IMG, "language": "en"},
            "text": text_, "actors": actors, "events": events, "quotes": quotes, "places": places,
            "warnings": [SCRIPT],
        }
    )  # fmt: skip


def fill(db: str) -> str:
    with Store.open(db) as store:
        for rec in [*all_records(), hostile_record()]:
            assert store.add(rec, text_hash=text_hash(rec.text), origin=f"test:{rec.document.id}")
    return db


# -- databases ----------------------------------------------------------------------------------


class Database:
    """A filled database: its URL (or path) and a way to count its rows from outside the app."""

    def __init__(self, url: str, counter: Any) -> None:
        self.url = url
        self._engine = counter

    def snapshot(self) -> dict[str, int]:
        """Every table with its row count (the schema's tables, never the app's connection)."""
        with self._engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            return {n: int(conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one()) for n in names}


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = fill(str(tmp_path_factory.mktemp("websec") / "sec.db"))
    engine = create_engine(f"sqlite:///{path}")
    yield Database(path, engine)
    engine.dispose()


@pytest.fixture(scope="module")
def pg_db() -> Iterator[Database]:
    base_url = pg_url()
    if not base_url:
        pytest.skip(NO_PG)
    base = make_url(base_url)
    if base.drivername in ("postgres", "postgresql"):
        base = base.set(drivername="postgresql+psycopg")
    schema = f"nwsec_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    counter = create_engine(url)
    try:
        fill(url)
        yield Database(url, counter)
    finally:
        counter.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def database(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


@pytest.fixture(scope="module")
def client(database: Database) -> Iterator[TestClient]:
    """The default app (read-only, no token) over the filled database."""
    with TestClient(create_app(database.url)) as c:
        yield c


# -- SQL injection at every parameter of every GET route ----------------------------------------

INJECTIONS = [
    "' OR 1=1 --",
    '" OR ""="',
    "1) OR (1=1",
    "'; DROP TABLE documents; --",
    '"; DROP TABLE documents; --',
    "%' UNION SELECT name, sql FROM sqlite_master --",
    "1; SELECT pg_sleep(3); --",
    "' AND 1=(SELECT count(*) FROM documents) --",
    "'",
    "\\",
    "%",
    "_",
    "\\%",
    "NEAR(a b)",
    '"',
    "*",
    "a OR b",
    "title:x",
    "(",
    "a\x00b",
    "x" * 5000,
    "Ωmega 東京 ﷽ 🙂 \u202e\u200b",
    "99999999999999999999999999",
    "1e309",
    SCRIPT,
    "",
]
#: The short list for the event filters thrown at pages that read them from the raw query string.
SHORT = ["' OR 1=1 --", "'; DROP TABLE documents; --", "1) OR (1=1", "%", "\\", "a\x00b", "x" * 5000, SCRIPT, ""]
#: Payloads that would select everything if they reached the SQL text.
TAUTOLOGIES = ["' OR 1=1 --", '" OR ""="', "1) OR (1=1"]
#: A value nothing in the data matches: the control for the tautologies.
CONTROL = "zqxj-no-such-value"
#: Values required parameters get while another parameter is attacked.
REQUIRED = {"name": "Russia", "a": "RUS", "b": "UKR", "doc_id": "drills-2021", "name_": "d3.min.js"}


def _params(dependant: Any) -> tuple[list[Any], list[Any]]:
    """The query and path parameters of a route's dependency tree."""
    query, path = list(dependant.query_params), list(dependant.path_params)
    for sub in dependant.dependencies:
        q, p = _params(sub)
        query += q
        path += p
    return query, path


def get_routes(app: Any) -> dict[str, dict[str, Any]]:
    """Every GET route with its path and query parameters: the API's from the OpenAPI schema (so a
    new filter is covered as soon as it exists), the pages' from FastAPI's dependency graph."""
    routes: dict[str, dict[str, Any]] = {}
    for path, ops in app.openapi()["paths"].items():
        op = ops.get("get")
        if op is None:
            continue
        params = op.get("parameters", [])
        routes[path] = {
            "path": [p["name"] for p in params if p["in"] == "path"],
            "query": [p["name"] for p in params if p["in"] == "query"],
            "required": {p["name"] for p in params if p.get("required") and p["in"] == "query"},
        }
    for route in app.routes:
        if isinstance(route, APIRoute) and "GET" in route.methods and route.path not in routes:
            query, path_ = _params(route.dependant)
            routes[route.path] = {
                "path": [p.name for p in path_],
                "query": [p.name for p in query],
                "required": {p.name for p in query if p.field_info.is_required()},
            }
    return routes


def _url(path: str, path_params: list[str], attacked: str | None = None, value: str = "") -> str:
    for name in path_params:
        v = value if name == attacked else REQUIRED["name_" if path.startswith("/assets") else name]
        path = path.replace("{" + name + "}", urllib.parse.quote(v, safe=""))
    return path


def _check(r: Any, what: str) -> dict[str, Any] | None:
    """No server error; a 4xx says why; a 200 JSON list is consistent. Returns the JSON body."""
    assert r.status_code < 500, f"{what}: {r.status_code} {r.text[:300]}"
    ctype = r.headers.get("content-type", "")
    if r.status_code >= 400:
        assert r.text.strip(), f"{what}: {r.status_code} without a message"
        if "json" in ctype:
            assert r.json().get("detail"), f"{what}: {r.text[:200]}"
        return None
    if "json" in ctype:
        body = r.json()
        if isinstance(body, dict) and "items" in body and "total" in body:
            assert 0 <= len(body["items"]) <= body["total"], what
        return body if isinstance(body, dict) else None
    if "html" in ctype:
        for bad in (SCRIPT, SVG):  # a reflected value is escaped
            assert bad not in r.text, f"{what}: {bad!r} reflected unescaped"
    return None


@pytest.mark.slow
def test_every_get_parameter_resists_injection(client: TestClient, database: Database) -> None:
    before = database.snapshot()
    assert before["documents"] == 4 and "documents_fts" in before or "postgresql" in database.url
    routes = get_routes(client.app)
    assert {"/api/events", "/api/documents", "/api/actors", "/api/quotes", "/events", "/documents"} <= set(routes)
    assert "actor" in routes["/api/events"]["query"] and "bbox" in routes["/api/map"]["query"]
    # Pages that read the event filters from the raw query string get every filter name too.
    filter_names = set(routes["/api/events"]["query"]) | {"interval", "by", "a", "b"}
    requests_made = 0
    for path, spec in sorted(routes.items()):
        if path in ("/docs", "/openapi.json", "/favicon.ico", "/") or path.startswith("/static"):
            continue  # no parameters
        names = list(spec["query"])
        extra = sorted(filter_names - set(names)) if path in ("/events", "/timeline", "/map", "/network") else []
        base_q = {n: REQUIRED[n] for n in spec["required"]}
        baseline = _check(client.get(_url(path, spec["path"]), params=base_q), path)
        for name in [*spec["path"], *names, *extra]:
            is_path = name in spec["path"]
            control_total = None
            if not is_path:
                control = client.get(_url(path, spec["path"]), params={**base_q, name: CONTROL})
                body = _check(control, f"{path}?{name}=control")
                control_total = body.get("total") if body else None
            for value in SHORT if name in extra else INJECTIONS:
                what = f"{path} {name}={value[:40]!r}"
                if is_path:
                    if not value.strip("/"):
                        continue
                    r = client.get(_url(path, spec["path"], name, value))
                else:
                    r = client.get(_url(path, spec["path"]), params={**base_q, name: value})
                requests_made += 1
                body = _check(r, what)
                if (
                    value in TAUTOLOGIES and body and baseline and control_total is not None
                    and control_total < baseline.get("total", 0)
                ):  # fmt: skip
                    assert body["total"] < baseline["total"], f"{what} selected everything"
    assert requests_made > 2000
    after = database.snapshot()
    assert after == before, "the database changed"


def test_export_resists_injection(client: TestClient, database: Database) -> None:
    before = database.snapshot()
    for name in ("actor", "place", "document", "sort", "format", "bbox", "since"):
        for value in [*TAUTOLOGIES, "'; DROP TABLE events; --", "%", "\x00", "Ωmega"]:
            r = client.get("/api/export", params={"format": "csv", name: value} if name != "format" else {name: value})
            _check(r, f"export {name}={value!r}")
            if r.status_code == 200 and value in TAUTOLOGIES and name in ("actor", "place", "document"):
                assert len(r.text.splitlines()) == 1, f"export {name}={value!r} returned rows"
    assert database.snapshot() == before


def test_like_wildcards_and_fts_syntax_are_literal(client: TestClient) -> None:
    everything = client.get("/api/events").json()["total"]
    assert everything == 7
    for name in ("actor", "source", "target", "place"):
        for value in ("%", "_", "%%", "\\", "%_"):
            body = client.get("/api/events", params={name: value}).json()
            assert body["total"] == 0, (name, value)
    assert client.get("/api/actors", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/quotes", params={"speaker": "_"}).json()["total"] == 0
    assert client.get("/api/documents", params={"source": "%"}).json()["total"] == 0
    # Full-text search: operators are words, not syntax.
    for q in ("NEAR(Kyiv shelled)", "Kyiv OR Termez", "Kyi*", '"Kyiv', "title:Kyiv", "^Kyiv", "(Kyiv"):
        r = client.get("/api/documents", params={"q": q})
        assert r.status_code == 200, (q, r.text)
    assert client.get("/api/documents", params={"q": "Kyiv OR Termez"}).json()["total"] == 0  # all words must occur
    assert client.get("/api/documents", params={"q": "Kyiv"}).json()["total"] == 1
    assert client.get("/api/documents", params={"q": " ".join(["w"] * 65)}).status_code == 400


@settings(max_examples=120, deadline=None)
@given(q=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_search_text_is_answered(q: str, sqlite_db: Database) -> None:
    from newswire.web import queries

    engine = create_engine(f"sqlite:///{sqlite_db.url}")
    try:
        with engine.connect() as conn:
            rows, total, method = queries.documents(conn, q=q)
        assert method == "fts5" and 0 <= len(rows) <= total <= 4
    finally:
        engine.dispose()


def test_url_limits(client: TestClient) -> None:
    assert client.get("/api/events", params={"actor": "a\x00"}).status_code == 400
    assert client.get("/api/documents/a%00b").status_code == 400
    r = client.get("/api/events", params={"actor": "x" * 9000})
    assert r.status_code == 414 and "too long" in r.json()["detail"]
    assert client.get("/api/events", params={"offset": 10**12}).status_code == 422
    assert client.get("/events", params={"offset": 10**15}).status_code == 200
    assert client.get("/api/events", params={"limit": 100_000}).status_code == 422


# -- read-only by default, the write endpoint and its token -------------------------------------


def _copy(database: Database, tmp_path: Path) -> str:
    dst = tmp_path / "copy.db"
    shutil.copy(database.url, dst)
    return str(dst)


def test_read_only_by_default(sqlite_db: Database, tmp_path: Path) -> None:
    db = _copy(sqlite_db, tmp_path)
    with TestClient(create_app(db)) as c:
        r = c.post("/api/documents", json={"text": "Anything at all."})
        assert r.status_code == 403 and "--write-token-file" in r.json()["detail"]
        big = c.post("/api/documents", content=b"x" * 5_000_000, headers={"content-type": "application/json"})
        assert big.status_code == 403  # refused before the body is read
        assert c.get("/api/health").json()["writes"] is False
        # The connection itself cannot write.
        with (
            c.app.state.store.engine.connect() as conn,
            pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"),
        ):
            conn.execute(text("DELETE FROM documents"))
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 4


@pytest.mark.postgres
def test_postgres_sessions_are_read_only(pg_db: Database) -> None:
    with TestClient(create_app(pg_db.url)) as c:
        with c.app.state.store.engine.connect() as conn, pytest.raises(Exception, match="read-only transaction"):
            conn.execute(text("DELETE FROM documents"))
        assert c.get("/api/events").json()["total"] == 7


def test_read_only_open_refuses_an_old_schema(tmp_path: Path) -> None:
    from newswire.errors import StoreError
    from newswire.web.readonly import open_read_only

    db = tmp_path / "empty.db"
    sqlite3.connect(db).close()
    with pytest.raises(StoreError, match="schema revision none"):
        open_read_only(str(db))
    with pytest.raises(StoreError, match="no database"):
        open_read_only(str(tmp_path / "missing.db"))


ARTICLE = (
    "Kenya's foreign minister met his Ethiopian counterpart in Nairobi on Monday to discuss border "
    "security, and the two governments agreed to reopen the Moyale crossing, the ministry said."
)


@pytest.fixture()
def writer(sqlite_db: Database, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(_copy(sqlite_db, tmp_path), write_token=TOKEN)) as c:
        yield c


def test_write_token_is_required(writer: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token-but-long-enough"}, {"Authorization": TOKEN},
                    {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"}):  # fmt: skip
        r = writer.post("/api/documents", json={"text": ARTICLE}, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"].startswith("Bearer")
    huge = writer.post("/api/documents", content=b"x" * 5_000_000, headers={"content-type": "application/json"})
    assert huge.status_code == 401  # before reading the body
    assert writer.get("/api/health").json()["documents"] == 4
    assert token_matches(TOKEN, TOKEN) and not token_matches(TOKEN[:-1], TOKEN) and not token_matches(None, TOKEN)
    assert not token_matches("é" * 20, TOKEN)


def test_ingest_through_the_api_as_newswire_ingest_does(writer: TestClient, check_record: Any) -> None:
    store: Store = writer.app.state.write_store
    fused_before = store.count_fused_events()
    r = writer.post(
        "/api/documents",
        json={"text": ARTICLE, "title": "Border talks", "published": "2024-05-13", "source": "Nairobi Wire",
              "url": "https://nairobi.example/talks", "id": "nairobi-talks"},
        headers=AUTH,
    )  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert [x["document_id"] for x in body["stored"]] == ["nairobi-talks"] and not body["rejected"]
    rec = check_record(writer.get("/api/documents/nairobi-talks").json())
    assert rec["text"] == ARTICLE and rec["document"]["published"] == "2024-05-13"
    assert rec["document"]["source"] == "Nairobi Wire" and rec["events"]
    assert store.count_fused_events() > fused_before  # events fused as `newswire ingest` does
    health = writer.get("/api/health").json()
    assert health["documents"] == 5 and health["writes"] is True and health["fetch"] is False

    # A JSONL batch: an exact duplicate (recorded as a source), a near duplicate, a bad line, no text.
    near = ARTICLE.replace("Monday", "Tuesday")
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://copy.example/a", "source": "Copy Desk"}),
        json.dumps({"text": near, "url": "https://copy.example/b"}),
        "{not json",
        json.dumps({"title": "nothing"}),
        json.dumps(["not", "an", "object"]),
    ]
    r = writer.post("/api/documents", content="\n".join(lines).encode(),
                    headers={**AUTH, "content-type": "application/x-ndjson"})  # fmt: skip
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [x["status"] for x in items] == ["exact", "near", "rejected", "rejected", "rejected"]
    assert items[0]["document_id"] == items[1]["document_id"] == "nairobi-talks"
    assert "malformed JSON" in items[2]["reason"] and items[2]["origin"] == "line 3"
    assert "no text" in items[3]["reason"] and "JSON object" in items[4]["reason"]
    sources = store.document_sources("nairobi-talks")
    assert {s["kind"] for s in sources} == {"original", "exact", "near"}
    assert writer.get("/api/health").json()["documents"] == 5

    # Metadata checks.
    bad = writer.post("/api/documents", json=[{"text": ARTICLE + " x", "title": "t" * 5000},
                                              {"text": "Some text.", "source": "a\x00b"}], headers=AUTH)  # fmt: skip
    reasons = [x["reason"] for x in bad.json()["rejected"]]
    assert "over the limit" in reasons[0] and "NUL" in reasons[1]


def test_write_limits(writer: TestClient) -> None:
    too_many = [{"text": f"Article number {i}."} for i in range(51)]
    r = writer.post("/api/documents", json=too_many, headers=AUTH)
    assert r.status_code == 413 and "at most 50" in r.json()["detail"]
    big = writer.post("/api/documents", json={"text": "word " * 500_000}, headers=AUTH)
    assert big.status_code == 413 and "too large" in big.json()["detail"]
    chunked = writer.post("/api/documents", content=iter([b'{"text": "', b"y" * 2_100_000, b'"}']),
                          headers={**AUTH, "content-type": "application/json"})  # fmt: skip
    assert chunked.status_code == 413
    assert writer.post("/api/documents", content=b"", headers=AUTH).status_code == 400
    assert writer.post("/api/documents", content=b"\xff\xfe{", headers=AUTH).status_code == 400
    assert writer.post("/api/documents", content=b"[]", headers=AUTH).status_code == 400
    # Every other POST has the analysis body limit.
    assert writer.post("/api/analyze", content=b"x" * 300_000).status_code == 413
    assert writer.post("/try", content=b"x" * 300_000).status_code == 413
    assert writer.get("/api/health").json()["documents"] == 4


def test_pathological_text_is_refused_before_analysis(writer: TestClient) -> None:
    # spaCy's tokenizer is quadratic on long runs of affix punctuation: such texts never reach it.
    for junk in ("[" * 20_000, "\u2026" * 5_000, ("a:" * 3_000)):
        r = writer.post("/api/analyze", json={"text": f"Officials met in Cairo. {junk}"})
        assert r.status_code == 422 and "not article text" in r.json()["detail"]
    assert writer.post("/try", data={"text": "(" * 50_000}).status_code == 422
    body = writer.post("/api/documents", json=[{"text": "]" * 10_000}, {"text": ARTICLE + " " + "\u2014" * 400}],
                       headers=AUTH).json()  # fmt: skip
    assert [x["status"] for x in body["items"]] == ["rejected", "rejected"]
    assert all("not article text" in x["reason"] for x in body["rejected"])
    ok = writer.post("/api/documents", json={"text": ARTICLE + " -- see https://example.org/a/b?c=d&e=f#g ..."},
                     headers=AUTH)  # fmt: skip
    assert ok.json()["stored"]


def test_url_ingestion_needs_allow_fetch(writer: TestClient) -> None:
    r = writer.post("/api/documents", json={"url": "https://example.org/news"}, headers=AUTH)
    assert r.status_code == 403 and "--allow-fetch" in r.json()["detail"]
    # A url next to a text is metadata, not a fetch.
    ok = writer.post("/api/documents", json={"text": ARTICLE, "url": "https://example.org/news"}, headers=AUTH)
    assert ok.status_code == 200 and ok.json()["stored"]


def test_token_loading(tmp_path: Path) -> None:
    f = tmp_path / "token"
    f.write_text(TOKEN + "\n")
    f.chmod(0o600)
    assert load_token(f) == (TOKEN, [])
    f.chmod(0o644)
    token, warnings = load_token(f)
    assert token == TOKEN and "chmod 600" in warnings[0]
    assert load_token(None, {"NEWSWIRE_WRITE_TOKEN": TOKEN}) == (TOKEN, [])
    assert load_token(None, {}) == (None, [])
    for bad in ("short", "", "has a space in the middle of it"):
        f.write_text(bad)
        with pytest.raises(TokenError):
            load_token(f)
    with pytest.raises(TokenError, match="cannot read"):
        load_token(tmp_path / "missing")


def test_serve_refuses_a_short_token(sqlite_db: Database, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newswire.cli import main

    f = tmp_path / "token"
    f.write_text("abc\n")
    # through the group, as users run it (click caches a command's help option on first use)
    result = CliRunner().invoke(main, ["serve", "--db", sqlite_db.url, "--write-token-file", str(f)])
    assert result.exit_code == 2 and "at least 16" in result.output


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newswire.cli", "serve", "--db", db, "--port", str(port), "--log-level", "warning",
         *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, **(env or {})},
    )  # fmt: skip
    return proc, f"http://127.0.0.1:{port}"


def _wait_up(proc: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2):
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"newswire serve did not start: {err}")
            time.sleep(0.3)


def _stop(proc: subprocess.Popen[bytes]) -> str:
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate(timeout=10)
    return err.decode()


def test_serve_on_all_interfaces_warns_and_checks_host(sqlite_db: Database) -> None:
    proc, base = _serve(sqlite_db.url, "--host", "0.0.0.0", env={"NEWSWIRE_WRITE_TOKEN": TOKEN})
    try:
        _wait_up(proc, base)
        with urllib.request.urlopen(base + "/api/health", timeout=5) as r:
            assert json.loads(r.read())["writes"] is True
            assert r.headers.get("server") is None  # no server banner
    finally:
        err = _stop(proc)
    assert "warning: listening on 0.0.0.0" in err and "TLS" in err and TOKEN not in err

    proc, base = _serve(sqlite_db.url)  # loopback: only loopback Host headers (DNS rebinding)
    try:
        _wait_up(proc, base)
        req = urllib.request.Request(base + "/api/health", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(req, timeout=5)
        assert info.value.code == 400
        with urllib.request.urlopen(base.replace("127.0.0.1", "localhost") + "/api/health", timeout=5) as r:
            assert json.loads(r.read())["writes"] is False
    finally:
        err = _stop(proc)
    assert "warning" not in err


# -- headers, CORS, errors ----------------------------------------------------------------------


def test_security_headers_everywhere(client: TestClient) -> None:
    for path in ("/events", "/api/events", "/api/documents/drills-2021/html", "/docs", "/nope", "/static/style.css"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["referrer-policy"] == "no-referrer", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert r.headers["x-frame-options"] == "DENY", path
    page_csp = client.get("/events").headers["content-security-policy"]
    assert "script-src 'self';" in page_csp and "unsafe-inline" not in page_csp and "unsafe-eval" not in page_csp
    assert "default-src 'none'" in client.get("/api/events").headers["content-security-policy"]
    docs = client.get("/docs")
    if "swagger-ui-bundle" in docs.text:
        assert "'sha256-" in docs.headers["content-security-policy"]


def test_no_cors(client: TestClient) -> None:
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options("/api/documents", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})  # fmt: skip
    assert "access-control-allow-origin" not in pre.headers and pre.status_code in (403, 405)


def test_errors_never_show_tracebacks(sqlite_db: Database, tmp_path: Path) -> None:
    db = _copy(sqlite_db, tmp_path)
    app = create_app(db)
    with TestClient(app, raise_server_exceptions=False) as c:
        con = sqlite3.connect(db)
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("DROP TABLE quotes")  # the database breaks under the running app
        con.commit()
        con.close()
        r = c.get("/api/quotes")
        assert r.status_code == 500 and r.json() == {"detail": "internal server error"}
        assert "Traceback" not in r.text and "quotes" not in r.text
        assert c.get("/api/events").status_code == 200


# -- XSS: page source ---------------------------------------------------------------------------


class _Audit(HTMLParser):
    """Collect what could run in a page: script elements, event-handler attributes, URLs."""

    URL_ATTRS: ClassVar[set[str]] = {"href", "src", "action", "formaction", "xlink:href", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("img", "svg", "iframe", "object", "embed", "frame", "base", "meta") and tag != "meta":
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.problems.append("meta http-equiv")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in self.URL_ATTRS and value is not None:
                squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if squashed.startswith(("javascript:", "data:text/html", "vbscript:")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src is None and dict(attrs).get("type") != "application/json":
                self.problems.append("inline <script>")
            elif src is not None and not src.startswith(("/static/", "/assets/")):
                self.problems.append(f"script from {src!r}")
            self.in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            if data.strip():
                try:
                    json.loads(data)  # a JSON data island must stay valid JSON
                except ValueError:
                    self.problems.append(f"script content {data[:60]!r}")
        else:
            self.text.append(data)


def audit(html: str) -> tuple[list[str], str]:
    """(problems, visible text) of a page's source."""
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems, "".join(parser.text)


@pytest.fixture(scope="module")
def hostile_client(sqlite_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A writable app over a copy of the database, with a hostile article also posted through the API
    (the real pipeline and the real store)."""
    db = tmp_path_factory.mktemp("xss") / "xss.db"
    shutil.copy(sqlite_db.url, db)
    with TestClient(create_app(str(db), write_token=TOKEN)) as c:
        r = c.post("/api/documents", headers=AUTH, json=POSTED)
        assert r.status_code == 200 and r.json()["stored"], r.text
        yield c


POSTED = {
    "id": "posted-hostile",
    "title": f"{SVG}Talks{SCRIPT}",
    "source": IMG,
    "url": JS_URL,
    "published": "2024-02-01",
    "text": (
        f"Egypt's foreign minister met his Jordanian counterpart in Cairo on Sunday {SCRIPT}, and both "
        f"called for an immediate ceasefire {IMG}, the ministry said. {SVG} {CLOSE}"
    ),
}

PAGES = ["/documents", f"/documents/{DOC_HOSTILE}", "/documents/posted-hostile", "/events", "/actors", "/quotes",
         "/timeline", "/map", "/network", f"/events?actor={urllib.parse.quote(SCRIPT)}",
         f"/actors?q={urllib.parse.quote(SVG)}", f"/documents?q={urllib.parse.quote(SCRIPT)}&source=%3Cb%3E",
         f"/timeline?a={urllib.parse.quote(SVG)}&b={urllib.parse.quote(SCRIPT)}",
         f"/api/documents/{DOC_HOSTILE}/html", "/api/documents/posted-hostile/html"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_page_source_has_no_live_markup(hostile_client: TestClient, path: str) -> None:
    r = hostile_client.get(path)
    assert r.status_code == 200
    problems, _ = audit(r.text)
    assert problems == [], path
    for bad in HOSTILE:
        assert bad not in r.text, (path, bad)


def test_hostile_text_is_shown_as_text(hostile_client: TestClient) -> None:
    _, article = audit(hostile_client.get(f"/documents/{DOC_HOSTILE}").text)
    for s in (SCRIPT, IMG, SVG, CLOSE, ACTOR_NAME, SPEAKER, JS_URL):
        assert s in article, s
    assert f'href="{JS_URL}"' not in hostile_client.get(f"/documents/{DOC_HOSTILE}").text
    _, posted = audit(hostile_client.get("/documents/posted-hostile").text)
    assert POSTED["text"] in posted and POSTED["title"] in posted and IMG in posted
    _, events = audit(hostile_client.get("/events").text)
    assert ACTOR_NAME in events and SPEAKER in events
    _, quotes = audit(hostile_client.get("/quotes").text)
    assert CLOSE in quotes
    _, actors = audit(hostile_client.get("/actors").text)
    assert ACTOR_NAME in actors
    # JSON the charts draw from carries the text verbatim (the scripts insert it as text).
    network = hostile_client.get("/api/network").json()
    assert ACTOR_NAME in {n["name"] for n in network["nodes"]}


def test_try_result_and_analyze_html_are_escaped(hostile_client: TestClient) -> None:
    r = hostile_client.post("/try", data={"text": POSTED["text"], "title": POSTED["title"], "published": "2024-02-01"})
    assert r.status_code == 200
    problems, shown = audit(r.text)
    assert problems == [] and POSTED["text"] in shown and POSTED["title"] in shown
    r = hostile_client.post("/api/analyze", params={"format": "html"}, json={"text": POSTED["text"], "title": SVG})
    assert r.status_code == 200 and audit(r.text)[0] == []
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_chart_scripts_insert_text_only() -> None:
    for name in ("charts.js", "article.js"):
        src = (ROOT / "src" / "newswire" / "web" / "static" / name).read_text(encoding="utf-8")
        for sink in (".html(", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function"):  # fmt: skip
            assert sink not in src, f"{name} uses {sink}"


# -- the URL-fetch guard (SSRF) -----------------------------------------------------------------

HOSTILE_URLS = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8000/api/health",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://foo.localhost/",
    "http://printer.local/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://[fe80::1%25eth0]/",
    "http://[fc00::1]/",
    "http://[ff02::1]/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://192.0.2.1/",
    "http://198.18.0.1/",
    "http://public.example@127.0.0.1/",
    "http://user:pass@news.example/",
    "file:///etc/passwd",
    "ftp://news.example/x",
    "gopher://127.0.0.1:25/",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "//news.example/",
    "http:///nohost",
    "http://news.example:99999/",
    "http://news.example:0/",
    # names that resolve to forbidden addresses (see RESOLVE)
    "http://internal.example/",
    "http://rebind.example/",
    "http://metadata.example/",
]
#: A fake DNS for the table: name -> addresses (one name also resolves to a public address).
RESOLVE = {
    "internal.example": ["10.1.2.3"],
    "rebind.example": ["93.184.216.34", "127.0.0.1"],
    "metadata.example": ["fd00:ec2::254"],
    "news.example": ["93.184.216.34"],
}


def fake_resolver(host: str, port: int) -> list[Any]:
    return [ipaddress.ip_address(a) for a in RESOLVE.get(host, [])]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_guard_refuses_hostile_urls(url: str) -> None:
    guard = SafeFetcher(resolver=fake_resolver)
    with pytest.raises(Rejected) as info:
        guard.check_url(url)
    assert info.value.reason


def test_guard_allows_public_addresses() -> None:
    guard = SafeFetcher(resolver=fake_resolver)
    assert guard.check_url("https://news.example/story?id=1") == ("news.example", 443, ipaddress.ip_address("93.184.216.34"))
    assert guard.check_url("http://8.8.8.8:8080/")[1:] == (8080, ipaddress.ip_address("8.8.8.8"))
    assert guard.check_url("http://[2001:4860:4860::8888]/")[2] == ipaddress.ip_address("2001:4860:4860::8888")
    for ip in ("127.0.0.1", "::1", "::ffff:192.168.0.1", "64:ff9b::a00:1", "fe80::1", "10.0.0.1"):
        assert public_address_policy(ipaddress.ip_address(ip)) is not None, ip


PAGE_TEXT = PARAS  # the article test_feeds serves: real-looking page text
PAGE = (
    "<!doctype html><html><head><title>Chile raises the minimum wage</title></head><body>"
    "<article><h1>Chile raises the minimum wage</h1>" + "".join(f"<p>{p}</p>" for p in PAGE_TEXT)
    + "</article></body></html>"
)  # fmt: skip


class _Handler(http.server.BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Handler.hosts.append(self.headers.get("Host", ""))
        if self.path == "/article":
            body, ctype = PAGE.encode(), "text/html; charset=utf-8"
        elif self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", urllib.parse.unquote(self.path.split("=", 1)[1]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif self.path == "/big":
            body, ctype = b"x" * 300_000, "text/plain"
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        else:
            body, ctype = b"missing", "text/plain"
            self.send_response(404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def only_local_server(ip: Any) -> str | None:
    """A test policy: exactly 127.0.0.1 (the local server), the default policy for everything else."""
    return None if str(ip) == "127.0.0.1" else public_address_policy(ip)


def test_guard_refuses_a_real_local_server(local_server: str) -> None:
    assert b"minimum wage" in fetch_url(local_server + "/article").data  # the CLI fetcher: anything asked
    with pytest.raises(Rejected, match="loopback"):
        SafeFetcher()(local_server + "/article")
    port = local_server.rsplit(":", 1)[1]
    with pytest.raises(Rejected, match="local host name"):
        SafeFetcher()(f"http://localhost:{port}/article")


def test_guard_fetches_an_allowed_address_and_checks_every_hop(local_server: str) -> None:
    port = int(local_server.rsplit(":", 1)[1])
    calls: list[str] = []

    def resolver(host: str, p: int) -> list[Any]:
        calls.append(host)
        return [ipaddress.ip_address("127.0.0.1")] if host == "news.test" else fake_resolver(host, p)

    guard = SafeFetcher(policy=only_local_server, resolver=resolver, max_bytes=100_000, timeout=2, total_timeout=2)
    _Handler.hosts.clear()
    got = guard(f"http://news.test:{port}/article")
    assert b"minimum wage" in got.data and got.content_type.startswith("text/html")
    # Resolved once, connected to the checked address, with the name in the Host header.
    assert calls == ["news.test"] and _Handler.hosts == [f"news.test:{port}"]
    ok = guard(f"{local_server}/redirect?to=" + urllib.parse.quote(f"http://news.test:{port}/article"))
    assert ok.url == f"http://news.test:{port}/article"
    for target in (f"http://127.0.0.2:{port}/article", f"http://localhost:{port}/article", "http://10.0.0.7/",
                   f"http://internal.example:{port}/", "file:///etc/passwd", "http://[::1]/"):  # fmt: skip
        with pytest.raises(Rejected):
            guard(f"{local_server}/redirect?to=" + urllib.parse.quote(target))
    loop = f"{local_server}/redirect?to=" + urllib.parse.quote(f"{local_server}/redirect?to=/redirect")
    with pytest.raises(Rejected, match="redirect"):
        SafeFetcher(policy=only_local_server, max_redirects=1)(loop)
    with pytest.raises(Rejected, match="over the limit"):
        guard(f"{local_server}/big")
    with pytest.raises(Rejected, match="took longer|timed out"):
        guard(f"{local_server}/slow")
    with pytest.raises(Rejected, match="404"):
        guard(f"{local_server}/missing")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command for a test certificate")
def test_guard_https_checks_the_certificate_of_the_name(tmp_path: Path) -> None:
    import ssl

    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem"), "-days", "2", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    httpd.socket = server_ctx.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]

    def to_local(host: str, p: int) -> list[Any]:
        return [ipaddress.ip_address("127.0.0.1")]

    trust = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
    try:
        _Handler.hosts.clear()
        got = SafeFetcher(policy=only_local_server, resolver=to_local, ssl_context=trust)(f"https://news.test:{port}/article")
        assert b"minimum wage" in got.data and _Handler.hosts == [f"news.test:{port}"]  # SNI and Host keep the name
        with pytest.raises(Rejected, match="TLS"):  # the certificate is checked against the name
            SafeFetcher(policy=only_local_server, resolver=to_local, ssl_context=trust)(f"https://other.test:{port}/article")
        with pytest.raises(Rejected, match="loopback"):  # and the default policy still refuses the address
            SafeFetcher(resolver=to_local, ssl_context=trust)(f"https://news.test:{port}/article")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_ingestion_through_the_api(sqlite_db: Database, tmp_path: Path, local_server: str) -> None:
    db = _copy(sqlite_db, tmp_path)
    # Default guard: the local server is refused, nothing is stored.
    with TestClient(create_app(db, write_token=TOKEN, allow_fetch=True)) as c:
        r = c.post("/api/documents", json={"url": local_server + "/article"}, headers=AUTH)
        assert r.status_code == 200
        assert [x["status"] for x in r.json()["items"]] == ["rejected"]
        assert "forbidden address" in r.json()["rejected"][0]["reason"]
        assert c.get("/api/health").json() == {**c.get("/api/health").json(), "documents": 4, "fetch": True}
    # A guard whose policy allows the local server explicitly: fetched, analysed, stored.
    guard = SafeFetcher(policy=only_local_server, timeout=5)
    with TestClient(create_app(db, write_token=TOKEN, allow_fetch=True, fetcher=guard)) as c:
        r = c.post("/api/documents", json={"url": local_server + "/article", "published": "2024-03-04"}, headers=AUTH)
        assert r.status_code == 200, r.text
        stored = r.json()["stored"]
        assert len(stored) == 1 and stored[0]["origin"] == local_server + "/article"
        rec = c.get(f"/api/documents/{stored[0]['document_id']}").json()
        assert "minimum wage" in rec["text"] and rec["document"]["published"] == "2024-03-04"


# -- XSS in a real browser ----------------------------------------------------------------------

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
CHROMEDRIVER = shutil.which("chromedriver")
no_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None, reason="headless Chromium and chromedriver are not installed"
)


@pytest.fixture(scope="module")
def hostile_server(sqlite_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live `newswire serve` with a write token over the hostile database; the hostile article is
    posted to it over HTTP (analysed by the server's pipeline)."""
    folder = tmp_path_factory.mktemp("xss-live")
    db = folder / "live.db"
    shutil.copy(sqlite_db.url, db)
    token_file = folder / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    proc, base = _serve(str(db), "--write-token-file", str(token_file))
    try:
        _wait_up(proc, base)
        req = urllib.request.Request(base + "/api/documents", data=json.dumps(POSTED).encode(), method="POST",
                                     headers={**AUTH, "Content-Type": "application/json"})  # fmt: skip
        with urllib.request.urlopen(req, timeout=120) as r:
            assert json.loads(r.read())["stored"]
        yield base
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"):  # fmt: skip
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-xss')}")
    opts.add_argument("--window-size=1280,1000")
    opts.binary_location = CHROMIUM or ""
    opts.set_capability("unhandledPromptBehavior", "ignore")  # an alert stays open for us to find
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=opts)
    try:
        drv.set_page_load_timeout(30)
        yield drv
    finally:
        drv.quit()


_INJECTED = """
return {
  inlineScripts: document.querySelectorAll('script:not([src])').length,
  imgs: document.querySelectorAll('img').length,
  handlers: Array.from(document.querySelectorAll('*')).filter(
      e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on'))).length,
  jsLinks: Array.from(document.querySelectorAll('[href],[src],[action]')).filter(
      e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')).length,
  straySvg: Array.from(document.querySelectorAll('svg')).filter(s => !s.closest('.chart')).length,
  text: document.body.innerText,
};
"""


def _assert_no_xss(drv: Any, url: str, ready: str = "main") -> dict[str, Any]:
    from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        drv.get(url)
        WebDriverWait(drv, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, ready)))
        time.sleep(0.3)
    except UnexpectedAlertPresentException:
        pytest.fail(f"an alert fired on {url}")
    with pytest.raises(NoAlertPresentException):
        drv.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    found = drv.execute_script(_INJECTED)
    assert {k: v for k, v in found.items() if k != "text"} == {
        "inlineScripts": 0, "imgs": 0, "handlers": 0, "jsLinks": 0, "straySvg": 0
    }, url
    csp = [e["message"] for e in drv.get_log("browser") if "Content Security Policy" in e["message"]]
    assert csp == [], f"{url}: something tried to run: {csp}"
    return dict(found)


@pytest.mark.parametrize(
    ("path", "ready", "shown"),
    [
        (f"/documents/{DOC_HOSTILE}", "#nw-text", [SCRIPT, IMG, SVG, CLOSE, ACTOR_NAME, JS_URL]),
        ("/documents/posted-hostile", "#nw-text", [POSTED["text"], POSTED["title"], IMG]),
        ("/documents", "#documents-table", [POSTED["title"], f"{SCRIPT} Minsk {SVG}"]),
        ("/events", "#events-table", [ACTOR_NAME, SPEAKER]),
        ("/actors", "#actors-table", [ACTOR_NAME, SPEAKER]),
        ("/quotes", "#quotes-table", [CLOSE, SPEAKER]),
        ("/network", "#network-svg g.node", []),
        ("/map", "#map-svg path.country", []),
        ("/timeline", "#timeline-svg rect", []),
        (f"/events?actor={urllib.parse.quote(SVG)}", "#events-table", []),
        (f"/timeline?a={urllib.parse.quote(SVG)}&b={urllib.parse.quote(SCRIPT)}", "#balance-form", []),
    ],
)
@pytest.mark.browser
@pytest.mark.slow
@no_browser
def test_browser_runs_no_injected_script(browser: Any, hostile_server: str, path: str, ready: str, shown: list[str]) -> None:
    found = _assert_no_xss(browser, hostile_server + path, ready)
    for s in shown:
        assert s in found["text"], (path, s)
    if path == "/network":  # actor names are drawn as SVG text, verbatim
        labels = browser.execute_script("return document.getElementById('network-svg').textContent")
        assert ACTOR_NAME in labels
    if path.startswith("/timeline?"):
        assert browser.find_element("id", "balance-a").get_attribute("value") == SVG


@pytest.mark.browser
@pytest.mark.slow
@no_browser
def test_browser_try_page_runs_no_injected_script(browser: Any, hostile_server: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    _assert_no_xss(browser, hostile_server + "/try", "#try-text")
    browser.execute_script("document.getElementById('try-text').value = arguments[0]", POSTED["text"])
    browser.find_element(By.NAME, "title").send_keys(POSTED["title"])
    browser.find_element(By.ID, "try-submit").click()
    WebDriverWait(browser, 90).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#nw-text")))
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open
    assert browser.execute_script("return document.getElementById('nw-text').textContent") == POSTED["text"]
    found = browser.execute_script(_INJECTED)
    assert POSTED["title"] in found["text"]
    assert {k: v for k, v in found.items() if k != "text"} == {
        "inlineScripts": 0, "imgs": 0, "handlers": 0, "jsLinks": 0, "straySvg": 0
    }
