"""``POST /api/documents``: analyse and store posted articles the way ``newswire ingest`` does.

The body is one JSON object, a JSON array of objects, or JSON Lines, each object with ``text`` or
``html`` and optional ``title``, ``published``, ``url``, ``source``, ``id`` (the fields of an
ingest JSONL line, read by :func:`newswire.ingest.article_from_object`). An object with only a
``url`` asks the server to fetch it: allowed only when the server was started with
``--allow-fetch``, and then through :class:`~newswire.ingest.fetch.SafeFetcher` (public addresses
only). As in ``newswire ingest``: exact and near duplicates of stored documents are recorded as
sources of the stored document without being analysed again; each new document is stored with
its extractions and event fusion in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from typing import Any

from ..article import Article, normalise_date
from ..ingest.fetch import Fetched
from ..ingest.readers import ReadOptions, article_from_object, read_url
from ..ingest.rejected import Rejected
from ..language import LanguageDetector
from ..store import Store

__all__ = ["BodyError", "IngestLimits", "ingest_objects", "parse_body", "wants_fetch"]

#: Media types read as JSON Lines (one object per line).
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/ndjson")
#: Longest value of each metadata field (characters).
FIELD_LIMITS = {"id": 255, "title": 1000, "url": 2000, "source": 255, "published": 64, "language": 16}


class BodyError(ValueError):
    """A request body that cannot be read at all (status: 400, or 413 for too many items)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class IngestLimits:
    """Limits of one write request."""

    #: Most articles per request (objects, lines, or entries of a fetched feed).
    max_items: int = 50
    #: Largest text of one article (UTF-8 bytes).
    max_text_bytes: int = 1_000_000


@dataclass
class _Outcome:
    input: int
    origin: str
    status: str
    document_id: str | None = None
    reason: str | None = None
    similarity: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"input": self.input, "origin": self.origin, "status": self.status}
        if self.document_id is not None:
            out["document_id"] = self.document_id
        if self.similarity is not None:
            out["similarity"] = round(self.similarity, 3)
        if self.reason is not None:
            out["reason"] = self.reason
        out.update(self.extra)
        return out


def parse_body(body: bytes, content_type: str, limits: IngestLimits) -> list[tuple[str, object]]:
    """The objects posted, each with a label naming it (``body``, ``item[3]``, ``line 4``): one
    JSON object, an array of them, or JSON Lines (a line that is not JSON becomes a
    :class:`Rejected`). Raises :class:`BodyError`."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BodyError(f"the body is not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise BodyError("empty body: post a JSON object with 'text', 'html' or 'url', or JSON Lines")
    media = content_type.split(";", 1)[0].strip().lower()
    items: list[tuple[str, object]]
    if media in JSONL_TYPES:
        items = _jsonl(text)
    else:
        try:
            data = json.loads(text)
        except RecursionError:
            raise BodyError("malformed JSON: nested too deeply") from None
        except json.JSONDecodeError as exc:
            lines = [ln for ln in text.splitlines() if ln.strip()]
            if len(lines) > 1 and lines[0].lstrip().startswith("{"):
                items = _jsonl(text)
            else:
                raise BodyError(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        else:
            items = [(f"item[{i}]", x) for i, x in enumerate(data)] if isinstance(data, list) else [("body", data)]
    if not items:
        raise BodyError("no articles in the body")
    if len(items) > limits.max_items:
        raise BodyError(f"too many articles: {len(items)} (at most {limits.max_items} per request)", 413)
    return items


def _jsonl(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"line {lineno}"
        try:
            out.append((label, json.loads(line)))
        except json.JSONDecodeError as exc:
            out.append((label, Rejected(label, f"malformed JSON: {exc.msg} (column {exc.colno})")))
        except RecursionError:
            out.append((label, Rejected(label, "malformed JSON: nested too deeply")))
    return out


def wants_fetch(obj: object) -> bool:
    """Whether a posted object asks the server to fetch its ``url`` (no ``text`` nor ``html``);
    ``obj`` may also be a ``(label, object)`` pair from :func:`parse_body`."""
    if isinstance(obj, tuple) and len(obj) == 2:
        obj = obj[1]
    if not isinstance(obj, dict):
        return False
    has_body = any(isinstance(obj.get(k), str) and obj[k].strip() for k in ("text", "html"))
    return not has_body and isinstance(obj.get("url"), str) and bool(obj["url"].strip())


def _metadata_problem(obj: dict[str, Any]) -> str | None:
    for key, limit in FIELD_LIMITS.items():
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            return f"{key!r} must be a string"
        value = str(value)
        if len(value) > limit:
            return f"{key!r} is {len(value)} characters, over the limit of {limit}"
        if "\x00" in value:
            return f"{key!r} contains a NUL character"
    for key in ("text", "html"):
        value = obj.get(key)
        if isinstance(value, str) and "\x00" in value:
            return f"{key!r} contains a NUL character"
    return None


def _articles(
    objects: list[tuple[str, object]],
    opts: ReadOptions,
    limits: IngestLimits,
    fetcher: Callable[[str], Fetched] | None,
) -> Iterator[tuple[int, Article | Rejected]]:
    """(input index, Article or Rejected) for every posted object (a fetched feed gives several)."""
    budget = limits.max_items
    for i, (origin, obj) in enumerate(objects):
        if isinstance(obj, Rejected):
            yield i, obj
            continue
        if not isinstance(obj, dict):
            yield i, Rejected(origin, f"expected a JSON object, got {type(obj).__name__}")
            continue
        problem = _metadata_problem(obj)
        if problem is not None:
            yield i, Rejected(origin, problem)
            continue
        if wants_fetch(obj):
            if fetcher is None:  # the caller checks first; never fetch without a guard
                yield i, Rejected(origin, "fetching URLs is disabled on this server")
                continue
            url = str(obj["url"]).strip()
            fetch_opts = replace(opts, fetcher=fetcher)
            for item in read_url(url, fetch_opts):
                if budget <= 0:
                    yield i, Rejected(url, f"more than {limits.max_items} articles in this request")
                    break
                budget -= 1
                if isinstance(item, Article):
                    for key in ("id", "title", "source"):
                        if obj.get(key) not in (None, ""):
                            setattr(item, key, str(obj[key]))
                    if obj.get("published") not in (None, ""):
                        item.published = normalise_date(obj["published"])
                    item.origin = item.url or url
                yield i, item
            continue
        if budget <= 0:
            yield i, Rejected(origin, f"more than {limits.max_items} articles in this request")
            continue
        budget -= 1
        item = article_from_object(obj, origin, opts, single=True)
        if isinstance(item, Article):
            item.origin = item.url or f"api:{item.id}"
        yield i, item


def _store_results(store: Store, results: Iterator[tuple[Article, Any]], by_article: dict[int, _Outcome]) -> None:
    """Store each analysed article (its duplicates check and fusion run in the write)."""
    for article, result in results:
        outcome = by_article[id(article)]
        if isinstance(result, str):
            outcome.status, outcome.reason = "rejected", result
            continue
        # the record starts with the article's reading warnings (a dropped date...): api.make_doc
        added = store.put(result, text_hash=article.hash, origin=article.origin)
        outcome.status, outcome.document_id = added.status, added.document_id
        if not added.stored:
            outcome.similarity = added.similarity


def ingest_objects(
    store: Store,
    objects: list[tuple[str, object]],
    *,
    limits: IngestLimits,
    fetcher: Callable[[str], Fetched] | None,
    analyse: Callable[[list[Article]], Generator[tuple[Article, Any], None, None]],
) -> dict[str, Any]:
    """Analyse and store the posted objects; the response body of ``POST /api/documents``.

    ``analyse`` runs the pipeline over fresh articles, yielding (article, Record or a failure
    reason) in order. Returns ``stored`` (new documents), ``duplicates`` (copies recorded as
    sources of a stored document), ``rejected`` (with reasons) and ``items`` (all of them, in
    input order).
    """
    opts = ReadOptions(max_bytes=limits.max_text_bytes, detect_language=LanguageDetector(prefer=("en",)), languages=frozenset({"en"}))
    outcomes: list[_Outcome] = []
    fresh: list[tuple[_Outcome, Article]] = []
    for i, item in _articles(objects, opts, limits, fetcher):
        if isinstance(item, Rejected):
            outcomes.append(_Outcome(i, item.origin, "rejected", reason=item.reason))
            continue
        # the readers already refused texts the tokenizer would choke on (text_problem)
        dup = store.note_duplicate(
            item.text, text_hash=item.hash, doc_id=item.id, origin=item.origin, url=item.url,
            source=item.source, title=item.title, published=item.published,
        )  # fmt: skip
        if dup is not None:
            outcomes.append(
                _Outcome(i, item.origin, dup.status, dup.document_id, similarity=dup.similarity, extra={"id": item.id})
            )
            continue
        notes = list(getattr(item, "warnings", None) or [])
        outcome = _Outcome(i, item.origin, "pending", extra={"id": item.id, **({"warnings": notes} if notes else {})})
        outcomes.append(outcome)
        fresh.append((outcome, item))
    if fresh:
        by_article = {id(article): outcome for outcome, article in fresh}
        with closing(analyse([a for _, a in fresh])) as results:  # releases the pipeline on errors too
            _store_results(store, results, by_article)
    items = [o.as_dict() for o in outcomes]
    return {
        "stored": [x for x in items if x["status"] == "stored"],
        "duplicates": [x for x in items if x["status"] in ("exact", "near")],
        "rejected": [x for x in items if x["status"] == "rejected"],
        "items": items,
    }
