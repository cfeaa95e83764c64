"""Input readers on real files written here: text, HTML, JSON Lines, Markdown, bad inputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newswire.article import Article, text_hash
from newswire.errors import InputError
from newswire.ingest import DEFAULT_MAX_BYTES, Rejected, iter_inputs

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ceasefire talks resume in Cairo | Example Wire</title>
<meta property="og:title" content="Ceasefire talks resume in Cairo">
<meta property="og:site_name" content="Example Wire">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-11-14T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Ceasefire talks resume in Cairo</h1>
<p>Egyptian and Qatari mediators resumed talks in Cairo on Tuesday with delegations from both sides,
officials said, after a week-long pause in negotiations over a prisoner exchange.</p>
<p>The foreign ministry said the delegations would meet again on Thursday and that a draft agreement
was being discussed. Neither side commented on the reports.</p>
</article>
<footer><p>Copyright 2023 Example Wire. All rights reserved.</p></footer>
</body></html>
"""

LATIN1 = (
    "Le ministre des Affaires étrangères a déclaré jeudi à Genève que les négociations "
    "reprendraient après la trêve, selon un communiqué publié à Zürich et à São Paulo."
)


def read(*paths: str | Path, **kw: object) -> list[Article | Rejected]:
    return list(iter_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def only(items: list[Article | Rejected]) -> Article:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Article), item
    return item


def rejected(items: list[Article | Rejected]) -> Rejected:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Rejected), item
    return item


# -- plain text ----------------------------------------------------------------------------


def test_text_file_keeps_first_line(tmp_path: Path) -> None:
    f = tmp_path / "clashes.txt"
    f.write_text(
        "Clashes in Tripoli\r\n\r\nClashes broke out in Tripoli on Sunday between rival militias, "
        "witnesses said.\r\nThe UN mission called for calm.\r\n",
        encoding="utf-8",
    )
    art = only(read(f))
    assert art.text.startswith("Clashes in Tripoli\n\nClashes broke out")  # not taken as a title
    assert "\r" not in art.text and art.text.endswith("called for calm.")
    assert art.title is None and art.published is None
    assert art.origin == str(f)
    assert art.id == text_hash(art.text)[:16]
    assert art.hash == text_hash(art.text)


def test_cli_published_and_title_fill_single_documents(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The army said it shot down two drones near the border on Monday.", encoding="utf-8")
    art = only(read(f, published="2022-10-03", title="Drones downed"))
    assert (art.published, art.title) == ("2022-10-03", "Drones downed")
    art = only(read(f, published="October 3, 2022"))
    assert art.published == "2022-10-03"


def test_utf8_bom_and_latin1(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "Talks in Zürich ended on Friday.".encode())
    assert only(read(bom)).text == "Talks in Zürich ended on Friday."
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(LATIN1.encode("latin-1"))
    art = only(read(legacy))
    assert art.text == LATIN1
    assert art.extra["encoding"] != "utf-8"


def test_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes("Kenyan police arrested 12 protesters in Nairobi.".encode("utf-16"))
    assert only(read(f)).text == "Kenyan police arrested 12 protesters in Nairobi."


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary"),
        (bytes(range(1, 32)) * 40 + b"some words", "binary"),
        (bytes(range(128, 256)) * 10, "not valid UTF-8"),
    ],
    ids=["empty", "blank", "png", "control", "undecodable"],
)
def test_bad_text_files_are_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    r = rejected(read(f))
    assert r.origin == str(f)
    assert reason in r.reason
    assert isinstance(r, InputError) and str(r).startswith(str(f))


def test_size_limit(tmp_path: Path) -> None:
    sentence = "Rebels shelled the airport outside the city on Wednesday, the army said. "
    f = tmp_path / "long.txt"
    f.write_text(sentence * 40, encoding="utf-8")  # about 2,900 bytes
    r = rejected(read(f, max_bytes=1000))
    assert "limit" in r.reason and "1000 bytes" in r.reason
    assert only(read(f, max_bytes=10_000)).text.startswith("Rebels shelled")
    huge = tmp_path / "huge.txt"
    huge.write_text(sentence * 200, encoding="utf-8")  # over 4x the limit: refused unread
    assert "1000 bytes" in rejected(read(huge, max_bytes=1000)).reason
    # multi-byte text is measured in UTF-8 bytes, not characters
    wide = tmp_path / "wide.txt"
    wide.write_text("Переговоры в Женеве продолжатся. " * 20, encoding="utf-8")  # ~600 chars, ~1,100 bytes
    assert "limit" in rejected(read(wide, max_bytes=1000)).reason
    assert DEFAULT_MAX_BYTES == 5_000_000


# -- HTML ----------------------------------------------------------------------------------


def test_html_file_uses_trafilatura_metadata(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    art = only(read(f, published="2020-01-01", title="ignored"))
    assert art.title == "Ceasefire talks resume in Cairo"
    assert art.published == "2023-11-14"  # the page's own date wins over the CLI default
    assert art.extra.get("author") == "Jane Roe"
    assert art.source == "Example Wire"
    assert art.text.startswith("Egyptian and Qatari mediators resumed talks in Cairo")
    assert "Neither side commented" in art.text
    for junk in ("Home", "Sport", "Copyright", "<p>"):
        assert junk not in art.text


def test_html_without_metadata_takes_cli_defaults(tmp_path: Path) -> None:
    f = tmp_path / "bare.htm"
    f.write_text(
        "<html><body><div><p>Thousands of farmers blocked highways across the state on Monday to protest "
        "against new fuel taxes, police said.</p></div></body></html>",
        encoding="utf-8",
    )
    art = only(read(f, published="2021-02-01", title="Farmers protest"))
    assert art.text.startswith("Thousands of farmers blocked highways")
    assert (art.published, art.title) == ("2021-02-01", "Farmers protest")


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><head><script>var x = 1;</script></head><body><nav></nav></body></html>")
    r = rejected(read(f))
    assert r.origin == str(f) and "no article text" in r.reason


# -- JSON Lines and JSON -------------------------------------------------------------------


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": "Iran test-fired a ballistic missile on Monday.", "published": "2021-07-19",
                    "title": "Missile test", "url": "https://example.invalid/n1", "source": "Wire", "section": "world"}),
        "{this is not json",
        "",
        json.dumps({"id": 42, "html": "<html><body><p>Protesters gathered outside parliament in Bangkok on "
                    "Saturday demanding the resignation of the prime minister.</p></body></html>"}),
        json.dumps({"id": "n3", "title": "no body"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "n5", "text": 12}),
        json.dumps({"id": "n6", "text": "Turkish troops crossed into northern Syria overnight."}),
    ]  # fmt: skip
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(f, published="2000-01-01", title="not for JSONL")
    assert [i.origin for i in items] == [f"{f}:{n}" for n in (1, 2, 4, 5, 6, 7, 8)]
    first, bad, html, nobody, array, nonstr, last = items
    assert isinstance(first, Article)
    assert (first.id, first.title, first.published, first.url, first.source) == (
        "n1", "Missile test", "2021-07-19", "https://example.invalid/n1", "Wire",
    )  # fmt: skip
    assert first.extra == {"section": "world"}
    assert isinstance(bad, Rejected) and "malformed JSON" in bad.reason
    assert isinstance(html, Article) and html.id == "42" and html.text.startswith("Protesters gathered")
    assert html.published is None and html.title is None  # CLI defaults are for single documents
    assert isinstance(nobody, Rejected) and "'text' or 'html'" in nobody.reason
    assert isinstance(array, Rejected) and "JSON object" in array.reason
    assert isinstance(nonstr, Rejected) and "must be a string" in nonstr.reason
    assert isinstance(last, Article) and last.id == "n6"


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "Talks resumed in Vienna."}).encode()
    f.write_bytes(good + b"\n" + b'{"id": "bad", "text": "caf\xe9"}\n' + good.replace(b"ok", b"ok2") + b"\n")
    items = read(f)
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    assert items[1].origin == f"{f}:2" and "UTF-8" in items[1].reason  # type: ignore[union-attr]


def test_json_object_and_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Ghana and Togo signed a border agreement on Friday."}, indent=2))
    art = only(read(one, published="2019-05-03"))
    assert art.published == "2019-05-03" and art.origin == str(one)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "a", "text": "Talks ended."}, {"id": "b"}]))
    items = read(many)
    assert isinstance(items[0], Article) and items[0].id == "a"
    assert isinstance(items[1], Rejected) and items[1].origin == f"{many}[1]"
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "unterminated')
    assert "malformed JSON" in rejected(read(broken)).reason


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "doha.md"
    f.write_text(
        "---\ntitle: Talks in Doha\ndate: 2021-08-01\nsource: Example Wire\nurl: https://example.invalid/doha\n"
        "author: A. Writer\n---\nUS and Taliban negotiators met in Doha on Sunday.\n\n"
        "---\n\nA second section after a rule.\n",
        encoding="utf-8",
    )
    art = only(read(f, published="1999-01-01", title="ignored"))
    assert (art.title, art.published, art.source, art.url) == (
        "Talks in Doha", "2021-08-01", "Example Wire", "https://example.invalid/doha",
    )  # fmt: skip
    assert art.extra == {"author": "A. Writer"}
    assert art.text.startswith("US and Taliban negotiators met in Doha on Sunday.")
    assert art.text.endswith("A second section after a rule.")


def test_markdown_without_front_matter_and_bad_yaml(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("# Headline\n\nSudan's army and the RSF agreed to a truce on Saturday.\n")
    art = only(read(plain, published="2023-05-20"))
    assert art.text.startswith("# Headline") and art.published == "2023-05-20"
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nBody text here.\n")
    assert "malformed YAML front matter" in rejected(read(bad)).reason
    unclosed = tmp_path / "unclosed.md"
    unclosed.write_text("---\ntitle: x\nBody text without a closing rule.\n")
    assert "not closed" in rejected(read(unclosed)).reason


# -- folders, paths, stdin -----------------------------------------------------------------


def test_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("Troops were deployed to the capital on Friday.")
    (tmp_path / "b" / "c.md").write_text("The president dissolved parliament on Tuesday.")
    (tmp_path / "b" / "d.pdf").write_bytes(b"%PDF-1.4 not read")
    (tmp_path / "b" / ".draft.txt").write_text("hidden draft")
    (tmp_path / ".git" / "notes.txt").write_text("hidden folder")
    (tmp_path / "b" / "empty.txt").write_text("")
    items = read(tmp_path)
    assert [i.origin for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.md"),
                                         str(tmp_path / "b" / "empty.txt")]  # fmt: skip
    assert isinstance(items[2], Rejected)


def test_explicit_paths(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    r = rejected(read(pdf))
    assert "unsupported file type '.pdf'" in r.reason
    assert "no such file" in rejected(read(tmp_path / "missing.txt")).reason
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    assert "no files to read" in rejected(read(empty_dir)).reason
    noext = tmp_path / "ARTICLE"
    noext.write_text("<html><body><p>Rescuers pulled survivors from the rubble after the earthquake struck "
                     "the province early on Monday, officials said.</p></body></html>")  # fmt: skip
    assert only(read(noext)).text.startswith("Rescuers pulled survivors")


def test_order_and_continuation(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Police fired tear gas at demonstrators in the capital.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    items = read(bad, tmp_path / "missing", good)
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Article"]


def test_stdin_plain_text() -> None:
    art = only(read("-", stdin=io.StringIO("The central bank raised interest rates on Thursday.\n"),
                    published="2022-09-22"))  # fmt: skip
    assert art.origin == "stdin" and art.published == "2022-09-22"
    assert "empty" in rejected(read("-", stdin=io.StringIO("  \n"))).reason


def test_stdin_jsonl_and_bytes() -> None:
    data = (
        json.dumps({"id": "s1", "text": "Israel and Hamas exchanged fire overnight."}) + "\n"
        "{oops}\n" + json.dumps({"id": "s2", "text": "Egypt brokered a truce."}) + "\n"
    )
    items = read("-", stdin=io.StringIO(data), published="2021-05-20")
    assert [i.origin for i in items] == ["stdin:1", "stdin:2", "stdin:3"]
    assert isinstance(items[0], Article) and items[0].published is None
    assert isinstance(items[1], Rejected)
    # a binary stdin (with .buffer) is decoded like a file: Latin-1 detected
    stream = io.TextIOWrapper(io.BytesIO(LATIN1.encode("latin-1")), encoding="utf-8")
    assert only(read("-", stdin=stream)).text == LATIN1
    stream = io.TextIOWrapper(io.BytesIO(b"\x00\x00binary"), encoding="utf-8")
    assert "binary" in rejected(read("-", stdin=stream)).reason


def test_stdin_html_and_single_json() -> None:
    art = only(read("-", stdin=io.StringIO(PAGE)))
    assert art.title == "Ceasefire talks resume in Cairo"
    obj = json.dumps({"id": "one", "text": "Mali's junta expelled the French ambassador."}, indent=2)
    art = only(read("-", stdin=io.StringIO(obj)))
    assert art.id == "one" and art.origin == "stdin"


# -- language hook -------------------------------------------------------------------------


def test_language_hook(tmp_path: Path) -> None:
    f = tmp_path / "de.txt"
    f.write_text("Die Regierung hat am Montag neue Sanktionen angekündigt.")

    def detector(text: str) -> str | None:
        return "de" if " die " in f" {text.lower()} " else "en"

    r = rejected(read(f, detect_language=detector))
    assert "'de'" in r.reason and "not supported" in r.reason
    assert only(read(f, detect_language=detector, languages=None)).language == "de"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "fr", "language": "fr", "text": "Le gouvernement a démissionné."}) + "\n"
    )
    assert "'fr'" in rejected(read(feed)).reason


# -- into the store ------------------------------------------------------------------------


def test_read_analyse_store_idempotent(tmp_path: Path, nlp: object) -> None:
    """What `newswire ingest` does: read a folder, analyse, store; a second run stores nothing."""
    import newswire
    from newswire.store import Store

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Russian officials said Tuesday the army will hold drills with Uzbekistan.")
    (src / "b.jsonl").write_text(
        json.dumps(
            {"id": "b1", "text": "Kenyan teachers went on strike on Monday.", "published": "2022-03-07"}
        )
        + "\n"
        + json.dumps(
            {"id": "b2", "text": "russian officials said tuesday the army will hold drills with uzbekistan."}
        )
        + "\n"
    )
    with Store.open(str(tmp_path / "news.db")) as store:
        for _round in range(2):
            stored = 0
            for item in iter_inputs([str(src)], published="2021-07-20"):
                assert isinstance(item, Article)
                if store.has_document(item.hash):
                    continue
                rec = newswire.analyze(
                    item.text, published=item.published, id=item.id, title=item.title, nlp=nlp
                )  # type: ignore[arg-type]
                stored += store.add(rec, text_hash=item.hash, origin=item.origin)
            assert stored == (2 if _round == 0 else 0)  # b2 is a case-only duplicate of a.txt
        assert store.count_documents() == 2
        assert {d["origin"] for d in store.documents()} == {str(src / "a.txt"), f"{src / 'b.jsonl'}:1"}


def test_html_legacy_encodings(tmp_path: Path) -> None:
    body = f"<html><body><article><p>{LATIN1}</p></article></body></html>"
    undeclared = tmp_path / "latin1.html"
    undeclared.write_bytes(body.encode("latin-1"))
    assert only(read(undeclared)).text == LATIN1
    croatian = (
        "Zastupnici u Zagrebu su u četvrtak glasali o proračunu, rekao je ministar financija. "
        "Šef vlade je čestitao zastupnicima na brzom dogovoru."
    )
    declared = tmp_path / "cp1250.html"
    declared.write_bytes(
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head>'
            f"<body><article><p>{croatian}</p></article></body></html>"
        ).encode("cp1250")
    )
    assert only(read(declared)).text == croatian
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"<html>\x00\x00\x00\x01\x02")
    assert "binary" in rejected(read(binary)).reason


def test_rejected_is_an_input_error_and_pickles() -> None:
    import pickle

    r = Rejected("feed.jsonl:3", "malformed JSON: Expecting value (column 1)")
    assert isinstance(r, InputError)
    assert (r.origin, r.source, r.reason) == (
        "feed.jsonl:3",
        "feed.jsonl:3",
        "malformed JSON: Expecting value (column 1)",
    )
    assert str(r) == "feed.jsonl:3: malformed JSON: Expecting value (column 1)"
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.reason == r.reason
    with pytest.raises(InputError, match="feed.jsonl:3"):
        raise r
