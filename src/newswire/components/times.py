"""newswire_times: placeholder being replaced by the times component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class TimesComponent:
    def __init__(self, nlp: Language, name: str, **cfg: object) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.newswire_times = []
        return doc


@Language.factory("newswire_times", default_config={})
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent(nlp, name)
