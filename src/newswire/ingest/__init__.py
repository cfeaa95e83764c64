"""Input readers: files, folders and stdin to :class:`~newswire.article.Article` objects.

>>> from newswire.ingest import iter_inputs, Rejected
>>> for item in iter_inputs(["articles/", "-"]):        # doctest: +SKIP
...     if isinstance(item, Rejected):
...         print(f"{item.origin}: {item.reason}")
...     else:
...         process(item)
"""

from __future__ import annotations

from .decode import decode_bytes
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
)
from .rejected import Rejected

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "Item",
    "ReadOptions",
    "Rejected",
    "article_from_object",
    "decode_bytes",
    "extract_html",
    "iter_inputs",
    "read_file",
    "read_stdin",
]
