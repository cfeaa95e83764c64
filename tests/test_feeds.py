"""RSS/Atom feeds as inputs (newswire.ingest.feeds) and the fetch function, against a local server."""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from newswire.article import Article
from newswire.ingest import Rejected, iter_inputs
from newswire.ingest.feeds import fragment_text, looks_like_feed
from newswire.ingest.fetch import fetch_url

PARAS = [
    (
        "Chile's government announced on Monday a plan to raise the minimum wage in two steps this year, "
        "after weeks of talks with the country's largest labour federation."
    ),
    (
        "Labour Minister Jeannette Jara said the increase would reach workers in small businesses first, "
        "with subsidies paid from the general budget to help employers absorb the cost."
    ),
    (
        "The federation welcomed the agreement but warned that it would keep pressing for a shorter working "
        "week, a promise the coalition made during the presidential campaign."
    ),
]
CONTENT = "".join(f"<p>{p}</p>" for p in PARAS)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Andes Wire</title>
  <link>https://andes.example/</link>
  <item>
    <title>Chile to raise minimum wage</title>
    <link>https://andes.example/chile-wage</link>
    <guid isPermaLink="false">andes-1001</guid>
    <pubDate>Mon, 11 Apr 2022 21:30:00 -0400</pubDate>
    <description>Chile will raise the minimum wage.</description>
    <content:encoded><![CDATA[{CONTENT}]]></content:encoded>
  </item>
  <item>
    <title>Peru's congress rejects impeachment motion</title>
    <link>https://andes.example/peru-vote</link>
    <pubDate>Tue, 12 Apr 2022 09:00:00 +0000</pubDate>
    <description>Lawmakers voted.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Baltic Desk</title>
  <id>urn:uuid:baltic-desk</id>
  <updated>2022-03-02T10:00:00Z</updated>
  <entry>
    <title>Estonia expels Russian diplomat</title>
    <id>urn:uuid:baltic-1</id>
    <link href="https://baltic.example/estonia-expels"/>
    <published>2022-03-01T18:00:00+02:00</published>
    <updated>2022-03-02T08:00:00+02:00</updated>
    <content type="html">&lt;p&gt;Estonia expelled a Russian diplomat on Tuesday, accusing him of undermining the
    country's security, the foreign ministry in Tallinn said.&lt;/p&gt;&lt;p&gt;Moscow said it would respond.&lt;/p&gt;</content>
  </entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>x</title><description>&lol9;</description></item></channel></rss>
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Peru's congress rejects impeachment motion | Andes Wire</title>
<meta property="og:title" content="Peru's congress rejects impeachment motion">
<meta property="article:published_time" content="2022-04-11T23:10:00-05:00">
<meta name="author" content="Lucia Quispe">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Peru's congress rejects impeachment motion</h1>
<p>Peru's congress on Monday rejected a motion to remove President Pedro Castillo from office, the second
such attempt since he took office in July, after opposition lawmakers failed to gather enough votes.</p>
<p>Fifty-five legislators voted in favour of removing Castillo for "permanent moral incapacity", short of the
87 votes needed, while 54 voted against and 19 abstained, according to the official count.</p>
<p>Castillo, a former rural schoolteacher, thanked lawmakers who voted against the motion and called for
dialogue with the opposition to tackle rising fuel and food prices that have set off protests.</p>
</article>
<footer>Copyright Andes Wire</footer>
</body></html>
"""


def arts(items: list[object]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def rejs(items: list[object]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


def test_rss_entries_with_full_content(tmp_path: Path):
    feed = tmp_path / "andes.rss"
    feed.write_text(RSS, encoding="utf-8")
    items = list(iter_inputs([str(feed)]))
    [a] = arts(items)
    assert a.title == "Chile to raise minimum wage"
    assert a.published == "2022-04-11"  # the feed's local date, not shifted to UTC
    assert a.url == "https://andes.example/chile-wage" and a.id == "andes-1001"
    assert a.source == "Andes Wire" and a.origin == f"{feed}[0]"
    assert a.text.split("\n\n") == PARAS
    [r] = rejs(items)
    assert r.origin == f"{feed}[1]" and "--fetch" in r.reason


def test_atom_feed_in_a_folder_and_sniffed_without_extension(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "baltic.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "news" / "feed").write_text(ATOM, encoding="utf-8")  # no extension: skipped in folders
    [a] = arts(list(iter_inputs([str(tmp_path / "news")])))
    assert a.title == "Estonia expels Russian diplomat" and a.published == "2022-03-01"
    assert a.text.startswith("Estonia expelled a Russian diplomat") and "Moscow said" in a.text
    [b] = arts(list(iter_inputs([str(tmp_path / "news" / "feed")])))  # named explicitly: sniffed
    assert b.text == a.text
    [c] = arts(list(iter_inputs(["-"], stdin=io.BytesIO(ATOM.encode()))))
    assert c.title == a.title


def test_entity_declarations_are_refused_quickly(tmp_path: Path):
    bomb = tmp_path / "laughs.xml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    t0 = time.monotonic()
    [r] = list(iter_inputs([str(bomb)]))
    assert time.monotonic() - t0 < 2
    assert isinstance(r, Rejected) and "entit" in r.reason
    # also when the entity is external (XXE)
    xxe = tmp_path / "xxe.rss"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><description>&x;</description></item></channel></rss>"
    )
    [r2] = list(iter_inputs([str(xxe)]))
    assert isinstance(r2, Rejected) and "entit" in r2.reason


def test_malformed_and_non_feeds_are_rejected_with_a_reason(tmp_path: Path):
    broken = tmp_path / "broken.rss"
    broken.write_text(RSS[: len(RSS) // 2], encoding="utf-8")
    [r] = list(iter_inputs([str(broken)]))
    assert isinstance(r, Rejected) and "malformed feed" in r.reason
    other = tmp_path / "config.xml"
    other.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    [r2] = list(iter_inputs([str(other)]))
    assert isinstance(r2, Rejected) and "not an RSS or Atom feed" in r2.reason
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    [r3] = list(iter_inputs([str(empty)]))
    assert isinstance(r3, Rejected) and "no entries" in r3.reason


def test_fragment_text_and_feed_sniffing():
    assert fragment_text("<p>One <b>bold</b> claim.</p><p>Two&nbsp;more.</p><script>x()</script>") == (
        "One bold claim.\n\nTwo more."
    )
    assert fragment_text("plain   text") == "plain text"
    assert looks_like_feed(RSS) and looks_like_feed(ATOM.encode()) and looks_like_feed(BILLION_LAUGHS)
    assert not looks_like_feed("<!doctype html><html><body>x</body></html>")
    assert not looks_like_feed("Just a sentence about <rss> feeds.")


# -- fetching, from a server on 127.0.0.1 only -------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        ctype, body = self.routes.get(self.path, ("text/plain", b""))
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = RSS.replace("https://andes.example/peru-vote", f"{base}/peru-vote")
    _Handler.routes = {
        "/feed.rss": ("application/rss+xml", feed.encode()),
        "/peru-vote": ("text/html; charset=utf-8", PAGE.encode()),
        "/big": ("text/plain", b"x" * 300_000),
        "/slow": ("text/plain", b"late"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_fetch_url_limits(server: str):
    ok = fetch_url(f"{server}/feed.rss")
    assert ok.data.startswith(b"<?xml") and "rss" in ok.content_type
    with pytest.raises(Rejected, match="over the limit"):
        fetch_url(f"{server}/big", max_bytes=100_000)
    with pytest.raises(Rejected, match="timed out|cannot fetch"):
        fetch_url(f"{server}/slow", timeout=0.5)
    with pytest.raises(Rejected, match="404"):
        fetch_url(f"{server}/missing")
    with pytest.raises(Rejected, match="http"):
        fetch_url("file:///etc/passwd")


def test_feed_url_and_linked_pages_with_fetch(server: str):
    items = list(iter_inputs([f"{server}/feed.rss"], fetch=True))
    a, b = arts(items)
    assert a.title == "Chile to raise minimum wage" and "fetched" not in a.extra
    assert b.extra.get("fetched") is True
    assert b.text.startswith("Peru's congress on Monday rejected a motion")
    assert "Copyright" not in b.text and "Home" not in b.text
    assert b.published == "2022-04-11"  # the page's own date wins over the feed's 2022-04-12
    assert b.url == f"{server}/peru-vote" and b.source == "Andes Wire"
    # without --fetch the linked page is not read
    without = list(iter_inputs([f"{server}/feed.rss"]))
    assert len(arts(without)) == 1 and "--fetch" in rejs(without)[0].reason


def test_ingest_command_reads_a_feed_and_names_rejected_entries(tmp_path: Path):
    from click.testing import CliRunner

    from newswire.cli import main
    from newswire.store import Store

    feed = tmp_path / "andes.rss"
    feed.write_text(RSS, encoding="utf-8")
    db = tmp_path / "feed.db"
    result = CliRunner().invoke(main, ["ingest", str(feed), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1, result.output
    assert "stored 1 document(s)" in result.stderr
    assert f"{feed}[1]: feed entry has no content" in result.stderr
    with Store.open(db) as store:
        [doc] = store.documents()
        assert (doc["doc_id"], doc["published"], doc["source"]) == ("andes-1001", "2022-04-11", "Andes Wire")
        assert store.document_sources("andes-1001")[0]["origin"] == f"{feed}[0]"
