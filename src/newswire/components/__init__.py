"""newswire's spaCy components, one module each.

Importing this package registers the factories (``newswire_times``,
``newswire_actors``, ``newswire_places``, ``newswire_quotes``,
``newswire_events``) and the ``Doc._`` extensions they write.

Every component writes JSON-ready dicts in the record's shape (see
:mod:`newswire.record`) to its ``Doc._`` extension, so Docs survive
``nlp.pipe(n_process=N)`` and ``Doc.to_bytes``, and a span group of the same
name in ``doc.spans`` for displaCy.
"""

from __future__ import annotations

from ._doc import register_extensions

register_extensions()

from . import (
    actors,  # noqa: F401
    events,  # noqa: F401
    places,  # noqa: F401
    quotes,  # noqa: F401
    times,  # noqa: F401
)
