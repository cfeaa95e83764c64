"""RSS and Atom feeds (feedparser): one Article per entry.

An entry's text is its full content (``content:encoded``, Atom ``content``) when the feed
carries it; otherwise, when fetching is allowed (``--fetch``), the page the entry links to
(through :func:`~newswire.ingest.fetch.fetch_url`, article text by trafilatura); otherwise its
summary when that is a real text (at least :data:`MIN_SUMMARY_WORDS` words). Anything else is
rejected with the reason. Publication dates come from the input, then the page's metadata,
then the feed entry.

Untrusted XML: a feed that declares entities anywhere (``<!DOCTYPE ... [<!ENTITY ...>]>``, the
"billion laughs" and external-entity attacks) is refused before any parser sees it, whatever
its encoding (UTF-16, UTF-7, ...) or the comments around its DOCTYPE; malformed XML is refused
with the parser's message.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..article import Article, normalise_date
from .decode import decode_html
from .fetch import Fetched, fetch_url
from .html import PARSER_DEPTH, extract_html, nesting_depth, plain_text
from .rejected import Rejected

if TYPE_CHECKING:
    from .readers import Item, ReadOptions

__all__ = ["FEED_EXTENSIONS", "MIN_SUMMARY_WORDS", "fragment_text", "looks_like_feed", "read_feed"]

#: File extensions read as feeds (content sniffing finds feeds under other names too).
FEED_EXTENSIONS = (".rss", ".atom", ".xml")
#: A summary shorter than this is a teaser, not the article.
MIN_SUMMARY_WORDS = 40

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_PROLOG_ITEM = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>)", re.DOTALL | re.IGNORECASE
)
_FEED_ROOT = re.compile(r"\s*<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "hr",
        "dd",
        "dt",
        "dl",
    ]
)
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")
_BENIGN = ("CharacterEncodingOverride", "NonXMLContentType")

Fetcher = Callable[[str], Fetched]


def _head_text(data: str | bytes, size: int = 8192) -> str:
    """The start of a document as text: UTF-8, or UTF-16/32 by byte-order mark or NUL pattern."""
    if isinstance(data, str):
        return data[:size]
    head = data[:size]
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if head.startswith(bom):
            return head.decode(enc, "replace")
    if b"\x00" in head[:64]:
        nul_even = head[0:64:2].count(0)
        nul_odd = head[1:64:2].count(0)
        return head.decode("utf-16-be" if nul_even > nul_odd else "utf-16-le", "replace")
    return head.decode("utf-8", "replace")


def looks_like_feed(text: str | bytes) -> bool:
    """Whether a document's first element is an RSS (``<rss>``, RSS 1.0 ``<rdf:RDF>``) or Atom (``<feed>``) root.

    The XML declaration, comments, processing instructions and a DOCTYPE (with its internal
    subset) before the root are skipped; UTF-16/32 documents are read as such.
    """
    head = _head_text(text).lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(head, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
    return bool(_FEED_ROOT.match(head, pos))


def _refuse_entities(data: bytes, origin: str) -> None:
    """Raise :class:`Rejected` when the document declares XML entities (expansion attacks).

    Any ``<!ENTITY`` outside CDATA counts, wherever it stands (an entity can only be declared
    in a DOCTYPE, and news feeds never need one). NUL bytes are dropped first, so UTF-16/32
    cannot hide one, and a feed in an encoding that spells ``<!ENTITY`` differently (UTF-7,
    EBCDIC) is decoded first.
    """
    views = [data.replace(b"\x00", b"") if b"\x00" in data[:4096] else data]
    m = _XML_ENCODING.match(views[0][:1024])
    if m:
        try:
            enc = codecs.lookup(m.group(1).decode("ascii")).name
            if "<!ENTITY".encode(enc, "replace") != b"<!ENTITY" or enc in ("utf-7", "utf_7"):
                views.append(data.decode(enc, "replace").encode("utf-8", "replace"))
        except (LookupError, ValueError, UnicodeError):
            pass
    for view in views:
        if _ENTITY_DECL.search(_CDATA.sub(b"", view) if b"<![CDATA[" in view else view):
            raise Rejected(
                origin,
                "feed declares XML entities (<!ENTITY ...>; refused: entity expansion attacks such as "
                "'billion laughs')",
            )


def fragment_text(html: str) -> str:
    """The readable text of an HTML fragment (feed content): blocks become paragraphs."""
    import lxml.html
    from lxml import etree

    if "<" not in html:
        return _tidy(html)
    if nesting_depth(html) > PARSER_DEPTH:  # lxml would drop the deeper text
        return plain_text(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, etree.LxmlError, ValueError, TypeError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.tail = "\n\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n\n" + (el.text or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.replace("\r", "\n").split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def _entry_date(entry: Any) -> str | None:
    """The entry's date as given (the first readable one, else the first one, for a warning)."""
    first = None
    for key in ("published", "updated", "created"):
        raw = dict.get(entry, key)  # plain dict access: no feedparser key fallbacks or warnings
        if raw and isinstance(raw, str):
            first = first or raw
            if normalise_date(raw):
                return raw
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if parsed:
            try:
                return dt.date(parsed[0], parsed[1], parsed[2]).isoformat()
            except (ValueError, TypeError, IndexError):
                continue
    return first


def _content_html(entry: Any) -> str | None:
    """The entry's full content (the longest of its content parts), or None."""
    parts = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if not parts:
        return None
    best = max(parts, key=lambda c: len(c.get("value") or ""))
    value: str = best.get("value") or ""
    return value if "html" in (best.get("type") or "html") else value.replace("<", "&lt;")


def _fetch_page(link: str, origin: str, fetcher: Fetcher) -> tuple[str, dict[str, str | None]]:
    """Fetch and extract the linked page: (text, metadata) or raise Rejected."""
    try:
        fetched = fetcher(link)
    except Rejected as exc:
        raise Rejected(origin, f"cannot fetch the linked page {link}: {exc.reason}") from None
    text, _ = decode_html(fetched.data, origin)
    try:
        page = extract_html(text, url=fetched.url)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise assorted errors on broken markup
        raise Rejected(origin, f"cannot parse the linked page {link}: {exc}") from None
    if page is None:
        raise Rejected(origin, f"no article text found in the linked page {link}")
    meta = {"title": page.title, "published": page.published, "author": page.author, "url": page.url}
    return page.text, meta


def _entry_article(
    entry: Any, index: int, name: str, source: str | None, opts: ReadOptions, language: str | None = None
) -> Item:
    from .readers import _finish

    origin = f"{name}[{index}]"
    link = entry.get("link") or None
    title = (entry.get("title") or "").strip() or None
    published = _entry_date(entry)
    extra: dict[str, object] = {}
    if entry.get("author"):
        extra["author"] = entry.get("author")
    html = _content_html(entry)
    text: str | None = fragment_text(html) if html else None
    if not text and link and opts.fetch:
        fetcher: Fetcher = opts.fetcher or (
            lambda url: fetch_url(url, timeout=opts.fetch_timeout, max_bytes=opts.max_bytes * 4)
        )
        try:
            text, meta = _fetch_page(link, origin, fetcher)
        except Rejected as exc:
            return exc
        # dates: the page's metadata first, then the feed's
        published = meta["published"] if normalise_date(meta["published"]) else published
        title = title or meta["title"]
        if meta["author"]:
            extra.setdefault("author", meta["author"])
        extra["fetched"] = True
    if not text:
        summary = fragment_text(entry.get("summary") or "")
        if len(summary.split()) >= MIN_SUMMARY_WORDS:
            text = summary
            extra["from_summary"] = True
        elif link and not opts.fetch:
            return Rejected(
                origin,
                "feed entry has no content (only a title or teaser); pass --fetch to read the linked page",
            )
        else:
            return Rejected(origin, "feed entry has no content")
    raw_id = entry.get("id") or link
    article = Article(
        text=text,
        id=str(raw_id) if raw_id else None,
        title=title,
        published=published,
        url=link,
        source=source,
        origin=origin,
        extra=extra,
        language=language,
    )
    return _finish(article, opts, single=False)


def read_feed(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """Every entry of an RSS/Atom feed as an Article (or a Rejected with its reason)."""
    try:
        _refuse_entities(data, name)
    except Rejected as exc:
        yield exc
        return
    import feedparser

    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser's fallback parser raises assorted errors
        yield Rejected(name, f"malformed feed: {exc}")
        return
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        if type(problem).__name__ not in _BENIGN:
            yield Rejected(name, f"malformed feed (not well-formed XML): {problem}")
            return
    if not parsed.get("version") and not parsed.entries:
        yield Rejected(name, "not an RSS or Atom feed")
        return
    if not parsed.entries:
        yield Rejected(name, "feed has no entries")
        return
    source = (parsed.feed.get("title") or "").strip() or None
    feed_language = parsed.feed.get("language") or None
    for i, entry in enumerate(parsed.entries):
        contents = entry.get("content") or []
        language = next((c.get("language") for c in contents if c.get("language")), None)
        yield _entry_article(entry, i, name, source, opts, language or feed_language)
