"""A rejected input: where it came from and why it was not read."""

from __future__ import annotations

from ..errors import InputError

__all__ = ["Rejected"]


class Rejected(InputError):
    """An input that could not be read; ``origin`` names it, ``reason`` says why.

    It is an :class:`~newswire.errors.InputError`, so it can be raised as well as yielded.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(origin, reason)

    @property
    def origin(self) -> str:
        """The input's name: a path, ``path:LINE`` for JSONL, ``stdin`` or ``stdin:LINE``."""
        return self.source

    def __reduce__(self) -> tuple[type[Rejected], tuple[str, str]]:
        # picklable across processes (nlp.pipe workers, dask): rebuild from origin and reason
        return (Rejected, (self.source, self.reason))

    def __repr__(self) -> str:
        return f"Rejected({self.source!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rejected):
            return NotImplemented
        return (self.source, self.reason) == (other.source, other.reason)

    def __hash__(self) -> int:
        return hash((self.source, self.reason))
