"""The store: real SQLite files (and PostgreSQL when a server is configured), no mocks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from conftest import NO_PG, pg_url
from newswire.article import text_hash
from newswire.errors import StoreError
from newswire.record import (
    Actor,
    Document,
    Event,
    Magnitude,
    Place,
    Quote,
    Record,
    TextSpan,
    Time,
    When,
    Where,
)
from newswire.store import Store, database_url
from newswire.store import schema as t

EVENT_KEYS = {
    "document_id",
    "event_id",
    "type",
    "mode",
    "quad",
    "cameo",
    "modality",
    "source_name",
    "source_country",
    "source_sector",
    "target_name",
    "target_country",
    "target_sector",
    "when_start",
    "when_end",
    "precision",
    "where_name",
    "where_country",
    "lat",
    "lon",
    "magnitude_value",
    "magnitude_unit",
    "magnitude_qualifier",
    "attributed_to_name",
    "trigger",
    "evidence",
    "rule",
    "confidence",
    "published",
    "title",
}
DOCUMENT_KEYS = {
    "doc_id",
    "title",
    "published",
    "source",
    "url",
    "origin",
    "n_actors",
    "n_events",
    "n_quotes",
    "ingested_at",
}


# -- building records by hand -------------------------------------------------------------


def _span(text_: str, needle: str, start_at: int = 0) -> TextSpan:
    start = text_.index(needle, start_at)
    return TextSpan(start=start, end=start + len(needle), text=needle)


def _actor(text_: str, aid: str, name: str, kind: str, mention: str, **kw: object) -> Actor:
    s = _span(text_, mention)
    return Actor(id=aid, name=name, kind=kind, mentions=[(s.start, s.end)], **kw)  # type: ignore[arg-type]


def drills_record(doc_id: str = "drills", published: str | None = "2021-07-20") -> Record:
    """Russia and Uzbekistan announce joint drills; an explicit date range and a magnitude."""
    text_ = (
        "Russian defense officials said Tuesday the army will hold joint military drills with "
        "Uzbekistan near the border with Afghanistan with about 1,500 troops from July 30 to August 10. "
        "Uzbek President Shavkat Mirziyoyev welcomed the exercises."
    )
    sent1 = text_[: text_.index(". ") + 1]
    actors = [
        _actor(text_, "a1", "Russian Armed Forces", "organization", "army", country="RUS", sector="MIL"),
        _actor(text_, "a2", "Uzbekistan", "state", "Uzbekistan", country="UZB", sector="GOV"),
        _actor(
            text_,
            "a3",
            "Russian defense officials",
            "group",
            "Russian defense officials",
            country="RUS",
            sector="MIL",
        ),
        _actor(
            text_,
            "a4",
            "Shavkat Mirziyoyev",
            "person",
            "Shavkat Mirziyoyev",
            country="UZB",
            sector="GOV",
            title="President",
        ),
    ]
    events = [
        Event(
            id="e1",
            type="MOBILIZE",
            mode="troops",
            context=["military"],
            quad=4,
            cameo="150",
            source="a1",
            target="a2",
            when=When(
                text="from July 30 to August 10",
                start="2021-07-30",
                end="2021-08-10",
                precision="day",
                anchor="explicit",
            ),
            where=Where(
                text="Afghanistan", name="Afghanistan", geonameid=1149361, lat=33.0, lon=66.0, country="AFG"
            ),
            magnitude=Magnitude(value=1500, unit="troops", qualifier="approx", text="about 1,500 troops"),
            modality="future",
            attributed_to="a3",
            trigger=_span(text_, "drills"),
            evidence=TextSpan(start=0, end=len(sent1), text=sent1),
            rule="mobilize.drills",
            confidence=0.8,
        ),
        Event(
            id="e2",
            type="SUPPORT",
            quad=1,
            source="a4",
            target="a1",
            modality="asserted",
            trigger=_span(text_, "welcomed"),
            evidence=_span(text_, "Uzbek President Shavkat Mirziyoyev welcomed the exercises."),
            rule="support.welcome",
            confidence=0.6,
        ),
    ]
    tue = _span(text_, "Tuesday")
    return Record(
        document=Document(
            id=doc_id,
            title="Russia to hold drills with Uzbekistan",
            published=published,
            url="https://example.invalid/drills",
            source="Example Wire",
            language="en",
        ),
        text=text_,
        actors=actors,
        events=events,
        quotes=[
            Quote(
                id="q1",
                kind="indirect",
                text=text_[text_.index("the army") : len(sent1) - 1],
                start=text_.index("the army"),
                end=len(sent1) - 1,
                speaker="a3",
                cue=_span(text_, "said"),
            ),
        ],
        times=[
            Time(
                text="Tuesday", start=tue.start, end=tue.end, type="DATE", value="2021-07-20", precision="day"
            ),
        ],
        places=[
            Place(
                text="Afghanistan",
                **_offsets(text_, "Afghanistan"),
                name="Afghanistan",
                geonameid=1149361,
                lat=33.0,
                lon=66.0,
                country="AFG",
                feature_code="PCLI",
            ),
        ],
    )


def _offsets(text_: str, needle: str) -> dict[str, int]:
    s = _span(text_, needle)
    return {"start": s.start, "end": s.end}


def protest_record(doc_id: str = "protest", published: str | None = "2022-03-05") -> Record:
    """An undated protest (its date falls back to publication) with a named target."""
    text_ = (
        "Thousands of teachers marched through Nairobi on Friday to protest against the Ministry of "
        "Education over unpaid salaries, police said."
    )
    actors = [
        _actor(text_, "a1", "teachers", "group", "teachers", country="KEN", sector="EDU"),
        _actor(
            text_,
            "a2",
            "Kenyan Ministry of Education",
            "organization",
            "Ministry of Education",
            country="KEN",
            sector="GOV",
        ),
        _actor(text_, "a3", "Kenya Police", "organization", "police", country="KEN", sector="COP"),
    ]
    return Record(
        document=Document(id=doc_id, title="Teachers march in Nairobi", published=published, source="Wire"),
        text=text_,
        actors=actors,
        events=[
            Event(
                id="e1",
                type="PROTEST",
                mode="demonstrate",
                quad=3,
                cameo="141",
                source="a1",
                target="a2",
                magnitude=Magnitude(value=1000, unit="people", qualifier="at_least"),
                modality="asserted",
                attributed_to="a3",
                trigger=_span(text_, "marched"),
                evidence=TextSpan(start=0, end=len(text_), text=text_),
                rule="protest.march",
                confidence=0.9,
            )
        ],
    )


def sanction_record(doc_id: str = "sanction") -> Record:
    """A 50%-style name to check that LIKE wildcards in the actor filter are escaped."""
    text_ = (
        "The European Union imposed sanctions on Belarus in June 2021 after the forced landing of a plane."
    )
    actors = [
        _actor(text_, "a1", "European Union", "igo", "European Union"),
        _actor(text_, "a2", "Belarus", "state", "Belarus", country="BLR", sector="GOV"),
    ]
    return Record(
        document=Document(id=doc_id, published="2021-07-01"),
        text=text_,
        actors=actors,
        events=[
            Event(
                id="e1",
                type="SANCTION",
                quad=4,
                source="a1",
                target="a2",
                when=When(
                    text="June 2021",
                    start="2021-06-01",
                    end="2021-06-30",
                    precision="month",
                    anchor="explicit",
                ),
                modality="asserted",
                trigger=_span(text_, "imposed sanctions"),
                evidence=TextSpan(start=0, end=len(text_), text=text_),
                rule="sanction.impose",
                confidence=0.95,
            )
        ],
    )


def undated_record() -> Record:
    """No publication date and no event date: kept, but outside every since/until window."""
    text_ = "Rebels attacked an army convoy in the north, the military said."
    actors = [
        _actor(text_, "a1", "rebels", "group", "Rebels", sector="REB"),
        _actor(text_, "a2", "army", "organization", "army", sector="MIL"),
    ]
    return Record(
        document=Document(id="undated"),
        text=text_,
        actors=actors,
        events=[
            Event(
                id="e1",
                type="ASSAULT",
                quad=4,
                source="a1",
                target="a2",
                modality="asserted",
                trigger=_span(text_, "attacked"),
                evidence=TextSpan(start=0, end=len(text_), text=text_),
                rule="assault.attack",
                confidence=0.7,
            )
        ],
    )


def add(store: Store, record: Record, origin: str | None = None) -> bool:
    return store.add(record, text_hash=text_hash(record.text), origin=origin)


# -- fixtures ------------------------------------------------------------------------------

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(
                pg_url() is None,
                reason=NO_PG,
            ),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    base = make_url(pg_url() or "")
    if base.drivername in ("postgres", "postgresql"):
        base = base.set(drivername="postgresql+psycopg")
    schema = f"nwtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        yield s


@pytest.fixture()
def filled(store: Store) -> Store:
    for rec in (drills_record(), protest_record(), sanction_record(), undated_record()):
        assert add(store, rec, origin=f"test:{rec.document.id}")
    return store


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


# -- opening -------------------------------------------------------------------------------


def test_open_creates_schema_matching_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def not_search(name: str | None, type_: str, parent: object) -> bool:
        # the full-text search objects of migration 0002 are backend-specific, not in schema.py
        return not (name or "").startswith(("documents_fts", "ix_documents_search"))

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": not_search})
        assert ctx.get_current_revision() == "0003"
        assert compare_metadata(ctx, t.metadata) == []
    assert store.count_documents() == 0
    assert store.events() == []
    assert store.documents() == []


def test_reopen_keeps_data(db_url: str) -> None:
    with Store.open(db_url) as s:
        assert add(s, drills_record())
    with Store.open(db_url) as s:  # migrations already at head: a no-op
        assert s.count_documents() == 1
        assert s.has_document(text_hash(drills_record().text))


def test_sqlite_pragmas_and_path_handling(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "news.db"
    with Store.open(str(path)) as s:
        assert s.url.render_as_string() == f"sqlite:///{path.resolve()}"
        with s.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    assert path.exists()
    # the same file through a sqlite:/// URL
    with Store.open(f"sqlite:///{path}") as s:
        assert s.count_documents() == 0


def test_url_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative path's folder is created: keep it out of the checkout
    assert database_url("postgresql://u:p@db.invalid/news").drivername == "postgresql+psycopg"
    assert database_url("postgres://u:p@db.invalid/news").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u:p@db.invalid/news").drivername == "postgresql+psycopg"
    rel = database_url("some/where/x.db")
    assert rel.drivername == "sqlite" and Path(rel.database or "").is_absolute()


def test_in_memory_sqlite() -> None:
    with Store.open("sqlite://") as s:
        assert add(s, protest_record())
        assert s.count_documents() == 1


@pytest.mark.parametrize(
    "url, message",
    [
        ("nosuchdialect://x/y", "cannot use database"),
        (
            "postgresql://u:p@127.0.0.1:1/news",
            "cannot open database postgresql+psycopg://u:***@127.0.0.1:1/news",
        ),
        ("", "no database given"),
    ],
)
def test_open_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message.replace("*", r"\*").replace("+", r"\+")):
        Store.open(url)


def test_unwritable_file(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store.open(str(blocker / "news.db"))
    with pytest.raises(StoreError, match="it is a folder"):
        Store.open(str(tmp_path))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store.open(str(junk))


# -- writing -------------------------------------------------------------------------------


def test_add_and_round_trip(store: Store) -> None:
    rec = drills_record()
    assert not store.has_document(text_hash(rec.text))
    assert add(store, rec, origin="wire/drills.txt") is True
    assert store.has_document(text_hash(rec.text))
    assert store.count_documents() == 1
    assert store.count_events() == 2
    back = store.record("drills")
    assert back is not None and back == rec
    assert back.to_dict() == rec.to_dict()
    assert store.record("no-such-doc") is None
    assert _count(store, t.actors) == 4
    assert _count(store, t.mentions) == 4
    assert _count(store, t.quotes) == 1
    assert _count(store, t.times) == 1
    assert _count(store, t.places) == 1


def test_readd_same_text_is_a_no_op(store: Store) -> None:
    rec = drills_record()
    assert add(store, rec) is True
    # the same text under another id, with different whitespace and case, is the same document
    again = drills_record(doc_id="copy")
    again = again.model_copy(update={"text": rec.text})
    assert store.add(again, text_hash=text_hash("  " + rec.text.upper().replace(" ", "\n"))) is False
    assert store.count_documents() == 1
    assert store.count_events() == 2
    assert store.record("copy") is None


def test_failure_mid_write_leaves_nothing(store: Store) -> None:
    rec = drills_record()
    # e2's target points at an actor the record does not have: found after the document and
    # actors rows were written, so the whole transaction must roll back.
    bad_events = [rec.events[0], rec.events[1].model_copy(update={"target": "a9"})]
    bad = rec.model_copy(update={"events": bad_events})
    with pytest.raises(StoreError, match="a9"):
        add(store, bad)
    assert store.count_documents() == 0
    assert not store.has_document(text_hash(rec.text))
    for table in (t.actors, t.mentions, t.events, t.quotes, t.times, t.places):
        assert _count(store, table) == 0
    # the good record still goes in afterwards
    assert add(store, rec)
    assert store.count_events() == 2


def test_delete_cascades(filled: Store) -> None:
    assert filled.delete("drills") == 1
    assert filled.record("drills") is None
    assert filled.count_documents() == 3
    with filled.engine.connect() as conn:
        names = {r[0] for r in conn.execute(select(t.actors.c.name))}
    assert "Shavkat Mirziyoyev" not in names
    assert _count(filled, t.quotes) == 0 and _count(filled, t.times) == 0 and _count(filled, t.places) == 0
    assert _count(filled, t.mentions) == 3 + 2 + 2


def test_unicode_text(store: Store) -> None:
    rec = protest_record().model_copy(
        update={
            "document": Document(id="ünï", title="Protesta en São Paulo — «huelga»", published="2022-03-05")
        }
    )
    assert add(store, rec)
    back = store.record("ünï")
    assert back is not None and back.document.title == "Protesta en São Paulo — «huelga»"


# -- reading -------------------------------------------------------------------------------


def test_event_rows_are_flat_and_complete(filled: Store) -> None:
    rows = filled.events()
    assert len(rows) == 5
    for row in rows:
        assert set(row) == EVENT_KEYS
    drills = next(r for r in rows if r["type"] == "MOBILIZE")
    assert drills == {
        "document_id": "drills",
        "event_id": "e1",
        "type": "MOBILIZE",
        "mode": "troops",
        "quad": 4,
        "cameo": "150",
        "modality": "future",
        "source_name": "Russian Armed Forces",
        "source_country": "RUS",
        "source_sector": "MIL",
        "target_name": "Uzbekistan",
        "target_country": "UZB",
        "target_sector": "GOV",
        "when_start": "2021-07-30",
        "when_end": "2021-08-10",
        "precision": "day",
        "where_name": "Afghanistan",
        "where_country": "AFG",
        "lat": 33.0,
        "lon": 66.0,
        "magnitude_value": 1500.0,
        "magnitude_unit": "troops",
        "magnitude_qualifier": "approx",
        "attributed_to_name": "Russian defense officials",
        "trigger": "drills",
        "evidence": drills_record().events[0].evidence.text,
        "rule": "mobilize.drills",
        "confidence": 0.8,
        "published": "2021-07-20",
        "title": "Russia to hold drills with Uzbekistan",
    }
    # oldest first (by the event's date, else publication), undated last
    assert [(r["document_id"], r["event_id"]) for r in rows] == [
        ("sanction", "e1"),  # June 2021
        ("drills", "e2"),  # undated, published 2021-07-20
        ("drills", "e1"),  # 2021-07-30
        ("protest", "e1"),  # published 2022-03-05
        ("undated", "e1"),
    ]


def test_filter_by_country_code(filled: Store) -> None:
    rus = filled.events(actor="RUS")
    assert {(r["document_id"], r["event_id"]) for r in rus} == {("drills", "e1"), ("drills", "e2")}
    uzb = filled.events(actor="UZB")  # source of e2, target of e1
    assert {(r["document_id"], r["event_id"]) for r in uzb} == {("drills", "e1"), ("drills", "e2")}
    assert {r["document_id"] for r in filled.events(actor="KEN")} == {"protest"}
    assert filled.events(actor="AFG") == []  # only a place, never an actor
    assert filled.events(actor="FRA") == []


def test_filter_by_name(filled: Store) -> None:
    assert [r["document_id"] for r in filled.events(actor="ministry of educ")] == ["protest"]
    assert [r["event_id"] for r in filled.events(actor="mirziyoyev")] == ["e2"]
    assert [r["document_id"] for r in filled.events(actor="European")] == ["sanction"]
    assert [r["document_id"] for r in filled.events(actor="rebel")] == ["undated"]
    # "Rus" is not an ISO3 code (not all capitals): a name match
    assert {r["event_id"] for r in filled.events(actor="Rus")} == {"e1", "e2"}
    # attributed_to is not source/target
    assert filled.events(actor="Kenya Police") == []
    # LIKE wildcards are literal
    assert filled.events(actor="%") == []
    assert filled.events(actor="_") == []


def test_filter_by_type(filled: Store) -> None:
    assert [r["document_id"] for r in filled.events(type="PROTEST")] == ["protest"]
    assert [r["document_id"] for r in filled.events(type="sanction")] == ["sanction"]
    assert filled.events(type="AGREE") == []


def test_filter_by_dates(filled: Store) -> None:
    def ids(**kw: str) -> list[str]:
        return [f"{r['document_id']}/{r['event_id']}" for r in filled.events(**kw)]

    # the drills run 2021-07-30..2021-08-10: any overlapping window finds them
    assert ids(since="2021-08-01", until="2021-08-05") == ["drills/e1"]
    assert ids(since="2021-08-10") == ["drills/e1", "protest/e1"]
    assert ids(since="2021-08-11") == ["protest/e1"]
    assert ids(until="2021-07-29") == ["sanction/e1", "drills/e2"]  # e2 has no when: publication date
    assert ids(until="2021-05-31") == []
    assert ids(since="2021-06-30", until="2021-06-30") == ["sanction/e1"]
    assert ids(since="2022-03-05", until="2022-03-05") == ["protest/e1"]  # publication fallback
    with pytest.raises(StoreError, match="since must be a date"):
        filled.events(since="last week")


def test_filters_combine_and_page(filled: Store) -> None:
    assert [r["event_id"] for r in filled.events(actor="RUS", type="MOBILIZE", since="2021-07-01")] == ["e1"]
    assert filled.events(actor="RUS", type="PROTEST") == []
    everything = filled.events()
    assert filled.events(limit=2) == everything[:2]
    assert filled.events(limit=2, offset=2) == everything[2:4]
    assert filled.events(offset=4) == everything[4:]
    assert filled.events(limit=0) == []


def test_documents_listing(filled: Store) -> None:
    docs = filled.documents()
    assert [d["doc_id"] for d in docs] == ["drills", "protest", "sanction", "undated"]
    for d in docs:
        assert set(d) == DOCUMENT_KEYS
        assert d["ingested_at"].endswith("Z")
    d0 = docs[0]
    assert (d0["n_actors"], d0["n_events"], d0["n_quotes"]) == (4, 2, 1)
    assert d0["title"] == "Russia to hold drills with Uzbekistan"
    assert d0["published"] == "2021-07-20"
    assert d0["source"] == "Example Wire" and d0["url"] == "https://example.invalid/drills"
    assert d0["origin"] == "test:drills"
    assert (docs[1]["n_actors"], docs[1]["n_events"], docs[1]["n_quotes"]) == (3, 1, 0)
    assert filled.documents(limit=1, offset=1) == [docs[1]]
    assert filled.count_documents() == 4
    assert [r.document.id for r in filled.iter_records(batch_size=3)] == [d["doc_id"] for d in docs]


def test_concurrent_adds_of_the_same_text(db_url: str) -> None:
    """Two writers racing with the same document: exactly one stores it."""
    import threading

    with Store.open(db_url) as s1, Store.open(db_url) as s2:
        barrier = threading.Barrier(2)
        results: list[bool] = []

        def run(store: Store, rec: Record) -> None:
            barrier.wait()
            results.append(add(store, rec))

        threads = [
            threading.Thread(target=run, args=(s1, drills_record("first"))),
            threading.Thread(target=run, args=(s2, drills_record("second"))),
        ]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert sorted(results) == [False, True]
        assert s1.count_documents() == 1
        assert s1.count_events() == 2


def test_bad_record_references_roll_back_on_integrity_errors(store: Store) -> None:
    rec = drills_record()
    dup_actor = rec.model_copy(update={"actors": [*rec.actors, rec.actors[0]]})  # a1 twice
    with pytest.raises(StoreError, match="cannot store document 'drills'"):
        add(store, dup_actor)
    assert store.count_documents() == 0
    assert _count(store, t.actors) == 0


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with Store.open(str(path)) as s, s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="cannot migrate database.*9999"):
        Store.open(str(path))


def test_memory_shorthand() -> None:
    with Store.open(":memory:") as s:
        assert s.url.database is None
        assert add(s, sanction_record())
        assert [r["document_id"] for r in s.events(actor="BLR")] == ["sanction"]


def test_name_filter_ignores_case_and_accents(store: Store) -> None:
    text_ = "Turkish spokesman Ömer Çelik accused the PKK of attacking a police station in Şırnak."
    rec = Record(
        document=Document(id="tr", published="2022-08-10"),
        text=text_,
        actors=[
            _actor(text_, "a1", "Ömer Çelik", "person", "Ömer Çelik", country="TUR", sector="PTY"),
            _actor(text_, "a2", "PKK", "group", "PKK", country="TUR", sector="REB"),
        ],
        events=[
            Event(
                id="e1",
                type="ACCUSE",
                quad=3,
                source="a1",
                target="a2",
                modality="asserted",
                trigger=_span(text_, "accused"),
                evidence=TextSpan(start=0, end=len(text_), text=text_),
                rule="accuse.accuse",
                confidence=0.9,
            )
        ],
    )
    assert add(store, rec)
    for needle in ("Ömer Çelik", "omer celik", "ÇELİK", "celik", "pkk"):
        assert [r["document_id"] for r in store.events(actor=needle)] == ["tr"], needle
    assert store.events(actor="PKK") == []  # three capitals: a country code, and no actor is from "PKK"


def test_long_ids_and_codes_fit(store: Store) -> None:
    """Free-form strings have no length limit on any backend (PostgreSQL enforces VARCHAR sizes)."""
    rec = sanction_record()
    long_id = "https://example.invalid/world/europe/" + "belarus-sanctions-" * 20
    ev = rec.events[0].model_copy(update={"mode": "economic " * 20, "cameo": "163" * 10})
    rec = rec.model_copy(
        update={"document": Document(id=long_id, language="en-GB-x-" + "a" * 40), "events": [ev]}
    )
    assert add(store, rec)
    assert store.record(long_id) == rec
    assert store.events()[0]["mode"] == "economic " * 20


def test_full_text_search_objects(filled: Store) -> None:
    """Migration 0002: SQLite's documents_fts follows inserts and deletes; PostgreSQL gets a GIN index."""
    with filled.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            names = {
                r[0]
                for r in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'documents'"))
            }
            assert "ix_documents_search" in names
            hits = conn.execute(
                text(
                    "SELECT doc_id FROM documents WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text)"
                    " @@ plainto_tsquery('simple', :q)"
                ),
                {"q": "teachers Nairobi"},
            ).all()
            assert [h[0] for h in hits] == ["protest"]
            return

    def search(q: str) -> list[str]:
        with filled.engine.connect() as conn:
            rows = conn.execute(
                select(t.documents.c.doc_id)
                .where(
                    t.documents.c.id.in_(
                        text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q")
                        .bindparams(q=q)
                        .columns(t.documents.c.id)
                    )
                )
                .order_by(t.documents.c.id)
            ).all()
        return [r[0] for r in rows]

    assert search("drills") == ["drills"]
    assert search("teachers Nairobi") == ["protest"]
    assert search("Uzbekistan") == ["drills"]  # title and text
    filled.delete("drills")
    assert search("drills") == []


def test_upgrade_from_0001_keeps_and_indexes_data(tmp_path: Path) -> None:
    """A database made by revision 0001 is upgraded in place on open; 0002 indexes its documents."""
    from alembic import command

    from newswire.store.migrate import alembic_config, upgrade

    url = database_url(tmp_path / "old.db")
    engine = create_engine(url)
    with engine.begin() as conn:
        upgrade(conn, "0001")
    with Store(engine) as old:  # the 0001 schema is enough to add records
        assert add(old, protest_record())
    with Store.open(str(tmp_path / "old.db")) as s, s.engine.connect() as conn:
        assert s.count_documents() == 1
        hit = conn.execute(text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'teachers'")).all()
        assert len(hit) == 1
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        left = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).all()
    assert [r[0] for r in left] == ["alembic_version"]
    engine.dispose()


def test_writers_take_turns_and_readers_do_not_wait(db_url: str) -> None:
    """While one store is inside a write transaction, another store's write waits for it (then
    succeeds, no "database is locked"), and reads go on from the last committed state."""
    import threading

    with Store.open(db_url) as holder, Store.open(db_url) as writer:
        assert add(writer, protest_record())
        done = threading.Event()
        results: list[bool] = []

        def write() -> None:
            results.append(add(writer, drills_record()))
            done.set()

        with holder._write_transaction() as conn:  # holds the write lock until the block ends
            conn.execute(t.documents.update().where(t.documents.c.doc_id == "protest").values(title="Edited"))
            th = threading.Thread(target=write)
            th.start()
            assert not done.wait(0.5)  # the other writer waits for the lock...
            assert writer.count_documents() == 1  # ...readers do not, and see the committed state
            assert writer.documents()[0]["title"] != "Edited"
        th.join(timeout=30)
        assert results == [True]
        assert writer.count_documents() == 2
        assert writer.documents()[0]["title"] == "Edited"


def test_sqlite_write_transactions_begin_immediate(tmp_path: Path) -> None:
    """The store begins SQLite transactions itself: reads and DDL are inside them too (a plain
    sqlite3 connection would only begin one at the first INSERT)."""
    import sqlite3

    path = tmp_path / "lock.db"
    with Store.open(path) as store:
        with store._write_transaction() as conn:
            conn.execute(select(func.count()).select_from(t.documents)).scalar_one()  # a read only
            probe = sqlite3.connect(path, timeout=0)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                probe.execute("BEGIN IMMEDIATE")  # the write lock is already held
            probe.close()
        with store.engine.connect() as conn:
            conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
            assert conn.connection.dbapi_connection.in_transaction  # reads get one snapshot


def test_a_busy_sqlite_write_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that finds the database locked past the busy timeout runs again instead of failing."""
    import sqlite3
    import threading

    from newswire.store import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "busy.db"
    with Store.open(path) as store:
        blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        blocker.execute("BEGIN IMMEDIATE")
        threading.Timer(0.4, blocker.rollback).start()  # released after a few failed attempts
        assert add(store, drills_record())
        blocker.close()
        assert store.count_documents() == 1
