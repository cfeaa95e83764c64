"""RSS and Atom feeds (feedparser): one Article per entry.

An entry's text is its full content (``content:encoded``, Atom ``content``) when the feed
carries it; otherwise, when fetching is allowed (``--fetch``), the page the entry links to
(through :func:`~newswire.ingest.fetch.fetch_url`, article text by trafilatura); otherwise its
summary when that is a real text (at least :data:`MIN_SUMMARY_WORDS` words). Anything else is
rejected with the reason. Publication dates come from the input, then the page's metadata,
then the feed entry.

Untrusted XML: a feed whose prolog declares entities (``<!DOCTYPE ... [<!ENTITY ...>]>``, the
"billion laughs" and external-entity attacks) is refused before any parser sees it; malformed
XML is refused with the parser's message.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..article import Article, normalise_date
from .decode import decode_html
from .fetch import Fetched, fetch_url
from .html import extract_html
from .rejected import Rejected

if TYPE_CHECKING:
    from .readers import Item, ReadOptions

__all__ = ["FEED_EXTENSIONS", "MIN_SUMMARY_WORDS", "fragment_text", "looks_like_feed", "read_feed"]

#: File extensions read as feeds (content sniffing finds feeds under other names too).
FEED_EXTENSIONS = (".rss", ".atom", ".xml")
#: A summary shorter than this is a teaser, not the article.
MIN_SUMMARY_WORDS = 40

_PROLOG_END = re.compile(rb"<(?![?!])")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
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


def looks_like_feed(text: str | bytes) -> bool:
    """Whether a document's first element is an RSS (``<rss>``, RSS 1.0 ``<rdf:RDF>``) or Atom (``<feed>``) root."""
    head = text[:4096]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    head = head.lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    # skip the XML declaration, comments, processing instructions and DOCTYPE
    m = re.search(r"<(?![?!])", head)
    return bool(m and _FEED_ROOT.match(head, m.start()))


def _refuse_entities(data: bytes, origin: str) -> None:
    """Raise :class:`Rejected` when the XML prolog declares entities (expansion attacks)."""
    m = _PROLOG_END.search(data)
    prolog = data[: m.start()] if m else data
    if _DOCTYPE.search(prolog) and _ENTITY_DECL.search(prolog):
        raise Rejected(
            origin,
            "feed declares XML entities in its DOCTYPE (refused: entity expansion, e.g. 'billion laughs')",
        )


def fragment_text(html: str) -> str:
    """The readable text of an HTML fragment (feed content): blocks become paragraphs."""
    import lxml.html
    from lxml import etree

    if "<" not in html:
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
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
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            date = normalise_date(raw)
            if date:
                return date
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


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


def _entry_article(entry: Any, index: int, name: str, source: str | None, opts: ReadOptions) -> Item:
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
        published = normalise_date(meta["published"]) or published
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
    for i, entry in enumerate(parsed.entries):
        yield _entry_article(entry, i, name, source, opts)
