"""Which language a text is written in: py3langid (offline model), with a rule for short texts.

Language identification is unreliable on a few words: py3langid calls the English headline
"Merkel meets Macron in Berlin" Dutch and "Kenya, Uganda sign trade pact" Ganda, each with a
low probability. :class:`LanguageDetector` therefore answers only when it can tell:

* the text is classified on a bounded sample (:data:`SAMPLE_CHARS` characters from its start,
  middle and end), so a 5 MB article costs as little as a paragraph;
* with fewer than :data:`MIN_LETTERS` letters (:data:`MIN_LETTERS_NON_LATIN` in scripts such as
  Cyrillic, Arabic or Chinese, whose letters carry more) the answer is ``None``: too short to tell;
* in Latin script, a *preferred* language (the ones the caller can process, default English) is
  the answer from a probability of :data:`PREFERRED_CONFIDENCE`, any other language only from
  :data:`CONFIDENCE`; below that the answer is ``None`` (undetermined);
* in any other script the best label is the answer: the text is certainly not in a Latin-script
  language, even when the model hesitates between, say, Russian and Bulgarian.

Regional and historical labels of the model are folded into their ISO 639-1 language
(Egyptian and Moroccan Arabic -> ``ar``, Wu and Cantonese -> ``zh``, Nigerian Pidgin, an
English-lexifier creole, -> ``en``); labels without an ISO 639-1 code stay ISO 639-3.

>>> detect_language("Le gouvernement a annoncé mardi de nouvelles mesures contre l'inflation.")
'fr'
>>> detect_language("Senate passes budget bill") is None     # too short to tell
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

__all__ = [
    "CONFIDENCE",
    "MIN_LETTERS",
    "MIN_LETTERS_NON_LATIN",
    "PREFERRED_CONFIDENCE",
    "SAMPLE_CHARS",
    "LanguageDetector",
    "base_language",
    "check_language",
    "detect_language",
    "identify",
    "unsupported_reason",
]

#: Characters of the text that are classified (a third each from its start, middle and end).
SAMPLE_CHARS = 3000
#: Fewer letters than this (in Latin script): too short to tell.
MIN_LETTERS = 20
#: Fewer letters than this in a non-Latin script: too short to tell.
MIN_LETTERS_NON_LATIN = 6
#: Probability from which a Latin-script text is said to be in a language not preferred.
CONFIDENCE = 0.90
#: Probability from which a Latin-script text is said to be in a preferred language.
PREFERRED_CONFIDENCE = 0.50

#: Model labels folded into another code (dialects, historical forms, creoles).
_FOLD = {
    "ary": "ar",
    "arz": "ar",
    "wuu": "zh",
    "yue": "zh",
    "uzs": "uz",
    "sdh": "ku",
    "ltg": "lv",
    "hbo": "he",
    "grc": "el",
    "gug": "gn",
    "pcm": "en",
}
#: "No linguistic content": no answer.
_NO_LANGUAGE = "zxx"

_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    """The py3langid identifier with normalised probabilities, loaded once (about 0.5 s)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o < 0x1F00 or 0xFF21 <= o < 0xFF5B


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2 - third // 2
    return "\n".join((text[:third], text[mid : mid + third], text[-third:]))


def base_language(code: str | None) -> str | None:
    """The base ISO code of a language tag: ``"en-US"``, ``"EN_gb"`` -> ``"en"``; ``None`` for junk.

    English names of languages are understood too (``"English"`` -> ``"en"``, ``"French"`` -> ``"fr"``).
    """
    if not code:
        return None
    tag = str(code).strip().replace("_", "-").split("-")[0].lower()
    if not tag:
        return None
    if tag.isascii() and tag.isalpha() and 2 <= len(tag) <= 3:
        return _FOLD.get(tag, tag)
    if tag.isascii() and tag.isalpha() and len(tag) <= 40:
        import pycountry

        try:
            lang = pycountry.languages.lookup(tag)
        except LookupError:
            return None
        found = getattr(lang, "alpha_2", None) or getattr(lang, "alpha_3", None)
        return str(found) if found else None
    return None


def identify(text: str) -> tuple[str | None, float, bool]:
    """``(code, probability, latin)`` of the best language for ``text``'s sample.

    ``code`` is None when the text has too few letters to tell; ``latin`` says whether most of
    its letters are in Latin script. Probabilities of labels folded together are added up.
    """
    sample = _sample(text)
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(1 for ch in letters if _is_latin(ch)) * 2 >= len(letters)
    if len(letters) < (MIN_LETTERS if latin else MIN_LETTERS_NON_LATIN):
        return None, 0.0, latin
    merged: dict[str, float] = {}
    for label, prob in _model().rank(sample):
        code = _FOLD.get(label, label)
        merged[code] = merged.get(code, 0.0) + float(prob)
    code, prob = max(merged.items(), key=lambda kv: kv[1])
    if code == _NO_LANGUAGE:
        return None, prob, latin
    return code, prob, latin


class LanguageDetector:
    """text -> ISO 639-1 code, or None when the text is too short or the model unsure.

    ``prefer`` are the languages the caller can process (default English): in Latin script
    they need a probability of ``preferred_confidence``, other languages ``confidence``,
    so a short English headline is not rejected as Dutch.
    """

    def __init__(
        self,
        prefer: Iterable[str] = ("en",),
        *,
        confidence: float = CONFIDENCE,
        preferred_confidence: float = PREFERRED_CONFIDENCE,
    ) -> None:
        self.prefer = frozenset(c for c in (base_language(p) for p in prefer) if c)
        self.confidence = confidence
        self.preferred_confidence = preferred_confidence

    def __call__(self, text: str) -> str | None:
        """The language of ``text``, or None when it cannot be told."""
        code, prob, latin = identify(text)
        if code is None:
            return None
        if not latin:
            return code
        needed = self.preferred_confidence if code in self.prefer else self.confidence
        return code if prob >= needed else None

    def __repr__(self) -> str:
        return f"LanguageDetector(prefer={sorted(self.prefer)!r})"


_default = LanguageDetector()


def detect_language(text: str) -> str | None:
    """The language of ``text`` (ISO 639-1), or None when too short or unsure; English preferred."""
    return _default(text)


def unsupported_reason(language: str, languages: Iterable[str], *, declared: bool = False) -> str:
    """The rejection reason for a document in ``language`` when only ``languages`` are processed."""
    wanted = ", ".join(sorted(languages)) or "none"
    how = "declared language" if declared else "language"
    return (
        f"{how} {language!r} is not supported (only {wanted}); "
        f"pass --language {language} with a spaCy model for it via --model"
    )


def check_language(text: str, languages: Iterable[str] = ("en",), *, origin: str = "<text>") -> str | None:
    """The language of ``text`` when it is one of ``languages``; raises InputError otherwise.

    For callers of :func:`newswire.analyze` who want the CLI's rule: None when the text is too
    short to tell (it is then accepted).
    """
    from .errors import InputError

    wanted = frozenset(c for c in (base_language(x) for x in languages) if c)
    code = LanguageDetector(prefer=wanted or ("en",))(text)
    if code is not None and wanted and code not in wanted:
        raise InputError(origin, unsupported_reason(code, wanted))
    return code
