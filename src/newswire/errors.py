"""newswire's exceptions: one hierarchy, rooted at :class:`NewswireError`.

- :class:`NewswireError`: base class of everything newswire raises on purpose.
  - :class:`InputError`: an input could not be read or analysed (binary, empty, too large,
    undecodable, malformed HTML/XML/JSON, not English). Carries ``source`` (the input's
    name: path, URL or ``stdin:LINE``) and ``reason``.
  - :class:`ModelError`: the spaCy model could not be loaded.
  - :class:`KnowledgeError`: a knowledge file is malformed.
  - :class:`StoreError`: the database could not be opened, migrated or written.
  - :class:`EvaluationError`: an evaluation data set is missing or malformed, or a floor was missed.
"""

from __future__ import annotations

__all__ = [
    "EvaluationError",
    "InputError",
    "KnowledgeError",
    "ModelError",
    "NewswireError",
    "StoreError",
]


class NewswireError(Exception):
    """Base class of newswire's errors."""


class InputError(NewswireError):
    """An input was rejected; ``source`` names it and ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return (type(self), (self.source, self.reason))


class ModelError(NewswireError):
    """The spaCy model could not be loaded."""


class KnowledgeError(NewswireError):
    """A knowledge file could not be loaded."""


class StoreError(NewswireError):
    """The database could not be opened, migrated or written."""


class EvaluationError(NewswireError):
    """Evaluation data was missing or malformed, or a floor was missed."""
