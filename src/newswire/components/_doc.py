"""The ``Doc._`` extensions newswire's components share, and helpers to read them.

Extensions (all default ``None`` until a component sets them):

- ``newswire_document``: dict of document metadata (``id``, ``title``, ``published``
  as YYYY-MM-DD or null, ``url``, ``source``, ``language``). Set before the pipeline runs.
- ``newswire_times``: list of time dicts (record ``times[]`` shape).
- ``newswire_actors``: list of actor dicts (record ``actors[]`` shape).
- ``newswire_places``: list of place dicts (record ``places[]`` shape).
- ``newswire_quotes``: list of quote dicts (record ``quotes[]`` shape).
- ``newswire_events``: list of event dicts (record ``events[]`` shape).
- ``newswire_warnings``: list of strings.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from spacy.tokens import Doc

EXTENSIONS = (
    "newswire_document",
    "newswire_times",
    "newswire_actors",
    "newswire_places",
    "newswire_quotes",
    "newswire_events",
    "newswire_warnings",
)


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def published_date(doc: Doc) -> _dt.date | None:
    """The document's publication date, or None when unknown."""
    meta = doc._.newswire_document or {}
    value = meta.get("published")
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def set_document(doc: Doc, meta: dict[str, Any]) -> Doc:
    """Attach document metadata to a Doc before the pipeline runs."""
    doc._.newswire_document = dict(meta)
    return doc


def add_warning(doc: Doc, message: str) -> None:
    warnings = doc._.newswire_warnings
    if warnings is None:
        warnings = []
        doc._.newswire_warnings = warnings
    if message not in warnings:
        warnings.append(message)


def char_to_token(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range [i, j) covering the characters [start, end), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return span.start, span.end


def actor_by_id(doc: Doc, actor_id: str | None) -> dict[str, Any] | None:
    for actor in doc._.newswire_actors or ():
        if actor["id"] == actor_id:
            return actor
    return None


def token_actor_index(doc: Doc) -> dict[int, str]:
    """Map each token index that lies inside an actor mention to the actor id."""
    index: dict[int, str] = {}
    for actor in doc._.newswire_actors or ():
        for start, end in actor["mentions"]:
            rng = char_to_token(doc, start, end)
            if rng is None:
                continue
            for i in range(*rng):
                index.setdefault(i, actor["id"])
    return index
