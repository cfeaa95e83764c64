"""Input readers: files, folders, feeds, URLs and stdin to :class:`~newswire.article.Article` objects.

>>> from newswire.ingest import iter_inputs, Rejected
>>> for item in iter_inputs(["articles/", "-"]):        # doctest: +SKIP
...     if isinstance(item, Rejected):
...         print(f"{item.origin}: {item.reason}")
...     else:
...         process(item)
"""

from __future__ import annotations

from .decode import decode_bytes
from .feeds import FEED_EXTENSIONS, fragment_text, looks_like_feed, read_feed
from .fetch import Fetched, fetch_url, is_url
from .html import extract_html
from .readers import (
    DEFAULT_MAX_BYTES,
    EXTENSIONS,
    Item,
    ReadOptions,
    article_from_object,
    iter_inputs,
    read_file,
    read_stdin,
    read_url,
)
from .rejected import Rejected

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "FEED_EXTENSIONS",
    "Fetched",
    "Item",
    "ReadOptions",
    "Rejected",
    "article_from_object",
    "decode_bytes",
    "extract_html",
    "fetch_url",
    "fragment_text",
    "is_url",
    "iter_inputs",
    "looks_like_feed",
    "read_feed",
    "read_file",
    "read_stdin",
    "read_url",
]
