"""newswire_quotes: placeholder being replaced by the quotes component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class QuotesComponent:
    def __init__(self, nlp: Language, name: str, **cfg: object) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.newswire_quotes = []
        return doc


@Language.factory("newswire_quotes", default_config={})
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)
