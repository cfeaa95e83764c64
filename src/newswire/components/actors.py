"""newswire_actors: placeholder being replaced by the actors component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ActorsComponent:
    def __init__(self, nlp: Language, name: str, **cfg: object) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.newswire_actors = []
        return doc


@Language.factory("newswire_actors", default_config={"kb_files": []})
def make_actors(nlp: Language, name: str, kb_files: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name)
