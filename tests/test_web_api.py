"""API tests for newswire.web on real databases (SQLite; PostgreSQL when NEWSWIRE_TEST_PG_URL is set).

The database is filled through the Store API with records built by hand below, so every count
and value asserted here follows from data this file controls. One test runs the real pipeline
(POST /api/analyze) and asserts on structure only.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, make_url, text

from conftest import NO_PG, pg_url
from newswire.article import text_hash
from newswire.record import Record
from newswire.store import Store
from newswire.web import create_app, render
from newswire.web.scores import event_score

ROOT = Path(__file__).resolve().parents[1]

DOC_DRILLS = "drills-2021"
DOC_KYIV = "kyiv-2022"
DOC_XSS = "xss-doc"

XSS_TITLE = '<script>alert("title")</script> & friends'
XSS_NAME = '<img src=x onerror="alert(1)">'


def _at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def _span(text: str, sub: str, nth: int = 0) -> dict[str, Any]:
    s, e = _at(text, sub, nth)
    return {"start": s, "end": e, "text": text[s:e]}


def _sentence(text: str, sub: str) -> dict[str, Any]:
    s, e = _at(text, sub)
    start = text.rfind(". ", 0, s)
    start = 0 if start < 0 else start + 2
    end = text.find(".", e)
    end = len(text) if end < 0 else end + 1
    return {"start": start, "end": end, "text": text[start:end]}


def _event(text: str, eid: str, type_: str, quad: int, trigger: str, *, source: str | None, target: str | None,
           modality: str = "asserted", mode: str | None = None, when: dict[str, Any] | None = None,
           where: dict[str, Any] | None = None, magnitude: dict[str, Any] | None = None,
           attributed_to: str | None = None, rule: str = "test:rule", context: list[str] | None = None,
           cameo: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {
        "id": eid, "type": type_, "mode": mode, "context": context or [], "quad": quad, "cameo": cameo,
        "source": source, "target": target, "when": when, "where": where, "magnitude": magnitude,
        "modality": modality, "attributed_to": attributed_to, "trigger": _span(text, trigger),
        "evidence": _sentence(text, trigger), "rule": rule, "confidence": 0.8,
    }  # fmt: skip


def drills_record() -> Record:
    """Russia (military) announces drills with Uzbekistan near Termez; Russia's envoy met the Taliban."""
    text = (
        "Russian defence officials said on Tuesday that the army will hold joint military drills with "
        "Uzbekistan near Termez from August 5 to August 10 with about 1,500 troops. "
        "Earlier, the Russian envoy met a Taliban delegation in Moscow. "
        '"We expect calm on the border," the envoy told reporters.'
    )
    actors = [
        {"id": "a1", "name": "Russia", "kind": "state", "country": "RUS", "sector": "MIL", "title": None,
         "kb_id": None, "mentions": [list(_at(text, "Russian defence officials"))]},
        {"id": "a2", "name": "Uzbekistan", "kind": "state", "country": "UZB", "sector": None, "title": None,
         "kb_id": None, "mentions": [list(_at(text, "Uzbekistan"))]},
        {"id": "a3", "name": "Zamir Kabulov", "kind": "person", "country": "RUS", "sector": "GOV",
         "title": "Special Envoy", "kb_id": "Q4066530", "mentions": [list(_at(text, "the Russian envoy")), list(_at(text, "the envoy"))]},
        {"id": "a4", "name": "Taliban", "kind": "group", "country": "AFG", "sector": "REB", "title": None,
         "kb_id": None, "mentions": [list(_at(text, "Taliban"))]},
    ]  # fmt: skip
    events = [
        _event(text, "e1", "MOBILIZE", 4, "hold joint military drills", source="a1", target="a2",
               modality="future", mode="troops", cameo="154", context=["military"], attributed_to="a1",
               when={"text": "from August 5 to August 10", "start": "2021-08-05", "end": "2021-08-10",
                     "precision": "day", "anchor": "explicit"},
               where={"text": "Termez", "name": "Termez", "geonameid": 1538229, "lat": 37.22417,
                      "lon": 67.27833, "country": "UZB", "admin1": "Surxondaryo"},
               magnitude={"value": 1500, "unit": "troops", "qualifier": "approx", "text": "about 1,500 troops"}),
        _event(text, "e2", "CONSULT", 1, "met", source="a3", target="a4", mode="host",
               when={"text": None, "start": "2021-07-20", "end": "2021-07-20", "precision": "day",
                     "anchor": "publication"},
               where={"text": "Moscow", "name": "Moscow", "geonameid": 524901, "lat": 55.75222, "lon": 37.61556,
                      "country": "RUS", "admin1": "Moscow"}),
    ]  # fmt: skip
    qs, qe = _at(text, "We expect calm on the border,")
    quotes = [{"id": "q1", "kind": "direct", "text": text[qs:qe], "start": qs, "end": qe, "speaker": "a3",
               "cue": _span(text, "told")}]  # fmt: skip
    ts, te = _at(text, "Tuesday")
    times = [{"text": "Tuesday", "start": ts, "end": te, "type": "DATE", "value": "2021-07-20",
              "interval": {"start": "2021-07-20", "end": "2021-07-20"}, "precision": "day", "note": None}]  # fmt: skip
    ps, pe = _at(text, "Termez")
    ms, me = _at(text, "Moscow")
    places = [
        {"text": "Termez", "start": ps, "end": pe, "name": "Termez", "geonameid": 1538229, "lat": 37.22417,
         "lon": 67.27833, "country": "UZB", "feature_code": "PPLA", "admin1": "Surxondaryo"},
        {"text": "Moscow", "start": ms, "end": me, "name": "Moscow", "geonameid": 524901, "lat": 55.75222,
         "lon": 37.61556, "country": "RUS", "feature_code": "PPLC", "admin1": "Moscow"},
    ]  # fmt: skip
    return Record.from_json(
        {
            "schema": "newswire.record/1",
            "document": {
                "id": DOC_DRILLS,
                "title": "Russia to hold drills with Uzbekistan",
                "published": "2021-07-20",
                "url": "https://example.org/drills",
                "source": "Example Wire",
                "language": "en",
            },
            "text": text,
            "actors": actors,
            "events": events,
            "quotes": quotes,
            "times": times,
            "places": places,
        }
    )


def kyiv_record() -> Record:
    """Russian forces shelled Kyiv; Ukraine accused Russia; Ukraine praised Turkey's mediation."""
    text = (
        "Russian forces shelled the outskirts of Kyiv on Monday, killing at least 12 people. "
        "Ukraine accused Russia of targeting civilians. "
        "Ukraine also praised Turkey for hosting the talks. "
        '"The shelling must stop," Volodymyr Zelenskyy said.'
    )
    actors = [
        {"id": "a1", "name": "Russia", "kind": "state", "country": "RUS", "sector": "MIL", "title": None,
         "kb_id": None, "mentions": [list(_at(text, "Russian forces")), list(_at(text, "Russia", 1))]},
        {"id": "a2", "name": "Ukraine", "kind": "state", "country": "UKR", "sector": "GOV", "title": None,
         "kb_id": None, "mentions": [list(_at(text, "Ukraine")), list(_at(text, "Ukraine", 1))]},
        {"id": "a3", "name": "Turkey", "kind": "state", "country": "TUR", "sector": None, "title": None,
         "kb_id": None, "mentions": [list(_at(text, "Turkey"))]},
        {"id": "a4", "name": "Volodymyr Zelenskyy", "kind": "person", "country": "UKR", "sector": "GOV",
         "title": "President", "kb_id": None, "mentions": [list(_at(text, "Volodymyr Zelenskyy"))]},
    ]  # fmt: skip
    events = [
        _event(text, "e1", "ASSAULT", 4, "shelled", source="a1", target="a2", mode="heavy-weapons", cameo="195",
               when={"text": "Monday", "start": "2022-03-28", "end": "2022-03-28", "precision": "day",
                     "anchor": "explicit"},
               where={"text": "Kyiv", "name": "Kyiv", "geonameid": 703448, "lat": 50.45466, "lon": 30.5238,
                      "country": "UKR", "admin1": "Kyiv City"},
               magnitude={"value": 12, "unit": "dead", "qualifier": "at_least", "text": "at least 12 people"}),
        _event(text, "e2", "ACCUSE", 3, "accused", source="a2", target="a1", mode="allege", cameo="112",
               when={"text": None, "start": "2022-03-29", "end": "2022-03-29", "precision": "day",
                     "anchor": "publication"}),
        _event(text, "e3", "SUPPORT", 1, "praised", source="a2", target="a3", mode="praise", cameo="051",
               when={"text": None, "start": "2022-03-29", "end": "2022-03-29", "precision": "day",
                     "anchor": "publication"}),
    ]  # fmt: skip
    qs, qe = _at(text, "The shelling must stop,")
    quotes = [{"id": "q1", "kind": "direct", "text": text[qs:qe], "start": qs, "end": qe, "speaker": "a4",
               "cue": _span(text, "said")}]  # fmt: skip
    ks, ke = _at(text, "Kyiv")
    places = [{"text": "Kyiv", "start": ks, "end": ke, "name": "Kyiv", "geonameid": 703448, "lat": 50.45466,
               "lon": 30.5238, "country": "UKR", "feature_code": "PPLC", "admin1": "Kyiv City"}]  # fmt: skip
    return Record.from_json(
        {
            "schema": "newswire.record/1",
            "document": {
                "id": DOC_KYIV,
                "title": "Shelling near Kyiv",
                "published": "2022-03-29",
                "url": "https://example.org/kyiv",
                "source": "Other Daily",
                "language": "en",
            },
            "text": text,
            "actors": actors,
            "events": events,
            "quotes": quotes,
            "places": places,
        }
    )


def xss_record() -> Record:
    """Hostile text everywhere: title, body, actor name, quote, rule. Must always come out escaped."""
    text = (
        "Protesters gathered outside parliament chanting <script>alert('body')</script> and "
        f'{XSS_NAME} rejected the plan. "<b>never</b>" they said.'
    )
    actors = [
        {"id": "a1", "name": XSS_NAME, "kind": "group", "country": None, "sector": "CVL", "title": None,
         "kb_id": None, "mentions": [list(_at(text, XSS_NAME))]},
    ]  # fmt: skip
    events = [
        _event(text, "e1", "REJECT", 3, "rejected", source="a1", target=None, rule="<i>rule</i>",
               when={"text": None, "start": "2023-01-10", "end": "2023-01-10", "precision": "day",
                     "anchor": "publication"}),
    ]  # fmt: skip
    qs, qe = _at(text, "<b>never</b>")
    quotes = [
        {
            "id": "q1",
            "kind": "direct",
            "text": text[qs:qe],
            "start": qs,
            "end": qe,
            "speaker": "a1",
            "cue": None,
        }
    ]
    return Record.from_json(
        {
            "schema": "newswire.record/1",
            "document": {
                "id": DOC_XSS,
                "title": XSS_TITLE,
                "published": "2023-01-10",
                "url": None,
                "source": "<em>Evil</em> Press",
                "language": "en",
            },
            "text": text,
            "actors": actors,
            "events": events,
            "quotes": quotes,
        }
    )


def all_records() -> list[Record]:
    """The three hand-built records."""
    return [drills_record(), kyiv_record(), xss_record()]


def fill(db: str) -> str:
    """Store :func:`all_records` in the database ``db`` (path or URL); returns ``db``."""
    with Store.open(db) as store:
        for rec in all_records():
            assert store.add(rec, text_hash=text_hash(rec.text), origin=f"test:{rec.document.id}")
    return db


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill(str(tmp_path_factory.mktemp("web") / "web.db"))


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(pg_url() is None, reason=NO_PG),
        ],
    ),
]


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, sqlite_db: str) -> Iterator[TestClient]:
    """A TestClient over the filled database on each backend."""
    if request.param == "sqlite":
        with TestClient(create_app(sqlite_db)) as c:
            yield c
        return
    base = make_url(pg_url() or "")
    if base.drivername in ("postgres", "postgresql"):
        base = base.set(drivername="postgresql+psycopg")
    schema = f"nwweb_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    try:
        fill(url)
        with TestClient(create_app(url)) as c:
            yield c
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return body["items"]


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['document_id']}:{r['event_id']}" for r in rows]


# -- meta -------------------------------------------------------------------------------------


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok"
    assert (health["documents"], health["events"]) == (3, 6)
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/actors", "/api/quotes",
                 "/api/aggregates/events", "/api/aggregates/balance", "/api/network", "/api/map",
                 "/api/export", "/api/analyze", "/api/scores"):  # fmt: skip
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {
        "actor",
        "country",
        "type",
        "quad",
        "modality",
        "since",
        "until",
        "place",
        "bbox",
        "sort",
        "limit",
        "offset",
    } <= params
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower() and "http://" not in docs.text and "https://" not in docs.text


# -- documents --------------------------------------------------------------------------------


def test_documents_search_and_filters(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["total"] == 3
    assert body["search"] in ("like", "fts5", "postgres")
    assert [d["doc_id"] for d in body["items"]] == [DOC_XSS, DOC_KYIV, DOC_DRILLS]  # newest first
    kyiv = next(d for d in body["items"] if d["doc_id"] == DOC_KYIV)
    assert (kyiv["n_actors"], kyiv["n_events"], kyiv["n_quotes"]) == (4, 3, 1)

    def found(**params: Any) -> list[str]:
        r = client.get("/api/documents", params=params)
        assert r.status_code == 200, r.text
        return [d["doc_id"] for d in r.json()["items"]]

    assert found(q="shelled") == [DOC_KYIV]
    assert found(q="envoy Taliban") == [DOC_DRILLS]
    assert found(q="envoy shelled") == []  # all words must occur
    assert found(q="drills") == [DOC_DRILLS]  # title or text
    assert "shelled" in client.get("/api/documents", params={"q": "shelled"}).json()["items"][0]["snippet"]
    assert found(since="2022-01-01", sort="published") == [DOC_KYIV, DOC_XSS]
    assert found(until="2022-03-29", sort="published") == [DOC_DRILLS, DOC_KYIV]
    assert found(source="example wire") == [DOC_DRILLS]
    assert found(q="%") == found()  # no words: no text condition, and no SQL wildcard leaks in
    assert found(q="'; DROP TABLE documents; --") == []
    assert client.get("/api/health").json()["documents"] == 3
    assert found(limit=1, offset=1, sort="published") == [DOC_KYIV]
    assert client.get("/api/documents", params={"since": "2022-02-30"}).status_code == 400
    assert client.get("/api/documents", params={"sort": "nope"}).status_code == 400


def test_document_record_roundtrip(client: TestClient) -> None:
    r = client.get(f"/api/documents/{DOC_DRILLS}")
    assert r.status_code == 200
    got = Record.from_json(r.json())
    assert got == drills_record()
    assert client.get("/api/documents/no-such-doc").status_code == 404
    html = client.get(f"/api/documents/{DOC_DRILLS}/html")
    assert html.status_code == 200 and "hl-event" in html.text


def test_fts5_search_and_like_fallback(sqlite_db: str, tmp_path: Path) -> None:
    with TestClient(create_app(sqlite_db)) as c:
        body = c.get("/api/documents", params={"q": "Shelled"}).json()
        assert body["search"] == "fts5"  # the store's migrations create documents_fts
        assert [d["doc_id"] for d in body["items"]] == [DOC_KYIV]
        # FTS5 syntax in user input is quoted away, never an error.
        for hostile in ('"shel*', "NEAR(a b)", "title:drills OR", "-x", "AND"):
            assert c.get("/api/documents", params={"q": hostile}).status_code == 200
    db = tmp_path / "nofts.db"
    shutil.copy(sqlite_db, db)
    with sqlite3.connect(db) as con:  # a database without the FTS table: substring search
        for trigger in ("ai", "ad", "au"):
            con.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
        con.execute("DROP TABLE documents_fts")
    with TestClient(create_app(str(db))) as c:
        body = c.get("/api/documents", params={"q": "Shelled"}).json()
        assert body["search"] == "like"
        assert [d["doc_id"] for d in body["items"]] == [DOC_KYIV]
        assert [
            d["doc_id"] for d in c.get("/api/documents", params={"q": "envoy shelled"}).json()["items"]
        ] == []


# -- events -----------------------------------------------------------------------------------


def test_events_default_order_and_pagination(client: TestClient) -> None:
    assert ids(events(client)) == [
        f"{DOC_DRILLS}:e2", f"{DOC_DRILLS}:e1", f"{DOC_KYIV}:e1", f"{DOC_KYIV}:e2", f"{DOC_KYIV}:e3", f"{DOC_XSS}:e1",
    ]  # fmt: skip
    page = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 6 and ids(page["items"]) == [f"{DOC_KYIV}:e1", f"{DOC_KYIV}:e2"]
    assert ids(events(client, sort="-date"))[0] == f"{DOC_XSS}:e1"
    assert [r["type"] for r in events(client, sort="type")][:2] == ["ACCUSE", "ASSAULT"]
    assert events(client, sort="-source,date")[0]["source_name"] == "Zamir Kabulov"
    row = next(r for r in events(client) if r["event_id"] == "e1" and r["document_id"] == DOC_DRILLS)
    assert row["source_country"] == "RUS" and row["target_name"] == "Uzbekistan"
    assert row["magnitude_value"] == 1500 and row["context"] == ["military"]
    assert row["score"] == event_score("MOBILIZE", "troops") == -6.5
    assert (row["date_start"], row["date_end"]) == ("2021-08-05", "2021-08-10")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "RUS"}, [f"{DOC_DRILLS}:e2", f"{DOC_DRILLS}:e1", f"{DOC_KYIV}:e1", f"{DOC_KYIV}:e2"]),
        ({"actor": "taliban"}, [f"{DOC_DRILLS}:e2"]),
        ({"source": "UKR"}, [f"{DOC_KYIV}:e2", f"{DOC_KYIV}:e3"]),
        ({"target": "RUS"}, [f"{DOC_KYIV}:e2"]),
        ({"source": "Russia", "target": "Ukraine"}, [f"{DOC_KYIV}:e1"]),
        ({"country": "UZB"}, [f"{DOC_DRILLS}:e1"]),
        ({"country": "tur"}, [f"{DOC_KYIV}:e3"]),
        ({"type": "ASSAULT"}, [f"{DOC_KYIV}:e1"]),
        ({"type": "assault,ACCUSE"}, [f"{DOC_KYIV}:e1", f"{DOC_KYIV}:e2"]),
        ({"quad": "1"}, [f"{DOC_DRILLS}:e2", f"{DOC_KYIV}:e3"]),
        ({"quad": "3,4"}, [f"{DOC_DRILLS}:e1", f"{DOC_KYIV}:e1", f"{DOC_KYIV}:e2", f"{DOC_XSS}:e1"]),
        ({"modality": "future"}, [f"{DOC_DRILLS}:e1"]),
        ({"since": "2021-08-07", "until": "2021-08-08"}, [f"{DOC_DRILLS}:e1"]),  # overlaps Aug 5-10
        ({"since": "2022-03-29"}, [f"{DOC_KYIV}:e2", f"{DOC_KYIV}:e3", f"{DOC_XSS}:e1"]),
        ({"until": "2021-07-31"}, [f"{DOC_DRILLS}:e2"]),
        ({"place": "kyiv"}, [f"{DOC_KYIV}:e1"]),
        ({"place": "Mosc"}, [f"{DOC_DRILLS}:e2"]),
        ({"bbox": "60,30,75,45"}, [f"{DOC_DRILLS}:e1"]),  # Termez
        ({"bbox": "20,40,45,60"}, [f"{DOC_DRILLS}:e2", f"{DOC_KYIV}:e1"]),  # Moscow, Kyiv
        ({"bbox": "170,-10,-170,10"}, []),  # across the antimeridian: nothing there
        ({"document": DOC_KYIV}, [f"{DOC_KYIV}:e1", f"{DOC_KYIV}:e2", f"{DOC_KYIV}:e3"]),
        ({"actor": "RUS", "type": "CONSULT", "country": "RUS"}, [f"{DOC_DRILLS}:e2"]),
        ({"actor": "%"}, []),  # LIKE wildcards in input are literal
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert ids(events(client, **params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"type": "PARTY"},
        {"quad": "5"},
        {"modality": "maybe"},
        {"since": "2021-13-01"},
        {"since": "2022-01-01", "until": "2021-01-01"},
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "0,80,10,70"},
        {"country": "Russia"},
        {"sort": "bogus"},
    ],
)
def test_event_filters_reject_bad_input(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 400
    assert r.json()["detail"]


def test_event_page_limits(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


# -- actors and quotes ------------------------------------------------------------------------


def test_actors_counts_and_partners(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    by_name = {(a["name"], a["country"]): a for a in body["items"]}
    russia = by_name[("Russia", "RUS")]
    assert (
        russia["documents"],
        russia["mentions"],
        russia["as_source"],
        russia["as_target"],
        russia["events"],
    ) == (2, 3, 2, 1, 3)
    assert russia["top_partners"][0] == {"name": "Ukraine", "country": "UKR", "events": 2}
    assert {"name": "Uzbekistan", "country": "UZB", "events": 1} in russia["top_partners"]
    assert [a["name"] for a in body["items"][:2]] == ["Russia", "Ukraine"]  # most events first, then name
    assert body["total"] == 8
    assert [a["name"] for a in client.get("/api/actors", params={"country": "UKR", "sort": "name"}).json()["items"]] == [
        "Ukraine", "Volodymyr Zelenskyy",
    ]  # fmt: skip
    assert [a["name"] for a in client.get("/api/actors", params={"q": "zel"}).json()["items"]] == [
        "Volodymyr Zelenskyy"
    ]
    assert client.get("/api/actors", params={"kind": "person"}).json()["total"] == 2
    detail = client.get("/api/actors/detail", params={"name": "Ukraine", "country": "UKR"}).json()
    assert detail["event_types"] == {"ACCUSE": 1, "ASSAULT": 1, "SUPPORT": 1}
    assert {p["name"] for p in detail["top_partners"]} == {"Russia", "Turkey"}
    assert [d["doc_id"] for d in detail["documents_list"]] == [DOC_KYIV]
    assert client.get("/api/actors/detail", params={"name": "Nobody"}).status_code == 404


def test_quotes_by_speaker(client: TestClient) -> None:
    all_quotes = client.get("/api/quotes").json()
    assert all_quotes["total"] == 3
    z = client.get("/api/quotes", params={"speaker": "Zelenskyy"}).json()["items"]
    assert [q["text"] for q in z] == ["The shelling must stop,"]
    assert z[0]["speaker_title"] == "President" and z[0]["document_id"] == DOC_KYIV
    rus = client.get("/api/quotes", params={"speaker": "RUS"}).json()["items"]
    assert [q["speaker_name"] for q in rus] == ["Zamir Kabulov"]
    assert client.get("/api/quotes", params={"q": "calm border"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"document": DOC_XSS}).json()["total"] == 1
    assert client.get("/api/quotes", params={"kind": "indirect"}).json()["total"] == 0


# -- aggregates -------------------------------------------------------------------------------


def test_event_counts_per_period(client: TestClient) -> None:
    day = client.get("/api/aggregates/events", params={"interval": "day", "by": "type"}).json()["items"]
    assert day == [
        {"period": "2021-07-20", "key": "CONSULT", "count": 1},
        {"period": "2021-08-05", "key": "MOBILIZE", "count": 1},
        {"period": "2022-03-28", "key": "ASSAULT", "count": 1},
        {"period": "2022-03-29", "key": "ACCUSE", "count": 1},
        {"period": "2022-03-29", "key": "SUPPORT", "count": 1},
        {"period": "2023-01-10", "key": "REJECT", "count": 1},
    ]
    week = client.get(
        "/api/aggregates/events", params={"interval": "week", "by": "quad", "document": DOC_KYIV}
    ).json()
    assert week["items"] == [  # 2022-03-28 is a Monday: both days fall in its ISO week
        {"period": "2022-03-28", "key": "1", "count": 1},
        {"period": "2022-03-28", "key": "3", "count": 1},
        {"period": "2022-03-28", "key": "4", "count": 1},
    ]
    month = client.get("/api/aggregates/events", params={"interval": "month", "by": "none"}).json()["items"]
    assert month == [
        {"period": "2021-07-01", "key": "all", "count": 1},
        {"period": "2021-08-01", "key": "all", "count": 1},
        {"period": "2022-03-01", "key": "all", "count": 3},
        {"period": "2023-01-01", "key": "all", "count": 1},
    ]
    assert client.get("/api/aggregates/events", params={"interval": "hour"}).status_code == 400
    assert client.get("/api/aggregates/events", params={"by": "colour"}).status_code == 400


def test_cooperation_conflict_balance(client: TestClient) -> None:
    body = client.get("/api/aggregates/balance", params={"a": "RUS", "b": "UKR", "interval": "month"}).json()
    assert body["items"] == [
        {"period": "2022-03-01", "events": 2, "score": -13.0, "a_to_b": -9.5, "b_to_a": -3.5,
         "cooperation": 0, "conflict": 2, "mean": -6.5},
    ]  # fmt: skip
    assert -9.5 == event_score("ASSAULT", "heavy-weapons") and -3.5 == event_score("ACCUSE", "allege")
    coop = client.get("/api/aggregates/balance", params={"a": "Ukraine", "b": "Turkey"}).json()["items"]
    assert coop[0]["score"] == event_score("SUPPORT", "praise") == 5.0 and coop[0]["cooperation"] == 1
    asserted = client.get(
        "/api/aggregates/balance", params={"a": "RUS", "b": "UZB", "modality": "asserted"}
    ).json()["items"]
    assert asserted == []  # the drills are only announced
    assert client.get("/api/aggregates/balance", params={"a": "RUS"}).status_code == 422
    scores = client.get("/api/scores").json()
    assert scores["types"]["ASSAULT"] == -9.0 and scores["modes"]["CONSULT:visit"] == 4.0


def test_network(client: TestClient) -> None:
    net = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert set(edges) == {
        ("Russia|RUS", "Uzbekistan|UZB"),
        ("Zamir Kabulov|RUS", "Taliban|AFG"),
        ("Russia|RUS", "Ukraine|UKR"),
        ("Ukraine|UKR", "Russia|RUS"),
        ("Ukraine|UKR", "Turkey|TUR"),
    }
    assert edges[("Russia|RUS", "Ukraine|UKR")]["quad"] == 4
    assert edges[("Ukraine|UKR", "Russia|RUS")]["quad"] == 3
    assert edges[("Ukraine|UKR", "Turkey|TUR")]["quads"] == {"1": 1, "2": 0, "3": 0, "4": 0}
    assert len(net["nodes"]) == 6
    small = client.get("/api/network", params={"quad": "1"}).json()
    assert {(e["source"], e["target"]) for e in small["edges"]} == {
        ("Zamir Kabulov|RUS", "Taliban|AFG"), ("Ukraine|UKR", "Turkey|TUR"),
    }  # fmt: skip


def test_map(client: TestClient) -> None:
    data = client.get("/api/map").json()
    assert {(c["country"], c["numeric"], c["count"]) for c in data["countries"]} == {
        ("UZB", "860", 1), ("RUS", "643", 1), ("UKR", "804", 1),
    }  # fmt: skip
    coords = sorted(tuple(f["geometry"]["coordinates"]) for f in data["events"]["features"])
    assert coords == [(30.5238, 50.45466), (37.61556, 55.75222), (67.27833, 37.22417)]
    only = client.get("/api/map", params={"bbox": "60,30,75,45"}).json()
    assert [f["properties"]["where_name"] for f in only["events"]["features"]] == ["Termez"]


# -- exports over the API ---------------------------------------------------------------------


def test_export_endpoint_formats(client: TestClient) -> None:
    r = client.get("/api/export", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 6
    assert rows[0]["document_id"] == DOC_DRILLS and rows[0]["event_id"] == "e2"
    only = list(
        csv.DictReader(
            io.StringIO(client.get("/api/export", params={"format": "csv", "type": "ASSAULT"}).text)
        )
    )
    assert [(x["type"], x["where_name"], x["magnitude_unit"]) for x in only] == [("ASSAULT", "Kyiv", "dead")]

    table = pq.read_table(
        io.BytesIO(client.get("/api/export", params={"format": "parquet", "actor": "RUS"}).content)
    )
    assert table.num_rows == 4 and table.column("quad").to_pylist() == [1, 4, 4, 3]

    geo = client.get("/api/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3

    plover = [json.loads(x) for x in client.get("/api/export", params={"format": "plover"}).text.splitlines()]
    assert len(plover) == 6 and all(p["event"] and "actor" in p and "recipient" in p for p in plover)

    tsv = client.get("/api/export", params={"format": "gdelt", "quad": "4"}).text.splitlines()
    assert len(tsv) == 3 and tsv[0].startswith("GLOBALEVENTID\tSQLDATE")

    records = [
        json.loads(x)
        for x in client.get("/api/export", params={"format": "jsonl", "actor": "UKR"}).text.splitlines()
    ]
    assert [x["document"]["id"] for x in records] == [DOC_KYIV]
    everything = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(everything) == 3

    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 400
    assert client.get("/api/export", params={"format": "csv", "quad": "9"}).status_code == 400


# -- analysis ---------------------------------------------------------------------------------


def test_analyze_returns_a_record_and_stores_nothing(client: TestClient, check_record: Any) -> None:
    text_ = (
        "Kenya's foreign minister met his Ethiopian counterpart in Nairobi on Monday to discuss "
        "border security, the ministry said."
    )
    r = client.post(
        "/api/analyze", json={"text": text_, "published": "2024-05-14", "title": "Talks in Nairobi"}
    )
    assert r.status_code == 200, r.text
    rec = check_record(r.json())
    assert rec["text"] == text_ and rec["document"]["title"] == "Talks in Nairobi"
    assert rec["document"]["published"] == "2024-05-14"
    assert client.get("/api/health").json()["documents"] == 3  # not stored
    html = client.post("/api/analyze", params={"format": "html"}, json={"text": text_})
    assert html.status_code == 200 and "nw-text" in html.text


def test_analyze_limits_and_validation(client: TestClient) -> None:
    too_big = "a" * 250_000
    r = client.post("/api/analyze", json={"text": too_big})
    assert r.status_code == 413
    raw = client.post("/api/analyze", content=b'{"text": "' + b"b" * 300_000 + b'"}',
                      headers={"content-type": "application/json"})  # fmt: skip
    assert raw.status_code == 413
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    assert client.post("/api/analyze", json={"text": "x", "published": "someday"}).status_code == 400
    assert client.post("/api/analyze", json={"nope": 1}).status_code == 422
    assert client.post("/analyze", json={"text": too_big}).status_code == 413  # the short path too
    # Read-only: no write methods anywhere, and the one write endpoint is off without a token.
    assert client.delete(f"/api/documents/{DOC_KYIV}").status_code == 405
    assert client.put(f"/api/documents/{DOC_KYIV}", json={}).status_code == 405
    off = client.post("/api/documents", json={"text": "Police detained two protesters."})
    assert off.status_code == 403 and "write token" in off.json()["detail"]


# -- pages ------------------------------------------------------------------------------------

PAGES = ["/events", "/documents", "/actors", "/quotes", "/timeline", "/map", "/network", "/try"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    # No third-party host anywhere: assets come from this server.
    assert "https://" not in r.text.replace("https://example.org", "")


def test_events_page_filters_and_downloads(client: TestClient) -> None:
    page = client.get("/events", params={"actor": "Taliban"}).text
    assert "1 event(s)" in page and "Zamir Kabulov" in page and "Ukraine" not in page
    assert 'href="/api/export?format=csv&amp;actor=Taliban"' in page
    bad = client.get("/events", params={"since": "tomorrow"})
    assert bad.status_code == 200 and "since must be a date" in bad.text
    assert client.get("/").headers.get("location", "/events") == "/events"


def test_try_page_analyses_posted_text(client: TestClient) -> None:
    text_ = (
        "Ghana's president met Nigerian officials in Accra on Tuesday to discuss trade, "
        "the presidency said. <script>alert('x')</script>"
    )
    r = client.post("/try", data={"text": text_, "published": "2024-03-05", "title": "<b>Accra talks</b>"})
    assert r.status_code == 200
    assert 'id="nw-text"' in r.text and "<script>alert" not in r.text and "<b>Accra" not in r.text
    assert "&lt;script&gt;alert(" in r.text and "&lt;b&gt;Accra talks&lt;/b&gt;" in r.text
    assert client.get("/api/health").json()["documents"] == 3  # nothing stored
    assert client.post("/try", data={"text": ""}).status_code == 400
    assert client.post("/try", data={"text": "x", "published": "never"}).status_code == 400
    assert client.post("/try", data={"text": "x" * 250_000}).status_code == 413


def test_article_page_highlights_and_why(client: TestClient) -> None:
    page = client.get(f"/documents/{DOC_DRILLS}").text
    for cls in ("hl-actor", "hl-event", "hl-quote", "hl-time", "hl-place"):
        assert cls in page
    assert "rule test:rule" in page  # the why, in the tooltip
    assert 'data-event="e1"' in page and 'data-actor="a1"' in page
    assert client.get("/documents/missing").status_code == 404
    assert client.get("/documents/<b>x</b>").text.count("<b>") == 0


def test_untrusted_text_is_escaped_everywhere(client: TestClient) -> None:
    for path in (f"/documents/{DOC_XSS}", "/events", "/documents", "/actors", "/quotes",
                 f"/api/documents/{DOC_XSS}/html", "/events?actor=%3Cscript%3E"):  # fmt: skip
        body = client.get(path).text
        assert "<script>alert" not in body, path
        assert "<img src=x" not in body, path
        assert "<b>never</b>" not in body, path
        assert "<em>Evil</em>" not in body, path
        assert "<i>rule</i>" not in body, path
    page = client.get(f"/documents/{DOC_XSS}").text
    assert "&lt;script&gt;alert(" in page and "&lt;img src=x onerror=" in page


def test_without_npm_assets_pages_still_work(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWIRE_NODE_MODULES", str(tmp_path))  # an empty folder: nothing installed
    with TestClient(create_app(sqlite_db)) as c:
        assert c.get("/api/health").json()["assets"] is False
        missing = c.get("/assets/d3.min.js")
        assert missing.status_code == 404 and "npm ci" in missing.json()["detail"]
        assert c.get("/assets/../../etc/passwd").status_code == 404
        assert "/openapi.json" in c.get("/docs").text
        page = c.get("/map").text
        assert "/assets/d3.min.js" not in page and "charts.js" in page
        assert c.get("/events").status_code == 200


def test_assets_served_from_node_modules(client: TestClient) -> None:
    from newswire.web.assets import assets_available

    if not assets_available():
        pytest.skip("npm assets not installed (npm ci --ignore-scripts)")
    d3 = client.get("/assets/d3.min.js")
    assert d3.status_code == 200 and "javascript" in d3.headers["content-type"]
    world = client.get("/assets/countries-110m.json").json()
    assert world["type"] == "Topology" and "countries" in world["objects"]
    assert client.get("/assets/package.json").status_code == 404  # only the listed files


def test_serve_command_needs_a_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newswire.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "no database" in result.output
    assert not (tmp_path / "missing.db").exists()


def test_render_a_processed_doc(nlp: Any) -> None:
    from newswire.api import make_doc
    from newswire.article import Article

    text_ = "Police arrested dozens of protesters in Tbilisi on Sunday, the interior ministry said."
    doc = nlp(make_doc(nlp, Article(text=text_, published="2024-05-12")))
    html = render(doc)
    assert "nw-text" in html and "Tbilisi" in html


def test_render_for_notebooks() -> None:
    html = render(xss_record())
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html and "<img src=x" not in html
    assert html.startswith('<div class="newswire-render">') and "<style>" in html
    drills = render(drills_record().to_dict())  # a dict works too
    # Every highlight's text is exactly the record's text at that place: the text reads back unchanged.
    import re
    from html import unescape

    body = re.search(r'<div class="nw-text" id="nw-text">(.*?)</div>', drills, re.DOTALL)
    assert body is not None
    assert body.group(1).count('class="hl hl-event"') == 2
    assert unescape(re.sub(r"<[^>]+>", "", body.group(1))) == drills_record().text
    with pytest.raises(TypeError):
        render(42)


@settings(max_examples=150, deadline=None)
@given(
    text_=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=60),
    actor_spans=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=6),
    place_spans=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=4),
)
def test_segments_cover_the_text_exactly(
    text_: str, actor_spans: list[tuple[int, int]], place_spans: list[tuple[int, int]]
) -> None:
    from newswire.web.render import segments

    places = [
        {"text": text_[min(s, e) : max(s, e)], "start": min(s, e), "end": max(s, e)} for s, e in place_spans
    ]
    rec = Record.from_json({
        "document": {"id": "p"}, "text": text_,
        "actors": [{"id": "a1", "name": "X", "kind": "other", "mentions": [[s, e] for s, e in actor_spans]}],
        "places": places,
    })  # fmt: skip
    segs = segments(rec)
    assert "".join(s.text for s in segs) == text_
    for seg in segs:
        assert text_[seg.start : seg.end] == seg.text and seg.end > seg.start
        mid = seg.start
        in_actor = any(min(s, len(text_)) <= mid < min(e, len(text_)) for s, e in actor_spans)
        in_place = any(p["start"] <= mid < min(p["end"], len(text_)) for p in places)
        assert ("actor" in seg.classes) == in_actor
        assert ("place" in seg.classes) == in_place
