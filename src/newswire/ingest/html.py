"""Article text and metadata from HTML, by trafilatura."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

__all__ = [
    "PARSER_DEPTH",
    "HtmlArticle",
    "declared_language",
    "extract_html",
    "looks_like_html",
    "nesting_depth",
    "plain_text",
]

#: libxml2 (under lxml and trafilatura) keeps no element nested deeper than this.
PARSER_DEPTH = 255

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^>]*?(/?)>")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
     "wbr", "basefont", "frame", "isindex", "keygen"]
)  # fmt: skip
_SKIP = frozenset(["script", "style", "noscript", "template", "head", "title", "svg", "math"])
_BLOCK = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
     "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "dl", "main",
     "aside", "nav", "td", "th"]
)  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")

_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass
class HtmlArticle:
    """What trafilatura found in a page."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether text starts like an HTML document."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "<" == head[:1])


def extract_html(html: str | bytes, url: str | None = None) -> HtmlArticle | None:
    """The main text and metadata of an HTML page, or None when there is no article text.

    A first line repeating the title (the page's headline) is left out of the text; the title
    stays in the metadata.
    """
    import trafilatura  # imported on first use: it is slow to import

    doc: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return None
    text = (doc.text or "").strip()
    title = (doc.title or "").strip() or None
    if title and text:
        first, _, rest = text.partition("\n")
        if first.strip().casefold() == title.casefold() and rest.strip():
            text = rest.strip()
    if not text:
        return None
    return HtmlArticle(
        text=text,
        title=title,
        published=doc.date or None,
        author=doc.author or None,
        sitename=doc.sitename or None,
        url=doc.url or None,
        language=doc.language or declared_language(html),
    )


_HTML_LANG = re.compile(r"<html\b[^>]{0,500}?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)
_META_LANG = re.compile(
    r"<meta\b[^>]{0,300}?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)[^>]{0,300}?>", re.IGNORECASE
)
_CONTENT = re.compile(r"\bcontent\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)


def declared_language(html: str | bytes) -> str | None:
    """The language a page declares: ``<html lang>``, else Content-Language or ``og:locale`` meta."""
    head = html[:16384]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    m = _HTML_LANG.search(head)
    if m:
        return m.group(1)
    for meta in _META_LANG.finditer(head):
        c = _CONTENT.search(meta.group(0))
        if c:
            return c.group(1)
    return None


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest at most (a cheap count of open and close tags)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, selfclose = m.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not selfclose and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


class _TextParser(HTMLParser):
    """Text of a page without building a tree (so without a nesting limit)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """All visible text of a page (no boilerplate removal), blocks as paragraphs.

    For pages lxml cannot hold (nested past :data:`PARSER_DEPTH`); stdlib's parser keeps no tree.
    """
    parser = _TextParser()
    with contextlib.suppress(Exception):  # keep what was read before a parser error
        parser.feed(html)
        parser.close()
    text = "".join(parser.parts)
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.replace("\r", "\n").split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
