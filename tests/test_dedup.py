"""Near-duplicate detection (newswire.dedup: MinHash LSH) and its persistence in the store."""

from __future__ import annotations

import numpy as np

from newswire import dedup
from newswire.article import text_hash
from newswire.record import Document, Record
from newswire.store import Store
from test_store import db_url  # noqa: F401  (fixture: a SQLite file, and a PostgreSQL schema when a server is set up)

STORY = (
    "The European Union agreed on Thursday to impose new sanctions on Belarus after the forced landing "
    "of a passenger jet in Minsk, diplomats said. Foreign ministers meeting in Lisbon backed a ban on "
    "Belarusian carriers using the bloc's airspace and airports, and asked the Commission to draw up "
    "measures against the country's potash and petroleum exports. The flight from Athens to Vilnius was "
    "diverted on Sunday after a bomb alert that Western governments called a pretext to arrest a "
    "dissident journalist travelling on board. Belarus denies wrongdoing and says it acted to protect "
    "passengers. Lithuania's foreign minister said the response showed that the union would not tolerate "
    "state hijacking, while Germany called for an independent investigation by the civil aviation "
    "agency of the United Nations. The new listings are expected to be formally adopted next month."
)
# The same wire story as republished: a local lede and a credit line added, one sentence dropped.
REPUBLISHED = (
    "BRUSSELS (Staff and wire reports) - "
    + STORY.replace(" Belarus denies wrongdoing and says it acted to protect passengers.", "")
    + " Reporting by our correspondents; editing by the news desk."
)
OTHER = (
    "Kenya's central bank left its benchmark lending rate unchanged on Tuesday, saying inflation remained "
    "within the government's target range despite higher fuel prices. The monetary policy committee said "
    "the economy was recovering from the pandemic faster than expected, led by agriculture and "
    "construction, and that the shilling had been stable against the dollar. Analysts polled before the "
    "meeting had expected no change. The committee will meet again in two months and said it stood ready "
    "to act if inflation expectations rose."
)


def record(doc_id: str, text: str, source: str) -> Record:
    return Record(
        document=Document(
            id=doc_id, title=None, published="2021-05-27", url=None, source=source, language="en"
        ),
        text=text,
    )


def test_signatures_are_deterministic_compact_and_estimate_similarity():
    a, b, c = dedup.signature(STORY), dedup.signature(REPUBLISHED), dedup.signature(OTHER)
    assert a is not None and b is not None and c is not None
    assert a.dtype == np.uint32 and len(a) == dedup.NUM_PERM
    assert len(dedup.to_bytes(a)) == 4 * dedup.NUM_PERM
    assert np.array_equal(dedup.from_bytes(dedup.to_bytes(a)), a)
    assert np.array_equal(dedup.signature(STORY), a)  # same text, same signature (fixed seed)
    assert dedup.similarity(a, b) >= dedup.THRESHOLD
    assert dedup.similarity(a, c) < 0.2
    # the copy shares at least one LSH band with the original; the other story shares none
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))
    assert not set(dedup.band_keys(a)) & set(dedup.band_keys(c))
    params = dedup.lsh_params()
    assert params.bands * params.rows <= dedup.NUM_PERM


def test_short_texts_have_no_signature():
    assert dedup.signature("Protesters marched in Santiago on Sunday.") is None
    assert dedup.shingles("") == set()


def test_near_duplicate_is_stored_once_with_its_sources(db_url: str):  # noqa: F811
    with Store.open(db_url) as store:
        first = store.put(record("ap-1", STORY, "AP"), text_hash=text_hash(STORY), origin="wire/ap-1.txt")
        assert first.status == "stored"
        copy = store.put(
            record("paper-5", REPUBLISHED, "Daily Paper"),
            text_hash=text_hash(REPUBLISHED),
            origin="papers/5.html",
        )
        assert copy.status == "near" and copy.document_id == "ap-1" and copy.similarity >= dedup.THRESHOLD
        other = store.put(record("ke-1", OTHER, "Nation"), text_hash=text_hash(OTHER), origin="ke.txt")
        assert other.status == "stored"
        assert store.count_documents() == 2
        sources = store.document_sources("ap-1")
        assert [(s["kind"], s["publisher"], s["copy_id"]) for s in sources] == [
            ("original", "AP", "ap-1"),
            ("near", "Daily Paper", "paper-5"),
        ]
        # the same copy again (a rerun) records nothing new
        assert (
            store.add(
                record("paper-5", REPUBLISHED, "Daily Paper"),
                text_hash=text_hash(REPUBLISHED),
                origin="papers/5.html",
            )
            is False
        )
        assert len(store.document_sources("ap-1")) == 2

    # the LSH index lives in the database: a new process (here: a new Store) still finds the copy
    with Store.open(db_url) as store:
        again = REPUBLISHED.replace("next month", "in June")
        found = store.note_duplicate(
            again, text_hash=text_hash(again), doc_id="site-9", origin="https://news.example/9"
        )
        assert found is not None and found.status == "near" and found.document_id == "ap-1"
        assert store.note_duplicate(OTHER.upper(), text_hash=text_hash(OTHER.upper())).status == "exact"  # type: ignore[union-attr]
        assert (
            store.note_duplicate(
                OTHER[:200] + " Unrelated ending about weather.", text_hash=text_hash(OTHER[:200] + " x")
            )
            is None
        )
        assert len(store.document_sources("ap-1")) == 3


def test_near_duplicate_detection_can_be_switched_off(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        store.near_duplicates = False
        assert store.add(record("ap-1", STORY, "AP"), text_hash=text_hash(STORY))
        assert store.add(record("paper-5", REPUBLISHED, "Daily Paper"), text_hash=text_hash(REPUBLISHED))
        assert store.count_documents() == 2
