"""newswire_events: placeholder being replaced by the events component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventsComponent:
    def __init__(self, nlp: Language, name: str, **cfg: object) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.newswire_events = []
        return doc


@Language.factory("newswire_events", default_config={})
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
