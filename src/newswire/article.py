"""The input side: an :class:`Article` is one document to analyse."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Article", "normalise_date", "text_hash"]

_WS = re.compile(r"\s+")


def text_hash(text: str) -> str:
    """sha256 of the text after Unicode NFC and whitespace normalisation.

    Two inputs with the same hash are the same document (exact duplicates).
    """
    norm = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def normalise_date(value: object) -> str | None:
    """A publication date as YYYY-MM-DD, or None when it cannot be read.

    Accepts dates, datetimes and strings in ISO or common written forms
    ("2021-07-20", "2021-07-20T10:00:00Z", "July 20, 2021", "20 Jul 2021").
    Impossible dates (0000-00-00, 31 February) give None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    from dateutil import parser as _parser

    try:
        parsed = _parser.parse(text, default=_dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year < 1000:
        return None
    return parsed.date().isoformat()


@dataclass
class Article:
    """A document to analyse, with its metadata.

    ``origin`` names where it came from (a path, ``path:LINE`` for JSONL, a URL or
    ``stdin``) and is used in error messages.
    """

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = "<text>"
    language: str | None = "en"
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.published = normalise_date(self.published)
        if not self.id:
            self.id = text_hash(self.text)[:16]

    @property
    def hash(self) -> str:
        return text_hash(self.text)

    def metadata(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "source": self.source,
            "language": self.language,
        }
