"""Turn a processed spaCy Doc into a :class:`~newswire.record.Record`."""

from __future__ import annotations

from spacy.tokens import Doc

from .record import Document, Record

__all__ = ["doc_to_record"]


def doc_to_record(doc: Doc) -> Record:
    """Assemble (and validate) the record from the Doc's newswire extensions."""
    meta = dict(doc._.newswire_document or {})
    meta.setdefault("id", "doc")
    document = Document.model_validate(
        {k: meta.get(k) for k in ("id", "title", "published", "url", "source", "language")}
    )
    return Record.model_validate(
        {
            "document": document,
            "text": doc.text,
            "actors": doc._.newswire_actors or [],
            "events": doc._.newswire_events or [],
            "quotes": doc._.newswire_quotes or [],
            "times": doc._.newswire_times or [],
            "places": doc._.newswire_places or [],
            "warnings": doc._.newswire_warnings or [],
        }
    )
