"""newswire_places: placeholder being replaced by the places component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class PlacesComponent:
    def __init__(self, nlp: Language, name: str, **cfg: object) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.newswire_places = []
        return doc


@Language.factory("newswire_places", default_config={})
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)
