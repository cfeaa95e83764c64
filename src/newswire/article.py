"""The input side: an :class:`Article` is one document to analyse."""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["MAX_FUTURE_DAYS", "MIN_YEAR", "Article", "check_date", "normalise_date", "publication_date", "text_hash"]

_WS = re.compile(r"\s+")
_UNSAFE = re.compile("[\ud800-\udfff]")
_UNSAFE_META = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_hash(text: str) -> str:
    """sha256 of the text after Unicode NFC and whitespace normalisation.

    Two inputs with the same hash are the same document (exact duplicates).
    """
    norm = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


#: Dates before this year are sentinels or typos, not publication dates ("0001-01-01" is Go's zero time).
MIN_YEAR = 1000
#: A publication date more than this many days after today is refused as a typo or placeholder.
MAX_FUTURE_DAYS = 366
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_MAX_DATE_CHARS = 200


def check_date(value: object) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD, None)`` for a readable full date, else ``(None, why not)``.

    ``(None, None)`` for no value at all (None or empty). Never raises.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        if value.year < MIN_YEAR:
            return None, f"year {value.year} is before {MIN_YEAR}"
        return value.isoformat(), None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"a {type(value).__name__} is not a date"
    text = str(value).strip()
    if not text:
        return None, None
    if len(text) > _MAX_DATE_CHARS:
        return None, f"over {_MAX_DATE_CHARS} characters"
    m = _ISO_DATE.match(text)
    if m:
        try:
            date = _dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            return None, f"no such day ({exc})"
    else:
        date_or_problem = _parse_written(text)
        if isinstance(date_or_problem, str):
            return None, date_or_problem
        date = date_or_problem
    if date.year < MIN_YEAR:
        return None, f"year {date.year} is before {MIN_YEAR}"
    return date.isoformat(), None


def _parse_written(text: str) -> _dt.date | str:
    """A full date written out ("July 20, 2021", "20 Jul 2021 10:00 GMT"), else why not."""
    from dateutil import parser as _parser

    found = []
    for default in (_dt.datetime(1, 1, 1), _dt.datetime(2, 2, 2)):
        try:
            found.append(_parser.parse(text, default=default, ignoretz=True).date())
        except (ValueError, OverflowError, TypeError, ArithmeticError):
            return "not a date"
        except Exception:  # noqa: BLE001 - dateutil's parser raises assorted errors on odd input
            return "not a date"
    if found[0] != found[1]:
        return "not a full date (needs year, month and day)"
    return found[0]


def normalise_date(value: object) -> str | None:
    """A date as YYYY-MM-DD, or None when it cannot be read.

    Accepts dates, datetimes and strings in ISO or common written forms
    ("2021-07-20", "2021-07-20T10:00:00Z", "July 20, 2021", "20 Jul 2021").
    Impossible dates (0000-00-00, 31 February, 99/99/9999), partial ones ("July 2021")
    and years before :data:`MIN_YEAR` give None. Never raises.
    """
    return check_date(value)[0]


def publication_date(value: object, *, today: _dt.date | None = None) -> tuple[str | None, str | None]:
    """A publication date checked as :func:`check_date` does, and not far in the future.

    Returns ``(YYYY-MM-DD or None, warning or None)``; the warning names the value and says
    why it was dropped (the document is then analysed without a publication date).
    """
    date, problem = check_date(value)
    if date is not None:
        limit = (today or _dt.date.today()) + _dt.timedelta(days=MAX_FUTURE_DAYS)
        if _dt.date.fromisoformat(date) > limit:
            date, problem = None, f"more than {MAX_FUTURE_DAYS} days in the future"
    if problem is None:
        return date, None
    shown = str(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return None, f"publication date {shown!r} ignored: {problem}"


@dataclass
class Article:
    """A document to analyse, with its metadata.

    ``origin`` names where it came from (a path, ``path:LINE`` for JSONL, a URL or
    ``stdin``) and is used in error messages. A ``published`` value that is not a real full
    date (0000-00-00, 2021-02-31, "July 2021") or lies more than a year ahead becomes None,
    with the reason in ``warnings``.
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
    #: Problems met while reading the input (a dropped date, a language mismatch).
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if _UNSAFE.search(self.text):
            # lone surrogates (from JSON "\\ud800") cannot be encoded: one U+FFFD each, offsets kept
            self.text = _UNSAFE.sub("\ufffd", self.text)
        for key in ("id", "title", "url", "source"):
            value = getattr(self, key)
            if value is not None and _UNSAFE_META.search(value):
                setattr(self, key, _UNSAFE_META.sub("", value) or None)
        self.published = self.set_published(self.published)
        if not self.id:
            self.id = text_hash(self.text)[:16]

    def set_published(self, value: object) -> str | None:
        """Set (and return) the publication date from ``value``; a bad one is dropped with a warning."""
        date, problem = publication_date(value)
        if problem is not None and problem not in self.warnings:
            self.warnings.append(problem)
        self.published = date
        return date

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
