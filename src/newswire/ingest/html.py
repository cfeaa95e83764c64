"""Article text and metadata from HTML, by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass


__all__ = ["HtmlArticle", "extract_html", "looks_like_html"]

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

    doc = trafilatura.bare_extraction(
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
        language=doc.language or None,
    )
