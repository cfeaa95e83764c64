"""Cross-article event fusion (newswire.fusion) on hand-built records in a real SQLite store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from newswire.article import text_hash
from newswire.fusion import actor_key, event_span
from newswire.record import Actor, Document, Event, Record, TextSpan, When, Where
from newswire.store import Store
from test_store import db_url  # noqa: F401  (fixture: a SQLite file, and a PostgreSQL schema when a server is set up)

KHERSON = Where(text="Kherson", name="Kherson", geonameid=706448, lat=46.65, lon=32.6, country="UKR")
ODESA = Where(text="Odesa", name="Odesa", geonameid=698740, lat=46.48, lon=30.73, country="UKR")


@dataclass
class Ev:
    type: str
    trigger: str
    source: tuple[str, str | None, str | None] | None
    target: tuple[str, str | None, str | None] | None
    when: tuple[str, ...] | None = None  # (text, start, precision) or (text, start, end, precision)
    where: Where | None = None
    modality: str = "asserted"


def make_record(
    doc_id: str, text: str, events: list[Ev], *, published: str | None, source: str | None
) -> Record:
    """A valid record whose actors are named in the text and whose events have those actors."""
    actors: dict[tuple[str, str | None, str | None], Actor] = {}

    def actor(spec: tuple[str, str | None, str | None]) -> str:
        if spec not in actors:
            name, country, sector = spec
            start = text.index(name)
            actors[spec] = Actor(
                id=f"a{len(actors) + 1}",
                name=name,
                kind="state" if sector is None else "organization",
                country=country,
                sector=sector,
                mentions=[(start, start + len(name))],
            )
        return actors[spec].id

    out = []
    for i, ev in enumerate(events, start=1):
        start = text.index(ev.trigger)
        end_sentence = text.find(".", start)
        end_sentence = len(text) if end_sentence == -1 else end_sentence + 1
        out.append(
            Event(
                id=f"e{i}",
                type=ev.type,
                quad=4 if ev.type in ("ASSAULT", "MOBILIZE") else 1,
                source=actor(ev.source) if ev.source else None,
                target=actor(ev.target) if ev.target else None,
                when=When(
                    text=ev.when[0],
                    start=ev.when[1],
                    end=ev.when[-2],
                    precision=ev.when[-1],  # type: ignore[arg-type]
                    anchor="explicit",
                )
                if ev.when
                else None,
                where=ev.where,
                modality=ev.modality,  # type: ignore[arg-type]
                trigger=TextSpan(start=start, end=start + len(ev.trigger), text=ev.trigger),
                evidence=TextSpan(start=0, end=end_sentence, text=text[:end_sentence]),
                rule="test.fusion",
                confidence=0.7,
            )
        )
    return Record(
        document=Document(id=doc_id, title=None, published=published, url=None, source=source, language="en"),
        text=text,
        actors=list(actors.values()),
        events=out,
    )


RUS_MIL = ("Russian forces", "RUS", "MIL")
UKR = ("Ukraine", "UKR", None)


def shelling(doc_id: str, text: str, published: str, source: str, **kw: object) -> Record:
    ev = Ev("ASSAULT", "shelled", RUS_MIL, UKR, **kw)  # type: ignore[arg-type]
    return make_record(doc_id, text, [ev], published=published, source=source)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:  # noqa: F811
    with Store.open(db_url) as s:
        yield s


def put(store: Store, rec: Record, origin: str) -> str:
    return store.put(rec, text_hash=text_hash(rec.text), origin=origin).status


def test_keys_and_spans():
    assert actor_key(None) == ""
    assert (
        actor_key(Actor(id="a1", name="Kremlin", kind="organization", kb_id="kremlin", country="RUS"))
        == "kb:kremlin"
    )
    assert (
        actor_key(Actor(id="a1", name="Russian troops", kind="group", country="RUS", sector="MIL"))
        == "c:RUS:MIL"
    )
    assert actor_key(Actor(id="a1", name="Hamás  Fighters", kind="group")) == "n:hamas fighters"
    rec = shelling(
        "x",
        "Russian forces shelled Ukraine on Monday.",
        "2022-11-08",
        "Wire",
        when=("Monday", "2022-11-07", "day"),
    )
    assert event_span(rec.events[0], "2022-11-08") == ("2022-11-07", "2022-11-07", "day")
    undated = shelling("y", "Russian forces shelled Ukraine.", "2022-11-08", "Wire")
    assert event_span(undated.events[0], "2022-11-08") == ("2022-11-08", "2022-11-08", "day")
    assert event_span(undated.events[0], None) == (None, None, None)


def test_two_outlets_reporting_one_attack_make_one_fused_event(store: Store):
    a = shelling(
        "kyiv-post-1",
        "Russian forces shelled Ukraine's southern city of Kherson on Monday, killing two civilians, officials said.",
        "2022-11-08",
        "Kyiv Post",
        when=("Monday", "2022-11-07", "day"),
        where=KHERSON,
    )
    # a day later, no explicit date and no place: the publication date (one day of slack) and unknown place match
    b = shelling(
        "reuters-9",
        "Officials in Ukraine said Russian forces shelled residential streets overnight.",
        "2022-11-08",
        "Reuters",
    )
    assert put(store, a, "feeds/kyivpost.xml[0]") == "stored"
    assert put(store, b, "feeds/reuters.xml[3]") == "stored"
    fused = store.fused_events()
    assert len(fused) == 1
    f = fused[0]
    assert (f["type"], f["source_country"], f["target_country"]) == ("ASSAULT", "RUS", "UKR")
    assert (f["num_documents"], f["num_articles"], f["num_sources"], f["num_mentions"]) == (2, 2, 2, 2)
    assert f["where_name"] == "Kherson" and f["date_start"] == "2022-11-07"
    detail = store.fused_event(f["id"])
    assert detail is not None
    assert [m["document_id"] for m in detail["mentions"]] == ["kyiv-post-1", "reuters-9"]
    assert {m["trigger"] for m in detail["mentions"]} == {"shelled"}
    assert {a["publisher"] for a in detail["articles"]} == {"Kyiv Post", "Reuters"}
    assert store.fused_events(min_sources=2) == fused
    assert store.fused_events(actor="UKR", type="assault", since="2022-11-01", until="2022-11-30") == fused
    assert store.fused_events(actor="russian", type="ASSAULT")[0]["id"] == f["id"]
    assert store.fused_events(min_sources=3) == []


def test_different_place_actor_date_or_modality_stay_apart(store: Store):
    base = "Russian forces shelled the Ukraine port of {} on {}, the regional governor said."
    put(
        store,
        shelling(
            "d1",
            base.format("Kherson", "Monday"),
            "2022-11-08",
            "A",
            when=("Monday", "2022-11-07", "day"),
            where=KHERSON,
        ),
        "a",
    )
    # another city the same day
    put(
        store,
        shelling(
            "d2",
            base.format("Odesa", "Monday"),
            "2022-11-08",
            "B",
            when=("Monday", "2022-11-07", "day"),
            where=ODESA,
        ),
        "b",
    )
    # a week later
    put(
        store,
        shelling(
            "d3",
            base.format("Kherson", "Tuesday"),
            "2022-11-15",
            "C",
            when=("Tuesday", "2022-11-14", "day"),
            where=KHERSON,
        ),
        "c",
    )
    # a threat, not an attack that happened
    put(
        store,
        shelling(
            "d4",
            "Russian forces shelled nothing yet but Ukraine expects attacks in Kherson.",
            "2022-11-08",
            "D",
            when=("Monday", "2022-11-07", "day"),
            where=KHERSON,
            modality="future",
        ),
        "d",
    )
    # other actors
    rec = make_record(
        "d5",
        "Belarusian troops shelled Ukraine near Kherson on Monday.",
        [
            Ev(
                "ASSAULT",
                "shelled",
                ("Belarusian troops", "BLR", "MIL"),
                UKR,
                ("Monday", "2022-11-07", "day"),
                KHERSON,
            )
        ],
        published="2022-11-08",
        source="E",
    )
    put(store, rec, "e")
    fused = store.fused_events()
    assert len(fused) == 5
    assert all(f["num_documents"] == 1 for f in fused)


def test_month_precision_covers_a_day_in_that_month(store: Store):
    put(
        store,
        shelling(
            "m1",
            "Russian forces shelled Ukraine in November, monitors reported.",
            "2022-12-01",
            "Monitor",
            when=("in November", "2022-11-01", "2022-11-30", "month"),
        ),
        "m1",
    )
    put(
        store,
        shelling(
            "m2",
            "Russian forces shelled Ukraine on November 20, the army said.",
            "2022-11-21",
            "Army",
            when=("November 20", "2022-11-20", "day"),
        ),
        "m2",
    )
    put(
        store,
        shelling(
            "m3",
            "Russian forces shelled Ukraine on December 20, the army said.",
            "2022-12-21",
            "Army",
            when=("December 20", "2022-12-20", "day"),
        ),
        "m3",
    )
    fused = store.fused_events()
    assert [(f["date_start"], f["precision"], f["num_documents"]) for f in fused] == [
        ("2022-11-01", "month", 2),
        ("2022-12-20", "day", 1),
    ]


def test_deleting_a_document_recounts_and_drops_empty_fused_events(store: Store):
    a = shelling(
        "x1",
        "Russian forces shelled Ukraine on Monday, the mayor said.",
        "2022-11-08",
        "Paper A",
        when=("Monday", "2022-11-07", "day"),
    )
    b = shelling(
        "x2",
        "Witnesses said Russian forces shelled Ukraine again on Monday.",
        "2022-11-08",
        "Paper B",
        when=("Monday", "2022-11-07", "day"),
    )
    put(store, a, "a.txt")
    put(store, b, "b.txt")
    assert store.fused_events()[0]["num_documents"] == 2
    assert store.delete("x1") == 1
    [f] = store.fused_events()
    assert (f["num_documents"], f["num_sources"], f["num_mentions"]) == (1, 1, 1)
    assert store.delete("x2") == 1
    assert store.fused_events() == [] and store.count_fused_events() == 0


def test_a_later_copy_of_a_document_counts_as_another_article(store: Store):
    a = shelling(
        "w1",
        "Russian forces shelled Ukraine on Monday, the mayor said.",
        "2022-11-08",
        "Wire",
        when=("Monday", "2022-11-07", "day"),
    )
    put(store, a, "wire/a.txt")
    # the exact same text published by another paper
    found = store.note_duplicate(
        a.text,
        text_hash=text_hash(a.text),
        doc_id="paper-7",
        origin="paper/7.html",
        url="https://www.dailypaper.example/7",
        source=None,
    )
    assert found is not None and found.status == "exact" and found.document_id == "w1"
    [f] = store.fused_events()
    assert (f["num_documents"], f["num_articles"], f["num_sources"]) == (1, 2, 2)
    # recording the same copy again changes nothing (reruns are idempotent)
    store.note_duplicate(a.text, text_hash=text_hash(a.text), doc_id="paper-7", origin="paper/7.html")
    assert store.fused_events()[0]["num_articles"] == 2
    assert [s["publisher"] for s in store.document_sources("w1")] == ["Wire", "dailypaper.example"]


def test_events_without_actors_fuse_only_on_a_known_place(store: Store):
    def blast(doc_id: str, text: str, where: Where | None) -> Record:
        ev = Ev("ASSAULT", "explosion", None, None, ("Friday", "2022-10-07", "day"), where)
        return make_record(doc_id, text, [ev], published="2022-10-08", source=doc_id)

    put(store, blast("b1", "An explosion hit a market in Kherson on Friday.", KHERSON), "b1")
    put(store, blast("b2", "A large explosion was heard in Kherson on Friday night.", KHERSON), "b2")
    put(store, blast("b3", "An explosion damaged a bridge on Friday.", None), "b3")
    put(store, blast("b4", "Another explosion was reported on Friday.", None), "b4")
    assert sorted(f["num_documents"] for f in store.fused_events()) == [1, 1, 2]
